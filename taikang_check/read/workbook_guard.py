"""A workbook is checked before any library reads it: sizes, structure and the real extent of
every sheet, so that no file, however built, makes the reader allocate more than its content
needs, loop forever or abort the process.

- Zip containers (.xlsx, .xlsm, .xlsb, .ods): the number of entries and the size of the
  central directory; each entry's declared size, its compression ratio and (for the parts
  the reader uses) its real size while it is decompressed here in chunks; no DTD in any XML
  part (entity expansion); no encrypted entry.
- OLE2 containers (.xls): every chain of sectors ends inside the file (ole.py).
- Every sheet: where its cells really are (sheet_scan.py), never what it declares. A reference
  past XFD1048576 is `bad-cell-reference`; a grid far larger than its cells (one stray cell at
  XFD1048576) is `sparse-sheet`, naming that cell; too many cells is `too-large`.

What it learns on the way is kept: which cells show as percentages, by sheet.
"""

from __future__ import annotations

import functools
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from xml.etree import ElementTree
from xml.parsers import expat

from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.read.ole import CompoundFile, OleError
from taikang_check.read.sheet_scan import (
    MAX_ERROR_CELLS,
    PERCENT_BUILTIN,
    BadReference,
    Extent,
    Malformed,
    cell_name,
    column_letters,
    is_percent_format,
    scan_biff_globals,
    scan_biff_sheet,
    scan_ods,
    scan_worksheet,
    scan_xlsb_sheet,
    xlsb_percent_styles,
    xlsb_records,
    xlsb_string_count,
)

MiB = 1024 * 1024
MAX_ENTRIES = 20_000  # a workbook of 1,000 sheets has about 2,000
MAX_DIRECTORY_BYTES = 4 * MiB  # zipfile makes an object of each entry it lists
MAX_PART_BYTES = 512 * MiB  # one part, uncompressed
MAX_TOTAL_BYTES = 1024 * MiB  # all parts
MAX_RATIO = 200  # spreadsheet XML compresses 5 to 50 times; whitespace 1,000 times
RATIO_FLOOR = 8 * MiB  # smaller parts may compress as they like
MAX_SMALL_PART = 64 * MiB  # workbook.xml, styles.xml, relationships: parsed whole
MAX_SHEETS = 10_000
MAX_CELLS = 20_000_000  # cells that hold a value, per workbook
MAX_GRID = 25_000_000  # slots of the grid the reader builds for one sheet
SPARSE_FLOOR = 2_000_000  # a grid up to this size is fine however empty
SPARSE_FACTOR = 20  # ... beyond it, at most this many slots per filled cell
MAX_BINARY_BYTES = 512 * MiB  # .xls and .xlsb files
CHUNK = 4 * MiB
PROLOG_LIMIT = 1 * MiB

_DOCUMENT_REL = "/officeDocument"


@dataclass
class Preflight:
    """What the checks learnt, by sheet name: the cells that show as percentages, and the
    cells that hold an error value (with its text), which the reader gives as blanks."""

    percent: dict[str, set[tuple[int, int]]] = field(default_factory=dict)
    errors: dict[str, dict[tuple[int, int], str]] = field(default_factory=dict)

    def keep(self, sheet: str, extent: Extent) -> None:
        self.percent[sheet] = extent.percent
        if extent.errors:
            self.errors[sheet] = extent.errors


def preflight(data: bytes, path: str, kind: str) -> Preflight:
    """Check a workbook of `kind` (xlsx, xlsb, ods, xls); raise ProblemsFound when a library
    must not be given it."""
    guard = _Guard(data, path)
    try:
        if kind == "xls":
            return guard.xls()
        guard.open_zip()
        if kind == "ods":
            return guard.ods()
        if kind == "xlsb":
            return guard.xlsb()
        return guard.xlsx()
    except Malformed as error:
        raise ProblemsFound([guard.malformed(error.why, str(error))]) from None
    except OleError as error:
        raise ProblemsFound([guard.malformed("ole", str(error))]) from None
    except (struct.error, IndexError, ValueError, OverflowError, zlib.error) as error:
        # bytes that no check above foresaw, read past their end: damaged all the same
        reason = f"{type(error).__name__}: {error}"
        raise ProblemsFound([guard.malformed("records", reason)]) from None


class _Guard:
    def __init__(self, data: bytes, path: str) -> None:
        self.data = data
        self.path = path
        self.archive: zipfile.ZipFile | None = None
        self.names: dict[str, zipfile.ZipInfo] = {}  # lower-cased name -> entry
        self.cells = 0

    # --- problems ------------------------------------------------------------------------

    def malformed(self, why: str, reason: str = "", part: str | None = None) -> Problem:
        """`why`: a key of messages.MALFORMED_TEXT; `reason`: the particulars, in English."""
        detail = {"why": why, "reason": reason[:200]}
        if part:
            detail["part"] = part[:200]
        return Problem(ProblemCode.MALFORMED_WORKBOOK, file=self.path, detail=detail)

    def too_large(
        self, what: str, size: int, limit: int, sheet: str | None = None, part: str = ""
    ) -> Problem:
        """`what`: a key of messages.TOO_LARGE_TEXT."""
        return Problem(
            ProblemCode.TOO_LARGE,
            file=f"{self.path} [{sheet}]" if sheet else self.path,
            detail={
                "what": what,
                "size": _amount(what, size),
                "limit": _amount(what, limit),
                "part": part[:200],
            },
        )

    def fail(self, problem: Problem) -> ProblemsFound:
        return ProblemsFound([problem])

    # --- zip -----------------------------------------------------------------------------

    def open_zip(self) -> None:
        problem = too_large_archive(self.data, self.path)
        if problem is not None:
            raise self.fail(problem)
        try:
            self.archive = zipfile.ZipFile(io.BytesIO(self.data))
            infos = self.archive.infolist()
        except Exception as error:  # BadZipFile, struct.error, ValueError, ...
            raise self.fail(_unreadable(self.path, error)) from None
        if len(infos) > MAX_ENTRIES:  # the end record may understate them
            raise self.fail(self.too_large("entries", len(infos), MAX_ENTRIES))
        total = 0
        for info in infos:
            key = info.filename.replace("\\", "/").lower()  # as calamine looks parts up
            if key in self.names:
                raise self.fail(self.malformed("zip", "two entries of one name", info.filename))
            self.names[key] = info
            if info.flag_bits & 0x1:
                raise self.fail(Problem(ProblemCode.ENCRYPTED_FILE, file=self.path))
            if info.file_size > MAX_PART_BYTES:
                raise self.fail(
                    self.too_large("part", info.file_size, MAX_PART_BYTES, part=info.filename)
                )
            total += info.file_size
            if total > MAX_TOTAL_BYTES:
                raise self.fail(self.too_large("unpacked", total, MAX_TOTAL_BYTES))
            if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(
                1, info.compress_size
            ):
                ratio = info.file_size // max(1, info.compress_size)
                raise self.fail(self.too_large("ratio", ratio, MAX_RATIO, part=info.filename))
        for info in infos:  # no DTD in any XML part
            if info.filename.lower().endswith((".xml", ".rels", ".vml")) and info.file_size:
                self._check_prolog(info)

    def entry(self, name: str) -> zipfile.ZipInfo | None:
        return self.names.get(name.lower())

    def chunks(self, info: zipfile.ZipInfo, limit: int | None = None) -> Iterator[bytes]:
        """The entry's bytes, decompressed here in chunks (never trusting the declared size:
        more bytes than declared is an error), at most `limit` bytes when given."""
        data = self.data
        offset = info.header_offset
        if data[offset : offset + 4] != b"PK\x03\x04" or offset + 30 > len(data):
            raise Malformed(f"no local header for {info.filename}", "zip")
        name_length, extra_length = struct.unpack_from("<HH", data, offset + 26)
        start = offset + 30 + name_length + extra_length
        raw = memoryview(data)[start : start + info.compress_size]
        if len(raw) < info.compress_size:
            raise Malformed(f"{info.filename} is cut short", "zip")
        produced = 0
        crc = 0
        if info.compress_type == zipfile.ZIP_STORED:
            pieces: Iterator[bytes] = (bytes(raw[i : i + CHUNK]) for i in range(0, len(raw), CHUNK))
        elif info.compress_type == zipfile.ZIP_DEFLATED:
            pieces = _inflate(raw, info.filename)
        else:
            raise Malformed(f"{info.filename} uses compression method {info.compress_type}", "zip")
        for piece in pieces:
            produced += len(piece)
            if produced > info.file_size:
                raise Malformed(f"{info.filename} holds more than its declared size", "zip")
            crc = zlib.crc32(piece, crc)
            yield piece
            if limit is not None and produced >= limit:
                return
        if produced != info.file_size:
            raise Malformed(f"{info.filename} holds less than its declared size", "zip")
        if crc != info.CRC:
            raise Malformed(f"{info.filename} is damaged (CRC-32)", "zip")

    def read_part(self, name: str) -> bytes | None:
        info = self.entry(name)
        return None if info is None else self.read_entry(info, MAX_SMALL_PART)

    def read_entry(self, info: zipfile.ZipInfo, limit: int) -> bytes:
        if info.file_size > limit:
            raise self.fail(self.too_large("part", info.file_size, limit, part=info.filename))
        return b"".join(self.chunks(info))

    def _check_prolog(self, info: zipfile.ZipInfo) -> None:
        head = b""
        for piece in self.chunks(info, limit=PROLOG_LIMIT):
            head += piece
            if len(head) >= PROLOG_LIMIT or _ROOT.search(head):
                break
        root = _ROOT.search(head)
        prolog = head[: root.start()] if root else head
        if b"<!DOCTYPE" in prolog.upper() or b"<!ENTITY" in prolog.upper():
            raise self.fail(self.malformed("dtd", "", info.filename))
        if root is None and len(head) >= PROLOG_LIMIT:
            raise self.fail(
                self.malformed("zip", "no root element in the first MiB", info.filename)
            )

    # --- xlsx ----------------------------------------------------------------------------

    def xlsx(self) -> Preflight:
        """Every part that holds cells is scanned, whichever sheet it belongs to: the reader's
        way of finding parts (relationships, case-insensitive names) is not relied on."""
        base = "xl/"
        package = self.read_part("_rels/.rels")
        if package is not None:
            for rel in _relationships(package, "_rels/.rels"):
                if rel[1].endswith(_DOCUMENT_REL):
                    base = rel[2][: rel[2].rfind("/") + 1].lstrip("/")
        workbook = self.read_part(base + "workbook.xml")
        sheets = _workbook_sheets(workbook) if workbook else []
        if len(sheets) > MAX_SHEETS:
            raise self.fail(self.too_large("sheets", len(sheets), MAX_SHEETS))
        rels = self.read_part(base + "_rels/workbook.xml.rels") or b""
        targets = {rid: target for rid, _, target in _relationships(rels, "workbook rels")}
        by_part: dict[str, str] = {}  # lower-cased part name -> sheet name
        for name, rid in sheets:
            target = targets.get(rid)
            if target:
                part = target[1:] if target.startswith("/") else base + target
                by_part.setdefault(part.lower(), name)
        styles = self.read_part(base + "styles.xml")
        percent_styles = _xlsx_percent_styles(styles) if styles else set()
        result = Preflight()
        for key, info in self.names.items():
            if info.is_dir() or not info.file_size:
                continue
            self._check_shared_strings(info)
            sheet = by_part.get(key)
            extent = self._sheet(
                sheet or info.filename,
                functools.partial(self.chunks, info),
                percent_styles if sheet else set(),
            )
            if sheet:
                result.keep(sheet, extent)
        return result

    def _check_shared_strings(self, info: zipfile.ZipInfo) -> None:
        """calamine reserves uniqueCount strings before it reads one."""
        head = b""
        for piece in self.chunks(info, limit=64 * 1024):
            head += piece
            if len(head) >= 64 * 1024:
                break
        head = head[: 64 * 1024]
        match = re.search(rb"<(?:[\w.-]+:)?sst\b[^>]*?\buniqueCount\s*=\s*[\"']([^\"']*)", head)
        if match:
            count = match.group(1)
            # each string takes at least <si/>: five bytes
            if not count.isdigit() or int(count[:20]) > max(10_000, info.file_size // 5):
                raise self.fail(self.malformed("strings", "", info.filename))

    def _sheet(
        self, name: str, open_chunks: Callable[[], Iterator[bytes]], percent_styles: set[int]
    ) -> Extent:
        try:
            extent = scan_worksheet(open_chunks, percent_styles)
        except BadReference as error:
            raise self.fail(self._bad_reference(name, error)) from None
        self._judge(name, extent)
        return extent

    def _bad_reference(self, sheet: str, error: BadReference) -> Problem:
        return Problem(
            ProblemCode.BAD_CELL_REFERENCE,
            file=f"{self.path} [{sheet}]",
            row=error.row,
            value=error.ref,
        )

    def _judge(self, sheet: str, extent: Extent) -> None:
        """Refuse a sheet whose grid is far larger than its cells, or too large at all."""
        self.cells += extent.cells
        where = f"{self.path} [{sheet}]"
        if self.cells > MAX_CELLS:
            raise self.fail(self.too_large("cells", self.cells, MAX_CELLS, sheet))
        if extent.error_cells > MAX_ERROR_CELLS:
            raise self.fail(self.too_large("errors", extent.error_cells, MAX_ERROR_CELLS, sheet))
        if extent.reserved > max(SPARSE_FLOOR, SPARSE_FACTOR * max(1, extent.cells)):
            reason = f"declares {extent.reserved:,} cells and holds {extent.cells:,}"
            raise self.fail(self.malformed("dimension", reason, sheet))
        grid = extent.dense
        if grid > SPARSE_FLOOR and grid > SPARSE_FACTOR * max(1, extent.cells):
            far = _farthest(extent)
            raise self.fail(
                Problem(
                    ProblemCode.SPARSE_SHEET,
                    file=where,
                    row=far[0] if far else None,
                    column=column_letters(far[1]) if far else None,
                    value=cell_name(*far) if far else None,
                    detail={"cells": f"{extent.cells:,}", "grid": f"{grid:,}"},
                )
            )
        if grid > MAX_GRID:
            raise self.fail(self.too_large("grid", grid, MAX_GRID, sheet))

    # --- ods -----------------------------------------------------------------------------

    def ods(self) -> Preflight:
        manifest = self.read_part("META-INF/manifest.xml") or b""
        if b"encryption-data" in manifest:
            raise self.fail(Problem(ProblemCode.ENCRYPTED_FILE, file=self.path))
        content = self.entry("content.xml")
        if content is None:
            return Preflight()
        try:
            tables = scan_ods(_well_formed(self.chunks(content), content.filename))
        except BadReference as error:
            raise self.fail(self._bad_reference("content.xml", error)) from None
        if len(tables) > MAX_SHEETS:
            raise self.fail(self.too_large("sheets", len(tables), MAX_SHEETS))
        result = Preflight()
        for name, extent in tables.items():
            self._judge(name, extent)
            result.keep(name, extent)
        return result

    # --- xlsb ----------------------------------------------------------------------------

    def xlsb(self) -> Preflight:
        if len(self.data) > MAX_BINARY_BYTES:
            raise self.fail(self.too_large("file", len(self.data), MAX_BINARY_BYTES))
        workbook = self.read_part("xl/workbook.bin")
        if workbook is None:
            return Preflight()
        rels = self.read_part("xl/_rels/workbook.bin.rels") or b""
        targets = {rid: target for rid, _, target in _relationships(rels, "workbook rels")}
        styles = self.read_part("xl/styles.bin")
        percent_styles = xlsb_percent_styles(styles) if styles else set()
        sheets = _xlsb_sheets(workbook, set(targets))
        strings = self.read_part("xl/sharedStrings.bin")
        count = xlsb_string_count(strings) if strings else 0
        if len(sheets) > MAX_SHEETS:
            raise self.fail(self.too_large("sheets", len(sheets), MAX_SHEETS))
        result = Preflight()
        resolved: dict[str, str] = {}  # lower-cased part -> sheet, as calamine finds it
        for name, rid in sheets:
            resolved.setdefault(f"xl/{targets[rid]}".lower(), name)
        for key, info in self.names.items():
            sheet = resolved.get(key)
            if sheet is None and not key.endswith(".bin"):
                continue
            part = self.read_entry(info, MAX_PART_BYTES)
            try:
                extent = scan_xlsb_sheet(part, percent_styles, count)
            except BadReference as error:
                raise self.fail(self._bad_reference(sheet or info.filename, error)) from None
            except Malformed:
                if sheet is not None:
                    raise
                continue  # no sheet: the reader fails on it too, before any grid
            self._judge(sheet or info.filename, extent)
            if sheet is not None:
                result.keep(sheet, extent)
        return result

    # --- xls -----------------------------------------------------------------------------

    def xls(self) -> Preflight:
        if len(self.data) > MAX_BINARY_BYTES:
            raise self.fail(self.too_large("file", len(self.data), MAX_BINARY_BYTES))
        container = CompoundFile(self.data)
        stream = next(
            (s for s in map(container.stream, ("Workbook", "Book")) if s is not None), None
        )
        if stream is None:
            return Preflight()  # the reader says what is missing
        book = scan_biff_globals(stream)
        if book.encrypted:
            raise self.fail(Problem(ProblemCode.ENCRYPTED_FILE, file=self.path))
        if len(book.sheets) > MAX_SHEETS:
            raise self.fail(self.too_large("sheets", len(book.sheets), MAX_SHEETS))
        result = Preflight()
        for name, offset, _ in book.sheets:
            try:
                extent = scan_biff_sheet(stream, offset, book.percent_styles)
            except BadReference as error:
                raise self.fail(self._bad_reference(name, error)) from None
            self._judge(name, extent)
            result.keep(name, extent)
        return result


# --- helpers ---------------------------------------------------------------------------------


def too_large_archive(data: bytes, path: str) -> Problem | None:
    """A zip whose directory alone is too large to list (before zipfile reads it)."""
    entries, directory = _central_directory(data)
    guard = _Guard(data, path)
    if entries > MAX_ENTRIES:
        return guard.too_large("entries", entries, MAX_ENTRIES)
    if directory > MAX_DIRECTORY_BYTES:
        return guard.too_large("directory", directory, MAX_DIRECTORY_BYTES)
    return None


_ROOT = re.compile(rb"<[A-Za-z_]")


def _inflate(raw: memoryview, name: str) -> Iterator[bytes]:
    inflater = zlib.decompressobj(-15)
    step = 1 * MiB
    try:
        for start in range(0, len(raw), step):
            data = bytes(raw[start : start + step])
            while data:
                out = inflater.decompress(data, CHUNK)
                if out:
                    yield out
                data = inflater.unconsumed_tail
            if inflater.eof:
                break
        tail = inflater.flush()
        if tail:
            yield tail
    except zlib.error as error:
        raise Malformed(f"{name} is damaged ({error})", "zip") from None


def _central_directory(data: bytes) -> tuple[int, int]:
    """(entries, size of the central directory) as the end record declares them; (0, 0)
    when there is no end record (the zip reader then says what is wrong)."""
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end == -1 or end + 22 > len(data):
        return 0, 0
    entries, size = struct.unpack_from("<HI", data, end + 10)
    if entries == 0xFFFF or size == 0xFFFF_FFFF:
        locator = end - 20
        if locator >= 0 and data[locator : locator + 4] == b"PK\x06\x07":
            (record,) = struct.unpack_from("<Q", data, locator + 8)
            if record + 56 <= len(data) and data[record : record + 4] == b"PK\x06\x06":
                entries, size = struct.unpack_from("<QQ", data, record + 32)
    return entries, size


def _well_formed(chunks: Iterator[bytes], part: str) -> Iterator[bytes]:
    """The chunks, checked to make a well-formed XML document as they go: calamine's
    OpenDocument reader loops forever on a table or a note that never ends."""
    parser = expat.ParserCreate()
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
            yield chunk
        parser.Parse(b"", True)
    except expat.ExpatError as error:
        raise Malformed(f"{part}: {error}", "xml") from None


def _xml(data: bytes, part: str) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(data)
    except (ElementTree.ParseError, LookupError, ValueError) as error:  # LookupError: an
        raise Malformed(f"{part}: {error}", "xml") from None  # encoding no codec knows


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _relationships(data: bytes, part: str) -> list[tuple[str, str, str]]:
    """(Id, Type, Target) of each relationship."""
    if not data:
        return []
    return [
        (e.get("Id", ""), e.get("Type", ""), e.get("Target", ""))
        for e in _xml(data, part).iter()
        if _local(e.tag) == "Relationship"
    ]


def _workbook_sheets(data: bytes) -> list[tuple[str, str]]:
    """(name, relationship id) of each sheet of workbook.xml."""
    sheets = []
    for element in _xml(data, "workbook.xml").iter():
        if _local(element.tag) == "sheet":
            rid = next((v for k, v in element.attrib.items() if _local(k) == "id"), "")
            sheets.append((element.get("name", ""), rid))
    return sheets


def _xlsx_percent_styles(data: bytes) -> set[int]:
    """Indexes into cellXfs whose number format shows a percentage."""
    root = _xml(data, "styles.xml")
    formats: dict[int, str] = {}
    percent: set[int] = set()
    for element in root.iter():
        if _local(element.tag) == "numFmt":
            try:
                formats[int(element.get("numFmtId", ""))] = element.get("formatCode", "")
            except ValueError:
                continue
    for element in root.iter():
        if _local(element.tag) == "cellXfs":
            for index, xf in enumerate(e for e in element if _local(e.tag) == "xf"):
                try:
                    number = int(xf.get("numFmtId", "0"))
                except ValueError:
                    continue
                if number in PERCENT_BUILTIN or is_percent_format(formats.get(number, "")):
                    percent.add(index)
    return percent


def _xlsb_sheets(data: bytes, relationships: set[str]) -> list[tuple[str, str]]:
    """(name, relationship id) of each BrtBundleSh record of workbook.bin, up to the end of
    the sheet list; what calamine would index past the end of is Malformed."""
    sheets = []
    for kind, payload in xlsb_records(data):
        if kind == 0x90:  # BrtEndBundleShs
            break
        if kind == 0x99 and not payload:  # BrtWbProp
            raise Malformed("an empty workbook properties record")
        if kind != 0x9C:
            continue
        if len(payload) < 12:
            raise Malformed("a sheet record cut short")
        (length,) = struct.unpack_from("<I", payload, 8)
        if length != 0xFFFF_FFFF and 12 + 2 * length > len(payload):
            raise Malformed("a sheet record cut short")
        position = 8
        texts = []
        for _ in range(2):
            if position + 4 > len(payload):
                break
            (length,) = struct.unpack_from("<I", payload, position)
            position += 4
            if length == 0xFFFF_FFFF:
                texts.append("")
                continue
            texts.append(
                bytes(payload[position : position + 2 * length]).decode("utf-16-le", "replace")
            )
            position += 2 * length
        if len(texts) == 2 and texts[0]:
            if texts[0] not in relationships:
                raise Malformed(f"a sheet whose relationship {texts[0][:40]!r} is missing")
            sheets.append((texts[1], texts[0]))
    return sheets


def _farthest(extent: Extent) -> tuple[int, int] | None:
    """The cell that stretches the grid: the last row's when the grid is taller than wide."""
    extent.resolve()
    far = extent.far_row if extent.max_row >= extent.max_col - extent.min_col + 1 else None
    far = far or extent.far_col or extent.far_row
    return far if far and far[0] and far[1] else None


def _amount(what: str, size: int) -> str:
    if what in ("part", "unpacked", "directory", "file"):
        return f"{size / MiB:,.0f} MiB" if size >= MiB else f"{size:,} B"
    if what == "ratio":
        return f"{size}:1"
    return f"{size:,}"


def _unreadable(path: str, error: Exception) -> Problem:
    reason = str(error).splitlines()[0][:200] if str(error) else type(error).__name__
    return Problem(ProblemCode.UNREADABLE_FILE, file=path, detail={"reason": reason})
