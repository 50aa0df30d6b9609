"""Matchmaking events (对接会 / 路演), the bureau's ten-a-year practice.

A broker creates an event, invites needs and achievements, records who attended and each outcome
(a need–achievement pair that showed interest), and turns an outcome into a pairing at 有意向 in
one click; the pairing's first StageEvent names the event.

The engine proposes the invitees, from the stored suggestion lists the task consumer keeps: for
the invited needs, the achievements at the top of their lists, and for the invited achievements,
the needs at the top of theirs, within the event's industry focus. So a page never ranks or
encodes anything itself, and a pair a broker rejected stays out here as it does in the lists.
While one side has no invitee yet, the other side's proposals are the bureau's own picks in the
focus: the key needs (重点需求) and the selected achievements (遴选成果).

Who sees an event: brokers and admins all of them; an enterprise or a university only the events
one of its needs or achievements is invited to (``can_view_event`` and its SQL twin).
"""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Iterable, Literal

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import ColumnElement, func, select, update
from sqlalchemy.orm import Session, joinedload, selectinload

from models import (
    Achievement,
    AchievementStatus,
    EventAchievement,
    EventKind,
    EventNeed,
    EventOutcome,
    MatchDirection,
    MatchmakingEvent,
    MatchSuggestion,
    NeedStatus,
    Pairing,
    Region,
    Stage,
    SuggestionList,
    TechNeed,
    User,
)

from .. import audit
from ..errors import Conflict, DomainError, NotFound, PermissionDenied
from ..listings import rules
from ..pairings.services import create_pairing

Side = Literal["need", "achievement"]
SIDES: tuple[Side, ...] = ("need", "achievement")
VENUE_MAX = 120
NOTE_MAX = 500
#: Proposals shown per side.
PROPOSALS_PER_SIDE = 12
#: How many of the invited items an achievement (or need) fits are named in its reason.
FITS_SHOWN = 3


# --- who may see what: MatchmakingEvent.can_view and its SQL twin, visible_to (on the model) ---
def can_view_event(event: MatchmakingEvent, user: User) -> bool:
    return event.can_view(user)


def events_visible_to(user: User) -> ColumnElement[bool]:
    return MatchmakingEvent.visible_to(user)


def require_broker(actor: User) -> None:
    if not actor.is_staff:
        raise PermissionDenied(_("只有技术经纪人可以管理对接活动。"))


# --- reading -------------------------------------------------------------------------------
@dataclass
class EventList:
    upcoming: list[MatchmakingEvent]
    #: Held today: already counted as held, still to be worked on.
    today: list[MatchmakingEvent]
    past: list[MatchmakingEvent]


def list_events(session: Session, viewer: User, today: date) -> EventList:
    """The events the viewer may see: upcoming (soonest first), today's, and past (latest first)."""
    rows = session.scalars(
        select(MatchmakingEvent).where(events_visible_to(viewer))
        .options(selectinload(MatchmakingEvent.invited_needs), selectinload(MatchmakingEvent.invited_achievements),
                 selectinload(MatchmakingEvent.outcomes), joinedload(MatchmakingEvent.industry),
                 joinedload(MatchmakingEvent.region))
        .order_by(MatchmakingEvent.held_on, MatchmakingEvent.id)
    ).unique().all()
    return EventList(upcoming=[e for e in rows if e.held_on > today],
                     today=[e for e in rows if e.held_on == today],
                     past=[e for e in reversed(rows) if e.held_on < today])


def get_event(session: Session, event_id: int, viewer: User) -> MatchmakingEvent:
    """The event, if the viewer may see it; otherwise NotFound (no hint that it exists)."""
    event = session.get(MatchmakingEvent, event_id, options=[
        selectinload(MatchmakingEvent.invited_needs).joinedload(EventNeed.need).joinedload(TechNeed.organization),
        selectinload(MatchmakingEvent.invited_achievements).joinedload(EventAchievement.achievement)
        .joinedload(Achievement.organization),
    ])
    if event is None or not can_view_event(event, viewer):
        raise NotFound(_("活动不存在。"))
    return event


def managed_event(session: Session, event_id: int, actor: User) -> MatchmakingEvent:
    """The event a broker works on (403 for anyone else, before anything is looked up)."""
    require_broker(actor)
    return get_event(session, event_id, actor)


def events_held(session: Session, start: date, end: date) -> int:
    """Events held between ``start`` and ``end`` (inclusive): the broker's home counts them per year."""
    return session.scalar(select(func.count()).select_from(MatchmakingEvent)
                          .where(MatchmakingEvent.held_on >= start, MatchmakingEvent.held_on <= end)) or 0


@dataclass
class ParticipantView:
    """What an invited organisation sees: the event's invitees it may see, its own marked, and
    the outcomes its items are part of."""

    needs: list[TechNeed]
    achievements: list[Achievement]
    outcomes: list[EventOutcome]


def participant_view(event: MatchmakingEvent, viewer: User) -> ParticipantView:
    org_id = viewer.organization_id
    return ParticipantView(
        needs=[n for n in event.needs if n.can_view(viewer)],
        achievements=[a for a in event.achievements if a.can_view(viewer)],
        outcomes=[o for o in event.outcomes
                  if org_id is not None and org_id in (o.need.organization_id, o.achievement.organization_id)],
    )


# --- creating and editing ------------------------------------------------------------------
@dataclass
class EventData:
    title: str | None
    kind: str | None
    held_on: date | None
    online: bool = False
    venue: str | None = None
    industry_id: int | None = None
    region_id: int | None = None
    description: str | None = None


def create_event(session: Session, actor: User, data: EventData, today: date | None = None) -> MatchmakingEvent:
    require_broker(actor)
    event = MatchmakingEvent(created_by_id=actor.id, organizer_id=actor.organization_id)
    _apply(session, event, data, today or rules.bureau_today())
    session.add(event)
    session.flush()
    audit.record(session, actor, "event.create", event, title=event.title, held_on=event.held_on)
    return event


def update_event(session: Session, event: MatchmakingEvent, actor: User, data: EventData,
                 today: date | None = None) -> MatchmakingEvent:
    require_broker(actor)
    _apply(session, event, data, today or rules.bureau_today())
    session.flush()
    audit.record(session, actor, "event.update", event, title=event.title, held_on=event.held_on)
    return event


def _apply(session: Session, event: MatchmakingEvent, data: EventData, today: date) -> None:
    title = rules.clean_title(data.title)
    try:
        kind = EventKind(data.kind)
    except ValueError:
        raise DomainError(_("请选择活动类型。"), field="kind") from None
    if data.held_on is None:
        raise DomainError(_("请填写活动日期。"), field="held_on")
    # a past event keeps its date when edited; no event is created, or moved, into the past
    if data.held_on < today and data.held_on != event.held_on:
        raise DomainError(_("活动日期不能早于今天（%(today)s）。", today=today.isoformat()), field="held_on")
    venue = (data.venue or "").strip() or None
    if venue and len(venue) > VENUE_MAX:
        raise DomainError(_("地点不能超过 %(n)d 个字。", n=VENUE_MAX), field="venue")
    if not venue and not data.online:
        raise DomainError(_("请填写活动地点，或选择线上举办。"), field="venue")
    industry_id = rules.check_industry(session, data.industry_id, current=event.industry_id)
    if data.region_id is not None and session.get(Region, data.region_id) is None:
        raise DomainError(_("所选地区不存在。"), field="region_id")
    event.title, event.kind, event.held_on = title, kind, data.held_on
    event.online, event.venue = bool(data.online), venue
    event.industry_id, event.region_id = industry_id, data.region_id
    event.description = rules.clean_text(data.description, "description", required=False)


# --- the engine's proposals ----------------------------------------------------------------
@dataclass
class Fit:
    """An invited item a proposal fits, and where the proposal stands on its stored list."""

    item: TechNeed | Achievement
    rank: int


@dataclass
class Proposed:
    item: TechNeed | Achievement
    #: The invited items of the other side whose lists it tops (empty for the bureau's own picks).
    fits: list[Fit] = field(default_factory=list)
    score: float = 0.0

    @property
    def more_fits(self) -> int:
        return max(0, len(self.fits) - FITS_SHOWN)


@dataclass
class Proposals:
    #: Achievements for the invited needs (or, with none invited, selected achievements in the focus).
    achievements: list[Proposed]
    needs: list[Proposed]
    #: Which source each side's proposals come from: "lists" (the engine) or "picks" (the bureau's).
    achievements_from: str
    needs_from: str
    #: Invited items whose suggestion list the task consumer has not stored yet.
    computing: int


def focus_ids(event: MatchmakingEvent) -> list[int] | None:
    """The industries in the event's focus: a key industry and its directions, or one direction."""
    focus = event.industry
    if focus is None:
        return None
    return [focus.id] + [child.id for child in focus.children] if focus.parent_id is None else [focus.id]


def proposals(session: Session, actor: User, event: MatchmakingEvent,
              per_side: int = PROPOSALS_PER_SIDE) -> Proposals:
    require_broker(actor)
    invited_needs = {link.need_id: link.need for link in event.invited_needs}
    invited_achs = {link.achievement_id: link.achievement for link in event.invited_achievements}
    focus = focus_ids(event)
    achievements = (_from_lists(session, "need", invited_needs, set(invited_achs), focus, per_side) if invited_needs
                    else _picks(session, "achievement", set(invited_achs), focus, per_side))
    needs = (_from_lists(session, "achievement", invited_achs, set(invited_needs), focus, per_side) if invited_achs
             else _picks(session, "need", set(invited_needs), focus, per_side))
    return Proposals(achievements, needs,
                     achievements_from="lists" if invited_needs else "picks",
                     needs_from="lists" if invited_achs else "picks",
                     computing=_lists_missing(session, invited_needs.values(), invited_achs.values()))


def _from_lists(session: Session, owner_side: Side, owners: dict[int, TechNeed | Achievement],
                invited: set[int], focus: list[int] | None, limit: int) -> list[Proposed]:
    """The other side's items on the owners' stored lists (strong entries only), best fits first:
    those that fit the most invited owners, then by their best score."""
    if owner_side == "need":
        direction, owner_col, other_col = (MatchDirection.NEED_TO_ACHIEVEMENT, MatchSuggestion.need_id,
                                           MatchSuggestion.achievement_id)
        model, eligible = Achievement, Achievement.status == AchievementStatus.PUBLISHED
    else:
        direction, owner_col, other_col = (MatchDirection.ACHIEVEMENT_TO_NEED, MatchSuggestion.achievement_id,
                                           MatchSuggestion.need_id)
        model, eligible = TechNeed, TechNeed.status == NeedStatus.OPEN
    stmt = (
        select(MatchSuggestion, model)
        .join(model, model.id == other_col)
        .where(MatchSuggestion.direction == direction, owner_col.in_(list(owners)), MatchSuggestion.weak.is_(False),
               eligible)
        .options(joinedload(model.organization), joinedload(model.industry))
    )
    if invited:
        stmt = stmt.where(other_col.not_in(list(invited)))
    if focus is not None:
        stmt = stmt.where(model.industry_id.in_(focus))
    found: dict[int, Proposed] = {}
    for suggestion, item in session.execute(stmt).unique():
        owner_id = suggestion.need_id if owner_side == "need" else suggestion.achievement_id
        proposed = found.setdefault(item.id, Proposed(item))
        proposed.fits.append(Fit(owners[owner_id], suggestion.rank))
        proposed.score = max(proposed.score, suggestion.score_fused)
    for proposed in found.values():
        proposed.fits.sort(key=lambda f: (f.rank, f.item.id))
    ranked = sorted(found.values(), key=lambda p: (-len(p.fits), -p.score, p.item.id))
    return ranked[:limit]


def _picks(session: Session, side: Side, invited: set[int], focus: list[int] | None, limit: int) -> list[Proposed]:
    """The bureau's own picks in the focus: key needs (nearest deadline first) or selected achievements."""
    if side == "need":
        model = TechNeed
        stmt = (select(TechNeed).where(TechNeed.status == NeedStatus.OPEN, TechNeed.is_key.is_(True))
                .order_by(TechNeed.deadline.is_(None), TechNeed.deadline, TechNeed.id))
    else:
        model = Achievement
        stmt = (select(Achievement).where(Achievement.status == AchievementStatus.PUBLISHED,
                                          Achievement.is_selected.is_(True))
                .order_by(Achievement.created_at.desc(), Achievement.id))
    if invited:
        stmt = stmt.where(model.id.not_in(list(invited)))
    if focus is not None:
        stmt = stmt.where(model.industry_id.in_(focus))
    stmt = stmt.options(joinedload(model.organization), joinedload(model.industry)).limit(limit)
    return [Proposed(item) for item in session.scalars(stmt)]


def _lists_missing(session: Session, needs: Iterable[TechNeed], achievements: Iterable[Achievement]) -> int:
    need_ids = [n.id for n in needs if n.status == NeedStatus.OPEN]
    ach_ids = [a.id for a in achievements if a.status == AchievementStatus.PUBLISHED]
    stored = 0
    if need_ids:
        stored += session.scalar(select(func.count()).select_from(SuggestionList)
                                 .where(SuggestionList.need_id.in_(need_ids))) or 0
    if ach_ids:
        stored += session.scalar(select(func.count()).select_from(SuggestionList)
                                 .where(SuggestionList.achievement_id.in_(ach_ids))) or 0
    return len(need_ids) + len(ach_ids) - stored


def candidates(app, session: Session, actor: User, event: MatchmakingEvent, side: Side, text: str,
               k: int = 8) -> list[TechNeed | Achievement]:
    """Needs or achievements a broker may invite by hand: the search engine's hits not yet invited."""
    from ..matching import search as search_svc

    require_broker(actor)
    side = _side(side)
    invited = ({link.need_id for link in event.invited_needs} if side == "need"
               else {link.achievement_id for link in event.invited_achievements})
    result = search_svc.run(app, session, actor, text, side, k=k + len(invited))
    return [h.item for h in result.hits if h.item.id not in invited and _invitable(h.item)][:k]


# --- invitations and attendance ------------------------------------------------------------
def _side(side: str) -> Side:
    if side not in SIDES:
        raise NotFound(_("页面不存在。"))
    return side  # type: ignore[return-value]


def _invitable(item: TechNeed | Achievement) -> bool:
    if isinstance(item, TechNeed):
        return item.status != NeedStatus.WITHDRAWN
    return item.status == AchievementStatus.PUBLISHED


def invite(session: Session, actor: User, event: MatchmakingEvent, need_ids: Iterable[int],
           achievement_ids: Iterable[int]) -> int:
    """Invite needs and achievements (those already invited are skipped); returns how many were added."""
    require_broker(actor)
    need_ids, achievement_ids = sorted(set(need_ids)), sorted(set(achievement_ids))
    if not need_ids and not achievement_ids:
        raise DomainError(_("请选择要邀请的需求或成果。"))
    needs = session.scalars(select(TechNeed).where(TechNeed.id.in_(need_ids))).all()
    achs = session.scalars(select(Achievement).where(Achievement.id.in_(achievement_ids))).all()
    if len(needs) != len(need_ids) or len(achs) != len(achievement_ids):
        raise NotFound(_("需求或成果不存在。"))
    for need in needs:
        if not _invitable(need):
            raise DomainError(_("需求「%(title)s」已撤回，不能邀请。", title=need.title))
    for ach in achs:
        if not _invitable(ach):
            raise DomainError(_("成果「%(title)s」未发布，不能邀请。", title=ach.title))
    have_needs = {link.need_id for link in event.invited_needs}
    have_achs = {link.achievement_id for link in event.invited_achievements}
    new_needs = [n for n in needs if n.id not in have_needs]
    new_achs = [a for a in achs if a.id not in have_achs]
    event.invited_needs.extend(EventNeed(need=n) for n in new_needs)
    event.invited_achievements.extend(EventAchievement(achievement=a) for a in new_achs)
    session.flush()
    if new_needs or new_achs:
        audit.record(session, actor, "event.invite", event, need_ids=[n.id for n in new_needs],
                     achievement_ids=[a.id for a in new_achs])
    return len(new_needs) + len(new_achs)


def invitation(event: MatchmakingEvent, side: Side, item_id: int) -> EventNeed | EventAchievement:
    """The invitation of one need or achievement to the event (NotFound if it was not invited)."""
    links = event.invited_needs if side == "need" else event.invited_achievements
    for link in links:
        if (link.need_id if side == "need" else link.achievement_id) == item_id:
            return link
    raise NotFound(_("该项未受邀参加本次活动。"))


def _item(link: EventNeed | EventAchievement) -> TechNeed | Achievement:
    return link.need if isinstance(link, EventNeed) else link.achievement


def _outcomes_with(event: MatchmakingEvent, side: Side, item_id: int) -> list[EventOutcome]:
    return [o for o in event.outcomes if (o.need_id if side == "need" else o.achievement_id) == item_id]


def uninvite(session: Session, actor: User, event: MatchmakingEvent, side: str, item_id: int) -> None:
    require_broker(actor)
    side = _side(side)
    link = invitation(event, side, item_id)
    if _outcomes_with(event, side, item_id):
        raise DomainError(_("「%(title)s」在本次活动已有洽谈成果，不能移除。", title=_item(link).title))
    (event.invited_needs if side == "need" else event.invited_achievements).remove(link)
    session.flush()
    audit.record(session, actor, "event.uninvite", event, side=side, item_id=item_id)


def set_attendance(session: Session, actor: User, event: MatchmakingEvent, side: str, item_id: int,
                   attended: bool | None, today: date | None = None) -> EventNeed | EventAchievement:
    """出席 / 缺席 / not recorded, once the event has been held."""
    require_broker(actor)
    side = _side(side)
    today = today or rules.bureau_today()
    if event.held_on > today:
        raise DomainError(_("活动尚未举行（%(date)s），不能记录出席。", date=event.held_on.isoformat()))
    link = invitation(event, side, item_id)
    if attended is False and _outcomes_with(event, side, item_id):
        raise DomainError(_("「%(title)s」在本次活动已有洽谈成果，不能记为缺席。", title=_item(link).title))
    if link.attended != attended:
        link.attended = attended
        session.flush()
        audit.record(session, actor, "event.attendance", event, side=side, item_id=item_id, attended=attended)
    return link


# --- outcomes ------------------------------------------------------------------------------
def add_outcome(session: Session, actor: User, event: MatchmakingEvent, need_id: int | None,
                achievement_id: int | None, note: str | None, today: date | None = None) -> EventOutcome:
    """Record a need–achievement pair that showed interest at the event."""
    require_broker(actor)
    today = today or rules.bureau_today()
    if event.held_on > today:
        raise DomainError(_("活动尚未举行（%(date)s），不能登记洽谈成果。", date=event.held_on.isoformat()))
    if need_id is None:
        raise DomainError(_("请选择需求。"), field="need_id")
    if achievement_id is None:
        raise DomainError(_("请选择成果。"), field="achievement_id")
    try:
        need_link, ach_link = invitation(event, "need", need_id), invitation(event, "achievement", achievement_id)
    except NotFound:
        raise DomainError(_("请从本次活动的受邀需求和成果中选择。")) from None
    for link in (need_link, ach_link):
        if link.attended is False:
            raise DomainError(_("「%(title)s」记为缺席，不能登记洽谈成果。", title=_item(link).title))
    if need_link.need.organization_id == ach_link.achievement.organization_id:
        raise DomainError(_("不能把一个机构的需求与它自己的成果配对。"))
    if any(o.need_id == need_id and o.achievement_id == achievement_id for o in event.outcomes):
        raise Conflict(_("这对需求与成果已登记为本次活动的洽谈成果。"))
    note = (note or "").strip() or None
    if note and len(note) > NOTE_MAX:
        raise DomainError(_("备注不能超过 %(n)d 字。", n=NOTE_MAX), field="note")
    outcome = EventOutcome(need=need_link.need, achievement=ach_link.achievement, note=note,
                           created_by_id=actor.id)
    event.outcomes.append(outcome)
    session.flush()
    audit.record(session, actor, "event.outcome", event, outcome_id=outcome.id, need_id=need_id,
                 achievement_id=achievement_id)
    return outcome


def _outcome(event: MatchmakingEvent, outcome_id: int) -> EventOutcome:
    for outcome in event.outcomes:
        if outcome.id == outcome_id:
            return outcome
    raise NotFound(_("洽谈成果不存在。"))


def delete_outcome(session: Session, actor: User, event: MatchmakingEvent, outcome_id: int) -> None:
    require_broker(actor)
    outcome = _outcome(event, outcome_id)
    if outcome.pairing_id is not None:
        raise DomainError(_("已转为对接的洽谈成果不能删除。"))
    event.outcomes.remove(outcome)
    session.flush()
    audit.record(session, actor, "event.outcome_delete", event, outcome_id=outcome_id,
                 need_id=outcome.need_id, achievement_id=outcome.achievement_id)


@dataclass
class Converted:
    pairing: Pairing
    #: False when the outcome had already been turned into a pairing (a double click, a retry),
    #: or the pair already had one and the outcome was linked to it.
    created: bool
    message: str


def history_note(event: MatchmakingEvent, outcome: EventOutcome) -> str:
    """The pairing's first StageEvent: where it came from. A record, so in the bureau's language
    whatever the broker's interface language."""
    with force_locale("zh"):
        note = _("来自%(kind)s「%(title)s」（%(date)s）", kind=_(event.kind.label), title=event.title,
                 date=event.held_on.isoformat())
        if outcome.note:
            note = _("%(origin)s：%(note)s", origin=note, note=outcome.note)
    return note[:NOTE_MAX]


def to_pairing(session: Session, actor: User, event: MatchmakingEvent, outcome_id: int) -> Converted:
    """One click: the outcome becomes a pairing at 有意向 whose history names the event (idempotent)."""
    require_broker(actor)
    outcome = _outcome(event, outcome_id)
    # Two clicks at once: the first to write the outcome's row holds it until it commits; the
    # second waits here, then reads the pairing the first made (SQLite and PostgreSQL alike).
    session.execute(update(EventOutcome).where(EventOutcome.id == outcome.id)
                    .values(pairing_id=EventOutcome.pairing_id).execution_options(synchronize_session=False))
    session.refresh(outcome, ["pairing_id"])
    if outcome.pairing_id is not None:
        pairing = session.get(Pairing, outcome.pairing_id)
        return Converted(pairing, False, _("已转为对接 #%(id)d，无需重复操作。", id=pairing.id))
    need, achievement = outcome.need, outcome.achievement
    if need.status == NeedStatus.WITHDRAWN or achievement.status != AchievementStatus.PUBLISHED:
        raise DomainError(_("需求已撤回或成果未发布，不能建立对接。"))
    pairing, created = create_pairing(session, need, achievement, actor, history_note(event, outcome),
                                      stage=Stage.INTERESTED, event_id=event.id)
    outcome.pairing_id = pairing.id
    session.flush()
    audit.record(session, actor, "event.pairing", event, outcome_id=outcome.id, pairing_id=pairing.id,
                 created=created)
    if created:
        return Converted(pairing, True, _("已建立对接 #%(id)d（有意向）。", id=pairing.id))
    return Converted(pairing, False, _("这对需求与成果已有对接 #%(id)d（%(stage)s），已与本成果关联。",
                                       id=pairing.id, stage=_(pairing.stage.label)))
