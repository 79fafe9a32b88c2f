"""Store methods for planning: needs, needs across scenarios, coverage, the preparedness plan."""
from ctypes import POINTER, c_char_p, c_int

from ._convert import _path
from ._library import _check_db, _db_p, _fn, _rows_p
from .options import NeedsOptions, ReportOptions, _options
from .rows import _query
from .words import NAMES_REPORT_FORMATS, _choice

_P = POINTER
_needs = _fn("nalox_needs", c_int, [_db_p, _P(NeedsOptions), _P(_rows_p)], _check_db)
_needs_compare = _fn("nalox_needs_compare", c_int,
                     [_db_p, _P(NeedsOptions), _P(c_char_p), c_int, _P(_rows_p)],
                     _check_db)
_coverage = _fn("nalox_coverage", c_int, [_db_p, _P(NeedsOptions), _P(_rows_p)],
                _check_db)
_report_plan = _fn("nalox_report_plan", c_int, [_db_p, _P(ReportOptions), c_char_p],
                   _check_db)


class _Planning:
    """Needs, coverage and the plan report, as Store methods."""

    @_query("Needs")
    def needs(self, as_of, area=None, scenario=None, horizon_days=None, explain=False):
        """Needs assessment per area and product (scenario: an INI file)."""
        return _needs, _options(NeedsOptions, as_of=as_of, area=area,
                                scenario=_path(scenario), horizon_days=horizon_days,
                                explain=explain)

    @_query("NeedsCompare")
    def needs_compare(self, as_of, scenarios, area=None, horizon_days=None):
        """The needs assessment under several scenario files side by side."""
        files = [_path(s) for s in scenarios]
        array = (c_char_p * max(len(files), 1))(*files)
        return (_needs_compare,
                _options(NeedsOptions, as_of=as_of, area=area, horizon_days=horizon_days),
                array, len(files))

    @_query("Coverage")
    def coverage(self, as_of, area=None, scenario=None):
        """Coverage per area as of `as_of`."""
        return _coverage, _options(NeedsOptions, as_of=as_of, area=area,
                                   scenario=_path(scenario))

    def report_plan(self, path, as_of, area, baseline=None, worst_case=None,
                    format="markdown"):
        """Write the plan section ('markdown' or 'html',
        nalox.names("report_formats")) to `path`."""
        opts = _options(ReportOptions, as_of=as_of, area=area, baseline=_path(baseline),
                        worst_case=_path(worst_case),
                        format=_choice(NAMES_REPORT_FORMATS, format, "format"))
        with self._lock:
            _report_plan(self._live(), opts, _path(path))
