"""The causes behind blind rounds T31 and X20, on issues written here with other tables and words.

Tables: 「检测合格率」 over 检测 · 检测合格 · 合格率 names the rate (检测合格 is a column of its own, not a word
cut across two); 「合格率100%的」 is a value stated (等于), not 「有」; two parts of one whole said as one
thing (「农村学校合格了几所」) are a part of a part the table does not print; 「合格学校少于监测学校的区」
compares two columns row by row; 「低于全市平均水平」 is the table's own level (its total row's rate, or
the rows' mean).
Text: a date opening a clause dates what follows it (「11月2日至5日，市卫生局…进行了专项检查」); the clause
printing the word asked for is kept (「培训了啥内容」 → 内容包括…); a list asked runs on to the next sentence
of the paragraph when that one names more; 「为啥」 is answered by 「为 + an idiom」 (为贯彻落实); 「几等奖」
counts in 等; 「由原来的10天缩短到3天」 is a change; 「加一起」 adds (个 and 处 are both counts); 「哪里的专家」
asks a body; 「是谁负责组织实施的」 is answered by the body that did it; 「几个人」 counts people. Look-alikes
refuse: 「哪家医院…最多」 of a sentence naming none; 「多少家社区卫生服务中心」 of 「30家二级医院」; 「日活
用户」 of 「注册用户」; a district of a project whose paragraph names other districts. (Two held on the code
before too and are kept as behaviour.)
"""

from __future__ import annotations

import pytest

TABLES = """南京卫生信息化

2000年第6期

南京市卫生信息中心编　2000年6月20日

统计数据

2000年5月各区县学校卫生监测情况

区县	监测学校（所）	其中：农村学校（所）	合格学校（所）	合格率（%）
玄武区	10	/	10	100.0
江宁区	20	12	16	80.0
六合区	15	9	12	80.0
合计	45	21	38	84.4
（注：“/”表示该区无农村学校。）

2000年5月部分医院医用设备检测情况

单位	医用设备
	在用（台）	检测（台）	检测合格（台）	合格率（%）
江苏省人民医院	40	10	9	90.0
南京鼓楼医院	30	8	8	100.0
合计	70	18	17	94.4
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t31", {"2000-06_第6期.txt": TABLES})


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("鼓楼医院5月设备检测合格率多少", ["100.0"], []),
        ("5月设备检测合格率最低的医院", ["江苏省人民医院", "90.0"], []),
        ("5月合格率100%的区有哪些", ["玄武区"], ["江宁区"]),
        ("5月合格学校少于监测学校的区有哪些", ["江宁区", "六合区"], ["玄武区"]),
        ("5月合格率低于全市平均水平的区县有几个", ["84.4", "江宁区", "六合区"], ["玄武区"]),
    ],
)
def test_causes_from_blind_round_t31(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


def test_a_part_of_a_part_is_not_printed(tables):
    a = tables.answer("江宁区5月农村学校合格了几所", [])
    assert a is None or not a.found, a.text


NEWS = """南京卫生信息化

2000年第11期 总第3期

南京市卫生信息中心编 2000年11月27日

【工作动态】

市卫生局开展医院信息系统专项检查

为贯彻落实全省医院信息化工作会议精神，11月2日至5日，市卫生局组织专家组对全市15家二级以上医院的信息系统进行了专项检查。检查共发现高危漏洞12个、弱口令问题5处。针对上述问题，市卫生局要求有关医院于12月31日前完成整改。

医院信息人员培训班举办

11月8日，市卫生局举办医院信息人员培训班，各医院信息科技术人员共66人参加培训。培训邀请南京大学、江苏警官学院的专家授课，内容包括机房管理、数据备份和病毒防范。培训结束时进行了考试，60人考试合格。

社区卫生服务信息系统试点启动

市卫生局启动社区卫生服务信息系统试点，项目总投资200万元，由市卫生信息中心负责组织实施。首批试点为鼓楼区、玄武区的8个社区卫生服务中心。

卫生统计直报系统获奖

市卫生信息中心研发的卫生统计直报系统获市科技进步二等奖。系统投用后，报表上报时间由原来的10天缩短到3天。

区域影像平台上线

市区域影像平台上线，首批接入30家二级医院。“健康南京”网站注册用户突破100万。

【区县动态】

江宁区：区卫生局建成卫生系统局域网。网络连接区人民医院、区中医院、区疾控中心和5个乡镇卫生院。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x20", {"2000-11_第11期.txt": NEWS}, seed=False)


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("00年医院信息系统专项检查是啥时候搞的", ["11月2日"]),
        ("00年培训班都培训了啥内容", ["机房管理"]),
        ("00年江宁区卫生系统局域网连了哪些单位", ["区中医院"]),
        ("00年为啥要搞医院信息系统专项检查", ["贯彻落实"]),
        ("00年统计直报系统获了几等奖", ["二等奖"]),
        ("00年统计直报系统把报表上报时间缩短了几天", ["7天"]),
        ("00年专项检查高危漏洞和弱口令问题加一起多少处", ["17处"]),
        ("00年培训班请的是哪里的专家", ["南京大学"]),
        ("00年社区卫生服务信息系统试点是谁负责组织实施的", ["市卫生信息中心"]),
        ("00年培训结束考试几个人合格", ["60人"]),
    ],
)
def test_causes_from_blind_round_x20(engine, question, figures):
    a = engine.ask(question, [])
    assert a.found and all(f in a.text for f in figures), a.text


@pytest.mark.parametrize(
    "question",
    [
        "00年专项检查哪家医院弱口令问题最多",  # the sentence names no hospital
        "00年区域影像平台接入了多少家社区卫生服务中心",  # 30家二级医院 are no such centres
        "00年健康南京网站日活用户多少",  # 注册用户 is not 日活
        "00年社区卫生信息系统试点白下区投了多少钱",  # the paragraph's districts are 鼓楼区、玄武区
    ],
)
def test_look_alikes_of_x20_refuse(engine, question):
    a = engine.ask(question, [])
    assert not a.found, a.text
