"""The status codes (common.h) and the exception for each: NaloxError and one subclass a code."""

# Status codes (include/nalox/common.h).
OK, ROW, DONE = 0, 1, 2
EINVAL, ENOMEM, EIO, ESTORE, ESCHEMA = -1, -2, -3, -4, -5
EINPUT, ENOTFOUND, ESTOCK, EEXISTS, EBUSY, EEXPIRY = -6, -7, -8, -9, -10, -11
ESOLVER = -12


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


#: status code -> its NaloxError subclass, filled by _status().
_ERRORS = {}


def _status(name, code, doc):
    """The NaloxError subclass `name` raised for status `code`."""
    cls = type(name, (NaloxError,), {"__doc__": doc, "code": code, "__module__": "nalox"})
    _ERRORS[code] = cls
    return cls


# One line a status: the class, its code, its docstring.
InvalidArgument = _status("InvalidArgument", EINVAL,
                          "NALOX_EINVAL: a bad argument (missing or malformed field, bad option).")
OutOfMemory = _status("OutOfMemory", ENOMEM, "NALOX_ENOMEM.")
FileError = _status("FileError", EIO, "NALOX_EIO: a file could not be read or written.")
StoreError = _status("StoreError", ESTORE,
                     "NALOX_ESTORE: SQLite failed, the file is not a nalox store, or the\n"
                     "    Store has been closed.")
SchemaError = _status("SchemaError", ESCHEMA,
                      "NALOX_ESCHEMA: the store was written by a newer libnalox.")
InputError = _status("InputError", EINPUT,
                     "NALOX_EINPUT: bad input data; the message names file, line, field.")
NotFound = _status("NotFound", ENOTFOUND,
                   "NALOX_ENOTFOUND: an unknown product, site, lot or holder.")
StockError = _status("StockError", ESTOCK,
                     "NALOX_ESTOCK: the move would take a balance below zero.")
Exists = _status("Exists", EEXISTS, "NALOX_EEXISTS: a duplicate, e.g. a move ref already stored.")
Busy = _status("Busy", EBUSY, "NALOX_EBUSY: the store is locked by another connection.")
ExpiryError = _status("ExpiryError", EEXPIRY,
                      "NALOX_EEXPIRY: the kit is expired, or too close to expiry to issue.")
SolverError = _status("SolverError", ESOLVER,
                      "NALOX_ESOLVER: the solver failed or hit its time limit.")

IOError_ = FileError


def _error(code, message):
    """The exception for status `code` (NaloxError for a code this binding
    does not know: codes only grow)."""
    return _ERRORS.get(code, NaloxError)(message, code)
