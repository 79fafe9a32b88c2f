/* The store: opening, refusing what is not ours, schema versions,
 * transactions, messages, and the append-only ledger. */
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "testutil.h"

/* Run SQL on the file through a connection of our own. Returns the SQLite
 * result code; the message (if any) is copied into msg. */
static int raw_exec(const char *path, const char *sql, char *msg, size_t size)
{
	sqlite3 *c = NULL;
	char *err = NULL;
	int rc = sqlite3_open_v2(path, &c, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_exec(c, sql, NULL, NULL, &err);
	if (msg)
		snprintf(msg, size, "%s", err ? err : c ? sqlite3_errmsg(c) : "?");
	sqlite3_free(err);
	sqlite3_close(c);
	return rc;
}

/* First column of the first row of a query, as text, into out. */
static int raw_text(const char *path, const char *sql, char *out, size_t size)
{
	sqlite3 *c = NULL;
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_open_v2(path, &c, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(c, sql, -1, &st, NULL);
	if (rc == SQLITE_OK) {
		rc = sqlite3_step(st);
		snprintf(out, size, "%s", rc == SQLITE_ROW && sqlite3_column_text(st, 0)
			 ? (const char *)sqlite3_column_text(st, 0) : "");
		rc = rc == SQLITE_ROW ? SQLITE_OK : rc;
	}
	sqlite3_finalize(st);
	sqlite3_close(c);
	return rc;
}

static long long raw_int(const char *path, const char *sql)
{
	char buf[64];
	CU_ASSERT_EQUAL(raw_text(path, sql, buf, sizeof buf), SQLITE_OK);
	return atoll(buf);
}

/* Are the bytes of path exactly `want` (len bytes)? */
static int same_bytes(const char *path, const char *want, size_t len)
{
	size_t n = 0;
	char *now = tu_read(path, &n);
	int same = now && n == len && memcmp(now, want, len) == 0;
	free(now);
	return same;
}

static void receive(nalox_db *db, const char *day, long long qty)
{
	TU_RC(db, tu_move(db, day, "receive", "T-STORE", "NYXOID", "NX-A", "2026-06", qty,
			  NULL, NULL, NULL, NULL), NALOX_OK);
}

static long long store_qty(nalox_db *db)
{
	return tu_site_qty(db, "2026-12-31", "T-STORE", "NX-A");
}

static void test_create_reopen(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "s.db");
	nalox_db *db = NULL;
	CU_ASSERT_FALSE(tu_exists(path));
	TU_RC(db, nalox_open(path, NALOX_OPEN_CREATE, &db), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	CU_ASSERT_TRUE(tu_exists(path));
	TU_STR(nalox_errmsg(db), "");
	tu_fixture(db);
	receive(db, "2026-01-05", 100);
	TU_INT(nalox_close(db), NALOX_OK);

	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	TU_INT(nalox_schema_version(db), NALOX_SCHEMA_VERSION);
	TU_INT(store_qty(db), 100);
	TU_INT(tu_nmoves(db), 1);
	nalox_rows *rows = NULL;
	TU_RC(db, nalox_sites(db, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 4);
	TU_RC(db, nalox_products(db, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 2);
	/* and it still takes moves */
	receive(db, "2026-01-06", 5);
	nalox_close(db);

	/* read-only: the data is there, and nothing can be written */
	db = NULL;
	TU_RC(db, nalox_open(path, NALOX_OPEN_READONLY, &db), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	TU_INT(store_qty(db), 105);
	int rc = tu_move(db, "2026-01-07", "receive", "T-STORE", "NYXOID", "NX-A", NULL, 1,
			 NULL, NULL, NULL, NULL);
	CU_ASSERT(rc < 0);
	TU_INT(rc, NALOX_ESTORE);
	CU_ASSERT_NOT_EQUAL(nalox_errmsg(db)[0], '\0');
	TU_INT(store_qty(db), 105);
	nalox_close(db);
	free(path);
	tu_rmdir(dir);
}

static void test_schema_version(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "s.db");
	nalox_db *db = NULL;
	TU_RC(db, nalox_open(path, NALOX_OPEN_CREATE, &db), NALOX_OK);
	TU_INT(nalox_schema_version(db), NALOX_SCHEMA_VERSION);
	TU_INT(raw_int(path, "PRAGMA user_version"), NALOX_SCHEMA_VERSION);
	CU_ASSERT_NOT_EQUAL(raw_int(path, "PRAGMA application_id"), 0);
	nalox_close(db);
	TU_INT(nalox_schema_version(NULL), 0);
	free(path);
	tu_rmdir(dir);
}

static void test_memory(void)
{
	nalox_db *a = NULL, *b = NULL;
	TU_RC(a, nalox_open(":memory:", NALOX_OPEN_CREATE, &a), NALOX_OK);
	TU_RC(b, nalox_open(":memory:", 0, &b), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(a);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	TU_INT(nalox_schema_version(a), NALOX_SCHEMA_VERSION);
	TU_INT(nalox_schema_version(b), NALOX_SCHEMA_VERSION);
	tu_fixture(a);
	receive(a, "2026-01-05", 7);
	TU_INT(store_qty(a), 7);
	/* two in-memory stores are two stores */
	nalox_rows *rows = NULL;
	TU_RC(b, nalox_sites(b, &rows), NALOX_OK);
	TU_INT(tu_count(rows), 0);
	TU_INT(tu_nmoves(b), 0);
	CU_ASSERT_FALSE(tu_exists(":memory:"));
	nalox_close(a);
	nalox_close(b);
}

static void test_missing_file(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "none.db");
	char *wal = tu_path(dir, "none.db-wal");
	nalox_db *db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_ESTORE);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db); /* a handle carrying the message */
	TU_MSG(db, path);
	TU_INT(nalox_errcode(db), NALOX_ESTORE);
	nalox_close(db);
	db = NULL;
	TU_RC(db, nalox_open(path, NALOX_OPEN_READONLY, &db), NALOX_ESTORE);
	TU_MSG(db, path);
	nalox_close(db);
	CU_ASSERT_FALSE(tu_exists(path));
	CU_ASSERT_FALSE(tu_exists(wal));

	/* with CREATE, a directory that does not exist is still an error */
	char *deep = tu_path(dir, "no/such/dir.db");
	db = NULL;
	TU_RC(db, nalox_open(deep, NALOX_OPEN_CREATE, &db), NALOX_ESTORE);
	TU_MSG(db, deep);
	nalox_close(db);

	/* bad arguments: EINVAL and no handle */
	db = (nalox_db *)1;
	TU_RC(NULL, nalox_open(path, NALOX_OPEN_READONLY | NALOX_OPEN_CREATE, &db), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(db);
	db = (nalox_db *)1;
	TU_RC(NULL, nalox_open(NULL, NALOX_OPEN_CREATE, &db), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(db);
	db = (nalox_db *)1;
	TU_RC(NULL, nalox_open(path, 0x80u, &db), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(db);
	TU_RC(NULL, nalox_open(path, NALOX_OPEN_CREATE, NULL), NALOX_EINVAL);
	CU_ASSERT_FALSE(tu_exists(path));
	TU_INT(nalox_close(NULL), NALOX_OK);
	free(deep);
	free(wal);
	free(path);
	tu_rmdir(dir);
}

static void test_newer_schema_refused(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "s.db");
	char sql[64], msg[256], want[64];
	nalox_db *db = tu_open(dir, "s.db");
	tu_fixture(db);
	receive(db, "2026-01-05", 100);
	nalox_close(db);
	snprintf(sql, sizeof sql, "PRAGMA user_version = %d", NALOX_SCHEMA_VERSION + 1);
	TU_INT(raw_exec(path, sql, msg, sizeof msg), SQLITE_OK);
	TU_INT(raw_int(path, "PRAGMA user_version"), NALOX_SCHEMA_VERSION + 1);

	size_t len = 0;
	char *before = tu_read(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	unsigned flags[] = { 0, NALOX_OPEN_CREATE, NALOX_OPEN_READONLY };
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		db = NULL;
		TU_RC(db, nalox_open(path, flags[i], &db), NALOX_ESCHEMA);
		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		TU_MSG(db, "newer");
		TU_MSG(db, path);
		snprintf(want, sizeof want, "version %d", NALOX_SCHEMA_VERSION + 1);
		TU_MSG(db, want);
		TU_INT(nalox_errcode(db), NALOX_ESCHEMA);
		nalox_close(db);
		CU_ASSERT_TRUE(same_bytes(path, before, len));
	}
	TU_INT(raw_int(path, "PRAGMA user_version"), NALOX_SCHEMA_VERSION + 1);
	TU_INT(raw_int(path, "SELECT count(*) FROM move"), 1);
	free(before);
	free(path);
	tu_rmdir(dir);
}

static void test_foreign_sqlite_refused(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "other.db");
	char msg[256];
	TU_INT(raw_exec(path, "", msg, sizeof msg), SQLITE_CANTOPEN); /* no CREATE */
	sqlite3 *c = NULL;
	CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &c), SQLITE_OK);
	CU_ASSERT_EQUAL(sqlite3_exec(c, "CREATE TABLE recipes (name TEXT);"
				     "INSERT INTO recipes VALUES ('soup');", NULL, NULL, NULL),
			SQLITE_OK);
	sqlite3_close(c);

	size_t len = 0;
	char *before = tu_read(path, &len);
	CU_ASSERT_PTR_NOT_NULL_FATAL(before);
	unsigned flags[] = { 0, NALOX_OPEN_CREATE, NALOX_OPEN_READONLY };
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		nalox_db *db = NULL;
		TU_RC(db, nalox_open(path, flags[i], &db), NALOX_ESTORE);
		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		TU_MSG(db, "not a nalox store");
		TU_MSG(db, path);
		nalox_close(db);
		CU_ASSERT_TRUE(same_bytes(path, before, len));
	}
	char name[32];
	TU_INT(raw_text(path, "SELECT name FROM recipes", name, sizeof name), SQLITE_OK);
	TU_STR(name, "soup");
	free(before);
	free(path);
	tu_rmdir(dir);
}

static void test_garbage_refused(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "junk.db");
	char junk[4096];
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (char)("this is not a database\n"[i % 23]);
	tu_write_bytes(path, junk, sizeof junk);
	unsigned flags[] = { 0, NALOX_OPEN_CREATE, NALOX_OPEN_READONLY };
	for (size_t i = 0; i < sizeof flags / sizeof flags[0]; i++) {
		nalox_db *db = NULL;
		TU_RC(db, nalox_open(path, flags[i], &db), NALOX_ESTORE);
		CU_ASSERT_PTR_NOT_NULL_FATAL(db);
		TU_MSG(db, path);
		nalox_close(db);
		CU_ASSERT_TRUE(same_bytes(path, junk, sizeof junk));
	}
	free(path);
	tu_rmdir(dir);
}

/* An empty (0-byte) file is "empty or damaged" and left as it is, for
 * reading and writing alike; only NALOX_OPEN_CREATE (nalox init) makes
 * it a store (issue 11: a mistyped --db must not become a new store). */
static void test_empty_file_becomes_store(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "empty.db");
	tu_write(path, "");
	unsigned flags[] = { 0, NALOX_OPEN_READONLY };
	for (int i = 0; i < 2; i++) {
		nalox_db *db = NULL;
		TU_RC(db, nalox_open(path, flags[i], &db), NALOX_ESTORE);
		TU_MSG(db, "empty or damaged");
		TU_MSG(db, "nalox init");
		TU_MSG(db, path);
		nalox_close(db);
		size_t len = 99;
		char *bytes = tu_read(path, &len);
		TU_INT((long long)len, 0);
		free(bytes);
	}
	nalox_db *db = NULL;
	TU_RC(db, nalox_open(path, NALOX_OPEN_CREATE, &db), NALOX_OK);
	TU_INT(nalox_schema_version(db), NALOX_SCHEMA_VERSION);
	tu_fixture(db);
	receive(db, "2026-01-05", 3);
	nalox_close(db);
	TU_INT(raw_int(path, "PRAGMA user_version"), NALOX_SCHEMA_VERSION);
	TU_INT(raw_int(path, "SELECT count(*) FROM move"), 1);
	/* a store now: opened without the flag */
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	nalox_close(db);
	free(path);
	tu_rmdir(dir);
}

/* nalox_backup: a store equal to the original, owner-only, never over
 * an existing file, and nothing left behind on failure. */
static void test_backup(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 3);
	receive(db, "2026-01-06", 4);
	char *copy = tu_path(dir, "copy.db");
	TU_RC(db, nalox_backup(db, copy), NALOX_OK);
	struct stat st;
	CU_ASSERT_EQUAL_FATAL(stat(copy, &st), 0);
	CU_ASSERT_EQUAL(st.st_mode & 0777, 0600);
	nalox_db *c = NULL;
	TU_RC(c, nalox_open(copy, NALOX_OPEN_READONLY, &c), NALOX_OK);
	char *a = tu_snapshot(db, dir), *b = tu_snapshot(c, dir);
	TU_STR(b, a);
	free(a);
	free(b);
	nalox_close(c);
	/* never over a file, a link or a folder */
	TU_RC(db, nalox_backup(db, copy), NALOX_EEXISTS);
	TU_MSG(db, copy);
	TU_RC(db, nalox_backup(db, dir), NALOX_EEXISTS);
	char *link = tu_path(dir, "link.db");
	CU_ASSERT_EQUAL(symlink(copy, link), 0);
	TU_RC(db, nalox_backup(db, link), NALOX_EEXISTS);
	/* a folder that does not exist: an error, and nothing made */
	char *nowhere = tu_path(dir, "no/such/folder/x.db");
	TU_RC(db, nalox_backup(db, nowhere), NALOX_EIO);
	TU_MSG(db, "no/such/folder");
	TU_RC(db, nalox_backup(db, "-"), NALOX_EINVAL);
	TU_RC(db, nalox_begin(db), NALOX_OK);
	char *inside = tu_path(dir, "inside.db");
	TU_RC(db, nalox_backup(db, inside), NALOX_EINVAL);
	TU_RC(db, nalox_rollback(db), NALOX_OK);
	CU_ASSERT_NOT_EQUAL(access(inside, F_OK), 0);
	/* no temporary file stays in the folder */
	char cmd[4200];
	snprintf(cmd, sizeof cmd, "ls -A '%s' | grep -q '^\\.nalox-'", dir);
	CU_ASSERT_NOT_EQUAL(system(cmd), 0);
	free(inside);
	free(nowhere);
	free(link);
	free(copy);
	nalox_close(db);
	tu_rmdir(dir);
}

/* A backup taken while another process commits moves one by one is the
 * store as of one of those commits: it passes integrity_check, and its
 * ledger is exactly the first N moves of the final store. */
static void test_backup_with_a_writer(void)
{
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-01", 1);
	nalox_close(db);
	char *path = tu_path(dir, "store.db");
	pid_t pid = fork();
	CU_ASSERT_FATAL(pid >= 0);
	if (pid == 0) {
		nalox_db *w = NULL;
		if (nalox_open(path, 0, &w) != NALOX_OK)
			_exit(2);
		for (int i = 0; i < 1500; i++) {
			char day[16];
			snprintf(day, sizeof day, "2026-02-%02d", 1 + i % 28);
			if (tu_move(w, day, "receive", "T-STORE", "NYXOID", "NX-A", "2026-06", 1 + i % 5,
				    NULL, NULL, NULL, NULL) != NALOX_OK)
				_exit(3);
		}
		nalox_close(w);
		_exit(0);
	}
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	char name[64];
	int copies = 0;
	char *copy[8];
	for (int k = 0; k < 8; k++) {
		struct timespec pause = { 0, 20 * 1000 * 1000 };
		nanosleep(&pause, NULL);
		snprintf(name, sizeof name, "copy-%d.db", k);
		copy[k] = tu_path(dir, name);
		if (nalox_backup(db, copy[k]) == NALOX_OK)
			copies++;
	}
	int status = 0;
	waitpid(pid, &status, 0);
	CU_ASSERT(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	CU_ASSERT_EQUAL(copies, 8);
	long long total = tu_nmoves(db);
	TU_INT(total, 1501);
	int partial = 0;
	for (int k = 0; k < 8; k++) {
		CU_ASSERT_EQUAL(raw_int(copy[k], "SELECT count(*) FROM pragma_integrity_check "
				       "WHERE integrity_check <> 'ok'"), 0);
		long long n = raw_int(copy[k], "SELECT count(*) FROM move");
		CU_ASSERT(n >= 1 && n <= total);
		partial += n > 1 && n < total;
		/* as of one commit: the copy's moves and entries are the first n
		 * of the store's, and its balance is their sum */
		char sql[512];
		snprintf(sql, sizeof sql, "SELECT count(*) FROM move WHERE id <= (SELECT max(id) "
			 "FROM move) AND id > 0");
		TU_INT(raw_int(copy[k], sql), n);
		TU_INT(raw_int(copy[k], "SELECT count(*) FROM entry"),
		       raw_int(copy[k], "SELECT count(*) FROM move"));
		TU_INT(raw_int(copy[k], "SELECT sum(delta) FROM entry"),
		       raw_int(copy[k], "SELECT sum(qty) FROM move"));
		snprintf(sql, sizeof sql, "SELECT sum(qty) FROM move WHERE id <= %lld", n);
		TU_INT(raw_int(path, sql), raw_int(copy[k], "SELECT sum(qty) FROM move"));
		free(copy[k]);
	}
	/* the writer was still going while some copies were made */
	CU_ASSERT(partial >= 1);
	nalox_close(db);
	free(path);
	tu_rmdir(dir);
}

static void test_wal_and_foreign_keys(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "store.db");
	char *wal = tu_path(dir, "store.db-wal");
	char mode[16], msg[256];
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 10);
	/* while the handle is open, a second connection sees WAL mode */
	TU_INT(raw_text(path, "PRAGMA journal_mode", mode, sizeof mode), SQLITE_OK);
	TU_STR(mode, "wal");
	CU_ASSERT_TRUE(tu_exists(wal));
	nalox_close(db);

	/* Foreign keys are a per-connection setting, so probe nalox's own
	 * connection: a trigger (added behind its back) that inserts a
	 * dangling reference whenever a move is appended. With foreign keys
	 * on, the move must fail and leave nothing behind. */
	TU_INT(raw_exec(path,
			"CREATE TABLE fk_probe (site_id INTEGER REFERENCES site(id));"
			"CREATE TRIGGER fk_probe_t AFTER INSERT ON move BEGIN"
			"  INSERT INTO fk_probe VALUES (424242); END;", msg, sizeof msg),
	       SQLITE_OK);
	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	CU_ASSERT_FATAL(nalox_errcode(db) == NALOX_OK);
	int rc = tu_move(db, "2026-01-06", "receive", "T-STORE", "NYXOID", "NX-A", NULL, 1,
			 NULL, NULL, NULL, NULL);
	CU_ASSERT(rc < 0);
	TU_MSG(db, "FOREIGN KEY");
	TU_INT(store_qty(db), 10);
	TU_INT(tu_nmoves(db), 1);
	nalox_close(db);
	TU_INT(raw_int(path, "SELECT count(*) FROM fk_probe"), 0);
	free(wal);
	free(path);
	tu_rmdir(dir);
}

static void test_transactions(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "store.db");
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 100);

	/* rollback undoes everything since begin */
	TU_RC(db, nalox_begin(db), NALOX_OK);
	receive(db, "2026-01-06", 5);
	TU_RC(db, tu_move(db, "2026-01-07", "transfer", "T-STORE", "NYXOID", "NX-A", NULL, 30,
			  "T-HUB", NULL, NULL, NULL), NALOX_OK);
	TU_INT(store_qty(db), 75); /* visible inside the transaction */
	TU_INT(tu_nmoves(db), 3);
	TU_RC(db, nalox_rollback(db), NALOX_OK);
	TU_INT(store_qty(db), 100);
	TU_INT(tu_site_qty(db, "2026-12-31", "T-HUB", "NX-A"), 0);
	TU_INT(tu_nmoves(db), 1);

	/* nesting is an error, and leaves the open transaction alone */
	TU_RC(db, nalox_begin(db), NALOX_OK);
	receive(db, "2026-01-08", 1);
	TU_RC(db, nalox_begin(db), NALOX_EINVAL);
	TU_MSG(db, "already open");
	/* a failed move inside the transaction undoes only itself */
	TU_RC(db, tu_move(db, "2026-01-09", "issue", "T-STORE", "NYXOID", "NX-A", NULL, 500,
			  NULL, "person", "P1", NULL), NALOX_ESTOCK);
	receive(db, "2026-01-10", 2);
	TU_RC(db, nalox_commit(db), NALOX_OK);
	TU_INT(store_qty(db), 103);

	/* commit or rollback without begin */
	TU_RC(db, nalox_commit(db), NALOX_EINVAL);
	TU_MSG(db, "no transaction");
	TU_RC(db, nalox_rollback(db), NALOX_EINVAL);
	TU_RC(NULL, nalox_begin(NULL), NALOX_EINVAL);
	TU_RC(NULL, nalox_commit(NULL), NALOX_EINVAL);

	/* closing with a transaction open throws it away */
	TU_RC(db, nalox_begin(db), NALOX_OK);
	receive(db, "2026-01-11", 50);
	nalox_close(db);
	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	TU_INT(store_qty(db), 103);
	TU_INT(tu_nmoves(db), 3);
	nalox_close(db);
	free(path);
	tu_rmdir(dir);
}

static void test_import_inside_transaction(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "store.db");
	char *good = tu_path(dir, "good.csv");
	char *bad = tu_path(dir, "bad.csv");
	tu_write(good, "day,kind,site,product,lot,expiry,qty\n"
		       "2026-01-06,receive,T-STORE,NYXOID,NX-A,,4\n"
		       "2026-01-06,receive,T-STORE,NYXOID,NX-A,,6\n");
	tu_write(bad, "day,kind,site,product,lot,expiry,qty\n"
		      "2026-01-07,receive,T-STORE,NYXOID,NX-A,,1000\n"
		      "2026-01-07,receive,T-STORE,NYXOID,NX-NOPE,,1\n");
	nalox_db *db = tu_store(dir);
	long long n = -1;

	TU_RC(db, nalox_begin(db), NALOX_OK);
	receive(db, "2026-01-05", 100);
	TU_RC(db, nalox_import(db, "moves", good, &n), NALOX_OK);
	TU_INT(n, 2);
	TU_INT(store_qty(db), 110);
	TU_RC(db, nalox_import(db, "moves", bad, &n), NALOX_EINPUT);
	TU_MSG(db, "bad.csv:3:");
	TU_MSG(db, "field 'expiry'");
	/* the failed import took back its own first row, and nothing else */
	TU_INT(store_qty(db), 110);
	TU_INT(tu_nmoves(db), 3);
	/* the user's transaction is still open and usable */
	TU_RC(db, nalox_begin(db), NALOX_EINVAL);
	receive(db, "2026-01-08", 1);
	TU_RC(db, nalox_commit(db), NALOX_OK);
	nalox_close(db);

	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	TU_INT(store_qty(db), 111);
	TU_INT(tu_nmoves(db), 4);
	/* and a successful import inside a transaction goes with its rollback */
	TU_RC(db, nalox_begin(db), NALOX_OK);
	TU_RC(db, nalox_import(db, "moves", good, &n), NALOX_OK);
	TU_INT(store_qty(db), 121);
	TU_RC(db, nalox_rollback(db), NALOX_OK);
	TU_INT(store_qty(db), 111);
	TU_INT(tu_nmoves(db), 4);
	nalox_close(db);
	free(bad);
	free(good);
	free(path);
	tu_rmdir(dir);
}

static void test_messages_and_versions(void)
{
	static const int codes[] = {
		NALOX_OK, NALOX_ROW, NALOX_DONE, NALOX_EINVAL, NALOX_ENOMEM, NALOX_EIO,
		NALOX_ESTORE, NALOX_ESCHEMA, NALOX_EINPUT, NALOX_ENOTFOUND, NALOX_ESTOCK,
		NALOX_EEXISTS, NALOX_EBUSY, NALOX_EEXPIRY
	};
	const size_t n = sizeof codes / sizeof codes[0];
	const char *unknown = nalox_strerror(-1000);
	CU_ASSERT_PTR_NOT_NULL_FATAL(unknown);
	CU_ASSERT_PTR_NOT_NULL(nalox_strerror(1000));
	for (size_t i = 0; i < n; i++) {
		const char *s = nalox_strerror(codes[i]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(s);
		CU_ASSERT(strlen(s) > 0);
		/* every code has its own text, not the fallback */
		if (strcmp(s, unknown) == 0)
			fprintf(stderr, "\n    code %d has the fallback text '%s'\n", codes[i], s);
		CU_ASSERT(strcmp(s, unknown) != 0);
		for (size_t j = 0; j < i; j++)
			CU_ASSERT(strcmp(s, nalox_strerror(codes[j])) != 0);
	}
	TU_HAS(nalox_strerror(NALOX_ESTOCK), "stock");
	TU_HAS(nalox_strerror(NALOX_ESCHEMA), "newer");

	CU_ASSERT_PTR_NOT_NULL_FATAL(nalox_errmsg(NULL));
	CU_ASSERT(strlen(nalox_errmsg(NULL)) > 0);
	TU_INT(nalox_errcode(NULL), NALOX_ENOMEM);

	TU_STR(nalox_version(), NALOX_VERSION);
	TU_INT(nalox_version_number(), NALOX_VERSION_NUMBER);
	TU_INT(NALOX_VERSION_NUMBER,
	       NALOX_VERSION_MAJOR * 10000 + NALOX_VERSION_MINOR * 100 + NALOX_VERSION_PATCH);
	char v[32];
	snprintf(v, sizeof v, "%d.%d.%d", NALOX_VERSION_MAJOR, NALOX_VERSION_MINOR,
		 NALOX_VERSION_PATCH);
	TU_STR(nalox_version(), v);

	/* the handle's message: set by an error, cleared by the next success */
	char *dir = tu_tmpdir();
	nalox_db *db = tu_store(dir);
	TU_RC(db, tu_move(db, "2026-01-05", "receive", "NOWHERE", "NYXOID", "L", "2027-01",
			  1, NULL, NULL, NULL, NULL), NALOX_ENOTFOUND);
	TU_INT(nalox_errcode(db), NALOX_ENOTFOUND);
	TU_MSG(db, "NOWHERE");
	receive(db, "2026-01-05", 1);
	TU_INT(nalox_errcode(db), NALOX_OK);
	TU_STR(nalox_errmsg(db), "");
	nalox_close(db);
	tu_rmdir(dir);
}

static void test_ledger_append_only(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "store.db");
	char msg[256];
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 100);
	TU_RC(db, tu_move(db, "2026-01-06", "issue", "T-STORE", "NYXOID", "NX-A", NULL, 2,
			  NULL, "person", "P1", NULL), NALOX_OK);
	char *before = tu_snapshot(db, dir);
	nalox_close(db);

	static const char *const edits[] = {
		"UPDATE move SET qty = 1",
		"DELETE FROM move",
		"DELETE FROM move WHERE kind = 'issue'",
		"UPDATE entry SET delta = 0",
		"DELETE FROM entry",
		"UPDATE lot SET expiry = '2030-01-01'",
	};
	for (size_t i = 0; i < sizeof edits / sizeof edits[0]; i++) {
		int rc = raw_exec(path, edits[i], msg, sizeof msg);
		if (rc == SQLITE_OK)
			fprintf(stderr, "\n    '%s' was allowed\n", edits[i]);
		CU_ASSERT_NOT_EQUAL(rc, SQLITE_OK);
		CU_ASSERT_EQUAL(rc & 0xff, SQLITE_CONSTRAINT);
		if (i < 5)
			TU_HAS(msg, "append-only");
	}
	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	char *after = tu_snapshot(db, dir);
	TU_STR(after, before);
	nalox_close(db);
	free(after);
	free(before);
	free(path);
	tu_rmdir(dir);
}

/* A store written by schema version 1 (tests/data/store-v1.db, the
 * tests/data moves) is migrated forward on open, keeping every balance. */
static void test_migrate_v1(void)
{
	const char *data = getenv("TESTDATA"), *srcdir = getenv("srcdir");
	char *src;
	if (data && *data)
		src = tu_path(data, "store-v1.db");
	else
		src = tu_path(srcdir && *srcdir ? srcdir : ".", "tests/data/store-v1.db");
	size_t len = 0;
	char *bytes = tu_read(src, &len);
	if (!bytes)
		fprintf(stderr, "\n    cannot read %s (set TESTDATA)\n", src);
	free(src);
	CU_ASSERT_PTR_NOT_NULL_FATAL(bytes);
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "v1.db");
	tu_write_bytes(path, bytes, len);

	/* read-only cannot migrate, and says so without touching the file */
	nalox_db *db = NULL;
	TU_RC(db, nalox_open(path, NALOX_OPEN_READONLY, &db), NALOX_ESTORE);
	TU_MSG(db, "version 1");
	nalox_close(db);
	CU_ASSERT_TRUE(same_bytes(path, bytes, len));

	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(db);
	TU_INT(nalox_schema_version(db), NALOX_SCHEMA_VERSION);
	TU_INT(tu_nmoves(db), 12);
	TU_INT(tu_site_qty(db, "2026-05-01", "T-STORE", "NX-A"), 57);
	TU_INT(tu_site_qty(db, "2026-05-01", "T-STN", "NX-A"), 39);
	TU_INT(tu_held_qty(db, "2026-05-01", "officer", "C1001", "NX-A"), 1);
	TU_INT(tu_held_qty(db, "2026-05-01", "officer", "C1002", "NX-A"), 0);
	TU_INT(tu_held_qty(db, "2026-05-01", "person", "P-000001", "PX-1"), 2);
	/* the holder's supplying site is filled in for old entries */
	nalox_held_options ho = NALOX_HELD_OPTIONS_INIT;
	nalox_rows *rows = NULL;
	ho.as_of = "2026-05-01";
	ho.site = "T-POL";
	TU_RC(db, nalox_held(db, &ho, &rows), NALOX_OK);
	CU_ASSERT_PTR_NOT_NULL_FATAL(rows);
	TU_INT(nalox_rows_next(rows), NALOX_ROW);
	TU_STR(nalox_rows_text(rows, tu_col(rows, "holder_ref")), "C1001");
	TU_STR(nalox_rows_text(rows, tu_col(rows, "supplied_by")), "T-STN");
	TU_INT(nalox_rows_next(rows), NALOX_DONE);
	nalox_rows_free(rows);
	/* the migrated ledger takes new moves and keeps its rules */
	TU_RC(db, tu_move(db, "2026-05-02", "issue", "T-STN", "NYXOID", "NX-A", NULL, 40, NULL,
			  "officer", "C1003", NULL), NALOX_ESTOCK);
	TU_RC(db, tu_move(db, "2026-05-02", "issue", "T-STN", "NYXOID", "NX-A", NULL, 1, NULL,
			  "officer", "C1003", NULL), NALOX_OK);
	nalox_close(db);
	TU_INT(raw_int(path, "PRAGMA user_version"), NALOX_SCHEMA_VERSION);
	free(path);
	free(bytes);
	tu_rmdir(dir);
}

/* A store at schema version NALOX_SCHEMA_VERSION as the 0.1.0 library
 * wrote it, before the needs-assessment tables (area, cohort, carriage,
 * purchase_order) existed: made here by dropping them from a new store.
 * Opening it must leave it able to take every import kind: new tables
 * come with a new migration, never by editing a released one. */
static void test_schema_2_without_needs_tables(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "store.db");
	char *areas = tu_path(dir, "areas.csv");
	char msg[256];
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 10);
	nalox_close(db);
	int version = (int)raw_int(path, "PRAGMA user_version");
	TU_INT(raw_exec(path, "DROP TABLE purchase_order; DROP TABLE carriage;"
			"DROP TABLE cohort; DROP TABLE area; PRAGMA user_version = 2;",
			msg, sizeof msg), SQLITE_OK);
	tu_write(areas, "area,name,opioid_deaths\nTST,Test area,4\n");
	db = NULL;
	TU_RC(db, nalox_open(path, 0, &db), NALOX_OK);
	CU_ASSERT_FATAL(nalox_errcode(db) == NALOX_OK);
	TU_INT(nalox_schema_version(db), version);
	long long n = -1;
	TU_RC(db, nalox_import(db, "areas", areas, &n), NALOX_OK);
	TU_INT(n, 1);
	TU_INT(store_qty(db), 10);
	nalox_close(db);
	free(areas);
	free(path);
	tu_rmdir(dir);
}

static unsigned mode_of(const char *path)
{
	struct stat st;
	return stat(path, &st) == 0 ? (unsigned)(st.st_mode & 07777) : 0u;
}

/* A new store, and the -wal and -shm files SQLite makes beside it, are
 * readable and writable by their owner only, whatever the umask: 0 would
 * let SQLite make them 0644, 0177 would leave an unwritable 0400. */
static void test_owner_only_files(void)
{
	static const mode_t masks[] = { 0, 022, 0177 };
	for (size_t i = 0; i < sizeof masks / sizeof masks[0]; i++) {
		char *dir = tu_tmpdir();
		char *path = tu_path(dir, "private.db");
		char *wal = tu_path(dir, "private.db-wal");
		char *shm = tu_path(dir, "private.db-shm");
		mode_t old = umask(masks[i]);
		nalox_db *db = NULL;
		TU_RC(db, nalox_open(path, NALOX_OPEN_CREATE, &db), NALOX_OK);
		tu_fixture(db);
		receive(db, "2026-01-05", 4); /* the -wal has frames now */
		umask(old);
		CU_ASSERT_TRUE(tu_exists(wal));
		CU_ASSERT_TRUE(tu_exists(shm));
		TU_INT(mode_of(path), 0600);
		TU_INT(mode_of(wal), 0600);
		TU_INT(mode_of(shm), 0600);
		TU_INT(store_qty(db), 4);
		nalox_close(db);
		free(wal);
		free(shm);
		free(path);
		tu_rmdir(dir);
	}
}

/* A file that exists keeps the mode its owner gave it. */
static void test_existing_file_keeps_mode(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "shared.db");
	tu_write(path, "");
	chmod(path, 0640);
	nalox_db *db = NULL;
	TU_RC(db, nalox_open(path, NALOX_OPEN_CREATE, &db), NALOX_OK);
	nalox_close(db);
	TU_INT(mode_of(path), 0640);
	free(path);
	tu_rmdir(dir);
}

/* Flags: SHOW_REFS combines with the others; unknown bits are refused. */
static void test_open_flags(void)
{
	nalox_db *db = NULL;
	TU_RC(db, nalox_open(":memory:", NALOX_OPEN_CREATE | NALOX_OPEN_SHOW_REFS, &db), NALOX_OK);
	nalox_close(db);
	db = NULL;
	TU_INT(nalox_open(":memory:", 0x80u, &db), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(db);
	TU_INT(nalox_open(":memory:", NALOX_OPEN_READONLY | NALOX_OPEN_CREATE, &db), NALOX_EINVAL);
	CU_ASSERT_PTR_NULL(db);
}

/* Messages name a holder's kind, never the ref, unless the handle was
 * opened with NALOX_OPEN_SHOW_REFS (docs/privacy.md). */
static void test_refs_hidden_in_messages(void)
{
	char *dir = tu_tmpdir();
	char *path = tu_path(dir, "store.db");
	char *csv = tu_path(dir, "moves.csv");
	nalox_db *db = tu_store(dir);
	receive(db, "2026-01-05", 10);
	TU_RC(db, tu_move(db, "2026-01-06", "issue", "T-STORE", "NYXOID", NULL, NULL, 1, NULL,
			  "officer", "C4242", NULL), NALOX_OK);
	nalox_close(db);
	for (int show = 0; show <= 1; show++) {
		db = NULL;
		TU_RC(db, nalox_open(path, show ? NALOX_OPEN_SHOW_REFS : 0, &db), NALOX_OK);
		/* not enough kits with the holder */
		TU_RC(db, tu_move(db, "2026-01-07", "administer", "T-STORE", "NYXOID", NULL, NULL, 3,
				  NULL, "officer", "C4242", NULL), NALOX_ESTOCK);
		TU_MSG(db, show ? "officer 'C4242' has 1 kit" : "officer [ref hidden] has 1 kit");
		TU_RC(db, tu_move(db, "2026-01-07", "administer", "T-STORE", "NYXOID", "NX-A", NULL, 3,
				  NULL, "officer", "C4242", NULL), NALOX_ESTOCK);
		TU_MSG(db, show ? "officer 'C4242' has 1 kit" : "officer [ref hidden] has 1 kit");
		/* a holder never issued anything */
		TU_RC(db, tu_move(db, "2026-01-07", "return", "T-STORE", "NYXOID", NULL, NULL, 1,
				  NULL, "person", "P-777", NULL), NALOX_ENOTFOUND);
		TU_MSG(db, show ? "person 'P-777' holds no kits" : "person [ref hidden] holds no kits");
		/* a malformed ref */
		TU_RC(db, tu_move(db, "2026-01-07", "issue", "T-STORE", "NYXOID", NULL, NULL, 1,
				  NULL, "person", " Jane Doe", NULL), NALOX_EINVAL);
		TU_MSG(db, "field 'holder_ref'");
		TU_MSG(db, "surrounding spaces");
		if (!show) {
			TU_HASNT(nalox_errmsg(db), "Jane");
		}
		/* and through an import: file, line and field, not the ref */
		tu_write(csv, "day,kind,site,product,qty,holder_kind,holder_ref\n"
			 "2026-01-07,administer,T-STORE,NYXOID,1,person,P-777\n");
		TU_RC(db, nalox_import(db, "moves", csv, NULL), NALOX_ENOTFOUND);
		TU_MSG(db, "moves.csv:2: field 'holder_ref'");
		if (show) {
			TU_MSG(db, "P-777");
		} else {
			TU_HASNT(nalox_errmsg(db), "P-777");
		}
		TU_INT(tu_nmoves(db), 2);
		nalox_close(db);
	}
	free(csv);
	free(path);
	tu_rmdir(dir);
}

int main(void)
{
	static CU_TestInfo tests[] = {
		{ "create, close and reopen keeps the data", test_create_reopen },
		{ "schema version", test_schema_version },
		{ ":memory: stores", test_memory },
		{ "missing file without CREATE creates nothing", test_missing_file },
		{ "newer schema refused, file unchanged", test_newer_schema_refused },
		{ "other SQLite file refused, unchanged", test_foreign_sqlite_refused },
		{ "garbage file refused, unchanged", test_garbage_refused },
		{ "an empty file is a store only with NALOX_OPEN_CREATE", test_empty_file_becomes_store },
		{ "backup: an equal, owner-only copy, never over a file", test_backup },
		{ "backup while another process writes: as of one commit", test_backup_with_a_writer },
		{ "WAL journal and foreign keys on", test_wal_and_foreign_keys },
		{ "begin, commit, rollback, nesting", test_transactions },
		{ "failed import inside a transaction undoes only itself",
		  test_import_inside_transaction },
		{ "messages, status texts and versions", test_messages_and_versions },
		{ "the ledger is append-only", test_ledger_append_only },
		{ "schema 1 store migrated on open", test_migrate_v1 },
		{ "schema 2 store from before the needs tables", test_schema_2_without_needs_tables },
		{ "new store files are owner-only under any umask", test_owner_only_files },
		{ "an existing file keeps its mode", test_existing_file_keeps_mode },
		{ "open flags", test_open_flags },
		{ "holder refs hidden in messages unless asked for", test_refs_hidden_in_messages },
		CU_TEST_INFO_NULL
	};
	return tu_main("store", tests);
}
