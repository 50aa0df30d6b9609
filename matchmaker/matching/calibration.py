"""From a suggestion's scores to a match level a broker can read: 高 / 中 / 低 and a 0–100 figure.

The figure is an estimated probability, in per cent, that the pair is a good match (graded 2 or 3
on the public benchmark: "solves it directly" or "largely solves it"): a logistic curve of a few
features the engine has at ranking time, under a ceiling (even the closest texts are sometimes the
same product with another problem), fitted by ``scripts/calibrate.py`` on the benchmark's
training split (both directions) and written to ``calibration.json``; the script reports how well
the figure holds on the test split. The thresholds of the levels and the
floor under which a suggestion counts as weak were chosen on the training split too; the JSON
says what each means.
"""
from __future__ import annotations

import json
import math
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal, Mapping, NamedTuple

Level = Literal["high", "medium", "low"]
LEVELS: tuple[Level, ...] = ("high", "medium", "low")

DEFAULT_PATH = Path(__file__).with_name("calibration.json")


class CalibrationError(ValueError):
    """The calibration file is missing or malformed; the message names the file."""


@dataclass(frozen=True)
class Calibration:
    """A fitted logistic model of P(good match) and the thresholds read off it (all on 0–100)."""

    #: Names of the features the engine computes (``Scored.features``), in coefficient order.
    features: tuple[str, ...]
    coefficients: tuple[float, ...]
    intercept: float
    #: Confidence at or above which a suggestion is 高, and 中.
    high: int
    medium: int
    #: Confidence under which a suggestion is weak (folded under 更多弱相关).
    floor: int
    #: The highest probability the figure can reach: P = ceiling · logistic(intercept + Σ c·x).
    ceiling: float = 1.0
    #: What was fitted on what, and what each threshold means (for people; not used in code).
    notes: Mapping[str, str] | None = None

    def __post_init__(self) -> None:
        if len(self.features) != len(self.coefficients) or not self.features:
            raise ValueError("features and coefficients must be non-empty and of equal length")
        if not all(math.isfinite(c) for c in (*self.coefficients, self.intercept)):
            raise ValueError("coefficients and intercept must be finite numbers")
        if not (0 <= self.medium <= self.high <= 100 and 0 <= self.floor <= 100):
            raise ValueError("thresholds must satisfy 0 <= medium <= high <= 100 and 0 <= floor <= 100")
        if not 0 < self.ceiling <= 1:
            raise ValueError("ceiling must be in (0, 1]")

    def as_dict(self) -> dict:
        data = asdict(self)
        data["features"], data["coefficients"] = list(self.features), list(self.coefficients)
        data["notes"] = dict(self.notes or {})
        return data

    @classmethod
    def from_dict(cls, data: Mapping) -> "Calibration":
        return cls(
            features=tuple(str(f) for f in data["features"]),
            coefficients=tuple(float(c) for c in data["coefficients"]),
            intercept=float(data["intercept"]),
            high=int(data["high"]),
            medium=int(data["medium"]),
            floor=int(data["floor"]),
            ceiling=float(data.get("ceiling", 1.0)),
            notes={str(k): str(v) for k, v in (data.get("notes") or {}).items()},
        )

    def probability(self, features: Mapping[str, float]) -> float:
        missing = [f for f in self.features if f not in features]
        if missing:
            raise KeyError(f"calibration needs feature(s) {', '.join(missing)}")
        z = self.intercept + sum(c * float(features[f]) for f, c in zip(self.features, self.coefficients))
        return self.ceiling / (1.0 + math.exp(-z)) if z > -700 else 0.0

    def judge(self, features: Mapping[str, float]) -> "Judgement":
        return judge(self, features)


class Judgement(NamedTuple):
    confidence: int
    level: Level
    weak: bool


def judge(calibration: Calibration, features: Mapping[str, float]) -> Judgement:
    """One suggestion's (confidence 0–100, level, weak) from its features."""
    confidence = min(100, max(0, round(100 * calibration.probability(features))))
    level: Level = "high" if confidence >= calibration.high else "medium" if confidence >= calibration.medium else "low"
    return Judgement(confidence, level, confidence < calibration.floor)


def load_calibration(path: Path | str | None = None) -> Calibration:
    """The calibration in ``path`` (default: the committed ``calibration.json``)."""
    return _load(str(Path(path) if path is not None else DEFAULT_PATH))


@lru_cache(maxsize=8)
def _load(path: str) -> Calibration:
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise CalibrationError(f"calibration file {path} is missing (scripts/calibrate.py --write makes it)") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as error:
        raise CalibrationError(f"calibration file {path} is not readable JSON: {error}") from None
    if not isinstance(data, dict):
        raise CalibrationError(f"calibration file {path}: expected a JSON object")
    try:
        return Calibration.from_dict(data)
    except KeyError as error:
        raise CalibrationError(f"calibration file {path}: missing key {error}") from None
    except (TypeError, ValueError) as error:
        raise CalibrationError(f"calibration file {path}: {error}") from None
