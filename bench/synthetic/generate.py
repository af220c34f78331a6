#!/usr/bin/env python3
"""Deterministic synthetic data for benchmarks, shaped like the curated seed.

    generate.py OUT_DIR [--scale 1] [--seed 20261127]

Scale 1 = 20,000 vendors (the size of the performance anchors), each with 2 to 4 names (legal, a.k.a.,
industry codenames, names as listed), 1 or 2 countries, about 2 sanction actions from a handful of
authorities, 10 allegations with 1 to 4 sources, plus relationships and statements. Writes one CSV per
table (explicit ids from 1,000,000 up, so the curated seed is never touched); bench/synthetic/load.sh
copies them in. Same seed and scale, same bytes.
"""
import argparse
import csv
import os
import random

ADJ = "Silent Grey Blue Red Black Swift Iron Quiet Deep North South Bright Dark Lone Hidden Prime Vector Delta Sigma Nova".split()
NOUN = "Falcon Harbor Circuit Lantern Cipher Meridian Orbit Raven Signal Summit Vertex Ember Atlas Beacon Cobalt Quartz Talon Zephyr Kestrel Onyx".split()
SUFFIX = "Technologies Systems Labs Solutions Group Intelligence Security Networks Analytics Research".split()
COUNTRIES = "IL RU SG GR IE MK HU CY BG VG KY LU GB US AE IN CN DE FR IT ES NL CH AT PL CZ RO TR EG SA".split()
AUTHORITIES = [("US_BIS", "US_ENTITY_LIST", "LISTED"), ("US_OFAC", "US_SDN", "DESIGNATED"), ("US_STATE", "US_VISA_RESTRICTION_212A3C", "VISA_RESTRICTION")]
CONF = ["HIGH", "MEDIUM", "MEDIUM", "LOW"]
CATEGORIES = ["TARGETED_SURVEILLANCE", "PLATFORM_ABUSE", "EXPLOIT_TRADE", "INTELLIGENCE_SUPPORT", "OTHER"]
STATUSES = ["REPORTED", "REPORTED", "CORROBORATED", "ADJUDICATED", "DISPUTED"]
BASE = 1_000_000


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--scale", type=float, default=1.0)
    ap.add_argument("--seed", type=int, default=20261127)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    os.makedirs(a.out, exist_ok=True)
    n_vendors = max(10, int(20000 * a.scale))
    n_sources = max(20, int(50000 * a.scale))
    w = {}

    def table(name, header):
        f = open(os.path.join(a.out, name + ".csv"), "w", newline="", encoding="utf-8")
        wr = csv.writer(f)
        wr.writerow(header)
        w[name] = (f, wr)
        return wr

    src = table("source", ["id", "url", "title", "publisher", "published_on", "published_precision", "kind", "access", "note"])
    for i in range(n_sources):
        sid = BASE + i
        src.writerow([sid, f"https://example.org/synthetic/{sid}", f"Report {sid} on surveillance vendors",
                      f"Publisher {rng.randrange(300)}", f"{rng.randrange(2012, 2026)}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 29):02d}",
                      "DAY", rng.choice(["NEWS", "NGO_REPORT", "ACADEMIC", "GOVERNMENT"]), "SEEN", ""])

    def some_sources(k):
        return rng.sample(range(BASE, BASE + n_sources), k)

    ven = table("vendor", ["id", "slug", "name", "kind", "status", "description"])
    nam = table("vendor_name", ["id", "vendor_id", "name", "kind", "listed_in", "weak", "confidence"])
    jur = table("vendor_jurisdiction", ["id", "vendor_id", "country_code", "role", "confidence"])
    cit = table("citation", ["id", "source_id", "vendor_name_id", "vendor_jurisdiction_id", "sanction_event_id", "sanction_action_id",
                             "allegation_id", "vendor_statement_id", "vendor_relationship_id", "quote", "confidence"])
    ev = table("sanction_event", ["id", "authority_code", "program_code", "action_type", "title", "announced_on", "published_on",
                                  "effective_on", "announced_precision", "published_precision", "effective_precision",
                                  "citation", "document_number", "license_requirement", "license_policy", "confidence"])
    act = table("sanction_action", ["id", "event_id", "vendor_id", "listed_name", "reason", "confidence"])
    alg = table("allegation", ["id", "vendor_id", "title", "summary", "category", "status", "first_reported_on", "first_reported_precision",
                               "reported_by", "confidence"])
    alv = table("allegation_vendor", ["id", "allegation_id", "vendor_id"])
    rel = table("vendor_relationship", ["id", "subject_vendor_id", "type", "object_vendor_id", "confidence"])
    stm = table("vendor_statement", ["id", "vendor_id", "stated_on", "stated_precision", "speaker", "quote", "confidence"])

    ids = {"name": BASE, "jur": BASE, "cit": BASE, "ev": BASE, "act": BASE, "alg": BASE, "alv": BASE, "rel": BASE, "stm": BASE}

    def nxt(k):
        ids[k] += 1
        return ids[k]

    def cite(**claim):
        for s in some_sources(claim.pop("k", 1)):
            row = {"source_id": s, "vendor_name_id": "", "vendor_jurisdiction_id": "", "sanction_event_id": "", "sanction_action_id": "",
                   "allegation_id": "", "vendor_statement_id": "", "vendor_relationship_id": ""}
            row.update(claim)
            cit.writerow([nxt("cit"), row["source_id"], row["vendor_name_id"], row["vendor_jurisdiction_id"], row["sanction_event_id"],
                          row["sanction_action_id"], row["allegation_id"], row["vendor_statement_id"], row["vendor_relationship_id"],
                          "as quoted in the synthetic source", rng.choice(CONF)])

    # sanction events: a few hundred acts, each listing many vendors
    events = []
    for i in range(max(3, int(800 * a.scale))):
        auth, prog, typ = rng.choice(AUTHORITIES)
        y, m, d = rng.randrange(2016, 2026), rng.randrange(1, 13), rng.randrange(1, 28)
        eid = nxt("ev")
        ev.writerow([eid, auth, prog, typ, f"Synthetic act {eid}", f"{y}-{m:02d}-{d:02d}", f"{y}-{m:02d}-{d + 1:02d}",
                     f"{y}-{m:02d}-{d + 1:02d}", "DAY", "DAY", "DAY", f"{80 + y - 2016} FR {rng.randrange(10000, 90000)}", f"{y}-{rng.randrange(10000, 30000)}",
                     "All items subject to the EAR", "Presumption of denial", rng.choice(CONF)])
        cite(sanction_event_id=eid, k=rng.randrange(1, 3))
        events.append(eid)

    for i in range(n_vendors):
        vid = BASE + i
        name = f"{rng.choice(ADJ)} {rng.choice(NOUN)} {rng.choice(SUFFIX)}"
        ven.writerow([vid, f"synth-{i}-" + name.lower().replace(" ", "-"), name + f" {i}", "COMPANY",
                      rng.choice(["ACTIVE", "UNKNOWN", "DEFUNCT"]), f"Synthetic vendor {i} for benchmarks."])
        names = [(name + f" {i} Ltd.", "LEGAL_NAME", ""), (rng.choice(NOUN).upper() + rng.choice(NOUN).upper(), "INDUSTRY_CODENAME", "")]
        if rng.random() < 0.6:
            names.append((name + f" {i}", "LISTED_NAME", "US Entity List"))
        if rng.random() < 0.5:
            names.append((f"{rng.choice(ADJ)} {rng.choice(NOUN)} {i}", "AKA", ""))
        for n, kind, listed in names:
            nid = nxt("name")
            nam.writerow([nid, vid, n, kind, listed, "false", rng.choice(CONF)])
            cite(vendor_name_id=nid)
        for c in rng.sample(COUNTRIES, rng.randrange(1, 3)):
            jid = nxt("jur")
            jur.writerow([jid, vid, c, rng.choice(["INCORPORATED", "HEADQUARTERS", "OPERATIONS"]), rng.choice(CONF)])
            cite(vendor_jurisdiction_id=jid)
        for eid in rng.sample(events, rng.choice([0, 1, 2, 2, 3, 4])):
            aid = nxt("act")
            act.writerow([aid, eid, vid, name + f" {i}", "Synthetic stated reason.", rng.choice(CONF)])
        for k in range(10):
            alid = nxt("alg")
            y = rng.randrange(2012, 2026)
            alg.writerow([alid, vid, f"Allegation {k} against vendor {i}", "Synthetic summary of what is alleged, by whom, and when.",
                          rng.choice(CATEGORIES), rng.choice(STATUSES), f"{y}-{rng.randrange(1, 13):02d}-{rng.randrange(1, 28):02d}", "DAY",
                          "Synthetic reporter", rng.choice(CONF)])
            alv.writerow([nxt("alv"), alid, vid])
            cite(allegation_id=alid, k=rng.randrange(1, 5))
        if rng.random() < 0.5:
            sid = nxt("stm")
            stm.writerow([sid, vid, f"{rng.randrange(2015, 2026)}-0{rng.randrange(1, 10)}-1{rng.randrange(0, 9)}", "DAY", "Spokesperson",
                          "We reject the allegations.", rng.choice(CONF)])
            cite(vendor_statement_id=sid)
    for i in range(max(1, int(5000 * a.scale))):
        s, o = rng.sample(range(BASE, BASE + n_vendors), 2)
        rid = nxt("rel")
        rel.writerow([rid, s, rng.choice(["PARTNER_OF", "SUBSIDIARY_OF", "FOUNDED_BY_ALUMNI_OF"]), o, rng.choice(CONF)])
        cite(vendor_relationship_id=rid)
    for f, _ in w.values():
        f.close()


if __name__ == "__main__":
    main()
