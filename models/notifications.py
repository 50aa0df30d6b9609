"""What users are told: an in-app inbox, and the same by e-mail unless they switch it off."""
from __future__ import annotations

from datetime import datetime
from typing import Optional

from sqlalchemy import JSON, CheckConstraint, ForeignKey, Index, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import User
from .base import Base, utcnow
from .workflow import Pairing


class Notification(Base):
    """One message to one user. The text is rendered at display (and mail) time from ``kind`` and
    ``data``, in the reader's language; the row stores only codes and values.

    ``mail_status``: ``pending`` until the task queue has sent it (retried while the SMTP server is
    down), ``sent``, or ``skipped`` (the user switched e-mail off, or has no address).
    """

    __tablename__ = "notifications"
    __table_args__ = (
        Index("ix_notifications_user_unread", "user_id", "read_at"),
        CheckConstraint("mail_status IN ('pending', 'sent', 'skipped')", name="mail_status_known"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    #: Language-neutral code, e.g. ``pairing.pushed``.
    kind: Mapped[str] = mapped_column(String(40))
    data: Mapped[dict] = mapped_column(JSON, default=dict)
    pairing_id: Mapped[Optional[int]] = mapped_column(ForeignKey("pairings.id", ondelete="CASCADE"), index=True)
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    read_at: Mapped[Optional[datetime]]
    mail_status: Mapped[str] = mapped_column(String(10), default="pending", index=True)
    mailed_at: Mapped[Optional[datetime]]
    mail_attempts: Mapped[int] = mapped_column(default=0)
    #: When the last attempt began (or failed): the sweep's clock.
    mail_attempted_at: Mapped[Optional[datetime]]
    mail_error: Mapped[Optional[str]] = mapped_column(String(500))

    user: Mapped[User] = relationship(foreign_keys=[user_id])
    actor: Mapped[Optional[User]] = relationship(foreign_keys=[actor_id])
    pairing: Mapped[Optional[Pairing]] = relationship()
