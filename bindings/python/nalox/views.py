"""Store methods for the ledger's views: stock, held, moves, expiring, reconcile, key figures."""
from ctypes import POINTER, c_char_p, c_int

from ._convert import _day_text, _enc
from ._library import _check_db, _db_p, _fn, _rows_p
from .options import (ExpiringOptions, HeldOptions, MovesOptions, PeriodOptions,
                      StockOptions, _options)
from .rows import _query
from .words import NAMES_GROUPS, _choice

# Orders (stock.h, ledger.h) and what nalox_expiring() includes (expiry.h).
_ORDER_DEFAULT, _ORDER_EXPIRY, _ORDER_ENTRY = 0, 1, 2
_IN_STOCK, _IN_HANDS = 0x1, 0x2

_P = POINTER
_moves = _fn("nalox_moves", c_int, [_db_p, _P(MovesOptions), _P(_rows_p)], _check_db)
_stock = _fn("nalox_stock", c_int, [_db_p, _P(StockOptions), _P(_rows_p)], _check_db)
_held = _fn("nalox_held", c_int, [_db_p, _P(HeldOptions), _P(_rows_p)], _check_db)
_expiring = _fn("nalox_expiring", c_int, [_db_p, _P(ExpiringOptions), _P(_rows_p)],
                _check_db)
_writeoff_expired = _fn("nalox_writeoff_expired", c_int,
                        [_db_p, c_char_p, c_char_p, c_int, _P(_rows_p)], _check_db)
_reconcile = _fn("nalox_reconcile", c_int, [_db_p, _P(PeriodOptions), _P(_rows_p)],
                 _check_db)
_key_figures = _fn("nalox_key_figures", c_int,
                   [_db_p, _P(PeriodOptions), _P(_rows_p)], _check_db)


class _Views:
    """The ledger's views, as Store methods returning Rows."""

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
        'area' or 'all' (nalox.names("groups"))."""
        return _expiring, _options(
            ExpiringOptions, as_of=as_of, within_days=within_days,
            include=(_IN_STOCK if in_stock else 0) | (_IN_HANDS if in_hands else 0),
            site=site, area=area, holder_kind=holder_kind, product=product,
            group=_choice(NAMES_GROUPS, group, "group"), limit=limit)

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
