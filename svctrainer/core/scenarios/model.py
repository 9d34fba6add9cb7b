"""The scenario model: a customer, nodes (what the customer says or does) and choices (what
the teller says or does), each choice carrying its effects.

Everything here is immutable data. The YAML loader and the Twine importer build it; the
engine plays it; the writers turn it back into YAML or Twee without losing anything, so
the model also carries ``twine`` extras (passage names, tags, positions, verbatim text)
that only matter for a faithful round trip.

Scales (documented for trainers in docs/scenario-format.md):
- mood: valence and arousal on Russell's circumplex, each in [-5, +5] (0 = neutral);
- sensitivities: multipliers in [0, 5] (1 = an average customer);
- SERVQUAL points: integers per choice, summed per dimension over a run.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import IntEnum, StrEnum
from typing import Any

MOOD_MIN = -5.0
MOOD_MAX = 5.0


class Tier(IntEnum):
    """The service tiers of the seed texts, ordered so that ``max`` and ``>=`` work."""

    NOT_MET = 0
    SATISFACTION = 1
    COMFORT = 2
    DELIGHT = 3

    @property
    def code(self) -> str:
        """Stable lower-case name for storage and translation keys."""
        return self.name.lower()


class Language(StrEnum):
    EN = "en"
    ZH = "zh"


class Protocol(StrEnum):
    """Complaint-handling protocols whose step order the engine checks."""

    HEARD = "HEARD"
    LAST = "LAST"


class ProtocolStep(StrEnum):
    """A step of HEARD (hear, empathize, apologize, resolve, diagnose) or LAST (listen,
    apologise, solve, thank). The spellings differ on purpose: each protocol is taught with
    its own words, and a scenario uses the steps of its own protocol only."""

    HEAR = "hear"
    EMPATHIZE = "empathize"
    APOLOGIZE = "apologize"
    RESOLVE = "resolve"
    DIAGNOSE = "diagnose"
    LISTEN = "listen"
    APOLOGISE = "apologise"
    SOLVE = "solve"
    THANK = "thank"

    @property
    def protocol(self) -> Protocol:
        return Protocol.HEARD if self in _HEARD_ORDER else Protocol.LAST

    @property
    def rank(self) -> int:
        """Position within its protocol, 0-based; steps must be taken in rising rank."""
        order = _HEARD_ORDER if self in _HEARD_ORDER else _LAST_ORDER
        return order.index(self)

    @property
    def acknowledges_feelings(self) -> bool:
        return self in _ACKNOWLEDGING

    @property
    def resolves(self) -> bool:
        return self in (ProtocolStep.RESOLVE, ProtocolStep.SOLVE)


_HEARD_ORDER = (
    ProtocolStep.HEAR,
    ProtocolStep.EMPATHIZE,
    ProtocolStep.APOLOGIZE,
    ProtocolStep.RESOLVE,
    ProtocolStep.DIAGNOSE,
)
_LAST_ORDER = (ProtocolStep.LISTEN, ProtocolStep.APOLOGISE, ProtocolStep.SOLVE, ProtocolStep.THANK)
_ACKNOWLEDGING = frozenset(
    {
        ProtocolStep.HEAR,
        ProtocolStep.EMPATHIZE,
        ProtocolStep.APOLOGIZE,
        ProtocolStep.LISTEN,
        ProtocolStep.APOLOGISE,
    }
)


class ServqualDimension(StrEnum):
    RELIABILITY = "reliability"
    RESPONSIVENESS = "responsiveness"
    ASSURANCE = "assurance"
    EMPATHY = "empathy"
    TANGIBLES = "tangibles"


class RunFlag(StrEnum):
    """What a choice did to the customer, as the tier rules need it."""

    NEW_NEGATIVE_EMOTION = "new_negative_emotion"
    RECOVERY = "recovery"  # repairs one earlier new negative emotion
    PRAISE = "praise"
    ANTICIPATE = "anticipate"  # met a need the customer had not thought of yet


class Gate(StrEnum):
    """Must-be requirements: breaching any one caps the run at NOT_MET."""

    IDENTITY_CHECK = "identity_check"
    ACCURACY = "accuracy"
    COMPLIANCE = "compliance"


class Sensitivity(StrEnum):
    """What the customer reacts to; scales the mood effect of choices that touch it."""

    PACE = "pace"
    CLARITY = "clarity"
    RECOGNITION = "recognition"
    ELAPSED_TIME = "elapsed_time"


class DemandLevel(StrEnum):
    """Service demand level (the seeds: a service method specification per level, one
    method within a level). The service standards file defines each level's method;
    ``basic`` and ``premium`` are the first release's levels, still read in stored
    content (premium is the priority level under its old name)."""

    STANDARD = "standard"
    PRIORITY = "priority"
    ELDERLY = "elderly"
    DISABLED = "disabled"
    FOREIGN_LANGUAGE = "foreign_language"
    BASIC = "basic"
    PREMIUM = "premium"


@dataclass(frozen=True, slots=True)
class Mood:
    """A point (or, in effects, a displacement) on the circumplex, each axis in [-5, 5]."""

    valence: float = 0.0
    arousal: float = 0.0


@dataclass(frozen=True, slots=True)
class ServqualPoints:
    """Points per SERVQUAL dimension: a choice's award, or a run's totals."""

    reliability: int = 0
    responsiveness: int = 0
    assurance: int = 0
    empathy: int = 0
    tangibles: int = 0

    def get(self, dimension: ServqualDimension) -> int:
        return int(getattr(self, dimension.value))

    # The arithmetic below is on the search's hot path: fields spelled out on purpose.
    def total(self) -> int:
        return (
            self.reliability + self.responsiveness + self.assurance + self.empathy + self.tangibles
        )

    def plus(self, other: ServqualPoints) -> ServqualPoints:
        return ServqualPoints(
            self.reliability + other.reliability,
            self.responsiveness + other.responsiveness,
            self.assurance + other.assurance,
            self.empathy + other.empathy,
            self.tangibles + other.tangibles,
        )

    def without_losses(self) -> ServqualPoints:
        """Only the gains (a choice with a loss on any dimension differs from this)."""
        return ServqualPoints(
            max(0, self.reliability),
            max(0, self.responsiveness),
            max(0, self.assurance),
            max(0, self.empathy),
            max(0, self.tangibles),
        )

    def without_gains(self) -> ServqualPoints:
        """Only the losses: what a repeated choice still costs (gains are earned once)."""
        return ServqualPoints(
            min(0, self.reliability),
            min(0, self.responsiveness),
            min(0, self.assurance),
            min(0, self.empathy),
            min(0, self.tangibles),
        )


@dataclass(frozen=True, slots=True)
class Sensitivities:
    pace: float = 1.0
    clarity: float = 1.0
    recognition: float = 1.0
    elapsed_time: float = 1.0

    def of(self, sensitivity: Sensitivity) -> float:
        return float(getattr(self, sensitivity.value))


@dataclass(frozen=True, slots=True)
class CustomerProfile:
    who: str = "Customer"
    situation: str = ""
    portrait: str = "default"  # avatar set in assets/; the expression comes from the mood
    demand_level: DemandLevel = DemandLevel.STANDARD
    mood: Mood = Mood()
    sensitivity: Sensitivities = Sensitivities()


@dataclass(frozen=True, slots=True)
class TierThresholds:
    comfort_min_valence: float = 1.0


@dataclass(frozen=True, slots=True)
class Effects:
    """What taking a choice (or letting time run out) does. Mood is a displacement that
    the profile's sensitivities scale; everything else is applied as written."""

    mood: Mood = Mood()
    touches: tuple[Sensitivity, ...] = ()
    servqual: ServqualPoints = ServqualPoints()
    steps: tuple[ProtocolStep, ...] = ()
    flags: tuple[RunFlag, ...] = ()
    sets: tuple[str, ...] = ()
    breaches: tuple[Gate, ...] = ()
    # service-standard items of the scenario's demand level this move meets or fails
    meets: tuple[str, ...] = ()
    fails: tuple[str, ...] = ()

    @property
    def is_empty(self) -> bool:
        return self == Effects()


@dataclass(frozen=True, slots=True)
class TwineExtras:
    """Twine details of one passage that the scenario itself does not need, kept so that
    export gives the story back: the original passage name (when it could not be used
    as an id), tags with no scenario meaning, the metadata block, and the verbatim text
    when the exporter could not regenerate it from the node."""

    name: str | None = None
    tags: tuple[str, ...] = ()
    metadata: Mapping[str, Any] | None = None
    source: str | None = None


@dataclass(frozen=True, slots=True)
class RawPassage:
    """A passage that is not part of the conversation (script, stylesheet), kept verbatim."""

    name: str
    tags: tuple[str, ...] = ()
    metadata: Mapping[str, Any] | None = None
    text: str = ""


@dataclass(frozen=True, slots=True)
class ScenarioTwine:
    """Story-level Twine details of an imported story."""

    story_data: Mapping[str, Any] | None = None  # StoryData without "start"
    preamble: str = ""  # text before the first passage header
    scenario_data: TwineExtras | None = None
    profile: TwineExtras | None = None
    passages: tuple[RawPassage, ...] = ()


@dataclass(frozen=True, slots=True)
class Choice:
    id: str
    text: str  # what the teller says or does
    to: str
    effects: Effects = Effects()
    if_flags: tuple[str, ...] = ()  # offered only if all of these state flags are set
    unless_flags: tuple[str, ...] = ()  # ... and none of these
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Timeout:
    """What happens when a node's time limit runs out (the teller hesitated)."""

    to: str | None = None  # None: the customer keeps waiting at the same node
    effects: Effects = Effects()
    feedback: str = ""


@dataclass(frozen=True, slots=True)
class Node:
    id: str
    text: str  # what the customer says or does; for an ending, how the visit ends
    choices: tuple[Choice, ...] = ()
    time_limit_s: float | None = None
    on_timeout: Timeout | None = None  # None with a time limit: the default hesitation
    ending: bool = False
    need_met: bool = True  # endings only: were the customer's reasonable requirements met
    twine: TwineExtras | None = None

    def choice(self, choice_id: str) -> Choice | None:
        return next((c for c in self.choices if c.id == choice_id), None)


@dataclass(frozen=True)
class Scenario:
    id: str
    title: str
    language: Language
    start: str
    nodes: tuple[Node, ...]
    version: int = 1
    summary: str = ""
    protocol: Protocol = Protocol.HEARD
    customer: CustomerProfile = CustomerProfile()
    tiers: TierThresholds = TierThresholds()
    twine: ScenarioTwine | None = None
    _index: Mapping[str, Node] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_index", {n.id: n for n in self.nodes})

    def node(self, node_id: str) -> Node:
        """The node with this id; KeyError if there is none (loaders guarantee references)."""
        return self._index[node_id]

    @property
    def is_scored(self) -> bool:
        """False for a story imported without any scoring: every choice is neutral."""
        for node in self.nodes:
            if node.on_timeout is not None and not node.on_timeout.effects.is_empty:
                return True
            if any(not c.effects.is_empty for c in node.choices):
                return True
        return False
