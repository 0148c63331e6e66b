"""Reader for the EUR-Lex HTML of an Official Journal act (eu-ai-act-2024/en.html).

The CONVEX HTML marks its divisions with element ids: ``rct_N`` (recitals), ``cpt_III`` and
``cpt_III.sct_1`` (chapters, sections; the heading in ``<id>.tit_1``), ``art_N`` (articles; heading in
``art_N.tit_1``), numbered paragraphs in ``<div id="005.001">``, and ``anx_III`` (annexes). Lists are
two- or three-cell tables: a label cell ("(a)", "(1)", "(i)", "1.", "—") and a content cell that may hold
nested tables. Footnote references (``<a>`` around ``span.oj-note-tag``) and footnote texts (``p.oj-note``)
are removed before any text is read.

Text inside a list item or paragraph before its sub-list is the node's ``text``; text after the sub-list is
its ``wrap`` (the EU "wrap-up" subparagraph). Unnumbered subparagraphs are joined with newlines. Quoted
provisions of amending articles (``div`` without an id) are kept as text, not as structure.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import SourceError
from ..model import Document, Node, Texts
from ..numerals import roman_to_int
from . import _en_blocks as blocks

_ROMAN = r"(?=[IVXLCDM])M{0,3}(?:CM|CD|D?C{0,3})(?:XC|XL|L?X{0,3})(?:IX|IV|V?I{0,3})"
_RECITAL = re.compile(r"^rct_(\d+)$")
_CHAPTER = re.compile(rf"^cpt_({_ROMAN})$")
_SECTION = re.compile(rf"^cpt_({_ROMAN})\.sct_(\d+)$")
_ARTICLE = re.compile(r"^art_(\d+)$")
_ANNEX = re.compile(rf"^anx_({_ROMAN})$")
_PARA_DIV = re.compile(r"^\d{3}\.\d{3}$")
_PARA_NUM = re.compile(r"^(\d+[a-z]?)\.\s+(.*)$", re.S)
_LABELS = (
    (re.compile(r"^\((\d+[a-z]?)\)$"), "num"),  # (1), (12a)
    (re.compile(r"^\(([a-z]{1,5})\)$"), "alpha"),  # (a), (aa), (iv)
    (re.compile(r"^(\d+(?:\.\d+)*)\.?$"), "dotted"),  # 1. / 3.1.
    (re.compile(r"^[—–\-•]$"), "dash"),
)
_SECTION_HEAD = re.compile(r"^(?:Section\s+([A-Z0-9]+)|(\d+(?:\.\d+)*))\s*[.:—–-]?\s*(.*)$", re.S)
_SKIP = {"col", "colgroup", "hr", "img", "script", "style"}
_INLINE = {"a", "span", "em", "strong", "b", "i", "sup", "sub", "u", "abbr", "br"}


@dataclass
class _Item:
    """A node being built: text lines before its children, the children, and lines after them."""

    kind: str
    num: str
    heading: str = ""
    lines: list[str] = field(default_factory=list)
    children: list[_Item] = field(default_factory=list)
    wrap: list[str] = field(default_factory=list)
    label_kind: str = ""

    def add_text(self, line: str) -> None:
        (self.wrap if self.children else self.lines).append(line)

    def node(self) -> Node:
        return Node(
            self.kind,
            self.num,
            heading=Texts.of("en", self.heading or None),
            text=Texts.of("en", "\n".join(self.lines) or None),
            children=tuple(c.node() for c in self.children),
            wrap=Texts.of("en", "\n".join(self.wrap) or None),
        )


def _text(el) -> str:
    # itertext() works on every element (text_content() only on lxml.html ones) and skips comments
    return blocks.norm("".join(el.itertext()))


def _classes(el) -> set[str]:
    return set((el.get("class") or "").split())


def _label(text: str) -> tuple[str, str] | None:
    """``(num, label_kind)`` of a list label, or None if ``text`` is not one."""
    for rx, kind in _LABELS:
        if m := rx.match(text):
            return (m.group(1) if kind != "dash" else ""), kind
    return None


def _child_kind(parent: _Item, label_kind: str) -> str:
    if parent.kind in ("annex", "section"):
        return "paragraph" if label_kind == "dotted" else "point"
    if parent.kind in ("article", "paragraph"):
        return "point"
    return "subpoint"


def _lines(el) -> list[str]:
    """Text lines of ``el``: one per ``p``, one per table row (label and text joined)."""
    if el.tag == "table":
        return [line for row in _rows(el) for line in _row_lines([c for c in row if c.tag in ("td", "th")])]
    if el.tag == "p" or not any(isinstance(k.tag, str) and k.tag not in _INLINE for k in el):
        line = _text(el)
        return [line] if line else []
    out = [el.text.strip()] if el.text and el.text.strip() else []
    for k in el:
        if isinstance(k.tag, str):
            out += _lines(k)
        if k.tail and k.tail.strip():
            out.append(blocks.norm(k.tail))
    return out


def _row_lines(cells: list) -> list[str]:
    """Lines of one table row; a short first cell (a list label) is put in front of the next line."""
    cells = [c for c in cells if _text(c)]
    if len(cells) >= 2 and len(_text(cells[0])) <= 12 and len(_lines(cells[0])) == 1:
        rest = [line for c in cells[1:] for line in _lines(c)]
        if rest:
            return [f"{_text(cells[0])} {rest[0]}", *rest[1:]]
    return [line for c in cells for line in _lines(c)]


def _rows(table) -> list:
    """The rows of a list table (``tr`` directly in the table or in its ``tbody``)."""
    rows = []
    for child in table:
        if child.tag == "tr":
            rows.append(child)
        elif child.tag == "tbody":
            rows.extend(r for r in child if r.tag == "tr")
    return rows


class _Reader:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.notes: list[str] = []

    # -- generic content ---------------------------------------------------------------------------
    def fill(self, item: _Item, elements: Iterable, where: str) -> None:
        """Add the text lines and list items found in ``elements`` to ``item``."""
        for el in elements:
            if not isinstance(el.tag, str):
                continue
            tag = el.tag
            if tag == "table":
                self.table(item, el, where)
            elif tag == "div" and "oj-enumeration-spacing" in _classes(el):
                kids = [k for k in el if isinstance(k.tag, str)]
                lab = _label(_text(kids[0])) if kids else None
                if lab is None:
                    self.flat(item, el)
                else:
                    self.list_item(item, lab, _text(kids[0]), kids[1:], where)
            elif tag == "div":
                # a quoted provision (amending articles) or a plain wrapper: its text, not its structure
                self.flat(item, el)
            elif tag not in _SKIP and (line := _text(el)):
                item.add_text(line)

    def table(self, item: _Item, table, where: str) -> None:
        for row in _rows(table):
            cells = [c for c in row if c.tag in ("td", "th")]
            filled = [c for c in cells if _text(c) or len(c)]
            if len(filled) >= 2 and (lab := _label(_text(filled[0]))) is not None:
                content = [k for c in filled[1:] for k in self.cell_children(c)]
                self.list_item(item, lab, _text(filled[0]), content, where)
            else:
                for line in _row_lines(filled):
                    item.add_text(line)

    @staticmethod
    def cell_children(cell) -> list:
        """The children of a cell, with loose text in the cell wrapped as a paragraph."""
        kids = list(cell)
        if cell.text and cell.text.strip():
            p = etree.Element("p")
            p.text = cell.text
            kids.insert(0, p)
        return kids

    def list_item(self, parent: _Item, lab: tuple[str, str], label: str, content: list, where: str) -> None:
        num, label_kind = lab
        if parent.wrap:
            # A second list after a subparagraph (Art. 43(1)): its labels would repeat the first list's
            # numbers, so it stays text, in order, in the wrap-up.
            self.notes.append(f"{where}: a second list after a subparagraph kept as text in the wrap")
            lines = [line for el in content for line in _lines(el)] or [""]
            parent.wrap += [f"{label} {lines[0]}".strip(), *lines[1:]]
            return
        kind = _child_kind(parent, label_kind)
        if label_kind == "dash":
            num = str(sum(1 for c in parent.children if c.label_kind == "dash") + 1)
            if num == "1":
                self.notes.append(f"{where}: '—' items numbered 1, 2, ... by position")
        if parent.kind == "subpoint":
            self.notes.append(f"{where}: list nested below a sub-point kept as kind subpoint")
        if parent.children and parent.children[-1].kind != kind:
            self.notes.append(f"{where}: {kind} ({num}) follows a {parent.children[-1].kind}")
        child = _Item(kind, num, label_kind=label_kind)
        parent.children.append(child)
        self.fill(child, content, f"{where} ({num})")

    def flat(self, item: _Item, el) -> None:
        """Add ``el``'s text as lines, one per paragraph or list row, list labels kept in the text."""
        for line in _lines(el):
            item.add_text(line)

    # -- divisions ---------------------------------------------------------------------------------
    def article(self, div) -> Node:
        num = _ARTICLE.match(div.get("id")).group(1)
        where = f"art {num}"
        heading = ""
        body = []
        for child in div:
            if not isinstance(child.tag, str):
                continue
            if "oj-ti-art" in _classes(child):
                m = re.match(r"^Article\s+(\d+)", _text(child))
                if not m or m.group(1) != num:
                    self.notes.append(f"{where}: heading line reads {_text(child)!r}")
            elif child.get("id", "").startswith(f"art_{num}.tit"):
                heading = " ".join(_text(p) for p in child.iter("p") if _text(p))
            else:
                body.append(child)
        art = _Item("article", num, heading=heading)
        numbered = [c for c in body if c.tag == "div" and _PARA_DIV.match(c.get("id") or "")]
        if not numbered:
            para = _Item("paragraph", "1")
            self.fill(para, body, where)
            art.children.append(para)
        else:
            para = None
            for child in body:
                if child in numbered:
                    para = self.numbered_paragraph(child, where)
                    art.children.append(para)
                elif para is None:
                    self.notes.append(f"{where}: text before paragraph 1 kept as an unnumbered paragraph")
                    para = _Item("paragraph", "")
                    art.children.append(para)
                    self.fill(para, [child], where)
                else:
                    self.fill(para, [child], where)
        if not art.children[0].lines and not art.children[0].children:
            self.notes.append(f"{where}: no text")
        return art.node()

    def numbered_paragraph(self, div, where: str) -> _Item:
        para = _Item("paragraph", "")
        kids = [k for k in div if isinstance(k.tag, str)]
        first = kids[0] if kids else None
        m = _PARA_NUM.match(_text(first)) if first is not None and first.tag == "p" else None
        if m:
            para.num = m.group(1)
            para.lines.append(m.group(2))
            kids = kids[1:]
        else:
            para.num = str(int(div.get("id").split(".")[1]))
            self.notes.append(
                f"{where}: paragraph {para.num} has no printed number; taken from its element id"
            )
        self.fill(para, kids, f"{where}({para.num})")
        return para

    def recital(self, div) -> Node:
        num = _RECITAL.match(div.get("id")).group(1)
        item = _Item("recital", num)
        tables = [t for t in div if t.tag == "table"]
        rows = [r for t in tables for r in _rows(t)]
        cells = [c for r in rows for c in r if c.tag == "td"]
        if len(cells) >= 2 and _label(_text(cells[0])):
            printed = _label(_text(cells[0]))[0]
            if printed != num:
                self.notes.append(f"recital {num}: printed number ({printed})")
            for cell in cells[1:]:
                self.fill(item, self.cell_children(cell), f"recital {num}")
        else:
            self.fill(item, list(div), f"recital {num}")
        return item.node()

    def annex(self, div) -> Node:
        roman = _ANNEX.match(div.get("id")).group(1)
        where = f"annex {roman}"
        annex = _Item("annex", roman)
        target = annex
        titles: list[str] = []
        for child in div:
            if not isinstance(child.tag, str):
                continue
            cls = _classes(child)
            if "oj-doc-ti" in cls:
                titles.append(_text(child))
            elif "oj-ti-grseq-1" in cls:
                line = _text(child)
                m = _SECTION_HEAD.match(line)
                if m and (m.group(1) or m.group(2)):
                    target = _Item("section", m.group(1) or m.group(2), heading=m.group(3).strip())
                    annex.children.append(target)
                elif target is not annex and not target.heading and not target.lines and not target.children:
                    target.heading = line
                else:
                    self.notes.append(f"{where}: unnumbered heading {line!r} kept as text")
                    target.add_text(line)
            else:
                self.fill(target, [child], where)
        if titles and not re.match(rf"^ANNEX\s+{roman}$", titles[0], re.I):
            self.notes.append(f"{where}: title line reads {titles[0]!r}")
        annex.heading = " ".join(titles[1:])
        return annex.node()


def _drop_note(el) -> None:
    """Remove a footnote marker or text, and the no-break space the OJ puts before a marker."""
    if el.tail and el.tail[:1] in ",.;:)’”":
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "").rstrip()
        else:
            parent = el.getparent()
            parent.text = (parent.text or "").rstrip()
    el.drop_tree()


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


def _prepare(path: Path, data: bytes, encoding: str):
    # Decode strictly ourselves (lxml would silently drop bad bytes); lxml refuses a str that still
    # carries an XML encoding declaration, so that goes.
    text = _XML_DECL.sub("", blocks.decode(path, data, encoding), count=1)
    try:
        root = lxml.html.document_fromstring(text)
    except (etree.ParserError, etree.XMLSyntaxError, ValueError, LookupError) as exc:
        raise SourceError(path, "document", "an EUR-Lex HTML page", str(exc) or type(exc).__name__) from None
    if root is None:
        raise SourceError(path, "document", "an EUR-Lex HTML page", "(empty)")
    # Footnote markers and texts first, so no later text extraction can see them.
    for el in root.xpath('//a[.//span[contains(@class,"oj-note-tag")]] | //*[contains(@class,"oj-note")]'):
        if el.getparent() is not None:
            _drop_note(el)
    for el in root.xpath("//script | //style | //noscript"):
        if el.getparent() is not None:
            el.drop_tree()
    for br in root.iter("br"):
        br.tail = " " + (br.tail or "")
    return root


def read(paths: Sequence[Path], *, lang: str = "en", encoding: str = "utf-8") -> Document:
    """Read one EUR-Lex act: preamble recitals, chapters/sections/articles, annexes."""
    if len(paths) != 1:
        raise SourceError(
            ", ".join(map(str, paths)) or "(no file)", "arguments", "exactly one EUR-Lex HTML file"
        )
    path = Path(paths[0])
    if lang != "en":
        raise SourceError(path, "arguments", "lang 'en' (the reader keeps English labels)", lang)
    root = _prepare(path, blocks.read_bytes(path), encoding)
    reader = _Reader(path)

    recitals: list[Node] = []
    body: list[Node] = []
    chapters: dict = {}  # chapter element id -> div
    loose_articles: list[Node] = []
    annexes: list[Node] = []
    article_nums: list[str] = []
    parts: dict[str, Node] = {}  # element id -> built article, so chapters can pick their articles up
    for div in root.iter("div"):
        ident = div.get("id") or ""
        if _RECITAL.match(ident):
            recitals.append(reader.recital(div))
        elif _ARTICLE.match(ident):
            node = reader.article(div)
            article_nums.append(node.num)
            parts[ident] = node
            if not any(_CHAPTER.match(a.get("id") or "") for a in div.iterancestors("div")):
                loose_articles.append(node)
        elif _ANNEX.match(ident):
            annexes.append(reader.annex(div))
        elif _CHAPTER.match(ident):
            chapters[ident] = div
    if not article_nums:
        raise SourceError(path, "document", "articles (elements with ids art_1, art_2, ...)", "none")

    def heading(div, ident: str) -> str:
        tit = div.find(f".//*[@id='{ident}.tit_1']")
        return " ".join(_text(p) for p in tit.iter("p") if _text(p)) if tit is not None else ""

    def articles_in(div) -> list[Node]:
        return [parts[d.get("id")] for d in div.iter("div") if d.get("id") in parts]

    if recitals:
        body.append(Node("preamble", "", children=tuple(recitals)))
    body += loose_articles
    for ident, div in chapters.items():
        roman = _CHAPTER.match(ident).group(1)
        children: list[Node] = []
        for child in div:
            cid = child.get("id") or "" if isinstance(child.tag, str) else ""
            if m := _SECTION.match(cid):
                children.append(
                    Node(
                        "section",
                        m.group(2),
                        heading=Texts.of("en", heading(child, cid) or None),
                        children=tuple(articles_in(child)),
                    )
                )
            elif cid in parts:
                children.append(parts[cid])
        placed = {a.num for c in children for a in c.walk() if a.kind == "article"}
        for art in articles_in(div):
            if art.num not in placed:  # nested in some other wrapper: keep it, at the chapter's end
                reader.notes.append(f"chapter {roman}: article {art.num} outside any section; put last")
                children.append(art)
        if not children:
            reader.notes.append(f"chapter {roman}: no articles")
        body.append(
            Node(
                "chapter",
                roman,
                heading=Texts.of("en", heading(div, ident) or None),
                children=tuple(children),
            )
        )
    body += annexes
    reader.notes += blocks.numbering_notes(article_nums, "article")
    if recitals:
        reader.notes += blocks.numbering_notes([r.num for r in recitals], "recital")
    _check_romans(reader.notes, [n.num for n in body if n.kind == "chapter"], "chapter")
    _check_romans(reader.notes, [n.num for n in annexes], "annex")
    title_el = root.find(".//*[@id='tit_1']")
    title = None
    if title_el is not None:
        lines = [_text(p) for p in title_el.iter("p") if _text(p) and not _text(p).startswith("(Text with")]
        title = " ".join(lines) or None
    notes = tuple(dict.fromkeys(reader.notes))  # one note per place, not per list item
    return Document("en", tuple(body), path=str(path), title=title, notes=notes)


def _check_romans(notes: list[str], romans: list[str], what: str) -> None:
    expected = 1
    for r in romans:
        n = roman_to_int(r)
        if n != expected:
            notes.append(f"{what} {r} where {what} number {expected} was expected")
        expected = n + 1
