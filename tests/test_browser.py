"""End to end in Debian's headless chromium: an enterprise signs in, posts a need, finds it."""
from __future__ import annotations

from pathlib import Path

import pytest

from models import Role

from .browser import chromium_page, live_server, sign_in
from .conftest import PASSWORD

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser


def test_enterprise_signs_in_posts_a_need_and_sees_it_in_its_list(app, make_user):
    user = make_user(Role.ENTERPRISE, email="chen@wanzhou-copper.cn")
    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(app) as base, chromium_page() as page:
        sign_in(page, base, user.email, PASSWORD)
        assert page.get_by_role("heading", name="企业工作台").is_visible()

        page.get_by_role("link", name="发布需求").first.click()
        page.get_by_label("需求名称").fill("低氧铜杆表面氧化发黑，氧含量波动大")
        page.get_by_label("需求描述").fill("我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量在15到40ppm之间波动，拉丝断线多，想找高校一起解决。")
        page.get_by_label("目标技术指标").fill("氧含量≤10ppm，导电率≥101%IACS")
        page.get_by_label("所属行业").select_option(label="新材料 · 铜合金")
        page.get_by_label("关键词").fill("铜杆，氧含量，上引连铸")
        page.get_by_label("技术开发").check()
        page.get_by_label("预算（万元）").fill("80")
        page.get_by_role("button", name="保存").click()

        page.wait_for_url(f"{base}/needs/*")
        assert page.get_by_text("需求已发布。").is_visible()
        page.screenshot(path=str(ARTIFACTS / "need-detail.png"), full_page=True)

        page.get_by_role("link", name="技术需求").first.click()
        page.get_by_label("只看本机构").check()
        page.get_by_role("button", name="筛选").click()
        listing = page.locator("#need-list")
        assert listing.get_by_text("低氧铜杆表面氧化发黑，氧含量波动大").is_visible()
        page.screenshot(path=str(ARTIFACTS / "need-list.png"), full_page=True)


def test_bad_budget_is_shown_next_to_the_field(app, make_user):
    user = make_user(Role.ENTERPRISE)
    with live_server(app) as base, chromium_page() as page:
        sign_in(page, base, user.email, PASSWORD)
        page.goto(f"{base}/needs/new")
        page.get_by_label("需求名称").fill("柑橘皮渣综合利用")
        page.get_by_label("需求描述").fill("柑橘榨汁后皮渣量大，想做果胶或饲料。")
        page.get_by_label("预算（万元）").fill("-20")
        page.get_by_role("button", name="保存").click()
        assert page.locator(".invalid-feedback", has_text="金额不能为负数").is_visible()
