"""A synthetic Arabic news corpus for benchmarks, recombined from the five sample articles.

Each article mixes cleaned passages from one to three sample articles (sampled, partly
shuffled), substitutes names, places, months and numbers from small lists, adds section
headings, sometimes repeats paragraphs or the whole body, and wraps the result in the page
furniture the sample articles carry (ticker, captions, font and tag controls, category/date
line, byline, "read also" links, donation and newsletter appeals, outlet name), so cleaning
has real work to do. Deterministic for a given seed.

Other benchmarks import it as a module::

    sys.path.insert(0, str(Path(__file__).resolve().parent))  # from a file in benchmarks/
    from synthetic import make_corpus, write_corpus

or by path with ``importlib.util.spec_from_file_location("synthetic", path)``.
"""

from __future__ import annotations

import csv
import random
import re
from functools import lru_cache
from pathlib import Path

__all__ = ["BOILERPLATE_LINES", "make_corpus", "write_corpus"]

NAMES = {
    "يحيى رسول": ["سعد معن", "تحسين الخفاجي", "عبد الكريم خلف", "رسول يحيى"],
    "قاسم الأعرجي": ["فالح الفياض", "نوري المالكي", "حيدر العبادي", "عادل عبد المهدي"],
    "جو بايدن": ["دونالد ترامب", "باراك أوباما", "جو بايدن"],
    "مصطفى الكاظمي": ["محمد شياع السوداني", "عادل عبد المهدي", "إياد علاوي"],
    "كينيث ماكنزي": ["مايكل كوريلا", "لويد أوستن", "جون برينان"],
    "تحسين الخفاجي": ["يحيى رسول", "سعد معن", "علي الحمداني"],
}
PLACES = {
    "العراق": ["سوريا", "لبنان", "الأردن", "ليبيا", "اليمن", "العراق"],
    "بغداد": ["دمشق", "بيروت", "عمّان", "طرابلس", "صنعاء", "بغداد"],
    "الكويت": ["قطر", "البحرين", "الإمارات", "السعودية"],
    "الناصرية": ["البصرة", "الموصل", "كركوك", "أربيل"],
}
MONTHS = [
    "يناير",
    "فبراير",
    "مارس",
    "أبريل",
    "مايو",
    "يونيو",
    "يوليو",
    "أغسطس",
    "سبتمبر",
    "أكتوبر",
    "نوفمبر",
    "ديسمبر",
]
OUTLETS = ["الحرة", "عنب بلدي", "الحل نت", "بغداد اليوم", "الجزيرة", "العربية", "الشرق الأوسط"]

_CAPTION = "جنود يقومون بدورية في منطقة ريفية بالقرب من موقع تابع للائتلاف- {month} {year} (AP)"
BOILERPLATE_LINES = {
    "ticker": [
        "آخر الأخبار",
        "وزير النفط يتحدث عن وحدة الازمرة في مصافي الجنوب راصد جوي يتوقع انقسام المسلمين إلى "
        "يومين خلال عيد الأضحى الداخلية توضح بشأن احتراق سيارة بالمنصور: تماس كهربائي",
    ],
    "caption": [_CAPTION, "camera icon" + _CAPTION],
    "controls": ["tag icon ع ع ع", "+A -A"],
    "dateline": ["سياسة | {day}-{month_num}-{year}, {hour}:{minute} |"],
    "byline": ["{outlet} - تقرير {name}"],
    "read_also": ["للقراءة أو الاستماع:", "{headline}"],
    "related": ["مقالات متعلقة", "×"],
    "donation": [
        "الإعلام الموجّه يشوه الحقيقة في بلادنا ويطيل أمد الحرب..",
        "سوريا بحاجة للصحافة الحرة.. ونحن بحاجتك لنبقى مستقلين",
        "ادعم {outlet}",
        "دولار واحد شهريًا يصنع الفرق",
        "اضغط هنا للمساهمة",
    ],
    "newsletter": [
        "هل أعجبك المحتوى وتريد المزيد منه يصل إلى صندوق بريدك الإلكتروني بشكلٍ دوري؟",
        "انضم إلى قائمة من يقدّرون محتوى {outlet} واشترك بنشرتنا البريدية.",
    ],
    "rights": ["جميع الحقوق محفوظة © {year}"],
}

_NUMBER_RE = re.compile(r"\d+")


@lru_cache(maxsize=1)
def _pools() -> tuple[tuple[tuple[str, ...], ...], tuple[str, ...]]:
    """Cleaned passages per sample article, and the sample's section headings."""
    from factcheck.ingest.corpus import load_corpus, sample_corpus_path
    from factcheck.ingest.segmentation import is_heading

    corpus = load_corpus(sample_corpus_path())
    passages = tuple(tuple(p.text for p in d.passages) for d in corpus)
    headings = tuple(
        para for d in corpus for para in d.text.split("\n\n") if is_heading(para) and len(para) > 3
    )
    return passages, headings


# Whole words only ("العراق" but not inside "العراقي"): not followed by another Arabic letter.
_SUBSTITUTIONS = [
    (re.compile(re.escape(old) + r"(?![\u0621-\u064a])"), old, choices)
    for table in (NAMES, PLACES, {m: MONTHS for m in MONTHS})
    for old, choices in table.items()
]


def _substitute(text: str, rng: random.Random, mapping: dict[str, str]) -> str:
    """Swap names, places and months (consistently within an article) and every number."""
    for pattern, old, choices in _SUBSTITUTIONS:
        if old in text:
            text = pattern.sub(mapping.setdefault(old, rng.choice(choices)), text)

    def number(m: re.Match[str]) -> str:
        digits = m.group()
        if len(digits) == 4 and digits.startswith(("19", "20")):
            return str(rng.randint(2005, 2024))  # a year
        if int(digits) <= 31:
            return str(rng.randint(1, 31))  # a day, a count
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    return _NUMBER_RE.sub(number, text)


def _values(rng: random.Random, outlet: str, headline: str) -> dict[str, object]:
    """One set of fill-ins per block, so a caption and its icon copy stay identical."""
    return {
        "outlet": outlet,
        "name": rng.choice(["محمود الحسيني", "سارة علي", "أحمد يوسف", "ليلى حسن"]),
        "month": rng.choice(MONTHS),
        "month_num": rng.randint(1, 12),
        "day": rng.randint(1, 28),
        "year": rng.randint(2015, 2024),
        "hour": rng.randint(0, 23),
        "minute": f"{rng.randint(0, 59):02d}",
        "headline": headline,
    }


def _article(rng: random.Random) -> str:
    passages, headings = _pools()
    sources = rng.sample(range(len(passages)), rng.randint(1, 3))
    pool = [(s, k, text) for s in sources for k, text in enumerate(passages[s])]
    chosen = sorted(rng.sample(pool, min(len(pool), rng.randint(6, 22))))
    if rng.random() < 0.5:  # partly shuffle: swap a few neighbours
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(chosen) - 1)
            chosen[i], chosen[i + 1] = chosen[i + 1], chosen[i]
    mapping: dict[str, str] = {}
    body: list[str] = []
    i = 0
    while i < len(chosen):
        size = 2 if rng.random() < 0.25 else 1
        body.append(" ".join(_substitute(t, rng, mapping) for _, _, t in chosen[i : i + size]))
        i += size
        if rng.random() < 0.08:
            body.append(rng.choice(headings))
    if rng.random() < 0.15:
        body.append(rng.choice(body))  # a repeated paragraph
    if rng.random() < 0.05:
        body = body + body  # the whole body twice, as in sample article 004

    outlet = rng.choice(OUTLETS)
    headline = " ".join(body[0].split()[: rng.randint(5, 10)]).rstrip(".،,")
    lines: list[str] = []

    def block(name: str) -> None:
        values = _values(rng, outlet, headline)
        lines.extend(line.format(**values) for line in BOILERPLATE_LINES[name])

    if rng.random() < 0.3:
        block("ticker")
    lines.append(headline)
    for name, p in (("dateline", 0.4), ("controls", 0.4), ("byline", 0.3), ("caption", 0.35)):
        if rng.random() < p:
            block(name)
    at = rng.randint(1, max(1, len(body) - 1))
    lines.extend(body[:at])
    if rng.random() < 0.3:
        block("read_also")
    lines.extend(body[at:])
    for name, p in (("related", 0.3), ("donation", 0.3), ("newsletter", 0.3), ("rights", 0.1)):
        if rng.random() < p:
            block(name)
    if rng.random() < 0.3:
        lines.append(outlet)
    sep = "\n\n" if rng.random() < 0.6 else "\n"
    return sep.join(lines)


def make_corpus(n_articles: int, seed: int = 0) -> list[tuple[str, str]]:
    """``n_articles`` synthetic scraped articles as ``(doc_id, text)``; same seed, same corpus."""
    rng = random.Random(seed)
    return [(f"syn{k:06d}", _article(rng)) for k in range(n_articles)]


def write_corpus(folder: str | Path, n_articles: int, seed: int = 0) -> list[Path]:
    """Write :func:`make_corpus` as ``<doc_id>.txt`` files (UTF-8) plus a ``sources.csv``."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed + 1)
    paths: list[Path] = []
    with open(folder / "sources.csv", "w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(["file", "source", "url", "date", "title"])
        for doc_id, text in make_corpus(n_articles, seed):
            path = folder / f"{doc_id}.txt"
            path.write_text(text, encoding="utf-8")
            paths.append(path)
            writer.writerow([path.name, rng.choice(OUTLETS), "", "", ""])
    return paths
