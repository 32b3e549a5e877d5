"""What a file really is, from its first bytes and its container's directory, not its name.

A workbook is read as a workbook whatever it is called (report.csv that Excel saved as .xlsx,
an old .xls renamed .xlsx); a document that is no table (a Word file, a PDF, a zip of files,
Excel's ~$ lock file, an encrypted workbook) is named for what it is, with what to do, and
its content is never echoed. Everything else is text, for the CSV reader.
"""

from __future__ import annotations

import io
import os
import re
import struct
import zipfile
from enum import StrEnum

from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.read.ole import MAGIC as OLE_MAGIC
from taikang_check.read.ole import CompoundFile, OleError
from taikang_check.read.workbook_guard import too_large_archive

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
LOCK_FILE_BYTES = 4096  # Excel's owner file (~$name.xlsx) is 165 bytes
_ODF = "application/vnd.oasis.opendocument."


class Kind(StrEnum):
    TEXT = "text"  # CSV or other delimited text
    XLSX = "xlsx"  # also .xlsm, .xltx
    XLSB = "xlsb"
    ODS = "ods"
    XLS = "xls"  # BIFF8 in an OLE2 container (also WPS .et)


def sniff(data: bytes, path: str) -> Kind:
    """The kind of reader `data` needs; ProblemsFound when it is no table at all."""
    name = os.path.basename(path)
    if data.startswith(ZIP_MAGIC):
        return _zip_kind(data, path)
    if data.startswith(OLE_MAGIC):
        return _ole_kind(data, path)
    if name.startswith("~$") and len(data) <= LOCK_FILE_BYTES:
        raise _wrong(path, "lock-file")
    if data.startswith(b"%PDF-"):
        raise _wrong(path, "pdf")
    if data.startswith(b"{\\rtf"):
        raise _wrong(path, "rtf")
    text_format = _markup_format(data)
    if text_format:
        raise ProblemsFound(
            [Problem(ProblemCode.UNSUPPORTED_FORMAT, file=path, detail={"format": text_format})]
        )
    return Kind.TEXT


def _wrong(path: str, format_key: str) -> ProblemsFound:
    return ProblemsFound(
        [Problem(ProblemCode.WRONG_FORMAT, file=path, detail={"format": format_key})]
    )


def _zip_kind(data: bytes, path: str) -> Kind:
    too_large = too_large_archive(data, path)
    if too_large is not None:
        raise ProblemsFound([too_large])
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
            names = {info.filename.lower(): info for info in infos}
            mimetype = names.get("mimetype")
            media = ""
            if mimetype is not None and mimetype.file_size < 200:
                media = archive.read(mimetype).decode("ascii", "replace").strip()
    except Exception as error:  # BadZipFile, a damaged first entry, ...
        reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
        raise ProblemsFound(
            [Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})]
        ) from None
    if "xl/workbook.bin" in names:
        return Kind.XLSB
    if any(re.search(r"(^|/)workbook\.xml$", n) for n in names):
        return Kind.XLSX
    if media.startswith(_ODF):
        kind = media[len(_ODF) :]
        if kind.startswith("spreadsheet"):
            return Kind.ODS
        raise _wrong(path, {"text": "odt", "presentation": "odp"}.get(kind.split("-")[0], "odf"))
    if "content.xml" in names and "meta-inf/manifest.xml" in names:
        return Kind.ODS
    if any(n.startswith("word/") for n in names):
        raise _wrong(path, "docx")
    if any(n.startswith("ppt/") for n in names):
        raise _wrong(path, "pptx")
    if any(n.startswith("index/") and n.endswith(".iwa") for n in names):
        raise ProblemsFound(
            [Problem(ProblemCode.UNSUPPORTED_FORMAT, file=path, detail={"format": "numbers"})]
        )
    if any(n.startswith("xl/") for n in names):
        return Kind.XLSX  # a workbook without its workbook part: the reader says so
    raise _wrong(path, "zip")


def _ole_kind(data: bytes, path: str) -> Kind:
    try:
        names = {name.casefold() for name in CompoundFile(data).names()}
    except (OleError, struct.error, IndexError, ValueError) as error:
        raise ProblemsFound(
            [
                Problem(
                    ProblemCode.MALFORMED_WORKBOOK,
                    file=path,
                    detail={"why": "ole", "reason": str(error)[:200]},
                )
            ]
        ) from None
    if {"encryptedpackage", "encryptioninfo"} & names:
        raise ProblemsFound([Problem(ProblemCode.ENCRYPTED_FILE, file=path)])
    if {"workbook", "book"} & names:
        return Kind.XLS
    if "worddocument" in names:
        raise _wrong(path, "doc")
    if "powerpoint document" in names:
        raise _wrong(path, "ppt")
    raise _wrong(path, "ole")


_HTML = re.compile(rb"<(?:!doctype\s+html|html|table|meta|head|body)[\s>]")


def _markup_format(data: bytes) -> str | None:
    """'html' for a web page (what many systems export as .xls), 'xml-spreadsheet' for
    Excel 2003 XML; None for anything else."""
    head = data[:4096]
    head = head.removeprefix(b"\xef\xbb\xbf")
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        head = head[2:].replace(b"\x00", b"")  # UTF-16: ASCII letters are enough here
    head = head.lstrip().lower()
    if not head.startswith(b"<"):
        return None
    if head.startswith(b"<?xml") and (
        b"urn:schemas-microsoft-com:office:spreadsheet" in head or b"excel.sheet" in head
    ):
        return "xml-spreadsheet"
    if _HTML.match(head) or (head.startswith(b"<?xml") and b"<html" in head):
        return "html"
    return None
