"""Achievement pages: list and search, detail, list a new one, edit, withdraw, select."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import AchievementStatus, Maturity, may_post_achievement

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
from .forms import AchievementForm

bp = Blueprint("achievements", __name__, url_prefix="/achievements")


@bp.route("/")
@login_required
def index():
    filters = ListingFilters.from_args(request.args)
    page = paginate(services.search_achievements(db.session, actor(), filters), filters.page)
    return render_template(
        "achievements/index.html",
        page=page,
        filters=filters,
        statuses=list(AchievementStatus),
        maturities=list(Maturity),
        industries=top_industries(db.session),
        regions=regions(db.session),
        can_post=may_post_achievement(current_user),
    )


@bp.route("/<int:ach_id>")
@login_required
def detail(ach_id: int):
    ach = services.get_achievement(db.session, ach_id, actor())
    missing = services.missing_for_achievement(ach) if ach.is_owned_by(current_user) else []
    suggestions = suggestions_svc.for_page(current_app, db.session, ach, actor())
    return render_template(
        "achievements/detail.html", ach=ach, missing=missing, suggestions=suggestions, action_form=ActionForm()
    )


def _form(ach=None) -> AchievementForm:
    form = AchievementForm(obj=ach)
    org_id = ach.organization_id if ach else current_user.organization_id
    form.set_choices(industry_choices(db.session, keep=ach.industry_id if ach else None),
                     services.teams_of(db.session, org_id))
    return form

@bp.route("/<int:ach_id>/suggestions")
@login_required
def suggestions(ach_id: int):
    """The suggestions section alone: the page polls it while the list is being computed."""
    ach = services.get_achievement(db.session, ach_id, actor())
    return suggestions_section(ach, url_for("achievements.suggestions", ach_id=ach.id))


@bp.route("/new", methods=["GET", "POST"])
@login_required
def create():
    if not may_post_achievement(current_user):
        abort(403)
    form = _form()
    if form.validate_on_submit():
        try:
            ach = services.create_achievement(db.session, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "title")
        else:
            flash(_("成果已保存。"), "success")
            return redirect(url_for("achievements.detail", ach_id=ach.id))
    return render_form("achievements/form.html", form, ach=None)


@bp.route("/<int:ach_id>/edit", methods=["GET", "POST"])
@login_required
def edit(ach_id: int):
    ach = services.get_achievement(db.session, ach_id, actor(), for_edit=True)
    form = _form(ach)
    if request.method == "GET":
        form.publish.data = ach.status == AchievementStatus.PUBLISHED
    if form.validate_on_submit():
        try:
            services.update_achievement(db.session, ach, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "title")
        else:
            flash(_("成果已保存。"), "success")
            return redirect(url_for("achievements.detail", ach_id=ach.id))
    return render_form("achievements/form.html", form, ach=ach)


@bp.route("/<int:ach_id>/withdraw", methods=["POST"])
@login_required
def withdraw(ach_id: int):
    ach = services.get_achievement(db.session, ach_id, actor(), for_edit=True)
    if not ActionForm().validate_on_submit():
        abort(400)
    services.withdraw_achievement(db.session, ach, actor())
    flash(_("成果已撤回。"), "info")
    return redirect(url_for("achievements.detail", ach_id=ach.id))
