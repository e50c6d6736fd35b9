// Downloads: results as JSON or CSV, charts as SVG or PNG, each stamped with the scenario, the
// version and the date.

import { el } from './charts.js';

export const stamp = { scenario: '', version: '' };

function stampText() {
  return `Reykjavik ${stamp.version} · ${stamp.scenario} · ${new Date().toISOString().slice(0, 10)}`;
}

function save(blob, name) {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 5000);
}

function fileName(base, ext) {
  return `${stamp.scenario || 'reykjavik'}-${base}-${new Date().toISOString().slice(0, 10)}.${ext}`;
}

export function downloadJson(base, value) {
  const stamped = { generated_by: stampText(), ...value };
  save(new Blob([JSON.stringify(stamped, null, 2) + '\n'], { type: 'application/json' }), fileName(base, 'json'));
}

export function downloadCsv(base, text) {
  save(new Blob([`# ${stampText()}\n` + text], { type: 'text/csv' }), fileName(base, 'csv'));
}

/// The chart with a stamp line added at its foot, as SVG text.
function stampedSvg(svg) {
  const copy = svg.cloneNode(true);
  const width = +svg.getAttribute('width'), height = +svg.getAttribute('height');
  copy.setAttribute('height', height + 18);
  copy.setAttribute('viewBox', `0 0 ${width} ${height + 18}`);
  el('rect', { x: 0, y: height, width, height: 18, fill: '#ffffff' }, copy);
  el('text', { x: 6, y: height + 13, fill: '#555', 'font-size': '10', 'font-family': 'sans-serif' }, copy, stampText());
  return new XMLSerializer().serializeToString(copy);
}

export function downloadSvg(base, svg) {
  save(new Blob([stampedSvg(svg)], { type: 'image/svg+xml' }), fileName(base, 'svg'));
}

export function downloadPng(base, svg) {
  const text = stampedSvg(svg);
  const image = new Image();
  const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
  image.onload = () => {
    const canvas = document.createElement('canvas');
    canvas.width = image.width * 2;
    canvas.height = image.height * 2;
    const context = canvas.getContext('2d');
    context.scale(2, 2);
    context.drawImage(image, 0, 0);
    URL.revokeObjectURL(url);
    canvas.toBlob((blob) => save(blob, fileName(base, 'png')), 'image/png');
  };
  image.src = url;
}

/// A figure with its chart, caption and SVG/PNG buttons.
export function figure(svg, base, caption) {
  const fig = document.createElement('figure');
  fig.appendChild(svg);
  const cap = document.createElement('figcaption');
  cap.textContent = caption || '';
  const row = document.createElement('div');
  row.className = 'row downloads';
  for (const [label, action] of [['SVG', downloadSvg], ['PNG', downloadPng]]) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', () => action(base, svg));
    row.appendChild(b);
  }
  cap.appendChild(row);
  fig.appendChild(cap);
  return fig;
}

/// A row of buttons downloading a result as JSON (and CSV when given).
export function resultButtons(base, json, csv = null) {
  const row = document.createElement('div');
  row.className = 'row downloads';
  const add = (label, action) => {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.addEventListener('click', action);
    row.appendChild(b);
  };
  add('Download JSON', () => downloadJson(base, json));
  if (csv) add('Download CSV', () => downloadCsv(base, csv));
  return row;
}
