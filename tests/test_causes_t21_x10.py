"""The causes behind blind rounds T21, X9 and X10, on two issues written here in other words and tables
(not copies of the rounds' bulletins).

Tables: a project table under a running title (「截至3月底」) with a 「其中：本月支出」 column and a total row
whose last (text) cell is blank; a two-level header whose groups print the same leaves (随访人次 /
补助金额 over 合计 · 高血压 · 糖尿病) with a note on what the money leaves out; a table of rates without a
total row; rows named with a bracketed part (「区域影像平台（三期）」).
Text: names in quotes, a date whose event the headline names, a person in a role, a title asked with
「是…还是…」, a delegation's leader, a body named after its district, and terms no issue prints.
"""

from __future__ import annotations

import pytest

from qa.lexicon import normalize
from qa.parse.tables import split_line
from qa.schema import table_key
from qa.tableqa.plan import _head_after, _part_name
from qa.units import amount
from qa.words import alike

MARCH = """南京卫生信息化简报

2019年第4期（总第80期）

南京市卫生信息中心编印            2019年4月25日

工作动态

“健康南京”APP上线报告查询功能

4月8日起，“健康南京”APP上线检验检查报告查询功能。市民登录APP后，可查询近一年在市属医院的检验检查报告。

居民电子健康档案向个人开放

3月18日起，我市居民电子健康档案向个人开放。居民凭身份证号码和手机验证码即可登录“南京卫生12320”网站查看本人档案。截至3月底，已有1.2万名居民完成查看。

全市公共卫生信息化推进会召开

4月16日，全市公共卫生信息化推进会召开。会议由市卫生健康委副主任陈立主持，市卫生健康委主任赵明出席并讲话。中心副主任孙婷汇报了一季度工作进展。

居民电子健康卡首发

3月20日上午，居民电子健康卡首发仪式在南京市第一医院举行，首批500名市民领到电子健康卡。

高淳区人民医院上线移动护理系统

近日，高淳区人民医院移动护理系统上线运行，覆盖全院18个病区。

合肥市卫生健康委来宁考察

4月10日，合肥市卫生健康委副主任李刚一行6人来宁考察区域影像平台建设情况。

统计数据

2019年信息化项目进度（截至3月底）
项目名称	预算（万元）	累计支出（万元）	其中：本月支出（万元）	执行率（%）	状态
区域影像平台（三期）	800	320	90	40.0	实施中
分级诊疗系统	500	450	60	90.0	实施中
互联网医院平台	300	120	40	40.0	招标中
合计	1600	890	190	55.6\t

2019年3月各区慢病随访情况
区	随访人次			补助金额（万元）\t\t
	合计	高血压	糖尿病	合计	高血压	糖尿病
玄武区	5000	3000	2000	50.00	30.00	20.00
秦淮区	4000	2500	1500	40.00	25.00	15.00
江宁区	8000	5000	3000	80.00	50.00	30.00
合计	17000	10500	6500	170.00	105.00	65.00

（注：补助金额不含上级转移支付。）

2019年3月各医院预约诊疗情况
医院名称	预约人次	爽约人次	满意率（%）
南京鼓楼医院	20000	1000	95.0
江苏省人民医院	18000	1800	96.0
南京市第一医院	9000	450	94.0

2019年3月各医院网络安全监测情况
医院名称	联网终端（台）	已安装（台）	安装率（%）	发现漏洞（个）	已修复（个）
南京市中医院	500	490	98.0	10	8
南京鼓楼医院	800	800	100.0	12	12
南京市第一医院	600	580	96.7	9	9
合计	1900	1870	98.4	31	29

2019年3月各医院能耗情况
医院名称	用电量		用水量
	本月（万千瓦时）	同比（%）	本月（吨）
南京市中医院	120.5	3.2	5000
南京鼓楼医院	300.2	-1.5	9000
"""

APRIL = """南京卫生信息化简报

2019年第5期（总第81期）

南京市卫生信息中心编印            2019年5月24日

工作动态

全市区域影像平台三期通过中期评审

5月15日，全市区域影像平台三期建设项目通过专家中期评审。

统计数据

2019年信息化项目进度（截至4月底）
项目名称	预算（万元）	累计支出（万元）	其中：本月支出（万元）	执行率（%）	状态
区域影像平台（三期）	800	400	80	50.0	实施中
分级诊疗系统	500	480	30	96.0	实施中
互联网医院平台	300	150	30	50.0	实施中
合计	1600	1030	140	64.4\t

2019年4月各医院预约诊疗情况
医院名称	预约人次	爽约人次	满意率（%）
南京鼓楼医院	21000	900	95.5
江苏省人民医院	18500	1500	96.2
南京市第一医院	9500	400	94.1
"""


# -- pure functions ------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("屏", "频", True),  # ping / pin: front and back nasal, a slip input methods make (视屏)
        ("怀", "淮", True),  # one reading
        ("室", "已", False),  # 已's rare reading si is no slip for shi
        ("三", "二", False),
    ],
)
def test_characters_typed_for_each_other(a, b, same):
    assert alike(a, b) is same


def test_half_is_fifty_percent():
    a = amount("一半")
    assert a is not None and a.value == 50.0 and a.dim == "percent"


@pytest.mark.parametrize(
    ("whole", "part", "name"),
    [
        ("累计支出", "本月支出", "本月支出"),
        ("累计完成投资", "本月完成", "本月完成投资"),
        ("门急诊人次", "急诊", "急诊人次"),
    ],
)
def test_a_part_is_named_with_the_head_of_its_whole(whole, part, name):
    assert part + _head_after(whole, part) == name


def test_part_names():
    assert _part_name("其中本月支出") == "本月支出"
    assert _part_name("累计支出") is None


def test_a_title_without_its_date_keeps_no_empty_brackets():
    assert table_key("2019年信息化项目进度（截至3月底）") == table_key("2019年信息化项目进度（截至4月底）")
    assert "(" not in table_key("2019年信息化项目进度（截至3月底）")


def test_a_trailing_tab_is_a_blank_cell():
    line = split_line("合计\t1600\t890\t190\t55.6\t")
    assert line is not None and line.cells == ["合计", "1600", "890", "190", "55.6", ""]


# -- tables ---------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t21", {"2019-04_第4期.txt": MARCH, "2019-05_第5期.txt": APRIL})


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # a 「其中：本月…」 column under a running title is the month's own figure, named in full
        ("分级诊疗系统4月当月支出多少", ["30"], ["480"]),
        ("4月当月支出最多的是哪个项目", ["区域影像平台", "80"], ["480"]),
        # running totals are not added across months; the months' own figures are
        ("互联网医院平台3月和4月一共支出多少", ["70"], ["270"]),
        # a row named by an abbreviation of its name with its bracketed part
        ("影像平台三期4月执行率多少", ["50.0"], []),
        # the total row whose text cell is blank is read: its rate, never the rows' rates added up
        ("4月项目合计执行率是多少", ["64.4"], ["140.0"]),
        ("项目合计执行率4月底比3月底提高了几个百分点", ["8.8"], []),
        # 合计 after a leaf of a group is that leaf's total row, not the group's 合计 column
        ("3月糖尿病随访人次合计多少", ["6500"], ["17000"]),
        # a row's share of the column's total (its 合计 row)
        ("3月江宁随访人次占全市随访人次的百分之几", ["47.06"], ["100%"]),
        # each row's share, ranked
        ("3月哪家医院爽约人次占预约人次的比例最高", ["江苏省人民医院", "10"], []),
        # the sum of the top n rows
        ("3月预约人次前两名的医院加起来多少", ["38000"], ["47000"]),
        # a per-one figure whose count is under the same leaf in another group
        ("3月江宁糖尿病随访平均每人次补助多少元", ["100"], []),
        # thresholds in words: 一半 is 50 %
        ("3月执行率不到一半的项目有哪些", ["区域影像平台", "互联网医院平台"], ["分级诊疗系统"]),
        # a direction asked as a choice
        ("分级诊疗系统4月累计支出跟3月比是增是减", ["30"], []),
        # T22: a form said without its last 院
        ("3月市中医漏洞修复了几个", ["8"], []),
        # T22: a change printed in % (同比) is no share: the share of the month's figure is computed
        ("3月鼓楼用电量占两家医院合计的百分之几", ["71.36"], ["-1.5"]),
        # T22, then T33: a rate the table does not print is never its only rate (安装率); since T33 it is
        # computed, the count over the column it is taken from, and said so
        ("3月漏洞修复率是多少", ["29 ÷ 31", "已修复÷发现漏洞"], ["安装率"]),
    ],
)
def test_causes_from_blind_round_t21(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


@pytest.mark.parametrize(
    "question",
    [
        "3月各医院满意率加起来是多少",  # rates of rows without a total row: never added up
        "3月江宁上级转移支付补助多少",  # the note says the table leaves it out
        "3月鼓楼用水量同比多少",  # T22: 用水量 prints no 同比; 用电量's is not it
        "3月鼓楼安装了但没修复的漏洞有几个",  # T22: a column's word negated: its complement, not printed
    ],
)
def test_what_the_tables_do_not_hold_is_refused(tables, question):
    a = tables.answer(question, [])
    assert a is None or not a.found, a.text


def test_a_follow_up_share_is_of_the_figure_asked_before(tables):
    from qa.tableqa.plan import Op

    first = tables.planner.read("3月高血压随访人次合计多少").plan
    assert first is not None and first.columns == ["随访人次高血压"] and first.op == Op.TOTAL
    then = tables.planner.read("占总人次的百分之多少", first).plan
    assert then is not None and then.op == Op.SHARE
    assert then.columns == ["随访人次高血压"] and then.whole == ["随访人次合计"]


# -- text -------------------------------------------------------------------------------------------------
@pytest.fixture(scope="module")
def engine_x10(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x10", {"2019-04_第4期.txt": MARCH})


@pytest.mark.parametrize(
    ("q", "want", "not_in"),
    [
        # a name printed in quotes and the word after it are asked as one word
        ("健康南京APP啥时候能查检验报告了", ["4月8日"], []),
        # the headline names the event the dated sentence dates; of dated sentences, the one saying it
        ("居民电子健康档案是从哪天开始对个人开放的", ["3月18日"], ["3月底"]),
        # 「什么职务」 asks the name with its title, in one question
        ("2019年公共卫生信息化推进会上哪位领导讲的话？什么职务", ["赵明", "主任"], []),
        # 「是主任还是副主任」: either title
        ("推进会上中心哪位领导汇报的，是主任还是副主任", ["孙婷", "副主任"], []),
        # a delegation's leader
        ("合肥来考察是谁带队的", ["李刚"], []),
        # a body named after its district, with or without 区
        ("高淳人民医院移动护理系统覆盖了多少个病区", ["18"], []),
        # jieba's join of a name and 是
        ("孙婷是什么职务", ["副主任"], []),
        # X11: 「在南京市第一医院举行」 names the place (a name of the index's dictionary)
        ("电子健康卡首发仪式在哪家医院办的", ["第一医院"], []),
    ],
)
def test_text_causes_from_blind_rounds_x9_x10(engine_x10, q, want, not_in):
    a = engine_x10.ask(q, [])
    assert a.found, a.text
    for w in want:
        assert w in a.text, a.text
    for w in not_in:
        assert w not in a.text, a.text


@pytest.mark.parametrize(
    "q",
    [
        "2019年4月电子病历系统建设花了多少钱",  # a term of the domain no indexed issue prints
        "健康南京APP有多少注册用户",  # what is counted is not what any passage counts
        "合肥来考察去了哪几家医院",  # a detail the text does not give
        "2017年公共卫生信息化推进会有多少人参加",  # another year, printed nowhere as a topic
    ],
)
def test_text_look_alikes_are_refused(engine_x10, q):
    a = engine_x10.ask(q, [])
    assert not a.found, a.text


def test_normalised_questions_keep_case_insensitive_names():
    assert normalize("健康南京APP") == "健康南京app"
