"""One module per subcommand (audit, trend, rules and explain, validate, template), each a
function that returns an exit code; the exit codes, the one output stream, progress.

May import every layer below: `render/`, `text/`, `report/`, `engine/`, `rulebook/`,
`read/`, `contract/`, and `api`, `config`, `problems`.
"""
