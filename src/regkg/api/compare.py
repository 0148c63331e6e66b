"""The comparison layers: topics across instruments, CN↔EU alignments, versions and their diffs."""

from __future__ import annotations

from .queries import (
    Q_ALIGNMENT_LINKS,
    Q_ALIGNMENTS,
    Q_CORRESPONDENCES,
    Q_INSTRUMENT_RELATIONS,
    Q_SUBTREE,
    Q_TOPIC_NODES,
    Q_TOPICS,
    Q_TOPICS_OF,
)
from .terms import _bilingual, _dedupe, _unit_sort_key, local_name, unit_of
from .texts import diff_texts


class CompareMixin:
    """Topics, the topic matrix, alignments, version correspondences and diffs."""

    # -- topics

    def topics(self) -> list[dict]:
        """Topics that have assignments: iri, labels, scope note."""
        out: dict[str, dict] = {}
        for r in self.rows(Q_TOPICS):
            d = out.setdefault(
                r["topic"],
                {"iri": r["topic"], "label": {}, "note": r.get("note"), "notation": r.get("notation")},
            )
            d["label"] |= _bilingual(r, "label")
        return sorted(out.values(), key=lambda d: d["label"].get("en", d["iri"]).lower())

    def topic_matrix(self) -> list[dict]:
        """One row per (topic, instrument) with the units (article numbers ...) that have the topic."""
        labels = {t["iri"]: t["label"] for t in self.topics()}
        cells: dict[tuple, dict] = {}
        for r in self.rows(Q_TOPIC_NODES):
            unit, _ = unit_of(r["p"], r["eid"])
            if unit is None or unit == "preamble":
                continue
            label = labels.get(r["topic"], {})
            c = cells.setdefault(
                (r["topic"], r["id"]),
                {
                    "topic": r["topic"],
                    "topic_en": label.get("en", local_name(r["topic"])),
                    "topic_zh": label.get("zh", ""),
                    "instrument": r["id"],
                    "units": [],
                },
            )
            if unit not in c["units"]:
                c["units"].append(unit)
        for c in cells.values():
            c["units"].sort(key=_unit_sort_key)
            c["count"] = len(c["units"])
        return sorted(cells.values(), key=lambda c: (c["topic_en"].lower(), c["instrument"]))

    def topics_of(self, iri: str) -> list[dict]:
        """Topics of ``iri`` and its parts, with the best confidence of their assignments."""
        out: dict[str, dict] = {}
        for r in self._in(Q_TOPICS_OF, "p", self.subtree_iris(iri)):
            d = out.setdefault(
                r["topic"], {"iri": r["topic"], "label": _bilingual(r, "label"), "confidence": None}
            )
            if r.get("confidence") is not None:
                d["confidence"] = max(d["confidence"] or 0, r["confidence"])
        return sorted(out.values(), key=lambda d: (-(d["confidence"] or 0), d["label"].get("en", d["iri"])))

    # -- alignments

    def alignments(self, topic: str | None = None, instrument: str | None = None) -> list[dict]:
        """Provision alignments across instruments: type, score, text similarity, review status, the topics and
        cross-jurisdiction roles the two provisions share; optionally only those sharing ``topic`` (IRI)."""
        links: dict[str, dict[str, list]] = {}
        for r in self.rows(Q_ALIGNMENT_LINKS):
            d = links.setdefault(r["al"], {"topic": [], "role": []})
            d[r["what"]].append({"iri": r["x"], "label": r.get("x_en") or local_name(r["x"])})
        out = []
        for r in _dedupe(self.rows(Q_ALIGNMENTS)):
            extra = links.get(r["al"], {"topic": [], "role": []})
            r["topics"], r["roles"] = extra["topic"], extra["role"]
            if topic and topic not in {t["iri"] for t in r["topics"]}:
                continue
            if instrument and instrument not in (r["a_id"], r["b_id"]):
                continue
            for side in ("a", "b"):
                r[f"{side}_unit"], r[f"{side}_unit_iri"] = unit_of(r[side], r[f"{side}_eid"])
            out.append(r)
        review_rank = {"confirmed": 0, "computed": 1, "rejected": 2}
        return sorted(
            out,
            key=lambda r: (
                review_rank.get(r.get("review"), 1),
                -(r.get("score") or 0),
                r["a_id"],
                r["b_id"],
                r["al"],
            ),
        )

    # -- versions

    def version_pairs(self) -> list[tuple[str, str]]:
        """(older, newer) instrument ids linked by rkg:previousVersion."""
        rows = self.rows(Q_INSTRUMENT_RELATIONS)
        return sorted(
            {(r["to"], r["from"]) for r in rows if r["relation"] == "previous version" and r.get("to")}
        )

    def correspondences(self, older: str, newer: str) -> list[dict]:
        """Article correspondences from ``older`` to ``newer``: status (unchanged, moved, amended, merged, split,
        new, deleted), similarity, renumbered, how it was found; ``from_unit``/``to_unit`` None when new/deleted."""
        out = []
        for r in _dedupe(self.rows(Q_CORRESPONDENCES)):
            if r.get("from_id") != older or r.get("to_id") != newer:
                continue
            for side in ("from", "to"):
                r[f"{side}_unit"] = unit_of(r[side], r[f"{side}_eid"])[0] if r.get(side) else None
            out.append(r)
        return sorted(
            out,
            key=lambda r: (
                _unit_sort_key(r.get("from_unit") or r.get("to_unit") or ""),
                r.get("to_unit") or "",
            ),
        )

    def other_versions(self, iri: str) -> list[dict]:
        """The same unit in the instrument's other versions, from the version correspondences."""
        out = []
        for r in _dedupe(self.rows(Q_CORRESPONDENCES)):
            for this, other in (("from", "to"), ("to", "from")):
                if r.get(this) == iri and r.get(other):
                    out.append(
                        {
                            "instrument": r[f"{other}_id"],
                            "unit": unit_of(r[other], r[f"{other}_eid"])[0],
                            "iri": r[other],
                            "status": r.get("status"),
                            "similarity": r.get("similarity"),
                            "direction": "newer" if this == "from" else "older",
                        }
                    )
        return out

    def unit_text(self, iri: str, lang: str) -> str:
        """The whole text of a unit in one language (headings, paragraphs, points), one part per line."""
        lines = []
        for r in self._in(Q_SUBTREE, "iri", self.subtree_iris(iri)):
            for col in ("heading", "text", "wrap"):
                if r.get(f"{col}_{lang}"):
                    lines.append(r[f"{col}_{lang}"])
        return "\n".join(lines)

    def diff(self, old_iri: str, new_iri: str, lang: str) -> list[tuple[str, str]]:
        """A diff of two units' texts: (op, text) with op "equal", "delete" or "insert".

        Chinese is compared character by character, English word by word (difflib).
        """
        a, b = self.unit_text(old_iri, lang), self.unit_text(new_iri, lang)
        return diff_texts(a, b, lang)
