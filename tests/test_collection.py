"""征集批次与遴选: the funnel per batch, a batch's filters, marking key needs and selected
achievements with a rationale (audited), and who may do any of it."""
from __future__ import annotations

import re
from decimal import Decimal

import pytest
from sqlalchemy import select

from matchmaker.collection import services
from models import (
    Achievement,
    AchievementStatus,
    AuditEvent,
    ImportBatch,
    ImportKind,
    ImportStatus,
    NeedStatus,
    OrgKind,
    Role,
    TechNeed,
)

from .conftest import industry, post_form, region
from .test_matching import counting_writes

HTMX = {"HX-Request": "true"}


@pytest.fixture
def collection(session, make_org, make_need, make_achievement):
    """A 2026 needs batch of four, an achievements batch of three, an older batch, a batch still in
    preview, and a need posted on the platform (no batch); one key need and one selected achievement."""
    def batch(kind, year, source, status=ImportStatus.IMPORTED):
        b = ImportBatch(kind=kind, year=year, source=source, status=status)
        session.add(b)
        session.commit()
        return b

    needs_batch = batch(ImportKind.NEEDS, 2026, "2026年度技术需求征集")
    achievements_batch = batch(ImportKind.ACHIEVEMENTS, 2026, "2026年度科技成果征集")
    older = batch(ImportKind.NEEDS, 2025, "2025年度技术需求征集")
    preview = batch(ImportKind.NEEDS, 2026, "待确认的导入", status=ImportStatus.PREVIEW)

    wanzhou, dazhou = make_org(region_code="wanzhou"), make_org(region_code="dazhou")
    kaizhou = make_org(region_code="kaizhou")
    needs = {
        "copper": make_need(wanzhou, title="低氧铜杆氧含量控制", batch_id=needs_batch.id, is_key=True,
                            key_rationale="铜产业链共性难题"),
        "aluminium": make_need(dazhou, title="特铝型材表面处理", industry=industry(session, "new_materials.special_aluminium"),
                               batch_id=needs_batch.id, status=NeedStatus.IN_PROGRESS, budget_wan=Decimal("120")),
        "juice": make_need(kaizhou, title="NFC橙汁褐变控制", industry=industry(session, "food.fruit_veg"),
                           batch_id=needs_batch.id),
        "materials": make_need(wanzhou, title="新材料检测方法", industry=industry(session, "new_materials"),
                               batch_id=needs_batch.id, status=NeedStatus.WITHDRAWN),
        "older": make_need(wanzhou, title="往年的需求", batch_id=older.id, is_key=True, key_rationale="往年重点"),
        "preview": make_need(wanzhou, title="待确认批次中的需求", batch_id=preview.id),
        "posted": make_need(wanzhou, title="平台上发布的需求", is_key=True, key_rationale="经纪人走访"),
    }
    uni = make_org(OrgKind.UNIVERSITY, region_code="wanzhou")
    achievements = {
        "rod": make_achievement(uni, title="上引连铸在线测氧技术", batch_id=achievements_batch.id, is_selected=True,
                                selection_rationale="中试成熟"),
        "juice": make_achievement(uni, title="果汁非热杀菌技术", industry=industry(session, "food.fruit_veg"),
                                  batch_id=achievements_batch.id),
        "draft": make_achievement(uni, title="铝合金熔体净化", batch_id=achievements_batch.id,
                                  status=AchievementStatus.DRAFT),
    }
    return {"needs_batch": needs_batch, "achievements_batch": achievements_batch, "older": older,
            "preview": preview, "needs": needs, "achievements": achievements}


def funnel_rows(html: str) -> dict[str, tuple[int, int, str]]:
    """The batch table of /collection/: source → (collected, marked, percent)."""
    rows = re.findall(r'<tr data-batch="\d+">.*?<a [^>]*>([^<]+)</a>.*?<td class="text-end">(\d+)</td>'
                      r'<td class="text-end">(\d+)</td>\s*<td class="text-end">([\d.]+)%</td>', html, re.S)
    return {source: (int(c), int(m), p) for source, c, m, p in rows}


def row_titles(html: str) -> list[str]:
    return re.findall(r'<tr id="(?:needs|achievements)-row-\d+".*?class="listing-title"[^>]*>([^<]+)</a>', html, re.S)


def fresh(session, model, item_id):
    session.expire_all()
    return session.get(model, item_id)


def audits(session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


# ---------------------------------------------------------------------- the funnel


def test_the_funnel_counts_only_imported_batch_members_and_adds_up_each_year(session, collection):
    funnels = services.batch_funnels(session)
    assert [(f.batch.source, f.count.collected, f.count.marked, f.count.percent) for f in funnels] == [
        ("2026年度技术需求征集", 4, 1, 25.0),  # the posted need and the preview batch's are no member
        ("2026年度科技成果征集", 3, 1, 33.3),
        ("2025年度技术需求征集", 1, 1, 100.0),
    ]
    [y2026, y2025] = services.year_totals(funnels)
    assert (y2026.year, y2026.needs, y2026.achievements) == (2026, services.Count(4, 1), services.Count(3, 1))
    assert (y2025.year, y2025.needs, y2025.achievements) == (2025, services.Count(1, 1), services.Count(0, 0))
    assert services.Count(0, 0).percent == 0.0 and services.Count(242, 33).percent == 13.6
    assert services.Count(71, 43).percent == 60.6


def test_the_index_shows_each_batch_and_year_as_bars_and_as_a_table(session, collection, login_as):
    client, _ = login_as(Role.BROKER)
    html = client.get("/collection/").get_data(as_text=True)
    assert funnel_rows(html) == {"2026年度技术需求征集": (4, 1, "25.0"), "2026年度科技成果征集": (3, 1, "33.3"),
                                 "2025年度技术需求征集": (1, 1, "100.0")}
    assert "待确认的导入" not in html
    years = re.findall(r'<tr data-year="(\d+)"><th scope="row">\d+</th>((?:\s*<td class="text-end">[\d.%]+</td>)+)', html)
    assert [(y, re.findall(r">([\d.]+)%?<", cells)) for y, cells in years] == [
        ("2026", ["4", "1", "25.0", "3", "1", "33.3"]), ("2025", ["1", "1", "100.0", "0", "0", "0.0"])]
    # the bars: one svg per batch, the marked bar as wide as its share
    assert html.count("<svg") == 3 and 'width="25.00"' in html and 'x="37.50"' in html


def test_an_empty_index_says_there_is_no_batch_yet(login_as):
    client, _ = login_as(Role.ADMIN)
    html = client.get("/collection/").get_data(as_text=True)
    assert 'id="no-batches"' in html and "<table" not in html


# ---------------------------------------------------------------------- one batch, filtered


@pytest.mark.parametrize("query, expected", [
    ("", ["低氧铜杆氧含量控制", "特铝型材表面处理", "NFC橙汁褐变控制", "新材料检测方法"]),
    ("industry={new_materials}", ["低氧铜杆氧含量控制", "特铝型材表面处理", "新材料检测方法"]),  # with its directions
    ("industry={copper}", ["低氧铜杆氧含量控制"]),
    ("region={dazhou}", ["特铝型材表面处理"]),
    ("region={wanzhou}&industry={new_materials}", ["低氧铜杆氧含量控制", "新材料检测方法"]),
    ("status=in_progress", ["特铝型材表面处理"]),
    ("status=withdrawn", ["新材料检测方法"]),
    ("marked=1", ["低氧铜杆氧含量控制"]),
    ("marked=0", ["特铝型材表面处理", "NFC橙汁褐变控制", "新材料检测方法"]),
    ("marked=0&region={wanzhou}", ["新材料检测方法"]),
    ("q=橙汁", ["NFC橙汁褐变控制"]),
    ("status=bogus&marked=maybe&industry=x", ["低氧铜杆氧含量控制", "特铝型材表面处理", "NFC橙汁褐变控制", "新材料检测方法"]),
])
def test_a_batch_filters_by_industry_region_status_and_mark(session, collection, login_as, query, expected):
    ids = {"new_materials": industry(session, "new_materials").id, "copper": industry(session, "new_materials.copper").id}
    ids.update({code: region(session, code).id for code in ("wanzhou", "dazhou")})
    client, _ = login_as(Role.BROKER)
    response = client.get(f"/collection/{collection['needs_batch'].id}?" + query.format(**ids))
    assert response.status_code == 200
    assert row_titles(response.get_data(as_text=True)) == expected


def test_an_achievements_batch_filters_by_its_own_statuses_and_selection(collection, login_as):
    client, _ = login_as(Role.BROKER)
    path = f"/collection/{collection['achievements_batch'].id}"
    assert row_titles(client.get(path).get_data(as_text=True)) == ["上引连铸在线测氧技术", "果汁非热杀菌技术", "铝合金熔体净化"]
    assert row_titles(client.get(path + "?status=draft").get_data(as_text=True)) == ["铝合金熔体净化"]
    assert row_titles(client.get(path + "?marked=1").get_data(as_text=True)) == ["上引连铸在线测氧技术"]
    assert row_titles(client.get(path + "?status=in_progress").get_data(as_text=True)) == [
        "上引连铸在线测氧技术", "果汁非热杀菌技术", "铝合金熔体净化"]  # a need status means nothing here


def test_a_batch_row_shows_what_a_broker_decides_on(session, collection, login_as, make_org, make_need):
    secret = make_need(make_org(name="重庆保密铜业有限公司", region_code="yunyang"), title="保密需求",
                       batch_id=collection["needs_batch"].id, is_confidential=True, budget_wan=None)
    client, _ = login_as(Role.BROKER)
    html = client.get(f"/collection/{collection['needs_batch'].id}?region=" +
                      str(secret.organization.region_id)).get_data(as_text=True)
    row = re.search(rf'<tr id="needs-row-{secret.id}".*?</tr>', html, re.S).group(0)
    for text in ("保密需求", "重庆保密铜业有限公司", "名称对外保密", "新材料·铜合金", "云阳", "征集中", "面议", "未标记",
                 f'href="/needs/{secret.id}"'):
        assert text in row, text
    key_row = client.get(f"/collection/{collection['needs_batch'].id}?marked=1").get_data(as_text=True)
    assert "铜产业链共性难题" in key_row and "50 万元" in key_row


def test_a_batch_is_paginated_and_the_pages_keep_the_filters(app, collection, login_as, monkeypatch):
    monkeypatch.setitem(app.config, "PAGE_SIZE", 2)
    client, _ = login_as(Role.BROKER)
    path = f"/collection/{collection['needs_batch'].id}"
    first = client.get(path + "?marked=0").get_data(as_text=True)
    assert row_titles(first) == ["特铝型材表面处理", "NFC橙汁褐变控制"]
    assert f'href="{path}?marked=0&amp;page=2"' in first
    assert row_titles(client.get(path + "?marked=0&page=2").get_data(as_text=True)) == ["新材料检测方法"]
    assert row_titles(client.get(path + "?page=99").get_data(as_text=True)) == []


# ---------------------------------------------------------------------- marking


def test_a_broker_marks_a_key_need_with_a_rationale_and_it_is_stored_and_audited(session, collection, login_as):
    client, broker = login_as(Role.BROKER)
    need = collection["needs"]["juice"]
    back = f"/collection/{collection['needs_batch'].id}?marked=0"
    response = post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "  柑橘产业重点需求  ", "next": back})
    assert response.status_code == 302 and response.headers["Location"] == back
    need = fresh(session, TechNeed, need.id)
    assert need.is_key and need.key_rationale == "柑橘产业重点需求" and need.key_marked_by_id == broker.id
    assert need.key_marked_at is not None
    [event] = audits(session, "need.mark_key")
    assert (event.actor_id, event.object_type, event.object_id) == (broker.id, "tech_needs", need.id)
    assert event.data == {"rationale": "柑橘产业重点需求", "batch_id": collection["needs_batch"].id}
    assert "已标为重点需求。" in client.get(back).get_data(as_text=True)

    # marking again with another rationale replaces it, and the audit keeps the old one
    post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "并入柑橘专场"})
    assert fresh(session, TechNeed, need.id).key_rationale == "并入柑橘专场"
    assert audits(session, "need.mark_key")[-1].data["previous_rationale"] == "柑橘产业重点需求"
    # the same rationale again writes nothing
    post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "并入柑橘专场"})
    assert len(audits(session, "need.mark_key")) == 2
    assert services.funnel_for(session, collection["needs_batch"]).count == services.Count(4, 2)


@pytest.mark.parametrize("rationale, message", [
    ("", "请填写标为重点需求的理由。"),
    ("   ", "请填写标为重点需求的理由。"),
    ("理" * 501, "理由不能超过 500 个字（现为 501 个字）。"),
])
def test_marking_needs_a_rationale_of_at_most_500_characters(session, collection, login_as, rationale, message):
    client, _ = login_as(Role.BROKER)
    need = collection["needs"]["juice"]
    path = f"/collection/needs/{need.id}/mark"
    # with HTMX: the row comes back with the message under the field, and a 400
    response = post_form(client, path, {"rationale": rationale}, headers=HTMX)
    assert response.status_code == 400
    html = response.get_data(as_text=True)
    assert message in html and 'role="alert"' in html and "<html" not in html
    # without JavaScript: back to the page, which shows the message
    response = post_form(client, path, {"rationale": rationale, "next": f"/needs/{need.id}"})
    assert response.status_code == 302
    assert message in client.get(response.headers["Location"]).get_data(as_text=True)
    assert not fresh(session, TechNeed, need.id).is_key and audits(session, "need.mark_key") == []


def test_exactly_500_characters_is_accepted(session, collection, login_as):
    client, _ = login_as(Role.BROKER)
    need = collection["needs"]["juice"]
    assert post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "理" * 500}).status_code == 302
    assert fresh(session, TechNeed, need.id).key_rationale == "理" * 500


def test_unmarking_clears_the_mark_and_the_audit_keeps_the_rationale(session, collection, login_as):
    client, broker = login_as(Role.BROKER)
    need = collection["needs"]["copper"]
    response = post_form(client, f"/collection/needs/{need.id}/unmark", {})
    assert response.status_code == 302 and response.headers["Location"] == f"/needs/{need.id}"
    need = fresh(session, TechNeed, need.id)
    assert (need.is_key, need.key_rationale, need.key_marked_by_id, need.key_marked_at) == (False, None, None, None)
    [event] = audits(session, "need.unmark_key")
    assert event.actor_id == broker.id and event.data["rationale"] == "铜产业链共性难题"
    post_form(client, f"/collection/needs/{need.id}/unmark", {})  # idempotent
    assert len(audits(session, "need.unmark_key")) == 1
    assert services.funnel_for(session, collection["needs_batch"]).count == services.Count(4, 0)


def test_the_unmark_button_asks_for_confirmation_first(collection, login_as):
    client, _ = login_as(Role.BROKER)
    html = client.get(f"/collection/{collection['needs_batch'].id}?marked=1").get_data(as_text=True)
    row = re.search(r'<tr id="needs-row-\d+".*?</tr>', html, re.S).group(0)
    assert re.search(r'<summary[^>]*>修改理由</summary>.*?<textarea[^>]*>铜产业链共性难题</textarea>', row, re.S)
    # the unmark form sits behind a disclosure that says what happens; no inline script needed
    assert re.search(r'<details class="mark-step">\s*<summary[^>]*>取消重点</summary>.*?确定取消吗？.*?'
                     r'<button type="submit" class="btn btn-danger btn-sm">确认取消重点</button>', row, re.S)
    assert "onsubmit" not in row and "<script" not in html.split("</main>")[0]


def test_a_broker_selects_and_unselects_an_achievement(session, collection, login_as):
    client, broker = login_as(Role.ADMIN)
    ach = collection["achievements"]["juice"]
    assert post_form(client, f"/collection/achievements/{ach.id}/mark", {"rationale": ""}).status_code == 302
    assert not fresh(session, Achievement, ach.id).is_selected
    html = post_form(client, f"/collection/achievements/{ach.id}/mark", {"rationale": ""}, headers=HTMX).get_data(as_text=True)
    assert "请填写遴选该成果的理由。" in html

    post_form(client, f"/collection/achievements/{ach.id}/mark", {"rationale": "非热杀菌，中试完成"})
    ach = fresh(session, Achievement, ach.id)
    assert ach.is_selected and ach.selection_rationale == "非热杀菌，中试完成" and ach.selected_by_id == broker.id
    assert ach.selected_at is not None
    assert audits(session, "achievement.select")[0].data["rationale"] == "非热杀菌，中试完成"
    post_form(client, f"/collection/achievements/{ach.id}/unmark", {})
    ach = fresh(session, Achievement, ach.id)
    assert not ach.is_selected and ach.selection_rationale is None and ach.selected_by_id is None
    assert audits(session, "achievement.unselect")[0].data["rationale"] == "非热杀菌，中试完成"


def test_a_withdrawn_listing_cannot_be_marked_but_can_be_unmarked(session, collection, login_as, make_need):
    client, _ = login_as(Role.BROKER)
    withdrawn = collection["needs"]["materials"]
    response = post_form(client, f"/collection/needs/{withdrawn.id}/mark", {"rationale": "很重要"}, headers=HTMX)
    assert response.status_code == 400 and "需求已撤回，不能标为重点需求。" in response.get_data(as_text=True)
    assert not fresh(session, TechNeed, withdrawn.id).is_key
    html = client.get(f"/collection/{collection['needs_batch'].id}?status=withdrawn").get_data(as_text=True)
    assert "已撤回，不能再标记。" in html and f"/collection/needs/{withdrawn.id}/mark" not in html
    was_key = make_need(collection["needs"]["copper"].organization, title="撤回前的重点需求", is_key=True,
                        key_rationale="旧理由", status=NeedStatus.WITHDRAWN)
    panel = client.get(f"/needs/{was_key.id}").get_data(as_text=True)
    assert "取消重点" in panel and f"/collection/needs/{was_key.id}/mark" not in panel
    assert post_form(client, f"/collection/needs/{was_key.id}/unmark", {}).status_code == 302
    assert not fresh(session, TechNeed, was_key.id).is_key


def test_htmx_gets_the_row_and_the_batch_funnel_back(session, collection, login_as):
    client, _ = login_as(Role.BROKER)
    need = collection["needs"]["aluminium"]
    back = f"/collection/{collection['needs_batch'].id}?status=in_progress"
    response = post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "特铝产业链", "next": back},
                         headers=HTMX)
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert "<html" not in html and html.count("<tr ") == 1
    assert re.search(rf'<tr id="needs-row-{need.id}" data-marked="true">', html)
    assert "特铝产业链" in html and "已标为重点需求。" in html
    assert f'hx-post="/collection/needs/{need.id}/unmark"' in html and f'hx-target="#needs-row-{need.id}"' in html
    assert f'name="next" value="{back}"' in html
    funnel = re.search(r'<section class="card mb-3" id="batch-funnel"[^>]*hx-swap-oob="true".*?</section>', html, re.S)
    assert funnel and re.search(r'data-figure="collected">4<.*data-figure="marked">2<', funnel.group(0), re.S)

    response = post_form(client, f"/collection/needs/{need.id}/unmark", {"next": back}, headers=HTMX)
    html = response.get_data(as_text=True)
    assert 'data-marked="false"' in html and 'data-figure="marked">1<' in html and "已取消重点需求标记。" in html


def test_a_need_posted_on_the_platform_is_marked_from_its_page_and_counts_in_no_funnel(session, collection, login_as):
    client, _ = login_as(Role.BROKER)
    need = collection["needs"]["posted"]
    html = client.get(f"/needs/{need.id}").get_data(as_text=True)
    panel = re.search(r'<section class="card mt-3" id="mark-panel".*?</section>', html, re.S).group(0)
    assert "经纪人走访" in panel and "取消重点" in panel and "hx-post" not in panel
    post_form(client, f"/collection/needs/{need.id}/unmark", {"next": f"/needs/{need.id}"})
    assert not fresh(session, TechNeed, need.id).is_key
    response = post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "区领导交办", "next": f"/needs/{need.id}"})
    assert response.headers["Location"] == f"/needs/{need.id}"
    assert "区领导交办" in client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert [f.count for f in services.batch_funnels(session)][0] == services.Count(4, 1)  # unchanged


def test_the_listing_pages_show_the_badge_to_all_and_the_rationale_to_staff(session, collection, login_as, make_user):
    need, ach = collection["needs"]["copper"], collection["achievements"]["rod"]
    owner, _ = login_as(Role.ENTERPRISE, user=make_user(Role.ENTERPRISE, org=need.organization))
    html = owner.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "重点需求" in html and "铜产业链共性难题" not in html and 'id="mark-panel"' not in html
    university, _ = login_as(Role.UNIVERSITY)
    html = university.get(f"/achievements/{ach.id}").get_data(as_text=True)
    assert "遴选成果" in html and "中试成熟" not in html and 'id="mark-panel"' not in html
    broker, _ = login_as(Role.BROKER)
    html = broker.get(f"/achievements/{ach.id}").get_data(as_text=True)
    assert 'id="mark-panel"' in html and "中试成熟" in html and 'action="/collection/achievements/' in html


def test_an_unsafe_next_goes_to_the_listing_page_instead(session, collection, login_as):
    client, _ = login_as(Role.BROKER)
    need = collection["needs"]["juice"]
    for next_ in ("//evil.example/x", "https://evil.example/", "javascript:alert(1)"):
        response = post_form(client, f"/collection/needs/{need.id}/mark", {"rationale": "理由", "next": next_})
        assert response.headers["Location"] == f"/needs/{need.id}"


# ---------------------------------------------------------------------- who may


def routes(c) -> list[tuple[str, str]]:
    need, ach = c["needs"]["copper"], c["achievements"]["rod"]
    return [("GET", "/collection/"), ("GET", f"/collection/{c['needs_batch'].id}"),
            ("GET", f"/collection/{c['achievements_batch'].id}"),
            ("POST", f"/collection/needs/{need.id}/mark"), ("POST", f"/collection/needs/{need.id}/unmark"),
            ("POST", f"/collection/achievements/{ach.id}/mark"), ("POST", f"/collection/achievements/{ach.id}/unmark")]


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.UNIVERSITY, Role.EXPERT])
def test_only_brokers_and_admins_may_use_any_route(session, collection, login_as, make_user, role):
    # the need's and achievement's own organisations too: owning a listing is no licence to mark it
    org = collection["needs"]["copper"].organization if role == Role.ENTERPRISE else \
        collection["achievements"]["rod"].organization if role == Role.UNIVERSITY else None
    client, _ = login_as(role, user=make_user(role, org=org))
    for method, path in routes(collection):
        response = client.get(path) if method == "GET" else post_form(client, path, {"rationale": "我也想标"})
        assert response.status_code == 403, (role, path)
    assert fresh(session, TechNeed, collection["needs"]["copper"].id).is_key
    assert not fresh(session, Achievement, collection["achievements"]["juice"].id).is_selected
    assert session.scalars(select(AuditEvent).where(AuditEvent.action.like("%key%"))).all() == []


def test_anonymous_visitors_are_sent_to_sign_in(client, collection):
    for method, path in routes(collection):
        response = client.get(path) if method == "GET" else client.post(path, data={"rationale": "x"})
        assert response.status_code in (302, 400), path
        if response.status_code == 302:
            assert "/login" in response.headers["Location"]


@pytest.mark.parametrize("role", [Role.BROKER, Role.ADMIN])
def test_staff_may_open_every_page(collection, login_as, role):
    client, _ = login_as(role)
    for method, path in routes(collection):
        if method == "GET":
            assert client.get(path).status_code == 200, path


def test_an_unknown_or_unconfirmed_batch_or_listing_is_404(collection, login_as):
    client, _ = login_as(Role.BROKER)
    assert client.get("/collection/999999").status_code == 404
    assert client.get(f"/collection/{collection['preview'].id}").status_code == 404  # still in preview
    assert post_form(client, "/collection/needs/999999/mark", {"rationale": "x"}).status_code == 404
    assert post_form(client, "/collection/achievements/999999/unmark", {}).status_code == 404
    assert post_form(client, "/collection/pairings/1/mark", {"rationale": "x"}).status_code == 404


def test_marking_needs_the_csrf_token(session, collection, login_as):
    client, _ = login_as(Role.BROKER)
    need = collection["needs"]["juice"]
    assert client.post(f"/collection/needs/{need.id}/mark", data={"rationale": "理由"}).status_code == 400
    assert not fresh(session, TechNeed, need.id).is_key


def test_reading_the_collection_pages_writes_nothing(engine, collection, login_as):
    client, _ = login_as(Role.BROKER)
    batch_id = collection["needs_batch"].id
    pages = ["/collection/", f"/collection/{batch_id}", f"/collection/{batch_id}?marked=1&status=open&page=2",
             f"/collection/{collection['achievements_batch'].id}", f"/needs/{collection['needs']['copper'].id}",
             f"/achievements/{collection['achievements']['rod'].id}", "/"]
    for path in pages:
        with counting_writes(engine) as writes:
            response = client.get(path)
        assert response.status_code == 200, path
        assert writes == [], f"GET {path} wrote: {writes}"


def test_the_broker_home_links_to_the_batches_with_their_funnel(collection, login_as):
    client, _ = login_as(Role.BROKER)
    html = client.get("/").get_data(as_text=True)
    card = re.search(r'<div class="card" id="home-collection">.*?</div></div></div>', html, re.S).group(0)
    assert f'href="/collection/{collection["needs_batch"].id}"' in card and "4 → 1" in card
    assert 'href="/collection/"' in card


# ---------------------------------------------------------------------- the services, directly


def test_the_services_check_the_model_predicates_whatever_the_view_did(session, collection, make_user):
    enterprise = make_user(Role.ENTERPRISE)
    need, ach = collection["needs"]["juice"], collection["achievements"]["juice"]
    assert not need.can_mark_key(enterprise) and not ach.can_select(enterprise)
    broker = make_user(Role.BROKER)
    assert need.can_mark_key(broker) and ach.can_select(broker)
    from matchmaker.errors import PermissionDenied
    with pytest.raises(PermissionDenied):
        services.mark(session, need, enterprise, "理由")
    with pytest.raises(PermissionDenied):
        services.unmark(session, collection["needs"]["copper"], enterprise)
    with pytest.raises(PermissionDenied):
        services.require_staff(enterprise)
    assert services.batch_overview(session, enterprise) == []


# ---------------------------------------------------------------------- in a browser


@pytest.mark.browser
def test_a_broker_marks_and_unmarks_a_row_in_place_in_chromium(app, session, collection, make_user):
    from .browser import chromium_page, live_server, sign_in
    from .conftest import PASSWORD

    broker = make_user(Role.BROKER, email="he.jing@wanzhou-kjj.gov.cn")
    need = collection["needs"]["juice"]
    with live_server(app) as base, chromium_page() as page:
        sign_in(page, base, broker.email, PASSWORD)
        path = f"{base}/collection/{collection['needs_batch'].id}?marked=0"
        page.goto(path)
        page.wait_for_load_state("networkidle")  # htmx has processed the rows' forms
        row = page.locator(f"#needs-row-{need.id}")
        marked = page.locator("#batch-funnel [data-figure=marked]")
        assert marked.inner_text() == "1"

        row.get_by_text("标为重点", exact=True).click()
        row.get_by_label("理由（必填，不超过 500 字）").fill("柑橘产业链重点需求，企业配套资金到位")
        row.get_by_role("button", name="确认标为重点").click()
        page.wait_for_selector(f'#needs-row-{need.id}[data-marked="true"]')
        assert marked.inner_text() == "2" and page.url == path  # the row and the funnel, no reload
        assert "柑橘产业链重点需求" in row.inner_text() and "已标为重点需求。" in row.inner_text()

        row.get_by_text("取消重点", exact=True).click()
        row.get_by_role("button", name="确认取消重点").click()
        page.wait_for_selector(f'#needs-row-{need.id}[data-marked="false"]')
        assert marked.inner_text() == "1"
    assert not fresh(session, TechNeed, need.id).is_key
    assert [e.action for e in audits(session, "need.mark_key") + audits(session, "need.unmark_key")] == [
        "need.mark_key", "need.unmark_key"]
