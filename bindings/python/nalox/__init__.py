"""Python binding for libnalox (naloxone kit stock and supply planning).

A thin ctypes translation of the C API in include/nalox/: the library
computes everything; this module converts arguments and results.

    import nalox
    with nalox.Store("nalox-demo.db", readonly=True) as db:
        for row in db.held("2026-11-01", holder_kind="officer", soonest=True):
            print(row["holder_ref"], row["lot"], row["days_left"])

The library is loaded from $NALOX_LIBRARY if set, else from what
ctypes.util.find_library("nalox") finds, else by its soname libnalox.so.1.
Python 3.11 standard library only.
"""
import contextlib
import ctypes
import ctypes.util
import decimal
import functools
import os
import threading
import weakref
from ctypes import (POINTER, Structure, c_char, c_char_p, c_double, c_int,
                    c_longlong, c_uint, c_ulong)

__all__ = [
    "Store", "version", "version_number", "parse_day", "format_day",
    "NaloxError", "InvalidArgument", "OutOfMemory", "FileError", "IOError_",
    "StoreError", "SchemaError", "InputError", "NotFound", "StockError",
    "Exists", "Busy", "ExpiryError",
]

#: The library major version this binding is written for (0.x).
EXPECTED_MAJOR = 0
#: The soname tried last.
SONAME = "libnalox.so.1"

# Status codes (include/nalox/common.h).
OK, ROW, DONE = 0, 1, 2
EINVAL, ENOMEM, EIO, ESTORE, ESCHEMA = -1, -2, -3, -4, -5
EINPUT, ENOTFOUND, ESTOCK, EEXISTS, EBUSY, EEXPIRY = -6, -7, -8, -9, -10, -11

# Value types (rows.h), open flags (store.h), orders, groups, formats.
_NULL, _INTEGER, _REAL, _TEXT = 0, 1, 2, 3
_OPEN_READONLY, _OPEN_CREATE = 0x1, 0x2
_ORDER_DEFAULT, _ORDER_EXPIRY, _ORDER_ENTRY = 0, 1, 2
_IN_STOCK, _IN_HANDS = 0x1, 0x2
_WRITE_GZIP = 0x1
_GROUPS = {"none": 0, "holder": 1, "site": 2, "product": 3, "area": 4, "all": 5}
_FORMATS = {"table": 1, "csv": 2, "json": 3}
_REPORT_FORMATS = {"markdown": 1, "html": 2}


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


_ERRORS = {cls.code: cls for cls in (
    InvalidArgument, OutOfMemory, FileError, StoreError, SchemaError,
    InputError, NotFound, StockError, Exists, Busy, ExpiryError)}


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


_db_p = POINTER(_db)
_rows_p = POINTER(_rows)


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
    (nalox_rows_write); args[0] is a _Rows."""
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
_report_plan = _fn("nalox_report_plan", c_int, [_db_p, _P(ReportOptions), c_char_p],
                   _check_db)

for _cls, _name in ((ProductOptions, "product"), (SiteOptions, "site"),
                    (MoveOptions, "move"), (MovesOptions, "moves"),
                    (StockOptions, "stock"), (HeldOptions, "held"),
                    (ExpiringOptions, "expiring"),
                    (AdministrationOptions, "administration"),
                    (PeriodOptions, "period"), (NeedsOptions, "needs"),
                    (ReportOptions, "report")):
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
            if isinstance(value, bytes):     # a path, already from _path()
                if b"\0" in value:
                    raise InvalidArgument(f"{name}: contains a NUL character")
            else:
                value = _enc(value, name)
        elif ctype is c_double:
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


# --- result sets ---------------------------------------------------------------------

class _Rows:
    """An iterator over a nalox_rows yielding dicts. Free with close()
    (the Store frees any left open before it closes)."""

    def __init__(self, store, ptr):
        self.db = store._db                  # for messages (nalox_rows_write)
        self._as_parameter_ = ptr
        self._owner = store._open_rows       # not the Store: no cycle
        self._owner.add(self)
        n = _rows_columns(ptr)
        self.columns = [_text(_rows_name(ptr, i)) for i in range(n)]

    def __iter__(self):
        return self

    def __next__(self):
        ptr = self._as_parameter_
        if not ptr:
            raise StopIteration
        _rows_next(ptr)                      # StopIteration on NALOX_DONE
        row = {}
        for i, name in enumerate(self.columns):
            t = _rows_type(ptr, i)
            if t == _INTEGER:
                row[name] = _rows_int(ptr, i)
            elif t == _REAL:
                row[name] = _rows_real(ptr, i)
            elif t == _TEXT:
                row[name] = _rows_text(ptr, i).decode("utf-8")
            else:
                row[name] = None
        return row

    def close(self):
        ptr, self._as_parameter_ = self._as_parameter_, _rows_p()
        if ptr:
            _rows_free(ptr)
        self._owner.discard(self)

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()


def _query(build):
    """Make a Store method from `build`, which returns (C function, options
    or other arguments); the method returns the rows as a list of dicts.
    Store.export() writes the same query to a file."""
    @functools.wraps(build)
    def method(self, *args, **kwargs):
        with self._lock:
            with self._run(*build(self, *args, **kwargs)) as rows:
                return list(rows)
    method.build = build
    return method


def _release(handle, open_rows):
    """Free what a Store holds: its row sets first, then the handle."""
    for rows in list(open_rows):
        rows.close()
    _close(handle)


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
        self._db = handle
        self._open_rows = set()
        self._lock = threading.RLock()
        self.path = os.fspath(path)
        self._finalizer = weakref.finalize(self, _release, handle, self._open_rows)

    def __repr__(self):
        state = "closed" if self.closed else "open"
        return f"<nalox.Store {self.path!r} {state}>"

    # --- life cycle ---
    @property
    def closed(self):
        return self._db is None

    def close(self):
        """Close the store (frees any open row set first). Closing twice is
        harmless; any other use of a closed store raises StoreError."""
        with self._lock:
            if self._db is not None:
                self._db = None
                self._finalizer()

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _live(self):
        if self._db is None:
            raise StoreError(f"the store {self.path!r} is closed", ESTORE)
        return self._db

    def _run(self, cfunc, *args):
        """Call a query function: cfunc(db, *args, &rows) -> _Rows."""
        out = _rows_p()
        cfunc(self._live(), *args, out)
        return _Rows(self, out)

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
        """(first day, last day) of the ledger as 'YYYY-MM-DD', or None if
        it is empty."""
        first = ctypes.create_string_buffer(11)
        last = ctypes.create_string_buffer(11)
        with self._lock:
            if _ledger_span(self._live(), first, last) == DONE:
                return None
        return first.value.decode("ascii"), last.value.decode("ascii")

    # --- queries: lists of dicts, columns as documented in the headers ---
    @_query
    def products(self):
        """All products."""
        return (_products,)

    @_query
    def sites(self):
        """All sites, parents before children."""
        return (_sites,)

    @_query
    def stock(self, as_of, site=None, area=None, product=None, by_lot=False,
              rollup=False, soonest=False, limit=0):
        """Stock on hand at sites as of `as_of` (per site and product, or
        per lot with by_lot; soonest: soonest expiry first)."""
        return _stock, _options(
            StockOptions, as_of=as_of, site=site, area=area, product=product,
            by_lot=by_lot, rollup=rollup,
            order=_ORDER_EXPIRY if soonest else _ORDER_DEFAULT, limit=limit)

    @_query
    def held(self, as_of, holder_kind=None, holder_ref=None, site=None, area=None,
             product=None, soonest=False, limit=0):
        """Kits held by people, officers and places as of `as_of`."""
        return _held, _options(
            HeldOptions, as_of=as_of, holder_kind=holder_kind, holder_ref=holder_ref,
            site=site, area=area, product=product,
            order=_ORDER_EXPIRY if soonest else _ORDER_DEFAULT, limit=limit)

    @_query
    def moves(self, *, from_=None, to=None, site=None, product=None, lot=None,
              kind=None, holder_kind=None, holder_ref=None, limit=0, entry_order=False):
        """The ledger, by day then entry order (entry_order: as recorded).
        from_ and to are the first and last day."""
        return _moves, _options(
            MovesOptions, from_=from_, to=to, site=site, product=product, lot=lot,
            kind=kind, holder_kind=holder_kind, holder_ref=holder_ref, limit=limit,
            order=_ORDER_ENTRY if entry_order else _ORDER_DEFAULT)

    @_query
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

    @_query
    def writeoff_expired(self, as_of, site=None, dry_run=False):
        """Write off stock in lots expired before `as_of` (at `site` and
        below, or everywhere); the rows list the write-offs."""
        return _writeoff_expired, _enc(as_of, "as_of"), _enc(site, "site"), int(dry_run)

    @_query
    def reconcile(self, from_, to, site=None, area=None, rollup=False):
        """Reconciliation of stock and kits held over [from_, to]."""
        return _reconcile, _options(PeriodOptions, from_=from_, to=to, site=site,
                                    area=area, rollup=rollup)

    @_query
    def key_figures(self, from_, to, site=None, area=None):
        """Key figures per calendar month over [from_, to]."""
        return _key_figures, _options(PeriodOptions, from_=from_, to=to, site=site,
                                      area=area)

    @_query
    def needs(self, as_of, area=None, scenario=None, horizon_days=None, explain=False):
        """Needs assessment per area and product (scenario: an INI file)."""
        return _needs, _options(NeedsOptions, as_of=as_of, area=area,
                                scenario=_path(scenario), horizon_days=horizon_days,
                                explain=explain)

    @_query
    def needs_compare(self, as_of, scenarios, area=None, horizon_days=None):
        """The needs assessment under several scenario files side by side."""
        files = [_path(s) for s in scenarios]
        array = (c_char_p * max(len(files), 1))(*files)
        return (_needs_compare,
                _options(NeedsOptions, as_of=as_of, area=area, horizon_days=horizon_days),
                array, len(files))

    @_query
    def coverage(self, as_of, area=None, scenario=None):
        """Coverage per area as of `as_of`."""
        return _coverage, _options(NeedsOptions, as_of=as_of, area=area,
                                   scenario=_path(scenario))

    _EXPORTABLE = ("products", "sites", "stock", "held", "moves", "expiring",
                   "reconcile", "key_figures", "needs", "needs_compare", "coverage")

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
            with self._run(*build(self, *args, **kwargs)) as rows:
                _rows_write(rows, fmt, _path(path), _WRITE_GZIP if gzip else 0)
