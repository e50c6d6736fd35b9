// The action-reaction race (`reykjavik race`): a built-in move, then each side's best response
// round by round; the rounds table, the outcome, charts of forces and of the index by round,
// and Richardson's reaction coefficients on demand.

import { lineChart } from '../charts.js';
import { busy, f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';

const POSITIONS = [['retaliation', 'surviving retaliation'], ['struck-cost', 'cost when struck first (C2)'], ['ratio', 'ratio C1/C2']];

function roundsTable(doc) {
  const names = doc.start.sides.map((s) => s.side);
  const row = (label, actor, kind, r) => [label, actor, kind, f3(r.index),
    ...r.sides.flatMap((s) => [s.warheads, s.interceptors, f3(s.ratio)])];
  return table(['round', 'actor', 'step', 'index', ...names.flatMap((n) => [`${n} warheads`, `${n} interceptors`, `${n} ratio`])],
    [row('before', '', 'start', doc.start), ...doc.rounds.map((r) => row(String(r.round), r.actor, r.kind, r))], { id: 'race-rounds' });
}

// On N sides (issue 10) the document has `turns` (one actor's answer each) and `actors`.
function turnsTable(doc) {
  const names = doc.start.actors.map((a) => a.actor);
  const row = (label, round, actor, kind, t) => [label, round, actor, kind, f3(t.index),
    ...t.actors.flatMap((a) => [a.warheads, a.interceptors, f3(a.overall_ratio)])];
  return table(['turn', 'round', 'actor', 'step', 'N-side index', ...names.flatMap((n) => [`${n} warheads`, `${n} interceptors`, `${n} overall ratio`])],
    [row('before', '', '', 'start', doc.start), ...doc.turns.map((t) => row(String(t.turn), String(t.round), t.actor, t.kind, t))], { id: 'race-rounds' });
}

function nSideCharts(doc) {
  const points = (pick) => [[-1, pick(doc.start)], ...doc.turns.map((t) => [t.turn, pick(t)])];
  const forces = doc.start.actors.flatMap((a, k) => [
    { name: `${a.actor} warheads`, points: points((t) => t.actors[k].warheads) },
    { name: `${a.actor} interceptors`, points: points((t) => t.actors[k].interceptors) },
  ]);
  const index = [{ name: 'N-side index', points: points((t) => t.index) }];
  return h('div', { class: 'charts' },
    figure(lineChart({ title: 'Forces by turn', xlabel: 'turn (-1: before the move, 0: the move)', ylabel: 'warheads, interceptors', series: forces }), 'race-forces',
      'Each actor\'s nuclear warheads and interceptors after each turn.'),
    figure(lineChart({ title: 'N-side index by turn', xlabel: 'turn (-1: before the move, 0: the move)', ylabel: 'index', series: index }), 'race-index',
      'The N-side index (the product of the actors\' overall ratios) after each turn.'));
}

function charts(doc) {
  const points = (pick) => [[-1, pick(doc.start)], ...doc.rounds.map((r) => [r.round, pick(r)])];
  const forces = doc.start.sides.flatMap((s, k) => [
    { name: `${s.side} warheads`, points: points((r) => r.sides[k].warheads) },
    { name: `${s.side} interceptors`, points: points((r) => r.sides[k].interceptors) },
  ]);
  const index = [{ name: 'first-strike stability index', points: points((r) => r.index) }];
  return h('div', { class: 'charts' },
    figure(lineChart({ title: 'Forces by round', xlabel: 'round (-1: before the move, 0: the move)', ylabel: 'warheads, interceptors', series: forces }), 'race-forces',
      'Each side\'s nuclear warheads and interceptors after each round.'),
    figure(lineChart({ title: 'Index by round', xlabel: 'round (-1: before the move, 0: the move)', ylabel: 'index', series: index }), 'race-index',
      'The first-strike stability index after each round.'));
}

function richardsonTable(r) {
  if (!r) return [];
  return [h('h3', {}, 'Richardson reaction coefficients'),
    table(['coefficient', 'value', 'meaning'], [
      ['k', f3(r.k), `${r.x}'s response per unit of ${r.y}'s build`],
      ['l', f3(r.l), `${r.y}'s response per unit of ${r.x}'s build`]], { id: 'race-coefficients' }),
    h('p', { class: 'small caveat' }, r.warning)];
}

export default {
  id: 'race',
  title: 'Race',
  nSide: true,
  defaults: { move: 'us-homeland-defense', by: '', rounds: 10, position: 'retaliation', richardson: false },
  async render(container, ctx) {
    const vs = ctx.vs;
    const catalog = await fetch('/api/catalog').then((r) => r.json());
    const move = h('select', { id: 'race-move' }, catalog.proposals.map((p) => h('option', { value: p.name, selected: p.name === vs.move, title: p.description }, p.name)));
    const sideChoices = (ctx.nSide ? ctx.sides : ctx.sides.slice(0, 2)).map((name, s) => [String(s), name]);
    const by = h('select', { id: 'race-by' }, [['', 'the side the move changes'], ...sideChoices].map(([v, l]) => h('option', { value: v, selected: String(vs.by) === v }, l)));
    const rounds = h('input', { type: 'number', id: 'race-rounds', min: 1, max: 100, value: vs.rounds });
    const position = h('select', { id: 'race-position' }, POSITIONS.map(([v, l]) => h('option', { value: v, selected: vs.position === v }, l)));
    const richardson = h('input', { type: 'checkbox', id: 'race-richardson', checked: vs.richardson });
    const out = h('div', { id: 'race-result' });
    const run = async () => {
      Object.assign(vs, { move: move.value, by: by.value, rounds: Number(rounds.value), position: position.value, richardson: richardson.checked });
      ctx.save();
      const waiting = busy('racing');
      out.replaceChildren(waiting);
      try {
        const request = { ...ctx.scenarioRequest(), move: vs.move, rounds: vs.rounds, position: vs.position, richardson: vs.richardson };
        if (vs.by !== '') request.by = Number(vs.by);
        const data = await ctx.post('/api/race', request);
        const doc = data.document;
        const nSide = Array.isArray(doc.turns);
        const order = nSide ? ` Actors answer in turn: ${doc.order.join(', ')}.` : '';
        out.replaceChildren(
          h('p', {}, 'Outcome: ', h('strong', { id: 'race-outcome', dataset: { class: doc.outcome.class } }, doc.outcome.class), ` — ${doc.outcome.summary}`),
          h('p', { class: 'small' }, `${doc.move.name}: ${doc.move.description} (by ${doc.move.by}); menu ${doc.menu.name}, costs in ${doc.menu.cost_unit}; a spiral is a side above ${doc.bound} times its weapons before the move.${order}`),
          nSide ? turnsTable(doc) : roundsTable(doc), ...richardsonTable(doc.richardson), resultButtons('race', doc), nSide ? nSideCharts(doc) : charts(doc),
          h('details', {}, h('summary', {}, 'Text report (as reykjavik race prints it)'), h('pre', { class: 'report' }, data.text)));
      } catch (error) {
        out.replaceChildren(h('p', { class: 'error' }, error.message));
      } finally {
        waiting.stop();
      }
    };
    container.append(h('p', { class: 'small' }, 'A move (a built-in proposal) by one side, then each side\'s cheapest response on its response menu that restores its position, round by round (docs/action-reaction.md).'),
      h('div', { class: 'row' }, h('label', {}, 'move ', move), h('label', {}, 'by ', by), h('label', {}, 'rounds (1 to 100) ', rounds),
        h('label', {}, 'position restored ', position), h('label', {}, richardson, ' Richardson coefficients'),
        h('button', { type: 'button', id: 'run-race', onclick: run }, 'Run the race')), out);
    await run();
  },
};
