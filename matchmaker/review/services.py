"""The brokers' review queue: every suggestion a person decides on, key needs first.

A queue item is a (need, achievement) pair that waits for a broker: a suggestion on an open need's
list (above the calibrated floor, unless asked for) or a pair one side asked for (申请对接), with no
decision and no pairing yet. Accepting creates a Pairing at 推荐; rejecting needs a reason code. A
broker can reorder a need's items, and pair an achievement the engine did not suggest.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from flask_babel import gettext as _
from sqlalchemy import and_, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    MatchDirection,
    MatchSuggestion,
    NeedStatus,
    Pairing,
    PairReview,
    RejectReason,
    ReviewStatus,
    Role,
    TechNeed,
    User,
    utcnow,
)

from .. import audit
from ..errors import DomainError, NotFound, PermissionDenied
from ..matching.reviews import review_pair
from ..pairings.services import create_pairing
from ..signals import pair_reviewed

#: Items a requested pair not on the need's list is ranked after.
UNLISTED_RANK = 1000


@dataclass
class QueueItem:
    need: TechNeed
    achievement: Achievement
    #: The suggestion on the need's list (None for a pair asked for but not on it).
    suggestion: MatchSuggestion | None
    review: PairReview | None

    @property
    def requested(self) -> bool:
        return self.review is not None and self.review.requested_at is not None

    @property
    def order_key(self) -> tuple:
        if self.review is not None and self.review.position is not None:
            return (0, self.review.position)
        return (1, self.suggestion.rank if self.suggestion else UNLISTED_RANK + self.achievement.id)


@dataclass
class NeedQueue:
    need: TechNeed
    items: list[QueueItem] = field(default_factory=list)


@dataclass
class Queue:
    needs: list[NeedQueue]
    #: Items waiting in the whole queue (not only this page).
    remaining: int
    page: int
    pages: int


def _require_broker(actor: User) -> None:
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以处理审核队列。"))


def _pending_items(session: Session, *, need_ids: Iterable[int] | None = None, show_weak: bool = False) -> list[QueueItem]:
    """Every pair waiting for a broker, unordered."""
    review_join = and_(PairReview.need_id == MatchSuggestion.need_id,
                       PairReview.achievement_id == MatchSuggestion.achievement_id)
    pairing_join = and_(Pairing.need_id == MatchSuggestion.need_id,
                        Pairing.achievement_id == MatchSuggestion.achievement_id)
    stmt = (
        select(MatchSuggestion, PairReview)
        .join(TechNeed, TechNeed.id == MatchSuggestion.need_id)
        .join(Achievement, Achievement.id == MatchSuggestion.achievement_id)
        .outerjoin(PairReview, review_join)
        .outerjoin(Pairing, pairing_join)
        .where(MatchSuggestion.direction == MatchDirection.NEED_TO_ACHIEVEMENT,
               TechNeed.status == NeedStatus.OPEN, Achievement.status == AchievementStatus.PUBLISHED,
               Pairing.id.is_(None),
               (PairReview.id.is_(None)) | (PairReview.status == ReviewStatus.PENDING))
        .options(joinedload(MatchSuggestion.need).joinedload(TechNeed.organization),
                 joinedload(MatchSuggestion.achievement).joinedload(Achievement.organization))
    )
    if not show_weak:
        stmt = stmt.where(MatchSuggestion.weak.is_(False) | PairReview.requested_at.is_not(None))
    if need_ids is not None:
        stmt = stmt.where(MatchSuggestion.need_id.in_(list(need_ids)))
    items = {(s.need_id, s.achievement_id): QueueItem(s.need, s.achievement, s, r) for s, r in session.execute(stmt)}
    # pairs asked for that are not on the need's list (a team asked from its achievement's list)
    asked = (
        select(PairReview)
        .join(TechNeed, TechNeed.id == PairReview.need_id)
        .join(Achievement, Achievement.id == PairReview.achievement_id)
        .outerjoin(Pairing, and_(Pairing.need_id == PairReview.need_id, Pairing.achievement_id == PairReview.achievement_id))
        .where(PairReview.status == ReviewStatus.PENDING, PairReview.requested_at.is_not(None), Pairing.id.is_(None),
               TechNeed.status == NeedStatus.OPEN, Achievement.status == AchievementStatus.PUBLISHED)
        .options(joinedload(PairReview.need).joinedload(TechNeed.organization),
                 joinedload(PairReview.achievement).joinedload(Achievement.organization))
    )
    if need_ids is not None:
        asked = asked.where(PairReview.need_id.in_(list(need_ids)))
    for review in session.scalars(asked):
        items.setdefault((review.need_id, review.achievement_id), QueueItem(review.need, review.achievement, None, review))
    return list(items.values())


def _need_order(need: TechNeed) -> tuple:
    """重点需求 first, then the nearest deadline (none last), then the oldest."""
    return (not need.is_key, need.deadline or date.max, need.created_at, need.id)


def _group(items: list[QueueItem]) -> list[NeedQueue]:
    by_need: dict[int, NeedQueue] = {}
    for item in items:
        by_need.setdefault(item.need.id, NeedQueue(item.need)).items.append(item)
    for queue in by_need.values():
        queue.items.sort(key=lambda i: i.order_key)
    return sorted(by_need.values(), key=lambda q: _need_order(q.need))


def queue(session: Session, actor: User, *, page: int = 1, per_page: int = 10, show_weak: bool = False) -> Queue:
    _require_broker(actor)
    groups = _group(_pending_items(session, show_weak=show_weak))
    pages = max(1, -(-len(groups) // per_page))
    page = min(max(page, 1), pages)
    return Queue(groups[(page - 1) * per_page : page * per_page], sum(len(g.items) for g in groups), page, pages)


def need_queue(session: Session, actor: User, need_id: int, *, show_weak: bool = False) -> NeedQueue:
    """One need's items (an HTMX action re-renders only that card)."""
    _require_broker(actor)
    need = session.get(TechNeed, need_id)
    if need is None:
        raise NotFound(_("需求不存在。"))
    groups = _group(_pending_items(session, need_ids=[need_id], show_weak=show_weak))
    return groups[0] if groups else NeedQueue(need)


def remaining(session: Session) -> int:
    """What is left in the queue (the counter on the page and the broker's home)."""
    return len(_pending_items(session))


def _pair(session: Session, need_id: int, achievement_id: int) -> tuple[TechNeed, Achievement]:
    need, achievement = session.get(TechNeed, need_id), session.get(Achievement, achievement_id)
    if need is None or achievement is None:
        raise NotFound(_("需求或成果不存在。"))
    return need, achievement


def accept(session: Session, actor: User, need_id: int, achievement_id: int, note: str | None = None) -> Pairing:
    """采纳: the pair is decided and becomes a Pairing at 推荐 (idempotent)."""
    _require_broker(actor)
    need, achievement = _pair(session, need_id, achievement_id)
    if need.status != NeedStatus.OPEN or achievement.status != AchievementStatus.PUBLISHED:
        raise DomainError(_("需求已不在征集中或成果未发布，不能建立对接。"))
    review_pair(session, need, achievement, actor, ReviewStatus.ACCEPTED, note=note)
    pairing, _created = create_pairing(session, need, achievement, actor, note)
    return pairing


def reject(session: Session, actor: User, need_id: int, achievement_id: int, reason: str | None,
           note: str | None = None) -> PairReview:
    """驳回 with a reason code (其他 wants a note)."""
    _require_broker(actor)
    need, achievement = _pair(session, need_id, achievement_id)
    try:
        code = RejectReason(reason) if reason else None
    except ValueError:
        raise DomainError(_("请选择驳回原因。"), field="reason") from None
    if code == RejectReason.OTHER and not (note or "").strip():
        raise DomainError(_("选择「其他」时请写明原因。"), field="note")
    if session.scalar(select(Pairing.id).where(Pairing.need_id == need_id, Pairing.achievement_id == achievement_id)):
        raise DomainError(_("这对需求与成果已在对接中，不能驳回。"))
    return review_pair(session, need, achievement, actor, ReviewStatus.REJECTED, reason=code, note=note)


def move(session: Session, actor: User, need_id: int, achievement_id: int, step: int) -> None:
    """Move an item one place up (step −1) or down (+1) within its need; the order is kept."""
    _require_broker(actor)
    group = need_queue(session, actor, need_id)
    keys = [i.achievement.id for i in group.items]
    if achievement_id not in keys:
        raise NotFound(_("这一项已不在审核队列中。"))
    at = keys.index(achievement_id)
    to = min(max(at + (1 if step > 0 else -1), 0), len(keys) - 1)
    keys.insert(to, keys.pop(at))
    reviews = {r.achievement_id: r for r in session.scalars(
        select(PairReview).where(PairReview.need_id == need_id, PairReview.achievement_id.in_(keys)))}
    for position, ach_id in enumerate(keys):
        review = reviews.get(ach_id)
        if review is None:
            review = PairReview(need_id=need_id, achievement_id=ach_id, status=ReviewStatus.PENDING)
            session.add(review)
        review.position = float(position)
    session.flush()


def request_pair(session: Session, actor: User, need_id: int, achievement_id: int) -> tuple[PairReview, bool]:
    """申请对接: an enterprise on an achievement suggested for its need, or a team on a need suggested
    for its achievement. The pair goes to the brokers' queue, marked as asked for."""
    need, achievement = _pair(session, need_id, achievement_id)
    if actor.role == Role.ENTERPRISE and need.is_owned_by(actor):
        direction, side = MatchDirection.NEED_TO_ACHIEVEMENT, "enterprise"
    elif actor.role == Role.UNIVERSITY and achievement.is_owned_by(actor):
        direction, side = MatchDirection.ACHIEVEMENT_TO_NEED, "university"
    else:
        raise NotFound(_("推荐不存在。"))
    listed = session.scalar(select(MatchSuggestion.id).where(
        MatchSuggestion.need_id == need_id, MatchSuggestion.achievement_id == achievement_id,
        MatchSuggestion.direction == direction))
    if listed is None:
        raise NotFound(_("推荐不存在。"))
    if session.scalar(select(Pairing.id).where(Pairing.need_id == need_id, Pairing.achievement_id == achievement_id)):
        raise DomainError(_("这项推荐已在对接中。"))
    review = session.scalar(select(PairReview).where(PairReview.need_id == need_id,
                                                     PairReview.achievement_id == achievement_id))
    if review is not None and review.requested_at is not None and review.status == ReviewStatus.PENDING:
        return review, False
    if review is None:
        review = PairReview(need_id=need_id, achievement_id=achievement_id)
        session.add(review)
    # a request reopens a rejected pair for a broker's second look
    review.status, review.reject_reason = ReviewStatus.PENDING, None
    review.requested_by_id, review.requested_at = actor.id, utcnow()
    session.flush()
    audit.record(session, actor, "pair.requested", review, need_id=need_id, achievement_id=achievement_id, side=side)
    pair_reviewed.send(review, session=session)
    _tell_brokers(session, actor, need, achievement, side)
    return review, True


def _tell_brokers(session: Session, actor: User, need: TechNeed, achievement: Achievement, side: str) -> None:
    from ..notifications.services import notify

    brokers = session.scalars(select(User).where(User.role == Role.BROKER, User.active.is_(True))).all()
    notify(session, brokers, "pair.requested", actor=actor, link="/review/", need_title=need.title,
           achievement_title=achievement.title, side=side)


def candidates(app, session: Session, actor: User, need_id: int, text: str, k: int = 8) -> list[Achievement]:
    """Achievements a broker may pair by hand with a need: the search engine's hits, minus the
    need's own organisation and pairs already decided or paired."""
    from ..matching import search as search_svc

    _require_broker(actor)
    need = session.get(TechNeed, need_id)
    if need is None:
        raise NotFound(_("需求不存在。"))
    result = search_svc.run(app, session, actor, text, "achievement", k=k + 10)
    taken = set(session.scalars(select(PairReview.achievement_id).where(
        PairReview.need_id == need_id, PairReview.status != ReviewStatus.PENDING)))
    taken |= set(session.scalars(select(Pairing.achievement_id).where(Pairing.need_id == need_id)))
    hits = [h.item for h in result.hits if h.item.organization_id != need.organization_id and h.item.id not in taken
            and h.item.status == AchievementStatus.PUBLISHED]
    return hits[:k]
