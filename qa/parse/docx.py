"""Reader for Word .docx bulletins (python-docx): body paragraphs and real tables, in document order.

The document becomes the text export's lines (see qa.parse.lines) and goes through the text parser,
so a .docx yields the same Bulletin as its text export. Merged cells are expanded the way the export
prints them: a cell merged across columns (gridSpan) appears once, over its first column, with empty
cells after it; a cell merged down (vMerge) appears in its first row only. A table continued after a
page break is two Word tables; the text parser merges them. Page headers and footers live in other
parts of the file and are not read.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin
from qa.parse.lines import LineText, cell_text, emit_table, parse_lines

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
# Subtrees whose text is not printed: deletions, field codes, properties, duplicate fallbacks.
SKIP = {
    W + "del",
    W + "delText",
    W + "moveFrom",
    W + "instrText",
    W + "pPr",
    W + "rPr",
    W + "sdtPr",
    W + "tblPr",
    W + "tcPr",
    W + "trPr",
    MC_FALLBACK,
}
WRAPPERS = {W + "sdt", W + "sdtContent", W + "customXml", W + "smartTag"}


def _val(el, tag: str) -> str | None:
    """The w:val attribute of child `tag` of el ('' when the child has none, None when absent)."""
    if el is None:
        return None
    child = el.find(tag)
    if child is None:
        return None
    return child.get(W + "val", "")


def _children(parent, tags: set[str]):
    """Children of parent with a tag in tags, looking through content-control and custom-XML wrappers."""
    for ch in parent:
        if ch.tag in tags:
            yield ch
        elif ch.tag in WRAPPERS:
            yield from _children(ch, tags)


def _runs_text(p, boxes: list) -> str:
    """Printed text of one paragraph: runs, hyperlinks, fields' results, insertions; tabs as \\t and
    line breaks as \\n. Text boxes anchored in the paragraph are collected into `boxes`."""
    out: list[str] = []

    def walk(el) -> None:
        for ch in el:
            tag = ch.tag
            if not isinstance(tag, str) or tag in SKIP:
                continue
            if tag == W + "txbxContent":
                boxes.append(ch)
            elif tag == W + "t":
                out.append(ch.text or "")
            elif tag == W + "tab":
                out.append("\t")
            elif tag in (W + "br", W + "cr"):
                out.append("\n")
            elif tag == W + "noBreakHyphen":
                out.append("-")
            elif tag == W + "tbl" or tag == W + "p":
                continue  # nested blocks (inside text boxes) are read on their own
            else:
                walk(ch)

    walk(p)
    return "".join(out)


class DocxReader:
    def __init__(self, document):
        self.doc = document
        self.out = LineText()
        self.n_par = 0
        self.n_tbl = 0
        self._formats: dict[tuple[str, str], bool] = {}

    # -- numbering ------------------------------------------------------------------------------
    def _visible_number(self, num_id: str | None, ilvl: str | None) -> bool:
        """Whether list number num_id at level ilvl prints a number or bullet (LibreOffice gives
        headings an outline 'list' whose format is none)."""
        if num_id in (None, "", "0"):
            return False
        key = (num_id, ilvl or "0")
        if key not in self._formats:
            self._formats[key] = True  # a list whose definition cannot be found is taken as printed
            try:
                numbering = self.doc.part.numbering_part.element
            except (KeyError, NotImplementedError, AttributeError):
                return True
            num = next((n for n in numbering.findall(W + "num") if n.get(W + "numId") == num_id), None)
            if num is not None:
                abstract_id = _val(num, W + "abstractNumId")
                abstract = next(
                    (
                        a
                        for a in numbering.findall(W + "abstractNum")
                        if a.get(W + "abstractNumId") == abstract_id
                    ),
                    None,
                )
                lvl = None
                for over in num.findall(W + "lvlOverride"):
                    if over.get(W + "ilvl") == key[1] and over.find(W + "lvl") is not None:
                        lvl = over.find(W + "lvl")
                if lvl is None and abstract is not None:
                    lvl = next((v for v in abstract.findall(W + "lvl") if v.get(W + "ilvl") == key[1]), None)
                if lvl is not None:
                    fmt, text = _val(lvl, W + "numFmt"), _val(lvl, W + "lvlText")
                    self._formats[key] = fmt != "none" and text != ""
        return self._formats[key]

    def _style_numbering(self, style_id: str | None, depth: int = 0) -> tuple[str | None, str | None]:
        """(numId, ilvl) a paragraph style (or one it is based on) gives its paragraphs."""
        if not style_id or depth > 10:
            return None, None
        st = next(
            (s for s in self.doc.styles.element.findall(W + "style") if s.get(W + "styleId") == style_id),
            None,
        )
        if st is None:
            return None, None
        ppr = st.find(W + "pPr")
        num = ppr.find(W + "numPr") if ppr is not None else None
        if num is not None:
            return _val(num, W + "numId"), _val(num, W + "ilvl")
        return self._style_numbering(_val(st, W + "basedOn"), depth + 1)

    def _is_list_item(self, p) -> bool:
        """A numbered or bulleted paragraph: its number is not in the text, so mark it with '- '."""
        ppr = p.find(W + "pPr")
        if ppr is None:
            return False
        num = ppr.find(W + "numPr")
        if num is not None:
            num_id, ilvl = _val(num, W + "numId"), _val(num, W + "ilvl")
        else:
            num_id, ilvl = None, None
        style_num, style_lvl = self._style_numbering(_val(ppr, W + "pStyle"))
        return self._visible_number(num_id or style_num, ilvl or style_lvl)

    # -- blocks ---------------------------------------------------------------------------------
    def read(self) -> LineText:
        self._blocks(self.doc.element.body)
        return self.out

    def _blocks(self, parent) -> None:
        for el in _children(parent, {W + "p", W + "tbl"}):
            if el.tag == W + "p":
                self._paragraph(el)
            else:
                self._table(el)

    def _paragraph(self, p) -> None:
        self.n_par += 1
        where = f"paragraph {self.n_par}"
        boxes: list = []
        text = _runs_text(p, boxes)
        if text.strip() and self._is_list_item(p) and not text.lstrip().startswith(("-", "•", "·", "●")):
            text = "- " + text.lstrip()
        if text.strip():
            self.out.paragraph(text, where)
        else:
            self.out.blank()
        for box in boxes:
            self._blocks(box)

    def _table(self, tbl) -> None:
        self.n_tbl += 1
        grid = tbl.find(W + "tblGrid")
        width = len(grid.findall(W + "gridCol")) if grid is not None else 0
        rows: list[list[str]] = []
        wide: list[bool] = []
        where: list[str] = []
        for r, tr in enumerate(_children(tbl, {W + "tr"}), 1):
            trpr = tr.find(W + "trPr")
            cells: list[str] = [""] * int(_val(trpr, W + "gridBefore") or 0)
            tcs = list(_children(tr, {W + "tc"}))
            for tc in tcs:
                tcpr = tc.find(W + "tcPr")
                span = int(_val(tcpr, W + "gridSpan") or 1)
                vmerge = _val(tcpr, W + "vMerge")
                text = "" if vmerge not in (None, "restart") else self._cell(tc)
                cells += [text] + [""] * (span - 1)
            rows.append(cells)
            wide.append(len(tcs) == 1 and (len(cells) >= width or width <= 1))
            where.append(f"table {self.n_tbl}, row {r}")
        emit_table(self.out, rows, wide, where)

    def _cell(self, tc) -> str:
        """All text of a cell (its paragraphs, and those of a table nested in it) as one string."""
        parts: list[str] = []
        for p in tc.iter(W + "p"):
            boxes: list = []
            parts.extend(_runs_text(p, boxes).replace("\t", " ").split("\n"))
        return cell_text(parts)


def zip_kind(path: Path) -> str:
    """'docx' for a zip archive with word/document.xml, 'zip' for another archive, 'badzip' for a
    damaged one: a .docx is recognised by its content, not by its name."""
    try:
        with zipfile.ZipFile(path) as z:
            return "docx" if "word/document.xml" in z.namelist() else "zip"
    except (zipfile.BadZipFile, OSError):
        return "badzip"


def docx_lines(path: Path, name: str | None = None) -> LineText:
    """The converted text of a .docx (what `qa parse --text` prints)."""
    import docx

    try:
        document = docx.Document(str(path))
    except Exception as e:  # python-docx raises KeyError, ValueError, lxml errors … on broken files
        raise ParseError(
            f"cannot read this Word .docx file ({type(e).__name__}: {e})", name or path.name
        ) from e
    return DocxReader(document).read()


def parse_docx_file(
    path: Path, data: bytes | None = None, name: str | None = None, kind: str = "Word document"
) -> Bulletin:
    """Parse a .docx; `data` and `name` are the original file's when this .docx was converted from it."""
    data = path.read_bytes() if data is None else data
    return parse_lines(docx_lines(path, name), Path(name) if name else path, data, kind)
