import { createHmac, randomUUID } from 'node:crypto';
import { CALL_MESSAGES, type EvaluationResponse, LIVE_MESSAGES, type CallAck, type CallJoinAck, type CallMuted, type CallPeerMessage, type CallSignal, type LiveCommandAck, type LiveJoinAck, type MeetingResponse, type SessionRecordResponse } from '@als/shared';
import type { Namespace } from 'socket.io';
import { LiveCall } from '@api/live/live-call.service';
import { VoiceAirtime } from '@api/live/voice-airtime';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, twoProcesses, type LiveClient } from './live-client';
import { request, startTestApp, TestApp } from './app';

const TURN = { TURN_SECRET: 'turn-shared-secret-0123456789', TURN_URLS: 'turn:turn.app.test:3478?transport=udp, turns:turn.app.test:5349', ICE_SERVERS: '[{"urls":"stun:stun.app.test:3478"}]' };
const offer = { type: 'offer' as const, sdp: 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\n' };

/** What a client of the call hears: signals, who came and went, mute-alls. */
interface Heard {
  signals: CallSignal[];
  joined: CallPeerMessage[];
  left: CallPeerMessage[];
  muted: CallMuted[];
}
function listenCall(client: LiveClient): Heard {
  const heard: Heard = { signals: [], joined: [], left: [], muted: [] };
  client.socket.on(CALL_MESSAGES.signal, (s: CallSignal) => heard.signals.push(s));
  client.socket.on(CALL_MESSAGES.joined, (p: CallPeerMessage) => heard.joined.push(p));
  client.socket.on(CALL_MESSAGES.left, (p: CallPeerMessage) => heard.left.push(p));
  client.socket.on(CALL_MESSAGES.muted, (m: CallMuted) => heard.muted.push(m));
  return heard;
}

async function scheduleMeeting(t: TestApp, facilitator: TestUser, setId: string): Promise<string> {
  return ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(facilitator.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 180, format: 'online' }).expect(201)).body as MeetingResponse).id;
}

/** The set's own call (CONTRACT.md): signalling over /live only between people in the meeting's session. */
describe('the set\'s own call over /live', () => {
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
  /** A person in the session and in its call. */
  const inCall = async (who: TestUser, meeting = meetingId) => {
    const client = await open(who);
    const heard = listenCall(client);
    expect(await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId: meeting })).toMatchObject({ ok: true });
    const joined = await client.emit<CallJoinAck>(CALL_MESSAGES.join, { meetingId: meeting });
    expect(joined).toMatchObject({ ok: true });
    return { client, heard, joined: joined as Extract<CallJoinAck, { ok: true }> };
  };

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0', ...TURN });
    base = await listen(t);
    fran = await registerUser(t, { displayName: 'Fran' });
    const set = await createSet(t, fran);
    setId = set.id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    sponsor = await addMember(t, fran, setId, 'sponsor');
    outsider = await registerUser(t, { displayName: 'Olly' });
    meetingId = await scheduleMeeting(t, fran, setId);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });
  afterEach(() => {
    for (const c of clients.splice(0)) c.close();
  });

  describe('call:join', () => {
    it('answers the ICE servers and who is in the call, and tells the others someone came', async () => {
      const a = await inCall(fran);
      expect(a.joined.peers).toEqual([]);
      const b = await inCall(pat);
      expect(b.joined.peers).toEqual([fran.id]);
      await a.client.until(() => a.heard.joined.some((p) => p.userId === pat.id), 'fran hears pat came');
      expect(b.joined.iceServers[0]).toEqual({ urls: 'stun:stun.app.test:3478' });
    });

    it('signs TURN credentials in coturn\'s shared-secret scheme, valid at most 24 hours, for the person', async () => {
      const before = Math.floor(Date.now() / 1000);
      const { joined } = await inCall(pat);
      const turn = joined.iceServers.find((s) => String(s.urls).includes('turn:'))!;
      expect(turn.urls).toEqual(['turn:turn.app.test:3478?transport=udp', 'turns:turn.app.test:5349']);
      const [expiry, userId] = turn.username!.split(':');
      expect(userId).toBe(pat.id);
      expect(Number(expiry)).toBeGreaterThan(before);
      expect(Number(expiry) - before).toBeLessThanOrEqual(24 * 3600 + 5);
      expect(turn.credential).toBe(createHmac('sha1', TURN.TURN_SECRET).update(turn.username!).digest('base64'));
      expect(Date.parse(joined.credentialsExpireAt!)).toBe(Number(expiry) * 1000);
    });

    it('refuses someone who has not joined the session: sponsors and outsiders get no ICE servers', async () => {
      for (const who of [sponsor, outsider]) {
        const client = await open(who);
        expect(await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: false });
        expect(await client.emit<CallJoinAck>(CALL_MESSAGES.join, { meetingId })).toEqual({ ok: false, error: 'Join the meeting first (session:join).' });
      }
    });

    it('takes a person\'s other device out of the call, and the others are not told they left', async () => {
      const a = await inCall(fran);
      const first = await inCall(pat);
      await a.client.until(() => a.heard.joined.some((p) => p.userId === pat.id), 'pat came');
      const second = await inCall(pat);
      expect(second.joined.peers).toEqual([fran.id]);
      await first.client.until(() => first.heard.left.some((p) => p.userId === pat.id), 'the first device told it left');
      expect(await first.client.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: fran.id, description: offer })).toEqual({ ok: false, error: 'Join the call first (call:join).' });
      expect(await first.client.emit<CallAck>(CALL_MESSAGES.leave, { meetingId })).toEqual({ ok: true });
      expect(await second.client.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: fran.id, description: offer })).toEqual({ ok: true });
      await a.client.until(() => a.heard.signals.length === 1, 'fran gets the new device\'s offer');
      expect(a.heard.left).toEqual([]);
    });
  });

  describe('at most 8 people', () => {
    it('refuses a 9th person, and of two joining at once as the 8th, exactly one gets in', async () => {
      const everyone = [fran, pat, sam];
      for (let i = everyone.length; i < 10; i++) everyone.push(await addMember(t, fran, setId));
      const meeting = await scheduleMeeting(t, fran, setId);
      for (const who of everyone.slice(0, 7)) await inCall(who, meeting);
      const [eighth, ninth] = await Promise.all(
        everyone.slice(7, 9).map(async (who) => {
          const client = await open(who);
          await client.emit(LIVE_MESSAGES.join, { meetingId: meeting });
          return client;
        }),
      );
      // Both look at who is in before either is in: their first looks wait for each other.
      const io = (t.app.get(LiveCall) as unknown as { server: Namespace }).server;
      const original = io.in.bind(io);
      const waiting: (() => void)[] = [];
      let armed = 2;
      const spy = jest.spyOn(io, 'in').mockImplementation((room) => {
        const operator = original(room);
        if (armed > 0 && room === `call:${meeting}`) {
          armed--;
          const fetch = operator.fetchSockets.bind(operator);
          operator.fetchSockets = async () => {
            const found = await fetch();
            await new Promise<void>((resolve) => {
              waiting.push(resolve);
              if (waiting.length === 2) for (const go of waiting) go();
            });
            return found;
          };
        }
        return operator;
      });
      const answers = await Promise.all([eighth, ninth].map((c) => c.emit<CallJoinAck>(CALL_MESSAGES.join, { meetingId: meeting })));
      spy.mockRestore();
      expect(waiting).toHaveLength(2);
      expect(answers.filter((a) => a.ok)).toHaveLength(1);
      expect(answers.find((a) => !a.ok)).toEqual({ ok: false, error: expect.stringContaining('The call is full: 8 people at most') });
      const tenth = await open(everyone[9]);
      await tenth.emit(LIVE_MESSAGES.join, { meetingId: meeting });
      expect(await tenth.emit<CallJoinAck>(CALL_MESSAGES.join, { meetingId: meeting })).toMatchObject({ ok: false, error: expect.stringContaining('The call is full') });
      // The one refused is not in the call: their signals are refused.
      const refused = answers[0].ok ? ninth : eighth;
      expect(await refused.emit<CallAck>(CALL_MESSAGES.signal, { meetingId: meeting, to: fran.id, description: offer })).toEqual({ ok: false, error: 'Join the call first (call:join).' });
    });
  });

  describe('call:signal', () => {
    it('relays an offer, an answer and candidates to the one person named, and to nobody else', async () => {
      const a = await inCall(fran);
      const b = await inCall(pat);
      const c = await inCall(sam);
      // Someone in the session but not in the call, and a sponsor and an outsider connected: they hear nothing.
      const watcher = await open(pat);
      const watcherHeard = listenCall(watcher);
      expect(await watcher.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId })).toMatchObject({ ok: true });
      const others = [await open(sponsor), await open(outsider)].map(listenCall);
      const candidate = { candidate: 'candidate:1 1 udp 2122260223 192.0.2.1 54400 typ host', sdpMid: '0', sdpMLineIndex: 0, usernameFragment: 'abcd' };
      expect(await a.client.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: pat.id, description: offer })).toEqual({ ok: true });
      expect(await a.client.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: pat.id, candidate })).toEqual({ ok: true });
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: fran.id, description: { type: 'answer', sdp: 'v=0\r\n' } })).toEqual({ ok: true });
      await b.client.until(() => b.heard.signals.length === 2, 'pat gets the offer and the candidate');
      await a.client.until(() => a.heard.signals.length === 1, 'fran gets the answer');
      expect(b.heard.signals).toEqual([
        { meetingId, from: fran.id, description: offer },
        { meetingId, from: fran.id, candidate },
      ]);
      expect(a.heard.signals).toEqual([{ meetingId, from: pat.id, description: { type: 'answer', sdp: 'v=0\r\n' } }]);
      // A round trip later, nothing more arrived anywhere else.
      await c.client.emit(CALL_MESSAGES.leave, { meetingId });
      expect(c.heard.signals).toEqual([]);
      expect(watcherHeard.signals).toEqual([]);
      for (const heard of others) expect(heard).toEqual({ signals: [], joined: [], left: [], muted: [] });
    });

    it('names what is wrong with a bad signal and relays nothing', async () => {
      const a = await inCall(fran);
      const b = await inCall(pat);
      const bad: [unknown, RegExp][] = [
        [{ to: pat.id, description: offer }, /meetingId/],
        [{ meetingId, to: 'pat', description: offer }, /to must be a person id/],
        [{ meetingId, to: pat.id }, /either description or candidate/],
        [{ meetingId, to: pat.id, description: offer, candidate: { candidate: 'x' } }, /either description or candidate/],
        [{ meetingId, to: pat.id, description: { type: 'hello', sdp: '' } }, /description.type/],
        [{ meetingId, to: pat.id, description: { type: 'offer', sdp: 'x'.repeat(30_001) } }, /sdp must be at most 30000/],
        [{ meetingId, to: pat.id, candidate: { candidate: 'x'.repeat(1001) } }, /candidate.candidate must be at most 1000/],
        [{ meetingId, to: pat.id, description: offer, extra: 1 }, /extra is not allowed/],
        [{ meetingId, to: fran.id, description: offer }, /someone else/],
        [{ meetingId: randomUUID(), to: pat.id, description: offer }, /Join the meeting first/],
        ['offer', /must be an object/],
      ];
      for (const [body, error] of bad) {
        const answer = await a.client.emit<CallAck>(CALL_MESSAGES.signal, body);
        expect({ body, answer }).toEqual({ body, answer: { ok: false, error: expect.stringMatching(error) } });
      }
      await a.client.emit(CALL_MESSAGES.signal, { meetingId, to: pat.id, description: offer });
      await b.client.until(() => b.heard.signals.length > 0, 'the good one');
      expect(b.heard.signals).toHaveLength(1);
    });

    it('refuses a signal from someone who left the call; the others hear they left', async () => {
      const a = await inCall(fran);
      const b = await inCall(pat);
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.leave, { meetingId })).toEqual({ ok: true });
      await a.client.until(() => a.heard.left.some((p) => p.userId === pat.id), 'fran hears pat left');
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: fran.id, description: offer })).toEqual({ ok: false, error: 'Join the call first (call:join).' });
      // Closing the connection leaves the call too.
      const c = await inCall(sam);
      c.client.close();
      await a.client.until(() => a.heard.left.some((p) => p.userId === sam.id), 'fran hears sam went');
    });
  });

  describe('call:mute-all', () => {
    it('lets the facilitator mute everyone in the call, and nobody else', async () => {
      const a = await inCall(fran);
      const b = await inCall(pat);
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.muteAll, { meetingId })).toEqual({ ok: false, error: 'Only the facilitator of the session can mute everyone.' });
      expect(await a.client.emit<CallAck>(CALL_MESSAGES.muteAll, { meetingId })).toEqual({ ok: true });
      await b.client.until(() => b.heard.muted.length === 1, 'pat is muted');
      expect(b.heard.muted).toEqual([{ meetingId, by: fran.id }]);
    });
  });

  describe('call:speaking', () => {
    it('sums the speaking intervals each person reports, counting overlaps and repeats once, and records them when they leave', async () => {
      const meeting = await scheduleMeeting(t, fran, setId);
      const a = await inCall(fran, meeting);
      const b = await inCall(pat, meeting);
      expect(await a.client.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId: meeting, type: 'start', payload: {} })).toMatchObject({ ok: true });
      const now = Date.now();
      const at = (ago: number) => new Date(now - ago).toISOString();
      const report = { meetingId: meeting, intervals: [{ startedAt: at(30_000), ms: 4_000 }, { startedAt: at(28_000), ms: 4_000 }, { startedAt: at(10_000), ms: 2_500 }] };
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.speaking, report)).toEqual({ ok: true });
      // Sent again (a retry): nothing more.
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.speaking, report)).toEqual({ ok: true });
      expect(await a.client.emit<CallAck>(CALL_MESSAGES.speaking, { meetingId: meeting, intervals: [{ startedAt: at(5_000), ms: 1_200 }] })).toEqual({ ok: true });
      expect(t.app.get(VoiceAirtime).pending(meeting)).toEqual({ [pat.id]: 8_500, [fran.id]: 1_200 });
      expect(await b.client.emit<CallAck>(CALL_MESSAGES.leave, { meetingId: meeting })).toEqual({ ok: true });
      const record = (await request(t.http).get(`/api/meetings/${meeting}/record`).set(fran.auth).expect(200)).body as SessionRecordResponse;
      expect(record.airtime.voice).toEqual([{ userId: pat.id, ms: 8_500 }]);
    });

    it('refuses bad reports and a report from outside the call', async () => {
      const a = await inCall(fran);
      const bad: [unknown, RegExp][] = [
        [{ meetingId, intervals: [] }, /at least one/],
        [{ meetingId, intervals: [{ startedAt: 'yesterday', ms: 10 }] }, /startedAt/],
        [{ meetingId, intervals: [{ startedAt: new Date().toISOString(), ms: 60_001 }] }, /ms must be at most 60000/],
        [{ meetingId, intervals: [{ startedAt: new Date().toISOString(), ms: 0 }] }, /ms must be at least 1/],
        [{ meetingId, intervals: Array.from({ length: 121 }, () => ({ startedAt: new Date().toISOString(), ms: 10 })) }, /at most 120/],
        [{ meetingId, intervals: [{ startedAt: new Date().toISOString(), ms: 10, audio: 'AAAA' }] }, /audio is not allowed/],
      ];
      for (const [body, error] of bad) {
        const answer = await a.client.emit<CallAck>(CALL_MESSAGES.speaking, body);
        expect({ body, answer }).toEqual({ body, answer: { ok: false, error: expect.stringMatching(error) } });
      }
      // Nobody but the server records voice airtime.
      expect(await a.client.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId, type: 'recordVoice', payload: { userId: fran.id, ms: 60_000 } })).toEqual({ ok: false, error: expect.stringContaining('type must be one of') });
      const b = await open(pat);
      await b.emit(LIVE_MESSAGES.join, { meetingId });
      expect(await b.emit<CallAck>(CALL_MESSAGES.speaking, { meetingId, intervals: [{ startedAt: new Date().toISOString(), ms: 10 }] })).toEqual({ ok: false, error: 'Join the call first (call:join).' });
    });
  });
});

describe('the call\'s voice airtime across a restart', () => {
  it('keeps the totals recorded each minute in the event log: a new process answers them', async () => {
    let t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    let base = await listen(t);
    const fran = await registerUser(t, { displayName: 'Fran' });
    const set = await createSet(t, fran);
    const pat = await addMember(t, fran, set.id);
    const meetingId = await scheduleMeeting(t, fran, set.id);
    const a = await connect(base, fran.token);
    const b = await connect(base, pat.token);
    for (const c of [a, b]) {
      await c.emit(LIVE_MESSAGES.join, { meetingId });
      await c.emit(CALL_MESSAGES.join, { meetingId });
    }
    await a.emit(LIVE_MESSAGES.command, { commandId: randomUUID(), meetingId, type: 'start', payload: {} });
    await b.emit(CALL_MESSAGES.speaking, { meetingId, intervals: [{ startedAt: new Date(Date.now() - 20_000).toISOString(), ms: 6_000 }] });
    // The minute's record, as the process's timer makes it.
    await t.app.get(VoiceAirtime).flushAll();
    await b.emit(CALL_MESSAGES.speaking, { meetingId, intervals: [{ startedAt: new Date(Date.now() - 5_000).toISOString(), ms: 1_500 }] });
    const logged = (await t.db.query(`SELECT payload FROM session_events WHERE "meetingId" = $1 AND type = 'voiceRecorded' ORDER BY seq`, [meetingId])) as { payload: unknown }[];
    expect(logged.map((r) => r.payload)).toEqual([{ userId: pat.id, ms: 6_000 }]);
    a.close();
    b.close();
    // Stopping records what was summed since (the process's last minute).
    await t.close();
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
    const record = (await request(t.http).get(`/api/meetings/${meetingId}/record`).set(pat.auth).expect(200)).body as SessionRecordResponse;
    expect(record.airtime.voice).toEqual([{ userId: pat.id, ms: 7_500 }]);
    // The evaluation shows it beside presenter time and questions.
    const evaluation = (await request(t.http).get(`/api/sets/${set.id}/evaluation`).set(fran.auth).expect(200)).body as EvaluationResponse;
    expect(evaluation.members!.find((m) => m.userId === pat.id)).toMatchObject({ voiceMinutes: 0.1, airtimeMinutes: 0 });
    await t.close();
  });
});

describe('the call\'s rate limit', () => {
  it('counts call messages with every other live message and cuts a flooder off', async () => {
    const t = await startTestApp({ LIVE_RATE_LIMIT: '5' });
    const base = await listen(t);
    const fran = await registerUser(t);
    const set = await createSet(t, fran);
    const pat = await addMember(t, fran, set.id);
    const meetingId = await scheduleMeeting(t, fran, set.id);
    const a = await connect(base, fran.token);
    await a.emit(LIVE_MESSAGES.join, { meetingId });
    await a.emit(CALL_MESSAGES.join, { meetingId });
    const answers: unknown[] = [];
    for (let i = 0; i < 4; i++) answers.push(await a.emit(CALL_MESSAGES.signal, { meetingId, to: pat.id, description: offer }).catch(() => 'closed'));
    expect(answers).toEqual([{ ok: true }, { ok: true }, { ok: true }, { ok: false, error: 'Too many messages.' }]);
    await a.until(() => a.closed.length > 0, 'the connection closed');
    a.close();
    await t.close();
  });
});

const redisUrl = process.env.REDIS_URL;
(redisUrl ? describe : describe.skip)(`the call across two API processes (REDIS_URL${redisUrl ? '' : ' not set: skipped'})`, () => {
  const processes = twoProcesses(redisUrl!);

  it('relays signals and departures between people connected to different processes', async () => {
    const { one, two, baseTwo, clients } = processes;
    const baseOne = `http://127.0.0.1:${(one.app.getHttpServer() as { address(): { port: number } }).address().port}`;
    const fran = await registerUser(one, { displayName: 'Fran' });
    const set = await createSet(one, fran);
    const pat = await addMember(one, fran, set.id);
    const outsider = await registerUser(two, { displayName: 'Olly' });
    const meetingId = await scheduleMeeting(one, fran, set.id);
    const a = await connect(baseOne, fran.token);
    const b = await connect(baseTwo, pat.token);
    const o = await connect(baseTwo, outsider.token);
    clients.push(a, b, o);
    const [ha, hb, ho] = [a, b, o].map(listenCall);
    for (const c of [a, b]) await c.emit(LIVE_MESSAGES.join, { meetingId });
    expect(await a.emit<CallJoinAck>(CALL_MESSAGES.join, { meetingId })).toMatchObject({ ok: true, peers: [] });
    expect(await b.emit<CallJoinAck>(CALL_MESSAGES.join, { meetingId })).toMatchObject({ ok: true, peers: [fran.id] });
    await a.until(() => ha.joined.length === 1, 'fran (process one) hears pat (process two) came');
    expect(await a.emit<CallAck>(CALL_MESSAGES.signal, { meetingId, to: pat.id, description: offer })).toEqual({ ok: true });
    await b.until(() => hb.signals.length === 1, 'pat gets fran\'s offer through Redis');
    expect(hb.signals[0]).toEqual({ meetingId, from: fran.id, description: offer });
    b.close();
    await a.until(() => ha.left.some((p) => p.userId === pat.id), 'fran hears pat left, through Redis');
    expect(ho).toEqual({ signals: [], joined: [], left: [], muted: [] });
  });

  it('does not tell the call that the people of a stopping process left: they are reconnecting, their audio goes on browser to browser', async () => {
    const { one, clients } = processes;
    const baseOne = `http://127.0.0.1:${(one.app.getHttpServer() as { address(): { port: number } }).address().port}`;
    const three = await startTestApp({ LIVE_RATE_LIMIT: '0', REDIS_URL: redisUrl! });
    const baseThree = await listen(three);
    const fran = await registerUser(one, { displayName: 'Fran' });
    const set = await createSet(one, fran);
    const pat = await addMember(one, fran, set.id);
    const meetingId = await scheduleMeeting(one, fran, set.id);
    const a = await connect(baseOne, fran.token);
    const b = await connect(baseThree, pat.token);
    clients.push(a, b);
    const heard = listenCall(a);
    for (const c of [a, b]) {
      await c.emit(LIVE_MESSAGES.join, { meetingId });
      await c.emit(CALL_MESSAGES.join, { meetingId });
    }
    await a.until(() => heard.joined.some((p) => p.userId === pat.id), 'fran hears pat came');
    await a.until(() => a.presence.at(-1)?.present.length === 2, 'both present');
    await three.close();
    // The stopping process's news of Pat (after the call's, had there been any) reaches process one.
    await a.until(() => a.presence.at(-1)?.present.length === 1, 'fran sees pat gone from the session');
    expect(heard.left).toEqual([]);
  });
});
