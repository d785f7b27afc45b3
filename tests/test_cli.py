"""The kg command end to end on the bundled examples (loads the trained spaCy model)."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from kg.cli import main
from kg.extractors import REGISTRY

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "articles"
pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    """One build of the examples into a temporary working folder."""
    work = tmp_path_factory.mktemp("work")
    code = main(["build", str(EXAMPLES), "--out", str(work / "output"), "--quiet"])
    assert code == 0
    return work / "output"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_build_writes_turtle_and_html(built):
    graph = Graph().parse(built / "graph.ttl")
    assert len(graph) > 1000
    html = (built / "graph.html").read_text(encoding="utf-8")
    assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:https?:)?//""", html, re.IGNORECASE)


def test_build_is_deterministic(built, tmp_path, capsys):
    code, out, _ = run(capsys, "build", str(EXAMPLES), "--out", str(tmp_path), "-q")
    assert code == 0 and out == ""
    assert (tmp_path / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()


def named_graphs(store: Path) -> dict:
    from kg.store import GraphStore

    with GraphStore.open(store, read_only=True) as opened:
        return {str(name): frozenset(graph) for name, graph in opened.named_graphs().items()}


def test_building_again_leaves_the_store_unchanged(built, capsys):
    before, turtle = named_graphs(built / "store"), (built / "graph.ttl").read_bytes()
    code, out, _ = run(capsys, "build", str(EXAMPLES), "--out", str(built))
    assert code == 0
    assert "0 new, 0 changed, 10 unchanged" in out and "named graphs written 0, dropped 0" in out
    assert named_graphs(built / "store") == before
    assert (built / "graph.ttl").read_bytes() == turtle


def test_removing_an_article_and_adding_it_back_restores_the_graph(built, tmp_path, capsys):
    out = tmp_path / "out"
    shutil.copytree(built / "store", out / "store")
    before = named_graphs(out / "store")
    article = sorted(EXAMPLES.glob("*.txt"))[2]
    code, printed, _ = run(capsys, "remove", str(article), "--out", str(out))
    assert code == 0 and printed.startswith(f"removed 1 article: {article.name}")
    assert len(named_graphs(out / "store")) == len(before) - 1
    code, printed, _ = run(capsys, "build", str(article), "--out", str(out), "-q")
    assert code == 0
    assert named_graphs(out / "store") == before
    assert (out / "graph.ttl").read_bytes() == (built / "graph.ttl").read_bytes()


@pytest.mark.skipif(shutil.which("rapper") is None, reason="raptor2-utils not installed")
def test_turtle_parses_in_an_independent_parser(built):
    result = subprocess.run(["rapper", "-i", "turtle", "-c", str(built / "graph.ttl")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert re.search(r"returned \d+ triples", result.stderr)


def test_build_mixes_files_and_folders_and_skips_bad_files(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    folder = tmp_path / "more" / "deep"
    folder.mkdir(parents=True)
    (folder / "empty.txt").write_text("")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02")
    (folder / "news.jsonl").write_text(
        '{"id": "j1", "date": "2023-01-02", "text": "Director Greta Gerwig is shooting Barbie in London."}\n', encoding="utf-8"
    )
    first = sorted(EXAMPLES.glob("*.txt"))[0]
    code, out, err = run(capsys, "build", str(first), "more", "--out", "out")
    assert code == 0
    assert "read 2 articles, skipped 2" in out
    assert "empty.txt: empty file; skipped" in err and "binary.txt: binary file; skipped" in err
    assert (tmp_path / "out" / "graph.ttl").is_file()


def test_a_failing_extractor_costs_only_its_own_facts(tmp_path, capsys, monkeypatch):
    class Broken:
        name = "broken"
        description = "fails on every article"

        def extract(self, ctx):
            raise ValueError("no idea what a film is")

    monkeypatch.setitem(REGISTRY, "broken", Broken())
    first = sorted(EXAMPLES.glob("*.txt"))[0]
    code, out, err = run(capsys, "build", str(first), "--out", str(tmp_path / "out"), "--fresh")
    assert code == 0 and "read 1 articles" in out
    assert err.count("\n") == 1
    assert f"{first.name}: extractor 'broken' failed (ValueError: no idea what a film is)" in err
    assert "directs" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")  # the other extractors ran


def test_failed_build_keeps_previous_output_and_says_why_in_one_line(built, tmp_path, capsys):
    before = (built / "graph.ttl").read_bytes()
    code, _, err = run(capsys, "build", str(tmp_path / "missing"), "--out", str(built))
    assert code == 1
    assert err.count("\n") == 1 and "missing: no such file or folder" in err
    assert (built / "graph.ttl").read_bytes() == before


def test_query_text_and_file_and_formats(built, capsys):
    graph = str(built / "graph.ttl")
    code, out, _ = run(capsys, "query", "SELECT ?p ?f WHERE { ?p kg:directs ?f }", "--graph", graph)
    assert code == 0 and out.splitlines()[0].split() == ["p", "f"]
    queries = Path(__file__).resolve().parent.parent / "ontology" / "queries"
    code, out, _ = run(capsys, "query", str(queries / "directors.rq"), "--graph", graph, "--format", "csv")
    assert code == 0 and "," in out.splitlines()[0]
    code, out, _ = run(capsys, "query", "ASK { ?s a kg:Film }", "--graph", graph)
    assert out.strip() == "true"


def test_query_syntax_error_is_one_line(built, capsys):
    code, _, err = run(capsys, "query", "SELECT ?x WHERE { ?x ", "--graph", str(built / "graph.ttl"))
    assert code == 1
    assert err.count("\n") == 1 and "line" in err and "column" in err


@pytest.mark.parametrize("fmt", ["ttl", "nt", "nq", "trig", "jsonld"])
def test_export_round_trips(built, tmp_path, capsys, fmt):
    out = tmp_path / f"graph.{fmt}"
    code, _, _ = run(capsys, "export", "--graph", str(built / "graph.ttl"), "--format", fmt, "--out", str(out))
    assert code == 0
    from kg.outputs.rdf import load_graph

    assert isomorphic(load_graph(out), load_graph(built / "graph.ttl"))


def test_export_graphml(built, tmp_path, capsys):
    import networkx as nx

    out = tmp_path / "graph.graphml"
    assert run(capsys, "export", "--graph", str(built / "graph.ttl"), "--format", "graphml", "--out", str(out))[0] == 0
    assert nx.read_graphml(out).number_of_nodes() > 10


def test_validate_stats_and_extractors(built, capsys):
    graph = str(built / "graph.ttl")
    code, out, _ = run(capsys, "validate", "--graph", graph)
    assert code == 0, out
    code, out, _ = run(capsys, "stats", "--graph", graph)
    assert code == 0 and "Person" in out and "most connected" in out
    code, out, _ = run(capsys, "extractors")
    assert code == 0 and len(out.splitlines()) == len(REGISTRY)


def test_usage_error_exits_2(capsys):
    with pytest.raises(SystemExit) as exit_info:
        main(["build"])
    assert exit_info.value.code == 2


@pytest.mark.parametrize("command", ["build", "query", "export", "validate", "stats", "extractors"])
def test_every_command_has_help(capsys, command):
    with pytest.raises(SystemExit) as exit_info:
        main([command, "--help"])
    assert exit_info.value.code == 0
    assert "usage: kg " + command in capsys.readouterr().out
