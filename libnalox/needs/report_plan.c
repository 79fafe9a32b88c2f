/* The preparedness-plan section: the library's own queries, written as
 * Markdown or as one self-contained HTML page (inline CSS and SVG, no
 * network, no script). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <unistd.h>

#include "store/day.h"
#include "store/limits.h"
#include "store/options.h"
#include "store/rows_int.h"
#include "ledger/balance.h"
#include "needs/scenario.h"

int nalox_report_options_init(nalox_report_options *opts, unsigned version)
{
	return NX_OPTIONS_INIT(opts, version);
}

struct doc {
	FILE *f;
	int html;
	int started; /* Markdown: a heading after the first starts with a blank line */
};

static void esc(struct doc *d, const char *s)
{
	for (; s && *s; s++) {
		if (d->html && *s == '<')
			fputs("&lt;", d->f);
		else if (d->html && *s == '>')
			fputs("&gt;", d->f);
		else if (d->html && *s == '&')
			fputs("&amp;", d->f);
		else if (!d->html && *s == '|')
			fputs("\\|", d->f);
		else
			fputc(*s, d->f);
	}
}

static void heading(struct doc *d, int level, const char *text)
{
	if (d->html) {
		fprintf(d->f, "<h%d>", level);
		esc(d, text);
		fprintf(d->f, "</h%d>\n", level);
	} else {
		if (d->started)
			fputc('\n', d->f);
		d->started = 1;
		fprintf(d->f, "%.*s ", level, "######");
		esc(d, text);
		fputs("\n\n", d->f);
	}
}

static void para(struct doc *d, const char *text)
{
	fputs(d->html ? "<p>" : "", d->f);
	esc(d, text);
	fputs(d->html ? "</p>\n" : "\n\n", d->f);
}

/* A table of every row; frees the rows. */
static int table(struct doc *d, nalox_rows *r)
{
	int n = nalox_rows_columns(r), rc;
	fputs(d->html ? "<table>\n<tr>" : "|", d->f);
	for (int c = 0; c < n; c++) {
		fputs(d->html ? "<th>" : " ", d->f);
		esc(d, nalox_rows_name(r, c));
		fputs(d->html ? "</th>" : " |", d->f);
	}
	fputs(d->html ? "</tr>\n" : "\n|", d->f);
	if (!d->html)
		for (int c = 0; c < n; c++)
			fputs(nalox_rows_column_type(r, c) == NALOX_TEXT ? "---|" : "---:|", d->f);
	if (!d->html)
		fputc('\n', d->f);
	int rows = 0;
	while ((rc = nalox_rows_next(r)) == NALOX_ROW) {
		rows++;
		fputs(d->html ? "<tr>" : "|", d->f);
		for (int c = 0; c < n; c++) {
			int num = nalox_rows_column_type(r, c) != NALOX_TEXT;
			fputs(d->html ? (num ? "<td class=n>" : "<td>") : " ", d->f);
			esc(d, nalox_rows_text(r, c));
			fputs(d->html ? "</td>" : " |", d->f);
		}
		fputs(d->html ? "</tr>\n" : "\n", d->f);
	}
	fputs(d->html ? "</table>\n" : "\n", d->f);
	if (rows == 0)
		para(d, "(none)");
	nalox_rows_free(r);
	return rc == NALOX_DONE ? NALOX_OK : rc;
}

/* Kits expiring per month over the next 12 months (stock and held), and
 * the projected demand per month, as an SVG bar chart with a line. */
static int chart(struct doc *d, nalox_db *db, const char *asof, const char *area,
		 double demand_per_month)
{
	static const char sql[] =
		"WITH RECURSIVE m(i, first) AS (SELECT 0, date(?1, 'start of month', '+1 month')"
		"  UNION ALL SELECT i + 1, date(first, '+1 month') FROM m WHERE i < 11),"
		/* stock at the area's sites, and kits held of entries made there */
		" bal AS (" NX_SITE_BALANCES("", "entry e JOIN site s ON s.id = e.site_id", "?1")
		"  AND s.area = ?2" NX_SITE_BALANCES_END " UNION ALL "
		NX_HOLDER_BALANCES("", "entry e JOIN site s ON s.id = e.via_site_id", "?1")
		"  AND s.area = ?2" NX_HOLDER_BALANCES_END ")"
		" SELECT strftime('%Y-%m', m.first), COALESCE((SELECT SUM(bal.qty) FROM bal"
		"  JOIN lot l ON l.id = bal.lot_id WHERE strftime('%Y-%m', l.expiry) ="
		"  strftime('%Y-%m', m.first)), 0) FROM m ORDER BY m.i";
	char label[12][8];
	long long kits[12];
	double top = demand_per_month;
	int n = 0, rc;
	sqlite3_stmt *st = nx_stmt(db, sql);
	if (!st)
		return db->code;
	nx_bind_text(st, 1, asof);
	nx_bind_text(st, 2, area);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < 12) {
		snprintf(label[n], sizeof label[n], "%s", sqlite3_column_text(st, 0));
		kits[n] = sqlite3_column_int64(st, 1);
		if ((double)kits[n] > top)
			top = (double)kits[n];
		n++;
	}
	sqlite3_reset(st);
	if (rc != SQLITE_DONE && rc != SQLITE_ROW)
		return nx_err_sql(db, "reading expiry by month");
	if (top <= 0)
		top = 1;
	const int W = 640, H = 260, left = 50, bottom = 40, plot = H - bottom - 20;
	const int bw = (W - left - 10) / 12;
	FILE *f = d->f;
	if (!d->html)
		fputs("<!-- an SVG chart: shown as a picture by Markdown viewers that allow inline SVG -->\n", f);
	fprintf(f, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
		"viewBox=\"0 0 %d %d\" role=\"img\" aria-label=\"Kits expiring by month against "
		"projected demand\">\n", W, H, W, H);
	fprintf(f, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>\n", W, H);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#333\"/>\n", left,
		H - bottom, W - 5, H - bottom);
	fprintf(f, "<text x=\"5\" y=\"15\" font-size=\"11\" font-family=\"sans-serif\">kits "
		"(max %.0f)</text>\n", top);
	for (int i = 0; i < n; i++) {
		int h = (int)((double)kits[i] / top * plot);
		int x = left + i * bw + 4;
		fprintf(f, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"#c0504d\">"
			"<title>%s: %lld kits expire</title></rect>\n", x, H - bottom - h, bw - 8, h,
			label[i], kits[i]);
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" font-family=\"sans-serif\">%s"
			"</text>\n", x, H - bottom + 14, label[i] + 2);
		fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"10\" font-family=\"sans-serif\">%lld"
			"</text>\n", x, H - bottom - h - 3, kits[i]);
	}
	int y = H - bottom - (int)(demand_per_month / top * plot);
	fprintf(f, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#1f4e79\" "
		"stroke-width=\"2\" stroke-dasharray=\"6 3\"/>\n", left, y, W - 5, y);
	fprintf(f, "<text x=\"%d\" y=\"%d\" font-size=\"11\" fill=\"#1f4e79\" "
		"font-family=\"sans-serif\">projected demand %.0f kits a month</text>\n",
		left + 5, y - 4, demand_per_month);
	fputs("</svg>\n", f);
	if (!d->html)
		fputc('\n', f);
	return NALOX_OK;
}

static const char supply_sql[] =
	"SELECT h.kind AS received_by, p.code AS product, s.kind AS supplied_from,"
	" COUNT(DISTINCT m.holder_id) AS holders, SUM(m.qty) AS kits"
	" FROM move m JOIN site s ON s.id = m.site_id JOIN holder h ON h.id = m.holder_id"
	" JOIN lot l ON l.id = m.lot_id JOIN product p ON p.id = l.product_id"
	" WHERE m.kind = 'issue' AND s.area = :area AND m.day <= :asof AND m.day > :year_ago"
	" GROUP BY h.kind, p.code, s.kind ORDER BY h.kind, p.code, kits DESC";

/* The total required kits of the baseline, for the chart's demand line. */
static int required_total(nalox_db *db, const nalox_needs_options *o, double *total,
			  int *horizon)
{
	nalox_rows *r;
	int rc = nalox_needs(db, o, &r);
	*total = 0;
	if (rc)
		return rc;
	while ((rc = nalox_rows_next(r)) == NALOX_ROW)
		*total += (double)nalox_rows_int(r, 9);
	nalox_rows_free(r);
	/* the horizon the model used: the scenario's unless overridden */
	struct nx_scenario sc;
	nx_scenario_default(&sc);
	if (nx_given(o->scenario) && (rc = nx_scenario_load(db, o->scenario, &sc)))
		return rc;
	*horizon = o->horizon_days ? o->horizon_days : sc.horizon_days;
	return NALOX_OK;
}

int nalox_report_plan(nalox_db *db, const nalox_report_options *opts, const char *path)
{
	nalox_report_options own;
	const nalox_report_options *o = &own;
	char asof[11], year_ago[11], text[512];
	int rc;
	if (!db)
		return NALOX_EINVAL;
	if ((rc = NX_OPTIONS_READ(db, opts, &own)))
		return rc;
	if (!path)
		return nx_err(db, NALOX_EINVAL, "no path to write the report to (NULL)");
	if ((rc = nx_day_arg(db, o->as_of, 0, "as_of", asof)))
		return rc;
	if (!nx_given(o->area))
		return nx_err(db, NALOX_EINVAL, "the report needs an area");
	nx_day_add(asof, -NX_YEAR_DAYS, year_ago);

	/* compute everything that can fail before writing a byte */
	nalox_needs_options no = NALOX_NEEDS_OPTIONS_INIT;
	no.as_of = asof;
	no.area = o->area;
	no.scenario = o->baseline;
	double total;
	int horizon;
	if ((rc = required_total(db, &no, &total, &horizon)))
		return rc;
	if (nx_given(o->worst_case)) {
		struct nx_scenario worst;
		nx_scenario_default(&worst);
		if ((rc = nx_scenario_load(db, o->worst_case, &worst)))
			return rc;
	}

	/* a file is written whole or not at all: to a temporary name first */
	int to_stdout = strcmp(path, "-") == 0;
	char tmp[4096];
	snprintf(tmp, sizeof tmp, "%s.tmp", path);
	struct doc d = { to_stdout ? stdout : fopen(tmp, "w"), o->format == NALOX_REPORT_HTML, 0 };
	if (!d.f)
		return nx_err(db, NALOX_EIO, "%s: cannot write", path);
	snprintf(text, sizeof text, "Naloxone: availability, supply and needs, %s, as of %s",
		 o->area, asof);
	if (d.html) {
		fputs("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>", d.f);
		esc(&d, text);
		fputs("</title>\n<style>body{font-family:sans-serif;max-width:60em;margin:2em auto;"
		      "padding:0 1em}table{border-collapse:collapse;margin:1em 0}td,th{border:1px "
		      "solid #bbb;padding:.2em .5em}th{background:#eee}td.n{text-align:right}"
		      "</style></head><body>\n", d.f);
	}
	heading(&d, 1, text);
	para(&d, "Produced by libnalox " NALOX_VERSION " from the area's ledger. Every figure "
		 "is in kits; the formulas are in docs/needs.md.");

	heading(&d, 2, "1. Availability: stock on hand by site");
	nalox_stock_options so = NALOX_STOCK_OPTIONS_INIT;
	so.as_of = asof;
	so.area = o->area;
	nalox_rows *r = NULL;
	rc = nalox_stock(db, &so, &r);
	if (rc == NALOX_OK)
		rc = table(&d, r);

	if (rc == NALOX_OK) {
		heading(&d, 2, "2. Supply arrangements: who received naloxone in the last 12 months");
		struct nx_param p[] = { { ":area", o->area, 0 }, { ":asof", asof, 0 },
					{ ":year_ago", year_ago, 0 } };
		rc = nx_rows_query(db, &r, "tttii", supply_sql, p, 3);
		if (rc == NALOX_OK)
			rc = table(&d, r);
	}
	if (rc == NALOX_OK) {
		heading(&d, 2, "3. Needs assessment: baseline and worst case");
		const char *sc[2] = { o->baseline, o->worst_case };
		int n = nx_given(o->worst_case) ? 2 : 1;
		/* the built-in baseline when no file is given */
		if (!nx_given(o->baseline)) {
			no.explain = 0;
			if ((rc = nalox_needs(db, &no, &r)) == NALOX_OK) {
				para(&d, "Baseline (rates measured in the ledger):");
				rc = table(&d, r);
			}
			sc[0] = o->worst_case;
			n = nx_given(o->worst_case) ? 1 : 0;
		}
		if (rc == NALOX_OK && n > 0 && (rc = nalox_needs_compare(db, &no, sc, n, &r)) == NALOX_OK) {
			para(&d, nx_given(o->baseline) ? "Scenarios side by side:" : "Worst case:");
			rc = table(&d, r);
		}
	}
	if (rc == NALOX_OK) {
		heading(&d, 2, "4. Cost");
		snprintf(text, sizeof text, "The buy and cost_gbp rows above are the kits to order "
			 "and their cost at catalogue prices (with each scenario's price changes). "
			 "Baseline required kits over %d days: %.0f.", horizon, total);
		para(&d, text);
		heading(&d, 2, "5. Coverage");
		rc = nalox_coverage(db, &no, &r);
		if (rc == NALOX_OK)
			rc = table(&d, r);
	}
	if (rc == NALOX_OK) {
		heading(&d, 2, "6. Kits expiring by month against projected demand");
		para(&d, "Bars: kits in stock or held in the area that expire each month. Line: the "
			 "baseline's required kits spread evenly over the horizon.");
		rc = chart(&d, db, asof, o->area, total / ((double)horizon / 30.4375));
	}
	if (d.html)
		fputs("</body></html>\n", d.f);
	int closed = to_stdout ? fflush(d.f) == 0 : fclose(d.f) == 0;
	if (!to_stdout && (rc != NALOX_OK || !closed || rename(tmp, path) != 0)) {
		unlink(tmp);
		if (rc == NALOX_OK)
			rc = nx_err(db, NALOX_EIO, "%s: write failed (disk full?)", path);
	}
	if (rc != NALOX_OK)
		return rc;
	if (!closed)
		return nx_err(db, NALOX_EIO, "%s: write failed (disk full?)", path);
	return nx_ok(db);
}
