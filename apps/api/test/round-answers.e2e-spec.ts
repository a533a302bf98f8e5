import type { RoundContributionResponse, RoundDelivery, RoundDetailResponse } from '@als/shared';
import { OutboxService } from '@api/mail/outbox.service';
import { TestClock } from '@api/common/clock';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

/*
 * Issue 18: the presenter answers each clarifying question on its own (POST contributions with
 * `replyToId`), the answers kept with their questions in the record; the contribution body without
 * it stays as CONTRACT.md has it (a general answer).
 */
describe('answering clarifying questions one by one', () => {
  const clock = new TestClock();
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let sponsor: TestUser;
  let outsider: TestUser;
  let setId: string;
  const open = (presenter: TestUser) => request(t.http).post(`/api/sets/${setId}/rounds`).set(fran.auth).send({ title: 'Working late', caseText: 'I never leave on time.', presenterId: presenter.id });
  const contribute = (who: TestUser, roundId: string, body: object) => request(t.http).post(`/api/rounds/${roundId}/contributions`).set(who.auth).send(body);
  const detail = async (who: TestUser, roundId: string) => (await request(t.http).get(`/api/rounds/${roundId}`).set(who.auth).expect(200)).body as RoundDetailResponse;
  const count = async (roundId: string) => ((await t.db.query(`SELECT count(*)::int AS n FROM "round_contributions" WHERE "roundId" = $1`, [roundId])) as { n: number }[])[0].n;

  /** A round of Pat's in the answers phase, with a clarifying question from Fran and one from Sam. */
  async function inAnswers(): Promise<{ roundId: string; fromFran: RoundContributionResponse; fromSam: RoundContributionResponse }> {
    const roundId = ((await open(pat).expect(201)).body as RoundDetailResponse).id;
    const fromFran = (await contribute(fran, roundId, { body: 'What time do you start?' }).expect(201)).body as RoundContributionResponse;
    const fromSam = (await contribute(sam, roundId, { body: 'Who else stays late?' }).expect(201)).body as RoundContributionResponse;
    expect((await detail(pat, roundId)).phase).toBe('answers');
    return { roundId, fromFran, fromSam };
  }

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'Round set' })).id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    sponsor = await addMember(t, fran, setId, 'sponsor');
    outsider = await registerUser(t);
  });
  afterAll(() => t.close());

  it('keeps each answer with its question, and moves on once every question has its answer', async () => {
    const { roundId, fromFran, fromSam } = await inAnswers();
    const first = (await contribute(pat, roundId, { body: 'At half past seven.', replyToId: fromFran.id, clientId: 'a-1' }).expect(201)).body as RoundContributionResponse;
    expect(first).toMatchObject({ phase: 'answers', replyToId: fromFran.id, body: 'At half past seven.' });
    // One question still unanswered: the phase stays open for the next answer.
    const half = await detail(pat, roundId);
    expect(half.phase).toBe('answers');
    expect(half.canContribute).toBe(true);
    // The same clientId again is the same answer.
    expect(((await contribute(pat, roundId, { body: 'At half past seven.', replyToId: fromFran.id, clientId: 'a-1' }).expect(201)).body as { id: string }).id).toBe(first.id);
    clock.advance({ minutes: 5 });
    await contribute(pat, roundId, { body: 'Only me, most days.', replyToId: fromSam.id }).expect(201);
    const done = await detail(sam, roundId);
    expect(done.phase).toBe('questions');
    expect(done.contributions.filter((c) => c.phase === 'answers').map((c) => [c.replyToId, c.body])).toEqual([
      [fromFran.id, 'At half past seven.'],
      [fromSam.id, 'Only me, most days.'],
    ]);
    expect(done.contributions.filter((c) => c.phase === 'clarifying').every((c) => c.replyToId === null)).toBe(true);
    // The moderator's table of the round's e-mails says which phase each belongs to, and when.
    await t.app.get(OutboxService).drain();
    const deliveries = (await request(t.http).get(`/api/rounds/${roundId}/deliveries`).set(fran.auth).expect(200)).body as RoundDelivery[];
    const toPat = deliveries.filter((d) => d.to === pat.email);
    expect(toPat.map((d) => [d.kind, d.phase])).toEqual(expect.arrayContaining([['phase', 'answers']]));
    expect(deliveries.filter((d) => d.to === sam.email).map((d) => [d.kind, d.phase])).toEqual(expect.arrayContaining([['phase', 'clarifying'], ['phase', 'questions']]));
    for (const d of deliveries) expect(Date.parse(d.createdAt)).not.toBeNaN();
    await request(t.http).get(`/api/rounds/${roundId}/deliveries`).set(sam.auth).expect(403);
  });

  it('still takes one general answer as CONTRACT.md has it (no replyToId): that closes the phase as before', async () => {
    const { roundId } = await inAnswers();
    const general = (await contribute(pat, roundId, { body: 'I start at 7:30 and I am the only one who stays.' }).expect(201)).body as RoundContributionResponse;
    expect(general.replyToId).toBeNull();
    expect((await detail(pat, roundId)).phase).toBe('questions');
  });

  it('refuses a replyToId that is not a clarifying question of this round, or outside the answers phase, and writes nothing', async () => {
    const { roundId, fromFran } = await inAnswers();
    const other = await inAnswers();
    const before = await count(roundId);
    for (const replyToId of ['nope', 42, '', other.fromFran.id, '00000000-0000-4000-8000-000000000000']) {
      const refused = await contribute(pat, roundId, { body: 'An answer.', replyToId }).expect(400);
      expect(refused.body.message).toContain('replyToId');
    }
    const answer = (await contribute(pat, roundId, { body: 'At half past seven.', replyToId: fromFran.id }).expect(201)).body as RoundContributionResponse;
    const toAnAnswer = await contribute(pat, roundId, { body: 'And again.', replyToId: answer.id }).expect(400);
    expect(toAnAnswer.body).toMatchObject({ statusCode: 400, message: 'replyToId must be the id of a clarifying question of this round' });
    // Roles: members do not answer, sponsors never write, outsiders do not know the round exists.
    await contribute(sam, roundId, { body: 'Me too.', replyToId: fromFran.id }).expect(409);
    await contribute(sponsor, roundId, { body: 'Me too.', replyToId: fromFran.id }).expect(403);
    await contribute(outsider, roundId, { body: 'Me too.', replyToId: fromFran.id }).expect(404);
    expect(await count(roundId)).toBe(before + 1);
    // In another phase a replyToId is refused too.
    const fresh = ((await open(pat).expect(201)).body as RoundDetailResponse).id;
    const question = (await contribute(fran, fresh, { body: 'What time do you start?' }).expect(201)).body as RoundContributionResponse;
    const early = await contribute(sam, fresh, { body: 'Who else?', replyToId: question.id }).expect(400);
    expect(early.body.message).toBe('replyToId is for answers to clarifying questions, in the answers phase');
    expect(await count(fresh)).toBe(1);
  });

  it('moves on once when the last two answers race on two connections', async () => {
    const { roundId, fromFran, fromSam } = await inAnswers();
    const [a, b] = await Promise.all([
      contribute(pat, roundId, { body: 'At half past seven.', replyToId: fromFran.id }),
      contribute(pat, roundId, { body: 'Only me.', replyToId: fromSam.id }),
    ]);
    expect([a.status, b.status]).toEqual([201, 201]);
    const round = await detail(pat, roundId);
    expect(round.phase).toBe('questions');
    const phases = (await t.db.query(`SELECT "name", "openedAt" FROM "round_phases" WHERE "roundId" = $1 AND "name" = 'questions'`, [roundId])) as { openedAt: Date | null }[];
    expect(phases).toHaveLength(1);
    expect(phases[0].openedAt).not.toBeNull();
  });
});
