import contextlib
import doctest

import pytest
from hypothesis import given
from hypothesis import strategies as st

from regkg import eid, labels, numerals
from regkg.model import Node, Texts


def test_doctests():
    for mod in (eid, labels, numerals):
        assert doctest.testmod(mod).failed == 0


@given(st.integers(min_value=1, max_value=9999))
def test_chinese_numerals_round_trip(n):
    assert numerals.cn_to_int(numerals.int_to_cn(n)) == n


@given(st.integers(min_value=1, max_value=3999))
def test_roman_numerals_round_trip(n):
    assert numerals.roman_to_int(numerals.int_to_roman(n)) == n


@pytest.mark.parametrize("bad", ["", "abc", "十a", "1"])
def test_cn_to_int_rejects(bad):
    with pytest.raises(ValueError):
        numerals.cn_to_int(bad)


kinds = st.sampled_from(
    ["chapter", "section", "article", "paragraph", "point", "subpoint", "annex", "recital"]
)
nums = st.from_regex(r"[0-9A-Za-z]{1,4}", fullmatch=True)


@given(st.lists(st.tuples(kinds, nums), min_size=1, max_size=6))
def test_eid_parse_round_trip(parts):
    e = ""
    for kind, num in parts:
        e = eid.eid_for(e, kind, num)
    assert eid.parse(e) == parts


@given(st.text(max_size=30))
def test_parse_raises_only_eid_error(text):
    with contextlib.suppress(eid.EidError):
        eid.parse(text)


def test_number_with_punctuation_is_rejected():
    with pytest.raises(eid.EidError):
        eid.eid_for("", "article", "5(1)")


def test_assign_sets_hierarchical_eids():
    tree = (
        Node(
            "chapter",
            "2",
            children=(
                Node(
                    "article",
                    "13",
                    children=(
                        Node(
                            "paragraph",
                            "1",
                            text=Texts(zh="x"),
                            children=(Node("point", "2", text=Texts(zh="y")),),
                        ),
                    ),
                ),
            ),
        ),
    )
    out = eid.assign(tree)
    point = out[0].children[0].children[0].children[0]
    assert point.eid == "chp_2__art_13__para_1__point_2"
    assert eid.provision_path(point.eid) == "art_13__para_1__point_2"
    assert (
        eid.iri(eid.BASE, "cn/pipl/2021", point.eid)
        == "https://w3id.org/regkg/cn/pipl/2021/art_13/para_1/point_2"
    )


def test_structural_nodes_keep_their_full_path():
    assert eid.provision_path("chp_3__sec_1") == "chp_3__sec_1"
    assert eid.provision_path("preamble__rec_5") == "rec_5"
