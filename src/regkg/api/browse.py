"""The instruments and their text: metadata, table of contents, an article with its parts, references."""

from __future__ import annotations

import pyoxigraph as ox

from ..rdf.vocab import RKG
from .queries import (
    Q_ANCESTORS,
    Q_BASED_ON,
    Q_EXPRESSIONS,
    Q_INSTRUMENT_RELATIONS,
    Q_INSTRUMENTS,
    Q_ISSUERS,
    Q_NODE,
    Q_PREAMBLE,
    Q_REF_RECORDS,
    Q_REF_RECORDS_TO,
    Q_REFS_IN,
    Q_REFS_OUT,
    Q_SUBTREE,
    Q_TOC,
    Q_UNIT,
)
from .terms import (
    KINDS,
    UNITS,
    ExplorerError,
    _bilingual,
    _dedupe,
    iri_term,
    local_name,
    parse_unit,
    unit_of,
    unit_param,
)


class BrowseMixin:
    """Instruments, their tables of contents, articles and the references between provisions."""

    # -- instruments

    def instruments(self) -> list[dict]:
        """Every instrument with its metadata, expressions, issuers and counts, ordered by date."""
        by_id: dict[str, dict] = {}
        for r in self.rows(Q_INSTRUMENTS):
            d = by_id.setdefault(r["id"], {**r, "title": {}, "short": {}, "issuers": [], "expressions": []})
            d["title"] |= _bilingual(r, "title")
            d["short"] |= _bilingual(r, "short")
        for r in self.rows(Q_ISSUERS):
            if r["id"] in by_id:
                issuer = {k: r[f"issuer_{k}"] for k in ("en", "zh") if r.get(f"issuer_{k}")}
                if issuer and issuer not in by_id[r["id"]]["issuers"]:
                    by_id[r["id"]]["issuers"].append(issuer)
        for r in self.rows(Q_EXPRESSIONS):
            if r["id"] in by_id:
                by_id[r["id"]]["expressions"].append(_expression(r))
        counts = self.stats().get("instruments", {})
        for iid, d in by_id.items():
            d["expressions"].sort(key=_expression_order)
            d["counts"] = counts.get(iid, {})
            d["languages"] = [e["lang"] for e in d["expressions"]]
            for key in ("cls", "title_en", "title_zh", "short_en", "short_zh"):
                d.pop(key, None)
        return sorted(by_id.values(), key=lambda d: (d.get("date") or "", d["id"]))

    def instrument(self, instrument_id: str) -> dict:
        for d in self.instruments():
            if d["id"] == instrument_id:
                return d
        raise ExplorerError(f"no instrument {instrument_id!r} in the build {self.build_dir}")

    def expressions(self, instrument_id: str) -> list[dict]:
        """The language versions of an instrument, authoritative first: lang, status, translator, title."""
        rows = [r for r in self.rows(Q_EXPRESSIONS) if r["id"] == instrument_id]
        return sorted((_expression(r) for r in rows), key=_expression_order)

    def instrument_relations(self) -> list[dict]:
        """previous version / amends / consolidates / based on, between instruments (and cited stubs)."""
        rel = _dedupe([r for r in self.rows(Q_INSTRUMENT_RELATIONS) if r.get("to") or r.get("to_title")])
        for r in self.rows(Q_BASED_ON):
            row = {
                "from": r["id"],
                "relation": "based on",
                "to": r.get("target_id"),
                "to_title": r.get("target_title"),
            }
            if row not in rel:
                rel.append(row)
        return rel

    def timeline(self) -> list[dict]:
        """Dated events (adopted/promulgated, in force) of every instrument, for a timeline chart."""
        out = []
        for d in self.instruments():
            short = d["short"].get("en", d["id"])
            for key, event in (("date", "issued"), ("effective", "in force")):
                if d.get(key):
                    out.append(
                        {
                            "id": d["id"],
                            "short": short,
                            "event": event,
                            "date": d[key],
                            "jurisdiction": d["jurisdiction"],
                        }
                    )
        return sorted(out, key=lambda e: e["date"])

    # -- browse

    def toc(self, instrument_id: str) -> list[dict]:
        """The instrument's tree down to articles, in document order: structural divisions and units.

        Each entry: iri, kind, num, depth (0 for top-level), label/heading ({lang: text}), unit (the URL value
        of an article/annex/recital/item, None for chapters), chapter (eId of the enclosing structure).
        """
        out = []
        for r in self.rows(Q_TOC, id=instrument_id):
            kind = KINDS[local_name(r["cls"])]
            parts = r["eid"].split("__")
            structural = [p for p in parts if p.split("_", 1)[0] in ("part", "title", "chp", "sec", "subsec")]
            out.append(
                {
                    "iri": r["iri"],
                    "eid": r["eid"],
                    "kind": kind,
                    "num": r["num"],
                    "order": r["order"],
                    "depth": len(parts) - 1,
                    "label": _bilingual(r, "label"),
                    "heading": _bilingual(r, "heading"),
                    "unit": unit_param(kind, r["num"]) if kind in UNITS else None,
                    "container": "__".join(structural[: len(parts) - 1])
                    if kind in UNITS
                    else "__".join(structural[:-1]),
                }
            )
        return out

    def unit_iri(self, instrument_id: str, unit: str) -> str | None:
        """IRI of an article ("13"), annex ("annex_III"), recital ("rec_12"), item ("item_3") or the preamble."""
        kind, num = parse_unit(unit)
        if kind == "preamble":
            rows = self.rows(Q_PREAMBLE, id=instrument_id)
            return rows[0]["iri"] if rows else None
        cls = ox.NamedNode(str(getattr(RKG, {v: k for k, v in KINDS.items()}[kind])))
        rows = self.rows(Q_UNIT, id=instrument_id, cls=cls, num=num)
        return rows[0]["iri"] if rows else None

    def node(self, iri: str) -> dict | None:
        """Where a node sits: instrument id, kind, labels and the unit (article ...) that contains it."""
        rows = self.rows(Q_NODE, node=iri_term(iri))
        if not rows:
            return None
        r = rows[0]
        unit, unit_iri = unit_of(iri, r["eid"])
        return {
            "iri": iri,
            "instrument": r["id"],
            "kind": KINDS[local_name(r["cls"])],
            "eid": r["eid"],
            "label": _bilingual(r, "label"),
            "unit": unit,
            "unit_iri": unit_iri,
        }

    def article(self, instrument_id: str, unit: str) -> dict | None:
        """An article (or annex, recital, item) with every part in zh and en, its place and its expressions.

        ``nodes`` lists the unit and its descendants in document order, each with ``depth`` (0 for the unit),
        ``text``/``heading``/``wrap``/``label`` as {lang: str}. ``expressions`` says which language is
        authoritative and who made each translation. None when the instrument has no such unit.
        """
        top = self.unit_iri(instrument_id, unit)
        if top is None:
            return None
        rows = self._in(Q_SUBTREE, "iri", self.subtree_iris(top))
        if not rows:
            return None
        if local_name(rows[0]["cls"]) == "Preamble":  # the recitals are units of their own
            rows = [r for r in rows if "__rec_" not in r["eid"]]
        base_depth = len(rows[0]["eid"].split("__"))
        nodes = [
            {
                "iri": r["iri"],
                "eid": r["eid"],
                "kind": KINDS.get(local_name(r["cls"]), local_name(r["cls"]).lower()),
                "num": r["num"],
                "depth": len(r["eid"].split("__")) - base_depth,
                "label": _bilingual(r, "label"),
                "heading": _bilingual(r, "heading"),
                "text": _bilingual(r, "text"),
                "wrap": _bilingual(r, "wrap"),
                "inferred": bool(r.get("inferred")),
            }
            for r in rows
        ]
        ancestors = [
            {
                "iri": r["anc"],
                "eid": r["eid"],
                "kind": KINDS[local_name(r["cls"])],
                "num": r["num"],
                "label": _bilingual(r, "label"),
                "heading": _bilingual(r, "heading"),
            }
            for r in self._in(Q_ANCESTORS, "anc", self._ancestor_iris(top))
        ]
        expressions = self.expressions(instrument_id)
        head = nodes[0]
        return {
            "iri": top,
            "instrument": instrument_id,
            "unit": unit_param(head["kind"], head["num"]),
            "kind": head["kind"],
            "num": head["num"],
            "eid": head["eid"],
            "label": head["label"],
            "heading": head["heading"],
            "ancestors": ancestors,
            "nodes": nodes,
            "expressions": expressions,
            "instrument_languages": [e["lang"] for e in expressions],
            "languages": [
                lang for lang in ("zh", "en") if any(lang in n["text"] or lang in n["heading"] for n in nodes)
            ],
        }

    # -- references

    def references(self, iri: str) -> dict[str, list[dict]]:
        """Outgoing (from ``iri`` and its parts) and incoming (to it and its parts) eli:cites edges.

        Each side names the other end's instrument and unit (URL value) so the app can link to it; a cited
        instrument outside the corpus (a stub) has ``target_instrument`` None and its ``target_title``.
        """
        nodes = self.subtree_iris(iri)
        records: dict[tuple, list[dict]] = {}
        for rec in self._in(Q_REF_RECORDS, "src", nodes) + self._in(Q_REF_RECORDS_TO, "target", nodes):
            records.setdefault((rec["src"], rec.get("target")), []).append(rec)
        outgoing = []
        for r in self._in(Q_REFS_OUT, "src", nodes):
            base = {
                "source": r["src"],
                "source_label": r.get("src_label") or r.get("src_label_zh"),
                "target": r["target"],
                "target_label": r.get("target_label") or r.get("target_label_zh"),
                "target_instrument": r.get("target_instrument") or r.get("target_instrument_self"),
                "target_title": r.get("target_title"),
                "target_unit": unit_of(r["target"], r["target_eid"])[0] if r.get("target_eid") else None,
            }
            for rec in records.get((r["src"], r["target"]), [{}]):
                outgoing.append(
                    {
                        **base,
                        "anchor": rec.get("anchor"),
                        "kind": rec.get("ref_kind"),
                        "resolved": rec.get("resolved"),
                    }
                )
        incoming = []
        for r in self._in(Q_REFS_IN, "target", nodes):
            base = {
                "source": r["src"],
                "source_label": r.get("src_label") or r.get("src_label_zh"),
                "source_instrument": r.get("src_instrument") or r.get("src_instrument_self"),
                "source_unit": unit_of(r["src"], r["src_eid"])[0] if r.get("src_eid") else None,
                "target": r["target"],
                "target_label": r.get("target_label"),
            }
            for rec in records.get((r["src"], r["target"]), [{}]):
                incoming.append({**base, "anchor": rec.get("anchor")})
        key = lambda d: (d.get("source_label") or "", d.get("target") or "")  # noqa: E731
        return {
            "outgoing": sorted(_merge_anchors(outgoing), key=key),
            "incoming": sorted(_merge_anchors(incoming), key=key),
        }

    def reference_spans(self, iri: str) -> list[dict]:
        """Reference records inside ``iri`` with their offsets (for highlighting the anchor text)."""
        return self._in(Q_REF_RECORDS, "src", self.subtree_iris(iri))


def _expression(row: dict) -> dict:
    """A language version of an instrument from a ``Q_EXPRESSIONS`` row."""
    return {k: row[k] for k in ("lang", "authoritative", "status", "translator", "title")}


def _expression_order(e: dict) -> tuple:
    """Authoritative versions first, then by language."""
    return (not e["authoritative"], e["lang"])


def _merge_anchors(refs: list[dict]) -> list[dict]:
    """One entry per (source, target); the anchors as written in each language go into ``anchors``."""
    merged: dict[tuple, dict] = {}
    for r in refs:
        d = merged.setdefault((r["source"], r["target"]), {**r, "anchors": []})
        if r.get("anchor") and r["anchor"] not in d["anchors"]:
            d["anchors"].append(r["anchor"])
    for d in merged.values():
        d["anchor"] = d["anchors"][0] if d["anchors"] else None
    return list(merged.values())
