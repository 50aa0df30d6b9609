"""The industry taxonomy (two levels: key industries and their technology directions), as admins
keep it: add a direction, rename an entry, retire a direction and restore it — each showing how
many records it affects, each audited.

A retired direction is not offered for new records (``taxonomy.services.industry_choices``) but the
records that have it keep it, and it stays selectable in their edit forms. Codes never change: they
are what imports, benchmarks and ``flask taxonomy sync`` know an entry by (the sync adds missing
codes and leaves admins' names and retirements alone unless ``--force``).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import Achievement, Industry, MatchmakingEvent, Organization, TechNeed, User, utcnow

from .. import audit
from ..errors import Conflict, DomainError
from ..signals import achievement_saved, need_saved
from .services import fetch, require_admin

NAME_MAX = 40
CODE_MAX = 60
SLUG = re.compile(r"^[a-z][a-z0-9_]{0,29}$")


@dataclass
class Usage:
    """How many records use an industry."""

    needs: int = 0
    achievements: int = 0
    organisations: int = 0
    events: int = 0

    @property
    def total(self) -> int:
        return self.needs + self.achievements + self.organisations + self.events

    def __add__(self, other: "Usage") -> "Usage":
        return Usage(self.needs + other.needs, self.achievements + other.achievements,
                     self.organisations + other.organisations, self.events + other.events)

    def as_dict(self) -> dict[str, int]:
        return {"needs": self.needs, "achievements": self.achievements,
                "organisations": self.organisations, "events": self.events}


#: Every record that points at an industry, by the Usage field that counts it.
USERS_OF_INDUSTRY = (("needs", TechNeed), ("achievements", Achievement), ("organisations", Organization),
                     ("events", MatchmakingEvent))


def direct_usage(session: Session, industry_ids: list[int] | None = None) -> dict[int, Usage]:
    """Records pointing at each industry itself (not at its directions)."""
    usage: dict[int, Usage] = {}
    for name, model in USERS_OF_INDUSTRY:
        stmt = select(model.industry_id, func.count()).where(model.industry_id.is_not(None)).group_by(model.industry_id)
        if industry_ids is not None:
            stmt = stmt.where(model.industry_id.in_(industry_ids))
        for industry_id, n in session.execute(stmt):
            setattr(usage.setdefault(industry_id, Usage()), name, n)
    return usage


@dataclass
class TaxonomyEntry:
    industry: Industry
    #: Records with this very entry.
    own: Usage
    #: For a key industry: its own records plus its directions'; for a direction: its own.
    total: Usage
    directions: list["TaxonomyEntry"] = field(default_factory=list)


def taxonomy_tree(session: Session, actor: User) -> list[TaxonomyEntry]:
    require_admin(actor)
    usage = direct_usage(session)
    tops = session.scalars(select(Industry).where(Industry.parent_id.is_(None)).order_by(Industry.position))
    tree = []
    for top in tops:
        directions = [TaxonomyEntry(d, usage.get(d.id, Usage()), usage.get(d.id, Usage())) for d in top.children]
        own = usage.get(top.id, Usage())
        total = sum((d.own for d in directions), own)
        tree.append(TaxonomyEntry(top, own, total, directions))
    return tree


def get_industry(session: Session, industry_id: int, actor: User) -> Industry:
    return fetch(session, Industry, industry_id, actor, _("行业不存在。"))


def _scope(industry: Industry) -> list[int]:
    """The entries whose records an action on ``industry`` touches: itself and its directions."""
    return [industry.id, *(d.id for d in industry.children)]


def affected(session: Session, industry: Industry) -> Usage:
    """Records that show this entry's name: its own, and for a key industry its directions' too."""
    return sum(direct_usage(session, _scope(industry)).values(), Usage())


def _clean_name(session: Session, name: str | None, parent_id: int | None, exclude_id: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise DomainError(_("名称不能为空。"), field="name")
    if len(name) > NAME_MAX:
        raise DomainError(_("名称不能超过 %(n)d 个字。", n=NAME_MAX), field="name")
    parent_clause = Industry.parent_id.is_(None) if parent_id is None else Industry.parent_id == parent_id
    stmt = select(Industry.id).where(parent_clause, Industry.name == name)
    if exclude_id is not None:
        stmt = stmt.where(Industry.id != exclude_id)
    if session.scalar(stmt):
        where = _("重点产业中") if parent_id is None else _("该产业下")
        raise Conflict(_("%(where)s已有名为「%(name)s」的条目。", where=where, name=name), field="name")
    return name


def add_direction(session: Session, actor: User, parent_id: int, name: str, slug: str | None = None) -> Industry:
    """A new direction under a key industry; its code is the parent's code plus ``slug`` (or a number)."""
    require_admin(actor)
    parent = session.get(Industry, parent_id)
    if parent is None or parent.parent_id is not None:
        raise DomainError(_("技术方向只能添加在重点产业之下。"), field="parent_id")
    name = _clean_name(session, name, parent.id)
    code = _direction_code(session, parent, (slug or "").strip().lower())
    position = session.scalar(select(func.max(Industry.position)).where(Industry.parent_id == parent.id))
    industry = Industry(code=code, name=name, parent=parent, position=(position or 0) + 1)
    session.add(industry)
    session.flush()
    audit.record(session, actor, "industry.create", industry, code=code, name=name, parent=parent.code)
    return industry


def _direction_code(session: Session, parent: Industry, slug: str) -> str:
    taken = set(session.scalars(select(Industry.code).where(Industry.code.startswith(parent.code + ".", autoescape=True))))
    if slug:
        if not SLUG.match(slug):
            raise DomainError(_("代码只能由小写字母、数字和下划线组成，以字母开头，不超过30位，例如 copper_foil。"),
                              field="slug")
        code = f"{parent.code}.{slug}"
        if code in taken:
            raise Conflict(_("代码 %(code)s 已被使用。", code=code), field="slug")
    else:
        n = 1
        while f"{parent.code}.d{n}" in taken:
            n += 1
        code = f"{parent.code}.d{n}"
    if len(code) > CODE_MAX:
        raise DomainError(_("代码过长（不超过 %(n)d 位）。", n=CODE_MAX), field="slug")
    return code


def rename_industry(session: Session, actor: User, industry: Industry, name: str) -> bool:
    """Rename an entry (its code stays); False when the name is unchanged."""
    require_admin(actor)
    name = _clean_name(session, name, industry.parent_id, exclude_id=industry.id)
    if name == industry.name:
        return False
    old = industry.name
    usage = affected(session, industry)
    industry.name = name
    audit.record(session, actor, "industry.rename", industry, code=industry.code, old=old, new=name,
                 affected=usage.as_dict())
    session.flush()
    _reindex_listings(session, _scope(industry))
    return True


def _reindex_listings(session: Session, industry_ids: list[int]) -> None:
    """The matching documents carry the industry's name: queue the listings that show it."""
    for need in session.scalars(select(TechNeed).where(TechNeed.industry_id.in_(industry_ids))):
        need_saved.send(need, session=session)
    for ach in session.scalars(select(Achievement).where(Achievement.industry_id.in_(industry_ids))):
        achievement_saved.send(ach, session=session)


def _direction(industry: Industry) -> None:
    if industry.parent_id is None:
        raise DomainError(_("重点产业不能停用，只能停用其下的技术方向。"))


def retire_direction(session: Session, actor: User, industry: Industry) -> bool:
    """No longer offer the direction for new records; False when it already was retired."""
    require_admin(actor)
    _direction(industry)
    if industry.retired_at is not None:
        return False
    industry.retired_at = utcnow()
    audit.record(session, actor, "industry.retire", industry, code=industry.code, name=industry.name,
                 affected=affected(session, industry).as_dict())
    session.flush()
    return True


def restore_direction(session: Session, actor: User, industry: Industry) -> bool:
    """Offer a retired direction again; False when it was not retired."""
    require_admin(actor)
    _direction(industry)
    if industry.retired_at is None:
        return False
    industry.retired_at = None
    audit.record(session, actor, "industry.restore", industry, code=industry.code, name=industry.name)
    session.flush()
    return True
