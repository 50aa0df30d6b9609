"""Compose demo texts (needs, achievements, proposals) from the vocabulary with a seeded RNG.

Every function takes the ``random.Random`` it draws from, so the same seed gives the same words.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Sequence

from models import CoopMode, IPType, Maturity

from .vocabulary import (
    ASKS,
    DEFAULT_IMPACTS,
    DEFAULT_TRIED,
    DEFAULT_UPGRADES,
    DELIVERABLES,
    GENERIC_ADVANTAGES,
    IMPACTS,
    PILOT_PLACES,
    TRIED,
    UPGRADES,
    Direction,
)

NEED_DESCRIPTION_LENGTH = (80, 400)
ABSTRACT_LENGTH = (120, 400)
#: English says the same in about three times as many characters.
ENGLISH_ABSTRACT_LENGTH = (200, 900)
TITLE_MAX = 60

# Three voices: manufacturers, growers (farms and co-operatives) and service providers (monitoring,
# treatment, software) describe their problems differently.
MAKER, GROWER, SERVICE = "maker", "grower", "service"
_SERVICE_DIRECTIONS = frozenset({"electronics.software", "electronics.iot"})


def voice_of(direction: Direction) -> str:
    if direction.top == "environment" or direction.code in _SERVICE_DIRECTIONS:
        return SERVICE
    if direction.top == "agriculture" and direction.code != "agriculture.smart_agri":
        return GROWER
    return MAKER


_TITLES: dict[str, tuple[str, ...]] = {
    MAKER: (
        "{product}{problem}问题攻关",
        "解决{product}{problem}难题",
        "{product}{process}工艺优化",
        "{product}{problem}、{problem2}技术改进",
        "提升{product}质量稳定性（{problem}）",
        "寻求{product}{problem}的解决方案",
        "{product}{upgrade}",
        "{product}{problem}成因分析及控制技术",
    ),
    GROWER: (
        "{product}{problem}问题攻关",
        "解决{product}{problem}的技术需求",
        "{product}{upgrade}",
        "{product}{problem}、{problem2}综合解决方案",
        "寻求{product}{problem}的适用技术",
        "{product}{process}技术提升",
    ),
    SERVICE: (
        "{product}{problem}问题攻关",
        "解决{product}{problem}的技术需求",
        "{product}{upgrade}",
        "{product}{problem}、{problem2}综合解决方案",
        "寻求{product}{problem}的解决方案",
    ),
}

# Colloquial descriptions are how enterprises actually fill in the form (我们厂…经常…想找…).
_COLLOQUIAL: dict[str, tuple[str, ...]] = {
    MAKER: (
        "{we}主要做{product}，{scale}。{situation}，经常出现{problem}的情况，{impact}。想找高校或者科研院所帮忙看看，最好能做到{ind1}。",
        "{product}是{we}的主打产品，这两年{problem}的问题一直没解决好。{situation}。{tried}，效果都不理想。希望有懂行的专家到现场看看，{ask}。",
        "{we}{scale}，{process}这道工序毛病最多，主要是{problem}和{problem2}。{impact}。想找团队合作攻关，目标是{ind1}、{ind2}。",
        "说实话{we}技术力量弱，{situation}。现在{product}{problem}，{impact}，想请专家{ask}。预算可以商量。",
    ),
    GROWER: (
        "{we}{scale}，主要是{product}。{situation}，这几年{product}{problem}，{impact}。想请专家来现场指导，最好能做到{ind1}。",
        "{product}{problem}是{we}最头疼的事。{situation}，{tried}，效果都不明显。希望有科研单位能{ask}。",
        "{situation}。现在{product}{problem}、{problem2}，{impact}。想找高校或农科院合作，目标是{ind1}。",
    ),
    SERVICE: (
        "{we}{scale}，{situation}。{product}{problem}，{impact}。想找高校院所合作，最好能做到{ind1}、{ind2}。",
        "{product}{problem}的问题一直困扰{we}。{tried}，效果有限。希望有专家团队{ask}。",
        "说实话{we}技术力量有限，{situation}。{product}{problem}、{problem2}，{impact}，想请专家{ask}。",
    ),
}

_FORMAL: dict[str, tuple[str, ...]] = {
    MAKER: (
        "本企业主要从事{product}的研发与生产，{scale}。目前{process}环节存在{problem}、{problem2}等问题，{impact}。拟通过{coop}方式引进{field}领域成熟技术，实现{ind1}、{ind2}。",
        "为提升{product}的市场竞争力，企业亟需解决{product}{problem}这一关键技术难题。{situation}。希望与高校院所联合开展技术攻关，形成可推广的{deliverable}，达到{ind1}等指标要求。",
        "{field}是{region}重点发展的产业方向。我单位{scale}，在{process}过程中{product}{problem}，制约了产品向中高端延伸。现面向高校院所征集解决方案，要求{ind1}，并具备产业化应用条件。",
        "企业现有{product}生产线及配套检测设备，{situation}。针对{problem}、{problem2}等问题，拟开展{deliverable}研究，技术路线不限，欢迎有相关成果的团队对接。",
    ),
    GROWER: (
        "本单位{scale}，主要经营{product}。当前生产中存在{problem}、{problem2}等问题，{impact}。拟通过{coop}方式引进{field}领域适用技术，实现{ind1}、{ind2}。",
        "{field}是{region}重点发展的特色农业产业。{situation}，{product}{problem}已成为制约增收的主要因素。现征集技术解决方案，要求{ind1}，并能在山地条件下推广应用。",
    ),
    SERVICE: (
        "本单位{scale}。当前{product}{process}工作中存在{problem}、{problem2}等问题，{impact}。拟通过{coop}方式引进{field}领域成熟技术，实现{ind1}、{ind2}。",
        "{situation}。针对{product}{problem}的问题，拟开展{deliverable}研究，要求{ind1}，技术路线不限，欢迎高校院所对接。",
    ),
}

_COLLOQUIAL_SHARE = {MAKER: 0.4, GROWER: 0.6, SERVICE: 0.3}

_ACHIEVEMENT_TEMPLATES = (
    "针对{product}{problem}、{problem2}等难题，研究团队开发了{title}。该技术综合运用{techs}，{effect}。{indicators}{ip}{maturity}可应用于{apps}等领域。",
    "本成果面向{apps}的需求，围绕{product}{problem}问题开展系统研究，形成了{title}。关键技术包括：{tech_list}。{indicators}{maturity}{ip}",
    "{product}{problem}是制约行业发展的突出问题。团队历经{years}年攻关，突破了{techs}等关键技术，形成了{title}，{effect}。{indicators}{ip}{maturity}",
    "该成果以{tech1}为核心，建立了{title}。与传统技术相比，{effect}，{effect2}。{indicators}{maturity}{ip}",
)

_ENGLISH_TEMPLATES = (
    "This project addresses {problem} in {product}. The team has developed {approach}, combining {tech1} with {tech2}. In trials, {effect}. Key indicators: {ind1}; {ind2}. {ip}{maturity}",
    "Targeting {app1} and {app2}, we propose {approach}. The core techniques include {techs}. Compared with conventional practice, {effect}, and {effect2}. {maturity}{ip}",
    "{Problem} remains a bottleneck for {product}. Over {years} years our group has worked on {tech1} and {tech2}, resulting in {approach}. Measured results show {ind1} and {ind2}. {maturity}{ip}",
)

_INDICATOR_SENTENCES = ("经第三方检测，{0}，{1}。", "主要技术指标：{0}；{1}。", "实测{0}，{1}。")


@dataclass(frozen=True)
class NeedText:
    #: The product the need is about and its problems (pairings look for achievements on them).
    product: str
    problems: tuple[str, ...]
    title: str
    description: str
    current_situation: str
    target_indicators: str
    keywords: list[str]


@dataclass(frozen=True)
class AchievementText:
    title: str
    abstract: str
    advantages: str
    keywords: list[str]
    #: Problems the abstract says it solves (none for English abstracts).
    problems: tuple[str, ...] = ()


# "水肥一体化设备" + "设备故障多" must not read "设备设备故障多".
_DOUBLED = re.compile(r"(设备|系统|平台|材料|产品)\1")


def _tidy(text: str) -> str:
    return _DOUBLED.sub(r"\1", text)


def nice_number(rng: random.Random, low: int, high: int) -> int:
    """A random number in [low, high] rounded to two significant digits, as people write sizes."""
    n = rng.randint(low, high)
    magnitude = 10 ** max(len(str(n)) - 2, 0)
    return max(low, round(n / magnitude) * magnitude)


def _pick(rng: random.Random, options: Sequence[str], k: int) -> list[str]:
    return rng.sample(list(options), min(k, len(options)))


def _first_person(org_name: str, voice: str, rng: random.Random) -> str:
    if "合作社" in org_name:
        return "我们合作社"
    if "农场" in org_name:
        return "我们农场"
    if voice == MAKER:
        return rng.choice(("我们厂", "我们公司"))
    return "我们公司"


def compose_need(
    rng: random.Random,
    direction: Direction,
    *,
    org_name: str,
    region_name: str,
    coop_modes: Sequence[str],
    taken: set[str],
    descriptions: set[str],
    title: str | None = None,
    product: str | None = None,
    problems: Sequence[str] = (),
    indicators: Sequence[str] = (),
    situation: str | None = None,
    colloquial: bool | None = None,
) -> NeedText:
    """Write one 征集表 entry whose title and description are new to ``taken`` and ``descriptions``."""
    voice = voice_of(direction)
    for _ in range(200):
        prod = product or rng.choice(direction.products)
        fitting = direction.fitting(direction.problems, prod)
        chosen = list(problems) + _pick(rng, [p for p in fitting if p not in problems], 2)
        problem, problem2 = chosen[0], chosen[1]
        words = {
            "product": prod,
            "problem": problem,
            "problem2": problem2,
            "process": rng.choice(direction.fitting(direction.processes, prod)),
            "upgrade": rng.choice(direction.upgrades or UPGRADES.get(direction.top, DEFAULT_UPGRADES)),
        }
        if title:  # hand-written titles are reserved by the caller
            candidate = title
            break
        candidate = _tidy(rng.choice(_TITLES[voice]).format(**words))
        if len(candidate) <= TITLE_MAX and candidate not in taken:
            break
    else:  # pragma: no cover - the vocabulary is far larger than the number of needs
        raise RuntimeError(f"could not find a new need title in {direction.code}")
    taken.add(candidate)

    prod = words["product"]
    fitting_indicators = direction.fitting(direction.indicators, prod)
    inds = list(indicators) + _pick(rng, [i for i in fitting_indicators if i not in indicators], 3)
    n_low, n_high = direction.scale_range
    if colloquial is None:
        colloquial = rng.random() < _COLLOQUIAL_SHARE[voice]
    low, high = NEED_DESCRIPTION_LENGTH
    # Small directions run out of combinations: draw the free words again until the text is new.
    for _ in range(50):
        words.update(
            we=_first_person(org_name, voice, rng),
            scale=direction.scale.format(product=prod, n=nice_number(rng, n_low, n_high)),
            situation=situation or rng.choice(direction.fitting(direction.situations, prod)),
            impact=rng.choice(IMPACTS.get(direction.top, DEFAULT_IMPACTS)),
            tried=rng.choice(TRIED.get(direction.top, DEFAULT_TRIED)),
            ask=ASKS[coop_modes[0]] if coop_modes else ASKS["development"],
            coop="、".join(_coop_label(m) for m in coop_modes) or "技术开发",
            field=direction.field,
            region=region_name,
            deliverable=rng.choice(DELIVERABLES[direction.top]),
            ind1=inds[0],
            ind2=inds[1],
        )
        description = _fill_description(rng, (_COLLOQUIAL if colloquial else _FORMAL)[voice], words, low, high)
        if description not in descriptions:
            break
    else:  # pragma: no cover - the vocabulary is far larger than the number of needs
        raise RuntimeError(f"could not write a new need description in {direction.code}")
    descriptions.add(description)

    current = _tidy(f"{words['situation']}。{words['product']}{words['problem']}，{words['impact']}。")
    shown = inds[: max(len(indicators), rng.randint(2, 3))]
    targets = "；".join(f"{i}. {text}" for i, text in enumerate(shown, start=1))
    keywords = _dedupe([prod, *_pick(rng, direction.fitting(direction.keywords, prod), rng.randint(2, 4))])
    return NeedText(prod, (problem, problem2), candidate, description, current, targets, keywords)


def _fill_description(rng: random.Random, templates: Sequence[str], words: dict, low: int, high: int) -> str:
    """The first template (in random order) whose text fits the form's length.

    Short texts get one more sentence the template did not already say.
    """
    order = list(templates)
    rng.shuffle(order)
    for template in order:
        description = _tidy(template.format(**words))
        extras = [f"另外，{words['product']}{words['problem2']}的问题也比较突出。",
                  f"目前的情况是：{words['situation']}。", f"希望最终能做到{words['ind1']}。"]
        for extra in extras:
            if len(description) >= low:
                break
            if extra[-12:-1] not in description:
                description = _tidy(description + extra)
        if low <= len(description) <= high:
            return description
    raise RuntimeError("no need description of acceptable length")  # pragma: no cover


def _coop_label(mode: str) -> str:
    return CoopMode(mode).label


def _dedupe(items: Sequence[str]) -> list[str]:
    seen: list[str] = []
    for item in items:
        if item not in seen:
            seen.append(item)
    return seen


def ip_sentence(ip_type: IPType, count: int) -> str:
    return {
        IPType.INVENTION_PATENT: f"已获授权发明专利{count}项。",
        IPType.UTILITY_MODEL: f"已获授权实用新型专利{count}项。",
        IPType.SOFTWARE_COPYRIGHT: f"已登记软件著作权{count}项。",
        IPType.PLANT_VARIETY: "已获植物新品种权1项。",
        IPType.KNOW_HOW: "核心工艺以技术秘密方式保护。",
    }[ip_type]


def maturity_sentence(rng: random.Random, maturity: Maturity) -> str:
    if maturity == Maturity.LAB:
        return "目前已完成实验室原理验证，正寻求合作开展小试。"
    if maturity == Maturity.BENCH:
        return rng.choice(("已完成小试验证，拟与企业合作开展中试。", "小试样品经用户试用，性能满足要求。"))
    if maturity == Maturity.PILOT:
        return f"已在{rng.choice(PILOT_PLACES)}完成中试，连续稳定运行{rng.randint(3, 12)}个月，具备产业化条件。"
    return f"已在{rng.randint(2, 12)}家企业推广应用，累计新增产值{rng.randint(2, 30) / 10:.1f}亿元。"


def compose_achievement(
    rng: random.Random,
    direction: Direction,
    *,
    maturity: Maturity,
    ip_type: IPType,
    ip_count: int,
    taken: set[str],
    title: str | None = None,
) -> AchievementText:
    """Write a Chinese university-style abstract; ``title`` defaults to an unused approach."""
    title = title or new_title(rng, direction, taken)
    taken.add(title)
    product = rng.choice(direction.approach_products(title))

    def fitting(phrases: tuple[str, ...], k: int) -> list[str]:
        # Phrases tagged for fewest products first: they are the ones this result is about.
        ranked = sorted(direction.fitting(phrases, product),
                        key=lambda p: (len(direction.fits.get(p, direction.products)), rng.random()))
        return ranked[:k]

    problem, problem2 = fitting(direction.problems, 2)
    techs = fitting(direction.techs, 3)
    effects = fitting(direction.effects, 2) * 2  # repeated so effect2 exists for one-effect lists
    inds = fitting(direction.indicators, 2)
    words = {
        "title": title,
        "product": product,
        "problem": problem,
        "problem2": problem2,
        "techs": "、".join(techs),
        "tech1": techs[0],
        "tech_list": "；".join(f"（{i}）{t}" for i, t in enumerate(techs, start=1)),
        "effect": effects[0],
        "effect2": effects[1],
        "apps": "、".join(fitting(direction.applications, 2)),
        "years": rng.randint(3, 10),
        "indicators": rng.choice(_INDICATOR_SENTENCES).format(*inds),
        "ip": ip_sentence(ip_type, ip_count),
        "maturity": maturity_sentence(rng, maturity),
    }
    templates = list(_ACHIEVEMENT_TEMPLATES)
    rng.shuffle(templates)
    low, high = ABSTRACT_LENGTH
    for template in templates:
        abstract = _tidy(template.format(**words))
        if len(abstract) < low:
            abstract += f"成果已在{fitting(direction.applications, 1)[0]}等场景开展应用验证。"
        if low <= len(abstract) <= high:
            break
    else:  # pragma: no cover - every template fits with the current vocabulary
        raise RuntimeError(f"no abstract of acceptable length in {direction.code}")
    advantages = _advantages(rng, effects[:2])
    keywords = _dedupe([product, *fitting(direction.keywords, rng.randint(1, 3)), *techs[:2]])[:6]
    return AchievementText(title, abstract, advantages, keywords, (problem, problem2))


def compose_english_achievement(
    rng: random.Random,
    direction: Direction,
    *,
    maturity: Maturity,
    ip_type: IPType,
    ip_count: int,
    taken: set[str],
) -> AchievementText:
    """Write an English abstract (partner universities often submit one) under its Chinese title."""
    entry = rng.choice([e for e in direction.english if e.title not in taken])
    taken.add(entry.title)
    techs = list(entry.techs)
    words = {
        "approach": entry.approach,
        "product": entry.product,
        "problem": entry.problem,
        "Problem": entry.problem[0].upper() + entry.problem[1:],
        "tech1": techs[0],
        "tech2": techs[1],
        "techs": ", ".join(techs[:-1]) + " and " + techs[-1],
        "effect": entry.effects[0],
        "effect2": entry.effects[-1],
        "ind1": entry.indicators[0],
        "ind2": entry.indicators[-1],
        "app1": entry.applications[0],
        "app2": entry.applications[-1],
        "years": rng.randint(4, 12),
        "ip": _english_ip(ip_type, ip_count),
        "maturity": _english_maturity(rng, maturity),
    }
    low, high = ENGLISH_ABSTRACT_LENGTH
    templates = list(_ENGLISH_TEMPLATES)
    rng.shuffle(templates)
    abstract = next((text for text in (t.format(**words).strip() for t in templates) if low <= len(text) <= high),
                    None)
    if abstract is None:  # pragma: no cover - the English entries are short enough
        raise RuntimeError(f"no English abstract of acceptable length for {entry.title}")
    advantages = "; ".join(e[0].upper() + e[1:] for e in entry.effects) + "."
    keywords = list(entry.keywords)
    return AchievementText(entry.title, abstract, advantages, keywords)


def _english_ip(ip_type: IPType, count: int) -> str:
    plural = "s have" if count > 1 else " has"
    return {
        IPType.INVENTION_PATENT: f"{count} Chinese invention patent{plural} been granted.",
        IPType.UTILITY_MODEL: f"{count} utility-model patent{plural} been granted.",
        IPType.SOFTWARE_COPYRIGHT: "The control software is registered for copyright.",
        IPType.PLANT_VARIETY: "A plant variety right has been granted.",
        IPType.KNOW_HOW: "Core process parameters are protected as know-how.",
    }[ip_type] + " "


def _english_maturity(rng: random.Random, maturity: Maturity) -> str:
    return {
        Maturity.LAB: "The principle has been verified in the laboratory.",
        Maturity.BENCH: "Bench-scale trials have been completed and pilot partners are sought.",
        Maturity.PILOT: f"A pilot line has been running stably for {rng.randint(3, 12)} months.",
        Maturity.INDUSTRIAL: f"The technology is in use at {rng.randint(2, 9)} companies.",
    }[maturity] + " "


def new_title(rng: random.Random, direction: Direction, taken: set[str]) -> str:
    """An achievement title of the direction not yet in ``taken``."""
    free = [a for a in direction.approaches if a not in taken]
    if free:
        return rng.choice(free)
    # More achievements than approaches: name one after a product and a key technique.
    for _ in range(100):
        title = f"{rng.choice(direction.products)}{rng.choice(direction.techs)}关键技术"
        if title not in taken:
            return title
    raise RuntimeError(f"could not find a new achievement title in {direction.code}")


def _advantages(rng: random.Random, effects: Sequence[str]) -> str:
    points = _dedupe(effects) + [rng.choice(GENERIC_ADVANTAGES)]
    return "；".join(f"{'①②③'[i]}{p}" for i, p in enumerate(points)) + "。"


_PLANS = (
    "分三个阶段实施：现场调研与方案设计、小试验证、现场中试与验收",
    "先在企业现场开展工况诊断，再进行工艺优化和装备改造",
    "依托已有成果开展适应性开发，并在企业产线进行示范应用",
)


def compose_proposal(
    rng: random.Random, team_direction: Direction, *, team_name: str, indicators: Sequence[str], months: int
) -> str:
    """The summary of a 揭榜 proposal, in the words of the team's own field."""
    techs = _pick(rng, team_direction.techs, 2) * 2
    inds = list(indicators)[:2] or _pick(rng, team_direction.indicators, 2)
    return (
        f"我单位{team_name}长期从事{team_direction.field}研究，拟采用{techs[0]}与{techs[1]}相结合的技术路线，"
        f"{rng.choice(_PLANS)}。预期实现{'、'.join(inds)}，项目周期{months}个月。"
    )


def compose_challenge_requirements(direction: Direction, *, need_title: str, indicators: str, months: int) -> str:
    """The requirements text of a 揭榜挂帅 call."""
    return (
        f"面向国内高校院所和科研团队公开张榜，征集“{need_title}”技术解决方案。揭榜要求：{indicators}；"
        f"项目周期不超过{months}个月，成果须在发榜企业完成应用验证；"
        f"揭榜团队须具备{direction.field}领域研究基础和相关知识产权。"
    )
