"""HTML fragments: escaping of hostile text, highlight offsets, direction attributes, CSS."""

from __future__ import annotations

import re
import unicodedata
from html.parser import HTMLParser

import pytest
from bs4 import BeautifulSoup
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.desk.labels import STANCE_COLORS
from factcheck.desk.render import (
    ALLOWED_TAGS,
    claim_list_html,
    context_html,
    evidence_card,
    highlight,
    message_html,
    verdict_badge_html,
)
from factcheck.desk.style import DESK_CSS
from factcheck.records import Claim, Evidence, Passage, Reason
from factcheck.text.arabic import fold, fold_with_map

HOSTILE = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">x</a>',
    '" onmouseover="alert(1)',
    "' onfocus='alert(1)' autofocus='",
    "</div></blockquote><style>body{display:none}</style>",
    "&lt;script&gt; &amp; &#60;",
]

# A passage with harakat, shadda, tanween and a figure: offsets must land on whole letters.
ARABIC = "قَالَ الوَزِيرُ إِنَّ التَّضَخُّمَ بَلَغَ ٦٠٪ فِي عَامِ 2021، وَلَيْسَ 40%."


def soup(fragment: str) -> BeautifulSoup:
    return BeautifulSoup(fragment, "html.parser")


def assert_safe(fragment: str) -> BeautifulSoup:
    """Only our tags; no event handlers, links or sources anywhere."""
    s = soup(fragment)
    for tag in s.find_all(True):
        assert tag.name in ALLOWED_TAGS, f"unexpected <{tag.name}> in {fragment!r}"
        for attr in tag.attrs:
            assert not attr.lower().startswith("on"), f"{attr} on <{tag.name}>"
            assert attr.lower() not in {"href", "src", "srcdoc", "action", "formaction"}
    return s


def make_evidence(
    text: str = ARABIC,
    *,
    source: str = "الحرة",
    stance: str = "support",
    confidence: float = 0.87,
    reasons: tuple[Reason, ...] = (Reason("same_figure", "40%", "40%"),),
    speaker: str = "",
    date: str = "2021-12-10",
    matched: tuple[tuple[int, int], ...] = (),
    quantity_spans: tuple[tuple[int, int], ...] = (),
    independent: bool = True,
    doc_id: str = "doc-1",
) -> Evidence:
    return Evidence(
        passage=Passage("pid-1", doc_id, text, 0, len(text)),
        source=source,
        date=date,
        score=1.0,
        stance=stance,  # type: ignore[arg-type]
        confidence=confidence,
        reasons=reasons,
        speaker=speaker,
        cluster_id="k1",
        independent=independent,
        matched=matched,
        quantity_spans=quantity_spans,
    )


def span_of(text: str, word: str) -> tuple[int, int]:
    """Where ``word`` (undiacritised) occurs in ``text``, found as the desk does: on the folded
    text, mapped back onto whole original characters."""
    fm = fold_with_map(text)
    i = fm.text.index(fold(word))
    return fm.to_original(i, i + len(fold(word)))


# ---- hostile input through every builder --------------------------------------------------------


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_passage_in_evidence_card(bad):
    text = f"قال المسؤول {bad} في بيان"
    ev = make_evidence(
        text,
        source=bad,
        speaker=bad,
        date=bad,
        reasons=(Reason("negation", bad), Reason("different_figure", "60%", bad)),
        matched=((0, 3),),
        quantity_spans=((12, 12 + len(bad)),),
    )
    out = evidence_card(ev, doc_title=bad, copies_sources=[bad, "عنب بلدي"], checked=True)
    s = assert_safe(out)
    visible = s.get_text()
    assert visible.count(bad) >= 6  # passage, outlet, speaker, date, reason, title, copies
    assert s.find("mark", class_="fc-qty").get_text() == bad
    assert s.find("blockquote").get_text() == text


@pytest.mark.parametrize("bad", HOSTILE)
def test_hostile_text_in_other_builders(bad):
    claim = Claim(bad, f"ادعاء {bad}", ("number", bad), ("d1",), ("p1",), 0.5, (bad, "الحرة"))
    for out in (
        claim_list_html([claim], selected=bad),
        context_html(f"قبل {bad} بعد", 4, 4 + len(bad)),
        context_html(f"{bad} " * 30, 0, len(bad), radius=20),
        message_html(bad, kind="error"),
        verdict_badge_html(bad, bad, "#2e7d32"),
        highlight(bad, [(0, len(bad), "fc-match")]),
    ):
        s = assert_safe(out)
        assert bad in s.get_text()
    li = soup(claim_list_html([claim], selected=bad)).find("li")
    assert li["data-claim-id"] == bad  # attribute value round-trips, quotes and all
    assert "fc-selected" in li["class"]


def test_highlight_marks_hostile_span_without_breaking_out():
    bad = '" onmouseover="alert(1)'
    out = highlight(f"x{bad}y", [(1, 1 + len(bad), "fc-match")])
    assert out == 'x<mark class="fc-match">&quot; onmouseover=&quot;alert(1)</mark>y'


# ---- highlight -----------------------------------------------------------------------------------


def test_highlight_arabic_with_diacritics_marks_exact_slices():
    spans = [span_of(ARABIC, w) for w in ("التضخم", "الوزير")]
    qty = (ARABIC.index("٦٠٪"), ARABIC.index("٦٠٪") + 3)
    out = highlight(ARABIC, [(s, e, "fc-match") for s, e in spans] + [(*qty, "fc-qty")])
    s = soup(out)
    marks = s.find_all("mark")
    got = {(m.get_text(), tuple(m["class"])) for m in marks}
    assert got == {
        (ARABIC[spans[0][0] : spans[0][1]], ("fc-match",)),
        (ARABIC[spans[1][0] : spans[1][1]], ("fc-match",)),
        ("٦٠٪", ("fc-qty",)),
    }
    assert ARABIC[spans[0][0] : spans[0][1]] == "التَّضَخُّمَ"  # the final fatha comes along
    assert s.get_text() == ARABIC


def test_highlight_widens_a_cut_through_a_letter_and_its_marks():
    text = "بَلَغَ"  # b, fatha, l, fatha, gh, fatha
    # End at 3 would leave the fatha of lam outside; start at 1 is a fatha (no base).
    out = highlight(text, [(1, 3, "fc-match")])
    assert soup(out).find("mark").get_text() == text[0:4]
    assert soup(out).get_text() == text


def test_highlight_never_splits_a_surrogate_pair():
    text = "a\ud83d\ude00b"  # a surrogate pair as decoded from some UTF-16 sources
    out = highlight(text, [(2, 3, "fc-match")])
    assert out == 'a<mark class="fc-match">\ud83d\ude00</mark>b'


def test_highlight_merges_overlapping_and_nested_spans():
    text = "abcdefghij"
    out = highlight(text, [(1, 5, "fc-match"), (3, 8, "fc-match"), (4, 6, "fc-qty")])
    assert out == (
        'a<mark class="fc-match">bcd</mark>'
        '<mark class="fc-match fc-qty">ef</mark>'
        '<mark class="fc-match">gh</mark>ij'
    )
    nested = highlight(text, [(0, 10, "fc-match"), (2, 4, "fc-qty")])
    assert nested == (
        '<mark class="fc-match">ab</mark><mark class="fc-match fc-qty">cd</mark>'
        '<mark class="fc-match">efghij</mark>'
    )
    # Adjacent spans of one class read as one mark; empty spans are ignored.
    assert (
        highlight(text, [(0, 2, "x"), (2, 4, "x"), (5, 5, "y")])
        == '<mark class="x">abcd</mark>efghij'
    )


@pytest.mark.parametrize(
    "spans",
    [
        [(-1, 2, "fc-match")],
        [(0, 11, "fc-match")],
        [(5, 4, "fc-match")],
        [(0, 2, 'x" onclick="alert(1)')],
        [(0, 2, "")],
        [(0.5, 2, "fc-match")],
        [(0, 2)],
    ],
)
def test_highlight_rejects_bad_spans(spans):
    with pytest.raises(ValueError, match="span #0"):
        highlight("abcdefghij", spans)


SPAN_TEXT = st.text(alphabet="قالوزير \u064e\u0651\u064b<>&\"'\n60٪abc", max_size=40)


@st.composite
def text_and_spans(draw):
    text = draw(SPAN_TEXT)
    n = len(text)
    spans = []
    for _ in range(draw(st.integers(0, 5))):
        a = draw(st.integers(0, n))
        b = draw(st.integers(a, n))
        spans.append((a, b, draw(st.sampled_from(["fc-match", "fc-qty"]))))
    return text, spans


class MarkedText(HTMLParser):
    """The character data of a fragment and which positions sit inside ``<mark>``.

    (Python's own parser: BeautifulSoup collapses whitespace-only strings, which would hide
    exactly the kind of loss this property is after.)"""

    def __init__(self, fragment: str) -> None:
        super().__init__(convert_charrefs=True)
        self.text = ""
        self.covered: set[int] = set()
        self.depth = 0
        self.feed(fragment)
        self.close()

    def handle_starttag(self, tag, attrs):
        if tag == "mark":
            assert self.depth == 0, "nested <mark>"
            self.depth += 1

    def handle_endtag(self, tag):
        if tag == "mark":
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.covered.update(range(len(self.text), len(self.text) + len(data)))
        self.text += data


@settings(max_examples=300, deadline=None)
@given(text_and_spans())
def test_highlight_properties(case):
    text, spans = case
    out = highlight(text, spans)
    assert_safe(out)
    parsed = MarkedText(out)
    # Escaping and marking never lose, add or reorder a character.
    assert parsed.text == text
    # Marks are flat, and cover every span, widened only to whole characters (never shrunk).
    wanted = {i for a, b, _ in spans for i in range(a, b)}
    assert wanted <= parsed.covered
    for i in parsed.covered - wanted:
        assert unicodedata.category(text[i]).startswith("M") or any(
            unicodedata.category(c).startswith("M") for c in text[i + 1 : i + 2]
        )


# ---- evidence_card -------------------------------------------------------------------------------


def test_evidence_card_structure():
    match = span_of(ARABIC, "التضخم")
    qty = (ARABIC.index("40%"), ARABIC.index("40%") + 3)
    ev = make_evidence(matched=(match,), quantity_spans=(qty,), speaker="Ned Price")
    out = evidence_card(
        ev, doc_title="عنوان المقال", copies_sources=["عنب بلدي", "", "عنب بلدي", "AP"]
    )
    s = assert_safe(out)
    card = s.find("div", class_="fc-card")
    assert card["dir"] == "rtl" and card["lang"] == "ar"
    assert "fc-card-support" in card["class"] and "fc-checked" not in card["class"]
    assert card["data-passage-id"] == "pid-1"
    badge = s.find("span", class_="fc-badge")
    assert badge["class"] == ["fc-badge", "fc-support"]
    assert badge.get_text() == "يدعم / Supports 87%"
    assert badge.find("bdi")["dir"] == "ltr"  # the percentage is an isolated LTR run
    outlet = s.find("span", class_="fc-outlet").find("bdi")
    assert outlet.get_text() == "الحرة" and outlet["dir"] == "auto"
    assert s.find("span", class_="fc-date").get_text() == "2021-12-10"
    assert s.find("span", class_="fc-speaker").find("bdi").get_text() == "Ned Price"
    quote = s.find("blockquote", class_="fc-passage")
    assert quote["dir"] == "rtl" and quote["lang"] == "ar"
    assert quote.find("mark", class_="fc-match").get_text() == ARABIC[match[0] : match[1]]
    assert quote.find("mark", class_="fc-qty").get_text() == "40%"
    assert quote.get_text() == ARABIC
    assert [li.get_text() for li in s.select("ul.fc-reasons li")] == [
        "الرقم نفسه: «40%» (same figure)"
    ]
    assert [li["data-reason"] for li in s.select("ul.fc-reasons li")] == ["same_figure"]
    copies = s.find("div", class_="fc-copies")
    assert copies.get_text() == "النص نفسه منشور أيضاً في: عنب بلدي، AP"  # deduplicated, no blanks
    assert s.find("div", class_="fc-title").get_text() == "عنوان المقال"


@pytest.mark.parametrize(
    ("stance", "label"),
    [
        ("support", "يدعم / Supports"),
        ("contradict", "يناقض / Contradicts"),
        ("neutral", "ذو صلة / Related"),
    ],
)
def test_evidence_card_stance_badges(stance, label):
    s = soup(evidence_card(make_evidence(stance=stance, confidence=0.5)))
    badge = s.find("span", class_="fc-badge")
    assert f"fc-{stance}" in badge["class"]
    assert badge.get_text() == f"{label} 50%"


def test_evidence_card_optional_parts():
    ev = make_evidence(source="", date="", reasons=(), independent=False, confidence=float("nan"))
    s = soup(evidence_card(ev, checked=True))
    assert "fc-checked" in s.find("div", class_="fc-card")["class"]
    assert "doc-1" in s.find("span", class_="fc-outlet").get_text()  # unknown outlet -> document
    assert s.find("span", class_="fc-date") is None
    assert s.find("span", class_="fc-speaker") is None
    assert s.find("ul", class_="fc-reasons") is None
    assert s.find("div", class_="fc-copies") is None
    assert s.find("span", class_="fc-syndicated") is not None
    assert "%" not in s.find("span", class_="fc-badge").get_text()
    # A Latin passage is not forced right-to-left.
    latin = soup(evidence_card(make_evidence("Inflation hit 60% in 2021.")))
    assert latin.find("blockquote")["dir"] == "auto"
    assert not latin.find("blockquote").has_attr("lang")


def test_evidence_card_errors_name_the_passage():
    with pytest.raises(ValueError, match=r"pid-1.*outside"):
        evidence_card(make_evidence("قصير", matched=((0, 50),)))
    with pytest.raises(ValueError, match=r"pid-1.*stance"):
        evidence_card(make_evidence(stance="maybe"))


# ---- the smaller builders ------------------------------------------------------------------------


def test_context_html_emphasises_the_passage():
    doc = "الفقرة الأولى.\nقَالَ الوزير إن التضخم 60%.\nالفقرة الأخيرة."
    start = doc.index("قَالَ")
    end = doc.index("60%.") + 4
    s = assert_safe(context_html(doc, start, end))
    div = s.find("div", class_="fc-context")
    assert div["dir"] == "rtl" and div["lang"] == "ar"
    assert div.find("mark", class_="fc-focus").get_text() == doc[start:end]
    assert div.get_text() == doc


def test_context_html_radius_trims_at_words():
    doc = " ".join(f"كلمة{i}" for i in range(50))
    start = doc.index("كلمة25")
    end = start + len("كلمة25")
    text = soup(context_html(doc, start, end, radius=20)).get_text()
    assert text.startswith("… ") and text.endswith(" …")
    words = text.strip("… ").split()
    assert "كلمة25" in words
    assert all(re.fullmatch(r"كلمة\d+", w) for w in words)  # no cut word at either end
    assert len(text) < 60


@pytest.mark.parametrize(("start", "end"), [(-1, 2), (3, 2), (0, 99)])
def test_context_html_rejects_bad_offsets(start, end):
    with pytest.raises(ValueError, match="outside"):
        context_html("نص قصير", start, end)


def test_verdict_badge():
    s = assert_safe(verdict_badge_html("صحيح", "True", "#2e7d32"))
    badge = s.find("span", class_="fc-verdict")
    assert badge.get_text() == "صحيح / True"
    assert badge["dir"] == "rtl" and badge["lang"] == "ar"
    assert badge["style"] == "background-color:#2e7d32;color:#fff"
    assert badge.find("bdi", class_="fc-verdict-en")["lang"] == "en"
    light = soup(verdict_badge_html("صحيح جزئياً", "Half true", "#fdd835")).find("span")
    assert light["style"].endswith("color:#000")  # dark text on a light colour
    assert soup(verdict_badge_html("", "True", "green")).get_text() == "True"


@pytest.mark.parametrize(
    "color",
    [
        "red;background:url(javascript:alert(1))",
        '#fff" onclick="x',
        "",
        "expression(alert(1))",
        "#12",
    ],
)
def test_verdict_badge_rejects_anything_but_a_colour(color):
    with pytest.raises(ValueError, match="colour"):
        verdict_badge_html("صحيح", "True", color)


@pytest.mark.parametrize(
    ("kind", "role"), [("error", "alert"), ("ok", "status"), ("info", "status")]
)
def test_message_html(kind, role):
    s = assert_safe(message_html("لم يُحفظ الحكم: المحرر مطلوب", kind=kind))
    div = s.find("div")
    assert div["class"] == ["fc-msg", f"fc-msg-{kind}"]
    assert div["role"] == role
    assert div["dir"] == "rtl" and div["lang"] == "ar"
    assert div.find("span", class_="fc-msg-text").get_text() == "لم يُحفظ الحكم: المحرر مطلوب"
    with pytest.raises(ValueError, match="kind"):
        message_html("x", kind="warning")  # type: ignore[arg-type]


def test_claim_list_html():
    claims = [
        Claim(
            "c1",
            "بلغ التضخم 60%",
            ("percent", "attributed"),
            ("d1",),
            ("p1",),
            2.0,
            ("الحرة", "AP"),
        ),
        Claim("c2", "Inflation hit 60%", ("number",), ("d2",), ("p2",), 1.0),
    ]
    s = assert_safe(claim_list_html(claims, selected="c2"))
    ol = s.find("ol", class_="fc-claims")
    assert ol["dir"] == "rtl" and ol["lang"] == "ar"
    items = ol.find_all("li")
    assert [li["data-claim-id"] for li in items] == ["c1", "c2"]
    assert "fc-selected" in items[1]["class"] and "fc-selected" not in items[0]["class"]
    assert [k.get_text() for k in items[0].select(".fc-kind")] == ["نسبة مئوية", "منسوب"]
    assert items[0].find(class_="fc-claim-text")["dir"] == "rtl"
    assert items[1].find(class_="fc-claim-text")["dir"] == "auto"
    assert items[0].find(class_="fc-claim-sources").get_text() == "المصادر: الحرة، AP"
    empty = soup(claim_list_html([]))
    assert "No claims yet" in empty.get_text() and empty.find("ol") is None


def test_desk_css():
    assert DESK_CSS.startswith("<style>") and DESK_CSS.endswith("</style>")
    assert (
        '"Noto Naskh Arabic", "Noto Sans Arabic", "Amiri", "Tahoma", "Arial", sans-serif'
        in DESK_CSS
    )
    # Every JupyterLab theme variable has a fallback, so Voila without the theme still works.
    uses = re.findall(r"var\((--jp-[\w-]+)(,?)", DESK_CSS)
    assert uses and all(comma == "," for _, comma in uses)
    for cls in (
        "fc-card",
        "fc-badge",
        "fc-support",
        "fc-contradict",
        "fc-neutral",
        "fc-match",
        "fc-qty",
    ):
        assert f".{cls}" in DESK_CSS
    for color in STANCE_COLORS.values():
        assert color in DESK_CSS
    assert DESK_CSS.count("{") == DESK_CSS.count("}")


def test_message_english_gloss_is_an_isolated_ltr_run() -> None:
    out = message_html("12 فقرة", "info", text_en="12 passages: <2> support")
    soup = BeautifulSoup(out, "html.parser")
    gloss = soup.find("bdi", class_="fc-msg-en")
    assert gloss is not None and gloss["dir"] == "ltr"
    assert gloss.get_text() == "12 passages: <2> support"  # escaped, shown verbatim
    assert soup.find("bdi", class_="fc-msg-icon") is not None
