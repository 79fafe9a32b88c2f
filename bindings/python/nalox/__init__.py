"""Python binding for libnalox (naloxone stock and supply planning).

A thin ctypes translation of the C API in include/nalox/: the library
computes everything; this module converts arguments and results.

    import nalox
    with nalox.Store("nalox-demo.db") as db:
        for row in db.expiring("2026-11-01", holder_kind="officer", group="holder"):
            print(row["holder_ref"], row["kits"])

The library is found through NALOX_LIBRARY, else ctypes.util.find_library,
else the soname libnalox.so.1.
"""
import ctypes
import ctypes.util
import os
import weakref
from ctypes import (POINTER, Structure, byref, c_char_p, c_double, c_int,
                    c_longlong, c_uint, c_void_p)

__all__ = ["Store", "NaloxError", "version", "parse_day"]

EXPECTED_MAJOR = 0

# status codes (include/nalox/common.h)
OK, ROW, DONE = 0, 1, 2


class NaloxError(Exception):
    """An error from libnalox; .code is the NALOX_E* status."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code


class InvalidArgument(NaloxError): pass
class OutOfMemory(NaloxError): pass
class FileError(NaloxError): pass
class StoreError(NaloxError): pass
class SchemaError(NaloxError): pass
class InputError(NaloxError): pass
class NotFound(NaloxError): pass
class StockError(NaloxError): pass
class Exists(NaloxError): pass
class Busy(NaloxError): pass
class ExpiryError(NaloxError): pass


_ERRORS = {-1: InvalidArgument, -2: OutOfMemory, -3: FileError, -4: StoreError,
           -5: SchemaError, -6: InputError, -7: NotFound, -8: StockError,
           -9: Exists, -10: Busy, -11: ExpiryError}
__all__ += [c.__name__ for c in _ERRORS.values()]


def _load():
    path = (os.environ.get("NALOX_LIBRARY") or ctypes.util.find_library("nalox")
            or "libnalox.so.1")
    lib = ctypes.CDLL(path)
    lib.nalox_version_number.restype = c_int
    major = lib.nalox_version_number() // 10000
    if major != EXPECTED_MAJOR:
        raise ImportError(f"{path} is libnalox major version {major}; "
                          f"this binding needs {EXPECTED_MAJOR}")
    return lib


_lib = _load()


def _fn(name, restype, *argtypes):
    f = getattr(_lib, name)
    f.restype = restype
    f.argtypes = list(argtypes)
    return f


def _enc(s):
    return None if s is None else str(s).encode("utf-8")


# --- option structs, field for field as in the headers -----------------------
class _ProductOptions(Structure):
    _fields_ = [("version", c_uint), ("code", c_char_p), ("name", c_char_p),
                ("route", c_char_p), ("doses_per_kit", c_int), ("dose_mg", c_double),
                ("shelf_life_months", c_int), ("unit_cost_pence", c_longlong),
                ("min_issue_days", c_int)]


class _SiteOptions(Structure):
    _fields_ = [("version", c_uint), ("code", c_char_p), ("name", c_char_p),
                ("kind", c_char_p), ("area", c_char_p), ("parent", c_char_p)]


class _MoveOptions(Structure):
    _fields_ = [("version", c_uint), ("day", c_char_p), ("kind", c_char_p),
                ("site", c_char_p), ("product", c_char_p), ("lot", c_char_p),
                ("expiry", c_char_p), ("qty", c_longlong), ("to_site", c_char_p),
                ("holder_kind", c_char_p), ("holder_ref", c_char_p),
                ("reason", c_char_p), ("ref", c_char_p)]


class _MovesOptions(Structure):
    _fields_ = [("version", c_uint), ("from_", c_char_p), ("to", c_char_p),
                ("site", c_char_p), ("product", c_char_p), ("lot", c_char_p),
                ("kind", c_char_p), ("holder_kind", c_char_p), ("holder_ref", c_char_p),
                ("limit", c_longlong), ("order", c_int)]


class _StockOptions(Structure):
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("site", c_char_p),
                ("area", c_char_p), ("product", c_char_p), ("by_lot", c_int),
                ("rollup", c_int), ("order", c_int), ("limit", c_longlong)]


class _HeldOptions(Structure):
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("holder_kind", c_char_p),
                ("holder_ref", c_char_p), ("site", c_char_p), ("area", c_char_p),
                ("product", c_char_p), ("order", c_int), ("limit", c_longlong)]


class _ExpiringOptions(Structure):
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("within_days", c_int),
                ("include", c_uint), ("site", c_char_p), ("area", c_char_p),
                ("holder_kind", c_char_p), ("product", c_char_p), ("group", c_int),
                ("limit", c_longlong)]


class _NeedsOptions(Structure):
    _fields_ = [("version", c_uint), ("as_of", c_char_p), ("area", c_char_p),
                ("scenario", c_char_p), ("horizon_days", c_int), ("explain", c_int)]


_GROUPS = {"none": 0, "holder": 1, "site": 2, "product": 3, "area": 4, "all": 5}
_NULL, _INTEGER, _REAL, _TEXT = 0, 1, 2, 3

_open = _fn("nalox_open", c_int, c_char_p, c_uint, POINTER(c_void_p))
_close = _fn("nalox_close", c_int, c_void_p)
_errmsg = _fn("nalox_errmsg", c_char_p, c_void_p)
_version = _fn("nalox_version", c_char_p)
_day_parse = _fn("nalox_day_parse", c_int, c_char_p, c_int, POINTER(c_int))
_rows_next = _fn("nalox_rows_next", c_int, c_void_p)
_rows_columns = _fn("nalox_rows_columns", c_int, c_void_p)
_rows_name = _fn("nalox_rows_name", c_char_p, c_void_p, c_int)
_rows_type = _fn("nalox_rows_type", c_int, c_void_p, c_int)
_rows_int = _fn("nalox_rows_int", c_longlong, c_void_p, c_int)
_rows_real = _fn("nalox_rows_real", c_double, c_void_p, c_int)
_rows_text = _fn("nalox_rows_text", c_char_p, c_void_p, c_int)
_rows_errmsg = _fn("nalox_rows_errmsg", c_char_p, c_void_p)
_rows_free = _fn("nalox_rows_free", None, c_void_p)


def version():
    """The run-time libnalox version, e.g. '0.1.0'."""
    return _version().decode()


def parse_day(text, allow_month=False):
    """Day number (days since 1970-01-01) of 'YYYY-MM-DD' (or 'YYYY-MM')."""
    day = c_int()
    rc = _day_parse(_enc(text), 1 if allow_month else 0, byref(day))
    if rc != OK:
        raise InvalidArgument(rc, f"'{text}' is not a real day")
    return day.value


class Store:
    """An open store (one SQLite file). Use as a context manager."""

    def __init__(self, path, create=False, readonly=False):
        handle = c_void_p()
        flags = (2 if create else 0) | (1 if readonly else 0)
        rc = _open(_enc(path), flags, byref(handle))
        if rc != OK:
            message = _errmsg(handle).decode() if handle else "out of memory"
            _close(handle)
            raise _ERRORS.get(rc, NaloxError)(rc, message)
        self._db = handle
        self._finalizer = weakref.finalize(self, _close, handle)
        self._keep = []

    def close(self):
        """Close the store; closing twice is harmless."""
        if self._db is not None:
            self._finalizer()
            self._db = None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def _handle(self):
        if self._db is None:
            raise StoreError(-4, "the store is closed")
        return self._db

    def _check(self, rc):
        if rc < 0:
            raise _ERRORS.get(rc, NaloxError)(rc, _errmsg(self._db).decode())
        return rc

    def _call(self, name, *args):
        return self._check(getattr(_lib, name)(self._handle(), *args))

    def _rows(self, name, opts):
        rows = c_void_p()
        f = getattr(_lib, name)
        if opts is None:  # nalox_products, nalox_sites: no options
            f.argtypes = [c_void_p, POINTER(c_void_p)]
            self._check(f(self._handle(), byref(rows)))
        else:
            f.argtypes = [c_void_p, c_void_p, POINTER(c_void_p)]
            self._check(f(self._handle(), byref(opts), byref(rows)))
        return list(self._iterate(rows))

    def _iterate(self, rows):
        try:
            n = _rows_columns(rows)
            names = [_rows_name(rows, i).decode() for i in range(n)]
            while True:
                rc = _rows_next(rows)
                if rc == DONE:
                    return
                if rc != ROW:
                    raise _ERRORS.get(rc, NaloxError)(rc, _rows_errmsg(rows).decode())
                row = {}
                for i, name in enumerate(names):
                    t = _rows_type(rows, i)
                    row[name] = (None if t == _NULL else _rows_int(rows, i) if t == _INTEGER
                                 else _rows_real(rows, i) if t == _REAL
                                 else _rows_text(rows, i).decode())
                yield row
        finally:
            _rows_free(rows)

    @staticmethod
    def _opts(cls, **fields):
        o = cls()
        o.version = 1
        for k, v in fields.items():
            setattr(o, k, _enc(v) if isinstance(v, str) else v)
        return o

    # --- writing -------------------------------------------------------------
    def import_file(self, kind, path):
        """Import a CSV (or .csv.gz) file of `kind`; returns the rows imported.
        The whole file is one transaction."""
        n = c_longlong()
        _lib.nalox_import.argtypes = [c_void_p, c_char_p, c_char_p, POINTER(c_longlong)]
        self._call("nalox_import", _enc(kind), _enc(path), byref(n))
        return n.value

    def record_move(self, day, kind, site, product, qty, lot=None, expiry=None,
                    to_site=None, holder_kind=None, holder_ref=None, reason=None, ref=None):
        """Append one move to the ledger; returns its id."""
        o = self._opts(_MoveOptions, day=day, kind=kind, site=site, product=product,
                       lot=lot, expiry=expiry, qty=qty, to_site=to_site,
                       holder_kind=holder_kind, holder_ref=holder_ref, reason=reason,
                       ref=ref)
        move = c_longlong()
        _lib.nalox_record_move.argtypes = [c_void_p, c_void_p, POINTER(c_longlong)]
        self._call("nalox_record_move", byref(o), byref(move))
        return move.value

    def set_min_issue_days(self, days):
        _lib.nalox_set_min_issue_days.argtypes = [c_void_p, c_int]
        self._call("nalox_set_min_issue_days", days)

    def transaction(self):
        """A context manager: commit on success, roll back on an exception."""
        store = self

        class _Txn:
            def __enter__(self):
                _lib.nalox_begin.argtypes = [c_void_p]
                store._call("nalox_begin")

            def __exit__(self, exc_type, *rest):
                _lib.nalox_commit.argtypes = _lib.nalox_rollback.argtypes = [c_void_p]
                store._call("nalox_rollback" if exc_type else "nalox_commit")
                return False
        return _Txn()

    # --- queries (lists of dicts; columns as documented in the C headers) ---
    def stock(self, as_of, site=None, area=None, product=None, by_lot=False,
              rollup=False, soonest=False, limit=0):
        return self._rows("nalox_stock", self._opts(
            _StockOptions, as_of=as_of, site=site, area=area, product=product,
            by_lot=int(by_lot), rollup=int(rollup), order=int(soonest), limit=limit))

    def held(self, as_of, holder_kind=None, holder_ref=None, site=None, area=None,
             product=None, soonest=False, limit=0):
        return self._rows("nalox_held", self._opts(
            _HeldOptions, as_of=as_of, holder_kind=holder_kind, holder_ref=holder_ref,
            site=site, area=area, product=product, order=int(soonest), limit=limit))

    def moves(self, start=None, end=None, site=None, product=None, lot=None, kind=None,
              holder_kind=None, holder_ref=None, limit=0):
        return self._rows("nalox_moves", self._opts(
            _MovesOptions, from_=start, to=end, site=site, product=product, lot=lot,
            kind=kind, holder_kind=holder_kind, holder_ref=holder_ref, limit=limit))

    def expiring(self, as_of, within_days=90, site=None, area=None, holder_kind=None,
                 product=None, group="none", stock=True, held=True, limit=0):
        return self._rows("nalox_expiring", self._opts(
            _ExpiringOptions, as_of=as_of, within_days=within_days,
            include=(1 if stock else 0) | (2 if held else 0), site=site, area=area,
            holder_kind=holder_kind, product=product, group=_GROUPS[group], limit=limit))

    def needs(self, as_of, area=None, scenario=None, horizon_days=0, explain=False):
        return self._rows("nalox_needs", self._opts(
            _NeedsOptions, as_of=as_of, area=area, scenario=scenario,
            horizon_days=horizon_days, explain=int(explain)))

    def products(self):
        return self._rows("nalox_products", None)

    def sites(self):
        return self._rows("nalox_sites", None)
