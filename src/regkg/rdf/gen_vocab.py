"""Generate :mod:`regkg.rdf.vocab` from ``ontology/regkg.ttl``: ``python -m regkg.rdf.gen_vocab``."""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Graph
from rdflib.namespace import OWL, RDF

from ..sources import project_root

NS = "https://w3id.org/regkg/ontology#"
TARGET = Path(__file__).with_name("vocab.py")


def render(ontology: Path) -> str:
    g = Graph().parse(ontology, format="turtle")
    terms = set()
    for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty):
        for s in g.subjects(RDF.type, kind):
            if str(s).startswith(NS):
                terms.add(str(s)[len(NS) :])
    lines = [
        '"""regkg\'s own vocabulary. Generated from ontology/regkg.ttl by ``python -m regkg.rdf.gen_vocab``;',
        'do not edit by hand (a test checks that it matches the ontology)."""',
        "",
        "from rdflib import Namespace, URIRef",
        "from rdflib.namespace import DefinedNamespace",
        "",
        "",
        "class RKG(DefinedNamespace):",
        f'    _NS = Namespace("{NS}")',
        "    _fail = True",
        *[f"    {t}: URIRef" for t in sorted(terms)],
        "",
    ]
    return "\n".join(lines)


def main() -> int:
    TARGET.write_text(render(project_root() / "ontology" / "regkg.ttl"), encoding="utf-8")
    print(f"wrote {TARGET}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
