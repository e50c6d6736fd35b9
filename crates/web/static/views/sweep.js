// Sweeps: the analysis over one field (a line chart of the index and both ratios; on N sides the
// N-side index and each side's overall ratio) or two (a heat map of any column), fields picked
// from the scenario's list of paths.

import { heatMap, lineChart } from '../charts.js';
import { busy, h } from '../dom.js';
import { figure, resultButtons } from '../export.js';

function axisControls(ctx, axis, key) {
  const select = h('select', { id: `${key}-path`, 'aria-label': `${key} field` },
    ctx.fields.map((f) => h('option', { value: f.path, selected: f.path === axis.path }, `${f.label} (${f.unit || 'no unit'})`)));
  const number = (name, value) => h('input', { type: 'number', id: `${key}-${name}`, step: 'any', value, 'aria-label': `${key} ${name}` });
  const start = number('start', axis.start), stop = number('stop', axis.stop);
  const steps = h('input', { type: 'number', id: `${key}-steps`, min: 1, max: 50, step: 1, value: axis.steps, 'aria-label': `${key} steps` });
  select.addEventListener('change', () => {
    const f = ctx.fields.find((x) => x.path === select.value);
    const [a, b] = defaultRange(f);
    start.value = a;
    stop.value = b;
  });
  const read = () => ({ path: select.value, start: Number(start.value), stop: Number(stop.value), steps: Number(steps.value) });
  return { node: h('div', { class: 'row' }, select, h('label', {}, 'from ', start), h('label', {}, 'to ', stop), h('label', {}, 'steps ', steps)), read };
}

function defaultRange(f) {
  if (!f) return [0, 1];
  if (f.unit === 'share' || f.unit === 'probability') return [Math.max(f.min, 0), Math.min(f.max, 1)];
  const low = Math.max(f.min, f.value / 2), high = Math.min(f.max, f.value * 1.5 || 1);
  return f.integer ? [Math.round(low), Math.round(high)] : [+low.toPrecision(3), +high.toPrecision(3)];
}

function defaultAxis(ctx, pattern) {
  const f = ctx.fields.find((x) => pattern.test(x.path)) || ctx.fields[0];
  const [start, stop] = defaultRange(f);
  return { path: f ? f.path : '', start, stop, steps: 5 };
}

function draw(out, data, metric) {
  const [xa, ya] = data.axes;
  const column = (name) => data.columns.indexOf(name);
  let svg;
  if (!ya) {
    const nSide = data.kind === 'n-side';
    const names = ['index', ...data.columns.filter((c) => c.startsWith(nSide ? 'overall_ratio[' : 'ratio['))];
    const what = nSide ? 'N-side index and overall ratios' : 'index and ratios';
    svg = lineChart({ title: `${data.scenario}: ${what} over ${xa.path}`, xlabel: xa.label, ylabel: 'index / ratio',
      series: names.map((n) => ({ name: n, points: data.rows.map((r) => [r[0], r[column(n)]]) })), yDomain: [0, 1.05] });
  } else {
    const m = column(metric) >= 0 ? column(metric) : column('index');
    const values = xa.values.map((_, i) => ya.values.map((_, j) => data.rows[i * ya.values.length + j][m]));
    svg = heatMap({ title: `${data.scenario}: ${data.columns[m]}`, xlabel: xa.label, ylabel: ya.label, xs: xa.values, ys: ya.values, values, metric: data.columns[m] });
  }
  out.replaceChildren(resultButtons('sweep', { axes: data.axes, columns: data.columns, rows: data.rows }, data.csv),
    figure(svg, 'sweep', ya ? 'Each cell is one analysis at that pair of values; hover for the value.' : 'Each point is one analysis at that value.'));
}

/// The heat map's metrics: the index and each side's terms (on N sides, its overall ratio).
function metrics(ctx) {
  if (ctx.nSide) return ['index', ...ctx.sides.map((s) => `overall_ratio[${s}]`)];
  return ['index', ...ctx.sides.flatMap((s) => [`ratio[${s}]`, `cost_striking_first[${s}]`, `cost_struck_first[${s}]`])];
}

export default {
  id: 'sweep',
  title: 'Sweep',
  // Reads N-side scenarios too (the N-side sweep table).
  nSide: true,
  defaults: { x: null, y: null, two: false, metric: 'index', ran: false },
  async render(container, ctx) {
    const vs = ctx.vs;
    vs.x = vs.x || defaultAxis(ctx, /cep_m$/);
    vs.y = vs.y || defaultAxis(ctx, /untargetable_share\.day_to_day$/);
    const x = axisControls(ctx, vs.x, 'x'), y = axisControls(ctx, vs.y, 'y');
    const two = h('input', { type: 'checkbox', id: 'two-d', checked: vs.two });
    const metric = h('select', { id: 'metric' }, metrics(ctx)
      .map((m) => h('option', { value: m, selected: m === vs.metric }, m)));
    const out = h('div', { id: 'sweep-result' });
    const run = async () => {
      Object.assign(vs, { x: x.read(), y: y.read(), two: two.checked, metric: metric.value, ran: true });
      ctx.save();
      const waiting = busy('sweeping');
      out.replaceChildren(waiting);
      try {
        const data = await ctx.post('/api/sweep', { ...ctx.scenarioRequest(), axes: vs.two ? [vs.x, vs.y] : [vs.x] });
        draw(out, data, vs.metric);
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    container.append(
      h('p', { class: 'small' }, 'Pick a field for the x axis (and, for a heat map, a second for y); the analysis runs at every grid point under the posture set on the left.'),
      h('div', {}, h('strong', {}, 'x axis'), x.node),
      h('label', {}, two, ' second axis (heat map)'),
      h('div', {}, h('strong', {}, 'y axis'), y.node),
      h('div', { class: 'row' }, h('label', {}, 'heat-map metric ', metric), h('button', { type: 'button', id: 'run-sweep', onclick: run }, 'Run the sweep')),
      out);
    if (vs.ran) await run();
  },
};
