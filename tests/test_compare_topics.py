"""Topics: the scheme in corpus/topics.yaml, the rules on invented texts, and the sanity anchors on the real texts."""

from __future__ import annotations

import pytest

from regkg.compare.data import CompareDataError
from regkg.compare.topics import Assigner, TopicScheme, assign_topics, load_topics
from regkg.model import Expression, Instrument, Node, Texts

SCHEME = {
    "threshold": 0.5,
    "translation_factor": 0.5,
    "exclude": {"zh": ["《[^》]+》"]},
    "topics": [
        {
            "id": "marks",
            "label": {"zh": "标记", "en": "marks"},
            "scope": {"zh": "标记。", "en": "Marks."},
            "zh": {"水印": 0.9, "标记": 0.6},
            "en": {"watermark": 0.9},
            "exclude": {"zh": ["去标记"]},
        },
        {
            "id": "fees",
            "label": {"zh": "收费", "en": "fees"},
            "scope": {"zh": "收费。", "en": "Fees."},
            "zh": {"收费": 0.3, "价格": 0.3},
            "headings": {"en": {"charges": 0.8}},
        },
    ],
}


def _instrument(*paras: tuple[str, str | None], heading_en: str | None = None) -> Instrument:
    children = tuple(
        Node("paragraph", str(i + 1), text=Texts(zh=zh, en=en), eid=f"art_1__para_{i + 1}")
        for i, (zh, en) in enumerate(paras)
    )
    article = Node("article", "1", heading=Texts(en=heading_en), children=children, eid="art_1")
    return Instrument(
        "toy",
        Texts(zh="玩具规定", en="Toy rules"),
        "CN",
        "departmental rule",
        (article,),
        (
            Expression("zh", True, "x", "official", ()),
            Expression("en", False, "y", "unofficial translation", ()),
        ),
    )


def test_terms_match_with_offsets_and_language():
    scheme = TopicScheme.from_data(SCHEME)
    ev = scheme.get("marks").match("内容应当添加水印", "zh")
    assert [(e.text, e.start, e.end, e.lang) for e in ev] == [("水印", 6, 8, "zh")]
    assert [e.text for e in scheme.get("marks").match("Watermarked output", "en")] == ["Watermarked"]


def test_exclusions_global_and_per_topic():
    scheme = Assigner(TopicScheme.from_data(SCHEME))
    inst = _instrument(("依照《水印规定》处理", None), ("应当去标记", None), ("应当加水印", None))
    found = {a.eid for a in scheme.assign(inst) if a.topic == "marks" and a.level == "provision"}
    assert found == {"art_1__para_3"}  # a cited title and an excluded span do not count


def test_weak_terms_need_company_and_translations_only_confirm():
    assigner = Assigner(TopicScheme.from_data(SCHEME))
    one = _instrument(("收费", None))
    two = _instrument(("收费和价格", None))
    assert not [a for a in assigner.assign(one) if a.topic == "fees"]
    both = [a for a in assigner.assign(two) if a.topic == "fees" and a.level == "provision"]
    assert both and both[0].confidence == pytest.approx(0.51)
    # a strong term in the translation alone is discounted below the threshold
    translated = _instrument(("内容", "add a watermark"))
    assert not [a for a in Assigner(TopicScheme.from_data(SCHEME)).assign(translated) if a.topic == "marks"]


def test_article_heading_counts_and_articles_aggregate_their_parts():
    scheme = TopicScheme.from_data(SCHEME)
    inst = _instrument((None, "first paragraph"), (None, "add a watermark"), heading_en="Charges")
    inst = Instrument(
        inst.id, inst.title, "EU", inst.kind, inst.body, (Expression("en", True, "x", "official", ()),)
    )
    out = Assigner(scheme).assign(inst)
    fees = [a for a in out if a.topic == "fees"]
    assert {a.eid for a in fees if a.level == "provision"} == {"art_1__para_1", "art_1__para_2"}
    art = [a for a in out if a.level == "article" and a.topic == "marks"]
    assert art and art[0].eid == "art_1" and art[0].parts == ("art_1__para_2",)
    assert any("heading" in e.rule for a in fees for e in a.evidence)


def test_bad_data_names_the_file_and_topic(tmp_path):
    bad = dict(SCHEME, topics=[dict(SCHEME["topics"][0], zh={"水印": 1.5})])
    with pytest.raises(CompareDataError, match="topic 'marks'"):
        TopicScheme.from_data(bad, tmp_path / "topics.yaml")


def test_the_scheme_has_at_least_20_topics_with_labels_and_scope_notes():
    scheme = load_topics()
    assert len(scheme.topics) >= 20
    for t in scheme.topics:
        assert t.labels["zh"] and t.labels["en"] and t.scope["zh"] and t.scope["en"], t.id
    required = {"labelling", "algorithm-filing", "training-data", "data-annotation", "minors", "penalties"}
    assert required <= set(scheme.ids)


def _articles(assignments, instrument, topic):
    return {
        a.eid.rsplit("__art_", 1)[-1]
        for a in assignments[instrument]
        if a.topic == topic and a.level == "article"
    }


@pytest.fixture(scope="module")
def topics(parsed):
    return assign_topics(r.instrument for r in parsed.values())


@pytest.mark.corpus
def test_labelling_anchors(topics):
    assert "12" in _articles(topics, "genai-measures-2023", "labelling")
    assert {"16", "17"} <= _articles(topics, "deep-synthesis-2022", "labelling")
    assert "9" in _articles(topics, "algorithm-recommendation-2021", "labelling")
    assert "52" in _articles(topics, "eu-ai-act-proposal-2021", "labelling")


@pytest.mark.corpus
def test_algorithm_filing_anchors(topics):
    assert "24" in _articles(topics, "algorithm-recommendation-2021", "algorithm-filing")
    assert "19" in _articles(topics, "deep-synthesis-2022", "algorithm-filing")
    assert "17" in _articles(topics, "genai-measures-2023", "algorithm-filing")


@pytest.mark.corpus
def test_topics_are_specific(topics):
    # labelling is a handful of articles, not every article that says "label" or 标识
    assert len(_articles(topics, "pipl-2021", "labelling")) == 0  # 去标识化 (de-identification) is excluded
    assert _articles(topics, "genai-measures-2023", "labelling") == {"12"}
    # the data annotation article is annotation, not labelling, though its translation says "labeling"
    assert "8" in _articles(topics, "genai-measures-2023", "data-annotation")
    assert "8" not in _articles(topics, "genai-measures-2023", "labelling")


@pytest.mark.corpus
def test_every_core_instrument_gets_topics_with_evidence(topics):
    for iid in (
        "genai-measures-2023",
        "deep-synthesis-2022",
        "algorithm-recommendation-2021",
        "pipl-2021",
        "csl-2016",
        "eu-ai-act-proposal-2021",
    ):
        provision = [a for a in topics[iid] if a.level == "provision"]
        assert len({a.topic for a in provision}) >= 10, iid
        for a in provision:
            assert 0.5 <= a.confidence <= 1 and a.evidence
            for e in a.evidence:
                assert e.instrument == iid and e.lang in ("zh", "en") and e.end > e.start
