"""The report model: what every renderer reads. One audit's rule results, findings, scores
and notes, and the data types of the trend across years.

May import: `engine/` (the results it assembles), `rulebook/`, `read/`, `contract/`,
`problems`.
"""
