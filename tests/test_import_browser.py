"""The broker's yearly collection in Debian's chromium, against gunicorn (2 workers) and the task
consumer: download the 征集表 template, upload it filled with 20 needs of which 2 are wrong, read
the 2 problems with their sheet rows, fix the file, import it, mark 5 key needs (重点) in the
batch, and read the dashboard's funnel and turnover charts with the figures beside them."""
from __future__ import annotations

import re
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook

from matchmaker.listings.rules import bureau_today

from .browser import chromium_page, sign_in
from .conftest import PASSWORD, valid_credit_code
from .processes import serving
from .test_dashboard import Y, dataset  # noqa: F401  (fixture: pairings and contracts with known figures)
from .test_dashboard_browser import assert_drawn, table

ARTIFACTS = Path(__file__).resolve().parent.parent / "test-artifacts"
SOURCE = "万州区科技局 浏览器测试技术需求征集"
pytestmark = pytest.mark.browser

#: Sheet rows (the header is row 1) that the first upload gets wrong, and how.
BAD_CODE_ROW, BAD_DATE_ROW = 7, 15
TOPICS = ["低氧铜杆氧含量控制", "铝合金轮毂轻量化", "柑橘果汁褐变", "榨菜低盐发酵", "锂电池极片缺陷检测",
          "船舶焊接变形控制", "中药材提取工艺", "玄武岩纤维复合材料", "冷链物流温控", "花椒精油提取",
          "数控机床故障诊断", "光伏组件清洗机器人", "兽药残留快速检测", "水泥窑余热回收", "LED 驱动电源寿命",
          "预制菜杀菌保鲜", "赤泥综合利用", "茶叶机械化采摘", "电机能耗优化", "可降解包装材料"]


def fill(template: Path, out: Path, *, broken: bool) -> None:
    """The template with 20 needs from row 2 on (the example row replaced); two wrong if ``broken``."""
    workbook = load_workbook(template)
    sheet = workbook.worksheets[0]
    column = {cell.value: cell.column for cell in sheet[1] if cell.value}
    example = {header: sheet.cell(row=2, column=index).value for header, index in column.items()}
    year = bureau_today().year + 1
    for offset, topic in enumerate(TOPICS):
        row = offset + 2
        values = {
            "需求名称": f"{topic}技术需求",
            "需求描述": f"企业在{topic}方面遇到瓶颈，现有工艺成本高、质量不稳定，希望与高校院所合作攻关。",
            "所属行业": example["所属行业"],
            "企业名称": f"重庆万州浏览器测试企业{offset + 1:02d}有限公司",
            "统一社会信用代码": valid_credit_code(9100 + offset).lower(),  # lower case is accepted
            "预算(万元)": "面议" if offset % 5 == 0 else f"{(offset + 1) * 10}万".translate(str.maketrans("0123456789", "０１２３４５６７８９")),
            "合作方式": example["合作方式"],
            "截止日期": f"{year}年3月1日",
            "联系人": "王工",
            "联系电话": "023-5800 0000",
        }
        if broken and row == BAD_CODE_ROW:
            values["统一社会信用代码"] = "91500000MA5U3EXA1K"  # wrong check digit
        if broken and row == BAD_DATE_ROW:
            values["截止日期"] = f"{year}年13月1日"
        for header, value in values.items():
            sheet.cell(row=row, column=column[header], value=value)
    workbook.save(out)


@pytest.fixture
def served(app, dataset, tmp_path):  # noqa: F811
    with serving(app, tmp_path) as base:
        yield base, dataset.brokers[0], tmp_path


def upload(page, base: str, path: Path) -> None:
    page.goto(f"{base}/imports/")
    page.get_by_label("导入内容").select_option("needs")
    page.get_by_label("征集年度").fill(str(date.today().year))
    page.get_by_label("来源").fill(SOURCE)
    page.get_by_label("征集表文件").set_input_files(str(path))
    page.get_by_role("button", name="上传并预览").click()
    page.wait_for_url(re.compile(r".*/imports/\d+$"))
    page.wait_for_selector('#batch-status[data-status="preview"]', timeout=120_000)


def test_a_broker_imports_the_collection_marks_key_needs_and_reads_the_dashboard(served):
    base, broker, tmp = served
    ARTIFACTS.mkdir(exist_ok=True)
    with chromium_page(viewport=(1400, 1000)) as page:
        sign_in(page, base, broker.email, PASSWORD)

        # 1. the template, from the import page
        page.goto(f"{base}/imports/")
        with page.expect_download() as download:
            page.locator("#template-needs").click()
        template = tmp / "template.xlsx"
        download.value.save_as(template)
        headers = [c.value for c in load_workbook(template).worksheets[0][1] if c.value]
        assert headers[:10] == ["需求名称", "需求描述", "所属行业", "企业名称", "统一社会信用代码", "预算(万元)",
                                "合作方式", "截止日期", "联系人", "联系电话"]

        # 2. 20 rows, 2 wrong: the preview names exactly those rows and columns; nothing can be confirmed
        fill(template, tmp / "broken.xlsx", broken=True)
        upload(page, base, tmp / "broken.xlsx")
        problems = page.locator("#problems tbody tr[data-row]")
        found = sorted((int(problems.nth(i).get_attribute("data-row")), problems.nth(i).get_attribute("data-column"))
                       for i in range(problems.count()))
        assert found == [(BAD_CODE_ROW, "统一社会信用代码"), (BAD_DATE_ROW, "截止日期")]
        assert page.locator("#confirm-import").is_disabled()
        page.screenshot(path=str(ARTIFACTS / "import-preview-errors.png"), full_page=True)

        # 3. the fixed file: no problems; confirm; the consumer writes all 20 in one go
        fill(template, tmp / "fixed.xlsx", broken=False)
        upload(page, base, tmp / "fixed.xlsx")
        assert page.locator("#problems tbody tr[data-row]").count() == 0
        page.locator("#confirm-import").click()
        page.wait_for_selector('#batch-status[data-status="imported"]', timeout=120_000)
        assert page.locator("#count-written").inner_text() == "20"

        # 4. the batch's funnel, then 5 key needs marked in place
        page.goto(f"{base}/collection/")
        page.get_by_role("link", name=SOURCE).first.click()
        page.wait_for_load_state("networkidle")  # htmx has processed the rows' forms
        marked = page.locator("#batch-funnel [data-figure=marked]")
        assert page.locator("#batch-funnel [data-figure=collected]").inner_text() == "20"
        assert marked.inner_text() == "0"
        rows = page.locator("tr[data-marked]")
        for i in range(5):
            row = rows.nth(i)
            row_id = row.get_attribute("id")
            row.get_by_text("标为重点", exact=True).click()
            row.get_by_label("理由（必填，不超过 500 字）").fill("区重点产业链配套需求，企业已有配套资金")
            row.get_by_role("button", name="确认标为重点").click()
            page.wait_for_selector(f'#{row_id}[data-marked="true"]')
        assert marked.inner_text() == "5"
        page.screenshot(path=str(ARTIFACTS / "import-batch-marked.png"), full_page=True)

        # 5. the dashboard: funnel and turnover charts drawn, the tables beside them right
        page.goto(f"{base}/dashboard/?year={Y}")
        for key in ("funnel", "turnover"):
            assert_drawn(page, key)
        assert [row[:2] for row in table(page, "funnel")] == [
            ["推荐", "5"], ["已推送", "4"], ["有意向", "3"], ["洽谈", "3"], ["已签约", "3"], ["已登记", "1"], ["履约完成", "0"]]
        turnover = table(page, "turnover")
        assert turnover[4][:4] == ["5月", "1", "300.00", "240.00"]
        assert turnover[11][4] == "500.50"  # cumulative turnover at December
        page.screenshot(path=str(ARTIFACTS / "import-dashboard.png"))
