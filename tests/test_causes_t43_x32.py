"""The causes behind blind rounds T43 and X32, on issues written here with other tables, speeches and words.

Tables: a unit printed on a line of its own between caption and header (「单位：万人次」「金额单位：亿元」) is the
unit of the columns that print none, and the caption stays the table's name; rows grouped under a column of
groups (片区) with a bare 「小计」 per group are the group's subtotals (named 城南片区小计, never ranked or summed
as a district), and a 合计 printed in the group column is the table's total; 「一季度」「Q1」 reach a
第一季度 table; the column a table prints its rows in order of (a printed 排名 by 评分) is what 「排第几」 ranks
when no column is named; a one-letter grade is said with the column's last word (C级 of 等级, 「几级」); a
unit asked in another scale of the column's dimension (小时 of 分钟) is shown beside the printed figure;
「平均一笔」 of a table without groups is money over the count said; 「环比降得最狠」 ranks the printed change;
「占了百分之多少」 is a share, no growth; a name that fits several rows (小计) is the one another name says; a
follow-up stays on the table of the turn before; 「多了几家」 of districts whose column counts 家 is the
column's figure.
Text: a speaker line and a date line under a speech's headline are no headlines (the speaker joins the
headline); 「下面，我讲三点意见。」 and 「第一，」 make the parts that follow the speech's; 「记者：」 opens a
question whose answer follows; the rest of a long answer is read under its question; of figures named by the
parts asked (优秀加良好) the whole before 其中 and a figure named only by the shared word are not added; a
change 从…的A增加到…的B with words between; 「4月跟9月两期」 are the issues published then, their print runs
added; the item asked by its place (第二件, 第一名, 倒数第一, 最后一名) of an enumeration or a ranking; phrases
the bulletins quote are words; 「通报批评了谁」 is answered by the bodies the sentence names doing it; 「…咋回应的」 by
an interview's answer from its start; 「他是啥职务」 by the title of the person named before; 「除了X还加了啥」 is
refused where the passage names nothing else; 「健康南京app」: app is the kind of row said after its name, and
the first word of one row's name (预约 of 预约挂号平台) is no qualifier ruling out the next name; a two-character verb
inside a long row name (调阅 of 电子病历调阅系统) names no row. (Verified on
629255e, the commit of first contact: 24 of 28 fail there, as marked.)
"""

from __future__ import annotations

import pytest
from conftest import answered_with, said_with

MARCH = """南京卫生信息化简报

2030年第4期（总第218期）

南京市卫生信息中心编印

2030年4月25日

统计数据

2030年3月各区家庭药师服务情况

片区	区	服务机构数（家）	服务人次（人次）	服务金额（万元）
城南片区	秦淮区	9	4100	61.50
	雨花台区	7	3300	49.20
	小计	16	7400	110.70
城北片区	鼓楼区	12	5200	80.40
	栖霞区	8	2900	45.00
	小计	20	8100	125.40
合计		36	15500	236.10
"""

APRIL = """南京卫生信息化简报

2030年第5期（总第219期）

南京市卫生信息中心编印

2030年5月27日

统计数据

2030年4月各区家庭药师服务情况

片区	区	服务机构数（家）	服务人次（人次）	服务金额（万元）
城南片区	秦淮区	10	4600	69.30
	雨花台区	8	3500	52.10
	小计	18	8100	121.40
城北片区	鼓楼区	13	5500	84.20
	栖霞区	9	3100	47.60
	小计	22	8600	131.80
合计		40	16700	253.20

2030年4月主要医院远程会诊开展情况

单位：万人次
序号	医疗机构	会诊量	占比（%）	同比	环比
1	江苏省人民医院	42.10	40.1	+12.5%	-3.2%
2	南京鼓楼医院	35.60	33.9	+8.1%	-9.7%
3	南京市第一医院	27.30	26.0	-1.4%	-5.5%
合计		105.00	100.0	+7.2%	-5.8%

2030年第一季度主要医院医保基金结算情况

金额单位：亿元
序号	医疗机构	结算人次（人次）	结算总额	基金支付
1	江苏省人民医院	52000	9.80	6.10
2	南京鼓楼医院	47000	8.60	5.30
3	南京市第一医院	31000	4.90	3.20

2030年4月主要医院病历质控评分情况

排名	医疗机构	抽查病历（份）	问题病历（份）	质控评分	等级
1	江苏省人民医院	300	6	97.2	A
2	南京市第一医院	200	9	95.1	A
3	南京鼓楼医院	300	21	91.4	B
4	南京市儿童医院	150	14	88.3	C
5	南京脑科医院	100	11	86.0	C

2030年4月线上预约情况统计

序号	名称	预约数量
1	健康南京	5120
2	我的南京	3040
合计		8160

2030年4月重点信息系统停机情况

序号	系统名称	故障次数（次）	停机时长（分钟）
1	全民健康信息平台	1	45
2	预约挂号平台	2	75
3	影像云平台	1	60
4	电子病历调阅系统	1	30
合计		5	210
"""

SPEECH = """南京卫生信息化简报

2030年第5期（总第219期）

南京市卫生信息中心编印

2030年5月27日

2030年全市数据治理工作会议召开

5月10日，2030年全市数据治理工作会议召开。会上通报了2029年度数据治理项目评审结果：共有50个项目参加评审，其中评为优秀的10个、良好的30个、合格的8个、不合格的2个。

在2030年全市数据治理工作会议上的讲话

市卫生健康委副主任  钱海峰

（2030年5月10日）

同志们：

今天的会议很重要。下面，我讲三点意见。

一、正视问题，补齐数据治理的短板

去年全市卫生健康系统共发生数据泄露事件3起，教训深刻。

二、明确任务，抓好今年“四件事”

一是完成主数据清洗。二是建立质控规则库。三是开展季度考核。四是组织专题培训。

三、压实责任，确保各项任务落地

各单位主要负责同志要亲自抓。

关于2030年一季度数据上报质量的通报

各区卫生健康委，市各医疗卫生单位：

得分排名前三的是南京市第一医院（98.1分）、南京明基医院（96.5分）、南京市儿童医院（95.0分）；排名后三位的是南京市江北医院（71.2分）、南京市浦口医院（68.4分）、南京市六合医院（60.3分）。

平均处置时间由去年的40分钟缩短到今年的25分钟，接入机构从年初的120家增加到年底的168家。

南京市江北医院、南京市六合医院连续两个季度排名后三位，予以通报批评。

让数据“用起来”——访市卫生信息中心副主任周红

5月8日，市数据治理平台上线。平台建设科科长吴磊带队实施。记者采访了市卫生信息中心副主任周红。

记者：有的医院担心数据共享后出了问题谁负责，您怎么看？

答：这个担心可以理解。我们的原则是谁采集谁负责、谁使用谁负责。共享不是甩锅，各单位仍对本单位数据质量负主体责任。平台对调用过程全程留痕，出了问题可以追溯到人。

简讯

- 5月20日，“健康南京”APP 6.0版本上线，新增“就诊提醒”功能。

本期共印 220 份
"""

SPEECH_SEPT = """南京卫生信息化简报

2030年第9期（总第223期）

南京市卫生信息中心编印

2030年9月26日

影像云平台扩容完成

9月5日，市影像云平台扩容完成。

本期共印 260 份
"""


@pytest.fixture(scope="module")
def eng(tmp_path_factory):
    from conftest import engine_of

    return engine_of(
        tmp_path_factory,
        "causes_t43_x32",
        {"2030-04_第4期.txt": MARCH, "2030-05_第5期.txt": APRIL},
        seed=False,
    )


@pytest.fixture(scope="module")
def news(tmp_path_factory):
    from conftest import engine_of

    return engine_of(
        tmp_path_factory,
        "causes_x32_text",
        {"2030-05_第5期.txt": SPEECH, "2030-09_第9期.txt": SPEECH_SEPT},
        seed=False,
    )


@pytest.mark.parametrize(
    ("question", "figures", "absent"),
    [
        # a 小计 row under a group column is no district; fails on 629255e (小计 ranked first)
        ("4月哪个区家庭药师服务金额最高", ["鼓楼区", "84.20"], ["131.80"]),
        # the 合计 printed in the group column is the total; fails on 629255e (the 小计 rows summed in)
        ("4月全市家庭药师服务机构一共多少家", ["40"], ["80"]),
        # the group's subtotal by the group's name; fails on 629255e (小计 of three groups asked back)
        ("城南片区4月服务人次小计多少", ["8100"], ["8600"]),
        # 「单位：万人次」 above the header; fails on 629255e (the table was named 单位：万人次, no unit)
        ("4月远程会诊量超过30万人次的医院有几家", ["2"], []),
        # 占了百分之多少 is the printed share; fails on 629255e (a growth over no month before)
        ("鼓楼医院4月远程会诊量占了百分之多少", ["33.9"], []),
        # 「金额单位：亿元」 over columns none named 金额, and 一季度 / Q1 of a 第一季度 table; fails on 629255e
        ("一季度省人医基金支付多少亿元", ["6.10"], []),
        ("Q1鼓楼医院结算总额多少", ["8.60"], []),
        # the printed order names the column ranked (held on 629255e here: one column of figures beside a
        # text 等级 was enough; T43-067 of a table with three was refused)
        ("市一4月病历质控排名第几", ["第2"], []),
        # C级 of 等级 printing C (held on 629255e here; T43-054 went to an overview of the issue)
        ("4月病历质控C级的医院有哪些", ["南京市儿童医院", "南京脑科医院"], ["南京鼓楼医院"]),
        # 几级 of 等级; fails on 629255e (几级 unknown)
        ("鼓楼医院4月病历质控是几级", ["B"], []),
        # hours asked of minutes printed: both shown; fails on 629255e (minutes only)
        ("4月各系统一共停机多少小时", ["210", "3.5 小时"], []),
        # money per the count said, over the total row; fails on 629255e (an average of districts)
        ("4月全市家庭药师平均每人次服务金额多少钱", ["151.62"], []),
        # the printed change ranked; fails on 629255e (比 of 环比 read as a comparison)
        ("4月远程会诊量环比降得最狠的是哪家", ["南京鼓楼医院", "-9.7%"], []),
        # 多了几家 of districts whose column counts 家: the total's change (held on 629255e here; T43-068,
        # 「一共多开通了几家」, counted the districts that rose)
        ("4月比3月一共多了几家服务机构", ["4"], []),
        # a product's kind said after its name (健康南京app) is no word left over; fails on 629255e
        ("4月线上预约 健康南京app约了多少", ["5120"], []),
    ],
)
def test_table_causes_of_round_t43(eng, question, figures, absent):
    answered_with(eng.tables, question, figures, absent)


def test_a_follow_up_stays_on_the_table_of_the_turn_before(eng):
    # the answer before named one hospital of the 远程会诊 table: its printed 同比; fails on 629255e (asked back)
    said_with(
        eng,
        "同比涨了多少",
        ["+12.5%"],
        ["+8.1%"],
        [
            {"role": "user", "content": "4月远程会诊量最高的是哪家医院"},
            {"role": "assistant", "content": "2030年4月江苏省人民医院远程会诊量最高，为42.10万人次。"},
        ],
    )


@pytest.mark.parametrize(
    ("question", "said", "absent"),
    [
        # the speaker joins the speech's headline (held on 629255e here, where the question's words reach the
        # passage; X32-017 and X32-023 were refused: the date line was the speech's headline)
        ("钱海峰讲话里说去年发生了几起数据泄露事件", ["3起"], []),
        # the parts of a speech after 「我讲三点意见」 are its own; the enumeration's second item; fails on
        # 629255e (第二件 unknown)
        ("四件事里第二件是啥", ["质控规则库"], ["主数据"]),
        # the whole before 其中 is no part of the sum; fails on 629255e (50 + 10 + 30)
        ("项目评审优秀加良好一共多少个", ["40"], ["90"]),
        # 从年初的A增加到年底的B; fails on 629255e (no change read)
        ("接入机构一年增加了多少家", ["48"], []),
        # the last of the 后三 list; fails on 629255e (the first sentence of the notice)
        ("数据上报质量倒数第一是哪家", ["六合医院"], ["江北医院"]),
        ("数据上报质量第二名是哪家", ["明基医院"], ["儿童医院"]),
        # two issues by their months of publication, print runs added; fails on 629255e (data months)
        ("5月跟9月两期简报一共印了多少份", ["480"], []),
        # who did the act said before 谁: the bodies a sentence names doing it; fails on 629255e (具体人员)
        ("一季度数据上报质量通报批评了谁", ["江北医院", "六合医院"], []),
        # a reply asked for: the interview's answer from its start; fails on 629255e (one sentence of it)
        ("医院担心数据共享出问题周红咋回应的", ["谁采集谁负责", "不是甩锅"], []),
    ],
)
def test_text_causes_of_round_x32(news, question, said, absent):
    said_with(news, question, said, absent)


def test_his_title_is_the_one_of_the_person_named_before(news):
    # 「他」 is the person the answer before named: his title, not the 科长 of the same article; fails on
    # 629255e (吴磊's 科长)
    said_with(
        news,
        "他是啥职务",
        ["副主任"],
        ["科长"],
        [
            {"role": "user", "content": "数据治理平台那篇采访的是谁"},
            {"role": "assistant", "content": "采访的是周红。"},
        ],
    )


@pytest.mark.parametrize(
    "question",
    [
        # nothing but the thing named after 除了 is new in the passage; fails on 629255e (quoted it)
        "健康南京6.0版本除了就诊提醒还加了啥功能",
    ],
)
def test_look_alikes_of_round_x32_are_refused(news, question):
    assert not news.ask(question, []).found


def test_a_verb_inside_a_long_row_name_names_no_row(eng):
    # 调阅 asked of 影像云平台, which no table measures by 调阅: an act, not the row 电子病历调阅系统 whose name
    # holds it; fails on 629255e (T43-090: both systems' 故障次数 given)
    a = eng.tables.answer("4月影像云平台调阅了多少次")
    assert a is None or not a.found, a.text
