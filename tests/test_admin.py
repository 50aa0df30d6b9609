"""Admin pages: users (create, disable, reset password, change role, the last-admin and self
guards), organisations (edit, merge a duplicate with everything that points at it), the industry
taxonomy (add, rename, retire, restore a direction, with counts) and the audit log (filters in the
bureau's time zone, export). Only admins reach them; reading them never writes."""
from __future__ import annotations

import csv
import io
import re
import threading
from datetime import date, datetime, timedelta, timezone
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from openpyxl import load_workbook
from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from matchmaker.admin import users as user_services
from matchmaker.auth.passwords import verify_password
from matchmaker.digests.services import SENT as DIGEST_SENT
from matchmaker.errors import DomainError
from matchmaker.taxonomy.services import industry_choices, sync_taxonomy
from models import (
    Achievement,
    AuditEvent,
    Challenge,
    Contract,
    ContractSubType,
    ContractType,
    EventKind,
    Industry,
    MatchmakingEvent,
    Organization,
    OrgKind,
    Pairing,
    Proposal,
    ResearchTeam,
    Role,
    Stage,
    TechNeed,
    User,
)

from .conftest import PASSWORD, csrf_token, industry, login, on_postgres, post_form, valid_credit_code
from .test_matching import counting_writes
from .test_needs import need_form

TEMPORARY = re.compile(r'id="temporary-password"[^>]*>([^<]+)<')
BUREAU = ZoneInfo("Asia/Shanghai")


@pytest.fixture
def admin(login_as):
    """``client, user``: a signed-in admin."""
    return login_as(Role.ADMIN)


@pytest.fixture
def taxonomy_restored(engine):
    """The industries table is reference data kept between tests: put it back as it was."""
    table = Industry.__table__
    with engine.connect() as conn:
        before = {row.id: (row.name, row.position, row.retired_at) for row in conn.execute(select(table))}
    yield
    with engine.begin() as conn:
        added = [i for i in conn.scalars(select(table.c.id)) if i not in before]
        if added:
            for model in (TechNeed, Achievement, Organization, MatchmakingEvent):
                conn.execute(update(model.__table__).where(model.__table__.c.industry_id.in_(added))
                             .values(industry_id=None))
            conn.execute(delete(table).where(table.c.id.in_(added)))
        for industry_id, (name, position, retired_at) in before.items():
            conn.execute(update(table).where(table.c.id == industry_id)
                         .values(name=name, position=position, retired_at=retired_at))


def audit_rows(session, action: str) -> list[AuditEvent]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent).where(AuditEvent.action == action).order_by(AuditEvent.id)))


def fresh(session, model, obj_id):
    session.expire_all()
    return session.get(model, obj_id)


def refused_login(client, email: str, password: str) -> bool:
    response = client.post("/login", data={"email": email, "password": password, "csrf_token": csrf_token(client)})
    return response.status_code == 400 and "邮箱或密码不正确" in response.get_data(as_text=True)


# --- who may enter ---------------------------------------------------------------------------------
def admin_routes(session, make_user, make_org) -> tuple[list[str], list[tuple[str, dict]]]:
    target = make_user(Role.ENTERPRISE)
    org, other = make_org(), make_org()
    top, copper = industry(session, "new_materials"), industry(session, "new_materials.copper")
    gets = ["/admin/", "/admin/users", "/admin/users/new", f"/admin/users/{target.id}", "/admin/organisations",
            f"/admin/organisations/{org.id}/edit", f"/admin/organisations/merge?keep={org.id}&duplicate={other.id}",
            "/admin/taxonomy", f"/admin/taxonomy/{copper.id}/rename", f"/admin/taxonomy/{copper.id}/retire",
            "/admin/audit"]
    posts = [
        ("/admin/users/new", {"email": "new@example.cn", "name": "新用户", "role": "broker"}),
        (f"/admin/users/{target.id}/disable", {}),
        (f"/admin/users/{target.id}/enable", {}),
        (f"/admin/users/{target.id}/reset-password", {}),
        (f"/admin/users/{target.id}/role", {"role": "broker"}),
        (f"/admin/organisations/{org.id}/edit", {"name": "改名", "kind": "enterprise", "credit_code": org.credit_code}),
        ("/admin/organisations/merge", {"keep": org.id, "duplicate": other.id, "fingerprint": "x"}),
        (f"/admin/taxonomy/{top.id}/directions", {"name": "铜箔"}),
        (f"/admin/taxonomy/{copper.id}/rename", {"name": "铜材"}),
        (f"/admin/taxonomy/{copper.id}/retire", {}),
        (f"/admin/taxonomy/{copper.id}/restore", {}),
        ("/admin/audit/export", {"format": "csv"}),
    ]
    return gets, posts


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.UNIVERSITY, Role.BROKER, Role.EXPERT])
def test_every_admin_route_is_forbidden_to_other_roles(role, login_as, make_user, make_org, session,
                                                       taxonomy_restored):
    client, _ = login_as(role)
    gets, posts = admin_routes(session, make_user, make_org)
    for path in gets:
        assert client.get(path).status_code == 403, path
    for path, data in posts:
        assert post_form(client, path, data).status_code == 403, path
    assert session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action != "user.login")) == 0
    assert fresh(session, Industry, industry(session, "new_materials.copper").id).retired_at is None


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/admin/users")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_admin_home_links_to_the_admin_pages(admin):
    client, _ = admin
    html = client.get("/").get_data(as_text=True)
    for path in ("/admin/users", "/admin/organisations", "/admin/taxonomy", "/admin/audit"):
        assert f'href="{path}"' in html


def test_reading_admin_pages_writes_nothing(admin, make_user, make_org, session, engine, taxonomy_restored):
    client, _ = admin
    gets, _posts = admin_routes(session, make_user, make_org)
    gets += ["/admin/users?q=测试&role=enterprise&active=yes", "/admin/organisations?q=重庆&kind=enterprise",
             "/admin/audit?action=user.&date_from=2026-01-01&date_to=2026-12-31&actor=system"]
    with counting_writes(engine) as writes:
        for path in gets:
            assert client.get(path).status_code == 200, path
    assert writes == []


# --- users ---------------------------------------------------------------------------------------
def test_admin_creates_a_user_with_a_generated_password_shown_once(admin, make_org, session, app):
    client, me = admin
    org = make_org(OrgKind.ENTERPRISE)
    response = post_form(client, "/admin/users/new", {"email": " Zhou@Example.CN ", "name": "周志强",
                                                       "role": "enterprise", "organization_id": org.id})
    assert response.status_code == 200
    assert response.headers["Cache-Control"] == "no-store"
    password = TEMPORARY.search(response.get_data(as_text=True)).group(1)
    user = session.scalar(select(User).where(User.email == "zhou@example.cn"))
    assert (user.role, user.organization_id, user.active) == (Role.ENTERPRISE, org.id, True)
    [event] = audit_rows(session, "user.create")
    assert event.actor_id == me.id and event.object_id == user.id and password not in str(event.data)
    login(app.test_client(), user, password)
    # the password is not shown again anywhere
    assert password not in client.get(f"/admin/users/{user.id}").get_data(as_text=True)


def test_admin_creates_a_user_with_a_chosen_password(admin, app, session):
    client, _ = admin
    response = post_form(client, "/admin/users/new", {"email": "broker@example.cn", "name": "何静",
                                                       "role": "broker", "password": "chosen123", "is_expert": "y"})
    assert response.status_code == 302
    user = session.scalar(select(User).where(User.email == "broker@example.cn"))
    assert user.role == Role.BROKER and user.organization_id is None and user.is_expert
    login(app.test_client(), user, "chosen123")


def test_duplicate_email_is_refused_whatever_its_case(admin, make_user, session):
    client, _ = admin
    make_user(Role.BROKER, email="he.jing@example.cn")
    response = post_form(client, "/admin/users/new", {"email": "He.Jing@Example.CN", "name": "何静",
                                                       "role": "broker"})
    assert response.status_code == 400
    assert "邮箱 he.jing@example.cn 已被其他账号使用" in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(User)) == 2


@pytest.mark.parametrize("role, kind, message", [
    ("enterprise", OrgKind.UNIVERSITY, "企业用户只能属于企业类机构"),
    ("university", OrgKind.ENTERPRISE, "高校院所用户只能属于高校、科研院所类机构"),
    ("broker", OrgKind.ENTERPRISE, "技术经纪人只能属于政府部门、服务机构类机构"),
    ("enterprise", None, "企业用户必须属于一个机构"),
])
def test_role_must_fit_the_organisation(role, kind, message, admin, make_org, session):
    client, _ = admin
    org = make_org(kind) if kind else None
    response = post_form(client, "/admin/users/new", {"email": "x@example.cn", "name": "某人", "role": role,
                                                       "organization_id": org.id if org else ""})
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert session.scalar(select(User).where(User.email == "x@example.cn")) is None


def test_a_disabled_user_cannot_sign_in_and_their_session_stops_working(admin, login_as, app, session):
    client, me = admin
    their_client, user = login_as(Role.ENTERPRISE)
    assert their_client.get("/needs/").status_code == 200
    assert post_form(client, f"/admin/users/{user.id}/disable", {}).status_code == 302
    assert fresh(session, User, user.id).active is False
    response = their_client.get("/needs/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    assert refused_login(app.test_client(), user.email, PASSWORD)
    [event] = audit_rows(session, "user.disable")
    assert (event.actor_id, event.object_id) == (me.id, user.id)

    assert post_form(client, f"/admin/users/{user.id}/enable", {}).status_code == 302
    assert fresh(session, User, user.id).active is True
    login(app.test_client(), user)
    assert len(audit_rows(session, "user.enable")) == 1
    # enabling again changes nothing and records nothing
    post_form(client, f"/admin/users/{user.id}/enable", {})
    assert len(audit_rows(session, "user.enable")) == 1


def test_reset_password_replaces_the_old_one(admin, make_user, app, session):
    client, _ = admin
    user = make_user(Role.UNIVERSITY)
    old_hash = user.password_hash
    their_session = app.test_client()
    login(their_session, user)
    response = post_form(client, f"/admin/users/{user.id}/reset-password", {})
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    password = TEMPORARY.search(response.get_data(as_text=True)).group(1)
    stored = fresh(session, User, user.id).password_hash
    assert stored != old_hash and verify_password(stored, password)
    assert refused_login(app.test_client(), user.email, PASSWORD)
    assert their_session.get("/needs/").status_code == 302  # the session from before the reset ends
    login(app.test_client(), user, password)
    [event] = audit_rows(session, "user.reset_password")
    assert event.object_id == user.id and password not in str(event.data) and stored not in str(event.data)


def test_change_role_checks_the_organisation(admin, make_user, make_org, session):
    client, me = admin
    user = make_user(Role.UNIVERSITY)
    bureau = make_org(OrgKind.GOVERNMENT)
    response = post_form(client, f"/admin/users/{user.id}/role", {"role": "enterprise",
                                                                   "organization_id": user.organization_id})
    assert response.status_code == 400 and "企业用户只能属于企业类机构" in response.get_data(as_text=True)
    assert fresh(session, User, user.id).role == Role.UNIVERSITY

    response = post_form(client, f"/admin/users/{user.id}/role", {"role": "broker", "organization_id": bureau.id})
    assert response.status_code == 302
    changed = fresh(session, User, user.id)
    assert (changed.role, changed.organization_id) == (Role.BROKER, bureau.id)
    [event] = audit_rows(session, "user.change_role")
    assert event.actor_id == me.id
    assert (event.data["from_role"], event.data["to_role"], event.data["to_organization_id"]) == \
        ("university", "broker", bureau.id)


def test_an_admin_cannot_disable_or_demote_themselves(admin, make_user, session):
    client, me = admin
    make_user(Role.ADMIN)  # another admin: the guard here is about oneself
    response = post_form(client, f"/admin/users/{me.id}/disable", {}, follow_redirects=True)
    assert "不能停用自己的账号" in response.get_data(as_text=True)
    response = post_form(client, f"/admin/users/{me.id}/role", {"role": "broker"}, follow_redirects=True)
    assert "不能取消自己的管理员角色" in response.get_data(as_text=True)
    me = fresh(session, User, me.id)
    assert (me.role, me.active) == (Role.ADMIN, True)
    assert audit_rows(session, "user.disable") == [] and audit_rows(session, "user.change_role") == []


def test_the_last_active_admin_cannot_be_disabled_or_demoted(admin, make_user, session):
    client, me = admin
    other = make_user(Role.ADMIN)
    session.execute(update(User).where(User.id == other.id).values(active=False))
    session.commit()
    response = post_form(client, f"/admin/users/{me.id}/disable", {}, follow_redirects=True)
    assert "是最后一名启用状态的管理员" in response.get_data(as_text=True)
    response = post_form(client, f"/admin/users/{me.id}/role", {"role": "broker"}, follow_redirects=True)
    assert "是最后一名启用状态的管理员" in response.get_data(as_text=True)
    # with a second active admin, one may disable the other
    session.execute(update(User).where(User.id == other.id).values(active=True))
    session.commit()
    assert post_form(client, f"/admin/users/{other.id}/disable", {}).status_code == 302
    assert fresh(session, User, other.id).active is False


@pytest.mark.skipif(not on_postgres(), reason="row locks: SQLite's single writer fails the later transaction instead")
def test_two_admins_disabling_each_other_at_once_leave_one_active(app, engine, make_user):
    first, second = make_user(Role.ADMIN), make_user(Role.ADMIN)
    one, two = Session(engine), Session(engine)
    outcome: dict[str, object] = {}
    try:
        with app.test_request_context():
            user_services.set_active(one, one.get(User, first.id), one.get(User, second.id), False)

            def the_other() -> None:
                with app.test_request_context():
                    try:
                        user_services.set_active(two, two.get(User, second.id), two.get(User, first.id), False)
                        two.commit()
                        outcome["result"] = "committed"
                    except DomainError as error:
                        two.rollback()
                        outcome["result"] = error.message

            thread = threading.Thread(target=the_other)
            two.get(User, second.id), two.get(User, first.id)  # loaded while both are still active
            thread.start()
            thread.join(0.5)
            assert thread.is_alive(), "the second transaction should wait for the first's row locks"
            one.commit()
            thread.join(10)
    finally:
        one.close()
        two.close()
    assert outcome["result"] != "committed"
    with Session(engine) as check:
        assert check.scalar(select(func.count()).select_from(User)
                            .where(User.role == Role.ADMIN, User.active.is_(True))) == 1


def test_user_list_searches_and_filters(admin, make_user, make_org, session):
    client, _ = admin
    org = make_org(OrgKind.ENTERPRISE, name="重庆铜杆厂")
    zhou = make_user(Role.ENTERPRISE, org=org, email="zhou@copper.cn")
    other = make_user(Role.UNIVERSITY, email="liu@uni.cn")
    session.execute(update(User).where(User.id == other.id).values(active=False))
    session.commit()

    def emails(query: str) -> set[str]:
        html = client.get("/admin/users" + query).get_data(as_text=True)
        return set(re.findall(r"<td>([\w.]+@[\w.]+)</td>", html))

    assert emails("?q=COPPER") == {zhou.email}
    assert emails(f"?org={org.id}") == {zhou.email}
    assert emails("?role=university") == {other.email}
    assert emails("?active=no") == {other.email}
    assert other.email not in emails("?active=yes")


# --- organisations -------------------------------------------------------------------------------
def test_organisation_list_shows_counts(admin, make_org, make_user, make_need, make_achievement, session):
    client, _ = admin
    firm, uni = make_org(OrgKind.ENTERPRISE, name="万州铜业"), make_org(OrgKind.UNIVERSITY, name="三峡学院")
    make_user(Role.ENTERPRISE, org=firm)
    make_user(Role.ENTERPRISE, org=firm)
    need = make_need(firm)
    make_need(firm, title="第二项需求")
    ach = make_achievement(uni)
    session.add(Pairing(need_id=need.id, achievement_id=ach.id, stage=Stage.PUSHED))
    session.commit()
    html = client.get("/admin/organisations?q=万州铜业").get_data(as_text=True)
    row = re.search(rf'<tr data-org="{firm.id}">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="text-end">(?:<a [^>]+>)?(\d+)', row) == ["2", "2", "0", "1"]
    html = client.get("/admin/organisations?kind=university").get_data(as_text=True)
    row = re.search(rf'<tr data-org="{uni.id}">(.*?)</tr>', html, re.S).group(1)
    assert re.findall(r'<td class="text-end">(?:<a [^>]+>)?(\d+)', row) == ["0", "0", "1", "1"]
    assert "万州铜业" not in html


def test_admin_edits_an_organisation_with_a_valid_credit_code(admin, make_org, make_user, make_need, session):
    client, _ = admin
    org = make_org(OrgKind.ENTERPRISE)
    make_user(Role.ENTERPRISE, org=org)
    make_need(org)
    form = {"name": "重庆新名称有限公司", "kind": "enterprise", "credit_code": "91500101ABCDEFGHIJ"}
    response = post_form(client, f"/admin/organisations/{org.id}/edit", form)
    assert response.status_code == 400 and "统一社会信用代码" in response.get_data(as_text=True)
    response = post_form(client, f"/admin/organisations/{org.id}/edit", {**form, "kind": "university",
                                                                         "credit_code": org.credit_code})
    assert response.status_code == 400 and "将不一致" in response.get_data(as_text=True)
    code = valid_credit_code(987654)
    response = post_form(client, f"/admin/organisations/{org.id}/edit", {**form, "credit_code": code.lower()})
    assert response.status_code == 302
    org = fresh(session, Organization, org.id)
    assert (org.name, org.credit_code) == ("重庆新名称有限公司", code)
    [event] = audit_rows(session, "organization.update")
    assert event.data["changes"]["name"][1] == "重庆新名称有限公司"


def _enterprise_pair(session, make_org, make_user, make_need, make_achievement):
    """Two registrations of one enterprise, each with a user, needs, pairings and a contract."""
    keep = make_org(OrgKind.ENTERPRISE, name="重庆万州铜业有限公司")
    dup = make_org(OrgKind.ENTERPRISE, name="万州铜业", region_code="kaizhou", industry_code=None)
    keep_user, dup_user = make_user(Role.ENTERPRISE, org=keep), make_user(Role.ENTERPRISE, org=dup)
    uni = make_org(OrgKind.UNIVERSITY)
    ach = make_achievement(uni)
    kept_need, dup_need = make_need(keep, title="保留方的需求"), make_need(dup, title="重复方的需求")
    contract = Contract(contract_type=ContractType.DEVELOPMENT, sub_type=ContractSubType.COMMISSIONED,
                        amount_wan=Decimal("120"), tech_income_wan=Decimal("100"), signed_on=date.today(),
                        buyer_id=dup.id, seller_id=uni.id)
    pairing = Pairing(need_id=dup_need.id, achievement_id=ach.id, stage=Stage.SIGNED, contract=contract)
    call = Challenge(need_id=dup_need.id, title="铜杆氧含量揭榜", requirements="高校团队", opens_on=date.today(),
                     closes_on=date.today() + timedelta(days=30))
    event = MatchmakingEvent(title="铜业对接会", kind=EventKind.MATCHMAKING, held_on=date.today(), organizer_id=dup.id)
    session.add_all([pairing, call, event,
                     AuditEvent(action=DIGEST_SENT, object_type="organizations", object_id=dup.id,
                                data={"pairs": [[dup_need.id, ach.id]], "calls": []})])
    session.commit()
    return dict(keep=keep, dup=dup, keep_user=keep_user, dup_user=dup_user, kept_need=kept_need,
                dup_need=dup_need, contract=contract, pairing=pairing, call=call, event=event, uni=uni)


def test_merge_preview_shows_what_moves_and_confirm_moves_everything(admin, make_org, make_user, make_need,
                                                                     make_achievement, session, engine):
    client, me = admin
    d = _enterprise_pair(session, make_org, make_user, make_need, make_achievement)
    keep, dup = d["keep"], d["dup"]
    preview_path = f"/admin/organisations/merge?keep={keep.id}&duplicate={dup.id}"
    with counting_writes(engine) as writes:
        response = client.get(preview_path)
    assert writes == [] and response.status_code == 200
    html = response.get_data(as_text=True)
    counts = dict(re.findall(r"<tr><th>([^<]+)</th><td>([^<]+)</td></tr>", html))
    assert counts["用户"] == "1" and counts["技术需求"] == "1" and counts["涉及的对接"] == "1"
    assert counts["技术合同（买方 / 卖方）"] == "1 / 0" and counts["主办的对接活动"] == "1"
    assert counts["已发送的定期推送记录"] == "1"
    assert "重复方的需求" in html and "铜业对接会" in html
    fingerprint = re.search(r'name="fingerprint"[^>]*value="([0-9a-f]+)"', html).group(1)

    dup_id, dup_name, dup_code = dup.id, dup.name, dup.credit_code
    response = post_form(client, "/admin/organisations/merge",
                         {"keep": keep.id, "duplicate": dup.id, "fingerprint": fingerprint})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Organization, dup_id) is None
    assert session.get(User, d["dup_user"].id).organization_id == keep.id
    assert session.get(TechNeed, d["dup_need"].id).organization_id == keep.id
    assert session.get(Contract, d["contract"].id).buyer_id == keep.id
    assert session.get(MatchmakingEvent, d["event"].id).organizer_id == keep.id
    assert session.get(Pairing, d["pairing"].id).need.organization_id == keep.id
    kept = session.get(Organization, keep.id)
    # the kept organisation's own region and industry stay (the duplicate's fill only blanks)
    assert kept.region.code == "wanzhou" and kept.industry.code == "new_materials"
    digest_rows = session.scalars(select(AuditEvent).where(AuditEvent.action == DIGEST_SENT)).all()
    assert [(r.object_type, r.object_id) for r in digest_rows] == [("organizations", keep.id)]
    [event] = audit_rows(session, "organization.merge")
    assert event.actor_id == me.id and event.object_id == keep.id
    assert event.data["keep"] == {"id": keep.id, "name": keep.name, "credit_code": keep.credit_code}
    assert event.data["duplicate"] == {"id": dup_id, "name": dup_name, "credit_code": dup_code}
    assert event.data["counts"]["needs"] == 1 and event.data["counts"]["contracts_as_buyer"] == 1
    # the moved user now works for the kept organisation: its needs are theirs to edit
    moved = client.application.test_client()
    login(moved, d["dup_user"])
    assert moved.get(f"/needs/{d['kept_need'].id}/edit").status_code == 200


def test_merge_of_research_organisations_merges_same_named_teams(admin, make_org, make_user, make_need,
                                                                  make_achievement, session):
    client, _ = admin
    keep = make_org(OrgKind.UNIVERSITY, name="重庆三峡学院", industry_code=None)
    dup = make_org(OrgKind.INSTITUTE, name="三峡学院（重复）", region_code="kaizhou")
    kept_team = ResearchTeam(organization_id=keep.id, name="铜合金材料课题组", leader=None)
    same_name = ResearchTeam(organization_id=dup.id, name="铜合金材料课题组", leader="张教授", field="铜合金")
    other = ResearchTeam(organization_id=dup.id, name="柑橘加工课题组")
    clash_kept = ResearchTeam(organization_id=keep.id, name="智能装备课题组")
    clash_dup = ResearchTeam(organization_id=dup.id, name="智能装备课题组")
    session.add_all([kept_team, same_name, other, clash_kept, clash_dup])
    session.commit()
    dup_user = make_user(Role.UNIVERSITY, org=dup)
    ach = make_achievement(dup, team_id=same_name.id)
    citrus = make_achievement(dup, title="柑橘皮渣综合利用", team_id=other.id)
    firm = make_org(OrgKind.ENTERPRISE)
    need, need2 = make_need(firm), make_need(firm, title="智能装备需求")
    call = Challenge(need_id=need2.id, title="智能装备揭榜", requirements="团队", opens_on=date.today(),
                     closes_on=date.today() + timedelta(days=30))
    session.add(call)
    session.flush()
    session.add_all([
        Proposal(challenge_id=call.id, organization_id=keep.id, team_id=clash_kept.id, summary="方案一"),
        Proposal(challenge_id=call.id, organization_id=dup.id, team_id=clash_dup.id, summary="方案二"),
        Pairing(need_id=need.id, achievement_id=ach.id, stage=Stage.PUSHED),
        Contract(contract_type=ContractType.CONSULTING, amount_wan=Decimal("8"), tech_income_wan=Decimal("8"),
                 signed_on=date.today(), buyer_id=firm.id, seller_id=dup.id),
    ])
    session.commit()
    html = client.get(f"/admin/organisations/merge?keep={keep.id}&duplicate={dup.id}").get_data(as_text=True)
    assert "「铜合金材料课题组」并入保留机构的同名团队" in html and "「柑橘加工课题组」转入" in html
    assert "「智能装备课题组」转入并改名为「智能装备课题组（原三峡学院（重复））」" in html
    fingerprint = re.search(r'name="fingerprint"[^>]*value="([0-9a-f]+)"', html).group(1)
    dup_id, same_name_id = dup.id, same_name.id
    response = post_form(client, "/admin/organisations/merge",
                         {"keep": keep.id, "duplicate": dup.id, "fingerprint": fingerprint})
    assert response.status_code == 302
    session.expire_all()
    assert session.get(Organization, dup_id) is None
    assert session.get(ResearchTeam, same_name_id) is None
    assert session.get(Achievement, ach.id).team_id == kept_team.id
    assert session.get(ResearchTeam, kept_team.id).leader == "张教授"
    assert session.get(Achievement, citrus.id).organization_id == keep.id
    assert session.get(ResearchTeam, other.id).organization_id == keep.id
    moved_clash = session.get(ResearchTeam, clash_dup.id)
    assert (moved_clash.organization_id, moved_clash.name) == (keep.id, "智能装备课题组（原三峡学院（重复））")
    assert session.scalar(select(func.count()).select_from(Proposal).where(Proposal.organization_id == keep.id)) == 2
    assert session.scalar(select(Contract.seller_id)) == keep.id
    assert session.get(User, dup_user.id).organization_id == keep.id
    kept = session.get(Organization, keep.id)
    assert kept.kind == OrgKind.UNIVERSITY and kept.industry.code == "new_materials"  # filled from the duplicate
    assert audit_rows(session, "organization.merge")[0].data["counts"]["teams_merged"] == 1


def test_merge_refuses_self_and_different_kinds(admin, make_org, make_need, session):
    client, _ = admin
    firm, uni = make_org(OrgKind.ENTERPRISE), make_org(OrgKind.UNIVERSITY)
    make_need(firm)
    # from the list's "并入…" link: the duplicate is chosen, the one to keep not yet
    response = client.get(f"/admin/organisations/merge?duplicate={firm.id}")
    assert response.status_code == 200 and 'id="merge-preview"' not in response.get_data(as_text=True)
    assert f'<option value="{firm.id}" selected>' in response.get_data(as_text=True)
    response = client.get(f"/admin/organisations/merge?keep={firm.id}&duplicate={firm.id}")
    assert response.status_code == 400 and "不能把机构合并到它自己" in response.get_data(as_text=True)
    response = client.get(f"/admin/organisations/merge?keep={uni.id}&duplicate={firm.id}")
    assert response.status_code == 400 and "不同类型的机构不能合并" in response.get_data(as_text=True)
    for keep, dup in ((firm, firm), (uni, firm)):
        response = post_form(client, "/admin/organisations/merge",
                             {"keep": keep.id, "duplicate": dup.id, "fingerprint": "0" * 16})
        assert response.status_code == 400
    session.expire_all()
    assert session.get(Organization, firm.id) is not None and session.get(Organization, uni.id) is not None
    assert audit_rows(session, "organization.merge") == []


def test_merge_refuses_a_stale_preview(admin, make_org, make_need, session):
    client, _ = admin
    keep, dup = make_org(OrgKind.ENTERPRISE), make_org(OrgKind.ENTERPRISE)
    make_need(dup)
    html = client.get(f"/admin/organisations/merge?keep={keep.id}&duplicate={dup.id}").get_data(as_text=True)
    fingerprint = re.search(r'name="fingerprint"[^>]*value="([0-9a-f]+)"', html).group(1)
    make_need(dup, title="预览之后新增的需求")
    response = post_form(client, "/admin/organisations/merge",
                         {"keep": keep.id, "duplicate": dup.id, "fingerprint": fingerprint})
    assert response.status_code == 409
    body = response.get_data(as_text=True)
    assert "数据有变化" in body and "预览之后新增的需求" in body
    assert fresh(session, Organization, dup.id) is not None


# --- taxonomy --------------------------------------------------------------------------------------
def _row(html: str, code: str) -> list[str]:
    row = re.search(rf'data-industry="{re.escape(code)}"[^>]*>(.*?)</tr>', html, re.S).group(1)
    return re.findall(r'<td class="text-end">(\d+)</td>', row)


def test_taxonomy_page_counts_a_direction_and_its_industry_in_total(admin, make_org, make_need,
                                                                     make_achievement, session):
    client, _ = admin
    before = [int(n) for n in _row(client.get("/admin/taxonomy").get_data(as_text=True), "new_materials")]
    firm = make_org(OrgKind.ENTERPRISE, industry_code="new_materials")
    make_need(firm)  # 铜合金
    make_need(firm, title="新材料通用需求", industry=industry(session, "new_materials"))
    make_achievement(make_org(OrgKind.UNIVERSITY, industry_code="new_materials.copper"))
    html = client.get("/admin/taxonomy").get_data(as_text=True)
    assert _row(html, "new_materials.copper") == ["1", "1", "1", "0"]
    total = [int(n) for n in _row(html, "new_materials")]
    assert [t - b for t, b in zip(total, before)] == [2, 1, 2, 0]


def test_add_rename_retire_and_restore_a_direction(admin, login_as, make_need, session, taxonomy_restored):
    client, me = admin
    top = industry(session, "new_materials")
    response = post_form(client, f"/admin/taxonomy/{top.id}/directions", {"name": "铜箔", "slug": "copper_foil"})
    assert response.status_code == 302
    foil = session.scalar(select(Industry).where(Industry.code == "new_materials.copper_foil"))
    assert foil.name == "铜箔" and foil.parent_id == top.id
    post_form(client, f"/admin/taxonomy/{top.id}/directions", {"name": "石墨烯"})
    assert session.scalar(select(Industry.code).where(Industry.name == "石墨烯")) == "new_materials.d1"
    html = post_form(client, f"/admin/taxonomy/{top.id}/directions", {"name": "铜箔"},
                     follow_redirects=True).get_data(as_text=True)
    assert "该产业下已有名为「铜箔」的条目" in html

    enterprise_client, owner = login_as(Role.ENTERPRISE)
    need = make_need(owner.organization, industry=fresh(session, Industry, foil.id))

    rename_page = client.get(f"/admin/taxonomy/{foil.id}/rename").get_data(as_text=True)
    assert re.search(r'id="usage-total">1<', rename_page)
    assert post_form(client, f"/admin/taxonomy/{foil.id}/rename", {"name": "电解铜箔"}).status_code == 302
    [renamed] = audit_rows(session, "industry.rename")
    assert (renamed.data["old"], renamed.data["new"], renamed.data["affected"]["needs"]) == ("铜箔", "电解铜箔", 1)

    retire_page = client.get(f"/admin/taxonomy/{foil.id}/retire").get_data(as_text=True)
    assert re.search(r'id="usage-total">1<', retire_page)
    assert fresh(session, Industry, foil.id).retired_at is None  # the GET only shows
    assert post_form(client, f"/admin/taxonomy/{foil.id}/retire", {}).status_code == 302
    assert fresh(session, Industry, foil.id).retired_at is not None
    assert audit_rows(session, "industry.retire")[0].data["affected"]["needs"] == 1
    assert "已停用" in client.get("/admin/taxonomy").get_data(as_text=True)

    # not offered for a new need; the need that has it still shows it, selected, and keeps it on save
    new_form = enterprise_client.get("/needs/new").get_data(as_text=True)
    assert f'value="{foil.id}"' not in new_form and "电解铜箔" not in new_form
    assert post_form(enterprise_client, "/needs/new", need_form(session, industry_id=str(foil.id))).status_code == 400
    edit_form = enterprise_client.get(f"/needs/{need.id}/edit").get_data(as_text=True)
    assert re.search(rf'<option selected value="{foil.id}">[^<]*电解铜箔（已停用）</option>', edit_form)
    response = post_form(enterprise_client, f"/needs/{need.id}/edit",
                         need_form(session, title=need.title, industry_id=str(foil.id)))
    assert response.status_code == 302
    assert fresh(session, TechNeed, need.id).industry_id == foil.id

    assert post_form(client, f"/admin/taxonomy/{foil.id}/restore", {}).status_code == 302
    assert fresh(session, Industry, foil.id).retired_at is None
    assert f'value="{foil.id}"' in enterprise_client.get("/needs/new").get_data(as_text=True)
    assert [e.actor_id for e in audit_rows(session, "industry.restore")] == [me.id]


def test_a_key_industry_cannot_be_retired(admin, session):
    client, _ = admin
    top = industry(session, "new_materials")
    response = post_form(client, f"/admin/taxonomy/{top.id}/retire", {})
    assert response.status_code == 400 and "重点产业不能停用" in response.get_data(as_text=True)
    assert client.get(f"/admin/taxonomy/{top.id}/retire").status_code == 404


def test_industry_choices_hide_retired_directions_except_the_records_own(session, taxonomy_restored, app):
    copper = industry(session, "new_materials.copper")
    session.execute(update(Industry).where(Industry.id == copper.id).values(retired_at=datetime.now(timezone.utc)))
    session.commit()
    with app.test_request_context():
        assert copper.id not in dict(industry_choices(session))
        assert dict(industry_choices(session, keep=copper.id))[copper.id].endswith("（已停用）")


def test_taxonomy_sync_keeps_admin_changes_unless_forced(session, runner, taxonomy_restored):
    copper = industry(session, "new_materials.copper")
    session.execute(update(Industry).where(Industry.id == copper.id)
                    .values(name="铜材", retired_at=datetime.now(timezone.utc)))
    session.commit()
    result = runner.invoke(args=["taxonomy", "sync"])
    assert result.exit_code == 0 and "0 industries" in result.output
    kept = fresh(session, Industry, copper.id)
    assert kept.name == "铜材" and kept.retired_at is not None
    result = runner.invoke(args=["taxonomy", "sync", "--force"])
    assert result.exit_code == 0
    reset = fresh(session, Industry, copper.id)
    assert reset.name == "铜合金" and reset.retired_at is None
    assert sync_taxonomy(session) == (0, 0)
    session.rollback()


# --- audit log ------------------------------------------------------------------------------------
def _local(y, m, d, hh, mm) -> datetime:
    return datetime(y, m, d, hh, mm, tzinfo=BUREAU).astimezone(timezone.utc)


@pytest.fixture
def logged(session, make_user, make_org, make_need):
    """A few audit events at known times (bureau time), by known actors, on known objects."""
    broker = make_user(Role.BROKER)
    broker.name = "=HYPERLINK(\"http://evil\")"
    firm = make_org()
    need = make_need(firm)
    events = {
        "late_night": AuditEvent(at=_local(2026, 3, 1, 23, 30), actor_id=broker.id, action="need.update",
                                 object_type="tech_needs", object_id=need.id, data={"fields": ["title"]}),
        "after_midnight": AuditEvent(at=_local(2026, 3, 2, 0, 30), actor_id=broker.id, action="need.set_key",
                                     object_type="tech_needs", object_id=need.id, data={"is_key": True}),
        "system": AuditEvent(at=_local(2026, 3, 2, 9, 0), actor_id=None, action="digest.sent",
                             object_type="organizations", object_id=firm.id, data={}),
        "other": AuditEvent(at=_local(2026, 3, 3, 9, 0), actor_id=broker.id, action="needs_import.custom",
                            object_type="import_batches", object_id=7, data={"rows": 3}),
    }
    session.add_all(events.values())
    session.commit()
    return dict(broker=broker, need=need, firm=firm, **events)


def _actions(client, query: str) -> list[str]:
    """The action column of the audit page, top to bottom."""
    html = client.get("/admin/audit?" + query).get_data(as_text=True)
    return [cell.strip() for cell in re.findall(r'<td class="audit-action">([^<]*)', html)]


def test_audit_log_filters_by_actor_object_action_and_local_dates(admin, logged):
    client, _ = admin
    broker, need = logged["broker"], logged["need"]
    assert _actions(client, f"actor={broker.id}") == ["needs_import.custom", "标记重点需求", "修改需求"]
    assert _actions(client, "actor=system") == ["发送定期推送"]
    assert _actions(client, f"object_type=tech_needs&object_id={need.id}") == ["标记重点需求", "修改需求"]
    assert _actions(client, "object_type=import_batches") == ["needs_import.custom"]
    assert _actions(client, "action=need.") == ["标记重点需求", "修改需求"]  # not needs_import.custom
    assert _actions(client, "action=need.set") == ["标记重点需求"]
    # 23:30 on 1 March and 00:30 on 2 March, Beijing time, fall on their own local days
    assert _actions(client, "date_from=2026-03-02&date_to=2026-03-02&action=need.") == ["标记重点需求"]
    assert _actions(client, "date_from=2026-03-01&date_to=2026-03-01") == ["修改需求"]
    assert _actions(client, "date_from=2026-03-03&date_to=2026-03-03") == ["needs_import.custom"]
    html = client.get("/admin/audit?action=need.").get_data(as_text=True)
    assert f'href="/needs/{need.id}"' in html


def test_audit_log_refuses_a_bad_date_with_a_message(admin):
    client, _ = admin
    response = client.get("/admin/audit?date_from=2026-02-30")
    assert response.status_code == 400 and "不是有效日期" in response.get_data(as_text=True)
    response = client.get("/admin/audit?date_from=2026-03-05&date_to=2026-03-01")
    assert response.status_code == 400 and "开始日期不能晚于结束日期" in response.get_data(as_text=True)


def test_audit_export_holds_the_filtered_rows_and_is_audited(admin, logged, session):
    client, me = admin
    assert client.get("/admin/audit/export").status_code == 405
    assert client.post("/admin/audit/export?action=need.", data={"format": "csv"}).status_code == 400  # no CSRF

    response = post_form(client, "/admin/audit/export?action=need.&date_from=2026-03-01", {"format": "csv"})
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert "attachment" in response.headers["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.get_data().decode("utf-8-sig"))))
    assert rows[0][:5] == ["时间（Asia/Shanghai）", "操作人", "操作人邮箱", "操作代码", "操作"]
    assert [r[3] for r in rows[1:]] == ["need.set_key", "need.update"]
    assert rows[1][0] == "2026-03-02 00:30" and rows[2][0] == "2026-03-01 23:30"
    assert rows[1][1].startswith("'=HYPERLINK")  # formula injection neutralised
    assert '"is_key": true' in rows[1][7]
    [export] = audit_rows(session, "export.audit")
    assert export.actor_id == me.id
    assert export.data == {"format": "csv", "rows": 2, "filters": {"action": "need.", "date_from": "2026-03-01"}}

    response = post_form(client, f"/admin/audit/export?actor={logged['broker'].id}", {"format": "xlsx"})
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.get_data())).active
    values = list(sheet.iter_rows(values_only=True))
    assert [v[3] for v in values[1:]] == ["needs_import.custom", "need.set_key", "need.update"]
    assert values[1][0] == datetime(2026, 3, 3, 9, 0)
    assert values[1][1].startswith("'=")
    assert len(audit_rows(session, "export.audit")) == 2


def test_services_refuse_a_retired_direction_for_new_records_but_keep_it_on_old_ones(
        session, make_org, make_user, make_need, taxonomy_restored):
    from matchmaker.needs.services import NeedData, create_need, update_need

    copper = industry(session, "new_materials.copper")
    user = make_user(Role.ENTERPRISE)
    need = make_need(user.organization, industry=copper)
    copper.retired_at = datetime.now(timezone.utc)
    session.commit()
    data = NeedData(title="低氧铜杆氧含量控制", description="铜杆氧含量波动大，希望稳定在 200ppm 以下。",
                    industry_id=copper.id)
    with pytest.raises(DomainError, match="已停用"):
        create_need(session, user, data)
    update_need(session, need, user, data)  # the need keeps the direction it already has
    assert need.industry_id == copper.id
    session.rollback()
