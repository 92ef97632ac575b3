"""The causes behind blind round X27, on an issue written here with other events and words.

An undated sentence happened in its issue's year: a question naming another year is answered only where
the paragraph gives that year to the thing asked (「2000年3月底前…」), else refused; the gap between two
things named (「申请经费和批复经费相差多少」) is computed, two units of one dimension (亿元, 万元) meeting in
the smaller; a figure printed from … to … (「由原来的1小时20分缩短至35分钟」) gives the change, a duration
said in two units counted in one; a clause that denies the word asked (「未达标的9台」) does not answer
「达标了几台」; a month that starts a period (「自1999年5月起」) dates no statistics.
(Verified on cfe9427, before the fixes: those marked "fails" fail there.)
"""

from __future__ import annotations

import pytest
from conftest import said_with

from qa.parse.paragraphs import paragraph_tables

ISSUE = """南京卫生信息化

1999年第12期 总第27期

南京市卫生信息中心编 1999年12月20日

【工作动态】

全市社区卫生服务信息化现场会在鼓楼区召开

12月3日，全市社区卫生服务信息化现场会在鼓楼区华侨路社区卫生服务中心召开，各区县卫生局分管局长、社区卫生服务中心主任共64人参加了会议。与会人员参观了该中心的健康档案微机管理系统。会议要求，2000年3月底前各区社区卫生服务中心全部建立健康档案微机管理系统。

市儿童医院门诊挂号系统改造完成

市儿童医院门诊挂号系统改造于11月底完成，新增挂号窗口6个，患儿家长平均挂号等候时间由原来的1小时20分缩短至35分钟。

全市卫生信息化项目经费审核结束

11月下旬，市卫生局对各单位报送的2000年度信息化项目进行了经费审核，各单位申请经费共计2.4亿元，经审核批复经费9600万元。

市卫生局检查医院微机终端运行情况

12月上旬，市卫生局对市属医院新装的40台门诊微机终端进行了检查，其中达标的31台；未达标的9台主要是未安装防病毒软件和未按规定设置开机口令，相关医院须在12月底前整改完毕并报市卫生信息中心复查。
"""


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x27", {"1999-12_第12期.txt": ISSUE})


@pytest.mark.parametrize(
    ("question", "said", "absent"),
    [
        # the gap of two things named, 亿元 and 万元 in 万元; fails on cfe9427
        ("99年申请经费和批复经费相差多少", ["14400万元"], []),
        # a change printed 由…缩短至…, 1小时20分 counted in 分钟; fails on cfe9427
        ("儿童医院挂号等候时间缩短了多少分钟", ["45分钟"], []),
        # 达标 asked, 未达标 is not it; fails on cfe9427
        ("99年微机终端检查达标了几台", ["31台"], ["9台"]),
        # the issue's own year, and the later year the paragraph gives its deadline (both held on cfe9427)
        ("1999年社区卫生服务信息化现场会来了多少人", ["64人"], []),
        ("2000年3月底前要建成啥", ["健康档案微机管理系统"], []),
    ],
)
def test_causes_from_blind_round_x27(eng, question, said, absent):
    said_with(eng, question, said, absent)


def test_another_year_of_an_undated_event_is_refused(eng):
    # the meeting of this 1999 issue, asked as 2000's (2000 is printed only for a deadline); fails on cfe9427
    a = eng.ask("2000年社区卫生服务信息化现场会来了多少人")
    assert not a.found, a.text
    assert "64" not in a.text


def test_a_month_that_starts_a_period_dates_no_statistics():
    # 「自1999年5月起」 then three figures: cumulative since May, not May's; fails on cfe9427
    text = "该中心自1999年5月起开通咨询服务，共接待咨询1200人次、预约挂号860人次、投诉35人次。"
    assert paragraph_tables(text, 1, 1999, "1999-12-20") == []
    # a month the figures are of still is one
    text = "11月份，该中心共接待咨询1200人次，其中预约挂号860人次、投诉35人次。"
    assert paragraph_tables(text, 1, 1999, "1999-12-20") != []
