"""Question → typed query plan: entities, metrics, month(s), table kind, operation, filters.

Everything is recognised from the index's own catalogue and column names plus the data files; a plan
that leaves part of the question unexplained is marked unsure, so the caller can decline rather than
answer a near miss.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from functools import lru_cache

from qa.lexicon import DATA, Catalogue, find_metrics, metric_synonyms, normalize, read_tsv, units

CN_DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
    "十": 10,
}
CN_NUM = "零〇一二两三四五六七八九十"
MONTH_RE = re.compile(rf"(?:(\d{{4}})年)?([0-9{CN_NUM}]{{1,3}})月(?:份)?(?![0-9{CN_NUM}]{{1,3}}日)")
ISSUE_RE = re.compile(r"(?:(\d{4})年)?(?:总)?第?(?<![\d.])(\d{1,4})期")  # 第161期, 161期, 2025年第7期
PUBLISHED_RE = re.compile(
    rf"(?:(\d{{4}})年)?([0-9{CN_NUM}]{{1,3}})月(?:份)?(?:(?:出的|发的|印发的?|出版的?|发布的?|编印的?|刊发的?)"
    r"(?:那期|这期|一期)?(?:简报)?|的?(?:那期|这期|一期)(?:简报)?|的?简报)"
)
NUMBER_RE = re.compile(r"(\d+(?:\.\d+)?|[一两二三四五六七八九十]?)(万|亿)?(千元|万元|亿元|元)?")
RATIO_RE = re.compile(r"(\d{1,3})/(\d{1,3})")
KIND_WORDS = [  # (pattern, kind): words that name the kind of row asked about
    (
        re.compile(r"(哪个区|哪些区|各区|哪区|几个区|个区|的区|区里|区中|区县|各个区|全市各区|区级|区的)"),
        "district",
    ),
    (re.compile(r"(医院|哪家|几家|各院|院里|医疗机构|机构)"), "hospital"),
    (re.compile(r"(渠道|线上|途径|客户端|app|平台预约)"), "channel"),
]
COMPARE = re.compile(
    r"(比|相比|对比|相差|差距|差多少|差值|增加|减少|增长|下降|变化|变动|多了|少了|多多少|少多少|高多少|低多少|增减|多少倍|几倍|倍|vs)"
)
SHARE = re.compile(r"(占比|占.{0,12}(比例|百分比|比重|多少|几成|%)|比例|比重|份额|百分之)")
SUM_WORDS = re.compile(r"(一共|总共|合计|总计|总和|总数|总量|之和|加起来|加总|汇总|共计|共有多少)")
AVG_WORDS = re.compile(r"(平均|均值)")
COUNT_WORDS = re.compile(r"(几家|多少家|几个|多少个|有几|家数|个数)")
LIST_WORDS = re.compile(r"(哪些|哪几|有谁|列出|分别是)")
MAX_WORDS = re.compile(r"(最高|最多|最大|最好|最快|最长|第一名|top|排名第一|排第一|居首|最靠前)")
MIN_WORDS = re.compile(r"(最低|最少|最小|最差|最慢|最短|垫底|倒数第一|排最后|最末)")
TOPN = re.compile(
    rf"(前|后|倒数|top)([0-9{CN_NUM}]{{1,3}})(?:名|位|家|个)?|(最[高低多少大小])的?([0-9{CN_NUM}]{{1,3}})(?:名|位|家|个)"
)
NTH = re.compile(rf"(?:排|排名|位列|名列)?(?:第|老)([0-9{CN_NUM}]{{1,2}})(?:高|多|大|名|位)?(?!期)")
FILTER = re.compile(
    r"(超过|高于|大于|多于|不少于|不低于|不止|达到|至少|满|少于|低于|小于|不足|不到|不超过|至多|等于|过|上|为|是|>=|<=|>|<|≥|≤|=)"
    r"(\d+(?:\.\d+)?(?:万|亿)?(?:千元|万元|亿元|元)?|[一两二三四五六七八九十]?[万亿](?:千元|万元|亿元|元)?)"
    r"(?:个|家|天|人次|次|条)?(以上|以下|以内|及以上|及以下)?"
)
PLURAL = re.compile(r"(它们|他们|这些|这几家|两者|二者|这两家|两家)")
ORDINAL = re.compile(rf"(前|后|倒数第?|第|top)?[0-9{CN_NUM}]+(名|位|高|多|大|低|少|个|家)?")
YEAR_RE = re.compile(rf"(\d{{4}})年(?!\s*(?:第|度|\d{{1,2}}月|[{CN_NUM}]{{1,3}}月))")
ROW_ASK = re.compile(r"(在哪|哪里|地址|电话|是谁|谁是|什么时候|几点|怎么|为什么|如何|是否|有没有|吗|什么)")
EXCLUDE = re.compile(r"(不算|不含|不包括|不计|除了|除去|除|排除|去掉|剔除)")
EXCLUDE_AFTER = re.compile(r"^[)）]?(除外|以外|之外|不算|不计|未上报|没有上报|未报|没上报|没报)")
MONTH_RANGE = re.compile(
    rf"(?:(\d{{4}})年)?([0-9{CN_NUM}]{{1,3}})月?(?:份)?(?:到|至|-|~|～|—|－)([0-9{CN_NUM}]{{1,3}})月(?:份)?"
)
POSITION = re.compile(r"(排第几|排名第几|第几名|排在第几|排第多少|排几|排名多少|名次|第几位)")
PREV_MONTH = re.compile(r"(上个月|上月|前一个月|前一月|上一个月|上期)")
CUMULATIVE = re.compile(r"(累计|截止|截至|历年|至今|总预约挂号量)")
PRONOUN = re.compile(r"(它们|他们|它|该院|这家|那家|该区|这个区|这个医院|此院|这两家|这几家|两者|二者|两家)")
WHOLE_ROW = re.compile(r"(各项|所有数据|全部数据|哪些数据|什么数据|数据情况|整体情况|详细|全部指标|各指标)")
OPS = {">": "超过", ">=": "不少于", "<": "少于", "<=": "不超过", "=": "等于"}
WORD_OP = {
    "超过": ">",
    "高于": ">",
    "大于": ">",
    "多于": ">",
    "不止": ">",
    "不少于": ">=",
    "不低于": ">=",
    "达到": ">=",
    "至少": ">=",
    "满": ">=",
    "过": ">",
    "上": ">=",
    "少于": "<",
    "低于": "<",
    "小于": "<",
    "不足": "<",
    "不到": "<",
    "不超过": "<=",
    "至多": "<=",
    "等于": "=",
    "为": "=",
    "是": "=",
    ">=": ">=",
    "<=": "<=",
    ">": ">",
    "<": "<",
    "≥": ">=",
    "≤": "<=",
    "=": "=",
}


def cn_int(s: str) -> int | None:
    """'3', '三', '十二' → int."""
    if s.isdigit():
        return int(s)
    if all(ch in CN_DIGITS for ch in s):
        if s == "十":
            return 10
        if s.startswith("十"):
            return 10 + CN_DIGITS[s[1]]
        if len(s) == 3 and s[1] == "十":
            return CN_DIGITS[s[0]] * 10 + CN_DIGITS[s[2]]
        if len(s) == 2 and s[1] == "十":
            return CN_DIGITS[s[0]] * 10
        if len(s) == 1:
            return CN_DIGITS[s]
    return None


@lru_cache(maxsize=1)
def fillers() -> list[str]:
    words = [
        w.strip()
        for w in (DATA / "fillers.txt").read_text(encoding="utf-8").splitlines()
        if w.strip() and not w.startswith("#")
    ]
    return sorted(set(words), key=len, reverse=True)


@lru_cache(maxsize=1)
def derived() -> list[tuple[str, str, str, float, str, list[str]]]:
    return [(r[0], r[1], r[2], float(r[3]), r[4], r[5].split("|")) for r in read_tsv("derived.tsv")]


@dataclass
class Condition:
    op: str  # > >= < <= =
    value: float | None = None  # in the column's unit
    raw: str | None = None  # ratio text such as 0/12
    said: str = ""  # as the user wrote it


@dataclass
class Plan:
    question: str
    entities: list[str] = field(default_factory=list)
    exclude: list[str] = field(default_factory=list)
    metrics: list[str] = field(default_factory=list)
    months: list[str] = field(default_factory=list)  # explicit, resolved YYYY-MM
    month_words: list[str] = field(default_factory=list)  # as said, for messages
    missing_months: list[str] = field(default_factory=list)
    kind: str | None = None
    op: str = "lookup"  # lookup rank filter count sum avg diff share derived total row
    order: str = "desc"
    n: int = 1
    nth: int = 1
    cond: Condition | None = None
    derived: tuple | None = None
    whole_row: bool = False
    leftover: str = ""
    unknown_names: list[str] = field(default_factory=list)
    pronoun: bool = False

    @property
    def sure(self) -> bool:
        """Every part of the question was understood."""
        return len(re.sub(r"[^\u4e00-\u9fffa-z]", "", self.leftover)) <= 1

    @property
    def has_target(self) -> bool:
        return bool(self.entities or self.metrics or self.derived or self.whole_row)


class Planner:
    def __init__(
        self,
        catalogue: Catalogue,
        columns: dict[str, set[str]],
        months: list[str],
        issue_month=None,
        column_units: dict[str, str] | None = None,
        words=None,
        titles: list[str] | None = None,
    ):
        self.words = words or (lambda text: list(text))  # precise word splitter (jieba)
        self.titles = sorted(set(titles or []), key=len, reverse=True)
        # 「六合」「栖霞」: a district's bare name, not an alias because a hospital starts with it
        # (六合区人民医院); read as the district only when the question is about districts or excludes it.
        self.shorts = {}
        for key, ent in catalogue.entities.items():
            short = re.sub(r"(新区|区)$", "", key)
            if ent.kind == "district" and len(short) >= 2 and short not in catalogue.aliases:
                self.shorts[short] = key
        self.cat = catalogue
        self.columns = columns
        self.units = column_units or {}
        self.available = months
        self.issue_month = issue_month  # callable(running=..., year=..., number=...) -> month | None

    # -- months -----------------------------------------------------------------------------------
    def _month(self, year: str | None, mon: int) -> str:
        if year:
            return f"{int(year):04d}-{mon:02d}"
        same = [m for m in self.available if int(m[5:]) == mon]
        if same:
            return same[-1]
        latest_year = int(self.available[-1][:4]) if self.available else 2025
        return f"{latest_year:04d}-{mon:02d}"

    def months_in(self, q: str, plan: Plan) -> str:
        """Find data months: 「6月」, 「第161期」, 「2025年第7期」, 「8月出的那期」 (publication month),
        「6月到9月」 (every indexed month in the range)."""
        for m in MONTH_RANGE.finditer(q):
            a, b = cn_int(m.group(2)), cn_int(m.group(3))
            if a is None or b is None or not 1 <= a <= b <= 12:
                continue
            year = m.group(1) or self._month(None, b)[:4]
            span = [f"{int(year):04d}-{x:02d}" for x in range(a, b + 1)]
            plan.month_words.append(m.group(0))
            plan.months.extend(x for x in span if x in self.available)
            plan.missing_months.extend(x for x in span if x not in self.available)
            q = q.replace(m.group(0), " ", 1)
        for m in PUBLISHED_RE.finditer(q):
            mon = cn_int(m.group(2))
            if mon is None or not 1 <= mon <= 12 or not self.issue_month:
                continue
            year = m.group(1) or (self.available[-1][:4] if self.available else "2025")
            got = self.issue_month(published=f"{int(year):04d}-{mon:02d}")
            plan.month_words.append(m.group(0))
            if got:
                plan.months.append(got)
            else:
                plan.missing_months.append(m.group(0))
            q = q.replace(m.group(0), " ", 1)
        for m in ISSUE_RE.finditer(q):
            n = int(m.group(2))
            got = None
            if self.issue_month:
                if n > 24 or not m.group(1):
                    got = self.issue_month(running=n) if n > 24 else None
                if got is None and m.group(1):
                    got = self.issue_month(year=int(m.group(1)), number=n)
                if got is None and not m.group(1) and n <= 24 and self.available:
                    got = self.issue_month(year=int(self.available[-1][:4]), number=n)
            plan.month_words.append(m.group(0))
            if got:
                plan.months.append(got)
            else:
                plan.missing_months.append(m.group(0))
            q = q.replace(m.group(0), " ", 1)
        for m in MONTH_RE.finditer(q):
            mon = cn_int(m.group(2))
            if mon is None or not 1 <= mon <= 12:
                continue
            ym = self._month(m.group(1), mon)
            plan.month_words.append(m.group(0))
            if ym in self.available:
                plan.months.append(ym)
            else:
                plan.missing_months.append(ym)
        q = MONTH_RE.sub(" ", q)
        for m in YEAR_RE.finditer(q):  # 「2024年的门诊量」: the latest month of that year, if any
            in_year = [x for x in self.available if x.startswith(m.group(1))]
            plan.month_words.append(m.group(0))
            if in_year:
                plan.months.append(in_year[-1])
            else:
                plan.missing_months.append(f"{m.group(1)}年")
        return YEAR_RE.sub(" ", q)

    # -- the plan ---------------------------------------------------------------------------------
    def plan(self, question: str) -> Plan:
        q = normalize(question)
        plan = Plan(question=question)
        if CUMULATIVE.search(q):
            plan.leftover = "累计"  # cumulative figures live in the notes: a text question
        rest = self.months_in(q, plan)
        # Entities (exact, then tolerant of small misspellings), with exclusions.
        spans = self.cat.find(rest) or [
            s for s in self.cat.fuzzy(rest) if self._fuzzy_ok(rest[s[0] : s[1]], s[2])
        ]
        for a, b, key in spans:
            before, after = rest[max(0, a - 4) : a], rest[b : b + 5]
            if EXCLUDE.search(before) or EXCLUDE_AFTER.match(after):
                plan.exclude.append(key)
            elif key not in plan.entities:
                plan.entities.append(key)
        rest = self._blank(rest, [(a, b) for a, b, _ in spans])
        rest = self._district_shorts(plan, rest)
        rest = self._blank_titles(rest)
        rest = self._metrics(plan, rest)
        # Unknown names that look like a hospital or district: never answered by a near miss.
        for m in re.finditer(r"[\u4e00-\u9fff]{2,14}?(医院|研究所|保健院|卫生院|防治院)", rest):
            name = re.split(
                rf"(?:多少|哪|几|各|所有|全部|全市|全|有|的|比|和|与|跟|是|在|了|中|获得|通过|这|那|该|每|[0-9{CN_NUM}]+家|家|最)",
                m.group(0),
            )[-1]
            if len(name) - len(m.group(1)) >= 2:
                plan.unknown_names.append(name)
        plan.pronoun = bool(PRONOUN.search(rest))
        plan.whole_row = bool(WHOLE_ROW.search(rest))
        self._kind(plan, rest)
        rest = self._operation(plan, rest)
        plan.leftover = (plan.leftover + self._leftover(rest)).strip()
        return plan

    def _district_shorts(self, plan: Plan, rest: str) -> str:
        about_districts = KIND_WORDS[0][0].search(rest) is not None
        for short, key in self.shorts.items():
            for m in re.finditer(re.escape(short), rest):
                before, after = rest[max(0, m.start() - 4) : m.start()], rest[m.end() : m.end() + 5]
                if EXCLUDE.search(before) or EXCLUDE_AFTER.match(after):
                    plan.exclude.append(key)
                    # 「鼓楼除外」 in a question about hospitals means 鼓楼医院: exclude that one too.
                    hospital = self.cat.aliases.get(short + "医院")
                    if hospital:
                        plan.exclude.append(hospital)
                elif about_districts and key not in plan.entities:
                    plan.entities.append(key)
                else:
                    continue
                rest = rest[: m.start()] + " " * len(short) + rest[m.end() :]
        return rest

    def _blank_titles(self, rest: str) -> str:
        """「预约挂号服务统计里…」names a table, not the metric 预约挂号: blank table titles first."""
        for t in self.titles:
            if t in rest:
                rest = rest.replace(t, " " * len(t))
        return rest

    def _metrics(self, plan: Plan, rest: str) -> str:
        """Derived figures (次均费用) first, then column names and synonyms, then near misses (收人 → 收入)."""
        found = [(len(w), w, x) for x in derived() for w in x[5] if w in rest]
        if found:
            _, _, d = max(found, key=lambda t: t[0])
            plan.derived = d
            plan.op = "derived"
            for w in sorted(d[5], key=len, reverse=True):
                rest = rest.replace(w, " ")
        mspans = find_metrics(rest, set(self.columns))
        if not plan.derived and all(b - a <= 2 for a, b, _ in mspans):
            # Only a short fallback word (出院, 门诊) matched: a misspelt full name (出院人此) is better.
            fuzzy = self._fuzzy_metric(rest)
            if fuzzy and (
                not mspans or any(fa <= a and b <= fb for fa, fb, _ in fuzzy for a, b, _ in mspans)
            ):
                mspans = fuzzy
        for _, _, col in mspans:
            if col not in plan.metrics:
                plan.metrics.append(col)
        return self._blank(rest, [(a, b) for a, b, _ in mspans])

    def _fuzzy_metric(self, rest: str) -> list[tuple[int, int, str]]:
        """A metric word with one wrong character (住院收人, 出院人此, 诊间预越), same length, ≥ 4 characters."""
        table = {normalize(c): c for c in self.columns}
        table.update({k: v for k, v in metric_synonyms().items() if v in self.columns})
        for n in range(8, 3, -1):
            for i in range(0, len(rest) - n + 1):
                span = rest[i : i + n]
                if " " in span:
                    continue
                for word, col in table.items():
                    if len(word) == n and sum(a != b for a, b in zip(span, word, strict=True)) == 1:
                        return [(i, i + n, col)]
        return []

    def _fuzzy_ok(self, span: str, key: str) -> bool:
        """A misspelt name may differ in a character or two, never in a digit, number word or direction."""
        import difflib

        best = max(
            (a for a, k in self.cat.aliases.items() if k == key),
            key=lambda a: difflib.SequenceMatcher(None, span, a).ratio(),
        )
        sm = difflib.SequenceMatcher(None, span, best)
        for tag, i1, i2, j1, j2 in sm.get_opcodes():
            if tag != "equal" and re.search(
                r"[0-9一二三四五六七八九十第东南西北中省市区县儿妇口眼胸脑肿]", span[i1:i2] + best[j1:j2]
            ):
                return False
        return True

    @staticmethod
    def _blank(s: str, spans: list[tuple[int, int]]) -> str:
        chars = list(s)
        for a, b in spans:
            for i in range(a, b):
                chars[i] = " "
        return "".join(chars)

    def _kind(self, plan: Plan, rest: str) -> None:
        kinds = {self.cat.entities[k].kind for k in plan.entities if k in self.cat.entities}
        if len(kinds) == 1:
            plan.kind = kinds.pop()
            return
        for pat, kind in KIND_WORDS:
            if pat.search(rest):
                plan.kind = kind
                return

    def _operation(self, plan: Plan, rest: str) -> str:
        unit_conv, _ = units()
        # Filters: ratio values (0/12) and numbers with units (3亿元 → 千元 of the column).
        rm = RATIO_RE.search(rest)
        if rm:
            plan.cond = Condition("=", raw=f"{rm.group(1)}/{rm.group(2)}", said=rm.group(0))
            rest = rest.replace(rm.group(0), " ")
        elif re.search(r"(全部上传|全部上报|都上传|上传齐|全传|满分|全满)", rest):
            plan.cond = Condition("full", said="全部上传")
        elif re.search(r"(未全部|没有全部|没全部|不全|未满|没满|缺)", rest):
            plan.cond = Condition("partial", said="未全部上传")
        else:
            fm = FILTER.search(rest)
            if fm and not (
                fm.group(1) in ("为", "是") and not re.search(r"(哪些|哪几|几家|多少家|几个|有没有)", rest)
            ):
                value = self._amount(fm.group(2), plan, unit_conv)
                op = WORD_OP[fm.group(1)]
                if fm.group(3) in ("以上", "及以上"):
                    op = ">=" if op == "=" else op
                elif fm.group(3) in ("以下", "以内", "及以下"):
                    op = "<=" if op == "=" else op
                plan.cond = Condition(op, value=value, said=fm.group(0))
                rest = rest.replace(fm.group(0), " ")
        # The operation itself.
        topn = TOPN.search(rest)
        nth = NTH.search(rest)
        if plan.op == "derived":
            pass
        elif POSITION.search(rest):
            plan.op = "position"
        elif SHARE.search(rest):
            plan.op = "share"
        elif (
            len(plan.entities) >= 2 and COMPARE.search(rest) or len(plan.months) >= 2 and COMPARE.search(rest)
        ):
            plan.op = "diff"
        elif plan.cond is not None:
            plan.op = "count" if COUNT_WORDS.search(rest) and not LIST_WORDS.search(rest) else "filter"
        elif topn:
            plan.op = "rank"
            word, num = (topn.group(1), topn.group(2)) if topn.group(1) else (topn.group(3), topn.group(4))
            plan.n = cn_int(num) or 1
            plan.order = "asc" if word in ("后", "倒数") or re.match(r"最[低少小]", word) else "desc"
        elif MAX_WORDS.search(rest) or MIN_WORDS.search(rest):
            plan.op = "rank"
            plan.order = "asc" if MIN_WORDS.search(rest) else "desc"
            if nth and cn_int(nth.group(1)):
                plan.nth = cn_int(nth.group(1))
        elif (
            nth
            and cn_int(nth.group(1))
            and re.search(r"(排|名|位|倒数|第.(高|多|大|低|少))", rest)
            and not plan.entities
        ):
            plan.op = "rank"
            plan.nth = cn_int(nth.group(1))
            plan.order = "asc" if re.search(r"(倒数|低|少|小)", rest) else "desc"
        elif AVG_WORDS.search(rest):
            plan.op = "avg"
        elif len(plan.metrics) >= 2 and COMPARE.search(rest):
            plan.op = "diff"
        elif SUM_WORDS.search(rest) and (
            not plan.entities or len(plan.entities) >= 2 or len(plan.months) >= 2
        ):
            plan.op = "sum"
        elif COUNT_WORDS.search(rest) and not plan.entities and not plan.metrics:
            plan.op = "count"
        elif LIST_WORDS.search(rest) and not plan.entities and plan.metrics and re.search(r"有", rest):
            plan.op = "filter"  # 「哪些医院有诊间预约」: more than zero
            plan.cond = Condition(">", value=0, said="有")
        elif plan.whole_row or (plan.entities and not plan.metrics and not ROW_ASK.search(rest)):
            plan.op = "row"
        return rest

    def _amount(self, text: str, plan: Plan, unit_conv: dict[str, float]) -> float:
        m = NUMBER_RE.match(text)
        n = float(m.group(1)) if m.group(1)[:1].isdigit() else float(cn_int(m.group(1)) or 1)  # 过万, 两万
        mult, unit = m.group(2), m.group(3)
        money = any(self.columns_unit(c) == "千元" for c in plan.metrics)
        if unit:  # 元/千元/万元/亿元 → 千元
            n *= {"万": 1e4, "亿": 1e8, None: 1}[mult] * unit_conv[unit]
        elif mult:
            n *= unit_conv[mult + "元"] if money else {"万": 1e4, "亿": 1e8}[mult]
        return n

    def columns_unit(self, col: str) -> str:
        return self.units.get(col, "")

    def _leftover(self, rest: str) -> str:
        """What no rule explained: word tokens that are not fillers (院长 is not 院 + 长)."""
        s = re.sub(r"[(（][^()（）]{0,8}[)）]", " ", rest)  # 「(京新)」「（秦淮区除外）」: remarks
        s = re.sub(r"[\s\W\d_]+", " ", s)
        for w in fillers():  # long fillers (帮我查一下) by text: jieba may cut them anywhere
            if len(w) >= 3:
                s = s.replace(w, " ")
        known = set(fillers())
        left = []
        for part in s.split():
            toks = [t for t in self.words(part) if not ORDINAL.fullmatch(t)]
            i = 0
            while i < len(toks):
                # 加 + 起来 is the filler 加起来: try joining up to three tokens.
                n = next((n for n in (3, 2, 1) if "".join(toks[i : i + n]) in known), 0)
                if n:
                    i += n
                    continue
                left.append(toks[i])
                i += 1
        return "".join(left)


def inherit(plan: Plan, prev: Plan | None) -> Plan:
    """Complete a follow-up (「那住院收入呢？」「高淳区呢？」「那7月呢？」) from the previous turn's plan."""
    if prev is None:
        return plan
    p = replace(plan)
    if (
        not p.entities
        and not p.metrics
        and not p.derived
        and p.op == "lookup"
        and (p.months or p.missing_months)
        and not COMPARE.search(normalize(p.question))
    ):
        # 「9月呢？」: the same question (ranking, filter, lookup...) for another month.
        p = replace(
            prev,
            question=p.question,
            months=p.months,
            missing_months=p.missing_months,
            month_words=p.month_words,
            leftover=p.leftover,
            unknown_names=p.unknown_names,
        )
        return p
    if p.op == "position" and not p.entities:
        p.entities = list(prev.entities)
    if (
        not p.entities
        and not p.exclude
        and prev.entities
        and (p.op in ("lookup", "row", "derived", "diff") or p.pronoun and p.op in ("sum", "avg", "share"))
        and (p.metrics or p.months or p.derived or p.pronoun or p.whole_row or COMPARE.search(p.question))
    ):
        p.entities = list(prev.entities)
        p.kind = p.kind or prev.kind
        if p.op == "row" and p.metrics:
            p.op = "lookup"
    if not p.metrics and not p.derived and (prev.metrics or prev.derived):
        p.metrics = list(prev.metrics)
        p.derived = prev.derived
        if p.op in ("lookup", "row") and not p.whole_row:
            p.op = prev.op if prev.op in ("derived",) else "lookup"
    if (
        p.op == "lookup"
        and not p.entities
        and prev.op == "rank"
        and p.nth > 1
        or (p.op == "rank" and not p.metrics)
    ):
        p.op = "rank"
        p.order = prev.order if not MIN_WORDS.search(normalize(p.question)) else "asc"
        p.metrics = p.metrics or list(prev.metrics)
    if not p.months and not p.missing_months:
        p.months = list(prev.months)
    if not p.kind:
        p.kind = prev.kind
    q = normalize(p.question)
    if len(p.months) == 1 and prev.months and prev.months[0] != p.months[0] and COMPARE.search(q):
        # 「比1月多了多少」 after a question about 2月: the two months.
        p.months = [prev.months[0], p.months[0]]
        p.op = "diff"
    if len(p.entities) >= 2 and p.op in ("lookup", "row"):
        if COMPARE.search(q):
            p.op = "diff"
        elif SUM_WORDS.search(q):
            p.op = "sum"
        elif AVG_WORDS.search(q):
            p.op = "avg"
    return p
