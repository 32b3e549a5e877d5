"""Write the small files of the hostile-input corpus (run once; the files are committed).

    .venv/bin/python tests/corpus/generate.py

Large cases (a 1 MB field, a 2 MiB rule file, 5,000 conditions, a 100 MB line) are not
files here: tests/test_hostile.py builds them in tmp_path.
expected.yaml says what each file must give.
"""

from __future__ import annotations

import codecs
import datetime as dt
import io
import re
import struct
import zipfile
import zlib
from collections.abc import Sequence
from pathlib import Path
from typing import ClassVar

HERE = Path(__file__).resolve().parent
RULES = HERE / "rules"

SCHOOLS = "学校代码,学校名称,乡镇,学校类型,办学性质,城乡类别,在校生数\n"
ROW = "S{i},第{i}小学,城关回族镇,小学,公办,城区,300\n"
GOOD = SCHOOLS + "".join(ROW.format(i=i) for i in range(1, 4))
# Enough rows that a record is below the first ten the header search reads.
MANY = SCHOOLS + "".join(ROW.format(i=i) for i in range(1, 13))

VALID_RULE = """\
rules:
  - id: tiny-rule
    title: {zh: 小测试, en: Tiny test}
    source: {section: 三(一), quote: 全面消除}
    severity: error
    due: 2024-09-01
    checks:
      - table: schools
        measure: {column: students}
        fail_if: {gt: 2000}
"""


def data_files() -> dict[str, bytes]:
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr(zipfile.ZipInfo("hello.txt", (2024, 1, 1, 0, 0, 0)), "hello")
    return {
        "ok-schools.csv": GOOD.encode("utf-8"),
        "ok-schools-gbk.csv": GOOD.encode("gbk"),
        "header-only.csv": SCHOOLS.encode("utf-8"),
        "binary-png.csv": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)),
        "binary-elf.csv": b"\x7fELF\x02\x01\x01\x00" + bytes(56),
        "zip-not-xlsx.csv": zipped.getvalue(),
        "zip-not-xlsx.xlsx": zipped.getvalue(),
        "csv-named-xlsx.xlsx": GOOD.encode("utf-8"),
        "ole-legacy.xls": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504),
        "nul-mid-file.csv": (GOOD + "S9,第\x00九小学,城关回族镇,小学,公办,城区,300\n").encode(),
        "nul-after-utf8-bom.csv": b"\xef\xbb\xbf"
        + (GOOD + "S9,第\x00九小学,城关回族镇,小学,公办,城区,300\n").encode(),
        "empty.csv": b"",
        "only-utf8-bom.csv": b"\xef\xbb\xbf",
        "only-utf16-bom.csv": b"\xff\xfe",
        "only-newlines.csv": b"\n\n\r\n\n",
        "only-delimiters.csv": b",,,,\n,,,,\n",
        "undecodable.csv": GOOD.encode("utf-8") + b"S9,\xff\xfe\x80\xff,x\n",
        "utf16-le-no-bom.csv": GOOD.encode("utf-16-le"),
        "utf16-be-no-bom.csv": GOOD.encode("utf-16-be"),
        "html-header.csv": b"<!DOCTYPE html><html><head><title>schools</title></head>\n"
        b"<body><table><tr><td>S1</td></tr></table></body></html>\n",
        "markdown-table.csv": "| 学校代码 | 学校名称 |\n|---|---|\n| S1 | 一小 |\n".encode(),
        "mismatched-quote.csv": (
            SCHOOLS
            + 'S1,"第一小学,城关回族镇,小学,公办,城区,300\nS2,二小,城关回族镇,小学,公办,城区,3\n'
        ).encode(),
        "stray-quote-inside-cell.csv": (
            SCHOOLS + 'S1,第"一"小学,城关回族镇,小学,公办,城区,300\n'
        ).encode(),
        "cr-only-line-endings.csv": GOOD.replace("\n", "\r").encode(),
        # Found by scripts/fuzz.py: a record below the header search that is wider than the
        # header and opens a quote it never closes.
        "wide-row-open-quote-below-header-search.csv": (MANY + 'S99,a,b,c,d,e,f,g,"h\n').encode(),
        # Found by scripts/fuzz.py: a wider record below the header search, and a bare CR in
        # an unquoted cell.
        # Found by scripts/fuzz.py: a quoted cell anywhere and a bare CR in an unquoted cell
        # below the header search (read_csv._short_records).
        "quoted-cell-and-bare-cr-below-header-search.csv": (
            SCHOOLS
            + 'S1,"第一小学",城关回族镇,小学,公办,城区,300\n'
            + "".join(ROW.format(i=i) for i in range(2, 13))
            + "S99,第\r九小学,城关回族镇,小学,公办,城区,300\n"
        ).encode(),
        # Found by scripts/fuzz.py: "x^" is a zlib header, so polars inflates the file.
        "title-row-starting-x-caret.csv": ("x^2 学校统计表\n" + GOOD).encode(),
        "wide-row-bare-cr-below-header-search.csv": (
            MANY + "S99,a,b,c,d,e,f,g,h\nS98,a\rb\n"
        ).encode(),
        **issue_11_files(),
        **xlsx_files(),
        **other_workbooks(),
    }


def issue_11_files() -> dict[str, bytes]:
    """Files as offices really send them: total rows, the template's example row, mixed
    encodings, other scripts' digits, Excel error values, huge counts, UTF-32, Traditional
    characters and near-miss headers."""
    gbk_line = "S9,第九小学,城关回族镇,小学,公办,城区,300\n".encode("gbk")
    template_schools = (
        "学校代码,区县,学校名称,乡镇,学校类型,办学性质,城乡类别,在校生数\n"
        "4116270001,太康县,城关回族镇第一小学,城关回族镇,幼儿园,公办,城区,850\n"
    )
    traditional = (
        "學校代碼,學校名稱,鄉鎮,學校類型,辦學性質,城鄉類別,在校生數\n"
        "S1,第一小學,城關回族鎮,小學,公辦,城區,300\n"
        "S2,第二小學,城關回族鎮,教學點,民辦,鄉村,40\n"
    )
    return {
        # A 合计 row under the schools: left out, noted, its figure compared (900 = 3 × 300).
        "total-row-bottom.csv": (GOOD + "合计,,,,,,900\n").encode(),
        # Spaced and full-width, in the name column, and a figure that does not add up.
        "total-row-spaced-mismatch.csv": (GOOD + ",合　计,,,,,1000\n").encode(),
        # The template's example row left in: not audited, noted.
        "template-example-row.csv": (
            template_schools + "S1,太康县,第一小学,城关回族镇,小学,公办,城区,300\n"
        ).encode(),
        # ... and nothing else: nothing to audit.
        "template-example-row-only.csv": template_schools.encode(),
        # UTF-8 with one GBK line: never decoded whole as GB18030 mojibake.
        "mixed-utf8-with-gbk-line.csv": GOOD.encode() + gbk_line,
        "mixed-utf8-bom-with-gbk-line.csv": codecs.BOM_UTF8 + GOOD.encode() + gbk_line,
        # A count in other scripts' digits: never blank.
        "count-arabic-indic-digits.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,小学,公办,城区,٣٠٠٠\n"
        ).encode(),
        "count-devanagari-digits.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,小学,公办,城区,३०००\n"
        ).encode(),
        "count-full-width-digits.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,小学,公办,城区,３００\n"
        ).encode(),
        # Excel error values as a CSV saves them: never blank.
        "excel-error-in-count.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,小学,公办,城区,#DIV/0!\n"
        ).encode(),
        "excel-error-in-enum.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,#N/A,公办,城区,300\n"
        ).encode(),
        "excel-error-in-name.csv": (SCHOOLS + "S1,#REF!,城关回族镇,小学,公办,城区,300\n").encode(),
        # Beyond int64, and beyond the cap of a count cell.
        "count-beyond-int64.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,小学,公办,城区,18446744073709551617\n"
        ).encode(),
        "count-above-cap.csv": (
            SCHOOLS + "S1,第一小学,城关回族镇,小学,公办,城区,9000000000000000000\n"
        ).encode(),
        # UTF-32 with a byte-order mark is read; without one it is refused (no NUL shown).
        "utf32-le-bom.csv": GOOD.encode("utf-32"),
        "utf32-be-bom.csv": codecs.BOM_UTF32_BE + GOOD.encode("utf-32-be"),
        "utf32-le-no-bom.csv": GOOD.encode("utf-32-le"),
        # Traditional headers and enum values match; names are kept as written.
        "traditional-headers-and-values.csv": traditional.encode(),
        # Near misses: the missing-column error says what was meant.
        "near-miss-spaced-header.csv": GOOD.replace("学校名称", "学校 名称", 1).encode(),
        "near-miss-longer-header.csv": GOOD.replace("在校生数", "在校学生数", 1).encode(),
        "bom-inside-header-cell.csv": GOOD.replace("学校名称", "\ufeff学校名称", 1).encode(),
    }


def workbook(*sheets: tuple[str, Sequence[Sequence[object]]]) -> bytes:
    import openpyxl

    book = openpyxl.Workbook()
    book.remove(book.active)  # type: ignore[arg-type]
    for title, rows in sheets:
        sheet = book.create_sheet(title)
        for row in rows:
            sheet.append(row)
    book.properties.created = dt.datetime(2024, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        core = archive.read("docProps/core.xml")
    # openpyxl stamps the time of saving; a fixed one keeps the file the same on every run.
    core = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", core)
    return normalised_zip(buffer.getvalue(), {"docProps/core.xml": core})


def normalised_zip(data: bytes, change: dict[str, bytes | None] | None = None) -> bytes:
    """The same archive with fixed timestamps; `change` replaces (or with None drops, or adds)
    parts."""
    change = change or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        names = source.namelist()
        for name in names + [n for n in change if n not in names]:
            content = change[name] if name in change else source.read(name)
            if content is not None:
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, content)
    return out.getvalue()


def far_cell(data: bytes, ref: str, row: int | str) -> bytes:
    """One more cell far from the others: the sheet's used range becomes enormous."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheet = archive.read("xl/worksheets/sheet1.xml")
    cell = f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'
    return normalised_zip(
        data, {"xl/worksheets/sheet1.xml": sheet.replace(b"</sheetData>", cell.encode())}
    )


def xlsx_files() -> dict[str, bytes]:
    rows = [line.split(",") for line in GOOD.splitlines()]
    good = workbook(("学校表", rows))
    return {
        "ok-schools.xlsx": good,
        "instructions-only.xlsx": workbook(
            ("填表说明", [["请按模板填写学校表"], ["联系人：教育局"]])
        ),
        "truncated.xlsx": good[: len(good) // 2],
        "corrupt-sheet-xml.xlsx": normalised_zip(
            good, {"xl/worksheets/sheet1.xml": b"<worksheet><sheetData><row><c><v>1"}
        ),
        # Found while preparing the corpus: calamine reads the sheet, openpyxl (used only to
        # find the first filled row) raised on the broken document properties (until 647c1df).
        "corrupt-doc-props.xlsx": normalised_zip(good, {"docProps/core.xml": b"<garbage"}),
        "no-content-types.xlsx": normalised_zip(good, {"[Content_Types].xml": None}),
        # A 5 KB workbook whose one far cell makes the used range 16384 x 1048576 cells.
        "sparse-bomb-xfd1048576.xlsx": far_cell(good, "XFD1048576", 1048576),
        # ... or 702 x 100000 cells: gigabytes for calamine's dense range.
        "sparse-bomb-zz100000.xlsx": far_cell(good, "ZZ100000", 100000),
    }


def far_cell_spelt(data: bytes, cell: bytes, rename: dict[str, str] | None = None) -> bytes:
    """A cell at XFD1048576 as some writer (or an attacker) may spell it: every spelling is
    one calamine reads, and the sheet scan must see it too."""
    parts = zip_parts(data)
    sheet = parts["xl/worksheets/sheet1.xml"].replace(
        b"<worksheet ",
        b'<worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ',
        1,
    )
    row = b'<row r="1048576">' + cell + b"</row></sheetData>"
    parts["xl/worksheets/sheet1.xml"] = sheet.replace(b"</sheetData>", row)
    rename = rename or {}
    return raw_zip([deflated(rename.get(name, name), content) for name, content in parts.items()])


def zip_parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def with_part(data: bytes, name: str, content: bytes) -> bytes:
    return normalised_zip(data, {name: content})


# --- containers written byte by byte -------------------------------------------------------


Entry = tuple[str, bytes, int, int, int]  # name, stored bytes, method, CRC-32, size


def deflated(name: str, content: bytes) -> Entry:
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    return name, packer.compress(content) + packer.flush(), 8, zlib.crc32(content), len(content)


def raw_zip(entries: Sequence[Entry], declared_entries: int | None = None) -> bytes:
    """A zip archive of these entries exactly as given (sizes and checksums may lie)."""
    out = io.BytesIO()
    central = io.BytesIO()
    for name, stored, method, crc, size in entries:
        encoded = name.encode()
        offset = out.tell()
        fields = (20, 0, method, 0, 0x5821, crc, len(stored), size, len(encoded))
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", *fields, 0) + encoded + stored)
        central.write(
            struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, 0, offset)
            + encoded
        )
    count = len(entries) if declared_entries is None else declared_entries
    directory = central.getvalue()
    end = struct.pack(
        "<4sHHHHIIH", b"PK\x05\x06", 0, 0, count, count, len(directory), out.tell(), 0
    )
    return out.getvalue() + directory + end


def deflate_repeated(name: str, prefix: bytes, unit: bytes, count: int, suffix: bytes) -> Entry:
    """An honest entry of prefix + unit * count + suffix (gigabytes) built in seconds: once the
    window is full of the unit, each flushed block of units deflates to the same bytes."""
    per_block = max(1, (1 << 20) // len(unit))
    block = unit * per_block
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    parts = [packer.compress(prefix)]
    crc = zlib.crc32(prefix)
    blocks, rest = divmod(count, per_block)
    made: list[bytes] = []
    for _ in range(min(blocks, 3)):
        made.append(packer.compress(block) + packer.flush(zlib.Z_SYNC_FLUSH))
    if blocks > 3:
        assert made[-1] == made[-2], "the unit does not deflate to a repeating block"
        made.append(made[-1] * (blocks - 3))
    parts += made
    big = block * 16
    for _ in range(blocks // 16):
        crc = zlib.crc32(big, crc)
    for _ in range(blocks % 16):
        crc = zlib.crc32(block, crc)
    tail = unit * rest + suffix
    parts.append(packer.compress(tail) + packer.flush())
    crc = zlib.crc32(tail, crc)
    return name, b"".join(parts), 8, crc, len(prefix) + len(unit) * count + len(suffix)


def bomb_workbook(part: str, entry: Entry) -> bytes:
    """ok-schools.xlsx with one part replaced (or added) by `entry`."""
    parts = zip_parts(xlsx_files()["ok-schools.xlsx"])
    parts.setdefault(part, b"")
    return raw_zip([entry if n == part else deflated(n, c) for n, c in parts.items()])


SHARED_STRINGS = (
    b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" '
    b'uniqueCount="1"><si><t>S1</t></si></sst>'
)
SHEET_START = (
    b'<?xml version="1.0" encoding="UTF-8"?>\n<worksheet xmlns='
    b'"http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_END = b"</sheetData></worksheet>"


def big_workbooks() -> dict[str, bytes]:
    """Too large to commit: tests/test_hostile.py builds them in a temporary folder."""
    row = b"<row>" + b"<c><v>0</v></c>" * 100 + b"</row>"
    sheet = "xl/worksheets/sheet1.xml"
    head = SHARED_STRINGS[: SHARED_STRINGS.index(b"<si>")]
    return {
        # 100 million cells in 1.6 MB
        "zip-bomb-100m-cells.xlsx": bomb_workbook(
            sheet, deflate_repeated(sheet, SHEET_START, row, 1_000_000, SHEET_END)
        ),
        "xml-whitespace-2gib.xlsx": bomb_workbook(
            sheet, deflate_repeated(sheet, SHEET_START, b" " * 64, 2**31 // 64, SHEET_END)
        ),
        "shared-strings-1.5gib.xlsx": bomb_workbook(
            "xl/sharedStrings.xml",
            deflate_repeated(
                "xl/sharedStrings.xml",
                head + b"<si><t>",
                "长".encode() * 64,
                3 * 2**29 // 192,
                b"</t></si></sst>",
            ),
        ),
    }


def lying_size_workbook() -> bytes:
    """The sheet declares 4 KB and holds 50 MB: readers that trust the header disagree."""
    parts = zip_parts(xlsx_files()["ok-schools.xlsx"])
    sheet = "xl/worksheets/sheet1.xml"
    real = parts[sheet].replace(b"<sheetData>", b"<sheetData>" + b" " * 50_000_000)
    name, stored, method, _, _ = deflated(sheet, real)
    lie = (name, stored, method, zlib.crc32(real[:4096]), 4096)
    return raw_zip([lie if n == sheet else deflated(n, c) for n, c in parts.items()])


def directory_claiming(entries: int) -> bytes:
    """A zip whose end record announces `entries` entries."""
    return raw_zip([deflated("a.txt", b"a")], declared_entries=entries)


# OLE2 compound files (.xls, encrypted OOXML), 512-byte sectors, no mini stream.

FREE, END, FAT_SECTOR = 0xFFFF_FFFF, 0xFFFF_FFFE, 0xFFFF_FFFD


def compound_file(streams: dict[str, bytes], fat_loop: bool = False) -> bytes:
    sector = 512
    padded = {
        n: d + bytes(-len(d) % sector) if len(d) >= 4096 else d.ljust(4096, b"\0")
        for n, d in streams.items()
    }
    fat = [FAT_SECTOR, 1 if fat_loop else END]  # sector 0: the FAT; 1: the directory
    starts = {}
    for name, data in padded.items():
        starts[name] = len(fat)
        count = len(data) // sector
        fat += [len(fat) + i + 1 for i in range(count - 1)] + [END]
    assert len(fat) <= sector // 4, "one FAT sector only"
    fat += [FREE] * (sector // 4 - len(fat))

    def entry(name: str, kind: int, child: int, right: int, start: int, size: int) -> bytes:
        encoded = (name + "\0").encode("utf-16-le")
        return (
            encoded.ljust(64, b"\0")
            + struct.pack("<HBB", len(encoded), kind, 1)
            + struct.pack("<III", FREE, right, child)
            + bytes(16 + 4 + 16)
            + struct.pack("<II", start, size)
            + bytes(4)
        )

    names = list(padded)
    directory = entry("Root Entry", 5, 1 if names else FREE, FREE, END, 0)
    for index, name in enumerate(names):
        right = index + 2 if index + 1 < len(names) else FREE
        directory += entry(name, 2, FREE, right, starts[name], len(padded[name]))
    directory = directory.ljust(sector, b"\0")[:sector]
    assert len(names) <= 3, "one directory sector only"
    header = (
        b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
        + bytes(16)
        + struct.pack("<HHHHH", 0x3E, 3, 0xFFFE, 9, 6)
        + bytes(6)
        + struct.pack("<IIIIIIIII", 0, 1, 1, 0, 4096, END, 0, END, 0)
        + struct.pack("<I", 0)
        + struct.pack("<108I", *([FREE] * 108))
    )
    body = struct.pack(f"<{sector // 4}I", *fat) + directory + b"".join(padded.values())
    return header + body


class ExcelError(str):
    """A cell holding an error value (a formula that failed), written as each format does."""

    CODES: ClassVar[dict[str, int]] = {
        "#DIV/0!": 0x07,
        "#N/A": 0x2A,
        "#REF!": 0x17,
        "#VALUE!": 0x0F,
    }

    @property
    def code(self) -> int:
        return self.CODES[str(self)]


def record(kind: int, payload: bytes) -> bytes:
    return struct.pack("<HH", kind, len(payload)) + payload


def biff_text(text: str) -> bytes:
    return struct.pack("<HB", len(text), 1) + text.encode("utf-16-le")


def biff_workbook(
    rows: Sequence[Sequence[object]],
    extra: bytes = b"",
    percent_columns: Sequence[int] = (),
    dimensions: bytes | None = None,
    encrypted: bool = False,
) -> bytes:
    """A BIFF8 workbook stream with one sheet "学校表": text as LABEL, numbers as NUMBER
    (formatted 0.0% in `percent_columns`), then `extra` records."""
    bof = lambda kind: record(0x0809, struct.pack("<HHHHII", 0x0600, kind, 0, 1997, 0, 6))  # noqa: E731
    xfs = b"".join(record(0x00E0, struct.pack("<HHH", 0, 0, 0) + bytes(14)) for _ in range(16))
    xfs += record(0x00E0, struct.pack("<HHH", 0, 164, 0) + bytes(14))  # xf 16: format 164
    formats = record(0x041E, struct.pack("<H", 164) + struct.pack("<HB", 4, 0) + b"0.0%")
    name = "学校表"
    sheet_name = struct.pack("<BB", len(name), 1) + name.encode("utf-16-le")
    filepass = record(0x002F, struct.pack("<HHH", 1, 1, 1) + bytes(48)) if encrypted else b""

    def globals_(offset: int) -> bytes:
        return (
            bof(0x0005)
            + filepass
            + formats
            + xfs
            + record(0x0085, struct.pack("<IBB", offset, 0, 0) + sheet_name)
            + record(0x000A, b"")
        )

    cells = b""
    for r, row in enumerate(rows):
        for c, value in enumerate(row):
            if isinstance(value, int | float) and not isinstance(value, bool):
                xf = 16 if c in percent_columns else 15
                cells += record(0x0203, struct.pack("<HHHd", r, c, xf, float(value)))
            elif isinstance(value, ExcelError):  # BoolErr, fError set
                cells += record(0x0205, struct.pack("<HHHBB", r, c, 15, value.code, 1))
            elif value not in (None, ""):
                cells += record(0x0204, struct.pack("<HHH", r, c, 15) + biff_text(str(value)))
    width = max((len(r) for r in rows), default=0)
    dims = dimensions or struct.pack("<IIHHH", 0, len(rows), 0, width, 0)
    sheet = bof(0x0010) + record(0x0200, dims) + cells + extra + record(0x000A, b"")
    offset = len(globals_(0))
    return globals_(offset) + sheet


def xls_file(rows: Sequence[Sequence[object]], **options: object) -> bytes:
    return compound_file({"Workbook": biff_workbook(rows, **options)})  # type: ignore[arg-type]


# OpenDocument spreadsheets

ODS_MIME = b"application/vnd.oasis.opendocument.spreadsheet"


def ods_cut(data: bytes, marker: bytes) -> bytes:
    """The same .ods with its content.xml cut just before `marker` (never closed)."""
    parts = zip_parts(data)
    content = parts["content.xml"]
    parts["content.xml"] = content[: content.index(marker)]
    mimetype = ("mimetype", ODS_MIME, 0, zlib.crc32(ODS_MIME), len(ODS_MIME))
    return raw_zip([mimetype, *(deflated(n, c) for n, c in parts.items() if n != "mimetype")])


def ods_file(table_rows: str, manifest_extra: str = "", doctype: str = "") -> bytes:
    content = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        + doctype
        + '<office:document-content xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
        ' xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"'
        ' xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
        + (
            ' xmlns:calcext="urn:org:documentfoundation:names:experimental:calc:xmlns:calcext:1.0"'
            if "calcext:" in table_rows
            else ""
        )
        + ' office:version="1.2">'
        '<office:body><office:spreadsheet><table:table table:name="学校表">'
        + table_rows
        + "</table:table></office:spreadsheet></office:body></office:document-content>"
    )
    manifest = (
        '<?xml version="1.0" encoding="UTF-8"?><manifest:manifest xmlns:manifest='
        '"urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" manifest:version="1.2">'
        '<manifest:file-entry manifest:full-path="/" manifest:media-type="'
        + ODS_MIME.decode()
        + '"/><manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml">'
        + manifest_extra
        + "</manifest:file-entry></manifest:manifest>"
    )
    mimetype = ("mimetype", ODS_MIME, 0, zlib.crc32(ODS_MIME), len(ODS_MIME))
    return raw_zip(
        [
            mimetype,
            deflated("content.xml", content.encode()),
            deflated("META-INF/manifest.xml", manifest.encode()),
        ]
    )


def ods_cell(value: object, percent: bool = False) -> str:
    if isinstance(value, ExcelError):  # as LibreOffice writes a formula that failed
        return (
            '<table:table-cell table:formula="of:=1/0" office:value-type="string" '
            f'office:string-value="" calcext:value-type="error"><text:p>{value}</text:p>'
            "</table:table-cell>"
        )
    if isinstance(value, int | float):
        kind = "percentage" if percent else "float"
        return (
            f'<table:table-cell office:value-type="{kind}" office:value="{value}">'
            f"<text:p>{value}</text:p></table:table-cell>"
        )
    return (
        f'<table:table-cell office:value-type="string"><text:p>{value}</text:p></table:table-cell>'
    )


def ods_rows(rows: Sequence[Sequence[object]]) -> str:
    return "".join(
        "<table:table-row>" + "".join(ods_cell(v) for v in row) + "</table:table-row>"
        for row in rows
    )


# xlsb: binary records in a zip


def xlsb_record(kind: int, payload: bytes = b"") -> bytes:
    head = bytes([kind]) if kind < 0x80 else bytes([(kind & 0x7F) | 0x80, kind >> 7])
    size = len(payload)
    length = b""
    while True:
        byte = size & 0x7F
        size >>= 7
        length += bytes([byte | (0x80 if size else 0)])
        if not size:
            break
    return head + length + payload


def wide(text: str) -> bytes:
    return struct.pack("<I", len(text)) + text.encode("utf-16-le")


def xlsb_file(
    rows: Sequence[Sequence[object]],
    far: tuple[int, int] | None = None,
    percent_columns: Sequence[int] = (),
) -> bytes:
    """An .xlsb workbook, one sheet "学校表", text as BrtCellSt and numbers as BrtCellReal (cell
    format 1, 0.0%, in `percent_columns`); `far` (row, column), 0-based, adds a number there."""
    cells = b""
    cell_rows = [list(enumerate(r)) for r in rows]
    placed = [(r, c, v) for r, row in enumerate(cell_rows) for c, v in row]
    if far:
        placed.append((far[0], far[1], 1))
    current = -1
    for r, c, value in placed:
        if r != current:
            cells += xlsb_record(0x00, struct.pack("<IIHBBB", r, 0, 0, 0, 0, 0) + bytes(4))
            current = r
        if isinstance(value, int | float):
            style = 1 if c in percent_columns else 0
            cells += xlsb_record(0x05, struct.pack("<IId", c, style, float(value)))
        elif isinstance(value, ExcelError):  # BrtCellError
            cells += xlsb_record(0x03, struct.pack("<IIB", c, 0, value.code))
        else:
            cells += xlsb_record(0x06, struct.pack("<II", c, 0) + wide(str(value)))
    width = max(len(r) for r in rows)
    sheet = (
        xlsb_record(0x81)
        + xlsb_record(0x94, struct.pack("<IIII", 0, len(rows) - 1, 0, width - 1))
        + xlsb_record(0x91)
        + cells
        + xlsb_record(0x92)
        + xlsb_record(0x82)
    )
    workbook = (
        xlsb_record(0x83)
        + xlsb_record(0x8F)
        + xlsb_record(0x9C, struct.pack("<II", 0, 1) + wide("rId1") + wide("学校表"))
        + xlsb_record(0x90)
        + xlsb_record(0x84)
    )
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Override PartName="/xl/workbook.bin" '
        'ContentType="application/vnd.ms-excel.sheet.binary.macroEnabled.main"/><Override '
        'PartName="/xl/worksheets/sheet1.bin" ContentType="application/'
        'vnd.ms-excel.worksheet"/></Types>'
    )
    return raw_zip(
        [
            deflated("[Content_Types].xml", types.encode()),
            deflated(
                "_rels/.rels",
                (
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                    f'Type="{rel}/officeDocument" Target="xl/workbook.bin"/></Relationships>'
                ).encode(),
            ),
            deflated("xl/workbook.bin", workbook),
            deflated(
                "xl/_rels/workbook.bin.rels",
                (
                    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
                    'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" '
                    f'Type="{rel}/worksheet" Target="worksheets/sheet1.bin"/></Relationships>'
                ).encode(),
            ),
            deflated("xl/worksheets/sheet1.bin", sheet),
            deflated("xl/styles.bin", XLSB_STYLES),
        ]
    )


XLSB_XF = struct.pack("<HHHHHBBHBB", 0xFFFF, 0, 0, 0, 0, 0, 0, 0, 0, 0)
XLSB_STYLES = (
    xlsb_record(0x0116)
    + xlsb_record(0x0267, struct.pack("<I", 1))
    + xlsb_record(0x002C, struct.pack("<H", 164) + wide("0.0%"))
    + xlsb_record(0x0268)
    + xlsb_record(0x0269, struct.pack("<I", 2))
    + xlsb_record(0x002F, XLSB_XF)
    + xlsb_record(0x002F, XLSB_XF[:2] + struct.pack("<H", 164) + XLSB_XF[4:])
    + xlsb_record(0x026A)
    + xlsb_record(0x0117)
)


def docx_file() -> bytes:
    return raw_zip(
        [
            deflated("[Content_Types].xml", b'<?xml version="1.0"?><Types/>'),
            deflated("word/document.xml", "<w:document>学校代码 学校名称</w:document>".encode()),
        ]
    )


def other_workbooks() -> dict[str, bytes]:
    """Workbooks in every format, what a file really is, and what a reader must be kept from."""
    rows = [line.split(",") for line in GOOD.splitlines()]
    typed: list[list[object]] = [
        rows[0],
        *[[*r[:-1], int(r[-1])] for r in rows[1:]],
    ]
    good = xlsx_files()["ok-schools.xlsx"]
    sheet = zip_parts(good)["xl/worksheets/sheet1.xml"]
    strings = SHARED_STRINGS
    laughs = (
        b'<?xml version="1.0"?>\n<!DOCTYPE sst [<!ENTITY a "aaaaaaaaaa">'
        + b"".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">'.encode() for i in range(8)
        )
        + b"]>"
    )
    lock = bytes([8]) + b"taikang ".ljust(53) + "taikang ".encode("utf-16-le").ljust(110, b"\0")
    encrypted = compound_file(
        {"EncryptionInfo": b"\x04\x00\x04\x00\x40\x00\x00\x00", "EncryptedPackage": bytes(64)}
    )
    percent_rows: list[list[object]] = [
        ["指标", "年度", "数值"],
        ["义务教育巩固率", 2024, 0.985],
        ["高中阶段毛入学率", 2024, 0.915],
    ]
    far_dimension = struct.pack("<IIHHH", 0, 0xFFFF_FFFF, 0, 255, 0)
    # a count and a name whose formulas failed: the reader gives such cells as blanks
    errors = [list(row) for row in typed]
    errors[2][6] = ExcelError("#DIV/0!")
    errors[3][1] = ExcelError("#N/A")
    return {
        # --- what a file is ---
        "word-document.docx": docx_file(),
        "word-document-named.csv": docx_file(),
        "~$ok-schools.xlsx": lock[:165],
        "encrypted-workbook.xlsx": encrypted,
        "pdf-named.csv": b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n",
        "html-export-named.xls": (
            "<html><head><meta charset=utf-8></head><body><table><tr><td>学校代码</td></tr>"
            "</table></body></html>\n"
        ).encode(),
        "xml-spreadsheet-2003.xls": (
            b'<?xml version="1.0"?>\n<?mso-application progid="Excel.Sheet"?>\n<Workbook '
            b'xmlns="urn:schemas-microsoft-com:office:spreadsheet"></Workbook>\n'
        ),
        "workbook-named-csv.csv": good,
        "ok-schools.xls": xls_file(typed),
        "xls-named-xlsx.xlsx": xls_file(typed),
        "ok-schools.ods": ods_file(ods_rows(typed)),
        "ok-schools.xlsb": xlsb_file(typed),
        # --- what a reader must be kept from ---
        "dimension-beyond-xfd1048576.xlsx": with_part(
            good,
            "xl/worksheets/sheet1.xml",
            re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD1048577"', sheet),
        ),
        "ref-aaaaaaaaaaaaaaa1.xlsx": far_cell(good, "AAAAAAAAAAAAAAA1", 5),
        "ref-row-99999999999999999999.xlsx": far_cell(
            good, "A99999999999999999999", "99999999999999999999"
        ),
        # calamine's row number wraps at 2^32: row 4294967297 lands on row 1, the header
        "ref-a4294967297.xlsx": far_cell(good, "A4294967297", 5),
        "sparse-bomb-a1048576.xlsx": far_cell(good, "A1048576", 1048576),
        "far-cell-prefixed.xlsx": far_cell_spelt(
            good, b'<x:c r="XFD1048576" t="inlineStr"><x:is><x:t>x</x:t></x:is></x:c>'
        ),
        "far-cell-tab-before-r.xlsx": far_cell_spelt(
            good, b'<c\tr="XFD1048576" t="inlineStr"><is><t>x</t></is></c>'
        ),
        "far-cell-r-after-t.xlsx": far_cell_spelt(
            good, b'<c t="inlineStr" r="XFD1048576"><is><t>x</t></is></c>'
        ),
        "far-cell-single-quotes.xlsx": far_cell_spelt(
            good, b"<c r='XFD1048576' t='inlineStr'><is><t>x</t></is></c>"
        ),
        # zip entries named with backslashes: calamine finds xl/worksheets/sheet1.xml in them
        "far-cell-backslash-part-name.xlsx": far_cell_spelt(
            good,
            b'<c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c>',
            {"xl/worksheets/sheet1.xml": "xl\\worksheets\\sheet1.xml"},
        ),
        "shared-strings-count-huge.xlsx": with_part(
            good, "xl/sharedStrings.xml", strings.replace(b'"1"', b'"99999999999"')
        ),
        "xml-dtd-entity-bomb.xlsx": with_part(
            good, "xl/sharedStrings.xml", laughs + strings.replace(b"<t>S1</t>", b"<t>&i;</t>")
        ),
        "zip-declared-size-lie.xlsx": lying_size_workbook(),
        # Found by the mutation run: ElementTree raises LookupError, not ParseError, for an
        # encoding no codec knows (an internal error until the checks caught it).
        "xml-unknown-encoding.xlsx": with_part(
            good,
            "_rels/.rels",
            b'<?xml version="1.0" encoding="UTFA0"?>'
            + zip_parts(good)["_rels/.rels"].split(b"?>", 1)[-1],
        ),
        "zip-directory-60000-entries.xlsx": directory_claiming(60_000),
        "xls-far-cell-iv65536.xls": xls_file(
            typed, extra=record(0x0203, struct.pack("<HHHd", 65535, 255, 15, 1.0))
        ),
        "xls-column-past-iv.xls": xls_file(
            typed, extra=record(0x0203, struct.pack("<HHHd", 3, 300, 15, 1.0))
        ),
        "xls-dimensions-4g-rows.xls": xls_file(typed, dimensions=far_dimension),
        "xls-password.xls": xls_file(typed, encrypted=True),
        "xls-short-boundsheet.xls": compound_file(
            {"Workbook": record(0x0809, struct.pack("<HH", 0x0600, 5)) + record(0x0085, b"\0\0")}
        ),
        "ole-fat-loop.xls": compound_file({"Workbook": biff_workbook(typed)}, fat_loop=True),
        "ods-cells-bomb.ods": ods_file(
            '<table:table-row table:number-rows-repeated="1000000">'
            '<table:table-cell office:value-type="float" office:value="1" '
            'table:number-columns-repeated="16384"/></table:table-row>'
        ),
        "ods-far-cell.ods": ods_file(
            ods_rows(typed) + '<table:table-row table:number-rows-repeated="1000000">'
            '<table:table-cell table:number-columns-repeated="1024"/></table:table-row>'
            + "<table:table-row>"
            + '<table:table-cell table:number-columns-repeated="1000"/>'
            + ods_cell(1)
            + "</table:table-row>"
        ),
        "ods-encrypted.ods": ods_file(
            ods_rows(typed),
            manifest_extra='<manifest:encryption-data manifest:checksum-type="SHA1"/>',
        ),
        "ods-dtd.ods": ods_file(ods_rows(typed), doctype='<!DOCTYPE x [<!ENTITY a "b">]>'),
        # calamine's OpenDocument reader loops forever, at 100% CPU, on a table that never
        # ends (found by the mutation run) and on a cell note that never ends
        "ods-table-never-ends.ods": ods_cut(ods_file(ods_rows(typed)), b"</table:table>"),
        "ods-note-never-ends.ods": ods_cut(
            ods_file(
                ods_rows(typed) + '<table:table-row><table:table-cell office:value-type="string">'
                "<office:annotation><text:p>备注</text:p></office:annotation>"
                "<text:p>x</text:p></table:table-cell></table:table-row>"
            ),
            b"</office:annotation>",
        ),
        "xlsb-column-4294967295.xlsb": xlsb_file(typed, far=(2, 0xFFFF_FFFF)),
        "xlsb-far-cell.xlsb": xlsb_file(typed, far=(1_000_000, 5000)),
        # --- error values: the same located excel-error as in a CSV, never a blank ---
        "excel-error-cells.xlsx": workbook_with_errors(errors),
        "excel-error-cells.xls": xls_file(errors),
        "excel-error-cells.xlsb": xlsb_file(errors),
        "excel-error-cells.ods": ods_file(ods_rows(errors)),
        # --- percentages ---
        "percent-cells.xlsx": workbook_with_percent(percent_rows),
        "percent-cells.xls": xls_file(percent_rows, percent_columns=[2]),
        "percent-cells.xlsb": xlsb_file(percent_rows, percent_columns=[2]),
        "percent-cells.ods": ods_file(
            "".join(
                "<table:table-row>"
                + "".join(ods_cell(v, percent=(c == 2 and r > 0)) for c, v in enumerate(row))
                + "</table:table-row>"
                for r, row in enumerate(percent_rows)
            )
        ),
    }


def workbook_with_percent(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook whose numbers in column C are formatted 0.0% (0.915 shows as 91.5%)."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "县级指标表"
    for row in rows:
        sheet.append(list(row))
    for cell in sheet["C"][1:]:
        cell.number_format = "0.0%"
    book.properties.created = dt.datetime(2024, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    core = zip_parts(buffer.getvalue())["docProps/core.xml"]
    core = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", core)
    return normalised_zip(buffer.getvalue(), {"docProps/core.xml": core})


def workbook_with_errors(rows: Sequence[Sequence[object]]) -> bytes:
    """A workbook whose ExcelError cells are of type e, as Excel saves a failed formula."""
    import openpyxl

    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "学校表"
    for row in rows:
        sheet.append([str(v) if isinstance(v, ExcelError) else v for v in row])
    for row_cells in sheet.iter_rows():
        for cell in row_cells:
            if isinstance(cell.value, str) and cell.value in ExcelError.CODES:
                assert cell.data_type == "e", cell.coordinate  # openpyxl types it so
    book.properties.created = dt.datetime(2024, 1, 1)
    buffer = io.BytesIO()
    book.save(buffer)
    core = zip_parts(buffer.getvalue())["docProps/core.xml"]
    core = re.sub(rb"(<dcterms:modified[^>]*>)[^<]*", rb"\g<1>2024-01-01T00:00:00Z", core)
    return normalised_zip(buffer.getvalue(), {"docProps/core.xml": core})


def rule_files() -> dict[str, bytes]:
    laughs = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    laughs += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    laughs.append("rules: *a9")
    return {
        "alias-bomb.yaml": ("\n".join(laughs) + "\n").encode(),
        "merge-key-alias-bomb.yaml": (
            "base: &b {zh: x, en: y}\n"
            + "".join(
                f"k{i}: &k{i} {{<<: *{'b' if i == 0 else f'k{i - 1}'}, n{i}: {i}}}\n"
                for i in range(40)
            )
            + "rules: [*k39]\n"
        ).encode(),
        "nested-lists-10000.yaml": ("rules: " + "[" * 10_000 + "]" * 10_000 + "\n").encode(),
        "nested-maps-10000.yaml": (
            "rules: " + "{a: " * 10_000 + "1" + "}" * 10_000 + "\n"
        ).encode(),
        "python-object-apply.yaml": b"rules: !!python/object/apply:os.system ['echo pwned']\n",
        "python-object-new.yaml": b"rules: !!python/object/new:subprocess.Popen [['true']]\n",
        "python-name.yaml": b"rules: !!python/name:os.system\n",
        "custom-local-tag.yaml": b"rules: !include /etc/passwd\n",
        "gbk-encoded.yaml": VALID_RULE.encode("gbk"),
        "utf16-encoded.yaml": VALID_RULE.encode("utf-16"),
        "binary.yaml": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(64)),
        "nul-character.yaml": VALID_RULE.replace("Tiny test", "Tiny\x00test").encode(),
        "two-documents.yaml": (VALID_RULE + "---\n" + VALID_RULE).encode(),
        "complex-key.yaml": b"? [a, b]\n: c\nrules: []\n",
        "ok-valid.yaml": VALID_RULE.encode(),
        # Found while preparing the corpus: YAML resolves these as timestamps and PyYAML's
        # constructor raised ValueError, which the loader did not catch (until 647c1df).
        "impossible-date.yaml": VALID_RULE.replace("2024-09-01", "2025-02-30").encode(),
        "month-13.yaml": VALID_RULE.replace("2024-09-01", "2024-13-01").encode(),
        # ... and Python refuses int() of more than 4300 digits with ValueError (idem).
        "integer-5000-digits.yaml": VALID_RULE.replace("gt: 2000", "gt: " + "9" * 5000).encode(),
        # Found by scripts/fuzz.py after 647c1df: an explicit timestamp tag on a value that is no
        # date; PyYAML's constructor raises AttributeError (its regular expression does not
        # match), which parse_yaml does not catch.
        "timestamp-tag-not-a-date.yaml": VALID_RULE.replace(
            "due: 2024-09-01", "due: !!timestamp next spring"
        ).encode(),
        # Fraction("1e999999999") computes 10**999999999: minutes of CPU and gigabytes.
        "threshold-huge-exponent.yaml": VALID_RULE.replace(
            "gt: 2000", "gt: '1e999999999'"
        ).encode(),
    }


def main() -> None:
    RULES.mkdir(exist_ok=True)
    for name, data in data_files().items():
        (HERE / name).write_bytes(data)
    for name, data in rule_files().items():
        (RULES / name).write_bytes(data)


if __name__ == "__main__":
    main()
