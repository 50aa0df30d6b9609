"""征集表导入：上传、预览、确认 (pages).

The requests only store and queue: the upload keeps the file and a CHECKING batch (after a quick
look: the file opens, the columns are there), the confirmation moves the batch to IMPORTING; the
task queue's consumer checks the rows and writes them (``tasks``). Meanwhile the batch page polls
a fragment that only reads, and reloads once the batch has left those states.

An upload larger than ``IMPORT_MAX_BYTES`` is refused from its Content-Length, before a byte of
the body is read: the upload view is exempt from the app-wide CSRF check (which would parse the
body first) and checks the size, then its own form's CSRF token.
"""
from __future__ import annotations

import os
from io import BytesIO

from flask import Blueprint, current_app, flash, make_response, redirect, render_template, request, send_file, url_for
from flask_babel import gettext as _
from flask_login import login_required
from werkzeug.datastructures import ImmutableMultiDict
from werkzeug.exceptions import NotFound as HTTPNotFound
from werkzeug.exceptions import RequestEntityTooLarge

from models import ImportKind, ImportStatus

from ..auth.login import actor
from ..errors import DomainError
from ..extensions import csrf, db
from ..forms import ActionForm
from ..listings.rules import bureau_today
from ..spreadsheets import XLSX_MIMETYPE
from . import services
from .forms import ConfirmForm, UploadForm

bp = Blueprint("imports", __name__, url_prefix="/imports", static_folder="static")

#: A batch the task queue is working on: its page polls until it leaves these states.
BUSY = (ImportStatus.CHECKING, ImportStatus.IMPORTING)

#: Room for the multipart envelope and the other fields around the file itself.
MULTIPART_OVERHEAD = 64 * 1024


def _limit() -> int:
    return int(current_app.config["IMPORT_MAX_BYTES"])


def _size(limit: int) -> str:
    if limit >= 1024 * 1024:
        return f"{limit / 1024 / 1024:.0f} MB"
    return f"{limit / 1024:.0f} KB"


def _too_large_message(limit: int) -> str:
    return _("文件超过 %(size)s 的上限，未被读取。请把征集表拆成几个文件，或删除其中的图片后再上传。", size=_size(limit))


def _leave_body_unread() -> None:
    """Make the refused body look empty, so that rendering a page (whose forms look at
    ``request.form``) does not read it. Werkzeug itself caches parsed forms in ``__dict__``."""
    request.__dict__.update(form=ImmutableMultiDict(), files=ImmutableMultiDict())


@bp.app_errorhandler(RequestEntityTooLarge)
def too_large(error):
    """A body above MAX_CONTENT_LENGTH (any page) or above the import's limit: a page, not a reset."""
    _leave_body_unread()
    limit = request.max_content_length or current_app.config.get("MAX_CONTENT_LENGTH") or _limit()
    message = (_too_large_message(limit) if request.blueprint == bp.name
               else _("提交的内容超过 %(size)s 的上限，未被读取。", size=_size(limit)))
    return render_template("errors/error.html", code=413, title=_("内容过大"), message=message), 413


def _upload_form() -> UploadForm:
    form = UploadForm()
    if form.year.data is None and not form.is_submitted():
        form.year.data = bureau_today().year
    return form


def _index(form: UploadForm, error: str | None = None, status: int = 200):
    batches = services.list_batches(db.session, actor())
    return render_template("imports/index.html", form=form, batches=batches, error=error,
                           max_size=_size(_limit())), status


@bp.route("/")
@login_required
def index():
    services.require_importer(actor())
    return _index(_upload_form())


@bp.route("/", methods=["POST"])
@csrf.exempt
@login_required
def upload():
    user = actor()
    services.require_importer(user)
    limit = _limit()
    if request.content_length is not None and request.content_length > limit + MULTIPART_OVERHEAD:
        _leave_body_unread()
        return _index(UploadForm(formdata=None), _too_large_message(limit), 413)
    request.max_content_length = limit + MULTIPART_OVERHEAD  # a body without a length stops there
    form = _upload_form()
    if not form.validate_on_submit():
        return _index(form, status=400)
    upload_file = form.file.data
    filename = os.path.basename((upload_file.filename or "").replace("\\", "/")) or "upload"
    stored = services.upload_dir(current_app.instance_path) / services.new_stored_name(filename)
    upload_file.save(stored)
    kept = False
    try:
        if stored.stat().st_size > limit:  # a body sent without a length, or a lying one
            return _index(form, _too_large_message(limit), 413)
        batch = services.start_check(db.session, user, kind=ImportKind(form.kind.data), year=form.year.data,
                                     source=form.source.data, filename=filename, stored=stored)
        kept = True
    except DomainError as error:  # UnreadableFile, HeaderError: a clean 400 with the message
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        return _index(form, error.message, 400)
    finally:
        if not kept:
            stored.unlink(missing_ok=True)
    return redirect(url_for("imports.detail", batch_id=batch.id))


def _detail(batch, error: str | None = None, status: int = 200):
    report = batch.report or {}
    duplicates_by_row: dict[int, list[dict]] = {}
    for duplicate in report.get("duplicates", []):
        duplicates_by_row.setdefault(duplicate["row"], []).append(duplicate)
    form = ConfirmForm(formdata=None).narrow_to(batch)
    if error is None and batch.status == ImportStatus.PREVIEW:
        error = report.get("failure")  # what the background check or import could not do
    return render_template("imports/detail.html", batch=batch, report=report, duplicates_by_row=duplicates_by_row,
                           confirm_form=form, error=error, busy=batch.status in BUSY,
                           dropped=set(report.get("drop") or [])), status


@bp.route("/<int:batch_id>")
@login_required
def detail(batch_id: int):
    return _detail(services.get_batch(db.session, batch_id, actor()))


@bp.route("/<int:batch_id>/status")
@login_required
def status(batch_id: int):
    """What the batch page polls while the batch is being checked or imported (reads only):
    the same status block, or, once the work is done, a full reload of the page."""
    batch = services.get_batch(db.session, batch_id, actor())
    response = make_response(render_template("imports/_progress.html", batch=batch, busy=batch.status in BUSY))
    if batch.status not in BUSY and request.headers.get("HX-Request"):
        response.headers["HX-Refresh"] = "true"
    return response


def _act(batch_id: int, form_ok, action, done):
    """One broker action on a batch: a refusal re-renders the batch page with its message and
    status (nothing written); success redirects with a message."""
    user = actor()
    batch = services.get_batch(db.session, batch_id, user)
    if not form_ok(batch):
        return _detail(batch, _("页面已失效或提交的选择无效，请刷新后重试。"), 400)
    try:
        action(user, batch)
    except DomainError as error:
        if error.status_code in (403, 404):
            raise
        db.session.rollback()
        return _detail(services.get_batch(db.session, batch_id, user), error.message, error.status_code)
    return done(batch)


@bp.route("/<int:batch_id>/confirm", methods=["POST"])
@login_required
def confirm(batch_id: int):
    form = ConfirmForm()

    def confirm_batch(user, batch):
        services.request_confirm(db.session, user, batch, drop=form.drop.data or [])

    def done(batch):
        flash(_("已确认导入，正在后台写入；完成后本页自动显示结果。"), "info")
        return redirect(url_for("imports.detail", batch_id=batch.id))

    return _act(batch_id, lambda batch: form.narrow_to(batch).validate_on_submit(), confirm_batch, done)


@bp.route("/<int:batch_id>/discard", methods=["POST"])
@login_required
def discard(batch_id: int):
    def done(_batch):
        flash(_("已放弃这次导入，上传的文件已删除。"), "info")
        return redirect(url_for("imports.index"))

    return _act(batch_id, lambda _batch: ActionForm().validate_on_submit(),
                lambda user, batch: services.discard(db.session, user, batch, instance_path=current_app.instance_path),
                done)


@bp.route("/template/<name>.xlsx")
@login_required
def template(name: str):
    services.require_importer(actor())
    try:
        kind = ImportKind(name)
    except ValueError:
        raise HTTPNotFound() from None
    data = services.template_bytes(db.session, kind, bureau_today())
    filename = _("技术需求征集表模板.xlsx") if kind == ImportKind.NEEDS else _("科技成果征集表模板.xlsx")
    return send_file(BytesIO(data), mimetype=XLSX_MIMETYPE, as_attachment=True, download_name=filename)
