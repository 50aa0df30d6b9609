"""The matching service: keeps the engine's corpora in step with the database and answers
"what fits this need / this achievement / this text".

The database is the source of truth. Vectors are cached by (encoder, content hash) in
``embedding_cache``; the FAISS indexes under ``instance/index/`` are rebuilt from it whenever
they are missing, corrupt, built for another encoder, or out of step with the database.
"""
from __future__ import annotations

import logging
import threading
import time
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Literal, Sequence

import numpy as np
from sqlalchemy import delete, func, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from embeddings import IndexError_, Tokenizer, VectorIndex, load_encoder
from embeddings.vector_index import file_lock, read_manifest
from models import (
    Achievement,
    AchievementStatus,
    EmbeddingCache,
    MatchDirection,
    MatchSuggestion,
    NeedStatus,
    ReviewStatus,
    TechNeed,
    utcnow,
)

from . import glossary
from .documents import achievement_doc, need_doc
from .engine import ENGINE_VERSION, Corpus, MatchDoc, MatchingEngine, Mode, RankingConfig, Scored

log = logging.getLogger(__name__)

Side = Literal["need", "achievement"]
SIDES: tuple[Side, ...] = ("need", "achievement")
ENCODE_BATCH = 16


@dataclass(frozen=True)
class SideSpec:
    model: type
    to_doc: Callable
    eligible: object

    def rows(self, session: Session, ids: Sequence[int] | None = None):
        stmt = select(self.model).options(joinedload(self.model.industry))
        stmt = stmt.where(self.model.id.in_(list(ids))) if ids is not None else stmt.where(self.eligible)
        return session.scalars(stmt).unique().all()


SPECS: dict[Side, SideSpec] = {
    "need": SideSpec(TechNeed, need_doc, TechNeed.status == NeedStatus.OPEN),
    "achievement": SideSpec(Achievement, achievement_doc, Achievement.status == AchievementStatus.PUBLISHED),
}


@lru_cache(maxsize=4)
def shared_encoder(spec: str):
    """One encoder per process and spec (loading is cheap, but the model is not small)."""
    return load_encoder(spec)


@lru_cache(maxsize=1)
def shared_tokenizer() -> Tokenizer:
    return Tokenizer(glossary.domain_terms())


class MatchingService:
    """One per application: the engine, its two corpora, and their persisted indexes."""

    def __init__(self, *, encoder_spec: str, index_dir: Path, config: RankingConfig | None = None,
                 verify_interval: float = 5.0) -> None:
        self.encoder_spec = encoder_spec
        self.index_dir = Path(index_dir)
        self.config = config or RankingConfig()
        self.verify_interval = verify_interval
        self.corpora: dict[Side, Corpus] = {}
        self._checksum: dict[Side, str | None] = {}
        self._items: dict[Side, dict[int, str]] = {}
        self._db_mark: dict[Side, tuple] = {}
        self._verified_at: dict[Side, float] = {}
        self._lock = threading.RLock()
        self._engine: MatchingEngine | None = None

    # --- components --------------------------------------------------------------------
    @property
    def engine(self) -> MatchingEngine:
        if self._engine is None:
            self._engine = MatchingEngine(shared_encoder(self.encoder_spec), shared_tokenizer(), self.config)
        return self._engine

    @property
    def encoder_key(self) -> str:
        # The mode is part of the key: the same text encoded as passage gives another vector.
        return f"{self.engine.encoder.name}#query"

    def index_path(self, side: Side) -> Path:
        return self.index_dir / f"{side}s.faiss"

    # --- vectors, cached by content ----------------------------------------------------
    def vectors_for(self, session: Session, docs: Sequence[MatchDoc],
                    progress: Callable[[int], None] | None = None) -> np.ndarray:
        """One vector per doc: from the cache when the text was seen before, else encoded once."""
        if not docs:
            return np.zeros((0, self.engine.encoder.dim), dtype=np.float32)
        hashes = [d.content_hash() for d in docs]
        cached = self._cached(session, set(hashes))
        todo = [(h, d) for h, d in dict(zip(hashes, docs)).items() if h not in cached]
        for start in range(0, len(todo), ENCODE_BATCH):
            batch = todo[start : start + ENCODE_BATCH]
            vectors = self.engine.encode([d for _, d in batch])
            fresh = {h: v for (h, _), v in zip(batch, vectors)}
            self._store(session, fresh)
            cached.update(fresh)
            if progress:
                progress(len(batch))
        if progress:
            progress(len(docs) - len(todo))
        return np.stack([cached[h] for h in hashes])

    def _cached(self, session: Session, hashes: set[str]) -> dict[str, np.ndarray]:
        out: dict[str, np.ndarray] = {}
        hash_list = sorted(hashes)
        for start in range(0, len(hash_list), 500):
            rows = session.execute(
                select(EmbeddingCache.content_hash, EmbeddingCache.vector).where(
                    EmbeddingCache.encoder == self.encoder_key,
                    EmbeddingCache.content_hash.in_(hash_list[start : start + 500]),
                )
            )
            out.update({h: np.frombuffer(v, dtype="<f4").copy() for h, v in rows})
        return out

    def _store(self, session: Session, vectors: dict[str, np.ndarray]) -> None:
        if not vectors:
            return
        rows = [
            {"encoder": self.encoder_key, "content_hash": h, "dim": int(v.shape[0]),
             "vector": np.asarray(v, dtype="<f4").tobytes(), "created_at": utcnow()}
            for h, v in vectors.items()
        ]
        dialect = session.get_bind().dialect.name
        insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[dialect]
        # Two processes may encode the same text at once: the second insert is a no-op.
        session.execute(insert(EmbeddingCache).values(rows).on_conflict_do_nothing())

    # --- index lifecycle ---------------------------------------------------------------
    def ready(self, session: Session) -> None:
        """Make both corpora usable and current: load, reload, repair or rebuild as needed."""
        with self._lock:
            for side in SIDES:
                self._ensure(session, side)

    def _disk_checksum(self, side: Side) -> str | None:
        """What identifies the persisted index: its checksum and the encoder it was built with."""
        try:
            return _identity(read_manifest(self.index_path(side)))
        except IndexError_:
            return None

    def _ensure(self, session: Session, side: Side) -> None:
        if side not in self.corpora or self._disk_checksum(side) != self._checksum.get(side):
            self._load(session, side)
        elif time.monotonic() - self._verified_at.get(side, 0) > self.verify_interval:
            self._verify(session, side)

    def _load(self, session: Session, side: Side) -> None:
        path = self.index_path(side)
        try:
            vectors = VectorIndex.load(path, encoder_name=self.encoder_key, dim=self.engine.encoder.dim)
            manifest = read_manifest(path)
        except IndexError_ as error:
            log.warning("rebuilding the %s index: %s", side, error)
            self.rebuild(session, side)
            return
        corpus = Corpus(side, vectors)
        rows = SPECS[side].rows(session)
        docs = [SPECS[side].to_doc(r) for r in rows]
        corpus.docs = {d.id: d for d in docs}
        corpus.lexical.upsert_many((d.id, self.engine.tokens(d)) for d in docs)
        self.corpora[side] = corpus
        self._checksum[side] = _identity(manifest)
        self._items[side] = {int(k): v for k, v in manifest.get("items", {}).items()}
        self._db_mark.pop(side, None)
        self._verify(session, side)

    def _mark(self, session: Session, side: Side) -> tuple:
        model = SPECS[side].model
        return tuple(session.execute(
            select(func.count(model.id), func.max(model.updated_at), func.sum(model.id)).where(SPECS[side].eligible)
        ).one())

    def _verify(self, session: Session, side: Side) -> None:
        """Repair any drift between the index and the database (a crash, another process)."""
        mark = self._mark(session, side)
        if mark != self._db_mark.get(side):
            rows = SPECS[side].rows(session)
            docs = {r.id: SPECS[side].to_doc(r) for r in rows}
            recorded = self._items.get(side, {})
            changed = [d for i, d in docs.items() if recorded.get(i) != d.content_hash()]
            gone = [i for i in recorded if i not in docs]
            if changed or gone or len(self.corpora[side].vectors) != len(docs):
                log.info("%s index out of step with the database: %d to update, %d to remove",
                         side, len(changed), len(gone))
                self._apply(session, side, changed, gone)
            self._db_mark[side] = mark
        self._verified_at[side] = time.monotonic()

    def rebuild(self, session: Session, side: Side, progress: Callable[[int], None] | None = None) -> int:
        """Build ``side``'s index from the database (re-encoding only texts not cached)."""
        with self._lock:
            docs = [SPECS[side].to_doc(r) for r in SPECS[side].rows(session)]
            vectors = self.vectors_for(session, docs, progress)
            corpus = Corpus(side, VectorIndex(self.engine.encoder.dim, self.encoder_key))
            corpus.put_many(docs, vectors, [self.engine.tokens(d) for d in docs])
            items = {d.id: d.content_hash() for d in docs}
            with file_lock(self.index_path(side)):
                manifest = corpus.vectors.save(self.index_path(side), {"items": items})
            self.corpora[side] = corpus
            self._checksum[side] = _identity(manifest)
            self._items[side] = items
            self._db_mark[side] = self._mark(session, side)
            self._verified_at[side] = time.monotonic()
            return len(docs)

    def _apply(self, session: Session, side: Side, docs: Sequence[MatchDoc], gone: Sequence[int]) -> None:
        """Put changed docs into (or take them out of) the index and persist it, under the lock."""
        put = [d for d in docs if d.eligible]
        drop = [d.id for d in docs if not d.eligible] + list(gone)
        vectors = self.vectors_for(session, put)
        tokens = [self.engine.tokens(d) for d in put]
        path = self.index_path(side)
        with self._lock, file_lock(path):
            if self._disk_checksum(side) not in (None, self._checksum.get(side)):
                # another process saved since we loaded: start from its file, not from ours
                self._load_from_disk_unlocked(session, side)
            corpus = self.corpora[side]
            items = dict(self._items.get(side, {}))
            corpus.put_many(put, vectors, tokens)
            for d in put:
                items[d.id] = d.content_hash()
            for doc_id in drop:
                corpus.drop(doc_id)
                items.pop(doc_id, None)
            manifest = corpus.vectors.save(path, {"items": items})
            self._checksum[side] = _identity(manifest)
            self._items[side] = items

    def _load_from_disk_unlocked(self, session: Session, side: Side) -> None:
        path = self.index_path(side)
        vectors = VectorIndex.load(path, encoder_name=self.encoder_key, dim=self.engine.encoder.dim)
        manifest = read_manifest(path)
        corpus = Corpus(side, vectors)
        ids = [int(i) for i in manifest.get("items", {})]
        docs = [SPECS[side].to_doc(r) for r in SPECS[side].rows(session, ids)]
        corpus.docs = {d.id: d for d in docs}
        corpus.lexical.upsert_many((d.id, self.engine.tokens(d)) for d in docs)
        self.corpora[side] = corpus
        self._checksum[side] = _identity(manifest)
        self._items[side] = {int(k): v for k, v in manifest.get("items", {}).items()}

    def refresh(self, session: Session, side: Side, ids: Sequence[int]) -> None:
        """After a save: re-read these rows and update the index (the hook calls this)."""
        with self._lock:
            if side not in self.corpora:
                self._ensure(session, side)
            rows = SPECS[side].rows(session, ids)
            found = {r.id for r in rows}
            self._apply(session, side, [SPECS[side].to_doc(r) for r in rows], [i for i in ids if i not in found])

    # --- queries -----------------------------------------------------------------------
    def _query_vector(self, session: Session, side: Side, doc: MatchDoc) -> np.ndarray:
        corpus = self.corpora[side]
        if self._items.get(side, {}).get(doc.id) == doc.content_hash():
            vector = corpus.vectors.vector(doc.id)
            if vector is not None:
                return vector
        return self.vectors_for(session, [doc])[0]

    def _rank_for(self, session: Session, doc: MatchDoc, side: Side, k: int, mode: Mode) -> list[Scored]:
        self.ready(session)
        target: Side = "achievement" if side == "need" else "need"
        vector = self._query_vector(session, side, doc) if mode != "bm25" else None
        tokens = self.engine.tokens(doc)
        results = self.engine.rank(self.corpora[target], vector=vector, tokens=tokens, query=doc,
                                   query_side=side, k=k, mode=mode, exclude_org=doc.org_id,
                                   reference=self.corpora[side])
        for result in results:
            result.evidence["terms"] = self.engine.matched_terms(tokens, self.corpora[target], result.id)
        return results

    def suggest_for_need(self, session: Session, need: TechNeed, k: int = 10, mode: Mode = "hybrid") -> list[Scored]:
        return self._rank_for(session, need_doc(need), "need", k, mode)

    def suggest_for_achievement(self, session: Session, ach: Achievement, k: int = 10,
                                mode: Mode = "hybrid") -> list[Scored]:
        return self._rank_for(session, achievement_doc(ach), "achievement", k, mode)

    def search(self, session: Session, text: str, target: Side, k: int = 20, mode: Mode = "hybrid") -> list[Scored]:
        """Ad-hoc search of one library with the same engine."""
        self.ready(session)
        tokens = self.engine.tokens(text)
        vector = self.engine.encode_text(text) if mode != "bm25" else None
        other: Side = "need" if target == "achievement" else "achievement"
        results = self.engine.rank(self.corpora[target], vector=vector, tokens=tokens, k=k, mode=mode,
                                   reference=self.corpora[other])
        for result in results:
            result.evidence["terms"] = self.engine.matched_terms(tokens, self.corpora[target], result.id)
        return results


def _identity(manifest: dict) -> str:
    return f"{manifest.get('checksum')}@{manifest.get('encoder')}"


# --- stored suggestions ----------------------------------------------------------------
def store_suggestions(session: Session, results: Sequence[Scored], *, need_id: int | None = None,
                      achievement_id: int | None = None) -> None:
    """Replace one list of suggestions (a need's or an achievement's), keeping reviewed rows."""
    direction = MatchDirection.NEED_TO_ACHIEVEMENT if need_id is not None else MatchDirection.ACHIEVEMENT_TO_NEED
    owner = MatchSuggestion.need_id == need_id if need_id is not None else MatchSuggestion.achievement_id == achievement_id
    existing = {
        (s.need_id, s.achievement_id): s
        for s in session.scalars(select(MatchSuggestion).where(owner, MatchSuggestion.direction == direction))
    }
    now = utcnow()
    keep = set()
    for rank, result in enumerate(results, start=1):
        key = (need_id, result.id) if need_id is not None else (result.id, achievement_id)
        keep.add(key)
        row = existing.get(key) or MatchSuggestion(need_id=key[0], achievement_id=key[1], direction=direction)
        row.score_fused, row.score_dense, row.score_lexical = result.fused, result.dense, result.lexical
        row.rank, row.explanation, row.engine_version, row.created_at = rank, result.evidence, ENGINE_VERSION, now
        session.add(row)
    stale = [s.id for key, s in existing.items() if key not in keep and s.review_status == ReviewStatus.PENDING]
    if stale:
        session.execute(delete(MatchSuggestion).where(MatchSuggestion.id.in_(stale)))
    session.flush()
