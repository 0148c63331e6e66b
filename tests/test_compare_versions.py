"""Version comparison: the building blocks on invented texts, then CSL 2016 -> 2025 and the AI Act proposal -> Act."""

from __future__ import annotations

import pytest

from regkg.compare.versions import (
    compare_pair,
    compare_versions,
    containment,
    decision_changes,
    inline_diff,
    renumber_references,
    unified_diff,
    write_diff,
)
from regkg.model import Expression, Instrument, Node, Texts


def _inst(iid: str, articles: dict[str, str], kind: str = "law") -> Instrument:
    body = tuple(
        Node(
            "article",
            n,
            children=(Node("paragraph", "1", text=Texts(zh=t), eid=f"art_{n}__para_1"),),
            eid=f"art_{n}",
        )
        for n, t in articles.items()
    )
    return Instrument(iid, Texts(zh=iid), "CN", kind, body, (Expression("zh", True, "x", "official", ()),))


def test_inline_diff_by_characters_and_words():
    assert inline_diff("网络运营者应当保存", "网络运营者必须保存", "zh") == "网络运营者[-应当-]{+必须+}保存"
    assert inline_diff("providers shall label", "deployers shall label", "en", html_markup=True) == (
        "<del>providers</del> <ins>deployers</ins> shall label"
    )


def test_references_are_renumbered_before_comparing():
    assert renumber_references("违反本法第二十一条规定", {"21": "23"}) == "违反本法第二十三条规定"
    assert containment("甲乙丙丁戊", "子甲乙丙丁戊丑", "zh") == 1.0
    assert (
        containment("the of and", "the cat of the dog and", "en") == 0.0
    )  # scattered words are not containment


def test_decision_items_are_read():
    decision = Instrument(
        "dec",
        Texts(zh="决定"),
        "CN",
        "amendment decision",
        (
            Node("item", "1", text=Texts(zh="增加一条，作为第三条：“……”"), eid="item_1"),
            Node("item", "2", text=Texts(zh="将第十八条改为第十九条，删去第二款。"), eid="item_2"),
            Node(
                "item",
                "3",
                text=Texts(zh="将第六十八条、第六十九条第一项合并，作为第六十九条，修改为：“……”"),
                eid="item_3",
            ),
            Node("item", "4", text=Texts(zh="将第二十条改为第二十一条。"), eid="item_4"),
        ),
        (Expression("zh", True, "x", "official", ()),),
    )
    changes = {c.item: c for c in decision_changes(decision)}
    assert (changes["item_1"].kind, changes["item_1"].new) == ("new", "3")
    assert (changes["item_2"].old, changes["item_2"].new, changes["item_2"].amended) == (("18",), "19", True)
    assert changes["item_3"].old == ("68", "69") and changes["item_3"].partial == ("69",)
    assert changes["item_4"].amended is False


def test_statuses_on_invented_versions():
    old = _inst(
        "old",
        {
            "1": "第一条的文字甲乙丙",
            "2": "第二条的文字丁戊己庚",
            "3": "依照本法第二条处理辛壬癸",
            "4": "将被删除的条文子丑寅卯辰巳",
        },
    )
    new = _inst(
        "new",
        {
            "1": "第一条的文字甲乙丙",
            "2": "新增加的条文午未申酉戌亥",
            "3": "第二条的文字丁戊己庚",
            "4": "依照本法第三条处理辛壬癸",
        },
    )
    vc = compare_versions(old, new)
    status = {(r.old, r.new): r.status for r in vc.rows}
    assert status[("1", "1")] == "unchanged"
    assert status[("2", "3")] == "moved"
    assert status[("3", "4")] == "moved"  # only the cross-reference was renumbered
    assert status[(None, "2")] == "new"
    assert status[("4", None)] == "deleted"
    assert "[-" not in vc.diff(vc.row(old="1"))
    text = unified_diff(vc)
    assert "--- old art. 4" in text and "+++ new art. 2" in text


@pytest.fixture(scope="module")
def instruments(parsed):
    return {k: r.instrument for k, r in parsed.items()}


@pytest.fixture(scope="module")
def csl(instruments):
    return compare_pair(instruments, "csl-2016", "csl-2025", "csl-amendment-2025")


@pytest.fixture(scope="module")
def ai_act(instruments):
    return compare_pair(instruments, "eu-ai-act-proposal-2021", "eu-ai-act-2024")


@pytest.mark.corpus
def test_csl_2016_to_2025(csl, instruments):
    new_articles = {r.new for r in csl.rows if r.status == "new"}
    decision_new = {c.new for c in decision_changes(instruments["csl-amendment-2025"]) if c.kind == "new"}
    assert new_articles == decision_new and {"3", "20", "73"} <= new_articles
    assert csl.row(old="18").new == "19" and csl.row(old="18").status == "amended"
    assert csl.row(old="21").new == "23" and csl.row(old="21").status == "moved"  # renumbered, text unchanged
    assert csl.row(old="1").status == "unchanged"
    merged = {(r.old, r.new) for r in csl.rows if r.status == "merged"}
    assert {("64", "71"), ("66", "71"), ("70", "71"), ("68", "69")} <= merged
    # every article of both versions is accounted for
    assert {r.old for r in csl.rows if r.old} == {a.num for a in instruments["csl-2016"].articles()}
    assert {r.new for r in csl.rows if r.new} == {a.num for a in instruments["csl-2025"].articles()}
    # amended articles carry the decision item that amends them
    assert all(r.items for r in csl.rows if r.status == "amended" and r.source == "decision")


@pytest.mark.corpus
def test_ai_act_proposal_to_final(ai_act, instruments):
    assert ai_act.row(old="52").new == "50"
    assert ai_act.row(old="52").status == "amended" and ai_act.row(old="52").renumbered
    assert ai_act.row(old="4").status == "deleted"
    assert ai_act.row(old="74").new == "98"  # committee procedure, renumbered
    # the out-of-order move of the confidentiality article is found
    assert ai_act.row(old="70").new == "78"
    olds = {a.num for a in instruments["eu-ai-act-proposal-2021"].articles()}
    with_successor = {r.old for r in ai_act.rows if r.old and r.new}
    assert len(with_successor) / len(olds) >= 0.95
    assert "51" in {r.new for r in ai_act.rows if r.status == "new"}  # general-purpose AI models are new


@pytest.mark.corpus
def test_diff_files(csl, tmp_path):
    paths = write_diff(csl, tmp_path)
    html = paths[1].read_text(encoding="utf-8")
    assert "<del>" in html and "<ins>" in html and "csl-2016 → csl-2025" in html
    diff = paths[0].read_text(encoding="utf-8")
    assert "--- csl-2016 art. 18" in diff and "+++ csl-2025 art. 19" in diff
