import { initialLiveState, type MeetingResponse, type SetResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { OutboxService } from '@api/mail/outbox.service';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';
import { parsedMails } from './mail';

/**
 * Closing a set with meetings still to come (POST /api/sets/:setId/close): refused (409) unless
 * the facilitator asks to cancel them (`cancelUpcoming: true`): then they are cancelled, everyone
 * is told, and the set closes in the same transaction. Past meetings, and a meeting already held
 * (its session run before its scheduled start), stay as they were.
 */
describe('closing a set with meetings to come', () => {
  const clock = new TestClock('2031-03-04T10:00:00Z');
  let t: TestApp;
  let fran: TestUser;
  let pat: TestUser;
  let setId: string;
  let past: string;
  let series: MeetingResponse;
  let single: string;
  const schedule = async (body: Record<string, unknown>, id = setId) => (await request(t.http).post(`/api/sets/${id}/meetings`).set(fran.auth).send({ durationMinutes: 180, format: 'in-person', ...body }).expect(201)).body as MeetingResponse;
  const statuses = async (id = setId) =>
    ((await request(t.http).get(`/api/sets/${id}/meetings`).query({ from: '2031-01-01', to: '2031-12-31' }).set(fran.auth).expect(200)).body as (MeetingResponse & { status: string })[]).map((m): [string, string] => [m.id, m.status]);
  const setOf = async (id = setId) => (await request(t.http).get(`/api/sets/${id}`).set(fran.auth).expect(200)).body as SetResponse;

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran' });
    setId = (await createSet(t, fran, { name: 'Ending set' })).id;
    pat = await addMember(t, fran, setId);
    past = (await schedule({ startsAt: '2031-02-04T09:30' })).id;
    series = await schedule({ startsAt: '2031-04-01T09:30', recurrence: 'FREQ=MONTHLY;COUNT=3' });
    single = (await schedule({ startsAt: '2031-03-20T09:30' })).id;
    await t.app.get(OutboxService).drain();
  });
  afterAll(() => t.close());

  it('refuses with 409 and says how to go on, without the option; nothing changes', async () => {
    const before = await statuses();
    const refused = await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ retentionDays: 30 }).expect(409);
    expect(refused.body.message).toBe('The set still has 4 meetings to come: cancel them first, or close with cancelUpcoming: true to cancel them and close.');
    await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ cancelUpcoming: false }).expect(409);
    expect(await statuses()).toEqual(before);
    expect((await setOf()).status).toBe('active');
  });

  it('answers 400 naming the field for a bad option, 403 for a member; nothing changes', async () => {
    const before = await statuses();
    for (const cancelUpcoming of ['yes', 1, null]) {
      const bad = await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ cancelUpcoming }).expect(400);
      expect(bad.body.message).toContain('cancelUpcoming');
    }
    await request(t.http).post(`/api/sets/${setId}/close`).set(pat.auth).send({ cancelUpcoming: true }).expect(403);
    expect(await statuses()).toEqual(before);
    expect((await setOf()).status).toBe('active');
  });

  it('cancels the meetings to come, tells everyone, and closes, with cancelUpcoming: true', async () => {
    // An action of Pat's still open: listed to report back on while the set is open, not once it is closed.
    await t.db.query(`INSERT INTO "actions" ("setId", "ownerId", "text", "dueAt") VALUES ($1, $2, 'Call the school', '2031-03-20')`, [setId, pat.id]);
    expect(((await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body as { text: string }[]).map((a) => a.text)).toEqual(['Call the school']);
    const closed = (await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ cancelUpcoming: true, retentionDays: 30 }).expect(200)).body as SetResponse;
    expect(closed).toMatchObject({ status: 'closed', retentionDays: 30 });
    const after = new Map(await statuses());
    expect(after.get(past)).toBe('scheduled');
    expect(after.get(single)).toBe('cancelled');
    expect([...after.entries()].filter(([id]) => id !== past && id !== single).map(([, status]) => status)).toEqual(['cancelled', 'cancelled', 'cancelled']);
    await t.app.get(OutboxService).drain();
    const cancellations = (await parsedMails(t.mailDir)).filter((m) => m.to.includes(pat.email) && m.calendar?.method === 'CANCEL');
    // One for the series, one for the single meeting.
    expect(cancellations).toHaveLength(2);
    expect(cancellations.some((m) => m.calendar!.events.some((e) => e.uid === `${series.seriesId}@app.test`))).toBe(true);
    expect((await request(t.http).get('/api/me/actions').set(pat.auth).expect(200)).body).toEqual([]);
    expect(((await request(t.http).get(`/api/sets/${setId}/actions?status=open`).set(pat.auth).expect(200)).body as { text: string }[]).map((a) => a.text)).toEqual(['Call the school']);
    const [audit] = (await t.db.query(`SELECT "detail" FROM "set_audit_events" WHERE "setId" = $1 AND "action" = 'set.closed'`, [setId])) as { detail: Record<string, unknown> }[];
    expect(audit.detail).toMatchObject({ retentionDays: 30, cancelledMeetings: 4 });
  });

  it('counts a meeting whose session was run before its start as held, not to come', async () => {
    const other = (await createSet(t, fran, { name: 'Morning set' })).id;
    const today = (await schedule({ startsAt: '2031-03-04T14:00' }, other)).id;
    await t.db.query(`INSERT INTO "live_sessions" ("meetingId", "seq", "phase", "snapshot") VALUES ($1, 12, 'ended', $2)`, [today, JSON.stringify({ ...initialLiveState(today), phase: 'ended' })]);
    await request(t.http).post(`/api/sets/${other}/close`).set(fran.auth).send({}).expect(200);
    expect(new Map(await statuses(other)).get(today)).toBe('scheduled');
  });
});
