"""Chinese first, English on request: locale selection and the language switch."""
from __future__ import annotations

from flask import Flask, current_app, has_request_context, request, session
from flask_login import current_user

from .extensions import babel


def select_locale() -> str:
    languages = current_app.config["LANGUAGES"]
    if not has_request_context():  # a task or a command: the platform's language
        return current_app.config["BABEL_DEFAULT_LOCALE"]
    chosen = session.get("lang")
    if chosen in languages:
        return chosen
    user_locale = getattr(current_user, "locale", None)
    if user_locale in languages:
        return user_locale
    # Chinese unless the browser asks for English first.
    return request.accept_languages.best_match(list(languages), default="zh") or "zh"


def init_i18n(app: Flask) -> None:
    babel.init_app(
        app,
        locale_selector=select_locale,
        default_translation_directories=str(app.root_path + "/translations"),
    )
