"""The app's single MatchingService, created on first use (no work at start-up)."""
from __future__ import annotations

from pathlib import Path

from flask import Flask

from .engine import RankingConfig
from .services import MatchingService

KEY = "matchmaker.matching"


def matching_service(app: Flask) -> MatchingService:
    service = app.extensions.get(KEY)
    if service is None:
        index_dir = app.config.get("MATCHING_INDEX_DIR") or Path(app.instance_path) / "index"
        service = MatchingService(
            encoder_spec=app.config["MATCHING_ENCODER"],
            index_dir=Path(index_dir),
            config=RankingConfig(**(app.config.get("MATCHING_RANKING") or {})),
            faiss_threads=app.config.get("MATCHING_FAISS_THREADS"),
        )
        app.extensions[KEY] = service
    return service
