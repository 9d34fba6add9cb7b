#!/bin/sh
# Nightly backup of an svctrainer PostgreSQL database (the server's own backups: the
# workstations' 'svctrainer db backup' covers only a local SQLite file).
#
#   svctrainer-pg-backup.sh BACKUP_DIR [KEEP_DAYS]
#
# Connects with the usual libpq variables (PGHOST, PGPORT, PGUSER, PGDATABASE,
# PGSSLMODE, PGSSLROOTCERT, PGPASSFILE), as the migration role, which can read every
# table. Writes BACKUP_DIR/svctrainer-<database>-<UTC time>.dump (pg_dump's custom
# format: compressed, restorable table by table), checks that pg_restore can read it,
# then deletes dumps older than KEEP_DAYS (default 35). A failed dump leaves no file
# behind and exits non-zero, so the scheduler reports it. docs/DEPLOYMENT.md schedules it.
set -eu
dest=${1:?usage: svctrainer-pg-backup.sh BACKUP_DIR [KEEP_DAYS]}
keep=${2:-35}
database=${PGDATABASE:-svctrainer}
mkdir -p "$dest"
umask 077 # dumps hold every employee's results: readable by the backup user only
stamp=$(date -u +%Y%m%dT%H%M%SZ)
final="$dest/svctrainer-$database-$stamp.dump"
partial="$final.partial"
trap 'rm -f "$partial"' EXIT
pg_dump --format=custom --dbname="$database" --file="$partial"
pg_restore --list "$partial" >/dev/null # readable from end to end, or no dump at all
mv "$partial" "$final"
find "$dest" -maxdepth 1 -name "svctrainer-$database-*.dump" -mtime +"$keep" -delete
echo "$final"
