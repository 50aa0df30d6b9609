"""Matchmaking event pages: the list, the form, the broker's work page (HTMX: each action
re-renders the work area, an attendance toggle only its row) and the invitees' read-only page."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..forms import ActionForm
from ..listings.rules import bureau_today
from ..listings.views import attach_error, render_form
from ..taxonomy.services import industry_choices, regions
from . import services
from .forms import EventForm, OutcomeForm

bp = Blueprint("events", __name__, url_prefix="/events")

SIDE = "<any(need, achievement):side>"


def _htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _require_csrf() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


@bp.route("/")
@login_required
def index():
    today = bureau_today()
    listing = services.list_events(db.session, actor(), today)
    held = services.events_held(db.session, today.replace(month=1, day=1), today)
    return render_template("events/index.html", listing=listing, held_this_year=held, year=today.year)


def _event_form(event=None) -> EventForm:
    form = EventForm(obj=event)
    form.set_choices(industry_choices(db.session, keep=event.industry_id if event else None), regions(db.session))
    return form


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    services.require_broker(actor())
    form = _event_form()
    if form.validate_on_submit():
        try:
            event = services.create_event(db.session, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "title")
        else:
            flash(_("活动已创建。下一步：邀请需求和成果。"), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_form("events/form.html", form, event=None)


@bp.route("/<int:event_id>/edit", methods=["GET", "POST"])
@login_required
def edit(event_id: int):
    event = services.managed_event(db.session, event_id, actor())
    form = _event_form(event)
    if form.validate_on_submit():
        try:
            services.update_event(db.session, event, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "title")
        else:
            flash(_("活动已保存。"), "success")
            return redirect(url_for("events.detail", event_id=event.id))
    return render_form("events/form.html", form, event=event)


@bp.route("/<int:event_id>")
@login_required
def detail(event_id: int):
    user = actor()
    event = services.get_event(db.session, event_id, user)
    if not user.is_staff:
        return render_template("events/public.html", event=event, view=services.participant_view(event, user))
    return render_template("events/detail.html", **_work_context(event))


def _work_context(event, message: str | None = None, error: str | None = None, outcome_form=None) -> dict:
    return {
        "event": event,
        "proposals": services.proposals(db.session, actor(), event),
        "outcome_form": outcome_form or OutcomeForm(formdata=None).narrow_to(event),
        "held": event.held_on <= bureau_today(),
        "message": message,
        "error": error,
    }


def _act(event_id: int, action, outcome_form=None):
    """Run one broker action: HTMX gets the work area back; a plain form post is redirected."""
    event = services.managed_event(db.session, event_id, actor())
    _require_csrf()
    try:
        message = action(event)
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        if _htmx():
            form = outcome_form.narrow_to(event) if outcome_form is not None else None
            return render_template("events/_work.html", **_work_context(event, error=error.message,
                                                                        outcome_form=form)), error.status_code
        flash(error.message, "error")
        return redirect(url_for("events.detail", event_id=event_id))
    if _htmx():
        return render_template("events/_work.html", **_work_context(event, message=message))
    flash(message, "success")
    return redirect(url_for("events.detail", event_id=event_id))


def _ids(name: str) -> list[int]:
    return [int(v) for v in request.form.getlist(name) if v.isdigit()]


@bp.route("/<int:event_id>/invite", methods=["POST"])
@login_required
def invite(event_id: int):
    """Accept the engine's proposals (all or the ones ticked), or one found by hand."""
    def action(event):
        added = services.invite(db.session, actor(), event, _ids("need_ids"), _ids("achievement_ids"))
        return _("已邀请 %(n)d 项。", n=added) if added else _("所选各项都已受邀。")

    return _act(event_id, action)


@bp.route(f"/<int:event_id>/{SIDE}/<int:item_id>/remove", methods=["POST"])
@login_required
def uninvite(event_id: int, side: str, item_id: int):
    def action(event):
        services.uninvite(db.session, actor(), event, side, item_id)
        return _("已移出受邀名单。")

    return _act(event_id, action)


@bp.route(f"/<int:event_id>/{SIDE}/<int:item_id>/attendance", methods=["POST"])
@login_required
def attendance(event_id: int, side: str, item_id: int):
    """出席 / 缺席 / 未记录: HTMX gets the row back, and the outcome form (whose choices follow attendance)."""
    event = services.managed_event(db.session, event_id, actor())
    _require_csrf()
    attended = {"yes": True, "no": False}.get(request.form.get("attended", ""))
    error, status = None, 200
    try:
        services.set_attendance(db.session, actor(), event, side, item_id, attended)
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        db.session.rollback()
        error, status = exc.message, exc.status_code
    if not _htmx():
        flash(error or _("已记录出席情况。"), "error" if error else "success")
        return redirect(url_for("events.detail", event_id=event_id))
    link = services.invitation(event, side, item_id)
    return render_template("events/_attendance.html", event=event, link=link, side=side, error=error,
                           held=event.held_on <= bureau_today(),
                           outcome_form=OutcomeForm(formdata=None).narrow_to(event)), status


@bp.route("/<int:event_id>/candidates")
@login_required
def candidates(event_id: int):
    """Search the library for a need or an achievement to invite by hand (HTMX fragment)."""
    event = services.managed_event(db.session, event_id, actor())
    side = request.args.get("side", "need")
    text = request.args.get("q", "")
    try:
        hits, error = services.candidates(current_app, db.session, actor(), event, side, text), None
    except DomainError as exc:
        if exc.status_code in (403, 404):
            raise
        hits, error = [], exc.message
    return render_template("events/_candidates.html", event=event, side=side, hits=hits, error=error, q=text)


@bp.route("/<int:event_id>/outcomes", methods=["POST"])
@login_required
def add_outcome(event_id: int):
    form = OutcomeForm()

    def action(event):
        services.add_outcome(db.session, actor(), event, form.need_id.data, form.achievement_id.data, form.note.data)
        return _("已登记洽谈成果。")

    return _act(event_id, action, outcome_form=form)


@bp.route("/<int:event_id>/outcomes/<int:outcome_id>/delete", methods=["POST"])
@login_required
def delete_outcome(event_id: int, outcome_id: int):
    def action(event):
        services.delete_outcome(db.session, actor(), event, outcome_id)
        return _("已删除洽谈成果。")

    return _act(event_id, action)


@bp.route("/<int:event_id>/outcomes/<int:outcome_id>/pairing", methods=["POST"])
@login_required
def to_pairing(event_id: int, outcome_id: int):
    """One click: the outcome becomes a pairing at 有意向."""
    def action(event):
        return services.to_pairing(db.session, actor(), event, outcome_id).message

    return _act(event_id, action)
