// Monte Carlo for the analysis view: a trials box, a progress bar while the server draws (it
// streams its progress: /api/analyze-stream), the distribution of the index and of arriving
// warheads, and P(at least k arrive).

import { barChart, histogram } from '../charts.js';
import { busy, f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';

function summaryRow(name, s) {
  if (!s) return [name, '–', '–', '–', '–'];
  return [name, f3(s.mean), f3(s.quantiles['0.05']), f3(s.quantiles['0.5']), f3(s.quantiles['0.95'])];
}

function render(out, mc) {
  const rows = [summaryRow('first-strike stability index', mc.index), ...mc.sides.map((s) => summaryRow(`ratio, ${s.name}`, s.ratio))];
  for (const x of mc.exchanges) {
    rows.push(summaryRow(`${x.striker} first: ${x.victim} warheads surviving`, x.victim_surviving_warheads));
    rows.push(summaryRow(`${x.striker} first: ${x.victim} warheads arriving`, x.victim_arriving_warheads));
  }
  out.replaceChildren(
    h('p', {}, `${mc.trials} trials, seed ${mc.seed}, ${mc.planning} planning; uncertain inputs: ${mc.uncertain_inputs.length ? mc.uncertain_inputs.join(', ') : 'none (only launcher, warhead and interceptor outcomes are drawn)'}`),
    table(['', 'mean', '5 %', 'median', '95 %'], rows, { id: 'mc-summary' }),
    resultButtons('monte-carlo', mc),
    h('div', { class: 'charts' },
      figure(histogram({ title: 'Index over the trials', xlabel: 'index (bins of 0.05)', counts: mc.index_histogram.counts, start: 0, binWidth: 0.05 }), 'index-histogram', 'How often each value of the index came out.'),
      ...mc.exchanges.flatMap((x, k) => [
        figure(histogram({ title: `${x.victim} warheads arriving (${x.striker} first)`, xlabel: 'warheads arriving',
          counts: x.victim_arriving_histogram.counts, start: x.victim_arriving_histogram.first_bin_starts_at, binWidth: x.victim_arriving_histogram.bin_width }), `arriving-${k + 1}`,
          'Retaliating warheads that arrive, over the trials.'),
        figure(barChart({ title: `P(at least k ${x.victim} warheads arrive), ${x.striker} first`, ylabel: 'probability', yDomain: [0, 1],
          bars: Object.entries(x.p_at_least).map(([k2, p]) => ({ label: `≥ ${k2}`, value: p })) }), `p-at-least-${k + 1}`,
          'Share of trials in which at least k warheads arrive.'),
      ])));
}

export function monteCarloSection(ctx) {
  const vs = ctx.vs;
  const out = h('div', { id: 'mc-result' });
  const trials = h('input', { type: 'number', id: 'trials', min: 1, max: 100000, step: 1, value: vs.trials ?? 2000, 'aria-label': 'trials' });
  const seed = h('input', { type: 'number', id: 'seed', min: 0, step: 1, value: vs.seed ?? 1, 'aria-label': 'seed' });
  const planning = h('select', { id: 'planning' }, ['fixed', 'informed'].map((p) => h('option', { value: p, selected: vs.planning === p }, p)));
  const run = async () => {
    vs.trials = Number(trials.value);
    vs.seed = Number(seed.value);
    vs.planning = planning.value;
    ctx.save();
    const waiting = busy(`drawing ${vs.trials} trials`);
    out.replaceChildren(waiting);
    try {
      const data = await ctx.postStream('/api/analyze-stream', { ...ctx.scenarioRequest(), trials: vs.trials, seed: vs.seed, planning: vs.planning },
        (done, total) => waiting.set(done, total));
      render(out, data.document.monte_carlo);
    } catch (error) {
      out.replaceChildren(h('p', { class: 'error', id: 'mc-error' }, error.message));
    } finally {
      waiting.stop();
    }
  };
  const section = h('div', {},
    h('h3', {}, 'Monte Carlo'),
    h('div', { class: 'row' }, h('label', {}, 'Trials ', trials), h('label', {}, 'Seed ', seed), h('label', {}, 'Planning ', planning),
      h('button', { type: 'button', id: 'run-mc', onclick: run }, 'Run Monte Carlo')),
    out);
  if (vs.trials) queueMicrotask(run);
  return section;
}
