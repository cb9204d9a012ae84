"""Bytes to text, following the declared charset but not trusting it blindly.

A fetched document declares its charset in the Content-Type header or a <meta> tag; sites
get this wrong (a cp1251 page served as utf-8, a utf-8 page served as latin-1). The rule
(DESIGN.md): honour the declaration; if it fails, or the text it gives is garbled
(mojibake), try utf-8 then cp1251; if nothing gives clean text, refuse the document.
"""

from __future__ import annotations

import codecs
import re

from parsers.model import ParseError

_CHARSET_RE = re.compile(rb"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_CT_CHARSET_RE = re.compile(r"""charset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"%PDF", "a PDF file"),
    (b"PK\x03\x04", "a ZIP archive"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\x28\xb5\x2f\xfd", "zstd-compressed data"),
    (b"RIFF", "a RIFF media file"),
    (b"\x7fELF", "an executable"),
)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in b"\t\n\r\f\x0b")
# What Cyrillic utf-8 looks like when decoded as cp1251 ("Р°" is "а") or latin-1 ("Ð°").
_MOJIBAKE_CP1251 = ("Р°", "Рѕ", "Рµ", "Рё", "С–", "РЅ", "С‚", "СЂ", "Р»", "Рє")
_MOJIBAKE_LATIN1 = ("Ð", "Ñ")


def binary_kind(data: bytes) -> str | None:
    """What a non-text body is ("a PNG image", "binary data"), or None for text."""
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            return kind
    head = data[:4096]
    if b"\x00" in head and not head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "binary data (NUL bytes)"
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    if head and controls * 20 > len(head):
        return "binary data (control bytes)"
    return None


def declared_charset(body: bytes, content_type: str | None) -> str | None:
    """The charset named by the Content-Type header, else by a <meta> tag in the head."""
    if content_type:
        match = _CT_CHARSET_RE.search(content_type)
        if match:
            return match[1].lower()
    match = _CHARSET_RE.search(body[:4096])
    if match and b"<meta" in body[: match.start()].lower()[-300:]:
        return match[1].decode("ascii").lower()
    return None


def mojibake_reason(text: str) -> str | None:
    """Why the text looks garbled, or None. Counts character pairs that clean
    Ukrainian/Russian/English text practically never contains."""
    cp1251 = sum(text.count(pair) for pair in _MOJIBAKE_CP1251)
    if cp1251 >= 3:
        return f"utf-8 text decoded as cp1251 ({cp1251} pairs like 'Р°')"
    latin1 = sum(text.count(ch) for ch in _MOJIBAKE_LATIN1)
    if latin1 >= 3:
        return f"utf-8 text decoded as latin-1 ({latin1} characters like 'Ð')"
    replaced = text.count("\ufffd")
    if replaced >= 3:
        return f"{replaced} undecodable characters (U+FFFD)"
    return None


def _codec_name(name: str) -> str | None:
    try:
        return codecs.lookup(name).name
    except LookupError:
        return None


def ensure_clean(text: str, what: str = "document") -> str:
    """`text` unchanged, or ParseError when it looks garbled (mojibake)."""
    reason = mojibake_reason(text)
    if reason:
        raise ParseError(f"{what} text looks garbled (mojibake, wrong charset?): {reason}")
    return text


def decode_body(body: bytes | str, content_type: str | None = None) -> str:
    """The document's text. Raises ParseError for empty, binary or undecodable documents.

    Order: valid UTF-8 first (a UTF-8 body with non-ASCII text is never meant as a
    single-byte charset; declaring cp1251/latin-1 for it only produces mojibake), then the
    declared charset, then cp1251. Parsers check the part they read with ensure_clean:
    checking a whole 250 KB page for mojibake would cost more than parsing it.
    """
    if isinstance(body, str):
        text = body.lstrip("\ufeff")
        if not text.strip():
            raise ParseError("empty document")
        return text
    if not body.strip():
        raise ParseError("empty document")
    if body.startswith(codecs.BOM_UTF8):
        return decode_body(body[3:].decode("utf-8", errors="strict"))
    declared = declared_charset(body, content_type)
    declared_codec = _codec_name(declared) if declared else None
    if body.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or (
        declared_codec and declared_codec.startswith(("utf-16", "utf-32"))
    ):
        try:
            return decode_body(body.decode(declared_codec or "utf-16"))
        except UnicodeDecodeError as exc:
            raise ParseError(f"cannot decode {declared_codec or 'UTF-16'}: {exc.reason}") from None
    kind = binary_kind(body)
    if kind:
        raise ParseError(f"not a text document: {kind}")
    problems: list[str] = []
    if declared and not declared_codec:
        problems.append(f"unknown declared charset {declared!r}")
    for codec in dict.fromkeys(c for c in ("utf-8", declared_codec, "cp1251") if c):
        try:
            return body.decode(codec)
        except UnicodeDecodeError as exc:
            if exc.reason == "unexpected end of data" and exc.start >= len(body) - 4:
                # A body cut off inside a multi-byte character (a truncated download):
                # drop the partial character; the format parser then sees the truncation.
                return body[: exc.start].decode(codec)
            problems.append(f"not valid {codec}")
    raise ParseError("cannot decode the document: " + "; ".join(problems))
