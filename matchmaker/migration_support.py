"""Alembic autogenerate hooks: render our custom column types as plain SQLAlchemy types.

Migrations must not import application code (it changes; a migration must not), so a
UTCDateTime column is written as ``sa.DateTime(timezone=True)``.
"""
from __future__ import annotations

from typing import Any

from models.base import UTCDateTime


def render_item(type_: str, obj: Any, autogen_context: Any) -> str | bool:
    if type_ == "type" and isinstance(obj, UTCDateTime):
        return "sa.DateTime(timezone=True)"
    return False
