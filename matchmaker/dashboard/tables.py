"""Each chart of the dashboard as a table — headers and typed rows — and the chart drawn from it.

One table feeds the page's <table> (what screen readers and the browser test read), the chart's
JSON (what ``static/dashboard.js`` draws with ECharts) and the chart's ``.xlsx`` sheet, so the
three can never disagree.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from flask_babel import gettext as _

from .services import CENT, MONTHS, Breakdown, Dashboard

#: Breakdowns with few categories read best as a pie; the others as bars.
PIE_BREAKDOWNS = {"contract_type", "seller_type"}
WAN_PER_YI = Decimal("10000")


@dataclass
class ChartTable:
    #: URL key (``/dashboard/<key>.xlsx``) and element ids.
    key: str
    title: str
    headers: list[str]
    #: Typed cells: str, int, Decimal, or None (no figure, shown as "—").
    rows: list[list[Any]]
    #: What ``dashboard.js`` draws: plain JSON, built from the rows above.
    chart: dict
    #: A sentence under the table (how the figures are counted).
    note: str = ""
    #: Wide tables go under their chart, narrow ones beside it.
    wide: bool = False


def yi(amount_wan: Decimal) -> str:
    """Money for a headline: 43 900 万元 → "4.39亿元"."""
    return _("%(amount)s亿元", amount=f"{(amount_wan / WAN_PER_YI).quantize(CENT):,}")


def cell_text(value: Any) -> str:
    """A table cell as the page shows it: money with two decimals and thousands separators."""
    if value is None:
        return "—"
    if isinstance(value, Decimal):
        return f"{value:,}"
    return str(value)


def signed_percent(value: Decimal | None) -> str:
    """Growth for a headline: "+100.2%", or "—"."""
    return "—" if value is None else f"{value:+}%"


def month_label(month: int) -> str:
    return _("%(m)d月", m=month)


def _number(value: Any) -> float | int | None:
    return float(value) if isinstance(value, Decimal) else value


def _column(rows: list[list[Any]], index: int) -> list[float | int | None]:
    return [_number(row[index]) for row in rows]


def funnel_table(board: Dashboard) -> ChartTable:
    funnel = board.funnel
    rows = [[_(step.stage.label), step.reached, step.conversion, step.median_days] for step in funnel.steps]
    return ChartTable(
        key="funnel", title=_("对接漏斗"),
        headers=[_("阶段"), _("到达对接数"), _("较上一阶段转化率(%)"), _("停留天数中位数(天)")],
        rows=rows,
        chart={"kind": "funnel", "categories": [row[0] for row in rows], "values": _column(rows, 1),
               "conversions": _column(rows, 2), "conversionLabel": _("转化率"), "series": _("到达对接数")},
        note=_("%(year)d 年新建对接 %(opened)d 项（其中终止 %(closed)d 项）。到达某阶段：已到过该阶段或更后的阶段；"
               "停留天数只计已离开该阶段的对接。", year=board.year, opened=funnel.opened, closed=funnel.closed),
    )


def turnover_table(board: Dashboard) -> ChartTable:
    money_flow = board.turnover
    rows = [[month_label(m.month), m.contracts, m.amount, m.income, m.cumulative_amount, m.cumulative_income,
             m.last_year_cumulative, m.growth] for m in money_flow.months]
    return ChartTable(
        key="turnover", title=_("技术合同成交额（按月）"),
        headers=[_("月份"), _("合同数"), _("合同成交额(万元)"), _("技术交易额(万元)"), _("累计成交额(万元)"),
                 _("累计技术交易额(万元)"), _("上年同期累计成交额(万元)"), _("累计同比增长(%)")],
        rows=rows,
        chart={"kind": "monthly", "categories": [row[0] for row in rows],
               "bars": [{"name": _("合同成交额"), "data": _column(rows, 2)},
                        {"name": _("技术交易额"), "data": _column(rows, 3)}],
               "lines": [{"name": _("累计成交额"), "data": _column(rows, 4)},
                         {"name": _("累计技术交易额"), "data": _column(rows, 5)}],
               "target": {"name": _("年度目标"), "value": float(board.target)},
               "unit": _("当月(万元)"), "cumulativeUnit": _("累计(万元)")},
        note=_("按合同签订日期统计。技术交易额：已认定登记的按核定技术交易额，未登记的按申报数。"
               "年度目标 %(target)s 万元。", target=cell_text(board.target)),
        wide=True,
    )


def breakdown_table(breakdown: Breakdown) -> ChartTable:
    rows = [[row.label, row.contracts, row.amount, row.income] for row in breakdown.rows]
    return ChartTable(
        key=breakdown.key, title=breakdown.title,
        headers=[breakdown.dimension, _("合同数"), _("合同成交额(万元)"), _("技术交易额(万元)")],
        rows=rows,
        chart={"kind": "pie" if breakdown.key in PIE_BREAKDOWNS else "bars",
               "categories": [row[0] for row in rows],
               "series": [{"name": _("合同成交额"), "data": _column(rows, 2)}], "unit": _("万元")},
    )


def events_table(board: Dashboard) -> ChartTable:
    events = board.events
    running, rows = 0, []
    for month, held in zip(MONTHS, events.by_month):
        running += held
        rows.append([month_label(month), held, running])
    return ChartTable(
        key="events", title=_("对接活动（按月）"),
        headers=[_("月份"), _("举办场次"), _("累计场次")],
        rows=rows,
        chart={"kind": "monthly", "categories": [row[0] for row in rows],
               "bars": [{"name": _("举办场次"), "data": _column(rows, 1)}],
               "lines": [{"name": _("累计场次"), "data": _column(rows, 2)}],
               "target": {"name": _("年度目标"), "value": events.target},
               "unit": _("当月(场)"), "cumulativeUnit": _("累计(场)"), "integer": True},
        note=_("已举办 %(held)d 场，年度目标 %(target)d 场。", held=events.total, target=events.target),
    )


def calls_table(board: Dashboard) -> ChartTable:
    rows = [[_(status.label), count] for status, count in board.calls]
    return ChartTable(
        key="calls", title=_("揭榜挂帅（按状态）"),
        headers=[_("状态"), _("榜单数")],
        rows=rows,
        chart={"kind": "bars", "categories": [row[0] for row in rows],
               "series": [{"name": _("榜单数"), "data": _column(rows, 1)}], "unit": _("项"), "integer": True},
        note=_("当年发榜的榜单，按当前状态统计。"),
    )


#: The charts in page order, by key; ``all`` downloads every one.
CHARTS = ("funnel", "turnover", "contract_type", "industry", "seller_type", "ip_type", "seller", "broker", "region",
          "events", "calls")


def chart_tables(board: Dashboard) -> list[ChartTable]:
    """Every chart of the page, in the order of ``CHARTS``."""
    tables = [funnel_table(board), turnover_table(board), *map(breakdown_table, board.breakdowns),
              events_table(board), calls_table(board)]
    assert tuple(t.key for t in tables) == CHARTS
    for table in tables:
        table.chart["empty"] = _("没有数据")
    return tables
