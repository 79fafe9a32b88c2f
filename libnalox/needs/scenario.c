/* Scenarios for the needs assessment: data files, not code. An INI file
 * with a [scenario] section and an optional [msn] section (docs/needs.md). */
#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "needs/scenario.h"

void nx_scenario_default(struct nx_scenario *sc)
{
	memset(sc, 0, sizeof *sc);
	snprintf(sc->name, sizeof sc->name, "baseline");
	sc->horizon_days = 365;
	sc->overdose_multiplier = 1.0;
	sc->doses_per_overdose = 1.0;
	sc->synthetic_share = 0.0;
	sc->synthetic_doses = 2.0;
	sc->lead_time_days = 28;
	sc->service_level_z = 1.645; /* 95% one-sided */
	sc->price_multiplier = 1.0;
	sc->msn_supply_share = 1.0;
}

double nx_scenario_price(const struct nx_scenario *sc, const char *product)
{
	for (int i = 0; i < sc->nprices; i++)
		if (strcmp(sc->prices[i].product, product) == 0)
			return sc->prices[i].multiplier;
	return sc->price_multiplier;
}

double nx_scenario_doses(const struct nx_scenario *sc)
{
	return (1.0 - sc->synthetic_share) * sc->doses_per_overdose +
	       sc->synthetic_share * sc->synthetic_doses;
}

static char *trim(char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	size_t n = strlen(s);
	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
	return s;
}

struct ctx {
	nalox_db *db;
	const char *path;
	int line;
	const char *key;
};

static int bad(struct ctx *c, const char *value, const char *what)
{
	return nx_err(c->db, NALOX_EINPUT, "%s:%d: key '%s': '%s' is not %s", c->path, c->line,
		      c->key, value, what);
}

static int real(struct ctx *c, const char *v, double min, double max, const char *what,
		double *out)
{
	char *end;
	errno = 0;
	double d = strtod(v, &end);
	if (!*v || *end || errno || !isfinite(d) || d < min || d > max)
		return bad(c, v, what);
	*out = d;
	return NALOX_OK;
}

static int whole(struct ctx *c, const char *v, int min, int max, const char *what, int *out)
{
	double d;
	int rc = real(c, v, min, max, what, &d);
	if (rc)
		return rc;
	if (d != floor(d))
		return bad(c, v, what);
	*out = (int)d;
	return NALOX_OK;
}

static int code(struct ctx *c, const char *v, char *out, size_t size)
{
	if (!*v || strlen(v) >= size)
		return bad(c, v, "a product code");
	snprintf(out, size, "%s", v);
	return NALOX_OK;
}

static int set(struct ctx *c, struct nx_scenario *sc, const char *section, const char *k,
	       const char *v)
{
	c->key = k;
	if (strcmp(section, "msn") == 0) {
		sc->msn = 1;
		if (!strcmp(k, "product"))
			return code(c, v, sc->msn_product, sizeof sc->msn_product);
		if (!strcmp(k, "substitute"))
			return code(c, v, sc->msn_substitute, sizeof sc->msn_substitute);
		if (!strcmp(k, "supply_share"))
			return real(c, v, 0, 1, "a share from 0 to 1", &sc->msn_supply_share);
		if (!strcmp(k, "weeks"))
			return whole(c, v, 1, 520, "a whole number of weeks from 1 to 520",
				     &sc->msn_weeks);
	} else if (strcmp(section, "scenario") == 0) {
		if (!strcmp(k, "name")) {
			snprintf(sc->name, sizeof sc->name, "%s", v);
			return NALOX_OK;
		}
		if (!strcmp(k, "description"))
			return NALOX_OK;
		if (!strcmp(k, "horizon_days"))
			return whole(c, v, 7, NX_DAYS_MAX_SPAN, "a whole number of days from 7 to "
				     NX_STR(NX_DAYS_MAX_SPAN), &sc->horizon_days);
		if (!strcmp(k, "overdose_multiplier"))
			return real(c, v, 0, 100, "a multiplier from 0 to 100", &sc->overdose_multiplier);
		if (!strcmp(k, "doses_per_overdose"))
			return real(c, v, 0.1, 20, "a number of doses from 0.1 to 20",
				    &sc->doses_per_overdose);
		if (!strcmp(k, "synthetic_share"))
			return real(c, v, 0, 1, "a share from 0 to 1", &sc->synthetic_share);
		if (!strcmp(k, "synthetic_doses_per_overdose"))
			return real(c, v, 0.1, 20, "a number of doses from 0.1 to 20",
				    &sc->synthetic_doses);
		if (!strcmp(k, "surge_events"))
			return real(c, v, 0, 1e6, "a number of overdoses >= 0", &sc->surge_events);
		if (!strcmp(k, "surge_product"))
			return code(c, v, sc->surge_product, sizeof sc->surge_product);
		if (!strcmp(k, "lead_time_days"))
			return whole(c, v, 0, 365, "a whole number of days from 0 to 365",
				     &sc->lead_time_days);
		if (!strcmp(k, "service_level_z"))
			return real(c, v, 0, 5, "a z value from 0 to 5", &sc->service_level_z);
		if (!strcmp(k, "price_multiplier"))
			return real(c, v, 0, 100, "a multiplier from 0 to 100", &sc->price_multiplier);
		if (!strncmp(k, "price_multiplier.", 17)) {
			if (sc->nprices == NX_PRICES_MAX)
				return bad(c, v, "one price too many (16 at most)");
			int rc = code(c, k + 17, sc->prices[sc->nprices].product,
				      sizeof sc->prices[0].product);
			if (rc == NALOX_OK)
				rc = real(c, v, 0, 100, "a multiplier from 0 to 100",
					  &sc->prices[sc->nprices].multiplier);
			if (rc == NALOX_OK)
				sc->nprices++;
			return rc;
		}
	} else {
		return nx_err(c->db, NALOX_EINPUT, "%s:%d: unknown section [%s] (scenario or msn)",
			      c->path, c->line, section);
	}
	return nx_err(c->db, NALOX_EINPUT, "%s:%d: unknown key '%s' in [%s] (see docs/needs.md)",
		      c->path, c->line, k, section);
}

/* One line of at most NX_SCENARIO_LINE_MAX - 1 bytes into buf, without its
 * end of line: 1, or 0 at the end of the file, or an error (a longer line,
 * a NUL byte, a file past NX_SCENARIO_BYTES_MAX). */
static int read_line(struct ctx *c, FILE *f, char *buf, size_t size, long *total)
{
	size_t n = 0;
	int ch;
	while ((ch = getc(f)) != EOF && ch != '\n') {
		if (++*total > NX_SCENARIO_BYTES_MAX)
			return nx_err(c->db, NALOX_EINPUT, "%s:%d: a scenario file is at most %d "
				      "bytes", c->path, c->line, NX_SCENARIO_BYTES_MAX);
		if (ch == '\0')
			return nx_err(c->db, NALOX_EINPUT, "%s:%d: contains a NUL byte (is this "
				      "a text file?)", c->path, c->line);
		if (n + 1 >= size)
			return nx_err(c->db, NALOX_EINPUT, "%s:%d: a line longer than %zu bytes",
				      c->path, c->line, size - 1);
		buf[n++] = (char)ch;
	}
	buf[n] = '\0';
	if (ch == '\n')
		++*total;
	return ch != EOF || n > 0;
}

int nx_scenario_load(nalox_db *db, const char *path, struct nx_scenario *sc)
{
	FILE *f = fopen(path, "r");
	if (!f)
		return nx_err(db, NALOX_EIO, "%s: cannot open scenario: %s", path, strerror(errno));
	struct ctx c = { db, path, 0, "" };
	char buf[NX_SCENARIO_LINE_MAX], section[64] = "";
	long total = 0;
	int rc = NALOX_OK, more;
	while (rc == NALOX_OK) {
		c.line++;
		if ((more = read_line(&c, f, buf, sizeof buf, &total)) <= 0) {
			if (more < 0)
				rc = more;
			break;
		}
		char *s = trim(buf);
		if (!*s || *s == '#' || *s == ';')
			continue;
		if (*s == '[') {
			char *end = strchr(s, ']');
			if (!end || end[1])
				rc = nx_err(db, NALOX_EINPUT, "%s:%d: a section is written [name]",
					    path, c.line);
			else {
				*end = '\0';
				snprintf(section, sizeof section, "%s", trim(s + 1));
			}
			continue;
		}
		char *eq = strchr(s, '=');
		if (!eq) {
			rc = nx_err(db, NALOX_EINPUT, "%s:%d: expected key = value", path, c.line);
			continue;
		}
		*eq = '\0';
		/* an inline comment starts at a '#' or ';' after white space */
		for (char *p = eq + 1; *p; p++)
			if ((*p == '#' || *p == ';') && isspace((unsigned char)p[-1])) {
				*p = '\0';
				break;
			}
		if (!*section) {
			rc = nx_err(db, NALOX_EINPUT, "%s:%d: key '%s' before any [section]", path,
				    c.line, trim(s));
			continue;
		}
		rc = set(&c, sc, section, trim(s), trim(eq + 1));
	}
	if (rc == NALOX_OK && ferror(f))
		rc = nx_err(db, NALOX_EIO, "%s: read error", path);
	fclose(f);
	if (rc == NALOX_OK && sc->msn && (!sc->msn_product[0] || !sc->msn_weeks))
		rc = nx_err(db, NALOX_EINPUT, "%s: [msn] needs product and weeks", path);
	if (rc == NALOX_OK && sc->surge_events > 0 && !sc->surge_product[0])
		rc = nx_err(db, NALOX_EINPUT, "%s: surge_events needs surge_product", path);
	return rc;
}
