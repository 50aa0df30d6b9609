#!/usr/bin/env python
"""Tune the fusion and structured-fit weights on a benchmark's TRAINING split; report the test split.

    python scripts/tune_fusion.py benchmarks/public [--json]

Loads (and encodes) the benchmark once, then ranks the training needs under each candidate
configuration: convex combination or reciprocal-rank fusion at several BM25 weights, the industry
weights scaled by 0, ½ or 1, and hubness reduction (CSLS) at 0, ½ or 1. (The coop-mode, maturity
and budget weights are tie-breakers by design and stay as configured.) Prints the grid sorted by training nDCG@10,
the winner's test figures, and the dense-cosine quantiles used to calibrate the similarity bands.
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, fields
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matchmaker.matching.engine import RankingConfig  # noqa: E402
from matchmaker.matching.evaluation import BenchmarkRun, load_benchmark, score_runs  # noqa: E402

FIT_FIELDS = ("industry_exact", "industry_parent", "industry_other", "coop_overlap", "maturity_ok",
              "maturity_early", "budget_within", "budget_over")


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("directory", type=Path)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    bench = load_benchmark(args.directory)
    run = BenchmarkRun(bench)
    engine = run.service.engine
    base = RankingConfig()
    train, test = bench.need_ids("train"), bench.need_ids("test")
    grid = []
    for csls_lambda in (0.0, 0.5, 1.0):
        for industry in (0.0, 0.5, 1.0):
            fit = {f: getattr(base, f) * industry for f in FIT_FIELDS if f.startswith("industry")}
            common = {"csls_lambda": csls_lambda, "csls_k": 5, **fit}
            for alpha in (0.9, 0.95, 0.98, 1.0):
                grid.append(base.with_(fusion="convex", alpha=alpha, **common))
            for alpha in (0.9, 0.95):
                grid.append(base.with_(fusion="rrf", alpha=alpha, rrf_k=60, **common))
    rows = []
    for config in grid:
        engine.config = config
        score = score_runs(run.rankings("need2ach", "hybrid", train), bench.qrels)
        rows.append((score["ndcg@10"], config))
    rows.sort(key=lambda r: -r[0])
    best = rows[0][1]
    engine.config = best
    test_hybrid = score_runs(run.rankings("need2ach", "hybrid", test), bench.qrels)
    test_base = {m: score_runs(run.rankings("need2ach", m, test), bench.qrels) for m in ("bm25", "dense")}

    # similarity bands: cosine quantiles of labelled pairs in the training split
    service, session = run.service, run.db.session
    cosines = {0: [], 1: [], 2: [], 3: []}
    for need_key in train:
        need_vec = service.corpora["need"].vectors.vector(run.need_rows[need_key].id)
        for ach_key, grade in bench.qrels.get(need_key, {}).items():
            vec = service.corpora["achievement"].vectors.vector(run.ach_rows[ach_key].id)
            cosines[grade].append(float(need_vec @ vec))
    bands = {g: (round(float(np.median(v)), 3) if v else None) for g, v in cosines.items()}
    run.close()

    def describe(c: RankingConfig) -> str:
        industry = c.industry_exact / base.industry_exact if base.industry_exact else 0
        extra = f"k={c.rrf_k}" if c.fusion == "rrf" else ""
        return f"{c.fusion:6} alpha={c.alpha:.2f} {extra:5} industry×{industry:.2f} csls λ={c.csls_lambda}"

    if args.json:
        print(json.dumps({"best": asdict(best), "train_ndcg": rows[0][0], "test": test_hybrid,
                          "test_baselines": test_base, "median_cosine_by_grade": bands}))
        return 0
    print("top configurations on the training split (nDCG@10):")
    for score, config in rows[:12]:
        print(f"  {score:.3f}  {describe(config)}")
    best_convex = max((r for r in rows if r[1].fusion == "convex"), key=lambda r: r[0])
    best_rrf = max((r for r in rows if r[1].fusion == "rrf"), key=lambda r: r[0])
    print(f"best convex: {best_convex[0]:.3f} ({describe(best_convex[1])}); best RRF: {best_rrf[0]:.3f} ({describe(best_rrf[1])})")
    print(f"\nwinner on the test split: hybrid nDCG@10 {test_hybrid['ndcg@10']:.3f}, "
          f"bm25 {test_base['bm25']['ndcg@10']:.3f}, dense {test_base['dense']['ndcg@10']:.3f}")
    print(f"median dense cosine by grade (training pairs): {bands}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
