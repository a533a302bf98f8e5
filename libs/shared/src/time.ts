/** True when `zone` is an IANA time zone name this runtime knows, such as `Europe/London`. */
export function isValidTimeZone(zone: string): boolean {
  if (typeof zone !== 'string' || zone.length === 0 || zone.length > 64) return false;
  if (!zone.includes('/') && zone !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

export const DEFAULT_TIME_ZONE = 'Europe/London';

/** The years a date may fall in (CONTRACT.md: dates outside 1900–2200 are refused). */
export const DATE_YEARS = { min: 1900, max: 2200 } as const;

/**
 * The calendar day (`YYYY-MM-DD`) a due date names: a date as typed (`2030-03-20`), or the date
 * part of a date-time as written by its sender (`2030-03-20T17:00+01:00` → `2030-03-20`). A due
 * date is a day, not an instant: it is never moved to another zone. Null when it is not a real
 * date between DATE_YEARS.
 */
export function calendarDay(value: string): string | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:$|T)/.exec(typeof value === 'string' ? value : '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (year < DATE_YEARS.min || year > DATE_YEARS.max) return null;
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  return `${match[1]}-${match[2]}-${match[3]}`;
}

/** A calendar day for people, in en-GB (`20/03/2030`, or with `options` such as `{ day: 'numeric', month: 'long' }`), the same in every zone. */
export function formatDay(value: string, options: Intl.DateTimeFormatOptions = {}): string {
  const day = calendarDay(value);
  if (!day) return value;
  const [year, month, date] = day.split('-').map(Number);
  return new Intl.DateTimeFormat('en-GB', { ...options, timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, date)));
}
