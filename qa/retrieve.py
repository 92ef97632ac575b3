"""Hybrid retrieval: dense (Chroma, m3e-small) and BM25 (jieba) fused by reciprocal rank."""

from __future__ import annotations

from collections.abc import Sequence

from qa.index import Index
from qa.model import Hit

RRF_K = 60


def search(
    index: Index,
    query: str,
    k: int = 5,
    *,
    issue: str | None = None,
    issues: Sequence[str] | None = None,
    month: str | None = None,
    kind: str | None = None,
    depth: int = 30,
    dense: bool = True,
) -> list[Hit]:
    """Top-k chunks for a query, optionally only of one issue (or of any of `issues`), data month or
    kind ("text"/"table"). News-only issues have no data month: `issues` is how a scope reaches them.

    Each hit keeps its dense similarity and BM25 score, which the answer layer uses for calibration.
    `dense=False` ranks by BM25 alone (for the retrieval ablation).
    """
    if k < 1:
        raise ValueError(f"k must be at least 1, got {k!r}")
    if issues is not None and not issues:
        return []
    filters = {"issue": issue, "data_month": month, "kind": kind}
    filters = {key: v for key, v in filters.items() if v is not None}
    wanted = set(issues) if issues is not None else None
    allowed = [
        i
        for i, c in enumerate(index.chunks)
        if all(getattr(c, key) == v for key, v in filters.items()) and (wanted is None or c.issue in wanted)
    ]
    if not allowed:
        return []
    ok = set(allowed)
    # BM25 over jieba tokens.
    scores = index.bm25.get_scores(index.tokenizer(query))
    bm_rank = sorted((i for i in allowed if scores[i] > 0), key=lambda i: -scores[i])[:depth]
    # Dense over Chroma, with the same filter.
    sims: dict[int, float] = {}
    if dense:
        where: list[dict] = [{key: v} for key, v in filters.items()]
        if wanted is not None:
            where.append({"issue": {"$in": sorted(wanted)}})
        vec = index.vectors.embeddings.embed_query(query)
        res = index.vectors.similarity_search_by_vector_with_relevance_scores(
            vec,
            k=min(depth, len(allowed)),
            filter=(where[0] if len(where) == 1 else {"$and": where}) if where else None,
        )
        for doc, dist in res:
            i = index.pos.get(doc.metadata.get("chunk"))
            if i is not None and i in ok:
                sims[i] = 1.0 - float(dist)
    dense_rank = sorted(sims, key=lambda i: -sims[i])
    fused: dict[int, float] = {}
    for ranking in (bm_rank, dense_rank):
        for r, i in enumerate(ranking):
            fused[i] = fused.get(i, 0.0) + 1.0 / (RRF_K + r + 1)
    top = sorted(fused, key=lambda i: -fused[i])[:k]
    if dense:
        # a chunk BM25 found below the dense depth has a similarity all the same: read it, never take it as 0
        unseen = [i for i in top if i not in sims]
        if unseen:
            got = index.vectors._collection.get(
                ids=[index.chunks[i].id for i in unseen], include=["embeddings"]
            )
            norm = sum(x * x for x in vec) ** 0.5 or 1.0
            for cid, v in zip(got["ids"], got["embeddings"], strict=True):
                i = index.pos.get(cid)
                if i is not None:
                    vn = sum(float(x) * float(x) for x in v) ** 0.5 or 1.0
                    sims[i] = sum(float(a) * float(b) for a, b in zip(vec, v, strict=True)) / (norm * vn)
    return [
        Hit(index.chunks[i], fused[i], sims.get(i), float(scores[i]) if scores[i] > 0 else None) for i in top
    ]
