"""Enterprises post, edit, withdraw and find needs; bad input is refused with a clear message."""
from __future__ import annotations

import re
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from models import AuditEvent, NeedStatus, OrgKind, Role, TechNeed

from .conftest import industry, post_form, settle


def need_form(session, **overrides):
    data = {
        "title": "铜杆氧含量偏高导致漆包线断线",
        "description": "我们用上引法生产低氧铜杆，氧含量时高时低，拉丝时经常断线，想找高校一起解决。",
        "current_situation": "氧含量 15–40ppm 波动",
        "target_indicators": "氧含量≤10ppm，断线率下降 50%",
        "industry_id": str(industry(session, "new_materials.copper").id),
        "keywords": "铜杆，氧含量、上引连铸 铜杆",
        "coop_modes": ["development", "transfer"],
        "budget_wan": "80",
        "deadline": (date.today() + timedelta(days=60)).isoformat(),
    }
    data.update(overrides)
    return data


def test_enterprise_posts_a_need_and_finds_it_in_its_list(login_as, session):
    client, user = login_as(Role.ENTERPRISE)
    response = post_form(client, "/needs/new", need_form(session))
    assert response.status_code == 302
    need = session.scalar(select(TechNeed))
    assert need.organization_id == user.organization_id
    assert need.keywords == ["铜杆", "氧含量", "上引连铸"]
    assert need.coop_modes == ["development", "transfer"]
    assert need.budget_wan == Decimal("80.00")
    assert need.status == NeedStatus.OPEN
    listing = client.get("/needs/?mine=1").get_data(as_text=True)
    assert "铜杆氧含量偏高导致漆包线断线" in listing
    audit = session.scalars(select(AuditEvent.action).where(AuditEvent.object_type == "tech_needs")).all()
    assert audit == ["need.create"]


@pytest.mark.parametrize(
    "field, value, message",
    [
        ("title", "", "标题不能为空"),
        ("title", "   ", "标题不能为空"),
        ("title", "铜" * 121, "标题不能超过 120 个字"),
        ("description", "", "此项不能为空"),
        ("budget_wan", "-5", "金额不能为负数"),
        ("budget_wan", "五十万", "请输入数字金额"),
        ("budget_wan", "12.345", "最多保留两位小数"),
        ("deadline", (date.today() - timedelta(days=1)).isoformat(), "截止日期不能早于今天"),
        ("deadline", "2024-13-40", "不是有效的日期值"),
        ("coop_modes", ["barter"], "“barter”不是可选的选项"),
        ("keywords", "，".join(f"词{i}" for i in range(11)), "关键词最多 10 个"),
    ],
)
def test_bad_need_input_is_refused_with_a_message_and_nothing_saved(login_as, session, field, value, message):
    client, _ = login_as(Role.ENTERPRISE)
    response = post_form(client, "/needs/new", need_form(session, **{field: value}))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert message in html
    assert session.scalar(select(TechNeed)) is None


def test_owner_edits_its_need(login_as, session, make_need):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization)
    response = post_form(client, f"/needs/{need.id}/edit", need_form(session, title="铜杆表面氧化（已更新）"))
    assert response.status_code == 302
    session.refresh(need)
    assert need.title == "铜杆表面氧化（已更新）"


def test_an_old_deadline_left_unchanged_does_not_block_editing(login_as, session, make_need):
    client, user = login_as(Role.ENTERPRISE)
    past = date.today() - timedelta(days=3)
    need = make_need(user.organization, deadline=past)
    response = post_form(client, f"/needs/{need.id}/edit", need_form(session, deadline=past.isoformat()))
    assert response.status_code == 302


@pytest.mark.parametrize("path", ["/needs/{id}/edit", "/needs/{id}/withdraw"])
def test_another_enterprise_guessing_the_edit_url_gets_404(login_as, make_org, make_need, session, path):
    need = make_need(make_org())
    client, _ = login_as(Role.ENTERPRISE)
    url = path.format(id=need.id)
    assert client.get(url).status_code in (404, 405)
    response = post_form(client, url, need_form(session, title="被篡改"))
    assert response.status_code == 404
    session.refresh(need)
    assert need.title != "被篡改" and need.status == NeedStatus.OPEN


def test_university_cannot_post_needs(login_as):
    client, _ = login_as(Role.UNIVERSITY)
    assert client.get("/needs/new").status_code == 403


def test_withdrawn_need_disappears_for_others_but_stays_for_its_owner(login_as, make_need, session):
    owner_client, owner = login_as(Role.ENTERPRISE)
    need = make_need(owner.organization)
    assert post_form(owner_client, f"/needs/{need.id}/withdraw", {}).status_code == 302
    session.refresh(need)
    assert need.status == NeedStatus.WITHDRAWN
    assert owner_client.get(f"/needs/{need.id}").status_code == 200
    other, _ = login_as(Role.ENTERPRISE)
    assert other.get(f"/needs/{need.id}").status_code == 404
    assert need.title not in other.get("/needs/").get_data(as_text=True)
    # withdrawing twice is harmless
    assert post_form(owner_client, f"/needs/{need.id}/withdraw", {}).status_code == 302


def test_nonexistent_need_is_404(login_as):
    client, _ = login_as(Role.ENTERPRISE)
    assert client.get("/needs/999999").status_code == 404


CONFIDENTIAL_NAME = "重庆保密铜材科技有限公司"


@pytest.fixture
def confidential_need(app, make_org, make_need):
    org = make_org(OrgKind.ENTERPRISE, name=CONFIDENTIAL_NAME)
    need = make_need(org, title="高导电铜排镀锡工艺", is_confidential=True)
    settle(app)  # indexed, so that search finds it
    return need


def test_confidential_owner_name_never_reaches_another_enterprise(login_as, confidential_need):
    client, _ = login_as(Role.ENTERPRISE)
    pages = [
        "/needs/",
        "/needs/?q=镀锡",
        f"/needs/{confidential_need.id}",
        "/",
        "/search/?q=铜排镀锡工艺&in=needs",
    ]
    for path in pages:
        html = client.get(path).get_data(as_text=True)
        assert CONFIDENTIAL_NAME not in html, path
    found = re.sub(r"<[^>]+>", "", client.get("/search/?q=铜排镀锡工艺&in=needs").get_data(as_text=True))
    assert "高导电铜排镀锡工艺" in found and "某企业(新材料)" in found
    # searching by the enterprise's name finds nothing (search covers title and description)
    assert "共 0 条" in client.get(f"/needs/?q={CONFIDENTIAL_NAME}").get_data(as_text=True)
    detail = client.get(f"/needs/{confidential_need.id}").get_data(as_text=True)
    assert "某企业(新材料)" in detail and "高导电铜排镀锡工艺" in detail


def test_confidential_owner_name_hidden_from_universities_too(login_as, confidential_need):
    client, _ = login_as(Role.UNIVERSITY)
    assert CONFIDENTIAL_NAME not in client.get(f"/needs/{confidential_need.id}").get_data(as_text=True)
    assert CONFIDENTIAL_NAME not in client.get("/needs/").get_data(as_text=True)


def test_confidential_owner_name_shown_to_brokers(login_as, confidential_need):
    client, _ = login_as(Role.BROKER)
    assert CONFIDENTIAL_NAME in client.get(f"/needs/{confidential_need.id}").get_data(as_text=True)


def test_search_filters_and_pagination(login_as, make_org, make_need, session, app):
    client, _ = login_as(Role.ENTERPRISE)
    copper = make_org(name="万州铜业")
    food = make_org(name="达州食品", region_code="dazhou", industry_code="food")
    for i in range(25):
        make_need(copper, title=f"铜杆氧含量控制第{i}批")
    make_need(food, title="烤鱼冷链保鲜期延长", description="烤鱼预制菜冷链运输中保鲜期短", keywords=["烤鱼", "冷链"], industry=industry(session, "food.cold_chain"), is_key=True)

    html = client.get("/needs/?q=烤鱼").get_data(as_text=True)
    assert "烤鱼冷链保鲜期延长" in html and "铜杆氧含量控制" not in html
    html = client.get("/needs/?q=冷链 保鲜").get_data(as_text=True)
    assert "烤鱼冷链保鲜期延长" in html
    html = client.get("/needs/?q=100%25").get_data(as_text=True)  # LIKE wildcards are literal
    assert "共 0 条" in html
    food_id = industry(session, "food").id
    html = client.get(f"/needs/?industry={food_id}").get_data(as_text=True)
    assert "烤鱼冷链保鲜期延长" in html and "铜杆氧含量控制" not in html
    dazhou = session.execute(select(TechNeed.id).where(TechNeed.organization_id == food.id)).scalar()
    assert dazhou
    from .conftest import region
    html = client.get(f"/needs/?region={region(session, 'dazhou').id}").get_data(as_text=True)
    assert "烤鱼冷链保鲜期延长" in html and "铜杆" not in html
    html = client.get("/needs/?flagged=1").get_data(as_text=True)
    assert "烤鱼冷链保鲜期延长" in html and "铜杆氧含量控制" not in html
    page1 = client.get("/needs/").get_data(as_text=True)
    page2 = client.get("/needs/?page=2").get_data(as_text=True)
    assert "共 26 条" in page1
    assert page1.count('class="list-group-item list-group-item-action"') == app.config["PAGE_SIZE"]
    assert page2.count('class="list-group-item list-group-item-action"') == 26 - app.config["PAGE_SIZE"]
    assert client.get("/needs/?page=99").status_code == 200


def test_broker_marks_a_need_as_key(login_as, make_org, make_need, session):
    need = make_need(make_org())
    client, _ = login_as(Role.BROKER)
    assert post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "产业链关键环节"}).status_code == 302
    session.refresh(need)
    assert need.is_key
    enterprise, _ = login_as(Role.ENTERPRISE)
    assert post_form(enterprise, f"/collection/needs/{need.id}/unmark", {}).status_code == 403
    session.refresh(need)
    assert need.is_key


def test_owner_sees_completeness_hint(login_as, make_need):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization, budget_wan=None, coop_modes=[])
    html = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "补充以下信息" in html and "预算" in html and "合作方式" in html
