import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDeadlines } from './RoundsPanel';

describe(defaultDeadlines.name, () => {
  // The browser in London, opening a round on the Friday before the clocks go back.
  const zone = process.env.TZ;
  beforeAll(() => {
    process.env.TZ = 'Europe/London';
  });
  afterAll(() => {
    process.env.TZ = zone;
  });

  it('prefills each deadline whole days on at the same time of day, across the clock change', () => {
    expect(defaultDeadlines(new Date('2026-10-23T09:00:00Z'), {})).toEqual({
      clarifying: '2026-10-25T10:00',
      answers: '2026-10-27T10:00',
      questions: '2026-10-30T10:00',
      reflection: '2026-11-01T10:00',
      actions: '2026-11-03T10:00',
    });
    expect(defaultDeadlines(new Date('2027-03-26T10:00:00Z'), { questions: 5 })).toMatchObject({ clarifying: '2027-03-28T10:00', questions: '2027-04-04T10:00' });
  });
});
