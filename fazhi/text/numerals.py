"""Numbers as Chinese reports write them: 三十件, 二百多人, 1.2万份, 79万余份, 98.99%, 百分之五.

Conversion of Chinese numerals is delegated to ``cn2an`` (a maintained library); this module finds
the numbers in running text, applies the multipliers 万/亿, recognises approximate forms
(余, 多, 近, 约, 以上 …) and attaches the measure word (unit) that follows.

Input is expected to be half-width (see :mod:`fazhi.text.normalize`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

__all__ = [
    "DEFAULT_UNITS",
    "Quantity",
    "find_quantities",
    "number_value",
    "parse_number",
    "parse_quantity",
]

Number = int | float

CN_DIGITS = "零〇一二两三四五六七八九"
CN_POSITIONS = "十百千"
_CN_NUMBER = f"[{CN_DIGITS}{CN_POSITIONS}]+(?:[万亿][{CN_DIGITS}{CN_POSITIONS}]+)*(?:点[{CN_DIGITS}]+)?"
_ARABIC_NUMBER = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# Measure words in the order the regex must try them (longest first is enforced below).
DEFAULT_UNITS: tuple[str, ...] = (
    "个工作日",
    "个百分点",
    "个月",
    "人次",
    "户次",
    "批次",
    "庭次",
    "场次",
    "件次",
    "架次",
    "车次",
    "工作日",
    "小时",
    "分钟",
    "课时",
    "学时",
    "件",
    "宗",
    "份",
    "项",
    "人",
    "名",
    "位",
    "场",
    "次",
    "户",
    "批",
    "家",
    "个",
    "条",
    "所",
    "部",
    "台",
    "套",
    "册",
    "本",
    "篇",
    "期",
    "轮",
    "起",
    "票",
    "支",
    "座",
    "张",
    "块",
    "门",
    "天",
    "处",
    "元",
    "万元",
    "亿元",
)

_APPROX_PREFIX = ("将近", "接近", "大约", "超过", "不足", "不到", "少于", "突破", "近", "约", "逾", "超")
_APPROX_SUFFIX = ("以上", "以内", "以下", "左右", "上下", "有余")


def _alternation(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True))


def number_value(value: Decimal) -> Number:
    """``Decimal`` → ``int`` when integral, else ``float`` (JSON-friendly)."""
    if value == value.to_integral_value():
        return int(value)
    return float(round(value, 10))


def _cn_to_decimal(text: str) -> Decimal:
    integer_part = text.split("点")[0]
    if len(integer_part) > 1 and not any(ch in CN_POSITIONS + "万亿" for ch in integer_part):
        # 六五, 二〇二三: digit-by-digit readings are codes and years, not counts.
        raise ValueError(f"not a count: {text}")
    if text[0] in CN_POSITIONS and text[0] != "十":
        raise ValueError(f"numeral without a leading digit: {text}")
    try:
        return Decimal(str(cn2an.cn2an(text, "normal")))
    except (ValueError, KeyError, IndexError) as exc:
        raise ValueError(f"invalid Chinese numeral: {text}") from exc


def parse_number(text: str) -> Number:
    """Parse one number: ``"186,966"``, ``"98.99"``, ``"三十"``, ``"二百"``, ``"1.2万"``, ``"两千"``.

    Raises ``ValueError`` for anything that is not a single number. Approximation words are not
    accepted here; use :func:`parse_quantity` for ``"二百多人"``.
    """
    return number_value(_parse_decimal(text))


def _parse_decimal(text: str) -> Decimal:
    raw = text.strip().replace(" ", "")
    if not raw:
        raise ValueError("empty number")
    multiplier = Decimal(1)
    while raw and raw[-1] in "万亿":
        multiplier *= Decimal(10000) if raw[-1] == "万" else Decimal(100000000)
        raw = raw[:-1]
    if not raw:
        raise ValueError(f"magnitude without a number: {text}")
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?", raw):
        try:
            base = Decimal(raw.replace(",", ""))
        except InvalidOperation as exc:  # pragma: no cover - the regex guards this
            raise ValueError(text) from exc
    elif re.fullmatch(_CN_NUMBER, raw):
        base = _cn_to_decimal(raw)
    else:
        # Mixed or multi-magnitude Chinese forms (三十五万四千): let cn2an decide.
        try:
            base = Decimal(str(cn2an.cn2an(raw, "smart")))
        except (ValueError, KeyError, IndexError) as exc:
            raise ValueError(f"not a number: {text}") from exc
    return base * multiplier


@dataclass(frozen=True, slots=True)
class Quantity:
    """A number with its unit as found in text. ``start``/``end`` are offsets into that text."""

    value: Number
    unit: str
    approximate: bool
    start: int
    end: int
    number_start: int
    number_end: int
    text: str

    @property
    def is_percent(self) -> bool:
        return self.unit in ("%", "‰", "个百分点")


def _compile(units: Iterable[str], *, bare_magnitude: bool) -> re.Pattern[str]:
    unit_alt = _alternation(units)
    prefix = _alternation(_APPROX_PREFIX)
    suffix = _alternation(_APPROX_SUFFIX)
    number = rf"(?:{_ARABIC_NUMBER}|{_CN_NUMBER})"
    # 上百 / 上千 / 上万 / 近百: a magnitude standing for the number itself.
    vague = r"(?P<vague>[上近逾])(?P<vague_mag>百|千|万)"
    unit_part = rf"(?P<unit>{unit_alt})" + ("?" if bare_magnitude else "")
    # The lookahead lets the engine skip, at C speed, every position that cannot start a quantity.
    first = "".join(sorted({w[0] for w in _APPROX_PREFIX} | set(CN_DIGITS + CN_POSITIONS) | set("上近逾百")))
    body = (
        rf"(?=[\d{first}])"
        rf"(?:(?P<prefix>{prefix})[ ]?)?"
        rf"(?:(?P<pct_word>百分之)(?P<pct_num>{number})"
        rf"|(?:(?P<number>{number})|{vague})"
        rf"(?:[ ]?(?P<pct>%|‰)"
        rf"|[ ]{{0,3}}(?P<approx1>余|多|来)?(?P<mag>万|亿)?(?P<approx2>余|多)?[ ]{{0,3}}{unit_part}))"
        rf"(?P<suffix>{suffix})?"
    )
    return re.compile(body)


_PATTERN_CACHE: dict[tuple[tuple[str, ...], bool], re.Pattern[str]] = {}


def _pattern(units: tuple[str, ...], bare_magnitude: bool) -> re.Pattern[str]:
    key = (units, bare_magnitude)
    pattern = _PATTERN_CACHE.get(key)
    if pattern is None:
        pattern = _PATTERN_CACHE[key] = _compile(units, bare_magnitude=bare_magnitude)
    return pattern


def find_quantities(
    text: str,
    units: Iterable[str] | None = None,
    *,
    bare_magnitude: bool = True,
) -> list[Quantity]:
    """Every number in ``text`` that carries a unit (or is a percentage, or ends in 万/亿).

    ``bare_magnitude`` keeps forms such as "用户突破 16 万" whose unit word is omitted (unit ``""``).
    Numbers glued to Latin letters or digits (``G20``, ``v2.0``) and digit-by-digit Chinese readings
    (``二〇二三``) are skipped.
    """
    unit_tuple = tuple(units) if units is not None else DEFAULT_UNITS
    pattern = _pattern(unit_tuple, bare_magnitude)
    found: list[Quantity] = []
    for m in pattern.finditer(text):
        q = _to_quantity(text, m)
        if q is not None:
            found.append(q)
    return found


def _to_quantity(text: str, m: re.Match[str]) -> Quantity | None:
    groups = m.groupdict()
    start = m.start()
    number_text = groups["number"] or groups["pct_num"]
    if number_text is None and groups["vague"] is None:
        return None
    if groups["number"] is not None:
        number_start, number_end = m.span("number")
    elif groups["pct_num"] is not None:
        number_start, number_end = m.span("pct_num")
    else:
        number_start, number_end = m.span("vague")
    before = text[number_start - 1] if number_start > 0 else ""
    if groups["prefix"] is None and groups["pct_word"] is None:
        if before and before.isascii() and (before.isalnum() or before in "._-/"):
            return None
    unit = groups["unit"] or ""
    is_pct = bool(groups["pct"] or groups["pct_word"])
    if is_pct:
        unit = "%" if (groups["pct"] in (None, "%")) else "‰"
    magnitude = groups["mag"] or ""
    if not is_pct and not unit and not magnitude:
        return None  # a bare number without unit or magnitude is not a figure
    try:
        if groups["vague"] is not None:
            base = {"百": Decimal(100), "千": Decimal(1000), "万": Decimal(10000)}[groups["vague_mag"]]
        else:
            base = _parse_decimal(number_text)
    except ValueError:
        return None
    if magnitude == "万":
        base *= 10000
    elif magnitude == "亿":
        base *= 100000000
    approximate = bool(
        groups["prefix"] or groups["vague"] or groups["approx1"] or groups["approx2"] or groups["suffix"]
    )
    end = m.end()
    return Quantity(
        value=number_value(base),
        unit=unit,
        approximate=approximate,
        start=start,
        end=end,
        number_start=number_start,
        number_end=number_end,
        text=text[start:end],
    )


def parse_quantity(text: str, units: Iterable[str] | None = None) -> Quantity:
    """Parse a whole string as one quantity: ``parse_quantity("79万余份")`` → 790000 份, approximate."""
    found = find_quantities(text, units)
    if len(found) != 1 or found[0].start != 0 or found[0].end != len(text.rstrip()):
        raise ValueError(f"not a single quantity: {text!r}")
    return found[0]


def format_count(value: float | int | Decimal) -> str:
    """A figure as Chinese reports write it: 470万, 17.8万, 1.2亿, 3530, 85.5 — never 4.7e+06.
    Up to three significant decimals below 万; 万 and 亿 from ten thousand and a hundred million."""
    number = Decimal(str(value))
    sign = "-" if number < 0 else ""
    number = abs(number)
    for size, word in ((Decimal(100_000_000), "亿"), (Decimal(10_000), "万")):
        if number >= size:
            scaled = (number / size).quantize(Decimal("0.01"))
            return f"{sign}{_plain(scaled)}{word}"
    return f"{sign}{_plain(number.quantize(Decimal('0.001')) if number != number.to_integral() else number)}"


def _plain(number: Decimal) -> str:
    text = format(number, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text
