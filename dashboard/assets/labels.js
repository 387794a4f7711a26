// Readable labels and refit, on every Cytoscape graph of every page (issue 11).
//
// Graphs are found with a MutationObserver on the document (Dash's router swaps pages, the
// Municipalities page draws its grid anew), each through the instance Cytoscape registers on
// its container (container._cyreg.cy), so no page has to take part.
//
// - Label size: one control in the header (off, S, M, L; dashboard/app.py) sets the size of
//   every label on the screen. The font is kept at that many screen pixels at any zoom
//   (font-size = px / zoom in model units, reset once the viewport stops changing), and the
//   label's outline, margin and wrap width keep the proportions to the font that
//   elements.stylesheet gives them. At S only bridge-builders, isolates and political bodies
//   carry a label.
// - Collision avoidance: hide-on-overlap, as Sigma.js's label grid and Kepler.gl's label layer
//   do it. Labels are placed in order of priority (bodies, bridge-builders, isolates, then
//   larger nodes, i.e. higher betweenness, then more ties); a label whose box on the screen
//   overlaps one already placed, or lies outside the graph's box, is hidden (text-opacity 0),
//   not moved. The pass runs when the browser is idle after a draw, or once the viewport has
//   stood still for a moment after a zoom, pan or resize, so it never delays a redraw.
// - Readable minimum: a graph inside an element of class `present` (presentation mode) draws
//   no label below 12 px on the screen, other graphs none below 10 px; a label that would be
//   smaller is hidden, not drawn small.
// - Refit: when a graph's box changes size (window resize, another screen, presentation
//   mode), the graph is fitted again by its page's rule (netkart.refit in graphs.js).
(function () {
  'use strict';

  // Screen pixels of a label per size of the header's control.
  const SIZES = {s: 11, m: 14, l: 18};
  const DEFAULT_SIZE = 'm';
  // The size at which only the persons a facilitator points at carry a label.
  const FEW = 's';
  const MIN_PX = 10;
  const PRESENT_MIN_PX = 12;
  // Screen pixels kept free between two labels.
  const GAP = 2;
  // Side of a cell of the grid that finds a label's neighbours (screen pixels).
  const CELL = 64;
  // Milliseconds the viewport stands still before labels are placed again.
  const SETTLE_MS = 120;
  // Milliseconds a box keeps its size before the graph is fitted to it (Cytoscape's own
  // resize of its canvas is debounced by 100 ms).
  const REFIT_MS = 160;
  // Share of a box's width or height by which it has to change to refit its graph.
  const RESIZED = 0.03;
  // Label measures scaled with the font: outline, margins, wrap width.
  const SCALED = ['font-size', 'text-outline-width', 'text-margin-x', 'text-margin-y', 'text-max-width'];
  const LABEL_BOX = {
    includeNodes: false, includeEdges: false, includeLabels: true, includeMainLabels: true,
    includeSourceLabels: false, includeTargetLabels: false, includeOverlays: false, includeUnderlays: false,
  };
  const KEY = '_netkartLabels';
  // Scratch flag of a node whose label is drawn; a node not yet placed is not labelled.
  const SHOWN = '_netkartLabelShown';

  let chosen = DEFAULT_SIZE;
  const graphs = new Set();
  const idle = window.requestIdleCallback
    ? function (task) { window.requestIdleCallback(task, {timeout: 200}); }
    : function (task) { window.setTimeout(task, 0); };

  function stateOf(cy) { return cy.scratch(KEY); }

  function isPresented(cy) {
    const box = cy.container();
    return Boolean(box && box.closest('.present'));
  }

  function screenPx(cy) {
    const floor = isPresented(cy) ? PRESENT_MIN_PX : MIN_PX;
    return Math.max(SIZES[chosen] || SIZES[DEFAULT_SIZE], floor);
  }

  // The page's stylesheet (elements.stylesheet) with every label measure turned into a
  // function of the graph's current font, and the label shown only where the pass placed it.
  function addRules(cy, state) {
    const style = cy.style();
    const base = style.json();
    let unit = null;
    base.forEach(function (rule) {
      if (unit === null && rule.style['font-size'] !== undefined) unit = parseFloat(rule.style['font-size']);
    });
    unit = unit || 16;
    base.forEach(function (rule) {
      const scaled = {};
      SCALED.forEach(function (name) {
        const value = parseFloat(rule.style[name]);
        if (!isNaN(value)) scaled[name] = function () { return state.font * value / unit; };
      });
      if (Object.keys(scaled).length) style.selector(rule.selector).style(scaled);
    });
    style.selector('node').style({
      'text-opacity': function (node) { return node.scratch(SHOWN) ? 1 : 0; },
      // Cytoscape's own floor, compared with the font at the coarser zoom level of its
      // textures: it hides labels that shrink during a zoom before the pass sets the font.
      'min-zoomed-font-size': function () { return state.min; },
    });
    style.update();
    state.rules = style.length;
  }

  // A node's rank: bodies, bridge-builders, isolates, then the rest.
  function rank(node) {
    if (node.hasClass('body')) return 3;
    if (node.hasClass('bridge-builder')) return 2;
    if (node.hasClass('isolate')) return 1;
    return 0;
  }

  function byPriority(a, b) {
    return (b.rank - a.rank) || (b.size - a.size) || (b.degree - a.degree) || (a.id < b.id ? -1 : 1);
  }

  function cells(box) {
    const found = [];
    for (let i = Math.floor(box.x1 / CELL); i <= Math.floor(box.x2 / CELL); i++) {
      for (let j = Math.floor(box.y1 / CELL); j <= Math.floor(box.y2 / CELL); j++) found.push(i + ':' + j);
    }
    return found;
  }

  function overlaps(a, b) {
    return a.x1 < b.x2 + GAP && b.x1 < a.x2 + GAP && a.y1 < b.y2 + GAP && b.y1 < a.y2 + GAP;
  }

  // The collision pass: which labels are drawn, in order of priority.
  function place(cy) {
    if (cy.destroyed()) return;
    const state = stateOf(cy);
    state.queued = false;
    if (cy.style().length !== state.rules) addRules(cy, state);
    const zoom = cy.zoom();
    const pan = cy.pan();
    const width = cy.width();
    const height = cy.height();
    const px = screenPx(cy);
    const floor = isPresented(cy) ? PRESENT_MIN_PX : MIN_PX;
    if (Math.abs(state.font * zoom - px) > 0.01 || floor !== state.min) {
      state.font = px / zoom;
      state.min = floor;
      cy.nodes().updateStyle();
    }
    const shown = new Set();
    if (chosen !== 'off') {
      const candidates = [];
      cy.nodes().forEach(function (node) {
        const rankOf = rank(node);
        if (!node.data('label') || (chosen === FEW && rankOf === 0) || !node.visible()) return;
        candidates.push({node: node, id: node.id(), rank: rankOf, size: node.data('size') || 0, degree: node.degree()});
      });
      candidates.sort(byPriority);
      const grid = new Map();
      candidates.forEach(function (candidate) {
        const node = candidate.node;
        if (node.pstyle('font-size').pfValue * zoom < state.min - 0.01) return;
        const b = node.boundingBox(LABEL_BOX);
        const box = {x1: b.x1 * zoom + pan.x, x2: b.x2 * zoom + pan.x, y1: b.y1 * zoom + pan.y, y2: b.y2 * zoom + pan.y};
        if (!(box.x2 > box.x1) || box.x1 < 0 || box.y1 < 0 || box.x2 > width || box.y2 > height) return;
        const near = cells(box);
        const blocked = near.some(function (cell) { return (grid.get(cell) || []).some(function (other) { return overlaps(box, other); }); });
        if (blocked) return;
        near.forEach(function (cell) { (grid.get(cell) || grid.set(cell, []).get(cell)).push(box); });
        shown.add(candidate.id);
      });
    }
    const changed = cy.nodes().filter(function (node) { return Boolean(node.scratch(SHOWN)) !== shown.has(node.id()); });
    if (changed.length) {
      cy.batch(function () {
        changed.forEach(function (node) { node.scratch(SHOWN, shown.has(node.id())); });
        changed.updateStyle();
      });
    }
  }

  // After the current draw, when the browser is idle.
  function soon(cy) {
    const state = stateOf(cy);
    if (!state || state.queued) return;
    state.queued = true;
    idle(function () { place(cy); });
  }

  // Once the viewport has stood still.
  function settled(cy) {
    const state = stateOf(cy);
    if (!state) return;
    window.clearTimeout(state.settling);
    state.queued = true;
    state.settling = window.setTimeout(function () { state.queued = false; soon(cy); }, SETTLE_MS);
  }

  function refitLater(cy) {
    const state = stateOf(cy);
    if (!state) return;
    window.clearTimeout(state.refitting);
    state.refitPending = true;
    state.refitting = window.setTimeout(function () { refit(cy); }, REFIT_MS);
  }

  function everyoneInside(cy, width, height) {
    return cy.nodes().every(function (node) {
      const p = node.renderedPosition();
      return p.x >= 0 && p.y >= 0 && p.x <= width && p.y <= height;
    });
  }

  function refit(cy) {
    if (cy.destroyed()) return;
    const state = stateOf(cy);
    state.refitPending = false;
    const box = cy.container();
    const [width, height] = [box.clientWidth, box.clientHeight];
    // A box that is not laid out (a hidden page) is fitted once it is shown again.
    if (!width || !height) return;
    if (cy.width() !== width || cy.height() !== height) cy.resize();
    // A scrollbar coming or going is no reason to move the picture under the user's pointer.
    const resized = Math.abs(width - state.width) > RESIZED * state.width ||
      Math.abs(height - state.height) > RESIZED * state.height;
    if (!resized && everyoneInside(cy, width, height)) return;
    state.width = width;
    state.height = height;
    if (cy.elements().length) window.dash_clientside.netkart.refit(cy);
    settled(cy);
  }

  function hook(cy) {
    const box = cy.container();
    const state = {font: 0, min: 0, rules: -1, queued: false, width: box.clientWidth, height: box.clientHeight};
    cy.scratch(KEY, state);
    state.font = screenPx(cy) / cy.zoom();
    addRules(cy, state);
    state.presented = isPresented(cy);
    cy.on('add remove data class', function () { soon(cy); });
    cy.on('position viewport', function () { settled(cy); });
    // The page's stylesheet set again (dash-cytoscape does on a new `stylesheet` property)
    // drops the rules above; they are put back before the next frame.
    cy.on('style', function () {
      if (!state.restoring && cy.style().length !== state.rules) {
        state.restoring = true;
        window.queueMicrotask(function () {
          state.restoring = false;
          if (!cy.destroyed() && cy.style().length !== state.rules) addRules(cy, state);
          soon(cy);
        });
      }
    });
    // The page fitted the graph to its box as it is now.
    cy.on('layoutstop', function () {
      state.width = box.clientWidth;
      state.height = box.clientHeight;
    });
    state.observer = new ResizeObserver(function () { refitLater(cy); });
    state.observer.observe(box);
    cy.one('destroy', function () {
      state.observer.disconnect();
      window.clearTimeout(state.settling);
      window.clearTimeout(state.refitting);
      graphs.delete(cy);
    });
    graphs.add(cy);
    soon(cy);
  }

  function discover() {
    // Cytoscape marks the container it draws in with this class.
    const boxes = document.getElementsByClassName('__________cytoscape_container');
    for (let i = 0; i < boxes.length; i++) {
      const cy = boxes[i]._cyreg && boxes[i]._cyreg.cy;
      if (cy && !cy.destroyed() && !graphs.has(cy)) hook(cy);
    }
    graphs.forEach(function (cy) {
      // The page changed around the graph, which may have moved it without resizing it (a
      // header or a message above it filled in): Cytoscape keeps the box's place on the
      // screen until its next resize, and would take a click for one at the old place.
      const renderer = cy.renderer();
      if (renderer && renderer.invalidateContainerClientCoordsCache) renderer.invalidateContainerClientCoordsCache();
      // Presentation mode switched on or off around a graph: its labels' floor changes.
      const state = stateOf(cy);
      const presented = isPresented(cy);
      if (state && presented !== state.presented) {
        state.presented = presented;
        soon(cy);
      }
    });
  }

  let looking = false;
  function lookSoon() {
    if (looking) return;
    looking = true;
    window.requestAnimationFrame(function () { looking = false; discover(); });
  }

  function start() {
    new MutationObserver(lookSoon).observe(document.body, {
      childList: true, subtree: true, attributes: true, attributeFilter: ['class'],
    });
    lookSoon();
  }

  if (document.body) start();
  else document.addEventListener('DOMContentLoaded', start);

  // For the header's control (app.py) and for tests: the size in use, and whether every graph
  // has its labels placed for the current view (no pass or refit pending).
  window.netkartLabels = {
    SIZES: SIZES,
    setSize: function (size) {
      chosen = SIZES[size] || size === 'off' ? size : DEFAULT_SIZE;
      graphs.forEach(soon);
    },
    size: function () { return chosen; },
    settled: function () {
      let quiet = !looking;
      graphs.forEach(function (cy) {
        const state = stateOf(cy);
        if (state && (state.queued || state.restoring || state.refitPending)) quiet = false;
      });
      return quiet;
    },
  };

  window.dash_clientside = Object.assign({}, window.dash_clientside);
  window.dash_clientside.netkart = Object.assign({}, window.dash_clientside.netkart, {
    // Header (app.py): the label size chosen, applied to every graph, and kept in a store.
    labelSize: function (size) {
      window.netkartLabels.setSize(size);
      return size;
    },
  });
}());
