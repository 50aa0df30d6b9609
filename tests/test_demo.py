"""The demo data set: the report's figures, valid identifiers, consistent workflow, determinism."""
from __future__ import annotations

import re
from collections import Counter
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal

import pytest
from sqlalchemy import create_engine, event, func, select
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from matchmaker.auth.passwords import hash_password, verify_password
from matchmaker.demo import DEMO_ACCOUNTS, DEMO_PASSWORD, clear_all, database_is_empty, load_demo
from models import (
    CONTRACT_STAGES,
    Achievement,
    AchievementStatus,
    Base,
    Challenge,
    Contract,
    ContractType,
    Industry,
    MatchmakingEvent,
    Maturity,
    NeedStatus,
    Organization,
    OrgKind,
    Pairing,
    Proposal,
    Response,
    ResearchTeam,
    Role,
    Stage,
    TechNeed,
    User,
)

TODAY = date(2025, 3, 1)
PATH = [Stage.RECOMMENDED, Stage.PUSHED, Stage.INTERESTED, Stage.NEGOTIATING, Stage.SIGNED,
        Stage.REGISTERED, Stage.COMPLETED]
CJK = re.compile(r"[\u4e00-\u9fff]")
_HASH: dict[str, str] = {}


def _cheap_hash(password: str) -> str:
    # scrypt is slow on purpose; the demo's six users share one password, so hash it once per run.
    if password not in _HASH:
        _HASH[password] = hash_password(password)
    return _HASH[password]


def _memory_session() -> Session:
    """A fresh in-memory SQLite database with the schema, foreign keys enforced."""
    engine = create_engine("sqlite://")
    event.listen(engine, "connect", lambda conn, _: conn.execute("PRAGMA foreign_keys=ON"))
    Base.metadata.create_all(engine)
    return Session(engine)


@pytest.fixture(scope="module")
def demo():
    """The demo loaded once into a private database, for the read-only checks below."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr("matchmaker.auth.services.hash_password", _cheap_hash)
        session = _memory_session()
        summary = load_demo(session, seed=2024, today=TODAY)
        session.commit()
    yield session, summary
    session.close()


def _all(session: Session, model) -> list:
    return list(session.scalars(select(model).order_by(model.id)))


def _fingerprint(session: Session) -> tuple:
    """What a user would see: names, texts, numbers and dates, in creation order."""
    return (
        [(o.name, o.credit_code) for o in _all(session, Organization)],
        [(n.title, n.description, n.organization.name, n.status, n.budget_wan, n.deadline, n.is_key,
          n.is_confidential, n.created_at) for n in _all(session, TechNeed)],
        [(a.title, a.abstract, a.team.name, a.ip_numbers, a.is_selected) for a in _all(session, Achievement)],
        [(p.need.title, p.achievement.title if p.achievement else None, p.stage, [e.at for e in p.events])
         for p in _all(session, Pairing)],
        [(c.contract_type, c.amount_wan, c.signed_on, c.registration_no) for c in _all(session, Contract)],
    )


# ---------------------------------------------------------------------- the app's own database


def test_loads_into_the_app_database(session, monkeypatch):
    monkeypatch.setattr("matchmaker.auth.services.hash_password", _cheap_hash)
    assert database_is_empty(session)
    summary = load_demo(session, today=TODAY)
    session.commit()  # every constraint of the backend (lengths on PostgreSQL, checks, foreign keys) holds

    assert not database_is_empty(session)
    assert summary["needs"] == session.scalar(select(func.count()).select_from(TechNeed)) == 242
    assert summary["achievements"] == session.scalar(select(func.count()).select_from(Achievement)) == 71
    assert summary["users"] == 6
    user = session.scalar(select(User).where(User.email == "qiye@demo.cn"))
    assert verify_password(user.password_hash, DEMO_PASSWORD)
    with pytest.raises(RuntimeError):
        load_demo(session, today=TODAY)


# ---------------------------------------------------------------------- the report's figures


def test_counts_follow_the_report(demo):
    session, summary = demo
    needs, achievements = _all(session, TechNeed), _all(session, Achievement)
    assert len(needs) == 242 and sum(n.is_key for n in needs) == 33
    assert len(achievements) == 71 and sum(a.is_selected for a in achievements) == 43
    assert session.scalar(select(func.count()).select_from(ResearchTeam)) == 46
    assert all(a.team is not None and a.team.organization_id == a.organization_id for a in achievements)
    assert {t.id for t in _all(session, ResearchTeam)} == {a.team_id for a in achievements}
    assert all(a.status == AchievementStatus.PUBLISHED for a in achievements)
    assert {k: summary[k] for k in ("needs", "key_needs", "achievements", "selected", "teams")} == {
        "needs": 242, "key_needs": 33, "achievements": 71, "selected": 43, "teams": 46}


def test_the_2024_collection_is_two_imported_batches_whose_funnels_read_as_the_report(demo):
    from matchmaker.collection.services import batch_funnels
    from models import ImportKind, ImportStatus

    session, _ = demo
    funnels = batch_funnels(session)
    assert [(f.batch.kind, f.batch.year, f.batch.source, f.batch.status, f.batch.filename,
             f.count.collected, f.count.marked, f.count.percent) for f in funnels] == [
        (ImportKind.NEEDS, 2024, "2024年度技术需求征集", ImportStatus.IMPORTED, None, 242, 33, 13.6),
        (ImportKind.ACHIEVEMENTS, 2024, "2024年度科技成果征集", ImportStatus.IMPORTED, None, 71, 43, 60.6),
    ]
    needs, achievements = _all(session, TechNeed), _all(session, Achievement)
    assert all(n.batch_id == funnels[0].batch.id and n.source_batch == "2024年度技术需求征集" for n in needs)
    assert all(a.batch_id == funnels[1].batch.id for a in achievements)
    broker = session.scalar(select(User).where(User.role == Role.BROKER))
    for need in needs:
        assert bool(need.key_rationale) == need.is_key and (need.key_marked_by_id == broker.id) == need.is_key
        assert need.key_marked_at is None or need.created_at < need.key_marked_at <= datetime.combine(TODAY, time(), timezone.utc)
    for ach in achievements:
        assert bool(ach.selection_rationale) == ach.is_selected and (ach.selected_by_id == broker.id) == ach.is_selected
        assert ach.selected_at is None or ach.created_at < ach.selected_at
    assert all(len(n.key_rationale) <= 500 for n in needs if n.is_key)


def test_every_organisation_has_a_valid_unique_credit_code(demo):
    session, _ = demo
    orgs = _all(session, Organization)
    codes = [o.credit_code for o in orgs]
    assert all(uscc.is_valid(code) for code in codes)
    assert len(set(codes)) == len(codes)
    kinds = Counter(o.kind for o in orgs)
    assert 150 <= kinds[OrgKind.ENTERPRISE] <= 190
    assert kinds[OrgKind.GOVERNMENT] == 1
    research = {o.name: o.kind for o in orgs if o.is_research}
    assert research["重庆三峡学院"] == OrgKind.UNIVERSITY
    assert research["中国科学院金属研究所"] == OrgKind.INSTITUTE
    assert {"重庆大学", "上海交通大学", "西北工业大学", "重庆三峡医药高等专科学校", "中国科学院重庆绿色智能技术研究院",
            "重庆交通大学", "重庆安全技术职业学院"} <= set(research)
    regions = Counter(o.region.code for o in orgs if o.is_enterprise)
    assert set(regions) == {"wanzhou", "dazhou", "kaizhou", "yunyang"}
    assert regions.most_common(1)[0][0] == "wanzhou"
    assert all(n.organization.is_enterprise for n in _all(session, TechNeed))


def test_demo_accounts_and_their_organisations(demo):
    session, _ = demo
    users = {u.email: u for u in _all(session, User)}
    assert set(users) == {account.email for account in DEMO_ACCOUNTS}
    assert all(users[a.email].role == a.role and users[a.email].organization.name == a.organization
               for a in DEMO_ACCOUNTS)
    copper = users["qiye@demo.cn"].organization
    assert "铜业" in copper.name and copper.region.code == "wanzhou"
    assert users["gaoxiao@demo.cn"].organization.name == "重庆三峡学院"
    assert users["jingjiren@demo.cn"].role == Role.BROKER
    assert users["jingjiren@demo.cn"].organization.kind == OrgKind.GOVERNMENT
    copper_needs = [n for n in _all(session, TechNeed) if n.organization_id == copper.id]
    assert 2 <= len(copper_needs) <= 3
    assert all(n.created_by == users["qiye@demo.cn"] and n.industry.code == "new_materials.copper"
               for n in copper_needs)
    assert any("氧含量" in n.title and "氧化" in n.title for n in copper_needs)
    university = users["gaoxiao@demo.cn"]
    assert all(a.created_by == university for a in _all(session, Achievement)
               if a.organization_id == university.organization_id)


# ---------------------------------------------------------------------- workflow


def test_pairings_cover_every_stage_with_consistent_histories(demo):
    session, _ = demo
    pairings = _all(session, Pairing)
    stages = Counter(p.stage for p in pairings)
    assert all(stages[stage] >= 2 for stage in Stage), stages
    broker = session.scalar(select(User).where(User.email == "jingjiren@demo.cn"))
    for p in pairings:
        assert p.broker == broker
        events = p.events
        assert events[0].from_stage is None and events[0].to_stage == Stage.RECOMMENDED
        assert all(a.to_stage == b.from_stage for a, b in zip(events, events[1:]))
        assert all(a.at < b.at for a, b in zip(events, events[1:]))
        assert all(e.at.tzinfo is not None and e.at.date() < TODAY for e in events)
        assert events[-1].to_stage == p.stage
        reached = [e.to_stage for e in events if e.to_stage != Stage.CLOSED]
        assert reached == PATH[: len(reached)]
        if p.stage == Stage.CLOSED:
            assert p.closed_code and p.closed_reason and events[-1].note == p.closed_reason
        assert [e.seq for e in events] == list(range(1, len(events) + 1))
        if reached[-1] in PATH[2:]:
            assert p.enterprise_response == p.university_response == Response.INTERESTED
        if p.achievement:
            assert p.achievement.industry_id == p.need.industry_id
            assert p.need.created_at < events[0].at and p.achievement.created_at < events[0].at


def test_contracts_exist_exactly_for_contract_stages(demo):
    session, _ = demo
    for p in _all(session, Pairing):
        assert (p.contract is not None) == (p.stage in CONTRACT_STAGES), p.stage
    contracts = _all(session, Contract)
    assert {c.contract_type for c in contracts} == set(ContractType)
    assert any(c.contract_type == ContractType.LICENSE and c.amount_wan == Decimal("4200") for c in contracts)
    numbers = [c.registration_no for c in contracts if c.registration_no]
    assert len(set(numbers)) == len(numbers)
    for c in contracts:
        assert Decimal("10") <= c.amount_wan <= Decimal("4200")
        assert Decimal("0") <= c.tech_income_wan <= c.amount_wan
        assert c.signed_on < TODAY
        if c.pairing.stage == Stage.SIGNED:
            assert c.registration_no is None and c.registered_on is None and c.registered_income_wan is None
        else:
            assert re.fullmatch(r"500101\d{10}", c.registration_no)
            assert timedelta(0) <= c.registered_on - c.signed_on <= timedelta(days=30)
            assert c.registered_income_wan is not None and c.registered_income_wan <= c.tech_income_wan


def test_need_statuses_follow_their_pairings(demo):
    session, _ = demo
    by_need: dict[int, list[Stage]] = {}
    for p in _all(session, Pairing):
        by_need.setdefault(p.need_id, []).append(p.stage)
    statuses = Counter()
    for need in _all(session, TechNeed):
        stages = by_need.get(need.id, [])
        if Stage.COMPLETED in stages:
            assert need.status == NeedStatus.RESOLVED
        elif any(s != Stage.CLOSED for s in stages):
            assert need.status == NeedStatus.IN_PROGRESS
        else:
            assert need.status in (NeedStatus.OPEN, NeedStatus.WITHDRAWN)
        statuses[need.status] += 1
        if need.deadline is not None:
            assert need.deadline > TODAY
    assert statuses[NeedStatus.OPEN] > 150 and statuses[NeedStatus.WITHDRAWN] >= 3
    assert 15 <= sum(n.is_confidential for n in _all(session, TechNeed)) <= 35


def test_challenges_and_events(demo):
    session, _ = demo
    challenges = _all(session, Challenge)
    assert 3 <= len(challenges) <= 4 and all(c.need.is_key for c in challenges)
    assert all(c.opens_on <= c.closes_on for c in challenges)
    proposals = _all(session, Proposal)
    assert len({p.status for p in proposals}) >= 4
    assert all(p.organization.is_research for p in proposals)
    winner = next(p for p in proposals if p.status.value == "won")
    assert session.scalar(select(Pairing).where(Pairing.proposal_id == winner.id)).contract is not None
    events = _all(session, MatchmakingEvent)
    assert 2 <= len(events) <= 3 and all(e.needs and e.achievements for e in events)
    assert any("新材料" in e.title for e in events)


# ---------------------------------------------------------------------- texts


def test_texts_are_varied_and_complete(demo):
    session, _ = demo
    needs, achievements = _all(session, TechNeed), _all(session, Achievement)
    titles = [n.title for n in needs]
    assert len(set(titles)) == len(titles)
    assert len({a.title for a in achievements}) == len(achievements)
    assert len({n.description for n in needs}) == len(needs)
    placeholder = re.compile(r"[{}]|需求\d|None")
    for need in needs:
        assert len(need.title) <= 60 and 80 <= len(need.description) <= 400, need.title
        assert need.current_situation and need.target_indicators and 2 <= len(need.keywords) <= 5
        assert need.coop_modes and not placeholder.search(need.title + need.description)
        assert need.budget_wan is None or Decimal("5") <= need.budget_wan <= Decimal("500")
    # Enterprises often write colloquially.
    assert sum(("我们" in n.description) for n in needs) > 40
    english = [a for a in achievements if not CJK.search(a.abstract)]
    assert 6 <= len(english) <= 10
    assert {a.organization.name for a in english} <= {"上海交通大学", "西北工业大学"}
    for a in achievements:
        low, high = (200, 900) if a in english else (120, 400)
        assert low <= len(a.abstract) <= high and not placeholder.search(a.abstract), a.title
        assert 3 <= len(a.keywords) <= 6 and a.coop_modes and a.industry.parent_id is not None
        assert a.trl is not None and a.maturity is not None
    trl_of = {Maturity.LAB: range(1, 4), Maturity.BENCH: range(4, 5), Maturity.PILOT: range(5, 7),
              Maturity.INDUSTRIAL: range(7, 10)}
    assert all(a.trl in trl_of[a.maturity] for a in achievements)


def test_the_copper_rod_achievement(demo):
    session, _ = demo
    rod = session.scalar(select(Achievement).where(Achievement.title == "上引连铸低氧铜杆氧含量在线控制技术"))
    assert rod.organization.name == "重庆大学" and rod.industry.code == "new_materials.copper"
    assert rod.is_selected and rod.maturity == Maturity.PILOT
    for term in ("石墨结晶器", "保护气氛", "表面氧化", "≤10ppm", "101%IACS"):
        assert term in rod.abstract
    copper = session.scalar(select(Industry).where(Industry.code == "new_materials.copper"))
    assert copper.parent.code == "new_materials"


# ---------------------------------------------------------------------- determinism and reset


def test_same_seed_same_data_and_clear_all_resets(demo, monkeypatch):
    monkeypatch.setattr("matchmaker.auth.services.hash_password", _cheap_hash)
    reference = _fingerprint(demo[0])
    with _memory_session() as session:
        load_demo(session, seed=2024, today=TODAY)
        session.commit()
        assert _fingerprint(session) == reference

        clear_all(session)
        session.commit()
        assert database_is_empty(session)
        assert session.scalar(select(func.count()).select_from(Industry)) == 0

        load_demo(session, seed=2024, today=TODAY)
        session.commit()
        assert _fingerprint(session) == reference


# ---------------------------------------------------------------------- through the app


HOME_TITLES = {"enterprise": "企业工作台", "university": "高校院所工作台", "broker": "技术经纪人工作台", "admin": "管理员工作台"}


def test_every_demo_account_signs_in_and_sees_its_home(app, runner):
    from .conftest import csrf_token

    result = runner.invoke(args=["demo", "load", "--no-index"])
    assert result.exit_code == 0, result.output
    assert "needs=242" in result.output and "key_needs=33" in result.output and "teams=46" in result.output
    for account in DEMO_ACCOUNTS:
        client = app.test_client()
        response = client.post("/login", data={"email": account.email, "password": DEMO_PASSWORD,
                                               "csrf_token": csrf_token(client)})
        assert response.status_code == 302, account.email
        home = client.get("/")
        assert home.status_code == 200 and HOME_TITLES[account.role.value] in home.get_data(as_text=True)
        for path in ("/needs/", "/achievements/", "/needs/?flagged=1&page=2"):
            assert client.get(path).status_code == 200, (account.email, path)

    refused = runner.invoke(args=["demo", "load", "--no-index"])
    assert refused.exit_code != 0 and "refusing to mix" in refused.output
