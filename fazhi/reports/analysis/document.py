"""A document ready for analysis: three aligned views of one text.

- ``text``: the extracted text, half-width, in the script it was written in. Every offset that the
  analysis returns points into this string (or into a report's slice of it).
- ``display``: ``text`` with page numbers and footers blanked out; quotes are cut from here.
- ``twin``: ``display`` in simplified characters; the rules read this.

All three have the same length, so an offset found in ``twin`` is valid in ``text``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from fazhi.text import detect_script, find_page_artifacts, mask, to_halfwidth, to_simplified

from .extract import HeadingHint

__all__ = ["Document", "prepare"]


@dataclass(slots=True)
class Document:
    text: str
    display: str
    twin: str
    script: str
    artifacts: list[tuple[int, int]] = field(default_factory=list)
    heading_hints: list[HeadingHint] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.text)


def prepare(text: str, heading_hints: Iterable[HeadingHint] = ()) -> Document:
    """Build the aligned views of an extracted (already :func:`~fazhi.text.clean_text`-ed) text."""
    half = to_halfwidth(text)
    artifacts = find_page_artifacts(half)
    display = mask(half, artifacts)
    script = detect_script(display)
    twin = to_simplified(display)
    return Document(half, display, twin, script, artifacts, list(heading_hints))
