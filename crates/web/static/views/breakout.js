// Breakout: months to weapons-grade material for a built-in case, with Monte Carlo.

import { busy, f3, h, table } from '../dom.js';
import { resultButtons } from '../export.js';

export default {
  id: 'breakout',
  title: 'Breakout',
  defaults: { case: 'iran-jcpoa', trials: 0, seed: 1 },
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
    select.addEventListener('change', run);
    container.append(h('p', { class: 'small' }, 'Breakout cases are separate from the scenario on the left (docs/breakout.md).'),
      h('div', { class: 'row' }, h('label', {}, 'case ', select), h('label', {}, 'trials (0: none) ', trials), h('button', { type: 'button', id: 'run-breakout', onclick: run }, 'Compute')), out);
    await run();
  },
};
