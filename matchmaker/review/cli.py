"""``flask reviews export DIR``: the brokers' decisions in the benchmark format."""
from __future__ import annotations

from pathlib import Path

import click
from flask.cli import AppGroup

from ..extensions import db

reviews_cli = AppGroup("reviews", help="The brokers' review decisions.")


@reviews_cli.command("export")
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
def reviews_export(directory: Path) -> None:
    """Write needs.jsonl, achievements.jsonl and qrels.tsv (accepted 2, asked-for and accepted 3,
    rejected 0) for `scripts/evaluate.py DIR`."""
    from .export import export

    try:
        summary = export(db.session, directory)
    except ValueError as error:
        raise click.ClickException(str(error)) from None
    click.echo(f"wrote {directory}: {summary.needs} needs, {summary.achievements} achievements, "
               f"{summary.judged} judged pairs (grades {summary.grades})")
    click.echo(f"measure: .venv/bin/python scripts/evaluate.py {directory} --direction both")
