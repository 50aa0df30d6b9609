"""Turn one spreadsheet cell into a domain value, or say in Chinese what is wrong with it.

Each parser takes the raw cell (text from a CSV; text, number, date or ``MissingFormulaValue``
from an xlsx) and returns the value to store, or raises ``CellError``. Codes, numbers, dates and
labels are read after NFKC (full-width ``１２万``, ``２０２７－３－１`` and ``ＡＢＣ`` become
half-width); free text is kept as written, apart from surrounding spaces and control characters.
Text starting with ``= + - @`` stays plain text: nothing here evaluates a cell, and every export
neutralises such text again (``matchmaker.spreadsheets``).
"""
from __future__ import annotations

import calendar
import difflib
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import lru_cache
from typing import Any, Callable

from flask_babel import gettext as _
from stdnum.cn import uscc
from stdnum.exceptions import ValidationError as StdnumError

from models import CoopMode, Industry, IPType, Maturity, OrgKind, Region

from ..auth.services import credit_code_message
from ..listings.fields import MAX_KEYWORD_LENGTH, MAX_KEYWORDS, MAX_MONEY_WAN, parse_keywords
from ..listings.rules import TEXT_MAX, TITLE_MAX
from ..spreadsheets import FORMULA_PREFIXES
from .reader import MissingFormulaValue

ORG_NAME_MAX = 120
PERSON_MAX = 40
PHONE_MAX = 40
IP_NUMBERS_MAX = 400
#: The template's example row starts with this; the import skips such a row (and says so).
EXAMPLE_MARK = "【示例】"
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SPACES = re.compile(r"\s+")


class CellError(ValueError):
    """What is wrong with one cell, in Chinese (the row and column are added by the caller)."""


def nfkc(value: str) -> str:
    return unicodedata.normalize("NFKC", value)


# --- text ----------------------------------------------------------------------------------
def as_text(value: Any) -> str:
    """A cell as text: numbers without a spurious ".0", dates as ISO, text stripped and cleaned."""
    if value is None:
        return ""
    if isinstance(value, MissingFormulaValue):
        raise CellError(_("公式没有计算结果（%(f)s）。请在 Excel 中打开文件、保存后再导入，或把公式改成数值。",
                          f=value.formula[:40]))
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    text = _CONTROL.sub("", str(value).replace("\r\n", "\n").replace("\r", "\n")).strip()
    # "'=…" is how a neutralised export shows formula-like text: read it back as the text itself
    if text.startswith("'") and text[1:2] and text[1:].startswith(FORMULA_PREFIXES):
        text = text[1:]
    return text


def _bounded(value: Any, limit: int) -> str:
    text = as_text(value)
    if len(text) > limit:
        raise CellError(_("不能超过 %(n)d 字（现有 %(m)d 字）。", n=limit, m=len(text)))
    return text


def parse_title(value: Any) -> str:
    return _SPACES.sub(" ", _bounded(value, TITLE_MAX))


def is_example(value: Any) -> bool:
    """The template's example row (its title starts with 【示例】): never data, skipped with a note."""
    return isinstance(value, str) and value.strip().startswith(EXAMPLE_MARK)


def parse_long_text(value: Any) -> str:
    return _bounded(value, TEXT_MAX)


def parse_org_name(value: Any) -> str:
    return _SPACES.sub("", nfkc(_bounded(value, ORG_NAME_MAX)))


def parse_person(value: Any) -> str:
    return _bounded(value, PERSON_MAX)


def parse_team_name(value: Any) -> str:
    return _bounded(value, ORG_NAME_MAX)


def parse_ip_numbers(value: Any) -> str:
    return _SPACES.sub(" ", nfkc(_bounded(value, IP_NUMBERS_MAX)))


# --- codes ---------------------------------------------------------------------------------
@lru_cache(maxsize=100_000)
def _checked_code(raw: str) -> str:
    """The validated code (an enterprise's code repeats on each of its rows: check it once)."""
    return uscc.validate(uscc.compact(raw))


def parse_credit_code(value: Any) -> str:
    """统一社会信用代码: spaces and dashes dropped, upper-cased, GB 32100 check digit verified."""
    raw = re.sub(r"[\s\-－—]", "", nfkc(as_text(value))).upper()
    try:
        return _checked_code(raw)
    except StdnumError as error:
        raise CellError(_("“%(v)s”不是有效的统一社会信用代码：%(why)s", v=raw, why=credit_code_message(error))) from None


_PHONE_CHARS = re.compile(r"^[0-9+\-\s()]+$")


def parse_phone(value: Any) -> str:
    """Loose: digits, +, -, spaces and brackets, 7 to 20 digits (mobile, landline with area code)."""
    text = nfkc(as_text(value)).strip()
    digits = sum(c.isdigit() for c in text)
    if len(text) > PHONE_MAX or not _PHONE_CHARS.match(text) or not 7 <= digits <= 20:
        raise CellError(_("“%(v)s”不是有效的电话号码（应为 7–20 位数字，可含 + - 空格和括号）。", v=text))
    return _SPACES.sub(" ", text)


# --- numbers -------------------------------------------------------------------------------
#: Words that mean "no amount" in a money column.
NO_AMOUNT = frozenset({"面议", "议价", "协商", "面谈", "可议", "另议", "待定", "商议", "协议价", "价格面议",
                       "无", "暂无", "-", "—", "--", "/", "n/a", "na"})
_MONEY = re.compile(
    r"^(?:约|大约|预计)?(?P<num>[+-]?\d+(?:\.\d+)?)"
    r"(?P<unit>万元|万|亿元|亿|千万元|千万|百万元|百万|千元|元)?(?:人民币)?(?:左右|以内|以下|上下)?$"
)
_MONEY_UNITS = {None: None, "元": Decimal("0.0001"), "千元": Decimal("0.1"), "万": Decimal(1), "万元": Decimal(1),
                "百万": Decimal(100), "百万元": Decimal(100), "千万": Decimal(1000), "千万元": Decimal(1000),
                "亿": Decimal(10000), "亿元": Decimal(10000)}
_CENT = Decimal("0.01")


def parse_money(value: Any, unit: Decimal = Decimal(1)) -> Decimal | None:
    """An amount in 万元. ``unit``: 万元 per bare number, from the column header ("预算(元)" → 0.0001)."""
    if isinstance(value, bool):
        raise CellError(_("金额应为数字（单位：万元）。"))
    if isinstance(value, (int, float)):
        amount = Decimal(repr(value)) * unit
    else:
        text = nfkc(as_text(value)).replace(",", "").replace(" ", "").lower()
        if text == "":
            return None
        if text in NO_AMOUNT:
            return None
        found = _MONEY.match(text)
        if not found:
            raise CellError(_("无法识别的金额“%(v)s”。请填写数字（单位：万元），如 50、50万、0.5亿、300000元，或“面议”。",
                              v=as_text(value)))
        try:
            number = Decimal(found["num"])
        except InvalidOperation:  # pragma: no cover - the pattern admits only numbers
            raise CellError(_("无法识别的金额“%(v)s”。", v=as_text(value))) from None
        factor = _MONEY_UNITS[found["unit"]]
        amount = number * (factor if factor is not None else unit)
    if amount < 0:
        raise CellError(_("金额不能为负数（“%(v)s”）。", v=as_text(value)))
    if amount > MAX_MONEY_WAN:
        raise CellError(_("金额“%(v)s”过大（超过 100 亿元），请确认单位为万元。", v=as_text(value)))
    return amount.quantize(_CENT, rounding=ROUND_HALF_UP)


_TRL = re.compile(r"^(?:trl)?(?P<n>\d)(?:级)?$")


def parse_trl(value: Any) -> int:
    text = nfkc(as_text(value)).replace(" ", "").lower()
    found = _TRL.match(text)
    if not found or not 1 <= int(found["n"]) <= 9:
        raise CellError(_("技术就绪度应为 1–9 的整数（“%(v)s”）。", v=as_text(value)))
    return int(found["n"])


# --- dates ---------------------------------------------------------------------------------
#: Excel's day zero (with its 1900 leap-year bug folded in, as every reader does).
EXCEL_EPOCH = date(1899, 12, 30)
#: Serial numbers taken as dates: 1901-01-01 … 2099-12-31.
EXCEL_SERIALS = range(367, 73051)
NO_DATE = frozenset({"长期", "长期有效", "不限", "无", "无期限", "-", "—", "/"})
_YMD = [
    re.compile(r"^(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?$"),
    re.compile(r"^(?P<y>\d{4})\s*[-/.]\s*(?P<m>\d{1,2})\s*[-/.]\s*(?P<d>\d{1,2})"
               r"(?:[ t]\d{1,2}:\d{2}(?::\d{2}(?:\.\d+)?)?)?$"),
    re.compile(r"^(?P<y>\d{4})(?P<m>\d{2})(?P<d>\d{2})$"),
]
_YM = re.compile(r"^(?P<y>\d{4})\s*(?:年\s*(?P<m1>\d{1,2})\s*月?|[-/.](?P<m2>\d{1,2}))\s*(?:底|末)?$")


def parse_date(value: Any) -> date | None:
    """A date from a date cell, an Excel serial number, or text such as 2027年3月1日, 2027-3-1,
    2027/03/01, 2027.3.1 or 20270301. A year and month alone (2027年3月) means the month's last day."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _from_number(value, as_text(value))
    text = _SPACES.sub(" ", nfkc(as_text(value))).strip().lower()
    if text == "" or text in NO_DATE:
        return None
    if text.isdigit() and len(text) == 5:
        return _from_number(int(text), text)
    for pattern in _YMD:
        found = pattern.match(text)
        if found:
            return _make_date(int(found["y"]), int(found["m"]), int(found["d"]), text)
    found = _YM.match(text)
    if found:
        year, month = int(found["y"]), int(found["m1"] or found["m2"])
        if 1 <= month <= 12:
            return date(year, month, calendar.monthrange(year, month)[1])
    raise CellError(_("无法识别的日期“%(v)s”。请写成 2027-03-01 或 2027年3月1日。", v=as_text(value)))


def _from_number(number: float, shown: str) -> date:
    if float(number).is_integer():
        whole = int(number)
        if 19000101 <= whole <= 21001231:  # 20270301 typed as a number
            return _make_date(whole // 10000, whole // 100 % 100, whole % 100, shown)
        if whole in EXCEL_SERIALS:
            return EXCEL_EPOCH + timedelta(days=whole)
    elif int(number) in EXCEL_SERIALS:  # a date-time serial: keep the day
        return EXCEL_EPOCH + timedelta(days=int(number))
    raise CellError(_("无法识别的日期“%(v)s”。请写成 2027-03-01 或 2027年3月1日。", v=shown))


def _make_date(year: int, month: int, day: int, shown: str) -> date:
    try:
        return date(year, month, day)
    except ValueError:
        raise CellError(_("日期“%(v)s”不存在。", v=shown)) from None


def parse_deadline(value: Any, today: date) -> date | None:
    day = parse_date(value)
    if day is not None and day < today:
        raise CellError(_("截止日期 %(d)s 早于今天，请更正或留空（长期有效）。", d=day.isoformat()))
    return day


# --- labels --------------------------------------------------------------------------------
def _label_table(enum_cls, extra: dict[str, Any]) -> dict[str, Any]:
    table = {nfkc(m.label).lower(): m for m in enum_cls}
    table.update({m.value: m for m in enum_cls})
    table.update({nfkc(k).lower(): v for k, v in extra.items()})
    return table


COOP_MODES = _label_table(CoopMode, {
    "开发": CoopMode.DEVELOPMENT, "委托开发": CoopMode.DEVELOPMENT, "合作开发": CoopMode.DEVELOPMENT,
    "联合开发": CoopMode.DEVELOPMENT, "联合攻关": CoopMode.DEVELOPMENT, "产学研合作": CoopMode.DEVELOPMENT,
    "转让": CoopMode.TRANSFER, "专利转让": CoopMode.TRANSFER, "成果转让": CoopMode.TRANSFER,
    "许可": CoopMode.LICENSE, "专利许可": CoopMode.LICENSE, "许可使用": CoopMode.LICENSE, "实施许可": CoopMode.LICENSE,
    "咨询": CoopMode.CONSULTING, "服务": CoopMode.SERVICE, "技术培训": CoopMode.SERVICE,
    "共建": CoopMode.PLATFORM, "共建研发平台": CoopMode.PLATFORM, "共建研发中心": CoopMode.PLATFORM,
    "共建实验室": CoopMode.PLATFORM,
})
MATURITIES = _label_table(Maturity, {
    "实验室阶段": Maturity.LAB, "研发阶段": Maturity.LAB, "小试阶段": Maturity.BENCH, "中试阶段": Maturity.PILOT,
    "产业化阶段": Maturity.INDUSTRIAL, "已产业化": Maturity.INDUSTRIAL, "量产": Maturity.INDUSTRIAL,
    "批量生产": Maturity.INDUSTRIAL, "成熟应用": Maturity.INDUSTRIAL,
})
IP_TYPES = _label_table(IPType, {
    "发明": IPType.INVENTION_PATENT, "发明专利权": IPType.INVENTION_PATENT, "发明专利申请": IPType.INVENTION_PATENT,
    "实用新型专利": IPType.UTILITY_MODEL, "软著": IPType.SOFTWARE_COPYRIGHT,
    "计算机软件著作权": IPType.SOFTWARE_COPYRIGHT, "软件版权": IPType.SOFTWARE_COPYRIGHT,
    "新品种": IPType.PLANT_VARIETY, "专有技术": IPType.KNOW_HOW, "非专利技术": IPType.KNOW_HOW,
    "know-how": IPType.KNOW_HOW,
})
ORG_KINDS = {"高校": OrgKind.UNIVERSITY, "大学": OrgKind.UNIVERSITY, "高等院校": OrgKind.UNIVERSITY,
             "高等学校": OrgKind.UNIVERSITY, "院校": OrgKind.UNIVERSITY, "university": OrgKind.UNIVERSITY,
             "科研院所": OrgKind.INSTITUTE, "研究院": OrgKind.INSTITUTE, "研究所": OrgKind.INSTITUTE,
             "科研机构": OrgKind.INSTITUTE, "院所": OrgKind.INSTITUTE, "institute": OrgKind.INSTITUTE,
             "企业": OrgKind.ENTERPRISE, "公司": OrgKind.ENTERPRISE, "enterprise": OrgKind.ENTERPRISE}
_LIST_SPLIT = re.compile(r"[、，,;；/|\s]+")
_YES = frozenset({"是", "y", "yes", "true", "1", "√", "✓", "保密", "需要保密"})
_NO = frozenset({"否", "n", "no", "false", "0", "×", "不保密", "公开", "无"})


def _allowed(enum_cls) -> str:
    return "、".join(_(m.label) for m in enum_cls)


def parse_coop_modes(value: Any) -> list[str]:
    """Several modes separated by 、，,;/ or spaces → CoopMode values, in order, without repeats."""
    found: dict[str, None] = {}
    unknown = []
    for part in _LIST_SPLIT.split(nfkc(as_text(value)).lower()):
        if not part:
            continue
        mode = COOP_MODES.get(part)
        if mode is None:
            unknown.append(part)
        else:
            found.setdefault(mode.value, None)
    if unknown:
        raise CellError(_("无法识别的合作方式：%(v)s（可填：%(ok)s）。", v="、".join(unknown), ok=_allowed(CoopMode)))
    return list(found)


def parse_maturity(value: Any) -> tuple[Maturity, int | None]:
    """A maturity label (实验室/小试/中试/产业化) or a TRL 1–9, which also gives the maturity."""
    text = nfkc(as_text(value)).replace(" ", "").lower()
    if text in MATURITIES:
        return MATURITIES[text], None
    found = _TRL.match(text)
    if found and 1 <= int(found["n"]) <= 9:
        trl = int(found["n"])
        return maturity_for_trl(trl), trl
    raise CellError(_("无法识别的成熟度“%(v)s”（可填：%(ok)s，或技术就绪度 1–9）。", v=as_text(value), ok=_allowed(Maturity)))


def maturity_for_trl(trl: int) -> Maturity:
    """TRL 1–3 laboratory, 4–5 bench (小试), 6–7 pilot (中试), 8–9 industrial."""
    return (Maturity.LAB, Maturity.LAB, Maturity.LAB, Maturity.BENCH, Maturity.BENCH,
            Maturity.PILOT, Maturity.PILOT, Maturity.INDUSTRIAL, Maturity.INDUSTRIAL)[trl - 1]


def parse_ip_type(value: Any) -> IPType | None:
    """The first IP type named (the model keeps one); "无" means none."""
    parts = [p for p in _LIST_SPLIT.split(nfkc(as_text(value)).lower()) if p]
    if not parts or parts[0] in ("无", "暂无", "-", "—"):
        return None
    unknown = [p for p in parts if p not in IP_TYPES]
    if unknown:
        raise CellError(_("无法识别的知识产权类型：%(v)s（可填：%(ok)s）。", v="、".join(unknown), ok=_allowed(IPType)))
    return IP_TYPES[parts[0]]


def parse_org_kind(value: Any) -> OrgKind:
    text = nfkc(as_text(value)).replace(" ", "").lower()
    kind = ORG_KINDS.get(text)
    if kind is None:
        raise CellError(_("无法识别的单位类型“%(v)s”（可填：高校、科研院所）。", v=as_text(value)))
    return kind


def parse_boolean(value: Any) -> bool:
    text = nfkc(as_text(value)).replace(" ", "").lower()
    if text in _YES:
        return True
    if text in _NO or text == "":
        return False
    raise CellError(_("请填写“是”或“否”（“%(v)s”）。", v=as_text(value)))


def parse_keyword_list(value: Any) -> list[str]:
    terms = parse_keywords(as_text(value))
    if len(terms) > MAX_KEYWORDS:
        raise CellError(_("关键词最多 %(n)d 个（现有 %(m)d 个）。", n=MAX_KEYWORDS, m=len(terms)))
    too_long = [t for t in terms if len(t) > MAX_KEYWORD_LENGTH]
    if too_long:
        raise CellError(_("关键词“%(t)s”过长（每个不超过 %(n)d 字）。", t=too_long[0], n=MAX_KEYWORD_LENGTH))
    return terms


# --- taxonomy ------------------------------------------------------------------------------
_INDUSTRY_SEPARATORS = re.compile(r"\s*[·•・/／\\>＞|｜\-－—–_]\s*")


@dataclass(frozen=True)
class IndustryRef:
    id: int
    top_id: int
    full_name: str


def _industry_key(text: str) -> str:
    key = nfkc(text).strip().lower()
    key = _INDUSTRY_SEPARATORS.sub("·", key)
    return key.replace(" ", "")


@dataclass
class IndustryLookup:
    """The taxonomy by code, by "行业·方向" (any separator) and by a name alone."""

    refs: dict[str, IndustryRef | None] = field(default_factory=dict)
    retired: dict[str, str] = field(default_factory=dict)
    #: Non-retired full names, in taxonomy order (the template's drop-down list).
    names: list[str] = field(default_factory=list)

    @classmethod
    def from_rows(cls, industries: list[Industry]) -> "IndustryLookup":
        lookup = cls()
        by_id = {i.id: i for i in industries}
        ordered = sorted(industries, key=lambda i: (by_id[i.parent_id].position if i.parent_id else i.position,
                                                    i.parent_id is not None, i.position))
        bare: dict[str, list[Industry]] = {}
        for industry in ordered:
            parent = by_id.get(industry.parent_id) if industry.parent_id else None
            full = f"{parent.name}·{industry.name}" if parent else industry.name
            retired = industry.retired_at is not None or (parent is not None and parent.retired_at is not None)
            ref = IndustryRef(industry.id, parent.id if parent else industry.id, full)
            for key in (_industry_key(industry.code), _industry_key(full)):
                if retired:
                    lookup.retired[key] = full
                else:
                    lookup.refs[key] = ref
            bare.setdefault(_industry_key(industry.name), []).append(industry)
            if not retired:
                lookup.names.append(full)
        for key, same_name in bare.items():
            if key in lookup.refs or key in lookup.retired:
                continue  # a top-level name, already known by its full name
            live = [i for i in same_name if i.retired_at is None and
                    (i.parent_id is None or by_id[i.parent_id].retired_at is None)]
            if len(live) == 1:
                i = live[0]
                lookup.refs[key] = IndustryRef(i.id, i.parent_id or i.id, f"{by_id[i.parent_id].name}·{i.name}")
            elif len(live) > 1:
                lookup.refs[key] = None  # ambiguous: the message asks for 行业·方向
            else:
                parent = by_id.get(same_name[0].parent_id)
                lookup.retired[key] = f"{parent.name}·{same_name[0].name}" if parent else same_name[0].name
        return lookup

    def parse(self, value: Any) -> IndustryRef:
        shown = as_text(value)
        key = _industry_key(shown)
        if key in self.refs:
            ref = self.refs[key]
            if ref is None:
                raise CellError(_("行业“%(v)s”在多个行业下都有，请写成“行业·方向”。", v=shown))
            return ref
        if key in self.retired:
            raise CellError(_("行业方向“%(v)s”已停用，请改选行业目录中的其他方向。", v=self.retired[key]))
        close = difflib.get_close_matches(key, [n for n, r in self.refs.items() if r is not None and "·" in n], n=1,
                                          cutoff=0.6)
        hint = _("您是不是要填“%(s)s”？", s=self.refs[close[0]].full_name) if close else _("请从模板的下拉列表中选择。")
        raise CellError(_("所属行业“%(v)s”不在行业目录中。", v=shown) + hint)


_REGION_SUFFIX = re.compile(r"(?:区|县|市)$")
_REGION_PREFIX = re.compile(r"^(?:重庆市?|四川省?)")


@dataclass
class RegionLookup:
    ids: dict[str, int]
    names: list[str]

    @classmethod
    def from_rows(cls, regions: list[Region]) -> "RegionLookup":
        ids = {}
        for region in regions:
            ids[_region_key(region.name)] = region.id
            ids[region.code.lower()] = region.id
        return cls(ids, [r.name for r in regions])

    def parse(self, value: Any) -> int:
        key = _region_key(as_text(value))
        if key not in self.ids:
            raise CellError(_("未知的地区“%(v)s”（可填：%(ok)s）。", v=as_text(value), ok="、".join(self.names)))
        return self.ids[key]


def _region_key(text: str) -> str:
    key = nfkc(text).replace(" ", "").lower()
    key = _REGION_PREFIX.sub("", key)
    return _REGION_SUFFIX.sub("", key) or key


# --- organisations -------------------------------------------------------------------------
UNIVERSITY_MARKS = ("大学", "学院", "学校")
INSTITUTE_MARKS = ("研究院", "研究所", "院所", "研究中心", "科学院", "实验室")


def research_kind(name: str, stated: OrgKind | None) -> OrgKind:
    """The kind of a new achievement owner: the file's 单位类型 when given, else from the name
    (大学/学院 → 高校, 研究院/研究所/院所 → 科研院所), else 科研院所 (the broader research kind)."""
    if stated is not None:
        return stated
    if any(mark in name for mark in UNIVERSITY_MARKS):
        return OrgKind.UNIVERSITY
    if any(mark in name for mark in INSTITUTE_MARKS):
        return OrgKind.INSTITUTE
    return OrgKind.INSTITUTE


@dataclass
class Lookups:
    """Reference data a row is checked against (read once per import)."""

    industries: IndustryLookup
    regions: RegionLookup
    today: date


def parser_for(name: str, lookups: Lookups, unit: Decimal | None) -> Callable[[Any], Any]:
    """The parse function of a column's ``parser`` name."""
    simple: dict[str, Callable[[Any], Any]] = {
        "title": parse_title, "long_text": parse_long_text, "org_name": parse_org_name, "person": parse_person,
        "team_name": parse_team_name, "ip_numbers": parse_ip_numbers, "credit_code": parse_credit_code,
        "phone": parse_phone, "trl": parse_trl, "coop_modes": parse_coop_modes, "maturity": parse_maturity,
        "ip_type": parse_ip_type, "org_kind": parse_org_kind, "boolean": parse_boolean,
        "keywords": parse_keyword_list, "industry": lookups.industries.parse, "region": lookups.regions.parse,
    }
    if name == "money":
        return lambda v: parse_money(v, unit or Decimal(1))
    if name == "deadline":
        return lambda v: parse_deadline(v, lookups.today)
    return simple[name]


def is_empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())
