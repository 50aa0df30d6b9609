"""The pairing workflow: push, answers, stages, contract and registration.

Every change goes through ``advance`` (or ``answer``, which advances for the platform when both
sides said yes or one said no). It checks the stage table, the actor's right, the version the
actor's form was made against, and what the target stage needs; writes the StageEvent (with the
next per-pairing sequence number) and the AuditEvent; and tells the people involved. Services
flush, never commit: the request commits once. Two people acting at once: the pairing's version
counter turns the second UPDATE into ``StaleVersion`` (HTTP 409), on SQLite as on PostgreSQL.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal, InvalidOperation
from typing import Iterable

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session, joinedload
from sqlalchemy.orm.exc import StaleDataError

from models import (
    CONTRACT_STAGES,
    Achievement,
    CloseReason,
    Contract,
    ContractSubType,
    ContractType,
    Pairing,
    Response,
    Role,
    Stage,
    StageEvent,
    TechNeed,
    User,
    utcnow,
)

from .. import audit
from ..errors import Conflict, DomainError, NotFound, PermissionDenied
from ..listings import rules
from . import stages

STALE_MESSAGE = "该对接已被他人更新，请刷新后再试"
MONEY_LIMIT = Decimal("10000000")  # 1000 亿元: beyond any technology contract


class StaleVersion(Conflict):
    """The form was made against an older version of the pairing."""

    def __init__(self) -> None:
        super().__init__(_(STALE_MESSAGE))


class TransitionNotAllowed(DomainError):
    """The stage table has no such transition from the current stage."""


@dataclass
class Outcome:
    pairing: Pairing
    #: False when the request repeated what was already done (a double click, a retry).
    changed: bool
    message: str


@dataclass
class ContractData:
    contract_type: str
    sub_type: str | None
    amount_wan: Decimal | None
    tech_income_wan: Decimal | None
    signed_on: date | None
    term_months: int | None = None


@dataclass
class RegistrationData:
    registration_no: str
    registered_on: date | None
    registered_income_wan: Decimal | None


# --- reading -------------------------------------------------------------------------------
def get_pairing(session: Session, pairing_id: int, viewer: User) -> Pairing:
    """The pairing, if the viewer is a party, a broker or an admin; otherwise NotFound (no hint)."""
    pairing = session.get(Pairing, pairing_id, options=[
        joinedload(Pairing.need).joinedload(TechNeed.organization),
        joinedload(Pairing.achievement).joinedload(Achievement.organization),
        joinedload(Pairing.contract),
    ])
    if pairing is None or not pairing.can_view(viewer):
        raise NotFound(_("对接不存在。"))
    return pairing


def pairings_for(session: Session, viewer: User, stage: Stage | None = None):
    """The pairings the viewer may see, newest activity first (a select, for pagination)."""
    stmt = (select(Pairing).where(Pairing.visible_to(viewer))
            .options(joinedload(Pairing.need).joinedload(TechNeed.organization),
                     joinedload(Pairing.achievement).joinedload(Achievement.organization))
            .order_by(Pairing.updated_at.desc(), Pairing.id.desc()))
    if stage is not None:
        stmt = stmt.where(Pairing.stage == stage)
    return stmt


# --- creating ------------------------------------------------------------------------------
def create_pairing(session: Session, need: TechNeed, achievement: Achievement | None, actor: User,
                   note: str | None = None, *, stage: Stage = Stage.RECOMMENDED, proposal=None,
                   event_id: int | None = None) -> tuple[Pairing, bool]:
    """Open a pairing; returns it and whether it is new (idempotent for a need and achievement).

    At 推荐 when a broker accepts a suggestion or pairs by hand; at 有意向 when interest was shown
    elsewhere — at a matchmaking event (``event_id``) or by winning an open call (``proposal``).
    The first StageEvent says where it came from (``note``).
    """
    if not actor.is_staff and stage == Stage.RECOMMENDED:
        raise PermissionDenied(_("只有技术经纪人可以建立对接。"))
    if achievement is None and proposal is None:
        raise DomainError(_("对接需要一项成果或一份揭榜方案。"))
    existing = None
    if achievement is not None and proposal is None:
        existing = session.scalar(select(Pairing).where(Pairing.need_id == need.id,
                                                        Pairing.achievement_id == achievement.id))
    elif proposal is not None:
        existing = session.scalar(select(Pairing).where(Pairing.proposal_id == proposal.id))
    if existing is not None:
        return existing, False
    seller_org = achievement.organization_id if achievement is not None else proposal.organization_id
    if need.organization_id == seller_org:
        raise DomainError(_("不能把一个机构的需求与它自己的成果配对。"))
    pairing = Pairing(need_id=need.id, achievement_id=achievement.id if achievement is not None else None,
                      proposal_id=proposal.id if proposal is not None else None,
                      broker_id=actor.id if actor.is_staff else None, stage=stage, event_id=event_id)
    if stage in (Stage.INTERESTED,):
        pairing.enterprise_response = pairing.university_response = Response.INTERESTED
    session.add(pairing)
    session.flush()
    _record(session, pairing, actor, None, stage, note)
    if stage != Stage.RECOMMENDED:
        _tell(session, pairing, actor, "pairing.stage", to=stage.value, note=note)
    return pairing, True


# --- moving ------------------------------------------------------------------------------------
def advance(session: Session, pairing: Pairing, actor: User, to: Stage, *, expected_version: int | None,
            note: str | None = None, contract: ContractData | None = None,
            registration: RegistrationData | None = None, close_code: str | None = None) -> Outcome:
    """Move ``pairing`` to ``to`` as ``actor``, against the version the actor saw."""
    if pairing.stage == to:
        return Outcome(pairing, False, _("该对接已是「%(stage)s」，无需重复操作。", stage=_(to.label)))
    if expected_version is not None and expected_version != pairing.version:
        raise StaleVersion()
    rule = stages.transition(pairing.stage, to)
    if rule is None:
        raise TransitionNotAllowed(_("对接处于「%(now)s」，不能转为「%(to)s」。", now=_(pairing.stage.label), to=_(to.label)))
    if not pairing.can_advance(actor, to):
        raise PermissionDenied(_("您不能把这项对接转为「%(to)s」。", to=_(to.label)))
    note = _clean_note(note)
    if rule.requires == stages.CONTRACT:
        _sign(session, pairing, _check_contract(contract))
    elif rule.requires == stages.REGISTRATION:
        _register(pairing, _check_registration(registration, pairing.contract))
    elif rule.requires == stages.REASON:
        pairing.closed_code = _check_close_code(close_code)
        pairing.closed_reason = note
    return _move(session, pairing, actor, to, note)


def _move(session: Session, pairing: Pairing, actor: User, to: Stage, note: str | None) -> Outcome:
    source = pairing.stage
    pairing.stage = to
    try:
        session.flush()  # UPDATE … WHERE version = :seen — 0 rows when someone moved it first
    except StaleDataError:
        raise StaleVersion() from None
    _record(session, pairing, actor, source, to, note)
    _tell(session, pairing, actor, "pairing.closed" if to == Stage.CLOSED else "pairing.stage",
          to=to.value, code=pairing.closed_code.value if pairing.closed_code and to == Stage.CLOSED else None,
          note=note)
    return Outcome(pairing, True, _("对接已转为「%(stage)s」。", stage=_(to.label)))


def push(session: Session, pairing: Pairing, actor: User, *, expected_version: int | None,
         note: str | None = None) -> Outcome:
    """推送: the broker sends the pairing to both sides, who are asked to answer."""
    outcome = advance(session, pairing, actor, Stage.PUSHED, expected_version=expected_version, note=note)
    return outcome


def answer(session: Session, pairing: Pairing, actor: User, response: Response, *, expected_version: int | None,
           note: str | None = None) -> Outcome:
    """A side answers a pushed pairing: 有兴趣 or 无兴趣 (with a reason).

    Both yes: 有意向, by the platform. A no: 终止, with that side's reason.
    """
    side = pairing.party_of(actor)
    if side is None:
        if actor.is_staff:
            raise PermissionDenied(_("只有企业和成果方可以答复对接。"))
        raise NotFound(_("对接不存在。"))
    field, other = ("enterprise", "university") if side == "enterprise" else ("university", "enterprise")
    current = getattr(pairing, f"{field}_response")
    if current == response:
        return Outcome(pairing, False, _("您已答复过「%(answer)s」，无需重复操作。", answer=_(response.label)))
    if pairing.stage != Stage.PUSHED:
        raise TransitionNotAllowed(_("对接处于「%(now)s」，已不在等待答复。", now=_(pairing.stage.label)))
    if expected_version is not None and expected_version != pairing.version:
        raise StaleVersion()
    note = _clean_note(note)
    if response == Response.DECLINED and not note:
        raise DomainError(_("请说明无意向的原因。"), field="note")
    setattr(pairing, f"{field}_response", response)
    setattr(pairing, f"{field}_note", note)
    try:
        session.flush()
    except StaleDataError:
        raise StaleVersion() from None
    audit.record(session, actor, "pairing.answer", pairing, side=side, response=response.value, note=note)
    _tell(session, pairing, actor, "pairing.answered", side=side, response=response.value, note=note)
    if response == Response.DECLINED:
        pairing.closed_code = CloseReason.ENTERPRISE_DECLINED if side == "enterprise" else CloseReason.UNIVERSITY_DECLINED
        pairing.closed_reason = note
        return _move(session, pairing, actor, Stage.CLOSED, note)
    if getattr(pairing, f"{other}_response") == Response.INTERESTED:
        return _move(session, pairing, actor, Stage.INTERESTED, _("双方均表示有意向"))
    return Outcome(pairing, True, _("已答复：%(answer)s。等待对方答复。", answer=_(response.label)))


# --- what a stage needs ----------------------------------------------------------------------
def _sign(session: Session, pairing: Pairing, data: ContractData) -> None:
    if pairing.contract is not None:
        raise DomainError(_("这项对接已有合同。"))
    contract = Contract(
        contract_type=ContractType(data.contract_type),
        sub_type=ContractSubType(data.sub_type) if data.sub_type else None,
        amount_wan=data.amount_wan, tech_income_wan=data.tech_income_wan, signed_on=data.signed_on,
        term_months=data.term_months, buyer_id=pairing.need.organization_id, seller_id=pairing.seller_org_id,
    )
    session.add(contract)
    pairing.contract = contract


def _register(pairing: Pairing, data: RegistrationData) -> None:
    contract = pairing.contract
    contract.registration_no = data.registration_no
    contract.registered_on = data.registered_on
    contract.registered_income_wan = data.registered_income_wan
    pairing.registration_no = data.registration_no


def _check_contract(data: ContractData | None) -> ContractData:
    if data is None:
        raise DomainError(_("签约须填写技术合同。"))
    try:
        contract_type = ContractType(data.contract_type)
    except ValueError:
        raise DomainError(_("请选择合同类型。"), field="contract_type") from None
    subs = ContractSubType.of(contract_type)
    if subs and data.sub_type not in {s.value for s in subs}:
        raise DomainError(_("请选择「%(type)s」合同的具体类别。", type=_(contract_type.label)), field="sub_type")
    if not subs:
        data.sub_type = None
    amount = _money(data.amount_wan, "amount_wan", _("合同成交额"))
    income = _money(data.tech_income_wan, "tech_income_wan", _("技术交易额"))
    if income > amount:
        raise DomainError(_("技术交易额不能超过合同成交额。"), field="tech_income_wan")
    if data.signed_on is None:
        raise DomainError(_("请填写签订日期。"), field="signed_on")
    if data.signed_on > rules.bureau_today():
        raise DomainError(_("签订日期不能晚于今天。"), field="signed_on")
    if data.term_months is not None and not 0 < data.term_months <= 600:
        raise DomainError(_("合同期限应为 1 至 600 个月。"), field="term_months")
    data.amount_wan, data.tech_income_wan = amount, income
    return data


def _check_registration(data: RegistrationData | None, contract: Contract | None) -> RegistrationData:
    if contract is None:
        raise DomainError(_("尚无合同，不能登记。"))
    if data is None or not (data.registration_no or "").strip():
        raise DomainError(_("请填写登记编号。"), field="registration_no")
    data.registration_no = data.registration_no.strip().upper()
    if len(data.registration_no) > 40:
        raise DomainError(_("登记编号不能超过 40 个字符。"), field="registration_no")
    if data.registered_on is None:
        raise DomainError(_("请填写登记日期。"), field="registered_on")
    if data.registered_on < contract.signed_on:
        raise DomainError(_("登记日期不能早于合同签订日期（%(date)s）。", date=contract.signed_on.isoformat()),
                          field="registered_on")
    if data.registered_on > rules.bureau_today():
        raise DomainError(_("登记日期不能晚于今天。"), field="registered_on")
    data.registered_income_wan = _money(data.registered_income_wan, "registered_income_wan", _("核定技术交易额"))
    return data


def _check_close_code(code: str | None) -> CloseReason:
    try:
        return CloseReason(code)
    except ValueError:
        raise DomainError(_("请选择终止原因。"), field="close_code") from None


def _money(value, field: str, label: str) -> Decimal:
    if value is None or value == "":
        raise DomainError(_("请填写%(label)s。", label=label), field=field)
    try:
        amount = Decimal(str(value)).quantize(Decimal("0.01"))
    except (InvalidOperation, ValueError):
        raise DomainError(_("%(label)s不是有效的金额。", label=label), field=field) from None
    if amount < 0:
        raise DomainError(_("%(label)s不能为负数。", label=label), field=field)
    if amount >= MONEY_LIMIT:
        raise DomainError(_("%(label)s超出合理范围。", label=label), field=field)
    return amount


def _clean_note(note: str | None) -> str | None:
    note = (note or "").strip() or None
    if note and len(note) > 500:
        raise DomainError(_("说明不能超过 %(n)d 字。", n=500), field="note")
    return note


# --- history ------------------------------------------------------------------------------------
def _record(session: Session, pairing: Pairing, actor: User | None, source: Stage | None, to: Stage,
            note: str | None) -> StageEvent:
    """The StageEvent (next sequence number: the UNIQUE constraint refuses a second one) and the audit."""
    seq = (session.scalar(select(func.max(StageEvent.seq)).where(StageEvent.pairing_id == pairing.id)) or 0) + 1
    event = StageEvent(pairing_id=pairing.id, seq=seq, actor_id=actor.id if actor else None, from_stage=source,
                       to_stage=to, note=note, at=utcnow())
    session.add(event)
    session.flush()
    audit.record(session, actor, "pairing.advance", pairing, seq=seq, from_stage=source.value if source else None,
                 to_stage=to.value, note=note)
    return event


def people(session: Session, pairing: Pairing) -> dict[str, list[User]]:
    """Who is told about a pairing: the enterprise's users, the seller side's users, the broker."""
    def users_of(org_id: int | None, role: Role) -> list[User]:
        if org_id is None:
            return []
        return list(session.scalars(select(User).where(User.organization_id == org_id, User.role == role,
                                                       User.active.is_(True))))

    brokers = [pairing.broker] if pairing.broker is not None else list(
        session.scalars(select(User).where(User.role == Role.BROKER, User.active.is_(True))))
    return {"enterprise": users_of(pairing.need.organization_id, Role.ENTERPRISE),
            "university": users_of(pairing.seller_org_id, Role.UNIVERSITY),
            "broker": brokers}


def _tell(session: Session, pairing: Pairing, actor: User | None, kind: str, **data) -> None:
    from ..notifications.services import notify

    who = people(session, pairing)
    recipients: Iterable[User] = who["enterprise"] + who["university"] + who["broker"]
    titles = {"need_title": pairing.need.title, "achievement_title": pairing.supply_title}
    notify(session, recipients, kind, actor=actor, pairing=pairing, link=f"/pairings/{pairing.id}",
           **titles, **{k: v for k, v in data.items() if v is not None})


# --- milestones ----------------------------------------------------------------------------------
def complete_milestone(session: Session, pairing: Pairing, actor: User, milestone_id: int,
                       done_on: date | None = None) -> None:
    """A party or a broker marks a milestone done (idempotent)."""
    from models import Milestone

    if not (actor.is_staff or pairing.party_of(actor)):
        raise PermissionDenied(_("只有对接双方和技术经纪人可以更新里程碑。"))
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.pairing_id != pairing.id:
        raise NotFound(_("里程碑不存在。"))
    if milestone.done_on is not None:
        return
    milestone.done_on = done_on or rules.bureau_today()
    session.flush()
    audit.record(session, actor, "pairing.milestone_done", pairing, milestone_id=milestone.id,
                 done_on=milestone.done_on.isoformat())


# --- registration reminders ---------------------------------------------------------------------
def overdue_contracts(session: Session, today: date, due_days: int) -> list[Pairing]:
    """Pairings signed more than ``due_days`` ago and still not registered."""
    return list(session.scalars(
        select(Pairing).join(Contract, Pairing.contract_id == Contract.id)
        .where(Pairing.stage == Stage.SIGNED, Contract.registration_no.is_(None),
               Contract.signed_on < today - timedelta(days=due_days))
        .options(joinedload(Pairing.contract), joinedload(Pairing.need), joinedload(Pairing.achievement))
        .order_by(Contract.signed_on)
    ))


def remind_overdue(session: Session, today: date, due_days: int, every_days: int = 7) -> int:
    """Remind the seller side of each overdue contract (again after ``every_days``)."""
    from ..notifications.services import notify

    reminded = 0
    for pairing in overdue_contracts(session, today, due_days):
        contract = pairing.contract
        if contract.reminded_at is not None and contract.reminded_at.date() > today - timedelta(days=every_days):
            continue
        who = people(session, pairing)
        notify(session, who["university"] + who["broker"], "contract.overdue", pairing=pairing,
               link=f"/pairings/{pairing.id}", need_title=pairing.need.title, achievement_title=pairing.supply_title,
               signed_on=contract.signed_on.isoformat(),
               due_on=(contract.signed_on + timedelta(days=due_days)).isoformat())
        contract.reminded_at = utcnow()
        reminded += 1
    session.flush()
    return reminded


__all__ = ["CONTRACT_STAGES", "ContractData", "Outcome", "RegistrationData", "StaleVersion", "TransitionNotAllowed",
           "advance", "answer", "create_pairing", "get_pairing", "overdue_contracts", "pairings_for", "push",
           "remind_overdue"]
