"""Word and PDF versions of a text export, laid out as the bulletin office would lay them out.

Test-time fixture builder (python-docx, reportlab with the wqy-microhei CJK font); no project imports:
it reads the text export the way a person reads it, so the readers are checked against an independent
layout, not against their own code.

    read_blocks(text) -> list[Block]          paragraphs and tables (header rows, data rows, merges)
    build_docx(txt, out) / build_pdf(txt, out)

What the files contain:
- .docx: one Word paragraph per text line (the 简讯 items as a real bulleted list, without the「- 」),
  real Word tables (`Table Grid`), the two-level header made of merged cells (门急诊信息 spans 人次 and
  收入 with gridSpan; the one-level columns span both header rows with vMerge), the 合计 label merged
  across 序号 and 单位, every table continued after a page break as a second table behind a page-break
  paragraph; a running header and footer (which the reader must not read).
- .pdf: A4, body text justified with a first-line indent, centred headlines, ruled tables in narrow
  columns so that long numbers, names and headers wrap inside their cells, the same merged headers
  (SPAN), a table continued on the next page (with the header repeated or not, as in the text), a
  running header, footer and page number on every page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FONT_FILE = Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")
NUMBER_RE = re.compile(r"^[+-]?[\d,]+(\.\d+)?$|^\d+\s*/\s*\d+$|^[/／]$")
TOTAL_RE = re.compile(r"^(合\s*计|总\s*计)")


@dataclass
class Grid:
    """One printed table (or one part of a table continued after a page break)."""

    rows: list[list[str]]
    header_rows: int
    merges: list[tuple[int, int, int, int]] = field(default_factory=list)  # (row0, col0, row1, col1)
    continued: bool = False  # a continuation of the table before it (after a page break)


@dataclass
class Block:
    kind: str  # "para" or "table"
    text: str = ""
    grid: Grid | None = None
    brief: bool = False  # a 简讯 item


def _cells(line: str) -> list[str] | None:
    if "\t" in line:
        cells = [c.strip() for c in line.rstrip().split("\t")]
        while cells and not cells[-1]:
            cells.pop()
    else:
        cells = [c for c in re.split(r"\s{2,}|\u3000+", line.strip()) if c]
    if len(cells) >= 3 and sum(1 for c in cells if c) >= 2:
        return cells
    return None


def _is_header(cells: list[str]) -> bool:
    return not any(NUMBER_RE.match(c) for c in cells if c) and not TOTAL_RE.match(cells[0] or "-")


def _grid(lines: list[str], prev: Grid | None) -> Grid:
    tab = "\t" in lines[0]
    rows = [_cells(ln) or [] for ln in lines]
    n_head = 0
    while n_head < min(2, len(rows) - 1) and _is_header(rows[n_head]):
        n_head += 1
    heads, data = rows[:n_head], rows[n_head:]
    width = max(len(r) for r in (data or heads))
    if prev is not None:
        width = max(width, len(prev.rows[0]))
    if tab:
        width = max([width] + [len(r) for r in heads])
        heads = [h + [""] * (width - len(h)) for h in heads]
    elif len(heads) == 2:  # space layout: the groups are the last top cells, over the sub cells
        top, sub = heads
        groups = len(top) + len(sub) - width
        per = len(sub) // groups
        singles = top[: len(top) - groups]
        row0 = list(singles)
        for g in top[len(top) - groups :]:
            row0 += [g] + [""] * (per - 1)
        heads = [row0, [""] * len(singles) + sub]
    elif heads:
        heads = [heads[0] + [""] * (width - len(heads[0]))]
    body = []
    for r in data:
        if len(r) < width and not tab and TOTAL_RE.match(r[0]):
            r = [r[0]] + [""] * (width - len(r)) + r[1:]
        body.append(r + [""] * (width - len(r)))
    merges: list[tuple[int, int, int, int]] = []
    if len(heads) == 2:
        top, sub = heads
        for c in range(width):
            if top[c] and not sub[c]:
                merges.append((0, c, 1, c))
            elif top[c]:
                end = c
                while end + 1 < width and not top[end + 1] and sub[end + 1]:
                    end += 1
                if end > c:
                    merges.append((0, c, 0, end))
    for i, r in enumerate(body):
        for c in range(width):
            if not r[c]:
                continue
            end = c
            while end + 1 < width and not r[end + 1]:
                end += 1
            if end > c and (TOTAL_RE.match(r[c]) or end == width - 1):
                merges.append((n_head + i, c, n_head + i, end))
    return Grid(heads + body, len(heads), merges, continued=prev is not None)


def read_blocks(text: str) -> list[Block]:
    """The bulletin as a person sees it: paragraphs, and tables separated where a page break cut them."""
    blocks: list[Block] = []
    lines = text.replace("\r\n", "\n").split("\n")
    i = 0
    brief = False
    while i < len(lines):
        line = lines[i]
        if not line.strip():
            i += 1
            continue
        if _cells(line) is None:
            s = line.strip()
            if s in ("简讯", "简 讯"):
                brief = True
            elif brief and not s.startswith("- "):
                brief = False
            blocks.append(Block("para", s, brief=brief and s.startswith("- ")))
            i += 1
            continue
        j = i
        while j < len(lines) and lines[j].strip() and _cells(lines[j]) is not None:
            j += 1
        prev = blocks[-1].grid if blocks and blocks[-1].kind == "table" else None
        blocks.append(Block("table", grid=_grid(lines[i:j], prev)))
        i = j
    return blocks


def _headline(blocks: list[Block], i: int) -> bool:
    """An article headline: a short line without a full stop that a paragraph follows."""
    b = blocks[i]
    nxt = blocks[i + 1] if i + 1 < len(blocks) else None
    return (
        b.kind == "para"
        and len(b.text) <= 90
        and "。" not in b.text
        and not b.text.startswith(("(", "（", "- "))
        and nxt is not None
        and nxt.kind == "para"
        and len(nxt.text) > 60
    )


# -- Word -----------------------------------------------------------------------------------------
def build_docx(txt: Path, out: Path) -> Path:
    from docx import Document
    from docx.enum.text import WD_BREAK
    from docx.oxml.ns import qn
    from docx.shared import Pt

    blocks = read_blocks(txt.read_text(encoding="utf-8"))
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(10.5)
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Microsoft YaHei")
    section = doc.sections[0]
    section.header.paragraphs[0].text = "南京卫生信息化简报（内部资料）"
    section.footer.paragraphs[0].text = "南京市卫生信息中心 编印 · 第 1 页"
    for i, b in enumerate(blocks):
        if b.kind == "para":
            if b.brief:
                doc.add_paragraph(b.text[2:], style="List Bullet")
            elif _headline(blocks, i):
                doc.add_paragraph(b.text, style="Heading 2")
            else:
                doc.add_paragraph(b.text)
            continue
        g = b.grid
        if g.continued:
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        table = doc.add_table(rows=len(g.rows), cols=len(g.rows[0]))
        table.style = "Table Grid"
        for r, row in enumerate(g.rows):
            for c, text in enumerate(row):
                table.cell(r, c).text = text
        for r0, c0, r1, c1 in g.merges:
            keep = g.rows[r0][c0]
            merged = table.cell(r0, c0).merge(table.cell(r1, c1))
            merged.text = keep
    doc.save(str(out))
    return out


# -- PDF ------------------------------------------------------------------------------------------
def _font() -> str:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    if "wqy" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("wqy", str(FONT_FILE), subfontIndex=0))
    return "wqy"


def _esc(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def build_pdf(txt: Path, out: Path, *, encrypt: str | None = None) -> Path:
    from reportlab.lib import colors
    from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY, TA_RIGHT
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.platypus import KeepTogether, PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    font = _font()
    body = ParagraphStyle(
        "body", fontName=font, fontSize=10.5, leading=17, wordWrap="CJK", firstLineIndent=21,
        alignment=TA_JUSTIFY, spaceAfter=4,
    )  # fmt: skip
    plain = ParagraphStyle("plain", parent=body, firstLineIndent=0)
    head = ParagraphStyle("head", parent=body, fontSize=14, leading=20, alignment=TA_CENTER, firstLineIndent=0,
                          spaceBefore=8, spaceAfter=8)  # fmt: skip
    title = ParagraphStyle("title", parent=head, fontSize=22, leading=30)
    cell = ParagraphStyle("cell", fontName=font, fontSize=8, leading=10, wordWrap="CJK")
    num = ParagraphStyle("num", parent=cell, alignment=TA_RIGHT)
    hcell = ParagraphStyle("hcell", parent=cell, alignment=TA_CENTER)

    text = txt.read_text(encoding="utf-8")
    blocks = read_blocks(text)
    issue = next((m.group(0) for m in re.finditer(r"\d{4}年第\d+期", text)), "")
    story = []
    for i, b in enumerate(blocks):
        if b.kind == "para":
            if i == 0:
                style = title
            elif i < 4 or _headline(blocks, i):
                style = head if i >= 4 else ParagraphStyle(f"m{i}", parent=head, fontSize=12)
            elif len(b.text) < 40 and not b.brief:
                style = plain
            else:
                style = body
            story.append(Paragraph(_esc(b.text), style))
            continue
        g = b.grid
        if g.continued:
            story.append(PageBreak())
        width = len(g.rows[0])
        label = next(
            (
                c
                for c in range(width)
                if any(r[c] and not NUMBER_RE.match(r[c]) for r in g.rows[g.header_rows :])
            ),
            0,
        )
        widths = []
        for c in range(width):
            if c == label or (c > label and width <= 6 and any(TOTAL_RE.match(r[c]) for r in g.rows)):
                widths.append(88.0)
            elif all(not r[c] or re.fullmatch(r"\d{1,2}", r[c]) for r in g.rows[g.header_rows :]):
                widths.append(22.0)
            else:
                widths.append(min(44.0, (451 - 88) / max(1, width - 1)))
        data = []
        for r, row in enumerate(g.rows):
            style_for = (
                (lambda s: hcell) if r < g.header_rows else (lambda s: num if NUMBER_RE.match(s) else cell)
            )
            data.append([Paragraph(_esc(s), style_for(s)) for s in row])
        t = Table(data, colWidths=widths, repeatRows=g.header_rows)
        cmds = [("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "MIDDLE")]
        cmds += [("SPAN", (c0, r0), (c1, r1)) for r0, c0, r1, c1 in g.merges]
        t.setStyle(TableStyle(cmds))
        # A short table stays on one page with its caption and note ("keep with next"); a long one
        # flows on with its header repeated; a part the text shows after a page break starts a page.
        if len(g.rows) <= 8:
            start = len(story)
            while start > 0 and len(story) - start < 2 and isinstance(story[start - 1], Paragraph):
                start -= 1
            story[start:] = [KeepTogether([*story[start:], t])]
        else:
            story.append(t)

    def furniture(canvas, doc):
        canvas.saveState()
        canvas.setFont(font, 9)
        canvas.drawString(72, A4[1] - 40, "南京卫生信息化简报")
        canvas.drawRightString(A4[0] - 72, A4[1] - 40, issue)
        canvas.line(72, A4[1] - 46, A4[0] - 72, A4[1] - 46)
        canvas.drawCentredString(A4[0] / 2, 30, f"- {doc.page} -")
        canvas.restoreState()

    kw = {}
    if encrypt:
        from reportlab.lib.pdfencrypt import StandardEncryption

        kw["encrypt"] = StandardEncryption(encrypt, canPrint=1)
    doc = SimpleDocTemplate(
        str(out), pagesize=A4, leftMargin=72, rightMargin=72, topMargin=64, bottomMargin=56, **kw
    )
    doc.build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out


def build_scanned_pdf(out: Path) -> Path:
    """A PDF whose only page is an image (a scan): no text to extract."""
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    try:
        from PIL import Image, ImageDraw
    except ImportError:  # pillow comes with reportlab
        raise
    img = Image.new("L", (400, 560), 255)
    draw = ImageDraw.Draw(img)
    for y in range(40, 520, 18):
        draw.line((40, y, 360, y), fill=0, width=2)
    c = canvas.Canvas(str(out), pagesize=A4)
    c.drawImage(ImageReader(img), 40, 40, width=A4[0] - 80, height=A4[1] - 80)
    c.showPage()
    c.save()
    return out
