"""Turn needs and achievements (rows) into the engine's MatchDoc."""
from __future__ import annotations

from models import Achievement, AchievementStatus, NeedStatus, TechNeed

from .engine import MatchDoc


def _industry(row) -> tuple[int | None, int | None, str | None]:
    industry = row.industry
    if industry is None:
        return None, None, None
    return industry.id, industry.top.id, industry.full_name


def need_doc(need: TechNeed) -> MatchDoc:
    industry_id, top_id, name = _industry(need)
    body = "\n".join(p for p in (need.description, need.current_situation, need.target_indicators) if p)
    return MatchDoc(
        id=need.id,
        title=need.title,
        body=body,
        org_id=need.organization_id,
        keywords=tuple(need.keywords or ()),
        industry_id=industry_id,
        industry_top_id=top_id,
        industry_name=name,
        coop_modes=frozenset(need.coop_modes or ()),
        money_wan=float(need.budget_wan) if need.budget_wan is not None else None,
        eligible=need.status == NeedStatus.OPEN,
    )


def achievement_doc(ach: Achievement) -> MatchDoc:
    industry_id, top_id, name = _industry(ach)
    body = "\n".join(p for p in (ach.abstract, ach.advantages) if p)
    return MatchDoc(
        id=ach.id,
        title=ach.title,
        body=body,
        org_id=ach.organization_id,
        keywords=tuple(ach.keywords or ()),
        industry_id=industry_id,
        industry_top_id=top_id,
        industry_name=name,
        coop_modes=frozenset(ach.coop_modes or ()),
        maturity=ach.maturity.value if ach.maturity else None,
        money_wan=float(ach.price_wan) if ach.price_wan is not None else None,
        eligible=ach.status == AchievementStatus.PUBLISHED,
    )
