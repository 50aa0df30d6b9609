"""Keep matching in step with saves: services send signals; once the transaction has committed,
the changed items are queued for the task consumer, which updates the index and the lists.

Work is queued after commit, never before: a rolled-back save must not reach the index, and the
consumer must find the committed row. If queuing fails (the queue is down), nothing is lost: the
consumer's periodic reconcile finds every item whose index entry or list is out of date.
"""
from __future__ import annotations

import logging

from flask import Flask, current_app
from sqlalchemy import event
from sqlalchemy.orm import Session

from ..extensions import db
from ..signals import achievement_saved, need_saved, pair_reviewed
from ..tasks import task_queue

log = logging.getLogger(__name__)
PENDING = "matching_pending"


def _remember(kind: str):
    def receiver(sender, session: Session, **_kw) -> None:
        session.info.setdefault(PENDING, {})[(kind, _key(kind, sender))] = None

    return receiver


def _key(kind: str, sender) -> tuple:
    if kind == "pair":
        return (sender.need_id, sender.achievement_id)
    return (sender.id,)


_on_need = _remember("need")
_on_achievement = _remember("achievement")
_on_review = _remember("pair")


def glossary_changed(session: Session) -> None:
    """A glossary pair was added, retired or restored in ``session``: once it commits, the consumer
    takes the new glossary, re-indexes and refreshes the lists (``matching.glossary_changed``)."""
    session.info.setdefault(PENDING, {})[("glossary", ())] = None


def _after_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    try:
        queue = task_queue(current_app)
    except RuntimeError:  # committed outside an application context
        return
    for kind, key in pending:
        try:
            if kind == "pair":
                queue.enqueue("matching.pair_reviewed", *key)
            elif kind == "glossary":
                queue.enqueue("matching.glossary_changed")
            else:
                queue.enqueue("matching.item_changed", kind, *key)
        except Exception:  # the reconcile task picks it up later
            log.exception("could not queue matching work for %s %s", kind, key)


def _after_rollback(session: Session) -> None:
    session.info.pop(PENDING, None)


def init_hooks(app: Flask) -> None:
    need_saved.connect(_on_need)
    achievement_saved.connect(_on_achievement)
    pair_reviewed.connect(_on_review)
    if not getattr(init_hooks, "_listening", False):
        # registered once per process, on the sessions of Flask-SQLAlchemy's scoped session
        event.listen(db.session, "after_commit", _after_commit)
        event.listen(db.session, "after_soft_rollback", lambda s, _t: _after_rollback(s))
        init_hooks._listening = True
