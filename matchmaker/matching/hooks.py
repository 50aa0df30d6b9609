"""Keep the index in step with saves: services signal a change; once the transaction has
committed, the changed rows are re-indexed (a new need is matchable at once).

Work is done after commit, never before: a rolled-back save must not reach the index.
"""
from __future__ import annotations

import logging

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from ..signals import achievement_saved, need_saved

log = logging.getLogger(__name__)
PENDING = "matching_pending"


def _remember(side: str):
    def receiver(sender, session: Session, **_kw) -> None:
        pending = session.info.setdefault(PENDING, set())
        pending.add((side, sender.id))

    return receiver


_on_need = _remember("need")
_on_achievement = _remember("achievement")


def _after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    from .runtime import matching_service

    try:
        service = matching_service(current_app)
    except RuntimeError:  # committed outside an application context
        return
    # A fresh session: the committed one may not emit SQL inside its after_commit hook.
    with Session(db.engine) as fresh:
        try:
            for side in ("need", "achievement"):
                ids = sorted(i for s, i in pending if s == side)
                if ids:
                    service.refresh(fresh, side, ids)
            fresh.commit()
        except Exception:  # the index repairs itself on next use; the user's save stands
            fresh.rollback()
            log.exception("re-indexing after commit failed for %s", sorted(pending))


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def init_hooks(app: Flask) -> None:
    need_saved.connect(_on_need)
    achievement_saved.connect(_on_achievement)
    if not getattr(init_hooks, "_listening", False):
        # registered once per process, on the sessions of Flask-SQLAlchemy's scoped session
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", lambda s, _t: _after_rollback(s))
        init_hooks._listening = True
