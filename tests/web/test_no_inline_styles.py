"""The content security policy (SECURE_CSP) allows styles and scripts from our own files only: an
inline ``style=`` or ``<script>`` body in a template would be refused by the browser and silently
lose its effect."""

from __future__ import annotations

import re
from pathlib import Path

FAZHI = Path(__file__).resolve().parents[2] / "fazhi"
INLINE = re.compile(r"""\sstyle\s*=\s*["']|<script(?![^>]*\ssrc=)[^>]*>\s*\S|\son[a-z]+\s*=\s*["']""", re.I)


def test_no_template_carries_inline_styles_scripts_or_handlers():
    found = []
    for path in sorted(FAZHI.rglob("templates/**/*.html")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
            if INLINE.search(line):
                found.append(f"{path.relative_to(FAZHI.parent)}:{number}: {line.strip()}")
    assert found == []


def test_the_pattern_finds_what_it_forbids():
    assert INLINE.search('<ul style="margin:0">')
    assert INLINE.search("<script>alert(1)</script>")
    assert INLINE.search('<button onclick="go()">')
    assert not INLINE.search('<script src="/static/x.js"></script>')
    assert not INLINE.search('<div class="stack plain">')
