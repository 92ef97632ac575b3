"""Building and opening the index: SQLite tables, Chroma vectors and BM25 tokens, swapped in atomically.

Layout: `<index_dir>/gen-*/` holds one complete generation (bulletins.sqlite, chroma/, manifest.json);
`<index_dir>/current` is a symlink to the live one, replaced with os.replace only once a new generation
is complete. Readers open `current`, so they never see a half-built index, and a crash or a bad
bulletin leaves the previous generation serving. One writer at a time (a lock file in the index
folder); the newest `keep_generations` generations stay for readers that still use them.
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import logging
import os
import re
import shutil
import sqlite3
import sys
import tempfile
import threading
import time
import weakref
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

from qa import PARSER_VERSION
from qa.config import Settings
from qa.errors import (
    IndexBusy,
    IndexMissing,
    IndexStale,
    IndexUnusable,
    ParseError,
    QAError,
    StorageError,
)
from qa.lexicon import DATA, Catalogue, normalize, quoted_terms, user_words
from qa.model import Bulletin, Chunk
from qa.parse import SUFFIXES, parse_file
from qa.store import Store

log = logging.getLogger(__name__)
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
        if s.kind in ("contents", "preview"):
            continue  # what an issue lists or announces is no news to quote (qa/matter.py answers it)
        if s.kind == "contact":
            add(
                "。".join(p.text.rstrip("。") for p in s.paragraphs) + "。",
                s.title or "联系方式",
                "text",
                s.line,
            )
            continue
        for p in s.paragraphs:
            buf, section = "", s.title
            for sent in sentences(p.text):
                if buf and len(buf) + len(sent) > MAX_CHUNK:
                    add(buf, section, "text", p.line)
                    # the rest of an interview's answer is read under the question it replies to
                    buf, section = "", f"{s.title}｜{p.asked}" if p.asked else s.title
                buf += sent
            if buf:
                add(buf, section, "text", p.line)
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


def dense_text(c: Chunk) -> str:
    """What is embedded: the chunk under its headline and its part's (「…讲话｜三、突出重点…」), without what
    stands between them (the speaker), so a long composed headline does not drown a short passage."""
    parts = c.section.split("｜")
    near = "｜".join(dict.fromkeys([parts[0], parts[-1]])) if len(parts) > 2 else c.section
    return c.text if c.kind == "table" or not near or near in c.text else f"{near}：{c.text}"


# -- tokens ---------------------------------------------------------------------------------------
class Tokenizer:
    """jieba with our user dictionary (entity names, aliases, metrics) and its cache in the index folder."""

    def __init__(self, words: list[str], cache_dir: Path, terms: set[str] = frozenset()):
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
        for w in sorted(terms):  # quoted terms (“四件事”): whole even against a common word (四件) inside
            self.jieba.add_word(w, 2000)
            self.jieba.suggest_freq(w, tune=True)
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
ARTIFACTS = ("manifest.json", "bulletins.sqlite", "chroma/chroma.sqlite3")  # what a generation needs
LOCK = ".ingest.lock"


def _say(message: str) -> None:
    print(message, file=sys.stderr, flush=True)


def _reason(e: BaseException) -> str:
    """A short reason for a user: the OS's words for OS errors, never a traceback."""
    if isinstance(e, OSError) and e.strerror:
        return e.strerror
    text = str(e).strip().splitlines()[0] if str(e).strip() else ""
    return f"{type(e).__name__}: {text[:200]}" if text else type(e).__name__


def corpus_files(settings: Settings) -> list[Path]:
    d = Path(settings.corpus_dir)
    if not d.is_dir():
        raise QAError(f"corpus folder {str(d)!r} does not exist")
    try:
        return sorted(p for p in d.iterdir() if p.is_file() and p.suffix.lower() in SUFFIXES)
    except OSError as e:
        raise QAError(f"corpus folder {str(d)!r} cannot be read ({_reason(e)})") from None


def sha256(path: Path) -> str:
    """Content hash, read in blocks (a large file never sits in memory twice)."""
    h = hashlib.sha256()
    with path.open("rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


_hashes: dict[str, tuple[tuple[int, int, int, int], str]] = {}
_hashes_lock = threading.Lock()


def _file_hash(path: Path) -> str:
    """The hash, or a marker for a file we cannot read: that file then fails alone, with its reason.

    Remembered by the file's identity (inode, size, modification and change time), so that a health
    probe or a question asked every second stats the corpus instead of reading it all again; a file
    rewritten or replaced has another identity and is hashed afresh."""
    try:
        st = path.stat()
        ident = (st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns)
        key = str(path.resolve())
        with _hashes_lock:
            known = _hashes.get(key)
        if known and known[0] == ident:
            return known[1]
        digest = sha256(path)
        with _hashes_lock:
            _hashes[key] = (ident, digest)
        return digest
    except OSError as e:
        return f"unreadable: {_reason(e)}"


def current_dir(settings: Settings) -> Path | None:
    link = Path(settings.index_dir) / CURRENT
    try:
        if link.exists() and (link / "manifest.json").is_file():
            return link.resolve()
    except OSError:
        return None
    return None


def read_manifest(gen: Path) -> dict:
    try:
        m = json.loads((gen / "manifest.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as e:
        raise IndexUnusable(
            f"manifest.json of index generation {gen.name} cannot be read ({_reason(e)}); "
            "rebuild the index with `qa ingest`"
        ) from None
    if not isinstance(m, dict):
        raise IndexUnusable(f"manifest.json of index generation {gen.name} is not an object")
    return m


def incomplete(gen: Path) -> str:
    """What is missing or unreadable in a generation ('' when it is complete).

    A crash, a second writer or a hand edit must never leave `current` at half an index that status()
    calls up to date: every artifact is checked, not just the manifest."""
    for name in ARTIFACTS:
        p = gen / name
        if not p.is_file():
            return f"{name} is missing"
        if not os.access(p, os.R_OK):
            return f"{name} cannot be read (permissions)"
    try:
        m = read_manifest(gen)
    except IndexUnusable:
        return "manifest.json cannot be read"
    lacks = [k for k in ("parser", "model", "files") if k not in m]
    return f"manifest.json lacks {', '.join(lacks)}" if lacks else ""


# read when building (parse_words.tsv and counters.txt by the parser: mastheads, statistical paragraphs)
BUILD_DATA = ("aliases.tsv", "userdict.txt", "stopwords.txt", "units.tsv", "parse_words.tsv", "counters.txt")


def rules_version() -> str:
    """Parser version plus a hash of the data files the build reads (aliases, metric words, jieba
    dictionary): a change to them forces a rebuild; query-time rules (fillers, units) do not."""
    h = hashlib.sha256()
    for name in BUILD_DATA:
        h.update(name.encode() + (DATA / name).read_bytes())
    return f"{PARSER_VERSION}-{h.hexdigest()[:10]}"


def wanted_manifest(settings: Settings, files: list[Path] | None) -> dict:
    """What an index of these files must record; `files` None: the corpus is not there to judge."""
    from qa.embed import model_dir, model_id

    want = {"parser": rules_version(), "model": model_id(model_dir(settings))}
    if files is not None:
        want["files"] = {p.name: _file_hash(p) for p in files}
    return want


def status(settings: Settings) -> tuple[str, str]:
    """('ok'|'missing'|'incomplete'|'stale', reason) of the index against the corpus, model and parser.

    A corpus folder that is not there cannot make a good index stale: its files are judged only when
    the folder exists (a server or `qa ask --index` given an index without its corpus answers from it)."""
    gen = current_dir(settings)
    if gen is None:
        return "missing", f"no index in {str(settings.index_dir)!r}"
    why = incomplete(gen)
    if why:
        return "incomplete", f"the index in {str(settings.index_dir)!r} is incomplete: {why}"
    corpus = Path(settings.corpus_dir)
    if not corpus.is_dir():
        state, why = compare(read_manifest(gen), wanted_manifest(settings, None))
        if state == "ok":
            why = f"corpus folder {str(corpus)!r} is missing: answering from the index as built"
        return state, why
    return compare(read_manifest(gen), wanted_manifest(settings, corpus_files(settings)))


def recorded_corpus(settings: Settings) -> Path | None:
    """The corpus folder the live index was built from, as its manifest records it (None before
    indexes recorded it, or without an index)."""
    gen = current_dir(settings)
    if gen is None:
        return None
    try:
        folder = read_manifest(gen).get("corpus")
    except IndexUnusable:
        return None
    return Path(folder) if isinstance(folder, str) and folder else None


def reading(settings: Settings, corpus_given: bool) -> Settings:
    """Settings for answering from an index: unless a corpus folder was given (flag or QA_CORPUS_DIR),
    the index is judged against the corpus it was built from, not against ./corpus."""
    if corpus_given:
        return settings
    folder = recorded_corpus(settings)
    return replace(settings, corpus_dir=folder) if folder else settings


def compare(have: dict, want: dict) -> tuple[str, str]:
    """('ok'|'stale', reason) of a built manifest against the one the corpus, model and rules ask for
    (the files only when `want` has them)."""
    if have.get("parser") != want["parser"]:
        return "stale", f"parser or rules version {have.get('parser')!r} → {want['parser']!r}"
    if have.get("model") != want["model"]:
        return "stale", f"embedding model {have.get('model')!r} → {want['model']!r}"
    if "files" not in want:
        return "ok", "up to date"
    seen = {**have.get("files", {}), **have.get("failed", {})}
    if seen != want["files"]:
        added = sorted(set(want["files"]) - set(seen))
        gone = sorted(set(seen) - set(want["files"]))
        changed = sorted(f for f in set(seen) & set(want["files"]) if seen[f] != want["files"][f])
        return "stale", f"corpus changed (added {added}, removed {gone}, changed {changed})"
    return "ok", "up to date"


def failures_of(manifest: dict) -> list[str]:
    """The parse failures a generation was built with, as they were reported (file, line, reason)."""
    msgs = manifest.get("failures", {})
    return [msgs.get(f) or f"{f}: failed to parse" for f in sorted(manifest.get("failed", {}))]


# -- one writer ---------------------------------------------------------------------------------
@contextmanager
def ingest_lock(index_dir: Path, wait: float | None = None, say=_say) -> Iterator[None]:
    """Hold the index folder's writer lock (flock on `.ingest.lock`) for the block.

    A second writer waits, saying who holds the lock, or raises IndexBusy after `wait` seconds (0: at
    once). The kernel drops the lock with the process, so a killed ingest never leaves it held."""
    path = index_dir / LOCK
    try:
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as e:
        raise StorageError(f"cannot create the lock file in {str(index_dir)!r} ({_reason(e)})") from None
    try:
        if not _try_lock(fd):
            holder = _holder(fd)
            busy = f"another ingest ({holder}) is writing the index in {str(index_dir)!r}"
            if wait is not None and wait <= 0:
                raise IndexBusy(f"{busy}; try again when it has finished")
            say(f"{busy}; waiting for it to finish" + (f" (up to {wait:g} s)" if wait else "") + " …")
            deadline = None if wait is None else time.monotonic() + wait
            while not _try_lock(fd):
                if deadline is not None and time.monotonic() >= deadline:
                    raise IndexBusy(f"{busy}; still running after {wait:g} s, try again later")
                time.sleep(0.2)
        os.ftruncate(fd, 0)
        os.pwrite(fd, f"pid {os.getpid()} since {time.strftime('%Y-%m-%d %H:%M:%S')}\n".encode(), 0)
        yield
    finally:
        os.close(fd)  # releases the lock


def _try_lock(fd: int) -> bool:
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except BlockingIOError:
        return False


def _holder(fd: int) -> str:
    try:
        return os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "pid unknown"
    except OSError:
        return "pid unknown"


def _clear_leftovers(index_dir: Path) -> None:
    """Half-built generations and temporary links of ingests that crashed (we hold the lock: no other
    writer is running, so nothing here is in use)."""
    for p in index_dir.glob("gen-*.building"):
        shutil.rmtree(p, ignore_errors=True)
    for p in index_dir.glob(".current-*"):
        with contextlib.suppress(OSError):
            p.unlink()


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
    generation: str = ""  # the generation built and made current ("" when nothing was done)

    def summary(self) -> str:
        if self.skipped:
            s = f"index up to date: {self.bulletins} bulletins, nothing to do ({self.seconds:.1f} s)"
            if self.failures:
                s += f"; {len(self.failures)} file(s) still fail to parse: fix or remove them"
            return s
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
    """Embeddings of the live generation by embedded text, reused when the model is the same; none when
    they cannot be read (they are then computed again)."""
    if gen is None or read_manifest(gen).get("model") != model:
        return {}
    client = None
    try:
        client = chroma_client(gen / "chroma")
        got = client.get_collection(collection_name(model)).get(include=["embeddings", "documents"])
    except Exception as e:  # a damaged or unreadable live index must not stop a rebuild
        _say(f"cannot reuse the live index's vectors ({_reason(e)}); embedding everything again")
        return {}
    finally:
        _close(client)
    return {d: list(map(float, e)) for d, e in zip(got["documents"], got["embeddings"], strict=True)}


def _close(client) -> None:
    """Release a Chroma client: chromadb keeps one open system per folder for the life of the process
    until its last client is closed, holding the files of generations long removed."""
    if client is not None:
        with contextlib.suppress(Exception):
            client.close()


Progress = Callable[[float, str], None]  # (fraction done 0…1, what is being done)


def build(
    settings: Settings,
    progress: bool = False,
    force: bool = False,
    wait: float | None = None,
    on_progress: Progress | None = None,
) -> Report:
    """Parse the corpus and build a new generation beside the live one; swap it in when complete.

    One writer per index folder: the lock is taken first and the live index judged only once it is
    held, so an ingest that waited for another finds its work done. `wait`: seconds to wait for the
    lock (None: as long as it takes). `on_progress` hears each step (an admin's progress bar)."""
    index_dir = Path(settings.index_dir)
    try:
        index_dir.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise StorageError(f"cannot create the index folder {str(index_dir)!r} ({_reason(e)})") from None
    step = on_progress or (lambda _f, _what: None)
    step(0.0, "waiting for the index lock")
    with ingest_lock(index_dir, wait, say=step_say(step)):
        _clear_leftovers(index_dir)
        return _build(settings, index_dir, progress, force, step)


def step_say(step: Progress) -> Callable[[str], None]:
    """A lock waiter's message on stderr (always: `--quiet` hides progress, not why nothing happens)
    and as a progress step (nothing done yet)."""

    def say(message: str) -> None:
        _say(message)
        step(0.0, message)

    return say


def _build(settings: Settings, index_dir: Path, progress: bool, force: bool, step: Progress) -> Report:
    from chromadb.errors import ChromaError
    from langchain_chroma import Chroma

    from qa.embed import Embedder

    t0 = time.time()
    rep = Report()
    say = _say if progress else (lambda _m: None)
    files = corpus_files(settings)
    if not files:
        raise QAError(f"no bulletins ({', '.join(SUFFIXES)}) in corpus folder {str(settings.corpus_dir)!r}")
    want = wanted_manifest(settings, files)
    live = current_dir(settings)
    if live is not None and incomplete(live):
        say(f"the live index {live.name} is incomplete ({incomplete(live)}); building a complete one")
        live = None
    if live and not force and compare(read_manifest(live), want)[0] == "ok":
        have = read_manifest(live)
        rep.bulletins = len(have["files"])
        rep.failures = failures_of(have)  # reported on every run until the file is fixed or removed
        rep.kept = list(have.get("kept", []))
        rep.skipped = True
        rep.generation = live.name
        rep.seconds = time.time() - t0
        return rep
    old_docs: dict[str, Bulletin] = {}
    if live:
        try:
            old_store = Store(live / "bulletins.sqlite")
            old_docs = old_store.bulletin_docs()
            old_store.close()
        except (QAError, sqlite3.Error) as e:
            say(f"cannot reuse the live index ({_reason(e)}); parsing every file")
    bulletins: list[Bulletin] = []
    failed: dict[str, str] = {}
    messages: dict[str, str] = {}
    limit = settings.max_bulletin_mb * 1024 * 1024
    for n, p in enumerate(files, 1):
        try:
            size = p.stat().st_size
            say(f"[{n}/{len(files)}] parsing {p.name} ({size / 1048576:.1f} MB)")
            step(0.05 + 0.3 * (n - 1) / len(files), f"parsing {p.name} ({n}/{len(files)})")
            if size > limit:
                raise ParseError(
                    f"file is {size / 1048576:.1f} MB; the limit is {settings.max_bulletin_mb:g} MB "
                    "per bulletin (QA_MAX_BULLETIN_MB)",
                    p.name,
                )
            b = parse_file(p)
        except (ParseError, OSError) as e:
            err = (
                e if isinstance(e, ParseError) else ParseError(f"cannot read the file ({_reason(e)})", p.name)
            )
            rep.failures.append(str(err))
            messages[p.name] = str(err)
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

    # Names sort by time (milliseconds before the pid), which is how swap() picks the ones to keep.
    gen = (
        index_dir
        / f"gen-{time.strftime('%Y%m%d-%H%M%S', time.localtime(t0))}-{int(t0 * 1000) % 1000:03d}-{os.getpid()}"
    )
    tmp = gen.with_name(gen.name + ".building")
    client = None
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
        tok = Tokenizer(
            user_words(cat, set(store.columns())), tmp, quoted_terms(c.section + c.text for c in chunks)
        )
        store.save_chunks(chunks, {c.id: tok(embed_text(c)) for c in chunks})
        store.set_meta("manifest", want)
        store.commit()
        store.close()
        cache = tmp / "jieba.cache"
        if cache.is_file():  # jieba writes it 0600: readers running as another user need it too
            cache.chmod(0o644)

        step(0.4, "reusing the vectors of the live index")
        emb = Embedder(settings, cache=_old_vectors(live, want["model"]), progress=progress)
        say(f"embedding {len(chunks)} chunks ({sum(dense_text(c) not in emb.cache for c in chunks)} new) …")
        client = chroma_client(tmp / "chroma")
        vs = Chroma(
            collection_name=collection_name(want["model"]),
            embedding_function=emb,
            client=client,
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        batch = 64  # small enough for an admin's progress bar to move
        for i in range(0, len(chunks), batch):
            step(
                0.45 + 0.45 * i / len(chunks),
                f"embedding chunks {i + 1}–{min(i + batch, len(chunks))} of {len(chunks)}",
            )
            part = chunks[i : i + batch]
            vs.add_texts(
                [dense_text(c) for c in part],
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
            corpus=str(Path(settings.corpus_dir).resolve()),  # what readers judge staleness against
            failed=failed,
            failures=messages,
            kept=rep.kept,
            built=time.strftime("%Y-%m-%dT%H:%M:%S"),
            counts={"bulletins": rep.bulletins, "tables": rep.tables, "rows": rep.rows, "chunks": rep.chunks},
        )
        (tmp / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=1), encoding="utf-8"
        )
        del vs
        _close(client)  # written and released before the folder is renamed and made current
        tmp.rename(gen)
    except BaseException as e:
        _close(client)
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(e, (OSError, sqlite3.Error, ChromaError)):
            raise StorageError(
                f"cannot write the new index in {str(index_dir)!r} ({_reason(e)}); "
                "the previous index, if any, is still serving"
            ) from e
        raise
    step(0.95, f"making {gen.name} current")
    swap(index_dir, gen, settings.keep_generations)
    rep.generation = gen.name
    rep.seconds = time.time() - t0
    return rep


def swap(index_dir: Path, gen: Path, keep: int = 3) -> None:
    """Point `current` at gen atomically, then remove all but the `keep` newest generations.

    Older generations stay for readers that still have them open (a server answering from one); a
    server whose generation is gone reopens `current`. Only the lock holder calls this."""
    link = index_dir / CURRENT
    tmp_link = index_dir / f".current-{os.getpid()}"
    if tmp_link.is_symlink() or tmp_link.exists():
        tmp_link.unlink()
    tmp_link.symlink_to(gen.name)
    os.replace(tmp_link, link)
    gens = sorted(
        (g for g in index_dir.glob("gen-*") if g.is_dir() and not g.name.endswith(".building")),
        key=lambda g: g.name,
        reverse=True,
    )
    keep_paths = {gen.resolve()} | {
        g.resolve() for g in [g for g in gens if g.resolve() != gen.resolve()][: keep - 1]
    }
    for old in gens:
        if old.resolve() not in keep_paths:
            shutil.rmtree(old, ignore_errors=True)


# -- open -----------------------------------------------------------------------------------------
def _writable(path: Path) -> bool:
    return all(os.access(p, os.W_OK) for p in [path, *path.rglob("*")])


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
        self.tokenizer = Tokenizer(
            user_words(self.catalogue, set(self.columns)),
            gen,
            quoted_terms(c.section + c.text for c in self.chunks),
        )
        self.bm25 = BM25Okapi([t or ["∅"] for t in tokens])
        self.read_only = False  # True once the vectors are read from a private copy (see _chroma_path)
        self._vs = None
        self._vs_lock = threading.Lock()
        self._release: weakref.finalize | None = None

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
            client = None
            try:
                client = chroma_client(self._chroma_path())
                self._vs = Chroma(
                    collection_name=collection_name(model),
                    embedding_function=Embedder(self.settings),
                    client=client,
                    create_collection_if_not_exists=False,
                )
                # released with this Index (a server drops the Index of a generation it has left)
                self._release = weakref.finalize(self, _close, client)
            except Exception as e:
                _close(client)  # Chroma fails in many ways (ChromaError, ValueError, and
                # AttributeError from its own cleanup on a second try); its words go to the log only.
                log.error("cannot open the vectors of %s: %s", self.gen.name, _reason(e))
                raise IndexUnusable(
                    f"the vectors (chroma/) of index generation {self.gen.name} cannot be opened; "
                    "rebuild the index with `qa ingest --force`"
                ) from e
        return self._vs

    def _chroma_path(self) -> Path:
        """Chroma writes to its SQLite file even to answer a query, so a read-only index folder
        (another user's, a read-only mount) is read through a private temporary copy."""
        path = self.gen / "chroma"
        if _writable(path):
            return path
        copy = Path(tempfile.mkdtemp(prefix="qa-chroma-"))
        shutil.copytree(path, copy / "chroma")
        weakref.finalize(self, shutil.rmtree, str(copy), True)
        self.read_only = True
        log.warning("index %s is read-only: its vectors are read from a copy in %s", self.gen.name, copy)
        return copy / "chroma"

    def close(self) -> None:
        self.store.close()
        if self._release is not None:
            self._release()


def open_index(settings: Settings, check: bool = True) -> Index:
    """The live index; IndexMissing/IndexStale/IndexUnusable (with how to fix it) when there is none,
    it is out of date, or it is incomplete."""
    state, why = status(settings) if check else ("ok", "")
    if state == "missing":
        raise IndexMissing(f"{why}; build it with `qa ingest --index {settings.index_dir}` (or `make run`)")
    if state == "incomplete":
        raise IndexUnusable(f"{why}; rebuild it with `qa ingest` (or ask with --ingest)")
    if state == "stale":
        raise IndexStale(f"index is stale: {why}; rebuild with `qa ingest` (or ask with --ingest)")
    gen = current_dir(settings)
    if gen is None:
        raise IndexMissing(f"no index in {str(settings.index_dir)!r}; build it with `qa ingest`")
    return Index(gen, settings)
