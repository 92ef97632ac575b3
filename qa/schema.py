"""What a table's columns mean, derived at ingest from the table itself (never from its title's wording
or a list of known tables): dimension and scale from the header's unit, the counter answers show, the
two-level group, and the kind of figure (a count, money, a rate, a ratio such as 12/12, a text level).

A new kind of table therefore needs no line of code or data: its columns are described by their own
headers, and the question planner matches questions against these descriptions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from qa.lexicon import BRACKET_TAIL, PREFIXES, normalize
from qa.model import Column, Table
from qa.parse.tables import header_parts, is_mean, ranks_rows
from qa.units import column_unit
from qa.words import words

DATE_IN_TITLE = re.compile(
    r"\d{4}年(?:度)?|\d{1,2}(?:[-—–~至到]\d{1,2})?月(?:份|底|末)?|第?[一二三四]季度|上半年|下半年|截[至止]"
)
GROUP_TAIL = ("信息", "情况", "数据", "统计")


@dataclass(frozen=True)
class ColumnInfo:
    """A column as the planner sees it."""

    name: str  # flattened name: 门急诊人次, 图文问诊收入
    unit: str  # as printed in the header (千元), or ""
    role: str  # "total" for 小计/合计 columns and a paragraph's 「共…」 figure
    dim: str  # money, count:人次, percent, duration, ratio, text, or "" (a count of unknown things)
    factor: float  # printed unit → the dimension's base unit (千元 → 1000)
    counter: str  # what answers print after the figure (千元, 人次, 天), or ""
    group: str  # the upper header of a two-level header (门急诊, 图文问诊), or ""
    leaf: str  # the lower header (人次, 收入), or the whole name
    kind: str  # value, cumulative, rate, ratio, level, mean (a 次均 whose total row prints a mean)


UNIT_TAIL = re.compile(
    r"\s*[(（][^()（）]*单位[^()（）]*[)）]\s*$"
)  # 「（金额单位：万元）」: the columns' unit


def table_key(title: str) -> str:
    """Identity of a table across issues: its title without dates (2025年6月, 1—5月, 上半年) and without
    the unit note at its end (「（金额单位：万元）」 is the columns' unit, not what the table is about)."""
    key = UNIT_TAIL.sub("", DATE_IN_TITLE.sub("", normalize(title)))
    # 「（截至9月底）」 without its date leaves empty brackets
    return re.sub(r"[(（]\s*[)）]", "", key).strip(" ，,:：")


def subject(label: str) -> str:
    """What a statistical paragraph is about, without the place every issue may or may not print
    (南京12320卫生热线 and 12320卫生热线 are one series)."""
    n = normalize(label)
    for w in words("whole_place"):
        if n.startswith(w) and len(n) > len(w) + 1:
            n = n[len(w) :]
            break
    for p in PREFIXES:
        if n.startswith(p) and len(n) > len(p) + 1:
            return n[len(p) :]
    return n


def paragraph_key(table: Table) -> str:
    """Figures read from paragraphs are one table per subject across issues, whatever caption they sit
    under."""
    return "段落:" + subject(table.rows[0].label if table.rows else table.title)


def column_info(col: Column, cell_kinds: set[str], running: bool = False, places: bool = False) -> ColumnInfo:
    """Describe one column from its header and the kinds of its cells (int, dec, ratio, text); `running`:
    the table's title says every figure is a running total (「截至8月31日累计」); `places`: its figures are
    the rows' places 1 … n (名次), counted in no unit (never the 次 its name ends with)."""
    u, counter = (None, "") if places and not col.unit else column_unit(col.unit, col.name)
    dim, factor = (u.dim, u.factor) if u else ("", 1.0)
    parts = header_parts(col.header)
    group = ""
    leaf = col.name
    if len(parts) == 2:
        # (the unit's bracket ends the name; one inside it is the name's: 执业（助理）医师（人）)
        group = BRACKET_TAIL.sub("", normalize(parts[0]).strip())
        for tail in GROUP_TAIL:
            group = group.removesuffix(tail)
        leaf = BRACKET_TAIL.sub("", normalize(parts[1]).strip())
        if group.rstrip(":：") in words("parts_mark"):
            group, leaf = "", col.name  # 「其中：」 over leaves: each is a part, as 「其中：尘肺病」 would be
    numeric = cell_kinds & {"int", "dec"}
    if cell_kinds and cell_kinds <= {"ratio", "missing"}:
        dim, kind = "ratio", "ratio"
    elif cell_kinds and cell_kinds <= {"level", "missing"}:
        dim, kind = "level", "level"
    elif "text" in cell_kinds and not numeric:
        dim, kind = "text", "text"
    elif dim == "percent" or col.name.endswith(("率", "占比", "比例", "比重")):
        dim, kind = "percent", "rate"
    elif any(m in col.header for m in words("running_mark")) or (
        # under a title 「截至9月底」, a column 「其中：本月完成」 is still the month's own figure
        running and not any(m in col.header for m in words("this_month"))
    ):
        kind = "cumulative"
    else:
        kind = "value"
    return ColumnInfo(col.name, col.unit, col.role, dim, factor, counter, group, leaf, kind)


def _sum_columns(table: Table) -> list[int]:
    """Columns that equal, in every row, the sum of the table's other columns printed in the same unit
    (调阅总量 = 医生端 + 居民端, 小计 = the four channels): the total column, found by its figures, not its
    name (机构总数 sums nothing). The rows are checked, not the total row: a row of means (全市平均) is
    rounded apart from its columns."""
    from decimal import Decimal, InvalidOperation

    rows = table.rows

    def num(v) -> Decimal | None:
        try:
            return Decimal(v.raw.replace(",", "")) if v.kind in ("int", "dec") else None
        except InvalidOperation:
            return None

    # (a change is no part: 本年累计 6.1 = 去年同期 6.4 + 增减 −0.3 sums nothing)
    changes = (*words("change_mark"), *words("month_over_month"), *words("year_over_year"))
    out = []
    for ci, col in enumerate(table.columns):
        others = [
            j
            for j, c in enumerate(table.columns)
            if j != ci and c.unit == col.unit and not any(w in normalize(c.name) for w in changes)
        ]
        if len(others) < 2:
            continue
        checked = 0
        for r in rows:
            vals = [num(r.values[j]) if j < len(r.values) else None for j in [ci, *others]]
            if any(v is None for v in vals):
                continue
            if abs(sum(vals[1:], Decimal(0)) - vals[0]) > Decimal("0.011") * len(others):
                break
            checked += 1
        else:
            if checked >= 2:
                out.append(ci)
    return out


def _mean_columns(table: Table) -> list[int]:
    """Columns whose total row prints a mean of the rows, not their sum (次均减免金额 beside 减免人次):
    figures that do not add up. Where every figure of the total row is a mean (全市平均), the row is the
    mean, not the columns."""
    if table.total is None:
        return []
    printed, means = [], []
    for ci, tv in enumerate(table.total.values):
        nums = [r.values[ci].num for r in table.rows if ci < len(r.values) and r.values[ci].num is not None]
        if tv.num is None or len(nums) < max(2, len(table.rows) // 2):
            continue  # (a row that reported nothing, 「/」, leaves the others to say it)
        printed.append(ci)
        if is_mean(nums, tv):
            means.append(ci)
    return means if len(means) < len(printed) else []


def table_infos(table: Table) -> list[ColumnInfo]:
    """ColumnInfo of every column; a total column (小计) takes the dimension of the columns it sums."""
    rows = table.rows + ([table.total] if table.total else [])
    infos = []
    running = any(m in normalize(table.title) for m in words("running_mark"))
    for ci, col in enumerate(table.columns):
        kinds = {r.values[ci].kind for r in rows if ci < len(r.values)}
        infos.append(column_info(col, kinds, running, ranks_rows(table, ci)))
    for i in _sum_columns(table):
        infos[i] = ColumnInfo(**{**infos[i].__dict__, "role": "total"})
    for i in _mean_columns(table):
        if infos[i].kind == "value":
            infos[i] = ColumnInfo(**{**infos[i].__dict__, "kind": "mean"})
    for i, info in enumerate(infos):
        if info.role == "total" and not info.dim and i > 0:
            twin = infos[i - 1]
            infos[i] = ColumnInfo(
                **{**info.__dict__, "dim": twin.dim, "factor": twin.factor, "counter": twin.counter}
            )
    for i, j in marked_wholes(infos).items():
        if not infos[i].dim and infos[i].role != "total" and infos[j].dim:
            # 「其中：外地」 under 门急诊 after 总人次: a part counts what its whole counts (人次)
            w = infos[j]
            infos[i] = ColumnInfo(
                **{**infos[i].__dict__, "dim": w.dim, "factor": w.factor, "counter": w.counter}
            )
    return infos


def note_clauses(notes: list[str]) -> list[str]:
    """The sentences of a table's notes, without the 「注：」 that opens them and the bracket around."""
    return [
        c.strip()
        for n in notes
        for c in re.split(r"[。；;]", re.sub(r"^[（(]?\s*注\s*[:：]\s*|[）)]\s*$", "", n.strip()))
        if c.strip()
    ]


def slashed(clause: str) -> bool:
    """Whether a note's sentence speaks of 「/」 cells (「“/”表示该单位本月未开展乳腺疾病检查」)."""
    return "/" in clause or "／" in clause


def _marked(info: ColumnInfo) -> bool:
    return info.kind == "value" and info.leaf.startswith(words("part_mark"))


def marked_wholes(infos: list[ColumnInfo]) -> dict[int, int]:
    """A column printed as a part (「其中：Ⅲ级暴露」) → the column it is a part of: the nearest column
    before it in its group that is no part (暴露人数)."""
    out = {}
    for i, info in enumerate(infos):
        if _marked(info):
            j = next(
                (
                    j
                    for j in range(i - 1, -1, -1)
                    if infos[j].group == info.group and infos[j].kind == "value" and not _marked(infos[j])
                ),
                None,
            )
            if j is not None:
                out[i] = j
    return out


def marked_parts(columns: dict[str, ColumnInfo], rows: list[dict[str, tuple[float, str]]]) -> dict[str, str]:
    """part → whole for the columns printed as parts, where the figures agree: of one dimension, and the
    part no larger than its whole in every row printing both."""
    names = list(columns)
    out = {}
    for i, j in marked_wholes(list(columns.values())).items():
        part, whole = names[i], names[j]
        if (columns[part].dim or "count").split(":")[0] != (columns[whole].dim or "count").split(":")[0]:
            continue
        pairs = [(r[part][0], r[whole][0]) for r in rows if part in r and whole in r]
        if pairs and all(a <= b + 1e-9 for a, b in pairs):
            out[part] = whole
    return out


@dataclass
class TableSchema:
    """One kind of table across issues (its key), as the planner sees it."""

    key: str
    title: str  # the latest printed title
    row_kind: str  # entity or period
    entity_kind: str  # hospital, district, period, other
    label_header: str  # 单位, 区, 类别, 月份
    source: str  # table or paragraph
    columns: dict[str, ColumnInfo]  # name → info, in printed order
    months: list[str]  # data months it has figures for, oldest first
    entities: set[str]  # entity keys of its rows
    has_total: bool  # some instance prints a 合计 row
    notes: list[str] = field(default_factory=list)  # the notes printed with it (what its 「/」 cells mean)
    values: dict[str, set[str]] = field(default_factory=dict)  # column → the texts its cells print (六级)
    signed: set[str] = field(default_factory=set)  # columns printing negative figures (同比增长, 变化 ↓1)
    column_months: dict[str, set[str]] = field(default_factory=dict)  # column → months it has figures for
    groups: set[str] = field(default_factory=set)  # entity keys of its subtotal rows (二级医院小计)
    # column → other names the same series is printed under in other months (咨询类 in 2015, 咨询 in 2021);
    # set per question by the planner, never by the store
    same_as: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # part column → the whole it is a part of, read from the table's own figures: a rate column printing
    # part ÷ whole in every row (安装率 = 已安装 ÷ 联网终端), so 「没装的」 is whole − part
    parts: dict[str, str] = field(default_factory=dict)
    # a rate column → the column whose row-by-row share of the whole it prints (构成比 of 出院人数): read
    # from the figures (the rate proportional to that column in every row), so it ranks rows the same
    shares: dict[str, str] = field(default_factory=dict)
    rates: dict[str, tuple[str, str]] = field(default_factory=dict)  # rate → (part, whole) it divides
    total_labels: set[str] = field(default_factory=set)  # what its total rows print: 合计, 全市, 前十位合计
    # the column its rows are printed in order of, in every issue (a printed 排名 by 质量评分): what
    # 「排第几」 ranks by when no column is named
    ranked_by: str = ""

    @property
    def words(self) -> str:
        """What names the table: its key and its latest printed title, without dates."""
        return self.key + " " + table_key(self.title)

    @property
    def total_column(self) -> str | None:
        # the table's own total (业务收入合计) before a group's (门诊收入 / 小计)
        totals = [c for c, i in self.columns.items() if i.role == "total"]
        return next((c for c in totals if not self.columns[c].group), totals[0] if totals else None)


def with_derived(t: TableSchema, derived: dict[str, tuple[str, str]]) -> TableSchema:
    """The table with columns computed from two printed ones (name → (whole, part): whole − part), so
    every operation reads them like printed columns."""
    if not derived:
        return t
    cols = dict(t.columns)
    for name, (whole, _part) in derived.items():
        w = t.columns[whole]
        cols[name] = ColumnInfo(name, w.unit, "", w.dim, w.factor, w.counter, "", name, "value")
    months = {
        n: t.column_months.get(w, set()) & t.column_months.get(p, set()) for n, (w, p) in derived.items()
    }
    return replace(t, columns=cols, column_months={**t.column_months, **months})


def part_of_whole(columns: dict[str, ColumnInfo], rows: list[dict[str, tuple[float, str]]]) -> dict[str, str]:
    """part → whole for pairs of columns of one dimension whose quotient a rate column of the same table
    prints, to its printed precision, in every row with all three figures (at least two rows)."""
    return parts_of(rate_pairs(columns, rows))


def parts_of(rates: dict[str, tuple[str, str]]) -> dict[str, str]:
    """part → whole of the pairs rates divide, where a part has one whole only."""
    found: dict[str, set[str]] = {}
    for part, whole in rates.values():
        found.setdefault(part, set()).add(whole)
    return {a: next(iter(b)) for a, b in found.items() if len(b) == 1}


def _places(raw: str) -> int:
    """Decimal places a figure is printed to (98.0 → 1): its precision."""
    return len(raw.split(".")[1]) if "." in raw else 0


def rate_pairs(
    columns: dict[str, ColumnInfo], rows: list[dict[str, tuple[float, str]]]
) -> dict[str, tuple[str, str]]:
    """rate → (part, whole): the one pair of columns whose quotient the rate prints in every row with all
    three figures (at least two rows), to its printed precision."""
    rates = [c for c, i in columns.items() if i.kind == "rate"]
    plain = [
        c
        for c, i in columns.items()
        if i.kind in ("value", "cumulative")
        and i.dim not in ("text", "level", "percent", "ratio", "duration")
    ]
    found: dict[str, tuple[str, str]] = {}
    for r in rates:
        fits = []
        for a in plain:
            for b in plain:
                if (
                    a == b
                    or (columns[a].dim or "count").split(":")[0] != (columns[b].dim or "count").split(":")[0]
                ):
                    continue
                seen = ok = 0
                for row in rows:
                    if r not in row or a not in row or b not in row or row[b][0] <= 0:
                        continue
                    seen += 1
                    printed, raw = row[r]
                    places = _places(raw)
                    got = row[a][0] * columns[a].factor / (row[b][0] * columns[b].factor) * 100
                    ok += abs(got - printed) <= 0.5 * 10**-places + 1e-9
                if seen >= 2 and ok == seen:
                    fits.append((a, b))
        if len(fits) == 1:
            found[r] = fits[0]
    return found


def share_of(
    columns: dict[str, ColumnInfo], months: list[list[dict[str, tuple[float, str]]]]
) -> dict[str, str]:
    """rate → column when, in each month's rows, the rate is that column's figure times one factor in
    every row (three rows at least), to the rate's printed precision: each row's share of the same whole
    (构成比 of 出院人数)."""
    out: dict[str, str] = {}
    rates = [c for c, i in columns.items() if i.kind == "rate"]
    plain = [c for c, i in columns.items() if i.kind == "value" and i.dim not in ("text", "level", "percent")]
    for r in rates:
        fits = []
        for a in plain:
            groups = [[row for row in rows if r in row and a in row and row[a][0] > 0] for rows in months]
            groups = [g for g in groups if g]
            if not groups or any(len(g) < 3 for g in groups):
                continue
            ok = True
            for got in groups:
                ok = ok and _proportional(got, r, a)
            if ok:
                fits.append(a)
        if len(fits) == 1:
            out[r] = fits[0]
    return out


def _proportional(got: list[dict[str, tuple[float, str]]], r: str, a: str) -> bool:
    """Column r is column a times one factor in every row, to r's printed precision (one unit of its
    last digit: half for the rounding, half for the factor estimated from the rows)."""
    k = sum(row[r][0] for row in got) / sum(row[a][0] for row in got)
    for row in got:
        printed, raw = row[r]
        places = _places(raw)
        if abs(row[a][0] * k - printed) > 10**-places + 1e-9:
            return False
    return True


def printed_order(columns: dict[str, ColumnInfo], instances: list[list[dict[str, float]]]) -> str:
    """The one column of figures whose rows are printed from highest to lowest (or lowest to highest) in
    every instance of the table, four rows at least, not all equal: the order the table ranks by. A
    column that only repeats that order (问题首页数 falling with 评分 by chance in one month) is told
    apart by the other instances; two columns in order in all of them name none."""
    fits = []
    for c, info in columns.items():
        if info.kind not in ("value", "rate") or info.dim in ("text", "level"):
            continue
        ok = bool(instances)
        for rows in instances:
            nums = [r[c] for r in rows if c in r]
            if len(nums) < 4 or len(nums) < len(rows) or len(set(nums)) < 2:
                ok = False
                break
            pairs = list(zip(nums, nums[1:], strict=False))
            if not (all(a >= b for a, b in pairs) or all(a <= b for a, b in pairs)):
                ok = False
                break
        if ok:
            fits.append(c)
    return fits[0] if len(fits) == 1 else ""
