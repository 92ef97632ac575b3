"""Typed data that flows between the stages: parse → store/index → retrieve → answer.

Plain dataclasses so that every stage (and a person reading `qa parse --json`) sees the same shapes.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

# "absent": a cell the layout has no figure for (a month a unpivoted table printed no column of); never
# stored — unlike "missing", a printed 「/」 or blank
CellKind = Literal["int", "dec", "ratio", "level", "missing", "text", "absent"]
EntityKind = Literal["hospital", "district", "channel", "period", "other"]


@dataclass(frozen=True)
class Value:
    """One table cell: the text as printed plus its typed reading.

    `num` is the number (the numerator for a ratio such as 12/12), `den` the denominator of a ratio.
    Missing cells (`/`, empty) have kind "missing" and no number: missing is not zero.
    """

    raw: str
    kind: CellKind
    num: float | None = None
    den: int | None = None


@dataclass
class Column:
    name: str  # flattened, e.g. 门急诊人次, 住院收入
    unit: str = ""  # from the header, e.g. 千元
    header: str = ""  # the header text as printed (both levels joined with /)
    role: str = ""  # "total" for a column that sums the others (小计, 合计, a paragraph's 「共…」 figure)


@dataclass
class Row:
    label: str  # entity name as printed, or 合计
    values: list[Value]
    line: int
    is_total: bool = False
    seq: int | None = None  # the printed 序号, kept for provenance only
    month: str = ""  # YYYY-MM of a period row (a row 「3月」 of a month-series table)
    subtotal: bool = False  # 「三级医院小计」: a group's sum, looked up by name, never ranked or summed
    group: str = ""  # the label of the subtotal row this row is summed into (「二级医院里最高的」)
    part_of: str = ""  # 「其中：省属医院」: a part of the row above it (named, never ranked or summed)


@dataclass
class Table:
    title: str
    columns: list[Column]
    rows: list[Row]
    line: int  # line of the (first) header
    label_header: str = "单位"  # header of the entity column (单位, 接入单位, 名称)
    notes: list[str] = field(default_factory=list)
    entity_kind: EntityKind = "other"
    data_month: str = ""  # YYYY-MM the figures describe
    total: Row | None = None  # the 合计 row (or the 合计 written inside a cell)
    row_kind: Literal["entity", "period"] = "entity"  # rows are things, or months of a series
    source: Literal["table", "paragraph"] = "table"  # a printed table, or figures read from a paragraph

    def column(self, name: str) -> int:
        """Index of a column by flattened name (KeyError quotes the name)."""
        for i, c in enumerate(self.columns):
            if c.name == name:
                return i
        raise KeyError(f"no column {name!r} in table {self.title!r}")


@dataclass
class Paragraph:
    text: str
    line: int
    # the question an interview's answer replies to (「记者：二期平台主要有哪些变化？」), printed at the
    # paragraph's start: every part of a long answer is read with it
    asked: str = ""


@dataclass
class Section:
    """An article (headline + paragraphs), the statistics part, the 简讯 items, the contact block, the
    contents list (本期导读: its entries) or the next issue's preview (下期预告: its items). Contents and
    preview are what an issue lists or announces, not what it reports: they are answered as such, never
    quoted as news."""

    title: str
    kind: Literal["front", "article", "stats", "brief", "contact", "contents", "preview"]
    paragraphs: list[Paragraph]
    line: int
    # an article's byline as printed label → value (「（通讯员 王晓峰 来源：市卫健委）」 → 通讯员: 王晓峰,
    # 来源: 市卫健委): who wrote it and where it came from, never part of its text or its headline
    byline: dict[str, str] = field(default_factory=dict)
    byline_line: int = 0


@dataclass
class Bulletin:
    file: str
    title: str  # 南京卫生信息化简报
    year: int
    number: int  # 第7期
    running: int | None  # 总第161期
    publisher: str
    published: str  # YYYY-MM-DD
    data_month: str  # YYYY-MM of the statistics
    sections: list[Section]
    tables: list[Table]
    contact: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)
    sha256: str = ""
    edition: str = ""  # a kind of issue its masthead prints (专刊, 增刊); "" for a regular one

    @property
    def issue(self) -> str:
        """Human label of the issue, e.g. 2025年第7期."""
        return f"{self.year}年第{self.number}期"

    def to_dict(self) -> dict[str, Any]:
        d = asdict(self)
        d["issue"] = self.issue
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Bulletin:
        """Inverse of to_dict (used to keep the last good version of a file that now fails)."""
        d = {k: v for k, v in d.items() if k != "issue"}

        def row(r):
            return Row(**{**r, "values": [Value(**v) for v in r["values"]]})

        d["sections"] = [
            Section(
                s["title"],
                s["kind"],
                [Paragraph(**p) for p in s["paragraphs"]],
                s["line"],
                s.get("byline", {}),
                s.get("byline_line", 0),
            )
            for s in d["sections"]
        ]
        d["tables"] = [
            Table(
                **{
                    **t,
                    "columns": [Column(**c) for c in t["columns"]],
                    "rows": [row(r) for r in t["rows"]],
                    "total": row(t["total"]) if t["total"] else None,
                }
            )
            for t in d["tables"]
        ]
        return cls(**d)


@dataclass
class Chunk:
    """A unit of retrieval: a sentence/paragraph of text or one table row rendered as a sentence."""

    id: str
    text: str
    issue: str
    data_month: str
    section: str
    kind: Literal["text", "table"]
    line: int
    file: str = ""


@dataclass
class Hit:
    chunk: Chunk
    score: float  # fused reciprocal-rank score
    dense: float | None = None  # cosine similarity, when the dense retriever found it
    bm25: float | None = None


@dataclass
class Source:
    issue: str
    title: str  # table title or article headline
    kind: Literal["table", "text"]
    text: str  # the quoted row or sentence
    line: int
    file: str = ""


@dataclass
class Answer:
    question: str
    text: str
    found: bool
    route: Literal["table", "text", "none"]
    sources: list[Source] = field(default_factory=list)
    # Structured result of a table answer (header + rows), for rendering as a small table.
    table: list[list[str]] | None = None
    context: dict[str, Any] = field(default_factory=dict)  # what a follow-up may reuse
    # A month series or a comparison as numbers: {"kind": "line"|"bar", "title", "unit", "x": [...],
    # "series": [{"name", "values": [number or None for a gap]}]} — for charts drawn anywhere.
    chart: dict[str, Any] | None = None
    # The printed rows the answer used, per table: [{"issue", "table", "columns", "rows"}] (downloads).
    data: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "question": self.question,
            "answer": self.text,
            "found": self.found,
            "route": self.route,
            "sources": [
                {"issue": s.issue, "title": s.title, "kind": s.kind, "text": s.text, "line": s.line}
                for s in self.sources
            ],
            "chart": self.chart,
        }


@dataclass(frozen=True)
class Fact:
    """One typed cell as the store returns it, with everything needed to cite it."""

    entity_key: str
    entity: str  # display name
    label: str  # the row label as printed
    column: str
    unit: str
    raw: str
    kind: CellKind
    num: float | None
    den: int | None
    is_total: bool
    table: str  # table title
    entity_kind: str
    issue: str
    data_month: str
    line: int
    file: str
    row_id: int = 0
    table_key: str = ""  # the table's identity across issues (title without dates)
    row_kind: str = "entity"  # entity or period
    role: str = ""  # "total" for a column that sums others
    dim: str = ""  # money, count:人次, percent, duration, ratio, text
    factor: float = 1.0  # printed unit → the dimension's base unit
    counter: str = ""  # what answers print after the figure
    group: str = ""  # upper header of a two-level header
    leaf: str = ""  # lower header
    ckind: str = "value"  # value, cumulative, rate, ratio, level


def months_between(a: str, b: str) -> int:
    """Calendar months from a to b (YYYY-MM each): how far a month told of lies from an issue's."""
    return (int(b[:4]) - int(a[:4])) * 12 + int(b[5:7]) - int(a[5:7])
