"""The brokers' review queue: key needs first, accept / reject / reorder / pair by hand with HTMX,
the sides' requests (申请对接), and decisions that hold in both lists."""
from __future__ import annotations

from datetime import date, timedelta

from sqlalchemy import select

from models import (
    Achievement,
    AuditEvent,
    MatchDirection,
    MatchSuggestion,
    OrgKind,
    Pairing,
    PairReview,
    RejectReason,
    ReviewStatus,
    Role,
    Stage,
    TechNeed,
)

from .conftest import csrf_token, industry, run_tasks, settle
from .test_matching import COPPER, library  # noqa: F401  (fixture)

HX = {"HX-Request": "true"}


def hx_post(client, path, data=None):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, "/")}, headers=HX)


def queue_html(client) -> str:
    return client.get("/review/").get_data(as_text=True)


def test_the_queue_puts_key_needs_first_then_the_nearest_deadline(app, login_as, library, make_org, make_need, session):  # noqa: F811
    later = make_need(make_org(), title="铜杆氧含量控制（年底前）", deadline=date.today() + timedelta(days=200))
    sooner = make_need(make_org(), title="铜杆表面发黑（下月前）", deadline=date.today() + timedelta(days=20))
    key = make_need(make_org(), title="上引连铸铜杆氧化攻关（重点）", deadline=date.today() + timedelta(days=300), is_key=True)
    settle(app)
    client, _ = login_as(Role.BROKER)
    html = queue_html(client)
    assert html.index(key.title) < html.index(sooner.title) < html.index(later.title)
    assert 'id="queue-remaining"' in html and "重点需求" in html
    # not for the two sides
    enterprise, _ = login_as(Role.ENTERPRISE)
    assert enterprise.get("/review/").status_code == 403


def test_accepting_creates_a_pairing_at_recommended_and_the_card_and_counter_update(app, login_as, library, make_org,
                                                                                     make_need, session):  # noqa: F811
    need = make_need(make_org(), title="铜杆表面氧化发黑")
    settle(app)
    client, broker = login_as(Role.BROKER)
    before = int(queue_html(client).split('id="queue-remaining">')[1].split("<")[0])
    copper = library["copper"].id
    response = hx_post(client, f"/review/{need.id}/{copper}/accept")
    assert response.status_code == 200
    fragment = response.get_data(as_text=True)
    assert f'id="need-{need.id}"' in fragment and "已采纳" in fragment
    assert f'id="queue-remaining" hx-swap-oob="true">{before - 1}<' in fragment
    assert f'id="item-{need.id}-{copper}"' not in fragment  # gone from the card
    pairing = session.scalar(select(Pairing).where(Pairing.need_id == need.id))
    assert pairing.stage == Stage.RECOMMENDED and pairing.achievement_id == copper and pairing.broker_id == broker.id
    assert len(pairing.events) == 1 and pairing.events[0].seq == 1
    again = hx_post(client, f"/review/{need.id}/{copper}/accept")  # a double click
    assert again.status_code == 200
    assert len(session.scalars(select(Pairing)).all()) == 1


def test_rejecting_needs_a_reason_holds_in_both_lists_and_other_needs_a_note(app, login_as, library, make_org,
                                                                             make_need, session):  # noqa: F811
    need = make_need(make_org(), title="铜杆表面氧化发黑")
    settle(app)
    client, _ = login_as(Role.BROKER)
    copper = library["copper"].id
    no_reason = hx_post(client, f"/review/{need.id}/{copper}/reject")
    assert no_reason.status_code == 400 and "驳回时请选择原因" in no_reason.get_data(as_text=True)
    no_note = hx_post(client, f"/review/{need.id}/{copper}/reject", {"reason": "other"})
    assert no_note.status_code == 400 and "请写明原因" in no_note.get_data(as_text=True)
    done = hx_post(client, f"/review/{need.id}/{copper}/reject", {"reason": "has_solution", "note": "企业已自研"})
    assert done.status_code == 200 and f'id="item-{need.id}-{copper}"' not in done.get_data(as_text=True)
    review = session.scalar(select(PairReview))
    assert review.status == ReviewStatus.REJECTED and review.reject_reason == RejectReason.HAS_SOLUTION
    run_tasks(app)  # the lists are recomputed without the pair, on both sides
    session.expire_all()
    listed = session.scalars(select(MatchSuggestion).where(MatchSuggestion.need_id == need.id,
                                                           MatchSuggestion.achievement_id == copper)).all()
    assert listed == []


def test_a_broker_reorders_a_needs_items_and_the_order_is_kept(app, login_as, library, make_org, make_need, session):  # noqa: F811
    need = make_need(make_org(), title="铜杆表面氧化发黑")
    settle(app)
    client, _ = login_as(Role.BROKER)

    def order() -> list[int]:
        html = queue_html(client)
        card = html[html.index(f'id="need-{need.id}"'):]
        card = card[: card.index("</section>")]
        return [int(x) for x in __import__("re").findall(rf'id="item-{need.id}-(\d+)"', card)]

    first, second = order()[:2]
    response = hx_post(client, f"/review/{need.id}/{second}/move", {"step": "up"})
    assert response.status_code == 200
    assert order()[:2] == [second, first]
    run_tasks(app)
    assert order()[:2] == [second, first]  # a regenerated list does not undo the broker's order


def test_pairing_an_achievement_the_engine_did_not_suggest(app, login_as, library, make_org, make_need, session):  # noqa: F811
    need = make_need(make_org(), title="铜杆表面氧化发黑")
    settle(app)
    client, _ = login_as(Role.BROKER)
    sturgeon = next(a for a in library["others"] if "长江鲟" in a.title)
    hits = client.get(f"/review/{need.id}/candidates?q=长江鲟繁育", headers=HX).get_data(as_text=True)
    assert "长江鲟全人工繁育技术" in hits
    assert hx_post(client, f"/review/{need.id}/{sturgeon.id}/accept").status_code == 200
    assert session.scalar(select(Pairing).where(Pairing.achievement_id == sturgeon.id)).stage == Stage.RECOMMENDED


def test_an_enterprise_asks_for_a_suggested_achievement_and_the_broker_sees_it_marked(app, login_as, library, session):  # noqa: F811
    from .test_matching import post_need

    client, user = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆表面氧化发黑")
    run_tasks(app)
    copper = library["copper"].id
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "申请对接" in page
    response = client.post("/review/request", data={"need_id": need.id, "achievement_id": copper,
                                                     "next": f"/needs/{need.id}", "csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302 and response.headers["Location"].endswith(f"/needs/{need.id}")
    assert "已提交对接申请" in client.get(f"/needs/{need.id}").get_data(as_text=True)
    review = session.scalar(select(PairReview))
    assert review.requested_by_id == user.id and review.status == ReviewStatus.PENDING
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "pair.requested")) is not None
    broker, _ = login_as(Role.BROKER)
    html = queue_html(broker)
    item = html[html.index(f'id="item-{need.id}-{copper}"'):]
    assert "企业申请对接" in item[: item.index("</li>")]
    # someone else's need, or a pair not suggested to it: nothing to ask for
    other, _ = login_as(Role.ENTERPRISE)
    refused = other.post("/review/request", data={"need_id": need.id, "achievement_id": copper,
                                                  "csrf_token": csrf_token(other, "/")})
    assert refused.status_code == 404


def test_a_team_asks_from_its_achievements_list(app, login_as, library, make_org, make_need, session):  # noqa: F811
    from .test_matching import _user_of

    need = make_need(make_org(), title="铜杆表面氧化发黑")
    settle(app)
    copper = library["copper"]
    client, team_user = login_as(Role.UNIVERSITY, user=_user_of(session, library["uni"], Role.UNIVERSITY))
    listed = session.scalar(select(MatchSuggestion).where(MatchSuggestion.achievement_id == copper.id,
                                                          MatchSuggestion.direction == MatchDirection.ACHIEVEMENT_TO_NEED))
    assert listed is not None and listed.need_id == need.id
    response = client.post("/review/request", data={"need_id": need.id, "achievement_id": copper.id,
                                                     "csrf_token": csrf_token(client, "/")})
    assert response.status_code == 302
    broker, _ = login_as(Role.BROKER)
    assert "成果方申请对接" in queue_html(broker)


def test_reviews_export_writes_the_decisions_as_a_benchmark(app, runner, login_as, library, make_org, make_need,
                                                             session, tmp_path):  # noqa: F811
    from matchmaker.matching.evaluation import load_benchmark

    need = make_need(make_org(), title="铜杆表面氧化发黑")
    settle(app)
    assert runner.invoke(args=["reviews", "export", str(tmp_path / "empty")]).exit_code != 0  # nothing decided yet
    client, _ = login_as(Role.BROKER)
    copper, foil = library["copper"].id, library["others"][0].id
    hx_post(client, f"/review/{need.id}/{copper}/accept")
    hx_post(client, f"/review/{need.id}/{foil}/reject", {"reason": "off_topic"})
    result = runner.invoke(args=["reviews", "export", str(tmp_path / "bureau")])
    assert result.exit_code == 0, result.output
    bench = load_benchmark(tmp_path / "bureau")  # the format scripts/evaluate.py reads
    assert bench.qrels == {f"N{need.id}": {f"A{copper}": 2, f"A{foil}": 0}}
    assert len(bench.achievements) == 5 and [n["id"] for n in bench.needs] == [f"N{need.id}"]
