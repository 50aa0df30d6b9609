"""Need pages: list and search, detail, post, edit, withdraw, broker flags."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import NeedStatus, may_post_need

from ..errors import DomainError
from ..auth.login import actor
from ..extensions import db
from ..forms import ActionForm
from ..listings.search import ListingFilters
from ..matching import suggestions as suggestions_svc
from ..matching.views import suggestions_section
from ..listings.views import attach_error, paginate, render_form
from ..taxonomy.services import industry_choices, regions, top_industries
from . import services
from .forms import NeedForm

bp = Blueprint("needs", __name__, url_prefix="/needs")


@bp.route("/")
@login_required
def index():
    filters = ListingFilters.from_args(request.args)
    page = paginate(services.search_needs(db.session, actor(), filters), filters.page)
    return render_template(
        "needs/index.html",
        page=page,
        filters=filters,
        statuses=list(NeedStatus),
        industries=top_industries(db.session),
        regions=regions(db.session),
        can_post=may_post_need(current_user),
    )


@bp.route("/<int:need_id>")
@login_required
def detail(need_id: int):
    need = services.get_need(db.session, need_id, actor())
    missing = services.missing_for_need(need) if need.is_owned_by(current_user) else []
    suggestions = suggestions_svc.for_page(current_app, db.session, need, actor())
    return render_template(
        "needs/detail.html", need=need, missing=missing, suggestions=suggestions, action_form=ActionForm()
    )

@bp.route("/<int:need_id>/suggestions")
@login_required
def suggestions(need_id: int):
    """The suggestions section alone: the page polls it while the list is being computed."""
    need = services.get_need(db.session, need_id, actor())
    return suggestions_section(need, url_for("needs.suggestions", need_id=need.id))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    if not may_post_need(current_user):
        abort(403)
    form = NeedForm()
    form.set_choices(industry_choices(db.session))
    if form.validate_on_submit():
        try:
            need = services.create_need(db.session, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "title")
        else:
            flash(_("需求已发布。"), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_form("needs/form.html", form, need=None)


@bp.route("/<int:need_id>/edit", methods=["GET", "POST"])
@login_required
def edit(need_id: int):
    need = services.get_need(db.session, need_id, actor(), for_edit=True)
    form = NeedForm(obj=need)
    form.set_choices(industry_choices(db.session, keep=need.industry_id))
    if form.validate_on_submit():
        try:
            services.update_need(db.session, need, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "title")
        else:
            flash(_("需求已保存。"), "success")
            return redirect(url_for("needs.detail", need_id=need.id))
    return render_form("needs/form.html", form, need=need)


@bp.route("/<int:need_id>/withdraw", methods=["POST"])
@login_required
def withdraw(need_id: int):
    need = services.get_need(db.session, need_id, actor(), for_edit=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.withdraw_need(db.session, need, actor())
    flash(_("需求已撤回。"), "info")
    return redirect(url_for("needs.detail", need_id=need.id))
