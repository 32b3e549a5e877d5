"""Rule files: safe YAML in, validated rules out, or a message naming file, line and key."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from taikang_check.problems import Problem, ProblemCode, ProblemsFound, cap_total
from taikang_check.rulebook.contract_check import semantic_problems
from taikang_check.rulebook.model import Check, Rule, RuleFile, Scope, StandardCheck

MAX_RULE_FILE_BYTES = 1024 * 1024
MAX_DEPTH = 32
PACKS = ("taikang", "national")


# libyaml's parser when present (fast, and it caps nesting depth itself); safe either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@dataclass(frozen=True)
class LoadedRule:
    rule: Rule
    file: str
    pack: str
    index: int = 0  # position in its file's `rules` list
    line: int | None = None  # line of its `id` in the file


def builtin_rules_dir() -> Path:
    """The rule packs shipped in the wheel, or the checkout's top-level rules/ folder."""
    installed = Path(__file__).parent.parent / "rules"
    if installed.is_dir():
        return installed
    return Path(__file__).resolve().parent.parent.parent / "rules"


def load_rules(
    directory: str | os.PathLike[str] | None = None, packs: tuple[str, ...] = PACKS
) -> list[LoadedRule]:
    """Every rule of the given packs (built in), or of every YAML file under `directory`."""
    if directory is None:
        root = builtin_rules_dir()
        files = [(p, pack) for pack in packs for p in _yaml_files(root / pack)]
    else:
        root = Path(directory)
        if root.is_file() and _is_yaml(root):  # one rule file
            files = [(root, root.parent.name)]
        elif root.is_dir():
            files = [(p, root.name) for p in _yaml_files(root)]
        else:
            raise ProblemsFound([Problem(ProblemCode.RULES_NOT_FOUND, file=str(directory))])
    if not files:
        raise ProblemsFound([Problem(ProblemCode.RULES_NOT_FOUND, file=str(root))])
    loaded: list[LoadedRule] = []
    problems: list[Problem] = []
    for path, pack in files:
        try:
            rule_file, lines = load_rule_file(path)
            loaded += [
                LoadedRule(rule, str(path), pack, index, lines[index])
                for index, rule in enumerate(rule_file.rules)
            ]
        except ProblemsFound as found:
            problems += found.problems
    problems += _duplicate_ids(loaded)
    problems += _standard_problems(loaded)
    if problems:
        raise cap_total(problems)
    return loaded


def _is_yaml(path: Path) -> bool:
    return path.suffix.lower() in (".yaml", ".yml")  # main.YAML too


def _yaml_files(root: Path) -> list[Path]:
    return sorted(p for p in root.rglob("*") if _is_yaml(p) and p.is_file())


def load_rule_file(path: Path) -> tuple[RuleFile, list[int | None]]:
    """The validated file, and the line of each rule's id."""
    name = str(path)
    try:
        if path.stat().st_size > MAX_RULE_FILE_BYTES:
            raise ProblemsFound([_invalid(name, None, "", "file is larger than 1 MiB")])
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as error:
        raise ProblemsFound([_invalid(name, None, "", f"cannot read: {error}")]) from None
    node, data = parse_yaml(text, name)
    try:
        rule_file = RuleFile.model_validate(data)
    except ValidationError as error:
        errors = error.errors(include_url=False)
        # A list whose items are invalid is also "too short"; that says nothing new.
        errors = [
            e
            for e in errors
            if e["type"] != "too_short"
            or not any(x["loc"][: len(e["loc"])] == e["loc"] != x["loc"] for x in errors)
        ]
        raise ProblemsFound(
            [
                _invalid(
                    name,
                    _line_of(node, _key_path(e["loc"])),
                    _dotted(_key_path(e["loc"])),
                    e["msg"].removeprefix("Value error, "),
                )
                for e in errors[:20]
            ]
        ) from None
    problems = [
        _invalid(name, _line_of(node, loc), _dotted(loc), message)
        for loc, message in semantic_problems(rule_file)
    ]
    if problems:
        raise ProblemsFound(problems)
    lines = [_line_of(node, ("rules", i, "id")) for i in range(len(rule_file.rules))]
    return rule_file, lines


def parse_yaml(text: str, name: str) -> tuple[yaml.Node | None, Any]:
    loader = _SafeLoader(text)
    try:
        node = loader.get_single_node()
        if node is not None:
            _check_shape(node)
        data = loader.construct_document(node) if node is not None else None
    # The safe constructor can also raise plain errors (a timestamp such as 2023-13-01).
    except (
        yaml.YAMLError,
        RecursionError,
        ValueError,
        TypeError,
        OverflowError,
        AttributeError,
    ) as error:
        reason = "nested too deeply" if isinstance(error, RecursionError) else str(error)
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        raise ProblemsFound(
            [
                Problem(
                    ProblemCode.RULE_YAML_ERROR,
                    file=name,
                    row=line,
                    detail={"reason": reason[:500]},
                )
            ]
        ) from None
    finally:
        loader.dispose()
    return node, data


def _check_shape(root: yaml.Node) -> None:
    """Refuse aliases (no rule file may expand into a bomb), nesting deeper than MAX_DEPTH,
    and duplicate keys, which YAML would silently merge."""
    stack: list[tuple[yaml.Node, int]] = [(root, 1)]
    seen: set[int] = set()
    while stack:
        node, depth = stack.pop()
        if id(node) in seen:  # the composer hands out the anchored node again for an alias
            raise yaml.YAMLError(
                f"anchors and aliases (&name, *name) are not allowed in rule files; "
                f"line {node.start_mark.line + 1}"
            )
        seen.add(id(node))
        if depth > MAX_DEPTH:
            raise yaml.YAMLError(
                f"nested deeper than {MAX_DEPTH} levels at line {node.start_mark.line + 1}"
            )
        if isinstance(node, yaml.MappingNode):
            keys: set[str] = set()
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    if key.value in keys:
                        raise yaml.YAMLError(
                            f"duplicate key {key.value!r} at line {key.start_mark.line + 1}"
                        )
                    keys.add(key.value)
                stack += [(key, depth + 1), (value, depth + 1)]
        elif isinstance(node, yaml.SequenceNode):
            stack += [(item, depth + 1) for item in node.value]


def _line_of(node: yaml.Node | None, loc: tuple[int | str, ...]) -> int | None:
    """The 1-based line of the deepest YAML node on the path `loc` that exists."""
    line = node.start_mark.line + 1 if node is not None else None
    for step in loc:
        if isinstance(node, yaml.MappingNode):
            node = next((v for k, v in node.value if k.value == step), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(step, int):
            node = node.value[step] if step < len(node.value) else None
        else:
            node = None
        if node is None:
            break
        line = node.start_mark.line + 1
    return line


# pydantic puts the tag of a discriminated union into the error location, right after the
# position of the union's value (a list index, or the `not` key); tags are not keys.
_UNION_TAGS = frozenset(
    {"predicate", "any_of", "all_of", "not", "measure", "conditions", "indicators", "standard"}
)


def _key_path(loc: tuple[int | str, ...]) -> tuple[int | str, ...]:
    """pydantic's error location as the path of keys in the rule file."""
    path: list[int | str] = []
    skipped = False
    for i, step in enumerate(loc):
        previous = loc[i - 1] if i else None
        after_union = isinstance(previous, int) or (previous == "not" and not skipped)
        skipped = isinstance(step, str) and step in _UNION_TAGS and after_union
        if not skipped:
            path.append(step)
    return tuple(path)


def _dotted(loc: tuple[int | str, ...]) -> str:
    path = ""
    for step in loc:
        if isinstance(step, int):
            path += f"[{step}]"
        else:
            path += f".{step}" if path else step
    return path


def _invalid(file: str, line: int | None, key: str, message: str) -> Problem:
    return Problem(
        ProblemCode.RULE_FILE_INVALID,
        file=file,
        row=line,
        column=key or None,
        detail={"reason": message},
    )


def _duplicate_ids(loaded: list[LoadedRule]) -> list[Problem]:
    first: dict[str, str] = {}
    problems: list[Problem] = []
    for item in loaded:
        if item.rule.id in first:
            problems.append(
                _invalid(
                    item.file,
                    item.line,
                    f"rules[{item.index}].id",
                    f"rule id {item.rule.id!r} is already defined in {first[item.rule.id]}",
                )
            )
        first.setdefault(item.rule.id, item.file)
    return problems


def _standard_problems(loaded: list[LoadedRule]) -> list[Problem]:
    """A standard names rules that exist and are row checks of a ratio against one bound."""
    by_id = {item.rule.id: item.rule for item in loaded}
    problems: list[Problem] = []
    for item in loaded:
        for j, check in enumerate(item.rule.checks):
            if not isinstance(check, StandardCheck):
                continue
            for k, rule_id in enumerate(check.standard.rules):
                reason = _standard_member_problem(by_id.get(rule_id), check.table)
                if reason:
                    key = f"rules[{item.index}].checks[{j}].standard.rules[{k}]"
                    problems.append(_invalid(item.file, item.line, key, f"{rule_id!r}: {reason}"))
    return problems


def _standard_member_problem(rule: Rule | None, table: str) -> str:
    if rule is None:
        return "no such rule"
    for check in rule.checks:
        if not isinstance(check, Check) or check.table != table or check.scope is not Scope.ROW:
            return f"its checks must be row checks on the {table} table"
        if check.measure.ratio is None or check.fail_if.op not in ("lt", "le"):
            return "its checks must compare a ratio with fail_if lt or le"
    return ""
