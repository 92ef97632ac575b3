"""qa/arith.py: a question of two things' figures split into one question per thing (pure functions)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from qa.arith import combine, figure, split
from qa.lexicon import normalize


@pytest.mark.parametrize(
    ("question", "op", "first", "second", "counter"),
    [
        (
            "99年市里培训班和高淳县培训班加起来培训了多少人",
            "sum",
            "99年市里培训班培训了多少人",
            "99年高淳县培训班培训了多少人",
            "人",
        ),
        # two editions of one thing said one after the other
        ("99年城域网一期二期总共投资多少", "sum", "99年城域网一期投资多少", "99年城域网二期投资多少", ""),
        # the first thing said short, as the second begins
        (
            "99年那期门诊收费和住院收费子系统上线的医院数一共多少",
            "sum",
            "99年那期门诊收费子系统上线的医院数多少",
            "99年住院收费子系统上线的医院数多少",
            "",
        ),
        # a second thing said only by when: the first's thing then, in the year said first
        (
            "99年城域网建成后接入医院比6月底要多多少家",
            "diff",
            "99年城域网建成后接入医院多少家",
            "99年6月底接入医院多少家",
            "家",
        ),
        # each thing with its own year keeps it
        ("98年培训班比99年培训班多几人", "diff", "98年培训班几人", "99年培训班几人", "人"),
    ],
)
def test_two_things_are_asked_apart(question, op, first, second, counter):
    sp = split(normalize(question))
    assert sp is not None
    assert (sp.op, sp.first, sp.second, sp.counter) == (op, first, second, counter)


@pytest.mark.parametrize(
    "question",
    ["99年培训班培训了多少人", "99年培训班一共培训了多少人", "99年培训班和座谈会在哪开的", "一共几期"],
)
def test_one_thing_or_no_figure_is_no_split(question):
    assert split(normalize(question)) is None


@pytest.mark.parametrize(
    ("text", "counter", "question", "expected"),
    [
        (
            "据1999年第4期《培训班结业》：各医院财务人员共60人参加培训。",
            "人",
            "",
            (Decimal(60), "人", "60人"),
        ),
        ("据…：工程总投资200万元，计划于5月份进行设备招标。", "", "", (Decimal(200), "万元", "200万元")),
        # of several, the one beside the thing counted
        (
            "据…：截至6月底，已接入医院41家、社区卫生服务中心108家。",
            "家",
            "接入医院多少家",
            (Decimal(41), "家", "41家"),
        ),
        ("据…：截至6月底，已接入医院41家、社区卫生服务中心108家。", "家", "", None),
        ("据…：3月15日至26日检查了医院。", "", "", None),  # dates are no figures
    ],
)
def test_the_one_figure_of_an_answer(text, counter, question, expected):
    assert figure(text, counter, question) == expected


def test_figures_combine_in_one_unit_only():
    a, b = (Decimal(58), "家", "58家"), (Decimal(41), "家", "41家")
    assert combine("diff", a, b) == "多 17家（58家 − 41家 = 17家）。"
    assert combine("sum", a, b) == "合计 99家（58家 + 41家 = 99家）。"
    assert combine("sum", a, (Decimal(41), "人", "41人")) is None
