// Scale-out without Docker: CLUSTER_SIZE API processes (default 2) on one PostgreSQL (DATABASE_URL,
// or the embedded one under DATA_DIR/pg, started once here) sharing live sessions through
// REDIS_URL (required), behind a small round-robin proxy on PORT (default 3000) that also passes
// WebSocket upgrades. The processes listen on PORT+1 … PORT+N; only the first opens the SMTP
// receiver (INBOUND_SMTP_PORT). Ctrl-C or SIGTERM drains and stops them all.
// Usage: REDIS_URL=redis://127.0.0.1:6379 npm run start:cluster
import { spawn } from 'node:child_process';
import { createServer, request } from 'node:http';
import { createRequire } from 'node:module';
import { connect } from 'node:net';
import { resolve } from 'node:path';

const require = createRequire(import.meta.url);
const size = Number(process.env.CLUSTER_SIZE ?? 2);
const port = Number(process.env.PORT ?? 3000);
const dataDir = resolve(process.env.DATA_DIR ?? '.data');
if (!process.env.REDIS_URL) {
  process.stderr.write('start:cluster needs REDIS_URL (redis://host:6379): live sessions meet across the processes through it.\n');
  process.exit(1);
}
if (!Number.isInteger(size) || size < 1 || size > 16) {
  process.stderr.write('CLUSTER_SIZE must be a whole number from 1 to 16.\n');
  process.exit(1);
}

let database;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const { startEmbeddedPostgres, stopEmbeddedPostgresOnSignalsOurselves } = require('../apps/api/dist/database/embedded-postgres.js');
  stopEmbeddedPostgresOnSignalsOurselves(); // stop() below stops it, after the API processes have drained
  database = await startEmbeddedPostgres({ dataDir, port: Number(process.env.EMBEDDED_PG_PORT ?? 54329), database: 'action_learning' }).catch((error) => {
    process.stderr.write(`${error.message}\n`); // one line that says what to do (port taken, data in use, …)
    process.exit(1);
  });
  databaseUrl = database.url;
}

const children = [];
for (let i = 0; i < size; i++) {
  const env = { ...process.env, PORT: String(port + 1 + i), DATABASE_URL: databaseUrl, DATA_DIR: dataDir, PUBLIC_URL: process.env.PUBLIC_URL ?? `http://localhost:${port}` };
  if (i > 0) delete env.INBOUND_SMTP_PORT;
  const child = spawn(process.execPath, ['apps/api/dist/main.js'], { env, stdio: ['ignore', 'inherit', 'inherit'] });
  child.on('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`API process ${i + 1} (port ${port + 1 + i}) exited (${signal ?? code}).\n`);
  });
  children.push(child);
}

const upstreams = children.map((_, i) => port + 1 + i);
let next = 0;
/** The next upstream whose process is still running. */
function pick() {
  for (let tries = 0; tries < upstreams.length; tries++) {
    const i = next++ % upstreams.length;
    if (children[i].exitCode === null && children[i].signalCode === null) return upstreams[i];
  }
  return null;
}

const proxy = createServer((req, res) => {
  const target = pick();
  if (!target) return void res.writeHead(503).end('No API process is running.\n');
  const upstream = request({ host: '127.0.0.1', port: target, method: req.method, path: req.url, headers: { ...req.headers, 'x-forwarded-for': req.socket.remoteAddress } }, (answer) => {
    res.writeHead(answer.statusCode ?? 502, answer.headers);
    answer.pipe(res);
  });
  upstream.on('error', () => res.headersSent || res.writeHead(502).end('The API process did not answer.\n'));
  req.pipe(upstream);
});
// WebSocket upgrades go through as raw TCP once the request line and headers are replayed.
proxy.on('upgrade', (req, socket, head) => {
  const target = pick();
  if (!target) return socket.destroy();
  const upstream = connect(target, '127.0.0.1', () => {
    const headers = Object.entries(req.headers).map(([k, v]) => `${k}: ${v}`).join('\r\n');
    upstream.write(`${req.method} ${req.url} HTTP/1.1\r\n${headers}\r\n\r\n`);
    if (head.length) upstream.write(head);
    upstream.pipe(socket);
    socket.pipe(upstream);
  });
  upstream.on('error', () => socket.destroy());
  socket.on('error', () => upstream.destroy());
});
proxy.listen(port, () => process.stderr.write(`Cluster of ${size} API processes on ports ${upstreams.join(', ')}, behind http://localhost:${port}\n`));

let stopping = false;
async function stop(signal) {
  if (stopping) return;
  stopping = true;
  process.stderr.write(`${signal}: draining the API processes\n`);
  proxy.close();
  await Promise.all(children.map((c) => (c.exitCode === null ? new Promise((r) => (c.once('exit', r), c.kill('SIGTERM'))) : null)));
  await database?.stop().catch(() => undefined);
  process.exit(0);
}
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
