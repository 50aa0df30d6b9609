"""Write audit events in the same transaction as the change they record."""
from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from models import AuditEvent, User


def record(
    session: Session,
    actor: User | None,
    action: str,
    obj: Any = None,
    **data: Any,
) -> AuditEvent:
    """Add an AuditEvent for ``action`` (a language-neutral code such as ``need.update``)."""
    event = AuditEvent(
        actor_id=actor.id if actor is not None else None,
        action=action,
        object_type=type(obj).__tablename__ if obj is not None else "system",
        object_id=getattr(obj, "id", None),
        data={k: _jsonable(v) for k, v in data.items()},
    )
    session.add(event)
    return event


def _jsonable(value: Any) -> Any:
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    if isinstance(value, (list, tuple, set)):
        return [_jsonable(v) for v in value]
    return str(value)

