"""Python values to what the C side takes and back: strings, paths, days, pence, yes/no/unknown."""
import datetime
import decimal
import os
import re

from .errors import InvalidArgument

_DAY_RE = re.compile(r"\d{4}-\d{2}-\d{2}\Z")


def _text(raw):
    """Bytes from the library -> str. Messages may quote bad input bytes
    (a file that is not UTF-8): those are replaced, not an error."""
    return raw.decode("utf-8", "replace") if raw else ""


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


def _day_text(value, what):
    """A datetime.date -> 'YYYY-MM-DD' (other values unchanged). A
    datetime.datetime is refused: the library works in calendar days."""
    if isinstance(value, datetime.datetime):
        raise TypeError(f"{what} must be a datetime.date or 'YYYY-MM-DD', not a datetime")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return value


def _to_day(text):
    """'YYYY-MM-DD' from a day column -> datetime.date (other text unchanged)."""
    return datetime.date.fromisoformat(text) if _DAY_RE.match(text) else text


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
