// Browser tests of `reykjavik serve` (docs/web.md): playwright-core drives the system Chromium
// (no browser download). scripts/test-web builds the binary and runs this file with node's test
// runner. Screenshots go to $SCREENSHOTS (default target/web-screenshots/).

import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const BIN = process.env.REYKJAVIK_BIN;
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const SHOTS = process.env.SCREENSHOTS || path.resolve('../target/web-screenshots');
const FLAGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync'];

let server, url;
const profiles = [];

/// A browser with a fresh profile (its own --user-data-dir), as a first-time visitor.
async function freshBrowser() {
  const dir = mkdtempSync(path.join(tmpdir(), `reykjavik-web-${process.pid}-`));
  profiles.push(dir);
  const context = await chromium.launchPersistentContext(dir, { executablePath: CHROMIUM, headless: true, args: FLAGS, acceptDownloads: true, viewport: { width: 1400, height: 1000 } });
  const page = context.pages()[0] || await context.newPage();
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error') problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(String(e)));
  return { context, page, problems };
}

async function ready(page, target) {
  await page.goto(target);
  await page.waitForSelector('body[data-ready="true"]', { timeout: 60000 });
}

before(async () => {
  assert.ok(BIN, 'REYKJAVIK_BIN names the reykjavik binary (scripts/test-web sets it)');
  mkdirSync(SHOTS, { recursive: true });
  server = spawn(BIN, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise((resolve, reject) => {
    let seen = '';
    server.stdout.on('data', (chunk) => {
      seen += chunk;
      const match = seen.match(/http:\/\/127\.0\.0\.1:\d+\//);
      if (match) resolve(match[0]);
    });
    server.on('exit', (code) => reject(new Error(`reykjavik serve exited (${code})`)));
    setTimeout(() => reject(new Error('no URL printed in 20 s')), 20000);
  });
});

after(() => {
  server?.kill();
  for (const dir of profiles) rmSync(dir, { recursive: true, force: true });
});

test('the index on the page equals the CLI JSON for us-russia-2021', async () => {
  const cli = JSON.parse(execFileSync(BIN, ['analyze', 'us-russia-2021', '--format', 'json'], { maxBuffer: 64 << 20 }));
  const expected = cli.first_strike_stability.index;
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    await page.selectOption('#builtin', 'kent-thaler-notional');
    await page.waitForFunction((other) => { const v = document.querySelector('#index')?.dataset.value; return v && v !== String(other); }, expected, { timeout: 60000 });
    await page.selectOption('#builtin', 'us-russia-2021');
    await page.waitForFunction((want) => document.querySelector('#index')?.dataset.value === String(want), expected, { timeout: 60000 });
    const shown = Number(await page.getAttribute('#index', 'data-value'));
    assert.equal(shown, expected);
    assert.equal(await page.textContent('#index'), expected.toFixed(3));
    await page.waitForSelector('#regimes');
    assert.match(await page.textContent('#band'), /not a probability of war/);
    assert.equal(await page.locator('#regimes tbody tr').count(), 2);
    assert.ok(await page.locator('svg polyline.drawdown').count() === 2, 'both draw-down curves');
    assert.ok(await page.locator('svg circle.stop').count() === 2, 'both stop points');
    assert.ok(await page.locator('svg polyline.isocost').count() >= 2, 'lines of constant cost');
    assert.equal(await page.locator('svg rect.index-area').count(), 1);
    assert.doesNotMatch(await page.locator('#view').innerText(), /\bnull\b|\bNaN\b|\bundefined\b|Infinity/);
    await page.screenshot({ path: path.join(SHOTS, '1-analysis.png'), fullPage: true });
    await page.fill('#trials', '300');
    // The server streams its progress: record that the bar filled while the trials ran.
    await page.evaluate(() => {
      window.sawProgress = 0;
      new MutationObserver(() => {
        const bar = document.querySelector('#mc-result progress');
        if (bar && bar.max === 300 && bar.value > 0) window.sawProgress = Math.max(window.sawProgress, bar.value);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    });
    await page.click('#run-mc');
    await page.waitForSelector('#mc-summary', { timeout: 60000 });
    assert.ok(await page.evaluate(() => window.sawProgress) > 0, 'the progress bar counted trials');
    assert.equal(await page.locator('#mc-result svg').count(), 5, 'index histogram, and per strike a histogram and P(at least k)');
    await page.locator('#mc-result').screenshot({ path: path.join(SHOTS, '2-monte-carlo.png') });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('an invalid value in the TOML is shown at its line and column with the valid range', async () => {
  const { context, page } = await freshBrowser();
  try {
    await ready(page, url);
    await page.click('#editor-box summary');
    const text = await page.inputValue('#toml');
    const lines = text.split('\n');
    const at = lines.findIndex((l) => /^cep_m = /.test(l));
    assert.ok(at >= 0);
    lines[at] = 'cep_m = -5';
    await page.fill('#toml', lines.join('\n'));
    await page.click('#apply-toml');
    const error = page.locator('#errors .error').first();
    await error.waitFor({ timeout: 30000 });
    assert.equal(await error.getAttribute('data-line'), String(at + 1));
    assert.equal(await error.getAttribute('data-column'), '9');
    const message = await error.textContent();
    assert.match(message, /cep_m/);
    assert.match(message, /valid|> 0|range/);
    await page.screenshot({ path: path.join(SHOTS, '3-toml-error.png') });
  } finally {
    await context.close();
  }
});

test('a 2-D sweep draws one heat-map cell per grid point, and its shared URL restores it', async () => {
  const { context, page } = await freshBrowser();
  let shared;
  try {
    await ready(page, url);
    await page.click('nav button[data-view="sweep"]');
    await page.waitForSelector('#x-path');
    await page.fill('#x-steps', '4');
    await page.check('#two-d');
    await page.fill('#y-steps', '3');
    await page.click('#run-sweep');
    await page.waitForSelector('#sweep-result svg rect.cell', { timeout: 60000 });
    assert.equal(await page.locator('#sweep-result svg rect.cell').count(), 12);
    await page.screenshot({ path: path.join(SHOTS, '4-sweep-2d.png'), fullPage: true });
    shared = page.url();
    assert.match(shared, /#s=/);
  } finally {
    await context.close();
  }
  const fresh = await freshBrowser();
  try {
    await ready(fresh.page, shared);
    await fresh.page.waitForSelector('#sweep-result svg rect.cell', { timeout: 60000 });
    assert.equal(await fresh.page.locator('#sweep-result svg rect.cell').count(), 12);
    assert.equal(await fresh.page.getAttribute('nav button.active', 'data-view'), 'sweep');
    assert.equal(await fresh.page.inputValue('#x-steps'), '4');
    assert.equal(await fresh.page.inputValue('#y-steps'), '3');
    assert.equal(fresh.page.url(), shared);
    await fresh.page.screenshot({ path: path.join(SHOTS, '5-shared-url.png'), fullPage: true });
  } finally {
    await fresh.context.close();
  }
});

test('every view renders its result without errors', async () => {
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    const sliders = page.locator('#controls input[type=range]');
    assert.ok(await sliders.count() > 20, 'sliders for alert shares, CEPs, loadings, interceptors, value');
    await page.locator('#controls details').first().evaluate((d) => { d.open = true; });
    assert.match(await page.locator('#controls .note.source').first().textContent(), /source: /);
    for (const [view, result] of [['treaty', '#treaty-result table'], ['breakout', '#months'], ['compare', '#compare-table'], ['optimize', '#optimize-table']]) {
      await page.click(`nav button[data-view="${view}"]`);
      if (view === 'compare') await page.click('#run-compare');
      if (view === 'optimize') { await page.fill('#opt-budget', '20'); await page.fill('#opt-starts', '1'); await page.click('#run-optimize'); }
      await page.waitForSelector(result, { timeout: 120000 });
      // Rendered numbers and words only: never a placeholder of a missing value.
      assert.doesNotMatch(await page.locator('#view').innerText(), /\bnull\b|\bNaN\b|\bundefined\b|Infinity/, view);
      await page.screenshot({ path: path.join(SHOTS, `6-${view}.png`), fullPage: true });
    }
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#optimize-result button', { hasText: 'Download JSON' }).click()]);
    const saved = JSON.parse(readFileSync(await download.path(), 'utf8'));
    assert.match(saved.generated_by, /^Reykjavik \d+\.\d+\.\d+ · us-russia-2021 · \d{4}-\d{2}-\d{2}$/);
    assert.equal(saved.side, 'Russia');
    await page.click('nav button[data-view="analyze"]');
    await page.waitForSelector('#index');
    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('figure', { has: page.locator('svg polyline.drawdown') }).getByRole('button', { name: 'SVG' }).click()]);
    const text = readFileSync(await svg.path(), 'utf8');
    assert.match(text, /^<svg/);
    assert.match(text, /Reykjavik \d+\.\d+\.\d+ · us-russia-2021 · \d{4}-/);
    assert.match(svg.suggestedFilename(), /^us-russia-2021-weapons-domain-\d{4}-\d{2}-\d{2}\.svg$/);
    await page.goto(url + 'help');
    assert.match(await page.textContent('body'), /not a probability of war/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the breakout grid: a heat map of one cell per point for two fields, a line chart for one', async () => {
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.click('nav button[data-view="breakout"]');
    await page.waitForSelector('#months', { timeout: 60000 });
    await page.fill('#grid-x-steps', '3');
    await page.check('#grid-two');
    await page.fill('#grid-y-steps', '2');
    await page.click('#run-breakout-grid');
    await page.waitForSelector('#breakout-grid-result svg rect.cell', { timeout: 60000 });
    assert.equal(await page.locator('#breakout-grid-result svg rect.cell').count(), 6);
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('#breakout-grid-result button', { hasText: 'Download CSV' }).click()]);
    const csv = readFileSync(await download.path(), 'utf8');
    assert.match(csv, /^plant\[0\]\.machines,stock\[0\]\.mass_kg,months_to_first,months_to_last,quantities_made,route/m);
    await page.screenshot({ path: path.join(SHOTS, '6-breakout-grid.png'), fullPage: true });
    await page.uncheck('#grid-two');
    await page.click('#run-breakout-grid');
    await page.waitForSelector('#breakout-grid-result svg polyline.series', { timeout: 60000 });
    assert.equal(await page.locator('#breakout-grid-result svg polyline.series').count(), 2);
    assert.doesNotMatch(await page.locator('#view').innerText(), /\bnull\b|\bNaN\b|\bundefined\b|Infinity/);
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('posture and a slider change the analysis, and a reload restores them', async () => {
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    const before = await page.getAttribute('#index', 'data-value');
    await page.selectOption('#alert-0', 'generated');
    await page.selectOption('#alert-1', 'generated');
    await page.waitForFunction(() => document.querySelector('#regimes .marked')?.textContent.startsWith('0.754'), null, { timeout: 60000 });
    const generated = await page.getAttribute('#index', 'data-value');
    assert.notEqual(generated, before);
    const slider = page.locator('input[data-path="side[1].force[0].cep_m"]');
    await slider.evaluate((input) => { input.value = input.max; input.dispatchEvent(new Event('change')); });
    await page.waitForFunction((old) => { const v = document.querySelector('#index')?.dataset.value; return v && v !== old; }, generated, { timeout: 60000 });
    const moved = await page.getAttribute('#index', 'data-value');
    const cep = await slider.inputValue();
    await page.reload();
    await page.waitForSelector('body[data-ready="true"]');
    await page.waitForFunction((want) => document.querySelector('#index')?.dataset.value === want, moved, { timeout: 60000 });
    assert.equal(await page.inputValue('#alert-1'), 'generated');
    assert.equal(await page.locator('input[data-path="side[1].force[0].cep_m"]').inputValue(), cep);
    await page.screenshot({ path: path.join(SHOTS, '7-posture-and-slider.png'), fullPage: false });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('measured: the analysis request on loopback and the first load transfer', async () => {
  const body = JSON.stringify({ builtin: 'us-russia-2021' });
  const times = [];
  for (let k = 0; k < 12; k++) {
    const t0 = performance.now();
    const response = await fetch(url + 'api/analyze', { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    await response.arrayBuffer();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  const { context, page } = await freshBrowser();
  let bytes = 0;
  page.on('response', async (r) => { try { bytes += (await r.body()).length; } catch { /* redirects have no body */ } });
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    await page.waitForTimeout(300);
  } finally {
    await context.close();
  }
  console.log(`measured: POST /api/analyze us-russia-2021 median ${median.toFixed(1)} ms (min ${times[0].toFixed(1)}, max ${times[times.length - 1].toFixed(1)}) over ${times.length}; first load ${(bytes / 1024).toFixed(0)} KiB`);
  assert.ok(bytes < 1 << 20, `first load ${bytes} bytes is under 1 MiB`);
});

// ---- Views of the N-side, race, reciprocity and Richardson analyses (issue 13 follow-up) ----

function cliJson(args) {
  return JSON.parse(execFileSync(BIN, [...args, '--format', 'json'], { maxBuffer: 64 << 20 }));
}

const clean = async (page, what) => assert.doesNotMatch(await page.locator('#view').innerText(), /\bnull\b|\bNaN\b|\bundefined\b|Infinity/, what);

test('an N-side scenario shows the N-side document, its options change it, two-side views say so', async () => {
  const plain = cliJson(['analyze', 'us-russia-china-2025']);
  const reserved = cliJson(['analyze', 'us-russia-china-2025', '--reserve', 'fixed-share=0.3', '--third-parties', 'join-victim']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    await page.selectOption('#builtin', 'us-russia-china-2025');
    await page.waitForSelector('#index[data-kind="n-side"]', { timeout: 60000 });
    assert.equal(Number(await page.getAttribute('#index', 'data-value')), plain.actual.index);
    assert.equal(await page.locator('#n-regimes tbody tr').count(), 4);
    assert.equal(await page.locator('#n-matrix tbody tr').count(), 3);
    assert.equal(await page.locator('#n-pairs tbody tr').count(), 6);
    assert.equal(await page.locator('#posture select').count(), 3, 'a posture per side');
    // The label states the index's definition (docs/model.md section 10), which the CLI computes.
    const product = plain.actual.actors.filter((a) => a.armed).reduce((p, a) => p * a.overall_ratio, 1);
    assert.ok(Math.abs(product - plain.actual.index) < 1e-12, 'the index is the product of the overall ratios');
    assert.match(await page.textContent('body'), /N-side index \(the product of the overall ratios\)/);
    await clean(page, 'n-side');
    await page.screenshot({ path: path.join(SHOTS, '8-n-side.png'), fullPage: true });
    // N-side Monte Carlo with random outcomes, as the CLI's `analyze --trials 20 --seed 1`.
    const mc = cliJson(['analyze', 'us-russia-china-2025', '--trials', '20', '--seed', '1', '--quiet']).monte_carlo;
    await page.fill('#n-trials', '20');
    await page.click('#run-n-monte-carlo');
    await page.waitForSelector('#n-mc-summary', { timeout: 60000 });
    assert.equal(await page.locator('#n-mc-at-least tbody tr').count(), 6);
    assert.match(await page.textContent('#n-mc-summary'), new RegExp(`N-side index${mc.index.mean.toFixed(3)}`));
    await page.fill('#n-trials', '0');
    await page.click('#run-n-monte-carlo');
    await page.waitForSelector('#n-mc-summary', { state: 'detached', timeout: 60000 });
    await page.selectOption('#reserve', 'fixed-share');
    await page.waitForSelector('#reserve-share:not([disabled])', { timeout: 60000 });
    await page.fill('#reserve-share', '0.3');
    await page.dispatchEvent('#reserve-share', 'change');
    await page.waitForSelector('#index[data-kind="n-side"]', { timeout: 60000 });
    await page.selectOption('#third-parties', 'join-victim');
    await page.waitForFunction((want) => document.querySelector('#index')?.dataset.value === String(want), reserved.actual.index, { timeout: 60000 });
    assert.match(await page.locator('#view').innerText(), /Reserve: fixed-share 0\.3; third parties: join-victim/);
    await page.selectOption('#builtin', 'us-russia-china-2025-beliefs');
    await page.waitForSelector('#n-beliefs p', { timeout: 60000 });
    assert.match(await page.textContent('#n-beliefs'), /believes .* perceived N-side index/);
    await clean(page, 'beliefs');
    await page.screenshot({ path: path.join(SHOTS, '9-n-side-beliefs.png'), fullPage: true });
    for (const view of ['treaty']) {
      await page.click(`nav button[data-view="${view}"]`);
      await page.waitForSelector('#two-side-only', { timeout: 60000 });
      assert.match(await page.textContent('#two-side-only'), /compares two sides and does not read N-side scenarios \(3 sides/);
    }
    // The race reads N sides (issue 10): turns, the N-side index, no two-side refusal.
    await page.click('nav button[data-view="race"]');
    await page.waitForSelector('#race-outcome', { timeout: 120000 });
    assert.equal(await page.locator('#two-side-only').count(), 0);
    assert.match(await page.locator('#race-rounds thead').innerText(), /N-side index[\s\S]*China overall ratio/);
    assert.match(await page.locator('#race-result').innerText(), /Actors answer in turn: Russia, China, United States/);
    // The Sweep view reads N sides: the N-side index with each side's overall ratio.
    await page.click('nav button[data-view="sweep"]');
    await page.waitForSelector('#run-sweep', { timeout: 60000 });
    assert.equal(await page.locator('#two-side-only').count(), 0);
    await page.click('#run-sweep');
    await page.waitForSelector('#sweep-result svg', { timeout: 60000 });
    const sweepText = await page.textContent('#sweep-result svg');
    assert.match(sweepText, /N-side index and overall ratios/);
    assert.match(sweepText, /overall_ratio\[China\]/);
    // The server's own refusal, as a view that asks it shows it.
    await page.click('nav button[data-view="treaty"]');
    await page.waitForSelector('#treaty-result .error', { timeout: 60000 });
    assert.match(await page.textContent('#treaty-result .error'), /does not read N-side scenarios.*the Analysis view does/);
    await page.screenshot({ path: path.join(SHOTS, '10-n-side-refused.png'), fullPage: false });
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  } finally {
    await context.close();
  }
});

test('the Optimize view searches one side of an N-side scenario with the N-side analysis', async () => {
  const cli = cliJson(['optimize', 'us-russia-china-2025', '--side', '2', '--starts', '1', '--grid-budget', '6', '--quiet']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    await page.selectOption('#builtin', 'us-russia-china-2025');
    await page.waitForSelector('#index[data-kind="n-side"]', { timeout: 60000 });
    await page.click('nav button[data-view="optimize"]');
    assert.equal(await page.locator('#two-side-only').count(), 0, 'optimize reads N sides');
    await page.selectOption('#opt-side', '2');
    await page.fill('#opt-budget', '6');
    await page.fill('#opt-starts', '1');
    await page.click('#run-optimize');
    await page.waitForSelector('#optimize-n-side', { timeout: 120000 });
    assert.match(await page.textContent('#optimize-n-side'), /N sides \(United States, Russia, China\): objective the N-side index/);
    assert.equal(await page.locator('#optimize-regimes tbody tr').count(), 4);
    assert.equal(await page.locator('#optimize-pairs tbody tr').count(), 24);
    const first = await page.locator('#optimize-regimes tbody tr').first().innerText();
    assert.ok(first.includes(cli.best.regimes[0].index.toFixed(3)), `${first} has the CLI's best index`);
    await clean(page, 'optimize n-side');
    await page.screenshot({ path: path.join(SHOTS, '11-optimize-n-side.png'), fullPage: true });
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('analyze --arms-race as a checkbox', async () => {
  const cli = cliJson(['analyze', 'us-russia-2021', '--arms-race']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    await page.check('#arms-race');
    await page.waitForSelector('#arms-race-table', { timeout: 120000 });
    assert.equal(await page.locator('#arms-race-table tbody tr').count(), 2);
    assert.match(await page.locator('#arms-race-table').innerText(), new RegExp(cli.arms_race.sides[0].most_provocative.move.replace(/[()+]/g, '.')));
    await clean(page, 'arms race');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('analyze --arms-race on N sides as the same checkbox', async () => {
  const cli = cliJson(['analyze', 'us-russia-china-2025', '--arms-race']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.waitForSelector('#index');
    await page.selectOption('#builtin', 'us-russia-china-2025');
    await page.waitForSelector('#index[data-kind="n-side"]', { timeout: 60000 });
    await page.check('#arms-race');
    await page.waitForSelector('#n-arms-race-table', { timeout: 120000 });
    assert.equal(await page.locator('#n-arms-race-table tbody tr').count(), cli.arms_race.actors.length);
    const first = cli.arms_race.actors[0].most_provocative;
    assert.match(await page.locator('#n-arms-race-table').innerText(), new RegExp(`${first.by}: ${first.move.replace(/[()+]/g, '.')}`));
    await clean(page, 'n-side arms race');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the race view: rounds, outcome, charts, Richardson coefficients, state in the URL', async () => {
  const cli = cliJson(['race', 'us-russia-2021', '--move', 'us-homeland-defense', '--rounds', '4', '--richardson']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.click('nav button[data-view="race"]');
    await page.waitForSelector('#race-outcome', { timeout: 120000 });
    await page.fill('#race-rounds', '4');
    await page.check('#race-richardson');
    await page.click('#run-race');
    await page.waitForSelector('#race-coefficients', { timeout: 120000 });
    assert.equal(await page.getAttribute('#race-outcome', 'data-class'), cli.outcome.class);
    assert.equal(await page.locator('#race-rounds tbody tr').count(), cli.rounds.length + 1);
    assert.match(await page.textContent('#race-coefficients'), new RegExp(cli.richardson.k.toFixed(3)));
    assert.equal(await page.locator('#race-result svg').count(), 2);
    await clean(page, 'race');
    await page.screenshot({ path: path.join(SHOTS, '11-race.png'), fullPage: true });
    const [svg] = await Promise.all([page.waitForEvent('download'), page.locator('#race-result figure').first().getByRole('button', { name: 'SVG' }).click()]);
    assert.match(readFileSync(await svg.path(), 'utf8'), /^<svg[\s\S]*Forces by round/);
    await page.reload();
    await page.waitForSelector('#race-coefficients', { timeout: 120000 });
    assert.equal(await page.inputValue('#race-rounds'), '4');
    assert.deepEqual(problems, []);
  } finally {
    await context.close();
  }
});

test('the reciprocity view: a game, the round-robin table, the event series, a bad noise refused', async () => {
  const game = cliJson(['reciprocity', 'tft', 'gtft']);
  const events = cliJson(['reciprocity', '--events', 'us-russia-2016-2018']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.click('nav button[data-view="reciprocity"]');
    await page.waitForSelector('#reciprocity-long-run', { timeout: 60000 });
    assert.match(await page.locator('#reciprocity-long-run').innerText(), new RegExp(game.long_run.payoff[0].toFixed(3)));
    await page.screenshot({ path: path.join(SHOTS, '12-reciprocity.png'), fullPage: true });
    await page.selectOption('#reciprocity-mode', 'table');
    await page.waitForSelector('#reciprocity-table', { timeout: 60000 });
    assert.equal(await page.locator('#reciprocity-table tbody tr').count(), 7);
    await page.selectOption('#reciprocity-mode', 'events');
    await page.waitForSelector('#events-ratios', { timeout: 60000 });
    const ratios = events.responses.reduce((n, r) => n + r.ratios.length, 0);
    assert.equal(await page.locator('#events-ratios tbody tr').count(), ratios);
    await clean(page, 'reciprocity');
    await page.screenshot({ path: path.join(SHOTS, '13-reciprocity-events.png'), fullPage: true });
    await page.selectOption('#reciprocity-mode', 'game');
    await page.waitForSelector('#reciprocity-long-run', { timeout: 60000 });
    await page.fill('#noise', '2');
    await page.click('#run-reciprocity');
    await page.waitForSelector('#reciprocity-result .error', { timeout: 60000 });
    assert.match(await page.textContent('#reciprocity-result .error'), /noise/);
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  } finally {
    await context.close();
  }
});

test('the Richardson view: equilibrium and class, the trajectory chart, an estimate, a bad rate refused', async () => {
  const cli = cliJson(['richardson', '--k', '0.5', '--l', '0.5', '--a', '1', '--b', '1', '--g', '1', '--h', '0.5']);
  const { context, page, problems } = await freshBrowser();
  try {
    await ready(page, url);
    await page.click('nav button[data-view="richardson"]');
    await page.waitForSelector('#richardson-class', { timeout: 60000 });
    assert.equal(await page.textContent('#richardson-class'), cli.classification);
    assert.match(await page.locator('#richardson-table').innerText(), new RegExp(cli.equilibrium.x.toFixed(3)));
    assert.equal(await page.locator('#richardson-result svg polyline.series').count(), 2);
    await clean(page, 'richardson');
    await page.screenshot({ path: path.join(SHOTS, '14-richardson.png'), fullPage: true });
    await page.check('#rich-estimate');
    await page.click('#run-richardson');
    await page.waitForSelector('#richardson-estimate', { timeout: 120000 });
    assert.match(await page.textContent('#richardson-estimate'), /estimated around us-russia-2021/);
    await page.uncheck('#rich-estimate');
    await page.fill('#rich-k', '500');
    await page.click('#run-richardson');
    await page.waitForSelector('#richardson-result .error', { timeout: 60000 });
    assert.match(await page.textContent('#richardson-result .error'), /\bk\b/);
    assert.deepEqual(problems.filter((p) => !/status of 400/.test(p)), []);
  } finally {
    await context.close();
  }
});
