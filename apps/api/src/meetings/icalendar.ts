import { DateTime } from 'luxon';

/*
 * A small RFC 5545 writer. The `ics` package writes only UTC or floating times, so it cannot
 * express a series at 09:30 Europe/London that stays at 09:30 across daylight saving
 * (DTSTART;TZID=… with a VTIMEZONE). This writes exactly the properties we use, with escaping and
 * line folding as the RFC requires.
 */

export interface CalendarEvent {
  uid: string;
  sequence: number;
  /** Wall-clock start and end in `timeZone`. */
  start: DateTime;
  end: DateTime;
  timeZone: string;
  summary: string;
  description?: string;
  location?: string;
  url?: string;
  status: 'CONFIRMED' | 'CANCELLED';
  rrule?: string;
  /** Starts (as the rule gave them) of cancelled occurrences of a series. */
  exdates?: DateTime[];
  /** On an override of one occurrence of a series: the start the rule gave it. */
  recurrenceId?: DateTime;
}

export function escapeText(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\r?\n/g, '\\n');
}

/** Folds a content line to 75 octets, continuation lines starting with a space, never splitting a UTF-8 character. */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let octets = 0;
  for (const char of line) {
    const size = Buffer.byteLength(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (octets + size > limit) {
      parts.push(current);
      current = '';
      octets = 0;
    }
    current += char;
    octets += size;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

const local = (t: DateTime) => t.toFormat("yyyyLLdd'T'HHmmss");
const utc = (t: DateTime) => t.toUTC().toFormat("yyyyLLdd'T'HHmmss'Z'");
/** A readable abbreviation (BST, EDT) where one exists, else the offset. */
function zoneName(t: DateTime): string {
  for (const locale of ['en-US', 'en-GB']) {
    const name = t.setLocale(locale).offsetNameShort;
    if (name && !/^(GMT|UTC)[+-]/.test(name)) return name;
  }
  return t.offsetNameShort ?? 'UTC';
}

const offset = (minutes: number) => `${minutes < 0 ? '-' : '+'}${String(Math.floor(Math.abs(minutes) / 60)).padStart(2, '0')}${String(Math.abs(minutes) % 60).padStart(2, '0')}`;

const vtimezones = new Map<string, readonly string[]>();

/**
 * The zone's VTIMEZONE for the years given: one observance per offset change found (luxon's tz
 * data), or a single one for a zone without changes. Transitions are found to the minute.
 * Finding them walks every day through luxon (Intl), which is slow; the answer never changes for
 * the same arguments, so it is kept.
 */
export function vtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const key = `${zone}:${fromYear}:${toYear}`;
  let lines = vtimezones.get(key);
  if (!lines) {
    lines = buildVtimezone(zone, fromYear, toYear);
    if (vtimezones.size > 500) vtimezones.delete(vtimezones.keys().next().value!);
    vtimezones.set(key, lines);
  }
  return [...lines];
}

function buildVtimezone(zone: string, fromYear: number, toYear: number): string[] {
  const offsetAt = (ms: number) => DateTime.fromMillis(ms, { zone }).offset;
  const lines = ['BEGIN:VTIMEZONE', `TZID:${zone}`];
  let previous = DateTime.fromObject({ year: fromYear, month: 1, day: 1 }, { zone: 'utc' }).toMillis();
  const stop = DateTime.fromObject({ year: toYear + 1, month: 1, day: 1 }, { zone: 'utc' }).toMillis();
  const day = 86_400_000;
  let found = 0;
  for (let t = previous + day; t <= stop; t += day) {
    if (offsetAt(t) === offsetAt(previous)) {
      previous = t;
      continue;
    }
    let low = previous;
    let high = t;
    while (high - low > 60_000) {
      const mid = low + Math.floor((high - low) / 120_000) * 60_000;
      if (offsetAt(mid) === offsetAt(low)) low = mid;
      else high = mid;
    }
    const from = offsetAt(low);
    const after = DateTime.fromMillis(high, { zone });
    const kind = after.isInDST ? 'DAYLIGHT' : 'STANDARD';
    lines.push(`BEGIN:${kind}`, `DTSTART:${local(DateTime.fromMillis(high, { zone: 'utc' }).plus({ minutes: from }))}`, `TZOFFSETFROM:${offset(from)}`, `TZOFFSETTO:${offset(after.offset)}`, `TZNAME:${zoneName(after)}`, `END:${kind}`);
    found++;
    previous = t;
  }
  if (found === 0) {
    const now = DateTime.fromMillis(previous, { zone });
    lines.push('BEGIN:STANDARD', 'DTSTART:19700101T000000', `TZOFFSETFROM:${offset(now.offset)}`, `TZOFFSETTO:${offset(now.offset)}`, `TZNAME:${zoneName(now)}`, 'END:STANDARD');
  }
  lines.push('END:VTIMEZONE');
  return lines;
}

export interface CalendarPerson {
  name: string;
  email: string;
}

export interface CalendarOptions {
  name: string;
  stamp?: DateTime;
  /** PUBLISH for downloads and feeds; REQUEST and CANCEL (RFC 5546) for e-mailed invitations. */
  method?: 'PUBLISH' | 'REQUEST' | 'CANCEL';
  organizer?: CalendarPerson;
  attendee?: CalendarPerson;
}

const quoteParam = (value: string) => `"${value.replace(/["\r\n]/g, '')}"`;

function eventLines(event: CalendarEvent, stamp: DateTime, options: CalendarOptions): string[] {
  const tz = `TZID=${event.timeZone}`;
  const lines = ['BEGIN:VEVENT', `UID:${event.uid}`, `DTSTAMP:${utc(stamp)}`, `SEQUENCE:${event.sequence}`];
  if (event.recurrenceId) lines.push(`RECURRENCE-ID;${tz}:${local(event.recurrenceId)}`);
  lines.push(`DTSTART;${tz}:${local(event.start)}`, `DTEND;${tz}:${local(event.end)}`);
  if (event.rrule) lines.push(`RRULE:${event.rrule}`);
  if (event.exdates?.length) lines.push(`EXDATE;${tz}:${event.exdates.map(local).join(',')}`);
  lines.push(`SUMMARY:${escapeText(event.summary)}`);
  if (event.description) lines.push(`DESCRIPTION:${escapeText(event.description)}`);
  if (event.location) lines.push(`LOCATION:${escapeText(event.location)}`);
  if (event.url) lines.push(`URL:${event.url}`);
  if (options.organizer) lines.push(`ORGANIZER;CN=${quoteParam(options.organizer.name)}:mailto:${options.organizer.email}`);
  if (options.attendee) lines.push(`ATTENDEE;CN=${quoteParam(options.attendee.name)};ROLE=REQ-PARTICIPANT;PARTSTAT=NEEDS-ACTION;RSVP=FALSE:mailto:${options.attendee.email}`);
  lines.push(`STATUS:${event.status}`, 'END:VEVENT');
  return lines;
}

/** A whole VCALENDAR (METHOD:PUBLISH unless told) with the VTIMEZONEs its events use. */
export function buildCalendar(events: CalendarEvent[], options: CalendarOptions): string {
  const stamp = options.stamp ?? DateTime.utc();
  const years = new Map<string, { from: number; to: number }>();
  for (const e of events) {
    const span = years.get(e.timeZone) ?? { from: e.start.year, to: e.start.year };
    const last = e.rrule ? e.end.plus({ years: 2 }).year : e.end.year;
    years.set(e.timeZone, { from: Math.min(span.from, e.start.year), to: Math.max(span.to, last) });
  }
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//Action Learning Sets//Meetings//EN', 'CALSCALE:GREGORIAN', `METHOD:${options.method ?? 'PUBLISH'}`, `X-WR-CALNAME:${escapeText(options.name)}`];
  for (const [zone, span] of years) lines.push(...vtimezone(zone, span.from - 1, span.to));
  for (const e of events) lines.push(...eventLines(e, stamp, options));
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}
