"""The Desk widget without a browser or a kernel: set traits and click buttons as the front end
would, then look at the session state, the HTML the widgets hold and the CSV on disk."""

from __future__ import annotations

import base64
import csv
import html
import io
import json
import logging
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import ipywidgets as w
import pytest

from factcheck.desk.render import ALLOWED_TAGS
from factcheck.desk.session import DeskError, DeskSession
from factcheck.ingest.corpus import sample_corpus_path
from factcheck.records import Claim
from factcheck.text.ids import claim_id_for
from factcheck.verdicts.log import RETRACTED, VerdictLog
from factcheck.widgets import Desk
from factcheck.widgets.claims_panel import LIST_LIMIT
from factcheck.widgets.common import PLOTLY_MIME, guarded
from factcheck.widgets.desk import COVERAGE_TAB, LOG_TAB, TABS

HOSTILE_SCRIPT = '<script>alert("xss-script")</script>'
HOSTILE_IMG = "<img src=x onerror=\"alert('xss-img')\">"
HOSTILE_LINK = "<a href=\"javascript:alert('xss-link')\">التقرير الكامل</a>"
HOSTILE_OUTLET = '<b onmouseover="alert(1)">Evil</b> News'
HOSTILE_ARTICLE = (
    f"قال وزير العمل إن نسبة البطالة انخفضت إلى 7.5% في عام 2023 {HOSTILE_SCRIPT} بحسب البيان.\n"
    f"وأضاف الوزير أن {HOSTILE_IMG} عدد العاطلين عن العمل بلغ 200 ألف شخص في عام 2023.\n"
    f"وللمزيد اقرأ {HOSTILE_LINK} على موقع وزارة العمل.\n"
)
NORMAL_ARTICLE = (
    "نفت نقابة العمال أن تكون نسبة البطالة انخفضت إلى 7.5% في عام 2023، "
    "وقالت إن النسبة ارتفعت إلى 9% في العام نفسه.\n"
    "وأكدت النقابة أن عدد العاطلين عن العمل بلغ 350 ألف شخص.\n"
)


def write_hostile_corpus(folder: Path) -> Path:
    """A hostile article (script, img onerror, javascript: link; hostile outlet and title) and a
    normal one contradicting it."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "001_hostile.txt").write_text(HOSTILE_ARTICLE, encoding="utf-8")
    (folder / "002_normal.txt").write_text(NORMAL_ARTICLE, encoding="utf-8")
    with (folder / "sources.csv").open("w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(["file", "source", "url", "date", "title"])
        out.writerow(["001_hostile.txt", HOSTILE_OUTLET, "", "2023-05-01", HOSTILE_SCRIPT])
        out.writerow(["002_normal.txt", "الجريدة", "", "2023-05-02", "البطالة"])
    return folder


DESK_TAGS = ALLOWED_TAGS | {"style", "table", "thead", "tbody", "tr", "th", "td", "a"}
"""Tags the desk's HTML may hold: render's own, the stylesheet, the log table, download links."""


class _Markup(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def markup(text: str) -> list[tuple[str, list[tuple[str, str]]]]:
    """Every start tag in ``text`` with its attributes, as a browser's parser would see them."""
    parser = _Markup()
    parser.feed(text)
    parser.close()
    return [(t, [(k, v or "") for k, v in a]) for t, a in parser.tags]


def walk(widget: w.Widget) -> Iterator[w.Widget]:
    yield widget
    for child in getattr(widget, "children", ()):
        yield from walk(child)


def html_values(desk: Desk) -> list[str]:
    return [x.value for x in walk(desk) if isinstance(x, w.HTML)]


def csv_rows(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8-sig"))))


def download(desk: Desk, filename: str) -> bytes:
    """What the browser saves from the log tab's ``<a download=filename href=data:...>``."""
    m = re.search(
        rf'download="{re.escape(filename)}" href="data:[^;"]+;base64,([A-Za-z0-9+/=]*)"',
        desk.log_panel.downloads.value,
    )
    assert m, f"no download link for {filename}"
    return base64.b64decode(m.group(1))


def strings(node: object, path: str = "") -> Iterator[tuple[str, str]]:
    """Every string in a JSON-like tree with its path (``.layout.xaxis.ticktext[0]``)."""
    if isinstance(node, dict):
        for key, value in node.items():
            yield from strings(value, f"{path}.{key}")
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from strings(value, f"{path}[{i}]")
    elif isinstance(node, str):
        yield path, node


def chart_data(desk: Desk, name: str) -> dict:
    (output,) = desk.charts.outputs[name].outputs
    return output["data"][PLOTLY_MIME]


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> DeskSession:
    return DeskSession(
        sample_corpus_path(), tmp_path_factory.mktemp("base") / "v.csv", coverage_limit=4
    )


@pytest.fixture
def desk(base: DeskSession, tmp_path: Path) -> Desk:
    session = DeskSession(
        base.corpus,
        tmp_path / "v.csv",
        editor="Huda",
        engine=base.engine,
        claims=base.claims,
        coverage_limit=4,
    )
    return Desk(session, editor="Huda")


def both_claim(desk: Desk) -> str:
    """Id of a sample claim with supporting and contradicting evidence."""
    s = desk.session
    for c in s.claims:
        r = s.engine.check(c.text, s.top_k)
        if r.supports and r.contradicts:
            return c.claim_id
    pytest.fail("no sample claim has both supporting and contradicting evidence")


# -- opening ----------------------------------------------------------------------------------


def test_one_call_opens_the_desk_on_a_folder(tmp_path: Path) -> None:
    desk = Desk(sample_corpus_path(), log=tmp_path / "v.csv", editor="Huda")
    assert desk.editor == "Huda" and desk.form.editor_box.value == "Huda"
    assert isinstance(desk.session.log, VerdictLog)
    assert desk.session.log.path == tmp_path / "v.csv"
    assert desk.tabs.titles == TABS
    options = desk.claims.select.options
    assert len(options) == len(desk.session.claims) > 0
    label, value = options[0]
    assert value == desk.session.claims[0].claim_id
    assert re.search(r"منبر|منابر|منبران|منبراً", label), label  # how many outlets carry it
    assert desk.selected_claim_id == "" and desk.status.startswith("اختر ادعاءً")
    css = desk.style_html.value
    assert "direction: rtl" in css and ".fc-card" in css and ".fc-rtl" in css


def test_desk_accepts_a_loaded_corpus(base: DeskSession, tmp_path: Path) -> None:
    desk = Desk(base.corpus, log=str(tmp_path / "v.csv"), editor="Huda")
    assert desk.session.corpus is base.corpus
    assert [v for _, v in desk.claims.select.options] == [c.claim_id for c in base.claims]


def test_rtl_inputs_carry_the_rtl_class(desk: Desk) -> None:
    for widget in (
        desk.claims.filter,
        desk.claims.select,
        desk.claims.new_claim,
        desk.form.note,
        desk.form.editor_box,
        desk.evidence.outlet_filter,
        desk.log_panel.claim_filter,
    ):
        assert "fc-rtl" in widget._dom_classes
    assert "fc-desk" in desk._dom_classes


# -- selecting a claim ------------------------------------------------------------------------


def test_selecting_a_claim_shows_its_evidence_grouped(desk: Desk) -> None:
    cid = both_claim(desk)
    desk.claims.select.value = cid
    s = desk.session
    assert desk.selected_claim_id == cid == s.claim_id
    assert desk.claim_text == s.claim(cid).text
    assert set(desk.evidence.cards) == {e.passage.passage_id for e in s.evidence}
    headings = [
        box.children[0].value for box in desk.evidence.groups.children if isinstance(box, w.VBox)
    ]
    assert len(headings) == 3
    assert "يدعم" in headings[0] and "يناقض" in headings[1] and "ذو صلة" in headings[2]
    for card in desk.evidence.cards.values():
        ev = card.evidence
        value = card.card.value
        assert f'data-passage-id="{ev.passage.passage_id}"' in value
        assert f"fc-badge fc-{ev.stance}" in value
        assert 'dir="rtl"' in value
        if ev.source:
            assert ev.source in value
    assert s.claim(cid).text in html.unescape(desk.evidence.header.value)
    assert "support" in desk.status and "contradict" in desk.status


def test_outlet_and_stance_filters_rerender_the_cards(desk: Desk) -> None:
    desk.selected_claim_id = both_claim(desk)
    outlets = [v for _, v in desk.evidence.outlet_filter.options if v]
    assert outlets == list(desk.session.outlets())
    desk.evidence.outlet_filter.value = outlets[0]
    shown = {c.evidence.passage.passage_id for c in desk.evidence.cards.values()}
    assert shown == {
        e.passage.passage_id for e in desk.session.filtered_evidence(outlets=[outlets[0]])
    }
    desk.evidence.outlet_filter.value = ""
    desk.evidence.stance_filter.value = "contradict"
    assert {c.evidence.stance for c in desk.evidence.cards.values()} == {"contradict"}
    # An outlet filter that the next claim's evidence does not have falls back to all outlets
    # (top_k=2: few enough passages that some outlet is missing from some claim's evidence).
    desk.session.top_k = 2
    desk.selected_claim_id = ""
    desk.evidence.stance_filter.value = ""
    pairs = [
        (
            c.claim_id,
            {e.source or e.passage.doc_id for e in desk.session.engine.check(c.text, 2).evidence},
        )
        for c in desk.session.claims
    ]
    first, shown = next((cid, seen) for cid, seen in pairs if seen)
    other = next(cid for cid, seen in pairs if seen and not seen & shown)
    desk.selected_claim_id = first
    desk.evidence.outlet_filter.value = sorted(shown)[0]
    desk.selected_claim_id = other
    assert desk.evidence.outlet == ""
    assert set(desk.evidence.cards) == {e.passage.passage_id for e in desk.session.evidence}


def test_ticking_a_card_is_evidence_for_the_verdict(desk: Desk) -> None:
    desk.selected_claim_id = both_claim(desk)
    card = next(iter(desk.evidence.cards.values()))
    card.use.value = True
    pid = card.passage_id
    assert desk.session.ticked == ((card.evidence.passage.doc_id, pid),)
    assert "fc-checked" in card.card.value
    assert "1" in desk.form.ticked_info.value
    card.use.value = False
    assert desk.session.ticked == ()
    assert "fc-checked" not in card.card.value


def test_article_context_is_revealed_on_demand(desk: Desk) -> None:
    desk.selected_claim_id = desk.session.claims[0].claim_id
    card = next(iter(desk.evidence.cards.values()))
    assert card.context.layout.display == "none" and card.context.html == ""
    card.context_toggle.value = True
    assert card.context.layout.display is None
    assert '<mark class="fc-focus">' in card.context.html
    assert "fc-context" in card.context.html
    card.context_toggle.value = False
    assert card.context.layout.display == "none"


def test_words_selected_in_the_article_are_checked_as_a_claim(desk: Desk) -> None:
    desk.selected_claim_id = desk.session.claims[0].claim_id
    card = next(iter(desk.evidence.cards.values()))
    card.context_toggle.value = True
    picker = card.context
    assert picker.check_button.disabled  # nothing selected yet
    _doc, passage = desk.session.context(card.passage_id)
    words = " ".join(passage.text.split()[:8])
    # What the browser sends when the editor selects words (white space folded on arrival).
    picker.article.set_state({"selection": "  " + words.replace(" ", "\n ", 1) + " "})
    assert picker.article.selection == words
    assert not picker.check_button.disabled and "Check the selected words" in (
        picker.check_button.description
    )
    picker.check_button.click()
    assert desk.claim_text == words and desk.session.claim_text == words
    assert desk.session.result is not None and desk.evidence.cards


def test_the_selection_widget_ships_its_module() -> None:
    from importlib import resources

    from factcheck.widgets.selection import SELECTION_LIMIT, ArticleContext

    esm = resources.files("factcheck.widgets").joinpath("selection.js").read_text("utf-8")
    assert "export default" in esm and "selectionchange" in esm
    widget = ArticleContext()
    widget.set_state({"selection": "x" * (SELECTION_LIMIT + 50)})
    assert len(widget.selection) == SELECTION_LIMIT


def test_enter_in_the_new_claim_box_checks_it(desk: Desk) -> None:
    assert desk.claims.new_claim.continuous_update is False  # value syncs on Enter
    text = "انسحبت القوات الأمريكية من العراق بالكامل"
    desk.claims.new_claim.value = text
    assert desk.selected_claim_id == claim_id_for(text)
    assert desk.claim_text == text
    assert desk.claims.select.value is None  # not a corpus claim
    assert text in desk.evidence.header.value
    assert desk.evidence.cards
    other = "القوات الأمريكية باقية في العراق"
    desk.claims.new_claim.value = other
    desk.claims.check_button.click()
    assert desk.selected_claim_id == claim_id_for(other)


def test_empty_claim_shows_a_message_not_a_traceback(desk: Desk) -> None:
    desk.check_claim("   ")
    assert "fc-msg-error" in desk.status_html.value
    assert "Type the claim" in desk.status_html.value


def test_filter_box_narrows_the_claim_list(desk: Desk) -> None:
    target = desk.session.claims[0]
    word = max(target.text.split(), key=len)
    desk.claims.filter.value = word
    values = [v for _, v in desk.claims.select.options]
    assert target.claim_id in values
    assert values == [c.claim_id for c in desk.session.filter_claims(word)]
    assert "من" in desk.claims.count.value or len(values) == len(desk.session.claims)
    desk.claims.filter.value = "zzzz"
    assert desk.claims.select.options == ()


def test_claim_list_is_bounded_and_the_filter_searches_all(
    base: DeskSession, tmp_path: Path
) -> None:
    doc = base.corpus.documents[0]
    texts = [f"قال الوزير إن عدد المشاريع بلغ {i} مشروعاً" for i in range(LIST_LIMIT + 50)]
    claims = tuple(
        Claim(claim_id_for(t), t, ("number",), (doc.doc_id,), (), 1.0, (doc.source,)) for t in texts
    )
    desk = Desk(DeskSession(base.corpus, tmp_path / "v.csv", engine=base.engine, claims=claims))
    assert len(desk.claims.select.options) == LIST_LIMIT
    assert f"first {LIST_LIMIT} of {len(texts)}" in desk.claims.count.value
    desk.claims.filter.value = f"بلغ {LIST_LIMIT + 10} مشروعاً"
    assert [v for _, v in desk.claims.select.options] == [claim_id_for(texts[LIST_LIMIT + 10])]


# -- the verdict form -------------------------------------------------------------------------


def test_save_without_a_verdict_shows_the_error_in_the_form(desk: Desk, tmp_path: Path) -> None:
    desk.selected_claim_id = desk.session.claims[0].claim_id
    desk.form.save_button.click()
    assert "fc-msg-error" in desk.form.message.value
    assert "Choose a verdict" in desk.form.message.value
    assert not (tmp_path / "v.csv").exists() or csv_rows(tmp_path / "v.csv") == []


def test_save_without_a_claim_or_editor_shows_the_error(desk: Desk) -> None:
    desk.form.verdict.value = "false"
    desk.form.save_button.click()
    assert "Select a claim first" in desk.form.message.value
    desk.selected_claim_id = desk.session.claims[0].claim_id
    desk.form.editor_box.value = ""
    desk.form.verdict.value = "false"
    desk.form.save_button.click()
    assert "Enter the editor" in desk.form.message.value


def test_save_appends_a_row_and_undo_a_superseding_row(desk: Desk, tmp_path: Path) -> None:
    log = tmp_path / "v.csv"
    cid = both_claim(desk)
    desk.claims.select.value = cid
    cards = list(desk.evidence.cards.values())
    cards[0].use.value = True
    cards[1].use.value = True
    desk.form.verdict.value = "misleading"
    desk.form.note.value = "الرقم في البيان الرسمي مختلف"
    desk.form.save_button.click()
    assert "fc-msg-ok" in desk.form.message.value and "Misleading" in desk.form.message.value
    rows = csv_rows(log)
    assert len(rows) == 1
    row = rows[0]
    assert row["claim_id"] == cid and row["verdict"] == "misleading" and row["editor"] == "Huda"
    assert row["note"] == "الرقم في البيان الرسمي مختلف"
    assert row["evidence"] == ";".join(
        f"{c.evidence.passage.doc_id}:{c.passage_id}" for c in cards[:2]
    )
    assert desk.form.note.value == ""  # ready for the next one
    assert "مضلل" in desk.form.current.value  # the standing verdict is shown

    desk.undo_last()
    rows = csv_rows(log)
    assert len(rows) == 2
    assert rows[1]["verdict"] == RETRACTED and rows[1]["supersedes"] == row["verdict_id"]
    assert "fc-msg-ok" in desk.form.message.value
    assert "No verdict recorded" in desk.form.current.value


def test_undo_with_nothing_to_undo_is_a_form_message(desk: Desk) -> None:
    desk.form.undo_button.click()
    assert "fc-msg-error" in desk.form.message.value
    assert "Nothing to undo" in desk.form.message.value


def test_a_claim_with_a_verdict_shows_it_when_selected(desk: Desk) -> None:
    first, second = desk.session.claims[0], desk.session.claims[1]
    desk.claims.select.value = first.claim_id
    desk.save("false", note="")
    desk.claims.select.value = second.claim_id
    assert "No verdict recorded" in desk.form.current.value
    assert desk.form.verdict.value is None  # the form starts clean for each claim
    desk.claims.select.value = first.claim_id
    assert "خاطئ" in desk.form.current.value and "False" in desk.form.current.value
    assert "Huda" in desk.form.current.value


def test_editor_name_is_kept_between_claims(desk: Desk, tmp_path: Path) -> None:
    desk.form.editor_box.value = "Omar"
    assert desk.editor == "Omar"
    desk.claims.select.value = desk.session.claims[0].claim_id
    desk.claims.select.value = desk.session.claims[1].claim_id
    assert desk.form.editor_box.value == "Omar"
    desk.save("true")
    assert csv_rows(tmp_path / "v.csv")[0]["editor"] == "Omar"


def test_a_log_that_cannot_be_written_is_a_form_message(base: DeskSession, tmp_path: Path) -> None:
    blocked = tmp_path / "blocked.csv"
    blocked.mkdir()  # a directory where the CSV should be: every append fails
    desk = Desk(
        DeskSession(base.corpus, blocked, engine=base.engine, claims=base.claims), editor="Huda"
    )
    # The desk still opens, and says what is wrong with the log.
    assert "fc-msg-error" in desk.status_html.value
    assert "Could not read the verdict log" in desk.status_html.value
    desk.claims.select.value = base.claims[0].claim_id
    desk.save("true")
    assert "fc-msg-error" in desk.form.message.value
    assert "Could not read the verdict log" in desk.form.message.value
    assert blocked.is_dir() and not any(blocked.iterdir())


# -- log tab and downloads --------------------------------------------------------------------


def test_log_tab_lists_newest_first_and_filters(desk: Desk, tmp_path: Path) -> None:
    assert "No verdicts recorded yet" in desk.log_panel.table.value
    a, b = desk.session.claims[0], desk.session.claims[1]
    desk.claims.select.value = a.claim_id
    desk.save("true")
    desk.form.editor_box.value = "Omar"
    desk.claims.select.value = b.claim_id
    desk.save("false")
    table = desk.log_panel.table.value
    ids = re.findall(r'data-verdict-id="([0-9a-f]+)"', table)
    assert ids == [r["verdict_id"] for r in reversed(csv_rows(tmp_path / "v.csv"))]
    desk.log_panel.editor_filter.value = "hud"
    assert len(re.findall(r"fc-log-row", desk.log_panel.table.value)) == 1
    desk.log_panel.editor_filter.value = ""
    desk.log_panel.claim_filter.value = b.claim_id
    assert re.findall(r'data-verdict-id="([0-9a-f]+)"', desk.log_panel.table.value) == ids[:1]


def test_downloads_carry_the_csv_and_claimreview(desk: Desk, tmp_path: Path) -> None:
    c = desk.session.claims[0]
    desk.claims.select.value = c.claim_id
    desk.save("false")
    assert json.loads(download(desk, "claimreview.jsonld")) == []  # a draft: not published
    desk.editor = "Omar"
    desk.form.approve_button.click()
    assert download(desk, "verdicts.csv") == (tmp_path / "v.csv").read_bytes()
    reviews = json.loads(download(desk, "claimreview.jsonld").decode("utf-8"))
    assert [r["claimReviewed"] for r in reviews] == [c.text]
    assert reviews[0]["reviewRating"]["alternateName"] == "خاطئ"
    desk.editor = "Huda"
    desk.undo_last()
    assert json.loads(download(desk, "claimreview.jsonld")) == []
    assert download(desk, "verdicts.csv") == (tmp_path / "v.csv").read_bytes()


# -- charts -----------------------------------------------------------------------------------


def test_charts_draw_when_the_tab_opens_and_follow_saves(desk: Desk) -> None:
    assert all(out.outputs == () for out in desk.charts.outputs.values())  # nothing drawn yet
    cid = both_claim(desk)
    desk.claims.select.value = cid
    desk.tabs.selected_index = COVERAGE_TAB
    matrix = chart_data(desk, "matrix")
    assert matrix["data"][0]["type"] == "heatmap"
    claim_chart = chart_data(desk, "claim")
    assert {t["type"] for t in claim_chart["data"]} == {"bar"}
    assert list(chart_data(desk, "verdicts")["data"][0]["y"]) == [0, 0, 0, 0, 0]

    desk.tabs.selected_index = 0
    desk.save("true")
    desk.tabs.selected_index = COVERAGE_TAB
    y = chart_data(desk, "verdicts")["data"][0]["y"]
    assert list(y) == [1, 0, 0, 0, 0]
    # While the tab is shown, a save redraws at once.
    desk.save("false")
    assert list(chart_data(desk, "verdicts")["data"][0]["y"]) == [0, 0, 0, 1, 0]
    assert desk.charts.drawn["matrix"] == 1  # the matrix is computed once


def test_log_tab_switch_does_not_draw_charts(desk: Desk) -> None:
    desk.tabs.selected_index = LOG_TAB
    assert all(out.outputs == () for out in desk.charts.outputs.values())


# -- security ---------------------------------------------------------------------------------


def test_hostile_article_is_escaped_everywhere(tmp_path: Path) -> None:
    folder = write_hostile_corpus(tmp_path / "articles")
    desk = Desk(folder, log=tmp_path / "v.csv", editor="Huda")
    desk.check_claim("انخفضت نسبة البطالة إلى 7.5% في عام 2023")
    passages = [c.evidence.passage.text for c in desk.evidence.cards.values()]
    assert any(HOSTILE_SCRIPT in p for p in passages), "the hostile passage is evidence"
    for card in desk.evidence.cards.values():
        card.context_toggle.value = True
        card.use.value = True
    desk.form.verdict.value = "false"
    desk.form.note.value = f"ملاحظة {HOSTILE_IMG} {HOSTILE_SCRIPT}"
    desk.form.save_button.click()
    assert "fc-msg-ok" in desk.form.message.value
    desk.tabs.selected_index = COVERAGE_TAB

    values = "\n".join(html_values(desk))
    for tag, attrs in markup(values):
        assert tag in DESK_TAGS, f"<{tag}> in an HTML widget"
        for name, value in attrs:
            assert not name.startswith("on"), f"event handler {name}={value!r} on <{tag}>"
            assert name != "src", f"src={value!r} on <{tag}>"
            if name == "href":
                assert tag == "a" and value.startswith("data:"), f"href={value!r}"
    # ...and the text is there, visible as text.
    assert "&lt;script&gt;alert(&quot;xss-script&quot;)&lt;/script&gt;" in values
    assert "&lt;img src=x onerror=&quot;alert(&#x27;xss-img&#x27;)&quot;&gt;" in values
    assert "javascript:alert(&#x27;xss-link&#x27;)" in values
    assert "&lt;b onmouseover=" in values  # the outlet name
    # The log tab shows the hostile note escaped too.
    assert "ملاحظة &lt;img" in desk.log_panel.table.value
    # Charts: plotly parses a small HTML subset in the text it shows (tick labels, titles,
    # hover); the raw outlet name may only be a category value, shown through escaped ticktext.
    for name in ("claim", "matrix"):
        figure = chart_data(desk, name)
        raw = [p for p, text in strings(figure) if "<b onmouseover" in text]
        assert raw and all(re.search(r"\.(x|y|tickvals)\[\d+\]$", p) for p in raw), raw
        shown = [text for p, text in strings(figure) if "ticktext" in p]
        assert any("&lt;b onmouseover" in text for text in shown)


# -- errors never reach the editor as tracebacks ----------------------------------------------


class _Form:
    """A minimal owner for a guarded handler: it collects what would be shown."""

    def __init__(self) -> None:
        self.shown: list[str] = []

    @guarded(lambda self, html: self.shown.append(html))
    def editor_mistake(self) -> None:
        raise DeskError("اختر الحكم / Choose a verdict")

    @guarded(lambda self, html: self.shown.append(html))
    def bug(self) -> None:
        raise RuntimeError("kaput <b>")


def test_guarded_handlers_show_messages_and_log_unexpected_errors(
    caplog: pytest.LogCaptureFixture,
) -> None:
    form = _Form()
    assert form.editor_mistake() is None
    assert "fc-msg-error" in form.shown[-1] and "Choose a verdict" in form.shown[-1]
    assert 'dir="ltr" lang="en">Choose a verdict</bdi>' in form.shown[-1]
    with caplog.at_level(logging.ERROR, logger="factcheck.widgets"):
        assert form.bug() is None
    assert "Unexpected error (RuntimeError: kaput &lt;b&gt;)" in form.shown[-1]
    assert "nothing already recorded was lost" in form.shown[-1]
    (record,) = caplog.records
    assert record.exc_info and record.exc_info[0] is RuntimeError  # the traceback is logged


# -- the review workflow ----------------------------------------------------------------------


def test_a_saved_verdict_is_a_draft_until_another_editor_reviews_it(desk: Desk) -> None:
    c = desk.session.claims[0]
    desk.claims.select.value = c.claim_id
    desk.save("false")
    assert 'data-status="draft"' in desk.form.current.value
    desk.form.approve_button.click()  # Huda approving her own verdict: refused, nothing written
    assert "fc-msg-error" in desk.form.message.value
    assert "does not review their own verdict" in desk.form.message.value
    assert len(desk.session.log.read()) == 1
    desk.editor = "Omar"
    desk.review("dispute", note="الرقم قديم")
    assert "fc-msg-ok" in desk.form.message.value
    current = desk.form.current.value
    assert 'data-status="disputed"' in current and "Omar" in current and "الرقم قديم" in current
    desk.review("approve")
    assert 'data-status="approved"' in desk.form.current.value
    assert desk.session.log.current()["status"].tolist() == ["approved"]


def test_a_blind_second_opinion_hides_the_verdict_and_feeds_agreement(desk: Desk) -> None:
    c = desk.session.claims[0]
    desk.claims.select.value = c.claim_id
    desk.save("false")
    desk.editor = "Omar"
    desk.form.blind = True
    assert "fc-blind-note" in desk.form.current.value and "خاطئ" not in desk.form.current.value
    desk.save("true")
    assert "blind second opinion" in desk.form.message.value
    assert desk.form.blind is False  # the next save is ordinary again
    log = desk.session.log
    assert log.current()["editor"].tolist() == ["Huda"]  # the blind opinion is not current
    assert sorted(log.editor_verdicts()["editor"]) == ["Huda", "Omar"]
    desk.tabs.selected_index = COVERAGE_TAB
    fig = chart_data(desk, "agreement")
    assert [t["type"] for t in fig["data"]] == ["bar", "bar"]
    assert fig["data"][0]["x"] == [0.0]  # raw agreement: they disagree
    assert fig["data"][1]["text"] == ["n/a"]  # one shared claim: kappa undefined


def test_disputed_claims_are_listed_beside_the_agreement_chart(desk: Desk) -> None:
    desk.tabs.selected_index = COVERAGE_TAB
    assert "No disputed verdicts" in desk.charts.disputed.value
    c = desk.session.claims[1]
    desk.claims.select.value = c.claim_id
    desk.save("misleading")
    desk.editor = "Omar"
    desk.review("dispute", note="سياق ناقص")
    listed = desk.charts.disputed.value
    assert f'data-claim-id="{c.claim_id}"' in listed and "سياق ناقص" in listed


def test_assignment_shows_who_holds_a_claim_and_filters_mine(desk: Desk) -> None:
    a, b = desk.session.claims[0], desk.session.claims[1]
    desk.claims.select.value = a.claim_id
    desk.form.assignee.value = "Omar"
    desk.form.assign_button.click()
    assert "Claim assigned to Omar" in desk.form.message.value
    assert "fc-holder" in desk.form.current.value and "Omar" in desk.form.current.value
    labels = dict((v, k) for k, v in desk.claims.select.options)
    assert labels[a.claim_id].endswith("لدى Omar") and "لدى" not in labels[b.claim_id]
    desk.claims.mine = True  # Huda holds nothing
    assert desk.claims.select.options == ()
    desk.editor = "Omar"
    desk.claims.mine = False
    desk.claims.mine = True
    assert [v for _, v in desk.claims.select.options] == [a.claim_id]
    desk.editor = ""
    desk.claims.query = "x"  # "assigned to me" with no name: a clear message
    assert "Enter your name as editor" in desk.status_html.value
