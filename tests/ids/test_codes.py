from __future__ import annotations

import pytest

from fazhi.ids import (
    IdentifierError,
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
    with pytest.raises(IdentifierError, match="校验位"):
        validate_id_number("110105194912310021")
    with pytest.raises(IdentifierError, match="18 位"):
        validate_id_number("1101051949")


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
