#!/usr/bin/env bash
# What rate limits cost per request, measured two ways on this machine (docs/deployment.md cites it):
#   1. Vendorwatch's own limits (a token bucket in memory per client, shared across instances by
#      heartbeats): the same query through two instances on one database, one with limits switched off,
#      one with limits on (an allowance too large to refuse anything), wrk alternating between them.
#   2. A bucket shared in PostgreSQL, as Bucket4j's PostgreSQL proxy keeps it (per request one
#      transaction: SELECT state ... FOR UPDATE, UPDATE ... SET state, COMMIT; bucket4j-postgresql's
#      select-for-update strategy): pgbench runs exactly those statements against the same server,
#      beside a bare round trip (SELECT 1), for 10,000 clients and for one client (a newsroom's proxy,
#      all requests on one row).
#
#   bench/ratelimit-cost.sh        knobs: DURATION (s per cell, 10), CONCURRENCY ("8 32"), JAVA_OPTS
#
# It starts the jar (api/target, built if missing) on a throwaway embedded database of its own.
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION=${DURATION:-10}; CONCURRENCY=${CONCURRENCY:-"8 32"}; JAVA_OPTS=${JAVA_OPTS:--Xmx384m}
WORK=$(mktemp -d /tmp/vw-ratelimit-XXXXXX); chmod 755 "$WORK"
PIDS=()
cleanup() { for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; rm -rf "$WORK"; }
trap cleanup EXIT
log() { echo "[ratelimit $(date +%H:%M:%S)] $*" >&2; }

. ops/jdk.sh && use_jdk21 || exit 1
ops/require-tools.sh --for "bench/ratelimit-cost.sh" wrk pgbench curl python3 || exit 1
JAR=api/target/vendorwatch-api-0.1.0-SNAPSHOT.jar
[ -f "$JAR" ] || ./mvnw -B -ntp -q -DskipTests package
pick_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
start() {  # port, limits on|off
  local on=$2 extra=()
  [ "$on" = on ] && extra=(--vendorwatch.limits.rate.anonymous-per-second=100000000 --vendorwatch.limits.rate.anonymous-per-minute=2000000000)
  VENDORWATCH_DATA_DIR=$WORK/pg java $JAVA_OPTS -jar "$JAR" --server.port="$1" \
    --vendorwatch.limits.rate.enabled=$([ "$on" = on ] && echo true || echo false) "${extra[@]}" > "$WORK/vw-$1.log" 2>&1 &
  PIDS+=("$!")
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null "http://127.0.0.1:$1/actuator/health/readiness" && return 0; sleep 1
  done
  cat "$WORK/vw-$1.log" >&2; exit 1
}
OFF=$(pick_port); ON=$(pick_port)
log "starting two instances on one database: limits off on :$OFF, on on :$ON"
start "$OFF" off
start "$ON" on

echo '{"query":"{ vendor(slug: \"nso-group\") { name } }"}' > "$WORK/body.json"
wrk_rps() {  # port c seconds
  wrk -t2 -c"$2" -d"${3}s" --timeout 30s -s bench/wrk/graphql.lua "http://127.0.0.1:$1/graphql" -- "$WORK/body.json" \
    | sed -n 's/^RESULT //p'
}
log "warming both up (60 s each: the JIT needs about a minute of CPU on two cores)"
for p in "$OFF" "$ON"; do wrk_rps "$p" 8 30 > /dev/null; done
for p in "$OFF" "$ON"; do wrk_rps "$p" 8 30 > /dev/null; done

PG_DATA=$WORK/pg; PG_PORT=$(sed -n 4p "$PG_DATA/postmaster.pid")
PGPASSWORD=$(ops/db-password.sh "$PG_DATA" postgres); export PGPASSWORD
PSQL=(psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres)
"${PSQL[@]}" -d postgres -c "create database ratelimit_bench"
"${PSQL[@]}" -d ratelimit_bench -c "
  create table bucket (id bigint primary key, state bytea);
  insert into bucket select g, decode(repeat('00', 40), 'hex') from generate_series(1, 10000) g;"
cat > "$WORK/bucket-many.sql" <<'SQL'
\set id random(1, 10000)
BEGIN;
SELECT state FROM bucket WHERE id = :id FOR UPDATE;
UPDATE bucket SET state = decode(md5(random()::text) || md5(random()::text), 'hex') WHERE id = :id;
COMMIT;
SQL
sed 's/random(1, 10000)/random(1, 1)/' "$WORK/bucket-many.sql" > "$WORK/bucket-one.sql"
echo 'SELECT 1;' > "$WORK/roundtrip.sql"
pg_tps() {  # script c
  pgbench -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -d ratelimit_bench -c "$2" -j 2 -T "$DURATION" -f "$1" 2>/dev/null \
    | sed -n 's/^tps = \([0-9.]*\) .*/\1/p'
}

printf '\n| c | service, limits off (req/s) | service, limits on (req/s) | change with our limits | SELECT 1 (tx/s) | shared bucket, 10,000 clients (tx/s) | shared bucket, one client (tx/s) |\n|---:|---:|---:|---:|---:|---:|---:|\n'
for c in $CONCURRENCY; do
  off=(); on=()
  rps() { wrk_rps "$1" "$c" "$DURATION" | python3 -c 'import json,sys; print(json.load(sys.stdin)["rps"])'; }
  for rep in 1 2 3; do  # interleaved, each first in turn, so drift hits both alike; the median of three
    if [ $((rep % 2)) = 1 ]; then off+=("$(rps "$OFF")"); on+=("$(rps "$ON")"); else on+=("$(rps "$ON")"); off+=("$(rps "$OFF")"); fi
  done
  rt=$(pg_tps "$WORK/roundtrip.sql" "$c"); many=$(pg_tps "$WORK/bucket-many.sql" "$c"); one=$(pg_tps "$WORK/bucket-one.sql" "$c")
  python3 - "$c" "${off[*]}" "${on[*]}" "$rt" "$many" "$one" <<'PY'
import sys, statistics as s
c, off, on, rt, many, one = sys.argv[1], [float(x) for x in sys.argv[2].split()], [float(x) for x in sys.argv[3].split()], *map(float, sys.argv[4:])
o, n = s.median(off), s.median(on)
print(f"| {c} | {o:,.0f} | {n:,.0f} | {(n - o) / o * 100:+.1f} % | {rt:,.0f} | {many:,.0f} | {one:,.0f} |")
PY
done
echo
echo "Machine: $(nproc) cores; $(java -version 2>&1 | head -1); $(pgbench --version). Service query: { vendor(slug: \"nso-group\") { name } }."
