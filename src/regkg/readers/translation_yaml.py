"""regkg's own translations (``corpus/translations/*.en.yaml``; format in that folder's README)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import yaml

from ..errors import SourceError
from ..model import Document, Node, Texts

HEADER_KEYS = ("instrument", "lang", "status", "translator", "date", "glossary_version", "title")


def _text(value: object, path: Path, where: str) -> str:
    if not isinstance(value, str) or not value.strip():
        raise SourceError(path, where, "a non-empty text", value)
    return " ".join(value.split())


def _points(items: object, kind: str, lang: str, path: Path, where: str) -> tuple[Node, ...]:
    if items is None:
        return ()
    if not isinstance(items, list):
        raise SourceError(path, where, f"a list of {kind}s", items)
    out = []
    for i, item in enumerate(items, 1):
        here = f"{where} {kind} #{i}"
        if not isinstance(item, dict) or "num" not in item:
            raise SourceError(path, here, "a mapping with 'num' and 'text'", item)
        sub = _points(item.get("subpoints"), "subpoint", lang, path, here) if kind == "point" else ()
        out.append(
            Node(
                kind=kind,
                num=str(item["num"]),
                text=Texts.of(lang, _text(item.get("text"), path, here)),
                children=sub,
                wrap=Texts.of(lang, _text(item["wrap"], path, here)) if item.get("wrap") else Texts(),
            )
        )
    return tuple(out)


def _article(raw: object, lang: str, path: Path, index: int) -> Node:
    where = f"articles[{index}]"
    if not isinstance(raw, dict) or "num" not in raw:
        raise SourceError(path, where, "a mapping with 'num' and 'paragraphs'", raw)
    where = f"article {raw['num']}"
    paras = raw.get("paragraphs")
    if not isinstance(paras, list) or not paras:
        raise SourceError(path, where, "a non-empty list 'paragraphs'", paras)
    children = []
    for k, para in enumerate(paras, 1):
        here = f"{where} paragraph {k}"
        if not isinstance(para, dict):
            raise SourceError(path, here, "a mapping with 'text'", para)
        children.append(
            Node(
                kind="paragraph",
                num=str(k),
                text=Texts.of(lang, _text(para.get("text"), path, here)),
                children=_points(para.get("points"), "point", lang, path, here),
                wrap=Texts.of(lang, _text(para["wrap"], path, here)) if para.get("wrap") else Texts(),
            )
        )
    return Node(kind="article", num=str(raw["num"]), children=tuple(children))


def read_translation(path: Path) -> tuple[dict, Document]:
    """Read one translation file: its header (who, when, which glossary) and its Document."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except UnicodeDecodeError as exc:
        raise SourceError(path, f"byte {exc.start}", "UTF-8 text") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        pos = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "start"
        raise SourceError(path, pos, f"valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise SourceError(path, "top level", "a mapping with a header and 'articles'", type(data).__name__)
    for key in HEADER_KEYS:
        if not data.get(key):
            raise SourceError(path, "header", f"the key {key!r}")
    lang = data["lang"]
    articles = data.get("articles")
    if not isinstance(articles, list) or not articles:
        raise SourceError(path, "articles", "a non-empty list of articles", articles)
    arts = [_article(a, lang, path, i) for i, a in enumerate(articles)]
    chapters = _chapters(data, lang, path)
    header = {k: str(data[k]) for k in HEADER_KEYS}
    return header, Document(
        lang=lang, body=tuple(chapters) + tuple(arts), path=str(path), title=data["title"]
    )


def _chapters(data: dict, lang: str, path: Path) -> list[Node]:
    # Chapters are headings only: the aligner places articles by the authoritative text's structure.
    chapters = []
    for c in data.get("chapters") or []:
        if not isinstance(c, dict) or "num" not in c:
            raise SourceError(path, "chapters", "mappings with 'num' and 'heading'", c)
        sections = tuple(
            Node(
                kind="section",
                num=str(s["num"]),
                heading=Texts.of(lang, _text(s.get("heading"), path, "section")),
            )
            for s in c.get("sections") or []
        )
        chapters.append(
            Node(
                kind="chapter",
                num=str(c["num"]),
                heading=Texts.of(lang, _text(c.get("heading"), path, f"chapter {c['num']}")),
                children=sections,
            )
        )
    return chapters


def read_headings(path: Path) -> tuple[dict, tuple[Node, ...]]:
    """A headings-only file: regkg's English chapter headings for a translation that has none."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, yaml.YAMLError) as exc:
        raise SourceError(path, "start", f"a UTF-8 YAML file ({exc})") from None
    if not isinstance(data, dict) or not data.get("chapters"):
        raise SourceError(path, "top level", "a mapping with 'chapters'")
    for key in ("instrument", "lang", "translator", "date"):
        if not data.get(key):
            raise SourceError(path, "header", f"the key {key!r}")
    return {k: str(v) for k, v in data.items() if k != "chapters"}, tuple(_chapters(data, data["lang"], path))


def read(paths: Sequence[Path], *, lang: str = "en", encoding: str = "utf-8") -> Document:
    if len(paths) != 1:
        raise SourceError(", ".join(map(str, paths)) or "(none)", "arguments", "exactly one translation file")
    header, doc = read_translation(Path(paths[0]))
    if header["lang"] != lang:
        raise SourceError(paths[0], "header", f"lang {lang!r}", header["lang"])
    return doc
