"""The to-do lists each role lands on. Read-only queries; nothing here changes state."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AchievementStatus,
    AuditEvent,
    Challenge,
    ChallengeExpert,
    ChallengeStatus,
    Contract,
    NeedStatus,
    Organization,
    Pairing,
    Proposal,
    ProposalStatus,
    Role,
    Stage,
    TechNeed,
    User,
)

from ..achievements.services import missing_for_achievement
from ..events.services import events_held
from ..needs.services import missing_for_need
from ..review.services import remaining as review_remaining

#: The bureau's yearly targets from the seeds (242 → 33 key needs, 71 → 43 selected, 7亿元 turnover).
KEY_NEED_TARGET = 33
SELECTED_TARGET = 43
TURNOVER_TARGET_WAN = Decimal("70000")


@dataclass
class Home:
    template: str
    context: dict = field(default_factory=dict)


def _counts_by(session: Session, column, *where) -> dict:
    rows = session.execute(select(column, func.count()).where(*where).group_by(column))
    return {key: n for key, n in rows}


def enterprise_home(session: Session, user: User) -> Home:
    org_id = user.organization_id
    needs = list(
        session.scalars(
            select(TechNeed)
            .where(TechNeed.organization_id == org_id, TechNeed.status != NeedStatus.WITHDRAWN)
            .order_by(TechNeed.created_at.desc())
        )
    )
    to_answer = list(
        session.scalars(
            select(Pairing)
            .join(TechNeed, Pairing.need_id == TechNeed.id)
            .where(
                TechNeed.organization_id == org_id,
                Pairing.stage == Stage.PUSHED,
                Pairing.enterprise_response.is_(None),
            )
            .options(joinedload(Pairing.achievement))
        )
    )
    proposals = list(
        session.scalars(
            select(Proposal)
            .join(Challenge, Proposal.challenge_id == Challenge.id)
            .join(TechNeed, Challenge.need_id == TechNeed.id)
            .where(TechNeed.organization_id == org_id, Proposal.status == ProposalStatus.SUBMITTED)
            .options(joinedload(Proposal.challenge))
        )
    )
    active = _active_pairings(session, user)
    incomplete = [(n, missing_for_need(n)) for n in needs if n.status == NeedStatus.OPEN]
    incomplete = [(n, m) for n, m in incomplete if m][:5]
    return Home(
        "home/enterprise.html",
        {
            "needs": needs[:8],
            "need_counts": _counts_by(session, TechNeed.status, TechNeed.organization_id == org_id),
            "to_answer": to_answer,
            "active": active,
            "proposals": proposals,
            "incomplete": incomplete,
        },
    )


def _active_pairings(session: Session, user: User) -> list[Pairing]:
    """The user's pairings on their way to a contract (推送 answers are listed apart)."""
    return list(session.scalars(
        select(Pairing).where(Pairing.visible_to(user),
                              Pairing.stage.in_([Stage.INTERESTED, Stage.NEGOTIATING, Stage.SIGNED]))
        .options(joinedload(Pairing.need), joinedload(Pairing.achievement))
        .order_by(Pairing.updated_at.desc()).limit(8)
    ))


def university_home(session: Session, user: User) -> Home:
    org_id = user.organization_id
    achievements = list(
        session.scalars(
            select(Achievement)
            .where(Achievement.organization_id == org_id, Achievement.status != AchievementStatus.WITHDRAWN)
            .order_by(Achievement.created_at.desc())
        )
    )
    to_answer = list(
        session.scalars(
            select(Pairing)
            .join(Achievement, Pairing.achievement_id == Achievement.id)
            .where(
                Achievement.organization_id == org_id,
                Pairing.stage == Stage.PUSHED,
                Pairing.university_response.is_(None),
            )
            .options(joinedload(Pairing.need))
        )
    )
    open_calls = list(
        session.scalars(
            select(Challenge)
            .where(Challenge.status.in_([ChallengeStatus.PUBLISHED, ChallengeStatus.PROPOSING]))
            .order_by(Challenge.closes_on)
            .options(joinedload(Challenge.need))
            .limit(8)
        )
    )
    active = _active_pairings(session, user)
    incomplete = [(a, missing_for_achievement(a)) for a in achievements]
    incomplete = [(a, m) for a, m in incomplete if m][:5]
    return Home(
        "home/university.html",
        {
            "achievements": achievements[:8],
            "drafts": [a for a in achievements if a.status == AchievementStatus.DRAFT],
            "to_answer": to_answer,
            "active": active,
            "invitations": invited_calls(session, user) if user.is_expert else [],
            "open_calls": open_calls,
            "incomplete": incomplete,
        },
    )


def broker_home(session: Session, user: User, today: date, due_days: int) -> Home:
    stage_counts = _counts_by(session, Pairing.stage)
    overdue_after = today - timedelta(days=due_days)
    unregistered = list(
        session.scalars(
            select(Contract)
            .join(Pairing, Pairing.contract_id == Contract.id)
            .where(Pairing.stage == Stage.SIGNED, Contract.registration_no.is_(None))
            .order_by(Contract.signed_on)
            .options(joinedload(Contract.pairing).joinedload(Pairing.need))
        )
    )
    year_start = date(today.year, 1, 1)
    turnover = session.scalar(
        select(func.coalesce(func.sum(Contract.amount_wan), 0)).where(Contract.signed_on >= year_start)
    )
    new_needs = list(
        session.scalars(
            select(TechNeed)
            .where(TechNeed.status == NeedStatus.OPEN, TechNeed.is_key.is_(False))
            .order_by(TechNeed.created_at.desc())
            .options(joinedload(TechNeed.organization))
            .limit(8)
        )
    )
    return Home(
        "home/broker.html",
        {
            "stage_counts": stage_counts,
            "stages": list(Stage),
            "unregistered": unregistered,
            "due_date": lambda c: c.signed_on + timedelta(days=due_days),
            "overdue_after": overdue_after,
            "pending_suggestions": review_remaining(session),
            "key_needs": session.scalar(
                select(func.count()).select_from(TechNeed).where(TechNeed.is_key.is_(True))
            ),
            "open_needs": session.scalar(
                select(func.count()).select_from(TechNeed).where(TechNeed.status == NeedStatus.OPEN)
            ),
            "selected": session.scalar(
                select(func.count()).select_from(Achievement).where(Achievement.is_selected.is_(True))
            ),
            "published": session.scalar(
                select(func.count()).select_from(Achievement).where(
                    Achievement.status == AchievementStatus.PUBLISHED
                )
            ),
            "key_target": KEY_NEED_TARGET,
            "selected_target": SELECTED_TARGET,
            "turnover": Decimal(turnover or 0),
            "turnover_target": TURNOVER_TARGET_WAN,
            "year": today.year,
            "new_needs": new_needs,
            # against config EVENTS_TARGET, which the page reads
            "events_held": events_held(session, year_start, today),
        },
    )


def admin_home(session: Session, user: User) -> Home:
    return Home(
        "home/admin.html",
        {
            "org_counts": _counts_by(session, Organization.kind),
            "user_counts": _counts_by(session, User.role),
            "recent": list(
                session.scalars(
                    select(AuditEvent)
                    .order_by(AuditEvent.at.desc(), AuditEvent.id.desc())
                    .options(joinedload(AuditEvent.actor))
                    .limit(20)
                )
            ),
        },
    )


def home_for(session: Session, user: User, today: date, due_days: int = 30) -> Home:
    if user.role == Role.ENTERPRISE:
        return enterprise_home(session, user)
    if user.role == Role.UNIVERSITY:
        return university_home(session, user)
    if user.role == Role.BROKER:
        return broker_home(session, user, today, due_days)
    if user.role == Role.EXPERT:
        return expert_home(session, user)
    return admin_home(session, user)


def expert_home(session: Session, user: User) -> Home:
    """An outside expert: the open calls they are invited to score."""
    return Home("home/expert.html", {"invitations": invited_calls(session, user)})


def invited_calls(session: Session, user: User) -> list[Challenge]:
    return list(session.scalars(
        select(Challenge).join(ChallengeExpert, ChallengeExpert.challenge_id == Challenge.id)
        .where(ChallengeExpert.expert_id == user.id).order_by(Challenge.closes_on.desc())
    ))
