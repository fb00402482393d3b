"""Registry of laws (``laws.yaml``) and the checks on 《…》 citations: repealed laws and articles
beyond a law's article count."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from fazhi.text import parse_number

__all__ = ["Citation", "Law", "find_citations", "load_laws", "lookup"]

LAWS_FILE = Path(__file__).with_name("laws.yaml")
_PREFIX = "中华人民共和国"


@dataclass(frozen=True, slots=True)
class Law:
    name: str
    status: str  # "in_force" | "repealed"
    aliases: tuple[str, ...] = ()
    replaced_by: str | None = None
    date: date | None = None
    articles: int | None = None

    @property
    def repealed(self) -> bool:
        return self.status == "repealed"


@dataclass(frozen=True, slots=True)
class Citation:
    title: str  # as written inside 《》
    article: int | None  # 第…条 right after the title, if any
    article_text: str | None
    law: Law | None


def _key(title: str) -> str:
    title = re.sub(r"\([^()]*\)$", "", title.strip())  # 《…法(2019年修正)》
    return title.removeprefix(_PREFIX)


def load_laws(path: Path = LAWS_FILE) -> dict[str, Law]:
    """Name and alias (without 中华人民共和国) → :class:`Law`."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    out: dict[str, Law] = {}
    for row in data["laws"]:
        status = row["status"]
        if status not in ("in_force", "repealed"):
            raise ValueError(f"{path}: {row['name']}: status must be in_force or repealed")
        if status == "repealed" and not (row.get("replaced_by") and row.get("date")):
            raise ValueError(f"{path}: {row['name']}: a repealed law needs replaced_by and date")
        law = Law(
            name=row["name"],
            status=status,
            aliases=tuple(row.get("aliases") or ()),
            replaced_by=row.get("replaced_by"),
            date=row.get("date"),
            articles=row.get("articles"),
        )
        for name in (law.name, *law.aliases):
            key = _key(name)
            if key in out:
                raise ValueError(f"{path}: duplicate law name {name}")
            out[key] = law
    return out


@functools.cache
def _registry() -> dict[str, Law]:
    return load_laws()


def lookup(title: str) -> Law | None:
    """The registry entry for a title as written (with or without 中华人民共和国), or None."""
    return _registry().get(_key(title))


_CITATION = re.compile(r"《([^《》]{2,60})》(?:第([零〇一二三四五六七八九十百千0-9]+)条)?")


def find_citations(sentence: str) -> list[Citation]:
    out = []
    for m in _CITATION.finditer(sentence):
        article = None
        if m.group(2):
            try:
                article = int(parse_number(m.group(2)))
            except (TypeError, ValueError):
                article = None
        out.append(Citation(m.group(1), article, m.group(2), lookup(m.group(1))))
    return out
