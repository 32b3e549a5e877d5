"""Rule files: the built-in packs load and quote the plan verbatim; a broken or hostile rule
file is refused with the file, the line and the dotted key path of the mistake."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest
from conftest import REPO

from taikang_check.problems import Problem, ProblemCode, ProblemsFound
from taikang_check.rulebook.loader import builtin_rules_dir, load_rules

# The core rule set of the contract (section 2): id -> (section, due, severity).
CORE_RULES = {
    "large-class": ("三(一)", "2024-09-01", "error"),
    "class-size-primary": ("三(一)", "2025-09-01", "error"),
    "class-size-junior": ("三(一)", "2025-09-01", "error"),
    "idle-rural-school": ("三(一)", "2023-09-01", "error"),
    "teaching-point-50": ("三(一)", "2023-09-01", "error"),
    "teaching-point-100": ("三(一)", "2024-12-31", "error"),
    "teaching-point-200": ("三(一)", "2025-12-31", "error"),
    "retained-teaching-point": ("三(一)", "2023-05-10", "error"),
    "school-size": ("三(一)", "2023-05-10", "warning"),
    "zoned-primary": ("三(五)", "2023-09-01", "error"),
    "zoned-junior": ("三(五)", "2023-09-01", "error"),
    "private-share": ("三(九)", "2023-05-10", "error"),
    "resource-room": ("三(五)", "2025-12-31", "error"),
}
PLAN_NAME = "taikang-plan-2023.zh-Hans.txt"
PLAN_CANDIDATES = (REPO / "docs" / "plan" / PLAN_NAME, REPO.parent / "shared" / "seed" / PLAN_NAME)

# A valid rule file; each invalid case below changes one thing in it.
VALID = """\
rules:
  - id: tiny-rule
    title:
      zh: 小测试
      en: Tiny test
    source:
      section: 三(一)
      quote: 全面消除
    severity: error
    due: 2024-09-01
    checks:
      - table: classes
        where:
          - {column: grade, between: [1, 9]}
        measure: {column: students}
        fail_if: {ge: 56}
"""
WHERE = "{column: grade, between: [1, 9]}"


def write_rules(directory: Path, text: str | bytes, name: str = "rules.yaml") -> Path:
    directory.mkdir(parents=True, exist_ok=True)
    path = directory / name
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


def refused(directory: Path) -> list[Problem]:
    started = time.perf_counter()
    with pytest.raises(ProblemsFound) as raised:
        load_rules(directory)
    assert time.perf_counter() - started < 2, "refusing a rule file must be quick"
    return raised.value.problems


def line_of(text: str, needle: str) -> int:
    """1-based number of the first line containing `needle`."""
    for number, line in enumerate(text.splitlines(), start=1):
        if needle in line:
            return number
    raise AssertionError(f"{needle!r} not in the rule text")


# --- the built-in packs ----------------------------------------------------------------------


def test_builtin_rules_load() -> None:
    loaded = load_rules()
    ids = [item.rule.id for item in loaded]
    assert len(ids) == len(set(ids))
    assert set(CORE_RULES) <= set(ids)
    assert all(Path(item.file).is_file() for item in loaded)


def test_builtin_rules_match_the_contract_table() -> None:
    rules = {item.rule.id: item.rule for item in load_rules()}
    for rule_id, (section, due, severity) in CORE_RULES.items():
        rule = rules[rule_id]
        assert rule.source.section == section, rule_id
        assert rule.due is not None
        assert rule.due.isoformat() == due, rule_id
        assert rule.severity.value == severity, rule_id


def test_builtin_rules_have_both_languages() -> None:
    for item in load_rules():
        rule = item.rule
        assert rule.title.zh.strip()
        assert rule.title.en.strip()
        assert rule.title.en.isascii() or any(c.isascii() and c.isalpha() for c in rule.title.en)


def test_builtin_rules_dir_is_the_checkout_or_the_wheel() -> None:
    assert list(builtin_rules_dir().glob("taikang/*.yaml"))


def plan_text() -> str:
    for candidate in PLAN_CANDIDATES:
        if candidate.is_file():
            return candidate.read_text(encoding="utf-8")
    pytest.fail(f"the plan's text is in none of {[str(p) for p in PLAN_CANDIDATES]}")


def test_every_quote_occurs_verbatim_in_the_plan() -> None:
    text = plan_text()
    plan_rules = [i for i in load_rules() if i.rule.source.document == "太政办〔2023〕7号"]
    assert len(plan_rules) >= 13
    assert all(item.rule.source.verified for item in plan_rules)
    missing = [
        (item.rule.id, item.rule.source.quote)
        for item in plan_rules
        if item.rule.source.quote not in text
    ]
    assert missing == []


def test_quotes_of_the_national_standard_are_marked_unverified() -> None:
    """Its text is not shipped, so no quote of it can be checked: none may claim to be."""
    national = [i.rule for i in load_rules(packs=("national",))]
    assert len(national) >= 28
    assert [r.id for r in national if r.source.verified] == []
    assert {r.source.document for r in national} == {"教督〔2017〕6号"}


# The project's rule for hedged wording: 原则上 (as a rule), 争创 and 力争 (strive for) and 左右
# (about) set no hard figure, so a rule quoting them is a warning, never an error.
HEDGES = ("原则上", "争创", "力争", "左右")


def test_hedged_wording_makes_a_warning() -> None:
    hedged = {
        i.rule.id: i.rule.severity.value
        for i in load_rules()
        if any(word in i.rule.source.quote for word in HEDGES)
    }
    assert len(hedged) >= 6
    assert {rule: severity for rule, severity in hedged.items() if severity != "warning"} == {}


# --- invalid rule files: file, line and key path ------------------------------------------------


INVALID_CASES = [
    # (name, text, needle on the expected line, dotted key path, words in the reason)
    (
        "unknown key",
        VALID.replace("    severity: error\n", "    severity: error\n    colour: red\n"),
        "colour: red",
        "rules[0].colour",
        "",
    ),
    (
        "wrong type",
        VALID.replace("due: 2024-09-01", "due: next spring"),
        "due: next spring",
        "rules[0].due",
        "date",
    ),
    (
        "missing title.en",
        VALID.replace("      en: Tiny test\n", ""),
        "zh: 小测试",  # where the title mapping starts
        "rules[0].title.en",
        "required",
    ),
    (
        "unknown column",
        VALID.replace(WHERE, "{column: grad, between: [1, 9]}"),
        "column: grad,",
        "rules[0].checks[0].where[0].column",
        "grad",
    ),
    (
        "unknown measure column",
        VALID.replace("measure: {column: students}", "measure: {column: pupils}"),
        "column: pupils",
        "rules[0].checks[0].measure.column",
        "pupils",
    ),
    (
        "enum value not in the column's list",
        VALID.replace(WHERE, "{column: school_kind, eq: university}"),
        "university",
        "rules[0].checks[0].where[0].eq",
        "university",
    ),
    (
        "bad rule id",
        VALID.replace("id: tiny-rule", "id: Tiny_Rule"),
        "Tiny_Rule",
        "rules[0].id",
        "",
    ),
    (
        "is on a numeric column",
        VALID.replace(WHERE, "{column: students, is: true}"),
        "column: students, is: true",
        "rules[0].checks[0].where[0].is",
        "students",
    ),
    (
        "unknown table",
        VALID.replace("table: classes", "table: teachers"),
        "table: teachers",
        "rules[0].checks[0].table",
        "schools",  # the reason names the allowed tables
    ),
    (
        "unknown severity",
        VALID.replace("severity: error", "severity: fatal"),
        "severity: fatal",
        "rules[0].severity",
        "",
    ),
]


# Mistakes that pydantic (not rule_check) finds inside a check.
INVALID_INSIDE_CHECK = [
    pytest.param(
        VALID.replace(WHERE, "{column: grade, ge: 1, le: 9}"),
        "ge: 1, le: 9",
        "rules[0].checks[0].where[0]",
        "exactly one",
        id="two operators in one predicate",
    ),
    pytest.param(
        VALID.replace(
            "        fail_if: {ge: 56}\n",
            "        fail_if: {ge: 56}\n        message: {zh: '{studnets}人', en: '{value}'}\n",
        ),
        "studnets",
        "rules[0].checks[0].message.zh",
        "studnets",
        id="unknown placeholder in a message",
    ),
    pytest.param(
        VALID.replace("fail_if: {ge: 56}", "fail_if: {ge: lots}"),
        "ge: lots",
        "rules[0].checks[0].fail_if",
        "lots",
        id="threshold not a number",
    ),
]


@pytest.mark.parametrize(
    ("text", "needle", "key", "words"),
    [pytest.param(*case[1:], id=case[0]) for case in INVALID_CASES] + INVALID_INSIDE_CHECK,
)
def test_invalid_rule_file_names_file_line_and_key(
    tmp_path: Path, text: str, needle: str, key: str, words: str
) -> None:
    assert text != VALID
    path = write_rules(tmp_path / "rules", text)
    problems = refused(tmp_path / "rules")
    assert {p.code for p in problems} == {ProblemCode.RULE_FILE_INVALID}
    assert {p.file for p in problems} == {str(path)}
    located = [(p.row, p.column) for p in problems]
    assert (line_of(text, needle), key) in located
    reason = next(p for p in problems if p.column == key).detail["reason"]
    assert words.lower() in reason.lower()


def test_the_valid_base_file_loads(tmp_path: Path) -> None:
    write_rules(tmp_path / "rules", VALID)
    [loaded] = load_rules(tmp_path / "rules")
    assert loaded.rule.id == "tiny-rule"
    assert loaded.rule.title.en == "Tiny test"


@pytest.mark.parametrize(
    ("text", "needle", "key"),
    [
        pytest.param(
            VALID.replace("    severity: error\n", "    severity: error\n    colour: red\n"),
            "colour: red",
            "rules[0].colour",
            id="unknown key",
        ),
        pytest.param(
            VALID.replace("fail_if: {ge: 56}", "fail_if: {ge: lots}"),
            "ge: lots",
            "rules[0].checks[0].fail_if",
            id="threshold not a number",
        ),
        pytest.param(
            VALID.replace(WHERE, "{column: grade, ge: 1, le: 9}"),
            "ge: 1, le: 9",
            "rules[0].checks[0].where[0]",
            id="two operators in one predicate",
        ),
    ],
)
def test_one_mistake_gives_one_problem(tmp_path: Path, text: str, needle: str, key: str) -> None:
    write_rules(tmp_path / "rules", text)
    located = [(p.row, p.column) for p in refused(tmp_path / "rules")]
    assert located == [(line_of(text, needle), key)]


def test_mistakes_in_several_files_are_all_reported(tmp_path: Path) -> None:
    a = write_rules(tmp_path / "rules", VALID.replace("id: tiny-rule", "id: Bad"), "a.yaml")
    b = write_rules(tmp_path / "rules", VALID.replace("due: 2024-09-01", "due: x"), "b.yaml")
    problems = refused(tmp_path / "rules")
    assert {(p.file, p.column) for p in problems} >= {
        (str(a), "rules[0].id"),
        (str(b), "rules[0].due"),
    }


def test_duplicate_rule_id_across_files(tmp_path: Path) -> None:
    a = write_rules(tmp_path / "rules", VALID, "a.yaml")
    b = write_rules(tmp_path / "rules", VALID, "b.yaml")
    [problem] = refused(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_FILE_INVALID, str(b))
    assert problem.column is not None
    assert problem.column.endswith("id")
    assert "tiny-rule" in problem.detail["reason"]
    assert str(a) in problem.detail["reason"]


def test_duplicate_rule_id_has_line_and_key_path(tmp_path: Path) -> None:
    write_rules(tmp_path / "rules", VALID, "a.yaml")
    write_rules(tmp_path / "rules", VALID, "b.yaml")
    [problem] = refused(tmp_path / "rules")
    assert (problem.row, problem.column) == (line_of(VALID, "id: tiny-rule"), "rules[0].id")


def test_duplicate_rule_id_within_one_file(tmp_path: Path) -> None:
    body = VALID.removeprefix("rules:\n")
    write_rules(tmp_path / "rules", VALID + body)
    problems = refused(tmp_path / "rules")
    assert any("tiny-rule" in p.detail.get("reason", "") for p in problems)


def test_rules_dir_missing_or_empty(tmp_path: Path) -> None:
    [problem] = refused(tmp_path / "nowhere")
    assert problem.code is ProblemCode.RULES_NOT_FOUND
    (tmp_path / "empty").mkdir()
    (tmp_path / "empty" / "notes.txt").write_text("no rules here", encoding="utf-8")
    [problem] = refused(tmp_path / "empty")
    assert problem.code is ProblemCode.RULES_NOT_FOUND


def test_rule_files_in_subfolders_and_yml_are_read(tmp_path: Path) -> None:
    write_rules(tmp_path / "rules" / "sub", VALID, "x.yml")
    assert [r.rule.id for r in load_rules(tmp_path / "rules")] == ["tiny-rule"]


# --- hostile or broken YAML ------------------------------------------------------------------


def yaml_problem(directory: Path) -> Problem:
    [problem] = refused(directory)
    return problem


def test_yaml_syntax_error(tmp_path: Path) -> None:
    path = write_rules(tmp_path / "rules", "rules: [\n  - id: x\n")
    problem = yaml_problem(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_YAML_ERROR, str(path))
    assert "line" in problem.detail["reason"]


def test_anchors_and_aliases_refused(tmp_path: Path) -> None:
    text = VALID.replace("    title:\n", "    title: &t\n").replace(
        "    severity: error\n", "    severity: error\n    interpretation: *t\n"
    )
    path = write_rules(tmp_path / "rules", text)
    problem = yaml_problem(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_YAML_ERROR, str(path))
    assert "alias" in problem.detail["reason"]


def test_billion_laughs_refused_quickly(tmp_path: Path) -> None:
    lines = ['a0: &a0 ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    lines += [f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 9)}]" for i in range(1, 10)]
    lines.append("rules: *a9")
    write_rules(tmp_path / "rules", "\n".join(lines) + "\n")
    started = time.perf_counter()
    problem = yaml_problem(tmp_path / "rules")
    assert time.perf_counter() - started < 0.5
    assert problem.code in {ProblemCode.RULE_YAML_ERROR, ProblemCode.RULE_FILE_INVALID}


@pytest.mark.parametrize(
    "tag",
    [
        "!!python/object/apply:os.system",
        "!!python/object/apply:subprocess.call",
        "!!python/object/new:os.system",
    ],
)
def test_python_tags_refused_and_nothing_runs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, tag: str
) -> None:
    marker = tmp_path / "pwned"
    calls: list[object] = []

    def fake_system(*args: object) -> int:
        calls.append(args)
        return 0

    monkeypatch.setattr(os, "system", fake_system)
    arg = f"['touch {marker}']" if "subprocess" not in tag else f"[['touch', '{marker}']]"
    write_rules(tmp_path / "rules", f"rules: {tag} {arg}\n")
    problem = yaml_problem(tmp_path / "rules")
    assert problem.code in {ProblemCode.RULE_YAML_ERROR, ProblemCode.RULE_FILE_INVALID}
    assert not marker.exists()
    assert calls == []


def test_python_tag_really_would_run_without_safe_loading(tmp_path: Path) -> None:
    """Guard for the test above: the payload is live, so its absence means something."""
    import yaml

    marker = tmp_path / "pwned"
    yaml.unsafe_load(f"x: !!python/object/apply:os.system ['touch {marker}']")
    assert marker.exists()


def test_duplicate_keys_refused(tmp_path: Path) -> None:
    text = VALID.replace("    severity: error\n", "    severity: error\n    severity: warning\n")
    path = write_rules(tmp_path / "rules", text)
    problem = yaml_problem(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_YAML_ERROR, str(path))
    assert "severity" in problem.detail["reason"]


@pytest.mark.parametrize("depth", [40, 1000, 100_000])
def test_nesting_too_deep_refused(tmp_path: Path, depth: int) -> None:
    write_rules(tmp_path / "rules", "rules: " + "[" * depth + "]" * depth + "\n")
    problem = yaml_problem(tmp_path / "rules")
    assert problem.code in {ProblemCode.RULE_YAML_ERROR, ProblemCode.RULE_FILE_INVALID}
    assert "nest" in problem.detail["reason"] or "deep" in problem.detail["reason"]


def test_nesting_within_the_limit_is_fine(tmp_path: Path) -> None:
    inner = WHERE
    for _ in range(5):
        inner = "{not: " + inner + "}"
    write_rules(tmp_path / "rules", VALID.replace(WHERE, inner))
    assert len(load_rules(tmp_path / "rules")) == 1


def test_two_mib_file_refused(tmp_path: Path) -> None:
    padding = "# " + "填充" * 100 + "\n"
    text = VALID + padding * (2 * 1024 * 1024 // len(padding.encode()) + 1)
    path = write_rules(tmp_path / "rules", text)
    assert path.stat().st_size >= 2 * 1024 * 1024
    problem = yaml_problem(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_FILE_INVALID, str(path))


def test_rule_file_not_utf8_refused(tmp_path: Path) -> None:
    path = write_rules(tmp_path / "rules", VALID.encode("gbk"))
    problem = yaml_problem(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_FILE_INVALID, str(path))


@pytest.mark.parametrize("text", ["", "# only a comment\n", "rules: []\n", "- a\n- b\n", "42\n"])
def test_empty_or_wrong_shape_refused(tmp_path: Path, text: str) -> None:
    path = write_rules(tmp_path / "rules", text)
    problem = yaml_problem(tmp_path / "rules")
    assert (problem.code, problem.file) == (ProblemCode.RULE_FILE_INVALID, str(path))
