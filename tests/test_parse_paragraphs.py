"""Statistical sentences read into one-row tables: the shape (month, subject, 共 total, 其中 parts), any
subject and counter, figures as printed; and sentences that only look like statistics are left alone."""

from __future__ import annotations

import pytest

from qa.parse.paragraphs import paragraph_table


def read(text: str, year: int = 2012, published: str = "2012-03-20"):
    t = paragraph_table(text, 7, year, published)
    if t is None:
        return None
    [row] = t.rows
    cols = [(c.name, v.raw, c.unit, c.role) for c, v in zip(t.columns, row.values, strict=True)]
    return t.title, t.data_month, row.label, cols


@pytest.mark.parametrize(
    ("text", "year", "published", "want"),
    [
        (
            "2025 年 6 月，南京 12320 卫生热线共受理咨询电话 27010 个，其中咨询类 7941 个、医疗投诉 1439 个、"
            "电话预约 9519 个、人工服务 7407 通，受理市 12345 工单 2880 件。",
            2025,
            "2025-07-28",
            (
                "2025-06",
                "南京12320卫生热线",
                [
                    ("受理咨询电话", "27010", "个", "total"),
                    ("咨询类", "7941", "个", ""),
                    ("医疗投诉", "1439", "个", ""),
                    ("电话预约", "9519", "个", ""),
                    ("人工服务", "7407", "通", ""),
                    ("受理市12345工单", "2880", "件", ""),
                ],
            ),
        ),
        (
            "3月份,12320卫生热线共受理来电25947个,其中咨询类10385个、投诉类1108个,日均受理来电837个,"
            "群众满意率为98.9%。咨询类来电中,相关防治知识咨询达到1463个。",
            2012,
            "2012-04-18",
            (
                "2012-03",
                "12320卫生热线",
                [
                    ("受理来电", "25947", "个", "total"),
                    ("咨询类", "10385", "个", ""),
                    ("投诉类", "1108", "个", ""),
                    ("日均受理来电", "837", "个", ""),
                    ("群众满意率", "98.9", "%", ""),
                ],
            ),
        ),
        (  # another subject and counter; 人次 before 人; a month of the previous year in a January issue
            "12月份，全市预约挂号服务平台共计完成预约126540人次，其中电话预约45210人次、网站预约38650人次、"
            "微信预约42680人次。",
            2013,
            "2013-01-18",
            (
                "2012-12",
                "全市预约挂号服务平台",
                [
                    ("完成预约", "126540", "人次", "total"),
                    ("电话预约", "45210", "人次", ""),
                    ("网站预约", "38650", "人次", ""),
                    ("微信预约", "42680", "人次", ""),
                ],
            ),
        ),
        (  # 累计 as the total; a share (占…%) is not a figure of its own
            "3月份，全市预约挂号平台累计完成预约126540人次，其中电话预约45210人次，占35.7%，网站预约38650人次，"
            "微信预约42680人次。",
            2013,
            "2013-04-18",
            (
                "2013-03",
                "全市预约挂号平台",
                [
                    ("完成预约", "126540", "人次", "total"),
                    ("电话预约", "45210", "人次", ""),
                    ("网站预约", "38650", "人次", ""),
                    ("微信预约", "42680", "人次", ""),
                ],
            ),
        ),
        (  # 共 inside a word of the subject; thousands separators kept as printed
            "2013年4月，公共卫生服务热线共受理来电2,051个，其中咨询类1,030个、投诉类20个、其他约5个。",
            2013,
            "2013-05-20",
            (
                "2013-04",
                "公共卫生服务热线",
                [
                    ("受理来电", "2,051", "个", "total"),
                    ("咨询类", "1,030", "个", ""),
                    ("投诉类", "20", "个", ""),
                    ("其他", "5", "个", ""),
                ],
            ),
        ),
    ],
)
def test_statistical_sentences(text, year, published, want):
    title, month, label, cols = read(text, year, published)
    assert (month, label, cols) == want
    assert title == label  # no caption: the subject names the table


@pytest.mark.parametrize(
    ("text", "names"),
    [
        # 共 without 其中: a headline figure, not the sum of the others; 「；」 and a new subject end the row
        (
            "2026年9月，全市区域影像云共上传检查660136人次，院内及跨院影像调阅合计1149478次，推送云胶片"
            "479964份；全市社区卫生服务中心完成高血压、糖尿病患者随访41.11万人次。",
            ["上传检查", "院内及跨院影像调阅合计", "推送云胶片"],
        ),
        (
            "2024年8月，南京市急救中心共受理120呼救30265次，派车20981次，平均到达时间13.6分钟；"
            "全市急救分站、社区卫生服务中心开展演练12次。",
            ["受理120呼救", "派车", "平均到达时间"],
        ),
        # after 「；」 the same subject's figures go on: 受理市12345工单 is still the hotline's
        (
            "2025年6月，南京12320卫生热线共受理来电27010个，其中咨询类7941个、投诉1439个；"
            "受理市12345工单2880件，省12345工单1078件。",
            ["受理来电", "咨询类", "投诉", "受理市12345工单", "省12345工单"],
        ),
    ],
)
def test_a_row_ends_where_another_statement_begins(text, names):
    _, _, _, cols = read(text, 2026, "2026-10-15")
    assert [c[0] for c in cols] == names
    roles = [c[3] for c in cols]
    assert roles == (["total"] + [""] * (len(names) - 1) if "其中" in text else [""] * len(names))


def test_the_subject_is_what_is_counted_not_the_whole_city():
    from qa.schema import paragraph_key

    t = paragraph_table(
        "2026年9月，全市区域影像云共上传检查660136人次，其中院内12人次，跨院3人次。", 1, 2026, ""
    )
    assert paragraph_key(t) == "段落:区域影像云"


def test_the_subject_names_the_table_and_figures_are_typed():
    """The subject names the series (a caption above the paragraph is one issue's heading)."""
    t = paragraph_table("2月份，12320热线共受理来电21386个，其中咨询类9124个、投诉类1267个。", 9, 2012, "")
    assert t.title == "12320热线" and t.source == "paragraph" and t.label_header == "项目"
    assert [v.num for v in t.rows[0].values] == [21386, 9124, 1267] and t.rows[0].line == 9


@pytest.mark.parametrize(
    "text",
    [
        # a day, not a month: a news item with counts
        "3月9日，全市卫生信息化工作会议共约120人参加，其中区县代表40人、医院代表60人、中心干部20人。",
        # no month at all
        "截至3月15日，试点社区已累计录入电子健康档案86542份，其中高血压患者专项档案9317份、糖尿病档案3208份。",
        # no total
        "3月份，12320卫生热线受理咨询类10385个、投诉类1108个、预约挂号11276个。",
        # too few figures
        "3月份，12320卫生热线共受理来电25947个，其中投诉类1108个。",
        # no subject before 共
        "3月份，共受理来电25947个，其中咨询类10385个、投诉类1108个、预约挂号11276个。",
    ],
)
def test_sentences_that_are_not_statistics(text):
    assert read(text) is None


def months_of(text: str, year: int = 2019, published: str = "2019-10-20") -> dict[str, dict[str, str]]:
    """month → column → figure as printed, over every table the paragraph's first statement makes."""
    from qa.parse.paragraphs import paragraph_tables

    return {
        t.data_month: {c.name: v.raw for c, v in zip(t.columns, t.rows[0].values, strict=True)}
        for t in paragraph_tables(text, 3, year, published)
    }


@pytest.mark.parametrize(
    ("text", "want"),
    [
        # the month before, in brackets after each figure
        (
            "9月，市急救中心共受理呼救电话18320个，其中出车6120次（8月为5980次），送院4870人（8月为4702人）。",
            {"2019-08": {"出车": "5980", "送院": "4702"}},
        ),
        # the month before, as its own clause naming the column again with its month
        (
            "9月份，市影像云平台共调阅影像36520人次，其中门诊调阅21480人次、住院调阅15040人次；8月份当月调阅影像33170人次。",
            {"2019-08": {"调阅影像": "33170"}},
        ),
        # no total, but a comparison with the month before: a statement all the same
        (
            "9月，“宁医通”小程序新增实名用户2.2万人，累计实名用户达86.4万人；通过“宁医通”小程序缴费41.5万笔，8月为39.8万笔。",
            {"2019-08": {"缴费": "39.8万"}},
        ),
    ],
)
def test_another_months_figure_beside_a_statement(text, want):
    got = months_of(text)
    for month, cols in want.items():
        assert {c: got.get(month, {}).get(c) for c in cols} == cols, got
