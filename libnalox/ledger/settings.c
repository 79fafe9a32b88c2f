/* The store's settings by name (nalox_settings, nalox_set_setting), one
 * entry per word of NALOX_NAMES_SETTINGS: how each is read, set, and
 * explained. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store/rows_int.h"
#include "store/names_int.h"

/* min-issue-days: the setting table's 'min_issue_days' */
static int get_min_issue_days(nalox_db *db, char *buf, size_t size)
{
	sqlite3_stmt *st = nx_stmt(db, "SELECT value FROM setting WHERE key = 'min_issue_days'");
	if (!st)
		return db->code;
	int rc = sqlite3_step(st);
	snprintf(buf, size, "%s", rc == SQLITE_ROW ? (const char *)sqlite3_column_text(st, 0) : "0");
	sqlite3_reset(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? NALOX_OK : nx_err_sql(db, "reading a setting");
}

static int set_min_issue_days(nalox_db *db, const char *value)
{
	char *end;
	errno = 0;
	long long v = strtoll(value, &end, 10);
	if (end == value || *end || (*value < '0' || *value > '9'))
		return nx_err(db, NALOX_EINVAL, "min-issue-days: '%s' is not a whole number of days",
			      value);
	if (errno == ERANGE || v > INT_MAX)
		return nx_err(db, NALOX_EINVAL, "min-issue-days: '%s' is too large", value);
	/* its message names the field: "min_issue_days: 5000 days is not ..." */
	return nalox_set_min_issue_days(db, (int)v);
}

/* In the order of NALOX_NAMES_SETTINGS (names.c), which names them. */
static const struct setting {
	const char *deflt, *meaning;
	int (*get)(nalox_db *db, char *buf, size_t size);
	int (*set)(nalox_db *db, const char *value);
} settings[] = {
	{ "0", "days of shelf life a kit must have left to be issued (a product's own "
	       "min_issue_days overrides it; expired kits are never issued)",
	  get_min_issue_days, set_min_issue_days },
};
#define NSETTINGS ((int)(sizeof settings / sizeof settings[0]))

int nalox_settings(nalox_db *db, nalox_rows **out)
{
	static const char *const names[] = { "setting", "value", "default", "meaning" };
	const char *name;
	char value[64];
	if (!db)
		return NALOX_EINVAL;
	if (!out)
		return nx_err(db, NALOX_EINVAL, "no place for the result (out is NULL)");
	*out = NULL;
	if (!db->sql)
		return nx_err(db, NALOX_EINVAL, "the store is not open (nalox_open failed)");
	int rc = nx_rows_mem(db, out, "tttt", names);
	for (int i = 0; rc == NALOX_OK && (name = nalox_name(NALOX_NAMES_SETTINGS, i, NULL)) &&
	     i < NSETTINGS; i++) {
		if ((rc = settings[i].get(db, value, sizeof value)) == NALOX_OK) {
			const char *v[] = { name, value, settings[i].deflt, settings[i].meaning };
			rc = nx_rows_add(*out, v);
		}
	}
	if (rc != NALOX_OK) {
		nalox_rows_free(*out);
		*out = NULL;
		return rc;
	}
	return nx_ok(db);
}

int nalox_set_setting(nalox_db *db, const char *name, const char *value)
{
	int i;
	char list[256];
	if (!db)
		return NALOX_EINVAL;
	if (nalox_name_parse(NALOX_NAMES_SETTINGS, name, &i) != NALOX_OK || i >= NSETTINGS) {
		const char *near = name ? nalox_name_suggest(NALOX_NAMES_SETTINGS, name) : NULL;
		return nx_err(db, NALOX_ENOTFOUND, "unknown setting '%s' (%s)%s%s%s", name ? name : "",
			      nx_list(nx_names(NALOX_NAMES_SETTINGS), list, sizeof list),
			      near ? "; did you mean '" : "", near ? near : "", near ? "'?" : "");
	}
	if (!value)
		return nx_err(db, NALOX_EINVAL, "%s: no value", name);
	return settings[i].set(db, value);
}
