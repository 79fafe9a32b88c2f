"""Option structs as ctypes mirrors, field for field as in the headers; _options() fills one."""
import decimal
from ctypes import POINTER, Structure, c_char_p, c_double, c_int, c_longlong, c_uint

from ._convert import _day_text, _enc
from ._library import _check_plain, _fn
from .errors import InvalidArgument

_S = c_char_p          # const char *
_INT_LIMITS = {c_int: 31, c_uint: 32, c_longlong: 63}


class _Options(Structure):
    """Base of the option structs: VERSION is the header's *_VERSION macro,
    _init the library's nalox_<_c_name>_options_init (declared below)."""
    VERSION = 1
    _c_name = None
    _init = None


class ProductOptions(_Options):
    """struct nalox_product_options (catalog.h)."""
    _c_name = "product"
    _fields_ = [("version", c_uint), ("code", _S), ("name", _S), ("route", _S),
                ("doses_per_kit", c_int), ("dose_mg", c_double),
                ("shelf_life_months", c_int), ("unit_cost_pence", c_longlong),
                ("min_issue_days", c_int)]
    VERSION = 1  # NALOX_PRODUCT_OPTIONS_VERSION


class SiteOptions(_Options):
    """struct nalox_site_options (catalog.h)."""
    _c_name = "site"
    _fields_ = [("version", c_uint), ("code", _S), ("name", _S), ("kind", _S),
                ("area", _S), ("parent", _S)]
    VERSION = 1  # NALOX_SITE_OPTIONS_VERSION


class MoveOptions(_Options):
    """struct nalox_move_options (ledger.h)."""
    _c_name = "move"
    _fields_ = [("version", c_uint), ("day", _S), ("kind", _S), ("site", _S),
                ("product", _S), ("lot", _S), ("expiry", _S), ("qty", c_longlong),
                ("to_site", _S), ("holder_kind", _S), ("holder_ref", _S),
                ("reason", _S), ("ref", _S)]
    VERSION = 1  # NALOX_MOVE_OPTIONS_VERSION


class MovesOptions(_Options):
    """struct nalox_moves_options (ledger.h); `from` is from_ here."""
    _c_name = "moves"
    _fields_ = [("version", c_uint), ("from_", _S), ("to", _S), ("site", _S),
                ("product", _S), ("lot", _S), ("kind", _S), ("holder_kind", _S),
                ("holder_ref", _S), ("limit", c_longlong), ("order", c_int)]
    VERSION = 1  # NALOX_MOVES_OPTIONS_VERSION


class StockOptions(_Options):
    """struct nalox_stock_options (stock.h)."""
    _c_name = "stock"
    _fields_ = [("version", c_uint), ("as_of", _S), ("site", _S), ("area", _S),
                ("product", _S), ("by_lot", c_int), ("rollup", c_int),
                ("order", c_int), ("limit", c_longlong)]
    VERSION = 1  # NALOX_STOCK_OPTIONS_VERSION


class HeldOptions(_Options):
    """struct nalox_held_options (stock.h)."""
    _c_name = "held"
    _fields_ = [("version", c_uint), ("as_of", _S), ("holder_kind", _S),
                ("holder_ref", _S), ("site", _S), ("area", _S), ("product", _S),
                ("order", c_int), ("limit", c_longlong)]
    VERSION = 1  # NALOX_HELD_OPTIONS_VERSION


class ExpiringOptions(_Options):
    """struct nalox_expiring_options (expiry.h)."""
    _c_name = "expiring"
    _fields_ = [("version", c_uint), ("as_of", _S), ("within_days", c_int),
                ("include", c_uint), ("site", _S), ("area", _S),
                ("holder_kind", _S), ("product", _S), ("group", c_int),
                ("limit", c_longlong)]
    VERSION = 1  # NALOX_EXPIRING_OPTIONS_VERSION


class AdministrationOptions(_Options):
    """struct nalox_administration_options (admin.h)."""
    _c_name = "administration"
    _fields_ = [("version", c_uint), ("day", _S), ("time", _S), ("area", _S),
                ("site", _S), ("holder_kind", _S), ("holder_ref", _S),
                ("product", _S), ("lot", _S), ("kits", c_longlong),
                ("doses", c_longlong), ("outcome", _S), ("ambulance_minutes", c_int),
                ("seen_by_paramedics", c_int), ("resupply_needed", c_int),
                ("resupply_kits", c_longlong), ("ref", _S)]
    VERSION = 1  # NALOX_ADMINISTRATION_OPTIONS_VERSION


class PeriodOptions(_Options):
    """struct nalox_period_options (reconcile.h); `from` is from_ here."""
    _c_name = "period"
    _fields_ = [("version", c_uint), ("from_", _S), ("to", _S), ("site", _S),
                ("area", _S), ("rollup", c_int)]
    VERSION = 1  # NALOX_PERIOD_OPTIONS_VERSION


class NeedsOptions(_Options):
    """struct nalox_needs_options (needs.h)."""
    _c_name = "needs"
    _fields_ = [("version", c_uint), ("as_of", _S), ("area", _S), ("scenario", _S),
                ("horizon_days", c_int), ("explain", c_int)]
    VERSION = 1  # NALOX_NEEDS_OPTIONS_VERSION


class ReportOptions(_Options):
    """struct nalox_report_options (report.h)."""
    _c_name = "report"
    _fields_ = [("version", c_uint), ("as_of", _S), ("area", _S), ("baseline", _S),
                ("worst_case", _S), ("format", c_int)]
    VERSION = 1  # NALOX_REPORT_OPTIONS_VERSION


class AllocOptions(_Options):
    """struct nalox_alloc_options (alloc.h)."""
    _c_name = "alloc"
    _fields_ = [("version", c_uint), ("as_of", _S), ("days", c_int), ("transfers", c_int),
                ("parent_cost", c_double), ("equity", _S), ("solver", c_int),
                ("time_limit", c_double)]
    VERSION = 1  # NALOX_ALLOC_OPTIONS_VERSION


class DemandOptions(_Options):
    """struct nalox_demand_options (alloc.h)."""
    _c_name = "demand"
    _fields_ = [("version", c_uint), ("site", _S), ("cohort", _S), ("kits", c_longlong),
                ("weight", c_double), ("products", _S), ("substitution_cost", c_double),
                ("floor", c_double), ("min_life_days", c_int)]
    VERSION = 1  # NALOX_DEMAND_OPTIONS_VERSION


class IncomingOptions(_Options):
    """struct nalox_incoming_options (alloc.h)."""
    _c_name = "incoming"
    _fields_ = [("version", c_uint), ("product", _S), ("kits", c_longlong), ("site", _S),
                ("day", _S), ("expiry", _S), ("lot", _S)]
    VERSION = 1  # NALOX_INCOMING_OPTIONS_VERSION


class ArcOptions(_Options):
    """struct nalox_arc_options (alloc.h); `from` is from_ here."""
    _c_name = "arc"
    _fields_ = [("version", c_uint), ("from_", _S), ("to", _S), ("cost", c_double),
                ("capacity", c_longlong)]
    VERSION = 1  # NALOX_ARC_OPTIONS_VERSION


class ImportOptions(_Options):
    """struct nalox_import_options (import.h, NALOX_1.1)."""
    _c_name = "import"
    _fields_ = [("version", c_uint), ("today", _S)]
    VERSION = 1  # NALOX_IMPORT_OPTIONS_VERSION


for _cls in _Options.__subclasses__():
    _cls._init = _fn(f"nalox_{_cls._c_name}_options_init", c_int, [POINTER(_cls), c_uint],
                     _check_plain)
del _cls


def _options(cls, **fields):
    """An option struct filled with the library's defaults for cls.VERSION,
    then with the given fields (None keeps the default). Strings are
    encoded here; the struct keeps the bytes alive (and so does the
    caller, holding the struct through the call)."""
    opts = cls()
    cls._init(opts, cls.VERSION)
    types = dict(cls._fields_)
    for name, value in fields.items():
        if value is None:
            continue
        ctype = types[name]
        if ctype is c_char_p:
            value = _day_text(value, name)
            if isinstance(value, bytes):     # a path, already from _path()
                if b"\0" in value:
                    raise InvalidArgument(f"{name}: contains a NUL character")
            else:
                value = _enc(value, name)
        elif ctype is c_double:
            if isinstance(value, (bool, str, bytes)) or not isinstance(value, (int, float, decimal.Decimal)):
                raise TypeError(f"{name} must be a number, not {type(value).__name__}")
            value = float(value)
        else:
            if isinstance(value, bool):
                value = int(value)
            if not isinstance(value, int):
                raise TypeError(f"{name} must be an int, not {type(value).__name__}")
            bits = _INT_LIMITS[ctype]
            low = 0 if ctype is c_uint else -(1 << bits)
            if not low <= value < (1 << bits):
                raise InvalidArgument(f"{name}: {value} is out of range")
        setattr(opts, name, value)
    return opts
