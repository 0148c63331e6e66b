"""``regkg compare actors|topics|alignments|versions``: the comparison as tables (table, csv, latex, md, json).

The comparison is computed from the parsed sources (cached), the same way the build computes its layer, so the
tables and the graph agree; ``--build`` is not needed.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ..errors import RegkgError
from ..labels import citation_label
from ..sources import Manifest, default_manifest, load_manifest, project_root
from .analysis import CORE, Comparison, compute_comparison
from .render import compress, render


def _manifest(args) -> Manifest:
    return load_manifest(Path(args.manifest)) if getattr(args, "manifest", None) else default_manifest()


def _emit(text: str, args, default_name: str | None = None) -> None:
    """Print, or write to ``--out`` (a file; for a folder, ``default_name`` inside it)."""
    out = getattr(args, "out", None)
    if not out:
        sys.stdout.write(text + ("" if text.endswith("\n") else "\n"))
        return
    path = Path(out)
    if path.is_dir() and default_name:
        path = path / default_name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text + ("" if text.endswith("\n") else "\n"), encoding="utf-8")
    print(f"wrote {path}")


def _check_ids(ids: list[str], manifest: Manifest) -> None:
    unknown = [i for i in ids if i not in manifest.ids]
    if unknown:
        raise RegkgError(f"unknown instrument id(s) {', '.join(unknown)}; known: {', '.join(manifest.ids)}")


def _comparison(args, alignments: bool = False, versions: bool = False) -> tuple[Comparison, Manifest]:
    from ..parse import parse_all

    manifest = _manifest(args)
    results = parse_all(manifest)
    return compute_comparison(results, manifest, alignments=alignments, versions=versions), manifest


# ------------------------------------------------------------------------------------------------ actors


def actors_table(c: Comparison, ids: list[str] | None = None) -> tuple[list[str], list[list]]:
    from .crosswalk import role_instruments, role_labels

    columns = ["role", "label_en", "label_zh", "relation", "target", "target_label", "note"]
    rows = []
    for m in c.crosswalk.mappings:
        if ids and not set(ids) & set(role_instruments(m.role)):
            continue
        labels = role_labels(m.role)
        target_label = ""
        if m.target.startswith("xj:"):
            target_label = c.crosswalk.target(m.target).labels.get("en", "")
        elif m.target.startswith(("cn:", "eu:")):
            target_label = role_labels(m.target).get("en", "")
        rows.append(
            [m.role, labels.get("en", ""), labels.get("zh", ""), m.relation, m.target, target_label, m.note]
        )
    return columns, rows


# ------------------------------------------------------------------------------------------------ topics


def topic_matrix(
    c: Comparison, ids: list[str], manifest: Manifest, lang: str = "en"
) -> tuple[list[str], list[list]]:
    """Rows: topics; columns: instruments; cells: the articles (or recitals/annexes) with the topic."""
    columns = ["topic", "label", *[manifest.get(i).short_en for i in ids]]
    rows = []
    for t in c.scheme.topics:
        row: list = [t.id, t.labels[lang]]
        for iid in ids:
            nums = [
                a.eid.rsplit("__art_", 1)[-1]
                for a in c.topics.get(iid, [])
                if a.topic == t.id and a.level == "article"
            ]
            row.append(compress(nums))
        rows.append(row)
    return columns, rows


def topic_matrix_json(c: Comparison, ids: list[str]) -> dict:
    out = {}
    for t in c.scheme.topics:
        out[t.id] = {
            "label": t.labels,
            "instruments": {
                iid: sorted(
                    {
                        a.eid.rsplit("__art_", 1)[-1]
                        for a in c.topics.get(iid, [])
                        if a.topic == t.id and a.level == "article"
                    },
                    key=lambda n: (len(n), n),
                )
                for iid in ids
            },
        }
    return out


# ------------------------------------------------------------------------------------------------ alignments


def provision_label(manifest: Manifest, iid: str, eid: str) -> str:
    entry = manifest.get(iid)
    return f"{iid} {citation_label(entry.jurisdiction, eid, 'en')}"


def alignments_table(
    c: Comparison, manifest: Manifest, ids: list[str] | None = None, topic: str | None = None
) -> tuple[list[str], list[list]]:
    columns = [
        "topics",
        "a",
        "b",
        "type",
        "score",
        "similarity",
        "shared_roles",
        "reference",
        "status",
        "note",
    ]
    rows = []
    for al in c.alignments:
        if topic and topic not in al.topics:
            continue
        if ids:
            inside = {al.a[0], al.b[0]} & set(ids)
            if (len(ids) >= 2 and len(inside) < 2) or not inside:
                continue
        rows.append(
            [
                ", ".join(al.topics),
                provision_label(manifest, *al.a),
                provision_label(manifest, *al.b),
                al.type,
                al.score,
                al.similarity,
                ", ".join(al.roles),
                "yes" if al.reference else "",
                al.status,
                al.note,
            ]
        )
    return columns, rows


# ------------------------------------------------------------------------------------------------ versions


def versions_table(vc) -> tuple[list[str], list[list]]:
    columns = ["old", "new", "status", "similarity", "renumbered", "source", "items", "note"]
    rows = [
        [
            r.old or "",
            r.new or "",
            r.status,
            r.similarity,
            "yes" if r.renumbered else "",
            r.source,
            ", ".join(i.rsplit("_", 1)[-1] for i in r.items),
            r.note,
        ]
        for r in vc.rows
    ]
    return columns, rows


def coverage(vc) -> dict[str, float]:
    """Share of the old articles with a successor and of the new articles with a predecessor."""
    olds = {r.old for r in vc.rows if r.old}
    with_succ = {r.old for r in vc.rows if r.old and r.new}
    news = {r.new for r in vc.rows if r.new}
    with_pred = {r.new for r in vc.rows if r.new and r.old}
    return {
        "old_articles": len(olds),
        "old_with_successor": len(with_succ),
        "new_articles": len(news),
        "new_with_predecessor": len(with_pred),
    }


def _versions(args, manifest: Manifest) -> int:
    from ..parse import parse_all
    from .versions import compare_pair, write_diff

    if len(args.ids) != 2:
        raise RegkgError("compare versions needs two instrument ids: the earlier and the later version (A B)")
    old, new = args.ids
    _check_ids([old, new], manifest)
    entry = manifest.get(new)
    decision = entry.amended_by if entry.amended_by in manifest.ids else None
    results = parse_all(manifest, only=[old, new] + ([decision] if decision else []))
    instruments = {k: r.instrument for k, r in results.items()}
    vc = compare_pair(instruments, old, new, decision)
    columns, rows = versions_table(vc)
    counts = vc.counts()
    cov = coverage(vc)
    if args.format == "json":
        import json

        text = json.dumps(
            {
                "old": old,
                "new": new,
                "decision": decision,
                "lang": vc.lang,
                "counts": counts,
                "coverage": cov,
                "rows": [dict(zip(columns, r, strict=True)) for r in rows],
            },
            ensure_ascii=False,
            indent=1,
        )
    else:
        summary = (
            f"{old} -> {new}"
            + (f" (with {decision})" if decision else "")
            + ": "
            + ", ".join(f"{k} {v}" for k, v in counts.items() if v)
            + f"; {cov['old_with_successor']}/{cov['old_articles']} old articles have a successor, "
            f"{cov['new_with_predecessor']}/{cov['new_articles']} new articles a predecessor"
        )
        table = render(columns, rows, args.format, title=f"{old} → {new}")
        text = (
            table
            if args.format in ("csv",)
            else f"{table}\n{'% ' if args.format == 'latex' else ''}{summary}"
        )
    print(text)
    out = Path(args.out) if args.out else project_root() / "exports" / "versions"
    for p in write_diff(vc, out):
        print(f"wrote {p}", file=sys.stderr)
    return 0


# ------------------------------------------------------------------------------------------------ entry point


def compare_cli(args) -> int:
    """``regkg compare``: see the module docstring."""
    manifest = _manifest(args)
    ids = list(args.ids or [])
    _check_ids(ids, manifest)
    fmt = args.format
    if args.what == "versions":
        return _versions(args, manifest)
    if args.what == "actors":
        c, _ = _comparison(args)
        columns, rows = actors_table(c, ids)
        _emit(render(columns, rows, fmt, title="regkg actor crosswalk"), args, f"actors.{_ext(fmt)}")
        return 0
    if args.what == "topics":
        c, _ = _comparison(args)
        chosen = ids or list(CORE)
        if fmt == "json":
            import json

            _emit(json.dumps(topic_matrix_json(c, chosen), ensure_ascii=False, indent=1), args, "topics.json")
            return 0
        columns, rows = topic_matrix(c, chosen, manifest)
        align = "ll" + "p{2cm}" * len(chosen) if fmt == "latex" else None
        caption = "Topic x instrument matrix: article numbers (regkg compare topics)"
        _emit(
            render(columns, rows, fmt, title="regkg topics × instruments", caption=caption, align=align),
            args,
            f"topics.{_ext(fmt)}",
        )
        return 0
    if args.what == "alignments":
        c, _ = _comparison(args, alignments=True)
        if args.topic and args.topic not in c.scheme.ids:
            raise RegkgError(f"unknown topic {args.topic!r}; topics: {', '.join(c.scheme.ids)}")
        columns, rows = alignments_table(c, manifest, ids, args.topic)
        _emit(render(columns, rows, fmt, title="regkg provision alignments"), args, f"alignments.{_ext(fmt)}")
        return 0
    raise RegkgError(f"unknown comparison {args.what!r}")


def _ext(fmt: str) -> str:
    return {"table": "txt", "latex": "tex"}.get(fmt, fmt)
