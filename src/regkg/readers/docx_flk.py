"""flk DOCX: the National Database of Laws and Regulations' Word files (flk.npc.gov.cn).

One Word paragraph per line of the statute: title, adoption note in parentheses, 目录 (table of contents),
chapter and section headings, 第N条 article starts, further paragraphs, points （一） on their own lines.
The same reader handles the NPCSC amendment decisions (items 一、二、…).
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from .zh_structure import Block, parse_document


def _paragraph_texts(path: Path) -> list[str]:
    """The text of every body paragraph, in order (tables are flattened cell by cell)."""
    import docx  # python-docx; imported here so the other readers do not pay for it
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        document = docx.Document(str(path))
        out: list[str] = []
        for item in document.iter_inner_content():
            if isinstance(item, Paragraph):
                out.append(item.text)
            elif isinstance(item, Table):
                for row in item.rows:
                    for cell in row.cells:
                        out.extend(p.text for p in cell.paragraphs)
        return out
    except Exception as exc:  # python-docx raises zipfile, KeyError, lxml and its own errors
        raise SourceError(
            path, "file", "a Word .docx package with a document body", f"{type(exc).__name__}: {exc}"
        ) from exc


def read(paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document:
    """Read one flk DOCX into a :class:`Document` (``encoding`` is unused: DOCX is always UTF-8 XML)."""
    if len(paths) != 1:
        raise ValueError(f"docx_flk reads exactly one file, got {len(paths)}")
    if lang != "zh":
        raise ValueError(f"docx_flk reads Chinese text, not {lang!r}")
    path = Path(paths[0])
    notes: list[str] = []
    blocks: list[Block] = []
    for i, text in enumerate(_paragraph_texts(path), 1):
        # A manual line break inside a Word paragraph: the title wraps that way, so keep it as one line;
        # elsewhere each line is a paragraph of its own.
        lines = [t for t in text.split("\n") if t.strip()]
        if not lines:
            continue
        if not blocks or len(lines) == 1:
            blocks.append(Block(" ".join(lines), f"paragraph {i}"))
        else:
            notes.append(f"paragraph {i}: line breaks inside one Word paragraph read as {len(lines)} lines")
            blocks.extend(Block(t, f"paragraph {i}") for t in lines)
    return parse_document(blocks, lang=lang, path=path, notes=notes)
