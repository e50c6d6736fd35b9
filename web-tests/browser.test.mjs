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
