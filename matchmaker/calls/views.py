"""Open-call pages: the list, a call's page (what each role may do there), proposals and scoring."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required
from sqlalchemy import select

from models import Achievement, AchievementStatus, ChallengeObjection, ChallengeStatus, ResearchTeam, Role, TechNeed, User

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..listings.rules import bureau_today
from ..listings.views import paginate
from . import services
from .forms import (
    AcceptanceForm,
    CallForm,
    ExpertAccountForm,
    ExtendForm,
    InviteForm,
    ObjectionForm,
    ProposalForm,
    ResolveForm,
    WinnerForm,
)

bp = Blueprint("calls", __name__, url_prefix="/calls")


@bp.route("/")
@login_required
def index():
    page = paginate(services.calls_for(db.session, actor()), request.args.get("page", 1, type=int))
    return render_template("calls/index.html", page=page)


@bp.route("/new", methods=["GET", "POST"])
@login_required
def publish():
    need = db.session.get(TechNeed, request.args.get("need_id", type=int) or 0)
    if need is None or not need.can_view(actor()):
        abort(404)
    form = CallForm()
    if request.method == "GET":
        form.title.data = form.title.data or f"【揭榜挂帅】{need.title}"[:120]
        form.indicators.data = form.indicators.data or need.target_indicators
        form.reward_wan.data = form.reward_wan.data or need.budget_wan
    if form.validate_on_submit():
        try:
            call = services.publish_call(db.session, actor(), form.to_data(need.id))
        except DomainError as error:
            db.session.rollback()
            if error.status_code in (403, 404):
                raise
            getattr(form, error.field if error.field and hasattr(form, error.field) else "title").errors.append(error.message)
        else:
            flash(_("已发榜。"), "success")
            return redirect(url_for("calls.detail", call_id=call.id))
    status = 400 if request.method == "POST" else 200
    return render_template("calls/form.html", form=form, need=need), status


def _forms(call, viewer) -> dict:
    forms = {"extend": ExtendForm(formdata=None), "objection": ObjectionForm(formdata=None),
             "resolve": ResolveForm(formdata=None), "acceptance": AcceptanceForm(formdata=None)}
    if viewer.is_staff:
        invite = InviteForm(formdata=None)
        invited = {e.expert_id for e in call.experts}
        experts = db.session.scalars(select(User).where((User.is_expert.is_(True)) | (User.role == Role.EXPERT),
                                                        User.active.is_(True)).order_by(User.name)).all()
        invite.expert_id.choices = [(u.id, f"{u.name}（{u.organization.name if u.organization else _('外部专家')}）")
                                    for u in experts if u.id not in invited]
        forms["invite"], forms["expert_account"] = invite, ExpertAccountForm(formdata=None)
    if call.can_see_ranking(viewer):
        winner = WinnerForm(formdata=None)
        winner.proposal_id.choices = [(r.proposal.id, r.proposal.organization.name) for r in services.ranking(db.session, call)]
        forms["winner"] = winner
    return forms


def _detail(call, *, error: str | None = None, status: int = 200):
    viewer = actor()
    ranked = services.ranking(db.session, call) if call.can_see_ranking(viewer) else None
    pairing = None
    if call.winner_id and call.status in (ChallengeStatus.IMPLEMENTING, ChallengeStatus.ACCEPTED, ChallengeStatus.FAILED):
        from models import Pairing

        pairing = db.session.scalar(select(Pairing).where(Pairing.proposal_id == call.winner_id))
    return render_template(
        "calls/detail.html", call=call, proposals=services.visible_proposals(db.session, call, viewer),
        own=services.own_proposal(db.session, call, viewer), ranked=ranked, forms=_forms(call, viewer),
        today=bureau_today(), pairing=pairing, error=error,
    ), status


@bp.route("/<int:call_id>")
@login_required
def detail(call_id: int):
    return _detail(services.get_call(db.session, call_id, actor()))


def _act(call_id: int, form, action, success: str):
    """Validate ``form``, run ``action(call, form)``; the call's page again with the error if refused."""
    call = services.get_call(db.session, call_id, actor())
    if not form.validate_on_submit():
        errors = [e for field in form for e in field.errors]
        return _detail(call, error=errors[0] if errors else _("请检查输入。"), status=400)
    try:
        action(call, form)
    except DomainError as error:
        db.session.rollback()
        if error.status_code == 404:
            raise
        return _detail(services.get_call(db.session, call_id, actor()), error=error.message, status=error.status_code)
    flash(success, "success")
    return redirect(url_for("calls.detail", call_id=call_id))


@bp.route("/<int:call_id>/extend", methods=["POST"])
@login_required
def extend(call_id: int):
    return _act(call_id, ExtendForm(), lambda c, f: services.extend_deadline(db.session, c, actor(), f.closes_on.data,
                                                                               f.note.data), _("已延长揭榜期限。"))


@bp.route("/<int:call_id>/experts", methods=["POST"])
@login_required
def invite(call_id: int):
    form = InviteForm()
    form.expert_id.choices = [(form.expert_id.data, "")] if form.expert_id.data else []

    def action(call, f):
        expert = db.session.get(User, f.expert_id.data)
        if expert is None:
            raise DomainError(_("请选择专家。"))
        services.invite_expert(db.session, call, actor(), expert)

    return _act(call_id, form, action, _("已邀请评审专家。"))


@bp.route("/<int:call_id>/experts/new", methods=["POST"])
@login_required
def new_expert(call_id: int):
    def action(call, f):
        expert = services.create_expert(db.session, actor(), email=f.email.data, name=f.name.data, password=f.password.data)
        services.invite_expert(db.session, call, actor(), expert)

    return _act(call_id, ExpertAccountForm(), action, _("已创建专家账号并邀请评审。"))


@bp.route("/<int:call_id>/winner", methods=["POST"])
@login_required
def winner(call_id: int):
    form = WinnerForm()
    form.proposal_id.choices = [(form.proposal_id.data, "")] if form.proposal_id.data else []

    def action(call, f):
        proposal = services.get_proposal(db.session, call, f.proposal_id.data or 0, actor())
        services.choose_winner(db.session, call, actor(), proposal, f.reason.data)

    return _act(call_id, form, action, _("已选定中榜方案，进入公示。"))


@bp.route("/<int:call_id>/objections", methods=["POST"])
@login_required
def object_(call_id: int):
    return _act(call_id, ObjectionForm(), lambda c, f: services.file_objection(db.session, c, actor(), f.text.data),
                _("异议已提交，技术经纪人会处理。"))


@bp.route("/<int:call_id>/objections/<int:objection_id>/resolve", methods=["POST"])
@login_required
def resolve(call_id: int, objection_id: int):
    def action(call, f):
        objection = db.session.get(ChallengeObjection, objection_id)
        if objection is None or objection.challenge_id != call.id:
            abort(404)
        services.resolve_objection(db.session, objection, actor(), f.resolution.data, f.uphold.data)

    return _act(call_id, ResolveForm(), action, _("异议已处理。"))


@bp.route("/<int:call_id>/finalize", methods=["POST"])
@login_required
def finalize(call_id: int):
    from ..forms import ActionForm

    return _act(call_id, ActionForm(), lambda c, f: services.finalize_award(db.session, c, actor()),
                _("公示期满，中榜结果已确认，对接进入实施。"))


@bp.route("/<int:call_id>/acceptance", methods=["POST"])
@login_required
def acceptance(call_id: int):
    return _act(call_id, AcceptanceForm(), lambda c, f: services.record_acceptance(
        db.session, c, actor(), f.passed.data == "1", f.report.data, f.accepted_on.data), _("已记录验收结论。"))


# --- proposals ----------------------------------------------------------------------------------
def _proposal_form(viewer, obj=None) -> ProposalForm:
    form = ProposalForm(obj=obj)
    teams = db.session.scalars(select(ResearchTeam).where(ResearchTeam.organization_id == viewer.organization_id)
                               .order_by(ResearchTeam.name)).all()
    form.team_id.choices = [("", _("（新团队）"))] + [(t.id, t.name) for t in teams]
    achievements = db.session.scalars(select(Achievement).where(Achievement.organization_id == viewer.organization_id,
                                                                Achievement.status == AchievementStatus.PUBLISHED)
                                      .order_by(Achievement.title)).all()
    form.achievement_id.choices = [("", _("（不依托已有成果）"))] + [(a.id, a.title) for a in achievements]
    return form


@bp.route("/<int:call_id>/proposal", methods=["GET", "POST"])
@login_required
def proposal(call_id: int):
    viewer = actor()
    call = services.get_call(db.session, call_id, viewer)
    if viewer.role != Role.UNIVERSITY:
        abort(403)
    existing = services.own_proposal(db.session, call, viewer)
    form = _proposal_form(viewer, existing)
    if form.validate_on_submit():
        try:
            if existing is None:
                saved = services.submit_proposal(db.session, call, viewer, form.to_data())
            else:
                saved = services.update_proposal(db.session, existing, viewer, form.to_data())
        except DomainError as error:
            db.session.rollback()
            field = getattr(form, error.field, None) if error.field else None
            (field or form.summary).errors.append(error.message)
            return render_template("calls/proposal_form.html", form=form, call=call, existing=existing), error.status_code
        flash(_("揭榜方案已提交。") if existing is None else _("揭榜方案已修改。"), "success")
        return redirect(url_for("calls.proposal_detail", call_id=call.id, proposal_id=saved.id))
    status = 400 if request.method == "POST" else 200
    return render_template("calls/proposal_form.html", form=form, call=call, existing=existing), status


@bp.route("/<int:call_id>/proposals/<int:proposal_id>")
@login_required
def proposal_detail(call_id: int, proposal_id: int, error: str | None = None, status: int = 200):
    viewer = actor()
    call = services.get_call(db.session, call_id, viewer)
    proposal = services.get_proposal(db.session, call, proposal_id, viewer)
    mine = next((r for r in proposal.reviews if r.reviewer_id == viewer.id), None)
    return render_template("calls/proposal.html", call=call, proposal=proposal, mine=mine, error=error,
                           can_score=call.is_expert_of(viewer)), status


def _expert_act(call_id: int, proposal_id: int, action, success: str):
    from ..forms import ActionForm

    viewer = actor()
    call = services.get_call(db.session, call_id, viewer)
    proposal = services.get_proposal(db.session, call, proposal_id, viewer)
    if not ActionForm().validate_on_submit():
        abort(400)
    try:
        action(call, proposal)
    except DomainError as error:
        db.session.rollback()
        if isinstance(error, services.ConflictRefused):
            error.audit_refusal(db.session)  # the refusal is kept, on its own
            db.session.commit()
        if error.status_code == 404:
            raise
        return proposal_detail(call_id, proposal_id, error=error.message, status=error.status_code)
    flash(success, "success")
    return redirect(url_for("calls.proposal_detail", call_id=call_id, proposal_id=proposal_id))


@bp.route("/<int:call_id>/proposals/<int:proposal_id>/score", methods=["POST"])
@login_required
def score(call_id: int, proposal_id: int):
    def action(call, proposal):
        scores = {c.id: request.form.get(f"score_{c.id}") for c in call.criteria}
        services.score_proposal(db.session, call, actor(), proposal, scores, request.form.get("comment"))

    return _expert_act(call_id, proposal_id, action, _("评分已保存。"))


@bp.route("/<int:call_id>/proposals/<int:proposal_id>/conflict", methods=["POST"])
@login_required
def conflict(call_id: int, proposal_id: int):
    return _expert_act(call_id, proposal_id, lambda call, proposal: services.declare_conflict(
        db.session, call, actor(), proposal, request.form.get("comment")), _("已声明回避。"))
