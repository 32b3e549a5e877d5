"""Remediation quantities (整改测算) as the reports show them: the `remedy` object of a JSON
finding, the totals of the summary, and the rows every text report lists."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import polars as pl

from taikang_check.render.rule_label import RuleLine, markdown_name
from taikang_check.report.model import Report
from taikang_check.text.labels import pick
from taikang_check.text.numbers import number
from taikang_check.text.remedy import LABELS, UNITS, unit_expr

QUANTITY = "remedy_quantity"
BAND_TABLE = "class_bands"


def estimated_rules(report: Report) -> set[str]:
    """Rules whose quantities come, in part, from the band table's upper bounds."""
    return {
        r.rule.id
        for r in report.rules
        if QUANTITY in r.findings.columns
        and r.findings.filter(
            (pl.col("table") == BAND_TABLE) & pl.col(QUANTITY).is_not_null()
        ).height
    }


PLANS = 10  # CV plans listed in the Markdown summary
PLANNED = ("floor", "lift")  # kinds whose quantity comes with a plan, named in text reports


def remedy_json(findings: pl.DataFrame, lang: str) -> pl.Expr:
    """`,"remedy":{…}` for findings that carry a quantity, else nothing; column-wise."""
    if QUANTITY not in findings.columns:
        return pl.lit("")
    quantity = pl.col(QUANTITY).cast(pl.String)
    unit = pl.struct(unit_expr("remedy_unit", lang).alias("u")).struct.json_encode()
    due = pl.col("remedy_due").dt.strftime('"%Y-%m-%d"').fill_null("null")
    classes = pl.concat_str(
        pl.lit(',"classrooms":'), quantity, pl.lit(',"head_teachers":'), quantity
    )
    if "table" in findings.columns:  # from the band table: each band at its upper bound
        classes = classes + pl.when(pl.col("table") == BAND_TABLE).then(
            pl.lit(',"estimate":"band_upper_bounds"')
        ).otherwise(pl.lit(""))
    text = pl.concat_str(
        pl.lit(',"remedy":{"kind":"'),
        pl.col("remedy_kind"),
        pl.lit('","quantity":'),
        quantity,
        pl.lit(',"unit":'),
        unit.str.strip_prefix('{"u":').str.strip_suffix("}"),
        pl.lit(',"due":'),
        due,
        pl.when(pl.col("remedy_kind") == "classes").then(classes).otherwise(pl.lit("")),
        _plan_json(findings, lang),
        pl.lit("}"),
    )
    return pl.when(pl.col(QUANTITY).is_not_null()).then(text).otherwise(pl.lit(""))


def _encoded(expr: pl.Expr, name: str) -> pl.Expr:
    text = pl.struct(expr.alias(name)).struct.json_encode()
    return text.str.strip_prefix(f'{{"{name}":').str.strip_suffix("}")


def _plan_json(findings: pl.DataFrame, lang: str) -> pl.Expr:
    """`,"floor":…,"cv_after":…,"plan":[…]` of a CV plan; `,"plan":[…]` of a standard's
    cheapest lifts; nothing for the other kinds. Column-wise."""
    if "remedy_plan" not in findings.columns:
        return pl.lit("")
    units = {code: pick(UNITS[code], lang) for code in UNITS}
    unit = pl.element().struct.field("unit").replace_strict(units, default=None)
    level = pl.element().struct.field("level").round(4)
    schools = pl.col("remedy_plan").list.eval(
        pl.struct(
            pl.element().struct.field("school_id"),
            pl.element().struct.field("school_name"),
            pl.element().struct.field("township"),
            pl.element().struct.field("quantity"),
            unit.alias("unit"),
            level.alias("level"),
        )
    )
    lifts = pl.col("remedy_plan").list.eval(
        pl.struct(
            pl.element().struct.field("indicator"),
            pl.element().struct.field("quantity"),
            unit.alias("unit"),
            level.alias("level"),
        )
    )
    floor = pl.concat_str(
        pl.lit(',"floor":'),
        _encoded(pl.col("remedy_level").round(4), "f")
        if "remedy_level" in findings
        else pl.lit("null"),
        pl.lit(',"cv_after":'),
        _encoded(pl.col("remedy_after").round(6), "a")
        if "remedy_after" in findings
        else pl.lit("null"),
        pl.lit(',"plan":'),
        _encoded(schools, "p"),
    )
    lift = pl.concat_str(pl.lit(',"plan":'), _encoded(lifts, "p"))
    kind = pl.col("remedy_kind")
    return (
        pl.when(kind == "floor").then(floor).when(kind == "lift").then(lift).otherwise(pl.lit(""))
    )


def totals(report: Report) -> list[dict[str, object]]:
    """The summary's totals: one per rule, due date and place (township null: the county)."""
    if report.remedies is None:
        return []
    remedies = report.remedies
    names = remedies.columns
    dues = _due_texts(remedies)
    rows = [dict(zip(names, values, strict=True)) for values in remedies.iter_rows()]
    for row in rows:
        row["due"] = dues[row["due"]]
    return rows


def _due_texts(remedies: pl.DataFrame) -> dict[object, str | None]:
    """Each due date of the totals as ISO text (null: none), formatted once per date."""
    return {
        due: due.isoformat() if isinstance(due, dt.date) else None
        for due in remedies.get_column("due").unique().to_list()
    }


def remedy_summary(report: Report, lang: str) -> dict[str, object]:
    if report.remedies is None:
        return {}
    return {
        "remedy": [
            {**row, "unit": pick(UNITS[str(row["unit"])], lang), "unit_code": row["unit"]}
            for row in totals(report)
        ]
    }


def by_due(report: Report, township: bool = False) -> list[dict[str, object]]:
    """Rows for text reports: the county totals (and township totals when asked), by due."""
    rows = totals(report)
    return [r for r in rows if township or r["township"] is None]


def amount(row: dict[str, object], lang: str) -> str:
    """`64个班（教室、班主任各64）`, `1377 students`: a total's quantity in its unit."""
    return _amount(int(str(row["quantity"])), str(row["unit"]), row["kind"], lang)


def _amount(quantity: int, unit: str, kind: object, lang: str) -> str:
    text = (
        f"{quantity} {pick(UNITS[unit], lang)}"
        if lang == "en"
        else f"{quantity}{pick(UNITS[unit], lang)}"
    )
    if kind == "classes" and quantity:
        text += (
            f" ({quantity} classrooms, {quantity} head teachers)"
            if lang == "en"
            else f"（教室、班主任各{quantity}）"
        )
    return text


ShareKey = tuple[object, object, object, object]  # due, rule, unit, county


def share_key(row: dict[str, object]) -> ShareKey:
    return (row["due"], row["rule"], row["unit"], row["county"])


def township_shares(rows: list[dict[str, object]]) -> dict[ShareKey, list[dict[str, object]]]:
    """Each county total's township totals, largest first, under the total's `share_key`: a
    rule owing teachers, rooms and money has a total, and townships, per unit. One pass over
    the totals (a country has 40,000 townships)."""
    shares: dict[ShareKey, list[dict[str, object]]] = {}
    for row in rows:
        if row["township"] is not None and row["quantity"]:
            shares.setdefault(share_key(row), []).append(row)
    for places in shares.values():
        places.sort(key=lambda r: (-int(str(r["quantity"])), str(r["township"])))
    return shares


def summary_lines(
    report: Report, lang: str, townships: int = 5, clean: Callable[[str], str] = str
) -> list[tuple[str, RuleLine]]:
    """(heading of a due date, one line per rule and county) for the text reports: the
    county's total, then its largest township totals. `clean` makes data text safe; the
    report names the rule (render/rule_label.py).

    Column-wise up to the lines themselves: a country has 18,000 county totals and 100,000
    township totals, of which each line shows at most `townships`."""
    remedies = report.remedies
    if remedies is None:
        return []
    titles = {r.rule.id: r.rule.title.get(lang) for r in report.rules}
    many = remedies.get_column("county").n_unique() > 1
    dues = _due_texts(remedies)
    label, no_due = pick(LABELS["due"], lang), pick(LABELS["no_due"], lang)
    headings = {due: f"{label} {text or no_due}" for due, text in dues.items()}
    key = ["due", "rule", "unit", "county"]
    counties = remedies.filter(pl.col("township").is_null() & (pl.col("quantity") != 0))
    where = _cleaned("county", counties, clean, " ") if many else pl.lit("")
    estimate = pick(LABELS["band_estimate"], lang)
    text = pl.concat_str(
        pl.lit(": "),
        where,
        _amount_expr(lang),
        pl.col("kind")
        .replace_strict(
            {k: f" — {pick(LABELS[k], lang)}" for k in PLANNED}, default="", return_dtype=pl.String
        )
        .fill_null(""),
        _places_expr(lang, townships),
        pl.when(pl.col("rule").is_in(sorted(estimated_rules(report))))
        .then(pl.lit(estimate))
        .otherwise(pl.lit("")),
    )
    lines = (
        counties.join(
            _largest_townships(remedies, key, townships, clean),
            on=key,
            how="left",
            nulls_equal=True,
            maintain_order="left",
        )
        .select("due", "rule", text.alias("_text"))
        .iter_rows()
    )
    return [
        (headings[due], RuleLine(rule, titles.get(rule, ""), line)) for due, rule, line in lines
    ]


def _cleaned(
    column: str, frame: pl.DataFrame, clean: Callable[[str], str], suffix: str = ""
) -> pl.Expr:
    """The column's text made safe by `clean`, once per distinct value, then `suffix`; blank
    (null or empty) as nothing."""
    names = frame.get_column(column).drop_nulls().unique().to_list()
    safe = {name: clean(str(name)) + suffix for name in names if name}
    return pl.col(column).replace_strict(safe, default="", return_dtype=pl.String).fill_null("")


def _amount_expr(lang: str) -> pl.Expr:
    """`amount`, column-wise, of a total's quantity, unit and kind."""
    quantity = pl.col("quantity").cast(pl.String)
    units = {code: pick(UNITS[code], lang) for code in UNITS}
    unit = pl.col("unit").replace_strict(units, return_dtype=pl.String)
    if lang == "en":
        text = pl.concat_str(quantity, pl.lit(" "), unit)
        classes = pl.concat_str(
            pl.lit(" ("), quantity, pl.lit(" classrooms, "), quantity, pl.lit(" head teachers)")
        )
    else:
        text = pl.concat_str(quantity, unit)
        classes = pl.concat_str(pl.lit("（教室、班主任各"), quantity, pl.lit("）"))
    needs_rooms = (pl.col("kind") == "classes") & (pl.col("quantity") != 0)
    return text + pl.when(needs_rooms).then(classes).otherwise(pl.lit(""))


def _places_expr(lang: str, townships: int) -> pl.Expr:
    """` (a 3, b 2, … +4)` of the _shown townships and their _count; nothing without."""
    count = pl.col("_count").cast(pl.Int64)
    more = count - townships
    if lang == "en":
        extra = pl.concat_str(pl.lit(", … +"), more.cast(pl.String))
        opening, closing = " (", ")"
    else:
        extra = pl.concat_str(pl.lit("，等"), count.cast(pl.String), pl.lit("个乡镇"))
        opening, closing = "（", "）"
    listed = pl.concat_str(
        pl.lit(opening),
        pl.col("_shown"),
        pl.when(more > 0).then(extra).otherwise(pl.lit("")),
        pl.lit(closing),
    )
    return pl.when(count > 0).then(listed).otherwise(pl.lit(""))


def _largest_townships(
    remedies: pl.DataFrame, key: list[str], townships: int, clean: Callable[[str], str]
) -> pl.DataFrame:
    """Per `key` of a county total: _shown, its `townships` largest township totals as
    `name quantity, …` (ties by name, as `township_shares` orders them), and _count, how
    many townships owe anything."""
    placed = remedies.filter(pl.col("township").is_not_null() & (pl.col("quantity") != 0))
    shown = pl.concat_str(
        _cleaned("township", placed, clean), pl.lit(" "), pl.col("quantity").cast(pl.String)
    )
    # Sorted once, largest first (stable: name breaks a tie), then grouped in that order:
    # sorting inside each of 18,000 groups costs six times as much.
    return (
        placed.sort(["quantity", "township"], descending=[True, False], maintain_order=True)
        .group_by(key, maintain_order=True)
        .agg(shown.head(townships).str.join(", ").alias("_shown"), pl.len().alias("_count"))
    )


def plan_lines(
    report: Report, lang: str, shown: int = 5, clean: Callable[[str], str] = str
) -> list[RuleLine]:
    """One line per CV over its limit: where, the schools to raise first and by how much,
    how many in all and the CV the plan gives. `clean` makes data text safe; the report
    names the rule."""
    lines = []
    for result in report.rules:
        findings = result.findings
        if "remedy_plan" not in findings.columns or "remedy_after" not in findings.columns:
            continue
        planned = findings.filter(pl.col("remedy_kind") == "floor")
        for row in planned.iter_rows(named=True):
            plan = row["remedy_plan"] or []
            place = " ".join(clean(str(row[k])) for k in ("county", "township") if row[k])
            sep = ", " if lang == "en" else "、"
            first = sep.join(
                f"{clean(str(item['school_name'] or item['school_id']))} +{item['quantity']}"
                + ("" if lang == "en" else pick(UNITS[str(item["unit"])], lang))
                for item in plan[:shown]
            )
            unit = f" {pick(UNITS[str(row['remedy_unit'])], lang)}" if lang == "en" else ""
            count = f"{len(plan)} {pick(LABELS['plan_schools'], lang)}"
            if lang != "en":
                count = f"共{len(plan)}{pick(LABELS['plan_schools'], lang)}"
            # the one number format of the text reports: at most two decimals, no trailing zero
            cvs = f"{number(float(row['value']))} → {number(float(row['remedy_after']))}"
            after = f"{pick(LABELS['plan_after'], lang)} {cvs}"
            text = f" · {place} · {pick(LABELS['plan_first'], lang)}: {first}{unit}" + (
                f" ({count}; {after})" if lang == "en" else f"（{count}；{after}）"
            )
            lines.append(RuleLine(result.rule.id, result.rule.title.get(lang), text))
    return lines


def remedy_markdown(report: Report, lang: str, escape: Callable[[str], str]) -> list[str]:
    """The 整改测算 section of the Markdown report: a list per due date (no lines if none)."""
    lines = summary_lines(report, lang, clean=escape)
    if not lines:
        return []
    out = [f"### {pick(LABELS['section'], lang)}", ""]
    current = None
    for due, line in lines:
        if due != current:
            if current is not None:
                out.append("")
            out += [f"**{due}**", ""]
            current = due
        out.append(f"- {_markdown_line(line, escape)}")
    plans = plan_lines(report, lang, clean=escape)
    if plans:
        listed = (f"- {_markdown_line(p, escape)}" for p in plans[:PLANS])
        out += ["", f"**{pick(LABELS['plans'], lang)}**", "", *listed]
        if len(plans) > PLANS:  # the summary stays bounded; the JSON report has every plan
            more = len(plans) - PLANS
            out.append(f"- … {more} more" if lang == "en" else f"- …另有 {more} 项")
    return [*out, ""]


def _markdown_line(line: RuleLine, escape: Callable[[str], str]) -> str:
    return markdown_name(escape(line.title), line.rule_id) + line.text
