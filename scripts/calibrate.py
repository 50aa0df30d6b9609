#!/usr/bin/env python
"""Fit the match level (0–100 figure, 高/中/低, weak floor) on a benchmark's training split; report the test split.

    python scripts/calibrate.py DIR [--write] [--json] [--top 20]

DIR is a benchmark directory with a split.json (see benchmarks/public/README.md). It is loaded
into a throw-away database and index and ranked by the real engine, in both directions: each
training need against all achievements and each training achievement against all needs. The
hybrid top ``--top`` of every query are the candidates; a candidate is a good match when the
pair is graded 2 or 3 (unlisted pairs are 0). A logistic regression of "good match" on the
features in FEATURES is fitted on the training candidates; the level thresholds and the weak
floor are read off the training candidates (see choose_thresholds); the test candidates give the
reliability table, the Brier score and the AUC. ``--write`` rewrites
matchmaker/matching/calibration.json, which the engine loads.
"""
from __future__ import annotations

import argparse
import json
import logging
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from matchmaker.matching import calibration as calibration_module  # noqa: E402
from matchmaker.matching.calibration import Calibration, CalibrationError, judge, load_calibration  # noqa: E402
from matchmaker.matching.evaluation import BenchmarkError, BenchmarkRun, load_benchmark  # noqa: E402

#: What the figure reads: the lexical-free set that 5-fold cross-validation (grouped by query) on
#: the training split preferred; the script prints every feature's AUC. csls: dense cosine after
#: hubness reduction; query_hub: the query's mean cosine to its 5 nearest documents (a query near
#: everything is discounted); industry: +1 same industry or sector, −1 another, 0 unknown.
#: Left out: rank and list-relative scores (a figure must be able to say that even the best
#: suggestion for a need is poor), and BM25. BM25 grows with text length and with a corpus's
#: shared wording, and once the dense score is known its weight on the benchmark is negative (its
#: keyword-sharing distractors): fitted with it, the figure scored slightly better on the
#: benchmark but gave 0 to every suggestion of the demo's longer, form-written texts, the
#: copper-rod casting answer included.
FEATURES = ("csls", "query_hub", "industry")
GOOD = 2  # grade from which a pair counts as a good match
HIGH_PRECISION = 0.50  # 高: at least this share of the training pairs at the level are good
MEDIUM_PRECISION = 0.25  # 中: at least this share
FLOOR_RECALL = 0.97  # the weak floor keeps at least this share of the good training pairs above it:
#: folding a good answer away costs a broker more than showing a weak one (0.90 folded the demo's
#: copper-rod casting answer for a colloquially written copper-rod need)
MIN_PAIRS = 20  # a level's share is only trusted over at least this many training pairs
BINS = (0, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 101)


@dataclass
class Candidate:
    direction: str
    query: str
    doc: str
    pair: tuple[str, str]  # (need id, achievement id)
    grade: int
    features: dict


def collect(run: BenchmarkRun, split: str, top: int) -> list[Candidate]:
    """The hybrid top ``top`` of every query of ``split``, both directions, with grades and features."""
    bench, service, session = run.bench, run.service, run.db.session
    reverse = bench.reverse_qrels()
    out: list[Candidate] = []
    for key in bench.need_ids(split):
        for scored in service.suggest_for_need(session, run.need_rows[key], k=top, mode="hybrid"):
            ach = run.ach_key[scored.id]
            out.append(Candidate("need2ach", key, ach, (key, ach), bench.qrels.get(key, {}).get(ach, 0), scored.features))
    for key in bench.achievement_ids(split):
        for scored in service.suggest_for_achievement(session, run.ach_rows[key], k=top, mode="hybrid"):
            need = run.need_key[scored.id]
            out.append(Candidate("ach2need", key, need, (need, key), reverse.get(key, {}).get(need, 0), scored.features))
    return out


def feature_matrix(candidates: list[Candidate], names=FEATURES) -> np.ndarray:
    return np.array([[float(c.features[n]) for n in names] for c in candidates], dtype=np.float64)


def labels(candidates: list[Candidate]) -> np.ndarray:
    return np.array([c.grade >= GOOD for c in candidates], dtype=int)


def fit(candidates: list[Candidate]) -> tuple[tuple[float, ...], float, float]:
    """(coefficients, intercept, ceiling) of P(good) = ceiling · logistic(intercept + Σ c·x), by
    maximum likelihood with an L2 penalty of ½‖c‖² on the standardised features (as C=1 in
    scikit-learn's logistic regression). A plain logistic curve must reach 100 for the closest
    texts; on the benchmark the closest ones are often the same product with another problem,
    so the curve gets a ceiling, fitted with it."""
    from scipy.optimize import minimize
    from sklearn.linear_model import LogisticRegression

    X, y = feature_matrix(candidates), labels(candidates)
    mean, scale = X.mean(axis=0), X.std(axis=0)
    scale[scale == 0] = 1.0
    Z = (X - mean) / scale
    start = LogisticRegression(C=1.0, max_iter=1000).fit(Z, y)

    def loss(w: np.ndarray) -> float:
        intercept, coef, u = w[0], w[1:-1], w[-1]
        p = np.clip(_sigmoid(u) * _sigmoid(intercept + Z @ coef), 1e-12, 1 - 1e-12)
        return float(-(y * np.log(p) + (1 - y) * np.log(1 - p)).sum() + 0.5 * (coef**2).sum())

    w0 = np.concatenate([start.intercept_, start.coef_[0], [3.0]])
    w = minimize(loss, w0, method="L-BFGS-B").x
    coef = w[1:-1] / scale
    intercept = float(w[0] - (coef * mean).sum())
    return tuple(round(float(c), 6) for c in coef), round(intercept, 6), round(float(_sigmoid(w[-1])), 6)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-z))


def choose_thresholds(confidence: np.ndarray, y: np.ndarray) -> tuple[int, int, int]:
    """(high, medium, floor) on the 0–100 scale, from the training pairs' figures and labels.

    A level starts no lower than its target share (高 at 50 or above: the figure itself says
    "more likely good than not"), and is raised until the training pairs at that level bear it
    out: high is the lowest t ≥ 100·HIGH_PRECISION whose pairs at t or above are at least
    HIGH_PRECISION good; medium the lowest t ≥ 100·MEDIUM_PRECISION whose pairs in [t, high) are
    at least MEDIUM_PRECISION good. floor is the highest t that keeps at least FLOOR_RECALL of
    the good pairs at t or above.
    """
    def holds(mask, target):
        return mask.sum() >= MIN_PAIRS and y[mask].mean() >= target

    high = next((t for t in range(round(100 * HIGH_PRECISION), 101) if holds(confidence >= t, HIGH_PRECISION)), 100)
    medium = next((t for t in range(round(100 * MEDIUM_PRECISION), high + 1)
                   if holds((confidence >= t) & (confidence < high), MEDIUM_PRECISION)), high)
    good = np.sort(confidence[y == 1])
    floor = int(good[int(np.floor((1 - FLOOR_RECALL) * len(good)))]) if len(good) else 0
    return high, medium, min(floor, medium)


def brier(p: np.ndarray, y: np.ndarray) -> float:
    return float(np.mean((p - y) ** 2))


def auc(p: np.ndarray, y: np.ndarray) -> float | None:
    from sklearn.metrics import roc_auc_score

    return float(roc_auc_score(y, p)) if 0 < y.sum() < len(y) else None


def reliability(confidence: np.ndarray, y: np.ndarray) -> list[dict]:
    rows = []
    for lo, hi in zip(BINS, BINS[1:]):
        mask = (confidence >= lo) & (confidence < hi)
        if mask.any():
            rows.append({"bin": f"{lo}–{min(hi, 100) if hi < 101 else 100}", "n": int(mask.sum()),
                         "predicted": round(float(confidence[mask].mean()) / 100, 3),
                         "observed": round(float(y[mask].mean()), 3)})
    return rows


def assess(cal: Calibration, candidates: list[Candidate]) -> dict:
    """How the figure, levels and floor hold on ``candidates``."""
    judged = [judge(cal, c.features) for c in candidates]
    confidence = np.array([j.confidence for j in judged], dtype=float)
    y = labels(candidates)
    grades = np.array([c.grade for c in candidates])
    levels = {}
    for level in ("high", "medium", "low"):
        mask = np.array([j.level == level for j in judged])
        levels[level] = {"n": int(mask.sum()), "good": round(float(y[mask].mean()), 3) if mask.any() else None,
                         "relevant": round(float((grades[mask] >= 1).mean()), 3) if mask.any() else None}
    weak = np.array([j.weak for j in judged])
    return {
        "pairs": len(candidates), "good_pairs": int(y.sum()), "base_rate": round(float(y.mean()), 4),
        "brier": round(brier(confidence / 100, y), 4),
        "brier_constant": round(brier(np.full(len(y), y.mean()), y), 4),
        "auc": None if auc(confidence, y) is None else round(auc(confidence, y), 3),
        "reliability": reliability(confidence, y),
        "levels": levels,
        "weak": {"n": int(weak.sum()), "good": round(float(y[weak].mean()), 4) if weak.any() else None,
                 "good_pairs_weak": int(y[weak].sum())},
    }


def feature_signal(candidates: list[Candidate], names) -> dict[str, float | None]:
    y = labels(candidates)
    return {n: (None if auc(feature_matrix(candidates, [n])[:, 0], y) is None
                else round(auc(feature_matrix(candidates, [n])[:, 0], y), 3)) for n in names}


def _usable_engine_calibration() -> None:
    """The engine loads calibration.json; a broken one must not stop us from fitting a new one."""
    try:
        load_calibration()
    except CalibrationError as error:
        print(f"calibrate: {error}; ranking with a placeholder while fitting", file=sys.stderr)
        placeholder = Path(tempfile.mkdtemp(prefix="mm-cal-")) / "calibration.json"
        placeholder.write_text(json.dumps({"features": ["csls"], "coefficients": [0.0], "intercept": 0.0,
                                           "high": 100, "medium": 100, "floor": 0}), encoding="utf-8")
        calibration_module.DEFAULT_PATH = placeholder


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("directory", type=Path)
    parser.add_argument("--write", action="store_true", help=f"rewrite {calibration_module.DEFAULT_PATH.name}")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    parser.add_argument("--top", type=int, default=20, help="candidates per query (default 20)")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.ERROR)
    target = calibration_module.DEFAULT_PATH
    try:
        if args.top < 1:
            raise BenchmarkError("--top must be at least 1")
        bench = load_benchmark(args.directory)
        for key in ("train", "test", "achievement_train", "achievement_test"):
            if not bench.split.get(key):
                raise BenchmarkError(f"{args.directory}: split.json needs a non-empty {key!r} list "
                                     "(the figure is fitted on train and checked on test)")
        _usable_engine_calibration()
        progress = None if args.json else (lambda side, done, total: print(
            f"\rencoding {side}s {done}/{total}", end="" if done < total else "\n", file=sys.stderr))
        run = BenchmarkRun(bench, progress=progress)
    except BenchmarkError as error:
        print(f"calibrate: {error}", file=sys.stderr)
        return 2
    try:
        train, test = collect(run, "train", args.top), collect(run, "test", args.top)
    finally:
        run.close()
    y_train = labels(train)
    if y_train.sum() < 5 or y_train.sum() == len(y_train):
        print(f"calibrate: the training candidates hold {int(y_train.sum())} good pairs (grade >= {GOOD}) "
              f"of {len(y_train)}; too few to fit", file=sys.stderr)
        return 2
    coefficients, intercept, ceiling = fit(train)
    if coefficients[FEATURES.index("csls")] <= 0:
        print("calibrate: the fitted weight of the dense similarity (csls) is not positive; refusing a figure "
              "that falls as texts grow more alike", file=sys.stderr)
        return 1
    fitted = Calibration(FEATURES, coefficients, intercept, high=100, medium=100, floor=0, ceiling=ceiling)
    train_conf = np.array([judge(fitted, c.features).confidence for c in train], dtype=float)
    high, medium, floor = choose_thresholds(train_conf, y_train)
    seen = {c.pair for c in train}
    unseen = [c for c in test if c.pair not in seen]
    provisional = Calibration(FEATURES, coefficients, intercept, high=high, medium=medium, floor=floor, ceiling=ceiling)
    report = {
        "features": list(FEATURES), "coefficients": list(coefficients), "intercept": intercept, "ceiling": ceiling,
        "thresholds": {"high": high, "medium": medium, "floor": floor},
        "signal_train_auc": feature_signal(train, sorted(train[0].features)),
        "train": assess(provisional, train),
        "test": assess(provisional, test),
        "test_unseen_pairs": assess(provisional, unseen) if unseen else None,
    }
    notes = {
        "features": "csls: dense cosine less half the document's hubness; query_hub: the query's mean cosine to its "
                    "5 nearest documents (a query near everything is discounted); industry: +1 same industry or "
                    "sector, -1 another, 0 unknown. BM25 is left out: its scale follows text length and wording "
                    "shared by a corpus, so it does not carry from the benchmark to other texts",
        "target": f"P(grade >= {GOOD}) of a pair in the engine's hybrid top {args.top}, in per cent",
        "fitted_on": f"{args.directory.name}: training split, both directions, {len(train)} candidate pairs "
                     f"({int(y_train.sum())} good); logistic curve under a fitted ceiling, maximum likelihood "
                     f"with an L2 penalty (C=1) on standardised features",
        "high": _level_note("高", high, HIGH_PRECISION, report["train"]["levels"]["high"]["good"]),
        "medium": _level_note("中", medium, MEDIUM_PRECISION, report["train"]["levels"]["medium"]["good"]),
        "floor": f"weak below {floor}: at least {FLOOR_RECALL:.0%} of the good training pairs are at or above it; "
                 f"{_share(report['train']['weak']['good'])} of the training pairs below it are good",
        "test": f"Brier {report['test']['brier']} (constant base rate: {report['test']['brier_constant']}), "
                f"AUC {report['test']['auc']}, {report['test']['pairs']} test pairs",
    }
    calibration = Calibration(FEATURES, coefficients, intercept, high=high, medium=medium, floor=floor, ceiling=ceiling,
                              notes=notes)
    if args.write:
        target.write_text(json.dumps(calibration.as_dict(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    if args.json:
        print(json.dumps({**report, "notes": notes, "written": str(target) if args.write else None}, ensure_ascii=False))
        return 0
    print_report(report, notes)
    if args.write:
        print(f"\nwrote {target}")
    return 0


def print_report(report: dict, notes: dict) -> None:
    print("feature AUC on the training candidates (alone; > 0.5 means higher is better):")
    for name, value in report["signal_train_auc"].items():
        print(f"  {name:15} {'—' if value is None else f'{value:.3f}'}")
    terms = " ".join(f"{c:+.4g}·{f}" for f, c in zip(report["features"], report["coefficients"]))
    print(f"\nP(good) = {report['ceiling']:.3f} · logistic({report['intercept']:+.4g} {terms})")
    print(f"thresholds: 高 ≥ {report['thresholds']['high']}, 中 ≥ {report['thresholds']['medium']}, "
          f"weak < {report['thresholds']['floor']}")
    for key in ("high", "medium", "floor"):
        print(f"  {notes[key]}")
    for name in ("train", "test", "test_unseen_pairs"):
        r = report[name]
        if r is None:
            continue
        title = {"train": "training split (in-sample)", "test": "TEST split",
                 "test_unseen_pairs": "test pairs never among the training candidates"}[name]
        print(f"\n{title}: {r['pairs']} pairs, {r['good_pairs']} good (base rate {r['base_rate']:.1%}); "
              f"Brier {r['brier']:.4f} (constant: {r['brier_constant']:.4f}), AUC {r['auc']}")
        print(f"  {'figure':>8} {'n':>5} {'predicted':>10} {'observed':>9}")
        for row in r["reliability"]:
            print(f"  {row['bin']:>8} {row['n']:5} {row['predicted']:10.3f} {row['observed']:9.3f}")
        levels = ", ".join(f"{lvl} {v['n']} ({_share(v['good'])} good, {_share(v['relevant'])} grade ≥ 1)"
                           for lvl, v in r["levels"].items())
        print(f"  levels: {levels}")
        w = r["weak"]
        print(f"  weak: {w['n']} pairs, {w['good_pairs_weak']} of them good")


def _level_note(label: str, threshold: int, target: float, observed: float | None) -> str:
    return (f"{label} from {threshold}: the figure is at least {target:.0%} there, and at least {target:.0%} of the "
            f"training pairs at this level are good matches (observed {_share(observed)})")


def _share(value: float | None) -> str:
    return "—" if value is None else f"{value:.1%}" if value < 0.1 else f"{value:.0%}"


if __name__ == "__main__":
    sys.exit(main())
