#!/bin/sh
# Restore drill: prove that a dump restores into a working svctrainer database, without
# touching the live one. Run it monthly, and after every server or svctrainer upgrade.
#
#   svctrainer-pg-restore-drill.sh DUMP_FILE
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER…) as a role that may
# create databases and owns what it restores (the migration role with CREATEDB, or a
# superuser). Restores into a new scratch database, runs 'svctrainer db check' on it
# (schema revision and row counts), prints the counts, and drops the scratch database.
# Exits non-zero if any step fails. SVCTRAINER names the svctrainer command (default:
# svctrainer on PATH); SVCTRAINER_URL_BASE the URL svctrainer uses for this server
# without the database name (default: postgresql+psycopg:///, i.e. the libpq variables).
set -eu
dump=${1:?usage: svctrainer-pg-restore-drill.sh DUMP_FILE}
svctrainer=${SVCTRAINER:-svctrainer}
base=${SVCTRAINER_URL_BASE:-postgresql+psycopg:///}
scratch="svctrainer_drill_$(date -u +%Y%m%d%H%M%S)_$$"
createdb "$scratch"
trap 'dropdb --if-exists "$scratch"' EXIT
pg_restore --exit-on-error --no-owner --dbname="$scratch" "$dump"
case $base in *\?*) url="${base%%\?*}$scratch?${base#*\?}" ;; *) url="$base$scratch" ;; esac
"$svctrainer" db check --db "$url"
echo "restore drill passed: $dump restores into a database svctrainer accepts"
