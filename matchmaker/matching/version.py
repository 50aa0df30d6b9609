"""The engine version: derived from everything that shapes a ranking, so nobody has to bump it.

A stored suggestion list whose version differs from the running engine's is stale, and the
task consumer refreshes every list in the background. The version hashes the ranking settings,
the glossary's content (with the pairs brokers added), the stop lists, the calibration, the text
format and the encoder configured; ``ENGINE_REVISION`` is bumped by hand only when the ranking
*code* changes.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import asdict

from . import glossary, stoplist
from .calibration import load_calibration
from .engine import TEXT_VERSION, RankingConfig

#: Bump when the ranking code itself changes (settings and data are hashed in on their own).
ENGINE_REVISION = "2026.12-2"  # -2: stored lists carry the weak flag as a column


def engine_version(config: RankingConfig, encoder_spec: str) -> str:
    """A short, stable name for this engine: ``hybrid-`` and 12 hex digits."""
    parts = {
        "revision": ENGINE_REVISION,
        "text": TEXT_VERSION,
        "encoder": encoder_spec,
        "ranking": asdict(config),
        "glossary": _glossary_part(),
        # the stop lists and the calibration shape the reasons and levels stored with each list
        "stoplist": sorted(stoplist.BOILERPLATE),
        "calibration": load_calibration().as_dict(),
    }
    blob = json.dumps(parts, sort_keys=True, ensure_ascii=False, default=str)
    return "hybrid-" + hashlib.sha256(blob.encode("utf-8")).hexdigest()[:12]


def _glossary_part() -> dict:
    part = {"enabled": glossary.ENABLED, "bilingual": glossary.BILINGUAL, "synonyms": glossary.SYNONYMS}
    bilingual, synonyms = glossary.extra()
    if bilingual or synonyms:  # none: the version of the built-in glossary alone, as before brokers added any
        part["extra"] = {"bilingual": bilingual, "synonyms": synonyms}
    return part
