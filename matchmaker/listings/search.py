"""Text search, filters and pagination over needs or achievements (portable SQL)."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Select, or_, select
from sqlalchemy.orm import Session

from models import Industry, Organization

MAX_TERMS = 8
#: Filters only one of the lists has (achievements: maturity).
EXTRA_FILTERS = ("maturity",)


def text_terms(q: str | None) -> list[str]:
    return [t for t in (q or "").split() if t][:MAX_TERMS]


def apply_text_search(stmt: Select, columns: list[Any], q: str | None) -> Select:
    """Every whitespace-separated term must appear in one of ``columns`` (LIKE, wildcards escaped)."""
    for term in text_terms(q):
        stmt = stmt.where(or_(*(col.contains(term, autoescape=True) for col in columns)))
    return stmt


def industry_and_children(session: Session, industry_id: int) -> list[int]:
    ids = [industry_id]
    ids.extend(session.scalars(select(Industry.id).where(Industry.parent_id == industry_id)))
    return ids


@dataclass
class ListingFilters:
    """Filters common to both lists; parsed leniently from the query string."""

    q: str = ""
    industry_id: int | None = None
    region_id: int | None = None
    status: str | None = None
    flagged: bool = False  # is_key for needs, is_selected for achievements
    mine: bool = False
    page: int = 1
    extra: dict[str, str] = field(default_factory=dict)

    @classmethod
    def from_args(cls, args) -> "ListingFilters":
        def as_int(name: str) -> int | None:
            value = args.get(name, "")
            return int(value) if value.isdigit() else None

        page = as_int("page") or 1
        return cls(
            q=args.get("q", "").strip()[:100],
            industry_id=as_int("industry"),
            region_id=as_int("region"),
            status=args.get("status") or None,
            flagged=args.get("flagged") == "1",
            mine=args.get("mine") == "1",
            page=max(page, 1),
            extra={k: args.get(k, "") for k in EXTRA_FILTERS if args.get(k)},
        )

    def apply_common(self, session: Session, stmt: Select, model: Any) -> Select:
        if self.industry_id:
            stmt = stmt.where(model.industry_id.in_(industry_and_children(session, self.industry_id)))
        if self.region_id:
            stmt = stmt.join(Organization, model.organization_id == Organization.id).where(
                Organization.region_id == self.region_id
            )
        return stmt

    def query_args(self, **overrides: Any) -> dict[str, Any]:
        """The current filters as URL arguments (for pagination links)."""
        args = {
            "q": self.q or None,
            "industry": self.industry_id,
            "region": self.region_id,
            "status": self.status,
            "flagged": "1" if self.flagged else None,
            "mine": "1" if self.mine else None,
        }
        args.update(self.extra)
        args.update(overrides)
        return {k: v for k, v in args.items() if v is not None}
