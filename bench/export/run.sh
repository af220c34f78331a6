#!/usr/bin/env bash
# Bulk-export benchmark: Vendorwatch's streamed exports against raw COPY ... TO STDOUT of the same
# rows, on the same database, in the same run, at two dataset sizes (tenfold apart), with the
# server's heap sampled during each export.
#
#   bench/export/run.sh                 # ROWS="100000 1000000" REPS=3
#   ROWS="1000" REPS=1 bench/export/run.sh   # a smoke run (seconds)
#
# It builds the jar if needed, starts it with its embedded PostgreSQL in a work folder outside the
# repo (BENCH_WORK, default under TMPDIR), loads synthetic sources with generate_series (a fixed,
# deterministic shape), measures, prints a table and stops what it started. Needs curl, psql and python3
# (installed by ops/require-tools.sh when missing).
set -euo pipefail
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
WORK=${BENCH_WORK:-${TMPDIR:-/tmp}/vendorwatch-bench-export}
ROWS=${ROWS:-"100000 1000000"}
REPS=${REPS:-3}
mkdir -p "$WORK"

. "$ROOT/ops/jdk.sh" && use_jdk21 || exit 1
"$ROOT/ops/require-tools.sh" --for "bench/export/run.sh" psql curl python3 || exit 1
PORT=${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}

JAR=$(ls "$ROOT"/api/target/vendorwatch-api-*.jar 2>/dev/null | grep -v plain | head -1 || true)
if [ -z "$JAR" ]; then (cd "$ROOT" && ./mvnw -q -B -DskipTests package); JAR=$(ls "$ROOT"/api/target/vendorwatch-api-*.jar | grep -v plain | head -1); fi

APP_PID=""
cleanup() { if [ -n "$APP_PID" ]; then kill "$APP_PID" 2>/dev/null || true; wait "$APP_PID" 2>/dev/null || true; fi; }
trap cleanup EXIT

# the same select the service uses for the sources dataset (api/.../bulk/Datasets.java)
SELECT="select s.id as id, s.url as url, s.title as title, s.publisher as publisher, s.published_on as published_on, \
s.published_precision as published_precision, s.kind as kind, s.access as access, s.citation as citation, \
s.archived_url as archived_url, to_jsonb(s.seen_via) as seen_via, to_jsonb(s.related_urls) as related_urls, s.note as note \
from source s order by s.id"
RAW_CSV="copy ($SELECT) to stdout with (format csv, header true, encoding 'UTF8')"
RAW_JSONL="copy (select row_to_json(t)::text from ($SELECT) t) to stdout with (format csv, quote e'\\x01', delimiter e'\\x02', encoding 'UTF8')"

heap_mb() { curl -s "http://127.0.0.1:$PORT/actuator/prometheus" | awk '/^jvm_memory_used_bytes\{area="heap"/ {s+=$NF} END {printf "%d", s/1048576}'; }

# runs "$@" while sampling heap; prints "seconds bytes peak_heap_mb"
measure() {
  local peak=0 h start end bytes sampler
  ( while true; do heap_mb; echo; sleep 0.1; done ) > "$WORK/heap.samples" 2>/dev/null &
  sampler=$!
  start=$(date +%s.%N)
  bytes=$("$@" | wc -c)
  end=$(date +%s.%N)
  kill "$sampler" 2>/dev/null; wait "$sampler" 2>/dev/null || true
  peak=$(sort -n "$WORK/heap.samples" | tail -1)
  echo "$(echo "$end - $start" | bc) $bytes ${peak:-0}"
}

printf '%-9s %-6s %-8s %12s %9s %12s %9s %7s %10s\n' rows format source rows_per_s MB_per_s copy_rows_s copy_MB_s ratio peak_heap_MB
for N in $ROWS; do
  DATA="$WORK/data-$N"
  mkdir -p "$DATA"
  VENDORWATCH_DATA_DIR="$DATA/pg" SERVER_PORT=$PORT VENDORWATCH_LIMITS_RATE_ENABLED=false \
    java -Xmx512m -jar "$JAR" > "$WORK/app-$N.log" 2>&1 &
  APP_PID=$!
  for _ in $(seq 1 240); do curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness" && break; sleep 0.5; done
  PGPORT=$(sed -n 4p "$DATA/pg/postmaster.pid")
  PGPASSWORD=$("$ROOT/ops/db-password.sh" "$DATA/pg" postgres); export PGPASSWORD
  PSQL=(psql -h 127.0.0.1 -p "$PGPORT" -U postgres -d vendorwatch -v ON_ERROR_STOP=1 -qAt)
  have=$("${PSQL[@]}" -c "select count(*) from source")
  if [ "$have" -lt "$N" ]; then
    # as the superuser, with triggers off: a million synthetic rows are not edits to audit
    "${PSQL[@]}" -c "set session_replication_role = replica; insert into source (url, title, publisher, published_on, published_precision, kind, access, citation, seen_via, note)
      select 'https://example.org/bench/' || i, 'Synthetic report number ' || i || ' on surveillance vendors',
             'Publisher ' || (i % 97), date '2015-01-01' + (i % 3650), 'DAY', (array['NEWS','GOVERNMENT','NGO_REPORT','ACADEMIC'])[1 + i % 4],
             'SEEN', case when i % 5 = 0 then 'Doc. ' || i end, array['https://archive.example.org/' || i], repeat('note ', 1 + i % 20)
      from generate_series($have + 1, $N) i"
  fi
  rows=$("${PSQL[@]}" -c "select count(*) from source")
  for fmt in csv jsonl; do
    best_s=999999; best_bytes=0; peak_all=0; best_c=999999; best_cbytes=0
    for _ in $(seq 1 "$REPS"); do
      read -r s b p < <(measure curl -s "http://127.0.0.1:$PORT/bulk/sources.$fmt")
      if (( $(echo "$s < $best_s" | bc) )); then best_s=$s; best_bytes=$b; fi
      [ "$p" -gt "$peak_all" ] && peak_all=$p
      sql=$RAW_CSV; [ "$fmt" = jsonl ] && sql=$RAW_JSONL
      read -r cs cb _ < <(measure "${PSQL[@]}" -c "$sql")
      if (( $(echo "$cs < $best_c" | bc) )); then best_c=$cs; best_cbytes=$cb; fi
    done
    vr=$(echo "$rows / $best_s" | bc); vm=$(echo "scale=1; $best_bytes / 1048576 / $best_s" | bc)
    cr=$(echo "$rows / $best_c" | bc); cm=$(echo "scale=1; $best_cbytes / 1048576 / $best_c" | bc)
    ratio=$(echo "scale=2; $vr / $cr" | bc)
    printf '%-9s %-6s %-8s %12s %9s %12s %9s %7s %10s\n' "$rows" "$fmt" vendorwatch "$vr" "$vm" "$cr" "$cm" "$ratio" "$peak_all"
  done
  kill "$APP_PID"; wait "$APP_PID" 2>/dev/null || true; APP_PID=""
done
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB; $(date -u +%Y-%m-%dT%H:%MZ); best of $REPS; heap sampled every 0.1 s from /actuator/prometheus (-Xmx512m)"
