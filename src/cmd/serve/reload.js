// Added by `dossier serve` to the pages it serves, never to a built site.
// It listens to the server's event stream: when the site has changed, the
// page reloads; when a rebuild failed, an overlay lists its errors as
// `dossier check` prints them, over the last good page, until a good save.
(() => {
  'use strict';
  const script = document.currentScript;
  const version = script.dataset.version;
  const searchable = script.dataset.searchable === 'true';
  const url = name => new URL(name, script.src).href;
  let overlay = null;

  const show = status => {
    overlay?.remove();
    overlay = null;
    if (status.ok) return;
    const errors = status.diagnostics.filter(d => d.severity === 'error');
    overlay = document.createElement('dossier-serve-errors');
    const root = overlay.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = `
      :host { all: initial; position: fixed; inset: 0; z-index: 2147483647;
        background: rgb(0 0 0 / 0.55); overflow: auto; font: 15px/1.45 system-ui, sans-serif; }
      section { margin: 4vh auto; max-width: 62rem; background: #fff; color: #1a1a1a;
        border-top: 6px solid #b3261e; padding: 1rem 1.25rem; border-radius: 4px; }
      h2 { margin: 0 0 .5rem; font-size: 1.15rem; color: #b3261e; }
      pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f5f5f5;
        padding: .6rem .75rem; margin: .6rem 0; font: 13px/1.4 ui-monospace, monospace; }
      button { font: inherit; float: right; }
      p { margin: .4rem 0; }
      @media (prefers-color-scheme: dark) {
        section { background: #1e1e1e; color: #eee; }
        pre { background: #2a2a2a; }
        h2 { color: #ff8a80; }
      }`;
    const box = document.createElement('section');
    box.setAttribute('role', 'alert');
    const close = document.createElement('button');
    close.textContent = 'Hide';
    close.addEventListener('click', () => overlay?.remove());
    const heading = document.createElement('h2');
    const plural = (n, word) => `${n} ${word}${n === 1 ? '' : 's'}`;
    heading.textContent = `The dossier did not rebuild: ${plural(errors.length, 'error')}`;
    const note = document.createElement('p');
    note.textContent = 'The page below is the last good build. Fix the file and save: this goes away.';
    box.append(close, heading, note);
    for (const d of errors) {
      const pre = document.createElement('pre');
      pre.textContent = d.text;
      box.append(pre);
    }
    if (status.warnings > 0) {
      const more = document.createElement('p');
      more.textContent = `And ${plural(status.warnings, 'warning')}: see the terminal.`;
      box.append(more);
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
