"""The engine on older, news-only issues beside a current one: masthead fields of any issue, overviews,
scope that never crosses years, answers of the kind asked. Index: the blind round X1 bulletins (2012年第3期,
第4期) and the shipped 2025年第7期."""

from __future__ import annotations

import pytest

from qa import context
from qa.lexicon import normalize


def ask(engine, q, history=()):
    return engine.ask(q, list(history))


def turn(q: str, a: str = "…") -> list[dict]:
    return [{"role": "user", "content": q}, {"role": "assistant", "content": a}]


@pytest.mark.parametrize(
    ("q", "want", "not_in"),
    [
        ("总第45期哪天出的", "2012年3月20日", "2025"),
        ("2012年第3期是总第几期", "总第45期", "161"),
        ("2012年4月那期是总第几期？", "总第46期", "45期"),
        ("2012年第3期是谁编的", "南京市卫生信息中心", "2025"),
        ("总第45期印了多少份", "300份", "230"),
        ("2012年第4期的责任编辑是谁", "王晓燕", "陈颖"),
        ("2012年3月那期的刊名叫啥", "南京卫生信息化", "简报"),
        ("本期印了多少份", "230份", "300"),  # 本期: the latest issue
    ],
)
def test_masthead_of_any_issue(old_engine, q, want, not_in):
    a = ask(old_engine, q)
    assert a.found and want in a.text and not_in not in a.text, a.text
    assert a.sources and all(s.issue in a.text for s in a.sources)


@pytest.mark.parametrize(
    ("q", "said"),
    [("总第45期的责任编辑是谁", "没有刊印责任编辑"), ("2012年第4期印了多少份", "没有刊印本期印数")],
)
def test_a_field_the_issue_does_not_print_is_refused(old_engine, q, said):
    a = ask(old_engine, q)
    assert not a.found and said in a.text and "陈颖" not in a.text and "230" not in a.text


def test_masthead_follow_up_keeps_the_year(old_engine):
    a = ask(old_engine, "那第4期呢？", turn("2012年第3期是哪天出的", "2012年3月20日。"))
    assert a.found and "2012年4月18日" in a.text


@pytest.mark.parametrize(
    ("q", "missing"),
    [
        ("2011年第3期讲了啥", "2011年第3期"),
        ("2013年3月份12320热线受理了多少电话", "2013年3月"),
        ("2012年第5期是总第几期", "2012年第5期"),
        ("2017年6月12320热线心理危机干预多少通", "2017年6月"),
    ],
)
def test_scope_not_indexed_is_refused_with_what_exists(old_engine, q, missing):
    a = ask(old_engine, q)
    assert not a.found and missing in a.text
    # What exists: the issues (text path), or the months of the figures asked (table path).
    assert ("2012年第3期" in a.text and "2025年第7期" in a.text) or (
        "2012年3月" in a.text and "2025年6月" in a.text
    )
    assert "247" not in a.text and "27010" not in a.text  # never another year's figure


def test_overview_of_one_issue(old_engine):
    a = ask(old_engine, "2012年第3期讲了啥")
    assert a.found and len(a.text) < 700
    for headline in (
        "2012年全市卫生信息化工作会议召开",
        "区域卫生信息平台二期项目通过专家论证",
        "社区卫生信息系统操作培训班举办",
    ):
        assert headline in a.text
    assert "省卫生厅领导来我市调研" not in a.text and "CHITEC" not in a.text  # other issues


def test_overview_by_topic_lists_newest_first(old_engine):
    a = ask(old_engine, "2012年关于区域卫生信息平台的报道有哪些")
    assert a.found and len(a.text) < 700
    later = a.text.find("数据交换标准")  # 2012年第4期
    earlier = a.text.find("二期项目通过专家论证")  # 2012年第3期
    assert 0 <= later < earlier
    assert "信息安全专项检查" not in a.text  # an article whose headline does not carry the topic


@pytest.mark.parametrize(
    ("q", "wants", "forbid"),
    [
        # no headline carries the topic: the articles whose text does, with the sentences that carry it
        ("2012年第3期 数据备份方面有啥", ["信息安全专项检查", "异地数据备份"], ["二期项目", "鼓楼区"]),
        ("关于沈立新的报道", ["沈立新主持", "沈立新现场演示"], ["顾永康作了题为"]),  # news of a person
        # a headline carries it: the article, from its start
        ("2012年第3期 电子健康档案有啥新进展", ["鼓楼区正式试点上线", "12家社区卫生服务中心"], ["李红梅"]),
        # the words of the bulletins' own name (信息化) tell no article apart
        ("2012年第3期 信息化专家论证讲了些啥", ["二期项目通过专家论证"], ["马静"]),
    ],
)
def test_overview_of_a_topic(old_engine, q, wants, forbid):
    a = ask(old_engine, q)
    assert a.found and len(a.text) < 700, a.text
    assert all(w in a.text for w in wants) and not any(f in a.text for f in forbid), a.text


def test_overview_of_what_someone_said_is_the_passage(old_engine):
    """「陈志远在讲话中说了啥」: one passage (the text path), not a list of the articles naming him."""
    a = ask(old_engine, "2012年第3期 陈志远在讲话中说了啥")
    assert a.found and "摆上重要议事日程" in a.text and "1." not in a.text, a.text


@pytest.mark.parametrize(
    ("q", "read"),
    [
        # one character typed for a like-sounding one
        ("健康挡案系统在哪个区试点上线", "健康档案系统在哪个区试点上线"),
        ("平台二其项目总投资多少", "平台二期项目总投资多少"),
        ("社区卫生信息系统操做培训班", "社区卫生信息系统操作培训班"),
        ("异地数据背份的有几家", "异地数据备份的有几家"),
        ("沈立兴主持了啥", "沈立兴主持了啥"),  # a name no bulletin prints is never guessed
        ("溧水区的情况", "溧水区的情况"),  # nor a place
        ("核酸检测结果咋查", "核酸检测结果咋查"),  # a word no bulletin has, with no near one: kept
    ],
)
def test_question_slips_are_read_as_printed(old_engine, q, read):
    assert old_engine.vocab.correct(normalize(q)) == read


def test_a_slip_in_a_question_is_answered(old_engine):
    a = ask(old_engine, "2012年第3期 健康挡案系统在哪个区试点上线")
    assert a.found and "鼓楼区" in a.text, a.text


@pytest.mark.parametrize(
    ("q", "pairs"),
    [
        ("市卫生局局长讲了啥", [("卫生局", "局长")]),
        ("东南大学校长是谁", [("东南大学", "校长")]),
        ("市卫生局主任是谁", [("卫生局", "主任")]),
        ("市医保局局长是谁", [("医保局", "局长")]),  # jieba cuts 医保/局局长: the stretch before the title
        ("区卫生健康委副主任讲了啥", [("健康委", "副主任")]),  # 健康/委: the shortest stretch of two
        ("去儿童医院调研的是哪个处长", []),  # the body is where they went, not whose 处长
        ("主持论证会的副主任是谁", []),
    ],
)
def test_the_body_a_title_is_of(old_engine, q, pairs):
    """A body qualifies a title only right before it (「市卫生局局长」), never a word further back."""
    assert old_engine.text.qualified_titles(normalize(q)) == pairs


def test_overview_without_scope_is_the_latest_issue(old_engine):
    a = ask(old_engine, "这期有哪些新闻")
    assert a.found and "2025年第7期" in a.text and "2012" not in a.text.split("：")[0]
    assert "《南京国家级信息化测评实现新跃升》" in a.text and "统计表" in a.text


@pytest.mark.parametrize(
    ("q", "want", "forbid"),
    [
        ("2012年第3期 市属医院信息安全专项检查是谁带队的", "马静", "沈立新"),  # who: a person named
        ("区域卫生信息平台二期的专家论证会是谁主持的（2012年第3期）", "沈立新", "顾永康"),
        ("总第46期里省厅来调研，中心副主任干了啥", "沈立新", "顾永康汇报"),  # 副主任, not 主任
        ("2012年第3期那次安全检查为啥要搞", "两会", "人员配备不足"),  # a purpose (为切实做好…)
        ("2012年3月信息安全检查发现的问题，原因是啥", "人员配备不足", "两会"),  # a cause (由于…)
        ("2012年第4期 一季度例会上顾主任提了哪三点要求", "抓安全", "陈志远"),  # the list, whole
        ("总第45期说的信息化工作会议，大概多少人参加？", "120人", "186人"),  # the count kept when trimmed
        # which holder of a title (「哪个科长」), not the body before it (「检查市属医院的」)
        ("2012年第3期 去检查市属医院的是哪个科长", "马静", "沈立新"),
        ("12年第3期 社区卫生信息系统培训是哪个科长讲的", "吴卫东", "周晓梅"),
        # what someone did: the sentence that says it, whole
        ("2012年第3期 论证会上中心副主任干了啥", "沈立新主持", "顾永康"),
        ("2012年第3期 健康档案科科长做了哪些事", "周晓梅介绍", "马静"),
        # 首批 is the first round asked
        ("2012年第3期 首批上线的社区卫生服务中心有几家", "12家", "86542"),
    ],
)
def test_answers_hold_the_kind_asked(old_engine, q, want, forbid):
    a = ask(old_engine, q)
    assert a.found and want in a.text and forbid not in a.text, a.text


@pytest.mark.parametrize(
    "q",
    [
        "卫生局局长方志刚在2012年全市卫生信息化工作会议上讲了啥",  # he was at another event
        "2012年第4期一季度例会上陈志远副局长提了啥要求",  # he was not at this one
        "总第46期里数据交换标准市卫生局啥时候审定通过的",  # submitted, not approved: no date of that
        "2012年第3期里平台二期的承建方是哪家公司",
        "2012年第3期 市卫生局主任是谁",  # 主任 of 市卫生信息中心 only
        "2012年第3期 平台三期项目总投资多少",  # 二期 only: another phase is not this one
        "2012年第3期 第二批上线的社区卫生服务中心有几家",  # 首批 only
        "2012年第3期 健康档案录入了多少单",  # 份 are printed, no 单
    ],
)
def test_near_misses_are_refused(old_engine, q):
    assert not ask(old_engine, q).found


QUESTIONS_WITH_SCOPE = [
    "2012年第3期里那个全市卫生信息化工作会议是几号开的？",
    "12年3月份12320热线一共受理多少来电",
    "2012年2月份12320热线平均每天接多少电话",
    "总第46期 2012年3月份平台预约挂号多少人次？",
    "2012年4月那期，预约周期为啥要延长",
    "12年社区卫生信息系统方面有啥消息",
]


@pytest.mark.parametrize("q", QUESTIONS_WITH_SCOPE)
def test_answers_come_from_the_scope_asked(old_engine, q):
    ctx = context.read(old_engine.calendar, q, normalize(q), [], old_engine._elliptical)
    assert ctx.issues and all(i.startswith("2012") for i in ctx.issues)
    a = ask(old_engine, q)
    assert a.found and a.sources and all(s.issue in ctx.issues for s in a.sources), a.text


def test_a_month_named_is_that_month(old_engine):
    """「2012年3月」 hotline figures are March's (the 第4期 paragraph), not February's of the March issue."""
    a = ask(old_engine, "满意率呢", turn("2012年3月份12320热线日均接多少电话", "3月份日均受理来电837个。"))
    assert a.found and "98.9%" in a.text and "98.6" not in a.text
    a = ask(old_engine, "12年3月份12320热线一共受理多少来电")
    assert "25947" in a.text and "21386" not in a.text


SUPPLEMENT = """南京卫生信息化
(第2期 增刊)
总第40期
南京市卫生信息中心编 2013年2月8日

全市电子病历应用推进会议增刊

一、会议概况
2月6日上午,全市电子病历应用推进会议在市卫生局六楼报告厅召开。会议由市卫生局副局长王建平主持,市属医院分管院长共95人参加。

二、会议要求
各医院须于2013年6月底前完成电子病历系统功能评估,评估结果报市卫生局医政处。

(共印150份)
"""
REGULAR = """南京卫生信息化
2013年第3期（总第41期）
南京市卫生信息中心编 2013年3月25日

社区卫生信息系统操作培训班举办
3月12日,市卫生信息中心举办社区卫生信息系统操作培训班,培训由中心副主任赵文华主持,全市共计186人参加。

他山之石

鼓楼区：远程心电诊断延伸到社区
鼓楼区卫生局从2012年起建设区域远程心电诊断中心,目前已连接辖区9家社区卫生服务中心。该区的主要做法有两点:一是心电图由区中心医院统一出具诊断报告,与社区电子健康档案实时关联;二是诊断费用纳入医保报销。

本期印数：300份
"""


@pytest.fixture(scope="module")
def edition_engine(tmp_path_factory):
    """A 2013 增刊 (its masthead says so) beside a regular 2013 issue."""
    from conftest import engine_of

    return engine_of(
        tmp_path_factory,
        "edition",
        {"2013-02_增刊.txt": SUPPLEMENT, "2013-03_第3期.txt": REGULAR},
        seed=False,
    )


@pytest.mark.parametrize(
    ("q", "want", "not_in"),
    [
        ("13年增刊印了多少份", "150份", "300"),
        ("2013年那期增刊是总第几期", "40", "41"),
        ("2013年增刊里的推进会是谁主持的", "王建平", "赵文华"),
        ("增刊哪天出的", "2013年2月8日", "3月25日"),
        ("2013年增刊分成哪几部分", "会议要求", "培训班"),  # an issue's parts are its articles
        # a column's name (他山之石) above a headline is the article's; 「该区」 is the headline's district
        ("2013年第3期他山之石讲了些啥", "远程心电", "王建平"),
        ("2013年第3期鼓楼区远程心电诊断有哪几点做法", "医保报销", "赵文华"),
    ],
)
def test_a_kind_of_issue_named_is_its_scope(edition_engine, q, want, not_in):
    """「13年增刊」 is the 2013 issue whose masthead prints 增刊, never the regular one of that year."""
    a = ask(edition_engine, q)
    assert a.found and want in a.text and not_in not in a.text, a.text


@pytest.mark.parametrize("q", ["2012年增刊印了多少份", "2013年特刊哪天出的"])
def test_a_kind_of_issue_not_indexed_is_refused(edition_engine, q):
    """No 2012 增刊 is indexed and no issue is a 特刊: not answered from another issue."""
    a = ask(edition_engine, q)
    assert not a.found, a.text
