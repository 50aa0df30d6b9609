"""Each role lands on a home page that shows what it must do next."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest

from models import Contract, ContractSubType, ContractType, OrgKind, Pairing, Response, Role, Stage

TITLES = {
    Role.ENTERPRISE: "企业工作台",
    Role.UNIVERSITY: "高校院所工作台",
    Role.BROKER: "技术经纪人工作台",
    Role.ADMIN: "管理员工作台",
    Role.EXPERT: "评审专家工作台",
}


@pytest.mark.parametrize("role", list(Role))
def test_each_role_lands_on_its_home(login_as, role):
    client, _ = login_as(role)
    html = client.get("/").get_data(as_text=True)
    assert TITLES[role] in html


def test_anonymous_visitor_sees_the_welcome_page(client):
    html = client.get("/").get_data(as_text=True)
    assert "企业出题、政府搭台、高校院所答题" in html and "/login" in html


def test_enterprise_home_lists_pushed_pairings_and_incomplete_needs(login_as, make_org, make_need, make_achievement, session):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization, budget_wan=None)
    ach = make_achievement(make_org(OrgKind.UNIVERSITY))
    session.add(Pairing(need_id=need.id, achievement_id=ach.id, stage=Stage.PUSHED))
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert f"经纪人推送了成果“{ach.title}”" in html
    assert "补充现状与痛点、目标技术指标、预算" in html


def test_university_home_lists_pairings_to_answer(login_as, make_org, make_need, make_achievement, session):
    client, user = login_as(Role.UNIVERSITY)
    ach = make_achievement(user.organization)
    need = make_need(make_org())
    session.add(Pairing(need_id=need.id, achievement_id=ach.id, stage=Stage.PUSHED, enterprise_response=Response.INTERESTED))
    session.commit()
    assert f"经纪人推送了需求“{need.title}”" in client.get("/").get_data(as_text=True)


def test_broker_home_flags_contracts_overdue_for_registration(login_as, make_org, make_need, make_achievement, session):
    client, _ = login_as(Role.BROKER)
    need = make_need(make_org())
    ach = make_achievement(make_org(OrgKind.UNIVERSITY))
    contract = Contract(contract_type=ContractType.LICENSE, sub_type=ContractSubType.PATENT_LICENSE,
                        amount_wan=Decimal("4200"), tech_income_wan=Decimal("4200"),
                        signed_on=date.today() - timedelta(days=45))
    session.add(Pairing(need_id=need.id, achievement_id=ach.id, stage=Stage.SIGNED, contract=contract))
    session.commit()
    html = client.get("/").get_data(as_text=True)
    assert "待认定登记的合同" in html and need.title in html and "已逾期" in html
    assert "4,200 万元" in html
