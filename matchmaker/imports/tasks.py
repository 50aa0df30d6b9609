"""The import's background work: checking an upload, writing a confirmed batch, and then
bringing matching up to date for the whole batch.

A web request only stores the upload (or the broker's choice) and moves the batch to CHECKING
(or IMPORTING); ``imports.check`` reads every row, checks it and looks for duplicates with the
encoder, ``imports.confirm`` writes the rows in one transaction. Both are idempotent (a run on a
batch no longer in their state does nothing), and one that fails for good returns the batch to
PREVIEW with the failure shown (``services.task_failed``): no batch stays in progress.

Imported rows are inserted in bulk and send no per-item save signal, so the matching hooks queue
nothing for them; instead ``after_commit`` queues ``imports.index_batch`` once the transaction
has committed (never before: a rolled-back import must not reach the index), and deletes the
upload the batch no longer needs. If the queue is down at that moment, nothing is lost: the
consumer's periodic reconcile finds every item missing from the index (``MatchingService.drift``).
"""
from __future__ import annotations

import logging
import os

from flask import current_app
from huey import crontab
from sqlalchemy import event, select
from sqlalchemy.orm import Session

from models import Achievement, ImportBatch, ImportKind, ImportStatus, TechNeed

from ..extensions import db
from ..tasks import background_task, task_queue

log = logging.getLogger(__name__)
PENDING = "imports_pending"
_listening = False


def after_commit(session: Session, *, task: tuple[str, int] | None = None, index_batch: int | None = None,
                 delete_file: str | None = None) -> None:
    """Once ``session`` commits: queue ``task`` (name, batch id) and the batch's matching work,
    delete the kept upload. A rolled-back session queues and deletes nothing."""
    pending = session.info.setdefault(PENDING, {"tasks": [], "files": []})
    if task is not None:
        pending["tasks"].append(task)
    if index_batch is not None:
        pending["tasks"].append(("imports.index_batch", index_batch))
    if delete_file is not None:
        pending["files"].append(delete_file)
    _listen()


def _listen() -> None:
    global _listening
    if not _listening:
        event.listen(Session, "after_commit", _on_commit)
        event.listen(Session, "after_soft_rollback", lambda s, _t: s.info.pop(PENDING, None))
        _listening = True


def _on_commit(session: Session) -> None:
    pending = session.info.pop(PENDING, None)
    if not pending:
        return
    for path in pending["files"]:
        try:
            os.unlink(path)
        except FileNotFoundError:
            pass
        except OSError:
            log.exception("could not delete the kept upload %s", path)
    for name, batch_id in pending["tasks"]:
        try:
            task_queue(current_app).enqueue(name, batch_id)
        except Exception:  # the periodic reconcile indexes what a lost index_batch left out
            log.exception("could not queue %s for import batch %s", name, batch_id)


def _failed(batch_id: int, error: BaseException) -> None:
    from .services import task_failed

    task_failed(db.session, batch_id, error)


@background_task("imports.check", priority=10, on_failure=_failed)
def check(batch_id: int) -> dict:
    """Read and check every row of an uploaded batch, duplicates included: CHECKING → PREVIEW."""
    from ..matching.runtime import matching_service
    from . import services

    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        return {"status": None}
    services.check(db.session, batch, instance_path=current_app.instance_path, matcher=matching_service(current_app),
                   max_rows=current_app.config.get("IMPORT_MAX_ROWS"))
    return {"status": batch.status.value}


@background_task("imports.confirm", priority=10, on_failure=_failed)
def confirm(batch_id: int) -> dict:
    """Write a confirmed batch in one transaction: IMPORTING → IMPORTED (or back to PREVIEW)."""
    from ..matching.runtime import matching_service
    from . import services

    batch = db.session.get(ImportBatch, batch_id)
    if batch is None:
        return {"status": None}
    services.confirm(db.session, batch, instance_path=current_app.instance_path, matcher=matching_service(current_app))
    return {"status": batch.status.value, "written": batch.written}


@background_task("imports.resume", periodic=crontab(minute="*/15"))
def resume() -> dict:
    """Queue again the work of every batch still CHECKING or IMPORTING: a consumer killed in the
    middle of a task (a deploy, the OOM killer) leaves no batch in progress for ever. Both tasks do
    nothing once their batch has moved on, so a batch whose task is merely waiting is not harmed."""
    waiting = db.session.execute(select(ImportBatch.id, ImportBatch.status).where(
        ImportBatch.status.in_([ImportStatus.CHECKING, ImportStatus.IMPORTING]))).all()
    queue = task_queue()
    for batch_id, status in waiting:
        queue.enqueue("imports.check" if status == ImportStatus.CHECKING else "imports.confirm", batch_id)
    return {"resumed": len(waiting)}


@background_task("imports.index_batch", priority=5)
def index_batch(batch_id: int) -> dict:
    """Index the batch's needs or achievements at once (vectors the duplicate check cached are
    reused), then queue the refresh of their own suggestion lists and of every list on the other
    side, which the batch may enter, in the usual chunks (items saved meanwhile go first)."""
    from ..matching.runtime import matching_service
    from ..matching.services import SPECS, other_side
    from ..matching.tasks import REFRESH_CHUNK

    batch = db.session.get(ImportBatch, batch_id)
    if batch is None or batch.status != ImportStatus.IMPORTED:
        return {"indexed": 0}
    side = "need" if batch.kind == ImportKind.NEEDS else "achievement"
    model = TechNeed if batch.kind == ImportKind.NEEDS else Achievement
    ids = list(db.session.scalars(select(model.id).where(model.batch_id == batch_id).order_by(model.id)))
    service = matching_service(current_app)
    service.ensure_writable(db.session)
    changes = service.update(db.session, side, ids)
    db.session.commit()
    own = [c.item_id for c in changes if c.is_indexed]
    other = other_side(side)
    others = list(db.session.scalars(select(SPECS[other].model.id).where(SPECS[other].eligible)
                                     .order_by(SPECS[other].model.id)))
    queue = task_queue()
    for owner_side, owners in ((side, own), (other, others)):
        for start in range(0, len(owners), REFRESH_CHUNK):
            queue.enqueue("matching.refresh", owner_side, owners[start : start + REFRESH_CHUNK])
    return {"indexed": len(own), "lists_queued": len(own) + len(others)}
