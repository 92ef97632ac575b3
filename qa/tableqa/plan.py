"""Question → typed plan, built from the index's own schema.

The question's spans are tagged once (scope, entity mentions, operation words from
qa/data/operations.tsv). Then every kind of table in the index proposes a reading: which of the
mentioned entities are its rows, which of its columns the remaining words name (its printed column
names, title, row header and units, matched whole, as abbreviations, through general synonyms or with one
mistyped character), and which words nothing explains. Readings are scored; the best is answered when it
explains the question and is clearly best, two close readings that would give different figures are
offered back as a question, and a question no reading explains is declined. The plan is a typed value:
the executor never sees the question text.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from enum import StrEnum

from qa.lexicon import QUOTE_PAIRS, normalize, unbracketed
from qa.schema import ColumnInfo, TableSchema, note_clauses, slashed, with_derived
from qa.scope import Calendar, Kind, Scope, small_int
from qa.tableqa.entities import Entities, Mention
from qa.tableqa.words import OpTag, complements, find_ops, function_words, kind_words, synonyms
from qa.units import amount, compatible, measures, unit, units_by_length
from qa.words import alike, counters, found, positions, words

ROMAN = re.compile(r"(?<![a-z])(iv|iii|ii|i|v)(?=[类级期度])")  # Ⅱ类 (NFKC: ii类), Ⅲ级
ROMAN_CN = {"i": "一", "ii": "二", "iii": "三", "iv": "四", "v": "五"}
LEVEL_DIGITS = "一二三四五六七八九"  # 一级, 二级 …: a level of hospitals, surgery or protection

# Judging a word nothing explains, by its jieba tag and its frequency in jieba's dictionary:
FUNCTION_TAGS = ("u", "y", "e", "o", "c", "p", "r", "m", "q", "d", "f", "t", "w")  # carry no content
LOOSE_TAGS = ("zg", "x", "k", "h", "g")  # jieba's tags of odd single characters: only when frequent
LOOSE_FREQ = 1000
GENERIC_VERB_FREQ = 3000  # plain verbs this frequent carry no content (开, 接, 收, 参加)
SAYS_NOTHING_FREQ = 10000  # verbs this frequent (没有, 达到, 完成) never name what a figure counts
GENERIC_ADJ_FREQ = 10000  # adjectives this frequent neither (多, 高); 健康 is content
MAIN_OPS = {
    "rank",
    "top",
    "nth",
    "sum",
    "avg",
    "diff",
    "growth",
    "ratio",
    "share",
    "per",
    "position",
    "sort",
    "series",
}
RARE_WORD = 500  # a dictionary word this rare (卡比) may hold a one-character operation word (比)
MATCHES_KEPT = 200_000  # judged (stretch, table) pairs kept; cleared when full


class Op(StrEnum):
    LOOKUP = "lookup"  # figures of entities (or months of a series) × columns × a month
    ROW = "row"  # every figure of one entity
    TOTAL = "total"  # the table's total: its 合计 row, or the sum of its rows
    SUM = "sum"  # a sum over entities, months or columns
    AVG = "avg"
    RANK = "rank"  # the n best (or worst), or the nth
    POSITION = "position"  # where an entity stands
    FILTER = "filter"  # rows meeting a condition, listed
    COUNT = "count"  # how many rows meet a condition
    DIFF = "diff"  # a − b between entities, months or columns (growth: as a percentage)
    RATIO = "ratio"  # a ÷ b
    SHARE = "share"  # a part ÷ the whole, in %
    PER = "per"  # money ÷ count within one group of columns (次均费用)
    SERIES = "series"  # one figure per month


@dataclass(frozen=True)
class Cond:
    cmp: str  # > >= < <= = full partial
    value: float | None = None  # in the column's printed unit
    raw: str | None = None  # a ratio as printed (0/12)
    said: str = ""  # as the question put it
    converted: bool = False  # the amount carried a unit: convert it into the column's
    amount: str = ""  # the amount as said (3亿元)
    column: str = ""  # the column it tests, when not the one asked (「等保二级的医院一共多少漏洞」)
    other: str = ""  # the column compared with, row by row (「三季度比二季度少的区」)
    level: bool = False  # against the table's own level: its total row's rate, or the rows' mean


@dataclass
class Plan:
    op: Op
    table: str = ""  # table key
    columns: list[str] = field(default_factory=list)
    entities: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    months: list[str] = field(default_factory=list)  # data months asked; [] means the latest
    prev_month: bool = False  # 上个月: the month before the one in question
    back: int = 1  # months back for prev_month (去年同期: 12)
    order: str = "desc"
    n: int = 1
    nth: int = 1
    cond: Cond | None = None
    growth: bool = False
    all_rows: bool = False  # 全市, 所有, 各区: over every row
    by_month: bool = False  # the rows ranked or filtered are months
    whole: list[str] = field(default_factory=list)  # SHARE: columns named as the whole; ["*"] the grand total
    whole_months: list[str] = field(default_factory=list)  # SHARE: months of the whole, when not the part's
    change: bool = False  # RANK, FILTER: rows by their change between two months (with growth: in %)
    per_unit: bool = False  # PER: columns are [numerator, denominator] as said (「每家机构服务多少人次」)
    # a column → the names the same series prints in other months (咨询类 → 咨询), all named by the words
    alternates: dict[str, list[str]] = field(default_factory=dict)
    pronoun: bool = False  # 它, 这家: the entity of the turn before, or the one its answer named
    vs_total: bool = False  # 「江宁比全市高多少」: the one row named against the table's total row
    ranked: bool = False  # SHARE: 「哪家医院…占…的比例最高」: the rows ranked by their share
    # rows restricted to those printing a text in a column of words (所属区 鼓楼区): (column, text)
    having: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # how non-literal words were read
    # columns computed from two printed ones: name → (whole, part), read as whole − part (「没办结的」)
    derived: dict[str, tuple[str, str]] = field(default_factory=dict)
    # the months are one range said (「1到5月」), not months named one by one (「4月和5月」)
    ranged: bool = False
    # a unit the question asks the figure in, of the column's dimension but another scale (小时 of a
    # column in 分钟): the answer shows its figures in that unit too
    shown: str = ""
    # DIFF of two columns over a range of months (「1到5月新建比撤床多多少」): each added up, then compared
    summed: bool = False
    question: str = ""


@dataclass
class Reading:
    """What the planner made of a question: a plan, a question back, a refusal, or nothing."""

    plan: Plan | None = None
    clarify: list[tuple[str, Plan]] = field(default_factory=list)  # (how it reads, plan)
    refusal: str = ""  # a table question the index cannot answer, said why
    missing_months: list[str] = field(default_factory=list)


@dataclass
class Segment:
    start: int
    end: int
    target: str  # "title", "kind", "col:<name>", "dim:<dim>", "unit:<unit>"
    strength: float


@dataclass
class Candidate:
    table: TableSchema
    plan: Plan
    score: float
    explained: float
    unexplained: list[str]  # content words nothing explains
    ambiguous: list[list[str]]  # entity choices left open
    missing: list[str] = field(default_factory=list)  # months, issues or years asked that it lacks
    foreign: list[str] = field(default_factory=list)  # entities named that are rows of other tables only
    literal: bool = False  # a column was named as printed
    names: list[str] = field(default_factory=list)  # unexplained words that stand before 医院, 区 …: a name
    table_words: bool = False  # its title or a column was named
    tied: list[str] = field(default_factory=list)  # columns that fit the words as well as the chosen one
    defer: bool = False  # a running total its note may give: leave it to the text


class Planner:
    def __init__(
        self,
        tables: list[TableSchema],
        entities: Entities,
        calendar: Calendar,
        words=None,
        pos=None,
        known=None,
    ):
        self.tables = tables
        self.entities = entities
        self.calendar = calendar
        self._timed: dict[str, set] = {}
        self.words = words or (lambda text: list(text))  # jieba words (dictionary only, no guessed words)
        self.pos = pos  # word → (tag, frequency), for judging words nothing explains
        self.known = known or (lambda word: False)  # whether the bulletins' text uses a word
        self._function_memo: dict[str, bool] = {}
        self._matches: dict[tuple[str, int, bool], tuple[str, float] | None] = {}
        self._vocab = {t.key: self._vocabulary(t) for t in tables}
        self._printed_words = {
            w for t in tables for text in (t.words, *map(normalize, t.columns)) for w in self.words(text)
        }
        # Tables with the same columns (the platform table by 区 and by 医院) answer comparisons between
        # their rows: 「江宁区比南京市江宁医院多多少」.
        self._siblings = {
            t.key: [o for o in tables if o.key != t.key and set(o.columns) == set(t.columns)] for t in tables
        }

    # -- vocabulary of one table ------------------------------------------------------------------
    def _vocabulary(self, t: TableSchema) -> dict:
        printed = {
            "title": [t.words],
            "kind": [normalize(t.label_header)],
            "note": [_included(normalize(n)) for n in t.notes],
        }
        in_full = _parts_in_full(t)
        for name, info in t.columns.items():
            printed["col:" + name] = [normalize(name)] + (
                [info.leaf] if info.leaf and info.leaf != name else []
            )
            short = unbracketed(info.leaf)
            if short != info.leaf and len(short) >= 2:
                printed["col:" + name].append(short)  # 「主治（主管）医师」 is said 主治医师
            if info.group:
                printed["col:" + name].append(info.group)
            if name in in_full:
                printed["col:" + name].append(in_full[name])
            for p in list(printed["col:" + name]):
                if _spoken(p) != p:
                    printed["col:" + name].append(_spoken(p))  # 「Ⅱ类学分」 is said 二类学分
        for name, texts in t.values.items():
            printed["val:" + name] = sorted(texts)  # a printed cell text (六级) names its column
            # a one-character grade (C of 等级) is said with the column's own last word: 「C级」
            tail = normalize(name)[-1:]
            printed["val:" + name] += sorted(x + tail for x in texts if len(x) == 1 and tail and x != tail)
            if tail and t.columns.get(name) and t.columns[name].dim == "text":
                printed["col:" + name] += [w + tail for w in words("ask_text_column")]  # 「评分几级」
        dims = {i.dim or "count" for i in t.columns.values() if i.dim not in ("text",)}
        units = {normalize(i.unit) for i in t.columns.values() if i.unit} | {
            i.counter for i in t.columns.values() if i.counter
        }
        inner, at = {}, 0
        for w in self.words(t.words):
            if len(w) >= 2 and self.pos and self.pos(w)[0]:
                inner.update(
                    {
                        k: at + len(w)  # k → the word's end
                        for k in range(at + 1, at + len(w))
                        # (卫生|防疫: a word made of two words may be begun at its second, 「防疫经费」)
                        if not (k - at >= 2 and at + len(w) - k >= 2 and self._two_words(w, k - at))
                    }
                )
            at += len(w)
        return {
            "printed": printed,
            "dims": dims,
            "units": units,
            "rows": (t.entity_kind, t.source),
            "title_inner": inner,  # inside a word of the language (血吸虫病) → where that word ends
        }

    # -- entry ------------------------------------------------------------------------------------
    def read(self, question: str, prev: Plan | None = None, named: list[str] | None = None) -> Reading:
        """Read one question; `prev` is the plan of the turn before (for follow-ups), `named` the entities
        the previous answer named (for 「它们」 after a ranking)."""
        # 「0到6岁」 as headers print it (0-6岁); a range of months reads the same either way
        q = re.sub(r"(?<=\d)\s*[到至]\s*(?=\d)", "-", normalize(question))
        scope = self.calendar.read(q)
        bare = [m for m in scope.mentions if m.kind is Kind.MONTH and "年" not in m.said]
        if prev is not None and prev.months and bare and len(bare) == len(scope.mentions):
            # 「那6月呢？」 after a question about 2022年7月: June of 2022, not the latest June
            year = prev.months[-1][:4]
            for m in sorted(bare, key=lambda m: -m.start):
                q = q[: m.start] + f"{year}年" + q[m.start :]
            scope = self.calendar.read(q)
        text = scope.rest
        spans = _word_spans(text, self.words)
        starts = {a for a, _, _ in spans}
        kinds = lambda key: self.entities.by_key[key].kinds  # noqa: E731
        mentions = [
            _dominant(m, kinds)
            for m in self.entities.find(text, starts)
            if not self._verb_inside(m)  # 「调阅了多少次」: an act, not 电子健康档案调阅系统
        ]
        blanked = _blank(text, [(m.start, m.end) for m in mentions])
        ends = {b for _, b, _ in spans}
        # (a rare word the tables print, 评比 of 爱国卫生检查评比, is a word there: its 比 is no operation)
        rare = {
            i
            for a, b, w in spans
            if self.pos and self.pos(w)[1] < RARE_WORD and w not in self._printed_words
            for i in range(a, b)
        }
        # 「东部战区总医院」: 总 begins a noun that ends in a kind of institution, a name, not 「all」
        names = {
            a
            for a, b, w in spans
            if b - a >= 3
            and self.pos
            and self.pos(w)[0].startswith("n")
            and any(w.endswith(k) and len(k) < len(w) - 1 for k in kind_words())
        }
        ops = find_ops(blanked, starts, ends, rare.__contains__, names)
        if any(tag.op == "not_table" for tag in ops):
            return Reading()  # a reason, a method, a person, a place or a time: not the tables' to answer
        cands = []
        for t in self.tables:
            c = self._candidate(t, q, text, spans, scope, mentions, ops, prev, named or [])
            if c is not None:
                cands.append(c)
        self.last_candidates = cands  # for `qa ask --explain`-style debugging and tests
        got = self._decide(cands, scope, prev)
        if (
            got.plan is not None
            and found(q, "ask_who")
            and got.plan.op in (Op.LOOKUP, Op.ROW, Op.SUM, Op.AVG, Op.PER, Op.TOTAL)
            and not got.plan.entities
        ):
            # 「那篇采访采访的谁」: a person asked, and the reading names no row — a figure is no one
            return Reading()
        return got

    # -- one table's reading ----------------------------------------------------------------------
    def _candidate(
        self, t, q, text, spans, scope: Scope, mentions: list[Mention], ops: list[OpTag], prev, named
    ):
        vocab = self._vocab[t.key]
        if self._asks_other_things(t, vocab, spans):
            return None
        plan = Plan(Op.LOOKUP, t.key, question=q)
        # 「三季度」 of a table whose columns are quarters: the column's name, not a time this table lacks
        printed = {normalize(c) for c in t.columns} | {i.leaf for i in t.columns.values() if i.leaf}
        # 「当月完成投资」 of a table with a column 「其中：本月完成」: the month's word names that column too
        this_month = words("this_month")
        monthly = any(w in c for c in printed for w in this_month)
        as_words = [
            x
            for x in scope.mentions
            if q[x.start : x.end] in printed or (monthly and x.kind is Kind.LATEST and x.said in this_month)
        ]
        if t.key not in self._timed:  # the ends of the times its columns are named by (一季度 → 季度)
            self._timed[t.key] = {c[-2:] for c in printed if len(c) >= 3 and self.calendar.read(c).mentions}
        timed = self._timed[t.key]
        # 「四季度」 of a table whose columns are 一季度…三季度: a column it does not print, not its months
        not_printed = [
            q[x.start : x.end]
            for x in scope.mentions
            if x not in as_words
            and q[x.start : x.end][-2:] in timed
            and x.kind not in (Kind.PREV, Kind.LATEST)
        ]
        if as_words:
            chars = list(text)
            for x in as_words:
                chars[x.start : x.end] = q[x.start : x.end]
            text = "".join(chars)
            scope = replace(scope, mentions=tuple(x for x in scope.mentions if x not in as_words))
        ambiguous: list[list[str]] = []
        free = list(text)  # characters still to explain
        members = t.entities | {e for o in self._siblings[t.key] for e in o.entities}
        entity_spans: list[tuple[int, int, str]] = []
        outside: list[Mention] = []
        restrict: list[tuple[str, str]] = []
        unsure: dict[int, list[str]] = {}  # entity span → the rows its name fits equally well
        for m in mentions:
            if self._in_table_words(t, text, m):
                continue  # 「电子健康卡」 of the title holds no 健康南京APP: the table's words, explained below
            inside = [(k, c) for k, c in m.candidates if k in t.entities] or [
                (k, c) for k, c in m.candidates if k in members
            ]
            if not inside:
                printed = self._printed_value(t, text, m)
                if printed:  # 「鼓楼区有几家医院」 of a table of hospitals with a column 所属区
                    restrict.append(printed)
                    for i in range(m.start, m.end):
                        free[i] = " "
                    continue
                outside.append(m)  # a row of other tables only, unless this table's words explain it
                continue
            best = inside[0]
            close = [k for k, c in inside if c >= best[1] - 0.1]
            if len(close) > 1 and best[1] < 1.0:
                ambiguous.append(close)
                unsure[len(entity_spans)] = close
            entity_spans.append((m.start, m.end, best[0]))
            for i in range(m.start, m.end):
                free[i] = " "
        if t.groups:
            # 「城南片区…小计」: the subtotal mark said of a table that prints subtotals names their rows
            for w in words("subtotal_mark"):
                at = text.find(w)
                if at >= 0 and any(k in t.groups for _, _, k in entity_spans):
                    free[at : at + len(w)] = [" "] * len(w)
        # 「江南主城…小计」: a name that fits several rows (小计) is the one of them another name says
        sure = {k for j, (_, _, k) in enumerate(entity_spans) if j not in unsure}
        for j, close in unsure.items():
            hit = [k for k in close if k in sure]
            if len(hit) == 1:
                entity_spans[j] = (*entity_spans[j][:2], hit[0])
                ambiguous.remove(close)
        # 「检查总量排前两名」: a sum's noun before a ranking names the figure ranked (the total column), it
        # adds nothing up
        ranking = [x.start for x in ops if x.op in ("rank", "top", "nth", "sort", "position")]
        ops = [
            replace(x, op="figure")
            if x.op == "sum" and x.said in words("sum_noun") and any(r >= x.end for r in ranking)
            else x
            for x in ops
        ]
        # Operation words; one that is really (part of) a column name of this table is read as that.
        tags = []
        as_column: list[OpTag] = []
        for tag in ops:
            printed = self._is_column_text(t, text, tag)
            if printed or (
                # 「同比增长」 where 同比 is the printed comparison: its direction word is too
                as_column
                and as_column[-1].end == tag.start
                and {as_column[-1].op, tag.op} <= {"diff", "growth"}
            ):
                if as_column and not printed:  # the direction word of a printed comparison: explained
                    for i in range(tag.start, tag.end):
                        free[i] = " "
                as_column.append(tag)
                continue
            tags.append(tag)
            for i in range(tag.start, tag.end):
                free[i] = " "
        asks_missing = False
        for tag in tags:
            if tag.op != "exclude":
                continue
            used = False
            for s, e, key in entity_spans:
                after = tag.args.get("side") == "after" and text[tag.end : s].strip(" 的") == ""
                before = tag.args.get("side") == "before" and text[e : tag.start].strip(" 的)）") == ""
                if after or before:
                    used = True
                    if key not in plan.exclude:
                        plan.exclude.append(key)
            # 「哪家医院没有上报」: not a remark about a row named, a question about missing cells.
            after_exclusion = any(
                o.op == "exclude" and o.end <= tag.start and text[o.end : tag.start].strip() == ""
                for o in tags
            )
            asks_missing = asks_missing or (
                not used and not after_exclusion and tag.args.get("missing") == "1"
            )
        slash = "" if asks_missing else _said_as_slash(t, text)
        asks_missing = asks_missing or bool(slash)
        plan.entities = list(dict.fromkeys(k for _, _, k in entity_spans if k not in plan.exclude))
        if plan.entities and not set(plan.entities) & t.entities:
            return None  # every row named belongs to a sibling table: that table's reading, not this one
        # The rest: explained by this table's words, or judged word by word.
        free_text = "".join(free)
        singles = {a for a, b, _ in spans if b - a == 1}
        idle = {i for a, b, w in spans if self._functional(w) for i in range(a, b)}
        segs, leftover = self._explain(free_text, vocab, singles, idle)
        for k, s in enumerate(segs):
            # 「没达标的医院」 where 是否达标 prints 达标 / 未达标: the text printed, negated as said
            if s.target.startswith("col:") and t.values.get(s.target[4:]):
                said = _negated(t, s.target[4:], text, s.start, free_text[s.start : s.end])
                if said:
                    segs[k] = Segment(s.start, s.end, "val:" + s.target[4:], s.strength)
        foreign = [
            self.entities.name(m.candidates[0][0]) for m in outside if leftover[m.start : m.end].strip()
        ]
        content = self._content_words(free_text, leftover, spans, text) + foreign + not_printed
        if not any(s.target.startswith(("col:", "val:")) and s.end - s.start >= 2 for s in segs):
            # 「血吸虫病人治疗了多少人」 where only a counter (人) points at a column: a verb said and left
            # unexplained (治疗) is what is asked, however common — the table prints nothing of it
            content += [w for a, b, w in spans if self._verb_left(w, leftover[a:b])]
        names = self._unknown_names(free_text, leftover, spans)
        content += names
        # Row kinds the question asks about (哪家医院, 各区, 哪个月), wherever they stand: one that does not
        # fit this table's rows rules it out; one that fits supports it.
        kinds = [free_text[sg.start : sg.end] for sg in segs if sg.target in ("kind", "note")]
        kinds += [w for w in _kind_words_in(leftover)]
        header = normalize(t.label_header)
        fits = [
            w
            for w in kinds
            if kind_words().get(w) and (_kind_fits(kind_words()[w], t.entity_kind) or w in header)
        ]
        # A kind word that is a unit of this table (家 of 参与机构数（家）) counts that, not rows.
        # 「四项」「两类」 count what the question names: such a counter rules no table out
        # … nor does one after a demonstrative (「市容环境那项」: that item, the column named)
        counted = {
            w
            for w in kinds
            if any(
                _numeral(text[i - 1 : i]) or text[:i].endswith(words("refer_back"))
                for i in positions(text, w)
                if i > 0
            )
        }
        content += [
            w
            for w in kinds
            if kind_words().get(w) and w not in fits and w not in vocab["units"] and w not in counted
        ]
        has_table_words = any(s.target == "title" or s.target.startswith(("col:", "val:")) for s in segs)
        # 「哪个预约渠道」: the name this table prints over its rows names the table (a paragraph's figures
        # print none: their 项目 is the index's word, and 「哪些项目获奖」 names no table)
        header = normalize(t.label_header) if t.source != "paragraph" else ""
        has_table_words = has_table_words or (
            len(header) >= 2
            and any(s.target == "kind" and free_text[s.start : s.end] == header for s in segs)
        )
        # A table is named by a word of it; one character inside a column name (危 of 心理危机干预) is not.
        named_table = any(
            (s.target == "title" or s.target.startswith(("col:", "val:")))
            and (s.end - s.start >= 2 or s.strength >= 1.0)
            for s in segs
        )
        named_table = named_table or (
            len(header) >= 2
            and any(s.target == "kind" and free_text[s.start : s.end] == header for s in segs)
        )
        kept = len(restrict)  # texts it prints, said as names (鼓楼区 under 所属区): they name it like rows
        if kept:
            has_table_words = named_table = True
        # A unit or measure asked for (几级, 几天, 多少钱), not explained by this table's words, that no
        # column here can give rules this table out.
        for k, (a0, b0, w) in enumerate(spans):
            counted = w in measures() or (
                k > 0 and (spans[k - 1][2] in ("几", "多少", "多") or spans[k - 1][2].isdigit())
            )
            asked = counted and (unit(w) or (measures().get(w) and unit_of_dim(measures()[w])))
            fits_none = asked and not any(compatible(i.dim or "count", asked.dim) for i in t.columns.values())
            if fits_none and leftover[a0:b0].strip():
                content.append(w)
        cumulative = next((tag for tag in tags if tag.op == "cumulative"), None)
        defer = False
        if (
            cumulative is not None
            and t.row_kind != "period"
            and not any(i.kind == "cumulative" for i in t.columns.values())
        ):
            content.append(cumulative.said)  # 累计 asked of a table that holds no running totals
            defer = any(any(ch.isdigit() for ch in n) for n in t.notes)  # … but its note may: the text's
        share = next((tag for tag in tags if tag.op == "share"), None)
        if share is not None:
            before = [s for s in segs if s.end <= share.start]
            after = [s for s in segs if s.start >= share.end]
            cols, named_cols, literal, notes, tied = self._columns(
                t, before, free_text, tags, has_table_words
            )
            whole = self._columns(t, after, free_text, [], default=False)[0]
            if len(cols) == 2 and whole:
                # 「住院减免人次占全部减免人次」: a part said with its whole's name (其中：住院 of 减免人次) is the
                # part, when the whole is said after 占 (「专网接入机构中社区…占多大比例」 says it before)
                a, b = cols
                part = a if t.parts.get(a) == b else b if t.parts.get(b) == a else ""
                if (
                    part
                    and t.parts[part] in whole
                    and any(sg.target == "col:" + part and sg.strength >= 1.0 for sg in before)
                ):
                    cols = [part]
                    notes = [n for n in notes if f"“{part}" in n]
            said_before = any(s.target.startswith("col:") for s in before)
            if not said_before and whole and prev is not None and [c for c in prev.columns if c in t.columns]:
                # 「占总人次的百分之多少」 after 「住院人次合计多少」: the figure asked before, over the whole said
                cols = [c for c in prev.columns if c in t.columns]
            rate = self._printed_rate(t, before, free_text)
            if not rate:
                # 「药占比」: the word before 占比 and 占比 itself abbreviate a printed rate (药品收入占比)
                joined = [text[s.start : share.end] for s in before if s.end == share.start]
                fits = [
                    c
                    for c, i in t.columns.items()
                    if i.dim == "percent" and any(_abbreviates(j, normalize(c)) for j in joined)
                ]
                rate = fits[0] if len(fits) == 1 else None
            rows_after = any(sg.target == "kind" for sg in after)  # 「占全部医院的」: the rows are the whole
            # 「妇幼的完成人次占全市合计多少」: the rows' whole said (全市, 合计) — the column's total row, not
            # the other figure a printed rate divides by (完成率 = 完成人次 ÷ 发起人次)
            rows_after = rows_after or (
                bool(tags and any(tag.op in ("all", "sum") and tag.start >= share.end for tag in tags))
                and not whole
            )
            if (
                not rate
                and not said_before
                and not whole
                and not rows_after
                and prev is not None
                and prev.columns
            ):
                # 「占比呢」 after 「三四级手术多少」: the rate the table prints of the figure asked before
                pc = prev.columns[0]
                fits = [r for r, (part, _) in t.rates.items() if part == pc] or [
                    c
                    for c, i in t.columns.items()
                    if i.kind == "rate" and normalize(c).startswith(normalize(pc))
                ]
                rate = fits[0] if len(fits) == 1 else None
            if rate in t.rates and not whole and rows_after:
                # 「军总占了全部13家的百分之几」: the rows named after 占 are the whole, the column's total —
                # not the rate printed within each row (外地占比 = 外地 ÷ that hospital's own 总人数)
                part = t.rates[rate][0]
                rate, cols, named_cols = None, ([part] if part in cols or not cols else cols), True
            elif not rate and len(cols) <= 1 and whole in ([], cols):
                # 「…出院人数占全部出院人数的比例」「肿瘤占比多少」: each row's share of the whole, printed (构成比)
                shares = [r for r, of in t.shares.items() if not cols or of == cols[0]]
                rate = shares[0] if len(shares) == 1 else None
            if rate:  # 「外配的比例」 with a column 外配占比: the printed figure, not a computed share
                # … and 全部 after 占 is the whole's word (「占全部出院的比例」), not the rows asked
                tags = [
                    tag
                    for tag in tags
                    if tag.op != "share" and not (tag.op == "all" and tag.start > share.start)
                ]
                cols, whole, tied = [rate], [], []
                notes = [f"按“{rate}”理解"]  # never the note of a column the words before 占 fitted
                named_cols = True
            if whole and whole != cols:
                plan.whole = whole
            elif after or any(tag.op in ("all", "sum") and tag.start > share.start for tag in tags):
                plan.whole = ["*"] if whole != cols or not whole else []
        else:
            cols, named_cols, literal, notes, tied = self._columns(
                t, segs, free_text, tags, has_table_words, text
            )
        if tied and prev is not None and prev.columns and prev.columns[0] in t.columns:
            # 「视频的呢」 after 「图文问诊多少人次」: the column parallel to the one asked before.
            before = t.columns[prev.columns[0]]
            same = [c for c in [cols[0], *tied] if t.columns[c].leaf == before.leaf]
            if len(same) != 1:  # 「同比增了多少」 after 「住院手术多少台」: the one printed beside it
                same = [c for c in [cols[0], *tied] if t.columns[c].group in (prev.columns[0], before.group)]
            if len(same) == 1:
                if same[0] != cols[0]:
                    notes = []  # the conversation chose it; a note on another column would mislead
                cols, tied = [same[0], *cols[1:]], []
        if prev is not None and prev.columns and prev.columns[0] in t.columns and len(cols) == 1:
            # 「出院呢」 after 「门急诊外地占比多少」: the group said alone keeps the figure asked before (外地占比)
            before, now = t.columns[prev.columns[0]], t.columns[cols[0]]
            leaf_said = now.leaf and normalize(_part_name(now.leaf) or now.leaf) in text
            same = [c for c, i in t.columns.items() if i.group == now.group and i.leaf == before.leaf]
            if now.group and now.group != before.group and not leaf_said and len(same) == 1:
                cols, notes = same, []
        rows_summed = False
        # 「修复率」 where 修复 names 已修复 and 率 alone the table's only rate (安装率): a rate of that column,
        # which the table does not print — never the other rate
        for sg in segs:
            col_of = sg.target[4:] if sg.target.startswith("col:") else ""
            before = next((p for p in segs if p.end == sg.start and p.target.startswith("col:")), None)
            if (
                col_of in cols
                and free_text[sg.start : sg.end] == "率"
                and t.columns[col_of].dim == "percent"
                and before is not None
                and before.target[4:] != col_of
                and not _abbreviates(
                    free_text[before.start : sg.end], normalize(col_of)
                )  # 及时率: 及时报告率
            ):
                cols = [c for c in cols if c != col_of]
                if not _taken_from(t, before.target[4:]):  # (a count's rate is computed: _rate_of_count)
                    content.append(free_text[before.start : sg.end])
        # 「天然气用量同比」 under 用电量 / 同比 · 天然气用量 / 本月: a leaf said after a group is that group's;
        # a group that does not print it leaves the leaf unexplained (never another group's 同比)
        # (a group said, not a word inside a column's own name: 灭螺 of 药物灭螺面积 says no group 灭螺)
        bare = text
        for name in sorted({normalize(n) for c in cols for n in (c, t.columns[c].leaf) if n}, key=len)[::-1]:
            bare = bare.replace(name, " ")
        groups_said = {
            i.group for i in t.columns.values() if len(i.group) >= 2 and normalize(i.group) in bare
        }
        if groups_said and len(cols) >= 2:
            kept_cols = []
            for c in cols:
                i = t.columns[c]
                if (
                    not i.group
                    or i.group in groups_said
                    or normalize(i.leaf) not in text
                    or normalize(i.leaf) in words("sum_leaf")  # 合计 also sums rows
                ):
                    kept_cols.append(c)
                    continue
                alt = [o for o, j in t.columns.items() if j.group in groups_said and j.leaf == i.leaf]
                if alt:
                    kept_cols.append(alt[0])
                elif i.leaf:
                    content.append(i.leaf)
            cols = list(dict.fromkeys(kept_cols)) or cols
        if len(cols) >= 2:
            # 「新注册乡村医生多少人」 under 乡村医生 / 在岗 · 已注册 · 注册率 and 本月新注册: a group named only by
            # the words of the table's title (乡村医生注册情况) names no column beside one named by its own name
            by_name = [
                c
                for c in cols
                if any(
                    sg.target == "col:" + c
                    and free_text[sg.start : sg.end] not in normalize(t.columns[c].group or "\0")
                    for sg in segs
                )
            ]
            only_group = [
                c
                for c in cols
                if c not in by_name
                and t.columns[c].group
                and normalize(t.columns[c].group) in normalize(t.title)
                and any(t.columns[o].group != t.columns[c].group for o in by_name)
            ]
            if only_group and len(only_group) < len(cols):
                cols = [c for c in cols if c not in only_group]
                notes = [
                    n for n in notes if not any(n.startswith((f"按“{c}”", f"按“{c}（")) for c in only_group)
                ]
        # 「达标村卫生室」「新增达标卫生室」: one thing said with two columns' words side by side is the column
        # whose name the stretch holds in order, leaving only the title's words (村, 卫生室 of 村卫生室达标建设
        # 情况) — of several, the longest (达标卫生室 over 村卫生室); 新增 of 本月新增达标 is no title's word
        one = self._one_of_two(t, segs, free_text) if cols else None
        if one and any(c in cols for c in one[1]):
            cols = list(dict.fromkeys(one[0] if c in one[1] else c for c in cols))  # in its place
            notes = [n for n in notes if not any(n.startswith((f"按“{c}”", f"按“{c}（")) for c in one[1])]
        if len(cols) >= 2:
            # 「住院人次合计多少」 under 即时结报人次 / 合计 · 门诊 · 住院: 合计 sums the 住院 column's rows, it
            # does not name the group's 合计 column beside the leaf said, nor another group's 合计 whose group
            # is not said (「下乡门诊合计」 beside 派出医务人员 / 合计: the 门诊 column's total row)
            sums = set(words("sum_leaf"))
            leaves = [
                c
                for c in cols
                if not (
                    t.columns[c].role == "total"
                    and t.columns[c].group
                    and normalize(t.columns[c].leaf) in sums
                    # (「诊疗合计里夜间占多大比例」: the 合计 column is the whole of a share)
                    and share is None
                    and any(
                        o != c
                        and (
                            t.columns[o].group == t.columns[c].group
                            or normalize(t.columns[c].group) not in text
                        )
                        and normalize(_part_name(t.columns[o].leaf) or t.columns[o].leaf) in text
                        for o in cols
                    )
                )
            ]
            rows_summed = len(leaves) < len(cols)
            cols = leaves
        elif cols and all(_sums_rows(t, c, text) for c in cols):
            # 「派出医务人员合计多少」 of no row: the group's 合计 column said whole names its total row
            rows_summed = True
        if cumulative is not None:
            # 「全年累计总诊疗人次」: the running total printed beside the figure named (总诊疗人次 本年累计)
            cols = [_running(t, c) for c in cols]
        negated = {c: n for c in [*cols, *t.parts] if (n := _said_negated(t, c, free_text))}
        for pair in words("opposite"):  # 「发送失败的短信」 where the table counts 成功量: its complement
            said, printed = pair.split("=")
            if said in text and printed not in text:
                of = [c for c in t.columns if printed in normalize(c)]
                if of:
                    negated[of[0]] = said
        remainder = next((tag for tag in tags if tag.op == "remainder"), None)
        if remainder is not None:  # 「离年度目标还差多少」: the whole named, less its part
            for c in cols:
                part = next((p for p, w in t.parts.items() if w == c), "")
                if part and part not in negated:
                    negated[part] = remainder.said
        asked = {tag.op for tag in tags}
        # 「哪些医院没有乳腺疾病患者」: rows with none of the part — a condition no figure here answers
        which_none = "list" in asked and not asked & (MAIN_OPS | {"filter", "count"})
        for part in list(negated):
            whole = t.parts.get(part)
            asked_rate = any(t.columns[c].kind == "rate" for c in negated if c in cols)
            if (
                whole is None
                or asked_rate
                or which_none
                or t.columns[part].dim in ("percent", "text", "level")
            ):
                continue  # 「没归档率」 asks a rate no column prints: never a count of the part
            # 「没办结的工单」 of 受理数 / 办结数 / 办结率: whole − part, the pair the table's rate divides
            name = f"{whole}−{part}"
            plan.derived[name] = (whole, part)
            t = with_derived(t, {name: (whole, part)})
            rates = {c for c, i in t.columns.items() if i.kind == "rate" and c in negated}
            cols = [name] + [c for c in cols if c not in (whole, part, name) and c not in rates]
            notes = [n for n in notes if f"“{whole}" not in n and f"“{part}" not in n]
            notes.append(f"按“{whole}”减“{part}”计算")
            del negated[part]
            for c in rates:
                negated.pop(c, None)
        if negated:
            # 「未及时报告的例数」「没办结的工单」: the figure is the column's complement, which the table does
            # not print and no rate of it says how: the column itself would be a confident wrong answer
            content.extend(negated.values())
        plan.columns = cols
        plan.notes = notes
        content.extend(m for c in cols if (m := _one_of_listed(c, text)))
        content.extend(_other_level(t, text))
        if len(cols) >= 2:
            # 「心理咨询类来电」: one word of the language cut across two columns (心理危机干预, 咨询类) names one
            # thing, neither of them
            for a, b in zip(segs, segs[1:], strict=False):
                if a.end != b.start or not (a.target.startswith("col:") and b.target.startswith("col:")):
                    continue
                if a.target == b.target or a.target[4:] not in cols or b.target[4:] not in cols:
                    continue
                if min(a.strength, b.strength) < 1.0:
                    continue  # a synonym (病人 for 患者) is weak evidence of a second column, no cut
                across = [
                    free_text[x:y]
                    for x in range(a.start, a.end)
                    for y in range(b.end, b.start, -1)
                    if y - x >= 3
                    and self.pos
                    and self.pos(free_text[x:y])[1] > 0
                    # (「检测合格率」 over 检测 · 合格率: 检测合格 is a column of its own, what the rate divides)
                    and not any(free_text[x:y] in normalize(c) for c in t.columns)
                ]
                if across:
                    content.append(across[0])
        stock = set(t.parts) | set(t.parts.values()) | set(plan.derived)
        if (
            cumulative is not None
            and cumulative.said in words("date_before")
            and cumulative.said in content
            and cols
            and all(c in stock for c in cols)
        ):
            # 「截至5月还有多少个中心没上线」: as of a month, of figures that stand at a date (中心数 and
            # 已上线, which a rate divides) — the month's own figures, not a running total
            content.remove(cumulative.said)
        if cols:
            renamed = self._same_series(t, cols[0], segs, free_text)
            if renamed:
                plan.columns = [c for c in cols if c not in renamed]
                plan.alternates = {cols[0]: renamed}
        explained = sum((s.end - s.start) * s.strength for s in segs)
        if any(tag.op == "filter" and "value" in tag.args for tag in tags) and len(t.signed) == 1:
            named_table = has_table_words = True  # 「排名上升的区」: one column printing rises and falls
        if not (plan.entities or named_table or prev is not None):
            return None
        self._operation(plan, t, tags, scope)
        self._full_part(plan, t, text, tags)
        self._rate_of_count(plan, t, segs, free_text, tags)
        level = next((tag for tag in tags if tag.op == "level"), None)
        if level is not None and plan.columns and not plan.entities:
            # 「合格率低于全市平均水平的区县有几个」: the rows on one side of the table's own level
            plan.cond = Cond(level.args["cmp"], said=level.said, level=True)
            plan.columns = plan.columns[:1]
            plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
        if not plan.entities and (prev is None or not prev.entities):
            # 「这些医院门急诊外地占比」 with no hospitals named before: the table's rows, all of them
            these = [
                tag for tag in tags if tag.op == "it" and text[tag.end :].startswith(tuple(kind_words()))
            ]
            if these and not plan.all_rows:
                plan.all_rows = True
        if plan.op == Op.SUM and len(plan.columns) > 2:
            # 「挂号、候诊、缴费、取药加起来」 where 分钟 also lies in 30分钟内就诊比例: a rate is never added to
            # the times or counts named with it
            added = [c for c in plan.columns if t.columns[c].dim != "percent"]
            plan.columns = added if len(added) >= 2 else plan.columns
        if (
            plan.op not in (Op.RATIO, Op.SHARE, Op.PER)
            # (「合格水样少于监测水样的区」 compares the two; 「5月比4月新上线了多少」 one over two months)
            and not (plan.op == Op.DIFF and len(scope.months) < 2 and not scope.prev)
            and len(plan.columns) == 2
            and not any(w in text for w in words("and_words"))
        ):
            a, b = plan.columns
            part = a if t.parts.get(a) == b else b if t.parts.get(b) == a else ""
            # … the part named by its own words, never only by a synonym (病人 is no 规范管理人数)
            literal = any(sg.target == "col:" + part and sg.strength >= 1.0 for sg in segs)
            if (
                part and literal
            ):  # 「院感漏报了几例」: 院感 says whose 漏报 it is (其中：漏报 of 医院感染例数), not a 2nd figure
                plan.columns = [part]
                plan.notes = [n for n in plan.notes if f"“{part}" in n]
            elif a in t.parts and t.parts.get(a) == t.parts.get(b) and plan.op in (Op.LOOKUP, Op.ROW):
                # 「农村水厂水样合格了多少份」 of 监测水样 · 其中：农村水厂水样 · 合格水样: two parts of one whole
                # said as one thing are the part of a part, which the table does not print
                said = [sg for sg in segs if sg.target in ("col:" + a, "col:" + b)]
                content.append(free_text[min(x.start for x in said) : max(x.end for x in said)])
        rate = next((c for c in plan.columns if c in t.rates), None)
        if rate and len(plan.columns) > 1 and set(plan.columns) - {rate} <= set(t.rates[rate]):
            # 「冷链设备总体在线率」: 设备 names the whole 在线率 divides — the rate is asked, not its terms
            plan.columns = [rate]
            plan.notes = [n for n in plan.notes if f"“{rate}" in n]
        figures = [c for c in plan.columns if t.columns[c].dim not in ("text", "level")]
        mixed = len({(t.columns[c].dim, t.columns[c].factor) for c in figures}) > 1
        if (
            plan.op == Op.SUM
            and mixed
            and t.has_total
            and not (plan.entities or plan.cond or plan.having)
            and len(plan.months) < 2
        ):
            # 「标本量合计同比增长多少」: figures that do not add up, of the 合计 row: that row's own figures
            plan.op = Op.TOTAL
        asked_whole = [tag.said for tag in tags if tag.op == "all" and tag.said in words("whole_said")]
        if (
            asked_whole
            and t.total_labels
            and not t.total_labels & set(words("plain_total"))
            and not plan.entities
            and plan.op not in (Op.RANK, Op.POSITION, Op.FILTER, Op.COUNT, Op.SERIES)
        ):
            # 「全部出院人数」 of a table whose total row is 「前十位合计」: that row is not the whole asked
            content.append(asked_whole[0])
        if plan.derived and not plan.entities:
            plan.all_rows = True  # 「还有多少台终端没装」: what is left over the whole table, its total row
        if rows_summed and plan.op == Op.LOOKUP and not plan.entities:
            plan.op = Op.TOTAL  # the column's 合计: its total row
        signed = sorted(t.signed)
        sign_only = (
            plan.cond is not None
            and plan.cond.value == 0
            and not plan.cond.amount
            and not plan.columns
            and len(signed) == 1
        )
        if sign_only:  # 「排名上升的医院」: the one column that prints rises and falls (变化 ↑2 ↓1)
            plan.columns = signed

        if plan.cond is not None and plan.cond.amount:
            said = amount(plan.cond.amount)
            if not plan.columns or (
                said is not None
                and said.dim
                and not any(compatible(i.dim or "count", said.dim) for i in t.columns.values())
            ):
                content.append(plan.cond.said)  # 「超过十万人次」 of a table that counts no 人次
        plan.vs_total = (
            plan.op in (Op.DIFF, Op.RATIO)
            and len(plan.entities) == 1
            and t.has_total
            and len(scope.months) < 2
            and any(tag.op == "all" for tag in tags)
        )
        each = next((tag for tag in tags if tag.op in ("avg", "per") and "每" in tag.said), None)
        if each is not None and plan.columns:
            # 「平均每家开展机构服务多少人次」: per one of what a column counts in 家 — that column divides;
            # 「平均每台自助终端挂号多少笔」: the counter said (台) names the one column counted in it
            tail = each.said[each.said.index("每") + 1 :] or text[each.end : each.end + 1]

            def counted(c: str) -> bool:
                return bool(tail[:1]) and tail[:1] in (t.columns[c].counter, t.columns[c].unit)

            den = [c for c in plan.columns if counted(c)]
            after = text[each.end :].lstrip(tail)
            per_row = any(after.startswith(k) for k in kind_words())  # 「每个区」: 个 counts the rows
            if len(plan.columns) == 1 and not den and not per_row:
                den = [c for c in t.columns if counted(c)]
            if len(den) > 1:
                # 「平均每个已上线的社区卫生服务中心」: the first of them said after 每个 divides (已上线)
                at = {c: after.find(normalize(c)) for c in den if normalize(c) in after}
                den = [min(at, key=at.get)] if at else [] if not set(den) & set(plan.columns) else den
            # what is counted per one is no count of the same things (中心 per 中心): another counter's figure
            num = [c for c in plan.columns if c not in den and not counted(c)] or [
                c for c in plan.columns if c not in den
            ]
            if len(den) == 1 and num:
                plan.op, plan.columns, plan.per_unit = Op.PER, [num[0], den[0]], True
        said_avg = next((tag.said for tag in tags if tag.op == "avg"), "")
        if (
            plan.op == Op.AVG
            and plan.columns
            and said_avg
            and text.count(said_avg) == 1
            and normalize(plan.columns[0]).startswith(said_avg)
        ):
            # 「全市平均急救反应时间」 with a column 平均反应时间: the 平均 is the column's, said once
            tags = [tag for tag in tags if tag.op != "avg"]
            self._operation(plan, t, tags, scope)
        # a printed text said in part (江宁 of 江宁区) is the one text of its column that holds it
        values = [
            (
                s.target[4:],
                _negated(t, s.target[4:], text, s.start, free_text[s.start : s.end])
                or _printed(t, s.target[4:], free_text[s.start : s.end]),
            )
            for s in segs
            if s.target.startswith("val:")
        ]
        said_values = [v for _, v in values]
        for close in list(ambiguous):
            # 「城南片区…小计」: of the subtotals 小计 fits, the one of the group the question names
            hit = [k for k in close if any(v and v in k for v in said_values)]
            if len(hit) == 1:
                ambiguous.remove(close)
                plan.entities = [hit[0] if e in close else e for e in plan.entities]
                values = [(c, v) for c, v in values if v not in hit[0]]
                said_values = [v for _, v in values]
        if said_values and plan.cond is not None and plan.cond.said != "有":
            # 「评级在5级及以上的三级医院」: a threshold, and the rows printing that text
            restrict += values
            said_values = []
        if (
            restrict
            and (plan.cond is None or plan.cond.said == "有")
            and not plan.entities
            and (not plan.columns or all(t.columns[c].dim == "text" for c in plan.columns))
        ):
            # 「鼓楼区有几家医院」: the rows printing it, counted or listed
            where, said = restrict.pop(0)
            plan.cond = Cond("=", raw=said, said=said, column=where)
            plan.columns = [where]
            plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
        plan.having = restrict
        if (
            said_values
            and (plan.cond is None or plan.cond.said == "有")
            and not plan.entities
            and plan.columns
        ):
            # 「评级是四级甲等的医院」: rows whose cell prints that text; 「等保二级的医院一共多少漏洞」: the
            # figures of another column named, over those rows.
            where = next(s.target[4:] for s in segs if s.target.startswith("val:"))
            others = [c for c in plan.columns if c != where]
            plan.cond = Cond("=", raw=said_values[0], said=said_values[0], column=where)
            if others and plan.op in (Op.SUM, Op.AVG, Op.RANK):
                # 「城北片规范管理率最高的」: the rows printing it, ranked, summed or averaged
                plan.columns, plan.cond = others, None
                plan.having.append((where, said_values[0]))
            elif others and all(t.columns[c].dim != "text" for c in others):
                plan.columns = others  # 「江宁的医院评级都是几级」: those rows, with the figure asked
                plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
            else:
                plan.columns = [where]
                plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
        if (
            asks_missing
            and plan.cond is None
            and not plan.entities
            and not MAIN_OPS & {tag.op for tag in tags}
        ):
            plan.cond = Cond("missing", said=slash or "未上报")
            plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
        # Months asked that this table has; a month, issue or year asked that it lacks is missing here.
        asked = [x for x in scope.mentions if x.kind not in (Kind.PREV, Kind.LATEST)]
        plan.months = list(dict.fromkeys(m for x in asked for m in x.months if m in t.months))
        said_months = [x for x in asked if x.kind in (Kind.MONTH, Kind.RANGE)]
        within = [x for x in asked if x.kind in (Kind.ISSUE, Kind.YEAR, Kind.PUBLISHED) and x.months]
        if said_months and within:
            # 「16年那期里…4月」: the issue or year narrows the month named, it adds no month of its own
            narrowed = [m for m in plan.months if any(m in x.months for x in said_months)]
            plan.months = narrowed or plan.months
        if share is not None:
            # 「7月罚没款占1-7月合计的比例」: the part's months before 占, the whole's after it
            part = [m for x in asked if x.end <= share.start for m in x.months if m in t.months]
            whole = [m for x in asked if x.start >= share.end for m in x.months if m in t.months]
            if part and whole and set(part) != set(whole):
                plan.months, plan.whole_months = list(dict.fromkeys(part)), list(dict.fromkeys(whole))
        missing = [x.asked or x.said for x in asked if not set(x.months) & set(t.months)]
        latest_year = max((m[:4] for m in t.months), default="")
        for x in asked:
            y = x.months[0][:4] if x.kind is Kind.YEAR and x.months else ""
            if not y or plan.op not in (Op.SUM, Op.AVG) or plan.entities[1:]:
                continue
            if any(o.kind in (Kind.MONTH, Kind.RANGE) for o in asked):
                continue  # 「12年2月和3月一共」: the months named, not the year
            have = sorted(m for m in t.months if m[:4] == y)
            running = [_running(t, c) for c in plan.columns]
            if plan.op == Op.SUM and plan.columns and running != plan.columns and have:
                # 「2019全年住院手术一共多少」: the running total printed for the year's last month
                plan.op, plan.columns, plan.months = Op.LOOKUP, running, have[-1:]
            elif (y < latest_year or any(w in q for w in words("whole_year"))) and len(have) < 12:
                # two months of a past year make no year's total, nor five of this one said 「全年」
                missing.append(f"{y}年全年")
        for x in asked:
            # 「1到10月累计」「截至10月」 of a running total: the figure printed for the range's last month
            if x.kind is Kind.RANGE and x.span and x.span[0][5:] == "01" and plan.columns:
                ends = [m for m in t.months if m in x.span]
                running = [c for c in plan.columns if t.columns[c].kind == "cumulative"]
                if ends and x.span[-1] not in t.months and (running or _to_date(t)):
                    # 「1—9月累计」 where the last table runs to August: no figure of that range
                    missing.append(x.asked or x.said)
                    continue
                if ends and running:  # beside the months' own figures (「1月 … 4月 累计」): the total printed
                    plan.columns, plan.months = running, ends[-1:]
                elif ends and _to_date(t):
                    # 「1-8月出院人次同比」 of a table whose every figure runs from January (本年累计, 去年同期,
                    # 同比): the range is that of the table printed for its last month
                    plan.months = ends[-1:]
                    if plan.op in (Op.SUM, Op.SERIES):
                        plan.op = Op.LOOKUP
        if (
            plan.op == Op.SUM
            and t.row_kind == "period"
            and len(plan.months) == 1
            and (
                any(tag.op == "cumulative" for tag in tags)
                or any(text[: x.start].endswith(tuple(words("date_before"))) for x in said_months)
            )
        ):
            # 「截至10月今年累计」「到9月一共」 of a month series: its months of that year up to the one said
            plan.months = [m for m in t.months if m[:4] == plan.months[0][:4] and m <= plan.months[0]]
        if plan.op == Op.SUM and len(plan.months) >= 2:
            # 「8月和9月一共完成投资多少」 of a running total with the month's own figure beside it
            # (累计完成投资 / 其中：本月完成): the months' own figures add up, the running totals do not
            plan.columns = [_monthly(t, c) for c in plan.columns]
        only_years = scope.mentions and all(
            x.kind is Kind.YEAR for x in scope.mentions if x.kind is not Kind.LATEST
        )
        if only_years and plan.months and plan.op not in (Op.SUM, Op.AVG, Op.SERIES) and not plan.by_month:
            plan.months = plan.months[-1:]
        plan.prev_month = scope.prev
        plan.back = scope.back
        if any(tag.op == "single_month" for tag in tags) and len(plan.months) == 1 and plan.columns:
            # 「8月单月出院多少」 of running totals (1—8月累计): the month's own figure where printed beside,
            # else the month's total less the month before's — January's total is its own
            running = [c for c in plan.columns if t.columns[c].kind == "cumulative"]
            own = [_monthly(t, c) for c in running]
            if running and len(running) == len(plan.columns) and own != running:
                plan.columns = own
            elif (
                running
                and len(running) == len(plan.columns)
                and plan.months[0][5:7] != "01"
                and plan.op in (Op.LOOKUP, Op.SUM, Op.TOTAL)
            ):
                plan.op, plan.prev_month, plan.back = Op.DIFF, True, 1
                plan.notes.append("单月按本月累计减上月累计计算")
        if plan.op == Op.DIFF and len(plan.columns) == 1:
            # 「平均住院日比去年同期少了多少」 of a table printing 本年累计 · 去年同期 · 增减 side by side: the
            # change is within the row — the printed change of that figure, else the two columns' difference
            within = _beside_year_before(t, plan.columns[0])
            if within is not None:
                plan.prev_month, plan.back = False, 1
                if len(within) == 1:
                    plan.op, plan.columns = Op.LOOKUP, within
                else:
                    plan.columns = within
        if plan.op == Op.RANK and len(plan.columns) >= 2:
            # 「出院环比最高的」: ranked by the figure said last before the ranking word, not the first named
            at = {c: max((s.end for s in segs if s.target == "col:" + c), default=-1) for c in plan.columns}
            if len(set(at.values())) == len(at) and min(at.values()) >= 0:
                plan.columns, plan.notes = [max(plan.columns, key=lambda c: at[c])], []
        if plan.op == Op.DIFF and len(plan.columns) == 2 and all(normalize(c) in text for c in plan.columns):
            # 「撤床比新建床多多少」: the first said less the second
            plan.columns.sort(key=lambda c: text.find(normalize(c)))
        if plan.op == Op.LOOKUP and len(plan.columns) == 2:
            # 「处置量同比增长了多少」 beside 处置量 and 同比增长: the printed change of the figure named is asked
            a, b = plan.columns
            change = [c for c, o in ((a, b), (b, a)) if _change_of(c, o) and not _change_of(o, c)]
            if len(change) == 1:
                plan.columns = change
        dated = [x for x in scope.mentions if x.span]
        plan.ranged = len(dated) == 1 and len(dated[0].span) >= 2 and not plan.prev_month
        # two columns over one range of months (1到5月), never two months compared (9月和8月比)
        plan.summed = plan.op == Op.DIFF and len(plan.columns) == 2 and plan.ranged
        rows_asked = (
            any(tag.op in ("list", "count") for tag in tags)
            or (
                t.row_kind == "period"
                and any(tag.op == "by_month" for tag in tags)  # 「哪个月」: the rows are months
            )
            or (  # 「哪家医院合格批次比抽检批次少」
                t.row_kind == "entity"
                and bool(found(text, "which_row"))
                and not any(tag.op == "by_month" for tag in tags)
            )
        )
        changes = [c for c in plan.columns if c in t.signed and t.columns[c].dim == "percent"]
        if (
            plan.op == Op.DIFF
            and len(plan.columns) == 2
            and len(changes) == 1
            and not plan.entities
            and any(tag.op in ("rank", "top") for tag in tags)
        ):
            # 「签章环比降得最狠的」: the change printed beside the figure named (环比 of 签章量), ranked
            plan.op, plan.columns = Op.RANK, changes
            plan.notes = [n for n in plan.notes if f"“{changes[0]}" in n]
        if (
            plan.op == Op.DIFF
            and len(plan.columns) == 2
            and not plan.entities
            and rows_asked
            and not scope.prev
        ):
            # 「哪些区三季度比二季度少」: the rows whose first figure is below (above) their second — in the
            # order said, by where the words naming each stand (「支出比收入多」 of 收入小计 · 支出合计)
            at = {
                c: min(
                    (
                        g.start
                        for g in segs
                        if g.target == "col:" + c
                        or free_text[g.start : g.end] == normalize(t.columns[c].group or "\0")  # 收入 of 小计
                    ),
                    default=-1,
                )
                for c in plan.columns
            }
            if min(at.values()) < 0 or len(set(at.values())) < 2:
                at = {c: text.find(normalize(c)) % (len(text) + 1) for c in plan.columns}
            first, second = sorted(plan.columns, key=lambda c: at[c])
            # 「三季度比二季度少」: the direction after the second; 「A少于B的」: between the two
            where = {c: at[c] if at[c] < len(text) else max(text.find(normalize(c)), 0) for c in plan.columns}
            cmp = _direction(text[where[second] :]) or _direction(text[where[first] : where[second]])
            if cmp:
                plan.cond = Cond(cmp, said="比" + second + ("少" if cmp == "<" else "多"), other=second)
                plan.columns = [first]
                plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
        if any(tag.args.get("back") == "12" for tag in tags):  # 「同比」 not printed: a year back
            plan.prev_month, plan.back = True, 12
        sign = plan.cond is not None and plan.cond.value == 0 and not plan.cond.amount
        named_signed = [c for c in plan.columns if c in t.signed]
        if sign and plan.cond.said != "有" and named_signed and plan.columns[0] not in t.signed:
            # 「预约量环比下降的渠道」: the sign is the printed change's (环比), not the figure's (预约量)
            plan.columns = named_signed[:1]
        elif (
            sign
            and plan.op in (Op.FILTER, Op.COUNT)
            and not plan.prev_month
            and len({m for x in scope.mentions for m in x.span or x.months})
            < 2  # 「比8月少了」: the figure's
            and plan.cond.said != "有"
            and plan.columns
            and plan.columns[0] not in t.signed
        ):
            # 「排名上升的区」 beside 排名 and 变化 (↑2 ↓1): the rise is the printed change's, when that
            # column names nothing but a change, or a change of the figure named
            changes = [c for c in t.signed if _change_of(c, plan.columns[0])]
            if len(changes) == 1:
                plan.columns = changes
        if plan.op == Op.SHARE and not plan.whole and len(plan.columns) == 1:
            info = t.columns[plan.columns[0]]
            if info.group and any(normalize(info.leaf).startswith(normalize(w)) for w in words("part_mark")):
                # 「远程会诊中视频会诊占多大比例」: a 其中 column of its group's count, row by row
                whole = [
                    c
                    for c, i in t.columns.items()
                    if i.group == info.group
                    and c != plan.columns[0]
                    and not any(normalize(i.leaf).startswith(normalize(w)) for w in words("part_mark"))
                ]
                if whole:
                    plan.whole = whole[:1]
        monthly = _month_over_month(t)
        months_asked = sorted(m for x in scope.mentions for m in x.span or x.months)
        consecutive = (
            len(months_asked) == 2 and self.calendar.before_month(months_asked[1]) == months_asked[0]
        )
        if (
            not sign
            and plan.op == Op.DIFF
            and len(monthly) == 1
            and len(plan.entities) <= 1
            and len(plan.columns) == 1
            and plan.columns[0] not in t.signed
            # (a change in 百分点 is of a figure in %: one dimension, not one unit string)
            and (
                t.columns[monthly[0]].unit == t.columns[plan.columns[0]].unit
                or t.columns[monthly[0]].dim == t.columns[plan.columns[0]].dim != ""
            )
            and ((plan.prev_month and plan.back == 1) or consecutive)
        ):
            # 「建邺8月用卡比7月少了多少」: the change printed beside the figure (较上月增减), read, not computed
            plan.op, plan.columns, plan.prev_month, plan.notes = Op.LOOKUP, monthly, False, []
            lists = [tag for tag in tags if tag.op in ("list", "count")]
            way = _direction(text[min((tag.start for tag in tags if tag.op == "diff"), default=0) :])
            if lists and not plan.entities and way:
                # 「9月哪些区用卡比8月少了」: the rows whose printed change falls (rises)
                up = way == ">"
                plan.cond = Cond(">" if up else "<", 0.0, None, "增加的" if up else "减少的")
                plan.op = Op.COUNT if any(tag.op == "count" for tag in lists) else Op.FILTER
            if consecutive:
                plan.months = [months_asked[1]] if months_asked[1] in t.months else plan.months
                missing = [w for w in missing if w not in [x.asked or x.said for x in scope.mentions]]
        if (
            not sign
            and plan.op == Op.DIFF
            and plan.prev_month
            and plan.back == 1
            and not consecutive
            and len(plan.columns) == 1
            and plan.columns[0] in monthly
        ):
            # 「药品器械4月受理较上月增减多少」: the printed change named as the column, read (never the change
            # of the change); of no row, the total's (the table's 合计 row, or the rows summed)
            plan.op, plan.prev_month = (Op.LOOKUP if plan.entities else Op.SUM), False
        if (
            not consecutive
            and plan.op == Op.RANK
            and plan.prev_month
            and plan.change
            and plan.columns
            and all(c in monthly for c in plan.columns)
        ):
            # 「受理较上月增减最多的是哪类」: ranked by the printed change, not by its own change
            plan.prev_month, plan.change = False, False
        if sign and plan.op == Op.DIFF and plan.prev_month and plan.back == 1 and len(monthly) == 1:
            plan.columns = monthly  # 「用卡比上月减少的区」: the printed change from the month before
        if sign and plan.op == Op.DIFF and plan.columns and plan.columns[0] in t.signed:
            # 「比上月增加的区有几个」 with a printed 较上月增减: rows whose printed change is a rise
            plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
            plan.prev_month = False
        plan.pronoun = any(tag.op == "it" for tag in tags)
        said_anything = bool(plan.entities or has_table_words)
        if prev is not None and not named_cols and prev.columns:
            # 「整改了几个」 after 「发现几个漏洞」: a title word that names other columns than the one asked
            # before, narrowed by the unit the question hints.
            other = self._renamed_column(t, segs, free_text, tags, prev)
            if other:
                cols, named_cols, plan.columns = [other], True, [other]
        plan = self._inherit(plan, prev, t, named, scope, named_cols)
        if cumulative is not None:  # 「累计呢」 after 「本月发了多少」: the running total of that figure
            plan.columns = [_running(t, c) for c in plan.columns]
        if (
            plan.op in (Op.DIFF, Op.RATIO)
            and len(plan.columns) >= 2
            and len(plan.entities) < 2
            and len(plan.months) < 2
            and not plan.prev_month
        ):
            a, b = (t.columns[c].dim or "count" for c in plan.columns[:2])
            if not (compatible(a, b) and compatible(b, a)):
                # 「诊疗同比涨了多少」: 万人次 minus a % is no figure; the columns named are read as printed
                plan.op, plan.growth = Op.LOOKUP, False
        per = (
            self._per_reading(t, plan, free_text)
            if (plan.op == Op.AVG or (plan.op == Op.PER and not plan.per_unit)) and len(plan.months) < 2
            else []
        )
        if per and (plan.op == Op.PER or len(plan.entities) == 1 or (not plan.entities and t.has_total)):
            # 「平均一笔多少元」「全市平均一笔结算多少钱」: money over the count of the same group (the total
            # row's where no row is named)
            plan.op, plan.columns = Op.PER, per
        elif plan.op == Op.AVG and len(plan.entities) == 1 and len(plan.months) < 2:
            # An average of one figure is no operation: 平均 belongs to the column named (「远程响应平均要多
            # 久」 is 平均响应时间), or to a figure the table does not hold (「平均住院日」).
            word = next(tag.said for tag in tags if tag.op == "avg")
            if any(word in normalize(c) for c in plan.columns):
                tags = [tag for tag in tags if tag.op != "avg"]
                self._operation(plan, t, tags, scope)
            else:
                content.append(word)
        if not plan.columns and not plan.entities and plan.op not in (Op.COUNT, Op.FILTER):
            return None
        plan.shown = _unit_asked(t, plan, segs, tags)
        if (
            (
                plan.op in (Op.RANK, Op.POSITION, Op.FILTER, Op.COUNT)
                or (plan.op == Op.SHARE and not plan.whole)
                # 「哪个渠道比9月涨得最多」: a ranking of rows, whatever change it ranks by
                or (plan.op == Op.DIFF and not plan.entities and any(tag.op == "rank" for tag in tags))
            )
            and t.row_kind != "period"
            and len(t.entities) < 2
            and not plan.by_month
        ):
            return None  # rows of one entity rank nothing (「哪一类最少」 is another table's rows)
        if not said_anything and (prev is None or (prev.table != t.key and not plan.entities)):
            return None
        # A row named tells rows apart; the one row of a one-row table (a paragraph's subject) only
        # says what the table is about, like a title's words.
        rows = (
            3.0 * len(plan.entities)
            if len(t.entities) > 1
            else sum(b - a for a, b, k in entity_spans if k in plan.entities)
        )
        rows += 3.0 * kept + (2.0 if sign_only else 0.0)
        score = explained + rows + (1.0 if literal else 0.0) - 4.0 * len(content) + len(fits)
        if missing:
            score -= 3.0  # a table that has the months asked is the better reading
        if prev is not None and not named_cols and prev.columns and set(prev.columns) <= set(t.columns):
            score += 2.0  # a follow-up that names no column stays with the columns of the turn before
        return Candidate(
            t,
            plan,
            score,
            explained,
            content,
            ambiguous,
            missing,
            foreign,
            literal,
            names,
            has_table_words,
            tied,
            defer,
        )

    @staticmethod
    def _same_series(t: TableSchema, col: str, segs: list[Segment], free: str) -> list[str]:
        """Columns the question's words name too that have figures only in months the column has none:
        one series printed under another name (预约挂号类 in 2015, 预约 in 2021), not a second figure."""
        months = t.column_months.get(col, set())
        info = t.columns[col]
        out = []
        for c, other in t.columns.items():
            if (
                c == col
                or other.role != info.role
                or not compatible(other.dim or "count", info.dim or "count")
            ):
                continue
            if not months or t.column_months.get(c, set()) & months or not t.column_months.get(c):
                continue
            said = [free[s.start : s.end] for s in segs if s.end - s.start >= 2]
            # 咨询类 in one month is 咨询 in another, 预约挂号类 is 电话预约挂号: the name without 类 said
            core = normalize(c).removesuffix("类")
            if (
                any(s.target == "col:" + c for s in segs)
                or any(w in normalize(c) for w in said)
                or (len(core) >= 2 and any(core in w for w in said))
            ):
                out.append(c)
        return out

    @staticmethod
    def _in_table_words(t: TableSchema, text: str, m: Mention) -> bool:
        """An abbreviated name inside a longer stretch of the question that the table's title or a column
        prints as it stands (健康 of 「电子健康卡」): part of those words, not a row."""
        if m.candidates and m.candidates[0][1] >= 1.0:
            return False
        printed = [t.words, *(normalize(c) for c in t.columns)]
        for a in range(max(0, m.start - 6), m.start + 1):
            for b in range(m.end, min(len(text), m.end + 6) + 1):
                # 「体检」 alone is the title's word too (健康体检情况), not 民营体检机构
                if " " not in text[a:b] and any(text[a:b] in p for p in printed):
                    return True
        return False

    def _printed_value(self, t: TableSchema, text: str, m: Mention) -> tuple[str, str] | None:
        """A name of other tables' rows that this table prints in a column of words (鼓楼区 under 所属区):
        (column, text as printed)."""
        said = {normalize(text[m.start : m.end])} | {
            normalize(self.entities.name(k)) for k, _ in m.candidates
        }
        for col, texts in t.values.items():
            hit = sorted(said & texts)
            if hit and t.columns.get(col) is not None and t.columns[col].dim == "text":
                return col, hit[0]
        return None

    def _is_column_text(self, t: TableSchema, text: str, tag: OpTag) -> bool:
        """「占比多少」 in a table with a column 占比, 「平均响应时间」 with a column 平均响应时间: the operation
        word starts (or is) a column name, or the lower header of one (药占比 / 同比增减)."""
        leaves = {i.leaf for i in t.columns.values() if i.leaf and i.group}
        for name in [*t.columns, *leaves]:
            n = normalize(name)
            if tag.said in n:
                k = n.index(tag.said)
                if text[tag.start - k : tag.start - k + len(n)] == n or n == tag.said:
                    return True
                if (
                    n.startswith(tag.said)
                    and len(n) > len(tag.said)
                    and text[tag.start : tag.start + len(tag.said) + 1] == n[: len(tag.said) + 1]
                ):
                    return True  # 「累计签了多少」 with a column 累计签约
        if tag.op == "position" and any(
            len(normalize(c)) >= 2 and tag.said.startswith(normalize(c)) for c in t.columns
        ):
            return True  # 「排名多少」 of a table printing 排名: the printed place, read like any figure
        if tag.op == "per" and len(tag.said) >= 2 and tag.said in t.words:
            return True  # 「门诊次均药费」 of a table of 次均费用: its figures are per visit already
        if tag.op == "exclude" and len(tag.said) >= 2 and any(tag.said in normalize(c) for c in t.columns):
            return True  # 「漏报了几例」 of a table counting 其中：漏报 / 例数: what it counts, not rows left out
        if tag.op in ("diff", "growth") and len(tag.said) >= 2:
            # 「同比咋样」 where the table prints 同比增长: the comparison is printed, one column begins with the
            # word; computing it from other months would compare something else (同比 is a year back)
            starts = [c for c in t.columns if normalize(c).startswith(tag.said)]
            if len(starts) == 1:
                return True
            # … or holds it (献血人次同比增长), when that column is the one printing signed figures
            inside = [c for c in t.columns if tag.said in normalize(c)]
            if len(inside) == 1 and inside[0] in t.signed:
                return True
            # 「同比增长了多少」 where each figure prints a 同比增减 beside it: the printed comparison
            head = tag.said[:2]
            return any(x.op == tag.op and x.said == head for x in find_ops(head)) and any(
                leaf.startswith(head) for leaf in leaves
            )
        return False

    # -- explaining words -------------------------------------------------------------------------
    @staticmethod
    def _one_of_two(t: TableSchema, segs: list[Segment], free: str) -> tuple[str, list[str]] | None:
        """(the column meant, the other) where two columns' words stand side by side (or 的 between) and
        say one column's name in order, with characters of both, the rest the title's words (not 开展机构 of
        「开展机构服务多少人次」: 服务 is the other's alone); None otherwise."""
        title = normalize(t.title)
        named = sorted(
            (s for s in segs if s.target[4:] in t.columns and s.target.startswith("col:")),
            key=lambda s: s.start,
        )
        for a, b in zip(named, named[1:], strict=False):
            if a.target == b.target or free[a.end : b.start].strip("的 "):
                continue
            said_a, said_b = (free[s.start : s.end].replace(" ", "") for s in (a, b))
            if any(
                x == normalize(t.columns[s.target[4:]].leaf or s.target[4:]) and x not in title and y in title
                for s, x, y in ((a, said_a, said_b), (b, said_b, said_a))
            ):
                continue  # 「碘盐监测户数」: 监测户数 said whole beside a word of the title (碘盐) is the column
            stretch = free[a.start : b.end].replace(" ", "")
            fits = []
            first = len(free[a.start : a.end].replace(" ", ""))  # where a's words end in the stretch
            second = len(stretch) - len(free[b.start : b.end].replace(" ", ""))  # where b's begin
            for c, o in ((a.target[4:], b), (b.target[4:], a)):
                # (the other said whole as the thing the title counts, 村卫生室 of 「新增达标村卫生室」, it may
                # keep all its characters)
                said = free[o.start : o.end].replace(" ", "")
                thing = said == normalize(t.columns[o.target[4:]].leaf or o.target[4:]) and said in title
                name = normalize(t.columns[c].leaf or c)
                name = name.removeprefix(next((w for w in words("this_month") if name.startswith(w)), ""))
                left, it, taken = list(stretch), 0, []
                for ch in name:  # the stretch's characters the name takes, in order
                    at = stretch.find(ch, it)
                    if at < 0:
                        break
                    left[at], it = "", at + 1
                    taken.append(at)
                else:
                    both = min(taken, default=first) < first and max(taken, default=0) >= second
                    if (both or thing) and all(ch in title or ch == "的" for ch in "".join(left)):
                        fits.append((len(name), c))
            if fits and (len(fits) == 1 or fits[0][0] != fits[1][0]):
                best = max(fits)[1]
                return best, [c for c in (a.target[4:], b.target[4:]) if c != best]
        return None

    def _explain(
        self, text: str, vocab: dict, singles: set[int], idle: set[int]
    ) -> tuple[list[Segment], str]:
        """Cover the free characters with this table's words (DP: most characters explained, strongest
        first; a single character only where it is a word by itself; function words may stay
        unexplained at no cost). Returns the segments and the text left unexplained (blanks elsewhere)."""
        segs: list[Segment] = []
        left = list(text)
        names = {p for k, ps in vocab["printed"].items() if k.startswith("col:") for p in ps[:1]}
        for run_start, run in _runs(text):
            ones = {i - run_start for i in singles if run_start <= i < run_start + len(run)}
            rest = {i - run_start for i in idle if run_start <= i < run_start + len(run)}
            bounds, deep, at = {0}, set(), 0
            for w in self.words(run):
                tag = self.pos(w)[0] if self.pos and len(w) >= 2 else ""
                # a column's name said whole with more words after it (中医门诊 of 「中医门诊量」: not 中医门|诊量 →
                # 门诊总量) — unless another name printed whole begins inside it and runs on (血检阳性|率 is 阳性率
                # of 血检); at the end of what is said, a slip before it may still be cut (远成会|诊例数)
                whole = (
                    w in names
                    and at + len(w) < len(run.rstrip("？?"))
                    and not any(
                        at < k < at + len(w) < k + len(p)
                        for p in names
                        for k in range(at + 1, at + len(w))
                        if run.startswith(p, k)
                    )
                )
                if (len(w) >= 3 and (tag or whole)) or (len(w) == 2 and tag.startswith(FUNCTION_TAGS)):
                    # inside a long word of the language (血吸虫病) or such a name, not a printed name jieba does
                    # not know (血检阳性), or a word of function (哪个: no 「个区县食品」 read as 各区县食品): cut
                    # only for much more explained
                    deep.update(range(at + 1, at + len(w)))
                at += len(w)
                bounds.add(at)
            for s in self._cover(run, vocab, ones, rest, bounds, deep):
                segs.append(Segment(run_start + s.start, run_start + s.end, s.target, s.strength))
                for i in range(run_start + s.start, run_start + s.end):
                    left[i] = " "
        return segs, "".join(left)

    def _cover(
        self,
        run: str,
        vocab: dict,
        ones: set[int],
        idle: set[int],
        bounds: set[int] | None = None,
        deep: set[int] | None = None,
    ) -> list[Segment]:
        """The best cover of a run; of covers alike, the one whose pieces begin and end where words do
        (「市属医院|费用」, not 「市属医|院费用」); a word of three or more characters (血吸虫病) is one
        thing said, cut only where that explains clearly more (not 血吸虫|病人 for 查病人数)."""
        n = len(run)

        def inside(k: int) -> float:  # what a piece costs that would begin or end inside a word
            return 0 if bounds is None or k in bounds else 20 if deep and k in deep else 1

        best: list[tuple[float, list[Segment]]] = [(0.0, [])] * (n + 1)
        for i in range(n - 1, -1, -1):
            score, segs = best[i + 1]
            choice = (score - (0.0 if i in idle else 1.0), segs)  # a content character left unexplained costs
            for j in range(i + 1, min(n, i + 12) + 1):
                if (i > 0 and run[i].isdigit() and run[i - 1].isdigit()) or (
                    j < n and run[j - 1].isdigit() and run[j].isdigit()
                ):
                    continue  # never part of a number: 「4128」 holds no 「12」
                if (
                    j == i + 1
                    and i not in ones
                    and (run[i] not in measures() or i in idle)
                    and not (_counted(run, i) and unit(run[i]))
                ):
                    # one character only as a word by itself, a measure (投放量's 量) or a counter (几件) —
                    # never one inside a word of function (项 of 「那项」: that one, no kind of row)
                    continue
                # 「多少人参加」: the 人 counts; it abbreviates no column (人工服务)
                m = self._match(run[i:j], vocab, counter=j == i + 1 and _counted(run, i))
                if m is None:
                    continue
                target, strength = m
                # one long word over fragments that score alike, and pieces cut where words end
                s = strength * (j - i) + best[j][0] - 0.01 - 0.05 * (inside(i) + inside(j))
                if s > choice[0] + 1e-9:
                    choice = (s, [Segment(i, j, target, strength), *best[j][1]])
            best[i] = choice
        return best[0][1]

    def _match(self, w: str, vocab: dict, counter: bool = False) -> tuple[str, float] | None:
        """How strongly this table's words explain the question word w, and which of them; a `counter`
        (the 人 of 多少人) only as a unit or measure. Every stretch of every question is tried against
        every table, so each (stretch, table) is judged once."""
        key = (w, id(vocab), counter)
        if key not in self._matches:
            if len(self._matches) > MATCHES_KEPT:
                self._matches.clear()
            self._matches[key] = self._judge(w, vocab, counter)
        return self._matches[key]

    def _verb_inside(self, m: Mention) -> bool:
        """A two-character verb (调阅) that names a row only as a small part inside its name (电子健康档案调阅系统),
        not as its start: what the question says was done, not which row."""
        return (
            m.end - m.start == 2
            and self.pos is not None
            and self.pos(m.said)[0] == "v"
            and m.candidates[0][1] < 0.5
            and not any(k.startswith(m.said) for k, _ in m.candidates)
        )

    def _asks_other_things(self, t: TableSchema, vocab: dict, spans: list[tuple[int, int, str]]) -> bool:
        """「两批药是什么药」: a noun asked by what or which (什么药) that is not what the table's rows are
        (医院), none of its columns and no state (情况): the table prints figures of it, not which it was."""
        what = set(words("what_thing"))
        rows_kind = vocab["rows"][0]
        # (「排第一的是什么病」 of rows 循环系统疾病 …: the rows' own header or labels say it)
        printed = {normalize(p) for k, ps in vocab["printed"].items() if k.startswith("col:") for p in ps}
        printed |= {normalize(t.label_header), *(normalize(e) for e in t.entities)}
        for (_, b, w), (a2, _, w2) in zip(spans, spans[1:], strict=False):
            if w not in what or b != a2 or not (self.pos and self.pos(w2)[0].startswith("n")):
                continue
            if any(w2 in p for p in printed) or w2 in words("state_word"):
                continue
            if kind_words().get(w2) not in (rows_kind, "other"):
                return True
        return False

    def _two_words(self, w: str, k: int) -> bool:
        """w is two words of the language, cut at k (卫生|防疫); 血吸|虫病 is not."""
        return bool(self.pos and self.pos(w[:k])[0] and self.pos(w[k:])[0])

    def _contrasts(self, w: str, p: str) -> bool:
        """w holds a word the name does not print whose sibling it does, the same but its first character,
        a level (中级职称 beside 高级职称 of 其中高级职称, as 二级 against 三级): no abbreviation of the name.
        孕妇 of 孕产妇 is one (孕 and 产 set no levels)."""
        for x in self.words(w):
            if len(x) >= 2 and x not in p and self.pos and self.pos(x)[0]:
                n = len(x)
                printed = {p[k : k + n] for k in range(len(p) - n + 1)}
                heads = words("level_heads")
                if any(
                    y[1:] == x[1:] and y[0] != x[0] and x[0] in heads and y[0] in heads and self.pos(y)[0]
                    for y in printed
                ):
                    return True
        return False

    def _judge(self, w: str, vocab: dict, counter: bool) -> tuple[str, float] | None:
        printed = vocab["printed"]
        hits: list[tuple[str, float]] = []
        for target, strings in printed.items():
            scale = 0.6 if target == "note" else 1.0  # a note explains a word weakly
            for p in strings:
                if not p:
                    continue
                if (
                    w in p
                    and target == "title"
                    and all(k + len(w) > vocab["title_inner"].get(k, len(p)) for k in positions(p, w))
                ):
                    continue  # no piece begun inside a word of the title and run past it: 「病查」 of 血吸虫病|查螺
                if w in p:
                    single = 0.5 if target.startswith("col:") or target == "kind" else 0.3
                    hits.append((target, (1.0 if len(w) >= 2 else single) * scale))
                elif (
                    (len(w) >= 2 and _abbreviates(w, p) and not self._contrasts(w, p))
                    or len(w) >= 3
                    and _expands(w, p)
                ):
                    hits.append((target, 0.8 * scale))
                elif (len(w) >= 3 and _one_typo(w, p)) or (
                    # two characters that are no word where the name prints one (抽捡 ~ 抽检, 毒铒 ~ 毒饵)
                    len(w) == 2 and self.pos and not self.pos(w)[0] and _one_typo(w, p, self.pos)
                ):
                    hits.append((target, (len(w) - 0.5) / len(w) * scale))
        for alt in synonyms().get(w, ()):
            for target, strings in printed.items():
                if any(alt in p for p in strings):
                    hits.append((target, 0.6))
        # 「没整改完」 of a column 未完成整改: a verb with 完 after it says its 完成 (上传完 = 完成上传)
        for target, strings in printed.items():
            if any(_names_completed(w, p) for p in strings):
                hits.append((target, 1.0))  # the same words: the column named whole
        for k in (2, 3):
            # 「当月完成投资」 where the header prints 本月完成…投资: the month's word said otherwise at its start
            if len(w) >= k + 2 and w[:k] in words("this_month"):
                for alt in synonyms().get(w[:k], ()):
                    said = alt + w[k:]
                    for target, strings in printed.items():
                        if alt != w[:k] and any(said in p for p in strings):
                            hits.append((target, 1.0))  # the same word: one column named whole
        kind = kind_words().get(w)
        rows_kind, source = vocab.get("rows", ("", "table"))
        if kind is not None and source == "table" and kind in (rows_kind, "other"):
            # 「哪个渠道」「哪家医院」 name the rows of a table of them; a paragraph's one row is none of them
            hits.append(("kind", 0.9))
        weak = 0.5 if len(w) == 1 else 1.0  # one character (人, 个, 率) says little on its own
        dim = measures().get(w)
        if dim is not None and any(compatible(d, dim) for d in vocab["dims"]):
            hits.append(("dim:" + dim, 0.5 * weak))  # a measure word is weak evidence: a title's synonym wins
        u = unit(w)
        if u is not None and (w in vocab["units"] or any(compatible(d, u.dim) for d in vocab["dims"])):
            hits.append(("unit:" + w, (1.0 if w in vocab["units"] else 0.7) * weak))
        elif w in vocab["units"]:
            hits.append(("unit:" + w, weak))  # a unit the table prints that no unit list knows (U, 治疗量)
        elif len(w) >= 2 and w[-1] == "数" and w[:-1] in vocab["units"]:
            hits.append(("unit:" + w[:-1], 1.0))  # 「户数」: the count of what the table counts in 户
        if counter:
            # 「多少人参加」: the 人 counts; it abbreviates no column (人工服务) — but 「发了多少卡」 names the
            # column that ends with it (发卡)
            hits = [
                h
                for h in hits
                if h[0].startswith(("dim:", "unit:", "kind"))
                or (h[0].startswith("col:") and any(p.endswith(w) for p in printed[h[0]]))
            ]
        if not hits:
            return None
        return max(hits, key=lambda h: (h[1], h[0].startswith("col:")))

    def _content_words(
        self, free: str, leftover: str, spans: list[tuple[int, int, str]], text: str = ""
    ) -> list[str]:
        """Words of the question not wholly explained that carry content: a noun, a rare verb, an unknown
        word. A word is judged whole: 「时间」 is not explained by 实时 and 诊间. (`text`: the question as
        said, for the words before one.)"""
        out = []
        for a, b, w in spans:
            if free[a:b].strip() == "" or leftover[a:b].strip() == "":
                continue  # taken by scope, an entity or an operation word, or wholly explained
            if free[a:b].strip() != w and leftover[a:b].strip() in kind_words():
                continue  # 「咨询类」: a row named (咨询) and the kind of rows it is (类)
            if any(
                (w.startswith(k) and self._particle(w[len(k) :]))
                or (w.endswith(k) and self._particle(w[: -len(k)]))
                for k in kind_words()
                if k != w
            ):
                continue  # 区里, 个区: a row kind (judged on its own) and a particle
            rest = leftover[a:b].strip()
            if rest != w.strip() and w.endswith(rest) and all(ch in complements() for ch in rest):
                continue  # 「查出来」 of 查出: the explained verb and its complement (来, 到, 完)
            if any(w.endswith(k) for k in kind_words()) and _points_back((text or free)[:a]):
                continue  # 「这六个城区」 after six districts named: those rows, said again
            if _listed_after((text or free)[b:]):
                continue  # 「城区六个区（玄武、白下…）」: a name for the rows the brackets list
            if not self._functional(w):
                out.append(w)
        for k, (a, b, w) in enumerate(spans[:-1]):
            # 「第一剂」「第二批」: an ordinal and a counter the operations and the scope did not take single
            # out something the table does not print (第一个月 is a time, 个 counts anything)
            c, d, nxt = spans[k + 1]
            if (
                w.startswith("第")
                and self._particle(w[1:])
                and free[a:b].strip() == w
                and d - c == 1
                and _is_cjk(nxt)
                and nxt != "个"
                and nxt not in kind_words()
                and not self._particle(nxt)
                and leftover[a:b].strip()
            ):
                out.append(w + nxt)
        return out

    def _verb_left(self, w: str, left: str) -> bool:
        """A verb of two or more characters wholly unexplained, not one of the listed function words nor
        one so common it says nothing of what is counted (没有, 达到, 完成)."""
        if len(w) < 2 or left.strip() != w or w in function_words() or not self.pos:
            return False
        tag, freq = self.pos(w)
        return tag == "v" and freq < SAYS_NOTHING_FREQ

    def _functional(self, w: str) -> bool:
        """A word that carries no content: a particle, pronoun, numeral, adverb, a frequent verb, or a
        colloquial compound of those (算下来 = 算 + 下来, 哪几个 = 哪 + 几个)."""
        if w not in self._function_memo:
            self._function_memo[w] = self._is_functional(w)
        return self._function_memo[w]

    def _is_functional(self, w: str) -> bool:
        if (
            w in function_words()
            or not any("\u4e00" <= ch <= "\u9fff" or ch.isalpha() for ch in w)
            or w.isdigit()
        ):
            return True
        tag, freq = self.pos(w) if self.pos else ("", 0)
        if tag == "t" and len(w) >= 2:
            # a time of day or of the week (夜间, 周末, 节假日) qualifies the figure; when it stands in time
            # (目前, 今年) qa/data/function_words.txt lists it, or the scope has taken it
            return False
        if tag.startswith(FUNCTION_TAGS) or (tag.startswith(LOOSE_TAGS) and freq >= LOOSE_FREQ):
            return True
        if (tag == "v" and freq >= GENERIC_VERB_FREQ) or (tag == "a" and freq >= GENERIC_ADJ_FREQ):
            return True
        if len(w) == 2 and w[1] in complements() and self.pos:
            head, head_freq = self.pos(w[0])
            if head.startswith("v") and head_freq >= GENERIC_VERB_FREQ:
                return True  # 接到, 拿到, 查出: a frequent verb and its complement
        return (
            tag in ("l", "")  # colloquial compounds and unknown words of particles: 哪几个 = 哪 + 几个
            and 2 <= len(w) <= 4
            and any(self._particle(w[:k]) and self._particle(w[k:]) for k in range(1, len(w)))
        )

    def _particle(self, w: str) -> bool:
        """A word of a function class by its tag alone (pronoun, numeral, particle, locative …)."""
        return bool(w) and (self.pos(w)[0] if self.pos else "").startswith(FUNCTION_TAGS)

    # -- columns ------------------------------------------------------------------------------------
    def _columns(
        self,
        t: TableSchema,
        segs: list[Segment],
        free: str,
        tags: list[OpTag],
        default: bool = True,
        said: str = "",
    ):
        """The columns the question names: by support of its words, filtered by the units or measures it
        says, most specific first; several when its words name several (图文加视频)."""
        # Measure words (量, 钱, 多少人) constrain the column, even where a column's letters took them.
        dims = [
            measures()[free[s.start : s.end]]
            for s in segs
            if free[s.start : s.end] in measures()
            # a word the table prints (来电) names it; one it does not print (宝宝) still says what is counted
            # (a generic quantity word, 电话 or 量, only as a measure segment)
            and (
                s.target.startswith("dim:")
                or s.end - s.start == 1
                or (s.strength < 1.0 and ":" in measures()[free[s.start : s.end]])
            )
        ]
        units_said = [s.target[5:] for s in segs if s.target.startswith("unit:")]
        counters = {
            i.dim.partition(":")[2] or i.counter for i in t.columns.values() if i.dim.startswith("count")
        }

        def per_one(tag: OpTag) -> bool:  # 「平均每家」 where a column counts 家; not 「平均每月」
            # 「平均每个区」: 个 is the classifier of what follows (区, a row), not a column's counter 个
            after = tag.said[tag.said.index("每") + 1 :].removeprefix("个") or free[tag.end : tag.end + 1]
            return tag.op == "avg" and after[:1] in counters

        if any(tag.op == "per" or ("每" in tag.said and per_one(tag)) for tag in tags):
            # 「每人次多少元」「平均每家…多少人次」: the unit is the answer's, not each column's; a duration asked
            # per one (「平均每次开多长时间」) is still the time column's
            dims = [d for d in dims if d == "duration"]
            units_said = []
        hints: list[str] = []
        for tag in tags:
            if tag.x:
                a = amount(tag.x)
                if a is not None and a.dim:
                    dims.append(a.dim)
            elif (
                tag.op == "count"
                and unit(tag.said[-1]) is not None
                and not any(o.op in ("filter", "exclude") for o in tags)
            ):
                hints.append(tag.said[-1])  # 「几家」 without a condition: a hint of the column's unit
        support: dict[str, float] = {}
        covered: dict[str, set[int]] = {}
        # 「预约了多少」 asks a count: a rate (预约率) only when a word of rates or % is said
        rate_said = (
            "%" in free or "百分" in free or any(w in free for w, d in measures().items() if d == "percent")
        )

        def holds(c: str, w: str) -> bool:
            """The column holds the word, or each of its words in any order (号源投放 ~ 投放号源)."""
            n = normalize(c)
            return w in n or (len(w) >= 4 and all(part in n for part in self.words(w) if len(part) >= 2))

        # 「其中院内死亡」 is a part of another column's figure: a word of the title it holds (死亡 of
        # 死亡医学证明书网络报告) names the table, whose figure is the whole, not that part
        # … and a rate is no reading of a title word unless a rate is asked (抢救 of 抢救人次, not 抢救成功率)
        whole = [
            c
            for c in t.columns
            if not normalize(c).startswith(words("parts_mark"))
            and (rate_said or t.columns[c].dim != "percent")
        ]
        title_hits = {
            free[s.start : s.end]: [c for c in whole if holds(c, free[s.start : s.end])]
            # 「考核得分」 of the title 「医院信息化考核得分」: a phrase is named by its end, the column 得分 —
            # or 业务收入合计 for 「市属医院业务收入」: its name without the word that says it sums
            or [c for c in whole if len(normalize(c)) >= 2 and free[s.start : s.end].endswith(normalize(c))]
            or [
                c
                for c in whole
                if len(_core_of_total(c)) >= 2
                and _core_of_total(c) != normalize(c)
                and free[s.start : s.end].endswith(_core_of_total(c))
            ]
            for s in segs
            if free[s.start : s.end] in t.words
        }
        # … and, where nothing else names a column, by its last word (监测 of 「碘盐监测了多少户」: 监测户数)
        last_hits = {
            w: [c for c in whole if len(last := self.words(w)[-1]) >= 2 and last in normalize(c)]
            for w in title_hits
        }
        for name, info in t.columns.items():
            strings = [normalize(name), info.leaf, info.group, unbracketed(info.leaf)]
            total = shared = 0.0  # shared: what only a stretch the title shares with the group gave
            pos: set[int] = set()
            for s in segs:
                w = free[s.start : s.end]
                if len(w) == 1 and (self._particle(w) or s.target == "kind"):
                    continue  # 等, 的: a particle supports no column, nor 区 of 「哪几个区」 (the rows' kind)
                if w in words("parts_mark"):
                    continue  # 「其中门诊收入」: 其中 says a part is asked, it names no 「其中：药品」
                # a word of the title that is this column's upper header (门诊 of 门诊/次均费用 in
                # 「门诊、住院次均费用情况」) tells its group from the other, so it counts for the column,
                # also inside a longer word (住院次均): the group's characters
                # … and so does a part's own word (外地 of 其中：外地 in 「医院外地」 of 「…医院外地病人就诊情况」)
                # … or the words a title piece shares with the upper header (食品 of 「县食品」 cut from
                # 「各区县食品卫生监测」, over 食品抽检 · 餐饮具消毒检测)
                direct = next(
                    (
                        g
                        for g in (info.group, _part_name(info.leaf) or "", _without_counter(name, info))
                        if len(g) >= 2 and g in w
                    ),
                    "",
                )
                if not direct and len(w) >= 2 and w in info.group and _tells_groups(t, w):
                    # 「糖尿病规范管理率」 over 高血压患者 / 糖尿病患者: a word all inside one upper header, and
                    # not in every one, is that group's word (the title printing it too)
                    direct = w
                inner = direct or _shared(w, info.group)
                if (
                    inner
                    and w in t.words
                    and w not in (normalize(name), info.leaf, info.group)
                    and title_hits.get(w) != [name]
                ):
                    k = w.index(inner)
                    total += len(inner) * s.strength
                    shared += 0.0 if direct else len(inner) * s.strength
                    pos |= set(range(s.start + k, s.start + k + len(inner)))
                    continue
                if w in t.words and w not in (normalize(name), info.leaf, info.group, _part_name(info.leaf)):
                    # (「外地」 said whole is the leaf 「其中：外地」 even where the title prints 外地病人)
                    if title_hits.get(w) == [name]:  # a word of the title that one column alone holds
                        total += (s.end - s.start) * s.strength
                        pos |= set(range(s.start, s.end))
                    continue  # otherwise a word of the title names the table, not one of its columns
                if (
                    s.target in ("col:" + name, "val:" + name)
                    or any(w and w in p for p in strings if p)
                    or any(_names_completed(w, p) for p in strings if p)
                ):
                    total += (s.end - s.start) * s.strength
                    pos |= set(range(s.start, s.end))
                elif any(_abbreviates(w, p) for p in strings if p and len(w) >= 2):
                    total += (s.end - s.start) * 0.8
                    pos |= set(range(s.start, s.end))
                elif len(w) >= 4 and all(
                    p in normalize(name) for p in self.words(w) if not self._particle(p)
                ):
                    # 「药品收入」 of 门诊收入 / 其中：药品: each of its words in the name, in another order
                    total += (s.end - s.start) * 0.8
                    pos |= set(range(s.start, s.end))
                elif any(alt in p for alt in synonyms().get(w, ()) for p in strings if p):
                    total += (s.end - s.start) * 0.6
                    pos |= set(range(s.start, s.end))
            if total <= shared:
                continue  # the title's word shared with an upper header tells between columns, names none
            if dims and not all(compatible(info.dim, d) for d in dims):
                continue
            if units_said:
                exact = any(normalize(info.unit) == u or info.counter == u for u in units_said)
                if total > 0 and exact:
                    total += 0.5  # the unit said confirms a column the words name; alone it names none
                elif not any(
                    compatible(info.dim, unit(u).dim) if unit(u) else normalize(info.unit) == u
                    for u in units_said
                ):
                    continue
            if total > 0:
                # Specific first: a column whose distinctive words the question did not say ranks lower.
                said = "".join(free[i] for i in sorted(pos))
                # (a part's own word is distinctive even where the title prints it: 外地 of 其中：外地)
                own = _part_name(info.leaf) or ""
                unsaid = [ch for ch in normalize(name) if ch not in said and (ch not in t.words or ch in own)]
                support[name] = (
                    total - 0.3 * len(unsaid) - (1.0 if info.dim == "percent" and not rate_said else 0.0)
                )
                covered[name] = pos
        for c in support:  # 「“满意”的人数」: a column's name put in quotes is the column meant
            if any(f"{o}{normalize(c)}{e}" in free for o, e in QUOTE_PAIRS):
                support[c] += 1.5
        if not support and default:
            # Only title words: 「出生多少」 in a table whose columns 出生人数 and 电子出生证明 both print
            # 出生 — the one that adds least to the word is meant, when one clearly does.
            near: dict[str, float] = {}
            for w, cols in title_hits.items():
                for c in cols or last_hits[w]:
                    info = t.columns[c]
                    fits = all(compatible(info.dim, d) for d in dims) and all(
                        compatible(info.dim, unit(u).dim) for u in units_said + hints if unit(u)
                    )  # 「联办了几件」: 件 rules out 联办率 even where the title word leans to it
                    if fits and len(w) >= 2:
                        rate = 1.0 if info.dim == "percent" and not rate_said else 0.0
                        near[c] = near.get(c, 0.0) + len(w) - 0.3 * (len(normalize(c)) - len(w)) - rate
            best = sorted(near, key=lambda c: -near[c])
            if len(best) == 1 or (len(best) > 1 and near[best[0]] >= near[best[1]] + 0.5):
                return [best[0]], True, False, [f"按“{best[0]}”理解"], []
        if not support and dims:
            # 「视频会议开了几次」「开了多长时间」: the measure said fits one column alone (会议次数, 会议时长)
            fit = [
                c
                for c, i in t.columns.items()
                if i.dim not in ("", "text")
                and all(compatible(i.dim, d) and i.dim.split(":")[0] == d.split(":")[0] for d in dims)
                and (not any(":" in d for d in dims) or all(i.dim == d for d in dims if ":" in d))
            ]
            if len(fit) == 1:
                return [fit[0]], True, False, [f"按“{fit[0]}”理解"], []
        if not support and units_said:
            # 「健康知识讲座办了多少场」: the one column printed in the unit said (场次（场）)
            exact = [
                c for c, i in t.columns.items() if normalize(i.unit) in units_said or i.counter in units_said
            ]
            if len(exact) == 1:
                return exact, True, False, [f"按“{exact[0]}”理解"], []
        if not support:
            # a table of one figure (「10月…预约挂号共计186.5万人次」) is asked for it when its row is named
            default = default or len(t.columns) == 1
            pace = [tag.args["pace"] for tag in tags if "pace" in tag.args and not dims and not units_said]
            if any(i.dim == "duration" for i in t.columns.values()):
                pace = []  # 「哪家最快」 of a table of times: the shortest time (the tag's duration order)
            # 「灭鼠进度最慢」 naming no column: the pace of a table with no times is its rate (完成率)
            fallback = (
                self._default_column(t, dims + pace, units_said + hints, said or free) if default else None
            )
            if (
                fallback is None
                and t.ranked_by
                and not (dims or units_said)
                and any(tag.op in ("position", "rank", "top", "nth", "sort") for tag in tags)
            ):
                # 「省中医院排名第几」 of a table printed in order of 质量评分: the order it prints
                fallback = t.ranked_by
            return ([fallback] if fallback else []), False, False, [], []
        ranked = sorted(support, key=lambda c: -support[c])
        lead = t.columns[ranked[0]]
        if lead.group and (_part_name(lead.leaf) or normalize(lead.leaf)) not in free:
            # 「一共多少家医院建成」「有几家医院建成」 over 已建成医院数 / 三级 · 二级 · 合计: the group's own
            # total, where the words that tell its leaves apart (三级, 二级) are unsaid
            group_total = [
                c for c in support if t.columns[c].group == lead.group and t.columns[c].role == "total"
            ]
            if len(group_total) == 1:
                ranked = [group_total[0], *(c for c in ranked if c != group_total[0])]
        lead_part = _part_name(t.columns[ranked[0]].leaf)
        if lead_part and lead_part not in free and t.columns[ranked[0]].group:
            # 「住院多少人」 over 总人数 and 其中：异地: a part is asked by its own word; its group's whole is meant
            whole = [
                c
                for c in ranked[1:]
                if t.columns[c].group == t.columns[ranked[0]].group
                and _part_name(t.columns[c].leaf) is None
                and t.columns[c].kind == t.columns[ranked[0]].kind
            ]
            if whole:
                ranked = [whole[0], *(c for c in ranked if c != whole[0])]
        # Positions of words that name the table (its title), which never call for another column.
        # (「行政村数比村卫生室数多」: a column's whole name on one side of a comparison's 比, a column on the
        # other, names that column though the title prints it)
        compared = [tag.start for tag in tags if tag.op == "diff" and tag.said == "比"]
        named = [g for g in segs if g.target.startswith("col:")]

        def weighed(g: Segment) -> bool:
            whole = free[g.start : g.end] in (
                normalize(g.target[4:]),
                normalize(t.columns[g.target[4:]].leaf),
            )
            return whole and any(
                (g.end <= k) != (o.end <= k) for k in compared for o in named if o.target != g.target
            )

        in_title = {
            i
            for s in segs
            if free[s.start : s.end] in t.words and not (s.target[4:] in t.columns and weighed(s))
            for i in range(s.start, s.end)
        }
        # Columns the question's words fit exactly as well as the best one: which was meant is not ours
        # to guess (「省人医电话问诊多少人次」 fits 图文问诊人次 and 视频问诊人次 alike).
        tied = [
            c
            for c in ranked[1:]
            if support[c] >= support[ranked[0]] - 1e-9 and covered[c] == covered[ranked[0]]
        ]
        lead = t.columns[ranked[0]]
        if lead.group and not any(
            len(free[s.start : s.end]) >= 2 and free[s.start : s.end] in lead.group for s in segs
        ):
            # 「同比是多少」 where every indicator prints a 同比增减: the leaf said, not whose — not ours to
            # pick by the shortest name
            tied += [
                c
                for c in ranked[1:]
                if c not in tied
                and covered[c] == covered[ranked[0]]
                and t.columns[c].leaf == lead.leaf
                and t.columns[c].group != lead.group
            ]
        if tied:
            # 「体检人数」 over 男 / 女 / 合计: the group named whole is its total column
            same = [ranked[0], *tied]
            totals = [c for c in same if t.columns[c].role == "total"]
            groups = {t.columns[c].group for c in same}

            # … only when the group is said whole: 「急诊」 under 门急诊 / 合计, 其中：急诊 is the 急诊 leaf
            # 「急诊」 said whole is the leaf 「其中：急诊」, not the 合计 of 门急诊 that holds the word
            def core(c: str) -> str:
                return _part_name(t.columns[c].leaf) or normalize(t.columns[c].leaf)

            exact = [c for c in same if len(core(c)) >= 2 and core(c) in free]
            wholes = [c for c in same if _part_name(t.columns[c].leaf) is None]
            pick = ""
            if len(totals) == 1 and len(groups) == 1 and "" not in groups and next(iter(groups)) in free:
                pick = totals[0]
            elif len(exact) == 1:
                pick = exact[0]
            elif exact:
                pass
            elif len(totals) == 1 and all(
                t.columns[c].group in ("", t.columns[totals[0]].group) for c in same if c != totals[0]
            ):
                # 「来电比9月多了多少」 over 受理来电 (the 「共…」 total) and 其他来电: the word said plainly is the
                # total's; a part is named by the word that tells it from the others (其他, 咨询)
                pick = totals[0]
            elif len(wholes) == 1:
                # 「出院多少人」 over 总人数 and 其中：外地: a part is asked by its own word, the whole without
                pick = wholes[0]
            if not pick and not any(w in free for w in (*_change_words(), *words("year_before"))):
                # 「平均住院日多少」 over 本年累计 · 去年同期 · 增减: the figure itself, not its change nor last
                # year's, where neither is said
                own = [
                    c
                    for c in same
                    if not any(w in normalize(t.columns[c].leaf) for w in _change_words())
                    and normalize(t.columns[c].leaf) not in words("year_before")
                ]
                pick = own[0] if len(own) == 1 else ""
            if pick:
                ranked = [pick, *(c for c in ranked if c != pick)]
                tied = []
        chosen = [ranked[0]]
        done = set(covered[ranked[0]])
        for s in segs:  # 「“满意”的人数」: 人数 is what 满意 counts (人), no call for another column
            w = free[s.start : s.end]
            if w in measures() and measures()[w] == t.columns[ranked[0]].dim:
                done |= set(range(s.start, s.end))
        while True:
            # Another column only for words the chosen ones leave unexplained (not the title's), the
            # parallel one first: 「图文加视频的收入」 is 图文问诊收入 and 视频问诊收入.
            options = [c for c in ranked if c not in chosen and len((covered[c] - done) - in_title) >= 2]
            if not options:
                break
            lead = t.columns[chosen[0]].leaf
            group = t.columns[chosen[0]].group
            c = max(
                options,
                key=lambda c: (
                    len(covered[c] - done),
                    t.columns[c].leaf == lead,
                    bool(group) and t.columns[c].group == group,
                    support[c],
                ),
            )
            chosen.append(c)
            done |= covered[c]
        chosen = _heads(chosen, covered)
        literal = any(
            s.strength == 1.0
            and s.end - s.start >= 2
            and (free[s.start : s.end] in normalize(c) or s.target == "col:" + c)
            and free[s.start : s.end] not in t.words
            for s in segs
            for c in chosen
        )
        notes = []
        for c in chosen:
            if normalize(c) not in free and t.columns[c].leaf not in free:
                info = t.columns[c]
                notes.append(f"按“{c}" + (f"（{info.unit}）" if info.unit else "") + "”理解")
        return chosen, True, literal, notes, [c for c in tied if c not in chosen]

    @staticmethod
    def _default_column(t: TableSchema, dims: list[str], units_said: list[str], free: str = "") -> str | None:
        """A question that names the table but no column by its own words: the only column of the unit
        or dimension asked, the total column (小计, 调阅总量), or the column the unit said names exactly and
        whose name the question's words (the title's included) cover best (「签约了多少万人」 → 签约人数)."""
        asked = [*dims, *(unit(u).dim for u in units_said if unit(u))]
        fitting = [
            c
            for c, i in t.columns.items()
            if all(compatible(i.dim, d) for d in asked)
            # no column named: a counter said (人次) picks a column of that counter, never one of its
            # family (调查人数 counts 人, not the 门诊人次 asked); 个 asks any count
            and all(
                i.dim == d or not d.partition(":")[2] or d == "count:个" or d.partition(":")[2] in i.dim
                for d in asked
            )  # 「用的人最多」 of 预约量（万人次）: 人 said loosely for 人次 is fine; 人次 asked of 人 (or of a
            # column of no unit) is not
        ]
        if (dims or units_said) and len(fitting) == 1:
            return fitting[0]
        if t.total_column and t.total_column in fitting:
            return t.total_column
        if len(t.columns) == 1:
            return fitting[0] if fitting else None
        # a rate that is each row's share of another column (构成比 of 出院人数) ranks and reads as that column
        numbers = [c for c in fitting if t.columns[c].dim != "text" and c not in t.shares]
        if not (dims or units_said) and len(numbers) == 1 and len(fitting) == len(t.columns):
            return numbers[0]  # 「信息化考核排第几」: the one column of figures (得分 beside a text 等级)
        if not (dims or units_said) or not fitting:
            return None

        def fit(c: str) -> tuple[int, float]:
            name = set(normalize(c))
            unit_of = (normalize(t.columns[c].unit), t.columns[c].counter)
            return int(any(u in unit_of for u in units_said)), sum(1 for ch in name if ch in free) / len(name)

        ranked = sorted(fitting, key=fit, reverse=True)
        if len(ranked) == 1:
            return ranked[0]
        (e1, c1), (e2, c2) = fit(ranked[0]), fit(ranked[1])
        return ranked[0] if e1 > e2 or (e1 == e2 and c1 >= c2 + 0.1) else None  # clearly best, or nothing

    # -- the operation ------------------------------------------------------------------------------
    def _operation(self, plan: Plan, t: TableSchema, tags: list[OpTag], scope: Scope) -> None:
        ops = {tag.op for tag in tags}
        by = {tag.op: tag for tag in tags}
        plan.all_rows = "all" in ops
        plan.by_month = "by_month" in ops or t.row_kind == "period"
        if "filter" in ops:
            plan.cond = self._condition(by["filter"], t, plan)
            if plan.cond is None:  # 「13家的」 of a column in 人次: no value stated
                ops.discard("filter")
        # The first order said outright wins (「从低到高排一下」: 排一下 says none; 倒数第二: asc).
        said_order = [
            tag.args["order"]
            for tag in tags
            if tag.op in ("sort", "top", "nth", "rank") and "order" in tag.args
        ]
        if said_order:
            plan.order = said_order[0]
        timed = next((tag.args["duration"] for tag in tags if "duration" in tag.args), None)
        if timed and plan.columns and t.columns[plan.columns[0]].dim == "duration":
            plan.order = timed  # 「出报告最快」: the shortest time
        if "top" in by:
            plan.n = small_int(by["top"].n) or 1
        if "nth" in by:
            plan.nth = small_int(by["nth"].n) or 1
        two_months = len(scope.months) >= 2 or scope.prev
        fused = next((tag for tag in tags if tag.op == "rank" and "change" in tag.args), None)
        if fused is not None and "diff" not in ops:
            # 「哪个区下降最多」: a fall ranked is a change of rows (the lowest of it), as 「下降了多少」 is one
            ops.add("diff")
            by["diff"] = fused
        if (
            "diff" in ops
            and not two_months
            and len(scope.months) == 1
            and not plan.entities
            and plan.cond is None
            and len(plan.columns) <= 1  # (「合格学校少于监测学校的区」 compares two columns, not two months)
            and t.row_kind == "entity"
            and len(t.entities) > 1
            and (ops & {"rank", "top", "list", "count"} or found(plan.question, "which_row"))
        ):
            # 「9月哪个区接入率上升最多」「8月哪些区下滑了」: one month and a change of rows — against the
            # month before; read in the change the table prints of it (较上月增减), when it prints one
            way = _direction(plan.question[by["diff"].start :])
            monthly = _month_over_month(t)
            col = plan.columns[0] if len(plan.columns) == 1 else ""
            if (
                len(monthly) == 1
                and (not col or col == monthly[0] or t.columns[col].dim == t.columns[monthly[0]].dim != "")
                and way
            ):
                plan.columns = monthly
                if ops & {"rank", "top"}:
                    plan.op = Op.RANK
                    if "top" in by:
                        plan.n = small_int(by["top"].n) or 1
                    said = next((tag.args["order"] for tag in tags if "order" in tag.args), "desc")
                    # 「下滑最多」 is the lowest of a signed figure, 「增加最少」 too (「下降最多」 says so itself)
                    fall = fused is None and way == "<"
                    plan.order = "asc" if fall != (said == "asc") else "desc"
                else:
                    plan.op = Op.COUNT if "count" in ops and "list" not in ops else Op.FILTER
                    plan.cond = Cond(way, 0.0, said="增加的" if way == ">" else "减少的")
                return
            plan.prev_month, two_months = True, True
        if "per" in ops:
            plan.op = Op.PER
        elif "position" in ops:
            plan.op = Op.POSITION  # its row may come from the conversation (「它排第几」)
        elif "sort" in ops and not ops & {"top", "nth", "rank", "filter"}:
            if plan.entities and not plan.all_rows:
                plan.op = Op.POSITION  # 「鼓楼医院亮码排名」: where that one stands
            else:
                plan.op, plan.n = Op.RANK, 0  # 「各渠道从低到高排一下」: every row, in that order
        elif "ratio" in ops:
            plan.op = Op.RATIO
        elif "share" in ops:
            plan.op = Op.SHARE
            # 「哪家医院变异退出人数占入径人数的比例最高」: each row's share, ranked
            plan.ranked = bool(ops & {"rank", "top"}) and not plan.entities and t.row_kind == "entity"
        elif (
            ops & {"rank", "top"}
            and ops & {"diff", "growth"}
            and two_months
            and not plan.entities
            and t.row_kind == "entity"
            and len(t.entities) > 1
        ):
            # 「跟4月比，5月哪家医院增加得最多」: the rows ranked by how much each changed
            plan.op, plan.change, plan.growth = Op.RANK, True, "growth" in ops
        elif (
            plan.cond is not None
            and plan.cond.value == 0
            and not plan.cond.amount
            and not plan.cond.column
            and not plan.cond.other
            and (two_months or not _prints_change(t))
            and not plan.entities
            and t.row_kind == "entity"
            and len(t.entities) > 1
            and not (plan.columns and plan.columns[0] in t.signed)
        ):
            # 「跟4月比，新建册下降的区有哪些」: rows whose figure fell (or rose, or stayed) between the two
            # months; with one month named (「10月增加的医院」), between it and the month before, where the
            # table prints no change of its own — a figure with no sign rises or falls only over time
            plan.op = Op.COUNT if "count" in ops and "list" not in ops else Op.FILTER
            plan.change = True
        elif (
            "diff" in ops
            and (
                "list" in ops
                or self._counts_rows(plan.question, by.get("count"), t, plan.columns)
                or (bool(found(plan.question, "which_row")) and "by_month" not in ops)
            )
            and plan.cond is None
            and two_months
            and not plan.entities
            and t.row_kind == "entity"
            and len(t.entities) > 1
            and _direction(plan.question[by["diff"].start :])
        ):
            # 「10月链路中断比9月多的区有哪些」「8月哪家医院比7月少了」: the rows whose figure rose (多) or fell
            # (少) between the months
            way = _direction(plan.question[by["diff"].start :])
            plan.op = Op.COUNT if "count" in ops and "list" not in ops else Op.FILTER
            plan.cond, plan.change = Cond(way, 0.0, said="多" if way == ">" else "少"), True
        elif "growth" in ops:
            plan.op, plan.growth = Op.DIFF, True
        elif (
            "diff" in ops
            and plan.all_rows
            and not plan.entities
            and not two_months
            and len(plan.columns) == 1
        ):
            plan.op, plan.n = Op.RANK, 0  # 「各区门急诊人次对比」: every row, in order
        elif "diff" in ops and (
            len(plan.entities) >= 2 or two_months or len(plan.columns) >= 2 or "diff" in ops
        ):
            plan.op = Op.DIFF
        elif plan.cond is not None:
            plan.op = Op.COUNT if "count" in ops and "list" not in ops else Op.FILTER
        elif "top" in ops and ops & {"sum", "avg"} and plan.n > 1:
            # 「前五名医院互认项次加起来多少」: the sum (mean) of the top n rows
            plan.op = Op.SUM if "sum" in ops else Op.AVG
        elif "top" in ops or "rank" in ops or "nth" in ops:
            plan.op = Op.RANK
        elif "avg" in ops:
            plan.op = Op.AVG
        elif "series" in ops:
            plan.op = Op.SERIES
        elif "sum" in ops or ("cumulative" in ops and t.row_kind == "period"):
            plan.op = Op.SUM
        elif (
            "list" in ops
            and not plan.entities
            and (
                "exists" in ops
                # 「1—8月哪几个月确诊了新病人」: the months of a series whose count is not nought
                or (
                    t.row_kind == "period"
                    and len(plan.columns) == 1
                    and t.columns[plan.columns[0]].dim.startswith("count")
                    and not found(plan.question, "negation")  # 「哪几个月没确诊」 is no such question
                )
            )
        ):
            plan.op, plan.cond = Op.FILTER, Cond(">", 0.0, said="有")
        elif plan.all_rows and not plan.entities:
            plan.op = Op.TOTAL
        elif plan.entities and not plan.columns:
            plan.op = Op.ROW
        else:
            plan.op = Op.LOOKUP
        same = (
            plan.cond is not None and plan.cond.cmp == "=" and plan.cond.value == 0 and not plan.cond.amount
        )
        if same and not plan.change and not (plan.columns and plan.columns[0] in t.signed):
            # 「和省人医一样的医院」: 一样 beside a row is no figure of zero; the row's own figure is read
            plan.cond = None
            plan.op = Op.LOOKUP if plan.columns else Op.ROW

    @staticmethod
    def _full_part(plan: Plan, t: TableSchema, text: str, tags: list[OpTag]) -> None:
        """「全部上线的区」「没有全部上线的」 of 中心数 · 已上线 · 上线率: rows whose part reaches (or falls
        short of) the whole its rate divides it by — the part's word said right after 全部/都."""
        if plan.entities or (plan.cond is not None and plan.cond.cmp not in ("full", "partial")):
            return
        for part, whole in t.parts.items():
            if plan.columns and part not in plan.columns and whole not in plan.columns:
                continue
            name = normalize(part)
            for k in range(len(name), 1, -1):
                pieces = [name[i : i + k] for i in range(len(name) - k + 1)]
                at, piece = next(((text.find(p), p) for p in pieces if p in text), (-1, ""))
                if at < 0:
                    continue
                mark = next((m for m in words("full_mark") if text[max(0, at - len(m)) : at] == m), "")
                if not mark:
                    return
                before = text[: at - len(mark)]
                neg = next((n for n in words("negation") if before.endswith(n)), "")
                cmp = "partial" if neg else "full"
                plan.cond = Cond(cmp, said=neg + mark + piece)
                plan.columns = [part]
                plan.all_rows = False
                plan.op = Op.COUNT if any(tag.op == "count" for tag in tags) else Op.FILTER
                return

    @staticmethod
    def _rate_of_count(plan: Plan, t: TableSchema, segs: list[Segment], free: str, tags: list[OpTag]) -> None:
        """「问卷回收率」 where the table prints 回收问卷 but no rate of it: the count said before 率 over the
        column it is taken from — the nearest before it counting the same things (发放问卷), as the table's
        own rates divide (满意度 = 表示满意 ÷ 回收问卷) — a share computed and said so, never a printed rate
        of something else (满意度)."""
        if plan.op not in (Op.LOOKUP, Op.ROW, Op.RANK) or plan.cond is not None:
            return
        for a, b in zip(segs, segs[1:], strict=False):
            if a.end != b.start or free[b.start : b.end] != "率" or not a.target.startswith("col:"):
                continue
            part = a.target[4:]
            whole = _taken_from(t, part)
            if whole is None:
                return
            ranked = any(tag.op in ("rank", "top", "nth", "sort") for tag in tags)
            plan.op, plan.columns, plan.whole = Op.SHARE, [part], [whole]
            plan.ranked = ranked and not plan.entities and t.row_kind == "entity"
            plan.notes = [f"表中没有此比率，按“{part}÷{whole}”计算"]
            return

    @staticmethod
    def _counts_rows(question: str, tag: OpTag | None, t: TableSchema | None = None, cols=()) -> bool:
        """「几个区」「多少家」 count rows; 「几个百分点」 counts no rows, nor 「多开通了几家」 of districts
        whose column counts 家 (开通机构数（家）): that is the column's figure."""
        if tag is None:
            return False
        after, before = question[tag.end :], question[: tag.start].rstrip("有共一总")
        if any(after.startswith(k) or before.endswith(k) for k in kind_words()):
            return True  # 「几个区」, 「多了的区有几个」
        counted = {t.columns[c].dim.partition(":")[2] or t.columns[c].counter for c in cols} if t else set()
        return tag.said.endswith("家") and not (
            t is not None and t.entity_kind != "hospital" and "家" in counted
        )

    @staticmethod
    def _printed_rate(t: TableSchema, segs: list[Segment], free: str) -> str | None:
        """A percentage column named by the words said before 占/比例 (外配处方 → 外配占比): it shares a
        two-character word with them that is not the table's title."""
        said = [
            free[s.start : s.end]
            for s in segs
            if s.end - s.start >= 2 and free[s.start : s.end] not in t.words
        ]
        pairs = {w[i : i + 2] for w in said for i in range(len(w) - 1)} - {
            t.words[i : i + 2] for i in range(len(t.words) - 1)
        }
        # a share the table prints, not a change it prints in % (用电量 / 同比 is no share of 用电量)
        changes = (*words("month_over_month"), *words("year_over_year"))
        printed = [
            c
            for c, i in t.columns.items()
            if i.dim == "percent" and c not in t.signed and not any(w in normalize(c) for w in changes)
        ]
        rates = [c for c in printed if any(p in normalize(c) for p in pairs)]
        if not rates:  # 「基药占比」 of a column 基本药物占比: the words said abbreviate its name
            rates = [c for c in printed if any(len(w) >= 2 and _abbreviates(w, normalize(c)) for w in said)]
        return rates[0] if len(rates) == 1 else None

    def _renamed_column(
        self, t: TableSchema, segs: list[Segment], free: str, tags: list[OpTag], prev
    ) -> str | None:
        words = [
            free[s.start : s.end] for s in segs if s.end - s.start >= 2 and free[s.start : s.end] in t.words
        ]
        cands = [c for c in t.columns if any(w in normalize(c) for w in words)]
        if not cands or not prev.columns or prev.columns[0] not in t.columns or prev.columns[0] in cands:
            return None
        if len(cands) == 1:
            return cands[0]
        hints = [tag.said[-1] for tag in tags if tag.op == "count" and unit(tag.said[-1]) is not None]
        hints += [ch for i, ch in enumerate(free) if _counted(free, i) and unit(ch) is not None]  # 几件
        fit = [
            c for c in cands if any(h in (normalize(t.columns[c].unit), t.columns[c].counter) for h in hints)
        ]
        return fit[0] if len(fit) == 1 else None

    @staticmethod
    def _per_reading(t: TableSchema, plan: Plan, free: str) -> list[str]:
        """[money, count] when the columns named belong to a group (or a table of no groups) holding money
        and a count whose counter the question says (笔, 人次): an average per counted thing; else []."""
        groups = {t.columns[c].group for c in plan.columns}
        for g in groups:
            cols = [c for c, i in t.columns.items() if i.group == g]
            money = [c for c in cols if t.columns[c].dim == "money"]
            # the thing counted (笔), not the printed counter with its scale (万笔)
            thing = {
                c: t.columns[c].dim.partition(":")[2] or t.columns[c].counter
                for c in cols
                if t.columns[c].dim.startswith("count")
            }
            # said as one of them (每人次, 一笔, 平均人次) before merely said (家 of 家庭药师)
            per = [c for c, w in thing.items() if w and _per_one(plan.question, w)]
            counts = per or [c for c, w in thing.items() if w and w in free]
            mine = [c for c in money if c in plan.columns] or money
            if len(mine) == 1 and len(counts) == 1:
                return [mine[0], counts[0]]
        return []

    def _condition(self, tag: OpTag, t: TableSchema, plan: Plan) -> Cond | None:
        cmp = tag.args.get("cmp", ">")
        if tag.r:
            return Cond("=", raw=tag.r, said=tag.said)
        if cmp in ("full", "partial"):
            return Cond(cmp, said=tag.said)
        if "value" in tag.args:  # 「下降的」: below zero of a signed figure
            return Cond(cmp, float(tag.args["value"]), None, tag.said)
        a = amount(tag.x) if tag.x else None
        if "x_unit" in tag.args:
            # 「3件的」: a value only in the unit of the column it is a value of; a grade printed in words
            # (二级) is the column's text, and 「等保二级的」 names rows by it
            col = t.columns.get(plan.columns[0]) if plan.columns else None
            fits = col is not None and col.kind != "level" and bool(col.dim)
            if a is None or not fits or not compatible(col.dim, a.dim):
                return None
        return (
            Cond(cmp, None, None, tag.said)
            if a is None
            else Cond(cmp, a.value, None, tag.said, bool(a.dim) or a.scaled, tag.x)
        )

    # -- follow-ups ---------------------------------------------------------------------------------
    def _inherit(
        self, plan: Plan, prev: Plan | None, t: TableSchema, named: list[str], scope: Scope, said_cols: bool
    ):
        """Complete a follow-up from the plan before it: what this question does not say is what the last
        one said (「那住院收入呢」 keeps the hospital, 「上个月呢」 everything but the month, 「比市中医院多多少」
        compares with the hospital asked before). Only what this table has is taken over."""
        if prev is None:
            return plan
        p = replace(plan)
        prev_entities = [e for e in prev.entities if e in t.entities]
        prev_columns = [c for c in prev.columns if c in t.columns]
        listing = (Op.RANK, Op.FILTER, Op.COUNT, Op.TOTAL, Op.SUM, Op.AVG, Op.SERIES)
        named_here = [k for k in named if k in t.entities]
        if p.pronoun and not p.entities and not prev_entities and named_here:
            # 「它这个月新签了多少人」 after a ranking: the entity (or 「它们」 the entities) the answer named.
            p.entities = named_here
            if p.op in (Op.RANK, Op.FILTER, Op.COUNT, Op.TOTAL):
                p.op = Op.LOOKUP if p.columns else Op.ROW
        if (
            p.op == Op.SHARE
            and not p.entities
            and not prev_entities
            and prev.op == Op.RANK
            and prev.n == 1
            and len(named_here) == 1
        ):
            # 「占全市的百分之几」 after 「最多的区县是哪个」: the share of the row the answer named
            p.entities = named_here
        elif (
            p.op in (Op.LOOKUP, Op.DIFF)
            and not p.entities
            and not prev_entities
            and prev.op == Op.RANK
            and prev.n == 1
            and len(named_here) == 1
            and said_cols
            and p.columns
            and p.columns[0] not in prev.columns
            and p.columns[0] in t.signed
        ):
            # 「同比涨了多少」 after 「签章量最高的是哪家」: the printed change of the row the answer named
            p.entities, p.op = named_here, Op.LOOKUP
        if not p.entities and prev_entities and (p.op not in listing or p.pronoun):
            p.entities = prev_entities
        elif not p.entities and prev_entities and p.op == Op.SUM and not p.all_rows and prev.op != Op.SUM:
            # 「一共开了多长时间」 after 「市卫生局视频会议开了几次」: that row's figure, not every row's (全市,
            # 所有 would say so)
            p.entities = prev_entities
        if not said_cols and prev_columns:
            p.columns = prev_columns
            if p.op == Op.ROW:
                p.op = Op.LOOKUP
        if not scope.explicit and prev.table == t.key:
            p.months = list(prev.months)
            p.ranged = prev.ranged  # 「其中构成事故的有几件」 after 「1—9月受理了多少件」: the same span
        if p.op in (Op.LOOKUP, Op.ROW) and not p.entities and prev.op in listing and prev.table == t.key:
            # 「9月呢」「最少的呢」 after a ranking, a filter or a sum: the same question again.
            p.op, p.n, p.cond, p.all_rows, p.by_month = (
                prev.op,
                prev.n,
                prev.cond,
                prev.all_rows,
                prev.by_month,
            )
            p.order = prev.order
            p.exclude = p.exclude or list(prev.exclude)
            p.entities = []
        elif (
            p.op == Op.LOOKUP
            and not p.entities
            and prev.all_rows
            and not prev.entities
            and prev.table == t.key
        ):
            p.all_rows = True  # 「出院呢」 after 「这些医院门急诊外地占比」: the whole table's figure again
        if p.op == Op.RANK and not plan.columns and prev_columns:
            p.columns = prev_columns
        if (
            p.op in (Op.DIFF, Op.RATIO)
            and prev_entities
            and len(p.entities) == 1
            and p.entities[0] not in prev_entities
        ):
            p.entities = [prev_entities[0], p.entities[0]]
        if (
            p.op == Op.SUM
            and prev.op == Op.SUM
            and prev.table == t.key
            and len(prev.months) >= 2
            and len(scope.months) == 1
            and scope.months[0] > prev.months[-1]
            and found(plan.question, "include_ask")
        ):
            # 「算上8月一共多少」 after 「1—7月累计…」: the range asked before runs on to the month said
            p.months = [*prev.months, *_months_after(prev.months[-1], scope.months[0])]
            p.ranged = prev.ranged
        if (
            p.op in (Op.DIFF, Op.RATIO)
            and len(scope.months) == 1
            and prev.months
            and prev.months[0] != scope.months[0]
        ):
            p.months = [prev.months[0], scope.months[0]]
        elif (
            p.op in (Op.DIFF, Op.RATIO) and len(scope.months) == 1 and not prev.months and prev.table == t.key
        ):
            latest = self.calendar.latest_month
            if latest and latest != scope.months[0]:
                p.months = [latest, scope.months[0]]
        return p

    # -- choosing ---------------------------------------------------------------------------------
    def _decide(self, cands: list[Candidate], scope: Scope, prev: Plan | None = None) -> Reading:
        if not cands:
            return Reading(missing_months=scope.missing)
        cands.sort(key=lambda c: -c.score)
        ok = [c for c in cands if not c.unexplained]
        if not ok:
            # The best reading leaves words unexplained: a name no table holds, or words the bulletins
            # never use, make a table question the index cannot answer; other words, the text's.
            best = cands[0]
            if best.defer:
                return Reading(missing_months=scope.missing)
            words = list(dict.fromkeys(best.unexplained))
            # 「健康南京的出院人次」: a row of another table asked with this one's column — only when that row
            # is all the question leaves unexplained (「居民电子健康档案」 is the news's, not 健康南京's)
            if best.foreign and best.plan.columns and all(any(w in f for f in best.foreign) for w in words):
                return Reading(refusal=f"{best.foreign[0]}的{best.plan.columns[0]}")
            names = best.names
            strong = best.literal or bool(best.plan.entities) or best.table_words
            others = [w for w in words if not any(w in n for n in names)]
            if names and (best.literal or (best.table_words and not others)) and best.explained >= 2:
                # a table's figure asked of a name no table holds: a column named as printed (门急诊人次), or
                # the table's words all the rest (not 「江宁县医院HIS投了多少钱」: HIS and 投 are the news's)
                return Reading(refusal=names[0])
            if strong and best.explained >= 2 and not any(self.known(w) for w in words):
                return Reading(refusal="、".join(words))  # words the bulletins never use
            return Reading(missing_months=scope.missing)
        top = [c for c in ok if c.score >= ok[0].score - 0.5]
        if any(c.table.source != "paragraph" for c in top):
            # A figure a paragraph restates is the printed table's: the table is the source to cite.
            ok = [c for c in ok if c.table.source != "paragraph" or c not in top]
        best = ok[0]
        if best.missing and not (best.literal or best.plan.entities):
            return Reading(missing_months=best.missing)  # weak, and not the months asked: the text may know
        rivals = [c for c in ok[1:] if c.score >= best.score - 0.5 and _differs(c.plan, best.plan)]
        if best.ambiguous:
            choices = best.ambiguous[0]
            return Reading(
                clarify=[(self.entities.name(k), replace(best.plan, entities=[k])) for k in choices],
                missing_months=best.missing,
            )
        if best.tied and best.plan.columns:
            first = best.plan.columns[0]
            readings = [first, *best.tied][:3]
            return Reading(
                clarify=[(c, replace(best.plan, columns=[c, *best.plan.columns[1:]])) for c in readings],
                missing_months=best.missing,
            )
        flipped = _opposite_said([*best.plan.columns, best.table.title], normalize(best.plan.question))
        if flipped:
            return Reading(refusal=flipped)  # 「下转患者」 of a table of 上转患者: what it does not hold
        stay = [c for c in [best, *rivals] if prev is not None and c.table.key == prev.table]
        if rivals and len(stay) == 1:
            # 「同比涨了多少」 after a question about the CA table: its 同比, not the DRG table's
            return Reading(plan=stay[0].plan, missing_months=stay[0].missing)
        if rivals:
            offers = [(self._describe(c), c.plan) for c in [best, *rivals][:3]]
            return Reading(clarify=offers, missing_months=best.missing)
        return Reading(plan=best.plan, missing_months=best.missing)

    def _unknown_names(self, free: str, leftover: str, spans: list[tuple[int, int, str]]) -> list[str]:
        """A name of a hospital or district no table holds (江苏省老年病医院, 南京市第三医院): the unbroken
        run of words before 医院, 院 or 区 that holds a place name or an ordinal, with a word this table does
        not explain or the ordinal. 「智慧医院」「试点医院」「互联网医院」 are not such names."""
        out = []
        stop = ("的", "和", "与", "跟", "比", "及")
        counts = ("家", "单位", "机构", "医疗机构")  # kind words that count rows, never end a name
        tails = [k for k, v in kind_words().items() if v in ("hospital", "district") and k not in counts]
        for j, (_, b, w) in enumerate(spans):
            if w in counts or not any(w.endswith(k) for k in tails):
                continue  # (口腔医院 is one word of jieba's: it ends in a kind word all the same)
            i = j
            while i > 0 and _is_cjk(free[spans[i - 1][0] : spans[i - 1][1]]) and spans[i - 1][2] not in stop:
                prev = spans[i - 1][2]
                if self._functional(prev) and not prev.startswith("第"):
                    break  # a name is content words (and an ordinal): 「谁出席了」 is not part of one
                i -= 1
            run = spans[i:j]
            ordinal = any(x.startswith("第") and len(x) >= 2 for _, _, x in run)
            if not run or not (ordinal or any(leftover[x:y].strip() for x, y, _ in run)):
                continue
            tags = [self.pos(x)[0] if self.pos else "" for _, _, x in run]
            if ordinal or any(t.startswith(("ns", "nt")) for t in tags):  # (jieba's nr tags 智慧 too)
                out.append(free[run[0][0] : b])
        return out

    def _describe(self, c: Candidate) -> str:
        who = "、".join(self.entities.name(k) for k in c.plan.entities)
        cols = "、".join(c.plan.columns)
        return f"{who}{'的' if who and cols else ''}{cols}（{c.table.title}）"


def _core(name: str) -> str:
    """A column's figure without its period: 本月发卡 and 累计发卡 are one figure, this month's and its running
    total (as are 本月完成投资 and 累计完成投资)."""
    name = normalize(name)
    for w in (*words("this_month"), *words("running_mark")):
        name = name.replace(w, "")
    return name


def _running(t: TableSchema, col: str) -> str:
    """The one running-total column printed for the figure `col` (its group or its name's start)."""
    if t.columns[col].kind == "cumulative":
        return col

    own = [
        c
        for c, i in t.columns.items()
        if i.kind == "cumulative"
        and (
            i.group == col
            or (c != col and normalize(c).startswith(normalize(col)))
            or (_core(c) == _core(col) and len(_core(col)) >= 2)
        )
    ]
    return own[0] if len(own) == 1 else col


def _monthly(t: TableSchema, col: str) -> str:
    """The one column printing the month's own figure of the running total `col` (累计完成投资 →
    其中：本月完成, named in full 本月完成投资); `col` itself when it is no running total or has none."""
    if t.columns[col].kind != "cumulative":
        return col

    in_full = _parts_in_full(t)
    own = [
        c
        for c, i in t.columns.items()
        if i.kind != "cumulative"
        and i.dim == t.columns[col].dim
        and _core(in_full.get(c) or _part_name(normalize(c)) or c) == _core(col)
    ]
    return own[0] if len(own) == 1 else col


def _core_of_total(col: str) -> str:
    """A column's name without a closing 合计/小计/总计 (业务收入合计 → 业务收入)."""
    name = normalize(col)
    for w in words("sum_leaf"):
        if name.endswith(w) and len(name) > len(w):
            return name[: -len(w)]
    return name


def _numeral(w: str) -> bool:
    """A number as said: 4, 四, 十二, 两."""
    return bool(w) and all(ch.isdigit() or ch in "零〇一二两三四五六七八九十百" for ch in w)


def _said_negated(t: TableSchema, col: str, text: str) -> str:
    """「未及时报告」 when the question says the column's words (the longest piece of its name, two
    characters at least) right after a negation (未, 没, 不): what it asks is not what the column prints.
    A column of words (达标/未达标) prints its negative text itself, and is read by `_negated`."""
    info = t.columns[col]
    if info.dim in ("text", "level"):
        return ""
    name = _spoken(normalize(col))  # 「没有二级暴露的」 of 其中：Ⅱ级暴露
    for k in range(len(name), 1, -1):
        for i in range(len(name) - k + 1):  # 「未办结」 of a column 已办结: its words without the 已
            at = text.find(name[i : i + k])
            if at < 0:
                continue
            neg = next((n for n in words("negation") if text[max(0, at - len(n)) : at] == n), "")
            if not neg and text[:at].endswith("不是") and not text[:at].endswith("是不是"):
                neg = "不是"  # 「里面不是按期完成的」: a negation, where 「是不是按期完成」 asks yes or no
            if neg and any(neg + name[i : i + k] in normalize(c) for c in t.columns):
                neg = ""  # 「不满意」 beside 满意: a column of its own, printed as said
            done = _completed(text[at - len(neg) : at + k + 1]) if neg else ""
            if done and any(done in normalize(c) for c in t.columns):
                neg = ""  # 「没整改完」 beside 未完成整改: the column of it, printed otherwise
            if neg:  # 「考核没合格的」 of 考核合格人数: 考核 said plainly, 合格 negated
                return neg + name[i : i + k]
    whole = normalize(t.parts.get(col, ""))
    for ch in dict.fromkeys(name):
        # 「应查没查到的」 of 实查 ÷ 应查: the whole said, then its verb negated — one character, only there
        for n in words("negation"):
            at = text.find(n + ch)
            if at > 0 and any(
                text[:at].endswith(whole[a:b])
                for a in range(len(whole))
                for b in range(a + 2, len(whole) + 1)
                if whole[b - 1] == ch
            ):
                return n + ch
    return ""


def _completed(w: str) -> str:
    """A verb said with 完 after it (整改完, 没上传完) as a header prints it: 完成 before the verb, a
    negation as 未 (未完成整改); "" when w is no such phrase."""
    if len(w) < 3 or not w.endswith("完"):
        return ""
    neg = next((n for n in sorted(words("negation"), key=len, reverse=True) if w.startswith(n)), "")
    verb = w[len(neg) : -1]
    if len(verb) < 2 or not _is_cjk(verb):
        return ""
    return ("未" if neg else "") + "完成" + verb


def _names_completed(w: str, p: str) -> bool:
    """p prints w's verb as done (整改完 in 已完成整改, 没整改完 in 未完成整改) — not its negation where w
    says none (整改完 is not 未完成整改)."""
    done = _completed(w)
    if not done:
        return False
    negations = tuple(words("negation"))
    return any(done.startswith("未") or not p[:at].endswith(negations) for at in positions(p, done))


def _direction(tail: str) -> str:
    """「<」 when the first direction word in `tail` says less (少, 低, 降), 「>」 when it says more, "" if none."""
    less = min((tail.find(w) for w in words("less_than") if w in tail), default=-1)
    more = min((tail.find(w) for w in words("more_than") if w in tail), default=-1)
    if less < 0 and more < 0:
        return ""
    return "<" if less >= 0 and (more < 0 or less < more) else ">"


def _negated(t: TableSchema, col: str, text: str, start: int, said: str) -> str:
    """The text a column of words prints for what was said with its negation (没达标 → 未达标), or the
    text itself when printed as said (达标); "" otherwise."""
    texts = t.values.get(col, set())
    for neg in words("negation"):
        if text[max(0, start - len(neg)) : start] == neg:
            return next((n + said for n in words("negation") if n + said in texts), "")
    return said if said in texts else ""


def _printed(t: TableSchema, col: str, said: str) -> str:
    """The text a column prints that the words said stand for: itself, or the only one holding it."""
    texts = t.values.get(col, set())
    if said in texts:
        return said
    if len(said) == 2 and said[:1] in texts and said[1:] == normalize(col)[-1:]:
        return said[:1]  # 「C级」 of 等级 printing C
    holding = [x for x in texts if said in x]
    return holding[0] if len(holding) == 1 else said


def _months_after(last: str, until: str) -> list[str]:
    """The months after `last` up to `until` (YYYY-MM), both ends of the range as printed."""
    out, (y, m) = [], map(int, last.split("-"))
    while True:
        y, m = (y + 1, 1) if m == 12 else (y, m + 1)
        month = f"{y:04d}-{m:02d}"
        if month > until:
            return out
        out.append(month)


def _shared(a: str, b: str) -> str:
    """The longest stretch (two characters or more) a word shares with another and goes beyond (食品 of
    县食品 and 食品抽检), else "" — a word all inside the other (医院 of 医院感染) is that word's."""
    if a in b:
        return ""
    for n in range(min(len(a) - 1, len(b)), 1, -1):
        for i in range(len(a) - n + 1):
            if a[i : i + n] in b:
                return a[i : i + n]
    return ""


def _dominant(m: Mention, kinds: Callable[[str], set[str]]) -> Mention:
    """A printed name or alias said in full leaves no room for abbreviations it also fits (六合区 is the
    district, not 南京市六合区人民医院); otherwise candidates close to the best stay, and so does the best
    of every other kind of row: 鼓楼 is 鼓楼区 or 南京鼓楼医院, and which one the table asked about tells."""
    best = m.candidates[0][1]
    if best == 1.0:
        return replace(m, candidates=tuple(c for c in m.candidates if c[1] == 1.0))
    keep = [c for c in m.candidates if c[1] >= best - 0.3]
    seen = {k for c in keep for k in kinds(c[0])}
    for c in m.candidates:
        if not kinds(c[0]) <= seen:
            keep.append(c)
            seen |= kinds(c[0])
    return replace(m, candidates=tuple(keep))


def _kind_fits(asked: str | None, kind: str) -> bool:
    """Whether a row-kind word (医院, 区, 月份, 渠道) fits a table whose rows are of this kind."""
    if asked is None:
        return True
    if asked == "other":
        return kind in ("other", "channel")
    return asked == kind


def unit_of_dim(dim: str):
    """A stand-in unit for a measure word's dimension (钱 → money), for compatibility checks."""
    from qa.units import Unit

    return Unit(dim, dim, 1.0)


def _is_cjk(text: str) -> bool:
    return bool(text) and all("\u4e00" <= ch <= "\u9fff" for ch in text)


def _kind_words_in(text: str) -> list[str]:
    """Row-kind words standing in text no table word explained (区 in 各区, 家 in 哪家), longest first."""
    out, rest = [], text
    for w in sorted(kind_words(), key=len, reverse=True):
        if w in rest:
            out.append(w)
            rest = rest.replace(w, " " * len(w))
    return out


def _word_spans(text: str, words) -> list[tuple[int, int, str]]:
    out, pos = [], 0
    for w in words(text):
        out.append((pos, pos + len(w), w))
        pos += len(w)
    return out


def _differs(a: Plan, b: Plan) -> bool:
    return (a.table, a.columns, a.entities) != (b.table, b.columns, b.entities)


def _blank(text: str, spans: list[tuple[int, int]]) -> str:
    chars = list(text)
    for a, b in spans:
        for i in range(a, b):
            chars[i] = " "
    return "".join(chars)


def _runs(text: str) -> list[tuple[int, str]]:
    out, start = [], None
    for i, ch in enumerate(text + " "):
        if ch.isspace() or not (ch.isalnum() or "\u4e00" <= ch <= "\u9fff" or ch in "%％/"):
            if start is not None:
                out.append((start, text[start:i]))
                start = None
        elif start is None:
            start = i
    return out


def _abbreviates(w: str, p: str) -> bool:
    """w's characters appear in p in order, close together (家医 in 家庭医生, 新签 in 本月新增签约)."""
    if len(w) > len(p):
        return False
    pos = -1
    first = None
    for ch in w:
        pos = p.find(ch, pos + 1)
        if pos < 0:
            return False
        first = pos if first is None else first
    return pos - first < 2 * len(w) + 1


def _expands(w: str, p: str) -> bool:
    """w says in full a contraction p begins with (实际查 of 实查人数, 应该查 of 应查): p's first character
    is a word's first (实 of 实际) and the rest of w goes on as p does (查); 门诊人次 is no 门诊次均."""
    if not p or p[0] != w[0] or any(q in w for q in words("ask_number")):
        return False  # 「暴露多少人」 asks how many of 暴露人数; it says no more of its name
    return any(len(w) > 1 + x and p[1:].startswith(w[1 + x :]) for x in (1, 2))


def _one_typo(w: str, p: str, word=None) -> bool:
    """w equals a same-length stretch of p but for one character that sounds the same (问珍 ~ 问诊,
    出院人此 ~ 出院人次): the slip an input method makes. 履约率 is not 签约率. With `word` (word → (tag,
    frequency)), the stretch must be a word of the language."""
    for i in range(0, len(p) - len(w) + 1):
        stretch = p[i : i + len(w)]
        diff = [(a, b) for a, b in zip(w, stretch, strict=True) if a != b]
        if (
            len(diff) == 1
            and (alike(*diff[0]) or diff[0][1] in synonyms().get(diff[0][0], ()))
            and (word is None or word(stretch)[0])
        ):
            return True
    return False


__all__ = ["Cond", "Kind", "Op", "Plan", "Planner", "Reading", "ColumnInfo", "units_by_length"]


def _heads(chosen: list[str], covered: dict[str, set[int]]) -> list[str]:
    """「一件事联办率」 said as 一件事 + 联办率: two column names run together where the first ends as the
    second begins (联办) are one phrase, and a Chinese phrase is named by its end — the 联办率 column."""
    out = list(chosen)
    for x in chosen:
        for y in chosen:
            if x == y or x not in out or y not in out or not covered[x] or not covered[y]:
                continue
            adjacent = max(covered[x]) + 1 == min(covered[y])
            nx, ny = normalize(x), normalize(y)
            if adjacent and any(nx.endswith(ny[:k]) for k in range(1, min(len(nx), len(ny)))):
                out.remove(x)
    return out


def _spoken(name: str) -> str:
    """A header as said: Roman numerals of a class or level in Chinese (ii类 → 二类, iii级 → 三级)."""
    return ROMAN.sub(lambda m: ROMAN_CN[m.group(1)], name)


def _said_as_slash(t: TableSchema, text: str) -> str:
    """The note's sentence on 「/」 cells when the question says, negated, what it says they mean
    (「哪些医院没有开展乳腺疾病检查」 of 「“/”表示该单位本月未开展乳腺疾病检查」): a stretch of two characters
    or more after both negations that is no column's name (乳腺疾病 alone asks the column's figures)."""
    names = [normalize(c) for c in t.columns]
    for clause in note_clauses(t.notes):
        c = normalize(clause)
        at = min((c.find(n) + len(n) for n in words("negation") if n in c), default=-1)
        if not slashed(c) or at < 0:
            continue
        meant = c[at:]
        for n in words("negation"):
            i = text.find(n)
            while i >= 0:
                tail = text[i + len(n) : i + len(n) + 12]
                if any(
                    tail[a:b] in meant and not any(tail[a:b] in name for name in names)
                    for a in range(len(tail))
                    for b in range(a + 2, len(tail) + 1)
                ):
                    return clause
                i = text.find(n, i + 1)
    return ""


def _points_back(before: str) -> bool:
    """「这六个」「这几家」「这些」 end the text before a word: the word names rows already said."""
    b = before.rstrip()
    b = next((b[: -len(c)] for c in counters() if b.endswith(c)), b)
    b = b.rstrip("0123456789几两十" + LEVEL_DIGITS)
    return b.endswith(words("points_back"))


def _listed_after(after: str) -> bool:
    """What follows a word is a bracketed list of rows, perhaps after their count and kind (「城区六个区
    （玄武、白下、秦淮…）」): the word names those rows."""
    m = re.match(rf"\s*[\d{LEVEL_DIGITS}几两十]*个?\w?\s*[（(]([^）)]*)[）)]", after)
    return bool(m) and m.group(1).count("、") >= 1


def _counted(text: str, i: int) -> bool:
    """The character at i stands where a counter does: after 几, 多少 or a number (「多少人」「3家」)."""
    return text[:i].endswith(("几", "多少")) or (i > 0 and text[i - 1].isdigit())


def _sums_rows(t: TableSchema, col: str, text: str) -> bool:
    """A group's 合计 column whose closing sum word is said (「派出医务人员合计」): the rows' total is asked."""
    info = t.columns[col]
    return (
        info.role == "total"
        and bool(info.group)
        and normalize(info.leaf) in words("sum_leaf")
        and normalize(info.leaf) in text
    )


def _part_name(name: str) -> str | None:
    """「其中本月完成」 → 本月完成; None for a column that is not a 「其中」 part."""
    for w in words("parts_mark"):
        if name.startswith(w) and len(name) > len(w):
            return name[len(w) :].lstrip(":：")
    return None


def _parts_in_full(t: TableSchema) -> dict[str, str]:
    """Each 「其中」 column named in full with the head of the column it is part of, the one before it that
    is no part (其中：本月完成 after 累计完成投资 → 本月完成投资); a part with no such column is left out."""
    out, whole = {}, ""
    for c in t.columns:
        part = _part_name(normalize(c))
        if part is None:
            whole = normalize(c)
        elif whole:
            out[c] = part + _head_after(whole, part)
    return out


def _head_after(whole: str, part: str) -> str:
    """What a part's name leaves of the name of the column it is part of: after the longest stretch they
    share (累计完成投资 / 本月完成 → 投资), so the part is named in full (本月完成投资); "" when they
    share nothing."""
    best = ""
    for i in range(len(part)):
        for j in range(len(part), i + len(best), -1):
            if part[i:j] in whole:
                best = part[i:j]
                break
    return whole[whole.rfind(best) + len(best) :] if len(best) >= 2 else ""


def _included(note: str) -> str:
    """A note without what it says the table leaves out: 「…不含大病保险」 explains no question about 大病保险."""
    marks = "|".join(re.escape(w) for w in words("not_included"))
    return re.sub(rf"(?:{marks})[^，,；;。）)]*", " ", note)


def _change_of(signed: str, column: str) -> bool:
    """A signed column is the change of `column` when its name, without change words (变化, 环比, 同比…),
    is empty or part of that column's name (排名变化 of 排名)."""
    rest = normalize(signed)
    for w in sorted(_change_words(), key=len, reverse=True):
        rest = rest.replace(w, "")
    return not rest or rest in normalize(column)


def _change_words() -> tuple[str, ...]:
    """The words that name a change (变化, 环比, 同比 …)."""
    return (*words("change_mark"), *words("month_over_month"), *words("year_over_year"))


def _taken_from(t: TableSchema, part: str) -> str | None:
    """The column a count is taken from, for a rate of it the table does not print (回收问卷 of 发放问卷): the
    nearest before it counting the same things — as a table's own rates divide (满意度 = 表示满意 ÷ 回收问卷)."""
    info = t.columns.get(part)
    if info is None or not info.dim.startswith("count") or any(p == part for p, _ in t.rates.values()):
        return None  # a rate the table prints of that count is read as printed
    names = list(t.columns)
    before = [
        c
        for c in names[: names.index(part)]
        if t.columns[c].dim == info.dim and t.columns[c].kind == "value" and not t.columns[c].group
    ]
    return before[-1] if before else None


def _opposite_said(names: list[str], text: str) -> str:
    """A word the question says where the names print its opposite by one character (下转 for 上转, 入院 for
    出院): something the table does not hold, however well the rest of the words match; "" when none."""
    for pair in words("opposite_char"):
        for x, y in ((pair[0], pair[1]), (pair[1], pair[0])):
            for n in map(normalize, names):
                for i in range(len(n) - 1):
                    printed, said = n[i : i + 2], y + n[i + 1]
                    if n[i] == x and said in text and printed not in text and said not in n:
                        return said
    return ""


def _month_over_month(t: TableSchema) -> list[str]:
    """The signed columns printing the change from the month before (较上月增减, 环比)."""
    return [c for c in t.signed if any(w in normalize(c) for w in words("month_over_month"))]


def _prints_change(t: TableSchema) -> bool:
    """The table prints a change of its own: a column with negative figures or arrows, or one named as a
    change (同比增长, 较上月增减) — a rise or fall said of it is read there, not over two months."""
    return bool(t.signed) or any(w in normalize(c) for c in t.columns for w in _change_words())


def _one_of_listed(name: str, text: str) -> str:
    """One thing a column's name lists together (三、四级手术 lists 三级手术 and 四级手术) said alone in the
    question: 「四级手术」 is not the column's figure; "" when the question says them all or none."""
    parts = normalize(name).split("、")
    if len(parts) < 2:
        return ""
    tail = parts[-1][len(parts[0]) :]
    members = [p + tail for p in parts[:-1]] + [parts[-1]]
    said = [m for m in members if m in text]
    joint = "".join(parts) in text or normalize(name) in text
    return said[0] if said and len(said) < len(members) and not joint else ""


def _other_level(t: TableSchema, text: str) -> list[str]:
    """「一级医院」 of a table printing 三级医院 and 二级医院: a level the table does not print, never read as
    the levels it does."""
    printed = " ".join([*(normalize(c) for c in t.columns), *t.entities])
    said = [f"{n}级" for n in LEVEL_DIGITS if f"{n}级" in text]
    return [
        w for w in said if w not in printed and any(f"{n}级" in printed for n in LEVEL_DIGITS if n != w[0])
    ]


def _beside_year_before(t: TableSchema, col: str) -> list[str] | None:
    """The year-before column `col` (去年同期) is compared within its row: [the printed change of its group
    (增减, 同比增减)], else [this year's column, `col`]; None when `col` is no such column or its group has
    neither."""
    info = t.columns[col]
    if normalize(info.leaf) not in words("year_before"):
        return None
    kin = [c for c, i in t.columns.items() if c != col and i.group == info.group]
    change = [c for c in kin if _change_of(t.columns[c].leaf, info.group) and t.columns[c].dim == info.dim]
    if len(change) == 1:
        return change
    current = [c for c in kin if c not in change and t.columns[c].dim == info.dim]
    return [current[0], col] if len(current) == 1 else None


def _to_date(t: TableSchema) -> bool:
    """Every figure of the table runs from the year's start (本年累计, 去年同期 and their 同比): no column of a
    month's own figure, and some running total."""
    kinds = {i.kind for i in t.columns.values()}
    return "cumulative" in kinds and "value" not in kinds


def _tells_groups(t: TableSchema, w: str) -> bool:
    """The word is in some upper headers and not in others: it tells the groups apart."""
    groups = {i.group for i in t.columns.values() if i.group}
    return any(w in g for g in groups) and any(w not in g for g in groups)


def _without_counter(name: str, info: ColumnInfo) -> str:
    """急诊人次 → 急诊: a column's own word, without the counter every column of its table may end with."""
    n = normalize(name)
    return n[: -len(info.counter)] if info.counter and n.endswith(info.counter) else ""


def _unit_asked(t: TableSchema, plan: Plan, segs, tags: list[OpTag]) -> str:
    """The one unit said (not in a threshold: 「超过2小时」 is compared, not asked) that measures the
    answer's column in another scale: 「一共停机多少小时」 of 累计停机时长（分钟）."""
    if plan.cond is not None or not plan.columns or plan.op in (Op.PER, Op.RATIO, Op.SHARE):
        return ""
    said = {s.target[5:] for s in segs if s.target.startswith("unit:")}
    said -= {u for u in said for tag in tags if tag.x and u in tag.x}
    info = t.columns[plan.columns[0]]
    printed, asked = (
        unit(info.unit) if info.unit else None,
        unit(next(iter(said))) if len(said) == 1 else None,
    )
    if printed is None or asked is None or printed.dim != asked.dim or printed.factor == asked.factor:
        return ""
    return asked.said


def _per_one(said: str, w: str) -> bool:
    """「每人次」「一笔」「平均人次」 say one of the things counted in w; 「每个区」 does not (个 of the rows, 区)."""
    return any(
        not any(said[m.end() :].startswith(k) for k in kind_words())
        for x in ("每", "一", "平均")
        for m in re.finditer(re.escape(x + w), said)
    )
