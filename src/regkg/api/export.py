"""What leaves the explorer: citations of provisions, free SPARQL through the worker, the graph as files."""

from __future__ import annotations

import io
import json
import tempfile
import zipfile
from pathlib import Path

from .cite import bibtex_entry, csl_item
from .queries import Q_PROVISION_INFO
from .sparql import QueryResult, SparqlWorker
from .terms import ExplorerError, iri_term


class ExportMixin:
    """Citations (BibTeX, CSL-JSON), free SPARQL and whole-graph exports."""

    # -- citing provisions in papers

    def provision_info(self, iri: str) -> dict:
        """What a bibliography needs about a node: instrument title, label, date, official URL, issuer, IRI."""
        rows = self.rows(Q_PROVISION_INFO, node=iri_term(iri))
        if not rows:
            # an instrument itself
            for d in self.instruments():
                if d["iri"] == iri:
                    return {
                        "iri": iri,
                        "instrument_iri": iri,
                        "id": d["id"],
                        "title_en": d["title"].get("en"),
                        "title_zh": d["title"].get("zh"),
                        "short_en": d["short"].get("en"),
                        "label_en": None,
                        "label_zh": None,
                        "date": d.get("date"),
                        "url": d.get("url"),
                        "jurisdiction": d["jurisdiction"],
                        "number": d.get("number"),
                        "issuers": [i.get("en") for i in d["issuers"] if i.get("en")],
                    }
            raise ExplorerError(f"no provision or instrument {iri!r} in the build")
        r = dict(rows[0])
        r["iri"] = iri
        r["issuers"] = sorted({x["issuer"] for x in rows if x.get("issuer")})
        r.pop("issuer", None)
        r.pop("node", None)
        return r

    def bibtex(self, iris: list[str]) -> str:
        """BibTeX (@misc) entries for provisions: instrument title, article label, date, official URL, IRI."""
        return "\n".join(bibtex_entry(self.provision_info(i)) for i in iris)

    def csl_json(self, iris: list[str]) -> str:
        """CSL-JSON (type "legislation") for provisions, for Zotero and pandoc citeproc."""
        return json.dumps([csl_item(self.provision_info(i)) for i in iris], ensure_ascii=False, indent=1)

    # -- SPARQL and exports

    def sparql(self, query: str, *, row_cap: int = 1000, timeout: float = 10.0) -> QueryResult:
        """Run a user's SPARQL (SELECT/ASK/CONSTRUCT/DESCRIBE) in a worker process, capped and timed out."""
        if self._worker is None:
            self._worker = SparqlWorker(self.build_dir / "store")
        return self._worker.run(query, row_cap=row_cap, timeout=timeout)

    def start_worker(self) -> None:
        if self._worker is None:
            self._worker = SparqlWorker(self.build_dir / "store")
        self._worker.start()

    def export_bytes(self, fmt: str) -> bytes:
        """The whole graph or tables in ``fmt`` (ttl, trig, nt, nq, jsonld, rdfxml, graphml, gexf, csv = a zip)."""
        from ..export import FORMATS

        if fmt not in FORMATS:
            raise ExplorerError(f"unknown export format {fmt!r}; one of {', '.join(FORMATS)}")
        if fmt in ("graphml", "gexf", "csv"):
            from ..export import export

            with tempfile.TemporaryDirectory(prefix="regkg-export-") as tmp:
                out = Path(tmp) / ("csv" if fmt == "csv" else f"regkg.{fmt}")
                files = export(fmt, out, self.build_dir)
                if fmt != "csv":
                    return files[0].read_bytes()
                buf = io.BytesIO()
                with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
                    for f in sorted(files):
                        z.write(f, f.name)
                return buf.getvalue()
        from ..export.rdf import rdf_bytes

        return rdf_bytes(fmt, self.build_dir)
