import { chmodSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import PgBoss from 'pg-boss';
import { io, Socket } from 'socket.io-client';
import { evolve, initialLiveState, LIVE_MESSAGES, type LiveEventMessage, type LiveJoinAck, type LiveResyncAck, type LiveSessionState } from '@als/shared';
import { ApiProcess, freePort, startApi } from './support/api-process';
import { startDatabase } from './support/database';
import { call } from './support/call';

const REDIS_URL = process.env.REDIS_URL;
const JWT_SECRET = 'cluster-test-secret-cluster-test-secret-0123';

/** A participant's connection to one process, folding the events it receives into its own view of the session. */
class Member {
  socket!: Socket;
  state: LiveSessionState;
  seq = 0;
  constructor(
    private readonly token: string,
    private readonly meetingId: string,
  ) {
    this.state = initialLiveState(meetingId);
  }

  async connect(base: string): Promise<void> {
    this.socket = io(`${base}/live`, { transports: ['websocket'], auth: { token: this.token }, reconnection: false, forceNew: true });
    await new Promise<void>((resolve, reject) => {
      this.socket.once('connect', () => resolve());
      this.socket.once('connect_error', reject);
    });
    this.socket.on(LIVE_MESSAGES.event, (e: LiveEventMessage) => {
      if (e.seq !== this.seq + 1) return; // a gap: the resync below fills it
      this.state = evolve(this.state, e);
      this.seq = e.seq;
    });
  }

  /** Joins, or rejoins after a lost connection: the events it missed since its last seq, by resync. */
  async join(): Promise<void> {
    const joined = (await this.socket.emitWithAck(LIVE_MESSAGES.join, { meetingId: this.meetingId })) as LiveJoinAck;
    if (!joined.ok) throw new Error(joined.error);
    if (this.seq === 0) {
      this.state = joined.state;
      this.seq = joined.seq;
      return;
    }
    const resync = (await this.socket.emitWithAck(LIVE_MESSAGES.resync, { meetingId: this.meetingId, sinceSeq: this.seq })) as LiveResyncAck;
    if (!resync.ok) throw new Error(resync.error);
    if ('state' in resync) {
      this.state = resync.state;
      this.seq = resync.seq;
      return;
    }
    for (const e of resync.events) {
      if (e.seq !== this.seq + 1) continue;
      this.state = evolve(this.state, e);
      this.seq = e.seq;
    }
  }

  async until(seq: number): Promise<void> {
    for (let i = 0; i < 250 && this.seq < seq; i++) await new Promise((r) => setTimeout(r, 20));
    if (this.seq < seq) throw new Error(`stuck at seq ${this.seq}, expected ${seq}`);
  }
}

(REDIS_URL ? describe : describe.skip)('a cluster of three API processes with Redis (real processes)', () => {
  let db: { url: string; stop(): Promise<void> };
  const apis: ApiProcess[] = [];
  const members: Member[] = [];
  let boss: PgBoss | undefined;
  let pg: Client | undefined;
  afterAll(async () => {
    for (const m of members) m.socket?.close();
    await boss?.stop({ graceful: false, wait: true }).catch(() => undefined);
    await pg?.end().catch(() => undefined);
    for (const api of apis) await api.stop();
    await db?.stop();
  });

  it('keeps one session across processes when one is killed mid-meeting, runs a job due in the outage once, and cuts off a removed member on any process', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'als-e2e-cluster-'));
    chmodSync(dataDir, 0o755);
    db = await startDatabase(join(dataDir, 'db'), await freePort());
    const env = { DATABASE_URL: db.url, REDIS_URL: REDIS_URL!, JWT_SECRET, LIVE_RATE_LIMIT: '0', AUTH_RATE_LIMIT: '0' };
    for (let i = 0; i < 3; i++) apis.push(await startApi({ env }));
    const [a, b, c] = apis;

    const people: Record<string, string> = {};
    for (const name of ['fran', 'pat', 'sam']) people[name] = (await call<{ accessToken: string }>(a.baseUrl, 'POST', '/auth/register', { email: `${name}@example.org`, password: `${name} has a long password`, displayName: name })).accessToken;
    const set = await call<{ id: string }>(a.baseUrl, 'POST', '/sets', { name: 'Cluster set', mode: 'virtual', timeZone: 'Europe/London' }, people.fran);
    for (const name of ['pat', 'sam']) {
      const invitation = await call<{ token: string }>(b.baseUrl, 'POST', `/sets/${set.id}/invitations`, { email: `${name}@example.org`, role: 'member' }, people.fran);
      await call(c.baseUrl, 'POST', `/invitations/${invitation.token}/accept`, { acceptGroundRules: true }, people[name]);
    }
    const meeting = await call<{ id: string }>(a.baseUrl, 'POST', `/sets/${set.id}/meetings`, { startsAt: new Date(Date.now() + 9 * 86_400_000).toISOString(), durationMinutes: 180, format: 'online' }, people.fran);

    // Fran on the first process, Pat on the second, Sam on the third.
    const [fran, pat, sam] = ['fran', 'pat', 'sam'].map((name) => new Member(people[name], meeting.id));
    members.push(fran, pat, sam);
    for (const [member, api] of [[fran, a], [pat, b], [sam, c]] as const) {
      await member.connect(api.baseUrl);
      await member.join();
    }
    let seq = 0;
    const command = async (type: string, payload: Record<string, unknown> = {}, who = fran) => {
      const ack = (await who.socket.emitWithAck(LIVE_MESSAGES.command, { commandId: `c-${seq + 1}`, meetingId: meeting.id, type, payload })) as { ok: boolean; seq: number };
      expect(ack).toEqual({ ok: true, seq: seq + 1 });
      seq = ack.seq;
    };
    await command('start');
    await command('advance');
    await Promise.all([pat.until(seq), sam.until(seq)]);

    // The third process dies (no clean shutdown); the meeting goes on while Sam is away.
    c.child.kill('SIGKILL');
    await c.stop();
    await command('bid', { wantsTime: true, urgency: 4 }, pat);
    await command('bid', { wantsTime: true, urgency: 2 });

    // A reminder falls due during the outage: the job runs once on the processes still up.
    pg = new Client({ connectionString: db.url });
    await pg.connect();
    await pg.query(`UPDATE "meetings" SET "startsAt" = now() + interval '20 hours', "endsAt" = now() + interval '23 hours', "createdAt" = now() - interval '9 days' WHERE "id" = $1`, [meeting.id]);
    boss = new PgBoss({ connectionString: db.url, schema: 'pgboss', supervise: false, schedule: false, migrate: false });
    await boss.start();
    for (let i = 0; i < 3; i++) await boss.send('meeting-notices', {});
    const idle = async () => (await pg!.query(`SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'meeting-notices' AND state IN ('created', 'retry', 'active')`)).rows[0].n === 0;
    for (let i = 0; i < 300 && !(await idle()); i++) await new Promise((r) => setTimeout(r, 100));

    // Sam's client reconnects, to another process (as the load balancer would send it), and resyncs.
    await sam.connect(a.baseUrl);
    await sam.join();
    await command('advance');
    await Promise.all([fran.until(seq), pat.until(seq), sam.until(seq)]);

    // The third process comes back; the job again: nothing more is sent.
    apis[2] = await startApi({ dataDir: c.dataDir, env });
    await boss.send('meeting-notices', {});
    for (let i = 0; i < 300 && !(await idle()); i++) await new Promise((r) => setTimeout(r, 100));

    // Nothing lost, nothing split: one log without gaps, and every view of the session the same.
    const logged = (await pg.query(`SELECT "seq" FROM "session_events" WHERE "meetingId" = $1 ORDER BY "seq"`, [meeting.id])).rows.map((r: { seq: number }) => r.seq);
    expect(logged).toEqual(Array.from({ length: seq }, (_, i) => i + 1));
    expect(pat.state).toEqual(fran.state);
    expect(sam.state).toEqual(fran.state);
    // Both bids made during the outage are there; with nobody put in order, "advance" went on to the process review.
    expect(Object.values(fran.state.bids).map((b) => b.urgency).sort()).toEqual([2, 4]);
    expect(fran.state.phase).toBe('process-review');
    const reminders = (await pg.query(`SELECT "to", "status" FROM "mail_outbox" WHERE "subject" LIKE 'Reminder:%' ORDER BY "to"`)).rows;
    expect(reminders).toEqual([
      { to: 'fran@example.org', status: 'sent' },
      { to: 'pat@example.org', status: 'sent' },
      { to: 'sam@example.org', status: 'sent' },
    ]);
    // Removing Pat through the first process cuts off Pat's connection to the second within a second.
    const cut = new Promise<void>((resolve) => pat.socket.once(LIVE_MESSAGES.closed, () => resolve()));
    const patId = (await call<{ id: string }>(a.baseUrl, 'GET', '/me', undefined, people.pat)).id;
    const removedAt = Date.now();
    await fetch(`${a.baseUrl}/api/sets/${set.id}/members/${patId}`, { method: 'DELETE', headers: { authorization: `Bearer ${people.fran}` } });
    expect(await Promise.race([cut.then(() => Date.now() - removedAt), new Promise<number>((r) => setTimeout(() => r(Infinity), 3000))])).toBeLessThan(1000);

    const written = new Set(apis.map((api) => api.dataDir)).size;
    const files = [...new Set(apis.map((api) => api.dataDir))].flatMap((dir) => {
      try {
        return readdirSync(join(dir, 'mail')).map((f) => readFileSync(join(dir, 'mail', f), 'utf8'));
      } catch {
        return [];
      }
    });
    expect(written).toBe(3);
    expect(files.filter((m) => /^Subject: Reminder:/m.test(m))).toHaveLength(3);
  });
});
