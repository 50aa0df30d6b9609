"""征集批次与遴选 (pages): every batch with its funnel, one batch's members with filters, and
marking a need as key or an achievement as selected from its row (HTMX re-renders the row and the
batch's funnel; without JavaScript the form posts and the page comes back)."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_login import current_user, login_required

from models import ImportStatus

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..listings.views import paginate
from ..notifications.messages import safe_link
from ..taxonomy.services import regions
from . import services
from .forms import MarkForm

bp = Blueprint("collection", __name__, url_prefix="/collection")

KIND = "<any(needs, achievements):kind>"


@bp.app_context_processor
def _collection_globals():
    def collection_overview() -> list[services.Funnel]:
        """The newest batches' funnels for the broker's home card (empty for anyone else)."""
        if not current_user.is_authenticated:
            return []
        return services.batch_overview(db.session, actor())

    # mark_kind(need) / mark_kind(achievement): what the listing pages' mark panel reads
    return {"collection_overview": collection_overview, "mark_kind": services.kind_of}


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


@bp.route("/")
@login_required
def index():
    services.require_staff(actor())
    funnels = services.batch_funnels(db.session)
    return render_template("collection/index.html", funnels=funnels, years=services.year_totals(funnels))


@bp.route("/<int:batch_id>")
@login_required
def batch(batch_id: int):
    user = actor()
    batch = services.get_batch(db.session, batch_id, user)
    filters = services.BatchFilters.from_args(batch, request.args)
    page = paginate(services.batch_members(db.session, batch, user, filters), filters.page)
    return render_template(
        "collection/batch.html",
        batch=batch,
        kind=services.kind_of(batch),
        funnel=services.funnel_for(db.session, batch),
        page=page,
        filters=filters,
        industries=services.industry_filter_choices(db.session),
        regions=regions(db.session),
        here=request.full_path.rstrip("?"),
    )


@bp.route(f"/{KIND}/<int:item_id>/mark", methods=["POST"])
@login_required
def mark(kind: str, item_id: int):
    """标为重点 / 遴选, with a rationale (or a new rationale for one already marked)."""
    return _act(kind, item_id, lambda item, form: services.mark(db.session, item, actor(), form.rationale.data))


@bp.route(f"/{KIND}/<int:item_id>/unmark", methods=["POST"])
@login_required
def unmark(kind: str, item_id: int):
    return _act(kind, item_id, lambda item, form: services.unmark(db.session, item, actor()))


def _act(slug: str, item_id: int, action):
    """Run a mark action: HTMX gets the row (and the batch's funnel) back; a form post is redirected."""
    item = services.get_item(db.session, services.KINDS[slug], item_id, actor())
    form = MarkForm()
    if not form.validate_on_submit():
        abort(400)
    back = safe_link(form.next.data) or url_for(services.KINDS[slug].detail_endpoint,
                                                 **{services.KINDS[slug].detail_arg: item.id})
    try:
        message = action(item, form)
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        if _htmx():
            return _row(item, back, error=error.message, rationale=form.rationale.data), error.status_code
        flash(error.message, "error")
        return redirect(back)
    if _htmx():
        return _row(item, back, message=message)
    flash(message, "success")
    return redirect(back)


def _row(item, back: str, **state):
    """The item's row on its batch page, with the batch's funnel out of band."""
    batch = item.batch
    funnel = services.funnel_for(db.session, batch) if batch is not None and batch.status == ImportStatus.IMPORTED else None
    return render_template("collection/_marked.html", item=item, kind=services.kind_of(item), funnel=funnel,
                           here=back, **state)
