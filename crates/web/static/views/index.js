// The analysis views, in tab order. A new view is a module with { id, title, defaults,
// render(container, ctx) } added to this list; nothing else needs to change.

import analyze from './analyze.js';
import sweep from './sweep.js';
import compare from './compare.js';
import treaty from './treaty.js';
import optimize from './optimize.js';
import breakout from './breakout.js';

export const VIEWS = [analyze, sweep, compare, treaty, optimize, breakout];
