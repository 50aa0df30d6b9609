"""定期推送 — the rules of the periodic digest.

**Who, and when.** Enterprises, universities and institutes whose ``digest_frequency`` is weekly or
monthly. One is *due* when it never had a digest, or when 7 (weekly) or 30 (monthly) calendar days,
counted in the bureau's time zone, have passed since ``last_digest_at``: the daily run at a fixed
hour then finds it due on the same weekday every week. ``off`` is never due.

**What is new.** Only what is current (open needs, published achievements, open calls) and what
appeared since the last digest (everything current for an organisation's first one), minus
anything an earlier digest already listed to the organisation:

- an enterprise: the achievements on its open needs' stored suggestion lists (need → achievements),
  above the calibrated floor (not ``weak``) and not rejected by a broker; and the open calls
  (发榜 / 揭榜, deadline not passed) of other enterprises in its key industries (its own and its
  open needs' industries, compared by key industry).
- a university or institute: the open needs on its published achievements' lists (achievement →
  needs), not weak and not rejected; and the open calls in its key industries (its own and its
  published achievements') that it has not answered yet.

A stored list is rewritten whenever the engine recomputes it, and that rewrite resets its rows'
``created_at``; so "appeared since" alone would list the same pair again after every refresh (an
import refreshes every list). The ``digest.sent`` audit event of each digest records every pair and
call it counted, and those are never counted again.

**Nothing new, nothing sent.** An organisation with nothing new gets no inbox row and no mail, and
its ``last_digest_at`` stays as it was: it records when a digest was last *sent*, and keeping it
means the next daily run looks again from the same point, so whatever appears is sent the next
morning rather than a whole period later, and nothing between the two is skipped.

**Confidentiality.** A digest carries titles, counts and dates only, never an organisation's
name, so a confidential enterprise (``TechNeed.is_confidential``) is never named to another
organisation; the titles of its needs and calls may appear, as on the public lists.

Reading (``due``, ``build``) never writes. ``send`` flushes, like every service; ``run`` is the
driver the daily task and the command share, and owns its transactions: one commit per
organisation, so one failure does not hold back the others and a retry sends nothing twice.
"""
from __future__ import annotations

import logging
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Iterable

from flask_babel import gettext as _
from sqlalchemy import and_, exists, func, or_, select, update
from sqlalchemy.orm import Session, aliased

from models import (
    Achievement,
    AchievementStatus,
    AuditEvent,
    Challenge,
    ChallengeStatus,
    DigestFrequency,
    Industry,
    MatchDirection,
    MatchSuggestion,
    NeedStatus,
    Organization,
    OrgKind,
    PairReview,
    Proposal,
    ReviewStatus,
    Role,
    TechNeed,
    User,
    utcnow,
)

from .. import audit
from ..errors import DomainError, NotFound, PermissionDenied
from ..listings.rules import BUREAU_TZ

log = logging.getLogger(__name__)

#: The notification kind (rendered by ``notifications.messages``) and the audit action of a digest.
KIND = "digest"
SENT = "digest.sent"
#: Days between two digests, by frequency (``off``: none).
INTERVAL_DAYS = {DigestFrequency.WEEKLY: 7, DigestFrequency.MONTHLY: 30}
#: Organisations that get digests: the two sides of the market (brokers have their queue).
DIGEST_KINDS = (OrgKind.ENTERPRISE, OrgKind.UNIVERSITY, OrgKind.INSTITUTE)
#: Titles listed per section of a digest; the counts cover everything.
TITLES_SHOWN = 5
OPEN_CALL = (ChallengeStatus.PUBLISHED, ChallengeStatus.PROPOSING)


def bureau_date(moment: datetime) -> date:
    return moment.astimezone(BUREAU_TZ).date()


# --- who is due ---------------------------------------------------------------------------------
def is_due(org: Organization, now: datetime) -> bool:
    days = INTERVAL_DAYS.get(org.digest_frequency)
    if days is None or org.kind not in DIGEST_KINDS:
        return False
    if org.last_digest_at is None:
        return True
    return (bureau_date(now) - bureau_date(org.last_digest_at)).days >= days


def next_due_on(org: Organization, now: datetime) -> date | None:
    """The first day the organisation may get its next digest (None: switched off)."""
    days = INTERVAL_DAYS.get(org.digest_frequency)
    if days is None:
        return None
    if org.last_digest_at is None:
        return bureau_date(now)
    return max(bureau_date(now), date.fromordinal(bureau_date(org.last_digest_at).toordinal() + days))


def candidates(session: Session, org_ids: Iterable[int] | None = None) -> list[Organization]:
    """Organisations that may get digests (``org_ids``: only those), by id."""
    stmt = select(Organization).where(Organization.kind.in_(DIGEST_KINDS)).order_by(Organization.id)
    if org_ids is not None:
        stmt = stmt.where(Organization.id.in_(list(org_ids)))
    return list(session.scalars(stmt))


# --- what is new --------------------------------------------------------------------------------
@dataclass(frozen=True)
class Fit:
    """A suggested item (``title``) that fits one of the organisation's own (``fits``)."""

    need_id: int
    achievement_id: int
    title: str
    fits: str
    #: The owner's item the suggestion is for: where the digest links.
    owner_id: int
    #: The match figure (0–100), for ordering.
    confidence: float


@dataclass(frozen=True)
class Call:
    id: int
    title: str
    closes_on: date


@dataclass
class Digest:
    organization: Organization
    #: Looked from here (None: the organisation's first digest).
    since: datetime | None
    #: Enterprise: achievements for its needs; university / institute: needs for its achievements.
    fits: list[Fit] = field(default_factory=list)
    calls: list[Call] = field(default_factory=list)
    recipients: list[User] = field(default_factory=list)

    @property
    def audience(self) -> str:
        return "enterprise" if self.organization.kind == OrgKind.ENTERPRISE else "research"

    @property
    def is_empty(self) -> bool:
        return not self.fits and not self.calls

    def suggested(self) -> list[Fit]:
        """One entry per suggested item, for its best fit, best first."""
        best: dict[int, Fit] = {}
        for fit in self.fits:
            key = fit.achievement_id if self.audience == "enterprise" else fit.need_id
            if key not in best or fit.confidence > best[key].confidence:
                best[key] = fit
        return sorted(best.values(), key=lambda f: (-f.confidence, f.title))

    def link(self) -> str:
        """The page to open: the one item concerned, or the organisation's own list."""
        owners = {f.owner_id for f in self.fits}
        if self.audience == "enterprise":
            if len(owners) == 1:
                return f"/needs/{owners.pop()}"
            if owners:
                return "/needs/?mine=1"
        else:
            if len(owners) == 1:
                return f"/achievements/{owners.pop()}"
            if owners:
                return "/achievements/?mine=1"
        return f"/calls/{self.calls[0].id}" if len(self.calls) == 1 else "/calls/"

    def data(self) -> dict:
        """The notification's values: counts, a few titles, dates. Never an organisation's name."""
        suggested = self.suggested()
        section = "achievements" if self.audience == "enterprise" else "needs"
        return {
            "audience": self.audience,
            "since": self.since.isoformat() if self.since else None,
            section: {"count": len(suggested),
                      "items": [{"title": f.title, "fits": f.fits} for f in suggested[:TITLES_SHOWN]]},
            "calls": {"count": len(self.calls),
                      "items": [{"title": c.title, "closes_on": c.closes_on.isoformat()}
                                for c in self.calls[:TITLES_SHOWN]]},
        }


def already_sent(session: Session, org_id: int) -> tuple[set[tuple[int, int]], set[int]]:
    """The (need, achievement) pairs and the calls that earlier digests listed to the organisation."""
    pairs: set[tuple[int, int]] = set()
    calls: set[int] = set()
    for data in session.scalars(select(AuditEvent.data).where(
            AuditEvent.object_type == Organization.__tablename__, AuditEvent.object_id == org_id,
            AuditEvent.action == SENT)):
        pairs.update((int(n), int(a)) for n, a in (data or {}).get("pairs", []))
        calls.update(int(c) for c in (data or {}).get("calls", []))
    return pairs, calls


def build(session: Session, org: Organization, now: datetime) -> Digest:
    """What ``org`` would be told now. Reads only."""
    digest = Digest(org, org.last_digest_at)
    sent_pairs, sent_calls = already_sent(session, org.id)
    enterprise = org.kind == OrgKind.ENTERPRISE
    digest.fits = [f for f in _fits(session, org, digest.since, enterprise)
                   if (f.need_id, f.achievement_id) not in sent_pairs]
    digest.calls = [c for c in _calls(session, org, digest.since, enterprise, bureau_date(now))
                    if c.id not in sent_calls]
    digest.recipients = list(session.scalars(
        select(User).where(User.organization_id == org.id, User.active.is_(True)).order_by(User.id)))
    return digest


def _fits(session: Session, org: Organization, since: datetime | None, enterprise: bool) -> list[Fit]:
    direction = MatchDirection.NEED_TO_ACHIEVEMENT if enterprise else MatchDirection.ACHIEVEMENT_TO_NEED
    stmt = (
        select(MatchSuggestion, TechNeed.title, Achievement.title)
        .join(TechNeed, MatchSuggestion.need_id == TechNeed.id)
        .join(Achievement, MatchSuggestion.achievement_id == Achievement.id)
        .outerjoin(PairReview, and_(PairReview.need_id == MatchSuggestion.need_id,
                                    PairReview.achievement_id == MatchSuggestion.achievement_id))
        .where(MatchSuggestion.direction == direction, MatchSuggestion.weak.is_(False),
               TechNeed.status == NeedStatus.OPEN, Achievement.status == AchievementStatus.PUBLISHED,
               or_(PairReview.id.is_(None), PairReview.status != ReviewStatus.REJECTED))
        .order_by(MatchSuggestion.id)
    )
    if enterprise:
        stmt = stmt.where(TechNeed.organization_id == org.id, Achievement.organization_id != org.id)
    else:
        stmt = stmt.where(Achievement.organization_id == org.id, TechNeed.organization_id != org.id)
    if since is not None:
        stmt = stmt.where(MatchSuggestion.created_at > since)
    out = []
    for row, need_title, achievement_title in session.execute(stmt):
        confidence = float((row.explanation or {}).get("confidence") or 0)
        if enterprise:
            out.append(Fit(row.need_id, row.achievement_id, achievement_title, need_title, row.need_id, confidence))
        else:
            out.append(Fit(row.need_id, row.achievement_id, need_title, achievement_title, row.achievement_id,
                           confidence))
    return out


def key_industries(session: Session, org: Organization, enterprise: bool) -> set[int]:
    """The key industries (top level) of the organisation and of its live listings."""
    if enterprise:
        own = select(TechNeed.industry_id).where(TechNeed.organization_id == org.id, TechNeed.status == NeedStatus.OPEN)
    else:
        own = select(Achievement.industry_id).where(Achievement.organization_id == org.id,
                                                    Achievement.status == AchievementStatus.PUBLISHED)
    ids = {i for i in session.scalars(own) if i is not None}
    if org.industry_id is not None:
        ids.add(org.industry_id)
    if not ids:
        return set()
    return set(session.scalars(select(func.coalesce(Industry.parent_id, Industry.id)).where(Industry.id.in_(ids))))


def _calls(session: Session, org: Organization, since: datetime | None, enterprise: bool, today: date) -> list[Call]:
    tops = key_industries(session, org, enterprise)
    if not tops:
        return []
    industry = aliased(Industry)
    stmt = (
        select(Challenge.id, Challenge.title, Challenge.closes_on)
        .join(TechNeed, Challenge.need_id == TechNeed.id)
        .join(industry, TechNeed.industry_id == industry.id)
        .where(Challenge.status.in_(OPEN_CALL), Challenge.closes_on >= today, TechNeed.organization_id != org.id,
               func.coalesce(industry.parent_id, industry.id).in_(tops))
        .order_by(Challenge.closes_on, Challenge.id)
    )
    if not enterprise:  # a call it has answered is not news to it
        stmt = stmt.where(~exists().where(Proposal.challenge_id == Challenge.id, Proposal.organization_id == org.id))
    if since is not None:
        stmt = stmt.where(Challenge.created_at > since)
    return [Call(*row) for row in session.execute(stmt)]


# --- sending ------------------------------------------------------------------------------------
def send(session: Session, digest: Digest, now: datetime) -> int:
    """Tell every active user of the organisation (inbox and mail) and record it; returns how many
    were told, 0 when another run sent this organisation's digest meanwhile. Flushes."""
    from ..notifications.services import notify

    org = digest.organization
    seen = digest.since  # what the digest was built from, not what the row says now
    # The claim: only the run that moves last_digest_at from what it read sends (two runs at once
    # — the daily task and the command — send one digest; on SQLite and PostgreSQL alike).
    claimed = session.execute(
        update(Organization)
        .where(Organization.id == org.id,
               Organization.last_digest_at.is_(None) if seen is None else Organization.last_digest_at == seen)
        .values(last_digest_at=now)
        .execution_options(synchronize_session=False)
    ).rowcount
    if claimed != 1:
        return 0
    org.last_digest_at = now
    session.flush()
    rows = notify(session, digest.recipients, KIND, link=digest.link(), **digest.data())
    audit.record(session, None, SENT, org, since=digest.since.isoformat() if digest.since else None,
                 recipients=[u.id for u in digest.recipients],
                 pairs=sorted([f.need_id, f.achievement_id] for f in digest.fits),
                 calls=sorted(c.id for c in digest.calls))
    session.flush()
    return len(rows)


@dataclass
class Outcome:
    organization_id: int
    name: str
    #: ``sent``, ``would_send`` (dry run), ``nothing_new``, ``no_recipients``, ``not_due``, ``off``,
    #: ``taken`` (another run sent it meanwhile), ``failed``.
    status: str
    digest: Digest | None = None
    told: int = 0


def run(session: Session, now: datetime | None = None, *, org_ids: Iterable[int] | None = None,
        force: bool = False, dry_run: bool = False) -> list[Outcome]:
    """Send the digest of every due organisation (``org_ids``: only those; ``force``: due or not,
    though ``off`` stays off). A dry run builds them and writes nothing.

    Commits once per organisation sent (rolls back otherwise). Raises the first error after trying
    every organisation, so the task is retried; a retry sends only what is still due.
    """
    now = now or utcnow()
    ids = [org.id for org in candidates(session, org_ids)]
    session.rollback()
    outcomes: list[Outcome] = []
    errors: list[BaseException] = []
    for org_id in ids:
        try:
            outcome = _run_one(session, org_id, now, force=force, dry_run=dry_run)
            if outcome.status == "sent":
                session.commit()
            else:
                session.rollback()
        except Exception as error:
            session.rollback()
            log.exception("digest for organisation %s failed", org_id)
            errors.append(error)
            outcome = Outcome(org_id, "", "failed")
        outcomes.append(outcome)
    if errors:
        raise errors[0]
    return outcomes


def _run_one(session: Session, org_id: int, now: datetime, *, force: bool, dry_run: bool) -> Outcome:
    org = session.get(Organization, org_id)
    outcome = Outcome(org.id, org.name, "")
    if org.digest_frequency not in INTERVAL_DAYS:
        outcome.status = "off"
        return outcome
    if not force and not is_due(org, now):
        outcome.status = "not_due"
        return outcome
    digest = outcome.digest = build(session, org, now)
    if digest.is_empty:
        outcome.status = "nothing_new"
    elif not digest.recipients:
        outcome.status = "no_recipients"
    elif dry_run:
        outcome.status = "would_send"
        outcome.told = len(digest.recipients)
    else:
        outcome.told = send(session, digest, now)
        outcome.status = "sent" if outcome.told else "taken"
    return outcome


# --- the setting --------------------------------------------------------------------------------
def can_set_frequency(user: User, org: Organization) -> bool:
    """Brokers and admins for any organisation; an organisation's own enterprise or university users."""
    if user.is_staff:
        return True
    return (user.organization_id == org.id
            and user.role in (Role.ENTERPRISE, Role.UNIVERSITY))


def settings_for(session: Session, user: User) -> Organization | None:
    """The organisation whose digest the user may set on their own pages (None: none)."""
    if user.organization_id is None or user.is_staff:
        return None
    org = session.get(Organization, user.organization_id)
    if org is None or org.kind not in DIGEST_KINDS or not can_set_frequency(user, org):
        return None
    return org


def get_organization(session: Session, org_id: int, actor: User) -> Organization:
    org = session.get(Organization, org_id)
    if org is None or (not actor.is_staff and org.id != actor.organization_id):
        raise NotFound(_("机构不存在。"))
    return org


def set_frequency(session: Session, actor: User, org: Organization, frequency: DigestFrequency) -> bool:
    """Set how often ``org`` gets its digest; returns whether it changed. Audited."""
    if not can_set_frequency(actor, org):
        raise PermissionDenied(_("您无权修改该机构的推送设置。"))
    if org.kind not in DIGEST_KINDS:
        raise DomainError(_("只有企业、高校和科研院所接收定期推送。"))
    frequency = DigestFrequency(frequency)
    if org.digest_frequency == frequency:
        return False
    before = org.digest_frequency
    org.digest_frequency = frequency
    audit.record(session, actor, "organization.digest_frequency", org, before=before.value, after=frequency.value)
    session.flush()
    return True


def organizations_page(session: Session, q: str | None, page: int, per_page: int):
    """The organisations that get digests, by name, for the brokers' page."""
    from flask_sqlalchemy.pagination import SelectPagination

    from ..listings.search import apply_text_search

    stmt = select(Organization).where(Organization.kind.in_(DIGEST_KINDS))
    stmt = apply_text_search(stmt, [Organization.name], q).order_by(Organization.kind, Organization.name)
    return SelectPagination(select=stmt, session=session, page=max(1, page), per_page=per_page,
                            max_per_page=None, error_out=False)
