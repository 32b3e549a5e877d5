"""The whitespace search that decides which text columns are stripped finds every character
that stripping removes (a missed one would leave a padded cell unstripped)."""

import polars as pl

from taikang_check.read.coerce import _WHITESPACE, _padded


def test_whitespace_list_is_what_stripping_removes() -> None:
    every = pl.Series([chr(c) for c in range(0x110000) if not 0xD800 <= c < 0xE000])
    stripped_away = set(every.filter(every.str.strip_chars() == "").to_list())
    assert stripped_away == set(_WHITESPACE)


def test_padded_columns_found_by_edge_whitespace_or_empty_cell() -> None:
    frame = pl.DataFrame(
        {
            "c0": ["a", "b\u3000"],  # ideographic space at the end: padded
            "c1": ["a b", "c"],  # space inside only: stripping changes nothing
            "c2": ["a", ""],  # an empty cell
            "c3": ["a", None],
        }
    )
    assert _padded(frame, [0, 1, 2, 3]) == {0, 2}
