"""HTML of the desk's panels (``factcheck.desk.panels``): escaped, right-to-left, and the only
markup the widgets show besides ``factcheck.desk.render`` (a test below fails when a widget
writes markup of its own)."""

from __future__ import annotations

import ast
import base64
from pathlib import Path

import pandas as pd
import pytest
from bs4 import BeautifulSoup

from factcheck.desk.panels import (
    LOG_ROWS,
    bilingual,
    current_verdict_html,
    desk_title_html,
    download_link,
    downloads_html,
    group_title_html,
    heading,
    log_table_html,
    message,
    open_claim_html,
    typed_claim_html,
)
from factcheck.verdicts.scale import default_scale

HOSTILE = ["<script>alert(1)</script>", '" onmouseover="alert(1)', "<img src=x onerror=alert(1)>"]
ROOT = Path(__file__).resolve().parent.parent


def soup(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


def no_injection(fragment: str) -> BeautifulSoup:
    s = soup(fragment)
    for tag in s.find_all(True):
        assert tag.name not in {"script", "img", "style", "iframe"}, tag.name
        assert not any(a.lower().startswith("on") for a in tag.attrs), tag
    return s


def log_frame(n: int, text: str = "ادعاء") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "verdict_id": [f"v{i}" for i in range(n)],
            "recorded_at": ["2026-05-09T07:35:25.123456Z"] * n,
            "editor": ["هدى"] * n,
            "claim": [text] * n,
            "verdict": ["false"] * n,
            "evidence": ["d1:p1;d2:p2"] * n,
            "note": [text] * n,
        }
    )


@pytest.mark.parametrize("bad", HOSTILE)
def test_every_builder_escapes(bad: str) -> None:
    scale = default_scale()
    row = {"verdict": "false", "editor": bad, "recorded_at": "2026-01-01T10:00:00Z", "note": bad}
    for fragment in (
        bilingual(bad, bad),
        heading(bad, bad),
        message(f"{bad} / {bad}", kind="error"),
        typed_claim_html(bad),
        open_claim_html(typed_claim_html(bad)),
        group_title_html("support", bad, bad, 3),
        current_verdict_html(row, scale),
        log_table_html(log_frame(2, bad), scale, 2),
        desk_title_html(5, 4, 3, 1),
    ):
        s = no_injection(fragment)
        assert "alert(1)" not in "".join(str(t.attrs) for t in s.find_all(True))


def test_bilingual_isolates_the_english_left_to_right() -> None:
    s = soup(bilingual("عدد الادعاءات: 12", "12 claims"))
    assert s.div["dir"] == "rtl" and s.div["lang"] == "ar"
    assert s.find("bdi")["dir"] == "ltr" and s.find("bdi").get_text() == "12 claims"


def test_log_table_shows_the_newest_rows_up_to_the_limit() -> None:
    scale = default_scale()
    s = soup(log_table_html(log_frame(LOG_ROWS + 5), scale, LOG_ROWS + 5))
    assert len(s.select("tr.fc-log-row")) == LOG_ROWS
    assert f"{LOG_ROWS + 5}" in s.get_text()
    first = s.select_one("tr.fc-log-row")
    assert first["data-verdict-id"] == "v0"
    cells = [td.get_text() for td in first.find_all("td")]
    assert cells[0] == "2026-05-09 07:35:25" and cells[4] == "2"  # two evidence items


@pytest.mark.parametrize(("total", "text"), [(0, "No verdicts recorded yet"), (3, "No rows match")])
def test_empty_log_table_says_why(total: int, text: str) -> None:
    assert text in log_table_html(log_frame(0), default_scale(), total)


def test_download_links_carry_the_bytes() -> None:
    data = "verdict_id,claim\r\nv1,ادعاء\r\n".encode("utf-8-sig")
    a = soup(download_link(data, "verdicts.csv", "text/csv", "⬇ CSV")).a
    assert a["download"] == "verdicts.csv"
    head, payload = a["href"].split(",", 1)
    assert head == "data:text/csv;base64"
    assert base64.b64decode(payload) == data
    s = soup(downloads_html(data, "[]", problems=2))
    assert len(s.find_all("a")) == 2 and "2 log rows could not be read" in s.get_text()


def _markup_in(path: Path) -> list[str]:
    tags = ("<div", "<span", "<bdi", "<table", "<tr", "<td", "<a ", "<ul", "<li", "<strong")
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        text = node.value if isinstance(node, ast.Constant) else None
        if isinstance(text, str) and any(t in text for t in tags):
            found.append(f"{path.name}:{node.lineno}")
    return found


def test_widgets_write_no_markup_of_their_own() -> None:
    found = [hit for p in sorted((ROOT / "widgets").glob("*.py")) for hit in _markup_in(p)]
    assert found == [], "HTML belongs in factcheck.desk.render / panels"


def test_the_title_says_when_semantic_matching_is_off() -> None:
    from factcheck.desk.session import EngineStatus

    on = soup(desk_title_html(5, 4, 3, 0, EngineStatus(True, "stance: learned+semantic")))
    assert "semantic matching on" in on.get_text()
    off = soup(desk_title_html(5, 4, 3, 0, EngineStatus(False, "the model could not load")))
    text = off.get_text()
    assert "semantic matching off, working lexically: the model could not load" in text
    assert "المطابقة بالمعنى متوقفة" in text
