"""The causes behind blind rounds T23, X12, T24 and X13, on an issue written here with other tables and words (not
copies of the rounds' bulletins).

Tables: a rank column under a name of its own (位次) before the rows' names, closed by 「前五位合计」; a
share column (构成比) each row's share of a whole only a note gives; a two-level header whose leaves are
小计 and 「其中：…」; a column whose name is a negation (不合格) beside its positive; columns in 人 only.
Paragraphs: the statement's own month printed between a label and its figure.
Text: an unnamed officer beside a named expert, a rate asked of a sentence that prints none, a purpose
said as what a thing 解决s, 「主要目的」 (which holds 要目, a contents word, across two words).
"""

from __future__ import annotations

import pytest

from qa.parse.paragraphs import paragraph_tables

ISSUE = """南京卫生信息化简报

2014年第4期（总第60期）

南京市卫生信息中心编印            2014年4月22日

工作动态

全市卫生应急信息化培训举办

4月10日，市卫生信息中心举办全市卫生应急信息化培训。会议邀请东南大学教授周海峰讲解应急指挥系统建设要点，市消防支队干部结合近期火灾案例讲解医院消防安全管理。

区域检验平台上线

居民健康卡具有身份识别、费用结算和档案查询等功能。

区域检验平台的上线，将有效解决患者在不同医院重复检验的问题，方便群众就医。推行区域检验平台的主要目的是让检验结果在全市共享。平台计划接入医疗机构120家，截至3月底已接入87家。

统计数据

2014年3月市属医院前五位死因构成
位次	死因	死亡人数（人）	构成比（%）
1	恶性肿瘤	412	30.25
2	心脏病	286	21.00
3	脑血管病	231	16.96
4	呼吸系统疾病	158	11.60
5	损伤和中毒	74	5.43
	前五位合计	1161	85.24

（注：本月市属医院死亡总人数1362人。）

2014年3月市属医院医疗费用构成（单位：万元）
医院	费用合计	门诊费用		住院费用
		小计	其中：检查	小计	其中：检查
南京鼓楼医院	9000	3000	800	6000	1500
南京市第一医院	5000	2000	500	3000	900
南京市儿童医院	4000	1500	300	2500	600
合计	18000	6500	1600	11500	3000

2014年3月大型医用设备检查情况（单位：人次）
医院	CT	MRI	PET-CT	合计
南京鼓楼医院	9000	3100	120	12220
南京市第一医院	7000	2500	/	9500
南京市儿童医院	3000	900	/	3900
合计	19000	6500	120	25620

2014年3月医院感染监测情况
医院	监测人数	医院感染		其中：漏报
		例数	感染率（%）	例数	漏报率（%）
南京鼓楼医院	5000	100	2.00	8	8.00
南京市第一医院	4000	60	1.50	3	5.00
南京市儿童医院	2000	50	2.50	4	8.00

2014年3月病历质量抽查结果（单位：份）
医院	抽查份数	合格	基本合格	不合格	合格率（%）
南京鼓楼医院	200	180	12	8	90.0
南京市第一医院	150	120	21	9	80.0
南京市儿童医院	100	94	4	2	94.0

地址:南京市紫竹林3号 邮编:210003

责任编辑:张晓东 本期印数:120份
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t23", {"2014-04_第4期.txt": ISSUE})


def test_a_column_counting_the_rows_is_their_rank_not_their_names(tmp_path):
    from qa.parse import parse_file

    path = tmp_path / "2014-04_第4期.txt"
    path.write_text(ISSUE, encoding="utf-8")
    [deaths] = [t for t in parse_file(path).tables if "死因" in t.title]
    assert deaths.label_header == "死因"
    assert [r.label for r in deaths.rows][:2] == ["恶性肿瘤", "心脏病"]
    assert deaths.total is not None and deaths.total.label == "前五位合计"


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # the rows are the causes of death, ranked by their count (构成比 is each one's share of it)
        ("3月心脏病死了多少人", ["286"], []),
        ("3月排第一的死因是什么", ["恶性肿瘤", "412"], []),
        ("3月脑血管病占比多少", ["16.96"], []),
        ("3月恶性肿瘤死亡人数占全部死亡人数的比例", ["30.25"], []),
        # 「前五位合计」 is the total of the rows listed, said as printed
        ("3月前五位死因死亡人数合计多少", ["1161"], ["1362"]),
        # leaves of a two-level header named in another order, and 其中 naming no leaf
        ("鼓楼3月门诊检查费用多少", ["800"], ["3000"]),
        ("一院3月住院费用其中检查多少", ["900"], []),
        ("鼓楼3月门诊和住院的检查费用加起来一共多少", ["2300"], []),
        ("3月市属医院费用一共多少万元", ["18000"], ["6500"]),
        # 不合格 is a column of its own, never the complement of 合格
        ("鼓楼3月不合格的病历有几份", ["8份"], ["12份", "20份"]),
        # a column's name in quotes is that column
        ("一院3月抽查中“合格”的有多少份", ["120"], ["150"]),
        # T24: a device named in Chinese for its English header; 例 said for 人次
        ("鼓楼3月核磁共振检查多少人次", ["3100"], []),
        ("鼓楼3月PET-CT做了多少例", ["120"], []),
        # T24: 总量 before a ranking names the figure ranked, it adds nothing up
        ("3月大型设备检查总量排前两名的医院", ["南京鼓楼医院", "南京市第一医院"], ["21720"]),
        # T24: 漏报 is what the table counts; 院感 says whose (the 其中 part, not its whole)
        ("鼓楼3月院感漏报了几例", ["8"], ["100"]),
        ("3月儿童医院院感发生率多少", ["2.50"], []),
    ],
)
def test_causes_from_blind_round_t23(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


@pytest.mark.parametrize(
    "question",
    [
        # the whole asked is not the 「前五位合计」 row (the note's 1362 is no cell)
        "3月市属医院全部死亡人数是多少",
        # 人次 asked of a table counting 人 (份): no column of it, nothing to default to
        "一院3月门诊人次是多少",
    ],
)
def test_what_the_tables_do_not_hold_is_refused(tables, question):
    a = tables.answer(question, [])
    assert a is None or not a.found, a.text


def test_the_statements_own_month_between_label_and_figure():
    text = (
        "2014年3月，南京12320卫生热线共受理来电30120个，2月为27450个；其中预约挂号3月10230个，2月9410个；"
        "投诉3月1020件，2月980件。"
    )
    got = {
        t.data_month: {c.name: v.raw for c, v in zip(t.columns, t.rows[0].values, strict=True)}
        for t in paragraph_tables(text, 3, 2014, "2014-04-22")
    }
    assert got["2014-03"] == {"受理来电": "30120", "预约挂号": "10230", "投诉": "1020"}
    assert got["2014-02"] == {"受理来电": "27450", "预约挂号": "9410", "投诉": "980"}


@pytest.fixture(scope="module")
def engine_x12(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x12", {"2014-04_第4期.txt": ISSUE})


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("应急信息化培训请了谁来讲课", ["周海峰"]),  # 讲课 said for 讲解
        ("区域检验平台上线是为了解决啥问题", ["重复检验"]),  # a purpose said as what it 解决s
        ("推行区域检验平台的主要目的是啥", ["共享"]),  # 主要目的 asks no contents list
        ("区域检验平台离计划还差多少家没接入", ["33家", "120家 − 87家"]),  # a plan less what is done
        ("居民健康卡有哪些功能", ["身份识别"]),  # X13: 卡有 is jieba's join of 卡 and 有, no name
        ("2014年第4期印了多少份", ["120"]),  # X13: the print run on the editor's line
    ],
)
def test_text_causes_from_blind_round_x12(engine_x12, q, want):
    a = engine_x12.ask(q, [])
    assert a.found and all(w in a.text for w in want), a.text


@pytest.mark.parametrize(
    "q",
    [
        "应急培训上讲消防安全的那位消防干部叫啥名字",  # 干部 unnamed; 周海峰 is the 教授 of another clause
        "2014年那期说全市检验结果互认率是多少",  # a rate no sentence prints
    ],
)
def test_text_look_alikes_are_refused(engine_x12, q):
    a = engine_x12.ask(q, [])
    assert not a.found, a.text


@pytest.mark.parametrize(
    ("line", "fields"),
    [
        ("责任编辑:刘晓东 本期印数:150份", [("责任编辑", "刘晓东")]),
        (
            "地址:南京市紫竹林3号 邮编:210003 电话:025-83626620",
            [("地址", "南京市紫竹林3号"), ("邮编", "210003"), ("电话", "025-83626620")],
        ),
        ("报：市卫生局", [("报", "市卫生局")]),
    ],
)
def test_a_contact_line_of_several_fields(line, fields):
    from qa.parse.text import contact_fields

    assert contact_fields(line) == fields
