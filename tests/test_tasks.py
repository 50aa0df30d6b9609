"""The task queue for real: huey on its SQLite file or on Debian's redis-server, the consumer
started as an operator starts it, and failures kept for an operator."""
from __future__ import annotations

import json
import time

import pytest
from sqlalchemy import select

from config import ConfigError
from matchmaker import create_app
from matchmaker.extensions import db
from matchmaker.tasks import task_queue
from models import Role, SuggestionList, TaskFailure

from .conftest import run_tasks
from .processes import app_env, redis_server, wait_for, worker
from .test_matching import COPPER, library, post_need, section  # noqa: F401  (fixture)


def list_stored(app, need_id: int) -> bool:
    with app.app_context():
        found = db.session.scalar(select(SuggestionList.id).where(SuggestionList.need_id == need_id)) is not None
        db.session.remove()
    return found


def test_without_a_consumer_work_waits_and_runs_when_one_starts(app, login_as, library, session, runner, tmp_path):  # noqa: F811
    client, _ = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆表面氧化发黑")
    time.sleep(1)
    assert task_queue(app).waiting() == 1  # queued, not lost, not run
    assert "推荐计算中" in section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    report = json.loads(runner.invoke(args=["suggestions", "status", "--json"]).output)
    assert report["tasks_pending"] == 1 and report["needs_fresh"] == 0

    with worker(app_env(app), tmp_path / "worker.log") as proc:  # `flask --app wsgi worker`
        wait_for(lambda: list_stored(app, need.id), 90, what="the worker to store the list")
        assert proc.poll() is None
    assert proc.returncode is not None  # stopped by Ctrl-C (SIGINT)
    html = section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    assert COPPER[0] in html and "推荐计算中" not in html
    log = (tmp_path / "worker.log").read_text()
    assert "worker: queue SQLite" in log and "Traceback" not in log


def test_a_task_that_keeps_failing_is_retried_then_kept_for_an_operator(app, login_as, library, session, runner,
                                                                        monkeypatch):  # noqa: F811
    attempts = []

    def broken(*args, **kwargs):
        attempts.append(args[2:])
        raise RuntimeError("encoder crashed")

    monkeypatch.setattr("matchmaker.matching.lists.item_changed", broken)
    client, _ = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆表面氧化发黑")
    run_tasks(app, expect_failures=True)
    assert len(attempts) == app.config["TASK_RETRIES"] + 1  # the first try and every retry
    failure = session.scalar(select(TaskFailure))
    assert failure.name == "matching.item_changed" and failure.args == ["need", need.id]
    assert "RuntimeError: encoder crashed" in failure.error and "Traceback" in failure.traceback

    status = runner.invoke(args=["tasks", "status"])
    assert status.exit_code == 0 and "failed after retries: 1" in status.output and "encoder crashed" in status.output
    assert json.loads(runner.invoke(args=["suggestions", "status", "--json"]).output)["tasks_failed"] == 1

    monkeypatch.undo()  # the cause is fixed; the operator re-runs it
    retried = runner.invoke(args=["tasks", "retry", str(failure.id)])
    assert retried.exit_code == 0 and "queued" in retried.output
    run_tasks(app)
    assert list_stored(app, need.id)
    assert json.loads(runner.invoke(args=["tasks", "status", "--json"]).output)["failed"] == []
    assert runner.invoke(args=["tasks", "retry", "424242"]).exit_code != 0


def test_a_redis_url_that_cannot_be_reached_is_a_clear_error_at_start():
    from .processes import free_port

    started = time.monotonic()
    with pytest.raises(ConfigError, match=r"REDIS_URL=redis://:\*\*\*@127\.0\.0\.1:\d+/0: cannot reach Redis"):
        create_app("testing", overrides={"REDIS_URL": f"redis://:secret@127.0.0.1:{free_port()}/0"})
    assert time.monotonic() - started < 10


@pytest.fixture
def redis_url(tmp_path):
    with redis_server(tmp_path) as url:
        yield url


def test_the_redis_queue_for_real(app, redis_url, login_as, library, session, tmp_path):  # noqa: F811
    redis_app = create_app("testing", overrides={
        "SQLALCHEMY_DATABASE_URI": app.config["SQLALCHEMY_DATABASE_URI"], "REDIS_URL": redis_url,
        "MATCHING_INDEX_DIR": app.config["MATCHING_INDEX_DIR"]})
    queue = task_queue(redis_app)
    assert "Redis" in type(queue.huey.storage).__name__
    _, enterprise = login_as(Role.ENTERPRISE)
    with redis_app.app_context():
        from matchmaker.needs.services import NeedData, create_need

        user = db.session.get(type(enterprise), enterprise.id)
        need = create_need(db.session, user, NeedData(title="铜杆表面氧化发黑", description="铜杆氧含量偏高，表面发黑。"))
        db.session.commit()  # queued on Redis after the commit
        need_id = need.id
    assert queue.waiting() == 1 and task_queue(app).waiting() == 0
    with worker(app_env(redis_app), tmp_path / "worker.log"):
        wait_for(lambda: list_stored(app, need_id), 90, what="the worker to take the task from Redis")
        wait_for(lambda: queue.waiting() == 0, 60, what="the worker to drain the Redis queue")
    assert "worker: queue Redis redis://127.0.0.1" in (tmp_path / "worker.log").read_text()
