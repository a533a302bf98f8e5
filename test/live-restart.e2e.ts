import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Socket } from 'socket.io-client';
import { evolve, initialLiveState, LIVE_MESSAGES, type LiveEventMessage, type LiveJoinAck, type LiveResyncAck, type LiveSessionState } from '@als/shared';
import { ApiProcess, freePort, startApi } from './support/api-process';
import { startDatabase } from './support/database';
import { call } from './support/call';
import { connectLive } from './support/live';

describe('a live session survives kill -9 of its API process (real process)', () => {
  let db: { url: string; stop(): Promise<void> };
  let api: ApiProcess | null = null;
  const sockets: Socket[] = [];
  afterAll(async () => {
    for (const s of sockets) s.close();
    await api?.stop();
    await db?.stop();
  });

  it('acknowledged commands are all there after the restart, the state and the timer deadline identical', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'als-e2e-kill-'));
    chmodSync(dataDir, 0o755); // as root, the embedded PostgreSQL runs as `postgres` and must reach it
    db = await startDatabase(join(dataDir, 'db'), await freePort());
    const env = { DATABASE_URL: db.url, JWT_SECRET: 'kill-test-secret-kill-test-secret-0123456789', LIVE_RATE_LIMIT: '0' };
    api = await startApi({ env });
    const fran = await call<{ accessToken: string }>(api.baseUrl, 'POST', '/auth/register', { email: 'fran@example.org', password: 'fran has a long password', displayName: 'Fran' });
    const set = await call<{ id: string }>(api.baseUrl, 'POST', '/sets', { name: 'Kill set', mode: 'virtual', timeZone: 'Europe/London' }, fran.accessToken);
    const meeting = await call<{ id: string }>(api.baseUrl, 'POST', `/sets/${set.id}/meetings`, { startsAt: '2031-02-04T09:30', durationMinutes: 180, format: 'online' }, fran.accessToken);

    const before = await connectLive(api.baseUrl, fran.accessToken);
    sockets.push(before);
    const events: LiveEventMessage[] = [];
    before.on(LIVE_MESSAGES.event, (e: LiveEventMessage) => events.push(e));
    await before.emitWithAck(LIVE_MESSAGES.join, { meetingId: meeting.id });
    const commands = ['start', 'advance', 'pause'];
    for (const [i, type] of commands.entries()) {
      expect(await before.emitWithAck(LIVE_MESSAGES.command, { commandId: `c${i}`, meetingId: meeting.id, type, payload: {} })).toEqual({ ok: true, seq: i + 1 });
    }
    // Acks and events travel separately: wait for the three events before folding them.
    for (let i = 0; i < 100 && events.length < commands.length; i++) await new Promise((r) => setTimeout(r, 20));
    const seen: LiveSessionState = events.reduce((s, e) => evolve(s, e), initialLiveState(meeting.id));
    expect(seen.phase).toBe('bidding');

    api.child.kill('SIGKILL');
    await api.stop();
    api = await startApi({ dataDir: api.dataDir, env });
    const after = await connectLive(api.baseUrl, fran.accessToken);
    sockets.push(after);
    const joined = (await after.emitWithAck(LIVE_MESSAGES.join, { meetingId: meeting.id })) as LiveJoinAck;
    expect(joined).toMatchObject({ ok: true, seq: 3 });
    expect(joined.ok && joined.state).toEqual(seen);
    const resync = (await after.emitWithAck(LIVE_MESSAGES.resync, { meetingId: meeting.id, sinceSeq: 0 })) as LiveResyncAck;
    expect(resync.ok && 'events' in resync && resync.events.map((e) => e.type)).toEqual(['started', 'phaseChanged', 'paused']);
    // The same command again after the restart is still applied once.
    expect(await after.emitWithAck(LIVE_MESSAGES.command, { commandId: 'c2', meetingId: meeting.id, type: 'pause', payload: {} })).toEqual({ ok: true, seq: 3 });
  });
});
