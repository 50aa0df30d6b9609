"""A pairing's history, oldest first: its stage events and the sides' answers, with who and when.

The history is read from append-only rows (StageEvent, AuditEvent): nothing on the page can be
rewritten by editing the pairing.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import AuditEvent, Pairing, Response, Stage, StageEvent, User


@dataclass
class Entry:
    at: datetime
    actor: User | None
    #: ``stage`` (a transition) or ``answer`` (a side's 有兴趣 / 无兴趣).
    kind: str
    to_stage: Stage | None = None
    from_stage: Stage | None = None
    seq: int | None = None
    side: str | None = None
    response: Response | None = None
    note: str | None = None


def timeline(session: Session, pairing: Pairing) -> list[Entry]:
    events = session.scalars(
        select(StageEvent).where(StageEvent.pairing_id == pairing.id)
        .options(joinedload(StageEvent.actor)).order_by(StageEvent.seq)
    ).all()
    entries = [Entry(e.at, e.actor, "stage", e.to_stage, e.from_stage, e.seq, note=e.note) for e in events]
    answers = session.scalars(
        select(AuditEvent).where(AuditEvent.object_type == Pairing.__tablename__, AuditEvent.object_id == pairing.id,
                                 AuditEvent.action == "pairing.answer")
        .options(joinedload(AuditEvent.actor)).order_by(AuditEvent.at, AuditEvent.id)
    ).all()
    for a in answers:
        response = a.data.get("response")
        entries.append(Entry(a.at, a.actor, "answer", side=a.data.get("side"),
                             response=Response(response) if response in {r.value for r in Response} else None,
                             note=a.data.get("note")))
    # answers come before the transition they cause (same instant): stage events sort after
    return sorted(entries, key=lambda e: (e.at, e.kind == "stage", e.seq or 0))
