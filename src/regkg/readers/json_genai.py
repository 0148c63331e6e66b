"""Per-article JSON of the Generative AI Measures (EtonMu/global-ai-data-regulation-map schema).

A list of records, one per article: ``articleNumber`` ("4"), ``originalTitle`` (第四条), ``chapter``
(``{"label": "Chapter I", "title": "General Provisions"}``: English only, the Chinese chapter heading is not
in the file), ``paragraphs`` (one string per paragraph or point, labels （一） kept) and
``translations.en.paragraphs`` (the CASI English translation, points labelled "(1)"). ``lang="zh"`` reads
the Chinese paragraphs, ``lang="en"`` the English ones, into the same structure.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Node, Texts
from ..numerals import roman_to_int
from .zh_structure import article_node, normalize, to_int


def load_json(path: Path, encoding: str) -> object:
    """The parsed JSON of ``path``; every failure is a :class:`SourceError` naming the position."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, "file", "a readable file", str(exc)) from exc
    try:
        text = raw.decode(encoding)
    except (UnicodeDecodeError, LookupError) as exc:
        where = f"byte {exc.start}" if isinstance(exc, UnicodeDecodeError) else "file"
        raise SourceError(path, where, f"{encoding} text", str(exc)) from exc
    try:
        return json.loads(text.lstrip("\ufeff"))
    except (json.JSONDecodeError, RecursionError) as exc:
        where = f"line {exc.lineno} column {exc.colno}" if isinstance(exc, json.JSONDecodeError) else "file"
        raise SourceError(path, where, "valid JSON", str(exc)) from exc


def _article_num(rec: dict, where: str, path: Path) -> str:
    value = rec.get("articleNumber")
    if isinstance(value, int | str) and str(value).strip().isdigit():
        return str(int(str(value).strip()))
    title = rec.get("originalTitle")
    if isinstance(title, str) and title.startswith("第") and title.endswith("条"):
        try:
            return str(to_int(title[1:-1]))
        except ValueError:
            pass
    raise SourceError(
        path, f"{where}.articleNumber", 'an article number ("4" or originalTitle 第四条)', value
    )


def _chapter_num(chapter: dict) -> str | None:
    label = chapter.get("label")
    if isinstance(label, str) and label.split()[:1] == ["Chapter"] and len(label.split()) == 2:
        token = label.split()[1]
        try:
            return str(int(token)) if token.isdigit() else str(roman_to_int(token))
        except ValueError:
            return None
    return None


def _paragraphs(rec: dict, lang: str, where: str, path: Path) -> list[str] | None:
    holder = rec
    if lang == "en":
        translations = rec.get("translations")
        holder = translations.get("en") if isinstance(translations, dict) else None
        where = f"{where}.translations.en"
        if not isinstance(holder, dict):
            return None
    paras = holder.get("paragraphs")
    if not isinstance(paras, list) or not all(isinstance(p, str) for p in paras):
        raise SourceError(path, f"{where}.paragraphs", "a list of paragraph strings", type(paras).__name__)
    return paras


def read(paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document:
    """Read the per-article JSON in Chinese (``lang="zh"``) or its embedded English (``lang="en"``)."""
    if len(paths) != 1:
        raise ValueError(f"json_genai reads exactly one file, got {len(paths)}")
    if lang not in ("zh", "en"):
        raise ValueError(f"json_genai reads zh or en, not {lang!r}")
    path = Path(paths[0])
    data = load_json(path, encoding)
    if not isinstance(data, list):
        raise SourceError(path, "$", "a list of article records", type(data).__name__)
    notes: list[str] = []
    body: list[Node | list] = []  # articles outside chapters, and one [num, heading, articles] per chapter
    chapter_key: object = None
    nums: list[int] = []
    title = None
    for i, rec in enumerate(data):
        where = f"$[{i}]"
        if not isinstance(rec, dict):
            raise SourceError(path, where, "an article record (JSON object)", type(rec).__name__)
        num = _article_num(rec, where, path)
        paras = _paragraphs(rec, lang, where, path)
        if paras is None:
            notes.append(f"{where}: article {num} has no English translation; skipped")
            continue
        nums.append(int(num))
        art = article_node(num, paras, lang=lang, notes=notes)
        version = rec.get("sourceVersion")
        if (
            title is None
            and lang == "zh"
            and isinstance(version, dict)
            and isinstance(version.get("officialTitle"), str)
        ):
            title = normalize(version["officialTitle"])
        chapter = rec.get("chapter")
        if not isinstance(chapter, dict):
            body.append(art)
            chapter_key = None
            continue
        key = chapter.get("id") or chapter.get("label")
        if key != chapter_key or not body or not isinstance(body[-1], list):
            cnum = _chapter_num(chapter)
            if cnum is None:
                notes.append(f"{where}.chapter.label: no chapter number in {chapter.get('label')!r}")
                cnum = str(sum(isinstance(b, list) for b in body) + 1)
            title_en = chapter.get("title")
            heading = normalize(title_en) if lang == "en" and isinstance(title_en, str) else None
            body.append([cnum, heading, []])
            chapter_key = key
        body[-1][2].append(art)
    if not nums:
        raise SourceError(path, "$", "at least one article record", "no records")
    if lang == "zh" and any(isinstance(b, list) for b in body):
        notes.append(
            "chapter headings: the records give them in English only; Chinese chapter headings left empty"
        )
    prev = 0
    for n in nums:
        if n != prev + 1:
            notes.append(
                f"duplicate article {n}" if n == prev else f"article numbering jumps from {prev} to {n}"
            )
        prev = n
    nodes = tuple(
        Node("chapter", b[0], heading=Texts.of(lang, b[1]), children=tuple(b[2]))
        if isinstance(b, list)
        else b
        for b in body
    )
    return Document(lang=lang, body=nodes, path=str(path), title=title, notes=tuple(notes))
