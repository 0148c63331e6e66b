"""The explorer's public API: plain-Python answers over the built store, for the Streamlit app and notebooks.

>>> ex = Explorer()                                     # doctest: +SKIP
>>> [i["id"] for i in ex.instruments()][:2]             # doctest: +SKIP
['algorithm-recommendation-2021', 'csl-2016']
>>> ex.article("pipl-2021", "13")["label"]["en"]        # doctest: +SKIP
'Article 13'

Safety: a caller's values reach SPARQL only as pyoxigraph substitutions (RDF terms serialized and escaped by
pyoxigraph), never pasted into query text; IRIs are checked by ``pyoxigraph.NamedNode``. Free SPARQL from the
user runs in a separate process over the read-only store, with a row cap and a timeout after which the process
is killed. Nothing is cached here: the app keeps the answers it needs, per build.

Layers that other parts of regkg add to the graph (references, actors, duties, definitions, penalties, topics,
alignments, version correspondences) are queried by their ontology terms; while a layer is not in the build the
queries return nothing and :meth:`Explorer.layers` says so, so a page can say "not built yet".

Modules: ``terms`` (unit names, RDF terms to Python values), ``queries`` (the SPARQL templates), ``explorer``
(:class:`Explorer`, whose questions live in ``browse``, ``facts``, ``compare``, ``search``, ``network`` and
``export``), ``sparql`` (the free-SPARQL worker, saved queries), ``texts`` (text search and diff) and ``cite``
(BibTeX, CSL-JSON, LaTeX). Everything is importable from ``regkg.api`` itself.
"""

from __future__ import annotations

from ..errors import RegkgError
from ..rdf.vocab import RKG
from ..store import PREFIX_MAP, PREFIXES, default_build_dir, open_store
from .cite import bibtex_entry, csl_item, latex_table, tex_escape
from .explorer import Explorer
from .facts import glossary_terms, role_forms
from .queries import (
    LAYERS,
    Q_ALIGNMENT_LINKS,
    Q_ALIGNMENTS,
    Q_ANCESTORS,
    Q_BASED_ON,
    Q_CORRESPONDENCES,
    Q_CROSSWALK,
    Q_DEFINITIONS,
    Q_DUTIES,
    Q_EXPRESSIONS,
    Q_INSTRUMENT_RELATIONS,
    Q_INSTRUMENTS,
    Q_ISSUERS,
    Q_MENTIONS,
    Q_NET_CITES,
    Q_NET_ROLES,
    Q_NODE,
    Q_PENALTIES,
    Q_PREAMBLE,
    Q_PROVISION_INFO,
    Q_REF_RECORDS,
    Q_REF_RECORDS_TO,
    Q_REFS_IN,
    Q_REFS_OUT,
    Q_ROLES,
    Q_SUBTREE,
    Q_TERMS_USED,
    Q_TEXTS,
    Q_TOC,
    Q_TOPIC_NODES,
    Q_TOPICS,
    Q_TOPICS_OF,
    Q_UNIT,
    Q_UNIT_HEADINGS,
)
from .sparql import QueryResult, SavedQuery, SparqlWorker, queries_dir, saved_queries, serve_queries
from .terms import (
    KINDS,
    STRUCTURE,
    UNITS,
    ExplorerError,
    build_dir_from_env,
    iri_term,
    local_name,
    parse_unit,
    unit_of,
    unit_param,
)
from .texts import diff_texts, query_terms, search_texts

__all__ = [
    # the explorer
    "Explorer",
    "ExplorerError",
    "LAYERS",
    "KINDS",
    "STRUCTURE",
    "UNITS",
    "build_dir_from_env",
    "iri_term",
    "local_name",
    "parse_unit",
    "unit_of",
    "unit_param",
    # free SPARQL and the saved queries
    "PREFIXES",
    "QueryResult",
    "SavedQuery",
    "SparqlWorker",
    "queries_dir",
    "saved_queries",
    "serve_queries",
    # pure helpers
    "bibtex_entry",
    "csl_item",
    "diff_texts",
    "glossary_terms",
    "latex_table",
    "query_terms",
    "role_forms",
    "search_texts",
    "tex_escape",
    # the SPARQL templates
    "Q_ALIGNMENTS",
    "Q_ALIGNMENT_LINKS",
    "Q_ANCESTORS",
    "Q_BASED_ON",
    "Q_CORRESPONDENCES",
    "Q_CROSSWALK",
    "Q_DEFINITIONS",
    "Q_DUTIES",
    "Q_EXPRESSIONS",
    "Q_INSTRUMENTS",
    "Q_INSTRUMENT_RELATIONS",
    "Q_ISSUERS",
    "Q_MENTIONS",
    "Q_NET_CITES",
    "Q_NET_ROLES",
    "Q_NODE",
    "Q_PENALTIES",
    "Q_PREAMBLE",
    "Q_PROVISION_INFO",
    "Q_REFS_IN",
    "Q_REFS_OUT",
    "Q_REF_RECORDS",
    "Q_REF_RECORDS_TO",
    "Q_ROLES",
    "Q_SUBTREE",
    "Q_TERMS_USED",
    "Q_TEXTS",
    "Q_TOC",
    "Q_TOPICS",
    "Q_TOPICS_OF",
    "Q_TOPIC_NODES",
    "Q_UNIT",
    "Q_UNIT_HEADINGS",
    # from the rest of regkg, importable from here too
    "PREFIX_MAP",
    "RKG",
    "RegkgError",
    "default_build_dir",
    "open_store",
]
