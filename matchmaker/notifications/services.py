"""Notifications: who is told what (``notify``), the inbox, and the e-mail delivery bookkeeping.

``notify`` only adds rows; once the transaction has committed, a ``notifications.send_mail`` task
is queued for each row that wants a mail (never on rollback: a refused transition tells nobody).
If queuing fails, the sweep (``mails_due``, once a minute) finds the row still pending.

Delivery sends each mail at most once although tasks may overlap (a retry, the sweep, two consumer
threads): a task first *claims* the row with a conditional UPDATE that moves ``mail_attempts`` from
the value it read to the next one, commits, and only then talks to the SMTP server. Of two tasks
that read the same row only one claim matches; a task that finds a fresh claim leaves the row
alone. Until the outcome is known ``mail_error`` reads "sending: …"; afterwards it holds the error
(or nothing once sent), and ``mail_attempted_at`` when that attempt began or failed, so the sweep
can tell how long a row has been waiting.
"""
from __future__ import annotations

import enum
import logging
import math
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any, Iterable, Sequence

from flask import current_app, has_app_context
from flask_babel import gettext as _
from flask_sqlalchemy.pagination import SelectPagination
from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models import Notification, Pairing, TaskFailure, User, utcnow

from .. import audit
from ..errors import NotFound

log = logging.getLogger(__name__)

#: session.info key: ids of notifications to mail once the transaction commits.
PENDING_MAIL = "notifications_pending_mail"
SEND_TASK = "notifications.send_mail"
SENDING = "sending:"


# --- telling people ---------------------------------------------------------------------------


def notify(
    session: Session,
    recipients: Iterable[User | None],
    kind: str,
    *,
    actor: User | None = None,
    pairing: Pairing | None = None,
    link: str | None = None,
    **data: Any,
) -> list[Notification]:
    """One notification per distinct recipient (the actor is never told of their own act).

    ``data`` holds the values the text needs (titles, codes, ISO dates) and ``link`` a site path.
    Flushes, never commits; the mails are queued after the commit.
    """
    values = {key: _plain(value) for key, value in data.items()}
    if link is not None:
        values["link"] = link
    mail_on = _mail_enabled()
    seen: set[int] = set()
    rows: list[Notification] = []
    for user in recipients:
        if user is None or user.id in seen or (actor is not None and user.id == actor.id):
            continue
        seen.add(user.id)
        rows.append(Notification(
            user=user, kind=kind, data=dict(values), pairing=pairing, actor=actor,
            mail_status="pending" if mail_on and mail_wanted(user) else "skipped",
        ))
    if not rows:
        return rows
    session.add_all(rows)
    session.flush()
    session.info.setdefault(PENDING_MAIL, []).extend(r.id for r in rows if r.mail_status == "pending")
    return rows


def mail_wanted(user: User) -> bool:
    """The user gets e-mail: switched on, an address, an active account."""
    return bool(user.email_notifications and user.email and user.active)


def _mail_enabled() -> bool:
    return bool(current_app.config.get("MAIL_ENABLED", True)) if has_app_context() else True


def _plain(value: Any) -> Any:
    """A JSON value: enums by their code, dates in ISO form."""
    if isinstance(value, enum.Enum):
        return value.value
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    return value


def queue_mail_after_commit(session: Session) -> None:
    """after_commit: queue a send task per committed notification that wants a mail."""
    ids = session.info.pop(PENDING_MAIL, None)
    if not ids or not has_app_context():  # no app, no queue: the sweep sends them
        return
    from ..tasks import task_queue

    try:
        queue = task_queue(current_app)
        for notification_id in dict.fromkeys(ids):
            queue.enqueue(SEND_TASK, notification_id)
    except Exception:  # the queue is down: the sweep finds the rows still pending
        log.exception("could not queue mail for notifications %s", ids)


def forget_mail_on_rollback(session: Session, previous_transaction) -> None:
    """after_soft_rollback: the outermost transaction's notifications are gone; mail none of them."""
    if previous_transaction.parent is None:
        session.info.pop(PENDING_MAIL, None)
    # a rolled-back savepoint leaves ids of rows that no longer exist: their task finds nothing


# --- the inbox -----------------------------------------------------------------------------


def unread_count(session: Session, user: User) -> int:
    return session.scalar(
        select(func.count()).select_from(Notification)
        .where(Notification.user_id == user.id, Notification.read_at.is_(None))
    ) or 0


def inbox(session: Session, user: User, page: int = 1, per_page: int = 20) -> SelectPagination:
    """The user's notifications, newest first, one page of them."""
    stmt = (select(Notification).where(Notification.user_id == user.id)
            .order_by(Notification.created_at.desc(), Notification.id.desc()))
    return SelectPagination(select=stmt, session=session, page=max(1, page), per_page=per_page,
                            max_per_page=None, error_out=False)


def get_notification(session: Session, user: User, notification_id: int) -> Notification:
    """One of the user's notifications; another user's is NotFound, never a hint it exists."""
    row = session.get(Notification, notification_id)
    if row is None or row.user_id != user.id:
        raise NotFound(_("通知不存在。"))
    return row


def mark_read(session: Session, user: User, notification_ids: Iterable[int] | None = None) -> int:
    """Mark the given notifications (``None``: all) read; returns how many were unread.

    Only the user's own: any other id is NotFound and nothing is marked. Marking twice keeps the
    first reading time.
    """
    stmt = update(Notification).where(Notification.user_id == user.id, Notification.read_at.is_(None))
    if notification_ids is not None:
        ids = {int(i) for i in notification_ids}
        if not ids:
            return 0
        owned = set(session.scalars(
            select(Notification.id).where(Notification.id.in_(ids), Notification.user_id == user.id)))
        if owned != ids:
            raise NotFound(_("通知不存在。"))
        stmt = stmt.where(Notification.id.in_(ids))
    result = session.execute(stmt.values(read_at=utcnow()), execution_options={"synchronize_session": "fetch"})
    return result.rowcount or 0


def set_email_notifications(session: Session, user: User, enabled: bool) -> bool:
    """Switch the user's e-mail on or off; off also drops the mails not sent yet. Returns whether it changed."""
    if user.email_notifications == enabled:
        return False
    user.email_notifications = enabled
    if not enabled:
        session.execute(
            update(Notification)
            .where(Notification.user_id == user.id, Notification.mail_status == "pending")
            .values(mail_status="skipped"),
            execution_options={"synchronize_session": "fetch"},
        )
    audit.record(session, user, "user.email_notifications", user, enabled=enabled)
    session.flush()
    return True


# --- e-mail delivery -----------------------------------------------------------------------


@dataclass(frozen=True)
class MailClaim:
    """The right to make one delivery attempt: the row's ``mail_attempts`` is now ``attempt``."""

    notification_id: int
    attempt: int
    notification: Notification


def claim_mail(
    session: Session, notification_id: int, *, lease: float, now: datetime | None = None
) -> MailClaim | None:
    """Claim the notification's mail for one attempt, or None when there is nothing to send:
    sent, skipped, gone, claimed by another task less than ``lease`` seconds ago, or not wanted
    any more (then it is marked skipped). The caller commits before sending."""
    now = now or utcnow()
    row = session.execute(
        select(Notification).where(Notification.id == notification_id)
        .execution_options(populate_existing=True)
    ).scalar_one_or_none()
    if row is None or row.mail_status != "pending":
        return None
    if not mail_wanted(row.user):
        session.execute(update(Notification)
                        .where(Notification.id == row.id, Notification.mail_status == "pending")
                        .values(mail_status="skipped"))
        return None
    at, in_flight = row.mail_attempted_at, in_progress(row.mail_error)
    if in_flight and at is not None and at > now - timedelta(seconds=lease):
        log.info("mail for notification %s is being sent by another task", row.id)
        return None
    attempt = row.mail_attempts + 1
    claimed = session.execute(
        update(Notification)
        .where(Notification.id == row.id, Notification.mail_status == "pending",
               Notification.mail_attempts == row.mail_attempts)
        .values(mail_attempts=attempt, mail_attempted_at=now,
                mail_error=f"{SENDING} attempt {attempt} started, no answer yet")
    ).rowcount
    if claimed != 1:  # another task claimed it between our read and our update
        return None
    session.refresh(row)
    return MailClaim(row.id, attempt, row)


def record_mail_sent(session: Session, claim: MailClaim, now: datetime | None = None) -> bool:
    """The SMTP server accepted the mail: sent, with its time."""
    done = session.execute(
        update(Notification)
        .where(Notification.id == claim.notification_id, Notification.mail_status == "pending",
               Notification.mail_attempts == claim.attempt)
        .values(mail_status="sent", mailed_at=now or utcnow(), mail_error=None)
    ).rowcount
    if done != 1:
        log.warning("notification %s was mailed, but its row changed meanwhile", claim.notification_id)
    return done == 1


def record_mail_failed(session: Session, claim: MailClaim, error: BaseException, now: datetime | None = None) -> None:
    """The attempt failed: keep the error (with its time); the row stays pending for a retry."""
    text = f"{type(error).__name__}: {error}".replace("\n", " ")
    session.execute(
        update(Notification)
        .where(Notification.id == claim.notification_id, Notification.mail_status == "pending",
               Notification.mail_attempts == claim.attempt)
        .values(mail_error=text[:500], mail_attempted_at=now or utcnow())
    )


def in_progress(mail_error: str | None) -> bool:
    """Whether the last claimed attempt has not told its outcome yet."""
    return bool(mail_error) and mail_error.startswith(SENDING)


def mails_due(
    session: Session,
    *,
    retry_after: float,
    retry_max: float,
    attempts_per_round: int,
    lease: float,
    now: datetime | None = None,
    limit: int = 1000,
) -> list[int]:
    """Pending mails that no task is looking after any more, to be queued again.

    A mail never tried is due ``retry_after`` seconds after it was written (its task was lost);
    one whose last attempt failed waits ``retry_after`` after that, doubling with every round of
    attempts already made, up to ``retry_max``; one claimed but never finished (the consumer
    died) is due once its claim is ``lease`` seconds old.
    """
    now = now or utcnow()
    rows = session.execute(
        select(Notification.id, Notification.mail_attempts, Notification.mail_error, Notification.mail_attempted_at,
               Notification.created_at)
        .where(Notification.mail_status == "pending").order_by(Notification.id)
    ).all()
    due: list[int] = []
    for row_id, attempts, error, at, created_at in rows:
        in_flight = in_progress(error)
        if attempts == 0 or at is None:
            wait, since = retry_after, (at or created_at)
        elif in_flight:
            wait, since = lease, at
        else:
            rounds = math.ceil(attempts / max(1, attempts_per_round))
            wait, since = min(retry_after * 2 ** max(0, rounds - 1), retry_max), at
        if since <= now - timedelta(seconds=wait):
            due.append(row_id)
            if len(due) >= limit:
                break
    return due


def resolve_mail_failures(session: Session, notification_ids: Sequence[int], now: datetime | None = None) -> int:
    """Mark the recorded failures of these mails' tasks resolved: the sweep has queued them again."""
    wanted = set(notification_ids)
    if not wanted:
        return 0
    failures = session.scalars(
        select(TaskFailure).where(TaskFailure.name == SEND_TASK, TaskFailure.resolved_at.is_(None))
    ).all()
    resolved = 0
    for failure in failures:
        if list(failure.args or [])[:1] and failure.args[0] in wanted:
            failure.resolved_at = now or utcnow()
            resolved += 1
    return resolved
