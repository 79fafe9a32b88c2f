"""Rows (a result set, iterated), the record types its rows become, _query for the methods."""
import collections
import functools
import keyword
import re
import weakref
from ctypes import POINTER, c_char_p, c_double, c_int, c_longlong, c_uint

from ._convert import _text, _to_day
from ._library import _check_next, _check_owner, _fn, _rows_errmsg, _rows_p
from .errors import ESTORE, StoreError, _error

# Value types (rows.h).
_NULL, _INTEGER, _REAL, _TEXT = 0, 1, 2, 3

_rows_next = _fn("nalox_rows_next", c_int, [_rows_p], _check_next)
_rows_columns = _fn("nalox_rows_columns", c_int, [_rows_p])
_rows_name = _fn("nalox_rows_name", c_char_p, [_rows_p, c_int])
_rows_column_type = _fn("nalox_rows_column_type", c_int, [_rows_p, c_int])
_rows_type = _fn("nalox_rows_type", c_int, [_rows_p, c_int])
_rows_int = _fn("nalox_rows_int", c_longlong, [_rows_p, c_int])
_rows_real = _fn("nalox_rows_real", c_double, [_rows_p, c_int])
_rows_text = _fn("nalox_rows_text", c_char_p, [_rows_p, c_int])
_rows_write = _fn("nalox_rows_write", c_int, [_rows_p, c_int, c_char_p, c_uint],
                  _check_owner)
_rows_free = _fn("nalox_rows_free", None, [_rows_p])
_rows_context = _fn("nalox_rows_context", c_char_p,
                    [_rows_p, c_int, POINTER(c_char_p), POINTER(c_int)])
def _check_count(n, func, args):
    """nalox_rows_total: a count, or a negative status with the rows' message."""
    if n < 0:
        raise _error(int(n), _text(_rows_errmsg(args[0])) or "query failed")
    return n


_rows_total = _fn("nalox_rows_total", c_longlong, [_rows_p], _check_count)

#: Columns holding a calendar day ('YYYY-MM-DD'): they become datetime.date.
DAY_COLUMNS = frozenset({"day", "expiry", "next_expiry", "first_expiry", "available",
                         "ready"})


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
    cls = collections.namedtuple(name, fields, module="nalox")
    cls._columns = columns
    cls.__doc__ = f"A row of {name}: {', '.join(columns)}."
    return cls


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

    @property
    def context(self):
        """What the rows answer (nalox_rows_context): a dict of the query's
        context (as_of, filters, period, scenario...) and summary (e.g.
        expiring's totals and "footer"), integers as int. Empty once the
        rows are freed."""
        out = {}
        with self._h.lock:
            if not self._h.alive(self._key):
                return out
            value, kind = c_char_p(), c_int()
            i = 0
            while (name := _rows_context(self._as_parameter_, i, value, kind)) is not None:
                text = value.value.decode("utf-8") if value.value is not None else None
                out[_text(name)] = int(text) if kind.value == _INTEGER and text else text
                i += 1
        return out

    def total(self):
        """The number of rows the query has in all, as if it had no limit
        (nalox_rows_total); ends the iteration."""
        with self._h.lock:
            if not self._h.alive(self._key):
                raise StoreError("these rows are already freed", ESTORE)
            return _rows_total(self._as_parameter_)

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
