import { randomUUID } from 'node:crypto';
import { LIVE_MESSAGES, type LiveCommandAck, type LiveJoinAck, type MeetingResponse, type SessionRecordResponse, type SetContractResponse, type SetDetailResponse } from '@als/shared';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { connect, listen, LiveClient } from './live-client';
import { holdLocks } from './locks';
import { request, startTestApp, TestApp } from './app';

const command = (meetingId: string, type: string, payload: Record<string, unknown> = {}, commandId = randomUUID()) => ({ commandId, meetingId, type, payload });

/**
 * The method in the live session (issue 17) over the socket, on a real PostgreSQL: contracting
 * (its versions in GET /api/sets/:setId/contract, acceptance by those who were not there and by
 * people joining later), check-in as a round, open dialogue, offers, the process review's words.
 * Each command: applied and persisted before the ack, refused for the wrong person, bad input
 * named with nothing written.
 */
describe('the method in the live session', () => {
  let t: TestApp;
  let base: string;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let dana: TestUser;
  let outsider: TestUser;
  let setId: string;
  const clients: LiveClient[] = [];
  const newMeeting = async (startsAt: string) => ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt, durationMinutes: 210, format: 'online' }).expect(201)).body as MeetingResponse).id;
  const join = async (who: TestUser, meetingId: string) => {
    const client = await connect(base, who.token);
    clients.push(client);
    const ack = await client.emit<LiveJoinAck>(LIVE_MESSAGES.join, { meetingId });
    expect(ack).toMatchObject({ ok: true });
    return client;
  };
  const send = (client: LiveClient, meetingId: string, type: string, payload: Record<string, unknown> = {}) => client.emit<LiveCommandAck>(LIVE_MESSAGES.command, command(meetingId, type, payload));
  const logged = async (meetingId: string) => (await t.db.query('SELECT "seq", "type", "payload" FROM "session_events" WHERE "meetingId" = $1 ORDER BY "seq"', [meetingId])) as { seq: number; type: string; payload: Record<string, unknown> }[];
  const contractOf = async (who: TestUser) => (await request(t.http).get(`/api/sets/${setId}/contract`).set(who.auth).expect(200)).body as SetContractResponse;

  beforeAll(async () => {
    t = await startTestApp({ LIVE_RATE_LIMIT: '0' });
    base = await listen(t);
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { groundRules: 'What is said here stays here.' })).id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    dana = await addMember(t, fran, setId);
    outsider = await registerUser(t, { displayName: 'Olly' });
  });
  afterAll(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  describe('contracting', () => {
    let first: string;

    it('opens with the set’s first session: the draft for everyone, changes proposed, the agreed text kept as version 1 with who was present', async () => {
      first = await newMeeting('2031-05-06T09:30');
      await request(t.http).put(`/api/meetings/${first}/attendance`).set(dana.auth).send({ status: 'apology', reason: 'Leave' }).expect(200);
      expect((await contractOf(pat)).current).toBeNull();
      const facilitator = await join(fran, first);
      const member = await join(pat, first);
      expect(await send(facilitator, first, 'start')).toMatchObject({ ok: true });
      await member.until(() => member.events.some((e) => e.type === 'started'), 'started');
      expect(member.events.find((e) => e.type === 'started')?.payload).toMatchObject({ contracting: { open: true, draft: 'What is said here stays here.', proposals: [], agreed: null } });

      expect(await send(member, first, 'proposeChange', { text: 'Phones away.' })).toMatchObject({ ok: true });
      // The member cannot record the agreement; bad input is named; neither writes anything.
      const before = (await logged(first)).length;
      expect(await send(member, first, 'agreeContract', { text: 'Mine' })).toEqual({ ok: false, error: 'Only the facilitator can do this.' });
      expect(await send(facilitator, first, 'agreeContract', { text: 'x'.repeat(5001) })).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.text/) as unknown });
      expect(await send(facilitator, first, 'agreeContract', { text: 'Fine', extra: 1 })).toEqual({ ok: false, error: 'payload.extra is not allowed here' });
      expect(await logged(first)).toHaveLength(before);

      const agreed = await send(facilitator, first, 'agreeContract', { text: 'What is said here stays here.\nPhones away.' });
      expect(agreed).toMatchObject({ ok: true });
      // Persisted before the ack: the event and the version are there once it is answered.
      const [event] = (await logged(first)).slice(-1);
      expect(event).toMatchObject({ type: 'contractAgreed', payload: { presentIds: [fran.id, pat.id, sam.id] } });
      const mine = await contractOf(pat);
      expect(mine.current).toMatchObject({ version: 1, text: 'What is said here stays here.\nPhones away.', meetingId: first, present: [{ userId: fran.id }, { userId: pat.id }, { userId: sam.id }], acceptedBy: [] });
      expect(mine.mine).toEqual({ acceptedVersion: 1, needsAcceptance: false });
      // The set's ground rules are the agreed text: invitations show it.
      expect(((await request(t.http).get(`/api/sets/${setId}`).set(fran.auth).expect(200)).body as SetDetailResponse).groundRules).toBe('What is said here stays here.\nPhones away.');
    });

    it('asks Dana, who was not there, to accept the current version: only that one, and only with a whole version number', async () => {
      expect((await contractOf(dana)).mine).toEqual({ acceptedVersion: null, needsAcceptance: true });
      const refused = await request(t.http).post(`/api/sets/${setId}/contract/accept`).set(dana.auth).send({ version: 2 }).expect(409);
      expect(refused.body).toMatchObject({ code: 'contract.not-current', message: 'Version 2 is not the current one: read version 1 and accept that.' });
      await request(t.http).post(`/api/sets/${setId}/contract/accept`).set(dana.auth).send({ version: 'one' }).expect(400);
      await request(t.http).post(`/api/sets/${setId}/contract/accept`).set(dana.auth).send({ version: 1, extra: true }).expect(400);
      expect((await contractOf(dana)).mine.needsAcceptance).toBe(true);
      const accepted = (await request(t.http).post(`/api/sets/${setId}/contract/accept`).set(dana.auth).send({ version: 1 }).expect(200)).body as SetContractResponse;
      expect(accepted.mine).toEqual({ acceptedVersion: 1, needsAcceptance: false });
      expect(accepted.current?.acceptedBy).toEqual([{ userId: dana.id, displayName: dana.displayName }]);
    });

    it('has someone joining later accept the current version with the invitation; outsiders see nothing', async () => {
      const kim = await addMember(t, fran, setId);
      expect((await contractOf(kim)).mine).toEqual({ acceptedVersion: 1, needsAcceptance: false });
      await request(t.http).get(`/api/sets/${setId}/contract`).set(outsider.auth).expect(404);
      await request(t.http).post(`/api/sets/${setId}/contract/accept`).set(outsider.auth).send({ version: 1 }).expect(404);
    });

    it('stays closed at a later meeting until the facilitator opens it; a revisit is version 2, and those not there accept it', async () => {
      const later = await newMeeting('2031-06-03T09:30');
      await request(t.http).put(`/api/meetings/${later}/attendance`).set(dana.auth).send({ status: 'apology', reason: 'Away' }).expect(200);
      const facilitator = await join(fran, later);
      const member = await join(pat, later);
      expect(await send(facilitator, later, 'start')).toMatchObject({ ok: true });
      expect((await logged(later))[0].payload).toMatchObject({ contracting: { open: false, draft: 'What is said here stays here.\nPhones away.' } });
      expect(await send(member, later, 'proposeChange', { text: 'Start on time.' })).toEqual({ ok: false, error: 'Changes to the ground rules are proposed while the contracting step is open.' });
      expect(await send(member, later, 'setContracting', { open: true })).toEqual({ ok: false, error: 'Only the facilitator can do this.' });
      expect(await send(facilitator, later, 'setContracting', { open: 'yes' })).toEqual({ ok: false, error: 'payload.open must be true or false' });
      expect(await send(facilitator, later, 'setContracting', { open: true })).toMatchObject({ ok: true });
      expect(await send(facilitator, later, 'agreeContract', { text: 'What is said here stays here.\nPhones away.\nStart on time.' })).toMatchObject({ ok: true });
      const contract = await contractOf(dana);
      expect(contract.versions.map((v) => v.version)).toEqual([2, 1]);
      expect(contract.mine).toEqual({ acceptedVersion: 1, needsAcceptance: true });
      expect((await contractOf(pat)).mine).toEqual({ acceptedVersion: 2, needsAcceptance: false });
    });

    it('gives each version once when two meetings of the set agree at the same moment (the set row is locked)', async () => {
      const [a, b] = [await newMeeting('2031-07-01T09:30'), await newMeeting('2031-07-08T09:30')];
      const [ca, cb] = [await join(fran, a), await join(fran, b)];
      for (const [client, meetingId] of [[ca, a], [cb, b]] as const) {
        expect(await send(client, meetingId, 'start')).toMatchObject({ ok: true });
        // Open by itself while the set has no version yet; else the facilitator opens it.
        const [started] = await logged(meetingId);
        if (!(started.payload.contracting as { open: boolean }).open) expect(await send(client, meetingId, 'setContracting', { open: true })).toMatchObject({ ok: true });
      }
      const versions = async () => (await t.db.query(`SELECT "version", "meetingId" FROM "set_contract_versions" WHERE "setId" = $1 ORDER BY "version"`, [setId])) as { version: number; meetingId: string }[];
      const before = (await versions()).length;
      // A third connection holds the set row until both agreements stand at it, then lets them go together.
      const held = await holdLocks(t.db, [[`SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE`, [setId]]]);
      const racing = [send(ca, a, 'agreeContract', { text: 'Version A' }), send(cb, b, 'agreeContract', { text: 'Version B' })];
      await held.waitFor(2, racing);
      await held.release();
      const acks = await Promise.all(racing);
      expect(acks.map((ack) => ack.ok)).toEqual([true, true]);
      const after = await versions();
      expect(after.map((v) => v.version)).toEqual(Array.from({ length: before + 2 }, (_, i) => i + 1));
      expect(after.slice(before).map((v) => v.meetingId).sort()).toEqual([a, b].sort());
    });
  });

  describe('check-in, dialogue, offers and the process review', () => {
    let meetingId: string;
    let facilitator: LiveClient;
    let member: LiveClient;
    let other: LiveClient;

    beforeAll(async () => {
      meetingId = await newMeeting('2031-09-02T09:30');
      await request(t.http).put(`/api/meetings/${meetingId}/attendance`).set(dana.auth).send({ status: 'apology', reason: 'Leave' }).expect(200);
      [facilitator, member, other] = [await join(fran, meetingId), await join(pat, meetingId), await join(sam, meetingId)];
      expect(await send(facilitator, meetingId, 'start')).toMatchObject({ ok: true });
    });

    it('takes check-in as a round of the people at the meeting, without Dana, with an editable prompt', async () => {
      const [started] = await logged(meetingId);
      const people = (started.payload.checkIn as { order: string[] }).order;
      expect(people).not.toContain(dana.id);
      expect(people.slice(0, 3)).toEqual([fran.id, pat.id, sam.id]);
      expect(await send(facilitator, meetingId, 'setCheckInPrompt', { text: '' })).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.text/) as unknown });
      expect(await send(facilitator, meetingId, 'setCheckInPrompt', { text: 'One word?' })).toMatchObject({ ok: true });
      expect(await send(member, meetingId, 'nextSpeaker')).toEqual({ ok: false, error: "It is Fran's turn to check in; they or the facilitator move on." });
      expect(await send(facilitator, meetingId, 'nextSpeaker', { skip: true })).toEqual({ ok: false, error: 'payload.skip is not allowed here' });
      expect(await send(facilitator, meetingId, 'nextSpeaker')).toMatchObject({ ok: true });
      expect(await send(member, meetingId, 'nextSpeaker')).toMatchObject({ ok: true });
      expect((await logged(meetingId)).slice(-2).map((e) => [e.type, e.payload.index])).toEqual([['speakerChanged', 1], ['speakerChanged', 2]]);
    });

    it('runs Pat’s questions in open dialogue: anyone asks, the facilitator calls raised hands and steps out of turns', async () => {
      for (const step of [['advance', {}], ['setOrder', { presenterIds: [pat.id] }], ['advance', {}]] as const) expect(await send(facilitator, meetingId, step[0], step[1])).toMatchObject({ ok: true });
      expect(await send(facilitator, meetingId, 'setQuestionMode', { mode: 'freestyle' })).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.mode must be one of turns, dialogue/) as unknown });
      expect(await send(member, meetingId, 'setQuestionMode', { mode: 'dialogue' })).toEqual({ ok: false, error: 'Only the facilitator can do this.' });
      expect(await send(facilitator, meetingId, 'setQuestionMode', { mode: 'dialogue' })).toMatchObject({ ok: true });
      expect(await send(facilitator, meetingId, 'stepOutOfTurns', { out: true })).toMatchObject({ ok: true });
      expect(await send(facilitator, meetingId, 'advance')).toMatchObject({ ok: true });
      expect(await send(facilitator, meetingId, 'advance')).toMatchObject({ ok: true });
      expect(await send(other, meetingId, 'raiseHand')).toMatchObject({ ok: true });
      expect(await send(other, meetingId, 'callNext')).toEqual({ ok: false, error: 'Only the facilitator can do this.' });
      expect(await send(facilitator, meetingId, 'callNext', { userId: 'sam' })).toEqual({ ok: false, error: 'payload.userId must be a person id' });
      expect(await send(facilitator, meetingId, 'callNext')).toMatchObject({ ok: true });
      expect(await send(other, meetingId, 'ask', { text: 'What would change if you said no?' })).toMatchObject({ ok: true });
      expect(await send(other, meetingId, 'ask', { text: 'And who decides?' })).toMatchObject({ ok: true });
      expect(await send(other, meetingId, 'pass')).toEqual({ ok: false, error: 'This round is in open dialogue: there are no turns to pass.' });
      expect(await send(other, meetingId, 'raiseHand')).toMatchObject({ ok: true });
      expect(await send(facilitator, meetingId, 'lowerHand', { userId: sam.id })).toMatchObject({ ok: true });
      expect((await logged(meetingId)).filter((e) => ['floorGiven', 'asked', 'handRaised'].includes(e.type)).map((e) => e.type)).toEqual(['handRaised', 'floorGiven', 'asked', 'asked', 'handRaised', 'handRaised']);
    });

    it('refuses offers until Pat invites them, then takes them', async () => {
      expect(await send(other, meetingId, 'offer', { text: 'I have a contact there.' })).toEqual({ ok: false, error: 'Offers of experience or resources are made only when the presenter invites them.' });
      expect(await send(other, meetingId, 'inviteOffers', { open: true })).toEqual({ ok: false, error: 'Only the presenter invites offers; the facilitator can record it for them.' });
      expect(await send(member, meetingId, 'inviteOffers', { open: true })).toMatchObject({ ok: true });
      expect(await send(other, meetingId, 'offer', { text: 'I have a contact there.' })).toMatchObject({ ok: true });
      expect(await send(member, meetingId, 'offer', { text: 'Me' })).toEqual({ ok: false, error: 'The presenter receives offers; they do not make them.' });
    });

    it('keeps the process review’s words, anonymous ones without an author, and shows them in the meeting record', async () => {
      for (let i = 0; i < 3; i++) expect(await send(facilitator, meetingId, 'advance')).toMatchObject({ ok: true });
      expect(await send(member, meetingId, 'reviewComment', { prompt: 'helped', text: 'The silence after questions.' })).toMatchObject({ ok: true });
      const anonymousCommand = command(meetingId, 'reviewComment', { prompt: 'hindered', text: 'Advice crept in.', anonymous: true });
      const first = await other.emit<LiveCommandAck>(LIVE_MESSAGES.command, anonymousCommand);
      expect(first).toMatchObject({ ok: true });
      // The row says nobody sent it (the log keeps no actor for an anonymous word), yet its commandId stays bound to its sender:
      const [row] = (await t.db.query('SELECT "actorId", "commandDigest" FROM "session_events" WHERE "meetingId" = $1 AND "commandId" = $2', [meetingId, anonymousCommand.commandId])) as { actorId: string | null; commandDigest: string }[];
      expect(row.actorId).toBeNull();
      expect(row.commandDigest).toMatch(/^[0-9a-f]{64}$/);
      // the same person sending it again is answered with its seq, someone else under that id is refused, and nothing more is written.
      const before = (await logged(meetingId)).length;
      expect(await other.emit<LiveCommandAck>(LIVE_MESSAGES.command, anonymousCommand)).toEqual(first);
      expect(await member.emit<LiveCommandAck>(LIVE_MESSAGES.command, anonymousCommand)).toEqual({ ok: false, error: 'This commandId was already used for another command: send each new command with a new commandId.' });
      expect(await logged(meetingId)).toHaveLength(before);
      expect(await send(other, meetingId, 'reviewComment', { prompt: 'weather', text: 'x' })).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.prompt must be one of helped, hindered, questioning/) as unknown });
      const [anonymous] = (await logged(meetingId)).filter((e) => e.type === 'reviewCommented').slice(-1);
      expect(anonymous.payload).toMatchObject({ word: { prompt: 'hindered', authorId: null } });
      expect(JSON.stringify(anonymous.payload)).not.toContain(sam.id);
      // The facilitator running it without taking part (the console's "I take part"): applied and delivered, refused for others, bad input named and nothing written.
      const count = (await logged(meetingId)).length;
      expect(await send(member, meetingId, 'takePart', { takes: false })).toEqual({ ok: false, error: 'Only the facilitator can do this.' });
      expect(await send(facilitator, meetingId, 'takePart', { takes: 'no' })).toMatchObject({ ok: false, error: expect.stringMatching(/^payload\.takes must be true or false/) as unknown });
      expect(await logged(meetingId)).toHaveLength(count);
      expect(await send(facilitator, meetingId, 'takePart', { takes: false })).toMatchObject({ ok: true });
      await member.until(() => member.events.some((e) => e.type === 'takingPartSet'), 'takingPartSet delivered to Pat');
      expect(member.events.find((e) => e.type === 'takingPartSet')?.payload).toEqual({ userId: fran.id, takes: false });
      expect(await send(facilitator, meetingId, 'end')).toMatchObject({ ok: true });
      const record = (await request(t.http).get(`/api/meetings/${meetingId}/record`).set(pat.auth).expect(200)).body as SessionRecordResponse;
      expect(record.reviewWords).toEqual([
        { prompt: 'helped', text: 'The silence after questions.', authorId: pat.id },
        { prompt: 'hindered', text: 'Advice crept in.', authorId: null },
      ]);
      expect(record.offers).toEqual([{ presenterId: pat.id, userId: sam.id, text: 'I have a contact there.' }]);
      expect(record.ratings.count).toBe(0);
    });
  });
});
