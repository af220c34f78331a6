#!/usr/bin/env bash
# A real Keycloak for development and CI, without Docker: the distribution comes from Maven Central
# (org.keycloak:keycloak-quarkus-dist) through the project's Maven wrapper and runs in dev mode
# (embedded H2 database) with the vendorwatch realm imported from realm-vendorwatch.json.
#
#   ops/keycloak/keycloak.sh start               download on first use, start, wait until the realm answers
#   ops/keycloak/keycloak.sh stop                stop it (TERM, then KILL after 30 s)
#   ops/keycloak/keycloak.sh status              does it run, does it answer
#   ops/keycloak/keycloak.sh token USER [PASS]   access token by password grant (demo users: password = user name)
#
# Environment: KEYCLOAK_PORT (default 18080), KEYCLOAK_EPHEMERAL=1 (in-memory database: nothing kept;
# the end-to-end test runs one on a free port). Admin console: http://127.0.0.1:$PORT/admin (admin / admin).
# Everything it creates lives in ops/keycloak/.work/ (git-ignored); delete that folder to start afresh.
set -euo pipefail

KC_VERSION=26.5.6
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
WORK="$HERE/.work"
DIST="$WORK/keycloak-$KC_VERSION"
PORT="${KEYCLOAK_PORT:-18080}"
# One pid file and log per port, so a throwaway instance (a test's, on a free port) and a
# developer's instance on the default port can run side by side from the same distribution.
PID_FILE="$WORK/keycloak-$PORT.pid"
LOG="$WORK/keycloak-$PORT.log"
# KEYCLOAK_EPHEMERAL=1: an in-memory database (the realm imported afresh, nothing kept), for tests.
EPHEMERAL="${KEYCLOAK_EPHEMERAL:-0}"
BASE="http://127.0.0.1:$PORT"
REALM_URL="$BASE/realms/vendorwatch"
CLIENT_ID=vendorwatch-cli

. "$ROOT/ops/jdk.sh"

running_pid() {  # prints the pid if the pid file names a live process
  local pid
  [ -f "$PID_FILE" ] && pid="$(cat "$PID_FILE")" && [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

answers() { curl -fsS -o /dev/null --max-time 5 "$REALM_URL/.well-known/openid-configuration" 2>/dev/null; }

unpack() {
  [ -x "$DIST/bin/kc.sh" ] && return
  mkdir -p "$WORK"
  echo "Fetching Keycloak $KC_VERSION from Maven Central..."
  # -N: only the root project, otherwise every module of the reactor copies the zip again.
  # Maven's own output goes to a file (on a new JDK it warns a lot); shown only on failure.
  (cd "$ROOT" && ./mvnw -q -B -N dependency:copy \
      -Dartifact="org.keycloak:keycloak-quarkus-dist:$KC_VERSION:zip" -DoutputDirectory="$WORK") >"$WORK/mvn.log" 2>&1 \
    || { cat "$WORK/mvn.log" >&2; echo "Could not fetch the Keycloak distribution (see above)" >&2; exit 1; }
  local zip="$WORK/keycloak-quarkus-dist-$KC_VERSION.zip"
  rm -rf "$DIST"
  # unzip if there is one, else the JDK's jar tool; jar drops the execute bits, hence the chmod.
  if command -v unzip >/dev/null; then unzip -q "$zip" -d "$WORK"; else (cd "$WORK" && "$JAVA_HOME/bin/jar" xf "$zip"); fi
  chmod +x "$DIST"/bin/*.sh
  rm -f "$zip"
}

start() {
  local pid
  if pid="$(running_pid)"; then
    if answers; then echo "Keycloak already running (pid $pid) and answering at $REALM_URL"; exit 0; fi
    echo "Keycloak process $pid exists but does not answer yet at $REALM_URL; see $LOG (or stop it)" >&2; exit 1
  fi
  if answers; then echo "Something else already answers at $REALM_URL (not started by this script)" >&2; exit 1; fi
  use_jdk21 || exit 1
  unpack
  # The import skips a realm that already exists in the dev database (data/h2), so when the realm
  # file has changed since the last start, drop the database to import it afresh.
  local db=dev-file
  if [ "$EPHEMERAL" = 1 ]; then db=dev-mem
  elif ! cmp -s "$HERE/realm-vendorwatch.json" "$DIST/data/import/realm-vendorwatch.json"; then
    rm -rf "$DIST/data/h2"
  fi
  mkdir -p "$DIST/data/import"
  cp "$HERE/realm-vendorwatch.json" "$DIST/data/import/"
  # On JDK 24+ Quarkus needs java.lang opened (else an IllegalAccessError at shutdown) and the
  # JDK warns about sun.misc.Unsafe; both flags are harmless, the second only exists from JDK 23.
  local opts="--add-opens=java.base/java.lang=ALL-UNNAMED"
  [ "$(java_major "$JAVA_HOME/bin/java")" -ge 24 ] && opts="$opts --sun-misc-unsafe-memory-access=allow"
  local t0=$SECONDS
  # setsid: its own process group, so it survives the caller's shell and stop can signal it cleanly.
  JAVA_OPTS_APPEND="${JAVA_OPTS_APPEND:+$JAVA_OPTS_APPEND }$opts" \
  KC_BOOTSTRAP_ADMIN_USERNAME=admin KC_BOOTSTRAP_ADMIN_PASSWORD=admin \
    setsid "$DIST/bin/kc.sh" start-dev --http-host=127.0.0.1 --http-port="$PORT" \
      --hostname="$BASE" --db="$db" --import-realm >"$LOG" 2>&1 </dev/null &
  pid=$!
  echo "$pid" >"$PID_FILE"
  echo "Starting Keycloak $KC_VERSION (pid $pid, JDK $JAVA_HOME, log $LOG)..."
  while [ $((SECONDS - t0)) -lt 180 ]; do
    if answers; then
      local issuer
      issuer="$(curl -fsS "$REALM_URL/.well-known/openid-configuration" | sed -nE 's/.*"issuer":"([^"]*)".*/\1/p')"
      echo "Keycloak ready after $((SECONDS - t0)) s; issuer $issuer"
      return
    fi
    kill -0 "$pid" 2>/dev/null || break  # died: no point in waiting
    sleep 1
  done
  if kill -0 "$pid" 2>/dev/null; then echo "Keycloak did not answer within 180 s. Log tail:" >&2
  else echo "Keycloak exited before answering. Log tail:" >&2; fi
  tail -n 40 "$LOG" >&2 || true
  stop >/dev/null 2>&1 || true
  exit 1
}

stop() {
  local pid
  if ! pid="$(running_pid)"; then rm -f "$PID_FILE"; echo "Keycloak is not running"; return 0; fi
  # The pid is kc.sh (it runs the JVM as a child, or execs it after a re-augmentation); it leads
  # its own process group (setsid), so signal the whole group.
  kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
  for _ in $(seq 150); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
  if kill -0 "$pid" 2>/dev/null; then
    echo "Keycloak (pid $pid) ignored TERM for 30 s; killing it" >&2
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  rm -f "$PID_FILE"
  echo "Keycloak stopped (pid $pid)"
}

status() {
  local pid
  if pid="$(running_pid)"; then
    # kc.sh may run the JVM as a child: count the whole process group.
    echo "running (pid $pid, RSS $(ps -o rss= -g "$pid" | awk '{s+=$1} END {printf "%d", s/1024}') MB)"
  else echo "not running (no live process from $PID_FILE)"; fi
  # exit status: 0 when Keycloak answers, 1 when it does not
  if answers; then echo "answering at $REALM_URL"; else echo "not answering at $REALM_URL"; return 1; fi
}

token() {
  local user="${1:?usage: keycloak.sh token USER [PASSWORD]}" pass="${2:-${1:-}}" out code
  # The body, then the HTTP status on a line of its own.
  out="$(curl -sS -w '\n%{http_code}' "$REALM_URL/protocol/openid-connect/token" \
    --data-urlencode grant_type=password --data-urlencode client_id="$CLIENT_ID" --data-urlencode scope=openid \
    --data-urlencode username="$user" --data-urlencode password="$pass")" || { echo "Keycloak does not answer at $BASE" >&2; return 1; }
  code="${out##*$'\n'}"; out="${out%$'\n'*}"
  if [ "$code" != 200 ]; then echo "token request for '$user' failed (HTTP $code): $out" >&2; return 1; fi
  sed -nE 's/.*"access_token":"([^"]*)".*/\1/p' <<<"$out"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  token) shift; token "$@" ;;
  *) echo "usage: $0 start|stop|status|token USER [PASSWORD]" >&2; exit 2 ;;
esac
