"""The translation catalogues are complete and the shipped .qm files are built from them.

lupdate runs over today's sources into a copy of each .ts (the committed one stays as it
is), so a GUI string added without its Chinese fails here, naming it; and the committed
.qm must be exactly what lrelease makes of the committed .ts.
"""

from __future__ import annotations

import ast
import importlib.util
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path
from types import ModuleType

import pytest
from PySide6.QtCore import QTranslator

from svctrainer.gui.language import catalogue_dir

ROOT = Path(__file__).resolve().parents[2]


def _update() -> ModuleType:
    spec = importlib.util.spec_from_file_location("i18n_update", ROOT / "i18n" / "update.py")
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _unfinished(ts_file: Path) -> list[str]:
    """Source texts whose translation is marked unfinished or is empty."""
    root = ET.parse(ts_file).getroot()  # noqa: S314 - our own file
    bad = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            texts = (
                (
                    [f.text for f in translation.iter("numerusform")]
                    if message.get("numerus") == "yes"
                    else [translation.text]
                )
                if translation is not None
                else [None]
            )
            if (
                translation is None
                or translation.get("type") in ("unfinished", "vanished", "obsolete")
                or not all(t and t.strip() for t in texts)
            ):
                bad.append(f"{context.findtext('name')}: {message.findtext('source')!r}")
    return bad


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_every_source_string_is_translated(tmp_path, language):
    update = _update()
    copy = tmp_path / update.CATALOGUES[language]
    shutil.copy(update.TS_DIR / copy.name, copy)
    summary = update.lupdate(language, copy)
    root = ET.parse(copy).getroot()  # noqa: S314 - our own file
    count = sum(1 for _ in root.iter("message"))
    assert count > (900 if language == "zh_CN" else 10), summary
    missing = _unfinished(copy)
    assert not missing, (
        f"{len(missing)} of {count} strings lack a translation; run "
        "`python i18n/update.py` and translate them in i18n/"
        + copy.name
        + ":\n"
        + "\n".join(missing)
    )


@pytest.mark.parametrize("language", ["zh_CN", "en"])
def test_the_shipped_qm_is_built_from_the_ts(tmp_path, language):
    update = _update()
    name = update.CATALOGUES[language]
    built = tmp_path / "built.qm"
    update.lrelease(update.TS_DIR / name, built)
    shipped = update.QM_DIR / Path(name).with_suffix(".qm").name
    assert shipped.read_bytes() == built.read_bytes(), (
        f"{shipped.name} is older than {name}: run `python i18n/update.py --release`"
    )


def test_the_installed_catalogues_translate(qapp):
    chinese = QTranslator()
    assert chinese.load("svctrainer_zh_CN", catalogue_dir())
    assert chinese.translate("navigation", "Practice") == "练习"
    # A translator hands back the form for n; QCoreApplication.translate fills in %n.
    assert chinese.translate("PracticePage", "%n item(s)", None, 3) == "%n 题"
    english = QTranslator()
    assert english.load("svctrainer_en", catalogue_dir())
    assert english.translate("PracticePage", "%n item(s)", None, 1) == "%n item"
    assert english.translate("PracticePage", "%n item(s)", None, 2) == "%n items"


def _calls() -> list[tuple[str, int, str | None, object]]:
    """(file, line, context or None for self.tr, text node) of every translation call."""
    found = []
    for path in sorted((ROOT / "svctrainer" / "gui").rglob("*.py")):
        if path.name == "i18n.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            func = node.func
            if isinstance(func, ast.Name) and func.id == "translate" and len(node.args) >= 2:
                context = node.args[0]
                name = context.value if isinstance(context, ast.Constant) else repr(context)
                found.append((path.name, node.lineno, str(name), node.args[1]))
            elif isinstance(func, ast.Attribute) and func.attr == "tr" and node.args:
                if not (isinstance(func.value, ast.Name) and func.value.id == "self"):
                    # lupdate files other.tr("…") under the enclosing class, Qt looks it
                    # up under other's class: it is never found.
                    found.append((path.name, node.lineno, "(another object's tr)", None))
                    continue
                found.append((path.name, node.lineno, None, node.args[0]))
    return found


def test_lupdate_finds_every_translation_call():
    """A call lupdate cannot read (a text built at run time, an f-string, or a count that
    is not a plain name, which PySide's lupdate silently skips) never gets translated."""
    root = ET.parse(ROOT / "i18n" / "svctrainer_zh_CN.ts").getroot()  # noqa: S314 - ours
    known = {
        (c.findtext("name"), m.findtext("source"))
        for c in root.iter("context")
        for m in c.iter("message")
    }
    texts = {source for _, source in known}
    calls = _calls()
    assert len(calls) > 900
    unread = []
    for file, line, context, text in calls:
        literal = text.value if isinstance(text, ast.Constant) else None
        if text is None:
            unread.append(f"{file}:{line}: {context}: use translate() with a context")
        elif not isinstance(literal, str):
            unread.append(f"{file}:{line}: text is not a literal")
        elif (context, literal) not in known if context is not None else literal not in texts:
            unread.append(f"{file}:{line}: {literal!r} is not in the catalogue")
    assert not unread, "\n".join(unread)
