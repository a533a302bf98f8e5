import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { AuditEntryResponse, EvaluationResponse, EvaluationTrendsResponse, MeetingResponse, SessionStatistics, SetResponse } from '@als/shared';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

function pdfText(bytes: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text.cjs')], { input: bytes, encoding: 'utf8' });
}

const stats = (over: Partial<SessionStatistics>): SessionStatistics => ({ roster: [], presented: [], airtimeMs: {}, questions: {}, actions: {}, ratings: [], startedAt: null, endedAt: null, ...over });

/**
 * A set's evaluation over time: two meetings held (figures kept), one member who took part and
 * then left; the trends worked out by hand, the leaver counted as "a former member", and the
 * commissioner's export in CSV and PDF holding figures only.
 */
describe('evaluation trends and the commissioner’s export', () => {
  let t: TestApp;
  let fran: TestUser;
  let ann: TestUser;
  let bo: TestUser;
  let leaver: TestUser;
  let sponsor: TestUser;
  let outsider: TestUser;
  let set: SetResponse;
  let first: string;
  let second: string;

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS);
    fran = await registerUser(t, { displayName: 'Fran Facilitator' });
    set = await createSet(t, fran, { name: 'Trends set' });
    ann = await addMember(t, fran, set.id);
    bo = await addMember(t, fran, set.id);
    leaver = await addMember(t, fran, set.id);
    await t.db.query(`UPDATE "users" SET "displayName" = 'Lee Leaver' WHERE "id" = $1`, [leaver.id]);
    sponsor = await addMember(t, fran, set.id, 'sponsor');
    outsider = await registerUser(t);
    const schedule = async (daysAgo: number) =>
      ((await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: DateTime.now().minus({ days: daysAgo }).toISO(), durationMinutes: 180, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
    first = await schedule(60);
    second = await schedule(30);
    const keep = (meetingId: string, s: SessionStatistics) => t.db.query(`INSERT INTO "session_statistics" ("meetingId", "setId", "stats") VALUES ($1, $2, $3)`, [meetingId, set.id, JSON.stringify(s)]);
    await keep(first, stats({ roster: [fran.id, ann.id, leaver.id], presented: [leaver.id], airtimeMs: { [leaver.id]: 20 * 60_000 }, questions: { [ann.id]: { open: 2 }, [leaver.id]: { advice: 1 } }, ratings: [3, 4] }));
    await keep(second, stats({ roster: [fran.id, ann.id, bo.id], presented: [ann.id], airtimeMs: { [ann.id]: 30 * 60_000 }, questions: { [ann.id]: { open: 1 }, [bo.id]: { open: 2, closed: 1 } }, ratings: [5, 5] }));
    for (const [meetingId, who] of [[first, fran], [first, ann], [first, leaver], [second, fran], [second, ann], [second, bo]] as const) {
      await t.db.query(`INSERT INTO "session_attendance" ("meetingId", "userId", "inRoom") VALUES ($1, $2, true)`, [meetingId, who.id]);
    }
    await t.db.query(`INSERT INTO "meeting_attendance" ("meetingId", "userId", "status", "reason", "late") VALUES ($1, $2, 'apology', 'Confidential: ill', false)`, [first, bo.id]);
    await request(t.http).put(`/api/sets/${set.id}/self-assessment/start`).set(ann.auth).send({ answers: [2, 2, 3, 3, 2] }).expect(200);
    await request(t.http).put(`/api/sets/${set.id}/self-assessment/end`).set(ann.auth).send({ answers: [4, 3, 3, 4, 2] }).expect(200);
    await request(t.http).delete(`/api/sets/${set.id}/members/${leaver.id}`).set(fran.auth).expect(204);
  });
  afterAll(() => t.close());

  it('gives each meeting’s attendance, question mix and ratings in order, and the change over the set', async () => {
    const trends = (await request(t.http).get(`/api/sets/${set.id}/evaluation/trends`).set(fran.auth).expect(200)).body as EvaluationTrendsResponse;
    expect(trends.meetings).toEqual([
      { meetingId: first, number: 1, startsAt: expect.any(String), attending: 0, apologies: 1, present: 3, questionKinds: { open: 2, closed: 0, leading: 0, advice: 1 }, openShare: 0.667, ratings: { count: 2, average: 3.5 } },
      { meetingId: second, number: 2, startsAt: expect.any(String), attending: 0, apologies: 0, present: 3, questionKinds: { open: 3, closed: 1, leading: 0, advice: 0 }, openShare: 0.75, ratings: { count: 2, average: 5 } },
    ]);
    expect(trends.change.first?.meetingId).toBe(first);
    expect(trends.change.last?.meetingId).toBe(second);
    expect(trends.change.selfAssessment.map((s) => s.change)).toEqual([2, 1, 0, 1, 0]);
    const sponsors = (await request(t.http).get(`/api/sets/${set.id}/evaluation/trends`).set(sponsor.auth).expect(200)).body as EvaluationTrendsResponse;
    expect(sponsors.meetings).toEqual(trends.meetings);
    expect(JSON.stringify(trends)).not.toMatch(/Confidential|Lee Leaver/);
  });

  it('keeps a removed member in the figures as “a former member”, never by name', async () => {
    const e = (await request(t.http).get(`/api/sets/${set.id}/evaluation`).set(fran.auth).expect(200)).body as EvaluationResponse;
    expect(e.members?.find((m) => m.former)).toEqual({ userId: 'former-1', displayName: 'A former member', former: true, meetingsPresent: 1, presented: 1, airtimeMinutes: 20, voiceMinutes: 0, questions: 1 });
    expect(e.members?.filter((m) => !m.former).map((m) => m.userId)).toEqual([fran.id, ann.id, bo.id]);
    expect(e.questionKinds).toEqual({ open: 5, closed: 1, leading: 0, advice: 1 });
    expect(JSON.stringify(e)).not.toContain('Lee Leaver');
    expect(JSON.stringify(e)).not.toContain(leaver.id);
  });

  it('lets only facilitators and sponsors see trends: members 403, outsiders and the leaver 404', async () => {
    for (const path of ['evaluation/trends', 'evaluation/export', 'evaluation/export?format=pdf']) {
      await request(t.http).get(`/api/sets/${set.id}/${path}`).set(ann.auth).expect(403);
      await request(t.http).get(`/api/sets/${set.id}/${path}`).set(outsider.auth).expect(404);
      await request(t.http).get(`/api/sets/${set.id}/${path}`).set(leaver.auth).expect(404);
      await request(t.http).get(`/api/sets/${set.id}/${path}`).expect(401);
    }
  });

  it('exports the figures per meeting as CSV for a commissioner, and audits it', async () => {
    const res = await request(t.http).get(`/api/sets/${set.id}/evaluation/export?format=csv`).set(sponsor.auth).expect(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="evaluation-trends-set.csv"');
    const rows = parse(res.text, { bom: true }) as string[][];
    expect(rows[0]).toEqual(['Meeting', 'Date', 'Attending replies', 'Apologies', 'Present', 'Open questions', 'Closed questions', 'Leading questions', 'Advice in disguise questions', 'Open share', 'Ratings', 'Average rating']);
    expect(rows.slice(1).map((r) => [r[0], ...r.slice(2)])).toEqual([
      ['1', '0', '1', '3', '2', '0', '0', '1', '0.667', '2', '3.5'],
      ['2', '0', '0', '3', '3', '1', '0', '0', '0.75', '2', '5'],
      ['All meetings', '0', '1', '6', '5', '1', '0', '1', '0.714', '4', '4.25'],
    ]);
    expect(res.text).not.toMatch(/Confidential|Lee Leaver|Fran|Trends set/);
    const audit = (await request(t.http).get(`/api/sets/${set.id}/audit`).set(fran.auth).expect(200)).body as AuditEntryResponse[];
    expect(audit[0]).toMatchObject({ action: 'evaluation.exported', actorId: sponsor.id, detail: { role: 'sponsor', format: 'csv' } });
  });

  it('exports a PDF report of figures only', async () => {
    const res = await request(t.http).get(`/api/sets/${set.id}/evaluation/export?format=pdf`).set(fran.auth).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const bytes = res.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    // SAVE_PDF=file.pdf keeps the report to look at (pdftoppm -png file.pdf page).
    if (process.env.SAVE_PDF) writeFileSync(process.env.SAVE_PDF, bytes);
    expect(text).toContain('Set evaluation: Trends set');
    expect(text).toContain('Meeting by meeting');
    expect(text).toContain('Change over the set');
    expect(text).toMatch(/open questions 67% to 75%/);
    expect(text).toContain('I ask open questions that help a colleague think');
    expect(text).toContain('+2');
    expect(text).not.toMatch(/Confidential|Lee Leaver|Fran Facilitator/);
  });

  it('refuses a format it does not know (400)', async () => {
    const res = await request(t.http).get(`/api/sets/${set.id}/evaluation/export?format=docx`).set(fran.auth).expect(400);
    expect(res.body.message).toContain('format must be one of csv, pdf');
  });
});
