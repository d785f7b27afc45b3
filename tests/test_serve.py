"""kg serve: the SPARQL 1.1 Protocol with a real client (SPARQLWrapper) and raw HTTP.

The server runs in this process on 127.0.0.1 with an ephemeral port; no other address is used.
"""
from __future__ import annotations

import csv
import io
import json
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.dom.minidom

import pyoxigraph as ox
import pytest
from rdflib import Graph
from SPARQLWrapper import CSV, JSON, JSONLD, POST, TSV, TURTLE, XML, SPARQLWrapper
from SPARQLWrapper.SPARQLExceptions import SPARQLWrapperException

from kg.errors import InputError
from kg.pipeline import build_store
from kg.serve import Endpoint, load_snapshot, make_server, negotiate
from kg.store import GraphStore

DIRECTORS = "SELECT ?director ?film WHERE { ?p kg:directs ?f . ?p rdfs:label ?director . ?f rdfs:label ?film } ORDER BY ?director"
EXPECTED = [["Christopher Nolan", "Oppenheimer"], ["Denis Villeneuve", "Dune"], ["Greta Gerwig", "Barbie"]]
BARBIE_GRAPH = "https://example.org/kg/article/a-barbie-txt"


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A store of the three toy articles (conftest's toy extractor, no trained model)."""
    import spacy

    from conftest import TOY_ARTICLES, ToyExtractor
    from kg.extractors import REGISTRY
    from kg.pipeline import Settings

    folder = tmp_path_factory.mktemp("serve")
    for name, text in TOY_ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    REGISTRY["toy"] = ToyExtractor()
    try:
        build_store([str(folder / name) for name in TOY_ARTICLES], folder / "store", Settings(extractors=("toy",), progress=False), nlp=nlp)
    finally:
        del REGISTRY["toy"]
    return folder / "store"


@pytest.fixture(scope="module")
def server(store):
    srv = make_server(store=store, port=0, quiet=True)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    yield srv
    srv.shutdown()
    srv.server_close()
    srv.endpoint.close()


@pytest.fixture(scope="module")
def base(server):
    host, port = server.server_address[:2]
    assert host == "127.0.0.1"
    return f"http://127.0.0.1:{port}"


def wrapper(base: str, query: str, fmt: str, method: str = "GET") -> SPARQLWrapper:
    client = SPARQLWrapper(f"{base}/sparql")
    client.setQuery(query)
    client.setReturnFormat(fmt)
    client.setMethod(method)
    return client


def http(url: str, data: bytes | None = None, headers: dict | None = None, method: str | None = None):
    """(status, headers, body) of one request; HTTP errors come back the same way."""
    request = urllib.request.Request(url, data=data, headers=headers or {}, method=method)
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.headers, response.read()
    except urllib.error.HTTPError as error:
        with error:
            return error.code, error.headers, error.read()


# --- SPARQLWrapper, every result format -------------------------------------------------------------

@pytest.mark.parametrize("method", ["GET", POST])
def test_sparqlwrapper_json(base, method):
    result = wrapper(base, DIRECTORS, JSON, method).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+json")
    data = result.convert()
    assert data["head"]["vars"] == ["director", "film"]
    assert [[b["director"]["value"], b["film"]["value"]] for b in data["results"]["bindings"]] == EXPECTED


def test_sparqlwrapper_xml(base):
    result = wrapper(base, DIRECTORS, XML).query()
    assert result.response.headers["Content-Type"].startswith("application/sparql-results+xml")
    document = result.convert()
    assert isinstance(document, xml.dom.minidom.Document)
    literals = [node.firstChild.data for node in document.getElementsByTagName("literal")]
    assert literals == [value for row in EXPECTED for value in row]


def test_sparqlwrapper_csv(base):
    result = wrapper(base, DIRECTORS, CSV).query()
    assert result.response.headers["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(result.convert().decode("utf-8"))))
    assert rows == [["director", "film"]] + EXPECTED


def test_sparqlwrapper_tsv(base):
    result = wrapper(base, DIRECTORS, TSV).query()
    assert result.response.headers["Content-Type"].startswith("text/tab-separated-values")
    lines = result.convert().decode("utf-8").splitlines()
    assert lines == ["?director\t?film"] + [f'"{d}"\t"{f}"' for d, f in EXPECTED]


@pytest.mark.parametrize("fmt", [JSON, XML])
def test_sparqlwrapper_ask(base, fmt):
    result = wrapper(base, "ASK { ?f rdfs:label 'Dune' ; kg:filmsIn ?l . ?l rdfs:label 'Budapest' }", fmt).query().convert()
    if fmt == JSON:
        assert result == {"head": {}, "boolean": True}
    else:
        assert result.getElementsByTagName("boolean")[0].firstChild.data == "true"


def test_sparqlwrapper_construct_as_turtle_and_json_ld(base):
    query = "CONSTRUCT { ?p kg:directs ?f } WHERE { ?p kg:directs ?f }"
    turtle = wrapper(base, query, TURTLE).query()
    assert turtle.response.headers["Content-Type"].startswith("text/turtle")
    graph = Graph().parse(data=turtle.convert(), format="turtle")
    assert len(graph) == 3
    jsonld = wrapper(base, query, JSONLD).query()
    assert jsonld.response.headers["Content-Type"].startswith("application/ld+json")
    assert len(jsonld.convert()) == 3


def test_sparqlwrapper_describe(base):
    data = wrapper(base, "DESCRIBE ?f WHERE { ?f rdfs:label 'Barbie' }", TURTLE).query().convert()
    graph = Graph().parse(data=data, format="turtle")
    assert {str(o) for o in graph.objects()} >= {"Barbie", "https://example.org/kg/ontology#Film"}


def test_sparqlwrapper_update_is_refused(base):
    client = SPARQLWrapper(f"{base}/sparql")
    client.setMethod(POST)
    client.setQuery("INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }")
    with pytest.raises((SPARQLWrapperException, urllib.error.HTTPError)) as info:
        client.query()
    http_error = info.value if isinstance(info.value, urllib.error.HTTPError) else info.value.__context__
    assert isinstance(http_error, urllib.error.HTTPError) and http_error.code == 403
    http_error.close()  # SPARQLWrapper leaves the response open


# --- raw HTTP ---------------------------------------------------------------------------------------

def test_get_with_accept_and_quality_values(base):
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": DIRECTORS})
    status, headers, body = http(url, headers={"Accept": "text/csv;q=0.5, text/tab-separated-values;q=0.9, */*;q=0.1"})
    assert status == 200 and headers["Content-Type"].startswith("text/tab-separated-values")
    status, headers, body = http(url)  # no Accept: JSON
    assert status == 200 and json.loads(body)["head"]["vars"] == ["director", "film"]
    status, headers, _ = http(url, headers={"Accept": "application/xml"})
    assert headers["Content-Type"].startswith("application/sparql-results+xml")


def test_post_form_and_direct_query(base):
    form = urllib.parse.urlencode({"query": DIRECTORS}).encode()
    status, headers, body = http(f"{base}/sparql", form, {"Content-Type": "application/x-www-form-urlencoded", "Accept": "text/csv"})
    assert status == 200 and body.decode().splitlines()[1] == "Christopher Nolan,Oppenheimer"
    status, headers, body = http(f"{base}/sparql", DIRECTORS.encode(), {"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"})
    assert status == 200 and len(json.loads(body)["results"]["bindings"]) == 3


def test_construct_negotiates_graph_formats(base):
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": "CONSTRUCT WHERE { ?p kg:directs ?f }"})
    for accept, expected in (("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                             ("application/n-triples", "application/n-triples"), ("*/*", "text/turtle")):
        status, headers, body = http(url, headers={"Accept": accept})
        assert status == 200 and headers["Content-Type"].startswith(expected), accept
    status, _, body = http(url, headers={"Accept": "text/csv"})
    assert status == 406 and b"text/turtle" in body


@pytest.mark.parametrize(
    "how",
    ["form-update", "sparql-update", "get-update", "put", "delete"],
)
def test_updates_are_refused_with_403(base, how):
    update = "INSERT DATA { <https://example.org/a> <https://example.org/b> <https://example.org/c> }"
    if how == "form-update":
        status, _, _ = http(f"{base}/sparql", urllib.parse.urlencode({"update": update}).encode(), {"Content-Type": "application/x-www-form-urlencoded"})
    elif how == "sparql-update":
        status, _, _ = http(f"{base}/sparql", update.encode(), {"Content-Type": "application/sparql-update"})
    elif how == "get-update":
        status, _, _ = http(f"{base}/sparql?" + urllib.parse.urlencode({"update": update}))
    else:
        status, _, _ = http(f"{base}/sparql", b"<a> <b> <c> .", {"Content-Type": "text/turtle"}, method=how.upper())
    assert status == 403
    status, _, body = http(f"{base}/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s <https://example.org/b> ?o }"}))
    assert json.loads(body)["boolean"] is False


def test_an_update_sent_as_a_query_is_a_bad_request(base):
    url = f"{base}/sparql?" + urllib.parse.urlencode({"query": "INSERT DATA { <https://example.org/a> <https://example.org/b> 1 }"})
    status, _, body = http(url)
    assert status == 400 and body.startswith(b"SPARQL syntax error")


def test_errors(base):
    status, _, body = http(f"{base}/sparql?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { ?x "}))
    assert status == 400 and b"line 1, column" in body and body.count(b"\n") == 1
    status, _, body = http(f"{base}/sparql")
    assert status == 400 and b"missing 'query'" in body
    status, _, _ = http(f"{base}/sparql", b"x", {"Content-Type": "text/plain"})
    assert status == 415
    status, _, _ = http(f"{base}/nowhere")
    assert status == 404
    status, _, _ = http(f"{base}/sparql?" + urllib.parse.urlencode({"query": DIRECTORS}), headers={"Accept": "image/png"})
    assert status == 406


def test_a_bad_graph_iri_is_a_client_error(base):
    params = {"query": "SELECT * WHERE { ?s ?p ?o }", "default-graph-uri": ["not an iri <>"]}
    status, _, body = http(f"{base}/sparql?" + urllib.parse.urlencode(params, doseq=True))
    assert status == 400 and body.startswith(b"SPARQL error")


def test_the_default_graph_is_the_union_and_graphs_can_be_chosen(base):
    query = "SELECT (COUNT(*) AS ?n) WHERE { ?p kg:directs ?f }"
    count = lambda params: int(json.loads(http(f"{base}/sparql?" + urllib.parse.urlencode(params, doseq=True))[2])["results"]["bindings"][0]["n"]["value"])
    assert count({"query": query}) == 3
    assert count({"query": query, "default-graph-uri": [BARBIE_GRAPH]}) == 1
    graphs = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"
    assert count({"query": graphs}) == 4  # three articles and the entity labels
    assert count({"query": graphs, "named-graph-uri": [BARBIE_GRAPH]}) == 1


def test_the_network_view_and_the_query_page(base):
    status, headers, body = http(f"{base}/")
    assert status == 200 and headers["Content-Type"].startswith("text/html")
    page = body.decode("utf-8")
    from kg.outputs.html import REMOTE

    assert "Greta Gerwig" in page and "new vis.Network(" in page
    assert not REMOTE.search(page)  # offline: nothing loaded from elsewhere
    status, headers, body = http(f"{base}/query?" + urllib.parse.urlencode({"query": DIRECTORS}))
    page = body.decode("utf-8")
    assert status == 200 and "<td>Greta Gerwig</td>" in page and "3 rows" in page
    assert "fact-provenance" in page  # the example queries are listed
    status, _, body = http(f"{base}/query?" + urllib.parse.urlencode({"query": "SELECT ?x WHERE { <script>"}))
    assert status == 400 and b"<script>" not in body.split(b"<h2>")[0].split(b"</textarea>")[1]


def test_a_browser_asking_sparql_without_a_query_is_sent_to_the_query_page(base):
    request = urllib.request.Request(f"{base}/sparql", headers={"Accept": "text/html"})
    with urllib.request.urlopen(request, timeout=30) as response:  # follows the redirect
        assert response.url.endswith("/query") and b"<form" in response.read()


# --- time limit ---------------------------------------------------------------------------------------

def test_a_query_past_the_time_limit_gets_503_and_the_endpoint_goes_on():
    database = ox.Store()
    database.extend(
        ox.Quad(ox.NamedNode(f"https://example.org/s{i}"), ox.NamedNode(f"https://example.org/p{i % 7}"), ox.Literal(str(i)))
        for i in range(1500)
    )
    endpoint = Endpoint(database, timeout=0.05, workers=2)
    try:
        slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?p ?b . ?c ?q ?d FILTER (STR(?b) < STR(?d)) }"
        started = time.perf_counter()
        response = endpoint.handle("GET", "/sparql?" + urllib.parse.urlencode({"query": slow}), {})
        assert response.status == 503 and b"time limit of 0.05 s" in response.body
        assert time.perf_counter() - started < 0.5
        endpoint.timeout = 10
        quick = endpoint.handle("GET", "/sparql?" + urllib.parse.urlencode({"query": "ASK { ?s ?p '7' }"}), {})
        assert quick.status == 200 and json.loads(quick.body)["boolean"] is True
    finally:
        endpoint.close()


# --- other sources, negotiation, the command ---------------------------------------------------------

def test_serving_a_graph_file(store, tmp_path):
    with GraphStore.open(store, read_only=True) as opened:
        (tmp_path / "graph.trig").write_text(opened.export("trig"), encoding="utf-8")
        (tmp_path / "graph.ttl").write_text(opened.export("ttl"), encoding="utf-8")
    for name, graphs in (("graph.trig", 4), ("graph.ttl", 0)):
        endpoint = Endpoint(load_snapshot(graph=tmp_path / name))
        try:
            response = endpoint.handle("GET", "/sparql?" + urllib.parse.urlencode({"query": DIRECTORS}), {"Accept": "text/csv"})
            assert response.body.decode().splitlines()[1:] == [",".join(row) for row in EXPECTED]
            response = endpoint.handle("GET", "/sparql?" + urllib.parse.urlencode({"query": "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"}), {})
            assert json.loads(response.body)["results"]["bindings"][0]["n"]["value"] == str(graphs)
        finally:
            endpoint.close()
    with pytest.raises(InputError, match="no such file"):
        load_snapshot(graph=tmp_path / "missing.ttl")
    (tmp_path / "bad.ttl").write_text("this is not turtle")
    with pytest.raises(InputError, match="bad.ttl: not valid"):
        load_snapshot(graph=tmp_path / "bad.ttl")


@pytest.mark.parametrize(
    "accept, kind, asked, expected",
    [
        (None, "results", [], "json"),
        ("", "graph", [], "turtle"),
        ("application/sparql-results+json,application/json,text/javascript,application/javascript", "results", [], "json"),
        ("text/csv;q=0.2, application/sparql-results+xml", "results", [], "xml"),
        ("text/*", "results", [], "csv"),
        ("application/*", "graph", [], "jsonld"),
        ("application/json", "graph", [], "jsonld"),
        ("image/png", "results", [], None),
        ("text/turtle;q=0", "graph", [], None),
        ("*/*", "results", ["tsv", "text/tab-separated-values"], "tsv"),
        ("*/*", "results", ["turtle"], "json"),  # a graph format asked for results: conneg decides
        ("*/*", "graph", ["json-ld"], "jsonld"),
    ],
)
def test_negotiate(accept, kind, asked, expected):
    assert negotiate(accept, kind, asked) == expected


def test_the_serve_command_has_help_and_binds_to_localhost_by_default(capsys):
    from kg.cli import main, parser

    with pytest.raises(SystemExit) as exit_info:
        main(["serve", "--help"])
    assert exit_info.value.code == 0 and "usage: kg serve" in capsys.readouterr().out
    args = parser().parse_args(["serve"])
    assert (args.host, args.port) == ("127.0.0.1", 7878)


def test_serving_a_missing_store_is_a_one_line_error(tmp_path, capsys):
    from kg.cli import main

    assert main(["serve", "--store", str(tmp_path / "nothing"), "--port", "0"]) == 1
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "no kg store here" in err
