"""End to end on the demo data, in Debian's chromium: an enterprise posts a copper-rod oxidation
need and at once sees the demo's copper-rod casting achievement among the suggestions, with a
reason that names the matched terms."""
from __future__ import annotations

import time
from pathlib import Path

import pytest

from matchmaker.demo import DEMO_PASSWORD, load_demo
from matchmaker.demo.loader import COPPER_ROD_TITLE
from matchmaker.extensions import db
from matchmaker.matching.runtime import matching_service

from .browser import chromium_page, live_server, sign_in

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser


@pytest.fixture
def demo_with_index(app, session):
    load_demo(session)
    session.commit()
    service = matching_service(app)
    with app.app_context():
        for side in ("need", "achievement"):  # what `flask demo load` does after loading
            service.rebuild(db.session, side)
        db.session.commit()
    return service


def test_copper_rod_need_gets_the_casting_achievement_with_reasons(app, demo_with_index):
    ARTIFACTS.mkdir(exist_ok=True)
    with live_server(app) as base, chromium_page() as page:
        sign_in(page, base, "qiye@demo.cn", DEMO_PASSWORD)

        page.goto(f"{base}/needs/new")
        page.get_by_label("需求名称").fill("8mm铜杆氧化严重，表面发黑发暗")
        page.get_by_label("需求描述").fill(
            "我们厂用上引法生产8mm铜杆，最近铜杆表面氧化严重，发黑发暗，客户反映拉丝时容易断线。"
            "怀疑是铜液里氧含量控制不好，想找高校帮忙分析原因并改进工艺。")
        page.get_by_label("关键词").fill("铜杆，氧化，氧含量")
        started = time.perf_counter()
        page.get_by_role("button", name="保存").click()
        page.wait_for_url(f"{base}/needs/*")
        suggestions = page.locator("#suggestions li.suggestion")
        suggestions.first.wait_for()
        elapsed = time.perf_counter() - started
        print(f"\nsuggestions visible {elapsed:.2f} s after saving the need")

        top_titles = [suggestions.nth(i).locator(".listing-title").inner_text() for i in range(min(3, suggestions.count()))]
        assert COPPER_ROD_TITLE in top_titles
        item = suggestions.filter(has_text=COPPER_ROD_TITLE).first
        item.locator("summary").click()
        marked = item.locator("summary mark").all_inner_texts()
        assert {"铜杆", "氧含量"} & set(marked), marked
        assert item.locator("ul.reason").get_by_text("语义相似度").is_visible()
        page.screenshot(path=str(ARTIFACTS / "need-suggestions.png"), full_page=True)
