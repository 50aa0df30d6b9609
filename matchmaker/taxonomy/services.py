"""Keep the taxonomy tables in step with ``data.py`` (idempotent)."""
from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import Industry, Region

from .data import INDUSTRIES, REGIONS


def sync_taxonomy(session: Session) -> tuple[int, int]:
    """Insert or rename industries and regions by code; return how many rows were added."""
    added = 0
    existing = {i.code: i for i in session.scalars(select(Industry))}
    for position, (code, name, subs) in enumerate(INDUSTRIES):
        parent = existing.get(code)
        if parent is None:
            parent = Industry(code=code, name=name, position=position)
            session.add(parent)
            added += 1
        parent.name, parent.position, parent.parent = name, position, None
        for sub_position, (sub_code, sub_name) in enumerate(subs):
            full_code = f"{code}.{sub_code}"
            child = existing.get(full_code)
            if child is None:
                child = Industry(code=full_code, name=sub_name, position=sub_position)
                session.add(child)
                added += 1
            child.name, child.position, child.parent = sub_name, sub_position, parent
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


def industry_choices(session: Session) -> list[tuple[int, str]]:
    """Options for a select: top-level industries followed by their directions, indented."""
    tops = session.scalars(
        select(Industry).where(Industry.parent_id.is_(None)).order_by(Industry.position)
    ).all()
    choices: list[tuple[int, str]] = []
    for top in tops:
        choices.append((top.id, top.name))
        choices.extend((child.id, f"{top.name} · {child.name}") for child in top.children)
    return choices


def top_industries(session: Session) -> list[Industry]:
    return list(
        session.scalars(
            select(Industry).where(Industry.parent_id.is_(None)).order_by(Industry.position)
        )
    )


def regions(session: Session) -> list[Region]:
    return list(session.scalars(select(Region).order_by(Region.position)))
