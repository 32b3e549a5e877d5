from __future__ import annotations

from taikang_check.cli import main

if __name__ == "__main__":
    main()
