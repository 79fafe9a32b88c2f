/* The store's schema and its forward migrations. Migration i takes a
 * store from user_version i to i + 1; never edit a released one, append. */
#include "store/schema.h"

static const char *const migrations[] = {
	/* 0 -> 1: products, sites, lots, holders, the ledger. */
	"CREATE TABLE product ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  route TEXT NOT NULL,"
	"  doses_per_kit INTEGER NOT NULL CHECK (doses_per_kit >= 1),"
	"  dose_mg REAL NOT NULL CHECK (dose_mg > 0),"
	"  shelf_life_months INTEGER NOT NULL CHECK (shelf_life_months >= 1),"
	"  unit_cost_pence INTEGER NOT NULL CHECK (unit_cost_pence >= 0));"
	"CREATE TABLE site ("
	"  id INTEGER PRIMARY KEY,"
	"  code TEXT NOT NULL UNIQUE,"
	"  name TEXT NOT NULL,"
	"  kind TEXT NOT NULL,"
	"  area TEXT NOT NULL,"
	"  parent_id INTEGER REFERENCES site(id));"
	"CREATE INDEX site_parent ON site(parent_id);"
	/* expiry: ISO day, the last day a kit of the lot is in date */
	"CREATE TABLE lot ("
	"  id INTEGER PRIMARY KEY,"
	"  product_id INTEGER NOT NULL REFERENCES product(id),"
	"  lot_no TEXT NOT NULL,"
	"  expiry TEXT NOT NULL,"
	"  UNIQUE (product_id, lot_no));"
	"CREATE TABLE holder ("
	"  id INTEGER PRIMARY KEY,"
	"  kind TEXT NOT NULL CHECK (kind IN ('person','officer','place')),"
	"  ref TEXT NOT NULL,"
	"  UNIQUE (kind, ref));"
	/* move: what happened, as recorded. qty is kits moved, or counted. */
	"CREATE TABLE move ("
	"  id INTEGER PRIMARY KEY,"
	"  day TEXT NOT NULL,"
	"  kind TEXT NOT NULL CHECK (kind IN ('receive','transfer','issue',"
	"    'return','administer','writeoff','count')),"
	"  site_id INTEGER NOT NULL REFERENCES site(id),"
	"  lot_id INTEGER NOT NULL REFERENCES lot(id),"
	"  qty INTEGER NOT NULL CHECK (qty >= 0),"
	"  to_site_id INTEGER REFERENCES site(id),"
	"  holder_id INTEGER REFERENCES holder(id),"
	"  reason TEXT,"
	"  ref TEXT UNIQUE);"
	"CREATE INDEX move_day ON move(day);"
	"CREATE INDEX move_holder ON move(holder_id, lot_id, day)"
	"  WHERE holder_id IS NOT NULL;"
	/* entry: the signed change each move made to one balance (a site's
	 * or a holder's, of one lot), fixed when the move was recorded. A
	 * count's entry is the unaccounted difference it found. */
	"CREATE TABLE entry ("
	"  move_id INTEGER NOT NULL REFERENCES move(id),"
	"  day TEXT NOT NULL,"
	"  lot_id INTEGER NOT NULL REFERENCES lot(id),"
	"  site_id INTEGER REFERENCES site(id),"
	"  holder_id INTEGER REFERENCES holder(id),"
	"  delta INTEGER NOT NULL,"
	"  CHECK ((site_id IS NULL) <> (holder_id IS NULL)));"
	"CREATE INDEX entry_move ON entry(move_id);"
	"CREATE INDEX entry_site ON entry(site_id, lot_id, day)"
	"  WHERE site_id IS NOT NULL;"
	"CREATE INDEX entry_holder ON entry(holder_id, lot_id, day)"
	"  WHERE holder_id IS NOT NULL;"
	"CREATE TRIGGER move_append_only_u BEFORE UPDATE ON move"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
	"CREATE TRIGGER move_append_only_d BEFORE DELETE ON move"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
	"CREATE TRIGGER entry_append_only_u BEFORE UPDATE ON entry"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
	"CREATE TRIGGER entry_append_only_d BEFORE DELETE ON entry"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
	"CREATE TRIGGER lot_expiry_fixed BEFORE UPDATE OF expiry ON lot"
	"  BEGIN SELECT RAISE(ABORT, 'a lot is re-dated by a move, not an edit'); END;",

	/* 1 -> 2: expiry and administrations. Covering indexes keyed on the
	 * lot first, so "what expires within N days" reads only the entries
	 * of the lots that do; a minimum remaining shelf life to issue; the
	 * details police and services record when a kit is used. */
	/* via_site_id: on a holder's entry, the site of its move (the site
	 * that supplied the kit, took it back, or recorded its use), so the
	 * holder's site is read from the index, not from a million moves. */
	"ALTER TABLE entry ADD COLUMN via_site_id INTEGER REFERENCES site(id);"
	"DROP TRIGGER entry_append_only_u;"
	"UPDATE entry SET via_site_id = (SELECT site_id FROM move WHERE move.id = entry.move_id)"
	"  WHERE holder_id IS NOT NULL;"
	"CREATE TRIGGER entry_append_only_u BEFORE UPDATE ON entry"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
	"DROP INDEX entry_site;"
	"DROP INDEX entry_holder;"
	"CREATE INDEX entry_site ON entry(site_id, lot_id, day, delta)"
	"  WHERE site_id IS NOT NULL;"
	"CREATE INDEX entry_holder ON entry(holder_id, lot_id, day, delta, move_id, via_site_id)"
	"  WHERE holder_id IS NOT NULL;"
	"CREATE INDEX entry_lot_site ON entry(lot_id, site_id, day, delta)"
	"  WHERE site_id IS NOT NULL;"
	"CREATE INDEX entry_lot_holder ON entry(lot_id, holder_id, day, delta, move_id, via_site_id)"
	"  WHERE holder_id IS NOT NULL;"
	"ALTER TABLE product ADD COLUMN min_issue_days INTEGER"
	"  CHECK (min_issue_days IS NULL OR min_issue_days >= 0);"
	"CREATE TABLE setting ("
	"  key TEXT PRIMARY KEY,"
	"  value TEXT NOT NULL);"
	"CREATE TABLE administration ("
	"  move_id INTEGER PRIMARY KEY REFERENCES move(id),"
	"  time TEXT,"
	"  area TEXT NOT NULL,"
	"  doses INTEGER NOT NULL CHECK (doses >= 1),"
	"  outcome TEXT NOT NULL CHECK (outcome IN ('conscious','unconscious',"
	"    'non-responsive','died','unknown')),"
	"  ambulance_minutes INTEGER CHECK (ambulance_minutes >= 0),"
	"  seen_by_paramedics INTEGER CHECK (seen_by_paramedics IN (0, 1)),"
	"  resupply_needed INTEGER CHECK (resupply_needed IN (0, 1)),"
	"  resupply_kits INTEGER CHECK (resupply_kits >= 0));"
	"CREATE TRIGGER administration_append_only_u BEFORE UPDATE ON administration"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;"
	"CREATE TRIGGER administration_append_only_d BEFORE DELETE ON administration"
	"  BEGIN SELECT RAISE(ABORT, 'the ledger is append-only'); END;",

	/* 2 -> 3: needs-assessment inputs: facts about an area, its cohorts of
	 * people at risk, its carriage (officers, staff, places) and kits on
	 * order. Reference data, replaced on import (not ledger). */
	"CREATE TABLE area ("
	"  code TEXT PRIMARY KEY,"
	"  name TEXT NOT NULL,"
	"  opioid_deaths REAL CHECK (opioid_deaths >= 0));"
	"CREATE TABLE cohort ("
	"  area TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  people INTEGER NOT NULL CHECK (people >= 0),"
	"  target_share REAL NOT NULL CHECK (target_share >= 0 AND target_share <= 1),"
	"  kits_per_person INTEGER NOT NULL CHECK (kits_per_person >= 1),"
	"  product_id INTEGER NOT NULL REFERENCES product(id),"
	"  PRIMARY KEY (area, name));"
	"CREATE TABLE carriage ("
	"  area TEXT NOT NULL,"
	"  name TEXT NOT NULL,"
	"  holder_kind TEXT NOT NULL CHECK (holder_kind IN ('officer','place','person')),"
	"  count INTEGER NOT NULL CHECK (count >= 0),"
	"  kits_each INTEGER NOT NULL CHECK (kits_each >= 1),"
	"  product_id INTEGER NOT NULL REFERENCES product(id),"
	"  PRIMARY KEY (area, name));"
	"CREATE TABLE purchase_order ("
	"  ref TEXT PRIMARY KEY,"
	"  area TEXT NOT NULL,"
	"  product_id INTEGER NOT NULL REFERENCES product(id),"
	"  qty INTEGER NOT NULL CHECK (qty >= 1),"
	"  ordered TEXT NOT NULL,"
	"  due TEXT NOT NULL);",
};

int nx_schema_latest(void)
{
	return (int)(sizeof migrations / sizeof migrations[0]);
}

const char *nx_schema_migration(int from)
{
	return from >= 0 && from < nx_schema_latest() ? migrations[from] : 0;
}
