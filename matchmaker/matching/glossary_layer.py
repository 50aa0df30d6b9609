"""The brokers' term pairs (``GlossaryTerm``), installed in every process on top of the built-in
glossary (``glossary.set_extra``), so web workers, the task consumer and commands all expand texts
the same way.

Rows are only ever added or retired (restoring a pair adds a new row), so the number of rows, the
number of retired rows and the newest timestamps change with every change: one aggregate query on a
small table tells a process whether its copy is current. Processes ask where they already check the
index log (``MatchingService.sync``) and where a page compares a stored list with the engine; they
read the pairs themselves only when the answer changed.
"""
from __future__ import annotations

import re
import threading
from typing import Iterable

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from models import GlossaryKind, GlossaryTerm

from . import glossary

#: What separates the variants of one equivalent (English variants, or several colloquial words).
SEPARATOR = re.compile(r"[;；]")

_lock = threading.Lock()
#: (revision, glossary generation) this process installed last.
_followed: tuple | None = None


def split_equivalent(text: str) -> list[str]:
    """The variants of an equivalent, stripped, each once, in order ("a; b；a" → ["a", "b"])."""
    out: dict[str, None] = {}
    for part in SEPARATOR.split(text or ""):
        part = " ".join(part.split())
        if part and part.lower() not in {o.lower() for o in out}:
            out[part] = None
    return list(out)


def entries(pairs: Iterable[tuple[GlossaryKind, str, str]]) -> tuple[list[tuple[str, ...]], list[tuple[str, ...]]]:
    """(kind, term, equivalent) rows as the glossary's entries: bilingual (Chinese, English...)
    and synonyms (colloquial word, technical term)."""
    bilingual, synonyms = [], []
    for kind, term, equivalent in pairs:
        variants = split_equivalent(equivalent)
        if not variants:
            continue
        if kind == GlossaryKind.BILINGUAL:
            bilingual.append((term, *variants))
        else:
            synonyms.extend((word, term) for word in variants)
    return bilingual, synonyms


def revision(session: Session) -> tuple:
    """Changes with every add, retire and restore (one aggregate query)."""
    return tuple(session.execute(select(
        func.count(GlossaryTerm.id), func.count(GlossaryTerm.retired_at),
        func.max(GlossaryTerm.created_at), func.max(GlossaryTerm.retired_at),
    )).one())


def active_pairs(session: Session) -> list[tuple[GlossaryKind, str, str]]:
    return [tuple(row) for row in session.execute(
        select(GlossaryTerm.kind, GlossaryTerm.term, GlossaryTerm.equivalent)
        .where(GlossaryTerm.active.is_(True)).order_by(GlossaryTerm.id))]


def follow(session: Session) -> bool:
    """Install the database's active pairs in this process when they changed since it last looked.
    Returns whether the glossary changed."""
    global _followed
    current = revision(session)
    with _lock:
        if _followed == (current, glossary.generation()):
            return False
        changed = glossary.set_extra(*entries(active_pairs(session)))
        _followed = (current, glossary.generation())
        return changed


def forget() -> None:
    """Back to the built-in glossary, as a process that has not looked yet (tests; a reload)."""
    global _followed
    with _lock:
        glossary.set_extra()
        _followed = None
