"""Explorer speed in a real browser: first render of every page, and p50/p95 of the common interactions.

    python benchmarks/explorer.py [--build build/] [--runs 15] [--no-floor]

Starts `streamlit run app/Home.py` over the build on a free local port, drives Debian chromium with Playwright,
loads every page once to warm the server (the store opened, the per-build caches filled), then measures, with
the browser's own clock (performance.now(), so Playwright's overhead is not counted):

- first render: a fresh tab opens the page's URL until its last element is drawn, its charts too, and the script
  run is over (median and worst of 3 loads); "Network*" is the heaviest view, the network of every article of all
  instruments with roles;
- interactions on a loaded page, from the click (or Enter) until the new content is drawn and nothing is stale:
  picking another article in a chapter's list in Browse (its data not cached yet), a new search, a saved SPARQL
  query picked from the list, following a sidebar link to another page (round every page, in the sidebar's
  order; also printed per page reached).

For scale it also measures the same on a one-widget Streamlit page (`--no-floor` skips it): the time any
Streamlit app needs on this machine. Targets (issue 6): first render <= 3 s, interactions p50 <= 300 ms.
Prints numbers; asserts nothing.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
from pathlib import Path

from regkg.appserver import CHROMIUM, SETTLED_JS, launch_chromium, running_app

ROOT = Path(__file__).resolve().parents[1]
PAGES = {
    "Home": ("", "shareable URL"),
    "Overview": ("Overview", "Cite this view"),
    "Browse": ("Browse?instrument=pipl-2021&article=13", "Cite this view"),
    "Search": ("Search?q=%E4%B8%AA%E4%BA%BA%E4%BF%A1%E6%81%AF", "Cite this view"),
    "Actors": ("Actors", "Cite this view"),
    "Compare": ("Compare", "Cite this view"),
    "Network": ("Network", "Cite this view"),
    "Network*": ("Network?in=&cites=1&relations=1&roles=1&all=1", "Cite this view"),
    "SPARQL": ("SPARQL?query=01-instruments", "Cite this view"),
    "Export": ("Export", "Cite this view"),
}
SEARCHES = [
    "个人信息",
    "deep synthesis",
    "标识",
    "provider",
    "算法",
    "transparency",
    "未成年人",
    "risk management",
    "安全评估",
    "biometric",
    "备案",
    "label",
    "网络安全",
    "conformity",
    "用户",
]
FAST_QUERIES = [
    "01-instruments",
    "02-article-counts",
    "04-translations",
    "11-chapters",
    "12-versions-and-amendments",
    "16-issuing-authorities",
]
FLOOR_APP = """
import streamlit as st
n = st.radio("pick", [f"Item {i}" for i in range(40)], key="r")
st.header(f"Now {n}")
st.caption("Cite this view")
"""

# Runs ``action`` (JS) and resolves with the ms until ``done`` (JS expression) is true, polled every frame.
TIME_JS = """async ([action, done]) => {
  const t0 = performance.now();
  (new Function(action))();
  const ok = new Function("return (" + done + ");");
  await new Promise((resolve, reject) => {
    const limit = t0 + 60000;
    const check = () => { if (ok()) resolve(); else if (performance.now() > limit) reject("timeout"); else requestAnimationFrame(check); };
    requestAnimationFrame(check);
  });
  return performance.now() - t0;
}"""
# Resolves with the ms since the navigation started when ``done`` first holds.
LOADED_JS = """async (done) => {
  const ok = new Function("return (" + done + ");");
  await new Promise((resolve) => { const check = () => ok() ? resolve() : requestAnimationFrame(check); check(); });
  return performance.now();
}"""


def js_str(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def has_text(text: str) -> str:
    return f"(!!document.body && document.body.innerText.includes({js_str(text)}))"


# In the page: every Vega-Lite chart has been drawn (Vega puts an svg or a canvas in its box).
CHARTS_DRAWN_JS = "[...document.querySelectorAll('[data-testid=\"stVegaLiteChart\"]')].every(e => e.querySelector('svg, canvas'))"


def first_render(browser, url: str, marker: str) -> float:
    ctx = browser.new_context(viewport={"width": 1280, "height": 800})
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    pg.goto(url, wait_until="commit")
    ms = pg.evaluate(LOADED_JS, f"{has_text(marker)} && {SETTLED_JS} && {CHARTS_DRAWN_JS}")
    ctx.close()
    return ms / 1000


def pct(values: list[float], p: float) -> float:
    values = sorted(values)
    return values[max(0, min(len(values) - 1, round(p / 100 * (len(values) - 1))))]


def radio_click(label: str) -> str:
    return (
        "[...document.querySelectorAll('[data-testid=\"stRadio\"] label')]"
        f".find(l => l.innerText.trim() === {js_str(label)}).click()"
    )


def measure_floor(browser, runs: int) -> tuple[float, list[float]]:
    """First render and interaction times of a one-radio Streamlit page on this machine."""
    with tempfile.TemporaryDirectory(prefix="regkg-floor-") as tmp:
        script = Path(tmp) / "floor.py"
        script.write_text(FLOOR_APP, encoding="utf-8")
        with running_app(script=script) as base:
            url = f"{base}/"
            first_render(browser, url, "Cite this view")  # warm-up
            loads = [first_render(browser, url, "Cite this view") for _ in range(3)]
            ctx = browser.new_context(viewport={"width": 1280, "height": 800})
            pg = ctx.new_page()
            pg.goto(url)
            pg.evaluate(LOADED_JS, f"{has_text('Cite this view')} && {SETTLED_JS}")
            times = []
            for n in range(1, runs + 1):
                done = f"[...document.querySelectorAll('h2')].some(h => h.innerText.startsWith('Now Item {n}')) && {SETTLED_JS}"
                times.append(pg.evaluate(TIME_JS, [radio_click(f"Item {n}"), done]))
            ctx.close()
    return statistics.median(loads), times


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--build", default=os.environ.get("REGKG_BUILD") or str(ROOT / "build"), help="build folder"
    )
    ap.add_argument("--runs", type=int, default=15, help="repetitions of each interaction")
    ap.add_argument("--no-floor", action="store_true", help="skip the one-widget Streamlit baseline")
    args = ap.parse_args(argv)
    build = Path(args.build)
    if not (build / "store").is_dir():
        raise SystemExit(f"{build}: no built store; run `regkg build` first")
    if not Path(CHROMIUM).exists():
        raise SystemExit("Debian chromium is not installed: apt-get install chromium")
    from playwright.sync_api import sync_playwright

    results: dict[str, list[float]] = {}
    per_page: dict[str, list[float]] = {}
    with running_app(build) as base, sync_playwright() as p:
        browser = launch_chromium(p)
        for url, marker in PAGES.values():  # warm-up: opens the store, fills the per-build caches
            first_render(browser, f"{base}/{url}", marker)

        load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
        print(
            f"regkg explorer benchmark · build {build} · chromium headless 1280x800 · {os.cpu_count()} cores · load {load:.1f}"
        )
        print(
            "\nFirst render (fresh tab: navigation -> last element drawn, run over), 3 loads each; target <= 3.0 s"
        )
        print(f"  {'page':10s} {'median':>8s} {'worst':>8s}")
        for name, (url, marker) in PAGES.items():
            times = [first_render(browser, f"{base}/{url}", marker) for _ in range(3)]
            flag = "" if statistics.median(times) <= 3.0 else "  over target"
            print(f"  {name:10s} {statistics.median(times):7.2f}s {max(times):7.2f}s{flag}")

        ctx = browser.new_context(viewport={"width": 1280, "height": 800})
        pg = ctx.new_page()
        pg.set_default_timeout(60_000)

        def open_page(url: str) -> None:
            pg.goto(f"{base}/{url}")
            pg.evaluate(LOADED_JS, f"{has_text('Cite this view')} && {SETTLED_JS}")

        # picking another article of a chapter in Browse (each article once: its data is not cached yet)
        open_page("Browse?instrument=pipl-2021&part=chp_2&article=13")
        times = []
        for n in range(14, 14 + args.runs):
            done = f"[...document.querySelectorAll('h2')].some(h => h.innerText.startsWith('Article {n} ·')) && {SETTLED_JS}"
            times.append(pg.evaluate(TIME_JS, [radio_click(f"Article {n}"), done]))
        results["select an article (Browse)"] = times

        # a new search: type it, then time from Enter to the results
        open_page("Search")
        times = []
        for q in (SEARCHES * 3)[: args.runs]:
            box = pg.get_by_label("Search the texts")
            box.fill(q)
            enter = (
                "const i = [...document.querySelectorAll('input')].find(x => x.getAttribute('aria-label') === 'Search the texts');"
                "i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', code: 'Enter', keyCode: 13, bubbles: true}));"
            )
            done = f"decodeURIComponent(location.search.replace(/\\+/g, ' ')).includes('q=' + {js_str(q)}) && {has_text('passage')} && {SETTLED_JS}"
            times.append(pg.evaluate(TIME_JS, [enter, done]))
        results["search (Search)"] = times

        # a saved SPARQL query: open the list and filter it (not timed), time the pick -> the answer
        open_page("SPARQL?query=01-instruments")
        times = []
        names = (FAST_QUERIES[1:] + FAST_QUERIES) * (args.runs // len(FAST_QUERIES) + 2)
        for name in names[: args.runs]:
            pg.get_by_test_id("stSelectbox").first.click()
            pg.keyboard.type(name)  # the list is virtual: filter it to the wanted option
            pg.get_by_role("option", name=f"({name})", exact=False).wait_for()
            pick = f"[...document.querySelectorAll('[role=\"option\"]')].find(o => o.innerText.includes('({name})')).click()"
            done = f"location.search.includes('query={name}') && {has_text(' rows ·')} && {SETTLED_JS}"
            times.append(pg.evaluate(TIME_JS, [pick, done]))
        results["saved SPARQL query (SPARQL)"] = times

        # following a sidebar link to another page (same session), round the pages in the sidebar's order
        open_page("Overview")
        times = []
        cycle = ["Browse", "Search", "Actors", "Compare", "Network", "SPARQL", "Export", "Overview"]
        for target in (cycle * (args.runs // len(cycle) + 1))[: max(args.runs, len(cycle))]:
            click = f'document.querySelector(\'[data-testid="stSidebarNav"] a[href$="/{target}"]\').click()'
            done = (
                f"location.pathname.endsWith('/{target}') && document.title.startsWith({js_str(target + ' ·')})"
                f" && {has_text('Cite this view')} && {SETTLED_JS}"
            )
            ms = pg.evaluate(TIME_JS, [click, done])
            times.append(ms)
            per_page.setdefault(target, []).append(ms)
        results["go to another page (sidebar)"] = times
        ctx.close()

        floor = None if args.no_floor else measure_floor(browser, args.runs)
        browser.close()

    print(f"\nInteractions ({args.runs} each; action -> new content drawn, run over); target p50 <= 300 ms")
    print(f"  {'interaction':32s} {'p50':>7s} {'p95':>7s} {'max':>7s}")
    for name, times in results.items():
        flag = "" if pct(times, 50) <= 300 else "  over target"
        print(f"  {name:32s} {pct(times, 50):5.0f}ms {pct(times, 95):5.0f}ms {max(times):5.0f}ms{flag}")
    print(
        "  sidebar, by page reached: "
        + ", ".join(f"{k} {statistics.median(v):.0f}" for k, v in per_page.items())
    )
    if floor:
        load_s, times = floor
        print(
            f"\nFor scale, a one-radio Streamlit page on this machine: first render {load_s:.2f}s, "
            f"interaction p50 {pct(times, 50):.0f}ms p95 {pct(times, 95):.0f}ms"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
