"""Allocation: kits shared out in a Medicine Supply Notification; Store methods to start one."""
import collections
import contextlib
import os
import weakref
from ctypes import POINTER, c_char_p, c_double, c_int, c_longlong

from ._convert import _day_text, _enc, _path
from ._library import _alloc_p, _check_db, _check_owner, _db_p, _fn, _rows_p
from .errors import ESTORE, StoreError
from .options import AllocOptions, ArcOptions, DemandOptions, IncomingOptions, _options
from .rows import Rows
from .words import (NAMES_ALLOC_INPUTS, NAMES_ALLOC_VIEWS, NAMES_SOLVERS, NAMES_TRANSFERS,
                    _choice)

_P = POINTER
_alloc_new = _fn("nalox_alloc_new", c_int, [_db_p, _P(AllocOptions), _P(_alloc_p)],
                 _check_db)
_alloc_add_demand = _fn("nalox_alloc_add_demand", c_int, [_alloc_p, _P(DemandOptions)],
                        _check_owner)
_alloc_add_incoming = _fn("nalox_alloc_add_incoming", c_int,
                          [_alloc_p, _P(IncomingOptions)], _check_owner)
_alloc_add_arc = _fn("nalox_alloc_add_arc", c_int, [_alloc_p, _P(ArcOptions)],
                     _check_owner)
_alloc_load = _fn("nalox_alloc_load", c_int,
                  [_alloc_p, c_char_p, c_char_p, _P(c_longlong)], _check_owner)
_alloc_solve = _fn("nalox_alloc_solve", c_int, [_alloc_p], _check_owner)
_alloc_rows = _fn("nalox_alloc_rows", c_int, [_alloc_p, c_int, _P(_rows_p)], _check_owner)
_alloc_objective = _fn("nalox_alloc_objective", c_int,
                       [_alloc_p, _P(c_double), _P(c_double)], _check_owner)
_alloc_write_lp = _fn("nalox_alloc_write_lp", c_int, [_alloc_p, c_char_p], _check_owner)
_alloc_record = _fn("nalox_alloc_record", c_int, [_alloc_p, c_char_p, _P(c_longlong)],
                    _check_owner)
_alloc_free = _fn("nalox_alloc_free", None, [_alloc_p])


Objective = collections.namedtuple("Objective", "objective bound", module="nalox")
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
                        transfers=_choice(NAMES_TRANSFERS, transfers, "transfers"),
                        parent_cost=transfer_cost, equity=equity,
                        solver=_choice(NAMES_SOLVERS, solver, "solver"), time_limit=time_limit)
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
        _choice(NAMES_ALLOC_INPUTS, kind, "kind")
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
        code = _choice(NAMES_ALLOC_VIEWS, view, "view")
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


class _Allocating:
    """The Store methods that start an allocation."""

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
