"""Signals for side effects, so services stay about their rule.

Receivers are connected where the reacting feature is set up (e.g. the matching engine
re-indexes a listing). Each signal is sent with the changed object as sender and the
``session`` it lives in as a keyword argument.
"""
from blinker import Namespace

_signals = Namespace()

#: A need was created, edited or changed status (withdrawn, resolved…).
need_saved = _signals.signal("need-saved")

#: An achievement was created, edited or changed status.
achievement_saved = _signals.signal("achievement-saved")

#: A broker accepted or rejected a (need, achievement) pair; sender is the PairReview.
pair_reviewed = _signals.signal("pair-reviewed")
