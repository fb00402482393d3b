"""The numbering service: gap-free per agency, kind and year; a rollback gives the number back; held
numbers are skipped; formats are data (placeholders, 机关代字 fallback, deployment overrides) and a bad
one is refused at start-up."""

from __future__ import annotations

from datetime import date

import pytest
from django.db import transaction
from django.test import override_settings

from fazhi.numbering import checks
from fazhi.numbering.models import Counter
from fazhi.numbering.series import Series, code_word_of, configuration_problems, format_problems
from fazhi.numbering.services import number_next
from fazhi.org.models import Agency
from fazhi.platform import manifests

pytestmark = pytest.mark.django_db

DOC = Series("normdocs.document", "行政规范性文件文号", "{code_word}规〔{year}〕{n}号")
CASE = Series("reconsideration.case", "行政复议案号", "{code_word}复〔{year}〕{n}号", fallback="name")
ON = date(2026, 3, 2)


def _words(agency: Agency, *, code_word: str = "", short_name: str = "") -> Agency:
    Agency.objects.filter(pk=agency.pk).update(code_word=code_word, short_name=short_name)
    agency.refresh_from_db()
    return agency


def _next(agency: Agency, series: Series | str = DOC, on: date = ON, **kw):
    return number_next(series=series, agency=agency, on=on, **kw)


def test_numbers_are_consecutive_from_one(org):
    gov = _words(org.government, code_word="示政")
    got = [_next(gov) for _ in range(3)]
    assert [(a.serial, a.year) for a in got] == [(1, 2026), (2, 2026), (3, 2026)]
    assert [a.text for a in got] == ["示政规〔2026〕1号", "示政规〔2026〕2号", "示政规〔2026〕3号"]
    assert Counter.objects.get(agency=gov, kind=DOC.kind, year=2026).last == 3


def test_the_first_number_creates_the_counter_row(org):
    assert not Counter.objects.exists()
    assert _next(org.government).serial == 1
    counter = Counter.objects.get()
    assert (counter.agency_id, counter.kind, counter.year, counter.last) == (org.government.pk, DOC.kind, 2026, 1)


def test_a_rollback_gives_the_number_back(org):
    assert _next(org.government).serial == 1
    with pytest.raises(RuntimeError), transaction.atomic():
        assert _next(org.government).serial == 2
        raise RuntimeError("the registration failed after the number was taken")
    assert _next(org.government).serial == 2
    # the first number of a series, rolled back, takes its counter row with it
    with pytest.raises(RuntimeError), transaction.atomic():
        assert _next(org.a, on=date(2027, 1, 4)).serial == 1
        raise RuntimeError("rolled back")
    assert not Counter.objects.filter(agency=org.a).exists()
    assert _next(org.a, on=date(2027, 1, 4)).serial == 1


def test_agencies_kinds_and_years_are_separate_series(org):
    gov, a = _words(org.government, code_word="示政"), _words(org.a, code_word="示市监")
    assert [_next(gov).text, _next(gov).text] == ["示政规〔2026〕1号", "示政规〔2026〕2号"]
    assert _next(a).text == "示市监规〔2026〕1号"
    assert _next(gov, CASE).text == "示政复〔2026〕1号"
    assert _next(gov, on=date(2027, 1, 4)).text == "示政规〔2027〕1号"
    assert _next(gov).text == "示政规〔2026〕3号"
    assert sorted(Counter.objects.values_list("agency__code_word", "kind", "year", "last")) == [
        ("示市监", DOC.kind, 2026, 1), ("示政", DOC.kind, 2026, 3), ("示政", DOC.kind, 2027, 1),
        ("示政", CASE.kind, 2026, 1)]


def test_numbers_held_by_imported_records_are_skipped(org):
    held = {"示政规〔2026〕1号", "示政规〔2026〕2号", "示政规〔2026〕4号"}
    gov = _words(org.government, code_word="示政")
    skip = lambda n: n.text in held  # noqa: E731
    assert [_next(gov, skip=skip).text for _ in range(3)] == ["示政规〔2026〕3号", "示政规〔2026〕5号",
                                                               "示政规〔2026〕6号"]


def test_a_series_is_found_by_its_kind_from_the_manifests(org):
    kinds = {s.kind for s in manifests.number_series()}
    assert {"normdocs.document", "legalreview.letter", "filingreview.registration", "reconsideration.case"} <= kinds
    assert _next(_words(org.government, short_name="示政"), "normdocs.document").text == "示政规〔2026〕1号"
    with pytest.raises(LookupError, match="未声明的编号序列"):
        _next(org.government, "nothing.here")


def test_placeholders(org):
    gov = _words(org.government, code_word="示政", short_name="市政府")
    series = Series("test.all", "测试", "{name}·{short_name}·{code_word}〔{year}〕第{n:03d}号")
    assert _next(gov, series).text == "示例市人民政府·市政府·示政〔2026〕第001号"


def test_the_code_word_falls_back_to_the_short_name_then_the_name(org):
    gov = org.government
    assert code_word_of(_words(gov, code_word="示政", short_name="市政府")) == "示政"
    assert code_word_of(_words(gov, short_name="市政府")) == "市政府"
    gov = _words(gov)
    assert code_word_of(gov) == "示例" and code_word_of(gov, "name") == "示例市人民政府"
    assert _next(gov).text == "示例规〔2026〕1号"
    assert _next(gov, CASE).text == "示例市人民政府复〔2026〕1号"


def test_format_problems_name_unknown_and_missing_placeholders():
    assert format_problems("{code_word}规〔{year}〕{n}号") == []
    assert format_problems("{code_word}规〔{year}〕{n:03d}号") == []
    assert "未知占位符 {seq}" in format_problems("{code_word}规〔{year}〕{seq}号")[0]
    assert "未知占位符 {}" in format_problems("{code_word}规〔{year}〕{}号")[0]
    assert "未知占位符 {agency.name}" in format_problems("{agency.name}〔{year}〕{n}号")[0]
    assert any("缺少占位符 {n}" in p for p in format_problems("{code_word}规〔{year}〕号"))
    assert any("缺少占位符 {year}" in p for p in format_problems("{code_word}规{n}号"))
    assert "无法解析" in format_problems("{code_word规〔{year}〕{n}号")[0]
    assert "无法生成编号" in format_problems("{code_word:d}〔{year}〕{n}号")[0]
    assert "!r" in format_problems("{code_word!r}〔{year}〕{n}号")[0]
    assert format_problems("") and format_problems(None)


def test_the_check_refuses_duplicate_kinds_and_bad_formats(monkeypatch):
    assert checks.number_series() == []
    declared = manifests.number_series()
    monkeypatch.setattr(manifests, "number_series", lambda: (
        *declared, Series("normdocs.document", "重复", "{code_word}〔{year}〕{n}号"),
        Series("test.bad", "坏格式", "{code_word}〔{year}〕{number}号"),
        Series("test.fallback", "坏回退", "{code_word}〔{year}〕{n}号", fallback="first")))
    errors = checks.number_series()
    assert {e.id for e in errors} == {"fazhi.E030"}
    messages = [e.msg for e in errors]
    assert any("normdocs.document 重复声明" in m for m in messages)
    assert any("test.bad" in m and "未知占位符 {number}" in m for m in messages)
    assert any("test.fallback 的 fallback" in m for m in messages)


@override_settings(FAZHI_NUMBER_FORMATS={"normdocs.document": "{code_word}规〔{year}〕{seq}号",
                                         "nothing.here": "{code_word}〔{year}〕{n}号",
                                         "reconsideration.case": {"990100": "{code_word}复〔{year}〕"}})
def test_the_check_refuses_bad_configured_formats():
    problems = configuration_problems()
    assert any("编号格式配置 normdocs.document" in p and "未知占位符 {seq}" in p for p in problems)
    assert any("nothing.here 未声明" in p for p in problems)
    assert any("reconsideration.case（行政区划 990100）" in p and "缺少占位符 {n}" in p for p in problems)


def test_a_deployment_overrides_a_format_everywhere_or_per_jurisdiction(org, tmp_path):
    from tests.factories import make_agency, make_jurisdiction

    county = make_jurisdiction("990121", "清河县", parent=org.government.jurisdiction)
    county_gov = make_agency("清河县人民政府", parent=org.government, kind="government", jurisdiction=county)
    gov = _words(org.government, code_word="示政")
    county_gov = _words(county_gov, code_word="清政")
    with override_settings(FAZHI_NUMBER_FORMATS={"normdocs.document": "{code_word}规字〔{year}〕第{n}号"}):
        assert _next(gov).text == "示政规字〔2026〕第1号"
        assert _next(county_gov).text == "清政规字〔2026〕第1号"
    path = tmp_path / "numbering.yaml"
    path.write_text('reconsideration.case:\n  990121: "{code_word}行复〔{year}〕{n}号"\n'
                    '  "*": "{code_word}复字〔{year}〕{n}号"\n', encoding="utf-8")
    with override_settings(FAZHI_NUMBER_FORMATS_FILE=str(path)):
        assert configuration_problems() == []
        assert _next(county_gov, CASE).text == "清政行复〔2026〕1号"
        assert _next(gov, CASE).text == "示政复字〔2026〕1号"
        # the settings entry wins over the file's
        with override_settings(FAZHI_NUMBER_FORMATS={"reconsideration.case": "{code_word}复〔{year}〕{n}号"}):
            assert _next(county_gov, CASE).text == "清政复〔2026〕2号"
    assert _next(gov, CASE).text == "示政复〔2026〕2号"


def test_a_missing_or_malformed_format_file_is_a_start_up_error(tmp_path):
    with override_settings(FAZHI_NUMBER_FORMATS_FILE=str(tmp_path / "missing.yaml")):
        assert "无法读取" in checks.number_series()[0].msg
    bad = tmp_path / "bad.yaml"
    bad.write_text("- just\n- a list\n", encoding="utf-8")
    with override_settings(FAZHI_NUMBER_FORMATS_FILE=str(bad)):
        assert "映射" in checks.number_series()[0].msg
