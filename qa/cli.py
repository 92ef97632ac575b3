"""Command line: parses arguments, calls the library, formats output, maps errors to exit codes.

Every failure a user can cause ends as `error: …` on stderr and the documented exit code (qa/errors.py);
an exception we did not expect is exit 70 with one line, its traceback only with QA_DEBUG=1.
"""

from __future__ import annotations

import argparse
import errno
import json
import sys
import traceback
from pathlib import Path

from qa.errors import EXIT_INTERNAL, BadInput, BadQuestion, ParseError, QAError, StorageError
from qa.inputs import check_history, check_question, scrub

MAX_LINE = 1 << 20  # bytes of one --jsonl input line; longer lines are refused, not read into memory


def _settings(args, **overrides):
    from qa.config import Settings

    return Settings.from_env(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index", None),
        embedding_model=getattr(args, "model", None),
        **overrides,
    )


def _reading(args, **overrides):
    """Settings to answer from an index: judged against the corpus recorded in its manifest unless a
    corpus folder is given (--corpus or QA_CORPUS_DIR)."""
    import os

    from qa.config import DOC
    from qa.index import reading

    given = getattr(args, "corpus", None) is not None or bool(os.environ.get(DOC["corpus_dir"][0]))
    return reading(_settings(args, **overrides), given)


def cmd_parse(args) -> int:
    from qa.parse import parse_file, to_text

    limit = _settings(args).max_bulletin_mb
    try:
        size = args.file.stat().st_size
    except OSError as e:
        raise ParseError(f"cannot read the file ({e.strerror})", str(args.file)) from None
    if size > limit * 1024 * 1024:
        raise ParseError(
            f"file is {size / 1048576:.1f} MB; the limit is {limit:g} MB per bulletin (QA_MAX_BULLETIN_MB)",
            str(args.file),
        )
    if args.text:
        print(to_text(args.file))
        return 0
    b = parse_file(args.file)
    if args.json:
        print(json.dumps(b.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(f"{b.title} {b.issue}" + (f"（总第{b.running}期）" if b.running else ""))
        print(f"出版 {b.published} · 数据月份 {b.data_month} · {b.publisher}")
        for s in b.sections:
            print(f"  [{s.kind}] {s.title or '(无标题)'} — {len(s.paragraphs)} 段 (第{s.line}行)")
        for t in b.tables:
            cols = "、".join(c.name + (f"({c.unit})" if c.unit else "") for c in t.columns)
            total = " · 合计" if t.total else ""
            print(f"  [table] {t.title} — {len(t.rows)} 行{total} · {t.entity_kind} · 列: {cols}")
        if b.contact:
            print("  联系: " + "，".join(f"{k}={v}" for k, v in b.contact.items()))
    for w in b.warnings:
        print(f"warning: {w}", file=sys.stderr)
    return 0


def cmd_ingest(args) -> int:
    from qa.index import build

    settings = _settings(args)
    print(f"indexing {settings.corpus_dir} → {settings.index_dir}", file=sys.stderr)
    rep = build(settings, progress=not args.quiet, force=args.force, wait=args.wait)
    for w in rep.warnings:
        print(f"warning: {w}", file=sys.stderr)
    for f in rep.failures:
        print(f"error: {f}", file=sys.stderr)
    for k in rep.kept:
        print(f"kept the last good version of {k}", file=sys.stderr)
    print(rep.summary())
    return 3 if rep.failures else 0


def cmd_search(args) -> int:
    from qa.index import open_index
    from qa.retrieve import search

    query = check_question(args.query).strip()
    if not query:
        raise BadQuestion("the search query is empty")
    index = open_index(_reading(args))
    hits = search(index, query, k=args.k, issue=args.issue, month=args.month, kind=args.kind)
    if args.json:
        print(
            json.dumps(
                [
                    {
                        "score": round(h.score, 5),
                        "dense": h.dense,
                        "bm25": h.bm25,
                        "id": h.chunk.id,
                        "issue": h.chunk.issue,
                        "data_month": h.chunk.data_month,
                        "section": h.chunk.section,
                        "kind": h.chunk.kind,
                        "line": h.chunk.line,
                        "text": h.chunk.text,
                    }
                    for h in hits
                ],
                ensure_ascii=False,
                indent=1,
            )
        )
    else:
        for n, h in enumerate(hits, 1):
            print(f"{n}. [{h.chunk.issue} · {h.chunk.section[:30]} · 第{h.chunk.line}行] {h.chunk.text}")
    return 0


def _engine(args):
    from qa.answer import engine
    from qa.index import build, status

    settings = _reading(args)
    if getattr(args, "ingest", False) and status(settings)[0] != "ok":
        rep = build(settings, progress=False)
        print(rep.summary(), file=sys.stderr)
    return engine(settings)


def _print_answer(a) -> None:
    print(a.text)
    if a.sources:
        print("\n来源：")
        for s in a.sources:
            print(f"  - {s.issue} · {s.title} · 第{s.line}行：{s.text}")


def cmd_ask(args) -> int:
    if not args.jsonl:
        if args.question is None:
            raise BadQuestion("give a question, or --jsonl to read questions from standard input")
        check_question(args.question)
    eng = _engine(args)
    if args.jsonl:
        return ask_jsonl(eng, sys.stdin, sys.stdout)
    a = eng.ask(args.question, [])
    if args.json:
        print(json.dumps(a.to_dict(), ensure_ascii=False))
    else:
        _print_answer(a)
    return 0 if a.found else 1


def _lines(stdin):
    """(number, text or None, problem) per input line. Bytes are read when the stream has them, so
    that a line that is not UTF-8, or longer than MAX_LINE, is one bad line and not the end of the
    batch."""
    raw = getattr(stdin, "buffer", None)
    n = 0
    while True:
        n += 1
        if raw is None:
            line = stdin.readline()
            if not line:
                return
            yield n, line.rstrip("\r\n"), ""
            continue
        data = raw.readline(MAX_LINE)
        if not data:
            return
        if len(data) == MAX_LINE and not data.endswith(b"\n"):
            while True:  # skip the rest of the overlong line
                more = raw.readline(MAX_LINE)
                if not more or more.endswith(b"\n"):
                    break
            yield n, None, f"第{n}行超过 {MAX_LINE} 字节"
            continue
        if n == 1 and data.startswith(b"\xef\xbb\xbf"):
            data = data[3:]
        try:
            yield n, data.decode("utf-8").rstrip("\r\n"), ""
        except UnicodeDecodeError as e:
            yield n, None, f"第{n}行不是 UTF-8 文本（第 {e.start + 1} 个字节）"


def _refusal(qid, question, answer: str, error: str) -> dict:
    return {
        "id": qid,
        "question": question[:200] if isinstance(question, str) else question,
        "answer": answer,
        "found": False,
        "route": "none",
        "sources": [],
        "error": error,
    }


def ask_jsonl(eng, stdin, stdout, max_history: int | None = None) -> int:
    """One JSON answer line per input line, in order, flushed; a bad line gets an error line and the
    batch goes on. Exit 0, or the code of the worst error that was not the input's fault."""
    limit = max_history if max_history is not None else eng.settings.max_history
    worst = 0
    for n, line, problem in _lines(stdin):
        qid: object = n
        question: object = line
        if line is None:
            out = _refusal(n, "", f"无法回答：{problem}", "bad input: " + problem)
        else:
            out = None
            history: object = []
            if line.lstrip().startswith("{"):
                try:
                    obj = json.loads(line)
                    if not isinstance(obj, dict):
                        raise ValueError("not an object")
                    qid = obj.get("id", n)
                    question = obj.get("question", obj.get("q", ""))
                    history = obj.get("history", [])
                except (ValueError, RecursionError) as e:
                    why = "nested too deeply" if isinstance(e, RecursionError) else str(e)
                    out = _refusal(n, line, f"第{n}行不是合法的 JSON：{why}", "bad json")
            if out is None:
                try:
                    q = check_question(question)
                    turns = check_history(history, limit)
                    out = {"id": qid, **eng.ask(q, turns).to_dict()}
                except BadInput as e:
                    out = _refusal(qid, question, f"无法回答：{e}", str(e))
                except QAError as e:  # the index or model failed under us: say so, go on, exit non-zero
                    print(f"error: line {n}: {e}", file=sys.stderr)
                    worst = max(worst, e.exit_code)
                    out = _refusal(qid, question, f"无法回答：{e}", str(e))
                except Exception as e:  # a bug: one line lost, not the batch
                    print(f"error: line {n}: internal error ({type(e).__name__})", file=sys.stderr)
                    worst = max(worst, EXIT_INTERNAL)
                    out = _refusal(
                        qid, question, "无法回答：内部错误", f"internal error ({type(e).__name__})"
                    )
        stdout.write(json.dumps(scrub(out), ensure_ascii=False) + "\n")
        stdout.flush()
    return worst


def cmd_eval(args) -> int:
    from qa import evaluate

    golds = [(path, _gold(path)) for path in args.files]  # every file checked before the model loads
    systems = {"qa": evaluate.answerer(_engine(args))}
    if args.baseline:
        from qa.baseline import Baseline

        systems["baseline"] = evaluate.answerer(Baseline(_reading(args)))
    totals = {name: evaluate.Score() for name in systems}
    for path, gold in golds:
        for name, answer in systems.items():
            score = evaluate.run(gold, answer)
            if name == "qa" and not args.json:
                for f in score.failures:
                    print(f"{path.name}: {f}")
            for c, (r, t) in score.by_cat.items():
                totals[name].by_cat.setdefault(c, [0, 0])
                totals[name].by_cat[c][0] += r
                totals[name].by_cat[c][1] += t
    if args.json:
        print(
            json.dumps(
                {
                    name: {"right": s.right, "total": s.total, "pct": round(s.pct, 1), "by_cat": s.by_cat}
                    for name, s in totals.items()
                },
                ensure_ascii=False,
            )
        )
    else:
        print(evaluate.table(totals))
    return 0 if totals["qa"].pct >= args.min else 1


def cmd_serve(args) -> int:
    """The web app (chat, widget, API, admin page) on QA_HOST:QA_PORT, until interrupted."""
    from qa.web.serve import serve

    return serve(_reading(args, host=args.host, port=args.port))


def _gold(path: Path) -> list[dict]:
    """A question file's items, each an object with text `q` and `cat`; BadInput naming the file."""
    from qa import evaluate

    try:
        items = evaluate.load(path)
    except OSError as e:
        raise BadInput(f"question file {str(path)!r} cannot be read ({e.strerror})") from None
    except UnicodeDecodeError:
        raise BadInput(f"question file {str(path)!r} is not UTF-8 text") from None
    except RecursionError:
        raise BadInput(f"question file {str(path)!r} has JSON nested too deeply") from None
    for n, g in enumerate(items, 1):
        if not (isinstance(g, dict) and isinstance(g.get("q"), str) and isinstance(g.get("cat"), str)):
            raise BadInput(f"{path}: item {n} must be an object with text fields 'q' and 'cat'")
        g.setdefault("id", str(n))
    return items


def _count(lo: int, hi: int):
    """argparse type: a whole number in [lo, hi], refused with the value quoted (exit 2)."""

    def parse(value: str) -> int:
        try:
            n = int(value)
        except ValueError:
            raise argparse.ArgumentTypeError(f"must be a whole number, got {value!r}") from None
        if not lo <= n <= hi:
            raise argparse.ArgumentTypeError(f"must be from {lo} to {hi}, got {value!r}")
        return n

    return parse


def _seconds(value: str) -> float:
    try:
        x = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be a number of seconds, got {value!r}") from None
    if not 0 <= x < float("inf"):
        raise argparse.ArgumentTypeError(f"must be 0 or more seconds, got {value!r}")
    return x


def _index_flags(sp) -> None:
    sp.add_argument("--index", type=Path, help="index folder (QA_INDEX_DIR, default indexes/)")
    sp.add_argument("--model", type=Path, help="embedding model folder (QA_EMBEDDING_MODEL)")


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa", description="简报问答: questions about 南京卫生信息化简报")
    sub = p.add_subparsers(dest="cmd", required=True)

    sp = sub.add_parser("parse", help="parse one bulletin and show what was understood")
    sp.add_argument("file", type=Path)
    sp.add_argument("--json", action="store_true", help="print the parsed bulletin as JSON")
    sp.add_argument(
        "--text",
        action="store_true",
        help="print the text the file is read as (Word and PDF converted; line numbers refer to it)",
    )
    sp.set_defaults(func=cmd_parse)

    sp = sub.add_parser("ingest", help="build or update the index from the corpus")
    sp.add_argument("--corpus", type=Path, help="corpus folder (QA_CORPUS_DIR, default corpus/)")
    _index_flags(sp)
    sp.add_argument("--force", action="store_true", help="rebuild even when up to date")
    sp.add_argument("--quiet", action="store_true", help="no progress bar")
    sp.add_argument(
        "--wait",
        type=_seconds,
        metavar="SECONDS",
        help="when another ingest is writing the index, wait at most this long (default: until it ends)",
    )
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("search", help="show the passages retrieval finds for a query")
    sp.add_argument("query")
    sp.add_argument("--k", type=_count(1, 100), default=5, help="how many passages (1-100)")
    sp.add_argument("--issue", help="only this issue, e.g. 2025年第7期")
    sp.add_argument("--month", help="only this data month, e.g. 2025-06")
    sp.add_argument("--kind", choices=["text", "table"], help="only text passages or only table rows")
    sp.add_argument("--json", action="store_true")
    _index_flags(sp)
    sp.set_defaults(func=cmd_search)

    sp = sub.add_parser("ask", help="answer a question (or --jsonl: one a line from standard input)")
    sp.add_argument("question", nargs="?")
    sp.add_argument("--json", action="store_true", help="print one JSON object")
    sp.add_argument("--jsonl", action="store_true", help="read questions from stdin, write JSON lines")
    sp.add_argument("--ingest", action="store_true", help="build the index first if missing or stale")
    sp.add_argument("--corpus", type=Path, help="corpus folder for --ingest")
    _index_flags(sp)
    sp.set_defaults(func=cmd_ask)

    sp = sub.add_parser("eval", help="grade question files (JSON lines with expect/found)")
    sp.add_argument("files", nargs="+", type=Path)
    sp.add_argument("--min", type=float, default=0.0, help="exit 1 below this percentage")
    sp.add_argument("--baseline", action="store_true", help="also run the naive LangChain RAG, side by side")
    sp.add_argument("--json", action="store_true", help="print the scores as JSON")
    sp.add_argument("--ingest", action="store_true")
    sp.add_argument("--corpus", type=Path)
    _index_flags(sp)
    sp.set_defaults(func=cmd_eval)

    sp = sub.add_parser("serve", help="serve the chat, the widget, the API and the admin page")
    sp.add_argument("--host", help="address to bind (QA_HOST, default 127.0.0.1; 0.0.0.0 for the LAN)")
    sp.add_argument("--port", help="port (QA_PORT, default 7860)")
    sp.add_argument("--corpus", type=Path, help="bulletins folder (QA_CORPUS_DIR; default: the index's own)")
    _index_flags(sp)
    sp.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.func(args)
    except QAError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0
    except OSError as e:  # a file or folder we were not able to read or write, outside the checks above
        full = e.errno in (errno.ENOSPC, errno.EDQUOT, errno.EROFS, errno.EFBIG)
        where = f" {e.filename}" if e.filename else ""
        print(f"error: cannot {'write' if full else 'read or write'}{where}: {e.strerror}", file=sys.stderr)
        _debug()
        return StorageError.exit_code if full else BadInput.exit_code
    except Exception as e:
        print(
            f"error: internal error ({type(e).__name__}); this is a bug, please report it "
            "(QA_DEBUG=1 prints the details)",
            file=sys.stderr,
        )
        _debug()
        return EXIT_INTERNAL


def _debug() -> None:
    """The traceback on stderr when QA_DEBUG=1 (for a bug report); users see one line otherwise."""
    from qa.config import debug_enabled

    if debug_enabled():
        traceback.print_exc()
