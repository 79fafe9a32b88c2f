/* Calendar days: nalox_day_parse and nalox_day_format. */
#include <stdlib.h>

#include "testutil.h"

/* Parse, expecting success; returns the day number. */
static int parse_ok(const char *text, int allow_month)
{
	int day = -999999;
	int rc = nalox_day_parse(text, allow_month, &day);
	if (rc != NALOX_OK)
		fprintf(stderr, "\n    '%s' (allow_month %d) refused\n", text, allow_month);
	CU_ASSERT_EQUAL(rc, NALOX_OK);
	return day;
}

/* Parse, expecting NALOX_EINVAL and the output left alone. */
static void parse_bad(const char *text, int allow_month)
{
	int day = 4242;
	int rc = nalox_day_parse(text, allow_month, &day);
	if (rc != NALOX_EINVAL)
		fprintf(stderr, "\n    '%s' (allow_month %d) -> %d, want NALOX_EINVAL\n",
			text ? text : "(null)", allow_month, rc);
	CU_ASSERT_EQUAL(rc, NALOX_EINVAL);
	CU_ASSERT_EQUAL(day, 4242);
}

static void fmt(int day, char buf[11])
{
	memset(buf, 'x', 11);
	CU_ASSERT_EQUAL(nalox_day_format(day, buf, 11), NALOX_OK);
}

static void test_known_days(void)
{
	char buf[11];
	TU_INT(parse_ok("1970-01-01", 0), 0);
	TU_INT(parse_ok("1970-01-02", 0), 1);
	TU_INT(parse_ok("1969-12-31", 0), -1);
	TU_INT(parse_ok("2000-03-01", 0), 11017);
	TU_INT(parse_ok("2026-01-05", 0), 20458);
	TU_INT(parse_ok("1900-01-01", 0), -25567);
	TU_INT(parse_ok("2199-12-31", 0), 84005);
	/* the same with allow_month: a full day is still a full day */
	TU_INT(parse_ok("2026-01-05", 1), 20458);
	fmt(20458, buf);
	TU_STR(buf, "2026-01-05");
	fmt(0, buf);
	TU_STR(buf, "1970-01-01");
	fmt(-1, buf);
	TU_STR(buf, "1969-12-31");
	/* month lengths */
	TU_INT(parse_ok("2025-05-01", 0) - parse_ok("2025-04-30", 0), 1);
	TU_INT(parse_ok("2025-01-01", 0) - parse_ok("2024-12-31", 0), 1);
}

static void test_impossible_days(void)
{
	parse_bad("2025-02-30", 0);
	parse_bad("2025-02-30", 1);
	parse_bad("2025-04-31", 0);
	parse_bad("2025-13-01", 0);
	parse_bad("2025-00-10", 0);
	parse_bad("2025-01-00", 0);
	parse_bad("2025-01-32", 0);
	/* not zero-padded, wrong separators, extra text, not digits */
	parse_bad("2025-1-01", 0);
	parse_bad("2025-01-1", 0);
	parse_bad("25-01-01", 0);
	parse_bad("2025/01/01", 0);
	parse_bad("2025-01-01 ", 0);
	parse_bad(" 2025-01-01", 0);
	parse_bad("2025-01-01T00", 0);
	parse_bad("2025-0a-01", 0);
	parse_bad("2025-01-+1", 0);
	parse_bad("", 0);
	parse_bad(NULL, 0);
	/* outside 1900..2199 */
	parse_bad("1899-12-31", 0);
	parse_bad("2200-01-01", 0);
	parse_bad("0000-01-01", 0);
	int day = 7;
	CU_ASSERT_EQUAL(nalox_day_parse("2025-01-01", 0, NULL), NALOX_EINVAL);
	CU_ASSERT_EQUAL(day, 7);
}

static void test_leap_years(void)
{
	char buf[11];
	int d = parse_ok("2024-02-29", 0);
	TU_INT(parse_ok("2024-03-01", 0) - d, 1);
	TU_INT(d - parse_ok("2024-02-28", 0), 1);
	fmt(d, buf);
	TU_STR(buf, "2024-02-29");
	parse_bad("2025-02-29", 0);
	parse_bad("2025-02-29", 1);
	parse_bad("1900-02-29", 0); /* divisible by 100, not by 400 */
	parse_bad("2100-02-29", 0);
	d = parse_ok("2000-02-29", 0); /* divisible by 400 */
	fmt(d, buf);
	TU_STR(buf, "2000-02-29");
	/* 1900 had 365 days, 2000 had 366 */
	TU_INT(parse_ok("1901-01-01", 0) - parse_ok("1900-01-01", 0), 365);
	TU_INT(parse_ok("2001-01-01", 0) - parse_ok("2000-01-01", 0), 366);
	TU_INT(parse_ok("2025-03-01", 0) - parse_ok("2025-02-28", 0), 1);
}

static void test_month_only(void)
{
	TU_INT(parse_ok("2027-05", 1), parse_ok("2027-05-31", 0));
	TU_INT(parse_ok("2028-02", 1), parse_ok("2028-02-29", 0));
	TU_INT(parse_ok("2027-02", 1), parse_ok("2027-02-28", 0));
	TU_INT(parse_ok("2027-04", 1), parse_ok("2027-04-30", 0));
	TU_INT(parse_ok("2027-12", 1), parse_ok("2027-12-31", 0));
	TU_INT(parse_ok("1900-02", 1), parse_ok("1900-02-28", 0));
	TU_INT(parse_ok("2000-02", 1), parse_ok("2000-02-29", 0));
	/* only with allow_month */
	parse_bad("2027-05", 0);
	parse_bad("2028-02", 0);
	/* and still a real month */
	parse_bad("2027-13", 1);
	parse_bad("2027-00", 1);
	parse_bad("2027-5", 1);
	parse_bad("2027-5-", 1);
	parse_bad("2027/05", 1);
	parse_bad("1899-12", 1);
	parse_bad("2200-01", 1);
}

static void test_format_limits(void)
{
	char buf[16];
	int first = parse_ok("1900-01-01", 0), last = parse_ok("2199-12-31", 0);
	memcpy(buf, "untouched", 10);
	CU_ASSERT_EQUAL(nalox_day_format(first - 1, buf, sizeof buf), NALOX_EINVAL);
	CU_ASSERT_EQUAL(nalox_day_format(last + 1, buf, sizeof buf), NALOX_EINVAL);
	CU_ASSERT_EQUAL(nalox_day_format(20458, buf, 10), NALOX_EINVAL);
	CU_ASSERT_EQUAL(nalox_day_format(20458, NULL, 11), NALOX_EINVAL);
	TU_STR(buf, "untouched");
	CU_ASSERT_EQUAL(nalox_day_format(first, buf, sizeof buf), NALOX_OK);
	TU_STR(buf, "1900-01-01");
	CU_ASSERT_EQUAL(nalox_day_format(last, buf, sizeof buf), NALOX_OK);
	TU_STR(buf, "2199-12-31");
}

/* Every day from 1900 to 2199 formats and parses back to itself, and
 * consecutive numbers are consecutive calendar days. */
static void test_round_trip(void)
{
	int first = parse_ok("1900-01-01", 0), last = parse_ok("2199-12-31", 0);
	int bad = 0, y = 1900, m = 1, d = 1;
	static const int len[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	TU_INT(last - first + 1, 300 * 365 + 73); /* leap years 1904..2196 but not 2100 */
	for (int day = first; day <= last; day++) {
		char buf[11], want[40];
		int back = -1;
		snprintf(want, sizeof want, "%04d-%02d-%02d", y, m, d);
		if (nalox_day_format(day, buf, sizeof buf) != NALOX_OK ||
		    strcmp(buf, want) != 0 ||
		    nalox_day_parse(buf, 0, &back) != NALOX_OK || back != day) {
			if (bad++ < 5)
				fprintf(stderr, "\n    day %d: '%s', want '%s', back %d\n", day,
					buf, want, back);
		}
		/* the next calendar day, counted independently */
		int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
		int mlen = m == 2 && leap ? 29 : len[m - 1];
		if (++d > mlen) {
			d = 1;
			if (++m > 12) {
				m = 1;
				y++;
			}
		}
	}
	TU_INT(bad, 0);
	TU_INT(y, 2200);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "known day numbers", test_known_days },
		{ "impossible and malformed days refused", test_impossible_days },
		{ "leap years", test_leap_years },
		{ "month-only expiry means the last day", test_month_only },
		{ "format limits", test_format_limits },
		{ "round trip 1900..2199", test_round_trip },
		CU_TEST_INFO_NULL
	};
	return tu_main("day", tests);
}
