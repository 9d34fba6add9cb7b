#!/bin/sh
# Add svctrainer to the desktop's application menu for the current user.
# Run after packaging/setup.sh; points the menu entry at this checkout's .venv.
set -eu
here=$(cd "$(dirname "$0")/../.." && pwd)
apps="${XDG_DATA_HOME:-$HOME/.local/share}/applications"
icons="${XDG_DATA_HOME:-$HOME/.local/share}/icons/hicolor/scalable/apps"
mkdir -p "$apps" "$icons"
cp "$here/assets/icons/svctrainer.svg" "$icons/org.svctrainer.SvcTrainer.svg"
sed "s|^Exec=svctrainer|Exec=$here/.venv/bin/svctrainer|" \
  "$here/packaging/linux/org.svctrainer.SvcTrainer.desktop" > "$apps/org.svctrainer.SvcTrainer.desktop"
echo "svctrainer added to the application menu ($apps)"
