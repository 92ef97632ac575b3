"""Older issues as they were printed: mastheads in every shape seen, news-only issues (no tables, no 简讯,
no contact block), articles on one long line with half-width punctuation, and the endings they have
(印数, 共印, 责任编辑, 报/送 distribution lines, or nothing). Each fixture is built here, from the shapes, not from a real issue."""

from __future__ import annotations

import pytest

from qa.parse.text import TextParser

ARTICLES = [
    "区域卫生信息平台二期项目通过专家论证",
    "3月15日,市卫生信息中心组织召开论证会,论证会由中心副主任沈立新主持,来自东南大学等单位的7名专家参加。"
    "二期项目总投资约1850万元(含硬件),旨在打通市级平台与各区县平台之间的数据通道。",
    "社区卫生信息系统操作培训班举办",
    "3月12日至14日，市卫生信息中心举办了三期培训班，全市共计186人参加了培训，考核合格率为96.8%。",
]


def issue(masthead: list[str], ending: list[str] = (), body: list[str] = ARTICLES) -> str:
    return "\n\n".join([*masthead, *body, *ending]) + "\n"


MASTHEADS = [
    # (masthead lines, title, year, number, running, publisher, published)
    (
        ["南京卫生信息化", "2012年第3期（总第45期）", "南京市卫生信息中心编 2012年3月20日"],
        ("南京卫生信息化", 2012, 3, 45, "南京市卫生信息中心", "2012-03-20"),
    ),
    (
        ["南京卫生信息化简报", "2012年第4期 (总第46期)", "南京市卫生信息中心 编印", "2012年4月18日"],
        ("南京卫生信息化简报", 2012, 4, 46, "南京市卫生信息中心", "2012-04-18"),
    ),
    (
        ["南京卫生信息化", "第5期  总第47期", "南京市卫生信息中心编印　2012年5月21日"],
        ("南京卫生信息化", 2012, 5, 47, "南京市卫生信息中心", "2012-05-21"),
    ),
    (
        ["南京卫生信息化", "2013年第2期", "(总第56期)", "南京市卫生信息中心编", "2013年2月25日"],
        ("南京卫生信息化", 2013, 2, 56, "南京市卫生信息中心", "2013-02-25"),
    ),
    (
        ["", "南京卫生信息化简报", "2011年第12期", "南京市卫生局信息中心编 2011年12月30日"],
        ("南京卫生信息化简报", 2011, 12, None, "南京市卫生局信息中心", "2011-12-30"),
    ),
    (  # the running number first; a month without a day
        ["南京卫生信息化", "(总第70期) 2014年第2期", "南京市卫生信息中心 主办", "2014年2月"],
        ("南京卫生信息化", 2014, 2, 70, "南京市卫生信息中心", "2014-02"),
    ),
]


@pytest.mark.parametrize(("masthead", "want"), MASTHEADS, ids=[m[0][1] or m[0][2] for m in MASTHEADS])
def test_masthead_shapes(masthead, want):
    b = TextParser(issue(masthead), "old.txt").parse()
    assert (b.title, b.year, b.number, b.running, b.publisher, b.published) == want
    assert b.warnings == []
    # News only: no statistics, so no data month is guessed from the publication date.
    assert b.data_month == "" and b.tables == []
    assert [s.title for s in b.sections] == [ARTICLES[0], ARTICLES[2]]
    assert [s.kind for s in b.sections] == ["article", "article"]
    # One long line with half-width commas and brackets is one paragraph, kept as printed.
    assert b.sections[0].paragraphs[0].text == ARTICLES[1]


@pytest.mark.parametrize(
    ("ending", "contact"),
    [
        (["本期印数：300份"], {"print_run": "300"}),
        (["(共印200份)"], {"print_run": "200"}),
        (["本期共印 230 份"], {"print_run": "230"}),
        (["本期印刷300份"], {"print_run": "300"}),
        (["责任编辑：王晓燕"], {"editor": "王晓燕"}),
        (["责任编辑:王晓燕", "(共印180份)"], {"editor": "王晓燕", "print_run": "180"}),
        (
            ["报：市卫生计生委领导", "送：各区卫生计生局，市属各医疗卫生单位", "本期印数：300份"],
            {
                "report_to": "市卫生计生委领导",
                "copy_to": "各区卫生计生局，市属各医疗卫生单位",
                "print_run": "300",
            },
        ),
        ([], {}),
    ],
)
def test_endings(ending, contact):
    b = TextParser(issue(MASTHEADS[0][0], ending), "old.txt").parse()
    assert b.contact == contact
    # The ending is not a paragraph of the last article.
    assert not any("印" in p.text and "份" in p.text for p in b.sections[1].paragraphs)


def test_issue_line_without_year_needs_a_date():
    from qa.errors import ParseError

    with pytest.raises(ParseError, match="no year"):
        TextParser(issue(["南京卫生信息化", "第5期 总第47期", "南京市卫生信息中心编"]), "x.txt").parse()


def test_a_contents_line_is_not_joined_with_the_first_article():
    """「本期要目：A／B／C」 is long and has no sentence mark: not a line cut by a page break."""
    contents = "本期要目：" + "／".join(
        [ARTICLES[0], ARTICLES[2], "居民电子健康档案向个人开放查询", "热线运行情况"] * 2
    )
    b = TextParser(issue(MASTHEADS[0][0], [], [contents, *ARTICLES]), "old.txt").parse()
    assert [s.title for s in b.sections if s.kind == "article"] == [ARTICLES[0], ARTICLES[2]]
    assert not any("本期要目" in p.text for s in b.sections if s.kind == "article" for p in s.paragraphs)


def test_hotline_paragraph_gives_the_issue_its_data_month():
    hotline = [
        "12320卫生热线2月份运行情况",
        "2月份，12320卫生热线共受理来电21386个，其中咨询类9124个、投诉类1267个、预约挂号8542个，"
        "日均受理来电737个，群众满意率为98.6%。与1月份相比，预约挂号来电增长明显。",
    ]
    b = TextParser(issue(MASTHEADS[0][0], [], ARTICLES + hotline), "old.txt").parse()
    [t] = b.tables
    assert (t.source, t.data_month, b.data_month) == ("paragraph", "2012-02", "2012-02")
    assert t.line == b.sections[-1].paragraphs[0].line


@pytest.mark.parametrize(
    ("masthead", "edition"),
    [
        (["南京卫生信息化", "(第2期 增刊)", "总第40期", "南京市卫生信息中心编 2013年2月8日"], "增刊"),
        (["南京卫生信息化", "特刊", "2013年第2期（总第40期）", "南京市卫生信息中心编 2013年2月8日"], "特刊"),
        (["南京卫生信息化", "2013年第2期（总第40期）", "南京市卫生信息中心编 2013年2月8日"], ""),
    ],
)
def test_the_kind_of_issue_the_masthead_prints(masthead, edition):
    """「(第2期 增刊)」 or 「特刊」 alone by the issue line: a kind of issue asked for by name (「13年增刊」);
    a headline ending so (「…工作会议专刊」) below the masthead is none."""
    body = ["全市电子病历工作会议专刊", *ARTICLES]
    b = TextParser(issue(masthead, [], body), "old.txt").parse()
    assert (b.edition, b.number, b.running) == (edition, 2, 40)


def test_a_lead_in_ending_in_a_colon_and_a_column_name_are_no_articles():
    """「会议研究决定:」 under 「二、会议要求」 heads the items below it (a half-width colon ends no headline);
    「他山之石」 right above a headline names the column of the article under it."""
    body = [
        "本期要目",
        "二、会议要求",
        "他山之石",
        ARTICLES[1],
        "二、会议要求",
        "会议研究决定:",
        "(一)各医院须于6月底前完成系统评估。",
        "他山之石",
        ARTICLES[0],
        ARTICLES[1],
    ]
    b = TextParser(issue(MASTHEADS[0][0], [], body), "old.txt").parse()
    titles = [s.title for s in b.sections]
    assert titles[-2:] == ["二、会议要求｜会议研究决定:", f"他山之石｜{ARTICLES[0]}"]
    # a contents list heads no article: it is a section of its own
    assert not any("本期要目" in s.title for s in b.sections if s.kind != "contents")
    assert [s.title for s in b.sections if s.kind == "contents"] == ["本期要目"]
    assert b.sections[-2].paragraphs[0].text == "(一)各医院须于6月底前完成系统评估。"
