import { DateTime } from 'luxon';
import { Frequency, RRule } from 'rrule';
import { SERIES_MAX_OCCURRENCES } from '@als/shared';

export class RecurrenceError extends Error {}

const SUPPORTED = new Set([Frequency.YEARLY, Frequency.MONTHLY, Frequency.WEEKLY, Frequency.DAILY]);

/** The rule's value without an `RRULE:` prefix, upper-cased, or a RecurrenceError saying why it is refused. */
export function normaliseRule(input: string): string {
  const value = input.trim().replace(/^RRULE:/i, '').toUpperCase();
  if (!value || /[\r\n]/.test(value)) throw new RecurrenceError('recurrence must be one RRULE value such as FREQ=WEEKLY;COUNT=6');
  const KEYS = new Set(['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'BYMONTHDAY', 'BYMONTH', 'BYSETPOS', 'BYWEEKNO', 'BYYEARDAY', 'WKST']);
  const NUMERIC = new Set(['INTERVAL', 'COUNT']);
  for (const part of value.split(';')) {
    const [key, val, extra] = part.split('=');
    if (!KEYS.has(key) || !val || extra !== undefined || (NUMERIC.has(key) && !/^[1-9]\d{0,3}$/.test(val))) {
      throw new RecurrenceError(`recurrence is not a valid or supported RRULE: "${part}"`);
    }
  }
  let options;
  try {
    options = RRule.parseString(value);
  } catch (error) {
    throw new RecurrenceError(`recurrence is not a valid RRULE: ${(error as Error).message}`);
  }
  if (options.freq === undefined) throw new RecurrenceError('recurrence needs FREQ (DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (!SUPPORTED.has(options.freq)) throw new RecurrenceError('recurrence: meetings repeat at most daily (FREQ=DAILY, WEEKLY, MONTHLY or YEARLY)');
  if (options.dtstart || options.tzid) throw new RecurrenceError('recurrence must not carry DTSTART or TZID: send startsAt and timeZone instead');
  if (!options.count && !options.until) throw new RecurrenceError(`recurrence needs COUNT or UNTIL (at most ${SERIES_MAX_OCCURRENCES} meetings)`);
  if (options.count && options.count > SERIES_MAX_OCCURRENCES) throw new RecurrenceError(`recurrence: at most ${SERIES_MAX_OCCURRENCES} meetings in a series`);
  return value;
}

/**
 * The start of every occurrence of `rule` from `start`, at the same wall-clock time in `zone`
 * whatever daylight saving does: the rule is expanded on wall-clock fields ("floating" time, which
 * rrule keeps in UTC fields) and each result is placed in the zone with luxon.
 */
export function expandRule(rule: string, start: DateTime): DateTime[] {
  const zone = start.zoneName ?? 'UTC';
  const floating = (t: DateTime) => new Date(Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute, t.second));
  const options = RRule.parseString(rule);
  if (options.until) {
    // UNTIL in UTC (…Z) is an instant; compare in the meeting's wall time like every other field.
    options.until = floating(DateTime.fromJSDate(options.until, { zone: 'utc' }).setZone(zone));
  }
  const dates = new RRule({ ...options, dtstart: floating(start) }).all((_, i) => i <= SERIES_MAX_OCCURRENCES);
  if (dates.length === 0) throw new RecurrenceError('recurrence gives no meeting after startsAt');
  if (dates.length > SERIES_MAX_OCCURRENCES) throw new RecurrenceError(`recurrence: at most ${SERIES_MAX_OCCURRENCES} meetings in a series`);
  return dates.map((d) =>
    DateTime.fromObject(
      { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate(), hour: d.getUTCHours(), minute: d.getUTCMinutes(), second: d.getUTCSeconds() },
      { zone },
    ),
  );
}
