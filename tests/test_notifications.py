"""Notifications: the inbox, and e-mail through a real SMTP server (aiosmtpd on loopback).

The task queue delivers mail with retries; a sweep queues again what the retries gave up on, so an
SMTP server that was down gets every mail once it is back, and never one twice.
"""
from __future__ import annotations

import re
from email import message_from_bytes, policy
import threading
from email.header import decode_header, make_header

import pytest
from flask_babel import force_locale
from sqlalchemy import event, func, select
from sqlalchemy.orm import Session

from matchmaker.extensions import db
from matchmaker.notifications import messages, services
from matchmaker.notifications.services import notify
from matchmaker.tasks import task_queue
from models import AuditEvent, Notification, Role, TaskFailure, User

from .conftest import csrf_token, run_tasks
from .processes import Mailbox, free_port, smtp_server
from .test_matching import counting_writes

SITE = "https://kjcg.example.cn"
PUSHED = dict(need_title="低氧铜杆表面氧化发黑问题", achievement_title="上引连铸低氧铜杆氧含量在线控制技术")


@pytest.fixture
def mail_on(app, monkeypatch):
    """Mail switched on, pointed at a free loopback port where nothing listens yet; returns the port."""
    port = free_port()
    for key, value in {"MAIL_ENABLED": True, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": port, "MAIL_TIMEOUT": 5.0,
                       "SITE_URL": SITE}.items():
        monkeypatch.setitem(app.config, key, value)
    return port


@pytest.fixture
def mailbox(mail_on):
    """A real SMTP server on the configured port, collecting every message it accepts."""
    box = Mailbox()
    controller = smtp_server(mail_on, box)
    yield box
    controller.stop()


def send(app, recipients, kind="pairing.pushed", *, actor=None, link="/pairings/12", **data) -> list[int]:
    """notify() in a request-like transaction of the app, committed; returns the new rows' ids."""
    with app.app_context():
        rows = notify(db.session, [db.session.get(User, u.id) for u in recipients], kind,
                      actor=db.session.get(User, actor.id) if actor else None, link=link, **(data or PUSHED))
        db.session.commit()
        ids = [r.id for r in rows]
        db.session.remove()
    return ids


def fresh(session, notification_id: int) -> Notification:
    session.rollback()  # a new snapshot: the tasks wrote in other sessions
    return session.get(Notification, notification_id)


def waiting(app) -> int:
    return task_queue(app).waiting()


def badge(html: str) -> int:
    match = re.search(r'id="notification-badge"[^>]*data-unread="(\d+)"', html)
    assert match, "no unread badge in the navbar"
    return int(match.group(1))


def post(client, path: str, data: dict | None = None, **kw):
    return client.post(path, data={**(data or {}), "csrf_token": csrf_token(client, "/notifications/")}, **kw)


# --- mail -------------------------------------------------------------------------------------


def test_notify_queues_after_commit_and_the_chinese_mail_arrives(app, mailbox, make_user, session):
    enterprise, university, broker = make_user(Role.ENTERPRISE), make_user(Role.UNIVERSITY), make_user(Role.BROKER)
    with app.app_context():
        rows = notify(db.session, [db.session.get(User, u.id) for u in (enterprise, university, university, broker)],
                      "pairing.pushed", actor=db.session.get(User, broker.id), link="/pairings/12", **PUSHED)
        assert waiting(app) == 0, "queued before the commit"
        db.session.commit()
        ids = [r.id for r in rows]
        db.session.remove()
    assert len(ids) == 2  # one per distinct recipient, the broker who acted is not told
    assert waiting(app) == 2

    run_tasks(app)

    assert len(mailbox.received) == 2
    by_rcpt = {rcpt[0]: msg for (_f, rcpt, _c), msg in zip(mailbox.received, mailbox.messages())}
    assert set(by_rcpt) == {enterprise.email, university.email}
    message = by_rcpt[enterprise.email]
    raw_subject = message_from_bytes(mailbox.received[0][2])["Subject"]
    assert "=?utf-8?" in raw_subject.lower()  # encoded for the wire…
    subject = str(make_header(decode_header(raw_subject)))
    assert subject.startswith("经纪人向您推送了一项对接：")  # …and Chinese once decoded
    assert message["To"] == enterprise.email and message["From"] == "noreply@matchmaker.local"
    body = message.get_content()
    assert message.get_content_charset() == "utf-8"
    assert f"{SITE}/pairings/12" in body and PUSHED["need_title"] in body and "请答复是否有兴趣" in body
    for notification_id in ids:
        row = fresh(session, notification_id)
        assert (row.mail_status, row.mail_attempts, row.mail_error) == ("sent", 1, None) and row.mailed_at
    assert session.scalar(select(func.count()).select_from(Notification).where(Notification.user_id == broker.id)) == 0


def test_a_user_who_switched_email_off_gets_the_inbox_entry_but_no_mail(app, mailbox, login_as, session):
    client, user = login_as(Role.UNIVERSITY)
    [before] = send(app, [user])  # e-mail still on: its mail is queued…
    response = post(client, "/notifications/email", {"email": "off"})  # …and switched off before it went
    assert response.status_code == 302
    [after] = send(app, [user])
    assert fresh(session, after).mail_status == "skipped"

    run_tasks(app)

    assert mailbox.received == []
    assert fresh(session, before).mail_status == "skipped"
    assert session.get(User, user.id).email_notifications is False
    audit = session.scalar(select(AuditEvent).where(AuditEvent.action == "user.email_notifications"))
    assert audit.data == {"enabled": False} and audit.actor_id == user.id
    html = client.get("/notifications/").get_data(as_text=True)
    assert html.count('data-unread="true"') == 2
    assert re.search(r'<input[^>]*checked[^>]*value="off"', html), "the switch shows e-mail off"

    post(client, "/notifications/email", {"email": "on"})  # on again: new notifications are mailed
    send(app, [user])
    run_tasks(app)
    assert len(mailbox.received) == 1


def test_a_rolled_back_transaction_queues_no_mail(app, mailbox, make_user, session):
    user = make_user(Role.ENTERPRISE)
    with app.app_context():
        notify(db.session, [db.session.get(User, user.id)], "pairing.pushed", **PUSHED)
        db.session.rollback()  # e.g. the transition was refused
        db.session.get(User, user.id).name = "改名"
        db.session.commit()  # a later commit of the same session must not send the forgotten rows
        db.session.remove()
    assert waiting(app) == 0
    run_tasks(app)
    assert mailbox.received == [] and session.scalar(select(func.count()).select_from(Notification)) == 0


def test_smtp_server_down_mail_is_retried_then_delivered_once_when_it_is_back(app, mail_on, make_user, session,
                                                                              monkeypatch):
    user = make_user(Role.ENTERPRISE)
    [notification_id] = send(app, [user], "pairing.stage", to="negotiating", note="下周三面谈")
    assert fresh(session, notification_id) is not None  # the transition committed, server or not

    ran = run_tasks(app, expect_failures=True)  # nothing listens on the port: refused, retried, given up

    assert ran == app.config["TASK_RETRIES"] + 1
    row = fresh(session, notification_id)
    assert row.mail_status == "pending" and row.mail_attempts == ran
    assert "ConnectionRefusedError" in row.mail_error and row.mailed_at is None
    failure = session.scalar(select(TaskFailure).where(TaskFailure.name == "notifications.send_mail"))
    assert failure.args == [notification_id] and failure.resolved_at is None

    # a sweep right away leaves it alone: the last attempt is too recent (MAIL_RETRY_AFTER)
    task_queue(app).enqueue("notifications.sweep_mail")
    assert run_tasks(app) == 1 and fresh(session, notification_id).mail_attempts == ran

    box = Mailbox()
    controller = smtp_server(mail_on, box)  # the server is back, on the same port
    try:
        monkeypatch.setitem(app.config, "MAIL_RETRY_AFTER", 0)  # as if the wait were over
        task_queue(app).enqueue("notifications.sweep_mail")
        run_tasks(app)
        assert len(box.received) == 1
        subject = box.messages()[0]["Subject"]
        assert subject.startswith("对接进入「洽谈」") and "下周三面谈" in box.messages()[0].get_content()
        row = fresh(session, notification_id)
        assert (row.mail_status, row.mail_attempts, row.mail_error) == ("sent", ran + 1, None)
        assert session.get(TaskFailure, failure.id).resolved_at is not None

        task_queue(app).enqueue("notifications.sweep_mail")  # later sweeps: nothing left to send
        task_queue(app).enqueue("notifications.send_mail", notification_id)
        run_tasks(app)
        assert len(box.received) == 1
    finally:
        controller.stop()


def test_a_mail_whose_task_was_lost_is_sent_by_the_sweep(app, mailbox, make_user, session, monkeypatch):
    [notification_id] = send(app, [make_user(Role.BROKER)], "pair.requested", side="enterprise")
    task_queue(app).huey.flush()  # the queue lost the task (e.g. Redis was down at commit time)
    monkeypatch.setitem(app.config, "MAIL_RETRY_AFTER", 0)
    task_queue(app).enqueue("notifications.sweep_mail")
    run_tasks(app)
    assert len(mailbox.received) == 1 and mailbox.messages()[0]["Subject"].startswith("企业方申请对接")
    assert fresh(session, notification_id).mail_status == "sent"


def test_a_notification_is_never_mailed_twice_even_if_two_send_tasks_run(app, mailbox, make_user, session):
    [notification_id] = send(app, [make_user(Role.ENTERPRISE)])
    queue = task_queue(app)
    queue.enqueue("notifications.send_mail", notification_id)  # a sweep or an operator's retry
    assert run_tasks(app) == 2
    assert len(mailbox.received) == 1

    # overlapping: the first task is still talking to the server when the second one starts
    [other_id] = send(app, [make_user(Role.ENTERPRISE)])
    queue.huey.flush()
    mailbox.gate, mailbox.delivering = threading.Event(), threading.Event()
    send_mail = queue.tasks["notifications.send_mail"]
    first = threading.Thread(target=send_mail.call_local, args=(other_id,))
    first.start()
    try:
        assert mailbox.delivering.wait(20)
        claimed = fresh(session, other_id)
        assert claimed.mail_error.startswith("sending:") and claimed.mail_attempted_at is not None  # before sending
        assert send_mail.call_local(other_id) == "nothing to send"
    finally:
        mailbox.gate.set()
        first.join(30)
    assert len(mailbox.received) == 2
    row = fresh(session, other_id)
    assert (row.mail_status, row.mail_attempts) == ("sent", 1)


def test_two_tasks_that_read_the_row_at_once_cannot_both_claim_it(app, mail_on, make_user, engine):
    """Both read "pending, 0 attempts" before either claims: the conditional UPDATE lets one through."""
    [notification_id] = send(app, [make_user(Role.ENTERPRISE)])
    both_read = threading.Barrier(2, timeout=20)
    waited = threading.local()

    def after_select(conn, cursor, statement, parameters, context, executemany):
        reads_the_row = statement.lstrip().startswith("SELECT") and "FROM notifications" in statement
        if reads_the_row and not getattr(waited, "done", False):
            waited.done = True
            both_read.wait()

    claims: list = []

    def claim() -> None:
        with Session(engine) as s:
            claims.append(services.claim_mail(s, notification_id, lease=600))
            s.commit()

    event.listen(engine, "after_cursor_execute", after_select)
    try:
        threads = [threading.Thread(target=claim) for _ in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join(30)
    finally:
        event.remove(engine, "after_cursor_execute", after_select)
    assert len(claims) == 2 and sum(c is not None for c in claims) == 1
    with Session(engine) as s:
        assert s.get(Notification, notification_id).mail_attempts == 1


def test_mail_switched_off_for_the_platform_keeps_the_inbox_only(app, make_user, session):
    assert app.config["MAIL_ENABLED"] is False  # the testing default: no SMTP server
    [notification_id] = send(app, [make_user(Role.ENTERPRISE)])
    assert waiting(app) == 0 and fresh(session, notification_id).mail_status == "skipped"


# --- the inbox --------------------------------------------------------------------------------


def test_navbar_counts_unread_and_mark_one_and_all_read(app, login_as, make_user, session):
    client, user = login_as(Role.ENTERPRISE)
    ids = send(app, [user]) + send(app, [user], "pairing.closed", code="price") + send(app, [user], "made.up.kind")
    assert badge(client.get("/").get_data(as_text=True)) == 3

    response = post(client, f"/notifications/{ids[0]}/read")  # a plain form
    assert response.status_code == 302 and response.headers["Location"].endswith("/notifications/")
    assert badge(client.get("/").get_data(as_text=True)) == 2
    assert post(client, f"/notifications/{ids[0]}/read").status_code == 302  # again: no harm
    first_read = fresh(session, ids[0]).read_at
    assert first_read is not None

    fragment = post(client, f"/notifications/{ids[1]}/read", headers={"HX-Request": "true"})  # HTMX
    html = fragment.get_data(as_text=True)
    assert fragment.status_code == 200 and f'id="notification-{ids[1]}"' in html and 'data-unread="false"' in html
    assert re.search(r'id="notification-badge"[^>]*data-unread="1"[^>]*hx-swap-oob="true"', html)

    page = client.get("/notifications/").get_data(as_text=True)
    assert page.count('data-unread="true"') == 1 and "您有一条新通知" in page  # the unknown kind
    assert post(client, "/notifications/read-all").status_code == 302
    assert badge(client.get("/").get_data(as_text=True)) == 0
    assert fresh(session, ids[0]).read_at == first_read


def test_opening_a_notification_marks_it_read_and_goes_to_its_link(app, login_as, session):
    client, user = login_as(Role.UNIVERSITY)
    [notification_id] = send(app, [user], link="/pairings/7")
    response = post(client, f"/notifications/{notification_id}/open")
    assert response.status_code == 302 and response.headers["Location"] == "/pairings/7"
    assert fresh(session, notification_id).read_at is not None


def test_another_user_cannot_mark_or_open_yours(app, login_as, make_user, session):
    owner = make_user(Role.ENTERPRISE)
    [notification_id] = send(app, [owner])
    intruder, _ = login_as(Role.ENTERPRISE)
    assert post(intruder, f"/notifications/{notification_id}/read").status_code == 404
    assert post(intruder, f"/notifications/{notification_id}/open").status_code == 404
    assert post(intruder, "/notifications/read-all").status_code == 302
    assert fresh(session, notification_id).read_at is None
    assert 'data-unread="true"' not in intruder.get("/notifications/").get_data(as_text=True)


def test_marking_read_needs_the_csrf_token(app, login_as):
    client, user = login_as(Role.ENTERPRISE)
    [notification_id] = send(app, [user])
    assert client.post(f"/notifications/{notification_id}/read").status_code == 400


def test_inbox_is_newest_first_paginated_and_its_get_writes_nothing(app, login_as, engine, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 3)
    client, user = login_as(Role.BROKER)
    ids = [send(app, [user], "pair.requested", side="university", need_title=f"需求{i}", achievement_title=f"成果{i}")[0]
           for i in range(5)]
    with counting_writes(engine) as writes:
        first = client.get("/notifications/")
        second = client.get("/notifications/?page=2")
        home = client.get("/")
    assert writes == [], f"GET wrote: {writes}"
    assert first.status_code == second.status_code == home.status_code == 200
    first, second = first.get_data(as_text=True), second.get_data(as_text=True)
    order = [int(i) for i in re.findall(r'id="notification-(\d+)"', first)]
    assert order == ids[::-1][:3]  # newest first
    assert [int(i) for i in re.findall(r'id="notification-(\d+)"', second)] == ids[:2][::-1]
    assert "成果方申请对接：需求「需求4」与成果「成果4」" in first and "未读" in first


def test_the_inbox_needs_a_signed_in_user(client):
    assert client.get("/notifications/").status_code == 302


# --- texts ------------------------------------------------------------------------------------


@pytest.mark.parametrize("kind, data, zh, en", [
    ("pairing.pushed", {}, "经纪人向您推送了一项对接：需求「铜杆」与成果「连铸」，请答复是否有兴趣",
     "A broker proposed a pairing to you"),
    ("pairing.answered", {"side": "university", "response": "declined", "note": "价格太高"},
     "成果方答复「无意向」：需求「铜杆」与成果「连铸」", "Research side answered “Not interested”: need “铜杆”"),
    ("pairing.stage", {"to": "negotiating"}, "对接进入「洽谈」：需求「铜杆」与成果「连铸」", "Pairing moved to “Negotiating”"),
    ("pairing.closed", {"code": "price"}, "对接已终止：需求「铜杆」与成果「连铸」", "Pairing closed"),
    ("contract.overdue", {"signed_on": "2025-03-01", "due_on": "2025-03-31"},
     "技术合同尚未认定登记：需求「铜杆」与成果「连铸」", "signed on March 1, 2025"),
    ("pair.requested", {"side": "enterprise"}, "企业方申请对接：需求「铜杆」与成果「连铸」", "Enterprise side asked for a pairing"),
    ("no.such.kind", {}, "您有一条新通知", "You have a new notification"),
])
def test_each_kind_renders_in_chinese_and_english(app, kind, data, zh, en):
    n = Notification(id=1, kind=kind,
                     data={"need_title": "铜杆", "achievement_title": "连铸", "link": "/pairings/3", **data})
    with app.test_request_context("/"):
        title, body, link = messages.render(n)
        assert title.startswith(zh) and link == "/pairings/3"
        with force_locale("en"):
            assert en in " ".join(messages.render(n)[:2])


def test_texts_survive_odd_data_and_never_link_off_site(app):
    with app.test_request_context("/"):
        odd = messages.render(Notification(kind="pairing.stage", data={"to": "bogus", "link": "//evil.example"}))
        assert "bogus" in odd.title and odd.link is None
        overdue = messages.render(Notification(kind="contract.overdue", data={
            "need_title": "铜杆", "achievement_title": "连铸", "signed_on": "2025-03-01", "due_on": "2025-03-31"}))
        assert "2025年3月1日" in overdue.body and "2025年3月31日" in overdue.body
        closed = messages.render(Notification(kind="pairing.closed", data={"code": "price", "note": "报价差距大"}))
        assert "价格未谈拢" in closed.body and "报价差距大" in closed.body
        assert messages.render(Notification(kind="pairing.pushed", data=None)).title
