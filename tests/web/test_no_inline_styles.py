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


TITLE = re.compile(r"{%\s*block title\s*%}(.*?){%\s*endblock", re.S)
CRUMBS = re.compile(r"{%\s*block breadcrumbs\s*%}(.*?){%\s*endblock", re.S)


def _misplaced(text: str) -> list[str]:
    """Markup where a page's title (plain text in the tab) or its breadcrumbs (one line of links) go."""
    found = [m.group(1) for m in TITLE.finditer(text) if "<" in m.group(1)]
    found += [m.group(1) for m in CRUMBS.finditer(text) if re.search(r"<(?!a[\s>]|/a>)", m.group(1))]
    return found


def test_page_titles_are_plain_text_and_breadcrumbs_are_links_only():
    found = [str(path.relative_to(FAZHI.parent)) for path in sorted(FAZHI.rglob("templates/**/*.html"))
             if _misplaced(path.read_text(encoding="utf-8"))]
    assert found == []


def test_the_title_check_finds_a_table_in_the_title():
    assert _misplaced("{% block title %}{{ case }}<h2>办理过程</h2><table></table>{% endblock %}")
    assert _misplaced('{% block breadcrumbs %} / <a href="/">复议</a><table>{% endblock %}')
    assert not _misplaced('{% block title %}{{ case }}{% endblock %}{% block breadcrumbs %} / <a href="/">x</a> / y'
                          "{% endblock %}")
