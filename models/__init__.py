"""SQLAlchemy 2.x models of Matchmaker. No Flask views, no matching code."""
from .accounts import Organization, ResearchTeam, User
from .base import Base, Money, utcnow
from .enums import (
    CONTRACT_STAGES,
    AchievementStatus,
    ChallengeStatus,
    CloseReason,
    ContractSubType,
    ContractType,
    CoopMode,
    DigestFrequency,
    EventKind,
    GlossaryKind,
    ImportKind,
    ImportStatus,
    IPType,
    MatchDirection,
    Maturity,
    NeedStatus,
    OrgKind,
    ProposalStatus,
    RejectReason,
    Response,
    ReviewStatus,
    Role,
    Stage,
)
from .imports import GlossaryTerm, ImportBatch
from .notifications import Notification
from .listings import Achievement, TechNeed, may_post_achievement, may_post_need
from .taxonomy import Industry, Region
from .workflow import (
    AuditEvent,
    Challenge,
    ChallengeCriterion,
    ChallengeExpert,
    ChallengeMilestone,
    ChallengeObjection,
    Contract,
    EmbeddingCache,
    EventAchievement,
    EventNeed,
    EventOutcome,
    MatchmakingEvent,
    IndexChange,
    MatchSuggestion,
    Milestone,
    PairReview,
    Pairing,
    Proposal,
    ProposalReview,
    ProposalScore,
    StageEvent,
    SuggestionList,
    TaskFailure,
)

__all__ = [name for name in dir() if not name.startswith("_")]
