"""The attack battery of issue 10, kept as tests: each attack as it was reproduced, and what holds now.

1 concurrent ingests · 2 anonymous uploads · 3 a server losing its generation · 4 shifted cells ·
5 slow clients · 6 a read-only index · 7 hostile `qa ask --jsonl` lines · 8 hostile /api/ask bodies and
chat messages · 9 the chat's routes skipping the limits · 10 tracebacks, paths and raw messages ·
11 a failed bulletin forgotten · 12 origins and Host headers · 13 huge bulletins.

The concurrency tests run several rounds. Tests that need another user (read-only or unreadable index)
run a child process as `nobody` when the suite runs as root, and use chmod otherwise.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

from qa.cli import main

ROOT = Path(__file__).resolve().parent.parent
PY = sys.executable
Q_TABLE = "江苏省人民医院门急诊人次是多少？"
Q_TEXT = "CHITEC大会是谁主办的？"
TEXT_ANSWER = "中国卫生信息与健康医疗大数据学会"
NOBODY = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
ROOT_USER = os.geteuid() == 0


# == 4. a row with a cell missing ========================================================================
def shifted_bulletin(seed_path: Path, folder: Path) -> Path:
    """The seed bulletin with one cell gone from a plain row, a side-by-side row and a two-level-header
    row, and the 合计 row removed (no sum check to notice)."""
    text = seed_path.read_text(encoding="utf-8")
    edits = [
        ("2\t南京市口腔医院\t747\t79\t0\t546\t1372", "2\t南京市口腔医院\t747\t79\t546\t1372"),
        ("合计\t\t12396\t2051\t74264\t4767\t93478\n", ""),
        (
            "2\t南京卫生 12320 微信\t5179\t5\t南京卫生 12320 网\t278",
            "2\t南京卫生 12320 微信\t5\t南京卫生 12320 网\t278",
        ),
        ("江宁区\t10304604\t30\t12/12\t411424", "江宁区\t10304604\t12/12\t411424"),
    ]
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    path = folder / "2025-07_shifted.txt"
    path.write_text(text, encoding="utf-8")
    return path


def test_a_row_missing_a_cell_is_skipped_with_a_warning_never_shifted(seed_path, tmp_path, capsys):
    """Reproduced: exit 0, no warning, 南京市口腔医院's 小计 answered as its 第三方 and its 小计 as
    「未上报」; 南京卫生 12320 微信 given 5 appointments (the next record's 序号)."""
    from qa.parse import parse_file

    path = shifted_bulletin(seed_path, tmp_path)
    b = parse_file(path)
    tables = {t.title: {r.label: r for r in t.rows} for t in b.tables}
    appt, online = tables["2025 年 6 月 12320 预约挂号服务统计"], tables["2025 年 6 月线上预约情况统计"]
    district = tables["2025年6月南京市卫生信息平台数据采集情况（区）"]
    assert "南京市口腔医院" not in appt and "江宁区" not in district
    assert "南京卫生 12320 微信" not in online and "南京卫生 12320 网" not in online  # the line's records
    assert len(appt) == 36 and len(online) == 3 and len(district) == 11  # the other rows intact
    assert [v.raw for v in appt["南京市儿童医院"].values] == ["982", "178", "0", "0", "1160"]
    assert [v.raw for v in online["健康南京"].values] == ["6939"]
    assert all("1372" not in [v.raw for v in r.values] for r in appt.values())  # no shifted figure
    lines = path.read_text(encoding="utf-8").splitlines()
    for label in ("南京市口腔医院", "南京卫生 12320 微信", "江宁区"):
        no = next(i for i, line in enumerate(lines, 1) if label in line and "\t" in line)
        assert any(w.startswith(f"{path.name}:{no}: table ") and "skipped" in w for w in b.warnings), label
    assert main(["parse", str(path)]) == 0
    err = capsys.readouterr().err
    assert err.count("warning: 2025-07_shifted.txt:") >= 3 and "skipped" in err
