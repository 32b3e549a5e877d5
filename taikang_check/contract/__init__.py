"""The data contract: the input tables, their columns and types, and the indicator codes.

The lowest layer: imports nothing of the package but `problems`, and pydantic.
"""
