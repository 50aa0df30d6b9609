"""The figures of the brokers' dashboard: read-only queries, each taking (session, year, region).

Definitions (the README's dashboard section says the same for the bureau):

- **Region** is the buyer's: a contract counts for the region of its buyer enterprise (技术吸纳), a
  pairing and an open call for the region of the need's enterprise. The bureau promotes the
  enterprises of its district; the 万达开 pool is divided the same way.
- **Funnel**: the pairings opened in the year (their first StageEvent). A pairing has reached a
  stage when its history got that far along the path 推荐 → … → 履约完成, so a pairing opened at
  有意向 (from a matchmaking event or an open call) counts for 推荐 and 已推送 too, and a pairing
  closed at 洽谈 counts up to 洽谈. Conversion is reached(stage) / reached(previous stage). The days
  in a stage are measured from entering it to leaving it (onwards or to 终止); a stay not yet over
  is not counted, so the median does not move with the clock.
- **Turnover**: contracts by the month of ``signed_on``. 技术交易额 is the 核定技术交易额 once the
  contract is registered, the declared one before (what the statistics will count, as far as it
  is known today). Year on year: this year's cumulative amount to a month against last year's to
  the same month; for the current year the reference month is this month.
- **Breakdowns** cover the contracts signed in the year: every breakdown adds up to the year's total.
"""
from __future__ import annotations

import statistics
from collections import defaultdict
from itertools import accumulate
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import ROUND_HALF_UP, Decimal
from typing import Any, Iterable, Sequence

from flask_babel import gettext as _
from sqlalchemy import ColumnElement, Select, func, select
from sqlalchemy.orm import Session, aliased

from models import (
    Achievement,
    Challenge,
    ChallengeStatus,
    Contract,
    ContractType,
    Industry,
    IPType,
    MatchmakingEvent,
    Organization,
    OrgKind,
    Pairing,
    Proposal,
    Region,
    Stage,
    StageEvent,
    TechNeed,
    User,
)

from ..errors import PermissionDenied
from ..listings.rules import BUREAU_TZ
from ..pairings.stages import PATH

MONTHS = tuple(range(1, 13))
ZERO = Decimal("0.00")
CENT = Decimal("0.01")
TENTH = Decimal("0.1")
#: Sellers the national statistics tell apart; other kinds appear only when they sold something.
SELLER_KINDS = (OrgKind.UNIVERSITY, OrgKind.INSTITUTE, OrgKind.ENTERPRISE)
#: 技术交易额 as the statistics count it: as registered (核定) once registered, as declared before.
TECH_INCOME = func.coalesce(Contract.registered_income_wan, Contract.tech_income_wan)


def can_view_dashboard(user: User) -> bool:
    """Brokers and admins read the dashboard."""
    return user.is_staff


def require_viewer(user: User) -> None:
    if not can_view_dashboard(user):
        raise PermissionDenied(_("只有技术经纪人和管理员可以查看数据看板。"))


def money(value: Any) -> Decimal:
    return Decimal(value or 0).quantize(CENT, rounding=ROUND_HALF_UP)


def percent(part: Decimal | int, whole: Decimal | int) -> Decimal | None:
    """``part`` as a percentage of ``whole`` to one decimal; None when ``whole`` is nothing."""
    if not whole:
        return None
    return (Decimal(part) * 100 / Decimal(whole)).quantize(TENTH, rounding=ROUND_HALF_UP)


def growth(current: Decimal, previous: Decimal) -> Decimal | None:
    """Year-on-year growth in percent (同比增长); None when last year has nothing to compare."""
    ratio = percent(current, previous)
    return None if ratio is None else ratio - 100


# --- the scope: year and region ---------------------------------------------------------------
def _year_dates(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def _year_moments(year: int) -> tuple[datetime, datetime]:
    """The bureau's calendar year as aware timestamps [start, end)."""
    return (datetime.combine(date(year, 1, 1), time(), BUREAU_TZ),
            datetime.combine(date(year + 1, 1, 1), time(), BUREAU_TZ))


def _orgs_in(region: Region) -> Select:
    return select(Organization.id).where(Organization.region_id == region.id)


def _contracts_of(year: int, region: Region | None) -> list[ColumnElement[bool]]:
    first, last = _year_dates(year)
    clauses = [Contract.signed_on >= first, Contract.signed_on <= last]
    if region is not None:
        clauses.append(Contract.buyer_id.in_(_orgs_in(region)))
    return clauses


def _needs_in(region: Region) -> Select:
    return select(TechNeed.id).where(TechNeed.organization_id.in_(_orgs_in(region)))


def available_years(session: Session, today: date) -> list[int]:
    """Years that have contracts, pairings, events or open calls, and the current one; newest first."""
    years = {today.year}
    for column, where in ((Contract.signed_on, None), (MatchmakingEvent.held_on, None),
                          (Challenge.opens_on, None), (StageEvent.at, StageEvent.seq == 1)):
        stmt = select(func.extract("year", column)).distinct()
        if where is not None:
            stmt = stmt.where(where)
        years.update(int(y) for y in session.scalars(stmt) if y is not None)
    return sorted(years, reverse=True)


# --- the funnel -------------------------------------------------------------------------------
@dataclass
class FunnelStep:
    stage: Stage
    #: Pairings that got this far.
    reached: int
    #: reached / reached at the previous stage, in percent (None for the first stage or from 0).
    conversion: Decimal | None
    #: Median whole-stay length in days (None when no stay in this stage is over yet).
    median_days: Decimal | None
    #: How many finished stays the median is taken over.
    stays: int


@dataclass
class Funnel:
    steps: list[FunnelStep]
    #: Pairings opened in the year.
    opened: int
    #: Of them, ended (终止).
    closed: int


def funnel(session: Session, year: int, region: Region | None) -> Funnel:
    """How far the pairings opened in ``year`` got, and how long they stayed in each stage."""
    start, end = _year_moments(year)
    cohort = select(StageEvent.pairing_id).where(StageEvent.seq == 1, StageEvent.at >= start, StageEvent.at < end)
    if region is not None:
        cohort = cohort.where(StageEvent.pairing_id.in_(
            select(Pairing.id).where(Pairing.need_id.in_(_needs_in(region)))))
    rows = session.execute(
        select(StageEvent.pairing_id, StageEvent.at, StageEvent.to_stage)
        .where(StageEvent.pairing_id.in_(cohort))
        .order_by(StageEvent.pairing_id, StageEvent.seq)
    ).all()
    histories: dict[int, list[tuple[datetime, Stage]]] = defaultdict(list)
    for pairing_id, at, stage in rows:
        histories[pairing_id].append((at, stage))

    position = {stage: n for n, stage in enumerate(PATH)}
    furthest = [0] * len(PATH)
    stays: dict[Stage, list[float]] = defaultdict(list)
    closed = 0
    for history in histories.values():
        on_path = [position[stage] for _at, stage in history if stage in position]
        if on_path:
            furthest[max(on_path)] += 1
        closed += any(stage == Stage.CLOSED for _at, stage in history)
        for (entered, stage), (left, _next) in zip(history, history[1:]):
            if stage in position:
                stays[stage].append((left - entered).total_seconds() / 86400)

    # a pairing that got to stage n has reached every stage before it too
    reached = list(accumulate(reversed(furthest)))[::-1]
    steps: list[FunnelStep] = []
    for n, stage in enumerate(PATH):
        days = stays.get(stage, [])
        steps.append(FunnelStep(
            stage=stage,
            reached=reached[n],
            conversion=percent(reached[n], reached[n - 1]) if n else None,
            median_days=Decimal(str(statistics.median(days))).quantize(TENTH, ROUND_HALF_UP) if days else None,
            stays=len(days),
        ))
    return Funnel(steps=steps, opened=len(histories), closed=closed)


# --- turnover by month -------------------------------------------------------------------------
@dataclass
class MonthTurnover:
    month: int
    contracts: int
    amount: Decimal
    income: Decimal
    #: Cumulative to the end of the month; None for months still ahead.
    cumulative_amount: Decimal | None
    cumulative_income: Decimal | None
    #: Last year's cumulative amount to the same month.
    last_year_cumulative: Decimal
    #: Year-on-year growth of the cumulative amount, in percent.
    growth: Decimal | None


@dataclass
class Turnover:
    year: int
    months: list[MonthTurnover]
    amount: Decimal
    income: Decimal
    contracts: int
    #: Of the contracts signed in the year, those registered (认定登记).
    registered: int
    #: The month the year-on-year figure is taken at (12 for a past year, this month for this year).
    reference_month: int
    #: Cumulative growth at the reference month (同比增长, percent); None when last year had nothing.
    growth: Decimal | None
    last_year_amount: Decimal


def _monthly(session: Session, year: int, region: Region | None) -> dict[int, tuple[int, Decimal, Decimal]]:
    month = func.extract("month", Contract.signed_on)
    rows = session.execute(
        select(month, func.count(Contract.id), func.sum(Contract.amount_wan), func.sum(TECH_INCOME))
        .where(*_contracts_of(year, region)).group_by(month)
    ).all()
    return {int(m): (n, money(amount), money(income)) for m, n, amount, income in rows}


def _cumulative(values: Iterable[Decimal]) -> list[Decimal]:
    total, out = ZERO, []
    for value in values:
        total += value
        out.append(total)
    return out


def reference_month(year: int, today: date) -> int:
    """The last month of ``year`` that has begun: 12 for a past year."""
    if year < today.year:
        return 12
    return today.month if year == today.year else 0


def turnover(session: Session, year: int, region: Region | None, today: date) -> Turnover:
    """Contract turnover (合同成交额) and 技术交易额 by month of signing, cumulative, and year on year."""
    this, last = _monthly(session, year, region), _monthly(session, year - 1, region)
    empty = (0, ZERO, ZERO)
    amounts = [this.get(m, empty)[1] for m in MONTHS]
    incomes = [this.get(m, empty)[2] for m in MONTHS]
    cum_amount, cum_income = _cumulative(amounts), _cumulative(incomes)
    cum_last = _cumulative(last.get(m, empty)[1] for m in MONTHS)
    ref = reference_month(year, today)
    months = []
    for m in MONTHS:
        begun = m <= ref
        months.append(MonthTurnover(
            month=m, contracts=this.get(m, empty)[0], amount=amounts[m - 1], income=incomes[m - 1],
            cumulative_amount=cum_amount[m - 1] if begun else None,
            cumulative_income=cum_income[m - 1] if begun else None,
            last_year_cumulative=cum_last[m - 1],
            growth=growth(cum_amount[m - 1], cum_last[m - 1]) if begun else None,
        ))
    registered = session.scalar(select(func.count(Contract.id)).where(
        *_contracts_of(year, region), Contract.registration_no.is_not(None))) or 0
    return Turnover(
        year=year, months=months, amount=cum_amount[-1], income=cum_income[-1],
        contracts=sum(n for n, _amount, _income in this.values()), registered=registered,
        reference_month=ref, growth=growth(cum_amount[ref - 1], cum_last[ref - 1]) if ref else None,
        last_year_amount=cum_last[-1],
    )


# --- breakdowns as the national statistics use them ---------------------------------------------
@dataclass
class BreakdownRow:
    label: str
    contracts: int = 0
    amount: Decimal = ZERO
    income: Decimal = ZERO


@dataclass
class Breakdown:
    #: URL and sheet key, e.g. ``contract_type``.
    key: str
    title: str
    #: What a row is (the first column's header).
    dimension: str
    rows: list[BreakdownRow] = field(default_factory=list)


Seller = aliased(Organization, name="seller")
Buyer = aliased(Organization, name="buyer")
Broker = aliased(User, name="broker")
SuppliedAchievement = aliased(Achievement, name="supplied")


def _grouped(session: Session, year: int, region: Region | None, keys: Sequence[Any],
             joins: Sequence[tuple[Any, Any]] = ()) -> list[tuple[tuple, int, Decimal, Decimal]]:
    """(key values, contracts, amount, 技术交易额) per group of the year's contracts."""
    stmt = select(*keys, func.count(Contract.id), func.sum(Contract.amount_wan), func.sum(TECH_INCOME)) \
        .select_from(Contract)
    for target, onclause in joins:
        stmt = stmt.outerjoin(target, onclause)
    rows = session.execute(stmt.where(*_contracts_of(year, region)).group_by(*keys)).all()
    width = len(keys)
    return [(tuple(row[:width]), row[width], money(row[width + 1]), money(row[width + 2])) for row in rows]


def _rows(groups, label_of, fixed: Sequence[Any] = (), unknown: str | None = None) -> list[BreakdownRow]:
    """Rows labelled by ``label_of(key)``: the ``fixed`` keys always (in their order), the others
    by amount, largest first, and the group without a key (``unknown``) last."""
    found = {key: BreakdownRow(label_of(key), n, amount, income)
             for (key, *_label), n, amount, income in groups if key is not None}
    missing = [BreakdownRow(unknown or _("未注明"), n, amount, income)
               for (key, *_label), n, amount, income in groups if key is None]
    rows = [found.pop(key, None) or BreakdownRow(label_of(key)) for key in fixed]
    rows += sorted(found.values(), key=lambda r: (-r.amount, -r.contracts, r.label))
    return rows + missing


_PAIRING = (Pairing, Pairing.contract_id == Contract.id)


def by_contract_type(session: Session, year: int, region: Region | None) -> Breakdown:
    groups = _grouped(session, year, region, [Contract.contract_type])
    return Breakdown("contract_type", _("按合同类型"), _("合同类型"),
                     _rows(groups, lambda t: _(t.label), fixed=list(ContractType)))


def by_industry(session: Session, year: int, region: Region | None) -> Breakdown:
    """技术领域: the top-level industry of the need the contract came from."""
    top = func.coalesce(Industry.parent_id, Industry.id)
    groups = _grouped(session, year, region, [top], [_PAIRING, (TechNeed, TechNeed.id == Pairing.need_id),
                                                     (Industry, Industry.id == TechNeed.industry_id)])
    ids = [keys[0] for keys, *_sums in groups if keys[0] is not None]
    names = dict(session.execute(select(Industry.id, Industry.name).where(Industry.id.in_(ids))).all()) if ids else {}
    return Breakdown("industry", _("按技术领域"), _("技术领域"), _rows(groups, names.get))


def by_seller_type(session: Session, year: int, region: Region | None) -> Breakdown:
    groups = _grouped(session, year, region, [Seller.kind], [(Seller, Seller.id == Contract.seller_id)])
    return Breakdown("seller_type", _("按卖方类型"), _("卖方类型"),
                     _rows(groups, lambda k: _(k.label), fixed=SELLER_KINDS))


def by_ip_type(session: Session, year: int, region: Region | None) -> Breakdown:
    """The IP type of the achievement sold (or of the one the winning open-call proposal offered)."""
    supplied = func.coalesce(Pairing.achievement_id, Proposal.achievement_id)
    groups = _grouped(session, year, region, [SuppliedAchievement.ip_type],
                      [_PAIRING, (Proposal, Proposal.id == Pairing.proposal_id),
                       (SuppliedAchievement, SuppliedAchievement.id == supplied)])
    return Breakdown("ip_type", _("按知识产权类型"), _("知识产权类型"),
                     _rows(groups, lambda t: _(t.label), fixed=list(IPType), unknown=_("无/未注明")))


def by_seller(session: Session, year: int, region: Region | None) -> Breakdown:
    """By seller organisation: the universities and institutes (and any enterprise that sold)."""
    groups = _grouped(session, year, region, [Seller.id, Seller.name], [(Seller, Seller.id == Contract.seller_id)])
    names = {key: name for (key, name), *_sums in groups}
    return Breakdown("seller", _("按卖方单位（高校院所）"), _("卖方单位"), _rows(groups, names.get))


def by_broker(session: Session, year: int, region: Region | None) -> Breakdown:
    groups = _grouped(session, year, region, [Broker.id, Broker.name],
                      [_PAIRING, (Broker, Broker.id == Pairing.broker_id)])
    names = {key: name for (key, name), *_sums in groups}
    return Breakdown("broker", _("按技术经纪人"), _("技术经纪人"), _rows(groups, names.get, unknown=_("未指定")))


def by_region(session: Session, year: int, region: Region | None) -> Breakdown:
    """By the buyer enterprise's region (技术吸纳地)."""
    groups = _grouped(session, year, region, [Region.id, Region.name],
                      [(Buyer, Buyer.id == Contract.buyer_id), (Region, Region.id == Buyer.region_id)])
    names = {key: name for (key, name), *_sums in groups}
    return Breakdown("region", _("按地区（买方所在地）"), _("地区"), _rows(groups, names.get))


BREAKDOWNS = (by_contract_type, by_industry, by_seller_type, by_ip_type, by_seller, by_broker, by_region)


# --- events and open calls ----------------------------------------------------------------------
@dataclass
class EventsHeld:
    #: Events held per month (1–12).
    by_month: list[int]
    total: int
    target: int


def events_by_month(session: Session, year: int, region: Region | None, today: date, target: int) -> EventsHeld:
    """Matchmaking events held in ``year`` up to today, as ``events.services.events_held`` counts
    them, by month; with a region, those held there."""
    first, last = _year_dates(year)
    month = func.extract("month", MatchmakingEvent.held_on)
    stmt = select(month, func.count(MatchmakingEvent.id)).where(
        MatchmakingEvent.held_on >= first, MatchmakingEvent.held_on <= min(last, today))
    if region is not None:
        stmt = stmt.where(MatchmakingEvent.region_id == region.id)
    counts = {int(m): n for m, n in session.execute(stmt.group_by(month))}
    by_month = [counts.get(m, 0) for m in MONTHS]
    return EventsHeld(by_month=by_month, total=sum(by_month), target=target)


def calls_by_status(session: Session, year: int, region: Region | None) -> list[tuple[ChallengeStatus, int]]:
    """Open calls (揭榜挂帅) published in ``year``, by their state now."""
    first, last = _year_dates(year)
    stmt = select(Challenge.status, func.count(Challenge.id)).where(
        Challenge.opens_on >= first, Challenge.opens_on <= last)
    if region is not None:
        stmt = stmt.where(Challenge.need_id.in_(_needs_in(region)))
    counts = dict(session.execute(stmt.group_by(Challenge.status)).all())
    return [(status, counts.get(status, 0)) for status in ChallengeStatus]


# --- the whole page -------------------------------------------------------------------------------
@dataclass
class Dashboard:
    year: int
    region: Region | None
    funnel: Funnel
    turnover: Turnover
    #: 合同成交额 target for the year (万元).
    target: Decimal
    #: The year's turnover as a percentage of the target.
    target_share: Decimal | None
    breakdowns: list[Breakdown]
    events: EventsHeld
    calls: list[tuple[ChallengeStatus, int]]


def dashboard(session: Session, year: int, region: Region | None, *, today: date, turnover_target: Decimal | int,
              events_target: int) -> Dashboard:
    """Every figure of the dashboard for ``year`` and ``region`` (None: the whole pool)."""
    money_flow = turnover(session, year, region, today)
    target = money(turnover_target)
    return Dashboard(
        year=year, region=region,
        funnel=funnel(session, year, region),
        turnover=money_flow,
        target=target,
        target_share=percent(money_flow.amount, target),
        breakdowns=[breakdown(session, year, region) for breakdown in BREAKDOWNS],
        events=events_by_month(session, year, region, today, events_target),
        calls=calls_by_status(session, year, region),
    )
