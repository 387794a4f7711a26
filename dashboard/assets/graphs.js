// Client-side drawing helpers of the graphs.
//
// Network page (dashboard/pages/network.py): stale-answer guard, drawing and viewport. The
// server stamps each graph answer with the selection it was computed for. An answer is drawn
// only if the selectors still show that selection: a slow answer (cold caches) that arrives
// after a newer one is dropped instead of replacing the current view.
//
// After the layout's first drawing, the page puts each view into Cytoscape itself, changing
// only what differs (applyElements), rather than through the graph's `elements` property,
// which dash-cytoscape deep-compares and then sets again element by element. It also keeps
// the views it drew: going back to one draws it without waiting for the server (drawCached).
// So the property keeps the layout's first view; everything that reads the graph (exports,
// labels, tools, tests) reads Cytoscape.
//
// The viewport is fitted to the graph only when another municipality (or isolate gathering)
// is drawn, or when a person of the new view would fall outside what is shown. Changing the
// round or the threshold otherwise leaves the picture where it is, and Cytoscape is spared
// recomputing every element's bounding box for a fit, a large share of a 300-person redraw.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  netkart: {
    // Model units kept clear around a person's centre: the largest node's radius.
    MARGIN: 32,
    // Screen pixels between the graph and its box's edge when fitted (as in components.graph).
    PADDING: 30,

    sameSelection: function (stamped, current) {
      return (
        Array.isArray(stamped) &&
        stamped.length === current.length &&
        stamped.every(function (value, i) { return value === current[i]; })
      );
    },

    // Whether drawing `elements` as `view` (municipality|gathered) should fit the viewport:
    // the graph showed another view (`shown`) or a person would fall outside `extent`.
    needsFit: function (elements, extent, shown, view) {
      if (!extent || shown !== view) return true;
      const margin = window.dash_clientside.netkart.MARGIN;
      return elements.some(function (element) {
        const p = element.position;
        return p !== undefined && (
          p.x - margin < extent.x1 || p.x + margin > extent.x2 ||
          p.y - margin < extent.y1 || p.y + margin > extent.y2
        );
      });
    },

    // Puts a view's elements (dashboard/elements.py) into the graph, touching only what
    // differs from what is drawn: a person or tie in both views keeps its element, and only
    // its changed data, position and classes are set. The result is what
    // cy.json({elements}) gives, for less of Cytoscape's restyling.
    applyElements: function (cy, elements) {
      const wanted = new Map();
      elements.forEach(function (element) { wanted.set(element.data.id, element); });
      const same = function (a, b) { return a === b || JSON.stringify(a) === JSON.stringify(b); };
      // Cytoscape's own data keys, which the element's JSON never drops.
      const fixed = {id: true, source: true, target: true, parent: true};
      cy.batch(function () {
        // A tie whose ends are listed the other way round is another element to Cytoscape.
        cy.remove(cy.elements().filter(function (element) {
          const json = wanted.get(element.id());
          return !json || (element.isEdge() && (
            element.data('source') !== json.data.source || element.data('target') !== json.data.target
          ));
        }));
        const added = [];
        wanted.forEach(function (json, id) {
          const element = cy.getElementById(id);
          if (element.empty()) {
            added.push(json);
            return;
          }
          const data = element.data();
          const changed = {};
          let anyChanged = false;
          Object.keys(json.data).forEach(function (key) {
            if (!same(json.data[key], data[key])) {
              changed[key] = json.data[key];
              anyChanged = true;
            }
          });
          if (anyChanged) element.data(changed);
          const dropped = Object.keys(data).filter(function (key) { return !fixed[key] && !(key in json.data); });
          if (dropped.length) element.removeData(dropped.join(' '));
          const p = json.position;
          if (p && (element.position('x') !== p.x || element.position('y') !== p.y)) element.position(p);
          const classes = json.classes || '';
          if (element.classes().join(' ') !== classes) element.classes(classes);
        });
        cy.add(added);
      });
    },

    // Rounds page (dashboard/pages/rounds.py): one zoom for both rounds' graphs, each centred
    // on the persons of both rounds, so that a person sits at the same place on the screen in
    // both and not only at the same coordinates.
    sharedViewport: function (before, after, beforeId, afterId) {
      const netkart = window.dash_clientside.netkart;
      const noUpdate = window.dash_clientside.no_update;
      const points = (before || []).concat(after || [])
        .filter(function (e) { return e.position; })
        .map(function (e) { return e.position; });
      const boxes = [beforeId, afterId].map(function (id) {
        const box = document.getElementById(id);
        return box ? {width: box.clientWidth, height: box.clientHeight} : {width: 0, height: 0};
      });
      const view = netkart.sharedView(points, boxes);
      return view ? [view.zoom, view.pans[0], view.zoom, view.pans[1]] : [noUpdate, noUpdate, noUpdate, noUpdate];
    },

    // The shared viewport of graphs of the given box sizes showing the given points: the
    // largest zoom at which the points, with the node margin, fit every box within the
    // padding, and per box the pan that centres them. Null when there is nothing to fit or a
    // box is not laid out.
    sharedView: function (points, boxes) {
      const margin = window.dash_clientside.netkart.MARGIN;
      const padding = window.dash_clientside.netkart.PADDING;
      if (!points.length || boxes.some(function (b) { return !b.width || !b.height; })) return null;
      const xs = points.map(function (p) { return p.x; });
      const ys = points.map(function (p) { return p.y; });
      const [x1, x2] = [Math.min.apply(null, xs) - margin, Math.max.apply(null, xs) + margin];
      const [y1, y2] = [Math.min.apply(null, ys) - margin, Math.max.apply(null, ys) + margin];
      const zoom = Math.min(4, Math.max(0.1, Math.min.apply(null, boxes.map(function (b) {
        return Math.min((b.width - 2 * padding) / (x2 - x1), (b.height - 2 * padding) / (y2 - y1));
      }))));
      const pans = boxes.map(function (b) {
        return {x: b.width / 2 - zoom * (x1 + x2) / 2, y: b.height / 2 - zoom * (y1 + y2) / 2};
      });
      return {zoom: zoom, pans: pans};
    },

    // Graphs that share one viewport (by container id): fitted together, never alone.
    VIEWPORT_GROUPS: [['rnd-before', 'rnd-after']],

    // After a graph's box changed size (window resize, another screen, presentation mode;
    // assets/labels.js watches the boxes): the graph is fitted again by the rule that fitted
    // it when it was drawn. A graph of a group gets the group's shared viewport, computed
    // from the persons of all its graphs as sharedViewport does; every other graph (the
    // network page's included, whose drawCurrent fits with the same padding) is fitted to its
    // own box.
    refit: function (cy) {
      const netkart = window.dash_clientside.netkart;
      const id = cy.container() && cy.container().id;
      const group = netkart.VIEWPORT_GROUPS.find(function (ids) { return ids.indexOf(id) >= 0; });
      const members = (group || []).map(netkart.graphOf);
      if (!group || members.some(function (other) { return !other || other.destroyed(); })) {
        cy.fit(cy.elements(), netkart.PADDING);
        return;
      }
      const points = [];
      members.forEach(function (other) { other.nodes().forEach(function (n) { points.push(n.position()); }); });
      // The boxes as laid out now: a member's own resize may not have reached Cytoscape yet.
      const boxes = members.map(function (other) {
        return {width: other.container().clientWidth, height: other.container().clientHeight};
      });
      const view = netkart.sharedView(points, boxes);
      if (!view) return;
      members.forEach(function (other, i) { other.viewport({zoom: view.zoom, pan: view.pans[i]}); });
    },

    // Every page: the document's language and the tab title follow the language switch.
    // Dash's page router sets document.title itself when a page is opened, in the same
    // batch of callbacks; the title is set after it so that the router does not undo it.
    pageTitle: function (_page, lang, titles) {
      document.documentElement.lang = lang;
      const entry = titles[window.location.pathname] || titles['/'];
      window.setTimeout(function () { document.title = entry[lang]; }, 0);
      return window.dash_clientside.no_update;
    },

    // Header: a language given in the address (?lang=en) is taken once the page opens.
    languageFromAddress: function (search, current, known) {
      const lang = new URLSearchParams(search || '').get('lang');
      return lang && known.indexOf(lang) >= 0 && lang !== current ? lang : window.dash_clientside.no_update;
    },

    // Network page's tools (issue 11, dashboard/pages/network.py): size the persons by the
    // chosen centrality, and fade (highlight) or hide (filter) everyone outside the chosen
    // function and ego network, with classes of the stylesheet (elements.stylesheet). The
    // graph is not redrawn: each node carries its size by every measure (size_degree, ...)
    // and its functions. A redraw gives the nodes their server-side data and classes back,
    // so drawView applies the tools again itself, in the same batch as the elements: Cytoscape
    // then restyles once, and the frame that shows the view does not wait for a second
    // callback. Returns what it applied (for tests).
    networkTools: function (size, fn, mode, members, graphId) {
      const netkart = window.dash_clientside.netkart;
      const cy = netkart.graphOf(graphId);
      return cy ? netkart.applyTools(cy, [size, fn, mode, members]) : window.dash_clientside.no_update;
    },

    // `tools` is [size, function, mode, ego members] as networkTools takes them.
    applyTools: function (cy, tools) {
      const [size, fn, mode, members] = tools;
      const ego = Array.isArray(members) ? new Set(members) : null;
      const faded = mode === 'filter' ? 'filtered' : 'faded';
      const other = mode === 'filter' ? 'faded' : 'filtered';
      const kept = function (node) {
        return (!fn || (node.data('functions') || []).indexOf(fn) >= 0) && (!ego || ego.has(node.id()));
      };
      // Only classes that change are set: setting one on every element, changed or not,
      // restyles and redraws the whole graph.
      const mark = function (element, keep) {
        if (element.hasClass(other)) element.removeClass(other);
        if (element.hasClass(faded) === keep) element.toggleClass(faded, !keep);
      };
      let shown = 0;
      cy.batch(function () {
        cy.nodes('.person').forEach(function (node) {
          const wanted = node.data('size_' + size);
          if (wanted !== undefined && node.data('size') !== wanted) node.data('size', wanted);
          const keep = kept(node);
          shown += keep ? 1 : 0;
          mark(node, keep);
        });
        cy.edges().forEach(function (edge) {
          mark(edge, kept(edge.source()) && kept(edge.target()));
        });
      });
      return {size: size, function: fn || null, mode: mode, ego: members || null, shown: shown};
    },

    // Views drawn before on this page, by selection and catalogue generation: going back to
    // one, as a facilitator stepping through thresholds and rounds does, draws it at once
    // (drawCached) instead of after the server's answer. That answer still follows, with a
    // digest of the elements (`version`); for a view the page holds (keptVersions, sent with
    // the request) it brings only the digest, not the elements again. The last VIEWS_KEPT
    // views are kept (about 1 MB each at 300 persons).
    views: new Map(),
    VIEWS_KEPT: 16,

    // The selectors' values as the server stamps its answers (network.py, selection).
    selectionOf: function (municipality, round, threshold, gather, lang) {
      return [municipality, round, threshold, Boolean(gather && gather.length), lang];
    },

    viewKey: function (selection, generation) {
      return JSON.stringify([selection, generation === undefined ? null : generation]);
    },

    // Keeps `view` as the most recently used, dropping the least recently used beyond VIEWS_KEPT.
    keepView: function (key, view) {
      const netkart = window.dash_clientside.netkart;
      netkart.views.delete(key);
      netkart.views.set(key, {elements: view.elements, summary: view.summary, version: view.version});
      if (netkart.views.size > netkart.VIEWS_KEPT) netkart.views.delete(netkart.views.keys().next().value);
    },

    keptVersions: function () {
      const versions = [];
      window.dash_clientside.netkart.views.forEach(function (view) {
        if (view.version && versions.indexOf(view.version) < 0) versions.push(view.version);
      });
      return versions;
    },

    keptVersion: function (version) {
      let found = null;
      window.dash_clientside.netkart.views.forEach(function (view) {
        if (!found && view.version === version) found = view;
      });
      return found;
    },

    graphOf: function (graphId) {
      const container = document.getElementById(graphId);
      return container && (container._cyreg || {}).cy;
    },

    // Draws `view` ({elements, version}) as the view `key` of the selection `current`
    // (selectionOf), with the network tools' choices `tools` (applyTools); returns what the
    // tools applied. `layout` carries the view of the layout's first drawing, which drew itself.
    drawView: function (cy, view, key, current, layout, tools) {
      const netkart = window.dash_clientside.netkart;
      const place = current[0] + '|' + current[3];  // municipality|gathered
      const shown = cy.scratch('netkartView') || (layout || {}).view;
      const fit = netkart.needsFit(view.elements, cy.extent(), shown, place);
      let applied = null;
      cy.batch(function () {
        netkart.applyElements(cy, view.elements);
        applied = netkart.applyTools(cy, tools);
      });
      // A preset layout, as the graph's own fit: labels.js notes the box it was fitted to.
      if (fit) cy.layout({name: 'preset', fit: true, padding: netkart.PADDING}).run();
      cy.scratch({netkartView: place, netkartKey: key, netkartVersion: view.version});
      return applied;
    },

    // Resolves with a clientside callback's `outputs` once the browser has shown the next
    // frame. The callbacks that draw a view return their outputs this way: Dash storing them,
    // and the callbacks and the server request that follow, otherwise run before Cytoscape's
    // frame and hold it back (about 8 ms of a 300-person redraw; docs/performance.md, stop 22).
    // A hidden tab draws no frames, so a timeout resolves it there.
    afterFrame: function (outputs) {
      return new Promise(function (resolve) {
        const done = function () { resolve(outputs); };
        window.requestAnimationFrame(function () { window.setTimeout(done, 0); });
        window.setTimeout(done, 250);
      });
    },

    // Draws the server's answer (network.py, _draw) if it is for the selectors' current
    // selection and differs from what is shown; returns what the tools applied to it
    // (applyTools), the summary line, the versions the page now holds (for the next request)
    // and, for an answer that names a view the page no longer holds, a request to send it
    // whole; after the frame (afterFrame) when it drew. The layout's first drawing
    // (`drawn.first`) drew itself with `elements`: it is only kept.
    drawCurrent: function (
      drawn, municipality, round, threshold, gather, lang, size, fn, mode, members, layout, elements, graphId
    ) {
      const netkart = window.dash_clientside.netkart;
      const noUpdate = window.dash_clientside.no_update;
      const current = netkart.selectionOf(municipality, round, threshold, gather, lang);
      const cy = netkart.graphOf(graphId);
      if (!cy || !drawn || !netkart.sameSelection(drawn.selection, current)) {
        return [noUpdate, noUpdate, noUpdate, noUpdate];
      }
      if (drawn.elements === undefined && !drawn.first && !drawn.kept) {
        return [noUpdate, drawn.summary, noUpdate, noUpdate];
      }
      let view = drawn;
      if (drawn.first) {
        view = Object.assign({}, drawn, {elements: elements || []});
      } else if (drawn.kept) {
        const held = netkart.keptVersion(drawn.version);
        // Dropped since the request left (VIEWS_KEPT other views kept meanwhile).
        if (!held) return [noUpdate, noUpdate, noUpdate, {selection: current, version: drawn.version}];
        view = Object.assign({}, held, {summary: drawn.summary});
      }
      const key = netkart.viewKey(current, drawn.generation);
      netkart.keepView(key, view);
      const kept = netkart.keptVersions();
      if (drawn.first) {
        cy.scratch({netkartKey: key, netkartVersion: drawn.version});
        return [noUpdate, noUpdate, kept, noUpdate];
      }
      if (cy.scratch('netkartKey') === key && cy.scratch('netkartVersion') === drawn.version) {
        return [noUpdate, drawn.summary, kept, noUpdate];
      }
      const tools = netkart.drawView(cy, view, key, current, layout, [size, fn, mode, members]);
      return netkart.afterFrame([tools, drawn.summary, kept, noUpdate]);
    },

    // A selector changed: a view drawn before under this selection, in this generation of
    // the catalogue (`epoch`), is drawn at once, and what the tools applied and its summary
    // line are returned after the frame (afterFrame); the server's answer follows (drawCurrent).
    drawCached: function (municipality, round, threshold, gather, lang, size, fn, mode, members, epoch, layout, graphId) {
      const netkart = window.dash_clientside.netkart;
      const noUpdate = window.dash_clientside.no_update;
      const current = netkart.selectionOf(municipality, round, threshold, gather, lang);
      const key = netkart.viewKey(current, (epoch || {}).generation);
      const view = netkart.views.get(key);
      const cy = netkart.graphOf(graphId);
      if (!cy || !view || cy.scratch('netkartKey') === key) return [noUpdate, noUpdate];
      netkart.keepView(key, view);
      const tools = netkart.drawView(cy, view, key, current, layout, [size, fn, mode, members]);
      return netkart.afterFrame([tools, view.summary]);
    },
  },
});

// Every page: the header's height as the CSS variable --header-height, which the network page
// sizes its graph by (netkart.css, .fold). The header wraps to more rows on a narrow screen.
(function watchHeader() {
  const header = document.querySelector('.header');
  if (!header) {
    window.requestAnimationFrame(watchHeader);
    return;
  }
  const root = document.documentElement;
  new ResizeObserver(function () {
    root.style.setProperty('--header-height', header.offsetHeight + 'px');
  }).observe(header);
})();
