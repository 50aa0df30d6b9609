"""What the benchmark scripts share: a throw-away instance (folder, database, task queue) that the
script's own app and the processes it starts all use."""
from __future__ import annotations

import os
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def temp_instance(prefix: str, database_url: str | None = None) -> tuple[tempfile.TemporaryDirectory, Path, dict]:
    """A temporary instance folder, made the current process's configuration; returns the
    directory (keep it alive), its path, and the environment for child processes."""
    tmp = tempfile.TemporaryDirectory(prefix=prefix)
    instance = Path(tmp.name)
    env = {**os.environ, "MATCHMAKER_ENV": "development", "MATCHMAKER_INSTANCE": str(instance),
           "DATABASE_URL": database_url or f"sqlite:///{instance / 'bench.sqlite3'}", "PYTHONPATH": str(ROOT)}
    env.pop("REDIS_URL", None)  # the file-backed queue inside the instance
    os.environ.update({k: env[k] for k in ("MATCHMAKER_ENV", "MATCHMAKER_INSTANCE", "DATABASE_URL")})
    os.environ.pop("REDIS_URL", None)
    return tmp, instance, env
