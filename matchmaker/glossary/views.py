"""匹配词表 pages: the built-in glossary (read-only, searchable), the brokers' pairs, adding,
retiring and restoring a pair, and how far the background refresh has got (polled by HTMX)."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from ..forms import ActionForm
from ..listings.views import attach_error
from . import services
from .forms import PairForm

bp = Blueprint("glossary", __name__, url_prefix="/glossary")


def _in_background() -> str:
    return _("术语变更将在后台生效：系统正在更新索引并重新计算推荐列表，完成前页面仍显示原有推荐。")


def _page(form: PairForm | None = None, status: int = 200):
    query = (request.args.get("q") or "").strip()[:60]
    return render_template(
        "glossary/index.html",
        form=form or PairForm(formdata=None),
        builtin=services.builtin_entries(query),
        query=query,
        pairs=services.pairs(db.session),
        state=services.refresh_state(current_app._get_current_object(), db.session),
    ), status


@bp.route("/")
@login_required
def index():
    services.require_manager(actor())
    return _page()


@bp.route("/status")
@login_required
def status():
    """The refresh state alone (the page polls it while lists are being refreshed)."""
    services.require_manager(actor())
    state = services.refresh_state(current_app._get_current_object(), db.session)
    return render_template("glossary/_status.html", state=state)


@bp.route("/add", methods=["POST"])
@login_required
def add():
    services.require_manager(actor())
    form = PairForm()
    if form.validate_on_submit():
        try:
            row = services.add_pair(db.session, actor(), form.kind.data, form.term.data, form.equivalent.data)
        except DomainError as error:
            attach_error(form, error, "term")
        else:
            flash(_("已添加“%(t)s ↔ %(e)s”。", t=row.term, e=row.equivalent) + _in_background(), "success")
            return redirect(url_for("glossary.index"))
    return _page(form, 400)


def _require_csrf() -> None:
    if not ActionForm().validate_on_submit():
        abort(400)


@bp.route("/<int:term_id>/retire", methods=["POST"])
@login_required
def retire(term_id: int):
    services.require_manager(actor())
    _require_csrf()
    row = services.retire_pair(db.session, actor(), term_id)
    flash(_("已停用“%(t)s ↔ %(e)s”。", t=row.term, e=row.equivalent) + _in_background(), "success")
    return redirect(url_for("glossary.index"))


@bp.route("/<int:term_id>/restore", methods=["POST"])
@login_required
def restore(term_id: int):
    services.require_manager(actor())
    _require_csrf()
    try:
        row = services.restore_pair(db.session, actor(), term_id)
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        flash(error.message, "error")
    else:
        flash(_("已恢复“%(t)s ↔ %(e)s”。", t=row.term, e=row.equivalent) + _in_background(), "success")
    return redirect(url_for("glossary.index"))
