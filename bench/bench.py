#!/usr/bin/env python3
"""Helpers of bench/run.sh: request bodies, the same-data check, pgbench percentiles, the report.

  bench.py body QUERY.graphql [VARIABLES_JSON]          -> request body JSON on stdout
  bench.py same OP VENDORWATCH.json POSTGRAPHILE.json SQL.json  -> exit 1 (with a diff) unless equal
  bench.py pgbench-latency LOG...                        -> "p50_ms p99_ms count"
  bench.py report RESULTS.jsonl                          -> the side-by-side table (markdown)
"""
import json
import statistics
import sys


def body(path, variables=None):
    with open(path) as f:
        query = f.read()
    out = {"query": query}
    if variables:
        out["variables"] = json.loads(variables)
    print(json.dumps(out))


# --- the same data, whoever serves it ---------------------------------------------------------------
# Each engine's answer is reduced to plain tuples of the data the operation asks for. PostGraphile
# names things its own way (nodes instead of edges, computed columns, codes instead of objects) and
# has its own cursors, so cursors are compared between Vendorwatch and the SQL floor only.

def _data(doc):
    if "errors" in doc:
        raise SystemExit("answer has errors: %s" % json.dumps(doc["errors"])[:500])
    return doc.get("data", doc)


def vw(op, d):
    if op == "newsroom":
        return [(n["slug"], n["name"], n["isSanctioned"], [(x["name"], x["kind"]) for x in n["names"]],
                 [(a["authority"]["code"], a["program"] and a["program"]["code"], a["actionType"], a["effectiveOn"],
                   a["citation"], a["url"]) for a in (e["node"] for e in n["sanctionActions"]["edges"])],
                 [(a["title"], a["summary"], a["status"], a["firstReportedOn"],
                   [(s["url"], s["publisher"], s["publishedOn"]) for s in a["sources"]])
                  for a in (e["node"] for e in n["allegations"]["edges"])])
                for n in (e["node"] for e in d["vendors"]["edges"])]
    if op == "byslug":
        v = d["vendor"]
        return (v["slug"], v["name"], v["kind"], v["description"], [(x["name"], x["kind"]) for x in v["names"]],
                [(a["authority"]["code"], a["program"] and a["program"]["code"], a["actionType"], a["effectiveOn"], a["citation"])
                 for a in (e["node"] for e in v["sanctionActions"]["edges"])])
    if op == "search":
        return [(h["vendor"]["slug"], h["vendor"]["name"], h["matchedName"], h["matchType"], round(h["score"], 3)) for h in d["search"]]
    if op in ("typeahead", "product"):
        return [(h["__typename"], h["matchedName"], h["matchType"], round(h["score"], 3),
                 (h.get("vendor") or h.get("product") or {}).get("slug")) for h in d["searchAll"]]
    if op.startswith("page"):
        return ([(e["node"]["slug"], e["node"]["name"]) for e in d["vendors"]["edges"]], d["vendors"]["pageInfo"]["hasNextPage"])
    raise SystemExit("unknown operation " + op)


def pgl(op, d):
    if op == "newsroom":
        return [(n["slug"], n["name"], n["isSanctioned"], [(x["name"], x["kind"]) for x in n["namesInOrder"]["nodes"]],
                 [(a["event"]["authorityCode"], a["event"]["programCode"], a["event"]["actionType"], a["event"]["effectiveOn"],
                   a["event"]["citation"], a["event"]["url"]) for a in n["sanctionsNewest"]["nodes"]],
                 [(a["title"], a["summary"], a["status"], a["firstReportedOn"],
                   [(s["url"], s["publisher"], s["publishedOn"]) for s in a["sourcesInOrder"]["nodes"]])
                  for a in n["allegationsNewest"]["nodes"]])
                for n in d["vendors"]["nodes"]]
    if op == "byslug":
        v = d["vendorBySlug"]
        return (v["slug"], v["name"], v["kind"], v["description"], [(x["name"], x["kind"]) for x in v["namesInOrder"]["nodes"]],
                [(a["event"]["authorityCode"], a["event"]["programCode"], a["event"]["actionType"], a["event"]["effectiveOn"],
                  a["event"]["citation"]) for a in v["sanctionsNewest"]["nodes"]])
    if op == "search":
        return [(h["vendorSlug"], h["vendorName"], h["matchedName"], h["matchType"], round(h["score"], 3)) for h in d["searchVendorHits"]["nodes"]]
    if op in ("typeahead", "product"):
        return [(h["typename"], h["matchedName"], h["matchType"], round(h["score"], 3), h["slug"]) for h in d["searchAllHits"]["nodes"]]
    if op.startswith("page"):
        return ([(e["node"]["slug"], e["node"]["name"]) for e in d["vendors"]["edges"]], d["vendors"]["pageInfo"]["hasNextPage"])
    raise SystemExit("unknown operation " + op)


def same(op, vw_path, pgl_path, sql_path):
    docs = []
    for p in (vw_path, pgl_path, sql_path):
        with open(p) as f:
            docs.append(json.load(f))
    a, b, c = _data(docs[0]), _data(docs[1]), _data(docs[2])
    mine, peer, floor = vw(op, a), pgl(op, b), vw(op, c)
    if op == "search":  # scores are rounded to 3 places by both; compare the ranking and names
        pass
    bad = []
    if mine != peer:
        bad.append("PostGraphile")
    # the SQL floor must return byte-for-byte the same JSON document as Vendorwatch (cursors included)
    if a != c:
        bad.append("SQL floor")
    if not mine or (isinstance(mine, list) and len(mine) == 0):
        bad.append("(empty answer)")
    if bad:
        print("%s: not the same data as Vendorwatch: %s" % (op, ", ".join(bad)))
        print("  vendorwatch:  %s" % json.dumps(mine)[:400])
        print("  postgraphile: %s" % json.dumps(peer)[:400])
        print("  sql floor:    %s" % json.dumps(floor)[:400])
        sys.exit(1)
    size = len(json.dumps(a))
    print("%s: same data from all three (%d items, %d bytes of data)" % (op, len(mine[0]) if op.startswith("page") else len(mine) if isinstance(mine, list) else 1, size))


def pgbench_latency(paths):
    lat = []
    for p in paths:
        with open(p) as f:
            for line in f:
                parts = line.split()
                if len(parts) >= 3:
                    lat.append(int(parts[2]) / 1000.0)
    if not lat:
        print("0 0 0")
        return
    lat.sort()
    pick = lambda q: lat[min(len(lat) - 1, max(0, int(round(q * len(lat))) - 1))]
    print("%.2f %.2f %d" % (pick(0.50), pick(0.99), len(lat)))


def report(path):
    rows = [json.loads(l) for l in open(path) if l.strip()]
    cells = {}
    for r in rows:
        cells.setdefault((r["op"], r["c"], r["target"]), []).append(r)
    ops = []
    for r in rows:
        if r["op"] not in ops:
            ops.append(r["op"])
    concs = sorted({r["c"] for r in rows})
    med = lambda rs, k: statistics.median([x[k] for x in rs]) if rs else None
    out = ["| operation | c | Vendorwatch req/s | p50 ms | p99 ms | errors | RSS MB | PostGraphile req/s | p50 ms | p99 ms | RSS MB "
           "| SQL floor req/s | p50 ms | p99 ms | VW / PostGraphile | VW / SQL floor |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    fmt = lambda v, d=0: "-" if v is None else ("{:,.%df}" % d).format(v)
    for op in ops:
        for c in concs:
            v, p, s = cells.get((op, c, "vendorwatch"), []), cells.get((op, c, "postgraphile"), []), cells.get((op, c, "sql"), [])
            if not v:
                continue
            vr, pr, sr = med(v, "rps"), med(p, "rps"), med(s, "rps")
            out.append("| %s | %d | %s | %s | %s | %d | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |" % (
                op, c, fmt(vr), fmt(med(v, "p50_ms"), 1), fmt(med(v, "p99_ms"), 1), sum(x["errors"] for x in v),
                fmt(max(x["rss_mb"] for x in v)), fmt(pr), fmt(med(p, "p50_ms"), 1), fmt(med(p, "p99_ms"), 1),
                fmt(max(x["rss_mb"] for x in p) if p else None), fmt(sr), fmt(med(s, "p50_ms"), 1), fmt(med(s, "p99_ms"), 1),
                "-" if not pr else "%.2fx" % (vr / pr), "-" if not sr else "%.2fx" % (vr / sr)))
    reps = max(len(x) for x in cells.values())
    out.append("")
    out.append("Medians over %d interleaved repetition(s); RSS is the largest seen during the cells." % reps)
    w = [r for r in rows if "writes" in r]
    if w:
        out.append("")
        out.append("Write-heavy mix (`newsroom+writes`: newsroom read at c=8 while an editor changes an allegation of a "
                   "vendor on the page once a second, through the API): %d writes, %d failed; write latency p50 %s ms, "
                   "p99 %s ms; rebuilding the written vendor's documents in the write's transaction: %s ms per write "
                   "(mean of %d)." % (
                       sum(r["writes"] for r in w), sum(r["write_errors"] for r in w), fmt(med(w, "write_p50_ms"), 1),
                       fmt(med(w, "write_p99_ms"), 1),
                       fmt(statistics.median([r["rebuild_ms"] for r in w if r.get("rebuild_ms") is not None] or [0]), 2),
                       sum(r.get("rebuilds", 0) for r in w)))
    print("\n".join(out))


if __name__ == "__main__":
    cmd = sys.argv[1]
    if cmd == "body":
        body(sys.argv[2], sys.argv[3] if len(sys.argv) > 3 else None)
    elif cmd == "same":
        same(*sys.argv[2:6])
    elif cmd == "pgbench-latency":
        pgbench_latency(sys.argv[2:])
    elif cmd == "report":
        report(sys.argv[2])
    else:
        raise SystemExit(__doc__)
