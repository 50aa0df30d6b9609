"""Notifications: an in-app inbox per user, and the same by e-mail (SMTP, sent by the task queue).

Other features call ``services.notify(session, recipients, kind, …)`` inside their transaction;
``messages`` turns a row into text, ``tasks`` mails it, ``views`` is the inbox.
"""
from __future__ import annotations

from flask import Flask
from flask_login import current_user
from sqlalchemy import event
from sqlalchemy.orm import Session

from . import messages, services


def init_notifications(app: Flask) -> None:
    """Queue mail after commits; the navbar's unread count and the renderer for templates."""
    if not getattr(init_notifications, "_listening", False):
        # on every Session (the requests' and tasks' scoped session included), once per process
        event.listen(Session, "after_commit", services.queue_mail_after_commit)
        event.listen(Session, "after_soft_rollback", services.forget_mail_on_rollback)
        init_notifications._listening = True
    app.jinja_env.globals["render_notification"] = messages.render

    @app.context_processor
    def _unread_notifications():
        def unread_notifications() -> int:
            from ..extensions import db

            if not current_user.is_authenticated:
                return 0
            return services.unread_count(db.session, current_user)

        return {"unread_notifications": unread_notifications}
