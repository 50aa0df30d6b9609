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
    EventKind,
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
from .notifications import Notification
from .listings import Achievement, TechNeed, may_post_achievement, may_post_need
from .taxonomy import Industry, Region
from .workflow import (
    AuditEvent,
    Challenge,
    Contract,
    EmbeddingCache,
    MatchmakingEvent,
    IndexChange,
    MatchSuggestion,
    Milestone,
    PairReview,
    Pairing,
    Proposal,
    ProposalReview,
    StageEvent,
    SuggestionList,
    TaskFailure,
    event_achievements,
    event_needs,
)

__all__ = [name for name in dir() if not name.startswith("_")]
