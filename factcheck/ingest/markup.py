"""Markup to plain lines: the article text and metadata of Markdown and HTML documents.

Markdown goes through ``markdown-it-py`` (the CommonMark parser) and HTML through BeautifulSoup
with lxml, rather than regular expressions, because both formats nest and escape in ways that
line-based stripping gets wrong. Each block element becomes one line, so the line rules of
:mod:`factcheck.ingest.cleaning` see the page the way a reader does.
"""

from __future__ import annotations

import codecs
import re
from typing import Any

from factcheck.ingest.decoding import Decoded, DecodeError, decode_text, normalise_newlines
from factcheck.ingest.metadata import METADATA_FIELDS

__all__ = ["decode_html", "html_to_text", "markdown_to_text"]

# Simple YAML-style front matter (``key: value`` lines between ``---`` fences). Hand-written
# because only four flat string keys are read; a YAML parser would be a dependency for that.
_FRONT_MATTER_RE = re.compile(r"\A---[ \t]*\n(.*?)\n(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
_FRONT_KEY_RE = re.compile(r"^([A-Za-z_]+)[ \t]*:[ \t]*(.*?)[ \t]*$", re.MULTILINE)


def markdown_to_text(markdown: str) -> tuple[str, dict[str, str]]:
    """Plain text of a Markdown document (one line per block or soft line) plus metadata.

    Markup, link targets, images, raw HTML and code blocks are dropped; link texts are kept.
    Metadata comes from front matter (``title``, ``source``, ``url``, ``date``) or the first
    level-1 heading (``title``).
    """
    from markdown_it import MarkdownIt  # lazy: only .md files need it

    meta: dict[str, str] = {}
    front = _FRONT_MATTER_RE.match(markdown)
    if front:
        for key, value in _FRONT_KEY_RE.findall(front.group(1)):
            key = key.lower()
            if key in METADATA_FIELDS and value:
                meta[key] = value.strip().strip("\"'")
        markdown = markdown[front.end() :]
    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    lines: list[str] = []
    in_h1 = False
    for tok in tokens:
        if tok.type == "heading_open":
            in_h1 = tok.tag == "h1"
        elif tok.type == "heading_close":
            in_h1 = False
        elif tok.type == "inline":
            parts: list[str] = []
            for child in tok.children or ():
                if child.type in ("text", "code_inline"):
                    parts.append(child.content)
                elif child.type in ("softbreak", "hardbreak"):
                    parts.append("\n")
            block = "".join(parts)
            if in_h1 and "title" not in meta and block.strip():
                meta["title"] = " ".join(block.split())
            lines.extend(line.strip() for line in block.split("\n"))
    return "\n".join(line for line in lines if line), meta


# Page furniture that is never article text, whatever the site.
_HTML_DROP = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "iframe",
    "svg",
    "button",
    "figcaption",
    "select",
)
_HTML_BLOCKS = frozenset(
    [
        "address",
        "article",
        "blockquote",
        "dd",
        "div",
        "dl",
        "dt",
        "figure",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "hr",
        "li",
        "main",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "br",
    ]
)
_HTML_CHARSET_RE = re.compile(
    rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE
)
_SPACES_RE = re.compile(r"[^\S\n]+")


def _meta_content(soup: Any, *selectors: tuple[str, str]) -> str:
    for attr, value in selectors:
        tag = soup.find("meta", attrs={attr: value})
        if tag is not None and tag.get("content", "").strip():
            return " ".join(tag["content"].split())
    return ""


def html_to_text(html: str) -> tuple[str, dict[str, str]]:
    """Visible article text of an HTML page (one line per block element) plus metadata.

    Scripts, styles, navigation, headers, footers, asides, forms and figure captions are
    dropped; when the page has ``<article>`` elements the longest one is used, else ``<main>``,
    else ``<body>``. Metadata: ``og:title`` or ``<title>``, ``article:published_time`` (or
    ``<time datetime>``), ``og:site_name``, ``og:url`` or the canonical link.
    """
    from bs4 import BeautifulSoup  # lazy: only .html files need it

    soup = BeautifulSoup(html, "lxml")
    meta = {
        "title": _meta_content(soup, ("property", "og:title"), ("name", "twitter:title")),
        "date": _meta_content(
            soup,
            ("property", "article:published_time"),
            ("itemprop", "datePublished"),
            ("name", "pubdate"),
            ("name", "date"),
        ),
        "source": _meta_content(soup, ("property", "og:site_name"), ("name", "application-name")),
        "url": _meta_content(soup, ("property", "og:url")),
    }
    if not meta["title"] and soup.title is not None and soup.title.string:
        meta["title"] = " ".join(soup.title.string.split())
    if not meta["url"]:
        canonical = soup.find("link", rel="canonical")
        if canonical is not None and canonical.get("href"):
            meta["url"] = canonical["href"].strip()
    if not meta["date"]:
        time_tag = soup.find("time", datetime=True)
        if time_tag is not None:
            meta["date"] = time_tag["datetime"].strip()
    for tag in soup.find_all(_HTML_DROP):
        tag.decompose()
    articles = soup.find_all("article")
    if articles:
        root = max(articles, key=lambda a: len(a.get_text()))
    else:
        root = soup.find("main") or soup.body or soup
    # Block elements become line breaks; inline elements (<b>, <a>, <span>) stay in the line.
    for tag in root.find_all(_HTML_BLOCKS):
        tag.insert_before("\n")
        tag.insert_after("\n")
    text = root.get_text()
    lines = (_SPACES_RE.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line), {k: v for k, v in meta.items() if v}


def decode_html(data: bytes) -> Decoded:
    """Decode a page: a BOM or valid UTF-8 wins, then a ``<meta charset>`` declaration, then
    detection. Pages re-saved as UTF-8 often keep a stale ``windows-1256`` declaration, so the
    declaration is only trusted when the bytes are not UTF."""
    declared = _HTML_CHARSET_RE.search(data[:4096])
    if declared is None:
        return decode_text(data)
    try:
        decoded: Decoded | None = decode_text(data)
    except DecodeError:
        decoded = None
    if decoded is not None and decoded.encoding.startswith("utf"):
        return decoded
    try:
        codec = codecs.lookup(declared.group(1).decode("ascii")).name
        return Decoded(normalise_newlines(data.decode(codec)), codec + " (declared)")
    except (LookupError, UnicodeDecodeError):
        if decoded is not None:
            return decoded
        raise DecodeError(
            f"undecodable as its declared charset {declared.group(1).decode()!r}"
        ) from None
