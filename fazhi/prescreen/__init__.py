"""Rule-based, explainable pre-screen (智能预审) of draft normative documents (规范性文件).

Pure Python, no Django. Each :class:`Hit` names the clause, the rule, a one-line Chinese reason
and the legal basis. Rules live in ``rules.yaml``, the laws registry in ``laws.yaml``; see
``docs/prescreen.md``.

>>> [h.rule for h in screen_text("违反本办法规定的,处二千元罚款。", document=False)]
['PEN-01']
"""

from .engine import FAMILIES, Hit, Rule, load_rules, screen_sentence, screen_text
from .laws import Citation, Law, find_citations, load_laws, lookup

__all__ = [
    "FAMILIES",
    "Citation",
    "Hit",
    "Law",
    "Rule",
    "find_citations",
    "load_laws",
    "load_rules",
    "lookup",
    "screen_sentence",
    "screen_text",
]
