import { parse } from 'csv-parse/sync';
import { DateTime } from 'luxon';
import type { MeetingResponse, RoundResponse } from '@als/shared';
import { TestClock } from '@api/common/clock';
import { RetentionService } from '@api/evaluation/retention.service';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

/**
 * CONTRACT.md, "What a person keeps": leaving a set, being removed from it, the set being closed
 * or its case content purged never takes out of a person's CPD export the meetings and rounds
 * they took part in.
 */
describe('CPD records a person keeps (GET /api/me/cpd-export)', () => {
  const clock = new TestClock('2026-09-18T09:00:00Z');
  let t: TestApp;
  let fran: TestUser;
  let ann: TestUser;
  let bo: TestUser;
  let cy: TestUser;
  let setId: string;
  let roundId: string;

  /** The person's CPD records of 2026 (CSV read back): [activity type, date, title] of each. */
  const records = async (who: TestUser) => {
    const csv = (await request(t.http).get('/api/me/cpd-export?format=csv&from=2026-01-01&to=2026-12-31').set(who.auth).expect(200)).text;
    return (parse(csv, { bom: true }) as string[][]).slice(1).map((row) => row.slice(0, 3));
  };

  const meetingRecord = ['Peer learning: action learning set', '2026-09-15', 'Kept set: set meeting'];
  const roundRecord = (title: string) => ['Peer learning: asynchronous action learning round', '2026-09-20', `Kept set: round "${title}"`];

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS, { clock });
    fran = await registerUser(t, { displayName: 'Fran Facilitator' });
    setId = (await createSet(t, fran, { name: 'Kept set' })).id;
    ann = await addMember(t, fran, setId);
    bo = await addMember(t, fran, setId);
    cy = await addMember(t, fran, setId);
    // A meeting held a fortnight ago (recorded after the fact), with everyone there.
    const meeting = (await request(t.http).post(`/api/sets/${setId}/meetings`).set(fran.auth).send({ startsAt: '2026-09-15T09:30', durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse;
    for (const who of [fran, ann, bo, cy]) await request(t.http).put(`/api/meetings/${meeting.id}/attendance/${who.id}`).set(fran.auth).send({ status: 'attending' }).expect(200);
    // An asynchronous round the members wrote in, closed on 20 September.
    roundId = ((await request(t.http).post(`/api/sets/${setId}/rounds`).set(fran.auth).send({ title: 'Kinship care', caseText: 'A grandmother caring for two children.' }).expect(201)).body as RoundResponse).id;
    for (const who of [ann, bo, cy]) await request(t.http).post(`/api/rounds/${roundId}/contributions`).set(who.auth).send({ body: 'What does the grandmother want?' }).expect(201);
    clock.set('2026-09-20T09:00:00Z');
    await request(t.http).post(`/api/rounds/${roundId}/close`).set(fran.auth).expect(200);
    clock.set('2026-10-01T09:00:00Z');
  });
  afterAll(() => t.close());

  it('keeps the meetings and rounds of a member the facilitator removed', async () => {
    expect(await records(ann)).toEqual([meetingRecord, roundRecord('Kinship care')]);
    await request(t.http).delete(`/api/sets/${setId}/members/${ann.id}`).set(fran.auth).expect(204);
    // Access to the set's content is gone; the record of what they did is not.
    await request(t.http).get(`/api/rounds/${roundId}`).set(ann.auth).expect(404);
    expect(await records(ann)).toEqual([meetingRecord, roundRecord('Kinship care')]);
  });

  it('keeps those of a member who left the set', async () => {
    await request(t.http).delete(`/api/sets/${setId}/members/${bo.id}`).set(bo.auth).expect(204);
    expect(await records(bo)).toEqual([meetingRecord, roundRecord('Kinship care')]);
  });

  it('keeps everyone’s when the set is closed, and after its case content is purged', async () => {
    await request(t.http).post(`/api/sets/${setId}/close`).set(fran.auth).send({ retentionDays: 30 }).expect(200);
    for (const who of [ann, bo, cy]) expect(await records(who)).toEqual([meetingRecord, roundRecord('Kinship care')]);
    expect(await records(fran)).toEqual([meetingRecord]);

    clock.set(DateTime.fromISO('2026-10-01T09:00:00Z').plus({ days: 31 }).toJSDate());
    expect(await t.app.get(RetentionService).sweep()).toHaveLength(1);
    // The round's title was case content and is gone; the record of taking part stays.
    for (const who of [ann, bo, cy]) expect(await records(who)).toEqual([meetingRecord, roundRecord('Round')]);
    expect(await records(fran)).toEqual([meetingRecord]);
  });

  it('gives nobody else the leaver’s records, and none to a sponsor who was never there', async () => {
    const stranger = await registerUser(t);
    expect(await records(stranger)).toEqual([]);
    const other = await registerUser(t);
    const otherSet = (await createSet(t, other, { name: 'Other set' })).id;
    const sponsor = await addMember(t, other, otherSet, 'sponsor');
    await request(t.http).post(`/api/sets/${otherSet}/meetings`).set(other.auth).send({ startsAt: '2026-09-16T09:30', durationMinutes: 60, format: 'online' }).expect(201);
    expect(await records(sponsor)).toEqual([]);
  });
});
