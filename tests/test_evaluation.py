"""The benchmark format and the metrics: bad files get a message that says where; metrics are exact."""
from __future__ import annotations

import json
import math
import subprocess
import sys
from pathlib import Path

import pytest

from matchmaker.matching.evaluation import BenchmarkError, load_benchmark, mrr_at, ndcg_at, recall_at, score_runs

ROOT = Path(__file__).resolve().parent.parent


def write_bench(tmp_path: Path, qrels: str = "N1\tA1\t3\nN1\tA2\t0\n", needs=None, achievements=None) -> Path:
    needs = needs if needs is not None else [
        {"id": "N1", "title": "铜杆表面发黑", "description": "我们厂上引法生产的铜杆表面经常氧化发黑，氧含量波动大，拉丝断线。",
         "industry": "新材料"}]
    achievements = achievements if achievements is not None else [
        {"id": "A1", "title": "上引连铸低氧铜杆氧含量控制技术", "maturity": "中试", "coop_modes": ["技术转让"],
         "abstract": "针对上引连铸低氧铜杆氧含量波动、表面氧化发黑的问题，开发氧含量在线监测与保护气氛控制技术。"},
        {"id": "A2", "title": "锂电铜箔表面粗化处理工艺", "ip_type": None,
         "abstract": "锂电池用电解铜箔的表面粗化处理工艺，提高铜箔与负极材料的结合力。"},
    ]
    (tmp_path / "needs.jsonl").write_text("\n".join(json.dumps(n, ensure_ascii=False) for n in needs), encoding="utf-8")
    (tmp_path / "achievements.jsonl").write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in achievements), encoding="utf-8")
    (tmp_path / "qrels.tsv").write_text(qrels, encoding="utf-8")
    return tmp_path


def test_a_well_formed_directory_loads(tmp_path):
    bench = load_benchmark(write_bench(tmp_path))
    assert bench.qrels == {"N1": {"A1": 3, "A2": 0}} and bench.need_ids(None) == ["N1"]
    assert bench.reverse_qrels() == {"A1": {"N1": 3}, "A2": {"N1": 0}}


@pytest.mark.parametrize("qrels, message", [
    ("N1\tA9\t2\n", "unknown id 'A9'"),
    ("N1\tA1\t5\n", "grade must be 0–3"),
    ("N1 A1 2\n", "expected need_id<TAB>achievement_id<TAB>grade"),
])
def test_bad_qrels_lines_are_named(tmp_path, qrels, message):
    with pytest.raises(BenchmarkError, match=message):
        load_benchmark(write_bench(tmp_path, qrels=qrels))


def test_bad_jsonl_is_named_with_its_line(tmp_path):
    bench = write_bench(tmp_path)
    (bench / "needs.jsonl").write_text('{"id": "N1", "title": "x", "description": "y"}\n{not json\n', encoding="utf-8")
    with pytest.raises(BenchmarkError, match="needs.jsonl line 2: not valid JSON"):
        load_benchmark(bench)
    (bench / "needs.jsonl").write_text('{"id": "N1", "title": "", "description": "y"}\n', encoding="utf-8")
    with pytest.raises(BenchmarkError, match="needs.jsonl line 1: missing title"):
        load_benchmark(bench)
    write_bench(tmp_path)
    (bench / "qrels.tsv").unlink()
    with pytest.raises(BenchmarkError, match="missing file"):
        load_benchmark(bench)


def test_metrics_on_a_known_ranking():
    grades = {"a": 3, "b": 1, "c": 0}
    ranked = ["x", "b", "a", "c"]
    assert recall_at(ranked, grades) == 1.0
    assert mrr_at(ranked, grades) == 0.5
    dcg = (2**1 - 1) / math.log2(3) + (2**3 - 1) / math.log2(4)
    ideal = (2**3 - 1) / math.log2(2) + (2**1 - 1) / math.log2(3)
    assert ndcg_at(ranked, grades) == pytest.approx(dcg / ideal)
    assert ndcg_at(["a", "b"], grades) == pytest.approx(1.0)
    # a query with nothing relevant is left out of the averages
    scores = score_runs({"q1": ranked, "q2": ["a"]}, {"q1": grades, "q2": {"a": 0}})
    assert scores["n"] == 1 and scores["mrr@10"] == 0.5


def test_evaluate_script_refuses_a_missing_directory_clearly(tmp_path):
    result = subprocess.run([sys.executable, "scripts/evaluate.py", str(tmp_path / "nope")], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 2 and "not a directory" in result.stderr


def test_evaluate_script_ranks_a_tiny_benchmark_with_the_real_engine(tmp_path):
    write_bench(tmp_path)
    result = subprocess.run([sys.executable, "scripts/evaluate.py", str(tmp_path), "--json"], cwd=ROOT,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    figures = json.loads(result.stdout)
    assert set(figures) >= {"hybrid", "bm25", "dense", "n_queries"} and figures["n_queries"] == 1
    assert figures["hybrid"]["mrr@10"] == 1.0  # the copper-rod answer is first
