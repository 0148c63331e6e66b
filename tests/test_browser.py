"""The explorer in a real browser: Debian chromium driven by Playwright against `streamlit run` on the corpus build.

Loads every page, follows article → reference → target (or article → chapter → article while the references
layer is not built), runs a saved SPARQL query, downloads its CSV and checks the file. A screenshot of every page
is written to $REGKG_SCREENSHOTS (docs/screenshots to refresh the README's pictures; a temporary folder otherwise).
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import pytest

from regkg.appserver import CHROMIUM, SETTLED_JS, launch_chromium, running_app

pytestmark = [pytest.mark.browser, pytest.mark.corpus]

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "home": "",
    "overview": "Overview",
    "browse": "Browse?instrument=deep-synthesis-2022&article=17",
    "search": "Search?q=%E6%A0%87%E8%AF%86",
    "actors": "Actors?role=https%3A%2F%2Fw3id.org%2Fregkg%2Frole%2Fcn%2Fdeep-synthesis-service-provider",
    "compare": "Compare?view=topics",
    "compare-alignments": "Compare?view=alignments&topic=https%3A%2F%2Fw3id.org%2Fregkg%2Ftopic%2Flabelling",
    "compare-versions": "Compare?view=versions&pair=eu-ai-act-proposal-2021..eu-ai-act-2024&old=52&new=50&lang=en",
    "network": "Network?in=genai-measures-2023&in=deep-synthesis-2022",
    "sparql": "SPARQL?query=02-article-counts",
    "export": "Export?instrument=pipl-2021&article=13",
}
DONE = "Cite this view"  # the last line of every page but Home


@pytest.fixture(scope="module")
def server(built):
    with running_app(built.out) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        pytest.skip("Debian chromium is not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = launch_chromium(p)
        yield b
        b.close()


@pytest.fixture()
def page(browser):
    ctx = browser.new_context(viewport={"width": 1280, "height": 800}, accept_downloads=True)
    pg = ctx.new_page()
    pg.set_default_timeout(30_000)
    yield pg
    ctx.close()


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    out = Path(os.environ.get("REGKG_SCREENSHOTS") or tmp_path_factory.mktemp("screenshots"))
    out.mkdir(parents=True, exist_ok=True)
    return out


def shrink(path: Path) -> None:
    """Keep screenshots small for the repository: 256 colours, optimised PNG."""
    from PIL import Image

    with Image.open(path) as im:
        small = im.convert("RGB").quantize(colors=256, method=Image.Quantize.MEDIANCUT)
    small.save(path, optimize=True)


def settle(pg, marker: str = DONE) -> None:
    """Wait until the page shows ``marker``, has stopped running and has drawn its widgets."""
    pg.get_by_text(marker, exact=False).first.wait_for()
    pg.wait_for_function(f"() => {SETTLED_JS}")


def no_exception(pg) -> None:
    errors = pg.get_by_test_id("stException")
    assert errors.count() == 0, errors.first.inner_text()


@pytest.mark.parametrize("name", list(PAGES))
def test_every_page_loads(server, page, shots, name):
    page.goto(f"{server}/{PAGES[name]}")
    settle(page, "shareable URL" if name == "home" else DONE)
    no_exception(page)
    page.wait_for_timeout(400)  # fonts and charts
    path = shots / f"{name}.png"
    page.screenshot(path=str(path))
    shrink(path)
    assert path.stat().st_size > 10_000


def _article_with_reference(built) -> tuple[str, str, dict] | None:
    from regkg.api import Explorer

    ex = Explorer(built.out)
    if not ex.layers()["references"]["built"]:
        return None
    for inst in ("genai-measures-2023", "deep-synthesis-2022", "pipl-2021"):
        for t in ex.toc(inst):
            if t["kind"] != "article":
                continue
            refs = [
                r
                for r in ex.references(t["iri"])["outgoing"]
                if r.get("target_instrument") and r.get("target_unit")
            ]
            if refs:
                ref = refs[0]
                short = ex.instrument(ref["target_instrument"])["short"].get("en", ref["target_instrument"])
                ref["link_text"] = (
                    f"→ {short} {ref.get('target_label') or ref['target_unit']}"  # as the page writes it
                )
                return inst, t["unit"], ref
    return None


def test_article_to_reference_to_target(server, page, built):
    found = _article_with_reference(built)
    if found is None:
        # references not built yet: article → its chapter → another article of that chapter
        page.goto(f"{server}/Browse?instrument=pipl-2021&article=13")
        settle(page)
        page.get_by_test_id("stPageLink-NavLink").filter(has_text="Chapter 2").first.click()
        page.wait_for_url("**part=chp_2**")
        settle(page)
        assert "article=" not in page.url
        page.get_by_test_id("stPageLink-NavLink").filter(has_text="Article 14").first.click()
        page.wait_for_url("**article=14**")
        page.get_by_role("heading", name="Article 14 · 第十四条").wait_for()
        no_exception(page)
        return
    inst, unit, ref = found
    page.goto(f"{server}/Browse?instrument={inst}&article={unit}")
    settle(page)
    # e.g. "Article 17, paragraph 2: “前款” → Deep Synthesis Provisions Article 17, paragraph 1"
    link = page.get_by_test_id("stPageLink-NavLink").filter(has_text=ref["link_text"]).first
    link.click()
    page.wait_for_url(
        re.compile(
            f"instrument={re.escape(ref['target_instrument'])}&article={re.escape(ref['target_unit'])}(&|$)"
        )
    )
    page.get_by_role(
        "heading", name=re.compile(rf"^{re.escape(_unit_heading(ref['target_unit']))}\b")
    ).wait_for()
    no_exception(page)


def _unit_heading(unit: str) -> str:
    """The start of the heading Browse shows for a unit: "Article 17", "Annex III", "Recital 12"."""
    kind, _, num = unit.partition("_")
    return (
        {"annex": "Annex", "rec": "Recital", "item": "Item"}[kind] + f" {num}" if num else f"Article {unit}"
    )


def test_picking_an_article_updates_the_url(server, page):
    page.goto(f"{server}/Browse?instrument=pipl-2021&article=13")
    settle(page)
    page.get_by_test_id("stRadio").get_by_text("Article 15", exact=True).click()
    page.wait_for_url("**article=15**")
    page.get_by_role("heading", name="Article 15 · 第十五条").wait_for()
    no_exception(page)


def test_saved_sparql_query_and_csv_download(server, page, built):
    from regkg.api import Explorer, saved_queries

    expected = Explorer(built.out).sparql(
        (ROOT / "queries" / "01-instruments.rq").read_text(encoding="utf-8")
    )
    page.goto(f"{server}/SPARQL?query=02-article-counts")
    settle(page)
    page.get_by_test_id("stSelectbox").first.click()
    page.get_by_role("option", name="Instruments in the corpus (01-instruments)").click()
    page.wait_for_url("**query=01-instruments**")
    question = next(q.question for q in saved_queries() if q.name == "01-instruments")
    # the new query's page, not the previous one (both answer with 10 rows)
    page.get_by_role("emphasis").filter(has_text=question[:40]).wait_for()
    page.get_by_text(f"{len(expected.rows)} rows").wait_for()
    settle(page)
    with page.expect_download() as dl:
        page.get_by_test_id("stDownloadButton").get_by_text("CSV", exact=True).click()
    path = dl.value.path()
    rows = list(csv.reader(io.StringIO(Path(path).read_text(encoding="utf-8"))))
    assert rows[0] == expected.columns
    assert sorted(r[0] for r in rows[1:]) == sorted(r[0] for r in expected.rows)
    assert dl.value.suggested_filename == "01-instruments.csv"


def test_search_then_open_a_result(server, page):
    page.goto(f"{server}/Search")
    settle(page)
    box = page.get_by_label("Search the texts")
    box.fill("deep synthesis")
    box.press("Enter")
    page.wait_for_url("**q=deep+synthesis**")
    page.get_by_text("passages").first.wait_for()
    settle(page)
    page.get_by_test_id("stPageLink-NavLink").first.click()
    page.wait_for_url("**Browse?**")
    settle(page)
    no_exception(page)


def test_bibtex_download(server, page):
    page.goto(f"{server}/Export?instrument=pipl-2021&article=13")
    settle(page)
    with page.expect_download() as dl:
        page.get_by_test_id("stDownloadButton").get_by_text("Download BibTeX").click()
    text = Path(dl.value.path()).read_text(encoding="utf-8")
    assert (
        text.startswith("@misc{regkg:pipl-2021:art-13,") and "https://w3id.org/regkg/cn/pipl/2021/art" in text
    )


# The Network graph is an SVG drawn by Vega: each node a path whose aria-label lists its fields. The article nodes
# that a click at their centre reaches (no other node or label on top), with that centre.
CLICKABLE_NODES_JS = """() => [...document.querySelectorAll('[data-testid="stVegaLiteChart"] g.mark-symbol.role-mark path')]
  .filter(p => (p.getAttribute('aria-label') || '').includes('type: article;'))
  .map(p => { const r = p.getBoundingClientRect(); return {p, label: p.getAttribute('aria-label'),
                                                          x: r.left + r.width / 2, y: r.top + r.height / 2}; })
  .filter(n => n.y > 0 && n.y < window.innerHeight && document.elementFromPoint(n.x, n.y) === n.p)
  .map(n => ({label: n.label, x: n.x, y: n.y}))"""


def test_network_click_on_a_node_opens_the_article(server, page, built):
    from regkg.api import Explorer

    chosen = ["deep-synthesis-2022", "genai-measures-2023"]
    page.goto(f"{server}/Network?in={chosen[0]}&in={chosen[1]}&cites=1&relations=0&roles=0&all=0")
    settle(page)
    page.get_by_test_id("stVegaLiteChart").first.scroll_into_view_if_needed()
    page.wait_for_function(f"() => ({CLICKABLE_NODES_JS})().length > 0")
    target = page.evaluate(CLICKABLE_NODES_JS)[0]
    name = re.search(r"node: ([^;]+);", target["label"]).group(1)
    net = Explorer(built.out).network(
        instruments=chosen, citations=True, relations=False, roles=False, all_units=False
    )
    node = next(n for n in net["nodes"] if n["label"] == name)  # e.g. "Deep Synthesis Provisions Art. 17"
    assert node["instrument"] and node["unit"], node
    page.mouse.click(target["x"], target["y"])
    page.wait_for_url(
        re.compile(
            rf"/Browse\?instrument={re.escape(node['instrument'])}&article={re.escape(node['unit'])}(&|$)"
        )
    )
    page.get_by_role("heading", name=re.compile(rf"^{re.escape(_unit_heading(node['unit']))}\b")).wait_for()
    no_exception(page)
    # back on the Network page (same session), no selection is left over: it does not jump to Browse again
    page.locator('[data-testid="stSidebarNav"] a[href$="/Network"]').click()
    page.wait_for_url("**/Network?**")
    settle(page)
    page.wait_for_timeout(800)
    settle(page)
    assert "/Network?" in page.url
