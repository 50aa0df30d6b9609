"""``flask worker`` (the task consumer) and ``flask tasks status|retry``."""
from __future__ import annotations

import json
import logging
import threading
import time

import click
from flask import Flask, current_app
from flask.cli import AppGroup, with_appcontext
from sqlalchemy import select

from models import TaskFailure, utcnow

from ..extensions import db
from . import task_queue
from .queue import redact

log = logging.getLogger(__name__)


def describe_queue(app: Flask) -> str:
    url = app.config.get("REDIS_URL")
    if url:
        return f"Redis {redact(url)}"
    return f"SQLite {task_queue(app).huey.storage.filename}"


class IndexWatchdog(threading.Thread):
    """Checks every few seconds that the index on disk is usable; queues a rebuild when it is not
    (files deleted or damaged while the app runs). Pages keep serving their stored lists meanwhile."""

    def __init__(self, app: Flask, interval: float) -> None:
        super().__init__(name="index-watchdog", daemon=True)
        self.app = app
        self.interval = interval
        self.stopped = threading.Event()
        self._queued_at = float("-inf")

    def run(self) -> None:
        from ..matching.runtime import matching_service

        while not self.stopped.wait(self.interval):
            try:
                problem = matching_service(self.app).problem()
                if problem and time.monotonic() - self._queued_at > 30:
                    log.warning("index unusable (%s): queuing a rebuild", problem)
                    task_queue(self.app).enqueue("matching.rebuild")
                    self._queued_at = time.monotonic()
            except Exception:  # keep watching
                log.exception("index watchdog")


@click.command("worker")
@click.option("--workers", type=int, default=None, help="Threads running tasks (default: TASK_WORKERS, 1).")
@with_appcontext
def worker_command(workers: int | None) -> None:
    """Run the task consumer: index updates, suggestion lists, and every other background job."""
    app = current_app._get_current_object()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    queue = task_queue(app)
    workers = workers or app.config["TASK_WORKERS"]
    click.echo(f"worker: queue {describe_queue(app)}, {workers} thread(s); Ctrl-C stops")
    # Start-up: a usable index in step with the database, and every stale list queued.
    queue.enqueue("matching.reconcile")
    watchdog = IndexWatchdog(app, app.config["MATCHING_WATCH_INTERVAL"])
    watchdog.start()
    consumer = queue.huey.create_consumer(
        # an idle consumer polls the SQLite queue at least every 0.2 s: a saved need waits little
        workers=workers, worker_type="thread", periodic=True, initial_delay=0.05, backoff=1.15,
        max_delay=0.2, scheduler_interval=1, check_worker_health=True,
    )
    try:
        consumer.run()
    finally:
        watchdog.stopped.set()


tasks_cli = AppGroup("tasks", help="The background task queue.")


@tasks_cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def tasks_status(as_json: bool) -> None:
    """Tasks waiting, and tasks that failed after their retries."""
    app = current_app._get_current_object()
    huey = task_queue(app).huey
    failures = db.session.scalars(
        select(TaskFailure).where(TaskFailure.resolved_at.is_(None)).order_by(TaskFailure.failed_at.desc())
    ).all()
    data = {
        "queue": describe_queue(app),
        "pending": int(huey.pending_count()),
        "scheduled": int(huey.scheduled_count()),
        "failed": [
            {"id": f.id, "task": f.name, "args": f.args, "attempts": f.attempts,
             "failed_at": f.failed_at.isoformat(), "error": f.error}
            for f in failures
        ],
    }
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    click.echo(f"queue: {data['queue']}")
    click.echo(f"pending: {data['pending']}  scheduled (waiting to retry or run later): {data['scheduled']}")
    if not failures:
        click.echo("failed: none")
        return
    click.echo(f"failed after retries: {len(failures)} (re-run with: flask --app wsgi tasks retry ID | --all)")
    for f in data["failed"]:
        click.echo(f"  #{f['id']} {f['task']}{tuple(f['args'])} x{f['attempts']} at {f['failed_at']}: "
                   f"{f['error'].splitlines()[0][:160]}")


@tasks_cli.command("retry")
@click.argument("ids", nargs=-1, type=int)
@click.option("--all", "retry_all", is_flag=True, help="Re-run every failed task.")
def tasks_retry(ids: tuple[int, ...], retry_all: bool) -> None:
    """Queue failed tasks again (they are marked resolved; a new failure is recorded anew)."""
    if not ids and not retry_all:
        raise click.UsageError("give failure ids (see `tasks status`) or --all")
    stmt = select(TaskFailure).where(TaskFailure.resolved_at.is_(None))
    if ids:
        stmt = stmt.where(TaskFailure.id.in_(ids))
    failures = db.session.scalars(stmt).all()
    missing = set(ids) - {f.id for f in failures}
    if missing:
        raise click.ClickException(f"no unresolved failure with id {', '.join(map(str, sorted(missing)))}")
    queue = task_queue()
    for failure in failures:
        queue.enqueue(failure.name, *failure.args)
        failure.resolved_at = utcnow()
        click.echo(f"queued #{failure.id} {failure.name}{tuple(failure.args)}")
    db.session.commit()
