"""Suggestions on the pages: computed in the background, read by the pages, with reasons.

A page never computes: until the consumer has stored a list, it says 推荐计算中 and polls.
Tasks are run here with ``run_tasks`` (huey's own dequeue and execute, in this process).
"""
from __future__ import annotations

import re
from contextlib import contextmanager

import pytest
from sqlalchemy import event, select

from matchmaker.matching.runtime import matching_service
from models import Achievement, MatchDirection, Maturity, MatchSuggestion, OrgKind, Role, SuggestionList, TechNeed

from .conftest import industry, post_form, run_tasks, settle
from .test_achievements import achievement_form
from .test_needs import need_form

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
    """A small published library (the copper-rod answer and distractors), indexed by the consumer."""
    uni = make_org(OrgKind.UNIVERSITY, name="重庆大学", industry_code=None)
    copper = make_achievement(uni, title=COPPER[0], abstract=COPPER[1], maturity=Maturity.PILOT,
                              keywords=["上引连铸", "低氧铜杆", "氧含量"])
    others = [make_achievement(uni, title=t, abstract=a, industry=industry(session, code)) for t, a, code in DISTRACTORS]
    settle(app)
    return {"uni": uni, "copper": copper, "others": others}


def section(html: str) -> str:
    return html[html.index('id="suggestions"'):]


def post_need(client, session, **fields) -> TechNeed:
    response = post_form(client, "/needs/new", need_form(session, **fields))
    assert response.status_code == 302, response.get_data(as_text=True)[:300]
    return session.scalars(select(TechNeed).order_by(TechNeed.id.desc())).first()


@contextmanager
def counting_writes(engine):
    """Every INSERT, UPDATE or DELETE the database receives meanwhile."""
    writes: list[str] = []

    def before(conn, cursor, statement, parameters, context, executemany):
        if re.match(r"\s*(INSERT|UPDATE|DELETE|REPLACE|UPSERT)\b", statement, re.IGNORECASE):
            writes.append(statement.split("\n")[0][:120])

    event.listen(engine, "before_cursor_execute", before)
    try:
        yield writes
    finally:
        event.remove(engine, "before_cursor_execute", before)


def test_posted_need_says_computing_then_shows_the_copper_answer_with_reasons(app, login_as, library, session):
    client, user = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆表面氧化发黑", keywords="铜杆，氧含量",
                     description="我们厂的铜杆表面老是发黑，氧含量偏高，拉丝时断线。")

    # the save only queued the work: the page says so and polls its own section
    html = section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    assert "推荐计算中" in html and f'hx-get="/needs/{need.id}/suggestions?attempt=1"' in html
    fragment = client.get(f"/needs/{need.id}/suggestions?attempt=1").get_data(as_text=True)
    assert "推荐计算中" in fragment and "attempt=2" in fragment

    run_tasks(app)  # the consumer indexes the need and stores its list

    html = section(client.get(f"/needs/{need.id}/suggestions?attempt=2").get_data(as_text=True))
    assert "推荐计算中" not in html and "hx-get" not in html  # ready: no more polling
    first = html[: html.index("</details>")]
    assert COPPER[0] in first
    assert "共同关键词" in first and ("<mark>铜杆</mark>" in first or "<mark>氧含量</mark>" in first)
    assert "为什么推荐" in first and "匹配度" in html
    assert "余弦" not in html  # no raw scores shown to an enterprise


def test_need_with_no_candidates_says_why(app, login_as, make_need):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization)
    settle(app)
    html = client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert "暂无推荐" in html and "还没有已发布的科技成果" in html


def test_withdrawn_need_says_it_gets_no_suggestions_and_its_list_is_dropped(app, login_as, library, session):
    client, user = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆氧化发黑")
    run_tasks(app)
    assert session.scalar(select(SuggestionList).where(SuggestionList.need_id == need.id)) is not None
    assert post_form(client, f"/needs/{need.id}/withdraw", {}).status_code == 302
    run_tasks(app)
    html = section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    assert "需求已撤回" in html and "hx-get" not in html
    session.expire_all()
    assert session.scalar(select(SuggestionList).where(SuggestionList.need_id == need.id)) is None
    assert not session.scalars(select(MatchSuggestion).where(MatchSuggestion.need_id == need.id)).all()


def test_other_enterprises_do_not_see_someone_elses_suggestions(login_as, make_org, make_need, library):
    need = make_need(make_org())
    client, _ = login_as(Role.ENTERPRISE)
    assert 'id="suggestions"' not in client.get(f"/needs/{need.id}").get_data(as_text=True)
    assert client.get(f"/needs/{need.id}/suggestions").status_code == 404


def test_withdrawn_achievement_leaves_the_lists_it_was_on(app, login_as, library, make_need, session):
    client, user = login_as(Role.ENTERPRISE)
    need = make_need(user.organization)
    settle(app)
    assert COPPER[0] in section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    uni_client, _ = login_as(Role.UNIVERSITY, user=_user_of(session, library["uni"], Role.UNIVERSITY))
    assert post_form(uni_client, f"/achievements/{library['copper'].id}/withdraw", {}).status_code == 302
    run_tasks(app)
    assert library["copper"].id not in matching_service(app).corpora["achievement"].docs
    html = section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    assert COPPER[0] not in html
    session.expire_all()
    assert library["copper"].id not in [s.achievement_id for s in session.scalars(select(MatchSuggestion).where(
        MatchSuggestion.need_id == need.id, MatchSuggestion.direction == MatchDirection.NEED_TO_ACHIEVEMENT))]


def test_a_new_achievement_joins_the_lists_it_fits_and_leaves_the_others_alone(app, login_as, library, make_org,
                                                                               make_need, session, monkeypatch):
    # the tiny library fits in every list of ten; look at the best three and the best candidate
    monkeypatch.setitem(app.config, "SUGGESTIONS_PER_ITEM", 3)
    monkeypatch.setattr("matchmaker.matching.lists.REVERSE_CANDIDATES", 1)
    copper_need = make_need(make_org(), title="铜杆氧含量波动大", description="上引连铸铜杆氧含量波动，表面发黑。")
    citrus_need = make_need(make_org(), title="柑橘皮渣怎么处理", industry=industry(session, "agriculture.citrus"),
                            keywords=["柑橘", "皮渣"], description="榨汁后柑橘皮渣堆积，想做成果胶或饲料。")
    settle(app)
    before = {s.need_id: s.computed_at for s in session.scalars(select(SuggestionList).where(SuggestionList.need_id.is_not(None)))}

    client, _ = login_as(Role.UNIVERSITY, user=_user_of(session, library["uni"], Role.UNIVERSITY))
    response = post_form(client, "/achievements/new", achievement_form(
        session, title="铜杆氧化发黑在线抑制技术", abstract="针对低氧铜杆表面氧化发黑与氧含量波动，采用在线脱氧与保护气氛控制。",
        industry_id=str(industry(session, "new_materials.copper").id), keywords="铜杆，氧含量，氧化"))
    assert response.status_code == 302
    new = session.scalars(select(Achievement).order_by(Achievement.id.desc())).first()
    run_tasks(app)

    session.expire_all()
    listed = [s.achievement_id for s in session.scalars(select(MatchSuggestion).where(
        MatchSuggestion.need_id == copper_need.id, MatchSuggestion.direction == MatchDirection.NEED_TO_ACHIEVEMENT)
        .order_by(MatchSuggestion.rank))]
    assert new.id in listed[:3]
    after = {s.need_id: s.computed_at for s in session.scalars(select(SuggestionList).where(SuggestionList.need_id.is_not(None)))}
    assert after[copper_need.id] > before[copper_need.id]
    assert after[citrus_need.id] == before[citrus_need.id]  # a list it does not enter is not recomputed
    # and the new achievement has its own list of needs
    assert session.scalar(select(SuggestionList).where(SuggestionList.achievement_id == new.id)) is not None


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
    settle(app)
    client, _ = login_as(Role.UNIVERSITY, user=_user_of(session, library["uni"], Role.UNIVERSITY))
    html = client.get(f"/achievements/{library['copper'].id}").get_data(as_text=True)
    assert "铜杆氧含量超标" in html and "某企业(新材料)" in html
    assert "重庆某保密铜业有限公司" not in html


def test_an_edited_need_shows_its_old_list_marked_updating_until_the_new_one_is_stored(app, login_as, library, session):
    client, user = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆表面氧化发黑")
    run_tasks(app)
    assert post_form(client, f"/needs/{need.id}/edit", need_form(session, title="铜杆表面氧化发黑（补充了指标）")).status_code == 302
    html = section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    assert "推荐更新中" in html and COPPER[0] in html and "hx-get" in html
    run_tasks(app)
    html = section(client.get(f"/needs/{need.id}").get_data(as_text=True))
    assert "推荐更新中" not in html and "hx-get" not in html


def test_reading_pages_never_writes_to_the_database(app, engine, login_as, library, make_org, make_need, session):
    client, user = login_as(Role.ENTERPRISE)
    need = post_need(client, session, title="铜杆表面氧化发黑")
    broker, _ = login_as(Role.BROKER)
    ach_id = library["copper"].id
    pages = [f"/needs/{need.id}", f"/needs/{need.id}/suggestions", f"/achievements/{ach_id}",
             f"/achievements/{ach_id}/suggestions", "/search/?q=铜杆发黑&in=achievements", "/needs/", "/achievements/", "/"]
    for state in ("pending", "ready"):
        for viewer in (client, broker):
            for path in pages:
                if viewer is client and path.startswith(f"/achievements/{ach_id}/suggestions"):
                    continue  # not the enterprise's achievement
                with counting_writes(engine) as writes:
                    response = viewer.get(path)
                assert response.status_code == 200, (state, path, response.status_code)
                assert writes == [], f"GET {path} ({state}) wrote: {writes}"
        run_tasks(app)


def test_search_without_an_index_says_so_instead_of_building_one(app, login_as, make_org, make_need, session):
    client, _ = login_as(Role.ENTERPRISE)
    make_need(make_org())  # nothing built yet: no consumer has run
    response = client.get("/search/?q=铜杆发黑&in=achievements")
    assert response.status_code == 503 and "检索索引正在准备" in response.get_data(as_text=True)
    assert not matching_service(app).index_dir.joinpath("current").exists()


def test_twenty_thousand_character_description_is_accepted_and_indexed(app, login_as, session):
    client, _ = login_as(Role.ENTERPRISE)
    long_text = ("我们厂铜杆氧含量波动，表面发黑。" * 1300)[:19990]
    response = post_form(client, "/needs/new", need_form(session, description=long_text))
    assert response.status_code == 302
    run_tasks(app)
    need = session.scalar(select(TechNeed))
    assert len(need.description) == 19990
    assert need.id in matching_service(app).corpora["need"].docs


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
