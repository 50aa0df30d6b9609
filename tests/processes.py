"""Real processes for the tests: the task consumer (``flask worker``), gunicorn, redis-server."""
from __future__ import annotations

import asyncio
import os
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from contextlib import contextmanager
from email import message_from_bytes, policy
from pathlib import Path
from typing import Callable, Iterator

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def app_env(app, **extra: str) -> dict[str, str]:
    """Environment for a process serving the same database, index and queue as the test ``app``."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "MATCHMAKER_ENV": "testing",
        "TEST_DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "DATABASE_URL": app.config["SQLALCHEMY_DATABASE_URI"],
        "MATCHMAKER_INDEX_DIR": str(app.config["MATCHING_INDEX_DIR"]),
        "MATCHMAKER_TASK_QUEUE_FILE": str(app.config["TASK_QUEUE_FILE"]),
    }
    if app.config.get("REDIS_URL"):
        env["REDIS_URL"] = app.config["REDIS_URL"]
    env.update(extra)
    return env


def wait_for(predicate: Callable[[], object], timeout: float, interval: float = 0.2, what: str = "condition"):
    """Poll ``predicate`` until it returns something truthy; fail after ``timeout`` seconds."""
    deadline = time.monotonic() + timeout
    while True:
        value = predicate()
        if value:
            return value
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {timeout:g} s waiting for {what}")
        time.sleep(interval)


@contextmanager
def running(args: list[str], env: dict[str, str], log_path: Path) -> Iterator[subprocess.Popen]:
    """Start a process (its output to ``log_path``); stop it with SIGINT, then SIGKILL."""
    log = open(log_path, "w")
    proc = subprocess.Popen(args, cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True)
    try:
        yield proc
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGINT)
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        log.close()


def worker(env: dict[str, str], log_path: Path):
    """The task consumer, exactly as an operator starts it."""
    return running([str(BIN / "flask"), "--app", "wsgi", "worker"], env, log_path)


def gunicorn(env: dict[str, str], port: int, log_path: Path, workers: int = 2):
    return running([str(BIN / "gunicorn"), "--workers", str(workers), "--bind", f"127.0.0.1:{port}",
                    "--graceful-timeout", "5", "wsgi:app"], env, log_path)


def wait_for_http(url: str, timeout: float = 60) -> None:
    import urllib.request

    def up() -> bool:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                return response.status < 500
        except OSError:
            return False

    wait_for(up, timeout, what=f"{url} to answer")


@contextmanager
def redis_server(tmp_path: Path) -> Iterator[str]:
    """Debian's redis-server on a free loopback port, in ``tmp_path``; yields its URL."""
    binary = shutil.which("redis-server")
    if binary is None:
        raise RuntimeError("redis-server is not installed: run `make setup`")
    port = free_port()
    args = [binary, "--port", str(port), "--bind", "127.0.0.1", "--dir", str(tmp_path), "--save", "",
            "--appendonly", "no", "--protected-mode", "yes"]
    with running(args, dict(os.environ), tmp_path / "redis.log"):
        def ping() -> bool:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1) as s:
                    s.sendall(b"PING\r\n")
                    return s.recv(16).startswith(b"+PONG")
            except OSError:
                return False

        wait_for(ping, 20, what="redis-server to start")
        yield f"redis://127.0.0.1:{port}/0"


class Mailbox:
    """An aiosmtpd handler that keeps what it accepted; ``gate`` holds a delivery until set."""

    def __init__(self) -> None:
        self.received: list[tuple[str, list[str], bytes]] = []
        self.gate: threading.Event | None = None
        self.delivering = threading.Event()

    async def handle_DATA(self, server, session, envelope):
        self.delivering.set()
        if self.gate is not None:
            await asyncio.get_running_loop().run_in_executor(None, self.gate.wait, 20)
        self.received.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    def messages(self):
        return [message_from_bytes(content, policy=policy.default) for _f, _r, content in self.received]

    def subjects_to(self, address: str) -> list[str]:
        return [str(message_from_bytes(content, policy=policy.default)["Subject"])
                for _f, recipients, content in self.received if address in recipients]


def smtp_server(port: int, mailbox: Mailbox):
    """A real SMTP server (aiosmtpd) on loopback ``port``, delivering into ``mailbox``; call .stop()."""
    from aiosmtpd.controller import Controller

    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    return controller


@contextmanager
def serving(app, tmp_path: Path, **env_extra: str) -> Iterator[str]:
    """The running system on loopback: gunicorn (2 workers) and the task consumer on the test
    ``app``'s database, with an instance folder of their own; yields the base URL."""
    instance = tmp_path / "instance"
    instance.mkdir(exist_ok=True)
    port = free_port()
    env = app_env(app, MATCHMAKER_ENV="development", MATCHMAKER_INSTANCE=str(instance),
                  SITE_URL=f"http://127.0.0.1:{port}", **{"MAIL_ENABLED": "0", **env_extra})
    env.pop("SECRET_KEY", None)  # the instance makes its own, shared by its workers
    with worker(env, tmp_path / "worker.log"), gunicorn(env, port, tmp_path / "gunicorn.log"):
        base = f"http://127.0.0.1:{port}"
        wait_for_http(f"{base}/login")
        yield base
