"""Scope mentions (months, ranges, issues, publication months, years, relative words) resolved against
an index's calendar: pure functions, parametrised."""

from __future__ import annotations

import pytest

from qa.lexicon import normalize
from qa.scope import Bull, Calendar, Kind

CAL = Calendar(
    [
        Bull("2012年第3期", 2012, 3, 45, "2012-03-20", ""),
        Bull("2012年第4期", 2012, 4, 46, "2012-04-18", "2012-03"),
        Bull("2025年第7期", 2025, 7, 161, "2025-07-28", "2025-06"),
        Bull("2025年第8期", 2025, 8, 162, "2025-08-26", "2025-07"),
    ],
    ["2012-02", "2012-03", "2025-06", "2025-07"],
)


@pytest.mark.parametrize(
    ("q", "kind", "months", "issues", "rest"),
    [
        ("6月省人医门诊", Kind.MONTH, ["2025-06"], ["2025年第7期"], "省人医门诊"),
        ("2012年3月热线", Kind.MONTH, ["2012-03"], ["2012年第3期", "2012年第4期"], "热线"),
        ("3月热线", Kind.MONTH, ["2012-03"], ["2012年第3期", "2012年第4期"], "热线"),
        ("6到7月", Kind.RANGE, ["2025-06", "2025-07"], ["2025年第7期", "2025年第8期"], ""),
        ("近两个月", Kind.RECENT, ["2025-06", "2025-07"], ["2025年第7期", "2025年第8期"], ""),
        ("第161期鼓楼", Kind.ISSUE, ["2025-06"], ["2025年第7期"], "鼓楼"),
        ("161期", Kind.ISSUE, ["2025-06"], ["2025年第7期"], ""),
        ("总第45期哪天出的", Kind.ISSUE, [], ["2012年第3期"], "哪天出的"),
        ("2012年第3期讲了啥", Kind.ISSUE, [], ["2012年第3期"], "讲了啥"),
        ("第三期", Kind.ISSUE, [], ["2012年第3期"], ""),
        ("8月出的那期", Kind.PUBLISHED, ["2025-07"], ["2025年第8期"], ""),
        ("2012年3月的简报讲了什么", Kind.PUBLISHED, [], ["2012年第3期"], "讲了什么"),
        ("2012年的热线", Kind.YEAR, ["2012-02", "2012-03"], ["2012年第3期", "2012年第4期"], "的热线"),
        ("今年上半年", Kind.RANGE, ["2025-06"], ["2025年第7期"], ""),
        ("这期讲了什么", Kind.LATEST, ["2025-07"], ["2025年第8期"], "讲了什么"),
        # two-digit years where a month or an issue follows, or at the start of the question
        ("12年3月热线", Kind.MONTH, ["2012-03"], ["2012年第3期", "2012年第4期"], "热线"),
        ("12年第3期讲了啥", Kind.ISSUE, [], ["2012年第3期"], "讲了啥"),
        ("12年社区系统", Kind.YEAR, ["2012-02", "2012-03"], ["2012年第3期", "2012年第4期"], "社区系统"),
        # a quarter of the year named before it, not of the latest year
        ("2012年一季度例会", Kind.RANGE, ["2012-02", "2012-03"], ["2012年第3期", "2012年第4期"], "例会"),
    ],
)
def test_mentions_resolve_against_the_index(q, kind, months, issues, rest):
    scope = CAL.read(normalize(q))
    assert [m.kind for m in scope.mentions] == [kind]
    assert scope.months == months and scope.issues == issues
    assert scope.rest.strip() == rest and not scope.missing


@pytest.mark.parametrize(
    ("q", "missing"),
    [
        ("2017年6月的热线", ["2017年6月"]),  # a year the index does not hold: never 2025年6月
        ("5月热线", ["5月"]),
        ("2024年江宁", ["2024年"]),
        ("总第99期", ["总第99期"]),
        ("9月出的那期", ["2025年9月出版的简报"]),
    ],
)
def test_what_is_not_indexed_is_missing(q, missing):
    scope = CAL.read(normalize(q))
    assert scope.missing == missing and not scope.months and not scope.issues


@pytest.mark.parametrize(
    "q", ["区域卫生信息平台二期", "7月17日至20日", "3月20日的会", "12320热线", "0/12", "近10年的变化"]
)
def test_words_that_are_not_scope(q):
    scope = CAL.read(normalize(q))
    assert scope.mentions == () and scope.rest == normalize(q)


def test_relative_words_and_calendar_helpers():
    scope = CAL.read(normalize("那上个月呢"))
    assert scope.prev and not scope.explicit and scope.rest == "那   呢"
    # the calendar month before, when indexed: 「上个月」 of 2025年6月 is never 2012年3月
    assert CAL.before("2025-07") == "2025-06" and CAL.before("2012-03") == "2012-02"
    assert CAL.before("2025-06") == "" and CAL.before("2012-02") == ""
    year_ago = CAL.read(normalize("去年同期呢"))
    assert year_ago.prev and year_ago.back == 12 and CAL.read(normalize("上个月呢")).back == 1
    assert CAL.latest_month == "2025-07" and CAL.latest_issue == "2025年第8期"


def test_months_named_are_kept_even_when_not_indexed():
    """A month with no figures still says which month was meant (a sentence naming another is not it)."""
    [m] = CAL.read(normalize("2025年8月的热线")).mentions  # no figures of August; an issue published then
    assert (m.kind, m.months, m.issues, m.span) == (Kind.MONTH, (), ("2025年第8期",), ("2025-08",))
    [r] = CAL.read(normalize("6到7月")).mentions
    assert r.span == ("2025-06", "2025-07")


def test_relative_words_take_the_year_the_question_names():
    scope = CAL.read(normalize("2012年第4期里一季度例会"))
    assert [m.kind for m in scope.mentions] == [Kind.ISSUE, Kind.RANGE]
    assert scope.mentions[1].span == ("2012-01", "2012-02", "2012-03") and not scope.missing
    assert CAL.read(normalize("一季度例会")).missing == ["2025年1月至3月"]  # no year named: the latest


@pytest.mark.parametrize(
    ("q", "months"),
    [
        # each month of a pair takes the year printed with it, not the first one's
        ("2012年3月和2025年6月的热线", ["2012-03", "2025-06"]),
        ("2025年6月跟2012年2月比", ["2025-06", "2012-02"]),
        ("12年2月与25年7月", ["2012-02", "2025-07"]),
        ("2025年6月和7月", ["2025-06", "2025-07"]),  # the second without a year takes the first's
    ],
)
def test_a_pair_of_months_keeps_each_ones_year(q, months):
    scope = CAL.read(normalize(q))
    assert scope.months == months and not scope.missing


@pytest.mark.parametrize(
    ("q", "months", "span_end"),
    [
        ("前4个月的热线", [], "2025-04"),  # the first months of the latest year: none indexed, never 近4个月
        ("2012年前3个月热线", ["2012-02", "2012-03"], "2012-03"),
        ("2025年前七个月", ["2025-06", "2025-07"], "2025-07"),
    ],
)
def test_the_first_months_of_a_year_are_not_the_latest_months(q, months, span_end):
    scope = CAL.read(normalize(q))
    [m] = scope.mentions
    assert m.kind == Kind.RANGE and scope.months == months
    assert m.span[0].endswith("-01") and m.span[-1] == span_end


@pytest.mark.parametrize(
    ("corpus", "said", "printed"),
    [
        ("公布2023年度电子病历评级结果", "2023年", True),
        ("三年行动计划(2010-2012年)", "2012年", False),  # the end of a range says nothing of 2012
        ("规划(2016—2020年)和2020年工作要点", "2020年", True),
        ("2019至2021年建设方案", "2021年", False),
    ],
)
def test_a_year_printed_only_as_the_end_of_a_range_is_scope_not_words(corpus, said, printed):
    from qa.context import printed_as_words

    assert printed_as_words(corpus, said) is printed


def test_a_month_after_截至_is_printed_as_words():
    from qa.context import printed_as_words

    assert printed_as_words("截至10月底，全市23家医院上线", "10月")


@pytest.mark.parametrize(
    ("q", "months"),
    [
        ("2025年7月比6月多了多少", [("7月", "2025-07"), ("6月", "2025-06")]),  # 6月 of the year named
        ("2012年3月比2月多了多少", [("3月", "2012-03"), ("2月", "2012-02")]),
        (
            "7月比2012年7月多了多少",
            [("7月", "2025-07"), ("7月", "2012-07")],
        ),  # two Julys: the bare one latest
    ],
)
def test_a_bare_month_is_of_the_one_year_the_question_names(q, months):
    scope = CAL.read(normalize(q))
    got = [(m.said[-2:] if len(m.said) > 2 else m.said, m.span[0]) for m in scope.mentions]
    assert [g[1] for g in got] == [ym for _, ym in months]


def test_a_news_only_issue_answers_for_the_month_before_it_was_published():
    """2012年第3期 (published 20 March 2012, no figures) reports on February: 「2012年2月…」 reaches its news;
    its data month is still not guessed."""
    m = CAL.read(normalize("2012年2月开了什么会")).mentions[0]
    assert "2012年第3期" in m.issues and CAL.month_of("2012年第3期") in ("", None)


@pytest.mark.parametrize("q", ["那12年那期呢", "12年的那期讲了啥"])
def test_a_two_digit_year_before_那期_is_a_year(q):
    assert [m.kind for m in CAL.read(normalize(q)).mentions] == [Kind.YEAR]
