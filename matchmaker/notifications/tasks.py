"""Sending notification e-mail in the task consumer: one task per mail, and a sweep once a minute
that queues again every mail still unsent after its task gave up (the SMTP server was down)."""
from __future__ import annotations

import logging

from flask import current_app
from huey import crontab

from ..extensions import db
from ..tasks import background_task, task_queue
from . import mail, services

log = logging.getLogger(__name__)


def _lease() -> float:
    """How long a claimed mail is left to its task: far longer than any SMTP conversation takes."""
    return max(600.0, 30 * float(current_app.config["MAIL_TIMEOUT"]))


@background_task("notifications.send_mail", priority=5)
def send_mail(notification_id: int) -> str:
    """Mail one notification, at most once. Raises on an SMTP or connection error: huey retries,
    and the sweep takes over when the retries are used up."""
    if not current_app.config["MAIL_ENABLED"]:
        return "disabled"  # left pending: sent once mail is switched on again
    claim = services.claim_mail(db.session, notification_id, lease=_lease())
    db.session.commit()  # the claim (or a skip) is visible before the server is contacted
    if claim is None:
        return "nothing to send"
    try:
        mail.send(claim.notification)
    except Exception as error:
        db.session.rollback()
        services.record_mail_failed(db.session, claim, error)
        db.session.commit()
        log.warning("mail for notification %s failed (attempt %s): %s", notification_id, claim.attempt, error)
        raise
    services.record_mail_sent(db.session, claim)
    db.session.commit()
    return "sent"


@background_task("notifications.sweep_mail", periodic=crontab(minute="*"))
def sweep_mail() -> int:
    """Queue again every pending mail whose task has given up or was lost; returns how many."""
    config = current_app.config
    if not config["MAIL_ENABLED"]:
        return 0
    due = services.mails_due(
        db.session, retry_after=float(config["MAIL_RETRY_AFTER"]), retry_max=float(config["MAIL_RETRY_MAX"]),
        attempts_per_round=int(config["TASK_RETRIES"]) + 1, lease=_lease(),
    )
    services.resolve_mail_failures(db.session, due)
    db.session.commit()
    queue = task_queue()
    for notification_id in due:
        queue.enqueue(services.SEND_TASK, notification_id)
    if due:
        log.info("mail sweep: %d unsent mail(s) queued again", len(due))
    return len(due)
