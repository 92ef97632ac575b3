"""Figures asked of two things told apart (「市里培训班和溧水县培训班加起来培训了多少人」「二期建成后接入医院比8月
底多多少家」): the question split into one question per thing, each answered alone by the engine, the two
figures added or subtracted with the arithmetic shown.

Only where each part's answer holds exactly one figure in the unit asked, and both in the same unit: a
figure the engine is not sure of is never computed with. Pure functions; the router asks the questions.

Figures of one passage (`within`): 「门诊加住院一共结报多少人次」 (each thing's figure in the sentence that
answers, added), 「除了市级财政 其他来源一共多少钱」 (the sentence's whole less the part named, found by asking
the part's figure), 「多少人没通过」 (those who took part less those who did, both printed in one article,
found by asking each), 「看病时间少了多久」 (a change printed 由…到…, whatever the kind of ask).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from qa import units
from qa.asks import counter_asked
from qa.scope import Calendar, Kind
from qa.words import found, positions, words

# reads where a question says its scope (16年, 8月底, 01年11月那期), as every path does
READER = Calendar([], [])
DATE_UNITS = ("年", "月", "日", "号")
# 「一期二期」: two editions of one thing said one after the other
# 「一二三等奖」: ordinals said one after another before the thing they number
ORDINAL_RUN = re.compile(r"([一二三四五六七八九十]{2,})(等奖|期|批|类|级|档)")
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
        total = plain(a[0] + b[0])
        return f"合计 {total}{a[1]}（{a[2]} + {b[2]} = {total}{a[1]}）。"
    d = plain(a[0] - b[0])
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
        v = plain(f[0] * Decimal(repr(u.factor)) / Decimal(repr(small.factor)))
        return v, small.said, f"{f[2]}（即 {v}{small.said}）"

    return conv(a, ua), conv(b, ub)


def plain(v: Decimal) -> Decimal:
    """A value without float noise or trailing zeros (12600.0 → 12600, 0.5 stays 0.5)."""
    v = v.quantize(Decimal("0.0001")).normalize()
    return v.quantize(Decimal(1)) if v == v.to_integral_value() else v


# 「由原来的2分30秒缩短至1分40秒」「窗口由14个减少到10个」「从年初的286家增加到年底的341家」: a figure from …
# to …, in one sentence
_QTY = r"\d+(?:\.\d+)?(?:[^\d\s，。、；：,.;:（）()]{1,3}?\d+(?:\.\d+)?)?[^\d\s，。、；：,.;:（）()]{0,3}?"
FROM_TO = re.compile(
    rf"(?:由|从)[^\d，。；,;]{{0,6}}?(?P<a>{_QTY})(?P<verb>[\u4e00-\u9fff]{{0,2}}?)(?:至|到|为)[^\d，。；,;]{{0,6}}?(?P<b>\d+(?:\.\d+)?(?:[^\d\s，。、；：,.;:（）()]{{1,3}}?\d+(?:\.\d+)?)?[^\d\s，。、；：,.;:（）()]{{0,4}})"
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
        return plain(total / base[smallest]), "分钟" if smallest == "分" else smallest, said
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


# -- arithmetic over the figures of one passage ------------------------------------------------------
# 「门诊加住院一共多少人次」「除了市级财政其他来源多少钱」「多少人没通过」「时间少了多久」: the figures are
# printed in the sentences that answer the question (or a plainer question), not asked of two things apart
CLAUSE_MARKS = "，,、；;：:。！？!?（）()"


@dataclass
class Within:
    op: str  # "sum", "except" (a whole less a part), "not" (those who did not: the whole less those who did), "change"
    probe: str  # the question that finds the passage
    things: tuple[
        str, ...
    ] = ()  # sum: the things added; except: (the whole, the part); not: (the verb, the negation)
    counter: str = ""  # the counter asked, or ""
    whole_probe: str = ""  # not: the question that finds the whole (those who took part)


def within(q: str, tokens=None) -> Within | None:
    """What a question computes from one passage's figures, and the question that finds the passage; None
    when it asks no such computation. `tokens` splits words (a bare 加 joins two things only as a word)."""
    lead = _lead(q)
    body = re.sub(r"\s+", "", q[len(lead) :]).rstrip("？?。！! ")
    if not _asks_amount(body):
        return None
    said = next((w for w in words("except_ask") if w in body), "")
    if said:
        return _except(lead, body, said)
    neg = _negated(lead, body)
    if neg is not None:
        return neg
    said = next((w for w in words("sum_ask") if w in body), "")
    if said:
        head, ask = body[: body.find(said)], body[body.find(said) + len(said) :]
        run = ORDINAL_RUN.search(head)
        # 「一二三等奖加起来」: each of the run (一等奖, 二等奖, 三等奖), as printed
        things = tuple(d + run.group(2) for d in run.group(1)) if run else _joined(head, tokens)
        if things and _asks_amount(ask):
            return Within("sum", lead + body, things, counter_asked(ask))
        return None
    if found(body, "change_ask"):
        return Within("change", lead + body)
    return None


def _except(lead: str, body: str, said: str) -> Within | None:
    """「智慧医疗二期除了市级财政 其他来源一共多少钱」: the whole (before 除了), the part (up to 其他, 以外 …),
    found by asking the part's figure (「智慧医疗二期市级财政多少钱」)."""
    at = body.find(said)
    whole, tail = body[:at].rstrip("的里中内"), body[at + len(said) :]
    end = min((tail.find(e) for e in words("except_end") if e in tail), default=-1)
    if end <= 0:
        return None
    part = tail[:end].strip("的，,")
    # (the last ask is the figure's: 「其他几项加起来多少钱」 asks 多少钱)
    ask_at = max((tail.rfind(w) for w in words("ask_number") if tail.rfind(w) >= end), default=-1)
    if not part or ask_at < 0:
        return None
    ask = tail[ask_at:]
    return Within("except", f"{lead}{whole}{part}{ask}", (whole, part), counter_asked(ask))


def _negated(lead: str, body: str) -> Within | None:
    """「安全培训多少人没通过」: people who did not do what the question says — asked as those who did
    (「安全培训多少人通过」) and those who took part (「安全培训多少人参加」)."""
    counter = counter_asked(body)
    u = units.unit(counter) if counter else None
    if u is None or not units.compatible(u.dim, "count:人"):
        return None
    denied = [(p, p + len(w)) for w in words("not_negation") for p in positions(body, w)]
    for neg in words("negation"):
        for at in positions(body, neg):
            if any(a <= at < b for a, b in denied):
                continue
            verb = re.match(r"[\u4e00-\u9fff]*", body[at + len(neg) :]).group(0).split("的")[0][:4]
            if len(verb) < 2:
                continue
            ask_at = min((body.find(w) for w in words("ask_number") if w in body), default=at)
            thing = body[: min(at, ask_at)].rstrip("有的里中")
            if not thing:
                return None
            attend = words("attend")[0] if words("attend") else ""
            return Within(
                "not",
                f"{lead}{body[:at]}{body[at + len(neg) :]}",
                (verb, neg),
                counter,
                f"{lead}{thing}多少{counter}{attend}",
            )
    return None


def _joined(head: str, tokens=None) -> tuple[str, ...]:
    """The two things a sum names (「门诊加住院」「市级和区级」), split where one joining word stands as a word
    of its own; () unless exactly two."""
    joins = (*words("and_split"), *words("plus_join"))
    parts = tokens(head) if tokens else [head]
    at = [i for i, t in enumerate(parts) if t in joins]
    if len(at) != 1:
        return ()
    a, b = "".join(parts[: at[0]]).strip("的，,"), "".join(parts[at[0] + 1 :]).strip("的，,")
    return (a, b) if a and b else ()


@dataclass
class Printed:
    value: tuple[Decimal, str, str]  # (value, unit, as printed)
    start: int
    before: str  # the clause's words before it (「其中市级财政资金」)
    after: str  # the clause's words after it (「人考试合格」 without the unit: 「考试合格」)


def printed(sent: str) -> list[Printed]:
    """The quantities a sentence prints, with the words of their clause either side; dates left out."""
    out = []
    for m in re.finditer(r"(?<![\d.])\d+(?:\.\d+)?", sent):
        q = quantity(sent[m.start() :])
        if q is None or not q[1] or q[1] in DATE_UNITS:
            continue
        end = m.start() + len(q[2])
        if sent[end : end + 1] in DATE_UNITS:
            continue
        cut = max((sent.rfind(c, 0, m.start()) for c in CLAUSE_MARKS), default=-1)
        before = sent[cut + 1 : m.start()]
        before = before[before.rfind("其中") + 2 :] if "其中" in before else before
        stop = min((sent.find(c, end) for c in CLAUSE_MARKS if sent.find(c, end) >= 0), default=len(sent))
        out.append(Printed(q, m.start(), before, sent[end:stop]))
    return out


def _fits(unit: str, counter: str) -> bool:
    if not counter:
        return True
    if unit == counter:
        return True
    u, c = units.unit(unit), units.unit(counter)
    return u is not None and c is not None and units.compatible(u.dim, c.dim)


def labelled(thing: str, sent: str, counter: str = "", least: int = 2) -> Printed | None:
    """The one figure the sentence prints for `thing`: the longest end of its words said in the figure's
    clause before it (门诊 of 「溧水新农合门诊」 in 「累计结报门诊3.2万人次」), else after it (32个社区服务站);
    an end of at least `least` characters; None when none or several."""
    got = _label_match(thing, sent, counter, least)
    return got[0] if got else None


def _label_match(thing: str, sent: str, counter: str, least: int) -> tuple[Printed, str] | None:
    figs = [p for p in printed(sent) if _fits(p.value[1], counter)]
    for side in ("before", "after"):
        for k in range(len(thing), max(least, 2) - 1, -1):
            end = thing[-k:]
            got = [p for p in figs if end in (p.before if side == "before" else p.after[: k + 4])]
            if len(got) == 1:
                return got[0], end
            if got:
                return None
    return None


def whole_in(sent: str, like: str) -> Printed | None:
    """The one figure a sentence prints as a whole in the unit family of `like` (总投资2860万元, 共132人),
    else the one right before 其中; None otherwise."""
    figs = [p for p in printed(sent) if _same_dim(p.value[1], like)]
    wholes = [p for p in figs if any(w in p.before[-4:] for w in words("whole_in"))]
    if len(wholes) == 1:
        return wholes[0]
    at = sent.find("其中")
    before = [p for p in figs if at >= 0 and p.start < at and "。" not in sent[p.start : at]]
    return before[-1] if not wholes and before else None


def _same_dim(a: str, b: str) -> bool:
    ua, ub = units.unit(a), units.unit(b)
    return a == b or (ua is not None and ub is not None and ua.dim == ub.dim)


def sum_within(things: tuple[str, ...], sent: str, counter: str) -> str | None:
    """「门诊加住院一共结报多少人次」 of 「累计结报门诊3.2万人次、住院1260人次」: each thing's figure, added in one
    unit with the arithmetic (combine); None unless each has its own."""
    # (the last thing is printed as said; one before it may carry what both are of — 溧水新农合 of
    # 「溧水新农合门诊加住院」 — but not words of its own like the other's: 远程心电诊断 is not 远程影像诊断)
    last = things[-1]
    got = []
    for t in things[:-1]:
        m = _label_match(t, sent, counter, 2)
        rest = t[: len(t) - len(m[1])] if m else ""
        if m is None or any(rest[i : i + 2] in last for i in range(len(rest) - 1)):
            return None
        got.append(m[0])
    got.append(labelled(last, sent, counter, len(last)))
    if got[-1] is None or len({g.start for g in got}) < len(got):
        return None
    if len(got) == 2:
        return combine("sum", got[0].value, got[1].value)
    values = [g.value for g in got]
    if len({v[1] for v in values}) != 1:
        return None  # (three or more are added only as printed in one unit)
    total = plain(sum((v[0] for v in values), Decimal(0)))
    return f"合计 {total}{values[0][1]}（{' + '.join(v[2] for v in values)} = {total}{values[0][1]}）。"


def except_within(whole_said: str, part_said: str, sent: str, counter: str) -> str | None:
    """「除了市级财政 其他来源一共多少钱」 of 「总投资2860万元，其中市级财政资金1960万元…」: the whole less the
    part, in one unit, with the arithmetic; None unless each has its one figure and the parts are less.
    Several parts named (「除了疫情咨询和发热门诊查询」) are each found and all taken off — never only one."""
    named = parts_named(part_said)
    parts = [labelled(p, sent, counter, len(p)) for p in named]  # (each part printed as said)
    if any(p is None for p in parts) or len({p.start for p in parts}) < len(parts):
        return None
    whole = whole_in(sent, parts[0].value[1])
    if whole is None or any(whole.start == p.start for p in parts):
        return None
    taken, shown, wholes = Decimal(0), [], set()
    for p in parts:
        pair = (whole.value, p.value) if whole.value[1] == p.value[1] else in_one_unit(whole.value, p.value)
        if pair is None or pair[0][1] != pair[1][1]:
            return None
        wholes.add(pair[0])
        taken += pair[1][0]
        shown.append(pair[1][2])
    if len(wholes) != 1:
        return None  # (the parts in units the whole is not read in alike)
    w, unit, ws = wholes.pop()
    if taken >= w:
        return None
    d = plain(w - taken)
    return f"除{part_said}外 {d}{unit}（{ws} − {' − '.join(shown)} = {d}{unit}）。"


def parts_named(said: str) -> list[str]:
    """The things a 除了 names: 「疫情咨询和发热门诊查询」 → two, each of at least two characters; else one."""
    joins = sorted({*words("and_split"), "、"}, key=len, reverse=True)
    pieces = re.split("|".join(map(re.escape, joins)), said)
    pieces = [p.strip("的，, ") for p in pieces]
    return pieces if len(pieces) > 1 and all(len(p) >= 2 for p in pieces) else [said]


def did_in(sent: str, verbs: tuple[str, ...], counter: str) -> Printed | None:
    """The one count of people a sentence prints as doing what `verbs` say (121人考试合格), not denied."""
    negs = words("negation")
    got = [
        p
        for p in printed(sent)
        if _fits(p.value[1], counter)
        and any(
            v in p.after[: len(v) + 4] and not any(n in p.after[: p.after.find(v)] for n in negs)
            for v in verbs
        )
    ]
    return got[0] if len(got) == 1 else None


def attended_in(sent: str, counter: str) -> Printed | None:
    """The one count of people a sentence prints as taking part (共132人参加培训, 120名学员参训)."""
    got = [
        p
        for p in printed(sent)
        if _fits(p.value[1], counter)
        and (any(w in p.after[:6] for w in words("attend")) or p.before.endswith(words("whole_in")))
    ]
    return got[0] if len(got) == 1 else None


def not_within(verb: str, neg: str, did: Printed, whole: Printed) -> str | None:
    """Those who did not: the whole less those who did, in one unit, with the arithmetic."""
    pair = (whole.value, did.value)
    if whole.value[1] != did.value[1]:
        pair = in_one_unit(whole.value, did.value)
    if pair is None or pair[1][0] >= pair[0][0] or whole.start == did.start and whole.value == did.value:
        return None
    (w, unit, ws), (p, _, ps) = pair
    d = plain(w - p)
    return f"{neg}{verb}的 {d}{unit}（{ws} − {ps} = {d}{unit}）。"


def alike(verb: str, synonyms: dict[str, list[str]]) -> tuple[str, ...]:
    """The verb and the words said for it (通过 and 合格 of 「考过: 考试合格|通过考试|合格」), longest first."""
    out = {verb}
    for key, said in synonyms.items():
        group = [key, *said]
        if any(verb in g for g in group):
            out.update(g for g in group if len(g) >= 2)
    return tuple(sorted(out, key=len, reverse=True))


def _asks_amount(text: str) -> bool:
    """An amount is asked: a number (多少, 几) or a length of time (多久, 多长)."""
    return bool(found(text, "ask_number") or found(text, "ask_duration"))
