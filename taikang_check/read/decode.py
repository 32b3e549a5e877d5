"""Bytes to text: find the encoding a spreadsheet program wrote, never guess silently."""

from __future__ import annotations

import codecs

from taikang_check.problems import Problem, ProblemCode, ProblemsFound

# Tried in this order when the file has no byte-order mark. GB18030 is a superset of GBK
# and GB2312, which is what Excel writes on a Chinese Windows.
AUTO_ENCODINGS = ("utf-8", "gb18030")

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
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
            return _decode_or_raise(data, path, name, (name,)), name
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise ProblemsFound([_encoding_problem(path, offset, ("utf-8", "gb18030"), binary=True)])
    first_error: UnicodeDecodeError | None = None
    for name in AUTO_ENCODINGS:
        try:
            return data.decode(name), name
        except UnicodeDecodeError as error:
            first_error = first_error or error
    offset = first_error.start if first_error else 0
    raise ProblemsFound([_encoding_problem(path, offset, AUTO_ENCODINGS)])


def _decode_or_raise(data: bytes, path: str, name: str, tried: tuple[str, ...]) -> str:
    try:
        text = data.decode(name)
    except UnicodeDecodeError as error:
        raise ProblemsFound([_encoding_problem(path, error.start, tried)]) from None
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
    return text.removeprefix("\ufeff")


def _encoding_problem(
    path: str, offset: int, tried: tuple[str, ...], binary: bool = False
) -> Problem:
    return Problem(
        ProblemCode.ENCODING_ERROR,
        file=path,
        detail={
            "offset": str(offset),
            "tried": ", ".join(tried),
            "binary": "yes" if binary else "",
        },
    )
