#!/usr/bin/env python3
"""Helpers of bench/run.sh: request bodies, the same-data check, pgbench percentiles, the report.

  bench.py body QUERY.graphql [VARIABLES_JSON]          -> request body JSON on stdout
  bench.py same OP VENDORWATCH.json POSTGRAPHILE.json SQL.json  -> exit 1 (with a diff) unless equal
  bench.py pgbench-latency LOG...                        -> "p50_ms p99_ms count"
  bench.py combine OP C N READS_BEFORE READS_AFTER LAG I=CELL.json...
                                                         -> one Vendorwatch cell from its instances' wrk cells
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


def combine(op, c, n, before, after, lag_path, parts):
    """One Vendorwatch cell of a scale-out run (INSTANCES=2 and/or REPLICA=1), as one JSON line.

    parts: "I=path" for every instance wrk drove (its http_cell line). The cell's req/s, errors, requests
    and RSS are the sums over the instances, its p50 and p99 the worse instance's (wrk's percentiles cannot
    be merged); "instances" keeps each one's numbers. before/after: "primary replica" read counters summed
    over the instances ("-": no replica); lag: the sampler's lines "streaming|replay lag ms|bytes behind"."""
    cells = []
    for part in parts:
        i, p = part.split("=", 1)
        with open(p) as f:
            r = json.loads(f.read())
        r["instance"] = int(i)
        cells.append(r)
    out = dict(rps=round(sum(x["rps"] for x in cells), 1), p50_ms=max(x["p50_ms"] for x in cells),
               p99_ms=max(x["p99_ms"] for x in cells), errors=sum(x["errors"] for x in cells),
               requests=sum(x["requests"] for x in cells), target="vendorwatch", op=op, c=int(c),
               rss_mb=sum(x["rss_mb"] for x in cells), n_instances=int(n),
               instances=[{k: x[k] for k in ("instance", "c", "rps", "p50_ms", "p99_ms", "errors", "requests", "rss_mb")}
                          for x in cells])
    if before != "-" and after != "-":
        b, a = [int(x) for x in before.split()], [int(x) for x in after.split()]
        out.update(primary_reads=a[0] - b[0], replica_reads=a[1] - b[1])
    if lag_path != "-":
        samples = []
        with open(lag_path) as f:
            for line in f:
                parts_ = line.strip().split("|")
                if len(parts_) == 3:
                    samples.append((int(parts_[0]), float(parts_[1]), int(float(parts_[2]))))
        up = [s for s in samples if s[0] > 0]
        out.update(lag_samples=len(samples), lag_not_streaming=len(samples) - len(up),
                   lag_ms_max=max((s[1] for s in up), default=None),
                   lag_ms_mean=round(statistics.mean(s[1] for s in up), 1) if up else None,
                   lag_bytes_max=max((s[2] for s in up), default=None))
    print(json.dumps(out))


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
    # scale-out runs: columns after the usual ones (which keep their places)
    vws = [r for r in rows if r["target"] == "vendorwatch"]
    two = any(r.get("n_instances", 1) > 1 for r in vws)
    lag = any("lag_samples" in r for r in vws)
    reads = any("replica_reads" in r for r in vws)
    heads = ((["VW #1 req/s", "#1 p99 ms", "VW #2 req/s", "#2 p99 ms"] if two else [])
             + (["replica lag max ms", "lag mean ms", "max KB behind"] if lag else [])
             + (["reads replica / primary"] if reads else []))
    out[0] += "".join(" %s |" % h for h in heads)
    out[1] += "---:|" * len(heads)

    def extra(v):
        cols = []
        if two:
            for i in (1, 2):
                xs = [x for r in v for x in r.get("instances", []) if x["instance"] == i]
                cols += [fmt(med(xs, "rps")), fmt(med(xs, "p99_ms"), 1)]
        if lag:
            ls = [r for r in v if r.get("lag_ms_max") is not None]
            cols += [fmt(max(r["lag_ms_max"] for r in ls) if ls else None, 1),
                     fmt(statistics.mean(r["lag_ms_mean"] for r in ls) if ls else None, 1),
                     fmt(max(r["lag_bytes_max"] for r in ls) / 1024 if ls else None, 1)]
        if reads:
            rs = [r for r in v if "replica_reads" in r]
            cols.append("%s / %s" % (fmt(sum(r["replica_reads"] for r in rs)), fmt(sum(r["primary_reads"] for r in rs)))
                        if rs else "-")
        return "".join(" %s |" % x for x in cols)

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
                "-" if not pr else "%.2fx" % (vr / pr), "-" if not sr else "%.2fx" % (vr / sr)) + extra(v))
    reps = max(len(x) for x in cells.values())
    out.append("")
    out.append("Medians over %d interleaved repetition(s); RSS is the largest seen during the cells." % reps)
    if two:
        out.append("Two Vendorwatch instances, each driven by its own wrk at the same time with ceil(c/2) and "
                   "floor(c/2) connections (c=1: the first only): Vendorwatch req/s and RSS are the sums, p50 and "
                   "p99 the worse instance's; VW #1 and #2 are each instance's own.")
    if lag:
        out.append("Replica lag: the primary's pg_stat_replication sampled once a second during each cell, replay_lag "
                   "(0 when the replica has replayed everything) and the WAL the replica has not replayed yet; the "
                   "largest over the repetitions, and the mean.%s" % (
                       " The replica was not streaming at %d sample(s)." % sum(r.get("lag_not_streaming", 0) for r in vws)
                       if any(r.get("lag_not_streaming") for r in vws) else ""))
    if reads:
        out.append("Reads replica / primary: connections the instances took from each database during the cells "
                   "(vendorwatch_database_reads_total, summed over the repetitions); the primary's include "
                   "background work.")
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
    elif cmd == "combine":
        combine(*sys.argv[2:8], sys.argv[8:])
    elif cmd == "report":
        report(sys.argv[2])
    else:
        raise SystemExit(__doc__)
