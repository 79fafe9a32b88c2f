"""Python binding for libnalox (naloxone kit stock and supply planning).

A thin ctypes translation of the C API in include/nalox/: the library
computes everything; this module converts arguments and results.

    import datetime, nalox
    with nalox.open("nalox-demo.db", readonly=True) as db:
        for kit in db.held(datetime.date(2026, 11, 1), holder_kind="officer",
                           soonest=True):
            print(kit.holder_ref, kit.lot, kit.expiry, kit.days_left)

Queries return iterators of records (named tuples, one field per column
the headers document; days are datetime.date). Every error raises a
NaloxError subclass carrying the library's message. Memory the library
allocates (row sets, allocations, the store handle) is freed by the
binding: when an iteration ends, when a with-block ends, when the object
is collected, and at the latest when its store is closed.

The library is loaded from $NALOX_LIBRARY if set, else from what
ctypes.util.find_library("nalox") finds, else by its soname libnalox.so.1.
Python 3.11 standard library only.
"""
import builtins
import collections
import contextlib
import ctypes
import ctypes.util
import datetime
import decimal
import functools
import itertools
import keyword
import os
import re
import threading
import weakref
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int,
                    c_longlong, c_uint, c_ulong)

__all__ = [
    "open", "Store", "Rows", "Allocation", "Objective",
    "version", "version_number", "parse_day", "format_day",
    "NaloxError", "InvalidArgument", "OutOfMemory", "FileError", "IOError_",
    "StoreError", "SchemaError", "InputError", "NotFound", "StockError",
    "Exists", "Busy", "ExpiryError", "SolverError",
]

#: The version of this binding (that of the library it was written with).
__version__ = "0.1.0"
#: The library major version this binding is written for (0.x).
EXPECTED_MAJOR = 0
#: The soname tried last.
SONAME = "libnalox.so.1"

# Status codes (include/nalox/common.h).
OK, ROW, DONE = 0, 1, 2
EINVAL, ENOMEM, EIO, ESTORE, ESCHEMA = -1, -2, -3, -4, -5
EINPUT, ENOTFOUND, ESTOCK, EEXISTS, EBUSY, EEXPIRY = -6, -7, -8, -9, -10, -11
ESOLVER = -12

# Value types (rows.h), open flags (store.h), orders, groups, formats.
_NULL, _INTEGER, _REAL, _TEXT = 0, 1, 2, 3
_OPEN_READONLY, _OPEN_CREATE = 0x1, 0x2
_ORDER_DEFAULT, _ORDER_EXPIRY, _ORDER_ENTRY = 0, 1, 2
_IN_STOCK, _IN_HANDS = 0x1, 0x2
_WRITE_GZIP = 0x1
_GROUPS = {"none": 0, "holder": 1, "site": 2, "product": 3, "area": 4, "all": 5}
_FORMATS = {"table": 1, "csv": 2, "json": 3}
_REPORT_FORMATS = {"markdown": 1, "html": 2}
# alloc.h
_TRANSFERS = {"parent": 0, "listed": 1, "none": 2}
_SOLVERS = {"auto": 0, "network": 1, "simplex": 2, "interior": 3}
_VIEWS = {"totals": 1, "priorities": 2, "demand": 3, "allocations": 4, "supply": 5,
          "transfers": 6}
_ALLOC_KINDS = ("demand", "incoming", "arcs")


# --- exceptions ----------------------------------------------------------------

class NaloxError(Exception):
    """An error reported by libnalox.

    str(error) is the library's message (for input errors it names file,
    line and field); .code is the NALOX_E* status (a negative int).
    """
    code = None

    def __init__(self, message, code=None):
        super().__init__(message)
        self.message = message
        if code is not None:
            self.code = code


class InvalidArgument(NaloxError):
    """NALOX_EINVAL: a bad argument (missing or malformed field, bad option)."""
    code = EINVAL


class OutOfMemory(NaloxError):
    """NALOX_ENOMEM."""
    code = ENOMEM


class FileError(NaloxError):
    """NALOX_EIO: a file could not be read or written."""
    code = EIO


IOError_ = FileError


class StoreError(NaloxError):
    """NALOX_ESTORE: SQLite failed, the file is not a nalox store, or the
    Store has been closed."""
    code = ESTORE


class SchemaError(NaloxError):
    """NALOX_ESCHEMA: the store was written by a newer libnalox."""
    code = ESCHEMA


class InputError(NaloxError):
    """NALOX_EINPUT: bad input data; the message names file, line, field."""
    code = EINPUT


class NotFound(NaloxError):
    """NALOX_ENOTFOUND: an unknown product, site, lot or holder."""
    code = ENOTFOUND


class StockError(NaloxError):
    """NALOX_ESTOCK: the move would take a balance below zero."""
    code = ESTOCK


class Exists(NaloxError):
    """NALOX_EEXISTS: a duplicate, e.g. a move ref already stored."""
    code = EEXISTS


class Busy(NaloxError):
    """NALOX_EBUSY: the store is locked by another connection."""
    code = EBUSY


class ExpiryError(NaloxError):
    """NALOX_EEXPIRY: the kit is expired, or too close to expiry to issue."""
    code = EEXPIRY


class SolverError(NaloxError):
    """NALOX_ESOLVER: the solver failed or hit its time limit."""
    code = ESOLVER


_ERRORS = {cls.code: cls for cls in (
    InvalidArgument, OutOfMemory, FileError, StoreError, SchemaError,
    InputError, NotFound, StockError, Exists, Busy, ExpiryError, SolverError)}


def _error(code, message):
    """The exception for status `code` (NaloxError for a code this binding
    does not know: codes only grow)."""
    return _ERRORS.get(code, NaloxError)(message, code)


def _text(raw):
    # Messages may quote bad input bytes (a file that is not UTF-8).
    return raw.decode("utf-8", "replace") if raw else ""


# --- loading -------------------------------------------------------------------

def _check_version(number, where):
    """Refuse a library whose major version is not EXPECTED_MAJOR."""
    major = number // 10000
    if major != EXPECTED_MAJOR:
        raise ImportError(
            f"nalox: {where} is libnalox {major}.{number // 100 % 100}."
            f"{number % 100}, but this binding needs major version "
            f"{EXPECTED_MAJOR} (set NALOX_LIBRARY to a matching library)")


def _load():
    path = os.environ.get("NALOX_LIBRARY")
    source = "NALOX_LIBRARY"
    if not path:
        path, source = ctypes.util.find_library("nalox"), "find_library"
    if not path:
        path, source = SONAME, "the soname"
    try:
        lib = ctypes.CDLL(path)
    except OSError as e:
        raise ImportError(f"nalox: cannot load libnalox {path!r} (from {source}): {e}; "
                          "set NALOX_LIBRARY to the path of libnalox.so") from e
    try:
        fn = lib.nalox_version_number
    except AttributeError as e:
        raise ImportError(f"nalox: {path} is not libnalox (no nalox_version_number)") from e
    fn.argtypes, fn.restype = [], c_int
    _check_version(fn(), path)
    return lib, path


_lib, _lib_path = _load()


# --- opaque handles and error checks ---------------------------------------------

class _db(Structure):
    """struct nalox_db (opaque)."""


class _rows(Structure):
    """struct nalox_rows (opaque)."""


class _alloc(Structure):
    """struct nalox_alloc (opaque)."""


_db_p = POINTER(_db)
_rows_p = POINTER(_rows)
_alloc_p = POINTER(_alloc)


def _fn(name, restype, argtypes, errcheck=None):
    """Declare C function `name` once: argtypes, restype, errcheck."""
    try:
        f = getattr(_lib, name)
    except AttributeError as e:
        raise ImportError(f"nalox: {_lib_path} has no {name}: too old for this binding") from e
    f.argtypes = argtypes
    f.restype = restype
    if errcheck is not None:
        f.errcheck = errcheck
    return f


def _check_db(rc, func, args):
    """Status of a call whose first argument is the nalox_db handle."""
    if rc < 0:
        raise _error(rc, _text(_errmsg(args[0])) or _text(_strerror(rc)))
    return rc


def _check_plain(rc, func, args):
    """Status of a call without a handle: the message is the code's."""
    if rc < 0:
        raise _error(rc, f"{func.__name__}: {_text(_strerror(rc))}")
    return rc


def _check_open(rc, func, args):
    """nalox_open: on failure the handle (if any) carries the message and
    must still be closed."""
    if rc < 0:
        handle = args[2]
        message = _text(_errmsg(handle)) if handle else ""
        _close(handle)
        raise _error(rc, message or _text(_strerror(rc)))
    return rc


def _check_next(rc, func, args):
    """nalox_rows_next: NALOX_DONE ends the iteration."""
    if rc == DONE:
        raise StopIteration
    if rc < 0:
        raise _error(rc, _text(_rows_errmsg(args[0])) or _text(_strerror(rc)))
    return rc


def _check_rows_db(rc, func, args):
    """A call on rows whose errors are reported on the store handle
    (nalox_rows_write); args[0] is a Rows."""
    if rc < 0:
        raise _error(rc, _text(_errmsg(args[0].db)) or _text(_strerror(rc)))
    return rc


def _check_alloc(rc, func, args):
    """A call on an allocation, whose errors are reported on the store
    handle it was made from; args[0] is an Allocation."""
    if rc < 0:
        raise _error(rc, _text(_errmsg(args[0].db)) or _text(_strerror(rc)))
    return rc


# --- option structs: field for field as in the headers -----------------------------

_S = c_char_p          # const char *
_INT_LIMITS = {c_int: 31, c_uint: 32, c_longlong: 63}


class _Options(Structure):
    """Base of the option structs: VERSION is the header's *_VERSION macro,
    _init the library's *_options_init (declared below)."""
    VERSION = 1
    _init = None


class ProductOptions(_Options):
    """struct nalox_product_options (catalog.h)."""
    _fields_ = [("version", c_uint), ("code", _S), ("name", _S), ("route", _S),
                ("doses_per_kit", c_int), ("dose_mg", c_double),
                ("shelf_life_months", c_int), ("unit_cost_pence", c_longlong),
                ("min_issue_days", c_int)]
    VERSION = 1  # NALOX_PRODUCT_OPTIONS_VERSION


class SiteOptions(_Options):
    """struct nalox_site_options (catalog.h)."""
    _fields_ = [("version", c_uint), ("code", _S), ("name", _S), ("kind", _S),
                ("area", _S), ("parent", _S)]
    VERSION = 1  # NALOX_SITE_OPTIONS_VERSION


class MoveOptions(_Options):
    """struct nalox_move_options (ledger.h)."""
    _fields_ = [("version", c_uint), ("day", _S), ("kind", _S), ("site", _S),
                ("product", _S), ("lot", _S), ("expiry", _S), ("qty", c_longlong),
                ("to_site", _S), ("holder_kind", _S), ("holder_ref", _S),
                ("reason", _S), ("ref", _S)]
    VERSION = 1  # NALOX_MOVE_OPTIONS_VERSION


class MovesOptions(_Options):
    """struct nalox_moves_options (ledger.h); `from` is from_ here."""
    _fields_ = [("version", c_uint), ("from_", _S), ("to", _S), ("site", _S),
                ("product", _S), ("lot", _S), ("kind", _S), ("holder_kind", _S),
                ("holder_ref", _S), ("limit", c_longlong), ("order", c_int)]
    VERSION = 1  # NALOX_MOVES_OPTIONS_VERSION


class StockOptions(_Options):
    """struct nalox_stock_options (stock.h)."""
    _fields_ = [("version", c_uint), ("as_of", _S), ("site", _S), ("area", _S),
                ("product", _S), ("by_lot", c_int), ("rollup", c_int),
                ("order", c_int), ("limit", c_longlong)]
    VERSION = 1  # NALOX_STOCK_OPTIONS_VERSION


class HeldOptions(_Options):
    """struct nalox_held_options (stock.h)."""
    _fields_ = [("version", c_uint), ("as_of", _S), ("holder_kind", _S),
                ("holder_ref", _S), ("site", _S), ("area", _S), ("product", _S),
                ("order", c_int), ("limit", c_longlong)]
    VERSION = 1  # NALOX_HELD_OPTIONS_VERSION


class ExpiringOptions(_Options):
    """struct nalox_expiring_options (expiry.h)."""
    _fields_ = [("version", c_uint), ("as_of", _S), ("within_days", c_int),
                ("include", c_uint), ("site", _S), ("area", _S),
                ("holder_kind", _S), ("product", _S), ("group", c_int),
                ("limit", c_longlong)]
    VERSION = 1  # NALOX_EXPIRING_OPTIONS_VERSION


class AdministrationOptions(_Options):
    """struct nalox_administration_options (admin.h)."""
    _fields_ = [("version", c_uint), ("day", _S), ("time", _S), ("area", _S),
                ("site", _S), ("holder_kind", _S), ("holder_ref", _S),
                ("product", _S), ("lot", _S), ("kits", c_longlong),
                ("doses", c_longlong), ("outcome", _S), ("ambulance_minutes", c_int),
                ("seen_by_paramedics", c_int), ("resupply_needed", c_int),
                ("resupply_kits", c_longlong), ("ref", _S)]
    VERSION = 1  # NALOX_ADMINISTRATION_OPTIONS_VERSION


class PeriodOptions(_Options):
    """struct nalox_period_options (reconcile.h); `from` is from_ here."""
    _fields_ = [("version", c_uint), ("from_", _S), ("to", _S), ("site", _S),
                ("area", _S), ("rollup", c_int)]
    VERSION = 1  # NALOX_PERIOD_OPTIONS_VERSION


class NeedsOptions(_Options):
    """struct nalox_needs_options (needs.h)."""
    _fields_ = [("version", c_uint), ("as_of", _S), ("area", _S), ("scenario", _S),
                ("horizon_days", c_int), ("explain", c_int)]
    VERSION = 1  # NALOX_NEEDS_OPTIONS_VERSION


class ReportOptions(_Options):
    """struct nalox_report_options (report.h)."""
    _fields_ = [("version", c_uint), ("as_of", _S), ("area", _S), ("baseline", _S),
                ("worst_case", _S), ("format", c_int)]
    VERSION = 1  # NALOX_REPORT_OPTIONS_VERSION


class AllocOptions(_Options):
    """struct nalox_alloc_options (alloc.h)."""
    _fields_ = [("version", c_uint), ("as_of", _S), ("days", c_int), ("transfers", c_int),
                ("parent_cost", c_double), ("equity", _S), ("solver", c_int),
                ("time_limit", c_double)]
    VERSION = 1  # NALOX_ALLOC_OPTIONS_VERSION


class DemandOptions(_Options):
    """struct nalox_demand_options (alloc.h)."""
    _fields_ = [("version", c_uint), ("site", _S), ("cohort", _S), ("kits", c_longlong),
                ("weight", c_double), ("products", _S), ("substitution_cost", c_double),
                ("floor", c_double), ("min_life_days", c_int)]
    VERSION = 1  # NALOX_DEMAND_OPTIONS_VERSION


class IncomingOptions(_Options):
    """struct nalox_incoming_options (alloc.h)."""
    _fields_ = [("version", c_uint), ("product", _S), ("kits", c_longlong), ("site", _S),
                ("day", _S), ("expiry", _S), ("lot", _S)]
    VERSION = 1  # NALOX_INCOMING_OPTIONS_VERSION


class ArcOptions(_Options):
    """struct nalox_arc_options (alloc.h); `from` is from_ here."""
    _fields_ = [("version", c_uint), ("from_", _S), ("to", _S), ("cost", c_double),
                ("capacity", c_longlong)]
    VERSION = 1  # NALOX_ARC_OPTIONS_VERSION


# --- every C function, declared once -------------------------------------------------

_P = POINTER
_version = _fn("nalox_version", c_char_p, [])
_version_number = _fn("nalox_version_number", c_int, [])
_strerror = _fn("nalox_strerror", c_char_p, [c_int])
_day_parse = _fn("nalox_day_parse", c_int, [c_char_p, c_int, _P(c_int)], _check_plain)
_day_format = _fn("nalox_day_format", c_int, [c_int, _P(c_char), c_ulong], _check_plain)

_open = _fn("nalox_open", c_int, [c_char_p, c_uint, _P(_db_p)], _check_open)
_close = _fn("nalox_close", c_int, [_db_p])
_errmsg = _fn("nalox_errmsg", c_char_p, [_db_p])
_errcode = _fn("nalox_errcode", c_int, [_db_p])
_schema_version = _fn("nalox_schema_version", c_int, [_db_p])
_begin = _fn("nalox_begin", c_int, [_db_p], _check_db)
_commit = _fn("nalox_commit", c_int, [_db_p], _check_db)
_rollback = _fn("nalox_rollback", c_int, [_db_p], _check_db)

_rows_next = _fn("nalox_rows_next", c_int, [_rows_p], _check_next)
_rows_columns = _fn("nalox_rows_columns", c_int, [_rows_p])
_rows_name = _fn("nalox_rows_name", c_char_p, [_rows_p, c_int])
_rows_column_type = _fn("nalox_rows_column_type", c_int, [_rows_p, c_int])
_rows_type = _fn("nalox_rows_type", c_int, [_rows_p, c_int])
_rows_int = _fn("nalox_rows_int", c_longlong, [_rows_p, c_int])
_rows_real = _fn("nalox_rows_real", c_double, [_rows_p, c_int])
_rows_text = _fn("nalox_rows_text", c_char_p, [_rows_p, c_int])
_rows_errmsg = _fn("nalox_rows_errmsg", c_char_p, [_rows_p])
_rows_write = _fn("nalox_rows_write", c_int, [_rows_p, c_int, c_char_p, c_uint],
                  _check_rows_db)
_rows_free = _fn("nalox_rows_free", None, [_rows_p])

_import = _fn("nalox_import", c_int, [_db_p, c_char_p, c_char_p, _P(c_longlong)],
              _check_db)
_put_product = _fn("nalox_put_product", c_int, [_db_p, _P(ProductOptions)], _check_db)
_put_site = _fn("nalox_put_site", c_int, [_db_p, _P(SiteOptions)], _check_db)
_set_min_issue_days = _fn("nalox_set_min_issue_days", c_int, [_db_p, c_int], _check_db)
_products = _fn("nalox_products", c_int, [_db_p, _P(_rows_p)], _check_db)
_sites = _fn("nalox_sites", c_int, [_db_p, _P(_rows_p)], _check_db)
_record_move = _fn("nalox_record_move", c_int,
                   [_db_p, _P(MoveOptions), _P(c_longlong)], _check_db)
_moves = _fn("nalox_moves", c_int, [_db_p, _P(MovesOptions), _P(_rows_p)], _check_db)
_ledger_span = _fn("nalox_ledger_span", c_int, [_db_p, _P(c_char), _P(c_char)],
                   _check_db)
_stock = _fn("nalox_stock", c_int, [_db_p, _P(StockOptions), _P(_rows_p)], _check_db)
_held = _fn("nalox_held", c_int, [_db_p, _P(HeldOptions), _P(_rows_p)], _check_db)
_expiring = _fn("nalox_expiring", c_int, [_db_p, _P(ExpiringOptions), _P(_rows_p)],
                _check_db)
_writeoff_expired = _fn("nalox_writeoff_expired", c_int,
                        [_db_p, c_char_p, c_char_p, c_int, _P(_rows_p)], _check_db)
_record_administration = _fn("nalox_record_administration", c_int,
                             [_db_p, _P(AdministrationOptions), _P(c_longlong)],
                             _check_db)
_reconcile = _fn("nalox_reconcile", c_int, [_db_p, _P(PeriodOptions), _P(_rows_p)],
                 _check_db)
_key_figures = _fn("nalox_key_figures", c_int,
                   [_db_p, _P(PeriodOptions), _P(_rows_p)], _check_db)
_needs = _fn("nalox_needs", c_int, [_db_p, _P(NeedsOptions), _P(_rows_p)], _check_db)
_needs_compare = _fn("nalox_needs_compare", c_int,
                     [_db_p, _P(NeedsOptions), _P(c_char_p), c_int, _P(_rows_p)],
                     _check_db)
_coverage = _fn("nalox_coverage", c_int, [_db_p, _P(NeedsOptions), _P(_rows_p)],
                _check_db)

_alloc_new = _fn("nalox_alloc_new", c_int, [_db_p, _P(AllocOptions), _P(_alloc_p)],
                 _check_db)
_alloc_add_demand = _fn("nalox_alloc_add_demand", c_int, [_alloc_p, _P(DemandOptions)],
                        _check_alloc)
_alloc_add_incoming = _fn("nalox_alloc_add_incoming", c_int,
                          [_alloc_p, _P(IncomingOptions)], _check_alloc)
_alloc_add_arc = _fn("nalox_alloc_add_arc", c_int, [_alloc_p, _P(ArcOptions)],
                     _check_alloc)
_alloc_load = _fn("nalox_alloc_load", c_int,
                  [_alloc_p, c_char_p, c_char_p, _P(c_longlong)], _check_alloc)
_alloc_solve = _fn("nalox_alloc_solve", c_int, [_alloc_p], _check_alloc)
_alloc_rows = _fn("nalox_alloc_rows", c_int, [_alloc_p, c_int, _P(_rows_p)], _check_alloc)
_alloc_objective = _fn("nalox_alloc_objective", c_int,
                       [_alloc_p, _P(c_double), _P(c_double)], _check_alloc)
_alloc_write_lp = _fn("nalox_alloc_write_lp", c_int, [_alloc_p, c_char_p], _check_alloc)
_alloc_record = _fn("nalox_alloc_record", c_int, [_alloc_p, c_char_p, _P(c_longlong)],
                    _check_alloc)
_alloc_free = _fn("nalox_alloc_free", None, [_alloc_p])
_report_plan = _fn("nalox_report_plan", c_int, [_db_p, _P(ReportOptions), c_char_p],
                   _check_db)

for _cls, _name in ((ProductOptions, "product"), (SiteOptions, "site"),
                    (MoveOptions, "move"), (MovesOptions, "moves"),
                    (StockOptions, "stock"), (HeldOptions, "held"),
                    (ExpiringOptions, "expiring"),
                    (AdministrationOptions, "administration"),
                    (PeriodOptions, "period"), (NeedsOptions, "needs"),
                    (ReportOptions, "report"), (AllocOptions, "alloc"),
                    (DemandOptions, "demand"), (IncomingOptions, "incoming"),
                    (ArcOptions, "arc")):
    _cls._init = _fn(f"nalox_{_name}_options_init", c_int, [_P(_cls), c_uint],
                     _check_plain)
del _cls, _name


# --- conversions ---------------------------------------------------------------------

def _enc(value, what="a string"):
    """str -> UTF-8 bytes for the C side (None stays NULL)."""
    if value is None:
        return None
    if not isinstance(value, str):
        raise TypeError(f"{what} must be a str, not {type(value).__name__}")
    if "\0" in value:
        raise InvalidArgument(f"{what}: contains a NUL character")
    return value.encode("utf-8")


def _path(value):
    """A file path (str or os.PathLike) -> bytes in the file system encoding."""
    if value is None:
        return None
    raw = os.fsencode(value)
    if b"\0" in raw:
        raise InvalidArgument("path: contains a NUL character")
    return raw


def _options(cls, **fields):
    """An option struct filled with the library's defaults for cls.VERSION,
    then with the given fields (None keeps the default). Strings are
    encoded here; the struct keeps the bytes alive (and so does the
    caller, holding the struct through the call)."""
    opts = cls()
    cls._init(opts, cls.VERSION)
    types = dict(cls._fields_)
    for name, value in fields.items():
        if value is None:
            continue
        ctype = types[name]
        if ctype is c_char_p:
            value = _day_text(value, name)
            if isinstance(value, bytes):     # a path, already from _path()
                if b"\0" in value:
                    raise InvalidArgument(f"{name}: contains a NUL character")
            else:
                value = _enc(value, name)
        elif ctype is c_double:
            if isinstance(value, (bool, str, bytes)) or not isinstance(value, (int, float, decimal.Decimal)):
                raise TypeError(f"{name} must be a number, not {type(value).__name__}")
            value = float(value)
        else:
            if isinstance(value, bool):
                value = int(value)
            if not isinstance(value, int):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            bits = _INT_LIMITS[ctype]
            low = 0 if ctype is c_uint else -(1 << bits)
            if not low <= value < (1 << bits):
                raise InvalidArgument(f"{name}: {value} is out of range")
        setattr(opts, name, value)
    return opts


def _day_text(value, what):
    """A datetime.date -> 'YYYY-MM-DD' (other values unchanged). A
    datetime.datetime is refused: the library works in calendar days."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not a datetime")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _pence(gbp):
    """Pounds (Decimal, str, int or float) -> whole pence, exactly."""
    if isinstance(gbp, bool):
        raise TypeError("unit_cost_gbp must be a number of pounds")
    try:
        # repr() of a float is its shortest round-trip form: 27.3 -> "27.3".
        d = decimal.Decimal(repr(gbp) if isinstance(gbp, float) else gbp)
    except (decimal.InvalidOperation, TypeError, ValueError):
        raise InvalidArgument(f"unit_cost_gbp: {gbp!r} is not an amount in pounds") from None
    if not d.is_finite():
        raise InvalidArgument(f"unit_cost_gbp: {gbp!r} is not an amount in pounds")
    pence = d * 100
    if pence != pence.to_integral_value():
        raise InvalidArgument(f"unit_cost_gbp: {gbp!r} has more than two decimals")
    return int(pence)


def _tristate(value):
    """True/False/None -> 1/0/-1 (the C side's yes/no/unknown)."""
    return -1 if value is None else int(bool(value))


def _choice(table, value, what):
    try:
        return table[value]
    except (KeyError, TypeError):
        raise InvalidArgument(f"{what}: {value!r} is not one of "
                              f"{', '.join(table)}") from None


# --- module functions ----------------------------------------------------------------

def version():
    """The run-time libnalox version, e.g. '0.1.0'."""
    return _text(_version())


def version_number():
    """The run-time version as MAJOR*10000 + MINOR*100 + PATCH."""
    return _version_number()


def parse_day(text, allow_month=False):
    """Day number (days since 1970-01-01) of 'YYYY-MM-DD'; with allow_month,
    'YYYY-MM' is the last day of that month. InvalidArgument otherwise."""
    day = c_int()
    try:
        _day_parse(_enc(text, "day"), 1 if allow_month else 0, day)
    except NaloxError as e:
        raise _error(e.code, f"{text!r} is not a real day") from None
    return day.value


def format_day(day):
    """'YYYY-MM-DD' of day number `day` (InvalidArgument outside 1900..2199)."""
    buf = ctypes.create_string_buffer(11)
    try:
        _day_format(day, buf, len(buf))
    except NaloxError as e:
        raise _error(e.code, f"day {day} is outside 1900..2199") from None
    return buf.value.decode("ascii")


# --- handles: what the library allocated, freed exactly once -------------------------

class _Handle:
    """The C store handle and everything allocated from it (row sets,
    allocations), as raw pointers, so that closing frees the children
    first and then the store, whatever order the Python objects die in.
    Holds no reference to those Python objects: no cycles."""

    def __init__(self, db):
        self.db = db
        self.lock = threading.RLock()
        self._children = {}            # key -> (free function, pointer)
        self._keys = itertools.count(1)

    @property
    def closed(self):
        return self.db is None

    def adopt(self, free, ptr):
        with self.lock:
            key = next(self._keys)
            self._children[key] = (free, ptr)
            return key

    def alive(self, key):
        return key in self._children

    def release(self, key):
        """Free one child (if it is still there)."""
        with self.lock:
            free, ptr = self._children.pop(key, (None, None))
            if free is not None:
                free(ptr)

    def close(self):
        """Free every child, newest first, then the store handle."""
        with self.lock:
            while self._children:
                self.release(next(reversed(self._children)))
            db, self.db = self.db, None
            if db:
                _close(db)


# --- records -----------------------------------------------------------------------------

#: Columns holding a calendar day ('YYYY-MM-DD'): they become datetime.date.
DAY_COLUMNS = frozenset({"day", "expiry", "next_expiry", "first_expiry", "available",
                         "ready"})
_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _field(name):
    """A column name as a record field: `from` -> from_, 'msn-nasal' -> msn_nasal."""
    f = re.sub(r"\W", "_", name) or "_"
    if f[0].isdigit() or f.startswith("_"):
        f = "c" + f
    if keyword.iskeyword(f):
        f += "_"
    return f


@functools.lru_cache(maxsize=None)
def record_type(name, columns):
    """The named tuple for a row set called `name` with these `columns`
    (a tuple of column names). Fields are the column names (a Python
    keyword gets a trailing underscore: `from_`); `_columns` keeps the
    library's names."""
    fields, seen = [], set()
    for c in columns:
        f = _field(c)
        while f in seen:
            f += "_"
        seen.add(f)
        fields.append(f)
    cls = collections.namedtuple(name, fields)
    cls._columns = columns
    cls.__doc__ = f"A row of {name}: {', '.join(columns)}."
    return cls


def _to_day(text):
    return datetime.date.fromisoformat(text) if _DAY_RE.match(text) else text


class Rows:
    """An iterator over a result set, yielding records (named tuples).

    Returned by every query. The C row set is freed when the iteration
    ends, by close() or the end of a with-block, when the Rows is
    collected, and at the latest when its store closes; using it after its
    store closed raises StoreError. `columns` are the library's column
    names, `record` the named tuple class.
    """

    def __init__(self, store, ptr, name="Row"):
        self._store = store                  # keeps the store open meanwhile
        self._h = store._h
        self.db = self._h.db                 # for messages (nalox_rows_write)
        self._as_parameter_ = ptr
        self._key = self._h.adopt(_rows_free, ptr)
        self._finalizer = weakref.finalize(self, self._h.release, self._key)
        n = _rows_columns(ptr)
        self.columns = tuple(_text(_rows_name(ptr, i)) for i in range(n))
        self.record = record_type(name, self.columns)
        self._days = [c in DAY_COLUMNS for c in self.columns]

    def __repr__(self):
        state = "open" if self._h.alive(self._key) else "done"
        return f"<nalox.Rows {self.record.__name__} {state}>"

    def __iter__(self):
        return self

    def __next__(self):
        with self._h.lock:
            if not self._h.alive(self._key):
                if self._h.closed:
                    raise StoreError("the store of these rows is closed", ESTORE)
                raise StopIteration
            ptr = self._as_parameter_
            try:
                _rows_next(ptr)              # StopIteration on NALOX_DONE
            except BaseException:
                self.close()
                raise
            values = []
            for i, day in enumerate(self._days):
                t = _rows_type(ptr, i)
                if t == _INTEGER:
                    values.append(_rows_int(ptr, i))
                elif t == _REAL:
                    values.append(_rows_real(ptr, i))
                elif t == _TEXT:
                    v = _rows_text(ptr, i).decode("utf-8")
                    values.append(_to_day(v) if day else v)
                else:
                    values.append(None)
        return self.record._make(values)

    def close(self):
        """Free the row set now (harmless if already freed)."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _query(name):
    """Make a Store method from `build`, which returns (C function, options
    or other arguments); the method returns Rows of records called `name`.
    Store.export() writes the same query to a file."""
    def wrap(build):
        @functools.wraps(build)
        def method(self, *args, **kwargs):
            return self._run(name, *build(self, *args, **kwargs))
        method.build = build
        method.record_name = name
        return method
    return wrap


class Store:
    """An open store (one SQLite file); a context manager.

    Store(path, create=False, readonly=False): create makes the file and
    schema if missing; readonly never writes. Raises StoreError (no store,
    not a nalox store), SchemaError (written by a newer libnalox), ...

    One Store may be used from several threads (calls are serialised by a
    lock), but a transaction() spans calls: give each thread its own Store.
    """

    def __init__(self, path, create=False, readonly=False):
        flags = (_OPEN_CREATE if create else 0) | (_OPEN_READONLY if readonly else 0)
        if create and readonly:
            raise InvalidArgument("create and readonly exclude each other")
        handle = _db_p()
        _open(_path(path), flags, handle)    # raises, and closes the handle
        self._h = _Handle(handle)
        self._lock = self._h.lock
        self.path = os.fspath(path)
        self._finalizer = weakref.finalize(self, self._h.close)

    def __repr__(self):
        state = "closed" if self.closed else "open"
        return f"<nalox.Store {self.path!r} {state}>"

    # --- life cycle ---
    @property
    def closed(self):
        return self._h.closed

    @property
    def _db(self):
        return self._h.db

    def close(self):
        """Close the store, freeing first any row set or allocation still
        open. Closing twice is harmless; any other use of a closed store
        raises StoreError."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _live(self):
        if self._h.db is None:
            raise StoreError(f"the store {self.path!r} is closed", ESTORE)
        return self._h.db

    def _run(self, name, cfunc, *args):
        """Call a query function cfunc(db, *args, &rows) -> Rows."""
        out = _rows_p()
        with self._lock:
            cfunc(self._live(), *args, out)
            return Rows(self, out, name)

    @property
    def schema_version(self):
        """The store's schema version (PRAGMA user_version)."""
        with self._lock:
            return _schema_version(self._live())

    @contextlib.contextmanager
    def transaction(self):
        """Group calls into one transaction: commit at the end of the block,
        roll back if it raises (the exception propagates)."""
        with self._lock:
            _begin(self._live())
            try:
                yield self
            except BaseException as exc:
                if self._db is not None:     # closing rolled back already
                    try:
                        _rollback(self._db)
                    except NaloxError as e:
                        exc.add_note(f"nalox: rollback failed too: {e}")
                raise
            else:
                try:
                    _commit(self._live())
                except NaloxError:
                    with contextlib.suppress(NaloxError):
                        _rollback(self._db)
                    raise

    # --- writing ---
    def import_file(self, kind, path):
        """Import a CSV file (gzip or not) of `kind` 'products', 'sites',
        'moves' or 'administrations'; returns the number of data rows. The
        whole file is one transaction (InputError names file, line, field)."""
        n = c_longlong()
        with self._lock:
            _import(self._live(), _enc(kind, "kind"), _path(path), n)
        return n.value

    def put_product(self, *, code, name, route, doses_per_kit, dose_mg,
                    shelf_life_months, unit_cost_gbp, min_issue_days=None):
        """Add or update a product. unit_cost_gbp is pounds (Decimal, str,
        int or float) with at most two decimals, stored as exact pence;
        min_issue_days None means the store's default."""
        opts = _options(ProductOptions, code=code, name=name, route=route,
                        doses_per_kit=doses_per_kit, dose_mg=dose_mg,
                        shelf_life_months=shelf_life_months,
                        unit_cost_pence=_pence(unit_cost_gbp),
                        min_issue_days=min_issue_days)
        with self._lock:
            _put_product(self._live(), opts)

    def put_site(self, *, code, name, kind, area, parent=None):
        """Add or update a site (parent: code of an existing site)."""
        opts = _options(SiteOptions, code=code, name=name, kind=kind, area=area,
                        parent=parent)
        with self._lock:
            _put_site(self._live(), opts)

    def set_min_issue_days(self, days):
        """The store's default minimum shelf life left, in days, to issue a kit."""
        with self._lock:
            _set_min_issue_days(self._live(), days)

    def record_move(self, *, day, kind, site, product, qty, lot=None, expiry=None,
                    to_site=None, holder_kind=None, holder_ref=None, reason=None,
                    ref=None):
        """Append one move to the ledger (docs/formats.md, "moves");
        returns its id. StockError if a balance would go below zero."""
        opts = _options(MoveOptions, day=day, kind=kind, site=site, product=product,
                        lot=lot, expiry=expiry, qty=qty, to_site=to_site,
                        holder_kind=holder_kind, holder_ref=holder_ref,
                        reason=reason, ref=ref)
        move = c_longlong()
        with self._lock:
            _record_move(self._live(), opts, move)
        return move.value

    def record_administration(self, *, day, area, site, product, doses, outcome,
                              time=None, holder_kind=None, holder_ref=None, lot=None,
                              kits=None, ambulance_minutes=None,
                              seen_by_paramedics=None, resupply_needed=None,
                              resupply_kits=None, ref=None):
        """Record an administration (an 'administer' move and its details);
        returns the move's id. None means unknown for the optional fields."""
        opts = _options(AdministrationOptions, day=day, time=time, area=area,
                        site=site, holder_kind=holder_kind, holder_ref=holder_ref,
                        product=product, lot=lot, kits=kits, doses=doses,
                        outcome=outcome, ambulance_minutes=ambulance_minutes,
                        seen_by_paramedics=_tristate(seen_by_paramedics),
                        resupply_needed=_tristate(resupply_needed),
                        resupply_kits=resupply_kits, ref=ref)
        move = c_longlong()
        with self._lock:
            _record_administration(self._live(), opts, move)
        return move.value

    def report_plan(self, path, as_of, area, baseline=None, worst_case=None,
                    format="markdown"):
        """Write the plan section ('markdown' or 'html') to `path`."""
        opts = _options(ReportOptions, as_of=as_of, area=area, baseline=_path(baseline),
                        worst_case=_path(worst_case),
                        format=_choice(_REPORT_FORMATS, format, "format"))
        with self._lock:
            _report_plan(self._live(), opts, _path(path))

    def ledger_span(self):
        """(first day, last day) of the ledger as datetime.date, or None if
        it is empty."""
        first = ctypes.create_string_buffer(11)
        last = ctypes.create_string_buffer(11)
        with self._lock:
            if _ledger_span(self._live(), first, last) == DONE:
                return None
        return (datetime.date.fromisoformat(first.value.decode("ascii")),
                datetime.date.fromisoformat(last.value.decode("ascii")))

    # --- queries: Rows of records, columns as documented in the headers ---
    @_query("Product")
    def products(self):
        """All products."""
        return (_products,)

    @_query("Site")
    def sites(self):
        """All sites, parents before children."""
        return (_sites,)

    @_query("Stock")
    def stock(self, as_of, site=None, area=None, product=None, by_lot=False,
              rollup=False, soonest=False, limit=0):
        """Stock on hand at sites as of `as_of` (per site and product, or
        per lot with by_lot; soonest: soonest expiry first)."""
        return _stock, _options(
            StockOptions, as_of=as_of, site=site, area=area, product=product,
            by_lot=by_lot, rollup=rollup,
            order=_ORDER_EXPIRY if soonest else _ORDER_DEFAULT, limit=limit)

    @_query("Held")
    def held(self, as_of, holder_kind=None, holder_ref=None, site=None, area=None,
             product=None, soonest=False, limit=0):
        """Kits held by people, officers and places as of `as_of`."""
        return _held, _options(
            HeldOptions, as_of=as_of, holder_kind=holder_kind, holder_ref=holder_ref,
            site=site, area=area, product=product,
            order=_ORDER_EXPIRY if soonest else _ORDER_DEFAULT, limit=limit)

    @_query("Move")
    def moves(self, *, from_=None, to=None, site=None, product=None, lot=None,
              kind=None, holder_kind=None, holder_ref=None, limit=0, entry_order=False):
        """The ledger, by day then entry order (entry_order: as recorded).
        from_ and to are the first and last day."""
        return _moves, _options(
            MovesOptions, from_=from_, to=to, site=site, product=product, lot=lot,
            kind=kind, holder_kind=holder_kind, holder_ref=holder_ref, limit=limit,
            order=_ORDER_ENTRY if entry_order else _ORDER_DEFAULT)

    @_query("Expiring")
    def expiring(self, as_of, within_days=None, site=None, area=None,
                 holder_kind=None, product=None, group="none", in_stock=True,
                 in_hands=True, limit=0):
        """Kits expired or expiring within `within_days` (default 90);
        group: 'none', 'holder' (the re-supply list), 'site', 'product',
        'area' or 'all'."""
        return _expiring, _options(
            ExpiringOptions, as_of=as_of, within_days=within_days,
            include=(_IN_STOCK if in_stock else 0) | (_IN_HANDS if in_hands else 0),
            site=site, area=area, holder_kind=holder_kind, product=product,
            group=_choice(_GROUPS, group, "group"), limit=limit)

    @_query("Writeoff")
    def writeoff_expired(self, as_of, site=None, dry_run=False):
        """Write off stock in lots expired before `as_of` (at `site` and
        below, or everywhere); the rows list the write-offs."""
        return (_writeoff_expired, _enc(_day_text(as_of, "as_of"), "as_of"),
                _enc(site, "site"), int(dry_run))

    @_query("Reconcile")
    def reconcile(self, from_, to, site=None, area=None, rollup=False):
        """Reconciliation of stock and kits held over [from_, to]."""
        return _reconcile, _options(PeriodOptions, from_=from_, to=to, site=site,
                                    area=area, rollup=rollup)

    @_query("KeyFigures")
    def key_figures(self, from_, to, site=None, area=None):
        """Key figures per calendar month over [from_, to]."""
        return _key_figures, _options(PeriodOptions, from_=from_, to=to, site=site,
                                      area=area)

    @_query("Needs")
    def needs(self, as_of, area=None, scenario=None, horizon_days=None, explain=False):
        """Needs assessment per area and product (scenario: an INI file)."""
        return _needs, _options(NeedsOptions, as_of=as_of, area=area,
                                scenario=_path(scenario), horizon_days=horizon_days,
                                explain=explain)

    @_query("NeedsCompare")
    def needs_compare(self, as_of, scenarios, area=None, horizon_days=None):
        """The needs assessment under several scenario files side by side."""
        files = [_path(s) for s in scenarios]
        array = (c_char_p * max(len(files), 1))(*files)
        return (_needs_compare,
                _options(NeedsOptions, as_of=as_of, area=area, horizon_days=horizon_days),
                array, len(files))

    @_query("Coverage")
    def coverage(self, as_of, area=None, scenario=None):
        """Coverage per area as of `as_of`."""
        return _coverage, _options(NeedsOptions, as_of=as_of, area=area,
                                   scenario=_path(scenario))

    _EXPORTABLE = ("products", "sites", "stock", "held", "moves", "expiring",
                   "reconcile", "key_figures", "needs", "needs_compare", "coverage")

    # --- allocation (alloc.h, docs/allocation.md) ---
    def allocation(self, as_of, *, days=None, transfers="parent", transfer_cost=None,
                   equity=None, solver="auto", time_limit=None):
        """Start an allocation of the usable stock as of `as_of` (a Medicine
        Supply Notification): an unsolved Allocation to add demand,
        incoming supply and arcs to, then solve(). See Allocation."""
        return Allocation(self, as_of, days=days, transfers=transfers,
                          transfer_cost=transfer_cost, equity=equity, solver=solver,
                          time_limit=time_limit)

    def allocate(self, as_of, *, demand, incoming=None, arcs=None, **options):
        """Allocate in one call: `demand`, `incoming` and `arcs` are each a
        CSV path or an iterable of dicts of add_demand / add_incoming /
        add_arc keywords; the options are allocation()'s. Returns the
        solved Allocation (a context manager: close it, or use `with`)."""
        plan = self.allocation(as_of, **options)
        try:
            for kind, given, add in (("demand", demand, plan.add_demand),
                                     ("incoming", incoming, plan.add_incoming),
                                     ("arcs", arcs, plan.add_arc)):
                if given is None:
                    continue
                if isinstance(given, (str, bytes, os.PathLike)):
                    plan.load(kind, given)
                else:
                    for item in given:
                        add(**item)
            plan.solve()
        except BaseException:
            plan.close()
            raise
        return plan

    def export(self, path, what, *args, format="csv", gzip=False, **kwargs):
        """Write the rows of query `what` ('stock', 'moves', ...; the other
        arguments are that query's) to `path` as 'csv', 'json' or 'table',
        gzipped with gzip=True or a path ending '.gz'."""
        if what not in self._EXPORTABLE:
            raise InvalidArgument(f"export: {what!r} is not one of "
                                  f"{', '.join(self._EXPORTABLE)}")
        fmt = _choice(_FORMATS, format, "format")
        build = getattr(Store, what).build
        with self._lock:
            with self._run(what, *build(self, *args, **kwargs)) as rows:
                _rows_write(rows, fmt, _path(path), _WRITE_GZIP if gzip else 0)


Objective = collections.namedtuple("Objective", "objective bound")
Objective.__doc__ = ("A solved plan's objective and the bound of the linear relaxation, "
                     "in points (equal when the plan is proven optimal).")


class Allocation:
    """An allocation of scarce kits during a Medicine Supply Notification
    (nalox_alloc_*; the model is docs/allocation.md). A context manager:
    the C object is freed by close(), the end of a with-block, when the
    Allocation is collected, and at the latest when its store closes.

        with db.allocation("2026-11-01") as plan:
            plan.load("demand", "demand.csv")        # or plan.add_demand(...)
            plan.solve()
            for line in plan.demand():
                print(line.site, line.cohort, line.allocated, line.limited_by)

    Options: days (length of the notification, default 56), transfers
    ('parent': a site and its parent plus listed arcs; 'listed'; 'none'),
    transfer_cost (points a kit on a site-parent transfer, default 0.1),
    equity (a sequence of shares such as (1, 0.75, 0.5, 0.25), a string
    '1,0.75', or 'strict'), solver ('auto', 'network', 'simplex',
    'interior'),
    time_limit (seconds for the simplex, default 60).
    """

    def __init__(self, store, as_of, *, days=None, transfers="parent", transfer_cost=None,
                 equity=None, solver="auto", time_limit=None):
        if equity is not None and not isinstance(equity, str):
            equity = ",".join(repr(float(u)) for u in equity)
        opts = _options(AllocOptions, as_of=as_of, days=days,
                        transfers=_choice(_TRANSFERS, transfers, "transfers"),
                        parent_cost=transfer_cost, equity=equity,
                        solver=_choice(_SOLVERS, solver, "solver"), time_limit=time_limit)
        out = _alloc_p()
        with store._lock:
            _alloc_new(store._live(), opts, out)
            self._store = store
            self._h = store._h
            self.db = self._h.db                 # errors are on the store handle
            self._as_parameter_ = out
            self._key = self._h.adopt(_alloc_free, out)
        self._finalizer = weakref.finalize(self, self._h.release, self._key)
        self.as_of = _day_text(as_of, "as_of")
        self.solved = False

    def __repr__(self):
        state = "closed" if self.closed else ("solved" if self.solved else "open")
        return f"<nalox.Allocation {self.as_of} {state}>"

    @property
    def closed(self):
        return not self._h.alive(self._key)

    def close(self):
        """Free the allocation (harmless if already freed)."""
        self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    @contextlib.contextmanager
    def _live(self):
        with self._h.lock:
            if self.closed:
                raise StoreError("the allocation is closed (or its store is)", ESTORE)
            yield self

    # --- inputs ---
    def add_demand(self, *, site, cohort, kits, products, weight=None,
                   substitution_cost=None, floor=None, min_life_days=None):
        """Add a demand line: `kits` required by `cohort` at `site`, priority
        `weight` (points a kit, in (0, 100]; default 1), acceptable
        `products` (preferred first: a sequence of codes or one string), a
        `floor` share in [0, 1], `min_life_days` of shelf life a kit must
        have left (None: the product's minimum for issue)."""
        if not isinstance(products, str):
            products = " ".join(products)
        opts = _options(DemandOptions, site=site, cohort=cohort, kits=kits, weight=weight,
                        products=products, substitution_cost=substitution_cost,
                        floor=floor, min_life_days=min_life_days)
        with self._live():
            _alloc_add_demand(self, opts)

    def add_incoming(self, *, product, kits, site, day, expiry=None, lot=None):
        """Add national supply arriving at `site` on `day` (expiry None: the
        product's shelf life from that day)."""
        opts = _options(IncomingOptions, product=product, kits=kits, site=site, day=day,
                        expiry=expiry, lot=lot)
        with self._live():
            _alloc_add_incoming(self, opts)

    def add_arc(self, *, from_, to, cost=None, capacity=None):
        """Permit transfers from site `from_` to site `to` at `cost` points a
        kit (default 0), at most `capacity` kits (None: unlimited)."""
        opts = _options(ArcOptions, from_=from_, to=to, cost=cost,
                        capacity=-1 if capacity is None else capacity)
        with self._live():
            _alloc_add_arc(self, opts)

    def load(self, kind, path):
        """Add every row of a CSV file (plain or gzip) of `kind` 'demand',
        'incoming' or 'arcs'; all or nothing. Returns the number of rows."""
        if kind not in _ALLOC_KINDS:
            raise InvalidArgument(f"kind: {kind!r} is not one of {', '.join(_ALLOC_KINDS)}")
        n = c_longlong()
        with self._live():
            _alloc_load(self, _enc(kind, "kind"), _path(path), n)
        return n.value

    # --- solving and the plan ---
    def solve(self):
        """Build the model and solve it (once). Returns self. SolverError
        if GLPK failed or hit the time limit."""
        with self._live():
            _alloc_solve(self)
            self.solved = True
        return self

    @property
    def objective(self):
        """Objective(objective, bound) in points."""
        z, bound = c_double(), c_double()
        with self._live():
            _alloc_objective(self, z, bound)
        return Objective(z.value, bound.value)

    def rows(self, view):
        """A view of the solved plan as Rows: 'totals', 'priorities',
        'demand', 'allocations', 'supply' or 'transfers' (columns in
        docs/allocation.md)."""
        code = _choice(_VIEWS, view, "view")
        out = _rows_p()
        with self._live():
            _alloc_rows(self, code, out)
            return Rows(self._store, out, "Alloc" + view.capitalize())

    def totals(self):
        """The plan's totals as a dict: figure -> value (int, float, or str
        for the solver's name)."""
        def number(text):
            for kind in (int, float):
                with contextlib.suppress(TypeError, ValueError):
                    return kind(text)
            return text
        with self.rows("totals") as rows:
            return {r.figure: number(r.value) for r in rows}

    def priorities(self):
        """Demand met by priority class (Rows)."""
        return self.rows("priorities")

    def demand(self):
        """Per demand line: what it got and why no more (Rows)."""
        return self.rows("demand")

    def allocations(self):
        """Per demand line, product and lot: kits and from where (Rows)."""
        return self.rows("allocations")

    def supply(self):
        """Per supply group: used, left, expiring unused (Rows)."""
        return self.rows("supply")

    def transfers(self):
        """The transfers to make (Rows)."""
        return self.rows("transfers")

    def write_lp(self, path):
        """Write the model in CPLEX LP format, for audit (glpsol --lp): before
        or after solve(); afterwards nothing can be added."""
        with self._live():
            _alloc_write_lp(self, _path(path))

    def record(self, ref_prefix=None):
        """Record the plan's transfers from stock in the ledger, in one
        transaction, refs '<ref_prefix>-<n>' (default 'MSN-<as_of>').
        Returns the number of moves recorded."""
        n = c_longlong()
        with self._live():
            _alloc_record(self, _enc(ref_prefix, "ref_prefix"), n)
        return n.value


def open(path, *, create=False, readonly=False):
    """Open the store at `path`: `with nalox.open(path) as db: ...`.
    create makes the file and schema if missing; readonly never writes."""
    return Store(path, create=create, readonly=readonly)
