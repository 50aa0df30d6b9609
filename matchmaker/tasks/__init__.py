"""Background work: a huey task queue per application.

Features declare their tasks with ``@background_task("feature.name")`` in their own
``tasks.py``; ``init_tasks`` binds them to the app's queue — a SQLite file under
``instance/`` by default, Redis when ``REDIS_URL`` is set. Web requests only enqueue; the
consumer (``flask --app wsgi worker``) runs the tasks, each in an application context with
its own database session. A task that raises is retried with a growing delay; one that still
fails is recorded in ``task_failures`` (``flask --app wsgi tasks status`` shows it, ``tasks
retry`` runs it again), never silently dropped.
"""
from __future__ import annotations

import logging
import traceback
from dataclasses import dataclass
from typing import Any, Callable

from flask import Flask, current_app

log = logging.getLogger(__name__)
KEY = "matchmaker.tasks"


@dataclass(frozen=True)
class TaskSpec:
    name: str
    fn: Callable[..., Any]
    #: A huey ``crontab(...)`` for periodic tasks (they take no arguments).
    periodic: Any = None
    #: Higher runs first when several tasks wait.
    priority: int = 0
    #: Called with the task's arguments and the error once the task has failed for good (no
    #: retry left), in a fresh transaction that is committed: to leave a visible trace on the
    #: object the task was working on (e.g. an import batch must not stay "in progress").
    on_failure: Callable[..., Any] | None = None


_REGISTRY: dict[str, TaskSpec] = {}


def background_task(name: str, *, periodic: Any = None, priority: int = 0,
                    on_failure: Callable[..., Any] | None = None):
    """Declare a task. The function runs in an app context; it must be idempotent (it may be
    retried, or run twice when a consumer dies mid-task)."""

    def decorator(fn: Callable[..., Any]) -> Callable[..., Any]:
        _REGISTRY[name] = TaskSpec(name, fn, periodic, priority, on_failure)
        return fn

    return decorator


class TaskQueue:
    """The app's huey instance and its bound tasks."""

    def __init__(self, huey, tasks: dict[str, Any]) -> None:
        self.huey = huey
        self.tasks = tasks

    def enqueue(self, name: str, *args: Any) -> str:
        """Put a task on the queue; returns its id."""
        try:
            wrapper = self.tasks[name]
        except KeyError:
            raise KeyError(f"unknown task {name!r} (known: {', '.join(sorted(self.tasks))})") from None
        task = wrapper.s(*args)
        self.huey.enqueue(task)
        return task.id

    def waiting(self) -> int:
        """Tasks queued or scheduled (a retry waits in the schedule)."""
        return int(self.huey.pending_count()) + int(self.huey.scheduled_count())


def task_queue(app: Flask | None = None) -> TaskQueue:
    return (app or current_app).extensions[KEY]


def enqueue(name: str, *args: Any) -> str:
    """Enqueue on the current app's queue."""
    return task_queue().enqueue(name, *args)


def init_tasks(app: Flask) -> None:
    from .queue import make_huey
    from ..matching import tasks as _matching_tasks  # noqa: F401  (declares the matching tasks)
    from ..notifications import tasks as _notification_tasks  # noqa: F401  (mail, and its sweep)
    from ..pairings import tasks as _pairing_tasks  # noqa: F401  (registration reminders)
    from ..digests import tasks as _digest_tasks  # noqa: F401  (定期推送, daily)
    from ..calls import tasks as _call_tasks  # noqa: F401  (deadlines and 公示)
    from ..imports import tasks as _import_tasks  # noqa: F401  (an imported batch's matching work)

    huey = make_huey(app)
    options = dict(retries=app.config["TASK_RETRIES"], retry_delay=app.config["TASK_RETRY_DELAY"],
                   retry_backoff=app.config["TASK_RETRY_BACKOFF"], context=True)
    bound = {}
    for spec in _REGISTRY.values():
        runner = _runner(app, spec)
        if spec.periodic is not None:
            bound[spec.name] = huey.periodic_task(spec.periodic, name=spec.name, priority=spec.priority, **options)(runner)
        else:
            bound[spec.name] = huey.task(name=spec.name, priority=spec.priority, **options)(runner)
    app.extensions[KEY] = TaskQueue(huey, bound)


def _runner(app: Flask, spec: TaskSpec) -> Callable[..., Any]:
    def run(*args: Any, task: Any = None) -> Any:
        from ..extensions import db

        with app.app_context():
            try:
                result = spec.fn(*args)
                db.session.commit()
                return result
            except Exception as error:
                db.session.rollback()
                if task is None or not task.retries:  # no retry left: keep it for an operator
                    record_failure(app, spec.name, args, error, task)
                    _on_failure(spec, args, error)
                raise
            finally:
                db.session.remove()

    run.__name__ = spec.name.replace(".", "_")
    run.__qualname__ = run.__name__
    return run


def _on_failure(spec: TaskSpec, args: tuple, error: BaseException) -> None:
    from ..extensions import db

    if spec.on_failure is None:
        return
    try:
        spec.on_failure(*args, error)
        db.session.commit()
    except Exception:
        db.session.rollback()
        log.exception("the failure handler of task %s%r failed", spec.name, args)


def record_failure(app: Flask, name: str, args: tuple, error: BaseException, task: Any) -> None:
    """Write a TaskFailure row (in its own session: the task's transaction was rolled back)."""
    from sqlalchemy.orm import Session

    from models import TaskFailure

    from ..extensions import db

    try:
        with Session(db.engine) as session:
            session.add(TaskFailure(
                task_id=str(getattr(task, "id", "") or ""), name=name, args=list(args),
                error=f"{type(error).__name__}: {error}"[:4000],
                traceback="".join(traceback.format_exception(error))[-20000:],
                attempts=int(app.config["TASK_RETRIES"]) + 1,
            ))
            session.commit()
    except Exception:  # the failure is still in the consumer's log
        log.exception("could not record the failure of task %s%r", name, args)
