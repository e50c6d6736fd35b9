// The whole page state, kept in the URL (#s=...) so that a link reproduces it and a reload
// restores it. Views keep their own settings under state.views[id].

export const state = {
  view: 'analyze',
  builtin: 'us-russia-2021',
  toml: null,          // edited TOML text, or null for the built-in as it is
  alert: ['day-to-day', 'day-to-day'],
  lua: [false, false],
  set: {},             // quick-control overrides: field path -> value
  views: {},           // per-view settings
};

const listeners = [];

export function onChange(listener) { listeners.push(listener); }

function encode(value) {
  const bytes = new TextEncoder().encode(JSON.stringify(value));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function decode(text) {
  const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
  const bytes = Uint8Array.from(binary, (c) => c.charCodeAt(0));
  return JSON.parse(new TextDecoder().decode(bytes));
}

/// Restores the state from the URL; returns whether there was one.
export function load() {
  const match = location.hash.match(/^#s=([A-Za-z0-9_-]+)$/);
  if (!match) return false;
  try {
    Object.assign(state, decode(match[1]));
    return true;
  } catch {
    return false;
  }
}

/// Writes the state to the URL (replacing the entry: the back button leaves the page).
export function save() {
  history.replaceState(null, '', '#s=' + encode(state));
  for (const listener of listeners) listener(state);
}

/// The settings of one view, with defaults filled in.
export function viewState(id, defaults) {
  state.views[id] = Object.assign({}, defaults, state.views[id] || {});
  return state.views[id];
}

/// The scenario part of every request.
export function scenarioRequest() {
  const request = { alert: state.alert, launch_under_attack: state.lua, set: state.set };
  if (state.toml !== null) request.toml = state.toml; else request.builtin = state.builtin;
  return request;
}
