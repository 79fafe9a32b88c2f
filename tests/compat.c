/*
 * Compatibility in practice: this program is compiled against the
 * BASELINE headers (abi/include/nalox/, the copy kept with the ABI
 * baseline), never against include/, and runs against the library just
 * built. It fills every option struct with the baseline's _INIT macros
 * and reads results through the baseline's constants, so a change that
 * breaks programs built against the last release fails here.
 *
 * Needs TESTDATA (tests/data). Prints one line per check and
 * "N passed, N failed".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <nalox/nalox.h>

static int passed, failed;

static void check(int cond, const char *what, const char *detail)
{
	if (cond) {
		passed++;
		printf("ok   - %s\n", what);
	} else {
		failed++;
		printf("FAIL - %s%s%s\n", what, detail ? ": " : "", detail ? detail : "");
	}
}

static char data_dir[4096];

static const char *data(const char *name)
{
	static char path[4352];
	snprintf(path, sizeof path, "%s/%s", data_dir, name);
	return path;
}

/* The value of column `name` of the first row for which column `key`
 * equals `want` (both text), as an integer; -1 if no such row. Frees rows. */
static long long find_int(nalox_rows *rows, const char *key, const char *want,
			  const char *name)
{
	long long v = -1;
	int ck = -1, cn = -1;
	for (int c = 0; c < nalox_rows_columns(rows); c++) {
		if (strcmp(nalox_rows_name(rows, c), key) == 0)
			ck = c;
		if (strcmp(nalox_rows_name(rows, c), name) == 0)
			cn = c;
	}
	while (ck >= 0 && cn >= 0 && nalox_rows_next(rows) == NALOX_ROW) {
		const char *k = nalox_rows_text(rows, ck);
		if (k && strcmp(k, want) == 0) {
			v = nalox_rows_int(rows, cn);
			break;
		}
	}
	nalox_rows_free(rows);
	return v;
}

static long long count_rows(nalox_rows *rows)
{
	long long n = 0;
	while (nalox_rows_next(rows) == NALOX_ROW)
		n++;
	nalox_rows_free(rows);
	return n;
}

int main(void)
{
	const char *td = getenv("TESTDATA");
	if (!td) {
		fprintf(stderr, "compat: TESTDATA must name tests/data\n");
		return 99;
	}
	snprintf(data_dir, sizeof data_dir, "%s", td);
	char dir[] = "/tmp/nalox-compat.XXXXXX";
	if (!mkdtemp(dir)) {
		perror("compat: mkdtemp");
		return 99;
	}
	char path[64];
	snprintf(path, sizeof path, "%s/store.db", dir);

	/* the library is at least as new as the headers, same major */
	check(nalox_version_number() >= NALOX_VERSION_NUMBER &&
	      nalox_version_number() / 10000 == NALOX_VERSION_MAJOR,
	      "library version is the baseline's major, not older", nalox_version());
	check(strcmp(nalox_strerror(NALOX_ENOTFOUND), nalox_strerror(NALOX_EINVAL)) != 0,
	      "status codes keep their meaning", NULL);

	int day = 0;
	char buf[16];
	check(nalox_day_parse("2027-05", 1, &day) == NALOX_OK &&
	      nalox_day_format(day, buf, sizeof buf) == NALOX_OK &&
	      strcmp(buf, "2027-05-31") == 0, "days parse and format", buf);

	nalox_db *db = NULL;
	int rc = nalox_open(path, NALOX_OPEN_CREATE, &db);
	check(rc == NALOX_OK, "open a new store", nalox_errmsg(db));
	if (rc != NALOX_OK) {
		nalox_close(db);
		goto out;
	}
	long long n = 0, total = 0;
	const char *kinds[] = { "products", "sites", "moves" };
	for (int i = 0; i < 3; i++) {
		char name[32];
		snprintf(name, sizeof name, "%s.csv", kinds[i]);
		rc = nalox_import(db, kinds[i], data(name), &n);
		total += n;
		check(rc == NALOX_OK, "import the fixture", nalox_errmsg(db));
	}
	check(total == 18, "18 rows imported", NULL);
	rc = nalox_import(db, "moves", data("bad/negative-qty.csv"), &n);
	check(rc == NALOX_EINPUT && strstr(nalox_errmsg(db), "negative-qty.csv:5: field 'qty'"),
	      "a bad file is NALOX_EINPUT naming file, line and field", nalox_errmsg(db));

	/* option structs from the baseline's _INIT macros */
	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	so.as_of = "2026-05-01";
	so.site = "T-STORE";
	so.product = "NYXOID";
	nalox_rows *rows = NULL;
	rc = nalox_stock(db, &so, &rows);
	check(rc == NALOX_OK && find_int(rows, "site", "T-STORE", "qty") == 57,
	      "stock: 57 NYXOID at T-STORE on 2026-05-01", nalox_errmsg(db));

	nalox_stock_options so2;
	check(nalox_stock_options_init(&so2, NALOX_STOCK_OPTIONS_VERSION) == NALOX_OK &&
	      so2.version == NALOX_STOCK_OPTIONS_VERSION && so2.order == NALOX_ORDER_DEFAULT,
	      "_init() fills the baseline's version", NULL);

	nalox_held_options ho = NALOX_HELD_OPTIONS_INIT;
	ho.as_of = "2026-07-01";
	ho.holder_kind = "officer";
	ho.order = NALOX_ORDER_EXPIRY;
	rc = nalox_held(db, &ho, &rows);
	check(rc == NALOX_OK && find_int(rows, "holder_ref", "C1001", "days_left") == -1,
	      "held: officer C1001's kit expired the day before", nalox_errmsg(db));

	nalox_expiring_options eo = NALOX_EXPIRING_OPTIONS_INIT;
	eo.as_of = "2026-07-01";
	eo.group = NALOX_GROUP_ALL;
	rc = nalox_expiring(db, &eo, &rows);
	if (rc == NALOX_OK) {
		long long kits = -1;
		if (nalox_rows_next(rows) == NALOX_ROW)
			for (int c = 0; c < nalox_rows_columns(rows); c++)
				if (strcmp(nalox_rows_name(rows, c), "kits") == 0)
					kits = nalox_rows_int(rows, c);
		nalox_rows_free(rows);
		check(kits == 97, "expiring, all: 97 kits to replace", NULL);
	} else {
		check(0, "expiring, all", nalox_errmsg(db));
	}

	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	mo.kind = "count";
	rc = nalox_moves(db, &mo, &rows);
	check(rc == NALOX_OK && count_rows(rows) == 1, "moves: one count", nalox_errmsg(db));

	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = "2026-05-02";
	m.kind = "issue";
	m.site = "T-STN";
	m.product = "NYXOID";
	m.qty = 1;
	m.holder_kind = "officer";
	m.holder_ref = "C9";
	long long id = 0;
	rc = nalox_record_move(db, &m, &id);
	check(rc == NALOX_OK && id > 0, "record a move", nalox_errmsg(db));
	m.qty = 500;
	check(nalox_record_move(db, &m, NULL) == NALOX_ESTOCK, "overdraw is NALOX_ESTOCK", NULL);

	nalox_period_options po = NALOX_PERIOD_OPTIONS_INIT;
	po.from = "2026-01-01";
	po.to = "2026-06-30";
	po.rollup = 1;
	rc = nalox_reconcile(db, &po, &rows);
	check(rc == NALOX_OK && find_int(rows, "name", "ALL", "check") == 0,
	      "reconcile balances", nalox_errmsg(db));

	nalox_needs_options no = NALOX_NEEDS_OPTIONS_INIT;
	no.as_of = "2026-05-01";
	rc = nalox_needs(db, &no, &rows);
	check(rc == NALOX_OK && count_rows(rows) >= 1, "needs", nalox_errmsg(db));

	/* allocation */
	nalox_alloc_options ao = NALOX_ALLOC_OPTIONS_INIT;
	ao.as_of = "2026-05-01";
	nalox_alloc *a = NULL;
	rc = nalox_alloc_new(db, &ao, &a);
	check(rc == NALOX_OK, "alloc_new", nalox_errmsg(db));
	if (rc == NALOX_OK) {
		nalox_demand_options d = NALOX_DEMAND_OPTIONS_INIT;
		d.site = "T-STN";
		d.cohort = "officers";
		d.kits = 200;
		d.weight = 5;
		d.products = "NYXOID";
		rc = nalox_alloc_add_demand(a, &d);
		check(rc == NALOX_OK, "alloc_add_demand", nalox_errmsg(db));
		nalox_arc_options arc = NALOX_ARC_OPTIONS_INIT;
		arc.from = "T-STORE";
		arc.to = "T-STN";
		arc.cost = 0.5;
		check(nalox_alloc_add_arc(a, &arc) == NALOX_OK, "alloc_add_arc", nalox_errmsg(db));
		nalox_incoming_options in = NALOX_INCOMING_OPTIONS_INIT;
		in.product = "NYXOID";
		in.kits = 10;
		in.site = "T-STN";
		in.day = "2026-05-10";
		check(nalox_alloc_add_incoming(a, &in) == NALOX_OK, "alloc_add_incoming",
		      nalox_errmsg(db));
		rc = nalox_alloc_solve(a);
		check(rc == NALOX_OK, "alloc_solve", nalox_errmsg(db));
		double z = 0, bound = 0;
		check(nalox_alloc_objective(a, &z, &bound) == NALOX_OK && z > 0 && z <= bound + 1e-9,
		      "alloc_objective", NULL);
		/* 39 at T-STN, 57 from T-STORE, 10 incoming (as of 2026-05-01:
		 * the kit issued to C9 on 2026-05-02 is still there) */
		rc = nalox_alloc_rows(a, NALOX_ALLOC_DEMAND, &rows);
		check(rc == NALOX_OK && find_int(rows, "cohort", "officers", "allocated") == 106,
		      "alloc_rows, demand: 106 kits for the officers", nalox_errmsg(db));
		rc = nalox_alloc_rows(a, NALOX_ALLOC_TRANSFERS, &rows);
		check(rc == NALOX_OK && find_int(rows, "from", "T-STORE", "kits") == 57,
		      "alloc_rows, transfers: 57 from T-STORE", nalox_errmsg(db));
		nalox_alloc_free(a);
	}
	nalox_close(db);
out:
	unlink(path);
	{
		char side[80];
		snprintf(side, sizeof side, "%s-wal", path);
		unlink(side);
		snprintf(side, sizeof side, "%s-shm", path);
		unlink(side);
	}
	rmdir(dir);
	printf("%d passed, %d failed\n", passed, failed);
	return failed ? 1 : 0;
}
