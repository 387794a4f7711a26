// Presentation mode of the Municipalities page (dashboard/pages/municipalities.py).
//
// The page's root holds the class "present" while presenting; present.css then shows the
// grid alone, filling the screen. Keys while presenting: left/right step the threshold,
// up/down the round (to a later round with up), F toggles the browser's full screen and Esc
// leaves presentation mode. A key typed into a text field is left alone.
window.dash_clientside = Object.assign({}, window.dash_clientside, {
  netkart_present: {
    // The presentation button turns the mode on, the small "×" turns it off.
    toggle: function () {
      const triggered = window.dash_clientside.callback_context.triggered || [];
      return triggered.some(function (t) { return t.prop_id.indexOf('-present-open.') >= 0; });
    },

    // The page's class follows the mode. The graphs' boxes change size with it, so each is
    // told its new size and fitted to it once the new layout is in place.
    pageClass: function (presenting) {
      window.requestAnimationFrame(function () {
        window.requestAnimationFrame(function () {
          document.querySelectorAll('.mun-page .graph').forEach(function (box) {
            const cy = (box._cyreg || {}).cy;
            if (cy) { cy.resize(); cy.fit(undefined, 30); }
          });
        });
      });
      return presenting ? 'mun-page present' : 'mun-page';
    },

    // The next (by = 1) or previous (by = -1) choice of the radio items `id`, set as a
    // user's click would set it; nothing past either end.
    stepChoice: function (id, by) {
      const inputs = Array.prototype.slice.call(document.querySelectorAll('#' + id + ' input[type=radio]'));
      if (!inputs.length) return;
      const at = inputs.findIndex(function (input) { return input.checked; });
      const next = at < 0 ? 0 : Math.min(inputs.length - 1, Math.max(0, at + by));
      if (next !== at) window.dash_clientside.set_props(id, {value: inputs[next].value});
    },

    fullScreen: function () {
      const done = document.fullscreenElement
        ? document.exitFullscreen()
        : document.documentElement.requestFullscreen();
      // Refused (no user gesture, or not allowed here): the page stays as it is.
      if (done && done.catch) done.catch(function () {});
    },
  },
});

document.addEventListener('keydown', function (event) {
  const present = window.dash_clientside.netkart_present;
  if (!document.querySelector('.mun-page.present') || event.altKey || event.ctrlKey || event.metaKey) return;
  const target = event.target;
  const typing = target && (target.isContentEditable || target.tagName === 'TEXTAREA' ||
    target.tagName === 'SELECT' || (target.tagName === 'INPUT' && !/^(radio|checkbox|button)$/.test(target.type)));
  if (typing) return;
  const step = {
    ArrowLeft: ['mun-threshold', -1],
    ArrowRight: ['mun-threshold', 1],
    ArrowDown: ['mun-round', -1],
    ArrowUp: ['mun-round', 1],
  }[event.key];
  if (step) {
    // Also keeps a focused radio button from stepping its own group a second time.
    event.preventDefault();
    present.stepChoice(step[0], step[1]);
  } else if (event.key === 'f' || event.key === 'F') {
    event.preventDefault();
    present.fullScreen();
  } else if (event.key === 'Escape') {
    window.dash_clientside.set_props('mun-present', {data: false});
  }
});
