"""定期推送: the periodic digest, delivered through a real SMTP server (aiosmtpd on loopback).

The world: an enterprise with a new suggested achievement and an open call in its industry; a
confidential enterprise whose need fits a university's achievement and whose call is open; the
university; a university with nothing new; an enterprise that switched digests off.
"""
from __future__ import annotations

import json
from datetime import date, datetime, timedelta, timezone

import pytest
from sqlalchemy import func, select

from matchmaker.digests import services
from matchmaker.extensions import db
from matchmaker.notifications import messages
from matchmaker.tasks import task_queue
from models import (
    AuditEvent,
    Challenge,
    ChallengeStatus,
    DigestFrequency,
    MatchDirection,
    MatchSuggestion,
    Notification,
    Organization,
    OrgKind,
    PairReview,
    Proposal,
    RejectReason,
    ReviewStatus,
    Role,
    User,
    utcnow,
)

from .conftest import industry, login, post_form, run_tasks, settle
from .processes import Mailbox, free_port, smtp_server
from .test_matching import COPPER, counting_writes, library  # noqa: F401  (library is a fixture)

SITE = "https://kjcg.example.cn"
SECRET_NAME = "重庆保密铜材科技有限公司"
SECRET_WORD = "保密铜材"  # any part of the name would give the enterprise away

NEED_A = "低氧铜杆表面氧化发黑问题"
NEED_SECRET = "高导电铜合金线材抗软化技术需求"
NEED_OFF = "铜排表面镀锡工艺改进"
ACH = "上引连铸低氧铜杆氧含量在线控制技术"
ACH_WEAK = "铜合金废料火法精炼回收技术"
ACH_OTHER = "库区滑坡北斗位移监测预警系统"
CALL = "高导电铜合金线材揭榜挂帅"
CALL_CLOSED = "铜杆在线测氧仪研制（评审中）"
CALL_EXPIRED = "铜杆拉丝断线攻关（已截止）"


@pytest.fixture
def mailbox(app, monkeypatch):
    """Mail switched on and a real SMTP server on a free loopback port, collecting every message."""
    port = free_port()
    for key, value in {"MAIL_ENABLED": True, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_TIMEOUT": 5.0,
                       "SITE_URL": SITE}.items():
        monkeypatch.setitem(app.config, key, value)
    box = Mailbox()
    controller = smtp_server(port, box)
    yield box
    controller.stop()


def mails(box: Mailbox) -> dict[str, list[tuple[str, str]]]:
    """(subject, body) of every mail, by recipient."""
    out: dict[str, list[tuple[str, str]]] = {}
    for (_from, recipients, _raw), message in zip(box.received, box.messages()):
        for rcpt in recipients:
            out.setdefault(rcpt, []).append((str(message["Subject"]), message.get_content()))
    return out


def suggest(session, need, achievement, direction: MatchDirection, *, weak: bool = False, confidence: float = 60,
            created_at: datetime | None = None) -> MatchSuggestion:
    """A stored list entry, as the consumer writes it."""
    row = MatchSuggestion(need_id=need.id, achievement_id=achievement.id, direction=direction, score_fused=0.5,
                          rank=1 + session.scalar(select(func.count()).select_from(MatchSuggestion)),
                          explanation={"confidence": confidence, "level": "high", "weak": weak}, weak=weak,
                          engine_version="test", created_at=created_at or utcnow())
    session.add(row)
    session.commit()
    return row


def make_call(session, need, title: str, *, status=ChallengeStatus.PUBLISHED, closes_in: int = 30) -> Challenge:
    today = date.today()
    call = Challenge(need_id=need.id, title=title, requirements="高校院所团队", indicators="电导率≥98%IACS",
                     status=status, opens_on=today - timedelta(days=40), closes_on=today + timedelta(days=closes_in))
    session.add(call)
    session.commit()
    return call


N2A, A2N = MatchDirection.NEED_TO_ACHIEVEMENT, MatchDirection.ACHIEVEMENT_TO_NEED


@pytest.fixture
def world(session, make_org, make_user, make_need, make_achievement):
    ent = make_org(OrgKind.ENTERPRISE, name="重庆万州鑫峡铜业有限公司", industry_code="new_materials")
    secret = make_org(OrgKind.ENTERPRISE, name=SECRET_NAME, industry_code="new_materials")
    uni = make_org(OrgKind.UNIVERSITY, name="重庆三峡学院", industry_code=None)
    quiet = make_org(OrgKind.UNIVERSITY, name="重庆安静大学", industry_code=None)
    off = make_org(OrgKind.ENTERPRISE, name="重庆不推送铜业有限公司", industry_code="new_materials")
    off.digest_frequency = DigestFrequency.OFF
    session.commit()

    users = {
        "ent": [make_user(Role.ENTERPRISE, org=ent), make_user(Role.ENTERPRISE, org=ent)],
        "secret": [make_user(Role.ENTERPRISE, org=secret)],
        "uni": [make_user(Role.UNIVERSITY, org=uni), make_user(Role.UNIVERSITY, org=uni)],
        "quiet": [make_user(Role.UNIVERSITY, org=quiet)],
        "off": [make_user(Role.ENTERPRISE, org=off)],
    }
    gone = make_user(Role.ENTERPRISE, org=ent)  # a deactivated account hears nothing
    gone.active = False
    no_mail = make_user(Role.UNIVERSITY, org=uni)  # e-mail off: the inbox only
    no_mail.email_notifications = False
    session.commit()

    need_a = make_need(ent, title=NEED_A)
    need_secret = make_need(secret, title=NEED_SECRET, is_confidential=True)
    need_off = make_need(off, title=NEED_OFF)
    ach = make_achievement(uni, title=ACH)
    ach_weak = make_achievement(uni, title=ACH_WEAK)
    make_achievement(quiet, title=ACH_OTHER, industry=industry(session, "environment.geohazard"))

    suggest(session, need_a, ach, N2A, confidence=70)
    suggest(session, need_a, ach_weak, N2A, weak=True, confidence=5)  # below the floor: not news
    suggest(session, need_secret, ach, N2A)
    suggest(session, need_off, ach, N2A)
    suggest(session, need_secret, ach, A2N, confidence=65)
    suggest(session, need_a, ach, A2N, confidence=55)

    call = make_call(session, need_secret, CALL)
    need_reviewing = make_need(secret, title="铜杆在线测氧需求", is_confidential=True)
    make_call(session, need_reviewing, CALL_CLOSED, status=ChallengeStatus.REVIEWING)
    need_expired = make_need(secret, title="铜杆拉丝断线需求", is_confidential=True)
    make_call(session, need_expired, CALL_EXPIRED, closes_in=-1)
    return dict(orgs=dict(ent=ent, secret=secret, uni=uni, quiet=quiet, off=off), users=users, gone=gone,
                no_mail=no_mail, need_a=need_a, need_secret=need_secret, ach=ach, ach_weak=ach_weak, call=call)


def digest_send(runner, *args: str) -> str:
    result = runner.invoke(args=["digest", "send", *args])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return result.output


def fresh(session) -> None:
    """A new snapshot: requests, commands and tasks wrote in their own sessions."""
    session.rollback()
    session.expire_all()  # rollback() expires nothing when no transaction was open


def fresh_org(session, org) -> Organization:
    fresh(session)
    return session.get(Organization, org.id)


def digests_of(session, user) -> list[Notification]:
    fresh(session)
    return list(session.scalars(select(Notification).where(Notification.user_id == user.id,
                                                           Notification.kind == "digest")))


def rendered(app, notification: Notification) -> str:
    with app.test_request_context():
        title, body, link = messages.render(notification)
    return f"{title}\n{body}\n{link}"


# --- delivery -------------------------------------------------------------------------------------


def test_digest_send_mails_each_user_of_each_organisation_with_something_new(app, runner, mailbox, world, session):
    output = digest_send(runner)
    assert "3 digest(s) sent" in output
    assert task_queue(app).waiting() == 5  # one mail per user who wants one, queued after the commit

    run_tasks(app)

    by_rcpt = mails(mailbox)
    users = world["users"]
    expected = {u.email for key in ("ent", "secret", "uni") for u in users[key]}
    assert set(by_rcpt) == expected  # nothing for the quiet university, the switched-off enterprise, the inactive user
    assert all(len(got) == 1 for got in by_rcpt.values()), "one digest per user"

    [(subject, body)] = by_rcpt[users["ent"][0].email]
    assert subject == "定期推送：1 项新成果适合您的需求；1 个榜单正在征集"
    assert f"成果「{ACH}」，适合需求「{NEED_A}」" in body and CALL in body
    assert ACH_WEAK not in body and CALL_CLOSED not in body and CALL_EXPIRED not in body
    assert f"{SITE}/needs/{world['need_a'].id}" in body  # the one need concerned

    [(subject, body)] = by_rcpt[users["uni"][0].email]
    assert subject == "定期推送：2 项新需求与您的成果相符；1 个榜单正在征集"
    assert f"需求「{NEED_SECRET}」，与成果「{ACH}」相符" in body and f"需求「{NEED_A}」" in body and CALL in body
    assert f"{SITE}/achievements/{world['ach'].id}" in body

    [(subject, body)] = by_rcpt[users["secret"][0].email]
    assert subject == "定期推送：1 项新成果适合您的需求"  # not its own call
    assert ACH in body and CALL not in body

    # one inbox row per active user of those organisations (mail or not), none elsewhere
    for key in ("ent", "secret", "uni"):
        for user in users[key]:
            assert len(digests_of(session, user)) == 1
    [inbox_only] = digests_of(session, world["no_mail"])
    assert inbox_only.mail_status == "skipped"
    for user in users["quiet"] + users["off"] + [world["gone"]]:
        assert digests_of(session, user) == []
    assert session.scalar(select(func.count()).select_from(Notification)) == 6

    for key in ("ent", "secret", "uni"):
        assert fresh_org(session, world["orgs"][key]).last_digest_at is not None
    for key in ("quiet", "off"):
        assert fresh_org(session, world["orgs"][key]).last_digest_at is None


def test_no_digest_names_the_confidential_enterprise_to_another_organisation(app, runner, mailbox, world, session,
                                                                           client):
    digest_send(runner)
    run_tasks(app)

    secret_users = {u.email for u in world["users"]["secret"]}
    others = [(rcpt, s, b) for rcpt, got in mails(mailbox).items() for s, b in got if rcpt not in secret_users]
    assert len(others) == 4
    assert any(NEED_SECRET in body for _r, _s, body in others), "the confidential need's title may be listed"
    for rcpt, subject, body in others:
        assert SECRET_WORD not in subject and SECRET_WORD not in body, rcpt
    for _f, recipients, raw in mailbox.received:  # nor in any header or encoded part
        if recipients[0] not in secret_users:
            assert SECRET_WORD.encode() not in raw

    session.rollback()
    rows = session.scalars(select(Notification).join(User, Notification.user_id == User.id)
                           .where(User.organization_id != world["orgs"]["secret"].id)).all()
    assert len(rows) == 5
    for row in rows:
        assert SECRET_WORD not in json.dumps(row.data, ensure_ascii=False)
        assert SECRET_WORD not in rendered(app, row)
    login(client, world["users"]["uni"][0])
    html = client.get("/notifications/").get_data(as_text=True)
    assert NEED_SECRET in html and SECRET_WORD not in html


def test_an_organisation_with_nothing_new_gets_nothing_and_keeps_its_last_digest_time(app, runner, mailbox, world,
                                                                                     session):
    quiet = world["orgs"]["quiet"]
    output = digest_send(runner, "--org", str(quiet.id))
    assert "nothing new" in output and "0 digest(s) sent" in output
    run_tasks(app)
    assert mailbox.received == []
    assert digests_of(session, world["users"]["quiet"][0]) == []
    assert fresh_org(session, quiet).last_digest_at is None
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "digest.sent")) == 0


def test_frequency_off_sends_nothing_even_when_forced(app, runner, mailbox, world, session):
    off = world["orgs"]["off"]
    output = digest_send(runner, "--org", str(off.id), "--force")
    assert "digests switched off" in output
    run_tasks(app)
    assert mailbox.received == [] and digests_of(session, world["users"]["off"][0]) == []
    assert fresh_org(session, off).last_digest_at is None


def test_running_twice_sends_nothing_the_second_time(app, runner, mailbox, world, session):
    digest_send(runner)
    run_tasks(app)
    first = len(mailbox.received)
    assert first == 5

    assert "0 digest(s) sent" in digest_send(runner)
    assert "0 digest(s) sent" in digest_send(runner, "--force")  # due or not: nothing is new
    run_tasks(app)
    assert len(mailbox.received) == first
    assert session.scalar(select(func.count()).select_from(Notification)) == 6


def test_weekly_not_again_within_seven_days_and_never_the_same_item_twice(app, runner, mailbox, world, session,
                                                                         make_achievement):
    ent, uni = world["orgs"]["ent"], world["orgs"]["uni"]
    digest_send(runner)
    run_tasks(app)
    mailbox.received.clear()

    newer = make_achievement(uni, title="铜杆表面光亮退火保护气氛技术")
    suggest(session, world["need_a"], newer, N2A, confidence=50)
    # the nightly refresh rewrites every stored list: the old pair looks new again by its timestamp
    session.query(MatchSuggestion).update({MatchSuggestion.created_at: utcnow()})
    session.commit()

    def sent_days_ago(days: int) -> None:
        org = fresh_org(session, ent)
        org.last_digest_at = utcnow() - timedelta(days=days)
        session.commit()

    sent_days_ago(6)
    assert "0 digest(s) sent" in digest_send(runner, "--org", str(ent.id))
    run_tasks(app)
    assert mailbox.received == []

    sent_days_ago(7)
    assert "1 digest(s) sent" in digest_send(runner, "--org", str(ent.id))
    run_tasks(app)
    got = mails(mailbox)
    assert set(got) == {u.email for u in world["users"]["ent"]}
    [(subject, body)] = got[world["users"]["ent"][0].email]
    assert subject == "定期推送：1 项新成果适合您的需求"
    assert "铜杆表面光亮退火保护气氛技术" in body
    assert ACH not in body and CALL not in body  # told last time already


@pytest.mark.parametrize("frequency, days_ago, due", [
    (DigestFrequency.WEEKLY, None, True),
    (DigestFrequency.WEEKLY, 6, False),
    (DigestFrequency.WEEKLY, 7, True),
    (DigestFrequency.MONTHLY, 7, False),
    (DigestFrequency.MONTHLY, 29, False),
    (DigestFrequency.MONTHLY, 30, True),
    (DigestFrequency.OFF, None, False),
    (DigestFrequency.OFF, 400, False),
])
def test_when_an_organisation_is_due(frequency, days_ago, due):
    now = datetime(2025, 3, 10, 1, 30, tzinfo=timezone.utc)  # the daily run, 09:30 in Beijing
    # the previous run sent a few seconds later in its day: a whole week has passed all the same
    last = None if days_ago is None else now - timedelta(days=days_ago) + timedelta(seconds=20)
    org = Organization(name="x", kind=OrgKind.ENTERPRISE, credit_code="x", digest_frequency=frequency,
                       last_digest_at=last)
    assert services.is_due(org, now) is due


def test_dry_run_prints_each_digest_and_sends_and_changes_nothing(app, runner, mailbox, world, session, engine):
    with counting_writes(engine) as writes:
        output = digest_send(runner, "--dry-run")
    assert writes == []
    assert "dry run: 3 organisation(s) would get a digest" in output
    assert f"成果「{ACH}」，适合需求「{NEED_A}」" in output and f"需求「{NEED_SECRET}」" in output
    assert f"[{world['orgs']['quiet'].id}] 重庆安静大学: nothing new" in output
    assert task_queue(app).waiting() == 0
    run_tasks(app)
    assert mailbox.received == []
    session.rollback()
    assert session.scalar(select(func.count()).select_from(Notification)) == 0
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == 0
    assert all(o.last_digest_at is None for o in session.scalars(select(Organization)))

    assert "3 digest(s) sent" in digest_send(runner)  # and the real run still has everything to send


def test_a_pair_the_broker_rejected_is_not_news(runner, world, session, make_user):
    session.add(PairReview(need_id=world["need_a"].id, achievement_id=world["ach"].id, status=ReviewStatus.REJECTED,
                           reject_reason=RejectReason.OFF_TOPIC))
    session.commit()
    digest_send(runner, "--org", str(world["orgs"]["ent"].id))
    [row] = digests_of(session, world["users"]["ent"][0])
    assert row.data["achievements"]["count"] == 0 and row.data["calls"]["count"] == 1


def test_a_university_is_not_told_of_a_call_it_has_answered(runner, world, session):
    uni, call = world["orgs"]["uni"], world["call"]
    session.add(Proposal(challenge_id=call.id, organization_id=uni.id, summary="方案"))
    session.commit()
    digest_send(runner, "--org", str(uni.id))
    [row] = digests_of(session, world["users"]["uni"][0])
    assert row.data["calls"]["count"] == 0 and row.data["needs"]["count"] == 2


def test_two_runs_at_once_send_one_digest(app, runner, world, session):
    ent = world["orgs"]["ent"]
    with app.app_context():
        now = utcnow()
        stale = services.build(db.session, db.session.get(Organization, ent.id), now)
        db.session.rollback()
        digest_send(runner, "--org", str(ent.id))  # the other run commits first
        assert services.send(db.session, stale, now) == 0
        db.session.commit()
        db.session.remove()
    assert len(digests_of(session, world["users"]["ent"][0])) == 1


# --- the scheduler --------------------------------------------------------------------------------


def test_the_daily_task_is_registered_and_sends_the_digests(app, mailbox, world, session):
    queue = task_queue(app)
    assert "digests.send_due" in queue.tasks
    at = {t.name for t in queue.huey.read_periodic(datetime(2025, 3, 10, 1, 30))}  # huey runs in UTC
    assert "digests.send_due" in at
    assert "digests.send_due" not in {t.name for t in queue.huey.read_periodic(datetime(2025, 3, 10, 1, 31))}

    queue.enqueue("digests.send_due")
    run_tasks(app)
    assert len(mailbox.received) == 5
    queue.enqueue("digests.send_due")  # the next day's run, the same week: nothing
    run_tasks(app)
    assert len(mailbox.received) == 5


# --- with the real engine -------------------------------------------------------------------------


def test_real_suggestion_lists_feed_the_digests(app, runner, mailbox, library, make_org, make_user, make_need,
                                                session):
    secret = make_org(OrgKind.ENTERPRISE, name=SECRET_NAME)
    boss = make_user(Role.ENTERPRISE, org=secret)
    professor = make_user(Role.UNIVERSITY, org=library["uni"])
    make_need(secret, title="铜杆表面氧化发黑，氧含量偏高", is_confidential=True,
              description="我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量波动大，拉丝时断线。")
    settle(app)  # the consumer indexes the need and stores both sides' lists

    digest_send(runner)
    run_tasks(app)

    got = mails(mailbox)
    [(subject, body)] = got[boss.email]
    assert subject.startswith("定期推送：") and COPPER[0] in body
    [(subject, body)] = got[professor.email]
    assert "铜杆表面氧化发黑，氧含量偏高" in body and f"与成果「{COPPER[0]}」相符" in body
    assert SECRET_WORD not in subject + body


# --- the setting ----------------------------------------------------------------------------------


def test_an_organisation_sets_its_own_frequency_on_the_inbox_page(app, login_as, make_org, session):
    client, user = login_as(Role.UNIVERSITY)
    html = client.get("/notifications/").get_data(as_text=True)
    assert 'id="digest-settings"' in html and "本机构的定期推送" in html
    org = user.organization
    response = post_form(client, f"/digests/organizations/{org.id}/frequency",
                         {"frequency": "monthly", "next": "/notifications/"})
    assert response.status_code == 302 and response.headers["Location"].endswith("/notifications/")
    assert fresh_org(session, org).digest_frequency == DigestFrequency.MONTHLY
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "organization.digest_frequency"))
    assert audit.data == {"before": "weekly", "after": "monthly"} and audit.actor_id == user.id

    other = make_org(OrgKind.ENTERPRISE)
    response = post_form(client, f"/digests/organizations/{other.id}/frequency", {"frequency": "off"})
    assert response.status_code == 404
    assert fresh_org(session, other).digest_frequency == DigestFrequency.WEEKLY
    assert client.get("/digests/").status_code == 403
    response = post_form(client, f"/digests/organizations/{org.id}/frequency", {"frequency": "daily"})
    assert response.status_code == 400


def test_a_broker_sets_any_organisations_frequency(app, login_as, make_org, session):
    ent = make_org(OrgKind.ENTERPRISE, name="重庆某某食品有限公司")
    client, broker = login_as(Role.BROKER)
    html = client.get("/digests/?q=食品").get_data(as_text=True)
    assert "重庆某某食品有限公司" in html and f'action="/digests/organizations/{ent.id}/frequency"' in html
    assert 'href="/digests/"' in client.get("/notifications/").get_data(as_text=True)
    response = post_form(client, f"/digests/organizations/{ent.id}/frequency",
                         {"frequency": "off", "next": "/digests/?q=食品"})
    assert response.status_code == 302
    assert fresh_org(session, ent).digest_frequency == DigestFrequency.OFF
    response = post_form(client, f"/digests/organizations/{ent.id}/frequency",
                         {"frequency": "weekly", "next": "https://evil.example/"})
    assert response.headers["Location"].endswith("/digests/")  # never off the site
