"""What every admin service shares: who may administer, and the query-string filters of the lists.

The rules themselves live beside their subject: ``users.py`` (accounts, roles, the last-admin
guard), ``organisations.py`` (list, edit, merge duplicates), ``taxonomy.py`` (industry directions)
and ``auditlog.py`` (the audit log, its filters and export).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any, TypeVar

from flask_babel import gettext as _
from sqlalchemy.orm import Session

from models import User

from ..errors import NotFound, PermissionDenied

T = TypeVar("T")


def require_admin(actor: User) -> None:
    """Every admin service starts here; the predicate itself is ``User.can_administer``."""
    if not actor.can_administer:
        raise PermissionDenied(_("只有管理员可以进行此操作。"))


def fetch(session: Session, model: type[T], obj_id: int, actor: User, missing: str) -> T:
    """The row an admin page is about, or NotFound with ``missing`` as the message."""
    require_admin(actor)
    obj = session.get(model, obj_id)
    if obj is None:
        raise NotFound(missing)
    return obj


def arg_int(args, name: str) -> int | None:
    value = (args.get(name) or "").strip()
    return int(value) if value.isdigit() else None


def arg_text(args, name: str, limit: int = 100) -> str:
    return (args.get(name) or "").strip()[:limit]


@dataclass
class QueryFilters:
    """Filters parsed leniently from the query string; ``query_args`` rebuilds it for links."""

    page: int = 1

    def query_args(self, **overrides: Any) -> dict[str, Any]:
        args = {f.name: getattr(self, f.name) for f in fields(self)}
        args.update(overrides)
        return {k: v for k, v in args.items() if v not in (None, "", False)}

    def as_dict(self) -> dict[str, Any]:
        """The filters in force (for an audit record), without the page."""
        return {k: v for k, v in asdict(self).items() if k != "page" and v not in (None, "", False)}
