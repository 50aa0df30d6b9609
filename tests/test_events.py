"""Matchmaking events (对接会 / 路演): a broker creates one (not in the past), the engine proposes
invitees from the stored suggestion lists within the industry focus, the broker accepts them,
records attendance and outcomes, and one click turns an outcome into a pairing at 有意向 whose
history names the event. Invited organisations see a read-only page; others get 404."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from sqlalchemy import select

from matchmaker.events import services
from matchmaker.listings.rules import bureau_today
from models import (
    AuditEvent,
    Achievement,
    EventAchievement,
    EventKind,
    EventNeed,
    EventOutcome,
    MatchDirection,
    MatchmakingEvent,
    MatchSuggestion,
    OrgKind,
    Pairing,
    Response,
    Role,
    Stage,
    StageEvent,
)

from .conftest import csrf_token, industry, post_form, region, settle
from .test_matching import library  # noqa: F401  (fixture)

HX = {"HX-Request": "true"}
TITLE = "万达开技术成果对接会（新材料专场）"


def hx_post(client, path, data=None):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, "/")}, headers=HX)


def event_form(session, **overrides):
    data = {
        "title": TITLE,
        "kind": "matchmaking",
        "held_on": bureau_today().isoformat(),
        "venue": "万州经开区科技创新中心",
        "industry_id": str(industry(session, "new_materials").id),
        "region_id": str(region(session, "wanzhou").id),
        "description": "集中发布新材料领域重点技术需求，推介科技成果，组织一对一洽谈。",
    }
    data.update(overrides)
    return {k: v for k, v in data.items() if v is not None}


@pytest.fixture
def make_event(session):
    """An event straight in the database (a past one cannot be created through the page)."""
    def make(held_on: date | None = None, industry_code: str | None = "new_materials", title: str = TITLE,
             needs=(), achievements=()) -> MatchmakingEvent:
        event = MatchmakingEvent(title=title, kind=EventKind.MATCHMAKING, held_on=held_on or bureau_today(),
                                 venue="万州经开区科技创新中心",
                                 industry=industry(session, industry_code) if industry_code else None,
                                 invited_needs=[EventNeed(need=n) for n in needs],
                                 invited_achievements=[EventAchievement(achievement=a) for a in achievements])
        session.add(event)
        session.commit()
        return event

    return make


def proposed_ids(html: str, side: str) -> list[int]:
    if f'id="proposed-{side}s"' not in html:
        return []
    block = html[html.index(f'id="proposed-{side}s"'):]
    block = block[: block.index("</ul>")]
    return [int(x) for x in re.findall(rf'name="{side}_ids" value="(\d+)"', block)]


def invitee_ids(html: str, side: str) -> list[int]:
    return [int(x) for x in re.findall(rf'id="invitee-{side}-(\d+)"', html)]


# --- creating ------------------------------------------------------------------------------
def test_a_broker_creates_an_event_and_finds_it_among_the_upcoming(login_as, session):
    client, broker = login_as(Role.BROKER)
    held_on = bureau_today() + timedelta(days=14)
    response = post_form(client, "/events/new", event_form(session, held_on=held_on.isoformat()))
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    event = session.scalar(select(MatchmakingEvent))
    assert response.headers["Location"].endswith(f"/events/{event.id}")
    assert (event.title, event.kind.value, event.held_on, event.online) == (TITLE, "matchmaking", held_on, False)
    assert event.industry.code == "new_materials" and event.region.code == "wanzhou"
    assert event.created_by_id == broker.id and event.organizer_id == broker.organization_id
    assert session.scalar(select(AuditEvent.action).where(AuditEvent.object_type == "matchmaking_events")) == "event.create"
    listing = client.get("/events/").get_data(as_text=True)
    upcoming = listing[listing.index('id="upcoming"'): listing.index('id="past"')]
    assert TITLE in upcoming and 'id="today"' not in listing


def test_an_online_event_needs_no_venue(login_as, session):
    client, _ = login_as(Role.BROKER)
    response = post_form(client, "/events/new", event_form(session, venue="", online="y", kind="roadshow"))
    assert response.status_code == 302
    event = session.scalar(select(MatchmakingEvent))
    assert event.online and event.venue is None and event.kind.value == "roadshow"


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("held_on", (bureau_today() - timedelta(days=1)).isoformat(), "活动日期不能早于今天"),
        ("held_on", "", "请填写活动日期"),
        ("held_on", "2026-02-30", "不是有效的日期值"),
        ("title", "  ", "标题不能为空"),
        ("title", "会" * 121, "标题不能超过 120 个字"),
        ("venue", "", "请填写活动地点，或选择线上举办"),
        ("kind", "party", "不是有效的选择"),
        ("industry_id", "999999", "不是有效的选择"),
    ],
)
def test_bad_input_is_refused_with_a_clear_message(login_as, session, field, value, message):
    client, _ = login_as(Role.BROKER)
    response = post_form(client, "/events/new", event_form(session, **{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html, re.findall(r'class="invalid-feedback[^"]*">([^<]+)<', html)
    assert session.scalar(select(MatchmakingEvent)) is None


def test_a_past_event_keeps_its_date_when_edited_but_cannot_be_moved_into_the_past(login_as, make_event, session):
    past = make_event(held_on=bureau_today() - timedelta(days=30))
    client, _ = login_as(Role.BROKER)
    kept = post_form(client, f"/events/{past.id}/edit",
                     event_form(session, held_on=past.held_on.isoformat(), description="会后补充：签约意向 3 项。"))
    assert kept.status_code == 302
    moved = post_form(client, f"/events/{past.id}/edit",
                      event_form(session, held_on=(past.held_on - timedelta(days=1)).isoformat()))
    assert moved.status_code == 400 and "活动日期不能早于今天" in moved.get_data(as_text=True)
    session.expire_all()
    assert session.get(MatchmakingEvent, past.id).description == "会后补充：签约意向 3 项。"


# --- the engine's proposals ------------------------------------------------------------------
def test_the_engine_proposes_the_achievements_that_fit_the_invited_needs_within_the_focus(
        app, login_as, library, make_org, make_need, make_event, session):  # noqa: F811
    copper_need = make_need(make_org(), title="铜杆表面氧化发黑，氧含量不稳定")
    event = make_event(needs=[copper_need])
    client, _ = login_as(Role.BROKER)

    # before the consumer has stored the need's list, the page says so and proposes nothing from it
    waiting = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert "推荐仍在计算中" in waiting and proposed_ids(waiting, "achievement") == []

    settle(app)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    proposed = proposed_ids(html, "achievement")
    assert proposed and proposed[0] == library["copper"].id  # the best fit first
    stored = set(session.scalars(select(MatchSuggestion.achievement_id).where(
        MatchSuggestion.need_id == copper_need.id, MatchSuggestion.direction == MatchDirection.NEED_TO_ACHIEVEMENT)))
    assert set(proposed) <= stored  # from the engine's list, nothing else
    focus = {industry(session, "new_materials").id} | {c.id for c in industry(session, "new_materials").children}
    assert all(session.get(Achievement, i).industry_id in focus for i in proposed)
    outside = [a.id for a in library["others"] if a.industry.top.code != "new_materials"]
    assert outside and not set(outside) & set(proposed)
    block = html[html.index('id="proposed-achievements"'):]
    assert f"「{copper_need.title}」" in block[: block.index("</ul>")]  # the reason names the need it fits


def test_the_focus_filters_out_a_fitting_achievement_of_another_industry(app, login_as, library, make_org,
                                                                        make_need, make_event):  # noqa: F811
    copper_need = make_need(make_org(), title="铜杆表面氧化发黑，氧含量不稳定")
    settle(app)
    client, _ = login_as(Role.BROKER)
    unfocused = make_event(industry_code=None, needs=[copper_need], title="综合对接会")
    assert library["copper"].id in proposed_ids(client.get(f"/events/{unfocused.id}").get_data(as_text=True), "achievement")
    elsewhere = make_event(industry_code="agriculture", needs=[copper_need], title="现代农业路演")
    assert library["copper"].id not in proposed_ids(client.get(f"/events/{elsewhere.id}").get_data(as_text=True),
                                                    "achievement")


def test_the_engine_proposes_the_needs_that_fit_the_invited_achievements(app, login_as, library, make_org,
                                                                        make_need, make_event, session):  # noqa: F811
    copper_need = make_need(make_org(), title="铜杆表面氧化发黑，氧含量不稳定")
    citrus_need = make_need(make_org(), title="柑橘皮渣综合利用", description="柑橘加工后皮渣量大，想提取果胶。",
                            industry=industry(session, "agriculture.citrus"), keywords=["柑橘", "果胶"])
    settle(app)
    event = make_event(achievements=[library["copper"]])
    client, _ = login_as(Role.BROKER)
    proposed = proposed_ids(client.get(f"/events/{event.id}").get_data(as_text=True), "need")
    assert proposed[:1] == [copper_need.id] and citrus_need.id not in proposed


def test_with_nothing_invited_the_bureaus_key_needs_and_selected_achievements_in_the_focus_are_proposed(
        login_as, library, make_org, make_need, make_event, session):  # noqa: F811
    key = make_need(make_org(), title="低氧铜杆氧含量在线控制（重点）", is_key=True)
    make_need(make_org(), title="铜杆表面发黑（一般需求）")
    key_elsewhere = make_need(make_org(), title="柑橘皮渣利用（重点）", is_key=True,
                              industry=industry(session, "agriculture.citrus"))
    library["copper"].is_selected = True
    session.commit()
    event = make_event()
    client, _ = login_as(Role.BROKER)
    html = client.get(f"/events/{event.id}").get_data(as_text=True)
    assert proposed_ids(html, "need") == [key.id] and key_elsewhere.id not in proposed_ids(html, "need")
    assert proposed_ids(html, "achievement") == [library["copper"].id]


def test_accepting_some_or_all_proposals_invites_them_without_a_reload(app, login_as, library, make_org, make_need,
                                                                      make_event, session):  # noqa: F811
    copper_need = make_need(make_org(), title="铜杆表面氧化发黑，氧含量不稳定")
    settle(app)
    event = make_event(needs=[copper_need])
    client, broker = login_as(Role.BROKER)
    proposed = proposed_ids(client.get(f"/events/{event.id}").get_data(as_text=True), "achievement")
    assert len(proposed) >= 2

    some = hx_post(client, f"/events/{event.id}/invite", {"achievement_ids": proposed[:1]})
    assert some.status_code == 200
    fragment = some.get_data(as_text=True)
    assert fragment.lstrip().startswith('<div id="event-work">') and "已邀请 1 项" in fragment
    assert invitee_ids(fragment, "achievement") == proposed[:1]
    assert proposed[0] not in proposed_ids(fragment, "achievement")  # an invitee is no longer proposed

    rest = hx_post(client, f"/events/{event.id}/invite", {"achievement_ids": proposed})  # "all", one already in
    assert "已邀请 %d 项" % (len(proposed) - 1) in rest.get_data(as_text=True)
    session.expire_all()
    assert {link.achievement_id for link in session.get(MatchmakingEvent, event.id).invited_achievements} == set(proposed)
    again = hx_post(client, f"/events/{event.id}/invite", {"achievement_ids": proposed[:1]})
    assert again.status_code == 200 and "所选各项都已受邀" in again.get_data(as_text=True)
    nothing = hx_post(client, f"/events/{event.id}/invite")
    assert nothing.status_code == 400 and "请选择要邀请的需求或成果" in nothing.get_data(as_text=True)
    actions = session.scalars(select(AuditEvent.action).where(AuditEvent.actor_id == broker.id)).all()
    assert actions.count("event.invite") == 2


def test_inviting_by_hand_and_removing(app, login_as, library, make_org, make_need, make_event, session):  # noqa: F811
    event = make_event(needs=[make_need(make_org())])
    settle(app)
    client, _ = login_as(Role.BROKER)
    sturgeon = next(a for a in library["others"] if "长江鲟" in a.title)
    hits = client.get(f"/events/{event.id}/candidates?side=achievement&q=长江鲟繁育", headers=HX).get_data(as_text=True)
    assert sturgeon.title in hits
    assert hx_post(client, f"/events/{event.id}/invite", {"achievement_ids": sturgeon.id}).status_code == 200
    hits = client.get(f"/events/{event.id}/candidates?side=achievement&q=长江鲟繁育", headers=HX).get_data(as_text=True)
    assert sturgeon.title not in hits  # already invited
    removed = hx_post(client, f"/events/{event.id}/achievement/{sturgeon.id}/remove")
    assert removed.status_code == 200 and sturgeon.id not in invitee_ids(removed.get_data(as_text=True), "achievement")
    assert hx_post(client, f"/events/{event.id}/achievement/{sturgeon.id}/remove").status_code == 404


# --- attendance and outcomes ---------------------------------------------------------------
def test_attendance_is_recorded_per_invitee_once_the_event_is_held(login_as, library, make_org, make_need,
                                                                   make_event, session):  # noqa: F811
    need = make_need(make_org())
    copper = library["copper"]
    upcoming = make_event(held_on=bureau_today() + timedelta(days=7), needs=[need], achievements=[copper])
    client, _ = login_as(Role.BROKER)
    early = hx_post(client, f"/events/{upcoming.id}/need/{need.id}/attendance", {"attended": "yes"})
    assert early.status_code == 400 and "活动尚未举行" in early.get_data(as_text=True)

    event = make_event(needs=[need], achievements=[copper], title="今天的对接会")
    yes = hx_post(client, f"/events/{event.id}/need/{need.id}/attendance", {"attended": "yes"})
    assert yes.status_code == 200
    row = yes.get_data(as_text=True)
    assert row.lstrip().startswith(f'<li class="list-group-item invitee" id="invitee-need-{need.id}" data-attended="yes"')
    assert 'id="outcome-form" hx-swap-oob="true"' in row  # the outcome form follows attendance
    no = hx_post(client, f"/events/{event.id}/achievement/{copper.id}/attendance", {"attended": "no"})
    assert 'data-attended="no"' in no.get_data(as_text=True)
    form = no.get_data(as_text=True).split('id="outcome-form"')[1]
    need_select, ach_select = form.split('name="need_id"')[1].split('name="achievement_id"')
    assert f'<option value="{need.id}"' in need_select and f'<option value="{copper.id}"' not in ach_select
    session.expire_all()
    links = session.get(MatchmakingEvent, event.id)
    assert links.invited_needs[0].attended is True and links.invited_achievements[0].attended is False
    # an absent party cannot have an outcome
    refused = hx_post(client, f"/events/{event.id}/outcomes", {"need_id": need.id, "achievement_id": copper.id})
    assert refused.status_code == 400 and "记为缺席" in refused.get_data(as_text=True)
    cleared = hx_post(client, f"/events/{event.id}/achievement/{copper.id}/attendance", {"attended": ""})
    assert 'data-attended=""' in cleared.get_data(as_text=True)


def test_an_outcome_becomes_a_pairing_at_interested_whose_history_names_the_event(
        login_as, library, make_org, make_need, make_event, session):  # noqa: F811
    need = make_need(make_org())
    copper = library["copper"]
    event = make_event(held_on=bureau_today() - timedelta(days=3), needs=[need], achievements=[copper])
    client, broker = login_as(Role.BROKER)
    added = hx_post(client, f"/events/{event.id}/outcomes",
                    {"need_id": need.id, "achievement_id": copper.id, "note": "双方约定下周到厂里看设备"})
    assert added.status_code == 200 and "已登记洽谈成果" in added.get_data(as_text=True)
    outcome = session.scalar(select(EventOutcome))
    assert (outcome.need_id, outcome.achievement_id, outcome.pairing_id) == (need.id, copper.id, None)
    twice = hx_post(client, f"/events/{event.id}/outcomes", {"need_id": need.id, "achievement_id": copper.id})
    assert twice.status_code == 409 and "已登记为本次活动的洽谈成果" in twice.get_data(as_text=True)

    click = hx_post(client, f"/events/{event.id}/outcomes/{outcome.id}/pairing")
    assert click.status_code == 200
    html = click.get_data(as_text=True)
    pairing = session.scalar(select(Pairing))
    assert f"已建立对接 #{pairing.id}（有意向）" in html and f"/pairings/{pairing.id}" in html
    assert pairing.stage == Stage.INTERESTED and pairing.event_id == event.id
    assert (pairing.need_id, pairing.achievement_id, pairing.broker_id) == (need.id, copper.id, broker.id)
    assert pairing.enterprise_response == pairing.university_response == Response.INTERESTED
    (first,) = session.scalars(select(StageEvent).where(StageEvent.pairing_id == pairing.id)).all()
    assert first.from_stage is None and first.to_stage == Stage.INTERESTED and first.actor_id == broker.id
    assert f"来自对接会「{TITLE}」" in first.note and "双方约定下周到厂里看设备" in first.note
    session.expire_all()
    assert session.get(EventOutcome, outcome.id).pairing_id == pairing.id
    # the pairing's own page tells where it came from
    assert f"来自对接会「{TITLE}」" in client.get(f"/pairings/{pairing.id}").get_data(as_text=True)

    # a second click (a double click, a retry) changes nothing
    again = hx_post(client, f"/events/{event.id}/outcomes/{outcome.id}/pairing")
    assert again.status_code == 200 and "无需重复操作" in again.get_data(as_text=True)
    assert len(session.scalars(select(Pairing)).all()) == 1
    assert len(session.scalars(select(StageEvent)).all()) == 1
    # an outcome that became a pairing stays, and so do its parties
    assert hx_post(client, f"/events/{event.id}/outcomes/{outcome.id}/delete").status_code == 400
    assert "已有洽谈成果，不能移除" in hx_post(client, f"/events/{event.id}/need/{need.id}/remove").get_data(as_text=True)


def test_many_clicks_at_once_make_one_pairing(app, login_as, library, make_org, make_need, make_event, session):  # noqa: F811
    """Twelve brokers click 转为对接 on one outcome at the same moment: one Pairing, one StageEvent, no error."""
    import threading

    need, copper = make_need(make_org()), library["copper"]
    event = make_event(needs=[need], achievements=[copper])
    outcome = EventOutcome(event_id=event.id, need_id=need.id, achievement_id=copper.id)
    session.add(outcome)
    session.commit()
    clients = []
    for _n in range(12):
        client, _ = login_as(Role.BROKER)
        clients.append((client, csrf_token(client, "/")))
    start = threading.Barrier(len(clients))
    statuses: list[int] = []
    lock = threading.Lock()

    def click(client, token):
        start.wait()
        response = client.post(f"/events/{event.id}/outcomes/{outcome.id}/pairing", data={"csrf_token": token},
                               headers=HX)
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=click, args=pair) for pair in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert statuses == [200] * 12, sorted(statuses)
    session.expire_all()
    (pairing,) = session.scalars(select(Pairing)).all()
    assert len(session.scalars(select(StageEvent)).all()) == 1
    assert session.get(EventOutcome, outcome.id).pairing_id == pairing.id


def test_an_outcome_for_a_pair_already_in_a_pairing_is_linked_to_it(login_as, library, make_org, make_need,
                                                                   make_event, session):  # noqa: F811
    need = make_need(make_org())
    copper = library["copper"]
    existing = Pairing(need_id=need.id, achievement_id=copper.id, stage=Stage.PUSHED)
    session.add(existing)
    session.commit()
    event = make_event(needs=[need], achievements=[copper])
    client, _ = login_as(Role.BROKER)
    hx_post(client, f"/events/{event.id}/outcomes", {"need_id": need.id, "achievement_id": copper.id})
    outcome = session.scalar(select(EventOutcome))
    html = hx_post(client, f"/events/{event.id}/outcomes/{outcome.id}/pairing").get_data(as_text=True)
    assert f"已有对接 #{existing.id}" in html
    session.expire_all()
    assert session.get(EventOutcome, outcome.id).pairing_id == existing.id
    assert len(session.scalars(select(Pairing)).all()) == 1


@pytest.mark.parametrize("case, message", [
    ("upcoming", "活动尚未举行"),
    ("not_invited", "请从本次活动的受邀需求和成果中选择"),
    ("no_need", "请选择需求"),
    ("same_org", "不能把一个机构的需求与它自己的成果配对"),
])
def test_outcomes_that_cannot_be(login_as, library, make_org, make_need, make_event, session, case, message):  # noqa: F811
    need = make_need(make_org())
    own = make_need(library["uni"], title="学校自己的需求")
    copper, other = library["copper"], library["others"][0]
    held_on = bureau_today() + timedelta(days=3) if case == "upcoming" else bureau_today()
    event = make_event(held_on=held_on, needs=[need, own], achievements=[copper])
    pair = {"upcoming": (need.id, copper.id), "not_invited": (need.id, other.id), "no_need": ("", copper.id),
            "same_org": (own.id, copper.id)}[case]
    client, _ = login_as(Role.BROKER)
    response = hx_post(client, f"/events/{event.id}/outcomes", {"need_id": pair[0], "achievement_id": pair[1]})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert session.scalar(select(EventOutcome)) is None


# --- who sees what -------------------------------------------------------------------------
@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.UNIVERSITY])
@pytest.mark.parametrize("method, path", [
    ("get", "/events/new"),
    ("post", "/events/new"),
    ("get", "/events/{id}/edit"),
    ("post", "/events/{id}/invite"),
    ("post", "/events/{id}/need/{need}/attendance"),
    ("post", "/events/{id}/outcomes"),
    ("post", "/events/{id}/outcomes/{outcome}/pairing"),
    ("get", "/events/{id}/candidates?side=need&q=铜杆"),
])
def test_only_brokers_manage_events(login_as, make_org, make_need, make_achievement, make_user, make_event, session,
                                    role, method, path):
    need = make_need(make_org())
    ach = make_achievement(make_org(OrgKind.UNIVERSITY))
    event = make_event(needs=[need], achievements=[ach])
    outcome = EventOutcome(event_id=event.id, need_id=need.id, achievement_id=ach.id)
    session.add(outcome)
    session.commit()
    # even an invited organisation only reads
    org = need.organization if role == Role.ENTERPRISE else ach.organization
    client, _ = login_as(role, user=make_user(role, org=org))
    url = path.format(id=event.id, need=need.id, outcome=outcome.id)
    response = client.get(url) if method == "get" else post_form(client, url, {"need_ids": need.id})
    assert response.status_code == 403
    assert session.scalar(select(Pairing)) is None


def test_a_post_without_the_csrf_token_is_refused(login_as, make_org, make_need, make_event, session):
    need = make_need(make_org())
    event = make_event()
    client, _ = login_as(Role.BROKER)
    assert client.post(f"/events/{event.id}/invite", data={"need_ids": need.id}).status_code == 400
    session.expire_all()
    assert session.get(MatchmakingEvent, event.id).invited_needs == []


def test_invited_organisations_see_a_read_only_page_and_others_get_404(login_as, make_org, make_need, make_achievement,
                                                                      make_user, make_event, session):
    secret = make_org(name="重庆万州保密铜业有限公司")
    need = make_need(secret, title="铜杆氧含量控制（保密企业）", is_confidential=True)
    open_need = make_need(make_org(name="重庆万州公开材料有限公司"), title="铜杆拉丝断线")
    uni = make_org(OrgKind.UNIVERSITY, name="重庆三峡学院")
    ach = make_achievement(uni)
    event = make_event(needs=[need, open_need], achievements=[ach])
    make_event(title="另一场没有邀请三峡学院的路演", needs=[open_need])

    university, _ = login_as(Role.UNIVERSITY, user=make_user(Role.UNIVERSITY, org=uni))
    page = university.get(f"/events/{event.id}")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert TITLE in html and need.title in html and ach.title in html
    assert "重庆万州保密铜业有限公司" not in html and "某企业(新材料)" in html  # the confidential name stays hidden
    assert "重庆万州公开材料有限公司" in html
    assert "邀请勾选的推荐" not in html and 'method="post"' not in html.split("<main")[1]  # read only
    listing = university.get("/events/").get_data(as_text=True)
    assert TITLE in listing and "另一场没有邀请三峡学院的路演" not in listing

    owner, _ = login_as(Role.ENTERPRISE, user=make_user(Role.ENTERPRISE, org=secret))
    assert "重庆万州保密铜业有限公司" in owner.get(f"/events/{event.id}").get_data(as_text=True)

    stranger, _ = login_as(Role.ENTERPRISE)
    assert stranger.get(f"/events/{event.id}").status_code == 404
    assert TITLE not in stranger.get("/events/").get_data(as_text=True)
    broker, _ = login_as(Role.BROKER)
    assert "重庆万州保密铜业有限公司" in broker.get(f"/events/{event.id}").get_data(as_text=True)
    assert broker.get("/events/999999").status_code == 404


def test_the_sql_twin_agrees_with_the_predicate(make_org, make_need, make_achievement, make_user, make_event, session):
    need = make_need(make_org())
    ach = make_achievement(make_org(OrgKind.UNIVERSITY))
    events = [make_event(needs=[need]), make_event(achievements=[ach]), make_event()]
    users = [make_user(Role.ENTERPRISE, org=need.organization), make_user(Role.UNIVERSITY, org=ach.organization),
             make_user(Role.ENTERPRISE), make_user(Role.BROKER), make_user(Role.ADMIN)]
    for user in users:
        visible = set(session.scalars(select(MatchmakingEvent.id).where(services.events_visible_to(user))))
        assert visible == {e.id for e in events if services.can_view_event(e, user)}, user.role


# --- the broker's home -----------------------------------------------------------------------
def test_the_brokers_home_counts_the_events_held_this_year_against_the_target(login_as, make_event):
    today = bureau_today()
    make_event(held_on=today, title="本日对接会")
    make_event(held_on=date(today.year, 1, 1), title="元旦对接会")
    make_event(held_on=date(today.year - 1, 12, 31), title="去年对接会")
    make_event(held_on=today + timedelta(days=1), title="明日对接会")
    client, _ = login_as(Role.BROKER)
    html = client.get("/").get_data(as_text=True)
    assert re.search(r'id="home-events-held">\s*2 / 10\s*<', html), html[html.find("home-events-held") - 200:][:400]
    assert "已举办对接活动" in html
    listing = client.get("/events/").get_data(as_text=True)
    assert "已举办 2 场，全年目标 10 场" in listing
    held_today = listing[listing.index('id="today"'): listing.index('id="upcoming"')]
    upcoming = listing[listing.index('id="upcoming"'): listing.index('id="past"')]
    past = listing[listing.index('id="past"'):]
    assert "本日对接会" in held_today and "明日对接会" in upcoming and "去年对接会" in past
    if today == date(today.year, 1, 1):
        assert "元旦对接会" in held_today
    else:
        assert past.index("元旦对接会") < past.index("去年对接会")  # the latest first
