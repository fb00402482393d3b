"""Figures of a report: find every explicit count or rate, and put it into the vocabulary.

Steps for one report (``twin`` = its simplified text, ``display`` = the same in its own script):

1. :func:`fazhi.text.find_quantities` finds numbers with a measure word, percentages and 万/亿
   magnitudes (with approximate forms such as 余, 多, 近, 以上).
2. Figures that are not about the work are dropped: money; ordinals (第3轮); norms and per-unit
   rates (不少于6期, 每人每月); ranges (2-3个); durations other than processing times (历时3个月);
   slogans and set phrases (六个"一律取消", 两个阶段); figures inside quotation marks or book
   titles; a bare Chinese 一 (一次性告知, 一个窗口).
3. :mod:`.rules` classify what is left; breakdowns inherit from their totals and rates from the
   count they are a rate of.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field

from fazhi.text import Quantity, find_quantities

from .rules import DOMAIN_RULES, PERCENT_RULES, RULES, Rule
from .vocabulary import family_of

__all__ = ["UNITS", "Metric", "extract_metrics"]

# Measure words, longest first where one is the start of another (个工作日 before 个).
UNITS: tuple[str, ...] = tuple(
    """
    个工作日 个百分点 个月 人次 户次 批次 庭次 场次 件次 家次 工作日 小时 分钟 万元 亿元
    件 宗 份 项 人 名 位 场 次 户 批 家 个 条 所 部 台 套 册 本 篇 期 轮 起 票 支 座 张 幅 卷 例 天 元
    """.split()
)
_MONEY = {"元", "万元", "亿元"}
_TIME = {"天", "个工作日", "工作日", "小时", "个月", "分钟"}

_CLAUSE_STOP = ",;。!?:\n"
_LOCAL_STOP = _CLAUSE_STOP + "、("
# A semicolon separates the items of one list, so it ends a clause but not a sentence.
_SENTENCE_STOP = "。!?\n"

# After the unit, words that make the figure a slogan or a set phrase, not a count of work.
_ABSTRACT_ANY = re.compile(r"^(?:方面|阶段|原则|环节|理念|意识|层面|维度|特点|特色|优势|作用|途径)")
_ABSTRACT_CN = re.compile(
    r"^(?:方面|阶段|原则|制度|机制|环节|要求|聚焦|一律|重点|理念|意识|层面|责任|抓手|统一|体系|格局|目标|任务"
    r"|同步|关键|步骤|渠道|结合|系统|平台|规定|办法|措施|工程|战略|攻坚|问题|不|全|都|落实|必|着力|坚持|字"
    r"|一体|主线|路线|底线|红线|“|\")"
)
_NORM_BEFORE = re.compile(
    r"(?:不得|不少于|不低于|不超过|不高于|不多于|少于|至少|最多|最少|应当|须|控制在|保持在|力争)[^,;。]{0,6}$"
)
_PER_BEFORE = re.compile(r"每(?:人|年|月|季度?|周|天|日|个|家|次|案|件|一)[^,;。]{0,12}$")
_RANGE_BEFORE = re.compile(r"\d\s*[-—~～至到]\s*$|[一二三四五六七八九十]\s*[-—~～至]\s*$")
_RANGE_AFTER = re.compile(r"^\s*[-—~～至]\s*\d")
_PROCESS_TIME = re.compile(r"办理|办结|审批|时限|时间|压缩|缩短|减少|提速|天数|用时|平均|承诺|提前")
_YEAR = re.compile(r"(?<![\d])((?:19|20)\d{2})\s*年(?!\d)")
_YEAR_COMPARE = re.compile(r"(?:与|较|比|同|去|上|截至|至)\s*$")
_CONJUNCTION_END = re.compile(r"(?:和|及|与|以及|或者|或|并)\s*$")
_NEXT_FIGURE = re.compile(r"\d|[一二两三四五六七八九十]+[个项件人名家次场所批条份]")
# A clause that opens with its own verb starts a new statement, not the next item of a breakdown.
_NEW_STATEMENT = re.compile(
    r"^(?:今年|全年|同时|并|还|另|共)?(?:发生|开展|实施|组织|完成|办理|受理|收到|作出|出具|制定|印发|召开|举办|发放|审查|共)"
)
_OWN_STATEMENT = re.compile(
    r"^(?:共|全年|同时|并|还|另)?(?:开展|实施|组织|进行|完成|举办|召开|发放|出具|制定|印发)"
)
_LIST_OPEN = re.compile(r"其中|含|包括|包含|分别为|分别是|\(|:")


@dataclass(slots=True)
class Metric:
    indicator: str
    value: int | float
    unit: str
    approximate: bool
    year: int | None
    quote: str
    start: int
    end: int
    quote_start: int
    quote_end: int
    sentence_start: int
    sentence_end: int
    basis: str = ""  # which rule or inheritance decided the indicator
    parent: int | None = None  # index of the total this figure is part of
    _strong: bool = field(default=True, repr=False)
    _group: int = field(default=0, repr=False)

    @property
    def family(self) -> str:
        return family_of(self.indicator)

    def as_dict(self) -> dict[str, object]:
        return {
            "indicator": self.indicator,
            "family": self.family,
            "value": self.value,
            "unit": self.unit,
            "approximate": self.approximate,
            "year": self.year,
            "quote": self.quote,
            "start": self.start,
            "end": self.end,
            "quote_start": self.quote_start,
            "quote_end": self.quote_end,
            "sentence_start": self.sentence_start,
            "sentence_end": self.sentence_end,
            "basis": self.basis,
            "parent": self.parent,
        }


@dataclass(slots=True)
class _Context:
    q: Quantity
    local: str
    clause: str
    sentence: str
    sentence_pre: str
    item_pre: str
    clause_start: int
    sentence_start: int
    sentence_end: int
    post_local: str
    post_clause: str
    group_start: int


class _Stops:
    """Positions of a set of punctuation marks in a text, for fast "last mark before" look-ups."""

    def __init__(self, length: int, marks: list[tuple[int, str]], chars: str) -> None:
        self.length = length
        self.positions = [pos for pos, ch in marks if ch in chars]

    def back(self, pos: int) -> int:
        """Start of the stretch that ends at ``pos`` (just after the last mark before ``pos``)."""
        i = bisect.bisect_left(self.positions, pos) - 1
        return self.positions[i] + 1 if i >= 0 else 0

    def forward(self, pos: int, limit: int) -> int:
        """Position of the first mark at or after ``pos``, at most ``limit`` characters on."""
        i = bisect.bisect_left(self.positions, pos)
        found = self.positions[i] if i < len(self.positions) else self.length
        return min(found, pos + limit, self.length)


_ANY_MARK = re.compile(f"[{re.escape(_LOCAL_STOP + ')')}]")


class _Scanner:
    """The marks of one report text, computed once for all its figures."""

    def __init__(self, text: str) -> None:
        self.text = text
        n = len(text)
        marks = [(m.start(), m.group()) for m in _ANY_MARK.finditer(text)]
        self.sentence = _Stops(n, marks, _SENTENCE_STOP)
        self.clause = _Stops(n, marks, _CLAUSE_STOP)
        self.clause_no_dun = _Stops(n, marks, _CLAUSE_STOP + "、")
        self.local = _Stops(n, marks, _LOCAL_STOP)
        self.local_post = _Stops(n, marks, _LOCAL_STOP + ")")
        self._items: dict[int, int] = {}

    def item_start(self, pos: int) -> int:
        """Start of the list item or paragraph a sentence starting at ``pos`` is in."""
        found = self._items.get(pos)
        if found is None:
            found = self._items[pos] = _item_start(self.text, pos, max(0, pos - 600))
        return found


_ITEM_MARK = re.compile(
    r"(?:^|[。;:!\n ])(?:[一二三四五六七八九十]{1,3}(?:是|要)|[(][一二三四五六七八九十\d]{1,3}[)]|\d{1,2}[.、])"
)


def _item_start(text: str, pos: int, floor: int) -> int:
    """Start of the list item or paragraph the figure is in (一是…, (三)…, a new line)."""
    para = max(text.rfind("\n", floor, pos) + 1, floor)
    best = para
    for m in _ITEM_MARK.finditer(text[para:pos]):
        best = para + m.start()
    return best


def _context(scan: _Scanner, q: Quantity) -> _Context:
    text = scan.text
    s0 = scan.sentence.back(q.start)
    s1 = scan.sentence.forward(q.end, 400)
    c0 = max(scan.clause.back(q.start), s0)
    l0 = max(scan.local.back(q.start), c0)
    pre_clause = text[max(c0, q.start - 40) : q.start]
    pre_local = text[max(l0, q.start - 30) : q.start]
    if _CONJUNCTION_END.search(pre_local):
        pre_local = ""  # "…执法部门和十个县": the noun before 和 is not what is counted
    # After the number the clause runs to the next figure, except in "对…进行…" where the verb
    # that tells what was done to the counted things comes after all of them.
    if "对" in pre_clause:
        pc = scan.clause.forward(q.end, 24)
    else:
        pc = scan.clause_no_dun.forward(q.end, 24)
        nxt = _NEXT_FIGURE.search(text, q.end, pc)
        if nxt is not None:
            pc = nxt.start()
    pl = scan.local_post.forward(q.end, 20)
    post_clause = text[q.end : pc]
    post_local = text[q.end : pl]
    item0 = scan.item_start(s0)
    group = s0
    if text[s0 : q.start].lstrip().startswith("其中") and s0 > 0:
        group = scan.sentence.back(s0 - 1)  # "…共发布信息5244条。其中,…"
    return _Context(
        q=q,
        local=f"{pre_local}#{post_local}",
        clause=f"{pre_clause}#{post_clause}",
        sentence=f"{text[s0 : q.start]}#{text[q.end : s1]}",
        sentence_pre=text[s0 : q.start],
        item_pre=text[item0:s0],
        clause_start=c0,
        sentence_start=s0,
        sentence_end=s1,
        post_local=post_local,
        post_clause=post_clause,
        group_start=group,
    )


def _inside_quotes(sentence_pre: str) -> bool:
    """The figure is part of a quoted name or slogan: an opening mark after the last closing one."""
    in_quote = sentence_pre.rfind("“") > sentence_pre.rfind("”")
    return in_quote or sentence_pre.rfind("《") > sentence_pre.rfind("》")


def _is_chinese_numeral(q: Quantity, text: str) -> bool:
    return not any(ch.isdigit() for ch in text[q.number_start : q.number_end])


def _keep(text: str, q: Quantity, ctx: _Context) -> bool:
    """False for figures that are not counts of the work (see module docstring)."""
    if q.unit in _MONEY:
        return False
    before = text[max(0, q.start - 8) : q.start]
    if before.endswith("第") or before.rstrip().endswith("第"):
        return False
    pre = ctx.clause.split("#", 1)[0]
    before_number = text[max(ctx.clause_start, q.number_start - 40) : q.number_start]
    if _NORM_BEFORE.search(before_number) or _PER_BEFORE.search(before_number):
        return False
    if before_number.endswith("一式"):
        return False  # 一式三份: copies of a form
    if _RANGE_BEFORE.search(before) or _RANGE_AFTER.match(text[q.number_end : q.number_end + 4]):
        return False
    if q.unit in _TIME and not _PROCESS_TIME.search(ctx.clause):
        return False
    post = text[q.end : q.end + 6]
    chinese = _is_chinese_numeral(q, text)
    if _ABSTRACT_ANY.match(post) or (chinese and _ABSTRACT_CN.match(post)):
        return False
    if chinese and q.value == 1 and not q.unit == "%":
        return False  # 一次性告知, 一个窗口, 一批: idiom rather than a count
    if _inside_quotes(ctx.sentence_pre):
        return False
    if re.search(r"由[^,;。]{0,24}$", pre) and re.match(r"^[^,;。]{0,4}组成", ctx.post_clause):
        return False  # composition rule: 由…2人以上组成
    if pre.endswith("在") and ctx.post_clause.endswith("中"):
        return False  # anaphora: 在两次宣传活动中
    return True


def _match(rule: Rule, ctx: _Context, headings: str) -> bool:
    if not rule.accepts(ctx.q.unit):
        return False
    if rule.local is not None and not rule.local.search(ctx.local):
        return False
    if rule.clause is not None and not rule.clause.search(ctx.clause):
        return False
    if rule.not_clause is not None and rule.not_clause.search(ctx.clause):
        return False
    if rule.sentence is not None and not rule.sentence.search(ctx.sentence):
        return False
    if rule.domain is not None:
        scope = ctx.sentence + "\n" + ctx.item_pre + "\n" + headings
        if not rule.domain.search(scope):
            return False
    return True


@functools.cache
def _rules_for(unit: str, percent: bool) -> tuple[tuple[int, Rule], ...]:
    """The rules that accept a unit, in order (numbered as in :mod:`.rules`)."""
    rules = PERCENT_RULES if percent else RULES
    return tuple((n, rule) for n, rule in enumerate(rules) if rule.accepts(unit))


def _classify(ctx: _Context, headings: str) -> tuple[str, str, bool] | None:
    """(indicator, basis, strong) from the rules, or None when no rule names the figure."""
    rules = _rules_for(ctx.q.unit, ctx.q.is_percent)
    for n, rule in rules:
        if not rule.fallback and _match(rule, ctx, headings):
            return rule.indicator, f"rule:{rule.indicator}#{n}", rule.strong
    if ctx.q.is_percent:
        return None
    found = _domain(ctx)
    if found is not None:
        return found
    for n, rule in rules:
        if rule.fallback and _match(rule, ctx, headings):
            return rule.indicator, f"rule:{rule.indicator}#{n}", rule.strong
    return None


def _domain(ctx: _Context) -> tuple[str, str, bool] | None:
    best: tuple[int, str] | None = None
    scope = ctx.item_pre + "\n" + ctx.sentence_pre
    for rule in DOMAIN_RULES:
        if ctx.q.unit not in rule.units:
            continue
        last = None
        for m in rule.domain.finditer(scope):
            last = m.start()
        if last is not None and (best is None or last > best[0]):
            best = (last, rule.indicator)
    if best is not None:
        return best[1], f"domain:{best[1]}", False
    return None


_FILLER = re.compile(r"(?:共计|共有|合计|累计|总计|共|有|达到|达|为|计|已|了|的)+$")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")


def _object_key(ctx: _Context) -> str:
    """The noun a figure counts: the words right after it, or else right before it."""
    post = ctx.post_local
    if post and "\u4e00" <= post[0] <= "\u9fff" and post[0] not in "的了和与及并等":
        run = _CJK_RUN.match(post)
        return run.group()[:8] if run and len(run.group()) >= 4 else ""
    pre = _FILLER.sub("", ctx.local.split("#", 1)[0].rstrip())
    runs = _CJK_RUN.findall(pre)
    key = runs[-1][-8:] if runs else ""
    return key if len(key) >= 4 else ""


def _same_object(a: str, b: str) -> bool:
    grams = {a[i : i + 4] for i in range(len(a) - 3)}
    return any(b[i : i + 4] in grams for i in range(len(b) - 3))


def _year(ctx: _Context, report_year: int | None) -> int | None:
    found = None
    for m in _YEAR.finditer(ctx.sentence_pre):
        if not _YEAR_COMPARE.search(ctx.sentence_pre[: m.start()]):
            found = int(m.group(1))
    return found if found is not None else report_year


def _quote(display: str, ctx: _Context) -> tuple[int, int]:
    local_pre = ctx.local.split("#", 1)[0]
    if len(_CJK_RUN.findall(local_pre) and "".join(_CJK_RUN.findall(local_pre))) >= 2:
        start = ctx.q.start - len(local_pre)  # an item of a list: quote the item, not the whole list
    else:
        start = max(ctx.clause_start, ctx.q.start - 40)
    end = ctx.q.end
    post = ctx.post_local
    if post and len(post) <= 16 and not re.match(r"^[的了和与及,]", post):
        end += len(post)
    while start < end and display[start] in " \n":
        start += 1
    return start, end


_COUNT_FAMILY = {"件": "case", "宗": "case", "起": "case", "人": "person", "名": "person", "位": "person"}


def _same_kind(a: str, b: str) -> bool:
    kind = _COUNT_FAMILY.get(a)
    return a == b or (kind is not None and kind == _COUNT_FAMILY.get(b))


def extract_metrics(
    twin: str,
    display: str,
    *,
    headings_for: list[tuple[int, int, str]] | None = None,
    report_year: int | None = None,
) -> list[Metric]:
    """Every figure of a report with its indicator.

    ``headings_for`` lists ``(start, body_end, title)`` of the report's headings, used as the widest
    context. Offsets in the result are relative to the report text.
    """
    headings_for = headings_for or []
    metrics: list[Metric] = []
    contexts: list[_Context] = []
    seen_objects: dict[tuple[int | float, str], list[tuple[str, int]]] = {}
    scan = _Scanner(twin)
    for q in find_quantities(twin, UNITS):
        ctx = _context(scan, q)
        if not _keep(twin, q, ctx):
            continue
        obj = _object_key(ctx)
        if obj:
            earlier = seen_objects.setdefault((q.value, q.unit), [])
            if any(q.start - pos < 2000 and _same_object(obj, other) for other, pos in earlier):
                continue  # the same figure mentioned again ("48个行政执法主体的…")
            earlier.append((obj, q.start))
        path = " ".join(title for start, end, title in headings_for if start <= q.start < end)
        decided = _classify(ctx, path)
        indicator, basis, strong = decided if decided else ("other", "none", False)
        qs, qe = _quote(display, ctx)
        metrics.append(
            Metric(
                indicator=indicator,
                value=q.value,
                unit=q.unit,
                approximate=q.approximate,
                year=_year(ctx, report_year),
                quote=" ".join(display[qs:qe].split()),
                start=q.start,
                end=q.end,
                quote_start=qs,
                quote_end=qe,
                sentence_start=ctx.sentence_start,
                sentence_end=ctx.sentence_end,
                basis=basis if decided else "none",
                _strong=strong if decided else False,
                _group=ctx.group_start,
            )
        )
        contexts.append(ctx)
    _inherit(metrics, contexts, twin)
    return metrics


def _inherit(metrics: list[Metric], contexts: list[_Context], twin: str) -> None:
    """Breakdowns take the indicator of their total; rates that of the count they are a rate of."""
    for i, (m, ctx) in enumerate(zip(metrics, contexts, strict=True)):
        siblings = [j for j in range(i) if metrics[j]._group == m._group]
        if not siblings:
            continue
        if m.unit in ("%", "‰"):
            if m.basis == "none":
                counts = [j for j in siblings if metrics[j].unit not in ("%", "‰")]
                source = counts[-1] if counts else siblings[-1]
                m.indicator = metrics[source].indicator
                m.basis = f"rate-of:{source}"
            continue
        # A breakdown: a list opener (其中, 含, "(") stands between an earlier total and this figure,
        # or the previous figure was already part of a breakdown and the list goes on.
        previous = siblings[-1]
        between = twin[metrics[previous].end : m.start]
        parent = None
        if _LIST_OPEN.search(between):
            candidates = [
                k for k in siblings if metrics[k].parent is None and metrics[k].unit not in ("%", "‰")
            ]
            if candidates:
                parent = candidates[-1]
        elif (
            metrics[previous].parent is not None
            and not between.startswith("等")
            and len(between) <= 30
            and not _NEW_STATEMENT.match(ctx.clause)
        ):
            parent = metrics[previous].parent
        if parent is not None:
            m.parent = parent
            if not m._strong and not _OWN_STATEMENT.match(ctx.clause):
                m.indicator = metrics[parent].indicator
                m.basis = f"part-of:{parent}"
            continue
        if m.basis == "none":
            previous = siblings[-1]
            if _same_kind(metrics[previous].unit, m.unit) and m.start - metrics[previous].end <= 40:
                m.indicator = metrics[previous].indicator
                m.basis = f"list-with:{previous}"
