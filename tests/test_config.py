"""Configuration: environment-driven; one secret key per instance; production fails fast without one."""
from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from config import ConfigError, DevelopmentConfig, ProductionConfig, TestingConfig, config_for, shared_secret_key


@pytest.fixture(autouse=True)
def _instance(tmp_path, monkeypatch):
    """A generated secret key goes to a throw-away instance folder, not the repository's."""
    monkeypatch.setattr("config.INSTANCE_DIR", tmp_path)


def test_production_refuses_to_start_without_secret_key(monkeypatch):
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        ProductionConfig.prepare()


def test_production_uses_the_given_secret_key(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "s3cret-from-env")
    assert ProductionConfig.prepare()["SECRET_KEY"] == "s3cret-from-env"


def test_every_process_of_an_instance_shares_one_generated_secret_key(tmp_path, monkeypatch):
    first = shared_secret_key(tmp_path)
    assert first == shared_secret_key(tmp_path) and len(first) >= 40
    assert stat.S_IMODE(os.stat(tmp_path / "secret_key").st_mode) == 0o600
    monkeypatch.setattr("config.INSTANCE_DIR", tmp_path)
    monkeypatch.delenv("SECRET_KEY", raising=False)
    # each gunicorn worker, the consumer and every command prepare their own configuration
    assert DevelopmentConfig.prepare()["SECRET_KEY"] == DevelopmentConfig.prepare()["SECRET_KEY"] == first


def test_processes_starting_together_get_the_same_key(tmp_path):
    code = "import sys; from pathlib import Path; from config import shared_secret_key; print(shared_secret_key(Path(sys.argv[1])))"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(tmp_path)], stdout=subprocess.PIPE, text=True,
                              cwd=Path(__file__).resolve().parent.parent) for _ in range(6)]
    keys = {p.communicate(timeout=60)[0].strip() for p in procs}
    assert len(keys) == 1 and keys != {""}


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
