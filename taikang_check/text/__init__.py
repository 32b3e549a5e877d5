"""User-facing words in Simplified Chinese (default) and English: labels, problem texts,
national-standard marks, and the finding messages built column-wise.

May import: `report/` and everything below it. Used by renderers and commands.
"""
