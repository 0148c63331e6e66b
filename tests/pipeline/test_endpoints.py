"""regkg serve (read-only SPARQL endpoint) and regkg push (load into another SPARQL store)."""

import json
import urllib.error
import urllib.parse
import urllib.request

import pytest

pytestmark = pytest.mark.corpus


def _query(port: int, sparql: str) -> dict:
    url = f"http://127.0.0.1:{port}/query?" + urllib.parse.urlencode({"query": sparql})
    req = urllib.request.Request(url, headers={"Accept": "application/sparql-results+json"})
    with urllib.request.urlopen(req, timeout=30) as resp:
        return json.load(resp)


COUNT_ARTICLES = """PREFIX rkg: <https://w3id.org/regkg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
SELECT (COUNT(?a) AS ?n) WHERE { ?a a rkg:Article ; rkg:inInstrument/dcterms:identifier "pipl-2021" }"""


@pytest.fixture(scope="module")
def endpoint(built):
    from regkg.serve import start_server

    proc, port = start_server(built.out / "store", timeout=10)
    yield port
    proc.terminate()
    proc.wait(10)


def test_endpoint_answers_sparql_over_http(endpoint):
    data = _query(endpoint, COUNT_ARTICLES)
    assert data["results"]["bindings"][0]["n"]["value"] == "74"


def test_endpoint_refuses_updates(endpoint):
    body = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    req = urllib.request.Request(
        f"http://127.0.0.1:{endpoint}/update",
        data=body,
        method="POST",
        headers={"Content-Type": "application/x-www-form-urlencoded"},
    )
    with pytest.raises(urllib.error.HTTPError) as exc:
        urllib.request.urlopen(req, timeout=10)
    assert exc.value.code in (403, 404, 405)
    assert _query(endpoint, COUNT_ARTICLES)["results"]["bindings"][0]["n"]["value"] == "74"  # nothing dropped


def test_server_command_sets_timeout_and_read_only(built):
    from regkg.serve import server_command

    cmd = server_command(built.out / "store", 7999, timeout=30)
    assert "serve-read-only" in cmd and "--timeout-s" in cmd and "127.0.0.1:7999" in cmd


@pytest.fixture()
def writable_store(tmp_path):
    from regkg.serve import start_server

    proc, port = start_server(tmp_path / "target", read_only=False, timeout=None)
    yield port
    proc.terminate()
    proc.wait(10)


def _count_all(port: int) -> int:
    data = _query(port, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    return int(data["results"]["bindings"][0]["n"]["value"])


@pytest.mark.parametrize("protocol,path", [("gsp", "/store"), ("update", "/update")])
def test_push_then_repush_replaces(built, writable_store, protocol, path):
    from regkg.push import push

    url = f"http://127.0.0.1:{writable_store}{path}"
    counts = push(url, protocol=protocol, build_dir=built.out)
    total = sum(counts.values())
    assert total == len((built.out / "graph.nq").read_text(encoding="utf-8").splitlines())
    assert _count_all(writable_store) == total
    push(url, protocol=protocol, build_dir=built.out)  # again: replaced, not duplicated
    assert _count_all(writable_store) == total


def test_push_to_nowhere_is_a_clear_error(built):
    from regkg.errors import RegkgError
    from regkg.push import push

    with pytest.raises(RegkgError, match="cannot reach"):
        push("http://127.0.0.1:9/store", build_dir=built.out)
