#!/usr/bin/env python3
"""Architecture lint: the rules that keep the code in shape, checked on every `make test`.

ARCH001  views and forms never touch ``Model.objects``: reads go through selectors, writes through services.
ARCH002  no ``timedelta(days=N)`` / ``weeks=`` with a literal outside the law and clock cores: a period
         that comes from a statute is a law parameter.
ARCH003  no statutory period written in a string ("20个工作日", "15日内") outside the law parameters.
ARCH004  no naive ``datetime.now()`` / ``datetime.utcnow()``: use django.utils.timezone.
ARCH005  no ``Http404`` below the views: services and selectors raise ``RecordNotFound`` (a missing
         record and one outside the data scope look the same), views decide what a page answers.
ARCH006  no ``.save()`` without ``update_fields`` (or ``force_insert`` for a new row): a save names
         what it writes, so a state field or a concurrent change is never written back by accident.
ARCH007  no ``except Exception`` / ``ValueError`` / ``KeyError`` (or bare ``except``) around a service
         or workflow call in a view: refusals are ``ServiceError`` with a Chinese message; anything
         else is a bug and must stay visible.
ARCH008  no transition logic keyed by a transition's name outside its declaration: ``if name ==
         "accept"`` / ``name in {"reject", "refer"}`` in a procedure's code is a second copy of the
         workflow (STYLE.md §3) — the step's effect, inputs, clock and tasks belong on its Transition.

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


HTTP_LAYER = ("fazhi/web/", "fazhi/portal/", "fazhi/platform/errors.py")
BROAD = {"Exception", "BaseException", "ValueError", "KeyError", "(bare)"}


def _name(node: ast.AST) -> str:
    return node.attr if isinstance(node, ast.Attribute) else getattr(node, "id", "")


def _caught(node: ast.AST | None) -> set[str]:
    if node is None:
        return {"(bare)"}
    if isinstance(node, ast.Tuple):
        return {n for e in node.elts for n in _caught(e)}
    return {_name(node)}


def _calls_service(body: list[ast.stmt]) -> bool:
    """A call into the write side: ``services.x(...)``, ``<module>_services.x``, ``X.run(...)``."""
    for stmt in body:
        for node in ast.walk(stmt):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute):
                owner = node.func.value
                if node.func.attr == "run" or (isinstance(owner, ast.Name) and owner.id.endswith("services")):
                    return True
    return False


TRANSITION_NAMES = {"name", "transition", "step_name", "action"}
# the platform layers have names of their own (form fields, keys); the rule is about procedures
NOT_PROCEDURES = ("fazhi/workflow/", "fazhi/org/", "fazhi/crypto/", "fazhi/audit/", "fazhi/platform/", "fazhi/law/",
                  "fazhi/clock/", "fazhi/text/", "fazhi/ids/")


def _names_a_transition(node: ast.Compare) -> bool:
    """``name == "x"``, ``name != "x"``, ``name in {"x", …}`` where ``name`` holds a transition's name."""
    left = node.left
    if not (isinstance(left, ast.Name) and left.id in TRANSITION_NAMES):
        return False
    for op, right in zip(node.ops, node.comparators, strict=True):
        if isinstance(op, ast.Eq | ast.NotEq) and isinstance(right, ast.Constant) and isinstance(right.value, str):
            return True
        if isinstance(op, ast.In | ast.NotIn) and isinstance(right, ast.Set | ast.Tuple | ast.List) and all(
                isinstance(e, ast.Constant) and isinstance(e.value, str) for e in right.elts):
            return True
    return False


def check_source(path: str, source: str) -> list[Finding]:
    findings: list[Finding] = []
    lines = source.splitlines()
    tree = ast.parse(source, filename=path)
    in_core = path.startswith(PERIOD_CORES)
    is_view = path.endswith(("views.py", "/forms.py"))  # views.py, portal_views.py, …
    http_layer = is_view or path.startswith(HTTP_LAYER)

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
        if not http_layer and isinstance(node, ast.Name | ast.Attribute) and _name(node) == "Http404":
            findings.append(Finding(path, node.lineno, "ARCH005", "Http404 出现在视图层以下，请抛出 RecordNotFound"))
        if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "save"
                and not path.endswith("/models.py") and not node.args  # file.save(buffer) is not a model
                and not any(kw.arg in {"update_fields", "force_insert"} for kw in node.keywords)
                and not exempt(node.lineno)):
            findings.append(Finding(path, node.lineno, "ARCH006",
                                    ".save() 未指明 update_fields（新建记录请用 force_insert=True 或 objects.create）"))
        if is_view and isinstance(node, ast.Try) and _calls_service(node.body):
            for handler in node.handlers:
                caught = _caught(handler.type)
                if caught & BROAD:
                    findings.append(Finding(path, handler.lineno, "ARCH007",
                                            f"服务调用外捕获 {'/'.join(sorted(caught & BROAD))}，会把程序错误当成输入错误"))
        if (isinstance(node, ast.Compare) and _names_a_transition(node) and not path.endswith("/workflow.py")
                and not path.startswith(NOT_PROCEDURES)):
            findings.append(Finding(path, node.lineno, "ARCH008",
                                    "按流转名称分支（if name == …），应写入该流转的声明"))
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and not in_core
                and STATUTORY_TEXT.search(node.value) and not exempt(node.lineno)):
            findings.append(Finding(path, node.lineno, "ARCH003", f"字符串中写死法定期限：{node.value[:30]!r}"))
    return findings


def iter_files(root: Path) -> Iterator[Path]:
    for path in sorted((root / "fazhi").rglob("*.py")):
        if "migrations" in path.parts:
            continue
        yield path


BASELINE = "tools/archcheck_baseline.txt"


def load_baseline(root: Path) -> dict[tuple[str, str], int]:
    """Findings of rules added after the code they judge, per file and rule, while that code is being
    moved onto the engine: the list may only shrink (a stale entry fails too, so it is struck off)."""
    path = root / BASELINE
    allowed: dict[tuple[str, str], int] = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                file, rule, count = line.split()
                allowed[(file, rule)] = int(count)
    return allowed


def main(argv: list[str]) -> int:
    root = Path(argv[1]) if len(argv) > 1 else Path(__file__).resolve().parents[1]
    findings: list[Finding] = []
    for path in iter_files(root):
        rel = path.relative_to(root).as_posix()
        findings.extend(check_source(rel, path.read_text(encoding="utf-8")))
    allowed = load_baseline(root)
    counts: dict[tuple[str, str], int] = {}
    for finding in findings:
        counts[(finding.path, finding.rule)] = counts.get((finding.path, finding.rule), 0) + 1
    failing = [f for f in findings if counts[(f.path, f.rule)] > allowed.get((f.path, f.rule), 0)]
    stale = [(k, n) for k, n in allowed.items() if counts.get(k, 0) < n]
    for finding in failing:
        print(finding)
    for (file, rule), n in stale:
        print(f"{file}: {rule} 基线记有 {n} 处，现有 {counts.get((file, rule), 0)} 处：请更新 {BASELINE}")
    print(f"archcheck: {len(failing)} finding(s), {len(findings) - len(failing)} in the baseline, {len(stale)} stale")
    return 1 if failing or stale else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
