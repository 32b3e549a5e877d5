"""Renderers: one module per output format (terminal, JSON, Markdown, JUnit, GitHub
annotations, HTML in `html/`), the registry of formats, writing reports to files, and the
reference documents generated from the contract and the rules.

May import: `text/`, `report/`, `rulebook/`, `read/`, `contract/`, `problems`.
Never the engine (a renderer reads the report, it does not compute) nor `commands/`.
"""
