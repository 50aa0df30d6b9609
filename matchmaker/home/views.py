"""The landing page: anonymous visitors see the platform, users their to-do list."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template
from flask_login import current_user

from ..auth.login import actor
from ..extensions import db
from ..listings.rules import bureau_today
from . import services

bp = Blueprint("home", __name__)


@bp.route("/")
def index():
    if not current_user.is_authenticated:
        return render_template("home/welcome.html")
    home = services.home_for(db.session, actor(), bureau_today(), current_app.config["REGISTRATION_DUE_DAYS"])
    return render_template(home.template, **home.context)
