"""The brokers' review queue (HTMX: each action re-renders only the need's card and the counter),
and 申请对接 for the two sides."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..forms import ActionForm
from . import services
from .forms import RejectForm

bp = Blueprint("review", __name__, url_prefix="/review")


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _show_weak() -> bool:
    return request.values.get("weak") == "1"


@bp.route("/")
@login_required
def queue():
    view = services.queue(db.session, actor(), page=request.args.get("page", 1, type=int), show_weak=_show_weak())
    return render_template("review/queue.html", queue=view, show_weak=_show_weak(), reject_form=RejectForm())


def _card(need_id: int, message: str | None = None, error: str | None = None, status: int = 200):
    """After an action: the need's card again (or nothing when it is done) and the counter, out of band."""
    group = services.need_queue(db.session, actor(), need_id, show_weak=_show_weak())
    return render_template("review/_action.html", group=group, remaining=services.remaining(db.session),
                           show_weak=_show_weak(), reject_form=RejectForm(formdata=None), message=message,
                           error=error), status


def _act(need_id: int, action):
    """Run one queue action: HTMX gets the card back; a plain form post is redirected to the queue."""
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        message = action()
    except DomainError as error:
        db.session.rollback()
        if _htmx():
            return _card(need_id, error=error.message, status=error.status_code)
        flash(error.message, "error")
        return redirect(url_for("review.queue"))
    if _htmx():
        return _card(need_id, message=message)
    flash(message, "success")
    return redirect(url_for("review.queue"))


@bp.route("/<int:need_id>/<int:achievement_id>/accept", methods=["POST"])
@login_required
def accept(need_id: int, achievement_id: int):
    def action():
        pairing = services.accept(db.session, actor(), need_id, achievement_id)
        return _("已采纳，建立对接 #%(id)d（推荐）。", id=pairing.id)

    return _act(need_id, action)


@bp.route("/<int:need_id>/<int:achievement_id>/reject", methods=["POST"])
@login_required
def reject(need_id: int, achievement_id: int):
    form = RejectForm()

    def action():
        services.reject(db.session, actor(), need_id, achievement_id, form.reason.data, form.note.data)
        return _("已驳回。")

    return _act(need_id, action)


@bp.route("/<int:need_id>/<int:achievement_id>/move", methods=["POST"])
@login_required
def move(need_id: int, achievement_id: int):
    step = -1 if request.form.get("step") == "up" else 1

    def action():
        services.move(db.session, actor(), need_id, achievement_id, step)
        return _("已调整顺序。")

    return _act(need_id, action)


@bp.route("/<int:need_id>/candidates")
@login_required
def candidates(need_id: int):
    """Search achievements to pair by hand (HTMX fragment)."""
    text = request.args.get("q", "")
    try:
        hits = services.candidates(current_app, db.session, actor(), need_id, text)
        error = None
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        hits, error = [], exc.message
    return render_template("review/_candidates.html", need_id=need_id, hits=hits, error=error, q=text)


@bp.route("/request", methods=["POST"])
@login_required
def request_pair():
    """申请对接 from a need's or an achievement's suggestion list."""
    if not ActionForm().validate_on_submit():
        abort(400)
    need_id = request.form.get("need_id", type=int)
    achievement_id = request.form.get("achievement_id", type=int)
    if not need_id or not achievement_id:
        abort(400)
    try:
        _review, created = services.request_pair(db.session, actor(), need_id, achievement_id)
    except DomainError as error:
        db.session.rollback()
        if error.status_code == 404:
            raise
        flash(error.message, "error")
    else:
        flash(_("已提交对接申请，技术经纪人会尽快处理。") if created else _("您已申请过，经纪人处理中。"), "success")
    back = request.form.get("next", "")
    return redirect(back if back.startswith("/") and not back.startswith("//") else url_for("home.index"))
