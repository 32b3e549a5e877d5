"""--select and --ignore: ids, id prefixes, sections and tags; standards bring their members;
a selector that matches nothing stops the audit with the closest names."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import SAMPLE_CLASSES, SAMPLE_SCHOOLS, CliRun, school_row, write_table

from taikang_check.api import audit
from taikang_check.problems import ProblemCode, ProblemsFound
from taikang_check.rulebook.loader import LoadedRule, load_rules
from taikang_check.rulebook.selection import matches, parse_selectors, select_rules

AS_OF = "2026-11-29"
ALL = load_rules()
IDS = [r.rule.id for r in ALL]
STANDARD_MEMBERS = {
    "national-qualified-teachers",
    "national-backbone-teachers",
    "national-pe-art-teachers",
    "national-teaching-area",
    "national-sports-area",
    "national-equipment-value",
    "national-multimedia-classrooms",
}


def ids(rules: list[LoadedRule]) -> list[str]:
    return [r.rule.id for r in rules]


def only(predicate: Any) -> list[str]:
    return [r.rule.id for r in ALL if predicate(r)]


@pytest.fixture
def schools(tmp_path: Path) -> Path:
    return write_table(tmp_path, "schools.csv", ["学校代码", "学校名称", "乡镇", "学校类型",
                       "办学性质", "城乡类别", "在校生数"], [school_row("S1", 300)])  # fmt: skip


def report_ids(stdout: str) -> list[str]:
    return [rule["id"] for rule in json.loads(stdout)["rules"]]


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        (["large-class"], ("large-class",)),
        (["large-class,school-size", "cv-*"], ("large-class", "school-size", "cv-*")),
        ([" a ，b、c ,, ", "a"], ("a", "b", "c")),
        ([""], ()),
    ],
)
def test_parse_selectors(values: list[str], expected: tuple[str, ...]) -> None:
    assert parse_selectors(values) == expected


def test_each_kind_of_selector() -> None:
    assert ids(select_rules(ALL, ["large-class"])) == ["large-class"]
    assert ids(select_rules(ALL, ["national-cv-*"])) == only(
        lambda r: r.rule.id.startswith("national-cv-")
    )
    by_section = only(lambda r: r.rule.source.section.startswith("三(一)"))
    assert len(by_section) > 3
    assert ids(select_rules(ALL, ["三(一)"])) == by_section
    assert ids(select_rules(ALL, ["三（一）"])) == by_section  # full-width brackets
    assert ids(select_rules(ALL, ["class-size"])) == only(lambda r: "class-size" in r.rule.tags)


def test_no_selection_keeps_everything_and_ignore_leaves_out() -> None:
    assert select_rules(ALL) is ALL
    kept = ids(select_rules(ALL, ignore=["national"]))
    assert kept == only(lambda r: "national" not in r.rule.tags)
    assert "national-school-standard" not in kept
    both = ids(select_rules(ALL, ["class-size", "large-class"], ["national-class-size"]))
    assert both == only(
        lambda r: "class-size" in r.rule.tags and r.rule.id != "national-class-size"
    )


def test_a_standard_brings_its_members_even_when_ignored() -> None:
    chosen = ids(select_rules(ALL, ["national-school-standard"], ["national-teaching-area"]))
    assert set(chosen) == {"national-school-standard", *STANDARD_MEMBERS}
    assert chosen == [i for i in IDS if i in chosen]  # loaded order


@pytest.mark.parametrize(
    ("selector", "closest"),
    [
        ("natinal-cv-*", "national-cv-*"),
        ("larg-class", "large-class"),
        ("class_size", "class-size"),
    ],
)
def test_unknown_selector_names_the_closest(selector: str, closest: str) -> None:
    with pytest.raises(ProblemsFound) as raised:
        select_rules(ALL, ["large-class", selector])
    (problem,) = raised.value.problems
    assert problem.code is ProblemCode.BAD_ARGUMENT
    assert problem.value == selector
    assert problem.detail["what"] == "--select"
    assert closest in problem.detail["closest"].split(", ")


def test_a_rule_of_a_pack_not_loaded_is_known_but_not_selected() -> None:
    taikang = load_rules(packs=("taikang",))
    kept = ids(select_rules(taikang, ["large-class", "national-cv-*"], ["national-class-size"]))
    assert kept == ["large-class"]
    with pytest.raises(ProblemsFound):  # with a --rules folder only its rules count
        select_rules(taikang, ignore=["national-cv-*"], builtin=False)


def test_a_selector_of_another_pack_reads_only_the_packs_not_loaded(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import taikang_check.rulebook.loader as loader

    taikang = load_rules(packs=("taikang",))
    read: list[tuple[str, ...]] = []

    def recording(directory: None = None, packs: tuple[str, ...] = loader.PACKS) -> Any:
        read.append(packs)
        return load_rules(directory, packs)

    monkeypatch.setattr(loader, "load_rules", recording)
    assert ids(select_rules(taikang, ["large-class", "national-cv-*"])) == ["large-class"]
    assert read == [("national",)]  # the county pack, loaded already, is not read again
    read.clear()
    assert ids(select_rules(ALL, ["large-class"])) == ["large-class"]
    assert read == []  # every selector known: no pack is read


def test_a_selection_of_nothing_is_an_error() -> None:
    with pytest.raises(ProblemsFound) as raised:
        select_rules(ALL, ["large-class"], ["large-class"])
    assert raised.value.problems[0].detail["hint"] == "empty-selection"


def test_a_name_that_is_an_id_and_a_tag_selects_both() -> None:
    """school-size is a rule and a tag (of national-school-size too); `school-size*` is the
    rule alone."""
    assert ids(select_rules(ALL, ["school-size"])) == ["school-size", "national-school-size"]
    assert ids(select_rules(ALL, ["school-size*"])) == ["school-size"]


def test_matches_is_not_fooled_by_prefixes_of_ids() -> None:
    large = next(r for r in ALL if r.rule.id == "large-class")
    assert not matches("large", large)
    assert matches("large*", large)
    assert matches("*", large)


# --- through the API and the command line ---------------------------------------------------


def test_api_takes_a_single_selector_string(schools: Path) -> None:
    # private-share, not large-class: with no classes table that rule alone is skipped,
    # and an audit in which no rule is evaluated is nothing to audit (exit 2).
    report = audit([schools], as_of=dt.date(2026, 11, 29), select="private-share")
    assert [r.rule.id for r in report.rules] == ["private-share"]


def test_cli_select_repeatable_and_comma_separated(cli: CliRun, schools: Path) -> None:
    args = ["audit", schools, "--as-of", AS_OF, "--format", "json"]
    result = cli(*args, "--select", "large-class,private-share", "--select", "national-cv-*")
    assert result.exit_code == 0, result.stderr
    expected = sorted(["large-class", "private-share", *only(lambda r: "-cv-" in r.rule.id)])
    assert report_ids(result.stdout) == expected
    ignored = cli(*args, "--ignore", "national", "--ignore", "三(一),二(四)")
    kept = only(
        lambda r: (
            "national" not in r.rule.tags
            and not r.rule.source.section.startswith(("三(一)", "二(四)"))
        )
    )
    assert report_ids(ignored.stdout) == sorted(kept)


def test_cli_selecting_the_standard_brings_its_members(cli: CliRun) -> None:
    args = ["audit", SAMPLE_SCHOOLS, SAMPLE_CLASSES, "--as-of", AS_OF]
    result = cli(*args, "--select", "national-school-standard", "--format", "json")
    assert set(report_ids(result.stdout)) == {"national-school-standard", *STANDARD_MEMBERS}
    report = audit([SAMPLE_SCHOOLS], as_of=dt.date(2026, 11, 29), select=["national-school-st*"])
    assert report.national is not None  # the standard's matrix needs its members' results
    assert report.national.matrix.height > 0


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_cli_unknown_selector_exits_2(cli: CliRun, schools: Path, lang: str) -> None:
    result = cli("audit", schools, "--select", "natinal-cv-*", "--ignore", "zzzz", "--lang", lang)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    assert "--select natinal-cv-*" in result.stderr
    assert "--ignore zzzz" in result.stderr
    assert "national-cv-*" in result.stderr
    assert ("最接近" if lang == "zh" else "closest") in result.stderr


def test_cli_empty_selection_exits_2(cli: CliRun, schools: Path) -> None:
    result = cli("audit", schools, "--select", "large-class", "--ignore", "class-size")
    assert result.exit_code == 2
    assert "没有剩下任何规则" in result.stderr
