/* Internal: recording a move inside a caller's transaction. */
#ifndef NX_LEDGER_INT_H
#define NX_LEDGER_INT_H

#include "store/db.h"

/* Validate and append one move; the message names the field but no file.
 * The caller owns the transaction. */
NX_HIDDEN int nx_record_move(nalox_db *db, const nalox_move_options *m, long long *id);

/* Record an administration inside the caller's transaction. */
NX_HIDDEN int nx_record_administration(nalox_db *db, const nalox_administration_options *a,
				       long long *id);

#endif
