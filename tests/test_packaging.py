"""The wheel: it ships the built-in rule packs and the `taikang-check` console script."""

from __future__ import annotations

import configparser
import subprocess
import sys
import zipfile
from pathlib import Path

from conftest import REPO


def test_wheel_contains_rules_and_entry_point(tmp_path: Path) -> None:
    # Built without isolation from the venv's hatchling, so no network is needed (< 2 s).
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--no-deps",
            "--no-build-isolation",
            "--no-cache-dir",
            "--disable-pip-version-check",
            "-q",
            "-w",
            str(tmp_path),
            str(REPO),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    [wheel] = tmp_path.glob("taikang_check-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        [entry_points] = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        entry_text = archive.read(entry_points).decode("utf-8")

    taikang = sorted(n for n in names if n.startswith("taikang_check/rules/taikang/"))
    assert taikang, "no taikang_check/rules/taikang/*.yaml in the wheel"
    assert all(n.endswith(".yaml") for n in taikang)
    # Every rule file of the checkout, of every pack, is shipped at the same place.
    in_repo = sorted(
        "taikang_check/rules/" + p.relative_to(REPO / "rules").as_posix()
        for p in (REPO / "rules").rglob("*.y*ml")
    )
    shipped = sorted(n for n in names if n.startswith("taikang_check/rules/"))
    assert shipped == in_repo
    assert "taikang_check/__init__.py" in names
    assert "taikang_check/cli/__init__.py" in names

    parser = configparser.ConfigParser()
    parser.read_string(entry_text)
    assert parser["console_scripts"]["taikang-check"].strip() == "taikang_check.entry:main"
