"""Reading input: bytes to text, CSV and workbook files to frames, headers recognised, cells
typed, one dataset of typed tables, and the warnings about figures that do not add up.

May import: `contract/`, `problems`. Never rules, the engine, reports or the command line.
"""
