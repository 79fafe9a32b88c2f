/* libnalox: naloxone stock and supply planning.
 *
 * The one header to include. Link with -lnalox (pkg-config libnalox).
 * Conventions: every function returns 0 (NALOX_OK) or a negative
 * NALOX_E* status, results come back through out-parameters, the message
 * for the last error is nalox_errmsg(db), every handle has its free
 * function, and every query takes its as-of day as an argument: the
 * library never reads the clock.
 */
#ifndef NALOX_H
#define NALOX_H

#include "common.h"
#include "store.h"
#include "rows.h"
#include "catalog.h"
#include "ledger.h"
#include "stock.h"
#include "import.h"
#include "expiry.h"
#include "administration.h"
#include "reconcile.h"
#include "needs.h"
#include "report.h"
#include "alloc.h"
#include "names.h"

#endif
