"""The matching form (``factcheck.text.arabic``): normalisation table, offset map, tokens."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from factcheck.text.arabic import STOPWORDS, fold, fold_with_map, is_arabic, tokenize, words
from factcheck.text.stemming import analyze

# (original, folded): one row per thing the desk must treat as "the same text".
FOLD_TABLE = [
    # diacritics: harakat, tanween, shadda, sukun, dagger alef
    ("الأَمِيرْكِيَّة", "الاميركيه"),
    ("مُحَمَّدٌ", "محمد"),
    ("كتابًا", "كتابا"),
    ("بِسْمِ", "بسم"),
    ("هٰذا", "هذا"),
    # tatweel (kashida)
    ("العـــراق", "العراق"),
    ("بـغـداد", "بغداد"),
    # alef variants: hamza above / below, madda, wasla; hamza as a combining mark
    ("أحمد", "احمد"),
    ("إسلام", "اسلام"),
    ("آخر", "اخر"),
    ("ٱلله", "الله"),
    ("\u0627\u0654", "ا"),
    ("\u0627\u0655", "ا"),
    ("\u0627\u0653", "ا"),
    # alef maqsura, teh marbuta
    ("على", "علي"),
    ("مستشفى", "مستشفي"),
    ("مدرسة", "مدرسه"),
    ("القوات الأمريكية", "القوات الامريكيه"),
    # Arabic-Indic and Persian (extended) digits
    ("٠١٢٣٤٥٦٧٨٩", "0123456789"),
    ("۰۱۲۳۴۵۶۷۸۹", "0123456789"),
    ("عام ٢٠٢١", "عام 2021"),
    # percent, decimal and thousands separators
    ("٦٠٪", "60%"),
    ("٣٫٥", "3.5"),
    ("١٠٬٠٠٠", "10000"),
    # Arabic comma, semicolon, question mark
    ("،؛؟", ",;?"),
    # quote variants
    ("«نص»", '"نص"'),
    ("“نص”", '"نص"'),
    ("„نص“", '"نص"'),
    ("‘نص’", "'نص'"),
    ("‹نص›", "'نص'"),
    # presentation forms and ligatures
    ("ﻻ", "لا"),
    ("ﻷ", "لا"),
    ("ﻹ", "لا"),
    ("ﺑﻐﺪاد", "بغداد"),
    ("ﷲ", "الله"),
    # bidi marks, ZWNJ/ZWJ, isolates, embeddings, BOM
    ("\u200fالعراق\u200e", "العراق"),
    ("\u061cنص", "نص"),
    ("ال\u200cعراق", "العراق"),
    ("ال\u200dعراق", "العراق"),
    ("\u202bنص\u202c", "نص"),
    ("\u2067نص\u2069", "نص"),
    ("\ufeffنص", "نص"),
    ("نص\u200b", "نص"),
    # Persian letters written in Arabic text
    ("ک", "ك"),
    ("ی", "ي"),
    # Latin case, no-break space
    ("OTH", "oth"),
    ("BBC News", "bbc news"),
    ("a\u00a0b", "a b"),
    # the sample's spelling pairs that folding alone must join
    ("إنسحاب", "انسحاب"),
    ("الإستراتيجي", "الاستراتيجي"),
    ("تأريخ", "تاريخ"),
]


@pytest.mark.parametrize(("original", "folded"), FOLD_TABLE)
def test_fold_table(original: str, folded: str) -> None:
    assert fold(original) == folded
    assert fold_with_map(original).text == folded


@pytest.mark.parametrize(
    ("a", "b"),
    [("إنسحاب", "انسحاب"), ("الأمريكية", "الامريكيه"), ("٦٠٪", "60%"), ("ﻻ", "لا")],
)
def test_spelling_pairs_match_by_fold(a: str, b: str) -> None:
    assert fold(a) == fold(b)


def test_loanword_spellings_differ_after_fold_but_meet_in_analysis() -> None:
    # One spelling has an extra ي: folding is letter-by-letter and cannot join them; the
    # analysis (stem + skeleton rule, factcheck.text.stemming) does.
    assert fold("الأميركية") != fold("الأمريكية")
    assert analyze("الأميركية") == analyze("الأمريكية")
    assert analyze("القوات الأميركية") == analyze("القوات الأمريكية")


# Combining marks outside camel-tools' diacritic set (Quranic signs, subscript alef, wavy hamza):
# they sit on a letter like a diacritic and must not split the word.
@pytest.mark.parametrize("mark", ["\u0656", "\u065f", "\u0610", "\u06e1", "\u06d6", "\u06ed"])
def test_rare_arabic_combining_marks_are_dropped(mark: str) -> None:
    assert fold(f"كتا{mark}ب") == "كتاب"
    assert words(fold(f"كتا{mark}ب")) == ["كتاب"]


# --- the offset map ----------------------------------------------------------------------------

# Arabic letters; the marks fold removes (harakat, dagger alef, Quranic signs, rare marks);
# tatweel, bidi marks and ZWNJ; ligatures that fold to several letters; separators and digits.
_LETTERS = [chr(c) for c in range(0x0621, 0x063B)] + [chr(c) for c in range(0x0641, 0x064B)]
_DIACRITICS = [chr(c) for c in (*range(0x064B, 0x0660), 0x0670, *range(0x0610, 0x061B))]
_INVISIBLE = ["\u0640", "\u200c", "\u200f", "\u200e", "\u061c"]
_LIGATURES = ["ﻻ", "ﻷ", "ﷲ", "ﺑ"]


@st.composite
def diacritised_arabic(draw: st.DrawFn) -> str:
    """Arabic words with random diacritics (0-3 after each letter), invisibles and ligatures."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 30))):
        kind = draw(st.sampled_from(["letter"] * 4 + ["space", "invisible", "ligature", "digit"]))
        if kind in ("letter", "ligature"):
            parts.append(draw(st.sampled_from(_LETTERS if kind == "letter" else _LIGATURES)))
            parts.extend(draw(st.lists(st.sampled_from(_DIACRITICS), max_size=3)))
        elif kind == "space":
            parts.append(draw(st.sampled_from([" ", "\n", "\u00a0", "،"])))
        elif kind == "invisible":
            parts.append(draw(st.sampled_from(_INVISIBLE)))
        else:
            parts.append(draw(st.sampled_from("0123456789٠١٢٣٤٥٦٧٨٩")))
    return "".join(parts)


def _is_removed_mark(ch: str) -> bool:
    # A character folding deletes: a diacritic, tatweel, a bidi mark, ZWNJ ...
    return fold(ch) == ""


@settings(max_examples=200, deadline=None)
@given(diacritised_arabic(), st.data())
def test_fold_with_map_spans_keep_letters_with_their_diacritics(
    s: str, data: st.DataObject
) -> None:
    fm = fold_with_map(s)
    assert fm.text == fold(s)
    n = len(fm.text)
    i = data.draw(st.integers(0, n), label="start")
    j = data.draw(st.integers(i, n), label="end")
    a, b = fm.to_original(i, j)
    assert 0 <= a <= b <= len(s)
    if i < j:
        # never starts on a diacritic/tatweel, i.e. never cuts a letter from its marks ...
        assert not _is_removed_mark(s[a])
        # ... and ends at the end of the text or right before a character that is not one
        assert b == len(s) or not _is_removed_mark(s[b])
        # the original span folds to (a superstring of) the folded span
        assert fm.text[i:j] in fold(s[a:b])


@settings(max_examples=150, deadline=None)
@given(diacritised_arabic(), st.data())
def test_fold_with_map_spans_are_monotone(s: str, data: st.DataObject) -> None:
    fm = fold_with_map(s)
    n = len(fm.text)
    cuts = sorted(set(data.draw(st.lists(st.integers(0, n), min_size=2, max_size=6))))
    for x, y, z in zip(cuts, cuts[1:], cuts[2:], strict=False):
        a1, b1 = fm.to_original(x, y)
        a2, b2 = fm.to_original(y, z)
        assert a1 <= a2
        assert b1 <= b2
        if fm.origin[y - 1] != fm.origin[y]:
            # consecutive spans never overlap in the original, unless the cut falls inside the
            # expansion of one character (ﻻ -> لا): then both grow to that whole character
            assert b1 <= a2


# Any text at all, weighted towards the code points fold rewrites.
_ANY = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x0600, max_codepoint=0x06FF),
        st.characters(min_codepoint=0xFB50, max_codepoint=0xFEFF),
        st.characters(min_codepoint=0x2000, max_codepoint=0x206F),
        st.characters(),
    ),
    max_size=60,
)


@settings(max_examples=300, deadline=None)
@given(_ANY)
def test_fold_with_map_agrees_with_fold_on_any_text(s: str) -> None:
    fm = fold_with_map(s)
    assert fm.text == fold(s)
    assert len(fm.origin) == len(fm.text) + 1
    assert list(fm.origin) == sorted(fm.origin)
    assert fm.to_original(0, len(fm.text))[1] == len(s) or not fm.text


@settings(max_examples=200, deadline=None)
@given(_ANY)
def test_fold_is_idempotent(s: str) -> None:
    assert fold(fold(s)) == fold(s)


def test_to_original_rejects_spans_outside_the_text() -> None:
    fm = fold_with_map("نَص")
    with pytest.raises(ValueError, match="outside folded text"):
        fm.to_original(0, 3)


def test_to_original_highlights_the_whole_diacritised_word() -> None:
    s = "قال: الأَمِيرْكِيَّةُ."
    fm = fold_with_map(s)
    i = fm.text.index("الاميركيه")
    a, b = fm.to_original(i, i + len("الاميركيه"))
    assert s[a:b] == "الأَمِيرْكِيَّةُ"


# --- tokens -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2,100", ["2,100"]),
        ("3.5", ["3.5"]),
        ("31/12/2021", ["31/12/2021"]),
        ("60%", ["60%"]),
        ("٦٠٪", ["60%"]),
        ("٣٫٥", ["3.5"]),
        ("١٠٬٠٠٠", ["10000"]),
        ("بنسبة 60%.", ["بنسبه", "60%"]),
        ("أكثر من 2,100 شحنة", ["اكثر", "من", "2,100", "شحنه"]),
        ("في 31/12/2021، انتهى", ["في", "31/12/2021", "انتهي"]),
        ("(8 أكتوبر)", ["8", "اكتوبر"]),
        ("قوة الأفق (OTH)", ["قوه", "الافق", "oth"]),
        ("يحيى_رسول", ["يحيي", "رسول"]),
    ],
)
def test_words_and_tokenize_on_numbers(text: str, expected: list[str]) -> None:
    folded = fold(text)
    assert words(folded) == expected
    toks = tokenize(folded)
    assert [t.text for t in toks] == expected
    assert all(folded[t.start : t.end] == t.text for t in toks)


def test_stopwords_are_folded_and_keep_no_numbers() -> None:
    assert all(fold(w) == w for w in STOPWORDS)
    assert "الي" in STOPWORDS  # إلى, folded
    assert not any(c.isdigit() for w in STOPWORDS for c in w)


def test_is_arabic() -> None:
    assert is_arabic("BBC عربي")
    assert not is_arabic("BBC 2021")
