// Live benchmark: 50 meetings × 7 participants (350 sockets) on one API process, each
// facilitator sending commands in sequence; command→event latency at every member, commands/s,
// memory per socket (also at 2,000 idle sockets), and the time for everyone to rejoin after a
// kill -9 and restart. Beside two baselines measured in the same run: (a) a bare socket.io
// server doing the same room broadcast, (b) the same bare server inserting each command into
// PostgreSQL with raw pg before it broadcasts. Each server runs in a process of its own (the
// baselines in scripts/bench-live-bare.mjs), is warmed up with unmeasured commands first, and its
// CPU time per command is reported beside the latencies, with the ratios issue 16 asks for (API
// against (b) and (a), throughput and p95, saturated and paced).
//
// Usage: npm run bench:live. Environment: DATABASE_URL (a PostgreSQL server: a throwaway database
// is made on it and dropped after; without it an embedded PostgreSQL), BENCH_CPU_PROF=<dir> (the API
// under `node --cpu-prof`: the top entries of its saturated and of its paced load are printed; the
// kill -9 is then a SIGTERM, so that the profile is written), BENCH_API_MAIN (another build's
// main.js, to compare before and after a change), BENCH_MEETINGS, BENCH_PEOPLE,
// BENCH_COMMANDS, BENCH_WARMUP, BENCH_PACE_MS, BENCH_PACED_COMMANDS, BENCH_IDLE_SOCKETS.
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { freePort, json, monotonicMicros, postgresCpuMs, processCpuMs, summariseCpuProfile, throwawayDatabase } from './bench-support.mjs';
import { io } from 'socket.io-client';

const require = createRequire(import.meta.url);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 50);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 7);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 60);
// Commands each facilitator sends first, unmeasured, so that every server measured runs compiled (JIT) code.
const WARMUP = Number(process.env.BENCH_WARMUP ?? 60);
// Then a paced load, nearer a real meeting's: each facilitator sends a command every PACE_MS ms (50 meetings: 500 commands/s offered).
const PACE_MS = Number(process.env.BENCH_PACE_MS ?? 100);
const PACED = Number(process.env.BENCH_PACED_COMMANDS ?? 30);
const IDLE = Number(process.env.BENCH_IDLE_SOCKETS ?? 2000);
const CPU_PROF = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
const API_MAIN = process.env.BENCH_API_MAIN ?? 'apps/api/dist/main.js';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rssMb = (pid) => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))[1]) / 1024;
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99), n: sorted.length };
};


/** Issue 16's figures: the API's throughput and p95 against (b) (aim: throughput ≥ 0.8×, p95 ≤ 1.1×) and against (a). */
const ratios = (ours, bare, bareDb) =>
  `ratios: API/(b) throughput ${(ours.perSecond / bareDb.perSecond).toFixed(2)} (aim ≥ 0.8), p95 ${(ours.p95 / bareDb.p95).toFixed(2)} (aim ≤ 1.1); API/(a) throughput ${(ours.perSecond / bare.perSecond).toFixed(2)}, p95 ${(ours.p95 / bare.p95).toFixed(2)}; API p99 ${ours.p99.toFixed(1)} ms`;

function connectAll(url, auths, path = '/socket.io') {
  return Promise.all(
    auths.map(
      (auth) =>
        new Promise((resolve, reject) => {
          const socket = io(url, { path, transports: ['websocket'], auth, forceNew: true, reconnectionDelay: 100, reconnectionDelayMax: 500 });
          socket.once('connect', () => resolve(socket));
          socket.once('connect_error', reject);
        }),
    ),
  );
}

/**
 * Runs the load: for each meeting, its facilitator sends `count` commands one after another,
 * waiting for its ack (and, with `paceMs`, no sooner than one every `paceMs`, the meetings'
 * slots spread evenly); every member records when each event arrives. Answers latency samples
 * (send → event at each member, ms) and commands per second.
 */
async function drive(meetings, send, count = COMMANDS, paceMs = 0) {
  const samples = [];
  const from = monotonicMicros();
  const started = performance.now();
  await Promise.all(
    meetings.map(async (meeting, m) => {
      for (let i = 0; i < count; i++) {
        if (paceMs) await sleep(started + (m / meetings.length + i) * paceMs - performance.now());
        const sentAt = performance.now();
        const arrivals = meeting.members.map((m) => new Promise((resolve) => m.once(meeting.eventName, () => resolve(performance.now()))));
        await send(meeting, i);
        for (const at of await Promise.all(arrivals)) samples.push(at - sentAt);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  return { ...summary(samples), perSecond: (meetings.length * count) / seconds, window: { from, to: monotonicMicros() } };
}

/**
 * One server's figures: WARMUP unmeasured commands per facilitator, then COMMANDS back to back
 * (latency, commands/s, the server's and PostgreSQL's CPU per command), then the paced load.
 */
async function measure(meetings, send, pid, probe = null) {
  await drive(meetings, send, WARMUP);
  const before = await probe?.();
  const cpuBefore = [processCpuMs(pid), postgresCpuMs()];
  const result = await drive(meetings, send);
  result.cpuPerCommand = ((processCpuMs(pid) - cpuBefore[0]) * 1000) / (MEETINGS * COMMANDS);
  result.databaseCpuPerCommand = ((postgresCpuMs() - cpuBefore[1]) * 1000) / (MEETINGS * COMMANDS);
  const between = await probe?.();
  result.paced = await drive(meetings, send, PACED, PACE_MS);
  const after = await probe?.();
  if (probe) [result.inside, result.paced.inside] = [inside(before, between), inside(between, after)];
  return result;
}

/**
 * What the API's own metrics (/api/metrics) say of a load: garbage collection pauses by kind
 * (prom-client's histogram: count, total, how many over 10 ms), the event loop's delay (p99 and max
 * since the scrape before, which resets it) and the event log reads by live delivery (gaps it filled).
 */
async function apiMetrics(base) {
  const text = await (await fetch(`${base}/api/metrics`)).text();
  const samples = text
    .split('\n')
    .filter((line) => line && !line.startsWith('#'))
    .map((line) => {
      const [, name, labels = '', number] = /^([^{ ]+)(?:\{(.*)\})? (\S+)$/.exec(line) ?? [];
      return { name, labels: Object.fromEntries([...labels.matchAll(/(\w+)="([^"]*)"/g)].map((m) => [m[1], m[2]])), value: Number(number) };
    });
  const value = (name, labels = {}) => samples.find((x) => x.name === name && Object.entries(labels).every(([k, v]) => x.labels[k] === v))?.value ?? 0;
  const gc = {};
  for (const kind of ['minor', 'major', 'incremental']) {
    gc[kind] = { count: value('als_nodejs_gc_duration_seconds_count', { kind }), seconds: value('als_nodejs_gc_duration_seconds_sum', { kind }), under10ms: value('als_nodejs_gc_duration_seconds_bucket', { kind, le: '0.01' }) };
  }
  return { gc, lagP99: value('als_nodejs_eventloop_lag_p99_seconds'), lagMax: value('als_nodejs_eventloop_lag_max_seconds'), logReads: value('als_live_delivery_log_reads') };
}
const inside = (from, to) => ({
  gc: Object.fromEntries(Object.keys(to.gc).map((k) => [k, { count: to.gc[k].count - from.gc[k].count, ms: (to.gc[k].seconds - from.gc[k].seconds) * 1000, over10ms: to.gc[k].count - to.gc[k].under10ms - (from.gc[k].count - from.gc[k].under10ms) }])),
  lagP99: to.lagP99 * 1000,
  lagMax: to.lagMax * 1000,
  logReads: to.logReads - from.logReads,
});
const insideLine = (title, i) =>
  `${title}: GC ${Object.entries(i.gc).filter(([, g]) => g.count).map(([k, g]) => `${k} ${g.count}× ${g.ms.toFixed(0)} ms (${g.over10ms} over 10 ms)`).join(', ') || 'none'}; event-loop delay p99 ${i.lagP99.toFixed(1)} ms, max ${i.lagMax.toFixed(1)} ms; event-log reads by delivery ${i.logReads}`;

/** Starts the baseline server in a process of its own (with a database URL: the one that inserts each command). */
async function bareServer(databaseUrl) {
  const child = spawn(process.execPath, [new URL('./bench-live-bare.mjs', import.meta.url).pathname, ...(databaseUrl ? [databaseUrl] : [])], { stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', () => reject(new Error('the baseline server exited during start-up')));
  });
  return { pid: child.pid, url, close: () => new Promise((r) => (child.once('exit', r), child.kill('SIGTERM'))) };
}

async function bareRun(databaseUrl) {
  const bare = await bareServer(databaseUrl);
  const sockets = await connectAll(bare.url, Array.from({ length: MEETINGS * PEOPLE }, () => ({})));
  const meetings = [];
  for (let m = 0; m < MEETINGS; m++) {
    const group = sockets.slice(m * PEOPLE, (m + 1) * PEOPLE);
    await Promise.all(group.map((s) => s.timeout(10_000).emitWithAck('join', `room-${m}`)));
    meetings.push({ room: `room-${m}`, facilitator: group[0], members: group.slice(1), eventName: 'evt' });
  }
  const send = (meeting, i) => meeting.facilitator.timeout(10_000).emitWithAck('cmd', { room: meeting.room, payload: { type: 'extendTimer', seconds: i % 2 ? -60 : 60 } });
  const result = await measure(meetings, send, bare.pid);
  for (const s of sockets) s.close();
  await bare.close();
  return result;
}

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-live-'));
let database;
let throwaway;
let api;
let profiled = null;
const startApi = async (env, base, profile = false) => {
  if (profile) mkdirSync(CPU_PROF, { recursive: true });
  const child = spawn(process.execPath, [...(profile ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), API_MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up');
    try {
      if ((await fetch(`${base}/api/health`)).ok) return child;
    } catch {}
    await sleep(250);
  }
  throw new Error('the API did not become healthy');
};
try {
  // Our own PostgreSQL (or a throwaway database on DATABASE_URL's server), so that the API can be killed with -9 and restarted.
  throwaway = await throwawayDatabase();
  let databaseUrl = throwaway?.url;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = require('../apps/api/dist/database/embedded-postgres.js');
    database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'bench' });
    databaseUrl = database.url;
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PUBLIC_URL: base, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0', LIVE_RATE_LIMIT: '0', JOBS_ENABLED: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' };
  api = await startApi(env, base, CPU_PROF !== null);

  // One set, PEOPLE people (a facilitator and members), MEETINGS meetings: each person has one socket per meeting.
  const people = [];
  for (let p = 0; p < PEOPLE; p++) people.push(await json(`${base}/api/auth/register`, 'POST', { email: `p${p}@bench.example`, password: 'benchmark-password', displayName: `Person ${p}` }));
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Bench', mode: 'virtual', timeZone: 'Europe/London' }, people[0].accessToken);
  for (const person of people.slice(1)) {
    const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: person.user.email, role: 'member' }, people[0].accessToken);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, person.accessToken);
  }
  const meetingIds = [];
  for (let m = 0; m < MEETINGS; m++) meetingIds.push((await json(`${base}/api/sets/${set.id}/meetings`, 'POST', { startsAt: `2031-01-01T09:00`, durationMinutes: 180, format: 'online' }, people[0].accessToken)).id);

  const rssBefore = rssMb(api.pid);
  const sockets = await connectAll(`${base}/live`, meetingIds.flatMap(() => people.map((p) => ({ token: p.accessToken }))));
  const meetings = [];
  for (let m = 0; m < MEETINGS; m++) {
    const group = sockets.slice(m * PEOPLE, (m + 1) * PEOPLE);
    await Promise.all(group.map((s) => s.timeout(10_000).emitWithAck('session:join', { meetingId: meetingIds[m] })));
    const lastSeq = { value: 0 };
    group[1].on('session:event', (e) => (lastSeq.value = e.seq));
    meetings.push({ meetingId: meetingIds[m], facilitator: group[0], members: group.slice(1), eventName: 'session:event', lastSeq, group });
    const started = await group[0].timeout(10_000).emitWithAck('session:command', { commandId: `start-${m}`, meetingId: meetingIds[m], type: 'start', payload: {} });
    if (!started.ok) throw new Error(started.error);
  }
  // The meetings' announcement e-mails go out first: the measurement is of live commands alone.
  const outbox = new pg.Client({ connectionString: databaseUrl });
  await outbox.connect();
  for (let i = 0; i < 600; i++) {
    const { rows } = await outbox.query(`SELECT count(*)::int AS n FROM "mail_outbox" WHERE "status" IN ('pending', 'sending')`);
    if (rows[0].n === 0) break;
    await sleep(100);
  }
  await outbox.end();
  await sleep(500);
  const rssJoined = rssMb(api.pid);
  let n = 0;
  const command = async (meeting, i) => {
    const ack = await meeting.facilitator.timeout(10_000).emitWithAck('session:command', { commandId: `c-${n++}`, meetingId: meeting.meetingId, type: 'extendTimer', payload: { seconds: i % 2 ? -60 : 60 } });
    if (!ack.ok) throw new Error(ack.error);
  };
  const ours = await measure(meetings, command, api.pid, () => apiMetrics(base));

  // kill -9 mid-session, restart, and time until every socket has rejoined and resynced.
  const rejoined = new Set();
  const allBack = new Promise((resolve) => {
    for (const meeting of meetings) {
      for (const socket of meeting.group) {
        socket.io.on('reconnect', async () => {
          try {
            const joined = await socket.timeout(20_000).emitWithAck('session:join', { meetingId: meeting.meetingId });
            const resync = await socket.timeout(20_000).emitWithAck('session:resync', { meetingId: meeting.meetingId, sinceSeq: Math.max(0, meeting.lastSeq.value - 1) });
            if (joined.ok && resync.ok) rejoined.add(socket);
            if (rejoined.size === sockets.length) resolve();
          } catch {
            // Connected to the stopping process (a SIGTERM drains for a moment) and dropped again: the next reconnect tries again.
          }
        });
      }
    }
  });
  // Profiled, the API stops with SIGTERM instead, so that node writes its profile as it exits.
  if (CPU_PROF) {
    profiled = { pid: api.pid, saturated: ours.window, paced: ours.paced.window };
    writeFileSync(join(CPU_PROF, `windows.${api.pid}.json`), JSON.stringify(profiled));
  }
  api.kill(CPU_PROF ? 'SIGTERM' : 'SIGKILL');
  await new Promise((r) => api.once('exit', r));
  const restartAt = performance.now();
  api = await startApi(env, base);
  const healthyAt = performance.now();
  await Promise.race([allBack, sleep(60_000)]);
  const backAt = performance.now();
  for (const s of sockets) s.close();

  // Memory of idle sockets: IDLE connections that only hold a handshake.
  await sleep(1000);
  const rssIdleBefore = rssMb(api.pid);
  const idle = [];
  for (let i = 0; i < IDLE; i += 200) idle.push(...(await connectAll(`${base}/live`, Array.from({ length: Math.min(200, IDLE - i) }, (_, k) => ({ token: people[(i + k) % PEOPLE].accessToken })))));
  await sleep(1000);
  const rssIdle = rssMb(api.pid);
  for (const s of idle) s.close();

  // Baselines, same machine, same run, same PostgreSQL.
  const bare = await bareRun(null);
  const bareDb = await bareRun(databaseUrl);

  const row = (title, r) => `${title.padEnd(34)} p50 ${r.p50.toFixed(1).padStart(6)} ms   p95 ${r.p95.toFixed(1).padStart(6)} ms   p99 ${r.p99.toFixed(1).padStart(6)} ms   ${r.perSecond.toFixed(0).padStart(6)} commands/s   (${r.n} deliveries)`;
  console.log(`\n${MEETINGS} meetings × ${PEOPLE} participants = ${MEETINGS * PEOPLE} sockets, ${COMMANDS} commands per facilitator in sequence (after ${WARMUP} unmeasured), one API process`);
  console.log(row('(a) bare socket.io broadcast', bare));
  console.log(row('(b) bare socket.io + pg insert', bareDb));
  console.log(row('API: check, decide, log, ack, emit', ours));
  console.log(ratios(ours, bare, bareDb));
  console.log(`paced: each facilitator one command every ${PACE_MS} ms (${((MEETINGS * 1000) / PACE_MS).toFixed(0)} commands/s offered), ${PACED} each`);
  console.log(row('(a) bare socket.io broadcast', bare.paced));
  console.log(row('(b) bare socket.io + pg insert', bareDb.paced));
  console.log(row('API: check, decide, log, ack, emit', ours.paced));
  console.log(ratios(ours.paced, bare.paced, bareDb.paced));
  console.log(insideLine('inside the API, saturated', ours.inside));
  console.log(insideLine('inside the API, paced', ours.paced.inside));
  console.log(`server CPU per command (user + system, 10 ms ticks): API ${ours.cpuPerCommand.toFixed(0)} µs, (a) ${bare.cpuPerCommand.toFixed(0)} µs, (b) ${bareDb.cpuPerCommand.toFixed(0)} µs`);
  console.log(`PostgreSQL CPU per command (all its processes): API ${ours.databaseCpuPerCommand.toFixed(0)} µs, (b) ${bareDb.databaseCpuPerCommand.toFixed(0)} µs`);
  console.log(`memory: ${(((rssJoined - rssBefore) * 1024) / sockets.length).toFixed(1)} KB per joined socket (${sockets.length}); ${(((rssIdle - rssIdleBefore) * 1024) / IDLE).toFixed(1)} KB per idle socket (${IDLE}); API RSS ${rssIdle.toFixed(0)} MB`);
  console.log(`${CPU_PROF ? 'SIGTERM (profiled)' : 'kill -9'} and restart: process healthy after ${((healthyAt - restartAt) / 1000).toFixed(2)} s; ${rejoined.size}/${sockets.length} sockets rejoined and resynced ${((backAt - healthyAt) / 1000).toFixed(2)} s after that (aim < 5 s)`);
} finally {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
  await database?.stop().catch(() => undefined);
  await throwaway?.drop().catch((error) => console.error(`could not drop the bench database: ${error}`));
  rmSync(dataDir, { recursive: true, force: true });
}
if (profiled) {
  const file = readdirSync(CPU_PROF).find((f) => f.endsWith('.cpuprofile') && f.split('.').includes(String(profiled.pid)));
  const profile = JSON.parse(readFileSync(join(CPU_PROF, file), 'utf8'));
  for (const [title, window] of [['saturated load', profiled.saturated], ['paced load', profiled.paced]]) {
    const summary = summariseCpuProfile(profile, 25, window);
    console.log(`\nCPU profile of the API, ${title} only (${join(CPU_PROF, file)}, ${summary.samples} busy samples; idle ${(summary.idle * 100).toFixed(0)} % of the window)`);
    console.log('By place (self time, share of busy samples):');
    for (const p of summary.places) console.log(`  ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.what}`);
    console.log('By function (self time):');
    for (const f of summary.functions) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.what}`);
  }
}
