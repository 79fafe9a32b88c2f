#!/usr/bin/env python3
"""Generate the SYNTHETIC Exampleshire demo area for libnalox.

Everything this script writes is invented: there are no real people,
sites, officers, lots or events in it.

    python3 generate.py            # write sites.csv and moves.csv.gz here
    python3 generate.py --check    # re-read the files on disk, replay them
                                   # with an independent checker, compare
                                   # them with a fresh generation, print a
                                   # summary as of 2026-11-01

Python 3 standard library only. The output is deterministic (fixed seed,
no dependence on hash order, gzip written with mtime 0 and no file name),
so the committed files are exactly what this script produces.

Formats follow docs/formats.md ("sites" and "moves").
"""

import argparse
import calendar
import csv
import datetime as dt
import gzip
import heapq
import io
import math
import os
import re
import sys
from random import Random

SEED = 20251101
AREA = "EXA"
START = dt.date(2025, 11, 1)
END = dt.date(2026, 10, 31)          # last day of history
AS_OF = END + dt.timedelta(days=1)   # 2026-11-01
HERE = os.path.dirname(os.path.abspath(__file__))

MOVE_COLUMNS = ["day", "kind", "site", "product", "lot", "expiry", "qty",
                "to_site", "holder_kind", "holder_ref", "reason", "ref"]
SITE_COLUMNS = ["code", "name", "kind", "area", "parent"]

NYX, PREN, AMP = "NYXOID", "PRENOXAD", "NALOXONE-AMP"
DAY = dt.timedelta(days=1)


def month_end(y, m):
    return dt.date(y, m, calendar.monthrange(y, m)[1])


def add_months(d, n):
    m = d.month - 1 + n
    return month_end(d.year + m // 12, m % 12 + 1)


def ym(d):
    return "%04d-%02d" % (d.year, d.month)


# --------------------------------------------------------------------------
# Sites
# --------------------------------------------------------------------------

PHARMACIES = [
    "Exampleton Market Street Pharmacy",
    "Exampleton Station Road Pharmacy",
    "Pharmacy, Sampleford Health Centre",   # a name with a comma (quoted)
    "Sampleford High Street Chemist",
    "Mockbury Late-Night Pharmacy",
    "Mockbury Riverside Pharmacy",
    "Testwick Village Pharmacy",
    "Testwick Green Pharmacy",
    "Demoley Pharmacy",
    "Proxton Bridge Pharmacy",
    "Proxton Retail Park Pharmacy",
    "Exampleton 100-Hour Pharmacy",
]
STATIONS = [  # code suffix, town, officer count
    ("CENTRAL", "Exampleton Central", 60),
    ("NORTH", "Mockbury", 45),
    ("SOUTH", "Sampleford", 40),
    ("EAST", "Testwick", 35),
    ("WEST", "Demoley", 35),
    ("HARBOUR", "Exampleton Harbour", 30),
    ("MARKET", "Proxton Market", 30),
    ("RIVERSIDE", "Mockbury Riverside", 25),
]
HUBS = [("NORTH", "Mockbury"), ("SOUTH", "Sampleford"),
        ("EAST", "Testwick"), ("WEST", "Demoley")]
HOSTELS = [
    "Exampleton Night Shelter",
    "St Example's Hostel",                  # an apostrophe (not quoted)
    "Mockbury Foyer",
    "Sampleford Supported Housing",
    "Testwick Lodge",
]


def build_sites():
    """Return a list of dicts: code, name, kind, parent (parents first)."""
    s = []

    def add(code, name, kind, parent=""):
        s.append({"code": code, "name": name, "kind": kind, "parent": parent})

    add("EX-STORE", "Exampleshire Central Naloxone Store", "store")
    for suf, town in HUBS:
        add("EX-HUB-" + suf, "Exampleshire Recovery Service %s Hub (%s)"
            % (suf.title(), town), "treatment", "EX-STORE")
    for i, name in enumerate(PHARMACIES, 1):
        add("EX-PHARM-%02d" % i, name, "pharmacy", "EX-STORE")
    add("EX-OUTREACH-CITY", "Exampleton City Outreach Team", "outreach",
        "EX-STORE")
    add("EX-OUTREACH-RURAL", "Exampleshire Rural Outreach Team", "outreach",
        "EX-STORE")
    add("EX-POLICE", "Exampleshire Constabulary (force stores)", "police",
        "EX-STORE")
    for suf, town, _n in STATIONS:
        add("EX-POL-STN-" + suf, "%s Police Station" % town, "station",
            "EX-POLICE")
    add("EX-POL-CUST-CENTRAL", "Exampleton Central Custody Suite", "custody",
        "EX-POLICE")
    add("EX-POL-CUST-NORTH", "Mockbury Custody Suite", "custody",
        "EX-POLICE")
    for i, name in enumerate(HOSTELS, 1):
        add("EX-HOSTEL-%02d" % i, name, "hostel", "EX-STORE")
    add("EX-PRISON", "HMP Exampleton", "prison", "EX-STORE")
    add("EX-AMB-HUB", "Exampleshire Ambulance Hub (Exampleton)", "ambulance",
        "EX-STORE")
    return s


VENUES = [  # place holders supplied by outreach teams and hubs
    ("PL-VENUE-01", "EX-OUTREACH-CITY"),   # day centre
    ("PL-VENUE-02", "EX-OUTREACH-CITY"),   # night-time economy venue
    ("PL-VENUE-03", "EX-OUTREACH-CITY"),   # needle and syringe programme
    ("PL-VENUE-04", "EX-OUTREACH-RURAL"),  # community centre
    ("PL-VENUE-05", "EX-OUTREACH-RURAL"),  # library
    ("PL-VENUE-06", "EX-HUB-NORTH"),       # food bank
    ("PL-VENUE-07", "EX-HUB-SOUTH"),       # job centre
    ("PL-VENUE-08", "EX-HUB-EAST"),        # sports centre
]


# --------------------------------------------------------------------------
# Generator
# --------------------------------------------------------------------------

class Kit:
    __slots__ = ("kid", "holder", "lot", "site", "alive")

    def __init__(self, kid, holder, lot, site):
        self.kid, self.holder, self.lot, self.site = kid, holder, lot, site
        self.alive = True


class Gen:
    def __init__(self):
        self.rng = Random(SEED)
        self.sites = build_sites()
        self.kind = {s["code"]: s["kind"] for s in self.sites}
        self.parent = {s["code"]: s["parent"] for s in self.sites}
        self.rows = []
        self.lots = {}           # (product, lot) -> expiry date
        self.lot_seen = set()
        self.stock = {s["code"]: {} for s in self.sites}   # site -> lot -> n
        self.hbal = {}           # (hkind, href, lot) -> n
        self.kits = []
        self.hkits = {}          # holder -> [Kit]
        self.heap = []
        self.seq = 0
        self.touched = set()     # (place, lot) touched today
        self.neglect = set()     # (site, lot) whose expired stock is left
        self.pending = {NYX: [], PREN: [], AMP: []}   # (arrival day, qty)
        self.dyn_count = {NYX: 0, PREN: 0, AMP: 0}
        self.used_lot_codes = set()
        self.unmet = 0
        self.persons_used = set()
        self.pools = {}          # site -> [person ref]
        self.discrepancies = []

    # ---------------------------------------------------------------- util
    def poisson(self, lam):
        if lam <= 0:
            return 0
        L, k, p = math.exp(-lam), 0, 1.0
        while True:
            p *= self.rng.random()
            if p <= L:
                return k
            k += 1

    def push(self, day, etype, *payload):
        if day > END:
            return
        self.seq += 1
        heapq.heappush(self.heap, (day, self.seq, etype, payload))

    def new_person(self):
        while True:
            n = self.rng.randint(1, 99999)
            ref = "P-%06d" % n
            if ref not in self.persons_used:
                self.persons_used.add(ref)
                return ref

    def new_lot_code(self, product, day):
        prefix = {NYX: "NX", PREN: "PX", AMP: "NA"}[product]
        while True:
            code = "%s%02d%s%03d" % (prefix, day.year % 100,
                                     "ABCDEFGHJKLM"[day.month - 1],
                                     self.rng.randint(1, 999))
            if code not in self.used_lot_codes:
                self.used_lot_codes.add(code)
                return code

    # ---------------------------------------------------------------- moves
    def emit(self, day, kind, site, lot, qty, to_site="", holder=None,
             reason="", expiry=False):
        product, code = lot
        assert qty >= (0 if kind == "count" else 1), (kind, qty)
        exp = self.lots[lot]
        hk, hr = holder if holder else ("", "")
        if kind in ("issue", "transfer"):
            assert day <= exp, ("moving an expired lot", day, kind, lot)
        if kind == "receive":
            self.stock[site][lot] = self.stock[site].get(lot, 0) + qty
            self.touched.add((("s", site), lot))
        elif kind == "transfer":
            self._site_add(site, lot, -qty)
            self._site_add(to_site, lot, qty)
            self.touched.add((("s", site), lot))
            self.touched.add((("s", to_site), lot))
        elif kind == "issue":
            self._site_add(site, lot, -qty)
            self._hold_add(holder, lot, qty)
            self.touched.add((("s", site), lot))
            self.touched.add((("h",) + holder, lot))
        elif kind == "return":
            self._hold_add(holder, lot, -qty)
            self._site_add(site, lot, qty)
            self.touched.add((("s", site), lot))
            self.touched.add((("h",) + holder, lot))
        elif kind in ("administer", "writeoff"):
            if holder:
                self._hold_add(holder, lot, -qty)
                self.touched.add((("h",) + holder, lot))
            else:
                self._site_add(site, lot, -qty)
                self.touched.add((("s", site), lot))
        elif kind == "count":
            if holder:
                self.hbal[holder + (lot,)] = qty
            else:
                self.stock[site][lot] = qty
        else:
            raise AssertionError(kind)
        if kind == "receive" and lot not in self.lot_seen:
            self.lot_seen.add(lot)
        self.rows.append({
            "day": day.isoformat(), "kind": kind, "site": site,
            "product": product, "lot": code,
            "expiry": ym(exp) if (expiry or kind == "receive") else "",
            "qty": str(qty), "to_site": to_site, "holder_kind": hk,
            "holder_ref": hr, "reason": reason, "ref": ""})

    def _site_add(self, site, lot, n):
        v = self.stock[site].get(lot, 0) + n
        assert v >= 0, ("negative site balance", site, lot, v)
        self.stock[site][lot] = v

    def _hold_add(self, holder, lot, n):
        key = holder + (lot,)
        v = self.hbal.get(key, 0) + n
        assert v >= 0, ("negative holder balance", key, v)
        self.hbal[key] = v

    # ---------------------------------------------------------------- stock
    def fefo(self, site, product, day, min_life):
        """Lots of product at site in FEFO order, with >= min_life days."""
        out = []
        for lot, n in self.stock[site].items():
            if lot[0] == product and n > 0 and \
                    (self.lots[lot] - day).days >= min_life:
                out.append((self.lots[lot], lot[1], lot, n))
        out.sort()
        return [(lot, n) for _e, _c, lot, n in out]

    def usable(self, site, product, day, min_life):
        return sum(n for _l, n in self.fefo(site, product, day, min_life))

    def receive(self, day, product, qty, expiry, code=None):
        code = code or self.new_lot_code(product, day)
        lot = (product, code)
        assert lot not in self.lots
        self.lots[lot] = expiry
        self.emit(day, "receive", "EX-STORE", lot, qty, expiry=True)

    def transfer(self, day, src, dst, product, qty, min_life):
        for lot, n in self.fefo(src, product, day, min_life):
            if qty <= 0:
                break
            k = min(n, qty)
            self.emit(day, "transfer", src, lot, k, to_site=dst, expiry=True)
            qty -= k

    def issue(self, day, site, holder, product, qty, min_life):
        """Issue up to qty kits of product from one lot; return kits."""
        cands = self.fefo(site, product, day, min_life)
        if not cands:
            return []
        lot, n = cands[0]
        k = min(n, qty)
        self.emit(day, "issue", site, lot, k, holder=holder, expiry=True)
        out = []
        for _ in range(k):
            kit = Kit(len(self.kits), holder, lot, site)
            self.kits.append(kit)
            self.hkits.setdefault(holder, []).append(kit)
            out.append(kit)
            self.schedule_kit(kit, day)
        return out

    def kill(self, kit):
        assert kit.alive
        kit.alive = False
        self.hkits[kit.holder].remove(kit)

    # ---------------------------------------------------------------- policy
    MIN_LIFE = {"person": 30, "officer": 90, "place": 60}

    def schedule_kit(self, kit, day):
        hk = kit.holder[0]
        r = self.rng
        if hk == "person":
            rates = [("administer", 0.12), ("lost", 0.05),
                     ("confiscated", 0.02), ("damaged", 0.01)]
            swap_p, lo, hi = 0.35, 0, 60
        elif hk == "officer":
            rates = [("administer", 0.05), ("lost", 0.008),
                     ("damaged", 0.008)]
            swap_p, lo, hi = 0.88, -35, 25
        else:
            hostel = kit.holder[1].startswith("PL-HOSTEL")
            rates = [("administer", 0.8 if hostel else 0.25),
                     ("damaged", 0.02)]
            swap_p, lo, hi = 0.8, -30, 30
        best = None
        for etype, rate in rates:
            t = r.expovariate(rate) * 365.0
            if best is None or t < best[0]:
                best = (t, etype)
        when = day + dt.timedelta(days=int(best[0]) + 1)
        self.push(when, "kit", kit, best[1])
        if r.random() < swap_p:
            sday = self.lots[kit.lot] + dt.timedelta(days=r.randint(lo, hi))
            if sday <= day:
                sday = day + DAY
            self.push(sday, "swap", kit)

    def resupply(self, day, holder, site, product, tries):
        hk = holder[0]
        if hk == "officer" and holder[1] in self.officer_left:
            return
        kits = self.issue(day, site, holder, product, 1, self.MIN_LIFE[hk])
        if not kits and hk == "person":
            other = NYX if product == PREN else PREN
            kits = self.issue(day, site, holder, other, 1, self.MIN_LIFE[hk])
        if not kits:
            if tries > 0:
                self.push(day + DAY, "resupply", holder, site, product,
                          tries - 1)
            else:
                self.unmet += 1

    def on_kit(self, day, kit, etype):
        if not kit.alive:
            return
        hk = kit.holder[0]
        r = self.rng
        if etype == "administer":
            self.emit(day, "administer", kit.site, kit.lot, 1,
                      holder=kit.holder)
            p, delay = {"person": (0.75, 14), "officer": (1.0, 3),
                        "place": (1.0, 7)}[hk]
        else:
            self.emit(day, "writeoff", kit.site, kit.lot, 1,
                      holder=kit.holder, reason=etype)
            p, delay = {"person": (0.6, 21), "officer": (1.0, 3),
                        "place": (1.0, 7)}[hk]
        self.kill(kit)
        if r.random() < p:
            self.push(day + dt.timedelta(days=r.randint(0, delay)),
                      "resupply", kit.holder, kit.site, kit.lot[0],
                      30 if hk != "person" else 7)

    def on_swap(self, day, kit):
        if not kit.alive:
            return
        hk = kit.holder[0]
        expired = day > self.lots[kit.lot]
        site = kit.site
        if hk == "officer" and expired and self.rng.random() < 0.35:
            self.emit(day, "writeoff", site, kit.lot, 1, holder=kit.holder,
                      reason="expired")
        else:
            self.emit(day, "return", site, kit.lot, 1, holder=kit.holder)
            if expired:
                self.emit(day, "writeoff", site, kit.lot, 1,
                          reason="expired")
        self.kill(kit)
        self.resupply(day, kit.holder, site, kit.lot[0],
                      30 if hk != "person" else 7)

    # ---------------------------------------------------------------- run
    def run(self):
        r = self.rng
        d = START
        # Opening stock, migrated from the previous system on day one.
        opening = [
            (NYX, "NX24J031", 2026, 3, 180),
            (NYX, "NX25A107", 2026, 6, 220),
            (NYX, "NX25C219", 2026, 9, 200),
            (PREN, "PX24F112", 2026, 2, 150),
            (PREN, "PX24K087", 2026, 5, 300),
            (PREN, "PX25B044", 2026, 11, 400),
            (AMP, "NA24L003", 2026, 4, 40),
            (AMP, "NA25D011", 2027, 5, 60),
        ]
        for product, code, y, m, q in opening:
            self.used_lot_codes.add(code)
            self.receive(START, product, q, month_end(y, m), code)

        # Officers: 300 collar numbers, each with a home station.
        collars = ["C%04d" % n for n in r.sample(range(1000, 10000), 300)]
        self.officers = []
        i = 0
        for suf, _town, n in STATIONS:
            for _ in range(n):
                prod = PREN if r.random() < 0.08 else NYX
                self.officers.append((collars[i], "EX-POL-STN-" + suf, prod))
                i += 1
        r.shuffle(self.officers)
        self.officer_left = set()
        self.officer_start = {}
        rollout = [START + dt.timedelta(days=k) for k in range(2, 49)
                   if (START + dt.timedelta(days=k)).weekday() < 5]
        for j, (c, stn, prod) in enumerate(self.officers):
            if j < 270:
                sd = r.choice(rollout)
            elif j < 285:
                sd = dt.date(2026, 4, 13) + dt.timedelta(days=r.randint(0, 17))
            else:
                sd = dt.date(2026, 9, 7) + dt.timedelta(days=r.randint(0, 18))
            self.officer_start[c] = sd
            self.push(sd, "officer_start", c, stn, prod, 30)
        for c, stn, _p in r.sample(self.officers[:270], 12):
            self.push(dt.date(2026, 1, 5) + dt.timedelta(
                days=r.randint(0, 290)), "officer_leave", c, stn)

        # Place kits: hostel emergency boxes and venues.
        for i in range(1, len(HOSTELS) + 1):
            holder = ("place", "PL-HOSTEL-%02d" % i)
            sd = START + dt.timedelta(days=r.randint(5, 30))
            for prod in (PREN, PREN):   # as in carriage.csv
                self.push(sd, "resupply", holder, "EX-HOSTEL-%02d" % i, prod,
                          30)
        for code, site in VENUES:
            sd = START + dt.timedelta(days=r.randint(10, 220))
            for prod in (NYX, NYX):
                self.push(sd, "resupply", ("place", code), site, prod, 30)

        count_q = {dt.date(2026, 1, 31), dt.date(2026, 4, 30),
                   dt.date(2026, 7, 31), dt.date(2026, 10, 31)}
        # Planned count discrepancies: (day, site, holder) -> delta.
        disc = {
            (dt.date(2026, 3, 31), "EX-POL-STN-MARKET", None): -2,
            (dt.date(2026, 4, 30), "EX-PHARM-07", None): -1,
            (dt.date(2026, 6, 30), "EX-HOSTEL-03",
             ("place", "PL-HOSTEL-03")): -1,
            (dt.date(2026, 7, 31), "EX-STORE", None): -2,
            (dt.date(2026, 9, 30), "EX-POL-CUST-NORTH", None): -1,
            (dt.date(2026, 10, 31), "EX-HUB-EAST", None): 1,
        }

        while d <= END:
            self.touched = set()
            self.day(d, count_q, disc)
            d += DAY
        for i, row in enumerate(self.rows, 1):
            row["ref"] = "%s-%06d" % (AREA, i)
        return self

    def pending_officers(self, stn, prod, day, horizon):
        n = 0
        for c, s, p in self.officers:
            if (stn is None or s == stn) and p == prod and \
                    day <= self.officer_start[c] < day + \
                    dt.timedelta(days=horizon):
                n += 1
        return n

    def day(self, d, count_q, disc):
        r = self.rng
        wd = d.weekday()
        # 1. receipts due today
        for product in (NYX, PREN, AMP):
            keep = []
            for arr, q in self.pending[product]:
                if arr == d:
                    self.dyn_count[product] += 1
                    n = self.dyn_count[product]
                    if product == NYX and n == 1:
                        exp = month_end(2026, 12)   # short-dated batch
                    else:
                        lo, hi = {NYX: (20, 26), PREN: (26, 33),
                                  AMP: (24, 30)}[product]
                        exp = add_months(d, r.randint(lo, hi))
                    self.receive(d, product, q, exp)
                else:
                    keep.append((arr, q))
            self.pending[product] = keep
        # A short-dated batch of ampoules taken over from the ambulance
        # trust's own pharmacy: stock at sites expiring within 90 days of
        # the as-of day.
        if d == dt.date(2026, 9, 2):
            self.used_lot_codes.add("NA24K518")
            self.receive(d, AMP, 120, month_end(2026, 12), "NA24K518")
        # 2. reorder check on Mondays
        if wd == 0:
            for product, rop, q in ((NYX, 450, 700), (PREN, 450, 900),
                                    (AMP, 50, 150)):
                have = self.usable("EX-STORE", product, d, 120)
                have += sum(x for _a, x in self.pending[product])
                if have < rop:
                    self.pending[product].append((d + dt.timedelta(days=10),
                                                  q))
        # 3. deliveries
        if wd in (0, 3):
            need_n = 40 + self.pending_officers(None, NYX, d, 21)
            need_p = 6 + self.pending_officers(None, PREN, d, 21)
            for product, par in ((NYX, need_n), (PREN, need_p), (AMP, 8)):
                have = self.usable("EX-POLICE", product, d, 100)
                if par > have:
                    self.transfer(d, "EX-STORE", "EX-POLICE", product,
                                  par - have, 120)
        if wd in (1, 4):
            for suf, _t, _n in STATIONS:
                stn = "EX-POL-STN-" + suf
                for product, base in ((NYX, 5), (PREN, 1)):
                    par = base + self.pending_officers(stn, product, d, 14)
                    have = self.usable(stn, product, d, 90)
                    if par > have:
                        self.transfer(d, "EX-POLICE", stn, product,
                                      par - have, 100)
            for cust in ("EX-POL-CUST-CENTRAL", "EX-POL-CUST-NORTH"):
                for product, par in ((NYX, 4), (PREN, 2), (AMP, 4)):
                    have = self.usable(cust, product, d, 30)
                    if par > have:
                        self.transfer(d, "EX-POLICE", cust, product,
                                      par - have, 60)
        for s in self.sites:
            code, kind = s["code"], s["kind"]
            pars, days = None, ()
            if kind == "treatment":
                pars, days = ((PREN, 14), (NYX, 8)), (0, 3)
            elif kind == "pharmacy":
                idx = int(code[-2:])
                pars, days = ((PREN, 6), (NYX, 3)), (idx % 5,)
            elif kind == "outreach":
                pars, days = ((PREN, 5), (NYX, 10)), (0, 3)
            elif kind == "hostel":
                pars, days = ((PREN, 3), (NYX, 4)), (2,)
            elif kind == "prison":
                pars, days = ((PREN, 10), (NYX, 2), (AMP, 6)), (1,)
            elif kind == "ambulance":
                pars, days = ((AMP, 20), (PREN, 3)), (0, 3)
            if pars and wd in days:
                for product, par in pars:
                    have = self.usable(code, product, d, 30)
                    if par > have:
                        self.transfer(d, "EX-STORE", code, product,
                                      par - have, 60)
        # 4. Monday sweep of expired stock at sites
        if wd == 0:
            for s in self.sites:
                code = s["code"]
                for lot, n in sorted(self.stock[code].items()):
                    if n > 0 and self.lots[lot] < d and \
                            (code, lot) not in self.neglect:
                        if r.random() < 0.06:
                            self.neglect.add((code, lot))
                            continue
                        reason = "expired"
                        if s["kind"] == "station" and r.random() < 0.3:
                            reason = "used-in-training"
                        self.emit(d, "writeoff", code, lot, n, reason=reason)
        # occasional damaged / lost stock at sites
        for s in self.sites:
            if s["kind"] in ("store", "police"):
                continue
            if r.random() < 0.6 / 365:
                code = s["code"]
                cands = [(l, n) for l, n in sorted(self.stock[code].items())
                         if n > 0]
                if cands:
                    lot, _n = r.choice(cands)
                    self.emit(d, "writeoff", code, lot, 1,
                              reason=r.choice(["damaged", "damaged", "lost"]))
        # 5. scheduled events
        while self.heap and self.heap[0][0] == d:
            _d, _s, etype, payload = heapq.heappop(self.heap)
            if etype == "kit":
                self.on_kit(d, *payload)
            elif etype == "swap":
                self.on_swap(d, *payload)
            elif etype == "resupply":
                self.resupply(d, *payload)
            elif etype == "officer_start":
                c, stn, prod, tries = payload
                if c in self.officer_left:
                    continue
                if not self.issue(d, stn, ("officer", c), prod, 1, 90):
                    if tries:
                        self.push(d + DAY, "officer_start", c, stn, prod,
                                  tries - 1)
                    else:
                        self.unmet += 1
            elif etype == "officer_leave":
                c, stn = payload
                self.officer_left.add(c)
                for kit in list(self.hkits.get(("officer", c), [])):
                    self.emit(d, "return", kit.site, kit.lot, 1,
                              holder=kit.holder)
                    if d > self.lots[kit.lot]:
                        self.emit(d, "writeoff", kit.site, kit.lot, 1,
                                  reason="expired")
                    self.kill(kit)
        # 6. walk-in supply to people, and site-level administrations
        for s in self.sites:
            code, kind = s["code"], s["kind"]
            rate, mix = 0.0, 0.5
            if kind == "pharmacy":
                rate = [0.55] * 5 + [0.35, 0.3 if code == "EX-PHARM-12"
                                     else 0.05]
                rate, mix = rate[wd], 0.7
            elif kind == "treatment":
                rate, mix = (1.8 if wd < 5 else 0.0), 0.65
            elif kind == "outreach":
                rate, mix = (1.2 if wd < 6 else 0.0), 0.35
            elif kind == "hostel":
                rate, mix = 0.25, 0.6
            elif kind == "prison":
                rate, mix = (0.8 if wd < 5 else 0.0), 0.85
            elif kind == "custody":
                rate, mix = 0.4, 0.3
            elif kind == "ambulance":
                rate, mix = 0.15, 1.0
            for _ in range(self.poisson(rate)):
                pool = self.pools.setdefault(code, [])
                if pool and r.random() < 0.3:
                    person = r.choice(pool)
                else:
                    person = self.new_person()
                    pool.append(person)
                prod = PREN if r.random() < mix else NYX
                qty = 2 if r.random() < 0.12 else 1
                holder = ("person", person)
                if not self.issue(d, code, holder, prod, qty, 30):
                    other = NYX if prod == PREN else PREN
                    if not self.issue(d, code, holder, other, qty, 30):
                        self.unmet += 1
            arate = {"ambulance": 0.5, "prison": 0.06,
                     "custody": 0.04}.get(kind, 0.0)
            for _ in range(self.poisson(arate)):
                cands = self.fefo(code, AMP, d, 0)
                if cands:
                    lot, n = cands[0]
                    q = min(n, 2 if r.random() < 0.3 else 1)
                    self.emit(d, "administer", code, lot, q)
        # 7. counts at the end of the day
        jobs = []
        if d in count_q:
            for s in self.sites:
                if s["kind"] not in ("police", "station", "custody"):
                    jobs.append((s["code"], None))
        if (d + DAY).day == 1:
            for s in self.sites:
                if s["kind"] in ("police", "station", "custody"):
                    jobs.append((s["code"], None))
            for i in range(1, len(HOSTELS) + 1):
                jobs.append(("EX-HOSTEL-%02d" % i,
                             ("place", "PL-HOSTEL-%02d" % i)))
        for site, holder in jobs:
            self.count(d, site, holder, disc.get((d, site, holder), 0))

    def count(self, d, site, holder, delta):
        if holder:
            place = ("h",) + holder
            bal = {}
            for k, v in self.hbal.items():
                if k[:2] == holder and v > 0:
                    bal[k[2]] = v
        else:
            place = ("s", site)
            bal = {l: n for l, n in self.stock[site].items() if n > 0}
        lots = [l for l in sorted(bal, key=lambda l: (self.lots[l], l))
                if (place, l) not in self.touched]
        target = None
        if delta:
            for l in sorted(lots, key=lambda l: -bal[l]):
                if bal[l] + delta >= 0:
                    target = l
                    break
            assert target, ("no lot for planned discrepancy", d, site)
        for l in lots:
            q = bal[l] + (delta if l == target else 0)
            self.emit(d, "count", site, l, q, holder=holder,
                      reason=("stock check" if not holder
                              else "box check"))
            if l == target:
                self.discrepancies.append((d, site, holder, l, bal[l], q))
                if holder and delta < 0:
                    kits = [k for k in self.hkits[holder] if k.lot == l]
                    for k in kits[:-delta]:
                        self.kill(k)
                        # the box is re-stocked once the loss is found
                        self.push(d + DAY, "resupply", holder, site, l[0], 30)


# --------------------------------------------------------------------------
# Output
# --------------------------------------------------------------------------

def render(gen):
    sbuf = io.StringIO()
    w = csv.writer(sbuf, lineterminator="\n")
    w.writerow(SITE_COLUMNS)
    for s in gen.sites:
        w.writerow([s["code"], s["name"], s["kind"], AREA, s["parent"]])
    mbuf = io.StringIO()
    w = csv.writer(mbuf, lineterminator="\n")
    w.writerow(MOVE_COLUMNS)
    for row in gen.rows:
        w.writerow([row[c] for c in MOVE_COLUMNS])
    sites_bytes = sbuf.getvalue().encode("utf-8")
    moves_bytes = gzip.compress(mbuf.getvalue().encode("utf-8"),
                                compresslevel=9, mtime=0)
    return sites_bytes, moves_bytes


# --------------------------------------------------------------------------
# Independent checker: re-reads the files and replays them.
# --------------------------------------------------------------------------

SITE_KINDS = {"store", "pharmacy", "treatment", "outreach", "police",
              "station", "custody", "ambulance", "prison", "hostel",
              "venue", "other"}
MOVE_KINDS = {"receive", "transfer", "issue", "return", "administer",
              "writeoff", "count"}
HOLDER_KINDS = {"person", "officer", "place"}
WRITEOFF_REASONS = {"expired", "damaged", "lost", "stolen", "confiscated",
                    "recalled", "used-in-training", "other"}


def parse_day(s):
    if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", s):
        raise ValueError("bad day %r" % s)
    return dt.date.fromisoformat(s)


def parse_expiry(s):
    if re.fullmatch(r"\d{4}-\d{2}", s):
        y, m = map(int, s.split("-"))
        if not 1 <= m <= 12:
            raise ValueError("bad expiry %r" % s)
        return month_end(y, m)
    return parse_day(s)


def check(dirpath, products_csv):
    errors = []

    def err(msg):
        errors.append(msg)
        if len(errors) < 30:
            print("ERROR:", msg)

    # products
    with open(products_csv, encoding="utf-8") as f:
        prows = list(csv.DictReader(f))
    products = {p["code"]: p for p in prows}
    for p in prows:
        if p["route"] not in ("nasal", "intramuscular", "intravenous",
                              "other"):
            err("product %s: bad route" % p["code"])
        if not re.fullmatch(r"\d+\.\d{2}", p["unit_cost_gbp"]):
            err("product %s: cost not pounds.pence" % p["code"])
    # sites
    with open(os.path.join(dirpath, "sites.csv"), encoding="utf-8") as f:
        rd = csv.reader(f)
        header = next(rd)
        if header != SITE_COLUMNS:
            err("sites header %r" % header)
        sites = {}
        for ln, row in enumerate(rd, 2):
            s = dict(zip(header, row))
            if s["code"] in sites:
                err("sites:%d duplicate %s" % (ln, s["code"]))
            if s["kind"] not in SITE_KINDS:
                err("sites:%d kind %s" % (ln, s["kind"]))
            if s["area"] != AREA:
                err("sites:%d area %s" % (ln, s["area"]))
            if s["parent"] and s["parent"] not in sites:
                err("sites:%d parent %s not on an earlier line"
                    % (ln, s["parent"]))
            sites[s["code"]] = s
    # moves
    with open(os.path.join(dirpath, "moves.csv.gz"), "rb") as f:
        raw = f.read()
    if raw[:2] != b"\x1f\x8b":
        err("moves.csv.gz is not gzip")
    text = gzip.decompress(raw).decode("utf-8")
    rd = csv.reader(io.StringIO(text))
    header = next(rd)
    if header != MOVE_COLUMNS:
        err("moves header %r" % header)
    lots = {}                 # (product, lot) -> expiry
    site_bal = {}             # (site, lot) -> n
    hold_bal = {}             # (hk, href, lot) -> n
    refs = set()
    last_day = None
    day_touch = {}            # (place, lot) -> set of row kinds today
    counts_today = []
    kinds = {}
    disc = []
    nrows = 0

    def bump(table, key, n, ln):
        v = table.get(key, 0) + n
        if v < 0:
            err("moves:%d balance of %r goes to %d" % (ln, key, v))
        table[key] = v

    def close_day():
        for place, lot, ln in counts_today:
            if day_touch.get((place, lot), 0) > 1:
                err("moves:%d count shares its day with another move of "
                    "the same place and lot" % ln)

    for ln, row in enumerate(rd, 2):
        nrows += 1
        if len(row) != len(MOVE_COLUMNS):
            err("moves:%d has %d fields" % (ln, len(row)))
            continue
        m = dict(zip(MOVE_COLUMNS, row))
        try:
            day = parse_day(m["day"])
        except ValueError as e:
            err("moves:%d %s" % (ln, e))
            continue
        if not START <= day <= END:
            err("moves:%d day outside history" % ln)
        if last_day and day < last_day:
            err("moves:%d not in chronological order" % ln)
        if day != last_day:
            close_day()
            day_touch, counts_today = {}, []
        last_day = day
        kind = m["kind"]
        kinds[kind] = kinds.get(kind, 0) + 1
        if kind not in MOVE_KINDS:
            err("moves:%d kind %r" % (ln, kind))
            continue
        if m["site"] not in sites:
            err("moves:%d site %r unknown" % (ln, m["site"]))
        if m["product"] not in products:
            err("moves:%d product %r unknown" % (ln, m["product"]))
        if not 1 <= len(m["lot"]) <= 64 or m["lot"] != m["lot"].strip():
            err("moves:%d bad lot code" % ln)
        if not re.fullmatch(r"\d+", m["qty"]):
            err("moves:%d qty %r" % (ln, m["qty"]))
            continue
        qty = int(m["qty"])
        if qty < (0 if kind == "count" else 1):
            err("moves:%d qty %d" % (ln, qty))
        if not re.fullmatch(r"EXA-\d{6}", m["ref"]) or m["ref"] in refs:
            err("moves:%d ref %r missing, malformed or repeated"
                % (ln, m["ref"]))
        refs.add(m["ref"])
        lot = (m["product"], m["lot"])
        exp = None
        if m["expiry"]:
            try:
                exp = parse_expiry(m["expiry"])
            except ValueError as e:
                err("moves:%d %s" % (ln, e))
        if lot not in lots:
            if kind != "receive" or exp is None:
                err("moves:%d first move of lot %r is not a receipt with "
                    "an expiry" % (ln, lot))
                continue
            lots[lot] = exp
        elif exp is not None and exp != lots[lot]:
            err("moves:%d expiry differs from the lot's" % ln)
        expiry = lots[lot]
        holder = None
        if m["holder_kind"] or m["holder_ref"]:
            if m["holder_kind"] not in HOLDER_KINDS or not m["holder_ref"]:
                err("moves:%d bad holder" % ln)
            holder = (m["holder_kind"], m["holder_ref"])
            if m["holder_kind"] == "person" and \
                    not re.fullmatch(r"P-\d{6}", m["holder_ref"]):
                err("moves:%d person ref %r" % (ln, m["holder_ref"]))
            if m["holder_kind"] == "officer" and \
                    not re.fullmatch(r"C\d{4}", m["holder_ref"]):
                err("moves:%d collar %r" % (ln, m["holder_ref"]))
        if kind in ("issue", "return") and not holder:
            err("moves:%d %s without holder" % (ln, kind))
        if kind in ("receive", "transfer") and holder:
            err("moves:%d %s with holder" % (ln, kind))
        if kind == "transfer":
            if m["to_site"] not in sites or m["to_site"] == m["site"]:
                err("moves:%d bad to_site" % ln)
        elif m["to_site"]:
            err("moves:%d to_site on a %s" % (ln, kind))
        if kind == "writeoff" and m["reason"] not in WRITEOFF_REASONS:
            err("moves:%d writeoff reason %r" % (ln, m["reason"]))
        if kind not in ("writeoff", "count") and m["reason"]:
            err("moves:%d reason on a %s" % (ln, kind))
        if kind in ("issue", "transfer") and day > expiry:
            err("moves:%d %s of an expired lot" % (ln, kind))
        site = m["site"]
        sk, hk = (site, lot), (holder + (lot,) if holder else None)
        touch = []
        if kind == "receive":
            bump(site_bal, sk, qty, ln)
            touch = [("s", site)]
        elif kind == "transfer":
            bump(site_bal, sk, -qty, ln)
            bump(site_bal, (m["to_site"], lot), qty, ln)
            touch = [("s", site), ("s", m["to_site"])]
        elif kind == "issue":
            bump(site_bal, sk, -qty, ln)
            bump(hold_bal, hk, qty, ln)
            touch = [("s", site), ("h",) + holder]
        elif kind == "return":
            bump(hold_bal, hk, -qty, ln)
            bump(site_bal, sk, qty, ln)
            touch = [("s", site), ("h",) + holder]
        elif kind in ("administer", "writeoff"):
            if holder:
                bump(hold_bal, hk, -qty, ln)
                touch = [("h",) + holder]
            else:
                bump(site_bal, sk, -qty, ln)
                touch = [("s", site)]
        elif kind == "count":
            table, key = (hold_bal, hk) if holder else (site_bal, sk)
            if table.get(key, 0) != qty:
                disc.append((m["day"], site, holder, lot, table.get(key, 0),
                             qty))
            table[key] = qty
            place = ("h",) + holder if holder else ("s", site)
            touch = [place]
            counts_today.append((place, lot, ln))
        for p in touch:
            day_touch[(p, lot)] = day_touch.get((p, lot), 0) + 1
    close_day()

    # summary as of AS_OF
    print("rows: %d" % nrows)
    print("by kind: " + ", ".join("%s %d" % (k, kinds[k])
                                  for k in sorted(kinds)))
    print("sites: %d, lots: %d, products: %d" % (len(sites), len(lots),
                                                 len(products)))
    print("count discrepancies (day, site, holder, lot, ledger, counted):")
    for x in disc:
        print("  ", x)
    horizon = AS_OF + dt.timedelta(days=90)
    exp_hold = {"officer": {}, "person": {}, "place": {}}
    soon_hold = {"officer": {}, "person": {}, "place": {}}
    for (hkind, href, (p, l)), n in sorted(hold_bal.items()):
        if n <= 0:
            continue
        e = lots[(p, l)]
        if e < AS_OF:
            exp_hold[hkind][href] = exp_hold[hkind].get(href, 0) + n
        elif e <= horizon:
            soon_hold[hkind][href] = soon_hold[hkind].get(href, 0) + n
    print("as of %s:" % AS_OF)
    for hkind in ("officer", "person", "place"):
        held = {}
        for (k, href, _l), n in hold_bal.items():
            if k == hkind and n > 0:
                held[href] = held.get(href, 0) + n
        print("  %-7s holders with kits: %d (%d kits); holding expired "
              "lots: %d (%d kits); holding lots expiring by %s: %d (%d kits)"
              % (hkind, len(held), sum(held.values()),
                 len(exp_hold[hkind]), sum(exp_hold[hkind].values()),
                 horizon, len(soon_hold[hkind]),
                 sum(soon_hold[hkind].values())))
    site_exp = sum(n for (s, l), n in site_bal.items()
                   if n > 0 and lots[l] < AS_OF)
    site_all = sum(n for n in site_bal.values() if n > 0)
    print("  site stock: %d kits, of which %d from expired lots"
          % (site_all, site_exp))
    print("  lots by expiry (held at sites / by holders):")
    for l, e in sorted(lots.items(), key=lambda x: (x[1], x[0])):
        s_n = sum(n for (s, ll), n in site_bal.items() if ll == l)
        h_n = sum(n for (a, b, ll), n in hold_bal.items() if ll == l)
        tag = "EXPIRED" if e < AS_OF else (
            "within 90 days" if e <= horizon else "")
        print("    %-13s %-9s %s  %5d / %5d  %s"
              % (l[0], l[1], e, s_n, h_n, tag))
    return errors


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--check", action="store_true",
                    help="check the files on disk instead of writing them")
    ap.add_argument("--out", default=HERE, help="output directory")
    ap.add_argument("--products",
                    default=os.path.join(HERE, "..", "products.csv"),
                    help="the product catalogue the check reads")
    a = ap.parse_args()
    gen = Gen().run()
    sites_b, moves_b = render(gen)
    if a.check:
        errors = check(a.out, a.products)
        for name, want in (("sites.csv", sites_b), ("moves.csv.gz", moves_b)):
            with open(os.path.join(a.out, name), "rb") as f:
                if f.read() != want:
                    errors.append("%s differs from a fresh generation" % name)
                    print("ERROR: %s differs from a fresh generation" % name)
        print("check: %s" % ("OK" if not errors else
                             "%d errors" % len(errors)))
        return 1 if errors else 0
    with open(os.path.join(a.out, "sites.csv"), "wb") as f:
        f.write(sites_b)
    with open(os.path.join(a.out, "moves.csv.gz"), "wb") as f:
        f.write(moves_b)
    print("wrote %d sites and %d moves (%d unmet requests)"
          % (len(gen.sites), len(gen.rows), gen.unmet), file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
