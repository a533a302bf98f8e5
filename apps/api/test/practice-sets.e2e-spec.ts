import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { DateTime } from 'luxon';
import type { MeetingResponse, OrganisationEvaluationResponse, OrganisationResponse, ProgrammeResponse, SetDetailResponse, SetResponse, SetSummaryResponse } from '@als/shared';
import { LONG_SESSIONS, request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, TestUser } from './factories';

function pdfText(bytes: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text.cjs')], { input: bytes, encoding: 'utf8' });
}

/** Practice sets: compressed time for demonstrations and training, never touching real sets. */
describe('practice sets', () => {
  let t: TestApp;
  let fran: TestUser;
  let ann: TestUser;
  let practice: SetResponse;
  let real: SetResponse;

  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS);
    fran = await registerUser(t, { displayName: 'Fran' });
    practice = await createSet(t, fran, { name: 'Training day set', practice: true });
    real = await createSet(t, fran, { name: 'Real set' });
    ann = await addMember(t, fran, practice.id);
    await addMember(t, fran, real.id);
  });
  afterAll(() => t.close());

  it('is chosen at creation and shown on the set, in the list and to its members', async () => {
    expect(practice.practice).toBe(true);
    expect(real.practice).toBe(false);
    const list = (await request(t.http).get('/api/sets').set(fran.auth).expect(200)).body as SetSummaryResponse[];
    expect(list.map((s) => [s.name, s.practice])).toEqual([['Real set', false], ['Training day set', true]]);
    expect(((await request(t.http).get(`/api/sets/${practice.id}`).set(ann.auth).expect(200)).body as SetDetailResponse).practice).toBe(true);
  });

  it('can never be turned on or off afterwards (400, nothing changed)', async () => {
    for (const [set, value] of [[real, true], [practice, false]] as const) {
      const res = await request(t.http).patch(`/api/sets/${set.id}`).set(fran.auth).send({ practice: value }).expect(400);
      expect(res.body.message).toMatch(/practice/);
    }
    const rows = (await t.db.query(`SELECT "name", "practice" FROM "sets" WHERE "id" = ANY($1) ORDER BY "name"`, [[real.id, practice.id]])) as { name: string; practice: boolean }[];
    expect(rows).toEqual([{ name: 'Real set', practice: false }, { name: 'Training day set', practice: true }]);
    await request(t.http).post('/api/sets').set(fran.auth).send({ name: 'x', mode: 'virtual', timeZone: 'Europe/London', practice: 'yes' }).expect(400);
  });

  it('lets a practice set’s meeting move into the past; a real set’s is refused', async () => {
    const soon = DateTime.now().plus({ days: 2 }).toISO();
    const past = DateTime.now().minus({ minutes: 30 }).toISO();
    const schedule = async (set: SetResponse) => ((await request(t.http).post(`/api/sets/${set.id}/meetings`).set(fran.auth).send({ startsAt: soon, durationMinutes: 60, format: 'online' }).expect(201)).body as MeetingResponse).id;
    const p = await schedule(practice);
    const r = await schedule(real);
    await request(t.http).patch(`/api/meetings/${p}`).set(fran.auth).send({ startsAt: past }).expect(200);
    // Fran took part (for the CPD record below), in both sets.
    await t.db.query(`INSERT INTO "session_attendance" ("meetingId", "userId", "inRoom") VALUES ($1, $2, true)`, [p, fran.id]);
    const refused = await request(t.http).patch(`/api/meetings/${r}`).set(fran.auth).send({ startsAt: past }).expect(400);
    expect(refused.body.code).toBe('meeting.start-in-past');
    // Two practice meetings minutes apart.
    await request(t.http).post(`/api/sets/${practice.id}/meetings`).set(fran.auth).send({ startsAt: DateTime.now().plus({ minutes: 10 }).toISO(), durationMinutes: 15, format: 'online' }).expect(201);
    await request(t.http).post(`/api/sets/${practice.id}/meetings`).set(fran.auth).send({ startsAt: DateTime.now().plus({ minutes: 30 }).toISO(), durationMinutes: 15, format: 'online' }).expect(201);
  });

  it('lets a practice set’s round have deadlines in the past or minutes apart, in order; a real set’s must be to come', async () => {
    const at = (minutes: number) => DateTime.now().plus({ minutes }).toISO();
    const pastDeadlines = { clarifying: at(-50), answers: at(-40), questions: at(-30), reflection: at(-20), actions: at(-10) };
    await request(t.http).post(`/api/sets/${practice.id}/rounds`).set(fran.auth).send({ title: 'A practice case', caseText: 'Made up for training.', phaseDeadlines: pastDeadlines }).expect(201);
    const minutesApart = { clarifying: at(5), answers: at(10), questions: at(15), reflection: at(20), actions: at(25) };
    await request(t.http).post(`/api/sets/${practice.id}/rounds`).set(fran.auth).send({ title: 'Another', caseText: 'Made up.', phaseDeadlines: minutesApart }).expect(201);
    const outOfOrder = await request(t.http).post(`/api/sets/${practice.id}/rounds`).set(fran.auth).send({ title: 'x', caseText: 'y', phaseDeadlines: { ...pastDeadlines, answers: at(-60) } }).expect(400);
    expect(outOfOrder.body.message).toContain('phaseDeadlines.answers must be after the deadline before it');
    const real400 = await request(t.http).post(`/api/sets/${real.id}/rounds`).set(fran.auth).send({ title: 'x', caseText: 'y', phaseDeadlines: pastDeadlines }).expect(400);
    expect(real400.body.message).toContain('phaseDeadlines.clarifying must be after now');
  });

  it('marks its CPD records as practice, its ending review too', async () => {
    await request(t.http).post(`/api/sets/${practice.id}/ending/open`).set(fran.auth).expect(200);
    await request(t.http).put(`/api/sets/${practice.id}/ending/review`).set(fran.auth).send({ cameWith: '', changed: 'Practised running a set', takeForward: '', shared: false }).expect(200);
    const csv = (await request(t.http).get('/api/me/cpd-export?format=csv').set(fran.auth).expect(200)).text;
    const lines = csv.split('\r\n');
    const practiceLines = lines.filter((l) => l.includes('Training day set'));
    expect(practiceLines.length).toBeGreaterThan(0);
    for (const line of practiceLines) expect(line).toContain('(practice set)');
    expect(practiceLines.some((l) => l.includes('Training day set: ending review (practice set)'))).toBe(true);
    for (const line of lines.filter((l) => l.includes('Real set'))) expect(line).not.toContain('practice');
  });
});

describe('practice sets in organisation figures, and the programme PDF', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp(LONG_SESSIONS);
  });
  afterAll(() => t.close());

  it('leaves practice sets out of organisation and programme figures; the programme PDF holds figures only', async () => {
    const admin = await registerUser(t, { displayName: 'Ada Admin' });
    const organisation = (await request(t.http).post('/api/organisations').set(admin.auth).send({ name: 'Northshire' }).expect(201)).body as OrganisationResponse;
    const realSet = await createSet(t, admin, { name: 'Leaders set one', organisationId: organisation.id });
    const practiceSet = await createSet(t, admin, { name: 'Demo set', organisationId: organisation.id, practice: true });
    for (const set of [realSet, practiceSet]) {
      await request(t.http).post(`/api/sets/${set.id}/meetings`).set(admin.auth).send({ startsAt: DateTime.now().minus({ days: 3 }).toISO(), durationMinutes: 60, format: 'online' }).expect(201);
    }
    const figures = (await request(t.http).get(`/api/organisations/${organisation.id}/evaluation`).set(admin.auth).expect(200)).body as OrganisationEvaluationResponse;
    expect(figures.setCount).toBe(1);
    expect(figures.sets.map((s) => s.set.name)).toEqual(['Leaders set one']);
    expect(figures.attendance.meetings).toBe(1);

    const programme = (await request(t.http).post(`/api/organisations/${organisation.id}/programmes`).set(admin.auth).send({ name: 'Leadership 2027', startsOn: '2027-01-04', endsOn: '2027-07-02' }).expect(201)).body as ProgrammeResponse;
    await request(t.http).put(`/api/organisations/${organisation.id}/programmes/${programme.id}/sets`).set(admin.auth).send({ setIds: [realSet.id, practiceSet.id] }).expect(200);
    const res = await request(t.http).get(`/api/organisations/${organisation.id}/programmes/${programme.id}/evaluation.pdf`).set(admin.auth).buffer(true).parse((res, done) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => done(null, Buffer.concat(chunks)));
      }).expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="programme-2027-01-04.pdf"');
    const bytes = res.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    const text = pdfText(bytes).replace(/\s+/g, ' ');
    expect(text).toContain('Programme report: Leadership 2027');
    expect(text).toContain('Northshire');
    expect(text).toContain('Leaders set one');
    expect(text).toContain('Self-assessment, before and after');
    expect(text).not.toContain('Demo set');
    expect(text).not.toContain('Ada Admin');

    // Organisation members who are not admins, and outsiders, get no PDF.
    const outsider = await registerUser(t);
    await request(t.http).get(`/api/organisations/${organisation.id}/programmes/${programme.id}/evaluation.pdf`).set(outsider.auth).expect(404);
    await request(t.http).get(`/api/organisations/${organisation.id}/programmes/00000000-0000-4000-8000-000000000000/evaluation.pdf`).set(admin.auth).expect(404);
    const audit = (await request(t.http).get(`/api/sets/${realSet.id}/audit`).set(admin.auth).expect(200)).body as { action: string; detail: Record<string, unknown> }[];
    expect(audit.some((a) => a.action === 'evaluation.viewed' && a.detail.export === 'pdf')).toBe(true);
    if (process.env.SAVE_PDF) (await import('node:fs')).writeFileSync(process.env.SAVE_PDF, bytes);
  });
});
