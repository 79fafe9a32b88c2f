/* Output files written through an exclusive temporary file and a rename
 * (docs/reliability.md, "Output files"). */
#define _XOPEN_SOURCE 700 /* realpath() */
#include <errno.h>
#include <fcntl.h>
#include <libgen.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "io/outfile.h"

static int fail_open(nalox_db *db, struct nx_outfile *o, const char *path, const char *why)
{
	free(o->target);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	o->fd = -1;
	return nx_err(db, NALOX_EIO, "cannot write %s: %s", path, why);
}

/* The folder of `file`, malloc'd. */
static char *folder_of(const char *file)
{
	char *copy = strdup(file);
	if (!copy)
		return NULL;
	char *dir = strdup(dirname(copy));
	free(copy);
	return dir;
}

int nx_outfile_open(nalox_db *db, const char *path, struct nx_outfile *o)
{
	memset(o, 0, sizeof *o);
	o->fd = -1;
	if (!nx_given(path))
		return nx_err(db, NALOX_EINVAL, "no file to write");
	if (strcmp(path, "-") == 0) {
		o->direct = 1;
		o->fd = dup(STDOUT_FILENO);
		return o->fd < 0 ? fail_open(db, o, "standard output", strerror(errno)) : NALOX_OK;
	}
	struct stat st;
	mode_t mode = 0600;
	if (lstat(path, &st) == 0) {
		if (S_ISLNK(st.st_mode)) {
			/* follow the link: its target is the file to replace */
			char *real = realpath(path, NULL);
			if (!real || stat(real, &st) != 0) {
				free(real);
				return fail_open(db, o, path, "it is a symbolic link to nothing");
			}
			o->target = real;
		}
		if (S_ISCHR(st.st_mode) || S_ISFIFO(st.st_mode)) {
			o->direct = 1;
			o->fd = open(o->target ? o->target : path, O_WRONLY | O_CLOEXEC | O_NOCTTY);
			if (o->fd < 0)
				return fail_open(db, o, path, strerror(errno));
			return NALOX_OK;
		}
		if (S_ISDIR(st.st_mode))
			return fail_open(db, o, path, "it is a folder");
		if (!S_ISREG(st.st_mode))
			return fail_open(db, o, path, "it is not a regular file");
		mode = st.st_mode & 07777;
	} else if (errno != ENOENT) {
		return fail_open(db, o, path, strerror(errno));
	}
	if (!o->target && !(o->target = strdup(path)))
		return fail_open(db, o, path, "out of memory");
	char *dir = folder_of(o->target);
	if (!dir)
		return fail_open(db, o, path, "out of memory");
	/* a short name of our own, so a target near the name limit works */
	size_t n = strlen(dir) + 32;
	o->tmp = malloc(n);
	if (!o->tmp) {
		free(dir);
		return fail_open(db, o, path, "out of memory");
	}
	snprintf(o->tmp, n, "%s/.nalox-XXXXXX", dir);
	free(dir);
	o->fd = mkstemp(o->tmp); /* O_EXCL, mode 0600 */
	if (o->fd < 0)
		return fail_open(db, o, path, strerror(errno));
	fcntl(o->fd, F_SETFD, FD_CLOEXEC);
	if (fchmod(o->fd, mode) != 0) {
		int e = errno;
		close(o->fd);
		unlink(o->tmp);
		return fail_open(db, o, path, strerror(e));
	}
	return NALOX_OK;
}

int nx_outfile_close(nalox_db *db, struct nx_outfile *o, int status)
{
	int rc = status;
	if (o->fd >= 0) {
		if (rc == NALOX_OK && !o->direct && fsync(o->fd) != 0)
			rc = nx_err(db, NALOX_EIO, "cannot write %s: %s", o->target, strerror(errno));
		if (close(o->fd) != 0 && rc == NALOX_OK)
			rc = nx_err(db, NALOX_EIO, "cannot write %s: %s",
				    o->target ? o->target : "standard output", strerror(errno));
	}
	if (o->tmp) {
		if (rc == NALOX_OK && rename(o->tmp, o->target) != 0)
			rc = nx_err(db, NALOX_EIO, "cannot write %s: %s", o->target, strerror(errno));
		if (rc != NALOX_OK)
			unlink(o->tmp);
		else {
			/* the rename itself survives a power cut once its folder is synced */
			char *dir = folder_of(o->target);
			int dfd = dir ? open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC) : -1;
			if (dfd >= 0) {
				fsync(dfd);
				close(dfd);
			}
			free(dir);
		}
	}
	free(o->target);
	free(o->tmp);
	memset(o, 0, sizeof *o);
	o->fd = -1;
	return rc;
}
