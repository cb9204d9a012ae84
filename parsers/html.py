"""Small, fast helpers for pieces of HTML: finding an element's extent by string search
and flattening a fragment into lines (one per paragraph, list item or <br>)."""

from __future__ import annotations

import functools
import html
import re

from parsers.numbers import normalize_spaces

_INVISIBLE_BLOCKS = re.compile(
    r"<(script|style|noscript|template)\b.*?</\1\s*>|<!--.*?-->", re.IGNORECASE | re.DOTALL
)
_BLOCK_TAG = re.compile(
    r"<(?:br|/?(?:p|li|ul|ol|div|h[1-6]|tr|td|th|table|tbody|section|article|header|footer|"
    r"blockquote|dd|dt|dl|main|nav|aside|figure|figcaption|pre|hr))\b[^>]*>",
    re.IGNORECASE,
)
_ANY_TAG = re.compile(r"<[^>]*>")
_BLANKS = re.compile(r"[ \t\r\f\v]+")
_BLANKS_BUT_SPACE = re.compile(r"[\t\r\f\v]")
# A line break of the source and the indentation after it (pretty-printed pages). It
# starts with the break itself: a pattern starting with optional blanks is tried at each.
_SOURCE_BREAKS = re.compile(r"\n[ \t\n]*")


# The entities bulletins are written with, replaced by str.replace before html.unescape
# (whose regex calls a Python function for each entity: the aggregator's day lists have
# two a figure). Exact: an entity is matched from its own "&", and none of these yields one.
_COMMON_ENTITIES = (("&nbsp;", "\u00a0"), ("&mdash;", "\u2014"), ("&ndash;", "\u2013"))


def _unescape(text: str) -> str:
    if "&" not in text:
        return text
    for entity, char in _COMMON_ENTITIES:
        if entity in text:
            text = text.replace(entity, char)
    return html.unescape(text) if "&" in text else text


def html_to_lines(fragment: str, *, source_lines: bool = True) -> list[str]:
    """The visible text of an HTML fragment, one line per block (<p>, <li>, <br>, ...),
    with entities decoded, inline tags dropped and spaces collapsed. With `source_lines`
    a line break of the source ends a line too (a press text pasted into HTML); without,
    it is a space, as a browser shows it (a pretty-printed page wraps an item's text)."""
    text = fragment
    if not source_lines and ("\n" in text or "\r" in text):
        text = _SOURCE_BREAKS.sub(" ", text.replace("\r", "\n") if "\r" in text else text)
    if "<" in text:  # (a link's or heading's text often has no tags at all)
        text = _INVISIBLE_BLOCKS.sub(" ", text)
        text = _BLOCK_TAG.sub("\n", text)
        text = _ANY_TAG.sub("", text)
    text = normalize_spaces(_unescape(text))
    # Collapse blanks in one pass over the text (not one a line), and only when that changes
    # something: the pass tries a match at each of the hundreds of single spaces.
    if "  " in text or _BLANKS_BUT_SPACE.search(text):
        text = _BLANKS.sub(" ", text)
    lines = (line.strip() for line in text.split("\n"))
    return [line for line in lines if line]


def html_to_text(fragment: str) -> str:
    return " ".join(html_to_lines(fragment))


@functools.cache
def _tag_re(tag: str, raw: bool = False) -> re.Pattern:
    pattern = rf"<(/?){tag}\b[^>]*>"
    return re.compile(pattern.encode() if raw else pattern, re.IGNORECASE)


def element_end(document: str | bytes, start: int, tag: str) -> int | None:
    """Index just after the closing tag of the element of type `tag` that opens at
    `start`, counting nested elements of the same type; None when it never closes (a
    truncated document). Markup is ASCII: a raw page (bytes) is searched alike."""
    depth = 0
    for match in _tag_re(tag, isinstance(document, bytes)).finditer(document, start):
        depth += -1 if match[1] else 1
        if depth == 0:
            return match.end()
    return None


def _as(document: str | bytes, text: str) -> str | bytes:
    return text.encode() if isinstance(document, bytes) else text


def find_element(
    document: str | bytes, tag: str, name: str, start: int = 0, end: int | None = None
) -> int | None:
    """Where the first `<tag ...>` element whose class list or id holds `name` opens (at
    or after `start`, before `end`), found by searching for `name` and checking it stands
    in such an opening tag ("news-detail" in a stylesheet or a script is not one)."""
    needle, opening = _as(document, name), _as(document, f"<{tag}")
    stop = len(document) if end is None else end
    index = document.find(needle, start, stop)
    while index >= 0:
        after = index + len(needle)  # (a slice of one character: not of the whole rest)
        tag_start = document.rfind(b"<" if isinstance(document, bytes) else "<", 0, index)
        if (
            tag_start >= start
            and document.startswith(opening, tag_start)
            and document[tag_start + len(opening) : tag_start + len(opening) + 1].isspace()
            and _in_attribute(document[tag_start:index], document[after : after + 1])
        ):
            return tag_start
        index = document.find(needle, after, stop)
    return None


_ATTRIBUTE_VALUE_RE = re.compile(r"""\b(?:class|id)\s*=\s*["']?(?:[^"'>]*\s)?$""")
_ATTRIBUTE_VALUE_RAW_RE = re.compile(_ATTRIBUTE_VALUE_RE.pattern.encode())


def _in_attribute(before: str | bytes, after: str | bytes) -> bool:
    """Whether a name between `before` (from the tag's "<") and `after` (the character
    after it) is a whole word of the tag's class or id value."""
    if b">" in before if isinstance(before, bytes) else ">" in before:
        return False
    regex = _ATTRIBUTE_VALUE_RAW_RE if isinstance(before, bytes) else _ATTRIBUTE_VALUE_RE
    if not regex.search(before):
        return False
    return not after or after in (b" \t\n\"'>" if isinstance(after, bytes) else " \t\n\"'>")


def element_text(document: str, tag: str, start: int = 0) -> str:
    """The text of the first <tag> element at or after `start`, or "" (no nesting)."""
    begin = document.find(f"<{tag}", start)
    if begin < 0:
        return ""
    close = document.find(f"</{tag}", begin)
    return html_to_text(document[begin:close]) if close > 0 else ""


def surely_complete(body: bytes) -> bool:
    """Whether a raw page certainly closes, so that is_truncated_page(its text) is False:
    its last 4096 bytes (in any codec, within its last 4096 characters) hold </html> or
    </body>. False does not mean truncated: decode it and ask is_truncated_page."""
    tail = body[-4096:].lower()
    return b"</html>" in tail or b"</body>" in tail


def is_truncated_page(document: str) -> bool:
    """A full HTML page (it has an <html> or <body> tag) that never closes."""
    head = document[:2048].lower()
    if "<html" not in head and "<body" not in head:
        return False
    tail = document[-4096:].lower()
    return "</html>" not in tail and "</body>" not in tail
