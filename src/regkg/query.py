"""``regkg query``: run SPARQL on the built store and format the answer."""

from __future__ import annotations

from pathlib import Path

from .store import Table, open_store, select


def format_table(table: Table, fmt: str) -> str:
    if fmt == "csv":
        return table.to_csv()
    if fmt == "tsv":
        return table.to_csv("\t")
    if fmt == "json":
        return table.to_json() + "\n"
    from io import StringIO

    from rich.console import Console
    from rich.table import Table as RichTable

    t = RichTable(show_lines=False)
    for c in table.columns:
        t.add_column(c, overflow="fold")
    for r in table.rows:
        t.add_row(*["" if v is None else str(v) for v in r])
    buf = StringIO()
    Console(file=buf, width=160).print(t)
    return buf.getvalue() + f"{len(table.rows)} rows\n"


def run_query(sparql: str, fmt: str = "table", build_dir: Path | None = None) -> str:
    return format_table(select(open_store(build_dir), sparql), fmt)
