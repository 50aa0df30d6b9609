"""One home for each access rule: every predicate on a model (``can_view``) agrees with its SQL
twin (``visible_to``) on the demo data, for every role and for a user of an unrelated organisation."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from matchmaker.demo import load_demo
from models import Achievement, MatchmakingEvent, MatchSuggestion, OrgKind, Organization, Pairing, Proposal, Role, TechNeed, User

from .conftest import _fast_hash, settle


@pytest.fixture
def demo_users(app, session):
    load_demo(session)
    session.commit()
    settle(app)  # the stored suggestion lists
    outsider_org = Organization(name="与对接无关的企业有限公司", kind=OrgKind.ENTERPRISE, credit_code="91500101MA5U9X8N4E")
    session.add(outsider_org)
    session.flush()
    outsider = User(email="outsider@example.cn", name="局外人", password_hash=_fast_hash(), role=Role.ENTERPRISE,
                    organization_id=outsider_org.id)
    orgless = User(email="orgless@example.cn", name="无机构", password_hash=_fast_hash(), role=Role.UNIVERSITY)
    session.add_all([outsider, orgless])
    session.commit()
    emails = ["qiye@demo.cn", "gaoxiao@demo.cn", "yuansuo@demo.cn", "jingjiren@demo.cn", "admin@demo.cn"]
    users = [session.scalar(select(User).where(User.email == e)) for e in emails] + [outsider, orgless]
    return users


@pytest.mark.parametrize("model,predicate,clause", [
    (TechNeed, "can_view", "visible_to"),
    (Achievement, "can_view", "visible_to"),
    (TechNeed, "can_see_suggestions", "suggestions_visible_to"),
    (Achievement, "can_see_suggestions", "suggestions_visible_to"),
    (MatchSuggestion, "can_view", "visible_to"),
    (Pairing, "can_view", "visible_to"),
    (Proposal, "can_view", "visible_to"),
    (MatchmakingEvent, "can_view", "visible_to"),
])
def test_the_predicate_and_its_sql_twin_agree_for_every_role(session, demo_users, model, predicate, clause):
    rows = session.scalars(select(model)).unique().all()
    assert rows
    for user in demo_users:
        by_python = {row.id for row in rows if getattr(row, predicate)(user)}
        by_sql = set(session.scalars(select(model.id).where(getattr(model, clause)(user))))
        assert by_python == by_sql, (model.__name__, predicate, user.email, sorted(by_python ^ by_sql)[:10])
    # and the rules are not trivial: brokers see everything, an unrelated enterprise no one's lists or pairings
    broker, outsider = demo_users[3], demo_users[5]
    assert all(getattr(row, predicate)(broker) for row in rows)
    if model in (Pairing, MatchSuggestion, Proposal, MatchmakingEvent) or predicate == "can_see_suggestions":
        assert not any(getattr(row, predicate)(outsider) for row in rows)
