"""Outputs go only to regular files or new paths, and never replace a file the run reads."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest
from conftest import REPO, SAMPLE, CliRun

FILES = [str(SAMPLE / "schools.csv"), str(SAMPLE / "classes.csv")]


def test_output_onto_a_fifo_is_refused_and_the_fifo_kept(cli: CliRun, tmp_path: Path) -> None:
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    result = cli("audit", *FILES, "-o", f"junit:{fifo}")
    assert result.exit_code == 2
    assert "unwritable-output" in result.stderr
    assert stat.S_ISFIFO(os.stat(fifo).st_mode)


def test_output_onto_a_device_is_refused(cli: CliRun) -> None:
    result = cli("audit", *FILES, "-o", "json:/dev/null")
    assert result.exit_code == 2
    assert stat.S_ISCHR(os.stat("/dev/null").st_mode)


@pytest.mark.parametrize("command", ["audit", "trend"])
def test_an_unknown_format_is_a_usage_error_naming_the_formats(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, command: str
) -> None:
    monkeypatch.chdir(tmp_path)
    year = tmp_path / "2024"
    year.mkdir()
    for name in FILES:
        shutil.copy(name, year)
    args = FILES if command == "audit" else [str(year)]
    result = cli(command, *args, "-o", "ods:r.ods")
    assert result.exit_code == 2
    assert "bad-argument" in result.stderr
    assert "html" in result.stderr
    assert list(tmp_path.glob("ods*")) == []


def test_output_onto_a_rule_file_is_refused(cli: CliRun, tmp_path: Path) -> None:
    rules = tmp_path / "rules"
    shutil.copytree(REPO / "rules" / "taikang", rules)
    target = rules / "10-class-size.yaml"
    before = target.read_bytes()
    result = cli("audit", *FILES, "--rules", rules, "-o", f"json:{target}")
    assert result.exit_code == 2
    assert "output-is-input" in result.stderr
    assert target.read_bytes() == before


def test_output_onto_the_config_file_is_refused(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    config = tmp_path / "taikang-check.toml"
    config.write_text('lang = "en"\n', encoding="utf-8")
    before = config.read_bytes()
    result = cli("audit", *FILES, "-o", f"json:{config}")
    assert result.exit_code == 2
    assert "output-is-input" in result.stderr
    assert config.read_bytes() == before


def test_a_reader_closing_the_pipe_early_ends_the_run_quietly(tmp_path: Path) -> None:
    """`taikang-check audit … --format json | head -c 10`: no message, the audit's own status."""
    import subprocess
    import sys

    code = "from taikang_check.entry import main; main()"
    args = [sys.executable, "-c", code, "audit", *FILES, "--format", "json"]
    process = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stdout.read(10)
    process.stdout.close()  # the reader leaves
    _, err = process.communicate(timeout=120)
    assert process.returncode == 1
    assert err == b""


def test_a_config_nested_thousands_deep_is_a_usage_error(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    deep = "[tool.taikang-check]\nx = " + "[" * 5000 + "]" * 5000 + "\n"
    (tmp_path / "pyproject.toml").write_text(deep, encoding="utf-8")
    result = cli("audit", *FILES)
    assert result.exit_code == 2
    assert "嵌套层数过多" in result.stderr  # config errors are Chinese by default
    assert "Traceback" not in result.stderr


def test_a_huge_max_findings_is_a_usage_error(cli: CliRun) -> None:
    result = cli("audit", *FILES, "--max-findings", "9" * 30)
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr


def test_text_from_outside_cannot_send_escapes_or_forge_lines(cli: CliRun, tmp_path: Path) -> None:
    """An ANSI sequence in a header cell and a newline in a file name reach the message as
    visible escapes: one problem, one line, no escape character."""
    name = "evil\n  [missing-column] forged.csv"
    path = tmp_path / name
    path.write_text("学校代码,\x1b[31m其他\x07\n1,2\n", encoding="utf-8")
    target = tmp_path / "out\x1b[2J.json"
    result = cli("audit", str(path), "-o", f"json:{target}")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr
    assert "\x07" not in result.stderr
    assert "\\x1b" in result.stderr
    lines = result.stderr.splitlines()
    assert not any(line.lstrip().startswith("[missing-column] forged") for line in lines)


def test_a_file_that_is_no_table_is_never_echoed(cli: CliRun, tmp_path: Path) -> None:
    """A data path that is a symlink to a credentials file: the message names the file, never
    its content (it would land in a CI log)."""
    secret = tmp_path / "credentials"
    secret.write_text("aws_secret_access_key=AKIAEXAMPLESECRET\n[default]\n", encoding="utf-8")
    link = tmp_path / "schools.csv"
    link.symlink_to(secret)
    result = cli("audit", str(link))
    assert result.exit_code == 2
    assert "unknown-table" in result.stderr
    assert "AKIA" not in result.stderr
    assert "aws_secret" not in result.stderr


def test_a_misspelt_header_of_ours_is_still_quoted(cli: CliRun, tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("学校代码,其他列\nS1,x\n", encoding="utf-8")
    result = cli("audit", str(path))
    assert result.exit_code == 2
    assert "其他列" in result.stderr


def test_template_onto_a_folder_is_refused_even_with_force(cli: CliRun, tmp_path: Path) -> None:
    (tmp_path / "taikang-check-template.xlsx").mkdir()
    result = cli("template", "-o", str(tmp_path), "--force")
    assert result.exit_code == 2
    assert "unwritable-output" in result.stderr
    assert (tmp_path / "taikang-check-template.xlsx").is_dir()


@pytest.mark.parametrize(
    ("where", "errno_name"), [("tempfile.mkstemp", "EACCES"), ("os.replace", "ENOSPC")]
)
def test_unwritable_or_full_names_the_file_asked_for(
    cli: CliRun, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, errno_name: str
) -> None:
    """A read-only folder or a full disk: a problem naming the file asked for (never our
    temporary file, never no file), exit 2, no traceback, nothing left behind."""
    import errno

    def fail(*args: object, **kwargs: object) -> None:
        code = getattr(errno, errno_name)
        raise OSError(code, os.strerror(code), str(tmp_path / ".x.tmp"))

    module, name = where.split(".")
    monkeypatch.setattr(f"taikang_check.render.files.{module}.{name}", fail)
    result = cli("template", "-o", str(tmp_path))
    assert result.exit_code == 2
    assert "Traceback" not in result.stderr
    assert "taikang-check-template.xlsx" in result.stderr
    assert ".tmp" not in result.stderr
    assert list(tmp_path.iterdir()) == []
