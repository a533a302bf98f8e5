// Cluster benchmark: the live benchmark's load (MEETINGS meetings × PEOPLE people, each
// facilitator sending COMMANDS commands in sequence) over 1, 2 and 3 API processes on one
// PostgreSQL, sharing live sessions through Redis (REDIS_URL, required). Each meeting's people are
// spread over the processes (as a load balancer would), so most events cross processes through
// Redis. Prints throughput and latency side by side. Usage: REDIS_URL=redis://… npm run bench:cluster
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io } from 'socket.io-client';
import { freePort, json } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const MEETINGS = Number(process.env.BENCH_MEETINGS ?? 50);
const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 7);
const COMMANDS = Number(process.env.BENCH_COMMANDS ?? 30);
const SIZES = (process.env.BENCH_SIZES ?? '1,2,3').split(',').map(Number);
if (!process.env.REDIS_URL) {
  process.stderr.write('bench:cluster needs REDIS_URL (redis://host:6379).\n');
  process.exit(1);
}
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];

async function startApi(env) {
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; i < 240; i++) {
    if (child.exitCode !== null) throw new Error('an API process exited during start-up');
    try {
      if ((await fetch(`http://127.0.0.1:${env.PORT}/api/health`)).ok) return child;
    } catch {}
    await sleep(250);
  }
  throw new Error('an API process did not become healthy');
}

const connect = (url, token) =>
  new Promise((resolve, reject) => {
    const socket = io(url, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-cluster-'));
let database;
let children = [];
const stopAll = async () => {
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => (c.once('exit', r), c.kill('SIGTERM'))) : null)));
  children = [];
};
try {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = require('../apps/api/dist/database/embedded-postgres.js');
    database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'bench' });
    databaseUrl = database.url;
  }
  const env = (port) => ({ ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PUBLIC_URL: `http://127.0.0.1:${port}`, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0', LIVE_RATE_LIMIT: '0', JOBS_ENABLED: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' });

  // The people, set and meetings, made once through a first process.
  const setupPort = await freePort();
  children.push(await startApi(env(setupPort)));
  const base = `http://127.0.0.1:${setupPort}`;
  const people = [];
  for (let p = 0; p < PEOPLE; p++) people.push(await json(`${base}/api/auth/register`, 'POST', { email: `p${p}@bench.example`, password: 'benchmark-password', displayName: `Person ${p}` }));
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Bench', mode: 'virtual', timeZone: 'Europe/London' }, people[0].accessToken);
  for (const person of people.slice(1)) {
    const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: person.user.email, role: 'member' }, people[0].accessToken);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, person.accessToken);
  }
  await stopAll();

  const rows = [];
  for (const size of SIZES) {
    const ports = [];
    for (let i = 0; i < size; i++) ports.push(await freePort());
    children = await Promise.all(ports.map((port) => startApi(env(port))));
    // Fresh meetings for each run, so every run starts sessions from the lobby.
    const meetingIds = [];
    for (let m = 0; m < MEETINGS; m++) meetingIds.push((await json(`http://127.0.0.1:${ports[0]}/api/sets/${set.id}/meetings`, 'POST', { startsAt: '2031-01-01T09:00', durationMinutes: 180, format: 'online' }, people[0].accessToken)).id);
    const meetings = [];
    let k = 0;
    for (let m = 0; m < MEETINGS; m++) {
      const group = await Promise.all(people.map((p) => connect(`http://127.0.0.1:${ports[k++ % size]}/live`, p.accessToken)));
      await Promise.all(group.map((s) => s.timeout(10_000).emitWithAck('session:join', { meetingId: meetingIds[m] })));
      const started = await group[0].timeout(10_000).emitWithAck('session:command', { commandId: `start-${size}-${m}`, meetingId: meetingIds[m], type: 'start', payload: {} });
      if (!started.ok) throw new Error(started.error);
      meetings.push({ meetingId: meetingIds[m], facilitator: group[0], members: group.slice(1), group });
    }
    await sleep(500);
    const samples = [];
    let n = 0;
    const t0 = performance.now();
    await Promise.all(
      meetings.map(async (meeting) => {
        for (let i = 0; i < COMMANDS; i++) {
          const sentAt = performance.now();
          const arrivals = meeting.members.map((s) => new Promise((resolve) => s.once('session:event', () => resolve(performance.now()))));
          const ack = await meeting.facilitator.timeout(10_000).emitWithAck('session:command', { commandId: `c-${size}-${n++}`, meetingId: meeting.meetingId, type: 'extendTimer', payload: { seconds: i % 2 ? -60 : 60 } });
          if (!ack.ok) throw new Error(ack.error);
          for (const at of await Promise.all(arrivals)) samples.push(at - sentAt);
        }
      }),
    );
    const seconds = (performance.now() - t0) / 1000;
    const sorted = samples.sort((a, b) => a - b);
    rows.push({ size, perSecond: (MEETINGS * COMMANDS) / seconds, p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) });
    for (const m of meetings) for (const s of m.group) s.close();
    await stopAll();
  }

  console.log(`\nLive load over a cluster: ${MEETINGS} meetings × ${PEOPLE} people (${MEETINGS * PEOPLE} sockets spread over the processes), ${COMMANDS} commands each, Redis between processes`);
  console.log('processes   commands/s   p50 ms   p95 ms   p99 ms   throughput vs 1');
  for (const r of rows) console.log(`${String(r.size).padStart(9)}   ${r.perSecond.toFixed(0).padStart(10)}   ${r.p50.toFixed(1).padStart(6)}   ${r.p95.toFixed(1).padStart(6)}   ${r.p99.toFixed(1).padStart(6)}   ${(r.perSecond / rows[0].perSecond).toFixed(2)}x`);
} finally {
  await stopAll();
  await database?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
