"""Where a sheet's cells really are, read from the file itself with bounded memory, before a
library lays the sheet out as a dense grid.

calamine (behind fastexcel) allocates one slot per cell of the rectangle from the first to
the last filled cell, so one cell at XFD1048576 asks for 17 billion slots, and a reference
past Excel's limits (A4294967297) wraps around and lands on another cell. Each scanner here
walks one sheet's cells as that reader would and returns its `Extent`: how many cells hold a
value, the rectangle they span, which of them show as percentages and which hold an error
value (#DIV/0!: the reader gives those as blanks). A reference that no
spreadsheet program could write raises `BadReference`; a damaged structure `Malformed`.

- xlsx/xlsm: the worksheet XML, scanned with regular expressions over decompressed chunks;
- ods: content.xml, with its repeated rows and columns counted, not expanded;
- xlsb: the binary records of a worksheet part;
- xls: the BIFF records of the workbook stream.
"""

from __future__ import annotations

import re
import struct
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

MAX_ROWS = 1_048_576  # Excel 2007 and later
MAX_COLUMNS = 16_384  # XFD
XLS_COLUMNS = 256  # IV: Excel 97-2003 (65,536 rows, as a u16 says)
MAX_TAG = 1 << 20  # one start tag of a cell or row longer than this is no spreadsheet's
MAX_ERROR_CELLS = 100_000  # error values kept per sheet; a sheet with more is refused
# The error codes of the binary formats (BIFF8 BoolErr and Formula, xlsb BrtCellError).
ERROR_CODES = {
    0x00: "#NULL!",
    0x07: "#DIV/0!",
    0x0F: "#VALUE!",
    0x17: "#REF!",
    0x1D: "#NAME?",
    0x24: "#NUM!",
    0x2A: "#N/A",
    0x2B: "#GETTING_DATA",
}


class BadReference(Exception):
    """A cell or range reference outside the sheet's limits or not a reference at all."""

    def __init__(self, ref: str, row: int | None = None) -> None:
        super().__init__(ref)
        self.ref = ref[:40]
        self.row = row if row is not None and 0 < row <= MAX_ROWS else None


class Malformed(Exception):
    """The part cannot be what it claims: the particulars in English, and `why`, a key of
    messages.MALFORMED_TEXT."""

    def __init__(self, reason: str, why: str = "records") -> None:
        super().__init__(reason)
        self.why = why


@dataclass
class Extent:
    """The cells of one sheet that hold a value (1-based rows and columns)."""

    cells: int = 0
    max_row: int = 0
    min_col: int = 0  # 0 while no cell is seen
    max_col: int = 0
    far_row: tuple[int, int] | None = None  # a cell on the last row
    far_col: tuple[int, int] | None = None  # a cell in the last column
    percent: set[tuple[int, int]] = field(default_factory=set)  # numbers shown as n%
    # cells holding an error value, with its text as written (up to MAX_ERROR_CELLS + 1)
    errors: dict[tuple[int, int], str] = field(default_factory=dict)
    error_cells: int = 0  # all of them
    reserved: int = 0  # slots the reader reserves from a size the file declares
    # the references of the chunks that hold the last row and the last column, to name
    # the far cells only when they are needed (see resolve)
    row_refs: bytes = b""
    col_refs: bytes = b""

    def resolve(self) -> None:
        """Name the far cells from the kept references (a 0 stands for "not looked up")."""
        if self.far_row and not self.far_row[1] and self.row_refs:
            self.far_row = (self.far_row[0], _column_on_row(self.row_refs, self.far_row[0]))
        if self.far_col and not self.far_col[0] and self.col_refs:
            self.far_col = (_row_in_column(self.col_refs, self.far_col[1]), self.far_col[1])

    def add(self, row: int, col: int, count: int = 1) -> None:
        self.cells += count
        if row > self.max_row:
            self.max_row, self.far_row = row, (row, col)
        if col > self.max_col:
            self.max_col, self.far_col = col, (row, col)
        if not self.min_col or col < self.min_col:
            self.min_col = col

    def add_error(self, row: int, col: int, text: str) -> None:
        self.error_cells += 1
        if len(self.errors) <= MAX_ERROR_CELLS:
            self.errors[(row, col)] = text

    @property
    def dense(self) -> int:
        """Slots of the grid the reader builds: every row from 1, columns first to last."""
        return self.max_row * (self.max_col - self.min_col + 1) if self.cells else 0


def cell_name(row: int, col: int) -> str:
    """A1 within Excel's columns, R1C1 beyond (a binary format's column may be any number)."""
    return f"{column_letters(col)}{row}" if col <= MAX_COLUMNS else f"R{row}C{col}"


def column_letters(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: bytes | str) -> int:
    number = 0
    for char in letters.upper() if isinstance(letters, str) else letters.upper().decode():
        number = number * 26 + ord(char) - 64
    return number


_REF = re.compile(rb"([A-Za-z]{1,3})([0-9]{1,7})")


def parse_ref(ref: bytes, row: int | None = None) -> tuple[int, int]:
    """(row, column) of an A1 reference within Excel's limits, else BadReference."""
    match = _REF.fullmatch(ref)
    if match is None:
        raise BadReference(ref.decode("latin-1"), row)
    number, col = int(match.group(2)), column_number(match.group(1))
    if not 1 <= number <= MAX_ROWS or col > MAX_COLUMNS:
        raise BadReference(ref.decode("latin-1"), number if number <= MAX_ROWS else row)
    return number, col


# --- number formats ----------------------------------------------------------------------


PERCENT_BUILTIN = {9, 10}  # 0% and 0.00%


def is_percent_format(code: str) -> bool:
    """A format code that multiplies by 100: a % outside quotes, escapes and [brackets]."""
    bare = re.sub(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.', "", code)
    return "%" in bare


# --- xlsx: worksheet XML -----------------------------------------------------------------

_NS = rb"(?:[\w.-]+:)?"
_R_ATTR = re.compile(rb"\sr\s*=\s*[\"']([^\"']*)[\"']")
_S_ATTR = re.compile(rb"\ss\s*=\s*[\"']([^\"']*)[\"']")
_T_ATTR = re.compile(rb"\st\s*=\s*[\"']([^\"']*)[\"']")
_JOINED_REFS = re.compile(rb"(?:[A-Za-z]{1,3}[0-9]{1,7}\x00)*")
_LETTERS = re.compile(rb"[A-Za-z]+")
_DIGITS = re.compile(rb"[0-9]+")
_DIMENSION = re.compile(rb"<" + _NS + rb"dimension\s[^>]*?\bref\s*=\s*[\"']([^\"']*)[\"']")
_TAGS = re.compile(rb"<(/?)" + _NS + rb"(row|c|v|is|sheetData)(?=[\s/>])([^>]*?)(/?)>")
_NUMERIC_TYPES = {b"", b"n"}


def split_tags(chunks: Iterable[bytes]) -> Iterator[bytes]:
    """The chunks again, cut so that no tag is split between two (a tag longer than MAX_TAG
    is Malformed when it is a cell's or a row's, and dropped otherwise)."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk if carry else chunk
        cut = data.rfind(b"<")
        if cut == -1 or data.find(b">", cut) != -1:
            carry = b""
            yield data
            continue
        carry = data[cut:]
        if len(carry) > MAX_TAG:
            if re.match(rb"<" + _NS + rb"(?:c|row|dimension)[\s/>]", carry[:64]):
                raise Malformed("a cell tag longer than 1 MiB")
            carry = b"<"  # inside some other long tag: keep looking for its end
        yield data[:cut]
    if carry:
        yield carry


def scan_worksheet(open_chunks: Callable[[], Iterable[bytes]], percent_styles: set[int]) -> Extent:
    """The extent of an xlsx worksheet from its XML; `open_chunks()` gives the part's bytes
    in chunks as decompressed, and is called again when the sheet must be read in order."""
    extent = Extent()
    styles = {str(s).encode() for s in percent_styles}
    patterns: _CellPatterns | None = None
    for chunk in split_tags(open_chunks()):
        if patterns is None:
            start = _SHEET_DATA.search(chunk)
            _check_dimension(chunk if start is None else chunk[: start.start()])
            if start is None:
                continue  # the dimension comes before the cells, never after
            patterns = _CellPatterns(start.group(1) or b"")
        fast = not styles and _scan_chunk_fast(chunk, extent, patterns)
        if not fast and not _scan_chunk(chunk, extent, styles, _ANY_CELL):
            return _scan_sequential(split_tags(open_chunks()), styles)
        if b'"e"' in chunk or b"'e'" in chunk:
            _scan_errors(chunk, extent)
    return extent


# a cell of type e (an error value), not self-closing
_ERROR_CELL = re.compile(rb"<" + _NS + rb"c(\s(?:[^>]*?\s)?t\s*=\s*[\"']e[\"'][^>]*)>")
_CELL_END = re.compile(rb"</" + _NS + rb"c>")
_VALUE = re.compile(rb"<" + _NS + rb"v>([^<]*)")


def _scan_errors(chunk: bytes, extent: Extent) -> None:
    """Note the chunk's cells of type e, where every cell has its reference."""
    for match in _ERROR_CELL.finditer(chunk):
        attrs = match.group(1)
        ref = _R_ATTR.search(attrs)
        if attrs.endswith(b"/") or ref is None:
            continue
        end = _CELL_END.search(chunk, match.end())
        value = _VALUE.search(chunk, match.end(), end.start() if end else match.end() + 4096)
        extent.add_error(*parse_ref(ref.group(1)), _text(value.group(1) if value else b""))


def _text(raw: bytes) -> str:
    return raw.decode("utf-8", "replace").strip()[:40]


class _CellPatterns:
    """The cell tags of a sheet whose elements carry the namespace prefix `prefix`."""

    def __init__(self, prefix: bytes) -> None:
        tag = b"<" + prefix + b"c"
        escaped = re.escape(tag)
        # What Excel, LibreOffice, WPS, openpyxl and XlsxWriter write: r first, in quotes.
        self.refs = re.compile(escaped + rb' r="([^"]*)"')
        self.empty = re.compile(escaped + rb' r="([^"]*)"[^>/]*/>')
        self.opening = (tag + b" ", tag + b">", tag + b"/")
        self.prefixed = bool(prefix)


# calamine takes any element whose local name is c for a cell, whatever its prefix
_ANY_CELL = re.compile(rb"<" + _NS + rb"c(\s[^>]*)?>")
_PREFIXED_CELL = (b":c ", b":c>", b":c/")


_SHEET_DATA = re.compile(rb"<([\w.-]+:)?sheetData[\s/>]")
_R_FAST = re.compile(rb'r="([^"]*)"')
_LETTER_BYTES = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"
_DIGIT_BYTES = b"0123456789"
_WHITESPACE = bytes.maketrans(b"\t\n\r", b"   ")
# references reduced to their shape: letters A, digits 0
_SHAPE = bytes.maketrans(_LETTER_BYTES + _DIGIT_BYTES, b"A" * 52 + b"0" * 10)


def _misplaced(packed: bytes) -> bool:
    """Some reference of `packed` (each ends with NUL) is not letters then digits."""
    shape = packed.translate(_SHAPE)
    return (
        b"0A" in shape
        or b"\x00\x00" in shape
        or b"A\x00" in shape
        or shape.startswith((b"0", b"\x00"))
        or bool(shape.translate(None, b"A0\x00"))
    )


def _scan_chunk_fast(chunk: bytes, extent: Extent, patterns: _CellPatterns) -> bool:
    """The common case at one regular-expression pass per cell: every cell tag starts
    <c r="…" and the references are checked and summed with bytes operations. False when
    the chunk needs the general scan."""
    refs = patterns.refs.findall(chunk)
    spaced = chunk.translate(_WHITESPACE)  # <c\tr="…"> is a cell too
    cells = sum(spaced.count(opening) for opening in patterns.opening)
    if cells != len(refs):
        return False
    prefixed = sum(spaced.count(tag) for tag in _PREFIXED_CELL) if b":c" in spaced else 0
    if prefixed != (cells if patterns.prefixed else 0):
        return False  # cells under another prefix (or text that looks like one)
    if not refs:
        return True
    if b"/>" in chunk:  # self-closing cells hold no value
        empty = set(patterns.empty.findall(chunk))
        if empty:
            refs = [ref for ref in refs if ref not in empty]
            if not refs:
                return True
    packed = b"\x00".join(refs) + b"\x00"
    if _misplaced(packed):
        for ref in refs:
            parse_ref(ref)  # raises for the first bad one
        return False
    digits = set(packed.translate(None, _LETTER_BYTES).split(b"\x00")[:-1])
    letters = set(packed.translate(None, _DIGIT_BYTES).split(b"\x00")[:-1])
    if max(map(len, digits)) > 7 or max(map(len, letters)) > 3:
        for ref in refs:
            parse_ref(ref)
    rows = {int(d) for d in digits}
    cols = {column_number(c) for c in letters}
    top, right, left = max(rows), max(cols), min(cols)
    if top > MAX_ROWS or min(rows) < 1 or right > MAX_COLUMNS:
        for ref in refs:
            parse_ref(ref)
    extent.cells += len(refs)
    if top > extent.max_row:
        extent.max_row, extent.far_row, extent.row_refs = top, (top, 0), packed
    if right > extent.max_col:
        extent.max_col, extent.far_col, extent.col_refs = right, (0, right), packed
    if not extent.min_col or left < extent.min_col:
        extent.min_col = left
    return True


def _check_dimension(chunk: bytes) -> None:
    match = _DIMENSION.search(chunk)
    if match:
        for part in match.group(1).split(b":"):
            parse_ref(part)


def _scan_chunk(
    chunk: bytes, extent: Extent, styles: set[bytes], pattern: re.Pattern[bytes]
) -> bool:
    """Add one chunk's cells; False when a cell has no reference (the sequential scan
    then takes over, as positions depend on the cells before)."""
    every = pattern.findall(chunk)  # attributes; a self-closing tag's end with "/"
    if not every:
        return True
    joined_all = b"\x00".join(every)
    if joined_all.count(b"r=") < len(every):
        return False  # some cell without a reference (or spelt r = "…")
    cells = [attrs for attrs in every if not attrs.endswith(b"/")]
    joined = b"\x00".join(cells)
    refs = _R_FAST.findall(joined)
    if len(refs) != len(cells):
        refs = _R_ATTR.findall(joined)
        if len(refs) != len(cells):
            return False
    if not refs:
        return True
    packed = b"\x00".join(refs) + b"\x00"
    if _JOINED_REFS.fullmatch(packed) is None:
        for ref in refs:
            parse_ref(ref)
    rows = {int(d) for d in set(_DIGITS.findall(packed))}
    cols = {column_number(c) for c in set(_LETTERS.findall(packed))}
    top, right, left = max(rows), max(cols), min(cols)
    if top > MAX_ROWS or min(rows) < 1 or right > MAX_COLUMNS:
        for ref in refs:
            parse_ref(ref)
    extent.cells += len(refs)
    if top > extent.max_row:
        extent.max_row = top
        extent.far_row = (top, _column_on_row(packed, top))
    if right > extent.max_col:
        extent.max_col = right
        extent.far_col = (_row_in_column(packed, right), right)
    if not extent.min_col or left < extent.min_col:
        extent.min_col = left
    if styles and (set(_S_ATTR.findall(joined)) & styles or b"0" in styles):
        for attrs in cells:
            style = _S_ATTR.search(attrs)
            if (style.group(1) if style else b"0") in styles:
                kind = _T_ATTR.search(attrs)
                if (kind.group(1) if kind else b"") in _NUMERIC_TYPES:
                    ref = _R_ATTR.search(attrs)
                    if ref:
                        extent.percent.add(parse_ref(ref.group(1)))
    return True


def _column_on_row(packed: bytes, row: int) -> int:
    match = re.search(rb"(?:^|\x00)([A-Za-z]+)0*" + str(row).encode() + rb"\x00", packed)
    return column_number(match.group(1)) if match else 0


def _row_in_column(packed: bytes, col: int) -> int:
    letters = column_letters(col).encode()
    match = re.search(rb"(?:^|\x00)(?i:" + letters + rb")([0-9]+)\x00", packed)
    return int(match.group(1)) if match else 0


def _scan_sequential(chunks: Iterable[bytes], styles: set[bytes]) -> Extent:
    """Cells without references, placed as calamine places them: after the cell before in
    the row, a row after the row before (a self-closing tag reads as an empty element)."""
    extent = Extent()
    row, col = 0, 0  # 0-based, as the reader counts
    cell: tuple[int, int] | None = None
    percent = has_value = False
    error: bytes | None = None  # the value of a cell of type e, once seen
    for chunk in chunks:
        for match in _TAGS.finditer(chunk):
            closing, name, attrs, empty = match.groups()
            if name == b"row":
                if not closing:
                    ref = _R_ATTR.search(attrs)
                    if ref:
                        number = ref.group(1)
                        if not number.isdigit() or len(number) > 7:
                            raise BadReference(number.decode("latin-1"))
                        row = int(number) - 1
                        if not 0 <= row < MAX_ROWS:
                            raise BadReference(number.decode("latin-1"))
                if closing or empty:
                    row, col = row + 1, 0
            elif name == b"c":
                if not closing:
                    ref = _R_ATTR.search(attrs)
                    if ref:
                        number, letters = parse_ref(ref.group(1), row + 1)
                        cell, col = (number - 1, letters - 1), letters - 1
                    else:
                        cell = (row, col)
                        if col >= MAX_COLUMNS or row >= MAX_ROWS:
                            raise BadReference(column_letters(col + 1) + str(row + 1), row + 1)
                    style = _S_ATTR.search(attrs)
                    kind = _T_ATTR.search(attrs)
                    percent = (style.group(1) if style else b"0") in styles and (
                        kind.group(1) if kind else b""
                    ) in _NUMERIC_TYPES
                    has_value = False
                    error = b"" if kind and kind.group(1) == b"e" else None
                if (closing or empty) and cell is not None:
                    if has_value:
                        extent.add(cell[0] + 1, cell[1] + 1)
                        if percent:
                            extent.percent.add((cell[0] + 1, cell[1] + 1))
                        if error is not None:
                            extent.add_error(cell[0] + 1, cell[1] + 1, _text(error))
                    col, cell = col + 1, None
            elif name in (b"v", b"is") and cell is not None and not closing and not empty:
                has_value = True
                if error is not None and name == b"v":
                    end = chunk.find(b"<", match.end())
                    error = chunk[match.end() : end if end != -1 else match.end() + 40]
    return extent


# --- ods: content.xml --------------------------------------------------------------------

_ODS_TAGS = re.compile(
    rb"<(/?)table:(table|table-row|table-cell|covered-table-cell)(?=[\s/>])([^>]*?)(/?)>"
)
_ODS_NAME = re.compile(rb"table:name\s*=\s*[\"']([^\"']*)[\"']")
_ROWS_REPEATED = re.compile(rb"table:number-rows-repeated\s*=\s*[\"']([^\"']*)[\"']")
_COLS_REPEATED = re.compile(rb"table:number-columns-repeated\s*=\s*[\"']([^\"']*)[\"']")
_VALUE_TYPE = re.compile(rb"office:value-type\s*=\s*[\"']([^\"']*)[\"']")
# LibreOffice marks a failed formula's cell so, with its error text as the cell's paragraph
_ERROR_TYPE = re.compile(rb"calcext:value-type\s*=\s*[\"']error[\"']")
_PARAGRAPH = re.compile(rb"<text:p(?:\s[^>]*)?>([^<]*)")


def _repeat(pattern: re.Pattern[bytes], attrs: bytes) -> int:
    match = pattern.search(attrs)
    if match is None:
        return 1
    text = match.group(1)
    if not text.isdigit() or len(text) > 9 or int(text) < 1:
        raise Malformed("a repeat count that is not a positive number")
    return int(text)


def scan_ods(chunks: Iterable[bytes]) -> dict[str, Extent]:
    """The extent of each table of an OpenDocument spreadsheet's content.xml, by name.

    Repeats are counted as calamine expands them: rows up to MAX_ROWS, columns up to
    MAX_COLUMNS; a cell holds a value when it has a value type or any content."""
    tables: dict[str, Extent] = {}
    extent: Extent | None = None
    row = 0  # rows before the current one, repeats included
    row_repeat = 1
    row_cells: list[tuple[int, int, int, bool]] = []  # (first col, count, 0, percent)
    row_errors: list[tuple[int, int, str]] = []  # (first col, count, error text)
    col = 0
    open_cell: tuple[int, int, bool, bool] | None = None  # (col, count, typed, percent)
    for chunk in split_tags(chunks):
        for match in _ODS_TAGS.finditer(chunk):
            closing, name, attrs, empty = match.groups()
            if name == b"table":
                if not closing:
                    title = _ODS_NAME.search(attrs)
                    key = title.group(1).decode("utf-8", "replace") if title else str(len(tables))
                    extent = tables.setdefault(key, Extent())
                    row = 0
                continue
            if extent is None:
                continue
            if name == b"table-row":
                if closing:
                    _ods_row(extent, row, row_repeat, row_cells)
                    _ods_errors(extent, row, row_repeat, row_errors)
                    row = min(row + row_repeat, MAX_ROWS)
                elif empty:
                    row = min(row + _repeat(_ROWS_REPEATED, attrs), MAX_ROWS)
                else:
                    row_repeat = min(_repeat(_ROWS_REPEATED, attrs), MAX_ROWS - row)
                    row_cells, row_errors, col = [], [], 0
                continue
            # a cell
            if closing:
                if open_cell is not None:
                    first, count, _, percent = open_cell
                    row_cells.append((first, count, 0, percent))  # it has content
                    open_cell = None
                continue
            count = min(_repeat(_COLS_REPEATED, attrs), max(0, MAX_COLUMNS - col))
            value_type = _VALUE_TYPE.search(attrs)
            percent = bool(value_type and value_type.group(1) == b"percentage")
            if count and _ERROR_TYPE.search(attrs):
                paragraph = None if empty else _PARAGRAPH.search(chunk, match.end())
                row_errors.append((col, count, _text(paragraph.group(1) if paragraph else b"")))
            if empty:
                if value_type or b"table:formula" in attrs:
                    row_cells.append((col, count, 0, percent))
            else:
                open_cell = (col, count, bool(value_type), percent)
            col += count
    return tables


def _ods_row(
    extent: Extent, row: int, repeat: int, cells: list[tuple[int, int, int, bool]]
) -> None:
    """The cells of a row that holds values, `repeat` times from row `row` (0-based)."""
    for first, count, _, percent in cells:
        if count <= 0 or repeat <= 0:
            continue
        extent.add(row + repeat, first + count, count * repeat)
        extent.min_col = min(extent.min_col, first + 1)
        if percent:
            if count * repeat > 100_000:
                raise Malformed("a percentage repeated over more than 100,000 cells")
            for r in range(row + 1, row + repeat + 1):
                for c in range(first + 1, first + count + 1):
                    extent.percent.add((r, c))


def _ods_errors(extent: Extent, row: int, repeat: int, cells: list[tuple[int, int, str]]) -> None:
    for first, count, text in cells:
        if count * repeat > MAX_ERROR_CELLS:
            raise Malformed(f"an error value repeated over more than {MAX_ERROR_CELLS:,} cells")
        for r in range(row + 1, row + repeat + 1):
            for c in range(first + 1, first + count + 1):
                extent.add_error(r, c, text)


# --- xlsb: binary worksheet records --------------------------------------------------------

# BrtCellRk … BrtFmlaError (not BrtCellBlank, 1), with the bytes each holds at least
_XLSB_CELLS = {2: 12, 3: 9, 4: 9, 5: 16, 6: 12, 7: 12, 8: 12, 9: 16, 10: 9, 11: 9}
_XLSB_NUMBERS = {2, 5, 9}  # BrtCellRk, BrtCellReal, BrtFmlaNum
_XLSB_SHARED_STRING = 7  # BrtCellIsst
_XLSB_ERRORS = {3, 11}  # BrtCellError, BrtFmlaError: the error code follows column and style


def xlsb_records(data: bytes) -> Iterator[tuple[int, memoryview]]:
    """(record type, payload) of an xlsb part."""
    view = memoryview(data)
    position, end = 0, len(data)
    while position < end:
        kind = view[position]
        position += 1
        if kind & 0x80:
            if position >= end:
                raise Malformed("a record cut short")
            kind = (kind & 0x7F) | ((view[position] & 0x7F) << 7)
            position += 1
        size, shift = 0, 0
        for _ in range(4):
            if position >= end:
                raise Malformed("a record cut short")
            byte = view[position]
            position += 1
            size |= (byte & 0x7F) << shift
            shift += 7
            if not byte & 0x80:
                break
        if position + size > end:
            raise Malformed("a record longer than its part")
        yield kind, view[position : position + size]
        position += size


def xlsb_percent_styles(styles: bytes) -> set[int]:
    """Cell format (XF) indexes whose number format shows a percentage, from styles.bin."""
    formats: dict[int, str] = {}
    xfs: list[int] = []
    in_cell_xfs = False
    for kind, payload in xlsb_records(styles):
        if kind == 0x2C and len(payload) >= 6:  # BrtFmt: ifmt, then a wide string
            (ifmt,) = struct.unpack_from("<H", payload, 0)
            (length,) = struct.unpack_from("<I", payload, 2)
            text = bytes(payload[6 : 6 + 2 * min(length, 255)])
            formats[ifmt] = text.decode("utf-16-le", "replace")
        elif kind == 0x269:  # BrtBeginCellXFs
            in_cell_xfs = True
        elif kind == 0x26A:
            in_cell_xfs = False
        elif kind == 0x2F and in_cell_xfs and len(payload) >= 4:  # BrtXF
            xfs.append(struct.unpack_from("<H", payload, 2)[0])
    return {
        index
        for index, ifmt in enumerate(xfs)
        if ifmt in PERCENT_BUILTIN or is_percent_format(formats.get(ifmt, ""))
    }


def xlsb_string_count(data: bytes) -> int:
    """BrtSSTItem records in sharedStrings.bin (a cell's index past them crashes calamine)."""
    return sum(1 for kind, _ in xlsb_records(data) if kind == 0x13)


def scan_xlsb_sheet(data: bytes, percent_styles: set[int], strings: int = 0) -> Extent:
    extent = Extent()
    row = 0
    in_data = False
    for kind, payload in xlsb_records(data):
        if kind == 0x91:  # BrtBeginSheetData
            in_data = True
        elif kind == 0x92:
            break
        elif kind == 0x94 and len(payload) >= 16:  # BrtWsDim
            first, last, left, right = struct.unpack_from("<IIII", payload, 0)
            if last >= MAX_ROWS or right >= MAX_COLUMNS or first > last or left > right:
                first_cell, last_cell = (
                    cell_name(first + 1, left + 1),
                    cell_name(last + 1, right + 1),
                )
                raise BadReference(f"{first_cell}:{last_cell}")
        elif not in_data:
            continue
        elif kind == 0:  # BrtRowHdr
            if len(payload) < 4:
                raise Malformed("a row record cut short")
            (row,) = struct.unpack_from("<I", payload, 0)
            if row >= MAX_ROWS:
                return extent  # calamine stops reading the sheet here
        elif kind in _XLSB_CELLS:
            if len(payload) < _XLSB_CELLS[kind]:
                raise Malformed("a cell record cut short")
            col, style = struct.unpack_from("<II", payload, 0)
            if kind == _XLSB_SHARED_STRING and struct.unpack_from("<I", payload, 8)[0] >= strings:
                raise Malformed("a cell refers to a shared string that does not exist")
            if col >= MAX_COLUMNS:
                raise BadReference(cell_name(row + 1, col + 1), row + 1)
            extent.add(row + 1, col + 1)
            if kind in _XLSB_ERRORS:
                extent.add_error(row + 1, col + 1, _error_code(payload[8]))
            if kind in _XLSB_NUMBERS and (style & 0xFFFFFF) in percent_styles:
                extent.percent.add((row + 1, col + 1))
    return extent


# --- xls: BIFF8 records --------------------------------------------------------------------


def biff_records(stream: bytes, start: int = 0) -> Iterator[tuple[int, memoryview]]:
    view = memoryview(stream)
    position = start
    while position + 4 <= len(stream):
        kind, size = struct.unpack_from("<HH", stream, position)
        if position + 4 + size > len(stream):
            raise Malformed("a record longer than the workbook stream")
        yield kind, view[position + 4 : position + 4 + size]
        position += 4 + size


@dataclass
class BiffBook:
    sheets: list[tuple[str, int, bool]]  # (name, stream offset, visible worksheet)
    percent_styles: set[int]
    encrypted: bool


# Records that calamine indexes without checking their length first (a short one panics).
_BIFF_MINIMUM = {0x0809: 2, 0x002F: 2, 0x0042: 2, 0x0022: 2, 0x0085: 8, 0x0017: 2}
# PtgRef3d, PtgArea3d and PtgRefErr3d/PtgAreaErr3d in a defined name: the bytes read
_PTG_BYTES = {0x3A: 18, 0x3B: 21, 0x3C: 13, 0x3D: 13}


def _check_name(payload: memoryview) -> None:
    """A defined name (Lbl) that calamine can parse without reading past its end."""
    if len(payload) < 15:
        raise Malformed("a defined name cut short")
    (formula_length,) = struct.unpack_from("<H", payload, 4)
    if formula_length > len(payload) - 14:
        raise Malformed("a defined name whose formula is longer than the record")
    if formula_length:
        formula = payload[len(payload) - formula_length :]
        need = _PTG_BYTES.get(0x20 | (formula[0] & 0x1F) if formula[0] & 0x60 else -1, 0)
        if len(formula) < need:
            raise Malformed("a defined name's reference cut short")


def scan_biff_globals(stream: bytes) -> BiffBook:
    formats: dict[int, str] = {}
    xfs: list[int] = []
    sheets: list[tuple[str, int, bool]] = []
    encrypted = False
    for kind, payload in biff_records(stream):
        if len(payload) < _BIFF_MINIMUM.get(kind, 0):
            raise Malformed(f"a record of type {kind:#06x} cut short")
        if kind == 0x0018:
            _check_name(payload)
        if kind == 0x000A:  # EOF of the globals
            break
        if kind == 0x002F and len(payload) >= 2 and payload[0] | payload[1]:  # FilePass
            encrypted = True
        elif kind == 0x041E and len(payload) >= 5:  # Format
            ifmt, length, flags = struct.unpack_from("<HHB", payload, 0)
            raw = bytes(payload[5 : 5 + length * (2 if flags & 1 else 1)])
            formats[ifmt] = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
        elif kind == 0x00E0 and len(payload) >= 4:  # XF
            xfs.append(struct.unpack_from("<H", payload, 2)[0])
        elif kind == 0x0085 and len(payload) >= 8:  # BoundSheet8
            offset, state, sheet_type, length, flags = struct.unpack_from("<IBBBB", payload, 0)
            raw = bytes(payload[8 : 8 + length * (2 if flags & 1 else 1)])
            name = raw.decode("utf-16-le" if flags & 1 else "latin-1", "replace")
            if offset >= len(stream):
                raise Malformed("a sheet that starts past the end of the workbook stream")
            sheets.append((name, offset, state == 0 and sheet_type == 0))
    percent = {
        index
        for index, ifmt in enumerate(xfs)
        if ifmt in PERCENT_BUILTIN or is_percent_format(formats.get(ifmt, ""))
    }
    return BiffBook(sheets, percent, encrypted)


_BIFF_CELLS = {0x0203, 0x027E, 0x0204, 0x00D6, 0x00FD, 0x0205, 0x0006}
_BIFF_NUMBERS = {0x0203, 0x027E}


def scan_biff_sheet(stream: bytes, offset: int, percent_styles: set[int]) -> Extent:
    extent = Extent()
    for kind, payload in biff_records(stream, offset):
        if kind == 0x000A:
            break
        if kind == 0x00E5 and (
            len(payload) < 2 or 2 + 8 * struct.unpack_from("<H", payload, 0)[0] > len(payload)
        ):
            raise Malformed("a merged-cells record cut short")
        if kind == 0x0200:  # Dimensions: calamine reserves rows x columns slots from it
            extent.reserved = max(extent.reserved, _biff_dimension_slots(payload))
        elif kind in _BIFF_CELLS:
            if len(payload) < 6:
                raise Malformed("a cell record cut short")
            row, col, xf = struct.unpack_from("<HHH", payload, 0)
            _biff_cell(extent, row, col)
            error = _biff_error(kind, payload)
            if error is not None:
                extent.add_error(row + 1, col + 1, error)
            number = kind in _BIFF_NUMBERS or (
                kind == 0x0006 and len(payload) >= 14 and bytes(payload[12:14]) != b"\xff\xff"
            )
            if number and xf in percent_styles:
                extent.percent.add((row + 1, col + 1))
        elif kind == 0x00BD:  # MulRk: row, first column, (xf, rk) each, last column
            if len(payload) < 6 or (len(payload) - 6) % 6:
                raise Malformed("a MulRk record of the wrong length")
            row, first = struct.unpack_from("<HH", payload, 0)
            (last,) = struct.unpack_from("<H", payload, len(payload) - 2)
            count = (len(payload) - 6) // 6
            if last < first or last - first + 1 != count:
                raise Malformed("a MulRk record of the wrong length")
            for index in range(count):
                (xf,) = struct.unpack_from("<H", payload, 4 + 6 * index)
                _biff_cell(extent, row, first + index)
                if xf in percent_styles:
                    extent.percent.add((row + 1, first + index + 1))
    return extent


def _biff_error(kind: int, payload: memoryview) -> str | None:
    """The error value of a BoolErr record (fError set) or of a Formula whose cached result
    is an error (its last two bytes 0xFFFF, type byte 2)."""
    if kind == 0x0205 and len(payload) >= 8 and payload[7] == 1:
        return _error_code(payload[6])
    if (
        kind == 0x0006
        and len(payload) >= 14
        and payload[6] == 2
        and bytes(payload[12:14]) == b"\xff\xff"
    ):
        return _error_code(payload[8])
    return None


def _error_code(code: int) -> str:
    return ERROR_CODES.get(code, "")


def _biff_cell(extent: Extent, row: int, col: int) -> None:
    if col >= XLS_COLUMNS:
        raise BadReference(cell_name(row + 1, col + 1), row + 1)
    extent.add(row + 1, col + 1)


def _biff_dimension_slots(payload: memoryview) -> int:
    """rows x columns as calamine computes them (u32 arithmetic that wraps)."""
    if len(payload) == 14:
        first, last, left, right = struct.unpack_from("<IIHH", payload, 0)
    elif len(payload) == 10:
        first, last, left, right = struct.unpack_from("<HHHH", payload, 0)
    else:
        return 0
    if left > 0xFF or right < left:
        left = 0
    end_row, end_col = (last - 1, right - 1) if last >= 1 and right >= 1 else (first, left)
    rows = (end_row - first + 1) & 0xFFFF_FFFF
    cols = (end_col - left + 1) & 0xFFFF_FFFF
    return int(rows * cols)
