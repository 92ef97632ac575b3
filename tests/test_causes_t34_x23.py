"""The causes behind blind rounds T34 and X23, on issues written here with other tables and words.

Tables: a computed mean or share is given as the bulletins print such figures — a mean to the decimals of
its figures (at least one: 746.0, 41.1), a share to one decimal — with the exact division beside it
(= 746.01, = 42.59%); 「比9月多还是少？差几家」 is a difference; 「城区六个区（玄武、白下…）」 names the rows its
brackets list; a whole named 合计 is not said 「合计合计」.
Text: a word no bulletin uses (上留, as staff write 「上面留的」) asks nothing besides a masthead field, and 「报给了哪些」
asks as 「报给哪些」; 「几家医院…收费子系统上线了」 counts, 收费 names the system and asks no money; the whole of a
course is those who 参加 with what they are between (「86名统计信息人员参加培训」), the part named as printed
(没考核合格的); figures told in parallel clauses (7家…门诊…上线，4家…住院…上线) are all given where the
question names neither, one where it names it. (Verified to fail on the commit of first contact, a420757,
but for 「上留的印数」, which held there — X23's 「上留的中心地址和电话」 did not — and is kept as behaviour.)
"""

from __future__ import annotations

import pytest

ISSUE = """南京卫生信息化

1997年第10期

南京市卫生信息中心编 1997年10月20日

统计数据

1997年1—9月市级劳保医疗经费支出情况（单位：万元）

月份	门诊	住院	合计
1月	402.5	311.0	713.5
2月	380.2	290.4	670.6
3月	415.8	322.1	737.9
4月	420.0	318.7	738.7
5月	409.3	305.2	714.5
6月	431.6	330.9	762.5
7月	440.2	341.0	781.2
8月	436.9	339.5	776.4
9月	428.4	336.3	764.7
合计	3764.9	2895.1	6660.0

1997年9月各区县社区卫生服务站检查情况

区县	检查站数（个）	合格站数（个）	合格率（%）
玄武区	12	11	91.7
白下区	10	9	90.0
秦淮区	9	9	100.0
鼓楼区	14	12	85.7
江宁区	20	17	85.0
六合区	16	13	81.3
合计	81	71	87.7
"""

OCTOBER = """南京卫生信息化

1997年第11期

南京市卫生信息中心编 1997年11月20日

统计数据

1997年10月各区县社区卫生服务站检查情况

区县	检查站数（个）	合格站数（个）	合格率（%）
玄武区	12	12	100.0
白下区	11	10	90.9
秦淮区	9	8	88.9
鼓楼区	15	13	86.7
江宁区	18	16	88.9
六合区	14	12	85.7
合计	78	71	91.0
"""


@pytest.fixture(scope="module")
def tables(tmp_path_factory):
    from conftest import tables_of

    return tables_of(
        tmp_path_factory, "causes_t34", {"1997-10_第10期.txt": ISSUE, "1997-11_第11期.txt": OCTOBER}
    )


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # a mean to the decimals of its figures, the exact division beside it
        ("1—9月劳保医疗平均每月住院支出多少万元", ["321.7万元", "= 321.68"], []),
        # a share to one decimal, as rates are printed; the division exact beside it
        ("1—9月门诊占劳保医疗合计的比重是多少", ["56.5%", "= 56.53%"], ["合计合计"]),
        # which way, and by how much
        ("10月全市检查站数比9月多还是少？差几个", ["78", "81", "3"], []),
        # a name for the rows the brackets list
        ("9月城区四个区（玄武、白下、秦淮、鼓楼）一共检查了多少个站", ["45", "12 + 10 + 9 + 14"], ["江宁"]),
    ],
)
def test_causes_from_blind_round_t34(tables, question, figures, absent):
    from test_plan import answered

    answered(tables, question, figures, absent)


NEWS = """南京卫生信息化

2000年第12期 总第1期

南京市卫生信息中心编 2000年12月22日

【工作动态】

市属医院信息系统建设进展顺利

市属医院信息系统建设项目今年以来进展顺利，截至11月底，已有6家医院完成门诊收费子系统上线运行，3家医院完成住院收费子系统上线运行，其余医院正在进行系统调试和人员培训。

全市卫生统计人员计算机培训班举办

12月4日至8日，市卫生信息中心举办计算机培训班，各区县卫生局和市属医疗卫生单位的64名统计信息人员参加培训。培训结束时进行了上机考核，59人考核合格。

报：省卫生厅，市政府办公厅
本期印数：120份
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x23", {"2000-12_第12期.txt": NEWS}, seed=False)


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        ("00年12月那期简报报给了哪些单位", ["省卫生厅", "市政府办公厅"], []),
        ("00年12月那期上留的印数是多少", ["120份"], []),
        ("00年那期截至11月底几家医院门诊收费子系统上线了", ["6家"], ["3家"]),
        ("00年那期截至11月底上线了几家医院", ["6家", "3家"], []),
        ("00年计算机培训班有几个人没考核合格", ["5人", "64名 − 59人", "没考核合格的"], []),
    ],
)
def test_causes_from_blind_round_x23(engine, question, figures, absent):
    a = engine.ask(question, [])
    assert a.found and all(f in a.text for f in figures), a.text
    assert not any(f in a.text for f in absent), a.text
