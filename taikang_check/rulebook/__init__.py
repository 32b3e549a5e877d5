"""Rule files: the closed vocabulary they may use (pydantic models), loading them safely,
checking them against the data contract, selecting rules, and describing a rule in words.

May import: `read/` (for table names only), `contract/`, `problems`.
"""
