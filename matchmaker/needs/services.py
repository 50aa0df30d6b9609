"""Rules for technology needs: who may post, edit, withdraw, see; search and completeness."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from models import NeedStatus, TechNeed, User, may_post_need

from .. import audit
from ..errors import DomainError, NotFound, PermissionDenied
from ..listings import rules
from ..listings.search import ListingFilters, apply_text_search
from ..signals import need_saved


@dataclass
class NeedData:
    """What an enterprise (or broker) enters for a need."""

    title: str
    description: str
    industry_id: int | None = None
    current_situation: str | None = None
    target_indicators: str | None = None
    keywords: list[str] = field(default_factory=list)
    coop_modes: list[str] = field(default_factory=list)
    budget_wan: Decimal | None = None
    deadline: date | None = None
    is_confidential: bool = False


def _apply(session: Session, need: TechNeed, data: NeedData, today: date) -> dict:
    """Validate ``data`` and copy it onto ``need``; return the changed fields (for the audit)."""
    values = {
        "title": rules.clean_title(data.title),
        "description": rules.clean_text(data.description, "description", required=True),
        "current_situation": rules.clean_text(data.current_situation, "current_situation", required=False),
        "target_indicators": rules.clean_text(data.target_indicators, "target_indicators", required=False),
        "industry_id": rules.check_industry(session, data.industry_id, current=need.industry_id),
        "keywords": list(data.keywords),
        "coop_modes": rules.check_coop_modes(data.coop_modes),
        "budget_wan": rules.check_money(data.budget_wan, "budget_wan"),
        "is_confidential": bool(data.is_confidential),
    }
    if data.deadline != need.deadline:
        values["deadline"] = rules.check_future_deadline(data.deadline, today)
    changed = {}
    for name, value in values.items():
        if getattr(need, name) != value:
            changed[name] = value
            setattr(need, name, value)
    return changed


def create_need(session: Session, actor: User, data: NeedData, *, today: date | None = None) -> TechNeed:
    if not may_post_need(actor):
        raise PermissionDenied(_("只有企业用户可以发布技术需求。"))
    need = TechNeed(organization_id=actor.organization_id, created_by=actor, status=NeedStatus.OPEN)
    _apply(session, need, data, today or rules.bureau_today())
    session.add(need)
    session.flush()
    audit.record(session, actor, "need.create", need, title=need.title)
    need_saved.send(need, session=session)
    return need


def update_need(
    session: Session, need: TechNeed, actor: User, data: NeedData, *, today: date | None = None
) -> TechNeed:
    if not need.can_edit(actor):
        raise NotFound(_("需求不存在。"))
    if need.status == NeedStatus.WITHDRAWN:
        raise DomainError(_("需求已撤回，不能再修改。"))
    changed = _apply(session, need, data, today or rules.bureau_today())
    if changed:
        session.flush()
        audit.record(session, actor, "need.update", need, fields=sorted(changed))
        need_saved.send(need, session=session)
    return need


def withdraw_need(session: Session, need: TechNeed, actor: User) -> TechNeed:
    if not need.can_edit(actor):
        raise NotFound(_("需求不存在。"))
    if need.status == NeedStatus.WITHDRAWN:
        return need  # idempotent
    if need.status == NeedStatus.RESOLVED:
        raise DomainError(_("需求已解决，无需撤回。"))
    previous = need.status
    need.status = NeedStatus.WITHDRAWN
    session.flush()
    audit.record(session, actor, "need.withdraw", need, previous=previous.value)
    need_saved.send(need, session=session)
    return need


def get_need(session: Session, need_id: int, viewer: User, *, for_edit: bool = False) -> TechNeed:
    """The need, if the viewer may see (or edit) it; otherwise NotFound, never a hint it exists."""
    need = session.get(TechNeed, need_id, options=[joinedload(TechNeed.organization)])
    allowed = need is not None and (need.can_edit(viewer) if for_edit else need.can_view(viewer))
    if not allowed:
        raise NotFound(_("需求不存在。"))
    return need


NEED_SEARCH_COLUMNS = (TechNeed.title, TechNeed.description)


def search_needs(session: Session, viewer: User, filters: ListingFilters) -> Select:
    stmt = select(TechNeed).options(joinedload(TechNeed.organization), joinedload(TechNeed.industry))
    stmt = stmt.where(TechNeed.visible_to(viewer))
    if filters.mine:
        stmt = stmt.where(TechNeed.organization_id == viewer.organization_id)
    stmt = apply_text_search(stmt, list(NEED_SEARCH_COLUMNS), filters.q)
    stmt = filters.apply_common(session, stmt, TechNeed)
    if filters.status in {s.value for s in NeedStatus}:
        stmt = stmt.where(TechNeed.status == NeedStatus(filters.status))
    if filters.flagged:
        stmt = stmt.where(TechNeed.is_key.is_(True))
    return stmt.order_by(TechNeed.is_key.desc(), TechNeed.created_at.desc(), TechNeed.id.desc())


#: What makes a need easy for a university to answer, in the order a hint lists them.
NEED_COMPLETENESS = [
    ("current_situation", _l("现状与痛点")),
    ("target_indicators", _l("目标技术指标")),
    ("industry_id", _l("所属行业")),
    ("keywords", _l("关键词")),
    ("coop_modes", _l("合作方式")),
    ("budget_wan", _l("预算")),
]


def missing_for_need(need: TechNeed) -> list[str]:
    return rules.missing_fields(need, NEED_COMPLETENESS)
