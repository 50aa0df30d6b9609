"""The daily digest run in the task consumer (huey's scheduler)."""
from __future__ import annotations

import logging

from huey import crontab

from ..extensions import db
from ..tasks import background_task
from . import services

log = logging.getLogger(__name__)


@background_task("digests.send_due", periodic=crontab(minute="30", hour="1"))  # 09:30 Beijing time, daily
def send_due() -> int:
    """Send every due organisation its digest (those with nothing new get none); returns how many were sent."""
    outcomes = services.run(db.session)
    sent = sum(1 for o in outcomes if o.status == "sent")
    if sent:
        log.info("digests: %d organisation(s) sent their digest", sent)
    return sent
