"""Verdict scale: the default scale, newsroom scale files, and clear errors for bad ones."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from factcheck.verdicts.log import VerdictLog
from factcheck.verdicts.scale import (
    RETRACTED,
    SCALE_ENV,
    Scale,
    ScaleError,
    default_scale,
    load_scale,
    resolve_scale,
)

NEWSROOM = """
name = "مثال"
best = 2
worst = 0

[[label]]
key = "accurate"
ar = "دقيق"
en = "Accurate"
rating = 2
color = "#0a0"

[[label]]
key = "inaccurate"
ar = "غير دقيق"
en = "Inaccurate"
rating = 0
color = "#aa0000"

[[label]]
key = "satire"
ar = "ساخر"
en = "Satire"
color = "#888888"
"""


def test_default_scale() -> None:
    scale = default_scale()
    got = [(lb.key, lb.ar, lb.en, lb.rating) for lb in scale]
    assert got == [
        ("true", "صحيح", "True", 5),
        ("half-true", "صحيح جزئياً", "Half true", 3),
        ("misleading", "مضلل", "Misleading", 2),
        ("false", "خاطئ", "False", 1),
        ("unproven", "غير مثبت", "Unproven", None),
    ]
    assert (scale.best, scale.worst) == (5, 1)
    assert all(re.fullmatch(r"#[0-9a-f]{6}", lb.color) for lb in scale)
    assert len({lb.color for lb in scale}) == len(scale)
    assert RETRACTED not in scale
    assert scale["false"].name("en") == "False" and scale["false"].name("ar") == "خاطئ"
    with pytest.raises(KeyError, match="maybe"):
        scale["maybe"]


def test_newsroom_scale_replaces_the_default(tmp_path: Path) -> None:
    path = tmp_path / "scale.toml"
    path.write_text(NEWSROOM, encoding="utf-8")
    scale = load_scale(path)
    assert scale.keys == ("accurate", "inaccurate", "satire")
    assert (scale.name, scale.best, scale.worst, scale.source) == ("مثال", 2, 0, str(path))
    assert scale["satire"].rating is None

    log = VerdictLog(tmp_path / "v.csv", scale=path)
    assert log.record(claim="x", verdict="غير دقيق", editor="Huda").rating == 0
    with pytest.raises(ValueError, match=r"^verdict: unknown label 'false'.*accurate"):
        log.record(claim="x", verdict="false", editor="Huda")
    assert log.summary_by_label()["label"].tolist() == ["accurate", "inaccurate", "satire"]


def test_scale_from_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "scale.toml"
    path.write_text(NEWSROOM, encoding="utf-8")
    monkeypatch.setenv(SCALE_ENV, str(path))
    assert resolve_scale().keys == ("accurate", "inaccurate", "satire")
    assert VerdictLog(tmp_path / "v.csv").scale.source == str(path)
    assert resolve_scale(default_scale()) is default_scale()  # an explicit scale wins
    monkeypatch.setenv(SCALE_ENV, str(tmp_path / "missing.toml"))
    with pytest.raises(ScaleError, match=r"missing\.toml: scale file not found"):
        VerdictLog(tmp_path / "v.csv")
    monkeypatch.delenv(SCALE_ENV)
    assert resolve_scale() is default_scale()


def _label(**fields: object) -> str:
    out = ["[[label]]"]
    for k, v in fields.items():
        out.append(f"{k} = {v!r}".replace("'", '"') if isinstance(v, str) else f"{k} = {v}")
    return "\n".join(out) + "\n"


GOOD = _label(key="yes", ar="نعم", en="Yes", rating=5, color="#00ff00")
TOP = "best = 5\nworst = 1\n"


@pytest.mark.parametrize(
    ("text", "where", "what"),
    [
        ("worst = 1\n" + GOOD, "top level", "missing 'best'"),
        (TOP.replace("5", '"five"') + GOOD, "best", "must be a number"),
        ("best = 3\nworst = 3\n" + GOOD, "best/worst", "must differ"),
        (TOP, "label", "at least one [[label]]"),
        (TOP + "colour = 1\n" + GOOD, "top level", "unknown field(s) colour"),
        (TOP + _label(ar="لا", en="No", color="#fff"), "label #1", "missing 'key'"),
        (TOP + _label(key="no", en="No", color="#fff"), "label #1 ('no')", "missing 'ar'"),
        (TOP + _label(key="no", ar="لا", en="", color="#fff"), "label #1 ('no')", "'en' must be"),
        (TOP + GOOD + GOOD, "label #2 ('yes')", "duplicate label 'yes'"),
        (
            TOP + GOOD + _label(key="yes2", ar="نَعَم", en="Yep", color="#fff"),
            "label #2 ('yes2')",
            "duplicate label 'نعم': already used by label #1 ('yes')",
        ),
        (
            TOP + _label(key="no", ar="لا", en="No", rating=7, color="#fff"),
            "label #1 ('no')",
            "rating 7 is outside worst..best (1..5)",
        ),
        (
            TOP + _label(key="no", ar="لا", en="No", rating="low", color="#fff"),
            "label #1 ('no')",
            "rating must be a number",
        ),
        (
            TOP + _label(key="no", ar="لا", en="No", color="red"),
            "label #1 ('no')",
            "bad color 'red'",
        ),
        (
            TOP + _label(key="no", ar="لا", en="No", color="#12345"),
            "label #1 ('no')",
            "bad color '#12345'",
        ),
        (
            TOP + _label(key="retracted", ar="سحب", en="Retracted", color="#fff"),
            "label #1 ('retracted')",
            "reserved",
        ),
        (
            TOP + _label(key="No Way", ar="لا", en="No", color="#fff"),
            "label #1 ('No Way')",
            "lower-case ASCII",
        ),
        (
            TOP + _label(key="no", ar="لا", en="No", color="#fff", colour="#000"),
            "label #1 ('no')",
            "unknown field(s) colour",
        ),
        (TOP + "[[label]\nkey = 1\n", "not valid TOML", "line 3"),
    ],
)
def test_invalid_scale_names_file_and_entry(
    tmp_path: Path, text: str, where: str, what: str
) -> None:
    path = tmp_path / "newsroom.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ScaleError) as err:
        load_scale(path)
    message = str(err.value)
    assert message.startswith(f"{path}: {where}"), message
    assert what in message, message
    assert isinstance(err.value, ValueError)


def test_reversed_ends_are_allowed(tmp_path: Path) -> None:
    path = tmp_path / "rev.toml"
    path.write_text(
        "best = 1\nworst = 4\n" + _label(key="a", ar="أ", en="A", rating=3, color="#fff")
    )
    assert isinstance(load_scale(path), Scale)


def test_missing_scale_file(tmp_path: Path) -> None:
    with pytest.raises(ScaleError, match=r"nope\.toml: scale file not found"):
        load_scale(tmp_path / "nope.toml")
