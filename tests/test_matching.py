"""Matching through the app: indexed on save, suggested with reasons, self-repairing, concurrent-safe."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from sqlalchemy import select

from matchmaker.extensions import db
from matchmaker.matching.runtime import matching_service
from models import Achievement, AchievementStatus, Maturity, NeedStatus, OrgKind, Role, TechNeed

from .conftest import industry, post_form
from .test_needs import need_form

ROOT = Path(__file__).resolve().parent.parent

COPPER = ("上引连铸低氧铜杆氧含量在线控制技术",
          "针对上引连铸低氧铜杆生产中氧含量波动、铜杆表面氧化发黑的问题，开发了石墨结晶器保护气氛与氧含量在线监测系统，铜杆氧含量稳定在10ppm以下，导电率≥101%IACS。")
DISTRACTORS = [
    ("高精锂电铜箔表面防氧化处理技术", "电解铜箔生箔后的表面钝化与防氧化工艺，提高锂电池负极集流体的耐蚀性。", "new_materials.copper"),
    ("柑橘皮渣果胶绿色提取技术", "复合酶解与膜分离耦合，从柑橘加工皮渣中提取高酯果胶。", "agriculture.citrus"),
    ("长江鲟全人工繁育技术", "长江鲟亲鱼培育、人工催产与苗种培育的成套技术。", "agriculture.aquaculture"),
    ("库区滑坡北斗位移监测预警系统", "基于北斗高精度定位与倾角传感的滑坡地表位移实时监测与预警平台。", "environment.geohazard"),
]


@pytest.fixture
def library(app, make_org, make_achievement, session):
    """A small published library: the copper-rod answer and distractors from other fields."""
    uni = make_org(OrgKind.UNIVERSITY, name="重庆大学", industry_code=None)
    copper = make_achievement(uni, title=COPPER[0], abstract=COPPER[1], maturity=Maturity.PILOT,
                              keywords=["上引连铸", "低氧铜杆", "氧含量"])
    others = [make_achievement(uni, title=t, abstract=a, industry=industry(session, code)) for t, a, code in DISTRACTORS]
    return {"uni": uni, "copper": copper, "others": others}


def service(app):
    return matching_service(app)


def test_posted_need_is_indexed_at_once_and_gets_the_copper_answer_with_reasons(app, login_as, library, session):
    client, user = login_as(Role.ENTERPRISE)
    response = post_form(client, "/needs/new", need_form(session, title="铜杆表面氧化发黑", keywords="铜杆，氧含量",
                                                          description="我们厂的铜杆表面老是发黑，氧含量偏高，拉丝时断线。"))
    assert response.status_code == 302
    need = session.scalar(select(TechNeed))
    manifest = json.loads((service(app).index_path("need").with_suffix(".faiss.json")).read_text())
    assert str(need.id) in manifest["items"]  # in the persisted index as soon as the save returned

    html = client.get(f"/needs/{need.id}").get_data(as_text=True)
    suggestions = html[html.index('id="suggestions"'):]
    assert suggestions.index(COPPER[0]) < suggestions.index(DISTRACTORS[1][0])
    first = suggestions[: suggestions.index("</details>")]
    assert COPPER[0] in first
    assert "共同关键词" in first and ("<mark>铜杆</mark>" in first or "<mark>氧含量</mark>" in first)
    assert "语义相似度" in first and "为什么推荐" in first


def test_need_with_no_candidates_says_why(app, login_as, make_need):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization)
    html = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "暂无推荐" in html and "还没有已发布的科技成果" in html


def test_other_enterprises_do_not_see_someone_elses_suggestions(login_as, make_org, make_need, library):
    need = make_need(make_org())
    client, _ = login_as(Role.ENTERPRISE)
    assert 'id="suggestions"' not in client.get(f"/needs/{need.id}").get_data(as_text=True)


def test_withdrawn_achievement_leaves_the_suggestions(app, login_as, library, make_need, session):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization)
    assert COPPER[0] in client.get(f"/needs/{need.id}").get_data(as_text=True)
    owner = library["uni"]
    uni_client, _ = login_as(Role.UNIVERSITY, user=_user_of(session, owner, Role.UNIVERSITY))
    assert post_form(uni_client, f"/achievements/{library['copper'].id}/withdraw", {}).status_code == 302
    assert library["copper"].id not in service(app).corpora["achievement"].docs
    html = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert COPPER[0] not in html[html.index('id="suggestions"'):]


def _user_of(session, org, role):
    from models import User
    from .conftest import _fast_hash

    user = User(email=f"owner{org.id}@example.cn", name="成果负责人", password_hash=_fast_hash(), role=role, organization_id=org.id)
    session.add(user)
    session.commit()
    return user


def test_university_sees_fitting_needs_without_confidential_names(app, login_as, make_org, make_need, library, session):
    secret = make_org(name="重庆某保密铜业有限公司")
    make_need(secret, title="铜杆氧含量超标", is_confidential=True,
              description="铜杆氧含量经常超过20ppm，表面发黑，想找上引连铸方面的专家。")
    client, _ = login_as(Role.UNIVERSITY, user=_user_of(session, library["uni"], Role.UNIVERSITY))
    html = client.get(f"/achievements/{library['copper'].id}").get_data(as_text=True)
    assert "铜杆氧含量超标" in html and "某企业(新材料)" in html
    assert "重庆某保密铜业有限公司" not in html


def test_index_files_deleted_while_running_are_rebuilt(app, login_as, library, make_need):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization)
    assert COPPER[0] in client.get(f"/needs/{need.id}").get_data(as_text=True)
    path = service(app).index_path("achievement")
    path.unlink()
    Path(str(path) + ".json").unlink()
    with app.app_context():
        results = service(app).suggest_for_need(db.session, db.session.get(TechNeed, need.id))
        assert results and results[0].id == library["copper"].id
    assert path.exists()


def test_manifest_from_another_encoder_triggers_a_rebuild(app, library, make_org, make_need):
    need = make_need(make_org())
    svc = service(app)
    with app.app_context():
        svc.ready(db.session)
    manifest_file = Path(str(svc.index_path("achievement")) + ".json")
    manifest = json.loads(manifest_file.read_text())
    manifest["encoder"] = "sentence-transformers:some-other-model#query"
    manifest_file.write_text(json.dumps(manifest))
    with app.app_context():
        results = svc.suggest_for_need(db.session, db.session.get(TechNeed, need.id))
    assert results[0].id == library["copper"].id
    assert json.loads(manifest_file.read_text())["encoder"] == svc.encoder_key


def test_index_repairs_itself_when_the_database_changed_behind_its_back(app, library, make_org, make_need, session):
    need = make_need(make_org())
    svc = service(app)
    with app.app_context():
        svc.ready(db.session)
    # a row changed by another tool (no signal, no hook): the next use notices and repairs
    session.execute(Achievement.__table__.update().where(Achievement.id == library["copper"].id)
                    .values(status=AchievementStatus.WITHDRAWN.value))
    session.commit()
    svc._verified_at.clear()
    with app.app_context():
        ids = [r.id for r in svc.suggest_for_need(db.session, db.session.get(TechNeed, need.id))]
    assert library["copper"].id not in ids
    assert library["copper"].id not in svc.corpora["achievement"].vectors


def test_twenty_thousand_character_description_is_accepted_and_indexed(app, login_as, session):
    client, _ = login_as(Role.ENTERPRISE)
    long_text = ("我们厂铜杆氧含量波动，表面发黑。" * 1300)[:19990]
    response = post_form(client, "/needs/new", need_form(session, description=long_text))
    assert response.status_code == 302
    need = session.scalar(select(TechNeed))
    assert len(need.description) == 19990
    assert need.id in service(app).corpora["need"].docs


def test_adhoc_search_uses_the_engine_and_refuses_an_empty_query(app, login_as, library):
    client, _ = login_as(Role.ENTERPRISE)
    html = client.get("/search/?q=铜杆发黑怎么办&in=achievements").get_data(as_text=True)
    first_hit = html.index('class="listing-title')
    assert html.index("上引连铸低氧", first_hit) < min(html.find(t, first_hit) % len(html) for t, _a, _c in DISTRACTORS)
    response = client.get("/search/?q=%20%20&in=achievements")
    assert response.status_code == 400 and "请输入要搜索的内容" in response.get_data(as_text=True)
    response = client.get("/search/?q=" + "铜" * 2001)
    assert response.status_code == 400 and "不能超过 2000 字" in response.get_data(as_text=True)
    html = client.get("/search/?q=🍊 citrus 果胶😀&in=achievements").get_data(as_text=True)
    assert "柑橘皮渣果胶绿色提取技术" in re.sub(r"<[^>]+>", "", html)


CHILD = textwrap.dedent("""
    import sys
    from matchmaker import create_app
    from matchmaker.extensions import db
    from matchmaker.needs.services import NeedData, create_need
    from models import User
    app = create_app("testing", overrides={"SQLALCHEMY_DATABASE_URI": sys.argv[1], "MATCHING_INDEX_DIR": sys.argv[2]})
    with app.app_context():
        user = db.session.get(User, int(sys.argv[3]))
        for n in range(int(sys.argv[4])):
            create_need(db.session, user, NeedData(title=f"{sys.argv[5]}需求{n}", description=f"{sys.argv[5]}：铜杆氧含量控制第{n}项"))
            db.session.commit()
""")


def test_two_processes_saving_needs_at_once_lose_no_vector(app, make_user, session, library):
    svc = service(app)
    with app.app_context():
        svc.ready(db.session)
    users = [make_user(Role.ENTERPRISE), make_user(Role.ENTERPRISE)]
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [
        subprocess.Popen([sys.executable, "-c", CHILD, uri, str(svc.index_dir), str(u.id), "4", tag], cwd=ROOT, env=env,
                         stderr=subprocess.PIPE, text=True)
        for u, tag in zip(users, ("甲厂", "乙厂"))
    ]
    for p in procs:
        _, err = p.communicate(timeout=240)
        assert p.returncode == 0, err[-2000:]
    in_db = set(session.scalars(select(TechNeed.id).where(TechNeed.status == NeedStatus.OPEN)))
    assert len(in_db) == 8
    manifest = json.loads(Path(str(svc.index_path("need")) + ".json").read_text())
    assert {int(i) for i in manifest["items"]} == in_db and manifest["count"] == 8
    with app.app_context():
        svc.ready(db.session)  # this process notices the others' saves
    assert set(svc.corpora["need"].docs) == in_db


def test_suggestions_are_stored_and_regenerated_when_the_need_or_engine_changes(app, login_as, library, session,
                                                                                 monkeypatch):
    from models import MatchDirection, MatchSuggestion

    client, user = login_as(Role.ENTERPRISE)
    post_form(client, "/needs/new", need_form(session, title="铜杆表面氧化发黑"))
    need = session.scalar(select(TechNeed))
    client.get(f"/needs/{need.id}")
    rows = session.scalars(select(MatchSuggestion).where(MatchSuggestion.need_id == need.id)).all()
    assert rows and {r.direction for r in rows} == {MatchDirection.NEED_TO_ACHIEVEMENT}
    assert sorted(r.rank for r in rows) == list(range(1, len(rows) + 1))
    first = min(rows, key=lambda r: r.rank)
    assert first.achievement_id == library["copper"].id and first.score_dense and first.explanation["terms"]
    generated = max(r.created_at for r in rows)

    client.get(f"/needs/{need.id}")  # nothing changed: the stored list is served as it is
    session.expire_all()
    assert max(r.created_at for r in session.scalars(select(MatchSuggestion))) == generated

    post_form(client, f"/needs/{need.id}/edit", need_form(session, title="铜杆表面氧化发黑（补充了指标）"))
    client.get(f"/needs/{need.id}")
    session.expire_all()
    assert max(r.created_at for r in session.scalars(select(MatchSuggestion))) > generated

    monkeypatch.setattr("matchmaker.matching.suggestions.ENGINE_VERSION", "next-version")
    monkeypatch.setattr("matchmaker.matching.services.ENGINE_VERSION", "next-version")
    client.get(f"/needs/{need.id}")
    session.expire_all()
    assert {r.engine_version for r in session.scalars(select(MatchSuggestion))} == {"next-version"}


def test_index_cli_rebuilds_with_progress_and_reports_status(app, runner, library, make_org, make_need):
    make_need(make_org())
    result = runner.invoke(args=["index", "rebuild"])
    assert result.exit_code == 0, result.output
    assert "need index: 1 vectors" in result.output and "achievement index: 5 vectors" in result.output
    status = runner.invoke(args=["index", "status"])
    assert status.exit_code == 0 and status.output.count("-> ok") == 2


def test_rebuilding_reencodes_only_changed_texts(app, library, session):
    svc = service(app)
    encoded: list[int] = []
    real_encode = svc.engine.encode
    with app.app_context():
        svc.engine.encode = lambda docs: encoded.append(len(docs)) or real_encode(docs)
        try:
            svc.rebuild(db.session, "achievement")  # vectors may already be cached by earlier tests
            db.session.commit()
            encoded.clear()
            svc.rebuild(db.session, "achievement")
            db.session.commit()
            assert encoded == []  # every text was seen before: nothing encoded
            library["copper"].abstract += "（新增：已在两家企业完成中试验证。）"
            session.commit()
            svc.rebuild(db.session, "achievement")
            assert encoded == [1]  # only the edited achievement
        finally:
            svc.engine.encode = real_encode
            db.session.commit()
