"""A broker's decision on a (need, achievement) pair: it holds for both lists and survives
every regeneration; a rejected pair comes back only when one side's text changes materially."""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Achievement, PairReview, RejectReason, ReviewStatus, TechNeed, User, utcnow

from .. import audit
from ..errors import DomainError, PermissionDenied
from ..signals import pair_reviewed
from . import glossary_layer
from .documents import achievement_doc, need_doc


def review_pair(session: Session, need: TechNeed, achievement: Achievement, actor: User,
                decision: ReviewStatus, *, reason: RejectReason | None = None, note: str | None = None) -> PairReview:
    """Accept or reject a pair (brokers and admins). Deciding the same way again changes nothing."""
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以审核推荐。"))
    if decision not in (ReviewStatus.ACCEPTED, ReviewStatus.REJECTED):
        raise DomainError(_("审核结果只能是采纳或驳回。"))
    if decision == ReviewStatus.REJECTED and reason is None:
        raise DomainError(_("驳回时请选择原因。"), field="reason")
    note = (note or "").strip() or None
    if note and len(note) > 500:
        raise DomainError(_("备注不能超过 %(n)d 字。", n=500), field="note")
    review = session.scalar(select(PairReview).where(
        PairReview.need_id == need.id, PairReview.achievement_id == achievement.id))
    reason = reason if decision == ReviewStatus.REJECTED else None
    if review is not None and (review.status, review.reject_reason, review.note) == (decision, reason, note):
        return review  # idempotent
    if review is None:
        review = PairReview(need_id=need.id, achievement_id=achievement.id)
        session.add(review)
    previous = review.status.value if review.status else None
    review.status, review.reject_reason, review.note = decision, reason, note
    glossary_layer.follow(session)  # the hashes the consumer will compare these with use the brokers' glossary
    review.need_hash = need_doc(need).content_hash()
    review.achievement_hash = achievement_doc(achievement).content_hash()
    review.reviewed_by_id, review.reviewed_at = actor.id, utcnow()
    session.flush()
    audit.record(session, actor, f"pair.{decision.value}", review, need_id=need.id, achievement_id=achievement.id,
                 previous=previous, reason=reason.value if reason else None)
    pair_reviewed.send(review, session=session)
    return review
