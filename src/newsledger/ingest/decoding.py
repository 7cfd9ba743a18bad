"""Bytes to text: UTF-8 (the default), byte-order-marked UTF-16/32, a guess for UTF-16 without a mark,
a repair for a few bad UTF-8 bytes, Windows-1252/Latin-1 for text that is not UTF-8 at all.
Binary files are refused. Whatever had to be guessed or repaired becomes a warning, never a loss.
"""
from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from typing import Union

from ..records import Failure

#: Leading bytes of binary formats people feed by mistake (a PDF, an image, an archive).
_MAGIC = {
    b"%PDF-": "PDF document", b"\x89PNG": "PNG image", b"\xff\xd8\xff": "JPEG image", b"GIF8": "GIF image",
    b"PK\x03\x04": "ZIP archive (or .docx/.xlsx)", b"\x1f\x8b": "gzip archive", b"\xd0\xcf\x11\xe0": "Office document",
    b"\x7fELF": "executable", b"BZh": "bzip2 archive", b"\xfd7zXZ": "xz archive", b"7z\xbc\xaf": "7-Zip archive",
}
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))


@dataclass
class Decoded:
    text: str
    warnings: list[str] = field(default_factory=list)


def decode_bytes(data: bytes, origin: str) -> Union[Decoded, Failure]:
    """The text of ``data`` and what had to be guessed, or a Failure for binary data."""
    for magic, kind in _MAGIC.items():
        if data.startswith(magic):
            return Failure(origin, f"binary file ({kind}), not text")
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return Decoded(data.decode(encoding, errors="replace"))
    utf16 = _utf16_without_bom(data[:8192])
    if utf16:
        text = data.decode(utf16, errors="replace")
        return Decoded(text, [f"no byte-order mark: read as {utf16.upper()} (guessed from its zero bytes)"])
    head = data[:8192]
    if head:
        nul = head.count(0) / len(head)
        controls = sum(b < 9 or 13 < b < 32 for b in head) / len(head)
        if nul > 0.01 or controls > 0.05:
            return Failure(origin, "binary file, not text")
    try:
        return Decoded(data.decode("utf-8"))
    except UnicodeDecodeError as err:
        first = err.start
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    good_non_ascii = sum(ch > "\x7f" for ch in replaced) - replaced.count("\ufffd")
    if good_non_ascii >= bad:  # UTF-8 text with a few broken bytes: keep it, mark them
        return Decoded(replaced, [f"{bad} byte{'s' if bad != 1 else ''} not valid UTF-8 replaced by U+FFFD (first at byte {first})"])
    try:
        text, encoding = data.decode("cp1252"), "Windows-1252"
    except UnicodeDecodeError:
        text, encoding = data.decode("latin-1"), "Latin-1"
    return Decoded(text, [f"not UTF-8 (byte {first}: {data[first:first + 1]!r}): read as {encoding}; convert it to UTF-8 to be sure"])


def decode_text(data: bytes, origin: str) -> Union[str, Failure]:
    """The text of ``data`` (guesses and repairs made silently), or a Failure for binary data."""
    decoded = decode_bytes(data, origin)
    return decoded if isinstance(decoded, Failure) else decoded.text


def _utf16_without_bom(head: bytes) -> str:
    """"utf-16-le"/"utf-16-be" when the zero bytes fall on one side of each pair, as in UTF-16 text
    that is mostly Latin script; "" otherwise."""
    if len(head) < 8:
        return ""
    head = head[: len(head) // 2 * 2]
    even, odd = head[0::2], head[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.4 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.4 and odd_nul < 0.05:
        return "utf-16-be"
    return ""
