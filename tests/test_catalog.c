/* Products and sites: adding, updating, validation, the site tree. */
#include <stdlib.h>

#include "testutil.h"

static nalox_product_options nyxoid(void)
{
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	p.code = "NYXOID";
	p.name = "Nyxoid 1.8 mg nasal spray";
	p.route = "nasal";
	p.doses_per_kit = 2;
	p.dose_mg = 1.8;
	p.shelf_life_months = 30;
	p.unit_cost_pence = 2750;
	return p;
}

static nalox_site_options site(const char *code, const char *kind, const char *area,
			       const char *parent)
{
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = code;
	s.name = code;
	s.kind = kind;
	s.area = area;
	s.parent = parent;
	return s;
}

static void put_site(nalox_db *db, const char *code, const char *parent)
{
	nalox_site_options s = site(code, "other", "AREA", parent);
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
}

/* The sites as "code<parent>depth" lines, in the order nalox_sites gives. */
static char *site_lines(nalox_db *db)
{
	nalox_rows *rows = NULL;
	char *out = calloc(1, 4096);
	size_t n = 0;
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	if (!rows || !out)
		return out;
	int cc = tu_col(rows, "code"), cp = tu_col(rows, "parent"), cd = tu_col(rows, "depth");
	while (nalox_rows_next(rows) == NALOX_ROW && n < 4000) {
		const char *parent = nalox_rows_text(rows, cp);
		n += (size_t)snprintf(out + n, 4096 - n, "%s<%s>%lld\n",
				      nalox_rows_text(rows, cc), parent ? parent : "",
				      nalox_rows_int(rows, cd));
	}
	nalox_rows_free(rows);
	return out;
}

static void test_product_put_and_update(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	nalox_rows *rows = NULL;
	nalox_product_options p = nyxoid();

	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 0);
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	TU_STR(nalox_errmsg(db), "");

	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const char *const names[] = { "code", "name", "route", "doses_per_kit",
					     "dose_mg", "shelf_life_months", "unit_cost_gbp",
					     "min_issue_days" };
	static const int types[] = { NALOX_TEXT, NALOX_TEXT, NALOX_TEXT, NALOX_INTEGER,
				     NALOX_REAL, NALOX_INTEGER, NALOX_REAL, NALOX_INTEGER };
	TU_INT(nalox_rows_columns(rows), 8);
	for (int c = 0; c < 8; c++) {
		TU_STR(nalox_rows_name(rows, c), names[c]);
		TU_INT(nalox_rows_column_type(rows, c), types[c]);
	}
	CU_ASSERT_PTR_NULL(nalox_rows_name(rows, 8));
	CU_ASSERT_PTR_NULL(nalox_rows_name(rows, -1));
	TU_INT(nalox_rows_column_type(rows, 8), NALOX_NULL);
	/* no current row before the first step */
	CU_ASSERT_PTR_NULL(nalox_rows_text(rows, 0));
	TU_INT(nalox_rows_int(rows, 3), 0);
	TU_INT(nalox_rows_type(rows, 0), NALOX_NULL);
	TU_INT(nalox_rows_next(NULL), NALOX_EINVAL);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 0), "NYXOID");
	TU_STR(nalox_rows_text(rows, 1), "Nyxoid 1.8 mg nasal spray");
	TU_STR(nalox_rows_text(rows, 2), "nasal");
	TU_INT(nalox_rows_int(rows, 3), 2);
	CU_ASSERT(nalox_rows_real(rows, 4) > 1.7999 && nalox_rows_real(rows, 4) < 1.8001);
	TU_INT(nalox_rows_int(rows, 5), 30);
	TU_STR(nalox_rows_text(rows, 6), "27.50");
	CU_ASSERT(nalox_rows_real(rows, 6) > 27.4999 && nalox_rows_real(rows, 6) < 27.5001);
	TU_INT(nalox_rows_int(rows, 7), 0); /* the store's default */
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);

	/* the same code again updates the row */
	p.name = "Nyxoid (relabelled)";
	p.unit_cost_pence = 2905;
	p.min_issue_days = 60;
	p.route = "other";
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	nalox_product_options q = nyxoid();
	q.code = "PRENOXAD";
	q.name = "Prenoxad";
	q.route = "intramuscular";
	q.dose_mg = 0.4;
	q.doses_per_kit = 5;
	q.unit_cost_pence = 7;
	TU_RC(db, nalox_put_product(db, &q), NALOX_OK);
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 0), "NYXOID");
	TU_STR(nalox_rows_text(rows, 1), "Nyxoid (relabelled)");
	TU_STR(nalox_rows_text(rows, 2), "other");
	TU_STR(nalox_rows_text(rows, 6), "29.05");
	TU_INT(nalox_rows_int(rows, 7), 60);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 0), "PRENOXAD");
	TU_INT(nalox_rows_int(rows, 3), 5);
	TU_STR(nalox_rows_text(rows, 6), "0.07");
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	nalox_close(db);
	tu_rmdir(dir);
}

/* One refused product: EINVAL, the message names the field, the stored
 * products unchanged. */
static void refused(nalox_db *db, const nalox_product_options *p, const char *field,
		    const char *dir, const char *before)
{
	char want[64];
	TU_RC(db, nalox_put_product(db, p), NALOX_EINVAL);
	snprintf(want, sizeof want, "field '%s'", field);
	TU_MSG(db, want);
	TU_INT(nalox_errcode(db), NALOX_EINVAL);
	if (p->route && strcmp(p->route, "oral") == 0) {
		TU_MSG(db, "'oral'");
		TU_MSG(db, "intramuscular"); /* the message lists the routes */
	}
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	char *now = rows ? tu_csv(rows, dir) : NULL;
	TU_STR(now, before);
	free(now);
}

static void test_product_invalid(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	nalox_product_options p = nyxoid();
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	char *before = tu_csv(rows, dir);
	char long_code[70];
	memset(long_code, 'N', 65);
	long_code[65] = '\0';

	p = nyxoid(); p.code = NULL; refused(db, &p, "code", dir, before);
	p = nyxoid(); p.code = ""; refused(db, &p, "code", dir, before);
	p = nyxoid(); p.code = " NYXOID"; refused(db, &p, "code", dir, before);
	p = nyxoid(); p.code = "NYXOID "; refused(db, &p, "code", dir, before);
	p = nyxoid(); p.code = "NYX\tOID"; refused(db, &p, "code", dir, before);
	p = nyxoid(); p.code = long_code; refused(db, &p, "code", dir, before);
	p = nyxoid(); p.name = NULL; refused(db, &p, "name", dir, before);
	p = nyxoid(); p.name = ""; refused(db, &p, "name", dir, before);
	p = nyxoid(); p.route = "oral"; refused(db, &p, "route", dir, before);
	p = nyxoid(); p.route = NULL; refused(db, &p, "route", dir, before);
	p = nyxoid(); p.route = "Nasal"; refused(db, &p, "route", dir, before);
	p = nyxoid(); p.doses_per_kit = 0; refused(db, &p, "doses_per_kit", dir, before);
	p = nyxoid(); p.dose_mg = 0.0; refused(db, &p, "dose_mg", dir, before);
	p = nyxoid(); p.dose_mg = -1.8; refused(db, &p, "dose_mg", dir, before);
	p = nyxoid(); p.shelf_life_months = 0; refused(db, &p, "shelf_life_months", dir, before);
	p = nyxoid(); p.unit_cost_pence = -1; refused(db, &p, "unit_cost_gbp", dir, before);
	p = nyxoid(); p.min_issue_days = -2; refused(db, &p, "min_issue_days", dir, before);
	p = nyxoid(); p.min_issue_days = 3651; refused(db, &p, "min_issue_days", dir, before);
	/* a bad update of an existing code leaves the old row */
	p = nyxoid(); p.name = "changed"; p.doses_per_kit = -5;
	refused(db, &p, "doses_per_kit", dir, before);

	p = nyxoid();
	p.version = 99;
	TU_RC(db, nalox_put_product(db, &p), NALOX_EINVAL);
	TU_MSG(db, "version");
	TU_RC(db, nalox_put_product(db, NULL), NALOX_EINVAL);
	TU_RC(NULL, nalox_put_product(NULL, &p), NALOX_EINVAL);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static long long min_days(nalox_db *db, const char *code)
{
	nalox_rows *rows = NULL;
	long long v = -99;
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	if (!rows)
		return v;
	while (nalox_rows_next(rows) == NALOX_ROW)
		if (!strcmp(nalox_rows_text(rows, 0), code))
			v = nalox_rows_int(rows, tu_col(rows, "min_issue_days"));
	nalox_rows_free(rows);
	return v;
}

static void test_min_issue_days(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	TU_INT(min_days(db, "NYXOID"), 0);
	TU_RC(db, nalox_set_min_issue_days(db, 30), NALOX_OK);
	TU_INT(min_days(db, "NYXOID"), 30);
	TU_INT(min_days(db, "PRENOXAD"), 30);
	nalox_product_options p = nyxoid();
	p.min_issue_days = 90;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	TU_INT(min_days(db, "NYXOID"), 90);
	TU_INT(min_days(db, "PRENOXAD"), 30);
	/* a product's own 0 overrides a store default */
	p.min_issue_days = 0;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	TU_INT(min_days(db, "NYXOID"), 0);
	/* -1: back to the store's default */
	p.min_issue_days = -1;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	TU_INT(min_days(db, "NYXOID"), 30);
	TU_RC(db, nalox_set_min_issue_days(db, -1), NALOX_EINVAL);
	TU_MSG(db, "min_issue_days");
	TU_RC(db, nalox_set_min_issue_days(db, 3651), NALOX_EINVAL);
	TU_INT(min_days(db, "PRENOXAD"), 30);
	TU_RC(db, nalox_set_min_issue_days(db, 0), NALOX_OK);
	TU_INT(min_days(db, "PRENOXAD"), 0);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_site_put_and_update(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_rows *rows = NULL;

	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	static const char *const names[] = { "code", "name", "kind", "area", "parent", "depth" };
	TU_INT(nalox_rows_columns(rows), 6);
	for (int c = 0; c < 6; c++)
		TU_STR(nalox_rows_name(rows, c), names[c]);
	TU_INT(nalox_rows_column_type(rows, 5), NALOX_INTEGER);
	TU_INT(nalox_rows_column_type(rows, 4), NALOX_TEXT);
	/* T-POL sorts before T-STORE; each root is followed by its child */
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 0), "T-POL");
	TU_STR(nalox_rows_text(rows, 1), "Test police");
	TU_STR(nalox_rows_text(rows, 2), "police");
	TU_STR(nalox_rows_text(rows, 3), "POL");
	CU_ASSERT_PTR_NULL(nalox_rows_text(rows, 4));
	TU_INT(nalox_rows_type(rows, 4), NALOX_NULL);
	TU_INT(nalox_rows_int(rows, 5), 0);
	nalox_rows_free(rows);
	char *lines = site_lines(db);
	TU_STR(lines, "T-POL<>0\nT-STN<T-POL>1\nT-STORE<>0\nT-HUB<T-STORE>1\n");
	free(lines);

	/* update: new name, kind, area and parent; T-HUB moves to the police */
	nalox_site_options s = site("T-HUB", "custody", "POL", "T-POL");
	s.name = "Custody suite";
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
	lines = site_lines(db);
	TU_STR(lines, "T-POL<>0\nT-HUB<T-POL>1\nT-STN<T-POL>1\nT-STORE<>0\n");
	free(lines);
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 0), "T-HUB");
	TU_STR(nalox_rows_text(rows, 1), "Custody suite");
	TU_STR(nalox_rows_text(rows, 2), "custody");
	TU_STR(nalox_rows_text(rows, 3), "POL");
	nalox_rows_free(rows);

	/* a NULL or empty parent makes a root */
	s.parent = "";
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
	lines = site_lines(db);
	TU_STR(lines, "T-HUB<>0\nT-POL<>0\nT-STN<T-POL>1\nT-STORE<>0\n");
	free(lines);
	nalox_close(db);
	tu_rmdir(dir);
}

static void site_refused(nalox_db *db, const nalox_site_options *s, int code,
			 const char *field, const char *also, const char *before)
{
	char want[64];
	TU_RC(db, nalox_put_site(db, s), code);
	snprintf(want, sizeof want, "field '%s'", field);
	TU_MSG(db, want);
	if (also)
		TU_MSG(db, also);
	char *now = site_lines(db);
	TU_STR(now, before);
	free(now);
}

static void test_site_invalid(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char *before = site_lines(db);
	nalox_site_options s;

	s = site("NEW", "shop", "TST", NULL);
	site_refused(db, &s, NALOX_EINVAL, "kind", "'shop' is not one of store, pharmacy",
		     before);
	s = site("NEW", NULL, "TST", NULL);
	site_refused(db, &s, NALOX_EINVAL, "kind", NULL, before);
	s = site("NEW", "store", NULL, NULL);
	site_refused(db, &s, NALOX_EINVAL, "area", NULL, before);
	s = site("NEW", "store", "TST", NULL);
	s.name = "";
	site_refused(db, &s, NALOX_EINVAL, "name", NULL, before);
	s = site("", "store", "TST", NULL);
	site_refused(db, &s, NALOX_EINVAL, "code", NULL, before);
	s = site("NEW ", "store", "TST", NULL);
	site_refused(db, &s, NALOX_EINVAL, "code", NULL, before);
	s = site("NEW", "store", "TST", "NOWHERE");
	site_refused(db, &s, NALOX_ENOTFOUND, "parent", "'NOWHERE'", before);
	/* codes are case-sensitive */
	s = site("NEW", "store", "TST", "t-store");
	site_refused(db, &s, NALOX_ENOTFOUND, "parent", NULL, before);
	s = site("NEW", "store", "TST", "NEW");
	site_refused(db, &s, NALOX_EINVAL, "parent", NULL, before);
	/* an existing site: a bad update changes nothing */
	s = site("T-HUB", "store", "TST", "NOWHERE");
	site_refused(db, &s, NALOX_ENOTFOUND, "parent", NULL, before);
	s = site("T-HUB", "hub", "TST", "T-STORE");
	site_refused(db, &s, NALOX_EINVAL, "kind", NULL, before);

	s = site("NEW", "store", "TST", NULL);
	s.version = 2;
	TU_RC(db, nalox_put_site(db, &s), NALOX_EINVAL);
	TU_RC(db, nalox_put_site(db, NULL), NALOX_EINVAL);
	TU_RC(NULL, nalox_put_site(NULL, &s), NALOX_EINVAL);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_site_cycle_refused(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	put_site(db, "A", NULL);
	put_site(db, "B", "A");
	put_site(db, "C", "B");
	char *before = site_lines(db);
	TU_STR(before, "A<>0\nB<A>1\nC<B>2\n");
	nalox_site_options s;

	/* B is below A: A cannot go under B */
	s = site("A", "other", "AREA", "B");
	site_refused(db, &s, NALOX_EINVAL, "parent", "'B' is below 'A'", before);
	/* nor under its grandchild */
	s = site("A", "other", "AREA", "C");
	site_refused(db, &s, NALOX_EINVAL, "parent", NULL, before);
	s = site("B", "other", "AREA", "C");
	site_refused(db, &s, NALOX_EINVAL, "parent", NULL, before);
	/* itself */
	s = site("B", "other", "AREA", "B");
	site_refused(db, &s, NALOX_EINVAL, "parent", NULL, before);

	/* moving a subtree elsewhere is fine: C under A, then B under C */
	put_site(db, "C", "A");
	put_site(db, "B", "C");
	char *lines = site_lines(db);
	TU_STR(lines, "A<>0\nC<A>1\nB<C>2\n");
	free(lines);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Parents before children whatever the codes and the order sites were
 * added in; depth counts the levels. */
static void test_sites_order_and_depth(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	/* children first as roots, then moved under parents added later */
	put_site(db, "A-KID", NULL);
	put_site(db, "B-GRANDKID", NULL);
	put_site(db, "Z-ROOT", NULL);
	put_site(db, "M-ROOT", NULL);
	put_site(db, "C-KID", "M-ROOT");
	put_site(db, "A-KID", "Z-ROOT");
	put_site(db, "B-GRANDKID", "A-KID");
	put_site(db, "AA-KID", "Z-ROOT");
	char *lines = site_lines(db);
	TU_STR(lines, "M-ROOT<>0\nC-KID<M-ROOT>1\nZ-ROOT<>0\nA-KID<Z-ROOT>1\n"
		      "B-GRANDKID<A-KID>2\nAA-KID<Z-ROOT>1\n");
	free(lines);

	/* and generally: every parent is listed before its child, one level up */
	nalox_rows *rows = NULL;
	char seen[16][65];
	long long depth[16];
	int n = 0;
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	while (nalox_rows_next(rows) == NALOX_ROW && n < 16) {
		const char *parent = nalox_rows_text(rows, 4);
		long long d = nalox_rows_int(rows, 5);
		if (!parent) {
			TU_INT(d, 0);
		} else {
			int found = -1;
			for (int i = 0; i < n; i++)
				if (!strcmp(seen[i], parent))
					found = i;
			CU_ASSERT(found >= 0);
			if (found >= 0)
				TU_INT(d, depth[found] + 1);
		}
		snprintf(seen[n], sizeof seen[n], "%s", nalox_rows_text(rows, 0));
		depth[n++] = d;
	}
	nalox_rows_free(rows);
	TU_INT(n, 6);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_option_inits(void)
{
	nalox_product_options p;
	nalox_site_options s;
	memset(&p, 0x5a, sizeof p);
	TU_INT(nalox_product_options_init(&p, NALOX_PRODUCT_OPTIONS_VERSION), NALOX_OK);
	TU_INT(p.version, NALOX_PRODUCT_OPTIONS_VERSION);
	CU_ASSERT_PTR_NULL(p.code);
	CU_ASSERT_PTR_NULL(p.route);
	TU_INT(p.min_issue_days, -1);
	TU_INT(p.unit_cost_pence, 0);
	TU_INT(nalox_product_options_init(&p, NALOX_PRODUCT_OPTIONS_VERSION + 1), NALOX_EINVAL);
	TU_INT(nalox_product_options_init(NULL, NALOX_PRODUCT_OPTIONS_VERSION), NALOX_EINVAL);
	memset(&s, 0x5a, sizeof s);
	TU_INT(nalox_site_options_init(&s, NALOX_SITE_OPTIONS_VERSION), NALOX_OK);
	TU_INT(s.version, NALOX_SITE_OPTIONS_VERSION);
	CU_ASSERT_PTR_NULL(s.parent);
	CU_ASSERT_PTR_NULL(s.code);
	TU_INT(nalox_site_options_init(&s, 0), NALOX_EINVAL);
}

/* The store's settings by name (nalox_settings, nalox_set_setting). */
static void test_settings(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_settings(db, &rows), NALOX_OK);
	char *csv = tu_csv(rows, dir);
	TU_HAS(csv, "setting,value,default,meaning\nmin-issue-days,0,0,days of shelf life");
	free(csv);
	TU_RC(db, nalox_set_setting(db, "min-issue-days", "90"), NALOX_OK);
	TU_RC(db, nalox_settings(db, &rows), NALOX_OK);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 0), nalox_name(NALOX_NAMES_SETTINGS, 0, NULL));
	TU_STR(nalox_rows_text(rows, 1), "90");
	nalox_rows_free(rows);
	/* the same as the setter's own */
	nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
	p.code = "X";
	p.name = "X";
	p.route = "nasal";
	p.doses_per_kit = 2;
	p.dose_mg = 1.8;
	p.shelf_life_months = 24;
	TU_RC(db, nalox_put_product(db, &p), NALOX_OK);
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	long long min = -1;
	while (nalox_rows_next(rows) == NALOX_ROW)
		if (strcmp(nalox_rows_text(rows, 0), "X") == 0)
			min = nalox_rows_int(rows, tu_col(rows, "min_issue_days"));
	nalox_rows_free(rows);
	TU_INT(min, 90);
	/* bad values: the library's range; bad names: the nearest */
	TU_RC(db, nalox_set_setting(db, "min-issue-days", "3651"), NALOX_EINVAL);
	TU_MSG(db, "3650");
	TU_RC(db, nalox_set_setting(db, "min-issue-days", "99999999999999"), NALOX_EINVAL);
	TU_MSG(db, "too large");
	TU_RC(db, nalox_set_setting(db, "min-issue-days", "ninety"), NALOX_EINVAL);
	TU_MSG(db, "'ninety' is not a whole number");
	TU_RC(db, nalox_set_setting(db, "min-issue-days", "-1"), NALOX_EINVAL);
	TU_RC(db, nalox_set_setting(db, "min-issue-day", "1"), NALOX_ENOTFOUND);
	TU_MSG(db, "did you mean 'min-issue-days'?");
	TU_RC(db, nalox_set_setting(db, NULL, "1"), NALOX_ENOTFOUND);
	TU_RC(db, nalox_set_setting(db, "min-issue-days", NULL), NALOX_EINVAL);
	TU_RC(db, nalox_settings(db, &rows), NALOX_OK);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, 1), "90"); /* nothing changed */
	nalox_rows_free(rows);
	TU_INT(nalox_settings(NULL, &rows), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Codes looked up, and the nearest offered for a typo. */
static void test_code_find(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	char near[32] = "x";
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2027-06", 10,
			  NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-06", "issue", "T-STORE", "NYXOID", "NX-A", NULL, 1, NULL,
			  "officer", "C1001", NULL), NALOX_OK);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_SITE, "T-POL", near, sizeof near), NALOX_OK);
	TU_STR(near, "");
	TU_RC(db, nalox_code_find(db, NALOX_CODE_SITE, "T-POLL", near, sizeof near), NALOX_ENOTFOUND);
	TU_STR(near, "T-POL");
	TU_MSG(db, "unknown site 'T-POLL'; did you mean 'T-POL'?");
	TU_RC(db, nalox_code_find(db, NALOX_CODE_SITE, "ELSEWHERE", near, sizeof near),
	      NALOX_ENOTFOUND);
	TU_STR(near, "");
	TU_MSG(db, "(the store has T-HUB, T-POL, T-STN, T-STORE)"); /* a few: listed */
	TU_RC(db, nalox_code_find(db, NALOX_CODE_PRODUCT, "NYXOD", NULL, 0), NALOX_ENOTFOUND);
	TU_MSG(db, "did you mean 'NYXOID'?");
	TU_RC(db, nalox_code_find(db, NALOX_CODE_AREA, "POL", near, sizeof near), NALOX_OK);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_AREA, "TTS", near, sizeof near), NALOX_ENOTFOUND);
	TU_MSG(db, "unknown area 'TTS'");
	TU_RC(db, nalox_code_find(db, NALOX_CODE_LOT, "NX-A", near, sizeof near), NALOX_OK);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_LOT, "NX-B", near, sizeof near), NALOX_ENOTFOUND);
	TU_STR(near, "NX-A");
	/* holders: KIND:REF, never suggested, the ref hidden in messages */
	TU_RC(db, nalox_code_find(db, NALOX_CODE_HOLDER, "officer:C1001", near, sizeof near),
	      NALOX_OK);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_HOLDER, "person:C1001", near, sizeof near),
	      NALOX_ENOTFOUND);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_HOLDER, "officer:C1002", near, sizeof near),
	      NALOX_ENOTFOUND);
	TU_STR(near, "");
	TU_MSG(db, "unknown holder officer [ref hidden]");
	TU_HASNT(nalox_errmsg(db), "C100");
	TU_RC(db, nalox_code_find(db, NALOX_CODE_HOLDER, "officers:C1001", near, sizeof near),
	      NALOX_EINVAL);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_HOLDER, "C1001", near, sizeof near), NALOX_EINVAL);
	TU_RC(db, nalox_code_find(db, 99, "x", near, sizeof near), NALOX_EINVAL);
	TU_RC(db, nalox_code_find(db, NALOX_CODE_SITE, NULL, near, sizeof near), NALOX_EINVAL);
	TU_INT(nalox_code_find(NULL, NALOX_CODE_SITE, "x", near, sizeof near), NALOX_EINVAL);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_suggest(void)
{
	static const char *const words[] = { "stock", "held", "writeoff-expired", NULL };
	TU_STR(nalox_suggest("stok", words), "stock");
	TU_STR(nalox_suggest("writeoff", words), "writeoff-expired");
	CU_ASSERT_PTR_NULL(nalox_suggest("frobnicate", words));
	CU_ASSERT_PTR_NULL(nalox_suggest(NULL, words));
	CU_ASSERT_PTR_NULL(nalox_suggest("stok", NULL));
	/* the same rule as the library's own lists */
	TU_STR(nalox_name_suggest(NALOX_NAMES_HOLDER_KINDS, "officers"), "officer");
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "products: add, update, columns", test_product_put_and_update },
		{ "products: invalid fields refused, named", test_product_invalid },
		{ "min_issue_days: store default and product override", test_min_issue_days },
		{ "sites: add, update, reparent", test_site_put_and_update },
		{ "sites: invalid fields and unknown parent refused", test_site_invalid },
		{ "sites: cycles refused", test_site_cycle_refused },
		{ "sites: parents before children, depth", test_sites_order_and_depth },
		{ "option struct init functions", test_option_inits },
		{ "settings by name: list, set, refuse", test_settings },
		{ "codes looked up; the nearest for a typo", test_code_find },
		{ "did you mean: the nearest of a caller's words", test_suggest },
		CU_TEST_INFO_NULL
	};
	return tu_main("catalog", tests);
}
