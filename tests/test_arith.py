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


# -- arithmetic over one passage's figures (arith.within and the functions over its sentence) ----------


def test_within_reads_what_a_question_computes_from_one_passage():
    from qa.arith import within

    w = within("03年影像中心除了省级补助 其余几项加起来多少钱")
    assert (w.op, w.probe, w.things) == ("except", "03年影像中心省级补助多少钱", ("影像中心", "省级补助"))
    w = within("03年操作培训有几个人没考过")
    assert (w.op, w.probe, w.things, w.counter) == ("not", "03年操作培训有几个人考过", ("考过", "没"), "人")
    assert w.whole_probe == "03年操作培训多少人参加"
    w = within("远程会诊加影像诊断一共多少例", lambda s: ["远程", "会诊", "加", "影像", "诊断"])
    assert (w.op, w.things, w.counter) == ("sum", ("远程会诊", "影像诊断"), "例")
    assert within("取药时间少了多久").op == "change"
    # 参加 is no join; a negation of no count of people is no complement
    assert within("参加培训一共多少人", lambda s: ["参加", "培训"]) is None
    assert within("多少家医院没上线") is None


def test_figures_of_one_sentence():
    from qa.arith import except_within, sum_within

    sent = "截至5月底，中心累计完成远程会诊2.1万例、远程影像诊断980例。"
    assert sum_within(("中心远程会诊", "影像诊断"), sent, "例").startswith("合计 21980例")
    assert sum_within(("远程会诊", "远程心电诊断"), sent, "例") is None  # 心电 is not printed
    assert sum_within(("远程心电诊断", "远程会诊"), sent, "例") is None  # nor is it 影像诊断's 诊断
    money = "该项目总投资1.45亿元，其中省级补助资金5000万元、医院自筹9500万元。"
    assert except_within("该项目", "省级补助", money, "") == (
        "除省级补助外 9500万元（1.45亿元（即 14500万元） − 5000万元 = 9500万元）。"
    )
    assert except_within("该项目", "市财政", money, "") is None  # no figure of what is named


def test_those_who_did_not():
    from qa.arith import alike, attended_in, did_in, not_within

    did = did_in("上机考核后，79人考核合格，其余补考。", alike("考过", {"考过": ["考核合格", "合格"]}), "人")
    whole = attended_in("操作人员共86人参加培训。", "人")
    assert not_within("考过", "没", did, whole) == "没考过的 7人（86人 − 79人 = 7人）。"
    assert did_in("79人未考核合格。", ("考核合格",), "人") is None  # denied: not those who did
