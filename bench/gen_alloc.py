#!/usr/bin/env python3
"""A national supply-notification instance for `nalox allocate` (bench/alloc.sh).

Writes into DIR: sites.csv (5,000 sites in a tree: a national store, then
ten children per site), moves.csv (each site receives 3 lots of each of
2 products, expiring 2026-12-31, 2027-06-30 and 2028-06-30, 1 to 20 kits
each, on 2026-10-01) and demand.csv (3 demand lines per site: 15,000
lines, 5 to 60 kits, weights 1 to 10, some floors and shelf lives). The
instance is the same for the same seed. Supply is 315,280 kits; demand
487,429: scarce.
"""
import random
import sys

def main():
    out = sys.argv[1] if len(sys.argv) > 1 else "."
    sites = int(sys.argv[2]) if len(sys.argv) > 2 else 5000
    rnd = random.Random(1)
    with open(f"{out}/sites.csv", "w") as f:
        f.write("code,name,kind,area,parent\n")
        for i in range(sites):
            parent = "" if i == 0 else "S%05d" % ((i - 1) // 10)
            kind = "store" if i == 0 else "pharmacy"
            f.write("S%05d,Site %d,%s,A%d,%s\n" % (i, i, kind, i % 50, parent))
    with open(f"{out}/moves.csv", "w") as f:
        f.write("day,kind,site,product,lot,expiry,qty\n")
        for i in range(sites):
            for p in ("NYXOID", "PRENOXAD"):
                for k, exp in enumerate(("2026-12-31", "2027-06-30", "2028-06-30")):
                    f.write("2026-10-01,receive,S%05d,%s,L%05d%s%d,%s,%d\n"
                            % (i, p, i, p[0], k, exp, rnd.randint(1, 20)))
    with open(f"{out}/demand.csv", "w") as f:
        f.write("site,cohort,kits,weight,products,substitution_cost,floor,min_life_days\n")
        for i in range(sites):
            for c in range(3):
                products = "NYXOID PRENOXAD" if c != 1 else "NYXOID"
                f.write("S%05d,c%d,%d,%d,%s,1,%s,%d\n"
                        % (i, c, rnd.randint(5, 60), rnd.randint(1, 10), products,
                           "25%" if c == 0 else "", rnd.choice([0, 30, 90, 200])))

if __name__ == "__main__":
    main()
