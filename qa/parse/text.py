"""Reader for text exports of the bulletin (UTF-8/BOM/GB18030, LF/CRLF; tab- or space-aligned tables).

Produces a `Bulletin`: issue metadata, sections (articles, statistics, 简讯, contact block) with
page-break repairs, and typed tables. Structure is recognised by shape, never by this issue's wording.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from pathlib import Path

from qa.errors import ParseError
from qa.model import Bulletin, Paragraph, Section, Table, months_between
from qa.parse.paragraphs import DATE_RE, paragraph_statements
from qa.parse.tables import (
    Line,
    TableBuilder,
    check_totals,
    classify,
    is_header_line,
    mark_periods,
    norm,
    note_units,
    paired_cells,
    split_line,
    transpose_indicators,
    unit_said,
    unpivot_months,
)
from qa.words import words

# 2025年第7期（总第161期）, 第3期 总第45期, 2012年第4期 (总第46期), or (总第45期) alone: every part optional.
ISSUE_RE = re.compile(r"(?:(?:(\d{4})\s*年\s*)?第\s*(\d{1,3})\s*期)?\s*[（(]?\s*(?:总\s*第\s*(\d+)\s*期)?")
NOTE_RE = re.compile(r"^[(（].*[)）]$")
PAGE_RE = re.compile(r"^[-—–\s]*(第\s*)?\d{1,3}(\s*页)?[-—–\s]*$")
BULLET_RE = re.compile(r"^(?:[-•·●▪]\s*|\d{1,2}\s*[.、．]\s*)")
END_PUNCT = "。！？；：:!?;」”）)"
CONTACT_KEYS = {
    "报": "report_to",
    "报送": "report_to",
    "送": "copy_to",
    "抄送": "copy_to",
    "发": "issued_to",
    "分发": "issued_to",
    "地址": "address",
    "邮编": "postcode",
    "电话": "phone",
    "传真": "fax",
    "e-mail": "email",
    "email": "email",
    "邮箱": "email",
    "网址": "website",
    "责任编辑": "editor",
    "主编": "chief_editor",
    "审核": "reviewer",
    "签发": "signer",
}
# the labels as printed, longest first (E-mail or Email); one place lists them: CONTACT_KEYS
_LABELS = [re.escape(k).replace("e\\-mail", "e-?mail") for k in sorted(CONTACT_KEYS, key=len, reverse=True)]
CONTACT_RE = re.compile(rf"^({'|'.join(_LABELS)})\s*[：:]\s*(.+)$", re.I)
# a field's label inside a contact line holding several (「地址:… 邮编:210003 电话:…」): the labels of two
# characters or more (报, 送, 发 open a line of their own) and the print run
FIELD_RE = re.compile(rf"({'|'.join(w for w in _LABELS if len(w) >= 2)}|本期印数|印数)\s*[：:]", re.I)


def labelled_contact(line: str) -> bool:
    """「联系人：市卫生信息中心运维保障部 韩磊」「7×24小时值班电话：025-83620599」: a line whose short label ends
    with a contact field's name (电话, 邮箱, 联系人 …)."""
    s = line.strip()
    at = min((i for i in (s.find("："), s.find(":")) if i >= 0), default=-1)
    label = s[:at] if at > 0 else ""
    if not 1 <= len(label) <= 16 or not s[at + 1 :].strip() or any(c in label for c in "，。"):
        return False
    names = (*(k for k in CONTACT_KEYS if len(k) >= 2), *words("contact_person"))
    return label.strip().lower().endswith(names)


def contact_fields(line: str) -> list[tuple[str, str]]:
    """(label, value) of each field of a contact line, a value running to the next label: 「责任编辑:刘晓东
    本期印数:150份」 is the editor 刘晓东 (the print run is read apart). A line opened by 报/送 is one field."""
    found = list(FIELD_RE.finditer(line))
    if not found or found[0].start() > 0:
        m = CONTACT_RE.match(line)
        return [(m.group(1), m.group(2).strip())] if m else []
    out = []
    for k, f in enumerate(found):
        end = found[k + 1].start() if k + 1 < len(found) else len(line)
        value = line[f.end() : end].strip(" \t　,，;；")
        if value and not f.group(1).endswith("印数"):
            out.append((f.group(1), value))
    return out


# 本期共印 230 份, 本期印数：300份, (共印200份), 印刷300份
PRINT_RE = re.compile(r"(?:共印|印数|印刷)[^\d\n]{0,3}?(\d+)\s*份")
# a title's range of months of one year (「2029 年 1—5 月」): its figures run to the last
RANGE_TITLE = re.compile(r"(\d{4})\s*年\s*\d{1,2}\s*月?\s*[-—–~至到]\s*(\d{1,2})\s*月")
# a title's quarter or half (「2030年第一季度」「2030年上半年」): its figures run to the period's last month
PERIOD_TITLE = re.compile(r"(\d{4})\s*年\s*(?:第?([一二三四1-4])\s*季度|([上下])半年)")
# a part's heading inside an article: 「（二）主要做法」「三、下一步打算」, a speech's 「第二，…」
PART_RE = re.compile(
    r"^\s*(?:[（(][一二三四五六七八九十]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|第[一二三四五六七八九十]{1,3}[，,])"
)
LEAD_IN = 40  # a line this short ending in a colon right under a headline introduces the items below
# leaders and a page number after a contents entry: 「居民健康卡政策解读…………2」「…… 3」「... 4」
LEADERS_RE = re.compile(r"(?:[.．。·・…‥_—\-]{2,}\s*\d{0,3}|\s+\d{1,3})\s*$")
ITEM_SEP = re.compile(r"[／/｜|；;]")  # between the items of a contents or preview line
BYLINE_MAX = 50  # a byline line is short
STATS_MARK = {"统计数据", "数据统计"}
BRIEF_MARK = {"简讯", "简 讯", "工作简讯", "信息简讯"}


def issue_of(s: str) -> tuple[int | None, int | None, int | None]:
    """(year, number, running number) a masthead line prints, in any order (「(总第45期) 2012年第3期」);
    None for a part it lacks."""
    year = number = running = None
    for m in ISSUE_RE.finditer(s):
        if m.group(2) and number is None:
            number, year = int(m.group(2)), int(m.group(1)) if m.group(1) else None
        if m.group(3) and running is None:
            running = int(m.group(3))
    return year, number, running


def decode(data: bytes, file: str) -> str:
    """Bytes → text; binary or undecodable input is a ParseError naming the file."""
    if not data.strip():
        raise ParseError("file is empty", file)
    head = data[:8192]
    if b"\x00" in head:
        raise ParseError("binary file (NUL bytes), not a text export", file)
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    for enc in ("utf-8", "gb18030"):
        try:
            text = data.decode(enc)
            break
        except UnicodeDecodeError as e:
            err = e
    else:
        raise ParseError(f"cannot decode as UTF-8 or GB18030 (bad byte at offset {err.start})", file)
    ctrl = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\t\n\r\f")
    if ctrl > max(5, len(text[:8192]) // 100):
        raise ParseError(f"binary file ({ctrl} control characters), not a text export", file)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def is_broken(line: str) -> bool:
    """A prose line that stops mid-sentence (a page break cut it): join it with the next one. A line
    without a sentence mark in it (「本期要目：…／…／…」) is not prose, however long."""
    s = line.rstrip()
    if PART_RE.match(s) and len(s) <= LEAD_IN and s[-1:] not in "，,、":
        return False  # 「第一，这次演练打出了什么」: a point's heading, whole
    return bool(s) and s[-1] not in END_PUNCT and any(p in s for p in "。，,")


# 「鼓楼区建成区级卫生统计局域网  鼓楼区卫生局投资26万元…。」: a short headline, two spaces, its text
INLINE_HEAD = re.compile(r"^(\S[^。！？!?；;，,：:\t]{3,38}?)(?:[ ]{2,}|\u3000+)(\S.*[。！？!?”」）)])$")


def column_of(title: str) -> str:
    """The bracketed column a section's title starts with, as the parser joins them (「【他山之石】｜杭州市…」
    → 他山之石); "" when it has none."""
    head = title.split("｜")[0]
    return head[1:].split("】")[0] if head.startswith("【") and "】" in head else ""


def is_headline(line: str) -> bool:
    s = line.strip()
    return 0 < len(s) <= 90 and s[-1] not in "。，；：,;:" and "。" not in s[:-1]


def after_label(s: str, kind: str) -> str | None:
    """The text after a label of `kind` and its colon (「问：办卡要不要交钱？」 → 办卡要不要交钱？), or None
    when the line does not open so."""
    for w in words(kind):
        m = re.match(rf"\s*{re.escape(w)}\s*[:：]\s*", s)
        if m:
            return s[m.end() :]
    return None


def after_caption(line: str) -> bool:
    """A bracketed line that opens as a photo caption does: 「（图为会议现场）」."""
    inner = line.strip()[1:].lstrip()
    return any(inner.startswith(w) for w in words("caption_mark"))


def contents_entry(line: str) -> str:
    """A contents entry without its leaders and page number: 「居民健康卡政策解读……2」 → 居民健康卡政策解读."""
    s = line.strip()
    m = LEADERS_RE.search(s)
    return s[: m.start()].strip() if m and m.start() > 0 else s


def byline_of(line: str) -> dict[str, str]:
    """The fields of a byline line — 「（通讯员 王晓峰）」「来源：市卫健委」「（通讯员 周颖 来源：市卫健委医政医管处）」 —
    as printed label → value; {} when the line is anything else (a sentence that opens with 记者 has
    its commas and full stop). Each label opens the line or follows a space."""
    s = line.strip()
    bracketed = bool(NOTE_RE.match(s))
    inner = s[1:-1].strip() if bracketed else s
    if not inner or len(s) > BYLINE_MAX or any(p in inner for p in "。！？!?"):
        return {}
    if not bracketed and any(p in inner for p in "，,；;"):
        return {}
    labels = sorted(
        {*words("byline_writer"), *words("byline_source"), *words("byline_photo")}, key=len, reverse=True
    )
    pat = "|".join(re.escape(w) for w in labels)
    marks = list(re.finditer(rf"(?:^|(?<=[\s　]))({pat})\s*[:：]?\s*", inner))
    if not marks or marks[0].start() != 0:
        return {}
    out: dict[str, str] = {}
    for k, m in enumerate(marks):
        end = marks[k + 1].start() if k + 1 < len(marks) else len(inner)
        value = inner[m.end() : end].strip(" 　:：")
        if not value or (not bracketed and m.group(0) == m.group(1)):
            return {}  # 「来源于…」「记者从…获悉」: a label run into its text is a sentence
        out[m.group(1)] = value
    return out


def speaker_of(line: str) -> str:
    """「市卫生健康委副主任  孙海明」 — a title and a name set apart by spaces, nothing else — as
    「市卫生健康委副主任 孙海明」; "" for any other line."""
    s = line.strip()
    parts = [x for x in re.split(r"[ \u3000]{2,}|\u3000", s) if x]
    if len(parts) != 2 or len(s) > BYLINE_MAX or any(p in s for p in "。，,；;：:！？!?（）()"):
        return ""
    title, name = parts
    if not (2 <= len(name) <= 4 and all("\u4e00" <= ch <= "\u9fff" for ch in name)):
        return ""
    return f"{title} {name}" if any(title.endswith(r) for r in words("role")) else ""


def _under(top: Line, line: Line) -> bool:
    """A line of names under a header is its second level only where the first leaves room for one — a blank
    cell over several (「高血压患者\t\t糖尿病患者」), a blank first cell below, or (spaces) a different count;
    under 「日期 时段 内容 授课单位」 a row of words (3月23日 上午 开班式 …) is data."""
    if top.tab and line.tab:
        return (
            any(not c.strip() for c in top.cells[:-1])
            or not line.cells[0].strip()
            or len(line.cells) > len(top.cells)
        )
    return len(top.cells) != len(line.cells)


def _announces(cur: Section | None) -> bool:
    """The article's text so far ends announcing what follows (「有关事项通知如下：」「具体安排如下：」): the
    numbered headlines under it (一、申报范围 …) are its parts and keep its headline."""
    if cur is None or cur.kind != "article" or not cur.paragraphs:
        return False
    last = cur.paragraphs[-1].text.rstrip()
    if last.endswith(("：", ":")):
        return True
    # 「下面，我讲三点意见。」 closing a speech's opening: its points 一、二、三、 follow
    said = re.split(r"(?<=[。！？])(?=.)", last)[-1]
    return any(
        re.search(rf"[一二两三四五六七八九十\d]{{1,2}}{re.escape(w)}", said) for w in words("announced_parts")
    )


def _more_columns(prev: Table, part: Table | None) -> bool:
    """「指标 雨花台区 江宁区 … 全市」 under 「指标 玄武区 … 栖霞区」: a block with the same rows (接入机构数,
    审核处方数 …) under other column headers is the same table printed in two pieces side by side; its columns
    are added to the rows of the first (merged in `prev`). False, and nothing changed, otherwise."""
    if part is None or part.label_header != prev.label_header or not part.columns:
        return False
    if [r.label for r in part.rows] != [r.label for r in prev.rows] or (part.total is None) != (
        prev.total is None
    ):
        return False
    if {c.name for c in part.columns} & {c.name for c in prev.columns}:
        return False
    prev.columns.extend(part.columns)
    for old, new in zip(prev.rows, part.rows, strict=True):
        old.values.extend(new.values)
    if prev.total is not None and part.total is not None:
        prev.total.values.extend(part.total.values)
    return True


class TextParser:
    def __init__(self, text: str, file: str):
        self.file = file
        self.lines = [ln.rstrip(" \r\u3000") for ln in text.split("\n")]  # a trailing tab is a blank cell
        self.warnings: list[str] = []
        self._body = 0  # the body's first line (1-based), once the masthead is read

    def warn(self, line: int, msg: str) -> None:
        self.warnings.append(f"{self.file}:{line}: {msg}")

    # -- metadata -------------------------------------------------------------------------------
    def header(self) -> tuple[dict, int]:
        """Title, issue, running number, publisher and publication date from the masthead, in any of its
        shapes: 「2012年第3期（总第45期）」「第3期 总第45期」 or 「(总第45期)」 on a line of its own,
        「南京市卫生信息中心 编印」 and the date on separate lines or 「南京市卫生信息中心编 2012年3月20日」 on one,
        a title with or without 简报. A year missing from the issue line is the publication date's."""
        meta: dict = {"title": "", "publisher": "", "published": "", "running": None, "year": None}
        lines = [(i, raw.strip()) for i, raw in enumerate(self.lines[:60]) if raw.strip()]
        at = next((k for k, (_, s) in enumerate(lines) if len(s) <= 40 and issue_of(s)[1]), None)
        if at is None:
            raise ParseError(
                "no recognisable issue header (expected a line such as '2025年第7期（总第161期）' "
                "near the top)",
                self.file,
                1,
            )
        meta["year"], meta["number"], meta["running"] = issue_of(lines[at][1])
        meta["edition"] = self._edition([s for _, s in lines[max(0, at - 3) : at + 3]])
        end = at
        for k in range(max(0, at - 3), min(len(lines), at + 6)):
            i, s = lines[k]
            if k == at or len(s) > 40:
                continue
            _, number, running = issue_of(s)
            when = DATE_RE.search(s)
            rest = (s[: when.start()] + s[when.end() :]).strip() if when else s
            if running and not number and meta["running"] is None:
                meta["running"] = running
            elif when and when.group(1) and (when.group(4) or not rest or self._publisher(rest)):
                # a day (2012年3月20日), or a month alone on the line (2012年3月): the publication date
                y, mo = int(when.group(1)), int(when.group(2))
                day = f"-{int(when.group(4)):02d}" if when.group(4) else ""
                meta["published"] = f"{y:04d}-{mo:02d}{day}"
                meta["publisher"] = self._publisher(rest) or meta["publisher"]
            elif self._publisher(s):
                meta["publisher"] = self._publisher(s)
            elif k < at:
                meta["title"] = meta["title"] or s
                continue
            else:
                continue
            end = max(end, k)
            if meta["published"] and k > at:
                break
        if meta["year"] is None:
            if not meta["published"]:
                raise ParseError(
                    "the issue line has no year and no publication date follows it", self.file, 1
                )
            meta["year"] = int(meta["published"][:4])
        if not meta["published"]:
            self.warn(
                lines[at][0] + 1, "no publication date line (such as '2025年7月28日') after the issue line"
            )
        return meta, lines[end][0] + 1

    @staticmethod
    def _edition(masthead: list[str]) -> str:
        """The kind of issue a masthead prints beside its number (「(第4期 专刊)」, or 「增刊」 on a line
        of its own), so that 「2010年专刊」 finds it; a headline ending so (「…会议专刊」) is no masthead."""
        for s in masthead:
            bare = ISSUE_RE.sub("", s).strip(" ()（）　")
            hit = next((w for w in words("edition") if w in s), "")
            if hit and (issue_of(s)[1] or issue_of(s)[2] or bare == hit):
                return hit
        return ""

    @staticmethod
    def _publisher(s: str) -> str:
        """「南京市卫生信息中心 编印」「南京市卫生信息中心编」 → 南京市卫生信息中心; "" when s is not such a line."""
        s = s.strip()
        mark = next((w for w in words("publisher_mark") if s.endswith(w)), "")
        if mark and len(s) > len(mark):
            return s[: -len(mark)].strip()
        # 「主办：南京市卫生信息中心」: the mark before the name
        lead = next(
            (w for w in words("publisher_mark") if s.startswith(w) and s[len(w) :].lstrip()[:1] in ":："), ""
        )
        return s[len(lead) :].lstrip().lstrip(":：").strip() if lead else ""

    # -- body -----------------------------------------------------------------------------------
    def parse(self) -> Bulletin:
        meta, start = self.header()
        self._body = (self._next_nonblank(start) or 0) + 1  # the body's first line (1-based)
        sections: list[Section] = []
        tables: list[Table] = []
        builder = TableBuilder(self.file, self.warn)
        contact: dict[str, str] = {}
        mode = "article"
        cur: Section | None = None
        pending_caption: tuple[int, str] | None = None  # (line, text) of a headline not yet used
        parent = ""  # the headline an article's parts (（一）…（四）) are printed under
        inline_column = ""  # the column (【区县动态】) whose items print headline and text on one line
        last_table: Table | None = None
        last_table_end = -1
        i = start
        n = len(self.lines)

        def new_section(title, kind, line):
            nonlocal cur
            cur = Section(title, kind, [], line)
            sections.append(cur)

        while i < n:
            s = self.lines[i].strip()
            lineno = i + 1
            if not s or PAGE_RE.match(s):
                i += 1
                continue
            cells = split_line(self.lines[i])
            if cells is not None and mode != "contact":
                caption = pending_caption or self._lead_in(cur, last_table_end, i)
                i, last_table, last_table_end, pending_caption = self._table(
                    i, builder, tables, caption, last_table, last_table_end, meta
                )
                continue
            if norm(s) in STATS_MARK:
                mode = "stats"
                pending_caption = None
                cur = None
                i += 1
                continue
            if norm(s) in {norm(x) for x in BRIEF_MARK}:
                mode = "brief"
                new_section(s, "brief", lineno)
                pending_caption = None
                i += 1
                continue
            listed = self._listing(i)
            if listed is not None:
                # 本期导读 and its entries, 下期预告 and its items: what the issue lists or announces
                kind, title, items, i = listed
                sections.append(Section(title, kind, items, lineno))
                cur, pending_caption = None, None
                continue
            if (
                mode == "article"
                and cur is not None
                and cur.kind == "article"
                and cur.paragraphs
                and labelled_contact(s)
                and self._article_follows(i)
            ):
                # 「联系人：…韩磊」「联系电话：…」 closing a notice with more articles after it: the notice's own
                # text (whom to ask about it), not the issue's contact block
                cur.paragraphs.append(Paragraph(s, lineno))
                i += 1
                continue
            if mode != "contact" and (
                CONTACT_RE.match(s)
                or (PRINT_RE.search(s) and len(s) <= 30)
                or (meta["publisher"] and s == meta["publisher"] and mode in ("brief", "stats"))
            ):
                mode = "contact"
                new_section(meta["publisher"] or "联系方式", "contact", lineno)
            if (
                (NOTE_RE.match(s) or (pending_caption and unit_said(norm(s))[0]))
                and mode != "contact"
                and self._note_of_table(i, pending_caption, last_table_end)
            ):
                # Before a table (after its caption) the table builder collects it — a bracketed note, or
                # 「单位：万次」 printed bare —; right after one, it is that table's note.
                if not pending_caption:
                    last_table.notes.append(s)
                i += 1
                continue
            if mode != "contact" and cur is not None and cur.kind == "article" and not cur.paragraphs:
                speaker = speaker_of(s)
                if speaker:
                    # 「市卫生健康委副主任  孙海明」 under 「在…会议上的讲话」: who speaks, part of what the
                    # speech is (「孙海明讲话里说…」), never a headline of its own
                    cur.title = f"{cur.title}｜{speaker}"
                    i += 1
                    continue
                if NOTE_RE.match(s) and DATE_RE.fullmatch(s[1:-1].strip()):
                    cur.byline["日期"] = s[1:-1].strip()  # 「（2028年4月10日）」 under a speech: when given
                    cur.byline_line = cur.byline_line or lineno
                    i += 1
                    continue
            if mode != "contact" and cur is not None and cur.kind == "article":
                fields = byline_of(s)
                if fields:
                    # 「（通讯员 王晓峰）」 under an article: who wrote it, not its text nor the next headline
                    cur.byline.update(fields)
                    cur.byline_line = cur.byline_line or lineno
                    i += 1
                    continue
                if NOTE_RE.match(s) and after_caption(s):
                    # 「（图为会议现场）」: the photo's caption is text of the article it stands in
                    cur.paragraphs.append(Paragraph(s, lineno))
                    i += 1
                    continue
            if mode == "contact":
                m = CONTACT_RE.match(s)
                fields = contact_fields(s) if m else []
                for label, value in fields:
                    key = CONTACT_KEYS.get(label.lower(), CONTACT_KEYS.get(label, label))
                    contact[key] = value
                if PRINT_RE.search(
                    s
                ):  # 「责任编辑:刘晓东 本期印数:150份」: the print run beside another field
                    contact["print_run"] = PRINT_RE.search(s).group(1)
                elif not fields and s == meta["publisher"]:
                    contact["organisation"] = s
                cur.paragraphs.append(Paragraph(s, lineno))
                i += 1
                continue
            text, i = self._joined(i)
            if mode != "brief" and after_label(text, "qa_question") is not None:
                j = self._next_nonblank(i)
                if j is not None and after_label(self.lines[j].strip(), "qa_answer") is not None:
                    # 「问：办卡要不要交钱？」 and 「答：…」 under it: one paragraph, the question being the
                    # context of its answer (a question line is no headline)
                    answer, i = self._joined(j)
                    if cur is None:
                        new_section(pending_caption[1] if pending_caption else "", "front", lineno)
                    cur.paragraphs.append(Paragraph(text + answer, lineno, asked=text))
                    pending_caption = None
                    continue
            if mode == "brief":
                if BULLET_RE.match(text) or not cur.paragraphs:
                    cur.paragraphs.append(Paragraph(BULLET_RE.sub("", text, count=1).strip(), lineno))
                else:
                    cur.paragraphs[-1].text += text
                continue
            inline = INLINE_HEAD.match(text) if mode == "article" and cur is not None else None
            if inline and "。" in inline.group(2) and cur.kind == "article":
                # 「江宁县人民医院HIS正式运行  5月8日,…。」 under 【区县动态】: a headline and its article on one
                # line, as older issues print short items; each is an article of the column above it
                if not cur.paragraphs:
                    inline_column = cur.title
                if inline_column and not cur.paragraphs:
                    cur.title, cur.line = f"{inline_column}｜{inline.group(1)}", lineno
                else:
                    new_section(
                        f"{inline_column}｜{inline.group(1)}" if inline_column else inline.group(1),
                        "article",
                        lineno,
                    )
                cur.paragraphs.append(Paragraph(inline.group(2), lineno))
                continue
            nxt = self._next_nonblank(i)
            if is_headline(text) and nxt is not None:
                inline_column = ""
                # A headline: starts an article (or a statistics caption, kept for a table below it).
                pending_caption = (lineno, text)
                if mode == "stats":
                    under = self.lines[nxt].strip()
                    if split_line(self.lines[nxt]) is None and not (
                        NOTE_RE.match(under) or unit_said(norm(under))[0]
                    ):
                        new_section(text, "stats", lineno)
                        pending_caption = None
                elif (
                    cur is not None
                    and cur.kind == "article"
                    and (cur.paragraphs or parent)
                    and split_line(self.lines[nxt]) is not None
                ):
                    # 「…培训班日程安排」 right above a table inside a notice: the table's caption; the
                    # notice goes on under its own headline (its parts 四、五、… after the table too)
                    pass
                elif PART_RE.match(text) and (
                    parent
                    or self._headline_only(cur)
                    or _announces(cur)
                    # 「第一，这次演练打出了什么」 in a speech: its points, never articles of their own
                    or (text.lstrip().startswith("第") and cur is not None and cur.kind == "article")
                ):
                    # 「（一）工作背景」 under 「全市…工作进展」 (no text between): a part of that article,
                    # which keeps its headline — alone, the headline would be lost with its column (专题)
                    parent = parent or cur.title
                    if cur.paragraphs:
                        new_section(f"{parent}｜{text}", "article", lineno)
                    else:
                        cur.title, cur.line = f"{parent}｜{text}", lineno
                elif self._column_of(cur, lineno) and (
                    not is_headline(self.lines[nxt].strip()) or PART_RE.match(self.lines[nxt])
                ):
                    # 「基层经验」 right above 「栖霞区：…」: a column's name, carried by the article under it
                    cur.title, cur.line = f"{cur.title}｜{text}", lineno
                else:
                    new_section(text, "article", lineno)
                    parent = ""
                continue
            if (
                self._column_of(cur, lineno)
                and len(text) <= LEAD_IN
                and text[-1] in "：:"
                and PART_RE.match(cur.title.split("｜")[-1])
            ):
                # 「会议研究决定并提出以下要求:」 right under 「四、会议要求」: it heads the items below it
                cur.title = f"{cur.title}｜{text}"
                continue
            if cur is None:
                new_section(
                    pending_caption[1] if pending_caption else "",
                    "stats" if mode == "stats" else "front",
                    pending_caption[0] if pending_caption else lineno,
                )
            cur.paragraphs.append(Paragraph(text, lineno))
            if mode != "stats":
                pending_caption = None
        return self._finish(meta, sections, tables, contact)

    def _listing(self, i: int) -> tuple[str, str, list[Paragraph], int] | None:
        """(kind, title, items, next line) of a contents list (本期导读) or a preview (下期预告) at line i,
        or None. Items follow the mark on its line (「本期要目：A／B／C」「下期预告：A；B；C。」) or stand one
        a line under it: a contents entry is a headline (its leaders and page number dropped) followed by
        another headline, up to the first article's headline that repeats the first entry."""
        s = self.lines[i].strip()
        for kind, mark_kind in (("contents", "contents_mark"), ("preview", "preview_mark")):
            mark = next((w for w in words(mark_kind) if norm(s).startswith(w)), "")
            if not mark:
                continue
            rest = norm(s)[len(mark) :]
            if rest and rest[0] in ":：":
                items = [x.strip(" 。") for x in ITEM_SEP.split(s.split("：" if "：" in s else ":", 1)[1])]
                paras = [Paragraph(x, i + 1) for x in items if x]
                return (kind, mark, paras, i + 1) if paras else None
            if rest:
                continue  # 「导读员…」: a word that only begins so
            paras, j = [], i + 1
            while True:
                k = self._next_nonblank(j)
                if k is None:
                    break
                line = self.lines[k].strip()
                entry = contents_entry(line)
                nxt = self._next_nonblank(k + 1)
                followed = nxt is not None and is_headline(contents_entry(self.lines[nxt].strip()))
                if (
                    not is_headline(entry)
                    or split_line(self.lines[k]) is not None
                    or (paras and entry == paras[0].text)
                    or not (entry != line or followed or kind == "preview")
                ):
                    break
                paras.append(Paragraph(entry, k + 1))
                j = k + 1
            return (kind, mark, paras, j) if paras else None
        return None

    def _article_follows(self, i: int) -> bool:
        """After the labelled lines from line i (联系人：…, 电话：…, …值班电话：…) comes another article: a headline
        and a sentence of prose under it — so those lines close an article, the issue goes on."""
        j = i
        while j < len(self.lines) and (
            not self.lines[j].strip() or "：" in self.lines[j] or ":" in self.lines[j]
        ):
            if self.lines[j].strip() and len(self.lines[j].strip()) > 60:
                return False  # a paragraph with a colon: not a labelled line
            j += 1
        if j >= len(self.lines) or not is_headline(self.lines[j]):
            return False
        k = self._next_nonblank(j + 1)
        while (
            k is not None
            and CONTACT_RE.match(self.lines[k].strip()) is None
            and (
                is_headline(self.lines[k])
                or (self.lines[k].strip().endswith(("：", ":")) and "。" not in self.lines[k])
            )
        ):
            k = self._next_nonblank(k + 1)  # (a salutation or a part's headline first)
        return k is not None and "。" in self.lines[k] and len(self.lines[k].strip()) >= 12

    @staticmethod
    def _headline_only(cur: Section | None) -> bool:
        """The section so far is an article's headline with no text under it yet."""
        return cur is not None and cur.kind == "article" and not cur.paragraphs

    def _column_of(self, cur: Section | None, lineno: int) -> bool:
        """The section so far is only a headline printed right above this one (blank lines between):
        the name of a column (基层经验, 他山之石) the article under it belongs to. Prose precedes it: a
        line of a contents list (「本期要目」 and the headlines under it) is none."""
        if cur is None or cur.kind != "article" or cur.paragraphs:
            return False
        before = [s.strip() for s in self.lines[: cur.line - 1] if s.strip()]
        return (
            bool(before)
            and (not is_headline(before[-1]) or cur.line == self._body)  # (under the masthead)
            and all(not self.lines[j].strip() for j in range(cur.line, lineno - 1))
        )

    def _note_of_table(self, i: int, caption, last_table_end: int) -> bool:
        """A bracketed line belongs to a table when a table follows it (after a caption) or when it
        follows a table with only blank lines or other notes in between."""
        if caption:
            j = i + 1
            while j < len(self.lines) and (not self.lines[j].strip() or NOTE_RE.match(self.lines[j].strip())):
                j += 1
            return j < len(self.lines) and split_line(self.lines[j]) is not None
        if last_table_end < 0:
            return False
        between = self.lines[last_table_end:i]
        return all(not ln.strip() or NOTE_RE.match(ln.strip()) for ln in between)

    def _next_nonblank(self, i: int) -> int | None:
        while i < len(self.lines):
            if self.lines[i].strip() and not PAGE_RE.match(self.lines[i].strip()):
                return i
            i += 1
        return None

    def _joined(self, i: int) -> tuple[str, int]:
        """One paragraph starting at line i, with lines broken by a page break joined back."""
        text = self.lines[i].strip()
        i += 1
        while is_broken(text):
            j = self._next_nonblank(i)
            if j is None:
                break
            nxt = self.lines[j].strip()
            if (
                split_line(self.lines[j]) is not None
                or NOTE_RE.match(nxt)
                or norm(nxt) in STATS_MARK
                or norm(nxt) in BRIEF_MARK
                or BULLET_RE.match(nxt)
                or CONTACT_RE.match(nxt)
                or PRINT_RE.search(nxt)
            ):
                break
            text += nxt
            i = j + 1
        return text, i

    def _lead_in(self, cur: Section | None, last_table_end: int, i: int) -> tuple[int, str] | None:
        """A table printed inside an article with no caption of its own (「咨询量居前五位的医院如下：」 and the
        rows) is named by the article's headline and the sentence that announces it, so its words
        (公益问诊平台, 咨询量) reach it; None where the lines before it are another table's."""
        if (
            cur is None
            or cur.kind != "article"
            or not cur.paragraphs
            or last_table_end >= cur.paragraphs[-1].line
        ):
            return None
        last = cur.paragraphs[-1]
        said = re.split(r"(?<=[。！？；])", last.text.strip())
        lead = said[-1].strip() if said else ""
        if not lead.endswith(("：", ":")):
            return (last.line, cur.title)
        lead = lead.rstrip("：:")
        lead = re.sub("(?:如下|见下表|如下表)$", "", lead).rstrip("，, ")
        return (last.line, f"{cur.title}｜{lead}" if lead else cur.title)

    def _table(self, i, builder, tables, caption, last_table, last_end, meta):
        """Read the block of table lines at i; merge it into the previous table if it continues it."""
        block: list[Line] = []
        while i < len(self.lines):
            raw = self.lines[i]
            if not raw.strip():
                break
            ln = split_line(raw)
            if ln is None:
                break
            ln.no = i + 1
            block.append(ln)
            i += 1
        heads: list[Line] = []
        while (
            block
            and len(heads) < 2
            and is_header_line(block[0])
            and (not heads or _under(heads[0], block[0]))
        ):
            heads.append(block.pop(0))
        notes_before: list[str] = []
        title = caption[1] if caption else ""
        if caption and len(self.lines) > 0:
            # Bracketed notes between the caption and the table belong to the table.
            for k in range(caption[0], heads[0].no - 1 if heads else block[0].no - 1):
                t = self.lines[k].strip()
                if NOTE_RE.match(t) or unit_said(norm(t))[0]:
                    notes_before.append(t)
        continuing = last_table is not None and caption is None
        if heads and continuing:
            # the same header names (which leading column names the rows is decided on the whole table)
            prev_names = sorted([c.name for c in last_table.columns] + [last_table.label_header])
            hdr = builder.build("", heads, block[:1], [])
            if hdr is None or sorted([c.name for c in hdr.columns] + [hdr.label_header]) != prev_names:
                continuing = False
                beside = builder.build(last_table.title, heads, block, [])
                if _more_columns(last_table, beside):
                    return i, last_table, i, None
        if not heads and not continuing:
            self.warn(block[0].no if block else i, "table rows without a header or caption; skipped")
            return i, last_table, last_end, None
        if continuing:
            part = (
                builder.build(last_table.title, heads, block, [], last_table.label_header) if heads else None
            )
            if part is None:
                part = self._rows_only(builder, last_table, block)
            if part is not None:
                last_table.rows.extend(part.rows)
                last_table.total = part.total or last_table.total
            return i, last_table, i, None
        table = builder.build(title, heads, block, notes_before)
        if table is None:
            return i, last_table, last_end, None
        if not title:
            self.warn(table.line, "table without a caption line above it")
        tables.append(table)
        return i, table, i, None

    def _rows_only(self, builder, prev: Table, block: list[Line]):
        """A continuation without a repeated header: rows shaped like the previous table's."""
        width = len(prev.columns) + 1 + (1 if any(r.seq is not None for r in prev.rows) else 0)
        names = (
            (["序号"] if width == len(prev.columns) + 2 else [])
            + [prev.label_header]
            + [c.name for c in prev.columns]
        )
        fake = Line(block[0].no, names, True)
        return builder.build(prev.title, [fake], block, [])

    def _finish(self, meta, sections, tables, contact) -> Bulletin:
        beside: list[Table] = []  # another month's figures printed beside a statement's (「较7月份的…」)
        for s in sections:
            if s.kind == "contact":
                continue
            for p in s.paragraphs:
                for got in paragraph_statements(p.text, p.line, meta["year"], meta["published"]):
                    tables.extend(got[:1])
                    beside.extend(got[1:])
        months = Counter()
        for t in tables:
            m = DATE_RE.search(t.title)
            r = RANGE_TITLE.search(t.title)
            if r and t.source == "table" and not (m and m.group(1)):
                # 「2029 年 1—5 月…累计情况」: figures to the range's last month
                t.data_month = f"{int(r.group(1)):04d}-{int(r.group(2)):02d}"
            elif m and m.group(1) and t.source == "table":
                t.data_month = f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"
            elif (q := PERIOD_TITLE.search(t.title)) and t.source == "table":
                last = (
                    3 * "一二三四1234".index(q.group(2)) % 12 + 3
                    if q.group(2)
                    else (6 if q.group(3) == "上" else 12)
                )
                t.data_month = f"{int(q.group(1)):04d}-{last:02d}"
            if t.data_month:
                months[t.data_month] += 1
        for s in sections:
            if s.kind == "stats":
                m = DATE_RE.search(s.title)
                if m and m.group(1):
                    months[f"{int(m.group(1)):04d}-{int(m.group(2)):02d}"] += 1
        # An issue without statistics (news only) has no data month: it is found by its number, running
        # number and publication date, never by a month guessed from when it was published.
        # A paragraph's month long before publication is history (「一期工程于2009年10月启动」 in 2011), not
        # the month reported; among the rest the most printed, the later on a tie.
        pub = meta["published"][:7]
        recent = {
            m: n
            for m, n in months.items()
            if not pub
            or months_between(m, pub) <= 12
            or any(t.data_month == m and t.source == "table" for t in tables)
        }
        data_month = max(recent, key=lambda m: (recent[m], m)) if recent else ""
        tables.extend(beside)  # their month is not the issue's
        for t in tables:
            t.data_month = t.data_month or data_month
            if t.source == "paragraph":
                continue
            mark_periods(t, int((t.data_month or data_month or f"{meta['year']}")[:4]))
            transpose_indicators(t)
            t.entity_kind = classify(t)
            note_units(t)
            paired_cells(t)
            for line, msg in check_totals(t):
                self.warn(line, "sum mismatch: " + msg)
            unpivot_months(t, int((t.data_month or data_month or f"{meta['year']}")[:4]))
            if not t.rows:
                self.warn(t.line, f"table {t.title!r} has no data rows")
        return Bulletin(
            file=self.file,
            title=meta["title"],
            year=meta["year"],
            number=meta["number"],
            running=meta["running"],
            publisher=meta["publisher"],
            published=meta["published"],
            data_month=data_month,
            sections=[s for s in sections if s.paragraphs or s.kind == "brief"],
            tables=tables,
            contact=contact,
            warnings=self.warnings,
            edition=meta.get("edition", ""),
        )


def parse_text_file(path: Path) -> Bulletin:
    data = path.read_bytes()
    file = str(path)
    b = TextParser(decode(data, file), path.name).parse()
    b.file = path.name
    b.sha256 = hashlib.sha256(data).hexdigest()
    return b
