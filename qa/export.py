"""The rows behind a table answer, as files staff paste into their own reports: CSV (UTF-8 with a BOM,
so Excel opens it) and Excel (.xlsx via openpyxl). Cells stay as printed (6052, 543099.4, 12/12, /);
column names keep their units; every row says which issue, table and line it came from."""

from __future__ import annotations

import csv
import io
import re

from qa.model import Answer

FORMULA = re.compile(r"^[=+\-@\t\r]")
NUMBER = re.compile(r"^[+-]?\d[\d,]*(\.\d+)?%?$")


def inert(value: object) -> object:
    """A cell a spreadsheet will not run: text starting like a formula (=, +, -, @) that is not a
    figure gets a leading apostrophe (OWASP's CSV-injection advice); figures such as -7.25 stay."""
    if isinstance(value, str) and FORMULA.match(value) and len(value) > 1 and not NUMBER.match(value):
        return "'" + value
    return value


def _groups(answer: Answer) -> list[dict]:
    if not answer.data:
        raise ValueError("this answer has no table rows to download")
    return answer.data


def to_csv(answer: Answer) -> bytes:
    return groups_csv(_groups(answer))


def to_xlsx(answer: Answer) -> bytes:
    return groups_xlsx(_groups(answer))


def groups_csv(groups: list[dict]) -> bytes:
    """Rows grouped by table ({"issue", "table", "columns", "rows"}, as `Answer.data`) as one CSV: each
    table under a line naming its issue and title, a blank line between tables."""
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n")
    for i, g in enumerate(groups):
        if i:
            w.writerow([])
        w.writerow([inert(f"{g['issue']}《{g['table']}》")])
        w.writerow([inert(c) for c in g["columns"]])
        w.writerows([inert(v) for v in row] for row in g["rows"])
    return ("\ufeff" + buf.getvalue()).encode("utf-8")


def groups_xlsx(groups: list[dict]) -> bytes:
    """The same rows as an Excel workbook: a sheet per table, its issue and title in the first row."""
    from openpyxl import Workbook
    from openpyxl.styles import Font

    wb = Workbook()
    wb.remove(wb.active)
    used: set[str] = set()
    for g in groups:
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
        for line in ws.iter_rows():
            for c in line:
                if isinstance(c.value, str) and c.value.startswith("="):
                    c.data_type = "s"  # a string, never a formula Excel would run
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
