"""The library's word lists (names.h): names(), name_parse(), name_suggest(), option tables."""
from ctypes import POINTER, c_char_p, c_int, c_ulong, create_string_buffer

from ._convert import _enc, _text
from ._library import _fn
from .errors import EINVAL, ENOTFOUND, InvalidArgument, NotFound

# Name lists (include/nalox/names.h, NALOX_NAMES_*): the `which` of names().
NAMES_IMPORT_KINDS = 1
NAMES_MOVE_KINDS = 2
NAMES_HOLDER_KINDS = 3
NAMES_SITE_KINDS = 4
NAMES_ROUTES = 5
NAMES_WRITEOFF_REASONS = 6
NAMES_OUTCOMES = 7
NAMES_GROUPS = 8
NAMES_FORMATS = 9
NAMES_SOLVERS = 10
NAMES_ALLOC_VIEWS = 11
NAMES_ALLOC_INPUTS = 12
NAMES_TRANSFERS = 13
NAMES_REPORT_FORMATS = 14
NAMES_SETTINGS = 15

#: The lists by the name names() also takes: NAMES_GROUPS is "groups".
LISTS = {k[len("NAMES_"):].lower(): v for k, v in globals().items()
         if k.startswith("NAMES_")}

_name = _fn("nalox_name", c_char_p, [c_int, c_int, POINTER(c_int)])
_name_parse = _fn("nalox_name_parse", c_int, [c_int, c_char_p, POINTER(c_int)])
_name_suggest = _fn("nalox_name_suggest", c_char_p, [c_int, c_char_p])
_suggest = _fn("nalox_suggest", c_char_p, [c_char_p, POINTER(c_char_p)])

# Kinds of code in a store (names.h, NALOX_CODE_*), for Store.code_find().
CODE_SITE, CODE_PRODUCT, CODE_AREA, CODE_LOT, CODE_HOLDER = 1, 2, 3, 4, 5
CODES = {"site": CODE_SITE, "product": CODE_PRODUCT, "area": CODE_AREA, "lot": CODE_LOT,
         "holder": CODE_HOLDER}


def _list_id(which):
    """A list given as NAMES_* or its name ("groups") -> the NAMES_* value."""
    if isinstance(which, str):
        if which not in LISTS:
            raise InvalidArgument(f"list: {which!r} is not one of {', '.join(LISTS)}")
        return LISTS[which]
    if isinstance(which, bool) or not isinstance(which, int):
        raise TypeError(f"list must be a NAMES_* constant or its name, not "
                        f"{type(which).__name__}")
    if _name_parse(which, None, None) == EINVAL:     # the library knows no such list
        raise InvalidArgument(f"list: {which} is not a list of names.h")
    return which


def _read(which):
    """Word -> constant of list `which`, in the library's order."""
    table, value = {}, c_int()
    while (word := _name(which, len(table), value)) is not None:
        table[_text(word)] = value.value
    return table


# Every list, read from the library once, at import.
_TABLES = {}
for _which in LISTS.values():
    _TABLES[_which] = _read(_which)
    if not _TABLES[_which]:
        raise ImportError(f"nalox: the library has no name list {_which}: "
                          "too old for this binding")
del _which


def names(which):
    """The words of a list, in the library's order: `which` is a NAMES_*
    constant or its name, e.g. names("groups") or names(nalox.NAMES_GROUPS)
    -> ['none', 'holder', 'site', 'product', 'area', 'all']."""
    return list(_words(_list_id(which)))


def name_parse(which, name):
    """The constant of word `name` in list `which` (for lists without
    constants, its index). NotFound if it is not one (the message suggests
    the nearest word)."""
    which = _list_id(which)
    value = c_int()
    rc = _name_parse(which, _enc(name, "name"), value)
    if rc == ENOTFOUND:
        key = next((k for k, v in LISTS.items() if v == which), f"list {which}")
        raise NotFound(_not_one_of(which, name, key), ENOTFOUND)
    return value.value


def name_suggest(which, name):
    """The word of list `which` nearest to `name` when it is a likely typo
    ("did you mean ..."), else None."""
    found = _name_suggest(_list_id(which), _enc(name, "name"))
    return _text(found) if found is not None else None


def suggest(name, words):
    """The word of `words` (any strings of yours) nearest to `name` when it
    is a likely typo, by the rule of name_suggest(), else None."""
    encoded = [_enc(w, "word") for w in words]
    array = (c_char_p * (len(encoded) + 1))(*encoded, None)
    found = _suggest(_enc(name, "name"), array)
    return _text(found) if found is not None else None


def _words(which):
    """Word -> constant of a list the library knows (read once at import
    for the lists of this binding, else now)."""
    return _TABLES.get(which) or _read(which)


def _not_one_of(which, value, what):
    """`what: 'x' is not one of a, b, c` (and the nearest word, if any)."""
    message = f"{what}: {value!r} is not one of {', '.join(_words(which))}"
    if isinstance(value, str) and "\0" not in value:
        near = _name_suggest(which, value.encode("utf-8"))
        if near is not None:
            message += f" (did you mean {_text(near)!r}?)"
    return message


def _choice(which, value, what):
    """The constant of word `value` of list `which`, for option `what`;
    InvalidArgument naming the option and the words otherwise."""
    try:
        return _TABLES[which][value]
    except (KeyError, TypeError):
        raise InvalidArgument(_not_one_of(which, value, what)) from None
