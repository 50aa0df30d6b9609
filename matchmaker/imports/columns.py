"""The columns of the 征集表 spreadsheets: canonical Chinese headers, their common variants, and
how a file's header row is matched to them.

A header is compared by its *key*: NFKC (full-width brackets and letters become half-width),
without spaces, required-marks (``*``) or "(必填)", lower-cased. Money columns also accept the bare
name with any unit in brackets — "预算", "预算(万元)", "预算（元）" — and remember the unit, so
that a bare number in a "预算(元)" column is read as yuan.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from decimal import Decimal

from flask_babel import gettext as _

from models import ImportKind
from models.enums import N_

from ..errors import DomainError


@dataclass(frozen=True)
class Column:
    """One column a 征集表 may have."""

    key: str
    #: The header as the template writes it.
    header: str
    #: What the cell holds: text, long_text, money, date, credit_code, industry, coop_modes, ...
    parser: str
    #: The column must be present and every row must fill it.
    required: bool = False
    #: Other names brokers' spreadsheets use for it (compared by ``header_key``).
    aliases: tuple[str, ...] = ()
    #: In the downloadable template (the others are accepted when present).
    in_template: bool = True
    #: Column width in the template, in characters.
    width: int = 16
    #: What to write in the template's 填写说明 sheet.
    hint: str = ""


# Hints are message ids (marked for extraction): translated when the template is written.
_INDUSTRY = Column("industry", "所属行业", "industry", True,
                   ("行业", "行业领域", "技术领域", "所属领域", "行业方向", "所属产业", "产业领域"), width=22,
                   hint=N_("从下拉列表选择；也可填写“行业·方向”或行业代码。"))
_CREDIT_CODE = Column("credit_code", "统一社会信用代码", "credit_code", True,
                      ("信用代码", "社会信用代码", "统一信用代码", "企业信用代码", "单位信用代码"), width=22,
                      hint=N_("18位，系统会校验校验位；已有机构按此代码匹配，不会重复创建。"))
_COOP_MODES = Column("coop_modes", "合作方式", "coop_modes", False,
                     ("拟合作方式", "合作模式", "期望合作方式", "转化方式"), width=18,
                     hint=N_("技术开发、技术转让、技术许可、技术咨询、技术服务、共建平台，可填多个，用顿号分隔。"))
_REGION = Column("region", "所在地区", "region", False, ("地区", "所在区县", "区县", "所属地区", "所属区县"),
                 in_template=False, hint=N_("万州、达州、开州、云阳；新建机构时使用。"))
_KEYWORDS = Column("keywords", "关键词", "keywords", False, ("关键字", "技术关键词"), in_template=False,
                   hint=N_("最多10个，用顿号或逗号分隔。"))
_MONEY_HINT = N_("单位万元；可写“50”“50万”“0.5亿”“300000元”；“面议”或留空表示不定。")

NEED_COLUMNS: tuple[Column, ...] = (
    Column("title", "需求名称", "title", True,
           ("需求标题", "技术需求名称", "技术需求", "需求项目名称", "项目名称"), width=30,
           hint=N_("一句话说明要解决的技术问题，不超过120字。")),
    Column("description", "需求描述", "long_text", True,
           ("需求内容", "需求简介", "需求详情", "技术需求描述", "具体需求", "需求说明"), width=50,
           hint=N_("需要解决的问题、应用场景和期望效果。")),
    _INDUSTRY,
    Column("org_name", "企业名称", "org_name", True,
           ("单位名称", "企业", "需求单位", "需求企业", "公司名称", "需求方"), width=28,
           hint=N_("与营业执照一致的全称。")),
    _CREDIT_CODE,
    Column("budget_wan", "预算(万元)", "money", False,
           ("预算", "预算金额", "拟投入资金", "投入资金", "拟投入经费", "投入预算", "研发预算"), width=12,
           hint=_MONEY_HINT),
    _COOP_MODES,
    Column("deadline", "截止日期", "deadline", False,
           ("截止时间", "需求截止日期", "有效期至", "有效期", "完成时限"), width=14,
           hint=N_("如 2027-03-01 或 2027年3月1日；留空或“长期”表示长期有效。")),
    Column("contact_name", "联系人", "person", False, ("联系人姓名", "企业联系人"), width=10,
           hint=N_("企业联系人姓名，仅经纪人和企业本身可见。")),
    Column("contact_phone", "联系电话", "phone", False,
           ("电话", "手机", "手机号", "手机号码", "联系方式", "联系人电话"), width=16,
           hint=N_("手机或座机，仅经纪人和企业本身可见。")),
    _REGION,
    _KEYWORDS,
    Column("current_situation", "现状", "long_text", False,
           ("现状与痛点", "现状及存在问题", "存在问题", "技术现状", "现有基础"), in_template=False,
           hint=N_("企业目前的做法和不足。")),
    Column("target_indicators", "目标指标", "long_text", False,
           ("目标技术指标", "技术指标", "预期目标", "预期指标"), in_template=False,
           hint=N_("解决后应达到的可衡量结果。")),
    Column("is_confidential", "是否保密", "boolean", False, ("保密", "企业名称保密", "是否对外保密"),
           in_template=False, hint=N_("填“是”则对其他机构隐藏企业名称。")),
)

ACHIEVEMENT_COLUMNS: tuple[Column, ...] = (
    Column("title", "成果名称", "title", True,
           ("成果标题", "科技成果名称", "技术名称", "项目名称", "成果项目名称"), width=30,
           hint=N_("成果的名称，不超过120字。")),
    Column("abstract", "成果简介", "long_text", True,
           ("成果介绍", "成果描述", "技术简介", "项目简介", "内容简介", "成果内容"), width=50,
           hint=N_("技术内容、主要指标和应用领域。")),
    _INDUSTRY,
    Column("org_name", "完成单位", "org_name", True,
           ("单位名称", "所属单位", "成果单位", "依托单位", "持有单位", "成果完成单位", "高校院所名称"), width=28,
           hint=N_("高校或科研院所的全称。")),
    _CREDIT_CODE,
    Column("team_leader", "团队负责人", "person", False,
           ("负责人", "项目负责人", "成果负责人", "团队带头人"), width=12,
           hint=N_("课题组负责人姓名。")),
    Column("maturity", "成熟度", "maturity", False,
           ("技术成熟度", "成果成熟度", "所处阶段", "成熟阶段", "成果阶段"), width=12,
           hint=N_("实验室、小试、中试、产业化；也可填技术就绪度 1–9。")),
    Column("ip_type", "知识产权类型", "ip_type", False,
           ("知识产权", "产权类型", "知识产权形式", "知识产权情况"), width=14,
           hint=N_("发明专利、实用新型、软件著作权、植物新品种、技术秘密。")),
    Column("ip_numbers", "专利号", "ip_numbers", False,
           ("专利号码", "专利(申请)号", "专利申请号", "知识产权编号", "授权号", "登记号"), width=22,
           hint=N_("多个用顿号分隔。")),
    _COOP_MODES,
    Column("price_wan", "意向价格(万元)", "money", False,
           ("意向价格", "转让价格", "参考价格", "价格", "报价", "拟转让价格", "交易价格"), width=14,
           hint=_MONEY_HINT),
    Column("team_name", "团队名称", "team_name", False, ("课题组", "研究团队", "课题组名称"), in_template=False,
           hint=N_("留空时按“负责人+团队”命名。")),
    Column("advantages", "技术优势", "long_text", False, ("创新点", "技术特点", "优势", "技术创新点"),
           in_template=False, hint=N_("与现有技术相比的好处。")),
    Column("trl", "技术就绪度", "trl", False, ("TRL", "技术就绪度等级", "技术成熟度等级", "就绪度"),
           in_template=False, hint=N_("1–9 的整数。")),
    _KEYWORDS,
    _REGION,
    Column("org_kind", "单位类型", "org_kind", False, ("机构类型", "单位性质", "单位类别"), in_template=False,
           hint=N_("高校或科研院所；留空时按单位名称判断（大学/学院为高校，研究院/研究所为科研院所）。")),
)

COLUMNS: dict[ImportKind, tuple[Column, ...]] = {
    ImportKind.NEEDS: NEED_COLUMNS,
    ImportKind.ACHIEVEMENTS: ACHIEVEMENT_COLUMNS,
}
#: Columns many 征集表 carry that mean nothing to the import; ignored without a warning.
IGNORED_HEADERS = frozenset({"序号", "编号", "备注", "no", "no.", "填报日期", "填表日期", "填表人"})

_UNIT_SUFFIX = re.compile(r"^(?P<name>.+?)\((?:单位[:：])?(?P<unit>万元|元|亿元|千元|万|亿)\)$")
_REQUIRED_MARKS = re.compile(r"[*＊※]|\((?:必填|选填|可选|必选)\)")
#: 万元 per unit named in a money header.
UNIT_FACTORS = {"万元": Decimal(1), "万": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"),
                "亿元": Decimal(10000), "亿": Decimal(10000)}


def header_key(text: object) -> str:
    """How headers are compared: NFKC, brackets unified, no spaces or required-marks, lower case."""
    key = unicodedata.normalize("NFKC", str(text or ""))
    key = key.replace("【", "(").replace("】", ")").replace("[", "(").replace("]", ")")
    key = re.sub(r"\s+", "", key)
    key = _REQUIRED_MARKS.sub("", key)
    return key.rstrip(":：").lower()


@dataclass
class HeaderMap:
    """Where each known column sits in the file, and what was left over."""

    kind: ImportKind
    #: column key → 0-based position in the row
    positions: dict[str, int]
    #: column key → the header as the file wrote it (messages name the file's own header)
    headers: dict[str, str]
    #: column key → 万元 per unit for a bare number (money columns only)
    units: dict[str, Decimal] = field(default_factory=dict)
    #: Headers that match no column (ignored; the preview lists them).
    unknown: list[str] = field(default_factory=list)

    def columns(self) -> list[Column]:
        return [c for c in COLUMNS[self.kind] if c.key in self.positions]


class HeaderError(DomainError):
    """The header row lacks required columns or names one twice: nothing can be imported."""


def _lookup(kind: ImportKind) -> dict[str, Column]:
    table: dict[str, Column] = {}
    for column in COLUMNS[kind]:
        for name in (column.header, *column.aliases):
            table[header_key(name)] = column
    return table


def _match(table: dict[str, Column], raw: str) -> tuple[Column | None, Decimal | None]:
    key = header_key(raw)
    column = table.get(key)
    unit = None
    if column is None or column.parser == "money":
        found = _UNIT_SUFFIX.match(key)
        if found:
            base = table.get(found["name"])
            if base is not None and base.parser == "money":
                column, unit = base, UNIT_FACTORS[found["unit"]]
    if column is not None and column.parser == "money" and unit is None:
        unit = Decimal(1)  # a bare "预算" is in 万元, as the template's
    return column, unit


def map_headers(kind: ImportKind, raw_headers: list[str]) -> HeaderMap:
    """Match a file's header row (row 1) to the columns of ``kind``.

    Raises HeaderError with ONE message naming every missing required column, the headers that
    were not recognised and any column given twice.
    """
    table = _lookup(kind)
    mapping = HeaderMap(kind, {}, {})
    repeated: list[str] = []
    for position, raw in enumerate(raw_headers):
        raw = str(raw or "").strip()
        if not raw:
            continue
        column, unit = _match(table, raw)
        if column is None:
            if header_key(raw) not in IGNORED_HEADERS:
                mapping.unknown.append(raw)
            continue
        if column.key in mapping.positions:
            repeated.append(_("“%(a)s”与“%(b)s”", a=mapping.headers[column.key], b=raw))
            continue
        mapping.positions[column.key] = position
        mapping.headers[column.key] = raw
        if unit is not None:
            mapping.units[column.key] = unit
    missing = [c.header for c in COLUMNS[kind] if c.required and c.key not in mapping.positions]
    if missing or repeated:
        raise HeaderError(_header_message(kind, missing, mapping.unknown, repeated))
    return mapping


def _header_message(kind: ImportKind, missing: list[str], unknown: list[str], repeated: list[str]) -> str:
    parts = []
    if missing:
        parts.append(_("表头缺少必填列：%(cols)s。", cols="、".join(missing)))
    if repeated:
        parts.append(_("以下列重复：%(cols)s。", cols="；".join(repeated)))
    if unknown:
        parts.append(_("无法识别的列：%(cols)s。", cols="、".join(unknown)))
    other = ImportKind.ACHIEVEMENTS if kind == ImportKind.NEEDS else ImportKind.NEEDS
    if missing and _looks_like(other, unknown):
        parts.append(_("这似乎是%(other)s征集表，请在导入时选择“%(other)s”。", other=_(other.label)))
    parts.append(_("表头须在第1行，请下载导入模板核对列名。"))
    return "".join(parts)


def _looks_like(kind: ImportKind, headers: list[str]) -> bool:
    table = _lookup(kind)
    found = {table[header_key(h)].key for h in headers if header_key(h) in table}
    return all(c.key in found for c in COLUMNS[kind] if c.required and c.key not in ("industry", "credit_code"))


def template_columns(kind: ImportKind) -> list[Column]:
    return [c for c in COLUMNS[kind] if c.in_template]
