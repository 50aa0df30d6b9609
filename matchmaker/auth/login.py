"""Flask-Login wiring and role guards for views."""
from __future__ import annotations

from functools import wraps
from typing import Callable

from flask import Flask, abort
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from models import Role, User

from ..extensions import db, login_manager


def init_login(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "auth.login"
    login_manager.login_message = _l("请先登录。")
    login_manager.login_message_category = "warning"
    login_manager.session_protection = "strong"

    @login_manager.user_loader
    def load_user(session_id: str) -> User | None:
        user_id = session_id.split(":", 1)[0]
        if not user_id.isdigit():
            return None
        user = db.session.get(User, int(user_id))
        if user is None or not user.active or not user.holds_session(session_id):
            return None  # disabled, or the password changed since this session signed in
        return user


def roles_required(*roles: Role) -> Callable:
    """Allow only signed-in users with one of ``roles``; others get 403."""

    def decorator(view: Callable) -> Callable:
        @wraps(view)
        @login_required
        def wrapped(*args, **kwargs):
            if current_user.role not in roles:
                abort(403)
            return view(*args, **kwargs)

        return wrapped

    return decorator


def actor() -> User:
    """The signed-in user as a real model object (services take the actor explicitly)."""
    return current_user._get_current_object()  # type: ignore[attr-defined]
