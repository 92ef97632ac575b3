"""The causes behind blind rounds T25 and X14, on an issue written here with other tables and words (not
copies of the rounds' bulletins).

Tables: a two-level header whose groups print the same leaves (总人次 · 其中：异地 · 异地占比), so the
part's own word (异地) is also the title's; the columns' units listed once under the caption
(「（单位：例、人次）」); two months printed as columns (3月预约量 · 2月预约量; 本月排名 · 上月排名 beside a
signed 变化); a part its rate divides by a whole (已启用 ÷ 中心数), asked 「全部启用」 or 「没有全部启用」,
as of a month, and per one of it; a month series whose two columns are added up over the months and
compared; a note naming the row of a 「/」 without printing one; a unit said naming the column.
Paragraphs: another month's clause with its own 「其中」 parts, a lead-in 「3月来电中」.
Text: the problem a measure answers as its why, a word jieba cut a character late, a sum of two things
named together, a word of four characters no bulletin prints, a figure asked as reached (实际) against a
target, and the whole city's figure against a district's.
"""

from __future__ import annotations

import pytest

from qa.parse.paragraphs import paragraph_tables

ISSUE = """南京卫生信息化

2016年第4期

南京市卫生信息中心编　2016年4月20日

全市家庭医生签约系统推广会召开

4月12日，全市家庭医生签约系统推广会召开。长期以来，签约居民的健康档案分散在各社区，跨社区转诊时资料重复录入问题突出。签约系统以居民身份证号为主索引，实现档案在社区之间调阅。系统已接入二级医院12家、社区卫生服务中心31家。会议要求各区年底前签约率达到40%以上。

截至3月底，玄武区家庭医生签约率达到35.2%，位居全市前列。

统计数据

2016年3月部分医院异地就医结算情况

医院	门诊			住院
	总人次	其中：异地	异地占比（%）	总人数	其中：异地	异地占比（%）
江苏省人民医院	180000	36000	20.0	5000	1500	30.0
南京鼓楼医院	160000	24000	15.0	4000	1000	25.0
南京市第一医院	90000	9000	10.0	2000	300	15.0
南京市儿童医院	80000	16000	20.0	1500	450	30.0
合计	510000	85000	16.7	12500	3250	26.0

2016年3月各区家庭医生签约系统应用情况

区	社区卫生服务中心（个）	已启用（个）	启用率（%）	本月签约（人）
玄武区	6	6	100.0	120000
秦淮区	8	5	62.5	90000
建邺区	5	5	100.0	70000
江宁区	12	9	75.0	150000
合计	31	25	80.6	430000

2016年1—3月全市远程会诊情况
（单位：例、人次）

月份	新接收	退回	培训人次
1月	300	280	900
2月	250	270	800
3月	320	290	1000
合计	870	840	2700

2016年3月各渠道预约情况

渠道	3月预约量（人次）	2月预约量（人次）
12320电话	9000	8000
健康南京APP	52000	40000
医院诊间	70000	68000
合计	131000	116000

2016年3月各区签约服务质量排名

区	本月排名	上月排名	变化
玄武区	1	2	↑1
秦淮区	2	1	↓1
江宁区	3	4	↑1
建邺区	4	3	↓1

2016年3月健康讲座开展情况

形式	场次（场）	听众（人次）
社区讲座	120	6000
网络直播	30	45000
合计	150	51000

（注：江宁区本月新启用的3家中心尚在调试，签约数据次月补报。）

3月份，南京12320卫生热线共受理来电21000个，其中咨询类9000个、投诉类2000个、预约类10000个；2月份受理来电18000个，其中预约类8500个。3月来电中，夜间来电3100个。

南京市卫生信息中心

地址：南京市紫竹林3号

责任编辑：王宁　印数：200份
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t25", {"2016-04_第4期.txt": ISSUE})


def test_listed_units_and_months_as_columns_parse(tmp_path):
    from qa.parse import parse_file

    path = tmp_path / "2016-04_第4期.txt"
    path.write_text(ISSUE, encoding="utf-8")
    by = {t.title[7:]: t for t in parse_file(path).tables if t.source == "table"}
    consults = next(t for k, t in by.items() if "远程会诊" in k)
    assert [(c.name, c.unit) for c in consults.columns] == [
        ("新接收", "例"),
        ("退回", "例"),
        ("培训人次", "人次"),
    ]
    channels = by["各渠道预约情况"]
    assert [(c.name, c.unit) for c in channels.columns] == [("预约量", "人次")]
    cells = {(r.label, r.month): r.values[0].raw for r in channels.rows}
    assert cells[("健康南京APP", "2016-02")] == "40000" and cells[("健康南京APP", "2016-03")] == "52000"


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # the part's own word (异地) names it although the title prints it too; the group alone the whole
        ("省人医3月异地门诊人次", ["36000"], ["180000"]),
        ("3月这几家医院异地住院合计多少人", ["3250"], ["12500"]),
        ("鼓楼3月住院多少人", ["4000"], ["1000"]),
        ("3月异地门诊人次最多的医院", ["江苏省人民医院"], []),
        # the rows named after 占 are the whole: the column's total, not the rate printed within the row
        ("3月鼓楼住院异地病人占全部4家医院的百分之几", ["30.77%", "1000 ÷ 3250"], ["25.0"]),
        ("3月鼓楼住院异地占比多少", ["25.0"], []),
        # a part its rate divides by a whole: all of it reached, or not, row by row
        ("3月中心全部启用的区有几个", ["2个", "玄武区", "建邺区"], ["秦淮区"]),
        ("3月还有哪些区没有全部启用", ["秦淮区", "江宁区"], ["玄武区"]),
        ("截至3月全市还有几个中心没启用", ["6"], []),
        ("3月平均每个已启用的中心签约了多少人", ["17200"], []),
        # a month series: two columns added up over the months asked, then compared
        ("1到3月远程会诊新接收比退回多多少例", ["30例", "870", "840"], []),
        ("1—3月哪个月退回比新接收多", ["2016年2月 270"], ["2016年1月 ", "2016年3月 "]),
        # two months as columns: each figure keeps its month
        ("健康南京APP 2月预约量多少", ["40000"], ["52000"]),
        ("3月哪个渠道比2月涨得最多", ["健康南京APP", "12000"], []),
        ("3月排名上升的区有哪些", ["玄武区", "江宁区"], ["秦淮区", "建邺区"]),
        ("秦淮区上月排名多少", ["2016年2月", "1名"], ["2名"]),
        # the unit said names the one column printed in it
        ("3月社区讲座办了多少场", ["120场"], []),
        # the whole table's figure asked with 「这些医院」 and nothing named before
        ("3月这些医院门诊异地占比是多少", ["16.7"], ["20.0"]),
        # a paragraph's other month with its own parts; a lead-in 「3月来电中」 is no name
        ("12320 2月预约类来电多少个", ["8500"], []),
        ("12320 3月来电比2月多多少", ["3000"], []),
    ],
)
def test_causes_from_blind_round_t25(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


def test_a_time_of_day_is_no_column_of_the_total(tables):
    # 「夜间来电」 is not 受理来电: 夜间 (a time word) is content the paragraph's table does not print
    a = tables.answer("12320 3月夜间来电多少个", [])
    assert a is None or not a.found, a.text


def test_a_follow_up_naming_the_other_group_keeps_the_figure_and_the_rows(tables):
    prev = [
        {"role": "user", "content": "3月这些医院门诊异地占比是多少"},
        {"role": "assistant", "content": "2016年3月医院门诊异地占比合计为 16.7%（表中合计行）。"},
    ]
    a = tables.answer("住院呢？", prev)
    assert a is not None and a.found and "26.0" in a.text and "12500" not in a.text, a and a.text


def test_a_note_naming_the_row_explains_its_slash(tmp_path):
    from qa.tableqa.execute import slash_reason

    notes = ["（注：江宁区本月新启用的3家中心尚在调试，签约数据次月补报。）"]
    assert "尚在调试" in slash_reason(notes, "江宁区", "本月签约")
    assert slash_reason(notes, "秦淮区", "本月签约") == ""


def test_another_months_clause_keeps_its_own_parts():
    text = "3月份，南京12320卫生热线共受理来电21000个，其中咨询类9000个、投诉类2000个、预约类10000个；2月份受理来电18000个，其中预约类8500个。3月来电中，夜间来电3100个。"
    got = {
        t.data_month: {c.name: v.raw for c, v in zip(t.columns, t.rows[0].values, strict=True)}
        for t in paragraph_tables(text, 3, 2016, "2016-04-20")
    }
    assert got["2016-02"] == {"受理来电": "18000", "预约类": "8500"}
    assert "咨询类" not in got["2016-02"]


@pytest.fixture(scope="module")
def engine_x14(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x14", {"2016-04_第4期.txt": ISSUE})


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("为啥要推家庭医生签约系统", ["重复录入"]),  # the problem a measure answers is why it is taken
        ("签约系统用什么做主索引", ["身份证号"]),  # 系统用: jieba's cut a character late
        ("签约系统一共接入了多少家医院和社区卫生服务中心", ["43家", "12家 + 31家"]),  # a sum of two named
        ("12320 3月夜间来电多少个", ["3100"]),  # 夜间 qualifies the figure: no table column, the text's
    ],
)
def test_text_causes_from_blind_round_x14(engine_x14, q, want):
    a = engine_x14.ask(q, [])
    assert a.found and all(w in a.text for w in want), a.text


@pytest.mark.parametrize(
    "q",
    [
        "推广会对几个区进行了通报批评",  # 批评 is printed nowhere: not the 12家 or 31家 of another clause
        "全市家庭医生签约率实际达到多少了",  # a target (要求…达到40%) and a district's figure are no answer
    ],
)
def test_text_look_alikes_are_refused(engine_x14, q):
    a = engine_x14.ask(q, [])
    assert not a.found, a.text
