from __future__ import annotations

from taikang_check.cli.main import main

if __name__ == "__main__":
    main()
