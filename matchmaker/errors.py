"""Domain exceptions raised by services, and the HTTP error pages."""
from __future__ import annotations

from flask import Flask, render_template
from flask_babel import gettext as _
from flask_wtf.csrf import CSRFError

from .extensions import db


class DomainError(Exception):
    """A rule of the domain refused the operation; the message is shown to the user."""

    status_code = 400

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class NotFound(DomainError):
    """The object does not exist or the actor may not know that it does."""

    status_code = 404


class PermissionDenied(DomainError):
    status_code = 403


class Conflict(DomainError):
    """The object changed or already exists (duplicate key, stale version)."""

    status_code = 409


class Unavailable(DomainError):
    """A part of the service is not ready yet (e.g. the search index is being built)."""

    status_code = 503


def init_errors(app: Flask) -> None:
    def page(code: int, title: str, message: str):
        return render_template("errors/error.html", code=code, title=title, message=message), code

    @app.errorhandler(400)
    def bad_request(error):
        return page(400, _("请求有误"), getattr(error, "description", "") or _("请检查输入后重试。"))

    @app.errorhandler(CSRFError)
    def csrf_error(error):
        return page(400, _("表单已失效"), _("页面的安全令牌缺失或已过期，请刷新页面后重新提交。"))

    @app.errorhandler(403)
    def forbidden(error):
        return page(403, _("无权访问"), _("您的账号没有执行此操作的权限。"))

    @app.errorhandler(404)
    def not_found(error):
        return page(404, _("页面不存在"), _("您要找的内容不存在，或您无权查看。"))

    @app.errorhandler(DomainError)
    def domain_error(error: DomainError):
        db.session.rollback()
        return page(error.status_code, _("操作未完成"), error.message)

    @app.errorhandler(500)
    def server_error(error):
        db.session.rollback()
        return page(500, _("服务器错误"), _("服务器出现问题，操作未保存。请稍后重试。"))
