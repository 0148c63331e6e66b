"""Reader for the Compliance Compass provision records of the Cybersecurity Law (csl-2025/en.json).

The file is either the project's extract (``{"records": [...]}``, 81 records) or the upstream
``provisions.json`` (a list of records of many instruments). Only records whose id is ``cn-csl-art-N`` are
read, so both give the same 81 articles. Each record holds the Chinese ``paragraphs`` and an English
``translations.en.paragraphs``; one list item is one paragraph or one point ("(1)" / "（一）").
``lang="en"`` reads the English, ``lang="zh"`` the Chinese (a cross-check for the DOCX).

The records' article titles ("Legislative purpose") are the project's editorial additions, not part of the
law, so they are not used as headings. Chapter and section titles exist in English only.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Node, Texts
from . import _en_blocks as blocks

_ID = re.compile(r"^cn-csl-art-(\d+)$")
_LOCATOR = re.compile(r"^Article\s+(\d+)$")
_LABEL = re.compile(r"^(?:Chapter|Section)\s+([IVXLC]+|\d+)$", re.I)


def _records(path: Path, data: object) -> tuple[list[tuple[str, dict]], str]:
    """``(json_path, record)`` of every CSL article record, and the JSON path of the record list."""
    if isinstance(data, dict) and isinstance(data.get("records"), list):
        items, base = data["records"], "$.records"
    elif isinstance(data, list):
        items, base = data, "$"
    else:
        raise SourceError(
            path, "$", "a list of records or an object with a 'records' list", type(data).__name__
        )
    found = []
    for i, rec in enumerate(items):
        if isinstance(rec, dict) and isinstance(rec.get("id"), str) and _ID.match(rec["id"]):
            found.append((f"{base}[{i}]", rec))
    return found, base


def _strings(path: Path, where: str, value: object) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(s, str) for s in value):
        raise SourceError(path, where, "a list of strings", type(value).__name__)
    return value


def _division(path: Path, where: str, rec: dict, key: str) -> tuple[str, str | None] | None:
    """``(num, english_title)`` of the record's chapter or section, if it has one."""
    div = rec.get(key)
    if div is None:
        return None
    if not isinstance(div, dict) or not isinstance(div.get("label"), str):
        raise SourceError(path, f"{where}.{key}", "an object with a 'label' such as 'Chapter I'", div)
    m = _LABEL.match(div["label"].strip())
    if not m:
        raise SourceError(path, f"{where}.{key}.label", "'Chapter <roman>' or 'Section <n>'", div["label"])
    num = blocks.chapter_num(m.group(1))
    if num is None:
        raise SourceError(path, f"{where}.{key}.label", "a valid Roman or Arabic number", div["label"])
    title = div.get("title")
    return num, title.strip() if isinstance(title, str) else None


def read(paths: Sequence[Path], *, lang: str = "en", encoding: str = "utf-8") -> Document:
    """Read the CSL article records in ``lang`` ("en": the translation, "zh": the Chinese paragraphs)."""
    if len(paths) != 1:
        raise SourceError(", ".join(map(str, paths)) or "(no file)", "arguments", "exactly one JSON file")
    if lang not in ("en", "zh"):
        raise SourceError(paths[0], "arguments", "lang 'en' or 'zh'", lang)
    path = Path(paths[0])
    text = blocks.decode(path, blocks.read_bytes(path), encoding)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise SourceError(path, f"line {exc.lineno}, column {exc.colno}", "valid JSON", exc.msg) from None
    except RecursionError:
        raise SourceError(path, "$", "JSON nested less deeply", "too deep") from None
    records, base = _records(path, data)
    if not records:
        raise SourceError(path, base, "records with ids 'cn-csl-art-N'", "none")
    notes: list[str] = []
    articles = []  # (num, chapter, section, paragraphs)
    for where, rec in records:
        num = str(int(_ID.match(rec["id"]).group(1)))
        locator = rec.get("locator")
        if isinstance(locator, str) and (m := _LOCATOR.match(locator.strip())) and m.group(1) != num:
            notes.append(f"{where}: id says article {num}, locator says {locator!r}")
        if lang == "en":
            tr = rec.get("translations")
            en = tr.get("en") if isinstance(tr, dict) else None
            if not isinstance(en, dict) or "paragraphs" not in en:
                notes.append(f"art {num}: no English translation in {where}")
                lines: list[str] = []
            else:
                lines = _strings(path, f"{where}.translations.en.paragraphs", en["paragraphs"])
        else:
            lines = _strings(path, f"{where}.paragraphs", rec.get("paragraphs", []))
        paras, para_notes = blocks.paragraphs(lines, lang, f"art {num}")
        notes += para_notes
        articles.append(
            (num, _division(path, where, rec, "chapter"), _division(path, where, rec, "section"), paras)
        )
    articles.sort(key=lambda a: int(a[0]))
    notes += blocks.numbering_notes([a[0] for a in articles], "article")
    if lang == "zh" and any(a[1] for a in articles):
        notes.append("chapter and section titles are given in English only; Chinese headings left empty")

    def heading(title: str | None) -> Texts:
        return Texts.of(lang, title) if lang == "en" and title else Texts()

    # Group consecutive articles under their chapter and section, in article order.
    body: list[Node] = []
    chapter_key = section_key = None
    chapter_items: list = []
    section_items: list = []

    def close_section() -> None:
        nonlocal section_items, section_key
        if section_key is not None:
            chapter_items.append(
                Node(
                    "section", section_key[0], heading=heading(section_key[1]), children=tuple(section_items)
                )
            )
        section_key, section_items = None, []

    def close_chapter() -> None:
        nonlocal chapter_items, chapter_key
        close_section()
        if chapter_key is not None:
            body.append(
                Node(
                    "chapter", chapter_key[0], heading=heading(chapter_key[1]), children=tuple(chapter_items)
                )
            )
        chapter_key, chapter_items = None, []

    for num, chap, sect, paras in articles:
        article = Node("article", num, children=paras)
        if chap != chapter_key:
            close_chapter()
            chapter_key = chap
        if sect != section_key:
            close_section()
            section_key = sect
        if section_key is not None:
            section_items.append(article)
        elif chapter_key is not None:
            chapter_items.append(article)
        else:
            body.append(article)
    close_chapter()
    seen = [n.num for n in body if n.kind == "chapter"]
    if len(seen) != len(set(seen)):
        notes.append(f"chapters not contiguous in article order: {seen}")
    return Document(lang, tuple(body), path=str(path), notes=tuple(notes))
