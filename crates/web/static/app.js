// The page: the scenario panel (built-in picker, TOML editor, posture, quick controls) and the
// view registered in views/index.js that is open. Everything the page shows follows from
// `state`, which lives in the URL.

import { get, post, postStream, showError } from './api.js';
import { h } from './dom.js';
import { stamp } from './export.js';
import { load, save, scenarioRequest, state, viewState } from './state.js';
import { VIEWS } from './views/index.js';

const $ = (id) => document.getElementById(id);
let fields = [];
let sides = ['Side 1', 'Side 2'];
let nSide = false;
let rerendering = null;
let builtinText = '';

/// What every view is given.
function context(view) {
  return {
    state,
    vs: viewState(view.id, view.defaults || {}),
    fields,
    sides,
    nSide,
    scenarioRequest,
    save,
    // Later, not now: a change event fired by a blur while the view is being replaced must
    // not replace it again from inside that replacement.
    rerender: () => { clearTimeout(rerendering); rerendering = setTimeout(renderView, 0); },
    async post(path, body) {
      try {
        const data = await post(path, body);
        showError(null);
        return data;
      } catch (error) {
        showError(error);
        throw error;
      }
    },
    async postStream(path, body, onProgress) {
      try {
        const data = await postStream(path, body, onProgress);
        showError(null);
        return data;
      } catch (error) {
        showError(error);
        throw error;
      }
    },
  };
}

function renderTabs() {
  $('views').replaceChildren(...VIEWS.map((v) => h('button', {
    type: 'button', class: v.id === state.view ? 'active' : '', dataset: { view: v.id },
    onclick: () => { state.view = v.id; save(); renderTabs(); renderView(); },
  }, v.title)));
}

async function renderView() {
  const view = VIEWS.find((v) => v.id === state.view) || VIEWS[0];
  // A fresh container per render: a slower, older render finishes into a detached node.
  const container = h('div', { dataset: { view: view.id } }, h('h2', {}, view.title));
  $('view').replaceChildren(container);
  if (nSide && view.id !== 'analyze' && view.scenario !== false && !view.nSide) {
    container.appendChild(h('p', { class: 'error', id: 'two-side-only' }, `This view compares two sides and does not read N-side scenarios (${sides.length} sides: ${sides.join(', ')}, or alliances, beliefs, reserves); the Analysis view does. Pick a two-side scenario on the left to use it.`));
  }
  try {
    await view.render(container, context(view));
  } catch (error) {
    // A located scenario error is shown in the scenario panel by ctx.post; any other message
    // (an N-side scenario refused by a two-side view, a bad setting) is shown here as well.
    if (!error.data || !error.data.diagnostics) container.appendChild(h('p', { class: 'error', id: 'view-error' }, String(error.message || error)));
  }
}

/// Loads the scenario's fields (and checks it): quick controls and the sweep's paths follow.
async function refreshScenario() {
  try {
    const data = await post('/api/fields', scenarioRequest());
    showError(null);
    fields = data.fields;
    sides = data.sides;
    nSide = !!data.n_side;
    fitPosture();
    stamp.scenario = data.scenario;
    renderPosture();
    renderControls();
    return true;
  } catch (error) {
    showError(error);
    fields = [];
    renderControls();
    $('view').replaceChildren(h('p', { id: 'stale' }, 'The scenario has errors (shown on the left, at their line and column): correct the TOML and press "Use this TOML", or go back to the built-in.'));
    return false;
  }
}

/// One posture entry per side (an N-side scenario has more than two).
function fitPosture() {
  const n = nSide ? sides.length : 2;
  state.alert = Array.from({ length: n }, (_, s) => state.alert[s] || 'day-to-day');
  state.lua = Array.from({ length: n }, (_, s) => !!state.lua[s]);
}

function renderPosture() {
  $('posture').replaceChildren(...sides.slice(0, nSide ? sides.length : 2).map((name, s) => h('div', { class: 'row' },
    h('strong', {}, name),
    h('select', { 'aria-label': `${name} alert`, id: `alert-${s}`, onchange: (e) => { state.alert[s] = e.target.value; changed(); } },
      ['day-to-day', 'generated'].map((a) => h('option', { value: a, selected: state.alert[s] === a }, a))),
    h('label', {}, h('input', { type: 'checkbox', id: `lua-${s}`, checked: state.lua[s], onchange: (e) => { state.lua[s] = e.target.checked; changed(); } }), ' launches under attack'))));
}

/// The fields offered as sliders: alert shares, CEPs, loadings, interceptors and value.
function sliderField(f) {
  return /untargetable_share\.day_to_day$|\.cep_m$|\.warheads_per_launcher$|missile_defense\[\d+\]\.interceptors$|\.value\.w80$/.test(f.path);
}

function sliderRange(f) {
  if (f.unit === 'share' || f.unit === 'probability') return [Math.max(0, f.min), Math.min(1, f.max), 0.01];
  const v = Math.max(f.value, 1);
  const low = f.integer ? Math.max(f.min, 0) : Math.max(f.min, v / 4);
  const high = Math.min(f.max, f.integer ? Math.max(v * 2, v + 10) : v * 3);
  return [low, high, f.integer ? 1 : +(v / 100).toPrecision(2)];
}

/// The comment the scenario file gives a field (its source and confidence), found by walking the
/// TOML's [[side]], [[side.force]] and [[side.missile_defense]] tables: `path -> comment`.
function sourceNotes(text) {
  const notes = {};
  let side = -1, table = '', index = { force: -1, missile_defense: -1 };
  for (const line of text.split('\n')) {
    const header = line.match(/^\s*\[\[?([a-z_.]+)\]\]?/);
    if (header) {
      table = header[1];
      if (table === 'side') { side += 1; index = { force: -1, missile_defense: -1 }; }
      if (table === 'side.force') index.force += 1;
      if (table === 'side.missile_defense') index.missile_defense += 1;
      continue;
    }
    const entry = line.match(/^\s*([a-z_0-9]+)\s*=.*?#\s*(.+)$/);
    if (!entry || side < 0) continue;
    const [, key, comment] = entry;
    const base = table === 'side.force' ? `side[${side}].force[${index.force}]`
      : table === 'side.missile_defense' ? `side[${side}].missile_defense[${index.missile_defense}]`
        : table === 'side.value' ? `side[${side}].value` : null;
    if (base) notes[`${base}.${key}`] = comment.trim();
  }
  return notes;
}

function renderControls() {
  const notes = sourceNotes(state.toml ?? builtinText);
  const groups = sides.map((name, s) => {
    const mine = fields.filter((f) => f.path.startsWith(`side[${s}].`) && sliderField(f));
    return h('details', { class: 'control-group' }, h('summary', {}, `${name} (${mine.length} sliders)`),
      mine.map((f) => {
        const [low, high, step] = sliderRange(f);
        const value = state.set[f.path] ?? f.value;
        const shown = h('span', {}, `${+Number(value).toPrecision(4)} ${f.unit}`);
        return h('div', { class: 'control' },
          h('label', {}, `${f.label.replace(`${name}: `, '')}: `, shown,
            h('input', { type: 'range', min: low, max: high, step, value, 'data-path': f.path,
              oninput: (e) => { shown.textContent = `${e.target.value} ${f.unit}`; },
              onchange: (e) => { state.set[f.path] = Number(e.target.value); changed(); } })),
          h('div', { class: 'note' }, `${f.note}; valid ${f.min} to ${f.max}${state.set[f.path] !== undefined ? ' (moved)' : ''}`),
          h('div', { class: 'note source' }, `source: ${notes[f.path] || notes[f.path.replace(/\.day_to_day$/, '')] || 'see the scenario TOML'}`));
      }));
  });
  $('controls').replaceChildren(...groups);
}

let pending = null;
/// A change of scenario or posture: save, check the scenario, redraw the open view.
function changed() {
  save();
  clearTimeout(pending);
  pending = setTimeout(async () => { if (await refreshScenario()) renderView(); }, 150);
}

async function pickBuiltin(name) {
  state.builtin = name;
  state.toml = null;
  state.set = {};
  const data = await get(`/api/scenarios/${encodeURIComponent(name)}`);
  builtinText = data.toml;
  $('toml').value = builtinText;
}

async function start() {
  const restored = load();
  const [list, version] = await Promise.all([get('/api/scenarios'), get('/api/version')]);
  stamp.version = version.version;
  $('version').textContent = `Reykjavik ${version.version}, output schema ${version.schema_version}`;
  $('builtin').replaceChildren(...list.map((b) => h('option', { value: b.name, title: b.description, selected: b.name === state.builtin }, `${b.name}: ${b.description}${b.n_side ? ' (N sides: Analysis, Sweep, Optimize and Race views)' : ''}`)));
  $('builtin').addEventListener('change', async (e) => { await pickBuiltin(e.target.value); changed(); });
  const data = await get(`/api/scenarios/${encodeURIComponent(state.builtin)}`).catch(() => ({ toml: '' }));
  builtinText = data.toml;
  $('toml').value = state.toml ?? builtinText;
  if (state.toml !== null) $('editor-box').open = true;
  $('apply-toml').addEventListener('click', () => { state.toml = $('toml').value; state.set = {}; changed(); });
  $('reset-toml').addEventListener('click', () => { state.toml = null; $('toml').value = builtinText; changed(); });
  $('reset-controls').addEventListener('click', () => { state.set = {}; changed(); });
  if (!restored) save();
  renderTabs();
  if (await refreshScenario()) await renderView();
  document.body.dataset.ready = 'true';
}

start();
