#!/usr/bin/env bash
# One command, one machine, one run: Vendorwatch against PostGraphile v4 and the raw-SQL floor, on the
# same synthetic database, for the same five operations, at concurrency 1, 8 and 32.
#
#   bench/run.sh                 full run: scale 1 (20,000 vendors), 20 s per cell, 3 interleaved repetitions
#   bench/run.sh --smoke         seconds: scale 0.01, 1 s cells, c=1 and 8, one repetition (run by ./mvnw verify)
#
# Knobs (environment): SCALE, DURATION (s per cell), REPS, CONCURRENCY ("1 8 32"), WARMUP (s per operation and
# round; servers are warmed in rounds until every operation's rate holds within 5 %, at most WARMUP_ROUNDS),
# WRITES (1: also the write-heavy mix, an editor writing once a second while wrk reads newsroom), OPS (a subset),
# BENCH_WORK (data and logs; default bench/.work), JAVA_OPTS (default -Xmx384m, per instance), BENCH_NO_BUILD=1
# (use the jar as it is).
#
# Scale-out knobs (defaults: one instance, no replica, the run described below):
#   INSTANCES=2  a second Vendorwatch instance on another port, sharing the first one's PostgreSQL (same data
#                folder). Every Vendorwatch cell then runs two wrk at once, one per instance, with c split
#                ceil(c/2) + floor(c/2) (c=1 drives instance 1 only); the table's Vendorwatch req/s is the sum,
#                its p50/p99 the worse instance's, RSS the sum, and per-instance columns follow.
#   REPLICA=1    a hot-standby streaming replica of that PostgreSQL (`java -jar ... replica`, data in
#                $BENCH_WORK/pg-scale<S>-replica, recreated every run), and every instance started with
#                VENDORWATCH_REPLICAS_URLS pointing at it (anonymous reads go to the replica while it lags
#                < 5 s). During every Vendorwatch cell the primary's pg_stat_replication is sampled once a
#                second (replay lag in ms, WAL bytes not yet replayed) and the instances' read counters are
#                read before and after: the table shows the lag's max and mean and how many reads each
#                database served.
#   e.g. INSTANCES=2 REPLICA=1 bench/run.sh, or INSTANCES=2 REPLICA=1 bench/run.sh --smoke
#
# What it does: builds the jar if needed; starts Vendorwatch on its embedded PostgreSQL with a data
# folder of its own (never your development database); loads the synthetic data if absent (generate.py
# + load.sh, COPY); starts PostGraphile v4 (npm ci from bench/postgraphile/package-lock.json) on the same
# database with the computed columns of postgraphile/computed.sql; checks that the three serve the same
# data for every operation; warms every target up; then runs every cell with wrk (HTTP) or pgbench
# (-M prepared, SQL), interleaving targets inside each repetition so drift hits all three alike; prints
# the side-by-side table and writes it with the raw results under $BENCH_WORK/results-<scale>/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

SMOKE=0
[ "${1:-}" = "--smoke" ] && SMOKE=1
if [ $SMOKE = 1 ]; then
  SCALE=${SCALE:-0.01}; DURATION=${DURATION:-1}; REPS=${REPS:-1}; CONCURRENCY=${CONCURRENCY:-"1 8"}; WARMUP=${WARMUP:-1}
  WARMUP_ROUNDS=${WARMUP_ROUNDS:-1}; DURATION_WRITES=${DURATION_WRITES:-3}
else
  SCALE=${SCALE:-1}; DURATION=${DURATION:-20}; REPS=${REPS:-3}; CONCURRENCY=${CONCURRENCY:-"1 8 32"}; WARMUP=${WARMUP:-10}
  WARMUP_ROUNDS=${WARMUP_ROUNDS:-8}; DURATION_WRITES=${DURATION_WRITES:-$DURATION}
fi
WORK=${BENCH_WORK:-$ROOT/bench/.work}
DATA=$WORK/pg-scale$SCALE
OUT=$WORK/results-scale$SCALE
JAVA_OPTS=${JAVA_OPTS:--Xmx384m}
OPS=${OPS:-"newsroom byslug search typeahead product page1 page1000"}
WRITES=${WRITES:-1}
INSTANCES=${INSTANCES:-1}; REPLICA=${REPLICA:-0}
case "$INSTANCES:$REPLICA" in 1:0|1:1|2:0|2:1) ;; *) echo "INSTANCES must be 1 or 2, REPLICA 0 or 1" >&2; exit 1 ;; esac
REPLICA_DIR=$WORK/pg-scale$SCALE-replica
# typeahead: what a search box sends while a name is typed, 2 to 4 letters (a random one per request);
# product: a product name with a typo. Both over everything searchAll finds.
PREFIXES="ca can cand in int inte pe peg pega pr pre pred cy cyt cytr si sil sile fa fal falc co cob coba or orb orbi"
PRODUCT_QUERY="Predatr"
mkdir -p "$WORK" "$OUT"
: > "$OUT/results.jsonl"

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
PIDS=()
REPLICA_PID=""; VW2_PID=""
stop() { kill "$1" 2>/dev/null && wait "$1" 2>/dev/null || true; }  # a child of this shell, until it has exited
cleanup() {
  # In order: the replica first, while the primary still runs (its java stops its PostgreSQL on SIGTERM; then its
  # replication slot is dropped, or the primary would keep write-ahead log for it forever, and its folder goes);
  # then the second instance, which would otherwise start the shared PostgreSQL again when the first one
  # stopped it; then everything else (the first instance stops the primary's PostgreSQL).
  if [ -n "$REPLICA_PID" ]; then
    stop "$REPLICA_PID"
    local slot; slot=$(sed -n "s/^primary_slot_name = '\([^']*\)'.*/\1/p" "$REPLICA_DIR/postgresql.auto.conf" 2>/dev/null | tail -1)
    if [ -n "$slot" ]; then
      for _ in $(seq 1 50); do  # the walsender may take a moment to notice the replica has gone
        [ "$("${PSQL[@]}" -c "select count(*) from pg_replication_slots where slot_name = '$slot' and active" 2>/dev/null)" = 0 ] && break
        sleep 0.1
      done
      if [ "$("${PSQL[@]}" -c "select count(pg_drop_replication_slot(slot_name)) from pg_replication_slots where slot_name = '$slot' and not active" 2>/dev/null)" = 1 ]
      then log "replica stopped, its replication slot $slot dropped"; else log "could not drop replication slot $slot on the primary"; fi
    fi
    local pm; pm=$(head -1 "$REPLICA_DIR/postmaster.pid" 2>/dev/null || true)
    if [ -n "$pm" ] && kill -0 "$pm" 2>/dev/null; then log "replica PostgreSQL $pm still running: leaving $REPLICA_DIR"
    else rm -rf "$REPLICA_DIR"; fi
  fi
  [ -z "$VW2_PID" ] || stop "$VW2_PID"
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true
}
trap cleanup EXIT

# --- tools ------------------------------------------------------------------------------------------
. ops/jdk.sh && use_jdk21 || exit 1
# every tool below, installed one missing Debian package at a time (never replacing the machine's own)
ops/require-tools.sh --for "bench/run.sh" --skip "./mvnw verify -DskipBench (for the test run)" \
  wrk pgbench psql node npm python3 curl || exit 1
wait_http() {  # port pid log: until the GraphQL endpoint answers (or the process died)
  for _ in $(seq 1 180); do
    curl -sf -o /dev/null -H 'Content-Type: application/json' -d '{"query":"{__typename}"}' "http://127.0.0.1:$1/graphql" && return 0
    kill -0 "$2" 2>/dev/null || { cat "$3" >&2; exit 1; }
    sleep 1
  done
  echo "no answer on :$1 after 180 s" >&2; exit 1
}
pick_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# --- Vendorwatch ------------------------------------------------------------------------------------
JAR=api/target/vendorwatch-api-0.1.0-SNAPSHOT.jar
if [ "${BENCH_NO_BUILD:-0}" != 1 ] && { [ ! -f "$JAR" ] || [ -n "$(find api/src schema migrations -newer "$JAR" -type f | head -1)" ]; }; then
  log "building the jar"; ./mvnw -B -ntp -q -DskipTests package
fi
# run a copy: a build during the run (./mvnw package rewrites the jar) must not pull classes from under the server
cp "$JAR" "$WORK/vendorwatch-bench.jar"
# the editor of the write-heavy mix signs in with a stand-in identity provider (bench/writer/writer.mjs)
export WRITER_KEY_FILE=$OUT/writer-key.pem; rm -f "$WRITER_KEY_FILE" "$OUT/issuer.port"
node bench/writer/writer.mjs issuer "$OUT/issuer.port" > "$OUT/issuer.log" 2>&1 &
PIDS+=("$!")
for _ in $(seq 1 50); do [ -s "$OUT/issuer.port" ] && break; sleep 0.1; done
ISSUER_PORT=$(cat "$OUT/issuer.port"); ISSUER="http://127.0.0.1:$ISSUER_PORT/realms/bench"
# With REPLICA=1 the replica's port is picked now and every instance, the first included, starts with
# VENDORWATCH_REPLICAS_URLS pointing at it, although the replica can only be made once the first instance runs
# (it copies that instance's PostgreSQL): an instance skips a replica that is down and checks it again every
# second, so the first one starts reading from the replica once it is up, and no instance is restarted.
REPLICA_ENV=()
if [ "$REPLICA" = 1 ]; then
  REPLICA_PORT=$(pick_port)
  REPLICA_ENV=(VENDORWATCH_REPLICAS_URLS="jdbc:postgresql://127.0.0.1:$REPLICA_PORT/vendorwatch")
  rm -rf "$REPLICA_DIR"   # never a stale replica (its slot on the primary is dropped and made again with it)
fi
start_vw() {  # port log -> the instance's pid in VW_STARTED
  # production settings, except the per-IP rate limit: the load generator is one IP
  env VENDORWATCH_DATA_DIR="$DATA" VENDORWATCH_LIMITS_RATE_ENABLED=false VENDORWATCH_ISSUER_URI="$ISSUER" \
    VENDORWATCH_JWK_SET_URI="http://127.0.0.1:$ISSUER_PORT/jwks" VENDORWATCH_USERINFO_URI="http://127.0.0.1:$ISSUER_PORT/userinfo" \
    "${REPLICA_ENV[@]}" java $JAVA_OPTS -jar "$WORK/vendorwatch-bench.jar" --server.port="$1" > "$2" 2>&1 &
  VW_STARTED=$!; PIDS+=("$VW_STARTED")
}
VW_PORT=$(pick_port)
log "starting Vendorwatch on :$VW_PORT (data: $DATA, $JAVA_OPTS)"
start_vw "$VW_PORT" "$OUT/vendorwatch.log"; VW_PID=$VW_STARTED
wait_http "$VW_PORT" "$VW_PID" "$OUT/vendorwatch.log"
PG_PORT=$(sed -n 4p "$DATA/postmaster.pid")
PGPASSWORD=$(ops/db-password.sh "$DATA" postgres); export PGPASSWORD   # psql, pgbench and PostGraphile read it
PSQL=(psql -X -q -At -h 127.0.0.1 -p "$PG_PORT" -U postgres -d vendorwatch)

# --- synthetic data ---------------------------------------------------------------------------------
want=$(python3 -c "print(round(20000 * $SCALE))")
have=$("${PSQL[@]}" -c "select count(*) from vendor where slug like 'synth-%'")
if [ "$have" != "$want" ]; then
  [ "$have" = 0 ] || { echo "$DATA holds $have synthetic vendors, not $want: remove it and rerun" >&2; exit 1; }
  log "generating and loading synthetic data, scale $SCALE"
  rm -rf "$WORK/synthetic-$SCALE"
  python3 bench/synthetic/generate.py "$WORK/synthetic-$SCALE" --scale "$SCALE" >&2
  bench/synthetic/load.sh "$WORK/synthetic-$SCALE" -h 127.0.0.1 -p "$PG_PORT" -U postgres -d vendorwatch
fi
# the read model: every vendor's documents, rebuilt by the service in the background after a load or a new definition
t0=$(date +%s)
while :; do
  left=$("${PSQL[@]}" -c "select count(*) from vendor v where not exists (select 1 from vendor_document d where d.vendor_id = v.id)")
  queued=$("${PSQL[@]}" -c "select count(*) from vendor_document_stale")
  [ "$left" = 0 ] && [ "$queued" = 0 ] && break
  kill -0 "$VW_PID" 2>/dev/null || { cat "$OUT/vendorwatch.log" >&2; exit 1; }
  sleep 1
done
log "read model complete ($(( $(date +%s) - t0 )) s waited)"

# --- scale-out: the replica and the second instance -----------------------------------------------------
# after the load and the read model, so the replica's base backup copies the finished database instead of
# streaming the load
VW_PORTS=("$VW_PORT"); VW_PIDS=("$VW_PID")
if [ "$REPLICA" = 1 ]; then
  log "starting a streaming replica of $DATA on :$REPLICA_PORT (data: $REPLICA_DIR)"
  java $JAVA_OPTS -jar "$WORK/vendorwatch-bench.jar" replica --data-dir="$DATA" --replica-dir="$REPLICA_DIR" \
    --port="$REPLICA_PORT" > "$OUT/replica.log" 2>&1 &
  REPLICA_PID=$!; PIDS+=("$REPLICA_PID")
  for _ in $(seq 1 300); do
    [ "$("${PSQL[@]}" -c "select count(*) from pg_stat_replication where state = 'streaming'")" -ge 1 ] && break
    kill -0 "$REPLICA_PID" 2>/dev/null || { cat "$OUT/replica.log" >&2; exit 1; }
    sleep 1
  done
  [ "$("${PSQL[@]}" -c "select count(*) from pg_stat_replication where state = 'streaming'")" -ge 1 ] \
    || { echo "the replica is not streaming after 300 s" >&2; cat "$OUT/replica.log" >&2; exit 1; }
  log "replica streaming ($(grep -m1 '^Replica of' "$OUT/replica.log" || true))"
fi
if [ "$INSTANCES" = 2 ]; then
  VW2_PORT=$(pick_port)
  log "starting a second Vendorwatch on :$VW2_PORT, sharing the first one's PostgreSQL ($DATA)"
  start_vw "$VW2_PORT" "$OUT/vendorwatch-2.log"; VW2_PID=$VW_STARTED
  wait_http "$VW2_PORT" "$VW2_PID" "$OUT/vendorwatch-2.log"
  grep -q "Using the PostgreSQL already running" "$OUT/vendorwatch-2.log" \
    || { echo "the second instance did not share the first one's PostgreSQL" >&2; cat "$OUT/vendorwatch-2.log" >&2; exit 1; }
  VW_PORTS+=("$VW2_PORT"); VW_PIDS+=("$VW2_PID")
fi
metrics() { curl -s "http://127.0.0.1:$1/actuator/prometheus"; }
if [ "$REPLICA" = 1 ]; then  # every instance sends anonymous reads to the replica before anything is measured
  for port in "${VW_PORTS[@]}"; do
    t=0  # (grep reads all, not -q: under pipefail a curl cut off by an early grep exit would fail the test)
    until metrics "$port" | grep -E '^vendorwatch_database_replica_up\{.*\} 1(\.0)?$' > /dev/null; do
      t=$((t + 1)); [ "$t" -le 120 ] || { echo "Vendorwatch on :$port does not read from the replica after 120 s" >&2; exit 1; }
      sleep 1
    done
  done
  log "every instance reads from the replica"
fi
"${PSQL[@]}" -f bench/postgraphile/computed.sql 2>/dev/null
"${PSQL[@]}" -c "select slug from vendor where slug like 'synth-%' order by id" > "$OUT/slugs.txt"
CHECK_SLUG=$("${PSQL[@]}" -c "select slug from vendor v where slug like 'synth-%' and exists (select 1 from sanction_action a where a.vendor_id = v.id) order by id limit 1")
CHECK_ID=$("${PSQL[@]}" -c "select id from vendor where slug = '$CHECK_SLUG'")
# page 1,000 of 20 (or the last full page at small scales): the keyset of the row before it
TOTAL=$("${PSQL[@]}" -c "select count(*) from vendor")
SKIP=$(( TOTAL >= 20000 ? 19980 : (TOTAL / 20 - 1) * 20 ))
IFS='|' read -r KEY_NAME KEY_ID VW_CURSOR < <("${PSQL[@]}" -c "select sort_name, id, vw_cursor('vendors:NAME:ASC', array[vw_cursor_escape(sort_name), id::text]) from vendor order by sort_name, id offset $((SKIP - 1)) limit 1")
log "$TOTAL vendors; page 1000 starts after row $SKIP"

# --- PostGraphile v4 ---------------------------------------------------------------------------------
if [ ! -d bench/postgraphile/node_modules/postgraphile ]; then
  log "installing PostGraphile (npm ci)"; (cd bench/postgraphile && npm ci --no-audit --no-fund --loglevel=error >&2)
fi
PGL_PORT=$(pick_port)
(cd bench/postgraphile && exec env NODE_ENV=production node node_modules/postgraphile/cli.js \
   -c "postgres://postgres@127.0.0.1:$PG_PORT/vendorwatch" -s public -n 127.0.0.1 -p "$PGL_PORT" \
   --append-plugins @graphile-contrib/pg-simplify-inflector --no-setof-functions-contain-nulls --no-ignore-rbac \
   --dynamic-json --legacy-relations omit --disable-default-mutations --disable-graphiql --disable-query-log) \
   > "$OUT/postgraphile.log" 2>&1 &
PGL_PID=$!; PIDS+=("$PGL_PID")
wait_http "$PGL_PORT" "$PGL_PID" "$OUT/postgraphile.log"
PGL_CURSOR=$(curl -s -H 'Content-Type: application/json' \
  -d "{\"query\":\"{ vendors(first: 1, offset: $((SKIP - 1)), orderBy: [SORT_NAME_ASC, ID_ASC]) { edges { cursor } } }\"}" \
  "http://127.0.0.1:$PGL_PORT/graphql" | python3 -c 'import json,sys; print(json.load(sys.stdin)["data"]["vendors"]["edges"][0]["cursor"])')

# --- request bodies and SQL scripts -------------------------------------------------------------------
B=$OUT/bodies; mkdir -p "$B"
body() { python3 bench/bench.py body "$@"; }
body bench/queries/newsroom.graphql > "$B/vendorwatch-newsroom.json"
body bench/postgraphile/queries/newsroom.graphql > "$B/postgraphile-newsroom.json"
body bench/queries/byslug.graphql '{"slug":"__SLUG__"}' > "$B/vendorwatch-byslug.json"
body bench/postgraphile/queries/byslug.graphql '{"slug":"__SLUG__"}' > "$B/postgraphile-byslug.json"
body bench/queries/search.graphql > "$B/vendorwatch-search.json"
body bench/postgraphile/queries/search.graphql > "$B/postgraphile-search.json"
tr ' ' '\n' <<<"$PREFIXES" > "$OUT/prefixes.txt"
CHECK_PREFIX=${PREFIXES%% *}
body bench/queries/searchall.graphql '{"q":"__SLUG__"}' > "$B/vendorwatch-typeahead.json"
body bench/postgraphile/queries/searchall.graphql '{"q":"__SLUG__"}' > "$B/postgraphile-typeahead.json"
body bench/queries/searchall.graphql "{\"q\":\"$PRODUCT_QUERY\"}" > "$B/vendorwatch-product.json"
body bench/postgraphile/queries/searchall.graphql "{\"q\":\"$PRODUCT_QUERY\"}" > "$B/postgraphile-product.json"
body bench/queries/page.graphql > "$B/vendorwatch-page1.json"
body bench/postgraphile/queries/page.graphql > "$B/postgraphile-page1.json"
body bench/queries/page.graphql "{\"after\":\"$VW_CURSOR\"}" > "$B/vendorwatch-page1000.json"
body bench/postgraphile/queries/page.graphql "{\"after\":\"$PGL_CURSOR\"}" > "$B/postgraphile-page1000.json"
S=$OUT/sql; mkdir -p "$S"
cp bench/sql/newsroom.sql bench/sql/search.sql "$S/"
{ echo "\\set id random($("${PSQL[@]}" -c "select min(id) || ', ' || max(id) from vendor where slug like 'synth-%'"))"; cat bench/sql/byslug.sql; } > "$S/byslug.sql"
{ echo "\\set i random(1, $(wc -w <<<"$PREFIXES"))"
  sed -e "s/:q/(array['$(sed "s/ /','/g" <<<"$PREFIXES")'])[:i]/" bench/sql/searchall.sql; } > "$S/typeahead.sql"
sed -e "s/:q/'$PRODUCT_QUERY'/" bench/sql/searchall.sql > "$S/product.sql"
sed -e "s/:key/''/; s/:id/0/" bench/sql/page.sql > "$S/page1.sql"
sed -e "s/:key/'${KEY_NAME//\'/\'\'}'/; s/:id/$KEY_ID/" bench/sql/page.sql > "$S/page1000.sql"

# --- the same data from all three -------------------------------------------------------------------
C=$OUT/check; mkdir -p "$C"
post() { curl -s -H 'Content-Type: application/json' --data-binary @"$2" "http://127.0.0.1:$1/graphql"; }
for op in $OPS; do
  if [ $op = byslug ]; then
    sed "s/__SLUG__/$CHECK_SLUG/" "$B/vendorwatch-byslug.json" > "$C/vw-body.json"
    sed "s/__SLUG__/$CHECK_SLUG/" "$B/postgraphile-byslug.json" > "$C/pgl-body.json"
    sed "1d; s/:id/$CHECK_ID/" "$S/byslug.sql" | "${PSQL[@]}" > "$C/$op-sql.json"
  elif [ $op = typeahead ]; then
    sed "s/__SLUG__/$CHECK_PREFIX/" "$B/vendorwatch-typeahead.json" > "$C/vw-body.json"
    sed "s/__SLUG__/$CHECK_PREFIX/" "$B/postgraphile-typeahead.json" > "$C/pgl-body.json"
    sed "1d; s/(array\[.*\])\[:i\]/'$CHECK_PREFIX'/" "$S/typeahead.sql" | "${PSQL[@]}" > "$C/$op-sql.json"
  else
    cp "$B/vendorwatch-$op.json" "$C/vw-body.json"; cp "$B/postgraphile-$op.json" "$C/pgl-body.json"
    "${PSQL[@]}" -f "$S/$op.sql" > "$C/$op-sql.json"
  fi
  post "$VW_PORT" "$C/vw-body.json" > "$C/$op-vendorwatch.json"
  post "$PGL_PORT" "$C/pgl-body.json" > "$C/$op-postgraphile.json"
  python3 bench/bench.py same "$op" "$C/$op-vendorwatch.json" "$C/$op-postgraphile.json" "$C/$op-sql.json" >&2
  if [ "$INSTANCES" = 2 ]; then  # the second instance too (with REPLICA=1 both answered from the replica)
    post "$VW2_PORT" "$C/vw-body.json" > "$C/$op-vendorwatch-2.json"
    python3 bench/bench.py same "$op" "$C/$op-vendorwatch-2.json" "$C/$op-postgraphile.json" "$C/$op-sql.json" | sed 's/^/instance 2: /' >&2
  fi
done

# --- cells --------------------------------------------------------------------------------------------
rss_mb() { awk '/VmRSS/{printf "%d", $2/1024}' "/proc/$1/status" 2>/dev/null || echo 0; }
watch_rss() {  # pid file -> max RSS (MB) written to file when killed
  local max=0 r; trap 'echo $max > "$2"; exit 0' TERM
  while :; do r=$(rss_mb "$1"); [ "${r:-0}" -gt "$max" ] && max=$r; echo $max > "$2"; sleep 0.5; done
}
http_cell() {  # target port op c seconds pid [rss file suffix] -> JSON line
  local target=$1 port=$2 op=$3 c=$4 d=$5 pid=$6 extra=() res rss rssf=$OUT/rss${7:+-$7}
  [ $op = byslug ] && extra=("$OUT/slugs.txt")
  [ $op = typeahead ] && extra=("$OUT/prefixes.txt")
  watch_rss "$pid" "$rssf" & local w=$!
  res=$(wrk -t$(( c < 2 ? 1 : 2 )) -c"$c" -d"${d}s" --timeout 30s -s bench/wrk/graphql.lua "http://127.0.0.1:$port/graphql" -- "$B/$target-$op.json" "${extra[@]}" \
        | sed -n 's/^RESULT //p')
  kill $w; wait $w 2>/dev/null || true; rss=$(cat "$rssf")
  python3 -c "import json,sys; r=json.loads(sys.argv[1]); r.update(target=sys.argv[2], op=sys.argv[3], c=int(sys.argv[4]), rss_mb=int(sys.argv[5])); print(json.dumps(r))" \
    "$res" "$target" "$op" "$c" "$rss"
}
# A Vendorwatch cell. One instance without a replica: http_cell as it is. Otherwise every instance at once, each
# with its own wrk and its share of the c connections (ceil(c/2) to the first, floor(c/2) to the second; an
# instance with no share is not driven), the same duration; with a replica, its lag sampled once a second on the
# primary during the cell, and the reads each database served (the instances' counters, before and after).
reads() {  # -> "primary replica": connections every instance has taken from each database so far
  local port; for port in "${VW_PORTS[@]}"; do metrics "$port"; done \
    | awk '/^vendorwatch_database_reads_total\{/ { if ($0 ~ /target="replica"/) r += $NF; else if ($0 ~ /target="primary"/) p += $NF }
           END { printf "%d %d\n", p, r }'
}
sample_lag() {  # file: once a second until killed, "streaming replicas|replay lag ms|WAL bytes not replayed yet"
  while :; do
    "${PSQL[@]}" -c "select count(*), coalesce(max(extract(epoch from replay_lag) * 1000), 0)::numeric(12,1),
                            coalesce(max(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)), 0)
                     from pg_stat_replication where state = 'streaming'" >> "$1" 2>/dev/null || true
    sleep 1
  done
}
vw_cell() {  # op c seconds -> JSON line
  local op=$1 c=$2 d=$3 n=${#VW_PORTS[@]} i ci files=() pids=() before="" after="" s=""
  if [ "$n" = 1 ] && [ "$REPLICA" = 0 ]; then http_cell vendorwatch "$VW_PORT" "$op" "$c" "$d" "$VW_PID"; return; fi
  if [ "$REPLICA" = 1 ]; then before=$(reads); : > "$OUT/lag"; sample_lag "$OUT/lag" > /dev/null & s=$!; fi
  for i in $(seq 0 $((n - 1))); do
    ci=$(( c / n + (i < c % n ? 1 : 0) ))
    [ "$ci" -gt 0 ] || continue
    http_cell vendorwatch "${VW_PORTS[$i]}" "$op" "$ci" "$d" "${VW_PIDS[$i]}" "$((i + 1))" > "$OUT/cell-$((i + 1)).json" &
    pids+=("$!"); files+=("$((i + 1))=$OUT/cell-$((i + 1)).json")
  done
  for i in "${pids[@]}"; do wait "$i"; done
  if [ -n "$s" ]; then kill "$s"; wait "$s" 2>/dev/null || true; after=$(reads); fi
  python3 bench/bench.py combine "$op" "$c" "$n" "${before:--}" "${after:--}" "$([ -n "$s" ] && echo "$OUT/lag" || echo -)" "${files[@]}"
}
sql_cell() {  # op c seconds -> JSON line
  local op=$1 c=$2 d=$3 j; j=$(( c < 2 ? 1 : 2 ))
  rm -f "$OUT"/pgblog.*
  local txt; txt=$(pgbench -n -M prepared -h 127.0.0.1 -p "$PG_PORT" -U postgres -c "$c" -j "$j" -T "$d" -l --log-prefix="$OUT/pgblog" \
                   -f "$S/${op}.sql" vendorwatch 2>&1)
  local tps fails lat; tps=$(awk '/^tps = /{print $3}' <<<"$txt"); fails=$(awk '/number of failed transactions/{print $5}' <<<"$txt")
  lat=$(python3 bench/bench.py pgbench-latency "$OUT"/pgblog.*)
  python3 -c "import sys; p50,p99,n=sys.argv[3].split(); import json; print(json.dumps(dict(rps=float(sys.argv[1] or 0), p50_ms=float(p50), p99_ms=float(p99), errors=int(sys.argv[2] or 0), requests=int(n), target='sql', op=sys.argv[4], c=int(sys.argv[5]), rss_mb=0)))" \
    "$tps" "${fails:-0}" "$lat" "$op" "$c"
}

# Warm-up until steady: a JIT keeps compiling for a minute or more under load (C2 took ~55 s of CPU on two
# shared cores before Vendorwatch's rate settled), so a fixed warm-up measures a server still compiling.
# Each server runs rounds of every operation until no operation's rate moves more than 5 % between two rounds.
warm() {  # target port pid
  local prev="" now round line
  for round in $(seq 1 "$WARMUP_ROUNDS"); do
    now=""
    for op in $OPS; do
      if [ "$1" = vendorwatch ]; then line=$(vw_cell $op 8 "$WARMUP"); else line=$(http_cell "$1" "$2" $op 8 "$WARMUP" "$3"); fi
      now="$now $(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["rps"])' "$line")"
    done
    log "warm-up $1 round $round: req/s$now"
    if [ -n "$prev" ] && python3 -c 'import sys; a,b=(list(map(float,x.split())) for x in sys.argv[1:]); sys.exit(0 if all(abs(y-x) <= 0.05*max(x,1) for x,y in zip(a,b)) else 1)' "$prev" "$now"; then
      return
    fi
    prev=$now
  done
}
warm vendorwatch "$VW_PORT" "$VW_PID"
warm postgraphile "$PGL_PORT" "$PGL_PID"
# the write-heavy mix: newsroom read at c=8 while an editor changes an allegation of a vendor on that page once a second
# (INSTANCES=2: the readers are split between the instances as in every Vendorwatch cell, the editor writes
# through the first one; the rebuild timer is summed over the instances)
rebuilds() { local port; for port in "${VW_PORTS[@]}"; do metrics "$port"; done \
  | awk '/^vendorwatch_read_documents_rebuild_seconds_count/{c+=$2} /^vendorwatch_read_documents_rebuild_seconds_sum/{s+=$2} END{print c+0, s+0}'; }
writes_cell() {  # -> JSON line: wrk's numbers, the writer's, and what rebuilding documents cost each write
  local before after w line
  before=$(rebuilds)
  node bench/writer/writer.mjs write "http://127.0.0.1:$VW_PORT/graphql" "$ISSUER" "$DURATION_WRITES" > "$OUT/writer.out" 2>"$OUT/writer.err" & w=$!
  line=$(vw_cell newsroom 8 "$DURATION_WRITES")
  wait $w || { cat "$OUT/writer.err" >&2; exit 1; }
  after=$(rebuilds)
  python3 -c "
import json,sys
r=json.loads(sys.argv[1]); w=json.loads(open(sys.argv[2]).read().split('RESULT ',1)[1])
b=[float(x) for x in sys.argv[3].split()] or [0,0]; a=[float(x) for x in sys.argv[4].split()] or [0,0]
n=a[0]-b[0]; r.update(w); r.update(op='newsroom+writes', rebuilds=int(n), rebuild_ms=round(1000*(a[1]-b[1])/n, 2) if n else None)
print(json.dumps(r))" "$line" "$OUT/writer.out" "${before:-0 0}" "${after:-0 0}"
}
for rep in $(seq 1 "$REPS"); do
  for op in $OPS; do
    for c in $CONCURRENCY; do
      for target in vendorwatch postgraphile sql; do
        case $target in
          vendorwatch) line=$(vw_cell $op "$c" "$DURATION") ;;
          postgraphile) line=$(http_cell postgraphile "$PGL_PORT" $op "$c" "$DURATION" "$PGL_PID") ;;
          sql) line=$(sql_cell $op "$c" "$DURATION") ;;
        esac
        echo "$line" >> "$OUT/results.jsonl"
        log "rep $rep $op c=$c $target: $line"
      done
    done
  done
  if [ "$WRITES" = 1 ]; then
    line=$(writes_cell); echo "$line" >> "$OUT/results.jsonl"; log "rep $rep newsroom+writes c=8 vendorwatch: $line"
  fi
done

{
  echo "Scale $SCALE ($TOTAL vendors), $DURATION s per cell, $(nproc) cores shared by wrk, the servers and PostgreSQL; $(date -u +%Y-%m-%dT%H:%MZ)."
  if [ "$INSTANCES" = 2 ]; then
    echo -n "Vendorwatch: two instances sharing one PostgreSQL, driven at once by two wrk with ceil(c/2) and floor(c/2) connections"
  elif [ "$REPLICA" = 1 ]; then echo -n "Vendorwatch: one instance"; fi
  [ "$REPLICA" = 0 ] || echo -n "; anonymous reads from a streaming replica of that PostgreSQL on the same machine"
  [ "$INSTANCES:$REPLICA" = 1:0 ] || echo "."
  echo "Vendorwatch $JAVA_OPTS, $(java -version 2>&1 | head -1); PostGraphile $(cd bench/postgraphile && node -p "require('postgraphile/package.json').version") on Node $(node --version); $(pgbench --version); wrk $(wrk -v 2>&1 | head -1 | awk '{print $2}')."
  echo
  python3 bench/bench.py report "$OUT/results.jsonl"
} | tee "$OUT/table.md"
