"""Readers: encodings, binary and empty files, and the .txt/.md/.html/.jsonl/.csv formats."""

from __future__ import annotations

import codecs
import json

import pytest

from factcheck.ingest.corpus import sample_corpus_path
from factcheck.ingest.decoding import DecodeError, decode_bytes
from factcheck.ingest.markup import html_to_text, markdown_to_text
from factcheck.ingest.metadata import read_metadata
from factcheck.ingest.readers import (
    READERS,
    SUPPORTED_SUFFIXES,
    RawRecord,
    collect_files,
    read_file,
    register_reader,
    unregister_reader,
)

ARTICLE = (sample_corpus_path() / "000_b8c64a0bd6e02214.txt").read_text(encoding="utf-8")
FIRST_LINE = ARTICLE.split("\n")[0]
SHORT = "قال الرئيس إن القوات ستغادر."


# --------------------------------------------------------------------------- encodings


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (ARTICLE.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + ARTICLE.encode("utf-8"), "utf-8 (BOM)"),
        (codecs.BOM_UTF16_LE + ARTICLE.encode("utf-16-le"), "utf-16-le (BOM)"),
        (codecs.BOM_UTF16_BE + ARTICLE.encode("utf-16-be"), "utf-16-be (BOM)"),
        (ARTICLE.encode("utf-16"), "utf-16-le (BOM)"),  # Python writes a little-endian BOM
        (codecs.BOM_UTF32_LE + ARTICLE.encode("utf-32-le"), "utf-32-le (BOM)"),
        (ARTICLE.encode("cp1256"), "cp1256"),
        (ARTICLE.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its NUL pattern
    ],
    ids=[
        "utf8",
        "utf8-bom",
        "utf16le-bom",
        "utf16be-bom",
        "utf16",
        "utf32-bom",
        "cp1256",
        "utf16-nobom",
    ],
)
def test_arabic_text_decodes_in_every_accepted_encoding(data, encoding):
    decoded = decode_bytes(data)
    assert decoded.text == ARTICLE
    assert decoded.encoding == encoding


@pytest.mark.parametrize(
    "text",
    [
        SHORT,
        "العراق",
        "بغداد اليوم",
        "Reuters: قال الرئيس الأمريكي جو بايدن إن القوات ستغادر العراق بحلول نهاية العام 2021.",
        "سياسة | 28-11-2021, 14:13 |",
        *ARTICLE.split("\n"),
    ],
)
def test_short_cp1256_texts_are_not_mistaken_for_another_code_page(text):
    # Detectors guess cp1252, koi8-r or cp874 on short single-byte Arabic; the desk must not.
    assert decode_bytes(text.encode("cp1256")) == decode_bytes(text.encode("cp1256"))
    assert decode_bytes(text.encode("cp1256")).text == text


def test_iso_8859_6_arabic_is_not_forced_into_cp1256():
    text = ARTICLE.split("\n")[0].replace("،", " ").replace('"', " ")
    decoded = decode_bytes(text.encode("iso8859_6"))
    assert decoded.text == text
    assert decoded.encoding == "iso8859_6"


def test_latin_single_byte_text_is_still_read():
    text = "Le président a déclaré que l'accord était définitif. Où est-il ? Très bien."
    assert decode_bytes(text.encode("cp1252")).text == text


def test_utf8_with_a_few_corrupt_bytes_is_read_with_replacement_characters():
    data = ARTICLE.encode("utf-8")
    at = data.index(b" ", 500)  # between two characters
    corrupt = data[:at] + b"\xff" + data[at:]
    decoded = decode_bytes(corrupt)
    assert "\ufffd" in decoded.text
    assert decoded.text.replace("\ufffd", "") == ARTICLE
    assert "replaced" in decoded.encoding


def test_utf8_mojibake_is_not_taken_for_cp1256():
    # cp1256 reads UTF-8 Arabic as "ط§ظ„..." which is Arabic letters too: it must not win.
    data = ARTICLE.encode("utf-8")
    assert decode_bytes(data[:-1] + b"\xd8").text.startswith(FIRST_LINE)


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "PNG image"),
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF document"),
        (b"PK\x03\x04" + b"\x00" * 20, "ZIP archive"),
        (b"abc\x00\x00\x01\x02\xff\xfe\x00def" * 10, "NUL bytes"),
        (bytes(range(1, 9)) * 50, "control characters"),
        (codecs.BOM_UTF16_LE + b"\x00\xd8a\x00", "invalid utf-16-le"),
        (bytes(range(0x80, 0x100)) * 3, "undecodable"),
    ],
    ids=["png", "pdf", "zip", "nul", "controls", "bad-utf16", "random-high-bytes"],
)
def test_binary_and_undecodable_bytes_are_refused_with_a_reason(data, reason):
    with pytest.raises(DecodeError, match=reason):
        decode_bytes(data)


# --------------------------------------------------------------------------- files


def _write(folder, name, data):
    path = folder / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return path


def test_txt_file_is_one_record_with_normalised_newlines(tmp_path):
    path = _write(tmp_path, "a.txt", ARTICLE.replace("\n", "\r\n").encode("cp1256"))
    records, skipped = read_file(path)
    assert skipped == []
    [record] = records
    assert record.doc_id == "a"
    assert record.text == ARTICLE
    assert record.encoding == "cp1256"
    assert record.path == str(path)


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\n ", "empty file"),
        ("blank16.txt", " \n \n".encode("utf-16"), "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("doc.html", b"%PDF-1.4 binary", "PDF document"),
        ("data.jsonl", b"\x00\x01\x02\x03" * 40, "binary"),
        ("notes.docx", b"PK\x03\x04", "unsupported file type '.docx'"),
        ("README", b"hello", "unsupported file without an extension"),
        ("page.html", b"<html><body><script>var a = 1;</script></body></html>", "empty file"),
    ],
)
def test_unusable_files_become_skipped_entries_naming_the_file(tmp_path, name, data, reason):
    path = _write(tmp_path, name, data)
    records, skipped = read_file(path)
    assert records == []
    [entry] = skipped
    assert entry.path == str(path)
    assert reason in entry.error


def test_missing_file_is_reported_not_raised(tmp_path):
    records, [entry] = read_file(tmp_path / "gone.txt")
    assert records == []
    assert "cannot read file" in entry.error


MARKDOWN = """---
title: "عنوان من الواجهة"
date: 2021-11-28
source: موقع المثال
---

# الانسحاب الأميركي من العراق

قال **مسؤول** في [وزارة الدفاع](https://example.org/dod) إن القوات _ستبقى_ حتى نهاية العام.

![صورة الجنود](soldiers.jpg)

- البند الأول من `الاتفاق`
- البند الثاني

> وأضاف أن "الموعد ثابت".

```python
print("code is not article text")
```
"""


def test_markdown_syntax_is_stripped_and_front_matter_read():
    text, meta = markdown_to_text(MARKDOWN)
    assert text.split("\n") == [
        "الانسحاب الأميركي من العراق",
        "قال مسؤول في وزارة الدفاع إن القوات ستبقى حتى نهاية العام.",
        "البند الأول من الاتفاق",
        "البند الثاني",
        'وأضاف أن "الموعد ثابت".',
    ]
    assert meta == {"title": "عنوان من الواجهة", "date": "2021-11-28", "source": "موقع المثال"}
    # without front matter the first level-1 heading is the title
    assert markdown_to_text("# عنوان\n\nنص.")[1] == {"title": "عنوان"}


def test_markdown_file_record(tmp_path):
    [record], skipped = read_file(_write(tmp_path, "m.md", MARKDOWN))
    assert skipped == []
    assert record.title == "عنوان من الواجهة"
    assert "**" not in record.text and "https://" not in record.text


HTML = """<!DOCTYPE html>
<html lang="ar" dir="rtl"><head>
<meta charset="windows-1256">
<title>القوات الأمريكية | موقع الأخبار</title>
<meta property="og:title" content="القوات الأمريكية مستعدة للدفاع عن نفسها">
<meta property="og:site_name" content="عنب بلدي">
<meta property="article:published_time" content="2021-12-10T12:00:00+00:00">
<meta property="og:url" content="https://example.org/a/1">
<style>p { color: red; }</style>
<script>window.analytics = "tracking";</script>
</head><body>
<header><nav><a href="/">الرئيسية</a> <a href="/politics">سياسة</a></nav></header>
<aside>الأكثر قراءة: خبر جانبي</aside>
<article>
<h1>القوات الأمريكية مستعدة للدفاع عن نفسها</h1>
<figure><img src="a.jpg" alt="جنود"><figcaption>جنود أمريكيون في دورية (AP)</figcaption></figure>
<p>قال مسؤول رفيع في <b>وزارة الدفاع</b> الأمريكية، إن <a href="/x">قوات التحالف</a> باقية.</p>
<p>وأضاف أن العلاقة<br>ستستمر في مجال التدريب.</p>
<form><input name="email"> اشترك في النشرة</form>
</article>
<footer>جميع الحقوق محفوظة</footer>
</body></html>
"""


def test_html_keeps_the_article_text_and_reads_meta():
    text, meta = html_to_text(HTML)
    assert text.split("\n") == [
        "القوات الأمريكية مستعدة للدفاع عن نفسها",
        "قال مسؤول رفيع في وزارة الدفاع الأمريكية، إن قوات التحالف باقية.",
        "وأضاف أن العلاقة",
        "ستستمر في مجال التدريب.",
    ]
    assert meta == {
        "title": "القوات الأمريكية مستعدة للدفاع عن نفسها",
        "date": "2021-12-10T12:00:00+00:00",
        "source": "عنب بلدي",
        "url": "https://example.org/a/1",
    }


def test_html_without_og_meta_falls_back_to_title_time_and_canonical():
    html = (
        "<html><head><title>عنوان الصفحة</title><link rel='canonical' href='https://e.org/p'>"
        "</head><body><main><time datetime='2021-11-28'>28 نوفمبر</time><p>نص الخبر.</p></main>"
        "<div>خارج المحتوى الرئيسي</div></body></html>"
    )
    text, meta = html_to_text(html)
    assert meta == {"title": "عنوان الصفحة", "date": "2021-11-28", "url": "https://e.org/p"}
    assert text.split("\n") == ["28 نوفمبر", "نص الخبر."]


def test_html_file_in_a_declared_legacy_charset(tmp_path):
    [record], skipped = read_file(_write(tmp_path, "page.html", HTML.encode("cp1256")))
    assert skipped == []
    assert record.source == "عنب بلدي"
    assert "قال مسؤول رفيع" in record.text
    assert "tracking" not in record.text and "الرئيسية" not in record.text


def test_html_saved_as_utf8_with_a_stale_charset_declaration(tmp_path):
    [record], _ = read_file(_write(tmp_path, "page.htm", HTML.encode("utf-8")))
    assert record.encoding == "utf-8"
    assert "قال مسؤول رفيع" in record.text


def test_jsonl_bad_lines_are_skipped_with_line_numbers_and_the_rest_load(tmp_path):
    lines = [
        json.dumps(
            {"text": "الخبر الأول.", "title": "أول", "source": "وكالة", "date": "2021-01-01"}
        ),
        "",
        '{"text": "نص بلا إغلاق"',
        json.dumps(["not", "an", "object"]),
        json.dumps({"title": "بلا نص"}),
        json.dumps({"text": "   "}),
        json.dumps({"text": 42}),
        json.dumps({"text": "الخبر الثاني.", "id": "custom-7", "url": "https://e.org/2"}),
        json.dumps({"text": "الخبر الثالث.", "source": {"nested": True}}),
        json.dumps({"text": "الخبر الرابع.", "id": 99, "date": None}, ensure_ascii=False),
    ]
    path = _write(tmp_path, "feed.jsonl", "\n".join(lines))
    records, skipped = read_file(path)
    assert [(r.doc_id, r.line) for r in records] == [("feed-1", 1), ("custom-7", 8), ("99", 10)]
    assert records[0].title == "أول" and records[0].source == "وكالة"
    assert records[1].url == "https://e.org/2"
    assert records[2].date == ""
    assert [s.path for s in skipped] == [str(path)] * 6
    errors = [s.error for s in skipped]
    assert errors[0].startswith("feed.jsonl line 3: invalid JSON")
    assert errors[1] == "feed.jsonl line 4: expected a JSON object, got list"
    assert errors[2] == "feed.jsonl line 5: no 'text' field"
    assert errors[3] == "feed.jsonl line 6: empty 'text'"
    assert errors[4] == "feed.jsonl line 7: 'text' is a int, not a string"
    assert errors[5].startswith("feed.jsonl line 9: field 'source'")


def test_csv_rows_with_problems_are_skipped_with_row_and_line_numbers(tmp_path):
    content = (
        "id,title,text,source,date\n"
        "a1,أول,الخبر الأول.,وكالة,2021-01-01\n"
        ',ثان,"خبر من سطرين\nيتابع هنا.",,\n'
        "a3,ثالث,,وكالة,\n"
        "a4,رابع,نص,وكالة,2021,زائد\n"
        "\n"
        "a5,خامس,الخبر الخامس.\n"
    )
    path = _write(tmp_path, "rows.csv", content.encode("cp1256"))
    records, skipped = read_file(path)
    assert [r.doc_id for r in records] == ["a1", "rows-2", "a5"]
    assert records[1].text == "خبر من سطرين\nيتابع هنا."
    assert records[0].encoding == "cp1256"
    assert [s.error for s in skipped] == [
        "rows.csv row 3 (line 5): empty 'text'",
        "rows.csv row 4 (line 6): 6 fields but the header has 5",
    ]


def test_csv_without_a_text_column_is_skipped_whole(tmp_path):
    path = _write(tmp_path, "bad.csv", "title,body\nأ,ب\n")
    assert read_file(path) == ([], [read_file(path)[1][0]])
    assert "no 'text' column" in read_file(path)[1][0].error


def test_metadata_file_by_file_name_and_by_doc_id(tmp_path):
    path = _write(
        tmp_path,
        "sources.csv",
        "file,doc_id,source,url,date,title\n"
        "a.txt,,الحرة,https://e.org/a,2021-01-01,\n"
        ",feed-2,وكالة,,,عنوان\n"
        "feed.jsonl,,مصدر الملف,,,\n",
    )
    meta, skipped = read_metadata(path)
    assert skipped == []
    assert meta.lookup("a.txt", "a") == {
        "source": "الحرة",
        "url": "https://e.org/a",
        "date": "2021-01-01",
    }
    assert meta.lookup("feed.jsonl", "feed-2") == {"source": "وكالة", "title": "عنوان"}
    assert meta.lookup("feed.jsonl", "feed-1") == {"source": "مصدر الملف"}
    assert meta.lookup("b.txt", "b") == {}


def test_metadata_file_without_a_key_column_is_reported(tmp_path):
    meta, [entry] = read_metadata(_write(tmp_path, "metadata.csv", "source,title\nأ,ب\n"))
    assert meta.lookup("a.txt", "a") == {}
    assert "'file' or 'doc_id'" in entry.error


def test_collect_files_sorts_by_name_and_reports_what_it_leaves_out(tmp_path):
    for name in ("b.txt", "a.md", "C.html", "sources.csv", ".hidden.txt"):
        _write(tmp_path, name, "نص.")
    (tmp_path / "sub").mkdir()
    (tmp_path / ".ipynb_checkpoints").mkdir()
    files, skipped = collect_files(tmp_path)
    assert [f.name for f in files] == ["C.html", "a.md", "b.txt"]
    assert [(s.path, s.error) for s in skipped] == [
        (str(tmp_path / "sub"), "sub-folder not loaded (pass it explicitly)")
    ]
    files, skipped = collect_files([tmp_path / "b.txt", tmp_path / "nope.txt"])
    assert [f.name for f in files] == ["b.txt"]
    assert skipped[0].error == "no such file or folder"
    with pytest.raises(FileNotFoundError, match="nope"):
        collect_files(tmp_path / "nope")


# --------------------------------------------------------------------------- the registry


def test_the_registry_has_every_built_in_format_and_is_read_only():
    assert set(SUPPORTED_SUFFIXES) <= set(READERS)
    assert {".txt", ".md", ".html", ".htm", ".jsonl", ".csv"} <= set(READERS)
    with pytest.raises(TypeError):
        READERS[".xml"] = READERS[".txt"]  # type: ignore[index]


def test_a_newsroom_registers_a_reader_for_its_own_format(tmp_path):
    def read_tsv(path, data):
        title, text = data.decode("utf-8").split("\t", 1)
        return [RawRecord(path.stem, text, str(path), title=title)], []

    path = _write(tmp_path, "story.TSV", "عنوان\tقال الوزير إن الموازنة أقرت.")
    assert "unsupported file type '.TSV'" in read_file(path)[1][0].error
    assert register_reader(".tsv", read_tsv) is read_tsv
    try:
        assert READERS[".tsv"] is read_tsv
        [record], skipped = read_file(path)
        assert skipped == []
        assert (record.doc_id, record.title) == ("story", "عنوان")
        with pytest.raises(ValueError, match="already have a reader"):
            register_reader(".TSV", lambda path, data: ([], []))
    finally:
        assert unregister_reader(".tsv") is read_tsv
    assert ".tsv" not in READERS


def test_register_reader_as_a_decorator_and_replacing_a_built_in(tmp_path):
    original = READERS[".txt"]

    @register_reader(".txt", replace=True)
    def shouting(path, data):
        records, skipped = original(path, data)
        return [RawRecord(r.doc_id, r.text.upper(), r.path) for r in records], skipped

    try:
        [record], _ = read_file(_write(tmp_path, "a.txt", "quiet words"))
        assert record.text == "QUIET WORDS"
    finally:
        register_reader(".txt", original, replace=True)
    assert READERS[".txt"] is original


@pytest.mark.parametrize("suffix", ["xml", ".", "", "a.b", ".tar.gz", "./x"])
def test_register_reader_refuses_a_malformed_suffix(suffix):
    with pytest.raises(ValueError, match="suffix"):
        register_reader(suffix, READERS[".txt"])


def test_unregistering_an_unknown_suffix_is_an_error():
    with pytest.raises(KeyError, match="no reader registered"):
        unregister_reader(".nope")


def test_a_reader_that_raises_becomes_a_skipped_entry(tmp_path):
    def broken(path, data):
        raise RuntimeError("parser bug")

    register_reader(".brk", broken)
    try:
        records, [entry] = read_file(_write(tmp_path, "x.brk", "نص"))
    finally:
        unregister_reader(".brk")
    assert records == []
    assert "RuntimeError: parser bug" in entry.error
