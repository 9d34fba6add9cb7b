"""The demo region: the demo branch and two more on one server, compared by a regional
supervisor (``svctrainer demo --region``).

Pure data, like ``core.demo_branch``. The two other branches reuse employee numbers of
the first (E1012 works in all three), as branches of one bank numbering their own staff
do, so the demo shows a number that is unique per branch only and a command that asks
which branch is meant.
"""

from __future__ import annotations

from svctrainer.core.demo_branch import BRANCH_NAME, DemoPerson
from svctrainer.core.roles import Role


def _p(number: str, name: str, team: str | None, *roles: Role) -> DemoPerson:
    return DemoPerson(number, name, team, frozenset(roles))


REGION_NAME = "East Region (demo)"

T, TR, S, A = Role.TELLER, Role.TRAINER, Role.SUPERVISOR, Role.ADMIN

REGIONAL_SUPERVISOR = _p("E1004", "Qian Lu", None, Role.REGIONAL_SUPERVISOR)
"""Works at the demo branch and reads the whole region."""

OTHER_BRANCHES: dict[str, tuple[str, tuple[DemoPerson, ...]]] = {
    # name: (its team, its people)
    "Hillside Branch (demo)": (
        "Counter",
        (
            _p("E1001", "Pan Yue", None, S, A),
            _p("E1010", "Xie Tian", "Counter", TR, T),
            _p("E1011", "Yang Fan", "Counter", T),
            _p("E1012", "Du Juan", "Counter", T),
            _p("E1013", "Jiang Bo", "Counter", T),
            _p("E1014", "Cai Ying", "Counter", T),
            _p("E1015", "Yu Hang", "Counter", T),
            _p("E1016", "Dong Qing", "Counter", T),
        ),
    ),
    "Lakeside Branch (demo)": (
        "Counter",
        (
            _p("E1001", "Shen Kai", None, S, A),
            _p("E1010", "Lu Xiao", "Counter", TR),
            _p("E1011", "Wei Lan", "Counter", T),
            _p("E1012", "Cheng Hao", "Counter", T),
            _p("E1013", "Yuan Shan", "Counter", T),
            _p("E1014", "Pang Li", "Counter", T),
            _p("E1015", "Xiong Wen", "Counter", T),
            _p("E1016", "Qin Yu", "Counter", T),
        ),
    ),
}

REGION_BRANCHES = (BRANCH_NAME, *OTHER_BRANCHES)
