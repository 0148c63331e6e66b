"""Per-article JSON of the Deep Synthesis Provisions (Ansvar-Systems/chinese-law-mcp seed schema).

A dict with ``title`` and ``provisions``: one record per article with ``provision_ref`` ("17"), ``chapter``
("第三章 数据和技术管理规范") and ``content``, a single string that begins with the label 第十七条. The
scraper collapsed the paragraph breaks, so paragraphs and points are recovered with
:func:`~regkg.readers.zh_structure.recover_paragraphs` and marked ``inferred``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document, Node, Texts
from .json_genai import load_json
from .zh_structure import ARTICLE_LOOSE_RE, CHAPTER_RE, normalize, recover_paragraphs, squash, to_int


def _chapter(value: object, where: str, notes: list[str]) -> tuple[str, str] | None:
    if not isinstance(value, str) or not value.strip():
        return None
    m = CHAPTER_RE.match(squash(value))
    if not m:
        notes.append(f"{where}: chapter {value!r} has no 第N章 label; ignored")
        return None
    return str(to_int(m.group(1))), normalize(m.group(2))


def read(paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document:
    """Read the deep-synthesis JSON, recovering the collapsed paragraph structure."""
    if len(paths) != 1:
        raise ValueError(f"json_deep_synthesis reads exactly one file, got {len(paths)}")
    if lang != "zh":
        raise ValueError(f"json_deep_synthesis reads Chinese text, not {lang!r}")
    path = Path(paths[0])
    data = load_json(path, encoding)
    if not isinstance(data, dict) or not isinstance(data.get("provisions"), list):
        raise SourceError(path, "$.provisions", "an object with a list of provisions", type(data).__name__)
    notes: list[str] = []
    body: list[Node | list] = []  # articles outside chapters, and one [num, heading, articles] per chapter
    nums: list[int] = []
    for i, rec in enumerate(data["provisions"]):
        where = f"$.provisions[{i}]"
        if not isinstance(rec, dict) or not isinstance(rec.get("content"), str):
            raise SourceError(path, f"{where}.content", "a provision with a content string", rec)
        content = squash(rec["content"])
        m = ARTICLE_LOOSE_RE.match(content)
        try:
            num = str(to_int(m.group(1))) if m else None
        except ValueError:
            num = None
        ref = rec.get("provision_ref")
        if num is None:
            if not (isinstance(ref, str | int) and str(ref).isdigit()):
                raise SourceError(
                    path, f"{where}.content", "content opening with an article label 第N条", content[:20]
                )
            num = str(int(ref))
            notes.append(f"{where}: content has no 第N条 label; numbered {num} from provision_ref")
        elif ref is not None and str(ref) != num:
            notes.append(f"{where}: provision_ref {ref!r} but label 第{m.group(1)}条; label used")
        text = m.group(2) if m else content
        nums.append(int(num))
        paras = recover_paragraphs(text, label=f"art {num}", notes=notes)
        art = Node("article", num, children=paras)
        chapter = _chapter(rec.get("chapter"), f"{where}.chapter", notes)
        if chapter is None:
            body.append(art)
            continue
        if not body or not isinstance(body[-1], list) or body[-1][0] != chapter[0]:
            body.append([chapter[0], chapter[1], []])
        body[-1][2].append(art)
    if not nums:
        raise SourceError(path, "$.provisions", "at least one provision", "an empty list")
    prev = 0
    for n in nums:
        if n != prev + 1:
            notes.append(
                f"duplicate article {n}" if n == prev else f"article numbering jumps from {prev} to {n}"
            )
        prev = n
    nodes = tuple(
        Node("chapter", b[0], heading=Texts.of(lang, b[1] or None), children=tuple(b[2]))
        if isinstance(b, list)
        else b
        for b in body
    )
    title = normalize(data["title"]) if isinstance(data.get("title"), str) else None
    return Document(lang=lang, body=nodes, path=str(path), title=title, notes=tuple(notes))
