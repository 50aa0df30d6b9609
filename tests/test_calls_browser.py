"""揭榜挂帅 in Debian's chromium, against gunicorn (2 workers) and the consumer: a call receives two
proposals; two experts score them and a third, from a proposing university, is refused; the
enterprise picks the top one; after 公示 the pairing exists at 有意向 with the call's milestones."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from models import Challenge, OrgKind, Pairing, Role, Stage

from .browser import chromium_page, sign_in
from .conftest import PASSWORD
from .processes import serving

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser
TODAY = date.today()


@pytest.fixture
def served(app, make_org, make_user, make_need, session, tmp_path):
    enterprise = make_org(OrgKind.ENTERPRISE, name="重庆万州某铜业有限公司")
    uni_a, uni_b = make_org(OrgKind.UNIVERSITY, name="重庆甲大学"), make_org(OrgKind.UNIVERSITY, name="四川乙研究院")
    people = {
        "enterprise": make_user(Role.ENTERPRISE, org=enterprise, email="ent@call.cn"),
        "uni_a": make_user(Role.UNIVERSITY, org=uni_a, email="a@call.cn"),
        "uni_b": make_user(Role.UNIVERSITY, org=uni_b, email="b@call.cn"),
        "broker": make_user(Role.BROKER, email="broker@call.cn"),
        "expert_1": make_user(Role.EXPERT, org=make_org(OrgKind.INSTITUTE, name="外部专家所"), email="e1@call.cn"),
        "expert_2": make_user(Role.EXPERT, org=make_org(OrgKind.INSTITUTE, name="另一专家所"), email="e2@call.cn"),
        "expert_a": make_user(Role.UNIVERSITY, org=uni_a, email="prof@call.cn"),  # of a proposing university
    }
    for key in ("expert_1", "expert_2", "expert_a"):
        people[key].is_expert = True
    session.commit()
    need = make_need(enterprise, title="低氧铜杆氧含量控制")
    with serving(app, tmp_path) as base:
        yield base, people, need


def test_a_call_from_publication_to_the_winners_pairing(served, session):
    base, people, need = served
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page() as page:
        browser = page.context.browser
        tabs = {}

        def tab(key):
            if key not in tabs:
                context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
                tabs[key] = context.new_page()
                sign_in(tabs[key], base, people[key].email, PASSWORD)
            return tabs[key]

        # 发榜: the enterprise publishes its need as a call
        ent = tab("enterprise")
        ent.goto(f"{base}/needs/{need.id}")
        ent.get_by_role("link", name="发榜（揭榜挂帅）").click()
        ent.get_by_label("技术指标").fill("氧含量≤10ppm；导电率≥101%IACS")
        ent.get_by_label("揭榜条件").fill("具有铜合金熔铸研究基础的高校院所团队")
        ent.get_by_label("榜金（万元）").fill("300")
        ent.get_by_label("揭榜截止日期").fill((TODAY + timedelta(days=20)).isoformat())
        ent.get_by_label("完成期限").fill((TODAY + timedelta(days=400)).isoformat())
        ent.get_by_label("里程碑").fill(f"{(TODAY + timedelta(days=120)).isoformat()} 完成中试验证\n"
                                      f"{(TODAY + timedelta(days=360)).isoformat()} 现场应用与验收")
        ent.get_by_role("button", name="发布榜单").click()
        ent.wait_for_url(re.compile(r".*/calls/\d+$"))
        call_url = ent.url
        call_id = int(call_url.rsplit("/", 1)[1])

        # 揭榜: two teams answer
        for key, team in (("uni_a", "铜合金熔铸课题组"), ("uni_b", "冶金过程控制团队")):
            uni = tab(key)
            uni.goto(call_url)
            uni.get_by_role("link", name="我要揭榜").click()
            uni.get_by_label("或新团队名称").fill(team)
            uni.get_by_label("技术方案").fill(f"{team}：上引连铸过程氧含量在线监测与保护气氛闭环控制。")
            uni.get_by_label("报价（万元）").fill("280")
            uni.get_by_role("button", name="提交方案").click()
            uni.get_by_text("揭榜方案已提交。").wait_for()

        # the broker invites three experts
        broker = tab("broker")
        broker.goto(call_url)
        for key in ("expert_1", "expert_2", "expert_a"):
            broker.locator("#invite-form select").select_option(str(people[key].id))
            broker.locator("#invite-form").get_by_role("button", name="邀请").click()
            broker.wait_for_url(call_url)
        assert broker.locator("#experts li").count() == 3

        # the deadline passes (the clock of this test moves the call's dates)
        session.execute(Challenge.__table__.update().where(Challenge.id == call_id)
                        .values(closes_on=TODAY - timedelta(days=1), opens_on=TODAY - timedelta(days=30)))
        session.commit()

        # 评审: two experts score both proposals; the third is refused on her own university's
        marks = {"重庆甲大学": ["28", "22", "18", "12", "9"], "四川乙研究院": ["24", "20", "16", "13", "8"]}
        for key in ("expert_1", "expert_2"):
            expert = tab(key)
            expert.goto(call_url)
            for org, values in marks.items():
                expert.locator("#proposals a", has_text=org).click()
                inputs = expert.locator("#score-form input[type=number]")
                for n, value in enumerate(values):
                    inputs.nth(n).fill(value)
                expert.get_by_role("button", name="提交评分").click()
                expert.get_by_text("评分已保存。").wait_for()
                expert.goto(call_url)
        prof = tab("expert_a")
        prof.goto(call_url)
        prof.locator("#proposals a", has_text="重庆甲大学").click()
        inputs = prof.locator("#score-form input[type=number]")
        for n, value in enumerate(["30", "25", "20", "15", "10"]):
            inputs.nth(n).fill(value)
        prof.get_by_role("button", name="提交评分").click()
        assert "须回避" in prof.locator("#error").inner_text()

        # the enterprise sees the ranking and picks the top one: 公示
        ent.goto(call_url)
        ranking = ent.locator("#ranking tbody tr")
        assert "重庆甲大学" in ranking.nth(0).inner_text() and "89" in ranking.nth(0).inner_text()
        ent.locator("#winner-form select").select_option(label="重庆甲大学")
        ent.get_by_role("button", name="选定并公示").click()
        assert ent.locator("#call-status").inner_text() == "公示"

        # 公示 ends without objections; the broker confirms
        session.execute(Challenge.__table__.update().where(Challenge.id == call_id)
                        .values(publicity_ends_on=TODAY - timedelta(days=1)))
        session.commit()
        broker.goto(call_url)
        broker.get_by_role("button", name="公示期满，确认中榜").click()
        assert broker.locator("#call-status").inner_text() == "实施"
        assert [li.inner_text().split(" ", 1)[1] for li in broker.locator("#pairing-milestones li").all()] == \
            ["完成中试验证", "现场应用与验收"]
        broker.locator("#pairing-link").click()
        assert broker.locator("#stage").inner_text() == "有意向"
        assert broker.locator("#milestones li").count() == 2
        broker.screenshot(path=str(ARTIFACTS / "call-pairing.png"), full_page=True)

    session.expire_all()
    pairing = session.scalar(select(Pairing).where(Pairing.need_id == need.id))
    assert pairing.stage == Stage.INTERESTED and pairing.proposal.organization.name == "重庆甲大学"
    assert [m.title for m in pairing.milestones] == ["完成中试验证", "现场应用与验收"]
