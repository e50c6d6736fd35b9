// The analysis: the index under the four standard regimes, each side's costs and ratios, the
// reading and the band with its caveat; the weapons-domain chart, the probability-domain square,
// survivors by element; and Monte Carlo on demand (views/montecarlo.js).

import { probabilitySquare, survivors, weaponsDomain } from '../charts.js';
import { busy, f3, h, table } from '../dom.js';
import { figure, resultButtons } from '../export.js';
import { monteCarloSection } from './montecarlo.js';
import { nSideControls, nSideRequest, nSideResult } from './nside.js';

const BANDS = [
  [0.75, 'robust (above 0.75)'],
  [0.45, 'intermediate (0.45 to 0.75)'],
  [-Infinity, 'fragile (below 0.45)'],
];

function band(index) {
  return BANDS.find(([low]) => index >= low)[1];
}

/// The reading paragraph of the text report (the same sentences as the CLI's).
function reading(text) {
  const at = text.indexOf('Reading:\n');
  if (at < 0) return [];
  const rest = text.slice(at + 9);
  const end = rest.indexOf('\nMonte Carlo');
  return (end < 0 ? rest : rest.slice(0, end)).split('\n').filter((l) => l.startsWith('- ')).map((l) => l.slice(2));
}

function regimesTable(doc, state) {
  const cell = (alert, lua) => {
    const r = doc.standard_regimes.find((x) => x.alert === alert && x.launch_under_attack === lua);
    const marked = state.alert.every((a) => a === alert) && state.lua.every((l) => l === lua);
    return h('span', { class: marked ? 'marked' : '', title: marked ? 'the posture detailed below' : '' }, f3(r.index) + (marked ? ' *' : ''));
  };
  return table(['alert (both sides)', 'ride out', 'launch under attack'],
    ['day-to-day', 'generated'].map((a) => [a, cell(a, false), cell(a, true)]), { id: 'regimes' });
}

function costsTable(doc) {
  return table(['side', 'posture', 'cost striking first (C1)', 'cost struck first (C2)', 'ratio C1/C2'],
    doc.sides.map((s) => [s.name, s.alert + (s.launches_under_attack ? ', LUA' : ''), f3(s.cost_striking_first), f3(s.cost_struck_first), f3(s.ratio)]), { id: 'costs' });
}

/// The arms-race section (`analyze --arms-race`): each side's exposure to the other's steps.
function armsRaceSection(doc) {
  const a = doc.arms_race;
  if (!a) return [];
  const rows = a.sides.map((s) => {
    const w = s.most_provocative;
    return [s.side, w ? w.move : 'none', w ? f3(w.move_cost) : '–', w ? f3(w.response_cost) : '–', w ? f3(w.response_per_unit) : '–', w ? (w.restored ? 'yes' : 'no (the whole menu falls short)') : ''];
  });
  return [h('h3', {}, 'Arms-race stability'),
    h('p', { class: 'small' }, `Menu ${a.menu.name} (${a.menu.cost_unit}); position restored: ${a.position}. Each row: the other side's most provocative one-step move against this side, and this side's cheapest response.`),
    table(['side responding', 'most provocative move of the other', 'move cost', 'response cost', 'response per unit of move', 'restored'], rows, { id: 'arms-race-table' })];
}

async function renderNSide(container, ctx) {
  container.appendChild(nSideControls(ctx.vs, ctx, ctx.rerender));
  const armsRace = h('input', { type: 'checkbox', id: 'arms-race', checked: ctx.vs.armsRace,
    onchange: (e) => { ctx.vs.armsRace = e.target.checked; ctx.save(); ctx.rerender(); } });
  container.appendChild(h('div', { class: 'row' }, h('label', {}, armsRace,
    ' arms-race stability: each actor\'s cheapest response per unit of the others\' most provocative step (analyze --arms-race, the scenario\'s response menu)')));
  const waiting = busy('analysing N sides');
  container.appendChild(waiting);
  let data;
  try {
    data = await ctx.post('/api/analyze', { ...ctx.scenarioRequest(), ...nSideRequest(ctx.vs), arms_race: !!ctx.vs.armsRace });
  } finally {
    waiting.stop();
  }
  container.append(...nSideResult(data));
}

export default {
  id: 'analyze',
  title: 'Analysis',
  defaults: { trials: null, seed: 1, planning: 'fixed', armsRace: false, reserve: '', share: 0.1, third: '' },
  async render(container, ctx) {
    if (ctx.nSide) return renderNSide(container, ctx);
    const armsRace = h('input', { type: 'checkbox', id: 'arms-race', checked: ctx.vs.armsRace,
      onchange: (e) => { ctx.vs.armsRace = e.target.checked; ctx.save(); ctx.rerender(); } });
    container.appendChild(h('div', { class: 'row' }, h('label', {}, armsRace,
      ' arms-race stability: each side\'s cheapest response per unit of the other\'s most provocative step (analyze --arms-race, the scenario\'s response menu)')));
    const waiting = busy('analysing');
    container.appendChild(waiting);
    let data;
    try {
      data = await ctx.post('/api/analyze', { ...ctx.scenarioRequest(), arms_race: ctx.vs.armsRace });
    } finally {
      waiting.stop();
    }
    const doc = data.document;
    const index = doc.first_strike_stability.index;
    const w80 = [0, 1].map((s) => (ctx.fields.find((f) => f.path === `side[${s}].value.w80`) || { value: 1 }).value);
    container.append(
      h('p', {}, 'First-strike stability index: ', h('span', { id: 'index', class: 'big', dataset: { value: String(index) } }, index.toFixed(3))),
      h('div', { class: 'band', id: 'band' }, `The index is ${band(index)} (bands of a public Kent-Thaler reimplementation, not of R-3765). `,
        h('span', { class: 'caveat' }, 'It ranks postures; it is not a probability of war.')),
      h('h3', {}, 'Index under the standard regimes'), regimesTable(doc, ctx.state),
      h('h3', {}, 'Costs and ratios'), costsTable(doc),
      h('h3', {}, 'Reading'), h('ul', { id: 'reading' }, reading(data.text).map((l) => h('li', {}, l))),
      ...armsRaceSection(doc),
      resultButtons('analysis', doc),
      h('h3', {}, 'Charts'),
      h('div', { class: 'charts' },
        figure(weaponsDomain({ document: doc, w80 }), 'weapons-domain',
          'Each curve is one first strike: as the striker spends warheads on counterforce, the weapons that would arrive on each side change; the dot is where it stops (its cheapest point). Dashed lines: constant cost for each side through its costs. Hover for both costs.'),
        figure(probabilitySquare({ names: doc.sides.map((s) => s.name), ratios: doc.sides.map((s) => s.ratio), index }), 'probability-domain',
          'Each side\'s ratio of costs (striking first / struck first) is one side of the rectangle; its area is the index.'),
        ...doc.exchanges.map((x, k) => figure(survivors({ exchange: x }), `survivors-${k + 1}`, 'Expected warheads of each element after the strike.'))),
      h('details', {}, h('summary', {}, 'Text report (as reykjavik analyze prints it)'), h('pre', { class: 'report' }, data.text)),
    );
    container.appendChild(monteCarloSection(ctx));
  },
};
