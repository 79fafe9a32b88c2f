/* Build a large synthetic store for benchmarks, through the public API so
 * every move passes the ledger's checks:
 *   gen_store PATH [KITS [SITES [HOLDERS]]]   (default 1000000 5000 200000)
 * Sites: one store per area (50 areas) with the rest below them; each site
 * receives lots of two products; KITS issues of one kit each go to HOLDERS
 * holders over two years before the as-of day 2026-11-01. Deterministic. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <nalox/nalox.h>

static unsigned long long rng = 88172645463325252ULL;

static unsigned long long next(void)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return rng;
}

static void die(nalox_db *db, const char *what)
{
	fprintf(stderr, "gen_store: %s: %s\n", what, nalox_errmsg(db));
	exit(1);
}

#define LOTS_PER_SITE 17

int main(int argc, char **argv)
{
	if (argc < 2) {
		fprintf(stderr, "usage: gen_store PATH [KITS [SITES [HOLDERS]]]\n");
		return 2;
	}
	long kits = argc > 2 ? atol(argv[2]) : 1000000;
	int sites = argc > 3 ? atoi(argv[3]) : 5000;
	long holders = argc > 4 ? atol(argv[4]) : 200000;
	nalox_db *db;
	if (nalox_open(argv[1], NALOX_OPEN_CREATE, &db))
		die(db, "open");
	if (nalox_begin(db))
		die(db, "begin");

	const char *products[] = { "NYXOID", "PRENOXAD" };
	for (int i = 0; i < 2; i++) {
		nalox_product_options p = NALOX_PRODUCT_OPTIONS_INIT;
		p.code = products[i];
		p.name = i ? "Prenoxad 2 mg/2 ml" : "Nyxoid 1.8 mg";
		p.route = i ? "intramuscular" : "nasal";
		p.doses_per_kit = i ? 5 : 2;
		p.dose_mg = i ? 0.4 : 1.8;
		p.shelf_life_months = i ? 36 : 30;
		p.unit_cost_pence = i ? 1800 : 2750;
		if (nalox_put_product(db, &p))
			die(db, "product");
	}
	char code[32], parent[32], area[16], lot[32], expiry[16], day[16], ref[32];
	for (int s = 0; s < sites; s++) {
		nalox_site_options o = NALOX_SITE_OPTIONS_INIT;
		snprintf(code, sizeof code, "S%05d", s);
		snprintf(area, sizeof area, "A%02d", s % 50);
		snprintf(parent, sizeof parent, "S%05d", s % 50);
		o.code = code;
		o.name = code;
		o.kind = s < 50 ? "store" : "pharmacy";
		o.area = area;
		o.parent = s < 50 ? NULL : parent;
		if (nalox_put_site(db, &o))
			die(db, "site");
	}
	/* Lots as a real scheme gets them: one received before the period
	 * (2023-12-01, expiring 2026-06: expired by the as-of day), then one
	 * every 45 days from 2024-06-01, each expiring 30 months after its
	 * receipt (as a month, like UK packs). Every site receives every lot. */
	int received[LOTS_PER_SITE], lot_expiry[LOTS_PER_SITE];
	long per_lot[LOTS_PER_SITE];
	long per_site = kits / sites + 1;
	int first_day;
	nalox_day_parse("2024-06-01", 0, &first_day);
	for (int k = 0; k < LOTS_PER_SITE; k++) {
		int y, mo;
		if (k == 0) {
			nalox_day_parse("2023-12-01", 0, &received[k]);
			per_lot[k] = per_site / 20 + 1;
		} else {
			received[k] = first_day + 45 * (k - 1);
			per_lot[k] = per_site * 3 / (2 * (LOTS_PER_SITE - 1)) + 2;
		}
		nalox_day_format(received[k], day, sizeof day);
		sscanf(day, "%d-%d", &y, &mo);
		mo += 30;
		y += (mo - 1) / 12;
		mo = (mo - 1) % 12 + 1;
		snprintf(expiry, sizeof expiry, "%04d-%02d", y, mo);
		nalox_day_parse(expiry, 1, &lot_expiry[k]);
	}
	for (int s = 0; s < sites; s++)
		for (int k = 0; k < LOTS_PER_SITE; k++) {
			nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
			snprintf(code, sizeof code, "S%05d", s);
			snprintf(lot, sizeof lot, "L%02d-%d", k, s % 7);
			nalox_day_format(received[k], day, sizeof day);
			nalox_day_format(lot_expiry[k], expiry, sizeof expiry);
			m.day = day;
			m.kind = "receive";
			m.site = code;
			m.product = products[k % 2];
			m.lot = lot;
			m.expiry = expiry;
			m.qty = per_lot[k];
			if (nalox_record_move(db, &m, NULL))
				die(db, "receive");
		}
	/* Issues of one kit each, in day order from 2024-10-31 to 2026-10-01,
	 * mostly first expiry first out, sometimes a later lot. */
	long *left = malloc(sizeof *left * (size_t)sites * LOTS_PER_SITE);
	for (long i = 0; i < (long)sites * LOTS_PER_SITE; i++)
		left[i] = per_lot[i % LOTS_PER_SITE];
	nalox_day_parse("2024-10-31", 0, &first_day);
	for (long i = 0; i < kits; i++) {
		int today = first_day + (int)(700 * i / kits);
		int s, k, tries = 0;
		do {
			s = (int)(next() % (unsigned long long)sites);
			for (k = 0; k < LOTS_PER_SITE; k++)
				if (left[s * LOTS_PER_SITE + k] > 0 && received[k] <= today &&
				    lot_expiry[k] >= today)
					break;
		} while (k == LOTS_PER_SITE && ++tries < 1000);
		if (k == LOTS_PER_SITE) {
			fprintf(stderr, "gen_store: ran out of in-date stock\n");
			return 1;
		}
		if (next() % 4 == 0) {
			int j = k + 1 + (int)(next() % 3);
			if (j < LOTS_PER_SITE && left[s * LOTS_PER_SITE + j] > 0 && received[j] <= today)
				k = j;
		}
		left[s * LOTS_PER_SITE + k]--;
		nalox_day_format(today, day, sizeof day);
		nalox_move_options m = NALOX_MOVE_OPTIONS_INIT;
		snprintf(code, sizeof code, "S%05d", s);
		snprintf(lot, sizeof lot, "L%02d-%d", k, s % 7);
		long who = (long)(next() % (unsigned long long)holders);
		snprintf(ref, sizeof ref, "%c%06ld", "PPPPOL"[who % 6], who);
		m.day = day;
		m.kind = "issue";
		m.site = code;
		m.product = products[k % 2];
		m.lot = lot;
		m.qty = 1;
		m.holder_kind = ref[0] == 'O' ? "officer" : ref[0] == 'L' ? "place" : "person";
		m.holder_ref = ref;
		if (nalox_record_move(db, &m, NULL))
			die(db, "issue");
		if (i % 100000 == 99999)
			fprintf(stderr, "gen_store: %ld kits issued\n", i + 1);
	}
	free(left);
	if (nalox_commit(db))
		die(db, "commit");
	nalox_close(db);
	printf("gen_store: %s: %d sites, %ld kits issued to up to %ld holders\n", argv[1],
	       sites, kits, holders);
	return 0;
}
