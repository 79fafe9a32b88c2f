/* The store handle: opening, schema versions, errors, statements and
 * transactions. */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "store/db.h"
#include "store/schema.h"

const char *nalox_version(void)
{
	return NALOX_VERSION;
}

int nalox_version_number(void)
{
	return NALOX_VERSION_NUMBER;
}

const char *nalox_strerror(int status)
{
	switch (status) {
	case NALOX_OK: return "ok";
	case NALOX_ROW: return "a row is ready";
	case NALOX_DONE: return "no more rows";
	case NALOX_EINVAL: return "invalid argument";
	case NALOX_ENOMEM: return "out of memory";
	case NALOX_EIO: return "input/output error";
	case NALOX_ESTORE: return "store error";
	case NALOX_ESCHEMA: return "store written by a newer libnalox";
	case NALOX_EINPUT: return "bad input data";
	case NALOX_ENOTFOUND: return "not found";
	case NALOX_ESTOCK: return "not enough stock";
	case NALOX_EEXISTS: return "already exists";
	case NALOX_EBUSY: return "store is busy";
	case NALOX_EEXPIRY: return "expired or too close to expiry";
	case NALOX_ESOLVER: return "solver failed";
	default: return "unknown status";
	}
}

int nx_err(nalox_db *db, int code, const char *fmt, ...)
{
	va_list ap;
	db->code = code;
	va_start(ap, fmt);
	vsnprintf(db->msg, sizeof db->msg, fmt, ap);
	va_end(ap);
	return code;
}

int nx_err_prefix(nalox_db *db, const char *fmt, ...)
{
	char head[NX_MSG_MAX], old[NX_MSG_MAX];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(head, sizeof head, fmt, ap);
	va_end(ap);
	memcpy(old, db->msg, sizeof old);
	size_t h = strlen(head), o = strlen(old);
	if (h > sizeof db->msg - 1)
		h = sizeof db->msg - 1;
	if (o > sizeof db->msg - 1 - h)
		o = sizeof db->msg - 1 - h;
	memcpy(db->msg, head, h);
	memcpy(db->msg + h, old, o);
	db->msg[h + o] = '\0';
	return db->code;
}

int nx_err_sql(nalox_db *db, const char *what)
{
	int rc = sqlite3_extended_errcode(db->sql);
	const char *path = db->path ? db->path : "the store";
	const char *why = sqlite3_errmsg(db->sql);
	switch (rc & 0xff) {
	case SQLITE_NOMEM:
		return nx_err(db, NALOX_ENOMEM, "%s: out of memory", what);
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		/* SQLite already waited NX_BUSY_MS for the lock. */
		return nx_err(db, NALOX_EBUSY, "%s: %s is busy: another connection held "
			      "it locked for more than %d s; nothing was changed, try again",
			      what, path, NX_BUSY_MS / 1000);
	case SQLITE_CONSTRAINT:
		return nx_err(db, rc == SQLITE_CONSTRAINT_UNIQUE ? NALOX_EEXISTS : NALOX_EINVAL,
			      "%s: %s", what, why);
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		return nx_err(db, NALOX_ESTORE, "%s: %s is damaged (%s): it may have been "
			      "truncated or overwritten; restore it from a backup",
			      what, path, why);
	case SQLITE_READONLY:
		return nx_err(db, NALOX_ESTORE, "%s: %s is read-only (%s): check that the file "
			      "and its folder are writable; nothing was changed", what, path, why);
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return nx_err(db, NALOX_ESTORE, "%s: cannot use %s (%s): check that the file "
			      "and its folder exist and are readable and writable (a store "
			      "writes -wal and -shm files beside itself)", what, path, why);
	case SQLITE_FULL:
		return nx_err(db, NALOX_ESTORE, "%s: the disk holding %s is full; nothing was "
			      "changed", what, path);
	default:
		return nx_err(db, NALOX_ESTORE, "%s: %s", what, why);
	}
}

const char *nx_ref_shown(const nalox_db *db, const char *ref, char *buf, size_t size)
{
	if (db && db->show_refs)
		snprintf(buf, size, "'%s'", ref ? ref : "");
	else
		snprintf(buf, size, "[ref hidden]");
	return buf;
}

const char *nx_holder_name(const nalox_db *db, const char *kind, const char *ref,
			   char *buf, size_t size)
{
	char shown[80];
	snprintf(buf, size, "%s %s", kind ? kind : "holder",
		 nx_ref_shown(db, ref, shown, sizeof shown));
	return buf;
}

int nx_ok(nalox_db *db)
{
	db->code = NALOX_OK;
	db->msg[0] = '\0';
	return NALOX_OK;
}

const char *nalox_errmsg(const nalox_db *db)
{
	return db ? db->msg : "out of memory";
}

int nalox_errcode(const nalox_db *db)
{
	return db ? db->code : NALOX_ENOMEM;
}

int nalox_schema_version(const nalox_db *db)
{
	return db ? db->schema : 0;
}

sqlite3_stmt *nx_stmt(nalox_db *db, const char *sql)
{
	if (!db->sql) {
		nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
		return NULL;
	}
	for (int i = 0; i < db->ncached; i++) {
		if (db->cache[i].sql == sql) {
			sqlite3_reset(db->cache[i].st);
			sqlite3_clear_bindings(db->cache[i].st);
			return db->cache[i].st;
		}
	}
	sqlite3_stmt *st = NULL;
	if (sqlite3_prepare_v3(db->sql, sql, -1, SQLITE_PREPARE_PERSISTENT,
			       &st, NULL) != SQLITE_OK) {
		nx_err_sql(db, "preparing a query");
		return NULL;
	}
	if (db->ncached < NX_STMT_CACHE) {
		db->cache[db->ncached].sql = sql;
		db->cache[db->ncached].st = st;
		db->ncached++;
	} else {
		/* Full: evict the oldest. The cache is sized for every static
		 * statement, so this is only a safety net. */
		sqlite3_finalize(db->cache[0].st);
		memmove(db->cache, db->cache + 1,
			sizeof db->cache[0] * (NX_STMT_CACHE - 1));
		db->cache[NX_STMT_CACHE - 1].sql = sql;
		db->cache[NX_STMT_CACHE - 1].st = st;
	}
	return st;
}

int nx_step_one(nalox_db *db, sqlite3_stmt *st, const char *what, sqlite3_int64 *out)
{
	int rc = sqlite3_step(st);
	if (rc == SQLITE_ROW && out)
		*out = sqlite3_column_int64(st, 0);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE) {
		rc = nx_err_sql(db, what);
		sqlite3_reset(st);
		return rc;
	}
	sqlite3_reset(st);
	return rc == SQLITE_ROW;
}

sqlite3_int64 nx_lookup(nalox_db *db, const char *sql, const char *key, const char *what)
{
	sqlite3_stmt *st = nx_stmt(db, sql);
	sqlite3_int64 id = 0;
	if (!st)
		return db->code;
	nx_bind_text(st, 1, key);
	int rc = nx_step_one(db, st, what, &id);
	return rc < 0 ? rc : rc ? id : 0;
}

int nx_exec(nalox_db *db, const char *sql)
{
	if (!db->sql)
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	if (sqlite3_exec(db->sql, sql, NULL, NULL, NULL) != SQLITE_OK)
		return nx_err_sql(db, "store");
	return NALOX_OK;
}

int nx_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT)
		 : sqlite3_bind_null(st, i);
}

int nx_txn_begin(nalox_db *db, struct nx_txn *t)
{
	if (!db->sql)
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	t->outer = sqlite3_get_autocommit(db->sql);
	/* IMMEDIATE takes the write lock up front, so two writers wait for
	 * each other (busy timeout) instead of deadlocking on an upgrade. */
	return nx_exec(db, t->outer ? "BEGIN IMMEDIATE" : "SAVEPOINT nx");
}

int nx_txn_end(nalox_db *db, struct nx_txn *t, int status)
{
	if (status == NALOX_OK) {
		int rc = nx_exec(db, t->outer ? "COMMIT" : "RELEASE nx");
		if (rc == NALOX_OK)
			return NALOX_OK;
		status = rc;
	}
	/* Keep the original message: the undo must not overwrite it. */
	char msg[NX_MSG_MAX];
	memcpy(msg, db->msg, sizeof msg);
	sqlite3_exec(db->sql, t->outer ? "ROLLBACK" : "ROLLBACK TO nx; RELEASE nx",
		     NULL, NULL, NULL);
	memcpy(db->msg, msg, sizeof msg);
	db->code = status;
	return status;
}

int nalox_begin(nalox_db *db)
{
	if (!db)
		return NALOX_EINVAL;
	if (!db->sql)
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	if (db->user_txn || !sqlite3_get_autocommit(db->sql))
		return nx_err(db, NALOX_EINVAL, "a transaction is already open");
	int rc = nx_exec(db, "BEGIN IMMEDIATE");
	if (rc == NALOX_OK)
		db->user_txn = 1;
	return rc == NALOX_OK ? nx_ok(db) : rc;
}

static int end_user_txn(nalox_db *db, const char *sql)
{
	if (!db)
		return NALOX_EINVAL;
	if (!db->user_txn)
		return nx_err(db, NALOX_EINVAL, "no transaction is open (call nalox_begin first)");
	int rc = nx_exec(db, sql);
	if (rc == NALOX_OK || sqlite3_get_autocommit(db->sql))
		db->user_txn = 0;
	return rc == NALOX_OK ? nx_ok(db) : rc;
}

int nalox_commit(nalox_db *db)
{
	return end_user_txn(db, "COMMIT");
}

int nalox_rollback(nalox_db *db)
{
	return end_user_txn(db, "ROLLBACK");
}

static const char user_version[] = "PRAGMA user_version";
static const char application_id[] = "PRAGMA application_id";
static const char schema_size[] = "SELECT count(*) FROM sqlite_schema";

/* One integer a static statement reads (cached, like every statement). */
static int pragma_int(nalox_db *db, const char *sql, int *out)
{
	sqlite3_stmt *st = nx_stmt(db, sql);
	sqlite3_int64 v = 0;
	*out = 0;
	if (!st)
		return db->code;
	int rc = nx_step_one(db, st, "reading the store", &v);
	*out = (int)v;
	return rc < 0 ? rc : NALOX_OK;
}

/* Bring the schema up to date, or refuse a store we do not understand. */
static int check_schema(nalox_db *db, const char *path, unsigned flags)
{
	int version, app, tables, rc;
	if ((rc = pragma_int(db, user_version, &version)) ||
	    (rc = pragma_int(db, application_id, &app)) ||
	    (rc = pragma_int(db, schema_size, &tables)))
		return rc;
	if (app != NX_APPLICATION_ID && (tables > 0 || version > 0))
		return nx_err(db, NALOX_ESTORE,
			      "%s is an SQLite file but not a nalox store; "
			      "refusing to change it", path);
	/* An empty database (a 0-byte file, or one SQLite made but nobody
	 * filled) becomes a store only when asked: a mistyped path must not
	 * turn into a new, empty store that reports no stock. */
	if (app == 0 && tables == 0 && version == 0 && !(flags & NALOX_OPEN_CREATE) &&
	    strcmp(path, ":memory:") != 0)
		return nx_err(db, NALOX_ESTORE,
			      "%s is empty or damaged: it holds no nalox store (0 tables); "
			      "to make a new store there, run 'nalox init' (nalox_open() with "
			      "NALOX_OPEN_CREATE)", path);
	if (version > nx_schema_latest())
		return nx_err(db, NALOX_ESCHEMA,
			      "%s has schema version %d, newer than this libnalox "
			      "(%s) understands (%d); upgrade libnalox to use it. "
			      "The store was not changed.",
			      path, version, NALOX_VERSION, nx_schema_latest());
	db->schema = version;
	if (version == nx_schema_latest())
		return NALOX_OK;
	if (flags & NALOX_OPEN_READONLY)
		return nx_err(db, NALOX_ESTORE,
			      "%s has schema version %d and needs migrating to %d; "
			      "open it once for writing (nalox init does)", path, version,
			      nx_schema_latest());
	struct nx_txn t;
	if ((rc = nx_txn_begin(db, &t)))
		return rc;
	/* Another process may have created or migrated the store while we
	 * waited for the write lock: read the version again under it. */
	if ((rc = pragma_int(db, user_version, &version)) == NALOX_OK &&
	    version >= nx_schema_latest()) {
		db->schema = version;
		rc = version > nx_schema_latest()
			? nx_err(db, NALOX_ESCHEMA, "%s has schema version %d, newer than this "
				 "libnalox understands (%d)", path, version, nx_schema_latest())
			: NALOX_OK;
		return nx_txn_end(db, &t, rc);
	}
	for (int v = version; v < nx_schema_latest() && rc == NALOX_OK; v++)
		rc = nx_exec(db, nx_schema_migration(v));
	if (rc == NALOX_OK) {
		char sql[96];
		snprintf(sql, sizeof sql,
			 "PRAGMA application_id = %d; PRAGMA user_version = %d",
			 NX_APPLICATION_ID, nx_schema_latest());
		rc = nx_exec(db, sql);
	}
	rc = nx_txn_end(db, &t, rc);
	if (rc == NALOX_OK)
		db->schema = nx_schema_latest();
	return rc;
}

/* Create a missing store file with owner-only permissions before SQLite
 * opens it: SQLite would create it 0644 less the umask, and gives the
 * -wal and -shm files the mode of the database file. */
static int create_private(nalox_db *db, const char *path)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	if (fd < 0) {
		if (errno == EEXIST) /* someone else made it first: theirs */
			return NALOX_OK;
		return nx_err(db, NALOX_ESTORE, "cannot open store %s: cannot create the "
			      "file: %s", path, strerror(errno));
	}
	/* The umask may have taken bits from 0600 (0177 leaves 0400): set
	 * the mode exactly; fchmod is not filtered by the umask. */
	int rc = fchmod(fd, 0600);
	int saved = errno;
	close(fd);
	if (rc != 0)
		return nx_err(db, NALOX_ESTORE, "cannot set the permissions of store %s: %s",
			      path, strerror(saved));
	return NALOX_OK;
}

/* Why SQLite could not read the file at open, in the user's terms. */
static int open_failure(nalox_db *db, const char *path)
{
	int rc = sqlite3_extended_errcode(db->sql);
	switch (rc & 0xff) {
	case SQLITE_NOTADB:
		return nx_err(db, NALOX_ESTORE, "%s is not a nalox store (not an SQLite "
			      "database): refusing to change it", path);
	case SQLITE_NOMEM:
	case SQLITE_CORRUPT:
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		return nx_err_sql(db, "opening the store");
	case SQLITE_READONLY:
	case SQLITE_CANTOPEN:
	case SQLITE_PERM:
		return nx_err(db, NALOX_ESTORE, "cannot read store %s (%s): its folder must be "
			      "writable, or hold readable %s-wal and %s-shm files, because "
			      "the store is shared through them", path,
			      sqlite3_errmsg(db->sql), path, path);
	default:
		return nx_err(db, NALOX_ESTORE, "%s is not a nalox store: %s", path,
			      sqlite3_errmsg(db->sql));
	}
}

int nalox_open(const char *path, unsigned flags, nalox_db **out)
{
	if (!out)
		return NALOX_EINVAL;
	*out = NULL;
	if (!path ||
	    (flags & ~(NALOX_OPEN_READONLY | NALOX_OPEN_CREATE | NALOX_OPEN_SHOW_REFS)) ||
	    ((flags & NALOX_OPEN_READONLY) && (flags & NALOX_OPEN_CREATE)))
		return NALOX_EINVAL;
	nalox_db *db = calloc(1, sizeof *db);
	if (!db)
		return NALOX_ENOMEM;
	*out = db;
	db->show_refs = (flags & NALOX_OPEN_SHOW_REFS) != 0;
	db->path = strdup(path);
	if (!db->path)
		return nx_err(db, NALOX_ENOMEM, "out of memory opening %s", path);

	int memory = strcmp(path, ":memory:") == 0;
	if (!memory && access(path, F_OK) != 0) {
		if (!(flags & NALOX_OPEN_CREATE))
			return nx_err(db, NALOX_ESTORE,
				      "no store at %s (create one: 'nalox init', or nalox_open() "
				      "with NALOX_OPEN_CREATE)", path);
		if (create_private(db, path) != NALOX_OK)
			return db->code;
	}
	int oflags = (flags & NALOX_OPEN_READONLY) ? SQLITE_OPEN_READONLY
		   : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
	if (sqlite3_open_v2(path, &db->sql, oflags | SQLITE_OPEN_NOMUTEX, NULL) != SQLITE_OK) {
		if (!db->sql)
			return nx_err(db, NALOX_ENOMEM, "out of memory opening %s", path);
		return nx_err(db, NALOX_ESTORE, "cannot open store %s: %s", path,
			      sqlite3_errmsg(db->sql));
	}
	sqlite3_extended_result_codes(db->sql, 1);
	sqlite3_busy_timeout(db->sql, NX_BUSY_MS);
	int rc = nx_exec(db, "PRAGMA foreign_keys = ON");
	if (rc == NALOX_OK && !memory) {
		/* Reading the schema first proves the file is a database at
		 * all, before WAL mode writes anything to it. */
		int dummy;
		rc = pragma_int(db, schema_size, &dummy);
		if (rc != NALOX_OK)
			rc = open_failure(db, path);
	}
	if (rc == NALOX_OK)
		rc = check_schema(db, path, flags);
	/* A file the OS lets us only read (SQLite then opens it read-only)
	 * keeps its journal mode: queries work, writes say why they fail. */
	if (rc == NALOX_OK && !(flags & NALOX_OPEN_READONLY) && !memory &&
	    sqlite3_db_readonly(db->sql, "main") == 0)
		rc = nx_exec(db, "PRAGMA journal_mode = WAL");
	/* A commit that returned is on disk, even through a power cut (in WAL
	 * mode NORMAL may lose the last commits then; FULL syncs each one). */
	if (rc == NALOX_OK && !memory)
		rc = nx_exec(db, "PRAGMA synchronous = FULL");
	if (rc != NALOX_OK) {
		if (db->code == NALOX_OK)
			db->code = rc;
		return rc;
	}
	return nx_ok(db);
}

int nalox_close(nalox_db *db)
{
	if (!db)
		return NALOX_OK;
	for (int i = 0; i < db->ncached; i++)
		sqlite3_finalize(db->cache[i].st);
	if (db->sql) {
		if (db->user_txn)
			sqlite3_exec(db->sql, "ROLLBACK", NULL, NULL, NULL);
		sqlite3_close_v2(db->sql);
	}
	free(db->path);
	free(db);
	return NALOX_OK;
}
