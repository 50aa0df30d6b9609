"""User accounts: the list, creating an account, disabling and enabling it, resetting its
password and changing its role — each audited.

A disabled account cannot sign in, and the sessions it already has stop working: Flask-Login's
user loader returns no user for an inactive one (``auth.login.load_user``), so the next request
of that browser is anonymous.

Two guards keep the platform administrable: an admin cannot disable or demote themselves, and the
last active admin cannot be disabled or demoted. The second holds against two admins acting at the
same moment: the active admins' rows are locked (FOR UPDATE) on PostgreSQL, and on SQLite the
single writer makes the later of two conflicting transactions fail instead of committing.
"""
from __future__ import annotations

from dataclasses import dataclass

from flask_babel import gettext as _
from sqlalchemy import Select, func, or_, select
from sqlalchemy.orm import Session, joinedload

from models import Organization, Role, User

from .. import audit
from ..auth.passwords import hash_password
from ..auth.services import check_role_organization, create_user, generate_password
from ..errors import DomainError, PermissionDenied
from ..listings.search import text_terms
from .services import QueryFilters, arg_int, arg_text, fetch, require_admin

NAME_MAX = 60


# --- the list ----------------------------------------------------------------------------------
@dataclass
class UserFilters(QueryFilters):
    q: str = ""
    role: str = ""
    org: int | None = None
    #: ``yes`` (active only), ``no`` (disabled only) or empty (both).
    active: str = ""

    @classmethod
    def from_args(cls, args) -> "UserFilters":
        role = arg_text(args, "role")
        active = arg_text(args, "active")
        return cls(
            q=arg_text(args, "q"),
            role=role if role in {r.value for r in Role} else "",
            org=arg_int(args, "org"),
            active=active if active in ("yes", "no") else "",
            page=max(arg_int(args, "page") or 1, 1),
        )


def search_users(actor: User, filters: UserFilters) -> Select:
    """Users matching the filters, newest first (a statement to paginate)."""
    require_admin(actor)
    stmt = select(User).options(joinedload(User.organization)).order_by(User.created_at.desc(), User.id.desc())
    for term in text_terms(filters.q):
        stmt = stmt.where(or_(User.name.contains(term, autoescape=True),
                              func.lower(User.email).contains(term.lower(), autoescape=True)))
    if filters.role:
        stmt = stmt.where(User.role == Role(filters.role))
    if filters.org:
        stmt = stmt.where(User.organization_id == filters.org)
    if filters.active:
        stmt = stmt.where(User.active.is_(filters.active == "yes"))
    return stmt


def get_user(session: Session, user_id: int, actor: User) -> User:
    return fetch(session, User, user_id, actor, _("用户不存在。"))


def _organisation(session: Session, organization_id: int | None) -> Organization | None:
    if organization_id is None:
        return None
    org = session.get(Organization, organization_id)
    if org is None:
        raise DomainError(_("所选机构不存在。"), field="organization_id")
    return org


# --- creating an account -------------------------------------------------------------------------
@dataclass
class NewAccount:
    email: str
    name: str
    role: Role
    organization_id: int | None
    is_expert: bool = False
    #: Empty: a password is generated and shown once to the admin.
    password: str = ""


def create_account(session: Session, actor: User, data: NewAccount) -> tuple[User, str | None]:
    """Create the account; return it with the generated password (None when the admin chose one)."""
    require_admin(actor)
    name = (data.name or "").strip()
    if not name or len(name) > NAME_MAX:
        raise DomainError(_("姓名不能为空，且不超过 %(n)d 个字。", n=NAME_MAX), field="name")
    generated = None if data.password else generate_password()
    user = create_user(
        session, email=data.email, name=name, password=data.password or generated, role=data.role,
        organization=_organisation(session, data.organization_id), actor=actor, is_expert=data.is_expert,
    )
    return user, generated


# --- disable, enable, reset, change role -----------------------------------------------------------
def _guard_admin_loss(session: Session, actor: User, user: User, *, disabling: bool) -> None:
    """Refuse a change that would take away an admin: the last active one, or one's own."""
    if user.role == Role.ADMIN and user.active:
        active_admins = session.scalars(
            select(User.id).where(User.role == Role.ADMIN, User.active.is_(True)).with_for_update()
        ).all()
        if actor.id not in active_admins:  # another admin disabled or demoted the actor meanwhile
            raise PermissionDenied(_("您的管理员账号已被停用或变更角色，操作未执行。"))
        if not [i for i in active_admins if i != user.id]:
            raise DomainError(_("「%(name)s」是最后一名启用状态的管理员，不能停用或取消其管理员角色；"
                                "请先为其他人开通管理员账号。", name=user.name))
    if user.id == actor.id:
        raise DomainError(_("不能停用自己的账号。") if disabling else _("不能取消自己的管理员角色。"))


def set_active(session: Session, actor: User, user: User, active: bool) -> bool:
    """Disable or enable the account; False when it already was so (nothing written)."""
    require_admin(actor)
    if user.active == active:
        return False
    if not active:
        _guard_admin_loss(session, actor, user, disabling=True)
    user.active = active
    audit.record(session, actor, "user.enable" if active else "user.disable", user, email=user.email)
    session.flush()
    return True


def reset_password(session: Session, actor: User, user: User) -> str:
    """Give the account a new temporary password and return it (to be shown once, never stored)."""
    require_admin(actor)
    password = generate_password()
    user.password_hash = hash_password(password)
    audit.record(session, actor, "user.reset_password", user, email=user.email)
    session.flush()
    return password


@dataclass
class RoleChange:
    role: Role
    organization_id: int | None
    is_expert: bool = False


def change_role(session: Session, actor: User, user: User, change: RoleChange) -> bool:
    """Give the user another role (and organisation, which must fit it); False if nothing changed."""
    require_admin(actor)
    org = _organisation(session, change.organization_id)
    check_role_organization(change.role, org)
    is_expert = change.is_expert or change.role == Role.EXPERT
    before = (user.role, user.organization_id, user.is_expert)
    if before == (change.role, change.organization_id, is_expert):
        return False
    if user.role == Role.ADMIN and change.role != Role.ADMIN:
        _guard_admin_loss(session, actor, user, disabling=False)
    user.role, user.organization, user.is_expert = change.role, org, is_expert
    audit.record(session, actor, "user.change_role", user, email=user.email,
                 from_role=before[0].value, to_role=change.role.value,
                 from_organization_id=before[1], to_organization_id=change.organization_id,
                 is_expert=is_expert)
    session.flush()
    return True
