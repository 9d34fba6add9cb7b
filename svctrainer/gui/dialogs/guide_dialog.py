"""The short guide F1 opens: what the page in front of the person is for, how drills are
scored and what the grades and service tiers mean, in the interface's language.

One guide per page key of the navigation (``login`` before sign-in); the scoring and
tier sections follow the practice and progress pages, where the figures appear.
"""

from __future__ import annotations

import html

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

from svctrainer.gui.i18n import translate


def _page_text(key: str) -> tuple[str, list[str]]:
    """(title, paragraphs) for the page."""
    pages = {
        "login": (
            translate("Guide", "Signing in"),
            [
                translate(
                    "Guide",
                    "Find your name or employee number, type your PIN and press Enter. "
                    "Every 5 wrong PINs in a row lock the profile, for 5 minutes at first "
                    "and twice as long each time after; an administrator can reset the PIN.",
                )
            ],
        ),
        "assignments": (
            translate("Guide", "My assignments"),
            [
                translate(
                    "Guide",
                    "What your trainer asked you to practise, with the target and the due "
                    "date. Select one and press Enter to start it. An assignment is done when "
                    "one attempt meets every target.",
                )
            ],
        ),
        "practice": (
            translate("Guide", "Practice"),
            [
                translate(
                    "Guide",
                    "Choose a drill or a customer scenario on the left. Practice (Enter) "
                    "gives hints and may be paused; the test (Ctrl+T) is the same for "
                    "everyone, is timed and counts towards your baseline and gain.",
                )
            ],
        ),
        "progress": (
            translate("Guide", "My progress"),
            [
                translate(
                    "Guide",
                    "Your baseline is the median of your first 3 tests of a drill; your "
                    "latest level the median of your last 3. The gain is the difference. "
                    "Practice runs are drawn too but never set the baseline.",
                )
            ],
        ),
        "trainer": (
            translate("Guide", "Trainer"),
            [
                translate(
                    "Guide",
                    "Assign drills and scenarios to people or whole teams (Ctrl+N), follow "
                    "each person's attempts on the Roster, import content packs, and log "
                    "hand counts done with practice notes.",
                )
            ],
        ),
        "supervisor": (
            translate("Guide", "Supervisor"),
            [
                translate(
                    "Guide",
                    "The dashboard opens on the branch summary: each core skill, its English "
                    "and Chinese packs together, with the median gain over baseline, people "
                    "tested, people idle for 14 days (no practice: urge them) and people with "
                    "no progress (under 2 % gain in 4 weeks: coach them). Click a skill to "
                    "see each employee's gain on it (Alt+Left goes back). Customer time turns "
                    "the gains into customer-minutes saved a day.",
                )
            ],
        ),
        "region": (
            translate("Guide", "Region"),
            [
                translate(
                    "Guide",
                    "Compare the branches of your regions on one skill: how many tellers "
                    "were tested, and the median baseline, latest level and gain over "
                    "baseline of each branch. Only whole branches are shown, never a "
                    "person's results, and nothing here changes any branch's data.",
                )
            ],
        ),
        "admin": (
            translate("Guide", "Administration"),
            [
                translate(
                    "Guide",
                    "Add people and give them roles, group them in teams, reset PINs, "
                    "check and back up the database. Every change is kept in the audit log.",
                )
            ],
        ),
    }
    return pages.get(key, pages["practice"])


def _scoring() -> list[tuple[str, str]]:
    return [
        (
            translate("Guide", "Ten-key amounts and data entry"),
            translate(
                "Guide",
                "Speed is net keystrokes per hour: right keystrokes only, over the time you "
                "were keying (a pause longer than 5 s counts as 5 s). Accuracy is the share "
                "of right keystrokes.",
            ),
        ),
        (
            translate("Guide", "Voucher summing (传票算)"),
            translate(
                "Guide",
                "Each right group total scores 20 points, a wrong one 0. When time runs "
                "out, the unfinished group scores 1 point per right amount up to the first "
                "wrong one.",
            ),
        ),
        (
            translate("Guide", "Cash counting (点钞)"),
            translate(
                "Guide",
                "Count each bundle, flag unfit and counterfeit notes, report the counts. A "
                "missed defect voids its bundle, and a void bundle's notes are not credited.",
            ),
        ),
        (
            translate("Guide", "Amounts in words (大写金额)"),
            translate(
                "Guide",
                "An answer is right only in the standard writing (壹贰叁, 拾佰仟, 整 and 零 "
                "where the rules put them); the result names the rule you broke most.",
            ),
        ),
        (
            translate("Guide", "Making change and drawer balancing"),
            translate(
                "Guide",
                "Change must be the right amount in the fewest pieces, counted up from the "
                "price. Drawer balancing asks which voucher explains the difference and "
                "what the error was: 60 points for the right voucher, 40 for the right "
                "error (the pack may weigh them otherwise).",
            ),
        ),
        (
            translate("Guide", "Grades"),
            translate(
                "Guide",
                "Each drill's grade table (on its preview and result) gives the speed and "
                "accuracy each grade needs; a grade is reached when one attempt meets both.",
            ),
        ),
        (
            translate("Guide", "Service tiers of a scenario"),
            translate(
                "Guide",
                "Satisfaction service: the customer's reasonable needs met with no new "
                "annoyance. Comfort service: negative feelings eased and the service "
                "praised. Delight service: a need met that the customer had not thought of.",
            ),
        ),
    ]


def guide_html(key: str) -> str:
    title, paragraphs = _page_text(key)
    parts = [f"<h2>{html.escape(title)}</h2>"]
    parts += [f"<p>{html.escape(p)}</p>" for p in paragraphs]
    if key in ("practice", "progress", "assignments", "login"):
        scored = translate("Guide", "How drills are scored")
        parts.append(f"<h3>{html.escape(scored)}</h3>")
        parts += [
            f"<p><b>{html.escape(name)}</b> — {html.escape(text)}</p>" for name, text in _scoring()
        ]
    return "".join(parts)


class GuideDialog(QDialog):
    def __init__(self, key: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Guide"))
        self.text = QTextBrowser()
        self.text.setHtml(guide_html(key))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(640, 520)
