"""Store: opening, closing, transactions, imports, the catalogue, ledger writes, export.

Its query methods come from views.py (stock, held, moves, expiring, ...),
planning.py (needs, coverage, the plan report) and allocation.py
(allocation, allocate).
"""
import contextlib
import ctypes
import datetime
import os
import weakref
from ctypes import POINTER, c_char, c_char_p, c_int, c_longlong, c_ulong

from ._convert import _enc, _path, _pence, _text, _tristate
from ._handle import _Handle
from ._library import _check_db, _db_p, _errmsg, _fn, _open, _rows_p
from .allocation import _Allocating
from .errors import DONE, ENOTFOUND, ESTORE, InvalidArgument, NaloxError, StoreError, _error
from .options import (AdministrationOptions, ImportOptions, MoveOptions, ProductOptions,
                      SiteOptions, _options)
from .planning import _Planning
from .rows import Rows, _query, _rows_write
from .views import _Views
from .words import CODES, NAMES_FORMATS, _choice

# Open flags (store.h), nalox_rows_write() flags (rows.h).
_OPEN_READONLY, _OPEN_CREATE = 0x1, 0x2
_WRITE_GZIP = 0x1

_P = POINTER
_errcode = _fn("nalox_errcode", c_int, [_db_p])
_schema_version = _fn("nalox_schema_version", c_int, [_db_p])
_begin = _fn("nalox_begin", c_int, [_db_p], _check_db)
_commit = _fn("nalox_commit", c_int, [_db_p], _check_db)
_rollback = _fn("nalox_rollback", c_int, [_db_p], _check_db)
_backup = _fn("nalox_backup", c_int, [_db_p, c_char_p], _check_db)
_import = _fn("nalox_import", c_int, [_db_p, c_char_p, c_char_p, _P(c_longlong)],
              _check_db)
_import_v2 = _fn("nalox_import_v2", c_int,
                 [_db_p, c_char_p, c_char_p, _P(ImportOptions), _P(c_longlong)], _check_db)
_settings = _fn("nalox_settings", c_int, [_db_p, _P(_rows_p)], _check_db)
_set_setting = _fn("nalox_set_setting", c_int, [_db_p, c_char_p, c_char_p], _check_db)
_code_find = _fn("nalox_code_find", c_int, [_db_p, c_int, c_char_p, c_char_p, c_ulong])
_put_product = _fn("nalox_put_product", c_int, [_db_p, _P(ProductOptions)], _check_db)
_put_site = _fn("nalox_put_site", c_int, [_db_p, _P(SiteOptions)], _check_db)
_set_min_issue_days = _fn("nalox_set_min_issue_days", c_int, [_db_p, c_int], _check_db)
_products = _fn("nalox_products", c_int, [_db_p, _P(_rows_p)], _check_db)
_sites = _fn("nalox_sites", c_int, [_db_p, _P(_rows_p)], _check_db)
_record_move = _fn("nalox_record_move", c_int,
                   [_db_p, _P(MoveOptions), _P(c_longlong)], _check_db)
_record_administration = _fn("nalox_record_administration", c_int,
                             [_db_p, _P(AdministrationOptions), _P(c_longlong)],
                             _check_db)
_ledger_span = _fn("nalox_ledger_span", c_int, [_db_p, _P(c_char), _P(c_char)],
                   _check_db)


class Store(_Views, _Planning, _Allocating):
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

    def backup(self, path):
        """Write a consistent copy of the store to `path`, a file that must
        not exist (Exists otherwise), also while other processes write;
        the copy passes an integrity check before it takes its name."""
        with self._lock:
            _backup(self._live(), _path(path))

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
    def import_file(self, kind, path, today=None):
        """Import a CSV file (gzip or not) of `kind` ('products', 'sites',
        'moves', 'administrations', ...: nalox.names("import_kinds"));
        returns the number of data rows. The whole file is one transaction
        (InputError names file, line, field). With `today` (a date or
        'YYYY-MM-DD'), a move or administration dated after it is refused."""
        n = c_longlong()
        with self._lock:
            if today is None:
                _import(self._live(), _enc(kind, "kind"), _path(path), n)
            else:
                opts = _options(ImportOptions, today=today)
                _import_v2(self._live(), _enc(kind, "kind"), _path(path), opts, n)
        return n.value

    @_query("Setting")
    def settings(self):
        """Every store setting with its value and default (nalox_settings)."""
        return (_settings,)

    def set_setting(self, name, value):
        """Set a store setting by name (nalox.names("settings")); the
        library checks the value."""
        with self._lock:
            _set_setting(self._live(), _enc(name, "name"), _enc(str(value), "value"))

    def code_find(self, kind, code):
        """Is `code` a known code of `kind` ('site', 'product', 'area',
        'lot', 'holder' as 'KIND:REF')? Returns (True, None) if it is, else
        (False, the nearest known code or None; holders are never
        suggested)."""
        if kind not in CODES:
            raise InvalidArgument(f"kind: {kind!r} is not one of {', '.join(CODES)}")
        buf = ctypes.create_string_buffer(256)
        with self._lock:
            rc = _code_find(self._live(), CODES[kind], _enc(code, "code"), buf, len(buf))
        if rc == 0:
            return True, None
        if rc == ENOTFOUND:
            return False, (buf.value.decode("utf-8") or None)
        raise _error(rc, _text(_errmsg(self._db)) or "code_find failed")

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

    # --- the catalogue ---
    @_query("Product")
    def products(self):
        """All products."""
        return (_products,)

    @_query("Site")
    def sites(self):
        """All sites, parents before children."""
        return (_sites,)

    # --- export ---
    _EXPORTABLE = ("products", "sites", "stock", "held", "moves", "expiring",
                   "reconcile", "key_figures", "needs", "needs_compare", "coverage")

    def export(self, path, what, *args, format="csv", gzip=False, **kwargs):
        """Write the rows of query `what` ('stock', 'moves', ...; the other
        arguments are that query's) to `path` as 'csv', 'json' or 'table',
        gzipped with gzip=True or a path ending '.gz'."""
        if what not in self._EXPORTABLE:
            raise InvalidArgument(f"export: {what!r} is not one of "
                                  f"{', '.join(self._EXPORTABLE)}")
        fmt = _choice(NAMES_FORMATS, format, "format")
        build = getattr(type(self), what).build
        with self._lock:
            with self._run(what, *build(self, *args, **kwargs)) as rows:
                _rows_write(rows, fmt, _path(path), _WRITE_GZIP if gzip else 0)
