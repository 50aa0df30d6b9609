"""管理：用户、机构、行业分类、审计日志 (pages).

Every page of the blueprint is for users who may administer (``User.can_administer``): the check
runs once, before any view, so a new page cannot forget it. Services check it again.
"""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from models import OrgKind, Role

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db, login_manager
from ..forms import ActionForm
from ..listings.views import attach_error, paginate, render_form
from ..spreadsheets import CSV_MIMETYPE, XLSX_MIMETYPE, Sheet, attachment, csv_bytes, xlsx_bytes
from ..taxonomy.services import regions, top_industries
from . import auditlog, organisations, taxonomy, users
from .forms import AuditExportForm, DirectionForm, MergeForm, OrganisationForm, RenameForm, RoleForm, UserCreateForm
from .services import arg_int

bp = Blueprint("admin", __name__, url_prefix="/admin")

#: Audit-log objects that have a page of their own: object type → (endpoint, URL argument).
OBJECT_PAGES = {
    "tech_needs": ("needs.detail", "need_id"),
    "achievements": ("achievements.detail", "ach_id"),
    "pairings": ("pairings.detail", "pairing_id"),
    "users": ("admin.user_detail", "user_id"),
}


@bp.before_request
def _only_admins():
    if not current_user.is_authenticated:
        return login_manager.unauthorized()
    if not current_user.can_administer:
        abort(403)


def _require_csrf() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


def _tz() -> str:
    return current_app.config["BABEL_DEFAULT_TIMEZONE"]


def _secret_page(template: str, **context):
    """A page that shows a password once: never cached, never kept in the session cookie."""
    response = current_app.make_response(render_template(template, **context))
    response.headers["Cache-Control"] = "no-store"
    return response


@bp.route("/")
def index():
    return render_template("admin/index.html")


# --- users -----------------------------------------------------------------------------------
@bp.route("/users")
def user_list():
    filters = users.UserFilters.from_args(request.args)
    page = paginate(users.search_users(actor(), filters), filters.page)
    return render_template("admin/users.html", page=page, filters=filters, roles=list(Role),
                           organisations=organisations.all_organisations(db.session))


@bp.route("/users/new", methods=["GET", "POST"])
def user_create():
    form = UserCreateForm().set_organisations(organisations.all_organisations(db.session))
    if form.validate_on_submit():
        try:
            user, password = users.create_account(db.session, actor(), form.to_data())
        except DomainError as error:
            attach_error(form, error, "email")
        else:
            if password is None:
                flash(_("已创建用户 %(name)s。", name=user.name), "success")
                return redirect(url_for("admin.user_detail", user_id=user.id))
            return _secret_page("admin/password.html", user=user, password=password, created=True)
    return render_form("admin/user_form.html", form)


@bp.route("/users/<int:user_id>")
def user_detail(user_id: int):
    user = users.get_user(db.session, user_id, actor())
    form = RoleForm(obj=user, formdata=None).set_organisations(organisations.all_organisations(db.session))
    return render_template("admin/user.html", user=user, role_form=form)


def _user_action(user_id: int, action):
    user = users.get_user(db.session, user_id, actor())
    _require_csrf()
    try:
        message = action(user)
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("admin.user_detail", user_id=user_id))
    flash(message, "success")
    return redirect(url_for("admin.user_detail", user_id=user_id))


@bp.route("/users/<int:user_id>/disable", methods=["POST"])
def user_disable(user_id: int):
    return _user_action(user_id, lambda user: _("已停用 %(name)s 的账号，其登录状态随即失效。", name=user.name)
                        if users.set_active(db.session, actor(), user, False) else _("该账号已是停用状态。"))


@bp.route("/users/<int:user_id>/enable", methods=["POST"])
def user_enable(user_id: int):
    return _user_action(user_id, lambda user: _("已启用 %(name)s 的账号。", name=user.name)
                        if users.set_active(db.session, actor(), user, True) else _("该账号已是启用状态。"))


@bp.route("/users/<int:user_id>/reset-password", methods=["POST"])
def user_reset_password(user_id: int):
    user = users.get_user(db.session, user_id, actor())
    _require_csrf()
    password = users.reset_password(db.session, actor(), user)
    return _secret_page("admin/password.html", user=user, password=password, created=False)


@bp.route("/users/<int:user_id>/role", methods=["POST"])
def user_change_role(user_id: int):
    user = users.get_user(db.session, user_id, actor())
    form = RoleForm().set_organisations(organisations.all_organisations(db.session))
    if form.validate_on_submit():
        try:
            changed = users.change_role(db.session, actor(), user, form.to_data())
        except DomainError as error:
            attach_error(form, error, "role")
        else:
            flash(_("已保存 %(name)s 的角色与机构。", name=user.name) if changed else _("角色与机构没有变化。"),
                  "success")
            return redirect(url_for("admin.user_detail", user_id=user.id))
    return render_form("admin/user.html", form, user=user, role_form=form)


# --- organisations ---------------------------------------------------------------------------------
@bp.route("/organisations")
def organisation_list():
    filters = organisations.OrganisationFilters.from_args(request.args)
    page = paginate(organisations.search_organisations(actor(), filters), filters.page)
    counts = organisations.counts_for(db.session, [o.id for o in page.items])
    return render_template("admin/organisations.html", page=page, filters=filters, counts=counts,
                           kinds=list(OrgKind), regions=regions(db.session))


@bp.route("/organisations/<int:org_id>/edit", methods=["GET", "POST"])
def organisation_edit(org_id: int):
    org = organisations.get_organisation(db.session, org_id, actor())
    form = OrganisationForm(obj=org).set_choices(regions(db.session),
                                                 [(i.id, i.name) for i in top_industries(db.session)])
    if form.validate_on_submit():
        try:
            changes = organisations.update_organisation(db.session, actor(), org, form.to_data())
        except DomainError as error:
            attach_error(form, error, "name")
        else:
            flash(_("已保存机构信息。") if changes else _("机构信息没有变化。"), "success")
            return redirect(url_for("admin.organisation_list", q=org.name))
    return render_form("admin/organisation_form.html", form, org=org)


@bp.route("/organisations/merge", methods=["GET", "POST"])
def organisation_merge():
    """GET: pick the two organisations and preview; POST: carry out the previewed merge."""
    context = {"organisations": organisations.all_organisations(db.session), "plan": None, "error": None}
    if request.method == "POST":
        form = MergeForm()
        if not form.validate_on_submit():
            abort(400)
        keep_id, dup_id = arg_int(request.form, "keep"), arg_int(request.form, "duplicate")
        try:
            plan = organisations.merge_organisations(db.session, actor(), keep_id, dup_id, form.fingerprint.data)
        except DomainError as error:
            if error.status_code in (403, 404):
                raise
            db.session.rollback()
            context.update(keep_id=keep_id, duplicate_id=dup_id, error=error.message)
            return _merge_preview(context, error.status_code)
        counts = plan.counts()
        flash(_("已将「%(dup)s」并入「%(keep)s」：用户 %(users)d 人，需求 %(needs)d 项，成果 %(achievements)d 项，"
                "涉及对接 %(pairings)d 项。", dup=plan.duplicate.name, keep=plan.keep.name, **counts), "success")
        return redirect(url_for("admin.organisation_list", q=plan.keep.name))
    context.update(keep_id=arg_int(request.args, "keep"), duplicate_id=arg_int(request.args, "duplicate"))
    return _merge_preview(context)


def _merge_preview(context: dict, status: int = 200):
    """The selection form and, when two organisations are chosen, the plan (or why not)."""
    keep_id, dup_id = context["keep_id"], context["duplicate_id"]
    if keep_id is not None and dup_id is not None:
        try:
            context["plan"] = organisations.plan_merge(db.session, actor(), keep_id, dup_id)
        except DomainError as error:
            if error.status_code == 403:
                raise
            context["error"] = context["error"] or error.message
            status = max(status, error.status_code if error.status_code != 200 else 400)
    form = MergeForm(formdata=None)
    if context["plan"] is not None:
        form.keep.data, form.duplicate.data = keep_id, dup_id
        form.fingerprint.data = context["plan"].fingerprint()
    return render_template("admin/merge.html", form=form, **context), status


# --- taxonomy ------------------------------------------------------------------------------------
@bp.route("/taxonomy")
def taxonomy_index():
    return render_template("admin/taxonomy.html", tree=taxonomy.taxonomy_tree(db.session, actor()),
                           form=DirectionForm(formdata=None))


@bp.route("/taxonomy/<int:parent_id>/directions", methods=["POST"])
def industry_create(parent_id: int):
    parent = taxonomy.get_industry(db.session, parent_id, actor())
    form = DirectionForm()
    if form.validate_on_submit():
        try:
            industry = taxonomy.add_direction(db.session, actor(), parent.id, form.name.data, form.slug.data)
        except DomainError as error:
            if error.status_code in (403, 404):
                raise
            db.session.rollback()
            flash(error.message, "error")
            return redirect(url_for("admin.taxonomy_index", _anchor=f"industry-{parent_id}"))
        flash(_("已在「%(parent)s」下添加技术方向「%(name)s」（代码 %(code)s）。",
                parent=parent.name, name=industry.name, code=industry.code), "success")
    else:
        flash("；".join(e for errors in form.errors.values() for e in errors), "error")
    return redirect(url_for("admin.taxonomy_index", _anchor=f"industry-{parent_id}"))


@bp.route("/taxonomy/<int:industry_id>/rename", methods=["GET", "POST"])
def industry_rename(industry_id: int):
    industry = taxonomy.get_industry(db.session, industry_id, actor())
    form = RenameForm(obj=industry)
    if form.validate_on_submit():
        old = industry.name
        try:
            changed = taxonomy.rename_industry(db.session, actor(), industry, form.name.data)
        except DomainError as error:
            attach_error(form, error, "name")
        else:
            flash(_("已将「%(old)s」更名为「%(new)s」。", old=old, new=industry.name) if changed
                  else _("名称没有变化。"), "success")
            return redirect(url_for("admin.taxonomy_index", _anchor=f"industry-{industry.id}"))
    return render_form("admin/industry_rename.html", form, industry=industry,
                       usage=taxonomy.affected(db.session, industry))


@bp.route("/taxonomy/<int:industry_id>/retire", methods=["GET", "POST"])
def industry_retire(industry_id: int):
    """GET: how many records keep the direction; POST: retire it."""
    industry = taxonomy.get_industry(db.session, industry_id, actor())
    if request.method == "POST":
        _require_csrf()
        changed = taxonomy.retire_direction(db.session, actor(), industry)
        flash(_("已停用技术方向「%(name)s」：新登记的需求和成果不再可选，已有记录保持不变。", name=industry.full_name)
              if changed else _("该技术方向已是停用状态。"), "success")
        return redirect(url_for("admin.taxonomy_index", _anchor=f"industry-{industry.id}"))
    if industry.parent_id is None:
        abort(404)
    return render_template("admin/industry_retire.html", industry=industry,
                           usage=taxonomy.affected(db.session, industry))


@bp.route("/taxonomy/<int:industry_id>/restore", methods=["POST"])
def industry_restore(industry_id: int):
    industry = taxonomy.get_industry(db.session, industry_id, actor())
    _require_csrf()
    changed = taxonomy.restore_direction(db.session, actor(), industry)
    flash(_("已恢复技术方向「%(name)s」。", name=industry.full_name) if changed else _("该技术方向未停用。"), "success")
    return redirect(url_for("admin.taxonomy_index", _anchor=f"industry-{industry.id}"))


# --- audit log -----------------------------------------------------------------------------------
@bp.route("/audit")
def audit_log():
    filters = auditlog.AuditFilters.from_args(request.args)
    page = paginate(auditlog.search_events(actor(), filters, _tz()), filters.page)
    links = {e.id: url_for(endpoint, **{arg: e.object_id})
             for e in page.items if e.object_id is not None
             for endpoint, arg in [OBJECT_PAGES.get(e.object_type, (None, None))] if endpoint}
    return render_template(
        "admin/audit.html", page=page, filters=filters, links=links, tz=_tz(),
        actors=auditlog.actors(db.session), object_types=auditlog.object_types(db.session),
        action_codes=sorted(auditlog.ACTION_TITLES),
        action_title=auditlog.action_title, object_title=auditlog.object_title, data_text=auditlog.data_text,
        export_form=AuditExportForm(formdata=None),
    ), 400 if filters.errors else 200


@bp.route("/audit/export", methods=["POST"])
def audit_export():
    """The filtered log as .xlsx or .csv; the filters come as the page's query string."""
    form = AuditExportForm()
    if not form.validate_on_submit():
        abort(400)
    filters = auditlog.AuditFilters.from_args(request.args)
    fmt = form.format.data
    try:
        headers, rows = auditlog.export_events(db.session, actor(), filters, _tz(), fmt)
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        flash(error.message, "error")
        return redirect(url_for("admin.audit_log", **filters.query_args()))
    stamp = auditlog.export_stamp(_tz())
    if fmt == "csv":
        body, mimetype, name = csv_bytes(headers, rows), CSV_MIMETYPE, f"audit-log-{stamp}.csv"
    else:
        body = xlsx_bytes([Sheet(_("审计日志"), headers, rows)])
        mimetype, name = XLSX_MIMETYPE, f"audit-log-{stamp}.xlsx"
    response = current_app.response_class(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = attachment(name)
    response.headers["Cache-Control"] = "no-store"
    return response
