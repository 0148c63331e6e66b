"""Chinese statute structure, shared by every Chinese reader.

A reader turns its file into a list of :class:`Block` (one logical line each: a heading, an article start, a
further paragraph 款, a point 项 or a sub-point 目) and calls :func:`parse_document`, which builds the
:class:`~regkg.model.Node` tree: chapters → sections → articles → paragraphs → points → subpoints, or the
numbered items of an amendment decision.

For text whose paragraph breaks were lost upstream (one string per article), :func:`recover_paragraphs`
rebuilds paragraphs and points with three rules only (see its docstring); a translation of those texts
mirrors exactly this structure, so do not add rules without telling the translators.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from ..errors import SourceError
from ..model import Document, Node, Texts
from ..numerals import CN_NUMERAL, cn_to_int, int_to_cn

_NUM = rf"(?:{CN_NUMERAL}|[0-9]+)"
_SPACE = r"[\s\u3000\xa0]"

# Headings are short labels: a line that starts 第二章 but reads like a sentence is a cross-reference.
CHAPTER_RE = re.compile(rf"^第({_NUM})章{_SPACE}*([^。，；：]*)$")
SECTION_RE = re.compile(rf"^第({_NUM})节{_SPACE}*([^。，；：]*)$")
# An article start needs a separator after 条 (第十三条　…): "第十三条规定的…" is a reference, not a label.
ARTICLE_RE = re.compile(rf"^第({_NUM})条(?:{_SPACE}+(.*)|$)", re.S)
ARTICLE_LOOSE_RE = re.compile(rf"^第({_NUM})条(.*)$", re.S)
POINT_RE = re.compile(rf"^[（(]({CN_NUMERAL})[）)]{_SPACE}*(.*)$", re.S)
SUBPOINT_RE = re.compile(rf"^([0-9]{{1,2}})[.．]{_SPACE}*(.*)$", re.S)
EN_POINT_RE = re.compile(r"^\(([0-9]{1,2})\)\s*(.*)$", re.S)
EN_SUBPOINT_RE = re.compile(r"^\(([ivx]{1,5})\)\s*(.*)$", re.S)
ITEM_RE = re.compile(rf"^({CN_NUMERAL})、{_SPACE}*(.*)$", re.S)
PARENTHETICAL_RE = re.compile(r"^[（(].*[）)]$", re.S)
ENDS_WITH_DATE_RE = re.compile(r"[0-9]{4}年[0-9]{1,2}月[0-9]{1,2}日$")

# Rule 3 of the recovery: a sentence opening with one of these refers back to the previous 款, so it is a new 款.
PARAGRAPH_STARTERS = ("前款", "前两款", "前三款", "有前款", "违反前款", "依照前款", "依据前款")

_WS_RE = re.compile(r"[\s\u3000\xa0\u200b\ufeff]+")
_CJK = "\u2e80-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef\u2010-\u2027\u00b7"
_CJK_GAP_RE = re.compile(rf"(?<=[{_CJK}]) (?=[{_CJK}])")


@dataclass(frozen=True)
class Block:
    """One logical line of a source and where it is (for error messages and notes)."""

    text: str
    where: str = ""


def normalize(text: str) -> str:
    """Collapse whitespace runs to one space and drop spaces between two Chinese characters.

    Chinese text never separates characters with spaces, so a space between two of them is typesetting
    (``总　　则``, a U+3000 after a label); spaces next to Latin letters or digits are kept.

    >>> normalize("总\\u3000\\u3000则")
    '总则'
    >>> normalize("  自 2023年8月15日起 施行 ")
    '自 2023年8月15日起施行'
    """
    return _CJK_GAP_RE.sub("", _WS_RE.sub(" ", text).strip())


def squash(text: str) -> str:
    """Whitespace runs collapsed to one space, ends stripped (labels keep their separating space)."""
    return _WS_RE.sub(" ", text).strip()


def compact(text: str) -> str:
    """``text`` without any whitespace (for matching labels such as 目　　录)."""
    return _WS_RE.sub("", text)


def to_int(num: str) -> int:
    """A Chinese or Arabic numeral as an int."""
    return int(num) if num.isdigit() else cn_to_int(num)


# ---------------------------------------------------------------------------------------------- articles


@dataclass
class _Point:
    num: str
    text: str
    inferred: bool = False
    subs: list[tuple[str, str]] = field(default_factory=list)

    def node(self, lang: str) -> Node:
        subs = tuple(Node("subpoint", n, text=Texts.of(lang, t)) for n, t in self.subs)
        return Node("point", self.num, text=Texts.of(lang, self.text), children=subs, inferred=self.inferred)


@dataclass
class _Para:
    text: str
    points: list[_Point] = field(default_factory=list)
    inferred: bool = False


def _paragraph_nodes(paras: Sequence[_Para], lang: str) -> tuple[Node, ...]:
    return tuple(
        Node(
            "paragraph",
            str(i),
            text=Texts.of(lang, p.text),
            children=tuple(pt.node(lang) for pt in p.points),
            inferred=p.inferred,
        )
        for i, p in enumerate(paras, 1)
    )


def _point_match(text: str, lang: str) -> tuple[str, str] | None:
    m = POINT_RE.match(text) or (EN_POINT_RE.match(text) if lang == "en" else None)
    if not m:
        return None
    return str(to_int(m.group(1))), m.group(2)


def _subpoint_match(text: str, lang: str) -> tuple[str, str] | None:
    m = EN_SUBPOINT_RE.match(text) if lang == "en" else SUBPOINT_RE.match(text)
    return (m.group(1), m.group(2)) if m else None


def article_node(
    num: str,
    lines: Iterable[str],
    *,
    lang: str,
    notes: list[str],
    heading: str | None = None,
) -> Node:
    """An article from its lines, the article label already removed from the first one.

    Each line is a paragraph (款), a point (（一）, or "(1)" in English) of the current paragraph, or a
    sub-point (1., or "(i)" in English) of the current point. A paragraph that follows points is a new
    paragraph (Chinese statutes put no wrap-up text after a list). An article always gets ≥ 1 paragraph.
    """
    paras: list[_Para] = []
    for raw in lines:
        text = normalize(raw)
        if not text:
            continue
        if point := _point_match(text, lang):
            pnum, ptext = point
            if not paras:  # the article opens directly with a list: empty chapeau
                paras.append(_Para(""))
            expected = str(len(paras[-1].points) + 1)
            if pnum != expected:
                notes.append(f"art {num} para {len(paras)}: point ({pnum}) where ({expected}) was expected")
            paras[-1].points.append(_Point(pnum, normalize(ptext)))
            continue
        if (sub := _subpoint_match(text, lang)) and paras and paras[-1].points:
            paras[-1].points[-1].subs.append((sub[0], normalize(sub[1])))
            continue
        paras.append(_Para(text))
    if not paras:
        notes.append(f"art {num}: no text")
        paras.append(_Para(""))
    h = Texts.of(lang, normalize(heading)) if heading else Texts()
    return Node("article", num, heading=h, children=_paragraph_nodes(paras, lang))


# ----------------------------------------------------------------------------------------------- statute


@dataclass
class _Div:
    kind: str
    num: str
    heading: str
    children: list = field(default_factory=list)

    def node(self, lang: str) -> Node:
        kids = tuple(c.node(lang) if isinstance(c, _Div) else c for c in self.children)
        return Node(self.kind, self.num, heading=Texts.of(lang, self.heading or None), children=kids)


def classify(text: str) -> tuple[str, str, str] | None:
    """``(kind, num, rest)`` when ``text`` is a chapter, section or article label line, else None."""
    for kind, rx in (("chapter", CHAPTER_RE), ("section", SECTION_RE), ("article", ARTICLE_RE)):
        if m := rx.match(text):
            return kind, str(to_int(m.group(1))), m.group(2) or ""
    return None


def _check_sequence(kind: str, nums: list[str], notes: list[str], where: str = "") -> None:
    prev = 0
    for n in nums:
        i = int(n)
        if i == prev:
            notes.append(f"duplicate {kind} {n}{where}")
        elif i != prev + 1:
            notes.append(f"{kind} numbering jumps from {prev} to {n}{where}")
        prev = i


def build_statute(blocks: Sequence[Block], *, lang: str, notes: list[str]) -> tuple[Node, ...]:
    """The node tree of a statute body (blocks from the first heading or article on)."""
    body: list = []
    chapter: _Div | None = None
    section: _Div | None = None
    art: tuple[str, list[str], list] | None = None  # num, lines, container it goes into
    art_nums: list[str] = []

    def flush() -> None:
        nonlocal art
        if art is not None:
            num, lines, container = art
            container.append(article_node(num, lines, lang=lang, notes=notes))
            art = None

    for b in blocks:
        text = squash(b.text)
        if not text:
            continue
        label = classify(text)
        m = ARTICLE_LOOSE_RE.match(text) if label is None else None
        # 第十三条 glued to its text: an article only if it is the next number, else a cross-reference
        if m and art_nums and to_int(m.group(1)) == int(art_nums[-1]) + 1:
            label = ("article", str(to_int(m.group(1))), m.group(2))
            notes.append(f"{b.where}: article label 第{m.group(1)}条 without a space after it")
        if label and label[0] == "chapter":
            flush()
            chapter, section = _Div("chapter", label[1], normalize(label[2])), None
            body.append(chapter)
        elif label and label[0] == "section":
            flush()
            section = _Div("section", label[1], normalize(label[2]))
            (chapter.children if chapter else body).append(section)
        elif label and label[0] == "article":
            flush()
            container = section.children if section else chapter.children if chapter else body
            art = (label[1], [label[2]], container)
            art_nums.append(label[1])
        elif art is not None:
            art[1].append(text)
        else:
            notes.append(f"{b.where}: text outside any article skipped: {text[:30]}")
    flush()

    _check_sequence("article", art_nums, notes)
    chapters = [c for c in body if isinstance(c, _Div) and c.kind == "chapter"]
    _check_sequence("chapter", [c.num for c in chapters], notes)
    for c in chapters:
        secs = [s.num for s in c.children if isinstance(s, _Div)]
        _check_sequence("section", secs, notes, f" in chapter {c.num}")
    return tuple(c.node(lang) if isinstance(c, _Div) else c for c in body)


def split_front(blocks: Sequence[Block], notes: list[str]) -> tuple[list[Block], list[Block]]:
    """Split a statute into front matter (title, dates, order preamble, table of contents) and body.

    The body starts at the first article, preceded by at most one chapter and one section heading
    directly above it. Walking back from the first article rather than forward from the top keeps a table
    of contents (目录 followed by every chapter heading) out of the body, so it makes no duplicate chapters.
    """
    first = next(
        (i for i, b in enumerate(blocks) if (c := classify(squash(b.text))) and c[0] == "article"), None
    )
    if first is None:
        return list(blocks), []
    start = first
    seen: set[str] = set()
    for i in range(first - 1, -1, -1):
        text = squash(blocks[i].text)
        if not text:
            continue
        c = classify(text)
        if c is None or c[0] == "article" or c[0] in seen or (c[0] == "section" and "chapter" in seen):
            break
        seen.add(c[0])
        start = i
    front, body = list(blocks[:start]), list(blocks[start:])
    toc = [b for b in front if compact(b.text) in ("目录", "目次")]
    if toc:
        entries = sum(1 for b in front if classify(squash(b.text)))
        notes.append(f"{toc[0].where}: table of contents skipped ({entries} entries)")
    return front, body


# ---------------------------------------------------------------------------------------------- decision


def _quote_open(text: str) -> bool:
    """True when ``text`` ends inside a quotation.

    A quotation running over several paragraphs opens each of them with “ and closes only the last with ”,
    so the last quote mark decides, not the balance of marks.
    """
    return text.rfind("“") > text.rfind("”")


def build_decision(blocks: Sequence[Block], *, lang: str, notes: list[str]) -> tuple[Node, ...]:
    """An amendment decision: items 一、二、… as kind "item" nodes, other text as top-level paragraphs.

    An item's text keeps the quoted new wording; its further lines (new paragraphs of the quoted wording,
    which open with “, or any line while a quotation is still open) join the item with "\\n". Text before
    item 一 and after the last item (entry into force, re-promulgation) become paragraphs numbered 1, 2, ….
    """
    nodes: list[Node] = []
    item: tuple[str, list[str]] | None = None
    expected = 1
    para = 0

    def flush() -> None:
        nonlocal item
        if item is not None:
            nodes.append(Node("item", item[0], text=Texts.of(lang, "\n".join(item[1]))))
            item = None

    for b in blocks:
        text = normalize(b.text)
        if not text:
            continue
        continuing = item is not None and (text.startswith("“") or _quote_open(item[1][-1]))
        m = ITEM_RE.match(text)
        if m and not continuing:
            n = to_int(m.group(1))
            if n != expected:
                notes.append(f"{b.where}: item {n} where item {expected} was expected")
            flush()
            item, expected = (str(n), [normalize(m.group(2))]), n + 1
        elif continuing and item is not None:
            item[1].append(text)
        else:
            flush()
            para += 1
            nodes.append(Node("paragraph", str(para), text=Texts.of(lang, text)))
    flush()
    return tuple(nodes)


def is_decision(blocks: Sequence[Block]) -> bool:
    """True for a text with numbered items 一、… and no article labels (an amendment decision)."""
    texts = [squash(b.text) for b in blocks]
    if any((c := classify(t)) and c[0] == "article" for t in texts):
        return False
    return any((m := ITEM_RE.match(t)) and to_int(m.group(1)) == 1 for t in texts)


def strip_order_preamble(blocks: Sequence[Block], notes: list[str]) -> list[Block]:
    """Drop a promulgation order (…令 / 第N号 / 现予公布 … / signature / date) from the top of ``blocks``."""
    texts = [normalize(b.text) for b in blocks]
    head = texts[:30]
    opens_order = any(t.endswith("令") or re.fullmatch(rf"第{_NUM}号", t) for t in head[:10])
    if not opens_order:
        return list(blocks)
    # the order ends with the signature date, on its own line or after the signatory's name
    end = next((i for i, t in enumerate(head) if ENDS_WITH_DATE_RE.search(t)), None)
    if end is None:
        return list(blocks)
    notes.append(
        f"{blocks[0].where}: promulgation order preamble skipped ({end + 1} lines: {texts[0][:20]}…)"
    )
    return list(blocks[end + 1 :])


def parse_document(
    blocks: Sequence[Block],
    *,
    lang: str,
    path: object,
    notes: list[str],
    title: str | None = None,
) -> Document:
    """A :class:`Document` from a reader's blocks: a statute (articles) or an amendment decision (items).

    Raises :class:`SourceError` when there is neither an article nor an item.
    """
    blocks = [b for b in blocks if normalize(b.text)]
    if is_decision(blocks):
        rest = list(blocks)
        if rest and (title is None or compact(rest[0].text) == compact(title)):
            title = title or normalize(rest[0].text)
            rest = rest[1:]
        while rest and PARENTHETICAL_RE.match(normalize(rest[0].text)):
            notes.append(f"{rest[0].where}: front matter skipped: {normalize(rest[0].text)[:40]}")
            rest = rest[1:]
        rest = strip_order_preamble(rest, notes)
        body = build_decision(rest, lang=lang, notes=notes)
        return Document(lang=lang, body=body, path=str(path), title=title, notes=tuple(notes))
    front, rest = split_front(blocks, notes)
    if not rest:
        where = blocks[-1].where if blocks else "start of file"
        found = normalize(blocks[0].text) if blocks else "no text"
        raise SourceError(path, where, "at least one article 第N条 (or amendment item 一、)", found)
    front = strip_order_preamble(front, notes)
    if title is None:
        title = next(
            (normalize(b.text) for b in front if not PARENTHETICAL_RE.match(normalize(b.text))), None
        )
    body = build_statute(rest, lang=lang, notes=notes)
    return Document(lang=lang, body=body, path=str(path), title=title, notes=tuple(notes))


# --------------------------------------------------------------------------------- structure recovery


_INLINE_LABEL_RE = re.compile(rf"[（(]({CN_NUMERAL})[）)]")


def _depths(text: str) -> list[int]:
    """Nesting depth in “…” quotes and 《…》 titles at each position (labels inside those are not items)."""
    out, depth = [], 0
    for ch in text:
        if ch in "“《":
            depth += 1
        out.append(depth)
        if ch in "”》":
            depth = max(0, depth - 1)
    return out


def _item_run(text: str) -> list[tuple[int, int, int]] | None:
    """The first run of inline items （一）（二）… that follow ：；。 and count up from one (≥ 2 items)."""
    depth = _depths(text)
    cands = []
    for m in _INLINE_LABEL_RE.finditer(text):
        before = text[: m.start()].rstrip()
        if depth[m.start()] == 0 and before and before[-1] in "：；。:;":
            cands.append((m.start(), m.end(), cn_to_int(m.group(1))))
    for i, first in enumerate(cands):
        if first[2] != 1:
            continue
        run = [first]
        for c in cands[i + 1 :]:
            if c[2] == run[-1][2] + 1:
                run.append(c)
        if len(run) >= 2:
            return run
    return None


def _split_rule3(text: str) -> list[str]:
    """Split after "。" where the next sentence opens with 前款, 依照前款, … (rule 3)."""
    depth = _depths(text)
    parts, start = [], 0
    for i, ch in enumerate(text):
        if ch == "。" and depth[i] == 0 and text[i + 1 :].startswith(PARAGRAPH_STARTERS):
            parts.append(text[start : i + 1])
            start = i + 1
    parts.append(text[start:])
    return [p for p in (normalize(p) for p in parts) if p] or [""]


def recover_paragraphs(text: str, *, label: str, notes: list[str], lang: str = "zh") -> tuple[Node, ...]:
    """Paragraphs (and points) of an article whose paragraph breaks were collapsed into one string.

    Exactly three rules, applied left to right:

    1. inline items （一）（二）… that follow "：", "；" or "。" (outside quotes and 《》) and run 一, 二, 三 …
       in sequence become points of the current paragraph — so "第（一）项" or a quoted list is not split;
    2. after the last item's closing "。" the remaining text starts a new paragraph;
    3. within non-item text, a sentence after "。" opening with 前款, 前两款, 前三款, 有前款, 违反前款,
       依照前款 or 依据前款 starts a new paragraph.

    Recovered points are ``inferred``; when the article was split into several paragraphs, all of them are.
    A line describing what was done is appended to ``notes`` (``label`` names the article, e.g. "art 17").
    """
    paras: list[_Para] = []
    rest = normalize(text)
    what: list[str] = []
    while rest:
        run = _item_run(rest)
        if run is None:
            paras.extend(_Para(p) for p in _split_rule3(rest))
            break
        chapeau = _split_rule3(rest[: run[0][0]])
        paras.extend(_Para(p) for p in chapeau[:-1])
        para = _Para(chapeau[-1])
        what.append(f"split {len(run)} inline points （一）…（{int_to_cn(len(run))}）")
        for (_, end, n), nxt in zip(run, [*run[1:], None], strict=True):
            if nxt is not None:
                para.points.append(_Point(str(n), normalize(rest[end : nxt[0]]), inferred=True))
                continue
            depth = _depths(rest)
            stop = next(
                (i for i in range(end, len(rest)) if rest[i] == "。" and depth[i] == 0), len(rest) - 1
            )
            para.points.append(_Point(str(n), normalize(rest[end : stop + 1]), inferred=True))
            rest = normalize(rest[stop + 1 :])
            if rest:
                what.append(f"new paragraph after point ({n})")
        paras.append(para)
    if not paras:
        paras.append(_Para(""))
    starters = sum(1 for p in paras if p.text.startswith(PARAGRAPH_STARTERS))
    if starters:
        what.append(f"{starters} paragraph(s) opening with 前款 etc.")
    if len(paras) > 1:
        for p in paras:
            p.inferred = True
    if what:
        counts = ", ".join(f"para {i}: {len(p.points)} points" for i, p in enumerate(paras, 1) if p.points)
        notes.append(
            f"{label}: {'; '.join(what)} → {len(paras)} paragraph(s)" + (f" ({counts})" if counts else "")
        )
    return _paragraph_nodes(paras, lang)
