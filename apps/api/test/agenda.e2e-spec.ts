import type { AgendaResponse, RoundDetailResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

describe('GET /api/me/agenda', () => {
  const clock = new TestClock('2027-03-01T09:00:00Z');
  let t: TestApp;
  let facilitator: TestUser;
  let member: TestUser;
  let sponsor: TestUser;
  let setId: string;
  let nowMeetingId: string;
  let roundId: string;

  const agendaOf = async (person: TestUser) => (await request(t.http).get('/api/me/agenda').set(person.auth).expect(200)).body as AgendaResponse;

  beforeAll(async () => {
    t = await startTestApp({}, { clock });
    facilitator = await registerUser(t, { displayName: 'Fran Facilitator', timeZone: 'Europe/London' });
    const set = await createSet(t, facilitator, { name: 'Hard cases' });
    setId = set.id;
    member = await registerUser(t, { displayName: 'Pat Practitioner', timeZone: 'America/New_York' });
    const invitation = await request(t.http).post(`/api/sets/${setId}/invitations`).set(facilitator.auth).send({ email: member.email, role: 'member' }).expect(201);
    await request(t.http).post(`/api/invitations/${(invitation.body as { token: string }).token}/accept`).set(member.auth).send({ acceptGroundRules: true }).expect(200);
    sponsor = await addMember(t, facilitator, setId, 'sponsor');
    // One meeting starting in ten minutes, then a weekly series.
    nowMeetingId = ((await request(t.http).post(`/api/sets/${setId}/meetings`).set(facilitator.auth).send({ startsAt: '2027-03-01T09:10:00Z', durationMinutes: 120, format: 'online', videoUrl: 'https://meet.example.org/now' }).expect(201)).body as { id: string }).id;
    await request(t.http).post(`/api/sets/${setId}/meetings`).set(facilitator.auth).send({ startsAt: '2027-03-08T09:30', durationMinutes: 180, format: 'in-person', location: 'Room 4, Civic Centre', recurrence: 'FREQ=WEEKLY;COUNT=12' }).expect(201);
    const round = await request(t.http).post(`/api/sets/${setId}/rounds`).set(facilitator.auth).send({ title: 'A family, a decision', caseText: 'A decision I keep putting off.' }).expect(201);
    roundId = (round.body as RoundDetailResponse).id;
    await t.db.query(`INSERT INTO "actions" ("setId", "ownerId", "text", "dueAt") VALUES ($1, $2, 'Speak to the team manager', '2027-04-01')`, [setId, member.id]);
    // Another set, of people the member does not share it with: nothing of it may show.
    const other = await registerUser(t, { displayName: 'Olly Outsider' });
    const otherSet = await createSet(t, other, { name: 'Another set' });
    await request(t.http).post(`/api/sets/${otherSet.id}/meetings`).set(other.auth).send({ startsAt: '2027-03-01T09:05:00Z', durationMinutes: 60, format: 'online' }).expect(201);
    await request(t.http).post(`/api/sets/${otherSet.id}/rounds`).set(other.auth).send({ title: 'Not yours', caseText: 'Secret.' }).expect(201);
  });

  afterAll(() => t.close());

  it('tells a member what is needed from them across their sets: a session starting now, the next meeting, replies, a round they owe, an action', async () => {
    const agenda = await agendaOf(member);
    expect(agenda.timeZone).toBe('America/New_York');
    expect(agenda.now).toEqual([expect.objectContaining({ meetingId: nowMeetingId, setName: 'Hard cases', videoUrl: 'https://meet.example.org/now', role: 'member', livePhase: null })]);
    expect(agenda.nextMeetings).toEqual([expect.objectContaining({ setId, setName: 'Hard cases', startsAt: '2027-03-08T09:30:00.000Z', format: 'in-person', location: 'Room 4, Civic Centre', myReply: null })]);
    // The series' meetings within eight weeks wait for a reply (26 April at 09:30 London is 08:30 UTC, inside); later ones do not yet.
    expect(agenda.repliesToSend.map((m) => m.startsAt.slice(0, 10))).toEqual(['2027-03-08', '2027-03-15', '2027-03-22', '2027-03-29', '2027-04-05', '2027-04-12', '2027-04-19', '2027-04-26']);
    expect(agenda.roundsOwed).toEqual([expect.objectContaining({ roundId, setName: 'Hard cases', title: 'A family, a decision', phase: 'clarifying', presenting: false })]);
    expect(agenda.roundsOwed[0].phaseEndsAt).toMatch(/^2027-03-/);
    expect(agenda.actionsToReport).toEqual([expect.objectContaining({ setName: 'Hard cases', text: 'Speak to the team manager', dueAt: '2027-04-01' })]);
    expect(JSON.stringify(agenda)).not.toContain('Another set');
    expect(JSON.stringify(agenda)).not.toContain('Not yours');
  });

  it('drops what is done: a reply sent, a contribution written', async () => {
    const first = (await agendaOf(member)).repliesToSend[0];
    await request(t.http).put(`/api/meetings/${first.meetingId}/attendance`).set(member.auth).send({ status: 'attending' }).expect(200);
    await request(t.http).post(`/api/rounds/${roundId}/contributions`).set(member.auth).send({ body: 'What have you tried so far?' }).expect(201);
    const agenda = await agendaOf(member);
    expect((await agendaOf(facilitator)).roundsOwed).toEqual([expect.objectContaining({ presenting: true })]);
    expect(agenda.repliesToSend.map((m) => m.meetingId)).not.toContain(first.meetingId);
    expect(agenda.nextMeetings[0]).toEqual(expect.objectContaining({ meetingId: first.meetingId, myReply: 'attending' }));
    expect(agenda.roundsOwed).toEqual([]);
  });

  it('asks the presenter once the round reaches their phase (every member having asked, clarifying closed early)', async () => {
    const agenda = await agendaOf(facilitator);
    expect(agenda.roundsOwed).toEqual([expect.objectContaining({ roundId, phase: 'answers', presenting: true })]);
    expect(agenda.now.map((m) => m.meetingId)).toEqual([nowMeetingId]);
    expect((await agendaOf(member)).roundsOwed).toEqual([]);
  });

  it('shows a sponsor the schedule only: no replies, rounds or actions asked of them', async () => {
    const agenda = await agendaOf(sponsor);
    expect(agenda.nextMeetings).toHaveLength(1);
    expect(agenda.repliesToSend).toEqual([]);
    expect(agenda.roundsOwed).toEqual([]);
    expect(agenda.actionsToReport).toEqual([]);
  });

  it('no longer shows a meeting as starting now once it is over', async () => {
    clock.set('2027-03-01T11:30:00Z');
    try {
      expect((await agendaOf(member)).now).toEqual([]);
    } finally {
      clock.set('2027-03-01T09:00:00Z');
    }
  });

  it('refuses a caller who is not signed in', async () => {
    await request(t.http).get('/api/me/agenda').expect(401);
  });
});
