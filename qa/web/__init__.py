"""The web layer: FastAPI app factory, `/api`, the Gradio chat and `widget.js`.

`create_app` is imported lazily so that `import qa.web` stays cheap (gradio takes seconds to import).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from qa.web.app import create_app

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    if name == "create_app":
        from qa.web.app import create_app

        return create_app
    raise AttributeError(name)
