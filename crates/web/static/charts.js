// Hand-written SVG charts (no library, no inline script or style): each function returns an
// <svg> element. Side colours: blue for the first side, red for the second.

const NS = 'http://www.w3.org/2000/svg';
export const COLOURS = ['#1f5fbf', '#c0392b', '#2e8b57', '#8e44ad', '#d35400', '#7f8c8d'];

export function el(tag, attrs = {}, parent = null, text = null) {
  const node = document.createElementNS(NS, tag);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (text !== null) node.textContent = text;
  if (parent) parent.appendChild(node);
  return node;
}

function frame(width, height, title) {
  const svg = el('svg', { xmlns: NS, width, height, viewBox: `0 0 ${width} ${height}`, role: 'img' });
  el('title', {}, svg, title);
  el('rect', { x: 0, y: 0, width, height, fill: '#ffffff' }, svg);
  el('text', { x: width / 2, y: 16, 'text-anchor': 'middle', 'font-weight': 'bold' }, svg, title);
  return svg;
}

export function linear([d0, d1], [r0, r1]) {
  const span = d1 - d0 || 1;
  const f = (v) => r0 + ((v - d0) / span) * (r1 - r0);
  f.invert = (p) => d0 + ((p - r0) / (r1 - r0)) * span;
  return f;
}

export function ticks(low, high, count = 5) {
  if (!(isFinite(low) && isFinite(high)) || high === low) return [low];
  const step0 = (high - low) / count;
  const magnitude = 10 ** Math.floor(Math.log10(step0));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= step0) || step0;
  const out = [];
  for (let v = Math.ceil(low / step) * step; v <= high + step * 1e-9; v += step) out.push(+v.toPrecision(12));
  return out;
}

export function fmt(v) {
  if (!isFinite(v)) return '';
  const a = Math.abs(v);
  if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(2);
  return +v.toPrecision(4) + '';
}

const M = { left: 62, right: 20, top: 28, bottom: 48 };

function axes(svg, x, y, [x0, x1], [y0, y1], xlabel, ylabel, width, height) {
  const g = el('g', { class: 'axes' }, svg);
  el('line', { x1: M.left, y1: height - M.bottom, x2: width - M.right, y2: height - M.bottom, stroke: '#333' }, g);
  el('line', { x1: M.left, y1: M.top, x2: M.left, y2: height - M.bottom, stroke: '#333' }, g);
  for (const t of isFinite(x0) && isFinite(x1) ? ticks(x0, x1) : []) {
    el('line', { x1: x(t), x2: x(t), y1: height - M.bottom, y2: height - M.bottom + 4, stroke: '#333' }, g);
    el('text', { x: x(t), y: height - M.bottom + 16, 'text-anchor': 'middle' }, g, fmt(t));
  }
  for (const t of ticks(y0, y1)) {
    el('line', { x1: M.left - 4, x2: M.left, y1: y(t), y2: y(t), stroke: '#333' }, g);
    el('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end' }, g, fmt(t));
  }
  el('text', { x: (M.left + width - M.right) / 2, y: height - 10, 'text-anchor': 'middle' }, g, xlabel);
  el('text', { x: 14, y: (M.top + height - M.bottom) / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${(M.top + height - M.bottom) / 2})` }, g, ylabel);
}

function legend(svg, items, x, y) {
  items.forEach(([name, colour], k) => {
    el('rect', { x, y: y + k * 16 - 9, width: 12, height: 10, fill: colour }, svg);
    el('text', { x: x + 16, y: y + k * 16 }, svg, name);
  });
}

function extent(values, pad = 0) {
  let lo = Math.min(...values), hi = Math.max(...values);
  if (!isFinite(lo)) { lo = 0; hi = 1; }
  if (lo === hi) { lo -= 0.5; hi += 0.5; }
  const p = (hi - lo) * pad;
  return [lo - p, hi + p];
}

/// Lines: series = [{ name, points: [[x, y]...] }].
export function lineChart({ title, xlabel, ylabel, series, width = 640, height = 380, yDomain = null }) {
  const svg = frame(width, height, title);
  const xs = series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = series.flatMap((s) => s.points.map((p) => p[1]));
  const xd = extent(xs), yd = yDomain || extent(ys, 0.05);
  const x = linear(xd, [M.left, width - M.right]);
  const y = linear(yd, [height - M.bottom, M.top]);
  axes(svg, x, y, xd, yd, xlabel, ylabel, width, height);
  series.forEach((s, k) => {
    const colour = s.colour || COLOURS[k % COLOURS.length];
    el('polyline', { class: 'series', fill: 'none', stroke: colour, 'stroke-width': 2,
      points: s.points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ') }, svg);
    for (const [a, b] of s.points) {
      const dot = el('circle', { cx: x(a), cy: y(b), r: 3, fill: colour }, svg);
      el('title', {}, dot, `${s.name}: ${fmt(b)} at ${fmt(a)}`);
    }
  });
  legend(svg, series.map((s, k) => [s.name, s.colour || COLOURS[k % COLOURS.length]]), M.left + 10, M.top + 12);
  return svg;
}

/// A perceptually ordered colour scale (viridis anchors), t in [0, 1].
export function viridis(t) {
  const A = [[68, 1, 84], [59, 82, 139], [33, 145, 140], [94, 201, 98], [253, 231, 37]];
  const s = Math.min(1, Math.max(0, t)) * (A.length - 1);
  const k = Math.min(Math.floor(s), A.length - 2), f = s - k;
  const c = A[k].map((a, i) => Math.round(a + (A[k + 1][i] - a) * f));
  return `rgb(${c[0]},${c[1]},${c[2]})`;
}

/// A heat map: values[i][j] at (xs[i], ys[j]); one <rect class="cell"> per grid point.
export function heatMap({ title, xlabel, ylabel, xs, ys, values, metric, width = 640, height = 440 }) {
  const svg = frame(width, height, title);
  const plotRight = width - M.right - 70;
  const flat = values.flat().filter(isFinite);
  const [lo, hi] = flat.length ? [Math.min(...flat), Math.max(...flat)] : [0, 1];
  const cw = (plotRight - M.left) / xs.length, ch = (height - M.bottom - M.top) / ys.length;
  xs.forEach((xv, i) => ys.forEach((yv, j) => {
    const v = values[i][j];
    const cell = el('rect', { class: 'cell', x: M.left + i * cw, y: height - M.bottom - (j + 1) * ch,
      width: Math.ceil(cw), height: Math.ceil(ch), fill: viridis(hi > lo ? (v - lo) / (hi - lo) : 0.5), 'data-value': v }, svg);
    el('title', {}, cell, `${xlabel} ${fmt(xv)}, ${ylabel} ${fmt(yv)}: ${metric} ${fmt(v)}`);
  }));
  const xi = linear([0, xs.length - 1], [M.left + cw / 2, plotRight - cw / 2]);
  const yi = linear([0, ys.length - 1], [height - M.bottom - ch / 2, M.top + ch / 2]);
  const every = (n) => Math.max(1, Math.ceil(n / 8));
  xs.forEach((v, i) => { if (i % every(xs.length) === 0) el('text', { x: xi(i), y: height - M.bottom + 14, 'text-anchor': 'middle' }, svg, fmt(v)); });
  ys.forEach((v, j) => { if (j % every(ys.length) === 0) el('text', { x: M.left - 6, y: yi(j) + 4, 'text-anchor': 'end' }, svg, fmt(v)); });
  el('text', { x: (M.left + plotRight) / 2, y: height - 10, 'text-anchor': 'middle' }, svg, xlabel);
  el('text', { x: 14, y: height / 2, 'text-anchor': 'middle', transform: `rotate(-90 14 ${height / 2})` }, svg, ylabel);
  for (let k = 0; k < 20; k++) {
    el('rect', { x: plotRight + 20, y: M.top + (19 - k) * ((height - M.top - M.bottom) / 20), width: 16,
      height: (height - M.top - M.bottom) / 20 + 1, fill: viridis(k / 19) }, svg);
  }
  el('text', { x: plotRight + 40, y: M.top + 8 }, svg, fmt(hi));
  el('text', { x: plotRight + 40, y: height - M.bottom }, svg, fmt(lo));
  el('text', { x: plotRight + 20, y: M.top - 6 }, svg, metric);
  return svg;
}

/// Vertical bars: bars = [{ label, value }].
export function barChart({ title, ylabel, bars, width = 520, height = 300, yDomain = null, colour = COLOURS[0] }) {
  const svg = frame(width, height, title);
  const yd = yDomain || [Math.min(0, ...bars.map((b) => b.value)) * 1.1, Math.max(1e-9, ...bars.map((b) => b.value)) * 1.1];
  const y = linear(yd, [height - M.bottom, M.top]);
  const bw = (width - M.left - M.right) / Math.max(1, bars.length);
  axes(svg, linear([0, 1], [M.left, width - M.right]), y, [NaN, NaN], yd, '', ylabel, width, height);
  bars.forEach((b, k) => {
    const top = y(Math.max(0, b.value)), bottom = y(Math.min(0, b.value));
    const bar = el('rect', { class: 'bar', x: M.left + k * bw + bw * 0.1, y: top, width: bw * 0.8, height: Math.max(0.5, bottom - top), fill: b.colour || colour }, svg);
    el('title', {}, bar, `${b.label}: ${fmt(b.value)}`);
    const every = Math.ceil(bars.length / 10);
    if (k % every === 0) el('text', { x: M.left + (k + 0.5) * bw, y: height - M.bottom + 14, 'text-anchor': 'middle' }, svg, b.label);
  });
  return svg;
}

/// The probability-domain square: the unit square, and a rectangle of sides r_A and r_B whose
/// area is the index r_A x r_B.
export function probabilitySquare({ names, ratios, index, size = 300 }) {
  const width = size + 120, height = size + 70;
  const svg = frame(width, height, `Probability domain: area = index ${fmt(index)}`);
  const x0 = 60, y0 = 30;
  el('rect', { x: x0, y: y0, width: size, height: size, fill: '#f4f6fa', stroke: '#333' }, svg);
  const rect = el('rect', { class: 'index-area', x: x0, y: y0 + size * (1 - ratios[1]), width: size * ratios[0], height: size * ratios[1], fill: '#1f5fbf', 'fill-opacity': 0.35, stroke: '#1f5fbf' }, svg);
  el('title', {}, rect, `index = ${fmt(ratios[0])} x ${fmt(ratios[1])} = ${fmt(index)}`);
  el('text', { x: x0 + size / 2, y: y0 + size + 20, 'text-anchor': 'middle' }, svg, `${names[0]} ratio C1/C2 = ${fmt(ratios[0])}`);
  el('text', { x: x0 - 8, y: y0 + size / 2, 'text-anchor': 'middle', transform: `rotate(-90 ${x0 - 8} ${y0 + size / 2})` }, svg, `${names[1]} ratio = ${fmt(ratios[1])}`);
  el('text', { x: x0 + size * ratios[0] / 2, y: y0 + size * (1 - ratios[1] / 2), 'text-anchor': 'middle', 'font-weight': 'bold' }, svg, fmt(index));
  return svg;
}

/// Survivors by element after one first strike: stacked bars (surviving and not launched,
/// launched under attack, destroyed), which add up to the element's warheads.
export function survivors({ exchange, width = 560 }) {
  const elements = exchange.victim_elements;
  const height = 70 + elements.length * 22 + 56;
  const svg = frame(width, height, `${exchange.victim} after ${exchange.striker} strikes first`);
  const left = 190, right = width - 20;
  const max = Math.max(1, ...elements.map((e) => e.warheads));
  const x = linear([0, max], [left, right]);
  // `surviving` includes the warheads launched under attack: drawn apart, they are not counted twice.
  const parts = [['surviving, not launched', '#2e8b57', (e) => e.surviving - e.launched_under_attack],
    ['launched under attack', '#8fbc8f', (e) => e.launched_under_attack], ['destroyed', '#c0392b', (e) => e.destroyed]];
  elements.forEach((e, k) => {
    const yy = 34 + k * 22;
    el('text', { x: left - 6, y: yy + 12, 'text-anchor': 'end' }, svg, e.name.length > 28 ? e.name.slice(0, 27) + '…' : e.name);
    let at = 0;
    for (const [key, colour, amount] of parts) {
      const v = Math.max(0, amount(e) || 0);
      const bar = el('rect', { class: 'part', x: x(at), y: yy, width: Math.max(0, x(at + v) - x(at)), height: 16, fill: colour }, svg);
      el('title', {}, bar, `${e.name}: ${key} ${fmt(v)} of ${fmt(e.warheads)} warheads`);
      at += v;
    }
  });
  legend(svg, parts.map(([k, c]) => [k, c]), left, height - 40);
  for (const t of ticks(0, max)) el('text', { x: x(t), y: 30, 'text-anchor': 'middle', fill: '#666' }, svg, fmt(t));
  return svg;
}

/// Damage from weapons arriving on value: 1 - 0.2^(w / w80) (docs/model.md).
function damage(w, w80) { return 1 - Math.pow(0.2, Math.max(0, w) / w80); }
function arrivingFor(d, w80) { return d <= 0 ? 0 : d >= 1 ? Infinity : (w80 * Math.log(1 - d)) / Math.log(0.2); }

/// The weapons-domain chart: weapons arriving on each side's value, x on the first side, y on the
/// second; both draw-down curves (one per first strike, as the striker spends warheads on
/// counterforce), the stop points, lines of constant cost through each side's costs at the
/// stops, and a hover readout of both costs at any point.
export function weaponsDomain({ document: doc, w80, width = 640, height = 460 }) {
  const names = doc.sides.map((s) => s.name);
  const { cost_exponent: e, cost_surcharge: s } = doc.model_options;
  const cost = (side, xa, yb) => {
    const own = side === 0 ? damage(xa, w80[0]) : damage(yb, w80[1]);
    const other = side === 0 ? damage(yb, w80[1]) : damage(xa, w80[0]);
    return Math.pow(own, e) + s * (1 - Math.pow(other, e));
  };
  const curves = doc.exchanges.map((x) => {
    const striker = names.indexOf(x.striker);
    // Weapons arriving, from the damage each point gives (the inverse of the damage function).
    const on = (d, k) => arrivingFor(Math.min(d, 1 - 1e-9), w80[k]);
    return x.draw_down_curve.map((p) => striker === 0
      ? [on(p.damage_to_striker, 0), on(p.damage_to_victim, 1)]
      : [on(p.damage_to_victim, 0), on(p.damage_to_striker, 1)]);
  });
  const all = curves.flat();
  const xd = [0, Math.max(1, ...all.map((p) => p[0])) * 1.08];
  const yd = [0, Math.max(1, ...all.map((p) => p[1])) * 1.08];
  const svg = frame(width, height, 'Weapons domain: weapons arriving on value');
  const x = linear(xd, [M.left, width - M.right]);
  const y = linear(yd, [height - M.bottom, M.top]);
  axes(svg, x, y, xd, yd, `arriving on ${names[0]} value`, `arriving on ${names[1]} value`, width, height);
  // Lines of constant cost: for side k and level c, the y that gives cost c at each x.
  const levels = [];
  doc.sides.forEach((side, k) => { levels.push([k, side.cost_striking_first], [k, side.cost_struck_first]); });
  for (const [k, c] of levels) {
    const points = [];
    for (let i = 0; i <= 80; i++) {
      if (k === 0) {
        const xa = xd[0] + (xd[1] - xd[0]) * i / 80;
        // c = D0(x)^e + s (1 - D1(y)^e)  =>  D1(y)^e = 1 - (c - D0(x)^e) / s
        const d1e = 1 - (c - Math.pow(damage(xa, w80[0]), e)) / s;
        if (d1e <= 0 || d1e >= 1) continue;
        points.push([xa, arrivingFor(Math.pow(d1e, 1 / e), w80[1])]);
      } else {
        const yb = yd[0] + (yd[1] - yd[0]) * i / 80;
        const d0e = 1 - (c - Math.pow(damage(yb, w80[1]), e)) / s;
        if (d0e <= 0 || d0e >= 1) continue;
        points.push([arrivingFor(Math.pow(d0e, 1 / e), w80[0]), yb]);
      }
    }
    const inside = points.filter(([a, b]) => a >= xd[0] && a <= xd[1] && b >= yd[0] && b <= yd[1]);
    if (inside.length > 1) {
      const line = el('polyline', { class: 'isocost', fill: 'none', stroke: COLOURS[k], 'stroke-dasharray': '4 3', 'stroke-opacity': 0.7,
        points: inside.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ') }, svg);
      el('title', {}, line, `${names[k]}: constant cost ${fmt(c)}`);
    }
  }
  curves.forEach((points, k) => {
    const striker = names.indexOf(doc.exchanges[k].striker);
    el('polyline', { class: 'drawdown', fill: 'none', stroke: COLOURS[striker], 'stroke-width': 2,
      points: points.map(([a, b]) => `${x(a).toFixed(1)},${y(b).toFixed(1)}`).join(' ') }, svg);
    const stop = points[doc.exchanges[k].stop_index];
    if (stop) {
      const dot = el('circle', { class: 'stop', cx: x(stop[0]), cy: y(stop[1]), r: 5, fill: COLOURS[striker], stroke: '#000' }, svg);
      el('title', {}, dot, `${names[striker]} strikes first: stop at ${fmt(stop[0])}, ${fmt(stop[1])}`);
    }
  });
  legend(svg, [[`${names[0]} strikes first (curve, stop)`, COLOURS[0]], [`${names[1]} strikes first`, COLOURS[1]], ['dashed: constant cost at the stops', '#888']], width - 260, M.top + 14);
  const readout = el('text', { class: 'readout', x: M.left + 8, y: height - M.bottom - 8 }, svg, 'hover for both costs at a point');
  const target = el('rect', { x: M.left, y: M.top, width: width - M.left - M.right, height: height - M.top - M.bottom, fill: 'transparent' }, svg);
  target.addEventListener('mousemove', (event) => {
    const box = svg.getBoundingClientRect();
    const px = (event.clientX - box.left) * (width / box.width), py = (event.clientY - box.top) * (height / box.height);
    const xa = x.invert(px), yb = y.invert(py);
    readout.textContent = `${names[0]} ${fmt(xa)}, ${names[1]} ${fmt(yb)} arriving: cost ${names[0]} ${cost(0, xa, yb).toFixed(3)}, ${names[1]} ${cost(1, xa, yb).toFixed(3)}`;
  });
  return svg;
}

/// A histogram of counts in bins of equal width from `start`.
export function histogram({ title, xlabel, counts, start = 0, binWidth = 1, width = 520, height = 280, colour = COLOURS[0] }) {
  const bars = counts.map((c, k) => ({ label: fmt(start + k * binWidth), value: c, colour }));
  const svg = barChart({ title, ylabel: 'trials', bars, width, height, colour });
  el('text', { x: width / 2, y: height - 26, 'text-anchor': 'middle', fill: '#444' }, svg, xlabel);
  return svg;
}
