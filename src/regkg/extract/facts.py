"""``extract_facts``: actors, duties, definitions and penalties of every instrument, and their graph layer.

Extraction runs on the authoritative text and on the English translation where there is one; each fact's
evidence says which language it was read from. References stay empty here (``regkg.extract.references`` fills
them). Every fact's evidence has a review status: ``"extracted"``, or ``"reviewed"`` for the facts a person
confirmed in ``src/regkg/data/reviews.yaml``.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from .. import eid as eids
from ..errors import RegkgError
from ..parse import ParseResult
from ..sources import Manifest
from .actors import unit_mentions
from .definitions import unit_definitions, with_usage
from .duties import unit_duties
from .model import Extraction
from .penalties import article_penalties
from .pipeline import DATA, load_yaml
from .provisions import path_index, units
from .roles import load_roles

REVIEWS_FILE = "reviews.yaml"


def instrument_facts(result: ParseResult) -> Extraction:
    """The facts of one parsed instrument, in every language it has."""
    inst = result.instrument
    jurisdiction = inst.jurisdiction
    ex = Extraction(inst.id)
    known = path_index(inst)
    kinds = {r.id: r.kind for r in load_roles().roles}
    for lang in inst.languages:
        if lang not in ("zh", "en"):
            continue
        lang_units = units(inst, lang, jurisdiction)
        definitions = []
        for unit in lang_units:
            ex.actors.extend(unit_mentions(unit, inst.id, lang))
            ex.duties.extend(unit_duties(unit, inst.id, jurisdiction, lang))
            definitions.extend(unit_definitions(unit, inst.id, lang))
            if unit.node.kind == "article":
                ex.penalties.extend(
                    article_penalties(unit.provisions, inst.id, lang, known, kinds, jurisdiction)
                )
        ex.definitions.extend(with_usage(definitions, lang_units, lang))
    return ex


def extract_facts(results: dict[str, ParseResult]) -> dict[str, Extraction]:
    """``{instrument id: Extraction}`` for every parsed instrument (``regkg.parse.parse_all`` output), with the
    facts confirmed in ``src/regkg/data/reviews.yaml`` marked "reviewed"."""
    facts = {iid: instrument_facts(r) for iid, r in results.items()}
    apply_reviews(facts, load_reviews())
    return facts


REVIEW_KINDS = {"duty": "duties", "definition": "definitions", "penalty": "penalties"}


def load_reviews() -> list[dict]:
    """The reviewed facts of ``src/regkg/data/reviews.yaml`` (checked: every entry names its fact)."""
    data = load_yaml(REVIEWS_FILE)
    out = []
    for i, r in enumerate(data.get("reviews") or (), 1):
        where = f"{DATA / REVIEWS_FILE}: reviews entry #{i}"
        if not isinstance(r, dict) or not {"instrument", "eid", "lang", "fact", "cue"} <= set(r):
            raise RegkgError(f"{where}: needs instrument, eid, lang, fact and cue")
        if r["fact"] not in REVIEW_KINDS:
            raise RegkgError(f"{where}: fact must be one of {', '.join(REVIEW_KINDS)}")
        out.append({**r, "where": where})
    return out


def apply_reviews(facts: dict[str, Extraction], reviews: list[dict]) -> None:
    """Mark the reviewed facts; a review that matches no fact, or whose expectations fail, is an error."""
    for r in reviews:
        ex = facts.get(r["instrument"])
        if ex is None:
            continue  # an instrument not extracted in this run
        items = getattr(ex, REVIEW_KINDS[r["fact"]])
        hits = [
            k
            for k, f in enumerate(items)
            if f.evidence.lang == r["lang"]
            and eids.provision_path(f.evidence.eid) == r["eid"]
            and (r["cue"] == getattr(f, "term", None) or f.evidence.text.startswith(r["cue"]))
        ]
        if len(hits) != 1:
            raise RegkgError(f"{r['where']}: the cue {r['cue']!r} picks {len(hits)} facts, expected one")
        fact = items[hits[0]]
        for key, value in (r.get("expect") or {}).items():
            if getattr(fact, key) != value:
                raise RegkgError(
                    f"{r['where']}: {key} is {getattr(fact, key)!r} now, the review confirmed {value!r}"
                )
        items[hits[0]] = replace(fact, evidence=replace(fact.evidence, status="reviewed"))


def facts_layer(results: dict[str, ParseResult], manifest: Manifest) -> Iterator[tuple]:
    """The graph layer: roles, sanctions, duties, mentions, definitions and penalties as quads."""
    from .facts_rdf import facts_quads

    yield from facts_quads(extract_facts(results), results, manifest)
