"""需求、成果、对接、合同导出 (pages): choose what to export (GET), and the file itself (POST,
audited — the list pages' 导出 buttons post here with their filters)."""
from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request
from flask_login import login_required

from models import AchievementStatus, ContractType, Maturity, NeedStatus, Stage

from ..auth.login import actor
from ..extensions import db
from ..listings.search import ListingFilters
from ..taxonomy.services import regions, top_industries
from . import services
from .forms import ExportForm

bp = Blueprint("exports", __name__, url_prefix="/exports")

#: What each kind's filter form offers (its statuses and the like).
CHOICES = {
    "needs": {"statuses": list(NeedStatus)},
    "achievements": {"statuses": list(AchievementStatus), "maturities": list(Maturity)},
    "pairings": {"stages": list(Stage)},
    "contracts": {"contract_types": list(ContractType)},
}


@bp.route("/", methods=["GET", "POST"])
@login_required
def index():
    if request.method == "POST":
        return download()
    kind = services.KINDS.get(request.args.get("kind", ""), services.KINDS["needs"])
    filters = services.parse_filters(kind, request.args)
    return render_template(
        "exports/index.html",
        kind=kind,
        kinds=list(services.KINDS.values()),
        filters=filters,
        listing=ListingFilters.from_args(filters),
        count=services.count_rows(db.session, actor(), kind, filters),
        industries=top_industries(db.session),
        regions=regions(db.session),
        batches=services.batches_for(db.session, kind, actor()),
        **CHOICES[kind.code],
    )


def download() -> Response:
    form = ExportForm()
    if not form.validate_on_submit():
        abort(400)
    exported = services.export(db.session, actor(), services.kind_of(form.kind.data), form.format.data,
                               request.form)
    return Response(exported.data, mimetype=exported.mimetype,
                    headers={"Content-Disposition": exported.content_disposition, "Cache-Control": "no-store"})
