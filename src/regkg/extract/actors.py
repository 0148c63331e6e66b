"""Actor mentions: every mention of a role or authority in a provision, with its evidence.

The ``regkg_roles`` pipeline component finds them (surface forms of ``src/regkg/data/roles.yaml``, longest
match, scoped to the instrument); this module turns its spans into :class:`~regkg.extract.model.ActorMention`.
"""

from __future__ import annotations

from .model import ActorMention, Evidence
from .provisions import Unit


def unit_mentions(unit: Unit, instrument: str, lang: str) -> list[ActorMention]:
    """Every role mention in the provisions of one article (annex, item), in text order."""
    out = []
    for prov in unit.provisions:
        for span in prov.doc.spans["roles"]:
            ev = Evidence(
                instrument,
                prov.eid,
                lang,
                span.start_char,
                span.end_char,
                span.text,
                rule=f"role-form-{lang}",
            )
            out.append(ActorMention(span.label_, ev))
    return out
