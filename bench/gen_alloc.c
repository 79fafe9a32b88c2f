/*
 * A national supply-notification instance for `nalox allocate`
 * (bench/alloc.sh, bench/README.md).
 *
 *   bench/gen_alloc DIR [SITES]
 *
 * writes into DIR, the same files for the same arguments:
 *   sites.csv   SITES sites (default 5,000) in a tree: a national store,
 *               then ten children per site (1 + 10 + 100 + 1,000 + 3,889);
 *   moves.csv   each site receives 3 lots of each of 2 products (NYXOID,
 *               PRENOXAD) on 2026-10-01, expiring 2026-12-31, 2027-06-30
 *               and 2028-06-30, 1 to 20 kits each: 30,000 supply groups;
 *   demand.csv  3 demand lines per site (15,000): 5 to 60 kits, weights 1
 *               to 10; cohort c0 takes either product with a 25% floor,
 *               c1 nasal only, c2 either; shelf life 0, 30, 90 or 200 days.
 * Supply is about 315,000 kits and demand about 487,000: scarce. With the
 * default transfers (a site and its parent, both ways) the model has
 * about 187,000 edges.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state = 0x9E3779B97F4A7C15ULL;

/* splitmix64: a fixed, portable sequence */
static unsigned long long next(void)
{
	unsigned long long z = (state += 0x9E3779B97F4A7C15ULL);
	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

/* A whole number from lo to hi. */
static int between(int lo, int hi)
{
	return lo + (int)(next() % (unsigned long long)(hi - lo + 1));
}

static FILE *create(const char *dir, const char *name)
{
	char path[4096];
	snprintf(path, sizeof path, "%s/%s", dir, name);
	FILE *f = fopen(path, "w");
	if (!f) {
		fprintf(stderr, "gen_alloc: %s: %s\n", path, strerror(errno));
		exit(1);
	}
	return f;
}

static void finish(FILE *f, const char *name)
{
	if (ferror(f) || fclose(f) != 0) {
		fprintf(stderr, "gen_alloc: %s: write error\n", name);
		exit(1);
	}
}

int main(int argc, char **argv)
{
	if (argc < 2 || argc > 3) {
		fprintf(stderr, "usage: gen_alloc DIR [SITES]\n");
		return 2;
	}
	const char *dir = argv[1];
	int sites = argc > 2 ? atoi(argv[2]) : 5000;
	if (sites < 1 || sites > 1000000) {
		fprintf(stderr, "gen_alloc: SITES must be 1 to 1000000\n");
		return 2;
	}
	static const char *const products[2] = { "NYXOID", "PRENOXAD" };
	static const char *const expiries[3] = { "2026-12-31", "2027-06-30", "2028-06-30" };
	static const int lives[4] = { 0, 30, 90, 200 };

	FILE *f = create(dir, "sites.csv");
	fprintf(f, "code,name,kind,area,parent\n");
	for (int i = 0; i < sites; i++) {
		if (i == 0)
			fprintf(f, "S%05d,Site %d,store,A%d,\n", i, i, i % 50);
		else
			fprintf(f, "S%05d,Site %d,pharmacy,A%d,S%05d\n", i, i, i % 50, (i - 1) / 10);
	}
	finish(f, "sites.csv");

	long long supply = 0, demand = 0;
	f = create(dir, "moves.csv");
	fprintf(f, "day,kind,site,product,lot,expiry,qty\n");
	for (int i = 0; i < sites; i++)
		for (int p = 0; p < 2; p++)
			for (int k = 0; k < 3; k++) {
				int q = between(1, 20);
				supply += q;
				fprintf(f, "2026-10-01,receive,S%05d,%s,L%05d%c%d,%s,%d\n", i,
					products[p], i, products[p][0], k, expiries[k], q);
			}
	finish(f, "moves.csv");

	f = create(dir, "demand.csv");
	fprintf(f, "site,cohort,kits,weight,products,substitution_cost,floor,min_life_days\n");
	for (int i = 0; i < sites; i++)
		for (int c = 0; c < 3; c++) {
			int kits = between(5, 60);
			demand += kits;
			fprintf(f, "S%05d,c%d,%d,%d,%s,1,%s,%d\n", i, c, kits, between(1, 10),
				c == 1 ? "NYXOID" : "NYXOID PRENOXAD", c == 0 ? "25%" : "",
				lives[between(0, 3)]);
		}
	finish(f, "demand.csv");
	printf("%d sites, %d supply groups (%lld kits), %d demand lines (%lld kits)\n", sites,
	       sites * 6, supply, sites * 3, demand);
	return 0;
}
