// The live benchmark's baselines as a process of their own, as the API is one: a bare socket.io
// server doing the room broadcast of a command, and (with DATABASE_URL) inserting each command
// into PostgreSQL with raw pg before it broadcasts and acknowledges. Prints its address and runs
// until killed. Usage: node scripts/bench-live-bare.mjs [DATABASE_URL]
import { createServer } from 'node:http';
import pg from 'pg';
import { Server } from 'socket.io';

const databaseUrl = process.argv[2];
const pool = databaseUrl ? new pg.Pool({ connectionString: databaseUrl, max: 10 }) : null;
if (pool) await pool.query('CREATE TABLE IF NOT EXISTS bench_events (room text, seq serial, payload jsonb, PRIMARY KEY (room, seq))');
const http = createServer();
const server = new Server(http, { transports: ['websocket'] });
server.on('connection', (socket) => {
  socket.on('join', (room, ack) => {
    socket.join(room);
    ack({ ok: true });
  });
  socket.on('cmd', async ({ room, payload }, ack) => {
    if (pool) await pool.query('INSERT INTO bench_events (room, payload) VALUES ($1, $2)', [room, JSON.stringify(payload)]);
    server.to(room).emit('evt', { room, payload, at: new Date().toISOString() });
    ack({ ok: true });
  });
});
http.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${http.address().port}`));
process.on('SIGTERM', () => server.close(() => void pool?.end().finally(() => process.exit(0))));
