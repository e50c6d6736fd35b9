// A small DOM helper: h('div', { class: 'x', onclick: f }, child, 'text', ...).

export function h(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === null || v === undefined || v === false) continue;
    if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (k === 'value') node.value = v;
    else if (k === 'checked') node.checked = !!v;
    else node.setAttribute(k, v === true ? '' : v);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(typeof child === 'string' || typeof child === 'number' ? document.createTextNode(String(child)) : child);
  }
  return node;
}

export function table(headers, rows, attrs = {}) {
  return h('table', attrs,
    h('thead', {}, h('tr', {}, headers.map((x) => h('th', {}, x)))),
    h('tbody', {}, rows.map((r) => h('tr', {}, r.map((c) => (c instanceof Node ? h('td', {}, c) : h('td', {}, c === null || c === undefined ? '' : String(c))))))));
}

export function f3(v) { return typeof v === 'number' && isFinite(v) ? v.toFixed(3) : '–'; }

/// A busy indicator with elapsed seconds; `set(done, total)` turns it into a progress bar when
/// the server reports progress (Monte Carlo), otherwise it stays indeterminate.
export function busy(what) {
  const started = performance.now();
  const bar = h('progress', {});
  const label = h('span', {}, ` ${what}…`);
  const node = h('span', { class: 'busy', role: 'status' }, bar, label);
  let count = '';
  const tick = () => { label.textContent = ` ${what}${count}… ${((performance.now() - started) / 1000).toFixed(1)} s`; };
  const timer = setInterval(tick, 200);
  node.set = (done, total) => { bar.max = total; bar.value = done; count = `: ${done} of ${total}`; tick(); };
  node.stop = () => { clearInterval(timer); node.remove(); };
  return node;
}
