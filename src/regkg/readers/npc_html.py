"""Reader for the NPC English reference translation (en.npc.gov.cn), an act split over several HTML pages.

The law text of each page sits between ``<!--enpcontent-->`` and ``<!--/enpcontent-->``; everything else is
site chrome. Each ``<p>`` is one line: a heading ("Chapter II" then the heading on the next line, or
"Section 1 General Rules" on one line), "Article N ..." starting an article, "(1) ..." a point, or a further
paragraph. Article labels are bold (``<strong>Article 13</strong>``); where the pages bold them, a paragraph
that merely begins with "Article 17 of this Law ..." does not start an article.

The table of contents ("Contents" followed by "Chapter I General Provisions" lines) may be repeated on every
page. Inside it only headings are recorded; it ends at the first other line (or a chapter it already listed)
and reading carries on where it was, even in the middle of an article. Chapters and sections are keyed by
number, so a repeated label makes that division current again instead of creating a duplicate.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

import lxml.html
from lxml import etree

from ..errors import SourceError
from ..model import Document, Node, Texts
from . import _en_blocks as blocks

_CONTENT = re.compile(r"<!--\s*enpcontent\s*-->(.*?)<!--\s*/enpcontent\s*-->", re.S | re.I)
_CHAPTER = re.compile(r"^Chapter\s+([IVXLC]+|\d+)\b\.?\s*(.*)$", re.I)
_SECTION = re.compile(r"^Section\s+(\d+)\b\.?\s*(.*)$", re.I)
_ARTICLE = re.compile(r"^Article\s+(\d+)\b\s*(.*)$")


@dataclass
class _Division:
    kind: str
    num: str
    heading: str = ""
    items: list = field(default_factory=list)  # _Article or _Division, in document order


@dataclass
class _Article:
    num: str
    where: str
    lines: list[str] = field(default_factory=list)


def _page_lines(path: Path, encoding: str) -> tuple[list[tuple[str, str, bool]], list[str]]:
    """``(position, text, has_bold_article_label)`` of every ``<p>`` inside the content markers, and notes."""
    text = blocks.decode(path, blocks.read_bytes(path), encoding)
    segments = _CONTENT.findall(text)
    if not segments:
        return [], [f"{path.name}: no <!--enpcontent--> block; page skipped"]
    lines: list[tuple[str, str, bool]] = []
    for s, segment in enumerate(segments, 1):
        try:
            root = lxml.html.fragment_fromstring(segment, create_parent="div")
        except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
            raise SourceError(path, f"content block {s}", "HTML paragraphs", str(exc)) from None
        for br in root.iter("br"):  # a line break inside a <p> separates words
            br.tail = " " + (br.tail or "")
        for i, p in enumerate(root.iter("p"), 1):
            line = blocks.norm(p.text_content())
            if line:
                bold = any(_ARTICLE.match(blocks.norm(b.text_content())) for b in p.iter("strong", "b"))
                lines.append((f"{path.name}, content block {s}, paragraph {i}", line, bold))
    return lines, []


def read(paths: Sequence[Path], *, lang: str = "en", encoding: str = "utf-8") -> Document:
    """Read the pages of one NPC English translation, in order, into one document."""
    if not paths:
        raise SourceError("(no file)", "arguments", "at least one NPC HTML page")
    notes: list[str] = []
    lines: list[tuple[str, str, bool]] = []
    for path in paths:
        page, page_notes = _page_lines(Path(path), encoding)
        lines += page
        notes += page_notes

    top: list = []  # articles before any chapter, then chapters
    chapters: dict[str, _Division] = {}
    chapter: _Division | None = None
    section: _Division | None = None
    heading_of: _Division | None = None  # division whose heading continues on the following lines
    pending: list[str] = []
    article: _Article | None = None
    articles: list[_Article] = []
    title = None
    front: set[str] = set()  # the title and adoption note, skipped where a later page repeats them
    toc: dict[tuple[str, ...], str] | None = None  # headings listed by the contents block being read
    toc_headings: dict[tuple[str, ...], str] = {}
    toc_chapter = ""

    def close_heading() -> None:
        nonlocal heading_of, pending
        if heading_of is not None and pending:
            text = " ".join(pending)
            if not heading_of.heading:
                heading_of.heading = text
            elif heading_of.heading != text:
                notes.append(
                    f"{heading_of.kind} {heading_of.num}: heading {text!r} differs from {heading_of.heading!r}"
                )
        heading_of, pending = None, []

    bold_labels = any(bold for _, line, bold in lines if _ARTICLE.match(line))
    for where, line, bold in lines:
        chap = _CHAPTER.match(line)
        chap_num = blocks.chapter_num(chap.group(1)) if chap else None
        sect = _SECTION.match(line)
        if toc is not None:
            # Inside a contents block: "Chapter I Heading" / "Section 1 Heading" entries only record
            # headings. The block ends at any other line, or at a chapter it already listed (the body's
            # first heading), and the reading state from before it (even mid-article) carries on.
            if chap_num and chap.group(2) and ("chapter", chap_num) not in toc:
                toc[("chapter", chap_num)] = toc_chapter = chap_num
                toc_headings[("chapter", chap_num)] = chap.group(2)
                continue
            if sect and sect.group(2) and toc_chapter:
                toc_headings[("section", toc_chapter, sect.group(1))] = sect.group(2)
                continue
            toc = None
        if line in front:
            continue
        if line.lower() == "contents":
            close_heading()
            toc, toc_chapter = {}, ""
        elif (m := _ARTICLE.match(line)) and (bold or not bold_labels):
            close_heading()
            article = _Article(m.group(1), where, [m.group(2)] if m.group(2) else [])
            articles.append(article)
            parent = section or chapter
            (parent.items if parent else top).append(article)
        elif chap_num:
            close_heading()
            article, section = None, None
            if chap_num not in chapters:
                chapters[chap_num] = _Division("chapter", chap_num)
                top.append(chapters[chap_num])
            chapter = chapters[chap_num]
            heading_of, pending = chapter, [chap.group(2)] if chap.group(2) else []
        elif sect and chapter is not None:
            close_heading()
            article = None
            found = [d for d in chapter.items if isinstance(d, _Division) and d.num == sect.group(1)]
            if found:
                section = found[0]
            else:
                section = _Division("section", sect.group(1))
                chapter.items.append(section)
            heading_of, pending = section, [sect.group(2)] if sect.group(2) else []
        elif heading_of is not None:
            pending.append(line)
        elif article is not None:
            article.lines.append(line)
        elif not chapters:
            title = title or line  # the act's title heads the first page
            front.add(line)
        else:
            notes.append(f"{where}: text outside any article ignored: {line[:40]!r}")
    close_heading()

    # Headings the body does not give are taken from the contents block.
    for num, chap in chapters.items():
        chap.heading = chap.heading or toc_headings.get(("chapter", num), "")
        for item in chap.items:
            if isinstance(item, _Division):
                item.heading = item.heading or toc_headings.get(("section", num, item.num), "")

    if not articles:
        raise SourceError(
            ", ".join(str(p) for p in paths), "content blocks", "at least one 'Article N' paragraph"
        )
    notes += blocks.numbering_notes([a.num for a in articles], "article")

    def build(item) -> Node | None:
        if isinstance(item, _Article):
            paras, para_notes = blocks.paragraphs(item.lines, lang, f"art {item.num}")
            notes.extend(para_notes)
            return Node("article", item.num, children=paras)
        children = tuple(n for n in (build(i) for i in item.items) if n is not None)
        if not children:
            notes.append(
                f"{item.kind} {item.num} ({item.heading}) has no articles; dropped (table of contents only?)"
            )
            return None
        return Node(item.kind, item.num, heading=Texts.of(lang, item.heading or None), children=children)

    body = tuple(n for n in (build(i) for i in top) if n is not None)
    return Document(lang, body, path=", ".join(str(p) for p in paths), title=title, notes=tuple(notes))
