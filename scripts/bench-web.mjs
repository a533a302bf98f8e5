// Web client weight and time to interactive: each route of the built client opened in Chromium from a
// cold cache, served by the built API as people get it (compressed, cache headers). Prints, per
// route, the JavaScript it loads (compressed bytes as served, and their size unpacked) and the time
// to interactive: from navigation until the page's heading is shown and the network is quiet.
//
// The pages a member opens from an e-mail on a phone (a round, an RSVP link, a report-back link)
// have a budget of 250 KB of compressed JavaScript; the script exits 1 when one goes over it.
//
// Usage: npm run bench:web (builds first). Environment: DATABASE_URL (a PostgreSQL server: a
// throwaway database is made on it and dropped after; without it the API's embedded PostgreSQL),
// CHROMIUM_PATH (default /usr/bin/chromium), BENCH_WEB_RUNS (loads per route, median shown; default 3).
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, json, throwawayDatabase, waitForHealth } from './bench-support.mjs';

const RUNS = Number(process.env.BENCH_WEB_RUNS ?? 3);
const BUDGET_KB = 250;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

async function seed(base) {
  const register = (key, name) => json(`${base}/api/auth/register`, 'POST', { email: `${key}@bench.example`, password: `${key} has a long password`, displayName: name, timeZone: 'Europe/London' });
  const fran = await register('fran', 'Fran Facilitator');
  const pat = await register('pat', 'Pat Practitioner');
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Hard cases', mode: 'blended', timeZone: 'Europe/London' }, fran.accessToken);
  const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: 'pat@bench.example', role: 'member' }, fran.accessToken);
  await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, pat.accessToken);
  const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  const meeting = await json(`${base}/api/sets/${set.id}/meetings`, 'POST', { startsAt: `${start}T09:30`, durationMinutes: 180, format: 'online', videoUrl: 'https://meet.example.org/bench' }, fran.accessToken);
  const round = await json(`${base}/api/sets/${set.id}/rounds`, 'POST', { title: 'A case', caseText: 'A family I have worked with for a year, and a decision I keep putting off.' }, fran.accessToken);
  return { set, meeting, round };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** One cold load: the JavaScript it fetched and when it became usable. */
async function load(browser, base, path, who) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 390, height: 844 } });
  if (who) await context.request.post('/api/auth/login', { data: { email: `${who}@bench.example`, password: `${who} has a long password` } });
  const page = await context.newPage();
  const problems = [];
  page.on('pageerror', (error) => problems.push(error.message));
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  const started = Date.now();
  await page.goto(path, { waitUntil: 'load' });
  try {
    // The page's heading (the projector, a full-screen view, shows its phase instead).
    await page.locator('h1, .projector p').first().waitFor({ state: 'visible', timeout: 30_000 });
  } catch (error) {
    throw new Error(`${path}: no heading after 30 s (${problems.join('; ') || 'no console error'}): ${(await page.locator('body').innerText()).slice(0, 300)}`, { cause: error });
  }
  await page.waitForLoadState('networkidle');
  const heading = Date.now() - started;
  const scripts = await page.evaluate(() =>
    performance
      .getEntriesByType('resource')
      .filter((entry) => new URL(entry.name).pathname.endsWith('.js'))
      .map((entry) => ({ encoded: entry.encodedBodySize, decoded: entry.decodedBodySize })),
  );
  await context.close();
  return { ms: heading, files: scripts.length, encoded: scripts.reduce((s, e) => s + e.encoded, 0), decoded: scripts.reduce((s, e) => s + e.decoded, 0) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-web-'));
const database = await throwawayDatabase();
const port = await freePort();
const pgPort = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), PUBLIC_URL: base, AUTH_RATE_LIMIT: '0', JOBS_ENABLED: 'false', LOG_LEVEL: 'warn', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123', ...(database ? { DATABASE_URL: database.url } : {}) };
const api = spawn(process.execPath, ['apps/api/dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
let browser;
let over = [];
try {
  await waitForHealth(base, api);
  const { set, meeting, round } = await seed(base);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  const routes = [
    { name: 'sign-in', path: '/sign-in' },
    { name: 'home (member)', path: '/', who: 'pat' },
    { name: 'set (facilitator)', path: `/sets/${set.id}`, who: 'fran' },
    { name: 'meeting', path: `/meetings/${meeting.id}`, who: 'pat' },
    { name: 'live room', path: `/meetings/${meeting.id}/live`, who: 'pat' },
    { name: 'projector', path: `/meetings/${meeting.id}/projector`, who: 'fran' },
    { name: 'evaluation', path: `/sets/${set.id}/evaluation`, who: 'fran' },
    { name: 'round (member)', path: `/rounds/${round.id}`, who: 'pat', budget: true },
    { name: 'RSVP link', path: '/rsvp/an-rsvp-token-from-an-e-mail', budget: true },
    { name: 'report-back link', path: '/report-back/a-report-back-token', budget: true },
  ];
  const rows = [];
  for (const route of routes) {
    const runs = [];
    for (let i = 0; i < RUNS; i++) runs.push(await load(browser, base, route.path, route.who));
    const kb = median(runs.map((r) => r.encoded)) / 1024;
    if (route.budget && kb > BUDGET_KB) over.push(route.name);
    rows.push({
      route: route.name,
      'JS files': median(runs.map((r) => r.files)),
      'JS KB (compressed)': kb.toFixed(1),
      'JS KB (unpacked)': (median(runs.map((r) => r.decoded)) / 1024).toFixed(1),
      'interactive ms': median(runs.map((r) => r.ms)),
      budget: route.budget ? `≤ ${BUDGET_KB} KB ${kb <= BUDGET_KB ? 'ok' : 'OVER'}` : '',
    });
  }
  console.log(`Web client, ${RUNS} cold load(s) per route at 390×844 (median), served by the built API:`);
  console.table(rows);
} finally {
  await browser?.close();
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  await database?.drop();
  rmSync(dataDir, { recursive: true, force: true });
}
if (over.length) {
  console.error(`Over the ${BUDGET_KB} KB budget: ${over.join(', ')}`);
  process.exit(1);
}
