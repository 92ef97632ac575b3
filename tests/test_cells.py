"""Cell typing, headers and entity shapes (property-based where it pays)."""

from hypothesis import given
from hypothesis import strategies as st

from qa.parse.tables import entity_kind, flatten, parse_value, period, split_unit


@given(st.integers(min_value=0, max_value=10**12))
def test_integers_round_trip(n):
    v = parse_value(str(n))
    assert (v.kind, v.num, v.raw) == ("int", n, str(n))
    assert parse_value(f"{n:,}").num == n


@given(st.integers(0, 10**9), st.integers(1, 99))
def test_decimals(a, b):
    raw = f"{a}.{b:02d}"
    v = parse_value(raw)
    assert v.kind == "dec" and abs(v.num - float(raw)) < 1e-6 and v.raw == raw


@given(st.integers(0, 99), st.integers(1, 99))
def test_ratios(a, b):
    v = parse_value(f"{a}/{b}")
    assert (v.kind, v.num, v.den) == ("ratio", a, b)


def test_missing_is_not_zero():
    for raw in ["/", "", " ", "／", "-"]:
        v = parse_value(raw)
        assert v.kind == "missing" and v.num is None
    assert parse_value("0").num == 0 and parse_value("0").kind == "int"
    assert parse_value("１２３").num == 123  # full-width digits
    assert parse_value("abc").kind == "text"


def test_headers():
    assert split_unit("收入(千元)") == split_unit("收入（千元）") == ("收入", "千元")
    assert flatten("门急诊信息", "人次") == ("门急诊人次", "")
    assert flatten("门急诊信息", "收入（千元）") == ("门急诊收入", "千元")
    assert flatten("出院信息", "住院收入(千元)") == ("住院收入", "千元")
    # a unit printed over a group belongs to every column under it
    assert flatten("影像调阅（次）", "跨院调阅") == ("跨院调阅", "次")
    assert flatten("调阅（次）", "跨院调阅（万次）") == ("跨院调阅", "万次")
    assert period(["序号", "名称", "预约数量", "序号", "名称", "预约数量"]) == 3
    assert period(["序号", "单位", "在线", "快速"]) == 0


def test_entity_shapes():
    assert entity_kind("南京鼓楼医院（含分院）") == "hospital"
    assert entity_kind("中国医学科学院皮肤病研究所") == "hospital"
    assert entity_kind("南京医科大学第四附属医院(京新)") == "hospital"
    assert entity_kind("江北新区") == "district"
    assert entity_kind("鼓楼区") == "district"
    assert entity_kind("健康南京") == "channel"
    assert entity_kind("南京卫生 12320 微信") == "channel"
