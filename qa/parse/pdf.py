"""Reader for PDF bulletins (pdfplumber): body text reflowed into paragraphs, ruled tables as rows.

The PDF becomes the text export's lines (see qa.parse.lines) and goes through the text parser:
- tables are found from their ruling lines (pdfplumber's `find_tables`); their characters are taken
  out of the page text; a cell's wrapped lines are joined without a space (「57825.9」/「1」 is 57825.91,
  「接入单」/「位」 is 接入单位) unless the geometry shows a space was eaten by the wrap; merged cells
  come back as one cell over its first column with empty cells after it, as in the text export;
- a table that ends one page and goes on at the top of the next (same columns, or a subset of them
  where a merged cell hides some) is one table: a header repeated on the new page is dropped, and a
  row or a header row that the page break cut in two is put back together;
- running headers and footers (a line at the same place on most pages) and page numbers are dropped;
- lines are re-joined into paragraphs across line and page breaks: a line continues when the next
  line's first word would not have fitted at its end, the next line starts at the paragraph's margin
  (the page's, or a hanging indent after a bullet) and no wider gap than between lines separates them;
- spaces: where the PDF writes space characters they are the only spaces (office suites also put a
  small gap between Chinese and Latin characters, which is not a space); in PDFs that write none, a
  gap wider than a space's makes one.
Limits: one text column per page; tables without ruling lines are read as text lines in which wide gaps
become column separators; scanned (image-only) and password-protected PDFs are errors.
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin
from qa.parse.lines import LineText, emit_table, parse_lines
from qa.parse.tables import TOTAL_RE, norm

PAGE_NO_RE = re.compile(
    r"^[-—–\s]*(第\s*)?\d{1,4}(\s*页)?(\s*(/|共)\s*\d{1,4}\s*页?)?[-—–\s]*$|^(page|p\.)\s*\d{1,4}(\s*of\s*\d+)?$",
    re.I,
)
HAN_RE = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
NO_LINE_START = set("，。、；：？！）》」』】〕”’,.;:?!)]%")  # punctuation a line may not start with
BULLETS = set("•●○◆◇■□▪▫➢►▶✓√·◦‣⁃")
MARKER_RE = re.compile(r"^(?:[-•·●▪]|\d{1,2}[.、．]|[（(]\d{1,2}[)）])\s*")


@dataclass
class PLine:
    page: int
    chars: list[dict]  # non-blank characters, left to right
    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    size: float
    space_after: bool = False  # the PDF writes a space glyph at the end of the line (a wrap ate it)


@dataclass
class PTable:
    page: int
    top: float
    bottom: float
    rows: list[list[str]]
    wide: list[bool]
    edges: list[float] = field(default_factory=list)  # the x of every column boundary
    pages: list[int] = field(default_factory=list)  # page of each row
    # (x0, x1) of the cell that starts at each position of each row; None where a merged cell covers it
    spans: list[list[tuple[float, float] | None]] = field(default_factory=list)


def _ascii(ch: str) -> bool:
    return "!" <= ch <= "~"


def _bullet(ch: str) -> bool:
    """A list bullet as PDFs print it: a symbol, or a private-use glyph of a Symbol/Wingdings font."""
    return ch in BULLETS or "\ue000" <= ch <= "\uf8ff"


class Spacing:
    """Where a line of characters has spaces. With space glyphs in the file, only they count (a gap
    between Chinese and Latin characters is the office suite's autospacing, not a space); without,
    a gap wider than a narrow space does (wider still between Chinese and Latin). A gap of two
    characters or more is a column gap: two spaces, as in a space-aligned export."""

    def __init__(self, glyphs: bool):
        self.glyphs = glyphs

    def text(self, chars: list[dict]) -> str:
        out: list[str] = []
        prev = None
        pending = False
        for c in chars:
            t = c["text"]
            if not t or t.isspace():
                pending = prev is not None
                continue
            if prev is not None:
                gap = c["x0"] - prev["x1"]
                size = max(c["size"], prev["size"], 1.0)
                if gap >= 2 * size:
                    out.append("  ")
                elif pending or (not self.glyphs and gap > self._threshold(prev["text"], t) * size):
                    out.append(" ")
            out.append(t)
            prev = c
            pending = False
        return "".join(out)

    @staticmethod
    def _threshold(a: str, b: str) -> float:
        if _ascii(a[-1]) and _ascii(b[0]):
            return 0.15
        if _ascii(a[-1]) or _ascii(b[0]):
            return 0.4
        return 0.6

    def lines(self, chars: list[dict], page: int) -> list[PLine]:
        """Cluster characters into lines by their vertical centre, top to bottom."""
        from pdfplumber.utils import cluster_objects

        if not chars:
            return []
        tol = 0.35 * statistics.median(c["size"] for c in chars)
        out: list[PLine] = []
        for group in cluster_objects(chars, lambda c: (c["top"] + c["bottom"]) / 2, tol):
            group.sort(key=lambda c: c["x0"])
            solid = [c for c in group if c["text"] and not c["text"].isspace()]
            if not solid:
                continue
            out.append(
                PLine(
                    page,
                    solid,
                    self.text(group),
                    min(c["x0"] for c in solid),
                    max(c["x1"] for c in solid),
                    min(c["top"] for c in solid),
                    max(c["bottom"] for c in solid),
                    statistics.median(c["size"] for c in solid),
                    group[-1]["text"].isspace(),
                )
            )
        out.sort(key=lambda ln: (ln.top, ln.x0))
        return out


def _cell_join(lines: list[PLine], x0: float, x1: float, table_text: str) -> str:
    """One cell's wrapped lines as one string. Newlines are removed. A space is put back where a Latin
    letter or digit touches the break and the next line's first character would have fitted at the
    end of the line (so the wrap ate a space, not a character); when the line was full, it cannot be
    told from the page, and the table's other cells decide (「南京卫生 12320 微信」 elsewhere in the
    table makes 「南京卫生」/「12320 网」 「南京卫生 12320 网」). The room a line had is the cell's width
    less its padding (as seen on the left), or at least the widest line's width (for centred or
    right-aligned text, where the padding cannot be seen)."""
    pad = max(0.0, min(ln.x0 for ln in lines) - x0)
    inner = max(x1 - x0 - 2 * pad, max(ln.x1 - ln.x0 for ln in lines))
    text = lines[0].text
    for a, b in zip(lines, lines[1:], strict=False):
        gap = (
            " " if a.space_after else _wrap_space(text, b.text, inner - (a.x1 - a.x0), b.chars[0], table_text)
        )
        text += gap + b.text
    # A space glyph ending the cell's last line: a page break cut the row there (kept for the join).
    return text + (" " if lines[-1].space_after else "")


def _wrap_space(text: str, nxt: str, room: float, first: dict, votes_in: str) -> str:
    x, y = text[-1], nxt[0]
    latin = (_ascii(x) and x.isalnum()) or (_ascii(y) and y.isalnum())
    if not latin:
        return ""
    if room >= (first["x1"] - first["x0"]) + 0.5:
        return " "
    if _ascii(x) != _ascii(y) and (HAN_RE.match(x) or HAN_RE.match(y)):
        spaced, tight = _votes(votes_in, _meeting(x, y))
        return " " if spaced > tight else ""
    return ""


def _table(table, chars: list[dict], page: int, spacing: Spacing) -> PTable:
    """Rows of one ruled table; each character goes to the cell that contains its centre."""
    cells = [(r, c, bbox) for r, row in enumerate(table.rows) for c, bbox in enumerate(row.cells) if bbox]
    xs = sorted({v for _, _, b in cells for v in (b[0], b[2])})
    ys = sorted({v for _, _, b in cells for v in (b[1], b[3])})
    slot: dict[tuple[int, int], tuple[int, int]] = {}
    for r, c, (x0, top, x1, bottom) in cells:
        for i in range(xs.index(x0), xs.index(x1)):
            for j in range(ys.index(top), ys.index(bottom)):
                slot[(i, j)] = (r, c)
    inside: dict[tuple[int, int], list[dict]] = defaultdict(list)
    for ch in chars:
        cx, cy = (ch["x0"] + ch["x1"]) / 2, (ch["top"] + ch["bottom"]) / 2
        i, j = bisect.bisect_right(xs, cx) - 1, bisect.bisect_right(ys, cy) - 1
        if (i, j) in slot:
            inside[slot[(i, j)]].append(ch)
    width = max(len(row.cells) for row in table.rows)
    cell_lines = {rc: spacing.lines(chs, page) for rc, chs in inside.items()}
    table_text = "\n".join(ln.text for got in cell_lines.values() for ln in got)
    rows: list[list[str]] = []
    wide: list[bool] = []
    for r, row in enumerate(table.rows):
        texts = []
        for c, bbox in enumerate(row.cells):
            got = cell_lines.get((r, c)) if bbox else None
            texts.append(_cell_join(got, bbox[0], bbox[2], table_text) if got else "")
        texts += [""] * (width - len(texts))
        rows.append(texts)
        present = [b for b in row.cells if b]
        full = table.bbox[2] - table.bbox[0]
        wide.append(len(present) == 1 and present[0][2] - present[0][0] >= 0.95 * full)
    spans = [
        [(b[0], b[2]) if b else None for b in row.cells] + [None] * (width - len(row.cells))
        for row in table.rows
    ]
    x0, top, x1, bottom = table.bbox
    return PTable(page, top, bottom, rows, wide, xs, [page] * len(rows), spans)


def _near(x: float, edges: list[float]) -> int | None:
    """Index of the edge within 3 pt of x, if any."""
    return next((i for i, e in enumerate(edges) if abs(e - x) <= 3), None)


def _grid_of(a: PTable, b: PTable) -> list[float] | None:
    """The column edges two parts of one table share: the same, or one part's a subset of the other's
    (a merged cell hides the boundaries under it, so a part may show fewer). None when unrelated."""
    small, big = sorted((a.edges, b.edges), key=len)
    if len(small) < 2 or any(_near(x, big) is None for x in small):
        return None
    if _near(small[0], big[:1]) is None or _near(small[-1], big[-1:]) is None:
        return None
    return big


def _regrid(t: PTable, edges: list[float]) -> None:
    """Re-lay a table part on a finer set of column edges: each cell at the column where it starts,
    empty cells under the rest of its span (as merged cells are printed)."""
    if len(t.edges) == len(edges):
        return
    n = len(edges) - 1
    rows, spans = [], []
    for texts, row_spans in zip(t.rows, t.spans, strict=True):
        new, new_spans = [""] * n, [None] * n
        for text, span in zip(texts, row_spans, strict=True):
            if span is None:
                continue
            i = _near(span[0], edges)
            if i is not None and i < n:
                new[i], new_spans[i] = text, span
        rows.append(new)
        spans.append(new_spans)
    t.rows, t.spans, t.edges = rows, spans, edges


def _number(s: str) -> bool:
    return bool(re.fullmatch(r"[+-]?[\d,]+(\.\d+)?|\d+/\d+|[/／]", s.strip()))


def _continues_row(last: list[str], first: list[str]) -> bool:
    """Whether the first row on the new page is the rest of a row the page break cut: it only goes on
    with cells the last row has, has fewer of them, leaves out a number the last row has, goes on
    with a number only in digits, and is not a 合计 row."""
    filled = [bool(c.strip()) for c in first]
    had = [bool(c.strip()) for c in last]
    lead = next((c for c in first if c.strip()), "")
    return (
        not TOTAL_RE.match(lead)
        and 0 < sum(filled) < sum(had)
        and all(h for f, h in zip(filled, had, strict=True) if f)
        and any(h and not f and _number(c) for f, h, c in zip(filled, had, last, strict=True))
        and all(
            re.fullmatch(r"[\d.,/]+", y.strip())
            for x, y in zip(last, first, strict=True)
            if y.strip() and _number(x)
        )
    )


def _header_like(row: list[str]) -> bool:
    return any(c.strip() for c in row) and not any(_number(c) for c in row if c.strip())


def _join(x: str, y: str) -> str:
    """Two pieces of one cell cut by a page break: a number or Chinese goes straight on; Latin words
    keep their space."""
    sep = " " if x and y and x[-1].isascii() and x[-1].isalpha() and y[0].isascii() and y[0].isalpha() else ""
    return x + sep + y


def _continue_header(a: PTable, row: list[str], page: int) -> None:
    """The rest of a header the page break cut: each piece goes on with the cell above it (a cell
    merged down the header rows goes on in its first row); a piece under a group cell (门急诊信息 over
    人次 and 收入) is a leaf of a second header row."""
    n = len(row)
    leaves = [""] * n
    for c, text in enumerate(row):
        if not text.strip():
            continue
        for r in range(len(a.rows) - 1, -1, -1):
            origin = next(
                (
                    o
                    for o in range(c, -1, -1)
                    if a.spans[r][o] is not None and _near(a.spans[r][o][1], a.edges[c + 1 :]) is not None
                ),
                None,
            )
            if origin is None or not a.rows[r][origin].strip():
                continue
            covers = _near(a.spans[r][origin][1], a.edges) - origin
            if covers == 1:
                a.rows[r][origin] = _join(a.rows[r][origin], text)
            else:
                leaves[c] = text
            break
        else:
            leaves[c] = text
    if any(leaves):
        a.rows.append(leaves)
        a.wide.append(False)
        a.pages.append(page)
        a.spans.append([(a.edges[i], a.edges[i + 1]) for i in range(n)])


def _merge_tables(a: PTable, b: PTable) -> bool:
    """Append table b (at the top of the next page) to a, as one table continued: a repeated header
    is dropped (full- or half-width brackets alike), a row or a header the page break cut is put back
    together. False when the parts do not share their columns, or b starts with another header: the
    text parser then decides."""
    edges = _grid_of(a, b)
    if edges is None:
        return False
    _regrid(a, edges)
    _regrid(b, edges)
    rows = b.rows
    for n in (2, 1):
        if (
            len(rows) > n
            and len(a.rows) > n
            and [[norm(c) for c in r] for r in rows[:n]] == [[norm(c) for c in r] for r in a.rows[:n]]
        ):
            rows = rows[n:]
            break
    skip = len(b.rows) - len(rows)
    if rows and a.rows and skip == 0 and all(_header_like(r) for r in a.rows) and _header_like(rows[0]):
        _continue_header(a, rows[0], b.page)  # only a header before the break: its rest comes first
        skip += 1
    elif rows and a.rows and _continues_row(a.rows[-1], rows[0]):
        a.rows[-1] = [_join(x, y) for x, y in zip(a.rows[-1], rows[0], strict=True)]
        skip += 1
    elif rows and _header_like(rows[0]):
        return False
    a.rows += b.rows[skip:]
    a.wide += b.wide[skip:]
    a.pages += b.pages[skip:]
    a.spans += b.spans[skip:]
    a.bottom = b.bottom
    return True


def _pdf_error(e: Exception, name: str) -> ParseError:
    from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

    cause = e.args[0] if e.args and isinstance(e.args[0], Exception) else e
    if isinstance(cause, PDFPasswordIncorrect):
        return ParseError("the PDF is password-protected: save an unprotected copy and add that", name)
    if isinstance(cause, PDFEncryptionError):
        return ParseError(f"the PDF is encrypted in a way that cannot be read ({cause})", name)
    return ParseError(f"not a readable PDF ({type(cause).__name__}: {cause})", name)


class PdfReader:
    def __init__(self, path: Path, name: str):
        self.path = path
        self.name = name
        self.blank_pages: list[int] = []

    def read(self) -> LineText:
        import pdfplumber

        try:
            pdf = pdfplumber.open(self.path)
            pages = pdf.pages
        except Exception as e:  # pdfplumber wraps pdfminer's errors (password, syntax) in its own
            raise _pdf_error(e, self.name) from None
        with pdf:
            if not pages:
                raise ParseError("the PDF has no pages", self.name)
            seen = []
            for pno, page in enumerate(pages, 1):
                try:
                    page = page.dedupe_chars()
                    chars = [c for c in page.chars if c.get("upright", True)]
                    found = [t for t in page.find_tables() if max(len(r.cells) for r in t.rows) >= 2]
                except Exception as e:
                    raise ParseError(f"page {pno} cannot be read ({type(e).__name__}: {e})", self.name) from e
                seen.append((pno, float(page.height), chars, found))
        n_chars = sum(len(ch) for _, _, ch, _ in seen)
        n_cid = sum(1 for _, _, ch, _ in seen for c in ch if c["text"].startswith("(cid:"))
        self.blank_pages = [pno for pno, _, ch, _ in seen if not any(c["text"].strip() for c in ch)]
        if n_chars == 0 or len(self.blank_pages) == len(seen):
            raise ParseError(
                f"no extractable text on any of its {len(seen)} page(s): it looks like a scanned image; "
                "use the Word or text version, or OCR it first",
                self.name,
            )
        if n_cid > n_chars * 0.3:
            raise ParseError(
                "the PDF's text cannot be decoded (its fonts have no Unicode map); use the Word or text version",
                self.name,
            )
        n_spaces = sum(1 for _, _, ch, _ in seen for c in ch if c["text"] == " ")
        spacing = Spacing(glyphs=n_spaces >= max(5, n_chars // 200))
        lines: list[PLine] = []
        tables: list[PTable] = []
        heights: dict[int, float] = {}
        for pno, height, chars, found in seen:
            heights[pno] = height
            in_table: set[int] = set()
            for t in found:
                x0, top, x1, bottom = t.bbox
                mine = [
                    c
                    for c in chars
                    if x0 <= (c["x0"] + c["x1"]) / 2 <= x1 and top <= (c["top"] + c["bottom"]) / 2 <= bottom
                ]
                in_table.update(id(c) for c in mine)
                tables.append(_table(t, mine, pno, spacing))
            lines.extend(spacing.lines([c for c in chars if id(c) not in in_table], pno))
        lines = self._drop_furniture(lines, heights, len(seen))
        return self._assemble(lines, tables)

    # -- running headers, footers, page numbers -----------------------------------------------------
    @staticmethod
    def _drop_furniture(lines: list[PLine], heights: dict[int, float], n_pages: int) -> list[PLine]:
        """Drop lines repeated at the same height on most pages (running headers and footers, digits
        ignored so that 「第 3 页」 matches 「第 4 页」) and lone page numbers in the top or bottom margin."""
        key = {id(ln): re.sub(r"\d+", "#", re.sub(r"\s+", "", ln.text)) for ln in lines}
        by_key: dict[str, list[PLine]] = defaultdict(list)
        for ln in lines:
            by_key[key[id(ln)]].append(ln)
        need = max(2, -(-n_pages * 6 // 10)) if n_pages >= 2 else 10**9
        drop: set[int] = set()
        for same in by_key.values():
            if len({ln.page for ln in same}) < need:
                continue
            for ln in same:
                if len({o.page for o in same if abs(o.top - ln.top) <= 3}) >= need:
                    drop.add(id(ln))
        for ln in lines:
            height = heights[ln.page]
            margin = ln.bottom < 0.12 * height or ln.top > 0.88 * height
            if margin and PAGE_NO_RE.match(ln.text.strip()):
                drop.add(id(ln))
        return [ln for ln in lines if id(ln) not in drop]

    # -- paragraphs and tables in reading order -------------------------------------------------------
    def _assemble(self, lines: list[PLine], tables: list[PTable]) -> LineText:
        body = [ln for ln in lines if len(ln.text) >= 2] or lines
        self.left = _quantile([ln.x0 for ln in body], 0.05)
        self.right = _quantile([ln.x1 for ln in body], 0.95)
        self.gap = self._line_gap(lines)
        self.doc_text = "\n".join(ln.text for ln in lines)
        self.keeps_wrap_spaces = any(ln.space_after for ln in lines)
        items: list[PLine | PTable] = sorted([*lines, *tables], key=lambda it: (it.page, it.top))
        merged: list[PLine | PTable] = []
        for it in items:
            prev = merged[-1] if merged else None
            # Nothing between the end of one page's table and the top of the next page's: one table.
            if not (
                isinstance(it, PTable)
                and isinstance(prev, PTable)
                and it.page == prev.pages[-1] + 1
                and _merge_tables(prev, it)
            ):
                merged.append(it)

        out = LineText()
        para: list[PLine] = []
        margins: list[float] = []
        text = ""

        def flush() -> None:
            nonlocal para, text
            if para:
                out.paragraph(text, f"page {para[0].page}")
            para, text = [], ""

        for k, it in enumerate(merged):
            if isinstance(it, PTable):
                flush()
                where = [f"page {p}, table row {i + 1}" for i, p in enumerate(it.pages)]
                emit_table(out, it.rows, it.wide, where)
                continue
            before_table = k + 1 < len(merged) and isinstance(merged[k + 1], PTable)
            if para and self._continues(para[-1], it, margins, before_table):
                text += self._joiner(para[-1], text, it) + it.text
                para.append(it)
                if len(para) == 2:
                    margins.append(it.x0)
            else:
                flush()
                para, text, margins = [it], it.text, [self.left]
                if _bullet(text[0]):
                    text = "- " + text[1:].lstrip()
                marker = MARKER_RE.match(text)
                if marker and len(it.chars) > 1:
                    k = len(marker.group(0).replace(" ", ""))
                    if k < len(it.chars):
                        margins.append(it.chars[k]["x0"])  # a hanging indent after the bullet
        flush()
        return out

    def _line_gap(self, lines: list[PLine]) -> float:
        """The usual vertical gap between two lines of one paragraph: the median over pairs whose first
        line is full and whose second starts at the margin (paragraph spacing is larger)."""
        gaps = [
            b.top - a.bottom
            for a, b in zip(lines, lines[1:], strict=False)
            if a.page == b.page
            and abs(a.size - b.size) < 0.5
            and 0 <= b.top - a.bottom < 2 * a.size
            and self.right - a.x1 < 1.5 * a.size
            and abs(b.x0 - self.left) < 0.5 * a.size
        ]
        return statistics.median(gaps) if gaps else 0.5 * (lines[0].size if lines else 10)

    def _centred(self, ln: PLine) -> bool:
        """A line set in the middle of the text column (a headline), not a left-aligned one."""
        mid = (self.left + self.right) / 2
        return ln.x0 - self.left > 0.25 * ln.size and abs((ln.x0 + ln.x1) / 2 - mid) < 0.25 * ln.size

    def _continues(self, a: PLine, b: PLine, margins: list[float], before_table: bool = False) -> bool:
        """Whether line b goes on with the paragraph whose last line is a: a is full (b's first word
        would not have fitted after it), b starts at the paragraph's margin, and no wider gap than
        usual is between them. A bulleted line starts an item; a short line at the top of a page
        right above a table is that table's caption, not the end of the last page's paragraph."""
        if abs(a.size - b.size) >= 0.5 or b.page not in (a.page, a.page + 1):
            return False
        if _bullet(b.text[0]) or b.text.startswith("- "):
            return False
        if b.page != a.page and before_table and self.right - b.x1 > 2 * b.size:
            return False
        if a.page == b.page and b.top - a.bottom > self.gap + 0.3 * a.size:
            return False
        # What b starts with would have had to fit after a (a Latin word also needs the space the wrap ate).
        need = _first_word_width(b) + (0.6 if _ascii(b.text[0]) else 0.3) * a.size
        if self._centred(b):  # a centred headline wrapped onto a second centred line
            return self._centred(a) and (a.x0 - self.left) + (self.right - a.x1) < need
        at_margin = any(abs(b.x0 - m) <= 0.5 * b.size for m in margins)
        return at_margin and self.right - a.x1 < need

    def _joiner(self, a: PLine, text: str, b: PLine) -> str:
        """What a wrap ate between two lines of one paragraph. A space glyph at the end of the line
        says it (and where the PDF writes them, its absence says there was none). Otherwise: nothing
        inside Chinese text; a space between Latin words; where Latin letters or digits meet Chinese,
        whatever this paragraph (or else the whole document) does elsewhere — 「南京 12320 卫生热线」
        or 「南京12320卫生热线」, 「展览会 (CHITEC)」 or 「医院(京新)」."""
        if a.space_after:
            return " "
        if self.keeps_wrap_spaces:
            return ""
        x, y = text[-1], b.text[0]
        if _ascii(x) and _ascii(y):
            return "" if x in "-/" else " "
        if _ascii(x) == _ascii(y) or not (HAN_RE.match(x) or HAN_RE.match(y)):
            return ""
        kind = _meeting(x, y)
        spaced, tight = _votes(text, kind)
        s2, t2 = _votes(b.text, kind)
        spaced, tight = spaced + s2, tight + t2
        if spaced == tight == 0:
            spaced, tight = _votes(self.doc_text, kind)
        return " " if spaced > tight else ""


def _meeting(x: str, y: str) -> str:
    """The kind of place where Chinese meets Latin: a digit or a letter (either side: a bulletin that
    writes 「6位」 also writes 「等6」), or a bracket or other sign on a given side."""
    latin, side = (x, "L") if _ascii(x) else (y, "R")
    if latin.isdigit():
        return "digit"
    if latin.isalpha():
        return "letter"
    return side + latin


def _votes(text: str, kind: str) -> tuple[int, int]:
    """How often this kind of meeting of Chinese and Latin has a space in text, and how often not."""
    spaced = tight = 0
    for i in range(len(text) - 1):
        a, gap = text[i], text[i + 1] == " "
        b = text[i + 2] if gap and i + 2 < len(text) else text[i + 1]
        if _ascii(a) != _ascii(b) and (HAN_RE.match(a) or HAN_RE.match(b)) and _meeting(a, b) == kind:
            if gap:
                spaced += 1
            else:
                tight += 1
    return spaced, tight


def _first_word_width(ln: PLine) -> float:
    """Width of what would have had to fit at the end of the previous line: a Latin word, or one
    character with the punctuation that may not start a line."""
    chars = ln.chars
    end = 1
    if _ascii(chars[0]["text"]):
        while end < len(chars) and _ascii(chars[end]["text"]) and chars[end]["x0"] - chars[end - 1]["x1"] < 1:
            end += 1
    while end < len(chars) and chars[end]["text"] in NO_LINE_START:
        end += 1
    return chars[end - 1]["x1"] - chars[0]["x0"]


def _quantile(values: list[float], q: float) -> float:
    if not values:
        return 0.0
    s = sorted(values)
    return s[min(len(s) - 1, int(q * len(s)))]


def is_pdf(head: bytes) -> bool:
    """The PDF signature, which the format allows anywhere in the first kilobyte."""
    return b"%PDF-" in head[:1024]


def pdf_lines(path: Path, name: str | None = None) -> LineText:
    """The converted text of a PDF (what `qa parse --text` prints)."""
    return PdfReader(path, name or path.name).read()


def parse_pdf_file(path: Path, data: bytes | None = None) -> Bulletin:
    data = path.read_bytes() if data is None else data
    reader = PdfReader(path, path.name)
    b = parse_lines(reader.read(), path, data, "PDF")
    for p in reader.blank_pages:
        b.warnings.append(f"{path.name}: page {p} has no text (a scanned image?); it was skipped")
    return b
