"""The causes behind blind rounds T27 and X16, on an issue written here with other tables and words.

Tables: a title word that a count and a rate both hold (抢救 of 抢救人次 and 抢救成功率); a title piece
holding a column's own word (「主要医院门诊」 and 门诊人次); columns in Roman numerals said in Chinese
(Ⅱ类 is 二类); a part (规范管理人数) beside its whole that a synonym (病人) only seems to name.
Text: 「手机客户端」 asks no phone number.
"""

from __future__ import annotations

import pytest

ISSUE = """南京卫生信息化

2005年第6期

南京市卫生信息中心编　2005年6月20日

【工作动态】

12320手机客户端开通

6月1日，12320预约挂号手机客户端正式开通，可预约全市18家医院的号源。

统计数据

2005年5月全市主要医院门诊抢救情况

医院	门诊人次	抢救人次	其中：抢救成功人次	抢救成功率（%）
江苏省人民医院	90000	1200	1160	96.7
南京鼓楼医院	80000	1000	950	95.0
南京市第一医院	50000	600	564	94.0
合计	220000	2800	2674	95.5

2005年5月各区结核病患者管理情况

区	在册患者数	规范管理人数	规范管理率（%）
玄武区	500	450	90.0
秦淮区	400	300	75.0
合计	900	750	83.3

2005年5月乡村医生培训学分情况

类别	Ⅰ类学分	Ⅱ类学分
乡镇卫生院	300	700
村卫生室	100	900
合计	400	1600
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(tmp_path_factory, "causes_t27", {"2005-06_第6期.txt": ISSUE})


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("鼓楼5月抢救了多少人次", ["1000"], ["80000"]),  # 抢救 of the title: the count, not the rate
        ("鼓楼5月抢救成功率多少", ["95.0"], []),
        ("5月主要医院门诊一共多少人次", ["220000"], ["2800"]),  # 门诊 inside the title piece
        ("5月村卫生室二类学分多少", ["900"], ["100分"]),  # Ⅱ类 said 二类
        ("5月乡镇卫生院一类学分多少", ["300"], ["700"]),
        ("秦淮区5月在册的结核病人有多少", ["400"], []),  # 病人 names no 规范管理人数 alone
    ],
)
def test_causes_from_blind_round_t27(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


def test_a_phone_app_is_no_phone_number(tmp_path_factory):
    from conftest import engine_of

    eng = engine_of(tmp_path_factory, "causes_x16", {"2005-06_第6期.txt": ISSUE}, seed=False)
    a = eng.ask("12320手机客户端能约几家医院的号", [])
    assert a.found and "18家" in a.text, a.text
