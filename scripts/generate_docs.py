"""Write docs/data-contract.md, docs/rules.md and docs/indicators.md from the code.

Run after changing the schemas, the indicator list or the rules; a test fails when they are stale.
"""

from __future__ import annotations

from pathlib import Path

from taikang_check.render.reference import generated_docs

DOCS = Path(__file__).resolve().parent.parent / "docs"

if __name__ == "__main__":
    for name, text in generated_docs().items():
        (DOCS / name).write_text(text, encoding="utf-8")
        print(f"wrote docs/{name}")
