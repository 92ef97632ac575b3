"""The causes behind blind rounds T26 and X15, on an issue written here with other tables and words (not
copies of the rounds' bulletins).

Tables: rows named with their letters in brackets (「医院信息系统（HIS）」); a two-level header whose group
has its own 合计 (已接入机构数 / 医院 · 社区 · 合计); a column naming two things together (省、市属医院);
a month series closed by its span's 合计 row, beside a printed 同比增长; a printed 占比 asked in a
follow-up; 「那期里」 and an issue narrowing the month named; 「5、6两个月」; a channel printed in quotes in
one issue and plainly in another; a paragraph (one row) beside a table of channels; one word of the
language cut across two columns (心理咨询).
Text: a difference of two figures one sentence prints, a body named with a word its article lacks, a
district's figure asked of a city-wide sentence.
"""

from __future__ import annotations

import pytest

ISSUE = """南京卫生信息化

2012年第7期

南京市卫生信息中心编　2012年7月20日

【工作动态】

区域平台二期启动

7月2日，区域卫生信息平台二期工程启动。据统计，试运行首周平台共完成调阅4300人次，其中医生调阅2900人次，居民调阅1400人次。会议要求全市居民电子健康档案建档率年底前达到60%以上。

浦口区远程心电诊断中心启用

6月28日，浦口区远程心电诊断中心在浦口区中心医院正式启用，辖区9家社区卫生服务中心接入。

统计数据

2012年6月各系统接入情况

系统	已接入机构数（家）			接入率（%）
	医院	社区	合计
医院信息系统（HIS）	30	40	70	87.5
影像归档和通信系统（PACS）	20	10	30	37.5
实验室信息系统（LIS）	25	15	40	50.0

2012年6月部分医院手术情况

医院	手术（例）	三四级手术（例）	三四级手术占比（%）	省、市属医院（家）
江苏省人民医院	4000	2200	55.0	1
南京市第一医院	2000	900	45.0	1

2012年1—6月全市血液供应情况

月份	供血量（单位）	上年同期（单位）	同比增长（%）
1月	100	90	11.1
2月	110	100	10.0
3月	120	110	9.1
4月	130	120	8.3
5月	140	125	12.0
6月	150	140	7.1
1—6月合计	750	685	9.5

2012年6月各渠道预约情况

渠道	6月预约量（人次）	5月预约量（人次）
“健康南京”APP	5000	4000
12320网站	3000	3500
合计	8000	7500

6月份，南京12320卫生热线共受理来电20000个，其中咨询类8000个、投诉类2000个、心理危机干预500个、其他9500个；5月份共受理来电18000个。

南京市卫生信息中心

地址：南京市紫竹林3号

责任编辑：陈颖　印数：200份
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t26", {"2012-07_第7期.txt": ISSUE})


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # rows named by the letters in their brackets
        ("6月PACS接入率多少", ["37.5"], []),
        ("6月社区里接了LIS的有几家", ["15"], ["40家"]),
        # 一共 over a group with its own 合计 leaf: that total, its leaves unsaid
        ("6月HIS一共接入多少家机构", ["70"], ["30家", "40家"]),
        # a span's 合计 row of a month series: the printed figure for exactly that range
        ("1到6月供血量同比增长多少", ["9.5"], ["7.1"]),
        ("1-6月供血量上年同期是多少", ["685"], []),
        # 「5、6两个月」 are two months, not the year
        ("2012年5、6两个月12320一共受理多少来电", ["38000"], []),
        # the issue said narrows the month named; 期 says nothing of the figure
        ("12年那期里12320 6月受理了多少来电", ["20000"], ["18000"]),
        # a table of channels answers 「哪个渠道」, a paragraph's one row never does
        ("6月哪个预约渠道比5月是下降的", ["12320网站"], []),
    ],
)
def test_causes_from_blind_round_t26(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


@pytest.mark.parametrize(
    "question",
    [
        "省人医6月市属医院有几家",  # one of the things 「省、市属医院」 names together
        "6月12320心理咨询类来电有多少个",  # 心理咨询 is no 心理危机干预 and no 咨询类
    ],
)
def test_what_the_tables_do_not_hold_is_refused(tables, question):
    a = tables.answer(question, [])
    assert a is None or not a.found, a.text


def test_a_printed_share_asked_in_a_follow_up(tables):
    prev = [
        {"role": "user", "content": "省人医6月三四级手术多少例"},
        {"role": "assistant", "content": "2012年6月，江苏省人民医院三四级手术为 2200例。"},
    ]
    a = tables.answer("占比呢", prev)
    assert a is not None and a.found and "55.0" in a.text and "2200 ÷" not in a.text, a and a.text


def test_quotation_marks_name_nothing():
    from qa.lexicon import bracket_abbreviation, entity_key

    assert entity_key("“健康南京”APP") == entity_key("健康南京APP")
    assert bracket_abbreviation("影像归档和通信系统（PACS）") == {"pacs"}
    assert bracket_abbreviation("南京鼓楼医院（含分院）") == set()


@pytest.fixture(scope="module")
def engine_x15(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x15", {"2012-07_第7期.txt": ISSUE})


def test_a_difference_of_two_figures_one_sentence_prints(engine_x15):
    a = engine_x15.ask("平台试运行首周医生调阅比居民调阅多多少人次", [])
    assert a.found and "1500人次" in a.text and "2900人次 − 1400人次" in a.text, a.text


@pytest.mark.parametrize(
    "q",
    [
        "浦口区远程影像诊断中心是哪天启用的",  # the article's body is a 远程心电诊断中心
        "鼓楼区居民电子健康档案建档率是多少",  # a city-wide target is no district's figure
    ],
)
def test_text_look_alikes_are_refused(engine_x15, q):
    a = engine_x15.ask(q, [])
    assert not a.found, a.text
