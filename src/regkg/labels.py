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
            out += {
                "article": f"第{_cn(n)}条",
                "paragraph": "" if implicit_paragraph else f"第{_cn(n)}款",
                "point": f"第{_cn(n)}项" if n.isdigit() else f"（{n}）项",
                "subpoint": f"第{_cn(n)}目" if n.isdigit() else f"（{n}）目",
                "recital": f"鉴于条款第{_cn(n)}项",
                "annex": f"附件{n}",
                "item": f"第{_cn(n)}项修改",
            }[k]
        elif jurisdiction == "EU":
            out += {
                "article": f"Article {n}",
                "paragraph": "" if implicit_paragraph else f"({n})",
                "point": f"({n})" if not out.startswith("Annex") else f", point {n}",
                "subpoint": f"({n})",
                "recital": f"Recital {n}",
                "annex": f"Annex {n}",
                "item": f"Item {n}",
            }[k]
        else:
            out += {
                "article": f"Article {n}",
                "paragraph": "" if implicit_paragraph else f", paragraph {n}",
                "point": f", item ({n})",
                "subpoint": f", sub-item ({n})",
                "recital": f"Recital {n}",
                "annex": f"Annex {n}",
                "item": f"Item {n}",
            }[k]
    if lang == "en" and jurisdiction == "EU" and out.startswith("Annex") and "(" in out:
        out = out.replace("(", ", point ", 1).replace(")", "", 1)
    return out
