"""经纪人与管理员的数据看板 (pages): the dashboard and each chart's data as ``.xlsx``.

Filters are in the query string (``?year=2025&region=wanzhou``), so a filtered view can be
bookmarked and its downloads carry the same filters. Nothing here writes: the downloads are the
page's own aggregate figures, not records, so they are not audited as record exports are.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask import Blueprint, Response, current_app, render_template, request
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from models import Region

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..listings.rules import bureau_today
from ..spreadsheets import XLSX_MIMETYPE, Sheet, attachment, xlsx_bytes
from ..taxonomy.services import regions
from . import services, tables

bp = Blueprint("dashboard", __name__, url_prefix="/dashboard")

#: Years the filter accepts; outside them a year is a typo, not a question.
FIRST_YEAR = 2000


@dataclass
class Scope:
    year: int
    region: Region | None
    #: Years offered by the filter (those with data, and the current one).
    years: list[int]


def _scope() -> Scope:
    """The year and region asked for in the query string (default: this year, the whole pool)."""
    today = bureau_today()
    years = services.available_years(db.session, today)
    raw_year = request.args.get("year", "").strip()
    if not raw_year:
        year = today.year
    elif raw_year.isdigit() and FIRST_YEAR <= int(raw_year) <= today.year + 1:
        year = int(raw_year)
    else:
        raise DomainError(_("年份「%(year)s」无效：请选择 %(first)d 至 %(last)d 之间的年份。",
                            year=raw_year[:10], first=FIRST_YEAR, last=today.year + 1))
    if year not in years:
        years = sorted({*years, year}, reverse=True)
    code = request.args.get("region", "").strip()
    region = None
    if code:
        region = db.session.scalar(select(Region).where(Region.code == code))
        if region is None:
            raise DomainError(_("没有地区「%(code)s」：请从列表中选择地区。", code=code[:30]))
    return Scope(year=year, region=region, years=years)


def _board(scope: Scope) -> services.Dashboard:
    config = current_app.config
    return services.dashboard(db.session, scope.year, scope.region, today=bureau_today(),
                              turnover_target=config["TURNOVER_TARGET_WAN"], events_target=config["EVENTS_TARGET"])


@bp.route("/")
@login_required
def index():
    services.require_viewer(actor())
    scope = _scope()
    board = _board(scope)
    return render_template("dashboard/index.html", board=board, scope=scope, regions=regions(db.session),
                           charts=tables.chart_tables(board), filters=_filter_args(scope),
                           cell=tables.cell_text, yi=tables.yi, signed_percent=tables.signed_percent)


@bp.route(f"/<any({', '.join(tables.CHARTS + ('all',))}):chart>.xlsx")
@login_required
def download(chart: str):
    """One chart's table as a workbook, or (``all``) every chart's, one sheet each."""
    services.require_viewer(actor())
    scope = _scope()
    charts = tables.chart_tables(_board(scope))
    chosen = charts if chart == "all" else [t for t in charts if t.key == chart]
    body = xlsx_bytes([Sheet(t.title, t.headers, t.rows) for t in chosen])
    place = f"-{scope.region.code}" if scope.region is not None else ""
    filename = f"dashboard-{scope.year}{place}-{chart}.xlsx"
    return Response(body, mimetype=XLSX_MIMETYPE,
                    headers={"Content-Disposition": attachment(filename), "Cache-Control": "no-store"})


def _filter_args(scope: Scope) -> dict:
    """The filters as URL arguments, for the download links."""
    args: dict = {"year": scope.year}
    if scope.region is not None:
        args["region"] = scope.region.code
    return args
