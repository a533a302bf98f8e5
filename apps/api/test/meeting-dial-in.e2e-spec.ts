import ICAL from 'ical.js';
import type { MeetingDetailResponse, MeetingResponse } from '@als/shared';
import { OutboxService } from '@api/mail/outbox.service';
import { request, startTestApp, TestApp } from './app';
import { parsedMails } from './mail';
import { setWithRoles } from './factories';

const DIAL_IN = { dialInNumbers: ['+44 20 3481 5237', '0800 123 4567'], dialInPasscode: '482 193#' };

describe('meeting dial-in details', () => {
  let t: TestApp;
  let world: Awaited<ReturnType<typeof setWithRoles>>;
  beforeAll(async () => {
    t = await startTestApp();
    world = await setWithRoles(t);
  });
  afterAll(() => t.close());

  const schedule = (body: object) => request(t.http).post(`/api/sets/${world.set.id}/meetings`).set(world.facilitator.auth).send({ startsAt: '2027-09-07T09:30', durationMinutes: 180, format: 'online', videoUrl: 'https://meet.example.org/set', ...body });
  const count = async () => Number((await t.db.query('SELECT count(*)::int AS n FROM meetings'))[0].n);

  it('stores the numbers and the passcode (spaces dropped) and shows them to members on the meeting', async () => {
    const created = (await schedule(DIAL_IN).expect(201)).body as MeetingResponse;
    expect(created).toMatchObject({ dialInNumbers: ['+44 20 3481 5237', '0800 123 4567'], dialInPasscode: '482193#' });
    const detail = (await request(t.http).get(`/api/meetings/${created.id}`).set(world.member.auth).expect(200)).body as MeetingDetailResponse;
    expect(detail).toMatchObject({ dialInNumbers: ['+44 20 3481 5237', '0800 123 4567'], dialInPasscode: '482193#' });
  });

  it('has none by default', async () => {
    const created = (await schedule({ startsAt: '2027-09-14T09:30' }).expect(201)).body as MeetingResponse;
    expect(created).toMatchObject({ dialInNumbers: [], dialInPasscode: '' });
  });

  it('puts them in the invitation e-mail and its calendar file, and in the .ics', async () => {
    const created = (await schedule({ startsAt: '2027-09-21T09:30', ...DIAL_IN }).expect(201)).body as MeetingResponse;
    await t.app.get(OutboxService).drain();
    const mails = (await parsedMails(t.mailDir)).filter((m) => m.to.includes(world.member.email) && m.text.includes('21 September 2027'));
    expect(mails.length).toBeGreaterThan(0);
    expect(mails[0].text).toContain('Dial in: +44 20 3481 5237 or 0800 123 4567, passcode 482193#');
    expect(mails[0].calendar?.events[0].description).toContain('Dial in: +44 20 3481 5237 or 0800 123 4567, passcode 482193#');
    const ics = (await request(t.http).get(`/api/meetings/${created.id}/ics`).set(world.member.auth).expect(200)).text;
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(ics)).getFirstSubcomponent('vevent')!);
    expect(event.description).toContain('Dial in: +44 20 3481 5237 or 0800 123 4567, passcode 482193#');
  });

  it('changes them on one meeting (a change calendars must show: SEQUENCE rises) and clears them', async () => {
    const created = (await schedule({ startsAt: '2027-09-28T09:30' }).expect(201)).body as MeetingResponse;
    const changed = (await request(t.http).patch(`/api/meetings/${created.id}`).set(world.facilitator.auth).send({ dialInNumbers: ['+1 (212) 555-0100'], dialInPasscode: '7788' }).expect(200)).body as MeetingResponse;
    expect(changed).toMatchObject({ dialInNumbers: ['+1 (212) 555-0100'], dialInPasscode: '7788', sequence: created.sequence + 1 });
    const cleared = (await request(t.http).patch(`/api/meetings/${created.id}`).set(world.facilitator.auth).send({ dialInNumbers: [], dialInPasscode: '' }).expect(200)).body as MeetingResponse;
    expect(cleared).toMatchObject({ dialInNumbers: [], dialInPasscode: '' });
  });

  it.each([
    ['a number with letters', { dialInNumbers: ['call me maybe'] }, 'dialInNumbers'],
    ['a number that is too short', { dialInNumbers: ['123'] }, 'dialInNumbers'],
    ['numbers that are not a list', { dialInNumbers: '+44 20 3481 5237' }, 'dialInNumbers'],
    ['more than five numbers', { dialInNumbers: Array(6).fill('+44 20 3481 5237') }, 'dialInNumbers'],
    ['a number that is not text', { dialInNumbers: [442034815237] }, 'dialInNumbers'],
    ['a passcode with punctuation', { dialInPasscode: '12;DROP' }, 'dialInPasscode'],
    ['a passcode that is too long', { dialInPasscode: '1'.repeat(33) }, 'dialInPasscode'],
    ['a passcode that is not text', { dialInPasscode: 1234 }, 'dialInPasscode'],
  ])('answers 400 for %s, naming the field, writing nothing', async (_, change, field) => {
    const before = await count();
    const response = await schedule({ startsAt: '2027-10-05T09:30', ...change }).expect(400);
    expect(response.body.message).toContain(field);
    expect(await count()).toBe(before);
  });
});
