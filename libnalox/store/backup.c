/* nalox_backup: a consistent copy of the store through SQLite's online
 * backup API, written beside its destination and renamed into place. */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/outfile.h"
#include "store/db.h"

int nalox_backup(nalox_db *db, const char *path)
{
	if (!db)
		return NALOX_EINVAL;
	if (!nx_given(path))
		return nx_err(db, NALOX_EINVAL, "no file to back up to");
	if (strcmp(path, "-") == 0)
		return nx_err(db, NALOX_EINVAL, "a backup is a file: name one");
	struct stat st;
	if (lstat(path, &st) == 0)
		return nx_err(db, NALOX_EEXISTS, "%s exists: a backup never overwrites a file; "
			      "name a new one", path);
	if (errno != ENOENT)
		return nx_err(db, NALOX_EIO, "cannot write %s: %s", path, strerror(errno));
	if (db->user_txn)
		return nx_err(db, NALOX_EINVAL, "a backup cannot be made inside nalox_begin()");
	struct nx_outfile o;
	int rc = nx_outfile_open(db, path, &o);
	if (rc)
		return rc;
	/* SQLite writes the copy through its own connection to the
	 * temporary file made for it (owner-only, in the target's folder). */
	sqlite3 *to = NULL;
	if (sqlite3_open_v2(o.tmp, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, NULL) !=
	    SQLITE_OK) {
		rc = nx_err(db, NALOX_EIO, "cannot write %s: %s", path,
			    to ? sqlite3_errmsg(to) : "out of memory");
		sqlite3_close(to);
		return nx_outfile_close(db, &o, rc);
	}
	/* One step copies every page inside one read transaction of the
	 * source: the copy is the store as of one commit, whatever another
	 * process writes meanwhile (WAL lets that writer go on). */
	sqlite3_backup *b = sqlite3_backup_init(to, "main", db->sql, "main");
	if (!b) {
		rc = nx_err(db, NALOX_EIO, "cannot back up to %s: %s", path, sqlite3_errmsg(to));
	} else {
		int step, waited = 0;
		while (((step = sqlite3_backup_step(b, -1)) == SQLITE_BUSY ||
			step == SQLITE_LOCKED) && waited < NX_BUSY_MS) {
			sqlite3_sleep(20);
			waited += 20;
		}
		int fin = sqlite3_backup_finish(b);
		if (step == SQLITE_BUSY || step == SQLITE_LOCKED)
			rc = nx_err(db, NALOX_EBUSY, "cannot back up to %s: the store stayed "
				    "locked for %d s", path, NX_BUSY_MS / 1000);
		else if (step != SQLITE_DONE || fin != SQLITE_OK)
			rc = nx_err(db, step == SQLITE_NOMEM ? NALOX_ENOMEM : NALOX_EIO,
				    "cannot back up to %s: %s", path, sqlite3_errmsg(to));
	}
	/* the copy is checked before it takes the name */
	if (rc == NALOX_OK) {
		sqlite3_stmt *check = NULL;
		int ok = sqlite3_prepare_v2(to, "PRAGMA integrity_check", -1, &check, NULL) == SQLITE_OK &&
			 sqlite3_step(check) == SQLITE_ROW &&
			 strcmp((const char *)sqlite3_column_text(check, 0), "ok") == 0;
		sqlite3_finalize(check);
		if (!ok)
			rc = nx_err(db, NALOX_EIO, "the copy written to %s failed its integrity "
				    "check; nothing was kept", path);
	}
	if (sqlite3_close(to) != SQLITE_OK && rc == NALOX_OK)
		rc = nx_err(db, NALOX_EIO, "cannot finish %s", path);
	/* SQLite's -journal beside the temporary file is gone after a clean
	 * close; the rename puts the checked copy in place. */
	rc = nx_outfile_close(db, &o, rc);
	return rc == NALOX_OK ? nx_ok(db) : rc;
}
