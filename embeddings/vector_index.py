"""A FAISS inner-product index keyed by database id, persisted beside a manifest.

The manifest records the encoder, dimension, count, build time and the index file's SHA-256,
so a loader can tell a missing, corrupt or stale index from a good one. Writes are atomic
(temporary file + rename) and serialised across processes with an advisory file lock.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import tempfile
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterable, Iterator

import faiss
import numpy as np


class IndexError_(RuntimeError):
    """The persisted index cannot be used (missing, corrupt, or unreadable)."""


class ManifestMismatch(IndexError_):
    """The persisted index was built for another encoder or dimension."""


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


class VectorIndex:
    """Exact cosine search (normalised vectors, inner product) over id-keyed vectors."""

    def __init__(self, dim: int, encoder_name: str) -> None:
        self.dim = dim
        self.encoder_name = encoder_name
        self.index = faiss.IndexIDMap2(faiss.IndexFlatIP(dim))
        self.built_at: str | None = None

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
    def manifest(self, checksum: str, extra: dict | None = None) -> dict:
        return {
            **(extra or {}),
            "encoder": self.encoder_name,
            "dim": self.dim,
            "count": len(self),
            "built_at": self.built_at or datetime.now(timezone.utc).isoformat(),
            "checksum": checksum,
            "faiss_version": faiss.__version__,
        }

    def save(self, path: Path, extra: dict | None = None) -> dict:
        """Write ``path`` (.faiss) and ``path``.json atomically; return the manifest.

        ``extra`` is stored in the manifest too (e.g. each id's content hash).
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        os.close(fd)
        try:
            faiss.write_index(self.index, tmp)
            manifest = self.manifest(_sha256(Path(tmp)), extra)
            os.replace(tmp, path)
        finally:
            if os.path.exists(tmp):
                os.unlink(tmp)
        _write_json_atomic(manifest_path(path), manifest)
        return manifest

    @classmethod
    def load(cls, path: Path, *, encoder_name: str, dim: int) -> "VectorIndex":
        """Load and verify; raise IndexError_ (missing/corrupt) or ManifestMismatch (stale)."""
        path = Path(path)
        manifest = read_manifest(path)
        if manifest.get("encoder") != encoder_name or manifest.get("dim") != dim:
            raise ManifestMismatch(
                f"index at {path} was built with {manifest.get('encoder')} ({manifest.get('dim')}-dim), "
                f"configured encoder is {encoder_name} ({dim}-dim)"
            )
        if not path.exists():
            raise IndexError_(f"index file missing: {path}")
        if _sha256(path) != manifest.get("checksum"):
            raise IndexError_(f"index file {path} does not match its manifest checksum (corrupt or half-written)")
        try:
            raw = faiss.read_index(str(path))
        except RuntimeError as error:
            raise IndexError_(f"cannot read index {path}: {error}") from None
        if raw.ntotal != manifest.get("count") or raw.d != dim:
            raise IndexError_(f"index {path} holds {raw.ntotal} vectors, manifest says {manifest.get('count')}")
        index = cls(dim, encoder_name)
        index.index = faiss.IndexIDMap2(raw) if not isinstance(raw, faiss.IndexIDMap2) else raw
        index.built_at = manifest.get("built_at")
        return index


def manifest_path(path: Path) -> Path:
    return Path(str(path) + ".json")


def read_manifest(path: Path) -> dict:
    mpath = manifest_path(Path(path))
    try:
        return json.loads(mpath.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexError_(f"index manifest missing: {mpath}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise IndexError_(f"index manifest {mpath} is not valid JSON: {error}") from None


def _write_json_atomic(path: Path, data: dict) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        json.dump(data, fh, ensure_ascii=False, indent=2)
    os.replace(tmp, path)


@contextmanager
def file_lock(path: Path) -> Iterator[None]:
    """An exclusive advisory lock shared by every process that writes the index at ``path``."""
    lock_path = Path(str(path) + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with open(lock_path, "a") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)
