// The most stable posture of one side within a treaty's limits (grid, then local search).

import { busy, f3, h, table } from '../dom.js';
import { resultButtons } from '../export.js';

export default {
  id: 'optimize',
  title: 'Optimize',
  defaults: { side: 1, objective: 'index', grid_budget: 40, starts: 2, seed: 1, ran: false },
  async render(container, ctx) {
    const vs = ctx.vs;
    const side = h('select', { id: 'opt-side' }, ctx.sides.map((s, k) => h('option', { value: k, selected: k === vs.side }, s)));
    const objective = h('select', { id: 'opt-objective' }, ['index', 'ratio', 'struck-cost'].map((o) => h('option', { value: o, selected: o === vs.objective }, o)));
    const budget = h('input', { type: 'number', id: 'opt-budget', min: 1, max: 2000, value: vs.grid_budget });
    const starts = h('input', { type: 'number', id: 'opt-starts', min: 1, max: 20, value: vs.starts });
    const out = h('div', { id: 'optimize-result' });
    const run = async () => {
      Object.assign(vs, { side: Number(side.value), objective: objective.value, grid_budget: Number(budget.value), starts: Number(starts.value), ran: true });
      ctx.save();
      const waiting = busy('searching postures');
      out.replaceChildren(waiting);
      try {
        const data = await ctx.post('/api/optimize', { ...ctx.scenarioRequest(), side: vs.side, objective: vs.objective, grid_budget: vs.grid_budget, starts: vs.starts, seed: vs.seed });
        const doc = data.document;
        out.replaceChildren(
          h('p', {}, `Objective ${doc.objective}: base ${f3(doc.base.objective)}, best ${f3(doc.best.objective)}`),
          table(['element', 'base', 'best'], doc.elements.map((e) => [e.name, `${e.base.launchers} x ${e.base.warheads_per_launcher}`, `${e.best.launchers} x ${e.best.warheads_per_launcher}`]), { id: 'optimize-table' }),
          table(['regime', 'index base', 'index best', 'own ratio base', 'own ratio best'], doc.base.regimes.map((r, k) => [`${r.alert}${r.launch_under_attack ? ' LUA' : ''}`, f3(r.index), f3(doc.best.regimes[k].index), f3(r.own_ratio), f3(doc.best.regimes[k].own_ratio)])),
          resultButtons('optimize', doc),
          h('pre', { class: 'report' }, data.text));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    container.append(h('p', { class: 'small' }, 'Searches launchers and loadings of one side within New START, holding its warhead total; larger budgets take longer (the server stops a request after its deadline).'),
      h('div', { class: 'row' }, h('label', {}, 'side ', side), h('label', {}, 'objective ', objective), h('label', {}, 'grid budget ', budget), h('label', {}, 'local searches ', starts),
        h('button', { type: 'button', id: 'run-optimize', onclick: run }, 'Search')), out);
    if (vs.ran) await run();
  },
};
