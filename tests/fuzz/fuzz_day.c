/* libFuzzer: dates (nalox_day_parse with and without YYYY-MM, formatting
 * back, the field parser of imports) and the other field values of CSV
 * imports (whole numbers, decimals, shares, UTF-8). Checks, beyond "no
 * crash": a parsed day formats and parses back to itself, and a whole
 * number is digits only. */
#include "../../libnalox/io/csv_table.h"
#include "../../libnalox/store/day.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nalox_db *db = fuzz_db();
	char text[64];
	if (size >= sizeof text)
		size = sizeof text - 1;
	memcpy(text, data, size);
	text[size] = '\0';
	for (int allow_month = 0; allow_month <= 1; allow_month++) {
		int day, again;
		char buf[11], iso[11];
		if (nalox_day_parse(text, allow_month, &day) == NALOX_OK) {
			if (nalox_day_format(day, buf, sizeof buf) != NALOX_OK)
				abort();
			if (nalox_day_parse(buf, 0, &again) != NALOX_OK || again != day)
				abort();
			if (strlen(text) == 10 && strcmp(text, buf) != 0)
				abort();
			if (nx_day_arg(db, text, allow_month, "day", iso) != NALOX_OK ||
			    strcmp(iso, buf) != 0)
				abort();
		} else if (nx_day_arg(db, text, allow_month, "day", iso) == NALOX_OK) {
			abort();
		}
	}
	/* any int as a day number: formats, or refuses, never overflows */
	if (size >= 4) {
		int n;
		char buf[11];
		memcpy(&n, data, sizeof n);
		(void)nalox_day_format(n, buf, sizeof buf);
	}
	long long v;
	double d;
	if (nx_parse_whole(db, text, "qty", 0, "", &v) == NALOX_OK &&
	    (v < 0 || strspn(text, "0123456789") != strlen(text)))
		abort();
	(void)nx_parse_decimal(db, text, "cost", 2, "money", &v);
	if (nx_parse_share(db, text, "share", &d) == NALOX_OK && (d < 0 || d > 1))
		abort();
	(void)nx_utf8_valid(text);
	return 0;
}
