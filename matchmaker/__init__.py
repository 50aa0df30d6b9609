"""Matchmaker: the Flask application (factory, blueprints, domain services)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Mapping

from flask import Flask

from config import Config, config_for

ROOT = Path(__file__).resolve().parent.parent


def create_app(config: type[Config] | str | None = None, overrides: Mapping[str, Any] | None = None) -> Flask:
    """Build the app: pick a configuration, then bind extensions, blueprints and commands."""
    config_cls = config if isinstance(config, type) else config_for(config)
    app = Flask(
        __name__,
        template_folder=str(ROOT / "templates"),
        instance_path=str(config_cls.INSTANCE_DIR),
        instance_relative_config=True,
    )
    app.config.from_mapping(config_cls.prepare())
    if overrides:
        app.config.update(overrides)
    configure_instance(app)
    configure_db(app)
    configure_auth(app)
    configure_i18n(app)
    configure_templates(app)
    configure_tasks(app)
    configure_matching(app)
    configure_pairings(app)
    configure_notifications(app)
    register_blueprints(app)
    register_error_handlers(app)
    register_commands(app)
    return app


def configure_instance(app: Flask) -> None:
    Path(app.instance_path).mkdir(parents=True, exist_ok=True)


def configure_db(app: Flask) -> None:
    from .extensions import db, migrate
    from .database import install_request_transaction, tune_sqlite

    db.init_app(app)
    migrate.init_app(app, db, directory=str(ROOT / "migrations"))
    with app.app_context():
        tune_sqlite(db.engine)
    install_request_transaction(app)


def configure_auth(app: Flask) -> None:
    from .auth.login import init_login
    from .extensions import csrf

    csrf.init_app(app)
    init_login(app)


def configure_i18n(app: Flask) -> None:
    from .i18n import init_i18n

    init_i18n(app)


def configure_templates(app: Flask) -> None:
    from .templating import init_templating

    init_templating(app)


def configure_tasks(app: Flask) -> None:
    from .tasks import init_tasks

    init_tasks(app)


def configure_matching(app: Flask) -> None:
    from .matching.hooks import init_hooks

    init_hooks(app)


def configure_pairings(app: Flask) -> None:
    from .pairings import init_pairings

    init_pairings(app)


def configure_notifications(app: Flask) -> None:
    from .notifications import init_notifications

    init_notifications(app)


def register_blueprints(app: Flask) -> None:
    from .achievements.views import bp as achievements_bp
    from .auth.views import bp as auth_bp
    from .home.views import bp as home_bp
    from .matching.views import bp as matching_bp
    from .needs.views import bp as needs_bp
    from .notifications.views import bp as notifications_bp
    from .calls.views import bp as calls_bp
    from .digests.views import bp as digests_bp
    from .events.views import bp as events_bp
    from .pairings.views import bp as pairings_bp
    from .review.views import bp as review_bp
    from .imports.views import bp as imports_bp
    from .collection.views import bp as collection_bp
    from .dashboard.views import bp as dashboard_bp
    from .exports.views import bp as exports_bp
    from .admin.views import bp as admin_bp
    from .glossary.views import bp as glossary_bp

    for bp in (home_bp, auth_bp, needs_bp, achievements_bp, matching_bp, pairings_bp, review_bp,
               notifications_bp, calls_bp, digests_bp, events_bp, imports_bp, collection_bp,
               dashboard_bp, exports_bp, admin_bp, glossary_bp):
        app.register_blueprint(bp)


def register_error_handlers(app: Flask) -> None:
    from .errors import init_errors

    init_errors(app)


def register_commands(app: Flask) -> None:
    from .cli import init_cli

    init_cli(app)
