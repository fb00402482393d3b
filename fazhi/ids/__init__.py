"""Chinese identifiers: 统一社会信用代码 (GB 32100), 公民身份号码 (GB 11643), 行政区划代码 (GB/T 2260),
and 文号. Pure Python, no Django. Check digits come from python-stdnum; we only wrap it."""

from .codes import (
    ID_PROVINCE_CODES,
    IdentifierError,
    id_number_check_digit,
    jurisdiction_ancestors,
    jurisdiction_level,
    mask_id_number,
    mask_mobile,
    normalize_id_number,
    normalize_uscc,
    organization_code_with_check,
    uscc_with_check_digit,
    validate_id_number,
    validate_jurisdiction_code,
    validate_mobile,
    validate_uscc,
)

__all__ = [
    "ID_PROVINCE_CODES",
    "IdentifierError",
    "id_number_check_digit",
    "jurisdiction_ancestors",
    "jurisdiction_level",
    "mask_id_number",
    "mask_mobile",
    "normalize_id_number",
    "normalize_uscc",
    "organization_code_with_check",
    "uscc_with_check_digit",
    "validate_id_number",
    "validate_jurisdiction_code",
    "validate_mobile",
    "validate_uscc",
]
