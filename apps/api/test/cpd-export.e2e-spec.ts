import { parse } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import type { MeetingResponse } from '@als/shared';
import { request, startTestApp, TestApp } from './app';
import { addMember, createSet, registerUser, setWithRoles } from './factories';

/** Reads a CSV as a spreadsheet would, with a real CSV parser (byte-order mark, quoted commas, quotes and newlines). */
function parseCsv(text: string): string[][] {
  return parse(text, { bom: true, relaxColumnCount: false }) as string[][];
}

/** The text of a PDF, page by page, as a reader would copy it (extracted by pdf-parse in its own process). */
function pdfText(bytes: Buffer): string {
  return execFileSync(process.execPath, [join(__dirname, 'pdf-text.cjs')], { input: bytes, encoding: 'utf8' });
}

describe('CPD export (GET /api/me/cpd-export)', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  let attended: string;
  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
    const schedule = async (startsAt: string) => ((await request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.facilitator.auth).send({ startsAt, durationMinutes: 210, format: 'in-person', location: 'Room 4' }).expect(201)).body as MeetingResponse).id;
    attended = await schedule('2025-06-03T09:30');
    const missed = await schedule('2025-07-08T09:30');
    const cancelled = await schedule('2025-08-12T09:30');
    await request(t.http).put(`/api/meetings/${attended}/attendance/${world.member.id}`).set(world.facilitator.auth).send({ status: 'attending' }).expect(200);
    await request(t.http).put(`/api/meetings/${missed}/attendance/${world.member.id}`).set(world.facilitator.auth).send({ status: 'apology' }).expect(200);
    await request(t.http).put(`/api/meetings/${cancelled}/attendance/${world.member.id}`).set(world.facilitator.auth).send({ status: 'attending' }).expect(200);
    await request(t.http).delete(`/api/meetings/${cancelled}`).set(world.facilitator.auth).expect(204);
    await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'After the June set', body: 'Presented the school case.', learned: 'I avoid conflict, "politely".', impact: 'The family, at last, felt heard.', different: 'Ask the family before I write the plan.', meetingId: attended, occurredOn: '2025-06-03' }).expect(201);
    await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'Reading on trauma-informed practice', body: 'Read two papers.', learned: 'Safety first.', occurredOn: '2025-09-10', hours: 1.5 }).expect(201);
    await request(t.http).post('/api/me/learning-log').set(world.member.auth).send({ title: 'Out of range', body: 'Later.', occurredOn: '2026-02-01' }).expect(201);
  });
  afterAll(() => t.close());
  const exportAs = (who: { auth: Record<string, string> }, query: string) => request(t.http).get(`/api/me/cpd-export?${query}`).set(who.auth);

  it('lists the meetings attended and the log entries of the period as CSV, with the regulator’s fields', async () => {
    const response = await exportAs(world.member, 'format=csv&from=2025-01-01&to=2025-12-31').expect(200);
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.headers['content-disposition']).toBe('attachment; filename="cpd-2025-01-01-to-2025-12-31.csv"');
    const rows = parseCsv(response.text);
    expect(rows[0]).toEqual(['Activity type', 'Date', 'Title', 'Description', 'What I learned', 'Impact on my practice', 'Discussed with peers', 'Hours', 'What I will do differently']);
    expect(rows.slice(1)).toEqual([
      ['Peer learning: action learning set', '2025-06-03', 'Practice set: set meeting', 'Action learning set meeting, in person. Presented the school case.', 'I avoid conflict, "politely".', 'The family, at last, felt heard.', 'Yes: with the set', '3.5', 'Ask the family before I write the plan.'],
      ['Reflective practice: learning log', '2025-09-10', 'Reading on trauma-informed practice', 'Read two papers.', 'Safety first.', '', 'No', '1.5', ''],
    ]);
    // In a regulator's columns too.
    const swe = parseCsv((await exportAs(world.member, 'format=csv&from=2025-01-01&to=2025-12-31&regulator=swe').expect(200)).text);
    expect(swe[1].at(-1)).toBe('Ask the family before I write the plan.');
  });

  it('gives the same records as Markdown and as a PDF document', async () => {
    const md = await exportAs(world.member, 'format=md&from=2025-01-01&to=2025-12-31').expect(200);
    expect(md.headers['content-type']).toBe('text/markdown; charset=utf-8');
    expect(md.text).toMatchSnapshot();
    const pdf = await exportAs(world.member, 'format=pdf&from=2025-01-01&to=2025-12-31').buffer(true).parse((res, done) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => done(null, Buffer.concat(chunks)));
    }).expect(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    const bytes = pdf.body as Buffer;
    expect(bytes.subarray(0, 5).toString()).toBe('%PDF-');
    expect(bytes.length).toBeGreaterThan(1500);
    const text = pdfText(bytes);
    // The same records as the Markdown, in reading order.
    const expected = [
      'Continuing professional development record',
      'Period: 1 January 2025 to 31 December 2025',
      '2 activities',
      '5 hours',
      'Summary',
      'Practice set: set meeting',
      'Reading on trauma-informed practice',
      'Total',
      'Practice set: set meeting',
      'Peer learning: action learning set',
      'Action learning set meeting, in person. Presented the school case.',
      'I avoid conflict, "politely".',
      'The family, at last, felt heard.',
      'What I will do differently',
      'Ask the family before I write the plan.',
      'Reading on trauma-informed practice',
      'Safety first.',
      'Declaration',
      'I declare that the activities in this record are a true account',
      'Page 1 of',
    ];
    let at = 0;
    for (const part of expected) {
      const found = text.indexOf(part, at);
      expect({ part, found: found >= 0 }).toEqual({ part, found: true });
      at = found + part.length;
    }
  });

  it("holds only the caller's own activities", async () => {
    const theirs = await exportAs(world.facilitator, 'format=csv&from=2025-01-01&to=2025-12-31').expect(200);
    expect(theirs.text).not.toContain('school case');
    expect(theirs.text).not.toContain('trauma-informed');
    const sponsor = parseCsv((await exportAs(world.sponsor, 'format=csv&from=2025-01-01&to=2025-12-31').expect(200)).text);
    expect(sponsor).toHaveLength(1);
  });

  it.each([
    ['format=docx', 'format'],
    ['from=2025-13-01', 'from'],
    ['from=01/01/2025', 'from'],
    ['from=2025-12-31&to=2025-01-01', 'to must not be before from'],
    ['format=csv&extra=1', 'extra'],
  ])('answers 400 for %s', async (query, text) => {
    expect((await exportAs(world.member, query).expect(400)).body.message).toContain(text);
  });

  it('neutralises every cell a spreadsheet would run as a formula (OWASP CSV injection), read back by a real CSV parser', async () => {
    const host = await registerUser(t, { displayName: 'Hal Host' });
    const set = await createSet(t, host, { name: '=HYPERLINK("http://evil.example","Click me")' });
    const guest = await addMember(t, host, set.id);
    const meeting = ((await request(t.http).post(`/api/sets/${set.id}/meetings`).set(host.auth).send({ startsAt: '2025-10-07T09:30', durationMinutes: 60, format: 'in-person' }).expect(201)).body as MeetingResponse).id;
    await request(t.http).put(`/api/meetings/${meeting}/attendance/${guest.id}`).set(host.auth).send({ status: 'attending' }).expect(200);
    const payloads = { title: '@SUM(1+1)*cmd|\' /C calc\'!A0', body: '+thing', learned: '-2+3', impact: '=1+1', different: '@A1' };
    await request(t.http).post('/api/me/learning-log').set(guest.auth).send({ ...payloads, occurredOn: '2025-11-02', hours: 2 }).expect(201);

    const rows = parseCsv((await exportAs(guest, 'format=csv&from=2025-01-01&to=2025-12-31').expect(200)).text);
    expect(rows.slice(1)).toEqual([
      ['Peer learning: action learning set', '2025-10-07', `'=HYPERLINK("http://evil.example","Click me"): set meeting`, 'Action learning set meeting, in person.', '', '', 'Yes: with the set', '1', ''],
      ['Reflective practice: learning log', '2025-11-02', `'${payloads.title}`, `'${payloads.body}`, `'${payloads.learned}`, `'${payloads.impact}`, 'No', '2', `'${payloads.different}`],
    ]);
    for (const cell of rows.flat()) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('needs a signed-in person', async () => {
    await request(t.http).get('/api/me/cpd-export').expect(401);
  });
});
