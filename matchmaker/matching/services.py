"""The matching service of one process: the engine and the two corpora (needs, achievements),
kept in step with the database through the index log.

Readers (web workers, CLI commands) load the latest snapshot once, then apply the index log's
new entries: one cheap query tells them whether anything changed, and each entry carries its
document's facts, tokens and vector, so nothing is re-read, re-tokenised or re-encoded. Readers
never build: with no usable snapshot they raise ``IndexUnavailable`` and the pages keep serving
the stored suggestion lists while the task consumer rebuilds.

The writer (the task consumer, and scripts that own their database) encodes changed texts,
appends to the log in one ordered transaction and writes a new snapshot, under the snapshot
store's lock. The database stays the source of truth: the index can always be rebuilt from it.
"""
from __future__ import annotations

import json
import logging
import threading
from dataclasses import dataclass
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Callable, Literal, Sequence

import numpy as np
from sqlalchemy import func, select, text
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from embeddings import IndexError_, SnapshotStore, Tokenizer, VectorIndex, load_encoder, set_threads
from models import (
    Achievement,
    AchievementStatus,
    EmbeddingCache,
    IndexChange,
    NeedStatus,
    TechNeed,
    utcnow,
)

from . import glossary, glossary_layer
from .documents import achievement_doc, need_doc
from .engine import Corpus, MatchDoc, MatchingEngine, Mode, RankingConfig, Scored
from .version import engine_version

log = logging.getLogger(__name__)

Side = Literal["need", "achievement"]
SIDES: tuple[Side, ...] = ("need", "achievement")
ENCODE_BATCH = 16
#: PostgreSQL advisory-lock key held while appending to the index log, so that sequence
#: numbers are committed in order even with writers on several hosts.
LOG_LOCK_KEY = 0x4D4D_4958
#: Index-log entries read per query while catching up.
CATCH_UP_BATCH = 2000


class IndexUnavailable(RuntimeError):
    """No usable index snapshot in this process yet; the task consumer builds one."""


def other_side(side: Side) -> Side:
    return "achievement" if side == "need" else "need"


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


@dataclass(frozen=True)
class ItemChange:
    """What one update did to one item of the index."""

    side: Side
    item_id: int
    #: In the index (open need / published achievement) before and after.
    was_indexed: bool
    is_indexed: bool
    #: Its matching text changed (a new vector).
    text_changed: bool
    #: An entry was written to the index log for it (put or drop).
    logged: bool = False


@lru_cache(maxsize=4)
def shared_encoder(spec: str):
    """One encoder per process and spec (loading is cheap, but the model is not small)."""
    return load_encoder(spec)


@lru_cache(maxsize=2)
def shared_tokenizer(terms: tuple[str, ...]) -> Tokenizer:
    """One tokenizer per process and domain dictionary (two while the glossary changes)."""
    return Tokenizer(terms)


class MatchingService:
    """One per application and process: the engine, its two corpora, and their snapshots."""

    def __init__(self, *, encoder_spec: str, index_dir: Path, config: RankingConfig | None = None,
                 faiss_threads: int | None = None) -> None:
        self.encoder_spec = encoder_spec
        self.store = SnapshotStore(index_dir)
        self.config = config or RankingConfig()
        self.corpora: dict[Side, Corpus] = {}
        #: Position in the index log up to which this process's corpora are current.
        self.applied_seq = 0
        self.snapshot_name: str | None = None
        #: ``glossary.layer_key()`` of the glossary every document of the index was last tokenised
        #: and encoded with (the writer re-indexes when the glossary in use differs).
        self.index_glossary = ""
        self._lock = threading.RLock()
        self._engine: MatchingEngine | None = None
        self._engine_generation: int | None = None
        self._version: str | None = None
        self._version_generation: int | None = None
        set_threads(faiss_threads)

    # --- components --------------------------------------------------------------------
    @property
    def engine(self) -> MatchingEngine:
        generation = glossary.generation()
        if self._engine is None or self._engine_generation != generation:
            # the glossary's terms are jieba's dictionary: a new term needs a tokenizer that knows it
            tokenizer = shared_tokenizer(tuple(glossary.domain_terms()))
            if self._engine is None or self._engine.tokenizer is not tokenizer:
                self._engine = MatchingEngine(shared_encoder(self.encoder_spec), tokenizer, self.config)
            self._engine_generation = generation
        return self._engine

    @property
    def version(self) -> str:
        """The engine version (``version.engine_version``) with the glossary this process uses now."""
        generation = glossary.generation()
        if self._version is None or self._version_generation != generation:
            self._version = engine_version(self.config, self.encoder_spec)
            self._version_generation = generation
        return self._version

    def follow_glossary(self, session: Session) -> bool:
        """Use the brokers' glossary pairs the database holds now (one cheap query when unchanged).

        Under the service's lock: a list is never ranked with one glossary and labelled with another.
        """
        with self._lock:
            return glossary_layer.follow(session)

    @property
    def encoder_key(self) -> str:
        # The mode is part of the key: the same text encoded as passage gives another vector.
        return f"{self.engine.encoder.name}#query"

    @property
    def index_dir(self) -> Path:
        return self.store.root

    @property
    def lock(self) -> threading.RLock:
        """Held while ranking or changing the corpora (the consumer may run several threads)."""
        return self._lock

    # --- vectors, cached by content ----------------------------------------------------
    def vectors_for(self, session: Session, docs: Sequence[MatchDoc],
                    progress: Callable[[int], None] | None = None) -> np.ndarray:
        """One vector per doc: from the cache when the text was seen before, else encoded once."""
        if not docs:
            return np.zeros((0, self.engine.encoder.dim), dtype=np.float32)
        hashes = [d.content_hash() for d in docs]
        cached = self.cached_vectors(session, set(hashes))
        todo = [(h, d) for h, d in dict(zip(hashes, docs)).items() if h not in cached]
        for start in range(0, len(todo), ENCODE_BATCH):
            batch = todo[start : start + ENCODE_BATCH]
            vectors = self.engine.encode([d for _, d in batch])
            fresh = {h: v for (h, _), v in zip(batch, vectors)}
            self._store_vectors(session, fresh)
            cached.update(fresh)
            if progress:
                progress(len(batch))
        if progress:
            progress(len(docs) - len(todo))
        return np.stack([cached[h] for h in hashes])

    def cached_vectors(self, session: Session, hashes: set[str]) -> dict[str, np.ndarray]:
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

    def _store_vectors(self, session: Session, vectors: dict[str, np.ndarray]) -> None:
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

    # --- reading: snapshot + index log -------------------------------------------------
    def sync(self, session: Session) -> None:
        """Make this process's corpora current: load the snapshot once, then apply the log.

        Reads only. Raises IndexUnavailable when there is no usable snapshot.
        """
        with self._lock:
            self.follow_glossary(session)
            if not self.corpora:
                self._load_snapshot()
            self._catch_up(session)

    def _load_snapshot(self) -> None:
        try:
            snapshot = self.store.read()
        except IndexError_ as error:
            raise IndexUnavailable(str(error)) from None
        manifest = snapshot.manifest
        if manifest.get("encoder") != self.encoder_key or manifest.get("dim") != self.engine.encoder.dim:
            raise IndexUnavailable(
                f"the index at {snapshot.path} was built with {manifest.get('encoder')}, "
                f"the configured encoder is {self.encoder_key}"
            )
        try:
            corpora = {side: self._read_corpus(snapshot.file, side) for side in SIDES}
        except (IndexError_, OSError, ValueError, KeyError) as error:
            raise IndexUnavailable(f"cannot read the index snapshot {snapshot.path}: {error}") from None
        self.corpora = corpora
        self.applied_seq = int(manifest.get("seq") or 0)
        self.snapshot_name = snapshot.name
        self.index_glossary = manifest.get("glossary") or ""

    def _read_corpus(self, file: Callable[[str], Path], side: Side) -> Corpus:
        vectors = VectorIndex.read(file(f"{side}.faiss"), encoder_name=self.encoder_key, dim=self.engine.encoder.dim)
        entries = json.loads(file(f"{side}.docs.json").read_text(encoding="utf-8"))
        corpus = Corpus(side, vectors)
        docs = [MatchDoc.from_dict(e["doc"]) for e in entries]
        for doc, entry in zip(docs, entries):
            corpus.docs[doc.id] = doc
            corpus.hashes[doc.id] = entry["hash"]
        corpus.lexical.upsert_many((doc.id, entry["tokens"]) for doc, entry in zip(docs, entries))
        if len(vectors) != len(docs):
            raise ValueError(f"{side}: {len(vectors)} vectors for {len(docs)} documents")
        return corpus

    def _catch_up(self, session: Session) -> None:
        low, high = session.execute(select(func.min(IndexChange.seq), func.max(IndexChange.seq))).one()
        if (high or 0) < self.applied_seq:
            # the newest log entry is never pruned: a log behind the snapshot is another database's
            self.corpora = {}
            raise IndexUnavailable(
                f"the index snapshot (log position {self.applied_seq}) was built from another database "
                f"(whose index log ends at {high or 0})"
            )
        if high is None or high == self.applied_seq:
            return
        if low > self.applied_seq + 1 and self._snapshot_covers(low - 1):
            # entries this process has not seen were pruned: the newer snapshot holds them
            self._load_snapshot()
        while True:
            entries = session.scalars(
                select(IndexChange).where(IndexChange.seq > self.applied_seq)
                .order_by(IndexChange.seq).limit(CATCH_UP_BATCH)
            ).all()
            if not entries:
                return
            for entry in entries:
                if entry.op == "reset":
                    if not self._snapshot_covers(entry.seq):
                        return  # the writer is still saving the rebuilt snapshot: keep serving this one
                    self._load_snapshot()
                    break  # go on from the reloaded snapshot's position
                self._apply_entry(entry.side, entry.op, entry.item_id, entry.doc, entry.tokens,
                                  entry.vector, entry.content_hash)
                self.applied_seq = entry.seq

    def _snapshot_covers(self, seq: int) -> bool:
        try:
            return int(self.store.read(verify=False).manifest.get("seq") or 0) >= seq
        except IndexError_:
            return False

    def _apply_entry(self, side: str, op: str, item_id: int | None, doc: dict | None, tokens: list | None,
                     vector: bytes | None, content_hash: str | None) -> None:
        corpus = self.corpora[side]
        if op == "drop":
            corpus.drop(item_id)
        elif op == "put":
            corpus.put(MatchDoc.from_dict(doc), np.frombuffer(vector, dtype="<f4"), tokens or [], content_hash)

    # --- writing (the task consumer) ---------------------------------------------------
    def rebuild(self, session: Session, side: Side | None = None,
                progress: Callable[[int], None] | None = None) -> dict[Side, int]:
        """Build the corpora from the database (re-encoding only texts not cached), log a reset
        and write a snapshot. ``side`` rebuilds one side and keeps the other if it is usable."""
        with self._lock, self.store.lock():
            self.follow_glossary(session)
            corpora = dict(self.corpora)
            if side is not None and not corpora:
                try:
                    self._load_snapshot()
                    corpora = dict(self.corpora)
                except IndexUnavailable:
                    side = None
            sides = SIDES if side is None else (side,)
            for s in sides:
                corpora[s] = self._build_corpus(session, s, progress)
            session.commit()  # the vectors encoded on the way
            (seq,) = self._append(session, [IndexChange(side="*", op="reset")])
            self.corpora = corpora
            self.applied_seq = seq
            if side is None:
                self.index_glossary = glossary.layer_key()
            self._write_snapshot()
            return {s: len(corpora[s]) for s in sides}

    def _build_corpus(self, session: Session, side: Side, progress: Callable[[int], None] | None) -> Corpus:
        docs = [SPECS[side].to_doc(r) for r in SPECS[side].rows(session)]
        vectors = self.vectors_for(session, docs, progress)
        corpus = Corpus(side, VectorIndex(self.engine.encoder.dim, self.encoder_key))
        corpus.put_many(docs, vectors, [self.engine.tokens(d) for d in docs])
        return corpus

    def ensure_writable(self, session: Session) -> None:
        """Writer start: load the snapshot (rebuild when there is none usable) and catch up."""
        with self._lock:
            try:
                self.sync(session)
            except IndexUnavailable as error:
                log.warning("rebuilding the matching index: %s", error)
                self.rebuild(session)

    def update(self, session: Session, side: Side, ids: Sequence[int]) -> list[ItemChange]:
        """Bring these items of the index in line with the database; log and persist the change."""
        self.follow_glossary(session)
        rows = {r.id: r for r in SPECS[side].rows(session, ids)}
        docs = [SPECS[side].to_doc(rows[i]) for i in ids if i in rows]
        put = [d for d in docs if d.eligible]
        vectors = self.vectors_for(session, put)
        tokens = [self.engine.tokens(d) for d in put]
        session.commit()  # encoded vectors are cached whatever happens next
        with self._lock, self.store.lock():
            self.ensure_writable(session)
            corpus = self.corpora[side]
            entries: list[IndexChange] = []
            changes: list[ItemChange] = []
            for doc, vector, toks in zip(put, vectors, tokens):
                content_hash = doc.content_hash()
                was = doc.id in corpus.docs
                text_changed = corpus.hashes.get(doc.id) != content_hash
                if (was and not text_changed and corpus.docs[doc.id] == doc
                        and corpus.lexical.tokens_of(doc.id) == tuple(toks)):  # the dictionary may have changed
                    changes.append(ItemChange(side, doc.id, True, True, False))
                    continue
                entries.append(IndexChange(side=side, op="put", item_id=doc.id, content_hash=content_hash,
                                           doc=doc.to_dict(), tokens=list(toks),
                                           vector=np.asarray(vector, dtype="<f4").tobytes()))
                changes.append(ItemChange(side, doc.id, was, True, text_changed, logged=True))
            for item_id in ids:
                if any(d.id == item_id for d in put):
                    continue
                was = item_id in corpus.docs
                if was:
                    entries.append(IndexChange(side=side, op="drop", item_id=item_id))
                changes.append(ItemChange(side, item_id, was, False, False, logged=was))
            if entries:
                seqs = self._append(session, entries)
                for entry, seq in zip(entries, seqs):
                    self._apply_entry(entry.side, entry.op, entry.item_id, entry.doc, entry.tokens,
                                      entry.vector, entry.content_hash)
                self.applied_seq = max(self.applied_seq, *seqs)
                self._write_snapshot()
        return changes

    def follow_glossary_in_index(self, session: Session) -> dict[Side, int] | None:
        """After the glossary changed: every document expanded and tokenised again with the glossary in
        use (a new term changes jieba's dictionary, so any text may split differently). Only documents
        whose text or tokens changed are logged and applied, and only new texts are encoded. Returns
        how many were logged per side; None when the index already matches the glossary."""
        with self._lock, self.store.lock():
            self.ensure_writable(session)  # follows the glossary; rebuilds a missing index with it
            key = glossary.layer_key()
            if self.index_glossary == key:
                return None
            logged: dict[Side, int] = {}
            for side in SIDES:
                spec = SPECS[side]
                ids = set(session.scalars(select(spec.model.id).where(spec.eligible))) | set(self.corpora[side].docs)
                logged[side] = sum(c.logged for c in self.update(session, side, sorted(ids)))
            self.index_glossary = key
            self._write_snapshot()
            return logged

    def drift(self, session: Session) -> dict[Side, list[int]]:
        """Items whose index entry disagrees with the database (a crash, a change made by hand)."""
        with self._lock:
            self.follow_glossary(session)
            out: dict[Side, list[int]] = {}
            for side in SIDES:
                corpus = self.corpora[side]
                docs = {d.id: d for d in (SPECS[side].to_doc(r) for r in SPECS[side].rows(session))}
                changed = [i for i, d in docs.items()
                           if corpus.hashes.get(i) != d.content_hash() or corpus.docs.get(i) != d]
                gone = [i for i in corpus.docs if i not in docs]
                out[side] = sorted(changed + gone)
            return out

    def _append(self, session: Session, entries: Sequence[IndexChange]) -> list[int]:
        """Append entries to the index log in a transaction of their own; return their seqs."""
        with Session(bind=session.get_bind()) as log_session:
            if log_session.get_bind().dialect.name == "postgresql":
                log_session.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": LOG_LOCK_KEY})
            log_session.add_all(entries)
            log_session.flush()
            seqs = [e.seq for e in entries]
            # keep what the caller applies to memory readable after the commit
            for entry in entries:
                log_session.expunge(entry)
            log_session.commit()
        return seqs

    def _write_snapshot(self) -> None:
        writers = {}
        for side in SIDES:
            corpus = self.corpora[side]
            writers[f"{side}.faiss"] = corpus.vectors.write
            writers[f"{side}.docs.json"] = _docs_writer(corpus)
        manifest = {
            "encoder": self.encoder_key,
            "dim": self.engine.encoder.dim,
            "seq": self.applied_seq,
            "counts": {side: len(self.corpora[side]) for side in SIDES},
            "engine_version": self.version,
            "glossary": self.index_glossary,
            "built_at": datetime.now(timezone.utc).isoformat(),
        }
        snapshot = self.store.write(writers, manifest)
        self.snapshot_name = snapshot.name

    def prune_log(self, session: Session, keep_seconds: float = 3600) -> int:
        """Delete log entries the current snapshot holds and that are older than ``keep_seconds``.

        The newest entry is always kept, so sequence numbers never restart.
        """
        try:
            covered = int(self.store.read(verify=False).manifest.get("seq") or 0)
        except IndexError_:
            return 0
        newest = session.scalar(select(func.max(IndexChange.seq))) or 0
        cutoff = utcnow().timestamp() - keep_seconds
        horizon = datetime.fromtimestamp(cutoff, tz=timezone.utc)
        result = session.execute(
            IndexChange.__table__.delete().where(
                IndexChange.seq <= min(covered, newest - 1), IndexChange.at < horizon
            )
        )
        return result.rowcount or 0

    def problem(self, thorough: bool = False) -> str | None:
        """What is wrong with the index on disk, or None when it is usable.

        The quick check looks at files and sizes; ``thorough`` also verifies every checksum and
        that the snapshot was built for the configured encoder.
        """
        if not thorough:
            return self.store.problem()
        try:
            manifest = self.store.read().manifest
        except IndexError_ as error:
            return str(error)
        if manifest.get("encoder") != self.encoder_key:
            return f"the index was built with {manifest.get('encoder')}, the configured encoder is {self.encoder_key}"
        return None

    # --- queries -----------------------------------------------------------------------
    def _query_vector(self, session: Session, side: Side, doc: MatchDoc) -> np.ndarray:
        corpus = self.corpora[side]
        if corpus.hashes.get(doc.id) == doc.content_hash():
            vector = corpus.vectors.vector(doc.id)
            if vector is not None:
                return vector
        return self.vectors_for(session, [doc])[0]

    def rank(self, session: Session, side: Side, doc: MatchDoc, k: int = 10, mode: Mode = "hybrid") -> list[Scored]:
        """The best ``k`` documents of the other side for ``doc`` (a need or an achievement)."""
        with self._lock:
            self.sync(session)
            target = other_side(side)
            vector = self._query_vector(session, side, doc) if mode != "bm25" else None
            own = self.corpora[side]
            # an indexed document's tokens are already known: tokenising again is most of a ranking's cost
            tokens = (list(own.lexical.tokens_of(doc.id)) if own.hashes.get(doc.id) == doc.content_hash()
                      else self.engine.tokens(doc))
            return self.engine.rank(self.corpora[target], vector=vector, tokens=tokens, query=doc,
                                    query_side=side, k=k, mode=mode, exclude_org=doc.org_id,
                                    reference=self.corpora[side])

    def suggest_for_need(self, session: Session, need: TechNeed, k: int = 10, mode: Mode = "hybrid") -> list[Scored]:
        return self.rank(session, "need", need_doc(need), k, mode)

    def suggest_for_achievement(self, session: Session, ach: Achievement, k: int = 10,
                                mode: Mode = "hybrid") -> list[Scored]:
        return self.rank(session, "achievement", achievement_doc(ach), k, mode)

    def search(self, session: Session, text: str, target: Side, k: int = 20, mode: Mode = "hybrid") -> list[Scored]:
        """Ad-hoc search of one library with the same engine (reads only)."""
        with self._lock:
            self.sync(session)
            tokens = self.engine.tokens(text)
            vector = self.engine.encode_text(text) if mode != "bm25" else None
            return self.engine.rank(self.corpora[target], vector=vector, tokens=tokens, k=k, mode=mode,
                                    reference=self.corpora[other_side(target)])


def _docs_writer(corpus: Corpus) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        ids = [int(i) for i in corpus.vectors.ids()]
        entries = [{"doc": corpus.docs[i].to_dict(), "hash": corpus.hashes[i], "tokens": list(corpus.lexical.tokens_of(i))}
                   for i in ids]
        path.write_text(json.dumps(entries, ensure_ascii=False), encoding="utf-8")

    return write
