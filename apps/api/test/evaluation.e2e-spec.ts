import { DateTime } from 'luxon';
import { initialLiveState, type AuditEntryResponse, type EvaluationResponse, type LiveQuestion, type MeetingResponse, type SessionStatistics, type SetResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { RetentionService } from '@api/evaluation/retention.service';
import { LiveSessionsService } from '@api/live/live-sessions.service';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

const question = (askerId: string, kind: LiveQuestion['kind'], n: number): LiveQuestion => ({
  id: `q${n}`,
  presenterId: 'x',
  phase: 'questions',
  askerId,
  text: `Confidential question ${n} about the family`,
  kind,
  reason: '',
  helpful: false,
  followUp: false,
  recordedBy: null,
  at: '2026-09-01T10:00:00.000Z',
});

/**
 * A set's history seeded in the database (two meetings held, one with its live session state, one
 * whose state is gone and only its figures kept), then its evaluation compared with figures
 * worked out by hand; then the set is closed and its case content purged after its retention period.
 */
describe('set evaluation, self-assessment, audit log, closing and retention', () => {
  const clock = new TestClock();
  let t: TestApp;
  let fran: TestUser;
  let ann: TestUser;
  let bo: TestUser;
  let sponsor: TestUser;
  let removed: TestUser;
  let outsider: TestUser;
  let set: SetResponse;
  let other: SetResponse;
  let first: string;
  let second: string;
  let logEntry: string;
  const evaluation = async (who: TestUser, status = 200) => (await request(t.http).get(`/api/sets/${set.id}/evaluation`).set(who.auth).expect(status)).body as EvaluationResponse;

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran' });
    set = await createSet(t, fran, { name: 'Evaluated set' });
    ann = await addMember(t, fran, set.id);
    bo = await addMember(t, fran, set.id);
    sponsor = await addMember(t, fran, set.id, 'sponsor');
    removed = await addMember(t, fran, set.id);
    await request(t.http).delete(`/api/sets/${set.id}/members/${removed.id}`).set(fran.auth).expect(204);
    outsider = await registerUser(t);
    other = await createSet(t, fran, { name: 'Another closed set' });

    const schedule = async (daysAgo: number) => {
      // Recorded after the fact: a meeting in the past.
      const m = (await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: DateTime.fromJSDate(clock.now()).minus({ days: daysAgo }).toISO(), durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse;
      return m.id;
    };
    first = await schedule(70);
    second = await schedule(35);

    // The first meeting's live session, as its state (seq 1) with one event in its log.
    const state = {
      ...initialLiveState(first),
      phase: 'ended' as const,
      roster: [fran, ann, bo].map((p) => ({ userId: p.id, displayName: p.displayName })),
      presented: [ann.id],
      airtimeMs: { [ann.id]: 30 * 60_000 },
      questions: [question(bo.id, 'open', 1), question(bo.id, 'open', 2), question(fran.id, 'closed', 3), question(bo.id, 'advice', 4)],
      reflections: [{ presenterId: ann.id, text: 'Confidential reflection', at: '2026-09-01T10:30:00.000Z' }],
      actions: [{ id: 'a1', presenterId: ann.id, ownerId: ann.id, text: 'Confidential action', dueAt: null, at: '2026-09-01T10:40:00.000Z' }],
      ratings: [
        { userId: fran.id, rating: 4, comment: '' },
        { userId: ann.id, rating: 5, comment: 'Confidential comment' },
        { userId: bo.id, rating: 3, comment: '' },
      ],
      startedAt: '2026-09-01T09:30:00.000Z',
      endedAt: '2026-09-01T12:30:00.000Z',
    };
    await t.db.query(`INSERT INTO "live_sessions" ("meetingId", "seq", "phase", "snapshot", "snapshotSeq") VALUES ($1, 1, 'ended', $2, 1)`, [first, JSON.stringify(state)]);
    await t.db.query(`INSERT INTO "session_events" ("meetingId", "seq", "commandId", "type", "payload", "actorId", "at") VALUES ($1, 1, 'c1', 'ended', '{"note":"Confidential"}', $2, now())`, [first, fran.id]);
    // The second meeting's figures only (as after a retention period).
    const kept: SessionStatistics = {
      roster: [fran.id, ann.id, bo.id],
      presented: [bo.id],
      airtimeMs: { [bo.id]: 10 * 60_000 },
      questions: { [ann.id]: { open: 1 }, [fran.id]: { leading: 1 } },
      actions: { [bo.id]: 1 },
      ratings: [5],
      startedAt: null,
      endedAt: null,
    };
    await t.db.query(`INSERT INTO "session_statistics" ("meetingId", "setId", "stats") VALUES ($1, $2, $3)`, [second, set.id, JSON.stringify(kept)]);
    for (const [meetingId, who] of [[first, fran], [first, ann], [first, bo], [second, fran], [second, ann]] as const) {
      await t.db.query(`INSERT INTO "session_attendance" ("meetingId", "userId", "inRoom") VALUES ($1, $2, true)`, [meetingId, who.id]);
    }
    await t.db.query(`INSERT INTO "meeting_attendance" ("meetingId", "userId", "status", "reason", "late") VALUES ($1, $2, 'attending', '', false), ($1, $3, 'attending', '', false), ($4, $3, 'apology', 'Confidential: a family funeral', true)`, [first, ann.id, bo.id, second]);
    await t.db.query(
      `INSERT INTO "actions" ("setId", "meetingId", "ownerId", "text", "status", "reportNote") VALUES ($1, $2, $3, 'Confidential action one', 'done', 'Confidential note'), ($1, $2, $3, 'Confidential action two', 'not-done', ''), ($1, $4, $5, 'Confidential action three', 'open', '')`,
      [set.id, first, ann.id, second, bo.id],
    );
    logEntry = ((await request(t.http).post('/api/me/learning-log').set(ann.auth).send({ title: 'What the set taught me', body: 'My own reflection, kept for my CPD.', meetingId: first }).expect(201)).body as { id: string }).id;
  });
  afterAll(() => t.close());

  describe('self-assessment', () => {
    it('takes one score from 1 to 5 per statement, at the start and at the end, and shows people their own', async () => {
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/start`).set(ann.auth).send({ answers: [2, 2, 3, 3, 2] }).expect(200);
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/start`).set(bo.auth).send({ answers: [4, 3, 3, 3, 1] }).expect(200);
      // Answering again replaces the answers.
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/start`).set(bo.auth).send({ answers: [4, 3, 3, 3, 3] }).expect(200);
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/end`).set(ann.auth).send({ answers: [4, 4, 4, 4, 3] }).expect(200);
      const mine = (await request(t.http).get(`/api/sets/${set.id}/self-assessment`).set(bo.auth).expect(200)).body as { statements: unknown[]; scale: string[]; mine: { stage: string; answers: number[] }[] };
      expect(mine.statements).toHaveLength(5);
      expect(mine.scale).toHaveLength(5);
      expect(mine.mine).toEqual([{ stage: 'start', answers: [4, 3, 3, 3, 3], updatedAt: expect.any(String) }]);
    });

    it('refuses bad answers, a bad stage, sponsors and outsiders, and writes nothing', async () => {
      for (const answers of [[1, 2, 3, 4], [1, 2, 3, 4, 5, 1], [0, 2, 3, 4, 5], [1, 2, 3, 4, 6], [1, 2, 3, 4, 2.5], 'five', null]) {
        await request(t.http).put(`/api/sets/${set.id}/self-assessment/end`).set(bo.auth).send({ answers }).expect(400);
      }
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/end`).set(bo.auth).send({ answers: [1, 2, 3, 4, 5], extra: true }).expect(400);
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/middle`).set(bo.auth).send({ answers: [1, 2, 3, 4, 5] }).expect(400);
      await request(t.http).put(`/api/sets/${set.id}/self-assessment/end`).set(sponsor.auth).send({ answers: [1, 2, 3, 4, 5] }).expect(403);
      for (const who of [outsider, removed]) await request(t.http).put(`/api/sets/${set.id}/self-assessment/end`).set(who.auth).send({ answers: [1, 2, 3, 4, 5] }).expect(404);
      const rows = (await t.db.query(`SELECT count(*)::int AS n FROM "self_assessments" WHERE "setId" = $1`, [set.id])) as { n: number }[];
      expect(rows[0].n).toBe(3);
    });
  });

  describe('the dashboard', () => {
    it('gives a facilitator the figures worked out by hand, never a word of content', async () => {
      const e = await evaluation(fran);
      expect(e.meetings).toEqual([
        { meetingId: first, startsAt: expect.any(String), attending: 2, apologies: 0, lateApologies: 0, present: 3 },
        { meetingId: second, startsAt: expect.any(String), attending: 0, apologies: 1, lateApologies: 1, present: 2 },
      ]);
      expect(e.members).toEqual([
        { userId: fran.id, displayName: 'Fran', former: false, meetingsPresent: 2, presented: 0, airtimeMinutes: 0, voiceMinutes: 0, questions: 2 },
        { userId: ann.id, displayName: ann.displayName, former: false, meetingsPresent: 2, presented: 1, airtimeMinutes: 30, voiceMinutes: 0, questions: 1 },
        { userId: bo.id, displayName: bo.displayName, former: false, meetingsPresent: 1, presented: 1, airtimeMinutes: 10, voiceMinutes: 0, questions: 3 },
      ]);
      expect(e.questionKinds).toEqual({ open: 3, closed: 1, leading: 1, advice: 1 });
      // Airtime 0, 30, 10: (2·30 − 0·10 − 2·0) / (3 · 40) = 0.5. Questions 2, 1, 3: 4 / 18.
      expect(e.equity).toEqual({ airtime: 0.5, questions: 0.222 });
      expect(e.ratings).toEqual({ count: 4, average: 4.25, distribution: [0, 0, 1, 1, 2] });
      expect(e.actions).toEqual({ total: 3, open: 1, done: 1, partly: 0, notDone: 1, completionRate: 0.5 });
      expect(e.selfAssessment.responses).toEqual({ start: 2, end: 1 });
      expect(e.selfAssessment.statements.map((s) => [s.start, s.end])).toEqual([
        [3, 4],
        [2.5, 4],
        [3, 4],
        [3, 4],
        [2.5, 3],
      ]);
      expect(JSON.stringify(e)).not.toMatch(/Confidential|My own reflection/);
    });

    it('gives a sponsor the set’s figures without anyone’s, members a 403 and outsiders or removed members a 404', async () => {
      const e = await evaluation(sponsor);
      expect(e.members).toBeNull();
      expect(e.ratings.average).toBe(4.25);
      await evaluation(ann, 403);
      await evaluation(outsider, 404);
      await evaluation(removed, 404);
      await request(t.http).get(`/api/sets/${set.id}/evaluation`).expect(401);
    });
  });

  describe('the audit log', () => {
    it('tells facilitators who viewed the dashboard and session records, and who changed membership; nobody else reads it', async () => {
      await request(t.http).get(`/api/meetings/${first}/record`).set(bo.auth).expect(200);
      const entries = (await request(t.http).get(`/api/sets/${set.id}/audit`).set(fran.auth).expect(200)).body as AuditEntryResponse[];
      expect(entries[0]).toMatchObject({ action: 'session-record.viewed', actorId: bo.id, actorName: bo.displayName, detail: { meetingId: first } });
      expect(entries.filter((e) => e.action === 'evaluation.viewed').map((e) => e.actorId)).toEqual(expect.arrayContaining([fran.id, sponsor.id]));
      expect(entries.find((e) => e.action === 'member.removed')).toMatchObject({ actorId: fran.id, detail: { userId: removed.id, left: false } });
      // Paging back from the newest.
      const page = (await request(t.http).get(`/api/sets/${set.id}/audit`).query({ limit: 1, before: entries[0].id }).set(fran.auth).expect(200)).body as AuditEntryResponse[];
      expect(page).toEqual([entries[1]]);
      await request(t.http).get(`/api/sets/${set.id}/audit`).query({ limit: 0 }).set(fran.auth).expect(400);
      await request(t.http).get(`/api/sets/${set.id}/audit`).query({ before: 'x' }).set(fran.auth).expect(400);
      for (const who of [ann, sponsor]) await request(t.http).get(`/api/sets/${set.id}/audit`).set(who.auth).expect(403);
      await request(t.http).get(`/api/sets/${set.id}/audit`).set(outsider.auth).expect(404);
    });
  });

  describe('closing a set and its retention period', () => {
    it('refuses to close while meetings are still to come, and closes once they are cancelled', async () => {
      const upcoming = (await request(t.http).post(`/api/sets/${other.id}/meetings`).set(fran.auth).send({ startsAt: DateTime.now().plus({ days: 5 }).toISO(), durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse;
      const refused = await request(t.http).post(`/api/sets/${other.id}/close`).set(fran.auth).send({}).expect(409);
      expect(refused.body.message).toContain('cancel it first');
      await request(t.http).delete(`/api/meetings/${upcoming.id}`).set(fran.auth).expect(204);
      const closed = (await request(t.http).post(`/api/sets/${other.id}/close`).set(fran.auth).send({}).expect(200)).body as SetResponse;
      expect(closed).toMatchObject({ status: 'closed', retentionDays: 90 });
    });

    it('lets only a facilitator close it, with a sensible retention period; a closed set takes no meetings or invitations', async () => {
      await request(t.http).post(`/api/sets/${set.id}/close`).set(ann.auth).send({}).expect(403);
      await request(t.http).post(`/api/sets/${set.id}/close`).set(outsider.auth).send({}).expect(404);
      for (const retentionDays of [-1, 3651, 1.5, 'soon']) await request(t.http).post(`/api/sets/${set.id}/close`).set(fran.auth).send({ retentionDays }).expect(400);
      expect(((await request(t.http).get(`/api/sets/${set.id}`).set(fran.auth).expect(200)).body as SetResponse).status).toBe('active');

      const closed = (await request(t.http).post(`/api/sets/${set.id}/close`).set(fran.auth).send({ retentionDays: 30 }).expect(200)).body as SetResponse;
      expect(closed).toMatchObject({ status: 'closed', retentionDays: 30, purgedAt: null });
      // Thirty calendar days on in the set's zone, at the same wall time.
      expect(closed.purgeAfter).toBe(DateTime.fromISO(closed.closedAt!, { zone: 'Europe/London' }).plus({ days: 30 }).toUTC().toISO());
      await request(t.http).post(`/api/sets/${set.id}/close`).set(fran.auth).send({}).expect(409);
      const meeting = await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: DateTime.now().plus({ days: 9 }).toISO(), durationMinutes: 60, format: 'online' }).expect(409);
      expect(meeting.body.message).toContain('The set is closed');
      await request(t.http).post(`/api/sets/${set.id}/invitations`).set(fran.auth).send({ email: 'late@example.org', role: 'member' }).expect(409);
      // Still readable by its members in the meantime.
      await request(t.http).get(`/api/meetings/${first}/record`).set(ann.auth).expect(200);
      // Reopening and closing again is possible until the content is gone.
      await request(t.http).post(`/api/sets/${set.id}/reopen`).set(fran.auth).expect(200);
      await request(t.http).post(`/api/sets/${set.id}/close`).set(fran.auth).send({ retentionDays: 30 }).expect(200);
    });

    it('deletes case content for good after the period, keeping figures, attendance and members’ own logs; safe to run twice', async () => {
      const retention = t.app.get(RetentionService);
      const before = await evaluation(fran);
      const closedAt = DateTime.fromJSDate(clock.now());
      clock.set(closedAt.plus({ days: 29 }).toJSDate());
      expect(await retention.sweep()).toEqual([]);

      clock.set(closedAt.plus({ days: 31 }).toJSDate());
      const reports = await retention.sweep();
      expect(reports).toEqual([{ setId: set.id, sessions: 1, events: 1, actions: 3, apologyReasons: 1, rounds: 0 }]);
      clock.set(closedAt.plus({ days: 32 }).toJSDate());
      expect(await retention.sweep()).toEqual([]);

      // The other closed set (90 days) is untouched.
      expect(((await request(t.http).get(`/api/sets/${other.id}`).set(fran.auth).expect(200)).body as SetResponse).purgedAt).toBeNull();
      // Gone: the session's log and state, action and report texts, apology reasons.
      expect(await t.db.query(`SELECT 1 FROM "session_events" WHERE "meetingId" = ANY($1)`, [[first, second]])).toEqual([]);
      expect(await t.db.query(`SELECT 1 FROM "live_sessions" WHERE "meetingId" = ANY($1)`, [[first, second]])).toEqual([]);
      const leftovers = JSON.stringify(await t.db.query(`SELECT a."text", a."reportNote", ma."reason" FROM "actions" a, "meeting_attendance" ma WHERE a."setId" = $1 AND ma."meetingId" = ANY($2)`, [set.id, [first, second]]));
      expect(leftovers).not.toContain('Confidential');
      expect((await t.app.get(LiveSessionsService).current(first)).seq).toBe(0);
      const record = await request(t.http).get(`/api/meetings/${first}/record`).set(ann.auth).expect(404);
      expect(record.body.message).toContain('retention period');

      // Kept: the same figures, the schedule and attendance, the member's own log and CPD record.
      const after = await evaluation(fran);
      expect({ ...after, set: undefined }).toEqual({ ...before, set: undefined });
      expect(after.set.purgeAfter).toBe(before.set.purgeAfter);
      expect((await request(t.http).get(`/api/me/learning-log/${logEntry}`).set(ann.auth).expect(200)).body).toMatchObject({ body: 'My own reflection, kept for my CPD.', meetingId: first });
      const cpd = await request(t.http).get('/api/me/cpd-export').query({ format: 'md', from: DateTime.now().minus({ days: 100 }).toISODate(), to: DateTime.now().toISODate() }).set(ann.auth).expect(200);
      expect(cpd.text).toContain('I presented a problem from my practice');
      expect(cpd.text).toContain('My own reflection, kept for my CPD.');

      const entries = (await request(t.http).get(`/api/sets/${set.id}/audit`).set(fran.auth).expect(200)).body as AuditEntryResponse[];
      expect(entries.find((e) => e.action === 'set.purged')).toMatchObject({ actorId: null, detail: { sessions: 1, events: 1 } });
      const reopened = await request(t.http).post(`/api/sets/${set.id}/reopen`).set(fran.auth).expect(409);
      expect(reopened.body.message).toContain('cannot be reopened');
    });
  });
});
