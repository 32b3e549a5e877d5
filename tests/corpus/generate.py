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
import zipfile
from collections.abc import Sequence
from pathlib import Path

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
    """The same archive with fixed timestamps; `change` replaces (or with None drops) parts."""
    change = change or {}
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for name in source.namelist():
            content = change.get(name, source.read(name))
            if content is not None:
                info = zipfile.ZipInfo(name, (2024, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                target.writestr(info, content)
    return out.getvalue()


def far_cell(data: bytes, ref: str, row: int) -> bytes:
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
