"""What an issue prints around its news (blind round X6): photo captions, bylines, 问/答 articles, the
contents list, editors' notes, the next issue's preview, one-figure sections, hotline paragraphs worded
without 共, years no issue is of, and events named by their day. Two issues written here from the shapes
(not copies of the round's bulletins), with questions worded anew."""

from __future__ import annotations

import pytest

from qa.parse.paragraphs import paragraph_table
from qa.parse.text import TextParser, byline_of, contents_entry

OLDER = """南京卫生信息化

第7期　总第85期

南京市卫生信息中心编　2016年7月20日

本期要目

全市区域影像平台建设推进会召开……………………1
电子健康档案开放查询政策问答………………………2
中心举办网络安全应急演练…………………………3
6月份12320卫生热线运行情况………………………4

全市区域影像平台建设推进会召开

7月6日上午,全市区域影像平台建设推进会在市卫生信息中心五楼报告厅召开。会议由市卫生计生委副主任王建华主持,各区卫生计生局和23家市属医院信息部门负责人共96人参加。中心主任李明通报了区域影像平台建设进展:截至6月底,已有18家医院接入平台,累计上传影像1260万幅,比2015年底增加420万幅。会议要求,各医院要在9月底前完成影像数据的标准化改造。
（图为推进会现场）

电子健康档案开放查询政策问答

编者按:为方便居民查询本人健康档案,市卫生计生委决定自7月1日起向居民开放电子健康档案查询。本刊就居民关心的问题采访了中心档案管理科科长赵丽萍,现整理刊发。

问:通过哪些渠道可以查询?
答:居民可以通过"南京卫生12320"网站和微信公众号查询,也可以到签约的社区卫生服务中心自助终端查询。
问:查询需要收费吗?
答:查询完全免费,不收取任何费用。
问:家人能不能代为查询?
答:出于隐私保护,查询需本人实名认证,家属不能代查;未成年人的档案由监护人凭户口簿查询。

中心举办网络安全应急演练

6月28日,中心在机房举办网络安全应急演练,模拟平台数据库遭受勒索病毒攻击,演练历时3小时,系统在45分钟内完成切换恢复。演练由中心网络安全科科长孙强指挥。

（通讯员 陈晓 来源：中心网络安全科）

6月份12320卫生热线运行情况

6月，南京12320卫生热线全月接听群众来电2.4万余个，办结率97.2%。其中，咨询11350件、投诉986件、建议64件，电话预约挂号10215个。与5月份相比，来电量有所减少，主要是由于端午假期门诊量下降。

下期预告：全市电子病历应用水平评估结果；区域检验平台上线；12320热线7月份运行情况。

(本期印数:260份)
"""

NEWER = """南京卫生信息化简报

2019年第5期（总第118期）

南京市卫生信息中心 编印

2019年5月28日

全市智慧医院建设培训班举办

5月16日至17日,全市智慧医院建设培训班在市卫生信息中心举办,全市二级以上医院信息科负责人共132人参加。中心副主任钱文出席开班仪式并讲话,她对学员提出两点要求:一是要吃透智慧服务评级标准;二是要结合本院实际制定建设计划。

（通讯员 许可）

区域检验平台上线运行

5月8日,我市区域检验平台上线运行,首批接入21家医院,实现检验结果互认。平台旨在减少重复检验、减轻患者负担。根据安排,年内接入医院不少于40家。

来源：市卫生健康委

数字看变化

全市电子健康卡用户突破300万人。
4月份,全市预约挂号服务量达到152.3万人次。
全市家庭医生签约率达到38.6%。

4月份12320卫生热线运行情况

4月份,12320热线共受理来电26815个,其中咨询类12040个、投诉类1102个、预约挂号类11385个、其他2288个。

责任编辑：周敏
"""


def parsed(text: str = OLDER):
    return TextParser(text, "x.txt").parse()


# -- the parser: furniture is neither a headline nor lost ------------------------------------------
def test_captions_are_text_and_bylines_are_metadata():
    """「（图为推进会现场）」 stays in the article above it; 「（通讯员 陈晓 来源：…）」 is that article's byline:
    neither is the headline of the article below it."""
    b = parsed()
    titles = [s.title for s in b.sections if s.kind == "article"]
    assert titles == [
        "全市区域影像平台建设推进会召开",
        "电子健康档案开放查询政策问答",
        "中心举办网络安全应急演练",
        "6月份12320卫生热线运行情况",
    ]
    meeting, _, drill, _ = (s for s in b.sections if s.kind == "article")
    assert meeting.paragraphs[-1].text == "（图为推进会现场）"
    assert drill.byline == {"通讯员": "陈晓", "来源": "中心网络安全科"}
    assert not any("陈晓" in p.text for s in b.sections for p in s.paragraphs)
    newer = [s for s in parsed(NEWER).sections if s.kind == "article"]
    assert [s.byline for s in newer[:2]] == [{"通讯员": "许可"}, {"来源": "市卫生健康委"}]
    assert newer[2].title == "数字看变化" and len(newer[2].paragraphs) == 3


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("（记者 王芳　通讯员 刘强）", {"记者": "王芳", "通讯员": "刘强"}),
        ("(撰稿：李华)", {"撰稿": "李华"}),
        ("稿源：鼓楼区卫健委", {"稿源": "鼓楼区卫健委"}),
        ("记者从市卫健委获悉，全市已有30家医院接入。", {}),  # a sentence, not a byline
        ("来源于群众来电的咨询占六成", {}),
        ("（图为会议现场）", {}),
    ],
)
def test_a_byline_line_is_read_by_its_labels(line, fields):
    assert byline_of(line) == fields


def test_question_and_answer_lines_are_one_paragraph():
    """「问：…？」 is no headline: with the 「答：…」 under it, it is one paragraph of the article."""
    [qa] = [s for s in parsed().sections if s.title == "电子健康档案开放查询政策问答"]
    assert qa.paragraphs[0].text.startswith("编者按")
    assert [p.text[:6] for p in qa.paragraphs[1:]] == ["问:通过哪些", "问:查询需要", "问:家人能不"]
    assert "答:查询完全免费" in qa.paragraphs[2].text


@pytest.mark.parametrize(
    ("line", "entry"),
    [
        ("全市区域影像平台建设推进会召开……………………1", "全市区域影像平台建设推进会召开"),
        ("中心举办网络安全应急演练 .......... 3", "中心举办网络安全应急演练"),
        ("6月份12320卫生热线运行情况    4", "6月份12320卫生热线运行情况"),
        ("6月份12320卫生热线运行情况", "6月份12320卫生热线运行情况"),
    ],
)
def test_contents_entries_lose_leaders_and_page_numbers(line, entry):
    assert contents_entry(line) == entry


def test_contents_and_preview_are_their_own_sections():
    b = parsed()
    [contents] = [s for s in b.sections if s.kind == "contents"]
    assert contents.title == "本期要目" and contents.paragraphs[1].text == "电子健康档案开放查询政策问答"
    [preview] = [s for s in b.sections if s.kind == "preview"]
    assert [p.text for p in preview.paragraphs] == [
        "全市电子病历应用水平评估结果",
        "区域检验平台上线",
        "12320热线7月份运行情况",
    ]
    hotline = next(s for s in b.sections if s.title.startswith("6月份12320"))
    assert not any("下期" in p.text for p in hotline.paragraphs)  # announced, not this article's


# -- statistical paragraphs worded without 共 -------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "subject", "first", "names"),
    [
        (  # parts after a full stop, a rounded total, a period word between subject and label
            "6月，南京12320卫生热线全月接听群众来电2.4万余个，办结率97.2%。其中，咨询11350件、投诉986件。",
            "南京12320卫生热线",
            ("接听群众来电", "2.4万余", 24000.0, "total"),
            ["接听群众来电", "办结率", "咨询", "投诉"],
        ),
        (  # the period word first, the verb ends the subject
            "10月份，全月市急救中心受理呼救1.3万次，其中转运病人8120次、咨询1050次。",
            "市急救中心",
            ("受理呼救", "1.3万", 13000.0, "total"),
            ["受理呼救", "转运病人", "咨询"],
        ),
        (  # no period word at all: the first verb
            "9月，12320热线接听来电30512个，其中咨询类9870个、投诉类1020个。",
            "12320热线",
            ("接听来电", "30512", 30512.0, "total"),
            ["接听来电", "咨询类", "投诉类"],
        ),
    ],
)
def test_a_total_without_gong_is_the_figure_its_parts_follow(text, subject, first, names):
    t = paragraph_table(text, 3, 2016, "2016-11-20")
    assert t is not None and t.title == subject and t.rows[0].label == subject
    col, v = t.columns[0], t.rows[0].values[0]
    assert (col.name, v.raw, v.num, col.role) == first
    assert [c.name for c in t.columns] == names


@pytest.mark.parametrize(
    "text",
    [
        # a place alone is not what the figures are of
        "截至8月底，全市累计发放电子健康卡96.2万张，当月新增发卡10379张，全市已有1219家医疗机构接入。",
        # figures without a total or parts
        "6月，12320热线接听来电2.4万余个，办结率97.2%，满意率98.1%。",
        # one thing singled out by 其中 is news, not a breakdown of the total
        "2月份，全市互联网医院共提供在线复诊3.26万人次，开具电子处方1.18万张，其中市第二医院在线复诊量达6820人次。",
        "截至2月底，全区家庭医生签约居民18.7万人，其中用手机签约的有4.2万人次，在线回复咨询累计2.9万条。",
    ],
)
def test_figures_that_state_no_total(text):
    assert paragraph_table(text, 3, 2016, "2016-11-20") is None


# -- answers ----------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def matter_engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(
        tmp_path_factory, "matter", {"2016-07_第7期.txt": OLDER, "2019-05_第5期.txt": NEWER}, seed=False
    )


def ask(eng, q, prev=None):
    hist = []
    if prev:
        hist = [{"role": "user", "content": prev}, {"role": "assistant", "content": eng.ask(prev).text}]
    return eng.ask(q, hist)


@pytest.mark.parametrize(
    ("q", "want", "not_in"),
    [
        # bylines: who wrote it, where it came from — the article named, never another's
        ("2016年应急演练那篇稿子的通讯员是谁", "陈晓", "许可"),
        ("2019年第5期智慧医院培训班那篇是谁写的", "许可", "陈晓"),
        ("19年那期区域检验平台那篇报道的来源是哪里", "市卫生健康委", "中心网络安全科"),
        # a photo caption is the article's text, the headline stays the headline
        ("2016年那期推进会的照片拍的是什么", "推进会现场", "图为推进会现场）｜"),
        ("2016年第7期都登了哪些文章", "电子健康档案开放查询政策问答", "图为"),
        # 问/答: the answer under the question asked
        ("2016年健康档案查询要花钱吗", "免费", "户口簿"),
        ("2016年那期说家人能代查健康档案吗", "不能代查", "免费"),
        ("16年的简报说健康档案上哪查", "微信公众号", "户口簿"),
        # the contents list, the editor's note (typed 编者案), the preview
        ("2016年第7期目录里第二篇是什么", "电子健康档案开放查询政策问答", "推进会召开》"),
        ("2016年那期要目列了几篇文章", "中心举办网络安全应急演练", "数字看变化"),
        ("2016年那期的编者案讲了啥", "赵丽萍", "孙强"),
        ("2016年第7期下一期有什么内容", "电子病历应用水平评估结果", "智慧医院"),
        ("16年那期说下期会不会登12320的情况", "12320热线7月份运行情况", "电子病历"),
        # a section of one-figure lines asked for whole
        ("2019年那期数字看变化里有哪些数字", "38.6%", "26815"),
        # hotline paragraphs in other words: the month has data, months compare and add up (the series
        # printed as 南京12320卫生热线 in one issue and 12320热线 in the other)
        ("2016年6月12320热线办结率是多少", "97.2", "26815"),
        ("12320投诉，2016年6月比2019年4月少多少件", "116", "986件。"),
        ("2016年6月和2019年4月12320咨询一共多少", "23390", "2.4万余"),
        # why a figure changed is the cause the text gives
        ("2016年6月12320来电量为啥比5月少了", "端午", "10215"),
        # a plan's figure asked with 打算
        ("2019年那期说区域检验平台今年打算接入多少家医院", "40家", "21家"),
    ],
)
def test_matter_around_the_news(matter_engine, q, want, not_in):
    a = ask(matter_engine, q)
    assert a.found and want in a.text and not_in not in a.text, a.text


@pytest.mark.parametrize(
    ("q", "said"),
    [
        # an article without a byline, an issue without contents: never another's
        ("2016年影像平台推进会那篇是哪个通讯员写的", "没有署"),
        ("2019年第5期导读里第一篇是啥", "没有刊印"),
        # announced in a preview, not reported in that issue
        ("2016年那期说全市电子病历应用水平评估结果咋样", "下一期"),
        ("2016年第7期里区域检验平台哪天上线的", "下一期"),
        # a year no issue is of, named as issues or as the period of the news
        ("2015年的简报讲了什么", "2015年"),
        ("2015年有啥新闻", "2015年"),
        # an event named by a day or a name that the answering passage is not about
        ("2019年5月8号那个培训班上钱文讲了啥", "5月8号"),
        ("2019年那次检验平台推进会上钱文提了啥要求", "推进"),
        # a hospital no bulletin names: the passage about the platform is not about it
        ("2019年肿瘤医院啥时候接入区域检验平台的", "肿瘤医院"),
        # no 2019年5月 hotline data; the 2016 办结率 is not 2019's
        ("2019年4月12320办结率是多少", ""),
    ],
)
def test_matter_refused(matter_engine, q, said):
    a = ask(matter_engine, q)
    assert not a.found and said in a.text, a.text


def test_reported_in_a_later_issue_is_answered(matter_engine):
    """What the 2016 preview announced, the 2019 issue reports: asked without the year, it is answered."""
    a = ask(matter_engine, "区域检验平台哪天上线的")
    assert a.found and "5月8日" in a.text, a.text


def test_a_meeting_named_by_its_day_is_answered(matter_engine):
    a = ask(matter_engine, "2019年5月16号那个培训班上钱文提了哪几点要求")
    assert a.found and "评级标准" in a.text, a.text


def test_a_hotline_follow_up_keeps_its_month(matter_engine):
    a = ask(matter_engine, "建议呢", "2016年6月12320热线接听了多少来电")
    assert a.found and "64" in a.text and "2288" not in a.text, a.text
