"""_Handle: the C store handle and what was allocated from it, each freed exactly once."""
import itertools
import threading

from ._library import _close


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
