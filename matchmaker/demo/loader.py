"""Load a realistic, deterministic demo: the 2024 collection of 242 needs (33 key), 46 university
teams with 71 achievements (43 selected), and brokers' pairings through to registered contracts.

Figures follow the Wanzhou report (seeds/000); vocabulary follows the S&T plan (seeds/001).
"""
from __future__ import annotations

import random
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, timezone
from decimal import Decimal
from typing import NamedTuple, Sequence, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session
from stdnum.cn import uscc

from models import (
    CONTRACT_STAGES,
    Achievement,
    AchievementStatus,
    Base,
    Challenge,
    ChallengeCriterion,
    ChallengeMilestone,
    ChallengeStatus,
    CloseReason,
    Contract,
    ContractSubType,
    ContractType,
    CoopMode,
    EventAchievement,
    EventKind,
    EventNeed,
    EventOutcome,
    ImportBatch,
    ImportKind,
    ImportStatus,
    Industry,
    IPType,
    MatchmakingEvent,
    Maturity,
    Milestone,
    NeedStatus,
    Organization,
    OrgKind,
    Pairing,
    Proposal,
    ProposalStatus,
    Region,
    ResearchTeam,
    Response,
    Role,
    Stage,
    StageEvent,
    TechNeed,
    User,
)

from ..taxonomy.services import sync_taxonomy
from . import texts
from .vocabulary import (
    BRAND_FIRST,
    BRAND_SECOND,
    BY_CODE,
    CLOSED_REASONS,
    COMPANY_PREFIXES,
    COUNTIES,
    DECLINE_NOTES,
    DIRECTIONS,
    ENTERPRISE_NOTES,
    GIVEN_CHARS,
    MILESTONES,
    STAGE_NOTES,
    SURNAMES,
    TOWNS,
    UNIVERSITY_NOTES,
    Direction,
)

DEMO_PASSWORD = "demo1234"


class DemoAccount(NamedTuple):
    """A sign-in of the demo: (email, name, role, organisation name)."""

    email: str
    name: str
    role: Role
    organization: str


GOVERNMENT = "万州区科学技术局"
COPPER_ENTERPRISE = "重庆万州鑫峡铜业有限公司"
FOOD_ENTERPRISE = "重庆万州渝峡食品有限公司"
DEMO_UNIVERSITY = "重庆三峡学院"
DEMO_INSTITUTE = "中国科学院重庆绿色智能技术研究院"

DEMO_ACCOUNTS: list[DemoAccount] = [
    DemoAccount("qiye@demo.cn", "周志强", Role.ENTERPRISE, COPPER_ENTERPRISE),
    DemoAccount("qiye2@demo.cn", "谭晓燕", Role.ENTERPRISE, FOOD_ENTERPRISE),
    DemoAccount("gaoxiao@demo.cn", "刘文博", Role.UNIVERSITY, DEMO_UNIVERSITY),
    DemoAccount("yuansuo@demo.cn", "陈思远", Role.UNIVERSITY, DEMO_INSTITUTE),
    DemoAccount("jingjiren@demo.cn", "何静", Role.BROKER, GOVERNMENT),
    DemoAccount("admin@demo.cn", "王立新", Role.ADMIN, GOVERNMENT),
]

BATCH_2024 = "2024年度技术需求征集"
BATCH_2025 = "2025年度技术需求征集"
ACHIEVEMENT_BATCH_2024 = "2024年度科技成果征集"
#: Why brokers marked a key need (重点需求) or selected an achievement (遴选), as the report puts it.
KEY_RATIONALES = (
    "{industry}方向的共性难题，目标指标明确，纳入2024年重庆市自然科学基金创新发展联合基金（万州区）项目申报指南。",
    "企业已落实配套资金，技术指标清晰，推荐申报市级重大（重点）科技专项。",
    "{industry}重点产业链需求，已有高校团队表达意向，推荐申报市级川渝科技合作项目。",
    "{industry}骨干企业提出，可带动上下游配套，列为年度重点攻关需求。",
)
SELECTION_RATIONALES = (
    "{maturity}阶段成果，契合{industry}重点产业技术需求，适合在万州落地转化。",
    "拥有{ip}，权属清晰，可与本地{industry}企业的重点需求精准匹配。",
    "{org}高价值成果，技术指标领先，已有本地企业表达合作意向。",
)
NEED_COUNT, KEY_NEED_COUNT = 242, 33
ACHIEVEMENT_COUNT, SELECTED_COUNT, TEAM_COUNT = 71, 43, 46
ENGLISH_ABSTRACTS = 8

# Administrative division codes (GB/T 2260) that open a 统一社会信用代码.
DIVISIONS = {"wanzhou": "500101", "kaizhou": "500154", "yunyang": "500235", "dazhou": "511700"}
REGION_WEIGHTS = {"wanzhou": 0.68, "dazhou": 0.13, "kaizhou": 0.12, "yunyang": 0.07}
REGION_NAMES = {"wanzhou": "万州", "dazhou": "达州", "kaizhou": "开州", "yunyang": "云阳"}
USCC_ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"


class ResearchOrgSpec(NamedTuple):
    """A university or institute of the demo and the directions of its teams."""

    name: str
    kind: OrgKind
    #: First 8 characters of the credit code: registration authority, type and division.
    code_prefix: str
    region: str | None
    #: One research team per entry, by technology direction.
    teams: tuple[str, ...]


RESEARCH_ORGS: tuple[ResearchOrgSpec, ...] = (
    ResearchOrgSpec("重庆三峡学院", OrgKind.UNIVERSITY, "12500000", "wanzhou", (
        "food.condiments", "food.fruit_veg", "food.meat", "agriculture.citrus", "agriculture.tea",
        "environment.water", "environment.geohazard", "electronics.lighting")),
    ResearchOrgSpec("重庆大学", OrgKind.UNIVERSITY, "12100000", None, (
        "new_materials.copper", "new_materials.special_aluminium", "equipment.forging",
        "environment.geohazard", "equipment.vehicles", "biomedicine.medical_devices")),
    ResearchOrgSpec("上海交通大学", OrgKind.UNIVERSITY, "12100000", None, (
        "new_materials.compound_semiconductor", "equipment.shipbuilding", "new_energy.hydrogen",
        "biomedicine.api", "new_energy.batteries")),
    ResearchOrgSpec("西北工业大学", OrgKind.UNIVERSITY, "12100000", None, (
        "new_materials.special_aluminium", "new_materials.synthetic", "equipment.forging",
        "equipment.intelligent")),
    ResearchOrgSpec("重庆三峡医药高等专科学校", OrgKind.UNIVERSITY, "12500000", "wanzhou", (
        "biomedicine.api", "biomedicine.tcm", "biomedicine.vet")),
    ResearchOrgSpec("中国科学院金属研究所", OrgKind.INSTITUTE, "12100000", None, (
        "new_materials.copper", "equipment.surface_treatment")),
    ResearchOrgSpec(DEMO_INSTITUTE, OrgKind.INSTITUTE, "12100000", None, (
        "environment.water", "environment.solid_waste", "electronics.software",
        "agriculture.smart_agri", "electronics.chips")),
    ResearchOrgSpec("重庆交通大学", OrgKind.UNIVERSITY, "12500000", None, (
        "environment.geohazard", "equipment.shipbuilding", "new_materials.green_building",
        "food.cold_chain")),
    ResearchOrgSpec("重庆安全技术职业学院", OrgKind.UNIVERSITY, "12500000", "wanzhou", (
        "electronics.iot", "environment.energy_saving")),
    ResearchOrgSpec("重庆三峡农业科学院", OrgKind.INSTITUTE, "12500101", "wanzhou", (
        "agriculture.citrus", "agriculture.seeds", "agriculture.livestock")),
    ResearchOrgSpec("万州区水产研究所", OrgKind.INSTITUTE, "12500101", "wanzhou", ("agriculture.aquaculture",)),
    # A 民办非企业单位 (credit code type 52), the 万达开 partner of the basalt-fibre cable project.
    ResearchOrgSpec("达州产业技术研究院", OrgKind.INSTITUTE, "52511700", "dazhou", ("new_materials.basalt_fibre",)),
    ResearchOrgSpec("西南大学", OrgKind.UNIVERSITY, "12100000", None, ("food.grain_oil", "food.fruit_veg")),
)

if sum(d.needs for d in DIRECTIONS) != NEED_COUNT or sum(len(o.teams) for o in RESEARCH_ORGS) != TEAM_COUNT:
    raise ValueError("the demo plan no longer matches the report's 242 needs and 46 teams")  # pragma: no cover

#: Partners that submit English abstracts.
ENGLISH_SOURCES = frozenset({"上海交通大学", "西北工业大学"})
#: Teams that get at least two achievements, so the copper needs have several candidates.
MIN_ACHIEVEMENTS = {("重庆大学", "new_materials.copper"): 2, ("中国科学院金属研究所", "new_materials.copper"): 2}
#: Titles given to a team's first achievements, so the demo users' needs have fitting partners.
PRESET_TITLES = {
    ("重庆大学", "new_materials.copper"): "超细铜合金丝连续拉拔退火成套技术",
    ("中国科学院金属研究所", "new_materials.copper"): "铜杆表面抗氧化钝化处理工艺",
    ("重庆交通大学", "food.cold_chain"): "预制菜速冻品质保持技术",
    (DEMO_UNIVERSITY, "food.condiments"): "火锅底料自动化炒制与风味标准化技术",
    (DEMO_INSTITUTE, "environment.water"): "分散式污水处理站智慧运维平台",
    # The 万达开 basalt-fibre cable project of the report (seeds/000).
    ("达州产业技术研究院", "new_materials.basalt_fibre"): "玄武岩纤维阻燃填充线缆制备技术",
}


class AnchorNeed(NamedTuple):
    """A need written by hand (title and the words it must use); the text around it is composed."""

    key: str
    code: str
    title: str
    product: str
    problems: tuple[str, ...]
    indicators: tuple[str, ...]
    owner: str | None = None
    is_key: bool = True
    situation: str | None = None
    colloquial: bool | None = None


ANCHOR_NEEDS: tuple[AnchorNeed, ...] = (
    AnchorNeed("copper_oxygen", "new_materials.copper", "上引连铸低氧铜杆氧含量波动大、表面氧化发黑问题攻关",
               "低氧铜杆", ("氧含量波动大", "表面氧化发黑"), ("氧含量≤10ppm", "导电率≥101%IACS", "表面氧化膜厚度≤3nm"),
               owner="qiye", situation="目前氧含量靠离线取样化验，结果出来要两三个小时", colloquial=True),
    AnchorNeed("copper_wire", "new_materials.copper", "低氧铜杆拉丝断线率高的原因分析及工艺改进",
               "低氧铜杆", ("拉丝断线率高", "夹杂物偏多"), ("断线率≤0.5次/吨", "延伸率≥35%"), owner="qiye", is_key=False),
    AnchorNeed("copper_storage", "new_materials.copper", "低氧铜杆库存及运输期间表面变色防护技术",
               "低氧铜杆", ("表面氧化发黑", "批次稳定性差"), ("表面氧化膜厚度≤3nm",), owner="qiye", is_key=False,
               situation="收线后的铜杆在车间放几天就开始变色"),
    AnchorNeed("copper_foil", "new_materials.copper", "4.5μm高精锂电铜箔抗拉强度和延伸率提升",
               "高精锂电铜箔", ("抗拉强度不足", "延伸率偏低"), ("铜箔厚度4.5μm±0.2μm", "抗拉强度≥300MPa", "针孔数≤1个/m²")),
    AnchorNeed("basalt_cable", "new_materials.basalt_fibre", "新型阻燃玄武岩纤维填充线缆开发及性能研究",
               "玄武岩纤维线缆填充绳", ("阻燃性能不达标", "与护套料相容性差"), ("氧指数≥32", "拉伸强度≥2500MPa")),
    AnchorNeed("vcsel", "new_materials.compound_semiconductor", "VCSEL外延片波长均匀性和氧化孔径一致性提升",
               "VCSEL外延片", ("波长均匀性差", "氧化孔径一致性差"), ("波长均匀性≤±1nm", "氧化孔径偏差≤0.3μm")),
    AnchorNeed("plating", "equipment.surface_treatment", "电镀园区含镍含铬废水深度处理与分质回用",
               "电镀废水", ("重金属排放超标", "回用率低"), ("总镍≤0.1mg/L", "总铬≤0.5mg/L", "废水回用率≥70%")),
    AnchorNeed("citrus_residue", "food.fruit_veg", "柑橘皮渣果胶、精油联产及高值化利用",
               "柑橘皮渣", ("综合利用率低", "霉变腐败"), ("果胶得率≥15%", "皮渣综合利用率≥90%")),
    AnchorNeed("nfc_juice", "food.fruit_veg", "NFC橙汁冷藏期褐变和风味劣变控制",
               "NFC橙汁", ("褐变严重", "风味劣变"), ("褐变指数降低50%", "维生素C保留率≥85%"), is_key=False),
    AnchorNeed("zhacai", "food.fruit_veg", "低盐榨菜腌制过程亚硝酸盐控制与保脆技术",
               "榨菜", ("含盐量偏高", "脆度下降"), ("含盐量≤4%", "腌制废水回用率≥60%")),
    AnchorNeed("grilled_fish", "food.cold_chain", "万州烤鱼预制菜冷链货架期短、复热口感差问题攻关",
               "烤鱼预制菜", ("货架期短", "复热后口感差"), ("冷藏货架期≥21天", "冷链全程温度偏差≤±1℃"),
               owner="qiye2", situation="冷冻烤鱼复热后鱼肉发柴", colloquial=True),
    AnchorNeed("fish_seasoning", "food.condiments", "烤鱼调料自动化炒制与风味标准化",
               "烤鱼调料", ("炒制全靠人工经验", "批次风味不一致"), ("批次感官评分偏差≤5%", "保质期≥18个月"),
               owner="qiye2", is_key=False),
    AnchorNeed("api_impurity", "biomedicine.api", "原料药合成工艺中基因毒性杂质的检测与控制",
               "原料药", ("基因毒性杂质控制难", "有关物质超标"), ("基因毒性杂质低于1.5μg/天TTC限度", "单杂≤0.1%")),
    AnchorNeed("rfid", "biomedicine.medical_devices", "医用耗材高通量RFID识别与全流程追溯",
               "医用耗材", ("出入库追溯靠人工",), ("识别率≥99.9%", "批量识别≥200件/秒")),
    AnchorNeed("sturgeon", "agriculture.aquaculture", "长江鲟人工繁育受精率和苗种成活率提升",
               "长江鲟", ("人工繁育成活率低", "亲本性腺发育不同步"), ("受精率≥70%", "苗种成活率≥50%")),
    AnchorNeed("tea", "agriculture.tea", "名优绿茶机械化加工条索不紧、香气不足问题",
               "名优绿茶", ("条索不紧", "香气不足"), ("感官审评≥88分", "加工能耗降低20%"), is_key=False),
    AnchorNeed("landslide", "environment.geohazard", "三峡库区库岸滑坡深部位移实时监测与预警",
               "库岸滑坡", ("深部位移难以实时监测", "预警误报漏报多"), ("位移监测精度≤1mm", "预警准确率≥90%", "预警提前量≥24h")),
)

COPPER_ROD_TITLE = "上引连铸低氧铜杆氧含量在线控制技术"


class AnchorAchievement(NamedTuple):
    """An achievement written by hand (the copper-rod result, the 4200万元 RFID licence)."""

    key: str
    org: str
    code: str
    #: Products it applies to (pairings need one of them).
    products: tuple[str, ...]
    title: str
    abstract: str
    advantages: str
    keywords: tuple[str, ...]
    maturity: Maturity
    trl: int
    ip_type: IPType
    ip_count: int
    coop_modes: tuple[str, ...]
    price_wan: Decimal | None


ANCHOR_ACHIEVEMENTS: tuple[AnchorAchievement, ...] = (
    AnchorAchievement(
        "copper_rod", "重庆大学", "new_materials.copper", ("低氧铜杆", "无氧铜杆"), COPPER_ROD_TITLE,
        "针对上引连铸法生产低氧铜杆过程中氧含量波动大、铜杆表面氧化发黑、导电率不稳定等问题，研究团队开发了"
        "基于固体电解质定氧探头的铜液氧含量在线监测与闭环控制系统。关键技术包括：高纯石墨结晶器结构优化与寿命控制、"
        "熔炼炉—保温炉全程氮气保护气氛密封、木炭覆盖层厚度自动补偿，以及出杆段惰性气体冷却防氧化装置。"
        "经第三方检测，铜杆氧含量稳定控制在≤10ppm，导电率≥101%IACS，表面氧化膜厚度≤3nm。"
        "已获授权发明专利3项，已在两家铜杆企业完成中试验证。",
        "①氧含量由离线化验改为在线连续监测，超限30秒内自动调整；②石墨结晶器寿命延长一倍以上；"
        "③可在现有上引连铸机组上改造实施，不需更换主机。",
        ("低氧铜杆", "上引连铸", "氧含量在线监测", "石墨结晶器", "保护气氛", "导电率"),
        Maturity.PILOT, 6, IPType.INVENTION_PATENT, 3,
        (CoopMode.LICENSE.value, CoopMode.TRANSFER.value, CoopMode.DEVELOPMENT.value), Decimal("180"),
    ),
    AnchorAchievement(
        "rfid", "重庆大学", "biomedicine.medical_devices", ("医用耗材", "医用RFID标签"),
        "用于医疗用品的高通量RFID识别设备及管理系统",
        "针对医院高值医用耗材品种多、流转环节多、人工扫码效率低且易漏记等问题，团队研制了用于医疗用品的高通量"
        "RFID识别设备及管理系统。关键技术包括：多天线阵列与近场屏蔽结构设计、密集标签防碰撞识别算法、"
        "耗材全生命周期追溯数据模型。设备可在2秒内完成整箱耗材批量识别，识别率≥99.9%，"
        "系统已与医院HIS、SPD系统对接。已获授权发明专利5项，在多家三甲医院推广应用。",
        "①整箱批量识别，盘点效率提高20倍以上；②耗材从入库到使用全程可追溯；③与医院现有信息系统无缝对接。",
        ("RFID", "医用耗材", "高通量识别", "追溯管理", "医工融合"),
        Maturity.INDUSTRIAL, 8, IPType.INVENTION_PATENT, 5,
        (CoopMode.LICENSE.value,), Decimal("4200"),
    ),
)

# Pairings per final stage (the 揭榜 winner adds one more SIGNED pairing).
STAGE_PLAN: tuple[tuple[Stage, int], ...] = (
    (Stage.RECOMMENDED, 5), (Stage.PUSHED, 5), (Stage.INTERESTED, 4), (Stage.NEGOTIATING, 5),
    (Stage.SIGNED, 3), (Stage.REGISTERED, 5), (Stage.COMPLETED, 4), (Stage.CLOSED, 4),
)
PATH = (Stage.RECOMMENDED, Stage.PUSHED, Stage.INTERESTED, Stage.NEGOTIATING, Stage.SIGNED,
        Stage.REGISTERED, Stage.COMPLETED)
#: Stage a closed pairing had reached before it was closed, one per closed pairing in turn.
CLOSED_FROM = (Stage.PUSHED, Stage.NEGOTIATING, Stage.RECOMMENDED, Stage.INTERESTED)
#: Days between reaching a stage and the previous one.
GAPS = {Stage.PUSHED: (1, 7), Stage.INTERESTED: (3, 20), Stage.NEGOTIATING: (5, 30),
        Stage.SIGNED: (10, 60), Stage.REGISTERED: (5, 28), Stage.COMPLETED: (60, 240),
        Stage.CLOSED: (5, 45)}
#: How many days ago a pairing reached its current stage. Signed ones stay inside the 30-day
#: registration window.
RECENCY = {Stage.RECOMMENDED: (1, 20), Stage.PUSHED: (2, 20), Stage.INTERESTED: (2, 25),
           Stage.NEGOTIATING: (3, 30), Stage.SIGNED: (3, 25), Stage.REGISTERED: (5, 120),
           Stage.COMPLETED: (5, 90), Stage.CLOSED: (5, 150)}
#: Contract types of the random contracts (the licence and the 揭榜 contract are fixed).
CONTRACT_MIX = (ContractType.TRANSFER, ContractType.CONSULTING, ContractType.SERVICE,
                ContractType.LICENSE, ContractType.DEVELOPMENT, ContractType.DEVELOPMENT,
                ContractType.DEVELOPMENT, ContractType.TRANSFER, ContractType.SERVICE,
                ContractType.DEVELOPMENT, ContractType.CONSULTING)
#: Amount range (万元) and technology share of the amount, per contract type.
CONTRACT_TERMS = {
    ContractType.DEVELOPMENT: ((30, 600), (0.75, 0.95)),
    ContractType.TRANSFER: ((50, 800), (1.0, 1.0)),
    ContractType.LICENSE: ((20, 300), (1.0, 1.0)),
    ContractType.CONSULTING: ((10, 40), (1.0, 1.0)),
    ContractType.SERVICE: ((10, 150), (0.85, 1.0)),
}
BUDGET_TIERS = (5, 8, 10, 15, 20, 30, 40, 50, 60, 80, 100, 120, 150, 200, 300, 500)
NEED_COOP_WEIGHTS = {"development": 45, "consulting": 15, "service": 15, "transfer": 12, "license": 8, "platform": 5}
ACH_COOP_WEIGHTS = {"transfer": 30, "license": 25, "development": 25, "consulting": 10, "service": 5, "platform": 5}
MATURITY_WEIGHTS = {Maturity.LAB: 12, Maturity.BENCH: 25, Maturity.PILOT: 35, Maturity.INDUSTRIAL: 28}
TRL = {Maturity.LAB: (2, 3), Maturity.BENCH: (4, 4), Maturity.PILOT: (5, 6), Maturity.INDUSTRIAL: (7, 9)}
PRICE = {Maturity.LAB: (10, 50), Maturity.BENCH: (20, 100), Maturity.PILOT: (50, 300), Maturity.INDUSTRIAL: (80, 800)}


T = TypeVar("T")


def _weighted(rng: random.Random, weights: dict[T, int] | dict[T, float]) -> T:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _modes(rng: random.Random, weights: dict[str, int]) -> list[str]:
    """One to three cooperation modes, drawn by weight, listed in the enum's order."""
    drawn = {_weighted(rng, weights) for _ in range(rng.randint(1, 3))}
    return [mode.value for mode in CoopMode if mode.value in drawn]


def _money(value: float | int | Decimal) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def _org_code_check(body: str) -> str:
    """Check character of an 8-character organisation code (GB 11714)."""
    total = sum(int(c, 36) * w for c, w in zip(body, (3, 7, 9, 10, 5, 8, 4, 2)))
    check = 11 - total % 11
    return {10: "X", 11: "0"}.get(check, str(check))


def _patent_number(year: int, kind: int, serial: int) -> str:
    """A Chinese patent number (ZL + application number + check digit)."""
    digits = f"{year}{kind}{serial:07d}"
    total = sum(int(d) * w for d, w in zip(digits, (2, 3, 4, 5, 6, 7, 8, 9, 2, 3, 4, 5)))
    check = total % 11
    return f"ZL{digits}.{'X' if check == 10 else check}"


class _Draft(NamedTuple):
    """An achievement's texts with the maturity and IP they were written for."""

    text: texts.AchievementText
    maturity: Maturity
    ip_type: IPType
    ip_count: int
    english: bool


@dataclass
class _Builder:
    """Holds the RNG, the clock and what has been created so far while the demo is built."""

    session: Session
    rng: random.Random
    today: date
    industries: dict[str, Industry] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    orgs: dict[str, Organization] = field(default_factory=dict)
    users: dict[str, User] = field(default_factory=dict)
    credit_codes: set[str] = field(default_factory=set)
    need_titles: set[str] = field(default_factory=set)
    need_descriptions: set[str] = field(default_factory=set)
    achievement_titles: set[str] = field(default_factory=set)
    needs: list[TechNeed] = field(default_factory=list)
    anchor_needs: dict[str, TechNeed] = field(default_factory=dict)
    need_codes: dict[int, str] = field(default_factory=dict)
    teams: list[tuple[ResearchTeam, str]] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    anchor_achievements: dict[str, Achievement] = field(default_factory=dict)
    achievement_codes: dict[int, str] = field(default_factory=dict)
    pairings: list[Pairing] = field(default_factory=list)
    english: int = 0
    serials: set[str] = field(default_factory=set)
    registration_seq: int = 0
    contract_types: list[ContractType] = field(default_factory=list)
    #: Needs already paired or kept free, and how often each achievement was paired (by id()).
    used_needs: set[int] = field(default_factory=set)
    achievement_use: dict[int, int] = field(default_factory=dict)
    #: What each need is about, and which products each achievement applies to (by id()).
    need_products: dict[int, str] = field(default_factory=dict)
    achievement_products: dict[int, tuple[str, ...]] = field(default_factory=dict)
    problems: dict[int, tuple[str, ...]] = field(default_factory=dict)

    # ------------------------------------------------------------------ clock
    @property
    def midnight(self) -> datetime:
        return datetime.combine(self.today, time(0), tzinfo=timezone.utc)

    def days_ago(self, days: int) -> datetime:
        """A working-hours moment (Beijing time) ``days`` days before today."""
        return self.midnight - timedelta(days=days) + timedelta(hours=self.rng.randint(1, 9),
                                                                minutes=self.rng.randint(0, 59))

    # ------------------------------------------------------------------ identities
    def person(self) -> str:
        given = "".join(self.rng.sample(GIVEN_CHARS, self.rng.choice((1, 2, 2))))
        return self.rng.choice(SURNAMES) + given

    def credit_code(self, prefix8: str, *, new_style: bool) -> str:
        while True:
            if new_style:  # registrations since 2015 carry "MA" codes
                body = "MA" + "".join(self.rng.choice(USCC_ALPHABET) for _ in range(6))
            else:
                body = "".join(self.rng.choice("0123456789") for _ in range(8))
            first17 = prefix8 + body + _org_code_check(body)
            code = first17 + uscc.calc_check_digit(first17)
            if code not in self.credit_codes and uscc.is_valid(code):
                self.credit_codes.add(code)
                return code

    def add_org(self, name: str, kind: OrgKind, code: str, region: str | None,
                industry: str | None, age_days: int) -> Organization:
        org = Organization(
            name=name, kind=kind, credit_code=code,
            region=self.regions[region] if region else None,
            industry=self.industries[industry] if industry else None,
            created_at=self.days_ago(age_days),
        )
        self.session.add(org)
        self.orgs[name] = org
        return org

    def enterprise_name(self, direction: Direction, region: str) -> str:
        for _ in range(500):
            suffix = self.rng.choice(direction.org_suffixes)
            if suffix.endswith(("合作社", "家庭农场")):
                name = self.rng.choice(COUNTIES[region]) + self.rng.choice(TOWNS[region]) + suffix
            else:
                brand = self.rng.choice(BRAND_FIRST) + self.rng.choice(BRAND_SECOND)
                if brand[0] == brand[1]:
                    continue
                name = self.rng.choice(COMPANY_PREFIXES[region]) + brand + suffix
            if name not in self.orgs:
                return name
        raise RuntimeError("ran out of enterprise names")  # pragma: no cover

    def enterprise(self, direction: Direction, region: str, name: str | None = None) -> Organization:
        name = name or self.enterprise_name(direction, region)
        if "合作社" in name:
            prefix = "93"  # 农民专业合作社
        elif "家庭农场" in name:
            prefix = "92"  # 个体工商户
        else:
            prefix = "91"
        code = self.credit_code(prefix + DIVISIONS[region], new_style=self.rng.random() < 0.6)
        return self.add_org(name, OrgKind.ENTERPRISE, code, region, direction.code,
                            self.rng.randint(700, 4000))

    # ------------------------------------------------------------------ organisations and users
    def build_organizations(self) -> None:
        self.add_org(GOVERNMENT, OrgKind.GOVERNMENT, self.credit_code("11" + DIVISIONS["wanzhou"], new_style=False),
                     "wanzhou", None, 5000)
        for spec in RESEARCH_ORGS:
            self.add_org(spec.name, spec.kind, self.credit_code(spec.code_prefix, new_style=False),
                         spec.region, None, self.rng.randint(3000, 9000))
        self.enterprise(BY_CODE["new_materials.copper"], "wanzhou", COPPER_ENTERPRISE)
        self.enterprise(BY_CODE["food.cold_chain"], "wanzhou", FOOD_ENTERPRISE)

    def build_users(self) -> None:
        from ..auth.services import create_user  # imported late: it pulls in the Flask side

        for account in DEMO_ACCOUNTS:
            self.users[account.email] = create_user(
                self.session, email=account.email, name=account.name, password=DEMO_PASSWORD,
                role=account.role, organization=self.orgs[account.organization],
            )

    def owner_user(self, org: Organization) -> User | None:
        for account in DEMO_ACCOUNTS:
            if account.organization == org.name and account.role in (Role.ENTERPRISE, Role.UNIVERSITY):
                return self.users[account.email]
        return None

    # ------------------------------------------------------------------ needs
    def build_needs(self) -> None:
        special = {"qiye": self.orgs[COPPER_ENTERPRISE], "qiye2": self.orgs[FOOD_ENTERPRISE]}
        # Hand-written titles are reserved first so no composed title takes one of them.
        self.need_titles.update(a.title for a in ANCHOR_NEEDS)
        for direction in DIRECTIONS:
            anchors = [a for a in ANCHOR_NEEDS if a.code == direction.code]
            owned = [a for a in anchors if a.owner]
            free: list[AnchorNeed | None] = [a for a in anchors if not a.owner]
            free += [None] * (direction.needs - len(anchors))
            self.rng.shuffle(free)
            for anchor in owned:
                self.add_need(direction, special[str(anchor.owner)], anchor)
            while free:
                size = min(len(free), _weighted(self.rng, {1: 62, 2: 28, 3: 10}))
                org = self.enterprise(direction, _weighted(self.rng, REGION_WEIGHTS))
                for spec in free[:size]:
                    self.add_need(direction, org, spec)
                free = free[size:]

    def add_need(self, direction: Direction, org: Organization, anchor: AnchorNeed | None) -> None:
        rng = self.rng
        coop = _modes(rng, NEED_COOP_WEIGHTS)
        given = {} if anchor is None else dict(
            title=anchor.title, product=anchor.product, problems=anchor.problems, indicators=anchor.indicators,
            situation=anchor.situation, colloquial=anchor.colloquial,
        )
        text = texts.compose_need(
            rng, direction, org_name=org.name, region_name=REGION_NAMES[org.region.code] if org.region else "万州",
            coop_modes=coop, taken=self.need_titles, descriptions=self.need_descriptions, **given,  # type: ignore[arg-type]
        )
        tier = int(rng.triangular(0, len(BUDGET_TIERS) - 1, 6))
        if direction.top == "agriculture":
            tier = max(0, tier - 3)  # farms and co-operatives ask for less
        need = TechNeed(
            organization=org,
            created_by=self.owner_user(org),
            title=text.title,
            description=text.description,
            current_situation=text.current_situation,
            target_indicators=text.target_indicators,
            industry=self.industries[direction.code],
            keywords=text.keywords,
            coop_modes=coop,
            budget_wan=None if rng.random() < 0.15 else _money(BUDGET_TIERS[tier]),
            deadline=None if rng.random() < 0.2 else self.today + timedelta(days=rng.randint(45, 540)),
            source_batch=BATCH_2024,
            is_key=bool(anchor and anchor.is_key),
            status=NeedStatus.OPEN,
        )
        self.session.add(need)
        self.needs.append(need)
        self.need_codes[id(need)] = direction.code
        self.need_products[id(need)] = text.product
        self.problems[id(need)] = text.problems
        if anchor:
            self.anchor_needs[anchor.key] = need

    def finish_needs(self) -> None:
        """Pick the remaining key needs, the batches, the dates and the confidential ones."""
        rng = self.rng
        reserved = {id(n) for n in self.anchor_needs.values()}
        others = [n for n in self.needs if id(n) not in reserved]
        # Brokers distil key needs from the larger, better-funded ones.
        ranked = sorted(others, key=lambda n: rng.random() / (1 + float(n.budget_wan or 0) / 50))
        missing = KEY_NEED_COUNT - sum(n.is_key for n in self.needs)
        for need in ranked[:missing]:
            need.is_key = True
        for need in self.needs:
            if not need.is_key and id(need) not in reserved and rng.random() < 0.2:
                need.source_batch = BATCH_2025
                need.created_at = self.days_ago(rng.randint(15, 190))
            else:
                need.created_at = self.days_ago(rng.randint(200, 560))
            need.updated_at = need.created_at
        demo_orgs = {COPPER_ENTERPRISE, FOOD_ENTERPRISE}
        candidates = [n for n in self.needs if n.organization.name not in demo_orgs]
        for need in rng.sample(candidates, round(NEED_COUNT * 0.1)):
            need.is_confidential = True

    # ------------------------------------------------------------------ teams and achievements
    def build_teams(self) -> None:
        used: set[str] = set()
        for spec in RESEARCH_ORGS:
            for code in spec.teams:
                direction = BY_CODE[code]
                name = next((t for t in direction.teams if t not in used), f"{direction.field}研究团队")
                used.add(name)
                team = ResearchTeam(organization=self.orgs[spec.name], name=name, leader=self.person(),
                                    field=direction.field)
                self.session.add(team)
                self.teams.append((team, code))

    def plan_achievements(self) -> list[tuple[ResearchTeam, str, int]]:
        """How many achievements each team gets: one each, the rest spread within vocabulary limits."""
        counts = {i: MIN_ACHIEVEMENTS.get((t.organization.name, code), 1) for i, (t, code) in enumerate(self.teams)}
        capacity: dict[str, int] = {}
        for anchor in ANCHOR_ACHIEVEMENTS:
            capacity[anchor.code] = capacity.get(anchor.code, 0) + 1
        for code in {c for _, c in self.teams}:
            capacity[code] = capacity.get(code, 0) + len(BY_CODE[code].approaches)

        def used(code: str) -> int:
            return sum(n for i, n in counts.items() if self.teams[i][1] == code)

        while sum(counts.values()) < ACHIEVEMENT_COUNT:
            i = self.rng.randrange(len(self.teams))
            code = self.teams[i][1]
            if counts[i] < 4 and used(code) < capacity[code]:
                counts[i] += 1
        return [(team, code, counts[i]) for i, (team, code) in enumerate(self.teams)]

    def build_achievements(self) -> None:
        rng = self.rng
        plan = self.plan_achievements()
        slots: list[tuple[ResearchTeam, str]] = [(t, c) for t, c, n in plan for _ in range(n)]
        anchors = {(a.org, a.code): a for a in ANCHOR_ACHIEVEMENTS}
        english_pool = [i for i, (t, c) in enumerate(slots)
                        if t.organization.name in ENGLISH_SOURCES and BY_CODE[c].english]
        english_slots: set[int] = set()
        per_code: dict[str, int] = {}
        for i in rng.sample(english_pool, len(english_pool)):
            code = slots[i][1]
            if len(english_slots) < ENGLISH_ABSTRACTS and per_code.get(code, 0) < len(BY_CODE[code].english):
                english_slots.add(i)
                per_code[code] = per_code.get(code, 0) + 1
        # English abstracts draw their titles from a few paired approaches: reserve those first.
        drafts = {i: self.draft(BY_CODE[slots[i][1]], english=True) for i in sorted(english_slots)}
        self.achievement_titles.update(a.title for a in ANCHOR_ACHIEVEMENTS)
        presets = dict(PRESET_TITLES)
        self.achievement_titles.update(presets.values())
        for i, (team, code) in enumerate(slots):
            anchor = anchors.pop((team.organization.name, code), None)
            if anchor:
                self.add_anchor_achievement(team, anchor)
                continue
            preset = presets.pop((team.organization.name, code), None)
            draft = drafts.get(i) or self.draft(BY_CODE[code], english=False, title=preset)
            self.add_achievement(team, BY_CODE[code], draft)
        # The bureau's selection (遴选): the two anchors, then partners' results first.
        rest = [a for a in self.achievements if a not in self.anchor_achievements.values()]
        ranked = sorted(rest, key=lambda a: rng.random() * (0.6 if a.organization.name in ENGLISH_SOURCES else 1))
        for achievement in [*self.anchor_achievements.values(), *ranked][:SELECTED_COUNT]:
            achievement.is_selected = True

    def ip_numbers(self, ip_type: IPType, count: int) -> str | None:
        rng = self.rng
        numbers: list[str] = []
        while len(numbers) < count:
            year = rng.randint(2018, 2024)
            if ip_type == IPType.INVENTION_PATENT:
                number = _patent_number(year, 1, rng.randint(1000000, 1999999))
            elif ip_type == IPType.UTILITY_MODEL:
                number = _patent_number(year, 2, rng.randint(2000000, 2999999))
            elif ip_type == IPType.SOFTWARE_COPYRIGHT:
                number = f"{year}SR{rng.randint(100000, 1999999):07d}"
            elif ip_type == IPType.PLANT_VARIETY:
                number = f"CNA{year}{rng.randint(1000, 9999)}.{rng.randint(0, 9)}"
            else:
                return None
            if number not in self.serials:
                self.serials.add(number)
                numbers.append(number)
        return "；".join(numbers)

    def draft(self, direction: Direction, *, english: bool, title: str | None = None) -> _Draft:
        """Decide maturity and IP of an achievement and write its texts."""
        rng = self.rng
        maturity = _weighted(rng, MATURITY_WEIGHTS)
        ip_type, ip_count = IPType.INVENTION_PATENT, rng.randint(1, 4)
        roll = rng.random()
        if roll < 0.12:
            ip_type = IPType.UTILITY_MODEL
        elif roll < 0.25:
            ip_type = IPType.KNOW_HOW
        if english:
            text = texts.compose_english_achievement(rng, direction, maturity=maturity, ip_type=ip_type,
                                                     ip_count=ip_count, taken=self.achievement_titles)
            return _Draft(text, maturity, ip_type, ip_count, english=True)
        title = title or texts.new_title(rng, direction, self.achievement_titles)
        # Some IP follows from what the result is: software for systems, variety rights for breeds.
        if "品种" in title:
            ip_type, ip_count = IPType.PLANT_VARIETY, 1
        elif title.endswith(("系统", "平台")) and rng.random() < 0.7:
            ip_type = IPType.SOFTWARE_COPYRIGHT
        text = texts.compose_achievement(rng, direction, maturity=maturity, ip_type=ip_type, ip_count=ip_count,
                                         taken=self.achievement_titles, title=title)
        return _Draft(text, maturity, ip_type, ip_count, english=False)

    def add_achievement(self, team: ResearchTeam, direction: Direction, draft: _Draft) -> None:
        rng = self.rng
        self.english += draft.english
        price_low, price_high = PRICE[draft.maturity]
        coop = _modes(rng, ACH_COOP_WEIGHTS)
        achievement = self.store_achievement(
            team, direction, title=draft.text.title, abstract=draft.text.abstract,
            advantages=draft.text.advantages, keywords=draft.text.keywords, maturity=draft.maturity,
            trl=rng.randint(*TRL[draft.maturity]), ip_type=draft.ip_type,
            ip_numbers=self.ip_numbers(draft.ip_type, draft.ip_count), coop_modes=coop,
            price_wan=None if rng.random() < 0.3 else _money(texts.nice_number(rng, price_low, price_high)),
        )
        self.problems[id(achievement)] = draft.text.problems

    def add_anchor_achievement(self, team: ResearchTeam, anchor: AnchorAchievement) -> None:
        self.achievement_titles.add(anchor.title)
        achievement = self.store_achievement(
            team, BY_CODE[anchor.code], title=anchor.title, abstract=anchor.abstract,
            advantages=anchor.advantages, keywords=list(anchor.keywords), maturity=anchor.maturity,
            trl=anchor.trl, ip_type=anchor.ip_type, ip_numbers=self.ip_numbers(anchor.ip_type, anchor.ip_count),
            coop_modes=list(anchor.coop_modes), price_wan=anchor.price_wan,
        )
        self.anchor_achievements[anchor.key] = achievement
        self.achievement_products[id(achievement)] = anchor.products

    def store_achievement(self, team: ResearchTeam, direction: Direction, **values: object) -> Achievement:
        created = self.days_ago(self.rng.randint(90, 700))
        achievement = Achievement(
            organization=team.organization, team=team, created_by=self.owner_user(team.organization),
            industry=self.industries[direction.code], status=AchievementStatus.PUBLISHED,
            created_at=created, updated_at=created, **values,
        )
        self.session.add(achievement)
        self.achievements.append(achievement)
        self.achievement_codes[id(achievement)] = direction.code
        self.achievement_products[id(achievement)] = direction.approach_products(str(values["title"]))
        return achievement

    # ------------------------------------------------------------------ pairings and contracts
    def build_pairings(self) -> None:
        rng = self.rng
        plan = [stage for stage, n in STAGE_PLAN for _ in range(n)]
        self.contract_types = list(CONTRACT_MIX)
        rng.shuffle(self.contract_types)
        closed_from = list(CLOSED_FROM)

        # Needs kept free: the oxidation need (for the matching demo) and the 揭榜 calls.
        kept = {"copper_oxygen", "landslide", "api_impurity", "basalt_cable", "citrus_residue"}
        self.used_needs = {id(self.anchor_needs[k]) for k in kept}
        self.achievement_use = {id(self.anchor_achievements["copper_rod"]): 99}

        # The demo users see their own pairings at the stages where they have something to do.
        scripted: tuple[tuple[TechNeed | None, str, Stage], ...] = (
            (self.anchor_needs["copper_wire"], "重庆大学", Stage.PUSHED),
            (self.anchor_needs["copper_storage"], "中国科学院金属研究所", Stage.NEGOTIATING),
            (self.anchor_needs["grilled_fish"], "重庆交通大学", Stage.INTERESTED),
            (self.anchor_needs["fish_seasoning"], DEMO_UNIVERSITY, Stage.PUSHED),
            (self.anchor_needs["rfid"], "重庆大学", Stage.REGISTERED),
            (None, DEMO_INSTITUTE, Stage.NEGOTIATING),  # any need one of the institute's results fits
        )
        for wanted, org, stage in scripted:
            plan.remove(stage)
            need, achievement = (self.random_match(org) if wanted is None
                                 else (wanted, self.pick_achievement(wanted, org)))
            licence = achievement is self.anchor_achievements["rfid"]
            self.add_pairing(need, achievement, stage, contract_type=ContractType.LICENSE if licence else None,
                             amount=Decimal("4200") if licence else None)
        for stage in plan:
            need, achievement = self.random_match()
            before = closed_from.pop(0) if stage == Stage.CLOSED else None
            self.add_pairing(need, achievement, stage, closed_from=before)

    def fits(self, need: TechNeed, achievement: Achievement) -> bool:
        """Whether a broker would pair them: same direction, and the result applies to the need's product."""
        return (self.need_codes[id(need)] == self.achievement_codes[id(achievement)]
                and self.need_products[id(need)] in self.achievement_products[id(achievement)])

    def free_need(self, need: TechNeed) -> bool:
        # Long pairing histories need needs from the 2024 collection.
        return id(need) not in self.used_needs and need.source_batch == BATCH_2024

    def pick_achievement(self, need: TechNeed, org: str) -> Achievement:
        """An unpaired achievement of ``org`` that fits ``need``."""
        for achievement in self.achievements:
            if (achievement.organization.name == org and self.fits(need, achievement)
                    and self.achievement_use.get(id(achievement), 0) == 0):
                return achievement
        raise LookupError(f"no free achievement of {org} fits {need.title}")

    def random_match(self, org: str | None = None) -> tuple[TechNeed, Achievement]:
        """A free need and a fitting achievement (of ``org`` if given; each paired at most twice)."""
        achievements_by_code: dict[str, list[Achievement]] = {}
        for achievement in self.achievements:
            if self.achievement_use.get(id(achievement), 0) < 2 and org in (None, achievement.organization.name):
                achievements_by_code.setdefault(self.achievement_codes[id(achievement)], []).append(achievement)
        candidates = [
            (need, achievement)
            for need in self.needs if self.free_need(need)
            for achievement in achievements_by_code.get(self.need_codes[id(need)], ())
            if self.fits(need, achievement)
        ]
        if not candidates:
            raise RuntimeError("no need/achievement pair left to match")  # pragma: no cover
        # Brokers start with results that address the very problem the enterprise names.
        close = [(n, a) for n, a in candidates
                 if set(self.problems.get(id(n), ())) & set(self.problems.get(id(a), ()))]
        return self.rng.choice(close or candidates)

    def timeline(self, path: Sequence[Stage]) -> list[datetime]:
        """Increasing timestamps, one per stage of ``path``, ending some days before today."""
        gaps = [self.rng.randint(*GAPS[stage]) for stage in path[1:]]
        end = self.rng.randint(*RECENCY[path[-1]])
        starts = [end + sum(gaps[i:]) for i in range(len(path))]
        return [self.days_ago(days) for days in starts]

    def add_pairing(self, need: TechNeed, achievement: Achievement | None, stage: Stage, *,
                    closed_from: Stage | None = None, proposal: Proposal | None = None,
                    contract_type: ContractType | None = None, amount: Decimal | None = None) -> Pairing:
        rng = self.rng
        broker = self.users["jingjiren@demo.cn"]
        reached = closed_from if stage == Stage.CLOSED else stage
        if reached is None:
            raise ValueError("a closed pairing needs the stage it was closed from")
        path = list(PATH[: PATH.index(reached) + 1])
        if stage == Stage.CLOSED:
            path.append(Stage.CLOSED)
        moments = self.timeline(path)
        self.used_needs.add(id(need))
        if achievement is not None:
            self.achievement_use[id(achievement)] = self.achievement_use.get(id(achievement), 0) + 1
        pairing = Pairing(need=need, achievement=achievement, proposal=proposal, broker=broker, stage=stage,
                          created_at=moments[0], updated_at=moments[-1])
        enterprise_user = self.owner_user(need.organization)
        university_user = self.owner_user(achievement.organization) if achievement else None
        previous: Stage | None = None
        for seq, (to_stage, at) in enumerate(zip(path, moments), start=1):
            if to_stage == Stage.CLOSED:
                code, note = rng.choice(CLOSED_REASONS[reached.value])
                pairing.closed_code, pairing.closed_reason = CloseReason(code), note
            else:
                note = rng.choice(STAGE_NOTES[to_stage.value])
            # Responses come from the parties themselves when they have accounts.
            actor = enterprise_user if to_stage == Stage.INTERESTED and enterprise_user else broker
            pairing.events.append(StageEvent(seq=seq, actor=actor, at=at, from_stage=previous, to_stage=to_stage,
                                             note=note))
            previous = to_stage
        if PATH.index(reached) >= PATH.index(Stage.INTERESTED):
            pairing.enterprise_response = pairing.university_response = Response.INTERESTED
            pairing.enterprise_note = rng.choice(ENTERPRISE_NOTES)
            pairing.university_note = rng.choice(UNIVERSITY_NOTES)
        elif reached == Stage.PUSHED and stage == Stage.CLOSED:
            pairing.enterprise_response = Response.DECLINED
            pairing.enterprise_note = rng.choice(DECLINE_NOTES)
        elif reached == Stage.PUSHED and rng.random() < 0.4:
            # The team answered first; the enterprise has not yet.
            pairing.university_response = Response.INTERESTED
            pairing.university_note = rng.choice(UNIVERSITY_NOTES)
        if stage in CONTRACT_STAGES:
            self.add_contract(pairing, path, moments, contract_type or self.contract_types.pop(), amount)
        self.session.add(pairing)
        self.pairings.append(pairing)
        # Listings existed before anyone paired them.
        for listing in (need, achievement):
            if listing is not None and listing.created_at >= moments[0]:
                listing.created_at = moments[0] - timedelta(days=rng.randint(5, 40))
        need.updated_at = max(need.created_at, moments[-1])
        return pairing

    def add_contract(self, pairing: Pairing, path: list[Stage], moments: list[datetime],
                     contract_type: ContractType, amount: Decimal | None) -> None:
        rng = self.rng
        (low, high), (share_low, share_high) = CONTRACT_TERMS[contract_type]
        fixed = amount is not None
        amount = _money(amount) if amount is not None else _money(texts.nice_number(rng, low, high))
        tech_income = min(amount, _money(float(amount) * rng.uniform(share_low, share_high)))
        signed_on = moments[path.index(Stage.SIGNED)].date()
        sub_types = ContractSubType.of(contract_type)
        seller = pairing.achievement.organization if pairing.achievement else pairing.proposal.organization
        contract = Contract(contract_type=contract_type, sub_type=sub_types[0] if sub_types else None,
                            amount_wan=amount, tech_income_wan=tech_income, signed_on=signed_on,
                            term_months=rng.choice((6, 12, 12, 18, 24, 36)),
                            buyer=pairing.need.organization, seller=seller)
        if Stage.REGISTERED in path:
            contract.registered_on = moments[path.index(Stage.REGISTERED)].date()
            self.registration_seq += rng.randint(3, 40)
            contract.registration_no = f"{DIVISIONS['wanzhou']}{contract.registered_on.year}{self.registration_seq:06d}"
            # The registry sometimes recognises less than declared (non-technical parts removed).
            factor = rng.uniform(0.9, 0.99) if not fixed and rng.random() < 0.3 else 1.0
            contract.registered_income_wan = _money(float(tech_income) * factor)
            pairing.registration_no = contract.registration_no
        pairing.contract = contract
        completed = moments[path.index(Stage.COMPLETED)].date() if Stage.COMPLETED in path else None
        titles = MILESTONES[contract_type.value]
        for i, title in enumerate(titles, start=1):
            if completed:
                due = signed_on + (completed - signed_on) * i // len(titles)
                done: date | None = min(completed, due + timedelta(days=rng.randint(-10, 5)))
            else:
                due = signed_on + timedelta(days=45 * i + rng.randint(0, 30))
                done = due if due < self.today - timedelta(days=3) and rng.random() < 0.75 else None
            pairing.milestones.append(Milestone(title=title, due_on=due, done_on=done))

    # ------------------------------------------------------------------ 揭榜挂帅
    def build_challenges(self) -> list[Challenge]:
        broker = self.users["jingjiren@demo.cn"]
        specs = (
            ("landslide", ChallengeStatus.PROPOSING, Decimal("300"), (-25, 20),
             (("重庆大学", ProposalStatus.SUBMITTED), ("重庆交通大学", ProposalStatus.SUBMITTED),
              (DEMO_UNIVERSITY, ProposalStatus.SUBMITTED))),
            ("api_impurity", ChallengeStatus.REVIEWING, Decimal("200"), (-80, -15),
             (("上海交通大学", ProposalStatus.SHORTLISTED), ("重庆三峡医药高等专科学校", ProposalStatus.SHORTLISTED),
              (DEMO_INSTITUTE, ProposalStatus.NOT_SELECTED))),
            ("basalt_cable", ChallengeStatus.IMPLEMENTING, Decimal("150"), None,
             (("达州产业技术研究院", ProposalStatus.WON), ("西北工业大学", ProposalStatus.NOT_SELECTED),
              ("重庆大学", ProposalStatus.WITHDRAWN))),
            ("citrus_residue", ChallengeStatus.PUBLISHED, Decimal("120"), (-5, 55), ()),
        )
        challenges = []
        for key, status, reward, window, proposals in specs:
            need = self.anchor_needs[key]
            direction = BY_CODE[self.need_codes[id(need)]]
            need.budget_wan = reward
            months = self.rng.choice((12, 18, 24))
            if window is None:
                # The call closed before its winner's pairing began.
                timeline_start = self.today - timedelta(days=self.rng.randint(150, 200))
                closes_on = timeline_start
                opens_on = closes_on - timedelta(days=45)
            else:
                opens_on = self.today + timedelta(days=window[0])
                closes_on = self.today + timedelta(days=window[1])
            need.created_at = min(need.created_at, self.days_ago((self.today - opens_on).days + 30))
            challenge = Challenge(
                need=need, title=f"【揭榜挂帅】{need.title}",
                requirements=texts.compose_challenge_requirements(
                    direction, need_title=need.title, indicators=need.target_indicators or "", months=months),
                indicators=need.target_indicators or need.description,
                # an awarded call needs its winner first (a CHECK): it is reviewed, then awarded below
                reward_wan=reward, status=ChallengeStatus.REVIEWING if status in AWARDED else status,
                opens_on=opens_on, closes_on=closes_on, complete_by=closes_on + timedelta(days=30 * months + 30),
                created_by_id=broker.id, created_at=self.days_ago((self.today - opens_on).days + 3),
                criteria=[ChallengeCriterion(name=name, weight=weight, position=i)
                          for i, (name, weight) in enumerate(CALL_CRITERIA)],
                milestones=[ChallengeMilestone(title=title, due_on=closes_on + timedelta(days=30 * months * share // 100))
                            for title, share in CALL_MILESTONES],
            )
            self.session.add(challenge)
            challenges.append(challenge)
            for org_name, proposal_status in proposals:
                proposal = self.add_proposal(challenge, direction, org_name, proposal_status, months)
                if proposal_status == ProposalStatus.WON:
                    self.session.flush()
                    challenge.winner_id, challenge.status = proposal.id, status  # one UPDATE: the CHECK sees both
                    challenge.publicity_ends_on = challenge.closes_on + timedelta(days=challenge.publicity_days + 7)
                    self.add_pairing(need, proposal.achievement, Stage.SIGNED, proposal=proposal,
                                     contract_type=ContractType.DEVELOPMENT, amount=reward)
                    first = min(e.at for e in self.pairings[-1].events).date()
                    challenge.closes_on = min(challenge.closes_on, first - timedelta(days=10))
                    challenge.opens_on = challenge.closes_on - timedelta(days=45)
                    challenge.created_at = self.days_ago((self.today - challenge.opens_on).days + 3)
                    for p in challenge.proposals:
                        p.submitted_at = self.days_ago((self.today - challenge.opens_on).days - self.rng.randint(5, 40))
        return challenges

    def add_proposal(self, challenge: Challenge, direction: Direction, org_name: str,
                     status: ProposalStatus, months: int) -> Proposal:
        org = self.orgs[org_name]
        # An organisation without a team in the field answers with its nearest team (and rarely wins).
        team, team_code = next(((t, c) for t, c in self.teams if t.organization is org and c == direction.code),
                               next((t, c) for t, c in self.teams if t.organization is org))
        own = [a for a in self.achievements if a.team is team and self.achievement_codes[id(a)] == direction.code]
        achievement = next((a for a in own if self.fits(challenge.need, a)), own[0] if own else None)
        last_day = min(challenge.closes_on, self.today - timedelta(days=1))
        span = max((last_day - challenge.opens_on).days, 1)
        indicators = [line.split(". ", 1)[-1] for line in (challenge.need.target_indicators or "").split("；")]
        submitter = self.owner_user(org)
        price = challenge.reward_wan * Decimal(self.rng.choice(("0.8", "0.9", "1.0"))) if challenge.reward_wan else None
        proposal = Proposal(
            challenge=challenge, organization=org, team=team, achievement=achievement,
            # Proposal has no relationship for the submitter, only the column; users are flushed.
            submitted_by_id=submitter.id if submitter else None,
            summary=texts.compose_proposal(self.rng, BY_CODE[team_code], team_name=team.name, indicators=indicators,
                                           months=months),
            price_wan=_money(float(price)) if price is not None else None,
            duration_months=months, status=status,
            submitted_at=self.days_ago((self.today - challenge.opens_on).days - self.rng.randint(1, span)),
        )
        self.session.add(proposal)
        return proposal

    # ------------------------------------------------------------------ 对接会 / 路演
    def build_events(self) -> list[MatchmakingEvent]:
        government = self.orgs[GOVERNMENT]
        specs = (
            ("万达开技术成果对接会（新材料专场）", EventKind.MATCHMAKING, -75, "万州经开区科技创新中心",
             "wanzhou", ("new_materials",), "新材料"),
            ("三峡库区食品加工与现代农业科技成果路演", EventKind.ROADSHOW, 18, "重庆三峡学院百安坝校区",
             "wanzhou", ("food", "agriculture"), "食品加工和现代农业"),
            ("万达开川渝科技成果转化对接会（装备制造与生物医药专场）", EventKind.MATCHMAKING, -160, "达州高新区科创中心",
             "dazhou", ("equipment", "biomedicine"), "装备制造和生物医药"),
        )
        events = []
        for title, kind, offset, venue, region, tops, topic in specs:
            needs = [n for n in self.needs
                     if self.need_codes[id(n)].split(".")[0] in tops and n.status != NeedStatus.WITHDRAWN]
            achievements = [a for a in self.achievements if self.achievement_codes[id(a)].split(".")[0] in tops]
            # Events present the key needs first.
            invited_needs = sorted(needs, key=lambda n: (not n.is_key, self.rng.random()))[:8]
            invited_achievements = self.rng.sample(achievements, min(6, len(achievements)))
            if "new_materials" in tops:
                invited_achievements[0] = self.anchor_achievements["copper_rod"]
                invited_achievements = list(dict.fromkeys(invited_achievements))
            event = MatchmakingEvent(
                title=title, kind=kind, held_on=self.today + timedelta(days=offset), venue=venue,
                region=self.regions[region], organizer=government,
                description=(f"由{GOVERNMENT}主办，面向万达开地区{topic}领域企业和高校院所，集中发布重点技术需求"
                             f"{len(invited_needs)}项、推介科技成果{len(invited_achievements)}项，并组织一对一洽谈。"),
                created_at=self.days_ago(max(abs(offset), 1) + 30) if offset < 0 else self.days_ago(20),
                online=False, industry=self.industries[tops[0]],
                invited_needs=[EventNeed(need=n, attended=True if offset < 0 else None) for n in invited_needs],
                invited_achievements=[EventAchievement(achievement=a, attended=True if offset < 0 else None)
                                      for a in invited_achievements],
            )
            if offset < 0:
                event.outcomes = self.event_outcomes(invited_needs, invited_achievements, offset)
            self.session.add(event)
            events.append(event)
        return events

    def event_outcomes(self, needs: list[TechNeed], achievements: list[Achievement], offset: int) -> list[EventOutcome]:
        """A past event's outcomes: the first two pairs of invitees in the same technology direction,
        from different organisations and not paired yet, waiting for the broker to turn them into
        pairings. No random draw, so the rest of the demo stays as it was."""
        paired = {(id(p.need), id(p.achievement)) for p in self.pairings}
        broker = self.users["jingjiren@demo.cn"]
        outcomes: list[EventOutcome] = []
        used: set[int] = set()
        for need in needs:
            for ach in achievements:
                if len(outcomes) == 2:
                    return outcomes
                if ({id(need), id(ach)} & used or need.organization is ach.organization
                        or self.need_codes[id(need)] != self.achievement_codes[id(ach)] or (id(need), id(ach)) in paired):
                    continue
                outcomes.append(EventOutcome(
                    need=need, achievement=ach, note="会上一对一洽谈，双方有意向，约定会后到企业现场考察。",
                    created_by_id=broker.id, created_at=self.midnight + timedelta(days=offset, hours=9)))
                used |= {id(need), id(ach)}
        return outcomes

    # ------------------------------------------------------------------ collection batches
    def build_batches(self) -> None:
        """The 2024 collection as two imported batches, the rationale of each mark, and who made it.

        The report counts every need as the 2024 collection (242 collected → 33 key): the fifth
        dated recently and labelled 2025 above (kept out of the older pairings) joins it too, so
        that the funnel reads as the report does and each need's label names its batch.
        """
        broker = self.users["jingjiren@demo.cn"]
        for kind, source, members in ((ImportKind.NEEDS, BATCH_2024, self.needs),
                                      (ImportKind.ACHIEVEMENTS, ACHIEVEMENT_BATCH_2024, self.achievements)):
            first = min(m.created_at for m in members)
            batch = ImportBatch(kind=kind, year=2024, source=source, status=ImportStatus.IMPORTED,
                                rows=len(members), written=len(members), created_by=broker,
                                created_at=first, imported_at=first)
            self.session.add(batch)
            for member in members:
                member.batch = batch
        for i, need in enumerate(n for n in self.needs if n.is_key):
            need.key_rationale = KEY_RATIONALES[i % len(KEY_RATIONALES)].format(industry=need.industry.top.name)
            need.key_marked_by, need.key_marked_at = broker, self.marked_at(need.created_at)
        for need in self.needs:
            need.source_batch = BATCH_2024
        for i, ach in enumerate(a for a in self.achievements if a.is_selected):
            ach.selection_rationale = SELECTION_RATIONALES[i % len(SELECTION_RATIONALES)].format(
                industry=ach.industry.top.name, maturity=ach.maturity.label if ach.maturity else "中试",
                ip=ach.ip_type.label if ach.ip_type else "自主知识产权", org=ach.organization.name)
            ach.selected_by, ach.selected_at = broker, self.marked_at(ach.created_at)

    def marked_at(self, created_at: datetime) -> datetime:
        """Brokers distil a collection within weeks of receiving it (never after today)."""
        return min(created_at + timedelta(days=21), self.midnight - timedelta(hours=16))

    # ------------------------------------------------------------------ statuses
    def settle_statuses(self) -> None:
        """Needs follow their pairings; a handful of untouched ones are withdrawn."""
        by_need: dict[int, list[Pairing]] = {}
        for pairing in self.pairings:
            by_need.setdefault(id(pairing.need), []).append(pairing)
        for need in self.needs:
            stages = [p.stage for p in by_need.get(id(need), [])]
            if Stage.COMPLETED in stages:
                need.status = NeedStatus.RESOLVED
            elif any(s != Stage.CLOSED for s in stages):
                need.status = NeedStatus.IN_PROGRESS
        untouched = [n for n in self.needs
                     if id(n) not in by_need and not n.is_key and n.created_by is None
                     and n not in self.anchor_needs.values()]
        for need in self.rng.sample(untouched, 5):
            need.status = NeedStatus.WITHDRAWN
            need.updated_at = need.created_at + timedelta(days=self.rng.randint(10, 90))


def database_is_empty(session: Session) -> bool:
    """True when there are no organisations, users, needs or achievements."""
    return all(
        session.scalar(select(func.count()).select_from(model)) == 0
        for model in (Organization, User, TechNeed, Achievement)
    )


#: Kept by clear_all: a text's vector never goes stale, and re-encoding the demo takes minutes.
KEPT_TABLES = frozenset({"embedding_cache"})


AWARDED = (ChallengeStatus.PUBLICITY, ChallengeStatus.IMPLEMENTING, ChallengeStatus.ACCEPTED, ChallengeStatus.FAILED)
#: The review criteria the bureau's calls use (weights sum to 100).
CALL_CRITERIA = (("技术方案先进性与可行性", 30), ("团队实力与前期基础", 25), ("实施计划与进度保障", 20),
                 ("报价合理性", 15), ("成果转化与服务保障", 10))
#: Milestones of a call, as a share (%) of its implementation time after the deadline.
CALL_MILESTONES = (("完成技术方案细化与设备选型", 20), ("完成小试或中试验证", 60), ("完成现场应用与指标验收", 100))


def clear_all(session: Session) -> None:
    """Delete every row of every table (children first) but the vector cache, keeping the schema."""
    session.flush()
    for table in reversed(Base.metadata.sorted_tables):
        if table.name not in KEPT_TABLES:
            session.execute(table.delete())
    # Objects loaded before the delete no longer exist; drop them rather than let them be reused.
    session.expunge_all()


def load_demo(session: Session, *, seed: int = 2024, today: date | None = None) -> dict[str, int]:
    """Create the demo data in ``session`` (flushed, not committed) and return what was created."""
    if not database_is_empty(session):
        raise RuntimeError("the database already holds data; call clear_all() first")
    sync_taxonomy(session)
    builder = _Builder(session=session, rng=random.Random(seed),
                       today=today or datetime.now(timezone.utc).date())
    builder.industries = {i.code: i for i in session.scalars(select(Industry))}
    builder.regions = {r.code: r for r in session.scalars(select(Region))}
    builder.build_organizations()
    builder.build_users()
    builder.build_needs()
    builder.finish_needs()
    builder.build_teams()
    builder.build_achievements()
    builder.build_pairings()
    challenges = builder.build_challenges()
    builder.settle_statuses()
    events = builder.build_events()
    builder.build_batches()
    session.flush()
    return {
        "organizations": len(builder.orgs),
        "enterprises": sum(o.kind == OrgKind.ENTERPRISE for o in builder.orgs.values()),
        "users": len(builder.users),
        "needs": len(builder.needs),
        "key_needs": sum(n.is_key for n in builder.needs),
        "confidential_needs": sum(n.is_confidential for n in builder.needs),
        "teams": len(builder.teams),
        "achievements": len(builder.achievements),
        "selected": sum(a.is_selected for a in builder.achievements),
        "english_abstracts": builder.english,
        "pairings": len(builder.pairings),
        "contracts": sum(p.contract is not None for p in builder.pairings),
        "challenges": len(challenges),
        "proposals": sum(len(c.proposals) for c in challenges),
        "events": len(events),
    }
