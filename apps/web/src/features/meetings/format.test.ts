import { describe, expect, it } from 'vitest';
import { describeRule, formatDay, wallTime } from './format';
import { monthGrid } from '@web/features/meetings/components/MonthView';

describe('meeting formatting', () => {
  it.each([
    ['FREQ=WEEKLY;INTERVAL=5;COUNT=6', 'every 5 weeks, 6 meetings'],
    ['FREQ=MONTHLY;COUNT=3', 'every month, 3 meetings'],
    ['FREQ=WEEKLY;INTERVAL=2;UNTIL=20270630T000000Z', 'every 2 weeks until 30/06/2027'],
    ['FREQ=HOURLY;COUNT=2', 'FREQ=HOURLY;COUNT=2'],
  ])('describes %s as "%s"', (rule, words) => {
    expect(describeRule(rule)).toBe(words);
  });

  it('reads the wall-clock date and time of an instant in a zone, across daylight saving', () => {
    expect(wallTime('2027-07-06T08:30:00.000Z', 'Europe/London')).toEqual({ date: '2027-07-06', time: '09:30' });
    expect(wallTime('2027-01-05T09:30:00.000Z', 'Europe/London')).toEqual({ date: '2027-01-05', time: '09:30' });
    expect(wallTime('2027-01-05T23:30:00.000Z', 'Asia/Kolkata')).toEqual({ date: '2027-01-06', time: '05:00' });
    expect(formatDay('2027-01-05T23:30:00.000Z', 'America/New_York')).toBe('Tuesday 5 January 2027');
  });

  it('lays a month out in whole weeks starting on Monday', () => {
    const feb = monthGrid(2027, 1); // February 2027 starts on a Monday and has 28 days: exactly 4 weeks
    expect(feb).toHaveLength(28);
    expect(feb[0]).toEqual({ date: '2027-02-01', inMonth: true });
    const june = monthGrid(2027, 5); // June 2027 starts on a Tuesday
    expect(june[0]).toEqual({ date: '2027-05-31', inMonth: false });
    expect(june.length % 7).toBe(0);
    expect(june.filter((d) => d.inMonth)).toHaveLength(30);
  });
});
