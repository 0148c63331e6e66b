"""The extraction layers: duties, penalties, roles and their mentions, the actor crosswalk, defined terms."""

from __future__ import annotations

from .queries import Q_CROSSWALK, Q_DEFINITIONS, Q_DUTIES, Q_MENTIONS, Q_PENALTIES, Q_ROLES, Q_TERMS_USED
from .terms import _bilingual, _dedupe, _num_key, _role_id, iri_term, local_name, unit_of


class FactsMixin:
    """Duties, penalties, roles, mentions, the crosswalk and definitions."""

    # -- duties and penalties

    def _filtered(
        self, template: str, subject: str, *, within=None, role=None, instrument=None
    ) -> list[dict]:
        """Run a record query (duties, penalties) with its filters: the provisions under ``within`` as a VALUES
        block of IRIs from the store, the role and instrument as substitutions (so they are projected too)."""
        where, bind = [], {}
        if within:
            where.append(self._values("provision", self.subtree_iris(within)))
        if role:
            where.append(f"?{subject} dpv:hasResponsibleEntity ?role_f .")
            bind["role_f"] = iri_term(role)
        if instrument:
            where.append("?inst_i dcterms:identifier ?inst_f . ?provision rkg:inInstrument ?inst_i .")
            bind["inst_f"] = instrument
        q = template % "\n  ".join(where)
        q = q.replace(" WHERE {", "".join(f" ?{k}" for k in bind) + " WHERE {", 1)
        return self.rows(q, **bind)

    def duties(
        self,
        *,
        within: str | None = None,
        role: str | None = None,
        instrument: str | None = None,
        modality: str | None = None,
    ) -> list[dict]:
        """Duties, optionally only inside the unit ``within``, of ``role`` (IRI), in ``instrument``, of a modality.

        Each: modality, bearer (role IRI and labels), action, marker, conditions, exceptions, evidence text and
        offsets, language, review status, the provision and its unit (URL value).
        """
        keys = (
            "duty",
            "provision",
            "id",
            "modality",
            "role",
            "role_en",
            "role_zh",
            "action",
            "marker",
            "bearer_source",
            "review",
            "evidence",
            "start",
            "end",
            "lang",
            "label",
            "rule",
        )
        merged: dict[str, dict] = {}
        for r in self._filtered(Q_DUTIES, "duty", within=within, role=role, instrument=instrument):
            d = merged.get(r["duty"])
            if d is None:
                d = merged[r["duty"]] = _record(r, keys, ("conditions", "exceptions"))
            for key, col in (("conditions", "condition"), ("exceptions", "exception")):
                if r.get(col) and r[col] not in d[key]:
                    d[key].append(r[col])
        out = list(merged.values())
        if modality:
            out = [d for d in out if d["modality"] == modality]
        return sorted(
            out, key=lambda d: (d["id"], _num_key(d["unit"]), d["provision"], d.get("start") or 0, d["duty"])
        )

    def penalties(self, *, within: str | None = None, instrument: str | None = None) -> list[dict]:
        """Penalties: sanction types, amount range and currency, turnover share, who, which provisions they sanction."""
        keys = (
            "pen",
            "provision",
            "id",
            "min",
            "max",
            "currency",
            "percent",
            "basis",
            "role",
            "role_en",
            "evidence",
            "start",
            "end",
            "lang",
            "label",
        )
        merged: dict[str, dict] = {}
        for r in self._filtered(Q_PENALTIES, "pen", within=within, instrument=instrument):
            d = merged.get(r["pen"])
            if d is None:
                d = merged[r["pen"]] = _record(r, keys, ("sanctions", "penalises"))
            if r.get("sanction"):
                name = r.get("sanction_en") or local_name(r["sanction"])
                if name not in d["sanctions"]:
                    d["sanctions"].append(name)
            if r.get("penalises") and r["penalises"] not in d["penalises"]:
                d["penalises"].append(r["penalises"])
        return sorted(merged.values(), key=lambda d: (d["id"], d["provision"], d.get("start") or 0, d["pen"]))

    # -- roles

    def roles(self) -> list[dict]:
        """The role vocabulary (rkg:Role) and any other bearer of a duty: id, labels, kind, jurisdiction, counts.

        ``duties``: duties it bears; ``mentions``: provisions that name it; ``count``: times the texts name it.
        """
        merged: dict[str, dict] = {}
        for r in self.rows(Q_ROLES):
            d = merged.setdefault(
                r["role"], {"iri": r["role"], "duties": 0, "mentions": 0, "count": 0, "label": {}}
            )
            for k in ("duties", "mentions", "count"):
                d[k] = max(d[k], r.get(k) or 0)
            d["label"] |= _bilingual(r, "label")
            for k in ("notation", "kind", "place"):
                if r.get(k) and not d.get(k):
                    d[k] = r[k]
        out = list(merged.values())
        for d in out:
            d["id"] = d.get("notation") or _role_id(d["iri"])
            place = local_name(d.pop("place", None))
            d["jurisdiction"] = place or (d["id"].split(":", 1)[0].upper() if ":" in d["id"] else "")
            d.setdefault("kind", "role")
        return sorted(out, key=lambda d: (-d["duties"], d["id"]))

    def mentions(self, iri: str) -> list[dict]:
        """Roles mentioned in ``iri`` and its parts (rkg:mentions), with labels and the surface forms the
        instrument's texts use for them (from the role vocabulary), for highlighting."""
        node = self.node(iri)
        forms = role_forms(node["instrument"], self._jurisdiction(node["instrument"])) if node else {}
        merged: dict[tuple, dict] = {}
        for r in self._in(Q_MENTIONS, "p", self.subtree_iris(iri)):
            merged.setdefault(
                (r["p"], r["role"]),
                {
                    "provision": r["p"],
                    "role": r["role"],
                    "label": _bilingual(r, "label"),
                    "forms": forms.get(r["role"], {}),
                },
            )
        return list(merged.values())

    def _jurisdiction(self, instrument_id: str) -> str | None:
        rows = self.rows(
            "SELECT ?j ?id WHERE { ?i dcterms:identifier ?id ; eli:jurisdiction ?j }", id=instrument_id
        )
        return local_name(rows[0]["j"]) if rows else None

    def crosswalk(self, role: str | None = None) -> list[dict]:
        """The actor crosswalk of ``role``: its mappings (relation, target, note) to cross-jurisdiction roles and
        reused vocabularies, then (``via`` set) the other roles mapped to the same cross-jurisdiction role."""
        rows = self.rows(Q_CROSSWALK, role=iri_term(role)) if role else self.rows(Q_CROSSWALK)
        out = _dedupe(rows)
        return sorted(
            out,
            key=lambda r: (
                bool(r.get("via")),
                r.get("via") or "",
                r["relation"],
                r.get("other_notation") or r["other"],
            ),
        )

    # -- defined terms

    def definitions(self, instrument: str | None = None) -> list[dict]:
        """Defined terms: the term and definition per language ({lang: text}), the defining provision and unit."""
        out: dict[str, dict] = {}
        for r in self.rows(Q_DEFINITIONS):
            if instrument and r["id"] != instrument:
                continue
            d = out.get(r["concept"])
            if d is None:
                unit, _ = unit_of(r["defined_in"], r["eid"])
                d = out[r["concept"]] = {
                    "concept": r["concept"],
                    "term": {},
                    "definition": {},
                    "defined_in": r["defined_in"],
                    "id": r["id"],
                    "label": r.get("label"),
                    "unit": unit,
                }
            _add_term(d, r)
        return sorted(
            out.values(), key=lambda d: (d["id"], _num_key(d["unit"]), str(sorted(d["term"].items())))
        )

    def terms_in(self, iri: str) -> list[dict]:
        """Defined terms used or defined in ``iri`` and its parts (term and definition as {lang: text})."""
        out: dict[str, dict] = {}
        for r in self._in(Q_TERMS_USED, "p", self.subtree_iris(iri)):
            d = out.setdefault(
                r["concept"],
                {"concept": r["concept"], "term": {}, "definition": {}, "defined_in": r["defined_in"]},
            )
            _add_term(d, r)
        return sorted(out.values(), key=lambda d: d["concept"])


def _record(row: dict, keys: tuple[str, ...], lists: tuple[str, ...]) -> dict:
    """A duty or penalty from its first row: the ``keys`` columns, the unit that holds its provision, and an
    empty list for each of ``lists`` (filled from this row and the next ones)."""
    unit, unit_iri = unit_of(row["provision"], row["eid"])
    return {**{k: row.get(k) for k in keys}, "unit": unit, "unit_iri": unit_iri, **{k: [] for k in lists}}


def _add_term(d: dict, row: dict) -> None:
    """Add a row's term and definition to a defined term's ``term``/``definition`` ({lang: text})."""
    if row.get("term"):
        d["term"][row.get("term_lang") or ""] = row["term"]
    if row.get("definition"):
        d["definition"][row.get("def_lang") or ""] = row["definition"]


def role_forms(instrument: str, jurisdiction: str | None) -> dict[str, dict[str, list[str]]]:
    """{role IRI: {lang: [surface forms]}} that the role vocabulary matches in ``instrument`` (longest first)."""
    try:
        from ..extract.roles import load_roles, role_iri
    except ImportError:
        return {}
    out: dict[str, dict[str, list[str]]] = {}
    for f in load_roles().forms:
        if (f.scope and instrument not in f.scope) or (
            not f.scope and jurisdiction and f.jurisdiction != jurisdiction
        ):
            continue
        out.setdefault(role_iri(f.role), {}).setdefault(f.lang, []).append(f.text)
    for langs in out.values():
        for forms in langs.values():
            forms.sort(key=len, reverse=True)
    return out


def glossary_terms(categories: tuple[str, ...] = ("role", "authority")) -> list[dict]:
    """Terms of the project glossary (corpus/glossary.yaml) in the given categories: zh, en, category, note."""
    from ..glossary import default_glossary

    g = default_glossary()
    return [
        {"zh": t.zh, "en": t.en, "category": t.category, "instruments": list(t.instruments), "note": t.note}
        for c in categories
        for t in g.by_category(c)
    ]
