"""Database plumbing: one transaction per request, SQLite tuned for concurrent use."""
from __future__ import annotations

from typing import Any

from flask import Flask
from sqlalchemy import Engine, event

from .extensions import db


def tune_sqlite(engine: Engine) -> None:
    """Foreign keys on, WAL journal and a busy timeout so two writers queue instead of failing."""
    if engine.dialect.name != "sqlite":
        return

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA busy_timeout=10000")
        if engine.url.database not in (None, "", ":memory:"):
            cursor.execute("PRAGMA journal_mode=WAL")
        cursor.close()


def install_request_transaction(app: Flask) -> None:
    """Commit once at the end of a successful request; roll back on any error."""

    @app.after_request
    def _commit(response: Any) -> Any:
        if response.status_code < 400:
            db.session.commit()
        else:
            db.session.rollback()
        return response

    @app.teardown_request
    def _rollback(exc: BaseException | None) -> None:
        if exc is not None:
            db.session.rollback()
