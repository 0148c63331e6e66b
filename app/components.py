"""Shared pieces of the explorer pages: the cached API, URL-synced widgets, notes and escaped rendering.

Every page calls :func:`setup` first. Data comes from :class:`regkg.api.Explorer` through :func:`data`, which
caches each answer per build (a rebuild changes the key). Widgets that define a view are synced with the URL's
query parameters, so every view can be cited by its URL.
"""

from __future__ import annotations

import csv
import functools
import html
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from urllib.parse import urlencode

import streamlit as st

from regkg.api import LAYERS, Explorer, ExplorerError, build_dir_from_env
from regkg.errors import RegkgError

PAGES = {
    "Overview": ("pages/1_Overview.py", "Instruments, timeline, graph statistics"),
    "Browse": ("pages/2_Browse.py", "Instrument → chapters → articles, Chinese and English side by side"),
    "Search": ("pages/3_Search.py", "Full text in Chinese and English, citations, filters"),
    "Actors": ("pages/4_Actors.py", "A role and its duties across instruments, the crosswalk"),
    "Compare": ("pages/5_Compare.py", "Topic × instrument matrix, CN↔EU alignments, version diffs"),
    "Network": ("pages/6_Network.py", "References among articles and instruments"),
    "SPARQL": ("pages/7_SPARQL.py", "The saved research questions and your own queries"),
    "Export": ("pages/8_Export.py", "Graph, tables, figures and citations to download"),
}
LANG_NAMES = {"zh": "中文", "en": "English"}
MODALITY_ORDER = ("obligation", "prohibition", "permission", "encouragement")
LONG_LIST = 30  # more choices than this: a searchable drop-down instead of a list of radio buttons

CSS = """
<style>
.rk-text { font-size: 0.98rem; line-height: 1.6; }
.rk-table { width: 100%; border-collapse: collapse; }
.rk-table td { vertical-align: top; padding: 0.25rem 0.5rem; border-bottom: 1px solid rgba(128,128,128,0.15); }
.rk-table th { text-align: left; padding: 0.25rem 0.5rem; font-weight: 600; border-bottom: 2px solid rgba(128,128,128,0.3); }
.rk-small { font-size: 0.85rem; }
.rk-heat { border-collapse: separate; border-spacing: 2px; font-size: 0.82rem; }
.rk-scroll { overflow-x: auto; }
.rk-heat .rk-topic { text-align: right; font-weight: normal; padding-right: 0.5rem; max-width: 15rem; line-height: 1.15; }
.rk-heat .rk-cell { text-align: center; min-width: 2rem; padding: 0.1rem 0.25rem; border-radius: 3px; }
.rk-heat .rk-rot { vertical-align: bottom; height: 11rem; white-space: nowrap; font-weight: normal; }
.rk-heat .rk-rot div { transform: rotate(-55deg); transform-origin: left bottom; width: 2rem; margin-left: 1rem; }
.rk-hit { margin: -0.6rem 0 0.4rem 0.5rem; padding-left: 0.6rem; border-left: 3px solid rgba(128,128,128,0.25); }
.rk-num { color: #6b7280; font-size: 0.85rem; white-space: nowrap; width: 1%; }
.rk-head { font-weight: 600; }
.rk-missing { color: #9ca3af; font-style: italic; }
.rk-ref { text-decoration: underline; text-decoration-color: #2563eb; text-underline-offset: 2px; color: inherit; }
.rk-term { border-bottom: 1px dotted #7c3aed; }
.rk-gloss { border-bottom: 1px dashed #94a3b8; cursor: help; }
.rk-actor { background: rgba(16,185,129,0.15); border-radius: 3px; }
.rk-duty-obligation { background: rgba(37,99,235,0.13); }
.rk-duty-prohibition { background: rgba(220,38,38,0.13); }
.rk-duty-permission { background: rgba(234,179,8,0.18); }
.rk-duty-encouragement { background: rgba(16,185,129,0.13); }
.rk-mark { background: #fde68a; padding: 0 1px; }
.rk-del { background: rgba(220,38,38,0.18); text-decoration: line-through; }
.rk-ins { background: rgba(22,163,74,0.2); }
.rk-legend span { display: inline-block; margin: 0 0.8rem 0.2rem 0; padding: 0 0.25rem; }
</style>
"""


# ---------------------------------------------------------------------------------------------- setup and data


def setup(title: str) -> None:
    """Page config, shared CSS, and a stop with a plain message when there is no build to explore."""
    st.set_page_config(page_title=f"{title} · regkg explorer", page_icon="⚖️", layout="wide")
    st.html(CSS)
    sync_url()
    explorer()  # fail early with a readable message


def sync_url() -> None:
    """Send this run's query parameters to the address bar.

    A st.page_link to the page already shown runs it with the link's parameters but leaves the old URL in the
    address bar; re-setting one parameter (or clearing none) makes Streamlit send the current query string.
    """
    if len(st.query_params):
        first = next(iter(st.query_params))
        st.query_params[first] = st.query_params.get_all(first)
    else:
        st.query_params.clear()


@st.cache_resource(show_spinner=False)
def _explorer(build_dir: str, version: str) -> Explorer:  # noqa: ARG001 - version is the cache key of a rebuild
    return Explorer(Path(build_dir))


def _version(build_dir: Path) -> str:
    p = build_dir / "graph.nq"
    return str(p.stat().st_mtime_ns) if p.exists() else "0"


def explorer() -> Explorer:
    """The API over the build named by ``$REGKG_BUILD`` (default ``build/``), opened once per build."""
    build_dir = build_dir_from_env()
    try:
        return _explorer(str(build_dir), _version(build_dir))
    except RegkgError as exc:
        st.error(f"No graph to explore: {exc}")
        st.markdown(
            "Build it first: `regkg fetch && regkg build`, then `regkg explore` (or set `REGKG_BUILD`)."
        )
        st.stop()
        raise  # unreachable; st.stop() raises


def _hashable(v):
    if isinstance(v, list):
        return tuple(v)
    if isinstance(v, set):
        return tuple(sorted(v))
    return v


def data(method: str, *args, **kwargs):
    """``Explorer.<method>(*args, **kwargs)``, cached per build; None when the API rejects the request.

    The answer is shared between sessions: read it, never change it.
    """
    build_dir = build_dir_from_env()
    args_key = tuple(_hashable(a) for a in args)
    kwargs_key = tuple(sorted((k, _hashable(v)) for k, v in kwargs.items()))
    return _data(str(build_dir), _version(build_dir), method, args_key, kwargs_key)


# A plain LRU, not st.cache_data/st.cache_resource: a page makes hundreds of these calls per run (a short title
# per table row), and Streamlit's caches hash every argument through inspect.signature (~0.4 ms a call), which
# added 100-200 ms to some pages. The answers are shared read-only between sessions (no copy per call), and the
# build's version in the key retires them after a rebuild.
@functools.lru_cache(maxsize=4096)
def _data(build_dir: str, version: str, method: str, args: tuple, kwargs: tuple):
    ex = _explorer(build_dir, version)
    try:
        return getattr(ex, method)(*args, **{k: (list(v) if isinstance(v, tuple) else v) for k, v in kwargs})
    except ExplorerError:
        return None


class _NotCached(Exception):
    def __init__(self, result) -> None:
        self.result = result


@st.cache_data(show_spinner=False, max_entries=200)
def _sparql(build_dir: str, version: str, text: str, row_cap: int, timeout: float):
    res = _explorer(build_dir, version).sparql(text, row_cap=row_cap, timeout=timeout)
    if res.timed_out:
        raise _NotCached(res)  # a timeout may not happen next time: never remember it
    return res


def run_sparql(text: str, row_cap: int, timeout: float):
    """A user's query through the API's worker (row cap, timeout); answers are cached per build (read-only)."""
    build_dir = build_dir_from_env()
    try:
        return _sparql(str(build_dir), _version(build_dir), text, int(row_cap), float(timeout))
    except _NotCached as exc:
        return exc.result


def layers() -> dict[str, dict]:
    return data("layers")


def instruments() -> list[dict]:
    return data("instruments")


def instrument_ids() -> list[str]:
    return [d["id"] for d in instruments()]


def short(instrument_id: str) -> str:
    for d in instruments():
        if d["id"] == instrument_id:
            return d["short"].get("en", instrument_id)
    return instrument_id


def instrument_label(instrument_id: str) -> str:
    return f"{short(instrument_id)} ({instrument_id})"


# ---------------------------------------------------------------------------------------------- notes


def not_built(layer: str, what: str | None = None) -> None:
    """The plain note a page shows where a layer of the graph is missing from this build."""
    desc = LAYERS[layer][0] if layer in LAYERS else layer
    st.info(
        f"**{what or layer.capitalize()}: not built yet.** This build has no {desc}. That layer is being added "
        "to regkg (extraction and comparison work); after it lands, run `regkg build` and reload this page.",
        icon=":material/construction:",
    )


def layer_built(layer: str) -> bool:
    return bool(layers().get(layer, {}).get("built"))


# ---------------------------------------------------------------------------------------------- URL-synced widgets


def qp_set(**values) -> None:
    """Write view state into the URL; None or "" removes a parameter."""
    for k, v in values.items():
        if v is None or v == "" or v == []:
            if k in st.query_params:
                del st.query_params[k]
        elif isinstance(v, (list, tuple)):
            st.query_params[k] = [str(x) for x in v]
        elif st.query_params.get(k) != str(v):
            st.query_params[k] = str(v)


def qp(name: str, default: str | None = None) -> str | None:
    return st.query_params.get(name, default)


def synced(
    widget: Callable,
    label: str,
    options: Sequence,
    param: str,
    *,
    default=None,
    reset: Sequence[str] = (),
    format_func: Callable = str,
    **kwargs,
):
    """A selectbox/radio/segmented control whose value lives in the URL parameter ``param``.

    The URL wins on every run (so links and the back button work); a change writes the URL and drops the
    parameters in ``reset`` (e.g. the article when the instrument changes).
    """
    options = list(options)
    key = f"_w_{param}"
    current = st.query_params.get(param)
    if current not in [str(o) for o in options]:
        current = default if default in options else (options[0] if options else None)
    else:
        current = options[[str(o) for o in options].index(current)]
    st.session_state[key] = current
    qp_set(**{param: current})

    def changed() -> None:
        for r in reset:
            if r in st.query_params:
                del st.query_params[r]
        qp_set(**{param: st.session_state[key]})

    return widget(label, options, key=key, on_change=changed, format_func=format_func, **kwargs)


def synced_multi(
    label: str,
    options: Sequence,
    param: str,
    *,
    default: Sequence = (),
    format_func: Callable = str,
    **kwargs,
) -> list:
    """A multiselect synced with a repeated URL parameter (``?in=a&in=b``).

    ``default`` applies while the URL has no such parameter; an emptied selection is kept as ``?in=``.
    """
    options = list(options)
    key = f"_w_{param}"
    given = st.query_params.get_all(param)
    current = [v for v in given if v in options] if given else [d for d in default if d in options]
    st.session_state[key] = current
    if current or not default:
        qp_set(**{param: current})

    def changed() -> None:
        chosen = st.session_state[key]
        if chosen or not default:
            qp_set(**{param: chosen})
        else:
            st.query_params[param] = ""  # "none chosen", not "the default"

    return st.multiselect(label, options, key=key, on_change=changed, format_func=format_func, **kwargs)


def synced_text(label: str, param: str, *, default: str = "", reset: Sequence[str] = (), **kwargs) -> str:
    """A text input synced with the URL parameter ``param`` (a change drops the parameters in ``reset``)."""
    key = f"_w_{param}"
    st.session_state[key] = st.query_params.get(param, default)

    def changed() -> None:
        for r in reset:
            if r in st.query_params:
                del st.query_params[r]
        qp_set(**{param: st.session_state[key].strip()})

    return st.text_input(label, key=key, on_change=changed, **kwargs).strip()


def synced_toggle(label: str, param: str, *, default: bool = False, **kwargs) -> bool:
    key = f"_w_{param}"
    raw = st.query_params.get(param)
    st.session_state[key] = default if raw is None else raw in ("1", "true", "yes")
    qp_set(**{param: "1" if st.session_state[key] else "0"})

    def changed() -> None:
        qp_set(**{param: "1" if st.session_state[key] else "0"})

    return st.checkbox(label, key=key, on_change=changed, **kwargs)


def unit_label(unit: str) -> str:
    """A unit's URL value as people write it in a table: 13, Annex VIII, Recital 69, Item 3, Preamble."""
    kind, _, num = unit.partition("_")
    if not num:
        return "Preamble" if unit == "preamble" else unit
    return {"annex": "Annex", "rec": "Recital", "item": "Item"}.get(kind, kind) + f" {num}"


def topic_order(cells: list[dict]) -> list[str]:
    """The instruments of topic-matrix cells, in the corpus order."""
    present = {c["instrument"] for c in cells}
    return [i for i in instrument_ids() if i in present]


def topic_table(cells: list[dict], order: list[str]) -> dict:
    """The topic × instrument matrix as a table for papers: ``{title, columns, rows}``, article numbers in cells."""
    units: dict[tuple[str, str], str] = {}
    for c in cells:
        units.setdefault((c["topic_en"], c["instrument"]), ", ".join(unit_label(u) for u in c["units"]))
    topics = sorted({c["topic_en"] for c in cells}, key=str.lower)
    return {
        "title": "Topics × instruments (article numbers)",
        "columns": ["topic", *[short(i) for i in order]],
        "rows": [[t, *[units.get((t, i), "") for i in order]] for t in topics],
    }


def view_url(page: str, **params) -> str:
    """A relative link to a page with parameters, e.g. ``./Browse?instrument=pipl-2021&article=13``."""
    path = Path(PAGES[page][0]).stem.split("_", 1)[-1]
    q = urlencode({k: v for k, v in params.items() if v not in (None, "")}, doseq=True)
    return f"./{path}" + (f"?{q}" if q else "")


def share_box() -> None:
    """Show the parameters of the current view, to cite it (the address bar holds the full URL)."""
    params = {k: st.query_params.get_all(k) for k in st.query_params}
    q = urlencode({k: v if len(v) > 1 else v[0] for k, v in params.items()}, doseq=True)
    st.caption(
        f"Cite this view: the address bar holds its URL (parameters `?{q}`)."
        if q
        else "Cite this view by its URL."
    )


def browse_link(
    instrument_id: str, unit: str | None, label: str, *, key_hint: str = "", icon: str | None = None
) -> None:
    """A link to a unit (or an instrument) in the Browse page, opened in the same tab."""
    params = {"instrument": instrument_id} | ({"article": unit} if unit else {})
    st.page_link(PAGES["Browse"][0], label=label, query_params=params, icon=icon)


# ---------------------------------------------------------------------------------------------- rendering


def esc(text: object) -> str:
    return html.escape("" if text is None else str(text), quote=True)


def highlight(text: str, spans: Sequence[dict]) -> str:
    """Escaped HTML of ``text`` with ``spans`` ({start, end, cls, title?, href?}) wrapped.

    Spans may nest (a reference inside a duty); a span that crosses another is dropped, and a link is never
    put inside a link. Every piece of the text passes through html.escape, attributes too, so law text and user
    input can never become markup.
    """
    kept: list[dict] = []
    stack: list[dict] = []
    for s in sorted(spans, key=lambda s: (int(s["start"]), -int(s["end"]))):
        start, end = max(0, int(s["start"])), min(len(text), int(s["end"]))
        if end <= start:
            continue
        while stack and stack[-1]["end"] <= start:
            stack.pop()
        if stack and (
            end > stack[-1]["end"]
            or (stack[-1]["start"], stack[-1]["end"]) == (start, end)
            and stack[-1]["cls"] == s["cls"]
        ):
            continue  # crosses the open span, or repeats it
        if s.get("href") and any(o.get("href") for o in stack):
            s = {**s, "href": None}
        span = {**s, "start": start, "end": end, "children": []}
        (stack[-1]["children"] if stack else kept).append(span)
        stack.append(span)

    def render(lo: int, hi: int, items: list[dict]) -> str:
        out, pos = [], lo
        for sp in items:
            out.append(esc(text[pos : sp["start"]]))
            inner = render(sp["start"], sp["end"], sp["children"])
            title = f' title="{esc(sp["title"])}"' if sp.get("title") else ""
            if sp.get("href"):
                out.append(
                    f'<a class="{esc(sp["cls"])}" href="{esc(sp["href"])}" target="_self"{title}>{inner}</a>'
                )
            else:
                out.append(f'<span class="{esc(sp["cls"])}"{title}>{inner}</span>')
            pos = sp["end"]
        out.append(esc(text[pos:hi]))
        return "".join(out)

    return render(0, len(text), kept)


def find_spans(
    text: str,
    needles: Sequence[str],
    cls: str,
    title: str = "",
    href: str | None = None,
    *,
    case: bool = False,
) -> list[dict]:
    """Spans of every occurrence of each needle in ``text`` (for terms and search hits)."""
    spans = []
    hay = text if case else text.lower()
    for n in needles:
        if not n:
            continue
        needle = n if case else n.lower()
        i = hay.find(needle)
        while i >= 0:
            spans.append({"start": i, "end": i + len(needle), "cls": cls, "title": title, "href": href})
            i = hay.find(needle, i + len(needle))
    return spans


def snippet(text: str, terms: Sequence[str], width: int = 110) -> tuple[str, list[dict]]:
    """A window of ``text`` around the first hit, and the hit spans inside it (offsets into the window)."""
    low = text.lower()
    first = min((i for i in (low.find(t.lower()) for t in terms if t) if i >= 0), default=0)
    start = max(0, first - width // 2)
    end = min(len(text), start + width * 2)
    window = ("…" if start else "") + text[start:end] + ("…" if end < len(text) else "")
    return window, find_spans(window, terms, "rk-mark")


def expressions_line(expressions: list[dict]) -> str:
    """Markdown: which language is authoritative, who translated each other expression."""
    parts = []
    for e in expressions:
        name = LANG_NAMES.get(e["lang"], e["lang"])
        if e.get("authoritative"):
            parts.append(f"**{name}: authoritative** ({md_escape(e.get('status') or 'official')})")
        else:
            status = md_escape(e.get("status") or "translation")
            parts.append(f"**{name}: {status}** — {md_escape(e.get('translator') or 'translator unknown')}")
    return " · ".join(parts)


def md_escape(text: object) -> str:
    """Escape Markdown control characters in text shown through st.markdown (never unsafe HTML)."""
    s = "" if text is None else str(text)
    return "".join("\\" + c if c in "\\`*_{}[]<>()#+-.!|~$" else c for c in s)


def to_csv(rows: Sequence[dict]) -> str:
    """CSV text of a list of dicts (columns from the first row)."""
    buf = io.StringIO()
    if rows:
        w = csv.DictWriter(buf, fieldnames=list(rows[0]), lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(rows)
    return buf.getvalue()
