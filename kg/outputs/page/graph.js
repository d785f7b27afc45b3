/* The kg network page: vis-network plus a side panel, search, filters and focus.
 *
 * Reads the graph from <script type="application/json" id="kg-data"> (written by
 * kg/outputs/html.py). Everything that comes from articles is put into the DOM with
 * textContent or as text nodes, never as markup. window.kgView exposes the network and
 * a few functions for tests and benchmarks; document.body.dataset.state becomes "ready"
 * once the network has been drawn (the layout comes from Python; physics stays off).
 */
(function () {
  "use strict";

  var data = JSON.parse(document.getElementById("kg-data").textContent);
  var meta = data.meta, classes = data.classes, nodes = data.nodes, edges = data.edges;
  var articles = data.articles, sentences = data.sentences;
  var BIG = nodes.length > 1500;

  function byId(id) { return document.getElementById(id); }
  function el(tag, className, text) {
    var e = document.createElement(tag);
    if (className) { e.className = className; }
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } return e; }
  function fmt(n) { return Number(n).toLocaleString("en-US"); }
  function plural(n, one, many) { return fmt(n) + " " + (n === 1 ? one : (many || one + "s")); }
  function conf(c) { return c === null || c === undefined ? "n/a" : Number(c).toFixed(2); }

  // ---- indexes -------------------------------------------------------------------
  var nodeById = {}, edgeById = {}, adjacency = {}, literalsOf = {};
  nodes.forEach(function (n) {
    n.cls = classes[n.c];
    n.folded = n.names.map(function (s) { return s.toLowerCase(); });
    nodeById[n.id] = n;
    adjacency[n.id] = [];
  });
  edges.forEach(function (e) {
    edgeById[e.id] = e;
    adjacency[e.from].push(e);
    if (e.to !== e.from) { adjacency[e.to].push(e); }
  });
  data.literals.forEach(function (l) { (literalsOf[l.node] = literalsOf[l.node] || []).push(l); });
  function articleName(a) { return a.title || a.file; }

  // ---- the network ----------------------------------------------------------------
  var pairCount = {};
  edges.forEach(function (e) {
    var key = e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from;
    e.pairIndex = pairCount[key] = (pairCount[key] || 0) + 1;
  });
  function nodeItem(n) {
    return {
      id: n.id, label: n.label, group: n.cls.name, value: n.d, x: n.x, y: n.y,
      title: n.cls.name + ": " + n.label + (n.names.length > 1 ? "\nalso: " + n.names.slice(1).join(", ") : "")
    };
  }
  var groups = {};
  classes.forEach(function (c) {
    groups[c.name] = {
      shape: c.shape,
      color: { background: c.color, border: c.color, highlight: { background: c.color, border: "#111" }, hover: { background: c.color, border: "#111" } }
    };
  });
  function edgeItem(e) {
    var item = {
      id: e.id, from: e.from, to: e.to, label: e.rel,
      title: e.rel + " (" + plural(e.ev.length, "evidence sentence") + ", confidence " + conf(e.conf) + ")",
      width: 1 + Math.min(2, Math.log2(Math.max(1, e.ev.length)))
    };
    if (e.pairIndex > 1 || pairCount[e.from < e.to ? e.from + "\u0000" + e.to : e.to + "\u0000" + e.from] > 1) {
      item.smooth = { enabled: true, type: e.pairIndex % 2 ? "curvedCW" : "curvedCCW", roundness: 0.12 * Math.ceil(e.pairIndex / 2) + 0.08 };
    }
    return item;
  }
  var visNodes = new vis.DataSet(nodes.map(nodeItem));
  var visEdges = new vis.DataSet(edges.map(edgeItem));
  var font = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
  // The best-linked entities' labels are about 16 px on screen at the current zoom (at
  // least 20 canvas pixels), the others' grow with their links and appear as one zooms in.
  // The starting zoom is foreseen from the positions, so that vis-network sizes the labels
  // once at the start; they are sized again when the zoom has changed by more than a fifth.
  var container = byId("kg-network");
  function labelMaxFor(scale) { return Math.round(Math.max(20, Math.min(16 / scale, 90))); }
  var labelMax = (function () {
    if (!nodes.length || BIG) { return 30; } // big: no label is readable zoomed out anyway
    var x0 = Infinity, x1 = -Infinity, y0 = Infinity, y1 = -Infinity;
    nodes.forEach(function (n) { x0 = Math.min(x0, n.x); x1 = Math.max(x1, n.x); y0 = Math.min(y0, n.y); y1 = Math.max(y1, n.y); });
    var scale = Math.min(1, container.clientWidth / ((x1 - x0 + 160) * 1.1), container.clientHeight / ((y1 - y0 + 80) * 1.1));
    return labelMaxFor(scale > 0 ? scale : 1);
  })();
  var options = {
    autoResize: true, groups: groups,
    layout: { improvedLayout: false, randomSeed: 7 },
    // the layout comes from Python (kg/layout.py): the network is stable from its first
    // drawing, whatever its size, and dragging a node moves only that node
    physics: { enabled: false },
    nodes: {
      borderWidth: 1, borderWidthSelected: 3,
      // size and label grow with the number of links (square root): hubs stay readable
      // when zoomed out, small nodes' labels appear on zooming in (under 8 px they are not drawn)
      scaling: {
        min: 9, max: 42,
        label: { enabled: true, min: 14, max: labelMax, maxVisible: 24, drawThreshold: 8 },
        customScalingFunction: function (min, max, total, value) {
          return max === min ? 0 : (Math.sqrt(value) - Math.sqrt(min)) / (Math.sqrt(max) - Math.sqrt(min));
        }
      },
      font: { size: 14, face: font, color: "#1a1a1a", strokeWidth: 4, strokeColor: "rgba(255,255,255,0.9)" }
    },
    edges: {
      smooth: false, selectionWidth: 2, hoverWidth: 0.5,
      arrows: { to: { enabled: true, scaleFactor: 0.55 } },
      color: { color: "#a0a4a8", highlight: "#c2185b", hover: "#555" },
      font: { size: 11, face: font, color: "#555", align: "middle", strokeWidth: 3, strokeColor: "#fff" }
    },
    interaction: {
      hover: !BIG, tooltipDelay: 250, hideEdgesOnDrag: BIG, hideEdgesOnZoom: BIG,
      keyboard: false, multiselect: false, selectConnectedEdges: true
    }
  };
  var network = new vis.Network(container, { nodes: visNodes, edges: visEdges }, options);

  // ---- state and filters -------------------------------------------------------------
  var state = { cls: {}, rel: {}, minConf: 0, hideIsolated: false, focus: null, depth: meta.depth || 1, selected: null, ready: false };
  classes.forEach(function (c) { state.cls[c.name] = true; });
  data.relations.forEach(function (r) { state.rel[r] = true; });
  var shownNodes = {}, shownEdges = {};
  nodes.forEach(function (n) { shownNodes[n.id] = true; });
  edges.forEach(function (e) { shownEdges[e.id] = true; });

  function edgePasses(e) {
    return state.rel[e.rel] === true && (state.minConf <= 0 || (e.conf !== null && e.conf >= state.minConf - 1e-9));
  }
  function neighbourhood(start, depth) {
    var seen = {}, frontier = [start];
    seen[start] = true;
    for (var d = 0; d < depth; d++) {
      var next = [];
      frontier.forEach(function (id) {
        adjacency[id].forEach(function (e) {
          if (!edgePasses(e)) { return; }
          var other = e.from === id ? e.to : e.from;
          if (!seen[other] && state.cls[nodeById[other].cls.name]) { seen[other] = true; next.push(other); }
        });
      });
      frontier = next;
    }
    return seen;
  }
  function visibility() {
    var focusSet = state.focus ? neighbourhood(state.focus, state.depth) : null;
    var nodeOk = {}, edgeOk = {}, linked = {};
    nodes.forEach(function (n) {
      nodeOk[n.id] = (state.cls[n.cls.name] || n.id === state.focus) && (!focusSet || focusSet[n.id] === true);
    });
    edges.forEach(function (e) {
      var ok = edgePasses(e) && nodeOk[e.from] && nodeOk[e.to];
      edgeOk[e.id] = ok;
      if (ok) { linked[e.from] = linked[e.to] = true; }
    });
    if (state.hideIsolated) {
      nodes.forEach(function (n) { if (nodeOk[n.id] && !linked[n.id] && n.id !== state.focus) { nodeOk[n.id] = false; } });
    }
    return { nodes: nodeOk, edges: edgeOk };
  }
  function apply(fit) {
    var v = visibility(), nodeUpdates = [], edgeUpdates = [];
    nodes.forEach(function (n) {
      if (v.nodes[n.id] !== shownNodes[n.id]) { nodeUpdates.push({ id: n.id, hidden: !v.nodes[n.id] }); }
    });
    edges.forEach(function (e) {
      if (v.edges[e.id] !== shownEdges[e.id]) { edgeUpdates.push({ id: e.id, hidden: !v.edges[e.id] }); }
    });
    shownNodes = v.nodes;
    shownEdges = v.edges;
    if (edgeUpdates.length) { visEdges.update(edgeUpdates); }
    if (nodeUpdates.length) { visNodes.update(nodeUpdates); }
    updateCounts();
    if (fit) { fitShown(); }
  }
  function shownNodeIds() { return nodes.filter(function (n) { return shownNodes[n.id]; }).map(function (n) { return n.id; }); }
  function fitShown() {
    var ids = shownNodeIds();
    if (ids.length) { network.fit({ nodes: ids, animation: false }); }
    readableLabels();
  }

  // ---- controls -----------------------------------------------------------------------
  var classCount = {}, relationCount = {};
  function checkbox(list, key, text, swatch, onChange) {
    var li = el("li"), label = el("label", "kg-check"), input = el("input");
    input.type = "checkbox";
    input.checked = true;
    input.dataset.key = key;
    input.addEventListener("change", function () { onChange(input.checked); });
    label.appendChild(input);
    if (swatch) { label.appendChild(swatch); }
    label.appendChild(el("span", "kg-name", text));
    var count = el("span", "kg-count");
    label.appendChild(count);
    li.appendChild(label);
    list.appendChild(li);
    return count;
  }
  classes.forEach(function (c) {
    var glyph = el("span", "kg-glyph", c.glyph);
    glyph.style.color = c.color;
    classCount[c.name] = checkbox(byId("kg-classes"), c.name, c.name, glyph, function (on) {
      state.cls[c.name] = on;
      apply(false);
    });
  });
  data.relations.forEach(function (r) {
    relationCount[r] = checkbox(byId("kg-relations"), r, r, null, function (on) { state.rel[r] = on; apply(false); });
  });
  var slider = byId("kg-confidence");
  slider.addEventListener("input", function () {
    state.minConf = parseFloat(slider.value);
    byId("kg-confidence-value").textContent = state.minConf.toFixed(2);
    apply(false);
  });
  byId("kg-isolated").addEventListener("change", function (ev) { state.hideIsolated = ev.target.checked; apply(false); });
  var depthSelect = byId("kg-depth");
  depthSelect.value = String(state.depth);
  depthSelect.addEventListener("change", function () {
    state.depth = parseInt(depthSelect.value, 10);
    if (state.focus) { apply(true); }
  });
  byId("kg-focus-on").addEventListener("click", function () { if (state.selected) { focusOn(state.selected, state.depth); } });
  byId("kg-focus-off").addEventListener("click", function () { focusOn(null); });

  function focusOn(id, depth) {
    state.focus = id;
    if (depth) { state.depth = depth; depthSelect.value = String(depth); }
    byId("kg-focus-off").disabled = !id;
    apply(true);
    if (id) { network.selectNodes([id]); }
    updateFocusName();
  }
  function updateFocusName() {
    var target = state.focus || state.selected;
    byId("kg-focus-name").textContent = state.focus ? "Focused on " + nodeById[state.focus].label
      : (target ? nodeById[target].label : "Select an entity first");
    byId("kg-focus-on").disabled = !state.selected;
  }
  function updateCounts() {
    var shownByClass = {}, shownByRel = {}, totalByClass = {}, totalByRel = {}, n = 0, m = 0;
    nodes.forEach(function (node) {
      var c = node.cls.name;
      totalByClass[c] = (totalByClass[c] || 0) + 1;
      if (shownNodes[node.id]) { shownByClass[c] = (shownByClass[c] || 0) + 1; n++; }
    });
    edges.forEach(function (e) {
      totalByRel[e.rel] = (totalByRel[e.rel] || 0) + 1;
      if (shownEdges[e.id]) { shownByRel[e.rel] = (shownByRel[e.rel] || 0) + 1; m++; }
    });
    Object.keys(classCount).forEach(function (c) { classCount[c].textContent = fmt(shownByClass[c] || 0) + " / " + fmt(totalByClass[c] || 0); });
    Object.keys(relationCount).forEach(function (r) { relationCount[r].textContent = fmt(shownByRel[r] || 0) + " / " + fmt(totalByRel[r] || 0); });
    byId("kg-status").textContent = "Showing " + fmt(n) + " of " + plural(nodes.length, "entity", "entities") +
      " and " + fmt(m) + " of " + plural(edges.length, "relation") + "." + (state.focus ? " Focus: depth " + state.depth + "." : "");
  }

  // ---- search ---------------------------------------------------------------------------
  var searchBox = byId("kg-search"), resultList = byId("kg-results");
  function search(query) {
    var q = String(query || "").trim().toLowerCase();
    if (!q) { return []; }
    var found = [];
    nodes.forEach(function (n) {
      var best = 3, name = null;
      for (var i = 0; i < n.folded.length; i++) {
        var f = n.folded[i], rank = f === q ? 0 : (f.indexOf(q) === 0 ? 1 : (f.indexOf(q) > 0 ? 2 : 3));
        if (rank < best) { best = rank; name = n.names[i]; }
      }
      if (best < 3) { found.push({ node: n, rank: best, name: name }); }
    });
    found.sort(function (a, b) {
      return a.rank - b.rank || b.node.d - a.node.d || a.node.label.localeCompare(b.node.label);
    });
    return found;
  }
  function showResults(found) {
    clear(resultList);
    found.slice(0, 30).forEach(function (hit) {
      var li = el("li"), b = el("button", "kg-link");
      b.type = "button";
      var glyph = el("span", "kg-glyph", hit.node.cls.glyph);
      glyph.style.color = hit.node.cls.color;
      b.appendChild(glyph);
      b.appendChild(document.createTextNode(hit.node.label));
      if (hit.name !== hit.node.label) { b.appendChild(el("span", "kg-alt", " (" + hit.name + ")")); }
      b.addEventListener("click", function () { selectNode(hit.node.id, true); });
      li.appendChild(b);
      resultList.appendChild(li);
    });
    if (found.length > 30) { resultList.appendChild(el("li", "kg-more", "and " + fmt(found.length - 30) + " more")); }
    if (searchBox.value.trim() && !found.length) { resultList.appendChild(el("li", "kg-more", "No entity has that name.")); }
  }
  searchBox.addEventListener("input", function () { showResults(search(searchBox.value)); });
  searchBox.addEventListener("keydown", function (ev) {
    if (ev.key === "Enter") {
      var found = search(searchBox.value);
      if (found.length) { selectNode(found[0].node.id, true); }
    } else if (ev.key === "Escape") {
      searchBox.value = "";
      showResults([]);
    }
  });

  // ---- selection and the side panel ----------------------------------------------------------
  var panel = byId("kg-panel");
  function reveal(id) {
    var n = nodeById[id];
    if (shownNodes[id]) { return; }
    if (!state.cls[n.cls.name]) {
      state.cls[n.cls.name] = true;
      byId("kg-classes").querySelector("input[data-key='" + n.cls.name + "']").checked = true;
    }
    if (state.focus && !neighbourhood(state.focus, state.depth)[id]) { state.focus = null; byId("kg-focus-off").disabled = true; }
    apply(false);
    if (!shownNodes[id]) { state.hideIsolated = false; byId("kg-isolated").checked = false; apply(false); }
  }
  function selectNode(id, move) {
    if (!nodeById[id]) { return; }
    reveal(id);
    network.selectNodes([id]);
    if (move) {
      network.focus(id, { scale: Math.max(network.getScale(), 1.1), animation: false });
      readableLabels();
    }
    showNode(nodeById[id]);
  }
  function selectEdge(id) {
    var e = edgeById[id];
    reveal(e.from);
    reveal(e.to);
    if (!shownEdges[id]) {
      state.rel[e.rel] = true;
      byId("kg-relations").querySelector("input[data-key='" + e.rel + "']").checked = true;
      if (state.minConf > 0 && (e.conf === null || e.conf < state.minConf)) { state.minConf = 0; slider.value = "0"; byId("kg-confidence-value").textContent = "0.00"; }
      apply(false);
    }
    network.selectEdges([id]);
    showEdge(e);
  }

  function nodeButton(id) {
    var n = nodeById[id], b = el("button", "kg-link");
    b.type = "button";
    var glyph = el("span", "kg-glyph", n.cls.glyph);
    glyph.style.color = n.cls.color;
    b.appendChild(glyph);
    b.appendChild(document.createTextNode(n.label));
    b.addEventListener("click", function () { selectNode(id, true); });
    return b;
  }
  function articleButton(index) {
    var a = articles[index], b = el("button", "kg-link", articleName(a));
    b.type = "button";
    b.addEventListener("click", function () { showArticle(index); });
    return b;
  }
  function section(title) {
    var s = el("section", "kg-section");
    s.appendChild(el("h3", null, title));
    panel.appendChild(s);
    return s;
  }
  function startPanel(kind, heading) {
    clear(panel);
    panel.dataset.kind = kind;
    panel.appendChild(el("h2", "kg-panel-title", heading));
  }

  function showNode(n) {
    state.selected = n.id;
    updateFocusName();
    startPanel("node", n.label);
    var cls = el("p", "kg-class"), glyph = el("span", "kg-glyph", n.cls.glyph);
    glyph.style.color = n.cls.color;
    cls.appendChild(glyph);
    cls.appendChild(document.createTextNode(" " + n.cls.name));
    cls.appendChild(el("span", "kg-meta", " \u00b7 " + plural(n.d, "linked entity", "linked entities")));
    panel.appendChild(cls);

    var names = section("Names");
    var ul = el("ul", "kg-names");
    n.names.forEach(function (name) { ul.appendChild(el("li", null, name)); });
    names.appendChild(ul);

    var groups = {}, order = [];
    adjacency[n.id].forEach(function (e) {
      var out = e.from === n.id, key = out ? e.rel + " \u2192" : "\u2190 " + e.rel;
      if (!groups[key]) { groups[key] = []; order.push(key); }
      groups[key].push({ edge: e, other: out ? e.to : e.from });
    });
    var lits = literalsOf[n.id] || [];
    var rels = section("Relations (" + fmt(adjacency[n.id].length + lits.length) + ")");
    if (!order.length && !lits.length) { rels.appendChild(el("p", "kg-meta", "No relation.")); }
    order.sort(function (a, b) { return a.replace(/^\u2190 /, "").localeCompare(b.replace(/^\u2190 /, "")) || a.localeCompare(b); });
    order.forEach(function (key) {
      rels.appendChild(el("h4", "kg-rel", key));
      var list = el("ul", "kg-facts");
      groups[key].sort(function (a, b) { return nodeById[a.other].label.localeCompare(nodeById[b.other].label); });
      groups[key].forEach(function (item) {
        var li = el("li");
        li.appendChild(nodeButton(item.other));
        var ev = el("button", "kg-evidence", plural(item.edge.ev.length, "sentence") + " \u00b7 " + conf(item.edge.conf));
        ev.type = "button";
        ev.title = "Show the evidence for this fact";
        ev.addEventListener("click", function () { selectEdge(item.edge.id); });
        li.appendChild(ev);
        list.appendChild(li);
      });
      rels.appendChild(list);
    });
    var litList = {};
    lits.forEach(function (l) {
      if (!litList[l.rel]) {
        rels.appendChild(el("h4", "kg-rel", l.rel + " \u2192"));
        litList[l.rel] = rels.appendChild(el("ul", "kg-facts"));
      }
      var list = litList[l.rel], li = el("li");
      li.appendChild(el("span", "kg-value", l.value));
      var ev = el("button", "kg-evidence", plural(l.ev.length, "sentence") + " \u00b7 " + conf(l.conf));
      ev.type = "button";
      ev.addEventListener("click", function () { showFact(n.id, l.rel, null, l.value, l.ev, l.conf); });
      li.appendChild(ev);
      list.appendChild(li);
    });

    var arts = section("Mentioned in " + plural(n.a.length, "article"));
    var ol = el("ul", "kg-articles");
    n.a.forEach(function (i) {
      var li = el("li");
      li.appendChild(articleButton(i));
      if (articles[i].date) { li.appendChild(el("span", "kg-meta", " " + articles[i].date)); }
      ol.appendChild(li);
    });
    arts.appendChild(ol);

    var actions = el("p", "kg-actions");
    [1, 2].forEach(function (d) {
      var b = el("button", null, "Show neighbourhood, depth " + d);
      b.type = "button";
      b.addEventListener("click", function () { focusOn(n.id, d); });
      actions.appendChild(b);
    });
    panel.appendChild(actions);
  }

  function showEdge(e) {
    showFact(e.from, e.rel, e.to, null, e.ev, e.conf);
  }

  var MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  function dateNames(value) {
    var m = /^(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?/.exec(value), out = [value];
    if (!m) { return out; }
    if (m[2]) {
      var month = MONTHS[parseInt(m[2], 10) - 1];
      if (m[3]) {
        var day = String(parseInt(m[3], 10));
        out.push(month + " " + day + ", " + m[1], day + " " + month + " " + m[1], month + " " + day);
      }
      out.push(month + " " + m[1]);
    }
    out.push(m[1]);
    return out;
  }

  function showFact(from, rel, to, value, evidence, confidence) {
    var heading = nodeById[from].label + " \u2192 " + rel + " \u2192 " + (to ? nodeById[to].label : value);
    startPanel("edge", heading);
    var line = el("p", "kg-fact");
    line.appendChild(nodeButton(from));
    line.appendChild(el("span", "kg-rel-name", " " + rel + " \u2192 "));
    if (to) { line.appendChild(nodeButton(to)); } else { line.appendChild(el("mark", "kg-object", value)); }
    panel.appendChild(line);
    panel.appendChild(el("p", "kg-meta", "Confidence " + conf(confidence) + " \u00b7 " + plural(evidence.length, "evidence sentence")));
    var subjectNames = nodeById[from].names, objectNames = to ? nodeById[to].names : dateNames(value);
    var list = el("ol", "kg-evidence-list");
    evidence.forEach(function (ev) {
      var li = el("li", "kg-evidence-item"), q = el("blockquote", "kg-sentence");
      q.appendChild(highlight(sentences[ev[1]], [[subjectNames, "kg-subject"], [objectNames, "kg-object"]]));
      li.appendChild(q);
      var src = el("p", "kg-source");
      if (ev[0] >= 0) {
        var a = articles[ev[0]];
        src.appendChild(articleButton(ev[0]));
        var bits = [];
        if (a.title) { bits.push(a.file); }
        if (a.date) { bits.push(a.date); }
        if (bits.length) { src.appendChild(el("span", "kg-meta", " " + bits.join(" \u00b7 "))); }
      } else {
        src.appendChild(el("span", "kg-meta", "unknown article"));
      }
      src.appendChild(el("span", "kg-meta", " \u00b7 confidence " + conf(ev[2]) + (ev[3] ? " \u00b7 " + ev[3] : "")));
      li.appendChild(src);
      list.appendChild(li);
    });
    if (!evidence.length) { panel.appendChild(el("p", "kg-meta", "No evidence sentence recorded for this fact.")); }
    panel.appendChild(list);
  }

  // Text nodes and <mark> elements: the sentence is never parsed as markup.
  function highlight(text, groups) {
    var fragment = document.createDocumentFragment(), lower = text.toLowerCase();
    var hay = lower.length === text.length ? lower : text, candidates = [];
    groups.forEach(function (g) {
      g[0].forEach(function (name) {
        if (name && name.length >= 2) { candidates.push([hay === lower ? name.toLowerCase() : name, g[1]]); }
      });
    });
    candidates.sort(function (a, b) { return b[0].length - a[0].length; });
    var taken = new Uint8Array(text.length), spans = [], word = /[\p{L}\p{N}]/u;
    candidates.forEach(function (c) {
      var name = c[0], at = hay.indexOf(name);
      while (at >= 0) {
        var end = at + name.length, free = true;
        for (var i = at; i < end; i++) { if (taken[i]) { free = false; break; } }
        var bounded = (at === 0 || !word.test(text[at - 1]) || !word.test(text[at])) &&
          (end === text.length || !word.test(text[end]) || !word.test(text[end - 1]));
        if (free && bounded) {
          for (var j = at; j < end; j++) { taken[j] = 1; }
          spans.push([at, end, c[1]]);
        }
        at = hay.indexOf(name, at + 1);
      }
    });
    spans.sort(function (a, b) { return a[0] - b[0]; });
    var pos = 0;
    spans.forEach(function (s) {
      if (s[0] > pos) { fragment.appendChild(document.createTextNode(text.slice(pos, s[0]))); }
      fragment.appendChild(el("mark", s[2], text.slice(s[0], s[1])));
      pos = s[1];
    });
    if (pos < text.length) { fragment.appendChild(document.createTextNode(text.slice(pos))); }
    return fragment;
  }

  function showArticle(index) {
    var a = articles[index];
    startPanel("article", articleName(a));
    var info = el("dl", "kg-article-info");
    [["File", a.file], ["Date", a.date], ["URL", a.url]].forEach(function (row) {
      if (!row[1]) { return; }
      info.appendChild(el("dt", null, row[0]));
      info.appendChild(el("dd", null, row[1]));
    });
    panel.appendChild(info);
    var mentioned = nodes.filter(function (n) { return n.a.indexOf(index) >= 0; });
    var s = section("Mentions " + plural(mentioned.length, "entity", "entities"));
    var ul = el("ul", "kg-mentions");
    mentioned.slice(0, 500).forEach(function (n) { var li = el("li"); li.appendChild(nodeButton(n.id)); ul.appendChild(li); });
    s.appendChild(ul);
    var facts = edges.filter(function (e) { return e.ev.some(function (ev) { return ev[0] === index; }); });
    var f = section("States " + plural(facts.length, "relation"));
    var fl = el("ul", "kg-facts");
    facts.slice(0, 500).forEach(function (e) {
      var li = el("li"), b = el("button", "kg-link", nodeById[e.from].label + " \u2192 " + e.rel + " \u2192 " + nodeById[e.to].label);
      b.type = "button";
      b.addEventListener("click", function () { selectEdge(e.id); });
      li.appendChild(b);
      fl.appendChild(li);
    });
    f.appendChild(fl);
    var ids = mentioned.filter(function (n) { return shownNodes[n.id]; }).map(function (n) { return n.id; });
    network.selectNodes(ids);
  }

  function showDefault() {
    state.selected = null;
    updateFocusName();
    startPanel("none", "Details");
    panel.appendChild(el("p", "kg-meta", "Click an entity to see its names, relations and articles; click a relation to read the sentences it comes from."));
    var legend = section("Legend");
    var ul = el("ul", "kg-legend");
    classes.forEach(function (c) {
      var li = el("li"), glyph = el("span", "kg-glyph", c.glyph);
      glyph.style.color = c.color;
      li.appendChild(glyph);
      li.appendChild(document.createTextNode(" " + c.name + " (" + c.shape + ")"));
      ul.appendChild(li);
    });
    var li = el("li", "kg-meta", "Size: number of linked entities; arrows point from subject to object.");
    ul.appendChild(li);
    legend.appendChild(ul);
  }

  network.on("click", function (p) {
    if (p.nodes.length) { showNode(nodeById[p.nodes[0]]); }
    else if (p.edges.length) { showEdge(edgeById[p.edges[0]]); }
    else { showDefault(); }
  });

  // ---- header ---------------------------------------------------------------------------
  (function header() {
    var c = meta.counts;
    byId("kg-counts").textContent = [plural(c.entities, "entity", "entities"), plural(c.relations, "relation"),
      plural(c.dates, "date"), plural(c.articles, "article"), plural(c.evidence, "evidence record")].join(" \u00b7 ") +
      (meta.built ? " \u00b7 built " + meta.built : "");
    var notes = meta.notes.slice();
    if (meta.leftOut > 0) { notes.push("Showing " + fmt(c.entities) + " of " + fmt(meta.total.entities) + " entities: " + fmt(meta.leftOut) + " left out."); }
    byId("kg-notes").textContent = notes.join(" \u00b7 ");
    byId("kg-notes").hidden = !notes.length;
    byId("kg-sources-summary").textContent = plural(articles.length, "source article");
    var ol = byId("kg-articles");
    articles.forEach(function (a, i) {
      var li = el("li");
      li.appendChild(articleButton(i));
      var bits = [];
      if (a.title) { bits.push(a.file); }
      if (a.date) { bits.push(a.date); }
      if (bits.length) { li.appendChild(el("span", "kg-meta", " " + bits.join(" \u00b7 "))); }
      ol.appendChild(li);
    });
  })();

  // ---- readiness ------------------------------------------------------------------------
  function readableLabels() {
    var scale = network.getScale();
    if (!(scale > 0) || !nodes.length || BIG) { return; } // sizing 1,500+ labels again is slow
    var max = labelMaxFor(scale);
    if (Math.abs(max - labelMax) <= 0.2 * labelMax) { return; }
    labelMax = max;
    network.setOptions({ nodes: { scaling: { label: { max: max } } } });
    visNodes.update([{ id: nodes[0].id, value: nodes[0].d }]); // makes vis-network size the labels again
  }
  function ready() {
    if (state.ready) { return; }
    state.ready = true;
    updateCounts();
    if (meta.focus && nodeById[meta.focus]) { selectNode(meta.focus, false); } else { showDefault(); }
    window.kgView.readyAt = performance.now();
    document.body.dataset.state = "ready";
  }

  window.kgView = {
    network: network, nodes: visNodes, edges: visEdges, state: state, data: data,
    apply: apply, search: search, selectNode: selectNode, selectEdge: selectEdge, focusOn: focusOn,
    shownNodeIds: shownNodeIds, readyAt: null
  };
  updateCounts();
  showDefault();
  var zoomTimer = null;
  network.on("zoom", function () { clearTimeout(zoomTimer); zoomTimer = setTimeout(readableLabels, 150); });
  fitShown(); // before the first drawing, which is then the one people see
  network.once("afterDrawing", ready);
  setTimeout(ready, 5000); // never stay unready (a hidden tab draws nothing)
})();
