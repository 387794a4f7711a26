// Pictures for slides (dashboard/components.py export_callbacks, dashboard/exports.py).
//
// The server says what a picture holds (title, file name, source line, graphs with their
// titles and columns); here each graph is drawn by Cytoscape as SVG (cy.svg, from the
// cytoscape-svg extension that dash-cytoscape's extra bundle registers) and put into one SVG
// with the title, the page's legend (drawn as shapes and text from the legend entries' data,
// components._swatch) and the source line. PNG is that SVG rasterised on a canvas.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  netkart_pictures: {
    WIDTH: 1600,
    // Height of all graphs of a picture together, at most: with the texts about 16:10.
    GRAPHS_HEIGHT: 820,
    MARGIN: 24,
    GAP: 18,
    FONT: '"DejaVu Sans", "Segoe UI", Arial, sans-serif',
    TITLE_SIZE: 34,
    CELL_TITLE_SIZE: 22,
    LEGEND_SIZE: 18,
    LEGEND_ROW: 30,
    SOURCE_SIZE: 15,
    // Pixels per SVG unit of a PNG.
    PNG_SCALE: 2,
    SVG_NS: 'http://www.w3.org/2000/svg',

    // The legends: the page's legend, then any further legend components it names.
    composePicture: function (spec) {
      const pictures = window.dash_clientside.netkart_pictures;
      if (!spec) return window.dash_clientside.no_update;
      const legends = Array.prototype.slice.call(arguments, 1);
      const entries = legends.reduce(function (all, legend) { return all.concat(pictures.legendEntries(legend)); }, []);
      const drawn = pictures.compose(spec, entries);
      if (spec.kind === 'svg') {
        pictures.download(new Blob([drawn.svg], {type: 'image/svg+xml'}), spec.file + '.svg');
      } else {
        pictures.rasterise(drawn).then(function (png) { pictures.download(png, spec.file + '.png'); });
      }
      return spec.stamp;
    },

    // The legend's entries as data: shape, colour and label of each legend item the server
    // sent (the Dash components' props, not the page's drawn style).
    legendEntries: function (children) {
      const textOf = function (node) {
        if (node === null || node === undefined) return '';
        if (typeof node === 'string' || typeof node === 'number') return String(node);
        if (Array.isArray(node)) return node.map(textOf).join('');
        return node.props ? textOf(node.props.children) : '';
      };
      const items = Array.isArray(children) ? children : children ? [children] : [];
      return items.map(function (item) {
        const props = (item && item.props) || {};
        return {shape: props['data-shape'], colour: props['data-colour'] || '', label: textOf(props.children)};
      }).filter(function (entry) { return entry.shape && entry.label; });
    },

    element: function (name, attributes, text) {
      const node = document.createElementNS(window.dash_clientside.netkart_pictures.SVG_NS, name);
      Object.keys(attributes || {}).forEach(function (key) { node.setAttribute(key, attributes[key]); });
      if (text !== undefined) node.textContent = text;
      return node;
    },

    textWidth: function (text, size, italic) {
      const pictures = window.dash_clientside.netkart_pictures;
      pictures._canvas = pictures._canvas || document.createElement('canvas');
      const context = pictures._canvas.getContext('2d');
      context.font = (italic ? 'italic ' : '') + size + 'px ' + pictures.FONT;
      return context.measureText(text).width;
    },

    // The graph of component `id` as an <svg> element scaled into the box, or null when it
    // is not drawn.
    graphSvg: function (id, x, y, width, height) {
      const cy = window.dash_clientside.netkart.graphOf(id);
      if (!cy || !cy.elements().length || typeof cy.svg !== 'function') return null;
      const source = new DOMParser().parseFromString(cy.svg({full: true, bg: '#FFFFFF'}), 'image/svg+xml');
      const svg = document.importNode(source.documentElement, true);
      if (!svg.getAttribute('viewBox')) {
        svg.setAttribute('viewBox', '0 0 ' + parseFloat(svg.getAttribute('width')) + ' ' + parseFloat(svg.getAttribute('height')));
      }
      svg.setAttribute('x', x);
      svg.setAttribute('y', y);
      svg.setAttribute('width', width);
      svg.setAttribute('height', height);
      svg.setAttribute('preserveAspectRatio', 'xMidYMid meet');
      return svg;
    },

    // Height over width of the widest-drawn graph's extent, kept between 0.35 and 1.
    aspect: function (graphs) {
      const ratios = graphs.map(function (graph) {
        const cy = window.dash_clientside.netkart.graphOf(graph.id);
        if (!cy || !cy.elements().length) return 0.5625;
        const extent = cy.elements().boundingBox();
        return extent.w ? extent.h / extent.w : 0.5625;
      });
      return Math.min(1, Math.max(0.35, Math.max.apply(null, ratios.concat([0.35]))));
    },

    swatch: function (entry, x, middle) {
      const p = window.dash_clientside.netkart_pictures;
      const tokens = entry.shape.split(/\s+/);
      const colours = entry.colour.match(/#[0-9A-Fa-f]{3,8}\b/g) || ['#BBBBBB'];
      const group = p.element('g');
      const cx = x + 18;
      const r = 10;
      if (tokens[0] === 'line') {
        const widths = {w1: 2, w3: 4, w5: 5, w6: 6};
        group.appendChild(p.element('line', {
          x1: x, y1: middle, x2: x + 36, y2: middle, stroke: colours[0], 'stroke-width': widths[tokens[1]] || 4,
        }));
      } else if (tokens[0] === 'dot' && colours.length > 1) {
        // Several functions: a pie, here of the first two colours.
        group.appendChild(p.element('path', {d: 'M' + cx + ',' + (middle - r) + ' A' + r + ',' + r + ' 0 0,0 ' + cx + ',' + (middle + r) + ' Z', fill: colours[0]}));
        group.appendChild(p.element('path', {d: 'M' + cx + ',' + (middle - r) + ' A' + r + ',' + r + ' 0 0,1 ' + cx + ',' + (middle + r) + ' Z', fill: colours[1]}));
        group.appendChild(p.element('circle', {cx: cx, cy: middle, r: r, fill: 'none', stroke: '#333333', 'stroke-width': 1}));
      } else if (tokens[0] === 'dot') {
        // The same encodings as the legend's CSS classes (netkart.css .swatch.dot.*).
        const ring = {
          hollow: {fill: '#FFFFFF', stroke: '#0072B2', 'stroke-width': 4},
          outlined: {fill: '#0072B2', stroke: '#000000', 'stroke-width': 4},
          double: {fill: '#0072B2', stroke: '#000000', 'stroke-width': 1.5},
          joined: {fill: '#FFFFFF', stroke: '#009E73', 'stroke-width': 4},
          left: {fill: '#FFFFFF', stroke: '#D55E00', 'stroke-width': 4, 'stroke-dasharray': '4 3', opacity: 0.6},
        }[tokens[1]] || {fill: colours[0], stroke: '#333333', 'stroke-width': 1};
        group.appendChild(p.element('circle', Object.assign({cx: cx, cy: middle, r: r - 2}, ring)));
        if (tokens[1] === 'double') {
          group.appendChild(p.element('circle', {cx: cx, cy: middle, r: r + 2, fill: 'none', stroke: '#000000', 'stroke-width': 1.5}));
        }
      } else if (entry.shape !== 'note') {
        group.appendChild(p.element('rect', {x: cx - r, y: middle - r, width: 2 * r, height: 2 * r, fill: colours[0], stroke: '#333333'}));
      }
      return group;
    },

    // The picture as SVG text, with its size in SVG units.
    compose: function (spec, entries) {
      const p = window.dash_clientside.netkart_pictures;
      const width = p.WIDTH;
      const inner = width - 2 * p.MARGIN;
      const graphs = spec.graphs || [];
      const columns = Math.max(1, spec.columns || 1);
      const rows = Math.ceil(graphs.length / columns);
      const cellWidth = (inner - (columns - 1) * p.GAP) / columns;
      const titled = graphs.some(function (g) { return g.title; });
      const cellTitle = titled ? p.CELL_TITLE_SIZE + 10 : 0;
      // Graphs no taller than their aspect needs, and all rows together within GRAPHS_HEIGHT,
      // so that the picture keeps about a slide's shape.
      const fitting = (p.GRAPHS_HEIGHT - (rows - 1) * p.GAP) / Math.max(1, rows) - cellTitle;
      const graphHeight = Math.round(Math.min(cellWidth * p.aspect(graphs), fitting));
      const cellHeight = cellTitle + graphHeight;

      const root = p.element('svg', {xmlns: p.SVG_NS, 'font-family': p.FONT});
      root.appendChild(p.element('rect', {x: 0, y: 0, width: width, height: 0, fill: '#FFFFFF', class: 'background'}));
      let y = p.MARGIN + p.TITLE_SIZE;
      root.appendChild(p.element('text', {x: p.MARGIN, y: y, 'font-size': p.TITLE_SIZE, 'font-weight': 'bold', fill: '#111111', class: 'title'}, spec.title));
      y += 18;
      graphs.forEach(function (graph, i) {
        const x = p.MARGIN + (i % columns) * (cellWidth + p.GAP);
        const top = y + Math.floor(i / columns) * (cellHeight + p.GAP);
        const cell = p.element('g', {class: 'graph', 'data-graph': graph.id, 'data-title': graph.title || spec.title});
        if (graph.title) {
          cell.appendChild(p.element('text', {x: x, y: top + p.CELL_TITLE_SIZE, 'font-size': p.CELL_TITLE_SIZE, 'font-weight': 'bold', fill: '#111111'}, graph.title));
        }
        cell.appendChild(p.element('rect', {x: x, y: top + cellTitle, width: cellWidth, height: graphHeight, fill: '#FFFFFF', stroke: '#BBBBBB'}));
        const drawn = p.graphSvg(graph.id, x + 4, top + cellTitle + 4, cellWidth - 8, graphHeight - 8);
        if (drawn) cell.appendChild(drawn);
        root.appendChild(cell);
      });
      y += rows * cellHeight + Math.max(0, rows - 1) * p.GAP + 14;

      // Legend entries left to right, wrapping at the picture's width.
      const legend = p.element('g', {class: 'legend'});
      let x = p.MARGIN;
      y += p.LEGEND_ROW / 2;
      entries.forEach(function (entry) {
        const note = entry.shape === 'note';
        const swatchWidth = note ? 0 : 44;
        const needed = swatchWidth + p.textWidth(entry.label, p.LEGEND_SIZE, note) + 28;
        if (x > p.MARGIN && x + needed > width - p.MARGIN) {
          x = p.MARGIN;
          y += p.LEGEND_ROW;
        }
        legend.appendChild(p.swatch(entry, x, y));
        legend.appendChild(p.element('text', {
          x: x + swatchWidth, y: y + p.LEGEND_SIZE * 0.35, 'font-size': p.LEGEND_SIZE, fill: '#111111',
          'font-style': note ? 'italic' : 'normal',
        }, entry.label));
        x += needed;
      });
      root.appendChild(legend);
      y += (entries.length ? p.LEGEND_ROW / 2 : 0) + p.SOURCE_SIZE + 10;
      root.appendChild(p.element('text', {x: p.MARGIN, y: y, 'font-size': p.SOURCE_SIZE, fill: '#333333', class: 'source'}, spec.source));
      const height = Math.ceil(y + p.MARGIN);
      root.setAttribute('width', width);
      root.setAttribute('height', height);
      root.setAttribute('viewBox', '0 0 ' + width + ' ' + height);
      root.firstChild.setAttribute('height', height);
      const svg = '<?xml version="1.0" encoding="UTF-8"?>\n' + new XMLSerializer().serializeToString(root);
      return {svg: svg, width: width, height: height};
    },

    // A PNG of the composed SVG, PNG_SCALE pixels per unit, on white.
    rasterise: function (drawn) {
      const scale = window.dash_clientside.netkart_pictures.PNG_SCALE;
      return new Promise(function (resolve, reject) {
        const address = URL.createObjectURL(new Blob([drawn.svg], {type: 'image/svg+xml'}));
        const image = new Image();
        image.onload = function () {
          const canvas = document.createElement('canvas');
          canvas.width = drawn.width * scale;
          canvas.height = drawn.height * scale;
          const context = canvas.getContext('2d');
          context.fillStyle = '#FFFFFF';
          context.fillRect(0, 0, canvas.width, canvas.height);
          context.drawImage(image, 0, 0, canvas.width, canvas.height);
          URL.revokeObjectURL(address);
          canvas.toBlob(resolve, 'image/png');
        };
        image.onerror = function (error) { URL.revokeObjectURL(address); reject(error); };
        image.src = address;
      });
    },

    download: function (blob, name) {
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = name;
      document.body.appendChild(link);
      link.click();
      link.remove();
      // Revoked later: the download reads the address after the click returns.
      window.setTimeout(function () { URL.revokeObjectURL(link.href); }, 60000);
    },
  },
});
