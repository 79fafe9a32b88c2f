/* Internal: the needs assessment's inputs (areas, cohorts, carriage,
 * orders), stored by import. */
#ifndef NX_NEEDS_INPUTS_H
#define NX_NEEDS_INPUTS_H

#include "store/db.h"

NX_HIDDEN int nx_put_area(nalox_db *db, const char *code, const char *name, double deaths);
NX_HIDDEN int nx_put_cohort(nalox_db *db, const char *area, const char *name, long long people,
			    double share, long long kits_per_person, const char *product);
NX_HIDDEN int nx_put_carriage(nalox_db *db, const char *area, const char *name,
			      const char *holder_kind, long long count, long long kits_each,
			      const char *product);
NX_HIDDEN int nx_put_order(nalox_db *db, const char *ref, const char *area, const char *product,
			   long long qty, const char *ordered, const char *due);

#endif
