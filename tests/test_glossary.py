"""The zh → en glossary: content rules for corpus/glossary.yaml and the behaviour of regkg.glossary."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest
import yaml

from regkg.errors import RegkgError
from regkg.glossary import CATEGORIES, Glossary, load_glossary
from regkg.sources import load_manifest

ROOT = Path(__file__).resolve().parents[1]
GLOSSARY = ROOT / "corpus" / "glossary.yaml"

# Renderings fixed for the translators working in parallel: they must appear exactly.
BINDING = {
    "深度合成": "deep synthesis",
    "深度合成服务提供者": "deep synthesis service provider",
    "深度合成服务技术支持者": "deep synthesis technical support provider",
    "技术支持者": "technical support provider",
    "深度合成服务使用者": "deep synthesis service user",
    "使用者": "user",
    "算法推荐": "algorithmic recommendation",
    "算法推荐服务提供者": "algorithmic recommendation service provider",
    "生成合成类": "generation and synthesis (type)",
    "个性化推送类": "personalised push (type)",
    "排序精选类": "ranking and selection (type)",
    "检索过滤类": "search and filtering (type)",
    "调度决策类": "scheduling and decision-making (type)",
    "网络运营者": "network operator",
    "关键信息基础设施": "critical information infrastructure",
    "关键信息基础设施的运营者": "operator of critical information infrastructure",
    "国家网信部门": "the national cyberspace administration",
    "网信部门": "cyberspace administration",
    "地方网信部门": "local cyberspace administrations",
    "电信主管部门": "telecommunications authority",
    "国务院电信主管部门": "the telecommunications authority of the State Council",
    "公安部门": "public security authority",
    "国务院公安部门": "the public security department of the State Council",
    "市场监管部门": "market regulation authority",
    "有关部门": "relevant departments",
    "有关主管部门": "relevant competent authorities",
    "个人信息处理者": "personal information processor",
    "个人信息": "personal information",
    "敏感个人信息": "sensitive personal information",
    "安全评估": "security assessment",
    "备案": "filing",
    "算法备案": "algorithm filing",
    "显著标识": "conspicuous label",
    "标识": "label",
    "作出显著标识": "label conspicuously",
    "舆论属性或者社会动员能力": "public opinion attributes or social mobilisation capabilities",
    "社会主义核心价值观": "core socialist values",
    "违法和不良信息": "illegal and harmful information",
    "违法信息": "illegal information",
    "不良信息": "harmful information",
    "虚假新闻信息": "false news information",
    "真实身份信息认证": "real identity information authentication",
    "网络安全等级保护制度": "multi-level protection scheme for cybersecurity",
    "网络产品、服务": "network products and services",
    "网络安全": "cybersecurity",
    "网络数据": "network data",
    "责令改正": "order to rectify",
    "警告": "warning",
    "罚款": "fine",
    "没收违法所得": "confiscation of illegal gains",
    "暂停相关业务": "suspension of related business",
    "停业整顿": "suspension of business for rectification",
    "关闭网站": "closure of the website",
    "吊销相关业务许可证或者吊销营业执照": "revocation of the relevant business permit or business licence",
    "直接负责的主管人员和其他直接责任人员": (
        "the directly responsible person in charge and other directly responsible persons"
    ),
    "治安管理处罚": "public security administration punishment",
    "构成犯罪的，依法追究刑事责任": (
        "where a crime is constituted, criminal liability shall be pursued in accordance with the law"
    ),
    "本规定": "these Provisions",
    "本法": "this Law",
}

# Binding titles, as written in running text ("the" + the instruments-section title).
BINDING_TITLES = {
    "中华人民共和国网络安全法": "the Cybersecurity Law of the People's Republic of China",
    "中华人民共和国数据安全法": "the Data Security Law of the People's Republic of China",
    "中华人民共和国个人信息保护法": "the Personal Information Protection Law of the People's Republic of China",
    "互联网信息服务管理办法": "the Measures for the Administration of Internet Information Services",
}

# Roles and authorities the glossary must cover (the brief's list).
REQUIRED = [
    "服务提供者",
    "技术支持者",
    "使用者",
    "生成式人工智能服务提供者",
    "个人信息处理者",
    "受托人",
    "网络运营者",
    "关键信息基础设施的运营者",
    "网络产品、服务的提供者",
    "数据处理者",
    "国家网信部门",
    "电信主管部门",
    "公安部门",
    "有关主管部门",
    "履行个人信息保护职责的部门",
    "行业组织",
    "网络信息安全投诉、举报",
    "深度合成",
    "算法推荐",
    "生成合成类",
    "生成式人工智能技术",
    "训练数据",
    "数据标注",
    "个人信息",
    "敏感个人信息",
    "去标识化",
    "匿名化",
    "单独同意",
    "关键信息基础设施",
    "网络安全等级保护",
    "安全评估",
    "备案",
    "显著标识",
    "舆论属性或者社会动员能力",
    "社会主义核心价值观",
    "违法和不良信息",
    "虚假新闻信息",
    "真实身份信息",
    "用户标签",
    "算法机制机理",
    "防沉迷",
    "未成年人",
    "重要数据",
    "核心数据",
    "数据出境",
    "警告",
    "责令改正",
    "罚款",
    "没收违法所得",
    "暂停相关业务",
    "停业整顿",
    "吊销",
]

CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef]")


@pytest.fixture(scope="module")
def glossary() -> Glossary:
    return load_glossary(GLOSSARY)


@pytest.fixture(scope="module")
def raw() -> dict:
    return yaml.safe_load(GLOSSARY.read_text(encoding="utf-8"))


# -- content of corpus/glossary.yaml ------------------------------------------------------------------------------


def test_header(raw):
    assert raw["version"] == "1"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", str(raw["date"]))
    assert raw["description"].strip()
    assert len(raw["sources"]) >= 3
    assert any(
        "NPC official English translation of the Personal Information Protection Law" in s
        for s in raw["sources"]
    )


def test_at_least_110_terms(glossary):
    assert len(glossary.terms) >= 110


def test_no_duplicate_zh(raw):
    counts = Counter(t["zh"] for t in raw["terms"])
    assert [zh for zh, n in counts.items() if n > 1] == []
    titles = Counter(i["zh"] for i in raw["instruments"])
    assert [zh for zh, n in titles.items() if n > 1] == []


def test_every_entry_has_a_known_category(raw):
    for i, t in enumerate(raw["terms"], 1):
        assert t.get("category") in CATEGORIES, f"entry #{i} {t.get('zh')}"


def test_all_categories_used(glossary):
    assert {t.category for t in glossary.terms} == set(CATEGORIES)


def test_roles_and_authorities_are_explained(glossary):
    for t in glossary.terms:
        if t.category in ("role", "authority"):
            assert t.note or t.alt_en, f"{t.zh}: a role or authority needs a note or alt_en"


def test_binding_renderings_exact(glossary):
    wrong = {zh: (glossary.lookup(zh).en if glossary.lookup(zh) else None) for zh in BINDING}
    wrong = {zh: got for zh, got in wrong.items() if got != BINDING[zh]}
    assert wrong == {}


def test_binding_titles_exact(glossary):
    for zh, en in BINDING_TITLES.items():
        title = glossary.title(f"《{zh}》")
        assert title is not None, zh
        assert f"the {title.en}" == en


def test_required_terms_covered(glossary):
    assert [zh for zh in REQUIRED if glossary.lookup(zh) is None] == []


def test_npc_choice_for_pipl_processor(glossary):
    t = glossary.lookup("个人信息处理者")
    assert "personal information handler" in t.alt_en
    assert "NPC" in t.note and "handler" in t.note


def test_zh_are_short_terms(glossary):
    for t in glossary.terms:
        assert len(t.zh) <= 20, t.zh
        assert not re.search(r"[。；：！？]", t.zh), t.zh
        assert CJK.search(t.zh), t.zh


def test_english_has_no_chinese(glossary):
    for t in glossary.terms:
        assert not CJK.search(t.en), t.zh
        assert not any(CJK.search(a) for a in t.alt_en), t.zh
        assert t.en not in t.alt_en, f"{t.zh}: alt_en repeats en"
    for i in glossary.instruments:
        assert not CJK.search(i.en) and not CJK.search(i.short_en), i.zh


def test_instrument_ids_are_known(glossary):
    known = set(load_manifest(ROOT / "corpus" / "sources.toml").ids)
    for t in glossary.terms:
        assert set(t.instruments) <= known, t.zh
    for i in glossary.instruments:
        assert set(i.cited_by) <= known, i.zh


def test_instruments_section_titles(glossary):
    assert len(glossary.instruments) >= 10
    for i in glossary.instruments:
        assert not i.zh.startswith("《"), i.zh
        assert i.en and i.short_en, i.zh
    manifest = load_manifest(ROOT / "corpus" / "sources.toml")
    for iid in ("algorithm-recommendation-2021", "deep-synthesis-2022", "genai-measures-2023"):
        inst = manifest.get(iid)
        assert glossary.title(inst.title_zh).en == inst.title_en


# -- regkg.glossary behaviour -------------------------------------------------------------------------------------


def test_lookup(glossary):
    assert glossary.lookup("受托人").en == "entrusted party"
    assert glossary.lookup(" 受托人 ").category == "role"
    assert glossary.lookup("不存在的术语") is None
    assert "受托人" in glossary and "不存在的术语" not in glossary


def test_terms_in_longest_match_first(glossary):
    text = "深度合成服务提供者和技术支持者应当加强训练数据管理，对深度合成服务使用者进行真实身份信息认证。"
    assert [t.zh for t in glossary.terms_in(text)] == [
        "深度合成服务提供者",
        "技术支持者",
        "训练数据",
        "深度合成服务使用者",
        "真实身份信息认证",
    ]


def test_terms_in_non_overlapping_and_distinct(glossary):
    text = "违法和不良信息；违法信息；不良信息；违法和不良信息"
    terms = glossary.terms_in(text)
    assert [t.zh for t in terms] == ["违法和不良信息", "违法信息", "不良信息"]
    spans = [(m.start, m.end) for m in glossary.matches(text)]
    assert spans == [(0, 7), (8, 12), (13, 17), (18, 25)]
    for (_, end), (start, _) in zip(spans, spans[1:], strict=False):
        assert end <= start


def test_terms_in_prefers_longer_even_when_shorter_starts_first():
    g = Glossary.from_data(
        {
            "terms": [
                {"zh": "甲乙", "en": "ab", "category": "concept"},
                {"zh": "乙丙丁", "en": "bcd", "category": "concept"},
            ]
        }
    )
    assert [t.en for t in g.terms_in("甲乙丙丁")] == ["bcd"]
    assert g.terms_in("") == []


def test_title_lookup_tolerates_brackets(glossary):
    assert glossary.title("中华人民共和国数据安全法").short_en == "Data Security Law"
    assert glossary.title("《关于修改〈中华人民共和国网络安全法〉的决定》") is not None
    assert glossary.title("《不存在法》") is None


def test_default_path_uses_project_root(tmp_path, monkeypatch):
    (tmp_path / "corpus").mkdir()
    (tmp_path / "corpus" / "glossary.yaml").write_text(
        'version: "1"\nterms:\n  - {zh: 备案, en: filing, category: activity}\n', encoding="utf-8"
    )
    monkeypatch.setenv("REGKG_ROOT", str(tmp_path))
    g = load_glossary()
    assert g.path == tmp_path / "corpus" / "glossary.yaml"
    assert g.lookup("备案").en == "filing"


def test_objects_are_frozen(glossary):
    with pytest.raises(AttributeError):
        glossary.terms[0].en = "x"
    with pytest.raises(AttributeError):
        glossary.version = "2"


# -- malformed files ----------------------------------------------------------------------------------------------

GOOD = {"zh": "备案", "en": "filing", "category": "activity"}


def _write(tmp_path: Path, terms: list, **top) -> Path:
    path = tmp_path / "glossary.yaml"
    path.write_text(
        yaml.safe_dump({"version": "1", "terms": terms, **top}, allow_unicode=True), encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("terms", "message"),
    [
        ([GOOD, {"en": "fine", "category": "sanction"}], r"terms entry #2: missing 'zh'"),
        ([GOOD, {"zh": "罚款", "category": "sanction"}], r"terms entry #2 \(罚款\): missing 'en'"),
        ([GOOD, {"zh": "罚款", "en": "fine"}], r"terms entry #2 \(罚款\): missing 'category'"),
        (
            [GOOD, {"zh": "罚款", "en": "fine", "category": "penalty"}],
            r"#2 \(罚款\): unknown category 'penalty'",
        ),
        ([GOOD, dict(GOOD, en="record-filing")], r"terms entry #2 \(备案\): duplicate zh, already entry #1"),
        ([GOOD, dict(GOOD, zh="罚款", catgory="sanction")], r"#2 \(罚款\): unknown key\(s\) catgory"),
        (
            [GOOD, dict(GOOD, zh="罚款", alt_en=[1])],
            r"#2 \(罚款\): 'alt_en' must be a list of non-empty strings",
        ),
        ([GOOD, "罚款"], r"terms entry #2: expected a mapping"),
        ([], r"expected a non-empty list under 'terms'"),
    ],
)
def test_malformed_entry(tmp_path, terms, message):
    path = _write(tmp_path, terms)
    with pytest.raises(RegkgError, match=message) as info:
        load_glossary(path)
    assert str(path) in str(info.value)


def test_malformed_instrument(tmp_path):
    path = _write(tmp_path, [GOOD], instruments=[{"zh": "中华人民共和国网络安全法"}])
    with pytest.raises(RegkgError, match=r"instruments entry #1 \(中华人民共和国网络安全法\): missing 'en'"):
        load_glossary(path)


def test_invalid_yaml_and_missing_file(tmp_path):
    bad = tmp_path / "glossary.yaml"
    bad.write_text("terms: [\n  - zh: 备案\n", encoding="utf-8")
    with pytest.raises(RegkgError, match=r"glossary\.yaml: not valid YAML"):
        load_glossary(bad)
    with pytest.raises(RegkgError, match=r"nowhere\.yaml: glossary not found"):
        load_glossary(tmp_path / "nowhere.yaml")
    bad.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(RegkgError, match=r"expected a mapping"):
        load_glossary(bad)


# -- against the source mirror ------------------------------------------------------------------------------------


def _mirror_texts(mirror: Path) -> dict[str, str]:
    def md(rel: str) -> str:
        text = (mirror / rel).read_text(encoding="utf-8")
        return text.split("---", 2)[2] if text.startswith("---") else text

    genai = json.loads((mirror / "genai-measures-2023" / "zh.json").read_text(encoding="utf-8"))
    ds = json.loads((mirror / "deep-synthesis-2022" / "zh.json").read_text(encoding="utf-8"))
    return {
        "genai-measures-2023": "\n".join(a["fullText"] for a in genai),
        "deep-synthesis-2022": "\n".join(p["content"] for p in ds["provisions"]),
        "algorithm-recommendation-2021": md("algorithm-recommendation-2021/zh.md"),
        "pipl-2021": md("pipl-2021/zh.md"),
        "csl-2016": md("csl-2016/zh.md"),
        "csl-2025": md("csl-2025/zh.md"),
        "csl-amendment-2025": md("csl-2025/zh.amendment-decision.md"),
        "dsl-2021": md("dsl-2021/zh.md"),
    }


@pytest.mark.corpus
def test_instruments_lists_match_the_texts(glossary, mirror):
    texts = _mirror_texts(mirror)
    for t in glossary.terms:
        found = {iid for iid, text in texts.items() if t.zh in text}
        assert set(t.instruments) == found, t.zh


@pytest.mark.corpus
def test_every_cited_title_is_in_the_glossary(glossary, mirror):
    texts = _mirror_texts(mirror)
    cited = {m for text in texts.values() for m in re.findall(r"《([^》]+)》", text)}
    assert [c for c in sorted(cited) if glossary.title(c) is None] == []
