/* libFuzzer: scenario files (INI: sections, key = value options, comments)
 * as `nalox needs --scenario` reads them. Beyond "no crash": a scenario
 * that loads has every option within its documented range. */
#include <math.h>

#include "../../libnalox/needs/scenario.h"
#include "fuzz_util.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	nalox_db *db = fuzz_db();
	const char *path = fuzz_file(data, size, ".ini");
	struct nx_scenario sc;
	nx_scenario_default(&sc);
	if (nx_scenario_load(db, path, &sc) == NALOX_OK) {
		if (sc.horizon_days < 7 || sc.horizon_days > 3650 || sc.lead_time_days < 0 ||
		    sc.lead_time_days > 365 || !(sc.synthetic_share >= 0 && sc.synthetic_share <= 1) ||
		    !(sc.msn_supply_share >= 0 && sc.msn_supply_share <= 1) ||
		    sc.nprices < 0 || sc.nprices > NX_PRICES_MAX ||
		    !isfinite(nx_scenario_doses(&sc)) || memchr(sc.name, '\0', sizeof sc.name) == NULL)
			abort();
		for (int i = 0; i < sc.nprices; i++)
			(void)nx_scenario_price(&sc, sc.prices[i].product);
	} else if (nalox_errmsg(db)[0] == '\0') {
		abort();
	}
	return 0;
}
