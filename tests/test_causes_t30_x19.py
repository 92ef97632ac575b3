"""The causes behind blind rounds T30 and X19, on two issues written here with other tables and words.

Tables: a column printed as a part (「其中：Ⅱ级暴露」) is a part of the column before it, so 「二级暴露人数」
is the part, not the whole beside it, and 「没有二级暴露的」 is the whole less the part; 「应检没检的」 is the
whole less what the rate divides by it; 「实际检了多少」 says in full the 实检 a header contracts; a title
phrase names a column by its last word (「饮用水监测了多少份」 of 监测份数); a month series' total row is the
rate of its span even where a later issue prints those months again; 「这两个城区」 after the districts named
points back at them; 「哪些医院没有开展B超检查」 lists the rows a note says 「/」 means that for; 「查出来」 is
查出 and its complement.
Text: 「01年第9期」 is 总第9期 where 2001 has no 第9期; 「第三期…培训班」 is the course's edition, not an issue
(and 「第四期」 of it refuses); 「有几个没考合格」 is the whole (the people 参加) less those 合格; figures the
question names without 和 are added (「检验检查项目」「现场加线上」), counts of things in their counters;
「总投资里除了市财政拨款还有多少」 is the whole less the part; 「他提出三点要求」 is the speaker named before;
a list asked runs on to the enumeration after the clause that names its thing; 「跟谁联合」 asks a body;
「请谁来讲的课」 a person; 「多少人来了」 the people who attended; 「收多少培训费」 of a paragraph printing
培训 but no 费 refuses; a year in brackets (「（01年）」) is scope; 「他山之石介绍了哪些地方」 lists the column.
(Six of these held on the code before too — 二级暴露人数 and its ranking, the 要求 list, 问题主要有哪些,
多少人来了, 第四期 — and are kept as behaviour.)
"""

from __future__ import annotations

import pytest

TABLES_MAY = """南京卫生信息化

2001年第5期

南京市卫生信息中心编　2001年5月21日

【工作动态】

全市卫生统计工作座谈会召开

5月10日，全市卫生统计工作座谈会在市卫生局召开。

统计数据

2001年4月各区县犬伤门诊情况

区县	就诊人数（人）	其中：Ⅱ级暴露（人）	接种人数（人）	接种率（%）
玄武区	200	50	180	90.0
鼓楼区	300	70	270	90.0
秦淮区	100	20	90	90.0
合计	600	140	540	90.0

2001年1—4月饮用水监测情况

月份	监测份数（份）	合格份数（份）	合格率（%）
1月	100	95	95.0
2月	120	108	90.0
3月	80	76	95.0
4月	100	96	96.0
合计	400	375	93.8

2001年4月各医院职工体检情况

单位	应检人数（人）	实检人数（人）	体检率（%）	查出人数（人）	其中：B超异常（人）
江苏省人民医院	1000	900	90.0	120	30
南京鼓楼医院	800	760	95.0	100	/
南京市第一医院	500	450	90.0	60	/
合计	2300	2110	91.7	280	30
（注：“/”表示该单位本月未开展B超检查，合计不含该单位。）
"""

TABLES_APRIL = """南京卫生信息化

2001年第4期

南京市卫生信息中心编　2001年4月20日

统计数据

2001年1—3月饮用水监测情况

月份	监测份数（份）	合格份数（份）	合格率（%）
1月	100	95	95.0
2月	120	108	90.0
3月	80	76	95.0
合计	300	279	93.0
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(
        tmp_path_factory, "causes_t30", {"2001-04_第4期.txt": TABLES_APRIL, "2001-05_第5期.txt": TABLES_MAY}
    )


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("4月鼓楼区二级暴露人数多少", ["70"], ["300"]),  # the part, said in Chinese numerals
        ("4月二级暴露人数最少的区", ["秦淮区", "20"], []),
        ("4月鼓楼没有二级暴露的就诊人数", ["230"], []),  # the whole less the part
        ("4月应检没检的一共多少人", ["190"], ["2110"]),  # 应检 − 实检
        ("2月饮用水监测了多少份", ["120"], []),  # the title phrase's last word: 监测份数
        ("1-3月合计的合格率是多少", ["93.0"], ["不能相加"]),  # the first issue's total row
        ("4月玄武、鼓楼这两个城区就诊人数加起来多少", ["500"], []),
        ("4月哪些医院没有开展B超检查", ["南京鼓楼医院", "南京市第一医院"], ["江苏省人民医院"]),
        ("4月省人医查出来多少人", ["120"], []),
    ],
)
def test_causes_from_blind_round_t30(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


def test_a_contraction_said_in_full_in_a_follow_up(tables):
    history = [
        {"role": "user", "content": "4月职工体检合计应检多少人？"},
        {"role": "assistant", "content": "2001年4月职工体检合计应检2300人。"},
    ]
    a = tables.answer("实际检了多少", history)
    assert a is not None and a.found and "2110" in a.text, a and a.text


NEWS = """南京卫生信息化

2001年第5期 总第9期

南京市卫生信息中心编 2001年5月21日

【工作动态】

全市卫生信息化工作会议召开

5月8日，2001年全市卫生信息化工作会议在市卫生局召开，各区县卫生局和市属医院分管领导共90余人参加会议。王立新在讲话中指出，当前信息化建设仍存在标准不统一、应用不深入等问题。他对今年工作提出三点要求：一是统一数据标准；二是推进区域平台建设；三是加强网络安全管理。会议还表彰了先进集体8个、先进个人20名。

第三期卫生统计人员培训班举办

5月14日至16日，市卫生信息中心在南京中医药大学举办第三期卫生统计人员培训班，各医疗卫生单位统计人员80人参加培训。培训邀请东南大学教授周明讲授统计分析方法。培训结束时进行了考试，72人考核合格。

区域卫生信息平台一期工程启动

区域卫生信息平台一期工程总投资500万元(其中市财政拨款300万元)，计划年内建成，实现52项检验项目和31项检查项目结果互认。

网络安全检查结束

4月，市卫生局联合市公安局对全市20家医疗卫生单位开展网络安全检查，共发现问题40个，主要包括弱口令、病毒库未更新、端口开放过多等。

数据安全讲座举办

5月18日，市卫生信息中心举办数据安全讲座，现场听讲60人，线上观看400人次。

【他山之石】

苏州市建成卫生信息专网

苏州市卫生信息专网已连接全市所有二级以上医院。

杭州市推行电子病历共享

杭州市在市属医院间实现电子病历共享调阅。

报：市卫生局领导
本期印数：150份
责任编辑：李红　　审核：赵强　　签发：王立新
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x19", {"2001-05_第5期.txt": NEWS}, seed=False)


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("01年第9期印了多少份", ["150"]),  # 总第9期
        ("第9期审核人是谁（01年）", ["赵强"]),
        ("01年第三期统计人员培训班在哪办的", ["南京中医药大学"]),
        ("统计人员培训班参加的人里有几个没考合格", ["8人"]),
        ("工作会议表彰的先进集体和先进个人一共多少", ["28"]),
        ("平台一期总投资里除了市财政拨款还有多少", ["200万元"]),
        ("平台检验检查项目一共多少项", ["83项"]),
        ("数据安全讲座现场加线上一共多少人次", ["460人次"]),
        ("工作会议上王立新提了哪几点要求", ["统一数据标准", "网络安全"]),
        ("网络安全检查发现的问题主要有哪些", ["弱口令", "端口"]),
        ("网络安全检查是卫生局跟谁联合搞的", ["市公安局"]),
        ("统计人员培训班请谁来讲的课", ["周明"]),
        ("01年卫生信息化工作会议多少人来了", ["90"]),
        ("01年那期他山之石介绍了哪些地方", ["苏州", "杭州"]),
    ],
)
def test_causes_from_blind_round_x19(engine, question, figures):
    a = engine.ask(question, [])
    assert a.found and all(f in a.text for f in figures), a.text


@pytest.mark.parametrize(
    "question",
    [
        "01年第四期统计人员培训班在哪办的",  # the course's third edition is printed, not a fourth
        "统计人员培训班每人收多少培训费",  # 培训 is printed, no 费
    ],
)
def test_look_alikes_of_x19_refuse(engine, question):
    a = engine.ask(question, [])
    assert not a.found, a.text
