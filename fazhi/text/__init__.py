"""Chinese text utilities shared by the pre-screen and report analysis (no Django).

- :mod:`.normalize` — full-width → half-width, traditional → simplified (length-preserving)
- :mod:`.numerals` — Chinese and mixed numerals with units and approximate forms
- :mod:`.headings` — heading markers (一、 (一) 1. (1) ① 一是) and outlines
- :mod:`.segment` — paragraphs, sentences, clauses, jieba words
- :mod:`.layout` — page numbers and footers left in extracted text
"""

from .headings import Heading, Marker, build_outline, find_markers, heading_title, match_marker
from .layout import find_page_artifacts, mask
from .normalize import clean_text, detect_script, normalize, to_halfwidth, to_simplified
from .numerals import Quantity, find_quantities, parse_number, parse_quantity
from .segment import Span, clauses, paragraphs, sentences, words

__all__ = [
    "Heading",
    "Marker",
    "Quantity",
    "Span",
    "build_outline",
    "clauses",
    "clean_text",
    "detect_script",
    "find_markers",
    "find_page_artifacts",
    "find_quantities",
    "heading_title",
    "mask",
    "match_marker",
    "normalize",
    "paragraphs",
    "parse_number",
    "parse_quantity",
    "sentences",
    "to_halfwidth",
    "to_simplified",
    "words",
]
