"""A matchmaking event in Debian's chromium, against gunicorn (2 workers) and the task consumer:
a broker creates the event, accepts the engine's proposed invitees, records attendance and an
outcome, and turns the outcome into a pairing at 有意向 whose history names the event."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from matchmaker.listings.rules import bureau_today
from models import OrgKind, Role

from .browser import chromium_page, sign_in
from .conftest import PASSWORD, settle
from .processes import serving
from .test_matching import COPPER, library  # noqa: F401  (fixture)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
TITLE = "万达开技术成果对接会（新材料专场）"
NEED = "铜杆表面氧化发黑，氧含量不稳定"
pytestmark = pytest.mark.browser


@pytest.fixture
def served(app, library, make_org, make_need, make_user, session, tmp_path):  # noqa: F811
    # a key need (重点需求) of a copper-rod maker: the bureau's pick for a new-materials event
    need = make_need(make_org(OrgKind.ENTERPRISE, name="重庆万州鑫峡铜业有限公司"), title=NEED, is_key=True,
                     description="我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量波动大，拉丝断线多。")
    settle(app)
    broker = make_user(Role.BROKER, email="he@wanzhou-kjj.gov.cn")
    with serving(app, tmp_path) as base:
        yield base, broker, need, tmp_path


def test_a_broker_runs_an_event_from_invitations_to_a_pairing(served):
    base, broker, need, logs = served
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page() as page:
        sign_in(page, base, broker.email, PASSWORD)

        # 1. the event: today, in the new-materials focus
        page.get_by_role("link", name="对接活动", exact=True).click()
        page.get_by_role("link", name="新建活动").click()
        page.get_by_label("活动名称").fill(TITLE)
        page.get_by_label("活动类型").select_option("matchmaking")
        page.get_by_label("活动日期").fill(bureau_today().isoformat())
        page.get_by_label("地点").fill("万州经开区科技创新中心")
        page.get_by_label("举办地区").select_option(label="万州")
        page.get_by_label("行业方向").select_option(label="新材料")
        page.get_by_label("活动说明").fill("集中发布新材料领域重点技术需求，推介科技成果，组织一对一洽谈。")
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(re.compile(r".*/events/\d+$"))
        event_url = page.url
        assert "活动已创建" in page.locator("main").inner_text()

        # 2. nothing invited yet: the bureau's key need in the focus is proposed; accept it
        proposals = page.locator("#proposals")
        assert NEED in proposals.locator("#proposed-needs").inner_text()
        proposals.get_by_role("button", name="邀请勾选的推荐").click()
        page.locator("#work-message", has_text="已邀请").wait_for()
        assert NEED in page.locator("#invited-needs").inner_text()

        # 3. now the engine proposes the achievements that fit the invited need, best first, with
        #    the need named as the reason; accept them, without a page reload
        url_before = page.url
        proposed = page.locator("#proposed-achievements li.proposal")
        assert "适合受邀需求的成果" in page.locator("#proposed-achievements").inner_text()
        assert COPPER[0] in proposed.first.inner_text() and f"「{NEED}」" in proposed.first.inner_text()
        offered = proposed.count()
        page.screenshot(path=str(ARTIFACTS / "event-proposals.png"), full_page=True)
        page.locator("#proposals").get_by_role("button", name="邀请勾选的推荐").click()
        page.locator("#invited-achievements li.invitee", has_text=COPPER[0]).wait_for()
        assert f"已邀请 {offered} 项" in page.locator("#work-message").inner_text()
        assert page.url == url_before
        invited = page.locator("#invited-achievements").inner_text()
        assert COPPER[0] in invited

        # 4. attendance: one click per row, only the row changes
        need_row = page.locator(f"#invitee-need-{need.id}")
        need_row.get_by_role("button", name="出席").click()
        page.locator(f"#invitee-need-{need.id}[data-attended='yes']").wait_for()
        copper_row = page.locator("#invited-achievements li.invitee", has_text=COPPER[0])
        copper_row.get_by_role("button", name="出席").click()
        page.locator("#invited-achievements li.invitee[data-attended='yes']", has_text=COPPER[0]).wait_for()

        # 5. the outcome: the copper-rod maker and the copper-rod achievement want to go on
        form = page.locator("#outcome-form")
        form.get_by_label("需求").select_option(label=NEED)
        form.get_by_label("成果").select_option(label=COPPER[0])
        form.get_by_label("洽谈情况").fill("双方约定下周到厂里看上引连铸设备")
        form.get_by_role("button", name="登记洽谈成果").click()
        page.locator("#work-message", has_text="已登记洽谈成果").wait_for()
        outcome = page.locator("#outcomes li.outcome").first
        assert NEED in outcome.inner_text() and COPPER[0] in outcome.inner_text()
        page.screenshot(path=str(ARTIFACTS / "event-work.png"), full_page=True)
        # the same pair again is refused, and the refusal (409) is shown in place
        form.get_by_label("需求").select_option(label=NEED)
        form.get_by_label("成果").select_option(label=COPPER[0])
        form.get_by_role("button", name="登记洽谈成果").click()
        page.locator("#work-error", has_text="已登记为本次活动的洽谈成果").wait_for()
        assert page.locator("#outcomes li.outcome").count() == 1

        # 6. one click: a pairing at 有意向
        outcome.get_by_role("button", name="转为对接（有意向）").click()
        page.locator("#work-message", has_text="（有意向）").wait_for()
        link = page.locator("#outcomes li.outcome").first.get_by_role("link", name=re.compile(r"对接 #\d+"))
        assert "有意向" in link.inner_text()
        link.click()
        page.wait_for_url(re.compile(r".*/pairings/\d+$"))
        assert page.locator("#stage").inner_text() == "有意向"
        timeline = page.locator("#timeline").inner_text()
        assert f"来自对接会「{TITLE}」" in timeline and "双方约定下周到厂里看上引连铸设备" in timeline
        assert broker.name in timeline
        page.screenshot(path=str(ARTIFACTS / "event-pairing.png"), full_page=True)

        # 7. the event is listed as held today, and counts on the broker's home
        page.goto(f"{base}/")
        assert re.search(r"^\s*1 / 10\s*$", page.locator("#home-events-held").inner_text())
        page.goto(f"{base}/events/")
        assert TITLE in page.locator("#today").inner_text()
        page.screenshot(path=str(ARTIFACTS / "events-list.png"), full_page=True)
        page.goto(event_url)
        assert page.locator("#outcomes li.outcome").first.get_by_role("link", name=re.compile(r"对接 #\d+")).count() == 1
    log = (logs / "gunicorn.log").read_text() + (logs / "worker.log").read_text()
    assert "Traceback" not in log, log[-3000:]
