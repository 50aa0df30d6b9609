"""Sign in, sign out, register an organisation, change password, switch language."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, current_app, flash, redirect, render_template, request, session, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required, login_user, logout_user

from ..errors import DomainError
from ..extensions import db
from ..forms import ActionForm
from ..taxonomy.services import regions, top_industries
from . import services
from .login import actor
from .forms import LoginForm, PasswordChangeForm, RegistrationForm

bp = Blueprint("auth", __name__)


def _safe_next(target: str | None) -> str:
    """Only follow relative redirects, so ?next= cannot send users to another site."""
    if target and not urlsplit(target).netloc and target.startswith("/") and not target.startswith("//"):
        return target
    return url_for("home.index")


@bp.route("/login", methods=["GET", "POST"])
def login():
    if current_user.is_authenticated:
        return redirect(url_for("home.index"))
    form = LoginForm()
    if form.validate_on_submit():
        user = services.authenticate(db.session, form.email.data, form.password.data)
        if user is not None:
            login_user(user)
            return redirect(_safe_next(request.args.get("next")))
        form.password.errors.append(_("邮箱或密码不正确。"))
    status = 400 if form.errors else 200
    return render_template("auth/login.html", form=form), status


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    form = ActionForm()
    if not form.validate_on_submit():
        return redirect(url_for("home.index"))
    logout_user()
    flash(_("您已退出登录。"), "info")
    return redirect(url_for("auth.login"))


@bp.route("/register", methods=["GET", "POST"])
def register():
    form = RegistrationForm()
    form.set_choices(regions(db.session), top_industries(db.session))
    if form.validate_on_submit():
        reg = services.Registration(
            org_name=form.org_name.data,
            org_kind=form.kind,
            credit_code=form.credit_code.data,
            region_id=form.region_id.data,
            industry_id=form.industry_id.data,
            user_name=form.user_name.data,
            email=form.email.data,
            password=form.password.data,
        )
        try:
            user = services.register_organization(db.session, reg)
        except DomainError as error:
            db.session.rollback()
            getattr(form, error.field or "org_name").errors.append(error.message)
        else:
            login_user(user)
            flash(_("注册成功，欢迎使用科技成果转化对接平台。"), "success")
            return redirect(url_for("home.index"))
    status = 400 if form.errors else 200
    return render_template("auth/register.html", form=form), status


@bp.route("/account/password", methods=["GET", "POST"])
@login_required
def change_password():
    form = PasswordChangeForm()
    if form.validate_on_submit():
        try:
            services.change_password(
                db.session, actor(), form.current_password.data, form.new_password.data
            )
        except DomainError as error:
            db.session.rollback()
            field = "new_password" if error.field == "password" else error.field
            getattr(form, field or "current_password").errors.append(error.message)
        else:
            login_user(actor())  # this session carries on; the user's other sessions are signed out
            flash(_("密码已修改，其他设备上的登录已退出。"), "success")
            return redirect(url_for("home.index"))
    status = 400 if form.errors else 200
    return render_template("auth/password.html", form=form), status


@bp.route("/lang/<code>", methods=["POST"])
def set_language(code: str):
    form = ActionForm()
    if form.validate_on_submit() and code in current_app.config["LANGUAGES"]:
        session["lang"] = code
    return redirect(_safe_next(request.form.get("next")))
