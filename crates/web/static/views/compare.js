// Proposals compared with the base under the four standard regimes, with treaty counts and an
// optional paired Monte Carlo.

import { barChart, COLOURS } from '../charts.js';
import { busy, f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';

let catalog = null;

export default {
  id: 'compare',
  title: 'Compare proposals',
  defaults: { proposals: ['de-mirv-icbms'], trials: null, ran: false },
  async render(container, ctx) {
    const vs = ctx.vs;
    catalog = catalog || await fetch('/api/catalog').then((r) => r.json());
    const boxes = catalog.proposals.map((p) => h('label', { title: p.description },
      h('input', { type: 'checkbox', value: p.name, checked: vs.proposals.includes(p.name) }), ` ${p.name}: ${p.description}`));
    const trials = h('input', { type: 'number', id: 'compare-trials', min: 0, max: 5000, value: vs.trials ?? 0 });
    const out = h('div', { id: 'compare-result' });
    const run = async () => {
      vs.proposals = boxes.map((b) => b.querySelector('input')).filter((i) => i.checked).map((i) => i.value);
      vs.trials = Number(trials.value) || null;
      vs.ran = true;
      ctx.save();
      const waiting = busy('comparing');
      out.replaceChildren(waiting);
      try {
        const data = await ctx.post('/api/compare', { ...ctx.scenarioRequest(), proposals: vs.proposals, trials: vs.trials });
        const doc = data.document;
        const regimes = doc.entries[0].regimes.map((r) => `${r.alert}${r.launch_under_attack ? ' LUA' : ''}`);
        const bars = doc.entries.slice(1).flatMap((e, k) => e.regimes.map((r, j) => ({ label: `${regimes[j].replace('day-to-day', 'dtd').replace('generated', 'gen')}`, value: r.change, colour: COLOURS[k % COLOURS.length] })));
        out.replaceChildren(
          table(['', ...regimes], doc.entries.map((e) => [e.name, ...e.regimes.map((r) => e.description ? `${f3(r.index)} (${r.change >= 0 ? '+' : ''}${f3(r.change)})` : f3(r.index))]), { id: 'compare-table' }),
          resultButtons('compare', doc),
          figure(barChart({ title: 'Change in the index from the base, by regime', ylabel: 'change', bars, width: Math.max(420, bars.length * 40) }), 'compare',
            doc.entries.slice(1).map((e, k) => `${e.name}: colour ${k + 1}`).join('; ')),
          h('pre', { class: 'report' }, data.text));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    container.append(h('div', {}, boxes), h('div', { class: 'row' }, h('label', {}, 'paired trials (0: none) ', trials),
      h('button', { type: 'button', id: 'run-compare', onclick: run }, 'Compare')), out);
    if (vs.ran) await run();
  },
};
