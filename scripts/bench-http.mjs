// HTTP benchmark: the API's authenticated set page against a bare Express handler that runs the
// same two queries with raw `pg`, measured in the same run on the same database.
// Prints requests/s and latency percentiles of each, and the ratio. Usage: npm run bench
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import autocannon from 'autocannon';
import express from 'express';
import pg from 'pg';
import { freePort, json } from './bench-support.mjs';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 20);

async function waitForHealth(url, child) {
  for (let i = 0; i < 180; i++) {
    if (child.exitCode !== null) throw new Error('the API exited during start-up');
    try {
      const response = await fetch(`${url}/api/health`);
      if (response.ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error('the API did not become healthy');
}


function run(title, url, headers) {
  return new Promise((resolve, reject) => {
    autocannon({ title, url, headers, connections: CONNECTIONS, duration: DURATION }, (error, result) => (error ? reject(error) : resolve(result)));
  });
}

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-'));
const port = await freePort();
const pgPort = await freePort();
const base = `http://127.0.0.1:${port}`;
const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, EMBEDDED_PG_PORT: String(pgPort), PUBLIC_URL: base, LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0' };
const api = spawn(process.execPath, ['apps/api/dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
let baseline;
try {
  await waitForHealth(base, api);
  const { accessToken, user } = await json(`${base}/api/auth/register`, 'POST', { email: 'bench@example.org', password: 'benchmark-password', displayName: 'Bench' });
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Bench set', mode: 'virtual', timeZone: 'Europe/London' }, accessToken);

  // Baseline: the same reads (membership check, set, members) with raw pg behind bare Express, no auth.
  const databaseUrl = process.env.DATABASE_URL ?? `postgres://postgres:postgres@127.0.0.1:${pgPort}/action_learning`;
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
  const app = express();
  app.get('/sets/:setId', async (request, response) => {
    const membership = await pool.query('SELECT * FROM set_memberships WHERE "setId" = $1 AND "userId" = $2', [request.params.setId, user.id]);
    if (membership.rowCount === 0) return response.status(404).end();
    const setRow = await pool.query('SELECT * FROM sets WHERE id = $1', [request.params.setId]);
    const members = await pool.query('SELECT m.*, u."displayName" FROM set_memberships m JOIN users u ON u.id = m."userId" WHERE m."setId" = $1', [request.params.setId]);
    response.json({ ...setRow.rows[0], members: members.rows });
  });
  const basePort = await freePort();
  baseline = { server: app.listen(basePort, '127.0.0.1'), pool };

  const bare = await run('bare express + pg', `http://127.0.0.1:${basePort}/sets/${set.id}`, {});
  const ours = await run('API GET /api/sets/:setId', `${base}/api/sets/${set.id}`, { authorization: `Bearer ${accessToken}` });
  const row = (r) => `${r.title.padEnd(28)} ${String(Math.round(r.requests.average)).padStart(7)} req/s   p50 ${String(r.latency.p50).padStart(4)} ms   p97.5 ${String(r.latency.p97_5).padStart(4)} ms   errors ${r.errors + r.non2xx}`;
  console.log(`\n${CONNECTIONS} connections, ${DURATION} s each, same machine, same database`);
  console.log(row(bare));
  console.log(row(ours));
  console.log(`ratio (API / bare): throughput ${(ours.requests.average / bare.requests.average).toFixed(2)}, p97.5 latency ${(ours.latency.p97_5 / Math.max(bare.latency.p97_5, 1)).toFixed(2)}`);
} finally {
  if (baseline) {
    baseline.server.close();
    await baseline.pool.end();
  }
  api.kill('SIGTERM');
  await new Promise((r) => api.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
