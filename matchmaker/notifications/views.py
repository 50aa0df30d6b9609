"""The inbox: list, mark one or all read, open one, switch e-mail on or off."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import login_required

from ..auth.login import actor
from ..extensions import db
from ..forms import ActionForm
from . import messages, services
from .forms import EmailPreferenceForm

bp = Blueprint("notifications", __name__, url_prefix="/notifications")


def _page_arg(source) -> int:
    return source.get("page", 1, type=int) or 1


def _is_htmx() -> bool:
    return request.headers.get("HX-Request") == "true"


def _back(page: int):
    return redirect(url_for("notifications.index", page=page if page > 1 else None))


@bp.route("/")
@login_required
def index():
    user = actor()
    page = services.inbox(db.session, user, _page_arg(request.args), current_app.config["PAGE_SIZE"])
    return render_template("notifications/index.html", page=page, email_form=EmailPreferenceForm.for_user(user))


@bp.route("/<int:notification_id>/read", methods=["POST"])
@login_required
def mark_read(notification_id: int):
    if not ActionForm().validate_on_submit():
        abort(400)
    user = actor()
    services.mark_read(db.session, user, [notification_id])
    if _is_htmx():  # the item, and the navbar's count swapped out of band
        notification = services.get_notification(db.session, user, notification_id)
        return render_template("notifications/_read.html", n=notification,
                               unread=services.unread_count(db.session, user), page=_page_arg(request.form))
    return _back(_page_arg(request.form))


@bp.route("/<int:notification_id>/open", methods=["POST"])
@login_required
def open_notification(notification_id: int):
    """Mark read, then go where the notification points (the inbox when it points nowhere)."""
    if not ActionForm().validate_on_submit():
        abort(400)
    user = actor()
    services.mark_read(db.session, user, [notification_id])
    link = messages.render(services.get_notification(db.session, user, notification_id)).link
    return redirect(link or url_for("notifications.index"))


@bp.route("/read-all", methods=["POST"])
@login_required
def mark_all_read():
    if not ActionForm().validate_on_submit():
        abort(400)
    count = services.mark_read(db.session, actor(), None)
    if count:
        flash(_("已将 %(n)d 条通知标为已读。", n=count), "success")
    return _back(1)


@bp.route("/email", methods=["POST"])
@login_required
def email_preference():
    form = EmailPreferenceForm()
    if not form.validate_on_submit():
        abort(400)
    if services.set_email_notifications(db.session, actor(), form.enabled):
        flash(_("已开启邮件通知。") if form.enabled else _("已关闭邮件通知，通知仍会出现在这里。"), "success")
    return _back(_page_arg(request.form))
