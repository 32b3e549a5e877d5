"""User-facing words in Simplified Chinese (default) and English, one module per job:

- `labels`: words shared by the renderers (statuses, verdict, severities, `WORDS`) and `pick`;
- `names`: the contract's names in Chinese (columns, enum values, tables, types);
- `problem_texts`: what each problem code says, and a problem as one line;
- `message_templates`: the default message of each kind of check;
- `finding_messages`: the findings' messages and values built column-wise (polars);
- `national`: the national-standard section's words; `remedy`: the remediation's words;
- `numbers`: numbers as people read them; `safe`: outside text made safe for a terminal.

May import: `report/` and everything below it. Used by renderers and commands.
"""
