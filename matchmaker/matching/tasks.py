"""The matching engine's background tasks (run by ``flask --app wsgi worker``).

Each task is idempotent: it recomputes from the database's current state, so running it
twice, or after a newer task, changes nothing.
"""
from __future__ import annotations

import logging
import time

from flask import current_app
from huey import crontab

from ..extensions import db
from ..tasks import background_task, task_queue
from . import lists
from .runtime import matching_service
from .services import SIDES, other_side

log = logging.getLogger(__name__)
#: Owners per refresh task: small enough that an item's task does not wait long behind them.
REFRESH_CHUNK = 20


def _k() -> int:
    return current_app.config["SUGGESTIONS_PER_ITEM"]


@background_task("matching.item_changed", priority=10)
def item_changed(side: str, item_id: int) -> int:
    """A need or an achievement was saved, withdrawn, published or imported: its index entry and
    its own list now; the other side's lists it reaches next, after any other item just saved."""
    reached = lists.item_changed(matching_service(current_app), db.session, side, item_id, _k())
    if reached:
        task_queue().enqueue("matching.reach", other_side(side), reached)
    return len(reached)


@background_task("matching.reach", priority=5)
def reach(side: str, owner_ids: list[int]) -> int:
    """Recheck the lists an item may have entered or left."""
    service = matching_service(current_app)
    service.ensure_writable(db.session)
    return lists.reach(service, db.session, side, owner_ids, _k())


@background_task("matching.items_changed", priority=5)
def items_changed(side: str, ids: list[int]) -> None:
    """A batch (an import): index all at once, then refresh every list the batch touches."""
    service = matching_service(current_app)
    service.update(db.session, side, list(ids))
    refresh_all(force=True)  # a batch reaches many lists on the other side: refresh them all


@background_task("matching.pair_reviewed", priority=10)
def pair_reviewed(need_id: int, achievement_id: int) -> None:
    """A broker decided on a pair: both lists show the decision (a rejected pair leaves them)."""
    service = matching_service(current_app)
    service.ensure_writable(db.session)
    lists.refresh(service, db.session, "need", need_id, _k())
    lists.refresh(service, db.session, "achievement", achievement_id, _k())


@background_task("matching.refresh")
def refresh(side: str, ids: list[int]) -> int:
    """Recompute these owners' lists."""
    service = matching_service(current_app)
    service.ensure_writable(db.session)
    return sum(lists.refresh(service, db.session, side, owner_id, _k()) for owner_id in ids)


@background_task("matching.refresh_all")
def refresh_all(force: bool = True) -> int:
    """Queue a refresh of every list (``force``) or of every missing or stale one."""
    service = matching_service(current_app)
    service.ensure_writable(db.session)
    queue = task_queue()
    queued = 0
    for side in SIDES:
        state = lists.freshness(service, db.session, side)
        for owner_id in state.orphan_ids:
            lists.drop(db.session, side, owner_id)
        db.session.commit()
        if force:
            ids = [r.id for r in lists.SPECS[side].rows(db.session)]
        else:
            ids = state.stale_ids
        for start in range(0, len(ids), REFRESH_CHUNK):
            queue.enqueue("matching.refresh", side, ids[start : start + REFRESH_CHUNK])
        queued += len(ids)
    return queued


@background_task("matching.glossary_changed", priority=15)
def glossary_changed() -> dict:
    """A broker added, retired or restored a glossary pair: this process takes the new glossary,
    the index follows it (only documents whose text or tokens changed are re-indexed), and every
    list is queued for a refresh now (the engine version changed with the glossary). Pages show
    the stored lists meanwhile."""
    started = time.monotonic()
    service = matching_service(current_app)
    logged = service.follow_glossary_in_index(db.session)
    indexed = time.monotonic() - started
    queued = refresh_all(force=False)
    summary = {"glossary": service.index_glossary or "builtin", "reindexed": logged or {},
               "index_seconds": round(indexed, 3), "lists_queued": queued}
    log.info("glossary changed: %s", summary)
    return summary


@background_task("matching.rebuild", priority=20)
def rebuild(force: bool = False) -> None:
    """Rebuild the index from the database when it is missing or corrupt (or when forced)."""
    service = matching_service(current_app)
    problem = service.problem()
    if force or problem or not service.corpora:
        if problem:
            log.warning("rebuilding the matching index: %s", problem)
        service.rebuild(db.session)


@background_task("matching.reconcile")
def reconcile() -> dict:
    """Start-up and safety net: a usable index, in step with the database; every list current.

    Catches what a lost task left behind (a consumer killed mid-task, Redis down at save time,
    a glossary change whose task was lost) and an engine that changed (new version: every list
    is refreshed in the background).
    """
    service = matching_service(current_app)
    problem = service.problem(thorough=True)
    if problem:
        log.warning("rebuilding the matching index: %s", problem)
        service.rebuild(db.session)
    service.ensure_writable(db.session)
    reindexed = service.follow_glossary_in_index(db.session)  # a lost glossary_changed task
    drift = service.drift(db.session)
    for side, ids in drift.items():
        for item_id in ids:
            reached = lists.item_changed(service, db.session, side, item_id, _k())
            lists.reach(service, db.session, other_side(side), reached, _k())
    queued = 0
    if task_queue().waiting() == 0:  # a refresh already under way is not queued twice
        queued = refresh_all(force=False)
    pruned = service.prune_log(db.session)
    db.session.commit()
    summary = {"drift": {s: len(i) for s, i in drift.items()}, "lists_queued": queued, "log_pruned": pruned}
    if reindexed is not None:
        summary["glossary_reindexed"] = reindexed
    if any(drift.values()) or queued or reindexed is not None:
        log.info("reconcile: %s", summary)
    return summary


@background_task("matching.reconcile_periodic", periodic=crontab(minute="*"))
def reconcile_periodic() -> dict:
    return reconcile()


@background_task("matching.nightly_refresh", periodic=crontab(minute="30", hour="3"))
def nightly_refresh() -> int:
    """Every list once a night: corpus-wide effects (hubness) drift slowly with each change."""
    return refresh_all(force=True)
