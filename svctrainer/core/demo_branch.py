"""The demo branch: who works there, in which team, with which roles.

Pure data so that demo content is reviewable in one place and reproducible: the same
24 people every time. Every role appears, and two people hold more than one (a
trainer who still works the counter, a supervisor who is also the branch's admin).
"""

from __future__ import annotations

from dataclasses import dataclass

from svctrainer.core.roles import Role

DEMO_PIN = "1234"
BRANCH_NAME = "Riverside Branch (demo)"
TEAMS = ("Counter A", "Counter B", "Business Hall")


@dataclass(frozen=True, slots=True)
class DemoPerson:
    employee_number: str
    name: str
    team: str | None
    roles: frozenset[Role]


def _p(number: str, name: str, team: str | None, *roles: Role) -> DemoPerson:
    return DemoPerson(number, name, team, frozenset(roles))


T, TR, S, A = Role.TELLER, Role.TRAINER, Role.SUPERVISOR, Role.ADMIN

DEMO_PEOPLE: tuple[DemoPerson, ...] = (
    _p("E1001", "Zhou Xin", None, A),
    _p("E1002", "Guo Hua", None, S, A),
    _p("E1003", "Lin Mei", None, S),
    _p("E1010", "Chen Jing", "Counter A", TR, T),
    _p("E1011", "Wang Wei", "Counter A", T),
    _p("E1012", "Li Na", "Counter A", T),
    _p("E1013", "Zhang Min", "Counter A", T),
    _p("E1014", "Liu Yang", "Counter A", T),
    _p("E1015", "Huang Lei", "Counter A", T),
    _p("E1016", "Sun Li", "Counter A", T),
    _p("E1020", "Zhao Qiang", "Counter B", TR),
    _p("E1021", "Wu Fang", "Counter B", T),
    _p("E1022", "Xu Ting", "Counter B", T),
    _p("E1023", "Ma Jun", "Counter B", T),
    _p("E1024", "Hu Yan", "Counter B", T),
    _p("E1025", "Zhu Hong", "Counter B", T),
    _p("E1026", "Gao Peng", "Counter B", T),
    _p("E1030", "He Xiaoyu", "Business Hall", TR),
    _p("E1031", "Luo Bin", "Business Hall", T),
    _p("E1032", "Song Jia", "Business Hall", T),
    _p("E1033", "Tang Hao", "Business Hall", T),
    _p("E1034", "Han Xue", "Business Hall", T),
    _p("E1035", "Feng Yi", "Business Hall", T),
    _p("E1036", "Deng Chao", "Business Hall", T),
)
