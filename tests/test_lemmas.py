"""Lemmas through camel-tools (``factcheck.text.lemmas``), on a tiny hand-written morphology DB.

camel-tools reads its data folder once per process (at the import of ``camel_tools.data``), so
every test that imports the analyzer runs in a subprocess with its own ``CAMELTOOLS_DATA`` and
``HOME``, and with the socket layer replaced by a recorder that refuses every connection: a
test fails if anything so much as resolves a host name.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from factcheck.text.lemmas import (
    LemmaDataError,
    Lemmatizer,
    best_lemma,
    find_morphology_db,
)
from factcheck.text.stemming import analyze, default_stemmer, get_stemmer

# --- a tiny camel-tools morphology database -----------------------------------------------------
#
# The text format read by camel_tools.morphology.database.MorphologyDB: sections DEFINES,
# DEFAULTS, ORDER, TOKENIZATIONS, STEMBACKOFF; then prefixes, suffixes and stems as
# "form<TAB>category<TAB>feature:value ...", keyed by their normalised form (ا for أ إ آ, ي for ى,
# ه for ة); then the compatibility tables AB (prefix-stem), BC (stem-suffix), AC (prefix-suffix).

# "|" stands for the tab that separates form, category and features.
_DB = """\
###DEFINES###
DEFINE pos pos:noun pos:adj pos:verb pos:digit pos:punc pos:latin
DEFINE diac diac:*open*
DEFINE lex lex:*open*
DEFINE bw bw:*open*
DEFINE pos_lex_logprob pos_lex_logprob:*open*
###DEFAULTS###
DEFAULT pos:noun diac: lex: bw: pos_lex_logprob:-99
DEFAULT pos:digit diac: lex: bw: pos_lex_logprob:-99
DEFAULT pos:punc diac: lex: bw: pos_lex_logprob:-99
DEFAULT pos:latin diac: lex: bw: pos_lex_logprob:-99
###ORDER###
ORDER pos diac lex bw pos_lex_logprob
###TOKENIZATIONS###
###STEMBACKOFF###
###PREFIXES###
|Pref-0|diac: bw:
ال|NPref-Al|diac:الْ bw:Al/DET
و|Pref-Wa|diac:وَ bw:wa/CONJ
لل|NPref-LiAl|diac:لِلْ bw:li/PREP+Al/DET
ي|IVPref-hw|diac:يَ bw:ya/IV3MS
###SUFFIXES###
|Suff-0|diac: bw:
ه|NSuff-ap|diac:َة bw:+ap/NSUFF_FEM_SG
ات|NSuff-At|diac:ات bw:+At/NSUFF_FEM_PL
ها|PSuff-hA|diac:ها bw:+hA/POSS_PRON_3FS
###STEMS###
انسحاب|N|diac:اِنْسِحاب lex:اِنْسِحاب_1 pos:noun bw:<inosiHAb/NOUN pos_lex_logprob:-4.5
نسحب|IV|diac:نْسَحِب lex:اِنْسَحَب_1 pos:verb bw:nosaHib/IV pos_lex_logprob:-5.0
قو|N-ap|diac:قُوّ lex:قُوَّة_1 pos:noun bw:qu~/NOUN pos_lex_logprob:-3.9
امريكي|N-ap|diac:أَمْرِيكِيّ lex:أَمْرِيكِيّ_1 pos:adj bw:>amoriykiy~/ADJ pos_lex_logprob:-3.5
اميركي|N-ap|diac:أَمِيرْكِيّ lex:أَمْرِيكِيّ_1 pos:adj bw:>amiyrokiy~/ADJ pos_lex_logprob:-3.6
مهم|N-ap|diac:مُهِمّ lex:مُهِمّ_1 pos:adj bw:muhim~/ADJ pos_lex_logprob:-5.5
مهمه|N|diac:مُهِمَّة lex:مُهِمَّة_1 pos:noun bw:muhim~ap/NOUN pos_lex_logprob:-4.2
###TABLE AB###
Pref-0 N
Pref-0 N-ap
NPref-Al N
NPref-Al N-ap
Pref-Wa N
Pref-Wa N-ap
NPref-LiAl N
NPref-LiAl N-ap
IVPref-hw IV
###TABLE BC###
N Suff-0
N PSuff-hA
N-ap Suff-0
N-ap NSuff-ap
N-ap NSuff-At
IV Suff-0
###TABLE AC###
Pref-0 Suff-0
Pref-0 NSuff-ap
Pref-0 NSuff-At
Pref-0 PSuff-hA
NPref-Al Suff-0
NPref-Al NSuff-ap
NPref-Al NSuff-At
Pref-Wa Suff-0
Pref-Wa NSuff-ap
Pref-Wa NSuff-At
Pref-Wa PSuff-hA
NPref-LiAl Suff-0
NPref-LiAl NSuff-ap
NPref-LiAl NSuff-At
IVPref-hw Suff-0
""".replace("|", "\t")
# The stems: a noun and its verb; قوة with its plural; two spellings of one lemma (أمريكي);
# مهمة, ambiguous: the analyzer lists the adjective مُهِمّ first, the noun مُهِمَّة is more probable.

_CATALOGUE = {
    "version": "1.6",
    "packages": {},
    "components": {
        "MorphologyDB": {"default": "tiny", "datasets": {"tiny": {"path": "morphology_db/tiny"}}}
    },
}


def make_camel_data(root: Path, *, catalogue: bool = True, db: bool = True) -> Path:
    """A CAMELTOOLS_DATA folder laid out as camel_data installs it; returns the DB path."""
    path = root / "data" / "morphology_db" / "tiny" / "morphology.db"
    if db:
        path.parent.mkdir(parents=True)
        path.write_text(_DB, encoding="utf-8")
    if catalogue:
        root.mkdir(parents=True, exist_ok=True)
        (root / "catalogue.json").write_text(json.dumps(_CATALOGUE), encoding="utf-8")
    return path


# --- running code in a subprocess without a network --------------------------------------------

_NO_NETWORK = """
import json, socket, sys
ATTEMPTS = []
def _refuse(*args, **kwargs):
    ATTEMPTS.append(repr(args)[:120])
    raise OSError("network refused by the test")
socket.socket.connect = _refuse
socket.socket.connect_ex = _refuse
socket.getaddrinfo = _refuse
socket.create_connection = _refuse
def report(**out):
    out["attempts"] = ATTEMPTS
    out["modules"] = sorted(
        m for m in sys.modules if m.startswith(("camel_tools.data", "camel_tools.morphology"))
    )
    print(json.dumps(out, ensure_ascii=False))
"""


def run_isolated(code: str, tmp_path: Path, camel_data: Path | None) -> dict:
    home = tmp_path / "home"
    home.mkdir(exist_ok=True)
    env = {k: v for k, v in os.environ.items() if k != "CAMELTOOLS_DATA"}
    env["HOME"] = str(home)
    if camel_data is not None:
        env["CAMELTOOLS_DATA"] = str(camel_data)
    proc = subprocess.run(
        [sys.executable, "-c", _NO_NETWORK + code],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,
        timeout=300,
    )
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout.strip().splitlines()[-1])


def test_import_and_analysis_never_touch_the_network_without_data(tmp_path: Path) -> None:
    empty = tmp_path / "camel-empty"
    empty.mkdir()
    out = run_isolated(
        """
import factcheck
from factcheck.text import lemmas
from factcheck.text import stemming
text = "بدأ انسحاب القوات الأمريكية من العراق بنسبة ٦٠٪"
st = lemmas.lemma_or_stem()
report(terms=stemming.analyze(text), lemma_terms=stemming.analyze(text, st), name=st.name)
""",
        tmp_path,
        empty,
    )
    assert out["attempts"] == []
    assert out["modules"] == []  # camel_tools.data / .morphology never imported
    assert out["name"] == "light10-skeleton"  # no data: the stemmer analysis
    assert (
        out["lemma_terms"]
        == out["terms"]
        == analyze("بدأ انسحاب القوات الأمريكية من العراق بنسبة ٦٠٪")
    )
    assert not (tmp_path / "home" / ".camel_tools").exists()


def test_the_network_guard_sees_camel_tools_fetching_its_catalogue(tmp_path: Path) -> None:
    # Control for the test above: importing camel_tools.morphology without a catalogue makes
    # camel-tools download one, and the guard must see (and refuse) that attempt.
    empty = tmp_path / "camel-empty"
    empty.mkdir()
    out = run_isolated(
        """
try:
    import camel_tools.morphology.database
    failed = None
except Exception as exc:
    failed = type(exc).__name__
report(failed=failed)
""",
        tmp_path,
        empty,
    )
    assert out["attempts"], "camel-tools did not try the network: the guard proves nothing"
    assert out["failed"] is not None


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> dict:
    """Lemmas of a few words through the tiny database, computed in one isolated subprocess."""
    tmp = tmp_path_factory.mktemp("lemmas")
    root = tmp / "camel"
    make_camel_data(root)
    return run_isolated(
        """
from factcheck.text import lemmas
from factcheck.text.arabic import fold
lem = lemmas.Lemmatizer.from_env()
words = ["الانسحاب", "وانسحابها", "ينسحب", "القوات", "للقوات", "قوه", "الامريكيه", "الاميركيه",
         "امريكي", "المهمه", "بغداد", "2100", "oth"]
from factcheck.text import stemming
st = lemmas.lemma_or_stem()
report(
    name=lem.name,
    lemmas={w: lem(w) for w in words},
    raw={w: lem.lemma(w) for w in words},
    unfolded={w: lem.lemma(w) for w in ["الأمريكية", "الأميركية", "القوّات", "إنسحاب"]},
    cached=lem.cache_size,
    analyzer=st.name,
    terms=stemming.analyze("انسحاب القوات الأميركية من بغداد ٢١٠٠", st),
)
""",
        tmp,
        root,
    )


def test_tiny_db_lemmas(tiny: dict) -> None:
    assert tiny["attempts"] == []
    assert tiny["name"] == "camel-lemma:tiny"
    lemmas = tiny["lemmas"]
    assert lemmas["الانسحاب"] == lemmas["وانسحابها"] == "انسحاب"
    assert lemmas["ينسحب"] == "انسحب"  # the verb has its own lemma
    assert lemmas["القوات"] == lemmas["للقوات"] == lemmas["قوه"] == "قوه"  # broken plural undone
    assert lemmas["الامريكيه"] == lemmas["الاميركيه"] == lemmas["امريكي"] == "امريكي"


def test_tiny_db_most_probable_analysis_wins(tiny: dict) -> None:
    # المهمه: the adjective مُهِمّ is listed first (-5.5), the noun مُهِمَّة is more probable (-4.2)
    assert tiny["lemmas"]["المهمه"] == "مهمه"


def test_tiny_db_unknown_words_fall_back_to_the_stemmer(tiny: dict) -> None:
    assert tiny["raw"]["بغداد"] is None
    assert tiny["lemmas"]["بغداد"] == default_stemmer()("بغداد")
    assert tiny["lemmas"]["2100"] == "2100"
    assert tiny["lemmas"]["oth"] == "oth"
    assert tiny["cached"] == 13


def test_tiny_db_folded_and_original_spellings_get_the_same_lemma(tiny: dict) -> None:
    # The analyzer normalises its input as fold does, so lemmatising folded words loses nothing.
    unfolded = tiny["unfolded"]
    assert unfolded["الأمريكية"] == unfolded["الأميركية"] == tiny["raw"]["الامريكيه"]
    assert unfolded["إنسحاب"] == "انسحاب"
    assert unfolded["القوّات"] == "قوه"


def test_tiny_db_default_analyzer_uses_lemmas(tiny: dict) -> None:
    assert tiny["analyzer"] == "camel-lemma:tiny"
    assert tiny["terms"] == ["انسحاب", "قوه", "امريكي", default_stemmer()("بغداد"), "2100"]
    assert "camel_tools.morphology.analyzer" in tiny["modules"]


def test_from_db_refuses_to_import_camel_tools_without_a_catalogue(tmp_path: Path) -> None:
    root = tmp_path / "camel"
    db = make_camel_data(root, catalogue=False)
    out = run_isolated(
        f"""
from factcheck.text import lemmas
try:
    lemmas.Lemmatizer.from_db({str(db)!r})
    error = None
except lemmas.LemmaDataError as exc:
    error = str(exc)
report(error=error, from_env=lemmas.Lemmatizer.from_env() is None)
""",
        tmp_path,
        root,
    )
    assert out["attempts"] == []
    assert out["modules"] == []
    assert out["error"] is not None and "catalogue.json is missing" in out["error"]
    assert out["from_env"] is True  # no catalogue: no lemmatizer, and no error


def test_from_db_reports_a_broken_database(tmp_path: Path) -> None:
    root = tmp_path / "camel"
    db = make_camel_data(root)
    db.write_text("###DEFINES###\nnot a define line\n", encoding="utf-8")
    out = run_isolated(
        f"""
from factcheck.text import lemmas
try:
    lemmas.Lemmatizer.from_db({str(db)!r})
    error = None
except lemmas.LemmaDataError as exc:
    error = str(exc)
report(error=error)
""",
        tmp_path,
        root,
    )
    assert out["attempts"] == []
    assert out["error"] is not None
    assert str(db) in out["error"] and "not a camel-tools morphology database" in out["error"]


# --- finding the data (no camel-tools import) ----------------------------------------------------


def test_find_morphology_db(tmp_path: Path) -> None:
    root = tmp_path / "camel"
    assert find_morphology_db({}) is None
    assert find_morphology_db({"CAMELTOOLS_DATA": ""}) is None
    assert find_morphology_db({"CAMELTOOLS_DATA": str(root)}) is None  # no folder
    root.mkdir()
    assert find_morphology_db({"CAMELTOOLS_DATA": str(root)}) is None  # empty folder
    db = make_camel_data(root, catalogue=False)
    assert find_morphology_db({"CAMELTOOLS_DATA": str(root)}) is None  # DB but no catalogue
    (root / "catalogue.json").write_text(json.dumps(_CATALOGUE), encoding="utf-8")
    assert find_morphology_db({"CAMELTOOLS_DATA": str(root)}) == db


def test_find_morphology_db_prefers_the_catalogue_default(tmp_path: Path) -> None:
    root = tmp_path / "camel"
    make_camel_data(root)
    other = root / "data" / "morphology_db" / "aaa" / "morphology.db"
    other.parent.mkdir(parents=True)
    other.write_text("", encoding="utf-8")
    found = find_morphology_db({"CAMELTOOLS_DATA": str(root)})
    assert found == root / "data" / "morphology_db" / "tiny" / "morphology.db"
    # a catalogue without a MorphologyDB component: any installed database is used
    (root / "catalogue.json").write_text('{"version": "1.6", "packages": {}, "components": {}}')
    assert find_morphology_db({"CAMELTOOLS_DATA": str(root)}) == other


def test_find_morphology_db_reports_a_broken_catalogue(tmp_path: Path) -> None:
    make_camel_data(tmp_path)
    (tmp_path / "catalogue.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(
        LemmaDataError, match=re.escape("catalogue.json: unreadable camel-tools catalogue")
    ):
        find_morphology_db({"CAMELTOOLS_DATA": str(tmp_path)})


def test_from_env_is_none_without_data(tmp_path: Path) -> None:
    assert Lemmatizer.from_env({}) is None
    assert Lemmatizer.from_env({"CAMELTOOLS_DATA": str(tmp_path)}) is None


# --- the lemmatizer's own logic, with a stand-in analyzer ---------------------------------------


def test_best_lemma() -> None:
    assert best_lemma([]) is None
    assert best_lemma([{"lex": ""}, {"pos": "noun"}]) is None
    assert best_lemma([{"lex": "قُوَّة"}]) == "قوه"  # dediacritised and folded
    assert (
        best_lemma(
            [
                {"lex": "مُهِمّ", "pos_lex_logprob": -5.5},
                {"lex": "مُهِمَّة", "pos_lex_logprob": -4.2},
                {"lex": "هَمّ", "pos_lex_logprob": "bad"},
            ]
        )
        == "مهمه"
    )
    # equal scores: the database order decides; lex_logprob breaks pos_lex_logprob ties
    assert (
        best_lemma([{"lex": "أ", "pos_lex_logprob": -1}, {"lex": "ب", "pos_lex_logprob": -1}])
        == "ا"
    )
    assert (
        best_lemma(
            [
                {"lex": "أ", "pos_lex_logprob": -1, "lex_logprob": -3},
                {"lex": "ب", "pos_lex_logprob": -1, "lex_logprob": -2},
            ]
        )
        == "ب"
    )


def test_lemmatizer_caches_and_falls_back() -> None:
    calls: list[str] = []
    table = {"القوات": [{"lex": "قُوَّة", "pos_lex_logprob": -3.9}]}

    def analyses(word: str) -> list[dict]:
        calls.append(word)
        return table.get(word, [])

    fallback = get_stemmer("light10")
    lem = Lemmatizer(analyses, fallback, name="stand-in")
    assert lem("القوات") == "قوه"
    assert lem("القوات") == "قوه"
    assert lem("الانسحابات") == fallback("الانسحابات") == "انسحاب"
    assert lem("2100") == "2100"
    assert calls == ["القوات", "الانسحابات"]  # cached; numbers never analysed
    assert analyze("القوات والانسحابات", lem) == ["قوه", "انسحاب"]
    assert analyze("للقوات القوات", lem) == [lem("للقوات"), "قوه"]
    assert lem.name == "stand-in"
