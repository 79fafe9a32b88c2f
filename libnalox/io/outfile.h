/* Internal: writing an output file safely (reports, exports, LP files,
 * backups): through a temporary file made exclusively in the target's
 * folder and renamed into place, so a failure leaves the old file whole
 * and nothing planted at a predictable name is ever written through. */
#ifndef NX_OUTFILE_H
#define NX_OUTFILE_H

#include <stdio.h>

#include "store/db.h"

struct nx_outfile {
	char *target;  /* the file that will hold the output (links resolved) */
	char *tmp;     /* the temporary file, or NULL when written directly */
	int fd;        /* where to write */
	int direct;    /* standard output, a device or a FIFO: no rename */
};

/*
 * Open `path` for writing ("-": standard output). A missing path or a
 * regular file gets a new temporary file beside it (created with
 * O_EXCL, mode 0600; an existing file's mode is kept); a symbolic link
 * is followed, and the file it points to is replaced the same way (the
 * link stays); a character device or a FIFO (/dev/null, a pipe) is
 * written directly; a folder, a dangling link or anything else is
 * NALOX_EIO naming the path. On error nothing is left behind.
 */
NX_HIDDEN int nx_outfile_open(nalox_db *db, const char *path, struct nx_outfile *o);
/* Finish: sync, close and rename into place (status NALOX_OK), or close
 * and remove the temporary file (any other status). Returns the final
 * status: a failure to sync or rename is NALOX_EIO naming the path. */
NX_HIDDEN int nx_outfile_close(nalox_db *db, struct nx_outfile *o, int status);

#endif
