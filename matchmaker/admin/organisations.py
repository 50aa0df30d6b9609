"""Organisations: the list with what hangs off each, editing one, and merging a duplicate into the
organisation to keep.

A merge moves every row that points at the duplicate — each foreign key to ``organizations.id``:
users, research teams (a team of the same name as one of the kept organisation's is merged into
it), needs, achievements, proposals (答题), contracts as buyer and as seller, matchmaking events it
organised — and the digest's memory of what it was already sent (its ``digest.sent`` audit rows,
which are the digest's state). Then the duplicate is deleted, all in the caller's transaction, and
the merge is audited with both names and credit codes. The preview is the same plan the merge
carries out; its fingerprint makes the merge refuse when the data changed after the admin looked.

Other audit rows keep naming the duplicate's id: history is not rewritten, and the merge's own
record says where that id went.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field

from flask_babel import gettext as _
from sqlalchemy import Select, delete, func, or_, select, update
from sqlalchemy.orm import Session, joinedload

from models import (
    Achievement,
    AuditEvent,
    Contract,
    Industry,
    MatchmakingEvent,
    Organization,
    OrgKind,
    Pairing,
    Proposal,
    Region,
    ResearchTeam,
    TechNeed,
    User,
)

from .. import audit
from ..auth.services import normalise_credit_code, role_fits_kind
from ..digests.services import SENT as DIGEST_SENT
from ..errors import Conflict, DomainError, NotFound
from ..listings.search import text_terms
from ..signals import achievement_saved, need_saved
from .services import QueryFilters, arg_int, arg_text, fetch, require_admin

NAME_MIN, NAME_MAX = 2, 120
#: Organisations may be merged only within one family: a duplicate is the same kind of body.
KIND_FAMILY = {
    OrgKind.ENTERPRISE: "enterprise",
    OrgKind.UNIVERSITY: "research",
    OrgKind.INSTITUTE: "research",
    OrgKind.GOVERNMENT: "government",
    OrgKind.AGENCY: "agency",
}


# --- the list ----------------------------------------------------------------------------------
@dataclass
class OrganisationFilters(QueryFilters):
    q: str = ""
    kind: str = ""
    region: int | None = None

    @classmethod
    def from_args(cls, args) -> "OrganisationFilters":
        kind = arg_text(args, "kind")
        return cls(
            q=arg_text(args, "q"),
            kind=kind if kind in {k.value for k in OrgKind} else "",
            region=arg_int(args, "region"),
            page=max(arg_int(args, "page") or 1, 1),
        )


def search_organisations(actor: User, filters: OrganisationFilters) -> Select:
    """Organisations matching the filters by name (a statement to paginate)."""
    require_admin(actor)
    stmt = select(Organization).options(joinedload(Organization.region)).order_by(Organization.name)
    for term in text_terms(filters.q):
        stmt = stmt.where(or_(Organization.name.contains(term, autoescape=True),
                              Organization.credit_code.contains(term.upper(), autoescape=True)))
    if filters.kind:
        stmt = stmt.where(Organization.kind == OrgKind(filters.kind))
    if filters.region:
        stmt = stmt.where(Organization.region_id == filters.region)
    return stmt


@dataclass
class OrganisationCounts:
    users: int = 0
    needs: int = 0
    achievements: int = 0
    pairings: int = 0


def counts_for(session: Session, org_ids: list[int]) -> dict[int, OrganisationCounts]:
    """Users, needs, achievements and pairings (as either side) of each organisation."""
    counts = {org_id: OrganisationCounts() for org_id in org_ids}
    if not org_ids:
        return counts
    for name, column in (("users", User.organization_id), ("needs", TechNeed.organization_id),
                         ("achievements", Achievement.organization_id)):
        rows = session.execute(select(column, func.count()).where(column.in_(org_ids)).group_by(column))
        for org_id, n in rows:
            setattr(counts[org_id], name, n)
    sides = session.execute(
        select(Pairing.id, TechNeed.organization_id, Achievement.organization_id, Proposal.organization_id)
        .join(TechNeed, Pairing.need_id == TechNeed.id)
        .outerjoin(Achievement, Pairing.achievement_id == Achievement.id)
        .outerjoin(Proposal, Pairing.proposal_id == Proposal.id)
        .where(or_(TechNeed.organization_id.in_(org_ids), Achievement.organization_id.in_(org_ids),
                   Proposal.organization_id.in_(org_ids)))
    )
    for _pairing_id, *org_side in sides:
        for org_id in {o for o in org_side if o in counts}:
            counts[org_id].pairings += 1
    return counts


def get_organisation(session: Session, org_id: int, actor: User) -> Organization:
    return fetch(session, Organization, org_id, actor, _("机构不存在。"))


def all_organisations(session: Session) -> list[Organization]:
    """Every organisation, for the selects of the account and merge forms."""
    return list(session.scalars(select(Organization).order_by(Organization.kind, Organization.name)))


# --- editing -----------------------------------------------------------------------------------
@dataclass
class OrganisationEdit:
    name: str
    kind: OrgKind
    credit_code: str
    region_id: int | None
    industry_id: int | None


def update_organisation(session: Session, actor: User, org: Organization, data: OrganisationEdit) -> dict:
    """Save the edit; return what changed (field → [old, new]), also what the audit records."""
    require_admin(actor)
    name = (data.name or "").strip()
    if not NAME_MIN <= len(name) <= NAME_MAX:
        raise DomainError(_("机构名称应为 %(min)d 至 %(max)d 个字。", min=NAME_MIN, max=NAME_MAX), field="name")
    if session.scalar(select(Organization.id).where(Organization.name == name, Organization.id != org.id)):
        raise Conflict(_("已有名为「%(name)s」的机构；若是重复登记，请使用“合并机构”。", name=name), field="name")
    code = normalise_credit_code(data.credit_code)
    if session.scalar(select(Organization.id).where(Organization.credit_code == code, Organization.id != org.id)):
        raise Conflict(_("统一社会信用代码 %(code)s 已属于另一机构；若是重复登记，请使用“合并机构”。", code=code),
                       field="credit_code")
    if data.region_id is not None and session.get(Region, data.region_id) is None:
        raise DomainError(_("所选地区不存在。"), field="region_id")
    if data.industry_id is not None and session.get(Industry, data.industry_id) is None:
        raise DomainError(_("所选行业不存在。"), field="industry_id")
    if data.kind != org.kind:
        _check_kind_change(session, org, data.kind)
    new = {"name": name, "kind": data.kind, "credit_code": code, "region_id": data.region_id,
           "industry_id": data.industry_id}
    changes = {k: [getattr(org, k), v] for k, v in new.items() if getattr(org, k) != v}
    if not changes:
        return {}
    for key, (_old, value) in changes.items():
        setattr(org, key, value)
    audit.record(session, actor, "organization.update", org, changes=changes)
    session.flush()
    return changes


def _check_kind_change(session: Session, org: Organization, kind: OrgKind) -> None:
    """The organisation's users and listings must still fit it with the new kind."""
    for user in session.scalars(select(User).where(User.organization_id == org.id)):
        if not role_fits_kind(user.role, kind):
            raise DomainError(_("「%(user)s」是%(role)s，机构类型改为%(kind)s后将不一致；请先调整该用户的角色。",
                                user=user.name, role=_(user.role.label), kind=_(kind.label)), field="kind")
    if kind != OrgKind.ENTERPRISE and session.scalar(
            select(func.count()).select_from(TechNeed).where(TechNeed.organization_id == org.id)):
        raise DomainError(_("该机构发布过技术需求，只能是企业。"), field="kind")
    if kind not in (OrgKind.UNIVERSITY, OrgKind.INSTITUTE) and session.scalar(
            select(func.count()).select_from(Achievement).where(Achievement.organization_id == org.id)):
        raise DomainError(_("该机构登记过科技成果，只能是高校或科研院所。"), field="kind")


# --- merging ---------------------------------------------------------------------------------
@dataclass
class TeamMove:
    """A research team of the duplicate: merged into the kept organisation's team of the same
    name, or moved as it is (renamed when merging is impossible: both answered the same call)."""

    team: ResearchTeam
    into: ResearchTeam | None = None
    renamed_to: str | None = None


@dataclass
class MergePlan:
    keep: Organization
    duplicate: Organization
    users: list[User] = field(default_factory=list)
    teams: list[TeamMove] = field(default_factory=list)
    needs: list[TechNeed] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    proposals: list[Proposal] = field(default_factory=list)
    contracts_as_buyer: list[Contract] = field(default_factory=list)
    contracts_as_seller: list[Contract] = field(default_factory=list)
    events: list[MatchmakingEvent] = field(default_factory=list)
    #: Pairings whose need, achievement or winning proposal moves.
    pairings: list[Pairing] = field(default_factory=list)
    #: Digests already sent to the duplicate (``digest.sent`` audit rows), so they are not re-sent.
    digests_sent: int = 0
    #: What the kept organisation takes from the duplicate because it has none: field → value.
    fills: dict[str, object] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {
            "users": len(self.users),
            "teams_moved": sum(1 for t in self.teams if t.into is None),
            "teams_merged": sum(1 for t in self.teams if t.into is not None),
            "needs": len(self.needs),
            "achievements": len(self.achievements),
            "proposals": len(self.proposals),
            "contracts_as_buyer": len(self.contracts_as_buyer),
            "contracts_as_seller": len(self.contracts_as_seller),
            "events": len(self.events),
            "pairings": len(self.pairings),
            "digests_sent": self.digests_sent,
        }

    def fingerprint(self) -> str:
        """Changes when anything the preview showed changes: the merge refuses a stale preview."""
        ids = {
            "orgs": [self.keep.id, self.duplicate.id, self.duplicate.name, self.duplicate.credit_code],
            "users": sorted(u.id for u in self.users),
            "teams": sorted([t.team.id, t.into.id if t.into else None, t.renamed_to or ""] for t in self.teams),
            "needs": sorted(n.id for n in self.needs),
            "achievements": sorted(a.id for a in self.achievements),
            "proposals": sorted(p.id for p in self.proposals),
            "buyer": sorted(c.id for c in self.contracts_as_buyer),
            "seller": sorted(c.id for c in self.contracts_as_seller),
            "events": sorted(e.id for e in self.events),
            "digests": self.digests_sent,
        }
        return hashlib.sha256(json.dumps(ids, sort_keys=True).encode()).hexdigest()[:16]


def plan_merge(session: Session, actor: User, keep_id: int | None, duplicate_id: int | None,
               *, lock: bool = False) -> MergePlan:
    """What merging ``duplicate_id`` into ``keep_id`` would move (reads only)."""
    require_admin(actor)
    if keep_id is None or duplicate_id is None:
        raise DomainError(_("请选择要保留的机构和要并入的重复机构。"))
    if keep_id == duplicate_id:
        raise DomainError(_("不能把机构合并到它自己：请选择两个不同的机构。"))
    stmt = select(Organization).where(Organization.id.in_([keep_id, duplicate_id]))
    orgs = {o.id: o for o in session.scalars(stmt.with_for_update() if lock else stmt)}
    if keep_id not in orgs or duplicate_id not in orgs:
        raise NotFound(_("机构不存在，可能已被合并或删除。"))
    keep, dup = orgs[keep_id], orgs[duplicate_id]
    if KIND_FAMILY[keep.kind] != KIND_FAMILY[dup.kind]:
        raise DomainError(_("「%(keep)s」是%(keep_kind)s，「%(dup)s」是%(dup_kind)s：不同类型的机构不能合并"
                            "（企业只能与企业合并，高校与科研院所之间可以合并）。",
                            keep=keep.name, keep_kind=_(keep.kind.label), dup=dup.name, dup_kind=_(dup.kind.label)))
    plan = MergePlan(keep=keep, duplicate=dup)
    plan.users = list(session.scalars(select(User).where(User.organization_id == dup.id).order_by(User.name)))
    plan.needs = list(session.scalars(select(TechNeed).where(TechNeed.organization_id == dup.id).order_by(TechNeed.id)))
    plan.achievements = list(session.scalars(
        select(Achievement).where(Achievement.organization_id == dup.id).order_by(Achievement.id)))
    plan.proposals = list(session.scalars(select(Proposal).where(Proposal.organization_id == dup.id).order_by(Proposal.id)))
    plan.contracts_as_buyer = list(session.scalars(select(Contract).where(Contract.buyer_id == dup.id).order_by(Contract.id)))
    plan.contracts_as_seller = list(session.scalars(select(Contract).where(Contract.seller_id == dup.id).order_by(Contract.id)))
    plan.events = list(session.scalars(
        select(MatchmakingEvent).where(MatchmakingEvent.organizer_id == dup.id).order_by(MatchmakingEvent.held_on)))
    plan.pairings = list(session.scalars(
        select(Pairing).options(joinedload(Pairing.need), joinedload(Pairing.achievement))
        .where(or_(Pairing.need_id.in_([n.id for n in plan.needs]),
                   Pairing.achievement_id.in_([a.id for a in plan.achievements]),
                   Pairing.proposal_id.in_([p.id for p in plan.proposals])))
        .order_by(Pairing.id)))
    plan.teams = _team_moves(session, keep, dup)
    plan.digests_sent = session.scalar(select(func.count()).select_from(AuditEvent).where(*_digest_rows(dup.id)))
    if keep.region_id is None and dup.region_id is not None:
        plan.fills["region_id"] = dup.region_id
    if keep.industry_id is None and dup.industry_id is not None:
        plan.fills["industry_id"] = dup.industry_id
    return plan


def _digest_rows(org_id: int) -> tuple:
    return (AuditEvent.object_type == Organization.__tablename__, AuditEvent.object_id == org_id,
            AuditEvent.action == DIGEST_SENT)


def _team_moves(session: Session, keep: Organization, dup: Organization) -> list[TeamMove]:
    kept = {t.name: t for t in session.scalars(select(ResearchTeam).where(ResearchTeam.organization_id == keep.id))}
    moves = []
    for team in session.scalars(select(ResearchTeam).where(ResearchTeam.organization_id == dup.id)
                                .order_by(ResearchTeam.name)):
        into = kept.get(team.name)
        if into is None:
            moves.append(TeamMove(team))
        elif _answered_same_call(session, team.id, into.id):
            # one answer per team and call: the two cannot become one team, so the duplicate's stays apart
            # (a stored name, so not translated)
            moves.append(TeamMove(team, renamed_to=f"{team.name}（原{dup.name}）"[:NAME_MAX]))
        else:
            moves.append(TeamMove(team, into=into))
    return moves


def _answered_same_call(session: Session, team_id: int, other_id: int) -> bool:
    theirs = select(Proposal.challenge_id).where(Proposal.team_id == other_id)
    return bool(session.scalar(select(func.count()).select_from(Proposal)
                               .where(Proposal.team_id == team_id, Proposal.challenge_id.in_(theirs))))


def merge_organisations(session: Session, actor: User, keep_id: int | None, duplicate_id: int | None,
                        fingerprint: str | None = None) -> MergePlan:
    """Carry out the plan in the caller's transaction and delete the duplicate; return the plan."""
    plan = plan_merge(session, actor, keep_id, duplicate_id, lock=True)
    if fingerprint is not None and fingerprint != plan.fingerprint():
        raise Conflict(_("预览之后两个机构的数据有变化，请重新核对合并内容后再确认。"))
    keep, dup = plan.keep, plan.duplicate
    record = {"keep": {"id": keep.id, "name": keep.name, "credit_code": keep.credit_code},
              "duplicate": {"id": dup.id, "name": dup.name, "credit_code": dup.credit_code},
              "counts": plan.counts(), "filled": dict(plan.fills)}

    def move(model, column, **values):
        session.execute(update(model).where(column == dup.id).values(**values)
                        .execution_options(synchronize_session=False))

    for step in plan.teams:
        if step.into is not None:
            for model in (Achievement, Proposal):
                session.execute(update(model).where(model.team_id == step.team.id).values(team_id=step.into.id)
                                .execution_options(synchronize_session=False))
            step.into.leader = step.into.leader or step.team.leader
            step.into.field = step.into.field or step.team.field
            session.flush()
            session.execute(delete(ResearchTeam).where(ResearchTeam.id == step.team.id))
            session.expunge(step.team)
        else:
            session.execute(update(ResearchTeam).where(ResearchTeam.id == step.team.id)
                            .values(organization_id=keep.id, name=step.renamed_to or step.team.name))
    move(User, User.organization_id, organization_id=keep.id)
    move(TechNeed, TechNeed.organization_id, organization_id=keep.id)
    move(Achievement, Achievement.organization_id, organization_id=keep.id)
    move(Proposal, Proposal.organization_id, organization_id=keep.id)
    move(Contract, Contract.buyer_id, buyer_id=keep.id)
    move(Contract, Contract.seller_id, seller_id=keep.id)
    move(MatchmakingEvent, MatchmakingEvent.organizer_id, organizer_id=keep.id)
    session.execute(update(AuditEvent).where(*_digest_rows(dup.id)).values(object_id=keep.id)
                    .execution_options(synchronize_session=False))
    for key, value in plan.fills.items():
        setattr(keep, key, value)
    session.flush()
    session.execute(delete(Organization).where(Organization.id == dup.id))
    session.expunge(dup)
    session.expire_all()
    audit.record(session, actor, "organization.merge", keep, **record)
    # the matching index keys listings by organisation (a pair within one organisation is not suggested)
    for need in plan.needs:
        need_saved.send(need, session=session)
    for ach in plan.achievements:
        achievement_saved.send(ach, session=session)
    session.flush()
    return plan
