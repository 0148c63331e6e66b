"""Search: the provision texts, full-text search with layer filters, citations resolved to nodes."""

from __future__ import annotations

from ..errors import RegkgError
from .queries import Q_TEXTS, Q_UNIT_HEADINGS
from .terms import _bilingual, iri_term, unit_of
from .texts import search_texts


class SearchMixin:
    """Full-text search over the provision texts and citation lookup."""

    def texts(self) -> list[dict]:
        """Every text and heading of every provision, one row per language, with the unit it belongs to.

        The corpus is small (a few thousand rows), so search runs over this list in Python: the app caches it.
        """
        headings = {r["unit"]: r["heading"] for r in self.rows(Q_UNIT_HEADINGS)}
        out = []
        for r in self.rows(Q_TEXTS):
            unit, unit_iri = unit_of(r["s"], r["eid"])
            out.append(
                {
                    "iri": r["s"],
                    "instrument": r["id"],
                    "order": r["order"],
                    "unit": unit,
                    "unit_iri": unit_iri,
                    "unit_heading": headings.get(unit_iri),
                    "label": _bilingual(r, "label"),
                    "lang": r["lang"],
                    "field": r["field"],
                    "text": r["text"],
                }
            )
        return sorted(out, key=lambda r: (r["instrument"], r["order"], r["lang"], r["field"]))

    def search(
        self,
        text: str,
        *,
        lang: str | None = None,
        instruments: list[str] | None = None,
        topic: str | None = None,
        role: str | None = None,
        modality: str | None = None,
        limit: int = 200,
    ) -> list[dict]:
        """Provisions whose text or heading contains ``text`` (case-insensitive), with filters.

        ``topic``/``role``/``modality`` keep provisions whose unit has that topic, mentions that role (IRI) or
        holds a duty of that modality; they need the comparison/extraction layers.
        """
        units = (
            self.filter_units(topic=topic, role=role, modality=modality)
            if (topic or role or modality)
            else None
        )
        return search_texts(self.texts(), text, lang=lang, instruments=instruments, units=units, limit=limit)

    def filter_units(
        self, *, topic: str | None = None, role: str | None = None, modality: str | None = None
    ) -> set[str]:
        """IRIs of the units (articles ...) that pass all the given layer filters (for :func:`search_texts`):
        a part has the topic; a part mentions the role or a duty of the role is in it; it holds a duty of the
        modality."""
        sets = []
        if topic:
            rows = self.rows(
                "SELECT ?p ?eid ?topic WHERE { ?p rkg:hasTopic ?topic ; rkg:eId ?eid }", topic=iri_term(topic)
            )
            sets.append(_unit_iris(rows))
        if role:
            rows = self.rows(
                "SELECT ?p ?eid ?role WHERE { ?p rkg:mentions ?role ; rkg:eId ?eid }", role=iri_term(role)
            )
            rows += self.rows(
                "SELECT ?p ?eid ?role WHERE { ?d dpv:hasResponsibleEntity ?role ; rkg:inProvision ?p . ?p rkg:eId ?eid }",
                role=iri_term(role),
            )
            sets.append(_unit_iris(rows))
        if modality:
            rows = self.rows(
                "SELECT ?p ?eid ?m WHERE { ?d rkg:modality ?m ; rkg:inProvision ?p . ?p rkg:eId ?eid }",
                m=modality,
            )
            sets.append(_unit_iris(rows))
        if not sets:
            return set()
        return set.intersection(*sets) - {None}

    def resolve(self, citation: str, default_instrument: str | None = None) -> dict:
        """A citation as researchers write it ("PIPL 13", "第十七条") -> the node, by :mod:`regkg.resolver`.

        Returns ``{"ok": True, ...the resolver's fields, "unit": URL value, "node": ...}`` or ``{"ok": False,
        "error": why}``; ``"missing": True`` when the package has no resolver.
        """
        try:
            from ..resolver import resolve_store
        except ImportError:
            return {
                "ok": False,
                "missing": True,
                "error": "the citation resolver (regkg.resolver) is not built yet",
            }
        try:
            res = resolve_store(self.store, citation, default_instrument=default_instrument)
        except RegkgError as exc:
            return {"ok": False, "error": str(exc)}
        node = self.node(res["iri"]) if res.get("iri") else None
        return {"ok": True, **res, "unit": node["unit"] if node else None, "node": node}


def _unit_iris(rows: list[dict]) -> set[str | None]:
    """IRIs of the units holding the provisions ``p`` (with eId ``eid``) of ``rows``; None for a non-unit."""
    return {unit_of(r["p"], r["eid"])[1] for r in rows}
