"""Exports of needs, achievements, pairings and contracts: the rows each reader may see, masked as
the pages mask them, neutralised against formula injection, filtered, audited, and refused without a
login or a CSRF token."""
from __future__ import annotations

import csv
import io
import re
from datetime import date, datetime, timezone
from decimal import Decimal
from urllib.parse import quote

import pytest
from openpyxl import load_workbook
from sqlalchemy import func, select

from matchmaker.listings.rules import bureau_today
from models import (
    AchievementStatus,
    AuditEvent,
    Contract,
    ContractSubType,
    ContractType,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Maturity,
    NeedStatus,
    OrgKind,
    Pairing,
    Role,
    Stage,
    StageEvent,
)

from .conftest import csrf_token, industry, login

KINDS = ("needs", "achievements", "pairings", "contracts")
INJECTIONS = ('=HYPERLINK("http://x","y")', "+SUM(1,2)", "-2+3 的铜杆氧含量", "@SUM(A1)")


@pytest.fixture
def world(session, make_org, make_user, make_need, make_achievement):
    """Two enterprises, two universities, a broker and an admin; needs, achievements, pairings and
    contracts on both sides of the confidentiality and visibility rules."""
    ent_a = make_org(OrgKind.ENTERPRISE, name="重庆保密铜业有限公司")
    ent_b = make_org(OrgKind.ENTERPRISE, name="万州乙方化工有限公司")
    uni_u = make_org(OrgKind.UNIVERSITY, name="重庆三峡学院")
    uni_v = make_org(OrgKind.UNIVERSITY, name="达州其他大学")
    users = {
        "enterprise": make_user(Role.ENTERPRISE, ent_a),
        "other_enterprise": make_user(Role.ENTERPRISE, ent_b),
        "university": make_user(Role.UNIVERSITY, uni_u),
        "other_university": make_user(Role.UNIVERSITY, uni_v),
        "broker": make_user(Role.BROKER),
        "admin": make_user(Role.ADMIN),
    }
    batch = ImportBatch(kind=ImportKind.NEEDS, year=2026, source="万州区科技局 2026年度技术需求征集",
                        status=ImportStatus.IMPORTED)
    session.add(batch)
    session.commit()
    secret = make_need(ent_a, title="保密的铜杆氧化需求", is_confidential=True, is_key=True, batch_id=batch.id,
                       budget_wan=Decimal("50.5"), contact_name="张工", contact_phone="023-58881234")
    injected = make_need(ent_a, title=INJECTIONS[0], description=INJECTIONS[1], current_situation=INJECTIONS[2],
                         target_indicators=INJECTIONS[3], status=NeedStatus.RESOLVED,
                         industry=industry(session, "new_materials"))
    withdrawn = make_need(ent_b, title="乙方已撤回的需求", status=NeedStatus.WITHDRAWN)
    open_b = make_need(ent_b, title="乙方公开的废水处理需求", description="化工废水COD偏高，想找成熟的处理工艺。",
                       budget_wan=None, created_at=datetime(2019, 6, 1, tzinfo=timezone.utc))
    published = make_achievement(uni_u, title="低氧铜杆在线控氧技术", maturity=Maturity.PILOT, price_wan=Decimal("30"))
    draft = make_achievement(uni_u, title="三峡学院的草稿成果", status=AchievementStatus.DRAFT)
    other_ach = make_achievement(uni_v, title="达州的废水处理成果", maturity=Maturity.LAB)
    contract = Contract(contract_type=ContractType.DEVELOPMENT, sub_type=ContractSubType.COMMISSIONED,
                        amount_wan=Decimal("120.5"), tech_income_wan=Decimal("100"), signed_on=date(2024, 3, 10),
                        term_months=12, buyer_id=ent_a.id, seller_id=uni_u.id, registration_no="5001012026000123",
                        registered_on=date(2024, 4, 1), registered_income_wan=Decimal("95"))
    signed = _pairing(session, secret, published, users["broker"], Stage.REGISTERED, contract=contract,
                      registration_no="5001012026000123")
    others = _pairing(session, open_b, other_ach, users["broker"], Stage.PUSHED)
    other_contract = Contract(contract_type=ContractType.CONSULTING, amount_wan=Decimal("8"), tech_income_wan=Decimal("8"),
                              signed_on=date(2025, 5, 5), buyer_id=ent_a.id, seller_id=uni_v.id)
    others_signed = _pairing(session, injected, other_ach, users["broker"], Stage.SIGNED, contract=other_contract)
    return {**users, "batch": batch, "secret": secret, "injected": injected, "withdrawn": withdrawn, "open_b": open_b,
            "published": published, "draft": draft, "other_ach": other_ach, "signed": signed, "others": others,
            "others_signed": others_signed, "contract": contract, "other_contract": other_contract}


def _pairing(session, need, ach, broker, stage, **kw) -> Pairing:
    pairing = Pairing(need_id=need.id, achievement_id=ach.id, stage=stage, broker_id=broker.id, **kw)
    session.add(pairing)
    session.flush()
    session.add(StageEvent(pairing_id=pairing.id, seq=1, to_stage=stage, actor_id=broker.id))
    session.commit()
    return pairing


@pytest.fixture
def client_of(app, world):
    clients = {}

    def get(who: str):
        if who not in clients:
            clients[who] = app.test_client()
            login(clients[who], world[who])
        return clients[who]

    return get


def export(client, kind: str, fmt: str = "xlsx", **filters):
    return client.post("/exports/", data={"kind": kind, "format": fmt, "csrf_token": csrf_token(client, "/"),
                                          **filters})


def table(response) -> list[dict]:
    """The exported rows as dicts keyed by header, from either format."""
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    data = response.data
    if response.mimetype == "text/csv":
        assert data.startswith("\ufeff".encode()), "CSV without a byte-order mark opens garbled in Excel"
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    else:
        sheet = load_workbook(io.BytesIO(data), read_only=True).worksheets[0]
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    return [dict(zip(rows[0], r)) for r in rows[1:]]


def titles(rows, column="需求名称") -> set:
    return {r[column] for r in rows}


def audit_events(session, action="export.%"):
    session.expire_all()
    return session.scalars(select(AuditEvent).where(AuditEvent.action.like(action)).order_by(AuditEvent.id)).all()


# --- each kind in each format ------------------------------------------------------------------
EXPECTED = {
    "needs": ("需求名称", {"保密的铜杆氧化需求", "'" + INJECTIONS[0], "乙方已撤回的需求", "乙方公开的废水处理需求"}),
    "achievements": ("成果名称", {"低氧铜杆在线控氧技术", "三峡学院的草稿成果", "达州的废水处理成果"}),
    "pairings": ("需求", {"保密的铜杆氧化需求", "乙方公开的废水处理需求", "'" + INJECTIONS[0]}),
    "contracts": ("需求", {"保密的铜杆氧化需求", "'" + INJECTIONS[0]}),
}


@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
@pytest.mark.parametrize("kind", KINDS)
def test_each_kind_and_format_opens_and_holds_every_row_for_a_broker(client_of, kind, fmt):
    response = export(client_of("broker"), kind, fmt)
    rows = table(response)
    column, expected = EXPECTED[kind]
    assert titles(rows, column) == expected
    assert response.mimetype == ("text/csv" if fmt == "csv" else
                                 "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
    title = {"needs": "技术需求", "achievements": "科技成果", "pairings": "对接记录", "contracts": "技术合同"}[kind]
    day = bureau_today().isoformat()
    disposition = response.headers["Content-Disposition"]
    assert disposition.startswith("attachment;")
    assert f'filename="{kind}_{day}.{fmt}"' in disposition
    assert f"filename*=UTF-8''{quote(f'{title}_{day}.{fmt}')}" in disposition


def test_columns_carry_chinese_headers_titles_and_typed_money(client_of, world):
    needs = {r["需求名称"]: r for r in table(export(client_of("broker"), "needs"))}
    secret = needs["保密的铜杆氧化需求"]
    assert list(secret)[:3] == ["编号", "需求名称", "需求描述"]
    assert secret["预算(万元)"] == 50.5 and isinstance(secret["预算(万元)"], float)
    assert needs["乙方公开的废水处理需求"]["预算(万元)"] is None  # 面议: no amount, not a zero
    assert secret["状态"] == "征集中" and secret["重点需求"] == "是" and secret["合作方式"] == "技术开发"
    assert secret["所属行业"] == "新材料·铜合金"
    assert secret["批次"] == "2026 · 万州区科技局 2026年度技术需求征集"
    assert secret["统一社会信用代码"] == world["secret"].organization.credit_code
    assert isinstance(secret["截止日期"], datetime)  # a real date cell
    contracts = {r["合同编号"]: r for r in table(export(client_of("broker"), "contracts"))}
    signed = contracts[world["contract"].id]
    assert (signed["合同类型"], signed["子类型"]) == ("技术开发", "委托开发")
    assert (signed["成交额(万元)"], signed["技术交易额(万元)"], signed["核定技术交易额(万元)"]) == (120.5, 100, 95)
    assert signed["登记编号"] == "5001012026000123" and signed["卖方"] == "重庆三峡学院"
    pairings = {r["对接编号"]: r for r in table(export(client_of("broker"), "pairings", "csv"))}
    row = pairings[str(world["signed"].id)]
    assert (row["阶段"], row["成果"], row["成果单位"], row["合同编号"]) == (
        "已登记", "低氧铜杆在线控氧技术", "重庆三峡学院", str(world["contract"].id))
    achievements = {r["成果名称"]: r for r in table(export(client_of("university"), "achievements", "csv"))}
    assert achievements["低氧铜杆在线控氧技术"]["成熟度"] == "中试"
    assert achievements["低氧铜杆在线控氧技术"]["意向价格(万元)"] == "30"
    assert "统一社会信用代码" not in achievements["低氧铜杆在线控氧技术"]  # staff only


# --- confidentiality ---------------------------------------------------------------------------
@pytest.mark.parametrize("who, sees_name", [
    ("university", False), ("other_enterprise", False), ("broker", True), ("admin", True), ("enterprise", True),
])
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_a_confidential_needs_enterprise_is_masked_unless_the_reader_may_see_it(client_of, world, who, sees_name, fmt):
    response = export(client_of(who), "needs", fmt)
    row = {r["需求名称"]: r for r in table(response)}["保密的铜杆氧化需求"]
    if sees_name:
        assert row["企业名称"] == "重庆保密铜业有限公司"
        assert row["所在地区"] == "万州"
    else:
        assert row["企业名称"] == "某企业(新材料)"
        assert row["所在地区"] in (None, "")
    # the credit code would name the enterprise too: staff only
    code = world["secret"].organization.credit_code.encode()
    assert (code in _text_of(response)) is (who in ("broker", "admin"))


def _text_of(response) -> bytes:
    """All the text in the file (an xlsx is a zip: look inside its shared strings)."""
    if response.mimetype == "text/csv":
        return response.data
    import zipfile

    with zipfile.ZipFile(io.BytesIO(response.data)) as z:
        return b"".join(z.read(name) for name in z.namelist())


@pytest.mark.parametrize("who, sees_name", [("university", False), ("broker", True), ("enterprise", True)])
def test_pairings_and_contracts_mask_a_confidential_buyer_for_the_other_side(client_of, world, who, sees_name):
    pairing = {r["对接编号"]: r for r in table(export(client_of(who), "pairings"))}[world["signed"].id]
    contract = {r["合同编号"]: r for r in table(export(client_of(who), "contracts", "csv"))}[str(world["contract"].id)]
    expected = "重庆保密铜业有限公司" if sees_name else "某企业(新材料)"
    assert pairing["企业"] == expected and contract["买方"] == expected
    assert contract["卖方"] == "重庆三峡学院"


@pytest.mark.parametrize("who, sees_contact", [
    ("university", False), ("other_enterprise", False), ("broker", True), ("admin", True), ("enterprise", True),
])
def test_contacts_only_for_staff_and_the_enterprise_itself(client_of, who, sees_contact):
    response = export(client_of(who), "needs", "csv")
    row = {r["需求名称"]: r for r in table(response)}["保密的铜杆氧化需求"]
    assert (row["联系人"], row["联系电话"]) == (("张工", "023-58881234") if sees_contact else ("", ""))
    assert ("023-58881234".encode() in response.data) is sees_contact


# --- formula injection ---------------------------------------------------------------------------
@pytest.mark.parametrize("fmt", ["xlsx", "csv"])
def test_cells_that_would_run_as_formulas_come_out_as_text(client_of, fmt):
    response = export(client_of("broker"), "needs", fmt)
    row = {r["编号"]: r for r in table(response) if str(r["需求名称"]).startswith("'")}
    assert len(row) == 1
    (row,) = row.values()
    assert [row["需求名称"], row["需求描述"], row["现状与痛点"], row["目标技术指标"]] == ["'" + v for v in INJECTIONS]
    if fmt == "xlsx":
        sheet = load_workbook(io.BytesIO(response.data)).worksheets[0]
        assert not [c.coordinate for r in sheet.iter_rows() for c in r if c.data_type == "f"]  # no formula cell


# --- who sees which rows ---------------------------------------------------------------------------
@pytest.mark.parametrize("who, kind, present, absent", [
    ("enterprise", "needs", {"保密的铜杆氧化需求", "乙方公开的废水处理需求"}, {"乙方已撤回的需求"}),
    ("university", "needs", {"乙方公开的废水处理需求"}, {"乙方已撤回的需求"}),
    ("other_enterprise", "needs", {"乙方已撤回的需求"}, set()),  # its own withdrawn need
    ("other_university", "achievements", {"低氧铜杆在线控氧技术", "达州的废水处理成果"}, {"三峡学院的草稿成果"}),
    ("enterprise", "achievements", {"低氧铜杆在线控氧技术"}, {"三峡学院的草稿成果"}),
    ("university", "achievements", {"三峡学院的草稿成果"}, set()),  # its own draft
])
def test_rows_the_reader_may_not_see_are_absent(client_of, who, kind, present, absent):
    column = "需求名称" if kind == "needs" else "成果名称"
    got = titles(table(export(client_of(who), kind)), column)
    assert present <= got and not (absent & got)


@pytest.mark.parametrize("who, pairings, contracts", [
    ("enterprise", {"signed", "others_signed"}, {"contract", "other_contract"}),  # its need in both
    ("university", {"signed"}, {"contract"}),
    ("other_university", {"others", "others_signed"}, {"other_contract"}),
    ("other_enterprise", {"others"}, set()),
    ("broker", {"signed", "others", "others_signed"}, {"contract", "other_contract"}),
])
def test_pairings_and_contracts_only_of_the_parties_and_staff(client_of, world, who, pairings, contracts):
    got = {r["对接编号"] for r in table(export(client_of(who), "pairings"))}
    assert got == {world[k].id for k in pairings}
    got = {r["合同编号"] for r in table(export(client_of(who), "contracts"))}
    assert got == {world[k].id for k in contracts}


def test_contract_visibility_predicate_and_its_sql_twin_agree(session, world):
    all_contracts = session.scalars(select(Contract)).all()
    for who in ("enterprise", "other_enterprise", "university", "other_university", "broker", "admin"):
        user = world[who]
        in_sql = set(session.scalars(select(Contract.id).where(Contract.visible_to(user))))
        assert in_sql == {c.id for c in all_contracts if c.can_view(user)}, who


def test_the_export_holds_what_the_list_page_counts(client_of):
    client = client_of("university")
    page = client.get("/needs/?q=需求").get_data(as_text=True)
    listed = int(re.search(r"共 (\d+) 条", page).group(1))
    assert len(table(export(client, "needs", q="需求"))) == listed == 2  # the secret one and open_b


# --- filters ------------------------------------------------------------------------------------
@pytest.mark.parametrize("kind, filters, expected", [
    ("needs", {"status": "open"}, {"保密的铜杆氧化需求", "乙方公开的废水处理需求"}),
    ("needs", {"status": "resolved"}, {"'" + INJECTIONS[0]}),
    ("needs", {"flagged": "1"}, {"保密的铜杆氧化需求"}),
    ("needs", {"q": "废水"}, {"乙方公开的废水处理需求"}),
    ("needs", {"year": "2019"}, {"乙方公开的废水处理需求"}),
    ("needs", {"batch": "BATCH"}, {"保密的铜杆氧化需求"}),
    ("needs", {"status": "nonsense"}, {"保密的铜杆氧化需求", "'" + INJECTIONS[0], "乙方已撤回的需求",
                                        "乙方公开的废水处理需求"}),  # dropped, as the list page ignores it
    ("achievements", {"maturity": "lab"}, {"达州的废水处理成果"}),
    ("achievements", {"status": "draft"}, {"三峡学院的草稿成果"}),
    ("pairings", {"stage": "pushed"}, {"乙方公开的废水处理需求"}),
    ("contracts", {"registered": "0"}, {"'" + INJECTIONS[0]}),
    ("contracts", {"type": "development"}, {"保密的铜杆氧化需求"}),
    ("contracts", {"year": "2024"}, {"保密的铜杆氧化需求"}),
    ("contracts", {"year": "2023"}, set()),
])
def test_filters_are_respected(client_of, world, kind, filters, expected):
    filters = {k: str(world["batch"].id) if v == "BATCH" else v for k, v in filters.items()}
    column = {"needs": "需求名称", "achievements": "成果名称", "pairings": "需求", "contracts": "需求"}[kind]
    assert titles(table(export(client_of("broker"), kind, "csv", **filters)), column) == expected


def test_the_industry_and_region_filters_of_the_list_page(client_of, session, world):
    copper = industry(session, "new_materials.copper").id
    got = titles(table(export(client_of("broker"), "needs", industry=str(copper))))
    assert got == {"保密的铜杆氧化需求", "乙方已撤回的需求", "乙方公开的废水处理需求"}  # not the new_materials one
    region = world["secret"].organization.region_id
    assert len(table(export(client_of("broker"), "needs", region=str(region)))) == 4
    assert table(export(client_of("broker"), "needs", region=str(region + 100))) == []


# --- audit, login, CSRF -------------------------------------------------------------------------
def test_every_export_is_audited_with_actor_kind_format_filters_and_rows(client_of, session, world):
    export(client_of("university"), "needs", "csv", status="open", q=" 铜杆 ", flagged="", page="3", evil="x")
    (event,) = audit_events(session, "export.needs")
    assert event.actor_id == world["university"].id
    assert event.data == {"format": "csv", "filters": {"status": "open", "q": "铜杆"}, "rows": 1}
    export(client_of("broker"), "contracts", "xlsx", registered="1")
    (event,) = audit_events(session, "export.contracts")
    assert (event.actor_id, event.data) == (world["broker"].id, {"format": "xlsx", "filters": {"registered": "1"},
                                                                 "rows": 1})


def test_anonymous_readers_are_sent_to_the_login_page(client, world):
    response = client.get("/exports/?kind=needs")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
    response = export(client, "needs")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_a_post_without_its_csrf_token_is_refused_and_not_audited(client_of, session):
    response = client_of("broker").post("/exports/", data={"kind": "needs", "format": "xlsx"})
    assert response.status_code == 400
    assert audit_events(session) == []


@pytest.mark.parametrize("kind, fmt", [("needs", "pdf"), ("users", "xlsx"), ("", "csv")])
def test_an_unknown_kind_or_format_is_a_bad_request(client_of, session, kind, fmt):
    assert export(client_of("broker"), kind, fmt).status_code == 400
    assert audit_events(session) == []


@pytest.mark.parametrize("kind", KINDS)
def test_the_export_page_counts_rows_and_writes_nothing(client_of, session, kind):
    client = client_of("university")
    before = session.scalar(select(func.count()).select_from(AuditEvent))
    html = client.get(f"/exports/?kind={kind}").get_data(as_text=True)  # after the login's own audit row
    expected = {"needs": 3, "achievements": 3, "pairings": 1, "contracts": 1}[kind]
    assert f"按当前条件共 {expected} 行" in html
    assert f'name="kind" value="{kind}"' in html
    assert session.scalar(select(func.count()).select_from(AuditEvent)) == before


def test_the_list_pages_export_buttons_carry_their_filters(client_of):
    client = client_of("broker")
    html = client.get("/needs/?status=open&flagged=1&q=铜杆").get_data(as_text=True)
    form = re.search(r'<form method="post" action="/exports/"[^>]*data-kind="needs".*?</form>', html, re.S).group(0)
    assert all(f'name="{k}" value="{v}"' in form for k, v in (("status", "open"), ("flagged", "1"), ("q", "铜杆")))
    html = client.get("/pairings/?stage=pushed").get_data(as_text=True)
    assert re.search(r'data-kind="pairings".*?name="stage" value="pushed"', html, re.S)
    html = client.get("/achievements/?maturity=lab").get_data(as_text=True)
    assert re.search(r'data-kind="achievements".*?name="maturity" value="lab"', html, re.S)


def test_the_export_page_offers_the_import_batches_to_staff_only(client_of, world):
    label = "2026 · 万州区科技局 2026年度技术需求征集"
    html = client_of("broker").get(f"/exports/?kind=needs&batch={world['batch'].id}").get_data(as_text=True)
    assert label in html and "按当前条件共 1 行" in html
    assert f'name="batch" value="{world["batch"].id}"' in html  # carried to the export
    assert label not in client_of("enterprise").get("/exports/?kind=needs").get_data(as_text=True)
