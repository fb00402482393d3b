"""Validation and masking of identifiers, with errors a Chinese official can act on."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta

from stdnum import exceptions as stdnum_exceptions
from stdnum.cn import uscc


class IdentifierError(ValueError):
    """An identifier failed validation; the message is shown to users as it is."""


_FULLWIDTH = str.maketrans({chr(c): chr(c - 0xFEE0) for c in range(0xFF01, 0xFF5F)})


def _clean(value: str) -> str:
    return value.translate(_FULLWIDTH).replace(" ", "").replace("-", "").strip().upper()


def normalize_uscc(value: str) -> str:
    return _clean(value)


def validate_uscc(value: str) -> str:
    """Return the normalised 统一社会信用代码 or raise with the reason (GB 32100-2015)."""
    code = normalize_uscc(value)
    if len(code) != 18:
        raise IdentifierError(f"统一社会信用代码应为 18 位，实际 {len(code)} 位")
    try:
        return uscc.validate(code)
    except stdnum_exceptions.InvalidChecksum as exc:
        raise IdentifierError("统一社会信用代码校验位错误") from exc
    except stdnum_exceptions.ValidationError as exc:
        raise IdentifierError("统一社会信用代码含有不允许的字符或结构错误") from exc


def uscc_with_check_digit(first17: str) -> str:
    """Complete a 17-character prefix with its check character (used by demo data and tests)."""
    return first17 + uscc.calc_check_digit(first17)


def normalize_id_number(value: str) -> str:
    return _clean(value)


_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID_SHAPE = re.compile(r"^\d{17}[\dX]$")
# GB/T 2260 province-level codes (省、自治区、直辖市; 71 台湾, 81 香港, 82 澳门). Province codes are
# stable; county codes are not, so only the first two digits are checked.
ID_PROVINCE_CODES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37", "41", "42", "43",
    "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64", "65", "71", "81", "82",
})


def id_number_check_digit(first17: str) -> str:
    """GB 11643-1999 check character of the first 17 digits (ISO 7064 MOD 11-2)."""
    return _ID_CHECK[sum(int(d) * w for d, w in zip(first17, _ID_WEIGHTS, strict=True)) % 11]


def validate_id_number(value: str, *, today: date | None = None) -> str:
    """Return the normalised 公民身份号码 or raise (GB 11643-1999: 18 characters, check digit).

    Checked: length, shape, a real province-level prefix, the birth date and the check digit. The
    county part of the region code is *not* looked up in the current GB/T 2260 list: a number issued
    under a county code that has since been merged or retired stays the person's number for life.
    """
    number = normalize_id_number(value)
    if len(number) != 18:
        raise IdentifierError(f"公民身份号码应为 18 位，实际 {len(number)} 位")
    if not _ID_SHAPE.match(number):
        raise IdentifierError("公民身份号码格式错误：前 17 位应为数字，末位为数字或 X")
    if number[:2] not in ID_PROVINCE_CODES:
        raise IdentifierError(f"公民身份号码的地区码无效：前两位 {number[:2]} 不是省级行政区划代码")
    try:
        born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdentifierError("公民身份号码中的出生日期无效") from exc
    # China's calendar date is at most one day ahead of UTC, so tomorrow (UTC) is the latest birth day.
    latest = today or (datetime.now(UTC).date() + timedelta(days=1))  # arch: not statutory — time zone slack
    if born.year < 1900 or born > latest:
        raise IdentifierError("公民身份号码中的出生日期无效")
    if id_number_check_digit(number[:17]) != number[17]:
        raise IdentifierError("公民身份号码校验位错误")
    return number


def id_particulars(value: str) -> tuple[str, date] | None:
    """(性别, 出生日期) read from a valid 18-digit 公民身份号码 (GB 11643: digits 7–14 the birth date, the
    17th odd for 男, even for 女); None for anything else (an organisation's code, a foreign passport)."""
    try:
        number = validate_id_number(value)
    except IdentifierError:
        return None
    born = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    return ("男" if int(number[16]) % 2 else "女"), born


_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def validate_mobile(value: str) -> str:
    number = _clean(value).removeprefix("+86")
    if not _MOBILE.match(number):
        raise IdentifierError("手机号码应为 11 位，以 13–19 开头")
    return number


def mask_id_number(value: str) -> str:
    """Keep the region (first 6) and the last 4; public pages never show the birth date."""
    if len(value) < 10:
        return "*" * len(value)
    return value[:6] + "*" * (len(value) - 10) + value[-4:]


def mask_mobile(value: str) -> str:
    if len(value) < 7:
        return "*" * len(value)
    return value[:3] + "****" + value[-4:]


def mask_name(value: str) -> str:
    """A person's or organisation's name on a public page or a printed 回执: the first character and a
    star for each of the others (张三 → 张*, 王建国 → 王**)."""
    value = (value or "").strip()
    return value[:1] + "*" * (len(value) - 1)


_ID_IN_TEXT = re.compile(r"(?<![0-9])[1-9]\d{5}(?:18|19|20)\d{2}[01]\d[0-3]\d{4}[0-9Xx]?(?![0-9])")
_MOBILE_IN_TEXT = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d{9}(?![0-9])")
_EMAIL_IN_TEXT = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}")


def mask_personal_data(text: str) -> str:
    """Free text for public pages: 公民身份号码, mobile numbers and e-mail addresses written inside it
    are masked (comments and requests of the public often carry them)."""
    text = _ID_IN_TEXT.sub(lambda m: mask_id_number(m.group(0)), text or "")
    text = _MOBILE_IN_TEXT.sub(lambda m: mask_mobile(m.group(0)[-11:]), text)
    return _EMAIL_IN_TEXT.sub(lambda m: m.group(0)[:1] + "***@" + m.group(0).split("@", 1)[1], text)


_REGION = re.compile(r"^\d{6}(\d{3})?$")


def validate_jurisdiction_code(code: str) -> str:
    """GB/T 2260 six-digit codes (省 2 + 市 2 + 县 2), and nine-digit township codes (GB/T 10114)."""
    code = code.strip()
    if not _REGION.match(code):
        raise IdentifierError("行政区划代码应为 6 位（县级及以上）或 9 位（乡镇级）数字")
    if code[:2] == "00":
        raise IdentifierError("行政区划代码的省级部分不能为 00")
    if code[2:4] == "00" and code[4:6] != "00":
        raise IdentifierError("行政区划代码结构错误：市级为 00 时县级也应为 00")
    return code


def jurisdiction_level(code: str) -> str:
    """province / city / county / township, read off the code's structure."""
    if len(code) == 9:
        return "township"
    if code[2:] == "0000":
        return "province"
    if code[4:] == "00":
        return "city"
    return "county"


def jurisdiction_ancestors(code: str) -> list[str]:
    """Codes from the nearest parent up to the province, by GB/T 2260 structure."""
    chain: list[str] = []
    if len(code) == 9:
        chain.append(code[:6])
        code = code[:6]
    if code[4:] != "00":
        chain.append(code[:4] + "00")
    if code[2:] != "0000":
        chain.append(code[:2] + "0000")
    return chain


_ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)
_ORG_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def organization_code_with_check(first8: str) -> str:
    """GB 11714 组织机构代码: eight characters and their check character (embedded in a USCC)."""
    total = sum(_ORG_ALPHABET.index(ch) * w for ch, w in zip(first8.upper(), _ORG_WEIGHTS, strict=True))
    check = 11 - total % 11
    return first8.upper() + {10: "X", 11: "0"}.get(check, str(check))
