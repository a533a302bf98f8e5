// Mail benchmark. Inbound: REPLIES replies to one round, then as many spread over SPREAD_ROUNDS
// rounds, sent over SMTP into the built-in receiver (each parsed, checked, stripped and stored before
// the receiver answers 250), with CONCURRENCY connections: stored replies per second and the time per reply from the end of DATA to the 250
// (which the receiver gives only once the contribution is stored); beside a bare smtp-server that
// accepts and discards the same messages in the same run, and beside the same server parsing each message (mailparser and
// email-reply-parser, as the platform must before its 250) and storing nothing, and beside it again storing each reply's
// text with one INSERT (raw pg, committed before the 250; nothing checked, no confirmation). Outbound: NOTIFICATIONS phase e-mails
// (rounds opened for a set) through the outbox to a local SMTP sink, beside nodemailer sending the
// same number of messages straight to the sink. Usage: npm run bench:mail (BENCH_CPU_PROF=<dir>: the API
// runs under `node --cpu-prof`, its profile written there; DATABASE_URL: a server for a throwaway database)
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import nodemailer from 'nodemailer';
import pg from 'pg';
import { SMTPServer } from 'smtp-server';
import EmailReplyParser from 'email-reply-parser';
import { simpleParser } from 'mailparser';
import { freePort, json, throwawayDatabase } from './bench-support.mjs';

const require = createRequire(import.meta.url);
// The parser's options as the platform sets them (apps/api/src/inbound/inbound-mail.service.ts).
const { PARSE_OPTIONS } = require('../apps/api/dist/inbound/parse-options.js');
const REPLIES = Number(process.env.BENCH_REPLIES ?? 1000);
const NOTIFICATIONS = Number(process.env.BENCH_NOTIFICATIONS ?? 1000);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
const CPU_PROF = process.env.BENCH_CPU_PROF ? resolve(process.env.BENCH_CPU_PROF) : null;
const SPREAD_ROUNDS = Number(process.env.BENCH_SPREAD_ROUNDS ?? 100);
const MEMBERS = 20;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const percentile = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
const summary = (samples) => {
  const sorted = [...samples].sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p95: percentile(sorted, 95), p99: percentile(sorted, 99) };
};
const fmt = (x) => x.toFixed(1);

/** Waits until count() has not changed for a second (the outbox has sent what was queued). */
async function settled(count) {
  let last = -1;
  while (count() !== last) {
    last = count();
    await sleep(1000);
  }
}

function reply(i, from, to) {
  return [
    `From: ${from}`,
    `To: ${to}`,
    `Subject: Re: Bench case (Bench round)`,
    `Message-ID: <bench-${i}-${Date.now()}@client.example>`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=utf-8',
    '',
    `What would it look like if this went well, question ${i}?`,
    '',
    `On Tue, 24 Nov 2026 at 09:12, Action Learning <no-reply@bench.test> wrote:`,
    '> Clarifying questions in the round "Bench case" of Bench, until Thursday.',
    '> Reply to this e-mail to add yours.',
    '',
  ].join('\r\n');
}

/** Sends `messages` ({ from, to, raw }) over CONCURRENCY pooled connections; answers per-message times (ms) and the rate. */
async function blast(port, messages) {
  const transport = nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, pool: true, maxConnections: CONCURRENCY, maxMessages: Infinity });
  const times = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < messages.length) {
        const m = messages[next++];
        const t0 = performance.now();
        await transport.sendMail({ envelope: { from: m.from, to: [m.to] }, raw: m.raw });
        times.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  transport.close();
  return { times, rate: messages.length / seconds, seconds };
}

/** A baseline SMTP server: `handle(raw)` (a promise) runs on each message before its 250, which a rejection turns into an error; without it, the message is discarded. */
function baselineServer(handle) {
  return new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData: (stream, _s, cb) => {
      const chunks = [];
      stream.on('data', (c) => handle && chunks.push(c)).on('end', () => (handle ? handle(Buffer.concat(chunks)).then(() => cb(null), cb) : cb()));
    },
  });
}

/** A reply's Message-ID and visible text, parsed as the platform parses it (mailparser, then email-reply-parser); rejects when there is no text. */
async function visibleReply(raw) {
  const parsed = await simpleParser(raw, PARSE_OPTIONS);
  const text = new EmailReplyParser().read((parsed.text ?? '').replace(/\r\n/g, '\n')).getVisibleText().trim();
  if (!text) throw new Error('no text');
  return { messageId: parsed.messageId, text };
}

/** Listens on 127.0.0.1:port. A client's connection reset (the load's pool closed, the API stopped) is not the benchmark's failure; anything else is printed. */
async function listen(server, port) {
  server.on('error', (error) => {
    if (error.code !== 'ECONNRESET' && error.code !== 'EPIPE') console.error('SMTP server error:', error);
  });
  await new Promise((r) => server.listen(port, '127.0.0.1', r));
}

const dataDir = mkdtempSync(join(tmpdir(), 'als-bench-mail-'));
let database;
let storePool;
let api;
let sink;
try {
  let received = 0;
  sink = new SMTPServer({ authOptional: true, disabledCommands: ['AUTH', 'STARTTLS'], logger: false, onData: (stream, _s, cb) => stream.on('data', () => undefined).on('end', () => { received++; cb(); }) });
  const sinkPort = await freePort();
  await listen(sink, sinkPort);

  // DATABASE_URL names a server: the benchmark makes a throwaway database on it (dropped at the end).
  const throwaway = await throwawayDatabase();
  let databaseUrl = throwaway?.url;
  if (throwaway) database = { stop: () => throwaway.drop() };
  if (!databaseUrl) {
    const { startEmbeddedPostgres } = require('../apps/api/dist/database/embedded-postgres.js');
    database = await startEmbeddedPostgres({ dataDir, port: await freePort(), database: 'bench' });
    databaseUrl = database.url;
  }
  const port = await freePort();
  const inboundPort = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const env = { ...process.env, PORT: String(port), DATA_DIR: dataDir, DATABASE_URL: databaseUrl, PUBLIC_URL: base, MAIL_DOMAIN: 'bench.test', SMTP_URL: `smtp://127.0.0.1:${sinkPort}`, INBOUND_SMTP_PORT: String(inboundPort), LOG_LEVEL: 'warn', AUTH_RATE_LIMIT: '0', JOBS_ENABLED: 'false', JWT_SECRET: 'bench-secret-bench-secret-bench-secret-0123' };
  api = spawn(process.execPath, [...(CPU_PROF ? ['--cpu-prof', `--cpu-prof-dir=${CPU_PROF}`] : []), 'apps/api/dist/main.js'], { env, stdio: ['ignore', 'ignore', 'inherit'] });
  for (let i = 0; ; i++) {
    if (api.exitCode !== null || i > 240) throw new Error('the API did not start');
    try {
      if ((await fetch(`${base}/api/health`)).ok) break;
    } catch {}
    await sleep(250);
  }

  // A set: a presenter, MEMBERS members who reply, and one who never does (so the phase stays open).
  const people = [];
  for (let p = 0; p < MEMBERS + 2; p++) people.push(await json(`${base}/api/auth/register`, 'POST', { email: `p${p}@bench.example`, password: 'benchmark-password', displayName: `Person ${p}` }));
  const [presenter, ...others] = people;
  const set = await json(`${base}/api/sets`, 'POST', { name: 'Bench', mode: 'async', timeZone: 'Europe/London' }, presenter.accessToken);
  for (const person of others) {
    const invitation = await json(`${base}/api/sets/${set.id}/invitations`, 'POST', { email: person.user.email, role: 'member' }, presenter.accessToken);
    await json(`${base}/api/invitations/${invitation.token}/accept`, 'POST', { acceptGroundRules: true }, person.accessToken);
  }
  const round = await json(`${base}/api/sets/${set.id}/rounds`, 'POST', { title: 'Bench case', caseText: 'A case for the benchmark.' }, presenter.accessToken);
  const writers = others.slice(0, MEMBERS);
  const addresses = await Promise.all(writers.map(async (w) => (await json(`${base}/api/rounds/${round.id}`, 'GET', undefined, w.accessToken)).replyAddress));
  const messages = (n) => Array.from({ length: n }, (_, i) => ({ from: writers[i % MEMBERS].user.email, to: addresses[i % MEMBERS], raw: reply(i, writers[i % MEMBERS].user.email, addresses[i % MEMBERS]) }));

  // Baseline: a bare smtp-server that accepts and discards, run just before the platform on the same messages.
  const bare = baselineServer(null);
  const barePort = await freePort();
  await listen(bare, barePort);
  // A second baseline: the same server parsing each message as the platform must before its 250 (mailparser, then the reply's
  // visible text by email-reply-parser), storing nothing. What the platform spends above this line is the checks and storage.
  const parsing = baselineServer(visibleReply);
  const parsingPort = await freePort();
  await listen(parsing, parsingPort);
  // A third: parsing as above, then each reply's text stored with raw pg (one INSERT, committed, per message) before the 250,
  // nothing checked and no confirmation: the least any server that stores before its 250 must do, on the same PostgreSQL.
  storePool = new pg.Pool({ connectionString: databaseUrl, max: CONCURRENCY });
  storePool.on('error', (error) => console.error('bench pool:', error.message)); // an idle client's connection ended by the server
  await storePool.query('CREATE TABLE "bench_bare_replies" ("id" uuid PRIMARY KEY DEFAULT gen_random_uuid(), "messageId" varchar(300) NOT NULL, "body" text NOT NULL, "createdAt" timestamptz NOT NULL DEFAULT now())');
  const storing = baselineServer(async (raw) => {
    const { messageId, text } = await visibleReply(raw);
    await storePool.query({ name: 'bare-reply', text: 'INSERT INTO "bench_bare_replies" ("messageId", "body") VALUES ($1, $2)', values: [messageId, text] });
  });
  const storingPort = await freePort();
  await listen(storing, storingPort);
  await blast(parsingPort, messages(100)); // warm-up
  await blast(barePort, messages(100)); // warm-up
  await blast(storingPort, messages(100)); // warm-up
  await blast(inboundPort, messages(50)); // warm-up (stored too)
  const header = '                          msgs/s    p50 ms   p95 ms   p99 ms';
  const line = (label, run) => {
    const q = summary(run.times);
    return `${label.padEnd(26)} ${fmt(run.rate).padStart(7)}  ${fmt(q.p50).padStart(7)}  ${fmt(q.p95).padStart(7)}  ${fmt(q.p99).padStart(7)}`;
  };
  const against = (bare, parsed, stored, ours) =>
    `against bare + parse: throughput ${(ours.rate / parsed.rate).toFixed(2)}x; against bare + parse + INSERT: ${(ours.rate / stored.rate).toFixed(2)}x; bare + parse against bare: ${(parsed.rate / bare.rate).toFixed(2)}x; bare + parse + INSERT against bare: ${(stored.rate / bare.rate).toFixed(2)}x`;
  const compare = (baseline, ours) => `ratio: throughput ${(ours.rate / baseline.rate).toFixed(2)}x the bare server's (${fmt(baseline.rate / ours.rate)}x lower), p95 ${fmt(summary(ours.times).p95 / summary(baseline.times).p95)}x`;

  const baseline = await blast(barePort, messages(REPLIES));
  const parsed = await blast(parsingPort, messages(REPLIES));
  const bareStored = await blast(storingPort, messages(REPLIES));
  const ours = await blast(inboundPort, messages(REPLIES));
  const stored = (await json(`${base}/api/rounds/${round.id}`, 'GET', undefined, presenter.accessToken)).contributions.length;
  console.log(`\nInbound, one round: ${REPLIES} replies over SMTP, ${CONCURRENCY} connections (${stored} contributions stored in all, warm-up included)`);
  console.log(header);
  console.log(line('bare smtp-server (discard)', baseline));
  console.log(line('bare + parse (no storage)', parsed));
  console.log(line('bare + parse + INSERT', bareStored));
  console.log(line('platform (parse+store)', ours));
  console.log(compare(baseline, ours));
  console.log(against(baseline, parsed, bareStored, ours));

  // The same number of replies spread over SPREAD_ROUNDS rounds (each reply still takes its round's lock).
  const spreadRounds = [];
  for (let r = 0; r < SPREAD_ROUNDS; r++) spreadRounds.push(await json(`${base}/api/sets/${set.id}/rounds`, 'POST', { title: `Spread ${r}`, caseText: 'A case for the benchmark.' }, presenter.accessToken));
  // Their phase e-mails go out first, so that the outbox is not sending while replies are measured.
  await settled(() => received);
  const perRoundWriters = Math.min(MEMBERS, Math.ceil(REPLIES / SPREAD_ROUNDS));
  const spreadAddresses = [];
  for (const r of spreadRounds) {
    spreadAddresses.push(await Promise.all(writers.slice(0, perRoundWriters).map(async (w) => (await json(`${base}/api/rounds/${r.id}`, 'GET', undefined, w.accessToken)).replyAddress)));
  }
  const spreadMessages = Array.from({ length: REPLIES }, (_, i) => {
    const r = i % SPREAD_ROUNDS;
    const w = Math.floor(i / SPREAD_ROUNDS) % perRoundWriters;
    return { from: writers[w].user.email, to: spreadAddresses[r][w], raw: reply(i, writers[w].user.email, spreadAddresses[r][w]) };
  });
  const spreadBaseline = await blast(barePort, spreadMessages);
  const spreadParsed = await blast(parsingPort, spreadMessages);
  const spreadBareStored = await blast(storingPort, spreadMessages);
  const spreadOurs = await blast(inboundPort, spreadMessages);
  let spreadStored = 0;
  for (const r of spreadRounds) spreadStored += (await json(`${base}/api/rounds/${r.id}`, 'GET', undefined, presenter.accessToken)).contributions.length;
  await new Promise((r) => bare.close(r));
  await new Promise((r) => parsing.close(r));
  await new Promise((r) => storing.close(r));
  await storePool.end();
  storePool = null;
  console.log(`\nInbound, ${SPREAD_ROUNDS} rounds: ${REPLIES} replies over SMTP spread over them, ${CONCURRENCY} connections (${spreadStored} contributions stored)`);
  console.log(header);
  console.log(line('bare smtp-server (discard)', spreadBaseline));
  console.log(line('bare + parse (no storage)', spreadParsed));
  console.log(line('bare + parse + INSERT', spreadBareStored));
  console.log(line('platform (parse+store)', spreadOurs));
  console.log(compare(spreadBaseline, spreadOurs));
  console.log(against(spreadBaseline, spreadParsed, spreadBareStored, spreadOurs));
  if (spreadStored !== REPLIES) throw new Error(`${spreadStored} of ${REPLIES} spread replies were stored`);

  // Outbound: rounds opened for the set, each e-mailing every member but its presenter.
  const perRound = others.length;
  const rounds = Math.ceil(NOTIFICATIONS / perRound);
  const before = received;
  const t0 = performance.now();
  for (let r = 0; r < rounds; r++) await json(`${base}/api/sets/${set.id}/rounds`, 'POST', { title: `Outbound ${r}`, caseText: 'A case.' }, presenter.accessToken);
  const expected = rounds * perRound;
  while (received - before < expected) {
    if (performance.now() - t0 > 300_000) throw new Error(`only ${received - before} of ${expected} e-mails arrived`);
    await sleep(20);
  }
  const outboxSeconds = (performance.now() - t0) / 1000;
  const direct = nodemailer.createTransport({ host: '127.0.0.1', port: sinkPort, secure: false, ignoreTLS: true, pool: true });
  const t1 = performance.now();
  for (let i = 0; i < expected; i++) await direct.sendMail({ from: 'bench@bench.test', to: 'p1@bench.example', subject: 'Bench case (Bench round)', text: 'A case for the benchmark.\n'.repeat(10), html: '<p>A case for the benchmark.</p>' });
  const directSeconds = (performance.now() - t1) / 1000;
  direct.close();
  console.log(`\nOutbound: ${expected} phase e-mails (${rounds} rounds opened × ${perRound} members) through the outbox to a local SMTP sink`);
  console.log(`nodemailer straight to the sink (pooled, one at a time): ${fmt(expected / directSeconds)} msgs/s`);
  console.log(`platform (rounds opened, outbox drained): ${fmt(expected / outboxSeconds)} msgs/s, all delivered in ${fmt(outboxSeconds)} s`);
  console.log(`ratio: ${fmt(directSeconds > 0 ? outboxSeconds / directSeconds : 0)}x the time of direct sending`);
} finally {
  api?.kill('SIGTERM');
  await new Promise((r) => (api && api.exitCode === null ? api.once('exit', r) : r()));
  if (sink) await new Promise((r) => sink.close(r));
  await storePool?.end();
  await database?.stop().catch(() => undefined);
  rmSync(dataDir, { recursive: true, force: true });
}
