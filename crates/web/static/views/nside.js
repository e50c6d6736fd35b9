// The N-side analysis (issue 10) inside the Analysis view: the N-side index under the four
// standard regimes, each side's overall ratio, every ordered pair's C1, C2 and ratio (a table
// and a matrix), the perceived figures of each belief holder beside the actual ones, and the
// reserve and third-party options as controls, and Monte Carlo with random outcomes of every
// pair's exchange and the arms-race section on demand. The document is `analyze --format json`'s.

import { histogram } from '../charts.js';
import { f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';

const RESERVES = [['', 'as the scenario says'], ['none', 'none'], ['fixed-share', 'fixed share'], ['deter-third-parties', 'deter third parties']];
const THIRD = [['', 'as the scenario says'], ['stay-out', 'stay out'], ['join-victim', 'join the victim'], ['join-against-weaker', 'join against the weaker']];

/// The request fields of the N-side options kept in the view's state.
export function nSideRequest(vs) {
  const request = {};
  if (vs.reserve) request.reserve = vs.reserve;
  if (vs.reserve === 'fixed-share') request.reserve_share = Number(vs.share);
  if (vs.third) request.third_parties = vs.third;
  if (vs.nTrials) {
    request.trials = vs.nTrials;
    request.seed = vs.seed ?? 1;
    request.planning = vs.planning || 'fixed';
  }
  return request;
}

/// The reserve and third-party controls; `rerun` is called after a change is saved.
export function nSideControls(vs, ctx, rerun) {
  const choose = (id, options, key) => h('select', { id, onchange: (e) => { vs[key] = e.target.value; ctx.save(); rerun(); } },
    options.map(([value, label]) => h('option', { value, selected: (vs[key] || '') === value }, label)));
  const share = h('input', { type: 'number', id: 'reserve-share', min: 0, max: 1, step: 0.05, value: vs.share,
    disabled: vs.reserve !== 'fixed-share', onchange: (e) => { vs.share = Number(e.target.value); ctx.save(); rerun(); } });
  const trials = h('input', { type: 'number', id: 'n-trials', min: 0, max: 100000, step: 1, value: vs.nTrials ?? 0, 'aria-label': 'Monte Carlo trials' });
  const planning = h('select', { id: 'n-planning' }, [['fixed', 'fixed planning'], ['informed', 'informed planning']]
    .map(([value, label]) => h('option', { value, selected: (vs.planning || 'fixed') === value }, label)));
  const runMonteCarlo = () => { vs.nTrials = Number(trials.value) || null; vs.planning = planning.value; ctx.save(); rerun(); };
  return h('div', {},
    h('div', { class: 'row', id: 'nside-controls' },
      h('label', {}, 'reserve ', choose('reserve', RESERVES, 'reserve')),
      h('label', {}, 'share withheld (0 to 1) ', share),
      h('label', {}, 'third parties ', choose('third-parties', THIRD, 'third'))),
    h('div', { class: 'row' },
      h('label', {}, 'Monte Carlo trials (0: none) ', trials), h('label', {}, planning),
      h('button', { type: 'button', id: 'run-n-monte-carlo', onclick: runMonteCarlo }, 'Run')));
}

function summaryRow(name, s) {
  if (!s) return [name, '–', '–', '–', '–'];
  const q = (level) => (s.quantiles.find((x) => Math.abs(x.q - level) < 1e-9) || {}).value;
  return [name, f3(s.mean), f3(q(0.05)), f3(q(0.5)), f3(q(0.95))];
}

/// The N-side Monte Carlo: summaries of the index, the overall and pairwise ratios and every
/// pair's arriving warheads, P(at least k arrive) and the index histogram.
function monteCarloSection(mc) {
  if (!mc) return [];
  const rows = [summaryRow('N-side index', mc.index),
    ...Object.entries(mc.overall_ratio).map(([name, s]) => summaryRow(`overall ratio, ${name}`, s)),
    ...mc.ratios.map((r) => summaryRow(`ratio, ${r.side} vs ${r.opponent}`, r.ratio)),
    ...mc.exchanges.map((x) => summaryRow(`${x.striker} strikes ${x.victim}: ${x.victim} warheads arriving`, x.victim_arriving_warheads))];
  const thresholds = mc.exchanges.length ? Object.keys(mc.exchanges[0].p_at_least) : [];
  return [h('h3', {}, 'Monte Carlo'),
    h('p', { class: 'small' }, `${mc.trials} trials, seed ${mc.seed}, ${mc.planning} planning; ${mc.outcomes_note}.`),
    table(['', 'mean', '5 %', 'median', '95 %'], rows, { id: 'n-mc-summary' }),
    table(['striker', 'victim', ...thresholds.map((k) => `P(≥ ${k} arrive)`)],
      mc.exchanges.map((x) => [x.striker, x.victim, ...thresholds.map((k) => f3(x.p_at_least[k]))]), { id: 'n-mc-at-least' }),
    figure(histogram({ title: 'N-side index over the trials', xlabel: 'index (bins of 0.05)', counts: mc.index_histogram.counts, start: 0, binWidth: 0.05 }),
      'n-index-histogram', 'How often each value of the N-side index came out.')];
}

function regimesTable(doc) {
  const names = doc.sides;
  return table(['alert (every side)', 'launch under attack', 'N-side index', ...names.map((n) => `overall ratio: ${n}`)],
    doc.standard_regimes.map((r) => [r.alert, r.launch_under_attack ? 'yes' : 'no', f3(r.index), ...names.map((n) => f3(r.overall_ratio[n]))]),
    { id: 'n-regimes' });
}

function pairsTable(report, id) {
  return table(['side', 'against', 'cost striking first (C1)', 'cost struck first (C2)', 'ratio C1/C2'],
    report.ratios.map((r) => [r.side, r.opponent, f3(r.cost_striking_first), f3(r.cost_struck_first), f3(r.ratio)]), { id });
}

/// Rows strike, columns are struck: each cell the row side's ratio against the column side.
function ratioMatrix(report) {
  const names = report.actors.map((a) => a.name);
  const cell = (a, b) => {
    if (a === b) return h('span', { class: 'small' }, '—');
    const r = report.ratios.find((x) => x.side === a && x.opponent === b);
    return r ? h('span', { title: `C1 ${f3(r.cost_striking_first)}, C2 ${f3(r.cost_struck_first)}` }, f3(r.ratio)) : h('span', { class: 'small' }, 'unarmed');
  };
  return table(['ratio of (row) against (column)', ...names], names.map((a) => [a, ...names.map((b) => cell(a, b))]), { id: 'n-matrix' });
}

function actorsTable(doc) {
  const perceived = doc.beliefs.map((b) => [b.holder, b.perceived]);
  return table(['side (or alliance)', 'overall ratio (actual)', ...perceived.map(([holder]) => `as ${holder} believes`)],
    doc.actual.actors.map((a) => [a.name + (a.members.length > 1 ? ` (${a.members.map((m) => doc.sides[m]).join(', ')})` : ''),
      f3(a.overall_ratio), ...perceived.map(([, p]) => f3((p.actors.find((x) => x.name === a.name) || {}).overall_ratio))]),
    { id: 'n-actors' });
}

function beliefsSection(doc) {
  if (!doc.beliefs.length) return [h('p', { class: 'small', id: 'n-beliefs' }, 'No beliefs in this scenario: every side sees the others as they are.')];
  return [h('h3', {}, 'Perceived and actual'),
    h('div', { id: 'n-beliefs' }, doc.beliefs.map((b) => h('div', {},
      h('p', {}, `${b.holder} believes `, b.beliefs.map((x) => `${x.field} = ${x.value}`).join('; '),
        `: perceived N-side index ${f3(b.perceived.index)} (actual ${f3(doc.actual.index)}).`),
      pairsTable(b.perceived, null))))];
}

/// The arms-race section on N sides (`analyze --arms-race`): each actor's most provocative move.
function armsRaceSection(doc) {
  const a = doc.arms_race;
  if (!a) return [];
  const rows = a.actors.map((x) => {
    const w = x.most_provocative;
    return [x.actor, w ? `${w.by}: ${w.move}` : 'none', w ? f3(w.move_cost) : '–', w ? f3(w.response_cost) : '–', w ? f3(w.response_per_unit) : '–', w ? (w.restored ? 'yes' : 'no (the whole menu falls short)') : ''];
  });
  return [h('h3', {}, 'Arms-race stability'),
    h('p', { class: 'small' }, `Menu ${a.menu.name} (${a.menu.cost_unit}); position restored: ${a.position} (the worst over the armed opponents). Each row: the most provocative one-step move of another actor against this actor, and this actor's cheapest response. Actors without a menu option are not listed.`),
    table(['actor responding', 'most provocative move (by whom)', 'move cost', 'response cost', 'response per unit of move', 'restored'], rows, { id: 'n-arms-race-table' })];
}

/// The whole N-side result.
export function nSideResult(data) {
  const doc = data.document;
  const index = doc.actual.index;
  const o = doc.options;
  return [
    h('p', {}, 'N-side index (the product of the overall ratios): ', h('span', { id: 'index', class: 'big', dataset: { value: String(index), kind: 'n-side' } }, f3(index))),
    h('p', { class: 'small' }, `${doc.sides.length} sides: ${doc.sides.join(', ')}`,
      doc.alliances.length ? `; alliances: ${doc.alliances.map((a) => `${a.name} (${a.members.join(', ')})`).join('; ')}` : '',
      `. Reserve: ${o.reserve}${o.reserve_share !== null ? ` ${o.reserve_share}` : ''}; third parties: ${o.third_parties}.`,
      h('span', { class: 'caveat' }, ' It ranks postures; it is not a probability of war.')),
    h('h3', {}, 'Index under the standard regimes'), regimesTable(doc),
    h('h3', {}, 'Each side\'s overall ratio'), actorsTable(doc),
    h('h3', {}, 'Every ordered pair'), ratioMatrix(doc.actual), pairsTable(doc.actual, 'n-pairs'),
    ...beliefsSection(doc),
    ...armsRaceSection(doc),
    resultButtons('analysis-n-side', doc),
    ...monteCarloSection(doc.monte_carlo),
    h('p', { class: 'small' }, 'The charts of the two-side analysis do not apply to N sides.'),
    h('details', {}, h('summary', {}, 'Text report (as reykjavik analyze prints it)'), h('pre', { class: 'report' }, data.text)),
  ];
}
