"""Hospitals said by their ordinal (一院, 市一院, 二院, 二附院): the numeral tells them apart however common
their characters are, and an ordinal no row prints names no row (市三院 is never 市一院 nor a total)."""

from __future__ import annotations

import pytest

from qa.tableqa.entities import Entities

ROWS = [
    (name, name, "各医院情况", "hospital")
    for name in (
        "南京市第一医院",
        "南京市第二医院",
        "南京医科大学第二附属医院",
        "南京医科大学第四附属医院",
        "南京鼓楼医院",
        "二级医院",
    )
]


@pytest.mark.parametrize(
    ("said", "names"),
    [
        ("一院", ["南京市第一医院"]),
        ("市一院", ["南京市第一医院"]),
        ("二院", ["南京市第二医院"]),  # not the 第二附属医院 (二附院), nor the group 二级医院
        ("二附院", ["南京医科大学第二附属医院"]),
        ("三院", []),
        ("市三院", []),
        ("一附院", []),
        ("四院", ["南京医科大学第四附属医院"]),  # no 第四医院 is printed: the 四附院
    ],
)
def test_a_hospital_said_by_its_ordinal(said, names):
    assert [k for k, _ in Entities(ROWS).candidates(said)] == names
