"""European Commission PDF of the AI Act proposal, COM(2021) 206: the main document and its annexes.

The proposal comes as two PDFs: the main document (explanatory memorandum, citations, recitals, Titles I-XII
with Articles 1-85, signature block, legislative financial statement) and the annexes (Annexes I-IX).
:func:`read` takes both, in either order, and returns one :class:`Document`.

The module works in three steps, each usable on its own:

1. :func:`extract_lines` reads a PDF page by page with pypdf and keeps, for every text line, its text and
   whether a vertical gap opens a new block above it. Running footers ("EN 17 EN"), footnote bodies
   (set in 10 pt) and footnote reference marks (8 pt superscripts glued to words) are dropped there, by
   font size and position, before any text is joined.
2. :func:`lines_from_text` builds the same lines from plain text (a blank line opens a block); the tests
   use it to feed invented text to step 3.
3. :func:`structure_main` and :func:`structure_annexes` turn lines into the node tree: recitals, titles,
   chapters, articles, paragraphs ("1."), points ("(a)", "(1)"), sub-points ("(i)"), annexes.
"""

from __future__ import annotations

import io
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Node, Texts
from ..numerals import int_to_roman, roman_to_int

# Body text is 12 pt and headings 14 pt; footnote bodies are ~10 pt and footnote reference marks 8 pt (6.5 pt
# inside the footnotes). Everything smaller than this is a footnote or a reference mark.
_MIN_BODY_SIZE = 10.5
# Runs whose baselines differ by less than this (pt) are on one line.
_SAME_LINE = 2.0
# Within a block lines are ~1.15 x the font size apart; paragraphs add 6 pt or more.
_GAP_FACTOR = 1.3
# The running footer "EN 17 EN" (and "EN   EN" on the annexes' pages), or a bare page number.
_PAGE_MARKER = re.compile(r"(?:EN)?\s*\d{0,4}\s*(?:EN)?")

_RECITAL = re.compile(r"\((\d{1,3})\)\s*(.*)", re.S)
_PARA = re.compile(r"(\d{1,3})\.\s+(.*)", re.S)
_SUBNUM = re.compile(r"(\d{1,2})\.(\d{1,2})\.?\s+(.*)", re.S)  # "3.1." in Annex VII
_POINT = re.compile(r"\(([a-z]{1,4}|\d{1,3})\)\s*(.*)", re.S)
_TITLE = re.compile(r"TITLE\s+([IVXLC]+)\b\s*(.*)", re.S)
_CHAPTER = re.compile(r"CHAPTER\s+(\d{1,2}|[IVXLC]+)\b\s*(.*)", re.S)
_ARTICLE = re.compile(r"Article\s+(\d{1,3})\s*$")
_ANNEX = re.compile(r"ANNEX\s+([IVXLC]+)\s*$")
_SECTION = re.compile(r"Section\s+([A-Z])\s*[–—\-.:]?\s*(.*)", re.S)
_WHEREAS = re.compile(r"Whereas\s*:")
_ADOPTED = re.compile(r"HAVE ADOPTED TH(IS|E PRESENT) REGULATION")
_CLOSING = re.compile(r"(This Regulation shall be binding in its entirety|Done at )")
_ROMANS = ("i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii")
# A line that opens a block even at the top of a page, where the gap above it is unknown.
_BLOCK_START = re.compile(
    r"(\(\d{1,3}\)|\([a-z]{1,4}\)|\d{1,3}\.(\d{1,2}\.?)?\s|Article \d+$|TITLE [IVXLC]+$|CHAPTER \w+$|ANNEX [IVXLC]+$"
    r"|Section [A-Z]\b|Whereas:|HAVE ADOPTED|Done at )"
)


@dataclass(frozen=True)
class Line:
    """One line of text. ``brk`` is true when a vertical gap (a new paragraph) opens above it."""

    text: str
    page: int = 0  # 1-based page of the PDF, 0 when made from text
    brk: bool = False


# --------------------------------------------------------------------------------------------- extraction


def _page_lines(page: object) -> list[tuple[float, float, str]]:
    """(baseline y, font size, text) of the body lines of one page, top to bottom."""
    clusters: list[list] = []  # [y, size, [texts]]

    def visit(text: str, cm: list, tm: list, font: object, size: float) -> None:
        if not text or text == "\n":
            return
        eff = size * abs(tm[3] * cm[3] or 1.0)
        blank = not text.strip()
        if eff < _MIN_BODY_SIZE and not blank:
            return  # footnote text or a superscript reference mark
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        for c in clusters:
            if abs(c[0] - y) <= _SAME_LINE:
                c[2].append(text)
                if not blank:
                    c[1] = max(c[1], eff)
                return
        clusters.append([y, 0.0 if blank else eff, [text]])

    page.extract_text(visitor_text=visit)  # type: ignore[attr-defined]
    out = []
    for y, size, texts in sorted(clusters, key=lambda c: -c[0]):
        text = " ".join("".join(texts).split())
        if text and not _PAGE_MARKER.fullmatch(text):
            out.append((y, size or 12.0, text))
    return out


def _literal_text(page: object) -> bytes:
    """The literal strings of a page's content stream, concatenated: a cheap, rough text for finding pages."""
    contents = page.get_contents()  # type: ignore[attr-defined]
    if contents is None:
        return b""
    data = contents.get_data()
    return b"".join(m.group()[1:-1] for m in re.finditer(rb"\((?:\\.|[^\\)])*\)", data))


def _page_range(reader: object) -> tuple[int, int]:
    """Pages worth extracting: from the page with 'Whereas' to the page with 'Done at Brussels'.

    Full text extraction costs ~25 ms a page; the memorandum and the financial statement are a third of the
    108 pages. The literal strings of the content streams are searched instead (~1 ms a page). It is only a
    hint: :func:`read` extracts every page when the hinted range turns out to miss the recitals.
    """
    pages = reader.pages  # type: ignore[attr-defined]
    start, stop = 0, len(pages)
    try:
        raw = [_literal_text(p) for p in pages]
    except Exception:  # any pypdf failure here only disables the hint
        return start, stop
    for i, t in enumerate(raw):
        if b"Whereas" in t:
            start = i
            break
    for i in range(start, len(raw)):
        if b"Done at Brussels" in raw[i] or b"binding in its entirety" in raw[i]:
            stop = i + 1
            break
    return start, stop


def _open(path: Path) -> object:
    from pypdf import PdfReader  # imported here: only this reader needs pypdf

    try:
        data = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, "file", "a readable file", exc.strerror) from None
    if b"%PDF-" not in data[:1024]:
        raise SourceError(path, "byte 0", "a PDF file (a '%PDF-' header)", data[:16])
    try:
        reader = PdfReader(io.BytesIO(data))
        _ = len(reader.pages)
    except Exception as exc:  # pypdf raises many kinds of errors on damaged files
        raise SourceError(path, "file structure", "a readable PDF", f"{type(exc).__name__}: {exc}") from None
    return reader


def extract_lines(
    path: Path, *, first: int = 0, last: int | None = None, reader: object = None
) -> list[Line]:
    """The body lines of pages ``first``..``last`` (0-based, end exclusive) of a PDF, with block breaks.

    Footers, page numbers, footnotes and footnote reference marks are removed. A line opens a block when the
    gap above it is wider than the line spacing; at the top of a page, where there is no gap to measure, when
    it starts with a label or the previous page's last line was a short line ending a sentence.
    """
    reader = reader if reader is not None else _open(path)
    pages = reader.pages  # type: ignore[attr-defined]
    last = len(pages) if last is None else min(last, len(pages))
    out: list[Line] = []
    prev_page: list[tuple[float, float, str]] = []
    for i in range(first, last):
        try:
            rows = _page_lines(pages[i])
        except Exception as exc:  # pypdf raises many kinds of errors on damaged pages
            raise SourceError(
                path, f"page {i + 1}", "a page with a readable text layer", f"{type(exc).__name__}: {exc}"
            ) from None
        for k, (y, size, text) in enumerate(rows):
            if k:
                py, psize, _ = rows[k - 1]
                brk = py - y > _GAP_FACTOR * max(size, psize)
            elif not out:
                brk = True
            else:
                brk = _opens_page(text, out[-1].text, prev_page)
            out.append(Line(text, i + 1, brk))
        if rows:
            prev_page = rows
    return out


def _opens_page(text: str, prev: str, prev_rows: list[tuple[float, float, str]]) -> bool:
    """Whether the first line of a page starts a new block (the PDF gives no gap to measure there)."""
    if _BLOCK_START.match(text):
        return True
    if prev.endswith(":") and text.startswith(("“", '"', "‘")):
        return True  # a quoted provision after "the following paragraph is added:"
    widest = max((len(t) for _, _, t in prev_rows), default=0)
    # A sentence that ends on a short line ends its paragraph; one ending on a full line may go on.
    return prev.endswith((".", ":", ";")) and len(prev) < 0.8 * widest


def lines_from_text(text: str) -> list[Line]:
    """Lines from plain text, one per line; a blank line opens a new block (as a gap does in the PDF)."""
    out: list[Line] = []
    brk = True
    for raw in text.splitlines():
        t = " ".join(raw.split())
        if not t:
            brk = True
            continue
        out.append(Line(t, 0, brk))
        brk = False
    return out


# ---------------------------------------------------------------------------------------------- blocks


@dataclass
class _Block:
    lines: list[str]
    page: int

    @property
    def first(self) -> str:
        return self.lines[0]


def _blocks(lines: Sequence[Line]) -> list[_Block]:
    """Group lines into blocks; a heading line ("Article 5", "TITLE II", "ANNEX I") always opens one.

    The lines after "Article 5" in its block are the article's heading; "Whereas:" stands alone.
    """
    out: list[_Block] = []
    for ln in lines:
        after_marker = bool(out) and bool(
            _WHEREAS.fullmatch(out[-1].lines[-1]) or _ADOPTED.match(out[-1].lines[-1])
        )
        starts = ln.brk or not out or _heading_line(ln.text) or after_marker
        if starts:
            out.append(_Block([ln.text], ln.page))
        else:
            out[-1].lines.append(ln.text)
    return out


def _heading_line(text: str) -> bool:
    return bool(
        _ARTICLE.match(text)
        or re.fullmatch(r"(TITLE|CHAPTER|ANNEX)\s+\w+", text)
        or _WHEREAS.fullmatch(text)
        or _ADOPTED.match(text)
    )


def _vocabulary(lines: Iterable[Line]) -> set[str]:
    words: set[str] = set()
    for ln in lines:
        words.update(w.lower() for w in re.findall(r"[A-Za-z]+", ln.text))
    return words


def _join(lines: Sequence[str], vocab: set[str]) -> str:
    """Join the lines of a block: hard breaks become spaces, words broken at a hyphen are rejoined.

    "high-" + "risk" stays "high-risk"; "obliga-" + "tions" becomes "obligations" because the document uses
    "obligations" elsewhere; "Logic-" + "and knowledge-based" keeps its space (a suspended hyphen).
    """
    out = ""
    for ln in lines:
        if not out:
            out = ln
            continue
        head = re.search(r"([A-Za-z]+)-$", out)
        tail = re.match(r"[A-Za-z]+", ln)
        if head and tail and not out.endswith(" -"):
            if tail.group().lower() in {"and", "or", "to", "und"}:
                out += " " + ln
            elif (head.group(1) + tail.group()).lower() in vocab:
                out = out[:-1] + ln
            else:
                out += ln
        else:
            out += " " + ln
    return " ".join(out.split())


# ------------------------------------------------------------------------------------------ tree building


@dataclass
class _N:
    """A node under construction (model nodes are frozen)."""

    kind: str
    num: str
    heading: str = ""
    text: list[str] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)
    children: list[_N] = field(default_factory=list)
    inferred: bool = False

    def freeze(self, lang: str) -> Node:
        return Node(
            kind=self.kind,
            num=self.num,
            heading=Texts.of(lang, self.heading) if self.heading else Texts(),
            text=Texts.of(lang, "\n".join(self.text)) if self.text else Texts(),
            wrap=Texts.of(lang, "\n".join(self.wrap)) if self.wrap else Texts(),
            children=tuple(c.freeze(lang) for c in self.children),
            inferred=self.inferred,
        )


def _sequence(first: str, n: int) -> list[str]:
    """``n`` labels counting on from ``first`` in its own style: 1, 2...; a, b...; i, ii..."""
    if first.isdigit():
        return [str(int(first) + k) for k in range(n)]
    if first in _ROMANS and first != "v" and first != "x":
        return [int_to_roman(roman_to_int(first) + k).lower() for k in range(n)]
    return [chr(ord(first) + k) if ord(first) + k <= ord("z") else f"z{k}" for k in range(n)]


def _renumber(nodes: list[_N], where: str, notes: list[str]) -> None:
    """Give repeated labels among siblings their position's number (the eIds need unique numbers).

    The proposal repeats labels ("(a)" twice in Article 1, "(1)" twice in Article 3): an auto-numbering slip
    in the source. The text is kept; the numbers follow the position.
    """
    for kind in {n.kind for n in nodes}:
        same = [n for n in nodes if n.kind == kind]
        nums = [n.num for n in same]
        if len(set(nums)) == len(nums):
            continue
        fixed = _sequence(nums[0], len(same))
        for n, new in zip(same, fixed, strict=True):
            if n.num != new:
                n.num, n.inferred = new, True
        repeated = sorted({x for x in nums if nums.count(x) > 1}, key=nums.index)
        notes.append(
            f"{where}: printed {kind} label(s) {', '.join(f'({x})' for x in repeated)} repeated; "
            f"the {len(same)} {kind}s numbered by position {fixed[0]}–{fixed[-1]}"
        )


def _check_sequence(nums: list[str], what: str, notes: list[str]) -> None:
    ints = [int(n) for n in nums if n.isdigit()]
    if not ints:
        return
    dups = sorted({n for n in ints if ints.count(n) > 1})
    gaps = sorted(set(range(ints[0], max(ints) + 1)) - set(ints))
    if dups:
        notes.append(f"{what}: duplicate numbers {dups}")
    if gaps:
        notes.append(f"{what}: numbers missing from the sequence {gaps}")


class _Provisions:
    """Paragraphs, points and sub-points of one article or annex, built block by block."""

    def __init__(self, owner: _N, where: str, notes: list[str], *, annex: bool = False) -> None:
        self.owner, self.where, self.notes, self.annex = owner, where, notes, annex
        self.para: _N | None = None  # current paragraph
        self.container: _N = owner  # where paragraphs go (the annex, or a section of it)
        self.style = ""  # "digit" or "alpha": the label style of the current paragraph's points

    # paragraphs -------------------------------------------------------------------------------------
    def paragraph(self, num: str, text: str) -> None:
        self.para = _N("paragraph", num, text=[text])
        self.container.children.append(self.para)
        self.style = ""

    def section(self, num: str, heading: str) -> None:
        sec = _N("section", num, heading=heading)
        self.owner.children.append(sec)
        self.container, self.para, self.style = sec, None, ""

    def _implicit_paragraph(self) -> _N:
        """The paragraph that points belong to when the article has no numbered paragraphs."""
        if self.para is None:
            if self.annex:
                return self.container  # annex points may sit directly in the annex or section
            text = self.owner.text
            self.owner.text = []
            self.para = _N("paragraph", "1", text=text)
            self.owner.children.append(self.para)
        return self.para

    # points -----------------------------------------------------------------------------------------
    def subnumbered(self, major: str, minor: str, text: str) -> None:
        """Annex items "3.1.": point ``minor`` of paragraph ``major``."""
        if self.para is None or self.para.num != major:
            self.notes.append(f"{self.where}: item {major}.{minor} outside paragraph {major}")
        parent = self._implicit_paragraph()
        self._heading_from_text(parent)
        parent.children.append(_N("point", minor, text=[text]))
        self.style = "decimal"

    def point(self, label: str, text: str) -> None:
        parent = self._implicit_paragraph()
        points = [c for c in parent.children if c.kind == "point"]
        style = "digit" if label.isdigit() else "alpha"
        current = points[-1] if points else None
        if current is not None and self._is_subpoint(label, style, current):
            current.children.append(_N("subpoint", label, text=[text]))
            return
        if not points:
            self.style = style
        parent.children.append(_N("point", label, text=[text]))

    def _is_subpoint(self, label: str, style: str, current: _N) -> bool:
        if self.style == "decimal":
            return True  # letters under "3.1." items
        if style != self.style:
            if self.style == "alpha" and style == "digit":
                return False
            if label in _ROMANS and self.style == "alpha":
                return self._roman_follows(label, current)
            return True  # letters under numbered definitions: Article 3, point (40)(a)
        if label in _ROMANS:
            return self._roman_follows(label, current)
        return False

    @staticmethod
    def _roman_follows(label: str, current: _N) -> bool:
        """Whether "(i)", "(v)", "(x)" continue sub-points of ``current`` rather than being letters i, v, x."""
        subs = [c.num for c in current.children]
        if not subs:
            # "(i)" after "(h)" is the letter unless point (h) announces a list ("... provides for:")
            return label == "i" and (current.num != "h" or "".join(current.text).rstrip().endswith(":"))
        return subs[-1] in _ROMANS and _ROMANS.index(label) == _ROMANS.index(subs[-1]) + 1

    # running text -----------------------------------------------------------------------------------
    def text(self, text: str) -> None:
        """An unlabelled block: the owner's intro, a further subparagraph, or text after the points."""
        if self.para is None:
            target = self.container
            if target.children:  # text after an annex's points: wrap of the last point
                target.children[-1].wrap.append(text)
            else:
                target.text.append(text)
            return
        points = [c for c in self.para.children if c.kind == "point"]
        if not points:
            if self.annex and len(self.para.text) == 1 and self._heading_like(self.para.text[0]):
                self._heading_from_text(self.para)  # "1. Introduction" above its text
            self.para.text.append(text)
            return
        last = points[-1]
        if self.style == "decimal" and not last.children:
            last.text.append(text)  # further subparagraphs of an annex item "4.6."
        else:
            # text after an annex item's sub-points wraps up that item; text after a paragraph's points wraps up
            # the paragraph, as in eurlex_html
            (last if self.style == "decimal" else self.para).wrap.append(text)

    @staticmethod
    def _heading_like(text: str) -> bool:
        return len(text) <= 80 and not text.endswith((".", ":", ";", ","))

    def _heading_from_text(self, para: _N) -> None:
        """A short numbered line followed by "3.1." items or by text is a heading ("3. Quality management")."""
        if para.kind == "paragraph" and not para.children and len(para.text) == 1 and len(para.text[0]) <= 80:
            para.heading, para.text = para.text[0], []
            self.notes.append(
                f"{self.where} paragraph {para.num}: short line {para.heading!r} read as its heading"
            )

    def finish(self) -> None:
        """Number repeated labels by position; move an article's intro text into its first paragraph."""
        if not self.annex and self.owner.text and self.owner.children:
            first = self.owner.children[0]
            first.text = self.owner.text + first.text
            self.owner.text = []
            self.notes.append(f"{self.where}: text before paragraph {first.num} joined to it")
        for node in [self.owner, *self.owner.children]:
            if node.kind == "section":
                self._finish_list(node.children, f"{self.where} section {node.num}")
        self._finish_list(self.owner.children, self.where)

    def _finish_list(self, nodes: list[_N], where: str) -> None:
        _renumber(nodes, where, self.notes)
        for n in nodes:
            if n.kind in ("paragraph", "point", "subpoint") and n.children:
                _renumber(n.children, f"{where} {n.kind} {n.num}", self.notes)
                for c in n.children:
                    if c.children:
                        _renumber(c.children, f"{where} {n.kind} {n.num} {c.kind} {c.num}", self.notes)


def _content_block(prov: _Provisions, text: str) -> None:
    """Route one block of an article or annex by its label."""
    if prov.annex and (m := _SUBNUM.match(text)):
        prov.subnumbered(m[1], m[2], m[3])
    elif m := _PARA.match(text):
        prov.paragraph(m[1], m[2])
    elif m := _POINT.match(text):
        prov.point(m[1], m[2])
    else:
        prov.text(text)


# --------------------------------------------------------------------------------------------- main text


@dataclass
class MainText:
    """What :func:`structure_main` finds: the body nodes, the printed title, whether "Whereas:" was seen."""

    body: tuple[Node, ...]
    title: str | None
    found_whereas: bool


def structure_main(lines: Sequence[Line], notes: list[str], *, lang: str = "en") -> MainText:
    """The preamble (recitals) and the enacting terms (titles, chapters, articles) from the main PDF's lines.

    Everything before "Whereas:" (memorandum, title, citations) and from the closing formula on (signature,
    financial statement) is dropped, with a note.
    """
    vocab = _vocabulary(lines)
    blocks = _blocks(lines)
    texts = [_join(b.lines, vocab) for b in blocks]
    i, n = 0, len(blocks)
    title = _proposal_title(texts)
    while i < n and not _WHEREAS.match(texts[i]):
        i += 1
    found = i < n
    if found:
        notes.append(
            f"dropped {i} blocks before 'Whereas:' (memorandum if read, title, citations 'Having regard to ...')"
        )
        i += 1
    else:
        i = next((k for k, t in enumerate(texts) if _ADOPTED.match(t)), 0)
        notes.append("no 'Whereas:' found: no recitals read")

    recitals: list[_N] = []
    while i < n and not _ADOPTED.match(texts[i]) and not _heading_line(blocks[i].first):
        m = _RECITAL.match(texts[i])
        if m:
            recitals.append(_N("recital", m[1], text=[m[2]]))
        elif recitals:
            recitals[-1].text.append(texts[i])
        else:
            notes.append(f"{_at(blocks[i].page)}text before the first recital dropped")
        i += 1
    if i < n and _ADOPTED.match(texts[i]):
        i += 1
    _check_sequence([r.num for r in recitals], "recitals", notes)

    body: list[_N] = []
    if recitals:
        body.append(_N("preamble", "", children=recitals))
    title_node: _N | None = None
    chapter: _N | None = None
    prov: _Provisions | None = None
    articles: list[_N] = []

    def close() -> None:
        if prov is not None:
            prov.finish()

    while i < n:
        text, block = texts[i], blocks[i]
        if _CLOSING.match(text):
            notes.append(
                f"{_at(block.page)}stopped at the closing formula; signature block and the "
                "legislative financial statement skipped"
            )
            break
        if (m := _TITLE.fullmatch(block.first)) and not m[2]:
            close()
            prov = None
            heading, i = _heading(blocks, texts, i, vocab)
            title_node, chapter = _N("title", m[1], heading=heading), None
            body.append(title_node)
            continue
        if (m := _CHAPTER.fullmatch(block.first)) and not m[2]:
            close()
            prov = None
            heading, i = _heading(blocks, texts, i, vocab)
            num = m[1] if m[1].isdigit() else str(_roman(m[1]) or m[1])
            chapter = _N("chapter", num, heading=heading)
            (title_node.children if title_node else body).append(chapter)
            continue
        if m := _ARTICLE.match(block.first):
            close()
            art = _N("article", m[1], heading=_join(block.lines[1:], vocab))
            parent = chapter or title_node
            (parent.children if parent else body).append(art)
            articles.append(art)
            prov = _Provisions(art, f"art {m[1]}", notes)
            i += 1
            continue
        if prov is None:
            notes.append(f"{_at(block.page)}text outside any article dropped: {text[:60]!r}")
        else:
            _content_block(prov, text)
        i += 1
    close()

    for art in articles:
        if not art.children:  # an article without numbered paragraphs is one paragraph
            art.children.append(_N("paragraph", "1", text=art.text or [""]))
            art.text = []
            if not art.children[0].text[0]:
                notes.append(f"art {art.num}: no text")
    _check_sequence([a.num for a in articles], "articles", notes)
    return MainText(tuple(x.freeze(lang) for x in body), title, found)


def _roman(s: str) -> int | None:
    try:
        return roman_to_int(s)
    except ValueError:  # "ANNEX IIII": kept as printed
        return None


def _at(page: int) -> str:
    return f"page {page}: " if page else ""


def _heading(blocks: list[_Block], texts: list[str], i: int, vocab: set[str]) -> tuple[str, int]:
    """Heading of the TITLE/CHAPTER line at ``i``: the rest of its block, or the next block."""
    rest = blocks[i].lines[1:]
    if rest:
        return _join(rest, vocab), i + 1
    nxt = i + 1
    if nxt < len(blocks) and not _heading_line(blocks[nxt].first) and not _BLOCK_START.match(texts[nxt]):
        return texts[nxt], nxt + 1
    return "", nxt


def _proposal_title(texts: list[str]) -> str | None:
    """The printed title above the citations: Proposal for a REGULATION ... LEGISLATIVE ACTS."""
    for k, t in enumerate(texts[:400]):
        if t.startswith("Proposal for a") and len(t) < 40:
            parts = [t]
            for nxt in texts[k + 1 : k + 5]:
                # the title is set in capitals; the citations ("THE EUROPEAN PARLIAMENT ..., Having regard")
                # follow it
                if nxt != nxt.upper() or nxt.startswith("THE EUROPEAN PARLIAMENT"):
                    break
                parts.append(nxt)
            return " ".join(parts)
    return None


# ------------------------------------------------------------------------------------------------ annexes


def structure_annexes(lines: Sequence[Line], notes: list[str], *, lang: str = "en") -> tuple[Node, ...]:
    """Annexes from the annex PDF's lines: ``annex`` nodes with sections, paragraphs ("1."), points."""
    vocab = _vocabulary(lines)
    blocks = _split_sections(_blocks(lines))
    annexes: list[_N] = []
    prov: _Provisions | None = None
    for block in blocks:
        if m := _ANNEX.match(block.first):
            if prov is not None:
                prov.finish()
            annex = _N("annex", m[1], heading=_join(block.lines[1:], vocab))
            annexes.append(annex)
            prov = _Provisions(annex, f"annex {m[1]}", notes, annex=True)
            continue
        if prov is None:
            continue  # the cover page
        text = _join(block.lines, vocab)
        if m := _SECTION.match(text):
            prov.section(m[1], m[2])
        else:
            _content_block(prov, text)
    if prov is not None:
        prov.finish()
    _check_sequence([str(_roman(a.num) or 0) for a in annexes], "annexes", notes)
    return tuple(a.freeze(lang) for a in annexes)


def _split_sections(blocks: list[_Block]) -> list[_Block]:
    """Split "Section A – ..." lines off the annex heading block they are printed under without a gap."""
    out: list[_Block] = []
    for b in blocks:
        start = 0
        for k, ln in enumerate(b.lines):
            if k and _SECTION.match(ln):
                out.append(_Block(b.lines[start:k], b.page))
                start = k
        out.append(_Block(b.lines[start:], b.page))
    return out


# --------------------------------------------------------------------------------------------------- read


def read(paths: Sequence[Path], *, lang: str = "en", encoding: str = "utf-8") -> Document:
    """Read the proposal's main PDF and its annexes PDF (either order) into one Document.

    ``encoding`` is ignored: PDFs carry their own. Raises :class:`SourceError` for a file that is not a
    readable PDF, for two main documents, and when no article is found.
    """
    del encoding
    paths = [Path(p) for p in paths]
    if not paths:
        raise SourceError("<no file>", "arguments", "the main PDF and the annexes PDF")
    notes: list[str] = []
    main: tuple[Path, MainText] | None = None
    annexes: list[Node] = []
    for path in paths:
        reader = _open(path)
        total = len(reader.pages)  # type: ignore[attr-defined]
        start, stop = _page_range(reader)
        found, sub = _read_pages(path, reader, start, stop, lang)
        if (start, stop) != (0, total) and not _complete(found):
            start, stop = 0, total  # the page hint missed the text: read every page
            found, sub = _read_pages(path, reader, start, stop, lang)
        if isinstance(found, MainText):
            if main is not None:
                raise SourceError(path, "whole file", "one main document and one annexes document, not two")
            if start > 0:
                notes.append(f"{path.name}: {_pages(1, start)} (explanatory memorandum) not read")
            if stop < total:
                notes.append(
                    f"{path.name}: {_pages(stop + 1, total)} (legislative financial statement) not read"
                )
            if not _has_articles(found.body):
                raise SourceError(path, _pages(start + 1, stop), "at least one 'Article N' heading")
            main = (path, found)
        elif not found:
            raise SourceError(path, _pages(start + 1, stop), "'Article N' or 'ANNEX I' headings")
        else:
            annexes.extend(found)
        notes.extend(f"{path.name}: {s}" for s in sub)
    if main is None:
        raise SourceError(paths[0], "whole file", "a main document with 'Article N' headings")
    if len(paths) == 1:
        notes.append("no annexes file given")
    path, result = main
    return Document(
        lang=lang, body=result.body + tuple(annexes), path=str(path), title=result.title, notes=tuple(notes)
    )


def _read_pages(
    path: Path, reader: object, start: int, stop: int, lang: str
) -> tuple[MainText | tuple[Node, ...], list[str]]:
    """The main text (a file with articles or recitals) or the annexes found on pages ``start``..``stop``."""
    lines = extract_lines(path, first=start, last=stop, reader=reader)
    notes: list[str] = []
    if _is_main(lines):
        return structure_main(lines, notes, lang=lang), notes
    return structure_annexes(lines, notes, lang=lang), notes


def _complete(found: MainText | tuple[Node, ...]) -> bool:
    if isinstance(found, MainText):
        return found.found_whereas and _has_articles(found.body)
    return bool(found)


def _pages(first: int, last: int) -> str:
    return f"page {first}" if first >= last else f"pages {first}–{last}"


def _has_articles(body: tuple[Node, ...]) -> bool:
    return any(n.kind == "article" for top in body for n in top.walk())


def _is_main(lines: Sequence[Line]) -> bool:
    """The main document has articles or recitals; the annexes document has neither."""
    return any(_ARTICLE.match(ln.text) or _WHEREAS.fullmatch(ln.text) for ln in lines)
