// Breakout: months to weapons-grade material for a built-in case, with Monte Carlo, and the
// grid over one or two of its fields (`breakout CASE --vary`): a line chart for one axis, a heat
// map of the months to the first quantity for two.

import { heatMap, lineChart } from '../charts.js';
import { busy, f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';

/// Fields a breakout grid can vary (docs/breakout.md, "Solve and sweep"); I is an index or a name.
const GRID_FIELDS = ['plant[0].machines', 'plant[0].swu_per_machine_year', 'plant[0].efficiency', 'stock[0].mass_kg', 'setup_months'];

function gridAxisControls(axis, key) {
  const path = h('input', { type: 'text', id: `${key}-path`, list: 'breakout-fields', value: axis.path, 'aria-label': `${key} field` });
  const number = (name, value, extra = {}) => h('input', { type: 'number', id: `${key}-${name}`, step: 'any', value, 'aria-label': `${key} ${name}`, ...extra });
  const start = number('start', axis.start), stop = number('stop', axis.stop);
  const steps = number('steps', axis.steps, { min: 1, max: 50, step: 1 });
  const read = () => ({ path: path.value.trim(), start: Number(start.value), stop: Number(stop.value), steps: Number(steps.value) });
  return { node: h('div', { class: 'row' }, path, h('label', {}, 'from ', start), h('label', {}, 'to ', stop), h('label', {}, 'steps ', steps)), read };
}

/// Months as a chart value: never made is a gap (NaN), not zero.
const months = (m) => (m === null ? NaN : m);

function drawGrid(out, data) {
  const doc = data.document;
  const [xa, ya] = doc.axes;
  let svg;
  if (!ya) {
    const series = [['months_to_first', 'first quantity'], ['months_to_last', `quantity ${doc.quantities} (or the last made)`]]
      .map(([key, name]) => ({ name, points: doc.rows.filter((r) => r[key] !== null).map((r) => [r.values[0], r[key]]) }));
    svg = lineChart({ title: `${doc.case}: months to weapons-grade material over ${xa.path}`, xlabel: xa.path, ylabel: 'months', series });
  } else {
    const values = xa.values.map((_, i) => ya.values.map((_, j) => months(doc.rows[i * ya.values.length + j].months_to_first)));
    svg = heatMap({ title: `${doc.case}: months to the first quantity`, xlabel: xa.path, ylabel: ya.path, xs: xa.values, ys: ya.values, values, metric: 'months' });
  }
  const never = doc.rows.filter((r) => r.months_to_first === null).length;
  out.replaceChildren(resultButtons('breakout-grid', doc, data.csv),
    figure(svg, 'breakout-grid', (ya ? 'Each cell is the breakout at that pair of values; hover for the months.' : 'Each point is the breakout at that value.')
      + (never ? ` ${never} point(s) never make a quantity.` : '')));
}

export default {
  id: 'breakout',
  scenario: false, // works without the scenario on the left (no two-side notice)
  title: 'Breakout',
  defaults: {
    case: 'iran-jcpoa', trials: 0, seed: 1, gridRan: false, two: false,
    x: { path: 'plant[0].machines', start: 1000, stop: 10000, steps: 10 },
    y: { path: 'stock[0].mass_kg', start: 0, stop: 3000, steps: 7 },
  },
  async render(container, ctx) {
    const vs = ctx.vs;
    const catalog = await fetch('/api/catalog').then((r) => r.json());
    const select = h('select', { id: 'case' }, catalog.breakout_cases.map((c) => h('option', { value: c.name, selected: c.name === vs.case }, `${c.name}: ${c.description}`)));
    const trials = h('input', { type: 'number', id: 'breakout-trials', min: 0, max: 100000, value: vs.trials });
    const out = h('div', { id: 'breakout-result' });
    const run = async () => {
      vs.case = select.value;
      vs.trials = Number(trials.value) || 0;
      ctx.save();
      const waiting = busy('computing');
      out.replaceChildren(waiting);
      try {
        const data = await ctx.post('/api/breakout', { case: vs.case, trials: vs.trials || null, seed: vs.seed });
        const doc = data.document;
        const mc = doc.monte_carlo;
        out.replaceChildren(
          h('p', {}, 'Months to the first significant quantity: ', h('span', { class: 'big', id: 'months' }, doc.months_to_first === null ? 'never' : f3(doc.months_to_first))),
          table(['SQ', 'months', 'SWU'], doc.quantities.map((q) => [q.number, f3(q.months), Math.round(q.swu)])),
          h('p', { id: 'breakout-mc' }, mc && mc.months_to_first ? `Monte Carlo (${mc.trials} trials): median ${f3(mc.months_to_first.median)} months, 5 % ${f3(mc.months_to_first.p05)}, 95 % ${f3(mc.months_to_first.p95)}` : 'No Monte Carlo (give trials).'),
          resultButtons('breakout', doc),
          h('pre', { class: 'report' }, data.text));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    const x = gridAxisControls(vs.x, 'grid-x'), y = gridAxisControls(vs.y, 'grid-y');
    const two = h('input', { type: 'checkbox', id: 'grid-two', checked: vs.two });
    const gridOut = h('div', { id: 'breakout-grid-result' });
    const runGrid = async () => {
      Object.assign(vs, { case: select.value, x: x.read(), y: y.read(), two: two.checked, gridRan: true });
      ctx.save();
      const waiting = busy('computing the grid');
      gridOut.replaceChildren(waiting);
      try {
        const data = await ctx.post('/api/breakout-grid', { case: vs.case, axes: vs.two ? [vs.x, vs.y] : [vs.x] });
        drawGrid(gridOut, data);
      } catch (error) {
        gridOut.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    select.addEventListener('change', run);
    container.append(h('p', { class: 'small' }, 'Breakout cases are separate from the scenario on the left (docs/breakout.md).'),
      h('div', { class: 'row' }, h('label', {}, 'case ', select), h('label', {}, 'trials (0: none) ', trials), h('button', { type: 'button', id: 'run-breakout', onclick: run }, 'Compute')), out,
      h('h3', {}, 'Grid over one or two fields'),
      h('datalist', { id: 'breakout-fields' }, GRID_FIELDS.map((f) => h('option', { value: f }))),
      x.node, h('label', {}, two, ' second field'), y.node,
      h('div', { class: 'row' }, h('button', { type: 'button', id: 'run-breakout-grid', onclick: runGrid }, 'Compute the grid')), gridOut);
    await run();
    if (vs.gridRan) await runGrid();
  },
};
