"""The output formats by name, and where each one's renderer lives: plain data, imported by
the command line to offer the formats (`--format`, `-o`) without loading any renderer or the
file-writing helpers. `render/formats.py` resolves a name to its renderer."""

from __future__ import annotations

# name → "module:function" of its renderer, imported only when that format is asked for.
FORMATS: dict[str, str] = {
    "terminal": "taikang_check.render.terminal:render_terminal",
    "json": "taikang_check.render.json_report:render_json",
    "markdown": "taikang_check.render.markdown:render_markdown",
    "junit": "taikang_check.render.junit:render_junit",
    "github": "taikang_check.render.github:render_github",
    "html": "taikang_check.render.html.report:render_html",
    "xlsx": "taikang_check.render.workbook:workbook_bytes",  # binary: to a file only
}
BINARY = frozenset({"xlsx"})

# A bare PATH's format, by an extension that names one format beyond doubt (`.txt` does not).
BY_SUFFIX = {
    ".html": "html",
    ".htm": "html",
    ".json": "json",
    ".md": "markdown",
    ".markdown": "markdown",
    ".xml": "junit",
    ".xlsx": "xlsx",
}
