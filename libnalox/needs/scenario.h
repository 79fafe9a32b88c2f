/* Internal: needs-assessment scenarios, read from INI files. */
#ifndef NX_SCENARIO_H
#define NX_SCENARIO_H

#include "store/db.h"
#include "store/limits.h"

#define NX_PRICES_MAX 16
#define NX_SCENARIO_LINE_MAX 1024       /* bytes of a line, with its NUL */
#define NX_SCENARIO_BYTES_MAX (1 << 20) /* bytes of a scenario file */

struct nx_scenario {
	char name[128];
	int horizon_days;            /* H */
	double overdose_multiplier;  /* on the measured rate of use */
	double doses_per_overdose;   /* heroin-type overdose */
	double synthetic_share;      /* s: share of overdoses from potent synthetics */
	double synthetic_doses;      /* doses per synthetic-opioid overdose */
	double surge_events;         /* extra overdoses in the horizon */
	char surge_product[NX_CODE_MAX + 1];      /* the product the surge is met with */
	int lead_time_days;
	double service_level_z;
	double price_multiplier;     /* all products, unless named below */
	struct { char product[NX_CODE_MAX + 1]; double multiplier; } prices[NX_PRICES_MAX];
	int nprices;
	int msn;                     /* a Medicine Supply Notification applies */
	char msn_product[NX_CODE_MAX + 1];
	double msn_supply_share;     /* share of normal supply still available */
	int msn_weeks;
	char msn_substitute[NX_CODE_MAX + 1];
};

/* Defaults: the baseline (no scenario file). */
NX_HIDDEN void nx_scenario_default(struct nx_scenario *sc);
/* Read `path` over the defaults; errors name the file, line and key. */
NX_HIDDEN int nx_scenario_load(nalox_db *db, const char *path, struct nx_scenario *sc);
/* The price multiplier for a product code. */
NX_HIDDEN double nx_scenario_price(const struct nx_scenario *sc, const char *product);
/* Doses per overdose under the scenario's mix of heroin-type and synthetic. */
NX_HIDDEN double nx_scenario_doses(const struct nx_scenario *sc);

#endif
