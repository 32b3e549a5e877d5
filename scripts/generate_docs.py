"""Write docs/data-contract.md and docs/rules.md from the code (run after changing either)."""

from __future__ import annotations

from pathlib import Path

from taikang_check.docs import contract_markdown, indicators_markdown, rules_markdown
from taikang_check.rule_loader import load_rules

DOCS = Path(__file__).resolve().parent.parent / "docs"


def generated() -> dict[Path, str]:
    return {
        DOCS / "data-contract.md": contract_markdown(),
        DOCS / "rules.md": rules_markdown(load_rules()),
        DOCS / "indicators.md": indicators_markdown(),
    }


if __name__ == "__main__":
    for path, text in generated().items():
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path}")
