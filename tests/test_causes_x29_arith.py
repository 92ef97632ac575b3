"""The arithmetic causes behind blind round X29, on an issue written here with other events, words and
figures: the answer is computed from figures one news passage prints, the arithmetic shown and the
sentence quoted.

- those who did NOT do something (「有几个人没考过」): the article prints the whole (共86人参加) and those
  who did (79人考核合格) — the whole less those who did, never the figure of those who did quoted;
- 「除了A 以外还有多少」: the whole of the sentence (总投资) less A's figure after 其中;
- 「A加B一共多少」: a bare 加 joins two things whose figures one sentence prints, two units of one dimension
  (万例, 例) meeting in the smaller;
- a change printed 从(过去的)X减少至Y asked 少了多长时间 (an ask of no count): the difference.
A sum of a thing the sentence does not print (远程心电诊断 beside 远程影像诊断) is not computed.
"""

from __future__ import annotations

import pytest

ISSUE = """南京卫生信息化

2003年第6期 总第70期

南京市卫生信息中心编 2003年6月25日

【工作动态】

全市社区卫生信息系统操作培训班结业

6月9日至11日，市卫生信息中心举办全市社区卫生信息系统操作培训班，各区社区卫生服务中心的操作人员共86人参加培训。

培训最后一天进行了上机考核，79人考核合格，由市卫生信息中心颁发上岗证；其余人员于7月份参加补考。

区域影像中心项目启动

6月中旬，市区域医学影像中心项目正式启动。该项目总投资1450万元，其中省级补助资金500万元、市级财政资金700万元、医院自筹250万元，计划年底前完成一期建设。

市远程医学中心运行情况

截至5月底，市远程医学中心累计完成远程会诊2.1万例、远程影像诊断980例，覆盖全市郊县卫生院。

市中医院药房自动化改造完成

市中医院门诊药房自动发药系统5月投入使用，患者平均取药等候时间从过去的40分钟减少至15分钟。
"""


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    from conftest import engine_of

    return engine_of(tmp_path_factory, "causes_x29_arith", {"2003-06_第6期.txt": ISSUE})


@pytest.mark.parametrize(
    ("question", "said", "absent"),
    [
        # those who did not: the whole (共86人参加) less those who did (79人考核合格), two paragraphs apart
        ("03年操作培训有几个人没考过", ["7人", "86人 − 79人"], []),
        # a whole less the part named after 除了, up to 之外 (the figure asked is the last ask: 多少钱)
        ("影像中心项目除了省级补助之外 其他几项加起来多少钱", ["950万元", "1450万元 − 500万元"], []),
        # a bare 加 joining two things of one sentence, 万例 and 例 meeting in 例
        ("远程医学中心远程会诊加影像诊断一共多少例", ["21980例", "2.1万例（即 21000例） + 980例"], []),
        # a change printed 从过去的…减少至…, asked 少了多长时间
        ("中医院取药等候时间少了多长时间", ["25分钟"], []),
    ],
)
def test_figures_computed_from_one_passage(eng, question, said, absent):
    a = eng.ask(question)
    assert a.found, a.text
    assert a.context.get("computed"), a.text
    assert all(s in a.text for s in said), a.text
    assert not any(s in a.text for s in absent), a.text
    assert "据2003年第6期" in a.text  # the sentence is quoted


def test_those_who_did_are_not_quoted_as_those_who_did_not(eng):
    a = eng.ask("03年操作培训有几个人没考过")
    assert not a.text.startswith("据"), a.text  # the computation leads, not the 79人 sentence alone
    assert a.text.index("7人") < a.text.index("79人考核合格"), a.text


@pytest.mark.parametrize(
    "question",
    [
        "远程医学中心远程会诊加远程心电诊断一共多少例",
        # 远程心电诊断 is not 远程影像诊断 for ending in 诊断
        "远程心电诊断加远程会诊一共多少例",
    ],
)
def test_a_sum_of_a_thing_the_sentence_does_not_print_is_not_computed(eng, question):
    a = eng.ask(question)
    assert not a.context.get("computed"), a.text
    assert "合计" not in a.text, a.text
    assert "21980" not in a.text, a.text
