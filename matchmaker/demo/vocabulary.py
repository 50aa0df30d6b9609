"""Domain vocabulary of the demo, one entry per technology direction of the taxonomy.

Terms follow Wanzhou's 14th five-year S&T plan (专栏 tables) and the 2024 needs collection report
(seeds/000, seeds/001). Chinese lists are written as whitespace-separated phrases (Chinese phrases
contain no spaces); English lists are ``|``-separated. English approaches are ``中文标题=english
phrase`` pairs so an English abstract keeps a matching Chinese title.
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
class EnglishVocab:
    """What an English abstract of a direction is built from."""

    products: tuple[str, ...]
    problems: tuple[str, ...]
    #: (Chinese title, English noun phrase) pairs.
    approaches: tuple[tuple[str, str], ...]
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
    #: Improvement projects that fit the direction ("生产线智能化改造"); None uses the industry's.
    upgrades: tuple[str, ...] = ()
    en: EnglishVocab | None = None

    @property
    def top(self) -> str:
        return self.code.split(".", 1)[0]


def _direction(code: str, needs: int, scale: str, scale_range: tuple[int, int], **lists: str) -> Direction:
    """Build a Direction from whitespace-separated lists (keeps the table below compact)."""
    en = lists.pop("en", None)
    field_name = lists.pop("field")
    return Direction(
        code=code,
        needs=needs,
        scale=scale,
        scale_range=scale_range,
        field=field_name,
        en=en,  # type: ignore[arg-type]
        **{key: _zh(value) for key, value in lists.items()},
    )


def _english(**lists: str) -> EnglishVocab:
    """Build an EnglishVocab from ``|``-separated lists."""
    approaches = tuple(
        tuple(pair.split("=", 1)) for pair in _en(lists.pop("approaches"))
    )
    return EnglishVocab(approaches=approaches, **{k: _en(v) for k, v in lists.items()})  # type: ignore[arg-type]


DIRECTIONS: tuple[Direction, ...] = (
    # ------------------------------------------------------------------ 新材料
    _direction(
        "new_materials.copper", 16, "年产{product}约{n}万吨", (1, 15),
        org_suffixes="铜业有限公司 电工有限公司 线缆有限公司 铜材有限公司 电磁线有限公司 铜业股份有限公司",
        products="低氧铜杆 无氧铜杆 漆包线 贯通地线 高精锂电铜箔 内螺纹铜管 毛细管 高精铜板带 超细铜合金丝 镀锡铜排 高端电磁线 外翅片铜管",
        processes="上引连铸 连铸连轧 拉丝 连续退火 电解生箔 冷轧 涂漆烘焙 熔炼",
        problems="氧含量波动大 表面氧化发黑 批次稳定性差 拉丝断线率高 导电率不达标 晶粒粗大 表面起皮 夹杂物偏多 延伸率偏低 针孔偏多 抗拉强度不足 单位能耗偏高",
        situations="目前氧含量靠离线取样化验，结果出来要两三个小时 熔炼炉覆盖木炭全凭老师傅经验添加 石墨结晶器更换频繁，一套只能用一周左右 收线后的铜杆在车间放几天就开始变色 关键设备依赖进口，备件贵、服务响应慢 现有检测只能抽检，无法做到在线全检 生箔机添加剂浓度靠人工定时化验补加",
        indicators="氧含量≤10ppm 导电率≥101%IACS 断线率≤0.5次/吨 延伸率≥35% 表面氧化膜厚度≤3nm 抗拉强度≥300MPa 铜箔厚度4.5μm±0.2μm 针孔数≤1个/m² 吨铜电耗降低15% 杂质总量≤0.01%",
        keywords="低氧铜杆 氧含量 上引连铸 导电率 铜合金 拉丝 退火 锂电铜箔 漆包线 表面氧化 石墨结晶器",
        field="铜及铜合金熔铸与加工",
        teams="铜合金材料与加工课题组 有色金属凝固与成形课题组 先进导电材料课题组",
        approaches="高强高导铜合金微合金化设计与制备技术 铜杆表面抗氧化钝化处理工艺 超细铜合金丝连续拉拔退火成套技术 高精锂电铜箔电解添加剂体系 贯通地线用高耐蚀铜合金绞线制备技术 内螺纹铜管高效成形技术 漆包线涂漆烘焙在线缺陷检测系统",
        techs="石墨结晶器寿命控制 保护气氛密封与氮气置换 铜液氧活度传感 微量稀土净化 在线涡流探伤 退火张力闭环控制 添加剂浓度在线监测 晶粒取向调控",
        effects="铜杆氧含量稳定控制在目标区间 拉丝断线率降低60%以上 导电率提高1%IACS 吨铜综合能耗下降12% 产品一次合格率提高到98%以上",
        applications="电线电缆 电磁线 新能源汽车高压线束 锂离子电池负极集流体 轨道交通贯通地线 制冷空调",
    ),
    _direction(
        "new_materials.special_aluminium", 8, "年产{product}约{n}万吨", (1, 30),
        org_suffixes="铝业有限公司 新材料有限公司 铝材科技有限公司 铝制品有限公司",
        products="高白氢氧化铝 特种氧化铝 电子陶瓷用氧化铝粉 高导热氧化铝填料 铝合金车轮 铝散热片 高纯铝线 铝合金汽车车身板 隔膜涂覆用勃姆石",
        processes="焙烧 研磨分级 表面改性 低压铸造 挤压 时效热处理 熔铸",
        problems="粒度分布宽 白度不稳定 钠含量偏高 团聚严重 气孔缺陷多 热处理变形大 导热系数偏低 内部缩松 阳极氧化后色差明显 α相转化率低",
        situations="焙烧温度靠人工看仪表调节，波动十几度 产品主要卖给耐火材料厂，附加值低 高端导热填料还要从日本进口 车轮X光探伤不合格率在5%左右 研磨设备老旧，电耗大",
        indicators="Na₂O含量≤0.05% D50=2±0.2μm 白度≥96% 导热系数≥30W/(m·K) α相转化率≥95% 车轮X光探伤合格率≥99% 磁性异物≤50ppb 抗拉强度≥280MPa",
        keywords="氧化铝 氢氧化铝 粒度控制 导热填料 铝合金 低压铸造 热处理 表面改性",
        field="特种氧化铝与铝合金",
        teams="轻合金材料课题组 无机非金属粉体工程课题组 先进铝合金成形课题组",
        approaches="高导热球形氧化铝制备技术 低钠高白氢氧化铝连续碳分工艺 铝合金车轮低压铸造缺陷智能预测技术 锂电隔膜用勃姆石可控合成技术 航空铝合金板材形变热处理工艺",
        techs="火焰球化 晶种分解动力学调控 硅烷偶联剂表面改性 凝固过程数值模拟 分级时效 气流分级",
        effects="填充量提高到90%以上仍保持良好流动性 产品附加值提高3倍 铸件废品率下降40% 焙烧能耗降低18%",
        applications="导热界面材料 覆铜板 锂电池隔膜 新能源汽车轻量化 电子陶瓷基板",
        en=_english(
            products="high-thermal-conductivity alumina fillers|aerospace aluminium alloy plates|low-pressure cast aluminium wheels",
            problems="a broad particle-size distribution|shrinkage porosity in castings|distortion after heat treatment",
            approaches="高导热球形氧化铝制备技术=a flame-spheroidisation route to spherical alumina fillers|航空铝合金板材形变热处理工艺=a thermomechanical treatment for high-strength aerospace aluminium plates|铝合金车轮低压铸造缺陷智能预测技术=a data-driven casting-defect prediction model for low-pressure wheel casting",
            techs="flame spheroidisation|graded ageing|silane surface modification|solidification simulation",
            effects="filler loading above 90 wt% is reached while keeping good flowability|casting scrap is reduced by 40%|strength and toughness are improved simultaneously",
            indicators="thermal conductivity ≥30 W/(m·K)|tensile strength ≥280 MPa|X-ray pass rate ≥99%",
            applications="thermal interface materials|lightweight vehicle structures|aircraft skins",
            keywords="alumina filler|aluminium alloy|heat treatment|casting defects|spheroidisation",
        ),
    ),
    _direction(
        "new_materials.compound_semiconductor", 6, "现有{product}产线{n}条", (1, 4),
        org_suffixes="半导体有限公司 光电科技有限公司 微电子有限公司 晶体材料有限公司",
        products="GaAs衬底 InP衬底 VCSEL外延片 VCSEL芯片 RF芯片 3D感测芯片 通讯用激光器件",
        processes="MOCVD外延 光刻 湿法氧化 晶体生长 减薄抛光 封装测试",
        problems="波长均匀性差 位错密度偏高 良率偏低 翘曲度超标 氧化孔径一致性差 表面颗粒缺陷多 高温老化失效偏多",
        situations="外延片片内波长偏差有时超过3nm 良率主要靠事后测试筛选 工艺窗口很窄，换一批衬底就要重新调参数 可靠性测试设备不足，送外检周期长",
        indicators="波长均匀性≤±1nm 位错密度≤500cm⁻² 芯片良率≥90% 翘曲度≤10μm 氧化孔径偏差≤0.3μm 双85老化1000h失效率≤0.1%",
        keywords="化合物半导体 GaAs InP VCSEL 外延 良率 可靠性 3D感测",
        field="化合物半导体材料与器件",
        teams="化合物半导体光电子课题组 宽禁带半导体器件课题组",
        approaches="VCSEL氧化孔径在线监测与精确控制技术 低位错砷化镓单晶生长技术 化合物半导体晶圆缺陷智能检测系统 高速VCSEL芯片设计与可靠性提升技术",
        techs="红外成像实时监测 垂直梯度凝固 深度学习缺陷分类 应变补偿量子阱 热场数值模拟",
        effects="芯片良率提升8个百分点 检测效率提高5倍 单晶成品率提高20%",
        applications="3D传感 数据中心光互连 激光雷达 5G射频前端",
        en=_english(
            products="GaAs substrates|VCSEL epitaxial wafers|InP laser chips",
            problems="poor wavelength uniformity|high dislocation density|low yield in oxide-aperture formation|wafer warpage",
            approaches="VCSEL氧化孔径在线监测与精确控制技术=an in-situ monitored wet-oxidation process for VCSEL apertures|低位错砷化镓单晶生长技术=a vertical-gradient-freeze growth route for low-dislocation GaAs|化合物半导体晶圆缺陷智能检测系统=a deep-learning wafer defect inspection system",
            techs="infrared in-situ imaging|strain-compensated quantum wells|thermal-field simulation|convolutional defect classification",
            effects="chip yield is increased by 8 percentage points|inspection throughput is improved fivefold|single-crystal yield rises by 20%",
            indicators="aperture deviation ≤0.3 μm|wavelength uniformity within ±1 nm|dislocation density ≤500 cm⁻²|damp-heat failure rate ≤0.1% after 1000 h",
            applications="3D sensing|data-centre optical interconnects|automotive LiDAR",
            keywords="VCSEL|GaAs|epitaxy|oxide aperture|yield",
        ),
    ),
    _direction(
        "new_materials.green_building", 7, "{product}年产能约{n}万吨", (5, 120),
        org_suffixes="建材有限公司 新型建材有限公司 水泥有限公司 建筑科技有限公司 装配式建筑有限公司",
        products="水泥熟料 PC预制构件 新型墙体材料 防水密封材料 保温隔热材料 赤泥基建材 淤泥烧结砖 外墙涂料",
        processes="熟料煅烧 蒸汽养护 配料 发泡 压制成型 替代燃料协同处置",
        problems="早期强度偏低 养护周期长 开裂渗漏 保温性能衰减快 固废掺量上不去 煤耗偏高 尺寸偏差大 耐候性差",
        situations="蒸养窑温度靠人工控制，冬天构件脱模时间长 赤泥堆存量大，利用率不到一成 水泥窑替代燃料比例一直上不去 客户反映外墙涂料两三年就粉化 原料成分波动大，配料全凭经验",
        indicators="3天抗压强度≥25MPa 导热系数≤0.045W/(m·K) 赤泥掺量≥40% 吨熟料标煤耗≤100kg 构件尺寸偏差≤3mm 人工耐候老化≥2000h",
        keywords="绿色建材 装配式建筑 固废建材 水泥 保温材料 防水材料 新型墙材",
        field="绿色建材与固废建材化",
        teams="绿色建筑材料课题组 土木工程材料课题组",
        approaches="赤泥—煤渣协同制备免烧建材技术 装配式构件智能蒸养控制系统 水泥窑协同处置替代燃料技术 气凝胶复合保温板制备技术 高耐候硅丙外墙涂料",
        techs="碱激发胶凝 温湿度闭环控制 多组分配伍优化 疏水改性 纳米填料分散",
        effects="构件养护周期缩短30% 固废利用率达到60% 熟料煤耗降低8%",
        applications="装配式住宅 市政工程 既有建筑节能改造",
    ),
    _direction(
        "new_materials.synthetic", 6, "年产{product}约{n}万吨", (1, 20),
        org_suffixes="化工有限公司 新材料股份有限公司 高分子材料有限公司 精细化工有限公司",
        products="PVA树脂 EVA树脂 PMMA 环氧乙烷衍生物 全生物降解塑料 三元正极材料前驱体 PTT纤维",
        processes="聚合 醇解 造粒 精馏 共混改性 吹膜",
        problems="分子量分布宽 黄变指数偏高 残留单体超标 降解周期不可控 熔体强度低 催化剂消耗大 能耗偏高",
        situations="聚合釜温度控制靠DCS手动干预 可降解膜力学性能不如传统PE膜 副产物醋酸甲酯回收率不高 天然气原料价格波动大，装置负荷调整频繁",
        indicators="分子量分布指数≤2.0 黄色指数≤3 残留单体≤50ppm 180天堆肥降解率≥90% 拉伸强度≥25MPa 催化剂单耗降低20%",
        keywords="高分子材料 可降解材料 聚合工艺 改性 精细化工 天然气化工",
        field="高分子合成与改性",
        teams="高分子材料改性课题组 先进树脂基复合材料课题组",
        approaches="PBAT/PLA全生物降解膜增韧改性技术 高醇解度PVA连续醇解工艺 天然气部分氧化制低碳烯烃新工艺 耐黄变PMMA光学级树脂制备技术",
        techs="反应挤出增容 微通道反应器 分子量在线监测 复合抗氧体系",
        effects="膜材断裂伸长率提高一倍 产品优级品率提升到95% 单位产品能耗下降15%",
        applications="农用地膜 快递包装 光学显示 纺织纤维",
        en=_english(
            products="biodegradable PBAT/PLA films|optical-grade PMMA|PVA resins",
            problems="low melt strength|yellowing during processing|an uncontrolled degradation rate",
            approaches="PBAT/PLA全生物降解膜增韧改性技术=a reactive-extrusion toughening route for PBAT/PLA blown films|高醇解度PVA连续醇解工艺=a continuous alcoholysis process for high-degree PVA|耐黄变PMMA光学级树脂制备技术=a yellowing-resistant optical-grade PMMA formulation",
            techs="reactive compatibilisation|micro-channel reactors|inline molecular-weight monitoring|synergistic antioxidant packages",
            effects="elongation at break is doubled|the first-grade product ratio rises to 95%|energy use per tonne is cut by 15%",
            indicators="90% compost degradation within 180 days|tensile strength ≥25 MPa|yellowness index ≤3",
            applications="agricultural mulch films|express packaging|optical displays",
            keywords="biodegradable polymer|reactive extrusion|PMMA|PVA|blown film",
        ),
    ),
    _direction(
        "new_materials.basalt_fibre", 4, "年产{product}约{n}千吨", (1, 10),
        org_suffixes="玄武岩纤维有限公司 复合材料有限公司 电工有限公司 新材料有限公司",
        products="连续玄武岩纤维 玄武岩纤维线缆填充绳 玄武岩纤维筋 玄武岩纤维土工格栅 玄武岩短切纤维",
        processes="池窑拉丝 浸润剂涂覆 拉挤成型 合股加捻",
        problems="拉丝断头率高 单丝直径离散大 与树脂界面结合差 阻燃性能不达标 生产成本偏高",
        situations="拉丝漏板使用寿命短，铂铑合金损耗大 纤维与PVC护套料相容性不好 产品认证周期长，下游电缆厂不敢用",
        indicators="断头率≤2次/h 单丝直径偏差≤±1μm 氧指数≥32 拉伸强度≥2500MPa 综合成本降低20%",
        keywords="玄武岩纤维 线缆 阻燃 复合材料 拉丝 浸润剂",
        field="玄武岩纤维制备与应用",
        teams="玄武岩纤维及复合材料研究团队",
        approaches="玄武岩纤维阻燃填充线缆制备技术 玄武岩纤维专用浸润剂 玄武岩纤维筋拉挤成型工艺",
        techs="熔体均化 漏板温度场调控 界面偶联 无卤阻燃协效",
        effects="线缆燃烧性能达到B1级 断头率下降一半",
        applications="阻燃电缆 道路桥梁加固 海工混凝土",
    ),
    # ------------------------------------------------------------------ 装备制造
    _direction(
        "equipment.forging", 6, "年产{product}约{n}台套", (50, 600),
        org_suffixes="机械有限公司 锻压机床有限公司 重工有限公司 锻造有限公司",
        products="大吨位液压机 伺服压力机 数控折弯机 自由锻件 模锻件 数控剪板机 锻造操作机",
        processes="锻造 热处理 焊接 液压系统装配 数控编程",
        problems="滑块运动精度不稳定 液压系统漏油发热 模具寿命短 折叠裂纹缺陷多 空载能耗偏高 故障难以提前发现 噪声超标",
        situations="设备售后主要靠派人到现场，故障判断靠经验 大型锻件内部缺陷靠超声人工探伤 伺服控制核心部件依赖进口",
        indicators="滑块重复定位精度≤±0.02mm 液压油温升≤25℃ 模具寿命提高50% 整机能耗降低30% 故障预警准确率≥90%",
        keywords="锻压设备 液压机 伺服控制 模锻 故障诊断 节能",
        field="塑性成形工艺与装备",
        teams="塑性成形与装备课题组 精密锻造工艺课题组",
        approaches="大吨位液压机伺服节能驱动技术 锻压设备远程运维与故障预测系统 精密模锻数值模拟与模具优化技术 锻件内部缺陷超声相控阵检测技术",
        techs="泵控伺服 振动特征提取 有限元成形仿真 相控阵成像",
        effects="整机能耗下降35% 非计划停机减少40% 模具寿命提高60%",
        applications="汽车零部件锻造 航空锻件 工程机械",
        en=_english(
            products="large hydraulic presses|precision die forgings|servo presses",
            problems="high idle energy consumption|short die life|folding and cracking defects",
            approaches="大吨位液压机伺服节能驱动技术=a pump-controlled servo drive for heavy hydraulic presses|精密模锻数值模拟与模具优化技术=a simulation-driven die optimisation method for precision forging|锻压设备远程运维与故障预测系统=a remote condition-monitoring and fault-prediction platform for forming equipment",
            techs="pump-controlled servo actuation|finite-element forming simulation|vibration feature extraction|phased-array ultrasonic imaging",
            effects="energy consumption is reduced by 35%|die life is extended by 60%|unplanned downtime is cut by 40%",
            indicators="ram positioning repeatability of ±0.02 mm|fault-warning accuracy ≥90%|oil temperature rise ≤25 °C",
            applications="automotive forgings|aerospace structural parts|construction machinery",
            keywords="hydraulic press|servo drive|die forging|condition monitoring",
        ),
    ),
    _direction(
        "equipment.shipbuilding", 6, "年产值约{n}亿元", (1, 20),
        org_suffixes="船舶有限公司 造船有限公司 船舶配套有限公司 船舶工程有限公司",
        products="内河电动船舶 新能源船 特种船艇 游艇 船舶电力推进装置 精密传动装置 内河功能型船舶 双相不锈钢铸件",
        processes="分段焊接 舾装 涂装 推进系统集成 铸造",
        problems="焊接变形大 电池舱热管理难 航行能耗偏高 涂层防腐寿命短 振动噪声大 铸件气孔夹渣多",
        situations="焊接主要靠人工，变形后火工矫正费时费力 电动船电池系统安全认证难 三峡库区航道条件复杂，船型优化缺少数据",
        indicators="焊接变形≤2mm/m 百公里能耗降低15% 舱室噪声≤65dB(A) 防腐寿命≥10年 铸件一次合格率≥95%",
        keywords="船舶 电动船 焊接 推进装置 船型优化 防腐",
        field="船舶设计与动力系统",
        teams="船舶与海洋工程课题组 内河航运与船舶技术团队 船舶动力与电气课题组",
        approaches="内河电动船舶电池舱热失控防护技术 船体分段焊接变形预测与控制技术 库区船型阻力优化设计方法 船舶电力推进系统能效管理技术",
        techs="CFD阻力仿真 热—力耦合模拟 电池簇液冷 能量管理策略",
        effects="航行能耗降低12% 焊接返修率下降50%",
        applications="三峡库区客货运输 内河旅游船 港口作业船",
        en=_english(
            products="inland electric vessels|hull block assemblies|marine electric propulsion units",
            problems="welding distortion of hull blocks|thermal runaway risk in battery rooms|high propulsion energy use",
            approaches="船体分段焊接变形预测与控制技术=a thermo-mechanical model predicting welding distortion of hull blocks|库区船型阻力优化设计方法=a hull-form optimisation method for reservoir waterways|船舶电力推进系统能效管理技术=an energy-management system for marine electric propulsion",
            techs="CFD resistance simulation|coupled thermo-mechanical analysis|liquid-cooled battery clusters|rule-based energy management",
            effects="propulsion energy is reduced by 12%|weld rework is halved",
            indicators="distortion ≤2 mm/m|cabin noise ≤65 dB(A)|battery-room temperature rise ≤10 °C",
            applications="Three Gorges reservoir shipping|inland tourist vessels|harbour workboats",
            keywords="inland vessel|welding distortion|electric propulsion|hull optimisation",
        ),
    ),
    _direction(
        "equipment.intelligent", 8, "年产{product}约{n}台套", (10, 500),
        org_suffixes="智能装备有限公司 自动化设备有限公司 机电有限公司 智能科技有限公司",
        products="智能数控机床 工业机器人工作站 智能仪表 自动化计量装备 食品级不锈钢机械设备 智能电气装备 智能测量设备",
        processes="装配调试 视觉检测 运动控制 焊接 精密加工",
        problems="定位精度不稳定 视觉识别误判率高 调试周期长 关键部件依赖进口 产线换型慢 设备数据采集不全",
        situations="产线上还有大量人工上下料 设备数据散落在各个PLC里，没法统一分析 伺服和控制器基本都是进口品牌 客户定制多，每台设备都要重新设计",
        indicators="重复定位精度≤±0.05mm 视觉识别准确率≥99.5% 换型时间≤15min 设备综合效率OEE≥85% 核心部件国产化率≥80%",
        keywords="智能制造 工业机器人 机器视觉 数控机床 数字化车间 运动控制",
        field="智能制造装备",
        teams="智能制造与机器人课题组 机器视觉与检测课题组",
        approaches="面向多品种小批量的柔性装配机器人工作站 基于深度学习的工业视觉检测平台 数控机床热误差补偿技术 数字化车间设备互联与OEE分析系统",
        techs="手眼标定 小样本缺陷学习 热误差建模 OPC-UA设备互联",
        effects="人工减少60% 检测效率提高4倍 加工精度提高30%",
        applications="汽车零部件装配 电子元件检测 食品包装",
        en=_english(
            products="flexible robotic assembly cells|CNC machine tools|industrial vision inspection stations",
            problems="thermal drift of machining accuracy|high false-reject rates in visual inspection|long changeover times",
            approaches="基于深度学习的工业视觉检测平台=a few-shot deep-learning vision inspection platform|数控机床热误差补偿技术=a thermal-error compensation method for CNC machine tools|面向多品种小批量的柔性装配机器人工作站=a flexible robotic assembly cell for high-mix low-volume production",
            techs="hand–eye calibration|few-shot defect learning|thermal-error modelling|OPC UA device integration",
            effects="manual labour is cut by 60%|inspection throughput is increased fourfold|machining accuracy improves by 30%",
            indicators="repeatability of ±0.05 mm|recognition accuracy ≥99.5%|changeover ≤15 min",
            applications="automotive part assembly|electronic component inspection|food packaging lines",
            keywords="machine vision|industrial robot|thermal error|smart manufacturing",
        ),
    ),
    _direction(
        "equipment.vehicles", 9, "年产值约{n}亿元", (1, 15),
        org_suffixes="汽车有限公司 专用汽车有限公司 汽车零部件有限公司 车桥有限公司",
        products="冷链物流车 环卫车 混凝土搅拌车 半挂车 铝合金轮毂 汽车行李架 电动空调压缩机 汽车照明灯具 新能源底盘",
        processes="焊装 涂装 总装 冲压 低压铸造",
        problems="轻量化不足 厢体保温性能差 焊接质量不稳定 NVH性能差 涂装耗漆量大 疲劳寿命不足",
        situations="冷藏厢体还在用传统聚氨酯发泡工艺 上装和底盘匹配主要靠经验 涂装线VOCs排放压力大 零部件台架试验要送到外地做",
        indicators="整备质量降低10% 厢体传热系数K≤0.4W/(m²·K) 疲劳寿命≥100万次 涂料利用率≥70% VOCs排放≤30mg/m³",
        keywords="专用车 汽车零部件 轻量化 冷藏车 焊接 涂装",
        field="专用车设计与轻量化",
        teams="汽车轻量化与结构优化课题组",
        approaches="专用车上装轻量化结构设计与优化技术 真空绝热板冷藏厢体制备技术 汽车零部件焊接质量在线监测系统 电动物流车整车控制与能量管理技术",
        techs="拓扑优化 真空绝热芯材 焊接电流特征识别 整车能量管理",
        effects="上装减重12% 厢体日耗冷量降低25%",
        applications="冷链物流 城市环卫 工程运输",
    ),
    _direction(
        "equipment.surface_treatment", 6, "年处理镀件约{n}万平方米", (10, 300),
        org_suffixes="表面处理有限公司 电镀有限公司 金属表面技术有限公司 涂装有限公司",
        products="镀锌件 镀镍件 镀铬件 化学镀镍层 铝阳极氧化件 电泳涂装件 含镍废水 电镀污泥",
        processes="前处理除油 电镀 钝化 阳极氧化 废水处理 膜法回用",
        problems="镀层结合力差 盐雾试验不合格 重金属排放超标 污泥产量大 镀液寿命短 六价铬难以替代 药剂消耗大",
        situations="园区废水站出水勉强达标，回用率不到三成 电镀污泥按危废处置，一吨要三四千元 客户要求无铬钝化，但耐蚀性一直达不到 前处理还是老工艺，酸雾大",
        indicators="中性盐雾≥720h 总镍≤0.1mg/L 总铬≤0.5mg/L 废水回用率≥70% 污泥减量≥30% 划格试验0级",
        keywords="表面处理 电镀 电镀废水 无铬钝化 膜处理 重金属",
        field="表面工程与腐蚀防护",
        teams="材料腐蚀与防护课题组 表面工程与涂层课题组",
        approaches="电镀废水物化预处理+全膜处理分质回用技术 三价铬无铬钝化替代工艺 电镀污泥资源化回收有价金属技术 高耐蚀锌镍合金电镀工艺",
        techs="分质分流收集 反渗透浓水蒸发 纳米复合钝化膜 重金属选择性浸出",
        effects="废水回用率达到75% 危废污泥减量40% 中性盐雾寿命提高两倍",
        applications="电镀园区 汽摩零部件 五金制品",
    ),
    # ------------------------------------------------------------------ 食品加工
    _direction(
        "food.grain_oil", 7, "年加工{product}约{n}万吨", (1, 30),
        org_suffixes="粮油有限公司 食品有限公司 油脂有限公司 米业有限公司",
        products="浓香菜籽油 小榨菜籽油 大米 植物蛋白 膨化食品 烘焙食品 玉米胚芽油",
        processes="压榨 精炼 浸出 碾米 挤压膨化 烘焙",
        problems="苯并芘风险 出油率偏低 碎米率高 产品哈败回味 保质期短 浓香风味不稳定 饼粕利用价值低",
        situations="小榨工艺炒籽全靠师傅看颜色 精炼环节脱色剂用量大，油损高 副产物菜籽饼粕只能低价卖给饲料厂 烘焙产品配方主要模仿市面上的",
        indicators="苯并芘≤2μg/kg 出油率提高1.5个百分点 碎米率≤5% 酸价≤1.0mg/g 保质期≥12个月 菜籽蛋白提取率≥70%",
        keywords="粮油加工 菜籽油 精炼 风味 副产物利用 植物蛋白",
        field="粮油精深加工",
        teams="粮油加工与功能食品课题组 农产品加工与贮藏课题组",
        approaches="浓香菜籽油风味稳定化与苯并芘控制技术 菜籽饼粕蛋白高值化提取技术 米糠稳定化与综合利用技术 杂粮挤压膨化营养保持技术",
        techs="微波预处理 适度精炼 酶法改性 挤压参数优化",
        effects="苯并芘稳定低于限量 副产物增值3倍以上",
        applications="食用油加工 植物蛋白饮料 休闲食品",
    ),
    _direction(
        "food.meat", 8, "年加工{product}约{n}千吨", (1, 20),
        org_suffixes="食品有限公司 肉类加工有限公司 食品科技有限公司 农牧食品有限公司",
        products="万州烤鱼 腊肉 牛肉干 火腿 卤制品 酱卤肉制品 肉类罐头",
        processes="腌制 烟熏 卤制 杀菌 真空包装 斩拌",
        problems="亚硝酸盐残留偏高 多环芳烃超标风险 口感发柴 出品率低 胀袋 风味同质化",
        situations="烟熏还用传统柴火熏房，温度不好控 高温杀菌后肉质变硬，客户说没嚼劲 夏季胀袋投诉多 卤汤循环使用，老卤品质说不清",
        indicators="亚硝酸盐残留≤30mg/kg 苯并芘≤5μg/kg 出品率提高5% 常温保质期≥9个月 菌落总数≤1×10⁴CFU/g",
        keywords="肉制品 腌腊 烟熏 杀菌 风味 品质控制 烤鱼",
        field="肉品科学与加工",
        teams="肉品加工与质量安全课题组 特色食品工程研究团队",
        approaches="腊肉低温液熏替代传统烟熏技术 肉制品栅栏技术保鲜体系 烤鱼风味物质解析与标准化加工技术 微波辅助杀菌保质技术",
        techs="液熏剂复配 气调包装 风味组学分析 温和杀菌",
        effects="多环芳烃降低80% 保质期延长一倍",
        applications="预制菜 休闲肉制品 地方特色食品",
    ),
    _direction(
        "food.fruit_veg", 10, "年加工{product}约{n}万吨", (1, 10),
        org_suffixes="食品有限公司 果业有限公司 榨菜有限公司 饮品有限公司 农产品加工有限公司",
        products="榨菜 NFC橙汁 柑橘罐头 柑橘皮渣 脆李果脯 蔬菜脆片 果蔬饮料",
        processes="腌制脱盐 榨汁 杀菌 浓缩 真空冷冻干燥 护色",
        problems="含盐量偏高 褐变严重 风味劣变 出汁率低 腌制废水含盐量高 脆度下降 营养损失大 皮渣利用率低",
        situations="榨菜腌制还用大池子，脱盐废水盐度很高 橙汁冷藏一个月颜色就变深 每年几千吨皮渣只能低价卖掉或者填埋 加工季节性强，设备一年有半年闲着",
        indicators="含盐量≤4% 褐变指数降低50% 出汁率≥50% 维生素C保留率≥85% 果胶得率≥15% 腌制废水回用率≥60%",
        keywords="果蔬加工 榨菜 柑橘 褐变 低盐 副产物利用 杀菌",
        field="果蔬加工",
        teams="果蔬加工与贮藏课题组 柑橘加工工程研究团队 发酵蔬菜研究团队",
        approaches="低盐榨菜微生物控制与保脆技术 NFC橙汁非热杀菌与护色技术 柑橘皮渣果胶及精油联产技术 果蔬变温压差膨化干燥技术",
        techs="乳酸菌定向发酵 超高压杀菌 酶法辅助提取 分子蒸馏",
        effects="产品盐度降低40%仍保持脆度 皮渣增值5倍以上",
        applications="休闲食品 饮料 食品添加剂",
    ),
    _direction(
        "food.condiments", 10, "年产{product}约{n}千吨", (1, 30),
        org_suffixes="食品有限公司 调味品有限公司 食品科技有限公司 酿造有限公司",
        products="火锅底料 烤鱼调料 花椒油 辣椒酱 小面调料 鸡精 豆瓣酱 复合调味料",
        processes="炒制 熬制 发酵 灌装 杀菌 配料",
        problems="批次风味不一致 油脂氧化酸败 麻味物质损失 炒制全靠人工经验 保质期内出现分层 辣度不稳定 色泽发暗",
        situations="炒料全凭老师傅掌握火候，换人味道就不一样 花椒油放半年麻味明显变淡 没有风味检测手段，只能靠人尝 产品主要卖给周边餐馆，进不了商超",
        indicators="酸价≤3mg/g 过氧化值≤0.25g/100g 批次感官评分偏差≤5% 羟基山椒素保留率≥80% 保质期≥18个月 辣度偏差≤±5%",
        keywords="调味品 火锅底料 花椒油 风味 标准化 抗氧化 自动化炒制",
        field="调味品与风味化学",
        teams="调味品工程研究团队 食品风味化学课题组",
        approaches="火锅底料自动化炒制与风味标准化技术 花椒麻味物质稳态化技术 复合调味料天然抗氧化保鲜体系 基于电子鼻的调味品风味快速评价方法",
        techs="温度曲线闭环控制 微胶囊包埋 天然提取物复配 电子鼻与电子舌",
        effects="批次风味一致性显著提高 麻味保留时间延长两倍",
        applications="火锅餐饮 方便食品 预制菜调料包",
    ),
    _direction(
        "food.cold_chain", 7, "冷库容量约{n}千吨", (1, 30),
        org_suffixes="冷链物流有限公司 食品有限公司 供应链管理有限公司 冷藏运输有限公司",
        products="烤鱼预制菜 冷鲜肉 速冻食品 柑橘鲜果 冷冻水产品 冷库",
        processes="预冷 速冻 冷藏运输 分拣配送 温度监控",
        problems="货架期短 复热后口感差 冷链断链 温度记录不可追溯 制冷能耗偏高 果品腐烂率高 冰晶破坏组织",
        situations="冷库制冷靠人工调节，夜间低谷电价也没利用上 配送到区县门店途中温度没有记录 冷冻烤鱼复热后鱼肉发柴 旺季冷库不够用，淡季又空着",
        indicators="冷藏货架期≥21天 冷链全程温度偏差≤±1℃ 腐烂率≤3% 冷库能耗降低20% 温度数据上传率100%",
        keywords="冷链物流 预制菜 货架期 温度监控 速冻 追溯",
        field="冷链物流与食品保鲜",
        teams="冷链物流与保鲜技术团队",
        approaches="冷链全程温度物联网追溯平台 预制菜速冻品质保持技术 冷库智能节能控制技术 柑橘采后预冷与保鲜技术",
        techs="无线温度标签 液氮速冻 负荷预测控制 生物保鲜剂",
        effects="货架期延长50% 冷库能耗下降22%",
        applications="预制菜配送 生鲜电商 水果外运",
    ),
    # ------------------------------------------------------------------ 生物医药
    _direction(
        "biomedicine.api", 8, "年产{product}约{n}吨", (10, 500),
        org_suffixes="制药有限公司 药业有限公司 医药化工有限公司 生物制药有限公司",
        products="原料药 医药中间体 注射剂原料 抗病毒原料药 药用辅料 手性中间体",
        processes="合成 结晶 精制 干燥 溶剂回收 催化氢化",
        problems="基因毒性杂质控制难 晶型不稳定 收率偏低 溶剂残留超标 三废处理成本高 有关物质超标",
        situations="客户做一致性评价，要求杂质控制到ppm级 结晶工序批间差异大 溶剂回收套用次数少 高盐废水处理费用高 分析方法开发能力不足",
        indicators="基因毒性杂质低于1.5μg/天TTC限度 单杂≤0.1% 总收率提高10% 溶剂残留符合ICH-Q3C 晶型纯度≥99%",
        keywords="原料药 基因毒性杂质 结晶 连续流 绿色合成 质量控制",
        field="药物合成与质量控制",
        teams="药物合成与工艺课题组 药物分析与质量控制课题组 绿色制药工程团队",
        approaches="原料药基因毒性杂质痕量检测与控制技术 连续流微反应合成工艺 药物晶型筛选与结晶过程控制技术 高盐制药废水资源化处理技术",
        techs="LC-MS/MS痕量分析 微通道连续流 过程分析技术PAT 反溶剂结晶",
        effects="收率提高15% 三废减少40%",
        applications="仿制药一致性评价 医药中间体生产",
        en=_english(
            products="active pharmaceutical ingredients|chiral intermediates|antiviral APIs",
            problems="genotoxic impurity control|polymorph instability|a low overall yield",
            approaches="连续流微反应合成工艺=a continuous-flow microreactor synthesis route|原料药基因毒性杂质痕量检测与控制技术=a trace-level analytical and control strategy for genotoxic impurities|药物晶型筛选与结晶过程控制技术=a PAT-guided crystallisation process",
            techs="LC-MS/MS trace analysis|microchannel continuous flow|process analytical technology|anti-solvent crystallisation",
            effects="overall yield is raised by 15%|process waste is reduced by 40%",
            indicators="genotoxic impurities below the TTC of 1.5 μg/day|single impurity ≤0.1%|polymorphic purity ≥99%",
            applications="generic-drug consistency evaluation|intermediate manufacturing",
            keywords="API|genotoxic impurity|continuous flow|crystallisation",
        ),
    ),
    _direction(
        "biomedicine.tcm", 9, "年加工{product}约{n}吨", (50, 2000),
        org_suffixes="药业有限公司 中药饮片有限公司 生物科技有限公司 中药材种植专业合作社",
        products="中药饮片 中药材提取物 中药配方颗粒 黄连 玄参 木姜子精油 破壁饮片",
        processes="炮制 提取浓缩 超微粉碎 干燥 质量检测",
        problems="有效成分含量不稳定 农残重金属超标风险 提取收率低 炮制标准不统一 二氧化硫残留超标 真伪鉴别难",
        situations="饮片炮制靠老药工经验 产地初加工条件差，干燥时容易霉变 提取后药渣量大，只能外运处置 药材收购时难以快速判断品质",
        indicators="指标成分含量RSD≤5% 重金属符合《中国药典》限量 提取收率提高20% 二氧化硫残留≤150mg/kg 指纹图谱相似度≥0.9",
        keywords="中药材 中药饮片 提取 炮制 指纹图谱 质量追溯 道地药材",
        field="中药资源与质量评价",
        teams="中药资源与炮制课题组 天然药物化学课题组 中药质量评价研究团队",
        approaches="道地药材产地加工与炮制一体化技术 中药材破壁深加工技术 中药质量指纹图谱评价与追溯系统 三峡库区特色药材有效成分绿色提取技术",
        techs="近红外快速检测 超微粉碎 指纹图谱 大孔树脂纯化",
        effects="有效成分提取率提高25% 饮片批间一致性显著提高",
        applications="中药饮片 中药制剂 大健康产品",
    ),
    _direction(
        "biomedicine.medical_devices", 5, "年产{product}约{n}万件", (1, 100),
        org_suffixes="医疗器械有限公司 医疗科技有限公司 生物医学工程有限公司",
        products="小型便携式医疗器械 医用耗材 生物皮肤复合再生膜 智能输液监护设备 康复辅具 医用RFID标签",
        processes="注塑 灭菌 组装 软件开发 生物相容性评价",
        problems="注册检验周期长 生物相容性不达标 耗材追溯靠人工 检测灵敏度不够 续航时间短",
        situations="医院耗材出入库靠人工扫码，一次只能扫一个 产品注册检验需要送到外地 核心传感器依赖进口",
        indicators="识别率≥99.9% 批量识别≥200件/秒 灵敏度≥95% 续航≥72h 细胞毒性≤1级",
        keywords="医疗器械 RFID 耗材追溯 生物材料 便携设备 注册检验",
        field="医工融合与医疗器械",
        teams="附属三峡医院医工融合创新团队 生物医学工程课题组",
        approaches="医用敷料用生物复合再生膜制备技术 便携式生理参数监测设备 基于UWB的医院资产定位系统",
        techs="静电纺丝 低功耗蓝牙 多标签防碰撞算法",
        effects="耗材盘点效率提高20倍 创面愈合时间缩短30%",
        applications="医院耗材管理 创面修复 居家康复",
    ),
    _direction(
        "biomedicine.vet", 4, "年产{product}约{n}吨", (100, 5000),
        org_suffixes="动物药业有限公司 饲料有限公司 生物科技有限公司",
        products="中药饲料添加剂 微生态制剂 兽用疫苗 生物兽药 替抗饲料",
        processes="发酵 包被 混合制粒 冻干",
        problems="活菌数衰减快 替抗效果不稳定 耐高温制粒能力差 生产成本高",
        situations="饲料禁抗以后客户都要替抗方案 菌剂过制粒机后活菌损失一大半 中兽药组方主要靠经验",
        indicators="活菌数≥1×10⁹CFU/g 制粒后存活率≥80% 料肉比降低0.1 腹泻率降低30%",
        keywords="兽药 饲料添加剂 微生态制剂 替抗 中兽药",
        field="兽药与饲料添加剂",
        teams="动物药学与中兽药课题组",
        approaches="耐高温微生态制剂包被技术 中药复方替抗饲料添加剂 兽用中药提取物质量控制技术",
        techs="多层微囊包被 组方筛选 高通量菌株筛选",
        effects="制粒存活率提高到85% 仔猪腹泻率降低35%",
        applications="生猪养殖 家禽养殖 水产饲料",
    ),
    # ------------------------------------------------------------------ 新能源
    _direction(
        "new_energy.batteries", 5, "年产值约{n}亿元", (1, 20),
        org_suffixes="新能源科技有限公司 电池有限公司 储能科技有限公司 锂电材料有限公司",
        products="动力电池组 储能电源系统 三元正极材料 锂电池隔膜 电池管理系统 磷酸铁锂电芯",
        processes="涂布 化成分容 PACK组装 烧结 电芯配组",
        problems="一致性差 低温性能差 存在热失控风险 循环寿命短 SOC估算不准 能量密度偏低",
        situations="电芯配组靠静态电压内阻筛选 冬天电动观光车续航掉得厉害 BMS算法是外购的，出了问题改不动",
        indicators="SOC估算误差≤3% -20℃容量保持率≥80% 循环寿命≥3000次 能量密度≥180Wh/kg 组内压差≤30mV",
        keywords="锂电池 电池管理系统 储能 热管理 一致性 梯次利用",
        field="动力电池与储能",
        teams="新能源电池与储能课题组 电化学储能材料课题组",
        approaches="锂电池组主动均衡与精确SOC估算技术 储能电站热失控早期预警技术 退役动力电池梯次利用快速分选技术",
        techs="扩展卡尔曼滤波 多源气体传感 电化学阻抗谱",
        effects="电池组可用容量提高8% 热失控预警提前10分钟以上",
        applications="电动观光车 工商业储能 电动两轮车",
        en=_english(
            products="lithium-ion battery packs|stationary storage systems|retired EV cells",
            problems="cell inconsistency|inaccurate state-of-charge estimation|late detection of thermal runaway",
            approaches="锂电池组主动均衡与精确SOC估算技术=an active balancing and adaptive SOC estimation scheme for battery packs|储能电站热失控早期预警技术=a multi-gas early-warning system for thermal runaway|退役动力电池梯次利用快速分选技术=a rapid impedance-based sorting method for second-life cells",
            techs="extended Kalman filtering|electrochemical impedance spectroscopy|multi-source gas sensing",
            effects="usable pack capacity is increased by 8%|thermal runaway is flagged more than 10 minutes in advance",
            indicators="SOC error ≤3%|capacity retention ≥80% at −20 °C|cycle life ≥3000",
            applications="electric sightseeing vehicles|commercial energy storage|electric two-wheelers",
            keywords="battery management|SOC estimation|thermal runaway|second-life batteries",
        ),
    ),
    _direction(
        "new_energy.nev", 5, "年产{product}约{n}万台", (1, 20),
        org_suffixes="新能源汽车有限公司 汽车科技有限公司 电机有限公司 电控技术有限公司",
        products="新能源城市物流车 永磁同步电机 电机控制器 电动转向系统 整车控制器 无人物流小车",
        processes="电机绕线 控制器标定 整车集成 下线检测",
        problems="电机温升过高 控制器可靠性不足 整车续航偏短 下线检测效率低 NVH问题突出",
        situations="电机控制器软件主要靠供应商 山区道路坡多，车辆能耗比标定值高两成 下线检测还要人工逐项记录",
        indicators="电机峰值效率≥96% 续航提升10% 控制器MTBF≥10000h 下线检测时间≤5min",
        keywords="新能源汽车 电机 电控 整车控制 续航",
        field="新能源汽车电驱系统",
    ),
    _direction(
        "new_energy.hydrogen", 3, "年产值约{n}亿元", (1, 10),
        org_suffixes="氢能科技有限公司 能源有限公司 燃气有限公司",
        products="燃料电池 电解水制氢装置 储氢瓶 工业副产氢",
        processes="电解 提纯 压缩储运 电堆组装",
        problems="制氢能耗高 氢气纯度不达标 储运成本高 电堆寿命短",
        situations="氯碱副产氢大部分直接放空或烧掉 提纯装置能耗高 周边缺少加氢站，应用场景少",
        indicators="氢气纯度≥99.999% 电解能耗≤4.3kWh/Nm³ 电堆寿命≥10000h",
        keywords="氢能 燃料电池 电解水制氢 副产氢提纯 储氢",
        field="氢能与燃料电池",
        teams="氢能与燃料电池课题组",
        approaches="工业副产氢变压吸附提纯技术 碱性电解水制氢高效电极 质子交换膜燃料电池电堆耐久性提升技术",
        techs="变压吸附 非贵金属催化剂 膜电极设计",
        effects="氢气回收率提高到90% 电解能耗降低10%",
        applications="燃料电池物流车 化工用氢 分布式能源",
        en=_english(
            products="by-product hydrogen from chlor-alkali plants|alkaline electrolysers|PEM fuel-cell stacks",
            problems="high electrolysis energy consumption|insufficient hydrogen purity|short stack durability",
            approaches="工业副产氢变压吸附提纯技术=a pressure-swing adsorption route for upgrading by-product hydrogen|碱性电解水制氢高效电极=non-precious-metal electrodes for alkaline water electrolysis|质子交换膜燃料电池电堆耐久性提升技术=a durability-enhanced membrane electrode assembly",
            techs="pressure-swing adsorption|non-precious catalysts|membrane electrode assembly design",
            effects="hydrogen recovery is raised to 90%|electrolysis energy is cut by 10%",
            indicators="purity ≥99.999%|energy ≤4.3 kWh/Nm³|stack life ≥10,000 h",
            applications="fuel-cell logistics vehicles|chemical hydrogen supply|distributed energy",
            keywords="hydrogen|PSA purification|electrolysis|fuel cell",
        ),
    ),
    _direction(
        "new_energy.photovoltaic", 3, "年产{product}约{n}MW", (50, 2000),
        org_suffixes="光伏科技有限公司 新能源有限公司 电力工程有限公司",
        products="光伏组件 分布式光伏电站 光伏支架 储能逆变器",
        processes="层压 串焊 电站运维",
        problems="组件隐裂 发电效率衰减快 运维巡检靠人工 山地电站清洗难",
        situations="山地电站面积大，巡检一次要好几天 组件EL检测抽检比例低",
        indicators="隐裂检出率≥98% 年衰减率≤0.5% 巡检效率提高5倍",
        keywords="光伏 组件 运维 隐裂检测 分布式光伏",
        field="光伏组件与运维",
    ),
    # ------------------------------------------------------------------ 电子信息
    _direction(
        "electronics.chips", 4, "年产{product}约{n}万只", (50, 5000),
        org_suffixes="电子科技有限公司 传感技术有限公司 微电子有限公司 电子元件有限公司",
        products="磁通门传感器 物联网芯片 MLCC 片式电感 固态电容 封装载板 柔性电路板 惯性器件",
        processes="封装测试 贴片 烧结 光刻 老化筛选",
        problems="温漂偏大 一致性差 封装良率低 功耗偏高 高频损耗大 失效分析手段缺乏",
        situations="失效品都要寄到外地做分析 产品标定靠手工逐个调 高端型号性能与进口产品差距大",
        indicators="温漂≤10ppm/℃ 封装良率≥99% 待机功耗≤5μA 损耗角正切≤0.001 标定时间缩短70%",
        keywords="传感器 芯片 封装 被动元件 可靠性 标定",
        field="微纳传感与芯片设计",
        teams="智能传感与微系统课题组",
        approaches="低功耗物联网传感芯片设计技术 传感器自动标定与温度补偿系统 电子元器件失效分析与可靠性评价技术",
        techs="模数混合电路设计 多点温度补偿算法 扫描声学显微检测",
        effects="功耗降低50% 标定效率提高5倍",
        applications="智能电表 工业物联网 汽车电子",
    ),
    _direction(
        "electronics.lighting", 8, "年产{product}约{n}万套", (10, 500),
        org_suffixes="照明科技有限公司 光电有限公司 照明电器有限公司 灯饰有限公司",
        products="LED筒灯 LED导轨射灯 智慧路灯 LED植物补光灯 杀菌照明灯 教育照明灯具 应急消防照明灯 LED模组",
        processes="芯片级封装 驱动电源设计 散热结构设计 配光设计 老化测试",
        problems="光衰快 散热不良 存在频闪 蓝光危害超标 配光不均 驱动电源寿命短 智能控制协议不兼容",
        situations="产品同质化严重，主要靠价格竞争 驱动电源返修率偏高 没有配光实验室，设计主要靠仿制 出口订单要求的认证做不下来",
        indicators="光效≥150lm/W 3000h光通维持率≥96% 显色指数Ra≥90 波动深度≤1% 统一眩光值UGR≤16 驱动寿命≥50000h",
        keywords="LED照明 智能照明 光效 散热 驱动电源 健康照明",
        field="半导体照明",
        teams="光电信息与照明技术课题组",
        approaches="健康教育照明光谱与配光设计技术 植物工厂LED光配方 智慧路灯多功能集成控制系统 高可靠LED驱动电源设计技术",
        techs="全光谱调控 光合有效辐射优化 NB-IoT单灯控制 电解电容寿命预测",
        effects="光效提高20% 驱动电源失效率降低60%",
        applications="教室照明 植物工厂 城市道路照明",
    ),
    _direction(
        "electronics.software", 4, "服务客户约{n}家", (20, 500),
        org_suffixes="信息技术有限公司 软件有限公司 数字科技有限公司 网络科技有限公司",
        products="智慧城市服务平台 文旅资源数字化平台 企业ERP系统 政务大数据平台 智慧物流信息平台",
        processes="需求分析 数据治理 系统集成 运维",
        problems="数据孤岛严重 系统响应慢 数据质量差 二次开发成本高 安全防护薄弱",
        situations="各部门系统各建各的，接口标准不统一 客户数据清洗主要靠人工 缺乏大数据和人工智能方面的技术人员",
        indicators="接口响应时间≤200ms 数据准确率≥99% 支持并发用户≥10000 通过等保三级",
        keywords="大数据 软件 数据治理 人工智能 智慧城市",
        field="大数据与人工智能",
        teams="大数据与智能计算课题组",
        approaches="多源异构数据治理与融合平台 面向中小企业的低代码应用开发平台 基于知识图谱的政策智能匹配系统",
        techs="实体对齐 知识图谱 微服务架构",
        effects="数据整合效率提高3倍 开发周期缩短60%",
        applications="智慧城市 政务服务 企业数字化转型",
        upgrades="性能优化与架构升级 智能化功能开发 数据安全加固",
    ),
    _direction(
        "electronics.iot", 5, "已部署终端约{n}万个", (1, 50),
        org_suffixes="物联网科技有限公司 智能科技有限公司 通信技术有限公司",
        products="危化品仓储监测终端 智能水表 工业物联网网关 消防物联网系统 环境监测终端",
        processes="组网 边缘计算 数据采集 远程运维",
        problems="信号覆盖差 电池续航短 误报率高 通信协议不统一 终端维护成本高",
        situations="山区信号差，终端掉线率高 报警太多，值班人员疲于处理 现场设备协议五花八门",
        indicators="终端在线率≥99% 电池寿命≥5年 误报率≤1% 报警响应≤3s",
        keywords="物联网 边缘计算 安全监测 LoRa NB-IoT 预警",
        field="物联网与安全监测",
        teams="安全生产智能监测团队 物联网与边缘计算课题组",
        approaches="危化品企业安全风险物联网监测预警系统 山区LoRa自组网低功耗监测终端 边缘智能视频分析网关",
        techs="多传感器融合 低功耗广域网 边缘推理",
        effects="误报率降低80% 终端续航延长三倍",
        applications="危化品企业 工业园区 城市管网",
        upgrades="监测预警能力提升 低功耗改造 平台智能化升级",
    ),
    # ------------------------------------------------------------------ 现代农业
    _direction(
        "agriculture.citrus", 10, "现有柑橘园约{n}亩", (200, 6000),
        org_suffixes="柑橘专业合作社 果业有限公司 农业开发有限公司 生态农业有限公司 家庭农场",
        products="玫瑰香橙 晚熟柑橘 脐橙 杂柑 柑橘苗木 柑橘鲜果",
        processes="整形修剪 水肥管理 病虫害防控 采后商品化处理 分级打蜡",
        problems="黄龙病防控压力大 大小年明显 裂果严重 糖酸比不稳定 采后腐烂率高 树势衰弱 商品果率低",
        situations="果园大多在山坡上，机械进不去，全靠人工 施肥打药凭经验 分级还是人工挑拣 老果园品种老化，卖不起价",
        indicators="商品果率≥85% 可溶性固形物≥12% 采后腐烂率≤3% 化肥减量20% 亩产提高15%",
        keywords="柑橘 玫瑰香橙 黄龙病 水肥一体化 采后处理 品质提升",
        field="柑橘栽培与采后处理",
        teams="柑橘栽培与病害防控课题组 果树资源与育种课题组",
        approaches="柑橘黄龙病综合防控技术体系 晚熟柑橘留树保鲜栽培技术 柑橘无病毒容器苗繁育技术 柑橘果实品质无损检测分级技术",
        techs="木虱绿色防控 水肥一体化 脱毒茎尖嫁接 近红外无损检测",
        effects="商品果率提高15个百分点 亩均增收2000元以上",
        applications="柑橘种植基地 果品分选中心",
    ),
    _direction(
        "agriculture.livestock", 8, "存栏规模约{n}头（只）", (500, 30000),
        org_suffixes="生猪养殖专业合作社 牧业有限公司 农牧科技有限公司 养殖有限公司 家庭农场",
        products="生猪 生态猪 芦花鸡 蛋鸡 肉牛 山羊 猪场粪污",
        processes="育种 饲养管理 疫病防控 粪污处理 环境控制",
        problems="产仔率偏低 腹泻率高 料肉比偏高 资源化利用率低 疫病防控压力大 瘦肉率不高 臭气扰民",
        situations="猪舍环境控制还是人工开窗 粪污主要做沼气，沼液消纳困难 育种缺乏系统记录 周边农户对臭气意见大",
        indicators="窝均产活仔≥12头 料肉比≤2.6 粪污资源化利用率≥90% 舍内氨气浓度≤10ppm 断奶仔猪腹泻率≤5%",
        keywords="生猪 生态养殖 粪污资源化 疫病防控 育种 智慧猪场",
        field="畜禽生态养殖",
        teams="畜禽养殖与育种课题组",
        approaches="低架网床+益生菌+异位发酵生态养殖模式 生猪精准饲喂与智能环控技术 芦花鸡良种选育与配套养殖技术 猪场粪污好氧发酵有机肥技术",
        techs="异位发酵床 个体识别 基因组选择 好氧堆肥",
        effects="料肉比降低0.2 粪污实现零排放",
        applications="规模猪场 家庭农场 种养循环",
    ),
    _direction(
        "agriculture.aquaculture", 5, "养殖水面约{n}亩", (50, 3000),
        org_suffixes="水产养殖专业合作社 渔业有限公司 水产科技有限公司",
        products="长江鲟 胭脂鱼 大宗淡水鱼 鲈鱼 稻田鱼 鱼苗",
        processes="人工繁育 苗种培育 池塘微流水养殖 增殖放流 饲料投喂",
        problems="人工繁育成活率低 亲本性腺发育不同步 病害频发 水质调控难 饲料转化率低",
        situations="长江鲟亲本培育周期长，催产成功率不稳定 池塘养殖尾水直排压力大 缺少专业病害诊断手段",
        indicators="受精率≥70% 孵化率≥60% 苗种成活率≥50% 尾水达标排放 饲料系数≤1.3",
        keywords="长江鲟 人工繁育 水产养殖 增殖放流 尾水处理 珍稀鱼类",
        field="珍稀鱼类繁育与水产养殖",
        teams="珍稀鱼类繁育研究团队",
        approaches="长江鲟全人工繁育关键技术 池塘工程化循环水养殖技术 珍稀鱼类苗种规模化培育技术",
        techs="性腺发育调控 人工催产 微流水槽 生物絮团",
        effects="苗种成活率提高20个百分点 尾水处理后循环利用",
        applications="增殖放流 特色水产养殖",
    ),
    _direction(
        "agriculture.tea", 7, "茶园面积约{n}亩", (200, 8000),
        org_suffixes="茶业有限公司 茶叶专业合作社 生态茶业有限公司 农业开发有限公司",
        products="名优绿茶 工夫红茶 夏秋茶 速溶茶粉 茶多酚",
        processes="摊青 杀青 揉捻 干燥 提香 机械化采摘",
        problems="条索不紧 香气不足 利用率低 苦涩味重 机采鲜叶品质下降 加工能耗高",
        situations="春茶靠手工采，人工成本占了一半 夏秋茶基本不采，资源浪费 加工设备是不同厂家的，连不成线",
        indicators="感官审评≥88分 夏秋茶利用率≥60% 加工能耗降低20% 茶多酚纯度≥98%",
        keywords="茶叶 名优绿茶 夏秋茶 加工工艺 清洁化生产线 茶多酚",
        field="茶叶加工",
        teams="茶叶加工与品质调控课题组",
        approaches="名优绿茶连续化清洁化加工技术 夏秋茶工夫红茶加工技术 茶叶功能成分提取技术",
        techs="数字化杀青温度控制 发酵度在线判别 膜分离",
        effects="人工成本降低40% 夏秋茶附加值提高一倍",
        applications="茶叶加工厂 茶旅融合园区",
    ),
    _direction(
        "agriculture.seeds", 4, "年繁育{product}约{n}万公斤", (1, 100),
        org_suffixes="种业有限公司 农业科技有限公司 种苗有限公司",
        products="杂交水稻种子 油菜种子 玉米种子 特色蔬菜种苗 木姜子种苗 脆李苗木",
        processes="制种 种子加工 种苗工厂化繁育 纯度检测",
        problems="制种产量不稳定 纯度不达标 发芽率偏低 缺乏适宜本地的优良品种 繁育周期长",
        situations="品种主要从外地引进，适应性参差不齐 纯度检测要送样外检",
        indicators="种子纯度≥98% 发芽率≥90% 制种亩产≥200kg 繁育周期缩短30%",
        keywords="种业 良种繁育 杂交水稻 品种选育 种苗",
        field="作物遗传育种",
        teams="作物遗传育种课题组",
        approaches="优质杂交水稻新品种选育 油菜小孢子培养育种技术 特色经济林木组培快繁技术",
        techs="分子标记辅助选择 小孢子培养 组织培养",
        effects="育种周期缩短一半 亩产提高8%",
        applications="粮油生产 特色林果",
    ),
    _direction(
        "agriculture.smart_agri", 4, "服务农田约{n}亩", (1000, 50000),
        org_suffixes="农业科技有限公司 智慧农业有限公司 农机有限公司",
        products="山地轨道运输机 植保无人机 农业物联网平台 果园除草机 智慧茶园系统 水肥一体化设备",
        processes="数据采集 精准作业 远程监控",
        problems="山地作业机械化程度低 传感器数据不准 平台用不起来 作业效率低 设备故障多",
        situations="山地坡度大，大型农机用不上 装了传感器但数据没人看 农民不会用复杂的APP",
        indicators="坡度≥25°可作业 作业效率提高3倍 数据准确率≥95% 节水30%",
        keywords="智慧农业 山地农机 物联网 植保无人机 轨道运输",
        field="智慧农业",
        teams="智慧农业与农业物联网课题组",
        approaches="山地果园单轨运输机 天空地一体化农业物联网监测平台 基于机器视觉的果园病虫害识别系统",
        techs="齿轮齿条爬坡驱动 多光谱遥感 轻量化识别模型",
        effects="运输效率提高5倍 农药用量减少25%",
        applications="山地果园 茶园 智慧农业示范园",
    ),
    # ------------------------------------------------------------------ 节能环保
    _direction(
        "environment.water", 6, "日处理能力约{n}千吨", (1, 50),
        org_suffixes="环保科技有限公司 水务有限公司 环境工程有限公司",
        products="乡镇污水处理站 工业园区废水 农村生活污水 养殖废水 高盐废水 消落带水体",
        processes="生化处理 深度处理 污泥处置 在线监测",
        problems="总氮出水不稳定 进水水质波动大 运行成本高 污泥产量大 冬季处理效率下降 在线监测数据失真",
        situations="乡镇污水站分散，运维靠人跑 进水浓度低，碳源不足 加药量凭经验",
        indicators="出水达到一级A标准 总氮≤15mg/L 吨水运行成本≤0.8元 污泥减量30% 远程运维覆盖率100%",
        keywords="水污染治理 污水处理 脱氮除磷 分散式污水 智慧水务",
        field="水污染控制",
        teams="水污染控制与资源化课题组 三峡库区水环境研究团队",
        approaches="分散式污水处理站智慧运维平台 低碳氮比污水高效脱氮技术 高盐有机废水电催化氧化技术 三峡库区消落带水质生态修复技术",
        techs="厌氧氨氧化 精确曝气 电催化氧化 生态浮岛",
        effects="吨水电耗降低25% 总氮去除率提高到85%",
        applications="乡镇污水站 工业园区 流域治理",
        upgrades="提标改造 智慧化运维 节能降耗改造",
    ),
    _direction(
        "environment.solid_waste", 5, "年处置{product}约{n}万吨", (1, 30),
        org_suffixes="环保科技有限公司 再生资源有限公司 资源综合利用有限公司",
        products="工业固废 赤泥 磷石膏 建筑垃圾 餐厨垃圾 废旧锂电池 煤渣",
        processes="分选 破碎 资源化 协同处置 安全填埋",
        problems="综合利用率低 存在二次污染风险 处置成本高 再生产品附加值低 有价金属回收率低",
        situations="固废主要堆存，每年堆存费用不小 餐厨垃圾含油含盐高，发酵不稳定 再生产品市场认可度低",
        indicators="综合利用率≥70% 有价金属回收率≥95% 处置成本降低30% 浸出毒性满足GB5085.3",
        keywords="固废资源化 综合利用 赤泥 建筑垃圾 餐厨垃圾 废旧电池回收",
        field="固体废弃物资源化",
        teams="固废资源化利用课题组",
        approaches="废旧锂电池有价金属绿色回收技术 餐厨垃圾厌氧发酵产沼提质技术 建筑垃圾再生骨料强化技术",
        techs="选择性浸出 两相厌氧 碳化强化",
        effects="锂回收率达到90% 再生骨料吸水率降低30%",
        applications="再生资源企业 市政环卫",
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
        approaches="三峡库区滑坡多场信息融合监测预警系统 滑坡深部位移分布式光纤监测技术 库水位涨落条件下岸坡稳定性评价方法 危岩体崩塌无人机巡查与识别技术",
        techs="分布式光纤传感 北斗GNSS 多源数据融合 机器学习预警模型 数值模拟",
        effects="预警准确率提高到92% 巡查效率提高5倍",
        applications="库区滑坡监测 公路边坡 城镇地灾防治",
        upgrades="监测预警系统升级 专业监测网络建设",
    ),
    _direction(
        "environment.energy_saving", 2, "服务企业约{n}家", (10, 200),
        org_suffixes="节能科技有限公司 能源管理有限公司 热能工程有限公司",
        products="工业锅炉 余热回收系统 空压机站 工业窑炉 能源管理平台",
        processes="燃烧控制 余热利用 能效监测 碳排放核算",
        problems="余热利用率低 能耗数据不透明 燃烧效率低 碳排放核算难",
        situations="窑炉烟气直接排放，温度有两三百度 电表水表还靠人工抄",
        indicators="综合能耗降低15% 余热回收率≥60% 碳排放核算误差≤5%",
        keywords="节能降碳 余热回收 能源管理 碳排放 燃烧优化",
        field="节能与碳减排",
        teams="节能降碳技术团队",
        approaches="工业窑炉低温余热有机朗肯循环发电技术 企业碳排放在线监测与核算平台",
        techs="有机朗肯循环 能耗数字孪生",
        effects="年节约标煤3000吨",
        applications="建材窑炉 化工园区",
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
    "agriculture": _zh("每亩收益一直上不去 果子（产品）卖不起价 一年下来损失不小 年轻人不愿意干，用工越来越难"),
    "environment": _zh("主管部门督查压力很大 运维成本一年比一年高 一出问题就是大事 现场人员疲于应付"),
}
DEFAULT_IMPACTS = _zh("返工率居高不下，一年损失几十万元 客户投诉多，丢过好几个大单 良品率只有八成左右 产能上不去，订单不敢多接 能耗和原料成本偏高 产品只能走中低端市场，利润很薄")

#: What the enterprise already tried, per top-level industry.
TRIED: dict[str, tuple[str, ...]] = {
    "agriculture": _zh("请农技站的同志来看过 换过几种肥料和药 跟着网上的视频学过"),
    "environment": _zh("找过几家环保公司做方案 加过几套设备 请设计院论证过"),
}
DEFAULT_TRIED = _zh("前后调整过几次工艺参数 也请设备厂家来调试过 换过两家供应商的原料 自己摸索了一两年 买过检测仪器但用不起来")

#: Deliverables an enterprise asks for, in formal descriptions.
DELIVERABLES = _zh("工艺技术方案 在线检测与控制系统 成套装备 产品配方 技术标准和操作规程 中试验证方案")

#: How the enterprise phrases a cooperation mode in a colloquial description.
ASKS: dict[str, str] = {
    "development": "联合开发一套切实可行的解决方案",
    "transfer": "直接转让成熟技术，买断也可以",
    "license": "以专利许可的方式引进技术",
    "consulting": "先来做个诊断，出个改进方案",
    "service": "提供检测分析和现场技术服务",
    "platform": "共建联合实验室，长期合作",
}

#: Advantages that are not specific to one direction.
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

CLOSED_REASONS = _zh(
    "企业预算调整，暂缓合作 "
    "成果成熟度不足，无法满足企业一年内量产的要求 "
    "双方在知识产权归属上未能达成一致 "
    "企业已通过自主研发解决该问题 "
    "成果方报价超出企业预算 "
    "企业经营调整，项目暂停"
)

ENTERPRISE_NOTES = _zh("技术路线契合，希望尽快安排现场交流 团队成果和我们的需求比较对口，愿意进一步洽谈 希望先看中试数据再谈合作方式 有意向，请经纪人协调对方来厂调研")
UNIVERSITY_NOTES = _zh("团队可派员赴企业现场调研 成果可按企业工况做适应性开发 愿意以许可或合作开发方式推进 可先提供样品供企业试用")
DECLINE_NOTES = _zh("预算有限，今年暂不考虑 技术路线和我们现有设备不匹配 已有其他合作单位在做")
