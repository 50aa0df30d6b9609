"""A FAISS inner-product index keyed by database id.

It is persisted inside a snapshot (embeddings.snapshot), whose manifest records the encoder,
dimension, counts and every file's checksum.
"""
from __future__ import annotations

from pathlib import Path
from typing import Iterable

import faiss
import numpy as np


class IndexError_(RuntimeError):
    """The persisted index cannot be used (missing, corrupt, or unreadable)."""


class ManifestMismatch(IndexError_):
    """The persisted index was built for another encoder or dimension."""


def set_threads(n: int | None) -> None:
    """How many threads FAISS may use in this process (several workers must not oversubscribe the cores)."""
    if n:
        faiss.omp_set_num_threads(int(n))


class VectorIndex:
    """Exact cosine search (normalised vectors, inner product) over id-keyed vectors."""

    def __init__(self, dim: int, encoder_name: str) -> None:
        self.dim = dim
        self.encoder_name = encoder_name
        self.index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    # --- contents -------------------------------------------------------------------------
    def __len__(self) -> int:
        return int(self.index.ntotal)

    def ids(self) -> np.ndarray:
        return faiss.vector_to_array(self.index.id_map).astype(np.int64)

    def __contains__(self, item_id: int) -> bool:
        return bool(np.any(self.ids() == item_id))

    def _vectors(self, vectors: np.ndarray) -> np.ndarray:
        vectors = np.ascontiguousarray(np.atleast_2d(vectors), dtype=np.float32)
        if vectors.shape[1] != self.dim:
            raise ValueError(f"vector dimension {vectors.shape[1]} != index dimension {self.dim}")
        return vectors

    def upsert(self, ids: Iterable[int], vectors: np.ndarray) -> None:
        """Add vectors, replacing any already stored under the same ids."""
        ids = np.asarray(list(ids), dtype=np.int64)
        if len(ids) == 0:
            return
        vectors = self._vectors(vectors)
        self.index.remove_ids(ids)
        self.index.add_with_ids(vectors, ids)

    def remove(self, ids: Iterable[int]) -> int:
        ids = np.asarray(list(ids), dtype=np.int64)
        return int(self.index.remove_ids(ids)) if len(ids) else 0

    def vector(self, item_id: int) -> np.ndarray | None:
        try:
            return self.index.reconstruct(int(item_id))
        except RuntimeError:
            return None

    def search(self, query: np.ndarray, k: int) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` nearest ids and their cosine similarities (best first)."""
        if len(self) == 0 or k <= 0:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        scores, ids = self.index.search(self._vectors(query), min(k, len(self)))
        keep = ids[0] >= 0
        return ids[0][keep], scores[0][keep]

    def matrix(self) -> tuple[np.ndarray, np.ndarray]:
        """All ids and their vectors, in storage order."""
        n = len(self)
        if n == 0:
            return np.zeros(0, dtype=np.int64), np.zeros((0, self.dim), dtype=np.float32)
        return self.ids(), self.index.index.reconstruct_n(0, n)

    def scores_for(self, query: np.ndarray, ids: np.ndarray) -> np.ndarray:
        """Cosine similarity of ``query`` with each of ``ids`` (NaN for ids not in the index)."""
        out = np.full(len(ids), np.nan, dtype=np.float32)
        q = self._vectors(query)[0]
        for i, item_id in enumerate(ids):
            v = self.vector(int(item_id))
            if v is not None:
                out[i] = float(v @ q)
        return out

    # --- persistence ----------------------------------------------------------------------
    def write(self, path: Path) -> None:
        """Write the FAISS index to ``path`` (a snapshot file; the snapshot holds the manifest)."""
        faiss.write_index(self.index, str(path))

    @classmethod
    def read(cls, path: Path, *, encoder_name: str, dim: int) -> "VectorIndex":
        """Read an index written by ``write``; IndexError_ when it cannot be used."""
        try:
            raw = faiss.read_index(str(path))
        except RuntimeError as error:
            raise IndexError_(f"cannot read index {path}: {error}") from None
        if raw.d != dim:
            raise ManifestMismatch(f"index {path} holds {raw.d}-dim vectors, the encoder gives {dim}")
        index = cls(dim, encoder_name)
        index.index = raw if isinstance(raw, faiss.IndexIDMap2) else faiss.IndexIDMap2(raw)
        return index
