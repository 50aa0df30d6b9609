"""The matching glossary's broker-maintained pairs: add, retire, restore, and what the pages show.

The engine expands every need and achievement with a built-in glossary before encoding and BM25
(``matching/glossary.py``): English ↔ Chinese technical terms, and an enterprise's colloquial words
→ a researcher's technical terms. Brokers add pairs of their own on top of it. A change takes
effect in the background: once the transaction commits, the task consumer takes the new glossary,
re-indexes the texts it changes and refreshes every suggestion list (``matching.glossary_changed``);
pages show the stored lists meanwhile. Every process (web workers too) picks the pairs up from the
database at its next look (``matching/glossary_layer.py``).

Pairs are never edited or deleted: retiring one keeps it, retired; restoring adds it again.
"""
from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from flask import Flask
from flask_babel import format_date
from flask_babel import gettext as _
from sqlalchemy import select, update
from sqlalchemy.orm import Session, joinedload

from embeddings import IndexError_
from models import GlossaryKind, GlossaryTerm, User, utcnow

from .. import audit
from ..errors import Conflict, DomainError, NotFound, PermissionDenied
from ..matching import glossary, hooks, lists
from ..matching.glossary_layer import SEPARATOR, split_equivalent
from ..matching.runtime import matching_service
from ..tasks import task_queue

TERM_MAX = 60
EQUIVALENT_MAX = 200
#: A single character (or letter) would match far too many texts.
MIN_LENGTH = 2
log = logging.getLogger(__name__)
_CHINESE = re.compile(r"[\u3400-\u9fff]")
_LATIN = re.compile(r"[A-Za-z]")


def can_manage(user: User) -> bool:
    """Brokers and admins maintain the glossary (and see its pages)."""
    return user.is_staff


def require_manager(actor: User) -> None:
    if not can_manage(actor):
        raise PermissionDenied(_("只有技术经纪人和管理员可以维护匹配词表。"))


# --- the rules of a pair -----------------------------------------------------------------
@dataclass(frozen=True)
class Pair:
    """A validated pair: the term and the variants of its equivalent, normalised."""

    kind: GlossaryKind
    term: str
    variants: tuple[str, ...]

    @property
    def equivalent(self) -> str:
        return "; ".join(self.variants)


def validate(kind: GlossaryKind | str | None, term: str | None, equivalent: str | None) -> Pair:
    """The pair as it would be stored, or a DomainError naming the field and what is wrong."""
    try:
        kind = GlossaryKind(kind)
    except ValueError:
        raise DomainError(_("请选择术语对的类型（中英对照或同义词）。"), field="kind") from None
    term = " ".join((term or "").split())
    if not term:
        raise DomainError(_("请填写术语。"), field="term")
    if len(term) > TERM_MAX:
        raise DomainError(_("术语不能超过 %(n)d 个字（现为 %(m)d 个）。", n=TERM_MAX, m=len(term)), field="term")
    if len(term) < MIN_LENGTH:
        raise DomainError(_("术语至少 %(n)d 个字：单个字会误匹配大量文本。", n=MIN_LENGTH), field="term")
    if SEPARATOR.search(term):
        raise DomainError(_("术语只能是一个词，不能含分号。"), field="term")
    if not _CHINESE.search(term):
        raise DomainError(_("术语须含中文，例如“钛合金”“氧化”。"), field="term")
    pair = Pair(kind, term, tuple(split_equivalent(equivalent or "")))
    if not pair.variants:
        raise DomainError(_("请填写对应说法。"), field="equivalent")
    if len(pair.equivalent) > EQUIVALENT_MAX:  # as stored: the variants joined by "; "
        raise DomainError(_("对应说法不能超过 %(n)d 个字符（现为 %(m)d 个）。", n=EQUIVALENT_MAX,
                            m=len(pair.equivalent)), field="equivalent")
    for variant in pair.variants:
        _check_variant(kind, term, variant)
    return pair


def _check_variant(kind: GlossaryKind, term: str, variant: str) -> None:
    if variant.lower() == term.lower():
        raise DomainError(_("术语不能对应它自己（“%(v)s”）。", v=variant), field="equivalent")
    if len(variant) < MIN_LENGTH:
        raise DomainError(_("对应说法“%(v)s”太短：至少 %(n)d 个字符，否则会误匹配大量文本。", v=variant, n=MIN_LENGTH),
                          field="equivalent")
    if kind == GlossaryKind.BILINGUAL:
        if not _LATIN.search(variant):
            raise DomainError(_("英文说法“%(v)s”须含拉丁字母，例如 titanium alloy。", v=variant), field="equivalent")
        if _CHINESE.search(variant):
            raise DomainError(_("英文说法“%(v)s”不能含中文；中文写在“术语”一栏。", v=variant), field="equivalent")
    elif not _CHINESE.search(variant):
        raise DomainError(_("口语说法“%(v)s”须含中文，例如“发黑”。", v=variant), field="equivalent")


def _builtin_overlap(pair: Pair) -> str | None:
    """The first variant the built-in glossary already pairs with the term."""
    if pair.kind == GlossaryKind.BILINGUAL:
        known = {v.lower() for zh, *variants in glossary.BILINGUAL if zh == pair.term for v in variants}
        return next((v for v in pair.variants if v.lower() in known), None)
    known = {entry[0] for entry in glossary.SYNONYMS if pair.term in entry[1:]}
    return next((v for v in pair.variants if v in known), None)


def _active_overlap(session: Session, pair: Pair) -> tuple[GlossaryTerm, str] | None:
    """An active pair that already says one of ``pair``'s variants for its term, and that variant."""
    rows = session.scalars(select(GlossaryTerm).where(
        GlossaryTerm.active.is_(True), GlossaryTerm.kind == pair.kind, GlossaryTerm.term == pair.term))
    mine = {v.lower(): v for v in pair.variants}
    for row in rows:
        for variant in split_equivalent(row.equivalent):
            if variant.lower() in mine:
                return row, mine[variant.lower()]
    return None


def _check_new(session: Session, pair: Pair) -> None:
    builtin = _builtin_overlap(pair)
    if builtin is not None:
        raise Conflict(_("“%(t)s ↔ %(v)s”已在内置词表中，无需添加。", t=pair.term, v=builtin), field="equivalent")
    active = _active_overlap(session, pair)
    if active is not None:
        row, variant = active
        raise Conflict(_("“%(t)s ↔ %(v)s”已在词表中（%(who)s 于 %(when)s 添加）。", t=pair.term, v=variant,
                         who=row.created_by.name if row.created_by else _("已删除的用户"),
                         when=format_date(row.created_at, "medium")), field="equivalent")


# --- changes -----------------------------------------------------------------------------
def add_pair(session: Session, actor: User, kind: GlossaryKind | str | None, term: str | None,
             equivalent: str | None) -> GlossaryTerm:
    """Add a pair; the consumer applies it once the transaction commits."""
    require_manager(actor)
    pair = validate(kind, term, equivalent)
    _check_new(session, pair)
    row = GlossaryTerm(kind=pair.kind, term=pair.term, equivalent=pair.equivalent, active=True,
                       created_by_id=actor.id, created_at=utcnow())
    session.add(row)
    session.flush()
    audit.record(session, actor, "glossary.add", row, kind=pair.kind.value, term=pair.term, equivalent=pair.equivalent)
    hooks.glossary_changed(session)
    return row


def _get(session: Session, term_id: int) -> GlossaryTerm:
    row = session.get(GlossaryTerm, term_id)
    if row is None:
        raise NotFound(_("术语对不存在。"))
    return row


def retire_pair(session: Session, actor: User, term_id: int) -> GlossaryTerm:
    """Stop applying a pair. Retiring a retired pair again changes nothing."""
    require_manager(actor)
    row = _get(session, term_id)
    # conditional update: of two brokers retiring at once, one retires and the other changes nothing
    result = session.execute(
        update(GlossaryTerm).where(GlossaryTerm.id == row.id, GlossaryTerm.active.is_(True))
        .values(active=False, retired_at=utcnow()).execution_options(synchronize_session=False))
    session.refresh(row)
    if result.rowcount:
        audit.record(session, actor, "glossary.retire", row, kind=row.kind.value, term=row.term,
                     equivalent=row.equivalent)
        hooks.glossary_changed(session)
    return row


def restore_pair(session: Session, actor: User, term_id: int) -> GlossaryTerm:
    """Apply a retired pair again: a new active pair with the same content (the retired one stays,
    with its history)."""
    require_manager(actor)
    old = _get(session, term_id)
    if old.active:
        raise Conflict(_("该术语对仍在使用中，无需恢复。"))
    pair = validate(old.kind, old.term, old.equivalent)
    _check_new(session, pair)
    row = GlossaryTerm(kind=pair.kind, term=pair.term, equivalent=pair.equivalent, active=True,
                       created_by_id=actor.id, created_at=utcnow())
    session.add(row)
    session.flush()
    audit.record(session, actor, "glossary.restore", row, restored_from=old.id, kind=pair.kind.value,
                 term=pair.term, equivalent=pair.equivalent)
    hooks.glossary_changed(session)
    return row


# --- reading -----------------------------------------------------------------------------
@dataclass(frozen=True)
class BuiltinEntry:
    kind: GlossaryKind
    #: The Chinese term (bilingual) or the technical terms a colloquial word adds (synonym).
    term: str
    #: The English variants (bilingual) or the colloquial word (synonym).
    equivalent: str


def builtin_entries(query: str = "") -> list[BuiltinEntry]:
    """The built-in glossary (read-only), optionally only entries containing ``query``."""
    entries = [BuiltinEntry(GlossaryKind.BILINGUAL, zh, "; ".join(variants)) for zh, *variants in glossary.BILINGUAL]
    entries += [BuiltinEntry(GlossaryKind.SYNONYM, "、".join(targets), word) for word, *targets in glossary.SYNONYMS]
    needle = " ".join((query or "").split()).lower()
    if needle:
        entries = [e for e in entries if needle in e.term.lower() or needle in e.equivalent.lower()]
    return entries


@dataclass
class Pairs:
    active: list[GlossaryTerm]
    retired: list[GlossaryTerm]
    #: Retired pairs that can be restored (no active pair says the same).
    restorable: set[int]


def pairs(session: Session) -> Pairs:
    rows = session.scalars(select(GlossaryTerm).options(joinedload(GlossaryTerm.created_by))
                           .order_by(GlossaryTerm.created_at.desc(), GlossaryTerm.id.desc())).all()
    active = [r for r in rows if r.active]
    retired = [r for r in rows if not r.active]
    said = {(r.kind, r.term, v.lower()) for r in active for v in split_equivalent(r.equivalent)}
    restorable = {r.id for r in retired
                  if not any((r.kind, r.term, v.lower()) in said for v in split_equivalent(r.equivalent))}
    return Pairs(active, retired, restorable)


@dataclass(frozen=True)
class RefreshState:
    """How far the background work after a glossary change has got."""

    #: The index was built with another glossary than the database's (the consumer is re-indexing).
    index_behind: bool
    #: Stored lists computed with another engine version (another glossary), and all stored lists.
    outdated: int
    total: int
    #: None when the queue cannot be asked.
    tasks_waiting: int | None

    @property
    def pending(self) -> bool:
        return self.index_behind or self.outdated > 0


def refresh_state(app: Flask, session: Session) -> RefreshState:
    """Reads only: one look at the glossary, one count of the lists, the index manifest."""
    service = matching_service(app)
    service.follow_glossary(session)
    outdated, total = lists.count_by_version(session, service.version)
    try:
        index_behind = (service.store.read(verify=False).manifest.get("glossary") or "") != glossary.layer_key()
    except IndexError_:  # no index yet: the consumer builds one with the glossary in use
        index_behind = False
    try:
        waiting = task_queue(app).waiting()
    except Exception as error:  # the queue is down (Redis): the page still shows what it can
        log.warning("cannot count the waiting tasks: %s", error)
        waiting = None
    return RefreshState(index_behind, outdated, total, waiting)
