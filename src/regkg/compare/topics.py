"""Regulatory topics: the SKOS scheme in ``corpus/topics.yaml`` and its assignment to provisions.

Every node with text gets the topics whose terms its text (authoritative language first, the translation as
confirmation) or its headings match, each with a confidence and the evidence (matched term, offsets, language).
An article's topics aggregate those of its parts.

>>> scheme = TopicScheme.from_data({"topics": [{"id": "fines", "label": {"zh": "罚款", "en": "fines"},
...     "scope": {"zh": "罚款。", "en": "Fines."}, "zh": {"罚款": 0.9}, "en": {"fine": 0.9}}]})
>>> [(e.text, e.start, e.end) for e in scheme.topics[0].match("处一万元罚款", "zh")]
[('罚款', 4, 6)]
>>> [e.text for e in scheme.topics[0].match("a fine of EUR 10", "en")]
['fine']
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..extract.model import Evidence
from ..model import Instrument, Node
from .data import CompareDataError, corpus_file, load_yaml, require, weights
from .text import Unit, own_text, units

LANGS = ("zh", "en")


@dataclass(frozen=True, eq=False)
class Rule:
    """One term or pattern of a topic and its weight. Terms are matched by :class:`Matcher` through an index;
    patterns (``literal`` None) by their regular expression."""

    key: str  # the term or pattern as written in the data file
    weight: float
    literal: str | None = None  # the term as matched (lower-cased in English); None for a pattern
    regex: re.Pattern | None = None


def term_rule(term: str, lang: str, weight: float) -> Rule:
    return Rule(term, weight, literal=term.lower() if lang == "en" else term)


class Matcher:
    """Finds the rules of many topics in a text in one pass.

    Terms are looked up by their first characters at every word start (English, lower-cased: a term matches at
    the start of a word and runs on to the end of the word) or at every character (Chinese); patterns are
    regular expressions run over the text. One pass per text instead of one regular expression per topic keeps
    the whole corpus under a second.
    """

    KEY = {"zh": 2, "en": 3}

    def __init__(self, lang: str, entries: Iterable[tuple[str, Rule]]) -> None:
        self.lang = lang
        self.index: dict[str, list[tuple[str, Rule]]] = {}
        self.short: list[tuple[str, Rule]] = []  # terms shorter than the index key
        self.patterns: list[tuple[str, Rule]] = []
        k = self.KEY[lang]
        for topic_id, rule in entries:
            if rule.literal is None:
                self.patterns.append((topic_id, rule))
            elif len(rule.literal) < k:
                self.short.append((topic_id, rule))
            else:
                self.index.setdefault(rule.literal[:k], []).append((topic_id, rule))

    _WORD_START = re.compile(r"(?<![a-z0-9])[a-z0-9]")
    _WORD_END = re.compile(r"[a-z]*")

    def find(self, text: str) -> dict[str, list[tuple[int, int, Rule]]]:
        """``{topic id: [(start, end, rule), ...]}`` of every match (overlaps included)."""
        out: dict[str, list[tuple[int, int, Rule]]] = {}
        k = self.KEY[self.lang]
        if self.lang == "en":
            low = text.lower()
            starts = (m.start() for m in self._WORD_START.finditer(low))
        else:
            low = text
            starts = range(len(text))
        index, short = self.index, self.short
        for i in starts:
            cands = index.get(low[i : i + k])
            if short:
                cands = (cands or []) + short
            if not cands:
                continue
            for topic_id, rule in cands:
                lit = rule.literal
                if low.startswith(lit, i):
                    end = i + len(lit)
                    if self.lang == "en":
                        end = self._WORD_END.match(low, end).end()
                    out.setdefault(topic_id, []).append((i, end, rule))
        for topic_id, rule in self.patterns:
            for m in rule.regex.finditer(text):
                if m.end() > m.start():
                    out.setdefault(topic_id, []).append((m.start(), m.end(), rule))
        return out


def select(
    found: list[tuple[int, int, Rule]], text: str, spans: list[tuple[int, int]]
) -> list[tuple[int, int, Rule]]:
    """Matches that do not overlap an excluded span and are not inside a longer match ("标识" in "显著标识")."""
    kept = [f for f in found if not any(f[0] < b and a < f[1] for a, b in spans)]
    kept.sort(key=lambda x: (x[0], -(x[1] - x[0])))
    out: list[tuple[int, int, Rule]] = []
    for s, e, rule in kept:
        if any(a <= s and e <= b and (a, b) != (s, e) for a, b, _ in out):
            continue
        if any((a, b) == (s, e) and r.key == rule.key for a, b, r in out):
            continue
        out.append((s, e, rule))
    return out


@dataclass(frozen=True)
class Topic:
    id: str
    labels: dict = field(compare=False, hash=False)  # lang -> preferred label
    scope: dict = field(compare=False, hash=False)  # lang -> scope note
    rules: dict = field(compare=False, hash=False)  # lang -> tuple[Rule]
    exclude: dict = field(compare=False, hash=False)  # lang -> tuple[re.Pattern]
    headings: dict = field(compare=False, hash=False)  # lang -> tuple[Rule]

    def excluded_spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        return [m.span() for rx in self.exclude.get(lang, ()) for m in rx.finditer(text)]

    def match(
        self, text: str, lang: str, excluded: Iterable[tuple[int, int]] = (), headings: bool = False
    ) -> list[Evidence]:
        """The rules of this topic that match ``text`` (one Evidence per match, instrument and eid left empty).

        A match overlapping an excluded span (this topic's or the caller's) does not count, nor does one inside a
        longer match of the same topic.
        """
        rules = (self.headings if headings else self.rules).get(lang, ())
        found = Matcher(lang, ((self.id, r) for r in rules)).find(text).get(self.id, [])
        spans = [*excluded, *self.excluded_spans(text, lang)] if found else []
        kind = "heading" if headings else lang
        return [
            Evidence("", "", lang, s, e, text[s:e], rule=f"{self.id}/{kind}/{r.key}")
            for s, e, r in select(found, text, spans)
        ]


def _compile(pattern: str, path: Path, where: str, flags: int = 0) -> re.Pattern:
    try:
        return re.compile(pattern, flags)
    except re.error as exc:
        raise CompareDataError(path, where, f"bad regular expression {pattern!r}: {exc}") from None


@dataclass(frozen=True)
class TopicScheme:
    topics: tuple[Topic, ...]
    threshold: float = 0.5
    translation_factor: float = 0.5
    structure_factor: float = 0.8
    exclude: dict = field(default_factory=dict, compare=False, hash=False)  # lang -> tuple[re.Pattern]
    path: str = ""

    @classmethod
    def from_data(cls, data: Mapping, path: Path | str = "<data>") -> TopicScheme:
        path = Path(path)
        raw_topics = data.get("topics")
        if not isinstance(raw_topics, list) or not raw_topics:
            raise CompareDataError(path, "topics", "expected a non-empty list of topics")
        topics = []
        seen = set()
        for i, raw in enumerate(raw_topics):
            where = f"topics[{i}]"
            tid = require(raw, "id", path, where)
            where = f"topic {tid!r}"
            if not re.fullmatch(r"[a-z][a-z0-9-]*", tid) or tid in seen:
                raise CompareDataError(path, where, "ids are unique lower-case slugs")
            seen.add(tid)
            labels = require(raw, "label", path, where, dict)
            scope = require(raw, "scope", path, where, dict)
            for lang in LANGS:
                require(labels, lang, path, f"{where} label")
                require(scope, lang, path, f"{where} scope")
            rules: dict[str, list[Rule]] = {lang: [] for lang in LANGS}
            for lang in LANGS:
                for term, w in weights(raw.get(lang), path, f"{where} {lang}").items():
                    rules[lang].append(term_rule(term, lang, w))
            patterns = raw.get("patterns") or {}
            for lang in LANGS:
                flags = re.IGNORECASE if lang == "en" else 0
                for p, w in weights(patterns.get(lang), path, f"{where} patterns {lang}").items():
                    rules[lang].append(Rule(p, w, regex=_compile(p, path, f"{where} patterns", flags)))
            if not any(rules.values()):
                raise CompareDataError(path, where, "a topic needs at least one term")
            exclude = {
                lang: tuple(
                    _compile(p, path, f"{where} exclude", re.IGNORECASE if lang == "en" else 0)
                    for p in (raw.get("exclude") or {}).get(lang, ()) or ()
                )
                for lang in LANGS
            }
            heads = raw.get("headings") or {}
            headings = {
                lang: tuple(
                    term_rule(t, lang, w)
                    for t, w in weights(heads.get(lang), path, f"{where} headings {lang}").items()
                )
                for lang in LANGS
            }
            topics.append(
                Topic(
                    tid,
                    dict(labels),
                    dict(scope),
                    {k: tuple(v) for k, v in rules.items()},
                    exclude,
                    headings,
                )
            )
        glob = data.get("exclude") or {}
        exclude = {
            lang: tuple(
                _compile(p, path, "exclude", re.IGNORECASE if lang == "en" else 0)
                for p in glob.get(lang, ()) or ()
            )
            for lang in LANGS
        }

        def number(key: str, default: float) -> float:
            v = data.get(key, default)
            if not isinstance(v, (int, float)) or not 0 <= v <= 1:
                raise CompareDataError(path, key, f"expected a number in [0, 1], found {v!r}")
            return float(v)

        return cls(
            tuple(topics),
            number("threshold", 0.5),
            number("translation_factor", 0.5),
            number("structure_factor", 0.8),
            exclude,
            str(path),
        )

    def get(self, topic_id: str) -> Topic:
        for t in self.topics:
            if t.id == topic_id:
                return t
        raise KeyError(f"no topic {topic_id!r} in {self.path}")

    @property
    def ids(self) -> list[str]:
        return [t.id for t in self.topics]

    def excluded_spans(self, text: str, lang: str) -> list[tuple[int, int]]:
        return [m.span() for rx in self.exclude.get(lang, ()) for m in rx.finditer(text)]


def load_topics(path: Path | None = None) -> TopicScheme:
    """Read and check ``corpus/topics.yaml`` (or ``path``)."""
    path = path or corpus_file("topics.yaml")
    return TopicScheme.from_data(load_yaml(path), path)


@cache
def default_topics() -> TopicScheme:
    return load_topics()


# ------------------------------------------------------------------------------------------------ assignment


@dataclass(frozen=True)
class TopicAssignment:
    """A topic on a provision: its confidence and the evidence; ``parts`` for an article's aggregate."""

    instrument: str
    eid: str
    topic: str
    confidence: float
    evidence: tuple[Evidence, ...] = ()
    level: str = "provision"  # "provision" (own text and headings) or "article" (aggregate of its parts)
    parts: tuple[str, ...] = ()  # eids of the parts an article-level assignment aggregates


def _combine(weights_: Iterable[float]) -> float:
    p = 1.0
    for w in weights_:
        p *= 1.0 - w
    return 1.0 - p


def _confidence(matches: list[tuple[int, int, Rule]]) -> float:
    """1 - prod(1 - w) over the distinct rules matched (a rule matched twice counts once)."""
    return _combine({id(r): r.weight for _, _, r in matches}.values())


class Assigner:
    """Assigns the topics of a scheme to the nodes of instruments; heading matches are computed once per node."""

    def __init__(self, scheme: TopicScheme) -> None:
        self.scheme = scheme
        self.topics = {t.id: t for t in scheme.topics}
        self.text_matchers = {
            lang: Matcher(lang, ((t.id, r) for t in scheme.topics for r in t.rules.get(lang, ())))
            for lang in LANGS
        }
        self.heading_matchers = {
            lang: Matcher(lang, ((t.id, r) for t in scheme.topics for r in t.headings.get(lang, ())))
            for lang in LANGS
        }
        self._heading_cache: dict[tuple, dict[str, list[tuple[float, Evidence]]]] = {}

    def _heading_evidence(
        self, inst: Instrument, node: Node, factor: float
    ) -> dict[str, list[tuple[float, Evidence]]]:
        """topic -> [(weight, evidence)] for the headings of ``node``. A heading's weight is split between the
        topics it matches, so "监督检查和法律责任" is evidence for two topics at half weight each."""
        key = (inst.id, node.eid, factor)
        if key in self._heading_cache:
            return self._heading_cache[key]
        per_topic: dict[str, list[tuple[float, Evidence]]] = {}
        for lang in LANGS:
            heading = node.heading.get(lang)
            if not heading:
                continue
            hits = {}
            for tid, found in self.heading_matchers[lang].find(heading).items():
                kept = select(found, heading, self.topics[tid].excluded_spans(heading, lang))
                if kept:
                    hits[tid] = kept
            # a translated heading only confirms, like translated text
            lang_factor = 1.0 if lang == inst.authoritative_lang else self.scheme.translation_factor
            for tid, kept in hits.items():
                share = _confidence(kept) * factor * lang_factor / len(hits)
                per_topic.setdefault(tid, []).extend(
                    (share, Evidence(inst.id, node.eid, lang, s, e, heading[s:e], f"{tid}/heading/{r.key}"))
                    for s, e, r in kept
                )
        self._heading_cache[key] = per_topic
        return per_topic

    def assign_unit(self, inst: Instrument, unit: Unit) -> list[TopicAssignment]:
        """The topics of one node: its own text in each language, and the headings above it."""
        scheme = self.scheme
        node = unit.node
        auth = inst.authoritative_lang
        text_hits: dict[str, dict[str, tuple[str, list]]] = {}  # topic -> lang -> (text, matches)
        for lang in LANGS:
            text = own_text(node, lang)
            if not text:
                continue
            found = self.text_matchers[lang].find(text)
            if not found:
                continue
            glob = scheme.excluded_spans(text, lang)
            for tid, matches in found.items():
                kept = select(matches, text, glob + self.topics[tid].excluded_spans(text, lang))
                if kept:
                    text_hits.setdefault(tid, {})[lang] = (text, kept)
        heading_hits: dict[str, list[tuple[float, Evidence]]] = {}
        sources = [(unit.article, 1.0)] if unit.article is not None else []
        sources.extend((a, scheme.structure_factor) for a in unit.ancestors)
        for container, factor in sources:
            for tid, items in self._heading_evidence(inst, container, factor).items():
                heading_hits.setdefault(tid, []).extend(items)
        out = []
        for tid in self.topics:
            langs = text_hits.get(tid, {})
            heads = heading_hits.get(tid, [])
            if not langs and not heads:
                continue
            factors = [
                _confidence(m) * (1.0 if lang == auth else scheme.translation_factor)
                for lang, (_, m) in langs.items()
            ]
            # a heading counts once per container, whatever the number of its languages or terms
            per_node: dict[str, float] = {}
            for w, e in heads:
                per_node[e.eid] = max(w, per_node.get(e.eid, 0.0))
            factors.extend(per_node.values())
            conf = round(_combine(factors), 3)
            if conf < scheme.threshold:
                continue
            evidence = [
                Evidence(inst.id, node.eid, lang, s, e, text[s:e], f"{tid}/{lang}/{r.key}")
                for lang, (text, m) in langs.items()
                for s, e, r in m
            ]
            evidence.extend(dict.fromkeys(e for _, e in heads))
            out.append(TopicAssignment(inst.id, node.eid, tid, conf, tuple(evidence)))
        return out

    def assign(self, inst: Instrument) -> list[TopicAssignment]:
        """Provision-level assignments of every node with text, then one aggregate per article and topic."""
        provision: list[TopicAssignment] = []
        article_of: dict[str, Node] = {}
        for unit in units(inst):
            provision.extend(self.assign_unit(inst, unit))
            if unit.article is not None and unit.article.kind == "article":
                article_of[unit.node.eid] = unit.article
        grouped: dict[tuple[str, str], list[TopicAssignment]] = {}
        for a in provision:
            art = article_of.get(a.eid)
            if art is not None:
                grouped.setdefault((art.eid, a.topic), []).append(a)
        aggregated = []
        for (art_eid, tid), parts in grouped.items():
            best = max(parts, key=lambda a: a.confidence)
            aggregated.append(
                TopicAssignment(
                    inst.id,
                    art_eid,
                    tid,
                    best.confidence,
                    best.evidence,
                    level="article",
                    parts=tuple(dict.fromkeys(a.eid for a in parts)),
                )
            )
        # an article with text of its own (a whole translation attached by the aligner) is counted as a part
        articles = {a.eid for a in aggregated}
        return [a for a in provision if a.eid not in articles] + aggregated


def assign_topics(
    instruments: Iterable[Instrument], scheme: TopicScheme | None = None
) -> dict[str, list[TopicAssignment]]:
    """``{instrument id: [TopicAssignment, ...]}`` for every instrument given."""
    assigner = Assigner(scheme or default_topics())
    return {inst.id: assigner.assign(inst) for inst in instruments}


def article_topics(assignments: Iterable[TopicAssignment]) -> dict[str, dict[str, float]]:
    """``{article eid: {topic: confidence}}`` from the article-level assignments."""
    out: dict[str, dict[str, float]] = {}
    for a in assignments:
        if a.level == "article":
            cur = out.setdefault(a.eid, {})
            cur[a.topic] = max(a.confidence, cur.get(a.topic, 0.0))
    return out
