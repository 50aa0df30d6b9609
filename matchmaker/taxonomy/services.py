"""Keep the taxonomy tables in step with ``data.py`` (idempotent), and offer industries to forms.

Admins edit the taxonomy (add, rename, retire directions: ``matchmaker.admin.taxonomy``), so the
sync only adds what is missing: a name an admin changed, a direction an admin retired or added stays
as it is. ``force`` puts the names, order and retirement of the codes in ``data.py`` back as written.
"""
from __future__ import annotations

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Industry, Region

from .data import INDUSTRIES, REGIONS


def sync_taxonomy(session: Session, force: bool = False) -> tuple[int, int]:
    """Insert missing industries and regions by code (``force``: also reset names, order and
    retirement of existing industries from data.py); return how many rows were added."""
    added = 0
    existing = {i.code: i for i in session.scalars(select(Industry))}
    for position, (code, name, subs) in enumerate(INDUSTRIES):
        parent = existing.get(code)
        if parent is None:
            parent = Industry(code=code, name=name, position=position)
            session.add(parent)
            added += 1
        elif force:
            parent.name, parent.position, parent.parent, parent.retired_at = name, position, None, None
        for sub_position, (sub_code, sub_name) in enumerate(subs):
            full_code = f"{code}.{sub_code}"
            child = existing.get(full_code)
            if child is None:
                child = Industry(code=full_code, name=sub_name, position=sub_position, parent=parent)
                session.add(child)
                added += 1
            elif force:
                child.name, child.position, child.parent, child.retired_at = sub_name, sub_position, parent, None
    regions = {r.code: r for r in session.scalars(select(Region))}
    added_regions = 0
    for position, (code, name, province) in enumerate(REGIONS):
        region = regions.get(code)
        if region is None:
            region = Region(code=code, name=name, province=province, position=position)
            session.add(region)
            added_regions += 1
        region.name, region.province, region.position = name, province, position
    session.flush()
    return added, added_regions


def industry_choices(session: Session, keep: int | None = None) -> list[tuple[int, str]]:
    """Options for a select: top-level industries followed by their directions, indented.

    Retired directions are not offered, except ``keep``: the industry the edited record already
    has, which stays shown and selectable (marked 已停用) so that saving the record keeps it.
    """
    tops = session.scalars(
        select(Industry).where(Industry.parent_id.is_(None)).order_by(Industry.position)
    ).all()
    choices: list[tuple[int, str]] = []
    for top in tops:
        choices.append((top.id, top.name))
        for child in top.children:
            if child.retired_at is None:
                choices.append((child.id, f"{top.name} · {child.name}"))
            elif child.id == keep:
                choices.append((child.id, f"{top.name} · {child.name}" + _("（已停用）")))
    return choices


def top_industries(session: Session) -> list[Industry]:
    return list(
        session.scalars(
            select(Industry).where(Industry.parent_id.is_(None)).order_by(Industry.position)
        )
    )


def regions(session: Session) -> list[Region]:
    return list(session.scalars(select(Region).order_by(Region.position)))
