"""Snapshots on disk: one directory per version, switched atomically.

A snapshot is a directory of files plus ``manifest.json`` (what the writer records, and every
file's size and SHA-256). ``current`` is a symbolic link to the directory in use. A writer fills
a new directory, then renames a fresh link over ``current``: a single atomic rename, so a reader
sees either the old snapshot or the new one — never an index beside another index's manifest.
Old directories are removed a few versions later, not at once, so a reader that resolved
``current`` just before a switch can finish reading.
"""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import threading
import time
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable, Iterator, Mapping

from .vector_index import IndexError_

CURRENT = "current"
MANIFEST = "manifest.json"


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


@dataclass(frozen=True)
class Snapshot:
    """One verified snapshot directory and its manifest."""

    path: Path
    manifest: dict

    @property
    def name(self) -> str:
        return self.path.name

    def file(self, name: str) -> Path:
        return self.path / name


class SnapshotStore:
    """Versioned snapshot directories under ``root``, with ``current`` pointing at one of them."""

    def __init__(self, root: Path | str, keep: int = 3) -> None:
        self.root = Path(root)
        self.keep = keep
        # flock is per open file: a thread that already holds the lock must not open it again.
        self._thread_lock = threading.RLock()
        self._depth = 0
        self._lock_file = None

    # --- reading ------------------------------------------------------------------------
    def current_name(self) -> str | None:
        """The directory ``current`` points at (cheap: one readlink), or None."""
        try:
            return os.readlink(self.root / CURRENT)
        except (FileNotFoundError, OSError):
            return None

    def read(self, *, verify: bool = True) -> Snapshot:
        """The current snapshot, checked against its manifest; IndexError_ when unusable."""
        name = self.current_name()
        if name is None:
            raise IndexError_(f"no index snapshot at {self.root} (nothing built yet, or it was deleted)")
        path = self.root / name
        manifest = _read_manifest(path)
        if verify:
            problem = self._problem(path, manifest, checksums=True)
            if problem:
                raise IndexError_(problem)
        return Snapshot(path, manifest)

    def problem(self) -> str | None:
        """What is wrong with the current snapshot, judged cheaply (files and sizes), or None."""
        name = self.current_name()
        if name is None:
            return f"no index snapshot at {self.root}"
        path = self.root / name
        try:
            manifest = _read_manifest(path)
        except IndexError_ as error:
            return str(error)
        return self._problem(path, manifest, checksums=False)

    @staticmethod
    def _problem(path: Path, manifest: dict, *, checksums: bool) -> str | None:
        for file_name, facts in (manifest.get("files") or {}).items():
            file_path = path / file_name
            try:
                size = file_path.stat().st_size
            except FileNotFoundError:
                return f"index file missing: {file_path}"
            if size != facts.get("size"):
                return f"index file {file_path} has {size} bytes, its manifest says {facts.get('size')} (corrupt or half-written)"
            if checksums and sha256_of(file_path) != facts.get("sha256"):
                return f"index file {file_path} does not match its manifest checksum (corrupt)"
        return None

    # --- writing ------------------------------------------------------------------------
    def write(self, writers: Mapping[str, Callable[[Path], None]], manifest: dict) -> Snapshot:
        """Write a new snapshot: each ``writers[name](path)`` writes one file; then switch to it.

        The caller serialises writers (``lock()``); readers need no lock.
        """
        self.root.mkdir(parents=True, exist_ok=True)
        name = f"v{time.time_ns():020d}-{os.getpid()}"
        path = self.root / name
        path.mkdir()
        try:
            files = {}
            for file_name, write in writers.items():
                target = path / file_name
                write(target)
                _fsync(target)
                files[file_name] = {"size": target.stat().st_size, "sha256": sha256_of(target)}
            full = {**manifest, "files": files, "written_at": datetime.now(timezone.utc).isoformat()}
            with open(path / MANIFEST, "w", encoding="utf-8") as fh:
                json.dump(full, fh, ensure_ascii=False, indent=1)
                fh.flush()
                os.fsync(fh.fileno())
            _fsync_dir(path)
            link = self.root / f".{CURRENT}.{name}"
            os.symlink(name, link)
            os.replace(link, self.root / CURRENT)  # the switch: atomic
            _fsync_dir(self.root)
        except BaseException:
            shutil.rmtree(path, ignore_errors=True)
            raise
        self._prune(keep_name=name)
        return Snapshot(path, full)

    def _prune(self, keep_name: str) -> None:
        versions = sorted(p for p in self.root.iterdir() if p.is_dir() and p.name.startswith("v"))
        for old in versions[: -self.keep]:
            if old.name != keep_name:
                shutil.rmtree(old, ignore_errors=True)

    @contextmanager
    def lock(self) -> Iterator[None]:
        """An exclusive lock shared by every process (and thread) that writes under ``root``.

        Re-entrant within a thread.
        """
        with self._thread_lock:
            if self._depth == 0:
                self.root.mkdir(parents=True, exist_ok=True)
                self._lock_file = open(self.root / ".lock", "a")
                fcntl.flock(self._lock_file, fcntl.LOCK_EX)
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
                if self._depth == 0:
                    fcntl.flock(self._lock_file, fcntl.LOCK_UN)
                    self._lock_file.close()
                    self._lock_file = None


def _read_manifest(path: Path) -> dict:
    try:
        return json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise IndexError_(f"index manifest missing: {path / MANIFEST}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise IndexError_(f"index manifest {path / MANIFEST} is not valid JSON: {error}") from None


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
