"""The naive RAG a LangChain tutorial builds, kept as the yardstick the project is measured against.

Raw text split by RecursiveCharacterTextSplitter, embedded with the same model into Chroma, and the top
chunk returned as the answer. It never refuses and never reads a table as a table.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from qa.config import Settings
from qa.index import chroma_client, corpus_files
from qa.model import Answer, Source
from qa.parse.text import decode

CHUNK_SIZE = 300  # characters; small enough that the top chunk fits an answer
CHUNK_OVERLAP = 30


class Baseline:
    def __init__(self, settings: Settings, workdir: Path | None = None):
        from langchain_chroma import Chroma
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        from qa.embed import Embedder

        self._tmp = None
        if workdir is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="qa-baseline-")
            workdir = Path(self._tmp.name)
        splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
        texts, metas = [], []
        for p in corpus_files(settings):
            for i, chunk in enumerate(splitter.split_text(decode(p.read_bytes(), str(p)))):
                texts.append(chunk)
                metas.append({"file": p.name, "n": i})
        self.store = Chroma(
            collection_name="baseline",
            embedding_function=Embedder(settings),
            client=chroma_client(workdir / "chroma"),
            collection_configuration={"hnsw": {"space": "cosine"}},
        )
        for i in range(0, len(texts), 256):
            self.store.add_texts(texts[i : i + 256], metadatas=metas[i : i + 256])
        self.chunks = len(texts)

    def ask(self, question: str, history: list | None = None) -> Answer:
        docs = self.store.similarity_search(question, k=1)
        if not docs:
            return Answer(question, "", False, "none")
        d = docs[0]
        src = Source(d.metadata.get("file", ""), "", "text", d.page_content, 0, d.metadata.get("file", ""))
        return Answer(question, d.page_content, True, "text", [src])
