// Call benchmark: N people (BENCH_CALL_PEOPLE, default 8) in the set's own call, each in a Chromium
// of its own with a fake microphone (a generated tone), browser to browser through the built API's
// signalling. Reports the set-up time (from the last "Join the call" to every browser connected
// to every other, and each person's own join to connected) and each browser's CPU while the call
// runs (all its processes, from Chromium's SystemInfo.getProcessInfo), as % of one core.
// Usage: npm run bench:call   (DATABASE_URL: a throwaway database there; else the embedded one)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { freePort, json, throwawayDatabase, waitForHealth } from './bench-support.mjs';

const PEOPLE = Number(process.env.BENCH_CALL_PEOPLE ?? 8);
const STEADY_MS = Number(process.env.BENCH_CALL_STEADY_MS ?? 10_000);
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A 4 s WAV: 2 s of tone, 2 s of silence (Chromium's fake microphone loops it). */
function toneWav(path, hz) {
  const rate = 48_000;
  const samples = rate * 4;
  const data = Buffer.alloc(samples * 2);
  for (let i = 0; i < samples; i++) data.writeInt16LE(i < rate * 2 ? Math.round(12_000 * Math.sin((2 * Math.PI * hz * i) / rate)) : 0, i * 2);
  const h = Buffer.alloc(44);
  h.write('RIFF', 0); h.writeUInt32LE(36 + data.length, 4); h.write('WAVE', 8); h.write('fmt ', 12); h.writeUInt32LE(16, 16);
  h.writeUInt16LE(1, 20); h.writeUInt16LE(1, 22); h.writeUInt32LE(rate, 24); h.writeUInt32LE(rate * 2, 28); h.writeUInt16LE(2, 32); h.writeUInt16LE(16, 34);
  h.write('data', 36); h.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([h, data]));
}

/** CPU seconds used so far by all of a browser's processes. */
async function browserCpuSeconds(cdp) {
  const { processInfo } = await cdp.send('SystemInfo.getProcessInfo');
  return processInfo.reduce((sum, p) => sum + p.cpuTime, 0);
}

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-call-'));
const db = await throwawayDatabase();
const port = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, NODE_ENV: 'development', PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(await freePort()), PUBLIC_URL: base, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0', LIVE_RATE_LIMIT: '0', JWT_SECRET: 'bench-call-secret-bench-call-secret-0123456789', CREDENTIALS_KEY: 'bench-call-credentials-key-bench-call-0123456789', ...(db ? { DATABASE_URL: db.url } : {}) };
if (!db) delete env.DATABASE_URL;
const api = spawn(process.execPath, ['apps/api/dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
const browsers = [];
try {
  await waitForHealth(base, api);
  const people = Array.from({ length: PEOPLE }, (_, i) => ({ key: `p${i}`, email: `bench-call-${i}@example.org`, password: `bench call person ${i} password` }));
  for (const p of people) p.token = (await json(`${base}/api/auth/register`, 'POST', { email: p.email, password: p.password, displayName: `Person ${p.key}`, timeZone: 'Europe/London' })).accessToken;
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Bench call', mode: 'virtual', timeZone: 'Europe/London' }, people[0].token);
  for (const p of people.slice(1)) {
    const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: p.email, role: 'member' }, people[0].token);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, p.token);
  }
  const meeting = await json(`${base}/api/sets/${set.id}/meetings`, 'POST', { startsAt: '2031-02-04T09:30', durationMinutes: 120, format: 'online' }, people[0].token);

  const pages = [];
  for (const [i, p] of people.entries()) {
    const wav = join(dataDir, `${p.key}.wav`);
    toneWav(wav, 180 + 40 * i);
    const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--headless', '--no-sandbox', '--disable-gpu', '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream', `--use-file-for-fake-audio-capture=${wav}`, '--autoplay-policy=no-user-gesture-required'] });
    browsers.push(browser);
    const context = await browser.newContext({ baseURL: base });
    await context.request.post('/api/auth/login', { data: { email: p.email, password: p.password } });
    const page = await context.newPage();
    await page.goto(`/meetings/${meeting.id}/live`);
    await page.getByRole('button', { name: 'Join the call' }).waitFor({ timeout: 120_000 });
    pages.push({ page, browser, cdp: await browser.newBrowserCDPSession() });
  }
  const connected = (page) => page.locator('.call__person', { hasText: '— in the call' }).count();
  const joinedAt = [];
  const connectedAt = [];
  for (const [i, { page }] of pages.entries()) {
    joinedAt[i] = performance.now();
    await page.getByRole('button', { name: 'Join the call' }).click();
    await page.getByRole('button', { name: 'Leave the call' }).waitFor({ timeout: 120_000 });
  }
  const lastJoin = joinedAt[PEOPLE - 1];
  // Everyone sees the other N-1 connected (and themselves in the call).
  for (;;) {
    const counts = await Promise.all(pages.map(({ page }) => connected(page)));
    counts.forEach((n, i) => {
      if (n >= PEOPLE && connectedAt[i] === undefined) connectedAt[i] = performance.now();
    });
    if (connectedAt.filter((t) => t !== undefined).length === PEOPLE) break;
    if (performance.now() - lastJoin > 180_000) throw new Error(`not everyone connected within 3 minutes: ${counts.join(', ')}`);
    await sleep(100);
  }
  const setUp = Math.max(...connectedAt) - lastJoin;
  const before = await Promise.all(pages.map(({ cdp }) => browserCpuSeconds(cdp)));
  const t0 = performance.now();
  await sleep(STEADY_MS);
  const after = await Promise.all(pages.map(({ cdp }) => browserCpuSeconds(cdp)));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = after.map((a, i) => (100 * (a - before[i])) / seconds);
  const lines = [
    `Call benchmark: ${PEOPLE} people, each in a Chromium of its own (mesh: ${PEOPLE - 1} connections each), on this machine (${(await import('node:os')).cpus().length} cores)`,
    `set-up: last "Join the call" → every browser connected to every other: ${Math.round(setUp)} ms`,
    `each person's own join → all connected: ${connectedAt.map((t, i) => Math.round(t - joinedAt[i])).join(', ')} ms`,
    `CPU per browser over ${seconds.toFixed(1)} s of call (% of one core): ${cpu.map((c) => c.toFixed(0)).join(', ')} (total ${cpu.reduce((a, b) => a + b, 0).toFixed(0)} %)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
} finally {
  for (const b of browsers) await b.close().catch(() => {});
  api.kill('SIGTERM');
  await new Promise((r) => (api.exitCode === null ? api.once('exit', r) : r()));
  await db?.drop().catch(() => {});
  rmSync(dataDir, { recursive: true, force: true });
}
