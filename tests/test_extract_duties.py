"""Duty extraction on invented sentences: modalities, bearers, chapeaus, conditions, exceptions."""

from __future__ import annotations

import pytest
from extract_helpers import article, facts

GENAI = "genai-measures-2023"
DS = "deep-synthesis-2022"
PROPOSAL = "eu-ai-act-proposal-2021"


def duties(iid, *arts, jurisdiction="CN"):
    return facts(iid, *arts, jurisdiction=jurisdiction).duties


def one(iid, text, lang="zh", jurisdiction="CN"):
    found = duties(iid, article(text, lang=lang), jurisdiction=jurisdiction)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "modality", "marker"),
    [
        ("提供者应当公开服务规则。", "obligation", "应当"),
        ("提供者不得出售用户的画像。", "prohibition", "不得"),
        ("使用者可以选择关闭推荐功能。", "permission", "可以"),
        ("国家鼓励企业开发安全的模型。", "encouragement", "鼓励"),
        ("提供者必须保存日志。", "obligation", "必须"),
    ],
)
def test_zh_modalities(text, modality, marker):
    d = one(GENAI, text)
    assert (d.modality, d.marker) == (modality, marker)
    assert d.bearer_source == "explicit"
    assert d.evidence.text.startswith(marker)


def test_zh_bearers():
    assert one(GENAI, "提供者应当公开服务规则。").bearer == "cn:genai-service-provider"
    assert one(GENAI, "使用者可以选择关闭推荐功能。").bearer == "cn:genai-service-user"
    assert one(GENAI, "国家鼓励企业开发安全的模型。").bearer == "cn:state"
    # the same short form names another role in another instrument
    assert one(DS, "使用者可以选择关闭推荐功能。").bearer == "cn:deep-synthesis-service-user"


@pytest.mark.parametrize(
    ("text", "modality", "bearer"),
    [
        ("Providers shall keep a register of their models.", "obligation", "eu:provider"),
        ("Users shall not sell the outputs.", "prohibition", "eu:user"),
        ("The Commission may adopt guidelines on the register.", "permission", "eu:commission"),
        ("Member States are encouraged to set up testing facilities.", "encouragement", "eu:member-states"),
        ("Importers must check the marking.", "obligation", "eu:importer"),
    ],
)
def test_en_modalities(text, modality, bearer):
    d = one(PROPOSAL, text, lang="en", jurisdiction="EU")
    assert (d.modality, d.bearer) == (modality, bearer)


def test_en_no_subject_shall_is_a_prohibition():
    d = one(DS, "No organisation or individual shall remove a label from a synthetic image.", lang="en")
    assert d.modality == "prohibition"
    assert d.bearer == "cn:any-organisation-or-individual"


def test_epistemic_may_is_not_a_permission():
    assert (
        duties(
            PROPOSAL,
            article("Systems that may cause harm are listed in the register.", lang="en"),
            jurisdiction="EU",
        )
        == []
    )


def test_scope_and_entry_into_force_are_not_duties():
    text = "This Regulation shall apply to providers of widgets. It shall enter into force on the first day."
    assert duties(PROPOSAL, article(text, lang="en"), jurisdiction="EU") == []


def test_two_markers_in_one_sentence_share_the_subject():
    found = duties(GENAI, article("提供者应当核验身份信息，不得向匿名账号提供发布服务。"))
    assert [d.modality for d in found] == ["obligation", "prohibition"]
    assert {d.bearer for d in found} == {"cn:genai-service-provider"}
    assert found[0].action == "核验身份信息"


def test_shall_not_x_or_y_is_one_prohibition():
    found = duties(
        PROPOSAL,
        article("Distributors shall not modify the widget or remove its label.", lang="en"),
        jurisdiction="EU",
    )
    assert len(found) == 1
    assert found[0].modality == "prohibition"
    assert "remove its label" in found[0].action


def test_shall_and_shall_not_in_one_sentence():
    text = "Importers shall keep a copy of the certificate and shall not alter it."
    found = duties(PROPOSAL, article(text, lang="en"), jurisdiction="EU")
    assert [d.modality for d in found] == ["obligation", "prohibition"]
    assert found[0].action == "keep a copy of the certificate"
    assert {d.bearer for d in found} == {"eu:importer"}


def test_coordinated_subjects_are_co_bearers():
    d = one(DS, "深度合成服务提供者和技术支持者应当定期审核模型。")
    assert d.bearer == "cn:deep-synthesis-service-provider"
    assert d.co_bearers == ("cn:technical-support-provider",)


def test_object_is_not_the_bearer():
    # 向使用者: the user is the object; the subject is resolved from the article
    found = duties(GENAI, article("提供者应当建立投诉渠道。", "向使用者提供服务的，应当事先告知收费标准。"))
    assert found[1].bearer == "cn:genai-service-provider"
    assert found[1].bearer_source == "article"


def test_subject_of_the_clause_next_to_the_marker():
    d = one(GENAI, "有关主管部门开展检查，提供者应当予以配合。")
    assert d.bearer == "cn:genai-service-provider"


def test_missing_subject_from_the_chapeau_one_duty_per_point():
    found = duties(
        GENAI, article(("提供者应当遵守下列规定：", ["公开算法规则；", "设置投诉入口；", "保存日志。"]))
    )
    points = [d for d in found if "point" in d.evidence.eid]
    assert len(points) == 3
    assert {d.bearer for d in points} == {"cn:genai-service-provider"}
    assert {d.bearer_source for d in points} == {"chapeau"}
    assert {d.modality for d in points} == {"obligation"}
    assert [d.action for d in points] == ["公开算法规则", "设置投诉入口", "保存日志"]
    # the chapeau only introduces the list: no duty of its own
    assert all("point" in d.evidence.eid for d in found)


def test_en_chapeau_over_points():
    found = duties(
        PROPOSAL,
        article(("Providers shall:", ["keep the logs;", "inform the Board of incidents."]), lang="en"),
        jurisdiction="EU",
    )
    assert [(d.bearer, d.bearer_source, d.action) for d in found] == [
        ("eu:provider", "chapeau", "keep the logs"),
        ("eu:provider", "chapeau", "inform the Board of incidents"),
    ]


def test_prohibition_chapeau_gives_prohibited_points():
    spec = (
        "The following practices shall be prohibited:",
        ["the sale of widget scores;", "the use of hidden nudges."],
    )
    found = duties(PROPOSAL, article(spec, lang="en"), jurisdiction="EU")
    assert [d.modality for d in found] == ["prohibition", "prohibition"]


def test_point_with_its_own_marker_adds_a_duty():
    found = duties(GENAI, article(("提供者应当遵守下列规定：", ["尊重他人权益，不得泄露用户数据；"])))
    assert [(d.modality, d.action) for d in found] == [
        ("obligation", "尊重他人权益"),
        ("prohibition", "泄露用户数据"),
    ]
    assert found[1].bearer == "cn:genai-service-provider"


def test_list_in_a_condition_is_not_distributed():
    spec = ("提供者提供下列服务，可能引起误认的，应当作出提示：", ["语音合成服务；", "人脸替换服务。"])
    found = duties(GENAI, article(spec))
    assert len(found) == 1
    assert found[0].conditions == ("提供者提供下列服务，可能引起误认的",)
    assert found[0].bearer == "cn:genai-service-provider"


def test_content_list_gives_one_duty_per_point():
    spec = ("The notice shall specify:", ["the name of the provider;", "the date."])
    found = duties(PROPOSAL, article(spec, lang="en"), jurisdiction="EU")
    assert [d.action for d in found] == ["the name of the provider", "the date"]


def test_list_of_alternatives_is_one_duty():
    spec = ("提供者向境外提供数据的，应当具备下列条件之一：", ["通过安全评估；", "取得认证。"])
    found = duties(GENAI, article(spec))
    assert len(found) == 1 and "point" not in found[0].evidence.eid


def test_zh_condition_and_exception():
    d = one(GENAI, "提供者发现违法内容的，应当及时删除，但是法律另有规定的除外。")
    assert d.conditions == ("提供者发现违法内容的",)
    assert d.exceptions and "法律另有规定" in d.exceptions[0]
    assert d.bearer == "cn:genai-service-provider"
    assert d.action == "及时删除"


def test_marker_inside_a_condition_is_not_a_duty():
    found = duties(GENAI, article("法律规定提供服务须取得许可的，提供者应当依法取得许可。"))
    assert [d.action for d in found] == ["依法取得许可"]


def test_en_condition_pronoun_and_exception():
    text = "Where the provider finds a defect, it shall inform the importer, unless the defect is minor."
    d = one(PROPOSAL, text, lang="en", jurisdiction="EU")
    assert d.bearer == "eu:provider"
    assert d.conditions == ("Where the provider finds a defect",)
    assert d.exceptions == ("unless the defect is minor",)
    assert d.action == "inform the importer"


def test_en_inline_condition():
    d = one(
        PROPOSAL, "Users shall keep the logs where the system is used at work.", lang="en", jurisdiction="EU"
    )
    assert d.action == "keep the logs"
    assert d.conditions == ("where the system is used at work",)


def test_exception_sentence_attaches_to_the_duty_before_it():
    text = "Users shall label generated images. This obligation shall not apply to images made for research."
    d = one(PROPOSAL, text, lang="en", jurisdiction="EU")
    assert d.exceptions == ("This obligation shall not apply to images made for research",)


def test_passive_duty_with_an_agent():
    d = one(
        PROPOSAL,
        "The certificate shall be issued by the notified body within a month.",
        lang="en",
        jurisdiction="EU",
    )
    assert d.bearer == "eu:notified-body"


def test_passive_duty_without_an_agent_has_no_bearer():
    d = one(PROPOSAL, "The register shall be kept for ten years.", lang="en", jurisdiction="EU")
    assert d.bearer is None
    assert d.bearer_source == "none"


def test_authority_duty_and_competence():
    from regkg.extract.roles import role

    d = one(DS, "国家网信部门应当公布备案清单。")
    assert d.bearer == "cn:national-cyberspace-administration"
    assert role(d.bearer).kind == "authority"
    # 负责 states a competence, not a duty (no deontic marker)
    assert duties(DS, article("国家网信部门负责统筹协调全国的备案工作。")) == []


def test_agent_after_the_marker():
    d = one(GENAI, "提供者拒不改正的，可以由有关主管部门责令暂停服务。")
    assert (d.modality, d.bearer) == ("permission", "cn:relevant-authorities")


def test_encouragement_bearer_is_the_party_encouraged():
    assert one(DS, "鼓励相关行业组织制定行业标准。").bearer == "cn:industry-organisation"
    assert one(DS, "国家鼓励开发安全的模型。").bearer == "cn:state"


def test_embedded_and_excepted_markers_are_not_duties():
    found = duties(DS, article("深度合成服务提供者应当提示使用者可以作出标识。"))
    assert [d.modality for d in found] == ["obligation"]
    found = duties(GENAI, article("提供者应当公开规则，但是依法可以不公开的除外。"))
    assert [d.modality for d in found] == ["obligation"]
    found = duties(GENAI, article("提供者应当作出标识后，方可传输。"))
    assert [d.modality for d in found] == ["obligation"]


def test_evidence_points_into_the_text():
    text = "提供者应当公开服务规则，并不得隐瞒收费标准。"
    for d in duties(GENAI, article(text)):
        assert text[d.evidence.start : d.evidence.end] == d.evidence.text
        assert d.evidence.status == "extracted"
        assert d.evidence.lang == "zh"


def test_reviews_mark_facts_and_fail_loudly():
    from regkg.errors import RegkgError
    from regkg.extract.facts import apply_reviews

    ex = facts(GENAI, article("提供者应当公开服务规则。"))
    review = {
        "instrument": GENAI,
        "eid": "art_1__para_1",
        "lang": "zh",
        "fact": "duty",
        "cue": "应当公开",
        "where": "r#1",
    }
    apply_reviews({GENAI: ex}, [{**review, "expect": {"bearer": "cn:genai-service-provider"}}])
    assert ex.duties[0].evidence.status == "reviewed"
    with pytest.raises(RegkgError, match="r#1: modality is 'obligation' now"):
        apply_reviews({GENAI: ex}, [{**review, "expect": {"modality": "prohibition"}}])
    with pytest.raises(RegkgError, match="picks 0 facts"):
        apply_reviews({GENAI: ex}, [{**review, "cue": "不得"}])
