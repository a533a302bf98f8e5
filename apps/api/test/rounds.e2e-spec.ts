import { DateTime } from 'luxon';
import type { ActionResponse, RoundDetailResponse, RoundResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { RetentionService } from '@api/evaluation/retention.service';
import { RoundDeadlinesJob } from '@api/rounds/round-deadlines.job';
import { RoundDigestJob } from '@api/rounds/round-digest.job';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { parsedMails } from './mail';

const DAY = 86_400_000;

describe('asynchronous rounds over REST, with deadlines, nudges and digests on a controllable clock', () => {
  const clock = new TestClock();
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let sam: TestUser;
  let kim: TestUser;
  let sponsor: TestUser;
  let outsider: TestUser;
  let setId: string;
  const settle = () => t.app.get(OutboxService).drain();
  const rounds = () => t.app.get(RoundDeadlinesJob);
  const digests = () => t.app.get(RoundDigestJob);
  const mailsTo = async (who: TestUser) => (await parsedMails(t.mailDir)).filter((m) => m.to.includes(who.email));
  const open = (who: TestUser, body: object, set = setId) => request(t.http).post(`/api/sets/${set}/rounds`).set(who.auth).send(body);
  const contribute = (who: TestUser, roundId: string, body: object) => request(t.http).post(`/api/rounds/${roundId}/contributions`).set(who.auth).send(body);
  const detail = async (who: TestUser, roundId: string) => (await request(t.http).get(`/api/rounds/${roundId}`).set(who.auth).expect(200)).body as RoundDetailResponse;
  const count = async (sql: string, params: unknown[]) => ((await t.db.query(sql, params)) as { n: number }[])[0].n;

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'Round set' })).id;
    pat = await addMember(t, fran, setId);
    sam = await addMember(t, fran, setId);
    kim = await addMember(t, fran, setId);
    sponsor = await addMember(t, fran, setId, 'sponsor');
    outsider = await registerUser(t);
    await request(t.http).patch('/api/me').set(kim.auth).send({ roundEmails: 'daily' }).expect(200);
  });
  afterAll(() => t.close());

  describe('opening a round', () => {
    it('refuses bad input and writes nothing', async () => {
      const good = { title: 'A case', caseText: 'What happened.' };
      for (const body of [
        {},
        { ...good, title: '' },
        { ...good, title: 'x'.repeat(201) },
        { ...good, caseText: '   ' },
        { ...good, presenterId: 'nope' },
        { ...good, phaseDeadlines: 'soon' },
        { ...good, phaseDeadlines: { clarifying: 'tomorrow' } },
        { ...good, phaseDeadlines: { someday: DateTime.now().plus({ days: 1 }).toISO() } },
        { ...good, phaseDeadlines: { clarifying: DateTime.now().minus({ days: 1 }).toISO() } },
        { ...good, phaseDeadlines: { clarifying: DateTime.now().plus({ days: 3 }).toISO(), answers: DateTime.now().plus({ days: 2 }).toISO() } },
        { ...good, extra: 1 },
      ]) {
        await open(pat, body).expect(400);
      }
      await open(pat, { ...good, presenterId: sam.id }).expect(403);
      await open(fran, { ...good, presenterId: sponsor.id }).expect(400);
      await open(sponsor, good).expect(403);
      await open(outsider, good).expect(404);
      expect(await count(`SELECT count(*)::int AS n FROM "rounds" WHERE "setId" = $1`, [setId])).toBe(0);
    });

    it('opens in clarifying with the default deadlines, and e-mails the members the case with the deadline in their own zone', async () => {
      const before = Date.now();
      const round = (await open(pat, { title: 'A father who will not engage', caseText: 'Dad misses every visit.\nThe children ask for him.' }).expect(201)).body as RoundDetailResponse;
      expect(round.phase).toBe('clarifying');
      expect(round.phases.map((p) => p.name)).toEqual(['case', 'clarifying', 'answers', 'questions', 'reflection', 'actions']);
      const days = round.phases.slice(1).map((p, i, all) => Math.round((Date.parse(p.endsAt) - (i === 0 ? before : Date.parse(all[i - 1].endsAt))) / DAY));
      expect(days).toEqual([2, 2, 3, 2, 2]);
      expect(round).toMatchObject({ presenterId: pat.id, moderatorId: fran.id, canContribute: false, caseText: 'Dad misses every visit.\nThe children ask for him.' });
      await settle();
      const [toSam] = (await mailsTo(sam)).filter((m) => m.subject === 'A father who will not engage (Round set round)');
      expect(toSam.text).toContain('Ask clarifying questions about the case');
      expect(toSam.text).toContain('Dad misses every visit.');
      expect(toSam.replyTo).toMatch(/^reply\+r[a-z2-7]{36}@mail\.app\.test$/);
      expect(toSam.headers.get('in-reply-to')).toBe(`<round.${round.id}@mail.app.test>`);
      // Pat opened it (no mail to themself); Kim chose the daily digest; the sponsor is never told of cases.
      for (const who of [pat, kim, sponsor, outsider]) expect((await mailsTo(who)).filter((m) => m.subject.includes('will not engage'))).toHaveLength(0);
      const listed = (await request(t.http).get(`/api/sets/${setId}/rounds`).set(sam.auth).expect(200)).body as RoundResponse[];
      expect(listed.map((r) => r.id)).toEqual([round.id]);
      await request(t.http).get(`/api/sets/${setId}/rounds`).set(sponsor.auth).expect(403);
      await request(t.http).get(`/api/rounds/${round.id}`).set(sponsor.auth).expect(403);
      await request(t.http).get(`/api/rounds/${round.id}`).set(outsider.auth).expect(404);
      await request(t.http).get(`/api/rounds/not-a-round`).set(sam.auth).expect(404);
    });
  });

  describe("the set's round rhythm", () => {
    it('prefills deadlines from the set’s own rhythm, which only a facilitator changes, within limits', async () => {
      for (const roundPhaseDays of [{ questions: 0 }, { questions: 31 }, { questions: 1.5 }, { someday: 2 }, 'weekly']) {
        await request(t.http).patch(`/api/sets/${setId}`).set(fran.auth).send({ roundPhaseDays }).expect(400);
      }
      await request(t.http).patch(`/api/sets/${setId}`).set(pat.auth).send({ roundPhaseDays: { questions: 5 } }).expect(403);
      const updated = (await request(t.http).patch(`/api/sets/${setId}`).set(fran.auth).send({ roundPhaseDays: { questions: 5 } }).expect(200)).body as { roundPhaseDays: Record<string, number> };
      expect(updated.roundPhaseDays).toEqual({ clarifying: 2, answers: 2, questions: 5, reflection: 2, actions: 2 });
      const before = Date.now();
      const round = (await open(fran, { title: 'Rhythm', caseText: 'A case.' }).expect(201)).body as RoundDetailResponse;
      const days = round.phases.slice(1).map((p, i, all) => Math.round((Date.parse(p.endsAt) - (i === 0 ? before : Date.parse(all[i - 1].endsAt))) / DAY));
      expect(days).toEqual([2, 2, 5, 2, 2]);
      await request(t.http).post(`/api/rounds/${round.id}/close`).set(fran.auth).expect(200);
      await request(t.http).patch(`/api/sets/${setId}`).set(fran.auth).send({ roundPhaseDays: { questions: 3 } }).expect(200);
    });
  });

  describe('contributions and phases', () => {
    let roundId: string;
    beforeAll(async () => {
      roundId = ((await open(fran, { title: 'Working late', caseText: 'I never leave on time.', presenterId: sam.id }).expect(201)).body as RoundDetailResponse).id;
    });

    it("adds to the current phase only for those whose phase it is; the same clientId twice makes one; questions get coaching", async () => {
      const refused = await contribute(sam, roundId, { body: 'Can I answer now?' }).expect(409);
      expect(refused.body.message).toContain('In this phase the members write');
      await contribute(pat, roundId, { body: '' }).expect(400);
      await contribute(pat, roundId, { body: 'x'.repeat(10_001) }).expect(400);
      await contribute(pat, roundId, { body: 'ok', clientId: '' }).expect(400);
      await contribute(pat, roundId, { body: 'ok', extra: 1 }).expect(400);
      await contribute(sponsor, roundId, { body: 'ok' }).expect(403);
      await contribute(outsider, roundId, { body: 'ok' }).expect(404);
      const first = (await contribute(pat, roundId, { body: 'Have you thought about asking your manager?', clientId: 'c-1' }).expect(201)).body as { id: string; kind: string; hint: string; phase: string; via: string };
      expect(first).toMatchObject({ kind: 'advice', phase: 'clarifying', via: 'web' });
      expect(first.hint).toContain('Have you thought about');
      const again = (await contribute(pat, roundId, { body: 'Have you thought about asking your manager?', clientId: 'c-1' }).expect(201)).body as { id: string };
      expect(again.id).toBe(first.id);
      expect(await count(`SELECT count(*)::int AS n FROM "round_contributions" WHERE "roundId" = $1`, [roundId])).toBe(1);
      expect((await detail(fran, roundId)).owed).toEqual([
        { userId: fran.id, displayName: 'Fran', done: false },
        { userId: pat.id, displayName: pat.displayName, done: true },
        { userId: kim.id, displayName: kim.displayName, done: false },
      ]);
      expect((await detail(pat, roundId)).owed).toEqual([{ userId: pat.id, displayName: pat.displayName, done: true }]);
    });

    it('closes a phase early when everyone who owes has written, and sends the next phase to the presenter with the questions', async () => {
      await contribute(fran, roundId, { body: 'What time do you start?' }).expect(201);
      expect((await detail(sam, roundId)).phase).toBe('clarifying');
      await contribute(kim, roundId, { body: 'Who else stays late?' }).expect(201);
      const round = await detail(sam, roundId);
      expect(round.phase).toBe('answers');
      expect(round.canContribute).toBe(true);
      await settle();
      const [mail] = (await mailsTo(sam)).filter((m) => m.subject.startsWith('Working late') && m.text.includes('Answers in the round'));
      expect(mail.text).toContain('What time do you start?');
      expect(mail.text).toContain('Who else stays late?');
    });

    it('moves on at the deadline with the clock, nudges only those who owe the day before, and never twice', async () => {
      const rounds_ = rounds();
      const answersEnd = Date.parse((await detail(sam, roundId)).phases.find((p) => p.name === 'answers')!.endsAt);
      // Twelve hours before the deadline: Sam owes the answers and hears about it, once.
      // A second API process on the same database sweeps at the same moments: still one nudge.
      const second = await startTestApp(LONG_SESSIONS, { clock });
      try {
        clock.set(new Date(answersEnd - 12 * 3_600_000));
        await Promise.all([rounds_.sweep(), second.app.get(RoundDeadlinesJob).sweep()]);
        // What the sweeps queued is sent before the clock jumps on: a claim on a message lasts five minutes of the clock.
        await Promise.all([settle(), second.app.get(OutboxService).drain()]);
        clock.set(new Date(answersEnd - 11 * 3_600_000));
        await rounds_.sweep();
        await Promise.all([settle(), second.app.get(OutboxService).drain()]);
        const both = [...(await parsedMails(t.mailDir)), ...(await parsedMails(second.mailDir))].filter((m) => m.to.includes(sam.email) && m.subject.startsWith('Working late') && m.text.includes('the set has not heard from you yet'));
        expect(both).toHaveLength(1);
        // And the deadline passing, seen by both at once, moves the round one phase, once.
        clock.set(new Date(answersEnd + 1000));
        await Promise.all([rounds_.sweep(), second.app.get(RoundDeadlinesJob).sweep()]);
        expect((await detail(sam, roundId)).phase).toBe('questions');
      } finally {
        await second.close();
      }
      // Those who owe nothing now (the members, who have asked) are not nagged.
      for (const who of [pat, fran]) expect((await mailsTo(who)).filter((m) => m.subject.startsWith('Working late') && m.text.includes('has not heard from you'))).toHaveLength(0);
      clock.set(new Date(answersEnd + 2000));
      await rounds_.sweep();
      await settle();
      expect(await count(`SELECT count(*)::int AS n FROM "round_phases" WHERE "roundId" = $1 AND "closedAt" IS NOT NULL`, [roundId])).toBe(3);
      expect((await detail(sam, roundId)).phase).toBe('questions');
    });

    it('lets the moderator pause (no writing, no deadline passing), resume (deadlines move on), extend, advance and hand over; others may not', async () => {
      await request(t.http).post(`/api/rounds/${roundId}/pause`).set(pat.auth).expect(403);
      await request(t.http).post(`/api/rounds/${roundId}/pause`).set(fran.auth).expect(200);
      await request(t.http).post(`/api/rounds/${roundId}/pause`).set(fran.auth).expect(409);
      expect((await contribute(pat, roundId, { body: 'What matters most?' }).expect(409)).body.message).toContain('paused');
      const questionsEnd = Date.parse((await detail(fran, roundId)).phases.find((p) => p.name === 'questions')!.endsAt);
      clock.set(new Date(questionsEnd + 1000));
      await rounds().sweep();
      expect((await detail(fran, roundId)).phase).toBe('questions');
      const resumed = (await request(t.http).post(`/api/rounds/${roundId}/resume`).set(fran.auth).expect(200)).body as RoundDetailResponse;
      expect(resumed.paused).toBe(false);
      expect(Date.parse(resumed.phases.find((p) => p.name === 'questions')!.endsAt)).toBeGreaterThan(questionsEnd);

      const current = Date.parse(resumed.phases.find((p) => p.name === 'questions')!.endsAt);
      const later = Date.parse(resumed.phases.find((p) => p.name === 'reflection')!.endsAt);
      for (const endsAt of ['soon', DateTime.now().minus({ hours: 1 }).toISO(), new Date(current - 60_000).toISOString()]) {
        await request(t.http).patch(`/api/rounds/${roundId}/deadline`).set(fran.auth).send({ endsAt }).expect(400);
      }
      const extended = (await request(t.http).patch(`/api/rounds/${roundId}/deadline`).set(fran.auth).send({ endsAt: new Date(current + DAY).toISOString() }).expect(200)).body as RoundDetailResponse;
      expect(Date.parse(extended.phases.find((p) => p.name === 'questions')!.endsAt)).toBe(current + DAY);
      expect(Date.parse(extended.phases.find((p) => p.name === 'reflection')!.endsAt)).toBe(later + DAY);

      await request(t.http).post(`/api/rounds/${roundId}/moderator`).set(fran.auth).send({ userId: sponsor.id }).expect(400);
      await request(t.http).post(`/api/rounds/${roundId}/moderator`).set(fran.auth).send({ userId: 'x' }).expect(400);
      await request(t.http).post(`/api/rounds/${roundId}/moderator`).set(fran.auth).send({ userId: pat.id }).expect(200);
      expect((await request(t.http).post(`/api/rounds/${roundId}/advance`).set(pat.auth).expect(200)).body).toMatchObject({ phase: 'reflection', moderatorId: pat.id });
      // The moderator sees where each of the round's e-mails stands; other members do not.
      await settle();
      const deliveries = (await request(t.http).get(`/api/rounds/${roundId}/deliveries`).set(pat.auth).expect(200)).body as { to: string; status: string }[];
      expect(deliveries.length).toBeGreaterThan(0);
      expect(deliveries.filter((d) => d.status !== 'sent')).toEqual([]);
      expect(deliveries.map((d) => d.to)).toContain(sam.email);
      await request(t.http).get(`/api/rounds/${roundId}/deliveries`).set(kim.auth).expect(403);
      await request(t.http).get(`/api/rounds/${roundId}/deliveries`).set(outsider.auth).expect(404);
    });

    it("turns the presenter's last-phase text into actions in the set's list, and closes at the deadline", async () => {
      await contribute(sam, roundId, { body: 'I see I fear letting the team down.' }).expect(201);
      expect((await detail(sam, roundId)).phase).toBe('actions');
      await contribute(sam, roundId, { body: '- Leave at 17:30 twice a week\n2. Talk to my manager about caseload\n\n' }).expect(201);
      // The last phase stays open for closing words until its deadline.
      await contribute(pat, roundId, { body: 'Good luck with it.' }).expect(201);
      const actions = (await request(t.http).get(`/api/sets/${setId}/actions`).set(sam.auth).expect(200)).body as ActionResponse[];
      expect(actions.filter((a) => a.ownerId === sam.id).map((a) => a.text)).toEqual(['Leave at 17:30 twice a week', 'Talk to my manager about caseload']);
      const end = Date.parse((await detail(sam, roundId)).phases.find((p) => p.name === 'actions')!.endsAt);
      clock.set(new Date(end + 1000));
      await rounds().sweep();
      const closed = await detail(sam, roundId);
      expect(closed).toMatchObject({ phase: 'closed', canContribute: false, replyAddress: null });
      await contribute(pat, roundId, { body: 'Late word' }).expect(409);
      await settle();
      const [done] = (await mailsTo(pat)).filter((m) => m.subject.startsWith('Working late') && m.text.includes('is closed'));
      expect(done.text).toContain('Leave at 17:30 twice a week');
    });
  });

  describe('the daily digest', () => {
    it('gives people who chose it one e-mail a day from 7am their time, with what opened, and nothing in between', async () => {
      const digests_ = digests();
      const before = (await mailsTo(kim)).length;
      // Kim is in London: 06:00 is too early, 08:00 sends, later the same day nothing more.
      const day = DateTime.now().setZone('Europe/London').plus({ days: 1 }).startOf('day');
      await t.db.query(`UPDATE "users" SET "lastDigestAt" = $2 WHERE "id" = $1`, [kim.id, day.minus({ hours: 20 }).toJSDate()]);
      const digestsAt = (hour: number) => {
        clock.set(day.set({ hour }).toJSDate());
        return digests_.digests();
      };
      expect(await digestsAt(6)).toBe(0);
      expect(await digestsAt(8)).toBe(1);
      expect(await digestsAt(15)).toBe(0);
      await settle();
      const mails = (await mailsTo(kim)).slice(before);
      expect(mails.map((m) => m.subject)).toEqual([expect.stringMatching(/^Your rounds, /)]);
      expect(mails[0].text).toContain('Working late');
    });
  });
  describe('CPD records and the end of the set', () => {
    it('counts rounds in CPD records, and deletes their cases and contributions after the set’s retention period', async () => {
      const period = `from=${DateTime.now().minus({ days: 30 }).toISODate()}&to=${DateTime.now().plus({ days: 60 }).toISODate()}`;
      const cpd = async (who: TestUser) => (await request(t.http).get(`/api/me/cpd-export?format=md&${period}`).set(who.auth).expect(200)).text;
      expect(await cpd(sam)).toContain('I presented a case from my practice in an asynchronous round');
      expect(await cpd(pat)).toContain("I took part in a colleague's asynchronous round");
      expect(await cpd(pat)).toContain('2 written contributions');

      const refused = await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ retentionDays: 0 }).expect(409);
      expect(refused.body.message).toContain('a round under way');
      const [open] = (await t.db.query(`SELECT "id" FROM "rounds" WHERE "setId" = $1 AND "phase" <> 'closed'`, [setId])) as { id: string }[];
      await request(t.http).post(`/api/rounds/${open.id}/close`).set(fran.auth).expect(200);
      await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ retentionDays: 0 }).expect(200);
      clock.advance({ seconds: 1 });
      const [report] = await t.app.get(RetentionService).sweep();
      expect(report).toMatchObject({ setId, rounds: 3 });
      expect(await count(`SELECT count(*)::int AS n FROM "round_contributions" c JOIN "rounds" r ON r."id" = c."roundId" WHERE r."setId" = $1`, [setId])).toBe(0);
      expect(await count(`SELECT count(*)::int AS n FROM "rounds" WHERE "setId" = $1 AND ("caseText" <> '' OR "title" <> 'Round')`, [setId])).toBe(0);
      // The record of having taken part stays with the person.
      expect(await cpd(sam)).toContain('I presented a case from my practice in an asynchronous round');
      expect(await cpd(sam)).not.toContain('Working late');
    });
  });
});
