// The most stable posture of one side within a treaty's limits (grid, then local search).

import { busy, f3, h, table } from '../dom.js';
import { resultButtons } from '../export.js';

const regime = (r) => `${r.alert}${r.launch_under_attack ? ' LUA' : ''}`;

/// The N-side document (docs/output-format.md, N-side `optimize`): the index and the searched
/// side's overall ratio, every side's overall ratio and every pairwise ratio, base -> best.
function nSideTables(doc) {
  const base = doc.base.regimes;
  const best = doc.best.regimes;
  const own = (r) => r.actors.find((a) => a.name === doc.actor);
  const arrow = (a, b) => `${f3(a)} -> ${f3(b)}`;
  const after = (k, p) => best[k].ratios.find((q) => q.side === p.side && q.opponent === p.opponent);
  return [
    h('p', { class: 'small', id: 'optimize-n-side' }, `N sides (${doc.sides.join(', ')}): objective ${doc.objective_definition}. ${doc.held}`),
    table(['regime', 'N-side index base', 'N-side index best', `${doc.actor} overall base`, `${doc.actor} overall best`],
      base.map((r, k) => [regime(r), f3(r.index), f3(best[k].index), f3(own(r).overall_ratio), f3(own(best[k]).overall_ratio)]), { id: 'optimize-regimes' }),
    h('h3', {}, 'Each side\'s overall ratio, base -> best'),
    table(['regime', ...base[0].actors.map((a) => a.name)],
      base.map((r, k) => [regime(r), ...r.actors.map((a, j) => arrow(a.overall_ratio, best[k].actors[j].overall_ratio))]), { id: 'optimize-overall' }),
    h('h3', {}, 'Pairwise ratios, base -> best'),
    table(['regime', 'side', 'opponent', 'ratio'],
      base.flatMap((r, k) => r.ratios.map((p) => [regime(r), p.side, p.opponent, after(k, p) ? arrow(p.ratio, after(k, p).ratio) : `${f3(p.ratio)} -> unarmed`])), { id: 'optimize-pairs' }),
  ];
}

function twoSideTable(doc) {
  return table(['regime', 'index base', 'index best', 'own ratio base', 'own ratio best'], doc.base.regimes.map((r, k) => [regime(r), f3(r.index), f3(doc.best.regimes[k].index), f3(r.own_ratio), f3(doc.best.regimes[k].own_ratio)]));
}

export default {
  id: 'optimize',
  title: 'Optimize',
  // An N-side scenario is searched with the N-side analysis as the objective.
  nSide: true,
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
          ...(doc.sides ? nSideTables(doc) : [twoSideTable(doc)]),
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
