import { DateTime } from 'luxon';
import { expandRule, normaliseRule, RecurrenceError } from './recurrence';

describe('normaliseRule', () => {
  it.each([
    ['RRULE:FREQ=WEEKLY;COUNT=6', 'FREQ=WEEKLY;COUNT=6'],
    ['freq=weekly;interval=5;count=6', 'FREQ=WEEKLY;INTERVAL=5;COUNT=6'],
    ['FREQ=MONTHLY;UNTIL=20270601T000000Z', 'FREQ=MONTHLY;UNTIL=20270601T000000Z'],
  ])('accepts %s', (input, expected) => {
    expect(normaliseRule(input)).toBe(expected);
  });

  it.each([
    ['FREQ=WEEKLY', /COUNT or UNTIL/],
    ['FREQ=HOURLY;COUNT=3', /at most daily/],
    ['FREQ=WEEKLY;COUNT=53', /at most 52/],
    ['COUNT=3', /FREQ/],
    ['FREQ=WEEKLY;COUNT=abc', /not a valid RRULE|COUNT/],
    ['FREQ=SOMETIMES;COUNT=2', /not a valid RRULE|FREQ/],
    ['DTSTART:20260101T000000Z\nRRULE:FREQ=DAILY;COUNT=2', /one RRULE value/],
    ['', /one RRULE value/],
  ])('refuses %p', (input, message) => {
    expect(() => normaliseRule(input)).toThrow(RecurrenceError);
    expect(() => normaliseRule(input)).toThrow(message);
  });
});

describe('expandRule', () => {
  it('keeps 09:30 in London across both daylight-saving changes', () => {
    const start = DateTime.fromISO('2027-02-02T09:30', { zone: 'Europe/London' });
    const starts = expandRule('FREQ=WEEKLY;INTERVAL=5;COUNT=8', start);
    expect(starts.map((s) => s.toFormat('yyyy-LL-dd HH:mm'))).toEqual([
      '2027-02-02 09:30', '2027-03-09 09:30', '2027-04-13 09:30', '2027-05-18 09:30',
      '2027-06-22 09:30', '2027-07-27 09:30', '2027-08-31 09:30', '2027-10-05 09:30',
    ]);
    expect(starts.map((s) => s.toUTC().toFormat('HH:mm'))).toEqual(['09:30', '09:30', '08:30', '08:30', '08:30', '08:30', '08:30', '08:30']);
  });

  it('crosses the October change back to GMT', () => {
    const starts = expandRule('FREQ=WEEKLY;COUNT=3', DateTime.fromISO('2026-10-20T09:30', { zone: 'Europe/London' }));
    expect(starts.map((s) => s.toUTC().toISO())).toEqual(['2026-10-20T08:30:00.000Z', '2026-10-27T09:30:00.000Z', '2026-11-03T09:30:00.000Z']);
  });

  it('stops at UNTIL', () => {
    const starts = expandRule('FREQ=MONTHLY;UNTIL=20270401T000000Z', DateTime.fromISO('2027-01-10T10:00', { zone: 'Europe/London' }));
    expect(starts).toHaveLength(3);
  });

  it('refuses an UNTIL rule with more than 52 meetings', () => {
    expect(() => expandRule('FREQ=DAILY;UNTIL=20280101T000000Z', DateTime.fromISO('2027-01-10T10:00', { zone: 'Europe/London' }))).toThrow(/at most 52/);
  });

  it('refuses a rule with no meeting at all', () => {
    expect(() => expandRule('FREQ=WEEKLY;UNTIL=20200101T000000Z', DateTime.fromISO('2027-01-10T10:00', { zone: 'Europe/London' }))).toThrow(/no meeting/);
  });
});
