"""Ad-hoc search over either library with the matching engine."""
from __future__ import annotations

from flask import Blueprint, current_app, render_template, request
from flask_login import login_required

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from . import search as search_svc

bp = Blueprint("matching", __name__, url_prefix="/search")


@bp.route("/")
@login_required
def search():
    query = request.args.get("q")
    target = "need" if request.args.get("in") == "needs" else "achievement"
    result, error = None, None
    if query is not None:
        try:
            result = search_svc.run(current_app, db.session, actor(), query, target)
        except DomainError as exc:
            error = exc.message
    status = 400 if error else 200
    return render_template("matching/search.html", q=query or "", target=target, result=result, error=error), status
