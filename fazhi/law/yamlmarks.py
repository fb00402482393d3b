"""A YAML loader that remembers the line of every mapping and key, and refuses duplicate keys.

PyYAML silently keeps the last of two equal keys; for dated legal values that would hide a
mistake (two values "in force" from the same day), so duplicates are an error here.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml


class MarkedMap(dict):
    """A dict that knows the line it started on and the line of each key (1-based)."""

    line: int
    key_lines: dict[Any, int]

    def line_of(self, key: Any) -> int:
        """The line of ``key`` if present, else the mapping's own line."""
        return self.key_lines.get(key, self.line)


class MarkedList(list):
    """A list that knows the line it started on and the line of each item (1-based)."""

    line: int
    item_lines: list[int]


class YamlError(ValueError):
    """A file that is not valid YAML (or has a duplicate key), with its line."""

    def __init__(self, path: str, line: int, message: str) -> None:
        super().__init__(f"{path}:{line}: {message}")
        self.path = path
        self.line = line
        self.message = message


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first_line: int) -> None:
        super().__init__(key)
        self.key = key
        self.line = line
        self.first_line = first_line


class _Loader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: _Loader, node: yaml.MappingNode) -> MarkedMap:
    loader.flatten_mapping(node)
    result = MarkedMap()
    result.line = node.start_mark.line + 1
    result.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        line = key_node.start_mark.line + 1
        try:
            hash(key)
        except TypeError as exc:
            raise yaml.constructor.ConstructorError(
                None, None, "mapping key is not hashable", key_node.start_mark
            ) from exc
        if key in result:
            raise _DuplicateKey(key, line, result.key_lines[key])
        result[key] = loader.construct_object(value_node, deep=True)
        result.key_lines[key] = line
    return result


def _construct_sequence(loader: _Loader, node: yaml.SequenceNode) -> MarkedList:
    result = MarkedList(loader.construct_object(child, deep=True) for child in node.value)
    result.line = node.start_mark.line + 1
    result.item_lines = [child.start_mark.line + 1 for child in node.value]
    return result


def _construct_timestamp(loader: _Loader, node: yaml.ScalarNode) -> object:
    # PyYAML raises a bare ValueError (no line) for 2025-13-01; report it where it is
    try:
        return loader.construct_yaml_timestamp(node)
    except ValueError:
        raise yaml.constructor.ConstructorError(
            None, None, f"日期不存在：{node.value}", node.start_mark
        ) from None


_Loader.add_constructor("tag:yaml.org,2002:timestamp", _construct_timestamp)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


def load_text(text: str, path: str = "<string>") -> Any:
    """Parse YAML text into MarkedMap / MarkedList / scalars; errors name ``path`` and the line."""
    try:
        return yaml.load(text, Loader=_Loader)  # a SafeLoader subclass: no arbitrary objects
    except _DuplicateKey as exc:
        raise YamlError(
            path, exc.line, f"重复的键 {exc.key!s}（第 {exc.first_line} 行已出现）— duplicate key"
        ) from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark is not None else 1
        raise YamlError(path, line, f"YAML 语法错误：{exc.problem or exc}") from None
    except yaml.YAMLError as exc:
        raise YamlError(path, 1, f"YAML 错误：{exc}") from None


def load_file(path: Path) -> Any:
    """Read and parse one YAML file (UTF-8)."""
    return load_text(path.read_text(encoding="utf-8"), str(path))
