"""Evaluating rules on the typed tables at an as-of date, column-wise with polars: the tables
as rules see them, conditions as expressions, outcomes, one module per kind of check, the
school stages and the national summary, and the scores.

May import: `rulebook/`, `read/`, `contract/`, `problems`. Never reports or renderers.
"""
