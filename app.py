"""Serve 简报问答: the chat at /, the widget at /widget.js, the API at /api (docs at /docs).

    python app.py [--host H] [--port P] [--index DIR] [--corpus DIR]     (or QA_HOST, QA_PORT, …)
    uvicorn app:app                                                       (settings from QA_* only)

Builds the index from the corpus first when it is missing or stale. Always one worker: Gradio keeps
its sessions and queue in this process. `python app.py` adds the connection limits of qa/web/serve.py
(header timeout, connection caps); under plain `uvicorn app:app`, put a reverse proxy in front.
"""

from __future__ import annotations

import argparse
import sys
from typing import Any

import qa  # noqa: F401  (offline environment before anything imports gradio)
from qa.config import url_host
from qa.errors import QAError


def __getattr__(name: str) -> Any:
    """`app` is made on first access, so importing this module (or `--help`) stays fast."""
    if name == "app":
        from qa.web.app import create_app

        globals()["app"] = application = create_app()
        return application
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(prog="app.py", description="Serve the 简报问答 chat, widget and API.")
    p.add_argument("--host", help="address to bind (QA_HOST, default 127.0.0.1)")
    p.add_argument("--port", help="port (QA_PORT, default 7860)")
    p.add_argument("--index", help="index folder (QA_INDEX_DIR)")
    p.add_argument("--corpus", help="bulletins folder the index is built from (QA_CORPUS_DIR)")
    args = p.parse_args(argv)
    try:
        from qa.config import Settings
        from qa.web.app import create_app
        from qa.web.serve import run

        settings = Settings.from_env(
            host=args.host, port=args.port, index_dir=args.index, corpus_dir=args.corpus
        )
        application = create_app(settings)
    except QAError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except OSError as e:
        print(f"error: cannot read or write {e.filename or ''}: {e.strerror}", file=sys.stderr)
        return 2
    print(
        f"简报问答: http://{url_host(settings.host)}:{settings.port}/  "
        f"(allowed origins: {', '.join(settings.origins)})"
    )
    run(application, settings)
    return 0


if __name__ == "__main__":
    sys.exit(main())
