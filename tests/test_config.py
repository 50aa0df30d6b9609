"""Configuration: environment-driven, and production fails fast without a secret key."""
from __future__ import annotations

import pytest

from config import ConfigError, DevelopmentConfig, ProductionConfig, TestingConfig, config_for


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        ProductionConfig.prepare()


def test_production_uses_the_given_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    assert ProductionConfig.prepare()["SECRET_KEY"] == "s3cret-from-env"


def test_development_generates_a_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    first, second = DevelopmentConfig.prepare(), DevelopmentConfig.prepare()
    assert len(first["SECRET_KEY"]) >= 32 and first["SECRET_KEY"] != second["SECRET_KEY"]


def test_database_url_defaults_to_sqlite_under_instance(monkeypatch):
    monkeypatch.delenv("DATABASE_URL", raising=False)
    uri = DevelopmentConfig.prepare()["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith("sqlite:///") and uri.endswith("instance/matchmaker.sqlite3")


def test_database_url_from_environment(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", "postgresql+psycopg://mm@db.internal/matchmaker")
    assert DevelopmentConfig.prepare()["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://mm@db.internal/matchmaker"


def test_unknown_environment_name_is_a_clear_error():
    with pytest.raises(ConfigError, match="staging"):
        config_for("staging")


def test_testing_config_is_chosen_by_name():
    assert config_for("testing") is TestingConfig
