# Sourced by the project's scripts: puts a JDK 21 or newer on JAVA_HOME and first on PATH, taking
# $JAVA_HOME if it fits, else the `java` on PATH, else the first fitting JDK under /usr/lib/jvm.
#   . ops/jdk.sh && use_jdk21 || exit 1
java_major() { "$1" -version 2>&1 | sed -nE 's/.*version "([0-9]+).*/\1/p' | head -1; }
jdk_fits() { [ -x "$1/bin/java" ] && [ "$(java_major "$1/bin/java")" -ge 21 ] 2>/dev/null; }
use_jdk21() {
  local j=""
  if [ -n "${JAVA_HOME:-}" ] && jdk_fits "$JAVA_HOME"; then j=$JAVA_HOME
  elif command -v java >/dev/null && jdk_fits "$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")"; then
    j=$(dirname "$(dirname "$(readlink -f "$(command -v java)")")")
  else
    for c in /usr/lib/jvm/*; do if jdk_fits "$c"; then j=$c; break; fi; done
  fi
  if [ -z "$j" ]; then
    echo "Vendorwatch needs a JDK 21 or newer; found none (JAVA_HOME=${JAVA_HOME:-unset}, java on PATH: $(command -v java || echo none))." >&2
    return 1
  fi
  export JAVA_HOME=$j PATH="$j/bin:$PATH"
}
