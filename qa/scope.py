"""Which months, issues and years a question is about: one reader shared by the table and text paths.

A question names its scope in a handful of shapes (「6月」「2025年6月」「6到8月」「近三个月」「第161期」
「2012年第3期」「总第45期」「8月出的那期」「2024年」「上个月」「这期」). `Calendar.read` finds them,
resolves each against what the index holds (data months, and bulletins by number, running number and
publication date) and returns a typed `Scope`. A mention that names nothing indexed is kept as missing,
so callers refuse with what exists instead of answering from another month or year: a month without a
year means the latest year that has it, never a month of another year picked by its number alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from enum import StrEnum
from functools import lru_cache

from qa.lexicon import read_tsv

NUM = r"\d{1,2}|[一二两三四五六七八九十]{1,3}"
# A year: four digits, or two (「12年3月」「12年第3期」 = 2012) when a month or an issue number follows.
YEAR = r"(\d{4}|(?<![\d.])\d{2}(?=\s*年\s*(?:第|\d|[一二两三四五六七八九十])))"
_MONTH = rf"(?:{YEAR}\s*年\s*)?({NUM})\s*月(?:份|底|末)?"
# Order matters: longer shapes first, each blanked before the next looks.
SHAPES = [
    (
        "range",
        re.compile(
            rf"(?:{YEAR}年)?({NUM})月?份?(?:到|至|-|~|～|—|－)(?:{YEAR}年)?({NUM})月份?"
            rf"(?!\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号])(?:(?:这|那)?(?:{NUM}|几)个月)?"
        ),
    ),
    ("first", re.compile(rf"(?:{YEAR}年)?前({NUM})个?月(?!份)")),  # 前4个月: 1月 to 4月 of the year
    ("recent", re.compile(rf"(?:近|最近|过去)({NUM})个月")),
    # 「4月跟9月两期简报」: the issues published in those months, not their data months
    ("published_pair", re.compile(rf"{_MONTH}[、和与及跟]{_MONTH}(?:出的|的)?(?:这|那)?两期(?:简报)?")),
    (
        "pair",
        re.compile(
            rf"(?:(\d{{4}})年)?({NUM})(?:月份?)?[、和与及跟](?:(\d{{4}})年)?({NUM})(?:月份?(?![\d日号])|两个月)"
        ),
    ),
    (
        "published",
        re.compile(
            rf"{_MONTH}(?:(?:出的|发的|印发的?|出版的?|发布的?|编印的?|刊发的?)(?:那期|这期|一期)?(?:简报)?"
            r"|的?(?:那期|这期|一期)(?:简报)?|的?简报)"
        ),
    ),
    (
        "issue",
        re.compile(
            rf"(?:{YEAR}年)?(?:(?:总第|第)\s*(\d{{1,4}}|[一二三四五六七八九十]{{1,3}})|(?<![\d.])(\d{{1,4}}))\s*期"
        ),
    ),
    ("month", re.compile(rf"{_MONTH}(?!\s*(?:\d{{1,2}}|[一二三四五六七八九十]{{1,3}})\s*[日号])")),
    (
        "year",
        re.compile(
            r"(\d{4}|(?:^|(?<=[(,;:，；：]))\d{2}|(?<![\d.])\d{2}(?=\s*年的?(?:那|这)))\s*全?年(?!度)"
        ),
    ),  # 「2019全年」 too; 「12年社区…」 at the start of a clause (「…是谁(06年)」) is 2012, 「那16年那期」 anywhere
]


class Kind(StrEnum):
    MONTH = "month"
    RANGE = "range"
    RECENT = "recent"
    ISSUE = "issue"
    PUBLISHED = "published"
    YEAR = "year"
    PREV = "prev"  # 上个月, 上期: relative to the month in question
    LATEST = "latest"  # 这期, 本期, 最新: the latest issue (or the one under discussion)


@dataclass(frozen=True)
class Bull:
    """What the calendar needs to know of one indexed bulletin."""

    issue: str  # 2025年第7期
    year: int
    number: int
    running: int | None
    published: str  # YYYY-MM-DD or ""
    data_month: str  # YYYY-MM or "" (a news-only issue: not guessed)


@dataclass(frozen=True)
class Mention:
    kind: Kind
    said: str  # as written (normalised)
    start: int
    end: int
    months: tuple[str, ...] = ()  # indexed data months it denotes
    issues: tuple[str, ...] = ()  # indexed issues it denotes
    asked: str = ""  # what it denotes in words, for a refusal (2017年6月, 第45期)
    span: tuple[str, ...] = ()  # the months (YYYY-MM) a month or range names, indexed or not
    back: int = 1  # PREV: months back (去年同期, 上年同月: 12)

    @property
    def missing(self) -> bool:
        return self.kind not in (Kind.PREV, Kind.LATEST) and not self.months and not self.issues


@dataclass(frozen=True)
class Scope:
    mentions: tuple[Mention, ...] = ()
    rest: str = ""  # the text with every mention blanked (same length, spaces)

    @property
    def months(self) -> list[str]:
        return list(dict.fromkeys(m for x in self.mentions for m in x.months))

    @property
    def issues(self) -> list[str]:
        return list(dict.fromkeys(i for x in self.mentions for i in x.issues))

    @property
    def missing(self) -> list[str]:
        return [x.asked or x.said for x in self.mentions if x.missing]

    @property
    def prev(self) -> bool:
        return any(x.kind is Kind.PREV for x in self.mentions)

    @property
    def back(self) -> int:
        """How many months 「上个月」 (1) or 「去年同期」 (12) goes back."""
        return max((x.back for x in self.mentions if x.kind is Kind.PREV), default=1)

    @property
    def latest(self) -> bool:
        return any(x.kind is Kind.LATEST for x in self.mentions)

    @property
    def series(self) -> bool:
        """A span of months was asked for (a range, 近N个月, a whole year)."""
        return any(x.kind in (Kind.RANGE, Kind.RECENT) for x in self.mentions)

    @property
    def explicit(self) -> bool:
        return any(x.kind not in (Kind.PREV, Kind.LATEST) for x in self.mentions)

    @property
    def said(self) -> list[str]:
        return [x.said for x in self.mentions]


def year_of(s: str) -> int:
    """'2012' → 2012, '12' → 2012, '97' → 1997: a two-digit year is this century's unless that is still to
    come (the bulletins report on years past)."""
    y = int(s)
    if y >= 100:
        return y
    return y + 2000 if y + 2000 <= date.today().year else y + 1900


def month_label(m: str) -> str:
    """2025-06 → 2025年6月; a table no month dates (a short list inside an article) says none."""
    return f"{int(m[:4])}年{int(m[5:7])}月" if len(m) >= 7 else ""


def small_int(s: str) -> int | None:
    """'3', '三', '十二' → int (cn2an on the captured number only)."""
    if s.isdigit():
        return int(s)
    import cn2an

    try:
        return int(cn2an.cn2an(s.replace("两", "二"), "strict"))
    except (ValueError, KeyError):
        return None


@lru_cache(maxsize=1)
def relative_words() -> list[tuple[str, str, str]]:
    """(word, kind, argument) from qa/data/scope_words.tsv, longest word first."""
    rows = [(r[0], r[1], r[2] if len(r) > 2 else "") for r in read_tsv("scope_words.tsv")]
    return sorted(rows, key=lambda r: -len(r[0]))


@dataclass
class Calendar:
    """The index's months and bulletins, and the reading of scope mentions against them."""

    bulletins: list[Bull]
    data_months: list[str]  # months that have figures (tables or statistical paragraphs), sorted
    _by_running: dict[int, Bull] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        self.bulletins = sorted(self.bulletins, key=lambda b: (b.published, b.year, b.number))
        self.data_months = sorted(set(self.data_months))
        self._by_running = {b.running: b for b in self.bulletins if b.running}

    # -- what exists --------------------------------------------------------------------------------
    @property
    def latest_month(self) -> str:
        return self.data_months[-1] if self.data_months else ""

    @property
    def latest_issue(self) -> str:
        return self.bulletins[-1].issue if self.bulletins else ""

    def month_of(self, issue: str) -> str:
        return next((b.data_month for b in self.bulletins if b.issue == issue), "")

    @staticmethod
    def before_month(month: str) -> str:
        """The calendar month before `month` (YYYY-MM), indexed or not."""
        y, m = int(month[:4]), int(month[5:7])
        return f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}"

    def before(self, month: str) -> str:
        """The calendar month before `month` when the index has figures of it, or "": 「上个月」 of
        2019年11月 is never 2018年12月 (a 上年同月 figure the index also holds)."""
        earlier = self.before_month(month)
        return earlier if earlier in self.data_months else ""

    def year(self, said: str) -> int:
        """A year as said: a two-digit one is of the century whose year the index holds (「27年3月」 of a
        2027 issue is not 1927), else of the century nearest the years it holds, else as year_of reads it."""
        y = int(said)
        if y >= 100:
            return y
        years = self._years()
        held = {c + y for c in (1900, 2000)} & set(years)
        if held:
            return max(held)
        if years:
            # (a year the index lacks, 「28年」 beside issues of 2029: the century nearest what it holds)
            return min((c + y for c in (1900, 2000)), key=lambda v: min(abs(v - h) for h in years))
        return year_of(said)

    def _years(self) -> list[int]:
        ys = {int(m[:4]) for m in self.data_months} | {b.year for b in self.bulletins}
        return sorted(ys)

    def _issues_of_month(self, ym: str) -> tuple[str, ...]:
        """Issues whose figures describe ym, or that were published in ym; an issue without figures (news
        only) also reports the month before it was published (「4月份…」 in an issue of 24 May): its
        news is addressable by that month, its data month is still not guessed."""
        return tuple(
            b.issue
            for b in self.bulletins
            if b.data_month == ym
            or b.published[:7] == ym
            or (not b.data_month and b.published and self.before_month(b.published[:7]) == ym)
        )

    def _month(self, year: str | None, mon: int) -> tuple[str, str]:
        """(YYYY-MM, how it was said): a month without a year is the latest year that has it."""
        if year:
            return f"{self.year(year):04d}-{mon:02d}", f"{self.year(year)}年{mon}月"
        for pool in (self.data_months, [b.published[:7] for b in self.bulletins if b.published]):
            same = sorted(m for m in pool if int(m[5:7]) == mon)
            if same:
                return same[-1], f"{mon}月"
        y = self._years()[-1] if self._years() else 0
        return f"{y:04d}-{mon:02d}", f"{mon}月"

    # -- reading ------------------------------------------------------------------------------------
    def read(self, text: str) -> Scope:
        """Every scope mention in normalised text, resolved; `rest` has them blanked."""
        chars = list(text)
        found: list[Mention] = []

        def take(m: re.Match, mention: Mention) -> None:
            found.append(mention)
            for i in range(m.start(), m.end()):
                chars[i] = " "

        # 「2012年第4期里一季度例会」: a half or quarter (今年 too) is of the one year the question names.
        named_years = {
            self.year(m.group(1))
            for shape, pattern in SHAPES
            if shape in ("issue", "month", "published", "year")
            for m in pattern.finditer(text)
            if m.group(1)
        }
        own_year = named_years.pop() if len(named_years) == 1 else None
        # the months said with that year: 「12月…比2018年12月」 compares two Decembers, the bare one is not 2018's
        dated = {small_int(m.group(2)) for m in dict(SHAPES)["month"].finditer(text) if m.group(1)}
        for word, kind, arg in relative_words():
            start = "".join(chars).find(word)
            while start >= 0:
                end = start + len(word)
                # 「2012年一季度」: a half or quarter of the year named right before it, not of the latest.
                year = (
                    SHAPES[-1][1].search("".join(chars)[max(0, start - 7) : start])
                    if kind == "half"
                    else None
                )
                if year and year.end() == min(start, 7):
                    start -= len(year.group(0))
                explicit = (
                    self.year(year.group(1)) if year else own_year if kind in ("half", "year") else None
                )
                mention = self._relative(word, kind, arg, start, end, explicit)
                if mention is not None:
                    found.append(mention)
                    chars[start:end] = " " * (end - start)
                start = "".join(chars).find(word, end)
        for shape, pattern in SHAPES:
            for m in pattern.finditer("".join(chars)):
                # 「2022年7月…比6月多了多少」: a month said without a year is of the one year the question names
                if shape == "month":
                    mention = self._read_month(m, own_year if small_int(m.group(2)) not in dated else None)
                else:
                    mention = getattr(self, "_read_" + shape)(m)
                if mention is not None:
                    take(m, mention)
        found.sort(key=lambda x: x.start)
        return Scope(tuple(found), "".join(chars))

    def _relative(
        self, word: str, kind: str, arg: str, start: int, end: int, year: int | None = None
    ) -> Mention | None:
        if kind == "prev":
            return Mention(Kind.PREV, word, start, end, back=int(arg or 1))
        if kind == "recent":  # 近几个月: the last few months indexed
            months = tuple(self.data_months[-int(arg) :])
            issues = tuple(dict.fromkeys(i for x in months for i in self._issues_of_month(x)))
            return Mention(Kind.RECENT, word, start, end, months, issues, word)
        if kind == "latest":
            latest = self.bulletins[-1] if self.bulletins else None
            return Mention(
                Kind.LATEST,
                word,
                start,
                end,
                (latest.data_month,) if latest and latest.data_month else (),
                (latest.issue,) if latest else (),
            )
        if kind in ("year", "half"):
            years = self._years()
            if not years:
                return None
            year = (year or years[-1]) - int(arg.split(":")[0] or 0)
            if kind == "year":
                return self._year_mention(year, word, start, end)
            a, b = (int(x) for x in arg.split(":")[1].split("-"))
            return self._span(year, a, b, word, start, end)
        return None

    def _year_mention(self, year: int, said: str, start: int, end: int) -> Mention:
        months = tuple(m for m in self.data_months if m.startswith(f"{year:04d}-"))
        issues = tuple(
            b.issue for b in self.bulletins if b.year == year or b.data_month.startswith(f"{year:04d}")
        )
        return Mention(Kind.YEAR, said, start, end, months, issues, f"{year}年")

    def _span(self, year: int, a: int, b: int, said: str, start: int, end: int) -> Mention:
        span = [f"{year:04d}-{x:02d}" for x in range(a, b + 1)]
        months = tuple(x for x in span if x in self.data_months)
        issues = tuple(dict.fromkeys(i for x in months for i in self._issues_of_month(x)))
        return Mention(Kind.RANGE, said, start, end, months, issues, f"{year}年{a}月至{b}月", tuple(span))

    def _read_range(self, m: re.Match) -> Mention | None:
        a, b = small_int(m.group(2)), small_int(m.group(4))
        if a is None or b is None or not 1 <= a < b <= 12:
            return None
        year = m.group(1) or m.group(3)
        y = self.year(year) if year else int(self._month(None, b)[0][:4])
        return self._span(y, a, b, m.group(0), m.start(), m.end())

    def _read_pair(self, m: re.Match) -> Mention | None:
        """「4、5两个月」「1和2月」: two months, not the span between them."""
        a, b = small_int(m.group(2)), small_int(m.group(4))
        if a is None or b is None or not (1 <= a <= 12 and 1 <= b <= 12) or a == b:
            return None
        # 「2015年7月和2021年2月」: each its own year; 「2月和3月」 one year for both
        ya, _ = self._month(m.group(1) or m.group(3), a)
        yb, _ = self._month(m.group(3) or m.group(1) or ya[:4], b)
        months = tuple(x for x in (ya, yb) if x in self.data_months)
        issues = tuple(dict.fromkeys(i for x in months for i in self._issues_of_month(x)))
        asked = f"{month_label(ya)}和{month_label(yb)}"
        return Mention(
            Kind.MONTH, m.group(0), m.start(), m.end(), months if len(months) == 2 else (), issues, asked
        )

    def _read_first(self, m: re.Match) -> Mention | None:
        """「前4个月」 (like 前三季度): the first months of the year, not the last ones indexed."""
        n = small_int(m.group(2))
        if not n or not 2 <= n <= 12:
            return None
        y = self.year(m.group(1)) if m.group(1) else int((self.data_months or ["0000"])[-1][:4])
        return self._span(y, 1, n, m.group(0), m.start(), m.end())

    def _read_recent(self, m: re.Match) -> Mention | None:
        n = small_int(m.group(1))
        if not n:
            return None
        months = tuple(self.data_months[-n:])
        issues = tuple(dict.fromkeys(i for x in months for i in self._issues_of_month(x)))
        return Mention(Kind.RECENT, m.group(0), m.start(), m.end(), months, issues, f"近{n}个月")

    def _read_published(self, m: re.Match) -> Mention | None:
        mon = small_int(m.group(2))
        if mon is None or not 1 <= mon <= 12:
            return None
        if m.group(1):
            ym = f"{self.year(m.group(1)):04d}-{mon:02d}"
        else:
            pubs = sorted(
                b.published[:7] for b in self.bulletins if b.published and int(b.published[5:7]) == mon
            )
            ym = pubs[-1] if pubs else self._month(None, mon)[0]
        hits = [b for b in self.bulletins if b.published[:7] == ym]
        return Mention(
            Kind.PUBLISHED,
            m.group(0),
            m.start(),
            m.end(),
            tuple(b.data_month for b in hits if b.data_month),
            tuple(b.issue for b in hits),
            f"{month_label(ym)}出版的简报",
        )

    def _read_published_pair(self, m: re.Match) -> Mention | None:
        """「4月跟9月两期」: each month's issue (both must exist, or neither is answered)."""
        issues: list[str] = []
        months: list[str] = []
        labels: list[str] = []
        for g in (1, 3):
            year = m.group(g) or m.group(4 - g)  # 「2028年4月跟9月两期」: one year for both
            said = (f"{year}年" if year else "") + f"{m.group(g + 1)}月的那期"
            one = dict(SHAPES)["published"].fullmatch(said)
            got = self._read_published(one) if one else None
            if got is None or not got.issues:
                return Mention(Kind.PUBLISHED, m.group(0), m.start(), m.end(), (), (), m.group(0))
            issues += got.issues
            months += got.months
            labels.append(got.asked)
        return Mention(
            Kind.PUBLISHED, m.group(0), m.start(), m.end(), tuple(months), tuple(issues), "、".join(labels)
        )

    def _read_issue(self, m: re.Match) -> Mention | None:
        said = m.group(0)
        n = small_int(m.group(2) or m.group(3))
        if n is None:
            return None
        running = "总" in said or (n > 24 and not m.group(1))
        if running:
            b = self._by_running.get(n)
            hits = [b] if b else []
            asked = f"总第{n}期"
        elif m.group(1):
            hits = [b for b in self.bulletins if b.year == self.year(m.group(1)) and b.number == n]
            asked = f"{self.year(m.group(1))}年第{n}期"
        else:
            same = [b for b in self.bulletins if b.number == n]
            hits = same[-1:]
            asked = f"第{n}期"
        year = self.year(m.group(1)) if m.group(1) else None
        if not hits and not running and (b := self._by_running.get(n)) and year in (None, b.year):
            # 「06年第14期」 where 2006's issue is 第11期, 总第14期: staff say the running number without 总
            hits, asked = [b], f"总第{n}期"
        return Mention(
            Kind.ISSUE,
            said,
            m.start(),
            m.end(),
            tuple(b.data_month for b in hits if b.data_month),
            tuple(b.issue for b in hits),
            asked,
        )

    def _read_month(self, m: re.Match, own_year: int | None = None) -> Mention | None:
        mon = small_int(m.group(2))
        if mon is None or not 1 <= mon <= 12:
            return None
        year = m.group(1) or (str(own_year) if own_year else None)
        ym, asked = self._month(year, mon)
        if not m.group(1):
            asked = f"{mon}月" if not own_year else asked
        months = (ym,) if ym in self.data_months else ()
        issues = self._issues_of_month(ym)
        return Mention(Kind.MONTH, m.group(0), m.start(), m.end(), months, issues, asked, (ym,))

    def _read_year(self, m: re.Match) -> Mention | None:
        return self._year_mention(self.year(m.group(1)), m.group(0), m.start(), m.end())
