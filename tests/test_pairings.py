"""The pairing workflow: the stage table, who may move a pairing, answers, contracts and their
registration, idempotence, stale versions, and what the database itself refuses."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from matchmaker.pairings import stages
from models import (
    AuditEvent,
    CloseReason,
    Contract,
    ContractSubType,
    ContractType,
    OrgKind,
    Pairing,
    Response,
    Role,
    Stage,
    StageEvent,
    User,
)

from .conftest import _fast_hash, csrf_token

TODAY = date.today()


@pytest.fixture
def parties(make_org, make_need, make_achievement, session):
    """An enterprise's need, a university's achievement, a user on each side and a broker."""
    enterprise, university = make_org(OrgKind.ENTERPRISE), make_org(OrgKind.UNIVERSITY)
    users = {}
    for key, role, org in (("enterprise", Role.ENTERPRISE, enterprise), ("university", Role.UNIVERSITY, university),
                           ("broker", Role.BROKER, make_org(OrgKind.GOVERNMENT)),
                           ("stranger", Role.UNIVERSITY, make_org(OrgKind.UNIVERSITY))):
        user = User(email=f"{key}{org.id}@example.cn", name=f"{key}-user", password_hash=_fast_hash(), role=role,
                    organization_id=org.id)
        session.add(user)
        users[key] = user
    session.commit()
    need, ach = make_need(enterprise), make_achievement(university)
    return {"need": need, "achievement": ach, **users}


def make_pairing(session, parties, stage=Stage.RECOMMENDED, **kw) -> Pairing:
    pairing = Pairing(need_id=parties["need"].id, achievement_id=parties["achievement"].id, stage=stage,
                      broker_id=parties["broker"].id, **kw)
    session.add(pairing)
    session.flush()
    session.add(StageEvent(pairing_id=pairing.id, seq=1, to_stage=stage, actor_id=parties["broker"].id))
    session.commit()
    return pairing


def client_for(app, user):
    from .conftest import login

    client = app.test_client()
    login(client, user)
    return client


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, "/")})


def fresh(session, pairing_id) -> Pairing:
    """The pairing as the database has it now (the requests changed it behind this session)."""
    session.expire_all()
    return session.get(Pairing, pairing_id)


def version_of(session, pairing_id) -> int:
    return fresh(session, pairing_id).version


# --- the table ------------------------------------------------------------------------------
def test_the_stage_table_is_the_brief():
    assert stages.PATH == (Stage.RECOMMENDED, Stage.PUSHED, Stage.INTERESTED, Stage.NEGOTIATING, Stage.SIGNED,
                           Stage.REGISTERED, Stage.COMPLETED)
    for a, b in zip(stages.PATH, stages.PATH[1:]):
        assert stages.transition(a, b) is not None
    closable = {source for (source, target) in stages.TRANSITIONS if target == Stage.CLOSED}
    assert closable == {Stage.RECOMMENDED, Stage.PUSHED, Stage.INTERESTED, Stage.NEGOTIATING}  # before 已签约
    assert stages.transition(Stage.SIGNED, Stage.CLOSED) is None
    assert stages.transition(Stage.RECOMMENDED, Stage.SIGNED) is None
    assert stages.transition(Stage.PUSHED, Stage.INTERESTED).actors == {stages.Actor.SYSTEM}  # both sides say yes


@pytest.mark.parametrize("stage,target,who,allowed", [
    (Stage.RECOMMENDED, Stage.PUSHED, "broker", True),
    (Stage.RECOMMENDED, Stage.PUSHED, "enterprise", False),
    (Stage.PUSHED, Stage.INTERESTED, "broker", False),  # only the answers move it
    (Stage.INTERESTED, Stage.NEGOTIATING, "university", True),
    (Stage.INTERESTED, Stage.NEGOTIATING, "stranger", False),
    (Stage.NEGOTIATING, Stage.SIGNED, "enterprise", True),
    (Stage.SIGNED, Stage.REGISTERED, "university", True),  # the seller side applies
    (Stage.SIGNED, Stage.REGISTERED, "enterprise", False),
    (Stage.REGISTERED, Stage.COMPLETED, "enterprise", True),
    (Stage.RECOMMENDED, Stage.CLOSED, "enterprise", False),
    (Stage.NEGOTIATING, Stage.CLOSED, "university", True),
    (Stage.SIGNED, Stage.CLOSED, "broker", False),
])
def test_can_advance_reads_the_table(session, parties, stage, target, who, allowed):
    pairing = make_pairing(session, parties, Stage.RECOMMENDED)
    pairing.stage = stage  # only the predicate is asked, nothing is stored
    assert pairing.can_advance(parties[who], target) is allowed


# --- the whole path through the pages ----------------------------------------------------------
def test_push_answers_negotiation_contract_registration_and_completion(app, session, parties):
    pairing = make_pairing(session, parties)
    broker, ent, uni = (client_for(app, parties[k]) for k in ("broker", "enterprise", "university"))
    base = f"/pairings/{pairing.id}"

    assert post(broker, f"{base}/advance", {"to": "pushed", "version": version_of(session, pairing.id)}).status_code == 302
    page = ent.get(base).get_data(as_text=True)
    assert "请答复是否有兴趣" in page
    assert post(ent, f"{base}/answer", {"response": "interested", "version": version_of(session, pairing.id)}).status_code == 302
    assert fresh(session, pairing.id).stage == Stage.PUSHED  # one yes
    assert post(uni, f"{base}/answer", {"response": "interested", "note": "可派员调研",
                                        "version": version_of(session, pairing.id)}).status_code == 302
    assert fresh(session, pairing.id).stage == Stage.INTERESTED  # both yes: by itself

    assert post(uni, f"{base}/advance", {"to": "negotiating", "version": version_of(session, pairing.id)}).status_code == 302
    contract = {"to": "signed", "contract_type": "license", "sub_type": "license.patent", "amount_wan": "120",
                "tech_income_wan": "100", "signed_on": (TODAY - timedelta(days=3)).isoformat(), "term_months": "24"}
    response = post(ent, f"{base}/advance", {**contract, "version": version_of(session, pairing.id)})
    assert response.status_code == 302, response.get_data(as_text=True)[:2000]
    signed = fresh(session, pairing.id)
    assert signed.stage == Stage.SIGNED and signed.contract.amount_wan == Decimal("120")
    assert signed.contract.buyer_id == parties["need"].organization_id
    assert signed.contract.seller_id == parties["achievement"].organization_id

    registration = {"to": "registered", "registration_no": "5001012026000123", "registered_on": TODAY.isoformat(),
                    "registered_income_wan": "95"}
    assert post(uni, f"{base}/advance", {**registration, "version": version_of(session, pairing.id)}).status_code == 302
    assert post(broker, f"{base}/advance", {"to": "completed", "version": version_of(session, pairing.id)}).status_code == 302

    session.expire_all()
    done = session.get(Pairing, pairing.id)
    assert done.stage == Stage.COMPLETED and done.registration_no == "5001012026000123"
    assert done.contract.registered_income_wan == Decimal("95")
    events = session.scalars(select(StageEvent).where(StageEvent.pairing_id == pairing.id).order_by(StageEvent.seq)).all()
    assert [e.to_stage for e in events] == list(stages.PATH)
    assert [e.seq for e in events] == list(range(1, 8))
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(
        AuditEvent.object_id == pairing.id, AuditEvent.action == "pairing.advance")) == 6
    history = uni.get(base).get_data(as_text=True)
    timeline = history[history.index('id="timeline"'):]
    for label in ("已推送", "有意向", "洽谈", "已签约", "已登记", "履约完成", "企业答复", "成果方答复"):
        assert label in timeline, label
    assert "登记编号 5001012026000123" in timeline and parties["broker"].name in timeline


def test_a_no_from_either_side_ends_it_with_that_reason(app, session, parties):
    pairing = make_pairing(session, parties, Stage.PUSHED)
    uni = client_for(app, parties["university"])
    base = f"/pairings/{pairing.id}"
    no_reason = post(uni, f"{base}/answer", {"response": "declined", "version": version_of(session, pairing.id)})
    assert no_reason.status_code == 400 and "请说明无意向的原因" in no_reason.get_data(as_text=True)
    assert post(uni, f"{base}/answer", {"response": "declined", "note": "团队精力有限",
                                        "version": version_of(session, pairing.id)}).status_code == 302
    session.expire_all()
    closed = session.get(Pairing, pairing.id)
    assert closed.stage == Stage.CLOSED and closed.closed_code == CloseReason.UNIVERSITY_DECLINED
    assert closed.closed_reason == "团队精力有限"


# --- refusals ----------------------------------------------------------------------------------
def test_not_allowed_from_this_stage_wrong_role_and_not_a_party(app, session, parties):
    pairing = make_pairing(session, parties, Stage.RECOMMENDED)
    base = f"/pairings/{pairing.id}/advance"
    v = version_of(session, pairing.id)
    broker = client_for(app, parties["broker"])
    skip = post(broker, base, {"to": "negotiating", "version": v})
    assert skip.status_code == 400 and "不能转为「洽谈」" in skip.get_data(as_text=True)
    wrong_role = post(client_for(app, parties["enterprise"]), base, {"to": "pushed", "version": v})
    assert wrong_role.status_code == 403
    stranger = client_for(app, parties["stranger"])
    assert post(stranger, base, {"to": "pushed", "version": v}).status_code == 404
    assert stranger.get(f"/pairings/{pairing.id}").status_code == 404  # not even its history
    assert fresh(session, pairing.id).stage == Stage.RECOMMENDED


def test_repeating_a_transition_changes_nothing_and_a_stale_form_is_refused(app, session, parties):
    pairing = make_pairing(session, parties, Stage.RECOMMENDED)
    broker = client_for(app, parties["broker"])
    base = f"/pairings/{pairing.id}"
    seen = version_of(session, pairing.id)
    assert post(broker, f"{base}/advance", {"to": "pushed", "version": seen}).status_code == 302
    again = post(broker, f"{base}/advance", {"to": "pushed", "version": seen})  # the double click
    assert again.status_code == 302
    assert "无需重复操作" in broker.get(again.headers["Location"]).get_data(as_text=True)
    stale = post(broker, f"{base}/advance", {"to": "closed", "close_code": "paused", "version": seen})
    assert stale.status_code == 409 and "该对接已被他人更新，请刷新后再试" in stale.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(StageEvent).where(StageEvent.pairing_id == pairing.id)) == 2


@pytest.mark.parametrize("change,message", [
    ({"tech_income_wan": "130"}, "技术交易额不能超过合同成交额"),
    ({"amount_wan": "-5"}, "金额不能为负数"),
    ({"contract_type": ""}, "请选择合同类型"),
    ({"sub_type": "transfer.patent"}, "具体类别"),
    ({"signed_on": ""}, "请填写签订日期"),
])
def test_bad_contracts_are_refused_with_a_clear_message(app, session, parties, change, message):
    pairing = make_pairing(session, parties, Stage.NEGOTIATING)
    contract = {"to": "signed", "contract_type": "license", "sub_type": "license.patent", "amount_wan": "120",
                "tech_income_wan": "100", "signed_on": TODAY.isoformat(), "version": version_of(session, pairing.id)}
    response = post(client_for(app, parties["enterprise"]), f"/pairings/{pairing.id}/advance", {**contract, **change})
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert fresh(session, pairing.id).stage == Stage.NEGOTIATING and session.scalar(select(Contract)) is None


def test_a_registration_dated_before_signing_is_refused(app, session, parties):
    contract = Contract(contract_type=ContractType.CONSULTING, amount_wan=Decimal("10"), tech_income_wan=Decimal("10"),
                        signed_on=TODAY - timedelta(days=5))
    pairing = make_pairing(session, parties, Stage.SIGNED, contract=contract)
    response = post(client_for(app, parties["university"]), f"/pairings/{pairing.id}/advance", {
        "to": "registered", "registration_no": "X1", "registered_on": (TODAY - timedelta(days=9)).isoformat(),
        "registered_income_wan": "10", "version": version_of(session, pairing.id)})
    assert response.status_code == 400 and "登记日期不能早于合同签订日期" in response.get_data(as_text=True)


# --- what the database refuses, whatever the code does ----------------------------------------
def test_the_database_refuses_a_signed_pairing_without_contract_and_a_registered_one_without_number(session, parties):
    pairing = make_pairing(session, parties, Stage.NEGOTIATING)
    pairing.stage = Stage.SIGNED
    with pytest.raises(IntegrityError, match="signed_has_contract|CHECK constraint failed"):
        session.commit()
    session.rollback()
    contract = Contract(contract_type=ContractType.DEVELOPMENT, sub_type=ContractSubType.COMMISSIONED,
                        amount_wan=Decimal("50"), tech_income_wan=Decimal("40"), signed_on=TODAY)
    pairing = session.get(Pairing, pairing.id)
    pairing.contract, pairing.stage = contract, Stage.SIGNED
    session.commit()
    pairing.stage = Stage.REGISTERED
    with pytest.raises(IntegrityError, match="registered_has_number|CHECK constraint failed"):
        session.commit()
    session.rollback()
    pairing = session.get(Pairing, pairing.id)
    pairing.registration_no = "NOT-THE-CONTRACTS"  # the copy must equal the contract's number
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


@pytest.mark.parametrize("values", [
    {"amount_wan": Decimal("10"), "tech_income_wan": Decimal("11")},
    {"amount_wan": Decimal("-1"), "tech_income_wan": Decimal("0")},
    {"sub_type": ContractSubType.TRAINING},  # a service sub-type on a licence
    {"registration_no": "R1", "registered_on": TODAY - timedelta(days=30), "registered_income_wan": Decimal("1")},
])
def test_the_database_refuses_impossible_contracts(session, values):
    fields = dict(contract_type=ContractType.LICENSE, sub_type=ContractSubType.PATENT_LICENSE, amount_wan=Decimal("10"),
                  tech_income_wan=Decimal("5"), signed_on=TODAY - timedelta(days=10))
    session.add(Contract(**{**fields, **values}))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_two_events_cannot_share_a_sequence_number(session, parties):
    pairing = make_pairing(session, parties)
    session.add(StageEvent(pairing_id=pairing.id, seq=1, to_stage=Stage.PUSHED))
    with pytest.raises(IntegrityError):
        session.commit()
    session.rollback()


def test_overdue_contracts_remind_the_seller_side_weekly(app, session, parties):
    from matchmaker.extensions import db
    from matchmaker.pairings.services import remind_overdue
    from models import Notification

    contract = Contract(contract_type=ContractType.CONSULTING, amount_wan=Decimal("10"), tech_income_wan=Decimal("10"),
                        signed_on=TODAY - timedelta(days=40))
    pairing = make_pairing(session, parties, Stage.SIGNED, contract=contract)
    with app.app_context():
        assert remind_overdue(db.session, TODAY, 30) == 1
        assert remind_overdue(db.session, TODAY, 30) == 0  # not again within the week
        db.session.commit()
        notes = db.session.scalars(select(Notification).where(Notification.kind == "contract.overdue")).all()
        assert {n.user_id for n in notes} == {parties["university"].id, parties["broker"].id}
    html = client_for(app, parties["broker"]).get(f"/pairings/{pairing.id}").get_data(as_text=True)
    assert "已逾期" in html


def test_fifty_people_signing_at_once_make_one_contract(app, session, parties):
    """50 requests move one pairing from 洽谈 to 已签约 at the same moment: exactly one StageEvent
    and one Contract; every other request gets the stale (409) or the idempotent answer; no 500."""
    import threading

    pairing = make_pairing(session, parties, Stage.NEGOTIATING)
    seen = version_of(session, pairing.id)
    form = {"to": "signed", "contract_type": "development", "sub_type": "development.cooperative",
            "amount_wan": "300", "tech_income_wan": "280", "signed_on": TODAY.isoformat(), "version": seen}
    clients = []
    for n in range(50):
        client = client_for(app, parties["enterprise" if n % 2 else "university"])
        clients.append((client, csrf_token(client, "/")))
    start = threading.Barrier(len(clients))
    statuses: list[int] = []
    lock = threading.Lock()

    def sign(client, token):
        start.wait()
        response = client.post(f"/pairings/{pairing.id}/advance", data={**form, "csrf_token": token})
        with lock:
            statuses.append(response.status_code)

    threads = [threading.Thread(target=sign, args=pair) for pair in clients]
    for t in threads:
        t.start()
    for t in threads:
        t.join(120)
    assert len(statuses) == 50 and set(statuses) <= {302, 409}, sorted(statuses)
    assert statuses.count(302) >= 1
    session.expire_all()
    signed = session.scalars(select(StageEvent).where(StageEvent.pairing_id == pairing.id,
                                                      StageEvent.to_stage == Stage.SIGNED)).all()
    assert len(signed) == 1
    assert session.scalar(select(func.count()).select_from(Contract)) == 1
    assert fresh(session, pairing.id).contract.amount_wan == Decimal("300")


def test_a_transition_commits_while_the_smtp_server_is_down_and_the_mail_waits(app, session, parties, monkeypatch):
    from models import Notification

    from .conftest import run_tasks
    from .processes import free_port

    for key, value in {"MAIL_ENABLED": True, "MAIL_SERVER": "127.0.0.1", "MAIL_PORT": free_port(),
                       "MAIL_TIMEOUT": 2.0}.items():
        monkeypatch.setitem(app.config, key, value)  # nothing listens on that port
    pairing = make_pairing(session, parties)
    response = post(client_for(app, parties["broker"]), f"/pairings/{pairing.id}/advance",
                    {"to": "pushed", "version": version_of(session, pairing.id)})
    assert response.status_code == 302
    assert fresh(session, pairing.id).stage == Stage.PUSHED  # the push stands
    run_tasks(app, expect_failures=True)  # every retry fails: the server is down
    session.expire_all()
    mails = session.scalars(select(Notification).where(Notification.pairing_id == pairing.id)).all()
    assert {n.user_id for n in mails} == {parties["enterprise"].id, parties["university"].id}
    assert all(n.mail_status == "pending" and n.mail_error for n in mails)  # kept, for the sweep to send later
