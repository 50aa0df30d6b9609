"""Universities list achievements under their teams; brokers select them; others only read."""
from __future__ import annotations

from decimal import Decimal

import pytest
from sqlalchemy import select

from models import Achievement, AchievementStatus, IPType, Maturity, OrgKind, ResearchTeam, Role

from .conftest import industry, post_form


def achievement_form(session, **overrides):
    data = {
        "title": "柑橘皮渣果胶绿色提取技术",
        "abstract": "采用复合酶解与膜分离耦合工艺，从柑橘加工皮渣中提取高酯果胶，得率18%以上。",
        "advantages": "较传统酸提法减少废水60%，果胶酯化度稳定。",
        "industry_id": str(industry(session, "agriculture.citrus").id),
        "keywords": "柑橘，果胶，皮渣利用",
        "maturity": "pilot",
        "trl": "6",
        "ip_type": "invention_patent",
        "ip_numbers": "ZL202110587321.4",
        "coop_modes": ["transfer", "license"],
        "price_wan": "120",
        "new_team_name": "农产品加工与贮藏课题组",
        "publish": "y",
    }
    data.update(overrides)
    return data


def test_university_lists_an_achievement_under_a_new_team(login_as, session):
    client, user = login_as(Role.UNIVERSITY)
    response = post_form(client, "/achievements/new", achievement_form(session))
    assert response.status_code == 302
    ach = session.scalar(select(Achievement))
    assert ach.status == AchievementStatus.PUBLISHED
    assert ach.maturity == Maturity.PILOT and ach.trl == 6 and ach.ip_type == IPType.INVENTION_PATENT
    assert ach.price_wan == Decimal("120.00")
    team = session.get(ResearchTeam, ach.team_id)
    assert team.name == "农产品加工与贮藏课题组" and team.organization_id == user.organization_id
    assert "柑橘皮渣果胶绿色提取技术" in client.get("/achievements/?mine=1").get_data(as_text=True)


def test_draft_achievement_is_invisible_to_others(login_as, session):
    client, _ = login_as(Role.UNIVERSITY)
    post_form(client, "/achievements/new", achievement_form(session, publish=""))
    ach = session.scalar(select(Achievement))
    assert ach.status == AchievementStatus.DRAFT
    assert client.get(f"/achievements/{ach.id}").status_code == 200
    other, _ = login_as(Role.ENTERPRISE)
    assert other.get(f"/achievements/{ach.id}").status_code == 404
    assert "柑橘皮渣果胶" not in other.get("/achievements/").get_data(as_text=True)


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "", "标题不能为空"),
        ("title", "果" * 121, "标题不能超过 120 个字"),
        ("abstract", "  ", "此项不能为空"),
        ("price_wan", "-1", "金额不能为负数"),
        ("price_wan", "abc", "请输入数字金额"),
        ("trl", "12", "技术就绪度等级应在 1–9 之间"),
        ("trl", "2", "对应的技术就绪度为 5–7 级"),
        ("maturity", "mass", "选择无效"),
    ],
)
def test_bad_achievement_input_is_refused(login_as, session, field, value, message):
    client, _ = login_as(Role.UNIVERSITY)
    response = post_form(client, "/achievements/new", achievement_form(session, **{field: value}))
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert session.scalar(select(Achievement)) is None
    assert session.scalar(select(ResearchTeam)) is None  # nothing half-written


def test_team_of_another_university_is_refused(login_as, session, make_org):
    other_team = ResearchTeam(organization_id=make_org(OrgKind.UNIVERSITY).id, name="他校团队")
    session.add(other_team)
    session.commit()
    client, _ = login_as(Role.UNIVERSITY)
    response = post_form(client, "/achievements/new", achievement_form(session, new_team_name="", team_id=str(other_team.id)))
    assert response.status_code == 400
    assert session.scalar(select(Achievement)) is None


def test_another_university_guessing_the_edit_url_gets_404(login_as, make_org, make_achievement, session):
    ach = make_achievement(make_org(OrgKind.UNIVERSITY))
    client, _ = login_as(Role.UNIVERSITY)
    assert client.get(f"/achievements/{ach.id}/edit").status_code == 404
    assert post_form(client, f"/achievements/{ach.id}/withdraw", {}).status_code == 404
    session.refresh(ach)
    assert ach.status == AchievementStatus.PUBLISHED


def test_enterprise_cannot_list_achievements(login_as):
    client, _ = login_as(Role.ENTERPRISE)
    assert client.get("/achievements/new").status_code == 403


def test_owner_withdraws_and_broker_selects(login_as, make_achievement, session):
    owner, user = login_as(Role.UNIVERSITY)
    ach = make_achievement(user.organization)
    broker, _ = login_as(Role.BROKER)
    assert post_form(broker, f"/collection/achievements/{ach.id}/mark", {"rationale": "高价值成果"}).status_code == 302
    session.refresh(ach)
    assert ach.is_selected
    html = broker.get("/achievements/?flagged=1").get_data(as_text=True)
    assert ach.title in html
    assert post_form(owner, f"/collection/achievements/{ach.id}/unmark", {}).status_code == 403
    assert post_form(owner, f"/achievements/{ach.id}/withdraw", {}).status_code == 302
    session.refresh(ach)
    assert ach.status == AchievementStatus.WITHDRAWN and ach.is_selected


def test_filter_by_maturity_and_search(login_as, make_org, make_achievement):
    org = make_org(OrgKind.UNIVERSITY)
    make_achievement(org, maturity=Maturity.PILOT)
    make_achievement(org, title="滑坡地表位移北斗监测预警系统", abstract="基于北斗高精度定位的库区滑坡监测", maturity=Maturity.INDUSTRIAL, industry=None)
    client, _ = login_as(Role.ENTERPRISE)
    html = client.get("/achievements/?maturity=industrial").get_data(as_text=True)
    assert "滑坡地表位移北斗监测预警系统" in html and "上引连铸低氧铜杆氧含量在线控制技术" not in html
    html = client.get("/achievements/?q=北斗 滑坡").get_data(as_text=True)
    assert "滑坡地表位移北斗监测预警系统" in html and "共 1 项" in html
