/* libFuzzer: the CSV reader on any bytes (plain, or gzip when the input
 * starts with gzip's magic), as the record reader with small limits and
 * as a moves table with the field parsers of an import. */
#include "../../libnalox/io/csv_table.h"
#include "../../libnalox/store/day.h"
#include "fuzz_util.h"

static const struct nx_column cols[] = {
	{ "day", NX_REQUIRED }, { "kind", NX_OPTIONAL }, { "site", NX_OPTIONAL },
	{ "qty", NX_OPTIONAL }, { "expiry", NX_OPTIONAL }, { "cost", NX_OPTIONAL },
	{ "share", NX_OPTIONAL }, { "id", NX_IGNORED }, { NULL, 0 }
};

static int row(nalox_db *db, struct nx_table *t, void *ctx)
{
	char day[11];
	long long v;
	double d;
	(void)ctx;
	if (nx_tget(t, "qty"))
		nx_parse_whole(db, nx_tget(t, "qty"), "qty", 1, " of kits", &v);
	if (nx_tget(t, "cost"))
		nx_parse_decimal(db, nx_tget(t, "cost"), "cost", 2, "money", &v);
	if (nx_tget(t, "share"))
		nx_parse_share(db, nx_tget(t, "share"), "share", &d);
	if (nx_tget(t, "expiry"))
		nx_day_arg(db, nx_tget(t, "expiry"), 1, "expiry", day);
	/* the day decides whether the row is accepted, so errors are reached */
	return nx_day_arg(db, nx_tget(t, "day"), 0, "day", day);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nalox_db *db = fuzz_db();
	const char *path = fuzz_file(data, size, ".csv");
	fuzz_read_records(db, path);
	long long n;
	int rc = nx_table_read(db, path, cols, row, NULL, &n);
	if (rc != NALOX_OK && nalox_errmsg(db)[0] == '\0')
		abort();
	return 0;
}
