"""What a rule file may say: pydantic models for a small, closed vocabulary.

A condition is data (a column, an operator and a value), never code: the engine turns it
into column expressions, so no rule file can make the tool run anything.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Iterator
from enum import StrEnum
from fractions import Fraction
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Discriminator,
    Field,
    Tag,
    field_validator,
    model_validator,
)

RULE_ID = r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"
Scalar = bool | int | float | str | dt.date


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


class Scope(StrEnum):
    ROW = "row"
    TOWNSHIP = "township"
    COUNTY = "county"


class Bilingual(Strict):
    zh: str = Field(min_length=1)
    en: str = Field(min_length=1)

    def get(self, lang: str) -> str:
        return self.en if lang == "en" else self.zh


class Source(Strict):
    document: str = "太政办〔2023〕7号"
    section: str = Field(min_length=1)
    quote: str = Field(min_length=1)
    # False when the quote could not be checked against the document's text (the national
    # standard's text is not shipped): it is then shown as unverified, never as verbatim.
    verified: bool = True


OPERATORS = (
    "eq",
    "ne",
    "gt",
    "ge",
    "lt",
    "le",
    "between",
    "outside",
    "in",
    "not_in",
    "is",
    "is_not",
    "present",
)


class Predicate(Strict):
    """One test on one column; exactly one operator key is given."""

    column: str
    eq: Scalar | None = None
    ne: Scalar | None = None
    gt: Scalar | None = None
    ge: Scalar | None = None
    lt: Scalar | None = None
    le: Scalar | None = None
    between: tuple[Scalar, Scalar] | None = None  # both ends included
    outside: tuple[Scalar, Scalar] | None = None
    in_: tuple[Scalar, ...] | None = Field(default=None, alias="in")
    not_in: tuple[Scalar, ...] | None = None
    is_: bool | None = Field(default=None, alias="is")
    is_not: bool | None = None
    present: bool | None = None  # the cell is filled in (true) or blank (false); never unknown
    # What a blank cell reads as, for `is` / `is_not` on a yes/no column: `blank: false` makes
    # the column a claim (an exemption, say) that only a yes makes; a blank cell, or no such
    # column at all, is no claim. Without it a blank cell leaves the test unknown.
    blank: bool | None = None

    @model_validator(mode="after")
    def _one_operator(self) -> Predicate:
        given = self.operators()
        if len(given) != 1:
            raise ValueError(
                f"give exactly one operator of {', '.join(OPERATORS)}; got {len(given)}"
            )
        if self.blank is not None and given[0][0] not in ("is", "is_not"):
            raise ValueError("blank: goes with is / is_not only")
        return self

    def operators(self) -> list[tuple[str, Any]]:
        values = {
            "eq": self.eq,
            "ne": self.ne,
            "gt": self.gt,
            "ge": self.ge,
            "lt": self.lt,
            "le": self.le,
            "between": self.between,
            "outside": self.outside,
            "in": self.in_,
            "not_in": self.not_in,
            "is": self.is_,
            "is_not": self.is_not,
            "present": self.present,
        }
        return [(op, value) for op, value in values.items() if value is not None]

    @property
    def operator(self) -> tuple[str, Any]:
        return self.operators()[0]


class AnyOf(Strict):
    any_of: tuple[Condition, ...] = Field(min_length=1, max_length=50)


class AllOf(Strict):
    all_of: tuple[Condition, ...] = Field(min_length=1, max_length=50)


class Not(Strict):
    not_: Condition = Field(alias="not")


def _condition_kind(data: Any) -> str:
    """Which form a condition takes, by its keys, so a mistake is reported once, in its form."""
    if isinstance(data, dict):
        for key in ("any_of", "all_of", "not"):
            if key in data:
                return key
        return "predicate"
    names: dict[type, str] = {AnyOf: "any_of", AllOf: "all_of", Not: "not"}
    return names.get(type(data), "predicate")


Condition = Annotated[
    Annotated[Predicate, Tag("predicate")]
    | Annotated[AnyOf, Tag("any_of")]
    | Annotated[AllOf, Tag("all_of")]
    | Annotated[Not, Tag("not")],
    Discriminator(_condition_kind),
]


def _fraction(value: Any) -> Fraction:
    """Exact number from YAML: 45, 0.95, "95%", "7000" (floats via their decimal text)."""
    if isinstance(value, bool):
        raise ValueError('a number or a percentage such as "95%" is expected')
    if isinstance(value, int):
        return Fraction(value)
    text = str(value).strip()
    # Plain decimals only: "1e999999999" would take minutes to turn into a fraction.
    if not re.fullmatch(r"-?\d{1,18}(\.\d{1,12})?%?", text):
        raise ValueError(f'{value!r} is not a plain number or percentage such as 95 or "95%"')
    percent = text.endswith("%")
    try:
        number = Fraction(text.removesuffix("%").strip())
    except (ValueError, ZeroDivisionError):
        raise ValueError(f"{value!r} is not a number or a percentage") from None
    return number / 100 if percent else number


class Threshold(Strict):
    """When a check fails: exactly one comparison against a number (or a boolean)."""

    gt: Any = None
    ge: Any = None
    lt: Any = None
    le: Any = None
    eq: Any = None
    ne: Any = None
    between: tuple[Any, Any] | None = None
    outside: tuple[Any, Any] | None = None
    is_: bool | None = Field(default=None, alias="is")
    is_not: bool | None = None

    @model_validator(mode="after")
    def _one_comparison(self) -> Threshold:
        given = self.comparisons()
        if len(given) != 1:
            raise ValueError(
                "give exactly one of gt, ge, lt, le, eq, ne, between, outside, "
                f"is, is_not; got {len(given)}"
            )
        op, value = given[0]
        if op in ("is", "is_not"):
            return self
        for number in value if isinstance(value, tuple) else (value,):
            _fraction(number)
        return self

    def comparisons(self) -> list[tuple[str, Any]]:
        values = {
            "gt": self.gt,
            "ge": self.ge,
            "lt": self.lt,
            "le": self.le,
            "eq": self.eq,
            "ne": self.ne,
            "between": self.between,
            "outside": self.outside,
            "is": self.is_,
            "is_not": self.is_not,
        }
        return [(op, value) for op, value in values.items() if value is not None]

    @property
    def op(self) -> str:
        return self.comparisons()[0][0]

    @property
    def bounds(self) -> tuple[Fraction, ...]:
        """The numbers compared against, exactly (empty for is / is_not)."""
        op, value = self.comparisons()[0]
        if op in ("is", "is_not"):
            return ()
        return tuple(_fraction(v) for v in (value if isinstance(value, tuple) else (value,)))

    @property
    def percent(self) -> bool:
        """Written as a percentage: values and limits are then shown as percentages."""
        _, value = self.comparisons()[0]
        items = value if isinstance(value, tuple) else (value,)
        return any(isinstance(v, str) and v.strip().endswith("%") for v in items)

    @property
    def flag(self) -> bool:
        return bool(self.comparisons()[0][1])


class Ratio(Strict):
    numerator: str
    denominator: str
    per: int = Field(default=1, ge=1, le=1_000_000)  # 100: per 100 students


class Share(Strict):
    """Sum of `of` over rows that also meet `part`, divided by its sum over the population;
    without `of`, the share of rows."""

    of: str | None = None
    part: tuple[Condition, ...] = Field(min_length=1, max_length=50)


class Count(Strict):
    """How many rows of the population meet `part` (all of them when `part` is empty)."""

    part: tuple[Condition, ...] = Field(default=(), max_length=50)


MEASURES = ("column", "total", "sum", "ratio", "share", "count", "cv")


class Measure(Strict):
    """What is compared: a column or a ratio (row scope); a sum, ratio, share or count of rows
    (county and township scopes)."""

    column: str | None = None
    total: tuple[str, ...] | None = Field(default=None, min_length=2, max_length=10)  # row sum
    sum: str | None = None
    ratio: Ratio | None = None
    share: Share | None = None
    count: Count | None = None
    # Coefficient of variation of numerator/denominator across the group's rows, each row
    # weighted by its denominator (教督〔2017〕6号): sqrt(Σ (Pᵢ/P)(Xᵢ − X̄)²) / X̄.
    cv: Ratio | None = None

    @model_validator(mode="after")
    def _one_kind(self) -> Measure:
        kinds = [k for k in MEASURES if getattr(self, k) is not None]
        if len(kinds) != 1:
            raise ValueError(f"give exactly one of {', '.join(MEASURES)}; got {len(kinds)}")
        return self

    @property
    def kind(self) -> str:
        return next(k for k in MEASURES if getattr(self, k) is not None)


Placeholder = re.compile(r"\{([a-z_]+)\}")
MESSAGE_FIELDS = frozenset(
    {
        "value",
        "limit",
        "school_name",
        "school_id",
        "class_name",
        "grade",
        "township",
        "county",
        "numerator",
        "denominator",
        "year",
        "detail",
    }
)


class Message(Bilingual):
    @field_validator("zh", "en")
    @classmethod
    def _known_placeholders(cls, text: str) -> str:
        unknown = sorted(set(Placeholder.findall(text)) - MESSAGE_FIELDS)
        if unknown:
            raise ValueError(f"unknown placeholder(s) {unknown}; allowed: {sorted(MESSAGE_FIELDS)}")
        return text


class CheckKind(StrEnum):
    """Every kind of check; each layer keeps one table keyed by it (the engine's evaluators,
    the describers, the default messages), so a new kind is one module and one entry each."""

    ROW = "row"  # one evaluation per row, on a measure
    GROUP = "group"  # one evaluation per county or township: sums, ratios, shares, counts
    CV = "cv"  # the coefficient of variation across the schools of a county or township
    CONDITION = "condition"  # one evaluation per row, by conditions
    STANDARD = "standard"  # a row meets a standard made of other rules
    INDICATOR = "indicator"  # county figures per year


class Check(Strict):
    """A test on school or class rows, one row at a time or summed per county or township."""

    table: Literal["schools", "classes", "stages"]
    scope: Scope = Scope.ROW
    where: tuple[Condition, ...] = Field(default=(), max_length=50)
    measure: Measure
    fail_if: Threshold
    message: Message | None = None

    @property
    def kind(self) -> CheckKind:
        if self.scope is Scope.ROW:
            return CheckKind.ROW
        return CheckKind.CV if self.measure.cv is not None else CheckKind.GROUP

    @model_validator(mode="after")
    def _measure_fits_scope(self) -> Check:
        kind = self.measure.kind
        if self.scope is Scope.ROW and kind not in ("column", "total", "ratio"):
            raise ValueError(f"a row check measures a column, a total or a ratio, not {kind!r}")
        if self.scope is not Scope.ROW and kind in ("column", "total"):
            raise ValueError("a county or township check measures a sum, ratio, share or count")
        if self.scope is Scope.ROW and kind == "cv":
            raise ValueError("a coefficient of variation is measured per county or township")
        return self


class ConditionCheck(Strict):
    """A row test by conditions: a row of the population fails when all of `fail_when` hold
    (for enums, e.g. where a boarding school is located)."""

    table: Literal["schools", "classes", "stages"]
    where: tuple[Condition, ...] = Field(default=(), max_length=50)
    fail_when: tuple[Condition, ...] = Field(min_length=1, max_length=50)

    @property
    def kind(self) -> CheckKind:
        return CheckKind.CONDITION

    message: Message | None = None


class Standard(Strict):
    """At least `at_least` of the named rules are met, and every one not met reaches
    `others_reach` of its threshold (the national school standard: 6 of 7, the 7th at 85%)."""

    rules: tuple[str, ...] = Field(min_length=1, max_length=50)
    at_least: int = Field(ge=0)
    others_reach: Any = "100%"

    @field_validator("others_reach")
    @classmethod
    def _a_share(cls, value: Any) -> Any:
        share = _fraction(value)
        if not 0 <= share <= 1:
            raise ValueError("others_reach is a share from 0% to 100%")
        return value

    @property
    def reach(self) -> Fraction:
        return _fraction(self.others_reach)


class StandardCheck(Strict):
    """Rows meet a standard made of other rules' row checks on the same table."""

    table: Literal["stages"]
    where: tuple[Condition, ...] = Field(default=(), max_length=50)
    standard: Standard
    message: Message | None = None

    @property
    def kind(self) -> CheckKind:
        return CheckKind.STANDARD


class YearTarget(Strict):
    """A milestone: the figure for `year`, due at its end unless `due` says otherwise."""

    year: int = Field(ge=2000, le=2100)
    due: dt.date | None = None
    fail_if: Threshold

    @property
    def due_date(self) -> dt.date:
        return self.due or dt.date(self.year, 12, 31)


class Years(Strict):
    """Every year from `from` to `to` (inclusive; open-ended: up to the audit year)."""

    first: int = Field(alias="from", ge=2000, le=2100)
    last: int | None = Field(default=None, alias="to", ge=2000, le=2100)


class IndicatorCheck(Strict):
    """A test on county figures of the indicators table, per county and year.

    One of: `targets` (a threshold per year: milestones), `years` with `fail_if` (the same
    threshold every year), or `years` with `trend: non_decreasing` (may only grow).
    A figure due by the audit date but absent is unknown: missing data is never a pass.
    """

    table: Literal["indicators"]
    indicator: str | None = None
    ratio: Ratio | None = None  # two indicator codes, same county and year
    targets: tuple[YearTarget, ...] = Field(default=(), max_length=50)
    years: Years | None = None
    fail_if: Threshold | None = None
    trend: Literal["non_decreasing"] | None = None
    message: Message | None = None

    @property
    def kind(self) -> CheckKind:
        return CheckKind.INDICATOR

    @model_validator(mode="after")
    def _one_form(self) -> IndicatorCheck:
        if (self.indicator is None) == (self.ratio is None):
            raise ValueError("give exactly one of indicator, ratio")
        forms = [
            bool(self.targets),
            self.years is not None and self.fail_if is not None,
            self.years is not None and self.trend is not None,
        ]
        if sum(forms) != 1 or (self.targets and self.years is not None):
            raise ValueError("give targets, or years with fail_if, or years with trend")
        return self

    @property
    def codes(self) -> tuple[str, ...]:
        if self.ratio is not None:
            return (self.ratio.numerator, self.ratio.denominator)
        assert self.indicator is not None
        return (self.indicator,)


def _check_kind(data: Any) -> str:
    if isinstance(data, dict):
        if data.get("table") == "indicators":
            return "indicators"
        if "standard" in data:
            return "standard"
        return "conditions" if "fail_when" in data else "measure"
    kinds: dict[type, str] = {
        IndicatorCheck: "indicators",
        StandardCheck: "standard",
        ConditionCheck: "conditions",
    }
    return kinds.get(type(data), "measure")


AnyCheck = Annotated[
    Annotated[Check, Tag("measure")]
    | Annotated[ConditionCheck, Tag("conditions")]
    | Annotated[IndicatorCheck, Tag("indicators")]
    | Annotated[StandardCheck, Tag("standard")],
    Discriminator(_check_kind),
]


class RemedyKind(StrEnum):
    """What a failing finding needs (整改测算), computed column-wise by engine/remedy.py."""

    CLASSES = "classes"  # classes to add per school and grade to bring each within the cap
    RELOCATE = "relocate"  # the row's measure: students to place elsewhere
    REACH = "reach"  # units the numerator must change by, denominator fixed, to meet the limit
    FLOOR = "floor"  # a CV over its limit: the lowest schools raised to a common floor
    LIFT = "lift"  # a standard missed: the cheapest set of its indicators to lift


RemedyUnit = Literal[
    "classes",
    "students",
    "schools",
    "teachers",
    "square_metres",
    "yuan",
    "classrooms",
    "indicators",
]


class Remedy(Strict):
    """The remediation quantity of a rule's findings: a kind and its unit, never code."""

    kind: RemedyKind
    unit: RemedyUnit | None = None  # classes: classes; relocate: students; reach: required
    # floor: the unit of each resource, by its column, when the rule's coefficients measure
    # resources of different units (teachers, m², yuan …); else `unit` serves them all.
    units: dict[str, RemedyUnit] | None = None

    @model_validator(mode="after")
    def _unit(self) -> Remedy:
        if self.kind in (RemedyKind.REACH, RemedyKind.FLOOR) and not (self.unit or self.units):
            raise ValueError(
                f"a {self.kind.value} remedy names its unit (students, schools, teachers …)"
            )
        if self.units is not None and self.kind is not RemedyKind.FLOOR:
            raise ValueError("units: (per resource column) goes with a floor remedy only")
        if self.kind is RemedyKind.LIFT and self.unit not in (None, "indicators"):
            raise ValueError("a lift remedy counts indicators; its units are its members'")
        return self

    @property
    def unit_code(self) -> str:
        defaults = {
            RemedyKind.CLASSES: "classes",
            RemedyKind.RELOCATE: "students",
            RemedyKind.LIFT: "indicators",
        }
        return self.unit or defaults.get(self.kind, "")

    def unit_for(self, check: AnyCheck) -> str:
        """The unit of the quantity computed for `check` (a floor's resource may say its own)."""
        if (
            self.units is not None
            and isinstance(check, Check)
            and check.measure.cv is not None
            and check.measure.cv.numerator in self.units
        ):
            return self.units[check.measure.cv.numerator]
        return self.unit_code

    def fits(self, check: AnyCheck) -> bool:
        """Whether this kind can be computed for the findings of `check`."""
        if self.kind is RemedyKind.LIFT:
            return isinstance(check, StandardCheck)
        if not isinstance(check, Check):
            return False
        op, measure = check.fail_if.op, check.measure
        if self.kind is RemedyKind.FLOOR:
            return measure.cv is not None and op in ("gt", "ge") and bool(self.unit_for(check))
        if check.kind is CheckKind.CV:
            return False
        if self.kind is RemedyKind.CLASSES:
            return (
                check.table == "classes"
                and check.scope is Scope.ROW
                and measure.column is not None
                and op in ("gt", "ge")
            )
        if self.kind is RemedyKind.RELOCATE:
            return check.scope is Scope.ROW and measure.column is not None
        return (measure.ratio is not None or measure.share is not None) and op in (
            "gt",
            "ge",
            "lt",
            "le",
        )


def class_cap(check: Check) -> int:
    """The largest class size a class check's threshold allows (gt 45: 45; ge 56: 55)."""
    bound = check.fail_if.bounds[0]
    return math.floor(bound) if check.fail_if.op == "gt" else math.ceil(bound) - 1


class Rule(Strict):
    id: str = Field(pattern=RULE_ID, max_length=64)
    title: Bilingual
    source: Source
    severity: Severity
    due: dt.date | None = None
    tags: tuple[str, ...] = ()
    interpretation: Bilingual | None = None
    checks: tuple[AnyCheck, ...] = Field(min_length=1, max_length=20)
    # Used instead of `checks` when none of their tables was given (e.g. no classes table).
    fallback: tuple[AnyCheck, ...] = Field(default=(), max_length=20)
    remedy: Remedy | None = None  # what a failing finding needs; checks it cannot fit get none

    @model_validator(mode="after")
    def _remedy_fits(self) -> Rule:
        if self.remedy and not any(self.remedy.fits(c) for c in (*self.checks, *self.fallback)):
            raise ValueError(f"remedy {self.remedy.kind.value!r} fits none of the rule's checks")
        return self


class RuleFile(Strict):
    rules: tuple[Rule, ...] = Field(min_length=1, max_length=500)


Loc = tuple[int | str, ...]


def walk_predicates(condition: Condition, loc: Loc = ()) -> Iterator[tuple[Predicate, Loc]]:
    """Every predicate inside a condition, with its path in the rule file."""
    if isinstance(condition, Predicate):
        yield condition, loc
    elif isinstance(condition, AnyOf):
        for k, inner in enumerate(condition.any_of):
            yield from walk_predicates(inner, (*loc, "any_of", k))
    elif isinstance(condition, AllOf):
        for k, inner in enumerate(condition.all_of):
            yield from walk_predicates(inner, (*loc, "all_of", k))
    elif isinstance(condition, Not):
        yield from walk_predicates(condition.not_, (*loc, "not"))


AnyOf.model_rebuild()
AllOf.model_rebuild()
Not.model_rebuild()
