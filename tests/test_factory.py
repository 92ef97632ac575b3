"""The bulletin factory itself: determinism, internal consistency, fixtures and gold questions in sync."""

from __future__ import annotations

import json
import re
import sys
from decimal import Decimal
from pathlib import Path

TESTS = Path(__file__).resolve().parent
if str(TESTS) not in sys.path:
    sys.path.insert(0, str(TESTS))

import factory  # noqa: E402

REAL = TESTS.parent / "corpus" / "2025-07_第161期.txt"
GENERATED = TESTS / "eval" / "generated.jsonl"
BULLETINS = TESTS / "fixtures" / "bulletins"
CATS = {"lookup", "aggregate", "text", "none", "followup"}


def _cells(line: str, layout: str) -> list[str]:
    if layout == "tab":
        return line.split("\t")
    return re.split(r" {2,}", line.strip())


def _table_lines(text: str, caption_word: str) -> list[str]:
    """Lines of the table after the caption containing caption_word, up to the next caption/note."""
    lines = text.split("\n")
    i = next(k for k, ln in enumerate(lines) if caption_word in ln and ("统计" in ln or "情况" in ln))
    out = []
    for ln in lines[i + 1 :]:
        if (
            ln.startswith("(")
            or ln.startswith("简讯")
            or ln.startswith(factory.PUBLISHER)
            or ("数据采集情况" in ln)
        ):
            break
        if ln.strip():
            out.append(ln)
    return out


def _data_rows(text: str, caption_word: str, layout: str) -> dict[str, list[str]]:
    rows = {}
    for ln in _table_lines(text, caption_word):
        c = [x for x in _cells(ln, layout) if x != ""]
        if c and c[0] in ("接入单位", "序号", "人次"):
            continue
        rows[c[0]] = c[1:]
    return rows


def test_deterministic():
    a = factory.make_bulletin(2025, 9, 163, 7)
    b = factory.make_bulletin(2025, 9, 163, 7)
    assert a.text == b.text and a.facts == b.facts
    c = factory.make_bulletin(2025, 9, 163, 8)
    assert c.text != a.text
    assert factory.questions(a, "x") == factory.questions(b, "x")


def test_structure_like_real():
    real = REAL.read_text(encoding="utf-8")
    iss = factory.make_bulletin(2025, 9, 163, 3)
    t = iss.text
    assert t.startswith(
        "\n\n南京卫生信息化简报\n\n2025年第9期（总第163期）\n\n南京市卫生信息中心 编印\n\n2025年9月"
    )
    assert not t.endswith("\n") and re.search(r"本期共印 \d+ 份$", t)
    for marker in [
        "统计数据",
        "南京 12320 卫生热线 2025 年 8 月数据统计",
        "2025 年 8 月 12320 预约挂号服务统计",
        "2025 年 8 月线上预约情况统计",
        "2025年8月南京市卫生信息平台数据采集情况（区）",
        "2025年8月南京市卫生信息平台数据采集情况（医院）",
        "\n\n简讯\n\n- ",
        "地址：",
        "邮编：",
        "电话：",
        "传真：",
        "E-mail：",
        "网址：",
        "责任编辑：",
        "(截止 2025 年 8 月，总预约挂号量为 ",
        "(不包含 12320 电话预约、医院诊间预约、医院自有途径预约)",
        "区及医院累计校验入库数据",
    ]:
        assert marker in t, marker
        assert re.sub(r"20\d\d ?年 ?\d+ ?月", "", marker) in re.sub(
            r"20\d\d ?年 ?\d+ ?月", "", real
        ) or marker.startswith("\n")
    assert "\n合计\t\t" in t
    assert "收入（千元）" in t and "收入(千元)" in t
    # exactly one paragraph broken by a page break: a line without final punctuation, then a blank line
    paras = [p for p in t.split("\n\n") if len(p) > 60 and "\t" not in p]
    broken = [p for p in paras if p[-1] not in "。；！？）)" and not p.startswith("- ")]
    assert len(broken) == 1, broken
    assert iss.facts["data_month"] == "2025-08" and iss.facts["published"].startswith("2025-09-")


def test_totals_consistent():
    for seed in range(5):
        for layout in ("tab", "spaces"):
            iss = factory.make_bulletin(2025, 3 + seed, 150 + seed, seed, layout=layout)
            f = iss.facts
            A = f["tables"]["appointments"]
            rows = _data_rows(iss.text, "预约挂号服务统计", layout)
            tot = rows.pop("合计")
            assert len(rows) == len(A["rows"])
            sums = [0] * 5
            prev = None
            for cells in rows.values():
                vals = [int(x) for x in cells[-5:]]
                assert sum(vals[:4]) == vals[4]
                assert prev is None or vals[4] < prev  # sorted by 小计, no ties
                prev = vals[4]
                sums = [s + v for s, v in zip(sums, vals, strict=True)]
            assert [int(x) for x in tot] == sums
            # online table identities
            on = {k: int(v["预约数量"]) for k, v in f["tables"]["online"]["rows"].items()}
            assert on["健康南京"] + on["南京卫生 12320 微信"] + on["南京卫生 12320 网"] == sums[0]
            assert on["12320 快速预约"] == sums[1] and on["我的南京客户端"] == sums[3]
            assert int(f["tables"]["online"]["totals"]["预约数量"]) == sum(on.values())
            assert f"合计： {sum(on.values())}" in iss.text
            # hotline
            h = {k: int(v) for k, v in f["hotline"].items()}
            assert h["咨询电话"] == sum(
                h[k] for k in ("咨询类", "医疗投诉", "电话预约", "人工服务", "心理危机干预", "自助语音问答")
            )
            # hospital table: sorted by upload, distinct values, decimals never integers
            H = f["tables"]["hospitals"]
            ups = [int(r["定时数据上传量"]) for r in H["rows"].values()]
            assert ups == sorted(ups, reverse=True) and len(set(ups)) == len(ups)
            for col in (
                "门急诊信息/人次",
                "门急诊信息/收入(千元)",
                "出院信息/人次",
                "出院信息/住院收入(千元)",
            ):
                vals = [r[col] for r in H["rows"].values()]
                assert len(set(vals)) == len(vals), col
            for r in list(H["rows"].values()) + list(f["tables"]["districts"]["rows"].values()):
                for col in ("门急诊信息/收入(千元)", "出院信息/住院收入(千元)"):
                    v = r[col]
                    assert v == "/" or ("." in v and not v.endswith("0")), v
                days, forms = int(r["实时数据上传天数"]), r["实时数据表单上传情况"]
                assert re.fullmatch(r"\d{1,2}/12", forms) and (days > 0 or forms == "0/12")
            D = f["tables"]["districts"]
            assert sorted(D["rows"]) == sorted(factory.DISTRICTS)
            assert sum(1 for r in D["rows"].values() if r["门急诊信息/收入(千元)"] == "/") == 1
            tot_dis = sum(int(r["出院信息/人次"]) for r in D["rows"].values())
            assert D["totals"]["出院信息/人次"] == str(tot_dis)
            tot_inc = sum(
                Decimal(r["出院信息/住院收入(千元)"])
                for r in D["rows"].values()
                if r["出院信息/住院收入(千元)"] != "/"
            )
            assert Decimal(D["totals"]["出院信息/住院收入(千元)"]) == tot_inc


def test_text_matches_facts_in_both_layouts():
    for layout, extra in (("tab", False), ("spaces", True), ("tab", True), ("spaces", False)):
        iss = factory.make_bulletin(2025, 10, 164, 11, layout=layout, extra_column=extra)
        H = iss.facts["tables"]["hospitals"]
        rows = _data_rows(iss.text, "数据采集情况（医院）", layout)
        assert list(rows) == H["order"]
        for name, cells in rows.items():
            assert cells == [H["rows"][name][c] for c in H["columns"][1:]]
        D = iss.facts["tables"]["districts"]
        drows = _data_rows(iss.text, "数据采集情况（区）", layout)
        for name, cells in drows.items():
            assert cells == [D["rows"][name][c] for c in D["columns"][1:]]
        assert ("互联网医院诊疗人次" in iss.text) == extra
        if layout == "spaces":
            assert "\t" not in iss.text
            sub = [ln for ln in iss.text.split("\n") if ln.lstrip().startswith("人次") and "住院收入" in ln]
            assert sub and all(ln.startswith("      ") for ln in sub)


def test_split_and_repeat_header():
    iss = factory.make_bulletin(2025, 9, 163, 5, split_at=(15, 25))
    assert iss.text.count("序号\t单位\t12320 在线预约") == 2
    assert iss.text.count("接入单位\t定时数据上传量") == 3  # district table + two parts of the hospital table
    lines = iss.text.split("\n")
    i = lines.index(next(ln for ln in lines if ln.startswith("序号\t单位")))
    assert lines[i + 16] == "" and lines[i + 15].startswith("15\t")
    assert iss.facts["tables"]["hospitals"]["split_at"] == 25
    no = factory.make_bulletin(2025, 9, 163, 5, split_at=(15, 25), repeat_header=False)
    assert no.text.count("序号\t单位\t12320 在线预约") == 1
    assert no.text.count("接入单位\t定时数据上传量") == 2
    assert "\n\n16\t" in no.text


def test_omit_sections():
    full = factory.make_bulletin(2025, 8, 162, 9, n_articles=3)
    assert len(full.facts["news"]) == 3
    iss = factory.make_bulletin(2025, 8, 162, 9, n_articles=3, omit_sections=("简讯", "article2"))
    assert "\n简讯\n" not in iss.text and not iss.facts["briefs"]
    assert [a["headline"] for a in iss.facts["news"]] == [full.facts["news"][i]["headline"] for i in (0, 2)]
    assert full.facts["news"][1]["headline"] not in iss.text


def test_hospital_pool_varies_and_overlaps_real():
    real = REAL.read_text(encoding="utf-8")
    sets = [
        set(factory.make_bulletin(2025, 9, 163, s).facts["tables"]["hospitals"]["rows"]) for s in range(4)
    ]
    assert len({frozenset(s) for s in sets}) == 4
    for s in sets:
        assert {
            "江苏省人民医院",
            "南京鼓楼医院",
            "东南大学附属中大医院",
            "南京市第一医院",
            "江苏省中医院",
        } <= s
        assert any(h not in real for h in s)
    names = [p[0] for p in factory._POOL if p[0]]
    for a in names:
        for b in names:
            assert a == b or a not in b, (a, b)


def test_write_corpus(tmp_path):
    paths = factory.write_corpus(tmp_path, 14, start=(2024, 11))
    assert [p.name for p in paths[:3]] == [
        "2024-11_第153期.txt",
        "2024-12_第154期.txt",
        "2025-01_第155期.txt",
    ]
    assert paths[8].name == "2025-07_第161期.txt"
    t = paths[2].read_text(encoding="utf-8")
    assert "2025年第1期（总第155期）" in t and "2024 年 12 月 12320 预约挂号服务统计" in t
    assert factory.running_for(2024, 3) == 145
    cum = [int(re.search(r"总预约挂号量为 (\d+) 次", p.read_text(encoding="utf-8")).group(1)) for p in paths]
    assert cum == sorted(cum) and len(set(cum)) == len(cum)


def _questions_ok(qs, texts_by_prefix=None):
    ids = [q["id"] for q in qs]
    assert len(ids) == len(set(ids))
    for q in qs:
        assert q["cat"] in CATS, q
        assert q["q"].strip()
        if q.get("found") is False:
            assert "expect" not in q
            continue
        assert q["expect"] and all(
            isinstance(g, list) and g and all(isinstance(a, str) and a for a in g) for g in q["expect"]
        ), q
        for fb in q.get("forbid", []):
            assert not any(fb in a for g in q["expect"] for a in g), q
        if q["cat"] == "followup":
            assert q["history"][0]["role"] == "user" and q["history"][1]["role"] == "assistant"
        # every question about one bulletin names its month or issue
        if q["cat"] != "none" and q["cat"] != "followup":
            assert re.search(r"[0-9０-９]+\s*月|第\d+期", q["q"]), q
        if texts_by_prefix:
            text = texts_by_prefix.get(q["id"].split("-")[0])
            if text and q["cat"] in ("lookup", "text"):
                flat = text.replace(" ", "")
                for g in q["expect"]:
                    assert any(
                        a.replace(" ", "") in flat
                        or a in factory.ALIASES.get(g[0], [])
                        or re.fullmatch(r"\d{4}-\d\d-\d\d", a)
                        or a[-1] in "家个位项"
                        for a in g
                    ), (q, g)


def test_questions_format_and_grounding():
    iss = factory.make_bulletin(2025, 9, 163, 21, extra_column=True, layout="spaces")
    qs = factory.questions(iss, "t163")
    cats = {q["cat"] for q in qs}
    assert cats == CATS
    assert len(qs) >= 50
    _questions_ok(qs, {"t163": iss.text})


def test_fixtures_in_sync_with_factory():
    issues = factory.fixture_issues()
    names = sorted(p.name for p in BULLETINS.glob("*.txt"))
    assert (
        names
        == sorted(i.filename for i in issues)
        == ["2025-08_第162期.txt", "2025-09_第163期.txt", "2025-10_第164期.txt"]
    )
    for iss in issues:
        assert (BULLETINS / iss.filename).read_text(encoding="utf-8") == iss.text
    qs = [json.loads(ln) for ln in GENERATED.read_text(encoding="utf-8").splitlines() if ln.strip()]
    assert len(qs) >= 150
    expected = []
    for iss in issues:
        expected += factory.questions(iss, f"g{iss.facts['running']}")
    expected += factory.cross_questions(issues) + factory.HANDWRITTEN
    assert qs == expected
    texts = {f"g{i.facts['running']}": i.text for i in issues}
    _questions_ok(qs, texts)
    # hand-written questions are grounded in the fixture they name
    for q in factory.HANDWRITTEN:
        run = re.search(r"(?<!年)第(\d{3})期", q["q"] + "".join(h["content"] for h in q.get("history", [])))
        if q.get("found") is False or not run:
            continue
        text = (
            BULLETINS / next(i.filename for i in issues if i.facts["running"] == int(run.group(1)))
        ).read_text(encoding="utf-8")
        for g in q["expect"]:
            assert any(a in text for a in g), (q, g)
