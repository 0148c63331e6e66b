"""Provision alignment: for each topic, candidate pairs of articles across instruments (and jurisdictions).

Evidence for a pair: the topics both articles have (with the weaker confidence), the cross-jurisdiction roles
both name (role vocabulary surface forms, mapped through the crosswalk), the cosine similarity of their English
texts (TF-IDF, numpy) and an explicit reference from one to the other's instrument. The score combines them;
the type follows from the score. Pairs reviewed by hand in ``corpus/alignments.yaml`` (confirmed or rejected)
win over the computed ones: they replace the computed pair of the same two articles, or are added.

Versions of one work (CSL 2016/2025, the AI Act proposal and the final Act) are compared by
:mod:`regkg.compare.versions`, not aligned here; amendment decisions are left out.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path

import numpy as np

from ..model import Instrument, Node
from .crosswalk import Crosswalk, default_crosswalk
from .data import CompareDataError, corpus_file, load_yaml, require
from .text import article_text, cosine_matrix, path_of, tfidf_matrix, words
from .topics import TopicAssignment

TYPES = ("equivalent", "similar", "related")
STATUSES = ("computed", "confirmed", "rejected")


@dataclass(frozen=True)
class Settings:
    """Weights of the evidence in the score and the thresholds of the types (``settings`` in the data file)."""

    topic_weight: float = 0.35
    text_weight: float = 0.35
    role_weight: float = 0.2
    reference_weight: float = 0.1
    text_saturation: float = 0.35  # a cosine at or above this counts fully
    min_score: float = 0.4  # "related" from here
    similar: float = 0.6
    equivalent: float = 0.8
    per_article: int = 1  # best partners kept per article, topic and other instrument
    equivalent_similarity: float = 0.45  # "equivalent" also needs this much text similarity
    ignore_roles: tuple[str, ...] = ()  # cross-jurisdiction roles too general to count as shared evidence


@dataclass(frozen=True)
class ReviewedPair:
    a: tuple[str, str]  # (instrument, provision path)
    b: tuple[str, str]
    status: str  # "confirmed" or "rejected"
    type: str | None
    topics: tuple[str, ...]
    note: str
    reviewer: str = ""
    date: str = ""


@dataclass(frozen=True)
class Alignment:
    """A candidate pair of provisions (``a`` before ``b`` in corpus order)."""

    a: tuple[str, str]  # (instrument, eid)
    b: tuple[str, str]
    type: str
    score: float
    topics: tuple[str, ...]
    similarity: float | None  # cosine of the English texts; None if one has no English
    roles: tuple[str, ...] = ()  # cross-jurisdiction roles both name
    reference: bool = False  # one cites the other's instrument
    status: str = "computed"
    note: str = ""
    topic_strength: float = 0.0

    @property
    def key(self) -> tuple:
        return (self.a, self.b)

    def evidence(self) -> list[str]:
        """The evidence in words, for tables and the graph."""
        out = [f"shared topic {t}" for t in self.topics]
        if self.roles:
            out.append("shared role " + ", ".join(self.roles))
        if self.similarity is not None:
            out.append(f"cosine similarity of English texts {self.similarity:.2f}")
        if self.reference:
            out.append("explicit reference to the other instrument")
        return out


@dataclass(frozen=True)
class AlignmentData:
    settings: Settings
    pairs: tuple[ReviewedPair, ...]
    path: str = ""


def _ref(value: object, path: Path, where: str) -> tuple[str, str]:
    if not isinstance(value, str) or "/" not in value:
        raise CompareDataError(
            path, where, f"a provision is written instrument-id/provision-path, found {value!r}"
        )
    inst, prov = value.split("/", 1)
    if not re.fullmatch(r"[a-z0-9-]+", inst) or not re.fullmatch(
        r"[a-z]+_[0-9A-Za-z.-]+(__[a-z]+_[0-9A-Za-z.-]+)*", prov
    ):
        raise CompareDataError(path, where, f"malformed provision {value!r}")
    return inst, prov


def parse_alignment_data(data: Mapping, path: Path | str = "<data>") -> AlignmentData:
    path = Path(path)
    raw = data.get("settings") or {}
    known = Settings.__dataclass_fields__
    values = {}
    for k, v in raw.items():
        if k == "ignore_roles" and isinstance(v, list) and all(isinstance(x, str) for x in v):
            values[k] = tuple(v)
        elif k in known and k != "ignore_roles" and isinstance(v, (int, float)):
            values[k] = v
        else:
            raise CompareDataError(
                path, f"settings.{k}", "unknown setting, or not a number (a list for ignore_roles)"
            )
    settings = Settings(**values)
    pairs = []
    seen = set()
    for i, p in enumerate(data.get("pairs") or []):
        where = f"pairs[{i}]"
        a = _ref(require(p, "a", path, where), path, f"{where}.a")
        b = _ref(require(p, "b", path, where), path, f"{where}.b")
        status = require(p, "status", path, where)
        if status not in ("confirmed", "rejected"):
            raise CompareDataError(path, where, f"status is confirmed or rejected, found {status!r}")
        typ = p.get("type")
        if status == "confirmed" and typ not in TYPES:
            raise CompareDataError(path, where, f"a confirmed pair needs a type in {TYPES}, found {typ!r}")
        note = require(p, "note", path, where)
        topics = p.get("topics") or ([p["topic"]] if p.get("topic") else [])
        key = tuple(sorted((a, b)))
        if key in seen:
            raise CompareDataError(path, where, "the pair is listed twice")
        seen.add(key)
        pairs.append(
            ReviewedPair(
                a,
                b,
                status,
                typ,
                tuple(topics),
                note.strip(),
                str(p.get("reviewer", "")),
                str(p.get("date", "")),
            )
        )
    return AlignmentData(settings, tuple(pairs), str(path))


def load_alignment_data(path: Path | None = None) -> AlignmentData:
    path = path or corpus_file("alignments.yaml")
    return parse_alignment_data(load_yaml(path), path)


@cache
def default_alignment_data() -> AlignmentData:
    return load_alignment_data()


# ------------------------------------------------------------------------------------------------ evidence


@dataclass
class ArticleInfo:
    instrument: str
    node: Node
    topics: dict[str, float] = field(default_factory=dict)
    roles: set[str] = field(default_factory=set)  # cross-jurisdiction roles
    cites: set[str] = field(default_factory=set)  # instrument ids cited
    row: int | None = None  # row in the TF-IDF matrix (None: no English text)


def _role_forms(inst: Instrument) -> list:
    try:
        from ..extract.roles import load_roles
    except ImportError:
        return []
    vocab = load_roles()
    kinds = {r.id: r.kind for r in vocab.roles}
    lang = inst.authoritative_lang
    return [
        f
        for f in vocab.forms
        if f.lang == lang
        and kinds.get(f.role) == "role"
        and f.jurisdiction == inst.jurisdiction
        and (not f.scope or inst.id in f.scope)
    ]


def _roles_in(text: str, forms: list, crosswalk: Crosswalk, cache_xj: dict) -> set[str]:
    """Cross-jurisdiction roles named in ``text``: the vocabulary's surface forms (longest match wins, with its
    context rules), mapped through the crosswalk."""
    from ..extract.pipeline import context_ok

    hits = []
    low = text.lower()
    for f in forms:
        hay, needle = (text, f.text) if f.case or f.lang == "zh" else (low, f.text.lower())
        start = hay.find(needle)
        while start >= 0:
            end = start + len(needle)
            if context_ok(text, start, end, f.context, f.case or f.lang == "zh"):
                hits.append((start, end, f.role))
            start = hay.find(needle, start + 1)
    hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
    roles: set[str] = set()
    last_end = -1
    for s, e, role in hits:
        if s < last_end:
            continue  # inside a longer (earlier) match
        last_end = e
        if role not in cache_xj:
            cache_xj[role] = crosswalk.xj_roles(role)
        roles |= cache_xj[role]
    return roles


def _cited_instruments(inst: Instrument, text_zh: str, titles: dict[str, str]) -> set[str]:
    """Instruments of the corpus whose Chinese title ``text_zh`` cites in 《》 (an explicit reference)."""
    out = set()
    for other, title in titles.items():
        if other != inst.id and title and f"《{title}》" in text_zh:
            out.add(other)
    return out


def article_infos(
    instruments: Iterable[Instrument],
    topics: Mapping[str, list[TopicAssignment]],
    crosswalk: Crosswalk | None = None,
    titles: Mapping[str, str] | None = None,
) -> tuple[list[ArticleInfo], np.ndarray]:
    """One entry per article with its topics, roles and citations, and the TF-IDF matrix of their English texts."""
    crosswalk = crosswalk or default_crosswalk()
    titles = dict(titles or {})
    infos: list[ArticleInfo] = []
    docs: list[str] = []
    xj_cache: dict[str, set[str]] = {}
    for inst in instruments:
        by_article: dict[str, dict[str, float]] = {}
        for a in topics.get(inst.id, []):
            if a.level == "article":
                by_article.setdefault(a.eid, {})[a.topic] = a.confidence
        forms = _role_forms(inst)
        for node in inst.articles():
            info = ArticleInfo(inst.id, node, by_article.get(node.eid, {}))
            auth_text = article_text(node, inst.authoritative_lang)
            info.roles = _roles_in(auth_text, forms, crosswalk, xj_cache) if forms else set()
            if inst.authoritative_lang == "zh":
                info.cites = _cited_instruments(inst, auth_text, titles)
            en = article_text(node, "en")
            if en.strip():
                info.row = len(docs)
                docs.append(en)
            infos.append(info)
    matrix = tfidf_matrix(docs, analyzer=words) if docs else np.zeros((0, 1))
    return infos, matrix


# ------------------------------------------------------------------------------------------------ pairing


def _score(
    a: ArticleInfo, b: ArticleInfo, topic_strength: float, sim: float | None, s: Settings
) -> tuple[float, tuple[str, ...], bool]:
    roles = tuple(sorted((a.roles & b.roles) - set(s.ignore_roles)))
    reference = b.instrument in a.cites or a.instrument in b.cites
    text = min(1.0, (sim or 0.0) / s.text_saturation) if s.text_saturation else 0.0
    score = (
        s.topic_weight * topic_strength
        + s.text_weight * text
        + s.role_weight * (1.0 if roles else 0.0)
        + s.reference_weight * (1.0 if reference else 0.0)
    )
    return round(score, 3), roles, reference


def classify(score: float, s: Settings, similarity: float | None = None) -> str | None:
    """The type a score earns; "equivalent" also needs the texts to be close (``equivalent_similarity``)."""
    if score >= s.equivalent and (similarity or 0.0) >= s.equivalent_similarity:
        return "equivalent"
    if score >= s.similar:
        return "similar"
    if score >= s.min_score:
        return "related"
    return None


def compute_alignments(
    instruments: Iterable[Instrument],
    topics: Mapping[str, list[TopicAssignment]],
    works: Mapping[str, str],
    data: AlignmentData | None = None,
    crosswalk: Crosswalk | None = None,
    titles: Mapping[str, str] | None = None,
    exclude_kinds: Iterable[str] = ("amendment decision",),
) -> list[Alignment]:
    """Candidate pairs of articles of different works sharing a topic, merged with the reviewed pairs.

    ``works``: instrument id -> work (versions of one work are never paired). Deterministic: sorted output.
    """
    data = data or default_alignment_data()
    s = data.settings
    insts = [i for i in instruments if i.kind not in set(exclude_kinds)]
    order = {i.id: n for n, i in enumerate(insts)}
    infos, matrix = article_infos(insts, topics, crosswalk, titles)
    sims = cosine_matrix(matrix, matrix) if len(matrix) else np.zeros((0, 0))

    def sim(a: ArticleInfo, b: ArticleInfo) -> float | None:
        if a.row is None or b.row is None:
            return None
        return round(float(sims[a.row, b.row]), 3)

    by_topic: dict[str, dict[str, list[ArticleInfo]]] = {}
    for info in infos:
        for tid in info.topics:
            by_topic.setdefault(tid, {}).setdefault(info.instrument, []).append(info)

    best: dict[tuple, Alignment] = {}
    for tid in sorted(by_topic):
        groups = by_topic[tid]
        ids = sorted(groups, key=order.__getitem__)
        for x, ia in enumerate(ids):
            for ib in ids[x + 1 :]:
                if works.get(ia) == works.get(ib):
                    continue
                scored = []
                for a in groups[ia]:
                    for b in groups[ib]:
                        strength = min(a.topics[tid], b.topics[tid])
                        sc, roles, ref = _score(a, b, strength, sim(a, b), s)
                        if sc >= s.min_score:
                            scored.append((sc, a, b, roles, ref, strength))
                keep: set[int] = set()
                for side in (1, 2):  # each article keeps its best partners in the other instrument
                    per: dict[str, list[int]] = {}
                    for k, item in enumerate(scored):
                        per.setdefault(item[side].node.eid, []).append(k)
                    for ks in per.values():
                        ks.sort(key=lambda k: (-scored[k][0], scored[k][1].node.eid, scored[k][2].node.eid))
                        keep.update(ks[: s.per_article])
                for k in sorted(keep):
                    sc, a, b, roles, ref, strength = scored[k]
                    key = ((a.instrument, a.node.eid), (b.instrument, b.node.eid))
                    prev = best.get(key)
                    topics_ = tuple(sorted(set(prev.topics if prev else ()) | {tid}))
                    if prev is None or sc > prev.score:
                        best[key] = Alignment(
                            key[0],
                            key[1],
                            classify(sc, s, sim(a, b)) or "related",
                            sc,
                            topics_,
                            sim(a, b),
                            roles,
                            ref,
                            topic_strength=strength,
                        )
                    else:
                        best[key] = replace(prev, topics=topics_)
    computed = list(best.values())
    return merge_reviewed(computed, data, insts, infos, sim, s)


def _article_eid(inst: Instrument, path: str) -> tuple[str, str]:
    """(eid of the provision at ``path``, eid of its article); KeyError if there is none."""
    for n in inst.walk():
        if path_of(n) == path and n.kind not in ("chapter", "section", "title", "part", "subsection"):
            art = path.split("__")[0]
            for m in inst.walk():
                if path_of(m) == art:
                    return n.eid, m.eid
            return n.eid, n.eid
    raise KeyError(path)


def merge_reviewed(
    computed: list[Alignment],
    data: AlignmentData,
    instruments: list[Instrument],
    infos: list[ArticleInfo],
    sim,
    s: Settings,
) -> list[Alignment]:
    """The reviewed pairs replace the computed pair of the same two articles (keeping its evidence), or are
    added with evidence computed for them. A reviewed pair naming a provision that does not exist is an error."""
    by_id = {i.id: i for i in instruments}
    info_of = {(i.instrument, i.node.eid): i for i in infos}
    order = {i.id: n for n, i in enumerate(instruments)}
    index = {}
    for al in computed:
        index[(al.a, al.b)] = al
    out = dict(index)
    for rp in data.pairs:
        ends = []
        for inst_id, path in (rp.a, rp.b):
            inst = by_id.get(inst_id)
            if inst is None:
                raise CompareDataError(
                    data.path, f"pair {rp.a}–{rp.b}", f"unknown or excluded instrument {inst_id!r}"
                )
            try:
                ends.append((inst_id, *_article_eid(inst, path)))
            except KeyError:
                raise CompareDataError(
                    data.path, f"pair {rp.a}–{rp.b}", f"{inst_id} has no provision {path}"
                ) from None
        ends.sort(key=lambda e: order[e[0]])
        (ia, ea, aa), (ib, eb, ab) = ends
        art_key = ((ia, aa), (ib, ab))
        prev = out.pop(art_key, None)
        a_info, b_info = info_of.get((ia, aa)), info_of.get((ib, ab))
        if prev is None and a_info is not None and b_info is not None:
            shared = {t: min(a_info.topics[t], b_info.topics[t]) for t in a_info.topics if t in b_info.topics}
            strength = max(shared.values(), default=0.0)
            sc, roles, ref = _score(a_info, b_info, strength, sim(a_info, b_info), s)
            prev = Alignment(
                art_key[0],
                art_key[1],
                classify(sc, s, sim(a_info, b_info)) or "related",
                sc,
                tuple(sorted(shared)),
                sim(a_info, b_info),
                roles,
                ref,
                topic_strength=strength,
            )
        topics_ = tuple(dict.fromkeys((*rp.topics, *(prev.topics if prev else ()))))
        out[((ia, ea), (ib, eb))] = Alignment(
            (ia, ea),
            (ib, eb),
            rp.type or (prev.type if prev else "related"),
            prev.score if prev else 0.0,
            topics_,
            prev.similarity if prev else None,
            prev.roles if prev else (),
            prev.reference if prev else False,
            status=rp.status,
            note=rp.note,
            topic_strength=prev.topic_strength if prev else 0.0,
        )
    return sorted(
        out.values(), key=lambda al: (order.get(al.a[0], 99), al.a[1], order.get(al.b[0], 99), al.b[1])
    )
