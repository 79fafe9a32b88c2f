/* Helpers for the CUnit suites (see testutil.h). */
#include <dirent.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <CUnit/Basic.h>

#include "testutil.h"

/* Directories made and not yet removed: a fatal assertion skips a test's
 * own clean-up, so tu_main() removes whatever is left at the end. */
#define TU_MAX_DIRS 64
static char *live_dirs[TU_MAX_DIRS];

static void track(char *dir, int add)
{
	for (int i = 0; i < TU_MAX_DIRS; i++)
		if (live_dirs[i] == (add ? NULL : dir)) {
			live_dirs[i] = add ? dir : NULL;
			return;
		}
}

char *tu_tmpdir(void)
{
	const char *base = getenv("TMPDIR");
	if (!base || !*base)
		base = "/tmp";
	char *dir = tu_path(base, "nalox-test-XXXXXX");
	if (!mkdtemp(dir)) {
		perror("mkdtemp");
		free(dir);
		CU_FAIL_FATAL("cannot make a temporary directory");
		return NULL;
	}
	track(dir, 1);
	return dir;
}

static void remove_tree(const char *path)
{
	struct stat st;
	if (lstat(path, &st) != 0)
		return;
	if (S_ISDIR(st.st_mode)) {
		DIR *d = opendir(path);
		if (d) {
			struct dirent *e;
			while ((e = readdir(d)) != NULL) {
				if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
					continue;
				char *sub = tu_path(path, e->d_name);
				remove_tree(sub);
				free(sub);
			}
			closedir(d);
		}
		rmdir(path);
	} else {
		unlink(path);
	}
}

void tu_rmdir(char *dir)
{
	if (!dir)
		return;
	track(dir, 0);
	remove_tree(dir);
	free(dir);
}

char *tu_path(const char *dir, const char *name)
{
	size_t a = strlen(dir), b = strlen(name);
	char *p = malloc(a + b + 2);
	if (!p)
		abort();
	memcpy(p, dir, a);
	p[a] = '/';
	memcpy(p + a + 1, name, b + 1);
	return p;
}

void tu_write_bytes(const char *path, const char *text, size_t len)
{
	if (len == (size_t)-1)
		len = strlen(text);
	FILE *f = fopen(path, "wb");
	CU_ASSERT_PTR_NOT_NULL_FATAL(f);
	CU_ASSERT_FATAL(fwrite(text, 1, len, f) == len);
	CU_ASSERT_FATAL(fclose(f) == 0);
}

void tu_write(const char *path, const char *text)
{
	tu_write_bytes(path, text, (size_t)-1);
}

char *tu_read(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	if (!f)
		return NULL;
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);
	if (!buf)
		abort();
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			char *grown = realloc(buf, cap);
			if (!grown)
				abort();
			buf = grown;
		}
	}
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

int tu_exists(const char *path)
{
	struct stat st;
	return lstat(path, &st) == 0;
}

nalox_db *tu_open(const char *dir, const char *name)
{
	char *path = tu_path(dir, name);
	nalox_db *db = NULL;
	int rc = nalox_open(path, NALOX_OPEN_CREATE, &db);
	if (rc != NALOX_OK)
		fprintf(stderr, "\n    cannot open %s: %s\n", path, nalox_errmsg(db));
	free(path);
	if (rc != NALOX_OK) {
		nalox_close(db);
		CU_FAIL_FATAL("tu_open: nalox_open failed");
		return NULL;
	}
	return db;
}

static void put_product(nalox_db *db, const char *code, const char *name,
			const char *route, int doses, double mg, int months,
			long long pence)
{
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	p.code = code;
	p.name = name;
	p.route = route;
	p.doses_per_kit = doses;
	p.dose_mg = mg;
	p.shelf_life_months = months;
	p.unit_cost_pence = pence;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
}

static void put_site(nalox_db *db, const char *code, const char *name,
		     const char *kind, const char *area, const char *parent)
{
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = code;
	s.name = name;
	s.kind = kind;
	s.area = area;
	s.parent = parent;
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
}

void tu_fixture(nalox_db *db)
{
	put_product(db, "NYXOID", "Nyxoid 1.8 mg nasal spray", "nasal", 2, 1.8, 30, 2750);
	put_product(db, "PRENOXAD", "Prenoxad 2 mg/2 ml syringe", "intramuscular", 5, 0.4,
		    36, 1800);
	put_site(db, "T-STORE", "Test central store", "store", "TST", NULL);
	put_site(db, "T-HUB", "Test hub", "treatment", "TST", "T-STORE");
	put_site(db, "T-POL", "Test police", "police", "POL", NULL);
	put_site(db, "T-STN", "Test station", "station", "POL", "T-POL");
}

nalox_db *tu_store(const char *dir)
{
	nalox_db *db = tu_open(dir, "store.db");
	tu_fixture(db);
	return db;
}

int tu_move(nalox_db *db, const char *day, const char *kind, const char *site,
	    const char *product, const char *lot, const char *expiry, long long qty,
	    const char *to_site, const char *holder_kind, const char *holder_ref,
	    const char *reason)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	m.day = day;
	m.kind = kind;
	m.site = site;
	m.product = product;
	m.lot = lot;
	m.expiry = expiry;
	m.qty = qty;
	m.to_site = to_site;
	m.holder_kind = holder_kind;
	m.holder_ref = holder_ref;
	m.reason = reason;
	return nalox_record_move(db, &m, NULL);
}

int tu_col(const nalox_rows *rows, const char *name)
{
	for (int c = 0; c < nalox_rows_columns(rows); c++)
		if (strcmp(nalox_rows_name(rows, c), name) == 0)
			return c;
	return -1;
}

long long tu_sum(nalox_rows *rows, const char *col)
{
	int c = tu_col(rows, col), rc;
	long long sum = 0;
	CU_ASSERT(c >= 0);
	while ((rc = nalox_rows_next(rows)) == NALOX_ROW)
		sum += nalox_rows_int(rows, c);
	CU_ASSERT_EQUAL(rc, NALOX_DONE);
	nalox_rows_free(rows);
	return sum;
}

long long tu_count(nalox_rows *rows)
{
	long long n = 0;
	int rc;
	while ((rc = nalox_rows_next(rows)) == NALOX_ROW)
		n++;
	CU_ASSERT_EQUAL(rc, NALOX_DONE);
	nalox_rows_free(rows);
	return n;
}

char *tu_csv(nalox_rows *rows, const char *dir)
{
	static int serial;
	char name[32];
	snprintf(name, sizeof name, "rows-%d.csv", ++serial);
	char *path = tu_path(dir, name);
	int rc = nalox_rows_write(rows, NALOX_FORMAT_CSV, path, 0);
	nalox_rows_free(rows);
	CU_ASSERT_EQUAL(rc, NALOX_OK);
	char *text = rc == NALOX_OK ? tu_read(path, NULL) : NULL;
	unlink(path);
	free(path);
	return text;
}

long long tu_site_qty(nalox_db *db, const char *as_of, const char *site,
		      const char *lot)
{
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = as_of;
	o.site = site;
	o.by_lot = 1;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	if (!rows)
		return -1;
	int cs = tu_col(rows, "site"), cl = tu_col(rows, "lot"), cq = tu_col(rows, "qty");
	long long qty = 0;
	while (nalox_rows_next(rows) == NALOX_ROW)
		if (!strcmp(nalox_rows_text(rows, cs), site) &&
		    !strcmp(nalox_rows_text(rows, cl), lot))
			qty += nalox_rows_int(rows, cq);
	nalox_rows_free(rows);
	return qty;
}

long long tu_held_qty(nalox_db *db, const char *as_of, const char *kind,
		      const char *ref, const char *lot)
{
	nalox_held_options o = NALOX_HELD_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = as_of;
	o.holder_kind = kind;
	o.holder_ref = ref;
	TU_RC(db, nalox_held(db, &o, &rows), NALOX_OK);
	if (!rows)
		return -1;
	int ck = tu_col(rows, "holder_kind"), cr = tu_col(rows, "holder_ref");
	int cl = tu_col(rows, "lot"), cq = tu_col(rows, "qty");
	long long qty = 0;
	while (nalox_rows_next(rows) == NALOX_ROW)
		if (!strcmp(nalox_rows_text(rows, ck), kind) &&
		    !strcmp(nalox_rows_text(rows, cr), ref) &&
		    (!lot || !strcmp(nalox_rows_text(rows, cl), lot)))
			qty += nalox_rows_int(rows, cq);
	nalox_rows_free(rows);
	return qty;
}

long long tu_nmoves(nalox_db *db)
{
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK);
	return rows ? tu_count(rows) : -1;
}

static void append(char **acc, size_t *len, const char *text)
{
	size_t n = strlen(text ? text : "(error)\n");
	char *grown = realloc(*acc, *len + n + 1);
	if (!grown)
		abort();
	memcpy(grown + *len, text ? text : "(error)\n", n + 1);
	*acc = grown;
	*len += n;
}

char *tu_snapshot(nalox_db *db, const char *dir)
{
	char *acc = NULL, *part;
	size_t len = 0;
	nalox_rows *rows = NULL;
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	nalox_held_options ho = NALOX_HELD_OPTIONS_INIT;

	mo.order = NALOX_ORDER_ENTRY;
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	part = rows ? tu_csv(rows, dir) : NULL;
	append(&acc, &len, part);
	free(part);

	so.as_of = "2100-01-01";
	so.by_lot = 1;
	rows = NULL;
	TU_RC(db, nalox_stock(db, &so, &rows), NALOX_OK);
	part = rows ? tu_csv(rows, dir) : NULL;
	append(&acc, &len, part);
	free(part);

	ho.as_of = "2100-01-01";
	rows = NULL;
	TU_RC(db, nalox_held(db, &ho, &rows), NALOX_OK);
	part = rows ? tu_csv(rows, dir) : NULL;
	append(&acc, &len, part);
	free(part);
	return acc;
}

int tu_main(const char *suite, CU_TestInfo *tests)
{
	if (CU_initialize_registry() != CUE_SUCCESS) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		return 2;
	}
	CU_pSuite s = CU_add_suite(suite, NULL, NULL);
	int ok = s != NULL;
	for (CU_TestInfo *t = tests; ok && t->pName; t++)
		ok = CU_add_test(s, t->pName, t->pTestFunc) != NULL;
	if (!ok) {
		fprintf(stderr, "CUnit: %s\n", CU_get_error_msg());
		CU_cleanup_registry();
		return 2;
	}
	CU_basic_set_mode(CU_BRM_VERBOSE);
	CU_basic_run_tests();
	unsigned failed = CU_get_number_of_tests_failed() + CU_get_number_of_failures() +
			  CU_get_number_of_suites_failed();
	int error = CU_get_error() != CUE_SUCCESS;
	CU_cleanup_registry();
	for (int i = 0; i < TU_MAX_DIRS; i++)
		tu_rmdir(live_dirs[i]);
	return failed || error ? 1 : 0;
}
