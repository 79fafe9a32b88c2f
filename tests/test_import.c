/* Importing CSV files (plain and gzip) and writing result sets: the happy
 * paths, every class of bad input (whole file refused, store unchanged,
 * message naming file, line and field), and export -> import round trips. */
#include <stdint.h>
#include <stdlib.h>
#include <zlib.h>

#include "testutil.h"

#define MOVES_HEAD "day,kind,site,product,lot,expiry,qty,to_site,holder_kind,holder_ref,reason,ref\n"
/* Three good rows: lines 2, 3 and 4 of a moves file. */
#define GOOD3 \
	"2026-02-01,transfer,T-STORE,NYXOID,NX-A,,5,T-HUB,,,,G-1\n" \
	"2026-02-02,issue,T-HUB,NYXOID,NX-A,,1,,person,P1,,G-2\n" \
	"2026-02-03,receive,T-STORE,NYXOID,NX-C,2027-03,10,,,,,G-3\n"

/* Write `len` bytes as a gzip file with zlib. */
static void write_gz(const char *path, const char *text, size_t len)
{
	gzFile gz = gzopen(path, "wb9");
	CU_ASSERT_PTR_NOT_NULL_FATAL(gz);
	CU_ASSERT_EQUAL(gzwrite(gz, text, (unsigned)len), (int)len);
	CU_ASSERT_EQUAL(gzclose(gz), Z_OK);
}

/* Read a gzip file with zlib (NULL if it does not decompress cleanly). */
static char *read_gz(const char *path)
{
	gzFile gz = gzopen(path, "rb");
	if (!gz)
		return NULL;
	size_t cap = 1 << 16, n = 0;
	char *buf = malloc(cap);
	int got;
	while (buf && (got = gzread(gz, buf + n, (unsigned)(cap - n - 1))) > 0) {
		n += (size_t)got;
		if (cap - n - 1 == 0) {
			char *grown = realloc(buf, cap *= 2);
			if (!grown) {
				free(buf);
				buf = NULL;
			}
			buf = grown;
		}
	}
	int err = Z_OK;
	gzerror(gz, &err);
	gzclose(gz);
	if (!buf || err != Z_OK) {
		free(buf);
		return NULL;
	}
	buf[n] = '\0';
	return buf;
}

/* A store with the fixture and 100 kits of NX-A at T-STORE. */
static nalox_db *ready(const char *dir)
{
	nalox_db *db = tu_store(dir);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2027-06",
			  100, NULL, NULL, NULL, NULL), NALOX_OK);
	return db;
}

/* Import `text` as file `name` of `kind`; returns the status. */
static int import_text(nalox_db *db, const char *dir, const char *name, const char *kind,
		       const char *text, long long *rows)
{
	char *path = tu_path(dir, name);
	tu_write(path, text);
	int rc = nalox_import(db, kind, path, rows);
	free(path);
	return rc;
}

static char *csv_of(nalox_db *db, const char *dir, int which, const char *as_of)
{
	nalox_rows *rows = NULL;
	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	nalox_held_options ho = NALOX_HELD_OPTIONS_INIT;
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	int rc;
	so.as_of = ho.as_of = as_of;
	switch (which) {
	case 0: rc = nalox_products(db, &rows); break;
	case 1: rc = nalox_sites(db, &rows); break;
	case 2: so.by_lot = 1; rc = nalox_stock(db, &so, &rows); break;
	case 3: rc = nalox_stock(db, &so, &rows); break;
	case 4: rc = nalox_held(db, &ho, &rows); break;
	default: mo.order = NALOX_ORDER_ENTRY; rc = nalox_moves(db, &mo, &rows); break;
	}
	CU_ASSERT_EQUAL(rc, NALOX_OK);
	return rows ? tu_csv(rows, dir) : NULL;
}

static void test_import_products(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	long long n = -1;
	TU_RC(db, import_text(db, dir, "products.csv", "products",
			      "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp,min_issue_days\n"
			      "NYXOID,Nyxoid 1.8 mg nasal spray (pack of 2),nasal,2,1.8,30,27.5,\n"
			      "PRENOXAD,\"Prenoxad 2 mg/2 ml, 2 needles\",intramuscular,5,0.4,36,18,90\n",
			      &n), NALOX_OK);
	TU_INT(n, 2);
	char *csv = csv_of(db, dir, 0, NULL);
	TU_STR(csv, "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp,min_issue_days\n"
		    "NYXOID,Nyxoid 1.8 mg nasal spray (pack of 2),nasal,2,1.8,30,27.50,0\n"
		    "PRENOXAD,\"Prenoxad 2 mg/2 ml, 2 needles\",intramuscular,5,0.4,36,18.00,90\n");
	free(csv);
	/* re-importing updates, without the optional column */
	TU_RC(db, import_text(db, dir, "price.csv", "products",
			      "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\n"
			      "NYXOID,Nyxoid,nasal,2,1.8,30,29.99\n", &n), NALOX_OK);
	TU_INT(n, 1);
	csv = csv_of(db, dir, 0, NULL);
	TU_HAS(csv, "NYXOID,Nyxoid,nasal,2,1.8,30,29.99,0\n");
	TU_HAS(csv, "PRENOXAD,");
	free(csv);
	/* money with three decimals, or a doses count that is not whole */
	char *path = tu_path(dir, "bad.csv");
	tu_write(path, "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\n"
		       "NEW,New,nasal,2,1.8,30,1.00\n"
		       "NYXOID,Nyxoid,nasal,2,1.8,30,27.505\n");
	TU_RC(db, nalox_import(db, "products", path, &n), NALOX_EINPUT);
	TU_MSG(db, "bad.csv:3:");
	TU_MSG(db, "field 'unit_cost_gbp'");
	TU_INT(n, 0);
	tu_write(path, "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\n"
		       "NEW,New,nasal,2.5,1.8,30,1.00\n");
	TU_RC(db, nalox_import(db, "products", path, &n), NALOX_EINPUT);
	TU_MSG(db, "bad.csv:2:");
	TU_MSG(db, "field 'doses_per_kit'");
	tu_write(path, "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\n"
		       "NEW,New,oral,2,1.8,30,1.00\n");
	TU_RC(db, nalox_import(db, "products", path, &n), NALOX_EINPUT);
	TU_MSG(db, "bad.csv:2:");
	TU_MSG(db, "field 'route'");
	csv = csv_of(db, dir, 0, NULL);
	TU_HASNT(csv, "NEW");
	TU_HAS(csv, "NYXOID,Nyxoid,nasal,2,1.8,30,29.99,0\n");
	free(csv);
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_import_sites(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "store.db");
	long long n = -1;
	/* a parent may come on an earlier line of the same file */
	TU_RC(db, import_text(db, dir, "sites.csv", "sites",
			      "code,name,kind,area,parent\n"
			      "S-STORE,Store,store,EXA,\n"
			      "S-HUB,\"Hub \"\"North\"\"\",treatment,EXA,S-STORE\n"
			      "S-VAN,Van,outreach,EXA,S-HUB\n", &n), NALOX_OK);
	TU_INT(n, 3);
	char *csv = csv_of(db, dir, 1, NULL);
	TU_STR(csv, "code,name,kind,area,parent,depth\n"
		    "S-STORE,Store,store,EXA,,0\n"
		    "S-HUB,\"Hub \"\"North\"\"\",treatment,EXA,S-STORE,1\n"
		    "S-VAN,Van,outreach,EXA,S-HUB,2\n");
	/* a parent on a later line is not there yet: the whole file fails */
	TU_RC(db, import_text(db, dir, "later.csv", "sites",
			      "code,name,kind,area,parent\n"
			      "S-NEW,New,store,EXA,\n"
			      "S-KID,Kid,venue,EXA,S-LATER\n"
			      "S-LATER,Later,venue,EXA,\n", &n), NALOX_ENOTFOUND);
	TU_MSG(db, "later.csv:3:");
	TU_MSG(db, "field 'parent'");
	TU_MSG(db, "S-LATER");
	/* a cycle through the file */
	TU_RC(db, import_text(db, dir, "cycle.csv", "sites",
			      "code,name,kind,area,parent\n"
			      "S-STORE,Store,store,EXA,S-VAN\n", &n), NALOX_EINPUT);
	TU_MSG(db, "cycle.csv:2:");
	TU_MSG(db, "field 'parent'");
	TU_RC(db, import_text(db, dir, "kind.csv", "sites",
			      "code,name,kind,area\n"
			      "S-X,X,shop,EXA\n", &n), NALOX_EINPUT);
	TU_MSG(db, "kind.csv:2:");
	TU_MSG(db, "field 'kind'");
	char *now = csv_of(db, dir, 1, NULL);
	TU_STR(now, csv);
	free(now);
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_import_moves(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	long long n = -1;
	TU_RC(db, import_text(db, dir, "moves.csv", "moves",
			      MOVES_HEAD
			      "2026-01-05,receive,T-STORE,NYXOID,NX-A,2026-06,100,,,,,T-0001\n"
			      "2026-01-05,receive,T-STORE,PRENOXAD,PX-1,2028-02,50,,,,,T-0002\n"
			      "2026-01-10,transfer,T-STORE,NYXOID,NX-A,,40,T-STN,,,,T-0003\n"
			      "2026-02-01,issue,T-STN,NYXOID,NX-A,,2,,officer,C1001,,T-0004\n"
			      "2026-03-15,return,T-STN,NYXOID,NX-A,,1,,officer,C1001,,T-0005\n"
			      "2026-04-01,writeoff,T-STORE,NYXOID,NX-A,,2,,,,damaged,T-0006\n"
			      "2026-04-30,count,T-STORE,NYXOID,NX-A,,57,,,,monthly count,T-0007\n"
			      "2026-05-01,administer,T-STN,NYXOID,NX-A,,1,,officer,C1001,,\n"
			      "2026-05-02,issue,T-STORE,PRENOXAD,,,3,,person,P-1,,T-0009\n",
			      &n), NALOX_OK);
	TU_INT(n, 9);
	TU_INT(tu_nmoves(db), 9);
	TU_INT(tu_site_qty(db, "2026-05-02", "T-STORE", "NX-A"), 57);
	TU_INT(tu_site_qty(db, "2026-05-02", "T-STN", "NX-A"), 39);
	TU_INT(tu_site_qty(db, "2026-05-02", "T-STORE", "PX-1"), 47);
	TU_INT(tu_held_qty(db, "2026-05-02", "officer", "C1001", NULL), 0);
	TU_INT(tu_held_qty(db, "2026-05-02", "person", "P-1", "PX-1"), 3);
	char *csv = csv_of(db, dir, 5, NULL);
	TU_HAS(csv, ",2026-04-30,count,T-STORE,NYXOID,NX-A,2026-06-30,57,-1,,,,monthly count,T-0007\n");
	free(csv);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_import_administrations(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	long long n = -1;
	TU_RC(db, tu_move(db, "2026-02-01", "issue", "T-STORE", "NYXOID", "NX-A", NULL, 2, NULL,
			  "person", "P1", NULL), NALOX_OK);
	char *path = tu_path(dir, "admin.csv");
	tu_write(path, "day,time,area,site,holder_kind,holder_ref,product,lot,kits,doses,outcome,"
		       "ambulance_minutes,seen_by_paramedics,resupply_needed,resupply_kits,ref\n"
		       "2026-02-10,23:15,TST,T-STORE,person,P1,NYXOID,,1,2,conscious,12,Y,Y,1,A-1\n"
		       "2026-02-11,,TST,T-STORE,,,NYXOID,NX-A,2,3,unknown,,,,,A-2\n");
	TU_RC(db, nalox_import(db, "administrations", path, &n), NALOX_OK);
	TU_INT(n, 2);
	TU_INT(tu_held_qty(db, "2026-02-10", "person", "P1", "NX-A"), 1);
	TU_INT(tu_site_qty(db, "2026-02-11", "T-STORE", "NX-A"), 96);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.kind = "administer";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	TU_INT(rows ? tu_count(rows) : -1, 2);
	/* more doses than the kits hold: refused, line and field named */
	char *before = tu_snapshot(db, dir);
	tu_write(path, "day,area,site,holder_kind,holder_ref,product,doses,outcome\n"
		       "2026-02-12,TST,T-STORE,person,P1,NYXOID,2,died\n"
		       "2026-02-12,TST,T-STORE,,,NYXOID,3,conscious\n");
	TU_RC(db, nalox_import(db, "administrations", path, &n), NALOX_EINPUT);
	TU_MSG(db, "admin.csv:3:");
	TU_MSG(db, "field 'doses'");
	tu_write(path, "day,area,site,product,doses,outcome\n"
		       "2026-02-12,TST,T-STORE,NYXOID,1,asleep\n");
	TU_RC(db, nalox_import(db, "administrations", path, &n), NALOX_EINPUT);
	TU_MSG(db, "admin.csv:2:");
	TU_MSG(db, "field 'outcome'");
	char *after = tu_snapshot(db, dir);
	TU_STR(after, before);
	free(after);
	free(before);
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A move or administration dated after the day of the import is refused
 * when the caller says which day it is (nalox_import_v2). */
static void test_future_days(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	char *path = tu_path(dir, "later.csv");
	nalox_import_options o;
	long long n = -1;
	TU_INT(nalox_import_options_init(&o, NALOX_IMPORT_OPTIONS_VERSION), NALOX_OK);
	CU_ASSERT_PTR_NULL(o.today);
	TU_INT(nalox_import_options_init(&o, NALOX_IMPORT_OPTIONS_VERSION + 1), NALOX_EINVAL);
	TU_INT(nalox_import_options_init(NULL, NALOX_IMPORT_OPTIONS_VERSION), NALOX_EINVAL);
	o.today = "2026-03-01";
	tu_write(path, "day,kind,site,product,lot,qty\n"
		       "2026-03-01,receive,T-STORE,NYXOID,NX-A,1\n"
		       "2026-03-02,receive,T-STORE,NYXOID,NX-A,1\n");
	char *before = tu_snapshot(db, dir);
	TU_RC(db, nalox_import_v2(db, "moves", path, &o, &n), NALOX_EINPUT);
	TU_MSG(db, "later.csv:3: field 'day': '2026-03-02' is after 2026-03-01, the day of the import");
	char *after = tu_snapshot(db, dir);
	TU_STR(after, before); /* nothing from the file */
	free(after);
	/* administrations too; orders may be due later */
	tu_write(path, "day,area,site,product,doses,outcome\n"
		       "2026-04-12,TST,T-STORE,NYXOID,1,conscious\n");
	TU_RC(db, nalox_import_v2(db, "administrations", path, &o, &n), NALOX_EINPUT);
	TU_MSG(db, "field 'day'");
	tu_write(path, "ref,area,product,qty,ordered,due\nPO-9,TST,NYXOID,5,2026-02-01,2026-06-01\n");
	TU_RC(db, nalox_import_v2(db, "orders", path, &o, &n), NALOX_OK);
	/* the day itself is fine; without today, as nalox_import, no check */
	tu_write(path, "day,kind,site,product,lot,qty\n2026-03-01,receive,T-STORE,NYXOID,NX-A,1\n");
	TU_RC(db, nalox_import_v2(db, "moves", path, &o, &n), NALOX_OK);
	TU_INT(n, 1);
	tu_write(path, "day,kind,site,product,lot,qty\n2030-03-01,receive,T-STORE,NYXOID,NX-A,1\n");
	TU_RC(db, nalox_import_v2(db, "moves", path, NULL, &n), NALOX_OK);
	/* bad options */
	o.today = "2026-02-30";
	TU_RC(db, nalox_import_v2(db, "moves", path, &o, &n), NALOX_EINVAL);
	TU_MSG(db, "today");
	o.today = NULL;
	o.version = 0;
	TU_RC(db, nalox_import_v2(db, "moves", path, &o, &n), NALOX_EINVAL);
	free(before);
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

/* Header names in any case and order, spaces trimmed; blank lines skipped. */
static void test_header_case_and_order(void)
{
	char *dir = tu_tmpdir();
	nalox_db *a = tu_open(dir, "a.db"), *b = tu_open(dir, "b.db");
	tu_fixture(a);
	tu_fixture(b);
	long long n = -1;
	TU_RC(a, import_text(a, dir, "std.csv", "moves",
			     MOVES_HEAD
			     "2026-01-05,receive,T-STORE,NYXOID,NX-A,2026-06,100,,,,,R-1\n"
			     "2026-01-06,issue,T-STORE,NYXOID,NX-A,,2,,person,P1,,R-2\n", &n),
	      NALOX_OK);
	TU_RC(b, import_text(b, dir, "odd.csv", "moves",
			     " REF ,Qty,holder_REF,Holder_Kind,EXPIRY,Lot,PRODUCT,Site,KIND,Day\n"
			     "\n"
			     "R-1 , 100 ,,, 2026-06 ,NX-A,NYXOID,T-STORE,receive,2026-01-05\n"
			     "   \n"
			     "R-2,2,P1,person,,NX-A,NYXOID,T-STORE,issue,2026-01-06\n"
			     "\n", &n), NALOX_OK);
	TU_INT(n, 2);
	char *sa = tu_snapshot(a, dir), *sb = tu_snapshot(b, dir);
	TU_STR(sb, sa);
	free(sa);
	free(sb);
	nalox_close(a);
	nalox_close(b);
	tu_rmdir(dir);
}

static void test_bom_and_crlf(void)
{
	char *dir = tu_tmpdir();
	nalox_db *a = tu_open(dir, "a.db"), *b = tu_open(dir, "b.db");
	long long n = -1;
	TU_RC(a, import_text(a, dir, "p.csv", "products",
			     "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\n"
			     "NYXOID,Nyxoid,nasal,2,1.8,30,27.50\n"
			     "PRENOXAD,Prenoxad,intramuscular,5,0.4,36,18.00\n", &n), NALOX_OK);
	TU_RC(b, import_text(b, dir, "pw.csv", "products",
			     "\xEF\xBB\xBF" "code,name,route,doses_per_kit,dose_mg,shelf_life_months,unit_cost_gbp\r\n"
			     "NYXOID,Nyxoid,nasal,2,1.8,30,27.50\r\n"
			     "PRENOXAD,Prenoxad,intramuscular,5,0.4,36,18.00\r\n", &n), NALOX_OK);
	TU_INT(n, 2);
	char *pa = csv_of(a, dir, 0, NULL), *pb = csv_of(b, dir, 0, NULL);
	TU_STR(pb, pa);
	TU_HASNT(pb, "\r");
	free(pa);
	free(pb);
	/* sites and moves the same way, the last line without a line end */
	TU_RC(a, import_text(a, dir, "s.csv", "sites",
			     "code,name,kind,area,parent\nT-STORE,Store,store,TST,\n"
			     "T-HUB,Hub,treatment,TST,T-STORE\n", &n), NALOX_OK);
	TU_RC(b, import_text(b, dir, "sw.csv", "sites",
			     "\xEF\xBB\xBF" "code,name,kind,area,parent\r\nT-STORE,Store,store,TST,\r\n"
			     "T-HUB,Hub,treatment,TST,T-STORE", &n), NALOX_OK);
	TU_INT(n, 2);
	TU_RC(a, import_text(a, dir, "m.csv", "moves",
			     MOVES_HEAD "2026-01-05,receive,T-STORE,NYXOID,NX-A,2026-06,10,,,,,\n"
			     "2026-01-06,transfer,T-STORE,NYXOID,NX-A,,4,T-HUB,,,,\n", &n), NALOX_OK);
	TU_RC(b, import_text(b, dir, "mw.csv", "moves",
			     "\xEF\xBB\xBF" "day,kind,site,product,lot,expiry,qty,to_site,"
			     "holder_kind,holder_ref,reason,ref\r\n"
			     "2026-01-05,receive,T-STORE,NYXOID,NX-A,2026-06,10,,,,,\r\n"
			     "\r\n"
			     "2026-01-06,transfer,T-STORE,NYXOID,NX-A,,4,T-HUB,,,,\r\n", &n), NALOX_OK);
	TU_INT(n, 2);
	char *sa = tu_snapshot(a, dir), *sb = tu_snapshot(b, dir);
	TU_STR(sb, sa);
	free(sa);
	free(sb);
	sa = csv_of(a, dir, 1, NULL);
	sb = csv_of(b, dir, 1, NULL);
	TU_STR(sb, sa);
	free(sa);
	free(sb);
	/* a CRLF file's errors still count lines right */
	TU_RC(b, import_text(b, dir, "mw2.csv", "moves",
			     "\xEF\xBB\xBF" MOVES_HEAD "\r\n"
			     "2026-01-07,receive,T-STORE,NYXOID,NX-A,,1,,,,,\r\n"
			     "2026-01-07,receive,T-STORE,NYXOID,NX-A,,x,,,,,\r\n", &n), NALOX_EINPUT);
	TU_MSG(b, "mw2.csv:4:");
	TU_MSG(b, "field 'qty'");
	nalox_close(a);
	nalox_close(b);
	tu_rmdir(dir);
}

static void test_quoted_fields(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	long long n = -1;
	TU_RC(db, import_text(db, dir, "q.csv", "sites",
			      "code,name,kind,area,parent\n"
			      "Q-1,\"Ward \"\"A\"\", North\",hostel,TST,T-STORE\n"
			      "Q-2,\"Two\nline\nname\",venue,TST,\n"
			      "Q-3,\"  padded  \",other,TST,\"Q-1\"\n"
			      "Q-4,\"\",other,TST,\n", &n), NALOX_EINPUT);
	/* an empty quoted name is still an empty name; the line is 7 */
	TU_MSG(db, "q.csv:7:");
	TU_MSG(db, "field 'name'");
	TU_RC(db, import_text(db, dir, "q.csv", "sites",
			      "code,name,kind,area,parent\n"
			      "Q-1,\"Ward \"\"A\"\", North\",hostel,TST,T-STORE\n"
			      "Q-2,\"Two\nline\nname\",venue,TST,\n"
			      "Q-3,\"  padded  \",other,TST,\"Q-1\"\n", &n), NALOX_OK);
	TU_INT(n, 3);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	int found = 0;
	while (nalox_rows_next(rows) == NALOX_ROW) {
		const char *code = nalox_rows_text(rows, 0), *name = nalox_rows_text(rows, 1);
		if (!strcmp(code, "Q-1")) {
			found++;
			TU_STR(name, "Ward \"A\", North");
		}
		if (!strcmp(code, "Q-2")) {
			found++;
			TU_STR(name, "Two\nline\nname");
		}
		if (!strcmp(code, "Q-3")) {
			found++;
			TU_STR(name, "  padded  ");
			TU_STR(nalox_rows_text(rows, 4), "Q-1");
		}
	}
	nalox_rows_free(rows);
	TU_INT(found, 3);

	/* moves: a multi-line note on line 2-4; the bad row on line 7 */
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2027-06",
			  10, NULL, NULL, NULL, NULL), NALOX_OK);
	char *before = tu_snapshot(db, dir);
	TU_RC(db, import_text(db, dir, "m.csv", "moves",
			      MOVES_HEAD
			      "2026-01-06,count,T-STORE,NYXOID,NX-A,,10,,,,\"monthly\ncount, \"\"all\"\"\nshelves\",\n"
			      "2026-01-07,transfer,T-STORE,NYXOID,NX-A,,1,T-HUB,,,,\n"
			      "\"2026-01-08\",\"issue\",T-HUB,NYXOID,NX-A,,1,,person,\"P,1\",,\n"
			      "2026-01-09,issue,T-HUB,NYXOID,NX-A,,1.5,,person,P2,,\n", &n), NALOX_EINPUT);
	TU_MSG(db, "m.csv:7:");
	TU_MSG(db, "field 'qty'");
	TU_MSG(db, "'1.5'");
	char *after = tu_snapshot(db, dir);
	TU_STR(after, before);
	free(after);
	/* the same without the bad row imports, quotes and all */
	TU_RC(db, import_text(db, dir, "m.csv", "moves",
			      MOVES_HEAD
			      "2026-01-06,count,T-STORE,NYXOID,NX-A,,10,,,,\"monthly\ncount, \"\"all\"\"\nshelves\",\n"
			      "2026-01-07,transfer,T-STORE,NYXOID,NX-A,,1,T-HUB,,,,\n"
			      "\"2026-01-08\",\"issue\",T-HUB,NYXOID,NX-A,,1,,person,\"P,1\",,\n", &n),
	      NALOX_OK);
	TU_INT(n, 3);
	TU_INT(tu_held_qty(db, "2026-01-08", "person", "P,1", "NX-A"), 1);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	mo.kind = "count";
	TU_RC(db, nalox_moves(db, &mo, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, tu_col(rows, "reason")), "monthly\ncount, \"all\"\nshelves");
	nalox_rows_free(rows);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_gzip(void)
{
	static const char moves[] =
		MOVES_HEAD
		"2026-01-05,receive,T-STORE,NYXOID,NX-A,2026-06,100,,,,,T-1\n"
		"2026-01-05,receive,T-STORE,PRENOXAD,PX-1,2028-02,50,,,,,T-2\n"
		"2026-01-10,transfer,T-STORE,NYXOID,NX-A,,40,T-STN,,,,T-3\n"
		"2026-02-01,issue,T-STN,NYXOID,NX-A,,1,,officer,C1001,,T-4\n";
	char *dir = tu_tmpdir();
	nalox_db *a = tu_open(dir, "a.db"), *b = tu_open(dir, "b.db");
	tu_fixture(a);
	tu_fixture(b);
	long long n = -1;
	TU_RC(a, import_text(a, dir, "moves.csv", "moves", moves, &n), NALOX_OK);
	TU_INT(n, 4);
	/* recognised by content, whatever the name */
	char *gz = tu_path(dir, "moves.dat");
	write_gz(gz, moves, strlen(moves));
	size_t len = 0;
	char *raw = tu_read(gz, &len);
	CU_ASSERT_FATAL(raw && len > 2 && (unsigned char)raw[0] == 0x1f &&
			(unsigned char)raw[1] == 0x8b);
	free(raw);
	TU_RC(b, nalox_import(b, "moves", gz, &n), NALOX_OK);
	TU_INT(n, 4);
	char *sa = tu_snapshot(a, dir), *sb = tu_snapshot(b, dir);
	TU_STR(sb, sa);
	free(sa);
	free(sb);
	/* a gzip file's errors name the line too */
	static const char bad[] = MOVES_HEAD
		"2026-03-01,receive,T-STORE,NYXOID,NX-A,,1,,,,,T-5\n"
		"2026-03-01,receive,T-STORE,NYXOID,NX-A,,1,,,,,T-1\n";
	write_gz(gz, bad, strlen(bad));
	sa = tu_snapshot(b, dir);
	TU_RC(b, nalox_import(b, "moves", gz, &n), NALOX_EEXISTS);
	TU_MSG(b, "moves.dat:3:");
	TU_MSG(b, "field 'ref'");
	sb = tu_snapshot(b, dir);
	TU_STR(sb, sa);
	free(sa);
	free(sb);
	free(gz);
	nalox_close(a);
	nalox_close(b);
	tu_rmdir(dir);
}

/* Many distinct receive rows, so the gzip is more than a few bytes. */
static char *many_moves(int rows)
{
	size_t cap = (size_t)rows * 80 + 200, n = 0;
	char *text = malloc(cap);
	if (!text)
		abort();
	n += (size_t)snprintf(text, cap, "%s", MOVES_HEAD);
	for (int i = 0; i < rows; i++)
		n += (size_t)snprintf(text + n, cap - n,
				      "2026-01-%02d,receive,T-STORE,NYXOID,NX-A,,%d,,,,,BULK-%05d\n",
				      1 + i % 28, 1 + (i * 7919) % 97, i);
	return text;
}

static void test_gzip_damaged(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	char *text = many_moves(2000);
	char *gz = tu_path(dir, "big.csv.gz");
	long long n = -1;
	write_gz(gz, text, strlen(text));
	size_t len = 0;
	char *bytes = tu_read(gz, &len);
	CU_ASSERT_FATAL(bytes && len > 1000);
	char *before = tu_snapshot(db, dir);

	/* truncated: the last 20 bytes cut off */
	tu_write_bytes(gz, bytes, len - 20);
	TU_RC(db, nalox_import(db, "moves", gz, &n), NALOX_EIO);
	TU_MSG(db, "truncated");
	TU_MSG(db, gz);
	TU_INT(n, 0);
	char *after = tu_snapshot(db, dir);
	TU_STR(after, before);
	free(after);
	/* cut off only the trailer (CRC and length) */
	tu_write_bytes(gz, bytes, len - 8);
	TU_RC(db, nalox_import(db, "moves", gz, &n), NALOX_EIO);
	TU_MSG(db, gz);
	after = tu_snapshot(db, dir);
	TU_STR(after, before);
	free(after);
	/* corrupt: bytes in the middle flipped */
	for (size_t i = len / 2; i < len / 2 + 16; i++)
		bytes[i] = (char)~bytes[i];
	tu_write_bytes(gz, bytes, len);
	TU_RC(db, nalox_import(db, "moves", gz, &n), NALOX_EIO);
	TU_MSG(db, gz);
	after = tu_snapshot(db, dir);
	TU_STR(after, before);
	free(after);

	/* intact, it imports every row */
	write_gz(gz, text, strlen(text));
	TU_RC(db, nalox_import(db, "moves", gz, &n), NALOX_OK);
	TU_INT(n, 2000);
	TU_INT(tu_nmoves(db), 2001);
	free(before);
	free(bytes);
	free(gz);
	free(text);
	nalox_close(db);
	tu_rmdir(dir);
}

struct bad_case {
	const char *what;
	const char *line5;  /* the bad line, or the header when header is set */
	int header;         /* 1: line5 replaces the header (error on line 1) */
	int code;
	const char *field;  /* "field 'x'" must appear, or NULL */
	const char *also;   /* another piece of the message, or NULL */
};

static const struct bad_case bad_cases[] = {
	{ "impossible date", "2025-02-30,receive,T-STORE,NYXOID,NX-A,,1,,,,,B-1\n", 0,
	  NALOX_EINPUT, "day", "'2025-02-30'" },
	{ "date not zero-padded", "2026-2-04,receive,T-STORE,NYXOID,NX-A,,1,,,,,B-1\n", 0,
	  NALOX_EINPUT, "day", NULL },
	{ "negative qty", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,-3,,,,,B-1\n", 0,
	  NALOX_EINPUT, "qty", "'-3'" },
	{ "fractional qty", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,1.5,,,,,B-1\n", 0,
	  NALOX_EINPUT, "qty", "'1.5'" },
	{ "exponent qty", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,2e3,,,,,B-1\n", 0,
	  NALOX_EINPUT, "qty", "'2e3'" },
	{ "empty qty", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,,,,,,B-1\n", 0,
	  NALOX_EINPUT, "qty", NULL },
	{ "zero qty", "2026-02-04,transfer,T-STORE,NYXOID,NX-A,,0,T-HUB,,,,B-1\n", 0,
	  NALOX_EINPUT, "qty", NULL },
	{ "unknown product", "2026-02-04,receive,T-STORE,NALOXONE,NX-A,,1,,,,,B-1\n", 0,
	  NALOX_ENOTFOUND, "product", "'NALOXONE'" },
	{ "unknown site", "2026-02-04,receive,T-NOWHERE,NYXOID,NX-A,,1,,,,,B-1\n", 0,
	  NALOX_ENOTFOUND, "site", "'T-NOWHERE'" },
	{ "unknown to_site", "2026-02-04,transfer,T-STORE,NYXOID,NX-A,,1,T-NOWHERE,,,,B-1\n", 0,
	  NALOX_ENOTFOUND, "to_site", "'T-NOWHERE'" },
	{ "unknown lot", "2026-02-04,transfer,T-STORE,NYXOID,NX-Z,,1,T-HUB,,,,B-1\n", 0,
	  NALOX_ENOTFOUND, "lot", "'NX-Z'" },
	{ "new lot without expiry", "2026-02-04,receive,T-STORE,NYXOID,NX-Z,,1,,,,,B-1\n", 0,
	  NALOX_EINPUT, "expiry", NULL },
	{ "expiry of another day", "2026-02-04,receive,T-STORE,NYXOID,NX-A,2027-07,1,,,,,B-1\n", 0,
	  NALOX_EINPUT, "expiry", NULL },
	{ "unknown kind", "2026-02-04,sell,T-STORE,NYXOID,NX-A,,1,,,,,B-1\n", 0,
	  NALOX_EINPUT, "kind", "'sell'" },
	{ "bad writeoff reason", "2026-02-04,writeoff,T-STORE,NYXOID,NX-A,,1,,,,broken,B-1\n", 0,
	  NALOX_EINPUT, "reason", "'broken'" },
	{ "issue without holder", "2026-02-04,issue,T-STORE,NYXOID,NX-A,,1,,,,,B-1\n", 0,
	  NALOX_EINPUT, "holder_kind", NULL },
	{ "return from unknown holder", "2026-02-04,return,T-STORE,NYXOID,NX-A,,1,,person,P9,,B-1\n",
	  0, NALOX_ENOTFOUND, "holder_ref", "person [ref hidden]" },
	{ "not enough stock", "2026-02-04,transfer,T-STORE,NYXOID,NX-A,,1000,T-HUB,,,,B-1\n", 0,
	  NALOX_ESTOCK, "qty", NULL },
	{ "back-dated, empties a later day",
	  "2026-01-31,transfer,T-STORE,NYXOID,NX-A,,96,T-STN,,,,B-1\n", 0,
	  NALOX_ESTOCK, "qty", NULL },
	{ "duplicate ref in the file", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,1,,,,,G-2\n", 0,
	  NALOX_EEXISTS, "ref", "'G-2'" },
	{ "too many fields", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,1,,,,,B-1,extra\n", 0,
	  NALOX_EINPUT, NULL, "13 fields" },
	{ "too few fields", "2026-02-04,receive,T-STORE,NYXOID,NX-A,,1\n", 0,
	  NALOX_EINPUT, NULL, "7 fields" },
	{ "unterminated quote", "2026-02-04,writeoff,T-STORE,NYXOID,NX-A,,1,,,,\"lost,B-1\n", 0,
	  NALOX_EINPUT, NULL, "never closed" },
	{ "text after a closing quote", "2026-02-04,writeoff,T-STORE,NYXOID,NX-A,,1,,,,\"lost\"x,B-1\n",
	  0, NALOX_EINPUT, NULL, "quote" },
	{ "quote inside an unquoted field",
	  "2026-02-04,issue,T-STORE,NYXOID,NX-A,,1,,person,P\"1,,B-1\n", 0,
	  NALOX_EINPUT, NULL, "quote" },
	{ "invalid UTF-8", "2026-02-04,issue,T-STORE,NYXOID,NX-A,,1,,person,P\xff" "1,,B-1\n", 0,
	  NALOX_EINPUT, "holder_ref", "UTF-8" },
	{ "overlong UTF-8", "2026-02-04,writeoff,T-STORE,NYXOID,NX-A,,1,,,,lost\xc0\xaf,B-1\n", 0,
	  NALOX_EINPUT, "reason", "UTF-8" },
	{ "UTF-16 surrogate", "2026-02-04,issue,T-STORE,NYXOID,NX-A,,1,,person,P\xed\xa0\x80,,B-1\n",
	  0, NALOX_EINPUT, "holder_ref", "UTF-8" },
	{ "missing column",
	  "day,kind,site,product,lot,expiry,to_site,holder_kind,holder_ref,reason,ref\n", 1,
	  NALOX_EINPUT, NULL, "missing column 'qty'" },
	{ "unknown column",
	  "day,kind,site,product,lot,expiry,qantity,to_site,holder_kind,holder_ref,reason,ref\n",
	  1, NALOX_EINPUT, NULL, "unknown column 'qantity'" },
	{ "column twice",
	  "day,kind,site,product,lot,expiry,qty,to_site,holder_kind,holder_ref,reason,QTY\n", 1,
	  NALOX_EINPUT, NULL, "twice" },
	{ "column without a name",
	  "day,kind,site,product,lot,expiry,qty,to_site,holder_kind,holder_ref,reason,\n", 1,
	  NALOX_EINPUT, NULL, "no name" },
};

/* Each class of bad row, on line 5 after three good rows, refuses the
 * whole file and leaves the store as it was. */
static void test_bad_rows(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	char *path = tu_path(dir, "moves.csv");
	char *before = tu_snapshot(db, dir);
	for (size_t i = 0; i < sizeof bad_cases / sizeof bad_cases[0]; i++) {
		const struct bad_case *c = &bad_cases[i];
		char text[2048], want[1100];
		if (c->header)
			snprintf(text, sizeof text, "%s%s", c->line5,
				 "2026-02-01,transfer,T-STORE,NYXOID,NX-A,,5,T-HUB,,,G-1\n");
		else
			snprintf(text, sizeof text, "%s%s%s%s", MOVES_HEAD, GOOD3, c->line5,
				 "2026-02-05,receive,T-STORE,NYXOID,NX-A,,1,,,,,G-6\n");
		tu_write(path, text);
		long long n = -1;
		int rc = nalox_import(db, "moves", path, &n);
		const char *msg = nalox_errmsg(db);
		if (rc != c->code)
			fprintf(stderr, "\n    %s: status %d (%s), want %d: %s\n", c->what, rc,
				nalox_strerror(rc), c->code, msg);
		CU_ASSERT_EQUAL(rc, c->code);
		TU_INT(nalox_errcode(db), c->code);
		TU_INT(n, 0);
		snprintf(want, sizeof want, "%s:%d:", path, c->header ? 1 : 5);
		TU_HAS(msg, want);
		if (c->field) {
			snprintf(want, sizeof want, "field '%s'", c->field);
			TU_HAS(msg, want);
		}
		if (c->also)
			TU_HAS(msg, c->also);
		char *after = tu_snapshot(db, dir);
		if (!after || strcmp(after, before) != 0)
			fprintf(stderr, "\n    %s: the store changed\n", c->what);
		CU_ASSERT(after && strcmp(after, before) == 0);
		free(after);
	}
	/* the good rows alone import */
	tu_write(path, MOVES_HEAD GOOD3);
	long long n = -1;
	TU_RC(db, nalox_import(db, "moves", path, &n), NALOX_OK);
	TU_INT(n, 3);
	TU_INT(tu_nmoves(db), 4);
	free(before);
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_file_errors(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	char *before = tu_snapshot(db, dir);
	char *missing = tu_path(dir, "missing.csv");
	long long n = -1;
	TU_RC(db, nalox_import(db, "moves", missing, &n), NALOX_EIO);
	TU_MSG(db, missing);
	TU_INT(n, 0);
	TU_RC(db, import_text(db, dir, "empty.csv", "moves", "", &n), NALOX_EINPUT);
	TU_MSG(db, "empty.csv");
	TU_MSG(db, "empty");
	TU_RC(db, import_text(db, dir, "blank.csv", "moves", "\n\n\n", &n), NALOX_EINPUT);
	TU_MSG(db, "empty");
	/* only a header: nothing to do, and fine */
	TU_RC(db, import_text(db, dir, "head.csv", "moves", MOVES_HEAD, &n), NALOX_OK);
	TU_INT(n, 0);
	TU_RC(db, import_text(db, dir, "nul.csv", "moves",
			      MOVES_HEAD "2026-02-04,receive,T-STORE,NYXOID,NX-A,,1,,,,,\n", NULL),
	      NALOX_OK);
	TU_RC(db, import_text(db, dir, "x.csv", "stock", MOVES_HEAD, &n), NALOX_EINVAL);
	TU_MSG(db, "'stock'");
	TU_RC(db, nalox_import(db, NULL, missing, &n), NALOX_EINVAL);
	TU_RC(db, nalox_import(db, "moves", NULL, &n), NALOX_EINVAL);
	TU_RC(NULL, nalox_import(NULL, "moves", missing, &n), NALOX_EINVAL);
	/* a NUL byte: not a text file */
	char *nul = tu_path(dir, "nul.csv");
	static const char with_nul[] = MOVES_HEAD "2026-02-04,receive,T-STORE,NYXOID,NX-A,,1,,,,,\n"
		"2026-02-04,writeoff,T-STORE,NYXOID,NX-A,,1,,,,lo\0st,\n";
	tu_write_bytes(nul, with_nul, sizeof with_nul - 1);
	TU_RC(db, nalox_import(db, "moves", nul, &n), NALOX_EINPUT);
	TU_MSG(db, "nul.csv:3:");
	TU_MSG(db, "NUL");
	/* a directory is not a file */
	TU_RC(db, nalox_import(db, "moves", dir, &n), NALOX_EIO);
	TU_MSG(db, dir);
	char *after = tu_snapshot(db, dir);
	TU_HAS(before, "\n1,2026-01-05,receive");
	CU_ASSERT(after && strstr(after, "\n2,2026-02-04,receive"));
	TU_HASNT(after, "writeoff");
	free(after);
	free(nul);
	free(missing);
	free(before);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_reimport_refused(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	char *path = tu_path(dir, "moves.csv");
	long long n = -1;
	tu_write(path, MOVES_HEAD GOOD3);
	TU_RC(db, nalox_import(db, "moves", path, &n), NALOX_OK);
	TU_INT(n, 3);
	char *before = tu_snapshot(db, dir);
	TU_RC(db, nalox_import(db, "moves", path, &n), NALOX_EEXISTS);
	TU_INT(n, 0);
	char want[1100];
	snprintf(want, sizeof want, "%s:2:", path);
	TU_MSG(db, want);
	TU_MSG(db, "field 'ref'");
	TU_MSG(db, "'G-1'");
	char *after = tu_snapshot(db, dir);
	TU_STR(after, before);
	free(after);
	free(before);
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A store with every kind of move, counts, a FEFO split, back-dated moves
 * (so entry order is not day order) and a back-dated count. */
static void varied_history(nalox_db *db)
{
	nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2026-06",
			  100, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-B", "2026-09",
			  30, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-06", "receive", "T-STORE", "PRENOXAD", "PX-1", "2028-02",
			  50, NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-10", "transfer", "T-STORE", "NYXOID", "NX-A", NULL, 40,
			  "T-STN", NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-12", "transfer", "T-STORE", "PRENOXAD", "PX-1", NULL, 20,
			  "T-HUB", NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-02-01", "issue", "T-STN", "NYXOID", "NX-A", NULL, 2, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-02-03", "issue", "T-HUB", "PRENOXAD", "PX-1", NULL, 2, NULL,
			  "person", "P-1", NULL), NALOX_OK);
	/* a count, then a back-dated receipt before it: entry order matters */
	TU_RC(db, tu_move(db, "2026-03-01", "count", "T-STORE", "NYXOID", "NX-A", NULL, 58, NULL,
			  NULL, NULL, "count, \"monthly\""), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-02-20", "receive", "T-STORE", "NYXOID", "NX-A", NULL, 5, NULL,
			  NULL, NULL, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-03-01", "administer", "T-HUB", "PRENOXAD", "PX-1", NULL, 1,
			  NULL, "person", "P-1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-03-15", "return", "T-STN", "NYXOID", "NX-A", NULL, 1, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-04-01", "writeoff", "T-STORE", "NYXOID", "NX-A", NULL, 2,
			  NULL, NULL, NULL, "damaged"), NALOX_OK);
	/* FEFO across two lots, with a ref */
	m.day = "2026-04-02";
	m.kind = "issue";
	m.site = "T-STORE";
	m.product = "NYXOID";
	m.qty = 65;
	m.holder_kind = "place";
	m.holder_ref = "HOSTEL-1";
	m.ref = "ISS-9";
	TU_RC(db, nalox_record_move(db, &m, NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-04-03", "count", "T-STN", "NYXOID", "NX-A", NULL, 1, NULL,
			  "officer", "C1", NULL), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-04-30", "count", "T-STORE", "NYXOID", "NX-B", NULL, 25, NULL,
			  NULL, NULL, NULL), NALOX_OK);
	/* back-dated count, recorded last */
	TU_RC(db, tu_move(db, "2026-01-20", "count", "T-HUB", "PRENOXAD", "PX-1", NULL, 21, NULL,
			  NULL, NULL, "found one"), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-05-01", "writeoff", "T-STN", "NYXOID", "NX-A", NULL, 1, NULL,
			  "officer", "C1", "lost"), NALOX_OK);
}

static void test_export_round_trip(void)
{
	char *dir = tu_tmpdir();
	nalox_db *a = tu_open(dir, "a.db");
	tu_fixture(a);
	varied_history(a);
	long long total = tu_nmoves(a);
	CU_ASSERT(total >= 17);

	static const char *const names[] = { "moves.csv", "moves.csv.gz" };
	for (int k = 0; k < 2; k++) {
		char *path = tu_path(dir, names[k]);
		nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
		nalox_rows *rows = NULL;
		mo.order = NALOX_ORDER_ENTRY;
		TU_RC(a, nalox_moves(a, &mo, &rows), NALOX_OK);
		CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
		TU_RC(a, nalox_rows_write(rows, NALOX_FORMAT_CSV, path, 0), NALOX_OK);
		nalox_rows_free(rows);

		char dbname[16];
		snprintf(dbname, sizeof dbname, "b%d.db", k);
		nalox_db *b = tu_open(dir, dbname);
		tu_fixture(b);
		long long n = -1;
		TU_RC(b, nalox_import(b, "moves", path, &n), NALOX_OK);
		TU_INT(n, total);
		static const char *const days[] = { "2026-01-15", "2026-02-25", "2026-03-01",
						    "2026-04-02", "2026-07-01", "2100-01-01" };
		for (size_t d = 0; d < sizeof days / sizeof days[0]; d++) {
			for (int which = 2; which <= 4; which++) {
				char *x = csv_of(a, dir, which, days[d]);
				char *y = csv_of(b, dir, which, days[d]);
				TU_STR(y, x);
				free(x);
				free(y);
			}
		}
		/* the ledger itself: same ids, counts and their adjustments */
		char *x = csv_of(a, dir, 5, NULL), *y = csv_of(b, dir, 5, NULL);
		TU_STR(y, x);
		TU_HAS(x, "ISS-9/2");
		TU_HAS(x, "\"count, \"\"monthly\"\"\"");
		free(x);
		free(y);
		nalox_close(b);
		free(path);
	}
	nalox_close(a);
	tu_rmdir(dir);
}

/* The CSV writer must quote a value with surrounding spaces: the reader
 * trims unquoted spaces, so without quotes an export does not import as
 * the same ledger. */
static void test_export_keeps_spaces(void)
{
	char *dir = tu_tmpdir();
	nalox_db *a = tu_open(dir, "a.db"), *b = tu_open(dir, "b.db");
	tu_fixture(a);
	tu_fixture(b);
	TU_RC(a, tu_move(a, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2027-06", 9,
			 NULL, NULL, NULL, NULL), NALOX_OK);
	TU_RC(a, tu_move(a, "2026-01-06", "count", "T-STORE", "NYXOID", "NX-A", NULL, 8, NULL,
			 NULL, NULL, "  one short "), NALOX_OK);
	nalox_moves_options mo = NALOX_MOVES_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	mo.order = NALOX_ORDER_ENTRY;
	char *path = tu_path(dir, "moves.csv");
	TU_RC(a, nalox_moves(a, &mo, &rows), NALOX_OK);
	TU_RC(a, nalox_rows_write(rows, NALOX_FORMAT_CSV, path, 0), NALOX_OK);
	nalox_rows_free(rows);
	long long n = -1;
	TU_RC(b, nalox_import(b, "moves", path, &n), NALOX_OK);
	TU_INT(n, 2);
	char *x = csv_of(a, dir, 5, NULL), *y = csv_of(b, dir, 5, NULL);
	TU_HAS(x, "  one short ");
	TU_STR(y, x);
	free(x);
	free(y);
	free(path);
	nalox_close(a);
	nalox_close(b);
	tu_rmdir(dir);
}

/* gzip bytes of `text` (one member), malloc'd; *len its size. */
static unsigned char *gz_member(const char *text, size_t *len)
{
	z_stream z;
	memset(&z, 0, sizeof z);
	CU_ASSERT_EQUAL_FATAL(deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY), Z_OK);
	size_t cap = deflateBound(&z, (uLong)strlen(text)) + 64;
	unsigned char *out = malloc(cap);
	z.next_in = (unsigned char *)(uintptr_t)text;
	z.avail_in = (uInt)strlen(text);
	z.next_out = out;
	z.avail_out = (uInt)cap;
	CU_ASSERT_EQUAL_FATAL(deflate(&z, Z_FINISH), Z_STREAM_END);
	*len = cap - z.avail_out;
	deflateEnd(&z);
	return out;
}

/* The file `a` then `b` (b_len bytes) then `tail` (tail_len bytes). */
static void write_parts(const char *path, const unsigned char *a, size_t a_len,
			const unsigned char *b, size_t b_len, const char *tail, size_t tail_len)
{
	char *all = malloc(a_len + b_len + tail_len + 1);
	memcpy(all, a, a_len);
	if (b_len)
		memcpy(all + a_len, b, b_len);
	if (tail_len)
		memcpy(all + a_len + b_len, tail, tail_len);
	tu_write_bytes(path, all, a_len + b_len + tail_len);
	free(all);
}

/* Multi-member gzip (what `cat a.gz b.gz` and pigz make): every member is
 * read and checked to its end; anything after a member that is not a
 * whole, valid member refuses the whole file, and nothing is stored. */
static void test_gzip_members(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = ready(dir);
	char *text = many_moves(600);
	/* split inside a record, so a row spans the two members */
	size_t cut = strlen(text) / 2 + 7;
	char *second = strdup(text + cut);
	text[cut] = '\0';
	size_t l1, l2, le;
	unsigned char *m1 = gz_member(text, &l1), *m2 = gz_member(second, &l2);
	unsigned char *empty = gz_member("", &le);
	char *gz = tu_path(dir, "m.csv.gz");
	char *before = tu_snapshot(db, dir);
	long long n = -1;
	struct { const char *what; size_t b_len; const char *tail; size_t tail_len; int flip; } bad[] = {
		{ "second member cut short", 0, NULL, 0, 0 },          /* b_len set below */
		{ "second member cut before its trailer", 0, NULL, 0, 0 },
		{ "second member's data corrupt", 0, NULL, 0, 1 },
		{ "second member's CRC wrong", 0, NULL, 0, 2 },
		{ "trailing text after the members", 0, "day,kind\n", 9, 0 },
		{ "one stray byte after the members", 0, "\x1f", 1, 0 },
		{ "zero padding after the members", 0, "\0\0\0\0", 4, 0 },
		{ "a second gzip header only", 0, "\x1f\x8b\x08\0\0\0\0\0\0\x03", 10, 0 },
	};
	bad[0].b_len = l2 / 2;
	bad[1].b_len = l2 - 8;
	for (int k = 2; k < 8; k++)
		bad[k].b_len = l2;
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		unsigned char *b2 = malloc(l2);
		memcpy(b2, m2, l2);
		if (bad[k].flip == 1)
			for (size_t i = l2 / 2; i < l2 / 2 + 8; i++)
				b2[i] = (unsigned char)~b2[i];
		if (bad[k].flip == 2)
			b2[l2 - 6] ^= 0x55; /* inside the CRC-32 */
		write_parts(gz, m1, l1, b2, bad[k].b_len, bad[k].tail, bad[k].tail_len);
		free(b2);
		n = -1;
		int rc = nalox_import(db, "moves", gz, &n);
		if (rc != NALOX_EIO || !strstr(nalox_errmsg(db), "damaged or truncated gzip") ||
		    !strstr(nalox_errmsg(db), gz))
			fprintf(stderr, "\n    case '%s': %d %s\n", bad[k].what, rc, nalox_errmsg(db));
		TU_RC(db, rc, NALOX_EIO);
		TU_MSG(db, "damaged or truncated gzip");
		TU_MSG(db, gz);
		TU_INT(n, 0);
		char *after = tu_snapshot(db, dir);
		TU_STR(after, before);
		free(after);
	}
	/* the same members, intact, after an empty member: every row of both */
	unsigned char *em1 = malloc(le + l1);
	memcpy(em1, empty, le);
	memcpy(em1 + le, m1, l1);
	write_parts(gz, em1, le + l1, m2, l2, NULL, 0);
	TU_RC(db, nalox_import(db, "moves", gz, &n), NALOX_OK);
	TU_INT(n, 600);
	TU_INT(tu_nmoves(db), 601);
	free(em1);
	free(m1);
	free(m2);
	free(empty);
	free(text);
	free(second);
	free(before);
	free(gz);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_write_gzip(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_open(dir, "a.db");
	tu_fixture(db);
	varied_history(db);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK);
	char *plain = tu_csv(rows, dir);
	CU_ASSERT_PTR_NOT_NULL_FATAL(plain);

	/* by name, and by flag */
	static const char *const names[] = { "out.csv.gz", "out.data" };
	for (int k = 0; k < 2; k++) {
		char *path = tu_path(dir, names[k]);
		TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK);
		TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_CSV, path, k ? NALOX_WRITE_GZIP : 0),
		      NALOX_OK);
		nalox_rows_free(rows);
		size_t len = 0;
		char *raw = tu_read(path, &len);
		CU_ASSERT(raw && len > 2 && (unsigned char)raw[0] == 0x1f &&
			  (unsigned char)raw[1] == 0x8b);
		free(raw);
		char *text = read_gz(path);
		TU_STR(text, plain);
		free(text);
		free(path);
	}
	free(plain);
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_write_json_and_table(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	nalox_site_options s = NALOX_SITE_OPTIONS_INIT;
	s.code = "T-Q";
	s.name = "Say \"hi\"\\\nnow";
	s.kind = "venue";
	s.area = "TST";
	TU_RC(db, nalox_put_site(db, &s), NALOX_OK);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "T-STORE", "NYXOID", "NX-A", "2027-06",
			  100, NULL, NULL, NULL, NULL), NALOX_OK);
	char *path = tu_path(dir, "out.json");
	nalox_rows *rows = NULL;

	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_JSON, path, 0), NALOX_OK);
	nalox_rows_free(rows);
	char *json = tu_read(path, NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(json);
	CU_ASSERT_EQUAL(json[0], '[');
	TU_HAS(json, "\"code\": \"T-HUB\"");
	TU_HAS(json, "\"parent\": \"T-STORE\"");
	TU_HAS(json, "\"parent\": null");
	TU_HAS(json, "\"depth\": 1");
	TU_HAS(json, "\"name\": \"Say \\\"hi\\\"\\\\\\u000anow\"");
	CU_ASSERT(strlen(json) > 2 && json[strlen(json) - 2] == ']');
	free(json);

	TU_RC(db, nalox_moves(db, NULL, &rows), NALOX_OK);
	TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_JSON, path, 0), NALOX_OK);
	nalox_rows_free(rows);
	json = tu_read(path, NULL);
	TU_HAS(json, "\"qty\": 100");
	TU_HAS(json, "\"adjust\": null");
	TU_HAS(json, "\"to_site\": null");
	TU_HAS(json, "\"expiry\": \"2027-06-30\"");
	TU_HAS(json, "\"id\": 1");
	free(json);

	/* no rows: an empty array */
	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	so.as_of = "2020-01-01";
	TU_RC(db, nalox_stock(db, &so, &rows), NALOX_OK);
	TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_JSON, path, 0), NALOX_OK);
	nalox_rows_free(rows);
	json = tu_read(path, NULL);
	TU_STR(json, "[]\n");
	free(json);

	/* a table for people: header, aligned rows; "(no rows)" when empty */
	TU_RC(db, nalox_stock(db, &so, &rows), NALOX_OK);
	TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_TABLE, path, 0), NALOX_OK);
	nalox_rows_free(rows);
	char *table = tu_read(path, NULL);
	TU_HAS(table, "site");
	TU_HAS(table, "(no rows)");
	free(table);
	so.as_of = "2026-01-05";
	TU_RC(db, nalox_stock(db, &so, &rows), NALOX_OK);
	TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_TABLE, path, 0), NALOX_OK);
	nalox_rows_free(rows);
	table = tu_read(path, NULL);
	TU_HAS(table, "T-STORE  Test central store  TST   NYXOID   100");
	TU_HASNT(table, "(no rows)");
	free(table);

	/* errors: unknown format, unwritable path, no rows */
	TU_RC(db, nalox_stock(db, &so, &rows), NALOX_OK);
	TU_RC(db, nalox_rows_write(rows, 99, path, 0), NALOX_EINVAL);
	char *bad = tu_path(dir, "no/such/dir/out.csv");
	TU_RC(db, nalox_rows_write(rows, NALOX_FORMAT_CSV, bad, 0), NALOX_EIO);
	TU_MSG(db, bad);
	nalox_rows_free(rows);
	TU_RC(db, nalox_rows_write(NULL, NALOX_FORMAT_CSV, path, 0), NALOX_EINVAL);
	free(bad);
	free(path);
	nalox_close(db);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "products import and update", test_import_products },
		{ "sites import: parents, cycles", test_import_sites },
		{ "moves import", test_import_moves },
		{ "administrations import", test_import_administrations },
		{ "moves dated after the day of the import refused", test_future_days },
		{ "header in any case and order", test_header_case_and_order },
		{ "BOM and CRLF", test_bom_and_crlf },
		{ "quoted fields: commas, quotes, line breaks", test_quoted_fields },
		{ "gzip import", test_gzip },
		{ "truncated or corrupt gzip refused", test_gzip_damaged },
		{ "multi-member gzip: each member checked to its end", test_gzip_members },
		{ "each bad row refuses the whole file", test_bad_rows },
		{ "missing, empty and odd files", test_file_errors },
		{ "re-import of the same moves refused", test_reimport_refused },
		{ "export moves, import into a new store: same stock", test_export_round_trip },
		{ "export keeps values with surrounding spaces", test_export_keeps_spaces },
		{ "gzip output readable by zlib", test_write_gzip },
		{ "JSON and table output", test_write_json_and_table },
		CU_TEST_INFO_NULL
	};
	return tu_main("import", tests);
}
