"""Small packs and a scripted typist for engine tests (imported by the test modules).

Packs are built from TOML text through the real loader, so the engine is always tested on
definitions the loader would produce. ``Typist`` turns a script into timestamped events
(milliseconds, converted to integer ns) so hand-computed expectations stay readable.
"""

from __future__ import annotations

from collections.abc import Iterable

from svctrainer.core.drills.base import DrillRun, Feedback
from svctrainer.core.keystrokes import KeyEvent
from svctrainer.core.packs.definition import DrillDefinition
from svctrainer.core.packs.loader import check_pack_bytes

MS = 1_000_000


def build_definition(text: str) -> DrillDefinition:
    definition, problems = check_pack_bytes("test.toml", text.encode())
    assert definition is not None, [str(p) for p in problems]
    return definition


def tenkey_pack(
    amounts: Iterable[str] = ("12", "3"),
    *,
    policy: str = "correct",
    mode: str = "practice",
    time_limit_s: int | None = None,
    item_count: int | None = None,
    penalty: int = 10,
    seed: int | None = None,
    extra_mode: str = "",
    grades: str = "",
    generator: str | None = None,
) -> DrillDefinition:
    """A ten-key pack with fixed amounts (or ``generator`` TOML instead)."""
    lines = [
        "format = 1",
        'id = "t"',
        'type = "tenkey"',
        'language = "en"',
        'title = "T"',
        'instructions = "I"',
        f"[{mode}]",
        f'error_policy = "{policy}"',
    ]
    if time_limit_s is not None:
        lines.append(f"time_limit_s = {time_limit_s}")
    if item_count is not None or time_limit_s is None:
        lines.append(f"item_count = {item_count or 1000}")
    if seed is not None or mode == "test":
        lines.append('form = "fixed"')
        lines.append(f"seed = {seed or 1}")
    lines.append(extra_mode)
    lines += ["[scoring]", f"error_penalty = {penalty}", "reference_speed = 12000"]
    if generator is not None:
        lines += ["[generator]", generator]
    else:
        for amount in amounts:
            lines += ["[[items]]", f'amount = "{amount}"']
    lines.append(grades)
    return build_definition("\n".join(lines) + "\n")


class Typist:
    """Feeds a run; ``at`` is the current time in ms (integers only)."""

    def __init__(self, run: DrillRun, start_ms: int = 1000) -> None:
        self.run = run
        self.at = start_ms

    def key(self, key: str, after_ms: int = 250, text: str | None = None) -> Feedback:
        self.at += after_ms
        if text is None:
            text = key if len(key) == 1 else ""
        fb = self.run.feed(KeyEvent(self.at * MS, key, text, True))
        self.run.feed(KeyEvent(self.at * MS + 40 * MS, key, text, False))
        return fb

    def type(self, keys: Iterable[str], every_ms: int = 250) -> list[Feedback]:
        return [self.key(k, every_ms) for k in keys]

    def now_ns(self, after_ms: int = 0) -> int:
        return (self.at + after_ms) * MS
