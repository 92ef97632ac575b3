"""One question in its context: the text to read, the turn before it, and the issues it may be answered
from. Every answerer reads the same `Context`, so the scope is decided once.

Scope (qa/scope.py) names issues in two ways: by the issue itself (第3期, 总第45期, 「3月出的那期」, 这期)
and by period (a month, a range, a year). An issue named is where the answer comes from; a period
narrows it (「总第46期里3月份…」) or, alone, gives every issue of that period. A month named is also
content: the figures of a statistical paragraph of another month are not that month's.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from dataclasses import replace as _replace

from qa.lexicon import normalize
from qa.scope import SHAPES, Calendar, Kind, Scope, small_int
from qa.words import words

ISSUE_KINDS = (Kind.ISSUE, Kind.PUBLISHED, Kind.LATEST, Kind.PREV)
MONTH_KINDS = (Kind.MONTH,)


@dataclass
class Context:
    question: str  # as cleaned, for the Answer
    text: str  # normalised; a bare follow-up (「那第4期呢？」) is completed with the question before it
    own: str  # normalised, this question's words only (what it asks for is read from them first)
    own_rest: str  # the same without its scope words
    history: list[dict]
    prev: str  # the previous user question, normalised ("" when none)
    answered: str  # the previous answer ("" when none): who 「他」 is
    scope: Scope
    issues: tuple[str, ...] = ()  # answer only from these (newest first); () = any issue
    months: tuple[
        str, ...
    ] = ()  # months (YYYY-MM) named: 「2012年3月…」 (not 「一季度」); figures of others are not it
    inherited: bool = False  # the issues come from the previous question
    followup: bool = False  # text was completed with the previous question
    notes: dict = field(default_factory=dict)  # what one answerer leaves for a later one (a table refusal)
    # years or months the index lacks that the question reads as words (「2023年度…测评结果」): content,
    # so no answer may be about them alone (「2013年讲了啥」 is a period with no issue)
    worded: tuple[str, ...] = ()

    @property
    def rest(self) -> str:
        """The question without its scope words."""
        return self.scope.rest

    @property
    def missing(self) -> list[str]:
        return self.scope.missing


def resolve(
    cal: Calendar, scope: Scope, prev_issues: tuple[str, ...] = ()
) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(issues, months) a scope names: issues named, narrowed by the periods named when they overlap;
    or every issue of the periods named."""
    named: set[str] = set()
    periods: set[str] = set()
    has_named = has_period = False
    explicit = any(m.kind in (Kind.ISSUE, Kind.PUBLISHED) for m in scope.mentions)
    for m in scope.mentions:
        if m.kind is Kind.LATEST and explicit:
            continue  # 「第162期简报本期共印多少份」: 本期 is the issue named
        if m.kind in (Kind.LATEST, Kind.PREV):
            has_named = True
            base = list(prev_issues) or [cal.latest_issue]
            if m.kind is Kind.LATEST:
                named |= set(base)
            else:
                order = [b.issue for b in cal.bulletins]
                at = min((order.index(i) for i in base if i in order), default=0)
                named |= {order[at - 1]} if at > 0 else set()
        elif m.kind in ISSUE_KINDS:
            has_named = True
            named |= set(m.issues)
        else:
            has_period = True
            periods |= set(m.issues)
    chosen = periods
    if has_named:
        chosen = named & periods if has_period and named & periods else named
    order = [b.issue for b in reversed(cal.bulletins)]
    issues = tuple(i for i in order if i in chosen)
    months = tuple(dict.fromkeys(ym for m in scope.mentions if m.kind in MONTH_KINDS for ym in m.span))
    return issues, months


def printed_as_words(corpus: str, said: str) -> bool:
    """The bulletins print this year or month as words of their own (「2023年度…测评结果」), not only as
    the end of a range (「三年行动计划(2010-2012年)」, which says nothing happened in 2012)."""
    # a range is a figure, a dash or 至, then the year (截至10月 is no range)
    return re.search(r"(?<!\d[-—–~～至到])(?<!\d)" + re.escape(said), corpus) is not None


def names_issue(text: str, end: int) -> bool:
    """The words after a period name issues of it (「2013年的简报」「2013年那期」): the period is where the
    answer comes from, never a word the answer speaks of."""
    after = text[end:].lstrip()
    after = after[1:] if after.startswith("的") else after
    return after.startswith(words("issue_noun"))


def as_words(scope: Scope, text: str, printed: Callable[[str], bool]) -> Scope:
    """A year or month the index lacks that the bulletins print as words (「2023年度…测评结果」) is what
    the question is about, not its scope: it goes back into the text — unless the question names issues
    of it (「2013年的简报」), which no bulletin indexed is."""
    keep = [m for m in scope.mentions if m.missing and printed(m.said) and not names_issue(text, m.end)]
    if not keep:
        return scope
    rest = list(scope.rest)
    for m in keep:
        rest[m.start : m.end] = text[m.start : m.end]
    return Scope(tuple(m for m in scope.mentions if m not in keep), "".join(rest))


def numbered_things(corpus: str) -> list[tuple[int | None, str]]:
    """What the bulletins number in editions (「第二期卫生统计信息人员培训班」「第一期工程」): the number and
    the words their text prints right after a 第N期 that go on into a thing — not a masthead's 第N期 (总第…)."""
    issue = dict(SHAPES)["issue"]
    out = []
    for m in issue.finditer(corpus):
        if "第" not in m.group(0):
            continue  # 「分5期举办…培训」「再举办3期培训班」: how many sessions, no edition of anything
        nxt = corpus[m.end() : m.end() + 20]
        if nxt[:1] and "\u4e00" <= nxt[0] <= "\u9fff" and not nxt.startswith(("总", *words("issue_noun"))):
            out.append((_edition(m.group(0)), nxt))
    return out


def _edition(said: str) -> int | None:
    """N of 第N期 (二 of 「第二期」, 6 of 「98年第6期」), from what the issue shape matched."""
    at = said.find("第")
    return small_int(said[at + 1 : said.rfind("期")].strip()) if at >= 0 else None


def as_editions(cal: Calendar, scope: Scope, text: str, things: list[tuple[int | None, str]]) -> Scope:
    """「06年第二期统计信息人员培训班」: a 第N期 followed by a thing the bulletins number in editions is
    that thing's edition — words the passage must print — not an issue; a year said with it stays scope."""
    moved = []
    for m in scope.mentions:
        if m.kind is not Kind.ISSUE or "总" in m.said or names_issue(text, m.end):
            continue
        after = text[m.end :].lstrip("的 ")[:6]
        # (of another number than one printed, four characters of the thing in common: 「第6期 计算机会议」 is no
        # edition of 「第二期卫生统计人员计算机培训班」, 「第二期计算机培训班」 and 「第三期数据安全培训班」 are)
        n = _edition(m.said)
        if any(
            (k == n and after[a : a + 3] in p) or (a + 4 <= len(after) and after[a : a + 4] in p)
            for k, p in things
            for a in range(len(after) - 2)
        ):
            moved.append(m)
    if not moved:
        return scope
    rest = list(scope.rest)
    mentions = [m for m in scope.mentions if m not in moved]
    for m in moved:
        at = m.said.find("第")
        rest[m.start + at : m.end] = text[m.start + at : m.end]
        years = cal.read(m.said[:at]).mentions if at > 0 else ()
        mentions += [_replace(y, start=m.start + y.start, end=m.start + y.end) for y in years]
    return Scope(tuple(sorted(mentions, key=lambda m: m.start)), "".join(rest))


LOOK_BACK = 5  # user turns a follow-up's scope is looked for in, the last one included


def read(
    cal: Calendar,
    question: str,
    text: str,
    history: list[dict],
    elliptical: Callable[[str], bool],
    printed: Callable[[str], bool] = lambda said: False,
    things: list[tuple[int | None, str]] | None = None,
) -> Context:
    """The context of a question: its scope, or the previous question's when it names none, and for a
    bare follow-up (`elliptical(rest)`: it says too little of its own, or 「他」 refers back) the previous
    question completed with what this one changes."""
    prev = next((normalize(t["content"]) for t in reversed(history) if t["role"] == "user"), "")
    answered = next((normalize(t["content"]) for t in reversed(history) if t["role"] == "assistant"), "")
    own = text
    read_as = cal.read(text)
    scope = as_editions(cal, as_words(read_as, text, printed), text, things or [])
    worded = tuple(m.said for m in read_as.mentions if m not in scope.mentions)
    own_rest = scope.rest
    followup = False
    pscope = cal.read(prev) if prev else None
    if pscope is not None and elliptical(scope.rest):
        said = " ".join(m.said for m in scope.mentions)
        if scope.mentions:
            # 「那第4期呢？」 after 「2012年第3期是哪天出的」: the same question of 2012年第4期.
            years = [m.said.split("年")[0] + "年" for m in pscope.mentions if "年" in m.said]
            if years and all("年" not in m.said for m in scope.mentions):  # 「那16年那期呢」 names its own
                said = years[0] + said
            text = f"{said} {pscope.rest} {scope.rest}"
        else:
            text = f"{prev} {scope.rest}"
        scope = as_editions(cal, as_words(cal.read(text), text, printed), text, things or [])
        followup = True
    prev_issues: tuple[str, ...] = ()
    if pscope is not None:
        # 「印了几份」 after 「哪天出的」 after 「2005年第8期是总第几期」: a question before that names no scope
        # is in the scope of the one before it
        for turn in reversed([t for t in history if t["role"] == "user"][-LOOK_BACK:-1]):
            if pscope.mentions:
                break
            pscope = _replace(pscope, mentions=cal.read(normalize(turn["content"])).mentions)
        prev_issues, prev_months = resolve(cal, pscope)
    issues, months = resolve(cal, scope, prev_issues)
    inherited = False
    if pscope is not None and not scope.mentions and prev_issues:
        issues, months, inherited = prev_issues, prev_months, True  # a follow-up stays in its issue
    return Context(
        question,
        text,
        own,
        own_rest,
        history,
        prev,
        answered,
        scope,
        issues,
        months,
        inherited,
        followup,
        worded=worded,
    )
