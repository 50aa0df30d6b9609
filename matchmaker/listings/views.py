"""Small helpers the need and achievement views share."""
from __future__ import annotations

from flask import current_app, render_template

from ..errors import DomainError
from ..extensions import db


def paginate(stmt, page: int):
    return db.paginate(stmt, page=page, per_page=current_app.config["PAGE_SIZE"], error_out=False)


def attach_error(form, error: DomainError, fallback: str) -> None:
    """Show a service's refusal next to the field it names (or the fallback field)."""
    db.session.rollback()
    field = getattr(form, error.field or "", None) or getattr(form, fallback)
    field.errors = list(field.errors) + [error.message]


def render_form(template: str, form, **context):
    status = 400 if form.errors else 200
    return render_template(template, form=form, **context), status
