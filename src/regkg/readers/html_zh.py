"""Official Chinese HTML pages: gov.cn policy library pages and People's Daily Online reprints.

The text sits in ``<p>`` elements of a content container (gov.cn: ``div.TRS_UEDITOR``; people.cn:
``div.rm_txt_con``). Quirks handled here: gov.cn repeats the whole text for its mobile view (the first copy
is read, the others compared with it and dropped); old people.cn pages are GBK although they declare
GB2312; promulgation orders, the Xinhua dateline and page furniture surround the text and are skipped.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path

from ..errors import SourceError
from ..model import Document
from .zh_structure import Block, normalize, parse_document

# Content containers, most specific first; the first expression that matches anything wins.
_CONTAINERS = (
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' TRS_UEDITOR ')]",
    "//div[contains(concat(' ', normalize-space(@class), ' '), ' rm_txt_con ')]",
    "//div[@id='UCAP-CONTENT']",
    "//body",
)
# Page furniture inside the content container: never part of the text.
_FURNITURE = (
    re.compile(r"^[（(]新华社[^）)]*[）)]$"),
    re.compile(r"^《\s*人民日报\s*》"),
    re.compile(r"^分享让更多人看到$"),
    re.compile(r"^[（(]责编[:：].*[）)]$"),
)
_CHARSET_RE = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?([A-Za-z0-9_-]+)""", re.I)
# Pages declared GB2312 are really GBK: Python's gb2312 codec decodes the bytes A1 A4 as U+30FB (・) where
# the page means U+00B7 (·), silently, so a declared or configured GB2312 is always read as GBK.
_WIDER = {"gb2312": "gbk", "gb_2312-80": "gbk", "x-gbk": "gbk", "csgb2312": "gbk"}


def decode(raw: bytes, encoding: str, path: Path, notes: list[str]) -> str:
    """Decode with the manifest's ``encoding``, else the page's declared charset (widened), else fail."""
    tried: list[str] = []
    declared = _CHARSET_RE.search(raw[:4096])
    candidates = [_WIDER.get(encoding.lower(), encoding)]
    if declared:
        name = declared.group(1).decode("ascii").lower()
        candidates.append(_WIDER.get(name, name))
        if candidates[-1] == "gbk":
            candidates.append("gb18030")  # GBK's superset, for pages that go beyond it
    first_error: UnicodeDecodeError | None = None
    for enc in dict.fromkeys(candidates):
        try:
            text = raw.decode(enc)
        except LookupError:
            continue
        except UnicodeDecodeError as exc:
            first_error = first_error or exc
            tried.append(enc)
            continue
        if tried:
            notes.append(f"file: not valid {', '.join(tried)}; decoded as {enc}")
        return text
    where = f"byte {first_error.start}" if first_error else "file"
    raise SourceError(path, where, f"HTML text in {', '.join(dict.fromkeys(candidates))}", str(first_error))


def _lines(element) -> list[str]:
    """The text lines of one element: ``<br>`` ends a line."""
    for br in element.iter("br"):
        br.tail = "\n" + (br.tail or "")
    return [t for t in element.text_content().split("\n") if t.strip()]


def _copy_blocks(container, n: int) -> list[Block]:
    paragraphs = [p for p in container.iter("p")] or [container]
    out = []
    for i, p in enumerate(paragraphs, 1):
        for line in _lines(p):
            out.append(Block(line, f"copy {n}, <p> {i}" if n > 1 else f"<p> {i}"))
    return out


def _title(doc) -> str | None:
    for h1 in doc.iter("h1"):
        text = normalize(h1.text_content())
        if text:
            return text
    titles = doc.xpath("//title")
    if titles:
        text = re.split(r"_|--|\|", titles[0].text_content())[0]
        return normalize(text) or None
    return None


def read(paths: Sequence[Path], *, lang: str, encoding: str = "utf-8") -> Document:
    """Read one official Chinese HTML page (statute or amendment decision)."""
    import lxml.etree
    import lxml.html

    if len(paths) != 1:
        raise ValueError(f"html_zh reads exactly one file, got {len(paths)}")
    if lang != "zh":
        raise ValueError(f"html_zh reads Chinese text, not {lang!r}")
    path = Path(paths[0])
    notes: list[str] = []
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise SourceError(path, "file", "a readable file", str(exc)) from exc
    text = decode(raw, encoding, path, notes)
    try:
        doc = lxml.html.document_fromstring(text)
    except (lxml.etree.ParserError, lxml.etree.XMLSyntaxError, ValueError) as exc:
        raise SourceError(path, "file", "an HTML document", str(exc)) from exc
    containers = next((found for xp in _CONTAINERS if (found := doc.xpath(xp))), [])
    # Nested matches (a container inside another) would read the same text twice: keep the outermost.
    containers = [
        c for c in containers if not any(o is not c and c in o.iterdescendants() for o in containers)
    ]
    copies = [_copy_blocks(c, n) for n, c in enumerate(containers, 1)]
    copies = [c for c in copies if c]
    if not copies:
        raise SourceError(path, "file", "text paragraphs <p> in the page body", "no text")
    blocks = copies[0]
    first = [normalize(b.text) for b in blocks]
    for n, other in enumerate(copies[1:], 2):
        texts = [normalize(b.text) for b in other]
        if texts == first:
            notes.append(
                f"copy {n} of the text (the page repeats it, e.g. for the mobile view) is identical; dropped"
            )
        else:
            diff = next(
                (i for i, (a, b) in enumerate(zip(first, texts, strict=False)) if a != b),
                min(len(first), len(texts)),
            )
            shown = texts[diff][:30] if diff < len(texts) else "(end)"
            notes.append(
                f"copy {n} of the text DIFFERS from copy 1 at paragraph {diff + 1} ({shown!r}); copy 1 read, copy {n} dropped"
            )
    kept = []
    for b in blocks:
        if any(rx.search(normalize(b.text)) for rx in _FURNITURE):
            notes.append(f"{b.where}: page furniture skipped: {normalize(b.text)[:30]}")
        else:
            kept.append(b)
    return parse_document(kept, lang=lang, path=path, notes=notes, title=_title(doc))
