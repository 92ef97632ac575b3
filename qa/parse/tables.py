"""Tables inside a bulletin: cells, headers (one or two levels), side-by-side layouts, totals, checks.

Input is a block of already-split lines (tab- or space-separated); output is a typed `Table`.
Nothing here knows any hospital or number of a particular issue: the rules are about shapes.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from qa.model import Column, EntityKind, Row, Table, Value
from qa.units import unit
from qa.words import words

MISSING = {"", "/", "／", "-", "—", "–", "--", "无"}
TAIL_TOTAL = re.compile(r"^\S{1,6}(合计|总计)$")  # 前十位合计, 以上合计: a closing total row with a qualifier
TOTAL_RE = re.compile(r"^\s*(合\s*计|总\s*计|全\s*市|总\s*体)\s*[:：]?\s*(.*)$")  # 全市 sums the districts
INT_RE = re.compile(r"^[+-]?\d{1,3}(,\d{3})+$|^[+-]?\d+$")
DEC_RE = re.compile(r"^[+-]?(\d{1,3}(,\d{3})+|\d+)\.\d+$")
RATIO_RE = re.compile(r"^(\d+)\s*/\s*(\d+)$")
LEVEL_RE = re.compile(r"^([一二三四五六七八九十\d]{1,3})\s*级\s*([甲乙丙]等)?$")  # 五级, 四级甲等: ordered
GRADE = {"甲等": 0.3, "乙等": 0.2, "丙等": 0.1}
UNIT_RE = re.compile(r"^(.*?)[(（]\s*([^()（）]+?)\s*[)）]$")
SEQ_NAMES = {"序号", "编号", "排名", "No", "No."}
TOTAL_NAMES = {"小计", "合计", "总计", "合计数"}  # a column that sums the ones before it
MONTH_PARTS = "底末初中上下旬日号"  # what follows 「3月」 when it names a day or part of a month
MONTH_LABEL = re.compile(r"^(?:(\d{4})\s*年)?\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*月份?(\D.*)?$")


def norm(s: str) -> str:
    """Comparison key for headers and names: NFKC (full-width → half-width) and no whitespace."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", s))


ARROW_RE = re.compile(r"^([↑↓])\s*(\d+(?:\.\d+)?)$")  # a change printed as ↑2 (up two), ↓1
WITH_UNIT_RE = re.compile(r"^([+-]?\d+(?:\.\d+)?)\s*([^\d\s.,/]{1,3})$")  # 12.5万, 98.2%, 25分钟


def parse_value(raw: str) -> Value:
    """Type one cell as printed. `/` and empty are missing (not zero); 12/12 is a ratio; ↑2 is +2."""
    s = unicodedata.normalize("NFKC", raw).strip()
    if s in MISSING:
        return Value(raw.strip(), "missing")
    m = ARROW_RE.match(s)
    if m:
        n = float(m.group(2)) * (1 if m.group(1) == "↑" else -1)
        return Value(raw.strip(), "dec" if "." in m.group(2) else "int", n)
    if INT_RE.match(s):
        return Value(raw.strip(), "int", float(int(s.replace(",", ""))))
    if DEC_RE.match(s):
        return Value(raw.strip(), "dec", float(s.replace(",", "")))
    m = RATIO_RE.match(s)
    if m:
        return Value(raw.strip(), "ratio", float(int(m.group(1))), int(m.group(2)))
    m = LEVEL_RE.match(s)
    if m and _small(m.group(1)) is not None:
        # A graded level keeps its text; its rank (五级乙等 → 5.2) orders and compares it.
        return Value(raw.strip(), "level", _small(m.group(1)) + GRADE.get(m.group(2) or "", 0.0))
    return Value(raw.strip(), "text")


def is_number_like(cell: str) -> bool:
    """A figure, a missing mark, or two figures in one cell (「186420（672315）」, see `paired_cells`)."""
    return (
        parse_value(cell).kind in ("int", "dec", "ratio")
        or cell.strip() in ("/", "／")
        or PAIR_RE.match(unicodedata.normalize("NFKC", cell).strip()) is not None
    )


def _unit_of(cell: str) -> str:
    """The unit printed inside a figure (「12.5万」 → 万, 「25分钟」 → 分钟), or ""."""
    m = WITH_UNIT_RE.match(unicodedata.normalize("NFKC", cell).strip())
    if not m:
        return ""
    u = m.group(2)
    return u if unit(u) is not None or u in SCALE_WORDS or (u[0] in SCALE_WORDS and unit(u[1:])) else ""


SCALE_WORDS = "十百千万亿"


def cell_units(table: Table) -> None:
    """A column printed without a unit whose figures carry one, the same in every cell (门诊量 「39.4万」,
    满意度 「94.2%」): the unit is the column's and the cells are its numbers, as a header unit would be."""
    for i, col in enumerate(table.columns):
        if col.unit:
            continue
        cells = [
            r.values[i] for r in table.rows + ([table.total] if table.total else []) if i < len(r.values)
        ]
        printed = [v for v in cells if v.kind != "missing"]
        units = {_unit_of(v.raw) for v in printed}
        if not printed or len(units) != 1 or "" in units:
            continue
        u = units.pop()
        col.unit = u
        for r in table.rows + ([table.total] if table.total else []):
            if i < len(r.values) and r.values[i].kind != "missing":
                r.values[i] = parse_value(
                    WITH_UNIT_RE.match(unicodedata.normalize("NFKC", r.values[i].raw).strip()).group(1)
                )


def split_unit(header: str) -> tuple[str, str]:
    """收入(千元) → (收入, 千元); 人次 → (人次, ''); 「其中：药费」 → 其中药费."""
    h = re.sub(r"^其中\s*:\s*", "其中", unicodedata.normalize("NFKC", header).strip())
    m = UNIT_RE.match(h)
    if m and re.search(r"\d", m.group(2)) and not _unitlike(m.group(2).strip()):
        return norm(m.group(1)), ""  # 「市容环境（满分30）」: a remark on the figure, not its unit
    if m:
        return norm(m.group(1)), m.group(2).strip()
    return norm(h), ""


def header_parts(header: str) -> list[str]:
    """A printed header split into its levels (「门诊/次均费用」 → 门诊, 次均费用) at the slashes outside
    brackets: 「蚊密度（只/人工小时）」 is one level whose unit is a rate."""
    parts, depth, start = [], 0, 0
    for i, ch in enumerate(header):
        depth += ch in "(（"
        depth -= ch in ")）" and depth > 0
        if ch == "/" and depth == 0:
            parts.append(header[start:i])
            start = i + 1
    return [*parts, header[start:]]


GENERIC_SUB = {"人次", "收入", "人数", "数量", "金额", "费用", "次数", "天数", "合计", "小计"}


def flatten(group: str, sub: str) -> tuple[str, str]:
    """Two-level header → one name: 门急诊信息 + 人次 → 门急诊人次; 出院信息 + 住院收入 → 住院收入."""
    name, unit = split_unit(sub)
    gname, gunit = split_unit(group)
    unit = unit or gunit  # 影像调阅（次） over 院内调阅 and 跨院调阅: both counted in 次
    g = re.sub(r"(信息|情况|数据|统计)$", "", norm(gname))
    if g in words("parts_mark"):
        return (
            g + name,
            unit,
        )  # 「其中：」 over 尘肺病 · 急性职业中毒: each a part, as 「其中：尘肺病」 would be
    if not g or name.startswith(g):
        return name, unit
    if name in GENERIC_SUB or len(name) <= 2:
        return g + name, unit
    return name, unit


@dataclass
class Line:
    no: int
    cells: list[str]  # positional for tab layout; non-empty cells for space layout
    tab: bool


def split_line(text: str) -> Line | None:
    """Split a table-looking line; None when it is prose."""
    if "\t" in text:
        # a tab printed at the end keeps its blank cell: 「合计\t5580\t…\t68.1\t」 leaves the last column
        # (进展情况) blank, it does not lack it
        cells = [c.strip() for c in text.rstrip(" \r\n\u3000").split("\t")]
        if sum(1 for c in cells if c) >= 2 and len(cells) >= 3:
            return Line(0, cells, True)
        return None
    cells = [c.strip() for c in re.split(r"\s{2,}|\u3000+", text.strip()) if c.strip()]
    if len(cells) >= 3:
        return Line(0, cells, False)
    return None


def is_header_line(line: Line) -> bool:
    """A line of names, no figures; 「合计」 first is a total row, unless the line's first positions are
    blank (「\t\t合计\t其中：急诊」: the leaves under a group, 合计 among them)."""
    cells = [c for c in line.cells if c]
    return (
        bool(cells)
        and not any(is_number_like(c) or _unit_of(c) for c in cells)  # 「39.4万」「29分钟」 are figures
        and not (TOTAL_RE.match(cells[0]) and not (line.tab and not line.cells[0].strip()))
    )


@dataclass
class Header:
    names: list[str]  # leaf names, positional (tab) or in order (spaces); "" for unused positions
    units: list[str]
    printed: list[str]
    lines: list[int]


def _distinct(h: Header) -> Header:
    """Two groups printing the same leaves (门诊 / 住院 over 次均费用, 其中：药费, 药占比): each name carries
    its group (门诊次均费用, 住院药费), or the second would hide the first."""
    seen = [n for n in h.names if n]
    twice = {n for n in seen if seen.count(n) > 1}
    for i, n in enumerate(h.names):
        if n in twice and "/" in h.printed[i]:
            group = re.sub(r"(信息|情况|数据|统计)$", "", split_unit(h.printed[i].split("/", 1)[0])[0])
            if re.match(r"^(\d{4}\s*年)|^[\d一二三四五六七八九十]{1,3}\s*月", group):
                continue  # groups that are months or years (8月 / 7月): one column per month, see unpivot
            leaf = n.removeprefix("其中")
            h.names[i] = leaf if leaf.startswith(group) else group + leaf
    return h


def build_header(lines: list[Line], value_width: int | None = None) -> Header:
    """Leaf columns from one or two header lines."""
    return _distinct(_build_header(lines, value_width))


def _build_header(lines: list[Line], value_width: int | None = None) -> Header:
    top = lines[0]
    if len(lines) == 1:
        pairs = [split_unit(c) if c else ("", "") for c in top.cells]
        return Header([p[0] for p in pairs], [p[1] for p in pairs], list(top.cells), [top.no])
    sub = lines[1]
    names: list[str] = []
    units: list[str] = []
    printed: list[str] = []
    if top.tab and sub.tab:
        width = max(len(top.cells), len(sub.cells))
        t = top.cells + [""] * (width - len(top.cells))
        s = sub.cells + [""] * (width - len(sub.cells))
        group = ""
        for i in range(width):
            if t[i]:
                group = t[i] if s[i] else ""
            if s[i]:
                g = t[i] or group
                n, u = flatten(g, s[i])
                printed.append(f"{g}/{s[i]}" if g else s[i])
            else:
                n, u = split_unit(t[i]) if t[i] else ("", "")
                printed.append(t[i])
            names.append(n)
            units.append(u)
        return Header(names, units, printed, [top.no, sub.no])
    # Space layout: empty cells vanished. The groups are the last G top cells, G = T + S - N.
    tcells, scells = [c for c in top.cells if c], [c for c in sub.cells if c]
    n_leaf = value_width if value_width else len(tcells) + len(scells) // 2
    g = len(tcells) + len(scells) - n_leaf
    if g <= 0 or len(scells) % g:
        g = 1 if len(scells) else 0
    per = len(scells) // g if g else 0
    for c in tcells[: len(tcells) - g]:
        n, u = split_unit(c)
        names.append(n)
        units.append(u)
        printed.append(c)
    for gi, grp in enumerate(tcells[len(tcells) - g :]):
        for sc in scells[gi * per : (gi + 1) * per]:
            n, u = flatten(grp, sc)
            names.append(n)
            units.append(u)
            printed.append(f"{grp}/{sc}")
    return Header(names, units, printed, [top.no, sub.no])


def period(names: list[str]) -> int:
    """Length of the repeated unit of a side-by-side header (序号 名称 数量 序号 名称 数量 → 3), else 0."""
    n = [x for x in names if x]
    for p in range(2, len(n) // 2 + 1):
        if len(n) % p == 0 and all(n[i] == n[i % p] for i in range(len(n))):
            return p
    return 0


def entity_kind(name: str) -> EntityKind:
    """Hospital, district or channel, from the shape of the name alone."""
    n = re.sub(r"[(（][^()（）]*[)）]$", "", norm(name))
    if re.search(r"(医院|医学院|研究所|保健院|防治院|卫生院|疗养院|病院|中心|[^区]院)$", n):
        return "hospital"
    if re.search(r"(区|新区|县)$", n) and len(n) <= 8:
        return "district"
    return "channel"


class TableBuilder:
    """Turns header + data lines into a Table, collecting warnings instead of failing."""

    def __init__(self, file: str, warn):
        self.file = file
        self.warn = warn

    def build(
        self, title: str, header_lines: list[Line], data: list[Line], notes: list[str], key: str = ""
    ) -> Table | None:
        """A table from its header and data lines; `key`: the column that names the rows, when a part
        before decided it (a continued table keeps its first part's choice)."""
        width = self._value_width(data)
        header = build_header(header_lines, width)
        p = period(header.names)
        if p:
            return self._side_by_side(title, header, p, data, notes)
        return self._plain(title, header, data, notes, key)

    @staticmethod
    def _value_width(data: list[Line]) -> int | None:
        counts = [len([c for c in ln.cells if c]) for ln in data if not ln.tab]
        return max(counts) if counts else None

    def _roles(self, names: list[str], data: list[Line] | None = None) -> tuple[list[int], int | None, int]:
        """Positions of 序号 columns, the label column, and the first value column. A first column under
        another name (顺位, 位次) is a 序号 all the same when its cells count 1, 2, 3 … down the rows and
        the next column names them (顺位 · 疾病分类: the rows are the diseases)."""
        seq = [i for i, n in enumerate(names) if n in SEQ_NAMES or (i == 0 and _counts_rows(data or [], i))]
        label = next((i for i, n in enumerate(names) if n and i not in seq), None)
        return seq, label, (label + 1 if label is not None else 0)

    @staticmethod
    def _key_column(names: list[str], seq: list[int], label: int, data: list[Line]) -> int:
        """Of several leading columns of names (所属区, 医院名称), the one that names each row: the most
        distinct values (所属区 repeats; it is a column of words about the row, filtered on, not its name)."""
        rows = [ln.cells for ln in data if ln.tab and ln.cells and not TOTAL_RE.match(ln.cells[0])]
        lead = []
        for i in range(label, len(names)):
            cells = [r[i] for r in rows if i < len(r) and r[i]]
            if not names[i] or i in seq or not cells or any(is_number_like(c) or _unit_of(c) for c in cells):
                break
            lead.append((len(set(cells)), -i, i))  # a tie: the first
        return max(lead)[2] if len(lead) > 1 else label

    def _plain(self, title, header: Header, data: list[Line], notes, key: str = "") -> Table | None:
        names = header.names
        seq, label_i, first = self._roles(names, data)
        if label_i is None:
            self.warn(header.lines[0], f"table {title!r} has no label column; skipped")
            return None
        key_i = names.index(key) if key in names else self._key_column(names, seq, label_i, data)
        value_pos = [i for i in range(label_i, len(names)) if names[i] and i != key_i]
        label_i = key_i
        columns = [
            Column(
                names[i],
                header.units[i],
                header.printed[i],
                role(names[i], split_unit(header_parts(header.printed[i])[-1])[0]),
            )
            for i in value_pos
        ]
        table = Table(
            title=title,
            columns=columns,
            rows=[],
            line=header.lines[0],
            notes=list(notes),
            label_header=names[label_i],
        )
        members: list[Row] = []
        short: list[Line] = []  # a total row that leaves its last columns blank (全市平均 without 名次)
        for ln in data:
            if _short_total(ln, value_pos):
                short.append(ln)
                continue
            row = self._plain_row(ln, seq, label_i, value_pos, len(names), title)
            if row is None:
                continue
            if row.part_of:  # the row above is the one it is a part of
                row.part_of = next((r.label for r in reversed(table.rows) if not r.part_of), "")
            if row.is_total:
                table.total = row
            else:
                table.rows.append(row)
        # A column of words before the rows' names printed once per group (级别 三级 over the rows below it,
        # a merged cell exported): each blank cell below is the group's.
        group_of: dict[int, str] = {}
        for j, pos in enumerate(value_pos):
            if pos > key_i:
                break
            last = None
            for r in table.rows:
                if j < len(r.values) and r.values[j].kind in ("text", "level"):
                    last = r.values[j]
                elif j < len(r.values) and not r.values[j].raw and last is not None:
                    r.values[j] = last
                if last is not None and last.kind == "text":
                    group_of.setdefault(id(r), last.raw)
        for r in table.rows:
            if r.subtotal and norm(r.label) in words("subtotal_mark") and id(r) in group_of:
                r.label = group_of[id(r)] + norm(r.label)  # 「小计」 under 片区 江北片区: 江北片区小计
            if r.subtotal:
                for m in members:  # the rows since the previous subtotal are this one's
                    m.group = r.label
                members = []
            else:
                members.append(r)
        for ln in short:
            row = _checked_short_total(ln, table.rows, len(value_pos))
            if row is None or table.total is not None:
                self.warn(
                    ln.no,
                    f"table {title!r}: row has {len(ln.cells)} cells, the header has {len(names)} columns: "
                    f"{' | '.join(ln.cells)!r}; row skipped (its figures would shift into other columns)",
                )
            else:
                table.total = row
        if table.total is None and table.rows and TAIL_TOTAL.match(norm(table.rows[-1].label)):
            # 「前十位合计」 closing a table with no 合计 row of its own: its total, under the name it prints
            table.total = table.rows.pop()
            table.total.is_total = True
        cell_units(table)
        # a word in a column of numbers is a slip worth a warning; a column of words (等级 优秀) is not
        numeric = {
            i
            for i in range(len(columns))
            if any(i < len(r.values) and r.values[i].num is not None for r in table.rows)
        }
        for r in table.rows + ([table.total] if table.total else []):
            for i, v in enumerate(r.values):
                if v.kind == "text" and i in numeric:
                    self.warn(r.line, f"table {title!r}, row {r.label!r}: cell {v.raw!r} is not a number")
        return table

    def _plain_row(self, ln: Line, seq, label_i, value_pos, width, title) -> Row | None:
        """One data row, or None with a warning naming line and table when its cells do not match the
        header: a cell missing or extra would otherwise move every figure after it into the next
        column (a 小计 read as 第三方), so such a row is skipped, never shifted or padded."""
        cells = ln.cells
        n_lead = len(set(seq + [label_i]))
        if ln.tab:
            needed = max(value_pos + seq + [label_i]) + 1
            filled = len(cells) - cells.count("")
            if len(cells) > width:
                extra = [c for c in cells[width:] if c]
                self.warn(
                    ln.no,
                    f"table {title!r}: row has {filled} cells, header has {width} columns; "
                    f"extra {extra!r}; row skipped",
                )
                return None
            if len(cells) >= needed:
                cells = cells + [""] * (width - len(cells))
                lead = [cells[i] for i in sorted(set(seq + [label_i]))]
                vals = [cells[i] for i in value_pos]
            elif cells and TOTAL_RE.match(cells[0]) and len(cells) == len(value_pos) + 1:
                lead, vals = cells[:1], cells[1:]  # 合计 printed once over the 序号 and name columns
            else:
                self.warn(
                    ln.no,
                    f"table {title!r}: row has {len(cells)} cells, the header has {needed} columns: "
                    f"{' | '.join(cells)!r}; row skipped (its figures would shift into other columns)",
                )
                return None
        else:
            if len(cells) == len(value_pos) + n_lead:
                lead, vals = cells[:n_lead], cells[n_lead:]
            elif TOTAL_RE.match(cells[0]) and len(cells) == len(value_pos) + 1:
                lead, vals = cells[:1], cells[1:]
            else:
                self.warn(
                    ln.no,
                    f"table {title!r}: row has {len(cells)} cells, expected "
                    f"{len(value_pos) + n_lead}: {' | '.join(cells)!r}; row skipped",
                )
                return None
        label = next((c for c in lead if c and not INT_RE.match(c)), "")
        seq_no = next((int(c) for c in lead if INT_RE.match(c)), None)
        if not label and ln.tab:
            # 「合计\t\t127…」: the total printed in a column of groups (片区) before the rows' names
            at = next((i for i, c in enumerate(cells[:label_i]) if TOTAL_RE.match(c)), None)
            if at is not None:
                label = cells[at]
                vals = ["" if i == at else cells[i] for i in value_pos]
        if not label:
            self.warn(ln.no, f"table {title!r}: row without a name: {' | '.join(cells)!r}; row skipped")
            return None
        m = TOTAL_RE.match(label)
        values = [parse_value(v) for v in vals]
        # a total row keeps the name it prints (合计, 全市): 全市 of an average is no 合计
        total_label = re.sub(r"\s", "", m.group(1)) if m else label
        # 「三级医院小计」, or 「小计」 alone under a column of groups (named by its group below)
        sub = not m and any(norm(label).endswith(w) for w in words("subtotal_mark"))
        part = next(
            (
                w
                for w in words("part_mark")
                if norm(label).startswith(norm(w)) and len(norm(label)) > len(norm(w))
            ),
            "",
        )
        if part and not m:  # 「其中：省属医院」: the row's own name, a part of the row above
            return Row(
                label=norm(label)[len(norm(part)) :].strip(),
                values=values,
                line=ln.no,
                seq=seq_no,
                part_of="^",
            )
        return Row(label=total_label, values=values, line=ln.no, is_total=bool(m), seq=seq_no, subtotal=sub)

    def _side_by_side(self, title, header: Header, p: int, data: list[Line], notes) -> Table | None:
        unit_names = [n for n in header.names if n][:p]
        unit_units = [u for n, u in zip(header.names, header.units, strict=True) if n][:p]
        seq, label_i, first = self._roles(unit_names)
        if label_i is None:
            return None
        columns = [
            Column(unit_names[i], unit_units[i], unit_names[i], role(unit_names[i])) for i in range(first, p)
        ]
        table = Table(
            title=title,
            columns=columns,
            rows=[],
            line=header.lines[0],
            notes=list(notes),
            label_header=unit_names[label_i],
        )
        for ln in data:
            cells = [c for c in ln.cells if c] if not ln.tab else ln.cells
            records: list[list[str]] = []
            bad = ""
            i = 0
            while i < len(cells):
                chunk = cells[i : i + p]
                first_cell = next((c for c in chunk if c), "")
                m = TOTAL_RE.match(first_cell)
                if m:
                    rest = m.group(2) or next((c for c in cells[i + 1 :] if c), "")
                    table.total = Row("合计", [parse_value(rest)], ln.no, True)
                    break
                if not any(chunk):
                    i += p
                    continue
                if len(chunk) < p:
                    bad = f"incomplete record {chunk!r}"
                    break
                if not _fits(chunk, seq, label_i):
                    bad = f"record {chunk!r} does not fit the columns {unit_names!r}"
                    break
                records.append(chunk)
                i += p
            if bad:
                # One cell missing moves every record after it on the line: none of them is trusted.
                self.warn(ln.no, f"table {title!r}: {bad}; the records of this line skipped")
                continue
            for chunk in records:
                row = self._plain_row(Line(ln.no, chunk, True), seq, label_i, list(range(first, p)), p, title)
                if row:
                    table.rows.append(row)
        table.rows.sort(key=lambda r: (r.seq is None, r.seq or 0))
        return table


def _fits(record: list[str], seq: list[int], label_i: int) -> bool:
    """A side-by-side record whose cells are where the header says: numbers under 序号, a name under
    the label (not a number); a shifted record has a name or a figure in the wrong place."""
    if any(record[i] and not INT_RE.match(record[i]) for i in seq):
        return False
    label = record[label_i]
    return bool(label) and not is_number_like(label)


def is_rate(col: Column) -> bool:
    """Rates and shares (签约率（%）, 占比) do not add up across rows: their 合计 is not a sum."""
    u = unit(col.unit) if col.unit else None
    return (u is not None and u.family == "percent") or col.name.endswith(("率", "占比", "比例", "比重"))


def role(name: str, leaf: str = "") -> str:
    """A column that sums others: 小计/合计 alone, or as the leaf under a group (体检人数 / 合计)."""
    return "total" if name in TOTAL_NAMES or leaf in TOTAL_NAMES else ""


def mark_periods(table: Table, year: int) -> None:
    """A table whose rows are months (「1月」…「5月」: a series inside one issue) becomes a period table:
    each such row gets its YYYY-MM, so a month no issue reports on its own is answerable. A row
    that spans months (「1-4月累计」) is the table's total. Decided from the rows, never the title."""
    months = []
    for r in table.rows:
        m = MONTH_LABEL.match(norm(r.label))
        mon = _small(m.group(2)) if m and not m.group(3) else None
        months.append(f"{int(m.group(1) or year):04d}-{mon:02d}" if mon and 1 <= mon <= 12 else "")
    if sum(1 for m in months if m) < 2 or sum(1 for m in months if m) < len(months) / 2:
        return
    table.row_kind = "period"
    keep = []
    for r, m in zip(table.rows, months, strict=True):
        if m:
            r.month = m
            keep.append(r)
        elif table.total is None and re.search(r"\d\s*[-—–~至到]\s*\d|累计|合计", norm(r.label)):
            r.is_total = True
            table.total = r
        else:
            keep.append(r)
    table.rows = keep
    dated = sorted(r.month for r in table.rows if r.month)
    table.data_month = dated[-1]


def transpose_indicators(table: Table) -> None:
    """A table whose rows are indicators, each with its unit (「出院人数（万人）」「药占比（%）」), and whose
    columns are months relative to the table's (本月, 上年同月) or figures about them (同比增减（%）,
    本年累计): the indicators become columns and each month a row of the place (全市), so 「出院多少人」
    reads like any column and 「2018年12月」 or 「去年同期」 finds the 上年同月 figure. Other columns become
    the indicator's own columns (出院人数 同比增减). Decided from the rows' units, never the title."""
    dated = [r for r in table.rows if split_unit(r.label)[1] and unit(split_unit(r.label)[1]) is not None]
    if len(dated) < 2 or len(dated) < len(table.rows) / 2 or not table.data_month or table.total is not None:
        return
    month = table.data_month
    y, m = int(month[:4]), int(month[5:7])
    shifts = {
        "this_month": month,
        "month_before": f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}",
        "year_before": f"{y - 1:04d}-{m:02d}",
    }
    when = {}
    for i, c in enumerate(table.columns):
        for kind, mon in shifts.items():
            if norm(c.name) in words(kind):
                when[i] = mon
    if not when:
        _swap(table)  # places across (玄武区 … 全市), indicators down: each place a row
        return
    if month not in when.values():
        return  # no column of the table's own month: not read this way
    place = next((w for w in words("whole_place") if w in norm(table.title)), words("whole_place")[-1])
    names = [split_unit(r.label) for r in table.rows]
    others = [(i, c) for i, c in enumerate(table.columns) if i not in when]
    columns = [Column(n, u, r.label) for (n, u), r in zip(names, table.rows, strict=True)]
    for _, c in others:
        for (n, u), r in zip(names, table.rows, strict=True):
            # 同比增减（%） keeps its own unit; 本年累计 is in the indicator's
            columns.append(Column(n + c.name, c.unit or u, f"{r.label}/{c.header}"))
    rows = []
    for mon in sorted(set(when.values())):
        idx = [i for i, x in when.items() if x == mon][0]
        vals = [r.values[idx] if idx < len(r.values) else Value("", "absent") for r in table.rows]
        for i, _ in others:
            vals += [
                r.values[i] if mon == month and i < len(r.values) else Value("", "absent") for r in table.rows
            ]
        # the place's figure, as a 合计 row prints it: 「全市」 stays the word for all of it, never a row
        rows.append(Row(place, vals, table.rows[0].line, is_total=True, month=mon))
    table.label_header = table.label_header or place
    table.columns = columns
    table.rows = rows


def _swap(table: Table) -> None:
    """Rows for columns: each column (a place, a hospital) becomes a row named by its header, a 全市 or
    合计 column the total row; each indicator row a column with the unit its label prints."""
    if len(table.columns) < 2 or any(c.unit for c in table.columns):
        return
    names = [split_unit(r.label) for r in table.rows]
    columns = [Column(n, u, r.label) for (n, u), r in zip(names, table.rows, strict=True)]
    rows, total = [], None
    for i, c in enumerate(table.columns):
        vals = [r.values[i] if i < len(r.values) else Value("", "absent") for r in table.rows]
        m = TOTAL_RE.match(norm(c.name))
        row = Row(re.sub(r"\s", "", m.group(1)) if m else c.name, vals, table.line, is_total=bool(m))
        if m:
            total = row
        else:
            rows.append(row)
    table.label_header = ""
    table.columns, table.rows, table.total = columns, rows, total


def unit_said(note: str) -> tuple[str, str]:
    """(unit, of what) of a note 「单位：人次」 or 「金额单位：万元」; ("", "") when it names none."""
    for w in words("unit_note"):
        m = re.fullmatch(rf"(\S{{0,4}}?){re.escape(w)}\s*[:：]\s*(\S{{1,4}})", note)
        if m:
            return m.group(2), m.group(1)
    return "", ""


def note_units(table: Table) -> None:
    """「（单位：万份）」 printed under the caption, or at the caption's end (「…情况（单位：人）」「…情况（万份）」):
    the unit of every column whose header prints none. A month column's range (「1-9月累计」) is the running
    total of the table's month, one column across issues (「累计」)."""
    tail = UNIT_RE.match(norm(table.title))
    said = [norm(n).strip("（）() ") for n in table.notes] + ([tail.group(2)] if tail else [])
    for k, n in enumerate(said):
        found, of = unit_said(n)
        if not found and k == len(said) - 1 and tail and _unitlike(n):
            found = n  # a caption ending in its unit (「（万份）」), not in a remark (「（区）」)
        if found:
            before = ""
            # 「金额单位：亿元」 over columns none of which is named 金额 (医疗总费用, 基金支付): every column
            # printing no unit of its own
            of = of if any(of in c.name for c in table.columns) else ""
            for i, c in enumerate(table.columns):
                if ranks_rows(table, i):
                    continue  # 「名次」 of a table in 分: the rows' places 1, 2, 3 …, counted in no unit
                # 「金额单位：万元」 is the unit of the columns named 金额 and of their 其中 parts only
                if not c.unit and (not of or of in c.name or (c.name.startswith("其中") and before == found)):
                    # 「（单位：张、人次）」: each column the unit its name ends with (上门服务人次), else the first
                    listed = [u for u in re.split(r"[、,，]", found) if u]
                    c.unit = next(
                        (u for u in listed if norm(c.name).endswith(u)), listed[0] if listed else found
                    )
                before = c.unit
            break
    for c in table.columns:
        m = RUNNING_RANGE.match(norm(c.name))
        if m:
            c.name = m.group(1)


def _short_total(ln: Line, value_pos: list[int]) -> bool:
    """A tab row naming a total (合计, 全市平均) printed over the label column, with fewer figures than
    columns and no blank among them: its last columns may be blank, if its figures agree (see below)."""
    cells = ln.cells
    figures = len(cells) - 1  # fewer than the columns (合计 printed over 序号 and 机构 has them all)
    return (
        ln.tab
        and bool(cells)
        and TOTAL_RE.match(cells[0]) is not None
        and 2 <= figures < len(value_pos)
        and all(cells[1:])
    )


def _checked_short_total(ln: Line, rows: list[Row], width: int) -> Row | None:
    """The short total row read from its first column on, kept only when each figure is its column's sum
    or mean over the rows (to the figure's printed decimals): a figure that fits no column as printed is
    a row whose cells moved, skipped as before."""
    vals = [parse_value(c) for c in ln.cells[1:]]
    if len(vals) < 2 or len(rows) < 2:
        return None
    for j, v in enumerate(vals):
        got = [r.values[j].num for r in rows if j < len(r.values) and r.values[j].num is not None]
        if v.num is None or len(got) != len(rows):
            return None
        if abs(sum(got) - v.num) > 0.011 * len(got) and not is_mean(got, v):
            return None
    vals += [Value("", "missing")] * (width - len(vals))
    label = re.sub(r"\s", "", TOTAL_RE.match(ln.cells[0]).group(1))  # as _plain_row names it (全市)
    return Row(label=label, values=vals, line=ln.no, is_total=True)


def is_mean(nums: list[float], printed: Value) -> bool:
    """The printed figure is a mean of the figures (全市平均 25.8, a weighted 次均 305.2): between the least
    and the greatest of two or more positive figures, so not their sum — it adds up to nothing."""
    if printed.num is None or len(nums) < 2 or min(nums) <= 0:
        return False
    return min(nums) <= printed.num <= max(nums)


def ranks_rows(table: Table, i: int) -> bool:
    """A column whose figures are the rows' places, 1 to n once each (n ≥ 4): an ordinal, not a quantity."""
    got = [r.values[i] for r in table.rows if i < len(r.values)]
    if len(got) < 4 or any(v.kind != "int" for v in got):
        return False
    return sorted(v.num for v in got) == list(range(1, len(got) + 1))


PAIR_RE = re.compile(r"^([+-]?\d[\d,]*(?:\.\d+)?)\s*[(（]\s*([+-]?\d[\d,]*(?:\.\d+)?)\s*(%?)\s*[)）]$")
BRACKET_SAYS = re.compile(r"括号(?:内|中|里)(?:的)?(?:数字|数据|数)?(?:为|是)([^，,；;。()（）]+)")


def paired_cells(table: Table) -> None:
    """Cells that print two figures, the second in brackets (「186420（672315）」), in every cell of a
    column: two columns. The note says what the bracket holds (「括号内为1—4月累计数」 → 微信累计, a running
    total); a bracketed percentage is the figure's share (占比). Unexplained pairs stay as printed (text):
    a figure nobody can name is not answered."""
    says = next((m.group(1) for n in table.notes if (m := BRACKET_SAYS.search(norm(n)))), "")
    said = norm(says)
    ranged = RUNNING_RANGE.match(said)
    suffix = (ranged.group(1) if ranged else re.sub(r"^\d{1,2}月份?", "", said)).removesuffix("数")
    rows = table.rows + ([table.total] if table.total else [])
    out_cols: list[Column] = []
    plan: list[tuple[int, bool]] = []  # (source column, second figure)
    printed = [
        [
            PAIR_RE.match(unicodedata.normalize("NFKC", r.values[i].raw).strip())
            for r in rows
            if i < len(r.values) and r.values[i].kind != "missing"
        ]
        for i in range(len(table.columns))
    ]
    if sum(len(p) for p in printed if p and all(p)) < 2:
        return  # one odd cell is no layout
    for i, col in enumerate(table.columns):
        pairs = printed[i]
        share = bool(pairs) and all(p and p.group(3) for p in pairs)
        name = suffix if suffix and not share else ("占比" if share else "")
        if not pairs or not all(pairs) or not name:
            out_cols.append(col)
            plan.append((i, False))
            continue
        out_cols.append(col)
        plan.append((i, False))
        out_cols.append(Column(col.name + name, "%" if share else col.unit, col.name + name, ""))
        plan.append((i, True))
    if len(out_cols) == len(table.columns):
        return
    for r in rows:
        vals = []
        for i, second in plan:
            v = r.values[i] if i < len(r.values) else Value("", "missing")
            m = PAIR_RE.match(unicodedata.normalize("NFKC", v.raw).strip()) if v.kind != "missing" else None
            if m is None:
                vals.append(v)
            else:
                vals.append(parse_value(m.group(2) if second else m.group(1)))
        r.values = vals
    table.columns = out_cols


RUNNING_RANGE = re.compile(r"^\d{1,2}\s*[-—–~至到]\s*\d{1,2}\s*月份?\s*(累计.*)$")


def _unitlike(text: str) -> bool:
    return unit(text) is not None or (
        len(text) >= 2 and text[0] in SCALE_WORDS and unit(text[1:]) is not None
    )


TITLE_DATE = re.compile(
    r"^\s*(?:\d{4}\s*年)?\s*(?:[\d一二三四五六七八九十]{1,3}\s*(?:月份?)?\s*"
    r"(?:[-—–~至到]\s*[\d一二三四五六七八九十]{1,3}\s*)?月份?)?\s*"
)


def _month_of_column(c: Column, year: int, shifts: dict[str, str]) -> tuple[str, str]:
    """(YYYY-MM, leaf) of a column that names a month: 「3月」 alone (leaf ''), a month over leaves
    (「8月/问诊量」), a month before the figure's name (「3月预约量」「2月预约量」), or a month relative to the
    table's (「本月预约量」「上月预约量」); ('', '') for any other column."""
    name = norm(c.name)
    levels = header_parts(c.header)
    group = norm(levels[0]) if len(levels) > 1 else ""
    for text, leaf in ((name, None), (group, name)):
        m = MONTH_LABEL.match(text) if text else None
        rest = (m.group(3) or "") if m else ""
        if not m or (rest and rest[0] in MONTH_PARTS):  # 3月底, 3月上旬: a day, not a month's figure
            continue
        mon = _small(m.group(2))
        if mon and 1 <= mon <= 12:
            return f"{int(m.group(1) or year):04d}-{mon:02d}", leaf if leaf is not None else rest
    for kind, mon in shifts.items():
        for w in sorted(words(kind), key=len, reverse=True):
            if name.startswith(w) and len(name) > len(w):
                return mon, name[len(w) :]
    return "", ""


def unpivot_months(table: Table, year: int) -> None:
    """A table whose columns are months (「辖区 1月 2月 … 5月」) becomes one column, named by the title
    without its dates and its 「各区」 (电子处方流转量, in the title's unit), with one row per row and month:
    each cell keeps its month, as a period table's rows do. Columns that name a month before the same
    figure (「3月预约量」「2月预约量」, 「本月…」「上月…」, or 「8月」 over 问诊量 and 处方量) become one
    column per figure, each row once per month. Other columns (a 「1-5月累计」, 「增长」) stay columns of the
    latest month. Decided from the header, never the title."""
    shifts = {}
    if table.data_month:
        y, m = int(table.data_month[:4]), int(table.data_month[5:7])
        shifts = {
            "this_month": table.data_month,
            "month_before": f"{y - (m == 1):04d}-{(m - 2) % 12 + 1:02d}",
        }
    read = [_month_of_column(c, year, shifts) for c in table.columns]
    flat = [mon if mon and not leaf else "" for mon, leaf in read]
    if len(set(m for m in flat if m)) >= 2 and sum(1 for m in flat if m) >= len(flat) / 2:
        if len(set(m for m in flat if m)) == sum(1 for m in flat if m):
            _unpivot_flat(table, flat)
        return
    # a leaf printed for two months or more; a leaf printed once stays a column of its own
    months_of: dict[str, set[str]] = {}
    for mon, leaf in read:
        if mon and leaf:
            months_of.setdefault(leaf, set()).add(mon)
    kept = [(mon, leaf) if mon and len(months_of.get(leaf, ())) >= 2 else ("", "") for mon, leaf in read]
    if any(mon for mon, _ in kept):
        _unpivot_month_groups(table, kept)


def _unpivot_flat(table: Table, months: list[str]) -> None:
    dated = [m for m in months if m]
    m = UNIT_RE.match(norm(table.title))
    title, unit_ = (m.group(1), m.group(2)) if m else (norm(table.title), "")
    unit_ = unit_said(unit_.strip("（）() "))[0] or unit_  # 「（单位：人次）」 → 人次
    name, before = title, ""
    while name != before:  # 「全市各区2024年1至3月签约人数」: place, rows and dates in any order
        before = name
        name = TITLE_DATE.sub("", name)
        for w in words("whole_place"):
            name = name.removeprefix(w)
        for each in words("each_mark"):
            if name.startswith(each):
                # 各区 / 各医院: the row header's word, or the one character of a district
                head = norm(table.label_header)
                rest = name[len(each) :]
                cut = len(head) if head and rest.startswith(head) else 1 if rest[:1] in "区县" else 0
                name = rest[cut:] if cut else name
    name = name.strip() or table.label_header or "数值"
    last = max(dated)
    others = [(i, c) for i, c in enumerate(table.columns) if not months[i]]
    table.columns = [Column(name, unit_ or table.columns[0].unit, name)] + [c for _, c in others]
    rows: list[Row] = []
    for r in table.rows + ([table.total] if table.total else []):
        for i, mon in enumerate(months):
            if not mon or i >= len(r.values):
                continue
            extra = [
                r.values[j] if mon == last and j < len(r.values) else Value("", "absent") for j, _ in others
            ]
            rows.append(
                Row(
                    r.label,
                    [r.values[i], *extra],
                    r.line,
                    r.is_total,
                    r.seq,
                    mon,
                    r.subtotal,
                    r.group,
                    r.part_of,
                )
            )
    table.rows = rows
    table.total = None
    table.data_month = last


def _unpivot_month_groups(table: Table, read: list[tuple[str, str]]) -> None:
    """One row per row and month, the figures named after their month as columns, so each figure keeps
    the month its column printed."""
    leaves: list[Column] = []
    for c, (mon, leaf) in zip(table.columns, read, strict=True):
        if mon and all(x.name != leaf for x in leaves):
            leaves.append(Column(leaf, c.unit, header_parts(c.header)[-1], c.role))
    others = [(i, c) for i, c in enumerate(table.columns) if not read[i][0]]
    last = max(m for m, _ in read if m)
    rows: list[Row] = []
    for r in table.rows + ([table.total] if table.total else []):
        for mon in sorted({m for m, _ in read if m}):
            vals = []
            for leaf in leaves:
                i = next((i for i, x in enumerate(read) if x == (mon, leaf.name)), None)
                vals.append(r.values[i] if i is not None and i < len(r.values) else Value("", "absent"))
            vals += [
                r.values[j] if mon == last and j < len(r.values) else Value("", "absent") for j, _ in others
            ]
            rows.append(Row(r.label, vals, r.line, r.is_total, r.seq, mon, r.subtotal, r.group, r.part_of))
    table.columns = leaves + [c for _, c in others]
    table.rows = rows
    table.total = None
    table.data_month = last


def _small(s: str) -> int | None:
    if s.isdigit():
        return int(s)
    digits = "一二三四五六七八九"
    if s == "十":
        return 10
    if len(s) == 1 and s in digits:
        return digits.index(s) + 1
    if len(s) == 2 and s[0] == "十" and s[1] in digits:
        return 10 + digits.index(s[1]) + 1
    return None


def classify(table: Table) -> EntityKind:
    if table.row_kind == "period":
        return "period"
    if any(w in norm(table.label_header) for w in ("类别", "类型", "分类", "项目", "渠道")):
        return "other"  # the table says its rows are categories (机构类别), whatever their names end in
    kinds = [entity_kind(r.label) for r in table.rows]
    return max(set(kinds), key=kinds.count) if kinds else "other"


def _dec(v: Value) -> Decimal | None:
    try:
        return Decimal(v.raw.replace(",", "")) if v.kind in ("int", "dec") else None
    except InvalidOperation:
        return None


def check_totals(table: Table) -> list[tuple[int, str]]:
    """Verify 小计 columns and 合计 rows; return (line, message) for each mismatch."""
    out: list[tuple[int, str]] = []
    names = [c.name for c in table.columns]
    sub = next((i for i, n in enumerate(names) if n in ("小计", "合计", "总计")), None)
    if sub is not None and sub == len(names) - 1 and sub >= 2:
        for r in table.rows + (
            [table.total] if table.total and len(table.total.values) == len(names) else []
        ):
            parts = [_dec(v) for v in r.values[:sub]]
            want = _dec(r.values[sub])
            if want is None or any(x is None for x in parts):
                continue
            got = sum(parts, Decimal(0))
            if got != want:
                out.append(
                    (
                        r.line,
                        f"table {table.title!r}, row {r.label!r}: "
                        f"{' + '.join(v.raw for v in r.values[:sub])} = {got}, printed {names[sub]} {want}",
                    )
                )
    if table.total:
        for ci, tv in enumerate(table.total.values):
            want = _dec(tv)
            if want is None or ci >= len(names) or is_rate(table.columns[ci]):
                continue
            vals = [
                _dec(r.values[ci])
                for r in table.rows
                if ci < len(r.values) and not r.subtotal and not r.part_of
            ]
            if any(v is None for v in vals):
                continue
            got = sum(vals, Decimal(0))
            if is_mean([float(v) for v in vals], tv):
                continue  # a 全市平均 row, or a column of means (次均): the mean, as printed
            if abs(got - want) > Decimal("0.05") * max(1, len(vals)) * (0 if tv.kind == "int" else 1):
                out.append(
                    (
                        table.total.line,
                        f"table {table.title!r}, column {names[ci]!r}: rows sum to "
                        f"{got}, printed 合计 {want}",
                    )
                )
    return out


def _counts_rows(data: list[Line], i: int) -> bool:
    """Column i of the data rows counts 1, 2, 3 … (three rows at least) and the column after it holds
    words: a rank or serial number, not the rows' names."""
    rows = [ln.cells for ln in data if ln.tab and len(ln.cells) > i + 1 and ln.cells[i].strip()]
    if len(rows) < 3 or not all(INT_RE.match(r[i].strip()) for r in rows):
        return False
    if [int(r[i].strip()) for r in rows] != list(range(1, len(rows) + 1)):
        return False
    return all(r[i + 1].strip() and not is_number_like(r[i + 1].strip()) for r in rows)
