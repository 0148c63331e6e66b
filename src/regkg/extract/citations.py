"""Internal citations in a sanction clause ("违反本法第二十二条第三款、第四十一条至第四十三条规定";
"non-compliance with … Article 5"; "Articles 41 to 43 of this Law"), resolved to provision paths.

This is deliberately small: the penalty extractor needs only to know which provisions a penalty sanctions.
The full reference extractor and resolver (``regkg.extract.references``, ``regkg.resolver``) handle every
citation form and external instruments.

>>> zh_citations("违反本法第二十二条第三款、第四十一条至第四十三条规定")
['art_22__para_3', 'art_41', 'art_42', 'art_43']
>>> en_citations("contrary to Article 12, paragraph 2, or Articles 31 to 33 of this Law")
['art_12__para_2', 'art_31', 'art_32', 'art_33']
>>> en_citations("the prohibition referred to in Article 5 and Article 16(1)(a); other than those laid down in Articles 5 and 10")
['art_5', 'art_16__para_1__point_a']
"""

from __future__ import annotations

import re

from ..numerals import CN_NUMERAL, cn_to_int

_ZH_ATOM = re.compile(rf"(至|、|和|或者|及|以及)?第({CN_NUMERAL})(条|款|项)")
_ZH_START = re.compile(rf"本(?:法|办法|规定|条例|决定)(?=第{CN_NUMERAL}条)")


def zh_citations(text: str) -> list[str]:
    """Provision paths cited as 本法/本办法/本规定第X条(第Y款)(第Z项) with 、/至 lists, in text order."""
    out: list[str] = []
    for start in _ZH_START.finditer(text):
        pos = start.end()
        art: int | None = None
        current: list[str] = []
        while m := _ZH_ATOM.match(text, pos):
            sep, num, unit = m.group(1), cn_to_int(m.group(2)), m.group(3)
            if unit == "条":
                if sep == "至" and art is not None:
                    out.extend(current)
                    current = []
                    out.extend(f"art_{n}" for n in range(art + 1, num + 1))
                    art = num
                    pos = m.end()
                    continue
                out.extend(current)
                art = num
                current = [f"art_{num}"]
            elif unit == "款" and art is not None:
                if current and current[-1].count("__") == 0:
                    current[-1] = f"art_{art}__para_{num}"
                else:
                    current.append(f"art_{art}__para_{num}")
            elif unit == "项" and current:
                base = current[-1] if "__point_" not in current[-1] else current[-1].rsplit("__point_", 1)[0]
                cited = f"{base}__point_{num}"
                if "__point_" in current[-1] or sep:
                    current.append(cited)
                else:
                    current[-1] = cited
            pos = m.end()
        out.extend(current)
    return list(dict.fromkeys(out))


_EN_ARTICLES = re.compile(
    r"\bArticles?\s+(?P<list>\d+(?:\s*\(\d+\))*(?:\s*\([a-z]\))*(?:\s*(?:,|and|or|to|,\s*and|,\s*or)\s*\d+(?:\s*\(\d+\))*(?:\s*\([a-z]\))*)*)"
    r"(?P<para>\s*,\s*paragraphs?\s+\d+(?:\s*(?:,|and|or)\s*\d+)*(?!\d|\s+of\s+Article))?"
)
_EN_PARA_OF = re.compile(
    r"\bparagraphs?\s+(?P<paras>\d+(?:\s*(?:,|and|or)\s*\d+)*)\s+of\s+Article\s+(?P<art>\d+)"
)
_EN_ITEM = re.compile(r"(?P<sep>to|,|and|or)?\s*(?P<num>\d+)(?P<subs>(?:\s*\(\w+\))*)")
_EXTERNAL = re.compile(r"^\s*(?:,\s*)?of\s+(?:Regulation|Directive|Decision|that|the\s+[A-Z])")
_EXCLUDED = re.compile(r"other than (?:those|that|the)?[^.;]{0,40}$")


def en_citations(text: str) -> list[str]:
    """Provision paths cited as Article N, Article N(M)(x), Articles N to M, Article N, paragraph M (internal only)."""
    found: list[tuple[int, list[str]]] = []
    for m in _EN_PARA_OF.finditer(text):
        found.append((m.start(), [f"art_{m['art']}__para_{p}" for p in re.findall(r"\d+", m["paras"])]))
    # mask what was read so that "Article 9" of "paragraph 1 of Article 9" is not read again
    text = _EN_PARA_OF.sub(lambda m: " " * len(m.group(0)), text)
    for m in _EN_ARTICLES.finditer(text):
        if _EXTERNAL.match(text[m.end() : m.end() + 40]) or _EXCLUDED.search(
            text[max(0, m.start() - 60) : m.start()]
        ):
            continue
        cited: list[str] = []
        last: int | None = None
        for item in _EN_ITEM.finditer(m.group("list")):
            num = int(item.group("num"))
            subs = re.findall(r"\((\w+)\)", item.group("subs") or "")
            if item.group("sep") == "to" and last is not None:
                cited.extend(f"art_{n}" for n in range(last + 1, num + 1))
            else:
                path = f"art_{num}"
                if subs:
                    path += f"__para_{subs[0]}"
                    if len(subs) > 1:
                        path += f"__point_{subs[1]}"
                cited.append(path)
            last = num
        if m.group("para") and cited:
            paras = re.findall(r"\d+", m.group("para"))
            base = cited.pop(0)
            cited = [f"{base}__para_{p}" for p in paras] + cited
        found.append((m.start(), cited))
    out = [p for _, paths in sorted(found, key=lambda f: f[0]) for p in paths]
    return list(dict.fromkeys(out))


def resolve_paths(paths: list[str], known: dict[str, str]) -> tuple[str, ...]:
    """eIds of the cited provision paths that exist (``known``: provision path -> eId); a paragraph or point
    the instrument does not have falls back to its article."""
    out: list[str] = []
    for p in paths:
        while p and p not in known:
            p = p.rsplit("__", 1)[0] if "__" in p else ""
        if p:
            out.append(known[p])
    return tuple(dict.fromkeys(out))
