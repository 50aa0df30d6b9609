"""Fixtures: one app and schema per test session, a clean database per test, and factories.

The suite runs on SQLite (a temporary file) and, when TEST_DATABASE_URL is set by
scripts/run_tests.sh, on a real PostgreSQL server.
"""
from __future__ import annotations

import itertools
import os
import re
import shutil
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from matchmaker import create_app
from matchmaker.auth.passwords import hash_password
from matchmaker.extensions import db as _db
from matchmaker.matching.runtime import KEY as RUNTIME_KEY
from matchmaker.tasks import task_queue
from matchmaker.taxonomy.services import sync_taxonomy
from models import (
    Achievement,
    AchievementStatus,
    Base,
    Industry,
    NeedStatus,
    Organization,
    OrgKind,
    Region,
    ResearchTeam,
    Role,
    TaskFailure,
    TechNeed,
    User,
)

PASSWORD = "secret123"
#: Kept between tests: reference data, and vectors (a text's vector never changes; encoding is slow).
REFERENCE_TABLES = {"industries", "regions", "embedding_cache"}
_counter = itertools.count(1)
_CREDIT_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


def valid_credit_code(n: int | None = None, prefix: str = "91500101") -> str:
    """A 统一社会信用代码 with a correct check digit, unique per ``n``."""
    n = next(_counter) if n is None else n
    body = ""
    for _ in range(9):
        n, r = divmod(n, len(_CREDIT_ALPHABET))
        body = _CREDIT_ALPHABET[r] + body
    first17 = prefix + body
    return first17 + uscc.calc_check_digit(first17)


def on_postgres() -> bool:
    return os.environ.get("TEST_DATABASE_URL", "").startswith("postgresql")


@pytest.fixture(scope="session")
def app(tmp_path_factory):
    overrides = {
        "MATCHING_INDEX_DIR": str(tmp_path_factory.mktemp("index")),
        "TASK_QUEUE_FILE": str(tmp_path_factory.mktemp("queue") / "tasks.sqlite3"),
    }
    if not on_postgres():
        overrides["SQLALCHEMY_DATABASE_URI"] = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    app = create_app("testing", overrides=overrides)
    with app.app_context():
        _db.drop_all()
        _db.create_all()
        sync_taxonomy(_db.session)
        _db.session.commit()
    return app


@pytest.fixture(scope="session")
def engine(app):
    with app.app_context():
        return _db.engine


@pytest.fixture(autouse=True)
def _clean_database(app, engine):
    """Every test starts with only the reference data (taxonomy) in the database."""
    yield
    # the matching engine's state and the queued work describe this test's rows: forget them too
    app.extensions.pop(RUNTIME_KEY, None)
    shutil.rmtree(app.config["MATCHING_INDEX_DIR"], ignore_errors=True)
    task_queue(app).huey.flush()
    tables = [t for t in reversed(Base.metadata.sorted_tables) if t.name not in REFERENCE_TABLES]
    with engine.begin() as conn:
        if engine.dialect.name == "postgresql":
            conn.execute(text("TRUNCATE " + ", ".join(t.name for t in tables) + " RESTART IDENTITY CASCADE"))
        else:
            for table in tables:
                conn.execute(table.delete())


@pytest.fixture
def session(engine):
    """A database session of the test's own, separate from the requests' sessions."""
    with Session(engine, expire_on_commit=False) as s:
        yield s


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()


def industry(session: Session, code: str) -> Industry:
    return session.query(Industry).filter_by(code=code).one()


def region(session: Session, code: str) -> Region:
    return session.query(Region).filter_by(code=code).one()


@pytest.fixture
def make_org(session):
    def make(kind: OrgKind = OrgKind.ENTERPRISE, name: str | None = None, region_code: str = "wanzhou",
             industry_code: str | None = "new_materials") -> Organization:
        n = next(_counter)
        org = Organization(
            name=name or f"重庆测试{kind.label}{n}有限公司",
            kind=kind,
            credit_code=valid_credit_code(n),
            region=region(session, region_code),
            industry=industry(session, industry_code) if industry_code else None,
        )
        session.add(org)
        session.commit()
        return org

    return make


@pytest.fixture
def make_user(session, make_org):
    org_kind_for = {Role.ENTERPRISE: OrgKind.ENTERPRISE, Role.UNIVERSITY: OrgKind.UNIVERSITY,
                    Role.BROKER: OrgKind.GOVERNMENT, Role.ADMIN: OrgKind.GOVERNMENT, Role.EXPERT: OrgKind.INSTITUTE}

    def make(role: Role = Role.ENTERPRISE, org: Organization | None = None, email: str | None = None) -> User:
        org = org or make_org(org_kind_for[role])
        user = User(
            email=email or f"user{next(_counter)}@example.cn",
            name=f"测试{role.label}",
            password_hash=_fast_hash(),
            role=role,
            organization_id=org.id,
        )
        session.add(user)
        session.commit()
        return user

    return make


_HASH_CACHE: dict[str, str] = {}


def _fast_hash() -> str:
    # scrypt is slow on purpose; hash the shared test password once per run.
    if PASSWORD not in _HASH_CACHE:
        _HASH_CACHE[PASSWORD] = hash_password(PASSWORD)
    return _HASH_CACHE[PASSWORD]


@pytest.fixture
def make_need(session):
    def make(org: Organization, title: str = "低氧铜杆表面氧化发黑问题", **kw) -> TechNeed:
        values = dict(
            description="我们厂上引连铸生产的铜杆表面经常氧化发黑，氧含量波动大，想找高校帮忙解决。",
            industry=industry(session, "new_materials.copper"),
            keywords=["铜杆", "氧含量"],
            coop_modes=["development"],
            budget_wan=Decimal("50"),
            deadline=date.today() + timedelta(days=90),
            status=NeedStatus.OPEN,
        )
        values.update(kw)
        need = TechNeed(organization_id=org.id, title=title, **values)
        session.add(need)
        session.commit()
        return need

    return make


@pytest.fixture
def make_achievement(session):
    def make(org: Organization, title: str = "上引连铸低氧铜杆氧含量在线控制技术", **kw) -> Achievement:
        team = session.query(ResearchTeam).filter_by(organization_id=org.id).first()
        if team is None:
            team = ResearchTeam(organization_id=org.id, name="铜合金材料课题组")
            session.add(team)
            session.flush()
        values = dict(
            abstract="开发了上引连铸过程氧含量在线监测与保护气氛控制技术，铜杆氧含量稳定在10ppm以下。",
            industry=industry(session, "new_materials.copper"),
            keywords=["上引连铸", "低氧铜杆"],
            coop_modes=["transfer", "license"],
            status=AchievementStatus.PUBLISHED,
            team_id=team.id,
        )
        values.update(kw)
        ach = Achievement(organization_id=org.id, title=title, **values)
        session.add(ach)
        session.commit()
        return ach

    return make


CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)"')


def csrf_token(client, path: str = "/login") -> str:
    html = client.get(path).get_data(as_text=True)
    match = CSRF_META.search(html)
    assert match, f"no CSRF token on {path}"
    return match.group(1)


def login(client, user: User, password: str = PASSWORD):
    token = csrf_token(client)
    response = client.post("/login", data={"email": user.email, "password": password, "csrf_token": token})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    return response


def post_form(client, path: str, data: dict, **kw):
    """POST like a browser: with the CSRF token the page carries."""
    return client.post(path, data={**data, "csrf_token": csrf_token(client, "/")}, **kw)


@pytest.fixture
def login_as(app, make_user):
    """``client, user = login_as(Role.ENTERPRISE)``: a fresh client signed in as a new user."""

    def log_in(role: Role = Role.ENTERPRISE, user: User | None = None):
        user = user or make_user(role)
        client = app.test_client()
        login(client, user)
        return client, user

    return log_in


def run_tasks(app, *, expect_failures: bool = False, limit: int = 2000) -> int:
    """Run every queued task in this process, as the consumer would (huey's own dequeue and
    execute, retries included), until the queue is empty. Returns how many ran.

    A task that fails for good fails the test, unless ``expect_failures``.
    """
    huey = task_queue(app).huey
    with app.app_context():
        failed_before = _db.session.scalar(select(func.count()).select_from(TaskFailure))
        _db.session.remove()
    ran = 0
    while ran < limit:
        task = huey.dequeue()
        if task is None:
            due = huey.read_schedule(huey._get_timestamp())  # retries whose time has come
            if not due:
                break
            for waiting in due:
                huey.enqueue(waiting)
            continue
        huey.execute(task)
        ran += 1
    assert ran < limit, "the task queue did not drain"
    if not expect_failures:
        with app.app_context():
            failures = _db.session.scalars(select(TaskFailure).order_by(TaskFailure.id).offset(failed_before)).all()
            _db.session.remove()
        assert not failures, "background tasks failed: " + "; ".join(f"{f.name}{tuple(f.args)}: {f.error}" for f in failures)
    return ran


def settle(app) -> None:
    """What a consumer does on start: a usable index in step with the database, every list current."""
    task_queue(app).enqueue("matching.reconcile")
    run_tasks(app)
