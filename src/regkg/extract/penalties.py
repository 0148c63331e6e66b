"""Penalties: sanction types, amounts and ranges with currency, on whom, and the provisions they sanction.

A penalty article is read sentence by sentence (``。``/``；``, ". "/"; "). Each fine with an amount becomes one
:class:`~regkg.extract.model.Penalty` (一万元以上十万元以下 -> 10000–100000 CNY; 五千万元以下或者上一年度营业额
百分之五以下 -> max 50 000 000 CNY or 5 % of turnover; "up to 30 000 000 EUR or … up to 6 % of its total worldwide
annual turnover"); the other sanctions of the sentence (warning, rectification order, confiscation, suspension,
revocation …) become one more Penalty without an amount. Who is penalised: the person a fine is imposed on
(对直接负责的主管人员…处…罚款; "on each directly responsible person"), else the violator the paragraph names
(网络运营者…违反…的; "Where a network operator …"). What is sanctioned: the provisions the violation clause cites
(违反本法第二十二条第三款…规定; "referred to in Article 5"), including those cited in the points under a
chapeau, or those of the preceding paragraph for 有前款行为 / "the preceding paragraph".

>>> [(a.lo, a.hi, a.currency) for a in zh_amounts("处一万元以上十万元以下罚款")]
[(10000.0, 100000.0, 'CNY')]
>>> [(a.hi, a.pct) for a in zh_amounts("处五千万元以下或者上一年度营业额百分之五以下罚款")]
[(50000000.0, 5.0)]
>>> [(a.hi, a.currency, a.pct) for a in en_amounts("fines of up to 30 000 000 EUR or, for a firm, up to 6 % of its yearly turnover")]
[(30000000.0, 'EUR', 6.0)]
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from ..numerals import cn_to_int
from .citations import en_citations, resolve_paths, zh_citations
from .model import Evidence, Penalty
from .pipeline import load_yaml

SANCTIONS_FILE = "rules/sanctions.yaml"
FINES = ("fine", "administrative-fine")


@cache
def sanction_scheme() -> tuple[dict, ...]:
    """The sanction types (id, labels, broader) of ``rules/sanctions.yaml``."""
    data = load_yaml(SANCTIONS_FILE)
    out = []
    for i, s in enumerate(data.get("sanctions") or (), 1):
        if not isinstance(s, dict) or not s.get("id") or not isinstance(s.get("labels"), dict):
            raise ValueError(f"{SANCTIONS_FILE}: sanctions entry #{i} needs id and labels")
        out.append(s)
    return tuple(out)


@cache
def sanction_patterns(lang: str) -> tuple[tuple[str, re.Pattern], ...]:
    """(sanction id, compiled pattern) pairs of one language."""
    flags = re.IGNORECASE if lang == "en" else 0
    out = []
    for s in sanction_scheme():
        for rx in s.get(lang) or ():
            try:
                out.append((s["id"], re.compile(rx, flags)))
            except re.error as exc:
                raise ValueError(
                    f"{SANCTIONS_FILE}: sanction {s['id']}: bad {lang} pattern {rx!r}: {exc}"
                ) from None
    return tuple(out)


@cache
def sanction_trigger(lang: str) -> re.Pattern:
    """A cheap pre-check: the words one of which every sanction pattern of ``lang`` contains."""
    words = load_yaml(SANCTIONS_FILE).get("triggers", {}).get(lang)
    if not words:
        raise ValueError(f"{SANCTIONS_FILE}: no triggers for {lang!r}")
    return re.compile("|".join(map(re.escape, words)), re.IGNORECASE if lang == "en" else 0)


# -- amounts ------------------------------------------------------------------------------------------------------


@dataclass
class Amount:
    start: int
    end: int
    lo: float | None = None
    hi: float | None = None
    currency: str | None = None
    pct: float | None = None
    basis: str | None = None  # "illegal gains", "turnover", "purchase amount" …


def zh_number(s: str) -> float:
    """一万 -> 10000, 五千万 -> 50000000, 一百万 -> 1000000; Arabic digits as they are."""
    if s.isdigit():
        return float(s)
    total = 0
    rest = s
    for unit, value in (("亿", 10**8), ("万", 10**4)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += (zh_number(head) if head else 1) * value
    if rest:
        total += cn_to_int(rest) if not rest.isdigit() else int(rest)
    return float(total)


@cache
def _zh_patterns() -> dict[str, re.Pattern]:
    spec = load_yaml(SANCTIONS_FILE)["amounts"]["zh"]
    n = spec["number"]
    return {
        k: re.compile(spec[k].replace("{n}", n))
        for k in ("range", "max", "min", "multiple", "multiple_other", "turnover")
    }


@cache
def _zh_basis_names() -> dict[str, str]:
    return dict(load_yaml(SANCTIONS_FILE)["amounts"]["zh"].get("basis_names") or {})


def zh_amounts(text: str) -> list[Amount]:
    """Fine amounts of a Chinese sentence: only those followed by 罚款 within their clause."""
    pats = _zh_patterns()
    found: list[Amount] = []
    taken = bytearray(len(text) + 1)

    def free(m: re.Match) -> bool:
        return not any(taken[m.start() : m.end()])

    def take(m: re.Match) -> None:
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())

    for key in ("multiple", "multiple_other", "range", "turnover", "max", "min"):
        for m in pats[key].finditer(text):
            if not free(m):
                continue
            clause_end = re.search(r"[，。；]", text[m.end() :])
            tail = text[m.end() : m.end() + (clause_end.start() if clause_end else len(text))]
            if "罚款" not in tail:
                continue  # 违法所得十万元以上的 is a condition, not a fine
            take(m)
            g = m.groupdict()
            a = Amount(m.start(), m.end())
            if key in ("multiple", "multiple_other"):
                a.lo, a.hi = zh_number(g["lo"]), zh_number(g["hi"])
                basis = "违法所得" if key == "multiple" else g["basis"].lstrip("处并")
                a.basis = _zh_basis_names().get(basis, basis)
            elif key == "turnover":
                a.pct, a.basis = zh_number(g["pct"]), "turnover"
            else:
                a.currency = "CNY"
                a.lo = zh_number(g["lo"]) if g.get("lo") else None
                a.hi = zh_number(g["hi"]) if g.get("hi") else None
            found.append(a)
    return _merge_turnover(sorted(found, key=lambda a: a.start), text, ("或者", "或"))


_EN_WORDS = {
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
}
_CUR = r"(?:EUR|€|RMB|CNY|yuan|euros?)"
_NUM = r"(?:\d{1,3}(?:[  ,]\d{3})+|\d+(?:\.\d+)?|one|two|three|four|five|six|seven|eight|nine|ten|fifteen|twenty|fifty|hundred)(?:\s+(?:million|billion|thousand))?"
_MONEY = re.compile(rf"(?P<c1>{_CUR}\s*)?(?P<num>{_NUM})(?P<c2>\s*{_CUR})?", re.IGNORECASE)
_LO_FRAME = re.compile(
    r"(?:not less than|no less than|at least|a minimum of|from|between)\s*$", re.IGNORECASE
)
_HI_FRAME = re.compile(
    r"(?:not more than|no more than|nor more than|up to|not exceeding|of a maximum of|a maximum of|maximum of|to|and|or|but not more than|but no more than)\s*$",
    re.IGNORECASE,
)
_OF_FRAME = re.compile(r"(?:fines? of|fined|between|from|amounting to|in the amount of)\s*$", re.IGNORECASE)
_RANGE_JOIN = re.compile(
    r"\s*(?:,\s*)?(?:but not more than|but no more than|nor more than|and not more than|to|and|up to|-|–)\s*",
    re.IGNORECASE,
)
_PCT = re.compile(
    rf"(?P<pct>\d+(?:[.,]\d+)?|{'|'.join(_EN_WORDS)})\s*(?:%|percent|per cent)\s+of\s+(?:its|their|the)?[^.;%]{{0,60}}?turnover",
    re.IGNORECASE,
)
_N = rf"(?:\d+|{'|'.join(_EN_WORDS)})"
_TIMES = re.compile(
    rf"(?:(?:not less than|between|of)\s+)?(?P<lo>{_N})\s+(?:times?\s+)?(?:but not more than|and|to)\s+(?P<hi>{_N})\s+times\s+(?:the\s+)?(?P<basis>illegal gains|unlawful gains|illegal income|purchase amount|procurement amount|[\w ]{3, 30}?)(?=[,.;]|\s+(?:shall|may|and|or)|$)",
    re.IGNORECASE,
)


def en_number(s: str) -> float:
    s = s.strip().lower()
    unit = 1
    for word, value in (("million", 10**6), ("billion", 10**9), ("thousand", 10**3)):
        if s.endswith(word):
            s, unit = s[: -len(word)].strip(), value
    if s in _EN_WORDS:
        return float(_EN_WORDS[s] * unit)
    return float(re.sub(r"[  ,]", "", s)) * unit


def en_amounts(text: str) -> list[Amount]:
    """Fine amounts of an English sentence: money with a currency in a range frame, percentages of turnover,
    multiples of the illegal gains."""
    found: list[Amount] = []
    taken = bytearray(len(text) + 1)
    for m in _TIMES.finditer(text):
        try:
            lo, hi = en_number(m["lo"]), en_number(m["hi"])
        except ValueError:
            continue
        found.append(Amount(m.start(), m.end(), lo, hi, None, None, m["basis"].strip()))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    for m in _PCT.finditer(text):
        if any(taken[m.start() : m.end()]):
            continue
        pct = m["pct"].replace(",", ".")
        found.append(Amount(m.start(), m.end(), pct=en_number(pct), basis="turnover"))
        taken[m.start() : m.end()] = b"\x01" * (m.end() - m.start())
    money: list[tuple[re.Match, str, str]] = []  # (match, currency, frame)
    for m in _MONEY.finditer(text):
        if any(taken[m.start() : m.end()]) or not (m["c1"] or m["c2"]):
            continue
        before = text[max(0, m.start() - 30) : m.start()]
        if _LO_FRAME.search(before):
            frame = "lo"
        elif _OF_FRAME.search(before):
            frame = "of"  # "a fine of RMB 10,000 to RMB 100,000" or "a fine of RMB 10,000"
        elif _HI_FRAME.search(before):
            frame = "hi"
        else:
            continue  # "where the illegal gains are less than RMB 100,000" is a condition, not a fine
        cur = (m["c1"] or m["c2"]).strip().upper()
        cur = "EUR" if cur.startswith(("EUR", "€")) else "CNY"
        money.append((m, cur, frame))
    i = 0
    while i < len(money):
        m, cur, frame = money[i]
        a = Amount(m.start(), m.end(), currency=cur)
        value = en_number(m["num"])
        nxt = money[i + 1] if i + 1 < len(money) else None
        if frame in ("lo", "of") and nxt and _RANGE_JOIN.fullmatch(text[m.end() : nxt[0].start()]):
            a.lo, a.hi, a.end = value, en_number(nxt[0]["num"]), nxt[0].end()
            i += 1
        elif frame == "lo":
            a.lo = value
        else:
            a.hi = value
        found.append(a)
        i += 1
    return _merge_turnover(sorted(found, key=lambda a: a.start), text, ("or",))


def _merge_turnover(amounts: list[Amount], text: str, joiners: tuple[str, ...]) -> list[Amount]:
    """A money cap and a turnover percentage joined by 或者 / or are one fine ("whichever is higher")."""
    out: list[Amount] = []
    for a in amounts:
        if out and (a.pct is not None) != (out[-1].pct is not None) and a.basis in (None, "turnover"):
            prev = out[-1]
            between = text[prev.end : a.start]
            if (
                len(between) < 90
                and any(j in between for j in joiners)
                and out[-1].basis in (None, "turnover")
            ):
                prev.pct = prev.pct if prev.pct is not None else a.pct
                prev.lo = prev.lo if prev.lo is not None else a.lo
                prev.hi = prev.hi if prev.hi is not None else a.hi
                prev.currency = prev.currency or a.currency
                prev.basis = "turnover" if prev.pct is not None else prev.basis
                prev.end = max(prev.end, a.end)
                continue
        out.append(a)
    return out


# -- penalties of an article -----------------------------------------------------------------------------------------

_ZH_PRECEDING = re.compile(r"前(?:[两二三])?款")
_EN_PRECEDING = re.compile(
    r"preceding (?:two |three )?paragraphs?|paragraphs? [0-9]+ (?:and|or) [0-9]+ of this Article",
    re.IGNORECASE,
)
_EN_FRAME = re.compile(
    r"\b(?:impos\w+|giv\w+|order\w*|subject to|punish\w*|revok\w+|confiscat\w+|circulat\w+|fined|detention|warning)\b",
    re.IGNORECASE,
)
_ZH_ON = re.compile(r"对([^，。；]{0,40}?)[，,]?(?:可以)?(?:并)?(?:处|给予)")


def _sentences(text: str, lang: str) -> list[tuple[int, int]]:
    rx = r"[。；\n]" if lang == "zh" else r"(?<=[.;])\s+(?=[A-Z(‘“])|\n"
    out, start = [], 0
    for m in re.finditer(rx, text):
        end = m.end() if lang == "zh" else m.start()
        if text[start:end].strip():
            out.append((start, end))
        start = m.end()
    if text[start:].strip():
        out.append((start, len(text)))
    return out


def _amount_bearer(prov, a: Amount, lang: str, sent_start: int) -> str | None:
    """The role a fine is imposed on, when the clause of the amount names one (对X处 / X shall be fined / on X)."""
    text = prov.text
    roles = [s for s in prov.doc.spans["roles"] if s.start_char >= sent_start]
    if lang == "zh":
        for m in _ZH_ON.finditer(text, max(sent_start, a.start - 60), a.start + 1):
            if a.start - m.end() > 8:
                continue  # 对X处 must lead to this amount (处违法所得… / 处一万元…)
            for r in roles:
                if m.start(1) <= r.start_char < m.end(1):
                    return r.label_
        return None
    clause_start = max(max(text.rfind(c, sent_start, a.start) for c in ";,") + 1, sent_start)
    for r in roles:  # "the person in charge shall be fined …"
        if clause_start <= r.start_char < a.start and re.search(
            r"shall\s+(?:each\s+)?be\s+fined", text[r.end_char : a.start]
        ):
            return r.label_
    after = text[a.end : a.end + 60]
    m = re.match(r"\s*(?:shall be imposed\s+)?on\s+(?:each\s+|the\s+|a\s+)?", after)
    if m:
        for r in roles:
            if a.end + m.end() - 2 <= r.start_char <= a.end + m.end() + 2:
                return r.label_
    return None


def _violator(prov, lang: str, role_kinds: dict[str, str], end: int) -> tuple[str | None, tuple[str, ...]]:
    """The regulated actor the violation clause (before the first sanction) names first, not the authority."""
    blockers = ("由", "向", "对") if lang == "zh" else ("by ", "to ", "of ", "on ")
    found: list[str] = []
    for r in prov.doc.spans["roles"]:
        if r.start_char >= end:
            break
        if role_kinds.get(r.label_) != "role":
            continue
        before = prov.text[max(0, r.start_char - 6) : r.start_char]
        if lang == "en":
            before = re.sub(r"\b(?:the|a|an|any|each)\s+$", "", before)
        if before.endswith(blockers) or r.label_ == "cn:directly-responsible-persons":
            continue
        if r.label_ not in found:
            found.append(r.label_)
        if len(found) > 1 and not re.search(
            r"^\s*(?:、|和|或者|及|,|and|or)\s*", prov.text[r.end_char : r.end_char + 8]
        ):
            break
    return (found[0], tuple(found[1:2])) if found else (None, ())


def article_penalties(
    provisions: list,
    instrument: str,
    lang: str,
    known: dict[str, str],
    role_kinds: dict[str, str],
    jurisdiction: str = "CN",
) -> list[Penalty]:
    """The penalties of one article's provisions (paragraphs, points, subpoints in document order)."""
    out: list[Penalty] = []
    prev_sanctioned: tuple[str, ...] = ()
    prev_violator: str | None = None
    cite = zh_citations if lang == "zh" else en_citations
    for prov in provisions:
        sanctions = list(prov.doc.spans["sanctions"])
        if not sanctions:
            continue
        text = prov.text
        first = sanctions[0].start_char
        paths = cite(text[:first]) or []
        if prov.children_texts and re.search(r"下列|以下|following", text):
            for child in prov.children_texts:
                paths.extend(p for p in cite(child) if p not in paths)
        sanctioned = resolve_paths(paths, known)
        violator, _co = _violator(prov, lang, role_kinds, first)
        preceding = (_ZH_PRECEDING if lang == "zh" else _EN_PRECEDING).search(text[:first])
        if not sanctioned and preceding:
            sanctioned = prev_sanctioned
        if violator is None and preceding:
            violator = prev_violator
        for s_start, s_end in _sentences(text, lang):
            sent = text[s_start:s_end]
            in_sent = [s for s in sanctions if s_start <= s.start_char < s_end]
            if not in_sent:
                continue
            amounts = zh_amounts(sent) if lang == "zh" else en_amounts(sent)
            fine_types = [s.label_ for s in in_sent if s.label_ in FINES]
            if (
                lang == "en"
                and not amounts
                and (jurisdiction == "EU" or len(fine_types) == len(in_sent) or not _EN_FRAME.search(sent))
            ):
                continue  # "When deciding on the amount of the administrative fine …" imposes nothing
            fine_type = "administrative-fine" if "administrative-fine" in fine_types else "fine"
            for a in amounts:
                a.start += s_start
                a.end += s_start
                bearer = _amount_bearer(prov, a, lang, s_start) or violator
                out.append(
                    Penalty(
                        sanctions=(fine_type,),
                        evidence=Evidence(
                            instrument,
                            prov.eid,
                            lang,
                            a.start,
                            a.end,
                            text[a.start : a.end],
                            rule=f"penalty-amount-{lang}",
                        ),
                        amount_min=a.lo,
                        amount_max=a.hi,
                        currency=a.currency,
                        turnover_percent=a.pct,
                        amount_basis=a.basis,
                        bearer=bearer,
                        sanctioned=sanctioned,
                    )
                )
            others = [s for s in in_sent if s.label_ not in FINES]
            if fine_types and not amounts:
                others = in_sent
            kinds = tuple(dict.fromkeys(s.label_ for s in others))
            if kinds:
                start, end = others[0].start_char, others[-1].end_char
                out.append(
                    Penalty(
                        sanctions=kinds,
                        evidence=Evidence(
                            instrument,
                            prov.eid,
                            lang,
                            start,
                            end,
                            text[start:end],
                            rule=f"penalty-sanctions-{lang}",
                        ),
                        bearer=violator,
                        sanctioned=sanctioned,
                    )
                )
        prev_sanctioned = sanctioned or prev_sanctioned
        prev_violator = violator or prev_violator
    return out
