"""Who may import whom, read from the source (every ``fazhi/<app>/**.py``, also imports inside
functions): a procedure reacts to another through domain events (fazhi.platform.events), never by
importing one downstream of it; the shared platform apps import no procedure; and no two apps import
each other."""

from __future__ import annotations

import ast
from functools import cache
from pathlib import Path

FAZHI = Path(__file__).resolve().parents[2] / "fazhi"

# The procedures, and the procedures each one may import (upstream of it: the record it builds on or
# the desk it sends work to). Everything else about another procedure goes through domain events.
PROCEDURES: dict[str, frozenset[str]] = {
    "legalreview": frozenset(),
    "normdocs": frozenset({"legalreview"}),  # sends drafts to the legal-review desk
    "filingreview": frozenset({"normdocs"}),  # reviews filed normative documents
    "cleanup": frozenset({"normdocs"}),  # cleans up normative documents, repeals and invalidates them
    "reconsideration": frozenset({"legalreview"}),  # sends 附带审查 to the legal-review desk (第五十六条)
    "enforcement": frozenset(),
}



def _apps() -> list[str]:
    return sorted(p.name for p in FAZHI.iterdir() if (p / "__init__.py").exists())


def _imported(module: ast.AST) -> set[str]:
    """The fazhi apps a module imports (absolute imports; relative ones stay inside the app)."""
    found = set()
    for node in ast.walk(module):
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
            names = [node.module, *(f"{node.module}.{alias.name}" for alias in node.names)]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[0] == "fazhi" and len(parts) > 1:
                found.add(parts[1])
    return found


@cache
def _graph() -> dict[str, dict[str, list[str]]]:
    """app → imported app → the files that import it."""
    apps = set(_apps())
    graph: dict[str, dict[str, list[str]]] = {app: {} for app in apps}
    for app in apps:
        for path in sorted((FAZHI / app).rglob("*.py")):
            module = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
            for other in _imported(module) & apps - {app}:
                graph[app].setdefault(other, []).append(str(path.relative_to(FAZHI.parent)))
    return graph


def _circles() -> dict[tuple[str, str], list[str]]:
    graph = _graph()
    return {(a, b): graph[a][b] + graph[b][a] for a in graph for b in graph[a] if a < b and a in graph[b]}


def test_normative_documents_import_neither_the_filing_review_nor_the_clean_up():
    graph = _graph()
    assert {"filingreview", "cleanup"} & set(graph["normdocs"]) == set(), graph["normdocs"]


def test_a_procedure_imports_only_the_procedures_declared_upstream_of_it():
    graph = _graph()
    assert set(PROCEDURES) <= set(graph)
    wrong = {f"{app} → {other}: {graph[app][other]}" for app in PROCEDURES for other in graph[app]
             if other in PROCEDURES and other not in PROCEDURES[app]}
    assert wrong == set()


def test_the_declared_directions_have_no_cycle():
    seen: set[str] = set()

    def visit(app: str, path: tuple[str, ...]) -> None:
        assert app not in path, " → ".join((*path, app))
        if app in seen:
            return
        for upstream in PROCEDURES[app]:
            visit(upstream, (*path, app))
        seen.add(app)

    for app in PROCEDURES:
        visit(app, ())


def test_the_shared_platform_apps_import_no_procedure():
    graph = _graph()
    wrong = {f"{app} → {other}: {graph[app][other]}" for app in graph if app not in PROCEDURES
             for other in graph[app] if other in PROCEDURES}
    assert wrong == set()


def test_no_two_apps_import_each_other():
    assert _circles() == {}, "两个应用相互导入（请改为单向依赖、由下层提供挂接点，或改用业务事件）"


def test_the_circle_test_finds_a_circle():
    graph = {"a": {"b": ["fazhi/a/x.py"]}, "b": {"a": ["fazhi/b/y.py"]}}
    found = {(a, b): graph[a][b] + graph[b][a] for a in graph for b in graph[a] if a < b and a in graph[b]}
    assert found == {("a", "b"): ["fazhi/a/x.py", "fazhi/b/y.py"]}
