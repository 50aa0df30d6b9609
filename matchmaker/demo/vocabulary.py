"""Domain vocabulary of the demo, one entry per technology direction of the taxonomy.

Terms follow Wanzhou's 14th five-year S&T plan (专栏 tables) and the 2024 needs collection report
(seeds/000, seeds/001). Lists are written as whitespace-separated Chinese phrases (which contain
no spaces). A phrase may end in ``@a,b``: it then only fits products a and b, where a name may also
be a group from ``groups="组名=产品,产品 …"``, so that no need asks for "镀锡铜排拉丝断线率高".
"""
from __future__ import annotations

from dataclasses import dataclass, field

def _zh(text: str) -> tuple[str, ...]:
    """Split a whitespace-separated list of Chinese phrases."""
    return tuple(text.split())


def _en(text: str) -> tuple[str, ...]:
    """Split a ``|``-separated list of English phrases."""
    return tuple(p.strip() for p in text.split("|") if p.strip())


@dataclass(frozen=True)
class EnglishEntry:
    """One achievement as a partner university submits it in English, under a Chinese title."""

    title: str
    approach: str
    product: str
    problem: str
    techs: tuple[str, ...]
    effects: tuple[str, ...]
    indicators: tuple[str, ...]
    applications: tuple[str, ...]
    keywords: tuple[str, ...]


@dataclass(frozen=True)
class Direction:
    """Vocabulary of one technology direction (a sub-industry code such as ``new_materials.copper``)."""

    code: str
    #: How many of the 242 needs fall in this direction.
    needs: int
    #: Endings of enterprise names ("铜业有限公司", "柑橘专业合作社"…).
    org_suffixes: tuple[str, ...]
    #: Size of an enterprise, a template with ``{n}`` (and optionally ``{product}``).
    scale: str
    scale_range: tuple[int, int]
    #: Products or work objects an enterprise deals with.
    products: tuple[str, ...]
    processes: tuple[str, ...]
    #: Pain points (痛点), written to follow a product noun: "低氧铜杆" + "氧含量波动大".
    problems: tuple[str, ...]
    #: What the enterprise does today (现状), full clauses.
    situations: tuple[str, ...]
    #: Target indicators with units (目标指标).
    indicators: tuple[str, ...]
    keywords: tuple[str, ...]
    #: Research field of teams working in the direction.
    field: str
    #: Names for research teams (课题组) in this direction.
    teams: tuple[str, ...] = ()
    #: Achievement-side technologies, title-like nouns.
    approaches: tuple[str, ...] = ()
    #: Key technical points (关键技术).
    techs: tuple[str, ...] = ()
    #: What the technology brings, as result clauses.
    effects: tuple[str, ...] = ()
    applications: tuple[str, ...] = ()
    #: Improvement projects that fit the direction ("生产线智能化改造"); empty uses the industry's.
    upgrades: tuple[str, ...] = ()
    #: Achievements written in English by partner universities.
    english: tuple[EnglishEntry, ...] = ()
    groups: dict[str, tuple[str, ...]] = field(default_factory=dict)
    #: Phrases restricted to some products: phrase → products.
    fits: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def top(self) -> str:
        return self.code.split(".", 1)[0]

    def fitting(self, phrases: tuple[str, ...], product: str) -> tuple[str, ...]:
        """The phrases that make sense for ``product``."""
        return tuple(p for p in phrases if product in self.fits.get(p, (product,)))

    def approach_products(self, title: str) -> tuple[str, ...]:
        """Products an achievement is about: as tagged, else those (or whose group) its title names."""
        if title in self.fits:
            return tuple(p for p in self.products if p in self.fits[title])
        named = [p for p in self.products if p in title]
        if not named:  # "铜杆表面…" names the group 铜杆 rather than one product
            named = [p for g, members in self.groups.items() if len(g) > 1 and g in title for p in members]
        return tuple(dict.fromkeys(named)) or self.products


def _direction(code: str, needs: int, scale: str, scale_range: tuple[int, int], *,
               english: tuple[EnglishEntry, ...] = (), **lists: str) -> Direction:
    """Build a Direction from whitespace-separated lists, parsing ``@`` restrictions, and check it."""
    field_name = lists.pop("field")
    groups = {
        name: tuple(members.split(","))
        for name, members in (g.split("=", 1) for g in _zh(lists.pop("groups", "")))
    }
    fits: dict[str, frozenset[str]] = {}
    parsed: dict[str, tuple[str, ...]] = {}
    for key, value in lists.items():
        phrases = []
        for raw in _zh(value):
            phrase, _, tags = raw.partition("@")
            if tags:
                fits[phrase] = frozenset(p for tag in tags.split(",") for p in groups.get(tag, (tag,)))
            phrases.append(phrase)
        parsed[key] = tuple(phrases)
    direction = Direction(code=code, needs=needs, scale=scale, scale_range=scale_range, field=field_name,
                          english=english, groups=groups, fits=fits, **parsed)  # type: ignore[arg-type]
    _check(direction)
    return direction


def _check(d: Direction) -> None:
    """Every product must be describable, and every achievement title writable; fail at import if not."""
    unknown = {p for allowed in d.fits.values() for p in allowed} - set(d.products)
    if unknown:
        raise ValueError(f"{d.code}: restrictions name unknown products {sorted(unknown)}")
    need_minimum = {"problems": 2, "situations": 1, "indicators": 2, "processes": 1, "keywords": 2}
    for product in d.products:
        for key, minimum in need_minimum.items():
            if len(d.fitting(getattr(d, key), product)) < minimum:
                raise ValueError(f"{d.code}: fewer than {minimum} {key} fit {product}")
    achievement_minimum = {"techs": 2, "effects": 1, "applications": 1}
    for title in d.approaches:
        for product in d.approach_products(title):
            for key, minimum in achievement_minimum.items():
                if len(d.fitting(getattr(d, key), product)) < minimum:
                    raise ValueError(f"{d.code}: fewer than {minimum} {key} fit {product} ({title})")
    for entry in d.english:
        if entry.title not in d.approaches:
            raise ValueError(f"{d.code}: English entry {entry.title} is not one of the approaches")


def _english(title: str, approach: str, product: str, problem: str, **lists: str) -> EnglishEntry:
    return EnglishEntry(title, approach, product, problem, **{k: _en(v) for k, v in lists.items()})  # type: ignore[arg-type]


DIRECTIONS: tuple[Direction, ...] = (
    # ------------------------------------------------------------------ 新材料
    _direction(
        "new_materials.copper", 16, "年产{product}约{n}万吨", (1, 15),
        org_suffixes="铜业有限公司 电工有限公司 线缆有限公司 铜材有限公司 电磁线有限公司 铜业股份有限公司",
        groups="铜杆=低氧铜杆,无氧铜杆 线材=漆包线,超细铜合金丝,高端电磁线 管材=内螺纹铜管,毛细管,外翅片铜管",
        products="低氧铜杆 无氧铜杆 漆包线 贯通地线 高精锂电铜箔 内螺纹铜管 毛细管 高精铜板带 超细铜合金丝 镀锡铜排 高端电磁线 外翅片铜管",
        processes="上引连铸@铜杆 连铸连轧@铜杆 熔炼@铜杆,管材 拉丝@铜杆,线材,贯通地线 连续退火@线材,贯通地线 涂漆烘焙@漆包线,高端电磁线 电解生箔@高精锂电铜箔 冷轧@高精铜板带,镀锡铜排 绞合@贯通地线 镀锡@镀锡铜排 盘拉@管材",
        problems="氧含量波动大@铜杆 表面氧化发黑@铜杆,线材,贯通地线,镀锡铜排 批次稳定性差 拉丝断线率高@铜杆,超细铜合金丝 导电率不达标@铜杆,高精铜板带,超细铜合金丝,镀锡铜排 晶粒粗大@高精铜板带,管材,高精锂电铜箔 表面起皮@铜杆,高精铜板带,管材 夹杂物偏多@铜杆,管材 延伸率偏低@高精锂电铜箔,超细铜合金丝,毛细管 针孔偏多@高精锂电铜箔,漆包线 抗拉强度不足@高精锂电铜箔,贯通地线,超细铜合金丝 单位能耗偏高 耐蚀性不足@贯通地线,外翅片铜管 漆膜附着力差@漆包线,高端电磁线 镀层厚度不均@镀锡铜排 翘曲变形@高精铜板带,高精锂电铜箔,镀锡铜排",
        situations="目前氧含量靠离线取样化验，结果出来要两三个小时@铜杆 熔炼炉覆盖木炭全凭老师傅经验添加@铜杆 石墨结晶器更换频繁，一套只能用一周左右@铜杆 收线后的铜杆在车间放几天就开始变色@铜杆 关键设备依赖进口，备件贵、服务响应慢 现有检测只能抽检，无法做到在线全检 生箔机添加剂浓度靠人工定时化验补加@高精锂电铜箔 涂漆烘焙炉温区靠人工巡检调节@漆包线,高端电磁线 产品主要卖给周边线缆厂，高端订单接不住",
        indicators="氧含量≤10ppm@铜杆 导电率≥101%IACS@铜杆,超细铜合金丝,高精铜板带,镀锡铜排 断线率≤0.5次/吨@铜杆,超细铜合金丝 延伸率≥35%@铜杆,线材,毛细管 表面氧化膜厚度≤3nm@铜杆,线材 抗拉强度≥300MPa@高精锂电铜箔,超细铜合金丝,贯通地线 铜箔厚度4.5μm±0.2μm@高精锂电铜箔 针孔数≤1个/m²@高精锂电铜箔,漆包线 吨铜电耗降低15% 杂质总量≤0.01%@铜杆,管材 漆膜击穿电压≥3kV@漆包线,高端电磁线 中性盐雾≥1000h@贯通地线,外翅片铜管 镀层厚度偏差≤±0.5μm@镀锡铜排 板形平直度≤5I@高精铜板带 换热系数提高15%@内螺纹铜管,外翅片铜管",
        keywords="低氧铜杆@铜杆 氧含量@铜杆 上引连铸@铜杆 导电率@铜杆,超细铜合金丝,高精铜板带,镀锡铜排 铜合金 拉丝@铜杆,线材 退火@线材,铜杆 锂电铜箔@高精锂电铜箔 电解铜箔@高精锂电铜箔 漆包线@漆包线,高端电磁线 表面氧化@铜杆,线材 石墨结晶器@铜杆 铜管@管材 耐蚀@贯通地线,外翅片铜管 贯通地线@贯通地线 铜加工",
        field="铜及铜合金熔铸与加工",
        teams="铜合金材料与加工课题组 有色金属凝固与成形课题组 先进导电材料课题组",
        approaches="高强高导铜合金微合金化设计与制备技术@超细铜合金丝,贯通地线,高精铜板带 铜杆表面抗氧化钝化处理工艺 超细铜合金丝连续拉拔退火成套技术@超细铜合金丝,铜杆 高精锂电铜箔电解添加剂体系 贯通地线用高耐蚀铜合金绞线制备技术 内螺纹铜管高效成形技术 漆包线涂漆烘焙在线缺陷检测系统",
        techs="石墨结晶器寿命控制@铜杆 保护气氛密封与氮气置换@铜杆 铜液氧活度传感@铜杆 微量稀土净化@铜杆,超细铜合金丝,贯通地线 在线涡流探伤@管材,铜杆 退火张力闭环控制@线材 添加剂浓度在线监测@高精锂电铜箔 晶粒取向调控@高精锂电铜箔,高精铜板带 阴极辊表面精整@高精锂电铜箔 机器视觉表面检测@漆包线,高精铜板带,高精锂电铜箔 多道次拉拔配模优化@超细铜合金丝,铜杆 多元微合金化@超细铜合金丝,贯通地线,高精铜板带 钝化膜成膜控制@铜杆 行星轧制@管材",
        effects="铜杆氧含量稳定控制在目标区间@铜杆 拉丝断线率降低60%以上@铜杆,超细铜合金丝 导电率提高1%IACS@铜杆,超细铜合金丝,高精铜板带 吨铜综合能耗下降12% 产品一次合格率提高到98%以上 铜箔抗拉强度提高20%@高精锂电铜箔 漆包线针孔缺陷检出率达到99%@漆包线 耐蚀寿命提高两倍@贯通地线,外翅片铜管 换热效率提高15%@内螺纹铜管,外翅片铜管 铜杆在库存放30天表面不变色@铜杆",
        applications="电线电缆@铜杆,贯通地线 电磁线@铜杆,线材 新能源汽车高压线束@铜杆,超细铜合金丝 锂离子电池负极集流体@高精锂电铜箔 轨道交通贯通地线@贯通地线 制冷空调@管材 电子元器件@高精铜板带,超细铜合金丝 电机绕组@漆包线,高端电磁线 配电柜母排@镀锡铜排",
    ),
    _direction(
        "new_materials.special_aluminium", 8, "年产{product}约{n}万吨", (1, 30),
        org_suffixes="铝业有限公司 新材料有限公司 铝材科技有限公司 铝制品有限公司",
        groups="粉体=高白氢氧化铝,特种氧化铝,电子陶瓷用氧化铝粉,高导热氧化铝填料,隔膜涂覆用勃姆石 铝材=铝合金车轮,铝散热片,高纯铝线,铝合金汽车车身板,航空用铝合金板材",
        products="高白氢氧化铝 特种氧化铝 电子陶瓷用氧化铝粉 高导热氧化铝填料 隔膜涂覆用勃姆石 铝合金车轮 铝散热片 高纯铝线 铝合金汽车车身板 航空用铝合金板材",
        processes="焙烧@粉体 研磨分级@粉体 表面改性@粉体 碳分分解@高白氢氧化铝 低压铸造@铝合金车轮 挤压@铝散热片,高纯铝线 时效热处理@铝材 熔铸@铝材 轧制@铝合金汽车车身板,航空用铝合金板材 拉丝@高纯铝线",
        problems="粒度分布宽@粉体 白度不稳定@高白氢氧化铝,特种氧化铝 钠含量偏高@高白氢氧化铝,特种氧化铝,电子陶瓷用氧化铝粉 团聚严重@粉体 气孔缺陷多@铝合金车轮,铝散热片 热处理变形大@铝合金车轮,铝合金汽车车身板,航空用铝合金板材 导热系数偏低@高导热氧化铝填料,铝散热片 内部缩松@铝合金车轮 阳极氧化后色差明显@铝散热片,铝合金汽车车身板 α相转化率低@特种氧化铝,电子陶瓷用氧化铝粉 磁性异物超标@隔膜涂覆用勃姆石,高导热氧化铝填料 拉丝断线多@高纯铝线 残余应力大@航空用铝合金板材 批次稳定性差",
        situations="焙烧温度靠人工看仪表调节，波动十几度@粉体 产品主要卖给耐火材料厂，附加值低@粉体 高端导热填料还要从日本进口@粉体 车轮X光探伤不合格率在5%左右@铝合金车轮 研磨设备老旧，电耗大@粉体 热处理炉温均匀性差，没有做过炉温校验@铝材 模具设计靠经验，试模次数多@铝材",
        indicators="Na₂O含量≤0.05%@高白氢氧化铝,特种氧化铝,电子陶瓷用氧化铝粉 D50=2±0.2μm@粉体 白度≥96%@高白氢氧化铝,特种氧化铝 导热系数≥30W/(m·K)@高导热氧化铝填料 α相转化率≥95%@特种氧化铝,电子陶瓷用氧化铝粉 车轮X光探伤合格率≥99%@铝合金车轮 磁性异物≤50ppb@隔膜涂覆用勃姆石,高导热氧化铝填料 抗拉强度≥280MPa@铝合金车轮,铝合金汽车车身板,航空用铝合金板材 纯度≥99.99%@高纯铝线 型材导热系数≥200W/(m·K)@铝散热片 成品率提高10%@铝材 断线率≤1次/万米@高纯铝线 残余应力≤30MPa@航空用铝合金板材 单位能耗降低15%",
        keywords="氧化铝@粉体 氢氧化铝@高白氢氧化铝 粒度控制@粉体 导热填料@高导热氧化铝填料 铝合金@铝材 低压铸造@铝合金车轮 热处理@铝材 表面改性@粉体 勃姆石@隔膜涂覆用勃姆石 轻量化@铝合金车轮,铝合金汽车车身板 散热@铝散热片 高纯铝@高纯铝线 航空铝材@航空用铝合金板材 特铝",
        field="特种氧化铝与铝合金",
        teams="轻合金材料课题组 无机非金属粉体工程课题组 先进铝合金成形课题组",
        approaches="高导热球形氧化铝制备技术@高导热氧化铝填料 低钠高白氢氧化铝连续碳分工艺@高白氢氧化铝 铝合金车轮低压铸造缺陷智能预测技术 锂电隔膜用勃姆石可控合成技术@隔膜涂覆用勃姆石 航空铝合金板材形变热处理工艺@航空用铝合金板材",
        techs="火焰球化@高导热氧化铝填料 晶种分解动力学调控@高白氢氧化铝,特种氧化铝 硅烷偶联剂表面改性@高导热氧化铝填料,隔膜涂覆用勃姆石 凝固过程数值模拟@铝合金车轮 分级时效@航空用铝合金板材,铝合金汽车车身板 气流分级@粉体 水热合成@隔膜涂覆用勃姆石 X射线实时成像@铝合金车轮 预拉伸消除残余应力@航空用铝合金板材 低温焙烧@高白氢氧化铝,特种氧化铝",
        effects="填充量提高到90%以上仍保持良好流动性@高导热氧化铝填料 产品附加值提高3倍@粉体 铸件废品率下降40%@铝合金车轮 焙烧能耗降低18%@高白氢氧化铝,特种氧化铝 强度与韧性同步提高@航空用铝合金板材,铝合金汽车车身板 隔膜热收缩率降低50%@隔膜涂覆用勃姆石",
        applications="导热界面材料@高导热氧化铝填料 覆铜板@高导热氧化铝填料,高白氢氧化铝 锂电池隔膜@隔膜涂覆用勃姆石 新能源汽车轻量化@铝合金车轮,铝合金汽车车身板 航空结构件@航空用铝合金板材 电子陶瓷基板@电子陶瓷用氧化铝粉,特种氧化铝 无卤阻燃材料@高白氢氧化铝",
        english=(
            _english("高导热球形氧化铝制备技术", "a flame-spheroidisation route to spherical alumina fillers",
                     "thermally conductive alumina fillers", "a broad particle-size distribution and poor sphericity",
                     techs="flame spheroidisation|airflow classification|silane surface modification",
                     effects="filler loading above 90 wt% is reached while keeping good flowability|sphericity exceeds 0.95",
                     indicators="thermal conductivity ≥30 W/(m·K) at 90 wt% loading|magnetic impurities ≤50 ppb",
                     applications="thermal interface materials|copper-clad laminates",
                     keywords="spherical alumina|thermal filler|flame spheroidisation|surface modification"),
            _english("航空铝合金板材形变热处理工艺", "a thermomechanical treatment for high-strength aerospace aluminium plates",
                     "7xxx-series aerospace aluminium plates", "distortion and residual stress after quenching",
                     techs="graded ageing|pre-stretching stress relief|precipitation control",
                     effects="strength and toughness are improved simultaneously|machining distortion is reduced by 50%",
                     indicators="tensile strength ≥560 MPa|residual stress ≤30 MPa",
                     applications="aircraft structural parts|high-speed rail car bodies",
                     keywords="aluminium alloy|heat treatment|residual stress|aerospace plate"),
            _english("铝合金车轮低压铸造缺陷智能预测技术", "a data-driven defect prediction model for low-pressure wheel casting",
                     "low-pressure cast aluminium wheels", "shrinkage porosity at the spoke–rim junction",
                     techs="solidification simulation|real-time X-ray imaging|gradient-boosted defect classification",
                     effects="casting scrap is reduced by 40%|die trial iterations are halved",
                     indicators="X-ray pass rate ≥99%|prediction accuracy ≥92%",
                     applications="automotive wheels|lightweight chassis parts",
                     keywords="low-pressure casting|aluminium wheel|casting defects|machine learning"),
        ),
    ),
    _direction(
        "new_materials.compound_semiconductor", 6, "现有{product}产线{n}条", (1, 4),
        org_suffixes="半导体有限公司 光电科技有限公司 微电子有限公司 晶体材料有限公司",
        groups="衬底=GaAs衬底,InP衬底 芯片=VCSEL芯片,RF芯片,3D感测芯片,通讯用激光器件",
        products="GaAs衬底 InP衬底 VCSEL外延片 VCSEL芯片 RF芯片 3D感测芯片 通讯用激光器件",
        processes="MOCVD外延@VCSEL外延片 光刻@芯片 湿法氧化@VCSEL外延片,VCSEL芯片 晶体生长@衬底 减薄抛光@衬底 封装测试@芯片",
        problems="波长均匀性差@VCSEL外延片 位错密度偏高@衬底 良率偏低 翘曲度超标@衬底,VCSEL外延片 氧化孔径一致性差@VCSEL外延片,VCSEL芯片 表面颗粒缺陷多@衬底,VCSEL外延片 高温老化失效偏多@芯片 测试筛选成本高",
        situations="外延片片内波长偏差有时超过3nm@VCSEL外延片 良率主要靠事后测试筛选 工艺窗口很窄，换一批衬底就要重新调参数 可靠性测试设备不足，送外检周期长",
        indicators="波长均匀性≤±1nm@VCSEL外延片 位错密度≤500cm⁻²@衬底 芯片良率≥90%@芯片,VCSEL外延片 翘曲度≤10μm@衬底,VCSEL外延片 氧化孔径偏差≤0.3μm@VCSEL外延片,VCSEL芯片 双85老化1000h失效率≤0.1%@芯片 表面颗粒≤10个/片@衬底",
        keywords="化合物半导体 GaAs@GaAs衬底,VCSEL外延片,VCSEL芯片,3D感测芯片,RF芯片 InP@InP衬底,通讯用激光器件 VCSEL@VCSEL外延片,VCSEL芯片,3D感测芯片 外延@VCSEL外延片 良率 可靠性@芯片 3D感测@3D感测芯片,VCSEL芯片 衬底@衬底 射频@RF芯片",
        field="化合物半导体材料与器件",
        teams="化合物半导体光电子课题组 宽禁带半导体器件课题组",
        approaches="VCSEL氧化孔径在线监测与精确控制技术@VCSEL外延片,VCSEL芯片 低位错砷化镓单晶生长技术@GaAs衬底 化合物半导体晶圆缺陷智能检测系统@衬底,VCSEL外延片 高速VCSEL芯片设计与可靠性提升技术@VCSEL芯片,3D感测芯片",
        techs="红外成像实时监测@VCSEL外延片,VCSEL芯片 垂直梯度凝固@衬底 深度学习缺陷分类@衬底,VCSEL外延片,芯片 应变补偿量子阱@VCSEL芯片,VCSEL外延片,通讯用激光器件 热场数值模拟@衬底 氧化速率闭环控制@VCSEL外延片,VCSEL芯片 高速调制结构设计@VCSEL芯片,3D感测芯片,通讯用激光器件 加速老化寿命评估@芯片",
        effects="芯片良率提升8个百分点@芯片,VCSEL外延片 检测效率提高5倍@衬底,VCSEL外延片 单晶成品率提高20%@衬底 氧化孔径片内偏差减小60%@VCSEL外延片,VCSEL芯片 调制带宽提升至25GHz@VCSEL芯片,通讯用激光器件",
        applications="3D传感@VCSEL外延片,VCSEL芯片,3D感测芯片 数据中心光互连@VCSEL芯片,通讯用激光器件,InP衬底 激光雷达@VCSEL芯片,VCSEL外延片 5G射频前端@RF芯片,GaAs衬底 光电子器件衬底@衬底",
        english=(
            _english("VCSEL氧化孔径在线监测与精确控制技术", "an in-situ monitored wet-oxidation process for VCSEL apertures",
                     "VCSEL epitaxial wafers", "poor uniformity of oxide apertures across the wafer",
                     techs="infrared in-situ imaging|closed-loop oxidation-rate control|strain-compensated quantum wells",
                     effects="aperture deviation within the wafer is reduced by 60%|chip yield is increased by 8 percentage points",
                     indicators="aperture deviation ≤0.3 μm|wavelength uniformity within ±1 nm",
                     applications="3D sensing|automotive LiDAR",
                     keywords="VCSEL|oxide aperture|wet oxidation|yield"),
            _english("低位错砷化镓单晶生长技术", "a vertical-gradient-freeze growth route for low-dislocation GaAs",
                     "semi-insulating GaAs substrates", "high dislocation density",
                     techs="vertical gradient freeze|thermal-field simulation|boron-oxide encapsulation",
                     effects="single-crystal yield rises by 20%|wafer warpage is kept below 10 μm",
                     indicators="dislocation density ≤500 cm⁻²|warpage ≤10 μm",
                     applications="RF front-end chips|optoelectronic substrates",
                     keywords="GaAs|crystal growth|VGF|dislocation"),
            _english("化合物半导体晶圆缺陷智能检测系统", "a deep-learning wafer defect inspection system",
                     "compound-semiconductor wafers", "slow manual defect review",
                     techs="convolutional defect classification|dark-field optical imaging|few-shot learning",
                     effects="inspection throughput is improved fivefold|the false-reject rate drops below 1%",
                     indicators="defect recall ≥98%|throughput ≥60 wafers per hour",
                     applications="epitaxy lines|substrate fabs",
                     keywords="wafer inspection|deep learning|defect classification|GaAs"),
        ),
    ),
    _direction(
        "new_materials.green_building", 7, "{product}年产能约{n}万吨", (5, 120),
        org_suffixes="建材有限公司 新型建材有限公司 水泥有限公司 建筑科技有限公司 装配式建筑有限公司",
        groups="制品=PC预制构件,新型墙体材料,赤泥基建材,淤泥烧结砖",
        products="水泥熟料 PC预制构件 新型墙体材料 防水密封材料 保温隔热材料 赤泥基建材 淤泥烧结砖 外墙涂料",
        processes="熟料煅烧@水泥熟料 蒸汽养护@PC预制构件,赤泥基建材 配料 发泡@保温隔热材料 压制成型@新型墙体材料,赤泥基建材 焙烧@淤泥烧结砖 替代燃料协同处置@水泥熟料 涂料调配@外墙涂料,防水密封材料",
        problems="早期强度偏低@制品,水泥熟料 养护周期长@PC预制构件,赤泥基建材 开裂渗漏@防水密封材料,PC预制构件,新型墙体材料 保温性能衰减快@保温隔热材料 固废掺量上不去@赤泥基建材,淤泥烧结砖,水泥熟料 煤耗偏高@水泥熟料,淤泥烧结砖 尺寸偏差大@PC预制构件,新型墙体材料 耐候性差@外墙涂料,防水密封材料,保温隔热材料 批次质量波动大",
        situations="蒸养窑温度靠人工控制，冬天构件脱模时间长@PC预制构件 赤泥堆存量大，利用率不到一成@赤泥基建材 水泥窑替代燃料比例一直上不去@水泥熟料 客户反映外墙涂料两三年就粉化@外墙涂料 原料成分波动大，配料全凭经验 产品主要供本地工地，价格压得很低",
        indicators="3天抗压强度≥25MPa@制品,水泥熟料 导热系数≤0.045W/(m·K)@保温隔热材料 赤泥掺量≥40%@赤泥基建材 吨熟料标煤耗≤100kg@水泥熟料 构件尺寸偏差≤3mm@PC预制构件,新型墙体材料 人工耐候老化≥2000h@外墙涂料,防水密封材料,保温隔热材料 固废掺量≥50%@淤泥烧结砖,赤泥基建材,新型墙体材料 替代燃料替代率≥30%@水泥熟料 不透水性0.3MPa无渗漏@防水密封材料 内外照射指数≤1.0@制品 附着力1级@外墙涂料 VOC含量≤50g/L@外墙涂料,防水密封材料",
        keywords="绿色建材 装配式建筑@PC预制构件 固废建材@赤泥基建材,淤泥烧结砖 水泥@水泥熟料 保温材料@保温隔热材料 防水材料@防水密封材料 新型墙材@新型墙体材料,淤泥烧结砖 涂料@外墙涂料 建筑节能@保温隔热材料,外墙涂料 赤泥@赤泥基建材",
        field="绿色建材与固废建材化",
        teams="绿色建筑材料课题组 土木工程材料课题组",
        approaches="赤泥—煤渣协同制备免烧建材技术@赤泥基建材,新型墙体材料 装配式构件智能蒸养控制系统@PC预制构件 水泥窑协同处置替代燃料技术@水泥熟料 气凝胶复合保温板制备技术@保温隔热材料 高耐候硅丙外墙涂料@外墙涂料",
        techs="碱激发胶凝@赤泥基建材,新型墙体材料,淤泥烧结砖 温湿度闭环控制@PC预制构件 多组分配伍优化 疏水改性@保温隔热材料,外墙涂料,防水密封材料 纳米填料分散@外墙涂料,保温隔热材料 燃料预处理与喂料控制@水泥熟料 窑况智能诊断@水泥熟料 常压干燥@保温隔热材料 养护制度优化@PC预制构件,赤泥基建材",
        effects="构件养护周期缩短30%@PC预制构件 固废利用率达到60%@赤泥基建材,淤泥烧结砖,新型墙体材料 熟料煤耗降低8%@水泥熟料 保温层厚度减薄40%@保温隔热材料 涂层耐候寿命延长到15年@外墙涂料 产品成本降低15%",
        applications="装配式住宅@PC预制构件,新型墙体材料 市政工程@制品 既有建筑节能改造@保温隔热材料,外墙涂料 水泥生产线@水泥熟料 工业与民用建筑@防水密封材料,外墙涂料,保温隔热材料",
    ),
    _direction(
        "new_materials.synthetic", 6, "年产{product}约{n}万吨", (1, 20),
        org_suffixes="化工有限公司 新材料股份有限公司 高分子材料有限公司 精细化工有限公司",
        products="PVA树脂 EVA树脂 PMMA 环氧乙烷衍生物 全生物降解塑料 三元正极材料前驱体 PTT纤维",
        processes="聚合@PVA树脂,EVA树脂,PMMA,PTT纤维 醇解@PVA树脂 造粒 精馏@环氧乙烷衍生物,PMMA 共混改性@全生物降解塑料 吹膜@全生物降解塑料 共沉淀@三元正极材料前驱体 纺丝@PTT纤维",
        problems="分子量分布宽@PVA树脂,EVA树脂,PMMA,PTT纤维 黄变指数偏高@PMMA,EVA树脂 残留单体超标@PMMA,EVA树脂,PVA树脂 降解周期不可控@全生物降解塑料 熔体强度低@全生物降解塑料,PTT纤维 催化剂消耗大@环氧乙烷衍生物,PVA树脂 单位能耗偏高 振实密度偏低@三元正极材料前驱体 杂质含量偏高@三元正极材料前驱体,环氧乙烷衍生物",
        situations="聚合釜温度控制靠DCS手动干预@PVA树脂,EVA树脂,PMMA,PTT纤维 可降解膜力学性能不如传统PE膜@全生物降解塑料 副产物醋酸甲酯回收率不高@PVA树脂 天然气原料价格波动大，装置负荷调整频繁 共沉淀反应釜pH控制波动大@三元正极材料前驱体",
        indicators="分子量分布指数≤2.0@PVA树脂,EVA树脂,PMMA,PTT纤维 黄色指数≤3@PMMA,EVA树脂 残留单体≤50ppm@PMMA,EVA树脂,PVA树脂 180天堆肥降解率≥90%@全生物降解塑料 拉伸强度≥25MPa@全生物降解塑料,EVA树脂 催化剂单耗降低20%@环氧乙烷衍生物,PVA树脂 单位产品能耗降低15% 振实密度≥2.0g/cm³@三元正极材料前驱体 磁性异物≤50ppb@三元正极材料前驱体 透光率≥92%@PMMA 断裂强度≥3.5cN/dtex@PTT纤维 产品纯度≥99.9%@环氧乙烷衍生物",
        keywords="高分子材料 可降解材料@全生物降解塑料 聚合工艺@PVA树脂,EVA树脂,PMMA,PTT纤维 改性 精细化工 天然气化工@PVA树脂,环氧乙烷衍生物 光学材料@PMMA 锂电正极材料@三元正极材料前驱体 纤维@PTT纤维",
        field="高分子合成与改性",
        teams="高分子材料改性课题组 先进树脂基复合材料课题组",
        approaches="PBAT/PLA全生物降解膜增韧改性技术@全生物降解塑料 高醇解度PVA连续醇解工艺@PVA树脂 天然气部分氧化制低碳烯烃新工艺@环氧乙烷衍生物 耐黄变PMMA光学级树脂制备技术@PMMA",
        techs="反应挤出增容@全生物降解塑料 微通道反应器@环氧乙烷衍生物,PVA树脂 分子量在线监测@PVA树脂,PMMA,EVA树脂 复合抗氧体系@PMMA,EVA树脂,全生物降解塑料 连续醇解塔设计@PVA树脂 部分氧化催化剂@环氧乙烷衍生物 本体聚合温度控制@PMMA 扩链增黏@全生物降解塑料",
        effects="膜材断裂伸长率提高一倍@全生物降解塑料 产品优级品率提升到95% 单位产品能耗下降15% 黄变指数降低60%@PMMA 碳收率提高8个百分点@环氧乙烷衍生物 醇解度波动控制在±0.5%以内@PVA树脂",
        applications="农用地膜@全生物降解塑料 快递包装@全生物降解塑料 光学显示@PMMA 纺织纤维@PTT纤维,PVA树脂 精细化学品@环氧乙烷衍生物 胶黏剂与涂料@PVA树脂,EVA树脂 光伏胶膜@EVA树脂",
        english=(
            _english("PBAT/PLA全生物降解膜增韧改性技术", "a reactive-extrusion toughening route for PBAT/PLA blown films",
                     "fully biodegradable PBAT/PLA films", "low melt strength and poor tear resistance",
                     techs="reactive compatibilisation|chain extension|synergistic antioxidant packages",
                     effects="elongation at break is doubled|films can be blown down to 10 μm",
                     indicators="90% compost degradation within 180 days|tensile strength ≥25 MPa",
                     applications="agricultural mulch films|express packaging",
                     keywords="biodegradable polymer|reactive extrusion|PBAT|PLA|blown film"),
            _english("高醇解度PVA连续醇解工艺", "a continuous alcoholysis process for high-degree PVA",
                     "polyvinyl alcohol resins", "a degree of alcoholysis that drifts between batches",
                     techs="continuous alcoholysis column design|inline molecular-weight monitoring|micro-channel reactors",
                     effects="the first-grade product ratio rises to 95%|energy use per tonne is cut by 15%",
                     indicators="degree of alcoholysis within ±0.5%|residual monomer ≤50 ppm",
                     applications="textile sizing|PVA optical films",
                     keywords="PVA|alcoholysis|continuous process|polymerisation"),
            _english("耐黄变PMMA光学级树脂制备技术", "a yellowing-resistant optical-grade PMMA formulation",
                     "optical-grade PMMA", "yellowing during melt processing",
                     techs="bulk polymerisation temperature control|synergistic antioxidant packages|devolatilisation",
                     effects="the yellowness index is reduced by 60%|light transmittance reaches 92%",
                     indicators="yellowness index ≤3|residual monomer ≤50 ppm",
                     applications="light-guide plates|optical displays",
                     keywords="PMMA|optical resin|yellowing|antioxidant"),
        ),
    ),
    _direction(
        "new_materials.basalt_fibre", 4, "年产{product}约{n}千吨", (1, 10),
        org_suffixes="玄武岩纤维有限公司 复合材料有限公司 电工有限公司 新材料有限公司",
        products="连续玄武岩纤维 玄武岩纤维线缆填充绳 玄武岩纤维筋 玄武岩纤维土工格栅 玄武岩短切纤维",
        processes="池窑拉丝@连续玄武岩纤维,玄武岩短切纤维 浸润剂涂覆@连续玄武岩纤维,玄武岩短切纤维 拉挤成型@玄武岩纤维筋 合股加捻@玄武岩纤维线缆填充绳 经编涂覆@玄武岩纤维土工格栅",
        problems="拉丝断头率高@连续玄武岩纤维 单丝直径离散大@连续玄武岩纤维,玄武岩短切纤维 与树脂界面结合差@玄武岩纤维筋,玄武岩纤维土工格栅 阻燃性能不达标@玄武岩纤维线缆填充绳 与护套料相容性差@玄武岩纤维线缆填充绳 生产成本偏高",
        situations="拉丝漏板使用寿命短，铂铑合金损耗大@连续玄武岩纤维,玄武岩短切纤维 纤维与PVC护套料相容性不好@玄武岩纤维线缆填充绳 产品认证周期长，下游用户不敢用",
        indicators="断头率≤2次/h@连续玄武岩纤维 单丝直径偏差≤±1μm@连续玄武岩纤维,玄武岩短切纤维 氧指数≥32@玄武岩纤维线缆填充绳 拉伸强度≥2500MPa@连续玄武岩纤维,玄武岩纤维线缆填充绳 综合成本降低20% 筋材拉伸强度≥1000MPa@玄武岩纤维筋,玄武岩纤维土工格栅 层间剪切强度≥50MPa@玄武岩纤维筋 分散性合格率≥98%@玄武岩短切纤维",
        keywords="玄武岩纤维 线缆@玄武岩纤维线缆填充绳 阻燃@玄武岩纤维线缆填充绳 复合材料@玄武岩纤维筋,玄武岩纤维土工格栅 拉丝@连续玄武岩纤维,玄武岩短切纤维 浸润剂@连续玄武岩纤维,玄武岩短切纤维 土工材料@玄武岩纤维土工格栅 混凝土增强@玄武岩短切纤维,玄武岩纤维筋",
        field="玄武岩纤维制备与应用",
        teams="玄武岩纤维及复合材料研究团队",
        approaches="玄武岩纤维阻燃填充线缆制备技术@玄武岩纤维线缆填充绳 玄武岩纤维专用浸润剂@连续玄武岩纤维,玄武岩短切纤维 玄武岩纤维筋拉挤成型工艺",
        techs="熔体均化@连续玄武岩纤维,玄武岩短切纤维 漏板温度场调控@连续玄武岩纤维,玄武岩短切纤维 界面偶联 无卤阻燃协效@玄武岩纤维线缆填充绳 合股张力控制@玄武岩纤维线缆填充绳 在线固化控制@玄武岩纤维筋",
        effects="线缆燃烧性能达到B1级@玄武岩纤维线缆填充绳 断头率下降一半@连续玄武岩纤维,玄武岩短切纤维 与树脂界面剪切强度提高30%@玄武岩纤维筋,连续玄武岩纤维 生产效率提高25%",
        applications="阻燃电缆@玄武岩纤维线缆填充绳 道路桥梁加固@玄武岩纤维筋,玄武岩纤维土工格栅 海工混凝土@玄武岩纤维筋,玄武岩短切纤维 复合材料增强@连续玄武岩纤维",
    ),
    # ------------------------------------------------------------------ 装备制造
    _direction(
        "equipment.forging", 6, "年产{product}约{n}台套", (50, 600),
        org_suffixes="机械有限公司 锻压机床有限公司 重工有限公司 锻造有限公司",
        groups="设备=大吨位液压机,伺服压力机,数控折弯机,数控剪板机,锻造操作机 锻件=自由锻件,模锻件",
        products="大吨位液压机 伺服压力机 数控折弯机 数控剪板机 锻造操作机 自由锻件 模锻件",
        processes="锻造@锻件 热处理@锻件 焊接@设备 液压系统装配@大吨位液压机,数控折弯机,锻造操作机 数控编程@数控折弯机,数控剪板机 整机调试@设备 模具设计@模锻件",
        problems="滑块运动精度不稳定@大吨位液压机,伺服压力机,数控折弯机 液压系统漏油发热@大吨位液压机,数控折弯机,锻造操作机 模具寿命短@模锻件 折叠裂纹缺陷多@锻件 空载能耗偏高@设备 故障难以提前发现@设备 噪声超标@设备 内部缺陷检出率低@锻件 材料利用率低@锻件",
        situations="设备售后主要靠派人到现场，故障判断靠经验@设备 大型锻件内部缺陷靠超声人工探伤@锻件 伺服控制核心部件依赖进口@设备 锻造加热炉温度均匀性差@锻件 工艺设计靠老师傅经验，新产品试制要反复试锻@锻件",
        indicators="滑块重复定位精度≤±0.02mm@大吨位液压机,伺服压力机,数控折弯机 液压油温升≤25℃@大吨位液压机,数控折弯机,锻造操作机 模具寿命提高50%@模锻件 整机能耗降低30%@设备 故障预警准确率≥90%@设备 锻件一次合格率≥98%@锻件 材料利用率≥85%@锻件 整机噪声≤78dB(A)@设备 内部缺陷检出率≥99%@锻件",
        keywords="锻压设备@设备 液压机@大吨位液压机 伺服控制@伺服压力机,大吨位液压机,数控折弯机 模锻@模锻件 故障诊断@设备 节能@设备 锻造工艺@锻件 无损检测@锻件 塑性成形",
        field="塑性成形工艺与装备",
        teams="塑性成形与装备课题组 精密锻造工艺课题组",
        approaches="大吨位液压机伺服节能驱动技术 锻压设备远程运维与故障预测系统@设备 精密模锻数值模拟与模具优化技术@模锻件 锻件内部缺陷超声相控阵检测技术@锻件",
        techs="泵控伺服@大吨位液压机,伺服压力机,数控折弯机 振动特征提取@设备 有限元成形仿真@锻件 相控阵成像@锻件 能量回收@大吨位液压机,伺服压力机 远程数据采集@设备 模具表面强化@模锻件",
        effects="整机能耗下降35%@设备 非计划停机减少40%@设备 模具寿命提高60%@模锻件 缺陷检出率提高到99%@锻件 材料利用率提高10个百分点@锻件",
        applications="汽车零部件锻造 航空锻件@锻件,大吨位液压机 工程机械 钣金加工@数控折弯机,数控剪板机",
        english=(
            _english("大吨位液压机伺服节能驱动技术", "a pump-controlled servo drive for heavy hydraulic presses",
                     "large hydraulic presses", "high idle energy consumption",
                     techs="pump-controlled servo actuation|energy recovery|pressure–position closed-loop control",
                     effects="energy consumption is reduced by 35%|oil temperature rise stays below 25 °C",
                     indicators="ram positioning repeatability of ±0.02 mm|noise ≤78 dB(A)",
                     applications="automotive forgings|powder metallurgy",
                     keywords="hydraulic press|servo drive|energy saving|forming equipment"),
            _english("精密模锻数值模拟与模具优化技术", "a simulation-driven die optimisation method for precision forging",
                     "precision die forgings", "short die life and folding defects",
                     techs="finite-element forming simulation|die surface strengthening|preform optimisation",
                     effects="die life is extended by 60%|material utilisation rises by 10 percentage points",
                     indicators="first-pass yield ≥98%|material utilisation ≥85%",
                     applications="automotive forgings|aerospace structural parts",
                     keywords="die forging|FEM simulation|die life|preform design"),
            _english("锻压设备远程运维与故障预测系统", "a remote condition-monitoring and fault-prediction platform for forming equipment",
                     "forming equipment in the field", "faults that are found only after breakdown",
                     techs="vibration feature extraction|remote data acquisition|remaining-useful-life estimation",
                     effects="unplanned downtime is cut by 40%|service trips are halved",
                     indicators="fault-warning accuracy ≥90%|data availability ≥99%",
                     applications="press manufacturers|forging shops",
                     keywords="condition monitoring|fault prediction|remote maintenance|hydraulic press"),
        ),
    ),
    _direction(
        "equipment.shipbuilding", 6, "年产值约{n}亿元", (1, 20),
        org_suffixes="船舶有限公司 造船有限公司 船舶配套有限公司 船舶工程有限公司",
        groups="船=内河电动船舶,新能源船,特种船艇,游艇,内河功能型船舶",
        products="内河电动船舶 新能源船 特种船艇 游艇 内河功能型船舶 船舶电力推进装置 精密传动装置 双相不锈钢铸件",
        processes="分段焊接@船 舾装@船 涂装@船 推进系统集成@船,船舶电力推进装置 铸造@双相不锈钢铸件 齿轮加工@精密传动装置 装配调试@船舶电力推进装置,精密传动装置",
        problems="焊接变形大@船 电池舱热管理难@内河电动船舶,新能源船 航行能耗偏高@船 涂层防腐寿命短@船 振动噪声大@船,精密传动装置,船舶电力推进装置 铸件气孔夹渣多@双相不锈钢铸件 传动效率偏低@精密传动装置 系统效率偏低@船舶电力推进装置 交付周期长",
        situations="焊接主要靠人工，变形后火工矫正费时费力@船 电动船电池系统安全认证难@内河电动船舶,新能源船 三峡库区航道条件复杂，船型优化缺少数据@船 铸件缺陷靠打磨补焊，返修量大@双相不锈钢铸件 核心零部件依赖外购，成本压不下来",
        indicators="焊接变形≤2mm/m@船 百公里能耗降低15%@船 舱室噪声≤65dB(A)@船 防腐寿命≥10年@船 铸件一次合格率≥95%@双相不锈钢铸件 传动效率≥97%@精密传动装置 系统效率≥92%@船舶电力推进装置 振动烈度≤4.5mm/s@精密传动装置,船舶电力推进装置 交付周期缩短20%",
        keywords="船舶 电动船@内河电动船舶,新能源船 焊接@船 推进装置@船舶电力推进装置,精密传动装置 船型优化@船 防腐@船 铸造@双相不锈钢铸件 内河航运@船",
        field="船舶设计与动力系统",
        teams="船舶与海洋工程课题组 内河航运与船舶技术团队 船舶动力与电气课题组",
        approaches="内河电动船舶电池舱热失控防护技术 船体分段焊接变形预测与控制技术@船 库区船型阻力优化设计方法@船 船舶电力推进系统能效管理技术@船舶电力推进装置,内河电动船舶,新能源船",
        techs="CFD阻力仿真@船 热—力耦合模拟@船,双相不锈钢铸件 电池簇液冷@内河电动船舶,新能源船 能量管理策略@内河电动船舶,新能源船,船舶电力推进装置 反变形工装设计@船 气体灭火联动@内河电动船舶,新能源船 永磁推进电机控制@船舶电力推进装置",
        effects="航行能耗降低12%@船,船舶电力推进装置 焊接返修率下降50%@船 电池舱温升控制在10℃以内@内河电动船舶,新能源船 推进系统效率提高5%@船舶电力推进装置",
        applications="三峡库区客货运输@船 内河旅游船@船 港口作业船@船,船舶电力推进装置 船舶配套@船舶电力推进装置,精密传动装置,双相不锈钢铸件",
        english=(
            _english("船体分段焊接变形预测与控制技术", "a thermo-mechanical model predicting welding distortion of hull blocks",
                     "hull block assemblies", "welding distortion that requires heat straightening",
                     techs="coupled thermo-mechanical analysis|reverse-deformation fixtures|welding sequence optimisation",
                     effects="weld rework is halved|straightening work falls by 60%",
                     indicators="distortion ≤2 mm/m|prediction error ≤15%",
                     applications="inland shipyards|hull block fabrication",
                     keywords="welding distortion|hull block|thermo-mechanical simulation|shipbuilding"),
            _english("库区船型阻力优化设计方法", "a hull-form optimisation method for reservoir waterways",
                     "inland passenger and cargo vessels", "high resistance in shallow reservoir waters with fluctuating levels",
                     techs="CFD resistance simulation|parametric hull modelling|model-basin validation",
                     effects="propulsion energy is reduced by 12%|service speed rises by 0.5 knots at the same power",
                     indicators="resistance reduction ≥10%|CFD–model test deviation ≤5%",
                     applications="Three Gorges reservoir shipping|inland tourist vessels",
                     keywords="hull optimisation|CFD|inland vessel|resistance"),
            _english("船舶电力推进系统能效管理技术", "an energy-management system for marine electric propulsion",
                     "inland electric vessels", "high propulsion energy use and battery stress",
                     techs="rule-based energy management|permanent-magnet motor control|liquid-cooled battery clusters",
                     effects="propulsion energy is reduced by 12%|battery temperature rise stays within 10 °C",
                     indicators="system efficiency ≥92%|battery-room temperature rise ≤10 °C",
                     applications="Three Gorges reservoir shipping|harbour workboats",
                     keywords="electric propulsion|energy management|inland vessel|battery"),
        ),
    ),
    _direction(
        "equipment.intelligent", 8, "年产{product}约{n}台套", (10, 500),
        org_suffixes="智能装备有限公司 自动化设备有限公司 机电有限公司 智能科技有限公司",
        products="智能数控机床 工业机器人工作站 智能仪表 自动化计量装备 食品级不锈钢机械设备 智能电气装备 智能测量设备",
        processes="装配调试 视觉检测@工业机器人工作站,智能测量设备 运动控制@智能数控机床,工业机器人工作站 焊接@工业机器人工作站,食品级不锈钢机械设备 精密加工@智能数控机床 计量标定@智能仪表,自动化计量装备,智能测量设备",
        problems="定位精度不稳定@智能数控机床,工业机器人工作站 视觉识别误判率高@工业机器人工作站,智能测量设备 调试周期长 关键部件依赖进口 产线换型慢@工业机器人工作站,食品级不锈钢机械设备 设备数据采集不全 计量精度漂移@智能仪表,自动化计量装备,智能测量设备 卫生死角难清洗@食品级不锈钢机械设备 热误差大@智能数控机床",
        situations="产线上还有大量人工上下料 设备数据散落在各个PLC里，没法统一分析 伺服和控制器基本都是进口品牌 客户定制多，每台设备都要重新设计",
        indicators="重复定位精度≤±0.05mm@智能数控机床,工业机器人工作站 视觉识别准确率≥99.5%@工业机器人工作站,智能测量设备 换型时间≤15min@工业机器人工作站,食品级不锈钢机械设备 设备综合效率OEE≥85% 核心部件国产化率≥80% 计量准确度优于0.2级@智能仪表,自动化计量装备 测量不确定度≤2μm@智能测量设备 热变形误差≤5μm@智能数控机床 CIP清洗无死角@食品级不锈钢机械设备",
        keywords="智能制造 工业机器人@工业机器人工作站 机器视觉@工业机器人工作站,智能测量设备 数控机床@智能数控机床 数字化车间 运动控制@智能数控机床,工业机器人工作站 计量@智能仪表,自动化计量装备 食品机械@食品级不锈钢机械设备 电气装备@智能电气装备",
        field="智能制造装备",
        teams="智能制造与机器人课题组 机器视觉与检测课题组",
        approaches="面向多品种小批量的柔性装配机器人工作站@工业机器人工作站 基于深度学习的工业视觉检测平台@工业机器人工作站,智能测量设备 数控机床热误差补偿技术@智能数控机床 数字化车间设备互联与OEE分析系统",
        techs="手眼标定@工业机器人工作站 小样本缺陷学习@工业机器人工作站,智能测量设备 热误差建模@智能数控机床 OPC-UA设备互联 柔性夹具快换@工业机器人工作站 边缘计算网关 温度场测点优化@智能数控机床",
        effects="人工减少60%@工业机器人工作站 检测效率提高4倍@工业机器人工作站,智能测量设备 加工精度提高30%@智能数控机床 设备综合效率提高15个百分点",
        applications="汽车零部件装配@工业机器人工作站 电子元件检测@智能测量设备,工业机器人工作站 食品包装@食品级不锈钢机械设备 精密零件加工@智能数控机床 智能工厂",
        english=(
            _english("基于深度学习的工业视觉检测平台", "a few-shot deep-learning vision inspection platform",
                     "industrial vision inspection stations", "high false-reject rates in visual inspection",
                     techs="few-shot defect learning|hand–eye calibration|edge inference",
                     effects="inspection throughput is increased fourfold|false rejects fall by 70%",
                     indicators="recognition accuracy ≥99.5%|cycle time ≤0.5 s per part",
                     applications="electronic component inspection|automotive parts",
                     keywords="machine vision|deep learning|defect detection|smart manufacturing"),
            _english("数控机床热误差补偿技术", "a thermal-error compensation method for CNC machine tools",
                     "CNC machine tools", "thermal drift of machining accuracy",
                     techs="thermal-error modelling|temperature sensor placement optimisation|real-time compensation in the CNC",
                     effects="machining accuracy improves by 30%|warm-up time is shortened by 60%",
                     indicators="thermal deformation error ≤5 μm|compensation update ≤1 s",
                     applications="precision part machining|mould making",
                     keywords="CNC machine tool|thermal error|compensation|precision machining"),
            _english("面向多品种小批量的柔性装配机器人工作站", "a flexible robotic assembly cell for high-mix low-volume production",
                     "robotic assembly cells", "long changeover times",
                     techs="hand–eye calibration|quick-change fixtures|offline programming",
                     effects="manual labour is cut by 60%|changeover takes less than 15 minutes",
                     indicators="repeatability of ±0.05 mm|OEE ≥85%",
                     applications="automotive part assembly|electrical equipment",
                     keywords="industrial robot|flexible assembly|changeover|smart manufacturing"),
        ),
    ),
    _direction(
        "equipment.vehicles", 9, "年产值约{n}亿元", (1, 15),
        org_suffixes="汽车有限公司 专用汽车有限公司 汽车零部件有限公司 车桥有限公司",
        groups="整车=冷链物流车,环卫车,混凝土搅拌车,半挂车",
        products="冷链物流车 环卫车 混凝土搅拌车 半挂车 铝合金轮毂 汽车行李架 电动空调压缩机 汽车照明灯具 新能源底盘",
        processes="焊装@整车,新能源底盘,汽车行李架 涂装@整车,汽车行李架 总装@整车,新能源底盘 冲压@整车,新能源底盘,汽车行李架 低压铸造@铝合金轮毂 注塑@汽车照明灯具 电机装配@电动空调压缩机",
        problems="轻量化不足@整车,新能源底盘,汽车行李架 厢体保温性能差@冷链物流车 焊接质量不稳定@整车,新能源底盘,汽车行李架 NVH性能差@电动空调压缩机,新能源底盘 涂装耗漆量大@整车,汽车行李架 疲劳寿命不足@铝合金轮毂,半挂车,新能源底盘 气孔缺陷多@铝合金轮毂 灯具起雾@汽车照明灯具 能效比偏低@电动空调压缩机 上装作业噪声大@环卫车,混凝土搅拌车 配光不合规@汽车照明灯具",
        situations="冷藏厢体还在用传统聚氨酯发泡工艺@冷链物流车 上装和底盘匹配主要靠经验@整车 涂装线VOCs排放压力大@整车,汽车行李架 零部件台架试验要送到外地做 主机厂年年压价，只能靠降本增效",
        indicators="整备质量降低10%@整车,新能源底盘 厢体传热系数K≤0.4W/(m²·K)@冷链物流车 疲劳寿命≥100万次@铝合金轮毂,半挂车,新能源底盘,汽车行李架 涂料利用率≥70%@整车,汽车行李架 VOCs排放≤30mg/m³@整车,汽车行李架 车轮冲击试验合格率100%@铝合金轮毂 能效比COP≥3.0@电动空调压缩机 整机噪声≤65dB(A)@电动空调压缩机,环卫车,混凝土搅拌车 配光性能符合GB4599@汽车照明灯具 防雾性能满足主机厂要求@汽车照明灯具 一次交检合格率≥98%",
        keywords="专用车@整车 汽车零部件@铝合金轮毂,汽车行李架,电动空调压缩机,汽车照明灯具,新能源底盘 轻量化@整车,铝合金轮毂,新能源底盘,汽车行李架 冷藏车@冷链物流车 焊接@整车,新能源底盘,汽车行李架 涂装@整车,汽车行李架 汽车照明@汽车照明灯具 电动压缩机@电动空调压缩机 汽车制造",
        field="专用车设计与轻量化",
        teams="汽车轻量化与结构优化课题组",
        approaches="专用车上装轻量化结构设计与优化技术@整车 真空绝热板冷藏厢体制备技术@冷链物流车 汽车零部件焊接质量在线监测系统@新能源底盘,汽车行李架,半挂车 铝合金轮毂低压铸造工艺优化技术",
        techs="拓扑优化@整车,新能源底盘,汽车行李架 真空绝热芯材@冷链物流车 焊接电流特征识别@整车,新能源底盘,汽车行李架 多目标轻量化设计@整车,新能源底盘 高强钢替代@整车,新能源底盘 冷桥阻断结构@冷链物流车 模具温度场控制@铝合金轮毂 凝固顺序优化@铝合金轮毂",
        effects="上装减重12%@整车 厢体日耗冷量降低25%@冷链物流车 焊接缺陷检出率达到98%@整车,新能源底盘,汽车行李架 轮毂成品率提高6个百分点@铝合金轮毂",
        applications="冷链物流@冷链物流车 城市环卫@环卫车 工程运输@混凝土搅拌车,半挂车 商用车配套@新能源底盘,汽车行李架,铝合金轮毂 专用车改装@整车",
    ),
    _direction(
        "equipment.surface_treatment", 6, "年处理镀件约{n}万平方米", (10, 300),
        org_suffixes="表面处理有限公司 电镀有限公司 金属表面技术有限公司 涂装有限公司",
        groups="镀件=镀锌件,镀镍件,镀铬件,化学镀镍层,铝阳极氧化件,电泳涂装件",
        products="镀锌件 镀镍件 镀铬件 化学镀镍层 铝阳极氧化件 电泳涂装件 电镀废水 电镀污泥",
        processes="前处理除油@镀件 电镀@镀锌件,镀镍件,镀铬件 化学镀@化学镀镍层 钝化@镀锌件 阳极氧化@铝阳极氧化件 电泳@电泳涂装件 物化预处理@电镀废水 膜法回用@电镀废水 压滤脱水@电镀污泥",
        problems="镀层结合力差@镀件 盐雾试验不合格@镀件 重金属排放超标@电镀废水 处置成本高@电镀污泥 镀液寿命短@镀锌件,镀镍件,化学镀镍层 六价铬难以替代@镀锌件,镀铬件 药剂消耗大@电镀废水 回用率低@电镀废水 有价金属未回收@电镀污泥 膜层色差@铝阳极氧化件,电泳涂装件",
        situations="园区废水站出水勉强达标，回用率不到三成@电镀废水 电镀污泥按危废处置，一吨要三四千元@电镀污泥 客户要求无铬钝化，但耐蚀性一直达不到@镀锌件,镀铬件 前处理还是老工艺，酸雾大@镀件 镀液成分靠人工化验，补加凭经验@镀件 环保督查越来越严，末端处理压力大",
        indicators="中性盐雾≥720h@镀件 总镍≤0.1mg/L@电镀废水 总铬≤0.5mg/L@电镀废水 废水回用率≥70%@电镀废水 污泥减量≥30%@电镀污泥,电镀废水 划格试验0级@镀件 镀液寿命延长一倍@镀锌件,镀镍件,化学镀镍层 有价金属回收率≥90%@电镀污泥 膜厚偏差≤±1μm@镀件",
        keywords="表面处理 电镀@镀锌件,镀镍件,镀铬件,化学镀镍层,电镀废水,电镀污泥 电镀废水@电镀废水 无铬钝化@镀锌件,镀铬件 膜处理@电镀废水 重金属@电镀废水,电镀污泥 耐蚀性@镀件 阳极氧化@铝阳极氧化件 危废资源化@电镀污泥",
        field="表面工程与腐蚀防护",
        teams="材料腐蚀与防护课题组 表面工程与涂层课题组",
        approaches="电镀废水物化预处理+全膜处理分质回用技术 三价铬无铬钝化替代工艺@镀锌件,镀铬件 电镀污泥资源化回收有价金属技术 高耐蚀锌镍合金电镀工艺@镀锌件",
        techs="分质分流收集@电镀废水 反渗透浓水蒸发@电镀废水 纳米复合钝化膜@镀锌件,镀铬件 重金属选择性浸出@电镀污泥 电沉积回收@电镀污泥,电镀废水 镀液在线分析补加@镀件 脉冲电镀@镀锌件,镀镍件,镀铬件",
        effects="废水回用率达到75%@电镀废水 危废污泥减量40%@电镀污泥 中性盐雾寿命提高两倍@镀件 镍铜回收率超过90%@电镀污泥 药剂成本下降30%@电镀废水",
        applications="电镀园区@电镀废水,电镀污泥 汽摩零部件@镀件 五金制品@镀件 表面处理中心",
    ),
    # ------------------------------------------------------------------ 食品加工
    _direction(
        "food.grain_oil", 7, "年加工{product}约{n}万吨", (1, 30),
        org_suffixes="粮油有限公司 食品有限公司 油脂有限公司 粮油股份有限公司",
        groups="油=浓香菜籽油,小榨菜籽油,玉米胚芽油,菜籽色拉油",
        products="浓香菜籽油 小榨菜籽油 玉米胚芽油 菜籽色拉油 菜籽饼粕",
        processes="炒籽@浓香菜籽油,小榨菜籽油 压榨@油 精炼@油 浸出@菜籽色拉油,菜籽饼粕 脱色@油 脱溶@菜籽饼粕",
        problems="苯并芘风险@油 出油率偏低@油 哈败回味@油 保质期短@油 浓香风味不稳定@浓香菜籽油,小榨菜籽油 利用价值低@菜籽饼粕 蛋白变性严重@菜籽饼粕 精炼损耗大@玉米胚芽油,菜籽色拉油 批次质量波动大",
        situations="小榨工艺炒籽全靠师傅看颜色@浓香菜籽油,小榨菜籽油 精炼环节脱色剂用量大，油损高@油 副产物菜籽饼粕只能低价卖给饲料厂 原料菜籽收购时含水率、含杂高低不一 产品主要在本地商超销售，品牌影响力弱",
        indicators="苯并芘≤2μg/kg@油 出油率提高1.5个百分点@油 酸价≤1.0mg/g@油 保质期≥12个月@油 菜籽蛋白提取率≥70%@菜籽饼粕 硫苷含量≤30μmol/g@菜籽饼粕 反式脂肪酸≤0.5%@油 风味物质保留率≥80%@浓香菜籽油,小榨菜籽油",
        keywords="粮油加工 菜籽油@浓香菜籽油,小榨菜籽油,菜籽色拉油 精炼@油 风味@浓香菜籽油,小榨菜籽油 副产物利用@菜籽饼粕 植物蛋白@菜籽饼粕 食品安全@油 玉米油@玉米胚芽油",
        field="粮油精深加工",
        teams="粮油加工与功能食品课题组 农产品加工与贮藏课题组",
        approaches="浓香菜籽油风味稳定化与苯并芘控制技术 菜籽饼粕蛋白高值化提取技术 食用油适度精炼与营养保留技术@油 菜籽微波预处理压榨技术@浓香菜籽油,小榨菜籽油",
        techs="微波预处理@浓香菜籽油,小榨菜籽油 适度精炼@油 酶法改性@菜籽饼粕 低温脱溶@菜籽饼粕 风味物质组学分析@浓香菜籽油,小榨菜籽油 吸附脱除多环芳烃@油",
        effects="苯并芘稳定低于限量@油 副产物增值3倍以上@菜籽饼粕 浓香风味批次一致性明显提高@浓香菜籽油,小榨菜籽油 精炼损耗降低0.5个百分点@玉米胚芽油,菜籽色拉油 维生素E保留率提高20%@油",
        applications="食用油加工@油 植物蛋白饮料@菜籽饼粕 饲料原料@菜籽饼粕 餐饮用油@油",
    ),
    _direction(
        "food.meat", 8, "年加工{product}约{n}千吨", (1, 20),
        org_suffixes="食品有限公司 肉类加工有限公司 食品科技有限公司 农牧食品有限公司",
        products="万州烤鱼 腊肉 牛肉干 火腿 卤制品 酱卤肉制品 肉类罐头",
        processes="腌制@腊肉,火腿,酱卤肉制品 烟熏@腊肉,火腿 卤制@卤制品,酱卤肉制品 杀菌 真空包装 斩拌@肉类罐头 烤制@万州烤鱼 风干@牛肉干,腊肉",
        problems="亚硝酸盐残留偏高@腊肉,火腿,酱卤肉制品 多环芳烃超标风险@腊肉,万州烤鱼 口感发柴@万州烤鱼,牛肉干,卤制品,肉类罐头 出品率低 胀袋@卤制品,酱卤肉制品,牛肉干 风味同质化 标准化程度低@万州烤鱼,卤制品 哈喇味@腊肉,火腿",
        situations="烟熏还用传统柴火熏房，温度不好控@腊肉,火腿 高温杀菌后肉质变硬，客户说没嚼劲 夏季胀袋投诉多@卤制品,酱卤肉制品,牛肉干 卤汤循环使用，老卤品质说不清@卤制品,酱卤肉制品 门店烤鱼口味靠厨师，各店味道不一样@万州烤鱼",
        indicators="亚硝酸盐残留≤30mg/kg@腊肉,火腿,酱卤肉制品 苯并芘≤5μg/kg@腊肉,万州烤鱼,火腿 出品率提高5% 常温保质期≥9个月@腊肉,牛肉干,卤制品,酱卤肉制品,肉类罐头 菌落总数≤1×10⁴CFU/g 剪切力降低20%@万州烤鱼,牛肉干,卤制品,肉类罐头 过氧化值≤0.25g/100g@腊肉,火腿",
        keywords="肉制品 腌腊@腊肉,火腿 烟熏@腊肉,火腿 杀菌 风味 品质控制 烤鱼@万州烤鱼 卤制品@卤制品,酱卤肉制品 休闲肉制品@牛肉干 罐头@肉类罐头",
        field="肉品科学与加工",
        teams="肉品加工与质量安全课题组 特色食品工程研究团队",
        approaches="腊肉低温液熏替代传统烟熏技术 肉制品栅栏技术保鲜体系 烤鱼风味物质解析与标准化加工技术@万州烤鱼 微波辅助杀菌保质技术@卤制品,酱卤肉制品,牛肉干",
        techs="液熏剂复配@腊肉,火腿 气调包装 风味组学分析 温和杀菌 栅栏因子组合@卤制品,酱卤肉制品,腊肉,牛肉干 微波均匀加热@卤制品,酱卤肉制品,牛肉干 标准化烤制曲线@万州烤鱼",
        effects="多环芳烃降低80%@腊肉,火腿,万州烤鱼 保质期延长一倍 出品率提高6% 口感嫩度明显改善@万州烤鱼,卤制品,牛肉干",
        applications="预制菜@万州烤鱼,卤制品,酱卤肉制品 休闲肉制品@牛肉干,卤制品 地方特色食品 餐饮连锁@万州烤鱼",
    ),
    _direction(
        "food.fruit_veg", 10, "年加工{product}约{n}万吨", (1, 10),
        org_suffixes="食品有限公司 果业有限公司 榨菜有限公司 饮品有限公司 农产品加工有限公司",
        products="榨菜 NFC橙汁 柑橘罐头 柑橘皮渣 脆李果脯 蔬菜脆片 果蔬饮料",
        processes="腌制脱盐@榨菜 榨汁@NFC橙汁,果蔬饮料 杀菌@NFC橙汁,果蔬饮料,柑橘罐头,榨菜 浓缩@果蔬饮料 真空冷冻干燥@蔬菜脆片,脆李果脯 护色@脆李果脯,蔬菜脆片,NFC橙汁 去囊衣@柑橘罐头 分拣烘干@柑橘皮渣",
        problems="含盐量偏高@榨菜 褐变严重@NFC橙汁,果蔬饮料,脆李果脯,蔬菜脆片 风味劣变@NFC橙汁,果蔬饮料,柑橘罐头 出汁率低@NFC橙汁,果蔬饮料 腌制废水含盐量高@榨菜 脆度下降@榨菜,蔬菜脆片 营养损失大@蔬菜脆片,NFC橙汁,脆李果脯 综合利用率低@柑橘皮渣 囊衣去除不彻底@柑橘罐头 亚硝酸盐峰值偏高@榨菜 含油率偏高@蔬菜脆片 霉变腐败@柑橘皮渣",
        situations="榨菜腌制还用大池子，脱盐废水盐度很高@榨菜 橙汁冷藏一个月颜色就变深@NFC橙汁,果蔬饮料 每年几千吨皮渣只能低价卖掉或者填埋@柑橘皮渣 加工季节性强，设备一年有半年闲着 酸碱去囊衣用水量大，废水处理费用高@柑橘罐头 产品主要走批发渠道，利润越来越薄",
        indicators="含盐量≤4%@榨菜 褐变指数降低50%@NFC橙汁,果蔬饮料,脆李果脯,蔬菜脆片 出汁率≥50%@NFC橙汁,果蔬饮料 维生素C保留率≥85%@NFC橙汁,果蔬饮料,蔬菜脆片 果胶得率≥15%@柑橘皮渣 腌制废水回用率≥60%@榨菜 亚硝酸盐≤4mg/kg@榨菜 皮渣综合利用率≥90%@柑橘皮渣 含油率≤20%@蔬菜脆片 囊衣去除率≥98%@柑橘罐头 保质期≥12个月@柑橘罐头,脆李果脯,榨菜 商业无菌合格@柑橘罐头,NFC橙汁",
        keywords="果蔬加工 榨菜@榨菜 柑橘@NFC橙汁,柑橘罐头,柑橘皮渣 褐变@NFC橙汁,果蔬饮料,脆李果脯,蔬菜脆片 低盐@榨菜 副产物利用@柑橘皮渣 杀菌@NFC橙汁,果蔬饮料,柑橘罐头 果胶@柑橘皮渣 休闲食品@蔬菜脆片,脆李果脯 发酵蔬菜@榨菜",
        field="果蔬加工",
        teams="果蔬加工与贮藏课题组 柑橘加工工程研究团队 发酵蔬菜研究团队",
        approaches="低盐榨菜微生物控制与保脆技术 NFC橙汁非热杀菌与护色技术 柑橘皮渣果胶及精油联产技术 果蔬变温压差膨化干燥技术@蔬菜脆片,脆李果脯 柑橘罐头酶法去囊衣技术",
        techs="乳酸菌定向发酵@榨菜 超高压杀菌@NFC橙汁,果蔬饮料 酶法辅助提取@柑橘皮渣 分子蒸馏@柑橘皮渣 钙离子保脆@榨菜,蔬菜脆片 变温压差膨化@蔬菜脆片,脆李果脯 复合护色剂@NFC橙汁,脆李果脯,蔬菜脆片 复合酶解去囊衣@柑橘罐头 低温杀菌@柑橘罐头,榨菜",
        effects="产品盐度降低40%仍保持脆度@榨菜 皮渣增值5倍以上@柑橘皮渣 冷藏期色泽和风味保持90天@NFC橙汁,果蔬饮料 产品非油炸、酥脆度好@蔬菜脆片,脆李果脯 去囊衣用水量减少60%@柑橘罐头 腌制废水减少50%@榨菜",
        applications="休闲食品@蔬菜脆片,脆李果脯,榨菜 饮料@NFC橙汁,果蔬饮料 食品添加剂@柑橘皮渣 罐头食品@柑橘罐头 调味佐餐@榨菜 日化香精@柑橘皮渣",
    ),
    _direction(
        "food.condiments", 10, "年产{product}约{n}千吨", (1, 30),
        org_suffixes="食品有限公司 调味品有限公司 食品科技有限公司 酿造有限公司",
        groups="炒料=火锅底料,烤鱼调料,小面调料,复合调味料",
        products="火锅底料 烤鱼调料 花椒油 辣椒酱 小面调料 鸡精 豆瓣酱 复合调味料",
        processes="炒制@炒料 熬制@炒料,花椒油 发酵@豆瓣酱,辣椒酱 灌装@花椒油,辣椒酱,豆瓣酱 杀菌@辣椒酱,豆瓣酱,小面调料 配料 造粒干燥@鸡精",
        problems="批次风味不一致 油脂氧化酸败@炒料,花椒油,辣椒酱 麻味物质损失@花椒油,火锅底料,烤鱼调料 炒制全靠人工经验@炒料 保质期内出现分层@辣椒酱,小面调料,花椒油 辣度不稳定@炒料,辣椒酱 色泽发暗@辣椒酱,豆瓣酱,火锅底料 吸潮结块@鸡精 发酵周期长@豆瓣酱",
        situations="炒料全凭老师傅掌握火候，换人味道就不一样@炒料 花椒油放半年麻味明显变淡@花椒油 没有风味检测手段，只能靠人尝 产品主要卖给周边餐馆，进不了商超 原料辣椒、花椒每年产地和品质都不一样",
        indicators="酸价≤3mg/g@炒料,花椒油,辣椒酱 过氧化值≤0.25g/100g@炒料,花椒油,辣椒酱 批次感官评分偏差≤5% 羟基山椒素保留率≥80%@花椒油,火锅底料,烤鱼调料 保质期≥18个月 辣度偏差≤±5%@炒料,辣椒酱 含水率≤2%@鸡精 发酵周期缩短30%@豆瓣酱",
        keywords="调味品 火锅底料@火锅底料 花椒油@花椒油 风味 标准化 抗氧化@炒料,花椒油,辣椒酱 自动化炒制@炒料 烤鱼调料@烤鱼调料 发酵@豆瓣酱,辣椒酱 鸡精@鸡精 复合调味料@复合调味料,小面调料",
        field="调味品与风味化学",
        teams="调味品工程研究团队 食品风味化学课题组",
        approaches="火锅底料自动化炒制与风味标准化技术@炒料 花椒麻味物质稳态化技术@花椒油,火锅底料,烤鱼调料 复合调味料天然抗氧化保鲜体系@炒料,辣椒酱,花椒油 基于电子鼻的调味品风味快速评价方法",
        techs="温度曲线闭环控制@炒料 微胶囊包埋@花椒油,火锅底料,烤鱼调料,鸡精 天然提取物复配@炒料,辣椒酱,花椒油 电子鼻与电子舌 风味物质指纹图谱 低温冷榨@花椒油 纯种发酵@豆瓣酱,辣椒酱",
        effects="批次风味一致性显著提高 麻味保留时间延长两倍@花椒油,火锅底料,烤鱼调料 酸价上升速度降低50%@炒料,花椒油,辣椒酱 风味评价时间由半天缩短到10分钟 发酵周期缩短三分之一@豆瓣酱",
        applications="火锅餐饮@火锅底料 方便食品@小面调料,复合调味料,鸡精 预制菜调料包@烤鱼调料,复合调味料 家庭烹饪 餐饮连锁@火锅底料,烤鱼调料",
    ),
    _direction(
        "food.cold_chain", 7, "冷库容量约{n}千吨", (1, 30),
        org_suffixes="冷链物流有限公司 食品有限公司 供应链管理有限公司 冷藏运输有限公司",
        products="烤鱼预制菜 冷鲜肉 速冻食品 柑橘鲜果 冷冻水产品 冷库",
        processes="预冷@柑橘鲜果,冷鲜肉 速冻@烤鱼预制菜,速冻食品,冷冻水产品 冷藏运输 分拣配送 温度监控 库区管理@冷库 制冷系统运维@冷库",
        problems="货架期短@烤鱼预制菜,冷鲜肉,柑橘鲜果 复热后口感差@烤鱼预制菜,速冻食品 冷链断链@烤鱼预制菜,冷鲜肉,速冻食品,冷冻水产品 温度记录不可追溯 制冷能耗偏高@冷库 腐烂率高@柑橘鲜果 冰晶破坏组织@速冻食品,冷冻水产品,烤鱼预制菜 库位利用率低@冷库 汁液流失严重@冷鲜肉,冷冻水产品",
        situations="冷库制冷靠人工调节，夜间低谷电价也没利用上 配送到区县门店途中温度没有记录 冷冻烤鱼复热后鱼肉发柴@烤鱼预制菜 旺季冷库不够用，淡季又空着 柑橘外运主要靠普通货车，到货后烂果多@柑橘鲜果",
        indicators="冷藏货架期≥21天@烤鱼预制菜,冷鲜肉 冷链全程温度偏差≤±1℃ 腐烂率≤3%@柑橘鲜果 冷库能耗降低20%@冷库 温度数据上传率100% 汁液流失率≤3%@冷鲜肉,冷冻水产品,速冻食品,烤鱼预制菜 冻结时间缩短40%@速冻食品,冷冻水产品,烤鱼预制菜 库位利用率≥85%@冷库",
        keywords="冷链物流 预制菜@烤鱼预制菜,速冻食品 货架期@烤鱼预制菜,冷鲜肉,柑橘鲜果 温度监控 速冻@速冻食品,冷冻水产品,烤鱼预制菜 追溯 冷库节能@冷库 采后保鲜@柑橘鲜果",
        field="冷链物流与食品保鲜",
        teams="冷链物流与保鲜技术团队",
        approaches="冷链全程温度物联网追溯平台 预制菜速冻品质保持技术@烤鱼预制菜,速冻食品,冷冻水产品 冷库智能节能控制技术@冷库 柑橘采后预冷与保鲜技术@柑橘鲜果",
        techs="无线温度标签 液氮速冻@烤鱼预制菜,速冻食品,冷冻水产品 负荷预测控制@冷库 生物保鲜剂@柑橘鲜果,冷鲜肉 区块链存证 冰温贮藏@冷鲜肉,冷冻水产品 压差预冷@柑橘鲜果",
        effects="货架期延长50%@烤鱼预制菜,冷鲜肉,柑橘鲜果 冷库能耗下降22%@冷库 断链事件可实时告警 复热后口感接近现做@烤鱼预制菜,速冻食品",
        applications="预制菜配送@烤鱼预制菜,速冻食品 生鲜电商 水果外运@柑橘鲜果 冷库运营@冷库",
    ),
    # ------------------------------------------------------------------ 生物医药
    _direction(
        "biomedicine.api", 8, "年产{product}约{n}吨", (10, 500),
        org_suffixes="制药有限公司 药业有限公司 医药化工有限公司 生物制药有限公司",
        groups="原料=原料药,注射剂原料,抗病毒原料药",
        products="原料药 注射剂原料 抗病毒原料药 医药中间体 手性中间体 药用辅料",
        processes="合成 结晶@原料,药用辅料 精制 干燥 溶剂回收 催化氢化@医药中间体,手性中间体,原料药 手性拆分@手性中间体",
        problems="基因毒性杂质控制难@原料,医药中间体 晶型不稳定@原料 收率偏低 溶剂残留超标 三废处理成本高 有关物质超标@原料,药用辅料 光学纯度偏低@手性中间体 粒度分布不符合制剂要求@原料药,药用辅料",
        situations="客户做一致性评价，要求杂质控制到ppm级@原料,医药中间体 结晶工序批间差异大@原料,药用辅料 溶剂回收套用次数少 高盐废水处理费用高 分析方法开发能力不足",
        indicators="基因毒性杂质低于1.5μg/天TTC限度@原料,医药中间体 单杂≤0.1% 总收率提高10% 溶剂残留符合ICH-Q3C 晶型纯度≥99%@原料 ee值≥99.5%@手性中间体 粒度D90≤50μm@原料药,药用辅料 内毒素≤0.25EU/mg@注射剂原料",
        keywords="原料药@原料 基因毒性杂质@原料,医药中间体 结晶@原料,药用辅料 连续流 绿色合成 质量控制 手性合成@手性中间体 药用辅料@药用辅料 一致性评价@原料",
        field="药物合成与质量控制",
        teams="药物合成与工艺课题组 药物分析与质量控制课题组 绿色制药工程团队",
        approaches="原料药基因毒性杂质痕量检测与控制技术@原料 连续流微反应合成工艺@医药中间体,手性中间体,原料药 药物晶型筛选与结晶过程控制技术@原料 高盐制药废水资源化处理技术 不对称催化合成手性中间体技术",
        techs="LC-MS/MS痕量分析@原料,医药中间体 微通道连续流@医药中间体,手性中间体,原料药 过程分析技术PAT 反溶剂结晶@原料,药用辅料 不对称催化@手性中间体 MVR蒸发结晶 杂质溯源与清除研究@原料,医药中间体",
        effects="收率提高15% 三废减少40% 关键杂质稳定控制在限度的30%以下@原料,医药中间体 批间晶型一致@原料 废水含盐量降低90%",
        applications="仿制药一致性评价@原料 医药中间体生产@医药中间体,手性中间体 制药园区 创新药工艺开发",
        english=(
            _english("连续流微反应合成工艺", "a continuous-flow microreactor synthesis route",
                     "pharmaceutical intermediates", "hazardous exothermic steps run in batch",
                     techs="microchannel continuous flow|inline process analytical technology|telescoped reaction steps",
                     effects="overall yield is raised by 15%|process waste is reduced by 40%",
                     indicators="single impurity ≤0.1%|a tenfold higher space–time yield",
                     applications="intermediate manufacturing|API process development",
                     keywords="continuous flow|microreactor|process safety|API"),
            _english("原料药基因毒性杂质痕量检测与控制技术", "a trace-level analytical and control strategy for genotoxic impurities",
                     "active pharmaceutical ingredients", "genotoxic impurity control",
                     techs="LC-MS/MS trace analysis|impurity purge studies|process parameter control",
                     effects="key impurities are kept below 30% of the limit|method development time is halved",
                     indicators="genotoxic impurities below the TTC of 1.5 μg/day|quantitation limit ≤0.1 ppm",
                     applications="generic-drug consistency evaluation|API manufacturing",
                     keywords="genotoxic impurity|LC-MS/MS|API|quality control"),
            _english("药物晶型筛选与结晶过程控制技术", "a PAT-guided crystallisation process",
                     "antiviral APIs", "polymorph instability between batches",
                     techs="process analytical technology|anti-solvent crystallisation|polymorph screening",
                     effects="batch-to-batch polymorph consistency is achieved|filtration time is cut by half",
                     indicators="polymorphic purity ≥99%|D90 ≤50 μm",
                     applications="generic-drug consistency evaluation|API manufacturing",
                     keywords="crystallisation|polymorph|PAT|API"),
        ),
    ),
    _direction(
        "biomedicine.tcm", 9, "年加工{product}约{n}吨", (50, 2000),
        org_suffixes="药业有限公司 中药饮片有限公司 生物科技有限公司 中药材种植专业合作社",
        groups="饮片=中药饮片,破壁饮片 药材=黄连,玄参",
        products="中药饮片 破壁饮片 黄连 玄参 中药材提取物 中药配方颗粒 木姜子精油",
        processes="炮制@饮片,药材 提取浓缩@中药材提取物,中药配方颗粒 超微粉碎@破壁饮片 干燥 质量检测 水蒸气蒸馏@木姜子精油 制粒@中药配方颗粒 产地初加工@药材",
        problems="有效成分含量不稳定 农残重金属超标风险@药材,中药饮片 提取收率低@中药材提取物,中药配方颗粒,木姜子精油 炮制标准不统一@饮片 二氧化硫残留超标@中药饮片,药材 真伪鉴别难@饮片 产地加工易霉变@药材 溶化性差@中药配方颗粒 香气成分损失@木姜子精油",
        situations="饮片炮制靠老药工经验@饮片 产地初加工条件差，干燥时容易霉变@药材 提取后药渣量大，只能外运处置@中药材提取物,中药配方颗粒,木姜子精油 药材收购时难以快速判断品质 质量标准跟不上新版药典要求",
        indicators="指标成分含量RSD≤5% 重金属符合《中国药典》限量@药材,饮片 提取收率提高20%@中药材提取物,中药配方颗粒,木姜子精油 二氧化硫残留≤150mg/kg@中药饮片,药材 指纹图谱相似度≥0.9 溶化性符合药典要求@中药配方颗粒 柠檬醛含量≥60%@木姜子精油 破壁率≥95%@破壁饮片",
        keywords="中药材 中药饮片@饮片 提取@中药材提取物,中药配方颗粒,木姜子精油 炮制@饮片,药材 指纹图谱 质量追溯 道地药材@药材,中药饮片 精油@木姜子精油 配方颗粒@中药配方颗粒",
        field="中药资源与质量评价",
        teams="中药资源与炮制课题组 天然药物化学课题组 中药质量评价研究团队",
        approaches="道地药材产地加工与炮制一体化技术@药材,中药饮片 中药材破壁深加工技术@破壁饮片 中药质量指纹图谱评价与追溯系统 三峡库区特色药材有效成分绿色提取技术@中药材提取物,木姜子精油,中药配方颗粒",
        techs="近红外快速检测 超微粉碎@破壁饮片 指纹图谱 大孔树脂纯化@中药材提取物,中药配方颗粒 趁鲜切制@药材,中药饮片 热泵低温干燥@药材,中药饮片 分子蒸馏@木姜子精油 二维码追溯",
        effects="有效成分提取率提高25%@中药材提取物,中药配方颗粒,木姜子精油 饮片批间一致性显著提高@饮片,药材 药材入库检测时间缩短到5分钟 硫熏问题彻底解决@药材,中药饮片",
        applications="中药饮片生产@饮片,药材 中药制剂 大健康产品 日化香料@木姜子精油",
    ),
    _direction(
        "biomedicine.medical_devices", 5, "年产{product}约{n}万件", (1, 100),
        org_suffixes="医疗器械有限公司 医疗科技有限公司 生物医学工程有限公司",
        groups="便携=小型便携式医疗器械,智能输液监护设备 追溯=医用耗材,医用RFID标签",
        products="小型便携式医疗器械 智能输液监护设备 医用耗材 医用RFID标签 生物皮肤复合再生膜 康复辅具",
        processes="注塑@医用耗材,康复辅具 灭菌@医用耗材,生物皮肤复合再生膜 组装 软件开发@便携,医用RFID标签 生物相容性评价@生物皮肤复合再生膜,医用耗材 静电纺丝@生物皮肤复合再生膜",
        problems="注册检验周期长 生物相容性不达标@生物皮肤复合再生膜,医用耗材 出入库追溯靠人工@医用耗材 检测灵敏度不够@便携 续航时间短@便携 批量识别率低@医用RFID标签 佩戴舒适性差@康复辅具 生产成本偏高",
        situations="医院耗材出入库靠人工扫码，一次只能扫一个@追溯 产品注册检验需要送到外地 核心传感器依赖进口@便携,康复辅具 临床反馈收集不系统，产品迭代慢",
        indicators="识别率≥99.9%@追溯 批量识别≥200件/秒@追溯 灵敏度≥95%@便携 续航≥72h@便携 细胞毒性≤1级@生物皮肤复合再生膜,医用耗材 注册检验一次通过 创面愈合率提高30%@生物皮肤复合再生膜 适配调整时间≤10min@康复辅具",
        keywords="医疗器械 RFID@追溯 耗材追溯@追溯 生物材料@生物皮肤复合再生膜 便携设备@便携 注册检验 康复@康复辅具 创面修复@生物皮肤复合再生膜",
        field="医工融合与医疗器械",
        teams="附属三峡医院医工融合创新团队 生物医学工程课题组",
        approaches="医用敷料用生物复合再生膜制备技术@生物皮肤复合再生膜 便携式生理参数监测设备@便携 基于UWB的医院资产定位系统@追溯 个性化3D打印康复辅具技术@康复辅具",
        techs="静电纺丝@生物皮肤复合再生膜 低功耗蓝牙@便携 多标签防碰撞算法@追溯 UWB定位@追溯 胶原—壳聚糖复合@生物皮肤复合再生膜 多参数融合算法@便携 三维扫描建模@康复辅具 增材制造@康复辅具",
        effects="耗材盘点效率提高20倍@追溯 创面愈合时间缩短30%@生物皮肤复合再生膜 设备待机时间延长一倍@便携 辅具适配时间由一周缩短到一天@康复辅具",
        applications="医院耗材管理@追溯 创面修复@生物皮肤复合再生膜 居家康复@康复辅具,小型便携式医疗器械 临床监护@便携",
    ),
    _direction(
        "biomedicine.vet", 4, "年产{product}约{n}吨", (100, 5000),
        org_suffixes="动物药业有限公司 饲料有限公司 生物科技有限公司",
        groups="替抗=中药饲料添加剂,替抗饲料,微生态制剂",
        products="中药饲料添加剂 替抗饲料 微生态制剂 兽用疫苗 生物兽药",
        processes="发酵@微生态制剂,生物兽药 包被@微生态制剂,替抗饲料 混合制粒@替抗饲料,中药饲料添加剂 冻干@兽用疫苗,微生态制剂 提取@中药饲料添加剂 质量检验",
        problems="活菌数衰减快@微生态制剂 替抗效果不稳定@替抗 耐高温制粒能力差@微生态制剂,替抗饲料 生产成本高 免疫保护率偏低@兽用疫苗 质量标准不完善@中药饲料添加剂,生物兽药",
        situations="饲料禁抗以后客户都要替抗方案@替抗 菌剂过制粒机后活菌损失一大半@微生态制剂,替抗饲料 中兽药组方主要靠经验@中药饲料添加剂,生物兽药 养殖户对产品效果说法不一，缺少试验数据",
        indicators="活菌数≥1×10⁹CFU/g@微生态制剂 制粒后存活率≥80%@微生态制剂,替抗饲料 料肉比降低0.1@替抗 腹泻率降低30%@替抗 免疫保护率≥90%@兽用疫苗 生产成本降低20% 有效成分含量≥标示量95%@中药饲料添加剂,生物兽药",
        keywords="兽药 饲料添加剂@替抗 微生态制剂@微生态制剂 替抗@替抗 中兽药@中药饲料添加剂,生物兽药 疫苗@兽用疫苗 生猪养殖",
        field="兽药与饲料添加剂",
        teams="动物药学与中兽药课题组",
        approaches="耐高温微生态制剂包被技术@微生态制剂 中药复方替抗饲料添加剂@中药饲料添加剂,替抗饲料 兽用中药提取物质量控制技术@中药饲料添加剂,生物兽药",
        techs="多层微囊包被@微生态制剂,替抗饲料 组方筛选@中药饲料添加剂,替抗饲料 高通量菌株筛选@微生态制剂 指纹图谱质控@中药饲料添加剂,生物兽药 动物试验评价",
        effects="制粒存活率提高到85%@微生态制剂 仔猪腹泻率降低35%@替抗 产品质量批间一致@中药饲料添加剂,生物兽药",
        applications="生猪养殖 家禽养殖 水产饲料@微生态制剂,替抗饲料",
    ),
    # ------------------------------------------------------------------ 新能源
    _direction(
        "new_energy.batteries", 5, "年产值约{n}亿元", (1, 20),
        org_suffixes="新能源科技有限公司 电池有限公司 储能科技有限公司 锂电材料有限公司",
        groups="电池组=动力电池组,储能电源系统",
        products="动力电池组 储能电源系统 电池管理系统 磷酸铁锂电芯 三元正极材料 锂电池隔膜",
        processes="涂布@磷酸铁锂电芯,锂电池隔膜 化成分容@磷酸铁锂电芯 PACK组装@电池组 烧结@三元正极材料 电芯配组@电池组 算法标定@电池管理系统",
        problems="一致性差@动力电池组,磷酸铁锂电芯,三元正极材料 低温性能差@动力电池组,磷酸铁锂电芯 存在热失控风险@电池组 循环寿命短@磷酸铁锂电芯,动力电池组 SOC估算不准@电池管理系统,储能电源系统 能量密度偏低@磷酸铁锂电芯 残碱偏高@三元正极材料 热收缩率偏大@锂电池隔膜 孔隙率不均@锂电池隔膜 生产成本偏高",
        situations="电芯配组靠静态电压内阻筛选@电池组,磷酸铁锂电芯 冬天电动观光车续航掉得厉害@动力电池组,电池管理系统 BMS算法是外购的，出了问题改不动@电池管理系统,电池组 材料批次检测项目不全，问题到下游才暴露",
        indicators="SOC估算误差≤3%@电池管理系统,电池组 -20℃容量保持率≥80%@动力电池组,磷酸铁锂电芯 循环寿命≥3000次@磷酸铁锂电芯,电池组 能量密度≥180Wh/kg@磷酸铁锂电芯 组内压差≤30mV@电池组 残碱≤0.3%@三元正极材料 热收缩率≤2%（150℃）@锂电池隔膜 热失控预警提前≥10min@电池组 一致性CPK≥1.33",
        keywords="锂电池 电池管理系统@电池管理系统,电池组 储能@储能电源系统 热管理@电池组 一致性@动力电池组,磷酸铁锂电芯,三元正极材料 梯次利用@动力电池组 正极材料@三元正极材料 隔膜@锂电池隔膜 电芯@磷酸铁锂电芯",
        field="动力电池与储能",
        teams="新能源电池与储能课题组 电化学储能材料课题组",
        approaches="锂电池组主动均衡与精确SOC估算技术@动力电池组,电池管理系统 储能电站热失控早期预警技术@储能电源系统 退役动力电池梯次利用快速分选技术@动力电池组 高镍三元正极表面包覆改性技术@三元正极材料",
        techs="扩展卡尔曼滤波@电池管理系统,电池组 多源气体传感@电池组 电化学阻抗谱@动力电池组,磷酸铁锂电芯 主动均衡拓扑@动力电池组,电池管理系统 原子层沉积包覆@三元正极材料 水洗降碱@三元正极材料",
        effects="电池组可用容量提高8%@动力电池组,电池管理系统 热失控预警提前10分钟以上@储能电源系统 分选效率提高10倍@动力电池组 循环寿命提高30%@三元正极材料,磷酸铁锂电芯",
        applications="电动观光车@动力电池组,电池管理系统 工商业储能@储能电源系统 电动两轮车@动力电池组 动力电池材料@三元正极材料",
        english=(
            _english("锂电池组主动均衡与精确SOC估算技术", "an active balancing and adaptive SOC estimation scheme for battery packs",
                     "lithium-ion battery packs", "cell inconsistency and inaccurate state-of-charge estimation",
                     techs="extended Kalman filtering|active balancing topology|temperature-dependent cell models",
                     effects="usable pack capacity is increased by 8%|the winter range of sightseeing vehicles improves by 15%",
                     indicators="SOC error ≤3%|cell voltage spread ≤30 mV",
                     applications="electric sightseeing vehicles|electric two-wheelers",
                     keywords="battery management|SOC estimation|active balancing|lithium-ion"),
            _english("储能电站热失控早期预警技术", "a multi-gas early-warning system for thermal runaway",
                     "stationary storage systems", "late detection of thermal runaway",
                     techs="multi-source gas sensing|data fusion|cluster-level fire suppression linkage",
                     effects="thermal runaway is flagged more than 10 minutes in advance|false alarms fall below 1%",
                     indicators="warning lead time ≥10 min|false alarm rate ≤1%",
                     applications="commercial energy storage|grid-side storage",
                     keywords="thermal runaway|energy storage|early warning|gas sensing"),
            _english("退役动力电池梯次利用快速分选技术", "a rapid impedance-based sorting method for second-life cells",
                     "retired EV cells", "slow and costly capacity testing",
                     techs="electrochemical impedance spectroscopy|machine-learning capacity estimation|automated grading",
                     effects="sorting throughput is increased tenfold|regrouped packs show 20% less inconsistency",
                     indicators="capacity estimation error ≤3%|sorting time ≤2 min per cell",
                     applications="second-life storage|low-speed vehicles",
                     keywords="second-life batteries|impedance spectroscopy|sorting|recycling"),
        ),
    ),
    _direction(
        "new_energy.nev", 5, "年产{product}约{n}万台", (1, 20),
        org_suffixes="新能源汽车有限公司 汽车科技有限公司 电机有限公司 电控技术有限公司",
        groups="车=新能源城市物流车,无人物流小车 电控=电机控制器,整车控制器,电动转向系统",
        products="新能源城市物流车 无人物流小车 永磁同步电机 电机控制器 整车控制器 电动转向系统",
        processes="电机绕线@永磁同步电机 控制器标定@电控 整车集成@车 下线检测",
        problems="温升过高@永磁同步电机 可靠性不足@电控 续航偏短@车 下线检测效率低 NVH问题突出@永磁同步电机,新能源城市物流车,电动转向系统 定位导航不准@无人物流小车",
        situations="电机控制器软件主要靠供应商@电控 山区道路坡多，车辆能耗比标定值高两成@车 下线检测还要人工逐项记录",
        indicators="电机峰值效率≥96%@永磁同步电机 续航提升10%@车 控制器MTBF≥10000h@电控 下线检测时间≤5min 定位精度≤5cm@无人物流小车 温升≤65K@永磁同步电机",
        keywords="新能源汽车 电机@永磁同步电机 电控@电控 整车控制@整车控制器,车 续航@车 自动驾驶@无人物流小车 转向@电动转向系统",
        field="新能源汽车电驱系统",
    ),
    _direction(
        "new_energy.hydrogen", 3, "年产值约{n}亿元", (1, 10),
        org_suffixes="氢能科技有限公司 能源有限公司 燃气有限公司",
        products="燃料电池 电解水制氢装置 储氢瓶 工业副产氢",
        processes="电解@电解水制氢装置 提纯@工业副产氢 压缩储运@储氢瓶,工业副产氢 电堆组装@燃料电池 缠绕成型@储氢瓶",
        problems="制氢能耗高@电解水制氢装置 纯度不达标@工业副产氢 储运成本高@储氢瓶,工业副产氢 电堆寿命短@燃料电池 存在氢脆风险@储氢瓶 系统成本偏高",
        situations="氯碱副产氢大部分直接放空或烧掉@工业副产氢 提纯装置能耗高@工业副产氢 周边缺少加氢站，应用场景少 核心材料依赖外购，成本降不下来",
        indicators="氢气纯度≥99.999%@工业副产氢,电解水制氢装置 电解能耗≤4.3kWh/Nm³@电解水制氢装置 电堆寿命≥10000h@燃料电池 氢气回收率≥90%@工业副产氢 爆破压力≥2.25倍公称压力@储氢瓶 系统成本降低20%",
        keywords="氢能 燃料电池@燃料电池 电解水制氢@电解水制氢装置 副产氢提纯@工业副产氢 储氢@储氢瓶 氯碱化工@工业副产氢",
        field="氢能与燃料电池",
        teams="氢能与燃料电池课题组",
        approaches="工业副产氢变压吸附提纯技术 碱性电解水制氢高效电极@电解水制氢装置 质子交换膜燃料电池电堆耐久性提升技术@燃料电池",
        techs="变压吸附@工业副产氢 非贵金属催化剂@电解水制氢装置,燃料电池 膜电极设计@燃料电池 深度脱氧脱水@工业副产氢 电极表面构筑@电解水制氢装置 水热管理@燃料电池",
        effects="氢气回收率提高到90%@工业副产氢 电解能耗降低10%@电解水制氢装置 电堆衰减率降低40%@燃料电池",
        applications="燃料电池物流车@燃料电池,工业副产氢 化工用氢@工业副产氢,电解水制氢装置 分布式能源@燃料电池 可再生能源制氢@电解水制氢装置",
        english=(
            _english("工业副产氢变压吸附提纯技术", "a pressure-swing adsorption route for upgrading by-product hydrogen",
                     "by-product hydrogen from chlor-alkali plants", "insufficient purity for fuel-cell use",
                     techs="pressure-swing adsorption|deep deoxidation and drying|adsorbent regeneration scheduling",
                     effects="hydrogen recovery is raised to 90%|purification energy is cut by 20%",
                     indicators="purity ≥99.999%|CO ≤0.2 ppm",
                     applications="fuel-cell logistics vehicles|chemical hydrogen supply",
                     keywords="hydrogen|PSA purification|by-product hydrogen|fuel cell"),
            _english("碱性电解水制氢高效电极", "non-precious-metal electrodes for alkaline water electrolysis",
                     "alkaline electrolysers", "high electrolysis energy consumption",
                     techs="non-precious catalysts|electrode surface structuring|bubble management",
                     effects="electrolysis energy is cut by 10%|electrode life exceeds 20,000 h in tests",
                     indicators="energy ≤4.3 kWh/Nm³|current density ≥400 mA/cm²",
                     applications="renewable hydrogen|chemical hydrogen supply",
                     keywords="electrolysis|electrode|hydrogen|catalyst"),
            _english("质子交换膜燃料电池电堆耐久性提升技术", "a durability-enhanced membrane electrode assembly",
                     "PEM fuel-cell stacks", "short stack durability",
                     techs="membrane electrode assembly design|water and thermal management|degradation diagnostics",
                     effects="the stack degradation rate is reduced by 40%|cold start is possible at −30 °C",
                     indicators="stack life ≥10,000 h|voltage decay ≤10%",
                     applications="fuel-cell logistics vehicles|distributed energy",
                     keywords="fuel cell|MEA|durability|PEM"),
        ),
    ),
    _direction(
        "new_energy.photovoltaic", 3, "年产{product}约{n}MW", (50, 2000),
        org_suffixes="光伏科技有限公司 新能源有限公司 电力工程有限公司",
        products="光伏组件 分布式光伏电站 光伏支架 储能逆变器",
        processes="层压@光伏组件 串焊@光伏组件 电站运维@分布式光伏电站 结构设计@光伏支架 电路设计@储能逆变器",
        problems="隐裂检出率低@光伏组件 发电效率衰减快@光伏组件,分布式光伏电站 运维巡检靠人工@分布式光伏电站 清洗难@分布式光伏电站 转换效率偏低@储能逆变器 抗风载能力不足@光伏支架 成本偏高",
        situations="山地电站面积大，巡检一次要好几天@分布式光伏电站 组件EL检测抽检比例低@光伏组件 产品主要给本地项目配套，订单不稳定",
        indicators="隐裂检出率≥98%@光伏组件 年衰减率≤0.5%@光伏组件,分布式光伏电站 巡检效率提高5倍@分布式光伏电站 转换效率≥98.5%@储能逆变器 抗风等级≥12级@光伏支架 发电量提升5%@分布式光伏电站,光伏组件 成本降低10%",
        keywords="光伏 组件@光伏组件 运维@分布式光伏电站 隐裂检测@光伏组件 分布式光伏@分布式光伏电站 逆变器@储能逆变器 支架@光伏支架",
        field="光伏组件与运维",
    ),
    # ------------------------------------------------------------------ 电子信息
    _direction(
        "electronics.chips", 4, "年产{product}约{n}万只", (50, 5000),
        org_suffixes="电子科技有限公司 传感技术有限公司 微电子有限公司 电子元件有限公司",
        groups="传感=磁通门传感器,惯性器件 被动=MLCC,片式电感,固态电容 板=封装载板,柔性电路板",
        products="磁通门传感器 惯性器件 物联网芯片 MLCC 片式电感 固态电容 封装载板 柔性电路板",
        processes="封装测试@物联网芯片,封装载板,传感 贴片@传感,物联网芯片 烧结@MLCC,片式电感 光刻@物联网芯片,板 老化筛选 标定@传感 电镀@板 卷绕@固态电容",
        problems="温漂偏大@传感,MLCC 一致性差 封装良率低@物联网芯片,封装载板 功耗偏高@物联网芯片,磁通门传感器 高频损耗大@MLCC,片式电感,柔性电路板 失效分析手段缺乏 耐压偏低@MLCC,固态电容 弯折寿命短@柔性电路板",
        situations="失效品都要寄到外地做分析 产品标定靠手工逐个调@传感 高端型号性能与进口产品差距大 客户对可靠性数据要求越来越高",
        indicators="温漂≤10ppm/℃@传感,MLCC 封装良率≥99%@物联网芯片,封装载板 待机功耗≤5μA@物联网芯片,磁通门传感器 损耗角正切≤0.001@MLCC,固态电容 标定时间缩短70%@传感 弯折寿命≥10万次@柔性电路板 耐压提高20%@MLCC,固态电容 Q值≥50@片式电感 批次一致性CPK≥1.33",
        keywords="传感器@传感 芯片@物联网芯片 封装@物联网芯片,封装载板 被动元件@被动 可靠性 标定@传感 电路板@板 电子元器件",
        field="微纳传感与芯片设计",
        teams="智能传感与微系统课题组",
        approaches="低功耗物联网传感芯片设计技术@物联网芯片 传感器自动标定与温度补偿系统@传感 电子元器件失效分析与可靠性评价技术",
        techs="模数混合电路设计@物联网芯片 多点温度补偿算法@传感 扫描声学显微检测 自动化标定转台@传感 超低功耗电源管理@物联网芯片 加速寿命试验",
        effects="功耗降低50%@物联网芯片 标定效率提高5倍@传感 失效定位时间缩短80% 产品可靠性等级达到车规要求",
        applications="智能电表@物联网芯片,磁通门传感器 工业物联网@物联网芯片 汽车电子 消费电子@被动,板",
    ),
    _direction(
        "electronics.lighting", 8, "年产{product}约{n}万套", (10, 500),
        org_suffixes="照明科技有限公司 光电有限公司 照明电器有限公司 灯饰有限公司",
        groups="室内=LED筒灯,LED导轨射灯,教育照明灯具",
        products="LED筒灯 LED导轨射灯 教育照明灯具 智慧路灯 LED植物补光灯 杀菌照明灯 应急消防照明灯 LED模组",
        processes="芯片级封装@LED模组 驱动电源设计 散热结构设计 配光设计@室内,智慧路灯 老化测试 智能控制开发@智慧路灯,LED模组,教育照明灯具 光谱调配@LED植物补光灯,教育照明灯具,杀菌照明灯",
        problems="光衰快 散热不良 存在频闪@室内 蓝光危害超标@教育照明灯具,LED筒灯 配光不均@智慧路灯,LED导轨射灯,教育照明灯具 驱动电源寿命短 智能控制协议不兼容@智慧路灯,LED模组 光谱与作物需求不匹配@LED植物补光灯 紫外泄漏风险@杀菌照明灯 应急时间不达标@应急消防照明灯",
        situations="产品同质化严重，主要靠价格竞争 驱动电源返修率偏高 没有配光实验室，设计主要靠仿制 出口订单要求的认证做不下来",
        indicators="光效≥150lm/W 3000h光通维持率≥96% 显色指数Ra≥90@室内 波动深度≤1%@室内 统一眩光值UGR≤16@教育照明灯具,LED筒灯 驱动寿命≥50000h 光合光子效率≥2.8μmol/J@LED植物补光灯 应急时间≥90min@应急消防照明灯 单灯控制在线率≥99%@智慧路灯 杀菌率≥99.9%@杀菌照明灯",
        keywords="LED照明 智能照明@智慧路灯,LED模组 光效 散热 驱动电源 健康照明@教育照明灯具,LED筒灯 植物照明@LED植物补光灯 消毒杀菌@杀菌照明灯 应急照明@应急消防照明灯 道路照明@智慧路灯",
        field="半导体照明",
        teams="光电信息与照明技术课题组",
        approaches="健康教育照明光谱与配光设计技术@教育照明灯具,LED筒灯 植物工厂LED光配方@LED植物补光灯 智慧路灯多功能集成控制系统 高可靠LED驱动电源设计技术",
        techs="全光谱调控@教育照明灯具,LED筒灯,LED植物补光灯 光合有效辐射优化@LED植物补光灯 NB-IoT单灯控制@智慧路灯 电解电容寿命预测 二次配光透镜设计@教育照明灯具,智慧路灯,LED导轨射灯 均热板散热 无频闪恒流驱动",
        effects="光效提高20% 驱动电源失效率降低60% 叶菜产量提高25%@LED植物补光灯 路灯节电40%@智慧路灯 教室照明全面达到国家标准@教育照明灯具",
        applications="教室照明@教育照明灯具 植物工厂@LED植物补光灯 城市道路照明@智慧路灯 商业照明@LED筒灯,LED导轨射灯,LED模组 公共场所消毒@杀菌照明灯 建筑消防@应急消防照明灯",
    ),
    _direction(
        "electronics.software", 4, "服务客户约{n}家", (20, 500),
        org_suffixes="信息技术有限公司 软件有限公司 数字科技有限公司 网络科技有限公司",
        products="智慧城市服务平台 文旅资源数字化平台 企业ERP系统 政务大数据平台 智慧物流信息平台",
        processes="需求分析 数据治理 系统集成 运维",
        problems="数据孤岛严重 系统响应慢 数据质量差 二次开发成本高 安全防护薄弱",
        situations="各部门系统各建各的，接口标准不统一 客户数据清洗主要靠人工 缺乏大数据和人工智能方面的技术人员",
        indicators="接口响应时间≤200ms 数据准确率≥99% 支持并发用户≥10000 通过等保三级",
        keywords="大数据 软件 数据治理 人工智能 智慧城市@智慧城市服务平台,政务大数据平台 数字文旅@文旅资源数字化平台 智慧物流@智慧物流信息平台",
        field="大数据与人工智能",
        teams="大数据与智能计算课题组",
        approaches="多源异构数据治理与融合平台 面向中小企业的低代码应用开发平台 基于知识图谱的政策智能匹配系统",
        techs="实体对齐 知识图谱 微服务架构 数据血缘追踪",
        effects="数据整合效率提高3倍 开发周期缩短60% 政策匹配准确率达到90%",
        applications="智慧城市 政务服务 企业数字化转型",
        upgrades="性能优化与架构升级 智能化功能开发 数据安全加固",
    ),
    _direction(
        "electronics.iot", 5, "已部署终端约{n}万个", (1, 50),
        org_suffixes="物联网科技有限公司 智能科技有限公司 通信技术有限公司",
        groups="终端=智能水表,危化品仓储监测终端,环境监测终端 平台=工业物联网网关,消防物联网系统",
        products="危化品仓储监测终端 智能水表 环境监测终端 工业物联网网关 消防物联网系统",
        processes="组网 边缘计算@平台 数据采集 远程运维 低功耗设计@终端",
        problems="信号覆盖差 电池续航短@终端 误报率高@危化品仓储监测终端,消防物联网系统,环境监测终端 通信协议不统一@平台 终端维护成本高 计量误差偏大@智能水表",
        situations="山区信号差，终端掉线率高 报警太多，值班人员疲于处理@危化品仓储监测终端,消防物联网系统,环境监测终端 现场设备协议五花八门@平台 水表抄表还要人工补抄@智能水表",
        indicators="终端在线率≥99% 电池寿命≥5年@终端 误报率≤1%@危化品仓储监测终端,消防物联网系统,环境监测终端 报警响应≤3s@危化品仓储监测终端,消防物联网系统 计量精度2级@智能水表 支持协议≥20种@工业物联网网关",
        keywords="物联网 边缘计算@平台 安全监测@危化品仓储监测终端,消防物联网系统 LoRa NB-IoT 预警@危化品仓储监测终端,消防物联网系统,环境监测终端 智能水表@智能水表 危化品@危化品仓储监测终端 消防@消防物联网系统",
        field="物联网与安全监测",
        teams="安全生产智能监测团队 物联网与边缘计算课题组",
        approaches="危化品企业安全风险物联网监测预警系统@危化品仓储监测终端 山区LoRa自组网低功耗监测终端@终端 边缘智能视频分析网关@平台",
        techs="多传感器融合@危化品仓储监测终端,环境监测终端,消防物联网系统 低功耗广域网@终端 边缘推理@平台 自组网路由@终端 多协议适配@平台 风险分级预警模型@危化品仓储监测终端",
        effects="误报率降低80%@危化品仓储监测终端,消防物联网系统,环境监测终端 终端续航延长三倍@终端 视频分析延迟降到200ms以内@平台",
        applications="危化品企业@危化品仓储监测终端 工业园区@平台,危化品仓储监测终端 城市管网@智能水表 山区环境监测@环境监测终端 消防安全@消防物联网系统",
        upgrades="监测预警能力提升 低功耗改造 平台智能化升级",
    ),
    # ------------------------------------------------------------------ 现代农业
    _direction(
        "agriculture.citrus", 10, "现有柑橘园约{n}亩", (200, 6000),
        org_suffixes="柑橘专业合作社 果业有限公司 农业开发有限公司 生态农业有限公司 家庭农场",
        products="玫瑰香橙 晚熟柑橘 脐橙 杂柑 沃柑",
        processes="整形修剪 水肥管理 病虫害防控 采后商品化处理 分级打蜡",
        problems="黄龙病防控压力大 大小年明显 裂果严重 糖酸比不稳定 采后腐烂率高 树势衰弱 商品果率低",
        situations="果园大多在山坡上，机械进不去，全靠人工 施肥打药凭经验 分级还是人工挑拣 老果园品种老化，卖不起价",
        indicators="商品果率≥85% 可溶性固形物≥12% 采后腐烂率≤3% 化肥减量20% 亩产提高15%",
        keywords="柑橘 玫瑰香橙@玫瑰香橙 黄龙病 水肥一体化 采后处理 品质提升 晚熟柑橘@晚熟柑橘,沃柑",
        field="柑橘栽培与采后处理",
        teams="柑橘栽培与病害防控课题组 果树资源与育种课题组",
        approaches="柑橘黄龙病综合防控技术体系 晚熟柑橘留树保鲜栽培技术@晚熟柑橘,沃柑,玫瑰香橙 柑橘无病毒容器苗繁育技术 柑橘果实品质无损检测分级技术",
        techs="木虱绿色防控 水肥一体化 脱毒茎尖嫁接 近红外无损检测 留树保鲜激素调控@晚熟柑橘,沃柑,玫瑰香橙",
        effects="商品果率提高15个百分点 亩均增收2000元以上 黄龙病发病率控制在1%以下",
        applications="柑橘种植基地 果品分选中心 苗木繁育基地",
    ),
    _direction(
        "agriculture.livestock", 8, "存栏规模约{n}头", (500, 30000),
        org_suffixes="生猪养殖专业合作社 牧业有限公司 农牧科技有限公司 养殖有限公司 家庭农场",
        products="生猪 生态猪 商品猪 种猪",
        processes="育种 饲养管理 疫病防控 粪污处理 环境控制",
        problems="产仔率偏低 断奶仔猪腹泻率高 料肉比偏高 粪污资源化利用率低 疫病防控压力大 瘦肉率不高 养殖臭气扰民",
        situations="猪舍环境控制还是人工开窗 粪污主要做沼气，沼液消纳困难 育种缺乏系统记录 周边农户对臭气意见大",
        indicators="窝均产活仔≥12头 料肉比≤2.6 粪污资源化利用率≥90% 舍内氨气浓度≤10ppm 断奶仔猪腹泻率≤5%",
        keywords="生猪 生态养殖 粪污资源化 疫病防控 育种 智慧猪场",
        field="畜禽生态养殖",
        teams="畜禽养殖与育种课题组",
        approaches="低架网床+益生菌+异位发酵生态养殖模式 生猪精准饲喂与智能环控技术 生猪高效繁育与种猪选育技术 猪场粪污好氧发酵有机肥技术",
        techs="异位发酵床 个体识别 基因组选择 好氧堆肥 精准饲喂",
        effects="料肉比降低0.2 粪污实现零排放 窝均产活仔增加1.2头",
        applications="规模猪场 家庭农场 种养循环",
    ),
    _direction(
        "agriculture.aquaculture", 5, "养殖水面约{n}亩", (50, 3000),
        org_suffixes="水产养殖专业合作社 渔业有限公司 水产科技有限公司",
        products="长江鲟 胭脂鱼 岩原鲤 中华倒刺鲃 鲈鱼",
        processes="人工繁育 苗种培育 池塘微流水养殖 增殖放流 饲料投喂",
        problems="人工繁育成活率低 亲本性腺发育不同步 病害频发 水质调控难 饲料转化率低",
        situations="亲本培育周期长，催产成功率不稳定 池塘养殖尾水直排压力大 缺少专业病害诊断手段",
        indicators="受精率≥70% 孵化率≥60% 苗种成活率≥50% 尾水达标排放 饲料系数≤1.3",
        keywords="长江鲟@长江鲟 人工繁育 水产养殖 增殖放流 尾水处理 珍稀鱼类@长江鲟,胭脂鱼,岩原鲤,中华倒刺鲃",
        field="珍稀鱼类繁育与水产养殖",
        teams="珍稀鱼类繁育研究团队",
        approaches="长江鲟全人工繁育关键技术 池塘工程化循环水养殖技术 珍稀鱼类苗种规模化培育技术@长江鲟,胭脂鱼,岩原鲤,中华倒刺鲃",
        techs="性腺发育调控 人工催产 微流水槽 生物絮团 开口饵料驯化",
        effects="苗种成活率提高20个百分点 尾水处理后循环利用",
        applications="增殖放流 特色水产养殖",
    ),
    _direction(
        "agriculture.tea", 7, "茶园面积约{n}亩", (200, 8000),
        org_suffixes="茶业有限公司 茶叶专业合作社 生态茶业有限公司 农业开发有限公司",
        groups="绿茶=名优绿茶,针形名茶,毛尖 红茶=工夫红茶,夏秋茶",
        products="名优绿茶 针形名茶 毛尖 工夫红茶 夏秋茶",
        processes="摊青@绿茶 杀青@绿茶 理条@绿茶 萎凋发酵@红茶 揉捻 干燥提香 机械化采摘",
        problems="条索不紧 香气不足 苦涩味重 机采鲜叶品质下降 加工能耗高 汤色发暗 碎茶率高",
        situations="春茶靠手工采，人工成本占了一半 夏秋茶基本不采，资源浪费@夏秋茶,工夫红茶 加工设备是不同厂家的，连不成线",
        indicators="感官审评≥88分 夏秋茶利用率≥60%@红茶 加工能耗降低20% 碎茶率≤5% 茶多酚提取纯度≥98%@夏秋茶",
        keywords="茶叶 名优绿茶@绿茶 夏秋茶@红茶 加工工艺 清洁化生产线 工夫红茶@红茶",
        field="茶叶加工",
        teams="茶叶加工与品质调控课题组",
        approaches="名优绿茶连续化清洁化加工技术@绿茶 夏秋茶工夫红茶加工技术@红茶 茶叶功能成分提取技术@夏秋茶",
        techs="数字化杀青温度控制@绿茶 理条整形@绿茶 发酵度在线判别@红茶 萎凋环境控制@红茶 膜分离@夏秋茶 低温浓缩@夏秋茶",
        effects="人工成本降低40% 夏秋茶附加值提高一倍@红茶 感官审评平均提高3分",
        applications="茶叶加工厂 茶旅融合园区 茶饮料原料@夏秋茶",
    ),
    _direction(
        "agriculture.seeds", 4, "年繁育{product}约{n}万公斤", (1, 100),
        org_suffixes="种业有限公司 农业科技有限公司 种苗有限公司",
        groups="种子=杂交水稻种子,油菜种子,玉米种子 苗木=木姜子种苗,脆李苗木",
        products="杂交水稻种子 油菜种子 玉米种子 特色蔬菜种苗 木姜子种苗 脆李苗木",
        processes="制种@种子 种子加工@种子 种苗工厂化繁育@苗木,特色蔬菜种苗 纯度检测@种子 组培快繁@苗木",
        problems="制种产量不稳定@种子 纯度不达标@种子 发芽率偏低@种子,特色蔬菜种苗 本地适应性差 繁育周期长@苗木,特色蔬菜种苗 移栽成活率低@苗木,特色蔬菜种苗",
        situations="品种主要从外地引进，适应性参差不齐 纯度检测要送样外检@种子 苗木繁育靠扦插嫁接，效率低@苗木,特色蔬菜种苗",
        indicators="种子纯度≥98%@种子 发芽率≥90%@种子,特色蔬菜种苗 制种亩产≥200kg@种子 繁育周期缩短30%@苗木,特色蔬菜种苗 移栽成活率≥95%@苗木,特色蔬菜种苗 区试增产≥5%@种子",
        keywords="种业 良种繁育 杂交水稻@杂交水稻种子 品种选育@种子 种苗@苗木,特色蔬菜种苗 油菜@油菜种子 组培@苗木",
        field="作物遗传育种",
        teams="作物遗传育种课题组",
        approaches="优质杂交水稻新品种选育@杂交水稻种子 油菜小孢子培养育种技术@油菜种子 特色经济林木组培快繁技术@苗木",
        techs="分子标记辅助选择@种子 小孢子培养@油菜种子 组织培养@苗木,特色蔬菜种苗 两系杂交制种@杂交水稻种子 种子活力检测@种子 生根诱导@苗木",
        effects="育种周期缩短一半@种子 亩产提高8%@种子 苗木移栽成活率达到95%@苗木",
        applications="粮油生产@种子 特色林果@苗木 种苗企业",
    ),
    _direction(
        "agriculture.smart_agri", 4, "服务农田约{n}亩", (1000, 50000),
        org_suffixes="农业科技有限公司 智慧农业有限公司 农机有限公司",
        groups="农机=山地轨道运输机,果园除草机,植保无人机 平台=农业物联网平台,智慧茶园系统",
        products="山地轨道运输机 果园除草机 植保无人机 农业物联网平台 智慧茶园系统 水肥一体化设备",
        processes="数据采集@平台,水肥一体化设备 精准作业@植保无人机,水肥一体化设备,果园除草机 远程监控 整机装配@农机",
        problems="爬坡能力不足@山地轨道运输机,果园除草机 传感器数据不准@平台,水肥一体化设备 平台用不起来@平台 作业效率低@农机 设备故障多 航线规划难@植保无人机 施肥不均匀@水肥一体化设备",
        situations="山地坡度大，大型农机用不上 装了传感器但数据没人看@平台,水肥一体化设备 农民不会用复杂的APP 售后服务跟不上，坏了只能等厂家",
        indicators="坡度≥25°可作业@山地轨道运输机,果园除草机 作业效率提高3倍@农机 数据准确率≥95%@平台,水肥一体化设备 节水30%@水肥一体化设备 载重≥200kg@山地轨道运输机 农药用量减少20%@植保无人机 用户月活跃率≥80%@平台 故障率≤2%",
        keywords="智慧农业 山地农机@山地轨道运输机,果园除草机 物联网@平台,水肥一体化设备 植保无人机@植保无人机 轨道运输@山地轨道运输机 水肥一体化@水肥一体化设备 智慧茶园@智慧茶园系统",
        field="智慧农业",
        teams="智慧农业与农业物联网课题组",
        approaches="山地果园单轨运输机@山地轨道运输机 天空地一体化农业物联网监测平台@平台 基于机器视觉的果园病虫害识别系统@植保无人机,农业物联网平台",
        techs="齿轮齿条爬坡驱动@山地轨道运输机 多光谱遥感@植保无人机,平台 轻量化识别模型@植保无人机,农业物联网平台 遥控与自动停靠@山地轨道运输机 多源数据融合@平台",
        effects="运输效率提高5倍@山地轨道运输机 农药用量减少25%@植保无人机,农业物联网平台 病虫害识别准确率达到92%@植保无人机,农业物联网平台 管理人员减少一半@平台",
        applications="山地果园 茶园@智慧茶园系统,山地轨道运输机,农业物联网平台 智慧农业示范园",
    ),
    # ------------------------------------------------------------------ 节能环保
    _direction(
        "environment.water", 6, "日处理能力约{n}千吨", (1, 50),
        org_suffixes="环保科技有限公司 水务有限公司 环境工程有限公司",
        groups="生活=乡镇污水处理站,农村生活污水 工业=工业园区废水,高盐废水",
        products="乡镇污水处理站 农村生活污水 工业园区废水 高盐废水 养殖废水 消落带水体",
        processes="生化处理@生活,养殖废水,工业园区废水 深度处理@工业,乡镇污水处理站 污泥处置@乡镇污水处理站,工业园区废水 在线监测 生态修复@消落带水体",
        problems="总氮出水不稳定@生活,养殖废水 进水水质波动大@乡镇污水处理站,工业园区废水 运行成本高 污泥产量大@乡镇污水处理站,工业园区废水 冬季处理效率下降@生活 在线监测数据失真@乡镇污水处理站,工业园区废水 难降解有机物去除难@工业 富营养化风险高@消落带水体 氨氮浓度高@养殖废水",
        situations="乡镇污水站分散，运维靠人跑@生活 进水浓度低，碳源不足@生活 加药量凭经验 消落带每年涨落，常规治理措施难以维持@消落带水体 园区企业排水水质变化大@工业 养殖场废水浓度高，季节波动大@养殖废水",
        indicators="出水达到一级A标准@生活 总氮≤15mg/L@生活,养殖废水 吨水运行成本≤0.8元@生活 污泥减量30%@乡镇污水处理站,工业园区废水 远程运维覆盖率100%@生活 COD去除率≥90%@工业,养殖废水 水质达到Ⅲ类@消落带水体 氨氮≤8mg/L@养殖废水,乡镇污水处理站 总磷≤0.3mg/L@消落带水体,乡镇污水处理站 盐分回收率≥90%@高盐废水 出水稳定达到园区纳管标准@工业",
        keywords="水污染治理 污水处理@生活,工业园区废水 脱氮除磷@生活,养殖废水 分散式污水@生活 智慧水务@乡镇污水处理站 高盐废水@高盐废水 消落带@消落带水体 养殖废水@养殖废水 工业废水@工业 三峡库区",
        field="水污染控制",
        teams="水污染控制与资源化课题组 三峡库区水环境研究团队",
        approaches="分散式污水处理站智慧运维平台@生活 低碳氮比污水高效脱氮技术@生活,养殖废水 高盐有机废水电催化氧化技术@工业 三峡库区消落带水质生态修复技术@消落带水体",
        techs="厌氧氨氧化@生活,养殖废水 精确曝气@生活,工业园区废水,养殖废水 电催化氧化@工业 生态浮岛@消落带水体 远程诊断模型@生活 耐淹植物群落构建@消落带水体 分质预处理@工业",
        effects="吨水电耗降低25%@生活,工业园区废水 总氮去除率提高到85%@生活,养殖废水 运维人员减少一半@生活 COD去除率超过90%@工业 示范区水体透明度提高一倍@消落带水体",
        applications="乡镇污水站@生活 工业园区@工业 流域治理@消落带水体,养殖废水 农村人居环境整治@农村生活污水",
        upgrades="提标改造 智慧化运维 节能降耗改造",
    ),
    _direction(
        "environment.solid_waste", 5, "年处置{product}约{n}万吨", (1, 30),
        org_suffixes="环保科技有限公司 再生资源有限公司 资源综合利用有限公司",
        groups="大宗=工业固废,赤泥,磷石膏,煤渣,建筑垃圾",
        products="工业固废 赤泥 磷石膏 煤渣 建筑垃圾 餐厨垃圾 废旧锂电池",
        processes="分选@建筑垃圾,工业固废,餐厨垃圾 破碎@建筑垃圾,煤渣,工业固废 协同处置@工业固废,赤泥,磷石膏,煤渣 安全填埋@工业固废 厌氧发酵@餐厨垃圾 拆解浸出@废旧锂电池",
        problems="综合利用率低@大宗 存在二次污染风险 处置成本高 再生产品附加值低@建筑垃圾,煤渣,磷石膏 有价金属回收率低@废旧锂电池,赤泥 发酵不稳定@餐厨垃圾 油盐含量高@餐厨垃圾",
        situations="固废主要堆存，每年堆存费用不小@大宗 餐厨垃圾含油含盐高，发酵不稳定@餐厨垃圾 再生产品市场认可度低@大宗 拆解主要靠人工，安全风险大@废旧锂电池",
        indicators="综合利用率≥70%@大宗 有价金属回收率≥95%@废旧锂电池,赤泥 处置成本降低30% 浸出毒性满足GB5085.3@工业固废,赤泥,磷石膏,煤渣,废旧锂电池 沼气产率≥80m³/t@餐厨垃圾 再生骨料吸水率≤5%@建筑垃圾",
        keywords="固废资源化 综合利用@大宗 赤泥@赤泥 建筑垃圾@建筑垃圾 餐厨垃圾@餐厨垃圾 废旧电池回收@废旧锂电池 磷石膏@磷石膏 再生建材@建筑垃圾,煤渣,磷石膏",
        field="固体废弃物资源化",
        teams="固废资源化利用课题组",
        approaches="废旧锂电池有价金属绿色回收技术 餐厨垃圾厌氧发酵产沼提质技术 建筑垃圾再生骨料强化技术 磷石膏无害化与建材化利用技术",
        techs="选择性浸出@废旧锂电池,赤泥 两相厌氧@餐厨垃圾 碳化强化@建筑垃圾,煤渣 油水分离预处理@餐厨垃圾 短流程湿法冶金@废旧锂电池 杂质固化稳定化@磷石膏,赤泥,工业固废 晶型转化@磷石膏 颗粒整形@建筑垃圾",
        effects="锂回收率达到90%@废旧锂电池 再生骨料吸水率降低30%@建筑垃圾 沼气产率提高20%@餐厨垃圾 磷石膏掺量达到60%@磷石膏 处置成本下降30%",
        applications="再生资源企业@废旧锂电池 市政环卫@餐厨垃圾,建筑垃圾 新型建材@磷石膏,建筑垃圾,煤渣,赤泥",
        upgrades="资源化技术改造 分选线智能化升级",
    ),
    _direction(
        "environment.geohazard", 4, "承担监测点位约{n}处", (20, 400),
        org_suffixes="地质工程有限公司 勘察设计有限公司 岩土工程有限公司 交通建设有限公司",
        products="库岸滑坡 危岩体 高切坡 地灾隐患点 消落带岸坡 公路边坡",
        processes="地质勘察 专业监测 群测群防 应急处置 治理工程",
        problems="深部位移难以实时监测 预警误报漏报多 监测设备易损坏 降雨诱发失稳难以预判 库水位涨落影响难评估 监测数据难以集成",
        situations="很多隐患点还是靠监测员定期人工巡查 GNSS只能看地表位移，看不到滑面 每年汛期和库水位消落期压力很大",
        indicators="位移监测精度≤1mm 预警准确率≥90% 数据传输率≥98% 设备无故障运行≥3年 预警提前量≥24h",
        keywords="地质灾害 滑坡监测 预警 三峡库区 GNSS 深部位移",
        field="地质灾害监测与防治",
        teams="岩土与地质灾害防治课题组 三峡库区地质灾害监测团队 边坡工程与防灾减灾课题组",
        approaches="三峡库区滑坡多场信息融合监测预警系统 滑坡深部位移分布式光纤监测技术 库水位涨落条件下岸坡稳定性评价方法 危岩体崩塌无人机巡查与识别技术@危岩体,高切坡,公路边坡,地灾隐患点",
        techs="分布式光纤传感 北斗GNSS 多源数据融合 机器学习预警模型 数值模拟 无人机倾斜摄影",
        effects="预警准确率提高到92% 巡查效率提高5倍 监测成本降低40%",
        applications="库区滑坡监测 公路边坡 城镇地灾防治",
        upgrades="监测预警系统升级 专业监测网络建设",
    ),
    _direction(
        "environment.energy_saving", 2, "服务企业约{n}家", (10, 200),
        org_suffixes="节能科技有限公司 能源管理有限公司 热能工程有限公司",
        groups="热工=工业锅炉,工业窑炉,余热回收系统",
        products="工业锅炉 工业窑炉 余热回收系统 空压机站 能源管理平台",
        processes="燃烧控制@工业锅炉,工业窑炉 余热利用@热工 能效监测 碳排放核算@能源管理平台 管网改造@空压机站",
        problems="余热利用率低@热工 能耗数据不透明@能源管理平台,空压机站 燃烧效率低@工业锅炉,工业窑炉 碳排放核算难@能源管理平台 泄漏损失大@空压机站 运行能耗偏高",
        situations="窑炉烟气直接排放，温度有两三百度@热工 电表水表还靠人工抄 设备运行参数靠人工记录，没有分析",
        indicators="综合能耗降低15% 余热回收率≥60%@热工 碳排放核算误差≤5%@能源管理平台 锅炉热效率≥92%@工业锅炉 空压机站比功率降低10%@空压机站 数据采集覆盖率100%@能源管理平台,空压机站",
        keywords="节能降碳 余热回收@热工 能源管理@能源管理平台,空压机站 碳排放@能源管理平台 燃烧优化@工业锅炉,工业窑炉 空压机节能@空压机站",
        field="节能与碳减排",
        teams="节能降碳技术团队",
        approaches="工业窑炉低温余热有机朗肯循环发电技术@工业窑炉,余热回收系统 企业碳排放在线监测与核算平台@能源管理平台",
        techs="有机朗肯循环@工业窑炉,余热回收系统 能耗数字孪生@能源管理平台 烟气余热梯级利用@热工 碳排放因子库@能源管理平台",
        effects="年节约标煤3000吨@热工 碳排放数据自动生成报告@能源管理平台",
        applications="建材窑炉@工业窑炉,余热回收系统 化工园区 重点用能企业@能源管理平台",
    ),
)

BY_CODE: dict[str, Direction] = {d.code: d for d in DIRECTIONS}

#: Improvement projects per top-level industry, for directions that do not name their own.
UPGRADES: dict[str, tuple[str, ...]] = {
    "agriculture": _zh("标准化生产技术集成 提质增效技术攻关 绿色生产技术示范"),
    "environment": _zh("监测预警能力提升 智能化运维 技术改造"),
}
DEFAULT_UPGRADES = _zh("生产线智能化改造 在线检测技术开发 节能降耗改造 自动化升级 质量追溯系统建设")

#: What a problem costs the enterprise, per top-level industry (colloquial).
IMPACTS: dict[str, tuple[str, ...]] = {
    "agriculture": _zh("每亩收益一直上不去 产品卖不起价 一年下来损失不小 年轻人不愿意干，用工越来越难"),
    "environment": _zh("主管部门督查压力很大 运维成本一年比一年高 一出问题就是大事 现场人员疲于应付"),
}
DEFAULT_IMPACTS = _zh("返工率居高不下，一年损失几十万元 客户投诉多，丢过好几个大单 良品率只有八成左右 产能上不去，订单不敢多接 能耗和原料成本偏高 产品只能走中低端市场，利润很薄")

#: What the enterprise already tried, per top-level industry.
TRIED: dict[str, tuple[str, ...]] = {
    "agriculture": _zh("请农技站的同志来看过 换过几种肥料和药 跟着网上的视频学过"),
    "environment": _zh("找过几家环保公司做方案 加过几套设备 请设计院论证过"),
}
DEFAULT_TRIED = _zh("前后调整过几次工艺参数 也请设备厂家来调试过 换过两家供应商的原料 自己摸索了一两年 买过检测仪器但用不起来")

#: How the enterprise phrases a cooperation mode in a colloquial description.
ASKS: dict[str, str] = {
    "development": "联合开发一套切实可行的解决方案",
    "transfer": "直接转让成熟技术，买断也可以",
    "license": "以专利许可的方式引进技术",
    "consulting": "先来做个诊断，出个改进方案",
    "service": "提供检测分析和现场技术服务",
    "platform": "共建联合实验室，长期合作",
}

GENERIC_ADVANTAGES = _zh("工艺简单，便于在现有产线上改造实施 设备投资小，投资回收期约两年 关键材料和部件实现国产化，运行成本低 可根据企业工况定制开发 已有示范应用，技术风险低 团队可提供长期技术支持和人员培训")

#: Places where pilot tests ran.
PILOT_PLACES = _zh("万州经开区 重庆两江新区 达州高新区 开州工业园区 合作企业 校内中试基地")

SURNAMES = _zh("王 李 张 刘 陈 杨 黄 赵 吴 周 徐 孙 马 朱 胡 郭 何 高 林 罗 郑 梁 谢 宋 唐 许 韩 冯 邓 曹 彭 曾 肖 田 董 袁 潘 蒋 蔡 余 杜 叶 程 苏 魏 吕 丁 任 沈 姚 卢 钟 谭 陆 汪 范 石 廖 贾 夏 付 方 邹 熊 秦 向 冉 牟 谯 万")
GIVEN_CHARS = _zh("建 国 明 华 军 伟 强 磊 洋 勇 杰 涛 斌 超 波 辉 刚 健 平 亮 俊 峰 宇 静 丽 敏 燕 芳 霞 红 玲 萍 婷 雪 琳 颖 倩 晓 文 志 海 云 飞 鹏 春 林 东 浩 思 远 博 德 成 庆 琪")

#: Two pools for trade names (字号) of enterprises.
BRAND_FIRST = _zh("金 鑫 宏 恒 华 瑞 天 正 德 盛 嘉 博 源 泰 兴 汇 江 峡 平 广 中 新 科 达 丰 祥 利 通 永 长 昌 万 海 佳 福 顺 隆 荣 巨 创 欣 腾 凯 弘 渝 蜀 巴 龙 宇 航 立 信 和 安 远 锦 尚 卓 力 晟 川")
BRAND_SECOND = _zh("源 达 泰 丰 盛 通 华 鑫 兴 成 祥 宇 业 邦 瑞 辉 峰 阳 明 林 海 创 泽 润 信 诚 越 远 驰 腾 安 康 德 恒 宏 锐 川 峡 茂 联")

#: Towns used to name cooperatives, per region code.
TOWNS: dict[str, tuple[str, ...]] = {
    "wanzhou": _zh("龙沙 甘宁 长岭 分水 太安 龙驹 白羊 孙家 武陵 瀼渡 熊家 高梁 走马 余家 后山 弹子 长坪 茨竹 恒合 罗田"),
    "kaizhou": _zh("汉丰 白鹤 赵家 大德 镇安 临江 竹溪 铁桥 南雅 温泉 郭家 义和"),
    "yunyang": _zh("双江 青龙 盘龙 人和 凤鸣 江口 南溪 故陵 宝坪 高阳"),
    "dazhou": _zh("南坝 普光 庙安 天生 石桥 永兴 回龙 石梯"),
}

#: County-level prefix for cooperatives and family farms, per region code.
COUNTIES: dict[str, tuple[str, ...]] = {
    "wanzhou": ("万州区",),
    "kaizhou": ("开州区",),
    "yunyang": ("云阳县",),
    "dazhou": _zh("宣汉县 大竹县 开江县 渠县 达川区"),
}

#: Company-name prefixes, per region code.
COMPANY_PREFIXES: dict[str, tuple[str, ...]] = {
    "wanzhou": _zh("重庆 重庆万州 重庆市万州区 重庆三峡"),
    "kaizhou": _zh("重庆 重庆市开州区 重庆开州"),
    "yunyang": _zh("重庆云阳 云阳县 重庆"),
    "dazhou": _zh("达州市 四川 四川达州"),
}

#: Why a pairing was closed, by the stage it had reached.
#: Why pairings ended (终止), by the stage they ended from: (reason code, the broker's note).
CLOSED_REASONS: dict[str, tuple[tuple[str, str], ...]] = {
    "recommended": (("not_feasible", "经纪人复核：成果技术指标与需求目标差距较大"), ("paused", "企业需求已调整，推荐作废")),
    "pushed": (("enterprise_declined", "企业预算调整，暂缓合作"), ("enterprise_declined", "企业反馈技术路线与现有设备不匹配")),
    "interested": (("not_feasible", "成果成熟度不足，无法满足企业一年内量产的要求"), ("price", "成果方报价超出企业预算")),
    "negotiating": (("ip", "双方在知识产权归属上未能达成一致"), ("has_solution", "企业已通过自主研发解决该问题"),
                    ("paused", "企业经营调整，项目暂停")),
}

ENTERPRISE_NOTES = _zh("技术路线契合，希望尽快安排现场交流 团队成果和我们的需求比较对口，愿意进一步洽谈 希望先看中试数据再谈合作方式 有意向，请经纪人协调对方来厂调研")
UNIVERSITY_NOTES = _zh("团队可派员赴企业现场调研 成果可按企业工况做适应性开发 愿意以许可或合作开发方式推进 可先提供样品供企业试用")
DECLINE_NOTES = _zh("预算有限，今年暂不考虑 技术路线和我们现有设备不匹配 已有其他合作单位在做")

#: Deliverables an enterprise asks for in formal descriptions, per top-level industry.
DELIVERABLES: dict[str, tuple[str, ...]] = {
    "new_materials": _zh("工艺技术方案 在线检测与控制系统 新产品配方 中试验证方案"),
    "equipment": _zh("结构优化设计方案 智能控制系统 成套装备 工艺技术方案"),
    "food": _zh("工艺技术方案 产品配方 技术标准和操作规程 保鲜技术方案"),
    "biomedicine": _zh("工艺技术方案 质量控制方法 分析检测方法 企业技术标准"),
    "new_energy": _zh("控制算法 检测评价方法 工艺技术方案"),
    "electronics": _zh("设计方案 检测评价方法 软硬件系统"),
    "agriculture": _zh("技术规程 综合技术方案 示范模式"),
    "environment": _zh("技术方案 监测预警系统 工程示范方案"),
}

#: A note for each step of a pairing, by the stage it moves to.
STAGE_NOTES: dict[str, tuple[str, ...]] = {
    "recommended": _zh("根据需求关键词和行业匹配推荐该成果 经纪人初筛：技术指标与需求目标基本吻合 对接会后整理的潜在匹配"),
    "pushed": _zh("已将成果资料推送企业，并通知成果团队 推送双方，等待反馈 电话沟通后推送详细技术资料"),
    "interested": _zh("双方均反馈有合作意向 企业与团队均确认有意向，待安排洽谈"),
    "negotiating": _zh("组织双方赴企业现场调研洽谈 双方就技术方案和合作方式进行洽谈 召开线上洽谈会，讨论合同条款"),
    "signed": _zh("双方签订技术合同 合同已签订，首付款已到账"),
    "registered": _zh("完成技术合同认定登记 技术市场办公室已出具登记证明"),
    "completed": _zh("项目通过验收，合同履约完成 企业确认技术指标达标，履约完成"),
}

#: Milestone titles per contract type.
MILESTONES: dict[str, tuple[str, ...]] = {
    "development": _zh("完成技术方案设计与评审 完成小试验证 现场中试及工艺定型 项目验收"),
    "transfer": _zh("完成技术资料交付 现场培训与工艺调试 产品通过客户认证"),
    "license": _zh("完成许可备案与技术资料交付 现场实施指导 首批产品下线"),
    "consulting": _zh("完成现场调研诊断 提交咨询报告"),
    "service": _zh("完成样品检测分析 现场技术服务 提交技术服务报告"),
}
