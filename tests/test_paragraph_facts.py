"""Figures printed in statistical paragraphs are stored like table cells and computed like them.

Index: the blind round X1 bulletins, whose 12320 hotline figures are paragraphs (「2月份，12320卫生热线共受理
来电21386个，其中…」 in 2012年第3期, March's in 第4期), and the shipped 2025年第7期. The store tests are
the text path's (parse + ingest); the arithmetic is the table path's, over the same store."""

from __future__ import annotations

import pytest

from qa.index import current_dir
from qa.store import Store


@pytest.fixture(scope="module")
def store(old_engine):
    return old_engine.index.store


def test_paragraph_figures_are_cells_with_month_and_line(store):
    calls = sorted(store.facts(column="受理来电"), key=lambda f: f.data_month)
    assert [(f.data_month, f.raw, f.unit, f.label, f.issue) for f in calls] == [
        ("2012-02", "21386", "个", "12320卫生热线", "2012年第3期"),
        ("2012-03", "25947", "个", "12320卫生热线", "2012年第4期"),
    ]
    assert all(f.line > 0 and f.table == "12320卫生热线" for f in calls)
    [rate] = store.facts(column="群众满意率", month="2012-03")
    assert (rate.raw, rate.unit, rate.num) == ("98.9", "%", 98.9)
    [seed] = store.facts(column="人工服务", month="2025-06")
    assert (seed.raw, seed.unit, seed.label) == ("7407", "通", "南京12320卫生热线")


def test_paragraph_months_are_data_months(old_engine):
    assert old_engine.calendar.data_months == ["2012-02", "2012-03", "2025-06"]
    # 2012年第3期 was published in March with February's hotline figures: its data month is February.
    assert old_engine.calendar.month_of("2012年第3期") == "2012-02"


def test_paragraph_table_is_not_a_row_chunk(old_engine):
    """Its sentence is a text chunk already; the figures are in the store, not repeated as a row."""
    chunks = [c for c in old_engine.index.chunks if "21386" in c.text]
    assert [c.kind for c in chunks] == ["text"]


@pytest.mark.parametrize(
    ("q", "want"),
    [
        ("2012年3月12320热线比2月多接了多少电话", ["4561", "25947", "21386"]),
        ("12320热线2012年2月和3月两个月一共受理多少来电", ["47333"]),
        ("2012年3月的投诉类来电比2月少了多少个", ["159"]),
        ("12年2月和3月咨询类来电一共多少个？", ["19509"]),
        ("2012年3月热线满意率比2月提高了多少", ["0.3"]),
    ],
)
def test_paragraph_arithmetic(old_engine, q, want):
    """Computed by the table path over the paragraph cells, the arithmetic shown."""
    a = old_engine.ask(q, [])
    assert a.found and a.route == "table", a.text
    assert all(w in a.text for w in want), a.text


def test_store_holds_paragraph_tables_as_tables(old_engine):
    gen = current_dir(old_engine.settings)
    s = Store(gen / "bulletins.sqlite")
    titles = [t for (t,) in s.db.execute("SELECT title FROM tables WHERE title = '12320卫生热线'")]
    assert titles == ["12320卫生热线", "12320卫生热线"]
    s.close()


def test_other_month_beside_and_parts_after_a_full_stop():
    """「…接听来电23857通，较7月份的25318通有所回落。从来电类型看，预约挂号类11206通，…」: the figure printed
    for another month is that month's figure of the same column, and the next sentence's figures are the
    total's parts because they add up to it (no 「其中」 needed)."""
    from qa.parse.paragraphs import paragraph_tables

    text = (
        "据统计，8月份12320卫生热线人工坐席累计接听来电23857通，较7月份的25318通有所回落。从来电类型看，"
        "预约挂号类11206通，政策咨询类7482通，投诉建议类1935通，其他类3234通。当月另承接转办工单2106件。"
    )
    main, beside = paragraph_tables(text, 9, 2023, "2023-09-26")
    assert main.title == "12320卫生热线人工坐席" and main.data_month == "2023-08"
    assert [(c.name, c.role) for c in main.columns] == [
        ("接听来电", "total"),
        ("预约挂号类", ""),
        ("政策咨询类", ""),
        ("投诉建议类", ""),
        ("其他类", ""),
    ]
    assert [v.raw for v in main.rows[0].values] == ["23857", "11206", "7482", "1935", "3234"]
    assert (beside.data_month, [c.name for c in beside.columns], beside.rows[0].values[0].raw) == (
        "2023-07",
        ["接听来电"],
        "25318",
    )


@pytest.mark.parametrize(
    "text",
    [
        # figures of the next sentence that do not add up to the total are about something else
        "8月份，平台累计接入机构120家。从类型看，医院45家，社区60家。",
        # a change against another month is no figure of that month
        "8月份，热线共受理来电23857通，较7月份减少1461通。",
    ],
)
def test_no_statement_from_figures_that_are_not_parts_or_values(text):
    from qa.parse.paragraphs import paragraph_tables

    got = paragraph_tables(text, 1, 2023, "2023-09-26")
    assert all(t.data_month == "2023-08" for t in got)
    assert all(c.name != "较7月份减少" for t in got for c in t.columns)
