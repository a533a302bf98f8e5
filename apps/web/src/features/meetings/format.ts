export { describeRule } from '@als/shared';
/** "Tuesday 2 February 2027, 09:30 – 13:00" in `zone`. */
export function formatMeetingTime(startsAt: string, endsAt: string, zone: string): string {
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(new Date(startsAt));
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone });
  return `${day}, ${time.format(new Date(startsAt))} – ${time.format(new Date(endsAt))}`;
}

/** True when the two zones show a different clock time at this instant. */
export function zonesDiffer(at: string, a: string, b: string): boolean {
  const clock = (zone: string) => new Intl.DateTimeFormat('en-GB', { day: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: zone }).format(new Date(at));
  return clock(a) !== clock(b);
}

/** The RRULE of a repeating schedule the form offers: every `weeks` weeks, `count` times. */
export function weeklyRule(weeks: number, count: number): string {
  return `FREQ=WEEKLY;INTERVAL=${weeks};COUNT=${count}`;
}

/** Where a meeting happens, in words. */
export function placeText(meeting: { format: 'in-person' | 'online'; location: string; videoUrl: string }): string {
  if (meeting.format === 'online') return meeting.videoUrl ? `Online: ${meeting.videoUrl}` : 'Online (link to follow)';
  return meeting.location || 'In person (venue to follow)';
}

/** The wall-clock date (yyyy-mm-dd) and time (HH:mm) of an instant in `zone`, for date and time inputs. */
export function wallTime(at: string, zone: string): { date: string; time: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: zone })
      .formatToParts(new Date(at))
      .map((p) => [p.type, p.value]),
  );
  return { date: `${parts.year}-${parts.month}-${parts.day}`, time: `${parts.hour}:${parts.minute}` };
}

/** "Tuesday 2 February 2027" in `zone`. */
export function formatDay(at: string, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: zone }).format(new Date(at)).replace(',', '');
}

/** "1 apology", "2 apologies". */
export function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}
