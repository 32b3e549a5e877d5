"""The ledger workbook (整改台账) opens in LibreOffice Calc, headless, and prints as a readable
document: its pages are few because the plan column wraps (a version that let long text spill
printed 689 tiny pages)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner
from conftest import SAMPLE

from taikang_check.cli.main import main

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page[^s]", pdf))


@pytest.mark.slow
def test_the_sample_ledger_opens_in_libreoffice_and_prints_in_few_pages(tmp_path: Path) -> None:
    if SOFFICE is None:
        if os.environ.get("CI"):
            pytest.fail("LibreOffice is missing: apt-get install libreoffice-calc")
        pytest.skip("LibreOffice is missing (apt-get install libreoffice-calc)")
    book = tmp_path / "整改台账.xlsx"
    files = [str(SAMPLE / f"{name}.csv") for name in ("schools", "classes", "indicators")]
    args = ["audit", *files, "--as-of", "2025-10-01", "-o", f"xlsx:{book}", "--by-township"]
    result = CliRunner().invoke(main, [*args, "-q"])
    assert result.exit_code == 1, result.output
    out = tmp_path / "pdf"
    command = [
        SOFFICE,
        f"-env:UserInstallation={(tmp_path / 'profile').as_uri()}",
        "--headless",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(book),
    ]
    done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    pdf = out / "整改台账.pdf"
    assert pdf.exists(), (done.stdout, done.stderr)
    pages = _pdf_pages(pdf.read_bytes())
    # The summary, the findings and a sheet per township: more than one page, not hundreds.
    assert 3 <= pages <= 120, pages
