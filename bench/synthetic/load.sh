#!/usr/bin/env bash
# Loads the CSV files of generate.py into a Vendorwatch database with COPY, in one transaction.
#   load.sh CSV_DIR PSQL_ARGS...      e.g. load.sh /tmp/synth -h 127.0.0.1 -p 5432 -U postgres -d vendorwatch
# Runs as a superuser: triggers are off during the load (session_replication_role = replica), because
# generate.py writes consistent rows (every claim cited, every reference valid) and checking each of a
# million rows one by one would take minutes. Check constraints still apply. The search tables, kept by
# triggers in normal operation, are rebuilt at the end (search_rebuild()); the read model's documents are
# dropped, and the running service rebuilds them in the background.
set -euo pipefail
DIR=$1; shift
TABLES="source vendor vendor_name vendor_jurisdiction sanction_event sanction_action allegation allegation_vendor vendor_relationship vendor_statement citation"
{
  echo "\\set ON_ERROR_STOP on"
  echo "begin;"
  echo "set local session_replication_role = replica;"
  for t in $TABLES; do
    cols=$(head -1 "$DIR/$t.csv")
    echo "create temp table stage_$t as select $cols from $t with no data;"
    echo "\\copy stage_$t ($cols) from '$DIR/$t.csv' with (format csv, header true)"
    echo "insert into $t ($cols) overriding system value select $cols from stage_$t;"
    echo "select setval(pg_get_serial_sequence('$t', 'id'), (select max(id) from $t));"
  done
  echo "select search_rebuild();"   # the search tables, which the triggers would have kept
  echo "delete from vendor_document;"  # the read model: the service rebuilds every vendor's documents
  echo "commit;"
  echo "analyze;"
} | psql -q "$@" > /dev/null
