"""揭榜挂帅: publishing a call, one proposal per team, expert scoring with conflicts enforced, the
winner, 公示 and objections, the winner's pairing with the call's milestones, and 验收."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import (
    AuditEvent,
    Challenge,
    ChallengeStatus,
    OrgKind,
    Pairing,
    Proposal,
    ProposalStatus,
    Role,
    Stage,
    User,
)

from .conftest import _fast_hash, csrf_token

TODAY = date.today()


def post(client, path, data):
    return client.post(path, data={**data, "csrf_token": csrf_token(client, "/")})


def client_for(app, user):
    from .conftest import login

    client = app.test_client()
    login(client, user)
    return client


def user(session, role, org=None, *, expert=False, email=None) -> User:
    u = User(email=email or f"{role.value}{session.scalar(select(User.id).order_by(User.id.desc())) or 0}x@example.cn",
             name=f"{role.label}{org.id if org else ''}", password_hash=_fast_hash(), role=role,
             organization_id=org.id if org else None, is_expert=expert)
    session.add(u)
    session.commit()
    return u


@pytest.fixture
def world(app, session, make_org, make_need):
    """An enterprise with a need, two universities with a team each, a broker, two experts."""
    enterprise = make_org(OrgKind.ENTERPRISE)
    uni_a, uni_b = make_org(OrgKind.UNIVERSITY, name="重庆甲大学"), make_org(OrgKind.UNIVERSITY, name="四川乙研究院")
    people = {
        "enterprise": user(session, Role.ENTERPRISE, enterprise),
        "uni_a": user(session, Role.UNIVERSITY, uni_a),
        "uni_b": user(session, Role.UNIVERSITY, uni_b),
        "broker": user(session, Role.BROKER, make_org(OrgKind.GOVERNMENT)),
        "expert_1": user(session, Role.EXPERT, expert=True),
        "expert_2": user(session, Role.EXPERT, expert=True),
        # a professor of a proposing university who is also on the expert list
        "expert_a": user(session, Role.UNIVERSITY, uni_a, expert=True),
    }
    need = make_need(enterprise, title="铜杆氧含量波动与表面氧化")
    return {"need": need, **people}


CALL = {
    "title": "【揭榜挂帅】低氧铜杆氧含量在线控制", "indicators": "氧含量≤10ppm；导电率≥101%IACS",
    "requirements": "具有铜合金熔铸研究基础的高校院所团队", "reward_wan": "300",
    "criteria": "技术方案 40\n团队实力 30\n报价 30", "milestones": "", "min_scores": "2", "publicity_days": "5",
}


def publish(app, world, **changes):
    data = {**CALL, "closes_on": (TODAY + timedelta(days=20)).isoformat(),
            "complete_by": (TODAY + timedelta(days=400)).isoformat(),
            "milestones": f"{(TODAY + timedelta(days=100)).isoformat()} 完成中试\n{(TODAY + timedelta(days=300)).isoformat()} 现场验收",
            **changes}
    client = client_for(app, world["enterprise"])
    return client, post(client, f"/calls/new?need_id={world['need'].id}", data)


def time_travel(session, call_id, **dates):
    session.execute(Challenge.__table__.update().where(Challenge.id == call_id).values(**dates))
    session.commit()


def propose(app, who, call_id, team="铜合金课题组", **changes):
    data = {"team_id": "", "new_team_name": team, "summary": "上引连铸过程氧含量在线监测与保护气氛闭环控制。",
            "team_members": "张三 教授 负责人", "timeline": "6个月中试，12个月应用", "price_wan": "280",
            "duration_months": "12", "achievement_id": "", **changes}
    return post(client_for(app, who), f"/calls/{call_id}/proposal", data)


def test_weights_must_sum_to_100_and_dates_make_sense(app, world, session):
    _client, bad = publish(app, world, criteria="技术方案 40\n团队实力 30\n报价 20")
    assert bad.status_code == 400 and "各项权重之和须为 100，现为 90" in bad.get_data(as_text=True)
    _client, bad = publish(app, world, criteria="技术方案 四十")
    assert bad.status_code == 400 and "第 1 行应为「名称 权重」" in bad.get_data(as_text=True)
    _client, bad = publish(app, world, closes_on=(TODAY - timedelta(days=1)).isoformat())
    assert bad.status_code == 400 and "揭榜截止日期须晚于今天" in bad.get_data(as_text=True)
    assert session.scalar(select(Challenge)) is None
    outsider = client_for(app, world["uni_a"])
    assert post(outsider, f"/calls/new?need_id={world['need'].id}", {**CALL, "closes_on": (TODAY + timedelta(days=9)).isoformat()}).status_code == 403


def test_proposals_one_per_team_until_the_deadline_seen_only_by_those_entitled(app, world, session):
    _client, response = publish(app, world)
    assert response.status_code == 302
    call = session.scalar(select(Challenge))
    assert [c.weight for c in call.criteria] == [40, 30, 30] and len(call.milestones) == 2
    assert propose(app, world["uni_a"], call.id).status_code == 302
    again = propose(app, world["uni_a"], call.id, summary="补充了中试数据的方案。")  # an edit, not a second one
    assert again.status_code == 302
    session.expire_all()
    assert [p.summary for p in session.scalars(select(Proposal))] == ["补充了中试数据的方案。"]
    # a second proposal from the same team, written by another user of the same university
    colleague = user(session, Role.UNIVERSITY, session.get(User, world["uni_a"].id).organization)
    from matchmaker.calls import services
    from matchmaker.errors import Conflict
    from matchmaker.extensions import db

    with app.app_context():
        team_id = session.scalar(select(Proposal.team_id))
        with pytest.raises(Conflict, match="每个团队只能提交一份"):
            services.submit_proposal(db.session, db.session.get(Challenge, call.id), db.session.get(User, colleague.id),
                                     services.ProposalData(summary="另一份", team_id=team_id))
        db.session.rollback()
    assert propose(app, world["uni_b"], call.id, team="冶金工程团队").status_code == 302
    proposal_a = session.scalar(select(Proposal).where(Proposal.organization_id == world["uni_a"].organization_id))
    path = f"/calls/{call.id}/proposals/{proposal_a.id}"
    assert client_for(app, world["uni_b"]).get(path).status_code == 404  # not its proposal
    assert client_for(app, world["enterprise"]).get(path).status_code == 200  # the caller
    assert client_for(app, world["broker"]).get(path).status_code == 200
    assert client_for(app, world["expert_1"]).get(path).status_code == 404  # not invited yet
    time_travel(session, call.id, closes_on=TODAY - timedelta(days=1), opens_on=TODAY - timedelta(days=30))
    late = propose(app, world["uni_b"], call.id, team="另一个团队")
    assert late.status_code == 400 and "揭榜已于" in late.get_data(as_text=True)


@pytest.fixture
def reviewed(app, world, session):
    """A call with two proposals, past its deadline, with three invited experts."""
    publish(app, world)
    call = session.scalar(select(Challenge))
    propose(app, world["uni_a"], call.id)
    propose(app, world["uni_b"], call.id, team="冶金工程团队")
    broker = client_for(app, world["broker"])
    for key in ("expert_1", "expert_2", "expert_a"):
        assert post(broker, f"/calls/{call.id}/experts", {"expert_id": world[key].id}).status_code == 302
    proposals = {p.organization_id: p for p in session.scalars(select(Proposal))}
    return call, proposals[world["uni_a"].organization_id], proposals[world["uni_b"].organization_id]


def score(app, who, call, proposal, values, comment="方案可行"):
    data = {f"score_{c.id}": str(v) for c, v in zip(call.criteria, values)}
    return post(client_for(app, who), f"/calls/{call.id}/proposals/{proposal.id}/score", {**data, "comment": comment})


def test_scoring_waits_for_the_deadline_respects_ranges_and_conflicts(app, world, session, reviewed):
    call, prop_a, prop_b = reviewed
    early = score(app, world["expert_1"], call, prop_a, [30, 20, 20])
    assert early.status_code == 400 and "揭榜尚未截止" in early.get_data(as_text=True)
    time_travel(session, call.id, closes_on=TODAY - timedelta(days=1), opens_on=TODAY - timedelta(days=30))
    out_of_range = score(app, world["expert_1"], call, prop_a, [45, 20, 20])
    assert out_of_range.status_code == 400 and "「技术方案」的分数应在 0 至 40 之间" in out_of_range.get_data(as_text=True)
    own_org = score(app, world["expert_a"], call, prop_a, [40, 30, 30])
    assert own_org.status_code == 403 and "须回避" in own_org.get_data(as_text=True)
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "call.conflict_refused")) is not None
    assert score(app, world["expert_1"], call, prop_a, [35, 25, 20]).status_code == 302
    session.expire_all()
    review = session.get(Proposal, prop_a.id).reviews[0]
    assert review.score == Decimal("80") and {s.score for s in review.scores} == {35, 25, 20}
    assert session.get(Challenge, call.id).status == ChallengeStatus.REVIEWING
    declared = post(client_for(app, world["expert_2"]), f"/calls/{call.id}/proposals/{prop_b.id}/conflict",
                    {"comment": "曾与该团队合作"})
    assert declared.status_code == 302
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "proposal.conflict")) is not None


def test_winner_needs_every_score_a_reason_when_not_the_top_then_publicity_award_and_acceptance(app, world, session,
                                                                                                reviewed):
    call, prop_a, prop_b = reviewed
    time_travel(session, call.id, closes_on=TODAY - timedelta(days=1), opens_on=TODAY - timedelta(days=30))
    enterprise = client_for(app, world["enterprise"])
    score(app, world["expert_1"], call, prop_a, [35, 25, 20])
    score(app, world["expert_1"], call, prop_b, [30, 20, 25])
    score(app, world["expert_2"], call, prop_a, [38, 26, 22])
    too_soon = post(enterprise, f"/calls/{call.id}/winner", {"proposal_id": prop_a.id})
    assert too_soon.status_code == 400 and "评分不足 2 份" in too_soon.get_data(as_text=True)
    score(app, world["expert_2"], call, prop_b, [30, 22, 24])
    ranking = enterprise.get(f"/calls/{call.id}").get_data(as_text=True)
    assert ranking.index("重庆甲大学", ranking.index('id="ranking"')) < ranking.index("四川乙研究院", ranking.index('id="ranking"'))
    no_reason = post(enterprise, f"/calls/{call.id}/winner", {"proposal_id": prop_b.id})
    assert no_reason.status_code == 400 and "不是评分最高的方案" in no_reason.get_data(as_text=True)
    assert post(enterprise, f"/calls/{call.id}/winner", {"proposal_id": prop_a.id}).status_code == 302
    session.expire_all()
    call_now = session.get(Challenge, call.id)
    assert call_now.status == ChallengeStatus.PUBLICITY and call_now.publicity_ends_on == TODAY + timedelta(days=5)

    assert post(client_for(app, world["uni_b"]), f"/calls/{call.id}/objections", {"text": "评分过程请复核"}).status_code == 302
    broker = client_for(app, world["broker"])
    early = post(broker, f"/calls/{call.id}/finalize", {})
    assert early.status_code == 400 and "公示期至" in early.get_data(as_text=True)
    time_travel(session, call.id, publicity_ends_on=TODAY - timedelta(days=1))
    open_objection = post(broker, f"/calls/{call.id}/finalize", {})
    assert open_objection.status_code == 400 and "未处理的异议" in open_objection.get_data(as_text=True)
    objection = session.get(Challenge, call.id).objections[0]
    assert post(broker, f"/calls/{call.id}/objections/{objection.id}/resolve",
                {"resolution": "经复核评分无误，维持结果"}).status_code == 302
    assert post(broker, f"/calls/{call.id}/finalize", {}).status_code == 302

    session.expire_all()
    call_now = session.get(Challenge, call.id)
    assert call_now.status == ChallengeStatus.IMPLEMENTING
    assert {p.status for p in call_now.proposals} == {ProposalStatus.WON, ProposalStatus.NOT_SELECTED}
    pairing = session.scalar(select(Pairing).where(Pairing.proposal_id == prop_a.id))
    assert pairing.stage == Stage.INTERESTED and [m.title for m in pairing.milestones] == ["完成中试", "现场验收"]
    assert pairing.party_of(world["uni_a"]) == "university" and "揭榜挂帅" in pairing.events[0].note

    bad_date = post(enterprise, f"/calls/{call.id}/acceptance",
                    {"passed": "1", "report": "指标全部达到", "accepted_on": (TODAY + timedelta(days=3)).isoformat()})
    assert bad_date.status_code == 400
    assert post(enterprise, f"/calls/{call.id}/acceptance",
                {"passed": "1", "report": "指标全部达到", "accepted_on": TODAY.isoformat()}).status_code == 302
    session.expire_all()
    assert session.get(Challenge, call.id).status == ChallengeStatus.ACCEPTED


def test_the_broker_extends_the_deadline_with_a_note_and_proposers_are_told(app, world, session):
    from models import Notification

    publish(app, world)
    call = session.scalar(select(Challenge))
    propose(app, world["uni_a"], call.id)
    broker = client_for(app, world["broker"])
    no_note = post(broker, f"/calls/{call.id}/extend", {"closes_on": (TODAY + timedelta(days=40)).isoformat()})
    assert no_note.status_code == 400 and "请说明延期原因" in no_note.get_data(as_text=True)
    assert post(broker, f"/calls/{call.id}/extend", {"closes_on": (TODAY + timedelta(days=40)).isoformat(),
                                                     "note": "应多家单位请求延期"}).status_code == 302
    session.expire_all()
    assert session.get(Challenge, call.id).closes_on == TODAY + timedelta(days=40)
    told = session.scalars(select(Notification).where(Notification.kind == "call.extended")).all()
    assert world["uni_a"].id in {n.user_id for n in told}
    assert post(client_for(app, world["enterprise"]), f"/calls/{call.id}/extend",
                {"closes_on": (TODAY + timedelta(days=50)).isoformat(), "note": "x"}).status_code == 403
