import { useMemo, useState } from 'react';
import { Link } from 'react-router';
import type { MeetingResponse } from '@als/shared';

const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The calendar date (yyyy-mm-dd) of an instant in `zone`. */
export function dayIn(at: string | Date, zone: string): string {
  return new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: zone }).format(new Date(at));
}

/** The days shown for a month, Monday first, padded with the neighbouring months' days. */
export function monthGrid(year: number, month: number): { date: string; inMonth: boolean }[] {
  const offset = (new Date(Date.UTC(year, month, 1)).getUTCDay() + 6) % 7;
  const length = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const start = Date.UTC(year, month, 1 - offset);
  return Array.from({ length: Math.ceil((offset + length) / 7) * 7 }, (_, i) => {
    const d = new Date(start + i * 86_400_000);
    return { date: d.toISOString().slice(0, 10), inMonth: d.getUTCMonth() === month };
  });
}

/** A month of the set's meetings, in the viewer's zone; each meeting links to its page. */
export function MonthView({ meetings, zone }: { meetings: MeetingResponse[]; zone: string }) {
  const today = dayIn(new Date(), zone);
  const firstMeeting = meetings.find((m) => m.status === 'scheduled');
  const [cursor, setCursor] = useState(() => {
    const [y, m] = (firstMeeting ? dayIn(firstMeeting.startsAt, zone) : today).split('-').map(Number);
    return { year: y, month: m - 1 };
  });
  const byDay = useMemo(() => {
    const map = new Map<string, MeetingResponse[]>();
    for (const m of meetings) map.set(dayIn(m.startsAt, zone), [...(map.get(dayIn(m.startsAt, zone)) ?? []), m]);
    return map;
  }, [meetings, zone]);
  const title = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(Date.UTC(cursor.year, cursor.month, 1)));
  const move = (by: number) => setCursor(({ year, month }) => ({ year: year + Math.floor((month + by) / 12), month: (((month + by) % 12) + 12) % 12 }));
  const time = new Intl.DateTimeFormat('en-GB', { hour: '2-digit', minute: '2-digit', timeZone: zone });
  const grid = monthGrid(cursor.year, cursor.month);
  const weeks = Array.from({ length: grid.length / 7 }, (_, i) => grid.slice(i * 7, i * 7 + 7));
  return (
    <div className="month">
      <div className="month__nav">
        <button type="button" className="button button--quiet button--small" onClick={() => move(-1)} aria-label="Previous month">
          ‹ Previous
        </button>
        <h3 aria-live="polite">{title}</h3>
        <button type="button" className="button button--quiet button--small" onClick={() => move(1)} aria-label="Next month">
          Next ›
        </button>
      </div>
      <table className="month__grid">
        <caption className="visually-hidden">Meetings in {title}</caption>
        <thead>
          <tr>
            {WEEKDAYS.map((d) => (
              <th key={d} scope="col">
                {d}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {weeks.map((week) => (
            <tr key={week[0].date}>
              {week.map(({ date, inMonth }) => {
                const items = byDay.get(date) ?? [];
                return (
                  <td key={date} className={[inMonth ? '' : 'month__other', date === today ? 'month__today' : ''].join(' ').trim() || undefined}>
                    <span className="month__day">{Number(date.slice(8))}</span>
                    {items.map((m) => (
                      <Link key={m.id} to={`/meetings/${m.id}`} className={m.status === 'cancelled' ? 'month__meeting month__meeting--cancelled' : 'month__meeting'}>
                        {time.format(new Date(m.startsAt))}
                        {m.status === 'cancelled' ? ' cancelled' : m.format === 'online' ? ' online' : ' in person'}
                      </Link>
                    ))}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
