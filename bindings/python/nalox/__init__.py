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

The modules, by domain (each opens with a line saying what it holds):
_library (loading, _fn, status checks), errors, _convert, days, words
(the library's word lists), options (the option structs), rows, _handle,
store (Store), views, planning, allocation. Everything public is
imported here: use `nalox.X`, not `nalox.store.X`.
"""
from ._library import (EXPECTED_MAJOR, SONAME, _check_version, _lib, _lib_path, version,
                       version_number)
from .allocation import Allocation, Objective
from .days import format_day, parse_day
from .errors import (DONE, EBUSY, EEXISTS, EEXPIRY, EINPUT, EINVAL, EIO, ENOMEM,
                     ENOTFOUND, ESCHEMA, ESOLVER, ESTOCK, ESTORE, OK, ROW, _ERRORS, Busy,
                     Exists, ExpiryError, FileError, InputError, InvalidArgument, IOError_,
                     NaloxError, NotFound, OutOfMemory, SchemaError, SolverError,
                     StockError, StoreError, _error)
from .options import (AdministrationOptions, AllocOptions, ArcOptions, DemandOptions,
                      ExpiringOptions, HeldOptions, ImportOptions, IncomingOptions, MoveOptions,
                      MovesOptions, NeedsOptions, PeriodOptions, ProductOptions,
                      ReportOptions, SiteOptions, StockOptions, _options)
from .rows import DAY_COLUMNS, Rows, record_type
from .store import Store
from .words import (NAMES_ALLOC_INPUTS, NAMES_ALLOC_VIEWS, NAMES_FORMATS, NAMES_GROUPS,
                    NAMES_HOLDER_KINDS, NAMES_IMPORT_KINDS, NAMES_MOVE_KINDS,
                    NAMES_OUTCOMES, NAMES_REPORT_FORMATS, NAMES_ROUTES, NAMES_SETTINGS,
                    NAMES_SITE_KINDS, NAMES_SOLVERS, NAMES_TRANSFERS,
                    NAMES_WRITEOFF_REASONS, CODE_AREA, CODE_HOLDER, CODE_LOT, CODE_PRODUCT,
                    CODE_SITE, name_parse, name_suggest, names, suggest)

__all__ = [
    "open", "Store", "Rows", "Allocation", "Objective",
    "version", "version_number", "parse_day", "format_day",
    "names", "name_parse", "name_suggest", "suggest",
    "NaloxError", "InvalidArgument", "OutOfMemory", "FileError", "IOError_",
    "StoreError", "SchemaError", "InputError", "NotFound", "StockError",
    "Exists", "Busy", "ExpiryError", "SolverError",
]

#: The version of this binding (that of the library it was written with).
__version__ = "0.1.0"


def open(path, *, create=False, readonly=False):
    """Open the store at `path`: `with nalox.open(path) as db: ...`.
    create makes the file and schema if missing; readonly never writes."""
    return Store(path, create=create, readonly=readonly)


# The public classes and functions say they are nalox's (repr, help,
# tracebacks: nalox.Store, nalox.InvalidArgument), wherever defined.
for _obj in list(globals().values()):
    if callable(_obj) and getattr(_obj, "__module__", "").startswith(__name__ + "."):
        _obj.__module__ = __name__
del _obj
