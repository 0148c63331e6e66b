"""The explorer on the real corpus build: every page renders, and what it shows agrees with the API."""

from __future__ import annotations

import html
import re

import pytest
from app_helpers import PAGES, open_page

from regkg.api import Explorer, saved_queries

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def explorer(built):
    ex = Explorer(built.out)
    yield ex
    ex.close()


@pytest.mark.parametrize("page", [None, *PAGES])
def test_every_page_renders_and_notes_match_the_layers(monkeypatch, built, explorer, page):
    at = open_page(monkeypatch, built.out, page)
    notes = "\n".join(i.value for i in at.info)
    missing = [k for k, v in explorer.layers().items() if not v["built"]]
    if "not built yet" in notes:
        assert missing, "a page says a layer is missing, but every layer is built"


def test_browse_pipl_article_13_in_both_languages(monkeypatch, built, explorer):
    at = open_page(monkeypatch, built.out, "pages/2_Browse.py", instrument="pipl-2021", article="13")
    art = explorer.article("pipl-2021", "13")
    body = "\n".join(e.proto.body for e in at.get("html"))
    shown = html.unescape(re.sub(r"<[^>]+>", "", body))  # the text without the highlighting spans
    point = art["nodes"][2]
    assert point["kind"] == "point"
    for lang in ("zh", "en"):
        assert point["text"][lang] in shown
    text = "\n".join(m.value for m in at.markdown)
    assert "**中文: authoritative**" in text and "official reference translation" in text
    assert at.header[0].value == "Article 13 · 第十三条"
    assert at.query_params["part"] in ("chp_2", ["chp_2"])


def test_browse_ai_act_annex_and_recital(monkeypatch, built):
    at = open_page(
        monkeypatch, built.out, "pages/2_Browse.py", instrument="eu-ai-act-2024", article="annex_III"
    )
    assert at.header[0].value.startswith("Annex III")
    body = "\n".join(e.proto.body for e in at.get("html"))
    assert "<th>English</th>" in body and "<th>中文</th>" not in body
    at = open_page(monkeypatch, built.out, "pages/2_Browse.py", instrument="eu-ai-act-2024", article="rec_12")
    assert at.header[0].value.startswith("Recital 12") and at.query_params["part"] in (
        "recitals",
        ["recitals"],
    )


def test_search_agrees_with_the_api(monkeypatch, built, explorer):
    at = open_page(monkeypatch, built.out, "pages/3_Search.py", q="个人信息", **{"in": "pipl-2021"})
    n = len(explorer.search("个人信息", instruments=["pipl-2021"], limit=500))
    assert n > 50
    assert any(m.value.startswith(f"**{n} passage") for m in at.markdown)


# Saved queries too slow for the explorer's 30 s budget (none today; a query listed here is an xfail with its reason).
KNOWN_SLOW: dict[str, str] = {}


@pytest.mark.parametrize(
    "query",
    [
        pytest.param(
            q,
            id=q.name,
            marks=[pytest.mark.xfail(reason=KNOWN_SLOW[q.name], strict=False)]
            if q.name in KNOWN_SLOW
            else [],
        )
        for q in saved_queries()
    ],
)
def test_every_saved_query_runs(explorer, query):
    res = explorer.sparql(query.sparql, row_cap=5000, timeout=30)
    assert res.ok, (query.name, res.error)
    assert res.kind == "select" and res.columns, query.name


def test_compare_versions_diff_csl(monkeypatch, built):
    at = open_page(monkeypatch, built.out, "pages/5_Compare.py", view="versions", pair="csl-2016..csl-2025")
    body = "\n".join(e.proto.body for e in at.get("html"))
    assert 'class="rk-text"' in body
    assert at.query_params["old"] and at.query_params["new"]


def test_export_bibtex_for_pipl_13(monkeypatch, built, explorer):
    at = open_page(monkeypatch, built.out, "pages/8_Export.py", instrument="pipl-2021", article="13")
    bib = next(c.value for c in at.code if c.value.startswith("@misc"))
    info = explorer.instrument("pipl-2021")
    assert "regkg:pipl-2021:art-13" in bib and info["url"] in bib and "Article 13" in bib


@pytest.mark.parametrize(
    ("params", "instrument", "unit"),
    [
        ({"q": "PIPL 13"}, "pipl-2021", "13"),
        ({"q": "第十七条", "in": "deep-synthesis-2022"}, "deep-synthesis-2022", "17"),
        ({"q": "Article 50 AI Act"}, "eu-ai-act-2024", "50"),
    ],
)
def test_search_resolves_citations(monkeypatch, built, params, instrument, unit):
    at = open_page(monkeypatch, built.out, "pages/3_Search.py", **params)
    assert at.success, "the citation was not resolved"
    first = at.get("page_link")[0].proto
    assert f"instrument={instrument}" in first.query_string and f"article={unit}" in first.query_string


def test_browse_shows_glossary_renderings_as_tooltips(monkeypatch, built):
    """regkg's glossary feeds the explorer: a glossary term in the Chinese text carries its English rendering."""
    at = open_page(monkeypatch, built.out, "pages/2_Browse.py", instrument="pipl-2021", article="13")
    body = "\n".join(e.proto.body for e in at.get("html"))
    assert 'class="rk-gloss"' in body
    assert 'title="glossary: personal information processor' in body
