"""The pairing stages as data: which transitions exist and who may make each.

推荐 → 已推送 → 有意向 → 洽谈 → 已签约 → 已登记 → 履约完成, and 终止 (with a reason) from any stage
before 已签约. ``Pairing.can_advance(user, to)`` reads this table (bound to the model when the app
is created), and so do the views, the templates and the services: the rule is written once.
"""
from __future__ import annotations

import enum
from dataclasses import dataclass
from typing import TYPE_CHECKING

from models import Role, Stage

if TYPE_CHECKING:
    from models import Pairing, User


class Actor(enum.Enum):
    """Who makes a transition: a broker (or admin), one of the two parties, or the platform."""

    BROKER = "broker"
    #: A user of the need's enterprise.
    ENTERPRISE = "enterprise"
    #: A user of the organisation offering the achievement (or the winning proposal): the seller side.
    UNIVERSITY = "university"
    #: The platform itself: 有意向 when both sides said yes, 终止 when one said no.
    SYSTEM = "system"


#: What a transition needs besides the actor's right to make it.
CONTRACT, REGISTRATION, REASON = "contract", "registration", "reason"

PARTIES = frozenset({Actor.ENTERPRISE, Actor.UNIVERSITY})
ANYONE_INVOLVED = frozenset({Actor.BROKER}) | PARTIES


@dataclass(frozen=True)
class Transition:
    source: Stage
    target: Stage
    actors: frozenset[Actor]
    #: CONTRACT, REGISTRATION, REASON or None.
    requires: str | None = None


TRANSITIONS: dict[tuple[Stage, Stage], Transition] = {
    (t.source, t.target): t
    for t in (
        Transition(Stage.RECOMMENDED, Stage.PUSHED, frozenset({Actor.BROKER})),
        Transition(Stage.PUSHED, Stage.INTERESTED, frozenset({Actor.SYSTEM})),
        Transition(Stage.INTERESTED, Stage.NEGOTIATING, ANYONE_INVOLVED),
        Transition(Stage.NEGOTIATING, Stage.SIGNED, ANYONE_INVOLVED, CONTRACT),
        # the seller side applies for 认定登记; a broker may record it for them
        Transition(Stage.SIGNED, Stage.REGISTERED, frozenset({Actor.BROKER, Actor.UNIVERSITY}), REGISTRATION),
        Transition(Stage.REGISTERED, Stage.COMPLETED, ANYONE_INVOLVED),
        Transition(Stage.RECOMMENDED, Stage.CLOSED, frozenset({Actor.BROKER}), REASON),
        Transition(Stage.PUSHED, Stage.CLOSED, frozenset({Actor.BROKER, Actor.SYSTEM}), REASON),
        Transition(Stage.INTERESTED, Stage.CLOSED, ANYONE_INVOLVED, REASON),
        Transition(Stage.NEGOTIATING, Stage.CLOSED, ANYONE_INVOLVED, REASON),
    )
}

#: The path a pairing follows when all goes well.
PATH = (Stage.RECOMMENDED, Stage.PUSHED, Stage.INTERESTED, Stage.NEGOTIATING, Stage.SIGNED, Stage.REGISTERED,
        Stage.COMPLETED)


def actor_of(pairing: "Pairing", user: "User") -> Actor | None:
    """In which capacity ``user`` acts on ``pairing`` (None: not at all)."""
    if user.role in (Role.BROKER, Role.ADMIN):
        return Actor.BROKER
    side = pairing.party_of(user)
    return {"enterprise": Actor.ENTERPRISE, "university": Actor.UNIVERSITY}.get(side)


def transition(source: Stage, target: Stage) -> Transition | None:
    return TRANSITIONS.get((source, target))


def allows(pairing: "Pairing", user: "User", target: Stage) -> bool:
    """The rule behind ``Pairing.can_advance``: the transition exists and the user may make it."""
    rule = transition(pairing.stage, target)
    actor = actor_of(pairing, user)
    return rule is not None and actor is not None and actor in rule.actors


def next_steps(pairing: "Pairing", user: "User") -> list[Transition]:
    """The transitions ``user`` may make now, in the order of the path, 终止 last."""
    order = {stage: n for n, stage in enumerate(PATH + (Stage.CLOSED,))}
    steps = [t for (source, _), t in TRANSITIONS.items() if source == pairing.stage and allows(pairing, user, t.target)]
    return sorted(steps, key=lambda t: order[t.target])
