// Reciprocity (`reykjavik reciprocity`): two strategies of the iterated prisoner's dilemma under
// noise (long-run payoffs and cooperation, the echo of one error), the round-robin table of
// every strategy, or a recorded event series with its reciprocity ratios.

import { busy, f3, h, table } from '../dom.js';
import { resultButtons } from '../export.js';

const STRATEGIES = ['tft', 'gtft', 'ctft', 'wsls', 'alld', 'allc', 'grim'];
const MODES = [['game', 'two strategies'], ['table', 'round-robin table'], ['events', 'event series (us-russia-2016-2018)']];

function echoText(e) {
  return e.status === 'rounds' ? `${f3(e.rounds)} rounds` : e.status;
}

function gameResult(doc) {
  const lr = doc.long_run;
  const names = [doc.a.name, doc.b.name];
  return [
    table(['side', 'strategy', 'long-run payoff per round', 'cooperation'], [0, 1].map((s) => [s ? 'B' : 'A', names[s], f3(lr.payoff[s]), f3(lr.cooperation[s])]), { id: 'reciprocity-long-run' }),
    table(['outcome (A, B)', 'share of rounds'], Object.entries(lr.outcomes).map(([k, v]) => [k.toUpperCase(), f3(v)]), { id: 'reciprocity-outcomes' }),
    h('h3', {}, 'Echo of one error'),
    table(['', 'A errs', 'B errs'], [
      ['without further noise', echoText(doc.echo.without_noise.a_errs), echoText(doc.echo.without_noise.b_errs)],
      [`with noise ${doc.noise}`, echoText(doc.echo.with_noise.a_errs), echoText(doc.echo.with_noise.b_errs)]], { id: 'reciprocity-echo' }),
    h('p', { class: 'small' }, `Payoffs T ${doc.payoffs.t}, R ${doc.payoffs.r}, P ${doc.payoffs.p}, S ${doc.payoffs.s}; generous tit-for-tat forgives with ${f3(doc.forgiveness)} (largest stable: ${f3(doc.generous_max_forgiveness)}).`),
  ];
}

function tableResult(doc) {
  return [table(['row against column', ...doc.strategies, 'mean'],
    doc.strategies.map((s, i) => [s, ...doc.payoff[i].map(f3), f3(doc.mean[i])]), { id: 'reciprocity-table' }),
  h('p', { class: 'small' }, `Long-run payoff per round of the row strategy; noise ${doc.noise}, forgiveness ${f3(doc.forgiveness)}.`)];
}

function eventsResult(doc) {
  const byId = Object.fromEntries(doc.events.map((e) => [e.id, e]));
  return [h('p', {}, doc.series.title),
    table(['date', 'actor', 'target', 'measures', 'what'], doc.events.map((e) => [e.date, e.actor, e.target,
      e.measures.map((m) => `${m.kind} ${m.size}`).join(', '), e.summary]), { id: 'events' }),
    h('h3', {}, 'Reciprocity ratios (response / provocation)'),
    table(['response', 'to', 'measure', 'response', 'provocation', 'ratio'], doc.responses.flatMap((r) => r.ratios.map((x) => [
      `${byId[r.event] ? byId[r.event].date : ''} ${r.event}`, r.responds_to, x.kind, x.response, x.provocation, f3(x.ratio)])), { id: 'events-ratios' })];
}

export default {
  id: 'reciprocity',
  scenario: false, // works without the scenario on the left (no two-side notice)
  title: 'Reciprocity',
  defaults: { mode: 'game', a: 'tft', b: 'gtft', noise: 0.01, forgiveness: '', payoffs: [5, 3, 1, 0] },
  async render(container, ctx) {
    const vs = ctx.vs;
    const select = (id, options, value) => h('select', { id }, options.map(([v, l]) => h('option', { value: v, selected: v === value }, l)));
    const mode = select('reciprocity-mode', MODES, vs.mode);
    const a = select('strategy-a', STRATEGIES.map((s) => [s, s]), vs.a);
    const b = select('strategy-b', STRATEGIES.map((s) => [s, s]), vs.b);
    const noise = h('input', { type: 'number', id: 'noise', min: 0, max: 1, step: 0.005, value: vs.noise });
    const forgiveness = h('input', { type: 'number', id: 'forgiveness', min: 0, max: 1, step: 0.01, value: vs.forgiveness, placeholder: 'largest stable' });
    const payoffs = 'TRPS'.split('').map((letter, k) => h('input', { type: 'number', id: `payoff-${letter}`, step: 0.5, value: vs.payoffs[k], 'aria-label': letter, class: 'narrow' }));
    // The two strategies matter to a game only (the table plays every one; a series is recorded).
    const gameOnly = h('span', { hidden: vs.mode !== 'game' }, h('label', {}, 'A ', a), ' ', h('label', {}, 'B ', b));
    const out = h('div', { id: 'reciprocity-result' });
    const run = async () => {
      Object.assign(vs, { mode: mode.value, a: a.value, b: b.value, noise: Number(noise.value), forgiveness: forgiveness.value, payoffs: payoffs.map((p) => Number(p.value)) });
      ctx.save();
      const waiting = busy('computing');
      out.replaceChildren(waiting);
      try {
        const request = { mode: vs.mode, a: vs.a, b: vs.b, noise: vs.noise, payoffs: vs.payoffs };
        if (vs.forgiveness !== '') request.forgiveness = Number(vs.forgiveness);
        const data = await ctx.post('/api/reciprocity', request);
        const doc = data.document;
        const body = vs.mode === 'table' ? tableResult(doc) : vs.mode === 'events' ? eventsResult(doc) : gameResult(doc);
        out.replaceChildren(...body, resultButtons(`reciprocity-${vs.mode}`, doc),
          h('details', {}, h('summary', {}, 'Text report (as reykjavik reciprocity prints it)'), h('pre', { class: 'report' }, data.text)));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    mode.addEventListener('change', () => { gameOnly.hidden = mode.value !== 'game'; run(); });
    container.append(h('p', { class: 'small' }, 'The iterated prisoner\'s dilemma under noise, solved exactly as a Markov chain; separate from the scenario on the left (docs/action-reaction.md).'),
      h('div', { class: 'row' }, h('label', {}, 'show ', mode), gameOnly, h('label', {}, 'noise (0 to 1) ', noise), h('label', {}, 'forgiveness (0 to 1) ', forgiveness),
        h('span', {}, 'payoffs T, R, P, S ', ...payoffs), h('button', { type: 'button', id: 'run-reciprocity', onclick: run }, 'Compute')), out);
    await run();
  },
};
