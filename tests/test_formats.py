"""Word, PDF and legacy .doc bulletins read exactly like their text exports.

The .docx and .pdf files are built at test time from the project's own text fixtures (tests/formats.py:
real Word tables with merged two-level headers and a page-split table; ruled PDF tables in narrow
columns, with wrapped numbers and headers, tables running on to the next page, running headers,
footers and page numbers). Each must parse to the same metadata, articles and tables, cell for cell,
as the text export, and answer the same questions the same way.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from conftest import FIXTURES, SEED, TESTS
from formats import FONT_FILE, build_docx, build_pdf, build_scanned_pdf

from qa.cli import main
from qa.errors import ParseError
from qa.parse import parse_file, to_text

TEXTS = [SEED, *sorted(FIXTURES.glob("*.txt")), *sorted((TESTS / "fixtures" / "probe").glob("*.txt"))]
IDS = [p.stem for p in TEXTS]


def _installable() -> bool:
    return hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get") is not None


def need_font() -> None:
    if FONT_FILE.is_file():
        return
    if _installable():
        pytest.fail(f"{FONT_FILE} is missing but installable here: run `make libreoffice` (make test does)")
    pytest.skip(
        f"{FONT_FILE} missing and not installable here (not root): apt-get install fonts-wqy-microhei"
    )


def need_soffice() -> str:
    from qa.parse.doc import find_soffice

    found = find_soffice()
    if found:
        return found
    if _installable():
        pytest.fail(
            "LibreOffice (soffice) is missing but installable here: run `make libreoffice` (make test does)"
        )
    pytest.skip(
        "LibreOffice (soffice) is not installed and cannot be installed here (not root or no apt-get): "
        "apt-get install libreoffice-writer-nogui"
    )


@pytest.fixture(scope="session")
def built(tmp_path_factory) -> dict[str, dict[str, Path]]:
    """{stem: {".txt": path, ".docx": path, ".pdf": path}} for every text fixture."""
    need_font()
    out = tmp_path_factory.mktemp("formats")
    files = {}
    for txt in TEXTS:
        files[txt.stem] = {
            ".txt": txt,
            ".docx": build_docx(txt, out / f"{txt.stem}.docx"),
            ".pdf": build_pdf(txt, out / f"{txt.stem}.pdf"),
        }
    return files


def summary(b) -> dict:
    """Everything a Bulletin says, without the line numbers (which are lines of each file's own text)."""
    return {
        "meta": (b.title, b.year, b.number, b.running, b.publisher, b.published, b.data_month, b.issue),
        "contact": b.contact,
        "sections": [(s.kind, s.title, [p.text for p in s.paragraphs]) for s in b.sections],
        "tables": [
            {
                "title": t.title,
                "columns": [(c.name, c.unit, c.header, c.role) for c in t.columns],
                "label": t.label_header,
                "notes": t.notes,
                "kind": (t.entity_kind, t.data_month, t.row_kind, t.source),
                "rows": [
                    (r.label, r.seq, r.month, [(v.raw, v.kind, v.num, v.den) for v in r.values])
                    for r in t.rows
                ],
                "total": (t.total.label, [v.raw for v in t.total.values]) if t.total else None,
            }
            for t in b.tables
        ],
    }


def assert_same(text_b, other_b) -> None:
    want, got = summary(text_b), summary(other_b)
    assert got["meta"] == want["meta"]
    assert got["contact"] == want["contact"]
    assert got["sections"] == want["sections"]
    assert len(got["tables"]) == len(want["tables"])
    for w, g in zip(want["tables"], got["tables"], strict=True):
        for key in w:
            assert g[key] == w[key], (w["title"], key)
    assert other_b.warnings == text_b.warnings == []


@pytest.mark.parametrize("stem", IDS)
def test_docx_reads_like_its_text_export(built, stem):
    files = built[stem]
    b = parse_file(files[".docx"])
    assert_same(parse_file(files[".txt"]), b)
    assert b.file == f"{stem}.docx"
    import hashlib

    assert b.sha256 == hashlib.sha256(files[".docx"].read_bytes()).hexdigest()


@pytest.mark.parametrize("stem", IDS)
def test_pdf_reads_like_its_text_export(built, stem):
    files = built[stem]
    b = parse_file(files[".pdf"])
    assert_same(parse_file(files[".txt"]), b)
    assert b.file == f"{stem}.pdf"


def test_docx_with_tracked_changes_and_content_controls(built, tmp_path):
    """What Word writes beyond plain runs: an inserted (tracked) run is text, a deleted one is not, a
    table inside a content control is still a table, a hyperlink's text is text."""
    from docx import Document
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    d = Document(str(built[SEED.stem][".docx"]))
    body = d.element.body
    tbl = body.find(qn("w:tbl"))
    sdt, content = OxmlElement("w:sdt"), OxmlElement("w:sdtContent")
    tbl.addprevious(sdt)
    sdt.append(content)
    content.append(tbl)
    p = next(p for p in d.paragraphs if p.text.startswith("7月17日"))
    run = p._p.find(qn("w:r"))
    ins = OxmlElement("w:ins")
    ins.set(qn("w:id"), "1")
    ins.set(qn("w:author"), "编辑")
    run.addprevious(ins)
    ins.append(run)
    gone = OxmlElement("w:del")
    gone.set(qn("w:id"), "2")
    gone.set(qn("w:author"), "编辑")
    r, t = OxmlElement("w:r"), OxmlElement("w:delText")
    t.text = "（这句已删除）"
    r.append(t)
    gone.append(r)
    p._p.append(gone)
    link = OxmlElement("w:hyperlink")
    contact = next(p for p in d.paragraphs if p.text.startswith("网址："))
    for r in contact._p.findall(qn("w:r")):
        link.append(r)
    contact._p.append(link)
    d.save(str(tmp_path / "edited.docx"))
    assert_same(parse_file(SEED), parse_file(tmp_path / "edited.docx"))


def test_docx_caption_and_note_inside_the_table_frame(tmp_path):
    """Word authors often put the caption in a first row merged across the table, and the note in a
    last one: they are read as the caption above and the note below, as in the text export."""
    from docx import Document

    lines = SEED.read_text(encoding="utf-8").split("\n")
    start = lines.index("2025年6月南京市卫生信息平台数据采集情况（区）")
    end = lines.index("秦淮区\t0\t0\t0/12\t0\t/\t0\t/")
    d = Document()
    for ln in lines[: lines.index("统计数据") + 1]:
        if ln.strip():
            d.add_paragraph(ln)
    rows = [ln.split("\t")[:8] for ln in lines[start + 2 : end + 1]]
    t = d.add_table(rows=len(rows) + 2, cols=8)
    t.style = "Table Grid"
    t.cell(0, 0).merge(t.cell(0, 7)).text = lines[start]
    for r, cells in enumerate(rows, 1):
        for c, text in enumerate(cells):
            t.cell(r, c).text = text
    t.cell(len(rows) + 1, 0).merge(t.cell(len(rows) + 1, 7)).text = "(区数据由各区平台上报)"
    d.save(str(tmp_path / "framed.docx"))
    b = parse_file(tmp_path / "framed.docx")
    want = next(t for t in parse_file(SEED).tables if "（区）" in t.title)
    got = b.tables[0]
    assert (got.title, len(got.rows), got.notes) == (want.title, 12, ["(区数据由各区平台上报)"])
    assert [r.label for r in got.rows] == [r.label for r in want.rows]
    assert b.warnings == []


def test_the_docx_fixture_is_real_word(built):
    """Guard the fixture: merged header cells, the 合计 label merged, a table split by a page break,
    a bulleted list and a running header, so the reader is tested against what Word writes."""
    xml = zipfile.ZipFile(built[SEED.stem][".docx"]).read("word/document.xml").decode()
    assert xml.count("<w:tbl>") == 6  # four tables, two of them continued after a page break
    assert 'w:type="page"' in xml
    assert '<w:gridSpan w:val="2"/>' in xml and '<w:vMerge w:val="restart"/>' in xml
    assert "<w:vMerge/>" in xml
    assert 'w:val="ListBullet"' in xml and "- 7月23日" not in xml
    text = to_text(built[SEED.stem][".docx"])
    assert "内部资料" not in text  # the running header is not body text
    assert (
        "\n接入单位\t定时数据上传量\t实时数据上传天数\t实时数据表单上传情况\t门急诊信息\t\t出院信息\t\n"
        in text
    )
    assert "\n\t\t\t\t人次\t收入(千元)\t人次\t住院收入(千元)\n" in text
    assert "\n合计\t\t12396\t2051\t74264\t4767\t93478\n" in text
    assert "\n- 近日，南京市上线“互联网+护理服务”城市地图" in text


def test_the_pdf_fixture_wraps_cells_and_splits_tables(built):
    """Guard the fixture: pdfplumber itself sees numbers and headers wrapped inside cells, tables on
    several pages, and the page furniture, which the reader must undo."""
    import pdfplumber

    with pdfplumber.open(built[SEED.stem][".pdf"]) as pdf:
        assert len(pdf.pages) >= 5
        cells = [c for p in pdf.pages for t in p.extract_tables() for r in t for c in r if c]
        pages_with_tables = [p.page_number for p in pdf.pages if p.find_tables()]
        footers = [p.extract_text().splitlines()[-1] for p in pdf.pages]
    assert "372995.\n42" in cells and "543099.\n4" in cells  # numbers wrapped inside narrow cells
    assert any(c.startswith("接入单") and "\n" in c for c in cells) or "定时数据\n上传量" in cells
    assert len(pages_with_tables) >= 3
    assert footers[:3] == ["- 1 -", "- 2 -", "- 3 -"]


def test_pdf_text_is_reflowed_without_page_furniture(built):
    text = to_text(built[SEED.stem][".pdf"])
    lines = text.split("\n")
    assert not any(ln.startswith("- ") and ln.strip(" -").isdigit() for ln in lines)  # page numbers
    assert text.count("南京卫生信息化简报") == 1  # the running header is gone, the masthead stays
    # The centred headline wrapped over two lines, and a paragraph wrapped over many, are one line each.
    assert (
        "2025 (19th) 中国卫生信息技术/健康医疗大数据应用交流大会暨软硬件与健康医疗产品展览会 (CHITEC) 成功召开"
        in lines
    )
    para = next(ln for ln in lines if ln.startswith("7月17日至20日"))
    assert para.endswith("积极参加会议。") and "(CHITEC)”在郑州成功召开" in para
    # Wrapped cells are whole again: numbers, headers, and a name whose wrap ate a space.
    assert "江苏省人民医院\t21065483\t30\t12/12\t660405\t297672.72\t18966\t543099.4" in lines
    assert "2\t南京卫生 12320 微信\t5179\t5\t南京卫生 12320 网\t278" in lines


def test_hospital_table_from_every_format(built):
    """The two-level header and the merged continuation, as the text reader's own test checks them."""
    for ext in (".docx", ".pdf"):
        b = parse_file(built[SEED.stem][ext])
        t = next(t for t in b.tables if "（医院）" in t.title)
        assert [(c.name, c.unit) for c in t.columns][3:5] == [("门急诊人次", ""), ("门急诊收入", "千元")], ext
        assert len(t.rows) == 39, ext
        row = {r.label: r for r in t.rows}["江苏省人民医院"]
        assert [v.raw for v in row.values][-1] == "543099.4", ext
        q = {r.label: r for r in next(t for t in b.tables if "（区）" in t.title).rows}["秦淮区"]
        assert q.values[4].kind == "missing", ext


def test_warnings_name_the_original_file_and_place(built, tmp_path):
    """A row the text reader cannot use is reported against the Word file and its table row."""
    txt = tmp_path / "bad.txt"
    txt.write_text(
        SEED.read_text(encoding="utf-8").replace("\t4767\t93478", "\t4767\t93479"),
        encoding="utf-8",
    )
    b = parse_file(build_docx(txt, tmp_path / "bad.docx"))
    w = next(w for w in b.warnings if "sum mismatch" in w)
    assert w.startswith("bad.docx:") and "(table 2, row 18)" in w and "93479" in w, w
    b = parse_file(build_pdf(txt, tmp_path / "bad.pdf"))
    w = next(w for w in b.warnings if "sum mismatch" in w)
    assert w.startswith("bad.pdf:") and "(page " in w and "93479" in w, w


def test_pdf_printed_by_an_office_suite_reads_like_the_text_export(built, tmp_path):
    """An independent PDF producer: LibreOffice prints the Word files (its own line breaking, spaces
    written as glyphs, small gaps between Chinese and Latin that are not spaces, rows split across
    pages, tables continued without a repeated header)."""
    soffice = need_soffice()
    docx = [built[stem][".docx"] for stem in IDS]
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path), *map(str, docx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for stem in IDS:
        assert_same(parse_file(built[stem][".txt"]), parse_file(tmp_path / f"{stem}.pdf"))


def _generated(seed: int, out: Path) -> Path:
    """A generated bulletin (tests/factory.py) with a layout drawn from the seed."""
    import random

    from factory import make_bulletin, running_for

    rng = random.Random(seed)
    y, m = 2024 + rng.randint(0, 2), rng.randint(1, 12)
    kw = {
        "layout": rng.choice(["tab", "spaces"]),
        "split_at": (rng.randint(8, 25), rng.randint(8, 25)),
        "extra_column": rng.random() < 0.3,
        "repeat_header": rng.random() < 0.5,
        "omit_sections": tuple(x for x in ("简讯", "article2") if rng.random() < 0.2),
    }
    p = out / f"gen{seed}.txt"
    p.write_text(make_bulletin(y, m, running_for(y, m), seed=seed, **kw).text, encoding="utf-8")
    return p


def test_generated_bulletins_printed_by_an_office_suite(tmp_path):
    """Generated issues whose LibreOffice printing cuts things at page breaks: a header row (12320 在 /
    线预约), a two-level header (定时数据 / 上传量 under it, 人次 and 收入 under 门急诊信息), data rows
    in the middle of a number or a name (南京卫生 / 12320 微信), a side-by-side table whose 合计 spans."""
    need_font()
    soffice = need_soffice()
    seeds = [0, 1, 2, 13, 14, 24]
    texts = [_generated(seed, tmp_path) for seed in seeds]
    docx = [build_docx(t, t.with_suffix(".docx")) for t in texts]
    (tmp_path / "lo").mkdir()
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}", "--headless"]
        + ["--convert-to", "pdf", "--outdir", str(tmp_path / "lo"), *map(str, docx)],
        check=True,
        capture_output=True,
        timeout=300,
    )
    for t, d in zip(texts, docx, strict=True):
        want = parse_file(t)
        assert_same(want, parse_file(d))
        assert_same(want, parse_file(build_pdf(t, t.with_suffix(".pdf"))))
        assert_same(want, parse_file(tmp_path / "lo" / f"{t.stem}.pdf"))


# -- legacy .doc through LibreOffice -----------------------------------------------------------------
def test_doc_made_by_libreoffice_reads_back_to_the_same_bulletin(built, tmp_path):
    soffice = need_soffice()
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
            "--headless",
            "--convert-to",
            "doc",
            "--outdir",
            str(tmp_path),
            str(built[SEED.stem][".docx"]),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    doc = tmp_path / f"{SEED.stem}.doc"
    assert doc.read_bytes()[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # a real legacy Word file
    b = parse_file(doc)
    assert_same(parse_file(SEED), b)
    assert b.file == doc.name
    assert not list(Path(os.environ.get("TMPDIR", "/tmp")).glob("qa-doc-*/input.doc"))  # cleaned up


def test_doc_without_libreoffice_names_the_package(tmp_path, monkeypatch):
    import qa.parse.doc as doc

    monkeypatch.setattr(doc, "find_soffice", lambda: None)
    p = tmp_path / "old.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ParseError) as e:
        parse_file(p)
    assert "old.doc" in str(e.value) and "libreoffice-writer-nogui" in str(e.value)


def test_doc_conversion_is_bounded_in_time(tmp_path, monkeypatch):
    """A LibreOffice that hangs is stopped (with what it started) and reported, not waited for."""
    import qa.parse.doc as doc

    fake = tmp_path / "soffice"
    fake.write_text(f"#!{sys.executable}\nimport time\ntime.sleep(60)\n")
    fake.chmod(0o755)
    monkeypatch.setattr(doc, "find_soffice", lambda: str(fake))
    monkeypatch.setattr(doc, "SOFFICE_TIMEOUT", 1)
    p = tmp_path / "slow.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ParseError) as e:
        doc.convert_to_docx(p, tmp_path, p.name, timeout=1)
    assert "slow.doc" in str(e.value) and "within 1 s" in str(e.value)


def test_doc_that_libreoffice_cannot_convert(tmp_path, monkeypatch):
    import qa.parse.doc as doc

    fake = tmp_path / "soffice"
    fake.write_text(
        f"#!{sys.executable}\nimport sys\nprint('Error: source file could not be loaded', file=sys.stderr)\n"
    )
    fake.chmod(0o755)
    monkeypatch.setattr(doc, "find_soffice", lambda: str(fake))
    p = tmp_path / "broken.doc"
    p.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    with pytest.raises(ParseError) as e:
        parse_file(p)
    assert "broken.doc" in str(e.value) and "could not be loaded" in str(e.value)


# -- files that cannot be read -----------------------------------------------------------------------
def test_scanned_pdf_is_an_error_naming_the_file(tmp_path):
    need_font()
    with pytest.raises(ParseError) as e:
        parse_file(build_scanned_pdf(tmp_path / "scan.pdf"))
    assert "scan.pdf" in str(e.value) and "scanned" in str(e.value)


def test_password_protected_pdf_is_an_error_naming_the_file(tmp_path):
    need_font()
    p = build_pdf(SEED, tmp_path / "locked.pdf", encrypt="secret")
    with pytest.raises(ParseError) as e:
        parse_file(p)
    assert "locked.pdf" in str(e.value) and "password" in str(e.value)


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.docx", b"", "empty"),
        ("empty.pdf", b"", "empty"),
        ("empty.doc", b"  \n", "empty"),
        (
            "photo.docx",
            b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8,
            "not a Word .docx file: the content is an image",
        ),
        ("notes.docx", "南京卫生信息化简报\n".encode(), "content is text"),
        ("scan.pdf", b"\xff\xd8\xff\xe0" + bytes(range(256)) * 8, "not a PDF file: the content is an image"),
        ("data.pdf", bytes(range(256)) * 8, "not a PDF file"),
        ("old.docx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "legacy Office file"),
        (
            "locked.docx",
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + "EncryptedPackage".encode("utf-16-le") + b"\x00" * 600,
            "password-protected",
        ),
        ("text.doc", "南京卫生信息化简报\n".encode(), "not a Word .doc file"),
        ("broken.pdf", b"%PDF-1.4\n1 0 obj <<>> endobj\n", "not a readable PDF"),
        ("sheet.xlsx", b"PK\x03\x04", "unsupported format"),
    ],
)
def test_unreadable_files_are_errors_naming_the_file(tmp_path, name, content, message):
    p = tmp_path / name
    p.write_bytes(content)
    with pytest.raises(ParseError) as e:
        parse_file(p)
    assert message in str(e.value) and name in str(e.value)


def test_renamed_real_files_are_recognised_by_content(built, tmp_path):
    docx, pdf = built[SEED.stem][".docx"], built[SEED.stem][".pdf"]
    cases = {
        "issue.pdf": (docx, "the content is a Word .docx document (rename it to .docx"),
        "issue.docx": (pdf, "the content is a PDF document (rename it to .pdf"),
        "issue.txt": (pdf, "not a text export: the content is a PDF document"),
    }
    for name, (src, message) in cases.items():
        p = tmp_path / name
        shutil.copy(src, p)
        with pytest.raises(ParseError) as e:
            parse_file(p)
        assert message in str(e.value) and name in str(e.value)
    cut = tmp_path / "cut.docx"
    cut.write_bytes(docx.read_bytes()[:3000])
    with pytest.raises(ParseError, match=r"cut\.docx.*damaged or incomplete zip"):
        parse_file(cut)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf.read_bytes()[:3000])
    with pytest.raises(ParseError, match=r"cut\.pdf"):
        parse_file(cut)
    # A Word .docx saved under a .doc name is a Word document all the same.
    shutil.copy(docx, tmp_path / "saved-as.doc")
    assert parse_file(tmp_path / "saved-as.doc").issue == "2025年第7期"


def test_word_file_that_is_not_a_bulletin(tmp_path):
    from docx import Document

    d = Document()
    d.add_paragraph("会议纪要")
    d.add_paragraph("今天讨论了三件事。")
    d.save(str(tmp_path / "minutes.docx"))
    with pytest.raises(ParseError) as e:
        parse_file(tmp_path / "minutes.docx")
    assert "minutes.docx" in str(e.value) and "issue header" in str(e.value)


# -- command line and the index ------------------------------------------------------------------------
def test_cli_parse_docx_and_pdf(built, capsys):
    assert main(["parse", str(built[SEED.stem][".docx"])]) == 0
    out = capsys.readouterr().out
    assert "2025年第7期（总第161期）" in out and "37 行" in out and "39 行" in out
    assert main(["parse", str(built[SEED.stem][".pdf"]), "--text"]) == 0
    assert "江苏省人民医院\t21065483" in capsys.readouterr().out


QUESTIONS = [
    "省人医门急诊人次是多少？",
    "中大医院6月住院收入多少千元",
    "省中医院门诊收入多少",
    "南京卫生12320网预约数量",
    "6月线上预约合计",
    "哪家医院的门急诊收入最高？",
    "秦淮区门急诊收入是多少",
    "江宁区和高淳区门急诊人次一共多少",
    "哪些医院实时数据表单是0/12？",
    "鼓楼医院6月预约挂号量是多少",
    "CHITEC在哪里召开",
    "截止2025年6月总预约挂号量是多少次",
    "12320卫生热线6月受理了多少咨询电话",
    "南京市本级在互联互通测评中获得几级",
    "统一支付结算平台在哪家医院上线",
]


def _answers(settings) -> list[tuple]:
    from qa.answer import engine

    eng = engine(settings)
    out = []
    for q in QUESTIONS:
        a = eng.ask(q, [])
        out.append((q, a.text, a.found, a.route, [(s.issue, s.title, s.kind, s.text) for s in a.sources]))
    follow = eng.ask(
        "那住院收入呢？",
        [
            {"role": "user", "content": "江苏省人民医院门急诊人次是多少？"},
            {"role": "assistant", "content": "2025年6月，江苏省人民医院门急诊人次为 660405 人次。"},
        ],
    )
    out.append(("follow-up", follow.text, follow.found, follow.route))
    return out


@pytest.mark.parametrize("ext", [".docx", ".pdf"])
def test_same_questions_same_answers(built, seed_settings, tmp_path, ext, capsys):
    """`qa ingest` indexes the Word (or PDF) bulletin, and every answer matches the text export's."""
    from qa.config import Settings

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(built[SEED.stem][ext], corpus)
    assert main(["ingest", "--corpus", str(corpus), "--index", str(tmp_path / "index"), "--quiet"]) == 0
    assert "indexed 1 bulletins, 5 tables, 94 rows" in capsys.readouterr().out
    settings = Settings.from_env(env={}, corpus_dir=str(corpus), index_dir=str(tmp_path / "index"))
    got, want = _answers(settings), _answers(seed_settings)
    assert [g[2] for g in got].count(True) >= 14
    for g, w in zip(got, want, strict=True):
        assert g == w


def test_ingest_reports_a_bad_word_file_and_indexes_the_rest(built, tmp_path):
    from qa.config import Settings
    from qa.index import build

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    shutil.copy(built[SEED.stem][".pdf"], corpus)
    (corpus / "2025-08_第162期.docx").write_bytes(b"not a zip at all")
    rep = build(Settings.from_env(env={}, corpus_dir=str(corpus), index_dir=str(tmp_path / "index")))
    assert rep.bulletins == 1 and rep.tables == 5  # 4 printed tables and the 12320 paragraph
    assert len(rep.failures) == 1 and "2025-08_第162期.docx" in rep.failures[0], rep.failures
    assert "not a Word .docx file" in rep.failures[0]


# -- the PDF heuristics, one by one ------------------------------------------------------------------------
def _chars(text: str, x: float = 0.0, size: float = 10.0, gaps: dict[int, float] | None = None) -> list[dict]:
    """Characters laid out left to right: Chinese a full em wide, Latin half; gaps[i] before char i."""
    out = []
    for i, ch in enumerate(text):
        x += (gaps or {}).get(i, 0.0)
        w = size if ord(ch) > 0x2E80 else size / 2
        out.append({"text": ch, "x0": x, "x1": x + w, "top": 0.0, "bottom": size, "size": size})
        x += w
    return out


def test_spaces_from_glyphs_or_gaps():
    from qa.parse.pdf import Spacing

    # An office suite's autospacing (a fifth of an em between 年 and 6) is not a space where the
    # PDF writes its spaces as glyphs; a glyph is.
    auto = _chars("2025年6月", gaps={4: 2.0, 5: 2.0})
    assert Spacing(glyphs=True).text(auto) == "2025年6月"
    assert Spacing(glyphs=True).text(_chars("南京 12320")) == "南京 12320"
    # Without glyphs, a space-wide gap is a space (narrower between Latin, wider next to Chinese).
    assert Spacing(glyphs=False).text(_chars("abcdef", gaps={3: 2.5})) == "abc def"
    assert Spacing(glyphs=False).text(auto) == "2025年6月"
    assert Spacing(glyphs=False).text(_chars("南京12320", gaps={2: 5.0})) == "南京 12320"
    # Two characters or more apart: a column gap, kept as two spaces for the text parser.
    assert Spacing(glyphs=True).text(_chars("江宁区4128", gaps={3: 30.0})) == "江宁区  4128"


def _line(text: str, x0: float = 0.0, size: float = 10.0, gaps=None):
    from qa.parse.pdf import Spacing

    return Spacing(glyphs=True).lines(_chars(text, x0, size, gaps), page=1)[0]


def test_wrapped_cells_join_without_a_newline_or_space():
    from qa.parse.pdf import _cell_join

    # A number cut by a narrow cell: 57825.9 / 1 is 57825.91 (the 1 did not fit).
    assert _cell_join([_line("57825.9", 3), _line("1", 3)], 0, 41, "") == "57825.91"
    # A header cut inside a word: 接入单 / 位 is 接入单位.
    assert _cell_join([_line("接入单", 3), _line("位", 3)], 0, 36, "") == "接入单位"
    # A wrap that ate a space: the next word's first character would have fitted.
    assert _cell_join([_line("12320", 3), _line("在线预约", 3)], 0, 46, "") == "12320 在线预约"
    # Full line, Chinese meeting digits: the table's other cells say whether a space is written there.
    cut = [_line("南京卫生", 3), _line("12320 网", 3)]
    assert _cell_join(cut, 0, 46, "南京卫生 12320 微信") == "南京卫生 12320 网"
    assert _cell_join(cut, 0, 46, "南京卫生12320微信") == "南京卫生12320 网"


def test_a_table_continued_on_the_next_page_is_one_table():
    from qa.parse.pdf import PTable, _merge_tables

    head = [["单位", "人次", "收入（千元）"]]
    a = PTable(1, 500, 800, [*head, ["东南大学", "162", "81.5"]], [False] * 2, [0, 100, 150, 200], [1, 1])
    b = PTable(2, 60, 300, [["单位", "人次", "收入(千元)"], ["附属中大医院", "", ""], ["江北医院", "24", "3.1"]],
               [False] * 3, [0, 100, 150, 200], [2, 2, 2])  # fmt: skip
    assert _merge_tables(a, b)
    assert a.rows == [*head, ["东南大学附属中大医院", "162", "81.5"], ["江北医院", "24", "3.1"]]
    assert a.pages == [1, 1, 2]
    # A 合计 row at the top of the new page is a row of its own, not the rest of the last one.
    c = PTable(3, 60, 300, [["合计", "", "24"]], [False], [0, 100, 150, 200], [3])
    assert _merge_tables(a, c) and a.rows[-1] == ["合计", "", "24"]
    # Another header: two tables, for the text parser to compare.
    d = PTable(
        4, 60, 300, [["名称", "数量", "备注"], ["x", "1", "2"]], [False] * 2, [0, 100, 150, 200], [4, 4]
    )
    assert not _merge_tables(a, d)


def test_lines_of_a_paragraph_rejoin_and_paragraphs_stay_apart():
    from qa.parse.pdf import PdfReader

    r = PdfReader(Path("x.pdf"), "x.pdf")
    size = 10.0
    lines = []
    texts = [
        ("　", "南京市卫生信息中心开展数据安全检查，覆盖全"),  # indented first line, full
        ("", "市医疗机构。"),  # short last line
        ("　", "检查组表示，将"),
        ("", "持续推进。"),
    ]
    top = 0.0
    for indent, t in texts:
        ln = _line(t, 20.0 if indent else 0.0, size)
        ln.top, ln.bottom = top, top + size
        lines.append(ln)
        top += size * 1.5
    out = r._assemble(lines, [])
    assert [ln for ln in out.lines if ln] == [
        "南京市卫生信息中心开展数据安全检查，覆盖全市医疗机构。",
        "检查组表示，将",
        "持续推进。",
    ]
