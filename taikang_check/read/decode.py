"""Bytes to text: find the encoding a spreadsheet program wrote, never guess silently.

A file is decoded as one encoding or refused. UTF-8 is tried first, then GB18030 (a superset
of GBK and GB2312, what Excel writes on a Chinese Windows). A file that is UTF-8 except for
some lines (a row pasted from a GBK file) would decode whole as GB18030 mojibake
(`第九小学` → `绗\\ue0ff節灏忓`): it is refused, naming its first line that is not UTF-8.
UTF-16 and UTF-32 are read when they start with a byte-order mark; without one they are
refused (their NUL bytes are never shown).
"""

from __future__ import annotations

import codecs
import re

from taikang_check.problems import Problem, ProblemCode, ProblemsFound

# Tried in this order when the file has no byte-order mark.
AUTO_ENCODINGS = ("utf-8", "gb18030")

# UTF-32 first: its little-endian mark (FF FE 00 00) starts with UTF-16's (FF FE).
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
_SINGLE_BYTE_LINES = ("utf-8", "utf-8-sig", "gb18030")  # where b"\n" ends a line

# A line that is valid UTF-8 (no byte escaped by surrogateescape) and holds a Chinese
# character: proof that the file was written as UTF-8. A line of GBK bytes is valid UTF-8
# only by rare chance, and then hardly ever decodes to Chinese characters.
_HAN = "\u3400-\u4dbf\u4e00-\u9fff"
_UTF8_CHINESE_LINE = re.compile(
    f"^[^\n\udc80-\udcff{_HAN}]*[{_HAN}][^\n\udc80-\udcff]*$", re.MULTILINE
)


def decode(data: bytes, path: str, encoding: str | None = None) -> tuple[str, str]:
    """The text and the name of the encoding it was read with."""
    if encoding is not None:
        return _decode_or_raise(data, path, encoding, (encoding,)), encoding
    for bom, name in _BOMS:
        if data.startswith(bom):
            if name == "utf-8-sig" and b"\x00" in data:  # no text file holds NUL bytes
                offset = data.index(b"\x00")
                raise ProblemsFound([_encoding_problem(path, offset, (name,), binary=True)])
            if name == "utf-8-sig":
                _refuse_mixed(data, path, bom=True)
            return _decode_or_raise(data, path, name, (name,)), name
    if b"\x00" in data:
        offset = data.index(b"\x00")
        problem = _encoding_problem(path, offset, AUTO_ENCODINGS, binary=True)
        problem.detail["looks_like"] = _wide_guess(data)
        raise ProblemsFound([problem])
    first_error: UnicodeDecodeError | None = None
    for name in AUTO_ENCODINGS:
        try:
            return data.decode(name), name
        except UnicodeDecodeError as error:
            if first_error is None:  # not UTF-8: UTF-8 with some GBK lines is refused
                _refuse_mixed(data, path)
            first_error = first_error or error
    offset = first_error.start if first_error else 0
    raise ProblemsFound([_encoding_problem(path, offset, AUTO_ENCODINGS, data=data)])


def _refuse_mixed(data: bytes, path: str, bom: bool = False) -> None:
    """Raise when the file is UTF-8 (a byte-order mark, or a line of Chinese in UTF-8) except
    for some lines; return when it is all UTF-8 or holds no sign of UTF-8 at all."""
    body = data.removeprefix(codecs.BOM_UTF8) if bom else data
    try:
        body.decode("utf-8")
        return
    except UnicodeDecodeError as error:
        offset = error.start + (len(data) - len(body))
    bad_row = data.count(b"\n", 0, offset) + 1
    if not bom and not _is_gb18030(_line_at(data, offset)):
        return  # neither UTF-8 nor GBK: an encoding error, not a mix of the two
    evidence = _utf8_row(body)
    if evidence is None and bom and bad_row > 1:
        evidence = 1  # the byte-order mark on row 1 says UTF-8
    if evidence is None:
        if bom:
            raise ProblemsFound([_encoding_problem(path, offset, ("utf-8-sig",), data=data)])
        return
    raise ProblemsFound(
        [
            Problem(
                ProblemCode.MIXED_ENCODING,
                file=path,
                row=bad_row,
                detail={"utf8_row": str(evidence), "offset": str(offset)},
            )
        ]
    )


def _line_at(data: bytes, offset: int) -> bytes:
    start = data.rfind(b"\n", 0, offset) + 1
    end = data.find(b"\n", offset)
    return data[start : end if end >= 0 else len(data)]


def _is_gb18030(line: bytes) -> bool:
    try:
        line.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True


def _utf8_row(data: bytes) -> int | None:
    """The first line (1-based) that is valid UTF-8 and holds a Chinese character."""
    text = data.decode("utf-8", "surrogateescape")
    match = _UTF8_CHINESE_LINE.search(text)
    if match is None:
        return None
    return text.count("\n", 0, match.start()) + 1


def _wide_guess(data: bytes) -> str:
    """UTF-16 or UTF-32 when every second or fourth byte of a file with NUL bytes and no
    byte-order mark is zero (so --encoding can be given), else ''."""
    size = len(data)
    if size >= 8 and size % 4 == 0:
        for name, zero, small in (("utf-32-le", 3, 2), ("utf-32-be", 0, 1)):
            if data[zero::4].count(0) == size // 4 and data[small::4].count(0) * 2 >= size // 4:
                return name
    if size >= 4 and size % 2 == 0:
        for name, zero in (("utf-16-le", 1), ("utf-16-be", 0)):
            if data[zero::2].count(0) * 4 >= (size // 2) * 3:
                return name
    return ""


def _decode_or_raise(data: bytes, path: str, name: str, tried: tuple[str, ...]) -> str:
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise ProblemsFound([_encoding_problem(path, error.start, tried, data=data)]) from None
    except UnicodeError:  # codecs such as idna fail without a position
        raise ProblemsFound([_encoding_problem(path, 0, tried)]) from None
    except LookupError:
        raise ProblemsFound(
            [
                Problem(
                    ProblemCode.BAD_ARGUMENT, file=path, value=name, detail={"what": "--encoding"}
                )
            ]
        ) from None
    if "\x00" in text:  # UTF-16 read as UTF-32, a binary file given an encoding …
        offset = text.index("\x00")
        raise ProblemsFound([_encoding_problem(path, offset, tried, binary=True)])
    return text.removeprefix("\ufeff")


def _encoding_problem(
    path: str,
    offset: int,
    tried: tuple[str, ...],
    binary: bool = False,
    data: bytes | None = None,
) -> Problem:
    """`data`, when given, is a text file in an encoding of single-byte line ends: the
    problem then names the row of the offset."""
    single = data is not None and all(t.lower() in _SINGLE_BYTE_LINES for t in tried)
    row = data.count(b"\n", 0, offset) + 1 if single and data is not None else None
    return Problem(
        ProblemCode.ENCODING_ERROR,
        file=path,
        row=row,
        detail={
            "offset": str(offset),
            "tried": ", ".join(tried),
            "binary": "yes" if binary else "",
        },
    )
