/* Calendar days. Dates cross the API as ISO text or day numbers; the
 * library never reads the clock. */
#include <stdio.h>
#include <string.h>

#include "store/day.h"

#define NX_YEAR_MIN 1900
#define NX_YEAR_MAX 2199

/* Howard Hinnant's days_from_civil: proleptic Gregorian, exact. */
int nx_days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = (y >= 0 ? y : y - 399) / 400;
	int yoe = y - era * 400;
	int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void nx_civil_from_days(int z, int *y, int *m, int *d)
{
	z += 719468;
	int era = (z >= 0 ? z : z - 146096) / 146097;
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	*d = doy - (153 * mp + 2) / 5 + 1;
	*m = mp < 10 ? mp + 3 : mp - 9;
	*y = yoe + era * 400 + (*m <= 2);
}

static int month_days(int y, int m)
{
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
	return m == 2 && leap ? 29 : len[m - 1];
}

static int digits(const char *s, int n, int *out)
{
	int v = 0;
	for (int i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int nalox_day_parse(const char *text, int allow_month, int *day)
{
	int y, m, d;
	if (!text || !day)
		return NALOX_EINVAL;
	size_t n = strlen(text);
	if (n != 10 && !(allow_month && n == 7))
		return NALOX_EINVAL;
	if (!digits(text, 4, &y) || text[4] != '-' || !digits(text + 5, 2, &m))
		return NALOX_EINVAL;
	if (y < NX_YEAR_MIN || y > NX_YEAR_MAX || m < 1 || m > 12)
		return NALOX_EINVAL;
	if (n == 7) {
		d = month_days(y, m);
	} else {
		if (text[7] != '-' || !digits(text + 8, 2, &d))
			return NALOX_EINVAL;
		if (d < 1 || d > month_days(y, m))
			return NALOX_EINVAL;
	}
	*day = nx_days_from_civil(y, m, d);
	return NALOX_OK;
}

int nalox_day_format(int day, char *buf, unsigned long size)
{
	int y, m, d;
	if (!buf || size < 11)
		return NALOX_EINVAL;
	if (day < nx_days_from_civil(NX_YEAR_MIN, 1, 1) ||
	    day > nx_days_from_civil(NX_YEAR_MAX, 12, 31))
		return NALOX_EINVAL;
	nx_civil_from_days(day, &y, &m, &d);
	snprintf(buf, size, "%04d-%02d-%02d", y, m, d);
	return NALOX_OK;
}

int nx_day_arg(nalox_db *db, const char *text, int allow_month,
	       const char *field, char out[11])
{
	int day;
	if (!text || !*text)
		return nx_err(db, NALOX_EINVAL, "field '%s': a day is required", field);
	if (nalox_day_parse(text, allow_month, &day) != NALOX_OK)
		return nx_err(db, NALOX_EINVAL,
			      "field '%s': '%s' is not a real day (YYYY-MM-DD%s)",
			      field, text, allow_month ? " or YYYY-MM" : "");
	nalox_day_format(day, out, 11);
	return NALOX_OK;
}

int nx_day_add(const char *iso, int days, char out[11])
{
	int day = 0;
	if (nalox_day_parse(iso, 0, &day) != NALOX_OK ||
	    nalox_day_format(day + days, out, 11) != NALOX_OK) {
		out[0] = '\0'; /* never unwritten: "" sorts before every day */
		return NALOX_EINVAL;
	}
	return NALOX_OK;
}
