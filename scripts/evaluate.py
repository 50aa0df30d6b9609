#!/usr/bin/env python
"""Print Recall@10, MRR@10 and nDCG@10 of the matching engine and its baselines on a benchmark.

    python scripts/evaluate.py DIR [--direction need2ach|ach2need|both] [--split train|test|all] [--json]

DIR holds needs.jsonl, achievements.jsonl, qrels.tsv (and optionally split.json). It is loaded
into a throw-away database and index and ranked by the real engine: ``hybrid`` is the engine
as configured, ``bm25`` and ``dense`` are each retriever alone.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matchmaker.matching import glossary  # noqa: E402
from matchmaker.matching.evaluation import MODES, BenchmarkError, BenchmarkRun, load_benchmark  # noqa: E402


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--direction", choices=["need2ach", "ach2need", "both"], default="need2ach")
    parser.add_argument("--split", choices=["train", "test", "all"], default="all",
                        help="which queries (split.json); 'all' when the directory has no split")
    parser.add_argument("--encoder", help="override the configured encoder (e.g. sentence-transformers:/path)")
    parser.add_argument("--no-glossary", action="store_true",
                        help="switch the bilingual/synonym glossary off, to measure what it is worth")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    if args.no_glossary:
        glossary.ENABLED = False
    try:
        bench = load_benchmark(args.directory)
        split = None if args.split == "all" else args.split
        if split and not bench.split:
            raise BenchmarkError(f"{args.directory} has no split.json; use --split all")
        progress = None if args.json else (lambda side, done, total: print(
            f"\rencoding {side}s {done}/{total}", end="" if done < total else "\n", file=sys.stderr))
        run = BenchmarkRun(bench, encoder=args.encoder, progress=progress)
    except BenchmarkError as error:
        print(f"evaluate: {error}", file=sys.stderr)
        return 2
    try:
        directions = ["need2ach", "ach2need"] if args.direction == "both" else [args.direction]
        results = {d: run.evaluate(d, split) for d in directions}
        crossing = {m: run.cross_language(m, split) for m in MODES}
    finally:
        run.close()
    if args.json:
        print(json.dumps(results[directions[0]] if len(directions) == 1 else results, ensure_ascii=False))
        return 0
    for direction, result in results.items():
        print(f"\n{direction}  ({result['n_queries']} queries with judged answers, "
              f"{result['n_unjudged']} without; split: {args.split})")
        print(f"{'':8} {'nDCG@10':>8} {'Recall@10':>10} {'MRR@10':>8}")
        for mode in MODES:
            r = result[mode]
            print(f"{mode:8} {r['ndcg@10']:8.3f} {r['recall@10']:10.3f} {r['mrr@10']:8.3f}")
        best_baseline = max(result["bm25"]["ndcg@10"], result["dense"]["ndcg@10"])
        if best_baseline > 0:
            gain = result["hybrid"]["ndcg@10"] / best_baseline - 1
            print(f"hybrid vs better baseline: {gain:+.1%} nDCG@10")
    if crossing["hybrid"].get("pairs"):
        print(f"\ncross-language: {crossing['hybrid']['pairs']} English-abstract answers (grade >= 2) to Chinese needs")
        for mode in MODES:
            c = crossing[mode]
            print(f"  {mode:8} in top 10: {c['in_top10']}/{c['pairs']}, median rank {c['median_rank']} "
                  f"of {len(bench.achievements)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
