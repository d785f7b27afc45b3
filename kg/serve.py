"""A read-only SPARQL endpoint over a store or a graph file (``kg serve``).

Takes a store (or a graph file), copies it into an in-memory Oxigraph store at start (the
store on disk stays free for ``kg build``; restart the server to serve a later build) and
answers over HTTP:

- ``/sparql``: the SPARQL 1.1 Protocol. Queries by GET (``?query=``) or POST (URL-encoded
  form, or the query as the body with ``Content-Type: application/sparql-query``), with
  ``default-graph-uri`` and ``named-graph-uri``. The default graph is the union of all
  graphs (each triple once). SELECT and ASK results as SPARQL JSON, XML, CSV or TSV, CONSTRUCT and DESCRIBE
  as Turtle, JSON-LD, N-Triples or RDF/XML, chosen by the ``Accept`` header (or a
  ``format``/``output`` parameter naming one, as SPARQLWrapper sends). Updates are refused
  with 403, and so is every PUT, DELETE or PATCH.
- ``/``: the network view (``kg.outputs.html``) of the graph.
- ``/query``: a page with a query form, the example queries of ``ontology/queries`` and
  the results as a table.

Every query runs in a worker thread with a time limit: past it the client gets 503 at
once. Oxigraph cannot stop a query that has started, so its thread finishes in the
background; at most ``workers`` queries run at a time and the others wait, their wait
counting against their own limit.
"""
from __future__ import annotations

import functools
import html
import sys
import threading
import urllib.parse
from concurrent.futures import ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Callable, Mapping

import pyoxigraph as ox

import kg
from kg.errors import InputError, KGError, QueryError
from kg.query import one_line, shorten
from kg.store import OX_PREFIXES, GraphStore, add_union_to_default_graph, run_ox_query, to_rdflib_graph, to_rdflib_result

QUERIES_DIR = Path(kg.__file__).resolve().parent.parent / "ontology" / "queries"
MAX_BODY = 1_000_000
MAX_TABLE_ROWS = 1000
_DEFAULT_QUERY_FILE = QUERIES_DIR / "directors.rq"
DEFAULT_QUERY = _DEFAULT_QUERY_FILE.read_text(encoding="utf-8").strip() if _DEFAULT_QUERY_FILE.is_file() else ""
"""The query the /query form shows first (empty where ``ontology/queries`` is not installed)."""

# format name -> (Content-Type sent, pyoxigraph format); the first of each is the default
RESULT_FORMATS = {
    "json": ("application/sparql-results+json", ox.QueryResultsFormat.JSON),
    "xml": ("application/sparql-results+xml", ox.QueryResultsFormat.XML),
    "csv": ("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV),
    "tsv": ("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV),
}
GRAPH_FORMATS = {
    "turtle": ("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE),
    "jsonld": ("application/ld+json", ox.RdfFormat.JSON_LD),
    "ntriples": ("application/n-triples", ox.RdfFormat.N_TRIPLES),
    "rdfxml": ("application/rdf+xml", ox.RdfFormat.RDF_XML),
}
# media types a client may ask for -> format name
RESULT_MEDIA = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml", "text/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPH_MEDIA = {
    "text/turtle": "turtle", "application/x-turtle": "turtle", "text/n3": "turtle",
    "application/ld+json": "jsonld", "application/json": "jsonld",
    "application/n-triples": "ntriples", "text/plain": "ntriples",
    "application/rdf+xml": "rdfxml", "application/xml": "rdfxml", "text/xml": "rdfxml",
}
# values of a format/output parameter -> format name
FORMAT_NAMES = {
    "json": "json", "xml": "xml", "csv": "csv", "tsv": "tsv",
    "turtle": "turtle", "ttl": "turtle", "n3": "turtle", "json-ld": "jsonld", "jsonld": "jsonld",
    "nt": "ntriples", "ntriples": "ntriples", "n-triples": "ntriples", "rdf+xml": "rdfxml", "rdfxml": "rdfxml",
}


@dataclass
class Response:
    """An HTTP response: status, Content-Type, body and any other headers."""

    status: int
    content_type: str
    body: bytes
    headers: dict[str, str] = field(default_factory=dict)


def _text(status: int, message: str, **headers: str) -> Response:
    return Response(status, "text/plain; charset=utf-8", (message + "\n").encode("utf-8"), dict(headers))


class QueryTimeout(KGError):
    """A query ran past the endpoint's time limit."""


def negotiate(accept: str | None, kind: str, asked: list[str] = ()) -> str | None:
    """The format to answer in, or None if the client accepts none that fits.

    Args:
        accept: The ``Accept`` header (None or empty: anything).
        kind: ``"results"`` (SELECT, ASK) or ``"graph"`` (CONSTRUCT, DESCRIBE).
        asked: Values of ``format``/``output``/``results`` parameters; the first that
            names a format of this kind (``json``, ``turtle``, a media type) wins.

    Returns:
        A key of ``RESULT_FORMATS`` or ``GRAPH_FORMATS``.
    """
    formats, media = (RESULT_FORMATS, RESULT_MEDIA) if kind == "results" else (GRAPH_FORMATS, GRAPH_MEDIA)
    for value in asked:
        value = value.strip().lower()
        name = FORMAT_NAMES.get(value) or media.get(value.split(";")[0].strip())
        if name in formats:
            return name
    if not accept or not accept.strip():
        return next(iter(formats))
    ranges = []
    for position, part in enumerate(accept.split(",")):
        pieces = [p.strip() for p in part.split(";")]
        quality = 1.0
        for parameter in pieces[1:]:
            key, _, value = parameter.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if pieces[0] and quality > 0:
            ranges.append((-quality, position, pieces[0].lower()))
    for _, _, media_range in sorted(ranges):
        if media_range in media:
            return media[media_range]
        if media_range == "*/*":
            return next(iter(formats))
        if media_range.endswith("/*"):
            major = media_range[:-1]
            for name, (content_type, _) in formats.items():
                if content_type.startswith(major):
                    return name
    return None


def load_snapshot(store: str | Path | None = None, graph: str | Path | None = None) -> ox.Store:
    """An in-memory copy of a store or of a graph file.

    Raises:
        InputError: There is no such store or file, or the file does not parse.
        StoreError: The store cannot be opened.
    """
    snapshot = ox.Store()
    if store is not None:
        with GraphStore.open(store, read_only=True) as opened:
            snapshot.bulk_load(input=opened.database.dump(format=ox.RdfFormat.N_QUADS), format=ox.RdfFormat.N_QUADS)
        return snapshot
    path = Path(graph)
    if not path.is_file():
        raise InputError(f"{path}: no such file (run `kg build` first?)")
    extension = {"jsonld": "jsonld", "json": "jsonld", "xml": "rdf"}.get(path.suffix.lower().lstrip("."), path.suffix.lower().lstrip("."))
    rdf_format = ox.RdfFormat.from_extension(extension)
    if rdf_format is None:
        raise InputError(f"{path}: unknown graph file extension {path.suffix!r}")
    try:
        snapshot.bulk_load(path=str(path), format=rdf_format)
    except (SyntaxError, ValueError, OSError) as error:
        raise InputError(f"{path}: not valid {rdf_format.name}: {one_line(str(error))}") from error
    add_union_to_default_graph(snapshot)  # as in a store: the default graph holds the union
    return snapshot


class Endpoint:
    """The HTTP-free part of the server: a request in, a ``Response`` out.

    Args:
        database: The graph to serve (not changed).
        title: The title of the HTML pages.
        timeout: Seconds a query may run before the client gets 503.
        workers: How many queries may run at once.
    """

    def __init__(self, database: ox.Store, title: str = "kg", timeout: float = 30.0, workers: int = 4):
        self.database = database
        self.title = title
        self.timeout = timeout
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kg-query")
        self._page: bytes | None = None
        self._page_lock = threading.Lock()

    def close(self) -> None:
        """Stop taking queries; queries still running finish in the background."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    def handle(self, method: str, target: str, headers: Mapping[str, str], body: bytes = b"") -> Response:
        """Answer one request.

        Args:
            method: GET, POST, ...
            target: The request target: path and query string.
            headers: The request headers (names in any case).
            body: The request body.
        """
        headers = {k.lower(): v for k, v in headers.items()}
        url = urllib.parse.urlsplit(target)
        params = urllib.parse.parse_qs(url.query, keep_blank_values=True)
        if method not in ("GET", "POST", "HEAD"):
            return _text(403, f"{method} refused: this endpoint is read-only")
        if url.path == "/sparql":
            return self._sparql(method, params, headers, body)
        if method == "POST":
            return _text(405, "POST is for /sparql only", Allow="GET")
        if url.path in ("/", "/index.html"):
            return Response(200, "text/html; charset=utf-8", self._network_page())
        if url.path == "/query":
            return self._query_page(params)
        return _text(404, f"{url.path}: not found; try /sparql, /query or /")

    # --- the SPARQL protocol ---------------------------------------------------------------------

    def _sparql(self, method: str, params: dict[str, list[str]], headers: dict[str, str], body: bytes) -> Response:
        if method == "POST":
            content_type = headers.get("content-type", "").split(";")[0].strip().lower()
            if content_type == "application/sparql-update":
                return _text(403, "SPARQL updates are refused: this endpoint is read-only")
            if content_type == "application/x-www-form-urlencoded":
                params = {**params, **urllib.parse.parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True)}
            elif content_type == "application/sparql-query":
                params = {**params, "query": [body.decode("utf-8", "replace")]}
            else:
                return _text(415, f"unsupported Content-Type {content_type or '(none)'!r}; send application/sparql-query or application/x-www-form-urlencoded")
        if "update" in params:
            return _text(403, "SPARQL updates are refused: this endpoint is read-only")
        queries = params.get("query", [])
        if len(queries) != 1:
            if not queries and "text/html" in headers.get("accept", ""):
                return Response(303, "text/plain; charset=utf-8", b"see /query\n", {"Location": "/query"})
            return _text(400, "give exactly one 'query' parameter" if queries else "missing 'query' parameter")
        asked = [v for key in ("format", "output", "results") for v in params.get(key, [])]
        accept = headers.get("accept")
        default_graph = params.get("default-graph-uri") or None
        named_graphs = params.get("named-graph-uri") or None

        def job() -> Response:
            answer = run_ox_query(self.database, queries[0], default_graph, named_graphs)
            kind = "graph" if isinstance(answer, ox.QueryTriples) else "results"
            name = negotiate(accept, kind, asked)
            if name is None:
                offered = ", ".join(t for t, _ in (RESULT_FORMATS if kind == "results" else GRAPH_FORMATS).values())
                return _text(406, f"cannot answer in {accept!r}; this query's results come as: {offered}")
            if kind == "results":
                content_type, fmt = RESULT_FORMATS[name]
                return Response(200, content_type, answer.serialize(format=fmt))
            content_type, fmt = GRAPH_FORMATS[name]
            return Response(200, content_type, ox.serialize(list(answer), format=fmt, prefixes=OX_PREFIXES))

        try:
            return self._run(job)
        except QueryError as error:
            return _text(400, str(error))
        except QueryTimeout as error:
            return _text(503, str(error), **{"Retry-After": "60"})

    def _run(self, job: Callable[[], Response]) -> Response:
        """Run a job in a worker thread; QueryTimeout past the time limit."""
        future = self._pool.submit(job)
        try:
            return future.result(timeout=self.timeout)
        except FutureTimeout:
            future.cancel()
            raise QueryTimeout(f"the query ran past the time limit of {self.timeout:g} s") from None

    # --- pages -----------------------------------------------------------------------------------

    def _network_page(self) -> bytes:
        with self._page_lock:
            if self._page is None:
                from kg.outputs.html import render_html

                self._page = render_html(to_rdflib_graph(self.database), self.title).encode("utf-8")
            return self._page

    def _query_page(self, params: dict[str, list[str]]) -> Response:
        text = (params.get("query") or [""])[0]
        outcome = ""
        status = 200
        if text.strip():
            try:
                outcome = self._run(lambda: Response(200, "text/html", self._result_html(text).encode("utf-8"))).body.decode("utf-8")
            except (QueryError, QueryTimeout) as error:
                status = 400 if isinstance(error, QueryError) else 503
                outcome = f'<p class="error">{html.escape(str(error))}</p>'
        prefixes = " ".join(sorted(OX_PREFIXES))
        page = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{html.escape(self.title)}: query</title>
<style>
body {{ font-family: system-ui, sans-serif; margin: 1.5em; }}
textarea {{ width: 100%; font-family: monospace; }}
table {{ border-collapse: collapse; margin-top: 1em; }}
td, th {{ border: 1px solid #ccc; padding: 0.2em 0.5em; text-align: left; vertical-align: top; }}
pre {{ background: #f6f6f6; padding: 0.5em; overflow: auto; }}
.error {{ color: #b00; }}
</style></head><body>
<h1>{html.escape(self.title)}</h1>
<p><a href="/">network view</a> · SPARQL endpoint: <code>/sparql</code> · prefixes bound: <code>{html.escape(prefixes)}</code></p>
<form method="get" action="/query">
<textarea name="query" rows="12">{html.escape(text or DEFAULT_QUERY)}</textarea>
<p><button type="submit">Run</button></p>
</form>
{outcome}
<h2>Example queries</h2>
<ul>{_example_items()}</ul>
</body></html>
"""
        return Response(status, "text/html; charset=utf-8", page.encode("utf-8"))

    def _result_html(self, text: str) -> str:
        from kg.outputs.rdf import serialize

        result = to_rdflib_result(run_ox_query(self.database, text))
        if result.type == "ASK":
            return f"<p>{'true' if result.askAnswer else 'false'}</p>"
        if result.type in ("CONSTRUCT", "DESCRIBE"):
            return f"<pre>{html.escape(serialize(result.graph, 'ttl'))}</pre>"
        rows = list(result.bindings)
        head = "".join(f"<th>{html.escape(str(v))}</th>" for v in result.vars)
        body = "".join(
            "<tr>" + "".join(f"<td>{html.escape(shorten(row.get(v)))}</td>" for v in result.vars) + "</tr>"
            for row in rows[:MAX_TABLE_ROWS]
        )
        more = f"<p>showing {MAX_TABLE_ROWS} of {len(rows)} rows</p>" if len(rows) > MAX_TABLE_ROWS else ""
        return f"<p>{len(rows)} row{'s' * (len(rows) != 1)}</p><table><tr>{head}</tr>{body}</table>{more}"


@functools.cache
def _example_items() -> str:
    """The example queries of ``QUERIES_DIR`` as HTML list items, read once."""
    examples = []
    if QUERIES_DIR.is_dir():
        for path in sorted(QUERIES_DIR.glob("*.rq")):
            query = path.read_text(encoding="utf-8")
            first = query.splitlines()[0].lstrip("# ").strip() if query.strip() else path.stem
            link = "/query?" + urllib.parse.urlencode({"query": query})
            examples.append(f'<li><a href="{html.escape(link)}">{html.escape(path.stem)}</a>: {html.escape(first)}</li>')
    return "".join(examples)


class _Handler(BaseHTTPRequestHandler):
    server_version = "kg-sparql"
    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        endpoint: Endpoint = self.server.endpoint  # type: ignore[attr-defined]
        length = int(self.headers.get("Content-Length") or 0)
        if length > MAX_BODY:
            response = _text(413, f"request body over {MAX_BODY} bytes")
            self.close_connection = True
        else:
            body = self.rfile.read(length) if length else b""
            try:
                response = endpoint.handle(self.command, self.path, dict(self.headers.items()), body)
            except Exception as error:  # never let one request take the server down
                response = _text(500, f"internal error: {type(error).__name__}: {error}")
        self.send_response(response.status)
        self.send_header("Content-Type", response.content_type)
        self.send_header("Content-Length", str(len(response.body)))
        for name, value in response.headers.items():
            self.send_header(name, value)
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(response.body)

    do_GET = do_POST = do_HEAD = do_PUT = do_DELETE = do_PATCH = _answer

    def log_message(self, format: str, *args) -> None:  # noqa: A002 (the base class's name)
        if not getattr(self.server, "quiet", False):
            super().log_message(format, *args)


def make_server(
    *,
    store: str | Path | None = None,
    graph: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
    quiet: bool = False,
) -> ThreadingHTTPServer:
    """A server for a store or a graph file, bound but not yet serving.

    Call ``serve_forever()`` (in a thread, for tests) and ``shutdown()`` then
    ``server_close()``; ``server.endpoint`` is the ``Endpoint``; ``server.server_address``
    has the port (pass 0 for a free one).

    Raises:
        InputError: There is no such store or file.
        StoreError: The store cannot be opened.
    """
    database = load_snapshot(store=store, graph=graph)
    title = f"kg: {store if store is not None else graph}"
    server = ThreadingHTTPServer((host, port), _Handler)
    server.daemon_threads = True
    server.endpoint = Endpoint(database, title=title, timeout=timeout)  # type: ignore[attr-defined]
    server.quiet = quiet  # type: ignore[attr-defined]
    return server


def serve(
    *,
    store: str | Path | None = None,
    graph: str | Path | None = None,
    host: str = "127.0.0.1",
    port: int = 7878,
    timeout: float = 30.0,
) -> None:
    """Serve until interrupted (Ctrl-C), printing where."""
    try:
        server = make_server(store=store, graph=graph, host=host, port=port, timeout=timeout)
    except OSError as error:
        raise InputError(f"cannot listen on {host}:{port}: {error.strerror or error}") from error
    bound_host, bound_port = server.server_address[:2]
    shown = f"[{bound_host}]" if ":" in bound_host else bound_host
    print(f"kg serve: {len(server.endpoint.database)} quads from {store if store is not None else graph}", file=sys.stderr)  # type: ignore[attr-defined]
    print(f"kg serve: SPARQL at http://{shown}:{bound_port}/sparql, query page at /query, network at /; Ctrl-C stops", file=sys.stderr)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        server.endpoint.close()  # type: ignore[attr-defined]
