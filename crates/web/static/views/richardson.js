// Richardson's arms-race model (`reykjavik richardson`): dx/dt = k y - a x + g,
// dy/dt = l x - b y + h; the equilibrium, its stability and class, and the trajectory. k and l
// are given, or estimated from the best-response function around the scenario on the left.

import { lineChart } from '../charts.js';
import { busy, f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';

const INPUTS = [
  ['k', 'reaction of x to y, per year'], ['l', 'reaction of y to x, per year'],
  ['a', 'fatigue of x, per year'], ['b', 'fatigue of y, per year'],
  ['g', 'grievance of x (build per year)'], ['h', 'grievance of y'],
  ['x0', 'x at the start'], ['y0', 'y at the start'], ['years', 'years followed (up to 1000)'],
];

function result(doc, data) {
  const eq = doc.equilibrium;
  const t = doc.trajectory;
  const series = [
    { name: doc.estimated_from ? doc.estimated_from.x : 'x', points: t.points.map((p) => [p.t, p.x]) },
    { name: doc.estimated_from ? doc.estimated_from.y : 'y', points: t.points.map((p) => [p.t, p.y]) },
  ];
  return [
    h('p', {}, 'Classification: ', h('strong', { id: 'richardson-class' }, doc.classification), doc.stable ? ' (stable)' : ' (unstable)'),
    table(['quantity', 'value'], [
      ['equilibrium x', eq ? f3(eq.x) : 'none (determinant 0)'], ['equilibrium y', eq ? f3(eq.y) : 'none'],
      ['determinant ab - kl', f3(doc.determinant)], ['trace -(a + b)', f3(doc.trace)],
      ...doc.eigenvalues.map((e, k) => [`eigenvalue ${k + 1}`, `${f3(e.re)}${e.im ? ` ± ${f3(Math.abs(e.im))} i` : ''}`]),
      ['runaway at (years)', t.runaway_at === null ? 'no runaway' : f3(t.runaway_at)]], { id: 'richardson-table' }),
    doc.estimated_from ? h('p', { id: 'richardson-estimate' }, `k = ${f3(doc.model.k)} and l = ${f3(doc.model.l)} estimated around ${doc.estimated_from.scenario} on menu ${doc.estimated_from.menu} (x = ${doc.estimated_from.x}, y = ${doc.estimated_from.y}).`) : null,
    h('p', { class: 'small caveat' }, doc.warning),
    resultButtons('richardson', doc),
    figure(lineChart({ title: 'Richardson trajectory', xlabel: 'years', ylabel: 'level', series }), 'richardson-trajectory', 'Both levels against time (fourth-order Runge-Kutta).'),
    h('details', {}, h('summary', {}, 'Text report (as reykjavik richardson prints it)'), h('pre', { class: 'report' }, data.text)),
  ];
}

export default {
  id: 'richardson',
  scenario: false, // works without the scenario on the left (no two-side notice)
  title: 'Richardson',
  defaults: { k: 0.5, l: 0.5, a: 1, b: 1, g: 1, h: 0.5, x0: 0, y0: 0, years: 20, estimate: false },
  async render(container, ctx) {
    const vs = ctx.vs;
    const boxes = Object.fromEntries(INPUTS.map(([key, note]) => [key, h('input', { type: 'number', id: `rich-${key}`, step: 'any', value: vs[key], title: note, class: 'narrow' })]));
    const estimate = h('input', { type: 'checkbox', id: 'rich-estimate', checked: vs.estimate });
    const out = h('div', { id: 'richardson-result' });
    const run = async () => {
      for (const [key] of INPUTS) vs[key] = Number(boxes[key].value);
      vs.estimate = estimate.checked;
      ctx.save();
      const waiting = busy('computing');
      out.replaceChildren(waiting);
      try {
        const request = { a: vs.a, b: vs.b, g: vs.g, h: vs.h, from: [vs.x0, vs.y0], years: vs.years };
        if (vs.estimate) request.estimate = ctx.scenarioRequest(); else Object.assign(request, { k: vs.k, l: vs.l });
        const data = await ctx.post('/api/richardson', request);
        out.replaceChildren(...result(data.document, data).filter(Boolean));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    container.append(h('p', { class: 'small' }, 'dx/dt = k y - a x + g, dy/dt = l x - b y + h (rates -100 to 100 per year; docs/action-reaction.md).'),
      h('div', { class: 'row' }, INPUTS.map(([key, note]) => h('label', { title: note }, `${key} `, boxes[key])),
        h('label', {}, estimate, ' estimate k and l from the scenario on the left'),
        h('button', { type: 'button', id: 'run-richardson', onclick: run }, 'Compute')), out);
    await run();
  },
};
