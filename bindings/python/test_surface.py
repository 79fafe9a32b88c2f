"""The binding held against the library, so that it cannot drift: every
NALOX_EXTERN function of the headers is declared, every word list comes
from the library's nalox_name() and every option taking a word accepts
exactly the library's words, no list of words is retyped in the
binding's source, and the names `nalox` offered before its split into
modules are all still there. Run by tests/python.sh (make check).
"""
import ast
import ctypes
import glob
import os
import re

import pytest

import nalox
from nalox import _library, words
from test_nalox import all_headers, header_constants

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
DATA = os.environ.get("TESTDATA") or os.path.join(REPO, "tests", "data")
DEMAND = os.path.join(REPO, "examples", "demand.csv")
SOURCES = sorted(glob.glob(os.path.join(HERE, "nalox", "*.py")))


def header_text():
    """The headers without comments and preprocessor lines."""
    text = re.sub(r"/\*.*?\*/", " ", all_headers(), flags=re.S)
    return re.sub(r"^\s*#(?:.*\\\n)*.*$", "", text, flags=re.M)


def library_words(which):
    """The words of list `which` as the library gives them, read here
    directly (not through the binding): [(word, constant), ...]."""
    lib = ctypes.CDLL(nalox._lib_path)
    name = lib.nalox_name
    name.argtypes = [ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_int)]
    name.restype = ctypes.c_char_p
    out, value = [], ctypes.c_int()
    while (word := name(which, len(out), value)) is not None:
        out.append((word.decode("utf-8"), value.value))
    return out


# --- functions -----------------------------------------------------------------------

def test_every_public_function_is_declared():
    """A function the headers export (NALOX_EXTERN) is bound: a new public
    function needs its _fn declaration in the module of its domain."""
    public = set(re.findall(r"\bNALOX_EXTERN\b[^;{}()]*?\b(nalox_\w+)\s*\(", header_text()))
    assert len(public) > 50                      # the parse found the declarations
    assert sorted(public - _library.DECLARED) == [], "not bound"
    assert sorted(_library.DECLARED - public) == [], "bound but not in a header"


# --- word lists ----------------------------------------------------------------------

def test_list_constants_are_the_headers():
    """NAMES_* are names.h's NALOX_NAMES_*, all of them."""
    consts = header_constants()
    header = {k[len("NALOX_"):]: v for k, v in consts.items() if k.startswith("NALOX_NAMES_")}
    ours = {k: getattr(nalox, k) for k in dir(nalox) if k.startswith("NAMES_")}
    assert ours == header
    assert words.LISTS == {k[len("NAMES_"):].lower(): v for k, v in header.items()}


@pytest.mark.parametrize("key", sorted(words.LISTS))
def test_every_list_is_the_librarys(key):
    which = words.LISTS[key]
    expected = library_words(which)
    assert expected, f"the library has no words in list {key}"
    assert nalox.names(key) == nalox.names(which) == [w for w, _ in expected]
    assert list(words._TABLES[which].items()) == expected     # what options are checked against
    for word, value in expected:
        assert nalox.name_parse(key, word) == value


# The lists whose words stand for constants of the headers, and their prefix.
CONSTANTS = {"groups": "NALOX_GROUP_", "formats": "NALOX_FORMAT_", "solvers": "NALOX_SOLVER_",
             "alloc_views": "NALOX_ALLOC_", "transfers": "NALOX_TRANSFERS_",
             "report_formats": "NALOX_REPORT_"}


@pytest.mark.parametrize("key", sorted(CONSTANTS))
def test_words_stand_for_the_headers_constants(key):
    """'holder' is NALOX_GROUP_HOLDER, 'simplex' NALOX_SOLVER_SIMPLEX, ..."""
    consts = header_constants()
    for word in nalox.names(key):
        name = CONSTANTS[key] + word.upper().replace("-", "_")
        assert nalox.name_parse(key, word) == consts[name], name


def test_names_parse_and_suggest():
    assert nalox.names("holder_kinds") == ["person", "officer", "place"]
    assert nalox.name_parse(nalox.NAMES_SOLVERS, "simplex") == header_constants()[
        "NALOX_SOLVER_SIMPLEX"]
    assert nalox.name_parse("holder_kinds", "place") == 2     # no constants: the index
    with pytest.raises(nalox.NotFound, match=r"^holder_kinds: 'officr' is not one of person, "
                       r"officer, place \(did you mean 'officer'\?\)$"):
        nalox.name_parse("holder_kinds", "officr")
    assert nalox.name_suggest("groups", "holdr") == "holder"
    assert nalox.name_suggest("groups", "zzzzzz") is None
    with pytest.raises(nalox.InvalidArgument, match="list: 'group' is not one of"):
        nalox.names("group")
    with pytest.raises(nalox.InvalidArgument, match="list: 999"):
        nalox.names(999)
    with pytest.raises(TypeError):
        nalox.names(None)
    with pytest.raises(TypeError):
        nalox.name_parse("groups", 1)


# --- options that take a word ----------------------------------------------------------

@pytest.fixture
def db(tmp_path):
    with nalox.open(tmp_path / "store.db", create=True) as db:
        for kind in ("products", "sites", "moves"):
            db.import_file(kind, os.path.join(DATA, kind + ".csv"))
        yield db


def refused_words(call, what):
    """The words an option's InvalidArgument says it takes."""
    with pytest.raises(nalox.InvalidArgument) as e:
        call("no-such-word")
    m = re.fullmatch(rf"{what}: 'no-such-word' is not one of (.*)", str(e.value))
    assert m, str(e.value)
    return m.group(1).split(", ")


def options(db, tmp_path):
    """(list, option name, call with the word) for every option the binding
    checks against a word list."""
    out = tmp_path / "out"
    plan = db.allocate("2026-05-01", demand=DEMAND)
    empty = tmp_path / "empty.csv"
    empty.write_text("")
    return plan, [
        ("groups", "group", lambda w: list(db.expiring("2026-05-01", group=w))),
        ("formats", "format", lambda w: db.export(out, "products", format=w)),
        ("report_formats", "format",
         lambda w: db.report_plan(out, "2026-05-01", "TST", format=w)),
        ("solvers", "solver", lambda w: db.allocation("2026-05-01", solver=w).close()),
        ("transfers", "transfers",
         lambda w: db.allocation("2026-05-01", transfers=w).close()),
        ("alloc_views", "view", lambda w: list(plan.rows(w))),
        ("alloc_inputs", "kind", lambda w: plan.load(w, empty)),
    ]


def test_options_take_exactly_the_librarys_words(db, tmp_path):
    plan, cases = options(db, tmp_path)
    with plan:
        for key, what, call in cases:
            assert refused_words(call, what) == nalox.names(key), key
            for word in nalox.names(key):
                try:
                    call(word)
                except nalox.NaloxError as e:
                    # refused by the library for another reason (a solved
                    # plan takes no more input), not by the binding's list
                    assert not str(e).startswith(f"{what}: "), (key, word, str(e))


def test_a_mistyped_word_gets_a_hint(db):
    hint = r"{}: '{}' is not one of .* \(did you mean '{}'\?\)$"
    with pytest.raises(nalox.InvalidArgument, match=hint.format("group", "holdr", "holder")):
        db.expiring("2026-05-01", group="holdr")
    with pytest.raises(nalox.InvalidArgument, match=hint.format("solver", "simplx", "simplex")):
        db.allocation("2026-05-01", solver="simplx")


def string_collections(path):
    """Every literal tuple, list, set and dict (its keys) in a source file
    that holds two or more strings and nothing else: (line, strings)."""
    with open(path, encoding="utf-8") as f:
        tree = ast.parse(f.read(), path)
    for node in ast.walk(tree):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if not isinstance(node, (ast.Tuple, ast.List, ast.Set, ast.Dict)) or len(items) < 2:
            continue
        if all(isinstance(i, ast.Constant) and isinstance(i.value, str) for i in items):
            yield node.lineno, {i.value for i in items}


def test_no_list_of_words_is_retyped():
    """The binding reads word lists from the library: no literal collection
    in its source is drawn from one of them (as _GROUPS = {"none": 0, ...}
    was)."""
    lists = {key: set(nalox.names(key)) for key in words.LISTS}
    found = []
    for path in SOURCES:
        for line, strings in string_collections(path):
            found += [f"{os.path.basename(path)}:{line}: {sorted(strings)} from {key}"
                      for key, ws in lists.items() if strings <= ws]
    assert found == []


# --- the surface ---------------------------------------------------------------------

# Every public name of `nalox` when it was one __init__.py (and the private
# ones the tests use); Store's, Rows' and Allocation's methods then.
PUBLIC = """
AdministrationOptions AllocOptions ArcOptions Busy DAY_COLUMNS DONE DemandOptions EBUSY
EEXISTS EEXPIRY EINPUT EINVAL EIO ENOMEM ENOTFOUND ESCHEMA ESOLVER ESTOCK ESTORE
EXPECTED_MAJOR Exists ExpiringOptions ExpiryError FileError HeldOptions IOError_
IncomingOptions InputError InvalidArgument MoveOptions MovesOptions NaloxError NeedsOptions
NotFound OK Objective OutOfMemory PeriodOptions ProductOptions ROW ReportOptions SONAME
SchemaError SiteOptions SolverError StockError StockOptions Store StoreError Rows Allocation
format_day open parse_day record_type version version_number __version__
_lib _lib_path _check_version _options _error _ERRORS
""".split()
METHODS = {
    "Store": """_db _live _run allocate allocation close closed coverage expiring export held
        import_file key_figures ledger_span moves needs needs_compare products put_product
        put_site reconcile record_administration record_move report_plan schema_version
        set_min_issue_days sites stock transaction writeoff_expired""",
    "Rows": "close",
    "Allocation": """_live add_arc add_demand add_incoming allocations close closed demand
        load objective priorities record rows solve supply totals transfers write_lp""",
}


def test_every_name_is_still_there():
    assert [n for n in PUBLIC if not hasattr(nalox, n)] == []
    assert all(hasattr(nalox, n) for n in nalox.__all__)
    for cls, names in METHODS.items():
        assert [n for n in names.split() if not hasattr(getattr(nalox, cls), n)] == [], cls
    assert isinstance(nalox._lib, ctypes.CDLL)


def test_public_classes_are_nalox_s():
    """Wherever defined, they print as nalox.X (repr, tracebacks), as before."""
    for n in PUBLIC:
        obj = getattr(nalox, n)
        if isinstance(obj, type):
            assert obj.__module__ == "nalox", n
    assert repr(nalox.InvalidArgument) == "<class 'nalox.InvalidArgument'>"


def test_each_module_says_what_it_holds():
    for path in SOURCES:
        with open(path, encoding="utf-8") as f:
            doc = ast.get_docstring(ast.parse(f.read()), clean=False)
        assert doc and doc.split("\n")[0].strip(), os.path.basename(path)


def test_the_tarball_ships_every_file():
    """Makefile.am's EXTRA_DIST names each file of the binding, so that
    `make distcheck` installs and tests all of it."""
    makefile = os.path.join(REPO, "Makefile.am")
    with open(makefile, encoding="utf-8") as f:
        listed = set(f.read().replace("\\\n", " ").split())
    files = [os.path.relpath(p, REPO) for p in
             SOURCES + glob.glob(os.path.join(HERE, "*.py")) + [os.path.join(HERE, "README.md")]]
    assert [f for f in files if f not in listed] == []
