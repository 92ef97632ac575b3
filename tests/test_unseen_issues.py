"""Overview, why, list, who-with-role, masthead-of-any-issue and paragraph-arithmetic questions on
bulletins the code was not written for: blind round X3's 2014 and 2019 issues (tests/fixtures/blind_x3),
written blind and first seen by the code at its first contact (see tests/eval/LEDGER.md)."""

from __future__ import annotations

import pytest


def ask(engine, q, history=()):
    return engine.ask(q, list(history))


@pytest.mark.parametrize(
    ("q", "wants", "forbid"),
    [
        # overviews: the articles of the issue named, not another's
        (
            "2014年第11期讲了啥",
            ["区域卫生信息平台二期", "电子病历推广应用", "信息安全专项检查"],
            ["互联网医院"],
        ),
        ("总第130期有哪些新闻？", ["互联网医院", "电子健康卡", "5G"], ["电子病历推广应用现场推进会"]),
        ("2019年2月简报里关于5G的报道", ["5G智慧医疗"], ["电子健康卡正式上线"]),
        # why and what for, with or without the word 原因
        ("2014年11月那期，为啥要启动平台二期工程？", ["发挥平台作用"], []),
        ("2014年11月那期里 有些医院电子病历推得慢，为啥", ["技术人员不足"], []),
        ("2014年11月那期的统计人员培训班，目的是啥", ["提高基层卫生统计数据质量"], []),
        # lists, whole
        (
            "总第77期说区域卫生信息平台二期主要包括哪几个方面？",
            ["电子病历共享调阅", "检验检查结果互认", "数据质量监控"],
            [],
        ),
        (
            "2019年第2期里2019年信息化工作主要包括哪几个方面",
            ["智慧医院", "互联网医院", "电子健康卡", "大数据"],
            [],
        ),
        # who, with the title asked
        ("2014年第11期 电子病历推进会上是谁通报的推广情况", ["孙海燕"], ["周立新"]),
        ("2019年第2期 信息化工作会上卫健委哪位副主任讲的话？", ["徐峰"], ["刘雯"]),
        ("2014年第11期 中心主任带队去哪考察了", ["杭州", "宁波"], ["孙海燕"]),
        # the masthead of any issue
        ("2014年第11期印了多少份", ["200份"], ["230", "200 份"]),  # a figure and its counter, together
        ("2014年11期的责任编辑是谁？", ["吴晓梅"], ["陈颖"]),
        ("总第130期是哪天出的？", ["2019年2月25日"], []),
        ("2019年第2期总第几期啊", ["130"], []),
        # which holder of a title; what someone did
        ("2014年第11期 信息安全检查是哪个科长带队的", ["赵磊"], ["周立新"]),
        ("2019年第2期 大数据培训班是哪个科长主持的", ["郑宏"], ["陈志刚"]),
        ("2014年11月那期 医政处处长干啥了", ["李明华出席会议并讲话"], ["孙海燕"]),
        # a slip of one character, read as printed
        ("2019年第2期 电子建康卡申领了多少人", ["8.6万名"], []),
        ("2019年第2期 智汇医院评估首批多少家医院参加", ["32家"], []),
        # a topic no headline carries: the articles whose text does
        ("2014年第11期 检验结果互认方面有啥", ["15家市属医院"], ["赵磊"]),
        ("2019年第2期 信息化数据安全讲了些啥", ["强化数据安全管理"], ["郑宏"]),
        ("2019年第2期 互联网医院有啥新进展", ["218名医生"], ["5G急救车"]),
    ],
)
def test_answers_on_unseen_issues(unseen_engine, q, wants, forbid):
    a = ask(unseen_engine, q)
    assert a.found, a.text
    assert all(w in a.text for w in wants) and not any(f in a.text for f in forbid), a.text


@pytest.mark.parametrize(
    "q",
    [
        "2019年第2期责任编辑是谁",  # only the 2014 issue and the 2025 seed print one
        "总第130期印了多少份？",
        "2016年的简报里区域平台有啥新进展",
        "2014年第11期里孙海燕副主任去杭州考察时说了啥",  # the 主任 went
        "2019年第2期里CHITEC大会在哪开的",  # only the 2025 issue says
        "2014年第11期 有几家医院通过了电子病历五级",  # 四级 only
        "2014年第11期 市卫生局主任是谁",  # 主任 of the 中心, 处长 of the 局
        "2019年第2期 互联网医院配送了多少单药",  # no count of orders
        "2019年第2期 疫情防控讲了些啥",  # its 电子健康码 is the health card's, no epidemic
    ],
)
def test_refusals_on_unseen_issues(unseen_engine, q):
    a = ask(unseen_engine, q)
    assert not a.found, a.text


def test_paragraph_figures_of_an_unseen_issue_are_stored(unseen_engine):
    """「1月份，南京12320卫生热线共受理来电31568个，其中咨询类9826个…」 of the 2019 issue: January's cells."""
    facts = {f.column: f.raw for f in unseen_engine.index.store.facts(month="2019-01")}
    assert facts["受理来电"] == "31568" and facts["咨询类"] == "9826" and facts["省12345工单"] == "904"
    assert unseen_engine.calendar.month_of("2019年第2期") == "2019-01"
    assert unseen_engine.calendar.month_of("2014年第11期") == ""  # news only: no month guessed


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("2019年1月12320热线咨询类和投诉类加起来一共多少个？", "10953"),
        ("12320热线2019年1月的来电量比2025年6月多了多少？", "4558"),
    ],
)
def test_paragraph_arithmetic_on_unseen_issues(unseen_engine, q, want):
    """Computed by the table path over paragraph cells (the text path refuses arithmetic)."""
    a = ask(unseen_engine, q)
    assert a.found and a.route == "table" and want in a.text, a.text
