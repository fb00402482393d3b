import cn2an
import pytest
from hypothesis import given
from hypothesis import strategies as st

from fazhi.text import find_quantities, parse_number, parse_quantity


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("三十", 30),
        ("二百", 200),
        ("两千", 2000),
        ("一百零五", 105),
        ("十", 10),
        ("三十五万四千", 354000),
        ("1.2万", 12000),
        ("79万", 790000),
        ("186,966", 186966),
        ("98.99", 98.99),
        ("3亿", 300000000),
        ("一千二百三十四点五", 1234.5),
    ],
)
def test_parse_number(text, value):
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["六五", "二〇二三", "万", "百", "", "abc"])
def test_parse_number_rejects_codes_years_and_bare_magnitudes(text):
    with pytest.raises(ValueError):
        parse_number(text)


@pytest.mark.parametrize(
    ("text", "value", "unit", "approximate"),
    [
        ("三十件", 30, "件", False),
        ("二百多人", 200, "人", True),
        ("1.2万份", 12000, "份", False),
        ("79万余份", 790000, "份", True),
        ("98.99%", 98.99, "%", False),
        ("95%以上", 95, "%", True),
        ("百分之九十八点九九", 98.99, "%", False),
        ("近20个", 20, "个", True),
        ("1000余份", 1000, "份", True),
        ("30多个", 30, "个", True),
        ("5 个工作日以内", 5, "个工作日", True),
        ("突破470万人次", 4700000, "人次", True),
        ("186,966件", 186966, "件", False),
        ("上万人次", 10000, "人次", True),
        ("61 件", 61, "件", False),
    ],
)
def test_parse_quantity(text, value, unit, approximate):
    q = parse_quantity(text)
    assert (q.value, q.unit, q.approximate) == (value, unit, approximate)


def test_find_quantities_reports_offsets_into_the_text():
    text = "全市共开展各类法律宣传活动1285场,发放宣传资料79万余份。"
    found = find_quantities(text)
    assert [(q.value, q.unit) for q in found] == [(1285, "场"), (790000, "份")]
    assert [text[q.start : q.end] for q in found] == ["1285场", "79万余份"]
    assert text[found[1].number_start : found[1].number_end] == "79"


def test_a_bare_number_without_unit_is_not_a_quantity_but_a_magnitude_is():
    assert find_quantities("整合12345热线,用户突破 16 万")[0].value == 160000
    assert len(find_quantities("整合12345热线")) == 0


def test_numbers_glued_to_latin_letters_are_skipped():
    assert [q.value for q in find_quantities("G20峰会期间检查3次")] == [3]


def test_years_and_dates_are_not_quantities():
    assert find_quantities("2023年1月1日起施行,十九届四中全会") == []


@given(st.integers(min_value=1, max_value=99_999_999))
def test_chinese_numerals_written_by_cn2an_parse_back(n):
    assert parse_number(cn2an.an2cn(n, "low")) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_numbers_with_thousands_separators_parse_back(n):
    assert parse_number(f"{n:,}") == n


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["件", "人次", "份", "项"]))
def test_wan_multiplier_applies_to_the_unit(n, unit):
    q = parse_quantity(f"{n}万{unit}")
    assert (q.value, q.unit) == (n * 10000, unit)


@pytest.mark.parametrize(("value", "shown"), [
    (4_700_000, "470万"), (178_000, "17.8万"), (3530, "3530"), (12_000, "1.2万"), (120_000_000, "1.2亿"),
    (85.5, "85.5"), (98.994, "98.994"), (0.125, "0.125"), (100, "100"), (-5, "-5"), (1e9, "10亿"),
])
def test_figures_read_in_chinese_convention_never_in_exponent_form(value, shown):
    from fazhi.text.numerals import format_count

    assert format_count(value) == shown
