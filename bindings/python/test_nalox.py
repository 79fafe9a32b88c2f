"""Tests of the Python binding against the real built libnalox, with real
temporary SQLite stores: every wrapped function, the option structs
against the headers, errors, transactions. Run with pytest by
tests/python.sh (make check):

    NALOX_LIBRARY=_build/libnalox/.libs/libnalox.so PYTHONPATH=bindings/python \
        python3 -m pytest -v      # from bindings/python

TESTDATA (default <repo>/tests/data) holds the fixture files, NALOX_HEADERS
(default <repo>/include/nalox) the public headers the structs are checked
against. test_pythonic.py covers nalox.open(), records, memory, the
allocation and installing.
"""
import csv
import ctypes
import datetime
import decimal
import gc
import gzip
import json
import os
import re
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import unittest

import nalox

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("TESTDATA") or os.path.join(REPO, "tests", "data")
HEADERS = os.environ.get("NALOX_HEADERS") or os.path.join(REPO, "include", "nalox")


def D(text):
    """A day as the binding returns it."""
    return datetime.date.fromisoformat(text)


def data(*parts):
    return os.path.join(DATA, *parts)


def header(name):
    with open(os.path.join(HEADERS, name), encoding="utf-8") as f:
        return f.read()


def all_headers():
    return "\n".join(header(n) for n in sorted(os.listdir(HEADERS)) if n.endswith(".h"))


def header_constants():
    """NALOX_* integer constants of the headers: enums and #defines."""
    text = re.sub(r"/\*.*?\*/", " ", all_headers(), flags=re.S)
    values = {}
    for name, value in re.findall(r"#define\s+(NALOX_\w+)\s+(-?(?:0x[0-9a-fA-F]+|\d+))u?\b",
                                  text):
        values[name] = int(value, 0)
    for name, value in re.findall(r"\b(NALOX_\w+)\s*=\s*(-?\d+)", text):
        values[name] = int(value)
    return values


def fixture_store(path):
    db = nalox.Store(path, create=True)
    counts = [db.import_file(kind, data(kind + ".csv"))
              for kind in ("products", "sites", "moves")]
    return db, counts


class TempDir(unittest.TestCase):
    def setUp(self):
        tmp = tempfile.TemporaryDirectory()
        self.addCleanup(tmp.cleanup)
        self.dir = tmp.name

    def tmp(self, name):
        return os.path.join(self.dir, name)


class FixtureTest(TempDir):
    """A store with tests/data/{products,sites,moves}.csv imported."""

    def setUp(self):
        super().setUp()
        self.path = self.tmp("store.db")
        self.db, self.counts = fixture_store(self.path)
        self.addCleanup(self.db.close)

    def issue(self, officer, day="2026-05-02", qty=1, **kw):
        return self.db.record_move(day=day, kind="issue", site="T-STN", product="NYXOID",
                                   qty=qty, holder_kind="officer", holder_ref=officer, **kw)


# --- loading and version ------------------------------------------------------------

class VersionTest(unittest.TestCase):
    def test_version_matches_number_and_headers(self):
        number = nalox.version_number()
        self.assertEqual(number // 10000, nalox.EXPECTED_MAJOR)
        self.assertEqual(nalox.version(),
                         f"{number // 10000}.{number // 100 % 100}.{number % 100}")
        self.assertIn(f'#define NALOX_VERSION "{nalox.version()}"', header("common.h"))

    def test_version_check_refuses_another_major(self):
        nalox._check_version(100, "lib")        # 0.1.0
        nalox._check_version(9999, "lib")       # 0.99.99
        with self.assertRaises(ImportError) as cm:
            nalox._check_version(10203, "/x/libnalox.so")
        self.assertIn("/x/libnalox.so is libnalox 1.2.3", str(cm.exception))
        self.assertIn("needs major version 0", str(cm.exception))

    def import_with(self, library):
        env = dict(os.environ, NALOX_LIBRARY=library, PYTHONPATH=HERE)
        return subprocess.run([sys.executable, "-c", "import nalox"], env=env,
                              capture_output=True, text=True, timeout=60)

    def test_unloadable_library_is_an_import_error(self):
        r = self.import_with(os.path.join(tempfile.gettempdir(), "no-such-dir",
                                          "libnalox.so"))
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("ImportError: nalox: cannot load libnalox", r.stderr)
        self.assertIn("(from NALOX_LIBRARY)", r.stderr)

    def test_other_library_is_an_import_error(self):
        r = self.import_with("libc.so.6")
        self.assertNotEqual(r.returncode, 0)
        self.assertIn("libc.so.6 is not libnalox", r.stderr)

    def test_loads_the_library_named_by_NALOX_LIBRARY(self):
        import ctypes.util
        expected = (os.environ.get("NALOX_LIBRARY") or ctypes.util.find_library("nalox")
                    or "libnalox.so.1")
        self.assertEqual(nalox._lib_path, expected)


class DayTest(unittest.TestCase):
    def test_parse_and_format(self):
        self.assertEqual(nalox.parse_day("1970-01-02"), 1)
        self.assertEqual(nalox.parse_day("2024-02", allow_month=True),
                         nalox.parse_day("2024-02-29"))
        self.assertEqual(nalox.format_day(nalox.parse_day("2027-05", True)), "2027-05-31")
        for text in ("2025-02-30", "2024-02", "1899-12-31", "2025-1-01", ""):
            with self.assertRaises(nalox.InvalidArgument) as cm:
                nalox.parse_day(text)
            self.assertEqual(cm.exception.code, -1)
            self.assertIn(repr(text), str(cm.exception))
        with self.assertRaises(nalox.InvalidArgument):
            nalox.format_day(10 ** 7)
        with self.assertRaises(TypeError):
            nalox.parse_day(20250101)


# --- the binding against the headers ----------------------------------------------------

OPTION_CLASSES = {
    "product": nalox.ProductOptions, "site": nalox.SiteOptions,
    "move": nalox.MoveOptions, "moves": nalox.MovesOptions,
    "stock": nalox.StockOptions, "held": nalox.HeldOptions,
    "expiring": nalox.ExpiringOptions, "administration": nalox.AdministrationOptions,
    "period": nalox.PeriodOptions, "needs": nalox.NeedsOptions,
    "report": nalox.ReportOptions, "alloc": nalox.AllocOptions,
    "demand": nalox.DemandOptions, "incoming": nalox.IncomingOptions,
    "arc": nalox.ArcOptions, "import": nalox.ImportOptions,
}
C_TYPES = {"unsigned": ctypes.c_uint, "int": ctypes.c_int, "long long": ctypes.c_longlong,
           "double": ctypes.c_double, "const char *": ctypes.c_char_p}


class HeaderTest(unittest.TestCase):
    def test_option_structs_match_the_headers(self):
        text = re.sub(r"/\*.*?\*/", " ", all_headers(), flags=re.S)
        structs = re.findall(r"typedef struct nalox_(\w+)_options \{(.*?)\} nalox_\1_options;",
                             text, flags=re.S)
        self.assertEqual(sorted(name for name, _ in structs), sorted(OPTION_CLASSES))
        consts = header_constants()
        for name, body in structs:
            cls = OPTION_CLASSES[name]
            fields = []
            for decl in filter(None, (d.strip() for d in body.split(";"))):
                m = re.fullmatch(r"(.*?)\s*(\w+)", " ".join(decl.split()))
                ctype = m.group(1).replace(" *", " *").replace("char*", "char *")
                fields.append(("from_" if m.group(2) == "from" else m.group(2),
                               C_TYPES[ctype]))
            with self.subTest(struct=name):
                self.assertEqual(cls._fields_, fields)
                self.assertEqual(cls.VERSION, consts[f"NALOX_{name.upper()}_OPTIONS_VERSION"])

    def test_library_defaults_match_the_INIT_macros(self):
        text = re.sub(r"/\*.*?\*/", " ", all_headers(), flags=re.S)
        consts = header_constants()

        def value(term):
            term = term.strip()
            if term in consts:
                return consts[term]
            return float(term) if "." in term else int(term.rstrip("u"), 0)

        for name, cls in OPTION_CLASSES.items():
            m = re.search(rf"#define NALOX_{name.upper()}_OPTIONS_INIT\s*\\?\s*\{{(.*?)\}}",
                          text, flags=re.S)
            expected = [sum(value(t) for t in item.split("|")) if "|" in item else value(item)
                        for item in m.group(1).replace("\\", " ").split(",")]
            opts = nalox._options(cls)
            got = [getattr(opts, f) for f, _ in cls._fields_]
            got = [0 if v is None else v for v in got]
            with self.subTest(struct=name):
                self.assertEqual(got, expected)

    def test_error_classes_match_the_status_codes(self):
        consts = header_constants()
        classes = {"EINVAL": nalox.InvalidArgument, "ENOMEM": nalox.OutOfMemory,
                   "EIO": nalox.FileError, "ESTORE": nalox.StoreError,
                   "ESCHEMA": nalox.SchemaError, "EINPUT": nalox.InputError,
                   "ENOTFOUND": nalox.NotFound, "ESTOCK": nalox.StockError,
                   "EEXISTS": nalox.Exists, "EBUSY": nalox.Busy,
                   "EEXPIRY": nalox.ExpiryError, "ESOLVER": nalox.SolverError}
        codes = {k[len("NALOX_"):]: v for k, v in consts.items()
                 if re.fullmatch(r"NALOX_E[A-Z]+", k)}
        self.assertEqual(sorted(codes), sorted(classes))   # a new code needs a class
        for name, cls in classes.items():
            self.assertEqual(cls.code, codes[name], name)
            self.assertTrue(issubclass(cls, nalox.NaloxError))
            self.assertIs(nalox._ERRORS[codes[name]], cls)
        self.assertIs(nalox.IOError_, nalox.FileError)
        self.assertEqual((nalox.OK, nalox.ROW, nalox.DONE),
                         (consts["NALOX_OK"], consts["NALOX_ROW"], consts["NALOX_DONE"]))
        # a code this binding does not know yet is still a NaloxError
        e = nalox._error(-99, "new")
        self.assertIs(type(e), nalox.NaloxError)
        self.assertEqual((e.code, str(e)), (-99, "new"))


# --- opening and closing ------------------------------------------------------------------

class OpenTest(TempDir):
    def test_create_and_reopen(self):
        path = self.tmp("new.db")
        with nalox.Store(path, create=True) as db:
            self.assertEqual(db.schema_version, header_constants()["NALOX_SCHEMA_VERSION"])
            self.assertIsNone(db.ledger_span())
            self.assertEqual(list(db.products()), [])
        self.assertTrue(db.closed)
        with nalox.Store(path, readonly=True) as db:
            self.assertEqual(list(db.sites()), [])

    def test_missing_store_is_not_created(self):
        path = self.tmp("missing.db")
        with self.assertRaises(nalox.StoreError) as cm:
            nalox.Store(path)
        self.assertEqual(cm.exception.code, -4)
        self.assertIn(f"no store at {path}", str(cm.exception))
        self.assertFalse(os.path.exists(path))

    def test_not_a_store(self):
        path = self.tmp("notes.txt")
        with open(path, "w") as f:
            f.write("not sqlite\n" * 100)
        with self.assertRaises(nalox.StoreError) as cm:
            nalox.Store(path)
        self.assertIn("is not a nalox store", str(cm.exception))
        with self.assertRaises(nalox.StoreError) as cm:
            nalox.Store(self.tmp("no-dir/x.db"), create=True)
        self.assertIn("cannot open store", str(cm.exception))

    def test_newer_schema_is_refused_and_left_alone(self):
        path = self.tmp("newer.db")
        nalox.Store(path, create=True).close()
        con = sqlite3.connect(path)
        con.execute("PRAGMA user_version = 99")
        con.commit()
        con.close()
        with self.assertRaises(nalox.SchemaError) as cm:
            nalox.Store(path)
        self.assertEqual(cm.exception.code, -5)
        self.assertIn("schema version 99", str(cm.exception))
        con = sqlite3.connect(path)
        self.assertEqual(con.execute("PRAGMA user_version").fetchone()[0], 99)
        con.close()

    def test_old_store_is_migrated(self):
        path = self.tmp("v1.db")
        shutil.copy(data("store-v1.db"), path)
        with nalox.Store(path) as db:
            self.assertEqual(db.schema_version, header_constants()["NALOX_SCHEMA_VERSION"])
            self.assertEqual(db.ledger_span(), (D("2026-01-05"), D("2026-04-30")))

    def test_create_and_readonly_exclude_each_other(self):
        with self.assertRaises(nalox.InvalidArgument):
            nalox.Store(self.tmp("x.db"), create=True, readonly=True)
        self.assertFalse(os.path.exists(self.tmp("x.db")))

    def test_readonly_store_refuses_writes(self):
        path = self.tmp("ro.db")
        fixture_store(path)[0].close()
        with nalox.Store(path, readonly=True) as db:
            with self.assertRaises(nalox.StoreError) as cm:
                db.import_file("moves", data("moves-more.csv.gz"))
            self.assertIn("readonly", str(cm.exception))
            self.assertEqual(len(list(db.moves())), 12)

    def test_close_twice_and_use_after_close(self):
        db, _ = fixture_store(self.tmp("c.db"))
        db.close()
        db.close()
        self.assertTrue(db.closed)
        calls = [lambda: list(db.stock("2026-05-01")), db.products, db.moves, db.ledger_span,
                 lambda: db.import_file("moves", data("moves.csv")),
                 lambda: db.record_move(day="2026-05-02", kind="issue", site="T-STN",
                                        product="NYXOID", qty=1, holder_kind="officer",
                                        holder_ref="C9"),
                 lambda: db.schema_version, lambda: db.transaction().__enter__()]
        for call in calls:
            with self.assertRaises(nalox.StoreError) as cm:
                call()
            self.assertIn("is closed", str(cm.exception))

    def test_finalizer_closes_a_forgotten_store(self):
        db, _ = fixture_store(self.tmp("f.db"))
        finalizer = db._finalizer
        self.assertTrue(finalizer.alive)
        del db
        gc.collect()
        self.assertFalse(finalizer.alive)

    def test_close_frees_open_row_sets_first(self):
        db, _ = fixture_store(self.tmp("r.db"))
        rows = db.moves()
        self.assertEqual(next(rows).ref, "T-0001")
        self.assertEqual(len(db._h._children), 1)
        db.close()                  # frees the rows, then the handle (ASan checks)
        self.assertEqual(db._h._children, {})
        with self.assertRaises(nalox.StoreError) as cm:
            next(rows)
        self.assertIn("closed", str(cm.exception))


# --- importing ---------------------------------------------------------------------------

class ImportTest(FixtureTest):
    def test_fixture_counts(self):
        self.assertEqual(self.counts, [2, 4, 12])
        self.assertEqual(self.db.import_file("moves", data("moves-more.csv.gz")), 2000)
        self.assertEqual(len(list(self.db.moves())), 2012)

    def test_bad_file_raises_and_changes_nothing(self):
        before = (list(self.db.moves()), list(self.db.stock("2026-12-31", by_lot=True)))
        with self.assertRaises(nalox.InputError) as cm:
            self.db.import_file("moves", data("bad", "negative-qty.csv"))
        self.assertIn("negative-qty.csv:5: field 'qty'", str(cm.exception))
        self.assertEqual(cm.exception.code, -6)
        self.assertEqual((list(self.db.moves()), list(self.db.stock("2026-12-31", by_lot=True))), before)
        self.assertEqual(self.db._h._children, {})

    def test_other_import_errors(self):
        with self.assertRaises(nalox.FileError) as cm:
            self.db.import_file("moves", self.tmp("missing.csv"))
        self.assertEqual(cm.exception.code, -3)
        self.assertIn("missing.csv: cannot open", str(cm.exception))
        with self.assertRaises(nalox.InvalidArgument) as cm:
            self.db.import_file("nonsense", data("moves.csv"))
        self.assertIn("unknown import kind 'nonsense'", str(cm.exception))
        with self.assertRaises(nalox.Exists) as cm:     # same refs again
            self.db.import_file("moves", data("moves.csv"))
        self.assertEqual(cm.exception.code, -9)
        self.assertIn("moves.csv:2: field 'ref': 'T-0001'", str(cm.exception))
        self.assertEqual(len(list(self.db.moves())), 12)

    def test_path_like(self):
        import pathlib
        self.assertEqual(self.db.import_file("sites", pathlib.Path(data("sites.csv"))), 4)


# --- queries -------------------------------------------------------------------------------

class QueryTest(FixtureTest):
    def test_stock(self):
        rows = list(self.db.stock("2026-05-01", site="T-STORE"))
        nyx = [r for r in rows if r.site == "T-STORE" and r.product == "NYXOID"]
        self.assertEqual(len(nyx), 1)
        self.assertEqual(nyx[0].qty, 57)
        self.assertIsInstance(nyx[0].qty, int)
        self.assertEqual(nyx[0].next_expiry, D("2026-06-30"))
        # as of a day before the count, the ledger said 58
        self.assertEqual([r.qty for r in list(self.db.stock("2026-04-29", site="T-STORE",
                                                             product="NYXOID"))
                          if r.site == "T-STORE"], [58])
        self.assertEqual(list(self.db.stock("2026-01-01")), [])

    def test_stock_by_lot_rollup_order_limit(self):
        lots = list(self.db.stock("2026-07-01", by_lot=True, soonest=True))
        self.assertEqual([r.expiry for r in lots], sorted(r.expiry for r in lots))
        stn = [r for r in lots if r.site == "T-STN"][0]
        self.assertEqual((stn.lot, stn.days_left, stn.qty), ("NX-A", -1, 39))
        self.assertEqual(len(list(self.db.stock("2026-07-01", by_lot=True, limit=1))), 1)
        rolled = list(self.db.stock("2026-05-01", site="T-POL", rollup=True))
        self.assertEqual([(r.site, r.qty) for r in rolled],
                         [("T-POL", 39), ("T-STN", 39)])
        self.assertEqual(list(self.db.stock("2026-05-01", site="T-POL")),
                         [r for r in list(self.db.stock("2026-05-01")) if r.site == "T-STN"])
        self.assertEqual(list(self.db.stock("2026-05-01", area="NOPE")), [])

    def test_held(self):
        held = list(self.db.held("2026-07-01", holder_kind="officer"))
        self.assertEqual([(r.holder_ref, r.lot, r.days_left, r.qty,
                           r.supplied_by, r.area) for r in held],
                         [("C1001", "NX-A", -1, 1, "T-STN", "TST")])
        people = list(self.db.held("2026-07-01", holder_kind="person"))
        self.assertEqual([(r.holder_ref, r.product, r.qty) for r in people],
                         [("P-000001", "PRENOXAD", 2)])
        self.assertEqual(list(self.db.held("2026-07-01", holder_kind="officer",
                                      holder_ref="C1002")), [])

    def test_moves(self):
        moves = list(self.db.moves())
        self.assertEqual([m.ref for m in moves], [f"T-{i:04d}" for i in range(1, 13)])
        first = moves[0]
        self.assertEqual(first._asdict(), {"id": first.id, "day": D("2026-01-05"),
                                 "kind": "receive",
                                 "site": "T-STORE", "product": "NYXOID", "lot": "NX-A",
                                 "expiry": D("2026-06-30"), "qty": 100, "adjust": None,
                                 "to_site": None, "holder_kind": None, "holder_ref": None,
                                 "reason": None, "ref": "T-0001"})
        count = list(self.db.moves(kind="count"))
        self.assertEqual([(m.qty, m.adjust, m.reason) for m in count],
                         [(57, -1, "monthly count")])
        self.assertEqual(len(list(self.db.moves(from_="2026-02-01", to="2026-03-01"))), 4)
        self.assertEqual([m.ref for m in list(self.db.moves(holder_kind="person"))],
                         ["T-0007", "T-0008", "T-0009"])
        self.assertEqual(len(list(self.db.moves(limit=3, entry_order=True))), 3)
        with self.assertRaises(TypeError):
            list(self.db.moves("2026-01-01"))         # filters are keywords

    def test_catalogue(self):
        products = list(self.db.products())
        self.assertEqual([p.code for p in products], ["NYXOID", "PRENOXAD"])
        self.assertEqual(products[0].unit_cost_gbp, 27.5)
        self.assertIsInstance(products[0].dose_mg, float)
        self.assertEqual(products[1].name, "Prenoxad 2 mg/2 ml pre-filled syringe, 2 needles")
        sites = list(self.db.sites())
        self.assertEqual([(s.code, s.parent, s.depth) for s in sites],
                         [("T-POL", None, 0), ("T-STN", "T-POL", 1),
                          ("T-STORE", None, 0), ("T-HUB", "T-STORE", 1)])
        self.assertEqual(sites[3].name, 'Hub "North"')

    def test_ledger_span(self):
        self.assertEqual(self.db.ledger_span(), (D("2026-01-05"), D("2026-04-30")))

    def test_expiring(self):
        total = list(self.db.expiring("2026-07-01", group="all"))
        self.assertEqual(len(total), 1)
        self.assertEqual((total[0].in_stock, total[0].held, total[0].kits,
                          total[0].holders), (96, 1, 97, 1))
        holders = list(self.db.expiring("2026-07-01", holder_kind="officer", group="holder"))
        self.assertEqual([(r.holder_ref, r.supplied_by, r.days_left, r.expired,
                           r.kits) for r in holders], [("C1001", "T-STN", -1, 1, 1)])
        stock_only = list(self.db.expiring("2026-07-01", in_hands=False))
        self.assertEqual({r.place for r in stock_only}, {"stock"})
        with self.assertRaises(nalox.InvalidArgument):
            list(self.db.expiring("2026-07-01", in_stock=False, in_hands=False))
        with self.assertRaises(nalox.InvalidArgument) as cm:
            list(self.db.expiring("2026-07-01", group="planet"))
        self.assertIn("'planet'", str(cm.exception))

    def test_resupply_first_expiry_is_a_day(self):
        holders = list(self.db.expiring("2026-07-01", group="holder"))
        self.assertEqual(holders[0].first_expiry, D("2026-06-30"))

    def test_reconcile_balances(self):
        rows = list(self.db.reconcile("2026-01-01", "2026-06-30"))
        self.assertTrue(rows)
        self.assertEqual({r.check for r in rows}, {0})
        store = [r for r in rows if r.name == "T-STORE"][0]
        self.assertEqual((store.received, store.transfer_out, store.unexplained,
                          store.closing), (150, 60, -1, 87))
        with self.assertRaises(nalox.InvalidArgument):
            list(self.db.reconcile("2026-06-30", "2026-01-01"))

    def test_key_figures(self):
        months = list(self.db.key_figures("2026-01-01", "2026-03-31"))
        self.assertEqual([m.month for m in months], ["2026-01", "2026-02", "2026-03"])
        self.assertEqual(months[1].first_supplies, 4)
        self.assertIsInstance(months[1].in_date_per_officer, float)

    def test_needs_and_coverage(self):
        needs = list(self.db.needs("2026-05-01", area="TST"))
        self.assertEqual([r.product for r in needs], ["NYXOID", "PRENOXAD"])
        parts = ("new_holders", "replace_used", "replace_expiring", "carriage", "surge",
                 "msn_substitution", "safety_stock")
        for r in needs:
            self.assertEqual(r.required, sum(getattr(r, p) for p in parts))
        compare = list(self.db.needs_compare("2026-05-01", [data("needs", "surge.ini"),
                                                       data("needs", "double.ini")]))
        surge = [r for r in compare if r.product == "NYXOID" and r.figure == "surge"][0]
        self.assertEqual(surge.double, 2 * surge.surge)
        with self.assertRaises(nalox.NaloxError) as cm:
            list(self.db.needs("2026-05-01", scenario=data("needs", "bad.ini")))
        self.assertIn("bad.ini", str(cm.exception))
        coverage = list(self.db.coverage("2026-05-01", area="TST"))
        self.assertEqual([(r.area, r.in_date_kits_held) for r in coverage], [("TST", 2)])

    def test_query_errors(self):
        with self.assertRaises(nalox.NotFound) as cm:
            list(self.db.stock("2026-05-01", site="NOWHERE"))
        self.assertEqual(cm.exception.code, -7)
        self.assertIn("unknown site 'NOWHERE'", str(cm.exception))
        with self.assertRaises(nalox.InvalidArgument):
            list(self.db.stock("2026-13-01"))
        with self.assertRaises(nalox.InvalidArgument):
            list(self.db.stock("2026-05-01", limit=2 ** 63))    # does not fit long long
        with self.assertRaises(nalox.InvalidArgument):
            list(self.db.stock("2026-05-01", site="T-\0STORE"))
        self.assertEqual(self.db._h._children, {})

    def test_export(self):
        path = self.tmp("stock.csv")
        self.db.export(path, "stock", "2026-05-01")
        with open(path, newline="", encoding="utf-8") as f:
            exported = list(csv.DictReader(f))
        expected = [{k: "" if v is None else str(v) for k, v in r._asdict().items()}
                    for r in list(self.db.stock("2026-05-01"))]
        self.assertEqual(exported, expected)
        path = self.tmp("moves.json.gz")
        self.db.export(path, "moves", format="json", kind="count")
        with gzip.open(path, "rt", encoding="utf-8") as f:
            self.assertEqual(json.load(f), [
                {k: v.isoformat() if isinstance(v, datetime.date) else v
                 for k, v in r._asdict().items()} for r in self.db.moves(kind="count")])
        with self.assertRaises(nalox.FileError) as cm:
            self.db.export(self.tmp("no-dir/x.csv"), "products")
        self.assertIn("no-dir/x.csv: cannot write", str(cm.exception))
        with self.assertRaises(nalox.InvalidArgument):
            self.db.export(self.tmp("x.xml"), "products", format="xml")
        with self.assertRaises(nalox.InvalidArgument):
            self.db.export(self.tmp("x.csv"), "close")
        self.assertEqual(self.db._h._children, {})

    def test_report_plan(self):
        path = self.tmp("plan.md")
        self.db.report_plan(path, "2026-05-01", "TST")
        with open(path, encoding="utf-8") as f:
            self.assertRegex(f.read(), r"(?m)^# Naloxone: .*, TST, as of 2026-05-01$")
        path = self.tmp("plan.html")
        self.db.report_plan(path, "2026-05-01", "TST", format="html")
        with open(path, encoding="utf-8") as f:
            page = f.read()
        self.assertIn("<svg", page)
        self.assertNotIn("<script src=", page)
        with self.assertRaises(nalox.NotFound):
            self.db.report_plan(self.tmp("none.md"), "2026-05-01", "NOPE")
        self.assertFalse(os.path.exists(self.tmp("none.md")))


# --- writing -------------------------------------------------------------------------------

class WriteTest(FixtureTest):
    def test_record_move(self):
        move = self.issue("C9", ref="PY-1")
        self.assertEqual(list(self.db.moves(holder_ref="C9"))[0].id, move)
        self.assertEqual([r.qty for r in list(self.db.held("2026-05-02", holder_kind="officer",
                                                            holder_ref="C9"))], [1])
        self.assertGreater(self.issue("C10"), move)

    def test_overdraw_is_a_stock_error(self):
        with self.assertRaises(nalox.StockError) as cm:
            self.issue("C9", qty=500, lot="NX-A")
        self.assertEqual(cm.exception.code, -8)
        self.assertEqual(len(list(self.db.moves())), 12)
        # back-dated: the kits had not arrived at the station yet
        with self.assertRaises(nalox.StockError):
            self.issue("C9", day="2026-01-09", lot="NX-A")

    def test_unknown_references_are_not_found(self):
        for field, kw in (("site", {"site": "NOWHERE"}), ("product", {"product": "NOPE"})):
            args = dict(day="2026-05-02", kind="issue", site="T-STN", product="NYXOID",
                        qty=1, holder_kind="officer", holder_ref="C9")
            args.update(kw)
            with self.assertRaises(nalox.NotFound) as cm:
                self.db.record_move(**args)
            self.assertIn(f"field '{field}'", str(cm.exception))
        self.assertEqual(len(list(self.db.moves())), 12)

    def test_duplicate_ref_and_bad_fields(self):
        with self.assertRaises(nalox.Exists):
            self.issue("C9", ref="T-0001")
        with self.assertRaises(nalox.InvalidArgument) as cm:
            self.db.record_move(day="2026-05-02", kind="teleport", site="T-STN",
                                product="NYXOID", qty=1)
        self.assertIn("kind", str(cm.exception))
        with self.assertRaises(TypeError):
            self.db.record_move(day="2026-05-02", kind="issue", site="T-STN",
                                product="NYXOID", qty="1")
        with self.assertRaises(TypeError):
            self.db.record_move(day="2026-05-02", kind="issue", site="T-STN",
                                product="NYXOID", qty=1, colour="red")

    def test_expired_kits_are_not_issued(self):
        with self.assertRaises(nalox.ExpiryError) as cm:
            self.issue("C9", day="2026-07-01", lot="NX-A")
        self.assertEqual(cm.exception.code, -11)
        self.assertIn("NX-A", str(cm.exception))

    def test_put_product_pence_exactly(self):
        base = dict(name="Test kit", route="nasal", doses_per_kit=2, dose_mg=1.8,
                    shelf_life_months=24)
        for code, cost, expected in (("D", decimal.Decimal("27.35"), 27.35),
                                     ("S", "18.5", 18.5), ("F", 0.29, 0.29),
                                     ("I", 5, 5.0)):
            self.db.put_product(code=code, unit_cost_gbp=cost, **base)
            got = {p.code: p for p in list(self.db.products())}[code]
            self.assertEqual(got.unit_cost_gbp, expected, code)
        self.db.put_product(code="M", unit_cost_gbp="1", min_issue_days=60, **base)
        self.assertEqual({p.code: p for p in list(self.db.products())}["M"].min_issue_days, 60)
        for cost in ("12.345", "abc", float("nan"), decimal.Decimal("Infinity")):
            with self.assertRaises(nalox.InvalidArgument):
                self.db.put_product(code="BAD", unit_cost_gbp=cost, **base)
        with self.assertRaises(nalox.InvalidArgument) as cm:
            self.db.put_product(code="BAD", unit_cost_gbp="-1", **base)
        self.assertIn("unit_cost_gbp", str(cm.exception))
        self.assertNotIn("BAD", [p.code for p in list(self.db.products())])

    def test_put_site_and_utf8(self):
        name = "Clinig Caerdydd – Ysbyty Athrofaol"
        self.db.put_site(code="T-CLN", name=name, kind="treatment", area="TST",
                         parent="T-HUB")
        site = [s for s in list(self.db.sites()) if s.code == "T-CLN"][0]
        self.assertEqual((site.name, site.parent, site.depth), (name, "T-HUB", 2))
        with self.assertRaises(nalox.NotFound):
            self.db.put_site(code="X", name="x", kind="store", area="TST", parent="NOPE")
        with self.assertRaises(nalox.InvalidArgument) as cm:   # a cycle
            self.db.put_site(code="T-STORE", name="x", kind="store", area="TST",
                             parent="T-CLN")
        self.assertIn("site tree", str(cm.exception))

    def test_min_issue_days(self):
        self.db.set_min_issue_days(60)      # NX-A expires 2026-06-30
        with self.assertRaises(nalox.ExpiryError):
            self.issue("C9", day="2026-05-15", lot="NX-A")
        with self.assertRaises(nalox.InvalidArgument):
            self.db.set_min_issue_days(-1)

    def test_writeoff_expired(self):
        proposed = list(self.db.writeoff_expired("2026-07-01", dry_run=True))
        self.assertEqual(sorted((r.site, r.qty, r.move_id) for r in proposed),
                         [("T-STN", 39, None), ("T-STORE", 57, None)])
        self.assertEqual(len(list(self.db.moves())), 12)
        made = list(self.db.writeoff_expired("2026-07-01", site="T-POL"))
        self.assertEqual([(r.site, r.qty) for r in made], [("T-STN", 39)])
        self.assertIsInstance(made[0].move_id, int)
        self.assertEqual(list(self.db.moves(kind="writeoff"))[-1].reason, "expired")

    def test_record_administration(self):
        move = self.db.record_administration(day="2026-05-10", area="TST", site="T-STN",
                                             holder_kind="officer", holder_ref="C1001",
                                             product="NYXOID", doses=2, outcome="conscious",
                                             seen_by_paramedics=True, ref="ADM-1")
        self.assertEqual(list(self.db.moves(kind="administer", holder_ref="C1001"))[0].id, move)
        self.assertEqual(list(self.db.held("2026-05-10", holder_kind="officer",
                                      holder_ref="C1001")), [])
        with self.assertRaises(nalox.InvalidArgument):   # 1 Nyxoid kit has 2 doses
            self.db.record_administration(day="2026-05-10", area="TST", site="T-STN",
                                          product="NYXOID", doses=5, outcome="conscious")


class TransactionTest(FixtureTest):
    def test_rollback_on_exception(self):
        with self.assertRaises(RuntimeError):
            with self.db.transaction():
                self.issue("C9")
                self.assertEqual(len(list(self.db.moves())), 13)
                raise RuntimeError("undo")
        self.assertEqual(len(list(self.db.moves())), 12)
        self.assertEqual(list(self.db.held("2026-05-02", holder_kind="officer",
                                      holder_ref="C9")), [])

    def test_library_error_rolls_back_the_whole_block(self):
        with self.assertRaises(nalox.StockError):
            with self.db.transaction():
                self.issue("C9")
                self.issue("C10", qty=500)
        self.assertEqual(len(list(self.db.moves())), 12)

    def test_commit(self):
        with self.db.transaction() as db:
            self.assertIs(db, self.db)
            self.issue("C9")
            self.db.import_file("moves", data("moves-more.csv.gz"))
        self.db.close()
        with nalox.Store(self.path) as again:
            self.assertEqual(len(list(again.moves())), 2013)

    def test_import_inside_is_undone(self):
        with self.assertRaises(KeyError):
            with self.db.transaction():
                self.db.import_file("moves", data("moves-more.csv.gz"))
                raise KeyError("no")
        self.assertEqual(len(list(self.db.moves())), 12)

    def test_nesting_is_an_error(self):
        with self.db.transaction():
            with self.assertRaises(nalox.InvalidArgument) as cm:
                with self.db.transaction():
                    pass
            self.assertIn("already open", str(cm.exception))
            self.issue("C9")
        self.assertEqual(len(list(self.db.moves())), 13)


class TwoHandlesTest(FixtureTest):
    def test_handles_see_each_others_writes(self):
        other = nalox.Store(self.path)
        self.addCleanup(other.close)
        self.issue("C9")
        other.record_move(day="2026-05-02", kind="issue", site="T-STN", product="NYXOID",
                          qty=1, holder_kind="officer", holder_ref="C10")
        self.assertEqual(len(list(self.db.moves())), 14)
        self.issue("C11")
        self.assertEqual(len(list(other.moves())), 15)


if __name__ == "__main__":
    unittest.main()
