"""Background tasks of the pairing workflow."""
from __future__ import annotations

from flask import current_app
from huey import crontab

from ..extensions import db
from ..listings.rules import bureau_today
from ..tasks import background_task
from . import services


@background_task("pairings.remind_overdue", periodic=crontab(minute="0", hour="1"))  # 09:00 Beijing time
def remind_overdue() -> int:
    """Remind the seller side of every signed contract still unregistered after the due days (weekly)."""
    return services.remind_overdue(db.session, bureau_today(), current_app.config["REGISTRATION_DUE_DAYS"])
