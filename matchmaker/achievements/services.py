"""Rules for achievements: who may list, edit, withdraw, see; teams; search and completeness."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    IPType,
    Maturity,
    ResearchTeam,
    User,
    may_post_achievement,
)

from .. import audit
from ..errors import DomainError, NotFound, PermissionDenied
from ..listings import rules
from ..listings.search import ListingFilters, apply_text_search
from ..signals import achievement_saved

#: The TRL range each maturity stage implies (GB/T 22900 levels).
TRL_BY_MATURITY = {
    Maturity.LAB: range(1, 4),
    Maturity.BENCH: range(3, 6),
    Maturity.PILOT: range(5, 8),
    Maturity.INDUSTRIAL: range(7, 10),
}


@dataclass
class AchievementData:
    """What a research team enters for an achievement."""

    title: str
    abstract: str
    advantages: str | None = None
    industry_id: int | None = None
    keywords: list[str] = field(default_factory=list)
    maturity: Maturity | None = None
    trl: int | None = None
    ip_type: IPType | None = None
    ip_numbers: str | None = None
    coop_modes: list[str] = field(default_factory=list)
    price_wan: Decimal | None = None
    team_id: int | None = None
    new_team_name: str | None = None
    publish: bool = True


def _team_for(session: Session, actor: User, data: AchievementData, org_id: int) -> int | None:
    name = (data.new_team_name or "").strip()
    if name:
        if len(name) > 120:
            raise DomainError(_("团队名称不能超过 120 个字。"), field="new_team_name")
        team = session.scalar(
            select(ResearchTeam).where(
                ResearchTeam.organization_id == org_id, ResearchTeam.name == name
            )
        )
        if team is None:
            team = ResearchTeam(organization_id=org_id, name=name)
            session.add(team)
            session.flush()
            audit.record(session, actor, "team.create", team, name=name)
        return team.id
    if data.team_id is None:
        return None
    team = session.get(ResearchTeam, data.team_id)
    if team is None or team.organization_id != org_id:
        raise DomainError(_("所选团队不属于本机构。"), field="team_id")
    return team.id


def _apply(session: Session, ach: Achievement, actor: User, data: AchievementData) -> dict:
    if data.trl is not None and not 1 <= data.trl <= 9:
        raise DomainError(_("技术成熟度等级应在 1–9 之间。"), field="trl")
    if data.trl is not None and data.maturity is not None and data.trl not in TRL_BY_MATURITY[data.maturity]:
        allowed = TRL_BY_MATURITY[data.maturity]
        raise DomainError(
            _("成熟度“%(m)s”对应的技术就绪度为 %(lo)d–%(hi)d 级。", m=_(data.maturity.label), lo=allowed.start, hi=allowed.stop - 1),
            field="trl",
        )
    values = {
        "title": rules.clean_title(data.title),
        "abstract": rules.clean_text(data.abstract, "abstract", required=True),
        "advantages": rules.clean_text(data.advantages, "advantages", required=False),
        "industry_id": rules.check_industry(session, data.industry_id, current=ach.industry_id),
        "keywords": list(data.keywords),
        "maturity": data.maturity,
        "trl": data.trl,
        "ip_type": data.ip_type,
        "ip_numbers": (data.ip_numbers or "").strip()[:400] or None,
        "coop_modes": rules.check_coop_modes(data.coop_modes),
        "price_wan": rules.check_money(data.price_wan, "price_wan"),
        "team_id": _team_for(session, actor, data, ach.organization_id),
    }
    changed = {}
    for name, value in values.items():
        if getattr(ach, name) != value:
            changed[name] = value
            setattr(ach, name, value)
    if data.publish and ach.status == AchievementStatus.DRAFT:
        ach.status = AchievementStatus.PUBLISHED
        changed["status"] = ach.status
    return changed


def create_achievement(session: Session, actor: User, data: AchievementData) -> Achievement:
    if not may_post_achievement(actor):
        raise PermissionDenied(_("只有高校院所用户可以发布科技成果。"))
    ach = Achievement(organization_id=actor.organization_id, created_by=actor, status=AchievementStatus.DRAFT)
    _apply(session, ach, actor, data)
    session.add(ach)
    session.flush()
    audit.record(session, actor, "achievement.create", ach, title=ach.title, status=ach.status.value)
    achievement_saved.send(ach, session=session)
    return ach


def update_achievement(session: Session, ach: Achievement, actor: User, data: AchievementData) -> Achievement:
    if not ach.can_edit(actor):
        raise NotFound(_("成果不存在。"))
    if ach.status == AchievementStatus.WITHDRAWN:
        raise DomainError(_("成果已撤回，不能再修改。"))
    changed = _apply(session, ach, actor, data)
    if changed:
        session.flush()
        audit.record(session, actor, "achievement.update", ach, fields=sorted(changed))
        achievement_saved.send(ach, session=session)
    return ach


def withdraw_achievement(session: Session, ach: Achievement, actor: User) -> Achievement:
    if not ach.can_edit(actor):
        raise NotFound(_("成果不存在。"))
    if ach.status != AchievementStatus.WITHDRAWN:
        previous = ach.status
        ach.status = AchievementStatus.WITHDRAWN
        session.flush()
        audit.record(session, actor, "achievement.withdraw", ach, previous=previous.value)
        achievement_saved.send(ach, session=session)
    return ach


def get_achievement(session: Session, ach_id: int, viewer: User, *, for_edit: bool = False) -> Achievement:
    ach = session.get(Achievement, ach_id, options=[joinedload(Achievement.organization)])
    allowed = ach is not None and (ach.can_edit(viewer) if for_edit else ach.can_view(viewer))
    if not allowed:
        raise NotFound(_("成果不存在。"))
    return ach


def search_achievements(session: Session, viewer: User, filters: ListingFilters) -> Select:
    stmt = select(Achievement).options(
        joinedload(Achievement.organization), joinedload(Achievement.industry), joinedload(Achievement.team)
    )
    stmt = stmt.where(Achievement.visible_to(viewer))
    if filters.mine:
        stmt = stmt.where(Achievement.organization_id == viewer.organization_id)
    stmt = apply_text_search(stmt, [Achievement.title, Achievement.abstract], filters.q)
    stmt = filters.apply_common(session, stmt, Achievement)
    if filters.status in {s.value for s in AchievementStatus}:
        stmt = stmt.where(Achievement.status == AchievementStatus(filters.status))
    if filters.flagged:
        stmt = stmt.where(Achievement.is_selected.is_(True))
    maturity = filters.extra.get("maturity")
    if maturity in {m.value for m in Maturity}:
        stmt = stmt.where(Achievement.maturity == Maturity(maturity))
    return stmt.order_by(
        Achievement.is_selected.desc(), Achievement.created_at.desc(), Achievement.id.desc()
    )


def teams_of(session: Session, org_id: int | None) -> list[ResearchTeam]:
    if org_id is None:
        return []
    return list(
        session.scalars(
            select(ResearchTeam).where(ResearchTeam.organization_id == org_id).order_by(ResearchTeam.name)
        )
    )


#: What industry partners look for before they take an achievement seriously.
ACHIEVEMENT_COMPLETENESS = [
    ("advantages", _l("相对现有技术的优势")),
    ("maturity", _l("成熟度")),
    ("trl", _l("技术就绪度（TRL）")),
    ("ip_type", _l("知识产权类型")),
    ("ip_numbers", _l("专利/登记号")),
    ("coop_modes", _l("合作方式")),
    ("price_wan", _l("意向价格")),
]


def missing_for_achievement(ach: Achievement) -> list[str]:
    return rules.missing_fields(ach, ACHIEVEMENT_COMPLETENESS)
