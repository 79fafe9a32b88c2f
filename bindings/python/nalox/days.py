"""Day numbers: parse_day() and format_day(), the library's reading and writing of 'YYYY-MM-DD'."""
import ctypes
from ctypes import POINTER, c_char, c_char_p, c_int, c_ulong

from ._convert import _enc
from ._library import _check_plain, _fn
from .errors import NaloxError, _error

_day_parse = _fn("nalox_day_parse", c_int, [c_char_p, c_int, POINTER(c_int)], _check_plain)
_day_format = _fn("nalox_day_format", c_int, [c_int, POINTER(c_char), c_ulong], _check_plain)


def parse_day(text, allow_month=False):
    """Day number (days since 1970-01-01) of 'YYYY-MM-DD'; with allow_month,
    'YYYY-MM' is the last day of that month. InvalidArgument otherwise."""
    day = c_int()
    try:
        _day_parse(_enc(text, "day"), 1 if allow_month else 0, day)
    except NaloxError as e:
        raise _error(e.code, f"{text!r} is not a real day") from None
    return day.value


def format_day(day):
    """'YYYY-MM-DD' of day number `day` (InvalidArgument outside 1900..2199)."""
    buf = ctypes.create_string_buffer(11)
    try:
        _day_format(day, buf, len(buf))
    except NaloxError as e:
        raise _error(e.code, f"day {day} is outside 1900..2199") from None
    return buf.value.decode("ascii")
