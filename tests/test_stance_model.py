"""The stance model file, its training and its evaluation (``factcheck.engine.model``,
``pairs``, ``training``, ``card`` and ``factcheck stance``), on small data the tests build."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from factcheck.engine.analysis import default_analyzer
from factcheck.engine.features import FEATURES
from factcheck.engine.model import CLASSES, ModelError, StanceModels, default_models
from factcheck.engine.pairs import (
    Pair,
    generated_contradictions,
    generated_longer,
    generated_neutrals,
    read_pairs,
)
from factcheck.engine.training import evaluate, featurize, fit, train

PAIRS = [
    ("ارتفعت أسعار النفط 5% اليوم", "أسعار النفط ارتفعت بنسبة 5% اليوم", "agree"),
    ("ارتفعت أسعار النفط 5% اليوم", "تراجعت أسعار النفط 5% اليوم", "disagree"),
    ("ارتفعت أسعار النفط 5% اليوم", "نفت الوزارة ارتفاع أسعار النفط اليوم", "disagree"),
    ("افتتح الوزير مستشفى جديدا في بغداد", "الوزير يفتتح مستشفى جديدا في بغداد", "agree"),
    ("افتتح الوزير مستشفى جديدا في بغداد", "افتتح الوزير مستشفى جديدا في البصرة", "disagree"),
    ("فاز المنتخب الوطني بكأس البطولة", "المنتخب الوطني يحرز كأس البطولة", "agree"),
    ("فاز المنتخب الوطني بكأس البطولة", "خسر المنتخب الوطني نهائي البطولة", "disagree"),
    ("فاز المنتخب الوطني بكأس البطولة", "أمطار غزيرة تضرب العاصمة", "other"),
]


def write_pairs(path: Path, rows) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["s1", "s2", "stance"])
        w.writerows(rows)
    return path


def test_read_pairs_names_the_file_and_line(tmp_path: Path) -> None:
    bad = write_pairs(tmp_path / "bad.csv", [*PAIRS[:2], ("ادعاء", "فقرة", "maybe")])
    with pytest.raises(ValueError, match=r"bad\.csv: line 4: unknown stance 'maybe'"):
        read_pairs(bad)
    (tmp_path / "cols.csv").write_text("claim,passage\nx,y\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"cols\.csv: line 1: missing column"):
        read_pairs(tmp_path / "cols.csv")
    labels = [p.stance for p in read_pairs(write_pairs(tmp_path / "ok.csv", PAIRS))]
    assert set(labels) == {"support", "contradict", "neutral"}


def test_generators_are_seeded_and_never_restate_the_claim() -> None:
    pairs = [
        Pair(c, p, {"agree": "support", "disagree": "contradict"}.get(s, "neutral"))
        for c, p, s in PAIRS
    ]
    pairs.append(Pair("أمطار غزيرة تضرب العاصمة", PAIRS[0][0], "neutral"))  # a reused headline
    a = generated_neutrals(pairs, seed=7)
    assert a == generated_neutrals(pairs, seed=7)
    assert all(n.stance == "neutral" and n.passage != n.claim for n in a)
    contra = generated_contradictions(pairs, default_analyzer(), seed=7)
    assert contra == generated_contradictions(pairs, default_analyzer(), seed=7)
    assert contra and all(
        c.stance == "contradict" and c.source.startswith("generated:") for c in contra
    )
    longer = generated_longer(pairs, seed=7, share=1.0)
    assert longer
    for x in longer:  # the same pair, with more said after its passage, label kept
        assert any(
            x.claim == p.claim
            and x.stance == p.stance
            and x.passage.startswith(p.passage.rstrip(" .،"))
            for p in pairs
        )


def test_a_tiny_model_trains_predicts_and_explains(tmp_path: Path) -> None:
    analyzer = default_analyzer()
    pairs = read_pairs(write_pairs(tmp_path / "t.csv", PAIRS))
    rows, labels = featurize(pairs, analyzer)
    lexical = [f for f in FEATURES if f != "similarity"]
    model = fit(rows, labels, lexical, "logistic", {"C": 1.0})
    preds = model.predict(rows)
    assert all(p.stance in CLASSES and 0 <= p.confidence <= 1 for p in preds)
    # Contributions are centred log-odds: the chosen class's sum plus its intercept share is
    # the largest of the three.
    assert set(preds[0].contributions) == set(lexical)
    assert evaluate([p.stance for p in preds], labels).accuracy >= 0.75


def test_training_is_reproducible(tmp_path: Path) -> None:
    path = write_pairs(tmp_path / "t.csv", PAIRS)
    a = train([path], [path], default_analyzer(), None, seed=11).data
    b = train([path], [path], default_analyzer(), None, seed=11).data
    assert a["models"] == b["models"] and a["scores"] == b["scores"]


def test_train_writes_a_model_file_that_loads(tmp_path: Path) -> None:
    path = write_pairs(tmp_path / "t.csv", PAIRS)
    models = train([path], [path], default_analyzer(), None)
    out = tmp_path / "m.json"
    models.save(out)
    again = StanceModels.load(out)
    assert set(again.models) == {"lexical"}
    assert again.choose(semantic=True).features == again.models["lexical"].features


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json", "cannot read the stance model"),
        ('{"format": 99, "models": {}}', "format 99"),
        ('{"format": 1, "models": {"lexical": {"kind": "magic"}}}', "damaged stance model"),
    ],
)
def test_a_bad_model_file_is_a_clear_error(tmp_path: Path, content: str, message: str) -> None:
    bad = tmp_path / "m.json"
    bad.write_text(content, encoding="utf-8")
    with pytest.raises(ModelError, match=message) as info:
        StanceModels.load(bad)
    assert (str(bad) in str(info.value) and "factcheck stance train" in str(info.value)) or (
        "cannot read" in str(info.value)
    )


def test_the_packaged_model_and_its_card() -> None:
    models = default_models()
    assert {"lexical", "semantic"} <= set(models.models)
    data = models.data
    assert data["features"] == list(FEATURES)
    root = Path(__file__).resolve().parent.parent
    model = root / "factcheck" / "data" / "stance_model.json"
    assert model.stat().st_size < 5_000_000
    card = (root / "factcheck" / "data" / "stance_model.md").read_text(encoding="utf-8")
    assert "Apache" in card and "Khouja" in card and "test split was not used" in card
    for name, scores in data["scores"].items():
        assert f"| {name} | {scores['chosen']} | {scores['dev']['macro_f1']:.3f}" in card


def test_cli_stance_eval_scores_a_file(tmp_path: Path) -> None:
    path = write_pairs(tmp_path / "t.csv", PAIRS)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "factcheck.cli",
            "stance",
            "eval",
            str(path),
            "--mode",
            "learned",
            "--json",
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    scores = json.loads(done.stdout)[str(path)]
    assert scores["n"] == len(PAIRS) and 0 <= scores["macro_f1"] <= 1
    bad = subprocess.run(
        [sys.executable, "-m", "factcheck.cli", "stance", "eval", str(tmp_path / "nope.csv")],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert bad.returncode == 2 and "nope.csv" in bad.stderr


def test_contributions_explain_the_logistic_probabilities() -> None:
    # For a logistic model the centred contributions plus the centred intercept reproduce the
    # log-odds differences between classes.
    spec = {
        "kind": "logistic",
        "features": ["coverage", "flipped"],
        "classes": list(CLASSES),
        "mean": [0.0, 0.0],
        "scale": [1.0, 1.0],
        "coef": [[2.0, -1.0], [0.0, 3.0], [-2.0, 0.0]],
        "intercept": [0.0, 0.0, 0.0],
    }
    from factcheck.engine.model import StanceModel

    m = StanceModel(spec)
    p = m.predict([{"coverage": 1.0, "flipped": 1.0}])[0]
    assert p.stance == "contradict"
    logits = np.array([2.0 - 1.0, 3.0, -2.0])
    probs = np.exp(logits) / np.exp(logits).sum()
    assert p.confidence == pytest.approx(probs[1], abs=1e-3)
    assert p.contributions["flipped"] == pytest.approx(3.0 - (-1.0 + 3.0 + 0.0) / 3)
