"""Pairings: a need and an achievement followed from 推荐 to a registered technology contract."""
from flask import Flask


def init_pairings(app: Flask) -> None:
    """Bind the stage table to the model, so ``Pairing.can_advance`` reads the one rule."""
    from models import Pairing

    from . import stages

    Pairing.stage_rules = stages
