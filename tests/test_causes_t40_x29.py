"""The causes behind blind rounds T40 and X29, on issues written here with other tables and words.

Tables: a change printed in 百分点 beside a rate in % is that rate's change from the month before (read,
where the month before has no table); one month and a change of rows (「提升最多」「下降最多」「回落了」)
compares with the month before, in the change the table prints; 「没处置完」 is the column 未完成处置 (a
verb with 完 after it is printed 完成 + verb), 「不是按时完成的」 a negation (whole − part); a row's share of
the one column named as the whole, and 「占全市合计」 is the column's total row, never the rate the table
prints within each row.
Text: a table's note answers why its table prints a 「/」, how a rate is computed (「咋算的」), what a word
covers (「包括啥」) and what is done about the rest (「咋处理」) — no figure does; a deputy is addressed
without 副 (郑主任 for 副主任郑国强); jieba's 上委 of 「会上委主任」 is 会上 + 委主任; a short question the
embedding places far from every passage is answered where one sentence says all of it and holds who; the
column an article is printed under (他山之石) names it; a level the passage prints otherwise (省级 for 市级)
and a part of a figure the question states itself (「1200例里CT」) are refused; a hospital said in a
follow-up takes the place of the one before; 「为啥会这样」 after what an inspection found reads the
article's causes; a space between two questions ends the first; 讲评 is something said.
(Verified on deb9e34, the commit of first contact: those marked "fails" fail there.)
"""

from __future__ import annotations

import pytest
from conftest import answered_with, said_with

TABLES = """南京卫生信息化

2027年第4期（总第302期）

南京市卫生信息中心编印 2027年4月20日

「统计数据」

2027年3月各区家庭医生签约服务情况
区	应签约人数（人）	已签约人数（人）	签约率（%）	较上月增减（百分点）
玄武区	50000	36000	72.0	+1.5
秦淮区	60000	40200	67.0	-0.4
鼓楼区	80000	60000	75.0	+2.3
六合区	40000	24000	60.0	+0.6
江北新区	30000	19500	65.0	/
合计	260000	179700	69.1	+1.0
（注：签约率=已签约人数/应签约人数×100%；应签约人数含辖区65岁以上老年人和慢性病患者；江北新区为本月新增统计单元，“较上月增减”栏以“/”表示。）

2027年3月全市网络安全漏洞处置情况（单位：个）
漏洞类别	本月发现	已完成处置	其中：按时完成	未完成处置	处置完成率（%）
弱口令	40	36	30	4	90.0
高危端口	25	20	18	5	80.0
系统漏洞	60	45	40	15	75.0
合计	125	101	88	24	80.8
（注：处置完成率=已完成处置/本月发现×100%；未完成处置的漏洞转入下月台账跟踪。）

2027年3月各医院远程会诊开展情况
医院	申请例数	完成例数	完成率（%）
江苏省人民医院	500	450	90.0
南京鼓楼医院	400	380	95.0
南京市第一医院	300	240	80.0
合计	1200	1070	89.2
"""

NEWS = """南京卫生信息化

2015年第6期 总第60期

南京市卫生信息中心编 2015年6月25日

全市社区卫生信息化推进会召开

6月10日，全市社区卫生信息化推进会在市卫生计生委召开。市卫生计生委主任李华出席会议并讲话，副主任郑国强主持会议。各区卫生计生委分管领导共80人参加会议。

郑国强副主任在主持会议时要求，各单位要抓紧完成社区健康档案系统升级，于6月30日前报送升级方案。

社区卫生信息系统建设项目获批

市发改委批复社区卫生信息系统建设项目，总投资1500万元，其中市级财政资金900万元、各区配套资金400万元、项目单位自筹200万元。

浦口区区域影像中心运行良好

截至6月20日，浦口区区域影像中心已完成远程影像诊断1200例。

医院信息系统专项检查结束

5月，市卫生计生委对18家医院信息系统进行了专项检查。检查发现，部分医院存在系统备份不及时、机房管理不规范等问题。

分析原因，一是部分医院信息科人员配备不足；二是个别医院对机房管理重视不够，制度执行不到位。

病案统计培训班举办

6月16日，市卫生信息中心举办病案统计培训班。市统计局统计科科长钱丽萍就病案首页填报中的常见错误进行了分析讲评。

【他山之石】

苏州市推行社区卫生服务信息化

苏州市自2012年起在各区推行社区卫生服务信息化，已建立居民健康档案120万份。苏州的做法值得我市借鉴。

【简讯】

△6月8日，东南大学附属中大医院门诊自助挂号系统投入使用。

△6月12日，江苏省人民医院新增自助缴费机15台。
"""


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    from conftest import engine_of

    return engine_of(
        tmp_path_factory, "causes_t40_x29", {"2027-04_第4期.txt": TABLES, "2015-06_第6期.txt": NEWS}
    )


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # 百分点 beside %: the printed change, February having no table; fails on deb9e34
        ("玄武区3月签约率比上月是升了还是降了", ["+1.5"], []),
        # one month and the most risen of rows: the printed change; fails on deb9e34
        ("3月哪个区签约率提升最多", ["鼓楼区", "2.3"], []),
        # 下降最多: the lowest printed change, not the lowest rate (六合区 60.0); fails on deb9e34
        ("3月哪个区签约率下降最多", ["秦淮区", "-0.4"], ["六合区"]),
        # the rows whose printed change falls; fails on deb9e34
        ("3月哪些区签约率回落了", ["秦淮区"], ["玄武区", "鼓楼区"]),
        # 没处置完 is 未完成处置; fails on deb9e34
        ("3月弱口令还有几个没处置完", ["4"], ["90.0"]),
        # 处置完了 is 已完成处置, a count (个), not 处置完成率; fails on deb9e34
        ("3月弱口令处置完了多少个", ["36"], ["90.0"]),
        # 不是按时完成的 of 已完成处置: whole − part (101 − 88); fails on deb9e34
        ("3月已完成处置里面不是按时完成的有多少个", ["13"], []),
        # a row's share of the one column named as the whole (60 ÷ 125); fails on deb9e34
        ("3月系统漏洞占全部发现漏洞的比例", ["48%", "60 ÷ 125"], []),
        # 占全市合计: of the column's total row (380 ÷ 1070), never 完成率 95.0; fails on deb9e34
        ("3月鼓楼的完成例数占全市合计多少比例", ["35.5"], ["95.0"]),
    ],
)
def test_table_causes_of_round_t40(eng, question, figures, absent):
    answered_with(eng.tables, question, figures, absent)


@pytest.mark.parametrize(
    ("question", "said", "absent"),
    [
        # a table's note says why a cell is 「/」; fails on deb9e34
        ("江北新区那格为啥是斜杠", ["新增统计单元"], []),
        # … how a rate is computed; held on deb9e34 here (T40-091 did not: its note did not name the table)
        ("签约率是咋算的", ["已签约人数/应签约人数"], []),
        # … what a column covers, never a figure of it; held on deb9e34 here (T40-018 was given a figure)
        ("签约表里应签约人数都包括啥", ["65岁以上"], ["260000"]),
        # … what is done about the rest; fails on deb9e34
        ("没处置完的漏洞后面咋处理", ["台账"], []),
        # 郑主任 is 副主任郑国强 (no 主任 is named 郑); fails on deb9e34
        ("15年推进会上郑主任提了啥要求", ["6月30日"], []),
        # 会上 + 委主任 (jieba's 上委); fails on deb9e34
        ("15年推进会上委主任是谁", ["李华"], []),
        # the column an article is printed under names it; fails on deb9e34
        ("15年他山之石讲的哪个城市", ["苏州"], []),
        # 讲评 is said; fails on deb9e34
        ("钱丽萍讲了啥", ["常见错误"], []),
        # a space between two questions ends the first; fails on deb9e34
        ("15年推进会在哪开的 来了多少人", ["市卫生计生委", "80人"], []),
        # a short question the embedding places far off: one sentence says all of it and names who
        ("15年那个会谁主持的", ["郑国强"], []),
        # the level printed (held on deb9e34: the other level asked is refused below)
        ("社区卫生信息系统项目市级财政出了多少钱", ["900万元"], []),
    ],
)
def test_text_causes_of_round_x29(eng, question, said, absent):
    said_with(eng, question, said, absent)


@pytest.mark.parametrize(
    "question",
    [
        # 省级 where the passage prints 市级财政资金; fails on deb9e34
        "社区卫生信息系统项目省级财政出了多少钱",
        # a part of a figure the question states itself; fails on deb9e34
        "浦口影像中心1200例里CT有多少例",
        # 哪个区 of passages naming no district; fails on deb9e34
        "15年专项检查发现问题最多的是哪个区",
    ],
)
def test_look_alikes_of_round_x29_are_refused(eng, question):
    a = eng.ask(question)
    assert not a.found, a.text


@pytest.mark.parametrize(
    ("prev", "prev_answer", "question", "said"),
    [
        # a hospital said in a follow-up takes the place of the one before; fails on deb9e34
        (
            "15年简讯里中大医院干了啥",
            "2015年第6期简讯：6月8日，东南大学附属中大医院门诊自助挂号系统投入使用。",
            "省人医呢",
            ["自助缴费机"],
        ),
        # 为啥会这样: the causes the article gives after what was found; fails on deb9e34
        (
            "15年专项检查发现了啥问题",
            "检查发现，部分医院存在系统备份不及时、机房管理不规范等问题。",
            "为啥会这样",
            ["人员配备不足"],
        ),
    ],
)
def test_follow_ups_of_round_x29(eng, prev, prev_answer, question, said):
    history = [{"role": "user", "content": prev}, {"role": "assistant", "content": prev_answer}]
    said_with(eng, question, said, [], history)
