// HTTP benchmark: the routes people hit most, each beside a bare Express handler that does the same
// reads and writes with raw `pg` — including the same authorisation queries (the session joined to
// its user, as SessionsService.authenticate reads it, and the caller's membership) — measured back to
// back in the same run on the same database, each server in a process of its own (the bare one is
// this script run again with BENCH_BARE_DATABASE_URL). Prints each route's requests/s, p50 and p97.5
// and the ratios, and the CPU each server and PostgreSQL spent per request; with BENCH_RUNS > 1, the
// spread of the ratios over the runs.
//
// The seed is a realistic set: a facilitator and five members (one of them in two more sets), a
// dozen meetings (a weekly series), four open actions each, and an open round in `clarifying` with a
// few questions. The contribution route adds questions as one member to a second round (whose
// presenter and the other members never write, so its phase stays open and the first keeps its size).
//
// Usage: npm run bench (builds first). Environment: BENCH_SECONDS (per route and side, default 5),
// BENCH_CONNECTIONS (default 20), BENCH_RUNS (default 1), BENCH_ROUTES (comma-separated names, default
// all), BENCH_LOG_LEVEL (the API's LOG_LEVEL, default its own default `info`), BENCH_CPU_PROF=<dir>
// (run the API under `node --cpu-prof` and print its top entries), BENCH_API_MAIN (another build's
// main.js, to compare before and after a change), DATABASE_URL (a PostgreSQL server:
// a throwaway database is made on it and dropped after; without it the API's embedded PostgreSQL).
import { spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import express from 'express';
import pg from 'pg';
import { backendCpuMs, backendCpuMsSince, freePort, json, jwtClaims, processCpuMs, spread, summariseCpuProfile, throwawayDatabase, waitForHealth } from './bench-support.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);
const RUNS = Number(process.env.BENCH_RUNS ?? 1);
const ONLY = process.env.BENCH_ROUTES ? new Set(process.env.BENCH_ROUTES.split(',')) : null;
const CPU_PROF = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
const API_MAIN = process.env.BENCH_API_MAIN ?? 'apps/api/dist/main.js';

/**
 * Runs the load against one side; besides autocannon's figures, the CPU each part used per request
 * (µs): this process (the load generator, and for the bare side its server too), the API process,
 * and PostgreSQL (every one of its processes on the machine).
 */
async function load(title, url, headers, method = 'GET', body) {
  const before = { self: process.cpuUsage(), api: processCpuMs(api.pid), bare: processCpuMs(baseline.pid), database: await backendCpuMs(pool) };
  const result = await new Promise((resolve, reject) => {
    autocannon({ title, url, headers: { ...headers, ...(body ? { 'content-type': 'application/json' } : {}) }, method, body, connections: CONNECTIONS, duration: DURATION }, (error, result) => (error ? reject(error) : resolve(result)));
  });
  const self = process.cpuUsage(before.self);
  const requests = Math.max(1, result.requests.total);
  result.cpu = { self: (self.user + self.system) / requests, api: ((processCpuMs(api.pid) - before.api) * 1000) / requests, bare: ((processCpuMs(baseline.pid) - before.bare) * 1000) / requests, database: (backendCpuMsSince(before.database, await backendCpuMs(pool)) * 1000) / requests };
  return result;
}

/** The seed, through the API as people would make it (actions straight into the table: only a live session or a round's last phase makes them). */
async function seed(base, pool) {
  const people = [];
  for (let p = 0; p < 6; p++) people.push(await json(`${base}/api/auth/register`, 'POST', { email: `p${p}@bench.example`, password: 'benchmark-password', displayName: `Person ${p}` }));
  const [facilitator, ...members] = people;
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Bench set', mode: 'blended', timeZone: 'Europe/London' }, facilitator.accessToken);
  for (const person of members) {
    const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: person.user.email, role: 'member' }, facilitator.accessToken);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, person.accessToken);
  }
  // Two more sets the members are in, so GET /api/sets lists three.
  for (let s = 0; s < 2; s++) {
    const other = await json(`${base}/api/sets`, 'POST', { name: `Other set ${s}`, mode: 'face-to-face', timeZone: 'Europe/London' }, members[0].accessToken);
    const invitation = await json(`${base}/api/sets/${other.id}/invitations`, 'POST', { email: members[1].user.email, role: 'member' }, members[0].accessToken);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, members[1].accessToken);
  }
  const start = new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10);
  await json(`${base}/api/sets/${set.id}/meetings`, 'POST', { startsAt: `${start}T09:30`, durationMinutes: 180, format: 'online', videoUrl: 'https://meet.example.org/bench', recurrence: 'FREQ=WEEKLY;COUNT=12' }, facilitator.accessToken);
  const [first] = await json(`${base}/api/sets/${set.id}/meetings`, 'GET', undefined, facilitator.accessToken);
  for (const person of members.slice(0, 4)) await json(`${base}/api/meetings/${first.id}/attendance`, 'PUT', { status: 'attending' }, person.accessToken).catch(() => undefined);
  for (const [i, person] of people.entries()) {
    for (let a = 0; a < 4; a++) {
      await pool.query(`INSERT INTO "actions" ("setId", "ownerId", "text", "dueAt", "status") VALUES ($1, $2, $3, $4, 'open')`, [set.id, person.user.id, `Action ${a} of person ${i}: speak to the team manager about the referral`, new Date(Date.now() + (a + 1) * 7 * 86_400_000).toISOString().slice(0, 10)]);
    }
  }
  const round = await json(`${base}/api/sets/${set.id}/rounds`, 'POST', { title: 'Bench case', caseText: 'A case for the benchmark: a family I have worked with for a year, and a decision I keep putting off.' }, facilitator.accessToken);
  for (const person of members.slice(0, 3)) await json(`${base}/api/rounds/${round.id}/contributions`, 'POST', { body: 'What have you already tried, and what happened?' }, person.accessToken);
  // The contributions go to a round of their own, so the round read stays the same size run after run.
  const written = await json(`${base}/api/sets/${set.id}/rounds`, 'POST', { title: 'Bench case written to', caseText: 'Another case: a review meeting that went badly.' }, members[4].accessToken);
  return { facilitator, members, set, round, written };
}

/** The bare baseline: Express and raw `pg`, the same statements as the API's work needs, no framework. */
function bareApp(pool) {
  const app = express();
  app.use(express.json({ limit: '100kb' }));
  // The session joined to its user, open and unexpired, and on a set's routes the caller's
  // membership of that set in the same statement, as the API reads them (the token's signature is
  // not checked here: its claims are read).
  const authenticate = async (request, response, setId) => {
    const header = request.headers.authorization ?? '';
    if (!header.startsWith('Bearer ')) return response.status(401).end(), null;
    const { sid, sub } = jwtClaims(header.slice(7));
    const { rows } = await pool.query(
      `SELECT s."id", s."lastSeenAt", u."id" AS "userId", u."displayName", u."email"${setId ? ', ms."role"' : ''} FROM "sessions" s JOIN "users" u ON u."id" = s."userId"${setId ? ' LEFT JOIN "set_memberships" ms ON ms."setId" = $4 AND ms."userId" = s."userId"' : ''}
        WHERE s."id" = $1 AND s."userId" = $2 AND s."revokedAt" IS NULL AND s."expiresAt" > $3`,
      setId ? [sid, sub, new Date(), setId] : [sid, sub, new Date()],
    );
    if (rows.length === 0) return response.status(401).end(), null;
    if (setId && !rows[0].role) return response.status(404).end(), null;
    return rows[0];
  };

  app.get('/sets', async (request, response) => {
    const user = await authenticate(request, response);
    if (!user) return;
    const { rows } = await pool.query(
      `SELECT s.*, ms."role", (SELECT count(*)::int FROM "set_memberships" c WHERE c."setId" = s."id") AS "memberCount" FROM "set_memberships" ms JOIN "sets" s ON s."id" = ms."setId" WHERE ms."userId" = $1 ORDER BY s."name"`,
      [user.userId],
    );
    response.json(rows);
  });
  app.get('/sets/:setId', async (request, response) => {
    const own = await authenticate(request, response, request.params.setId);
    if (!own) return;
    const set = await pool.query(`SELECT * FROM "sets" WHERE "id" = $1`, [request.params.setId]);
    const members = await pool.query(`SELECT ms."userId", ms."role", ms."createdAt", u."displayName", u."email" FROM "set_memberships" ms JOIN "users" u ON u."id" = ms."userId" WHERE ms."setId" = $1 ORDER BY ms."createdAt"`, [request.params.setId]);
    response.json({ ...set.rows[0], role: own.role, members: members.rows });
  });
  app.get('/sets/:setId/meetings', async (request, response) => {
    const user = await authenticate(request, response, request.params.setId);
    if (!user) return;
    const from = new Date(new Date().setUTCHours(0, 0, 0, 0));
    const to = new Date(from.getTime() + 366 * 86_400_000);
    const meetings = await pool.query(`SELECT m.*, ser."rule" AS "seriesRule" FROM "meetings" m LEFT JOIN "meeting_series" ser ON ser."id" = m."seriesId" WHERE m."setId" = $1 AND m."startsAt" BETWEEN $2 AND $3 ORDER BY m."startsAt"`, [request.params.setId, from, to]);
    const set = await pool.query(`SELECT s."quorum", ARRAY(SELECT ms."userId" FROM "set_memberships" ms WHERE ms."setId" = s."id" AND ms."role" = ANY($2)) AS "participants" FROM "sets" s WHERE s."id" = $1`, [request.params.setId, ['facilitator', 'member']]);
    const replies = await pool.query(`SELECT "meetingId", "userId", "status", "late" FROM "meeting_attendance" WHERE "meetingId" = ANY($1)`, [meetings.rows.map((m) => m.id)]);
    response.json(meetings.rows.map((m) => ({ ...m, quorum: set.rows[0].quorum, participants: set.rows[0].participants.length, replies: replies.rows.filter((r) => r.meetingId === m.id).length })));
  });
  const roundAccess = async (roundId, userId) => (await pool.query(`SELECT r."setId", ms."role" FROM "rounds" r JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = $2 WHERE r."id" = $1`, [roundId, userId])).rows[0];
  const ROUND = `SELECT r.*, s."name" AS "setName", u."displayName" AS "presenterName" FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" JOIN "users" u ON u."id" = r."presenterId" WHERE r."id" = $1`;
  const CONTRIBUTION = `SELECT c."id", c."phase", c."authorId", u."displayName" AS "authorName", c."body", c."via", c."kind", c."createdAt" FROM "round_contributions" c JOIN "users" u ON u."id" = c."authorId"`;
  app.get('/rounds/:roundId', async (request, response) => {
    const user = await authenticate(request, response);
    if (!user) return;
    const access = await roundAccess(request.params.roundId, user.userId);
    if (!access || access.role === 'sponsor') return response.status(404).end();
    const round = await pool.query(ROUND, [request.params.roundId]);
    const phases = await pool.query(`SELECT "name", "position", "endsAt", "openedAt", "closedAt" FROM "round_phases" WHERE "roundId" = $1 ORDER BY "position"`, [request.params.roundId]);
    const contributions = await pool.query(`${CONTRIBUTION} WHERE c."roundId" = $1 ORDER BY c."createdAt", c."id"`, [request.params.roundId]);
    const people = await pool.query(
      `SELECT u."id", u."displayName", ms."role", rp."id" AS "participantId" FROM "set_memberships" ms JOIN "users" u ON u."id" = ms."userId" LEFT JOIN "round_participants" rp ON rp."roundId" = $1 AND rp."userId" = ms."userId" WHERE ms."setId" = $2 AND ms."role" IN ('facilitator', 'member') ORDER BY ms."createdAt"`,
      [request.params.roundId, access.setId],
    );
    response.json({ ...round.rows[0], phases: phases.rows, contributions: contributions.rows, people: people.rows });
  });
  app.get('/me/actions', async (request, response) => {
    const user = await authenticate(request, response);
    if (!user) return;
    const { rows } = await pool.query(
      `SELECT a.*, s."name" AS "setName", u."displayName" AS "ownerName" FROM "actions" a JOIN "sets" s ON s."id" = a."setId" JOIN "users" u ON u."id" = a."ownerId"
         JOIN "set_memberships" ms ON ms."setId" = a."setId" AND ms."userId" = $1 AND ms."role" IN ('facilitator', 'member')
        WHERE a."ownerId" = $1 AND s."purgedAt" IS NULL AND (a."status" = 'open' OR (a."reportedVia" IN ('web', 'email') AND EXISTS (SELECT 1 FROM "meetings" rm WHERE rm."id" = a."reportedInMeetingId" AND rm."startsAt" > $2)))
        ORDER BY a."dueAt" ASC NULLS LAST, a."createdAt" ASC, a."id" ASC`,
      [user.userId, new Date()],
    );
    response.json(rows);
  });
  // A question in the round's current phase: under the round's row lock, the writer's membership
  // checked, the contribution and the participant's count written, whether the phase is done asked.
  app.post('/rounds/:roundId/contributions', async (request, response) => {
    const user = await authenticate(request, response);
    if (!user) return;
    const roundId = request.params.roundId;
    const access = await roundAccess(roundId, user.userId);
    if (!access || access.role === 'sponsor') return response.status(404).end();
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      await client.query(`SELECT "id" FROM "rounds" WHERE "id" = $1 FOR UPDATE`, [roundId]);
      const round = (await client.query(ROUND, [roundId])).rows[0];
      const own = (await client.query(`SELECT "role" FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2`, [round.setId, user.userId])).rows[0];
      if (!own || own.role === 'sponsor' || round.phase !== 'clarifying') {
        await client.query('ROLLBACK');
        return response.status(409).end();
      }
      const [{ id }] = (await client.query(`INSERT INTO "round_contributions" ("roundId", "phase", "authorId", "body", "via", "kind", "createdAt") VALUES ($1, $2, $3, $4, 'web', 'open', $5) RETURNING "id"`, [roundId, round.phase, user.userId, request.body.body, new Date()])).rows;
      await client.query(`INSERT INTO "round_participants" ("roundId", "userId", "contributions") VALUES ($1, $2, 1) ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO UPDATE SET "contributions" = "round_participants"."contributions" + 1`, [roundId, user.userId]);
      await client.query(
        `SELECT count(*)::int AS "missing" FROM "set_memberships" ms WHERE ms."setId" = $1 AND ms."role" IN ('facilitator', 'member') AND (ms."userId" = $3) = false
           AND NOT EXISTS (SELECT 1 FROM "round_contributions" c WHERE c."roundId" = $2 AND c."phase" = $4 AND c."authorId" = ms."userId")`,
        [round.setId, roundId, round.presenterId, round.phase],
      );
      const contribution = (await client.query(`${CONTRIBUTION} WHERE c."id" = $1`, [id])).rows[0];
      await client.query('COMMIT');
      response.status(201).json(contribution);
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      response.status(500).json({ error: String(error) });
    } finally {
      client.release();
    }
  });
  return app;
}

// The bare baseline runs in a process of its own, as the API does (in this process, beside the load
// generator, its socket writes to the load generator would cost it less than a server's do).
if (process.env.BENCH_BARE_DATABASE_URL) {
  const pool = new pg.Pool({ connectionString: process.env.BENCH_BARE_DATABASE_URL, max: 10 });
  const server = bareApp(pool).listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
  process.once('SIGTERM', () => server.close(() => pool.end().then(() => process.exit(0))));
  await new Promise(() => undefined);
}

/** Starts the bare baseline in a child process: its URL, pid and a way to stop it. */
async function startBare(databaseUrl) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url)], { env: { ...process.env, BENCH_BARE_DATABASE_URL: databaseUrl }, stdio: ['ignore', 'pipe', 'inherit'] });
  const url = await new Promise((resolve, reject) => {
    child.stdout.once('data', (chunk) => resolve(String(chunk).trim()));
    child.once('exit', () => reject(new Error('the bare baseline exited during start-up')));
  });
  return { url, pid: child.pid, stop: () => new Promise((r) => (child.exitCode !== null ? r() : (child.once('exit', r), child.kill('SIGTERM')))) };
}

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-'));
const database = await throwawayDatabase();
const port = await freePort();
const pgPort = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = {
  ...process.env,
  PORT: String(port),
  DATA_DIR: dataDir,
  EMBEDDED_PG_PORT: String(pgPort),
  PUBLIC_URL: base,
  AUTH_RATE_LIMIT: '0',
  JOBS_ENABLED: 'false',
  JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123',
  ...(process.env.BENCH_LOG_LEVEL ? { LOG_LEVEL: process.env.BENCH_LOG_LEVEL } : {}),
  ...(database ? { DATABASE_URL: database.url } : {}),
};
if (CPU_PROF) mkdirSync(CPU_PROF, { recursive: true });
const api = spawn(process.execPath, [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), API_MAIN], { env, stdio: ['ignore', 'ignore', 'inherit'] });
let baseline;
let pool;
try {
  await waitForHealth(base, api);
  pool = new pg.Pool({ connectionString: database?.url ?? `postgres://postgres:postgres@127.0.0.1:${pgPort}/action_learning`, max: 10 });
  const { facilitator, members, set, round, written } = await seed(base, pool);
  baseline = await startBare(database?.url ?? `postgres://postgres:postgres@127.0.0.1:${pgPort}/action_learning`);
  const bare = baseline.url;
  const writer = members[0];
  const question = JSON.stringify({ body: 'What would it look like if this went well for the family?' });
  const routes = [
    { name: 'sets', title: 'GET /api/sets', path: '/sets', token: members[1].accessToken },
    { name: 'set', title: 'GET /api/sets/:setId', path: `/sets/${set.id}`, token: facilitator.accessToken },
    { name: 'meetings', title: 'GET /api/sets/:setId/meetings', path: `/sets/${set.id}/meetings`, token: members[2].accessToken },
    { name: 'round', title: 'GET /api/rounds/:roundId', path: `/rounds/${round.id}`, token: members[3].accessToken },
    { name: 'actions', title: 'GET /api/me/actions', path: '/me/actions', token: members[2].accessToken },
    { name: 'contribute', title: 'POST /api/rounds/:roundId/contributions', path: `/rounds/${written.id}/contributions`, token: writer.accessToken, method: 'POST', body: question },
  ].filter((r) => !ONLY || ONLY.has(r.name));

  const results = new Map(routes.map((r) => [r.name, []]));
  for (let run = 1; run <= RUNS; run++) {
    for (const route of routes) {
      const headers = { authorization: `Bearer ${route.token}` };
      // A warm-up of each side, then the measured runs back to back.
      await load('warm-up', `${bare}${route.path}`, headers, route.method, route.body);
      await load('warm-up', `${base}/api${route.path}`, headers, route.method, route.body);
      const b = await load(`bare ${route.title}`, `${bare}${route.path}`, headers, route.method, route.body);
      const o = await load(`API ${route.title}`, `${base}/api${route.path}`, headers, route.method, route.body);
      results.get(route.name).push({ bare: b, api: o });
    }
    console.log(`\nRun ${run} of ${RUNS}: ${CONNECTIONS} connections, ${DURATION} s per route and side, same machine, same database (LOG_LEVEL ${process.env.BENCH_LOG_LEVEL ?? 'info'})`);
    console.log(`${'route'.padEnd(40)} ${'side'.padEnd(5)} ${'req/s'.padStart(7)} ${'p50'.padStart(5)} ${'p97.5'.padStart(6)}  errors  ratio (API/bare): req/s  p97.5`);
    for (const route of routes) {
      const { bare: b, api: o } = results.get(route.name).at(-1);
      const line = (side, r) => `${route.title.padEnd(40)} ${side.padEnd(5)} ${String(Math.round(r.requests.average)).padStart(7)} ${String(r.latency.p50).padStart(5)} ${String(r.latency.p97_5).padStart(6)}  ${String(r.errors + r.non2xx).padStart(6)}`;
      console.log(line('bare', b));
      console.log(`${line('API', o)}  ${(o.requests.average / b.requests.average).toFixed(2).padStart(20)}  ${(o.latency.p97_5 / Math.max(b.latency.p97_5, 1)).toFixed(2).padStart(5)}`);
    }
    console.log(`\nCPU per request, µs (user + system, 10 ms ticks; PostgreSQL is its backends serving the benchmark's database):`);
    console.log(`${'route'.padEnd(40)} ${'bare'.padStart(6)} ${'API'.padStart(6)} ${'ratio'.padStart(6)} ${'PG (bare)'.padStart(10)} ${'PG (API)'.padStart(9)}`);
    for (const route of routes) {
      const { bare: b, api: o } = results.get(route.name).at(-1);
      const cell = (v, w) => String(Math.round(v)).padStart(w);
      console.log(`${route.title.padEnd(40)} ${cell(b.cpu.bare, 6)} ${cell(o.cpu.api, 6)} ${(o.cpu.api / b.cpu.bare).toFixed(2).padStart(6)} ${cell(b.cpu.database, 10)} ${cell(o.cpu.database, 9)}`);
    }
  }
  if (RUNS > 1) {
    console.log(`\nSpread over ${RUNS} runs (min–max): req/s bare, req/s API, throughput ratio, p97.5 ratio`);
    for (const route of routes) {
      const rs = results.get(route.name);
      console.log(
        `${route.title.padEnd(40)} ${spread(rs.map((r) => r.bare.requests.average), 0).padStart(11)} ${spread(rs.map((r) => r.api.requests.average), 0).padStart(11)} ${spread(rs.map((r) => r.api.requests.average / r.bare.requests.average)).padStart(11)} ${spread(rs.map((r) => r.api.latency.p97_5 / Math.max(r.bare.latency.p97_5, 1))).padStart(11)}`,
      );
    }
  }
} finally {
  await baseline?.stop();
  await pool?.end();
  api.kill('SIGTERM');
  await new Promise((r) => (api.exitCode === null ? api.once('exit', r) : r()));
  await database?.drop().catch((error) => console.error(`could not drop the bench database: ${error}`));
  rmSync(dataDir, { recursive: true, force: true });
}
if (CPU_PROF) {
  const file = readdirSync(CPU_PROF).filter((f) => f.endsWith('.cpuprofile')).sort().at(-1);
  const summary = summariseCpuProfile(JSON.parse(readFileSync(join(CPU_PROF, file), 'utf8')));
  console.log(`\nCPU profile of the API (${join(CPU_PROF, file)}, ${summary.samples} busy samples, start-up and seeding included; idle ${(summary.idle * 100).toFixed(0)} % of all)`);
  console.log('By place (self time, share of busy samples):');
  for (const p of summary.places) console.log(`  ${(p.share * 100).toFixed(1).padStart(5)} %  ${p.what}`);
  console.log('By function (self time):');
  for (const f of summary.functions) console.log(`  ${(f.share * 100).toFixed(1).padStart(5)} %  ${f.what}`);
}
