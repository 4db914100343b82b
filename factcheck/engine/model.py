"""The learned stance model: weights over :data:`~factcheck.engine.features.FEATURES`, read from
a JSON file, with each call's per-feature contributions so that the desk can say what drove it.

The file (``factcheck/data/stance_model.json``, made by ``factcheck stance train``; its model
card ``stance_model.md`` sits beside it) holds two models over the same features: ``semantic``
(with the embedding similarity) and ``lexical`` (without it, for when the embedding model is
off). Each is either gradient-boosted trees (LightGBM's own text format, embedded in the JSON)
or a multinomial logistic regression (coefficients), whichever scored better on dev when it was
trained. Nothing is unpickled: a model file is data.

Contributions are in log-odds, centred across the three classes (a softmax does not change when
the same amount is added to every class), so a feature's contribution to the chosen stance is
how much it pushed that stance above the others.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from factcheck.records import Stance

__all__ = [
    "CLASSES",
    "LABELS",
    "MODEL_FORMAT",
    "ModelError",
    "Prediction",
    "StanceModel",
    "StanceModels",
    "default_models",
]

CLASSES: tuple[Stance, ...] = ("support", "contradict", "neutral")
"""The stances a model predicts, in the order of its outputs."""

LABELS: dict[str, Stance] = {
    "agree": "support",
    "disagree": "contradict",
    "other": "neutral",
    "unrelated": "neutral",
    "discuss": "neutral",
    **{c: c for c in CLASSES},
}
"""Labels of stance datasets (ANS: agree/disagree/other) mapped to the desk's stances."""

MODEL_FORMAT = 1
"""Version of the model file layout; a file of another version is refused with a clear error."""


class ModelError(ValueError):
    """A stance model file that cannot be used: names the file and how to rebuild it."""


@dataclass(frozen=True)
class Prediction:
    """One call: the stance, its probability, and each feature's push toward it (log-odds)."""

    stance: Stance
    confidence: float
    contributions: Mapping[str, float]
    runners_up: tuple[Prediction, ...] = ()
    """The other stances, most probable first, each with its own pushes (so a caller that
    rules the first call out can take the next and still explain it)."""


def _softmax(z: np.ndarray) -> np.ndarray:
    z = z - z.max(axis=1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(axis=1, keepdims=True)


class StanceModel:
    """One trained model (``kind`` ``"lightgbm"`` or ``"logistic"``) over named features."""

    def __init__(self, spec: Mapping[str, Any]):
        self.spec = dict(spec)
        self.kind: str = spec["kind"]
        self.features: tuple[str, ...] = tuple(spec["features"])
        classes = tuple(spec["classes"])
        if classes != CLASSES:
            raise ModelError(f"model classes {classes} are not {CLASSES}")
        if self.kind == "logistic":
            self._mean = np.asarray(spec["mean"], dtype=float)
            self._scale = np.asarray(spec["scale"], dtype=float)
            self._coef = np.asarray(spec["coef"], dtype=float)  # (classes, features)
            self._bias = np.asarray(spec["intercept"], dtype=float)
        elif self.kind == "lightgbm":
            import lightgbm

            self._booster = lightgbm.Booster(model_str=spec["booster"])
        else:
            raise ModelError(f"unknown model kind {self.kind!r}")

    @property
    def semantic(self) -> bool:
        """True when the model reads the embedding model's similarity."""
        return "similarity" in self.features

    def _raw(self, x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """(probabilities (n, K), contributions (n, K, F)), both for the classes in order."""
        n, f, k = len(x), len(self.features), len(CLASSES)
        if self.kind == "logistic":
            xs = (np.nan_to_num(x, nan=0.0) - self._mean) / self._scale
            parts = xs[:, None, :] * self._coef[None, :, :]
            probs = _softmax(parts.sum(axis=2) + self._bias)
            return probs, parts
        probs = np.asarray(self._booster.predict(x), dtype=float).reshape(n, k)
        raw = np.asarray(self._booster.predict(x, pred_contrib=True), dtype=float)
        parts = raw.reshape(n, k, f + 1)[:, :, :f]
        return probs, parts

    def predict(self, rows: Sequence[Mapping[str, float]]) -> list[Prediction]:
        """Predict a batch of feature rows (feature name -> value; missing names are NaN)."""
        if not rows:
            return []
        x = np.array(
            [[float(r.get(name, np.nan)) for name in self.features] for r in rows], dtype=float
        )
        probs, parts = self._raw(x)
        centred = parts - parts.mean(axis=1, keepdims=True)
        out = []
        for i in range(len(rows)):
            calls = [
                Prediction(
                    CLASSES[k],
                    round(float(probs[i, k]), 3),
                    dict(zip(self.features, centred[i, k].tolist(), strict=True)),
                )
                for k in np.argsort(-probs[i], kind="stable")
            ]
            out.append(replace(calls[0], runners_up=tuple(calls[1:])))
        return out


class StanceModels:
    """The model file: a ``semantic`` and a ``lexical`` model plus what they were trained on."""

    def __init__(self, data: Mapping[str, Any], source: str = "<memory>"):
        if data.get("format") != MODEL_FORMAT:
            raise ModelError(
                f"{source}: stance model format {data.get('format')!r}, this desk reads "
                f"{MODEL_FORMAT}; rebuild it with `factcheck stance train`"
            )
        self.data = dict(data)
        self.source = source
        try:
            self.models = {name: StanceModel(spec) for name, spec in data["models"].items()}
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelError(
                f"{source}: damaged stance model ({exc}); rebuild it with `factcheck stance train`"
            ) from None
        if "lexical" not in self.models:
            raise ModelError(
                f"{source}: no lexical model; rebuild it with `factcheck stance train`"
            )

    @classmethod
    def load(cls, path: str | Path) -> StanceModels:
        path = Path(path)
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"{path}: cannot read the stance model: {exc}") from None
        return cls(data, str(path))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.data, ensure_ascii=False) + "\n", encoding="utf-8")

    def choose(self, semantic: bool, crosslingual: bool = False) -> StanceModel:
        """The model for a claim: ``crosslingual`` for a claim not in Arabic (with the semantic
        layer on), ``semantic`` for an Arabic one, and ``lexical`` when the semantic layer is
        off or the file lacks the other."""
        if semantic and crosslingual and "crosslingual" in self.models:
            return self.models["crosslingual"]
        if semantic and "semantic" in self.models:
            return self.models["semantic"]
        return self.models["lexical"]


@lru_cache(maxsize=1)
def default_models() -> StanceModels:
    """The model shipped in the package (``factcheck/data/stance_model.json``), read once."""
    ref = resources.files("factcheck.data").joinpath("stance_model.json")
    try:
        text = ref.read_text(encoding="utf-8")
    except OSError as exc:
        raise ModelError(f"{ref}: the packaged stance model is missing ({exc})") from None
    return StanceModels(json.loads(text), str(ref))
