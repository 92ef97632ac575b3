"""Plan → parameterised SQL (through the store) → an Answer that quotes the figures as printed.

Computed figures always show their arithmetic; every figure used is cited by table, row and line.
"""

from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from qa.lexicon import Catalogue, normalize, units
from qa.model import Answer, Fact, Source
from qa.store import Store
from qa.tableqa.plan import COMPARE, OPS, PLURAL, PREV_MONTH, SUM_WORDS, Plan, Planner, inherit

KIND_WORD = {"hospital": "医院", "district": "区", "channel": "渠道", "other": "单位"}
MEASURE = {"hospital": "家", "district": "个", "channel": "个", "other": "个"}
MAX_LIST = 12


def month_label(m: str) -> str:
    return f"{int(m[:4])}年{int(m[5:])}月"


def dec(raw: str) -> Decimal:
    return Decimal(raw.replace(",", ""))


def fmt_num(x: Decimal, places: int = 2) -> str:
    """A computed number: whole numbers as such, others rounded to `places` decimals."""
    if x == x.to_integral_value():
        return str(int(x))
    q = x.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format(q.normalize(), "f")


class TableQA:
    """Answers table questions from the store; `answer` returns None when the question is not one."""

    def __init__(self, store: Store, catalogue: Catalogue, words=None):
        self.store = store
        self.cat = catalogue
        self.columns = store.columns()
        self.col_units = store.column_units()
        self.months = store.months()
        self.column_months = store.column_months()  # column → months that have it, oldest first
        self.ratio_columns = [c for c, kinds in store.cell_kinds().items() if kinds == {"ratio"}]
        self.planner = Planner(
            catalogue,
            self.columns,
            self.months,
            store.issue_month,
            self.col_units,
            words,
            store.title_words(),
        )
        self.default_units = units()[1]

    # -- entry ------------------------------------------------------------------------------------
    def plan_with_history(self, question: str, history: list[dict]) -> Plan:
        prev = None
        last_assistant = ""
        for turn in history:
            if turn["role"] == "user":
                p = self.planner.plan(turn["content"])
                prev = inherit(p, prev) if p.has_target or p.months else prev
            else:
                last_assistant = turn["content"]
        plan = self.planner.plan(question)
        if prev and plan.pronoun and not plan.entities and not prev.entities and last_assistant:
            # 「它的…」「它们的…」 after a ranking or a list: the entities the last answer named.
            found = list(dict.fromkeys(k for _, _, k in self.cat.find(normalize(last_assistant))))
            if found:
                prev.entities = found if PLURAL.search(normalize(question)) else found[:1]
        is_followup = prev is not None and (not plan.entities or not plan.metrics or not plan.months)
        return inherit(plan, prev) if is_followup else plan

    def answer(self, question: str, history: list[dict] | None = None) -> Answer | None:
        plan = self.plan_with_history(question, history or [])
        if plan.unknown_names and not plan.entities and (plan.metrics or plan.derived):
            return self._refuse(
                plan, f"简报表格中没有「{plan.unknown_names[0]}」的数据。" + self._offer(plan)
            )
        if not plan.sure or not (plan.has_target or plan.op in ("count",) and plan.cond):
            return None
        if plan.missing_months:
            have = "、".join(month_label(m) for m in self.months) or "无"
            said = "、".join(
                month_label(m) if re.match(r"\d{4}-\d{2}$", m) else m for m in plan.missing_months
            )
            return self._refuse(plan, f"已收录的简报中没有{said}的数据。现有数据月份：{have}。")
        if PREV_MONTH.search(normalize(plan.question)) and COMPARE.search(normalize(plan.question)):
            # 「比上个月多还是少？」: the month asked about (or the latest) against the one before it.
            base = plan.months[0] if plan.months else self._month(plan, self._metric(plan))
            earlier = [m for m in self.months if m < (base or "")]
            if not earlier:
                return self._refuse(plan, f"没有{month_label(base)}之前一个月的数据，无法比较。")
            plan.months = [earlier[-1], base]
            plan.op = "diff"
        handler = getattr(self, "op_" + plan.op, None)
        if handler is None:
            return None
        ans = handler(plan)
        if ans is not None:
            ans.context = {"plan": plan}
        return ans

    # -- helpers ----------------------------------------------------------------------------------
    def _refuse(self, plan: Plan, text: str) -> Answer:
        return Answer(plan.question, text, False, "none", context={"plan": plan})

    def _offer(self, plan: Plan) -> str:
        kind = plan.kind or "hospital"
        names = [e.name for e in self.cat.entities.values() if e.kind == kind][:5]
        return f"可以查询的{KIND_WORD.get(kind, '单位')}例如：{'、'.join(names)}等。" if names else ""

    def _month(self, plan: Plan, column: str | None = None) -> str | None:
        if plan.months:
            return plan.months[0]
        if column and column in self.column_months:
            return self.column_months[column][-1]
        return self.months[-1] if self.months else None

    def _kind(self, plan: Plan, column: str) -> str | None:
        kinds = self.columns.get(column, set())
        if plan.kind in kinds:
            return plan.kind
        if len(kinds) == 1:
            return next(iter(kinds))
        return "hospital" if "hospital" in kinds else (sorted(kinds)[0] if kinds else None)

    def unit(self, f: Fact) -> str:
        return f.unit or self.default_units.get(f.column, "")

    def val(self, f: Fact) -> str:
        if f.kind == "missing":
            return "未上报（表中为“/”）"
        return f"{f.raw} {self.unit(f)}".strip()

    def name(self, f: Fact) -> str:
        return f.label

    def _sources(self, facts: list[Fact]) -> list[Source]:
        out, seen = [], set()
        for f in facts:
            if f.row_id in seen:
                continue
            seen.add(f.row_id)
            row = self.store.facts(row_id=f.row_id, totals=None)
            text = f"{f.label}：" + "，".join(
                f"{r.column} {r.raw}{(' ' + r.unit) if r.unit else ''}" for r in row
            )
            out.append(Source(f.issue, f.table, "table", text, f.line, f.file))
            if len(out) >= 8:
                break
        return out

    def _answer(
        self, plan: Plan, text: str, facts: list[Fact], table: list[list[str]] | None = None
    ) -> Answer:
        return Answer(plan.question, text, True, "table", self._sources(facts), table=table)

    def _metric(self, plan: Plan) -> str | None:
        if plan.metrics:
            return plan.metrics[0]
        kinds = [plan.kind] if plan.kind else []
        if plan.entities and plan.entities[0] in self.cat.entities:
            kinds = [self.cat.entities[plan.entities[0]].kind]
        cols = [c for c, ks in self.columns.items() if set(kinds) & ks]
        return cols[0] if len(cols) == 1 else None

    def _missing(self, plan: Plan, key: str, column: str, month: str) -> Answer:
        ent = self.cat.entities[key].name
        months = self.store.entity_months(key)
        has_col = [m for m in months if self.store.facts(month=m, column=column, entities=[key], limit=1)]
        if has_col:
            more = f"有该项数据的月份：{'、'.join(month_label(m) for m in has_col)}。"
        else:
            others = sorted({f.column for f in self.store.facts(month=month, entities=[key])})
            more = (
                f"该{KIND_WORD.get(self.cat.entities[key].kind, '单位')}可查的指标：{'、'.join(others)}。"
                if others
                else ""
            )
        return self._refuse(plan, f"简报中没有{ent}{month_label(month)}的{column}数据。{more}")

    # -- operations -------------------------------------------------------------------------------
    def op_lookup(self, plan: Plan) -> Answer | None:
        if not plan.entities:
            if SUM_WORDS.search(normalize(plan.question)) or re.search(r"合计", plan.question):
                return self.op_sum(plan)
            return None
        cols = plan.metrics or ([self._metric(plan)] if self._metric(plan) else [])
        if not cols:
            return None  # an entity and no metric: 「江苏省人民医院在哪」 is not a table question
        used, parts = [], []
        month = self._month(plan, cols[0])
        for key in plan.entities:
            bits = []
            for col in cols:
                fs = self.store.facts(month=month, column=col, entities=[key])
                if not fs:  # 「我的南京客户端预约了多少」: the entity's table has one column, use it
                    own = sorted({f.column for f in self.store.facts(month=month, entities=[key])})
                    if len(own) == 1:
                        col = own[0]
                        fs = self.store.facts(month=month, column=col, entities=[key])
                if not fs:
                    if len(plan.entities) == 1 and len(cols) == 1:
                        return self._missing(plan, key, col, month)
                    bits.append(f"{col}无数据")
                    continue
                f = fs[0]
                used.append(f)
                extra = (
                    f"（{int(f.num)}/{f.den}，共 {f.den} 张表单中上传 {int(f.num)} 张）"
                    if f.kind == "ratio"
                    else ""
                )
                bits.append(f"{col}为 {self.val(f)}{extra}")
            parts.append(f"{self.cat.entities[key].name}" + "，".join(bits))
        if not used:
            return self._missing(plan, plan.entities[0], cols[0], month)
        text = f"{month_label(month)}，" + "；".join(parts) + "。"
        return self._answer(plan, text + self._cite(used), used)

    def _cite(self, facts: list[Fact]) -> str:
        tables = []
        for f in facts:
            if f.table not in tables:
                tables.append(f.table)
        return f"（来源：{facts[0].issue}《{'》《'.join(tables[:2])}》）"

    def op_row(self, plan: Plan) -> Answer | None:
        if not plan.entities or not (plan.whole_row or plan.sure):
            return None
        key = plan.entities[0]
        month = self._month(plan)
        fs = self.store.facts(month=month, entities=[key])
        if not fs:
            return self._refuse(plan, f"简报中没有{self.cat.entities[key].name}{month_label(month)}的数据。")
        text = (
            f"{month_label(month)}，{self.cat.entities[key].name}："
            + "，".join(f"{f.column} {self.val(f)}" for f in fs)
            + "。"
        )
        return self._answer(
            plan, text + self._cite(fs), fs, [["指标", "数值"]] + [[f.column, self.val(f)] for f in fs]
        )

    def _ranked(self, plan: Plan, col: str, month: str, kind: str | None) -> list[Fact]:
        return self.store.facts(
            month=month, column=col, kind=kind, numeric=True, order=plan.order, exclude=plan.exclude or None
        )

    def _month_rank(self, plan: Plan, col: str) -> Answer | None:
        """「6到9月哪个月的线上预约合计最高？」: one figure per month (the entity's, or the table total)."""
        per: list[tuple[Decimal, Fact]] = []
        for m in sorted(plan.months) or self.months:
            if plan.entities:
                fs = self.store.facts(month=m, column=col, entities=plan.entities[:1], numeric=True)
                f = fs[0] if fs else None
            else:
                f = self._total_row(col, m, self._kind(plan, col))
            if f is not None:
                per.append((dec(f.raw), f))
        if not per:
            return None
        v, best = (max if plan.order == "desc" else min)(per, key=lambda t: t[0])
        hi = "最高" if plan.order == "desc" else "最低"
        who = self.cat.entities[plan.entities[0]].name if plan.entities else ""
        listing = "；".join(f"{month_label(f.data_month)} {f.raw}" for _, f in per)
        text = f"{who}{col}{hi}的是{month_label(best.data_month)}，为 {self.val(best)}（{listing}）。"
        return self._answer(plan, text + self._cite([f for _, f in per]), [f for _, f in per])

    def op_rank(self, plan: Plan) -> Answer | None:
        col = self._metric(plan)
        if col is None:
            return None
        if re.search(r"(哪个月|哪一个月|哪月)", normalize(plan.question)):
            return self._month_rank(plan, col)
        month = self._month(plan, col)
        kind = self._kind(plan, col)
        fs = self._ranked(plan, col, month, kind)
        if not fs:
            return self._refuse(plan, f"{month_label(month)}没有{col}的数据。")
        values = sorted({f.num for f in fs}, reverse=plan.order == "desc")
        word = KIND_WORD.get(kind, "单位")
        hi = "最高" if plan.order == "desc" else "最低"
        if plan.n > 1:
            cut = fs[min(plan.n, len(fs)) - 1].num  # the n-th row's value; rows tied with it come too
            top = [f for f in fs if (f.num >= cut if plan.order == "desc" else f.num <= cut)]
            lines = [f"{i}. {self.name(f)} {self.val(f)}" for i, f in enumerate(top, 1)]
            tie = "（含并列）" if len(top) > plan.n else ""
            head = "前" if plan.order == "desc" else "后"
            text = f"{month_label(month)}{col}{head}{plan.n}名的{word}{tie}：\n" + "\n".join(lines)
            return self._answer(
                plan,
                text + "\n" + self._cite(top),
                top,
                [["排名", KIND_WORD.get(kind, "单位"), col]]
                + [[str(i), self.name(f), self.val(f)] for i, f in enumerate(top, 1)],
            )
        if plan.nth > len(values):
            return self._refuse(plan, f"{month_label(month)}{col}只有 {len(values)} 个不同的数值。")
        target = values[plan.nth - 1]
        top = [f for f in fs if f.num == target]
        names = "、".join(self.name(f) for f in top)
        pos = hi if plan.nth == 1 else ("排第" if plan.order == "desc" else "倒数第") + str(plan.nth)
        tie = f"（{len(top)} 家并列）" if len(top) > 1 else ""
        excl = f"（不含{'、'.join(self.cat.entities[k].name for k in plan.exclude)}）" if plan.exclude else ""
        text = f"{month_label(month)}{col}{pos}的{word}{excl}是{names}{tie}，为 {self.val(top[0])}。"
        return self._answer(plan, text + self._cite(top), top)

    def _filtered(self, plan: Plan, col: str, month: str, kind: str | None) -> list[Fact]:
        c = plan.cond
        if c.raw:
            return self.store.facts(
                month=month, column=col, kind=kind, raw=c.raw, exclude=plan.exclude or None
            )
        return self.store.facts(
            month=month,
            column=col,
            kind=kind,
            numeric=True,
            order="desc",
            where_num=(c.op, c.value),
            exclude=plan.exclude or None,
        )

    def _filter_col(self, plan: Plan) -> str | None:
        col = self._metric(plan)
        if col is None and plan.cond and (plan.cond.raw or plan.cond.op in ("full", "partial")):
            col = self.ratio_columns[0] if len(self.ratio_columns) == 1 else None
        return col

    def _cond_text(self, plan: Plan, col: str) -> str:
        c = plan.cond
        if c.raw:
            return f"为 {c.raw}"
        if c.op in ("full", "partial"):
            return "全部上传" if c.op == "full" else "未全部上传"
        u = self.col_units.get(col) or self.default_units.get(col, "")
        value = fmt_num(Decimal(str(c.value)))
        said = re.sub(
            r"^(超过|高于|大于|多于|不少于|不低于|不止|达到|至少|满|少于|低于|小于|不足|不到|不超过|至多|等于)",
            "",
            c.said,
        )
        if u == "千元" and re.search(r"(万|亿|元)", said) and not said.endswith("千元"):
            return f"{OPS[c.op]} {said}（即 {value} 千元）"  # the user's unit, then the table's
        return f"{OPS[c.op]} {value}" + (f" {u}" if u else "")

    def op_filter(self, plan: Plan) -> Answer | None:
        col = self._filter_col(plan)
        if col is None:
            return None
        month = self._month(plan, col)
        kind = self._kind(plan, col)
        fs = self._filtered(plan, col, month, kind)
        word = KIND_WORD.get(kind, "单位")
        cond = self._cond_text(plan, col)
        m = MEASURE.get(kind, "个")
        if not fs:
            return self._answer(plan, f"{month_label(month)}没有{col}{cond}的{word}（共 0 {m}）。", [])
        shown = fs[:MAX_LIST]
        items = "；".join(f"{self.name(f)} {self.val(f)}" for f in shown)
        more = f"等（另有 {len(fs) - MAX_LIST} {m}未列出）" if len(fs) > MAX_LIST else ""
        text = f"{month_label(month)}{col}{cond}的{word}共 {len(fs)} {m}：{items}{more}。"
        return self._answer(
            plan, text + self._cite(fs), fs, [[word, col]] + [[self.name(f), self.val(f)] for f in shown]
        )

    def op_count(self, plan: Plan) -> Answer | None:
        if plan.cond is None:
            return None
        return self.op_filter(plan)

    def _total_row(self, col: str, month: str, kind: str | None) -> Fact | None:
        fs = self.store.facts(month=month, column=col, kind=kind, totals=True)
        return fs[0] if fs and fs[0].kind != "missing" else None

    def _over_months(self, plan: Plan, col: str, avg: bool) -> Answer | None:
        """「中大医院6月到9月出院人次加起来」: one entity, one metric, several months."""
        key = plan.entities[0]
        fs = [
            f
            for m in sorted(plan.months)
            for f in self.store.facts(month=m, column=col, entities=[key], numeric=True)
        ]
        if not fs:
            return self._missing(plan, key, col, plan.months[0])
        s = sum((dec(f.raw) for f in fs), Decimal(0))
        span = f"{month_label(fs[0].data_month)}至{month_label(fs[-1].data_month)}"
        arith = " + ".join(f.raw for f in fs)
        name = self.cat.entities[key].name
        if avg:
            text = (
                f"{span}{name}{col}月均 {fmt_num(s / len(fs))} {self.unit(fs[0])}"
                f"（({arith}) ÷ {len(fs)} = {fmt_num(s / len(fs))}）。"
            )
        else:
            text = f"{span}{name}{col}合计 {fmt_num(s)} {self.unit(fs[0])}（{arith} = {fmt_num(s)}）。"
        missing = [m for m in plan.months if m not in {f.data_month for f in fs}]
        if missing:
            text += f"（{'、'.join(month_label(m) for m in missing)}无数据，未计入）"
        return self._answer(plan, text + self._cite(fs), fs)

    def op_position(self, plan: Plan) -> Answer | None:
        """「溧水区定时数据上传量在各区里排第几？」: the entity's place in the ranking (ties share a place)."""
        col = self._metric(plan)
        if col is None or not plan.entities:
            return None
        key = plan.entities[0]
        month = self._month(plan, col)
        kind = self.cat.entities[key].kind if key in self.cat.entities else self._kind(plan, col)
        fs = self.store.facts(month=month, column=col, kind=kind, numeric=True, order="desc")
        mine = next((f for f in fs if f.entity_key == key), None)
        if mine is None:
            return self._missing(plan, key, col, month)
        place = 1 + sum(1 for f in fs if f.num > mine.num)
        text = (
            f"{month_label(month)}{self.name(mine)}{col}为 {self.val(mine)}，在 {len(fs)} "
            f"{MEASURE.get(kind, '个')}{KIND_WORD.get(kind, '单位')}中排第{place}（从高到低）。"
        )
        return self._answer(plan, text + self._cite([mine]), [mine])

    def op_sum(self, plan: Plan, avg: bool = False) -> Answer | None:
        col = self._metric(plan)
        if col is None:
            return None
        if len(plan.entities) == 1 and len(plan.months) >= 2:
            return self._over_months(plan, col, avg)
        month = self._month(plan, col)
        kind = self._kind(plan, col)
        word = KIND_WORD.get(kind, "单位")
        if plan.entities:
            fs = [
                f
                for k in plan.entities
                for f in self.store.facts(month=month, column=col, entities=[k], numeric=True)
            ]
        else:
            total = None if (avg or plan.exclude or plan.cond) else self._total_row(col, month, kind)
            if total is not None:
                text = f"{month_label(month)}{col}合计为 {self.val(total)}（表中合计行）。"
                return self._answer(plan, text + self._cite([total]), [total])
            fs = self.store.facts(
                month=month, column=col, kind=kind, numeric=True, exclude=plan.exclude or None
            )
            if plan.cond:
                fs = self._filtered(plan, col, month, kind)
        if not fs:
            return self._refuse(plan, f"{month_label(month)}没有可计算的{col}数据。")
        s = sum((dec(f.raw) for f in fs), Decimal(0))
        skipped = (
            self.store.facts(month=month, column=col, kind=kind, numeric=False) if not plan.entities else []
        )
        missing = [f for f in skipped if f.kind == "missing" and not f.is_total]
        unit = self.unit(fs[0])
        arith = " + ".join(f.raw for f in fs) if len(fs) <= MAX_LIST else f"{len(fs)} 个数相加"
        note = f"；{'、'.join(self.name(f) for f in missing)}未上报，未计入" if missing else ""
        if avg:
            mean = s / len(fs)
            text = (
                f"{month_label(month)}{len(fs)} {MEASURE.get(kind, '个')}{word}{col}平均为 {fmt_num(mean)} {unit}"
                f"（合计 {fmt_num(s)} ÷ {len(fs)}{note}）。"
            )
        else:
            names = (
                "、".join(self.name(f) for f in fs)
                if plan.entities
                else f"{len(fs)} {MEASURE.get(kind, '个')}{word}"
            )
            text = (
                f"{month_label(month)}{names}{col}合计 {fmt_num(s)} {unit}（{arith} = {fmt_num(s)}{note}）。"
            )
        if len(text) > 600:
            text = f"{month_label(month)}{len(fs)} {MEASURE.get(kind, '个')}{word}{col}合计 {fmt_num(s)} {unit}{note}。"
        return self._answer(plan, text.replace(" ）", "）") + self._cite(fs), fs)

    def op_avg(self, plan: Plan) -> Answer | None:
        return self.op_sum(plan, avg=True)

    def op_diff(self, plan: Plan) -> Answer | None:
        col = self._metric(plan)
        if col is None:
            return None
        if len(plan.months) >= 2 and plan.entities:
            key = plan.entities[0]
            m_old, m_new = sorted(plan.months[:2])
            a = self.store.facts(month=m_new, column=col, entities=[key], numeric=True)
            b = self.store.facts(month=m_old, column=col, entities=[key], numeric=True)
            if not a or not b:
                return self._missing(plan, key, col, m_new if not a else m_old)
            head = f"{self.cat.entities[key].name}{col}：{month_label(m_new)} {self.val(a[0])}，{month_label(m_old)} "
            return self._difference(plan, head, a[0], b[0], "增加", "减少")
        if len(plan.entities) >= 2:
            month = self._month(plan, col)
            k1, k2 = plan.entities[:2]
            a = self.store.facts(month=month, column=col, entities=[k1], numeric=True)
            b = self.store.facts(month=month, column=col, entities=[k2], numeric=True)
            if not a or not b:
                return self._missing(plan, k1 if not a else k2, col, month)
            if "倍" in plan.question and b[0].num:
                r = dec(a[0].raw) / dec(b[0].raw)
                text = (
                    f"{month_label(month)}{col}：{self.name(a[0])} {self.val(a[0])}，{self.name(b[0])} "
                    f"{self.val(b[0])}；前者是后者的 {fmt_num(r)} 倍（{a[0].raw} ÷ {b[0].raw}）。"
                )
                return self._answer(plan, text + self._cite([a[0], b[0]]), [a[0], b[0]])
            head = f"{month_label(month)}{col}：{self.name(a[0])} {self.val(a[0])}，{self.name(b[0])} "
            return self._difference(
                plan,
                head,
                a[0],
                b[0],
                f"{self.name(a[0])}比{self.name(b[0])}多",
                f"{self.name(a[0])}比{self.name(b[0])}少",
            )
        if len(plan.metrics) >= 2:
            month = self._month(plan, plan.metrics[0])
            ops = [self._operand(plan, c, month) for c in plan.metrics[:2]]
            if None in ops:
                return None
            (la, fa), (lb, fb) = ops
            head = f"{month_label(month)}{la} {self.val(fa)}，{lb} "
            return self._difference(plan, head, fa, fb, "前者比后者多", "前者比后者少")
        return None

    def _difference(self, plan: Plan, head: str, a: Fact, b: Fact, more: str, less: str) -> Answer:
        """「head b；a 比 b 多 d（a − b = d）」 with the exact decimal arithmetic shown."""
        d = dec(a.raw) - dec(b.raw)
        text = (
            f"{head}{self.val(b)}；{more if d >= 0 else less} {fmt_num(abs(d))} {self.unit(a)}"
            f"（{a.raw} − {b.raw} = {fmt_num(d)}）。"
        )
        return self._answer(plan, text.replace(" （", "（") + self._cite([a, b]), [a, b])

    def _operand(self, plan: Plan, col: str, month: str) -> tuple[str, Fact] | None:
        """One side of a two-metric comparison: the entity's cell, or the table's printed 合计."""
        if plan.entities:
            fs = self.store.facts(month=month, column=col, entities=plan.entities[:1], numeric=True)
            return (f"{fs[0].label}{col}", fs[0]) if fs else None
        total = self._total_row(col, month, self._kind(plan, col))
        return (f"{col}合计", total) if total else None

    def op_share(self, plan: Plan) -> Answer | None:
        month = self._month(plan, plan.metrics[0] if plan.metrics else None)
        if plan.entities and len(plan.metrics) >= 2:
            key = plan.entities[0]
            a = self.store.facts(month=month, column=plan.metrics[0], entities=[key], numeric=True)
            b = self.store.facts(month=month, column=plan.metrics[1], entities=[key], numeric=True)
            if re.search(r"(全部|全市|所有|合计|总计|总数)", plan.question):
                # 「占全部预约挂号合计的百分之几」: the table's printed total, not the row's own column.
                total = self._total_row(plan.metrics[1], month, None)
                b = [total] if total else b
            if not a or not b or not b[0].num:
                return None
            pct = dec(a[0].raw) / dec(b[0].raw) * 100
            text = (
                f"{month_label(month)}{self.name(a[0])}{a[0].column} {self.val(a[0])}，占{b[0].column} "
                f"{self.val(b[0])}的 {fmt_num(pct)}%（{a[0].raw} ÷ {b[0].raw}）。"
            )
            return self._answer(plan, text + self._cite([a[0], b[0]]), [a[0], b[0]])
        col = self._metric(plan)
        if col is None or not plan.entities:
            return None
        kind = self._kind(plan, col)
        parts = [
            f
            for k in plan.entities
            for f in self.store.facts(month=month, column=col, entities=[k], numeric=True)
        ]
        if not parts:
            return self._missing(plan, plan.entities[0], col, month)
        total = self._total_row(col, month, parts[0].entity_kind)
        if total is not None:
            base, how = dec(total.raw), "表中合计"
            used = parts + [total]
        else:
            rows = self.store.facts(month=month, column=col, kind=parts[0].entity_kind or kind, numeric=True)
            base, how = (
                sum((dec(f.raw) for f in rows), Decimal(0)),
                f"{len(rows)} {MEASURE.get(kind, '个')}{KIND_WORD.get(kind, '单位')}之和",
            )
            used = parts
        part = sum((dec(f.raw) for f in parts), Decimal(0))
        pct = part / base * 100 if base else Decimal(0)
        who = "、".join(self.name(f) for f in parts)
        text = (
            f"{month_label(month)}{who}{col} {fmt_num(part)} {self.unit(parts[0])}，占全部（{how} {fmt_num(base)}）的 "
            f"{fmt_num(pct)}%（{fmt_num(part)} ÷ {fmt_num(base)}）。"
        )
        return self._answer(plan, text + self._cite(used), used)

    def op_derived(self, plan: Plan) -> Answer | None:
        name, num_col, den_col, factor, unit, _ = plan.derived
        month = self._month(plan, num_col)
        if not plan.entities:
            kind = self._kind(plan, num_col)
            nums = {
                f.entity_key: f
                for f in self.store.facts(month=month, column=num_col, kind=kind, numeric=True)
            }
            dens = {
                f.entity_key: f
                for f in self.store.facts(month=month, column=den_col, kind=kind, numeric=True)
            }
            vals = [
                (dec(nums[k].raw) * Decimal(str(factor)) / dec(dens[k].raw), k)
                for k in nums
                if k in dens and dens[k].num
            ]
            if not vals or not re.search(r"(最|排|前)", plan.question):
                return None
            vals.sort(reverse=plan.order == "desc")
            v, k = vals[0]
            hi = "最高" if plan.order == "desc" else "最低"
            text = (
                f"{month_label(month)}{name}{hi}的{KIND_WORD.get(kind, '单位')}是{nums[k].entity}，约 {fmt_num(v)} {unit}"
                f"（{nums[k].raw} 千元 × {int(factor)} ÷ {dens[k].raw}）。"
            )
            return self._answer(plan, text + self._cite([nums[k], dens[k]]), [nums[k], dens[k]])
        out, used = [], []
        for key in plan.entities:
            n = self.store.facts(month=month, column=num_col, entities=[key], numeric=True)
            d = self.store.facts(month=month, column=den_col, entities=[key], numeric=True)
            if not n or not d or not d[0].num:
                return self._missing(plan, key, num_col if not n else den_col, month)
            v = dec(n[0].raw) * Decimal(str(factor)) / dec(d[0].raw)
            out.append(
                f"{self.name(n[0])}{name}约 {fmt_num(v)} {unit}（{num_col} {n[0].raw} 千元 × {int(factor)} ÷ "
                f"{den_col} {d[0].raw}）"
            )
            used += [n[0], d[0]]
        return self._answer(plan, f"{month_label(month)}，" + "；".join(out) + "。" + self._cite(used), used)
