"""Serve 简报问答: the chat at /, the widget at /widget.js, the API at /api (docs at /docs), the admin
page at /admin. The same as `qa serve`, kept for `make run`, `python app.py` and `uvicorn app:app`:

    python app.py [--host H] [--port P] [--index DIR] [--corpus DIR]     (or QA_HOST, QA_PORT, …)
    uvicorn app:app                                                       (settings from QA_* only)

Builds the index from the corpus first when it is missing or stale. Always one worker: Gradio keeps
its sessions and queue in this process. `python app.py` adds the connection limits of qa/web/serve.py
(header timeout, connection caps); under plain `uvicorn app:app`, put a reverse proxy in front.
"""

from __future__ import annotations

import sys
from typing import Any

import qa  # noqa: F401  (offline environment before anything imports gradio)


def __getattr__(name: str) -> Any:
    """`app` is made on first access, so importing this module (or `--help`) stays fast."""
    if name == "app":
        from qa.web.app import create_app

        globals()["app"] = application = create_app()
        return application
    raise AttributeError(name)


def main(argv: list[str] | None = None) -> int:
    """`qa serve` with these arguments: one command line for the web app."""
    from qa.cli import main as qa_main

    return qa_main(["serve", *(sys.argv[1:] if argv is None else argv)])


if __name__ == "__main__":
    sys.exit(main())
