"""The network view: instruments, units, cited stubs and roles as nodes; citations and relations as edges."""

from __future__ import annotations

from .queries import Q_NET_CITES, Q_NET_ROLES
from .terms import _role_id, local_name, parse_unit, unit_of


class NetworkMixin:
    """Nodes and edges for the network page."""

    def network(
        self,
        *,
        instruments: list[str] | None = None,
        citations: bool = True,
        relations: bool = True,
        roles: bool = False,
        all_units: bool = False,
    ) -> dict[str, list[dict]]:
        """Nodes and edges for a network view: instruments, units (articles ...), cited stubs and roles.

        Provision-level eli:cites edges are lifted to their units. ``all_units`` adds every article of the
        chosen instruments, not only those with an edge. ``instruments`` limits the citing side.
        """
        insts = {d["id"]: d for d in self.instruments()}
        keep = set(instruments) if instruments else set(insts)
        nodes: dict[str, dict] = {}
        edges: dict[tuple, dict] = {}

        def add_instrument(iid: str | None, iri: str | None = None, title: str | None = None) -> str:
            if iid and iid in insts:
                d = insts[iid]
                nodes.setdefault(
                    d["iri"],
                    {
                        "id": d["iri"],
                        "type": "instrument",
                        "instrument": iid,
                        "label": d["short"].get("en", iid),
                        "unit": None,
                    },
                )
                return d["iri"]
            nodes.setdefault(
                iri,
                {
                    "id": iri,
                    "type": "external",
                    "instrument": None,
                    "label": (title or local_name(iri))[:40],
                    "unit": None,
                },
            )
            return iri

        def add_unit(iri: str, iid: str, unit: str) -> str:
            kind, _ = parse_unit(unit)
            short = insts[iid]["short"].get("en", iid) if iid in insts else iid
            label = f"{short} {'Art. ' + unit if kind == 'article' else unit.replace('_', ' ')}"
            tag = (
                unit if kind == "article" else unit.replace("_", " ")
            )  # short: the app colours by instrument
            nodes.setdefault(
                iri, {"id": iri, "type": kind, "instrument": iid, "label": label, "tag": tag, "unit": unit}
            )
            return iri

        def add_edge(a: str, b: str, kind: str) -> None:
            if a != b:
                e = edges.setdefault((a, b, kind), {"source": a, "target": b, "type": kind, "weight": 0})
                e["weight"] = (
                    1 if kind == "part of" else e["weight"] + 1
                )  # citations count, membership does not

        if citations:
            for r in self.rows(Q_NET_CITES):
                if r["src_id"] not in keep:
                    continue
                unit, unit_iri = unit_of(r["src"], r["src_eid"])
                if unit_iri is None:
                    continue
                src = add_unit(unit_iri, r["src_id"], unit)
                add_edge(src, add_instrument(r["src_id"]), "part of")
                t_unit, t_iri = unit_of(r["target"], r["target_eid"]) if r.get("target_eid") else (None, None)
                if t_iri:
                    tgt = add_unit(t_iri, r["target_id"], t_unit)
                    add_edge(tgt, add_instrument(r["target_id"]), "part of")
                else:
                    tgt = add_instrument(r.get("target_self"), r["target"], r.get("target_title"))
                add_edge(src, tgt, "cites")
        if relations:
            by_iri = {d["id"]: d["iri"] for d in insts.values()}
            for r in self.instrument_relations():
                if r["from"] not in keep:
                    continue
                a = add_instrument(r["from"])
                b = add_instrument(r["to"]) if r.get("to") in by_iri else None
                if b:
                    add_edge(a, b, r["relation"])
        if roles:
            for r in self.rows(Q_NET_ROLES):
                if r["id"] not in keep:
                    continue
                unit, unit_iri = unit_of(r["p"], r["eid"])
                if unit_iri is None:
                    continue
                u = add_unit(unit_iri, r["id"], unit)
                nodes.setdefault(
                    r["role"],
                    {
                        "id": r["role"],
                        "type": "role",
                        "instrument": None,
                        "label": r.get("role_en") or _role_id(r["role"]),
                        "unit": None,
                    },
                )
                add_edge(u, r["role"], "mentions")
        if all_units:
            for iid in sorted(keep):
                inst_node = add_instrument(iid)
                for t in self.toc(iid):
                    if t["kind"] == "article":
                        add_edge(add_unit(t["iri"], iid, t["unit"]), inst_node, "part of")
        for iid in sorted(keep):
            add_instrument(iid)
        return {
            "nodes": sorted(nodes.values(), key=lambda n: n["id"]),
            "edges": sorted(edges.values(), key=lambda e: (e["source"], e["target"], e["type"])),
        }
