"""regkg's own English translations (corpus/translations/*.en.yaml): structure, terms, numbers, titles, labels.

The Chinese text is authoritative; these tests check that regkg's unofficial English follows it faithfully
where a machine can tell: every provision is translated, glossary terms are rendered as the glossary says,
numbers, amounts and dates carry the same values, cited titles use the glossary's English titles, and the
graph labels the English as an unofficial translation. Exceptions to the term rule are data
(``corpus/translations/exceptions.yaml``), each with a reason, and an exception that no longer applies fails.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from regkg.glossary import Glossary, Term, load_glossary
from regkg.model import Instrument, Node
from regkg.numerals import cn_to_int, int_to_cn

ROOT = Path(__file__).resolve().parents[1]
TRANSLATIONS = ROOT / "corpus" / "translations"
EXCEPTIONS = TRANSLATIONS / "exceptions.yaml"
OWN = ("deep-synthesis-2022", "algorithm-recommendation-2021", "csl-2016")
STATUS = "unofficial translation — regkg"
# Glossary categories whose terms must be rendered as the glossary says (not document types or self-references).
CHECKED_CATEGORIES = ("role", "authority", "concept", "activity", "content", "sanction")
CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(ROOT / "corpus" / "glossary.yaml")


# -- Chinese numerals, amounts and dates ---------------------------------------------------------------------------

CN_DIGITS = "零〇一二两三四五六七八九"
CN_NUM = f"[{CN_DIGITS}十百千万亿]+"
_DIGIT_VALUE = {
    ch: (0 if ch in "零〇" else "一二三四五六七八九".find(ch) + 1) for ch in CN_DIGITS if ch != "两"
}
# Units after which a Chinese numeral is a value the English must carry: money, time, multiples, counts,
# and provision references (第二十一条, 第一款, 第三项).
CN_UNITS = "元|个工作日|个月|日|年|倍|次|周岁|岁|小时|条|款|项"
_QUANTITY = re.compile(rf"({CN_NUM})(?={CN_UNITS})")
_DATE = re.compile(rf"(\d{{4}}|[{CN_DIGITS}]{{4}})年(\d{{1,2}}|{CN_NUM})月(\d{{1,2}}|{CN_NUM})日")
_ARABIC = re.compile(r"\d+(?:\.\d+)?")


def cn_amount(s: str) -> int:
    """A Chinese numeral with 万 and 亿 (一万 → 10000, 一百万 → 1000000, 五千 → 5000, 十五 → 15).

    Sections are read high to low: 亿 (10^8), then 万 (10^4), then the rest, each by
    :func:`regkg.numerals.cn_to_int`; a 零 marking a gap inside a section is skipped.
    """
    if not s or not re.fullmatch(CN_NUM, s):
        raise ValueError(f"not a Chinese numeral: {s!r}")
    total = 0
    rest = s
    for unit, value in (("亿", 10**8), ("万", 10**4)):
        if unit in rest:
            head, rest = rest.split(unit, 1)
            total += (cn_amount(head) if head else 1) * value
    rest = rest.lstrip("零〇")
    return total + (cn_to_int(rest) if rest else 0)


def cn_digits_or_numeral(s: str) -> int:
    """Arabic digits, a year written digit by digit (二〇二三), or an ordinary Chinese numeral."""
    if s.isdigit():
        return int(s)
    if len(s) == 4 and all(ch in _DIGIT_VALUE for ch in s):
        return int("".join(str(_DIGIT_VALUE[ch]) for ch in s))
    return cn_amount(s)


def zh_values(text: str) -> tuple[set[dt.date], set[int | float]]:
    """The dates and the numeric values a Chinese provision states."""
    dates = {
        dt.date(cn_digits_or_numeral(y), cn_digits_or_numeral(m), cn_digits_or_numeral(d))
        for y, m, d in _DATE.findall(text)
    }
    rest = _DATE.sub(" ", text)
    values: set[int | float] = {float(x) if "." in x else int(x) for x in _ARABIC.findall(rest)}
    values |= {cn_amount(x) for x in _QUANTITY.findall(rest)}
    return dates, values


_EN_WORDS = {
    w: i
    for i, w in enumerate(
        [
            "zero",
            "one",
            "two",
            "three",
            "four",
            "five",
            "six",
            "seven",
            "eight",
            "nine",
            "ten",
            "eleven",
            "twelve",
            "thirteen",
            "fourteen",
            "fifteen",
            "sixteen",
            "seventeen",
            "eighteen",
            "nineteen",
            "twenty",
        ]
    )
}
_EN_WORDS.update(
    {w: 10 * i for i, w in enumerate(["thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"], 3)}
)
_EN_WORDS.update({"once": 1, "twice": 2})
_EN_SCALES = {"hundred": 100, "thousand": 1000, "million": 10**6}
MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def en_values(text: str) -> set[int | float]:
    """Numbers in an English text: digits (10,000; 1.5) and number words (five, twenty-one, one hundred)."""
    values: set[int | float] = set()
    for x in re.findall(r"\d[\d,]*(?:\.\d+)?", text):
        x = x.rstrip(",").replace(",", "")
        values.add(float(x) if "." in x else int(x))
    current: int | None = None
    for word in re.findall(r"[a-z]+", text.lower()):
        if word in _EN_WORDS:
            current = (current or 0) + _EN_WORDS[word]
        elif word in _EN_SCALES and current is not None:
            current *= _EN_SCALES[word]
        else:
            if current is not None:
                values.add(current)
            current = None
    if current is not None:
        values.add(current)
    return values


def en_dates(d: dt.date) -> tuple[str, ...]:
    """The ways regkg's English may write a date: '10 January 2023' (house style) or 'January 10, 2023'."""
    month = MONTHS[d.month - 1]
    return (f"{d.day} {month} {d.year}", f"{month} {d.day}, {d.year}")


CN_TABLE = [
    ("一", 1),
    ("十", 10),
    ("十五", 15),
    ("二十", 20),
    ("五千", 5000),
    ("一万", 10_000),
    ("五万", 50_000),
    ("十万", 100_000),
    ("五十万", 500_000),
    ("一百万", 1_000_000),
    ("一万零五", 10_005),
    ("三亿五千万", 350_000_000),
    ("两万", 20_000),
]


@pytest.mark.parametrize(("zh", "value"), CN_TABLE)
def test_cn_amount_table(zh, value):
    assert cn_amount(zh) == value


def _wan_numeral(n: int) -> str:
    """1..99,999,999 in Chinese, each 万 section written by :func:`regkg.numerals.int_to_cn` (round-trip property)."""
    high, low = divmod(n, 10_000)
    if not high:
        return int_to_cn(low)
    out = ("十" if high == 10 else int_to_cn(high)) + "万"
    if low:
        out += ("零" if low < 1000 else "") + int_to_cn(low)
    return out


@given(st.integers(min_value=1, max_value=99_999_999))
def test_cn_amount_round_trip(n):
    assert cn_amount(_wan_numeral(n)) == n


def test_cn_amount_rejects_other_text():
    with pytest.raises(ValueError):
        cn_amount("元")
    with pytest.raises(ValueError):
        cn_amount("")


@pytest.mark.parametrize(
    ("zh", "dates", "values"),
    [
        ("本规定自2023年1月10日起施行。", {dt.date(2023, 1, 10)}, set()),
        ("自二〇二二年三月一日起施行", {dt.date(2022, 3, 1)}, set()),
        ("处一万元以上十万元以下罚款", set(), {10_000, 100_000}),
        ("处五日以下拘留，情节较重的，处五日以上十五日以下拘留", set(), {5, 15}),
        ("违反本法第二十二条第一款、第二款规定", set(), {22, 1, 2}),
        ("在三十个工作日内予以备案；留存网络日志不少于六个月", set(), {30, 6}),
        ("处违法所得一倍以上十倍以下罚款；每年至少进行一次检测评估", set(), {1, 10}),
        ("统一发布；一旦遭到破坏；有下列行为之一的", set(), set()),
    ],
)
def test_zh_values(zh, dates, values):
    assert zh_values(zh) == (dates, values)


@given(st.dates(min_value=dt.date(1949, 10, 1), max_value=dt.date(2099, 12, 31)), st.booleans())
def test_dates_round_trip(d, chinese_numerals):
    if chinese_numerals:  # 二〇二三年一月十日
        year = "".join("〇一二三四五六七八九"[int(c)] for c in str(d.year))
        zh = f"本法自{year}年{int_to_cn(d.month)}月{int_to_cn(d.day)}日起施行。"
    else:
        zh = f"本法自{d.year}年{d.month}月{d.day}日起施行。"
    assert zh_values(zh) == ({d}, set())


@pytest.mark.parametrize(
    ("en", "values"),
    [
        ("a fine of RMB 10,000 to RMB 100,000", {10_000, 100_000}),
        ("detention of five to fifteen days", {5, 15}),
        ("within twenty-one working days, at least once a year", {21, 1}),
        ("one hundred and twenty", {100, 20}),
        ("one million yuan", {1_000_000}),
        ("paragraph 1 of Article 22.", {1, 22}),
        ("none of the other things", set()),
    ],
)
def test_en_values(en, values):
    assert en_values(en) == values


def test_en_dates():
    assert en_dates(dt.date(2023, 1, 10)) == ("10 January 2023", "January 10, 2023")


# -- English term matching -----------------------------------------------------------------------------------------

# Spelling variants folded before stemming (British is regkg's house style; the glossary lists both).
_SPELLING = [
    (re.compile(r"iz(?=e|ing|ation)"), "is"),
    (re.compile(r"licens"), "licenc"),
    (re.compile(r"-"), " "),
]
MAX_GAP = 3  # other words allowed between two words of a rendering ("order the operator to rectify")


@cache
def stem(word: str) -> str:
    """A deliberately small stemmer: plurals, -ing/-ed/-ied, final -e and -al, doubled consonants.

    It only has to make inflections of one rendering meet (operator/operators, handle/handling,
    label/labelled, refuse/refusal), not to be linguistically right.
    """
    w = word
    changed = True
    while changed:  # "warnings" -> "warning" -> "warn"
        changed = False
        for suffix, repl in (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("s", "")):
            if (
                w.endswith(suffix)
                and len(w) - len(suffix) >= 3
                and not (suffix == "s" and w[-2:] in ("ss", "us", "is"))
            ):
                w = w[: -len(suffix)] + repl
                if suffix in ("ing", "ed") and len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeious":
                    w = w[:-1]  # labelled -> label, submitted -> submit
                changed = True
                break
    if w.endswith("e") and len(w) > 3:
        w = w[:-1]
    if w.endswith("al") and len(w) > 5:
        w = w[:-2]
    return w


def words(text: str) -> list[str]:
    text = text.lower()
    for pattern, repl in _SPELLING:
        text = pattern.sub(repl, text)
    return [stem(w) for w in re.findall(r"[a-z0-9]+", text)]


def rendering_words(rendering: str) -> list[str]:
    """Words of a glossary rendering, without a leading article and without '(type)'-style notes."""
    rendering = re.sub(r"\([^)]*\)", " ", rendering)
    ws = words(rendering)
    while ws and ws[0] in ("the", "a", "an"):
        ws = ws[1:]
    return ws


def contains(text_words: list[str], wanted: list[str], max_gap: int = MAX_GAP) -> bool:
    """``wanted`` occurs in ``text_words`` in order, with at most ``max_gap`` other words between neighbours."""
    if not wanted:
        return True

    def from_(i: int, k: int) -> bool:
        if k == len(wanted):
            return True
        return any(
            text_words[j] == wanted[k] and from_(j + 1, k + 1)
            for j in range(i, min(len(text_words), i + max_gap + 1))
        )

    return any(w == wanted[0] and from_(i + 1, 1) for i, w in enumerate(text_words))


def renders(term: Term, english: str) -> bool:
    ws = words(english)
    return any(contains(ws, rendering_words(r)) for r in (term.en, *term.alt_en))


@pytest.mark.parametrize(
    ("rendering", "english", "ok"),
    [
        ("network operator", "Network operators shall ...", True),
        ("order to rectify", "the competent authority shall order the operator to rectify", True),
        ("refusal to rectify", "where the operator refuses to rectify", True),
        ("label conspicuously", "they shall label it conspicuously", True),
        ("conspicuous label", "add conspicuous labels", True),
        ("handling measures", "take deletion and other handling measures", True),
        ("warning", "measures such as warnings", True),
        ("organisation", "any organization", True),
        ("business licence", "revoke its business license", True),
        ("the national cyberspace administration", "The national cyberspace administration shall", True),
        ("network operator", "operators of networks", False),
        ("order to rectify", "order the operator, the provider and the user to rectify", False),
        ("personal information", "information of a personal nature", False),
        ("warning", "the provider shall be fined", False),
    ],
)
def test_renders(rendering, english, ok):
    term = Term(zh="术语", en=rendering, category="concept")
    assert renders(term, english) is ok


# -- the real translations -----------------------------------------------------------------------------------------


def provisions(inst: Instrument) -> Iterator[tuple[Node, str, str | None]]:
    """(node, zh, en) for every paragraph, point and sub-point text and every wrap-up text."""
    for node in inst.walk():
        if node.kind not in ("paragraph", "point", "subpoint"):
            continue
        if node.text.zh:
            yield node, node.text.zh, node.text.en
        if node.wrap.zh:
            yield node, node.wrap.zh, node.wrap.en


def load_exceptions() -> list[dict]:
    data = yaml.safe_load(EXCEPTIONS.read_text(encoding="utf-8"))
    entries = data["exceptions"] if isinstance(data, dict) else None
    assert isinstance(entries, list), f"{EXCEPTIONS}: expected a list under 'exceptions'"
    return entries


def test_exceptions_file_is_well_formed(glossary):
    for i, e in enumerate(load_exceptions(), 1):
        where = f"{EXCEPTIONS.name} entry #{i}"
        assert set(e) == {"instrument", "eid", "term", "reason"}, where
        assert e["instrument"] in OWN, where
        assert glossary.lookup(e["term"]) is not None, f"{where}: {e['term']} is not a glossary term"
        assert len(e["reason"].split()) >= 5, f"{where}: give a reason"
    assert len(load_exceptions()) <= 25, "keep the exception list short: fix the translation instead"


@pytest.mark.corpus
@pytest.mark.parametrize("iid", OWN)
def test_structure_matches_and_every_provision_is_translated(parsed, iid):
    result = parsed[iid]
    assert result.alignment_problems == []
    assert {e.lang for e in result.instrument.expressions} == {"zh", "en"}
    missing = [node.eid for node, _, en in provisions(result.instrument) if not (en and en.strip())]
    assert missing == []
    zh_doc, en_doc = result.documents["zh"], result.documents["en"]
    shape = [
        (n.kind, n.num) for n in zh_doc.walk() if n.kind in ("article", "paragraph", "point", "subpoint")
    ]
    assert shape == [
        (n.kind, n.num) for n in en_doc.walk() if n.kind in ("article", "paragraph", "point", "subpoint")
    ]
    headings = [n for n in result.instrument.walk() if n.kind in ("chapter", "section")]
    assert [n.eid for n in headings if n.heading.zh and not n.heading.en] == []


@pytest.mark.corpus
def test_glossary_terms_are_rendered(parsed, glossary):
    exceptions = {(e["instrument"], e["eid"], e["term"]) for e in load_exceptions()}
    used: set[tuple[str, str, str]] = set()
    missing = []
    for iid in OWN:
        for node, zh, en in provisions(parsed[iid].instrument):
            for term in glossary.terms_in(zh):
                if term.category not in CHECKED_CATEGORIES or renders(term, en or ""):
                    continue
                key = (iid, node.eid, term.zh)
                if key in exceptions:
                    used.add(key)
                else:
                    missing.append(f"{iid} {node.eid}: {term.zh} → {term.en!r}")
    assert missing == []
    assert sorted(exceptions - used) == [], "exceptions that no longer apply: remove them"


@pytest.mark.corpus
def test_numbers_amounts_and_dates_match(parsed):
    wrong = []
    for iid in OWN:
        for node, zh, en in provisions(parsed[iid].instrument):
            en = en or ""
            dates, values = zh_values(zh)
            for d in dates:
                if not any(s in en for s in en_dates(d)):
                    wrong.append(f"{iid} {node.eid}: date {d} not in English")
            if lost := values - en_values(en):
                wrong.append(f"{iid} {node.eid}: {sorted(lost)} not in English")
    assert wrong == []


@pytest.mark.corpus
def test_cited_titles_use_glossary_english(parsed, glossary):
    wrong = []
    for iid in OWN:
        for node, zh, en in provisions(parsed[iid].instrument):
            english = " ".join((en or "").split())
            for cited in re.findall(r"《([^》]+)》", zh):
                title = glossary.title(cited)
                if title is None:
                    wrong.append(f"{iid} {node.eid}: 《{cited}》 has no English title in the glossary")
                elif title.en not in english:
                    wrong.append(f"{iid} {node.eid}: expected {title.en!r}")
    assert wrong == []


@pytest.mark.parametrize("iid", OWN)
def test_translation_file_header_and_no_chinese(iid, glossary):
    path = TRANSLATIONS / f"{iid}.en.yaml"
    text = path.read_text(encoding="utf-8")
    chinese = [(i, line) for i, line in enumerate(text.splitlines(), 1) if CJK.search(line)]
    assert chinese == []
    data = yaml.safe_load(text)
    assert data["instrument"] == iid and data["lang"] == "en"
    assert data["status"] == STATUS
    assert data["translator"] == "regkg"
    assert dt.date.fromisoformat(str(data["date"]))
    assert str(data["glossary_version"]) == glossary.version
    assert data["title"].strip()


@pytest.mark.corpus
@pytest.mark.parametrize("iid", OWN)
def test_graph_labels_regkg_translations(store, iid):
    import pyoxigraph as ox

    from regkg.rdf.builder import instrument_iri
    from regkg.sources import load_manifest
    from regkg.store import select

    inst = ox.NamedNode(str(instrument_iri(load_manifest().get(iid))))
    rows = select(
        store,
        """SELECT ?lang ?authoritative ?status ?date WHERE {
             ?inst eli:is_realized_by ?e .
             ?e dcterms:language ?lang ; rkg:authoritative ?authoritative ; rkg:expressionStatus ?status .
             OPTIONAL { ?e dcterms:date ?date }
           }""",
        bindings={"inst": inst},
    ).as_dicts()
    by_lang = {r["lang"]: r for r in rows}
    assert set(by_lang) == {"zh", "en"}
    en, zh = by_lang["en"], by_lang["zh"]
    assert en["status"] == STATUS
    assert en["authoritative"] == "false"
    assert en["date"] and dt.date.fromisoformat(en["date"])
    assert zh["authoritative"] == "true"
    assert zh["status"] != STATUS
