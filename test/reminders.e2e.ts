import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { ApiProcess, freePort, startApi } from './support/api-process';
import { call } from './support/call';

/** The embedded PostgreSQL's credentials (apps/api/src/database/embedded-postgres.ts) and the database `npm start` uses. */
const JWT_SECRET = 'two-processes-share-one-secret-0123456789abcdef';
const dbUrl = (port: string) => `postgres://postgres:postgres@127.0.0.1:${port}/action_learning`;

/** Subjects of the reminders each person got, from every process's mail folder (a restarted process keeps its folder, read once). */
function reminders(apis: ApiProcess[], email: string): string[] {
  return [...new Set(apis.map((api) => api.dataDir))].flatMap((dataDir) => {
    const dir = join(dataDir, 'mail');
    let files: string[] = [];
    try {
      files = readdirSync(dir).filter((f) => f.endsWith('.eml'));
    } catch {
      return [];
    }
    return files.map((f) => readFileSync(join(dir, f), 'utf8')).filter((m) => m.includes(`To: ${email}`) && /^Subject: Reminder:/m.test(m)).map((m) => /^Subject: (.*)$/m.exec(m)![1]);
  });
}

async function until(check: () => Promise<boolean> | boolean, what: string, ms = 60_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`Timed out waiting for ${what}`);
}

describe('reminders with two API processes on one database (real processes, pg-boss jobs)', () => {
  const apis: ApiProcess[] = [];
  let db: Client;
  let boss: PgBoss;
  afterAll(async () => {
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await db?.end().catch(() => undefined);
    for (const api of apis.reverse()) await api.stop();
  });

  it('sends a due reminder exactly once, whichever process runs the job, also after one of them crashes and restarts', async () => {
    const pgPort = String(await freePort());
    const first = await startApi({ env: { EMBEDDED_PG_PORT: pgPort, JWT_SECRET } });
    apis.push(first);
    let second = await startApi({ env: { DATABASE_URL: dbUrl(pgPort), JWT_SECRET } });
    apis.push(second);

    // A set with a member and a meeting, made through the first process.
    const fran = await call<{ accessToken: string }>(first.baseUrl, 'POST', '/auth/register', { email: 'fran@example.org', password: 'fran has a long password', displayName: 'Fran' });
    const pat = await call<{ accessToken: string }>(first.baseUrl, 'POST', '/auth/register', { email: 'pat@example.org', password: 'pat has a long password', displayName: 'Pat' });
    const set = await call<{ id: string }>(first.baseUrl, 'POST', '/sets', { name: 'Two processes', mode: 'blended', timeZone: 'Europe/London' }, fran.accessToken);
    const invitation = await call<{ token: string }>(first.baseUrl, 'POST', `/sets/${set.id}/invitations`, { email: 'pat@example.org', role: 'member' }, fran.accessToken);
    await call(second.baseUrl, 'POST', `/invitations/${invitation.token}/accept`, { acceptGroundRules: true }, pat.accessToken);
    const startsAt = new Date(Date.now() + 9 * 86_400_000).toISOString();
    const meeting = await call<{ id: string }>(second.baseUrl, 'POST', `/sets/${set.id}/meetings`, { startsAt, durationMinutes: 120, format: 'online' }, fran.accessToken);

    // Make its 1-day reminder due now, as if it had been scheduled long ago.
    db = new Client({ connectionString: dbUrl(pgPort) });
    await db.connect();
    await db.query(`UPDATE meetings SET "startsAt" = now() + interval '20 hours', "endsAt" = now() + interval '22 hours', "createdAt" = now() - interval '9 days' WHERE id = $1`, [meeting.id]);

    // Ask for several runs of the job at once: both processes' workers take them.
    const jobsDone = async () => (await db.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'meeting-notices' AND state IN ('created', 'retry', 'active')`)).rows[0].n === 0;
    boss = new PgBoss({ connectionString: dbUrl(pgPort), schema: 'pgboss', supervise: false, schedule: false, migrate: false });
    await boss.start();
    for (let i = 0; i < 4; i++) await boss.send('meeting-notices', {});
    await until(() => reminders(apis, 'pat@example.org').length > 0 && reminders(apis, 'fran@example.org').length > 0, 'the reminders');
    // Every run has finished (the queue is a singleton, so they run one after another): any duplicate would show now.
    // Killing a process in the middle of one would leave it active for its expiry (ten minutes), blocking the runs after it.
    await until(jobsDone, 'the first jobs to finish');
    await new Promise((r) => setTimeout(r, 3000)); // time for the outbox to write any duplicate
    expect(reminders(apis, 'pat@example.org')).toEqual([expect.stringMatching(/^Reminder: Two processes meets (tomorrow|today)/)]);
    expect(reminders(apis, 'fran@example.org')).toHaveLength(1);

    // The second process crashes (no clean shutdown) and comes back: the job runs again, nothing is sent twice.
    second.child.kill('SIGKILL');
    await second.stop();
    second = await startApi({ dataDir: second.dataDir, env: { DATABASE_URL: dbUrl(pgPort), JWT_SECRET } });
    apis.push(second);
    for (let i = 0; i < 2; i++) await boss.send('meeting-notices', {});
    await until(jobsDone, 'the jobs to finish');
    expect(reminders(apis, 'pat@example.org')).toHaveLength(1);
    const sent = await db.query(`SELECT status, count(*)::int AS n FROM mail_outbox WHERE subject LIKE 'Reminder:%' GROUP BY status`);
    expect(sent.rows).toEqual([{ status: 'sent', n: 2 }]);
  });
});
