"""Helpers shared by the readers of Chinese laws in English (and the CSL JSON in either language).

These sources give an article as a sequence of lines: each line is a paragraph (款) or a numbered item
(项, "(1)" / "（一）"). A point line belongs to the paragraph before it; any other line starts a new
paragraph, which is how the Chinese originals count 款 (text after a list of points is a new 款).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Node, Texts
from ..numerals import CN_NUMERAL, cn_to_int, roman_to_int

_WS = re.compile(r"\s+")
POINT_EN = re.compile(r"^\(\s*(\d{1,3})\s*\)\s*(.*)$", re.S)
POINT_ZH = re.compile(rf"^[（(]\s*({CN_NUMERAL})\s*[）)][\s\u3000]*(.*)$", re.S)
ROMAN = re.compile(r"^[IVXLC]+$", re.I)


def norm(text: str) -> str:
    """Collapse runs of whitespace (incl. no-break and ideographic spaces) to one space; strip."""
    return _WS.sub(" ", text).strip()


def norm_zh(text: str) -> str:
    """Normalise Chinese text: strip, drop ideographic spaces (layout, not content), collapse other whitespace."""
    return norm(text.replace("\u3000", ""))


def read_bytes(path: Path) -> bytes:
    """The bytes of ``path``; an unreadable file is a :class:`SourceError`."""
    try:
        return Path(path).read_bytes()
    except OSError as exc:
        raise SourceError(path, "file", "a readable file", exc.strerror or str(exc)) from None


def decode(path: Path, data: bytes, encoding: str) -> str:
    """Decode ``data``, naming the byte offset of the first bad sequence on failure."""
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise SourceError(
            path, f"byte {exc.start}", f"text in {encoding}", data[exc.start : exc.start + 8]
        ) from None
    except LookupError:
        raise SourceError(path, "file", "a known text encoding", encoding) from None
    return text.removeprefix("\ufeff")


def chapter_num(label: str) -> str | None:
    """Canonical number of a chapter/section label ("III" -> "3", "3" -> "3", "三" -> "3"); None if invalid."""
    label = label.strip()
    try:
        if label.isdigit():
            return str(int(label))
        if ROMAN.match(label):
            return str(roman_to_int(label))
        return str(cn_to_int(label))
    except ValueError:
        return None


def split_point(line: str, lang: str) -> tuple[str, str] | None:
    """``(num, text)`` if ``line`` starts with a point label ("(3)" / "（三）"), else None."""
    m = POINT_EN.match(line) if lang == "en" else (POINT_ZH.match(line) or POINT_EN.match(line))
    if not m:
        return None
    label = m.group(1)
    return (label if label.isdigit() else str(cn_to_int(label))), m.group(2).strip()


def paragraphs(lines: Iterable[str], lang: str, where: str) -> tuple[tuple[Node, ...], list[str]]:
    """Paragraph nodes from the lines of one article, and notes on anything irregular.

    Always returns at least one paragraph (an empty one, with a note, when there are no lines).
    """
    notes: list[str] = []
    paras: list[tuple[str, list[Node]]] = []
    for raw in lines:
        line = norm_zh(raw) if lang == "zh" else norm(raw)
        if not line:
            continue
        point = split_point(line, lang)
        if point is None:
            paras.append((line, []))
            continue
        if not paras:
            notes.append(f"{where}: starts with point ({point[0]}); empty paragraph added before it")
            paras.append(("", []))
        points = paras[-1][1]
        expected = str(len(points) + 1)
        if point[0] != expected:
            notes.append(f"{where}: point ({point[0]}) where ({expected}) was expected")
        points.append(Node("point", point[0], text=Texts.of(lang, point[1])))
    if not paras:
        notes.append(f"{where}: no text; empty paragraph")
        paras.append(("", []))
    nodes = tuple(
        Node("paragraph", str(i), text=Texts.of(lang, text), children=tuple(points))
        for i, (text, points) in enumerate(paras, 1)
    )
    return nodes, notes


def numbering_notes(nums: Sequence[str], what: str) -> list[str]:
    """Notes on gaps, duplicates and disorder in a sequence of Arabic article numbers."""
    notes: list[str] = []
    seen: set[int] = set()
    prev = 0
    for s in nums:
        n = int(s)
        if n in seen:
            notes.append(f"{what} {n} appears more than once")
        elif n != prev + 1:
            notes.append(
                f"{what} {n} follows {what} {prev}" + (" (gap)" if n > prev + 1 else " (out of order)")
            )
        seen.add(n)
        prev = max(prev, n)
    return notes
