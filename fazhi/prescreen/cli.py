"""``fazhi prescreen``: pre-screen one draft normative document (.docx or .txt)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import TextIO

from fazhi.reports.analysis.extract import ExtractionError, extract_path

from .engine import FAMILIES, Hit, screen_text

__all__ = ["prescreen_main"]

SUFFIXES = (".docx", ".txt")


class _UsageError(Exception):
    pass


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)


def _parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fazhi prescreen",
        description="规范性文件智能预审：逐句检查违法设定许可、处罚、强制、收费，增加义务，"
        "妨碍公平竞争，暂行/试行无有效期，引用已废止法律等问题。",
    )
    parser.add_argument("path", help="待审文件（.docx 或 .txt）")
    parser.add_argument("--json", action="store_true", help='输出 JSON：{"hits": [...]}')
    return parser


def _plain(hits: list[Hit], name: str, out: TextIO) -> None:
    if not hits:
        out.write(f"{name}：未发现问题（预审仅供参考，不替代合法性审核）。\n")
        return
    out.write(f"{name}：发现 {len(hits)} 处问题（预审仅供参考，不替代合法性审核）。\n")
    for i, hit in enumerate(hits, 1):
        out.write(f"\n{i}. [{hit.rule}] {FAMILIES.get(hit.family, hit.family)}\n")
        out.write(f"   条款：{hit.clause}\n")
        out.write(f"   理由：{hit.reason}\n")
        out.write(f"   依据：{hit.basis}\n")


def prescreen_main(argv: list[str], stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run the pre-screen CLI. Returns 0 when the file was screened (hits or not), 2 on bad input."""
    err = stderr if stderr is not None else stdout
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        err.write(f"参数错误：{exc}\n{parser.format_usage()}")
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    path = Path(args.path)
    if path.suffix.lower() not in SUFFIXES:
        err.write(f"错误：{path}：不支持的文件格式，只能预审 .docx 或 .txt 文件\n")
        return 2
    try:
        text = extract_path(path).text
    except ExtractionError as exc:
        err.write(f"错误：{exc.path}：{exc.message}\n")
        return 2
    if not text.strip():
        err.write(f"错误：{path}：文件中没有可读的文字\n")
        return 2
    hits = screen_text(text)
    if args.json:
        json.dump({"hits": [h.to_dict() for h in hits]}, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        _plain(hits, str(path), stdout)
    return 0
