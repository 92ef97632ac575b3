"""The causes behind blind rounds T36 and X25, on issues written here with other tables and words.

Tables: a column's name said whole is not cut for a neighbour's abbreviation (中医门诊 of 「中医门诊量」, not
中医门|诊量 → 门诊总量); 「那几家医院…合计」 refers back, no count of rows; 「哪家医院…比7月少了」 asks the rows
that fell; a group named only by the words of the title (乡村医生 / 已注册) names no column beside one named by
its own words (新注册 → 本月新注册); 「哪几个月确诊了」 over a month series asks the months whose count is not
nought.
Text: 「存在哪些问题」 asks which (哪些), not where (在哪), and 「表现在哪」 in what; 「啥时候查的」 (是…的) dates
what was done, not a requirement (6月30日前); 「分3期举办」 numbers no edition, so 「1997年第5期…培训」 stays the
issue; 开展 is 进行; a word of the language cut one character early (检查|后市|卫生局) is re-cut into the name
printed; 「有啥变化」 of 收费 asks no money; 「那苏州呢」 after 上海 asks of 苏州 alone; 「除了严重问题还有多少个
问题」 is the whole less the part; quoted names one after another are a list (获奖 ~ 获评); a year said of an
event its paragraph names with another year is refused; 「投资多少、由哪家公司承建」 is two questions; 「有问题的
服务器」 counts no 服务器 the passage does not say have problems; a sentence printing its own month (截至4月底)
answers no other month; 「获奖的是哪些项目」 names no paragraph's table by its word 项目, which it does not print.
(Verified to fail on the commit of first contact, 4489fd1, but for those named in each test's docstring.)
"""

from __future__ import annotations

import pytest
from conftest import answered_with

AUG = """南京卫生信息化

1997年第9期

南京市卫生信息中心编 1997年9月18日

统计数据

1997年8月部分医院门诊情况
医院	门诊总量（人次）	中医门诊（人次）	中医门诊占比（%）
南京市中医院	30000	21000	70.0
南京市第一医院	40000	2000	5.0
南京市儿童医院	20000	1000	5.0
合计	90000	24000	26.7

1997年8月各县乡村医生注册情况（截至8月底）
县	乡村医生		本月新注册（人）
	在岗（人）	已注册（人）
江宁县	600	500	40
六合县	500	420	30
合计	1100	920	70

1997年1—8月全市麻风病防治情况
月份	皮肤病门诊查体（人次）	确诊新病人（例）	联合化疗在治（人）	治愈存活者随访（人次）
1月	3000	0	5	40
2月	2800	1	6	35
3月	3100	0	6	42
4月	3300	2	7	38
5月	3200	0	7	41
6月	3000	0	6	39
7月	2900	0	6	37
8月	3400	1	7	44
合计	24700	4	/	316
"""

JULY = """南京卫生信息化

1997年第8期

南京市卫生信息中心编 1997年8月18日

【简讯】

△ 截至7月底，全市共注册乡村医生850人。

统计数据

1997年7月部分医院门诊情况
医院	门诊总量（人次）	中医门诊（人次）	中医门诊占比（%）
南京市中医院	29000	20000	69.0
南京市第一医院	39000	2100	5.4
南京市儿童医院	19500	900	4.6
合计	87500	23000	26.3

1997年7月各县乡村医生注册情况（截至7月底）
县	乡村医生		本月新注册（人）
	在岗（人）	已注册（人）
江宁县	600	460	35
六合县	500	390	25
合计	1100	850	60
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t36", {"1997-09_第9期.txt": AUG, "1997-08_第8期.txt": JULY})


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("1997年8月南京市中医院中医门诊量是多少", ["21000"], ["30000"]),
        ("8月份那几家医院中医门诊合计比7月增加了多少", ["1000人次", "24000 − 23000"], ["共 2家"]),
        ("8月哪家医院的中医门诊比7月少了", ["南京市第一医院", "−100"], ["南京市中医院"]),
        ("7、8两个月一共新注册乡村医生多少人", ["130人", "60 + 70"], ["已注册"]),
        ("1—8月哪几个月确诊了麻风新病人", ["2月", "4月", "8月"], ["3月 0", "1月 0"]),
    ],
)
def test_causes_from_blind_round_t36(tables, question, figures, absent):
    """Held on 4489fd1: none."""
    answered_with(tables, question, figures, absent)


NEWS = """南京卫生信息化

1997年第5期  总第3期

南京市卫生信息中心编 1997年5月20日

【工作动态】

全市卫生信息工作会议召开

4月10日，1997年全市卫生信息工作会议在市卫生局召开，各区县卫生局和市属医院分管领导共60人参加会议。市卫生局局长陈明在会上总结了1996年全市卫生信息工作，指出信息化取得了进展，但也存在部分单位重建设、轻应用，专业人员不足，数据口径不统一等问题。他要求今年做好三项工作：一是建设卫生信息网；二是推广门诊收费系统；三是加强人员培训。

市卫生局开展计算机安全检查

为防止病毒破坏医院数据,4月1日至12日，市卫生局组织检查组，对15家市属医院进行了计算机安全检查。检查共涉及微机800台、服务器12台。检查共发现问题30个，其中严重问题6个，主要包括：部分微机感染病毒，部分数据没有备份。存在问题的微机45台，主要表现为病毒感染和硬盘老化。针对检查发现的问题，市卫生局要求：一是各单位明确专人负责；二是6月30日前完成整改；三是9月份组织复查。

首期网络管理员培训班结业

4月15日至19日，市卫生信息中心举办首期网络管理员培训班，来自15家医院的40名学员参加培训。经结业考试，38名学员成绩合格。中心计划今年分3期举办网络管理员培训。

江宁县医院门诊收费实现微机管理

江宁县医院门诊收费微机管理系统于3月投入运行，系统运行后病人平均排队交费时间由原来的20分钟缩短到8分钟左右。

市信息网一期工程启动

市信息网一期工程总投资300万元，由南京华通计算机公司承建，计划于1997年10月底前完成建设。工程由市卫生信息中心和市电信局共同参与建设。

全国卫生信息化交流会公布评选结果

会上公布了优秀项目评选结果，我市“医院门诊收费系统”获评二等奖，市儿童医院“儿童保健管理系统”获评三等奖。

【他山之石】

上海：统一规划

上海市卫生局于1995年启动卫生信息网建设，其主要经验是统一规划、统一标准。

苏州：注重实用

苏州市第一医院建成全院医院信息系统，推行门诊就诊卡，病人凭一张卡即可办理挂号、交费。

【简讯】

△ 截至4月底，全市共注册乡村医生850人。

本期印数：100份
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(
        tmp_path_factory, "causes_x25", {"1997-05_第5期.txt": NEWS}
    )  # the seed: its 12320 paragraph


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("97年第5期陈局长说存在哪些问题", ["重建设", "专业人员不足"], ["建设卫生信息网"]),
        ("97年计算机安全检查问题主要表现在哪", ["病毒感染", "硬盘老化"], []),
        ("97年计算机安全检查查了几家医院？啥时候查的", ["15家", "4月1日至12日"], []),
        ("97年计算机安全检查是什么时候开展的", ["4月1日至12日"], ["6月30日"]),
        ("97年计算机安全检查后市卫生局提了哪些整改要求", ["明确专人", "6月30日"], []),
        ("97年江宁县医院门诊收费上微机后排队时间有啥变化", ["20分钟", "8分钟"], []),
        ("1997年第5期网络管理员培训班有多少学员参加", ["40名"], []),
        ("97年计算机安全检查除了严重问题还有多少个问题", ["24个", "30个 − 6个"], []),
        ("97年获奖的是哪些项目", ["医院门诊收费系统", "儿童保健管理系统"], []),
        ("97年一期工程投资多少、由哪家公司承建", ["300万元", "华通计算机公司"], []),
    ],
)
def test_causes_from_blind_round_x25(engine, question, figures, absent):
    """Held on 4489fd1: 「存在哪些问题」 (read as where there, yet its sentence scored first), 「查了几家医院？
    啥时候查的」 (its dated sentence was the first that fitted) and 「投资多少、由哪家公司承建」 (one sentence
    holds both) — kept as behaviour."""
    a = engine.ask(question, [])
    assert a.found and all(f in a.text for f in figures), a.text
    assert not any(f in a.text for f in absent), a.text


def test_the_place_a_follow_up_names_replaces_the_one_before(engine):
    """Held on 4489fd1 (上海's article prints no 苏州 to be refused); kept as behaviour."""
    hist = [
        {"role": "user", "content": "97年那期他山之石介绍了上海什么经验？"},
        {"role": "assistant", "content": "上海的主要经验是统一规划、统一标准。"},
    ]
    a = engine.ask("那苏州呢？", hist)
    assert a.found and "苏州市第一医院" in a.text, a.text


@pytest.mark.parametrize(
    "question",
    [
        "1996年那次全市卫生信息工作会议来了多少人",
        "97年计算机安全检查里有问题的服务器有几台",
        "97年5月全市注册了多少乡村医生",
    ],
)
def test_look_alikes_of_blind_round_x25_refuse(engine, question):
    """Held on 4489fd1: 「1996年那次…会议」 (the sentence answering it there printed its own year)."""
    a = engine.ask(question, [])
    assert not a.found, a.text
