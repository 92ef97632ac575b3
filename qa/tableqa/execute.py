"""Plan → parameterised queries (through the store) → an Answer quoting figures as printed.

The executor sees only the typed plan, never the question. Computed figures use Decimal on the printed
strings and show their arithmetic; every figure used is cited by table, row and line. A cell printed `/`
is missing, never zero: it is said so, and sums and averages skip it and say so.
"""

from __future__ import annotations

import re
from dataclasses import replace
from decimal import ROUND_HALF_UP, Decimal

from qa.lexicon import normalize
from qa.model import Answer, Fact, Source, Value
from qa.parse.tables import is_mean
from qa.schema import TableSchema, note_clauses, slashed, with_derived
from qa.scope import Calendar, month_label
from qa.store import Store
from qa.tableqa.entities import Entities
from qa.tableqa.plan import Op, Plan
from qa.units import restated
from qa.words import words

KIND_WORD = {"hospital": "医院", "district": "区", "period": "月份", "channel": "单位", "other": "单位"}
MEASURE = {"hospital": "家", "district": "个", "period": "个", "channel": "个", "other": "个"}
MAX_LIST = 12


# A figure and the counter or unit after it: written together (「94件」「13.5分钟」), as Chinese prints them;
# titles in 《》 are quoted as printed.
_FIGURE_SPACE = re.compile(r"(?<=\d) +(?=[\u4e00-\u9fff%％])")
_TITLE = re.compile(r"《[^》]*》")


def glue_units(text: str) -> str:
    out, at = [], 0
    for m in _TITLE.finditer(text):
        out += [_FIGURE_SPACE.sub("", text[at : m.start()]), m.group(0)]
        at = m.end()
    return "".join(out + [_FIGURE_SPACE.sub("", text[at:])])


def dec(raw: str) -> Decimal:
    return Decimal(raw.replace(",", "").replace("↑", "+").replace("↓", "-"))  # ↑2 is printed for +2


def rank_value(f: Fact) -> Decimal:
    """What orders a cell: its printed number, or the rank of a graded level (五级乙等 → 5.2)."""
    return dec(f.raw) if f.kind in ("int", "dec") else Decimal(str(f.num))


def fmt_num(x: Decimal, places: int = 2) -> str:
    """A computed number: whole numbers as such, others rounded to `places` decimals."""
    if x == x.to_integral_value():
        return str(int(x))
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(q.normalize(), "f")


def mean_places(facts) -> int:
    """Decimals of a mean as staff quote it: as many as its figures print, at least one (counts → 41.1;
    万元 of one decimal → 746.0), at most two; the arithmetic beside it shows two (= 41.11)."""
    printed = max((len(f.raw.partition(".")[2]) for f in facts), default=0)
    return min(2, max(1, printed))


def quoted(x: Decimal, places: int, unit: str = "") -> tuple[str, str]:
    """A computed number as the bulletins print one (`places` decimals), and " = exact" for the
    arithmetic beside it where the two differ (746.0 万元 … = 746.01)."""
    head, exact = fmt_num(x, places), fmt_num(x)
    return head, (f" = {exact}{unit}" if exact != head else "")


def share_text(v: Decimal, a: str, b: str) -> str:
    """A computed percentage to one decimal, as the bulletins print rates, its division exact beside it:
    42.6%（2859.8 ÷ 6714.1 = 42.59%）."""
    head, eq = quoted(v, 1, "%")
    return f"{head}%（{a} ÷ {b}{eq}）"


def _summed(name: str) -> str:
    """「住院合计」 of a column, but a column already named 合计 is not 「合计合计」."""
    return name if name.endswith(("合计", "总计")) else name + "合计"


class Derived:
    """The store with columns computed row by row from two printed ones (whole − part), so that
    lookups, sums, rankings and filters read them like printed columns; everything else is the store's."""

    def __init__(self, store: Store, derived: dict[str, tuple[str, str]]):
        self.store, self.derived = store, derived

    def __getattr__(self, name: str):
        return getattr(self.store, name)

    def latest_month(self, table_key: str, column: str | None = None) -> str:
        if column in self.derived:  # the latest month printing both
            return min(self.store.latest_month(table_key, c) for c in self.derived[column])
        return self.store.latest_month(table_key, column)

    def facts(
        self, *, column=None, numeric=False, order=None, limit=None, where_num=None, **kw
    ) -> list[Fact]:
        if column not in self.derived:
            return self.store.facts(
                column=column, numeric=numeric, order=order, limit=limit, where_num=where_num, **kw
            )
        whole, part = self.derived[column]
        parts = {f.row_id: f for f in self.store.facts(column=part, **kw)}
        out = []
        for w in self.store.facts(column=whole, **kw):
            p = parts.get(w.row_id)
            if p is None:
                continue
            if w.num is None or p.num is None or w.kind not in ("int", "dec") or p.kind not in ("int", "dec"):
                out.append(
                    replace(
                        w,
                        column=column,
                        kind="missing",
                        num=None,
                        raw="/" if "/" in (w.raw, p.raw) else w.raw,
                    )
                )
                continue
            x = dec(w.raw) - dec(p.raw)
            kind = "int" if w.kind == p.kind == "int" else "dec"
            out.append(replace(w, column=column, raw=format(x, "f"), num=float(x), kind=kind, role=""))
        if numeric:
            out = [f for f in out if f.num is not None]
        if where_num is not None:
            op, value = where_num
            test = {
                ">": float.__gt__,
                ">=": float.__ge__,
                "<": float.__lt__,
                "<=": float.__le__,
                "=": float.__eq__,
            }[op]
            out = [f for f in out if f.num is not None and test(f.num, float(value))]
        if order is not None:
            out.sort(key=lambda f: (f.num is None, -(f.num or 0) if order == "desc" else (f.num or 0)))
        return out[:limit] if limit is not None else out


class Executor:
    def __init__(self, store: Store, tables: dict[str, TableSchema], entities: Entities, calendar: Calendar):
        self.store = store
        self.tables = tables
        self.entities = entities
        self.calendar = calendar

    # -- entry ------------------------------------------------------------------------------------
    def run(self, plan: Plan) -> Answer | None:
        t = self.tables.get(plan.table)
        if t is None:
            return None
        if plan.alternates:
            t = replace(t, same_as={c: tuple(a) for c, a in plan.alternates.items()})
        if plan.derived:  # 「没办结的」: whole − part, read by every operation like a printed column
            t = with_derived(t, plan.derived)
            own = Executor(
                Derived(self.store, plan.derived), {**self.tables, t.key: t}, self.entities, self.calendar
            )
            handler = getattr(own, "op_" + plan.op.value)
        else:
            handler = getattr(self, "op_" + plan.op.value)
        ans = handler(plan, t)
        if ans is not None and ans.found and plan.shown:
            ans.text = restated(ans.text, t.columns[plan.columns[0]].unit, plan.shown)
        if ans is not None and ans.found and plan.notes:
            ans.text = ans.text.rstrip() + f"（{'；'.join(plan.notes)}）"
        return ans

    # -- small helpers ------------------------------------------------------------------------------
    def kind_word(self, t: TableSchema) -> str:
        """What a row is called: 医院, 区, 月份; for other rows the table's own row header (类别, 渠道)."""
        header = normalize(t.label_header or "")
        if t.entity_kind in ("other", "channel") and 2 <= len(header) <= 4:
            return header
        return KIND_WORD.get(t.entity_kind, "单位")

    def measure(self, t: TableSchema) -> str:
        return MEASURE.get(t.entity_kind, "个")

    @staticmethod
    def unit(f: Fact) -> str:
        return f.unit or f.counter

    def val(self, f: Fact) -> str:
        if f.kind == "missing":
            why = slash_reason(self.store.notes_of_row(f.row_id), f.label, f.column)
            return f"“/”（{why}）" if why else "未上报（表中为“/”）"
        unit = self.unit(f)
        raw = f.raw.replace(",", "") if f.kind in ("int", "dec") else f.raw  # 1,512,800 → 1512800
        return f"{raw}{unit}" if unit in ("%", "％") else f"{raw} {unit}".strip()

    def name(self, f: Fact) -> str:
        if f.row_kind == "period" and not f.is_total:
            return month_label(f.data_month)
        return (f.label or "合计") if f.is_total else f.label  # a 「全市」 row says so

    def who(self, key: str) -> str:
        return self.entities.name(key) if key in self.entities else key

    def month(self, plan: Plan, t: TableSchema, col: str | None) -> str:
        """The month asked (the one before it for 「上个月」), else the latest the column has."""
        base = plan.months[0] if plan.months else self.store.latest_month(t.key, col)
        if plan.prev_month and plan.op != Op.DIFF:
            return self.earlier(plan, base) or base
        return base

    def earlier(self, plan: Plan, base: str) -> str:
        """The month 「上个月」 means (the indexed one before), or 「去年同期」 (the same month a year back)."""
        if plan.back == 12:
            return f"{int(base[:4]) - 1:04d}{base[4:]}"
        return self.calendar.before(base)

    def months(self, plan: Plan, t: TableSchema, col: str | None) -> list[str]:
        """Two months to compare: those asked, or the month before the one in question and that one."""
        if len(plan.months) >= 2:
            return sorted(plan.months)[:2] if len(plan.months) == 2 else sorted(plan.months)
        base = plan.months[0] if plan.months else self.store.latest_month(t.key, col)
        earlier = self.earlier(plan, base) if plan.prev_month else self.calendar.before(base)
        return [earlier, base] if earlier else [base]

    def refuse(self, plan: Plan, text: str) -> Answer:
        return Answer(plan.question, glue_units(text), False, "none", context={"plan": plan})

    def answer(self, plan: Plan, text: str, facts: list[Fact], table=None, chart=None) -> Answer:
        sources, data = self.printed_rows(facts)
        return Answer(
            plan.question,
            glue_units(text).lstrip("，"),  # (a table with no month prints none: no 「，南京鼓楼医院…」)
            True,
            "table",
            sources,
            table=table,
            context={"plan": plan},
            chart=chart,
            data=data,
        )

    def printed_rows(self, facts: list[Fact]) -> tuple[list[Source], list[dict]]:
        """The rows the figures come from, once each: the first eight as sources, all of them, as
        printed and grouped by table, for downloads (column names with their units, issue, line)."""
        sources: list[Source] = []
        groups: dict[tuple[str, str], dict] = {}
        seen: set[int] = set()
        for f in facts:
            if f.row_id in seen:
                continue
            seen.add(f.row_id)
            row = self.store.facts(row_id=f.row_id, totals=None)
            if len(sources) < 8:
                text = f"{f.label}：" + "，".join(
                    f"{r.column} {r.raw}{(' ' + r.unit) if r.unit else ''}" for r in row
                )
                sources.append(Source(f.issue, f.table, "table", text, f.line, f.file))
            t = self.tables.get(f.table_key)
            g = groups.setdefault(
                (f.issue, f.table),
                {
                    "issue": f.issue,
                    "table": f.table,
                    "columns": [t.label_header if t else "名称"]
                    + [r.column + (f"（{r.unit}）" if r.unit else "") for r in row]
                    + ["来源行"],
                    "rows": [],
                },
            )
            g["rows"].append([f.label, *[r.raw for r in row], f.line])
        return sources, list(groups.values())

    @staticmethod
    def number(f: Fact | None) -> float | None:
        """A figure as a number for a chart; None for a gap (「/」, no such month) and for text."""
        if f is None or f.kind not in ("int", "dec"):
            return None
        return float(dec(f.raw))

    def line(self, title: str, col: str, months: list[str], facts: list[Fact], name: str) -> dict:
        by_month = {f.data_month: f for f in facts}
        unit = next((self.unit(f) for f in facts if self.unit(f)), "")
        return {
            "kind": "line",
            "title": title,
            "unit": unit,
            "x": [month_label(m) for m in months],
            "series": [{"name": name or col, "values": [self.number(by_month.get(m)) for m in months]}],
        }

    def bar(self, title: str, col: str, facts: list[Fact]) -> dict | None:
        if len(facts) < 2 or all(self.number(f) is None for f in facts):
            return None
        return {
            "kind": "bar",
            "title": title,
            "unit": next((self.unit(f) for f in facts if self.unit(f)), ""),
            "x": [self.name(f) for f in facts],
            "series": [{"name": col, "values": [self.number(f) for f in facts]}],
        }

    @staticmethod
    def cite(facts: list[Fact]) -> str:
        tables = list(dict.fromkeys(f.table for f in facts))
        issues = list(dict.fromkeys(f.issue for f in facts))
        return f"（来源：{'、'.join(issues[:3])}《{'》《'.join(tables[:2])}》）"

    def cell(
        self, t: TableSchema, col: str, month: str, entity: str | None = None, _same_total: bool = False
    ) -> Fact | None:
        """The figure of an entity, of a month of a series, of a one-row table, or the table's total."""
        if entity and entity not in t.entities:
            # A row of a table with the same columns (江宁区 beside 南京市江宁医院).
            twin = next((o for o in self.tables.values() if entity in o.entities and col in o.columns), None)
            if twin is None:
                return None
            fs = self.store.facts(table_key=twin.key, column=col, entities=[entity], month=month, totals=None)
        elif entity:
            # totals=None: a named subtotal row (三级医院小计) is that row's figure
            fs = self.store.facts(table_key=t.key, column=col, entities=[entity], month=month, totals=None)
        elif t.row_kind == "period":
            fs = self.store.facts(table_key=t.key, column=col, month=month)
        elif len(t.entities) == 1:
            fs = self.store.facts(table_key=t.key, column=col, month=month, entities=list(t.entities))
        else:
            fs = self.store.facts(table_key=t.key, column=col, month=month, totals=True)
        if not fs:
            for other in t.same_as.get(col, ()):
                f = self.cell(t, other, month, entity, _same_total)
                if f is not None:
                    return f  # the same series under the name it printed that month
        if not fs and t.columns.get(col) and t.columns[col].role == "total" and not _same_total:
            # A series whose total is printed under another name in another issue (受理咨询电话 in one
            # paragraph, 受理来电 in the next): the month's total.
            for other, info in t.columns.items():
                if other != col and info.role == "total":
                    f = self.cell(t, other, month, entity, _same_total=True)
                    if f is not None:
                        return f
        return fs[0] if fs else None

    def rows(self, t: TableSchema, col: str, month: str, plan: Plan, numeric: bool = True) -> list[Fact]:
        """The rows ranked, filtered or summed: the entities of one month, or the months of a series;
        within a group when the question names its subtotal row (「二级医院里最高的」)."""
        if t.row_kind == "period":
            months = plan.months or [m for m in t.months if m[:4] == month[:4]]
            return self.store.facts(table_key=t.key, column=col, months=months, numeric=numeric)
        if plan.by_month and (len(plan.entities) == 1 or len(t.entities) <= 1):
            # 「哪个月出院人数过了十八万」: one row's (or the whole's) figure in each month
            months = plan.months or t.months
            return self.store.facts(
                table_key=t.key,
                column=col,
                months=months,
                numeric=numeric,
                entities=plan.entities or None,
                totals=None if not plan.entities else False,
            )
        within = [e for e in plan.entities if e in t.groups] or None
        return self.store.facts(
            table_key=t.key,
            column=col,
            month=month,
            numeric=numeric,
            exclude=plan.exclude or None,
            within=within,
            having=plan.having or None,
        )

    def missing(self, plan: Plan, t: TableSchema, key: str | None, col: str, month: str) -> Answer:
        who = self.who(key) if key else ""
        have = [m for m in t.months if self.cell(t, col, m, key)]
        more = f"有该项数据的月份：{'、'.join(month_label(m) for m in have)}。" if have else ""
        return self.refuse(plan, f"简报中没有{who}{month_label(month)}的{col}数据。{more}")

    # -- lookups ------------------------------------------------------------------------------------
    def op_lookup(self, plan: Plan, t: TableSchema) -> Answer | None:
        cols = plan.columns
        if not cols:
            return None
        if len(plan.months) >= 2:
            # 「1-8月处置量上年同期是多少」: what the series prints in its total row for exactly that range
            spanned = self._span_total(plan, t, cols[0]) if plan.ranged else None
            return spanned or self.op_series(plan, t)
        month = self.month(plan, t, cols[0])
        keys: list[str | None] = list(plan.entities) or [None]
        if keys == [None] and t.row_kind == "entity" and len(t.entities) > 1:
            # No entity named in a table of many: which one is not ours to guess (a total is asked
            # with 合计, 全市, 一共).
            return self.op_total(plan, t) if plan.all_rows else None
        used, parts = [], []
        for key in keys:
            bits = []
            for col in cols:
                f = self.cell(t, col, month, key)
                if f is None:
                    if len(keys) == 1 and len(cols) == 1:
                        return self.missing(plan, t, key, col, month)
                    bits.append(f"{col}无数据")
                    continue
                used.append(f)
                extra = f"（共 {f.den} 张表单中上传 {int(f.num)} 张）" if f.kind == "ratio" else ""
                bits.append(f"{col}为 {self.val(f)}{extra}")
            who = self.who(key) if key else ("" if t.row_kind == "period" or len(t.entities) <= 1 else "合计")
            parts.append(who + "，".join(bits))
        if not used:
            return None
        head = month_label(month)
        if keys == [None] and t.row_kind == "entity" and len(t.entities) > 1:
            head += f"{t.title and '，' + self.kind_word(t) + '合计'}"
        text = f"{head}，" + "；".join(parts) + "。"
        chart = (
            self.bar(f"{month_label(month)}{cols[0]}", cols[0], used)
            if len(keys) >= 2 and len(cols) == 1
            else None
        )
        return self.answer(plan, text + self.cite(used), used, chart=chart)

    def op_row(self, plan: Plan, t: TableSchema) -> Answer | None:
        if not plan.entities:
            return None
        key = plan.entities[0]
        month = self.month(plan, t, None)
        fs = self.store.facts(table_key=t.key, entities=[key], month=month)
        if not fs:
            return self.refuse(plan, f"简报中没有{self.who(key)}{month_label(month)}的数据。")
        text = (
            f"{month_label(month)}，{self.who(key)}："
            + "，".join(f"{f.column} {self.val(f)}" for f in fs)
            + "。"
        )
        return self.answer(
            plan, text + self.cite(fs), fs, [["指标", "数值"]] + [[f.column, self.val(f)] for f in fs]
        )

    def op_total(self, plan: Plan, t: TableSchema) -> Answer | None:
        return self.op_sum(plan, t)

    def op_series(self, plan: Plan, t: TableSchema) -> Answer | None:
        col = plan.columns[0] if plan.columns else None
        if col is None:
            return None
        key = plan.entities[0] if plan.entities else None
        months = sorted(plan.months) or t.months
        facts = [f for m in months if (f := self.cell(t, col, m, key)) is not None]
        if not facts:
            return self.missing(plan, t, key, col, months[-1])
        who = self.who(key) if key else ""
        listing = "；".join(f"{month_label(f.data_month)} {self.val(f)}" for f in facts)
        absent = [m for m in months if m not in {f.data_month for f in facts}]
        note = f"（{'、'.join(month_label(m) for m in absent)}无数据）" if absent else ""
        text = f"{who}{col}：{listing}{note}。"
        chart = self.line(f"{who}{col}", col, months, facts, who or col)
        return self.answer(plan, text + self.cite(facts), facts, chart=chart)

    # -- sums and averages --------------------------------------------------------------------------
    def op_sum(self, plan: Plan, t: TableSchema, avg: bool = False) -> Answer | None:
        if not plan.columns:
            return None
        col = plan.columns[0]
        months = len(plan.months) >= 2 or bool(plan.whole_months)
        means = t.columns[col].kind == "mean"
        if not avg and months and (t.columns[col].dim == "percent" or means):
            # percentages of different months' bases do not add up (shares of one month's total do), nor
            # means (次均); a month series may print the figure of its whole span in its 合计 row: that is read
            printed = self._span_total(plan, t, col)
            if printed is not None:
                return printed
            return self.refuse(plan, f"{col}是{'平均数' if means else '百分比'}，不能相加。")
        if not avg and means and (len(plan.entities) >= 2 or plan.cond or plan.having or plan.exclude):
            return self.refuse(plan, f"{col}是平均数，各{self.kind_word(t)}的{col}不能相加。")
        if (
            not avg
            and not months
            and t.columns[col].dim == "percent"
            and t.row_kind == "entity"
            and not normalize(col).endswith(SHARE_TAILS)
        ):
            # 「合计完成率」: the rate the table prints for its total (read below), never rates added up
            total = None if plan.entities else self.cell(t, col, self.month(plan, t, col))
            if total is None or not total.is_total or total.num is None or plan.cond or plan.having:
                # 「总体修复率」 of a table printing no total's rate: its part's sum over its whole's sum
                whole = self._rate_of_sums(plan, t, col) if not (plan.cond or plan.having) else None
                return whole or self.refuse(plan, f"{col}是百分比，各{self.kind_word(t)}的{col}不能相加。")
        if (
            not avg
            and len(plan.months) >= 2
            and t.columns[col].kind == "cumulative"
            and t.row_kind != "period"
        ):
            # each month prints the total to date: adding two months counts the first month twice
            return self.refuse(
                plan, f"{col}是截至各月底的累计数，不能逐月相加；可以问某个月的{col}，或两个月之间的变化。"
            )
        if len(plan.months) >= 2 and (
            plan.entities or t.row_kind == "period" or len(t.entities) == 1 or t.has_total
        ):
            return self._over_months(plan, t, col, avg)
        month = self.month(plan, t, col)
        if len(plan.columns) >= 2 and not avg:
            return self._over_columns(plan, t, month)
        if plan.entities and (len(plan.entities) >= 2 or avg):
            fs = [
                f
                for k in plan.entities
                if (f := self.cell(t, col, month, k)) is not None and f.num is not None
            ]
        elif plan.entities:
            return self.op_lookup(plan, t)
        else:
            if t.row_kind == "period" and not avg:
                return self._over_months(plan, t, col, avg)
            top_n = plan.n > 1 and plan.op in (Op.SUM, Op.AVG)  # 「前五名…加起来」
            total = (
                None
                if (avg or plan.exclude or plan.cond or plan.having or top_n)
                else self.cell(t, col, month)
            )
            if total is not None and total.is_total and self._mean_row(t, month):
                total = None  # a 全市平均 row: the rows are summed, its mean is no total
            if total is not None and total.kind != "missing" and (t.has_total or len(t.entities) == 1):
                who = "" if len(t.entities) == 1 else f"{self.kind_word(t)}"
                label = normalize(total.label) if total.is_total else ""
                if label and label not in ("合计", "总计"):
                    # a 「全市」 row: its own name (an average or a rate is no 合计); 「前十位合计」 is the
                    # total of the rows listed, said as printed
                    text = f"{month_label(month)}{label}{col}为 {self.val(total)}（表中“{label}”行）。"
                else:
                    text = (
                        f"{month_label(month)}{who}{col}{'' if col.endswith(('合计', '总计')) else '合计'}为 "
                        f"{self.val(total)}" + ("（表中合计行）" if total.is_total else "") + "。"
                    )
                return self.answer(plan, text + self.cite([total]), [total])
            fs = self.rows(t, col, month, plan)
            if plan.cond is not None:  # 「等保二级的医院一共发现多少漏洞」: the rows meeting it, summed
                fs = [f for f in self._filtered(plan, t, col, month) if f.kind in ("int", "dec")]
            if top_n:
                fs = [f for f in fs if not f.is_total and f.num is not None]
                fs = sorted(fs, key=rank_value, reverse=plan.order == "desc")[: plan.n]
        if not fs:
            return self.refuse(plan, f"{month_label(month)}没有可计算的{col}数据。")
        s = sum((dec(f.raw) for f in fs), Decimal(0))
        skipped = (
            []
            if plan.entities
            else [f for f in self.rows(t, col, month, plan, numeric=False) if f.kind == "missing"]
        )
        unit = self.unit(fs[0])
        arith = " + ".join(f.raw for f in fs) if len(fs) <= MAX_LIST else f"{len(fs)} 个数相加"
        note = f"；{'、'.join(self.name(f) for f in skipped)}未上报，未计入" if skipped else ""
        excl = f"（不含{'、'.join(self.who(k) for k in plan.exclude)}）" if plan.exclude else ""
        names = (
            "、".join(self.name(f) for f in fs)
            if plan.entities
            else f"{self.among(plan)}{len(fs)} {self.measure(t)}{self.kind_word(t)}{excl}"
        )
        if plan.cond is not None and not plan.entities:
            cond, _ = self._cond_value(plan, t, plan.cond.column or col)
            names = f"{plan.cond.column or col}{cond}的{len(fs)}{self.measure(t)}{self.kind_word(t)}"
        if avg:
            mean = s / len(fs)
            head, eq = quoted(mean, mean_places(fs))
            text = f"{month_label(month)}{names}{col}平均为 {head} {unit}（合计 {fmt_num(s)} ÷ {len(fs)}{eq}{note}）。"
        else:
            text = (
                f"{month_label(month)}{names}{col}合计 {fmt_num(s)} {unit}（{arith} = {fmt_num(s)}{note}）。"
            )
        return self.answer(plan, text.replace(" （", "（").replace(" ）", "）") + self.cite(fs), fs)

    def _rate_of_sums(self, plan: Plan, t: TableSchema, col: str) -> Answer | None:
        """The rate of the rows together, Σ part ÷ Σ whole, for a rate whose pair the table's figures
        show (t.rates); rows printing either figure as 「/」 are left out, as such tables' 合计 leave them."""
        if col not in t.rates or (plan.entities and plan.entities[0] not in t.groups):
            return None
        part, whole = t.rates[col]
        month = self.month(plan, t, col)
        ps = {f.row_id: f for f in self.rows(t, part, month, plan) if f.kind in ("int", "dec")}
        ws = [f for f in self.rows(t, whole, month, plan) if f.kind in ("int", "dec") and f.row_id in ps]
        if len(ws) < 2:
            return None
        sp = sum((dec(ps[f.row_id].raw) for f in ws), Decimal(0))
        sw = sum((dec(f.raw) for f in ws), Decimal(0))
        if sw == 0:
            return None
        rate = fmt_num(sp / sw * 100)
        facts = [ps[f.row_id] for f in ws] + ws
        text = (
            f"{month_label(month)}{len(ws)}个{self.kind_word(t)}合计{col}为 {rate}%"
            f"（{part}合计 {fmt_num(sp)} ÷ {whole}合计 {fmt_num(sw)} × 100%，按各{self.kind_word(t)}相加计算）。"
        )
        return self.answer(plan, text + self.cite(facts), facts)

    def op_avg(self, plan: Plan, t: TableSchema) -> Answer | None:
        return self.op_sum(plan, t, avg=True)

    def _mean_row(self, t: TableSchema, month: str | None) -> bool:
        """The total row prints the rows' mean in every column of plain figures (全市平均), not their sum —
        as ingest reads it (a column of means beside sums, 平均响应时长, is that column's, not the row's)."""
        checked = 0
        for c, info in t.columns.items():
            if info.kind != "value" or info.dim in ("percent", "text", "level", "ratio"):
                continue
            total = self.cell(t, c, month)
            if total is None or not total.is_total or total.num is None:
                continue
            nums = [
                f.num for f in self.store.facts(table_key=t.key, column=c, month=month) if f.num is not None
            ]
            if not is_mean(nums, Value(total.raw, total.kind, total.num)):
                return False
            checked += 1
        return checked > 0

    def _span_total(self, plan: Plan, t: TableSchema, col: str) -> Answer | None:
        """The figure a month series prints in its total row (累计) for exactly the months asked."""
        if t.row_kind != "period" or not plan.months:
            return None
        first, last = min(plan.months), max(plan.months)
        facts = self.store.facts(table_key=t.key, column=col, totals=None)
        total = next((f for f in facts if f.is_total and f.data_month == last and f.num is not None), None)
        if total is None:
            return None
        rows = self.store.months_beside(total.row_id)
        if not rows or min(rows) != first or max(rows) != last:
            return None
        text = f"{month_label(first)}至{month_label(last)}{col}为 {self.val(total)}（表中{total.label or '合计'}行）。"
        return self.answer(plan, text + self.cite([total]), [total])

    def _over_months(self, plan: Plan, t: TableSchema, col: str, avg: bool) -> Answer | None:
        key = plan.entities[0] if plan.entities else None
        months = sorted(plan.months) if plan.months else [m for m in t.months if m[:4] == t.months[-1][:4]]
        fs = [f for m in months if (f := self.cell(t, col, m, key)) is not None and f.num is not None]
        if not fs:
            return self.missing(plan, t, key, col, months[-1])
        s = sum((dec(f.raw) for f in fs), Decimal(0))
        span = f"{month_label(fs[0].data_month)}至{month_label(fs[-1].data_month)}"
        arith = " + ".join(f.raw for f in fs)
        who = self.who(key) if key else ""
        unit = self.unit(fs[0])
        if len(fs) == 1:
            # 「那8月呢」 after a range: one month's figure is no sum (nor mean) of it
            text = f"{month_label(fs[0].data_month)}，{who}{col}为 {self.val(fs[0])}。"
        elif avg:
            mean = s / len(fs)
            head = fmt_num(mean, mean_places(fs))
            text = f"{span}{who}{col}月均 {head} {unit}（({arith}) ÷ {len(fs)} = {fmt_num(mean)}）。"
        else:
            text = f"{span}{who}{col}合计 {fmt_num(s)} {unit}（{arith} = {fmt_num(s)}）。"
        absent = [m for m in months if m not in {f.data_month for f in fs}]
        if absent:
            text += f"（{'、'.join(month_label(m) for m in absent)}无数据，未计入）"
        chart = self.line(f"{who}{col}", col, months, fs, who or col)
        return self.answer(plan, text.replace(" （", "（") + self.cite(fs), fs, chart=chart)

    def _over_columns(self, plan: Plan, t: TableSchema, month: str) -> Answer | None:
        key = plan.entities[0] if plan.entities else None
        fs = [f for c in plan.columns if (f := self.cell(t, c, month, key)) is not None and f.num is not None]
        if len(fs) < 2:
            return None
        who = self.who(key) if key else "合计"
        if len({(f.dim, f.factor) for f in fs}) > 1:
            # minutes plus a %, 千元 plus 万元: no figure; the total row's own figures, each as printed
            if plan.op != Op.TOTAL or key is not None:
                return None
            each = "，".join(f"{f.column}为 {self.val(f)}" for f in fs)
            return self.answer(plan, f"{month_label(month)}{who}{each}。" + self.cite(fs), fs)
        s = sum((dec(f.raw) for f in fs), Decimal(0))
        arith = " + ".join(f"{f.column} {f.raw}" for f in fs)
        text = f"{month_label(month)}{who}{'与'.join(f.column for f in fs)}共 {fmt_num(s)} {self.unit(fs[0])}（{arith} = {fmt_num(s)}）。"
        return self.answer(plan, text.replace(" （", "（") + self.cite(fs), fs)

    # -- rankings, positions, filters ----------------------------------------------------------------
    def op_rank(self, plan: Plan, t: TableSchema) -> Answer | None:
        if not plan.columns:
            return None
        col = plan.columns[0]
        month = self.month(plan, t, col)
        if plan.change:
            return self._change_rank(plan, t, col)
        if plan.by_month and t.row_kind == "entity":
            return self._month_rank(plan, t, col)
        fs = [f for f in self.rows(t, col, month, plan) if not f.is_total]
        if not fs:
            return self.refuse(plan, f"{month_label(month)}没有{col}的数据。")
        desc = plan.order == "desc"
        fs.sort(key=rank_value, reverse=desc)
        values = sorted({rank_value(f) for f in fs}, reverse=desc)
        word = self.kind_word(t)
        when = ("" if t.row_kind == "period" else month_label(month)) + self.among(plan)
        excl = f"（不含{'、'.join(self.who(k) for k in plan.exclude)}）" if plan.exclude else ""
        every = plan.n == 0
        if every:  # every row, in order
            plan = replace(plan, n=len(fs))
        if plan.n > 1:
            cut = rank_value(fs[min(plan.n, len(fs)) - 1])
            top = [f for f in fs if (rank_value(f) >= cut if desc else rank_value(f) <= cut)]
            lines = [f"{i}. {self.name(f)} {self.val(f)}" for i, f in enumerate(top[:MAX_LIST], 1)]
            if len(top) > MAX_LIST:
                lines.append(f"……（共{len(top)}{self.measure(t)}，其余见下载）")
            tie = "（含并列）" if len(top) > plan.n else ""
            head = "前" if desc else "后"
            if every:
                text = f"{when}各{word}{col}{excl}（{'从高到低' if desc else '从低到高'}）：\n" + "\n".join(
                    lines
                )
            else:
                text = f"{when}{col}{head}{plan.n}名的{word}{excl}{tie}：\n" + "\n".join(lines)
            table = [["排名", word, col]] + [
                [str(i), self.name(f), self.val(f)] for i, f in enumerate(top, 1)
            ]
            chart = self.bar(f"{when}{col}" + ("排名" if every else f"{head}{plan.n}名"), col, top)
            return self.answer(plan, text + "\n" + self.cite(top), top, table, chart)
        if plan.nth > len(values):
            return self.refuse(plan, f"{when}{col}只有 {len(values)} 个不同的数值。")
        target = values[plan.nth - 1]
        top = [f for f in fs if rank_value(f) == target]
        names = "、".join(self.name(f) for f in top)
        hi = "最高" if desc else "最低"
        pos = hi if plan.nth == 1 else ("排第" if desc else "倒数第") + str(plan.nth)
        tie = f"（{len(top)} {self.measure(t)}并列）" if len(top) > 1 else ""
        text = f"{when}{col}{pos}的{word}{excl}是{names}{tie}，为 {self.val(top[0])}。"
        if t.row_kind == "period":  # which month: the whole series, as a line
            series = sorted(fs, key=lambda f: f.data_month)
            months = [f.data_month for f in series]
            return self.answer(
                plan, text + self.cite(top), top, chart=self.line(col, col, months, series, col)
            )
        return self.answer(plan, text + self.cite(top), top)

    def _month_rank(self, plan: Plan, t: TableSchema, col: str) -> Answer | None:
        """「哪个月最高」 in a table of entities: one figure per month (the entity's, or the total)."""
        key = plan.entities[0] if plan.entities else None
        months = sorted(plan.months) or t.months
        per = [f for m in months if (f := self.cell(t, col, m, key)) is not None and f.num is not None]
        if not per:
            return None
        best = (max if plan.order == "desc" else min)(per, key=rank_value)
        hi = "最高" if plan.order == "desc" else "最低"
        who = self.who(key) if key else ""
        listing = "；".join(f"{month_label(f.data_month)} {f.raw}" for f in per)
        text = f"{who}{col}{hi}的是{month_label(best.data_month)}，为 {self.val(best)}（{listing}）。"
        chart = self.line(f"{who}{col}", col, months, per, who or col)
        return self.answer(plan, text + self.cite(per), per, chart=chart)

    def op_position(self, plan: Plan, t: TableSchema) -> Answer | None:
        if not plan.columns or not plan.entities:
            return None
        col, key = plan.columns[0], plan.entities[0]
        month = self.month(plan, t, col)
        fs = [f for f in self.rows(t, col, month, plan) if not f.is_total]
        mine = next((f for f in fs if f.entity_key == key), None)
        if mine is None:
            return self.missing(plan, t, key, col, month)
        place = 1 + sum(1 for f in fs if rank_value(f) > rank_value(mine))
        text = (
            f"{month_label(month)}{self.name(mine)}{col}为 {self.val(mine)}，在 {len(fs)} "
            f"{self.measure(t)}{self.kind_word(t)}中排第{place}（从高到低）。"
        )
        return self.answer(plan, text + self.cite([mine]), [mine])

    def _cond_value(self, plan: Plan, t: TableSchema, col: str) -> tuple[str, float | None]:
        """(how the condition reads, the threshold in the column's printed unit)."""
        c = plan.cond
        info = t.columns[col]
        if c.raw:
            return f"为 {c.raw}", None
        if c.other:
            return c.said, None
        if c.cmp in ("full", "partial") and col not in t.parts:
            col = next((p for p in plan.columns if t.parts.get(p) == col), col)
        if c.cmp in ("full", "partial") and col in t.parts:
            return f"{'等于' if c.cmp == 'full' else '少于'}{t.parts[col]}", None
        if c.cmp in ("full", "partial"):
            return ("全满" if c.cmp == "full" else "未满"), None
        if c.level:  # 「低于全市平均水平（89.3%，表中合计行）」
            level = self._level(plan, t, col)
            if level is None:
                return c.said, None
            unit = info.unit if info.unit in ("%", "％") else " " + (info.unit or info.counter)
            return f"{c.said}（{fmt_num(level[0])}{unit}，{level[1]}）", float(level[0])
        if c.cmp == "missing" and slashed(c.said):  # as the note says what 「/」 means
            return f"为“/”（{SLASH_SAYS.sub('，', c.said).strip('，, ')}）", None
        if c.cmp == "missing":
            return "未上报（表中为“/”）", None
        if c.value is None:
            return c.said, None  # an amount not read (never compared as if it were zero)
        if c.value == 0 and not c.amount and c.cmp in (">", "<") and c.said != "有":  # 「上升的」: a sign
            return ("为正（上升）" if c.cmp == ">" else "为负（下降）"), 0.0
        if c.converted and info.unit and not info.dim:
            return c.said, None  # a header's unit read as no measure (万平方公里): 500万 is in no known one
        value = c.value / info.factor if c.converted else c.value
        ops = {">": "超过", ">=": "不少于", "<": "少于", "<=": "不超过", "=": "等于"}
        shown = fmt_num(Decimal(str(value)))
        unit = info.unit or info.counter
        if c.converted and unit and unit not in c.said:
            return f"{ops[c.cmp]} {c.amount}（即 {shown} {unit}）", value
        return f"{ops[c.cmp]} {shown}" + (f" {unit}" if unit else ""), value

    def _level(self, plan: Plan, t: TableSchema, col: str) -> tuple[Decimal, str] | None:
        """The table's own level of a column in the month asked: its total row's figure for a rate (the
        whole's rate, not a mean of rates), else the mean of its rows; with how it was read."""
        month = self.month(plan, t, col)
        if t.columns[col].dim == "percent":
            total = self.cell(t, col, month)
            if total is not None and total.is_total and total.num is not None:
                return dec(total.raw), f"表中{total.label or '合计'}行"
            return None
        rows = [f for f in self.rows(t, col, month, plan) if not f.is_total and f.num is not None]
        if not rows:
            return None
        mean = (sum((dec(f.raw) for f in rows), Decimal(0)) / len(rows)).quantize(
            Decimal(1).scaleb(-mean_places(rows)), ROUND_HALF_UP
        )
        return mean, f"{len(rows)}{self.measure(t)}{self.kind_word(t)}的平均"

    def _filtered(self, plan: Plan, t: TableSchema, col: str, month: str) -> list[Fact]:
        """Rows meeting the condition: the figures of `col`, the condition tested on its own column."""
        c = plan.cond
        if c.level:
            level = self._level(plan, t, col)
            if level is None:
                return []
            fs = [f for f in self.rows(t, col, month, plan) if not f.is_total and f.num is not None]
            return [f for f in fs if (dec(f.raw) < level[0] if c.cmp == "<" else dec(f.raw) > level[0])]
        if c.other:  # row by row: this column against another
            mine = [f for f in self.rows(t, col, month, plan) if not f.is_total]
            theirs = {
                f.entity_key or f.label: f for f in self.rows(t, c.other, month, plan) if not f.is_total
            }
            keep = []
            for f in mine:
                o = theirs.get(f.entity_key or f.label)
                if o is not None and (
                    rank_value(f) < rank_value(o) if c.cmp == "<" else rank_value(f) > rank_value(o)
                ):
                    keep.append(f)
            return keep
        if c.column and c.column != col:
            own = self._filtered(replace(plan, columns=[c.column]), t, c.column, month)
            keep = {f.entity_key or f.label for f in own}
            rows = [f for f in self.rows(t, col, month, plan, numeric=False) if not f.is_total]
            return [f for f in rows if (f.entity_key or f.label) in keep]
        if c.cmp in ("full", "partial") and col not in t.parts:
            col = next((p for p in plan.columns if t.parts.get(p) == col), col)  # the part named with it
        fs = [f for f in self.rows(t, col, month, plan, numeric=False) if not f.is_total or plan.by_month]
        if c.raw:
            return [f for f in fs if normalize(f.raw) == normalize(c.raw)]
        if c.cmp in ("full", "partial") and col in t.parts:
            # 「没有全部上线的区」: a part (已上线) short of the whole its rate divides it by (中心数)
            whole = {
                f.entity_key or f.label: f.num
                for f in self.rows(t, t.parts[col], month, plan)
                if not f.is_total or plan.by_month
            }
            got = [(f, whole.get(f.entity_key or f.label)) for f in fs if f.num is not None]
            if c.cmp == "full":
                return [f for f, w in got if w is not None and f.num == w]
            return [f for f, w in got if w is not None and f.num < w]
        if c.cmp == "full":
            return [
                f
                for f in fs
                if (f.kind == "ratio" and f.num == f.den) or (t.columns[col].kind == "rate" and f.num == 100)
            ]
        if c.cmp == "partial":
            return [
                f
                for f in fs
                if (f.kind == "ratio" and f.num < f.den)
                or (t.columns[col].kind == "rate" and f.num is not None and f.num < 100)
            ]
        if c.cmp == "missing":
            return [f for f in fs if f.kind == "missing"]
        _, v = self._cond_value(plan, t, col)
        if v is None:
            return []
        x = Decimal(str(v))
        test = {
            ">": lambda a: a > x,
            ">=": lambda a: a >= x,
            "<": lambda a: a < x,
            "<=": lambda a: a <= x,
            "=": lambda a: a == x,
        }[c.cmp]
        out = [
            f for f in fs if f.num is not None and f.kind in ("int", "dec", "level") and test(rank_value(f))
        ]
        return sorted(out, key=lambda f: -rank_value(f))

    def op_filter(self, plan: Plan, t: TableSchema) -> Answer | None:
        col = plan.columns[0] if plan.columns else self._ratio_column(t, plan)
        if col is None or plan.cond is None:
            return None
        if plan.change:
            return self._change_filter(plan, t, col)
        if (
            plan.cond.cmp in (">", ">=", "<", "<=", "=")
            and plan.cond.value is None
            and not plan.cond.raw
            and not plan.cond.other
            and not plan.cond.level
        ):
            return None  # a threshold not read is no 「没有」: it is refused, never compared
        month = self.month(plan, t, col)
        fs = self._filtered(plan, t, col, month)
        tested = plan.cond.column or col  # 「江宁的医院评级」: rows by 所属区, their 评级 shown
        cond, _ = self._cond_value(plan, t, tested)
        if plan.cond.raw and fs and tested == col:
            cond = f"为 {fs[0].raw}"  # as printed (C, not the c the question was read in)
        word = self.kind_word(t)
        m = self.measure(t)
        when = (month_label(month) if t.row_kind == "entity" else "") + self.among(plan)
        if plan.by_month:
            when, word, m = self.among(plan), "月份", "个"
        if not fs:
            return self.answer(plan, f"{when}没有{tested}{cond}的{word}（共0{m}）。", [])
        shown = fs[:MAX_LIST]

        def name(f: Fact) -> str:
            return month_label(f.data_month) if plan.by_month else self.name(f)

        if (plan.cond.raw and tested == col) or plan.cond.cmp == "missing":  # the names say it all
            items = "、".join(name(f) for f in shown)
        elif plan.cond.other:  # 「支出比收入多的月份」: each row's two figures and by how much
            theirs = {
                f.entity_key or f.label: f
                for f in self.rows(t, plan.cond.other, month, plan)
                if not f.is_total
            }

            def against(f: Fact) -> str:
                o = theirs[f.entity_key or f.label]
                by = fmt_num(abs(dec(f.raw) - dec(o.raw)))
                more = "多" if plan.cond.cmp == ">" else "少"
                return (
                    f"{name(f)} {self.val(f)}（{plan.cond.other} {self.val(o)}，{more} {by}{self.unit(f)}）"
                )

            items = "；".join(against(f) for f in shown)
        else:
            items = "；".join(f"{name(f)} {self.val(f)}" for f in shown)
        more = f"等（另有 {len(fs) - MAX_LIST} {m}未列出）" if len(fs) > MAX_LIST else ""
        text = f"{when}{tested}{cond}的{word}共{len(fs)}{m}：{items}{more}。"
        return self.answer(
            plan,
            text + self.cite(fs),
            fs,
            [[word, col]] + [[self.name(f), self.val(f)] for f in shown],
            self.bar(f"{when}{col}{cond}", col, shown),
        )

    @staticmethod
    def among(plan: Plan) -> str:
        """The rows a question kept by a text they print (「所属区为鼓楼区、」), said before what is asked."""
        return "".join(f"{col}为{text}、" for col, text in plan.having)

    def op_count(self, plan: Plan, t: TableSchema) -> Answer | None:
        return self.op_filter(plan, t)

    @staticmethod
    def _ratio_column(t: TableSchema, plan: Plan) -> str | None:
        if plan.cond and (plan.cond.raw or plan.cond.cmp in ("full", "partial")):
            ratios = [c for c, i in t.columns.items() if i.dim == "ratio"]
            return ratios[0] if len(ratios) == 1 else None
        return None

    # -- comparisons --------------------------------------------------------------------------------
    def _pair(self, plan: Plan, t: TableSchema) -> tuple[Fact, Fact, str, str, str] | Answer | None:
        """The two figures compared: (a, b, heading, a's name, b's name), or a refusal."""
        cols = plan.columns
        if not cols:
            return None
        if plan.vs_total:  # 「江宁区覆盖率比全市高多少」: the row against the table's total row
            month = self.month(plan, t, cols[0])
            a, b = self.cell(t, cols[0], month, plan.entities[0]), self.cell(t, cols[0], month)
            if a is None or b is None or a.num is None or b.num is None:
                return self.missing(plan, t, plan.entities[0] if a is None else None, cols[0], month)
            return a, b, f"{month_label(month)}{cols[0]}：", self.name(a), self.name(b)
        if len(plan.months) >= 2 or (plan.prev_month and len(plan.entities) < 2 and len(cols) < 2):
            return self._month_pair(plan, t, cols[0])
        if len(plan.entities) >= 2:
            month = self.month(plan, t, cols[0])
            k1, k2 = plan.entities[:2]
            a, b = self.cell(t, cols[0], month, k1), self.cell(t, cols[0], month, k2)
            if a is None or b is None or a.num is None or b.num is None:
                return self.missing(plan, t, k1 if a is None else k2, cols[0], month)
            return a, b, f"{month_label(month)}{cols[0]}：", self.name(a), self.name(b)
        if len(cols) >= 2:
            month = self.month(plan, t, cols[0])
            key = plan.entities[0] if plan.entities else None
            a, b = self.cell(t, cols[0], month, key), self.cell(t, cols[1], month, key)
            if a is None or b is None or a.num is None or b.num is None:
                return None
            who = self.who(key) if key else ""
            return a, b, f"{month_label(month)}{who}", a.column, b.column
        return self._month_pair(plan, t, cols[0])

    def _month_pair(self, plan: Plan, t: TableSchema, col: str):
        """The same figure in two months (the later first)."""
        cols = [col]
        key = plan.entities[0] if plan.entities else None
        months = self.months(plan, t, cols[0])
        if len(months) < 2:
            return self.refuse(plan, f"没有{month_label(months[0])}之前一个月的数据，无法比较。")
        old, new = months[0], months[-1]
        a, b = self.cell(t, cols[0], new, key), self.cell(t, cols[0], old, key)
        if a is None or b is None or a.num is None or b.num is None:
            return self.missing(plan, t, key, cols[0], new if a is None else old)
        who = self.who(key) if key else ""
        return a, b, f"{who}{cols[0]}：", month_label(new), month_label(old)

    def _changes(self, plan: Plan, t: TableSchema, col: str):
        """(earlier month, later month, [(change, later fact, earlier fact)], rows of the later month) for
        the rows printed in both months, or a refusal when there are not two months to compare."""
        months = self.months(plan, t, col)
        if len(months) < 2:
            return self.refuse(plan, f"只有{month_label(months[0])}的{col}数据，无法比较变化。")
        m0, m1 = months[0], months[-1]
        now = [f for f in self.rows(t, col, m1, plan) if not f.is_total and f.num is not None]
        then = {f.entity_key: f for f in self.rows(t, col, m0, plan) if not f.is_total and f.num is not None}
        for m, got in ((m0, then), (m1, now)):
            if not got:  # a month the table does not print: nothing rose or fell, nothing is known
                return self.refuse(
                    plan,
                    f"没有{month_label(m)}的{col}数据，无法比较{month_label(m0)}和{month_label(m1)}的变化。",
                )
        pairs = [
            (dec(a.raw) - dec(then[a.entity_key].raw), a, then[a.entity_key])
            for a in now
            if a.entity_key in then
        ]
        return m0, m1, pairs, len(now)

    def _change_rank(self, plan: Plan, t: TableSchema, col: str) -> Answer | None:
        """Rows ranked by their change between two months (「哪家医院增加得最多」), each with its
        arithmetic; rows missing in either month are left out and said so."""
        got = self._changes(plan, t, col)
        if isinstance(got, Answer):
            return got
        m0, m1, pairs, printed = got
        moved = [
            (d / dec(b.raw) * 100 if plan.growth else d, d, a, b)
            for d, a, b in pairs
            if not (plan.growth and not dec(b.raw))
        ]
        if not moved:
            return self.refuse(plan, f"{month_label(m0)}和{month_label(m1)}没有可比较的{col}数据。")
        desc = plan.order == "desc"
        moved.sort(key=lambda x: x[0], reverse=desc)
        n = plan.n or len(moved)
        edge = moved[min(n, len(moved)) - 1][0]
        top = [x for x in moved if (x[0] >= edge if desc else x[0] <= edge)]
        unit = self.unit(moved[0][2])
        unit = "个百分点" if unit == "%" else unit  # two rates differ by points (80.0 → 83.3 is +3.3 points)
        lead = top[0][0]
        how = ("增加最多" if lead >= 0 else "减少最少") if desc else ("减少最多" if lead < 0 else "增加最少")
        how = ("增幅" if plan.growth else "") + how.replace("增加最多", "最大" if plan.growth else "增加最多")

        def one(x) -> str:
            v, d, a, b = x
            text = f"{self.name(a)}（{b.raw} → {a.raw}，{'+' if d >= 0 else '−'}{fmt_num(abs(d))} {unit}"
            return text + (f"，{fmt_num(v)}%" if plan.growth else "") + "）"

        head = f"{month_label(m1)}比{month_label(m0)}，{col}{how}的"
        skipped = printed - len(moved)
        tail = f"（{skipped} {self.measure(t)}两月不全，未计入）" if skipped else ""
        text = f"{head}{self.kind_word(t)}：" + "；".join(one(x) for x in top) + "。" + tail
        used = [f for x in top for f in (x[2], x[3])]
        return self.answer(plan, text.replace(" （", "（") + self.cite(used), used)

    def _change_filter(self, plan: Plan, t: TableSchema, col: str) -> Answer | None:
        """Rows whose figure rose (cmp >), fell (cmp <) or stayed the same (cmp =) between two months, each
        with its change."""
        got = self._changes(plan, t, col)
        if isinstance(got, Answer):
            return got
        m0, m1, pairs, _ = got
        keep, used = [], []
        cmp = plan.cond.cmp
        for d, a, b in pairs:
            if (d > 0) if cmp in (">", ">=") else (d < 0) if cmp in ("<", "<=") else (d == 0):
                change = f"，{'+' if d >= 0 else '−'}{fmt_num(abs(d))}" if d else ""
                keep.append(f"{self.name(a)}（{b.raw} → {a.raw}{change}）")
                used += [a, b]
        way = "增加" if cmp in (">", ">=") else "减少" if cmp in ("<", "<=") else "持平（没有变化）"
        head = f"{month_label(m1)}比{month_label(m0)}，{col}{way}的{self.kind_word(t)}"
        if not keep:
            return self.answer(plan, f"{head}：没有。" + self.cite([b for _, _, b in pairs[:1]]), [])
        text = f"{head}共 {len(keep)} {self.measure(t)}：" + "；".join(keep) + "。"
        return self.answer(plan, text + self.cite(used), used)

    def op_diff(self, plan: Plan, t: TableSchema) -> Answer | None:
        if plan.summed and len(plan.months) >= 2 and len(plan.entities) < 2 and not plan.vs_total:
            return self._diff_of_sums(plan, t)
        pair = self._pair(plan, t)
        if not isinstance(pair, tuple):
            return pair
        a, b, head, na, nb = pair
        d = dec(a.raw) - dec(b.raw)
        unit = self.unit(a)
        # one figure over time rises or falls (增加/减少); two rows are more or less than each other
        over_time = all(re.fullmatch(r"\d{4}年\d{1,2}月", n) for n in (na, nb))
        more, less = ("增加", "减少") if over_time else ("多", "少")
        if unit == "%":
            # two rates differ by points, not by per cent of one another: rises or falls, higher or lower
            more, less = ("上升", "下降") if over_time else ("高", "低")
            unit = "个百分点"
        how = f"{na}与{nb}持平" if d == 0 else f"{na}比{nb}{more if d > 0 else less} {fmt_num(abs(d))} {unit}"
        text = f"{head}{na} {self.val(a)}，{nb} {self.val(b)}；{how}（{a.raw} − {b.raw} = {fmt_num(d)}）"
        if plan.growth and dec(b.raw):
            g = d / dec(b.raw) * 100
            text += f"，{'增长' if d >= 0 else '下降'} {fmt_num(abs(g))}%（{fmt_num(d)} ÷ {b.raw} × 100%）"
        text = text.replace(" （", "（") + "。"
        return self.answer(plan, text + self.cite([a, b]), [a, b])

    def _diff_of_sums(self, plan: Plan, t: TableSchema) -> Answer | None:
        """「1到5月新建床减去撤床」: two figures of one row (or of a month series) over the months asked,
        each added up, then one less the other — the arithmetic shown."""
        key = plan.entities[0] if plan.entities else None
        months = self.months(plan, t, plan.columns[0])
        sums, shown, cited = [], [], []
        for col in plan.columns:
            facts = [self.cell(t, col, m, key) for m in months]
            if any(f is None or f.num is None for f in facts):
                gap = next(m for m, f in zip(months, facts, strict=True) if f is None or f.num is None)
                return self.missing(plan, t, key, col, gap)
            total = sum((dec(f.raw) for f in facts), Decimal(0))
            sums.append(total)
            shown.append(
                f"{col}合计 {fmt_num(total)} {self.unit(facts[0])}（{' + '.join(f.raw for f in facts)}）"
            )
            cited += facts
        if {self.unit(f) for f in cited} != {self.unit(cited[0])}:
            return None  # figures in different units are never subtracted
        d = sums[0] - sums[1]
        who = self.who(key) if key else ""
        a, b = plan.columns
        text = (
            f"{self._span(months)}{who}{'，'.join(shown)}；{a}比{b}{'多' if d >= 0 else '少'} "
            f"{fmt_num(abs(d))} {self.unit(cited[0])}（{fmt_num(sums[0])} − {fmt_num(sums[1])} = {fmt_num(d)}）。"
        )
        return self.answer(plan, text.replace(" （", "（") + self.cite(cited), cited)

    def op_ratio(self, plan: Plan, t: TableSchema) -> Answer | None:
        pair = self._pair(plan, t)
        if not isinstance(pair, tuple):
            return pair
        a, b, head, na, nb = pair
        if not dec(b.raw):
            return None
        r = dec(a.raw) / dec(b.raw)
        text = f"{head}{na} {self.val(a)}，{nb} {self.val(b)}；前者是后者的 {fmt_num(r)} 倍（{a.raw} ÷ {b.raw}）。"
        return self.answer(plan, text + self.cite([a, b]), [a, b])

    def op_share(self, plan: Plan, t: TableSchema) -> Answer | None:
        if not plan.columns:
            named = [c for c in plan.whole if c != "*"]
            if not (plan.entities and len(named) == 1):
                return None
            # 「系统漏洞占全部发现隐患的比例」: a row's share of the one column named as the whole — the row's
            # figure of that column over its total row
            plan = replace(plan, columns=named)
        if len(plan.months) >= 2:
            return self._share_over_months(plan, t)
        col = plan.columns[0]
        # 「诊疗合计里夜间占多大比例」: of two columns named, the 其中 one is the part, the other the whole
        named_parts = [c for c in plan.columns if normalize(c).startswith(words("parts_mark"))]
        part_of: list[str] = []
        if len(plan.columns) >= 2 and len(named_parts) == 1 and not [c for c in plan.whole if c != "*"]:
            col, part_of = named_parts[0], [c for c in plan.columns if c != named_parts[0]]
        if plan.whole_months:
            return self._share_of_other_months(plan, t)
        month = self.month(plan, t, col)
        named_whole = [c for c in plan.whole if c != "*"] or part_of
        if plan.ranked and named_whole and named_whole != [col]:
            return self._share_rank(plan, t, col, named_whole, month)
        keys: list[str | None] = list(plan.entities) or [None]
        parts = [f for k in keys if (f := self.cell(t, col, month, k)) is not None and f.num is not None]
        if not parts:
            return self.missing(plan, t, keys[0], col, month)
        whole_cols = [c for c in plan.whole if c != "*"] or part_of
        if whole_cols == [col] and plan.entities:
            # 「六合占全市参合人数的百分之几」: the row's figure over the column's whole (its 合计 row), not over
            # the row's own figure
            whole_cols = []
        if len(plan.columns) >= 2 and not whole_cols:
            whole_cols = plan.columns[1:]
            # 「接入机构中社区卫生服务中心占多大比例」: a 其中 part is of the other column named, alone
            part_of = normalize(col).startswith(words("parts_mark"))
            if t.columns[whole_cols[0]].role != "total" and not part_of:
                whole_cols = plan.columns
        if whole_cols:
            key = keys[0]
            wf = [
                f for c in whole_cols if (f := self.cell(t, c, month, key)) is not None and f.num is not None
            ]
            base = sum((dec(f.raw) for f in wf), Decimal(0))
            how = "+".join(f.column for f in wf)
            used = parts + [f for f in wf if f not in parts]
        else:
            # 「占全部预约挂号合计」: the total column, when it sums things like the part (the same unit).
            grand = t.total_column if plan.whole == ["*"] and t.total_column else None
            same = (
                grand
                and t.columns[grand].dim == t.columns[col].dim
                and t.columns[grand].unit == t.columns[col].unit
            )
            whole_col = grand if same else col
            total = self.cell(t, whole_col, month) if t.row_kind == "entity" and len(t.entities) > 1 else None
            if total is not None and total.is_total and total.num is not None:
                base, how, used = dec(total.raw), f"表中合计（{whole_col}）", parts + [total]
            else:
                rows = [f for f in self.rows(t, whole_col, month, plan) if not f.is_total]
                base = sum((dec(f.raw) for f in rows), Decimal(0))
                how, used = f"{len(rows)} {self.measure(t)}{self.kind_word(t)}之和", parts
        if not base:
            return None
        part = sum((dec(f.raw) for f in parts), Decimal(0))
        if part == base and all(f.is_total for f in parts) and not plan.entities:
            # the whole over itself (「急诊占门急诊的比例最高的医院」 read as one column): no answer at all
            return self.refuse(plan, f"{col}占它自身的比例无从计算；请说明是哪一项占哪一项。")
        pct = part / base * 100
        # (a month series' row is the month already said: no 「1997年5月1997年5月」)
        who = "" if t.row_kind == "period" else "、".join(self.name(f) for f in parts if not f.is_total)
        text = (
            f"{month_label(month)}{who}{col} {fmt_num(part)} {self.unit(parts[0])}，占{how} {fmt_num(base)} 的 "
            f"{share_text(pct, fmt_num(part), fmt_num(base))}。"
        )
        return self.answer(plan, text.replace(" 的", "的") + self.cite(used), used)

    def _divide(self, plan: Plan, t: TableSchema, num: str, den: str, money: bool) -> Answer | None:
        """num ÷ den per row asked, per one counted thing (a 万笔 or 万家 denominator is 10⁴ of them):
        money in 元 (万元 × 10000), any other figure in its printed unit."""
        month = self.month(plan, t, num)
        keys: list[str | None] = list(plan.entities) or [None]
        nscale = Decimal(str(t.columns[num].factor)) if money else Decimal(1)
        dscale = Decimal(str(t.columns[den].factor))
        out, used = [], []
        for key in keys:
            n, d = self.cell(t, num, month, key), self.cell(t, den, month, key)
            if n is None or d is None or n.num is None or not d.num:
                return self.missing(plan, t, key, num if n is None else den, month)
            v = dec(n.raw) * nscale / (dec(d.raw) * dscale)
            who = self.who(key) if key else "合计"
            per = t.columns[den].dim.partition(":")[2] or self.unit(d) or ("人次" if money else "")
            nconv = f" × {fmt_num(nscale)}" if nscale != 1 else ""
            dconv = f" × {fmt_num(dscale)}" if dscale != 1 else ""
            if money:
                about = f"（约 {fmt_num(round(v / 10000, 2))} 万元）" if v >= 10000 else ""
                out.append(
                    f"{who}平均每{per}{num} {fmt_num(v)} 元{about}"
                    f"（{num} {n.raw} {self.unit(n)}{nconv} ÷ {den} {d.raw} {self.unit(d)}{dconv}）"
                )
            else:
                out.append(
                    f"{who}平均每{per}{den}{num} {fmt_num(v)} {self.unit(n)}（{num} {n.raw} ÷ {den} {d.raw}{dconv}）"
                )
            used += [n, d]
        return self.answer(plan, f"{month_label(month)}，" + "；".join(out) + "。" + self.cite(used), used)

    def _share_of_other_months(self, plan: Plan, t: TableSchema) -> Answer | None:
        """「7月罚没款占1-7月合计的比例」: the part's months over the whole's months (the same column,
        or the whole's columns), each summed."""
        key = plan.entities[0] if plan.entities else None
        col = plan.columns[0]
        whole_cols = [c for c in plan.whole if c != "*"] or [col]

        def cells(cols: list[str], months: list[str]) -> list[Fact]:
            return [
                f
                for m in sorted(months)
                for c in cols
                if (f := self.cell(t, c, m, key)) is not None and f.num is not None
            ]

        part, base = cells([col], plan.months), cells(whole_cols, plan.whole_months)
        if not part:
            return self.missing(plan, t, key, col, sorted(plan.months)[-1])
        if len(base) < len(plan.whole_months) * len(whole_cols):
            return self.refuse(
                plan, f"{self._span(plan.whole_months)}的{'+'.join(whole_cols)}数据不全，无法计算占比。"
            )
        a, b = sum((dec(f.raw) for f in part), Decimal(0)), sum((dec(f.raw) for f in base), Decimal(0))
        if not b:
            return None
        unit = self.unit(part[0])
        text = (
            f"{self._span(plan.months)}{self.who(key) if key else ''}{col} {fmt_num(a)} {unit}，"
            f"占{self._span(plan.whole_months)}{_summed('+'.join(whole_cols))} {fmt_num(b)} {unit}的 "
            f"{share_text(a / b * 100, fmt_num(a), fmt_num(b))}。"
        )
        used = part + [f for f in base if f not in part]
        return self.answer(plan, text + self.cite(used), used)

    @staticmethod
    def _span(months: list[str]) -> str:
        ms = sorted(months)
        return month_label(ms[0]) if len(ms) == 1 else f"{month_label(ms[0])}至{month_label(ms[-1])}"

    def _share_over_months(self, plan: Plan, t: TableSchema) -> Answer | None:
        """「1-10月医生端调阅占调阅总量的比例」: the part's figures over the months, over the whole's."""
        key = plan.entities[0] if plan.entities else None
        whole = [c for c in plan.whole if c != "*"] or plan.columns[1:2] or [t.total_column or ""]
        if not whole[0] or whole[0] == plan.columns[0]:
            return None
        months = sorted(plan.months)
        part = [
            f
            for m in months
            if (f := self.cell(t, plan.columns[0], m, key)) is not None and f.num is not None
        ]
        base = [
            f
            for m in months
            for c in whole
            if (f := self.cell(t, c, m, key)) is not None and f.num is not None
        ]
        if not part or not base:
            return None
        a, b = sum((dec(f.raw) for f in part), Decimal(0)), sum((dec(f.raw) for f in base), Decimal(0))
        if not b:
            return None
        span = f"{month_label(months[0])}至{month_label(months[-1])}"
        text = (
            f"{span}{plan.columns[0]}合计 {fmt_num(a)} {self.unit(part[0])}，{_summed('+'.join(whole))} {fmt_num(b)}，"
            f"占 {share_text(a / b * 100, fmt_num(a), fmt_num(b))}。"
        )
        return self.answer(plan, text + self.cite(part + base), part + base)

    def _share_rank(
        self, plan: Plan, t: TableSchema, col: str, whole_cols: list[str], month: str
    ) -> Answer | None:
        """「哪家医院变异退出人数占入径人数的比例最高」: each row's figure over its own whole, ranked."""
        wholes = {c: {f.entity_key or f.label: f for f in self.rows(t, c, month, plan)} for c in whole_cols}
        shares = []
        for f in self.rows(t, col, month, plan):
            key = f.entity_key or f.label
            base = [w[key] for w in wholes.values() if key in w and w[key].num is not None]
            if f.is_total or f.num is None or len(base) != len(whole_cols):
                continue
            b = sum((dec(x.raw) for x in base), Decimal(0))
            if b:
                shares.append((dec(f.raw) / b * 100, f, base))
        if not shares:
            return self.refuse(plan, f"{month_label(month)}没有可计算的{col}占比。")
        desc = plan.order == "desc"
        shares.sort(key=lambda s: s[0], reverse=desc)
        n = max(plan.n, 1)
        top = [
            s
            for s in shares
            if (
                s[0] >= shares[min(n, len(shares)) - 1][0]
                if desc
                else s[0] <= shares[min(n, len(shares)) - 1][0]
            )
        ]
        whole = "+".join(whole_cols)
        hi = "最高" if desc else "最低"
        lines = [
            f"{self.name(f)} {share_text(v, fmt_num(dec(f.raw)), fmt_num(sum((dec(x.raw) for x in b), Decimal(0))))}"
            for v, f, b in top
        ]
        head = f"{month_label(month)}{col}占{whole}的比例{hi}的{self.kind_word(t)}"
        text = f"{head}：" + "；".join(lines) + "。" if len(lines) > 1 else f"{head}是{lines[0]}。"
        used = [x for _, f, b in top for x in (f, *b)]
        return self.answer(plan, text + self.cite(used), used)

    def op_per(self, plan: Plan, t: TableSchema) -> Answer | None:
        """Money per count within one group of columns (门急诊收入 ÷ 门急诊人次, in 元); or one column per
        unit of another that the question divides by (服务人次 per 开展机构)."""
        if plan.per_unit and len(plan.columns) == 2:
            return self._divide(plan, t, *plan.columns, money=False)
        if len(plan.columns) == 2 and t.columns[plan.columns[0]].dim == "money":
            return self._divide(plan, t, *plan.columns, money=True)  # the pair the planner read: 金额 ÷ 笔数
        money = next((c for c in plan.columns if t.columns[c].dim == "money"), None)
        if money is None:
            money = next(
                (
                    c
                    for c, i in t.columns.items()
                    if i.dim == "money" and (not plan.columns or i.group == t.columns[plan.columns[0]].group)
                ),
                None,
            )
        if money is None:
            return None
        group = t.columns[money].group
        count = next(
            (
                c
                for c, i in t.columns.items()
                if i.group == group and i.dim.startswith("count") and c != money
            ),
            None,
        )
        if count is None and t.columns[money].group:
            # 即时结报人次 / 住院 beside 补偿金额 / 住院: the count printed under the same leaf in another group
            leaf = t.columns[money].leaf
            same = [
                c
                for c, i in t.columns.items()
                if c != money and i.leaf == leaf and i.group and (not i.dim or i.dim.startswith("count"))
            ]
            count = same[0] if len(same) == 1 else None
        if count is None:
            return None
        return self._divide(plan, t, money, count, money=True)


SHARE_TAILS = (
    "占比",
    "比例",
    "比重",
    "构成",
)  # parts of one whole: rows' shares add up; rates (完成率) do not


SLASH_SAYS = re.compile(r"[，,]?\s*(?:以|用)?\s*[“\"]?[/／][”\"]?\s*(?:表示|代替|标注)[，,]?")


def slash_reason(notes: list[str], label: str, col: str) -> str:
    """Why a cell prints 「/」, as the table's note says: the sentence of a note that speaks of 「/」 and
    names the row (「南京明基医院5月自助缴费系统升级改造，数据未统计，以“/”表示」), else one that names the
    column, else one that opens with it (「“/”表示该渠道未开通此项服务」); "" when no note says."""
    every = note_clauses(notes)
    clauses = [c for c in every if slashed(c)]
    label, col = normalize(label), normalize(col)
    # 「“/”表示无数据。南京市胸科医院急诊数据未单独统计…」: the sentence on the row says why, even when the
    # 「/」 is explained in general in another one, or nowhere (「高淳县…尚在部署中，本月无录入数据」)
    own = [
        c
        for c in every
        if c not in clauses
        and len(label) >= 2
        and label in normalize(c)
        # … a sentence that says no figure is there (「尚在部署中，本月无录入数据」), not any that names it
        and (clauses or any(w in c for w in words("no_figure_said")))
    ]
    clauses = own + clauses

    def names(c: str, what: str) -> bool:
        return len(what) >= 2 and (what in c or what[:-1] in c and len(what) >= 4)

    def general(c: str) -> bool:  # 「“/”表示…」 speaks of every 「/」, not of one row's
        return re.match(r"^[“\"]?[/／]", c) is not None

    for fits in (lambda c: names(c, label), lambda c: names(c, col), general):
        got = [c for c in clauses if fits(normalize(c))]
        if got:
            return SLASH_SAYS.sub("，", got[0]).strip("，, ")
    return ""
