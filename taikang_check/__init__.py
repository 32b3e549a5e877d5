"""taikang-check: audit school data against 太政办〔2023〕7号 and 教督〔2017〕6号."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from taikang_check.api import audit

__all__ = ["__version__", "audit"]


def __getattr__(name: str) -> Any:
    # The audit pulls in polars; keep `import taikang_check` (and --help) instant.
    if name == "audit":
        from taikang_check.api import audit

        return audit
    raise AttributeError(name)
