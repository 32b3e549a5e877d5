"""Evaluating rules on the typed tables at an as-of date, column-wise with polars: the tables
as rules see them, conditions as expressions, outcomes, one module per kind of check, the
school stages and the national summary, and the scores. Each kind of check builds a lazy plan
of what it computes; `table_plan` runs the plans of a whole audit together (a table's row
checks as one select over it), in a few `collect_all` calls.

May import: `rulebook/`, `read/`, `contract/`, `problems`. Never reports or renderers.
"""
