"""The huey instance: SQLite storage under instance/ by default, Redis when REDIS_URL is set."""
from __future__ import annotations

import re
from pathlib import Path

from flask import Flask
from huey import MemoryHuey, PriorityRedisHuey, SqliteHuey

from config import ConfigError

QUEUE_NAME = "matchmaker"


def make_huey(app: Flask):
    url = app.config.get("REDIS_URL")
    if url:
        return _redis_huey(url)
    if app.testing and not app.config.get("TASK_QUEUE_FILE"):
        # a throw-away test app (migrations, evaluation) that never runs a consumer
        return MemoryHuey(QUEUE_NAME, results=False, utc=True)
    path = Path(app.config.get("TASK_QUEUE_FILE") or Path(app.instance_path) / "tasks.sqlite3")
    path.parent.mkdir(parents=True, exist_ok=True)
    # results=False: outcomes live in the database (lists, task_failures), not in the queue.
    return SqliteHuey(QUEUE_NAME, filename=str(path), results=False, utc=True)


def _redis_huey(url: str):
    import redis

    # Bounded timeouts: an unreachable Redis is an error at start, never a hang.
    try:
        pool = redis.ConnectionPool.from_url(url, socket_connect_timeout=3, socket_timeout=10,
                                             health_check_interval=30)
        redis.Redis(connection_pool=pool).ping()
    except (redis.exceptions.RedisError, ValueError, OSError) as error:
        raise ConfigError(
            f"REDIS_URL={redact(url)}: cannot reach Redis ({error}). Start Redis, fix REDIS_URL, "
            "or unset it to use the task queue's SQLite file under instance/."
        ) from None
    # priorities: an item just saved goes before a bulk refresh (sorted sets, Redis 5 or newer)
    return PriorityRedisHuey(QUEUE_NAME, connection_pool=pool, results=False, utc=True)


def redact(url: str) -> str:
    """The URL without its password, for messages."""
    return re.sub(r"(://[^:/@]*:)[^@]*@", r"\1***@", url)
