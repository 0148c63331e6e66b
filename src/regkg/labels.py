"""Citation labels: how a researcher cites a provision, in English and Chinese.

>>> citation_label("EU", "art_5__para_1__point_a", "en", implicit_paragraph=False)
'Article 5(1)(a)'
>>> citation_label("EU", "art_3__para_1__point_44", "en", implicit_paragraph=True)
'Article 3(44)'
>>> citation_label("CN", "chp_2__art_13__para_1__point_2", "zh", implicit_paragraph=False)
'第十三条第一款第二项'
>>> citation_label("CN", "art_4__para_1__point_5", "en", implicit_paragraph=True)
'Article 4, item (5)'
"""

from __future__ import annotations

from . import eid as eids
from .numerals import int_to_cn

_EN_STRUCT = {
    "part": "Part",
    "title": "Title",
    "chapter": "Chapter",
    "section": "Section",
    "subsection": "Subsection",
}
_ZH_STRUCT = {"part": "编", "title": "编", "chapter": "章", "section": "节", "subsection": "目"}


def _cn(num: str) -> str:
    return int_to_cn(int(num)) if num.isdigit() else num


def citation_label(jurisdiction: str, eid: str, lang: str, implicit_paragraph: bool = False) -> str:
    """Label of the node ``eid``; ``implicit_paragraph`` when its article has a single, unnumbered paragraph."""
    parts = eids.parse(eids.provision_path(eid))
    kind, num = parts[-1]
    if kind in _EN_STRUCT:
        return f"第{_cn(num)}{_ZH_STRUCT[kind]}" if lang == "zh" else f"{_EN_STRUCT[kind]} {num}"
    if kind == "preamble":
        return "序言" if lang == "zh" else "Preamble"
    out = ""
    for k, n in parts:
        if lang == "zh":
            out += _zh_part(k, n, implicit_paragraph)
        elif out.startswith("Annex"):
            out += {"section": f", Section {n}", "paragraph": f", point {n}"}.get(k, f"({n})")
        elif jurisdiction == "EU":
            out += {
                "article": f"Article {n}",
                "paragraph": "" if implicit_paragraph else f"({n})",
                "point": f"({n})",
                "subpoint": f"({n})",
                "recital": f"Recital {n}",
                "annex": f"Annex {n}",
                "item": f"Item {n}",
            }.get(k, f" {k} {n}")
        else:
            out += {
                "article": f"Article {n}",
                "paragraph": "" if implicit_paragraph else f", paragraph {n}",
                "point": f", item ({n})",
                "subpoint": f", sub-item ({n})",
                "recital": f"Recital {n}",
                "annex": f"Annex {n}",
                "item": f"Item {n}",
            }.get(k, f", {k} {n}")
    return out


def _zh_part(kind: str, num: str, implicit_paragraph: bool) -> str:
    n = _cn(num)
    return {
        "article": f"第{n}条",
        "paragraph": "" if implicit_paragraph else f"第{n}款",
        "point": f"第{n}项" if num.isdigit() else f"（{num}）项",
        "subpoint": f"第{n}目" if num.isdigit() else f"（{num}）目",
        "recital": f"鉴于条款第{n}项",
        "annex": f"附件{num}",
        "item": f"第{n}项修改",
        "section": f"第{num}节" if not num.isdigit() else f"第{n}节",
    }.get(kind, f"{kind}{num}")
