"""Labelled claim/passage pairs for training the stance model: read from CSV, and generated.

Stance corpora such as ANS pair a headline with rewrites that agree or contradict it, and have
few pairs that merely share a topic; their contradictions are hand-made, few of them a denial, a
falsity predicate or a changed figure. Two generators fill those gaps from the labelled pairs
themselves, with no word list tied to any story:

* :func:`generated_neutrals`: a claim against another claim's passage (at random, and the one
  sharing the most words: same topic, another statement);
* :func:`generated_contradictions`: an agreeing passage corrupted the way news contradicts
  itself: another figure or date in the same place, another country, the opposite direction
  (the lexicon's antonym pairs), or the statement denied or called false.
"""

from __future__ import annotations

import csv
import random
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from factcheck.engine.analysis import Analyzer
from factcheck.engine.model import LABELS
from factcheck.figures import extract_quantities
from factcheck.records import Stance
from factcheck.text.arabic import STOPWORDS, fold, words
from factcheck.text.gazetteer import default_gazetteer

__all__ = [
    "DENIAL_SHARE",
    "SAME_TOPIC_MAX",
    "SEED",
    "Pair",
    "generated_contradictions",
    "generated_neutrals",
    "read_pairs",
]

SEED = 20211231
"""Default seed of every random choice in training."""


@dataclass(frozen=True)
class Pair:
    """A claim, a passage, the stance between them, and where the pair comes from."""

    claim: str
    passage: str
    stance: Stance
    source: str = ""


def read_pairs(path: str | Path) -> list[Pair]:
    """Read a pairs CSV (``s1,s2,stance``); a bad row is an error naming the file and line."""
    path = Path(path)
    out: list[Pair] = []
    with path.open(encoding="utf-8-sig", newline="") as fh:
        reader = csv.DictReader(fh)
        missing = {"s1", "s2", "stance"} - set(reader.fieldnames or ())
        if missing:
            raise ValueError(f"{path}: line 1: missing column(s) {', '.join(sorted(missing))}")
        for row in reader:
            label = (row["stance"] or "").strip().lower()
            if label not in LABELS:
                raise ValueError(f"{path}: line {reader.line_num}: unknown stance {label!r}")
            if not (row["s1"] or "").strip() or not (row["s2"] or "").strip():
                raise ValueError(f"{path}: line {reader.line_num}: empty s1 or s2")
            out.append(Pair(row["s1"], row["s2"], LABELS[label], path.name))
    return out


def _content(text: str) -> frozenset[str]:
    return frozenset(w for w in words(fold(text)) if w not in STOPWORDS and len(w) > 2)


SAME_TOPIC_MAX = 0.4
"""Most words (Jaccard) a same-topic neutral passage may share with the claim and its own
passages: beyond it, the passage may restate the claim."""


def _jaccard(a: frozenset[str], b: frozenset[str]) -> float:
    return len(a & b) / len(a | b) if a or b else 0.0


def generated_neutrals(pairs: Sequence[Pair], seed: int = SEED) -> list[Pair]:
    """For each distinct claim, a random other claim's passage and the other claim's passage
    sharing the most words with it or its own passages (same topic, another statement),
    labelled neutral.

    "Other claim" means another ``s1``: ANS pairs one headline with several rewrites, and any
    of those may agree with it.
    """
    rng = random.Random(seed)
    by_claim: dict[str, list[Pair]] = {}
    for p in pairs:
        by_claim.setdefault(p.claim, []).append(p)
    claims = sorted(by_claim)
    passages = [(c, p.passage, _content(p.passage)) for c in claims for p in by_claim[c]]
    out: list[Pair] = []
    for claim in claims:
        others = [x for x in passages if x[0] != claim]
        if not others:
            continue
        _, text, _ = rng.choice(others)
        out.append(Pair(claim, text, "neutral", "generated:random"))
        # The claim's words and its own passages': a claim in English shares no word with
        # Arabic passages, but its own passage does. Headline corpora reuse one headline as
        # another pair's claim or rewrite, so the pick must share the topic, not the statement.
        own = [_content(claim), *(_content(p.passage) for p in by_claim[claim])]
        mine = frozenset().union(*own)
        topical = [
            x
            for x in others
            if mine & x[2] and max(_jaccard(o, x[2]) for o in own) <= SAME_TOPIC_MAX
        ]
        if topical:
            best = max(topical, key=lambda x: (_jaccard(mine, x[2]), x[1]))
            out.append(Pair(claim, best[1], "neutral", "generated:same-topic"))
    return out


# Templates that deny a statement or call it false, in the shapes wire copy uses. Each keeps the
# passage whole, so only the denial differs from an agreeing pair.
_DENIALS = (
    "نفت مصادر رسمية أن {p}",
    "نفى المتحدث باسم الحكومة ما تردد عن أن {p}",
    "الأنباء التي تحدثت عن أن {p} غير صحيحة",
    "قالت الوزارة إن ما نشر عن أن {p} عار عن الصحة",
)
DENIAL_SHARE = 0.3
"""Share of the agreeing pairs with no figure, country or lexicon word that get a denial."""
_COUNTRIES = ("SY", "IQ", "YE", "LB", "EG", "LY", "SA", "IR", "TR", "RU", "US", "FR", "JO", "SD")
_DIGITS = re.compile(r"\d[\d,.]*")


def _other_number(text: str, rng: random.Random) -> str:
    """``text`` (digits) replaced by a clearly different figure of the same shape."""
    digits = text.replace(",", "")
    try:
        value = float(digits)
    except ValueError:
        return text
    other = value * rng.choice((0.5, 1.5, 2.0, 3.0)) + rng.choice((1, 3, 7))
    return str(int(other)) if float(value).is_integer() else f"{other:.1f}"


def _swap_figure(passage: str, rng: random.Random) -> str | None:
    for q in extract_quantities(passage):
        if q.value is None and q.date is None:
            continue
        m = _DIGITS.search(passage, q.start, q.end)
        if m is None:
            continue
        return passage[: m.start()] + _other_number(m.group(), rng) + passage[m.end() :]
    return None


def _swap_place(passage: str, rng: random.Random) -> str | None:
    gazetteer = default_gazetteer()
    for m in gazetteer.find(passage):
        if m.place.kind != "country" or m.form != "name" or m.lang != "ar":
            continue
        names = [c for c in _COUNTRIES if c != m.place.id]
        other = gazetteer.names_of(rng.choice(names), "ar")
        plain = [n for n in other if n.startswith("ال") == m.key.startswith("ال")] or list(other)
        if not plain:
            continue
        return passage[: m.start] + min(plain, key=len) + passage[m.end :]
    return None


def _swap_direction(passage: str, analyzer: Analyzer, rng: random.Random) -> str | None:
    """Replace a word of a lexicon group with a word of its antonym group (ارتفع -> انخفض)."""
    lex = analyzer.lexicon
    members: dict[str, list[str]] = {}
    for word, concept in lex.surface.items():
        members.setdefault(concept, []).append(word)
    for token in re.finditer(r"[^\W\d_]+", passage):
        concept = lex.surface.get(fold(token.group()))
        if concept is None:
            continue
        opposites = sorted(b for a, b in lex.antonyms if a == concept and b in members)
        if opposites:
            word = rng.choice(sorted(members[rng.choice(opposites)]))
            return passage[: token.start()] + word + passage[token.end() :]
    return None


def generated_contradictions(
    pairs: Sequence[Pair], analyzer: Analyzer, seed: int = SEED
) -> list[Pair]:
    """For each agreeing pair, one corruption of its passage (another figure or date, another
    country, the opposite direction, a denial or falsity predicate), labelled contradict."""
    rng = random.Random(seed)
    out: list[Pair] = []
    for p in pairs:
        if p.stance != "support":
            continue
        kinds = ["figure", "place", "direction"]
        rng.shuffle(kinds)
        made = None
        for kind in kinds:
            if kind == "figure":
                text = _swap_figure(p.passage, rng)
            elif kind == "place":
                text = _swap_place(p.passage, rng)
            else:
                text = _swap_direction(p.passage, analyzer, rng)
            if text and text != p.passage:
                made = (kind, text)
                break
        # A denial fits any passage: used for a share of the pairs no other corruption fits,
        # so it does not outnumber the rest.
        if made is None and rng.random() < DENIAL_SHARE:
            made = ("denial", rng.choice(_DENIALS).format(p=p.passage.rstrip(" .،")))
        if made is not None:
            out.append(Pair(p.claim, made[1], "contradict", f"generated:{made[0]}"))
    return out


_JOINERS = ("، و", "، فيما ", "، في وقت ", "، وذلك بعد أن ", ". وفي سياق متصل، ")


def generated_longer(pairs: Sequence[Pair], seed: int = SEED, share: float = 0.5) -> list[Pair]:
    """A ``share`` of the labelled pairs again, with another pair's passage joined to theirs.

    Headline corpora pair short texts; a desk compares a claim with news sentences that say the
    claim and more. The stance does not change with what else a passage says, so the model is
    shown the same pairs with more said (labels kept), joined as wire copy joins clauses.
    """
    rng = random.Random(seed + 1)
    others = [p.passage for p in pairs]
    out: list[Pair] = []
    for p in pairs:
        if p.source.startswith("generated") or rng.random() >= share:
            continue
        other = rng.choice(others)
        if other == p.passage:
            continue
        text = p.passage.rstrip(" .،") + rng.choice(_JOINERS) + other.rstrip(" .،") + "."
        out.append(Pair(p.claim, text, p.stance, "generated:longer"))
    return out
