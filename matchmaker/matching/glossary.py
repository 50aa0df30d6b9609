"""Domain vocabulary for matching: terms jieba must keep whole, a bilingual glossary, and
colloquial ↔ technical synonyms.

Partner universities often submit English abstracts, and the small 4-bit encoder matches
across languages poorly; enterprises describe symptoms ("发黑") where researchers name
mechanisms ("氧化"). Both sides' texts are expanded with these equivalents before encoding
and BM25, so the engine can see the shared meaning. The lists are product knowledge of the
seeds' industries, not tuned to any benchmark.

Brokers add term pairs of their own (the matching glossary pages); each process installs them
with ``set_extra`` on top of these lists. This module stays pure: it never reads the database.
"""
from __future__ import annotations

import hashlib
import json
import re
import threading
from functools import lru_cache
from typing import Iterable, Sequence

from ..taxonomy.data import INDUSTRIES

#: (Chinese, English variants...) — technical terms of the district's industries.
BILINGUAL: list[tuple[str, ...]] = [
    # copper, aluminium, materials
    ("铜杆", "copper rod", "copper rods"), ("低氧铜杆", "low-oxygen copper rod"), ("无氧铜", "oxygen-free copper"),
    ("上引连铸", "up-casting", "upward continuous casting"), ("连铸", "continuous casting"), ("连铸连轧", "continuous casting and rolling"),
    ("氧含量", "oxygen content"), ("导电率", "conductivity", "electrical conductivity"), ("铜合金", "copper alloy", "copper alloys"),
    ("铜箔", "copper foil"), ("锂电铜箔", "battery copper foil"), ("漆包线", "enamelled wire", "magnet wire"), ("拉丝", "wire drawing"),
    ("铜管", "copper tube", "copper tubes"), ("氧化", "oxidation"), ("石墨结晶器", "graphite mould", "graphite crystallizer"),
    ("保护气氛", "protective atmosphere", "inert gas shielding"), ("铝合金", "aluminium alloy", "aluminum alloy"),
    ("氧化铝", "alumina", "aluminium oxide"), ("氢氧化铝", "aluminium hydroxide"), ("赤泥", "red mud"),
    ("化合物半导体", "compound semiconductor", "compound semiconductors"), ("砷化镓", "gaas", "gallium arsenide"),
    ("磷化铟", "inp", "indium phosphide"), ("衬底", "substrate", "substrates"), ("外延", "epitaxy", "epitaxial"),
    ("激光器", "laser", "lasers"), ("芯片", "chip", "chips"), ("晶圆", "wafer", "wafers"), ("光刻", "lithography"),
    ("玄武岩纤维", "basalt fibre", "basalt fiber"), ("复合材料", "composite", "composites"), ("涂料", "coating", "coatings"),
    ("水泥", "cement"), ("混凝土", "concrete"), ("保温材料", "thermal insulation"), ("可降解", "biodegradable"),
    ("腐蚀", "corrosion"), ("耐腐蚀", "corrosion resistance"), ("焊接", "welding"), ("热处理", "heat treatment"),
    ("表面处理", "surface treatment"), ("电镀", "electroplating"), ("锻压", "forging"), ("铸造", "casting"),
    ("疲劳", "fatigue"), ("强度", "strength"), ("缺陷检测", "defect detection"), ("无损检测", "non-destructive testing"),
    # equipment, energy, electronics
    ("数控机床", "cnc machine tool"), ("机器人", "robot", "robotics"), ("机器视觉", "machine vision"),
    ("传感器", "sensor", "sensors"), ("船舶", "ship", "vessel"), ("电机", "motor", "electric motor"),
    ("锂电池", "lithium battery", "lithium-ion battery"), ("电池管理系统", "battery management system", "bms"),
    ("正极材料", "cathode material"), ("储能", "energy storage"), ("光伏", "photovoltaic", "pv"), ("氢能", "hydrogen energy"),
    ("燃料电池", "fuel cell"), ("新能源汽车", "new energy vehicle", "electric vehicle"), ("轻量化", "lightweight", "lightweighting"),
    ("物联网", "internet of things", "iot"), ("大数据", "big data"), ("人工智能", "artificial intelligence", "ai"),
    ("深度学习", "deep learning"), ("算法", "algorithm"), ("LED", "led", "light-emitting diode"), ("照明", "lighting"),
    ("故障诊断", "fault diagnosis"), ("预测性维护", "predictive maintenance"), ("能耗", "energy consumption"),
    ("余热回收", "waste heat recovery"),
    # food
    ("保鲜", "preservation", "fresh-keeping"), ("货架期", "shelf life"), ("冷链", "cold chain"), ("杀菌", "sterilization"),
    ("发酵", "fermentation"), ("果胶", "pectin"), ("柑橘", "citrus"), ("果汁", "juice"), ("榨菜", "pickled mustard"),
    ("烤鱼", "grilled fish"), ("预制菜", "prepared dishes", "ready meals"), ("调味料", "seasoning"), ("火锅底料", "hotpot base"),
    ("花椒", "sichuan pepper"), ("辣椒", "chili", "chilli"), ("茶叶", "tea"), ("白酒", "baijiu", "liquor"),
    ("食品安全", "food safety"), ("微生物", "microbial", "microorganism"), ("包装", "packaging"), ("脱水", "dehydration"),
    ("冻干", "freeze-drying", "lyophilization"), ("低盐", "low-salt", "salt reduction"),
    # medicine
    ("原料药", "api", "active pharmaceutical ingredient"), ("杂质", "impurity", "impurities"),
    ("基因毒性杂质", "genotoxic impurity", "genotoxic impurities"), ("结晶", "crystallization"), ("合成", "synthesis"),
    ("中药材", "chinese herbal medicine", "medicinal herbs"), ("提取", "extraction"), ("有效成分", "active ingredient"),
    ("制剂", "formulation", "preparation"), ("医疗器械", "medical device", "medical devices"), ("兽药", "veterinary drug"),
    ("疫苗", "vaccine"), ("饲料添加剂", "feed additive"), ("质量控制", "quality control"), ("色谱", "chromatography"),
    # agriculture, environment
    ("育种", "breeding"), ("品种", "variety", "cultivar"), ("病虫害", "pests and diseases", "pest control"),
    ("生猪", "pig", "swine", "hog"), ("长江鲟", "yangtze sturgeon", "sturgeon"), ("水产养殖", "aquaculture"),
    ("繁育", "propagation", "reproduction"), ("土壤", "soil"), ("施肥", "fertilization"), ("灌溉", "irrigation"),
    ("无人机", "drone", "uav"), ("智慧农业", "smart agriculture", "precision agriculture"),
    ("滑坡", "landslide", "landslides"), ("地质灾害", "geological hazard", "geohazard"), ("监测预警", "monitoring and early warning"),
    ("位移", "displacement"), ("北斗", "beidou", "gnss"), ("污水", "wastewater", "sewage"), ("废水", "wastewater", "effluent"),
    ("重金属", "heavy metal", "heavy metals"), ("固废", "solid waste"), ("资源化利用", "resource recovery", "recycling"),
    ("除臭", "deodorization", "odor control"), ("脱硫", "desulfurization"), ("碳排放", "carbon emission", "carbon emissions"),
]

#: Colloquial or symptom words an enterprise writes → the technical terms a researcher uses.
SYNONYMS: list[tuple[str, ...]] = [
    ("发黑", "氧化"), ("变黑", "氧化"), ("生锈", "腐蚀"), ("锈蚀", "腐蚀"), ("断线", "拉丝", "断裂"),
    ("开裂", "裂纹"), ("起泡", "气孔"), ("砂眼", "气孔", "铸造缺陷"), ("变形", "翘曲"),
    ("保质期", "货架期", "保鲜"), ("变质", "腐败", "微生物"), ("发霉", "霉变", "微生物"), ("胀袋", "产气", "杀菌"),
    ("异味", "除臭", "挥发性"), ("太咸", "低盐"), ("掉色", "色差", "褪色"), ("口感差", "质构"),
    ("耗电", "能耗"), ("费电", "能耗"), ("电费高", "能耗"), ("废渣", "固废", "资源化利用"), ("下脚料", "副产物", "资源化利用"),
    ("皮渣", "果渣", "副产物"), ("臭味", "除臭"), ("污水", "废水"), ("排污", "废水"),
    ("山体滑坡", "滑坡", "地质灾害"), ("塌方", "滑坡", "地质灾害"), ("病害", "病虫害"), ("死苗", "病害", "成活率"),
    ("长得慢", "生长速度"), ("产量低", "增产", "产量"), ("人工贵", "自动化", "机器换人"), ("招不到工", "自动化", "机器换人"),
    ("靠老师傅", "自动化", "机器视觉"), ("看不出来", "检测"), ("次品多", "良品率", "缺陷检测"), ("返工", "良品率"),
    ("电池不耐用", "续航", "电池管理系统"), ("充电慢", "快充"), ("卡脖子", "国产替代"),
]

_ASCII = re.compile(r"[a-z]")

Entry = tuple[str, ...]


class _Layer:
    """The glossary a process matches with: the built-in lists plus the extra (broker-maintained)
    entries, compiled. Immutable once built; ``set_extra`` swaps in a new one, so a thread that
    took the current layer keeps a consistent view. Hashed by identity (it keys the cache)."""

    __slots__ = ("extra_bilingual", "extra_synonyms", "bilingual", "synonyms", "english", "chinese", "english_of")

    def __init__(self, extra_bilingual: tuple[Entry, ...] = (), extra_synonyms: tuple[Entry, ...] = ()) -> None:
        self.extra_bilingual, self.extra_synonyms = extra_bilingual, extra_synonyms
        self.bilingual = [*BILINGUAL, *extra_bilingual]
        self.synonyms = [*SYNONYMS, *extra_synonyms]
        english = []
        for zh, *variants in self.bilingual:
            for variant in variants:
                pattern = re.compile(r"(?<![a-z])" + re.escape(variant.lower()) + r"(?![a-z])")
                english.append((pattern, zh))
        english.sort(key=lambda item: -len(item[0].pattern))
        chinese = [(entry[0], tuple(entry[1:])) for entry in self.synonyms]
        chinese += [(entry[0], (entry[1],)) for entry in self.bilingual if not _ASCII.search(entry[0].lower())]
        self.english: list[tuple[re.Pattern, str]] = english
        self.chinese: list[tuple[str, tuple[str, ...]]] = chinese
        #: Chinese term → its English patterns, longest first ("copper rods" before "copper rod").
        self.english_of: dict[str, list[re.Pattern]] = {}
        for pattern, zh in english:
            self.english_of.setdefault(zh, []).append(pattern)


_layer = _Layer()
_generation = 0
_swap = threading.Lock()


def set_extra(bilingual: Iterable[Sequence[str]] = (), synonyms: Iterable[Sequence[str]] = ()) -> bool:
    """Match with these entries on top of the built-in lists from now on (none: built-in only).

    ``bilingual`` entries are shaped like ``BILINGUAL``'s (Chinese, English variants...),
    ``synonyms`` like ``SYNONYMS``' (colloquial word, technical terms...). The patterns are
    recompiled, the expansion cache starts afresh, ``domain_terms()`` (jieba's dictionary) and
    the engine version follow. Returns whether anything changed (the same entries again: no).
    """
    global _layer, _generation
    extra_bilingual = tuple(tuple(entry) for entry in bilingual)
    extra_synonyms = tuple(tuple(entry) for entry in synonyms)
    with _swap:
        if (extra_bilingual, extra_synonyms) == (_layer.extra_bilingual, _layer.extra_synonyms):
            return False
        _layer = _Layer(extra_bilingual, extra_synonyms)
        _generation += 1
        _equivalents.cache_clear()  # entries of the old layer are never asked for again
    return True


def extra() -> tuple[tuple[Entry, ...], tuple[Entry, ...]]:
    """The extra entries in use: (bilingual, synonyms)."""
    layer = _layer
    return layer.extra_bilingual, layer.extra_synonyms


def generation() -> int:
    """Changes whenever ``set_extra`` changes the glossary (cheap: for caches that depend on it)."""
    return _generation


def layer_key() -> str:
    """A short name of the extra entries in use; "" when there are none (built-in only)."""
    layer = _layer
    if not (layer.extra_bilingual or layer.extra_synonyms):
        return ""
    blob = json.dumps([layer.extra_bilingual, layer.extra_synonyms], ensure_ascii=False)
    return hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def domain_terms() -> list[str]:
    """Words jieba must keep whole: taxonomy names, glossary and synonym terms (extra ones too)."""
    layer = _layer
    terms: set[str] = set()
    for _code, name, subs in INDUSTRIES:
        terms.add(name)
        terms.update(sub for _c, sub in subs)
    for entry in layer.bilingual:
        terms.add(entry[0])
    for entry in layer.synonyms:
        terms.update(entry)
    return sorted(t for t in terms if len(t) > 1 and not _ASCII.search(t.lower()))


def english_variant(term: str, texts: Iterable[str]) -> str | None:
    """How the first of ``texts`` that says ``term`` in English says it ("copper rod" for 铜杆),
    as written there (a sentence's capital lowered); None when none does."""
    patterns = _layer.english_of.get(term)
    if not patterns:
        return None
    for text in texts:
        if not text:
            continue
        lower = text.lower()
        for pattern in patterns:
            match = pattern.search(lower)
            if match:
                # lower() keeps offsets for all but a few non-Latin letters; fall back to the lowered form
                found = text[match.start() : match.end()] if len(lower) == len(text) else match.group()
                if found[:1].isupper() and found[1:] == found[1:].lower():
                    found = found[0].lower() + found[1:]
                return found
    return None


def equivalents(text: str) -> list[str]:
    """Terms that say what ``text`` says in the other vocabulary (Chinese for English terms,
    technical for colloquial words, English for Chinese technical terms), each once."""
    return list(_equivalents(text, _layer))


@lru_cache(maxsize=8192)
def _equivalents(text: str, layer: _Layer) -> tuple[str, ...]:
    # the same texts are expanded again and again (content hash, tokens, encoding): once is enough
    lower = text.lower()
    found: dict[str, None] = {}
    for pattern, zh in layer.english if _ASCII.search(lower) else ():  # English terms need Latin letters
        if zh not in text and pattern.search(lower):
            found.setdefault(zh, None)
    for word, targets in layer.chinese:
        if word in text:
            for target in targets:
                if target.lower() not in lower:
                    found.setdefault(target, None)
    return tuple(found)


def is_english(text: str) -> bool:
    """Mostly Latin letters: an English abstract (or title)."""
    letters = [c for c in text if c.isalpha()]
    return bool(letters) and sum(c.isascii() for c in letters) / len(letters) > 0.8


#: Switched off only to measure what the glossary is worth (scripts/evaluate.py --no-glossary).
ENABLED = True


def expand(text: str) -> str:
    """``text`` followed by its equivalents, for encoding and BM25 (never shown to users)."""
    if not ENABLED:
        return text
    found = equivalents(text)
    return f"{text}\n{' '.join(found)}" if found else text
