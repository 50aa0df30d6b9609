"""Stored suggestion lists: computed by the task consumer, only read by pages.

Every open need has a list of achievements and every published achievement a list of needs.
A ``SuggestionList`` row records what each list was computed from (the owner's content hash,
the engine version, the index-log position), so a page can tell a current list from a stale
one without computing anything, and a result computed from an older text or an older index
never overwrites a newer list.

When an item changes, its own list is recomputed, and so are the lists on the other side that
it may enter or leave: those that list it now, and the best candidates of its own ranking
(a new achievement reaches the needs it fits best). Nothing else is recomputed.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, replace

import numpy as np
from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session, joinedload

from models import MatchDirection, MatchSuggestion, PairReview, ReviewStatus, SuggestionList, utcnow

from .engine import MatchDoc, Scored
from .services import SPECS, MatchingService, Side, other_side

log = logging.getLogger(__name__)

DIRECTION: dict[Side, MatchDirection] = {
    "need": MatchDirection.NEED_TO_ACHIEVEMENT,
    "achievement": MatchDirection.ACHIEVEMENT_TO_NEED,
}
#: How far down an item's own ranking to look for lists on the other side it may now enter.
REVERSE_CANDIDATES = 30
#: Below this cosine between a text's vector at review time and now, the text changed
#: materially and a rejected pair may be suggested again. A reworded sentence or an added
#: figure stays above it; a rewritten description falls below.
MATERIAL_CHANGE_COSINE = 0.97


def owner_column(side: Side):
    return MatchSuggestion.need_id if side == "need" else MatchSuggestion.achievement_id


def other_column(side: Side):
    return MatchSuggestion.achievement_id if side == "need" else MatchSuggestion.need_id


def state_column(side: Side):
    return SuggestionList.need_id if side == "need" else SuggestionList.achievement_id


def owner_doc(session: Session, side: Side, owner_id: int) -> MatchDoc | None:
    model = SPECS[side].model
    row = session.get(model, owner_id, options=[joinedload(model.industry)], populate_existing=True)
    return SPECS[side].to_doc(row) if row is not None else None


@dataclass(frozen=True)
class Computed:
    """One freshly computed list, with what it was computed from."""

    side: Side
    owner_id: int
    source_hash: str
    index_seq: int
    engine_version: str
    results: list[Scored]

    @property
    def ids(self) -> list[int]:
        return [r.id for r in self.results]


# --- computing ---------------------------------------------------------------------------
def compute(service: MatchingService, session: Session, side: Side, owner_id: int, k: int) -> Computed | None:
    """Rank the other side for this owner (None when it is not open / published, or gone)."""
    doc = owner_doc(session, side, owner_id)
    if doc is None or not doc.eligible:
        return None
    with service.lock:
        service.sync(session)
        suppressed = rejected_pairs(service, session, side, doc)
        results = service.rank(session, side, doc, k=k + len(suppressed))
        # read under the lock too: the glossary (hence text and version) only changes under it
        seq, source_hash, version = service.applied_seq, doc.content_hash(), service.version
    results = [r for r in results if r.id not in suppressed][:k]
    return Computed(side, doc.id, source_hash, seq, version, results)


def rejected_pairs(service: MatchingService, session: Session, side: Side, doc: MatchDoc) -> set[int]:
    """The other side's items a broker rejected for this owner, unless a text changed materially."""
    other = other_side(side)
    owner_col = PairReview.need_id if side == "need" else PairReview.achievement_id
    reviews = session.scalars(
        select(PairReview).where(owner_col == doc.id, PairReview.status == ReviewStatus.REJECTED)
    ).all()
    out = set()
    for review in reviews:
        other_id = review.achievement_id if side == "need" else review.need_id
        owner_then = review.need_hash if side == "need" else review.achievement_hash
        other_then = review.achievement_hash if side == "need" else review.need_hash
        other_now = service.corpora[other].hashes.get(other_id)
        if other_now is None:
            continue  # not suggestible anyway
        changed = materially_changed(service, session, [(owner_then, doc.content_hash()), (other_then, other_now)])
        if not changed:
            out.add(other_id)
    return out


def materially_changed(service: MatchingService, session: Session, pairs: list[tuple[str | None, str]]) -> bool:
    """Whether any (hash then, hash now) pair moved materially; unknown "then" counts as unchanged."""
    moved = [(then, now) for then, now in pairs if then is not None and then != now]
    if not moved:
        return False
    vectors = service.cached_vectors(session, {h for pair in moved for h in pair})
    for then, now in moved:
        if then not in vectors or now not in vectors:
            return True  # cannot compare: let a person look again
        if float(np.dot(vectors[then], vectors[now])) < MATERIAL_CHANGE_COSINE:
            return True
    return False


# --- storing -----------------------------------------------------------------------------
def stored_ids(session: Session, side: Side, owner_id: int) -> list[int]:
    return list(session.scalars(
        select(other_column(side)).where(owner_column(side) == owner_id, MatchSuggestion.direction == DIRECTION[side])
        .order_by(MatchSuggestion.rank)
    ))


def store(session: Session, computed: Computed) -> bool:
    """Replace the owner's stored list with ``computed``, unless a newer one is already there
    or the owner's text changed since. Returns whether it was stored.

    It owns its transaction (commits or rolls back): the check and the write must be atomic.
    """
    try:
        stored = _store(session, computed)
    except Exception:
        session.rollback()
        raise
    if stored:
        session.commit()
    else:
        session.rollback()
    return stored


def _store(session: Session, computed: Computed) -> bool:
    side, owner_id = computed.side, computed.owner_id
    column = state_column(side)
    values = dict(source_hash=computed.source_hash, engine_version=computed.engine_version,
                  index_seq=computed.index_seq, size=len(computed.results), computed_at=utcnow())
    # Take the write lock first (the state row), then check the owner: nobody can slip an edit between.
    result = session.execute(
        update(SuggestionList)
        .where(column == owner_id,
               or_(SuggestionList.index_seq <= computed.index_seq,
                   SuggestionList.source_hash != computed.source_hash,
                   SuggestionList.engine_version != computed.engine_version))
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount == 0:
        exists = session.scalar(select(SuggestionList.id).where(column == owner_id))
        if exists is not None:
            return False  # a list computed on a newer index is already stored
        insert = {"postgresql": postgresql.insert, "sqlite": sqlite.insert}[session.get_bind().dialect.name]
        inserted = session.execute(
            insert(SuggestionList).values(direction=DIRECTION[side], **{column.key: owner_id}, **values)
            .on_conflict_do_nothing()
        )
        if inserted.rowcount == 0:
            return False  # another worker stored one at this very moment
    current = owner_doc(session, side, owner_id)
    if current is None or not current.eligible or current.content_hash() != computed.source_hash:
        return False  # the text changed since: the task for the newer text stores its own list
    _replace_rows(session, computed)
    return True


def _replace_rows(session: Session, computed: Computed) -> None:
    side, direction = computed.side, DIRECTION[computed.side]
    existing = {
        getattr(s, other_column(side).key): s
        for s in session.scalars(select(MatchSuggestion).where(
            owner_column(side) == computed.owner_id, MatchSuggestion.direction == direction))
    }
    now = utcnow()
    keep = set()
    for rank, result in enumerate(computed.results, start=1):
        keep.add(result.id)
        row = existing.get(result.id)
        if row is None:
            ids = {"need_id": computed.owner_id, "achievement_id": result.id} if side == "need" else \
                  {"need_id": result.id, "achievement_id": computed.owner_id}
            # created_at: when the pair first entered this list (digests report what is new)
            row = MatchSuggestion(direction=direction, created_at=now, **ids)
            session.add(row)
        row.score_fused, row.score_dense, row.score_lexical = result.fused, result.dense, result.lexical
        row.rank, row.explanation, row.engine_version = rank, result.evidence, computed.engine_version
        row.weak = bool(result.evidence.get("weak"))
    gone = [s.id for other_id, s in existing.items() if other_id not in keep]
    if gone:
        session.execute(delete(MatchSuggestion).where(MatchSuggestion.id.in_(gone)))


def drop(session: Session, side: Side, owner_id: int) -> None:
    """Remove an owner's list (it was withdrawn, closed or deleted)."""
    session.execute(delete(MatchSuggestion).where(owner_column(side) == owner_id,
                                                  MatchSuggestion.direction == DIRECTION[side]))
    session.execute(delete(SuggestionList).where(state_column(side) == owner_id))


# --- what tasks do -----------------------------------------------------------------------
def refresh(service: MatchingService, session: Session, side: Side, owner_id: int, k: int,
            *, only_if_changed: bool = False) -> bool:
    """Recompute one owner's list and store it (or drop it when the owner is not eligible)."""
    computed = compute(service, session, side, owner_id, k)
    if computed is None:
        drop(session, side, owner_id)
        session.commit()
        return True
    if only_if_changed and computed.ids == stored_ids(session, side, owner_id):
        session.commit()  # vectors the ranking may have cached
        return False
    return store(session, computed)


def item_changed(service: MatchingService, session: Session, side: Side, item_id: int, k: int) -> list[int]:
    """An item was saved: update the index and its own list. Returns the other side's owners whose
    lists it may have entered or left (``reach`` rechecks them): those listing it now, and the best
    candidates of its own ranking."""
    (change,) = service.update(session, side, [item_id])
    other = other_side(side)
    candidates: list[int] = []
    if change.is_indexed:
        deep = compute(service, session, side, item_id, max(k, REVERSE_CANDIDATES))
        if deep is not None:
            store(session, replace(deep, results=deep.results[:k]))
            candidates = deep.ids[:REVERSE_CANDIDATES]
    else:
        drop(session, side, item_id)
    session.commit()
    listing_it = list(session.scalars(
        select(owner_column(other)).where(other_column(other) == item_id,
                                          MatchSuggestion.direction == DIRECTION[other])
    ))
    return list(dict.fromkeys(listing_it + candidates))


def reach(service: MatchingService, session: Session, side: Side, owner_ids: list[int], k: int) -> int:
    """Recompute these owners' lists where they changed (an item of the other side entered or
    left them). Owners without a list get theirs from their own task. Returns how many changed."""
    touched = 0
    for owner_id in owner_ids:
        if session.scalar(select(SuggestionList.id).where(state_column(side) == owner_id)) is None:
            continue
        touched += refresh(service, session, side, owner_id, k, only_if_changed=True)
    return touched


# --- freshness ---------------------------------------------------------------------------
def count_by_version(session: Session, version: str) -> tuple[int, int]:
    """(stored lists computed by another engine version, all stored lists): one query. Reads only."""
    other, total = session.execute(select(
        func.count(SuggestionList.id).filter(SuggestionList.engine_version != version),
        func.count(SuggestionList.id),
    )).one()
    return int(other or 0), int(total or 0)


@dataclass(frozen=True)
class SideFreshness:
    side: Side
    #: Open needs / published achievements.
    eligible: int
    fresh: int
    #: Eligible owners whose list is missing or stale (other text, other engine version).
    stale_ids: list[int]
    #: Lists whose owner is no longer eligible (withdrawn, closed…).
    orphan_ids: list[int]


def freshness(service: MatchingService, session: Session, side: Side) -> SideFreshness:
    """Which eligible owners have a current list. Reads only."""
    service.follow_glossary(session)
    column = state_column(side)
    states = {owner: (h, v) for owner, h, v in session.execute(
        select(column, SuggestionList.source_hash, SuggestionList.engine_version).where(column.is_not(None)))}
    docs = [SPECS[side].to_doc(r) for r in SPECS[side].rows(session)]
    stale = [d.id for d in docs if states.get(d.id) != (d.content_hash(), service.version)]
    eligible = {d.id for d in docs}
    orphans = sorted(owner for owner in states if owner not in eligible)
    return SideFreshness(side, len(docs), len(docs) - len(stale), stale, orphans)
