"""Loading libnalox (its major version checked), declaring its functions, checking their status."""
import ctypes
import ctypes.util
import os
from ctypes import POINTER, Structure, c_char_p, c_int, c_uint

from ._convert import _text
from .errors import DONE, _error

#: The library major version this binding is written for (0.x).
EXPECTED_MAJOR = 0
#: The soname tried last.
SONAME = "libnalox.so.1"


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


# --- opaque handles ------------------------------------------------------------------

class _db(Structure):
    """struct nalox_db (opaque)."""


class _rows(Structure):
    """struct nalox_rows (opaque)."""


class _alloc(Structure):
    """struct nalox_alloc (opaque)."""


_db_p = POINTER(_db)
_rows_p = POINTER(_rows)
_alloc_p = POINTER(_alloc)

#: The names of the C functions declared with _fn (the tests hold them
#: against every NALOX_EXTERN function of the headers).
DECLARED = set()


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
    DECLARED.add(name)
    return f


# --- status checks (errcheck) ----------------------------------------------------------

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


def _check_owner(rc, func, args):
    """A call on an object made from a store (a Rows for nalox_rows_write,
    an Allocation), whose errors are reported on the store handle: args[0]
    has it as .db."""
    if rc < 0:
        raise _error(rc, _text(_errmsg(args[0].db)) or _text(_strerror(rc)))
    return rc


# What the checks and the version need; every other function is declared
# in the module of its domain.
_version = _fn("nalox_version", c_char_p, [])
_version_number = _fn("nalox_version_number", c_int, [])
_strerror = _fn("nalox_strerror", c_char_p, [c_int])
_open = _fn("nalox_open", c_int, [c_char_p, c_uint, POINTER(_db_p)], _check_open)
_close = _fn("nalox_close", c_int, [_db_p])
_errmsg = _fn("nalox_errmsg", c_char_p, [_db_p])
_rows_errmsg = _fn("nalox_rows_errmsg", c_char_p, [_rows_p])


def version():
    """The run-time libnalox version, e.g. '0.1.0'."""
    return _text(_version())


def version_number():
    """The run-time version as MAJOR*10000 + MINOR*100 + PATCH."""
    return _version_number()
