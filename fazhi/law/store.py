"""The set of all parameters: packaged files plus deployment directories, and ``param()``."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import replace
from datetime import date
from pathlib import Path

from fazhi.law.loader import (
    LawDataError,
    Problem,
    display_path,
    parameter_files,
    parse_overrides_only,
    parse_parameter,
    read_file,
)
from fazhi.law.model import LawLookupError, Parameter, ParamValue

PACKAGE_PARAMS = Path(__file__).resolve().parent / "params"
ENV_DIRS = "FAZHI_LAW_DIRS"  # os.pathsep-separated deployment directories


class Registry:
    """All parameters by dotted name. Built by :func:`load_registry`; immutable afterwards."""

    def __init__(self, parameters: dict[str, Parameter], directories: Sequence[Path]) -> None:
        self._parameters = dict(sorted(parameters.items()))
        self.directories = tuple(directories)

    def __len__(self) -> int:
        return len(self._parameters)

    def __iter__(self) -> Iterator[Parameter]:
        return iter(self._parameters.values())

    def __contains__(self, name: object) -> bool:
        return name in self._parameters

    def names(self) -> list[str]:
        return list(self._parameters)

    def get(self, name: str) -> Parameter:
        try:
            return self._parameters[name]
        except KeyError:
            close = [n for n in self._parameters if n.split(".")[-1] == name.split(".")[-1]]
            hint = f"（是否指 {'、'.join(close)}？）" if close else ""
            raise LawLookupError(f"未知的法律参数：{name}{hint}") from None

    def param(self, name: str, *, on: date, jurisdiction: str | None = None) -> ParamValue:
        """The value of ``name`` in force on ``on`` in ``jurisdiction`` (its ancestors, then national)."""
        return self.get(name).value_in_force(on, jurisdiction)


def load_registry(directories: Iterable[Path | str] = ()) -> tuple[Registry, list[Problem]]:
    """Load the packaged parameters and then each deployment directory, collecting every problem."""
    problems: list[Problem] = []
    parameters: dict[str, Parameter] = {}
    roots = [PACKAGE_PARAMS, *(Path(d) for d in directories)]
    for index, root in enumerate(roots):
        if not root.is_dir():
            problems.append(Problem(str(root), 1, "法律参数目录不存在 — directory not found"))
            continue
        deployment = index > 0
        for path in parameter_files(root):
            name, data, found = read_file(path, root)
            problems.extend(found)
            if name is None or data is None:
                continue
            shown = display_path(path)
            existing = parameters.get(name)
            if existing is None:
                parameter, found = parse_parameter(name, data, shown)
                problems.extend(found)
                if parameter is not None:
                    parameters[name] = parameter
                continue
            if not deployment:  # pragma: no cover — one file per name inside one directory
                problems.append(Problem(shown, 1, f"参数 {name} 重复定义（另见 {existing.source}）"))
                continue
            overrides, found = parse_overrides_only(data, existing.unit, shown)
            problems.extend(found)
            clash = sorted(set(overrides) & set(existing.overrides))
            for code in clash:
                problems.append(
                    Problem(
                        shown,
                        data.line_of("overrides"),
                        f"行政区划 {code} 的覆盖值已在 {existing.override_sources[code]} 中定义 — "
                        "duplicate override",
                    )
                )
            if found or clash:
                continue
            parameters[name] = replace(
                existing,
                overrides={**existing.overrides, **overrides},
                override_sources={**existing.override_sources, **dict.fromkeys(overrides, shown)},
            )
    return Registry(parameters, roots[1:]), problems


def env_directories() -> list[Path]:
    """Deployment directories named in ``FAZHI_LAW_DIRS``."""
    raw = os.environ.get(ENV_DIRS, "")
    return [Path(p) for p in raw.split(os.pathsep) if p.strip()]


_lock = threading.Lock()
_default: Registry | None = None
_configured: list[Path] | None = None


def configure(directories: Iterable[Path | str] | None = None) -> Registry:
    """Set the deployment directories (``None``: from ``FAZHI_LAW_DIRS``) and reload.

    Raises :class:`LawDataError` if any file is malformed — the platform must not start then.
    """
    global _default, _configured
    with _lock:
        _configured = None if directories is None else [Path(d) for d in directories]
        _default = None
    return registry()


def registry() -> Registry:
    """The default registry (loaded once; raises :class:`LawDataError` on malformed files)."""
    global _default
    with _lock:
        if _default is None:
            directories = env_directories() if _configured is None else _configured
            loaded, problems = load_registry(directories)
            if problems:
                raise LawDataError(problems)
            _default = loaded
        return _default


def check(directories: Iterable[Path | str] | None = None) -> list[Problem]:
    """Validate every parameter file (packaged + deployment); an empty list means all is well."""
    if directories is None:
        directories = env_directories() if _configured is None else _configured
    return load_registry(directories)[1]


def param(name: str, *, on: date, jurisdiction: str | None = None) -> ParamValue:
    """The value of law parameter ``name`` in force on ``on`` for ``jurisdiction``.

    >>> from datetime import date
    >>> param("reconsideration.acceptance_review", on=date(2025, 9, 26), jurisdiction="110105").value
    5
    """
    return registry().param(name, on=on, jurisdiction=jurisdiction)
