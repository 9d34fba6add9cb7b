#!/bin/sh
# Add svctrainer to the desktop's application menu for the current user.
#
# From a checkout, after packaging/setup.sh: the menu entry runs this checkout's .venv.
# From a PyInstaller folder (dist/svctrainer/linux/install-desktop-entry.sh): the entry
# runs that folder's svctrainer binary. Either way it installs the desktop file, the
# AppStream metainfo and the icon, all under one id (org.svctrainer.SvcTrainer).
set -eu
id=org.svctrainer.SvcTrainer
here=$(cd "$(dirname "$0")" && pwd)
if [ -x "$here/../svctrainer" ] && [ -d "$here/../_internal" ]; then
  exe=$(cd "$here/.." && pwd)/svctrainer
  icon="$here/$id.svg"
else
  root=$(cd "$here/../.." && pwd)
  exe="$root/.venv/bin/svctrainer"
  icon="$root/assets/icons/svctrainer.svg"
fi
[ -x "$exe" ] || { echo "install-desktop-entry: $exe not found; set svctrainer up first" >&2; exit 1; }
data="${XDG_DATA_HOME:-$HOME/.local/share}"
mkdir -p "$data/applications" "$data/metainfo" "$data/icons/hicolor/scalable/apps"
cp "$icon" "$data/icons/hicolor/scalable/apps/$id.svg"
cp "$here/$id.metainfo.xml" "$data/metainfo/$id.metainfo.xml"
# Exec takes a quoted path, in which the desktop entry spec reserves " ` $ and \ (each
# escaped with a backslash, which the string escape rule then doubles).
quoted=$(printf '%s' "$exe" | sed 's/[\\"`$]/\\\\&/g')
replacement=$(printf '%s' "$quoted" | sed 's/[\\&|]/\\&/g') # and for sed itself
sed "s|^Exec=svctrainer\$|Exec=\"$replacement\"|" "$here/$id.desktop" >"$data/applications/$id.desktop"
if command -v update-desktop-database >/dev/null; then
  update-desktop-database -q "$data/applications" || true
fi
echo "svctrainer added to the application menu ($data/applications/$id.desktop)"
