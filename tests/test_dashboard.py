"""The brokers' dashboard: a small data set with known figures (contracts in two years, pairings with
stage histories at chosen moments, events and open calls), and every figure checked — the funnel
with its conversions and median days, turnover by month with the cumulative and year-on-year
figures, each breakdown, the year and region filters, the page's tables, the .xlsx downloads, who
may see it, and that reading it writes nothing."""
from __future__ import annotations

import io
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from html.parser import HTMLParser

import pytest
from openpyxl import load_workbook

from matchmaker.dashboard import services
from matchmaker.events.services import events_held
from matchmaker.listings.rules import BUREAU_TZ, bureau_today
from models import (
    Challenge,
    ChallengeStatus,
    CloseReason,
    Contract,
    ContractSubType,
    ContractType,
    EventKind,
    IPType,
    MatchmakingEvent,
    OrgKind,
    Pairing,
    Role,
    Stage,
    StageEvent,
)

from .conftest import industry, region
from .test_matching import counting_writes

#: The year the figures are about (a complete year, so the page's year-on-year month is December)
#: and the year before it.
Y = bureau_today().year - 1
P = Y - 1
D = Decimal
R, PU, IN, NE, SI, RE = (Stage.RECOMMENDED, Stage.PUSHED, Stage.INTERESTED, Stage.NEGOTIATING, Stage.SIGNED,
                         Stage.REGISTERED)


def at(year: int, month: int, day: int, hour: int = 10) -> datetime:
    return datetime(year, month, day, hour, tzinfo=BUREAU_TZ)


@dataclass
class DataSet:
    brokers: tuple
    wanzhou: object
    dazhou: object


@pytest.fixture
def dataset(session, make_org, make_user, make_need, make_achievement) -> DataSet:
    """Five pairings opened in Y (three contracts) and two in P (two contracts), buyers in 万州 and 达州."""
    wanzhou, dazhou = region(session, "wanzhou"), region(session, "dazhou")
    copper_maker = make_org(OrgKind.ENTERPRISE, name="重庆万州鑫峡铜业有限公司")
    food_maker = make_org(OrgKind.ENTERPRISE, name="达州市川东食品有限公司", region_code="dazhou")
    university = make_org(OrgKind.UNIVERSITY, name="重庆三峡学院")
    institute = make_org(OrgKind.INSTITUTE, name="万州区农业科学研究所")
    equipment_maker = make_org(OrgKind.ENTERPRISE, name="重庆智能装备科技有限公司")
    he, li = make_user(Role.BROKER), make_user(Role.BROKER)
    he.name, li.name = "何经纪", "李经纪"

    copper = make_need(copper_maker, industry=industry(session, "new_materials.copper"))
    fruit = make_need(food_maker, "柑橘采后保鲜", industry=industry(session, "food.fruit_veg"))
    wire = make_need(copper_maker, "铜线拉丝断线率高", industry=industry(session, "new_materials.copper"))
    sauce = make_need(food_maker, "调味品发酵周期长", industry=industry(session, "food.condiments"))
    robot = make_need(copper_maker, "铜杆表面缺陷自动检测", industry=industry(session, "equipment.intelligent"))
    patent = make_achievement(university, ip_type=IPType.INVENTION_PATENT)
    variety = make_achievement(institute, "晚熟柑橘新品种", ip_type=IPType.PLANT_VARIETY)
    detector = make_achievement(equipment_maker, "表面缺陷视觉检测装备", ip_type=None)

    def pairing(need, achievement, broker, history, contract=None, **kw):
        p = Pairing(need_id=need.id, achievement_id=achievement.id, broker_id=broker.id if broker else None,
                    stage=history[-1][0], **kw)
        if contract is not None:
            contract.buyer_id, contract.seller_id = need.organization_id, achievement.organization_id
            p.contract = contract
            p.registration_no = contract.registration_no if p.stage == RE else None
        session.add(p)
        session.flush()
        previous = None
        for seq, (stage, moment) in enumerate(history, start=1):
            session.add(StageEvent(pairing_id=p.id, seq=seq, at=moment, from_stage=previous, to_stage=stage))
            previous = stage

    # --- Y ---
    pairing(copper, patent, he, [(R, at(Y, 3, 1)), (PU, at(Y, 3, 5)), (IN, at(Y, 3, 15)), (NE, at(Y, 4, 1)),
                                 (SI, at(Y, 5, 1)), (RE, at(Y, 5, 21))],
            Contract(contract_type=ContractType.DEVELOPMENT, sub_type=ContractSubType.COMMISSIONED,
                     amount_wan=D("300"), tech_income_wan=D("250"), signed_on=date(Y, 5, 1),
                     registration_no=f"50010{Y}000001", registered_on=date(Y, 5, 21), registered_income_wan=D("240")))
    pairing(fruit, variety, li, [(R, at(Y, 3, 1)), (PU, at(Y, 3, 3)), (IN, at(Y, 3, 8)), (NE, at(Y, 3, 10)),
                                 (SI, at(Y, 3, 20))],
            Contract(contract_type=ContractType.TRANSFER, sub_type=ContractSubType.PATENT_TRANSFER,
                     amount_wan=D("120.50"), tech_income_wan=D("120.50"), signed_on=date(Y, 3, 20)))
    pairing(copper, variety, he, [(R, at(Y, 6, 1)), (PU, at(Y, 6, 4, 22)), (Stage.CLOSED, at(Y, 6, 10))],
            closed_code=CloseReason.ENTERPRISE_DECLINED)
    pairing(fruit, patent, he, [(R, at(Y, 7, 1))])
    # from a matchmaking event: opened at 有意向, no broker named
    pairing(copper, detector, None, [(IN, at(Y, 8, 1)), (NE, at(Y, 8, 11)), (SI, at(Y, 9, 1))],
            Contract(contract_type=ContractType.SERVICE, sub_type=ContractSubType.SERVICE,
                     amount_wan=D("80"), tech_income_wan=D("60"), signed_on=date(Y, 9, 1)))
    # --- P, the year before ---
    pairing(fruit, detector, li, [(R, at(P, 3, 1)), (PU, at(P, 3, 3)), (IN, at(P, 3, 10)), (NE, at(P, 3, 20)),
                                  (SI, at(P, 4, 15)), (RE, at(P, 5, 1))],
            Contract(contract_type=ContractType.CONSULTING, amount_wan=D("200"), tech_income_wan=D("200"),
                     signed_on=date(P, 4, 15), registration_no=f"50010{P}000001", registered_on=date(P, 5, 1),
                     registered_income_wan=D("180")))
    pairing(wire, patent, he, [(R, at(P, 10, 1)), (PU, at(P, 10, 2)), (IN, at(P, 10, 9)), (NE, at(P, 10, 19)),
                               (SI, at(P, 11, 3))],
            Contract(contract_type=ContractType.DEVELOPMENT, sub_type=ContractSubType.COOPERATIVE,
                     amount_wan=D("50"), tech_income_wan=D("40"), signed_on=date(P, 11, 3)))

    for held_on, place in ((date(Y, 3, 10), wanzhou), (date(Y, 6, 10), dazhou), (date(Y, 9, 10), wanzhou),
                           (date(P, 5, 10), wanzhou)):
        session.add(MatchmakingEvent(title=f"对接会 {held_on}", kind=EventKind.MATCHMAKING, held_on=held_on,
                                     region_id=place.id))
    for need, status, opens in ((wire, ChallengeStatus.PROPOSING, date(Y, 4, 1)),
                                (sauce, ChallengeStatus.CANCELLED, date(Y, 6, 1)),
                                (robot, ChallengeStatus.PUBLISHED, date(Y, 11, 1)),
                                (copper, ChallengeStatus.REVIEWING, date(P, 8, 1))):
        session.add(Challenge(need_id=need.id, title=need.title, requirements="具有相关研究基础的高校院所",
                              status=status, opens_on=opens, closes_on=opens.replace(day=28)))
    session.commit()
    return DataSet(brokers=(he, li), wanzhou=wanzhou, dazhou=dazhou)


def rows_of(breakdown):
    return [(r.label, r.contracts, r.amount, r.income) for r in breakdown.rows]


def breakdown(session, key, year=Y, region=None):
    return next(b for b in (f(session, year, region) for f in services.BREAKDOWNS) if b.key == key)


# --- the funnel ------------------------------------------------------------------------------------
def test_the_funnel_counts_how_far_the_years_pairings_got(session, dataset):
    funnel = services.funnel(session, Y, None)
    assert (funnel.opened, funnel.closed) == (5, 1)
    assert [(s.stage, s.reached, s.conversion) for s in funnel.steps] == [
        (R, 5, None), (PU, 4, D("80.0")), (IN, 3, D("75.0")), (NE, 3, D("100.0")), (SI, 3, D("100.0")),
        (RE, 1, D("33.3")), (Stage.COMPLETED, 0, D("0.0")),
    ]
    # finished stays only: 推荐 4, 2, 3.5 days; 已推送 10, 5, 5.5; 有意向 17, 2, 10; 洽谈 30, 10, 21; 已签约 20
    assert [(s.median_days, s.stays) for s in funnel.steps] == [
        (D("3.5"), 3), (D("5.5"), 3), (D("10.0"), 3), (D("21.0"), 3), (D("20.0"), 1), (None, 0), (None, 0)]


def test_the_funnel_of_a_region_and_of_another_year(session, dataset):
    funnel = services.funnel(session, Y, dataset.wanzhou)
    assert (funnel.opened, funnel.closed) == (3, 1)
    assert [s.reached for s in funnel.steps] == [3, 3, 2, 2, 2, 1, 0]
    assert [s.conversion for s in funnel.steps] == [None, D("100.0"), D("66.7"), D("100.0"), D("100.0"), D("50.0"),
                                                    D("0.0")]
    # two stays each: the median is their mean
    assert [s.median_days for s in funnel.steps][:5] == [D("3.8"), D("7.8"), D("13.5"), D("25.5"), D("20.0")]
    assert [s.reached for s in services.funnel(session, P, None).steps] == [2, 2, 2, 2, 2, 1, 0]
    assert services.funnel(session, Y + 1, None).opened == 0


# --- turnover ----------------------------------------------------------------------------------------
def test_turnover_by_month_cumulative_and_year_on_year(session, dataset):
    money = services.turnover(session, Y, None, bureau_today())
    assert (money.amount, money.income, money.contracts, money.registered) == (D("500.50"), D("420.50"), 3, 1)
    assert [m.amount for m in money.months] == [0, 0, D("120.50"), 0, D("300.00"), 0, 0, 0, D("80.00"), 0, 0, 0]
    # 技术交易额: the registered (核定) 240 for the registered contract, the declared figure for the others
    assert [m.income for m in money.months] == [0, 0, D("120.50"), 0, D("240.00"), 0, 0, 0, D("60.00"), 0, 0, 0]
    assert [m.cumulative_amount for m in money.months] == [0, 0, D("120.50"), D("120.50")] + [D("420.50")] * 4 \
        + [D("500.50")] * 4
    assert [m.cumulative_income for m in money.months][-1] == D("420.50")
    assert [m.last_year_cumulative for m in money.months] == [0, 0, 0] + [D("200")] * 7 + [D("250")] * 2
    # "—" while last year had nothing; then this year's cumulative against last year's to the same month
    assert [m.growth for m in money.months] == [None, None, None, D("-39.7")] + [D("110.3")] * 4 \
        + [D("150.3")] * 2 + [D("100.2")] * 2
    assert (money.reference_month, money.growth, money.last_year_amount) == (12, D("100.2"), D("250.00"))

    before = services.turnover(session, P, None, bureau_today())
    assert (before.amount, before.income, before.contracts, before.registered, before.growth) == \
        (D("250.00"), D("220.00"), 2, 1, None)


def test_in_the_current_year_the_months_ahead_have_no_cumulative_and_growth_is_to_this_month(session, dataset):
    money = services.turnover(session, Y, None, date(Y, 6, 30))
    assert money.reference_month == 6
    assert [m.cumulative_amount for m in money.months][4:8] == [D("420.50"), D("420.50"), None, None]
    assert money.growth == D("110.3")
    assert money.amount == D("500.50")  # the year's total is still everything signed in it


def test_turnover_of_a_region_is_its_buyers(session, dataset):
    money = services.turnover(session, Y, dataset.wanzhou, bureau_today())
    assert (money.amount, money.income, money.contracts) == (D("380.00"), D("300.00"), 2)
    assert money.last_year_amount == D("50.00") and money.growth == D("660.0")
    assert services.turnover(session, Y, dataset.dazhou, bureau_today()).amount == D("120.50")


# --- breakdowns -------------------------------------------------------------------------------------
def test_each_breakdown_adds_up_to_the_year(session, dataset):
    assert rows_of(breakdown(session, "contract_type")) == [
        ("技术开发", 1, D("300.00"), D("240.00")), ("技术转让", 1, D("120.50"), D("120.50")),
        ("技术许可", 0, 0, 0), ("技术咨询", 0, 0, 0), ("技术服务", 1, D("80.00"), D("60.00"))]
    assert rows_of(breakdown(session, "industry")) == [
        ("新材料", 2, D("380.00"), D("300.00")), ("食品加工", 1, D("120.50"), D("120.50"))]
    assert rows_of(breakdown(session, "seller_type")) == [
        ("高校", 1, D("300.00"), D("240.00")), ("科研院所", 1, D("120.50"), D("120.50")),
        ("企业", 1, D("80.00"), D("60.00"))]
    assert rows_of(breakdown(session, "ip_type")) == [
        ("发明专利", 1, D("300.00"), D("240.00")), ("实用新型", 0, 0, 0), ("软件著作权", 0, 0, 0),
        ("植物新品种", 1, D("120.50"), D("120.50")), ("技术秘密", 0, 0, 0), ("无/未注明", 1, D("80.00"), D("60.00"))]
    assert rows_of(breakdown(session, "seller")) == [
        ("重庆三峡学院", 1, D("300.00"), D("240.00")), ("万州区农业科学研究所", 1, D("120.50"), D("120.50")),
        ("重庆智能装备科技有限公司", 1, D("80.00"), D("60.00"))]
    assert rows_of(breakdown(session, "broker")) == [
        ("何经纪", 1, D("300.00"), D("240.00")), ("李经纪", 1, D("120.50"), D("120.50")),
        ("未指定", 1, D("80.00"), D("60.00"))]
    assert rows_of(breakdown(session, "region")) == [
        ("万州", 2, D("380.00"), D("300.00")), ("达州", 1, D("120.50"), D("120.50"))]


def test_breakdowns_follow_the_year_and_region(session, dataset):
    assert rows_of(breakdown(session, "seller", year=P)) == [
        ("重庆智能装备科技有限公司", 1, D("200.00"), D("180.00")), ("重庆三峡学院", 1, D("50.00"), D("40.00"))]
    assert rows_of(breakdown(session, "broker", region=dataset.wanzhou)) == [
        ("何经纪", 1, D("300.00"), D("240.00")), ("未指定", 1, D("80.00"), D("60.00"))]
    assert rows_of(breakdown(session, "region", region=dataset.dazhou)) == [("达州", 1, D("120.50"), D("120.50"))]


# --- events, open calls, years ------------------------------------------------------------------------
def test_events_by_month_and_open_calls_by_state(session, dataset):
    today = bureau_today()
    events = services.events_by_month(session, Y, None, today, 10)
    assert events.by_month == [0, 0, 1, 0, 0, 1, 0, 0, 1, 0, 0, 0] and events.total == 3 and events.target == 10
    assert events.total == events_held(session, date(Y, 1, 1), date(Y, 12, 31))
    assert services.events_by_month(session, Y, dataset.wanzhou, today, 10).total == 2
    # the events of a year count up to today only
    assert services.events_by_month(session, Y, None, date(Y, 6, 30), 10).total == 2

    calls = dict(services.calls_by_status(session, Y, None))
    assert list(calls) == list(ChallengeStatus)
    assert {s: n for s, n in calls.items() if n} == {ChallengeStatus.PUBLISHED: 1, ChallengeStatus.PROPOSING: 1,
                                                      ChallengeStatus.CANCELLED: 1}
    wanzhou = {s: n for s, n in services.calls_by_status(session, Y, dataset.wanzhou) if n}
    assert wanzhou == {ChallengeStatus.PUBLISHED: 1, ChallengeStatus.PROPOSING: 1}
    assert services.available_years(session, date(Y + 1, 2, 1)) == [Y + 1, Y, P]


# --- the page ------------------------------------------------------------------------------------------
class Tables(HTMLParser):
    """The text of every cell of every <table id=…> on a page, row by row, and the captions."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.captions: dict[str, str] = {}
        self._table = self._cell = self._caption = None
        self.feed(html)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and attrs.get("id"):
            self._table = attrs["id"]
            self.tables[self._table] = []
            self.captions[self._table] = ""
        elif self._table and tag == "tr":
            self.tables[self._table].append([])
        elif self._table and tag in ("td", "th"):
            self._cell = ""
        elif self._table and tag == "caption":
            self._caption = True

    def handle_endtag(self, tag):
        if tag == "table":
            self._table = None
        elif self._table and tag in ("td", "th") and self._cell is not None:
            self.tables[self._table][-1].append(self._cell.strip())
            self._cell = None
        elif tag == "caption":
            self._caption = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell += data
        elif self._caption and self._table:
            self.captions[self._table] += data


def page(client, **args):
    response = client.get("/dashboard/", query_string=args)
    assert response.status_code == 200, response.get_data(as_text=True)[:400]
    return response.get_data(as_text=True)


def test_the_page_shows_every_chart_with_its_table_and_the_headline(app, login_as, dataset, monkeypatch):
    monkeypatch.setitem(app.config, "TURNOVER_TARGET_WAN", 1000)
    client, _ = login_as(Role.BROKER)
    html = page(client, year=Y)
    tables = Tables(html).tables
    assert tables["table-funnel"][0] == ["阶段", "到达对接数", "较上一阶段转化率(%)", "停留天数中位数(天)"]
    assert tables["table-funnel"][1:] == [
        ["推荐", "5", "—", "3.5"], ["已推送", "4", "80.0", "5.5"], ["有意向", "3", "75.0", "10.0"],
        ["洽谈", "3", "100.0", "21.0"], ["已签约", "3", "100.0", "20.0"], ["已登记", "1", "33.3", "—"],
        ["履约完成", "0", "0.0", "—"]]
    turnover = tables["table-turnover"]
    assert turnover[3] == ["3月", "1", "120.50", "120.50", "120.50", "120.50", "0.00", "—"]
    assert turnover[5] == ["5月", "1", "300.00", "240.00", "420.50", "360.50", "200.00", "110.3"]
    assert turnover[12] == ["12月", "0", "0.00", "0.00", "500.50", "420.50", "250.00", "100.2"]
    assert tables["table-region"][1:] == [["万州", "2", "380.00", "300.00"], ["达州", "1", "120.50", "120.50"]]
    assert tables["table-events"][3] == ["3月", "1", "1"] and tables["table-events"][12] == ["12月", "0", "3"]
    assert ["揭榜", "1"] in tables["table-calls"]
    assert set(tables) >= {f"table-{key}" for key in ("contract_type", "industry", "seller_type", "ip_type", "seller",
                                                      "broker")}
    # headline: 亿元, the share of the (configured) target, the counts
    assert 'id="headline-turnover">0.05亿元<' in html and "完成 50.1%" in html
    assert 'id="headline-income">0.04亿元<' in html and 'id="headline-growth">+100.2%<' in html
    assert 'id="headline-contracts">3 项<' in html and 'id="headline-registered">1 项<' in html
    assert 'id="headline-events">3 / 10<' in html
    # each chart draws from a JSON block, and no script on the page runs inline code
    assert html.count('type="application/json" id="chart-data-') == 11
    assert "dashboard.js" in html and "vendor/echarts.min.js" in html
    for chunk in html.split("<script")[1:]:
        opening, _, rest = chunk.partition(">")
        assert "src=" in opening or 'type="application/json"' in opening, opening


def test_the_filters_change_the_figures_and_the_default_is_this_year(login_as, dataset):
    client, _ = login_as(Role.ADMIN)
    assert 'id="home-dashboard-link"' in client.get("/").get_data(as_text=True)
    html = page(client)
    assert f'<option value="{bureau_today().year}" selected>' in html
    assert Tables(html).tables["table-funnel"][1] == ["推荐", "0", "—", "—"]
    for year in (Y, P):
        assert f'<option value="{year}"' in html
    tables = Tables(page(client, year=P)).tables
    assert tables["table-turnover"][12][4] == "250.00"
    tables = Tables(page(client, year=Y, region="wanzhou")).tables
    assert [row[1] for row in tables["table-funnel"][1:]] == ["3", "3", "2", "2", "2", "1", "0"]
    assert tables["table-turnover"][12][4:] == ["380.00", "300.00", "50.00", "660.0"]
    assert tables["table-region"][1:] == [["万州", "2", "380.00", "300.00"]]


@pytest.mark.parametrize("args, message", [
    ({"year": "abc"}, "年份「abc」无效"), ({"year": "1999"}, "年份「1999」无效"),
    ({"region": "nowhere"}, "没有地区「nowhere」"),
])
def test_bad_filters_are_refused_clearly(login_as, args, message):
    client, _ = login_as(Role.BROKER)
    response = client.get("/dashboard/", query_string=args)
    assert response.status_code == 400 and message in response.get_data(as_text=True)
    assert client.get("/dashboard/nothing.xlsx").status_code == 404


# --- downloads ------------------------------------------------------------------------------------------
def workbook(response):
    assert response.status_code == 200 and response.mimetype.endswith("spreadsheetml.sheet")
    return load_workbook(io.BytesIO(response.data), read_only=True)


def sheet_rows(ws) -> list[tuple]:
    """The rows, each as wide as the header (a cell with no figure is left empty)."""
    rows = [tuple(row) for row in ws.iter_rows(values_only=True)]
    width = len(rows[0])
    return [row + (None,) * (width - len(row)) for row in rows]


def test_each_chart_downloads_as_xlsx_with_the_figures_of_its_table(login_as, dataset):
    client, _ = login_as(Role.BROKER)
    response = client.get("/dashboard/turnover.xlsx", query_string={"year": Y, "region": "wanzhou"})
    assert f"dashboard-{Y}-wanzhou-turnover.xlsx" in response.headers["Content-Disposition"]
    book = workbook(response)
    assert book.sheetnames == ["技术合同成交额（按月）"]
    rows = sheet_rows(book.active)
    assert rows[0] == ("月份", "合同数", "合同成交额(万元)", "技术交易额(万元)", "累计成交额(万元)",
                       "累计技术交易额(万元)", "上年同期累计成交额(万元)", "累计同比增长(%)")
    assert rows[5] == ("5月", 1, 300, 240, 300, 240, 0, None)
    assert rows[12] == ("12月", 0, 0, 0, 380, 300, 50, 660)

    rows = sheet_rows(workbook(client.get("/dashboard/funnel.xlsx", query_string={"year": Y})).active)
    assert rows[1:3] == [("推荐", 5, None, 3.5), ("已推送", 4, 80, 5.5)]
    rows = sheet_rows(workbook(client.get("/dashboard/ip_type.xlsx", query_string={"year": Y})).active)
    assert rows[-1] == ("无/未注明", 1, 80, 60)


def test_download_all_has_one_sheet_per_chart(login_as, dataset):
    client, _ = login_as(Role.ADMIN)
    book = workbook(client.get("/dashboard/all.xlsx", query_string={"year": Y}))
    assert book.sheetnames == ["对接漏斗", "技术合同成交额（按月）", "按合同类型", "按技术领域", "按卖方类型", "按知识产权类型",
                               "按卖方单位（高校院所）", "按技术经纪人", "按地区（买方所在地）", "对接活动（按月）", "揭榜挂帅（按状态）"]
    assert sheet_rows(book["按技术领域"])[1:] == [("新材料", 2, 380, 300), ("食品加工", 1, 120.5, 120.5)]
    assert sheet_rows(book["揭榜挂帅（按状态）"])[1:4] == [("发榜", 1), ("揭榜", 1), ("评审", 0)]


# --- who may read it, and reading writes nothing -----------------------------------------------------------
@pytest.mark.parametrize("role, status", [
    (Role.BROKER, 200), (Role.ADMIN, 200), (Role.ENTERPRISE, 403), (Role.UNIVERSITY, 403), (Role.EXPERT, 403)])
@pytest.mark.parametrize("path", ["/dashboard/", "/dashboard/funnel.xlsx", "/dashboard/all.xlsx"])
def test_only_brokers_and_admins_see_the_dashboard(login_as, role, status, path):
    client, _ = login_as(role)
    assert client.get(path).status_code == status


def test_anonymous_visitors_are_sent_to_sign_in(client):
    response = client.get("/dashboard/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_reading_the_dashboard_and_its_downloads_writes_nothing(engine, login_as, dataset):
    client, _ = login_as(Role.BROKER)
    with counting_writes(engine) as writes:
        page(client, year=Y, region="wanzhou")
        assert client.get("/dashboard/all.xlsx", query_string={"year": Y}).status_code == 200
    assert writes == []
