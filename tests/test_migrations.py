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


def test_reviews_move_from_suggestion_rows_to_the_pair(empty_database_url):
    """The 1e20546c5ecd migration: each pair's latest decision, from either direction, becomes its PairReview."""
    fresh = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with fresh.app_context():
        upgrade(revision="1d343e101b83")
        engine = db.engine
        with engine.begin() as conn:
            conn.execute(text("INSERT INTO organizations (id, name, kind, credit_code, created_at) VALUES "
                              "(1, 'a', 'enterprise', 'c1', '2026-01-01'), (2, 'b', 'university', 'c2', '2026-01-01')"))
            conn.execute(text("INSERT INTO tech_needs (id, organization_id, title, description, keywords, coop_modes, is_key,"
                              " is_confidential, status, created_at, updated_at) VALUES "
                              "(1, 1, 't', 'd', '[]', '[]', false, false, 'open', '2026-01-01', '2026-01-01')"))
            conn.execute(text("INSERT INTO achievements (id, organization_id, title, abstract, keywords, coop_modes,"
                              " is_selected, status, created_at, updated_at) VALUES "
                              "(1, 2, 'a1', 'x', '[]', '[]', false, 'published', '2026-01-01', '2026-01-01'),"
                              "(2, 2, 'a2', 'x', '[]', '[]', false, 'published', '2026-01-01', '2026-01-01')"))
            insert = text("INSERT INTO match_suggestions (need_id, achievement_id, direction, score_fused, rank, explanation,"
                          " engine_version, review_status, reject_reason, reviewed_at, created_at) VALUES "
                          "(:n, :a, :d, 1.0, 1, '{}', 'v', :s, :r, :at, '2026-01-01')")
            conn.execute(insert, dict(n=1, a=1, d="need2ach", s="rejected", r="off_topic", at="2026-02-01"))
            conn.execute(insert, dict(n=1, a=1, d="ach2need", s="accepted", r=None, at="2026-03-01"))
            conn.execute(insert, dict(n=1, a=2, d="need2ach", s="pending", r=None, at=None))
        upgrade()
        with engine.connect() as conn:
            reviews = conn.execute(text("SELECT need_id, achievement_id, status FROM pair_reviews")).all()
            columns = {c["name"] for c in inspect(engine).get_columns("match_suggestions")}
        assert reviews == [(1, 1, "accepted")]  # the later decision wins; the undecided pair has none
        assert "review_status" not in columns and "reject_reason" not in columns
        engine.dispose()


def test_every_check_constraint_of_the_models_exists_after_the_migrations(empty_database_url):
    """compare_metadata does not compare CHECK constraints: the rules the database enforces (a
    contract from 已签约 on, enum values…) are checked here by name, on both databases."""
    from sqlalchemy import CheckConstraint

    fresh = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": empty_database_url})
    with fresh.app_context():
        upgrade()
        inspector = inspect(db.engine)
        for table in Base.metadata.sorted_tables:
            expected = {c.name for c in table.constraints if isinstance(c, CheckConstraint)}
            found = {c["name"] for c in inspector.get_check_constraints(table.name)}
            assert expected <= found, f"{table.name}: missing {sorted(expected - found)}"
        db.engine.dispose()
