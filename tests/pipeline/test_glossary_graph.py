"""The glossary feeds the graph: every term is a SKOS concept with its Chinese and English labels."""

import pytest

from regkg.glossary import default_glossary
from regkg.rdf.glossary_layer import term_iris
from regkg.store import select


def test_term_iris_are_unique_and_stable():
    terms = default_glossary().terms
    iris = term_iris(terms)
    assert len(set(iris.values())) == len(terms)
    assert term_iris(terms) == iris


@pytest.mark.corpus
def test_glossary_terms_in_the_graph(store):
    n = select(store, "SELECT (COUNT(?t) AS ?n) WHERE { ?t a rkg:GlossaryTerm }").rows[0][0]
    assert int(n) == len(default_glossary().terms)
    rows = select(
        store,
        """SELECT ?en ?cat WHERE { ?t a rkg:GlossaryTerm ; skos:prefLabel ?zh , ?en ;
        rkg:termCategory ?cat . FILTER(LANG(?en) = "en") }""",
        bindings={"zh": _zh("个人信息处理者")},
    ).rows
    assert rows == [["personal information processor", "role"]]


def _zh(text):
    import pyoxigraph as ox

    return ox.Literal(text, language="zh")
