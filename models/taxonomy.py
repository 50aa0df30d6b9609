"""Reference data: industries (two levels) and regions of the 万达开 pool."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base


class Industry(Base):
    """A key industry (parent is None) or one of its technology directions."""

    __tablename__ = "industries"
    __table_args__ = (UniqueConstraint("parent_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stable code used in imports and benchmarks, e.g. ``new_materials`` or ``new_materials.copper``.
    code: Mapped[str] = mapped_column(String(60), unique=True)
    name: Mapped[str] = mapped_column(String(40))
    parent_id: Mapped[Optional[int]] = mapped_column(ForeignKey("industries.id"), index=True)
    position: Mapped[int] = mapped_column(default=0)
    #: A retired direction is no longer offered for new records; records keep it.
    retired_at: Mapped[Optional[datetime]]

    parent: Mapped[Optional["Industry"]] = relationship(remote_side=[id], back_populates="children")
    children: Mapped[list["Industry"]] = relationship(
        back_populates="parent", order_by="Industry.position"
    )

    @property
    def top(self) -> "Industry":
        return self.parent or self

    @property
    def full_name(self) -> str:
        return f"{self.parent.name}·{self.name}" if self.parent else self.name

    def __repr__(self) -> str:
        return f"<Industry {self.code}>"


class Region(Base):
    """A district of the 万达开 cooperation area (万州, 达州, 开州, 云阳)."""

    __tablename__ = "regions"

    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(30), unique=True)
    name: Mapped[str] = mapped_column(String(30), unique=True)
    #: Province-level unit, e.g. 重庆市 or 四川省 (达州 lies in Sichuan).
    province: Mapped[str] = mapped_column(String(20))
    position: Mapped[int] = mapped_column(default=0)

    def __repr__(self) -> str:
        return f"<Region {self.code}>"
