"""Refresh the translation sources from the code, and compile them for the app.

    python i18n/update.py            lupdate the .ts files, then lrelease them into
                                     assets/i18n/*.qm (which the wheel and the frozen app ship)
    python i18n/update.py --release  only compile the .ts files

Run it after adding or changing GUI text, translate the new entries in
``i18n/svctrainer_zh_CN.ts`` (Qt Linguist: ``pyside6-linguist``, or any editor), then run
``--release`` and commit the .ts and .qm together. The .qm files are committed rather than
built at install time so that ``pip install`` and PyInstaller need no Qt tools;
tests/gui/test_translations.py fails when a .qm is older than its .ts or a string is
untranslated. Locations are left out of the .ts files: line numbers would turn every
change elsewhere in a file into a merge conflict here.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TS_DIR = ROOT / "i18n"
QM_DIR = ROOT / "assets" / "i18n"
# The interface's languages. English needs a catalogue only for its plural forms.
CATALOGUES = {"zh_CN": "svctrainer_zh_CN.ts", "en": "svctrainer_en.ts"}


def tool(name: str) -> str:
    """A PySide6 tool beside this Python (a venv's bin/), else on PATH."""
    beside = Path(sys.executable).parent / name
    found = str(beside) if beside.exists() else shutil.which(name)
    if found is None:
        raise SystemExit(f"{name} not found: install PySide6 into this Python")
    return found


def sources(root: Path = ROOT) -> list[str]:
    """Every Python file of the GUI: the only layer that shows text to people."""
    return sorted(str(p) for p in (root / "svctrainer" / "gui").rglob("*.py"))


def lupdate(language: str, ts_file: Path, root: Path = ROOT) -> str:
    """Merge the source texts into ``ts_file``; lupdate's summary."""
    args = [tool("pyside6-lupdate"), *sources(root), "-no-obsolete", "-locations", "none"]
    args += ["-source-language", "en", "-target-language", language]
    if language == "en":
        args.append("-pluralonly")
    done = subprocess.run(  # noqa: S603 - our own tool and file names
        [*args, "-ts", str(ts_file)], check=True, capture_output=True, text=True
    )
    return done.stdout + done.stderr


def lrelease(ts_file: Path, qm_file: Path) -> None:
    qm_file.parent.mkdir(parents=True, exist_ok=True)
    subprocess.run(  # noqa: S603
        [tool("pyside6-lrelease"), "-silent", str(ts_file), "-qm", str(qm_file)], check=True
    )


def main(argv: list[str]) -> int:
    for language, name in CATALOGUES.items():
        ts_file = TS_DIR / name
        if "--release" not in argv:
            print(lupdate(language, ts_file).strip())  # noqa: T201
        lrelease(ts_file, QM_DIR / ts_file.with_suffix(".qm").name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
