"""``fazhi analyze-report PATH... [--json] [--xlsx OUT]`` — the command-line front end.

The lead wraps :func:`analyze_report_main` into a Django management command; it also runs as
``python -m fazhi.reports.analysis.cli``. Exit status: 0 when every file was analysed, 2 when any
input could not be read (the other files are still analysed and reported), 2 also for bad options.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import TextIO

from .extract import collect_inputs
from .pipeline import CorpusEntry, analyze_paths
from .vocabulary import INDICATORS, SECTION_KEYS, SECTION_LABELS
from .xlsx import write_xlsx

__all__ = ["analyze_report_main", "build_parser"]


class _Parser(argparse.ArgumentParser):
    """argparse that reports usage errors in Chinese and never calls sys.exit itself."""

    out: TextIO | None = None

    def error(self, message: str) -> None:  # type: ignore[override]
        raise _UsageError(message)

    def _print_message(self, message: str, file: object = None) -> None:
        if message:
            (self.out or sys.stdout).write(message)


class _UsageError(Exception):
    pass


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="fazhi analyze-report",
        description="分析法治政府建设年度报告：章节检查、指标提取、一致性检查、模板占位符和抄袭比对。",
    )
    parser.add_argument("paths", nargs="+", metavar="PATH", help="报告文件（.docx/.pdf/.txt）或文件夹")
    parser.add_argument("--json", action="store_true", help="输出 JSON（格式见 docs/report-analysis.md）")
    parser.add_argument("--xlsx", metavar="OUT", help="把批量对比表写入 Excel 文件")
    parser.add_argument(
        "--corpus",
        metavar="PATH",
        action="append",
        default=[],
        help="比对库：往年报告或范文网站文本（文件或文件夹，可重复）",
    )
    parser.add_argument("--workers", type=int, default=None, help="并行进程数（默认：CPU 核数）")
    parser.add_argument(
        "--include-text", action="store_true", help="JSON 中包含每篇报告的全文（供页面高亮引用）"
    )
    return parser


def _corpus(paths: list[str], stderr: TextIO) -> tuple[list[CorpusEntry], bool]:
    """Load comparison texts; reports found in them become corpus entries."""
    if not paths:
        return [], True
    entries: list[CorpusEntry] = []
    ok = True
    for result in analyze_paths(paths, workers=1, include_text=True):
        if result["error"]:
            print(f"比对库文件无法读取：{result['file']}：{result['error']}", file=stderr)
            ok = False
            continue
        for report in result["reports"]:
            entries.append(
                CorpusEntry(
                    key=f"{result['file']}#{report['index'] + 1}",
                    text=report["text"],
                    unit=report["unit"],
                    year=report["year"],
                    label=report["starts_with"],
                )
            )
    return entries, ok


def _summary(results: list[dict], out: TextIO) -> None:
    for f in results:
        print(f"== {f['file']}", file=out)
        if f["error"]:
            print(f"   错误：{f['error']}", file=out)
            continue
        for r in f["reports"]:
            head = r["starts_with"].replace("\n", " ")
            unit = f"  单位：{r['unit']}" if r["unit"] else ""
            year = f"  年度：{r['year']}" if r["year"] else ""
            print(f"-- 第{r['index'] + 1}篇「{head}…」{unit}{year}", file=out)
            missing = [SECTION_LABELS[k] for k in SECTION_KEYS if k not in r["sections_present"]]
            print(f"   章节：缺少 {'、'.join(missing)}" if missing else "   章节：齐全", file=out)
            print(f"   指标：{len(r['metrics'])} 项", file=out)
            for m in r["metrics"]:
                label = INDICATORS[m["indicator"]].label if m["indicator"] in INDICATORS else m["indicator"]
                approx = "约" if m["approximate"] else ""
                print(f"     {label}：{approx}{m['value']:g}{m['unit']}  «{m['quote']}»", file=out)
            for c in r["consistency"]:
                print(f"   一致性{'错误' if c['severity'] == 'error' else '提示'}：{c['message']}", file=out)
            if r["placeholders"]:
                print(f"   模板占位符：{'、'.join(r['placeholders'])}", file=out)
            for d in r["duplicates"]:
                other = (d.get("starts_with") or d.get("label") or "").replace("\n", " ")
                print(
                    f"   疑似抄袭（{d['kind']}）：与 {d.get('file')}「{other}…」相似度 {d['similarity']:.0%}，"
                    f"重合 {d['shared_chars']} 字",
                    file=out,
                )


def analyze_report_main(argv: list[str], stdout: TextIO, stderr: TextIO | None = None) -> int:
    """Run the command; returns the exit status instead of exiting."""
    stderr = stderr or sys.stderr
    parser = build_parser()
    parser.out = stdout  # type: ignore[attr-defined]
    try:
        args = parser.parse_args(argv)
    except _UsageError as exc:
        print(parser.format_usage().rstrip(), file=stderr)
        print(f"参数错误：{exc}", file=stderr)
        return 2
    except SystemExit as exc:  # --help
        return int(exc.code or 0)
    if args.workers is not None and args.workers < 1:
        print("参数错误：--workers 必须是正整数", file=stderr)
        return 2
    inputs = collect_inputs(args.paths)
    if not inputs:
        print("没有找到可分析的文件（支持 .docx、.pdf、.txt）", file=stderr)
        return 2
    corpus, corpus_ok = _corpus(args.corpus, stderr)
    results = analyze_paths(inputs, corpus=corpus, workers=args.workers, include_text=args.include_text)
    failed = [r for r in results if r["error"]]
    for r in failed:
        print(f"无法分析 {r['file']}：{r['error']}", file=stderr)
    if args.json:
        json.dump(results, stdout, ensure_ascii=False, indent=2)
        stdout.write("\n")
    else:
        _summary(results, stdout)
    if args.xlsx:
        try:
            write_xlsx(results, Path(args.xlsx))
        except OSError as exc:
            print(f"无法写入 Excel 文件 {args.xlsx}：{exc.strerror or exc}", file=stderr)
            return 2
    return 2 if failed or not corpus_ok else 0


def main() -> None:  # pragma: no cover - thin wrapper
    raise SystemExit(analyze_report_main(sys.argv[1:], sys.stdout))


if __name__ == "__main__":  # pragma: no cover
    main()
