"""Versions of one work: article correspondence, a change status per article and a word/character diff.

Pairs compared: every instrument with a ``previous_version`` in the manifest (CSL 2016 -> 2025, AI Act proposal
-> AI Act). Correspondence comes, in this order, from

1. the hand-checked table in ``corpus/versions.yaml`` (wins over everything),
2. the amendment decision, where there is one: "将第X条改为第Y条", "增加一条，作为第Y条",
   "将第X条、第Y条合并，作为第Z条" (CSL 2025),
3. text similarity with numbering order: a monotone alignment (dynamic programming over TF-IDF cosines of the
   articles: Chinese character bigrams, English words), then the best remaining matches out of order (moves),
4. containment: an old article left over whose text is largely inside a new one was merged into it.

Status of an article (``STATUSES``): unchanged (same number, same text), moved (same text, new number; Chinese
cross-references to renumbered articles are mapped before comparing), amended (text changed), merged (combined
with others into one article), split (part of an old article became a new one), new, deleted.
Texts are compared in the authoritative language: characters for Chinese, words for English (difflib).
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

import numpy as np

from ..model import Instrument, Node
from ..numerals import CN_NUMERAL, cn_to_int, int_to_cn
from .data import CompareDataError, corpus_file, load_yaml, require
from .text import article_text, char_ngrams, cosine_matrix, tfidf_matrix, words

STATUSES = ("unchanged", "moved", "amended", "merged", "split", "new", "deleted")


@dataclass(frozen=True)
class Correspondence:
    """One row of the comparison: an old article, a new article, or both."""

    old: str | None  # article number in the earlier version
    new: str | None  # article number in the later version
    status: str
    similarity: float | None = None  # difflib ratio of the normalised texts (chars for zh, words for en)
    source: str = "similarity"  # "table", "decision", "order", "similarity", "containment", "unmatched"
    items: tuple[str, ...] = ()  # eids of the amendment decision's items that make the change
    note: str = ""

    @property
    def renumbered(self) -> bool:
        return self.old is not None and self.new is not None and self.old != self.new


@dataclass
class VersionComparison:
    old: Instrument
    new: Instrument
    lang: str
    rows: list[Correspondence]
    decision: Instrument | None = None
    texts: dict = field(default_factory=dict, repr=False)  # ("old"|"new", num) -> text

    def counts(self) -> dict[str, int]:
        """Rows per status (an old article merged into a new one counts once per row)."""
        out = {s: 0 for s in STATUSES}
        for r in self.rows:
            out[r.status] += 1
        return out

    def mapping(self) -> dict[str, str]:
        """old number -> new number of the main correspondence of each old article (merges excluded)."""
        return {r.old: r.new for r in self.rows if r.old and r.new and r.status not in ("merged", "split")}

    def row(self, old: str | None = None, new: str | None = None) -> Correspondence:
        for r in self.rows:
            if (old is None or r.old == old) and (new is None or r.new == new):
                return r
        raise KeyError(f"no correspondence old={old} new={new}")

    def diff(self, row: Correspondence, html_markup: bool = False) -> str:
        """Inline diff of one row: [-deleted-]{+inserted+} (or <del>/<ins> in HTML)."""
        a = self.texts.get(("old", row.old), "") if row.old else ""
        b = self.texts.get(("new", row.new), "") if row.new else ""
        return inline_diff(a, b, self.lang, html_markup)


# ------------------------------------------------------------------------------------------------ the table


@dataclass(frozen=True)
class VersionTable:
    """Hand-checked correspondences for one pair of versions (``corpus/versions.yaml``)."""

    old: str
    new: str
    map: dict  # old number -> new number, or None (deleted)
    new_articles: tuple[str, ...] = ()
    notes: dict = field(default_factory=dict)  # old number -> note


def parse_version_tables(data: Mapping, path: Path | str = "<data>") -> dict[tuple[str, str], VersionTable]:
    path = Path(path)
    out = {}
    for i, raw in enumerate(data.get("comparisons") or []):
        where = f"comparisons[{i}]"
        old = require(raw, "from", path, where)
        new = require(raw, "to", path, where)
        mapping = {}
        notes = {}
        for k, v in (raw.get("map") or {}).items():
            entry = v
            if isinstance(v, dict):
                entry = v.get("to")
                if v.get("note"):
                    notes[str(k)] = str(v["note"])
            if entry is not None and not isinstance(entry, (str, int)):
                raise CompareDataError(
                    path, f"{where} map {k}", f"expected an article number or null, found {v!r}"
                )
            mapping[str(k)] = None if entry is None else str(entry)
        out[(old, new)] = VersionTable(old, new, mapping, tuple(str(x) for x in raw.get("new") or ()), notes)
    return out


def load_version_tables(path: Path | None = None) -> dict[tuple[str, str], VersionTable]:
    path = path or corpus_file("versions.yaml")
    return parse_version_tables(load_yaml(path), path)


@cache
def default_version_tables() -> dict[tuple[str, str], VersionTable]:
    return load_version_tables()


# ------------------------------------------------------------------------------------------------ the decision

_NUM = f"(?:{CN_NUMERAL}|[0-9]+)"


def _n(s: str) -> str:
    return str(int(s)) if s.isdigit() else str(cn_to_int(s))


@dataclass(frozen=True)
class DecisionChange:
    item: str  # eid of the item
    kind: str  # "renumber", "new", "merge", "delete"
    old: tuple[str, ...]  # old article numbers
    new: str | None  # new article number
    amended: bool  # the item changes the text, not only the number
    partial: tuple[str, ...] = ()  # old articles of which only a part is merged (第六十九条第一项)


def decision_changes(decision: Instrument) -> list[DecisionChange]:
    """The article-level changes an amendment decision's items make (Chinese NPC decision wording)."""
    out = []
    for node in decision.walk():
        if node.kind != "item" or not node.text.zh:
            continue
        text = node.text.zh
        head = text.split("：", 1)[0]
        if m := re.match(rf"增加一条，作为第({_NUM})条", head):
            out.append(DecisionChange(node.eid, "new", (), _n(m[1]), True))
            continue
        if m := re.match(rf"将((?:第{_NUM}条(?:第{_NUM}[款项])?、?)+)合并，作为第({_NUM})条", head):
            parts = re.findall(rf"第({_NUM})条(第{_NUM}[款项])?", m[1])
            olds = tuple(_n(p[0]) for p in parts)
            partial = tuple(_n(p[0]) for p in parts if p[1])
            out.append(DecisionChange(node.eid, "merge", olds, _n(m[2]), True, partial))
            continue
        if m := re.match(rf"将第({_NUM})条改为第({_NUM})条(.*)", head):
            rest = m[3].strip("。 ")
            out.append(DecisionChange(node.eid, "renumber", (_n(m[1]),), _n(m[2]), bool(rest)))
            continue
        if m := re.match(rf"删去第({_NUM})条", head):
            out.append(DecisionChange(node.eid, "delete", (_n(m[1]),), None, True))
    return out


# ------------------------------------------------------------------------------------------------ comparison


def _tokens(text: str, lang: str) -> list[str]:
    if lang == "zh":
        return list(re.sub(r"\s+", "", text))
    return text.split()


def _normal(text: str, lang: str) -> str:
    return re.sub(r"\s+", "", text) if lang == "zh" else re.sub(r"\s+", " ", text).strip()


def ratio(a: str, b: str, lang: str) -> float:
    """difflib similarity of two texts, by characters (zh) or words (en)."""
    if not a and not b:
        return 1.0
    return round(difflib.SequenceMatcher(None, _tokens(a, lang), _tokens(b, lang)).ratio(), 3)


def containment(part: str, whole: str, lang: str) -> float:
    """Share of ``part`` found, in order, inside ``whole``, counting only runs of shared text (at least 4
    characters or 3 words) so that common words scattered over a long text do not add up."""
    a, b = _tokens(part, lang), _tokens(whole, lang)
    if not a:
        return 0.0
    least = 4 if lang == "zh" else 3
    sm = difflib.SequenceMatcher(None, a, b)
    return sum(bl.size for bl in sm.get_matching_blocks() if bl.size >= least) / len(a)


def renumber_references(text: str, mapping: Mapping[str, str]) -> str:
    """Chinese text with its article cross-references (第X条) renumbered by ``mapping`` (old -> new)."""

    def sub(m: re.Match) -> str:
        num = _n(m[1])
        new = mapping.get(num)
        return f"第{int_to_cn(int(new))}条" if new and new.isdigit() else m[0]

    return re.sub(rf"第({CN_NUMERAL})条", sub, text)


def inline_diff(a: str, b: str, lang: str, html_markup: bool = False) -> str:
    """Word- (en) or character-level (zh) diff of two texts as one line of marked-up text."""
    ta, tb = _tokens(a, lang), _tokens(b, lang)
    sep = "" if lang == "zh" else " "
    esc = html.escape if html_markup else (lambda s: s)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ta, tb, autojunk=False).get_opcodes():
        old, new = esc(sep.join(ta[i1:i2])), esc(sep.join(tb[j1:j2]))
        if op == "equal":
            out.append(old)
            continue
        if op in ("delete", "replace"):
            out.append(f"<del>{old}</del>" if html_markup else f"[-{old}-]")
        if op in ("insert", "replace"):
            out.append(f"<ins>{new}</ins>" if html_markup else f"{{+{new}+}}")
    return sep.join(out)


def _monotone(sim: np.ndarray, rows: list[int], cols: list[int], threshold: float) -> list[tuple[int, int]]:
    """Order-preserving matching of ``rows`` to ``cols`` maximising the summed similarity (pairs >= threshold)."""
    n, m = len(rows), len(cols)
    score = np.zeros((n + 1, m + 1))
    for i in range(1, n + 1):
        row = sim[rows[i - 1]]
        for j in range(1, m + 1):
            s = row[cols[j - 1]]
            diag = score[i - 1, j - 1] + s if s >= threshold else -1.0
            score[i, j] = max(score[i - 1, j], score[i, j - 1], diag)
    pairs = []
    i, j = n, m
    while i > 0 and j > 0:
        s = sim[rows[i - 1], cols[j - 1]]
        if s >= threshold and np.isclose(score[i, j], score[i - 1, j - 1] + s):
            pairs.append((rows[i - 1], cols[j - 1]))
            i, j = i - 1, j - 1
        elif np.isclose(score[i, j], score[i - 1, j]):
            i -= 1
        else:
            j -= 1
    return pairs[::-1]


def _article_num(node: Node) -> str:
    return node.num


def _key(num: str) -> tuple:
    return (int(num), "") if num.isdigit() else (10**6, num)


def compare_versions(
    old: Instrument,
    new: Instrument,
    decision: Instrument | None = None,
    table: VersionTable | None = None,
    order_threshold: float = 0.3,
    move_threshold: float = 0.5,
    merge_threshold: float = 0.6,
    candidates: int = 3,
) -> VersionComparison:
    """Correspondence of the articles of ``old`` and ``new`` with a status, similarity and source each."""
    lang = old.authoritative_lang if old.authoritative_lang == new.authoritative_lang else "en"
    olds = old.articles()
    news = new.articles()
    otext = [article_text(a, lang) for a in olds]
    ntext = [article_text(a, lang) for a in news]
    onum = [_article_num(a) for a in olds]
    nnum = [_article_num(a) for a in news]
    oi = {n: i for i, n in enumerate(onum)}
    ni = {n: i for i, n in enumerate(nnum)}
    analyzer = char_ngrams if lang == "zh" else words
    vectors = tfidf_matrix(otext + ntext, analyzer=analyzer)
    sim = cosine_matrix(vectors[: len(olds)], vectors[len(olds) :])

    matched: dict[int, int] = {}  # old index -> new index (main correspondence)
    source: dict[int, str] = {}
    items: dict[int, tuple[str, ...]] = {}  # old index -> decision items
    new_items: dict[int, tuple[str, ...]] = {}  # new index -> decision items (new articles)
    notes: dict[int, str] = {}
    new_fixed: set[int] = set()  # new articles whose origin is settled
    deleted: set[int] = set()
    merges: list[tuple[int, int, str, tuple[str, ...]]] = []  # (old, new, source, items)
    splits: list[tuple[int, int]] = []
    partial: set[tuple[int, int]] = set()  # (old, new) where only a part of the old article was merged

    # 1. the hand-checked table
    if table is not None:
        for o, n in table.map.items():
            if o not in oi:
                raise CompareDataError(
                    corpus_file("versions.yaml"), f"{table.old}->{table.new}", f"no old article {o}"
                )
            if n is None:
                deleted.add(oi[o])
                source[oi[o]] = "table"
                notes[oi[o]] = table.notes.get(o, "")
                continue
            if n not in ni:
                raise CompareDataError(
                    corpus_file("versions.yaml"), f"{table.old}->{table.new}", f"no new article {n}"
                )
            if ni[n] in new_fixed and ni[n] in matched.values():
                merges.append((oi[o], ni[n], "table", ()))
            else:
                matched[oi[o]] = ni[n]
                new_fixed.add(ni[n])
            source[oi[o]] = "table"
            notes[oi[o]] = table.notes.get(o, "")
        for n in table.new_articles:
            if n in ni:
                new_fixed.add(ni[n])

    # 2. the amendment decision
    if decision is not None:
        for ch in decision_changes(decision):
            if ch.new is not None and ch.new not in ni:
                continue
            j = ni.get(ch.new) if ch.new else None
            if ch.kind == "new":
                new_fixed.add(j)
                new_items[j] = (ch.item,)
                continue
            if ch.kind == "delete":
                i = oi[ch.old[0]]
                if i not in source:
                    deleted.add(i)
                    source[i], items[i] = "decision", (ch.item,)
                continue
            for o in ch.old:
                i = oi.get(o)
                if i is None or source.get(i) == "table":
                    continue
                new_fixed.add(j)
                if ch.kind == "renumber":
                    matched[i] = j
                    source[i], items[i] = "decision", (ch.item,)
                    continue
                merges.append((i, j, "decision", (ch.item,)))
                if o not in ch.partial:  # the rest of a partly merged article is matched by similarity
                    source[i], items[i] = "decision", (ch.item,)
                else:
                    partial.add((i, j))

    # 3. text similarity in numbering order, then out of order
    rows = [i for i in range(len(olds)) if i not in source]
    cols = [j for j in range(len(news)) if j not in new_fixed]
    for i, j in _monotone(sim, rows, cols, order_threshold):
        matched[i] = j
        source[i] = "order"
    free_new = [j for j in cols if j not in matched.values()]
    moves = sorted(
        (
            (float(sim[i, j]), i, j)
            for i in rows
            if i not in matched
            for j in free_new
            if sim[i, j] >= move_threshold
        ),
        reverse=True,
    )
    used = set()
    for _, i, j in moves:
        if i in matched or j in used:
            continue
        matched[i] = j
        used.add(j)
        source[i] = "similarity"

    # 4. containment: leftovers merged into / split from a matched article
    # (candidates: the few most similar articles by cosine, to keep difflib off the long tail)
    taken = sorted(set(matched.values()))
    for i in range(len(olds)):
        if i in matched or i in deleted or any(m[0] == i for m in merges):
            continue
        near = sorted(taken, key=lambda j: -sim[i, j])[:candidates]
        best = max(((containment(otext[i], ntext[j], lang), j) for j in near), default=(0.0, None))
        if best[1] is not None and best[0] >= merge_threshold:
            merges.append((i, best[1], "containment", ()))
            source[i] = "containment"
    merged_new = {m[1] for m in merges}
    for j in range(len(news)):
        if j in matched.values() or j in new_fixed or j in merged_new:
            continue
        near = sorted(matched, key=lambda i: -sim[i, j])[:candidates]
        best = max(((containment(ntext[j], otext[i], lang), i) for i in near), default=(0.0, None))
        if best[1] is not None and best[0] >= merge_threshold:
            splits.append((best[1], j))

    # cross-references renumbered before comparing Chinese texts
    mapping = {onum[i]: nnum[j] for i, j in matched.items()}
    rows_out: list[Correspondence] = []
    for i in range(len(olds)):
        if i in matched:
            j = matched[i]
            a, b = _normal(otext[i], lang), _normal(ntext[j], lang)
            note = notes.get(i, "")
            if a == b:
                status = "unchanged" if onum[i] == nnum[j] else "moved"
            elif lang == "zh" and _normal(renumber_references(otext[i], mapping), lang) == b:
                status = "unchanged" if onum[i] == nnum[j] else "moved"
                note = note or "cross-references renumbered"
            else:
                status = "amended"
            rows_out.append(
                Correspondence(
                    onum[i],
                    nnum[j],
                    status,
                    ratio(otext[i], ntext[j], lang),
                    source[i],
                    items.get(i, ()),
                    note,
                )
            )
        for oi_, j, src, its in merges:
            if oi_ == i:
                others = [onum[k] for k, jj, _, _ in merges if jj == j and k != i]
                others += [onum[k] for k, jj in matched.items() if jj == j]
                auto = ("part " if (i, j) in partial else "") + f"merged into art. {nnum[j]}"
                if others:
                    auto += f" with old art. {', '.join(sorted(set(others), key=_key))}"
                rows_out.append(
                    Correspondence(
                        onum[i],
                        nnum[j],
                        "merged",
                        ratio(otext[i], ntext[j], lang),
                        src,
                        its,
                        notes.get(i) or auto,
                    )
                )
        if i not in matched and not any(m[0] == i for m in merges):
            rows_out.append(
                Correspondence(
                    onum[i],
                    None,
                    "deleted",
                    None,
                    source.get(i, "unmatched"),
                    items.get(i, ()),
                    notes.get(i, ""),
                )
            )
    for i, j in splits:
        rows_out.append(
            Correspondence(onum[i], nnum[j], "split", ratio(otext[i], ntext[j], lang), "containment")
        )
    covered = set(matched.values()) | {m[1] for m in merges} | {s[1] for s in splits}
    for j in range(len(news)):
        if j not in covered:
            if j in new_items:
                src = "decision"
            elif table is not None and nnum[j] in table.new_articles:
                src = "table"
            else:
                src = "unmatched"
            rows_out.append(Correspondence(None, nnum[j], "new", None, src, new_items.get(j, ())))
    ordered = sorted(rows_out, key=lambda r: _position(r, oi, ni, matched))
    texts = {("old", onum[i]): otext[i] for i in range(len(olds))}
    texts.update({("new", nnum[j]): ntext[j] for j in range(len(news))})
    return VersionComparison(old, new, lang, ordered, decision, texts)


def _position(r: Correspondence, oi: dict, ni: dict, matched: dict) -> tuple:
    """Sort rows by the new article; a deleted article goes after the new article its predecessor became."""
    if r.new is not None:
        return (ni[r.new], 0, oi.get(r.old, -1) if r.old else -1)
    i = oi[r.old]
    prev = max((matched[k] for k in matched if k < i), default=-1)
    return (prev, 1, i)


def version_pairs(manifest, ids: Iterable[str]) -> list[tuple[str, str, str | None]]:
    """(old, new, decision) for every instrument of ``ids`` whose previous version is also in ``ids``."""
    ids = set(ids)
    out = []
    for e in manifest.instruments:
        if e.id in ids and e.previous_version in ids:
            decision = e.amended_by if e.amended_by in ids else None
            out.append((e.previous_version, e.id, decision))
    return out


def compare_pair(
    instruments: Mapping[str, Instrument], old: str, new: str, decision: str | None = None
) -> VersionComparison:
    """Compare two versions by id, with the hand-checked table and the decision when there are."""
    table = default_version_tables().get((old, new))
    return compare_versions(
        instruments[old], instruments[new], instruments.get(decision) if decision else None, table
    )


# ------------------------------------------------------------------------------------------------ output

_CSS = """body{font-family:sans-serif;margin:2em}table{border-collapse:collapse}td,th{border:1px solid #ccc;
padding:4px 8px;vertical-align:top}del{background:#fdd;text-decoration:line-through}ins{background:#dfd;
text-decoration:none}.st{white-space:nowrap}"""


def unified_diff(vc: VersionComparison) -> str:
    """A unified diff, one hunk per changed article (paragraphs as lines), headed by the two article numbers."""
    out = [f"# regkg compare versions {vc.old.id} {vc.new.id} ({vc.lang}; statuses: {vc.counts()})"]
    for r in vc.rows:
        if r.status in ("unchanged", "moved"):
            continue
        a = vc.texts.get(("old", r.old), "").splitlines() if r.old else []
        b = vc.texts.get(("new", r.new), "").splitlines() if r.new else []
        head = [
            f"--- {vc.old.id} art. {r.old or '-'}",
            f"+++ {vc.new.id} art. {r.new or '-'}",
            f"@@ {r.status}"
            + (f", similarity {r.similarity:.2f}" if r.similarity is not None else "")
            + (f", {r.note}" if r.note else "")
            + " @@",
        ]
        body = list(difflib.unified_diff(a, b, lineterm="", n=max(len(a), len(b))))[3:]
        if not body:
            body = [f"-{x}" for x in a] + [f"+{x}" for x in b]
        out += head + body
    return "\n".join(out) + "\n"


def html_diff(vc: VersionComparison) -> str:
    """An HTML page: one row per correspondence, the text with deletions and insertions marked."""
    title = f"{vc.old.id} → {vc.new.id}"
    rows = []
    for r in vc.rows:
        if r.status in ("unchanged", "moved"):
            text = "<i>text unchanged</i>" + (f" ({html.escape(r.note)})" if r.note else "")
        else:
            text = vc.diff(r, html_markup=True)
        sim = f"{r.similarity:.2f}" if r.similarity is not None else ""
        rows.append(
            f"<tr><td>{r.old or ''}</td><td>{r.new or ''}</td><td class=st>{r.status}</td><td>{sim}</td>"
            f"<td>{html.escape(r.source)}</td><td>{text}</td></tr>"
        )
    counts = ", ".join(f"{k} {v}" for k, v in vc.counts().items() if v)
    return (
        f"<!doctype html><html><head><meta charset=utf-8><title>{html.escape(title)}</title><style>{_CSS}</style>"
        f"</head><body><h1>{html.escape(title)}</h1><p>{counts}. Compared in {vc.lang} "
        f"({'characters' if vc.lang == 'zh' else 'words'}).</p><table><tr><th>old</th><th>new</th><th>status</th>"
        f"<th>similarity</th><th>source</th><th>diff</th></tr>{''.join(rows)}</table></body></html>\n"
    )


def write_diff(vc: VersionComparison, out: Path) -> list[Path]:
    """Write ``<old>--<new>.diff`` (unified) and ``.html`` into ``out``; return the paths."""
    out.mkdir(parents=True, exist_ok=True)
    stem = f"{vc.old.id}--{vc.new.id}"
    paths = [out / f"{stem}.diff", out / f"{stem}.html"]
    paths[0].write_text(unified_diff(vc), encoding="utf-8")
    paths[1].write_text(html_diff(vc), encoding="utf-8")
    return paths
