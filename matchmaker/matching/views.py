"""Ad-hoc search over either library with the matching engine."""
from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request
from flask_login import login_required

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import db
from . import search as search_svc
from . import suggestions as suggestions_svc

bp = Blueprint("matching", __name__, url_prefix="/search")


@bp.route("/")
@login_required
def search():
    query = request.args.get("q")
    target = "need" if request.args.get("in") == "needs" else "achievement"
    result, error, status = None, None, 200
    if query is not None:
        try:
            result = search_svc.run(current_app, db.session, actor(), query, target)
        except DomainError as exc:
            error, status = exc.message, exc.status_code
    return render_template("matching/search.html", q=query or "", target=target, result=result, error=error), status


def suggestions_section(obj, poll_url: str):
    """A need's or an achievement's suggestions section alone (the page polls it while its list
    is computed); 404 for viewers who may not see the suggestions."""
    view = suggestions_svc.for_page(current_app, db.session, obj, actor())
    if view is None:
        abort(404)
    side = "need" if obj.__tablename__ == "achievements" else "achievement"
    return render_template("matching/_suggestions.html", suggestions=view, side=side, poll_url=poll_url,
                           attempt=request.args.get("attempt", 0, type=int))
