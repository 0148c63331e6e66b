"""Markdown transcriptions of Chinese statutes (LawRefBook/Laws, lawtext/laws).

Two house styles: LawRefBook (``# title``, dates, ``<!-- INFO END -->``, ``## 第一章 …``, plain paragraphs
``第一条 …``) and lawtext (Hugo/YAML front matter, ``**title**``, ``> (adoption note)``, ``## 目录`` list,
``- **第一条**　…`` list items with indented further paragraphs and ``  - （一）…`` points). Every non-blank
line is one block once Markdown markup is removed; neither style wraps a paragraph over several lines.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from .zh_structure import Block, normalize, parse_document

_HEADING_RE = re.compile(r"^\s{0,3}#{1,6}\s+")
_LIST_RE = re.compile(r"^\s*(?:[-*+]|[0-9]+\))\s+")
_QUOTE_RE = re.compile(r"^\s*(?:>\s?)+")
_EMPHASIS_RE = re.compile(r"(\*\*|__|(?<![\w*])\*(?!\s)|(?<!\S)_(?!\s))")
_ESCAPE_RE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!>|])")
_RULE_RE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_COMMENT_RE = re.compile(r"<!--.*?-->", re.S)


def _front_matter(lines: list[str], path: Path, notes: list[str]) -> tuple[int, str | None]:
    """Skip a YAML front matter block; return the index of the first body line and its ``title``."""
    if not lines or lines[0].strip() != "---":
        return 0, None
    end = next((i for i in range(1, len(lines)) if lines[i].strip() in ("---", "...")), None)
    if end is None:
        notes.append("line 1: front matter '---' is never closed; read as text")
        return 0, None
    title = None
    try:
        import yaml

        meta = yaml.safe_load("\n".join(lines[1:end]))
        if isinstance(meta, dict) and isinstance(meta.get("title"), str):
            title = normalize(meta["title"])
    except Exception as exc:  # malformed YAML: the body is still readable, so only note it
        notes.append(f"lines 2-{end}: front matter is not valid YAML ({type(exc).__name__}); ignored")
    return end + 1, title


def strip_markup(line: str) -> str:
    """The text of one Markdown line: no heading, list, quote, emphasis or escape markup."""
    line = _HEADING_RE.sub("", line)
    line = _QUOTE_RE.sub("", line)
    line = _LIST_RE.sub("", line)
    line = _EMPHASIS_RE.sub("", line)
    return _ESCAPE_RE.sub(r"\1", line)


def read(paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document:
    """Read one Markdown transcription of a Chinese statute or amendment decision."""
    if len(paths) != 1:
        raise ValueError(f"markdown_zh reads exactly one file, got {len(paths)}")
    if lang != "zh":
        raise ValueError(f"markdown_zh reads Chinese text, not {lang!r}")
    path = Path(paths[0])
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, "file", "a readable file", str(exc)) from exc
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        where = f"byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else "file"
        raise SourceError(path, where, f"{encoding} text", str(exc)) from exc
    notes: list[str] = []
    text = text.lstrip("\ufeff")
    lines = text.splitlines()
    start, title = _front_matter(lines, path, notes)
    # HTML comments (<!-- INFO END -->) are markup; blank them line by line to keep line numbers right
    body = _COMMENT_RE.sub(lambda m: "\n" * m.group(0).count("\n"), "\n".join(lines[start:])).split("\n")
    blocks = []
    for n, line in enumerate(body, start + 1):
        if _RULE_RE.match(line):
            continue
        t = strip_markup(line)
        if t.strip():
            blocks.append(Block(t, f"line {n}"))
    return parse_document(blocks, lang=lang, path=path, notes=notes, title=title)
