"""Figures printed in a sentence instead of a table, read into a one-row `Table` (source="paragraph").

A statistical sentence names its month, its subject, a total and the parts of it:
「2月份，12320卫生热线共受理来电21386个，其中咨询类9124个、投诉类1267个、…，群众满意率为98.6%。」
Read by shape — (month) (subject) 共(label) N unit，其中 label N unit、… — with the words that glue a
figure to its label and the counters from `qa/data`, never by this hotline's wording: the subject is the
row, each figure a column named by its label, the 「共…」 figure's column the total. The store then holds
them like table cells, so months can be compared and summed with the arithmetic shown.
"""

from __future__ import annotations

import re
from functools import lru_cache

from qa.model import Column, Row, Table
from qa.parse.tables import norm, parse_value
from qa.words import counters, words

# A date as printed: year (optional), month, 份, day (optional): 「2025 年 6 月」「2月份」「2012年3月20日」.
DATE_RE = re.compile(r"(?:(\d{4})\s*年\s*)?(\d{1,2})\s*月(份)?(?:\s*(\d{1,2})\s*[日号])?")
SEPARATORS = "，,、；;：:"
TOTAL_FIGURE = "合计"  # the name of a 「共计」 figure printed with no label of its own
SENTENCE_END = str.maketrans({c: "。" for c in "。！？!?"})
MIN_FIGURES = 3


@lru_cache(maxsize=1)
def figure_re() -> re.Pattern:
    """A number and the counter printed after it (21386个, 98.6%, 7407 通)."""
    units = "|".join(re.escape(u) for u in counters())
    return re.compile(rf"(?<![\d.,])(\d{{1,3}}(?:,\d{{3}})+(?:\.\d+)?|\d+(?:\.\d+)?)\s*({units})")


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


def paragraph_table(text: str, line: int, year: int, published: str, caption: str = "") -> Table | None:
    """The first statistical sentence of a paragraph as a one-row table, or None.

    `year` and `published` (YYYY-MM-DD) date a month printed without its year (「2月份」 in an issue of
    March 2012 is 2012-02; 「12月份」 in a January issue is the year before). `caption` is the statistics
    caption above the paragraph, used as the title when there is one.
    """
    fig = figure_re()
    for sentence in norm(text).translate(SENTENCE_END).split("。"):
        first = fig.search(sentence)
        if first is None:
            continue
        at, mark = _total_mark(sentence[: first.start()])
        if at < 0:
            continue
        head = sentence[:at]
        when = DATE_RE.search(head)
        if when is None or when.group(4):  # a month (「2月份」「2025年6月」), not a day
            continue
        month = int(when.group(2))
        if not 1 <= month <= 12:
            continue
        y = int(when.group(1)) if when.group(1) else year
        if not when.group(1) and published and month > int(published[5:7]):
            y -= 1  # 「12月份」 in a January issue
        subject = "".join(_segments(_strip_glue(head[: when.start()] + head[when.end() :])))
        if not subject:
            continue
        tail = sentence[at + len(mark) :]
        # The 「共…」 figure sums the ones after it only when they are its parts (「其中…」).
        parts = any(w in tail[first.end() - at - len(mark) :] for w in words("parts_mark"))
        columns: list[Column] = []
        values = []
        for k, clause in enumerate(re.split(r"[；;]", tail)):
            pieces = _segments(clause)
            if k and pieces and fig.search(pieces[0]) is None:
                break  # 「；全市社区卫生服务中心完成…」: a new statement about something else
            for seg in pieces:
                m = fig.search(seg)
                if m is None:
                    continue
                label = _strip_glue(seg[: m.start()])
                if not columns and k == 0 and (not label or label in words("figure_glue")):
                    label = TOTAL_FIGURE  # 「…热线来电量共计42735通」: what is counted stands before 共计
                if not label or label in words("figure_glue") or any(c.name == label for c in columns):
                    continue
                role = "total" if parts and not columns else ""
                columns.append(Column(label, m.group(2), label, role))
                values.append(parse_value(m.group(1)))
        if len(columns) < MIN_FIGURES:
            continue
        return Table(
            title=caption or subject,
            columns=columns,
            rows=[Row(subject, values, line)],
            line=line,
            label_header="项目",
            entity_kind="other",
            data_month=f"{y:04d}-{month:02d}",
            source="paragraph",
        )
    return None
