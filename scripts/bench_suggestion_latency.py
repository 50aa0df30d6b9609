#!/usr/bin/env python
"""Time from saving a need to its suggestion list being stored, with the real task consumer.

    python scripts/bench_suggestion_latency.py [--saves 50] [--gap 1.0] [--json]

Loads the demo into a throw-away instance (SQLite), builds the index, starts the consumer
(``flask --app wsgi worker``) as an operator would, waits until every list is computed, then
saves needs one at a time, as an enterprise would, and polls the database until each need's
list is stored for its text. Prints p50 / p95 / max over the saves. ``--gap`` is the pause after a
list is stored, before the next save: the default lets the consumer finish the previous save's
follow-up work (the other side's lists); ``--gap 0`` measures back-to-back saves (a burst).
"""
from __future__ import annotations

import argparse
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench_support import temp_instance  # noqa: E402  (scripts/ is on the path: run as a script)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=50)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--gap", type=float, default=1.0, help="seconds between a stored list and the next save")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    if args.saves < 1:
        parser.error("--saves must be at least 1")
    say = (lambda *a, **k: None) if args.json else (lambda *a, **k: print(*a, file=sys.stderr, flush=True, **k))

    tmp, instance, env = temp_instance("mm-bench-latency-")

    from sqlalchemy import select

    from matchmaker import create_app
    from matchmaker.demo import load_demo
    from matchmaker.extensions import db
    from matchmaker.matching import lists
    from matchmaker.matching.documents import need_doc
    from matchmaker.matching.runtime import matching_service
    from matchmaker.needs.services import NeedData, create_need
    from models import Role, SuggestionList, TechNeed, User

    app = create_app()
    with app.app_context():
        db.create_all()
        load_demo(db.session)
        db.session.commit()
        say("encoding the demo (first time: a minute or two)…")
        matching_service(app).rebuild(db.session)
        db.session.commit()
        enterprise = db.session.scalar(select(User).where(User.role == Role.ENTERPRISE).order_by(User.id))
        templates = [(n.title, n.description, n.industry_id, list(n.keywords or []))
                     for n in db.session.scalars(select(TechNeed).order_by(TechNeed.id))]

    log = open(instance / "worker.log", "w")
    consumer = subprocess.Popen([str(Path(sys.executable).parent / "flask"), "--app", "wsgi", "worker"], cwd=ROOT,
                                env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        say("waiting for the consumer to compute every list…")
        deadline = time.monotonic() + 900
        while True:
            with app.app_context():
                service = matching_service(app)
                need_state = lists.freshness(service, db.session, "need")
                ach_state = lists.freshness(service, db.session, "achievement")
                db.session.remove()
            if not need_state.stale_ids and not ach_state.stale_ids:
                break
            if consumer.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"the consumer stopped or timed out; see {instance / 'worker.log'}")
            time.sleep(0.5)

        rng = random.Random(args.seed)
        latencies: list[float] = []
        for n in range(args.saves):
            title, description, industry_id, keywords = rng.choice(templates)
            with app.app_context():
                user = db.session.get(User, enterprise.id)
                need = create_need(db.session, user, NeedData(
                    title=f"{title[:100]}（第{n + 1}批）", description=f"{description}\n本批次编号 {rng.randint(1000, 9999)}。",
                    industry_id=industry_id, keywords=keywords))
                need_id = need.id
                content_hash = need_doc(need).content_hash()
                db.session.commit()  # the need is saved; the hook queues its task
                saved = time.perf_counter()
                db.session.remove()
            while True:
                with app.app_context():
                    stored = db.session.scalar(select(SuggestionList.source_hash).where(SuggestionList.need_id == need_id))
                    db.session.remove()
                if stored == content_hash:
                    latencies.append((time.perf_counter() - saved) * 1000)
                    break
                if consumer.poll() is not None or time.perf_counter() - saved > 120:
                    raise SystemExit(f"need {need_id}: no list after 120 s; see {instance / 'worker.log'}")
                time.sleep(0.01)
            time.sleep(args.gap)
            if (n + 1) % 10 == 0:
                say(f"{n + 1}/{args.saves} saves, last {latencies[-1]:.0f} ms")
    finally:
        consumer.terminate()
        consumer.wait(timeout=30)
        log.close()

    result = {"saves": len(latencies), "gap_s": args.gap, "p50_ms": round(statistics.median(latencies), 1),
              "p95_ms": round(percentile(latencies, 0.95), 1), "max_ms": round(max(latencies), 1),
              "mean_ms": round(statistics.fmean(latencies), 1)}
    if args.json:
        print(json.dumps(result))
    else:
        print(f"save → list stored, over {result['saves']} saves {args.gap:g} s apart (demo data, SQLite, 1 consumer thread): "
              f"p50 {result['p50_ms']:.0f} ms, p95 {result['p95_ms']:.0f} ms, max {result['max_ms']:.0f} ms")
    tmp.cleanup()
    return 0


if __name__ == "__main__":
    sys.exit(main())
