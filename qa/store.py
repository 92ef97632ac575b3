"""The only module that opens SQLite: schema, writes, and parameterised queries.

SQL text here is fixed; every value from a question travels as a parameter, and column names are
data in the `columns` table, never identifiers built from user text.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from qa.errors import IndexMissing, IndexUnusable
from qa.lexicon import Catalogue, Entity, normalize
from qa.model import Bulletin, Chunk, Fact
from qa.parse.paragraphs import TOTAL_FIGURE
from qa.schema import (
    ColumnInfo,
    TableSchema,
    marked_parts,
    paragraph_key,
    parts_of,
    printed_order,
    rate_pairs,
    share_of,
    subject,
    table_infos,
    table_key,
)
from qa.scope import Bull, Calendar

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE bulletins (
  id INTEGER PRIMARY KEY, file TEXT NOT NULL, sha256 TEXT NOT NULL, title TEXT, year INTEGER,
  number INTEGER, running INTEGER, publisher TEXT, published TEXT, data_month TEXT, issue TEXT,
  contact TEXT, warnings TEXT, doc TEXT);
CREATE TABLE tables (
  id INTEGER PRIMARY KEY, bulletin_id INTEGER NOT NULL REFERENCES bulletins(id), seq INTEGER,
  title TEXT, entity_kind TEXT, data_month TEXT, line INTEGER, label_header TEXT, notes TEXT,
  key TEXT, row_kind TEXT, source TEXT);
CREATE TABLE columns (
  id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL REFERENCES tables(id), seq INTEGER,
  name TEXT NOT NULL, unit TEXT, header TEXT, role TEXT, dim TEXT, factor REAL, counter TEXT,
  grp TEXT, leaf TEXT, ckind TEXT);
CREATE TABLE entities (key TEXT PRIMARY KEY, name TEXT NOT NULL, kind TEXT NOT NULL);
CREATE TABLE aliases (alias TEXT PRIMARY KEY, entity_key TEXT NOT NULL REFERENCES entities(key),
  source TEXT);
CREATE TABLE rows (
  id INTEGER PRIMARY KEY, table_id INTEGER NOT NULL REFERENCES tables(id), seq INTEGER,
  label TEXT NOT NULL, entity_key TEXT, is_total INTEGER NOT NULL, line INTEGER, month TEXT, grp TEXT);
CREATE TABLE cells (
  row_id INTEGER NOT NULL REFERENCES rows(id), column_id INTEGER NOT NULL REFERENCES columns(id),
  raw TEXT, kind TEXT, num REAL, den INTEGER, PRIMARY KEY (row_id, column_id));
CREATE TABLE chunks (
  id TEXT PRIMARY KEY, text TEXT NOT NULL, issue TEXT, data_month TEXT, section TEXT, kind TEXT,
  line INTEGER, file TEXT, tokens TEXT);
CREATE INDEX cells_col ON cells(column_id);
CREATE INDEX rows_entity ON rows(entity_key);
CREATE VIEW facts AS
  SELECT e.key AS entity_key, e.name AS entity, r.label, c.name AS col, c.unit, ce.raw, ce.kind, ce.num,
         ce.den, r.is_total, t.title AS tbl, t.entity_kind, b.issue,
         CASE WHEN r.month != '' THEN r.month ELSE t.data_month END AS data_month, r.line, b.file,
         r.id AS row_id, t.key AS tkey, t.row_kind, c.role, c.dim, c.factor, c.counter, c.grp, c.leaf,
         c.ckind, b.published, c.seq AS col_seq, t.id AS table_id
  FROM cells ce JOIN rows r ON r.id = ce.row_id JOIN columns c ON c.id = ce.column_id
  JOIN tables t ON t.id = r.table_id JOIN bulletins b ON b.id = t.bulletin_id
  LEFT JOIN entities e ON e.key = r.entity_key;
"""

FACT_COLS = (
    "entity_key, entity, label, col, unit, raw, kind, num, den, is_total, tbl, entity_kind, issue, "
    "data_month, line, file, row_id, tkey, row_kind, role, dim, factor, counter, grp, leaf, ckind"
)


@dataclass(frozen=True)
class BulletinInfo:
    file: str
    sha256: str
    issue: str
    running: int | None
    published: str
    data_month: str
    title: str
    year: int = 0
    number: int = 0


class Store:
    """A SQLite database of parsed bulletins. Open read-only for queries, read-write to build."""

    def __init__(self, path: Path, create: bool = False):
        self.path = Path(path)
        if create:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            if self.path.exists():
                self.path.unlink()
            self.db = sqlite3.connect(self.path)
            self.db.executescript(SCHEMA)
        else:
            if not self.path.exists():
                raise IndexMissing(f"no index database at {str(self.path)!r}")
            # sqlite3.connect opens lazily: probe now, so an unreadable file is a clear IndexUnusable
            # here rather than a raw OperationalError at the first question.
            try:
                uri = self.path.resolve().as_uri() + "?mode=ro"
                self.db = sqlite3.connect(uri, uri=True, check_same_thread=False)
                self.db.execute("SELECT count(*) FROM meta").fetchone()
            except sqlite3.Error as e:
                raise IndexUnusable(
                    f"the index database {self.path.name} of {self.path.parent.name} cannot be read ({e}); "
                    "check the index folder's permissions, or rebuild it with `qa ingest --force`"
                ) from None
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    # -- writing --------------------------------------------------------------------------------
    def set_meta(self, key: str, value) -> None:
        self.db.execute(
            "INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value, ensure_ascii=False))
        )

    def add_bulletin(self, b: Bulletin, catalogue: Catalogue) -> None:
        cur = self.db.execute(
            "INSERT INTO bulletins (file, sha256, title, year, number, running, publisher, published, "
            "data_month, issue, contact, warnings, doc) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                b.file,
                b.sha256,
                b.title,
                b.year,
                b.number,
                b.running,
                b.publisher,
                b.published,
                b.data_month,
                b.issue,
                json.dumps(b.contact, ensure_ascii=False),
                json.dumps(b.warnings, ensure_ascii=False),
                json.dumps(b.to_dict(), ensure_ascii=False),
            ),
        )
        bid = cur.lastrowid
        for ti, t in enumerate(b.tables):
            tid = self.db.execute(
                "INSERT INTO tables (bulletin_id, seq, title, entity_kind, data_month, line, label_header, "
                "notes, key, row_kind, source) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                (
                    bid,
                    ti,
                    t.title,
                    t.entity_kind,
                    t.data_month,
                    t.line,
                    t.label_header,
                    json.dumps(t.notes, ensure_ascii=False),
                    table_key(t.title) if t.source != "paragraph" else paragraph_key(t),
                    t.row_kind,
                    t.source,
                ),
            ).lastrowid
            col_ids = [
                self.db.execute(
                    "INSERT INTO columns (table_id, seq, name, unit, header, role, dim, factor, counter, grp, "
                    "leaf, ckind) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
                    (
                        tid,
                        ci,
                        c.name,
                        c.unit,
                        c.header,
                        i.role,
                        i.dim,
                        i.factor,
                        i.counter,
                        i.group,
                        i.leaf,
                        i.kind,
                    ),
                ).lastrowid
                for ci, (c, i) in enumerate(zip(t.columns, table_infos(t), strict=True))
            ]
            for ri, r in enumerate(t.rows + ([t.total] if t.total else [])):
                entity = not r.is_total and t.row_kind == "entity"
                label = subject(r.label) if t.source == "paragraph" else r.label
                key = catalogue.add(label, t.entity_kind) if entity else None
                rid = self.db.execute(
                    "INSERT INTO rows (table_id, seq, label, entity_key, is_total, line, month, grp) "
                    "VALUES (?,?,?,?,?,?,?,?)",
                    (
                        tid,
                        ri,
                        r.label,
                        key,
                        2 if r.subtotal or r.part_of else int(r.is_total),
                        r.line,
                        r.month,
                        r.group,
                    ),
                ).lastrowid
                vals = r.values if len(r.values) == len(col_ids) else r.values[: len(col_ids)]
                self.db.executemany(
                    "INSERT INTO cells VALUES (?,?,?,?,?,?)",
                    [
                        (rid, col_ids[ci], v.raw, v.kind, v.num, v.den)
                        for ci, v in enumerate(vals)
                        if v.kind != "absent"
                    ],
                )

    def merge_paragraph_subjects(self) -> None:
        """「南京12320卫生热线来电量共计N通」 and 「南京12320卫生热线共受理来电N个」 are one subject: a subject
        that another one begins is that one, and the rest of it (来电量) names the 「共计」 figure."""
        keys = [k for (k,) in self.db.execute("SELECT DISTINCT key FROM tables WHERE source = 'paragraph'")]
        subjects = {k: k.split(":", 1)[1] for k in keys}

        def shortened(o: str, s: str) -> bool:
            # 「12320热线」 is 「12320卫生热线」 with a word left out between the same ends
            return len(s) > len(o) and any(
                s.startswith(o[:k]) and s.endswith(o[k:]) for k in range(2, len(o) - 1)
            )

        for key, s in subjects.items():
            base = max(
                (
                    o
                    for o in subjects.values()
                    if o != s and len(o) >= 4 and (s.startswith(o) or shortened(o, s))
                ),
                key=len,
                default="",
            )
            if not base:
                continue
            target = "段落:" + base
            entity = self.db.execute(
                "SELECT r.entity_key FROM rows r JOIN tables t ON t.id = r.table_id "
                "WHERE t.key = ? AND r.entity_key IS NOT NULL LIMIT 1",
                (target,),
            ).fetchone()
            ids = [i for (i,) in self.db.execute("SELECT id FROM tables WHERE key = ?", (key,))]
            marks = ",".join("?" * len(ids))
            self.db.execute(f"UPDATE tables SET key = ? WHERE id IN ({marks})", (target, *ids))
            if entity:
                self.db.execute(
                    f"UPDATE rows SET entity_key = ? WHERE table_id IN ({marks})", (entity[0], *ids)
                )
            rest = s[len(base) :] if s.startswith(base) else ""
            if not rest:
                continue
            self.db.execute(
                f"UPDATE columns SET name = ?, header = ?, leaf = ? WHERE name = ? AND table_id IN ({marks})",
                (rest, rest, rest, TOTAL_FIGURE, *ids),
            )
            # 「12320卫生热线人工坐席累计接听来电…」: what the rest of the subject says qualifies its total
            # as an upper header would (人工坐席 / 接听来电), so a question naming it finds that figure
            self.db.execute(
                f"UPDATE columns SET grp = ? WHERE role = 'total' AND name != ? AND COALESCE(grp, '') = '' "
                f"AND table_id IN ({marks})",
                (rest, rest, *ids),
            )

    def save_catalogue(self, cat: Catalogue) -> None:
        self.db.executemany(
            "INSERT INTO entities VALUES (?,?,?)", [(e.key, e.name, e.kind) for e in cat.entities.values()]
        )
        self.db.executemany(
            "INSERT INTO aliases VALUES (?,?,?)",
            [(a, k, cat.sources.get(a, "")) for a, k in cat.aliases.items()],
        )

    def save_chunks(self, chunks: Iterable[Chunk], tokens: dict[str, list[str]]) -> None:
        self.db.executemany(
            "INSERT OR REPLACE INTO chunks VALUES (?,?,?,?,?,?,?,?,?)",
            [
                (
                    c.id,
                    c.text,
                    c.issue,
                    c.data_month,
                    c.section,
                    c.kind,
                    c.line,
                    c.file,
                    json.dumps(tokens[c.id], ensure_ascii=False),
                )
                for c in chunks
            ],
        )

    def commit(self) -> None:
        self.db.commit()

    # -- reading --------------------------------------------------------------------------------
    def meta(self, key: str, default=None):
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else default

    def bulletins(self) -> list[BulletinInfo]:
        rows = self.db.execute(
            "SELECT file, sha256, issue, running, published, data_month, title, year, number FROM bulletins "
            "ORDER BY published, file"
        ).fetchall()
        return [BulletinInfo(*r) for r in rows]

    def bulletin_docs(self) -> dict[str, Bulletin]:
        """file name → the parsed bulletin as it was indexed."""
        return {
            f: Bulletin.from_dict(json.loads(d))
            for f, d in self.db.execute("SELECT file, doc FROM bulletins")
        }

    def schema(self) -> list[TableSchema]:
        """Every kind of table (by key) with its columns' meaning, months and row entities."""
        out: dict[str, TableSchema] = {}
        for key, title, row_kind, ekind, header, source, notes in self.db.execute(
            "SELECT t.key, t.title, t.row_kind, t.entity_kind, t.label_header, t.source, t.notes FROM tables t "
            "JOIN bulletins b ON b.id = t.bulletin_id ORDER BY b.published, t.data_month, t.id"
        ):
            ts = out.get(key)
            if ts is None:
                ts = out[key] = TableSchema(key, title, row_kind, ekind, header, source, {}, [], set(), False)
            ts.title, ts.row_kind, ts.entity_kind, ts.label_header = title, row_kind, ekind, header
            ts.notes += [n for n in json.loads(notes or "[]") if n not in ts.notes]
        for key, name, unit, role, dim, factor, counter, grp, leaf, ckind in self.db.execute(
            "SELECT t.key, c.name, c.unit, c.role, c.dim, c.factor, c.counter, c.grp, c.leaf, c.ckind "
            "FROM columns c JOIN tables t ON t.id = c.table_id ORDER BY t.id, c.seq"
        ):
            out[key].columns[name] = ColumnInfo(name, unit, role, dim, factor, counter, grp, leaf, ckind)
        for key, month, ent, total, label in self.db.execute(
            "SELECT DISTINCT t.key, CASE WHEN r.month != '' THEN r.month ELSE t.data_month END, r.entity_key, "
            "r.is_total, r.label FROM rows r JOIN tables t ON t.id = r.table_id"
        ):
            ts = out[key]
            if total == 1:
                ts.total_labels.add(normalize(label or "合计"))
            if total == 2 and ent:
                ts.groups.add(ent)
            if month and month not in ts.months:
                ts.months.append(month)
            if ent:
                ts.entities.add(ent)
            ts.has_total = ts.has_total or total == 1
        for key, col, raw in self.db.execute(
            "SELECT DISTINCT tkey, col, raw FROM facts WHERE kind IN ('text', 'level')"
        ):
            out[key].values.setdefault(col, set()).add(normalize(raw))
        for key, col in self.db.execute("SELECT DISTINCT tkey, col FROM facts WHERE num < 0"):
            out[key].signed.add(col)
        for key, col, month in self.db.execute("SELECT DISTINCT tkey, col, data_month FROM facts"):
            out[key].column_months.setdefault(col, set()).add(month)
        cells: dict[str, dict[int, dict[str, tuple[float, str]]]] = {}
        month_of: dict[int, str] = {}
        in_print: dict[str, dict[int, dict[str, float]]] = {}  # table instance → rows as printed
        for key, row_id, col, num, raw, month, total, table_id in self.db.execute(
            "SELECT tkey, row_id, col, num, raw, data_month, is_total, table_id FROM facts "
            "WHERE num IS NOT NULL AND kind IN ('int', 'dec') ORDER BY table_id, line"
        ):
            cells.setdefault(key, {}).setdefault(row_id, {})[col] = (num, raw.replace(",", "").rstrip("%％"))
            month_of[row_id] = month
            if total == 0:
                in_print.setdefault(key, {}).setdefault(table_id, {}).setdefault(row_id, {})[col] = num
        for ts in out.values():
            ts.months.sort()
            ts.rates = rate_pairs(ts.columns, list(cells.get(ts.key, {}).values()))
            # computed once: the pairs the rates divide, and the columns printed as parts (其中：…)
            ts.parts = {
                **marked_parts(ts.columns, list(cells.get(ts.key, {}).values())),
                **parts_of(ts.rates),
            }
            by_month: dict[str, list[dict[str, tuple[float, str]]]] = {}
            for row_id, row in cells.get(ts.key, {}).items():
                by_month.setdefault(month_of[row_id], []).append(row)
            ts.shares = share_of(ts.columns, list(by_month.values()))
            # (a share printed beside its column (占比 of 签章量) follows the same order; it is that column)
            plain = {c: i for c, i in ts.columns.items() if c not in ts.shares}
            ts.ranked_by = printed_order(plain, [list(r.values()) for r in in_print.get(ts.key, {}).values()])
        return list(out.values())

    def notes_of_row(self, row_id: int) -> list[str]:
        """The notes printed under the table (that issue's instance) a row belongs to."""
        row = self.db.execute(
            "SELECT t.notes FROM rows r JOIN tables t ON t.id = r.table_id WHERE r.id = ?", (row_id,)
        ).fetchone()
        return json.loads(row[0] or "[]") if row else []

    def months_beside(self, row_id: int) -> list[str]:
        """The months of the other rows printed in the same table (that issue's instance) as a row — what
        a month series' total row adds up, whichever issue later printed those months again."""
        rows = self.db.execute(
            "SELECT DISTINCT o.month FROM rows r JOIN rows o ON o.table_id = r.table_id "
            "WHERE r.id = ? AND o.id != r.id AND o.is_total = 0 AND o.month != '' ORDER BY o.month",
            (row_id,),
        )
        return [m for (m,) in rows]

    def latest_month(self, table_key: str, column: str | None = None) -> str:
        """The latest data month a table (or one of its columns) has figures for."""
        sql = "SELECT max(data_month) FROM facts WHERE tkey = ?" + (" AND col = ?" if column else "")
        row = self.db.execute(sql, (table_key, column) if column else (table_key,)).fetchone()
        return row[0] or ""

    def corpus_text(self) -> str:
        """All text passages (not table rows), normalised: which words the bulletins' prose uses."""
        return " ".join(
            normalize(r[0] + " " + (r[1] or ""))
            for r in self.db.execute("SELECT text, section FROM chunks WHERE kind = 'text'")
        )

    def entity_rows(self) -> list[tuple[str, str, str, str]]:
        """(entity key, label as printed, table key, entity kind) of every entity row."""
        return [
            tuple(r)
            for r in self.db.execute(
                "SELECT DISTINCT r.entity_key, r.label, t.key, t.entity_kind FROM rows r "
                "JOIN tables t ON t.id = r.table_id WHERE r.entity_key IS NOT NULL"
            )
        ]

    def calendar(self) -> Calendar:
        """The months and bulletins scope mentions are resolved against."""
        bulls = [
            Bull(b.issue, b.year, b.number, b.running, b.published or "", b.data_month or "")
            for b in self.bulletins()
        ]
        return Calendar(bulls, self.months())

    def contact(self, issue: str) -> dict:
        row = self.db.execute("SELECT contact FROM bulletins WHERE issue = ?", (issue,)).fetchone()
        return json.loads(row[0]) if row else {}

    def months(self) -> list[str]:
        """Data months that have figures (tables, and the months of period rows), oldest first."""
        return [
            r[0]
            for r in self.db.execute(
                "SELECT data_month FROM tables WHERE data_month != '' UNION "
                "SELECT month FROM rows WHERE month IS NOT NULL AND month != '' ORDER BY 1"
            )
        ]

    def issue_month(
        self,
        running: int | None = None,
        year: int | None = None,
        number: int | None = None,
        published: str | None = None,
    ):
        """Data month of the issue named by running number, by year + number, or by publication month
        (YYYY-MM), or None."""
        if published is not None:
            row = self.db.execute(
                "SELECT data_month FROM bulletins WHERE substr(published, 1, 7) = ? ORDER BY published DESC",
                (published,),
            ).fetchone()
        elif running is not None:
            row = self.db.execute("SELECT data_month FROM bulletins WHERE running = ?", (running,)).fetchone()
        else:
            row = self.db.execute(
                "SELECT data_month FROM bulletins WHERE year = ? AND number = ?", (year, number)
            ).fetchone()
        return row[0] if row else None

    def load_catalogue(self) -> Catalogue:
        cat = Catalogue()
        for k, n, kind in self.db.execute("SELECT key, name, kind FROM entities"):
            cat.entities[k] = Entity(k, n, kind)
        for a, k, s in self.db.execute("SELECT alias, entity_key, source FROM aliases"):
            cat.aliases[a] = k
            cat.sources[a] = s
        return cat

    def load_chunks(self) -> tuple[list[Chunk], list[list[str]]]:
        chunks, tokens = [], []
        for r in self.db.execute(
            "SELECT id, text, issue, data_month, section, kind, line, file, tokens FROM chunks ORDER BY rowid"
        ):
            chunks.append(Chunk(r[0], r[1], r[2], r[3], r[4], r[5], r[6], r[7]))
            tokens.append(json.loads(r[8]))
        return chunks, tokens

    def columns(self) -> dict[str, set[str]]:
        """Column name → entity kinds of the tables that have it."""
        out: dict[str, set[str]] = {}
        for name, kind in self.db.execute(
            "SELECT DISTINCT c.name, t.entity_kind FROM columns c JOIN tables t ON t.id = c.table_id"
        ):
            out.setdefault(name, set()).add(kind)
        return out

    def title_words(self) -> list[str]:
        """Table titles as staff may name them: without the month, 南京市…平台 or 12320 prefixes."""
        out = set()
        for (title,) in self.db.execute("SELECT DISTINCT title FROM tables"):
            t = re.sub(r"^\d{4}年\d{1,2}月", "", normalize(title))
            for v in (
                t,
                re.sub(r"^12320", "", t),
                re.sub(r"^南京市卫生信息平台", "", t),
                re.sub(r"[(（].*$", "", t),
            ):
                if len(v) >= 4:
                    out.add(v)
        return sorted(out)

    def column_months(self) -> dict[str, list[str]]:
        """Column name → data months whose tables have it, oldest first."""
        out: dict[str, list[str]] = {}
        for name, month in self.db.execute(
            "SELECT DISTINCT c.name, t.data_month FROM columns c JOIN tables t ON t.id = c.table_id "
            "ORDER BY t.data_month"
        ):
            out.setdefault(name, []).append(month)
        return out

    def cell_kinds(self) -> dict[str, set[str]]:
        """Column name → kinds of its non-missing cells (int, dec, ratio, text)."""
        out: dict[str, set[str]] = {}
        for name, kind in self.db.execute("SELECT DISTINCT col, kind FROM facts WHERE kind != 'missing'"):
            out.setdefault(name, set()).add(kind)
        return out

    def column_units(self) -> dict[str, str]:
        """Column name → unit printed in its header (the most recent one)."""
        return {n: u or "" for n, u in self.db.execute("SELECT name, unit FROM columns ORDER BY id")}

    def entity_months(self, key: str) -> list[str]:
        return [
            r[0]
            for r in self.db.execute(
                "SELECT DISTINCT data_month FROM facts WHERE entity_key = ? ORDER BY data_month", (key,)
            )
        ]

    def facts(
        self,
        *,
        month: str | None = None,
        column: str | None = None,
        kind: str | None = None,
        entities: list[str] | None = None,
        totals: bool | None = False,
        numeric: bool = False,
        order: str | None = None,
        limit: int | None = None,
        where_num: tuple[str, float] | None = None,
        row_id: int | None = None,
        exclude: list[str] | None = None,
        raw: str | None = None,
        table_key: str | None = None,
        months: list[str] | None = None,
        within: list[str] | None = None,
        having: list[tuple[str, str]] | None = None,
    ) -> list[Fact]:
        """Cells matching every given filter. `order` is 'asc' or 'desc' by value; `where_num` is
        (op, number) with op one of > >= < <= =; `within` keeps the rows summed into those subtotal
        rows; `having` keeps the rows that print these texts in these columns (所属区 鼓楼区). Rows of the latest
        bulletin win for a month."""
        sql, params = self._where(
            month,
            column,
            kind,
            entities,
            totals,
            numeric,
            where_num,
            row_id,
            exclude,
            raw,
            table_key,
            months,
            within,
            having,
        )
        direction = {"asc": "num ASC", "desc": "num DESC", None: "col_seq, line"}[order]
        # One cell per entity, column, month and table: the latest bulletin's, chosen before ordering
        # and LIMIT (a corrected re-issue of a month replaces the earlier figures).
        sql = (
            f"SELECT {FACT_COLS} FROM (SELECT *, ROW_NUMBER() OVER (PARTITION BY coalesce(entity_key, label), "
            f"col, data_month, tkey ORDER BY published DESC, row_id DESC) AS latest FROM facts WHERE {sql}) "
            f"WHERE latest = 1 ORDER BY {direction}, row_id"
        )
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [
            # is_total 2 is a group's subtotal (三级医院小计): a named row, not the table's total
            Fact(*[x == 1 if i == 9 else x for i, x in enumerate(r)])
            for r in self.db.execute(sql, params)
        ]

    @staticmethod
    def _where(
        month,
        column,
        kind,
        entities,
        totals,
        numeric,
        where_num,
        row_id,
        exclude=None,
        raw=None,
        table_key=None,
        months=None,
        within=None,
        having=None,
    ) -> tuple[str, list]:
        clauses, params = ["1 = 1"], []
        for clause, value in (
            ("data_month = ?", month),
            ("col = ?", column),
            ("entity_kind = ?", kind),
            ("row_id = ?", row_id),
            ("raw = ?", raw),
            ("tkey = ?", table_key),
        ):
            if value is not None:
                clauses.append(clause)
                params.append(value)
        if entities:
            clauses.append(f"entity_key IN ({','.join('?' * len(entities))})")
            params.extend(entities)
        if months:
            clauses.append(f"data_month IN ({','.join('?' * len(months))})")
            params.extend(months)
        if totals is not None:
            clauses.append("is_total = ?")
            params.append(int(totals))
        if exclude:
            clauses.append(f"entity_key NOT IN ({','.join('?' * len(exclude))})")
            params.extend(exclude)
        if within:
            # the rows summed into these subtotal rows (「二级医院里」: the rows of 二级医院小计)
            marks = ",".join("?" * len(within))
            clauses.append(
                f"row_id IN (SELECT m.id FROM rows m JOIN rows s ON s.table_id = m.table_id AND s.label = m.grp "
                f"WHERE s.is_total = 2 AND s.entity_key IN ({marks}))"
            )
            params.extend(within)
        for col, text in having or ():
            clauses.append("row_id IN (SELECT t.row_id FROM facts t WHERE t.col = ? AND t.raw = ?)")
            params.extend([col, text])
        if numeric:
            clauses.append("num IS NOT NULL")
        if where_num:
            op, x = where_num
            if op == "full":
                clauses.append("kind = 'ratio' AND num = den")
            elif op == "partial":
                clauses.append("kind = 'ratio' AND num < den")
            elif op in (">", ">=", "<", "<=", "="):
                clauses.append(f"num {op} ?")
                params.append(x)
            else:
                raise ValueError(f"unknown comparison {op!r}")
        return " AND ".join(clauses), params

    # -- mastheads (text path) ----------------------------------------------------------------------
    def mastheads(self) -> dict[str, dict]:
        """issue → its masthead and contact fields as printed: title, running, publisher, published,
        file, and the contact block's fields (address, phone, editor, print_run …), oldest issue first."""
        out: dict[str, dict] = {}
        for issue, title, running, publisher, published, contact, file in self.db.execute(
            "SELECT issue, title, running, publisher, published, contact, file FROM bulletins "
            "ORDER BY published, file"
        ):
            fields = json.loads(contact or "{}")
            fields.update(title=title, running=running, publisher=publisher, published=published, file=file)
            out[issue] = {k: v for k, v in fields.items() if v not in (None, "")}
        return out

    # -- tables as printed (the table browser and downloads: qa/web/tables.py) -----------------------
    # A table is named by its bulletin's content hash (first 12 hex digits) and its place in the
    # bulletin, a row by its place in the table: names that survive a rebuild of the index, which row
    # ids do not, and that stop working rather than change when the bulletin itself changes.
    def table_list(self) -> list[dict]:
        """Every table of every bulletin, oldest issue first, with its column names and row labels."""
        tables: dict[int, dict] = {}
        for r in self.db.execute(
            "SELECT t.id, substr(b.sha256, 1, 12), t.seq, b.issue, b.published, b.file, t.title, t.data_month, "
            "t.line, t.source, t.label_header FROM tables t JOIN bulletins b ON b.id = t.bulletin_id "
            "ORDER BY b.published, b.file, t.seq"
        ):
            keys = ("sha", "seq", "issue", "published", "file", "title", "month", "line", "source", "header")
            tables[r[0]] = {**dict(zip(keys, r[1:], strict=True)), "columns": [], "labels": []}
        for tid, name, unit in self.db.execute(
            "SELECT table_id, name, unit FROM columns ORDER BY table_id, seq"
        ):
            tables[tid]["columns"].append((name, unit or ""))
        for tid, label in self.db.execute("SELECT table_id, label FROM rows ORDER BY table_id, seq"):
            tables[tid]["labels"].append(label)
        return list(tables.values())

    def printed_table(self, sha: str, seq: int) -> dict | None:
        """One table as printed: where it is, its notes, columns (name, unit) and rows with their cells
        (raw text, kind, number) and source lines; None when no indexed bulletin has it."""
        t = self.db.execute(
            "SELECT t.id, substr(b.sha256, 1, 12), t.seq, b.issue, b.published, b.file, t.title, t.data_month, "
            "t.line, t.source, t.label_header, t.notes, b.sha256 FROM tables t "
            "JOIN bulletins b ON b.id = t.bulletin_id WHERE substr(b.sha256, 1, 12) = ? AND t.seq = ? "
            "ORDER BY b.published DESC LIMIT 1",
            (sha, seq),
        ).fetchone()
        if t is None:
            return None
        keys = ("sha", "seq", "issue", "published", "file", "title", "month", "line", "source", "header")
        out = {**dict(zip(keys, t[1:11], strict=True)), "notes": json.loads(t[11] or "[]"), "sha256": t[12]}
        cols = self.db.execute(
            "SELECT id, name, unit FROM columns WHERE table_id = ? ORDER BY seq", (t[0],)
        ).fetchall()
        place = {c[0]: i for i, c in enumerate(cols)}
        out["columns"] = [(c[1], c[2] or "") for c in cols]
        rows: dict[int, dict] = {}
        for rid, rseq, label, total, line, month, cid, raw, kind, num in self.db.execute(
            "SELECT r.id, r.seq, r.label, r.is_total, r.line, r.month, ce.column_id, ce.raw, ce.kind, ce.num "
            "FROM rows r LEFT JOIN cells ce ON ce.row_id = r.id WHERE r.table_id = ? ORDER BY r.seq",
            (t[0],),
        ):
            row = rows.setdefault(
                rid,
                {
                    "seq": rseq,
                    "label": label,
                    "total": total,  # 1 the table's total row, 2 a group's subtotal
                    "line": line,
                    "month": month or "",
                    "cells": [("", "missing", None)] * len(cols),
                },
            )
            if cid in place:
                row["cells"][place[cid]] = (raw or "", kind, num)
        out["rows"] = list(rows.values())
        return out

    def table_place(self, issue: str, title: str) -> tuple[str, int, dict[tuple[int, str], int]] | None:
        """Where the table `title` of `issue` is: (bulletin hash prefix, table seq, {(line, label): row
        seq}); the latest bulletin's when two indexed files are the same issue (as `facts` chooses)."""
        t = self.db.execute(
            "SELECT t.id, substr(b.sha256, 1, 12), t.seq FROM tables t JOIN bulletins b ON b.id = t.bulletin_id "
            "WHERE b.issue = ? AND t.title = ? ORDER BY b.published DESC, t.seq LIMIT 1",
            (issue, title),
        ).fetchone()
        if t is None:
            return None
        rows = {
            (line, label): seq
            for seq, line, label in self.db.execute(
                "SELECT seq, line, label FROM rows WHERE table_id = ? ORDER BY seq DESC", (t[0],)
            )
        }
        return t[1], t[2], rows
