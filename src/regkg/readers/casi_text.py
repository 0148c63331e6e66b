"""Reader for the CASI English translation as normalised plain text (genai-measures-2023/en.txt).

Layout: a header block of ``Key: value`` lines (Source, Publication, Translator, Published, Canonical URL,
Normalization), then blocks headed by a line ``Article N``. Inside an article, blank lines separate
paragraphs; a line starting "(1)" is a point of the paragraph before it. The text has no chapter headings
(the normaliser dropped them), so articles are returned at the top level for the aligner to place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Node
from . import _en_blocks as blocks

_ARTICLE = re.compile(r"^Article\s+(\d+)\b[.:]?\s*(.*)$")
_BARE_ARTICLE = re.compile(r"^Article\s+\d+[.:]?$")
_HEADER = re.compile(r"^([A-Z][A-Za-z ]{1,30}):\s*(.*)$")
_SERIES = "In Their Own Words:"


def _blocks(lines: list[str]) -> list[str]:
    """Join hard-wrapped lines into paragraphs: a blank line or a point label starts a new one."""
    out: list[str] = []
    fresh = True
    for line in lines:
        line = blocks.norm(line)
        if not line:
            fresh = True
        elif fresh or blocks.POINT_EN.match(line):
            out.append(line)
            fresh = False
        else:
            out[-1] += " " + line
    return out


def read(paths: Sequence[Path], *, lang: str = "en", encoding: str = "utf-8") -> Document:
    """Read one CASI plain-text translation."""
    if len(paths) != 1:
        raise SourceError(", ".join(map(str, paths)) or "(no file)", "arguments", "exactly one text file")
    path = Path(paths[0])
    text = blocks.decode(path, blocks.read_bytes(path), encoding)
    notes: list[str] = []
    header: dict[str, str] = {}
    stray: list[int] = []
    articles: list[tuple[str, list[str]]] = []
    lines = text.splitlines()
    # Headings stand alone on their line; only if none does may one carry text ("Article 1 These ...").
    # So a paragraph beginning "Article 17 of these measures ..." is not taken for a heading.
    bare = any(_BARE_ARTICLE.match(line.strip()) for line in lines)
    for lineno, line in enumerate(lines, 1):
        if (m := _ARTICLE.match(line.strip())) and (not bare or not m.group(2)):
            articles.append((m.group(1), [m.group(2)]))
        elif articles:
            articles[-1][1].append(line)
        elif m := _HEADER.match(line.strip()):
            header[m.group(1).strip()] = m.group(2).strip()
        elif line.strip():
            stray.append(lineno)
    if not articles:
        raise SourceError(path, "end of file", "an 'Article N' line", text.strip()[:40] or "(empty file)")
    if not header:
        notes.append("no header block (Source:, Publication:, Translator: ...)")
    if stray:
        span = f"line {stray[0]}" if len(stray) == 1 else f"lines {stray[0]}..{stray[-1]}"
        notes.append(f"text before the first article ignored ({span})")
    notes += blocks.numbering_notes([num for num, _ in articles], "article")
    body = []
    for num, article_lines in articles:
        paras, para_notes = blocks.paragraphs(_blocks(article_lines), lang, f"art {num}")
        notes += para_notes
        body.append(Node("article", num, children=paras))
    title = header.get("Publication", "").removeprefix(_SERIES).strip() or None
    return Document(lang, tuple(body), path=str(path), title=title, notes=tuple(notes))
