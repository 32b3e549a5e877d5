"""The CI recipes work as written: the pre-commit hook (.pre-commit-hooks.yaml) and the GitHub
Actions workflow (docs/github-actions.yml). No shell runs: each taikang-check command is
split with shlex, its globs expanded, and run in-process on the sample data."""

from __future__ import annotations

import glob
import re
import shlex
import shutil
import tomllib
from pathlib import Path
from typing import Any

import pytest
import yaml
from conftest import REPO, SAMPLE, SAMPLE_CLASSES, SAMPLE_SCHOOLS, CliRun

HOOKS = REPO / ".pre-commit-hooks.yaml"
WORKFLOW = REPO / "docs" / "github-actions.yml"
SHELL_OPERATORS = {">", ">>", "|", "||", "&&", ";", "2>", "2>&1"}


def project() -> dict[str, Any]:
    data: dict[str, Any] = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    return data


def script_name() -> str:
    (name,) = project()["project"]["scripts"]
    return str(name)


# --- pre-commit -----------------------------------------------------------------------------


def hook() -> dict[str, Any]:
    hooks = yaml.safe_load(HOOKS.read_text(encoding="utf-8"))
    assert isinstance(hooks, list)
    (only,) = hooks
    assert isinstance(only, dict)
    return only


def test_hook_definition() -> None:
    item = hook()
    assert item["id"] == "taikang-check"
    assert item["language"] == "python"
    assert item["entry"] == "taikang-check audit"
    assert item["pass_filenames"] is True
    assert item["require_serial"] is True  # one run sees every table of the commit
    assert set(item) <= {
        "id", "name", "description", "entry", "language", "files", "pass_filenames",
        "require_serial", "types", "types_or", "exclude", "args", "stages", "always_run",
    }  # fmt: skip
    files = re.compile(item["files"])
    for name in ("data/schools.csv", "学校.xlsx", "classes.csv", "schools.xls", "学校.ods"):
        assert files.search(name), name
    for name in ("README.md", "a.csv.bak", "schools.xls.bak", "csv"):
        assert not files.search(name), name


def test_hook_entry_runs_on_the_sample(cli: CliRun) -> None:
    program, *args = shlex.split(hook()["entry"])
    assert program == script_name()
    files = sorted(str(p) for p in SAMPLE.iterdir() if re.search(hook()["files"], p.name))
    assert files == sorted(str(p) for p in SAMPLE.glob("*.csv"))
    result = cli(*args, *files, "--as-of", "2026-11-29")  # pre-commit appends the file names
    assert result.exit_code == 1  # the sample has planted violations: the commit is refused
    assert "large-class" in result.stdout


# --- GitHub Actions -------------------------------------------------------------------------


def workflow() -> dict[Any, Any]:
    data = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def steps() -> list[dict[str, Any]]:
    (job,) = workflow()["jobs"].values()
    found: list[dict[str, Any]] = job["steps"]
    return found


def commands() -> list[tuple[list[str], list[str]]]:
    """Every taikang-check command of a `run:`, as (arguments, shell tail after them)."""
    found = []
    for step in steps():
        for line in str(step.get("run", "")).splitlines():
            words = shlex.split(line, comments=True)
            if words and words[0] == script_name():
                cut = next((i for i, w in enumerate(words) if w in SHELL_OPERATORS), len(words))
                found.append((words[1:cut], words[cut:]))
    return found


def test_workflow_shape() -> None:
    data = workflow()
    triggers = data.get("on", data.get(True))  # YAML 1.1 reads a bare `on` as true
    assert set(triggers) == {"push", "pull_request"}
    uses = [step.get("uses", "").split("@")[0] for step in steps()]
    assert uses[:2] == ["actions/checkout", "actions/setup-python"]
    assert "actions/upload-artifact" in uses
    installs = [s["run"] for s in steps() if "pip install" in str(s.get("run", ""))]
    assert installs
    assert project()["project"]["name"] in installs[0]


def expand(words: list[str]) -> list[str]:
    """The shell's glob expansion, in the current folder."""
    expanded: list[str] = []
    for word in words:
        expanded += sorted(glob.glob(word)) if any(c in word for c in "*?[") else [word]
    return expanded


@pytest.fixture
def data_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout of a data repository: the sample tables in data/."""
    (tmp_path / "data").mkdir()
    for path in SAMPLE.glob("*.csv"):
        shutil.copy(path, tmp_path / "data" / path.name)
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("COLUMNS", "100")
    return tmp_path


def test_workflow_commands_run_on_the_sample(cli: CliRun, data_repo: Path) -> None:
    found = commands()
    assert len(found) == 2
    (summary, summary_tail), (annotate, annotate_tail) = found
    assert summary_tail == [">>", "$GITHUB_STEP_SUMMARY"]
    assert summary[summary.index("--format") + 1] == "markdown"
    assert annotate_tail == []
    assert annotate[annotate.index("--format") + 1] == "github"
    pinned = ["--as-of", "2026-11-29"]
    markdown = cli(*expand(summary), *pinned)
    assert markdown.exit_code == 0  # the summary step never fails the job
    assert markdown.stdout.startswith("## ")
    assert "data/classes.csv" in markdown.stdout
    annotations = cli(*expand(annotate), *pinned)
    assert annotations.exit_code == 1  # the audit step does, on the planted violations
    lines = annotations.stdout.splitlines()
    assert lines
    assert all(line.startswith(("::error ", "::warning ")) for line in lines)
    assert any(f"file=data/{SAMPLE_CLASSES.name}," in line for line in lines)
    (upload,) = [s for s in steps() if s.get("uses", "").startswith("actions/upload-artifact")]
    html = upload["with"]["path"]
    assert f"html:{html}" in annotate
    assert (data_repo / html).read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert "always()" in upload.get("if", "") or "cancelled()" in upload.get("if", "")
    assert SAMPLE_SCHOOLS.name in {Path(p).name for p in expand(["data/*.csv"])}
