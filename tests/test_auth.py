"""Registration, sign-in, password change and CSRF, as a visitor would meet them."""
from __future__ import annotations

from sqlalchemy import select

from models import AuditEvent, Organization, Role, User

from .conftest import PASSWORD, csrf_token, login, post_form, valid_credit_code


def registration(session, **overrides):
    data = {
        "org_name": "重庆万州新锐铜业有限公司",
        "org_kind": "enterprise",
        "credit_code": valid_credit_code(),
        "region_id": "",
        "industry_id": "",
        "user_name": "张经理",
        "email": "zhang@xinrui.cn",
        "password": "copper2024",
        "password2": "copper2024",
    }
    data.update(overrides)
    return data


def test_enterprise_registers_and_lands_on_its_home(client, session):
    data = registration(session, credit_code=valid_credit_code().lower())  # lower case is accepted
    response = post_form(client, "/register", data)
    assert response.status_code == 302
    home = client.get("/").get_data(as_text=True)
    assert "企业工作台" in home
    user = session.scalar(select(User).where(User.email == "zhang@xinrui.cn"))
    assert user.role == Role.ENTERPRISE
    assert user.organization.credit_code == data["credit_code"].upper()
    assert not user.password_hash.startswith("copper")
    assert user.password_hash.startswith("scrypt:")
    assert session.scalar(select(AuditEvent).where(AuditEvent.action == "organization.register"))


def test_university_registration_gets_university_role(client, session):
    response = post_form(client, "/register", registration(session, org_kind="university", org_name="重庆三峡学院", email="kyc@sanxia.edu.cn"))
    assert response.status_code == 302
    assert session.scalar(select(User.role).where(User.email == "kyc@sanxia.edu.cn")) == Role.UNIVERSITY


def test_wrong_credit_code_check_digit_is_refused_naming_the_field(client, session):
    good = valid_credit_code()
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    response = post_form(client, "/register", registration(session, credit_code=wrong))
    html = response.get_data(as_text=True)
    assert response.status_code == 400
    assert "统一社会信用代码校验位不正确" in html
    assert session.scalar(select(Organization).where(Organization.credit_code == wrong)) is None


def test_credit_code_of_wrong_length_is_refused(client, session):
    response = post_form(client, "/register", registration(session, credit_code="91500101MA5U2X8N"))
    assert response.status_code == 400
    assert "统一社会信用代码" in response.get_data(as_text=True)


def test_duplicate_credit_code_is_refused(client, session, make_org):
    existing = make_org()
    response = post_form(client, "/register", registration(session, credit_code=existing.credit_code))
    assert response.status_code == 400
    assert "该统一社会信用代码已注册" in response.get_data(as_text=True)
    assert session.scalar(select(User).where(User.email == "zhang@xinrui.cn")) is None


def test_brokers_cannot_self_register(client, session):
    response = post_form(client, "/register", registration(session, org_kind="government"))
    assert response.status_code == 400
    assert session.scalar(select(Organization).where(Organization.name == "重庆万州新锐铜业有限公司")) is None


def test_weak_password_is_refused(client, session):
    response = post_form(client, "/register", registration(session, password="12345678", password2="12345678"))
    assert response.status_code == 400
    assert "字母和数字" in response.get_data(as_text=True)


def test_login_with_wrong_password_fails_without_saying_which_part(client, make_user):
    user = make_user(Role.ENTERPRISE)
    response = client.post("/login", data={"email": user.email, "password": "wrong-pass1", "csrf_token": csrf_token(client)})
    assert response.status_code == 400
    assert "邮箱或密码不正确" in response.get_data(as_text=True)
    assert client.get("/needs/").status_code == 302  # still anonymous


def test_login_is_case_insensitive_on_email_and_logout_ends_the_session(client, make_user):
    user = make_user(Role.ENTERPRISE, email="Li.Hua@Example.cn")
    response = client.post("/login", data={"email": "li.hua@example.cn", "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.status_code == 302
    assert client.get("/needs/").status_code == 200
    assert post_form(client, "/logout", {}).status_code == 302
    assert client.get("/needs/").status_code == 302


def test_login_never_redirects_to_another_site(client, make_user):
    user = make_user(Role.ENTERPRISE)
    response = client.post("/login?next=https://evil.example/x", data={"email": user.email, "password": PASSWORD, "csrf_token": csrf_token(client)})
    assert response.headers["Location"] == "/"


def test_password_change(client, make_user, session):
    user = make_user(Role.UNIVERSITY)
    login(client, user)
    wrong = post_form(client, "/account/password", {"current_password": "nope12345", "new_password": "newpass2024", "new_password2": "newpass2024"})
    assert wrong.status_code == 400 and "当前密码不正确" in wrong.get_data(as_text=True)
    ok = post_form(client, "/account/password", {"current_password": PASSWORD, "new_password": "newpass2024", "new_password2": "newpass2024"})
    assert ok.status_code == 302
    post_form(client, "/logout", {})
    client.post("/login", data={"email": user.email, "password": "newpass2024", "csrf_token": csrf_token(client)})
    assert client.get("/needs/").status_code == 200


def test_a_new_password_signs_out_the_other_sessions_but_not_this_one(app, make_user):
    user = make_user(Role.UNIVERSITY)
    here, elsewhere = app.test_client(), app.test_client()
    login(here, user)
    login(elsewhere, user)
    assert elsewhere.get("/needs/").status_code == 200
    response = post_form(here, "/account/password", {"current_password": PASSWORD, "new_password": "newpass2024",
                                                      "new_password2": "newpass2024"}, follow_redirects=True)
    assert "其他设备上的登录已退出" in response.get_data(as_text=True)
    assert here.get("/needs/").status_code == 200  # this session carries on
    assert elsewhere.get("/needs/").status_code == 302  # the other one signs in again


def test_form_post_without_csrf_token_is_refused(client, make_user, session):
    user = make_user(Role.ENTERPRISE)
    response = client.post("/login", data={"email": user.email, "password": PASSWORD})
    assert response.status_code == 400
    assert "安全令牌" in response.get_data(as_text=True)
    login(client, user)
    response = client.post("/needs/new", data={"title": "没有令牌的需求", "description": "测试"})
    assert response.status_code == 400
    assert session.query(User).count() == 1
    from models import TechNeed
    assert session.query(TechNeed).count() == 0


def test_pages_need_login(client):
    for path in ("/needs/", "/achievements/", "/needs/new", "/account/password"):
        response = client.get(path)
        assert response.status_code == 302 and "/login" in response.headers["Location"]


def test_english_switch(client):
    post_form(client, "/lang/en", {"next": "/login"})
    assert "Sign in" in client.get("/login").get_data(as_text=True) or "Log in" in client.get("/login").get_data(as_text=True)
    post_form(client, "/lang/zh", {"next": "/login"})
    assert "登录" in client.get("/login").get_data(as_text=True)
