#!/usr/bin/env bash
# Makes sure the command-line tools a part of the build needs are on PATH, installing only the
# missing ones, one Debian package at a time, and never one that would remove or replace anything
# the machine already has (its own Node.js, say). Where it cannot install (not root, no apt-get, a
# package that would conflict), it names what is missing and how to leave that part out.
#
#   ops/require-tools.sh --for "WHAT NEEDS THEM" --skip "HOW TO LEAVE IT OUT" TOOL...
#
# Tools it knows how to install: wrk pgbench psql node npm python3 curl chromium chromedriver.
# Exit status 0 when every tool is there at the end, 1 otherwise.
set -uo pipefail

what="the build"; skip=""
tools=()
while [ $# -gt 0 ]; do
  case "$1" in
    --for) what="$2"; shift 2 ;;
    --skip) skip="$2"; shift 2 ;;
    *) tools+=("$1"); shift ;;
  esac
done

package_of() {
  case "$1" in
    wrk) echo wrk ;;
    pgbench|psql) echo postgresql-client ;;
    node) echo nodejs ;;
    npm) echo npm ;;
    python3) echo python3 ;;
    curl) echo curl ;;
    chromium) echo chromium ;;
    chromedriver) echo chromium-driver ;;
    *) echo "" ;;
  esac
}

say() { echo "[require-tools] $*" >&2; }

missing() { local t out=(); for t in "${tools[@]}"; do command -v "$t" >/dev/null 2>&1 || out+=("$t"); done; echo "${out[*]:-}"; }

can_install=0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1 && [ "${VENDORWATCH_NO_INSTALL:-0}" != 1 ]; then can_install=1; fi

updated=0
refused=()
for tool in $(missing); do
  command -v "$tool" >/dev/null 2>&1 && continue   # an earlier package brought it (psql with pgbench)
  pkg=$(package_of "$tool")
  if [ "$can_install" != 1 ] || [ -z "$pkg" ]; then refused+=("$tool"); continue; fi
  if [ "$updated" = 0 ]; then
    say "updating the package lists"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || say "apt-get update failed; trying with the lists as they are"
    updated=1
  fi
  # Dry run first: a package that would remove, downgrade or replace anything installed is left
  # alone (Debian's npm, for one, conflicts with a Node.js from NodeSource that bundles its own npm).
  plan=$(DEBIAN_FRONTEND=noninteractive apt-get install -s -y --no-install-recommends "$pkg" 2>&1)
  if [ $? -ne 0 ] || grep -qE '^(Remv |Inst \S+ \[)' <<<"$plan"; then
    say "$tool: not installing Debian package $pkg, it would change or remove what this machine has:"
    grep -E '^(Remv|Inst \S+ \[)|E: |Conflicts|Breaks' <<<"$plan" | head -5 | sed 's/^/    /' >&2
    refused+=("$tool"); continue
  fi
  say "$tool: installing Debian package $pkg"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1; then
    say "$tool: apt-get install $pkg failed"; refused+=("$tool"); continue
  fi
  command -v "$tool" >/dev/null 2>&1 || { say "$tool: package $pkg installed, yet $tool is not on PATH"; refused+=("$tool"); }
done

if [ ${#refused[@]} -gt 0 ]; then
  {
    echo
    echo "  $what needs: ${refused[*]} (missing on this machine)."
    hint=""
    for t in "${refused[@]}"; do p=$(package_of "$t"); [ -n "$p" ] && case " $hint " in *" $p "*) ;; *) hint="$hint $p" ;; esac; done
    [ -n "$hint" ] && echo "  On Debian or Ubuntu:  sudo apt-get install$hint"
    case " ${refused[*]} " in *" npm "*|*" node "*) echo "  (node and npm: any Node.js 18+ with its npm will do; keep the one you have if it has both)" ;; esac
    [ -n "$skip" ] && echo "  Or leave it out:      $skip"
    echo
  } >&2
  exit 1
fi
exit 0
