"""``flask --app wsgi import needs|achievements FILE --batch 2026 [--source TEXT] [--dry-run] [--json]
[--drop-duplicates]``: the web import's checks and its single transaction, from the command line.

Exit codes:
  0  imported (or, with --dry-run, the file has no problem)
  1  the file has row problems: nothing was written (the JSON lists them)
  2  the file cannot be read or lacks required columns (also: a command-line usage error)
  3  the database refused the write: everything was rolled back, nothing was written
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from flask import current_app
from flask.cli import AppGroup
from flask_babel import gettext as _

from models import ImportKind

from ..errors import DomainError
from ..extensions import db
from ..matching.runtime import matching_service
from . import services
from .columns import HeaderError
from .reader import UnreadableFile

EXIT_OK, EXIT_ROW_ERRORS, EXIT_UNREADABLE, EXIT_WRITE_FAILED = 0, 1, 2, 3

import_cli = AppGroup("import", help="Import a 征集表 (.xlsx or .csv) of needs or achievements.")


class _Bars:
    """Progress bars on stderr, one per phase (检查, 写入); the previous one closes when the next opens."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.current = None

    def __call__(self, label: str, total: int):
        self.close()
        if not self.enabled or total <= 0:
            return lambda n: None
        self.current = click.progressbar(length=total, label=label, file=sys.stderr, show_pos=True)
        self.current.__enter__()
        return self.current.update

    def close(self) -> None:
        if self.current is not None:
            self.current.__exit__(None, None, None)
            self.current = None


def _empty(file: str, message: str, row: int | None) -> dict[str, Any]:
    return {"file": file, "rows": 0, "errors": [{"row": row, "column": None, "message": message}], "written": 0,
            "organisations_created": 0, "organisations_matched": 0, "duplicates": []}


def _say(data: dict, as_json: bool) -> None:
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False))
        return
    for error in data["errors"]:
        where = _("第 %(n)s 行", n=error["row"]) if error["row"] else _("文件")
        column = f" [{error['column']}]" if error["column"] else ""
        click.echo(f"{where}{column}: {error['message']}")
    for duplicate in data["duplicates"]:
        other = (_("第 %(n)s 行", n=duplicate["other_row"]) if duplicate["other_row"]
                 else _("已有 #%(id)s %(title)s", id=duplicate["existing_id"], title=duplicate["existing_title"]))
        click.echo(_("疑似重复：第 %(row)s 行 ≈ %(other)s（相似度 %(s).3f）", row=duplicate["row"], other=other,
                     s=duplicate["similarity"]))
    summary = _("%(file)s：%(rows)d 行，%(errors)d 处问题，写入 %(written)d 条，新建机构 %(created)d 个，"
                "匹配机构 %(matched)d 个，疑似重复 %(dups)d 行",
                file=data["file"], rows=data["rows"], errors=len(data["errors"]), written=data["written"],
                created=data["organisations_created"], matched=data["organisations_matched"],
                dups=len({d["row"] for d in data["duplicates"]}))
    click.echo(summary + (_("（试运行，未写入）") if data.get("dry_run") else ""))


def _run(kind: ImportKind, file: Path, year: int, source: str | None, dry_run: bool, as_json: bool,
         drop_duplicates: bool) -> None:
    ctx = click.get_current_context()
    shown = str(file)
    if not file.is_file():
        _say(_empty(shown, _("文件不存在：%(path)s", path=shown), None), as_json)
        ctx.exit(EXIT_UNREADABLE)
    bars = _Bars(enabled=not as_json)
    try:
        result = services.import_file(db.session, kind=kind, path=file, year=year, source=source,
                                      matcher=matching_service(current_app), dry_run=dry_run,
                                      drop_duplicates=drop_duplicates, max_rows=current_app.config.get("IMPORT_MAX_ROWS"),
                                      progress=bars)
    except HeaderError as error:
        db.session.rollback()
        bars.close()
        _say(_empty(shown, error.message, 1), as_json)
        ctx.exit(EXIT_UNREADABLE)
    except UnreadableFile as error:
        db.session.rollback()
        bars.close()
        _say(_empty(shown, error.message, None), as_json)
        ctx.exit(EXIT_UNREADABLE)
    except services.WriteFailed as error:
        db.session.rollback()
        bars.close()
        _say(_empty(shown, error.message, None), as_json)
        ctx.exit(EXIT_WRITE_FAILED)
    except DomainError as error:  # e.g. a year out of range
        db.session.rollback()
        bars.close()
        raise click.UsageError(error.message) from None
    bars.close()
    data = result.as_json(shown)
    if result.batch is None:  # row problems, or a dry run: nothing may stay (not even cached vectors)
        db.session.rollback()
    else:
        db.session.commit()  # the commit queues the batch's matching work
    _say(data, as_json)
    ctx.exit(EXIT_ROW_ERRORS if data["errors"] else EXIT_OK)


def _command(kind: ImportKind, help_text: str):
    @import_cli.command(kind.value, help=help_text)
    @click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
    @click.option("--batch", "year", type=int, required=True, help="Collection year of the batch, e.g. 2026.")
    @click.option("--source", help="Where the rows came from (default: '<year>年度…征集').")
    @click.option("--dry-run", is_flag=True, help="Check and report, write nothing.")
    @click.option("--json", "as_json", is_flag=True, help="Print one JSON object to stdout (no progress bar).")
    @click.option("--drop-duplicates", is_flag=True, help="Do not import the rows flagged as possible duplicates.")
    def command(file: Path, year: int, source: str | None, dry_run: bool, as_json: bool, drop_duplicates: bool) -> None:
        _run(kind, file, year, source, dry_run, as_json, drop_duplicates)

    return command


import_needs = _command(ImportKind.NEEDS, "Import technology needs (技术需求征集表).")
import_achievements = _command(ImportKind.ACHIEVEMENTS, "Import achievements (科技成果征集表).")
