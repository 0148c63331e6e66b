"""Tables in the formats ``regkg compare`` offers: a terminal table, CSV, Markdown, LaTeX (booktabs) and JSON.

>>> print(render(["topic", "PIPL"], [["minors", "28, 31"]], "md"))
| topic | PIPL |
| --- | --- |
| minors | 28, 31 |
>>> print(render(["a_b"], [["50%"]], "latex"))
\\begin{tabular}{l}
\\toprule
a\\_b \\\\
\\midrule
50\\% \\\\
\\bottomrule
\\end{tabular}
>>> compress(["12", "16", "17", "18", "52"])
'12, 16–18, 52'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence

FORMATS = ("table", "csv", "latex", "md", "json")


def compress(nums: Iterable[str]) -> str:
    """Article numbers as a short list with ranges: 12, 16–18, 52 (non-numeric ones as they are)."""
    digits = sorted({int(n) for n in nums if str(n).isdigit()})
    others = [n for n in nums if not str(n).isdigit()]
    parts, start, prev = [], None, None
    for n in digits:
        if start is None:
            start = prev = n
        elif n == prev + 1:
            prev = n
        else:
            parts.append(str(start) if start == prev else f"{start}–{prev}")
            start = prev = n
    if start is not None:
        parts.append(str(start) if start == prev else f"{start}–{prev}")
    return ", ".join(parts + list(dict.fromkeys(others)))


_LATEX = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def latex_escape(text: str) -> str:
    return "".join(_LATEX.get(ch, ch) for ch in text)


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:.2f}"
    if isinstance(value, (list, tuple)):
        return ", ".join(str(v) for v in value)
    return str(value)


def render(
    columns: Sequence[str],
    rows: Sequence[Sequence[object]],
    fmt: str,
    title: str = "",
    caption: str = "",
    align: str | None = None,
) -> str:
    """The table as text in ``fmt`` (one of FORMATS)."""
    cells = [[_cell(v) for v in r] for r in rows]
    if fmt == "csv":
        buf = io.StringIO()
        w = csv.writer(buf, lineterminator="\n")
        w.writerow(columns)
        w.writerows(cells)
        return buf.getvalue().rstrip("\n")
    if fmt == "json":
        return json.dumps(
            [dict(zip(columns, r, strict=True)) for r in rows], ensure_ascii=False, indent=1, default=str
        )
    if fmt == "md":

        def esc(s: str) -> str:
            return s.replace("|", "\\|").replace("\n", " ")

        lines = [
            "| " + " | ".join(esc(c) for c in columns) + " |",
            "| " + " | ".join("---" for _ in columns) + " |",
        ]
        lines += ["| " + " | ".join(esc(c) for c in r) + " |" for r in cells]
        return "\n".join(lines)
    if fmt == "latex":
        spec = align or "l" * len(columns)
        lines = []
        if caption:
            lines.append(f"% {caption}")
        lines += [
            f"\\begin{{tabular}}{{{spec}}}",
            "\\toprule",
            " & ".join(latex_escape(c) for c in columns) + " \\\\",
        ]
        lines.append("\\midrule")
        lines += [" & ".join(latex_escape(c) for c in r) + " \\\\" for r in cells]
        lines += ["\\bottomrule", "\\end{tabular}"]
        return "\n".join(lines)
    if fmt == "table":
        from rich.console import Console
        from rich.table import Table

        t = Table(title=title or None, caption=caption or None, show_lines=False)
        for c in columns:
            t.add_column(c, overflow="fold")
        for r in cells:
            t.add_row(*r)
        console = Console(width=200, record=True, file=io.StringIO())
        console.print(t)
        return console.export_text().rstrip("\n")
    raise ValueError(f"unknown format {fmt!r}; expected one of {FORMATS}")
