"""Stored suggestions for the need and achievement pages, regenerated when they fall behind."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    MatchDirection,
    MatchSuggestion,
    NeedStatus,
    ReviewStatus,
    TechNeed,
    User,
)

from .engine import ENGINE_VERSION
from .runtime import matching_service
from .services import store_suggestions


@dataclass
class SuggestionList:
    rows: list[MatchSuggestion]
    #: Why the list is empty, in plain words (None when it is not).
    empty_reason: str | None = None


def _outdated(session: Session, rows: list[MatchSuggestion], owner_updated: datetime, other_model) -> bool:
    if not rows or any(r.engine_version != ENGINE_VERSION for r in rows):
        return True
    generated = min(r.created_at for r in rows)
    latest_other = session.scalar(select(func.max(other_model.updated_at)))
    return generated < owner_updated or (latest_other is not None and generated < latest_other)


def _stored(session: Session, owner_filter, direction: MatchDirection) -> list[MatchSuggestion]:
    return list(
        session.scalars(
            select(MatchSuggestion)
            .where(owner_filter, MatchSuggestion.direction == direction)
            .options(
                joinedload(MatchSuggestion.achievement).joinedload(Achievement.organization),
                joinedload(MatchSuggestion.need).joinedload(TechNeed.organization),
            )
            .order_by(MatchSuggestion.rank)
        )
    )


def _fresh(session: Session, owner_filter, direction: MatchDirection, owner_updated: datetime, other_model,
           regenerate) -> list[MatchSuggestion]:
    """The stored list for one owner, regenerated first when it fell behind; rejected rows left out."""
    rows = [r for r in _stored(session, owner_filter, direction) if r.engine_version == ENGINE_VERSION]
    if _outdated(session, rows, owner_updated, other_model):
        regenerate()
        rows = _stored(session, owner_filter, direction)
    return [r for r in rows if r.review_status != ReviewStatus.REJECTED]


def for_need(app: Flask, session: Session, need: TechNeed, k: int) -> SuggestionList:
    """The achievements suggested for ``need``, fresh for the current corpus and engine."""
    rows = _fresh(
        session, MatchSuggestion.need_id == need.id, MatchDirection.NEED_TO_ACHIEVEMENT, need.updated_at,
        Achievement,
        lambda: store_suggestions(session, matching_service(app).suggest_for_need(session, need, k=k), need_id=need.id),
    )
    rows = [r for r in rows if r.achievement.status == AchievementStatus.PUBLISHED]
    reason = None
    if not rows:
        published = session.scalar(
            select(func.count()).select_from(Achievement).where(Achievement.status == AchievementStatus.PUBLISHED)
        )
        if need.status != NeedStatus.OPEN:
            reason = _("需求当前不在征集中，仍按内容给出参考；暂无可推荐的成果。")
        elif not published:
            reason = _("平台上还没有已发布的科技成果，成果发布后会自动为您推荐。")
        else:
            reason = _("已比对 %(n)d 项已发布成果，没有与此需求内容相关的成果。补充关键词、现状和目标指标有助于匹配。", n=published)
    return SuggestionList(rows, reason)


def for_achievement(app: Flask, session: Session, ach: Achievement, k: int) -> SuggestionList:
    """The needs an achievement could serve."""
    rows = _fresh(
        session, MatchSuggestion.achievement_id == ach.id, MatchDirection.ACHIEVEMENT_TO_NEED, ach.updated_at,
        TechNeed,
        lambda: store_suggestions(
            session, matching_service(app).suggest_for_achievement(session, ach, k=k), achievement_id=ach.id
        ),
    )
    rows = [r for r in rows if r.need.status == NeedStatus.OPEN]
    reason = None
    if not rows:
        open_needs = session.scalar(select(func.count()).select_from(TechNeed).where(TechNeed.status == NeedStatus.OPEN))
        if not open_needs:
            reason = _("平台上还没有征集中的技术需求。")
        else:
            reason = _("已比对 %(n)d 条征集中的需求，没有与此成果内容相关的需求。", n=open_needs)
    return SuggestionList(rows, reason)


def may_see_suggestions(obj, user: User) -> bool:
    """Suggestions are the owner's and the brokers' working material."""
    return user.is_staff or obj.is_owned_by(user)


def for_page(app: Flask, session: Session, obj: TechNeed | Achievement, viewer: User) -> SuggestionList | None:
    """What a need's or an achievement's page shows: its suggestions, or None for other viewers."""
    if not may_see_suggestions(obj, viewer):
        return None
    k = app.config["SUGGESTIONS_PER_ITEM"]
    return for_need(app, session, obj, k) if isinstance(obj, TechNeed) else for_achievement(app, session, obj, k)
