"""The causes behind blind round X21 (text), on an issue written here with other words. (T32's table
misses — a share of a part over its whole within a month series, rows whose figure stayed the same —
are left as known failures.)

「投了多少」 asks money; 「局长提了哪几点要求」 is answered by 「他对…提出…要求」 after 「刘某局长指出」 (他 is the
one named before, with his title), and 「提了」 is 提; 「布置的重点工作有哪几项」 is 作出部署; 「两期加起来一共多少
人」 adds as many figures as the question counts (第一期…、第二期…); 「有几个人没考过」 is those who 参加 less
those 考试合格 (名 and 人 alike). Look-alikes refuse: a person named with a title whom no bulletin names
(副局长李某); 「多少家医院通过…测评」 where the passage says nothing of a 测评. (Three of these held on the code before too — the
要求 list after 他, 作出部署, the 测评 look-alike — and are kept as behaviour.)
"""

from __future__ import annotations

import pytest

NEWS = """南京卫生信息化

2002年第6期 总第5期

南京市卫生信息中心编 2002年6月24日

【工作动态】

全市卫生信息化工作会议召开

6月10日，全市卫生信息化工作会议在市卫生局召开。会议由市卫生局副局长钱立主持，市卫生局局长孙海出席会议并讲话，共70人参加会议。会上，市卫生信息中心主任周明通报了上半年全市卫生信息化工作进展情况。

孙海局长指出，卫生信息化是卫生工作的重要基础。他对下阶段工作提出三点要求：一是建设疫情信息网络；二是推进医院信息系统建设；三是加强信息安全管理。

区域影像平台一期建成

6月1日，区域影像平台一期正式上线。截至6月20日，平台累计归档影像检查数据12.5万人次，医院间调阅3200次。该项目一期总投资900万元，已接入市属医院12家。

6月18日，全市影像平台推进会召开。会上，市卫生信息中心主任周明通报了上半年平台建设进展情况。周明主任对下半年重点工作作出部署：一是启动二期建设；二是扩大接入范围。

计算机培训班结业

市卫生信息中心分两期举办计算机培训班，第一期40人、第二期55人参加培训。

统计人员培训班结业

市卫生信息中心举办统计人员培训班，来自各单位的60名学员参加培训。培训结束时进行了考试，53人考试合格。
"""


@pytest.fixture(scope="module")
def engine(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x21", {"2002-06_第6期.txt": NEWS}, seed=False)


@pytest.mark.parametrize(
    ("question", "figures"),
    [
        ("02年区域影像平台一期投了多少", ["900万元"]),
        ("02年信息化工作会上局长提了哪几点要求", ["疫情信息网络", "信息安全"]),
        ("02年影像平台推进会布置的下半年重点工作有哪几项", ["启动二期建设"]),
        ("02年计算机培训班两期加起来一共多少人", ["95人"]),
        ("02年统计人员培训班有几个人没考过", ["7人"]),
    ],
)
def test_causes_from_blind_round_x21(engine, question, figures):
    a = engine.ask(question, [])
    assert a.found and all(f in a.text for f in figures), a.text


@pytest.mark.parametrize(
    "question",
    [
        "02年信息化工作会上副局长李明讲了啥",  # no bulletin names a 李明
        "02年那期说有多少家医院通过国家互联互通测评",  # the 12家 are connected, no 测评 is printed
    ],
)
def test_look_alikes_of_x21_refuse(engine, question):
    a = engine.ask(question, [])
    assert not a.found, a.text
