"""Migrations build the schema from nothing, and match the models exactly."""
from __future__ import annotations

import uuid

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from flask_migrate import upgrade
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url

from matchmaker import create_app
from matchmaker.extensions import db
from models import Base

from .conftest import on_postgres


@pytest.fixture
def empty_database_url(tmp_path, app):
    """A database with no tables at all, on the backend under test."""
    if not on_postgres():
        yield f"sqlite:///{tmp_path / 'fresh.sqlite3'}"
        return
    url = make_url(app.config["SQLALCHEMY_DATABASE_URI"])
    name = f"mm_migrations_{uuid.uuid4().hex[:8]}"
    admin = create_engine(url, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def test_upgrade_from_nothing_builds_a_schema_identical_to_the_models(empty_database_url):
    fresh = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with fresh.app_context():
        upgrade()
        engine = db.engine
        tables = set(inspect(engine).get_table_names())
        assert set(Base.metadata.tables) <= tables
        with engine.connect() as conn:
            diff = compare_metadata(
                MigrationContext.configure(conn, opts={"compare_type": True}), Base.metadata
            )
        assert diff == [], f"models and migrations drifted apart: {diff}"
        engine.dispose()
