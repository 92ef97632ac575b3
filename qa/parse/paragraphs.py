"""Figures printed in a sentence instead of a table, read into a one-row `Table` (source="paragraph").

A statistical statement names its month, its subject, a total and the parts of it:
「2月份，12320卫生热线共受理来电21386个，其中咨询类9124个、投诉类1267个、…，群众满意率为98.6%。」 or, in
other words, 「8月，南京12320卫生热线全月接听群众来电31426个，办结率98.6%。其中，咨询14652件、投诉1203件…」.
Read by shape — (month) (subject) 共 or a period word or a verb, (label) N unit, 其中 label N unit、… — with
the words that glue a figure to its label and the counters from `qa/data`, never by this hotline's
wording: the subject is the row and names the table, each figure a column named by its label, the total
(after 共, or the figure its 「其中」 parts follow) the total column. The store then holds them like table
cells, so months can be compared and summed with the arithmetic shown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.model import Column, Row, Table, Value
from qa.parse.tables import norm, parse_value
from qa.words import counters, words

# A date as printed: year (optional), month, 份, day (optional): 「2025 年 6 月」「2月份」「2012年3月20日」.
DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(份)?(?:\s*(\d{1,2})\s*[日号])?")
SEPARATORS = "，,、；;：:"
TOTAL_FIGURE = "合计"  # the name of a 「共计」 figure printed with no label of its own
SENTENCE_END = str.maketrans({c: "。" for c in "。！？!?"})
MIN_FIGURES = 3
BULLETS = "●•·◆◇■□▪▫○◎★☆-*"  # a 简讯 item's mark, never part of what it is about


@lru_cache(maxsize=1)
def figure_re() -> re.Pattern:
    """A number and the counter printed after it (21386个, 98.6%, 7407 通), or a rounded one with 万/亿 and
    余/多 before its counter (2.3万余个, 600余人): a counter printed whole (万人次) is tried first."""
    units = "|".join(re.escape(u) for u in counters())
    return re.compile(
        rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*"
        rf"(?:({units})|(万|亿)?\s*(余|多)?\s*({units}))"
    )


SCALE = {"万": 10000, "亿": 100000000}


def _figure(m: re.Match) -> tuple[Value, str]:
    """(value, counter) of a figure: 「2.3万余个」 is 23000 个, printed 「2.3万余」 (a rounded figure keeps
    its words, so an answer quotes it as printed)."""
    if m.group(2):
        return parse_value(m.group(1)), m.group(2)
    scale, approx, unit = m.group(3) or "", m.group(4) or "", m.group(5)
    if not scale and not approx:
        return parse_value(m.group(1)), unit
    base = parse_value(m.group(1))
    num = (base.num or 0.0) * SCALE.get(scale, 1)
    return Value(m.group(1) + scale + approx, "int" if num == int(num) else "dec", num), unit


def _segments(s: str) -> list[str]:
    """Pieces between 「，、；：」 (full- or half-width); a comma inside a number (2,000) does not cut."""
    out, cur = [], []
    for i, ch in enumerate(s):
        in_number = (
            ch == "," and s[i - 1 : i].isdigit() and s[i + 1 : i + 4].isdigit() and len(s[i + 1 : i + 4]) == 3
        )
        if ch in SEPARATORS and not in_number:
            out.append("".join(cur))
            cur = []
        else:
            cur.append(ch)
    out.append("".join(cur))
    return out


def _strip_glue(label: str) -> str:
    """「其中咨询类」→ 咨询类, 「群众满意率为」→ 群众满意率: glue words off both ends, as whole words (jieba),
    so the 约 of 「人数约」 goes and the 约 of 「电话预约」 stays."""
    import jieba

    glue = set(words("figure_glue"))
    toks = [t for t in jieba.lcut(label) if t.strip() and t not in SEPARATORS]
    while len(toks) > 1 and toks[0] in glue:
        toks.pop(0)
    while len(toks) > 1 and toks[-1] in glue:
        toks.pop()
    return "".join(toks)


def _total_mark(head: str) -> tuple[int, str]:
    """The last total mark (共, 共计 …) in the text before the first figure: 「公共卫生热线共受理」 → the second."""
    best = (-1, "")
    for w in words("total_mark"):
        at = head.rfind(w)
        if at > best[0] or (at == best[0] and at >= 0 and len(w) > len(best[1])):
            best = (at, w)
    return best


def _statements(text: str) -> list[str]:
    """The sentences of a paragraph, a sentence opened by 「其中」 joined to the one before it: the parts
    printed after a full stop (「…接听群众来电31426个，办结率98.6%。其中，咨询14652件、…」) are the
    total's parts all the same."""
    out: list[str] = []
    parts = words("parts_mark")
    for sentence in norm(text).translate(SENTENCE_END).split("。"):
        if out and sentence.lstrip(SEPARATORS).startswith(parts):
            out[-1] += "，" + sentence
        elif sentence:
            out.append(sentence)
    return out


def _head_split(head: str) -> tuple[int, int] | None:
    """Where the subject ends and the first figure's label begins in the text before the first figure:
    at the total mark (「12320卫生热线共受理来电」), else at a period word (「…热线全月接听群众来电」), else
    at the first verb after the subject (「…热线接听群众来电」); None when none of them is there."""
    at, mark = _total_mark(head)
    if at >= 0:
        return at, at + len(mark)
    for w in words("period_word"):
        k = head.rfind(w)
        if k >= 0 and head[:k].strip(SEPARATORS):
            return k, k + len(w)
        if k >= 0:  # 「全月12320热线接听…」: the period opens the statement, the verb ends the subject
            head = head[:k] + "，" * len(w) + head[k + len(w) :]
    import jieba.posseg

    pos = 0
    for w, flag in jieba.posseg.lcut(head):
        if flag.startswith("v") and pos > 0 and head[:pos].strip(SEPARATORS):
            return pos, pos
        pos += len(w)
    return None


def _parts(after: str) -> int:
    """How many figures the 「其中」 in `after` lists: the figures of the pieces right after it, up to a
    piece without one or one that starts another total (「…，家庭医生在线回复咨询累计2.9万条」)."""
    at = min((after.find(w) + len(w) for w in words("parts_mark") if w in after), default=len(after))
    fig = figure_re()
    n = 0
    for k, clause in enumerate(re.split(r"[；;]", after[at:])):
        for seg in _segments(clause):
            if not seg.strip():
                continue
            if fig.search(seg) is None or (n and _total_mark(seg)[0] >= 0):
                return n
            n += 1
        if k == 0:
            break
    return n


def _subject(text: str) -> str:
    """The subject as printed, without glue, a list's bullet (●, ·) and the period it covers (全月, 当月)."""
    subject = "".join(_segments(_strip_glue(text))).lstrip(BULLETS + " ")
    for w in words("period_word"):
        subject = subject.replace(w, "")
    return subject


def _month_year(month: int, y_given: str | None, year: int, published: str) -> int:
    """The year of a month printed without one: the issue's, or the year before for 「12月份」 in a
    January issue."""
    if y_given:
        return int(y_given)
    if published and month > int(published[5:7]):
        return year - 1
    return year


def _other_month(seg: str, m: re.Match) -> re.Match | None:
    """The month of a figure given for another month than the statement's (「较7月份的25318通」「上年
    同期的…」 is not one: no month printed): a month printed before the figure with only glue between."""
    found = list(DATE_RE.finditer(seg[: m.start()]))
    when = found[-1] if found else None
    if when is None or when.group(4):
        return None
    between = _strip_glue(seg[when.end() : m.start()].strip("的（( "))  # 「较9月（51276个）」
    return when if not between or between in words("figure_glue") else None


def _dated_label(label: str, columns: list[Column], month: int) -> tuple[int, Column] | None:
    """(month, column) when a label is another month and a column already read (「7月当月预约挂号」 after
    「8月当月…预约挂号52.8万人次」): that figure is the column's in that month."""
    when = DATE_RE.match(label)
    if when is None or when.group(1) or when.group(4) or not 1 <= int(when.group(2)) <= 12:
        return None
    if int(when.group(2)) == month:
        return None
    rest = label[when.end() :]
    for w in words("period_word"):
        rest = rest.replace(w, "")
    col = _column_named(_strip_glue(rest) if rest else rest, columns)
    return (int(when.group(2)), col) if col is not None else None


def _own_lead_in(label: str, columns: list[Column], month: int) -> str:
    """「8月来电中预约挂号电话」 → 预约挂号电话: the statement's own month and 「…中」 naming a figure already
    read (来电 of 受理来电) lead in to a part, they are not its name."""
    when = DATE_RE.match(label)
    if when is None or when.group(1) or when.group(4) or int(when.group(2)) != month:
        return label
    rest = _strip_glue(label[when.end() :].lstrip("份，, "))
    k = rest.find("中")
    if k >= 2 and any(c.name.endswith(rest[:k]) for c in columns) and len(rest) > k + 1:
        rest = _strip_glue(rest[k + 1 :].lstrip("，, "))
    return rest or label


def _column_named(label: str, columns: list[Column]) -> Column | None:
    """The column a label of another month's figure names: the same name, or the end of one (预约挂号 for
    电话预约挂号)."""
    return next((c for c in columns if c.name == label or (len(label) >= 2 and c.name.endswith(label))), None)


def _later_parts(rest: list[str], total: Value) -> list[tuple[str, Value, str]]:
    """Figures of the following sentences that add up to the total (「…接听来电23857通。从来电类型看，
    预约挂号类11206通，政策咨询类7482通…」): its parts, printed after a full stop without 「其中」. Only an
    exact sum makes them parts; otherwise they are about something else."""
    fig = figure_re()
    got: list[tuple[str, Value, str]] = []
    for sentence in rest[:2]:
        for seg in _segments(sentence):
            m = fig.search(seg)
            if m is None:
                continue
            label = _strip_glue(seg[: m.start()])
            value, unit = _figure(m)
            if label and label not in words("figure_glue") and value.num is not None:
                got.append((label, value, unit))
        if got and total.num is not None and abs(sum(v.num for _, v, _ in got) - total.num) < 1e-6:
            return got
        got = []
    return []


def _later_months(
    rest: list[str], columns: list[Column], y: int, month: int
) -> dict[str, list[tuple[Column, Value]]]:
    """Figures of another month in the sentences after a statement (「6月份，热线共受理来电35417个，其中
    电话预约13862个。」 after July's): each figure whose label ends with, or holds, one of the statement's
    column names is that column in that month."""
    fig = figure_re()
    out: dict[str, list[tuple[Column, Value]]] = {}
    for sentence in rest:
        first = fig.search(sentence)
        when = DATE_RE.search(sentence[: first.start()]) if first else None
        if when is None or when.group(4) or not 1 <= int(when.group(2)) <= 12 or int(when.group(2)) == month:
            continue
        om = int(when.group(2))
        ym = f"{_month_year(om, when.group(1), y if om <= month else y - 1, ''):04d}-{om:02d}"
        for seg in _segments(sentence[when.end() :]):
            m = fig.search(seg)
            if m is None or _other_month(seg, m) is not None:
                continue
            label = _strip_glue(seg[: m.start()])
            col = next(
                (c for c in columns if c.name != TOTAL_FIGURE and len(c.name) >= 2 and c.name in label), None
            )
            if col is not None and all(col is not c for c, _ in out.get(ym, [])):
                out.setdefault(ym, []).append((col, _figure(m)[0]))
    return out


def paragraph_statements(text: str, line: int, year: int, published: str) -> list[list[Table]]:
    """Every statistical statement of a paragraph: a one-row table, and a table for each other month whose
    figure it prints beside (「较7月份的25318通」「9月为172.3万人次」) or in a later sentence.

    A statement names its month, its subject and at least three figures, one of them a total — or one
    total printed with another month's (a comparison); the total is marked
    (「共」「共计」) or the figure its parts (「其中…」, or a following sentence whose figures add up to it)
    follow. `year` and `published` (YYYY-MM-DD) date a month printed without its year (「2月份」 in an
    issue of March 2012 is 2012-02; 「12月份」 in a January issue is the year before). The table is named
    by its subject, never by the caption above it: a caption (「南京 12320 卫生热线 2025 年 6 月数据统计」)
    carries one issue's date and heading, and the subject is what the figures of every month are of.
    """
    fig = figure_re()
    statements = _statements(text)
    found: list[list[Table]] = []
    for n, sentence in enumerate(statements):
        first = fig.search(sentence)
        if first is None:
            continue
        head_all = sentence[: first.start()]
        when = DATE_RE.search(head_all)
        if when is None or when.group(4):  # a month (「2月份」「2025年6月」), not a day
            continue
        month = int(when.group(2))
        if not 1 <= month <= 12:
            continue
        if any(head_all[when.end() :].lstrip("份").startswith(w) for w in words("date_since")):
            continue  # 「自1997年4月起」: since then, not that month's figures
        # the subject and the first label are in the text after the month and before the first figure
        split = _head_split(head_all[when.end() :])
        if split is None:
            continue
        at, label_at = split[0] + when.end(), split[1] + when.end()
        marked = _total_mark(head_all[when.end() :])[0] >= 0
        # The total's figure sums the ones after it only when they are its parts (「其中…」).
        parts = any(w in sentence[first.end() :] for w in words("parts_mark"))
        if parts and _parts(sentence[first.end() :]) < 2:
            continue  # 「…，其中南京市第二医院…6820人次」: one thing singled out is news, not a breakdown
        y = _month_year(month, when.group(1), year, published)
        before, after = head_all[: when.start()], head_all[when.end() : at]
        before = _segments(before)[-1]  # 「据统计，8月份…」: a lead-in clause is not the subject
        before = next((before[: -len(w)] for w in words("date_before") if before.endswith(w)), before)
        after = next((after[len(w) :] for w in words("date_after") if after.startswith(w)), after)
        subject = _subject(before + after)
        if not subject or subject in words("whole_place"):
            continue  # 「截至8月底，全市累计…」: the whole city is where, not what the figures are of
        tail = sentence[label_at:]
        columns: list[Column] = []
        values: list[Value] = []
        others: dict[str, list[tuple[Column, Value]]] = {}
        for k, clause in enumerate(re.split(r"[；;]", tail)):
            pieces = _segments(clause)
            if k and pieces and fig.search(pieces[0]) is None:
                break  # 「；全市社区卫生服务中心完成…」: a new statement about something else
            clause_month = (
                0  # 「；2月份受理来电17285个，其中电话预约8012个」: the rest of the clause is February's
            )
            for seg in pieces:
                m = fig.search(seg)
                if m is None:
                    continue
                other = _other_month(seg, m)
                own = other is not None and int(other.group(2)) == month and not other.group(1)
                if other is not None and not own:
                    if columns:  # the figure before it, in another month
                        om = int(other.group(2))
                        oy = _month_year(om, other.group(1), y if om <= month else y - 1, "")
                        value, unit = _figure(m)
                        others.setdefault(f"{oy:04d}-{om:02d}", []).append((columns[-1], value))
                    continue
                # 「其中电话预约挂号8月11327个，7月10584个」: the statement's own month between label and figure
                label = _strip_glue(seg[: other.start() if own else m.start()])
                if subject and subject in label and label != subject:
                    label = _strip_glue(
                        label.replace(subject, "")
                    )  # 「通过“健康南京”APP预约挂号」: its subject's
                label = _own_lead_in(label, columns, month)
                dated = _dated_label(label, columns, month)
                if (
                    dated is not None
                ):  # 「；7月当月预约挂号48.3万人次」: a column already read, in another month
                    om, col = dated
                    clause_month = om
                if clause_month:
                    om = clause_month
                    col = dated[1] if dated is not None else _column_named(label, columns)
                    oy = _month_year(om, None, y if om <= month else y - 1, "")
                    if col is not None and all(col is not c for c, _ in others.get(f"{oy:04d}-{om:02d}", [])):
                        others.setdefault(f"{oy:04d}-{om:02d}", []).append((col, _figure(m)[0]))
                    continue  # a figure of that month the statement does not print for its own: not read
                if not columns and k == 0 and (not label or label in words("figure_glue")):
                    label = TOTAL_FIGURE  # 「…热线来电量共计42735通」: what is counted stands before 共计
                if not label or label in words("figure_glue") or any(c.name == label for c in columns):
                    continue
                role = "total" if (parts or label == TOTAL_FIGURE) and not columns else ""
                value, unit = _figure(m)
                columns.append(Column(label, unit, label, role))
                values.append(value)
                rest = seg[m.end() :]  # 「医疗投诉1263个（9月为1318个）」: the month before, in brackets
                m2 = fig.search(rest)
                other = _other_month(rest, m2) if m2 is not None else None
                if other is not None and other.group(0) and int(other.group(2)) != month:
                    om = int(other.group(2))
                    oy = _month_year(om, other.group(1), y if om <= month else y - 1, "")
                    others.setdefault(f"{oy:04d}-{om:02d}", []).append((columns[-1], _figure(m2)[0]))
        if columns and not parts:
            later = _later_parts(statements[n + 1 :], values[0])
            if len(later) >= 2:
                parts = True
                columns[0] = Column(columns[0].name, columns[0].unit, columns[0].header, "total")
                for label, value, unit in later:
                    if all(c.name != label for c in columns):
                        columns.append(Column(label, unit, label, ""))
                        values.append(value)
        if not marked and not parts and not others:
            # 「3月份，热线受理咨询类…、投诉类…」: figures without a total are no statement of one, unless
            # they are compared with another month's (「…预约挂号78.4万人次，9月为72.9万人次」)
            continue
        if len(columns) < MIN_FIGURES and not (marked and others):
            # 「10月…预约挂号共计186.5万人次，9月为172.3万人次」: one figure with the month before it is a
            # statement too (a comparison); one figure alone is news
            continue
        for ym, got in _later_months(statements[n + 1 :], columns, y, month).items():
            others.setdefault(ym, []).extend(
                g for g in got if all(g[0] is not o[0] for o in others.get(ym, []))
            )
        out = [
            Table(
                title=subject,
                columns=columns,
                rows=[Row(subject, values, line)],
                line=line,
                label_header="项目",
                entity_kind="other",
                data_month=f"{y:04d}-{month:02d}",
                source="paragraph",
            )
        ]
        for ym, got in others.items():
            out.append(
                Table(
                    title=subject,
                    columns=[next(k for k in columns if k.name == c.name) for c, _ in got],
                    rows=[Row(subject, [v for _, v in got], line)],
                    line=line,
                    label_header="项目",
                    entity_kind="other",
                    data_month=ym,
                    source="paragraph",
                )
            )
        found.append(out)
    return found


def paragraph_tables(text: str, line: int, year: int, published: str) -> list[Table]:
    """The first statistical statement of a paragraph as a one-row table, and one for each other month
    printed with it (see `paragraph_statements`), or []."""
    got = paragraph_statements(text, line, year, published)
    return got[0] if got else []


def paragraph_table(text: str, line: int, year: int, published: str) -> Table | None:
    """The statement's own month's table (without the other months printed beside it), or None."""
    return next(iter(paragraph_tables(text, line, year, published)), None)
