"""Words never shown as "shared key terms" of a suggestion.

Two lists. ``BOILERPLATE`` is curated: the vocabulary of the needs-collection form (征集表) and of
abstracts, which every need or achievement uses whatever its technology (攻关, 关键, 推广, 现有…),
and English function and generic words. ``too_common`` is derived: a term carried by more than a
share of one corpus's documents says nothing about a pair, whatever the word.

Both only filter what a broker is shown; BM25 still scores every token (lexical.STOPWORDS).
Domain words (铜杆, 氧含量, 果胶) stay off the curated list even where they are frequent: a copper-rod
need and a copper-rod casting achievement share 铜杆 for a reason. Words that fit any product
(表面, 温度, 良品率, 检测) are on it.
"""
from __future__ import annotations


def _words(text: str) -> frozenset[str]:
    return frozenset(text.split())


#: The 征集表: who asks, how, and what for — every need says these.
_COLLECTION_FORM = _words(
    """
    需求 技术需求 企业 本企业 单位 我单位 本单位 公司 厂家 行业 领域 产业 产业化 产业方向 方向 重点 重点发展
    发展 应用 推广 推广应用 示范 示范应用 合作 联合 合作开发 联合开发 技术开发 开发 研发 攻关 技术攻关 合作攻关
    关键 关键技术 核心 核心技术 技术难题 难题 问题 突出问题 瓶颈 制约 突破 突出 比较突出 现有 现状 目前 当前 传统
    解决 解决方案 方案 综合 技术方案 改进方案 设计方案 寻求 征集 欢迎 对接 引进 成熟 成熟技术 适用 适用技术
    高校 院所 高校院所 科研 科研院所 科研单位 专家 团队 研究团队 课题组 创新 转化 成果 成果转化 水平 能力
    质量 效率 成本 效益 效果 指标 技术指标 要求 指标要求 条件 具备 路线 技术路线 方式 环节 过程 工作 技术 研究
    提升 提高 降低 改进 改善 优化 改造 升级 实现 达到 满足 做到 目标 市场 竞争 竞争力 市场竞争力 中高端 中低端
    高端 低端 利润 产值 亿元 万元 年产 产能 订单 客户 用户 损失 投诉 预算 投资 回收期 投资回收期 风险 技术风险
    支持 技术支持 培训 人员培训 人员 长期 国产 国产化 替代 国产替代 良品率 返工 返工率 居高不下 上不去 亟需
    延伸 增收 主要因素 从事 经营 生产 生产线 产线 产品 工艺 工序 加工 设备 装置 材料 原料 部件 配套 现场 车间
    检测 控制 处理 控制技术 分析 设计 数据 标准 规程 智能 智能化 平台 系统 方法 模型 新型 新技术
    """
)

#: Abstracts: how a university presents any result.
_ABSTRACT = _words(
    """
    本成果 该成果 该技术 围绕 面向 针对 包括 运用 综合运用 建立 形成 完成 历经 累计 新增 实测 第三方 相比
    验证 试验 实验 实验室 小试 中试 原理 已获 授权 专利 发明 发明专利 实用新型 软件著作权 著作权 知识产权
    技术秘密 运行 连续 稳定 稳定性 性能 提供 用于 可用于 应用于 降至 低于 高于 减少 增加 缩短 延长 结合 配合
    提出 体系 含量 调控 集成 保持 出现 影响 产生 普通 局部 合格 达标 超标 结果 批量 显著 明显 有效 快速 自动
    简单 便于 实施 已有 融合 偏差 一致 一致性 偏高 偏低 波动 不足 符合 周期 周期长 利用 利用率 保留 品质 可靠性
    准确率 精度 评价 标准化 一体化 数字化 故障 在线 人工 工业 管理 商品 销售 环境 比例 直接 接近 差异 成品 资源
    生物 软件 零部件 均匀 批次 服务 定制 生产成本 结构 食品 电子 能源 机械 安全 速度 平均 统一 频繁 提前
    """
)

#: Colloquial filler of enterprise descriptions (我们厂…经常…想找…).
_COLLOQUIAL = _words(
    """
    出来 下来 办法 知道 还有 一年 每年 两年 以后 一下 反映 这个 严重 特别 时候 东西 地方 看看 最好 越来越
    好几 好几个 两个 一次 几个 小时 时间 几十 十几 十多 只能 只有 另外 不敢 一套 可行 切实 切实可行 说实话
    实话 力量 技术力量 头疼 商量 帮忙 指导 表面 温度 万州 重庆 新区 园区 经开区 高新区
    一两 定性 用率 高等 可靠 准确 数字 一体
    """
)

#: English function and generic words (English abstracts; glossary expansions of Chinese texts).
_ENGLISH = _words(
    """
    low high higher lower energy new novel method methods system systems technology technologies technique
    techniques technical based application applications applied development developed develop research improve
    improved improves improvement improving increase increased reduce reduced reduces reduction process processes
    processing product products production performance quality efficiency efficient cost costs control controlled
    design designed analysis model models data test tests testing trial trials result results show shows showed
    shown compared conventional traditional key core main team group project university institute laboratory lab
    pilot line scale industrial industry patent patents granted chinese china invention utility months years year
    company companies use stable stably running verified principle bench completed sought partners software
    registered copyright protected know how parameters measured indicators rate level levels material materials
    problem problems solution solutions approach work provides provide study effect effects effective significantly
    significant better more less while after before over under up one two three within per about has have been
    which not all each both between through during without only most time times well good large small long fast
    rapid smart intelligent integrated automatic online real surface temperature mm cm kg mg ml min
    """
)

BOILERPLATE: frozenset[str] = _COLLECTION_FORM | _ABSTRACT | _COLLOQUIAL | _ENGLISH


def is_boilerplate(term: str) -> bool:
    """On the list, or made of words on it (jieba keeps 提高质量, 降低成本, 技术攻关 whole)."""
    term = term.lower()
    if term in BOILERPLATE:
        return True
    # can term be cut into two or more listed words? (reachable[i]: term[:i] can)
    reachable = [True] + [False] * len(term)
    for end in range(2, len(term) + 1):
        reachable[end] = any(reachable[start] and term[start:end] in BOILERPLATE for start in range(end - 1))
    return reachable[-1]


def too_common(document_frequency: int, documents: int, *, max_share: float, min_documents: int) -> bool:
    """A term in more than ``max_share`` of a corpus's documents, once the corpus has at least
    ``min_documents`` (in a handful of documents a share says nothing)."""
    return documents >= min_documents and document_frequency > max_share * documents
