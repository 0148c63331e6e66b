"""The ``regkg`` command: thin wrappers over the package's public functions."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from .errors import RegkgError


def _manifest(args):
    from .sources import default_manifest, load_manifest

    return load_manifest(Path(args.manifest)) if getattr(args, "manifest", None) else default_manifest()


def cmd_fetch(args) -> int:
    from .fetch import cache_dir, default_mirror, fetch_all

    manifest = _manifest(args)
    mirror = Path(args.mirror) if args.mirror else default_mirror()
    results = fetch_all(manifest, only=args.only, mirror=mirror, show_progress=not args.quiet)
    actions = {a: sum(r.action == a for r in results) for a in ("downloaded", "copied", "cached")}
    print(
        f"{len(results)} files ready in {cache_dir() / 'sources'} ({', '.join(f'{v} {k}' for k, v in actions.items())})"
    )
    return 0


def _node_json(n) -> dict:
    d = {"kind": n.kind, "num": n.num, "eid": n.eid}
    for key in ("heading", "text", "wrap"):
        t = getattr(n, key)
        if t:
            d[key] = {k: v for k, v in (("zh", t.zh), ("en", t.en)) if v is not None}
    if n.inferred:
        d["inferred"] = True
    if n.children:
        d["children"] = [_node_json(c) for c in n.children]
    return d


def instrument_json(inst) -> dict:
    return {
        "id": inst.id,
        "title": {"zh": inst.title.zh, "en": inst.title.en},
        "jurisdiction": inst.jurisdiction,
        "kind": inst.kind,
        "expressions": [
            {
                "lang": e.lang,
                "authoritative": e.authoritative,
                "status": e.status,
                "translator": e.translator,
                "files": list(e.files),
                "sha256": list(e.sha256),
            }
            for e in inst.expressions
        ],
        "body": [_node_json(n) for n in inst.body],
    }


def cmd_parse(args) -> int:
    from .health import health
    from .parse import parse_all

    results = parse_all(_manifest(args), only=args.ids or None, use_cache=not args.no_cache)
    if args.json:
        out = [instrument_json(r.instrument) for r in results.values()]
        json.dump(out[0] if len(out) == 1 else out, sys.stdout, ensure_ascii=False, indent=1)
        print()
        return 0
    reports = {iid: health(r) for iid, r in results.items()}
    if args.report_json:
        json.dump({k: v.as_dict() for k, v in reports.items()}, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        print_report(reports, verbose=args.verbose)
    return 1 if any(h.problems for h in reports.values()) else 0


def print_report(reports, verbose: bool = False) -> None:
    from rich.console import Console
    from rich.table import Table

    from .health import COUNTED

    console = Console(width=None if sys.stdout.isatty() else 150)
    table = Table(title="regkg parse-health report", show_lines=False)
    table.add_column("instrument")
    table.add_column("lang")
    for k in COUNTED:
        table.add_column(k[:5], justify="right")
    table.add_column("problems", justify="right")
    table.add_column("inferred", justify="right")
    for iid, h in reports.items():
        for i, (lang, counts) in enumerate(h.counts.items()):
            table.add_row(
                iid if i == 0 else "",
                lang,
                *[str(counts.get(k, "")) for k in COUNTED],
                str(len(h.problems)) if i == 0 else "",
                str(len(h.inferred)) if i == 0 else "",
            )
    console.print(table)
    total = sum(len(h.problems) for h in reports.values())
    for iid, h in reports.items():
        for p in h.problems:
            console.print(f"[red]problem[/red] {iid}: {p}", markup=True, highlight=False)
        if verbose:
            for p in h.inferred:
                console.print(f"[cyan]inferred[/cyan] {iid}: {p}", highlight=False)
    console.print(
        f"{total} problems; {sum(len(h.inferred) for h in reports.values())} inferred structures"
        + ("" if verbose else " (--verbose lists them)")
    )


def cmd_build(args) -> int:
    from .build import build

    report = build(
        Path(args.out) if args.out else None,
        _manifest(args),
        only=args.only,
        log=print,
        use_cache=not args.no_cache,
        layers=not args.no_layers,
    )
    print(" · ".join(f"{k} {v:.2f} s" for k, v in report.timings.items()))
    return 0


def _build_dir(args) -> Path | None:
    return Path(args.build) if getattr(args, "build", None) else None


def cmd_stats(args) -> int:
    from .stats import compute_stats
    from .store import open_store

    stats = compute_stats(open_store(_build_dir(args)))
    if args.json:
        print(json.dumps(stats, ensure_ascii=False, indent=1))
        return 0
    from rich.console import Console
    from rich.table import Table

    from .stats import KIND_KEYS

    console = Console(width=None if sys.stdout.isatty() else 160)
    structure = [k for k in KIND_KEYS.values() if any(v.get(k) for v in stats["instruments"].values())]
    layers = sorted({k for v in stats["instruments"].values() for k in v} - set(KIND_KEYS.values()))
    for title, keys in (
        (f"regkg graph: {stats['triples']} triples — structure", structure),
        ("layers", layers),
    ):
        if not keys:
            continue
        t = Table(title=title)
        t.add_column("instrument")
        for k in keys:
            t.add_column(k.replace("_", " "), justify="right")
        for iid, counts in stats["instruments"].items():
            t.add_row(iid, *[str(counts.get(k, 0)) for k in keys])
        console.print(t)
    return 0


def cmd_query(args) -> int:
    from .query import run_query

    if args.file:
        text = Path(args.file).read_text(encoding="utf-8")
    elif args.sparql:
        text = args.sparql
    else:
        raise RegkgError("give a query as an argument or with -f FILE")
    sys.stdout.write(run_query(text, args.format, _build_dir(args)))
    return 0


def cmd_serve(args) -> int:
    from .serve import serve

    return serve(_build_dir(args), port=args.port, timeout=args.timeout)


def cmd_push(args) -> int:
    from .push import push

    counts = push(args.endpoint, protocol=args.protocol, build_dir=_build_dir(args))
    print(f"pushed {len(counts)} graphs, {sum(counts.values())} statements to {args.endpoint}")
    return 0


def cmd_export(args) -> int:
    from .export import export

    default = {"csv": "exports/csv"}.get(args.format, f"exports/regkg.{args.format}")
    for p in export(args.format, Path(args.out or default), _build_dir(args)):
        print(p)
    return 0


def cmd_resolve(args) -> int:
    from .resolver import resolve_cli

    return resolve_cli(args)


def cmd_roles(args) -> int:
    from .extract.roles import roles_cli

    return roles_cli(args)


def cmd_eval(args) -> int:
    from .evaluate import eval_cli

    return eval_cli(args)


def cmd_compare(args) -> int:
    from .compare.cli import compare_cli

    return compare_cli(args)


def cmd_explore(args) -> int:
    import os

    from .appserver import app_script, streamlit_command

    cmd = streamlit_command(app_script(), args.port)
    url = f"http://localhost:{args.port}"
    print(f"regkg explorer: {url}  (Ctrl-C stops it)", flush=True)
    if args.open:
        return _serve_and_open(cmd, args.port, url)
    os.execv(sys.executable, cmd)  # replace this process: signals reach Streamlit directly
    return 0


def _serve_and_open(cmd: list[str], port: int, url: str) -> int:
    """Run the explorer as a child, open ``url`` in the default browser once it answers, wait for the end.

    Only where there is a desktop (macOS, Windows, or an X/Wayland display): on a server Python's default browser
    would be a text browser taking over the terminal."""
    import os
    import subprocess
    import webbrowser

    from .appserver import wait_healthy

    proc = subprocess.Popen(cmd)
    try:
        wait_healthy(proc, port)
        if (
            sys.platform in ("darwin", "win32")
            or os.environ.get("DISPLAY")
            or os.environ.get("WAYLAND_DISPLAY")
        ):
            webbrowser.open(url)
        return proc.wait()
    except KeyboardInterrupt:
        return 130
    finally:
        if proc.poll() is None:
            proc.terminate()
            proc.wait()


def build_parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="regkg", description=__doc__)
    p.add_argument("--manifest", help="source manifest (default: corpus/sources.toml)")
    sub = p.add_subparsers(dest="command", required=True)

    f = sub.add_parser("fetch", help="download the sources into the cache and verify their sha256")
    f.add_argument(
        "--mirror", help="copy from this folder (<id>/<file>) instead of downloading; default $REGKG_MIRROR"
    )
    f.add_argument("--only", nargs="+", metavar="ID", help="only these instruments")
    f.add_argument("--quiet", action="store_true", help="no progress bar")
    f.set_defaults(func=cmd_fetch)

    pa = sub.add_parser("parse", help="parse the sources; print the parse-health report or dump the model")
    pa.add_argument("ids", nargs="*", metavar="ID", help="instruments (default: all)")
    pa.add_argument("--report", action="store_true", help="print the parse-health report (the default)")
    pa.add_argument("--report-json", action="store_true", help="the report as JSON")
    pa.add_argument("--json", action="store_true", help="dump the document model as JSON")
    pa.add_argument("--verbose", action="store_true", help="also list inferred structure")
    pa.add_argument("--no-cache", action="store_true", help="ignore cached parse results")
    pa.set_defaults(func=cmd_parse)

    b = sub.add_parser("build", help="build the RDF graph, the store and the stats into build/")
    b.add_argument("--out", help="output folder (default: build/)")
    b.add_argument("--only", nargs="+", metavar="ID", help="only these instruments")
    b.add_argument("--no-cache", action="store_true", help="ignore cached parse results")
    b.add_argument(
        "--no-layers", action="store_true", help="only the document graph: no extraction or comparison"
    )
    b.set_defaults(func=cmd_build)

    st = sub.add_parser("stats", help="counts per instrument, by SPARQL on the built store")
    st.add_argument("--json", action="store_true")
    st.add_argument("--build", help="build folder (default: build/)")
    st.set_defaults(func=cmd_stats)

    q = sub.add_parser("query", help="run a SPARQL query on the built store")
    q.add_argument("sparql", nargs="?", help="the query text")
    q.add_argument("-f", "--file", help="read the query from a file (e.g. queries/*.rq)")
    q.add_argument("--format", choices=["table", "csv", "tsv", "json"], default="table")
    q.add_argument("--build", help="build folder (default: build/)")
    q.set_defaults(func=cmd_query)

    sv = sub.add_parser("serve", help="read-only SPARQL 1.1 endpoint on 127.0.0.1")
    sv.add_argument("--port", type=int, default=7878)
    sv.add_argument("--timeout", type=float, default=30, help="query timeout in seconds")
    sv.add_argument("--build", help="build folder (default: build/)")
    sv.set_defaults(func=cmd_serve)

    pu = sub.add_parser("push", help="load the built graph into a SPARQL 1.1 store (replaces its graphs)")
    pu.add_argument(
        "--endpoint",
        required=True,
        help="Graph Store Protocol URL (e.g. http://host:7878/store) or, with --protocol update, "
        "the SPARQL Update URL",
    )
    pu.add_argument("--protocol", choices=["gsp", "update"], default="gsp")
    pu.add_argument("--build", help="build folder (default: build/)")
    pu.set_defaults(func=cmd_push)

    ex = sub.add_parser("export", help="export the graph: RDF formats, GraphML/GEXF, CSV tables")
    ex.add_argument(
        "--format",
        required=True,
        choices=["ttl", "trig", "nt", "nq", "jsonld", "rdfxml", "graphml", "gexf", "csv"],
    )
    ex.add_argument("--out", help="output file (a folder for csv); default exports/regkg.<format>")
    ex.add_argument("--build", help="build folder (default: build/)")
    ex.set_defaults(func=cmd_export)

    r = sub.add_parser(
        "resolve", help='turn a citation ("PIPL art. 13", "网络安全法第四十二条") into its node'
    )
    r.add_argument("citation")
    r.add_argument("--json", action="store_true")
    r.add_argument("--as-of", metavar="DATE", help="pick the version in force on this date (YYYY-MM-DD)")
    r.add_argument("--build", help="build folder (default: build/)")
    r.set_defaults(func=cmd_resolve)

    ro = sub.add_parser("roles", help="list the role and authority vocabulary with ids")
    ro.add_argument("--json", action="store_true")
    ro.add_argument("--instrument", metavar="ID", help="only roles that occur in this instrument")
    ro.set_defaults(func=cmd_roles)

    ev = sub.add_parser("eval", help="precision, recall and F1 of the extraction against a gold file")
    ev.add_argument("--gold", default="tests/gold", help="gold file or folder (default: tests/gold)")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=cmd_eval)

    co = sub.add_parser("compare", help="compare instruments: actors, topics, versions")
    co.add_argument("what", choices=["actors", "topics", "versions", "alignments"])
    co.add_argument("ids", nargs="*", metavar="ID", help="for versions: the two instruments (A B)")
    co.add_argument("--format", choices=["table", "csv", "latex", "md", "json"], default="table")
    co.add_argument("--topic", help="for alignments: only this topic")
    co.add_argument("--out", help="where to write the diff or table")
    co.add_argument("--build", help="build folder (default: build/)")
    co.set_defaults(func=cmd_compare)

    xp = sub.add_parser("explore", help="open the Streamlit explorer over the built graph")
    xp.add_argument("--port", type=int, default=8501)
    xp.add_argument(
        "--open", action="store_true", help="open the explorer in the default browser when it is up"
    )
    xp.set_defaults(func=cmd_explore)
    return p


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except RegkgError as exc:
        print(f"regkg: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
