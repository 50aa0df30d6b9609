"""The whole story in Debian's chromium, against gunicorn (2 workers), the task consumer and a real
SMTP server: an enterprise posts a need → the broker accepts a suggestion in the review queue and
pushes it → both sides say yes → 洽谈 → a contract is signed → registered with a 登记编号 → the
timeline shows every step with who and when, and the mails arrived."""
from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

import pytest

from models import OrgKind, Role

from .browser import chromium_page, sign_in
from .conftest import PASSWORD, settle
from .processes import Mailbox, app_env, free_port, gunicorn, smtp_server, wait_for, wait_for_http, worker
from .test_matching import COPPER, library  # noqa: F401  (fixture)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture
def served(app, library, make_user, session, tmp_path):  # noqa: F811
    settle(app)
    people = {
        "enterprise": make_user(Role.ENTERPRISE, email="chen@wanzhou-copper.cn"),
        "university": make_user(Role.UNIVERSITY, org=library["uni"], email="li@cqu.edu.cn"),
        "broker": make_user(Role.BROKER, email="he@wanzhou-kjj.gov.cn"),
    }
    instance = tmp_path / "instance"
    instance.mkdir()
    mails, smtp_port = Mailbox(), free_port()
    smtp = smtp_server(smtp_port, mails)
    port = free_port()
    env = app_env(app, MATCHMAKER_ENV="development", MATCHMAKER_INSTANCE=str(instance), MAIL_ENABLED="1",
                  MAIL_SERVER="127.0.0.1", MAIL_PORT=str(smtp_port), SITE_URL=f"http://127.0.0.1:{port}")
    env.pop("SECRET_KEY", None)
    try:
        with worker(env, tmp_path / "worker.log"), gunicorn(env, port, tmp_path / "gunicorn.log"):
            base = f"http://127.0.0.1:{port}"
            wait_for_http(f"{base}/login")
            yield base, people, mails, tmp_path
    finally:
        smtp.stop()


def test_from_a_posted_need_to_a_registered_contract(served):
    base, people, mails, logs = served
    ARTIFACTS.mkdir(exist_ok=True)
    today = date.today()
    with chromium_page() as page:
        browser = page.context.browser

        def as_user(key):
            context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
            tab = context.new_page()
            sign_in(tab, base, people[key].email, PASSWORD)
            return tab

        ent, broker, uni = as_user("enterprise"), as_user("broker"), as_user("university")

        # 1. the enterprise poses its problem and sees suggestions appear
        ent.goto(f"{base}/needs/new")
        ent.get_by_label("需求名称").fill("铜杆表面氧化发黑，氧含量不稳定")
        ent.get_by_label("需求描述").fill("我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量波动大，拉丝断线多。")
        ent.get_by_label("关键词").fill("铜杆，氧含量，上引连铸")
        ent.get_by_label("截止日期").fill((today + timedelta(days=30)).isoformat())
        ent.get_by_role("button", name="保存").click()
        ent.wait_for_url(re.compile(r".*/needs/\d+$"))
        need_id = int(ent.url.rsplit("/", 1)[1])
        ent.locator("#suggestions li.suggestion").first.wait_for(timeout=15000)

        # 2. the broker finds it in the review queue, accepts the copper-rod achievement, pushes it
        broker.goto(f"{base}/review/")
        card = broker.locator(f"#need-{need_id}")
        remaining = int(broker.locator("#queue-remaining").inner_text())
        item = card.locator("li.queue-item", has_text=COPPER[0])
        item.get_by_role("button", name="采纳").click()
        card.get_by_text("已采纳").wait_for()
        assert card.locator("li.queue-item", has_text=COPPER[0]).count() == 0
        assert int(broker.locator("#queue-remaining").inner_text()) == remaining - 1  # no page reload
        broker.goto(f"{base}/pairings/?stage=recommended")
        broker.locator("#pairing-list a", has_text=COPPER[0]).first.click()
        pairing_url = broker.url
        broker.get_by_role("button", name="推送给双方").click()
        assert broker.locator("#stage").inner_text() == "已推送"

        # 3. both sides say yes: 有意向 by itself
        for tab in (ent, uni):
            tab.goto(f"{base}/")
            tab.get_by_role("link", name=re.compile("经纪人推送了")).first.click()
            tab.get_by_label("有意向").check()
            tab.get_by_role("button", name="提交答复").click()
        assert uni.locator("#stage").inner_text() == "有意向"

        # 4. negotiation, the contract, the registration
        uni.get_by_role("button", name="进入洽谈").click()
        assert uni.locator("#stage").inner_text() == "洽谈"
        ent.goto(pairing_url)
        signing = ent.locator("#to-signed")
        signing.get_by_label("合同类型").select_option("license")
        signing.get_by_label("具体类别").select_option("license.patent")
        signing.get_by_label("合同成交额（万元）").fill("120")
        signing.get_by_label("技术交易额（万元）").fill("100")
        signing.get_by_label("签订日期").fill((today - timedelta(days=2)).isoformat())
        signing.get_by_label("合同期限（月）").fill("24")
        signing.get_by_role("button", name="确认签约").click()
        assert ent.locator("#stage").inner_text() == "已签约"
        uni.goto(pairing_url)
        registering = uni.locator("#to-registered")
        registering.get_by_label("登记编号").fill("500101202600888")
        registering.get_by_label("登记日期").fill(today.isoformat())
        registering.get_by_label("核定技术交易额（万元）").fill("96")
        registering.get_by_role("button", name="登记完成").click()
        assert uni.locator("#stage").inner_text() == "已登记"

        # 5. the timeline, as the broker sees it
        broker.goto(pairing_url)
        timeline = broker.locator("#timeline").inner_text()
        for step in ("推荐", "已推送", "企业答复", "成果方答复", "有意向", "洽谈", "已签约", "已登记", "登记编号 500101202600888"):
            assert step in timeline, step
        for person in ("broker", "enterprise", "university"):
            assert people[person].name in timeline
        assert "96 万元" in broker.locator("#contract").inner_text()
        broker.screenshot(path=str(ARTIFACTS / "pairing-timeline.png"), full_page=True)

    # 6. the mails: each side is told what the others did (not what it did itself)
    def inbox(email: str) -> str:
        return " | ".join(mails.subjects_to(email))

    told = {"enterprise": ("推送", "成果方答复", "有意向", "洽谈", "已登记"), "university": ("推送", "企业方答复", "已签约")}
    wait_for(lambda: all(all(word in inbox(people[who].email) for word in words) for who, words in told.items()),
             60, what=f"the notification mails, got: {[str(m['Subject']) for m in mails.messages()]}")
    assert "已签约" not in inbox(people["enterprise"].email)  # the enterprise signed it itself
    log = (logs / "worker.log").read_text()
    assert "Traceback" not in log, log[-3000:]
