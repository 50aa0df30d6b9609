"""The dashboard in Debian's chromium: a broker opens it from the home page, the charts are drawn by
the locally served ECharts from the same figures as the tables beside them, and the year and
region filters change both."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from matchmaker.listings.rules import bureau_today

from .browser import chromium_page, live_server, sign_in
from .conftest import PASSWORD
from .test_dashboard import P, Y, dataset  # noqa: F401  (fixture)

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
pytestmark = pytest.mark.browser

#: What each chart draws: its first series' values, as numbers (null where there is no figure).
CHART_VALUES = """key => {
  const chart = echarts.getInstanceByDom(document.getElementById('chart-' + key));
  const series = chart.getOption().series;
  return series.map(s => s.data.map(d => (d !== null && typeof d === 'object') ? d.value : d));
}"""


def table(page, key: str) -> list[list[str]]:
    rows = page.locator(f"#table-{key} tbody tr")
    return [[c.strip() for c in rows.nth(i).locator("th, td").all_inner_texts()] for i in range(rows.count())]


def assert_drawn(page, key: str) -> None:
    """The chart's canvas exists inside its container and has a size."""
    canvas = page.locator(f"#chart-{key} canvas").first
    canvas.wait_for()
    box = canvas.bounding_box()
    assert box is not None and box["width"] > 100 and box["height"] > 100, (key, box)


def number(text: str) -> float | None:
    return None if text == "—" else float(text.replace(",", ""))


def test_a_broker_reads_the_dashboard_and_filters_it(app, dataset):  # noqa: F811
    ARTIFACTS.mkdir(exist_ok=True)
    broker = dataset.brokers[0]
    errors: list[str] = []
    with live_server(app) as base, chromium_page(viewport=(1400, 1000)) as page:
        page.on("pageerror", lambda error: errors.append(str(error)))
        # every script and asset loads (the browser's own favicon request aside)
        page.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                if r.status >= 400 and not r.url.endswith("/favicon.ico") else None)
        sign_in(page, base, broker.email, PASSWORD)
        page.locator("#home-dashboard-link").click()
        page.wait_for_url(f"{base}/dashboard/")

        # this year by default: nothing yet, and the charts still draw
        assert page.locator("#filter-year").input_value() == str(bureau_today().year)
        assert table(page, "funnel")[0] == ["推荐", "0", "—", "—"]
        assert_drawn(page, "funnel")

        # the year filter applies on change
        page.locator("#filter-year").select_option(str(Y))
        page.wait_for_url(re.compile(rf".*year={Y}.*"))
        for key in ("funnel", "turnover", "contract_type", "region", "events", "calls"):
            assert_drawn(page, key)
        funnel = table(page, "funnel")
        assert funnel == [["推荐", "5", "—", "3.5"], ["已推送", "4", "80.0", "5.5"], ["有意向", "3", "75.0", "10.0"],
                          ["洽谈", "3", "100.0", "21.0"], ["已签约", "3", "100.0", "20.0"],
                          ["已登记", "1", "33.3", "—"], ["履约完成", "0", "0.0", "—"]]
        turnover = table(page, "turnover")
        assert turnover[4] == ["5月", "1", "300.00", "240.00", "420.50", "360.50", "200.00", "110.3"]
        assert turnover[11][4:] == ["500.50", "420.50", "250.00", "100.2"]
        assert page.locator("#headline-turnover").inner_text() == "0.05亿元"
        assert page.locator("#headline-growth").inner_text() == "+100.2%"
        # the charts draw the tables' figures
        assert page.evaluate(CHART_VALUES, "funnel") == [[float(row[1]) for row in funnel]]
        drawn = page.evaluate(CHART_VALUES, "turnover")
        assert drawn[0] == [number(row[2]) for row in turnover]  # 合同成交额 bars
        assert drawn[2] == [number(row[4]) for row in turnover]  # 累计成交额 line
        page.screenshot(path=str(ARTIFACTS / "dashboard.png"), full_page=True)

        # one region: its buyers' contracts and its enterprises' pairings
        page.locator("#filter-region").select_option(label="万州")
        page.wait_for_url(re.compile(r".*region=wanzhou.*"))
        assert [row[1] for row in table(page, "funnel")] == ["3", "3", "2", "2", "2", "1", "0"]
        assert table(page, "turnover")[11][4:] == ["380.00", "300.00", "50.00", "660.0"]
        assert table(page, "region") == [["万州", "2", "380.00", "300.00"]]
        assert_drawn(page, "turnover")

        # the year before, the region kept
        page.locator("#filter-year").select_option(str(P))
        page.wait_for_url(re.compile(rf".*year={P}.*"))
        assert page.locator("#filter-region").input_value() == "wanzhou"
        assert table(page, "turnover")[11][4:] == ["50.00", "40.00", "0.00", "—"]
        assert [row[1] for row in table(page, "funnel")] == ["1", "1", "1", "1", "1", "0", "0"]
        assert page.evaluate(CHART_VALUES, "turnover")[2][-1] == 50
        download = page.locator("#section-turnover").get_by_role("link", name="下载数据 (.xlsx)")
        assert download.get_attribute("href") == f"/dashboard/turnover.xlsx?year={P}&region=wanzhou"
    assert errors == []
