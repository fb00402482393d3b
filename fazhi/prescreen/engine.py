"""The pre-screen engine: sentence-level rules from ``rules.yaml``, citation checks against the
laws registry, and document-level form checks."""

from __future__ import annotations

import functools
import re
from dataclasses import asdict, dataclass
from pathlib import Path

import yaml

from fazhi.text import normalize, paragraphs, sentences

from .laws import find_citations

__all__ = ["FAMILIES", "Hit", "Rule", "load_rules", "screen_sentence", "screen_text"]

RULES_FILE = Path(__file__).with_name("rules.yaml")

#: family → Chinese name, in display order
FAMILIES: dict[str, str] = {
    "sets_license": "违法设定行政许可",
    "sets_penalty": "违法设定行政处罚",
    "sets_coercion": "违法设定行政强制",
    "sets_fee": "违法设定收费",
    "adds_obligation": "违法增加义务或减损权利",
    "fc_entry": "限制市场准入和退出",
    "fc_flow": "限制商品和要素自由流动",
    "fc_cost": "影响生产经营成本",
    "fc_conduct": "影响生产经营行为",
    "form_validity": "有效期或施行日期缺失",
    "cites_repealed": "引用已废止的法律法规",
    "cites_bad_article": "引用不存在的条文",
}

# A sentence that relies on a named law, or on laws in general, restates or presupposes.
_CITES_LAW = re.compile(
    r"《[^《》]*(?:法|条例|规定|办法|决定|细则|解释)(?:\([^()]*\))?》"
    r"|(?:依照|依据|按照|根据|依)[^。;,]{0,4}(?:法律|法规|法律、法规|法律法规|法律、行政法规|国家(?:有关)?规定)"
    r"|(?:法律|法规|法律、法规|法律、行政法规)(?:另有规定|已有规定|规定的?(?:处罚|罚款|许可|收费|强制))"
)


@dataclass(frozen=True, slots=True)
class Hit:
    family: str
    rule: str
    clause: str
    reason: str
    basis: str

    def to_dict(self) -> dict[str, str]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Rule:
    id: str
    family: str
    reason: str
    basis: str
    any: tuple[re.Pattern[str], ...]
    all: tuple[re.Pattern[str], ...] = ()
    none: tuple[re.Pattern[str], ...] = ()
    unless_cites_law: bool = False

    def matches(self, sentence: str, cites_law: bool) -> bool:
        if self.unless_cites_law and cites_law:
            return False
        return (
            any(p.search(sentence) for p in self.any)
            and all(p.search(sentence) for p in self.all)
            and not any(p.search(sentence) for p in self.none)
        )


def load_rules(path: Path = RULES_FILE) -> tuple[Rule, ...]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    rules = []
    seen: set[str] = set()
    for row in data["rules"]:
        if row["family"] not in FAMILIES:
            raise ValueError(f"{path}: {row['id']}: unknown family {row['family']}")
        if row["id"] in seen:
            raise ValueError(f"{path}: duplicate rule id {row['id']}")
        seen.add(row["id"])
        rules.append(
            Rule(
                id=row["id"],
                family=row["family"],
                reason=row["reason"],
                basis=row["basis"],
                any=tuple(re.compile(p) for p in row["any"]),
                all=tuple(re.compile(p) for p in row.get("all") or ()),
                none=tuple(re.compile(p) for p in row.get("none") or ()),
                unless_cites_law=bool(row.get("unless_cites_law")),
            )
        )
    return tuple(rules)


@functools.cache
def _rules() -> tuple[Rule, ...]:
    return load_rules()


def _citation_hits(sentence: str) -> list[Hit]:
    hits = []
    for cit in find_citations(sentence):
        law = cit.law
        if law is None:
            continue
        after = sentence[sentence.find(cit.title) + len(cit.title) :]
        if law.repealed and not re.match(r"^》?[^。;,]{0,12}(?:同时|已|予以)?废止", after):
            hits.append(
                Hit(
                    "cites_repealed",
                    "CITE-01",
                    sentence,
                    f"《{cit.title}》已于{law.date:%Y年%-m月%-d日}被《{law.replaced_by}》取代而废止",
                    f"《{law.replaced_by}》；国办发〔2018〕37号（依据应当合法有效）",
                )
            )
        elif cit.article and law.articles and cit.article > law.articles:
            hits.append(
                Hit(
                    "cites_bad_article",
                    "CITE-02",
                    sentence,
                    f"《{cit.title}》只有{law.articles}条，引用的第{cit.article_text}条不存在",
                    f"《{law.name}》全文",
                )
            )
    return hits


def screen_sentence(sentence: str) -> list[Hit]:
    """All hits of one sentence (already normalised), one per rule, in rule order."""
    text = sentence.strip()
    if not text:
        return []
    cites_law = bool(_CITES_LAW.search(text))
    hits = [Hit(r.family, r.id, text, r.reason, r.basis) for r in _rules() if r.matches(text, cites_law)]
    hits.extend(_citation_hits(text))
    return hits


_EFFECTIVE = re.compile(r"自[^。;]{1,30}(?:起|之日)(?:施行|实施|执行|生效)|(?:施行|实施)日期")
_TRIAL = re.compile(r"暂行|试行")
_VALIDITY = re.compile(r"有效期|有效期限|至[0-9一二三四五六七八九十〇零]+年[^。;]{0,10}止")


def _strip_titles(text: str) -> str:
    return re.sub(r"《[^《》]*》", "", text)


def screen_text(text: str, *, document: bool = True) -> list[Hit]:
    """Screen a text sentence by sentence.

    With ``document=True`` the text is a whole draft and the document-level form checks also run:
    FORM-02 (no effective date) and FORM-03 (a 暂行/试行 title without a validity period anywhere).
    Use ``document=False`` for a single clause.
    """
    norm = normalize(text)
    hits: list[Hit] = []
    spans = sentences(norm)
    for span in spans:
        hits.extend(screen_sentence(span.of(norm)))
    if not document or not spans:
        return hits
    paras = paragraphs(norm)
    title = paras[0].of(norm).strip() if paras else ""
    if len(spans) >= 3 and not _EFFECTIVE.search(norm):
        hits.append(
            Hit(
                "form_validity",
                "FORM-02",
                title,
                "文件未规定施行日期",
                "国办发〔2018〕37号（统一发布，明确施行日期）",
            )
        )
    has_form01 = any(h.rule == "FORM-01" for h in hits)
    if not has_form01 and _TRIAL.search(_strip_titles(title)) and not _VALIDITY.search(norm):
        hits.append(
            Hit(
                "form_validity",
                "FORM-03",
                title,
                "暂行/试行文件未规定有效期",
                "国办发〔2018〕37号（定期清理）；地方规范性文件管理规定（暂行、试行一般不超过2年）",
            )
        )
    return hits
