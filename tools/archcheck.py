#!/usr/bin/env python3
"""Architecture lint: the rules that keep the code in shape, checked on every `make test`.

ARCH001  views and forms never touch ``Model.objects``: reads go through selectors, writes through services.
ARCH002  no ``timedelta(days=N)`` / ``weeks=`` with a literal outside the law and clock cores: a period
         that comes from a statute is a law parameter.
ARCH003  no statutory period written in a string ("20个工作日", "15日内") outside the law parameters.
ARCH004  no naive ``datetime.now()`` / ``datetime.utcnow()``: use django.utils.timezone.

A line that is deliberately not statutory says so: ``# arch: not statutory — <why>``.
"""

from __future__ import annotations

import ast
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

EXEMPT_MARK = "# arch: not statutory"
# The cores whose job is periods and Chinese numerals; and the text analysers that read reports.
PERIOD_CORES = ("fazhi/clock/", "fazhi/law/", "fazhi/text/", "fazhi/reports/analysis/")
STATUTORY_TEXT = re.compile(r"[0-9０-９一二三四五六七八九十百]+\s*(个工作日|工作日|日内|天内|个月内)")


@dataclass(frozen=True)
class Finding:
    path: str
    line: int
    rule: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.rule} {self.message}"


def _literal_number(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, int | float) and not isinstance(node.value, bool)


def check_source(path: str, source: str) -> list[Finding]:
    findings: list[Finding] = []
    lines = source.splitlines()
    tree = ast.parse(source, filename=path)
    in_core = path.startswith(PERIOD_CORES)
    is_view = path.endswith(("views.py", "/forms.py"))  # views.py, portal_views.py, …

    def exempt(lineno: int) -> bool:
        return EXEMPT_MARK in lines[lineno - 1]

    for node in ast.walk(tree):
        if is_view and isinstance(node, ast.Attribute) and node.attr == "objects":
            findings.append(Finding(path, node.lineno, "ARCH001", "视图/表单中直接访问 Model.objects，应通过 selectors/services"))
        if isinstance(node, ast.Call):
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name == "timedelta" and not in_core and not exempt(node.lineno):
                for kw in node.keywords:
                    if kw.arg in {"days", "weeks"} and _literal_number(kw.value):
                        findings.append(Finding(path, node.lineno, "ARCH002",
                                                f"timedelta({kw.arg}=…) 使用字面量，法定期限应读取 fazhi.law 参数"))
                if node.args and _literal_number(node.args[0]):
                    findings.append(Finding(path, node.lineno, "ARCH002",
                                            "timedelta(…) 使用字面量，法定期限应读取 fazhi.law 参数"))
            if name in {"now", "utcnow"} and isinstance(node.func, ast.Attribute):
                target = node.func.value
                if isinstance(target, ast.Name) and target.id == "datetime" and (name == "utcnow" or (not node.args
                                                                               and not node.keywords)):
                    findings.append(Finding(path, node.lineno, "ARCH004", "naive datetime，请使用 django.utils.timezone"))
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and not in_core
                and STATUTORY_TEXT.search(node.value) and not exempt(node.lineno)):
            findings.append(Finding(path, node.lineno, "ARCH003", f"字符串中写死法定期限：{node.value[:30]!r}"))
    return findings


def iter_files(root: Path) -> Iterator[Path]:
    for path in sorted((root / "fazhi").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
    findings: list[Finding] = []
    for path in iter_files(root):
        rel = path.relative_to(root).as_posix()
        findings.extend(check_source(rel, path.read_text(encoding="utf-8")))
    for finding in findings:
        print(finding)
    print(f"archcheck: {len(findings)} finding(s)")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
