"""Command line: parses arguments, calls the library, formats output, maps errors to exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qa.errors import BadQuestion, QAError


def _settings(args):
    from qa.config import Settings

    return Settings.from_env(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index", None),
        embedding_model=getattr(args, "model", None),
    )


def cmd_parse(args) -> int:
    from qa.parse import parse_file, to_text

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
    rep = build(settings, progress=not args.quiet, force=args.force)
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

    index = open_index(_settings(args))
    hits = search(index, args.query, k=args.k, issue=args.issue, month=args.month, kind=args.kind)
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

    settings = _settings(args)
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
    eng = _engine(args)
    if args.jsonl:
        return ask_jsonl(eng, sys.stdin, sys.stdout)
    if not args.question:
        raise BadQuestion("give a question, or --jsonl to read questions from standard input")
    a = eng.ask(args.question, [])
    if args.json:
        print(json.dumps(a.to_dict(), ensure_ascii=False))
    else:
        _print_answer(a)
    return 0 if a.found else 1


def ask_jsonl(eng, stdin, stdout) -> int:
    """One JSON answer line per input line, in order, flushed; a bad line gets an error line."""
    for n, raw in enumerate(stdin, 1):
        line = raw.rstrip("\n")
        qid, question, history = n, line, []
        if line.lstrip().startswith("{"):
            try:
                obj = json.loads(line)
                if not isinstance(obj, dict):
                    raise ValueError("not an object")
                qid = obj.get("id", n)
                question = obj.get("question", obj.get("q", ""))
                history = obj.get("history", [])
            except ValueError as e:
                out = {
                    "id": n,
                    "question": line[:200],
                    "answer": f"第{n}行不是合法的 JSON：{e}",
                    "found": False,
                    "route": "none",
                    "sources": [],
                    "error": "bad json",
                }
                stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
                stdout.flush()
                continue
        try:
            out = {"id": qid, **eng.ask(question, history).to_dict()}
        except BadQuestion as e:
            out = {
                "id": qid,
                "question": str(question)[:200],
                "answer": f"无法回答：{e}",
                "found": False,
                "route": "none",
                "sources": [],
                "error": str(e),
            }
        stdout.write(json.dumps(out, ensure_ascii=False) + "\n")
        stdout.flush()
    return 0


def cmd_eval(args) -> int:
    from qa import evaluate

    systems = {"qa": evaluate.answerer(_engine(args))}
    if args.baseline:
        from qa.baseline import Baseline

        systems["baseline"] = evaluate.answerer(Baseline(_settings(args)))
    totals = {name: evaluate.Score() for name in systems}
    for path in args.files:
        gold = evaluate.load(path)
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
    sp.set_defaults(func=cmd_ingest)

    sp = sub.add_parser("search", help="show the passages retrieval finds for a query")
    sp.add_argument("query")
    sp.add_argument("--k", type=int, default=5)
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
