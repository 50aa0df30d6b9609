"""What a need's or an achievement's page shows of its stored suggestions. Reads only: the lists
are computed by the task consumer; a page whose list is not ready says so and polls."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import Literal

from flask import Flask
from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    MatchSuggestion,
    NeedStatus,
    ReviewStatus,
    SuggestionList,
    TechNeed,
    User,
)

from .documents import achievement_doc, need_doc
from .lists import DIRECTION, owner_column, state_column
from .runtime import matching_service

#: ready: current list · updating: a list is shown while a newer one is computed ·
#: pending: no list yet (推荐计算中) · inactive: the owner is not open / published.
State = Literal["ready", "updating", "pending", "inactive"]


@dataclass
class SuggestionView:
    state: State
    #: Suggestions above the calibrated floor, best first.
    rows: list[MatchSuggestion] = field(default_factory=list)
    #: Those below it: folded under 更多弱相关.
    weak: list[MatchSuggestion] = field(default_factory=list)
    #: Why there is nothing to show, in plain words (None when there is).
    empty_reason: str | None = None
    computed_at: datetime | None = None

    @property
    def polling(self) -> bool:
        return self.state in ("updating", "pending")


def for_page(app: Flask, session: Session, obj: TechNeed | Achievement, viewer: User) -> SuggestionView | None:
    """The page's suggestions, or None when the viewer may not see them."""
    if not obj.can_see_suggestions(viewer):
        return None
    side = "need" if isinstance(obj, TechNeed) else "achievement"
    doc = need_doc(obj) if side == "need" else achievement_doc(obj)
    if not doc.eligible:
        return SuggestionView("inactive", empty_reason=_inactive_reason(obj))
    state_row = session.scalar(select(SuggestionList).where(state_column(side) == obj.id))
    if state_row is None:
        return SuggestionView("pending")
    service = matching_service(app)
    service.follow_glossary(session)  # the brokers' glossary shapes both the text's hash and the version
    current = state_row.source_hash == doc.content_hash() and state_row.engine_version == service.version
    rows = _visible(session, side, obj.id, state_row.computed_at)
    view = SuggestionView("ready" if current else "updating", computed_at=state_row.computed_at,
                          rows=[r for r in rows if not r.weak], weak=[r for r in rows if r.weak])
    if not rows:
        view.empty_reason = _empty_reason(session, side)
    return view


def _visible(session: Session, side: str, owner_id: int, computed_at: datetime) -> list[MatchSuggestion]:
    rows = session.scalars(
        select(MatchSuggestion)
        .where(owner_column(side) == owner_id, MatchSuggestion.direction == DIRECTION[side])
        .options(
            joinedload(MatchSuggestion.achievement).joinedload(Achievement.organization),
            joinedload(MatchSuggestion.need).joinedload(TechNeed.organization),
            joinedload(MatchSuggestion.review),
        )
        .order_by(MatchSuggestion.rank)
    ).all()
    out = []
    for row in rows:
        other = row.achievement if side == "need" else row.need
        if other.status != (AchievementStatus.PUBLISHED if side == "need" else NeedStatus.OPEN):
            continue  # left the market since the list was computed
        review = row.review
        if review is not None and review.status == ReviewStatus.REJECTED and review.reviewed_at > computed_at:
            continue  # rejected since: the list is being recomputed without it
        out.append(row)
    return out


def _inactive_reason(obj) -> str:
    if isinstance(obj, TechNeed):
        if obj.status == NeedStatus.WITHDRAWN:
            return _("需求已撤回，不再为其推荐成果。")
        return _("需求当前不在征集中（%(status)s），不再为其推荐成果。", status=_(obj.status.label))
    if obj.status == AchievementStatus.DRAFT:
        return _("成果发布后，平台会为它推荐匹配的技术需求。")
    return _("成果已撤回，不再为其推荐需求。")


def _empty_reason(session: Session, side: str) -> str:
    if side == "need":
        published = session.scalar(select(func.count()).select_from(Achievement)
                                   .where(Achievement.status == AchievementStatus.PUBLISHED))
        if not published:
            return _("平台上还没有已发布的科技成果，成果发布后会自动为您推荐。")
        return _("已比对 %(n)d 项已发布成果，没有与此需求内容相关的成果。补充关键词、现状和目标指标有助于匹配。", n=published)
    open_needs = session.scalar(select(func.count()).select_from(TechNeed).where(TechNeed.status == NeedStatus.OPEN))
    if not open_needs:
        return _("平台上还没有征集中的技术需求。")
    return _("已比对 %(n)d 条征集中的需求，没有与此成果内容相关的需求。", n=open_needs)
