"""Account rules: registering an organisation with its first user, signing in, passwords."""
from __future__ import annotations

import secrets
from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from models import Industry, Organization, OrgKind, Region, Role, User, utcnow

from .. import audit
from ..errors import Conflict, DomainError
from .passwords import MIN_LENGTH, hash_password, needs_rehash, verify_password

#: Organisation kinds that may self-register, and the role their first user gets.
SELF_SERVICE_ROLES = {
    OrgKind.ENTERPRISE: Role.ENTERPRISE,
    OrgKind.UNIVERSITY: Role.UNIVERSITY,
    OrgKind.INSTITUTE: Role.UNIVERSITY,
}


@dataclass
class Registration:
    org_name: str
    org_kind: OrgKind
    credit_code: str
    region_id: int | None
    industry_id: int | None
    user_name: str
    email: str
    password: str


def normalise_credit_code(raw: str) -> str:
    """Validate a 统一社会信用代码 and return it compacted and upper-cased.

    Raises DomainError naming the field, with what is wrong.
    """
    code = uscc.compact(raw or "")
    try:
        return uscc.validate(code)
    except StdnumError as error:
        raise DomainError(credit_code_message(error), field="credit_code") from None


def credit_code_message(error: StdnumError) -> str:
    from stdnum.exceptions import InvalidChecksum, InvalidFormat, InvalidLength

    if isinstance(error, InvalidLength):
        return _("统一社会信用代码应为18位。")
    if isinstance(error, InvalidChecksum):
        return _("统一社会信用代码校验位不正确，请核对后重新输入。")
    if isinstance(error, InvalidFormat):
        return _("统一社会信用代码格式不正确（只能包含数字和大写字母，不含 I、O、Z、S、V）。")
    return _("统一社会信用代码无效。")


def register_organization(session: Session, reg: Registration) -> User:
    """Create an organisation and its first user; the user's role follows the organisation kind."""
    if reg.org_kind not in SELF_SERVICE_ROLES:
        raise DomainError(_("该类型的机构需由管理员开通。"), field="org_kind")
    code = normalise_credit_code(reg.credit_code)
    if session.scalar(select(Organization.id).where(Organization.credit_code == code)):
        raise Conflict(_("该统一社会信用代码已注册，请直接登录或联系机构管理员。"), field="credit_code")
    if session.scalar(select(Organization.id).where(Organization.name == reg.org_name)):
        raise Conflict(_("该机构名称已注册。"), field="org_name")
    email = reg.email.strip().lower()
    if session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise Conflict(_("该邮箱已注册。"), field="email")
    check_password_strength(reg.password)
    if reg.region_id is not None and session.get(Region, reg.region_id) is None:
        raise DomainError(_("所选地区不存在。"), field="region_id")
    if reg.industry_id is not None and session.get(Industry, reg.industry_id) is None:
        raise DomainError(_("所选行业不存在。"), field="industry_id")
    org = Organization(
        name=reg.org_name,
        kind=reg.org_kind,
        credit_code=code,
        region_id=reg.region_id,
        industry_id=reg.industry_id,
    )
    user = User(
        email=email,
        name=reg.user_name,
        password_hash=hash_password(reg.password),
        role=SELF_SERVICE_ROLES[reg.org_kind],
        organization=org,
    )
    session.add_all([org, user])
    session.flush()
    audit.record(session, user, "organization.register", org, kind=org.kind.value)
    return user


def check_password_strength(password: str) -> None:
    if len(password) < MIN_LENGTH:
        raise DomainError(_("密码至少需要 %(n)d 位。", n=MIN_LENGTH), field="password")
    if password.isdigit() or password.isalpha():
        raise DomainError(_("密码需同时包含字母和数字。"), field="password")


#: Letters and digits that cannot be misread for one another (no 0/O, 1/l/I).
_PASSWORD_ALPHABET = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
GENERATED_LENGTH = 12


def generate_password() -> str:
    """A random temporary password that passes ``check_password_strength``, to be shown once."""
    while True:
        password = "".join(secrets.choice(_PASSWORD_ALPHABET) for _ in range(GENERATED_LENGTH))
        if any(c.isdigit() for c in password) and any(c.isalpha() for c in password):
            return password


#: The organisation kinds each role may belong to, and whether it must belong to one.
ROLE_ORGANISATIONS: dict[Role, tuple[frozenset[OrgKind], bool]] = {
    Role.ENTERPRISE: (frozenset({OrgKind.ENTERPRISE}), True),
    Role.UNIVERSITY: (frozenset({OrgKind.UNIVERSITY, OrgKind.INSTITUTE}), True),
    Role.BROKER: (frozenset({OrgKind.GOVERNMENT, OrgKind.AGENCY}), False),
    Role.ADMIN: (frozenset({OrgKind.GOVERNMENT, OrgKind.AGENCY}), False),
    Role.EXPERT: (frozenset(OrgKind), False),
}


def role_fits_kind(role: Role, kind: OrgKind) -> bool:
    return kind in ROLE_ORGANISATIONS[role][0]


def check_role_organization(role: Role, organization: Organization | None) -> None:
    """A user's role must fit their organisation: an enterprise user belongs to an enterprise, a
    university user to a university or institute, staff to the bureau or a service agency."""
    kinds, required = ROLE_ORGANISATIONS[role]
    if organization is None:
        if required:
            raise DomainError(_("%(role)s必须属于一个机构，请选择所属机构。", role=_(role.label)),
                              field="organization_id")
        return
    if not role_fits_kind(role, organization.kind):
        allowed = "、".join(_(k.label) for k in OrgKind if k in kinds)
        raise DomainError(
            _("%(role)s只能属于%(kinds)s类机构，「%(org)s」是%(kind)s。", role=_(role.label), kinds=allowed,
              org=organization.name, kind=_(organization.kind.label)),
            field="organization_id",
        )


def normalise_email(email: str) -> str:
    return (email or "").strip().lower()


def check_email_free(session: Session, email: str) -> str:
    """The e-mail, normalised, if no user has it yet (compared case-insensitively)."""
    email = normalise_email(email)
    if session.scalar(select(User.id).where(func.lower(User.email) == email)):
        raise Conflict(_("邮箱 %(email)s 已被其他账号使用。", email=email), field="email")
    return email


def authenticate(session: Session, email: str, password: str) -> User | None:
    """The active user with these credentials, or None (never says which part was wrong)."""
    user = session.scalar(select(User).where(func.lower(User.email) == email.strip().lower()))
    if user is None or not user.active or not verify_password(user.password_hash, password):
        return None
    if needs_rehash(user.password_hash):
        user.password_hash = hash_password(password)
    user.last_login_at = utcnow()
    audit.record(session, user, "user.login", user)
    return user


def change_password(session: Session, user: User, current: str, new: str) -> None:
    if not verify_password(user.password_hash, current):
        raise DomainError(_("当前密码不正确。"), field="current_password")
    check_password_strength(new)
    user.password_hash = hash_password(new)
    audit.record(session, user, "user.password_change", user)
    session.flush()


def create_user(
    session: Session,
    *,
    email: str,
    name: str,
    password: str,
    role: Role,
    organization: Organization | None,
    actor: User | None = None,
    is_expert: bool = False,
) -> User:
    """Create a user directly (admins, brokers, demo accounts); the role must fit the organisation."""
    email = check_email_free(session, email)
    check_role_organization(role, organization)
    check_password_strength(password)
    user = User(
        email=email, name=name, password_hash=hash_password(password), role=role,
        organization=organization, is_expert=is_expert or role == Role.EXPERT,
    )
    session.add(user)
    session.flush()
    audit.record(session, actor, "user.create", user, role=role.value,
                 organization_id=organization.id if organization else None, is_expert=user.is_expert)
    return user
