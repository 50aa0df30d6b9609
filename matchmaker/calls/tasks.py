"""Background tasks of the open calls."""
from __future__ import annotations

from huey import crontab

from ..extensions import db
from ..listings.rules import bureau_today
from ..tasks import background_task
from . import services


@background_task("calls.due", periodic=crontab(minute="5", hour="16"))  # 00:05 Beijing time
def due() -> int:
    """Calls past their deadline go to 评审; a 公示 that ended without open objections becomes final."""
    return services.due_calls(db.session, bureau_today())
