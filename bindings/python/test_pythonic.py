"""The binding's Pythonic surface, in pytest style, against the real built
libnalox, real temporary stores and (where a test compares) the real
built `nalox` command ($NALOX): `with nalox.open(...)`, records with
datetime.date days, exceptions with the library's message, memory freed
by the binding, the allocation, and `pip install ./bindings/python`.

Mirrors the C tests' key cases: a failed import raises and leaves the
store unchanged; expiring kits match the CLI's JSON; the allocation
matches `nalox allocate`.
"""
import datetime
import gc
import json
import os
import shutil
import subprocess
import sys

import pytest

import nalox

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("TESTDATA") or os.path.join(REPO, "tests", "data")
HEADERS = os.environ.get("NALOX_HEADERS") or os.path.join(REPO, "include", "nalox")
DEMAND = os.path.join(REPO, "examples", "demand.csv")
D = datetime.date.fromisoformat


def data(*parts):
    return os.path.join(DATA, *parts)


@pytest.fixture
def store_path(tmp_path):
    """A store file with tests/data/{products,sites,moves}.csv imported."""
    path = tmp_path / "store.db"
    with nalox.open(path, create=True) as db:
        for kind in ("products", "sites", "moves"):
            db.import_file(kind, data(kind + ".csv"))
    return path


@pytest.fixture
def db(store_path):
    with nalox.open(store_path) as db:
        yield db
        assert db._h._children == {}, "a test left row sets or allocations open"


@pytest.fixture
def cli():
    """Run the built nalox: cli(store, args...) -> stdout (checked)."""
    exe = os.environ.get("NALOX")
    if not exe:
        pytest.skip("NALOX (the built nalox) is not set: run through make check")

    def run(store, *args):
        r = subprocess.run([exe, "--db", os.fspath(store), *args], capture_output=True,
                           text=True, timeout=120)
        assert r.returncode == 0, r.stderr
        return r.stdout
    return run


def jsonable(record):
    """A record as the CLI's JSON has it: days as 'YYYY-MM-DD'."""
    return {k: v.isoformat() if isinstance(v, datetime.date) else v
            for k, v in zip(record._columns, record)}


# --- open, close ---------------------------------------------------------------------

def test_open_is_a_context_manager(tmp_path):
    path = tmp_path / "new.db"
    with nalox.open(path, create=True) as db:
        assert isinstance(db, nalox.Store)
        assert not db.closed
        assert list(db.products()) == []
        assert db.ledger_span() is None
    assert db.closed
    with pytest.raises(nalox.StoreError, match="is closed"):
        db.products()
    with nalox.open(path, readonly=True) as again:
        assert again.schema_version >= 1


def test_open_errors_carry_the_library_message(tmp_path):
    with pytest.raises(nalox.StoreError, match=f"no store at {tmp_path / 'missing.db'}") as e:
        nalox.open(tmp_path / "missing.db")
    assert e.value.code == nalox.ESTORE
    assert not (tmp_path / "missing.db").exists()


# --- records ---------------------------------------------------------------------------

def test_rows_are_records_with_dates(db):
    rows = db.stock(datetime.date(2026, 5, 1), site="T-STORE", by_lot=True)
    assert isinstance(rows, nalox.Rows)
    assert iter(rows) is rows
    lots = [r for r in rows if r.site == "T-STORE"]     # T-HUB is below T-STORE
    assert [(r.site, r.product, r.lot) for r in lots] == [
        ("T-STORE", "NYXOID", "NX-A"), ("T-STORE", "PRENOXAD", "PX-1")]
    nyx = lots[0]
    assert isinstance(nyx, tuple) and hasattr(nyx, "_fields")     # a named tuple
    assert nyx.expiry == datetime.date(2026, 6, 30)
    assert type(nyx.expiry) is datetime.date
    assert nyx.days_left == 60 and nyx.qty == 57
    assert nyx._asdict()["site_name"] == "Test central store"
    assert rows.columns == nyx._columns == (
        "site", "site_name", "area", "product", "lot", "expiry", "days_left", "qty")


def test_days_in_as_dates_or_strings(db):
    as_date = list(db.held(datetime.date(2026, 7, 1), holder_kind="officer"))
    as_text = list(db.held("2026-07-01", holder_kind="officer"))
    assert as_date == as_text
    assert as_date[0].expiry == D("2026-06-30") and as_date[0].days_left == -1
    with pytest.raises(TypeError, match="datetime"):
        db.held(datetime.datetime(2026, 7, 1, 12, 0))
    with pytest.raises(nalox.InvalidArgument):
        db.held("2026-02-30")


def test_moves_days_and_keywords(db):
    moves = list(db.moves(from_=datetime.date(2026, 3, 1), to=datetime.date(2026, 3, 31)))
    assert [(m.day, m.kind, m.ref) for m in moves] == [
        (D("2026-03-01"), "administer", "T-0008"), (D("2026-03-02"), "issue", "T-0009"),
        (D("2026-03-15"), "return", "T-0010")]
    assert all(m.expiry in (D("2026-06-30"), D("2028-02-29")) for m in moves)


def test_keyword_columns_become_fields():
    rec = nalox.record_type("T", ("from", "to", "msn-nasal", "2x", "kits"))
    assert rec._fields == ("from_", "to", "msn_nasal", "c2x", "kits")
    assert rec._columns == ("from", "to", "msn-nasal", "2x", "kits")


# --- errors and imports ------------------------------------------------------------------

def test_failed_import_raises_and_changes_nothing(db):
    before = (list(db.moves()), list(db.stock("2026-12-31", by_lot=True)),
              list(db.held("2026-12-31")))
    for bad, message in (("negative-qty.csv", "negative-qty.csv:5: field 'qty'"),
                         ("unknown-site.csv", "unknown-site.csv:"),
                         ("truncated.csv.gz", "truncated.csv.gz")):
        with pytest.raises(nalox.NaloxError, match=message) as e:
            db.import_file("moves", data("bad", bad))
        assert e.value.code in (nalox.EINPUT, nalox.ENOTFOUND, nalox.EIO)
        assert str(e.value) == e.value.message
    after = (list(db.moves()), list(db.stock("2026-12-31", by_lot=True)),
             list(db.held("2026-12-31")))
    assert after == before


def test_error_subclasses(db):
    with pytest.raises(nalox.NotFound, match="unknown site 'NOWHERE'"):
        db.stock("2026-05-01", site="NOWHERE")
    with pytest.raises(nalox.StockError):
        db.record_move(day="2026-05-02", kind="issue", site="T-STN", product="NYXOID",
                       qty=500, holder_kind="officer", holder_ref="C9")
    assert issubclass(nalox.SolverError, nalox.NaloxError)
    assert nalox.SolverError.code == nalox.ESOLVER == -12


# --- the CLI and the binding agree ---------------------------------------------------------

@pytest.mark.parametrize("args,kwargs", [
    (["expiring", "--within", "90"], dict(within_days=90)),
    (["expiring", "--within", "400"], dict(within_days=400)),
    (["expiring", "--group", "holder"], dict(group="holder")),
    (["expiring", "--group", "site", "--held-only"], dict(group="site", in_stock=False)),
])
def test_expiring_matches_the_cli_json(db, store_path, cli, args, kwargs):
    want = json.loads(cli(store_path, "--as-of", "2026-05-01", "--format", "json", *args))["rows"]
    got = [jsonable(r) for r in db.expiring(datetime.date(2026, 5, 1), **kwargs)]
    assert want, "the CLI listed nothing: the comparison would prove nothing"
    assert got == want


def test_held_matches_the_cli_json(db, store_path, cli):
    want = json.loads(cli(store_path, "--as-of", "2026-07-01", "--format", "json", "held"))["rows"]
    assert [jsonable(r) for r in db.held("2026-07-01")] == want


# --- memory --------------------------------------------------------------------------------

def test_rows_are_freed_when_done_abandoned_or_closed(db):
    rows = db.moves()
    assert len(db._h._children) == 1
    assert len(list(rows)) == 12
    assert db._h._children == {}                 # freed at the end of the iteration
    abandoned = db.moves()
    next(abandoned)
    assert len(db._h._children) == 1
    del abandoned
    gc.collect()
    assert db._h._children == {}                 # freed when collected
    with db.stock("2026-05-01") as rows:
        next(rows)
    assert db._h._children == {}                 # freed by the with-block
    with pytest.raises(StopIteration):
        next(rows)


def test_closing_the_store_frees_what_is_left(store_path):
    db = nalox.open(store_path)
    rows = db.moves()
    next(rows)
    plan = db.allocation("2026-05-01")
    assert len(db._h._children) == 2
    db.close()                                   # rows and allocation first (ASan checks)
    assert db._h._children == {}
    with pytest.raises(nalox.StoreError):
        next(rows)
    with pytest.raises(nalox.StoreError, match="closed"):
        plan.solve()
    plan.close()                                 # harmless


def test_a_forgotten_store_is_closed_when_collected(store_path):
    db = nalox.open(store_path)
    handle = db._h
    rows = db.moves()
    next(rows)
    del db, rows
    gc.collect()
    assert handle.closed and handle._children == {}


# --- allocation ----------------------------------------------------------------------------

def test_allocation_from_files_matches_the_cli(db, store_path, cli, tmp_path):
    with db.allocation(datetime.date(2026, 5, 1)) as plan:
        assert plan.load("demand", DEMAND) == 3
        assert plan.solve() is plan
        demand = list(plan.demand())
        objective = plan.objective
        totals = plan.totals()
        transfers = list(plan.transfers())
        lp = tmp_path / "plan.lp"
        plan.write_lp(lp)
    assert plan.closed
    assert db._h._children == {}
    want = json.loads(cli(store_path, "--as-of", "2026-05-01", "--format", "json",
                          "allocate", "--demand", DEMAND, "--view", "demand"))["rows"]
    assert [jsonable(r) for r in demand] == [
        {k: (round(v, 3) if isinstance(v, float) else v) for k, v in w.items()}
        for w in want]
    officers = [r for r in demand if r.cohort == "officers"][0]
    assert (officers.allocated, officers.unmet, officers.limited_by) == (39, 21, "supply")
    assert objective == nalox.Objective(totals["objective"], totals["bound"])
    assert objective.objective == pytest.approx(716.312)
    assert totals["kits_allocated"] == 139 and totals["solver"].startswith("network")
    assert [(t.from_, t.to, t.product, t.kits, t.ready) for t in transfers] == [
        ("T-STORE", "T-HUB", "NYXOID", 57, D("2026-05-01")),
        ("T-STORE", "T-HUB", "PRENOXAD", 26, D("2026-05-01"))]
    text = lp.read_text()
    assert "Maximize" in text or "maximize" in text.lower()
    assert "supply_1" in text and "demand_1" in text


def test_allocation_through_the_api_and_recorded(db):
    plan = db.allocate(
        "2026-05-01", solver="simplex", equity=(1, 0.5),
        demand=[dict(site="T-STN", cohort="officers", kits=200, weight=5,
                     products=["NYXOID"])],
        incoming=[dict(product="NYXOID", kits=10, site="T-STN", day=D("2026-05-10"))],
        arcs=[dict(from_="T-STORE", to="T-STN", cost=0.5, capacity=50)])
    with plan:
        line, = plan.demand()
        assert (line.required, line.allocated) == (200, 39 + 50 + 10)
        supply = {(s.site, s.lot): s for s in plan.supply()}
        assert supply[("T-STN", "incoming")].available == D("2026-05-10")
        assert plan.totals()["solver"].startswith("simplex")
        n = plan.record("PY-MSN")
        assert n == 1
    moved = list(db.moves(kind="transfer", from_="2026-05-01"))
    assert [(m.ref, m.site, m.to_site, m.qty) for m in moved] == [
        ("PY-MSN-1", "T-STORE", "T-STN", 50)]
    stn = [r.qty for r in db.stock("2026-05-01", site="T-STN", product="NYXOID")]
    assert stn == [89]


def test_allocation_errors(db, tmp_path):
    bad = tmp_path / "demand.csv"
    bad.write_text("site,cohort,kits,weight,products\nT-STN,officers,-3,5,NYXOID\n")
    with db.allocation("2026-05-01") as plan:
        with pytest.raises(nalox.InputError, match="demand.csv:2: field 'kits'"):
            plan.load("demand", bad)
        with pytest.raises(nalox.InvalidArgument, match="not solved"):
            list(plan.demand())
        with pytest.raises(nalox.NotFound):
            plan.add_demand(site="NOWHERE", cohort="x", kits=1, products="NYXOID")
        with pytest.raises(nalox.InvalidArgument):
            plan.solve()                               # no demand lines
    with db.allocation("2026-05-01", transfers="none") as plan:
        plan.add_demand(site="T-STN", cohort="x", kits=1, products="NYXOID")
        plan.solve()
        with pytest.raises(nalox.InvalidArgument, match="view"):
            plan.rows("everything")
    with pytest.raises(nalox.InvalidArgument, match="solver"):
        db.allocation("2026-05-01", solver="magic")
    with pytest.raises(nalox.InvalidArgument):
        db.allocation("not a day")


# --- installing ----------------------------------------------------------------------------

def test_pip_install_offline(tmp_path):
    """`pip install ./bindings/python`, offline, no compiler: a pure
    package that finds the library through NALOX_LIBRARY."""
    if subprocess.run([sys.executable, "-m", "pip", "--version"],
                      capture_output=True).returncode != 0:
        pytest.skip("pip is not installed for this python (Debian: python3-pip)")
    src = tmp_path / "src"                     # the source tree may be read-only
    shutil.copytree(HERE, src, ignore=shutil.ignore_patterns(
        "__pycache__", "*.egg-info", "build", ".pytest_cache"))
    target = tmp_path / "site"
    env = dict(os.environ, PIP_NO_INDEX="1", PIP_DISABLE_PIP_VERSION_CHECK="1")
    env.pop("PIP_FIND_LINKS", None)
    r = subprocess.run([sys.executable, "-m", "pip", "install", "--no-index", "--quiet",
                        "--target", str(target), str(src)],
                       capture_output=True, text=True, env=env, timeout=300)
    assert r.returncode == 0, r.stdout + r.stderr
    installed = sorted(p.name for p in (target / "nalox").iterdir() if p.suffix == ".py")
    assert installed == sorted(p.name for p in (src / "nalox").iterdir() if p.suffix == ".py")
    assert "__init__.py" in installed
    assert not list(target.rglob("*.so")), "the binding must stay pure Python"
    probe = ("import nalox, sys; print(nalox.__file__); print(nalox.version()); "
             "print(nalox.__version__)")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                       env=dict(env, PYTHONPATH=str(target)), cwd=tmp_path, timeout=60)
    assert r.returncode == 0, r.stderr
    where, lib_version, binding_version = r.stdout.split()
    assert where.startswith(str(target))
    assert lib_version == nalox.version() == binding_version
    with open(os.path.join(HEADERS, "common.h"), encoding="utf-8") as f:
        assert f'#define NALOX_VERSION "{binding_version}"' in f.read()


def test_found_through_the_system_loader(tmp_path):
    """Without NALOX_LIBRARY the library is found by the loader (here
    through LD_LIBRARY_PATH, as for one installed in a system directory)."""
    libdir = os.path.dirname(os.path.realpath(nalox._lib_path))
    env = {k: v for k, v in os.environ.items() if k != "NALOX_LIBRARY"}
    env["LD_LIBRARY_PATH"] = libdir + os.pathsep + env.get("LD_LIBRARY_PATH", "")
    env["PYTHONPATH"] = HERE
    probe = ("import nalox\n"
             "maps = open('/proc/self/maps').read().split('\\n')\n"
             "print(nalox._lib_path)\n"
             "print(sorted({l.split()[-1] for l in maps if 'libnalox.so' in l}))\n")
    r = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                       env=env, cwd=tmp_path, timeout=60)
    assert r.returncode == 0, r.stderr
    how, mapped = r.stdout.splitlines()
    assert how in ("libnalox.so.1", os.path.join(libdir, "libnalox.so.1"))
    assert [os.path.realpath(m) for m in eval(mapped)] == [os.path.realpath(nalox._lib_path)]


@pytest.mark.parametrize("solver", ["network", "simplex", "interior"])
def test_every_solver_reaches_the_same_plan_here(db, solver):
    """The example's demand has an integral optimum: every solver finds it
    (the network solver proves it; the others round, and report the gap)."""
    with db.allocate("2026-05-01", demand=DEMAND, solver=solver) as plan:
        totals = plan.totals()
        got = [(r.cohort, r.allocated) for r in plan.demand()]
        objective = plan.objective
    assert totals["solver"].split()[0] == {"network": "network", "simplex": "simplex",
                                           "interior": "interior"}[solver]
    assert got == [("people leaving prison", 60), ("officers", 39), ("hostel residents", 40)]
    assert objective.objective == pytest.approx(716.312)
    # the interior point's bound is its approximate LP optimum: within the
    # three decimals reports print, not an exact upper bound
    assert objective.bound >= objective.objective - 1e-3


def test_backup_is_a_store_equal_to_the_original(db, tmp_path):
    copy = tmp_path / "copy.db"
    db.backup(copy)
    assert (os.stat(copy).st_mode & 0o777) == 0o600
    with nalox.open(copy) as c:
        assert list(c.stock("2026-11-01")) == list(db.stock("2026-11-01"))
        assert list(c.moves()) == list(db.moves())
    with pytest.raises(nalox.Exists):
        db.backup(copy)


def test_rows_say_what_they_answer(db):
    everything = list(db.expiring("2026-05-01", within_days=90))
    assert len(everything) >= 2
    rows = db.expiring("2026-05-01", within_days=90, limit=1)
    ctx = rows.context          # while the rows are open
    assert ctx["as_of"] == "2026-05-01" and ctx["within_days"] == 90
    assert ctx["footer"].startswith("kits to replace: ")
    assert ctx["kits_to_replace"] == sum(r.qty for r in everything)
    next(rows)
    assert rows.total() == len(everything)
    rows.close()
    assert rows.context == {}


def test_settings_by_name(db):
    assert "min-issue-days" in nalox.names("settings")
    db.set_setting("min-issue-days", 30)
    setting = {r[0]: r for r in db.settings()}["min-issue-days"]
    assert str(setting[1]) == "30"
    with pytest.raises(nalox.InvalidArgument):
        db.set_setting("min-issue-days", "-1")


def test_code_find_suggests_the_nearest_code(db):
    sites = [r.code for r in db.sites()]
    assert db.code_find("site", sites[0]) == (True, None)
    known, near = db.code_find("site", sites[0][:-1] + "#")
    assert not known and near == sites[0]
    assert db.code_find("holder", "officer:NOBODY") == (False, None)
    assert nalox.suggest("stok", ["stock", "held"]) == "stock"
    assert nalox.suggest("zzzzzz", ["stock", "held"]) is None


def test_import_refuses_a_day_after_today(db, tmp_path):
    moves = tmp_path / "m.csv"
    moves.write_text("day,kind,site,product,lot,expiry,qty,to_site,holder_kind,holder_ref,"
                     "reason,ref\n2026-06-02,receive,T-STORE,NYXOID,NX-A,2026-06,1,,,,,FUT-1\n")
    before = list(db.moves())
    with pytest.raises(nalox.InputError, match="after 2026-06-01"):
        db.import_file("moves", moves, today="2026-06-01")
    assert list(db.moves()) == before
    assert db.import_file("moves", moves, today=datetime.date(2026, 6, 2)) == 1
