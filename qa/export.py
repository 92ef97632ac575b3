"""The rows behind a table answer, as files staff paste into their own reports: CSV (UTF-8 with a BOM,
so Excel opens it) and Excel (.xlsx via openpyxl). Cells stay as printed (6052, 543099.4, 12/12, /);
column names keep their units; every row says which issue, table and line it came from."""

from __future__ import annotations

import csv
import io
import re

from qa.model import Answer


def _groups(answer: Answer) -> list[dict]:
    if not answer.data:
        raise ValueError("this answer has no table rows to download")
    return answer.data


def to_csv(answer: Answer) -> bytes:
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for i, g in enumerate(_groups(answer)):
        if i:
            w.writerow([])
        w.writerow([f"{g['issue']}《{g['table']}》"])
        w.writerow(g["columns"])
        w.writerows(g["rows"])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def to_xlsx(answer: Answer) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for g in _groups(answer):
        name = re.sub(r"[\[\]:*?/\\]", "", g["table"])[:28] or "表"
        while name in used:
            name = name[:26] + f"_{len(used)}"
        used.add(name)
        ws = wb.create_sheet(name)
        ws.append([f"{g['issue']}《{g['table']}》"])
        ws.append(g["columns"])
        for c in ws[2]:
            c.font = Font(bold=True)
        for row in g["rows"]:
            ws.append([str(v) for v in row])  # as printed: text, so 12/12 and 0.50 stay themselves
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
