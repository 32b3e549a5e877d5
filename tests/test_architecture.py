"""The package's layout: the pipeline's layers, no import cycles, a light command line."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "taikang_check"
# The top level holds only the entry points and what every layer shares.
TOP_LEVEL = {"__init__", "__main__", "api", "entry", "problems", "config"}
STAGES = {"cli", "contract", "read", "rulebook", "engine", "report", "text", "render", "commands"}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports(path: Path) -> list[tuple[str, bool]]:
    """(module imported, inside a function) for every import of the package in one file."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    local: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            local |= {id(inner) for inner in ast.walk(node) if inner is not node}
    found = []
    for node in ast.walk(tree):
        names: list[str] = []
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        elif isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        found += [(n, id(node) in local) for n in names if n.startswith("taikang_check")]
    return found


MODULES = {_module_name(p): p for p in sorted(PACKAGE.rglob("*.py"))}


def _graph() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = {}
    for name, path in MODULES.items():
        targets = {target for target, _ in _imports(path) if target in MODULES}
        # A module's own parent packages are loaded before it anyway (`__version__`).
        graph[name] = {t for t in targets if not (name + ".").startswith(t + ".")}
    return graph


def test_top_level_holds_only_entry_points_and_shared_modules() -> None:
    top = {p.stem for p in PACKAGE.glob("*.py")}
    folders = {p.name for p in PACKAGE.iterdir() if (p / "__init__.py").is_file()}
    assert top == TOP_LEVEL
    assert folders == STAGES


def test_every_stage_says_its_role_and_what_it_may_import() -> None:
    for stage in STAGES:
        doc = ast.get_docstring(ast.parse((PACKAGE / stage / "__init__.py").read_text("utf-8")))
        assert doc, f"{stage}/__init__.py has no docstring"
        assert "import" in doc, f"{stage}/__init__.py does not say what it may import"


def test_the_import_graph_has_no_cycle() -> None:
    """Every import counts, including those inside functions and under TYPE_CHECKING."""
    graph = _graph()
    done: set[str] = set()

    def visit(node: str, path: list[str]) -> None:
        if node in path:
            cycle = [*path[path.index(node) :], node]
            pytest.fail("import cycle: " + " → ".join(cycle))
        if node in done:
            return
        for target in sorted(graph[node]):
            visit(target, [*path, node])
        done.add(node)

    for module in sorted(graph):
        visit(module, [])


def test_function_local_imports_are_only_lazy_loads_for_start_up() -> None:
    """A function-local import may only delay a heavy import; each file says so in a comment."""
    allowed = {
        "taikang_check": "keep `import taikang_check`",
        "taikang_check.entry": "without loading",
        "taikang_check.cli.main": "must stay instant",
        "taikang_check.rulebook.selection": "pulls in pydantic",
    }
    for name, path in MODULES.items():
        local = [target for target, inside in _imports(path) if inside]
        if not local:
            continue
        assert name in allowed, f"{name} imports {local} inside a function"
        assert allowed[name] in path.read_text(encoding="utf-8"), f"{name}: say why it is lazy"


# What `--help` and `--version` must not load: the audit's libraries, and the standard modules
# only a run that reads a config, writes a file or reports a wrong key needs.
HEAVY = (
    "polars",
    "pydantic",
    "rich",
    "yaml",
    "openpyxl",
    "fastexcel",
    "xlsxwriter",
    "opencc",
    "tomllib",
    "difflib",
    "tempfile",
)
# Runs the console script's function with these arguments, then prints the heavy modules
# that are loaded, as the last line of its output.
_LOADED_AFTER = """
import json, sys
from taikang_check.entry import main
sys.argv = ["taikang-check", *sys.argv[1:]]
try:
    main()
except SystemExit as stop:
    assert stop.code in (None, 0), stop.code
heavy = json.loads(HEAVY)
print(json.dumps(sorted(m for m in sys.modules if m.split(".")[0] in heavy)))
"""


@pytest.mark.parametrize("locale", ["zh_CN.UTF-8", "en_US.UTF-8"])
@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["audit", "--help"],
        ["trend", "--help"],
        ["rules", "--help"],
        ["explain", "--help"],
        ["validate", "--help"],
        ["template", "--help"],
    ],
)
def test_help_and_version_load_no_heavy_module(
    args: list[str], locale: str, tmp_path: Path
) -> None:
    """Start-up: the help of every command, in either language, and the version answer
    without the audit's libraries (run where no config file is found, so none is read)."""
    code = _LOADED_AFTER.replace("HEAVY", repr(json.dumps(HEAVY)))
    done = subprocess.run(
        [sys.executable, "-c", code, *args],
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
        cwd=tmp_path,
        env={**os.environ, "LANG": locale, "LC_ALL": "", "LC_MESSAGES": ""},
    )
    *shown, loaded = done.stdout.strip().split("\n")
    expected = "version" if args == ["--version"] else "用法" if locale[:2] == "zh" else "Usage"
    assert expected in "\n".join(shown)  # the help or the version was written
    assert json.loads(loaded) == []


def test_the_command_line_loads_no_heavy_library() -> None:
    code = (
        "import sys, taikang_check.cli, taikang_check.entry; "
        f"print(sorted(m for m in {HEAVY!r} if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert done.stdout.strip() == "[]"


def test_every_check_kind_has_an_entry_in_every_registry() -> None:
    """A new kind of check is one module plus one entry per table; none may be forgotten."""
    from taikang_check.engine.expressions import COLUMNS_USED
    from taikang_check.engine.kinds import PLANNERS, ROW_PLANNERS
    from taikang_check.rulebook.describe import DESCRIBERS
    from taikang_check.rulebook.model import CheckKind
    from taikang_check.text.message_templates import DEFAULT_TEMPLATES

    assert not set(PLANNERS) & set(ROW_PLANNERS)  # a kind is planned one way
    for table in ({**PLANNERS, **ROW_PLANNERS}, COLUMNS_USED, DESCRIBERS, DEFAULT_TEMPLATES):
        assert set(table) == set(CheckKind)
