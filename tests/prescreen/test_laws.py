from __future__ import annotations

from datetime import date

import pytest

from fazhi.prescreen import find_citations, load_laws, lookup, screen_text

CIVIL_CODE_REPEALS = [
    "合同法",
    "物权法",
    "担保法",
    "民法通则",
    "婚姻法",
    "继承法",
    "收养法",
    "侵权责任法",
    "民法总则",
]


@pytest.mark.parametrize("name", CIVIL_CODE_REPEALS)
def test_repealed_by_civil_code(name):
    law = lookup(f"中华人民共和国{name}")
    assert law is not None and law.repealed
    assert law.replaced_by == "民法典" and law.date == date(2021, 1, 1)


def test_filing_regulation_replaced():
    old = lookup("法规规章备案条例")
    assert old.repealed and old.replaced_by == "法规规章备案审查条例" and old.date == date(2024, 11, 1)
    assert not lookup("法规规章备案审查条例").repealed


def test_key_laws_in_force_with_article_counts():
    for name, count in {
        "行政许可法": 83,
        "行政处罚法": 86,
        "行政强制法": 71,
        "行政复议法": 90,
        "公平竞争审查条例": 27,
        "优化营商环境条例": 72,
        "反垄断法": 70,
        "民法典": 1260,
    }.items():
        law = lookup(name)
        assert law is not None and not law.repealed and law.articles == count, name


def test_registry_consistency():
    laws = load_laws()
    for law in laws.values():
        if law.repealed:
            assert law.replaced_by and law.date


def test_citation_parsing():
    cits = find_citations("依照《中华人民共和国行政处罚法》第三十二条和《某某县规定》办理")
    assert [c.title for c in cits] == ["中华人民共和国行政处罚法", "某某县规定"]
    assert cits[0].article == 32 and cits[0].law.name == "行政处罚法"
    assert cits[1].law is None


def test_article_beyond_count():
    hits = screen_text("依照《中华人民共和国行政处罚法》第九十条的规定处理。", document=False)
    assert [h.rule for h in hits] == ["CITE-02"]
    assert not screen_text("依照《中华人民共和国行政处罚法》第八十六条的规定处理。", document=False)


def test_repeal_notice_is_not_a_citation_of_repealed_law():
    assert not screen_text("《中华人民共和国合同法》同时废止。", document=False)
    hits = screen_text("根据《合同法》第五十二条,该合同无效。", document=False)
    assert [h.rule for h in hits] == ["CITE-01"]
    assert "民法典" in hits[0].reason and "2021年1月1日" in hits[0].reason
