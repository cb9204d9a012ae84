"""Bytes to text, following the declared charset but not trusting it blindly.

A fetched document declares its charset in the Content-Type header or a <meta> tag; sites
get this wrong (a cp1251 page served as utf-8, a utf-8 page served as latin-1). The rule:
honour the declaration; if it fails, or the text it gives is garbled
(mojibake), try utf-8 then cp1251; if nothing gives clean text, refuse the document.
"""

from __future__ import annotations

import codecs
import functools
import re

from parsers.errors import ParseError

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
# Counted by str.count, a pair only where its second character occurs at all (rare in
# clean text): ten times faster than one regex over the text, which the regex engine
# tries at every "Р" and "С" of a Ukrainian page. The same total: no two pairs can
# overlap (none ends in Р/С).


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
    cp1251 = sum(text.count(pair) for pair in _MOJIBAKE_CP1251 if pair[1] in text)
    if cp1251 >= 3:
        return f"utf-8 text decoded as cp1251 ({cp1251} pairs like 'Р°')"
    latin1 = sum(map(text.count, _MOJIBAKE_LATIN1))
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
        if _blank(text):
            raise ParseError("empty document")
        return text
    if _blank(body):
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


def _blank(text: bytes | str) -> bool:
    """`not text.strip()`, without copying a whole page when it ends with a newline."""
    return not text or text.isspace()


# --------------------------------------------------------------------------------------
# Decoding only part of a body. A MoD page is ~250 KB around a 1-3 KB article; decoding
# all of it costs more than parsing the article. The functions below tell which codec
# decode_body would pick, and decode pieces with it, at character boundaries.
# --------------------------------------------------------------------------------------


def body_codec(body: bytes, content_type: str | None, sample: bytes) -> str | None:
    """The codec decode_body(body, content_type) decodes the whole body with, told without
    decoding all of it; None when only that would tell (the caller then decodes it all):
    an empty, binary, BOM-marked or UTF-16/32 body, or a multi-byte declared charset.

    Whether the body is valid utf-8 (decode_body's first choice) is judged by `sample`,
    a piece of the body that starts at a character (the part the caller reads): a body
    whose sample is valid utf-8 is taken as utf-8. (A page invalid elsewhere, i.e. mixing
    two encodings, is thus read by that part.) A sample that is not valid utf-8 proves the
    body is not; a single-byte codec then decodes the whole body exactly when none of the
    bytes it leaves undefined occur in it (cp1251: 0x98), which a byte search tells."""
    if _blank(body) or body.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return None
    declared = declared_charset(body, content_type)
    declared_codec = _codec_name(declared) if declared else None
    if binary_kind(body) or (declared_codec and declared_codec.startswith(("utf-16", "utf-32"))):
        return None
    for codec in dict.fromkeys(c for c in ("utf-8", declared_codec, "cp1251") if c):
        if codec == "utf-8":
            if decode_piece(sample, "utf-8") is not None:
                return codec
        elif not _is_single_byte(codec) or len(_undefined_bytes(codec)) > 8:
            return None  # (ascii leaves 128 bytes undefined: one search each is no saving)
        elif not any(byte in body for byte in _undefined_bytes(codec)):
            return codec
    return None


def decode_piece(piece: bytes, codec: str) -> str | None:
    """A piece of a body (from a character on) decoded with the body's codec, or None when
    it does not decode. A utf-8 character cut at the end of the piece is left out (as
    decode_body leaves out one cut at the end of a truncated body)."""
    try:
        if codec == "utf-8":
            return codecs.getincrementaldecoder("utf-8")().decode(piece, final=False)
        return piece.decode(codec)
    except UnicodeDecodeError:
        return None


@functools.lru_cache(maxsize=32)  # keyed by codec name
def _is_single_byte(codec: str) -> bool:
    """Whether the codec maps each byte on its own to one character, ASCII to itself."""
    every_byte = bytes(range(256))
    one_by_one = "".join(every_byte[i : i + 1].decode(codec, "replace") for i in range(256))
    return (
        every_byte.decode(codec, "replace") == one_by_one
        and len(one_by_one) == 256
        and one_by_one[:128] == every_byte[:128].decode("ascii")
    )


@functools.lru_cache(maxsize=32)
def _undefined_bytes(codec: str) -> tuple[bytes, ...]:
    """The bytes a single-byte codec cannot decode."""
    undefined = []
    for value in range(256):
        try:
            bytes([value]).decode(codec)
        except UnicodeDecodeError:
            undefined.append(bytes([value]))
    return tuple(undefined)
