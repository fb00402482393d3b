from __future__ import annotations

import pytest

from fazhi.ids import (
    IdentifierError,
    id_number_check_digit,
    jurisdiction_ancestors,
    jurisdiction_level,
    mask_id_number,
    mask_mobile,
    organization_code_with_check,
    uscc_with_check_digit,
    validate_id_number,
    validate_jurisdiction_code,
    validate_uscc,
)


def test_a_real_style_uscc_validates_and_full_width_input_is_normalised():
    code = uscc_with_check_digit("11990100" + organization_code_with_check("MB000101"))
    assert validate_uscc(code) == code
    full_width = "".join(chr(ord(c) + 0xFEE0) for c in code)
    assert validate_uscc(full_width) == code


@pytest.mark.parametrize(("value", "message"), [
    ("91110000600037341", "18 位"),
    ("91110000600037341X", "校验位错误"),
    ("9111000060003734IL", "不允许的字符"),
])
def test_bad_uscc_gets_a_specific_reason(value, message):
    with pytest.raises(IdentifierError, match=message):
        validate_uscc(value)


def test_organization_code_check_digit_follows_gb_11714():
    # A published example: 组织机构代码 D2143569-X (the example of GB 11714).
    assert organization_code_with_check("D2143569") == "D2143569X"


def test_id_number_check_digit_and_birth_date():
    assert validate_id_number("11010519491231002x") == "11010519491231002X"
    with pytest.raises(IdentifierError, match="校验位错误"):
        validate_id_number("110105194912310021")
    with pytest.raises(IdentifierError, match="18 位"):
        validate_id_number("1101051949")


@pytest.mark.parametrize("number", [
    "440524198001010013",  # 440524 潮阳县: became 潮阳市, then a district of 汕头市
    "37088219700101123" + id_number_check_digit("37088219700101123"),  # 370882 兖州市, merged in 2013
])
def test_number_with_a_retired_county_code_passes_when_its_check_digit_is_right(number):
    assert validate_id_number(number) == number


def test_number_with_a_retired_county_code_and_a_wrong_check_digit_fails():
    with pytest.raises(IdentifierError, match="校验位错误"):
        validate_id_number("440524198001010012")


def test_check_digit_follows_iso_7064_mod_11_2():
    assert id_number_check_digit("11010519491231002") == "X"
    assert id_number_check_digit("44052419800101001") == "3"


@pytest.mark.parametrize(("value", "message"), [
    ("1101051949123100", "18 位"),
    ("1101051949123100AX", "格式"),
    ("99010219850612001" + id_number_check_digit("99010219850612001"), "地区码无效"),
    ("00010219850612001" + id_number_check_digit("00010219850612001"), "地区码无效"),
    ("11010519491331002" + id_number_check_digit("11010519491331002"), "出生日期"),
    ("11010518991231002" + id_number_check_digit("11010518991231002"), "出生日期"),
    ("11010519490230002" + id_number_check_digit("11010519490230002"), "出生日期"),
])
def test_malformed_id_numbers_are_refused_with_the_reason(value, message):
    with pytest.raises(IdentifierError, match=message):
        validate_id_number(value)


def test_full_width_and_spaced_input_is_normalised():
    spaced = " ４４０５２４ 19800101 001３ "
    assert validate_id_number(spaced) == "440524198001010013"


def test_masks_hide_the_birth_date_and_the_middle_of_mobiles():
    assert mask_id_number("11010519491231002X") == "110105********002X"
    assert mask_mobile("13912345678") == "139****5678"


def test_jurisdiction_codes_levels_and_ancestors():
    assert validate_jurisdiction_code("990121") == "990121"
    assert jurisdiction_level("990000") == "province"
    assert jurisdiction_level("990100") == "city"
    assert jurisdiction_level("990121") == "county"
    assert jurisdiction_level("990121001") == "township"
    assert jurisdiction_ancestors("990121001") == ["990121", "990100", "990000"]
    assert jurisdiction_ancestors("990000") == []
    for bad in ("99012", "000100", "990021", "99a100"):
        with pytest.raises(IdentifierError):
            validate_jurisdiction_code(bad)


def test_an_id_number_born_in_the_future_is_refused():
    from datetime import date

    from fazhi.ids import id_number_check_digit

    first17 = "11010820300101001"
    number = first17 + id_number_check_digit(first17)
    with pytest.raises(IdentifierError, match="出生日期无效"):
        validate_id_number(number, today=date(2026, 11, 23))
    assert validate_id_number(number, today=date(2030, 1, 2)) == number


def test_personal_data_in_free_text_is_masked_and_the_rest_kept():
    from fazhi.ids import mask_personal_data

    text = "我叫张三，身份证11010119900307451X，电话+86 13812345678，邮箱zhang.san@example.com，罚款2000元，文号示政规〔2026〕3号。"
    masked = mask_personal_data(text)
    assert "110101********451X" in masked and "138****5678" in masked and "z***@example.com" in masked
    assert "11010119900307451X" not in masked and "13812345678" not in masked and "zhang.san" not in masked
    assert "罚款2000元" in masked and "示政规〔2026〕3号" in masked
    # long numbers that are not identifiers (a 统一社会信用代码, a 20-digit account) stay as they are
    assert mask_personal_data("91110108MA01ABCD3X 账号62220212345678901234") == "91110108MA01ABCD3X 账号62220212345678901234"
