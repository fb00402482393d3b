"""A number series is data: its kind (the counter's key), a label, and a format such as
``{code_word}规〔{year}〕{n}号``. Each app declares its series in its manifest (``number_series``); a
deployment may replace a format, for every jurisdiction or per jurisdiction, in settings
(``FAZHI_NUMBER_FORMATS``) or in a YAML file (``FAZHI_NUMBER_FORMATS_FILE``). No Django model is
imported here, so manifests can import it.

Placeholders: ``{code_word}`` 机关代字 (the agency's 代字; when blank its 简称; when that is blank too,
the first two characters of its name, or the full name for a series declared ``fallback="name"``),
``{short_name}`` 简称 (else the full name), ``{name}`` the full name, ``{year}`` the year and ``{n}``
the serial (both required; a format spec such as ``{n:03d}`` is allowed).
"""

from __future__ import annotations

import string
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

PLACEHOLDERS = {
    "code_word": "机关代字",
    "short_name": "简称",
    "name": "机关名称",
    "year": "年份",
    "n": "序号",
}
REQUIRED = ("year", "n")
FALLBACKS = ("head", "name")  # 代字 and 简称 both blank: the name's first two characters, or the full name


@dataclass(frozen=True)
class Series:
    kind: str  # "app.what", the counter's key, e.g. "normdocs.document"
    label: str  # e.g. 行政规范性文件文号
    format: str  # e.g. "{code_word}规〔{year}〕{n}号"
    fallback: str = "head"


def format_problems(fmt: Any) -> list[str]:
    """What is wrong with a format, in Chinese ([] when nothing is)."""
    if not isinstance(fmt, str) or not fmt.strip():
        return [f"格式 {fmt!r} 应为非空字符串"]
    try:
        parsed = list(string.Formatter().parse(fmt))
    except ValueError as exc:
        return [f"格式“{fmt}”无法解析：{exc}"]
    problems: list[str] = []
    used: set[str] = set()
    for _literal, field, _spec, conversion in parsed:
        if field is None:
            continue
        if field not in PLACEHOLDERS:
            known = "、".join(f"{{{name}}}" for name in PLACEHOLDERS)
            problems.append(f"格式“{fmt}”含未知占位符 {{{field}}}（可用：{known}）")
            continue
        if conversion:
            problems.append(f"格式“{fmt}”的占位符 {{{field}}} 不能带 !{conversion}")
        used.add(field)
    problems += [f"格式“{fmt}”缺少占位符 {{{name}}}" for name in REQUIRED if name not in used]
    if not problems:
        try:
            fmt.format(code_word="示政", short_name="示政", name="示例市人民政府", year=2026, n=1)
        except (KeyError, IndexError, ValueError) as exc:
            problems.append(f"格式“{fmt}”无法生成编号：{exc}")
    return problems


def code_word_of(agency: Any, fallback: str = "head") -> str:
    """机关代字: the agency's own, else its 简称, else its name's first two characters (or the full name)."""
    return (getattr(agency, "code_word", "") or agency.short_name
            or (agency.name if fallback == "name" else agency.name[:2]))


def render(fmt: str, *, agency: Any, year: int, serial: int, fallback: str = "head") -> str:
    return fmt.format(code_word=code_word_of(agency, fallback), short_name=agency.short_name or agency.name,
                      name=agency.name, year=year, n=serial)


# --- the declared series and the deployment's formats ----------------------------------------------

def all_series() -> dict[str, Series]:
    from fazhi.platform.manifests import number_series

    return {series.kind: series for series in number_series()}


def series_for(kind: str) -> Series:
    try:
        return all_series()[kind]
    except KeyError:
        raise LookupError(f"未声明的编号序列：{kind}（在应用的 manifest.py 中声明 number_series）") from None


@lru_cache(maxsize=4)
def _file_formats(path: str, mtime: float) -> dict[str, Any]:
    import yaml

    try:
        loaded = yaml.safe_load(Path(path).read_text(encoding="utf-8")) or {}
    except (OSError, yaml.YAMLError) as exc:
        raise ImproperlyConfigured(f"编号格式文件 {path} 无法读取：{exc}") from exc
    if not isinstance(loaded, dict):
        raise ImproperlyConfigured(f"编号格式文件 {path} 应为“序列: 格式”的映射")
    return loaded


def configured_formats() -> dict[str, str | dict[str, str]]:
    """The deployment's formats by series kind: the YAML file's, then ``FAZHI_NUMBER_FORMATS`` on top.
    A value is a format for every jurisdiction, or a mapping of 行政区划代码 → format (``"*"``: the rest)."""
    merged: dict[str, Any] = {}
    path = getattr(settings, "FAZHI_NUMBER_FORMATS_FILE", "")
    if path:
        try:
            mtime = Path(path).stat().st_mtime
        except OSError as exc:
            raise ImproperlyConfigured(f"编号格式文件 {path} 无法读取：{exc}") from exc
        merged.update(_file_formats(path, mtime))
    merged.update(getattr(settings, "FAZHI_NUMBER_FORMATS", {}) or {})
    return {str(kind): ({str(code): fmt for code, fmt in value.items()} if isinstance(value, dict) else value)
            for kind, value in merged.items()}


def format_for(series: Series, agency: Any) -> str:
    """The format in force for ``agency``: the deployment's for its jurisdiction (the nearest one up the
    tree), else the deployment's for every jurisdiction, else the declared one."""
    entry = configured_formats().get(series.kind)
    if entry is None:
        return series.format
    if isinstance(entry, str):
        return entry
    jurisdiction = agency.jurisdiction
    while jurisdiction is not None:
        if jurisdiction.code in entry:
            return entry[jurisdiction.code]
        jurisdiction = jurisdiction.parent
    return entry.get("*", series.format)


def configuration_problems() -> list[str]:
    """Everything wrong with the declared series and the deployment's formats (the system check)."""
    problems: list[str] = []
    from fazhi.platform.manifests import number_series

    seen: dict[str, Series] = {}
    for series in number_series():
        if series.kind in seen:
            problems.append(f"编号序列 {series.kind} 重复声明（{seen[series.kind].label}、{series.label}）")
            continue
        seen[series.kind] = series
        if series.fallback not in FALLBACKS:
            problems.append(f"编号序列 {series.kind} 的 fallback 应为 {' 或 '.join(FALLBACKS)}")
        problems += [f"编号序列 {series.kind}：{p}" for p in format_problems(series.format)]
    try:
        formats = configured_formats()
    except ImproperlyConfigured as exc:
        return [*problems, str(exc)]
    for kind, entry in formats.items():
        if kind not in seen:
            problems.append(f"编号格式配置中的序列 {kind} 未声明（已声明：{'、'.join(sorted(seen))}）")
            continue
        values = entry.items() if isinstance(entry, dict) else [("", entry)]
        for code, fmt in values:
            where = f"（行政区划 {code}）" if code and code != "*" else ""
            problems += [f"编号格式配置 {kind}{where}：{p}" for p in format_problems(fmt)]
    return problems
