"""Pairing pages: the list, one pairing's page (its history and what the viewer may do next),
and the POSTs that move it."""
from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from models import Stage

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..listings.views import paginate
from . import services, stages
from .forms import AdvanceForm, AnswerForm, CloseForm, ContractForm, RegistrationForm
from .history import timeline

bp = Blueprint("pairings", __name__, url_prefix="/pairings")

#: The form a transition to each stage is made with (the others need only a note).
FORMS = {Stage.SIGNED: ContractForm, Stage.REGISTERED: RegistrationForm, Stage.CLOSED: CloseForm}


@bp.route("/")
@login_required
def index():
    stage = request.args.get("stage")
    stage = Stage(stage) if stage in {s.value for s in Stage} else None
    page = paginate(services.pairings_for(db.session, actor(), stage), request.args.get("page", 1, type=int))
    return render_template("pairings/index.html", page=page, stage=stage, stages=list(Stage))


def _forms(pairing, viewer, submitted=None) -> dict:
    """The forms for what the viewer may do now, each against the pairing's current version."""
    forms = {}
    for step in stages.next_steps(pairing, viewer):
        if submitted is not None and submitted[0] == step.target:
            forms[step.target.value] = submitted[1]
            continue
        form = FORMS.get(step.target, AdvanceForm)(formdata=None, version=pairing.version, to=step.target.value)
        forms[step.target.value] = form
    if pairing.stage == Stage.PUSHED and pairing.party_of(viewer):
        forms["answer"] = submitted[1] if submitted and submitted[0] == "answer" else AnswerForm(formdata=None, version=pairing.version)
    return forms


def _page(pairing, *, submitted=None, error: str | None = None, status: int = 200):
    viewer = actor()
    return render_template(
        "pairings/detail.html", pairing=pairing, forms=_forms(pairing, viewer, submitted), events=timeline(db.session, pairing),
        steps=stages.next_steps(pairing, viewer), path=stages.PATH, error=error,
        due_days=current_app.config["REGISTRATION_DUE_DAYS"],
    ), status


@bp.route("/<int:pairing_id>")
@login_required
def detail(pairing_id: int):
    return _page(services.get_pairing(db.session, pairing_id, actor()))


@bp.route("/<int:pairing_id>/advance", methods=["POST"])
@login_required
def advance(pairing_id: int):
    pairing = services.get_pairing(db.session, pairing_id, actor())
    to = request.form.get("to", "")
    if to not in {s.value for s in Stage}:
        return _page(pairing, error=_("未知的对接阶段。"), status=400)
    target = Stage(to)
    form = FORMS.get(target, AdvanceForm)()
    if not form.validate_on_submit():
        return _page(pairing, submitted=(target, form), error=_("请检查表单中标出的问题。"), status=400)
    extra = {}
    if isinstance(form, ContractForm):
        extra["contract"] = form.to_data()
    elif isinstance(form, RegistrationForm):
        extra["registration"] = form.to_data()
    elif isinstance(form, CloseForm):
        extra["close_code"] = form.close_code.data
    try:
        outcome = services.advance(db.session, pairing, actor(), target, expected_version=form.version.data,
                                   note=form.note.data, **extra)
    except DomainError as error:
        db.session.rollback()
        pairing = services.get_pairing(db.session, pairing_id, actor())
        if error.field and hasattr(form, error.field):
            getattr(form, error.field).errors = [error.message]
        return _page(pairing, submitted=(target, form), error=error.message, status=error.status_code)
    flash(outcome.message, "success" if outcome.changed else "info")
    return redirect(url_for("pairings.detail", pairing_id=pairing_id))


@bp.route("/<int:pairing_id>/answer", methods=["POST"])
@login_required
def answer(pairing_id: int):
    from models import Response

    pairing = services.get_pairing(db.session, pairing_id, actor())
    form = AnswerForm()
    if not form.validate_on_submit():
        return _page(pairing, submitted=("answer", form), error=_("请选择有兴趣或无兴趣。"), status=400)
    try:
        outcome = services.answer(db.session, pairing, actor(), Response(form.response.data),
                                  expected_version=form.version.data, note=form.note.data)
    except DomainError as error:
        db.session.rollback()
        pairing = services.get_pairing(db.session, pairing_id, actor())
        if error.field and hasattr(form, error.field):
            getattr(form, error.field).errors = [error.message]
        return _page(pairing, submitted=("answer", form), error=error.message, status=error.status_code)
    flash(outcome.message, "success" if outcome.changed else "info")
    return redirect(url_for("pairings.detail", pairing_id=pairing_id))


@bp.route("/<int:pairing_id>/milestones/<int:milestone_id>/done", methods=["POST"])
@login_required
def milestone_done(pairing_id: int, milestone_id: int):
    from ..forms import ActionForm

    pairing = services.get_pairing(db.session, pairing_id, actor())
    if not ActionForm().validate_on_submit():
        return _page(pairing, error=_("表单已失效，请刷新后重试。"), status=400)
    try:
        services.complete_milestone(db.session, pairing, actor(), milestone_id)
    except DomainError as error:
        db.session.rollback()
        return _page(services.get_pairing(db.session, pairing_id, actor()), error=error.message,
                     status=error.status_code)
    flash(_("里程碑已标记完成。"), "success")
    return redirect(url_for("pairings.detail", pairing_id=pairing_id))
