"""BM25 over jieba tokens (bm25s: sparse-matrix scoring, no per-document Python loop)."""
from __future__ import annotations

import logging
import re
import sys
import threading
from typing import Iterable, Sequence

import bm25s
import jieba
import numpy as np

jieba.setLogLevel(60)  # jieba prints its dictionary-loading chatter at INFO
logging.getLogger("bm25s").setLevel(logging.WARNING)  # and bm25s a line per index build

#: A token must hold a Chinese character or a Latin letter ("40ppm" stays, "5%" and "2024" go).
_WORD = re.compile(r"[\u4e00-\u9fff]|[a-z]", re.IGNORECASE)
_NUMBER = re.compile(r"^[\d.]+$")

#: Function words and filler that carry no topic (Chinese and English).
STOPWORDS = frozenset(
    """
    的 了 和 与 及 或 是 在 对 为 把 被 从 到 等 将 其 该 这 那 有 无 也 都 就 而 并 但 又 一个 一种 我们 我 你
    他 她 它 他们 公司 企业 我厂 厂里 目前 现在 经常 需要 希望 想 想找 找 能 能够 可以 可 会 进行 实现 通过 采用
    使用 研究 开发 技术 问题 方面 情况 相关 主要 一些 一直 比较 非常 很 太 较 更 最 还 已 已经 没有 不 不能 如何
    成果 开展 传统 具有 进一步 基于 针对 面向 本 该成果 团队 研究团队 显著 有效 良好 获得 形成
    怎么 什么 哪些 以及 以上 以下 左右 之间 同时 其中 提高 提升 降低 解决 方法 方案 系统 产品 项目 工艺 生产
    a an the of and or to in on for with by from at as is are was were be been this that these those it its
    we our they their can could will would should may using use used based via into than then such also
    """.split()
)


class Tokenizer:
    """jieba in search mode, with the platform's domain terms kept whole."""

    def __init__(self, user_words: Iterable[str] = ()) -> None:
        self._jieba = jieba.Tokenizer()
        self._lock = threading.Lock()
        self.user_words = sorted({w.strip() for w in user_words if w and w.strip()})
        for word in self.user_words:
            # a high frequency makes jieba prefer the whole term over its parts
            self._jieba.add_word(word, freq=200000)

    def tokens(self, text: str) -> list[str]:
        with self._lock:
            # search mode also emits the dictionary words inside long ones (锂电铜箔 → 铜箔, 锂电铜箔)
            pieces = self._jieba.lcut_for_search(text or "", HMM=True)
        out = []
        for piece in pieces:
            token = piece.strip().lower()
            if not token or token in STOPWORDS or not _WORD.search(token) or _NUMBER.match(token):
                continue
            out.append(sys.intern(token))
        return out


class LexicalIndex:
    """BM25 (Lucene variant) over pre-tokenised documents keyed by database id.

    bm25s builds a static sparse matrix, so changes mark the index dirty and it is rebuilt
    from the kept token lists at the next query (milliseconds for thousands of documents).
    """

    def __init__(self, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self._docs: dict[int, tuple[str, ...]] = {}
        self._ids = np.zeros(0, dtype=np.int64)
        self._position: dict[int, int] = {}
        self._bm25: bm25s.BM25 | None = None
        self._dirty = True
        self._lock = threading.Lock()

    def __len__(self) -> int:
        return len(self._docs)

    def upsert(self, item_id: int, tokens: Sequence[str]) -> None:
        self._docs[int(item_id)] = tuple(tokens)
        self._dirty = True

    def upsert_many(self, items: Iterable[tuple[int, Sequence[str]]]) -> None:
        for item_id, tokens in items:
            self._docs[int(item_id)] = tuple(tokens)
        self._dirty = True

    def remove(self, item_id: int) -> None:
        if self._docs.pop(int(item_id), None) is not None:
            self._dirty = True

    def tokens_of(self, item_id: int) -> tuple[str, ...]:
        return self._docs.get(int(item_id), ())

    def _ensure_built(self) -> None:
        if not self._dirty:
            return
        with self._lock:
            if not self._dirty:
                return
            ids = np.fromiter(self._docs.keys(), dtype=np.int64, count=len(self._docs))
            bm25 = None
            if len(ids):
                bm25 = bm25s.BM25(k1=self.k1, b=self.b)
                # an empty document still needs one token for bm25s; "" is its reserved empty token
                bm25.index([list(self._docs[i]) or [""] for i in ids], show_progress=False)
            self._ids, self._bm25 = ids, bm25
            self._position = {int(i): p for p, i in enumerate(ids)}
            self._dirty = False

    @property
    def ids(self) -> np.ndarray:
        self._ensure_built()
        return self._ids

    def scores(self, query_tokens: Sequence[str]) -> np.ndarray:
        """BM25 score of every document (aligned with ``ids``); zeros when nothing matches."""
        self._ensure_built()
        if self._bm25 is None:
            return np.zeros(0, dtype=np.float32)
        known = [t for t in query_tokens if t and t in self._bm25.vocab_dict]
        if not known:
            return np.zeros(len(self._ids), dtype=np.float32)
        return np.asarray(self._bm25.get_scores(known), dtype=np.float32)

    def top(self, query_tokens: Sequence[str], k: int, scores: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray]:
        """The ``k`` best-scoring ids with a positive score, best first.

        ``scores`` are this query's ``scores()`` when the caller already has them.
        """
        scores = self.scores(query_tokens) if scores is None else scores
        if len(scores) == 0:
            return np.zeros(0, dtype=np.int64), scores
        k = min(k, len(scores))
        part = np.argpartition(-scores, k - 1)[:k]
        part = part[scores[part] > 0]
        order = part[np.argsort(-scores[part], kind="stable")]
        return self._ids[order], scores[order]

    def document_frequency(self, token: str) -> int:
        """In how many documents ``token`` occurs (read off the sparse matrix's column pointers)."""
        self._ensure_built()
        if self._bm25 is None:
            return 0
        vid = self._bm25.vocab_dict.get(token)
        indptr = self._bm25.scores["indptr"]
        if vid is None or vid + 1 >= len(indptr):
            return 0
        return int(indptr[vid + 1] - indptr[vid])

    def position(self, item_id: int) -> int | None:
        self._ensure_built()
        return self._position.get(int(item_id))
