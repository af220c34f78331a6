#!/usr/bin/env bash
# Prints the password of a role of the embedded PostgreSQL, for psql, pgbench or a GUI client:
#   PGPASSWORD=$(ops/db-password.sh DATA_DIR [ROLE]) psql -h 127.0.0.1 -p PORT -U ROLE vendorwatch
# DATA_DIR is the cluster's folder (VENDORWATCH_DATA_DIR); ROLE defaults to postgres, the superuser.
# Roles: postgres (superuser), vendorwatch (owner of the schema, runs the migrations), vendorwatch_app
# (the service: no DDL, read-only audit trail). Every password is HMAC-SHA256(secret, role), hex, first
# 40 characters, where the secret is DATA_DIR/vendorwatch.secret (readable by its owner only).
set -euo pipefail
DATA=${1:?usage: ops/db-password.sh DATA_DIR [ROLE]}
ROLE=${2:-postgres}
SECRET="$DATA/vendorwatch.secret"
[ -r "$SECRET" ] || { echo "no readable $SECRET: is $DATA an embedded Vendorwatch cluster, started at least once, and yours?" >&2; exit 1; }
python3 - "$SECRET" "$ROLE" <<'PY'
import hashlib, hmac, sys
secret = bytes.fromhex(open(sys.argv[1]).read().strip())
print(hmac.new(secret, sys.argv[2].encode(), hashlib.sha256).hexdigest()[:40])
PY
