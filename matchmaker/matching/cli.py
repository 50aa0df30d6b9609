"""Operator commands for matching: ``flask suggestions status|show|refresh`` and ``flask index``."""
from __future__ import annotations

import json
import time

import click
from flask import current_app
from flask.cli import AppGroup
from sqlalchemy import func, select
from sqlalchemy.orm import joinedload

from models import IndexChange, MatchSuggestion, SuggestionList, TaskFailure, utcnow

from ..extensions import db
from ..tasks import task_queue
from . import lists
from .runtime import matching_service
from .services import SIDES, SPECS

suggestions_cli = AppGroup("suggestions", help="Stored suggestion lists (computed by the task consumer).")
index_cli = AppGroup("index", help="The matching engine's vector indexes.")

SIDE_CHOICE = click.Choice(["need", "achievement"])


def status_report() -> dict:
    """Freshness of every list, the queue and the index, as one JSON-ready dict."""
    app = current_app._get_current_object()
    service = matching_service(app)
    need = lists.freshness(service, db.session, "need")
    ach = lists.freshness(service, db.session, "achievement")
    queue = task_queue(app)
    try:
        manifest = service.store.read(verify=False).manifest
    except Exception:
        manifest = {}
    return {
        "engine_version": service.version,
        "needs_open": need.eligible,
        "needs_fresh": need.fresh,
        "achievements_published": ach.eligible,
        "achievements_fresh": ach.fresh,
        "tasks_pending": queue.waiting(),
        "tasks_failed": db.session.scalar(
            select(func.count()).select_from(TaskFailure).where(TaskFailure.resolved_at.is_(None))),
        "index": {
            "problem": service.problem(),
            "snapshot_seq": manifest.get("seq"),
            "log_seq": db.session.scalar(select(func.max(IndexChange.seq))) or 0,
            "counts": manifest.get("counts"),
            "built_at": manifest.get("built_at"),
        },
    }


@suggestions_cli.command("status")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def suggestions_status(as_json: bool) -> None:
    """How many open needs and published achievements have a current list; tasks waiting and failed."""
    report = status_report()
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    click.echo(f"engine {report['engine_version']}")
    click.echo(f"needs:        {report['needs_fresh']}/{report['needs_open']} open needs have a current list")
    click.echo(f"achievements: {report['achievements_fresh']}/{report['achievements_published']} published achievements have a current list")
    click.echo(f"tasks:        {report['tasks_pending']} waiting, {report['tasks_failed']} failed")
    index = report["index"]
    click.echo(f"index:        {index['problem'] or 'ok'}; snapshot at log position {index['snapshot_seq']}, "
               f"log at {index['log_seq']}, counts {index['counts']}")


@suggestions_cli.command("show")
@click.argument("side", type=SIDE_CHOICE)
@click.argument("item_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object.")
def suggestions_show(side: str, item_id: int, as_json: bool) -> None:
    """Print one stored list: rank, level, scores, matched terms, review state."""
    service = matching_service(current_app)
    service.follow_glossary(db.session)
    owner = db.session.get(SPECS[side].model, item_id)
    if owner is None:
        raise click.ClickException(f"no {side} with id {item_id}")
    state_row = db.session.scalar(select(SuggestionList).where(lists.state_column(side) == item_id))
    doc = SPECS[side].to_doc(owner)
    if state_row is None:
        state = "missing"
    elif state_row.source_hash == doc.content_hash() and state_row.engine_version == service.version:
        state = "fresh"
    else:
        state = "stale"
    rows = db.session.scalars(
        select(MatchSuggestion)
        .where(lists.owner_column(side) == item_id, MatchSuggestion.direction == lists.DIRECTION[side])
        .options(joinedload(MatchSuggestion.review), joinedload(MatchSuggestion.need), joinedload(MatchSuggestion.achievement))
        .order_by(MatchSuggestion.rank)
    ).all()
    entries = []
    for row in rows:
        other = row.achievement if side == "need" else row.need
        ev = row.explanation or {}
        entries.append({
            "rank": row.rank,
            "id": other.id,
            "title": other.title,
            "level": ev.get("level"),
            "confidence": ev.get("confidence"),
            "weak": bool(ev.get("weak")),
            "scores": {"fused": row.score_fused, "dense": row.score_dense, "lexical": row.score_lexical},
            "terms": ev.get("terms") or [],
            "review": row.review.status.value if row.review else "pending",
            "reject_reason": row.review.reject_reason.value if row.review and row.review.reject_reason else None,
        })
    report = {
        "side": side, "id": item_id, "title": owner.title, "state": state,
        "computed_at": state_row.computed_at.isoformat() if state_row else None,
        "engine_version": state_row.engine_version if state_row else None,
        "suggestions": entries,
    }
    if as_json:
        click.echo(json.dumps(report, ensure_ascii=False))
        return
    click.echo(f"{side} {item_id} {owner.title}: list {state}"
               + (f", computed {report['computed_at']} by {report['engine_version']}" if state_row else ""))
    if not entries:
        click.echo("  (no suggestions stored)")
    for e in entries:
        level = f"{e['level'] or '-'}{'/' + str(e['confidence']) if e['confidence'] is not None else ''}"
        scores = e["scores"]
        dense = f"{scores['dense']:.3f}" if scores["dense"] is not None else "-"
        click.echo(f"  {e['rank']:>2}. [{level}{' weak' if e['weak'] else ''}] #{e['id']} {e['title']}  "
                   f"fused {scores['fused']:.3f} dense {dense} bm25 {scores['lexical'] or 0:.2f}  "
                   f"terms: {'、'.join(e['terms']) or '-'}  review: {e['review']}")


@suggestions_cli.command("refresh")
@click.option("--wait", is_flag=True, help="Wait, with a progress bar, until the worker has refreshed every list.")
@click.option("--timeout", type=float, default=0, help="With --wait: give up after this many seconds (0: never).")
def suggestions_refresh(wait: bool, timeout: float) -> None:
    """Recompute every stored list in the background (the worker does it)."""
    app = current_app._get_current_object()
    service = matching_service(app)
    total = sum(lists.freshness(service, db.session, side).eligible for side in SIDES)
    started = utcnow()
    task_queue(app).enqueue("matching.refresh_all", True)
    click.echo(f"queued a refresh of {total} lists (engine {service.version})")
    if not wait:
        return
    deadline = time.monotonic() + timeout if timeout else None
    hinted = False
    last_done, last_change = 0, time.monotonic()
    with click.progressbar(length=total, label="refreshing lists", show_pos=True) as bar:
        while True:
            db.session.rollback()  # see the worker's commits
            done = db.session.scalar(select(func.count()).select_from(SuggestionList)
                                     .where(SuggestionList.computed_at >= started))
            done = min(done, total)
            bar.update(done - last_done)
            if done != last_done:
                last_done, last_change = done, time.monotonic()
            if done >= total:
                break
            if not hinted and time.monotonic() - last_change > 30:
                click.echo("\nno progress for 30 s: is the worker running? (flask --app wsgi worker)", err=True)
                hinted = True
            if deadline and time.monotonic() > deadline:
                raise click.ClickException(f"timed out after {timeout:g} s with {done}/{total} lists refreshed")
            time.sleep(0.5)
    click.echo(f"all {total} lists refreshed")


@index_cli.command("rebuild")
def index_rebuild() -> None:
    """Rebuild the FAISS indexes from the database now (cached vectors are reused)."""
    rebuild_indexes()


def rebuild_indexes() -> None:
    service = matching_service(current_app)
    total = sum(db.session.scalar(select(func.count()).select_from(SPECS[s].model).where(SPECS[s].eligible))
                for s in SIDES)
    with click.progressbar(length=total, label="encoding needs and achievements", show_pos=True) as bar:
        counts = service.rebuild(db.session, progress=bar.update)
    db.session.commit()
    click.echo(f"index: {counts['need']} needs and {counts['achievement']} achievements at {service.index_dir}")


@index_cli.command("status")
def index_status() -> None:
    """Show the index snapshot and whether it matches the database."""
    from embeddings import IndexError_

    service = matching_service(current_app)
    try:
        snapshot = service.store.read()
    except IndexError_ as error:
        raise click.ClickException(str(error)) from None
    manifest = snapshot.manifest
    click.echo(f"snapshot {snapshot.path}: encoder {manifest['encoder']}, built {manifest['built_at']}, "
               f"log position {manifest['seq']}")
    log_seq = db.session.scalar(select(func.max(IndexChange.seq))) or 0
    for side in SIDES:
        in_db = db.session.scalar(select(func.count()).select_from(SPECS[side].model).where(SPECS[side].eligible))
        count = manifest["counts"][side]
        state = "ok" if count == in_db else f"{'behind the log' if log_seq > manifest['seq'] else 'STALE'}"
        click.echo(f"{side}: {count} vectors, database {in_db} eligible -> {state}")
