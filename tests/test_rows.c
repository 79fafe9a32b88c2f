/* Result sets as people and programs read them: their context, the total
 * past a limit, JSON with its context, tables that fit 100 columns
 * (wrapped text, panels, streamed past the first page), shares as
 * percentages, and the sites as a tree. */
#include <stdlib.h>

#include "testutil.h"

static char *written(nalox_db *db, const char *dir, nalox_rows *rows, int format,
		     unsigned flags)
{
	char *path = tu_path(dir, "out.txt");
	TU_RC(db, nalox_rows_write(rows, format, path, flags), NALOX_OK);
	nalox_rows_free(rows);
	char *text = tu_read(path, NULL);
	free(path);
	return text;
}

/* The widest line of a text, in code points. */
static size_t widest(const char *text)
{
	size_t w = 0, most = 0;
	for (const char *p = text; p && *p; p++) {
		if (*p == '\n') {
			most = w > most ? w : most;
			w = 0;
		} else if (((unsigned char)*p & 0xc0) != 0x80) {
			w++;
		}
	}
	return w > most ? w : most;
}

static const char *ctx(nalox_rows *rows, const char *name)
{
	const char *n, *v;
	for (int i = 0; (n = nalox_rows_context(rows, i, &v, NULL)); i++)
		if (strcmp(n, name) == 0)
			return v;
	return NULL;
}

/* The fixture, and `n` sites below T-STORE with long names, 2 kits each. */
static nalox_db *many_sites(const char *dir, int n, const char *long_code)
{
	nalox_db *db = tu_store(dir);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2027-06",
			  2 * n + 10, NULL, NULL, NULL, NULL), NALOX_OK);
	for (int i = 0; i < n; i++) {
		char code[64], name[128];
		nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
		if (i == n - 1 && long_code)
			snprintf(code, sizeof code, "%s", long_code);
		else
			snprintf(code, sizeof code, "T-S%03d", i);
		snprintf(name, sizeof name, "Site number %d of the long names, with words to wrap", i);
		s.code = code;
		s.name = name;
		s.kind = "pharmacy";
		s.area = "TST";
		s.parent = "T-STORE";
		TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
		TU_RC(db, tu_move(db, "2026-01-06", "transfer", "T-STORE", "NYXOID", "NX-A", NULL, 2,
				  code, NULL, NULL, NULL), NALOX_OK);
	}
	return db;
}

static void test_context_and_total(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = many_sites(dir, 5, NULL);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	const char *value;
	int type;
	o.as_of = "2026-02-01";
	o.site = "T-STORE";
	o.limit = 2;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	TU_STR(nalox_rows_context(rows, 0, &value, &type), "as_of");
	TU_STR(value, "2026-02-01");
	TU_INT(type, NALOX_TEXT);
	TU_STR(ctx(rows, "site"), "T-STORE");
	TU_STR(ctx(rows, "area"), NULL); /* not given: left out */
	CU_ASSERT_PTR_NULL(nalox_rows_context(rows, 99, &value, &type));
	CU_ASSERT_PTR_NULL(value);
	/* two rows shown, six in all; the rest counted, not returned */
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	TU_INT(nalox_rows_total(rows), 6);
	TU_INT(nalox_rows_total(rows), 6);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	/* without a limit, counted from where the caller stopped */
	o.limit = 0;
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_INT(nalox_rows_total(rows), 6);
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	/* rows made in memory (the needs assessment, settings) count too */
	TU_RC(db, nalox_settings(db, &rows), NALOX_OK);
	TU_INT(nalox_rows_total(rows), 1);
	nalox_rows_free(rows);
	TU_INT(nalox_rows_total(NULL), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(nalox_rows_context(NULL, 0, NULL, NULL));
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_json_with_context(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = many_sites(dir, 5, NULL);
	nalox_expiring_options o = NALOX_EXPIRING_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = "2027-05-01";
	o.limit = 2;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	char *json = written(db, dir, rows, NALOX_FORMAT_JSON, NALOX_WRITE_CONTEXT);
	TU_HAS(json, "{\n  \"context\": {\"as_of\": \"2027-05-01\", \"within_days\": 90, "
		     "\"horizon\": \"2027-07-30\", \"include\": \"stock,held\", \"group\": \"none\", "
		     "\"in_stock\": 20, \"held\": 0, \"expired\": 0, \"expiring\": 20, "
		     "\"kits_to_replace\": 20, \"holders\": 0, \"footer\": \"kits to replace: 20");
	TU_HAS(json, "},\n  \"rows\": [\n    {\"place\": \"stock\"");
	TU_HAS(json, "\n  ],\n  \"rows_shown\": 2,\n  \"rows_total\": 6\n}\n");
	free(json);
	/* no rows: an empty list, still with its context */
	o.as_of = "2020-01-01";
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	json = written(db, dir, rows, NALOX_FORMAT_JSON, NALOX_WRITE_CONTEXT);
	TU_HAS(json, "\"rows\": [],\n  \"rows_shown\": 0,\n  \"rows_total\": 0\n}\n");
	free(json);
	/* without the flag: the array it always was; CSV never changes */
	o.as_of = "2027-05-01";
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	json = written(db, dir, rows, NALOX_FORMAT_JSON, 0);
	CU_ASSERT(json && json[0] == '[');
	TU_HASNT(json, "context");
	free(json);
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	char *csv = written(db, dir, rows, NALOX_FORMAT_CSV, NALOX_WRITE_CONTEXT);
	TU_HAS(csv, "place,site,site_name,");
	TU_HASNT(csv, "kits to replace");
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_table_footer(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = many_sites(dir, 5, NULL);
	nalox_expiring_options o = NALOX_EXPIRING_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = "2027-05-01";
	o.group = NALOX_GROUP_SITE;
	o.limit = 3;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	char *table = written(db, dir, rows, NALOX_FORMAT_TABLE, NALOX_WRITE_CONTEXT);
	TU_HAS(table, "\n3 of 6 rows shown\n");
	TU_HAS(table, "\nkits to replace: 20 (0 expired, 20 expiring by 90 days from 2027-05-01);"
		      " 20 in stock, 0 held by 0 holders\n");
	free(table);
	/* without the flag: the rows only */
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	table = written(db, dir, rows, NALOX_FORMAT_TABLE, 0);
	TU_HASNT(table, "rows shown");
	TU_HASNT(table, "kits to replace");
	free(table);
	/* the totals themselves have no summary */
	o.group = NALOX_GROUP_ALL;
	TU_RC(db, nalox_expiring(db, &o, &rows), NALOX_OK);
	CU_ASSERT_PTR_NULL(ctx(rows, "footer"));
	table = written(db, dir, rows, NALOX_FORMAT_TABLE, NALOX_WRITE_CONTEXT);
	TU_HASNT(table, "kits to replace");
	free(table);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_table_fits(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = many_sites(dir, 5, NULL);
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = "2026-02-01";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	char *table = written(db, dir, rows, NALOX_FORMAT_TABLE, 0);
	CU_ASSERT(widest(table) <= 100);
	/* the long names wrap at a space, within their column; codes stay whole */
	TU_HAS(table, "\nT-S004   Site number 4 of the long names, with     TST");
	TU_HAS(table, "\n         words to wrap\n");
	free(table);

	/* reconcile's 19 columns: panels, each repeating the key columns */
	nalox_period_options p = NALOX_PERIOD_OPTIONS_INIT;
	p.from = "2026-01-01";
	p.to = "2026-02-01";
	TU_RC(db, nalox_reconcile(db, &p, &rows), NALOX_OK);
	int ncols = nalox_rows_columns(rows);
	char names[32][64];
	for (int c = 0; c < ncols && c < 32; c++)
		snprintf(names[c], sizeof names[c], "%s", nalox_rows_name(rows, c));
	table = written(db, dir, rows, NALOX_FORMAT_TABLE, 0);
	CU_ASSERT(widest(table) <= 100);
	for (int c = 0; c < ncols; c++)
		TU_HAS(table, names[c]); /* every column is there */
	int panels = 0;
	for (const char *p2 = table; (p2 = strstr(p2, "section  name")); p2++)
		panels++;
	CU_ASSERT(panels >= 2);
	TU_HAS(table, "\n\nsection  name");
	free(table);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_table_streams(void)
{
	char *dir = tu_tmpdir();
	/* more rows than the first page; the last site's code is longer than
	 * any in it, and is written whole */
	nalox_db *db = many_sites(dir, 300, "T-A-MUCH-LONGER-SITE-CODE");
	nalox_stock_options o = NALOX_STOCK_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	o.as_of = "2026-02-01";
	TU_RC(db, nalox_stock(db, &o, &rows), NALOX_OK);
	char *table = written(db, dir, rows, NALOX_FORMAT_TABLE, 0);
	TU_HAS(table, "T-S000 ");
	TU_HAS(table, "T-S298 ");
	TU_HAS(table, "T-A-MUCH-LONGER-SITE-CODE ");
	int headers = 0;
	for (const char *p = table; (p = strstr(p, "site_name")); p++)
		headers++;
	TU_INT(headers, 1); /* one panel: one header, then row after row */
	free(table);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_shares_trees_decimals(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = many_sites(dir, 2, NULL);
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = "T-VAN";
	s.name = "Van";
	s.kind = "outreach";
	s.area = "TST";
	s.parent = "T-HUB";
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
	nalox_rows *rows = NULL;
	/* the tree: codes indented by depth in a table, plain in CSV */
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	char *table = written(db, dir, rows, NALOX_FORMAT_TABLE, 0);
	TU_HAS(table, "\nT-STORE ");
	TU_HAS(table, "\n  T-HUB ");
	TU_HAS(table, "\n    T-VAN ");
	free(table);
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	char *csv = written(db, dir, rows, NALOX_FORMAT_CSV, 0);
	TU_HAS(csv, "\nT-VAN,Van,");
	free(csv);

	/* officers' kits: at the end of February 3 kits, 1.5 in date per
	 * officer; at the end of March 5, 1 of them expired: 4 in date for 3
	 * officers, 1.33 each */
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-OLD", "2026-03-15",
			  5, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-07", "issue", "T-STORE", "NYXOID", "NX-OLD", NULL, 1, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-07", "issue", "T-STORE", "NYXOID", "NX-A", NULL, 2, NULL,
			  "officer", "C2", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-03-02", "issue", "T-STORE", "NYXOID", "NX-A", NULL, 2, NULL,
			  "officer", "C3", NULL), NALOX_OK);
	nalox_period_options p = NALOX_PERIOD_OPTIONS_INIT;
	p.from = "2026-02-01";
	p.to = "2026-03-31";
	TU_RC(db, nalox_key_figures(db, &p, &rows), NALOX_OK);
	csv = written(db, dir, rows, NALOX_FORMAT_CSV, 0);
	TU_HAS(csv, ",1.5,3,0.0,0\n"); /* CSV keeps the numbers as they are */
	TU_HAS(csv, ",1.33,5,0.2,0\n");
	free(csv);
	TU_RC(db, nalox_key_figures(db, &p, &rows), NALOX_OK);
	table = written(db, dir, rows, NALOX_FORMAT_TABLE, 0);
	TU_HAS(table, "20.0%"); /* a table shows a share as a percentage */
	TU_HAS(table, "0.0%");
	TU_HASNT(table, "0.2 ");
	TU_HAS(table, "1.50"); /* reals: the same decimals down the column */
	TU_HAS(table, "1.33");
	free(table);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "context pairs and the total past a limit", test_context_and_total },
		{ "JSON with its context; CSV rows only", test_json_with_context },
		{ "a table's footer and rows shown", test_table_footer },
		{ "tables fit 100 columns: wrapped text, panels", test_table_fits },
		{ "tables stream past the first page", test_table_streams },
		{ "shares as percentages, trees, decimals", test_shares_trees_decimals },
		CU_TEST_INFO_NULL
	};
	return tu_main("rows", tests);
}
