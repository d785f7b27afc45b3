"""The HTML page in a real browser: Debian's Chromium, headless, through Playwright.

Skipped when /usr/bin/chromium (or the playwright package) is missing; CI installs both.
One browser serves the whole module; each test opens the page from file:// in a fresh
context that aborts and records every request that is not for the page itself.
"""
from __future__ import annotations

import base64
from pathlib import Path

import pytest
from rdflib import Literal
from rdflib.namespace import PROV, RDF, RDFS, SKOS, XSD

from kg.ontology import ARTICLE, EVIDENCE, ID, KG, SCHEMA, new_graph
from kg.outputs.html import write_html

pytestmark = pytest.mark.browser

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run"]

NOLAN, CILLIAN = str(ID["person/christopher-nolan"]), str(ID["person/cillian-murphy"])
FILM, PLACE, STUDIO = str(ID["film/oppenheimer"]), str(ID["location/new-mexico"]), str(ID["organization/universal-pictures"])
EVIL_PERSON, EVIL_FILM = str(ID["person/evil"]), str(ID["film/evil"])
SENTENCE = "Christopher Nolan directs Oppenheimer, starring Cillian Murphy, in New Mexico."
EVIL_NAME = '<img src=x onerror="window.__pwned = 1">'
EVIL_TITLE = "</script><script>window.__pwned = 2</script>"
EVIL_SENTENCE = f"{EVIL_NAME} stars in {EVIL_TITLE} <script>window.__pwned = 3</script> 'quoted' \"and\" back\\slash."
EVIL_ARTICLE = "<img src=y onerror=window.__pwned=4> & <b>News</b>"


def _graph():
    """The Oppenheimer graph of conftest.py, plus an article whose text tries to run code."""
    g = new_graph()
    good, evil = ARTICLE["oppenheimer-txt"], ARTICLE["evil-jsonl"]
    entities = [(NOLAN, KG.Person, "Christopher Nolan"), (CILLIAN, KG.Person, "Cillian Murphy"),
                (FILM, KG.Film, "Oppenheimer"), (PLACE, KG.Location, "New Mexico"),
                (STUDIO, KG.Organization, "Universal Pictures"),
                (EVIL_PERSON, KG.Person, EVIL_NAME), (EVIL_FILM, KG.Film, EVIL_TITLE)]
    for iri, cls, label in entities:
        node = ID[iri.rsplit("/id/", 1)[1]]
        g.add((node, RDF.type, cls))
        g.add((node, RDFS.label, Literal(label)))
        g.add((evil if "evil" in iri else good, SCHEMA.mentions, node))
    g.add((ID["person/christopher-nolan"], SKOS.altLabel, Literal("Nolan")))
    g.add((ID["person/evil"], SKOS.altLabel, Literal("Bobby 'Tables'")))
    for article, ident, title, date in ((good, "oppenheimer.txt", None, "2022-03-01"),
                                        (evil, "evil-1", EVIL_ARTICLE, "2023-05-06")):
        g.add((article, RDF.type, SCHEMA.NewsArticle))
        g.add((article, SCHEMA.identifier, Literal(ident)))
        g.add((article, SCHEMA.datePublished, Literal(date, datatype=XSD.date)))
        if title:
            g.add((article, SCHEMA.name, Literal(title)))
    facts = [(NOLAN, KG.directs, FILM, good, SENTENCE, "0.9"), (CILLIAN, KG.actsIn, FILM, good, SENTENCE, "0.8"),
             (FILM, KG.filmsIn, PLACE, good, SENTENCE, "0.6"), (FILM, KG.producedBy, STUDIO, good, SENTENCE, "0.9"),
             (EVIL_PERSON, KG.actsIn, EVIL_FILM, evil, EVIL_SENTENCE, "0.7")]
    for n, (s, p, o, article, sentence, confidence) in enumerate(facts):
        s, o = ID[s.rsplit("/id/", 1)[1]], ID[o.rsplit("/id/", 1)[1]]
        g.add((s, p, o))
        ev = EVIDENCE[f"e{n}"]
        for prop, value in ((RDF.type, KG.Evidence), (RDF.subject, s), (RDF.predicate, p), (RDF.object, o),
                            (PROV.wasDerivedFrom, article), (KG.sentence, Literal(sentence)),
                            (KG.startOffset, Literal(0)), (KG.endOffset, Literal(len(sentence))),
                            (KG.extractor, Literal("roles")), (KG.confidence, Literal(confidence, datatype=XSD.decimal))):
            g.add((ev, prop, value))
    g.add((ID["film/oppenheimer"], KG.releasedOn, Literal("2023-07-21", datatype=XSD.date)))
    return g


@pytest.fixture(scope="module")
def browser():
    if not CHROMIUM.exists():
        pytest.skip("Debian's chromium is not installed (/usr/bin/chromium)")
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield browser
        browser.close()


@pytest.fixture(scope="module")
def page_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("html") / "graph.html"
    write_html(_graph(), path, title="Test graph", built="2024-01-02 03:04")
    return path


class Log:
    def __init__(self):
        self.console, self.errors, self.requests = [], [], []


@pytest.fixture
def page(browser, page_file):
    """The page, loaded and ready; its console messages, errors and requests in ``page.log``."""
    # bypass_csp: tests evaluate script (which the page's own policy forbids); it also shows
    # that escaping alone keeps article text from running, without help from the policy
    context = browser.new_context(viewport={"width": 1400, "height": 900}, bypass_csp=True)
    log = Log()

    def route(r):
        log.requests.append(r.request.url)
        if r.request.url == page_file.as_uri():
            r.continue_()
        else:
            r.abort()

    context.route("**/*", route)
    tab = context.new_page()
    tab.on("console", lambda m: log.console.append(f"{m.type}: {m.text}"))
    tab.on("pageerror", lambda e: log.errors.append(str(e)))
    tab.goto(page_file.as_uri())
    tab.wait_for_function("document.body.dataset.state === 'ready'", timeout=20_000)
    tab.log = log
    yield tab
    context.close()


def _click_canvas(page, point):
    box = page.locator("#kg-network").bounding_box()
    page.mouse.click(box["x"] + point["x"], box["y"] + point["y"])


def _panel(page) -> str:
    return page.locator("#kg-panel").inner_text()


def test_loads_from_file_without_errors_or_network(page, page_file):
    assert page.url.startswith("file://")
    assert page.log.errors == [] and page.log.console == []
    assert page.log.requests == [page_file.as_uri()]
    assert page.title() == "Test graph"
    header = page.locator("header").inner_text()
    assert "7 entities · 5 relations · 1 date · 2 articles · 5 evidence records · built 2024-01-02 03:04" in header
    assert "Test graph" in header and "2 source articles" in header
    page.click("#kg-sources summary")
    articles = page.locator("#kg-articles").inner_text()
    assert "oppenheimer.txt" in articles and "2022-03-01" in articles and EVIL_ARTICLE in articles
    # stable: physics is off and nothing moves
    before = page.evaluate("JSON.stringify(kgView.network.getPositions())")
    page.wait_for_timeout(300)
    assert page.evaluate("kgView.network.physics.physicsEnabled") is False
    assert page.evaluate("JSON.stringify(kgView.network.getPositions())") == before


def test_network_holds_the_nodes_and_edges(page):
    ids = page.evaluate("kgView.network.body.data.nodes.getIds()")
    assert sorted(ids) == sorted([NOLAN, CILLIAN, FILM, PLACE, STUDIO, EVIL_PERSON, EVIL_FILM])
    edges = page.evaluate("kgView.edges.get().map(e => [e.from, e.label, e.to, e.arrows || null])")
    assert sorted(e[:3] for e in edges) == sorted([
        [NOLAN, "directs", FILM], [CILLIAN, "actsIn", FILM], [FILM, "filmsIn", PLACE],
        [FILM, "producedBy", STUDIO], [EVIL_PERSON, "actsIn", EVIL_FILM]])
    assert page.evaluate("kgView.network.body.nodes[%r].options.shape" % FILM) == "star"
    filters, legend = page.locator("#kg-classes").inner_text(), page.locator("#kg-panel").inner_text()
    assert "Person" in filters and "Film" in filters and "Platform" not in filters
    assert "Person (dot)" in legend and "Film (star)" in legend and "Platform" not in legend
    sizes = page.evaluate(f"[kgView.network.body.nodes[{FILM!r}].options.size, kgView.network.body.nodes[{NOLAN!r}].options.size]")
    assert sizes[0] > sizes[1]  # the film has four links, Nolan one
    assert page.evaluate("kgView.network.getScale()") > 0.3  # a handful of nodes: labels at a readable zoom


def test_clicking_a_node_shows_its_names_relations_and_articles(page):
    point = page.evaluate(f"kgView.network.canvasToDOM(kgView.network.getPosition({NOLAN!r}))")
    _click_canvas(page, point)
    panel = _panel(page)
    assert panel.startswith("Christopher Nolan") and "Person" in panel
    assert "Nolan" in panel and "directs →" in panel and "Oppenheimer" in panel
    assert "oppenheimer.txt" in panel
    page.locator("#kg-panel button", has_text="Oppenheimer").first.click()  # to the film
    panel = _panel(page)
    assert panel.startswith("Oppenheimer") and "← actsIn" in panel and "Cillian Murphy" in panel
    assert "releasedOn →" in panel and "2023-07-21" in panel


def test_clicking_an_edge_shows_its_evidence_with_both_names_marked(page):
    page.wait_for_timeout(100)
    point = page.evaluate(f"""(() => {{
        const n = kgView.network, p = n.getPositions([{CILLIAN!r}, {FILM!r}]);
        const a = p[{CILLIAN!r}], b = p[{FILM!r}];
        return n.canvasToDOM({{x: a.x + (b.x - a.x) * 0.4, y: a.y + (b.y - a.y) * 0.4}});
    }})()""")
    _click_canvas(page, point)
    assert page.evaluate("kgView.network.getSelectedEdges().length") == 1
    panel = _panel(page)
    assert "Cillian Murphy → actsIn → Oppenheimer" in panel
    assert SENTENCE in panel and "oppenheimer.txt" in panel and "2022-03-01" in panel
    assert "confidence 0.80" in panel.lower()
    marks = page.locator("#kg-panel blockquote mark").all_inner_texts()
    assert marks == ["Oppenheimer", "Cillian Murphy"]
    assert page.locator("#kg-panel mark.kg-subject").inner_text() == "Cillian Murphy"


def test_search_finds_any_name_in_part_and_focuses_it(page):
    page.fill("#kg-search", "NOLA")
    assert page.locator("#kg-results").inner_text().startswith("●Christopher Nolan")
    page.fill("#kg-search", "murph")
    page.press("#kg-search", "Enter")
    assert page.evaluate("kgView.network.getSelectedNodes()") == [CILLIAN]
    assert _panel(page).startswith("Cillian Murphy")
    centre, node = page.evaluate(f"[kgView.network.getViewPosition(), kgView.network.getPosition({CILLIAN!r})]")
    assert abs(centre["x"] - node["x"]) < 1 and abs(centre["y"] - node["y"]) < 1
    page.fill("#kg-search", "zzz")
    assert "No entity has that name." in page.locator("#kg-results").inner_text()


def test_filters_hide_classes_relations_and_weak_facts_and_update_counts(page):
    status = page.locator("#kg-status")
    assert status.inner_text() == "Showing 7 of 7 entities and 5 of 5 relations."
    page.uncheck("#kg-classes input[data-key='Location']")
    assert page.evaluate(f"kgView.nodes.get({PLACE!r}).hidden") is True
    assert page.evaluate("kgView.edges.get().filter(e => e.label === 'filmsIn')[0].hidden") is True
    assert status.inner_text() == "Showing 6 of 7 entities and 4 of 5 relations."
    assert page.locator("#kg-classes li", has_text="Location").inner_text().endswith("0 / 1")
    page.check("#kg-classes input[data-key='Location']")
    page.uncheck("#kg-relations input[data-key='directs']")
    assert status.inner_text() == "Showing 7 of 7 entities and 4 of 5 relations."
    page.check("#kg-isolated")
    assert status.inner_text() == "Showing 6 of 7 entities and 4 of 5 relations."  # Nolan has no shown link
    page.uncheck("#kg-isolated")
    page.check("#kg-relations input[data-key='directs']")
    page.locator("#kg-confidence").fill("0.85")
    assert page.locator("#kg-confidence-value").inner_text() == "0.85"
    assert status.inner_text() == "Showing 7 of 7 entities and 2 of 5 relations."  # directs, producedBy 0.9
    assert page.locator("#kg-relations li", has_text="actsIn").inner_text().endswith("0 / 2")


def test_focus_shows_the_neighbourhood_to_depth_one_or_two(page):
    page.evaluate(f"kgView.selectNode({NOLAN!r}, true)")
    page.click("#kg-focus-on")
    assert sorted(page.evaluate("kgView.shownNodeIds()")) == sorted([NOLAN, FILM])
    page.select_option("#kg-depth", "2")
    assert sorted(page.evaluate("kgView.shownNodeIds()")) == sorted([NOLAN, FILM, CILLIAN, PLACE, STUDIO])
    assert "Focus: depth 2" in page.locator("#kg-status").inner_text()
    page.click("#kg-focus-off")
    assert len(page.evaluate("kgView.shownNodeIds()")) == 7


def test_article_text_shows_as_text_and_never_runs(page, page_file):
    page.evaluate(f"kgView.selectNode({EVIL_PERSON!r}, true)")
    assert _panel(page).startswith(EVIL_NAME)
    assert "Bobby 'Tables'" in _panel(page)
    edge = page.evaluate("kgView.data.edges.find(e => e.from === %r).id" % EVIL_PERSON)
    page.evaluate(f"kgView.selectEdge({edge!r})")
    panel = _panel(page)
    assert EVIL_SENTENCE in panel and EVIL_ARTICLE in panel
    assert page.locator("#kg-panel blockquote mark").all_inner_texts() == [EVIL_NAME, EVIL_TITLE]
    page.locator("#kg-panel button", has_text="News").first.click()  # the article's panel
    assert _panel(page).startswith(EVIL_ARTICLE)
    page.fill("#kg-search", "<img")
    assert EVIL_NAME in page.locator("#kg-results").inner_text()
    page.click("#kg-sources summary")
    page.wait_for_timeout(100)
    assert page.evaluate("window.__pwned") is None
    assert page.evaluate("document.querySelectorAll('img, b').length") == 0
    assert page.evaluate("document.querySelectorAll('script').length") == 3
    assert page.log.errors == [] and page.log.console == []
    assert page.log.requests == [page_file.as_uri()]  # no img src=x, y or z was fetched


def test_a_screenshot_is_not_blank(page):
    shot = page.locator("#kg-network").screenshot()
    url = "data:image/png;base64," + base64.b64encode(shot).decode()
    colours = page.evaluate("""url => new Promise(resolve => {
        const img = new Image();
        img.onload = () => {
            const c = document.createElement('canvas');
            c.width = img.width; c.height = img.height;
            const ctx = c.getContext('2d');
            ctx.drawImage(img, 0, 0);
            const d = ctx.getImageData(0, 0, c.width, c.height).data, seen = new Set();
            let ink = 0;
            for (let i = 0; i < d.length; i += 4) {
                seen.add((d[i] << 16) | (d[i + 1] << 8) | d[i + 2]);
                if (d[i] < 200 || d[i + 1] < 200 || d[i + 2] < 200) ink++;
            }
            resolve([seen.size, ink / (d.length / 4)]);
        };
        img.src = url;
    })""", url)
    distinct, ink = colours
    assert distinct > 20 and ink > 0.002  # class colours, labels and edges, not a white box
