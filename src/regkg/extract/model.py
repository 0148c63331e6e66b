"""What the extractors produce. Every fact keeps its evidence and a review status.

Offsets are character offsets into the text of the provision (``Node.text`` in ``lang``; ``wrap`` text is
addressed as if appended after a newline). Facts are frozen dataclasses so they can be cached and compared.
"""

from __future__ import annotations

from dataclasses import dataclass, field

REVIEW_STATUSES = ("extracted", "reviewed")
MODALITIES = ("obligation", "prohibition", "permission", "encouragement")


@dataclass(frozen=True)
class Evidence:
    instrument: str  # corpus id
    eid: str  # the provision the fact was found in
    lang: str
    start: int
    end: int
    text: str  # the matched text
    rule: str = ""  # id of the rule (pattern) that matched
    status: str = "extracted"  # or "reviewed" when confirmed by data in corpus/


@dataclass(frozen=True)
class Role:
    """An entry of the role vocabulary (roles and authorities), kept as data."""

    id: str  # e.g. "cn:service-provider", "eu:provider", "cn:cac"
    kind: str  # "role" or "authority"
    jurisdiction: str
    labels: dict = field(default_factory=dict, compare=False, hash=False)  # lang -> label
    instruments: tuple[str, ...] = ()


@dataclass(frozen=True)
class ActorMention:
    role: str  # Role.id
    evidence: Evidence


@dataclass(frozen=True)
class Definition:
    term: str  # the defined term as written
    lang: str
    definition: str
    evidence: Evidence
    used_in: tuple[str, ...] = ()  # eids of provisions that use the term


@dataclass(frozen=True)
class Duty:
    modality: str  # one of MODALITIES
    bearer: str | None  # Role.id, None if unresolved
    action: str
    evidence: Evidence
    marker: str = ""  # the deontic word: 应当, 不得, shall, may ...
    bearer_source: str = "explicit"  # "explicit", "implicit" (a subject rule), "article", "chapeau", "none"
    conditions: tuple[str, ...] = ()
    exceptions: tuple[str, ...] = ()
    co_bearers: tuple[str, ...] = ()  # Role.ids coordinated with the bearer (提供者和技术支持者应当…)


@dataclass(frozen=True)
class Reference:
    kind: str  # "internal" or "external"
    anchor: str  # the text as written
    evidence: Evidence
    target_instrument: str | None = None  # corpus id, or None for an instrument outside the corpus
    target_eid: str | None = None  # node within the target (None: the whole instrument)
    target_title: str | None = None  # title of an instrument outside the corpus (stub)
    resolved: bool = False
    relation: str = "cites"  # "cites" or "based_on"
    target_external: str | None = None  # stub id of an instrument outside the corpus (corpus/aliases.yaml)
    note: str = ""  # how the target was chosen (e.g. the version in force) or why it did not resolve


@dataclass(frozen=True)
class Penalty:
    sanctions: tuple[str, ...]  # warning, rectification order, fine, confiscation, suspension, revocation ...
    evidence: Evidence
    amount_min: float | None = None
    amount_max: float | None = None
    currency: str | None = None
    turnover_percent: float | None = None
    amount_basis: str | None = None  # e.g. "illegal gains", "turnover"
    bearer: str | None = None  # Role.id
    sanctioned: tuple[str, ...] = ()  # eids of the provisions whose breach is sanctioned


@dataclass
class Extraction:
    """All facts for one instrument."""

    instrument: str
    definitions: list[Definition] = field(default_factory=list)
    actors: list[ActorMention] = field(default_factory=list)
    duties: list[Duty] = field(default_factory=list)
    references: list[Reference] = field(default_factory=list)
    penalties: list[Penalty] = field(default_factory=list)
