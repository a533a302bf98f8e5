import { randomUUID } from 'node:crypto';
import { evolve, initialLiveState, LIVE_MESSAGES, type LiveCommandAck, type LiveEventMessage, type LiveJoinAck, type LiveResyncAck, type MeetingResponse } from '@als/shared';
import { PASSWORD, addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { request, startTestApp, TestApp } from './app';

const command = (meetingId: string, type: string, payload: Record<string, unknown> = {}, commandId = randomUUID()) => ({ commandId, meetingId, type, payload });

describe('live sessions over socket.io (namespace /live)', () => {
  let t: TestApp;
  let base: string;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let sponsor: TestUser;
  let outsider: TestUser;
  let setId: string;
  let meetingId: string;
  const clients: LiveClient[] = [];
  const open = async (who: TestUser) => {
    const client = await connect(base, who.token);
    clients.push(client);
    return client;
  };
  const seqs = async () => ((await t.db.query('SELECT seq FROM session_events WHERE "meetingId" = $1 ORDER BY seq', [meetingId])) as { seq: number }[]).map((r) => r.seq);

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
    fran = await registerUser(t, { displayName: 'Fran' });
    const set = await createSet(t, fran);
    setId = set.id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    sponsor = await addMember(t, fran, setId, 'sponsor');
    outsider = await registerUser(t, { displayName: 'Olly' });
    meetingId = ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 210, format: 'online' }).expect(201)).body as MeetingResponse).id;
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('refuses a handshake without a valid token', async () => {
    await expect(connect(base, undefined)).rejects.toThrow('Sign in first');
    await expect(connect(base, 'not.a.token')).rejects.toThrow('Sign in again');
  });

  it('refuses a browser from another origin at the handshake', async () => {
    await expect(connect(base, fran.token, { extraHeaders: { Origin: 'https://evil.example' } })).rejects.toThrow();
    const ok = await connect(base, fran.token, { extraHeaders: { Origin: 'http://app.test' } });
    ok.close();
  });

  it('lets only members of the set join: outsiders get "not found", sponsors are refused, bad ids are named', async () => {
    const olly = await open(outsider);
    expect(await olly.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId })).toEqual({ ok: false, error: 'Meeting not found.' });
    const spon = await open(sponsor);
    expect(await spon.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId })).toEqual({ ok: false, error: expect.stringContaining('Sponsors') });
    expect(await olly.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: 'nope' })).toEqual({ ok: false, error: 'meetingId must be a meeting id' });
    expect(await olly.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId, extra: 1 })).toEqual({ ok: false, error: 'extra is not allowed here' });
    expect(await olly.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, 'start'))).toEqual({ ok: false, error: 'Join the meeting first (session:join).' });
  });

  describe('a session', () => {
    let facilitator: LiveClient;
    let member: LiveClient;
    let other: LiveClient;

    beforeAll(async () => {
      facilitator = await open(fran);
      member = await open(pat);
      other = await open(sam);
    });

    it('joins with the state, seq and server time, and shows who is present', async () => {
      const joined = await facilitator.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
      expect(joined).toMatchObject({ ok: true, seq: 0, state: { phase: 'lobby', meetingId }, role: 'facilitator' });
      if (!joined.ok) throw new Error();
      expect(Math.abs(Date.parse(joined.serverTime) - Date.now())).toBeLessThan(5000);
      expect(await member.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId, inRoom: true })).toMatchObject({ ok: true, role: 'member' });
      await other.emit(LIVE_MESSAGES.join, { meetingId });
      await facilitator.until(() => facilitator.presence.at(-1)?.present.length === 3, 'three present');
      expect(facilitator.presence.at(-1)?.present.find((p) => p.userId === pat.id)).toEqual({ userId: pat.id, displayName: pat.displayName, inRoom: true });
    });

    it('applies a command once, acknowledges it with its seq and tells everyone; a repeat gets the same seq and no event', async () => {
      expect(await member.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, 'start'))).toEqual({ ok: false, error: 'Only a facilitator can start the session.' });
      const start = command(meetingId, 'start');
      expect(await facilitator.emit<LiveCommandAck>(LIVE_MESSAGES.command, start)).toEqual({ ok: true, seq: 1 });
      expect(await facilitator.emit<LiveCommandAck>(LIVE_MESSAGES.command, start)).toEqual({ ok: true, seq: 1 });
      for (const c of [facilitator, member, other]) await c.until(() => c.events.length === 1, 'the started event');
      const [event] = member.events;
      expect(event).toMatchObject({ meetingId, seq: 1, type: 'started', payload: { phase: 'check-in', facilitatorId: fran.id } });
      expect(event.type === 'started' && event.payload.roster.map((p) => p.userId)).toEqual([fran.id, pat.id, sam.id]);
      await new Promise((r) => setTimeout(r, 100));
      expect(member.events).toHaveLength(1);
      expect(await seqs()).toEqual([1]);
    });

    it('rejects wrong-role and wrong-phase commands with a reason and changes nothing', async () => {
      expect(await member.emit(LIVE_MESSAGES.command, command(meetingId, 'advance'))).toEqual({ ok: false, error: 'Only the facilitator can do this.' });
      expect(await member.emit(LIVE_MESSAGES.command, command(meetingId, 'bid', { wantsTime: true, urgency: 3 }))).toEqual({ ok: false, error: 'Bids are made in the bidding phase.' });
      expect(await seqs()).toEqual([1]);
    });

    it('rejects malformed commands while the server and the others carry on', async () => {
      const bad: [unknown, string][] = [
        ['a string', 'The message must be an object.'],
        [{ ...command(meetingId, 'start'), commandId: '' }, 'commandId must be 1 to 100 letters, digits or _ : . -'],
        [command(meetingId, 'dance'), 'type must be one of'],
        [command(meetingId, 'expireTimer', { timerId: 1 }), 'type must be one of'],
        [command(meetingId, 'extendTimer', { seconds: 'ten' }), 'payload.seconds'],
        [command(meetingId, 'advance', { force: true }), 'payload.force is not allowed here'],
        [{ ...command(meetingId, 'advance'), payload: [1] }, 'payload must be an object'],
        [{ ...command(meetingId, 'advance'), extra: 1 }, 'extra is not allowed here'],
        [command(meetingId, 'ask', { text: 'x'.repeat(1001) }), 'payload.text'],
      ];
      for (const [body, error] of bad) {
        const ack = await member.emit<LiveCommandAck>(LIVE_MESSAGES.command, body);
        expect(ack.ok).toBe(false);
        if (!ack.ok) expect(ack.error).toContain(error);
      }
      expect(await facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'advance'))).toEqual({ ok: true, seq: 2 });
      expect(await seqs()).toEqual([1, 2]);
    });

    it('closes only the connection that sends a message over 64 KB; the room carries on', async () => {
      const flooder = await open(sam);
      await flooder.emit(LIVE_MESSAGES.join, { meetingId });
      const gone = new Promise((resolve) => flooder.socket.once('disconnect', resolve));
      flooder.socket.emit(LIVE_MESSAGES.command, command(meetingId, 'ask', { text: 'x'.repeat(70_000) }));
      await gone;
      expect(await member.emit(LIVE_MESSAGES.command, command(meetingId, 'bid', { wantsTime: true, urgency: 4 }))).toEqual({ ok: true, seq: 3 });
      await other.until(() => other.events.length === 3, 'the bid event');
    });

    it('resyncs from a seq with the events after it, and replaying them gives the state a newcomer joins with', async () => {
      const ack = await other.emit<LiveResyncAck>(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 1 });
      expect(ack).toMatchObject({ ok: true, seq: 3 });
      if (!ack.ok || !('events' in ack)) throw new Error('expected events');
      expect(ack.events.map((e) => e.seq)).toEqual([2, 3]);
      const all = await other.emit<LiveResyncAck>(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 });
      if (!all.ok || !('events' in all)) throw new Error('expected events');
      const replayed = all.events.reduce((s: ReturnType<typeof initialLiveState>, e: LiveEventMessage) => evolve(s, e), initialLiveState(meetingId));
      const late = await open(sam);
      const joined = await late.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
      expect(joined.ok && joined.state).toEqual(replayed);
      expect(await other.emit(LIVE_MESSAGES.resync, { meetingId, sinceSeq: -1 })).toEqual({ ok: false, error: 'sinceSeq must not be negative' });
      expect(await (await open(outsider)).emit(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 })).toEqual({ ok: false, error: 'Meeting not found.' });
    });

    it('cuts off a member removed from the set at once', async () => {
      const kim = await addMember(t, fran, setId);
      const kimClient = await open(kim);
      await kimClient.emit(LIVE_MESSAGES.join, { meetingId });
      const gone = new Promise((resolve) => kimClient.socket.once('disconnect', resolve));
      await request(t.http).delete(`/api/sets/${setId}/members/${kim.id}`).set(fran.auth).expect(204);
      await gone;
      expect(kimClient.closed).toEqual(['You are no longer a member of this set.']);
      const again = await open(kim);
      expect(await again.emit(LIVE_MESSAGES.join, { meetingId })).toEqual({ ok: false, error: 'Meeting not found.' });
    });

    it('authorises each command in the database as it records it: a new role counts at once, a lost one writes nothing', async () => {
      const newMeeting = async () => ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-06-06T09:30', durationMinutes: 120, format: 'online' }).expect(201)).body as MeetingResponse).id;
      const logged = async (id: string) => ((await t.db.query('SELECT seq FROM session_events WHERE "meetingId" = $1 ORDER BY seq', [id])) as { seq: number }[]).map((r) => r.seq);
      const setRole = (userId: string, role: string) => request(t.http).patch(`/api/sets/${setId}/members/${userId}`).set(fran.auth).send({ role }).expect(200);
      const lee = await addMember(t, fran, setId);
      const leeClient = await open(lee);

      // Made facilitator after joining as a member: the same connection may now start the session.
      const promoted = await newMeeting();
      expect(await leeClient.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: promoted })).toMatchObject({ ok: true });
      await setRole(lee.id, 'facilitator');
      expect(await leeClient.emit(LIVE_MESSAGES.command, command(promoted, 'start'))).toEqual({ ok: true, seq: 1 });
      expect(await logged(promoted)).toEqual([1]);

      // Joined as a facilitator, then made a member: the start decided for the old role is not written.
      const demoted = await newMeeting();
      expect(await leeClient.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: demoted })).toMatchObject({ ok: true });
      await setRole(lee.id, 'member');
      expect(await leeClient.emit(LIVE_MESSAGES.command, command(demoted, 'start'))).toEqual({ ok: false, error: 'Only a facilitator can start the session.' });
      expect(await logged(demoted)).toEqual([]);

      // Membership gone with no notice to the live layer (another process's database change, say): refused, closed, nothing written.
      await setRole(lee.id, 'facilitator');
      const gone = await newMeeting();
      expect(await leeClient.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: gone })).toMatchObject({ ok: true });
      await t.db.query('DELETE FROM set_memberships WHERE "setId" = $1 AND "userId" = $2', [setId, lee.id]);
      const closed = new Promise((resolve) => leeClient.socket.once('disconnect', resolve));
      expect(await leeClient.emit(LIVE_MESSAGES.command, command(gone, 'start'))).toEqual({ ok: false, error: 'Meeting not found.' });
      await closed;
      expect(await logged(gone)).toEqual([]);
    });

    it('expires a timer at its deadline, once, and tells everyone', async () => {
      const joined = await member.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
      if (!joined.ok) throw new Error(joined.error);
      const remaining = Date.parse(joined.state.timer!.endsAt!) - Date.now();
      // Bring the timer to about half a second from now.
      const seconds = -Math.floor(remaining / 1000) + 1;
      expect(await facilitator.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, 'extendTimer', { seconds }))).toMatchObject({ ok: true });
      await member.until(() => member.events.some((e) => e.type === 'timerExpired'), 'the timer to expire', 4000);
      const expired = await t.db.query(`SELECT count(*)::int AS n FROM session_events WHERE "meetingId" = $1 AND type = 'timerExpired'`, [meetingId]);
      expect(expired).toEqual([{ n: 1 }]);
      const all = await seqs();
      expect(all).toEqual(all.map((_, i) => i + 1));
    });
  });

  it('carries the presenter’s ask to everyone, refuses it from others and refuses bad input naming the field, writing nothing', async () => {
    const askMeeting = ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-06-06T09:30', durationMinutes: 210, format: 'online' }).expect(201)).body as MeetingResponse).id;
    const [f, p, s] = [await open(fran), await open(pat), await open(sam)];
    for (const c of [f, p, s]) expect(await c.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: askMeeting })).toMatchObject({ ok: true });
    for (const [type, payload] of [['start', {}], ['advance', {}], ['setOrder', { presenterIds: [pat.id] }], ['advance', {}]] as const) {
      expect(await f.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(askMeeting, type, payload))).toMatchObject({ ok: true });
    }
    const logged = async () => ((await t.db.query('SELECT seq FROM session_events WHERE "meetingId" = $1', [askMeeting])) as unknown[]).length;
    expect(await logged()).toBe(4);
    const bad: [Record<string, unknown>, string][] = [
      [{ text: 'x'.repeat(1001) }, 'payload.text'],
      [{ text: 'Help\u0000me' }, 'payload.text'],
      [{}, 'payload.text'],
      [{ text: 'Help me', extra: 1 }, 'payload.extra is not allowed here'],
    ];
    for (const [payload, error] of bad) {
      const ack = await p.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(askMeeting, 'setAsk', payload));
      expect(ack).toEqual({ ok: false, error: expect.stringContaining(error) });
    }
    expect(await s.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(askMeeting, 'setAsk', { text: 'I want…' }))).toEqual({ ok: false, error: 'The presenter says what they want from the set; the facilitator can write it down for them.' });
    expect(await logged()).toBe(4);
    expect(await p.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(askMeeting, 'setAsk', { text: 'Help me see what I am missing.' }))).toEqual({ ok: true, seq: 5 });
    await s.until(() => s.events.some((e) => e.type === 'askSet'), 'the ask');
    expect(s.events.find((e) => e.type === 'askSet')).toMatchObject({ seq: 5, payload: { presenterId: pat.id, text: 'Help me see what I am missing.' } });
    // A screen joining later finds it in the state.
    const late = await open(sam);
    const joined = await late.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: askMeeting });
    expect(joined.ok && joined.state.asks).toEqual([{ presenterId: pat.id, text: 'Help me see what I am missing.', at: expect.any(String) }]);
  });

  it('closes the web client’s live connections when it signs out', async () => {
    const login = await request(t.http).post('/api/auth/login').send({ email: pat.email, password: PASSWORD }).expect(200);
    const cookies = (login.headers['set-cookie'] as unknown as string[]).map((c) => c.split(';')[0]).join('; ');
    const client = await connect(base, undefined, { extraHeaders: { Cookie: cookies } });
    clients.push(client);
    expect(await client.emit(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true });
    const started = Date.now();
    const gone = new Promise((resolve) => client.socket.once('disconnect', resolve));
    await request(t.http).post('/api/auth/logout').set('Cookie', cookies).expect(204);
    await gone;
    expect(Date.now() - started).toBeLessThan(1000);
    expect(client.closed).toEqual(['You signed out.']);
  });
});

describe('live sessions: the record and the report-back loop', () => {
  it('keeps actions as the set’s action list, reports back on them at the next check-in, and shows the record to members only', async () => {
    const t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    const base = await listen(t);
    const clients: LiveClient[] = [];
    try {
      const fran = await registerUser(t, { displayName: 'Fran' });
      const set = await createSet(t, fran);
      const pat = await addMember(t, fran, set.id);
      const sponsor = await addMember(t, fran, set.id, 'sponsor');
      const outsider = await registerUser(t);
      const schedule = async (startsAt: string) => (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt, durationMinutes: 180, format: 'online' }).expect(201)).body.id as string;
      const first = await schedule('2031-05-06T09:30');
      const second = await schedule('2031-06-10T09:30');
      const facilitator = await connect(base, fran.token);
      const member = await connect(base, pat.token);
      clients.push(facilitator, member);
      const send = async (client: LiveClient, meetingId: string, type: string, payload: Record<string, unknown> = {}) => {
        const ack = await client.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, type, payload));
        if (!ack.ok) throw new Error(`${type}: ${ack.error}`);
      };
      for (const c of [facilitator, member]) await c.emit(LIVE_MESSAGES.join, { meetingId: first });
      await send(facilitator, first, 'start');
      await send(facilitator, first, 'advance');
      await send(facilitator, first, 'setOrder', { presenterIds: [pat.id] });
      for (let i = 0; i < 2; i++) await send(facilitator, first, 'advance');
      await send(facilitator, first, 'ask', { text: 'What matters most to the family?' });
      for (let i = 0; i < 3; i++) await send(facilitator, first, 'advance');
      await send(member, first, 'addAction', { text: 'Meet the father' });
      await send(facilitator, first, 'end');

      const open = (await request(t.http).get(`/api/sets/${set.id}/actions?status=open`).set(pat.auth).expect(200)).body;
      expect(open).toEqual([expect.objectContaining({ ownerId: pat.id, ownerName: pat.displayName, text: 'Meet the father', status: 'open', meetingId: first, dueAt: '2031-06-10' })]);
      expect((await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body).toEqual([expect.objectContaining({ id: open[0].id, setId: set.id, setName: set.name, text: 'Meet the father' })]);
      expect((await request(t.http).get('/api/me/actions').set(fran.auth).expect(200)).body).toEqual([]);
      await request(t.http).get('/api/me/actions').expect(401);
      await request(t.http).get(`/api/sets/${set.id}/actions`).set(sponsor.auth).expect(403);
      await request(t.http).get(`/api/sets/${set.id}/actions`).set(outsider.auth).expect(404);
      expect((await request(t.http).get(`/api/sets/${set.id}/actions?status=maybe`).set(pat.auth).expect(400)).body.message).toContain('status');

      const record = (await request(t.http).get(`/api/meetings/${first}/record`).set(pat.auth).expect(200)).body;
      expect(record).toMatchObject({ phase: 'ended', questions: [{ text: 'What matters most to the family?', presenterId: pat.id }], actions: [{ text: 'Meet the father' }], questionCounts: { open: 1 } });
      expect(record.attendance).toEqual({ present: [{ userId: fran.id, inRoom: false }, { userId: pat.id, inRoom: false }], apologies: [] });
      await request(t.http).get(`/api/meetings/${first}/record`).set(sponsor.auth).expect(403);
      await request(t.http).get(`/api/meetings/${first}/record`).set(outsider.auth).expect(404);
      await request(t.http).get(`/api/meetings/${second}/record`).set(pat.auth).expect(404);

      // The presenter withholds the case: its questions leave the record; the action stays on the list.
      await send(member, first, 'withholdCase', { withheld: true });
      const withheld = (await request(t.http).get(`/api/meetings/${first}/record`).set(fran.auth).expect(200)).body;
      expect(withheld.questions).toEqual([]);
      expect(withheld.withheld).toEqual([pat.id]);

      // The next meeting's check-in asks Pat about it; the report-back closes it on the list.
      for (const c of [facilitator, member]) await c.emit(LIVE_MESSAGES.join, { meetingId: second });
      await send(facilitator, second, 'start');
      const joined = await member.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: second });
      if (!joined.ok) throw new Error(joined.error);
      expect(joined.state.openActions).toEqual([{ id: open[0].id, ownerId: pat.id, text: 'Meet the father', dueAt: open[0].dueAt }]);
      await send(member, second, 'reportBack', { actionId: open[0].id, status: 'done', note: 'Went well' });
      expect((await request(t.http).get(`/api/sets/${set.id}/actions?status=open`).set(pat.auth).expect(200)).body).toEqual([]);
      expect((await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body).toEqual([]);
      expect((await request(t.http).get(`/api/sets/${set.id}/actions`).set(fran.auth).expect(200)).body).toEqual([expect.objectContaining({ status: 'done', reportNote: 'Went well' })]);
    } finally {
      for (const c of clients) c.close();
      await t.close();
    }
  });
});

describe('live sessions: two processes writing the same meetings at once', () => {
  /**
   * Two API processes on one database with Fran connected to each: `meetings` meetings started,
   * then `count` commands per meeting, each sent through both processes, all at once. Every log
   * must come out gap-free with each command applied once, both processes acknowledging alike and
   * answering with the same state.
   */
  async function race(meetings: number, count: number): Promise<void> {
    const one = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    const two = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    const clients: LiveClient[] = [];
    try {
      const [baseOne, baseTwo] = [await listen(one), await listen(two)];
      const fran = await registerUser(one);
      const set = await createSet(one, fran);
      const meetingIds: string[] = [];
      for (let m = 0; m < meetings; m++) meetingIds.push((await request(one.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body.id as string);
      const a = await connect(baseOne, fran.token);
      const b = await connect(baseTwo, fran.token);
      clients.push(a, b);
      for (const meetingId of meetingIds) {
        for (const c of clients) await c.emit(LIVE_MESSAGES.join, { meetingId });
        expect(await a.emit(LIVE_MESSAGES.command, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });
      }
      const sent = meetingIds.flatMap((meetingId) => Array.from({ length: count }, (_, i) => command(meetingId, 'extendTimer', { seconds: i % 2 ? -60 : 60 })));
      // Each command twice, through both processes, all at once.
      const acks = await Promise.all(sent.flatMap((c) => [a.emit<LiveCommandAck>(LIVE_MESSAGES.command, c), b.emit<LiveCommandAck>(LIVE_MESSAGES.command, c)]));
      expect(acks.filter((ack) => !ack.ok)).toEqual([]);
      for (let i = 0; i < acks.length; i += 2) expect(acks[i]).toEqual(acks[i + 1]);
      for (const meetingId of meetingIds) {
        const rows = (await one.db.query('SELECT seq, "commandId" FROM session_events WHERE "meetingId" = $1 ORDER BY seq', [meetingId])) as { seq: number; commandId: string }[];
        expect(rows.map((r) => r.seq)).toEqual(Array.from({ length: count + 1 }, (_, i) => i + 1));
        expect(new Set(rows.map((r) => r.commandId)).size).toBe(count + 1);
        // Both processes answer with the same state.
        const [sa, sb] = await Promise.all([a.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId }), b.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId })]);
        expect(sa.ok && sb.ok && sa.seq === count + 1 && sb.seq === count + 1).toBe(true);
        expect(sa.ok && sa.state).toEqual(sb.ok && sb.state);
      }
    } finally {
      for (const c of clients) c.close();
      await one.close();
      await two.close();
    }
  }

  it('serialises concurrent commands from two API processes into one gap-free log, each applied once', () => race(1, 40));

  // Each process groups the writes of several meetings, and the two race on every one of them:
  // lost compare-and-sets and repeated commandIds inside groups.
  it('keeps every meeting gap-free when both processes group the writes of many meetings at once', () => race(8, 15));
});

describe('live sessions: rate limit and restarts', () => {
  it('cuts off a flooder while the room carries on', async () => {
    const t = await startTestApp({ LIVE_RATE_LIMIT: '5' });
    const base = await listen(t);
    try {
      const fran = await registerUser(t);
      const set = await createSet(t, fran);
      const pat = await addMember(t, fran, set.id);
      const meetingId = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body.id as string;
      const flooder = await connect(base, pat.token);
      const calm = await connect(base, fran.token);
      await calm.emit(LIVE_MESSAGES.join, { meetingId });
      const gone = new Promise((resolve) => flooder.socket.once('disconnect', resolve));
      for (let i = 0; i < 8; i++) flooder.socket.emit(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 });
      await gone;
      expect(flooder.closed[0]).toContain('Too many messages');
      expect(await calm.emit(LIVE_MESSAGES.command, command(meetingId, 'start'))).toEqual({ ok: true, seq: 1 });
      calm.close();
    } finally {
      await t.close();
    }
  });

  it('survives a restart mid-session: clients resync to the same state and timers, and a timer that ran out meanwhile expires once', async () => {
    let t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    let base = await listen(t);
    const fran = await registerUser(t);
    const set = await createSet(t, fran);
    const pat = await addMember(t, fran, set.id);
    const meetingId = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 60, format: 'online' }).expect(201)).body.id as string;
    let facilitator = await connect(base, fran.token);
    const member = await connect(base, pat.token);
    await facilitator.emit(LIVE_MESSAGES.join, { meetingId });
    await member.emit(LIVE_MESSAGES.join, { meetingId });
    await facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'start'));
    await facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'advance'));
    await member.until(() => member.events.length === 2, 'two events');
    const before = await facilitator.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
    if (!before.ok) throw new Error(before.error);
    // The bidding timer will run out 1.5 s from now, while no server is running.
    const seconds = -Math.floor((Date.parse(before.state.timer!.endsAt!) - Date.now()) / 1000) + 1;
    await facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'extendTimer', { seconds }));
    await member.until(() => member.events.length === 3, 'the extension');
    const lastSeen = member.events.at(-1)!.seq;
    const extension = member.events.at(-1)!;
    if (extension.type !== 'timerExtended') throw new Error(`expected the extension, got ${extension.type}`);
    const endsAt = extension.payload.timer.endsAt;
    if (!endsAt) throw new Error('the extended timer should be running');
    facilitator.close();
    member.close();
    await t.close();
    await new Promise((r) => setTimeout(r, Math.max(0, Date.parse(endsAt) - Date.now()) + 300));

    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
    try {
      facilitator = await connect(base, fran.token);
      await facilitator.emit(LIVE_MESSAGES.join, { meetingId });
      await facilitator.until(() => facilitator.events.some((e) => e.type === 'timerExpired') || false, 'the expiry', 3000).catch(() => undefined);
      const rejoin = await connect(base, pat.token);
      await rejoin.emit(LIVE_MESSAGES.join, { meetingId });
      const resync = await rejoin.emit<LiveResyncAck>(LIVE_MESSAGES.resync, { meetingId, sinceSeq: lastSeen });
      if (!resync.ok || !('events' in resync)) throw new Error('expected events');
      expect(resync.events.map((e) => e.type)).toEqual(['timerExpired']);
      const state = await rejoin.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
      expect(state.ok && state.state.timer).toMatchObject({ endsAt, expired: true });
      expect(state.ok && state.state.phase).toBe('bidding');
      const rows = await t.db.query(`SELECT seq, type FROM session_events WHERE "meetingId" = $1 ORDER BY seq`, [meetingId]);
      expect(rows).toEqual([{ seq: 1, type: 'started' }, { seq: 2, type: 'phaseChanged' }, { seq: 3, type: 'timerExtended' }, { seq: 4, type: 'timerExpired' }]);
      facilitator.close();
      rejoin.close();
    } finally {
      await t.close();
    }
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(`live sessions across two API processes with Redis (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  it('delivers the same events in the same order to members on either process, with presence and removal across them', async () => {
    const one = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    const two = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    const clients: LiveClient[] = [];
    try {
      const [baseOne, baseTwo] = [await listen(one), await listen(two)];
      const fran = await registerUser(one);
      const set = await createSet(one, fran);
      const pat = await addMember(one, fran, set.id);
      const sam = await addMember(one, fran, set.id);
      const meetingId = (await request(one.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body.id as string;
      const facilitator = await connect(baseOne, fran.token);
      const onTwo = await connect(baseTwo, pat.token);
      const alsoTwo = await connect(baseTwo, sam.token);
      clients.push(facilitator, onTwo, alsoTwo);
      for (const c of clients) expect(await c.emit(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true });
      await facilitator.until(() => facilitator.presence.at(-1)?.present.length === 3, 'presence across processes');
      // Commands through both processes, interleaved: one order, no gaps, on every screen.
      await facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'start'));
      await facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'advance'));
      await Promise.all([
        onTwo.emit(LIVE_MESSAGES.command, command(meetingId, 'bid', { wantsTime: true, urgency: 5 })),
        alsoTwo.emit(LIVE_MESSAGES.command, command(meetingId, 'bid', { wantsTime: true, urgency: 2 })),
        facilitator.emit(LIVE_MESSAGES.command, command(meetingId, 'bid', { wantsTime: false, urgency: 1 })),
      ]);
      for (const c of clients) await c.until(() => c.events.length === 5, 'five events');
      const order = (c: LiveClient) => c.events.map((e) => `${e.seq}:${e.type}:${'userId' in e.payload ? e.payload.userId : ''}`);
      expect(order(onTwo)).toEqual(order(facilitator));
      expect(order(alsoTwo)).toEqual(order(facilitator));
      expect(facilitator.events.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
      // Removed through process one, cut off on process two.
      const gone = new Promise((resolve) => alsoTwo.socket.once('disconnect', resolve));
      await request(one.http).delete(`/api/sets/${set.id}/members/${sam.id}`).set(fran.auth).expect(204);
      await gone;
      expect(alsoTwo.closed).toEqual(['You are no longer a member of this set.']);
    } finally {
      for (const c of clients) c.close();
      await one.close();
      await two.close();
    }
  });

  it('stops a process with people still connected cleanly: who left is told through Redis before it lets go, and nothing fails', async () => {
    const rejections: unknown[] = [];
    const noteRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', noteRejection);
    const one = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    const two = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    let oneOpen = true;
    const clients: LiveClient[] = [];
    try {
      const [baseOne, baseTwo] = [await listen(one), await listen(two)];
      const fran = await registerUser(one, { displayName: 'Fran' });
      const set = await createSet(one, fran);
      const pat = await addMember(one, fran, set.id);
      const meetingId = (await request(one.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body.id as string;
      const onOne = await connect(baseOne, fran.token);
      const onTwo = await connect(baseTwo, pat.token);
      clients.push(onOne, onTwo);
      for (const c of clients) expect(await c.emit(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true });
      await onTwo.until(() => onTwo.presence.at(-1)?.present.length === 2, 'both present');
      // Process one stops while Fran is still connected to it.
      await one.close();
      oneOpen = false;
      await onTwo.until(() => onTwo.presence.at(-1)?.present.map((p) => p.userId).join() === pat.id, 'Fran gone from the presence list');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(rejections).toEqual([]);
      // Process two carries on.
      expect(await onTwo.emit(LIVE_MESSAGES.command, command(meetingId, 'bid', { wantsTime: true, urgency: 1 }))).toMatchObject({ ok: false, error: expect.any(String) });
      expect(await onTwo.emit(LIVE_MESSAGES.resync, { meetingId, sinceSeq: 0 })).toMatchObject({ ok: true, seq: 0 });
    } finally {
      process.off('unhandledRejection', noteRejection);
      for (const c of clients) c.close();
      if (oneOpen) await one.close();
      await two.close();
    }
  });
});
