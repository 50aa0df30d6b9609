"""揭榜挂帅 — open calls: 发榜 → 揭榜 → 评审 → 公示 → 实施 → 验收.

An enterprise (for its own need) or a broker publishes a call with measurable indicators, a reward,
deadlines and weighted criteria that cannot change afterwards. Teams answer with one proposal each,
editable until the deadline. After it, invited experts score every proposal against every
criterion; an expert from the proposing organisation is refused (回避) and an expert may declare a
conflict — both audited. The caller picks the winner (a reason when it is not the top-ranked);
the result is public for a few days while objections go to the brokers; then the award is final
and the winner becomes a pairing at 有意向 carrying the call's milestones, until 验收.

Services take the actor, flush and never commit, and raise DomainError with a message in Chinese.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from statistics import mean

from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import Session, joinedload

from models import (
    Challenge,
    ChallengeCriterion,
    ChallengeExpert,
    ChallengeMilestone,
    ChallengeObjection,
    ChallengeStatus,
    Milestone,
    NeedStatus,
    Proposal,
    ProposalReview,
    ProposalScore,
    ProposalStatus,
    ResearchTeam,
    Role,
    Stage,
    TechNeed,
    User,
    utcnow,
)

from .. import audit
from ..errors import Conflict, DomainError, NotFound, PermissionDenied
from ..listings import rules

TITLE_MAX, NAME_MAX = 120, 60


# --- data entered in the forms ----------------------------------------------------------------
@dataclass
class CallData:
    need_id: int
    title: str
    indicators: str
    requirements: str
    reward_wan: Decimal | None
    closes_on: date | None
    complete_by: date | None
    #: (name, weight) pairs; the weights sum to 100.
    criteria: list[tuple[str, int]] = field(default_factory=list)
    #: (title, due date) pairs.
    milestones: list[tuple[str, date]] = field(default_factory=list)
    min_scores: int = 2
    publicity_days: int = 5


@dataclass
class ProposalData:
    summary: str
    team_id: int | None = None
    new_team_name: str | None = None
    team_members: str | None = None
    timeline: str | None = None
    price_wan: Decimal | None = None
    duration_months: int | None = None
    achievement_id: int | None = None


class ConflictRefused(PermissionDenied):
    """An expert from the proposing organisation tried to score it (回避 enforced). The refusal is
    audited after the request's transaction is rolled back (``audit_refusal``)."""

    def __init__(self, expert: User, proposal: Proposal, message: str) -> None:
        super().__init__(message)
        self.expert, self.proposal = expert, proposal

    def audit_refusal(self, session: Session) -> None:
        audit.record(session, self.expert, "call.conflict_refused", self.proposal,
                     challenge_id=self.proposal.challenge_id, organization_id=self.proposal.organization_id)


@dataclass
class Ranked:
    proposal: Proposal
    #: The mean of the experts' totals (None while nobody has scored it).
    mean: Decimal | None
    scores: int
    conflicts: int
    rank: int = 0


# --- reading ------------------------------------------------------------------------------------
def get_call(session: Session, call_id: int, viewer: User) -> Challenge:
    call = session.get(Challenge, call_id, options=[joinedload(Challenge.need).joinedload(TechNeed.organization)])
    if call is None:
        raise NotFound(_("榜单不存在。"))
    return call


def get_proposal(session: Session, call: Challenge, proposal_id: int, viewer: User) -> Proposal:
    """A proposal, only for the caller, brokers, invited experts and the proposer (404 otherwise)."""
    proposal = session.get(Proposal, proposal_id)
    if proposal is None or proposal.challenge_id != call.id or not proposal.can_view(viewer):
        raise NotFound(_("揭榜方案不存在。"))
    return proposal


def calls_for(session: Session, viewer: User):
    """Every call (open ones first, then by deadline), for the list page."""
    open_first = Challenge.status.in_([ChallengeStatus.PUBLISHED, ChallengeStatus.PROPOSING])
    return (select(Challenge).options(joinedload(Challenge.need).joinedload(TechNeed.organization))
            .order_by(open_first.desc(), Challenge.closes_on.desc(), Challenge.id.desc()))


def visible_proposals(session: Session, call: Challenge, viewer: User) -> list[Proposal]:
    return list(session.scalars(select(Proposal).where(Proposal.challenge_id == call.id, Proposal.visible_to(viewer))
                                .options(joinedload(Proposal.organization), joinedload(Proposal.team))
                                .order_by(Proposal.submitted_at)))


def own_proposal(session: Session, call: Challenge, user: User) -> Proposal | None:
    if user.role != Role.UNIVERSITY or user.organization_id is None:
        return None
    return session.scalar(select(Proposal).where(Proposal.challenge_id == call.id,
                                                 Proposal.organization_id == user.organization_id,
                                                 Proposal.status != ProposalStatus.WITHDRAWN))


def ranking(session: Session, call: Challenge) -> list[Ranked]:
    """Every live proposal with its experts' mean total, best first (unscored last)."""
    proposals = session.scalars(select(Proposal).where(Proposal.challenge_id == call.id,
                                                       Proposal.status != ProposalStatus.WITHDRAWN)
                                .options(joinedload(Proposal.reviews), joinedload(Proposal.organization))).unique().all()
    out = []
    for p in proposals:
        totals = [r.score for r in p.reviews if not r.conflict_of_interest and r.score is not None]
        conflicts = sum(r.conflict_of_interest for r in p.reviews)
        avg = Decimal(str(round(mean(totals), 2))) if totals else None
        out.append(Ranked(p, avg, len(totals), conflicts))
    out.sort(key=lambda r: (r.mean is None, -(r.mean or 0), r.proposal.submitted_at))
    for n, r in enumerate(out, start=1):
        r.rank = n
    return out


# --- 发榜 ------------------------------------------------------------------------------------------
def publish_call(session: Session, actor: User, data: CallData, *, today: date | None = None) -> Challenge:
    today = today or rules.bureau_today()
    need = session.get(TechNeed, data.need_id)
    if need is None or not need.can_view(actor):
        raise NotFound(_("需求不存在。"))
    if not (actor.is_staff or (actor.role == Role.ENTERPRISE and need.is_owned_by(actor))):
        raise PermissionDenied(_("只有需求所属企业或技术经纪人可以发榜。"))
    if need.status != NeedStatus.OPEN:
        raise DomainError(_("只有征集中的需求可以发榜。"))
    if session.scalar(select(Challenge.id).where(Challenge.need_id == need.id)) is not None:
        raise DomainError(_("这条需求已经发过榜。"))
    title = (data.title or "").strip()
    if not title:
        raise DomainError(_("请填写榜单名称。"), field="title")
    if len(title) > TITLE_MAX:
        raise DomainError(_("榜单名称不能超过 %(n)d 字。", n=TITLE_MAX), field="title")
    indicators = (data.indicators or "").strip()
    if not indicators:
        raise DomainError(_("请填写可量化的技术指标。"), field="indicators")
    requirements = (data.requirements or "").strip()
    if not requirements:
        raise DomainError(_("请填写揭榜条件。"), field="requirements")
    if data.reward_wan is not None and data.reward_wan < 0:
        raise DomainError(_("榜金不能为负数。"), field="reward_wan")
    if data.closes_on is None or data.closes_on <= today:
        raise DomainError(_("揭榜截止日期须晚于今天。"), field="closes_on")
    if data.complete_by is not None and data.complete_by <= data.closes_on:
        raise DomainError(_("完成期限须晚于揭榜截止日期。"), field="complete_by")
    criteria = _check_criteria(data.criteria)
    milestones = _check_milestones(data.milestones, data.closes_on, data.complete_by)
    if not 1 <= data.min_scores <= 20:
        raise DomainError(_("每份方案所需的专家评分数应为 1 至 20。"), field="min_scores")
    if not 1 <= data.publicity_days <= 60:
        raise DomainError(_("公示期应为 1 至 60 天。"), field="publicity_days")
    call = Challenge(need_id=need.id, title=title, indicators=indicators, requirements=requirements,
                     reward_wan=data.reward_wan, status=ChallengeStatus.PUBLISHED, opens_on=today,
                     closes_on=data.closes_on, complete_by=data.complete_by, min_scores=data.min_scores,
                     publicity_days=data.publicity_days, created_by_id=actor.id)
    call.criteria = [ChallengeCriterion(name=n, weight=w, position=i) for i, (n, w) in enumerate(criteria)]
    call.milestones = [ChallengeMilestone(title=t, due_on=d) for t, d in milestones]
    session.add(call)
    session.flush()
    audit.record(session, actor, "call.publish", call, need_id=need.id, criteria=criteria)
    return call


def _check_criteria(criteria: list[tuple[str, int]]) -> list[tuple[str, int]]:
    cleaned = [((name or "").strip(), weight) for name, weight in criteria if (name or "").strip() or weight]
    if not cleaned:
        raise DomainError(_("请至少设置一项评审标准。"), field="criteria")
    names = [n for n, _w in cleaned]
    if any(not n for n in names):
        raise DomainError(_("每项评审标准都要有名称。"), field="criteria")
    if any(len(n) > NAME_MAX for n in names):
        raise DomainError(_("评审标准名称不能超过 %(n)d 字。", n=NAME_MAX), field="criteria")
    if len(set(names)) != len(names):
        raise DomainError(_("评审标准名称不能重复。"), field="criteria")
    try:
        weights = [int(w) for _n, w in cleaned]
    except (TypeError, ValueError):
        raise DomainError(_("权重须为整数。"), field="criteria") from None
    if any(not 1 <= w <= 100 for w in weights):
        raise DomainError(_("每项权重应为 1 至 100。"), field="criteria")
    if sum(weights) != 100:
        raise DomainError(_("各项权重之和须为 100，现为 %(sum)d。", sum=sum(weights)), field="criteria")
    return [(n, w) for n, w in zip(names, weights)]


def _check_milestones(milestones: list[tuple[str, date]], closes_on: date, complete_by: date | None):
    out = []
    for title, due in milestones:
        title = (title or "").strip()
        if not title and due is None:
            continue
        if not title or due is None:
            raise DomainError(_("每个里程碑都要有名称和日期。"), field="milestones")
        if due <= closes_on:
            raise DomainError(_("里程碑「%(t)s」须在揭榜截止之后。", t=title), field="milestones")
        if complete_by is not None and due > complete_by:
            raise DomainError(_("里程碑「%(t)s」晚于完成期限。", t=title), field="milestones")
        out.append((title[:120], due))
    return sorted(out, key=lambda m: m[1])


def extend_deadline(session: Session, call: Challenge, actor: User, new_date: date | None, note: str | None,
                    *, today: date | None = None) -> Challenge:
    """A broker extends the proposal deadline, with a note; proposers are told."""
    today = today or rules.bureau_today()
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以延长揭榜期限。"))
    if not call.is_open:
        raise DomainError(_("榜单已截止，不能再延期。"))
    note = (note or "").strip()
    if not note:
        raise DomainError(_("请说明延期原因。"), field="note")
    if new_date is None or new_date <= max(call.closes_on, today):
        raise DomainError(_("新的截止日期须晚于原截止日期和今天。"), field="closes_on")
    if call.complete_by is not None and new_date >= call.complete_by:
        raise DomainError(_("新的截止日期须早于完成期限。"), field="closes_on")
    previous = call.closes_on
    call.closes_on = new_date
    session.flush()
    audit.record(session, actor, "call.extend", call, previous=previous.isoformat(), closes_on=new_date.isoformat(),
                 note=note)
    _tell_proposers(session, call, actor, "call.extended", closes_on=new_date.isoformat(), note=note)
    return call


# --- 揭榜 ------------------------------------------------------------------------------------------
def submit_proposal(session: Session, call: Challenge, actor: User, data: ProposalData, *,
                    today: date | None = None) -> Proposal:
    """One proposal per team; a team that has one edits it instead."""
    today = today or rules.bureau_today()
    if actor.role != Role.UNIVERSITY or actor.organization_id is None:
        raise PermissionDenied(_("只有高校院所可以揭榜。"))
    _check_open(call, today)
    team = _team(session, actor, data)
    if session.scalar(select(Proposal.id).where(Proposal.challenge_id == call.id, Proposal.team_id == team.id)):
        raise Conflict(_("「%(team)s」已提交过方案，每个团队只能提交一份，请修改原方案。", team=team.name))
    proposal = Proposal(challenge_id=call.id, organization_id=actor.organization_id, team_id=team.id,
                        submitted_by_id=actor.id, status=ProposalStatus.SUBMITTED)
    _fill(session, proposal, actor, data)
    session.add(proposal)
    if call.status == ChallengeStatus.PUBLISHED:
        call.status = ChallengeStatus.PROPOSING
    session.flush()
    audit.record(session, actor, "proposal.submit", proposal, challenge_id=call.id, team_id=team.id)
    _tell(session, call, actor, "call.proposal", [u for u in _caller_users(session, call)] + _brokers(session),
          team=team.name)
    return proposal


def update_proposal(session: Session, proposal: Proposal, actor: User, data: ProposalData, *,
                    today: date | None = None) -> Proposal:
    today = today or rules.bureau_today()
    if not proposal.is_proposer(actor):
        raise NotFound(_("揭榜方案不存在。"))
    _check_open(proposal.challenge, today)
    _fill(session, proposal, actor, data, keep_team=True)
    session.flush()
    audit.record(session, actor, "proposal.update", proposal, challenge_id=proposal.challenge_id)
    return proposal


def _check_open(call: Challenge, today: date) -> None:
    if not call.is_open or today > call.closes_on:
        raise DomainError(_("揭榜已于 %(date)s 截止，不能再提交或修改方案。", date=call.closes_on.isoformat()))


def _team(session: Session, actor: User, data: ProposalData) -> ResearchTeam:
    if data.team_id:
        team = session.get(ResearchTeam, data.team_id)
        if team is None or team.organization_id != actor.organization_id:
            raise DomainError(_("请选择本单位的团队。"), field="team_id")
        return team
    name = (data.new_team_name or "").strip()
    if not name:
        raise DomainError(_("请选择团队或填写新团队名称。"), field="team_id")
    team = session.scalar(select(ResearchTeam).where(ResearchTeam.organization_id == actor.organization_id,
                                                     ResearchTeam.name == name))
    if team is None:
        team = ResearchTeam(organization_id=actor.organization_id, name=name[:120])
        session.add(team)
        session.flush()
    return team


def _fill(session: Session, proposal: Proposal, actor: User, data: ProposalData, keep_team: bool = False) -> None:
    summary = (data.summary or "").strip()
    if not summary:
        raise DomainError(_("请填写技术方案。"), field="summary")
    if data.price_wan is not None and data.price_wan < 0:
        raise DomainError(_("报价不能为负数。"), field="price_wan")
    if data.duration_months is not None and not 1 <= data.duration_months <= 120:
        raise DomainError(_("实施周期应为 1 至 120 个月。"), field="duration_months")
    if data.achievement_id:
        from models import Achievement

        achievement = session.get(Achievement, data.achievement_id)
        if achievement is None or achievement.organization_id != actor.organization_id:
            raise DomainError(_("请选择本单位的成果。"), field="achievement_id")
    proposal.summary = summary
    proposal.team_members = (data.team_members or "").strip() or None
    proposal.timeline = (data.timeline or "").strip() or None
    proposal.price_wan, proposal.duration_months = data.price_wan, data.duration_months
    proposal.achievement_id = data.achievement_id or None


# --- 评审 ------------------------------------------------------------------------------------------
def close_if_due(session: Session, call: Challenge, today: date) -> bool:
    """Past the deadline, an open call goes to 评审 (a POST or the daily task does it, never a page)."""
    if call.is_open and today > call.closes_on:
        call.status = ChallengeStatus.REVIEWING
        session.flush()
        audit.record(session, None, "call.review", call, closed_on=call.closes_on.isoformat())
        return True
    return False


def invite_expert(session: Session, call: Challenge, actor: User, expert: User) -> ChallengeExpert:
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以邀请评审专家。"))
    if not (expert.is_expert or expert.role == Role.EXPERT) or not expert.active:
        raise DomainError(_("只能邀请评审专家库中的专家。"), field="expert_id")
    if call.status not in (ChallengeStatus.PUBLISHED, ChallengeStatus.PROPOSING, ChallengeStatus.REVIEWING):
        raise DomainError(_("评审已结束，不能再邀请专家。"))
    existing = session.scalar(select(ChallengeExpert).where(ChallengeExpert.challenge_id == call.id,
                                                            ChallengeExpert.expert_id == expert.id))
    if existing is not None:
        return existing
    invitation = ChallengeExpert(challenge_id=call.id, expert_id=expert.id, invited_by_id=actor.id)
    session.add(invitation)
    session.flush()
    session.refresh(call)
    audit.record(session, actor, "call.invite_expert", call, expert_id=expert.id)
    from ..notifications.services import notify

    notify(session, [expert], "call.expert", actor=actor, link=f"/calls/{call.id}", call_title=call.title)
    return invitation


def create_expert(session: Session, actor: User, *, email: str, name: str, password: str,
                  organization_id: int | None = None) -> User:
    """A broker creates an account for an outside expert (评审专家)."""
    from ..auth.services import create_user

    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以创建专家账号。"))
    from models import Organization

    org = session.get(Organization, organization_id) if organization_id else None
    user = create_user(session, email=email, name=name, password=password, role=Role.EXPERT, organization=org)
    user.is_expert = True
    session.flush()
    audit.record(session, actor, "user.create_expert", user, email=user.email)
    return user


def _scorer(session: Session, call: Challenge, expert: User, proposal: Proposal, today: date) -> ProposalReview | None:
    if not call.is_expert_of(expert):
        raise PermissionDenied(_("您不是这份榜单的评审专家。"))
    close_if_due(session, call, today)
    if call.status != ChallengeStatus.REVIEWING:
        if call.is_open:
            raise DomainError(_("揭榜尚未截止（%(date)s），截止后才能评分。", date=call.closes_on.isoformat()))
        raise DomainError(_("评审已结束。"))
    if proposal.challenge_id != call.id or proposal.status == ProposalStatus.WITHDRAWN:
        raise NotFound(_("揭榜方案不存在。"))
    return session.scalar(select(ProposalReview).where(ProposalReview.proposal_id == proposal.id,
                                                       ProposalReview.reviewer_id == expert.id))


def score_proposal(session: Session, call: Challenge, expert: User, proposal: Proposal,
                   scores: dict[int, str | Decimal | None], comment: str | None = None, *,
                   today: date | None = None) -> ProposalReview:
    """An expert scores every criterion (0 to its weight); the total is their sum. Editable until the award."""
    today = today or rules.bureau_today()
    review = _scorer(session, call, expert, proposal, today)
    if expert.organization_id is not None and expert.organization_id == proposal.organization_id:
        raise ConflictRefused(expert, proposal, _("您与该方案的提交单位存在利害关系，须回避，不能评分。"))
    if review is not None and review.conflict_of_interest:
        raise DomainError(_("您已声明回避这份方案。"))
    values: dict[int, Decimal] = {}
    for criterion in call.criteria:
        raw = scores.get(criterion.id)
        try:
            value = Decimal(str(raw).strip()) if raw not in (None, "") else None
        except InvalidOperation:
            value = None
        if value is None:
            raise DomainError(_("请为「%(c)s」打分。", c=criterion.name), field=f"score_{criterion.id}")
        if not Decimal(0) <= value <= Decimal(criterion.weight):
            raise DomainError(_("「%(c)s」的分数应在 0 至 %(max)d 之间。", c=criterion.name, max=criterion.weight),
                              field=f"score_{criterion.id}")
        values[criterion.id] = value.quantize(Decimal("0.01"))
    if review is None:
        review = ProposalReview(proposal_id=proposal.id, reviewer_id=expert.id)
        session.add(review)
    review.scores = [ProposalScore(criterion_id=cid, score=v) for cid, v in values.items()]
    review.score = sum(values.values(), Decimal(0))
    review.comment = (comment or "").strip() or None
    session.flush()
    audit.record(session, expert, "proposal.score", proposal, challenge_id=call.id, total=str(review.score))
    return review


def declare_conflict(session: Session, call: Challenge, expert: User, proposal: Proposal, reason: str | None, *,
                     today: date | None = None) -> ProposalReview:
    """回避: the expert declares a conflict of interest; their score, if any, is withdrawn."""
    today = today or rules.bureau_today()
    review = _scorer(session, call, expert, proposal, today)
    reason = (reason or "").strip()
    if not reason:
        raise DomainError(_("请说明回避原因。"), field="comment")
    if review is None:
        review = ProposalReview(proposal_id=proposal.id, reviewer_id=expert.id)
        session.add(review)
    review.scores = []
    review.score, review.conflict_of_interest, review.comment = None, True, reason
    session.flush()
    audit.record(session, expert, "proposal.conflict", proposal, challenge_id=call.id, reason=reason)
    return review


# --- 公示 and award --------------------------------------------------------------------------------
def choose_winner(session: Session, call: Challenge, actor: User, proposal: Proposal, reason: str | None, *,
                  today: date | None = None) -> Challenge:
    """The caller picks the winner; another than the top-ranked needs a written reason. 公示 starts."""
    today = today or rules.bureau_today()
    if not (call.is_caller(actor) or actor.is_staff):
        raise PermissionDenied(_("只有出榜企业（或技术经纪人代为）选定中榜方案。"))
    close_if_due(session, call, today)
    if call.status != ChallengeStatus.REVIEWING:
        raise DomainError(_("榜单不在评审阶段，不能选定中榜方案。"))
    ranked = ranking(session, call)
    if proposal.id not in {r.proposal.id for r in ranked}:
        raise NotFound(_("揭榜方案不存在。"))
    short = [r for r in ranked if r.scores < call.min_scores]
    if short:
        raise DomainError(_("还有 %(n)d 份方案的专家评分不足 %(min)d 份，评审完成后才能选定。",
                            n=len(short), min=call.min_scores))
    reason = (reason or "").strip() or None
    if proposal.id != ranked[0].proposal.id and not reason:
        raise DomainError(_("所选方案不是评分最高的方案，请书面说明理由。"), field="reason")
    call.winner_id, call.winner_reason = proposal.id, reason
    call.status = ChallengeStatus.PUBLICITY
    call.publicity_ends_on = today + timedelta(days=call.publicity_days)
    session.flush()
    audit.record(session, actor, "call.choose_winner", call, proposal_id=proposal.id, top=ranked[0].proposal.id,
                 reason=reason)
    _tell_proposers(session, call, actor, "call.publicity", ends_on=call.publicity_ends_on.isoformat())
    return call


def file_objection(session: Session, call: Challenge, actor: User, text: str | None, *,
                   today: date | None = None) -> ChallengeObjection:
    today = today or rules.bureau_today()
    if call.status != ChallengeStatus.PUBLICITY or today > call.publicity_ends_on:
        raise DomainError(_("只能在公示期内提出异议。"))
    text = (text or "").strip()
    if not text:
        raise DomainError(_("请写明异议内容。"), field="text")
    if len(text) > 2000:
        raise DomainError(_("异议内容不能超过 %(n)d 字。", n=2000), field="text")
    objection = ChallengeObjection(challenge_id=call.id, user_id=actor.id, text=text)
    session.add(objection)
    session.flush()
    audit.record(session, actor, "call.objection", call, objection_id=objection.id)
    _tell(session, call, actor, "call.objection", _brokers(session))
    return objection


def resolve_objection(session: Session, objection: ChallengeObjection, actor: User, resolution: str | None,
                      uphold: bool) -> ChallengeObjection:
    """A broker answers an objection; upholding it reopens the review (the winner is set aside)."""
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以处理异议。"))
    if objection.resolved_at is not None:
        return objection
    resolution = (resolution or "").strip()
    if not resolution:
        raise DomainError(_("请写明处理意见。"), field="resolution")
    objection.resolution, objection.resolved_at, objection.resolved_by_id = resolution, utcnow(), actor.id
    call = objection.challenge
    if uphold and call.status == ChallengeStatus.PUBLICITY:
        call.status, call.winner_id, call.publicity_ends_on = ChallengeStatus.REVIEWING, None, None
    session.flush()
    audit.record(session, actor, "call.objection_resolved", call, objection_id=objection.id, upheld=uphold)
    return objection


def finalize_award(session: Session, call: Challenge, actor: User | None, *, today: date | None = None):
    """After 公示 with no open objection: the award is final, the winner becomes a pairing at 有意向
    with the call's milestones, and the call is being implemented (实施)."""
    from ..pairings.services import create_pairing

    today = today or rules.bureau_today()
    if actor is not None and not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以确认中榜结果。"))
    if call.status != ChallengeStatus.PUBLICITY:
        raise DomainError(_("榜单不在公示阶段。"))
    if today <= call.publicity_ends_on:
        raise DomainError(_("公示期至 %(date)s，期满后才能确认。", date=call.publicity_ends_on.isoformat()))
    if any(o.resolved_at is None for o in call.objections):
        raise DomainError(_("还有未处理的异议。"))
    winner = call.winner
    for p in call.proposals:
        if p.status != ProposalStatus.WITHDRAWN:
            p.status = ProposalStatus.WON if p.id == winner.id else ProposalStatus.NOT_SELECTED
    call.status, call.awarded_at = ChallengeStatus.IMPLEMENTING, utcnow()
    acting = actor or session.get(User, call.created_by_id)
    pairing, _created = create_pairing(session, call.need, winner.achievement, acting,
                                       _("揭榜挂帅「%(t)s」中榜", t=call.title), stage=Stage.INTERESTED, proposal=winner)
    for m in call.milestones:
        pairing.milestones.append(Milestone(title=m.title, due_on=m.due_on))
    session.flush()
    audit.record(session, actor, "call.award", call, proposal_id=winner.id, pairing_id=pairing.id)
    _tell_proposers(session, call, actor, "call.awarded")
    return pairing


def record_acceptance(session: Session, call: Challenge, actor: User, passed: bool | None, report: str | None,
                      accepted_on: date | None, *, today: date | None = None) -> Challenge:
    """验收: the caller or a broker records passed or failed, with a report and the date."""
    today = today or rules.bureau_today()
    if not (call.is_caller(actor) or actor.is_staff):
        raise PermissionDenied(_("只有出榜企业或技术经纪人可以记录验收。"))
    if call.status != ChallengeStatus.IMPLEMENTING:
        raise DomainError(_("榜单不在实施阶段。"))
    if passed is None:
        raise DomainError(_("请选择验收结论。"), field="passed")
    report = (report or "").strip()
    if not report:
        raise DomainError(_("请填写验收报告。"), field="report")
    if accepted_on is None or accepted_on > today or (call.awarded_at and accepted_on < call.awarded_at.date()):
        raise DomainError(_("验收日期应在中榜之后、今天之前。"), field="accepted_on")
    call.acceptance_passed, call.acceptance_report, call.accepted_on = passed, report, accepted_on
    call.status = ChallengeStatus.ACCEPTED if passed else ChallengeStatus.FAILED
    session.flush()
    audit.record(session, actor, "call.acceptance", call, passed=passed, accepted_on=accepted_on.isoformat())
    return call


def due_calls(session: Session, today: date) -> int:
    """The daily task: calls past their deadline go to 评审; 公示 without objections becomes final."""
    moved = 0
    for call in session.scalars(select(Challenge).where(Challenge.status.in_(
            [ChallengeStatus.PUBLISHED, ChallengeStatus.PROPOSING, ChallengeStatus.PUBLICITY]))):
        if close_if_due(session, call, today):
            moved += 1
        elif (call.status == ChallengeStatus.PUBLICITY and today > call.publicity_ends_on
              and all(o.resolved_at is not None for o in call.objections)):
            finalize_award(session, call, None, today=today)
            moved += 1
    return moved


# --- who is told --------------------------------------------------------------------------------
def _brokers(session: Session) -> list[User]:
    return list(session.scalars(select(User).where(User.role == Role.BROKER, User.active.is_(True))))


def _caller_users(session: Session, call: Challenge) -> list[User]:
    return list(session.scalars(select(User).where(User.organization_id == call.need.organization_id,
                                                   User.role == Role.ENTERPRISE, User.active.is_(True))))


def _tell(session: Session, call: Challenge, actor: User | None, kind: str, recipients: list[User], **data) -> None:
    from ..notifications.services import notify

    notify(session, recipients, kind, actor=actor, link=f"/calls/{call.id}", call_title=call.title, **data)


def _tell_proposers(session: Session, call: Challenge, actor: User | None, kind: str, **data) -> None:
    org_ids = {p.organization_id for p in call.proposals if p.status != ProposalStatus.WITHDRAWN}
    users = list(session.scalars(select(User).where(User.organization_id.in_(org_ids), User.role == Role.UNIVERSITY,
                                                    User.active.is_(True)))) if org_ids else []
    _tell(session, call, actor, kind, users + _caller_users(session, call) + _brokers(session), **data)
