// Stale-answer guard of the network graph (dashboard/pages/network.py).
//
// The server stamps each graph answer with the selection it was computed for. An answer is
// drawn only if the selectors still show that selection: a slow answer (cold caches) that
// arrives after a newer one is dropped instead of replacing the current view.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  netkart: {
    sameSelection: function (stamped, current) {
      return (
        Array.isArray(stamped) &&
        stamped.length === current.length &&
        stamped.every(function (value, i) { return value === current[i]; })
      );
    },
    drawCurrent: function (drawn, municipality, round, threshold, gather, lang) {
      const noUpdate = window.dash_clientside.no_update;
      const current = [municipality, round, threshold, Boolean(gather && gather.length), lang];
      if (!drawn || !window.dash_clientside.netkart.sameSelection(drawn.selection, current)) {
        return [noUpdate, noUpdate];
      }
      return [drawn.elements === undefined ? noUpdate : drawn.elements, drawn.summary];
    },
  },
});
