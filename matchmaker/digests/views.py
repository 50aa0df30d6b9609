"""定期推送 settings: an organisation's users set theirs on the inbox page; brokers and admins set
any organisation's on ``/digests/``."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from models import Role, utcnow

from ..auth.login import actor, roles_required
from ..extensions import db
from ..notifications.messages import safe_link
from . import services
from .forms import DigestFrequencyForm

bp = Blueprint("digests", __name__, url_prefix="/digests")


@bp.app_context_processor
def _digest_settings():
    def digest_settings() -> dict | None:
        """The inbox's 定期推送 section: the user's organisation and its form, or None."""
        if not current_user.is_authenticated:
            return None
        if current_user.is_staff:
            return {"staff": True}
        org = services.settings_for(db.session, actor())
        if org is None:
            return None
        return {"staff": False, "org": org, "next_due_on": services.next_due_on(org, utcnow()),
                "form": DigestFrequencyForm.for_organization(org, next=request.full_path.rstrip("?"))}

    return {"digest_settings": digest_settings}


@bp.route("/")
@roles_required(Role.BROKER, Role.ADMIN)
def index():
    q = request.args.get("q", "").strip()[:100]
    page = services.organizations_page(db.session, q, request.args.get("page", 1, type=int) or 1,
                                       current_app.config["PAGE_SIZE"])
    now = utcnow()
    here = request.full_path.rstrip("?")
    rows = [(org, DigestFrequencyForm.for_organization(org, next=here), services.next_due_on(org, now))
            for org in page.items]
    return render_template("digests/index.html", page=page, rows=rows, q=q)


@bp.route("/organizations/<int:org_id>/frequency", methods=["POST"])
@login_required
def set_frequency(org_id: int):
    form = DigestFrequencyForm()
    if not form.validate_on_submit():
        abort(400)
    user = actor()
    org = services.get_organization(db.session, org_id, user)
    if services.set_frequency(db.session, user, org, form.value):
        flash(_("已将「%(org)s」的定期推送设为：%(frequency)s。", org=org.name, frequency=_(form.value.label)),
              "success")
    default = url_for("digests.index") if user.is_staff else url_for("notifications.index")
    return redirect(safe_link(form.next.data) or default)
