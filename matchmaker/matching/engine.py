"""The ranking engine: dense (FAISS) and lexical (BM25) candidates, fused, then adjusted by
structured fit. Pure: documents, vectors and indexes are handed in; no database here.
"""
from __future__ import annotations

import hashlib
import itertools
import math
from concurrent.futures import ThreadPoolExecutor
from dataclasses import asdict, dataclass, field, fields, replace
from typing import Iterable, Literal, Sequence

import numpy as np

from embeddings import Encoder, LexicalIndex, Tokenizer, VectorIndex, encode_documents

from . import glossary, stoplist
from .calibration import Calibration, load_calibration

Mode = Literal["hybrid", "dense", "bm25"]
Fusion = Literal["convex", "rrf"]

#: Changing anything that alters rankings bumps this; stored suggestions are then regenerated.
ENGINE_VERSION = "hybrid-2026.11-1"
#: Changing how a document becomes text bumps this; cached vectors keyed by content are then unused.
TEXT_VERSION = "t1"


@dataclass(frozen=True)
class RankingConfig:
    """Knobs of the ranking; defaults are those that won on the public benchmark's training split."""

    fusion: Fusion = "rrf"
    #: Weight of the dense side (1 − alpha for BM25), in either fusion.
    alpha: float = 0.95
    #: The k of reciprocal-rank fusion.
    rrf_k: int = 60
    #: Candidates taken from each retriever before fusion.
    candidates: int = 100
    #: Hubness reduction (CSLS): a document's dense score is lowered by ``csls_lambda`` / 2 times
    #: its mean cosine to its ``csls_k`` nearest documents of the other side. e5's cosines sit in
    #: a narrow band, and generic texts are near everything; this keeps them from crowding lists.
    csls_lambda: float = 1.0
    csls_k: int = 5
    #: Structured-fit bonuses and penalties, added to the fused score (which lies in 0–1).
    #: Industry is a real relevance signal; cooperation mode, maturity and budget only break ties
    #: (a broker still wants to see the right technology when it costs more than the budget).
    industry_exact: float = 0.04
    industry_parent: float = 0.02
    industry_other: float = -0.02
    coop_overlap: float = 0.005
    maturity_ok: float = 0.005
    maturity_early: float = -0.01
    budget_within: float = 0.005
    budget_over: float = -0.01
    #: Dense-cosine bands for explanations, from the public benchmark's training pairs: median
    #: cosine 0.905 for direct answers (grade 3), 0.898 for grade 2, 0.889 for distractors.
    band_high: float = 0.90
    band_medium: float = 0.88
    #: Shown terms (evidence["terms"], not BM25): a term in more than ``term_df_max`` of the
    #: documents of either side is not shown, once that side has ``term_df_min_docs`` documents.
    #: 0.2 drops the demo's form phrases (解决方案, 良品率, 能耗…) and keeps 氧化 (15% of abstracts).
    term_df_max: float = 0.2
    term_df_min_docs: int = 30

    def with_(self, **changes) -> "RankingConfig":
        return replace(self, **changes)


_SEARCH_POOL = ThreadPoolExecutor(max_workers=4, thread_name_prefix="dense-search")

MATURITY_ORDER = {"lab": 0, "bench": 1, "pilot": 2, "industrial": 3}
#: What ``MatchingEngine.pair_features`` measures; a calibration may read any of these.
PAIR_FEATURES = ("dense", "csls", "query_hub", "dense_gap", "bm25", "bm25_rel", "bm25_per_term", "terms", "industry", "rank")


@dataclass(frozen=True)
class MatchDoc:
    """What the engine knows of a need or an achievement."""

    id: int
    title: str
    body: str
    org_id: int | None = None
    keywords: tuple[str, ...] = ()
    industry_id: int | None = None
    #: Top-level industry id (the industry itself when it is top-level).
    industry_top_id: int | None = None
    industry_name: str | None = None
    coop_modes: frozenset[str] = frozenset()
    #: Maturity value of an achievement (lab/bench/pilot/industrial).
    maturity: str | None = None
    #: A need's budget or an achievement's asking price, in 万元.
    money_wan: float | None = None
    #: Open need / published achievement: only eligible documents are suggested.
    eligible: bool = True

    def raw_text(self) -> str:
        parts = [self.title.strip()]
        if self.keywords:
            parts.append("，".join(self.keywords))
        if self.body and self.body.strip():
            parts.append(self.body.strip())
        return "\n".join(parts)

    def text(self) -> str:
        """What is encoded and tokenised: title, key terms, body, plus the glossary's equivalents.

        Both sides are expanded (English terms on Chinese texts, Chinese on English ones) so they
        meet in the middle: expanding English texts alone was measured worse on the benchmark.
        """
        return glossary.expand(self.raw_text())

    def content_hash(self) -> str:
        return hashlib.sha256(f"{TEXT_VERSION}\n{self.text()}".encode("utf-8")).hexdigest()

    def to_dict(self) -> dict:
        """JSON-ready facts (for the index log and snapshots)."""
        data = asdict(self)
        data["keywords"] = list(self.keywords)
        data["coop_modes"] = sorted(self.coop_modes)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "MatchDoc":
        values = {f.name: data[f.name] for f in fields(cls) if f.name in data}
        values["keywords"] = tuple(values.get("keywords") or ())
        values["coop_modes"] = frozenset(values.get("coop_modes") or ())
        return cls(**values)


@dataclass
class Scored:
    """One suggestion with its scores and the evidence behind it."""

    id: int
    fused: float
    dense: float | None
    lexical: float | None
    evidence: dict = field(default_factory=dict)
    #: What the calibration reads (hybrid mode): absolute measures of this pair, not stored.
    features: dict[str, float] = field(default_factory=dict)


#: Corpus generations come from one counter, so no two states of any two corpora share a number
#: (a cache keyed by generation can never mistake a new corpus for an old one).
_GENERATIONS = itertools.count(1)


class Corpus:
    """One side of the market (needs or achievements): vectors, BM25, document facts and the
    content hash of each document's text."""

    def __init__(self, side: Literal["need", "achievement"], vectors: VectorIndex, lexical: LexicalIndex | None = None) -> None:
        self.side = side
        self.vectors = vectors
        self.lexical = lexical or LexicalIndex()
        self.docs: dict[int, MatchDoc] = {}
        self.hashes: dict[int, str] = {}
        #: Changes on every change, so derived data (hubness) knows when to recompute.
        self.generation = next(_GENERATIONS)

    def __len__(self) -> int:
        return len(self.docs)

    def put(self, doc: MatchDoc, vector: np.ndarray, tokens: Sequence[str], content_hash: str | None = None) -> None:
        self.put_many([doc], np.atleast_2d(vector), [tokens], [content_hash or doc.content_hash()])

    def put_many(self, docs: Sequence[MatchDoc], vectors: np.ndarray, tokens: Sequence[Sequence[str]],
                 hashes: Sequence[str] | None = None) -> None:
        self.generation = next(_GENERATIONS)
        hashes = list(hashes) if hashes is not None else [d.content_hash() for d in docs]
        for doc, content_hash in zip(docs, hashes):
            self.docs[doc.id] = doc
            self.hashes[doc.id] = content_hash
        if len(docs):
            self.vectors.upsert([d.id for d in docs], vectors)
        self.lexical.upsert_many((d.id, t) for d, t in zip(docs, tokens))

    def drop(self, doc_id: int) -> None:
        self.generation = next(_GENERATIONS)
        self.docs.pop(doc_id, None)
        self.hashes.pop(doc_id, None)
        self.vectors.remove([doc_id])
        self.lexical.remove(doc_id)


class MatchingEngine:
    """Ranks one corpus against a query document or a free text."""

    def __init__(self, encoder: Encoder, tokenizer: Tokenizer, config: RankingConfig | None = None,
                 calibration: Calibration | None = None) -> None:
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.config = config or RankingConfig()
        #: Scores → match level; the committed calibration.json unless a test passes another.
        self.calibration = calibration or load_calibration()
        #: The domain dictionary (glossary, taxonomy): its terms are shown before other shared words.
        self._domain_terms = frozenset(getattr(tokenizer, "user_words", ()))
        unknown = sorted(set(self.calibration.features) - set(PAIR_FEATURES))
        if unknown:
            raise ValueError(f"the calibration reads feature(s) the engine does not compute: {', '.join(unknown)}")
        self._hubness: dict[tuple, dict[int, float]] = {}

    # --- text → features --------------------------------------------------------------
    def tokens(self, doc_or_text: MatchDoc | str) -> list[str]:
        text = doc_or_text.text() if isinstance(doc_or_text, MatchDoc) else glossary.expand(doc_or_text)
        return self.tokenizer.tokens(text)

    def encode(self, docs: Sequence[MatchDoc]) -> np.ndarray:
        """Document vectors (e5's "query:" prefix: need and achievement texts are compared as peers)."""
        return encode_documents(self.encoder, [d.text() for d in docs], as_queries=True)

    def encode_text(self, text: str) -> np.ndarray:
        return encode_documents(self.encoder, [glossary.expand(text)], as_queries=True)[0]

    # --- hubness ----------------------------------------------------------------------
    def hubness(self, corpus: Corpus, reference: Corpus) -> dict[int, float]:
        """Each document's mean cosine to its ``csls_k`` nearest documents of ``reference``."""
        k = self.config.csls_k
        key = (corpus.generation, reference.generation, k)
        cached = self._hubness.get(key)
        if cached is not None:
            return cached
        ids, X = corpus.vectors.matrix()
        _, R = reference.vectors.matrix()
        out: dict[int, float] = {}
        if len(ids) and len(R):
            kk = min(k, len(R))
            for start in range(0, len(ids), 8192):
                sims = X[start : start + 8192] @ R.T
                top = np.partition(sims, sims.shape[1] - kk, axis=1)[:, -kk:]
                out.update(zip(ids[start : start + 8192].tolist(), top.mean(axis=1).tolist()))
        self._hubness = {key: out}  # one cache entry per engine is enough: the newest generation
        return out

    # --- ranking ----------------------------------------------------------------------
    def rank(
        self,
        corpus: Corpus,
        *,
        vector: np.ndarray | None,
        tokens: Sequence[str],
        query: MatchDoc | None = None,
        query_side: Literal["need", "achievement"] = "need",
        k: int = 10,
        mode: Mode = "hybrid",
        exclude_org: int | None = None,
        reference: Corpus | None = None,
    ) -> list[Scored]:
        """The ``k`` best eligible documents of ``corpus`` for a query vector and/or tokens.

        ``reference`` is the query side's corpus; in hybrid mode it is used for hubness reduction.
        Each result's evidence names the shared key terms (``term_evidence``) and, in hybrid mode,
        the calibrated match level, figure and weak flag (``calibration``).
        """
        cfg = self.config
        dense_hits: dict[int, float] = {}
        # FAISS releases the GIL: the dense search runs on the other core while BM25 scores here.
        dense_search = None
        if mode != "bm25" and vector is not None:
            dense_search = _SEARCH_POOL.submit(corpus.vectors.search, vector, cfg.candidates * 2)
        lexical_all = corpus.lexical.scores(tokens) if mode != "dense" else np.zeros(0, dtype=np.float32)
        top_ids, top_scores = corpus.lexical.top(tokens, cfg.candidates * 2, scores=lexical_all)
        lexical_hits = {int(i): float(s) for i, s in zip(top_ids, top_scores)}
        if dense_search is not None:
            ids, scores = dense_search.result()
            dense_hits = {int(i): float(s) for i, s in zip(ids, scores)}

        def allowed(doc_id: int) -> bool:
            doc = corpus.docs.get(doc_id)
            if doc is None or not doc.eligible:
                return False
            if query is not None and corpus.side == query_side and doc_id == query.id:
                return False
            return exclude_org is None or doc.org_id != exclude_org

        dense_ids = [i for i in dense_hits if allowed(i)][: cfg.candidates]
        lex_ids = [i for i in lexical_hits if allowed(i)][: cfg.candidates]
        candidates = list(dict.fromkeys(dense_ids + lex_ids))
        if not candidates:
            return []
        cand = np.asarray(candidates, dtype=np.int64)
        dense = np.array([dense_hits.get(i, np.nan) for i in candidates], dtype=np.float32)
        missing = np.isnan(dense)
        if mode != "bm25" and vector is not None and missing.any():
            dense[missing] = corpus.vectors.scores_for(vector, cand[missing])
        lexical = np.zeros(len(candidates), dtype=np.float32)
        if len(lexical_all):
            for n, doc_id in enumerate(candidates):
                pos = corpus.lexical.position(doc_id)
                lexical[n] = lexical_all[pos] if pos is not None else 0.0

        adjusted = dense
        if mode == "hybrid" and reference is not None and cfg.csls_lambda > 0 and len(reference):
            hub = self.hubness(corpus, reference)
            adjusted = dense - cfg.csls_lambda / 2 * np.array([hub.get(i, 0.0) for i in candidates], dtype=np.float32)
            # the dense ranking the fusion sees is the adjusted one
            order = np.argsort(-np.nan_to_num(adjusted, nan=-np.inf), kind="stable")
            dense_ids = [candidates[i] for i in order if candidates[i] in dense_hits][: cfg.candidates]
        fused = self._fuse(mode, adjusted, lexical, dense_ids, lex_ids, candidates)
        results = []
        for n, doc_id in enumerate(candidates):
            doc = corpus.docs[doc_id]
            # the baselines are each retriever alone; structured fit belongs to the hybrid engine
            use_fit = query is not None and mode == "hybrid"
            fit, evidence = self.fit(query, doc, query_side) if use_fit else (0.0, {})
            d = None if np.isnan(dense[n]) else float(dense[n])
            evidence["dense"] = d
            evidence["band"] = self.band(d)
            results.append(Scored(doc_id, float(fused[n]) + fit, d, float(lexical[n]), evidence))
        results.sort(key=lambda s: (-s.fused, s.id))
        results = results[:k]
        for result in results:
            terms, english = self.term_evidence(tokens, corpus, result.id, reference=reference, query=query)
            result.evidence["terms"], result.evidence["terms_en"] = terms, english
        if mode == "hybrid" and vector is not None:
            position = {doc_id: n for n, doc_id in enumerate(candidates)}
            # the query's own hubness: its mean cosine to its nearest documents (any, eligible or not)
            query_hub = float(np.mean(sorted(dense_hits.values(), reverse=True)[: cfg.csls_k])) if dense_hits else 0.0
            lexical_top = float(lexical_all.max()) if len(lexical_all) else 0.0
            for rank_, result in enumerate(results, start=1):
                n = position[result.id]
                result.features = self.pair_features(result, float(adjusted[n]), query_hub, lexical_top, len(set(tokens)), rank_)
                confidence, level, weak = self.calibration.judge(result.features)
                result.evidence.update(confidence=confidence, level=level, weak=weak)
        return results

    @staticmethod
    def pair_features(result: Scored, adjusted: float, query_hub: float, lexical_top: float, query_terms: int,
                      rank: int) -> dict[str, float]:
        """Measures of one pair that ``calibration.json`` may name (absolute where possible: a
        query whose best match is poor should get low figures, not a relative 100)."""
        dense = result.dense if result.dense is not None else 0.0
        lexical = result.lexical or 0.0
        industry = result.evidence.get("industry")
        return {
            "dense": dense,
            "csls": adjusted,
            "query_hub": query_hub,
            "dense_gap": dense - query_hub,
            "bm25": lexical,
            "bm25_rel": lexical / lexical_top if lexical_top > 0 else 0.0,
            "bm25_per_term": lexical / max(query_terms, 1),
            "terms": float(len(result.evidence.get("terms") or ())),
            # +1 same industry or sector, −1 another, 0 unknown (a free-text search has none)
            "industry": 1.0 if industry in ("exact", "parent") else -1.0 if industry == "other" else 0.0,
            "rank": float(rank),
        }

    def _fuse(self, mode, dense, lexical, dense_ids, lex_ids, candidates) -> np.ndarray:
        cfg = self.config
        dense_filled = np.nan_to_num(dense, nan=float(np.nanmin(dense)) if not np.isnan(dense).all() else 0.0)
        if mode == "dense":
            return dense_filled
        lex_max = float(lexical.max()) if len(lexical) else 0.0
        lex_norm = lexical / lex_max if lex_max > 0 else np.zeros_like(lexical)
        if mode == "bm25":
            return lex_norm
        if cfg.fusion == "rrf":
            dense_rank = {i: r for r, i in enumerate(dense_ids)}
            lex_rank = {i: r for r, i in enumerate(lex_ids)}
            out = np.zeros(len(candidates), dtype=np.float32)
            for n, doc_id in enumerate(candidates):
                if doc_id in dense_rank:
                    out[n] += cfg.alpha / (cfg.rrf_k + dense_rank[doc_id] + 1)
                if doc_id in lex_rank:
                    out[n] += (1 - cfg.alpha) / (cfg.rrf_k + lex_rank[doc_id] + 1)
            # on the same 0–1 scale as the convex fusion, so fit weights mean the same
            return out / out.max() if out.max() > 0 else out
        lo, hi = float(dense_filled.min()), float(dense_filled.max())
        dense_norm = (dense_filled - lo) / (hi - lo) if hi > lo else np.ones_like(dense_filled)
        return cfg.alpha * dense_norm + (1 - cfg.alpha) * lex_norm

    def band(self, dense: float | None) -> str | None:
        if dense is None:
            return None
        if dense >= self.config.band_high:
            return "high"
        if dense >= self.config.band_medium:
            return "medium"
        return "low"

    def fit(self, query: MatchDoc, doc: MatchDoc, query_side: str) -> tuple[float, dict]:
        """Structured fit of a need/achievement pair: (score adjustment, evidence)."""
        cfg = self.config
        need, ach = (query, doc) if query_side == "need" else (doc, query)
        score, evidence = 0.0, {}
        if need.industry_id is None or ach.industry_id is None:
            evidence["industry"] = "unknown"
        elif need.industry_id == ach.industry_id:
            score += cfg.industry_exact
            evidence["industry"] = "exact"
        elif need.industry_top_id is not None and need.industry_top_id == ach.industry_top_id:
            score += cfg.industry_parent
            evidence["industry"] = "parent"
        else:
            score += cfg.industry_other
            evidence["industry"] = "other"
        evidence["industry_name"] = ach.industry_name if evidence["industry"] in ("exact", "parent") else None
        shared = sorted(need.coop_modes & ach.coop_modes)
        evidence["coop"] = shared
        if shared:
            score += cfg.coop_overlap
        level = MATURITY_ORDER.get(ach.maturity or "")
        if ach.maturity is None:
            evidence["maturity"] = "unknown"
        elif level >= MATURITY_ORDER["pilot"]:
            score += cfg.maturity_ok
            evidence["maturity"] = "ok"
        elif level == MATURITY_ORDER["lab"] and "development" not in need.coop_modes:
            score += cfg.maturity_early
            evidence["maturity"] = "early"
        else:
            evidence["maturity"] = "needs_development"
        evidence["maturity_value"] = ach.maturity
        budget, price = need.money_wan, ach.money_wan
        evidence["budget_wan"], evidence["price_wan"] = budget, price
        if budget is None or price is None:
            evidence["budget"] = "unknown"
        elif price <= budget:
            score += cfg.budget_within
            evidence["budget"] = "within"
        elif price <= budget * 1.5:
            evidence["budget"] = "near"
        else:
            score += cfg.budget_over
            evidence["budget"] = "over"
        return score, evidence

    def matched_terms(self, query_tokens: Iterable[str], corpus: Corpus, doc_id: int, limit: int = 6, *,
                      reference: Corpus | None = None, query: MatchDoc | None = None) -> list[str]:
        """The shared key terms shown for a pair (Chinese; see ``term_evidence``)."""
        return self.term_evidence(query_tokens, corpus, doc_id, limit, reference=reference, query=query)[0]

    def term_evidence(self, query_tokens: Iterable[str], corpus: Corpus, doc_id: int, limit: int = 6, *,
                      reference: Corpus | None = None, query: MatchDoc | None = None) -> tuple[list[str], dict[str, str]]:
        """Shared terms worth showing, domain terms first, then rarest first, and the English each
        is written in, if any.

        Never boilerplate (``stoplist``), never a term in more than ``term_df_max`` of the documents
        of ``corpus`` or of ``reference`` (the query's side), never part of a longer shared term.
        English tokens are not shown on their own: a Chinese term gets the English variant found in
        the raw text of either document ({"铜杆": "copper rod"}); English with no Chinese match is
        dropped. Only the display is filtered: BM25 scores every token.
        """
        cfg = self.config
        doc_tokens = set(corpus.lexical.tokens_of(doc_id))
        shared = {t for t in query_tokens if t in doc_tokens and len(t) > 1}
        # a fragment of a longer shared term goes even when the longer one is not shown (可靠 of 可靠性)
        shown = {t for t in shared if not t.isascii() and not any(t != o and t in o for o in shared)}
        shown = {t for t in shown if not stoplist.is_boilerplate(t)}
        for side in (corpus, reference):
            if side is not None and shown:
                n = len(side.lexical)
                shown = {t for t in shown if not stoplist.too_common(side.lexical.document_frequency(t), n,
                                                                     max_share=cfg.term_df_max,
                                                                     min_documents=cfg.term_df_min_docs)}
        n = max(len(corpus.lexical), 1)
        rarity = {t: math.log((n + 1) / (corpus.lexical.document_frequency(t) + 0.5)) for t in shown}
        terms = sorted(shown, key=lambda t: (t not in self._domain_terms, -rarity[t], t))[:limit]
        doc = corpus.docs.get(doc_id)
        texts = [d.raw_text() for d in (query, doc) if d is not None]
        english = {}
        for term in terms:
            variant = glossary.english_variant(term, texts)
            if variant:
                english[term] = variant
        return terms, english
