// Every page (dashboard/address.py): the page's selection into the address, so that a link
// prepared before a gathering opens exactly that view. The address is rewritten with
// history.replaceState, which neither reloads nor tells Dash's page router (which would render
// the page again).
//
// The page lists its address parameters and the component property each is read from in the
// attribute data-address (address.address_store). They are read and written when the browser
// is idle after Dash's store has changed, not by a Dash callback on the selectors: such a
// callback runs before the next frame on every change of selection, about 6 ms of a network
// redraw of 100 ms (docs/performance.md). The analyst queries page writes its address itself
// (writeQuery), since its parameters differ from query to query.
(function () {
  const idle = window.requestIdleCallback
    ? function (task) { window.requestIdleCallback(task, {timeout: 300}); }
    : function (task) { window.setTimeout(task, 0); };

  // The address's query becomes `params`, if that changes it. Commas stay readable (A,B,C).
  function replaceQuery(params) {
    const query = params.toString().replace(/%2C/g, ',');
    const address = window.location.pathname + (query ? '?' + query : '');
    if (address !== window.location.pathname + window.location.search) {
      window.history.replaceState(window.history.state, '', address);
    }
  }

  // A list is written comma-separated, true as 1; an empty value or false removes the parameter.
  function setParam(params, name, value) {
    const empty = value === null || value === undefined || value === '' || value === false ||
      (Array.isArray(value) && !value.length);
    if (empty) params.delete(name);
    else params.set(name, Array.isArray(value) ? value.join(',') : value === true ? '1' : String(value));
  }

  let scheduled = false;
  // The address each page's holder was first seen at: the page's own. While the router
  // replaces a page, the address is already the next page's and the holder still this one's.
  const pageOf = new WeakMap();

  function write() {
    scheduled = false;
    const holder = document.querySelector('[data-address]');
    if (!holder) return;
    if (!pageOf.has(holder)) pageOf.set(holder, window.location.pathname);
    if (pageOf.get(holder) !== window.location.pathname) return;
    const params = new URLSearchParams(window.location.search);
    const fields = JSON.parse(holder.getAttribute('data-address'));
    for (const [name, [id, prop]] of Object.entries(fields)) {
      const component = window.dash_component_api.getLayout(id);
      // Another page is replacing this one: its components have left Dash's layout.
      if (!component) return;
      setParam(params, name, (component.props || {})[prop]);
    }
    replaceQuery(params);
  }

  (function watch() {
    const stores = window.dash_stores;
    if (!stores || !stores.length || !window.dash_component_api) {
      window.requestAnimationFrame(watch);
      return;
    }
    stores[0].subscribe(function () {
      if (scheduled) return;
      scheduled = true;
      idle(write);
    });
  })();

  window.dash_clientside = Object.assign({}, window.dash_clientside, {
    netkart_address: {
      // Analyst queries page (dashboard/pages/queries.py): the query and its parameters'
      // values. Parameters differ from query to query, so the address is written afresh: only
      // the chosen query's parameters stay in it.
      writeQuery: function (query, choices, free, lang, choiceIds, freeIds) {
        const params = new URLSearchParams();
        setParam(params, 'query', query);
        (choiceIds || []).forEach(function (id, i) { setParam(params, id.name, (choices || [])[i]); });
        (freeIds || []).forEach(function (id, i) { setParam(params, id.name, (free || [])[i]); });
        setParam(params, 'lang', lang);
        replaceQuery(params);
        return window.dash_clientside.no_update;
      },
    },
  });
})();
