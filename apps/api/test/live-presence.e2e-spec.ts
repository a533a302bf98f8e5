import { randomUUID } from 'node:crypto';
import { LIVE_MESSAGES, type EvaluationResponse, type LiveCommandAck, type LiveJoinAck, type LiveSessionState, type MeetingResponse, type SessionRecordResponse } from '@als/shared';
import { LiveSessionsService } from '@api/live/live-sessions.service';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { request, startTestApp, TestApp } from './app';

const command = (meetingId: string, type: string, payload: Record<string, unknown> = {}) => ({ commandId: randomUUID(), meetingId, type, payload });

/**
 * Who is at the meeting, in the live session: people who sent an apology are out of the turn
 * order, bids and ratings until they arrive (then they join the order under way); in a meeting
 * in person, those recorded in the room count as present, and a device that only runs the
 * projector does not count its own account.
 */
describe('presence in live sessions: apologies, late arrivals, the room', () => {
  let t: TestApp;
  let base: string;
  let fran: TestUser;
  let pat: TestUser;
  let dana: TestUser;
  let sam: TestUser;
  let setId: string;
  const clients: LiveClient[] = [];
  const open = async (who: TestUser) => {
    const client = await connect(base, who.token);
    clients.push(client);
    return client;
  };
  const schedule = async (format: 'online' | 'in-person') =>
    ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2031-05-06T09:30', durationMinutes: 210, format }).expect(201)).body as MeetingResponse).id;
  /** Sends a command and expects it applied; answers the state the client then holds, as the latest join or event shows. */
  const send = async (client: LiveClient, meetingId: string, type: string, payload: Record<string, unknown> = {}) => {
    const ack = await client.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, type, payload));
    expect({ type, ack }).toEqual({ type, ack: { ok: true, seq: expect.any(Number) } });
  };
  const refusal = async (client: LiveClient, meetingId: string, type: string, payload: Record<string, unknown> = {}) => {
    const ack = await client.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, type, payload));
    return ack.ok ? null : ack.error;
  };
  const join = async (client: LiveClient, body: Record<string, unknown>) => {
    const ack = await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, body);
    if (!ack.ok) throw new Error(ack.error);
    return ack.state;
  };
  const stateOf = async (client: LiveClient, meetingId: string): Promise<LiveSessionState> => join(client, { meetingId });

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { mode: 'blended' })).id;
    pat = await addMember(t, fran, setId);
    dana = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  describe('someone who sent an apology', () => {
    let meetingId: string;
    let console: LiveClient;

    beforeAll(async () => {
      meetingId = await schedule('online');
      await request(t.http).put(`/api/meetings/${meetingId}/attendance`).set(dana.auth).send({ status: 'apology', reason: 'Court hearing' }).expect(200);
      console = await open(fran);
      await join(console, { meetingId });
      for (const who of [pat, sam]) await join(await open(who), { meetingId });
    });

    it('is out of bidding and the turn order, so the questioning does not wait for them', async () => {
      await send(console, meetingId, 'start');
      let state = await stateOf(console, meetingId);
      expect(state.absent).toEqual([dana.id]);
      await send(console, meetingId, 'advance');
      expect(await refusal(console, meetingId, 'bid', { wantsTime: true, urgency: 3, onBehalfOf: dana.id })).toContain('sent an apology for this meeting');
      await send(console, meetingId, 'setOrder', { presenterIds: [pat.id] });
      for (let i = 0; i < 3; i++) await send(console, meetingId, 'advance');
      state = await stateOf(console, meetingId);
      expect(state.phase).toBe('questions');
      expect(state.turn?.order).toEqual([fran.id, sam.id]);
      await send(console, meetingId, 'pass');
      // Sam's turn, not Dana's: nobody has to pass for her.
      const samClient = await open(sam);
      await join(samClient, { meetingId });
      await send(samClient, meetingId, 'ask', { text: 'What would help you most today?' });
    });

    it('joins the turn order under way on arriving late, and may then ask and rate', async () => {
      const danaClient = await open(dana);
      const state = await join(danaClient, { meetingId });
      // The server noted the arrival before answering the join.
      expect(state.absent).toEqual([]);
      expect(state.turn?.order).toEqual([fran.id, sam.id, dana.id]);
      const samClient = await open(sam);
      await join(samClient, { meetingId });
      await send(samClient, meetingId, 'pass');
      await send(danaClient, meetingId, 'ask', { text: 'What have you tried so far?' });
      const events = (await t.db.query(`SELECT "type", "commandId", "actorId" FROM "session_events" WHERE "meetingId" = $1 AND "type" = 'arrived'`, [meetingId])) as { type: string; commandId: string; actorId: string | null }[];
      expect(events).toEqual([{ type: 'arrived', commandId: `arrival:${dana.id}`, actorId: null }]);
      await send(console, meetingId, 'goTo', { phase: 'process-review' });
      await send(danaClient, meetingId, 'rate', { rating: 4 });
    });

    it('keeps the server’s arrival ids for the server', async () => {
      const ack = await console.emit<LiveCommandAck>(LIVE_MESSAGES.command, { commandId: `arrival:${sam.id}`, meetingId, type: 'advance', payload: {} });
      expect(ack).toEqual({ ok: false, error: 'commandId must not start with "arrival:" (the server’s own commands use those).' });
      expect(await refusal(console, meetingId, 'arrive', { userId: 'someone' })).toContain('payload.userId');
    });
  });

  describe('a meeting in person, run from one console', () => {
    let meetingId: string;
    let console: LiveClient;
    let projector: LiveClient;

    beforeAll(async () => {
      meetingId = await schedule('in-person');
      await request(t.http).put(`/api/meetings/${meetingId}/attendance`).set(dana.auth).send({ status: 'apology', reason: 'Leave' }).expect(200);
    });

    it('does not count the account of a device that only runs the projector', async () => {
      // Sam's laptop runs the projector; Fran's the console.
      projector = await open(sam);
      await join(projector, { meetingId, inRoom: true, present: false });
      console = await open(fran);
      await join(console, { meetingId, inRoom: true });
      await console.until(() => console.presence.at(-1)?.present.length === 1, 'the console alone present');
      expect(console.presence.at(-1)?.present.map((p) => p.userId)).toEqual([fran.id]);
      await expect(join(projector, { meetingId, present: 'no' })).rejects.toThrow('present must be true or false');
    });

    it('counts people recorded in the room as present: the register, and what the facilitator records for them', async () => {
      // The register: Pat is in the room.
      await request(t.http).put(`/api/meetings/${meetingId}/attendance/${pat.id}`).set(fran.auth).send({ status: 'attending' }).expect(200);
      await send(console, meetingId, 'start');
      await send(console, meetingId, 'advance');
      // Dana came after all: the facilitator records her arrival, then her bid.
      await send(console, meetingId, 'arrive', { userId: dana.id });
      await send(console, meetingId, 'bid', { wantsTime: true, urgency: 4, onBehalfOf: dana.id });
      const record = (await request(t.http).get(`/api/meetings/${meetingId}/record`).set(fran.auth).expect(200)).body as SessionRecordResponse;
      const byId = (a: { userId: string }, b: { userId: string }) => a.userId.localeCompare(b.userId);
      expect([...record.attendance.present].sort(byId)).toEqual([fran, pat, dana].map((p) => ({ userId: p.id, inRoom: true })).sort(byId));
      expect(record.attendance.apologies).toEqual([]);
      const evaluation = (await request(t.http).get(`/api/sets/${setId}/evaluation`).set(fran.auth).expect(200)).body as EvaluationResponse;
      expect(evaluation.meetings.find((m) => m.meetingId === meetingId)?.present).toBe(3);
      const present = Object.fromEntries(evaluation.members!.map((m) => [m.userId, m.meetingsPresent]));
      // Sam ran the projector here and joined the online meeting; Dana arrived late there and was recorded here.
      expect(present).toEqual({ [fran.id]: 2, [pat.id]: 2, [dana.id]: 2, [sam.id]: 1 });
    });

    it('tells the room who is here: those recorded in the room as well as the devices joined', async () => {
      // Pat is on the register and Dana was recorded (arrival, bid) above; neither has a device in the session.
      const other = await open(fran);
      await join(other, { meetingId, inRoom: true, present: false });
      await other.until(() => other.presence.length > 0, 'a presence update');
      const names = (p: { userId: string }[] | undefined) => (p ?? []).map((x) => x.userId).sort();
      expect(names(other.presence.at(-1)?.present)).toEqual([fran.id, pat.id, dana.id].sort());
      expect(other.presence.at(-1)?.present.every((x) => x.inRoom)).toBe(true);
      // Recording something for Sam (in the room) tells the room at once.
      await send(console, meetingId, 'bid', { wantsTime: false, urgency: 1, onBehalfOf: sam.id });
      await other.until(() => names(other.presence.at(-1)?.present).includes(sam.id), 'Sam in the room');
      expect(other.presence.at(-1)?.present.find((x) => x.userId === sam.id)).toEqual({ userId: sam.id, displayName: expect.any(String), inRoom: true });
    });

    it('counts the console’s own account only when chosen', async () => {
      const other = await schedule('in-person');
      const device = await open(sam);
      await join(device, { meetingId: other, inRoom: true, present: false });
      const sessions = t.app.get(LiveSessionsService);
      expect((await sessions.attendance(other)).present).toEqual([]);
      await join(device, { meetingId: other, inRoom: true, present: true });
      expect((await sessions.attendance(other)).present).toEqual([{ userId: sam.id, inRoom: true }]);
    });
  });
});
