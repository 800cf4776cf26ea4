// Added by `dossier serve` to the pages it serves, never to a built site.
// It listens to the server's event stream: when the site has changed, the
// page reloads; when a rebuild failed, an overlay lists its errors as
// `dossier check` prints them, over the last good page, until a good save,
// with the warnings folded below; a good rebuild's warnings show folded in
// a corner.
(() => {
  'use strict';
  const script = document.currentScript;
  const version = script.dataset.version;
  const searchable = script.dataset.searchable === 'true';
  const url = name => new URL(name, script.src).href;
  let overlay = null;

  const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
  const STYLE = `
      section { background: #fff; color: #1a1a1a; padding: 1rem 1.25rem; border-radius: 4px; }
      h2 { margin: 0 0 .5rem; font-size: 1.15rem; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5;
        padding: .6rem .75rem; margin: .6rem 0; font: 13px/1.4 ui-monospace, monospace; }
      button { font: inherit; float: right; margin-left: .5rem; }
      p { margin: .4rem 0; }
      summary { cursor: pointer; font-weight: 600; min-height: 24px; }
      @media (prefers-color-scheme: dark) {
        section { background: #1e1e1e; color: #eee; }
        pre { background: #2a2a2a; }
      }`;

  // Each diagnostic as `dossier check` prints it.
  const listed = (box, diagnostics) => {
    for (const d of diagnostics) {
      const pre = document.createElement('pre');
      pre.textContent = d.text;
      box.append(pre);
    }
  };

  // The warnings, folded under their count.
  const folded = warnings => {
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.textContent = plural(warnings.length, 'warning');
    details.append(summary);
    listed(details, warnings);
    return details;
  };

  const hide = () => {
    const button = document.createElement('button');
    button.textContent = 'Hide';
    button.addEventListener('click', () => { overlay?.remove(); overlay = null; });
    return button;
  };

  // A failed rebuild: its errors over the last good page, the warnings
  // folded below them. A good one with warnings (a draft's numbers not yet
  // covered, its TODOs): their count in a corner, unfolded on demand.
  const show = status => {
    overlay?.remove();
    overlay = null;
    const errors = status.diagnostics.filter(d => d.severity === 'error');
    const warnings = status.diagnostics.filter(d => d.severity !== 'error');
    if (status.ok && warnings.length === 0) return;
    overlay = document.createElement(status.ok ? 'dossier-serve-warnings' : 'dossier-serve-errors');
    const root = overlay.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    const box = document.createElement('section');
    if (status.ok) {
      style.textContent = `${STYLE}
      :host { all: initial; position: fixed; right: .75rem; bottom: .75rem; z-index: 2147483647;
        max-width: min(46rem, calc(100vw - 1.5rem)); max-height: 70vh; overflow: auto;
        font: 15px/1.45 system-ui, sans-serif; box-shadow: 0 2px 10px rgb(0 0 0 / 0.3); border-radius: 4px; }
      section { border-left: 6px solid #8a5a00; padding: .5rem .75rem; }`;
      box.setAttribute('role', 'status');
      const details = folded(warnings);
      details.querySelector('summary').textContent = `${plural(warnings.length, 'warning')} in this draft`;
      box.append(hide(), details);
    } else {
      style.textContent = `${STYLE}
      :host { all: initial; position: fixed; inset: 0; z-index: 2147483647;
        background: rgb(0 0 0 / 0.55); overflow: auto; font: 15px/1.45 system-ui, sans-serif; }
      section { margin: 4vh auto; max-width: 62rem; border-top: 6px solid #b3261e; }
      h2 { color: #b3261e; }
      @media (prefers-color-scheme: dark) { h2 { color: #ff8a80; } }`;
      box.setAttribute('role', 'alert');
      const heading = document.createElement('h2');
      heading.textContent = `The dossier did not rebuild: ${plural(errors.length, 'error')}`;
      const note = document.createElement('p');
      note.textContent = 'The page below is the last good build. Fix the file and save: this goes away.';
      box.append(hide(), heading, note);
      listed(box, errors);
      if (warnings.length > 0) box.append(folded(warnings));
    }
    root.append(style, box);
    document.documentElement.append(overlay);
  };

  const events = new EventSource(url('events'));
  events.addEventListener('status', e => {
    const status = JSON.parse(e.data);
    const changed = status.ok && String(status.version) !== version;
    // The search page, served before the first index was ready, needs it.
    const indexed = !searchable && status.search === 'ready'
      && document.querySelector('#search[data-bundles]') !== null;
    if (changed || indexed) {
      events.close();
      location.reload();
      return;
    }
    show(status);
  });
})();
