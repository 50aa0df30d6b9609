"""Enumerations of the domain, with Chinese titles.

Titles are message ids marked with ``N_`` (extracted by Babel, translated at display time), so the
models stay free of Flask.
"""
from __future__ import annotations

import enum


def N_(message: str) -> str:
    """Mark a string for extraction without translating it here."""
    return message


class LabeledEnum(str, enum.Enum):
    """A string enum whose members carry a translatable title."""

    def __new__(cls, value: str, label: str) -> "LabeledEnum":
        obj = str.__new__(cls, value)
        obj._value_ = value
        obj.label = label  # type: ignore[attr-defined]
        return obj

    @classmethod
    def choices(cls) -> list[tuple[str, str]]:
        return [(m.value, m.label) for m in cls]

    def __str__(self) -> str:
        return self.value


class OrgKind(LabeledEnum):
    ENTERPRISE = "enterprise", N_("企业")
    UNIVERSITY = "university", N_("高校")
    INSTITUTE = "institute", N_("科研院所")
    GOVERNMENT = "government", N_("政府部门")
    AGENCY = "agency", N_("服务机构")


class Role(LabeledEnum):
    ENTERPRISE = "enterprise", N_("企业用户")
    UNIVERSITY = "university", N_("高校院所用户")
    BROKER = "broker", N_("技术经纪人")
    ADMIN = "admin", N_("管理员")
    #: An outside expert invited to score open calls (评审专家); staff of other roles can be experts too.
    EXPERT = "expert", N_("评审专家")


class NeedStatus(LabeledEnum):
    OPEN = "open", N_("征集中")
    IN_PROGRESS = "in_progress", N_("对接中")
    RESOLVED = "resolved", N_("已解决")
    WITHDRAWN = "withdrawn", N_("已撤回")


class AchievementStatus(LabeledEnum):
    DRAFT = "draft", N_("草稿")
    PUBLISHED = "published", N_("已发布")
    WITHDRAWN = "withdrawn", N_("已撤回")


class Maturity(LabeledEnum):
    LAB = "lab", N_("实验室")
    BENCH = "bench", N_("小试")
    PILOT = "pilot", N_("中试")
    INDUSTRIAL = "industrial", N_("产业化")


class IPType(LabeledEnum):
    INVENTION_PATENT = "invention_patent", N_("发明专利")
    UTILITY_MODEL = "utility_model", N_("实用新型")
    SOFTWARE_COPYRIGHT = "software_copyright", N_("软件著作权")
    PLANT_VARIETY = "plant_variety", N_("植物新品种")
    KNOW_HOW = "know_how", N_("技术秘密")


class CoopMode(LabeledEnum):
    DEVELOPMENT = "development", N_("技术开发")
    TRANSFER = "transfer", N_("技术转让")
    LICENSE = "license", N_("技术许可")
    CONSULTING = "consulting", N_("技术咨询")
    SERVICE = "service", N_("技术服务")
    PLATFORM = "platform", N_("共建平台")


class ContractType(LabeledEnum):
    """The five technology contracts of the Civil Code (民法典 第二十章)."""

    DEVELOPMENT = "development", N_("技术开发")
    TRANSFER = "transfer", N_("技术转让")
    LICENSE = "license", N_("技术许可")
    CONSULTING = "consulting", N_("技术咨询")
    SERVICE = "service", N_("技术服务")


class Stage(LabeledEnum):
    RECOMMENDED = "recommended", N_("推荐")
    PUSHED = "pushed", N_("已推送")
    INTERESTED = "interested", N_("有意向")
    NEGOTIATING = "negotiating", N_("洽谈")
    SIGNED = "signed", N_("已签约")
    REGISTERED = "registered", N_("已登记")
    COMPLETED = "completed", N_("履约完成")
    CLOSED = "closed", N_("终止")


#: Stages at which a contract exists.
CONTRACT_STAGES = frozenset({Stage.SIGNED, Stage.REGISTERED, Stage.COMPLETED})


class Response(LabeledEnum):
    INTERESTED = "interested", N_("有意向")
    DECLINED = "declined", N_("无意向")


class ReviewStatus(LabeledEnum):
    PENDING = "pending", N_("待审核")
    ACCEPTED = "accepted", N_("已采纳")
    REJECTED = "rejected", N_("已驳回")


class MatchDirection(LabeledEnum):
    NEED_TO_ACHIEVEMENT = "need2ach", N_("为需求推荐成果")
    ACHIEVEMENT_TO_NEED = "ach2need", N_("为成果推荐需求")


class RejectReason(LabeledEnum):
    """Why a broker rejects a suggested pair."""

    OFF_TOPIC = "off_topic", N_("领域不符")
    TOO_EARLY = "too_early", N_("成熟度不够")
    OVER_BUDGET = "over_budget", N_("价格超预算")
    HAS_SOLUTION = "has_solution", N_("企业已有方案")
    DUPLICATE = "duplicate", N_("重复")
    OTHER = "other", N_("其他")


class CloseReason(LabeledEnum):
    """Why a pairing ended (终止) before a contract."""

    ENTERPRISE_DECLINED = "enterprise_declined", N_("企业无意向")
    UNIVERSITY_DECLINED = "university_declined", N_("成果方无意向")
    NOT_FEASIBLE = "not_feasible", N_("技术不匹配")
    PRICE = "price", N_("价格未谈拢")
    IP = "ip", N_("知识产权未谈拢")
    HAS_SOLUTION = "has_solution", N_("企业已有方案")
    PAUSED = "paused", N_("项目暂停")
    OTHER = "other", N_("其他")


class ContractSubType(LabeledEnum):
    """The sub-types of the Civil Code's technology contracts (技术咨询 has none)."""

    COMMISSIONED = "development.commissioned", N_("委托开发")
    COOPERATIVE = "development.cooperative", N_("合作开发")
    PATENT_TRANSFER = "transfer.patent", N_("专利权转让")
    APPLICATION_TRANSFER = "transfer.application", N_("专利申请权转让")
    KNOW_HOW_TRANSFER = "transfer.know_how", N_("技术秘密转让")
    OTHER_TRANSFER = "transfer.other", N_("其他技术转让")
    PATENT_LICENSE = "license.patent", N_("专利实施许可")
    KNOW_HOW_LICENSE = "license.know_how", N_("技术秘密使用许可")
    OTHER_LICENSE = "license.other", N_("其他技术许可")
    SERVICE = "service.service", N_("技术服务")
    TRAINING = "service.training", N_("技术培训")
    AGENCY = "service.agency", N_("技术中介")

    @property
    def contract_type(self) -> "ContractType":
        return ContractType(self.value.split(".", 1)[0])

    @classmethod
    def of(cls, contract_type: "ContractType") -> list["ContractSubType"]:
        return [m for m in cls if m.value.startswith(contract_type.value + ".")]


class ChallengeStatus(LabeledEnum):
    """揭榜挂帅: 发榜 → 揭榜 → 评审 → 公示 → 实施 → 验收 (or 撤榜)."""

    PUBLISHED = "published", N_("发榜")
    #: Open, with proposals coming in.
    PROPOSING = "proposing", N_("揭榜")
    REVIEWING = "reviewing", N_("评审")
    PUBLICITY = "publicity", N_("公示")
    IMPLEMENTING = "implementing", N_("实施")
    ACCEPTED = "accepted", N_("验收通过")
    FAILED = "failed", N_("验收未通过")
    CANCELLED = "cancelled", N_("撤榜")


class ProposalStatus(LabeledEnum):
    SUBMITTED = "submitted", N_("已提交")
    SHORTLISTED = "shortlisted", N_("入围")
    WON = "won", N_("中榜")
    NOT_SELECTED = "not_selected", N_("未中榜")
    WITHDRAWN = "withdrawn", N_("已撤回")


class EventKind(LabeledEnum):
    MATCHMAKING = "matchmaking", N_("对接会")
    ROADSHOW = "roadshow", N_("路演")


class DigestFrequency(LabeledEnum):
    """How often an organisation gets its 定期推送 digest."""

    WEEKLY = "weekly", N_("每周")
    MONTHLY = "monthly", N_("每月")
    OFF = "off", N_("不推送")


class ImportKind(LabeledEnum):
    """What a 征集表 spreadsheet holds."""

    NEEDS = "needs", N_("技术需求")
    ACHIEVEMENTS = "achievements", N_("科技成果")


class ImportStatus(LabeledEnum):
    """An upload is checked in the background (CHECKING), previewed, then confirmed — written in
    the background in one transaction (IMPORTING) — or discarded. A failed write goes back to
    PREVIEW with its message."""

    CHECKING = "checking", N_("检查中")
    PREVIEW = "preview", N_("待确认")
    IMPORTING = "importing", N_("导入中")
    IMPORTED = "imported", N_("已导入")
    DISCARDED = "discarded", N_("已放弃")


class GlossaryKind(LabeledEnum):
    """A term pair brokers add to the matching glossary."""

    BILINGUAL = "bilingual", N_("中英对照")
    SYNONYM = "synonym", N_("同义词")
