import { calendarDay, formatDay } from './time';

describe('calendarDay', () => {
  it('takes a date as typed, or the date part of a date-time as written', () => {
    expect(calendarDay('2030-03-20')).toBe('2030-03-20');
    expect(calendarDay('2030-03-20T23:30:00-05:00')).toBe('2030-03-20');
    expect(calendarDay('2030-03-20T00:00:00.000Z')).toBe('2030-03-20');
  });
  it('refuses what is not a real day between 1900 and 2200', () => {
    for (const bad of ['soon', '2030-02-30', '2030-13-01', '1899-12-31', '2201-01-01', '20300320', '2030-03-20x', '']) expect(calendarDay(bad)).toBeNull();
  });
});

describe('formatDay', () => {
  it('shows the day itself, whatever the zone it is read in', () => {
    expect(formatDay('2030-03-20')).toBe('20/03/2030');
    expect(formatDay('2030-03-20', { day: 'numeric', month: 'long', year: 'numeric' })).toBe('20 March 2030');
  });
});
