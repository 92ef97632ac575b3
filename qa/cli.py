"""Command line: parses arguments, calls the library, formats output, maps errors to exit codes."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from qa.errors import QAError


def _settings(args):
    from qa.config import Settings

    return Settings.from_env(
        corpus_dir=getattr(args, "corpus", None),
        index_dir=getattr(args, "index", None),
        embedding_model=getattr(args, "model", None),
    )


def cmd_parse(args) -> int:
    from qa.parse import parse_file

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


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="qa", description="简报问答: questions about 南京卫生信息化简报")
    sub = p.add_subparsers(dest="cmd", required=True)

    sp = sub.add_parser("parse", help="parse one bulletin and show what was understood")
    sp.add_argument("file", type=Path)
    sp.add_argument("--json", action="store_true", help="print the parsed bulletin as JSON")
    sp.set_defaults(func=cmd_parse)
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
