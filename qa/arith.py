"""Figures asked of two things told apart (「市里培训班和溧水县培训班加起来培训了多少人」「二期建成后接入医院比8月
底多多少家」): the question split into one question per thing, each answered alone by the engine, the two
figures added or subtracted with the arithmetic shown.

Only where each part's answer holds exactly one figure in the unit asked, and both in the same unit: a
figure the engine is not sure of is never computed with. Pure functions; the router asks the questions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from qa import units
from qa.asks import counter_asked
from qa.scope import Calendar, Kind
from qa.words import words

# reads where a question says its scope (16年, 8月底, 01年11月那期), as every path does
READER = Calendar([], [])
DATE_UNITS = ("年", "月", "日", "号")
# 「一期二期」: two editions of one thing said one after the other
PAIRED_ORDINALS = re.compile(r"([一二三四五六七八九十])(期|批|类|级)([一二三四五六七八九十])\2")
# 「…比8月底要多多少家」: the thing compared with, the direction, and what is counted
COMPARED = re.compile(
    r"比(?P<other>[^，。？?]+?)(?:要|还)?(?P<dir>多|少|高|低)了?(?P<ask>多少|几)(?P<rest>.*)$"
)
FIGURE = re.compile(r"(\d+(?:\.\d+)?)\s*(万元|亿元|千元|元|万人次|人次|万|%|[^\d\s，。、；：,.;:（）()]?)")


@dataclass
class Split:
    op: str  # "sum" or "diff"
    first: str  # the question of the first thing (the one compared, for a difference)
    second: str  # the question of the second thing
    counter: str  # the counter asked (人, 家, 万元), or "" (a money question: 投资多少)


def split(q: str) -> Split | None:
    """Two questions of one figure each, or None when the question names no two things to add or compare."""
    lead = _lead(q)
    body = q[len(lead) :].strip().rstrip("？?。 ")
    m = COMPARED.search(body)
    if m:
        first, other = body[: m.start()], m.group("other")
        ask = m.group("ask") + m.group("rest")
        return _pair("diff", lead, first, other, ask)
    said = next((w for w in words("sum_ask") if w in body), "")
    op = "sum"
    if not said:
        # 「申报资金和核定资金差了多少」: the gap between two things, whichever is larger
        said = next((w for w in words("gap_ask") if w in body), "")
        op = "gap"
    if not said:
        return None
    head, ask = body[: body.find(said)], body[body.find(said) + len(said) :]
    if op == "gap":
        # (each thing is asked as 「…多少」 with the counter said after the gap: 相差几家 → 几家)
        ask = ("几" if said.endswith("几") else "多少") + ask
    if not re.search("多少|几", ask):
        return None
    paired = PAIRED_ORDINALS.search(head)
    if paired:
        # 「区域平台一期二期总共投资多少」: 区域平台一期 and 区域平台二期
        pre = head[: paired.start()]
        a = pre + paired.group(1) + paired.group(2)
        b = pre + paired.group(3) + paired.group(2)
        return _pair("sum", lead, a, b, ask)
    joined = [w for w in words("and_split") if w in head]
    if len(joined) != 1 or head.count(joined[0]) != 1:
        return None
    a, b = head.split(joined[0])
    return _pair(op, lead, a, b, ask)


def _pair(op: str, lead: str, a: str, b: str, ask: str) -> Split | None:
    a, b = a.strip(" ，,的"), b.strip(" ，,的")
    if not a or not b or not re.search(r"[\u4e00-\u9fff]", a + b):
        return None
    # 「门诊收费和住院收费子系统上线的医院数」: the first thing is said short, as the second begins
    at = b.find(a[-2:]) if len(a) >= 2 else -1
    if 0 < at <= 4:
        a += b[at + 2 :]
    # 「二期建成后接入医院比8月底多多少家」: a second thing said only by when is the first's thing then
    if not _what(b):
        b += _what(re.split(r"[后的时中]", a)[-1])
    # (the second thing shares the year said first unless it says its own: 「8月底」 of 16年 is 16年8月底)
    own = READER.read(b).mentions
    if any(m.kind is not Kind.MONTH for m in own):
        second_lead = ""
    elif own:
        year = next((m.said for m in READER.read(lead).mentions if "年" in m.said), "")
        second_lead = year[: year.find("年") + 1]
    else:
        second_lead = lead
    return Split(op, f"{lead}{a}{ask}", f"{second_lead}{b}{ask}", counter_asked(ask))


def _lead(q: str) -> str:
    """The scope said first (「16年」「00年第6期」「01年11月那期」), which the second thing shares."""
    end = 0
    for m in sorted(READER.read(q).mentions, key=lambda m: m.start):
        if q[end : m.start].strip():
            break
        end = m.end
    return q[:end]


def _what(text: str) -> str:
    """What a stretch says besides when (「8月底」「要」 say only when): the words of qa/data's only_when and
    the scope mentions taken out."""
    rest = READER.read(text).rest
    for w in words("only_when"):
        rest = rest.replace(w, "")
    return rest.strip()


def figure(text: str, counter: str, question: str = "") -> tuple[Decimal, str, str] | None:
    """The one figure an answer gives in the counter asked (any counted figure where none is said), as
    (value, unit, printed) — of several, the one beside the thing the question counts (医院 of 「接入医院
    多少家」: 医院41家, not 社区卫生服务中心108家); None when it gives none or several."""
    body = text.split("：", 1)[-1].split("（来源")[0]
    found, near, before = {}, {}, {}
    m = re.search(r"([\u4e00-\u9fff]{2})(?:多少|几)", question)
    thing = m.group(1) if m else ""
    for m in FIGURE.finditer(body):
        unit = m.group(2)
        if not unit or unit in DATE_UNITS:
            continue  # 10月, 2016年: a date, no figure
        if not counter or unit.startswith(counter):
            found[(m.group(1), unit)] = m.group(0)
            if thing and thing in body[max(0, m.start() - 8) : m.start()]:
                before[(m.group(1), unit)] = m.group(0)
            if thing and (
                thing in body[max(0, m.start() - 8) : m.start()] or thing in body[m.end() : m.end() + 8]
            ):
                near[(m.group(1), unit)] = m.group(0)
    # (the thing said before a figure names it — 申报资金共计1.26亿元 — before one said after it: 34项，申报资金)
    if len(found) != 1 and len(before) == 1:
        found = before
    elif len(found) != 1 and len(near) == 1:
        found = near
    if len(found) != 1:
        return None
    (value, unit), printed = found.popitem()
    return Decimal(value), unit, printed


def combine(op: str, a: tuple[Decimal, str, str], b: tuple[Decimal, str, str]) -> str | None:
    """The sum or difference of two figures in one unit — two units of one dimension (1.26亿元 and
    8350万元) meet in the smaller — with its arithmetic; None across dimensions."""
    if a[1] != b[1]:
        a, b = in_one_unit(a, b) or (a, b)
    if a[1] != b[1]:
        return None
    if op == "sum":
        total = a[0] + b[0]
        return f"合计 {total}{a[1]}（{a[2]} + {b[2]} = {total}{a[1]}）。"
    d = a[0] - b[0]
    hi, lo = (a, b) if d >= 0 else (b, a)
    lead = "相差" if op == "gap" else ("多" if d >= 0 else "少")
    return f"{lead} {abs(d)}{a[1]}（{hi[2]} − {lo[2]} = {abs(d)}{a[1]}）。"


def in_one_unit(
    a: tuple[Decimal, str, str], b: tuple[Decimal, str, str]
) -> tuple[tuple[Decimal, str, str], tuple[Decimal, str, str]] | None:
    """Two figures of one dimension in the smaller of their units (1.26亿元 → 12600万元 beside 8350万元),
    each still showing what was printed; None when the units measure different things."""
    ua, ub = units.unit(a[1]), units.unit(b[1])
    if ua is None or ub is None or ua.dim != ub.dim:
        return None
    small = ua if ua.factor <= ub.factor else ub

    def conv(f: tuple[Decimal, str, str], u: units.Unit) -> tuple[Decimal, str, str]:
        if u is small:
            return f
        v = _plain(f[0] * Decimal(repr(u.factor)) / Decimal(repr(small.factor)))
        return v, small.said, f"{f[2]}（即 {v}{small.said}）"

    return conv(a, ua), conv(b, ub)


def _plain(v: Decimal) -> Decimal:
    """A value without float noise or trailing zeros (12600.0 → 12600, 0.5 stays 0.5)."""
    v = v.quantize(Decimal("0.0001")).normalize()
    return v.quantize(Decimal(1)) if v == v.to_integral_value() else v


# 「由原来的2分30秒缩短至1分40秒」「窗口由14个减少到10个」: a figure from … to …, in one sentence
_QTY = r"\d+(?:\.\d+)?(?:[^\d\s，。、；：,.;:（）()]{1,3}?\d+(?:\.\d+)?)?[^\d\s，。、；：,.;:（）()]{0,3}?"
FROM_TO = re.compile(
    rf"(?:由|从)[^\d，。；,;]{{0,6}}?(?P<a>{_QTY})(?P<verb>[\u4e00-\u9fff]{{0,2}}?)(?:至|到|为)(?P<b>\d+(?:\.\d+)?(?:[^\d\s，。、；：,.;:（）()]{{1,3}}?\d+(?:\.\d+)?)?[^\d\s，。、；：,.;:（）()]{{0,4}})"
)
COMPOUND = re.compile(r"(\d+(?:\.\d+)?)(小时|分钟|分|秒)")


def quantity(text: str) -> tuple[Decimal, str, str] | None:
    """A printed quantity at the start of text as (value, unit, printed): 14个 → (14, 个, 14个); 2分30秒 →
    (150, 秒, 2分30秒) (a duration said in two units is counted in the smaller); 1.26亿元 → (1.26, 亿元,
    1.26亿元). None when it is no quantity."""
    parts = COMPOUND.findall(text)
    said = "".join(n + u for n, u in parts)
    if len(parts) >= 2 and text.startswith(said):
        base = {"小时": 3600, "分钟": 60, "分": 60, "秒": 1}
        total = sum(Decimal(n) * base[u] for n, u in parts)
        smallest = min(parts, key=lambda p: base[p[1]])[1]
        # (1小时20分 is counted in 分钟, the unit a question or another figure says: 分 alone is a score too)
        return _plain(total / base[smallest]), "分钟" if smallest == "分" else smallest, said
    m = re.match(r"(\d+(?:\.\d+)?)(\D{0,4})", text)
    if not m:
        return None
    # the unit is the longest known unit the figure is printed with (8000万元 of 「8000万元增加」), else
    # the one character a counter takes (38台), else none
    rest = m.group(2)
    said = next((u for u in units.units_by_length() if rest.startswith(u)), "")
    if not said and rest[:1] and "\u4e00" <= rest[0] <= "\u9fff":
        said = rest[0]
    return Decimal(m.group(1)), said, m.group(1) + said
