"""Reading input: bytes to text, CSV and workbook files to frames, headers recognised, cells
typed, one dataset of typed tables, and the warnings about figures that do not add up.

A CSV file goes to the parser with the contract's types where its cells allow (typed_csv.py):
a UTF-8 file as the file it is, another encoding once transcoded. Workbook sheets are read as
text; coerce.py types every column that is still text.

May import: `contract/`, `problems`. Never rules, the engine, reports or the command line.
"""
