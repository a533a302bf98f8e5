// Soak benchmark of the live layer: 1,000 live sessions opened and ended against one API process
// (each: four people connect, join, start, a few commands, end, leave, disconnect; 20 sessions at
// a time), after a warm-up of 50. The API runs with --expose-gc and a small IPC hook
// (scripts/bench-soak-heap.cjs, loaded for this benchmark only) that reports the heap; the heap is
// taken after a full GC at the start (after the warm-up) and at the end (after the sockets closed
// and a settle), and sampled without GC throughout for the peak. Aim: the end within 10 % of the
// start. Prints what the live layer still holds (als_live_memory_entries). Usage: npm run bench:soak
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { io } from 'socket.io-client';
import { freePort, json } from './bench-support.mjs';

const require = createRequire(import.meta.url);
const SESSIONS = Number(process.env.SOAK_SESSIONS ?? 1000);
const WARMUP = Number(process.env.SOAK_WARMUP ?? 50);
const AT_ONCE = Number(process.env.SOAK_CONCURRENCY ?? 20);
const PEOPLE = 4;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const mb = (bytes) => (bytes / 1024 / 1024).toFixed(1);

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-soak-'));
let database;
let api;
/** With DATABASE_URL: the server's URL and the soak's own database in it, dropped at the end. */
let own;
try {
  let databaseUrl = process.env.DATABASE_URL;
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = require('../apps/api/dist/database/embedded-postgres.js');
    database = await startEmbeddedPostgres({ dataDir: join(dataDir, 'pg'), port: await freePort(), database: 'soak' });
    databaseUrl = database.url;
  } else {
    // A database of its own in that server, so that the soak starts empty.
    const pg = require('pg');
    const admin = new pg.Client({ connectionString: databaseUrl });
    await admin.connect();
    const name = `als_soak_${Date.now()}`;
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    own = { server: databaseUrl, name };
    const url = new URL(databaseUrl);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
  }
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PUBLIC_URL: base, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0', LIVE_RATE_LIMIT: '1000000', JOBS_ENABLED: 'false', JWT_SECRET: 'soak-secret-soak-secret-soak-secret-012345' };
  delete env.REDIS_URL;
  api = spawn(process.execPath, ['--expose-gc', '--require', new URL('./bench-soak-heap.cjs', import.meta.url).pathname, 'apps/api/dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const pending = new Map();
  api.on('message', (m) => {
    if (m?.type === 'als-soak-heap') pending.get(m.id)?.(m.heapUsed);
  });
  const heap = (gc) =>
    new Promise((resolve) => {
      const id = randomUUID();
      pending.set(id, (n) => (pending.delete(id), resolve(n)));
      api.send({ type: 'als-soak-heap', id, gc });
    });
  for (let i = 0; ; i++) {
    if (api.exitCode !== null || i > 240) throw new Error('the API did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await sleep(250);
  }

  const people = [];
  for (let p = 0; p < PEOPLE; p++) people.push(await json(`${base}/api/auth/register`, 'POST', { email: `p${p}@soak.example`, password: 'soak-benchmark-password', displayName: `Person ${p}` }));
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Soak', mode: 'virtual', timeZone: 'Europe/London' }, people[0].accessToken);
  for (const person of people.slice(1)) {
    const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: person.user.email, role: 'member' }, people[0].accessToken);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, person.accessToken);
  }
  const meetingIds = [];
  const createOne = () => json(`${base}/api/sets/${set.id}/meetings`, 'POST', { startsAt: '2031-01-01T09:00', durationMinutes: 180, format: 'online' }, people[0].accessToken).then((m) => meetingIds.push(m.id));
  for (let i = 0; i < SESSIONS + WARMUP; i += 10) await Promise.all(Array.from({ length: Math.min(10, SESSIONS + WARMUP - i) }, createOne));

  const connectOne = (token) =>
    new Promise((resolve, reject) => {
      const socket = io(`${base}/live`, { transports: ['websocket'], auth: { token }, forceNew: true, reconnection: false });
      socket.once('connect', () => resolve(socket));
      socket.once('connect_error', reject);
    });
  const ok = async (socket, message, body) => {
    const answer = await socket.timeout(10_000).emitWithAck(message, body);
    if (!answer.ok) throw new Error(`${message}: ${answer.error}`);
    return answer;
  };
  /** One session from the lobby to its end: everyone joins, the facilitator starts, bids and a hand, the end; everyone leaves and disconnects. */
  const session = async (meetingId) => {
    const sockets = await Promise.all(people.map((p) => connectOne(p.accessToken)));
    const [facilitator, ...members] = sockets;
    const send = (socket, type, payload = {}) => ok(socket, 'session:command', { commandId: randomUUID(), meetingId, type, payload });
    for (const s of sockets) await ok(s, 'session:join', { meetingId });
    await send(facilitator, 'start');
    await send(facilitator, 'advance');
    await Promise.all(members.map((m, i) => send(m, 'bid', { wantsTime: i === 0, urgency: 3 })));
    await send(members[1], 'raiseHand');
    await send(facilitator, 'end');
    for (const s of sockets) await ok(s, 'session:leave', { meetingId });
    for (const s of sockets) s.close();
  };
  const run = async (ids) => {
    let next = 0;
    await Promise.all(
      Array.from({ length: AT_ONCE }, async () => {
        while (next < ids.length) await session(ids[next++]);
      }),
    );
  };

  await run(meetingIds.slice(0, WARMUP));
  await sleep(1000);
  const start = await heap(true);
  let peak = start;
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      peak = Math.max(peak, await heap(false));
      await sleep(250);
    }
  })();
  const began = performance.now();
  await run(meetingIds.slice(WARMUP));
  const seconds = (performance.now() - began) / 1000;
  sampling = false;
  await sampler;
  await sleep(2000);
  const end = await heap(true);
  const metrics = await (await fetch(`${base}/api/metrics`)).text();
  const held = [...metrics.matchAll(/^als_live_memory_entries\{kind="(\w+)"\} (\d+)/gm)].map(([, kind, n]) => `${kind} ${n}`).join(', ');
  const sockets = /^als_live_sockets (\d+)/m.exec(metrics)?.[1];

  console.log(`\n${SESSIONS} live sessions (after ${WARMUP} unmeasured), ${AT_ONCE} at a time, ${PEOPLE} people each, one API process: ${(SESSIONS / seconds).toFixed(1)} sessions/s`);
  console.log(`heap used: start ${mb(start)} MB (after GC), peak ${mb(peak)} MB, end ${mb(end)} MB (after GC): end ${(((end - start) / start) * 100).toFixed(1)} % from the start (aim within 10 %)`);
  console.log(`still held by the live layer: ${held}; live sockets ${sockets}`);
} finally {
  if (api && api.exitCode === null) {
    api.kill('SIGTERM');
    await new Promise((r) => api.once('exit', r));
  }
  await database?.stop().catch(() => undefined);
  if (own) {
    const pg = require('pg');
    const admin = new pg.Client({ connectionString: own.server });
    await admin.connect();
    await admin.query(`DROP DATABASE IF EXISTS "${own.name}" WITH (FORCE)`).catch(() => undefined);
    await admin.end();
  }
  rmSync(dataDir, { recursive: true, force: true });
}
