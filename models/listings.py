"""The two sides of the market: enterprises' technology needs and research achievements."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import TYPE_CHECKING, Optional

from sqlalchemy import JSON, CheckConstraint, ColumnElement, ForeignKey, Index, String, Text, false, or_, true
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import Organization, ResearchTeam, User
from .base import Base, Money, enum_type, utcnow
from .enums import AchievementStatus, CoopMode, IPType, Maturity, NeedStatus, OrgKind, Role
from .taxonomy import Industry

if TYPE_CHECKING:
    from .imports import ImportBatch
    from .workflow import Challenge


def _coop_modes(values: list[str] | None) -> list[CoopMode]:
    return [CoopMode(v) for v in values or []]


class TechNeed(Base):
    """技术需求: a problem an enterprise wants solved."""

    __tablename__ = "tech_needs"
    __table_args__ = (
        CheckConstraint("budget_wan IS NULL OR budget_wan >= 0", name="budget_not_negative"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        Index("ix_tech_needs_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(120))
    description: Mapped[str] = mapped_column(Text)
    #: 现状: what the enterprise does today and why it falls short.
    current_situation: Mapped[Optional[str]] = mapped_column(Text)
    #: 目标指标: the measurable result that would count as solved.
    target_indicators: Mapped[Optional[str]] = mapped_column(Text)
    industry_id: Mapped[Optional[int]] = mapped_column(ForeignKey("industries.id"), index=True)
    #: List of short key terms, as entered.
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    #: List of CoopMode values the enterprise would accept.
    coop_modes: Mapped[list[str]] = mapped_column(JSON, default=list)
    budget_wan: Mapped[Optional[Decimal]] = mapped_column(Money)
    deadline: Mapped[Optional[date]]
    #: 联系人 / 联系电话 as given in a 征集表 (imported needs); shown to staff and the owner only.
    contact_name: Mapped[Optional[str]] = mapped_column(String(40))
    contact_phone: Mapped[Optional[str]] = mapped_column(String(40))
    #: Collection batch it came from, e.g. "2024年度技术需求征集".
    source_batch: Mapped[Optional[str]] = mapped_column(String(60), index=True)
    #: The import (征集) batch the need came in with, if it was imported.
    batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"), index=True)
    #: 重点需求, set by brokers, with why and by whom.
    is_key: Mapped[bool] = mapped_column(default=False, index=True)
    key_rationale: Mapped[Optional[str]] = mapped_column(Text)
    key_marked_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    key_marked_at: Mapped[Optional[datetime]]
    #: Hide the enterprise's name from other organisations (brokers and admins still see it).
    is_confidential: Mapped[bool] = mapped_column(default=False)
    status: Mapped[NeedStatus] = mapped_column(
        enum_type(NeedStatus, "need_status"), default=NeedStatus.OPEN, index=True
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship()
    created_by: Mapped[Optional[User]] = relationship(foreign_keys=[created_by_id])
    key_marked_by: Mapped[Optional[User]] = relationship(foreign_keys=[key_marked_by_id])
    batch: Mapped[Optional["ImportBatch"]] = relationship()
    industry: Mapped[Optional[Industry]] = relationship()
    challenge: Mapped[Optional["Challenge"]] = relationship(back_populates="need")

    @property
    def coop_mode_list(self) -> list[CoopMode]:
        return _coop_modes(self.coop_modes)

    def is_owned_by(self, user: User) -> bool:
        return user.organization_id is not None and user.organization_id == self.organization_id

    def can_view(self, user: User) -> bool:
        if user.is_staff or self.is_owned_by(user):
            return True
        return self.status != NeedStatus.WITHDRAWN

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        return _owned_or(cls, user, cls.status != NeedStatus.WITHDRAWN)

    def can_see_suggestions(self, user: User) -> bool:
        """Suggestions are the owner's and the brokers' working material."""
        return user.is_staff or self.is_owned_by(user)

    @classmethod
    def suggestions_visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_see_suggestions``."""
        return _owned_or(cls, user, false())

    def can_edit(self, user: User) -> bool:
        if user.role == Role.ADMIN or user.role == Role.BROKER:
            return True
        return user.role == Role.ENTERPRISE and self.is_owned_by(user)

    def can_see_owner(self, user: User) -> bool:
        return not self.is_confidential or user.is_staff or self.is_owned_by(user)

    def can_see_contact(self, user: User) -> bool:
        """联系人 / 联系电话 from a 征集表: for the enterprise itself and the brokers only."""
        return user.is_staff or self.is_owned_by(user)

    def can_mark_key(self, user: User) -> bool:
        """重点需求 are the bureau's call: brokers and admins mark them (and see why)."""
        return user.is_staff

    def __repr__(self) -> str:
        return f"<TechNeed {self.id} {self.title!r}>"


class Achievement(Base):
    """科技成果: a result a university or institute team offers for transfer."""

    __tablename__ = "achievements"
    __table_args__ = (
        CheckConstraint("price_wan IS NULL OR price_wan >= 0", name="price_not_negative"),
        CheckConstraint("trl IS NULL OR (trl BETWEEN 1 AND 9)", name="trl_range"),
        CheckConstraint("length(title) > 0", name="title_not_empty"),
        Index("ix_achievements_status_created_at", "status", "created_at"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("research_teams.id"), index=True)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    title: Mapped[str] = mapped_column(String(120))
    abstract: Mapped[str] = mapped_column(Text)
    #: 技术优势: the benefit over existing technology, in the owner's words.
    advantages: Mapped[Optional[str]] = mapped_column(Text)
    industry_id: Mapped[Optional[int]] = mapped_column(ForeignKey("industries.id"), index=True)
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    maturity: Mapped[Optional[Maturity]] = mapped_column(enum_type(Maturity, "maturity"))
    #: Technology readiness level 1–9, when the owner states it.
    trl: Mapped[Optional[int]]
    ip_type: Mapped[Optional[IPType]] = mapped_column(enum_type(IPType, "ip_type"))
    #: Patent / registration numbers, free text (e.g. "ZL202110123456.7").
    ip_numbers: Mapped[Optional[str]] = mapped_column(String(400))
    coop_modes: Mapped[list[str]] = mapped_column(JSON, default=list)
    price_wan: Mapped[Optional[Decimal]] = mapped_column(Money)
    #: The import (征集) batch the achievement came in with, if it was imported.
    batch_id: Mapped[Optional[int]] = mapped_column(ForeignKey("import_batches.id", ondelete="SET NULL"), index=True)
    #: 遴选: selected by the bureau as a high-value achievement, with why and by whom.
    is_selected: Mapped[bool] = mapped_column(default=False, index=True)
    selection_rationale: Mapped[Optional[str]] = mapped_column(Text)
    selected_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    selected_at: Mapped[Optional[datetime]]
    status: Mapped[AchievementStatus] = mapped_column(
        enum_type(AchievementStatus, "achievement_status"),
        default=AchievementStatus.PUBLISHED,
        index=True,
    )
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    organization: Mapped[Organization] = relationship()
    team: Mapped[Optional[ResearchTeam]] = relationship()
    created_by: Mapped[Optional[User]] = relationship(foreign_keys=[created_by_id])
    selected_by: Mapped[Optional[User]] = relationship(foreign_keys=[selected_by_id])
    batch: Mapped[Optional["ImportBatch"]] = relationship()
    industry: Mapped[Optional[Industry]] = relationship()

    @property
    def coop_mode_list(self) -> list[CoopMode]:
        return _coop_modes(self.coop_modes)

    def is_owned_by(self, user: User) -> bool:
        return user.organization_id is not None and user.organization_id == self.organization_id

    def can_view(self, user: User) -> bool:
        if user.is_staff or self.is_owned_by(user):
            return True
        return self.status == AchievementStatus.PUBLISHED

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        return _owned_or(cls, user, cls.status == AchievementStatus.PUBLISHED)

    def can_see_suggestions(self, user: User) -> bool:
        """Suggestions are the owner's and the brokers' working material."""
        return user.is_staff or self.is_owned_by(user)

    @classmethod
    def suggestions_visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_see_suggestions``."""
        return _owned_or(cls, user, false())

    def can_edit(self, user: User) -> bool:
        if user.role in (Role.ADMIN, Role.BROKER):
            return True
        return user.role == Role.UNIVERSITY and self.is_owned_by(user)

    def can_select(self, user: User) -> bool:
        """遴选 is the bureau's call: brokers and admins select achievements (and see why)."""
        return user.is_staff

    def __repr__(self) -> str:
        return f"<Achievement {self.id} {self.title!r}>"


def _owned_or(model, user: User, public: ColumnElement[bool]) -> ColumnElement[bool]:
    """Rows the user may see: staff everything, owners their own, others what ``public`` allows."""
    if user.is_staff:
        return true()
    if user.organization_id is None:
        return public
    return or_(model.organization_id == user.organization_id, public)


def may_post_need(user: User) -> bool:
    org = user.organization
    return user.role == Role.ENTERPRISE and org is not None and org.kind == OrgKind.ENTERPRISE


def may_post_achievement(user: User) -> bool:
    org = user.organization
    return user.role == Role.UNIVERSITY and org is not None and org.is_research
