"""What is left of a whole: 「没归档的病历」「离目标还差多少」 are whole − part when the table's own rate column
divides that part by that whole in every row (read from the figures at load, never from the header's
words), and refused when no rate says which column is the whole.

The bulletin is written here, with table kinds no blind round used (病历归档, 健康讲座, 设备巡检).
"""

from __future__ import annotations

import pytest

from qa.schema import ColumnInfo, part_of_whole

ISSUE = """南京卫生信息化简报

2020年第4期（总第92期）

南京市卫生信息中心编印            2020年4月20日

统计数据

2020年3月各医院出院病历归档情况
医院	出院病历（份）	已归档（份）	归档率（%）	平均归档天数（天）
南京市第一医院	5200	5096	98.0	3.2
南京鼓楼医院	6400	6080	95.0	4.1
南京市儿童医院	2500	2475	99.0	2.8
南京市中医院	3100	2790	90.0	5.0
合计	17200	16441	95.6	3.8

2020年各区健康教育讲座目标完成情况（截至3月底）
区	年度目标（场）	累计完成（场）	完成率（%）
玄武区	120	36	30.0
秦淮区	100	41	41.0
江宁区	200	52	26.0
合计	420	129	30.7

2020年3月各医院设备巡检情况
医院	巡检设备（台）	发现问题（个）	已整改（个）
南京市第一医院	830	12	9
南京鼓楼医院	910	20	20
合计	1740	32	29

2020年3月各区冷链设备在线情况
区	监测设备（台）	在线（台）	在线率（%）
玄武区	50	48	96.0
秦淮区	40	36	90.0
江宁区	110	99	90.0
"""


def info(name: str, unit: str, kind: str = "value") -> ColumnInfo:
    dim = "percent" if kind == "rate" else "count:份"
    return ColumnInfo(name, unit, "", dim, 1.0, unit, "", name, kind)


COLS = {
    "出院病历": info("出院病历", "份"),
    "已归档": info("已归档", "份"),
    "归档率": info("归档率", "%", "rate"),
}


@pytest.mark.parametrize(
    ("rows", "parts"),
    [
        # every row's rate is part ÷ whole to its printed precision: a pair
        (
            [
                {"出院病历": (5200, "5200"), "已归档": (5096, "5096"), "归档率": (98.0, "98.0")},
                {"出院病历": (2500, "2500"), "已归档": (2475, "2475"), "归档率": (99.0, "99.0")},
            ],
            {"已归档": "出院病历"},
        ),
        # one row off by more than its rounding: no pair
        (
            [
                {"出院病历": (5200, "5200"), "已归档": (5096, "5096"), "归档率": (98.0, "98.0")},
                {"出院病历": (2500, "2500"), "已归档": (2475, "2475"), "归档率": (98.8, "98.8")},
            ],
            {},
        ),
        # one row is no evidence
        ([{"出院病历": (5200, "5200"), "已归档": (5096, "5096"), "归档率": (98.0, "98.0")}], {}),
        # a rate printed without decimals is read to its own precision (86 for 85.7)
        (
            [
                {"出院病历": (7, "7"), "已归档": (6, "6"), "归档率": (86, "86")},
                {"出院病历": (3, "3"), "已归档": (2, "2"), "归档率": (67, "67")},
            ],
            {"已归档": "出院病历"},
        ),
    ],
)
def test_a_part_and_its_whole_come_from_the_rate_the_table_prints(rows, parts):
    assert part_of_whole(COLS, rows) == parts


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "complements", {"2020-04_第4期.txt": ISSUE})


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("3月还有多少份出院病历没归档", ["759"], ["16441", "17200"]),
        ("鼓楼3月未归档的病历有几份", ["320"], ["6080"]),
        ("3月哪家医院没归档的病历最多", ["南京鼓楼医院", "320"], []),
        (
            "3月没归档病历超过200份的医院有哪些",
            ["南京鼓楼医院", "南京市中医院"],
            ["南京市儿童医院", "南京市第一医院"],
        ),
        ("江宁区健康讲座离年度目标还差多少场", ["148"], ["52"]),
        ("截至3月底全市健康讲座还剩多少场没完成", ["291"], []),
        # the part itself, said without a negation, is the printed column
        ("3月市一已归档多少份", ["5096"], []),
    ],
)
def test_what_is_left_of_a_whole_is_computed(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


def test_the_rate_of_rows_together_is_their_sums_divided(tables):
    """A table printing no total row: 「总体在线率」 is Σ 在线 ÷ Σ 监测设备 (the pair its 在线率 divides),
    never the rows' rates added or averaged (276.0, 92.0)."""
    from test_plan import answered

    answered(tables, "3月全市冷链设备总体在线率是多少", ["91.5", "183", "200"], ["276", "92.0%"])


def test_the_answer_says_how_it_was_computed(tables):
    a = tables.answer("3月还有多少份出院病历没归档", [])
    assert a is not None and a.found and "出院病历" in a.text and "已归档" in a.text


@pytest.mark.parametrize(
    "question",
    [
        # no rate divides 已整改 by 发现问题: which column is the whole is not the table's to say
        "3月鼓楼设备巡检还有几个问题没整改",
        # a rate is no part of anything: never subtracted
        "3月市一没归档率是多少",
    ],
)
def test_a_complement_no_rate_explains_is_refused(tables, question):
    a = tables.answer(question, [])
    assert a is None or not a.found, a.text
