"""Building and opening the index: SQLite tables, Chroma vectors and BM25 tokens, swapped in atomically.

Layout: `<index_dir>/gen-*/` holds one complete generation (bulletins.sqlite, chroma/, manifest.json);
`<index_dir>/current` is a symlink to the live one, replaced with os.replace only once a new generation
is complete. Readers open `current`, so they never see a half-built index, and a crash or a bad
bulletin leaves the previous generation serving.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from qa import PARSER_VERSION
from qa.config import Settings
from qa.errors import IndexMissing, IndexStale, ParseError, QAError
from qa.lexicon import DATA, Catalogue, normalize, user_words
from qa.model import Bulletin, Chunk
from qa.parse import SUFFIXES, parse_file
from qa.store import Store

CURRENT = "current"
SENT_END = re.compile(r"(?<=[。！？!?])")
MAX_CHUNK = 160


# -- chunks -------------------------------------------------------------------------------------
def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENT_END.split(text) if s.strip()]


def _cid(*parts) -> str:
    return hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:16]


def fmt_value(raw: str, unit: str) -> str:
    return f"{raw} {unit}".strip() if raw not in ("", "/") else "未上报（/）"


def row_sentence(title: str, label_header: str, label: str, cols, values) -> str:
    """A table row as one sentence with every column name, value and unit."""
    parts = [f"{c.name} {fmt_value(v.raw, c.unit)}" for c, v in zip(cols, values, strict=False)]
    return f"{title}：{label_header} {label}，" + "，".join(parts) + "。"


def make_chunks(b: Bulletin) -> list[Chunk]:
    """Text chunks (sentences grouped up to MAX_CHUNK characters, with their headline as section),
    简讯 items, the contact block, table notes, and one chunk per printed table row. A sentence is cut at
    。！？ only: a list joined by ； (「一是…；二是…；三是…」) stays whole, so an answer can quote all of it."""
    out: list[Chunk] = []

    def add(text: str, section: str, kind: str, line: int) -> None:
        out.append(
            Chunk(
                _cid(b.issue, kind, line, section, text),
                text,
                b.issue,
                b.data_month,
                section,
                kind,
                line,
                b.file,
            )
        )

    head = f"{b.title} {b.issue}" + (f"（总第{b.running}期）" if b.running else "")
    stats = f"，统计数据月份 {b.data_month}" if b.data_month else ""
    add(f"{head}，{b.publisher}编印，{b.published}出版{stats}。", head, "text", 1)
    for s in b.sections:
        if s.kind == "contact":
            add(
                "。".join(p.text.rstrip("。") for p in s.paragraphs) + "。",
                s.title or "联系方式",
                "text",
                s.line,
            )
            continue
        for p in s.paragraphs:
            buf = ""
            for sent in sentences(p.text):
                if buf and len(buf) + len(sent) > MAX_CHUNK:
                    add(buf, s.title, "text", p.line)
                    buf = ""
                buf += sent
            if buf:
                add(buf, s.title, "text", p.line)
    for t in b.tables:
        if t.source == "paragraph":
            continue  # its sentence is a text chunk already; its figures are in the store
        for note in t.notes:
            add(note.strip("()（） "), t.title, "text", t.line)
        for r in t.rows + ([t.total] if t.total else []):
            add(row_sentence(t.title, t.label_header, r.label, t.columns, r.values), t.title, "table", r.line)
    return out


def embed_text(c: Chunk) -> str:
    """What is embedded and tokenised: the chunk with its headline as context."""
    return c.text if c.kind == "table" or not c.section or c.section in c.text else f"{c.section}：{c.text}"


# -- tokens ---------------------------------------------------------------------------------------
class Tokenizer:
    """jieba with our user dictionary (entity names, aliases, metrics) and its cache in the index folder."""

    def __init__(self, words: list[str], cache_dir: Path):
        import jieba

        self.jieba = jieba.Tokenizer()
        cache_dir.mkdir(parents=True, exist_ok=True)
        self.jieba.tmp_dir = str(cache_dir)
        self.jieba.cache_file = "jieba.cache"
        import logging

        jieba.setLogLevel(logging.WARNING)
        for line in (DATA / "userdict.txt").read_text(encoding="utf-8").splitlines():
            if line.strip():
                self.jieba.add_word(line.split()[0], 2000)
        for w in words:
            self.jieba.add_word(w, 2000)
        self.stop = {
            w.strip()
            for w in (DATA / "stopwords.txt").read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")
        }

    def __call__(self, text: str) -> list[str]:
        """Search-mode tokens (words and their parts) for BM25."""
        toks = self.jieba.lcut_for_search(normalize(text))
        return [t for t in toks if t not in self.stop and re.search(r"[\w\u4e00-\u9fff]", t)]

    def words(self, text: str) -> list[str]:
        """Precise-mode words (no overlapping parts), for weighing what a question asks."""
        toks = self.jieba.lcut(normalize(text))
        return [t for t in toks if t not in self.stop and re.search(r"[\w\u4e00-\u9fff]", t)]


# -- manifest and status --------------------------------------------------------------------------
def corpus_files(settings: Settings) -> list[Path]:
    d = Path(settings.corpus_dir)
    if not d.is_dir():
        raise QAError(f"corpus folder {str(d)!r} does not exist")
    return sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def current_dir(settings: Settings) -> Path | None:
    link = Path(settings.index_dir) / CURRENT
    if link.exists() and (link / "manifest.json").is_file():
        return link.resolve()
    return None


def read_manifest(gen: Path) -> dict:
    return json.loads((gen / "manifest.json").read_text(encoding="utf-8"))


# read when building (parse_words.tsv and counters.txt by the parser: mastheads, statistical paragraphs)
BUILD_DATA = ("aliases.tsv", "userdict.txt", "stopwords.txt", "units.tsv", "parse_words.tsv", "counters.txt")


def rules_version() -> str:
    """Parser version plus a hash of the data files the build reads (aliases, metric words, jieba
    dictionary): a change to them forces a rebuild; query-time rules (fillers, units) do not."""
    h = hashlib.sha256()
    for name in BUILD_DATA:
        h.update(name.encode() + (DATA / name).read_bytes())
    return f"{PARSER_VERSION}-{h.hexdigest()[:10]}"


def wanted_manifest(settings: Settings, files: list[Path]) -> dict:
    from qa.embed import model_dir, model_id

    return {
        "parser": rules_version(),
        "model": model_id(model_dir(settings)),
        "files": {p.name: sha256(p) for p in files},
    }


def status(settings: Settings) -> tuple[str, str]:
    """('ok'|'missing'|'stale', reason) of the index against the corpus, model and parser."""
    gen = current_dir(settings)
    if gen is None:
        return "missing", f"no index in {str(settings.index_dir)!r}"
    return compare(read_manifest(gen), wanted_manifest(settings, corpus_files(settings)))


def compare(have: dict, want: dict) -> tuple[str, str]:
    """('ok'|'stale', reason) of a built manifest against the one the corpus, model and rules ask for."""
    if have.get("parser") != want["parser"]:
        return "stale", f"parser or rules version {have.get('parser')!r} → {want['parser']!r}"
    if have.get("model") != want["model"]:
        return "stale", f"embedding model {have.get('model')!r} → {want['model']!r}"
    seen = {**have.get("files", {}), **have.get("failed", {})}
    if seen != want["files"]:
        added = sorted(set(want["files"]) - set(seen))
        gone = sorted(set(seen) - set(want["files"]))
        changed = sorted(f for f in set(seen) & set(want["files"]) if seen[f] != want["files"][f])
        return "stale", f"corpus changed (added {added}, removed {gone}, changed {changed})"
    return "ok", "up to date"


# -- build ------------------------------------------------------------------------------------
@dataclass
class Report:
    bulletins: int = 0
    tables: int = 0
    rows: int = 0
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0
    skipped: bool = False  # nothing to do
    failures: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)  # files whose last good version was kept

    def summary(self) -> str:
        if self.skipped:
            return f"index up to date: {self.bulletins} bulletins, nothing to do ({self.seconds:.1f} s)"
        s = (
            f"indexed {self.bulletins} bulletins, {self.tables} tables, {self.rows} rows, {self.chunks} chunks "
            f"({self.embedded} embedded) in {self.seconds:.1f} s"
        )
        if self.failures:
            s += f"; {len(self.failures)} file(s) failed"
        return s


def collection_name(model: str) -> str:
    return "chunks-" + re.sub(r"[^a-zA-Z0-9_-]", "-", model)[:50]


def chroma_client(path: Path):
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    return chromadb.PersistentClient(path=str(path), settings=ChromaSettings(anonymized_telemetry=False))


def _old_vectors(gen: Path | None, model: str) -> dict[str, list[float]]:
    """Embeddings of the live generation by embedded text, reused when the model is the same."""
    if gen is None or read_manifest(gen).get("model") != model:
        return {}
    col = chroma_client(gen / "chroma").get_collection(collection_name(model))
    got = col.get(include=["embeddings", "documents"])
    return {d: list(map(float, e)) for d, e in zip(got["documents"], got["embeddings"], strict=True)}


def build(settings: Settings, progress: bool = False, force: bool = False) -> Report:
    """Parse the corpus and build a new generation beside the live one; swap it in when complete."""
    from langchain_chroma import Chroma

    from qa.embed import Embedder

    t0 = time.time()
    rep = Report()
    files = corpus_files(settings)
    if not files:
        raise QAError(f"no bulletins ({', '.join(SUFFIXES)}) in corpus folder {str(settings.corpus_dir)!r}")
    want = wanted_manifest(settings, files)
    live = current_dir(settings)
    if live and not force and compare(read_manifest(live), want)[0] == "ok":
        rep.bulletins = len(read_manifest(live)["files"])
        rep.skipped = True
        rep.seconds = time.time() - t0
        return rep
    old_docs: dict[str, Bulletin] = {}
    if live:
        old_store = Store(live / "bulletins.sqlite")
        old_docs = old_store.bulletin_docs()
        old_store.close()
    bulletins: list[Bulletin] = []
    failed: dict[str, str] = {}
    for p in files:
        try:
            b = parse_file(p)
        except ParseError as e:
            rep.failures.append(str(e))
            failed[p.name] = want["files"].pop(p.name)
            if p.name in old_docs:
                b = old_docs[p.name]
                want["files"][p.name] = b.sha256
                rep.kept.append(p.name)
            else:
                continue
        rep.warnings.extend(b.warnings)
        bulletins.append(b)
    issues = {}
    for b in bulletins:
        if b.issue in issues:
            rep.warnings.append(f"{b.file}: same issue {b.issue} as {issues[b.issue]}; both indexed")
        issues[b.issue] = b.file

    index_dir = Path(settings.index_dir)
    index_dir.mkdir(parents=True, exist_ok=True)
    gen = index_dir / f"gen-{time.strftime('%Y%m%d-%H%M%S')}-{os.getpid()}-{int(t0 * 1000) % 1000:03d}"
    tmp = gen.with_name(gen.name + ".building")
    try:
        store = Store(tmp / "bulletins.sqlite", create=True)
        cat = Catalogue()
        for b in bulletins:
            store.add_bulletin(b, cat)
            rep.tables += len(b.tables)
            rep.rows += sum(len(t.rows) for t in b.tables)
        cat.finish()
        store.merge_paragraph_subjects()
        store.save_catalogue(cat)
        chunks = [c for b in bulletins for c in make_chunks(b)]
        chunks = list({c.id: c for c in chunks}.values())
        tok = Tokenizer(user_words(cat, set(store.columns())), tmp)
        store.save_chunks(chunks, {c.id: tok(embed_text(c)) for c in chunks})
        store.set_meta("manifest", want)
        store.commit()
        store.close()

        emb = Embedder(settings, cache=_old_vectors(live, want["model"]), progress=progress)
        vs = Chroma(
            collection_name=collection_name(want["model"]),
            embedding_function=emb,
            client=chroma_client(tmp / "chroma"),
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        batch = 256
        for i in range(0, len(chunks), batch):
            part = chunks[i : i + batch]
            vs.add_texts(
                [embed_text(c) for c in part],
                ids=[c.id for c in part],
                metadatas=[
                    {
                        "chunk": c.id,
                        "issue": c.issue,
                        "data_month": c.data_month,
                        "section": c.section[:200],
                        "kind": c.kind,
                        "line": c.line,
                        "file": c.file,
                    }
                    for c in part
                ],
            )
        rep.embedded = emb.computed
        rep.chunks = len(chunks)
        rep.bulletins = len(bulletins)
        manifest = dict(
            want,
            failed=failed,
            built=time.strftime("%Y-%m-%dT%H:%M:%S"),
            counts={"bulletins": rep.bulletins, "tables": rep.tables, "rows": rep.rows, "chunks": rep.chunks},
        )
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        del vs
        tmp.rename(gen)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    swap(index_dir, gen)
    rep.seconds = time.time() - t0
    return rep


def swap(index_dir: Path, gen: Path) -> None:
    """Point `current` at gen atomically; keep the previous generation for readers still using it."""
    link = index_dir / CURRENT
    previous = link.resolve() if link.is_symlink() else None
    tmp_link = index_dir / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(gen.name)
    os.replace(tmp_link, link)
    for old in index_dir.glob("gen-*"):
        if old.resolve() not in (gen.resolve(), previous) and old.is_dir():
            shutil.rmtree(old, ignore_errors=True)


# -- open -----------------------------------------------------------------------------------------
class Index:
    """A generation opened for reading: the store, the catalogue, chunks with BM25, and Chroma."""

    def __init__(self, gen: Path, settings: Settings):
        from rank_bm25 import BM25Okapi

        self.gen = gen
        self.settings = settings
        self.manifest = read_manifest(gen)
        self.store = Store(gen / "bulletins.sqlite")
        self.catalogue = self.store.load_catalogue()
        self.columns = self.store.columns()
        self.chunks, tokens = self.store.load_chunks()
        self.pos = {c.id: i for i, c in enumerate(self.chunks)}  # chunk id → position, for retrieval
        self.tokenizer = Tokenizer(user_words(self.catalogue, set(self.columns)), gen)
        self.bm25 = BM25Okapi([t or ["∅"] for t in tokens])
        self._vs = None
        self._vs_lock = threading.Lock()

    @property
    def vectors(self):
        """The Chroma vector store, opened on first use (table answers never need it)."""
        with self._vs_lock:
            return self._open_vectors()

    def _open_vectors(self):
        if self._vs is None:
            from langchain_chroma import Chroma

            from qa.embed import Embedder

            model = self.manifest["model"]
            self._vs = Chroma(
                collection_name=collection_name(model),
                embedding_function=Embedder(self.settings),
                client=chroma_client(self.gen / "chroma"),
                create_collection_if_not_exists=False,
            )
        return self._vs

    def close(self) -> None:
        self.store.close()


def open_index(settings: Settings, check: bool = True) -> Index:
    """The live index; IndexMissing/IndexStale (with how to fix it) when there is none or it is out of date."""
    state, why = status(settings) if check else ("ok", "")
    if state == "missing":
        raise IndexMissing(f"{why}; build it with `qa ingest --index {settings.index_dir}` (or `make run`)")
    if state == "stale":
        raise IndexStale(f"index is stale: {why}; rebuild with `qa ingest` (or ask with --ingest)")
    gen = current_dir(settings)
    if gen is None:
        raise IndexMissing(f"no index in {str(settings.index_dir)!r}; build it with `qa ingest`")
    return Index(gen, settings)
