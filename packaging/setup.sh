#!/bin/sh
# Set up svctrainer in ./.venv on Debian 12+ / Ubuntu 24.04+ (Python >= 3.11).
#   sh packaging/setup.sh          the app
#   sh packaging/setup.sh --test   the app plus what the test suite needs
# Installs the system libraries Qt's platform plugins load (with sudo unless root), then
# the Python package and its dependencies from PyPI. Safe to run again: it only adds
# what is missing.
set -eu
cd "$(dirname "$0")/.."

extras=""
test_packages=""
if [ "${1:-}" = "--test" ]; then
  # The tests also run every service on a throwaway PostgreSQL server (private socket,
  # nothing listening on the network): the server package and the psycopg driver; the
  # deployment tests make throwaway TLS certificates (openssl). The installer tests
  # validate the desktop entry and AppStream metainfo (desktop-file-utils, appstream),
  # compile the Windows installer (nsis) and show the PyInstaller build's window on a
  # virtual screen (xvfb); PyInstaller itself comes with the test extra.
  extras="[test,postgres]"
  test_packages=" postgresql openssl desktop-file-utils appstream nsis xvfb"
fi

# Qt 6 xcb/offscreen plugins: EGL/GL, xkbcommon, fontconfig, D-Bus and the xcb helper
# libraries; CJK fonts so Chinese names and packs render; poppler-utils turns PDF
# reports into PNGs for the report tests.
APT_PACKAGES="python3 python3-venv libegl1 libgl1 libxkbcommon0 libxkbcommon-x11-0 \
libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0 libxcb-cursor0 libxcb-icccm4 \
libxcb-keysyms1 libxcb-image0 libxcb-render-util0 libxcb-randr0 libxcb-shape0 \
libxcb-xinerama0 libxcb-xkb1 fonts-noto-cjk fonts-dejavu-core poppler-utils"

missing_of() {
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" \
      || printf ' %s' "$pkg"
  done
}
sudo=""
[ "$(id -u)" -eq 0 ] || sudo="sudo"
updated=""
apt_install() {
  [ -n "$updated" ] || { $sudo apt-get update -qq && updated=1; }
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@"
}

missing=$(missing_of $APT_PACKAGES)
if [ -n "$missing" ]; then
  echo "svctrainer setup: installing system packages:$missing"
  apt_install $missing
fi
missing=$(missing_of $test_packages)
if [ -n "$missing" ]; then
  # Only some tests need each of them; those skip, saying why, when theirs is missing, so
  # one package that cannot be installed must not keep the others out.
  echo "svctrainer setup: installing for the tests:$missing"
  if ! apt_install $missing; then
    for pkg in $missing; do
      apt_install "$pkg" || echo "svctrainer setup: could not install $pkg; the tests that need it will be skipped"
    done
  fi
fi

python3 -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "svctrainer needs Python 3.11 or newer")'
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/python -m pip install --quiet --upgrade pip
.venv/bin/python -m pip install --quiet -e ".$extras"
# An editable install leaves svctrainer's own modules uncompiled, and where Python may not
# write bytecode (PYTHONDONTWRITEBYTECODE) every start would compile them again (a fifth
# of the window's start-up); a wheel or installer ships them compiled, and so does this.
.venv/bin/python -m compileall -q svctrainer
echo "svctrainer setup: ready ($(.venv/bin/svctrainer --version))"
