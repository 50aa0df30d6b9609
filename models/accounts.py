"""Organisations, their research teams, and the people who sign in."""
from __future__ import annotations

import hashlib
import hmac
from datetime import datetime
from typing import TYPE_CHECKING, Optional

from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .base import Base, enum_type, utcnow
from .enums import DigestFrequency, OrgKind, Role
from .taxonomy import Region

if TYPE_CHECKING:
    from .taxonomy import Industry


class Organization(Base):
    __tablename__ = "organizations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)
    kind: Mapped[OrgKind] = mapped_column(enum_type(OrgKind, "org_kind"), index=True)
    #: 统一社会信用代码 (GB 32100-2015), 18 characters, check digit verified on entry.
    credit_code: Mapped[str] = mapped_column(String(18), unique=True)
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("regions.id"), index=True)
    #: Main industry, used to describe a confidential enterprise ("某企业(新材料)").
    industry_id: Mapped[Optional[int]] = mapped_column(ForeignKey("industries.id"))
    #: 定期推送: how often the organisation's users get a digest of what is new and fits them.
    digest_frequency: Mapped[DigestFrequency] = mapped_column(
        enum_type(DigestFrequency, "digest_frequency"), default=DigestFrequency.WEEKLY
    )
    last_digest_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Optional[Region]] = relationship()
    industry: Mapped[Optional["Industry"]] = relationship()
    users: Mapped[list["User"]] = relationship(back_populates="organization")
    teams: Mapped[list["ResearchTeam"]] = relationship(
        back_populates="organization", order_by="ResearchTeam.name"
    )

    @property
    def is_enterprise(self) -> bool:
        return self.kind == OrgKind.ENTERPRISE

    @property
    def is_research(self) -> bool:
        return self.kind in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE)

    def __repr__(self) -> str:
        return f"<Organization {self.id} {self.name}>"


class ResearchTeam(Base):
    """A university or institute research team (课题组) that owns achievements."""

    __tablename__ = "research_teams"
    __table_args__ = (UniqueConstraint("organization_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    name: Mapped[str] = mapped_column(String(120))
    leader: Mapped[Optional[str]] = mapped_column(String(40))
    field: Mapped[Optional[str]] = mapped_column(String(120))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organization: Mapped[Organization] = relationship(back_populates="teams")

    def __repr__(self) -> str:
        return f"<ResearchTeam {self.id} {self.name}>"


class User(Base):
    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Stored lower-cased; the login name.
    email: Mapped[str] = mapped_column(String(254), unique=True)
    name: Mapped[str] = mapped_column(String(60))
    password_hash: Mapped[str] = mapped_column(String(256))
    role: Mapped[Role] = mapped_column(enum_type(Role, "user_role"), index=True)
    organization_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("organizations.id"), index=True
    )
    active: Mapped[bool] = mapped_column(default=True)
    #: Send notifications by e-mail too (the in-app inbox always has them).
    email_notifications: Mapped[bool] = mapped_column(default=True)
    #: May be invited to score open calls (评审专家); outside experts have the role EXPERT.
    is_expert: Mapped[bool] = mapped_column(default=False)
    #: Preferred UI language ("zh" or "en"); None follows the browser.
    locale: Mapped[Optional[str]] = mapped_column(String(10))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[Optional[datetime]]

    organization: Mapped[Optional[Organization]] = relationship(back_populates="users")

    # Flask-Login protocol, written out so models need not import Flask.
    @property
    def is_authenticated(self) -> bool:
        return True

    @property
    def is_active(self) -> bool:
        return self.active

    @property
    def is_anonymous(self) -> bool:
        return False

    def get_id(self) -> str:
        """The id a session (and a remember-me cookie) keeps: the user's id and a fingerprint of the
        password hash, so that a new password (changed, or reset by an admin) signs out every other
        session of that user."""
        return f"{self.id}:{self.session_fingerprint}"

    @property
    def session_fingerprint(self) -> str:
        return hashlib.sha256(self.password_hash.encode("utf-8")).hexdigest()[:20]

    def holds_session(self, session_id: str) -> bool:
        """Is ``session_id`` (from ``get_id``) one this user's current password issued?"""
        return hmac.compare_digest(session_id, self.get_id())

    @property
    def is_staff(self) -> bool:
        """Brokers and admins see every organisation's name and every listing."""
        return self.role in (Role.BROKER, Role.ADMIN)

    @property
    def can_administer(self) -> bool:
        """Users, organisations, the taxonomy and the audit log: active admins only."""
        return self.role == Role.ADMIN and self.active

    def __repr__(self) -> str:
        return f"<User {self.id} {self.email} {self.role}>"
