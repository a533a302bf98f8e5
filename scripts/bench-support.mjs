// Helpers shared by the benchmarks.
import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import pg from 'pg';

/** A free TCP port on 127.0.0.1. */
export const freePort = () =>
  new Promise((resolve) => {
    const server = createServer();
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });

/** A JSON request to the API; throws with the answer on any non-2xx. */
export async function json(url, method, body, token) {
  const response = await fetch(url, { method, headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) }, body: body ? JSON.stringify(body) : undefined });
  if (!response.ok) throw new Error(`${method} ${url}: ${response.status} ${await response.text()}`);
  return response.json();
}

/** Waits until the API answers its health check (throws if it exits or takes more than 90 s). */
export async function waitForHealth(url, child) {
  for (let i = 0; i < 360; i++) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up');
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error('the API did not become healthy');
}

/** The claims of a JWT, read without checking its signature (the bare baselines only need `sid` and `sub`). */
export function jwtClaims(token) {
  return JSON.parse(Buffer.from(token.split('.')[1], 'base64url').toString('utf8'));
}

/** p (0–100) of numbers already sorted ascending. */
export const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

/** min–max of numbers, each with `digits` decimals. */
export const spread = (values, digits = 2) => `${Math.min(...values).toFixed(digits)}–${Math.max(...values).toFixed(digits)}`;

/**
 * The top entries of a V8 CPU profile (`node --cpu-prof`) by self time: each function (name, file,
 * line) and its share of the busy samples (idle ones left out: the API waits while the bare
 * baseline runs), plus the shares by place (our code, Node's own modules by name, each package in
 * node_modules, garbage collection). `idle` is the share of all samples the process was idle.
 * With `window` ({ from, to }, µs on monotonicMicros' clock), only the samples taken within it.
 */
export function summariseCpuProfile(profile, top = 20, window = null) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const samples = window ? samplesWithin(profile, window) : profile.samples;
  const hits = new Map();
  for (const id of samples) hits.set(id, (hits.get(id) ?? 0) + 1);
  const idleIds = new Set(profile.nodes.filter((n) => n.callFrame.functionName === '(idle)').map((n) => n.id));
  const idle = samples.filter((id) => idleIds.has(id)).length;
  const total = samples.length - idle || 1;
  const functions = new Map();
  const places = new Map();
  for (const [id, count] of hits) {
    if (idleIds.has(id)) continue;
    const { callFrame } = byId.get(id);
    const url = callFrame.url || '';
    const name = callFrame.functionName || '(anonymous)';
    const key = `${name} ${url.replace(/^file:\/\//, '').replace(/^.*node_modules\//, '')}:${callFrame.lineNumber + 1}`;
    functions.set(key, (functions.get(key) ?? 0) + count);
    places.set(placeOf(name, url), (places.get(placeOf(name, url)) ?? 0) + count);
  }
  const rank = (map) => [...map].sort((a, b) => b[1] - a[1]).slice(0, top).map(([what, count]) => ({ what, share: count / total }));
  return { samples: total, idle: idle / (samples.length || 1), functions: rank(functions), places: rank(places) };
}

/** Monotonic time now in µs, the clock a V8 CPU profile's timestamps are on (CLOCK_MONOTONIC on Linux, in every process of the machine). */
export const monotonicMicros = () => Number(process.hrtime.bigint() / 1000n);

/** The samples of a profile taken between `window.from` and `window.to` (µs, monotonicMicros of any process on the machine). */
function samplesWithin(profile, { from, to }) {
  const within = [];
  let at = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    at += profile.timeDeltas[i];
    if (at >= from && at <= to) within.push(profile.samples[i]);
  }
  return within;
}

function placeOf(name, url) {
  if (name === '(garbage collector)' || name === '(idle)' || name === '(program)') return name;
  if (url.startsWith('node:')) return url.split('/').slice(0, 3).join('/');
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1];
  if (url.includes('/apps/api/dist/')) return `apps/api ${url.split('/apps/api/dist/')[1].split('/')[0]}`;
  if (url.includes('/libs/shared/')) return '@als/shared';
  return url ? 'other' : `(native) ${name}`;
}

/** A throwaway database on DATABASE_URL's server (dropped at the end), or null for the API's embedded PostgreSQL. */
export async function throwawayDatabase() {
  if (!process.env.DATABASE_URL) return null;
  const name = `als_bench_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  const url = new URL(process.env.DATABASE_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    async drop() {
      const client = new pg.Client({ connectionString: process.env.DATABASE_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await client.end();
    },
  };
}


/** CPU time (user + system) a process has used, in ms (Linux, 10 ms ticks). */
export function processCpuMs(pid) {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** CPU time of every PostgreSQL process on the machine, in ms (the database shares the cores with what is measured). */
export function postgresCpuMs() {
  let total = 0;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') total += processCpuMs(entry);
    } catch {}
  }
  return total;
}

/**
 * CPU time (ms) of each PostgreSQL backend serving `pool`'s database (by pid), so that other
 * databases on the same server (other people's test suites) do not count. Compare two readings
 * with `backendCpuMsSince`: only backends present in both count.
 */
export async function backendCpuMs(pool) {
  const { rows } = await pool.query(`SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND backend_type = 'client backend'`);
  const reading = new Map();
  for (const { pid } of rows) {
    try {
      reading.set(pid, processCpuMs(pid));
    } catch {}
  }
  return reading;
}

export function backendCpuMsSince(before, after) {
  let total = 0;
  for (const [pid, ms] of after) if (before.has(pid)) total += ms - before.get(pid);
  return total;
}
