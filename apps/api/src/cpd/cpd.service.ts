import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource } from 'typeorm';
import { LearningErrorCode, registrationText, sessionStatistics, type RoundPhaseName, type SessionStatistics } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest } from '@api/common/domain-error';
import { LiveSessionsService } from '@api/live/live-sessions.service';
import { UserEntity } from '@api/users/user.entity';
import { CredentialsService } from '@api/badges/credentials.service';
import { CpdRecord, toCsv, toMarkdown, toPdf } from './cpd-records';
import { forRegulator, REGULATOR_COLUMNS, type Regulator } from './regulators';
import { roundHours } from './round-hours';

export type CpdFormat = 'csv' | 'md' | 'pdf';

export interface CpdExportRequest {
  format?: CpdFormat;
  from?: string;
  to?: string;
  regulator?: Regulator;
}

/** A CPD export as a file to download. */
export interface CpdExportFile {
  fileName: string;
  contentType: string;
  body: Buffer;
}

const hours = (start: Date, end: Date) => Math.round(((end.getTime() - start.getTime()) / 3_600_000) * 4) / 4;
/** Said first in a record from a practice set: its hours are practice, not real CPD. */
const PRACTICE_NOTE = 'Practice set (demonstration or training): these hours are practice, not a real set.';
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/**
 * The caller's CPD records: the set meetings they took part in (never what was discussed: the
 * record says what they did, not the cases), the rounds they wrote in, their own learning-log
 * entries and the badges they earned.
 */
@Injectable()
export class CpdService {
  constructor(
    private readonly db: DataSource,
    private readonly live: LiveSessionsService,
    private readonly clock: Clock,
    private readonly credentials: CredentialsService,
  ) {}

  /** The records of the period (default: the year to today, in the person's zone) in the format asked for. */
  async export(user: UserEntity, request: CpdExportRequest): Promise<CpdExportFile> {
    const to = request.to ? DateTime.fromISO(request.to, { zone: user.timeZone }) : this.clock.dateTime(user.timeZone).startOf('day');
    const from = request.from ? DateTime.fromISO(request.from, { zone: user.timeZone }) : to.minus({ years: 1 }).plus({ days: 1 });
    if (!from.isValid) throw badRequest(LearningErrorCode.InvalidDate, 'from must be a real date', 'from');
    if (!to.isValid) throw badRequest(LearningErrorCode.InvalidDate, 'to must be a real date', 'to');
    if (to < from) throw badRequest(LearningErrorCode.InvalidRange, 'to must not be before from', 'to');
    const records = await this.records(user, from, to.plus({ days: 1 }));
    const heading = { name: user.displayName, from: from.toISODate()!, to: to.toISODate()!, preparedOn: this.clock.dateTime(user.timeZone).toISODate()!, registration: user.registrationRegulator && user.registrationNumber ? registrationText({ regulator: user.registrationRegulator, number: user.registrationNumber }) : null };
    const format = request.format ?? 'csv';
    const fileName = `cpd-${heading.from}-to-${heading.to}.${format}`;
    if (format === 'pdf') return { fileName, contentType: 'application/pdf', body: await toPdf(records, heading) };
    if (format === 'md') return { fileName, contentType: 'text/markdown; charset=utf-8', body: Buffer.from(toMarkdown(records, heading), 'utf8') };
    const csv = request.regulator ? toCsv(records.map(forRegulator), REGULATOR_COLUMNS[request.regulator]) : toCsv(records);
    return { fileName, contentType: 'text/csv; charset=utf-8', body: Buffer.from(csv, 'utf8') };
  }

  private async records(user: UserEntity, from: DateTime, until: DateTime): Promise<CpdRecord[]> {
    const meetings = (await this.db.query(
      `SELECT m."id", m."startsAt", m."endsAt", m."format", s."name" AS "setName", s."practice"
         FROM "meetings" m
         JOIN "sets" s ON s."id" = m."setId"
        WHERE m."status" = 'scheduled' AND m."startsAt" < $4 AND m."startsAt" >= $2 AND m."startsAt" < $3
          -- What they took part in, whether or not they are still in the set (CONTRACT.md, "What a person keeps"); a sponsor takes no part.
          AND NOT EXISTS (SELECT 1 FROM "set_memberships" ms WHERE ms."setId" = m."setId" AND ms."userId" = $1 AND ms."role" = 'sponsor')
          AND (EXISTS (SELECT 1 FROM "session_attendance" sa WHERE sa."meetingId" = m."id" AND sa."userId" = $1)
               OR EXISTS (SELECT 1 FROM "meeting_attendance" a WHERE a."meetingId" = m."id" AND a."userId" = $1 AND a."status" = 'attending'))
        ORDER BY m."startsAt"`,
      [user.id, from.toJSDate(), until.toJSDate(), this.clock.now()],
    )) as { id: string; startsAt: Date; endsAt: Date; format: string; setName: string; practice: boolean }[];
    const entries = (await this.db.query(
      `SELECT "title", "body", "learned", "impact", "different", "meetingId", "roundId", "occurredOn"::text AS "occurredOn", "hours"::float AS "hours" FROM "learning_log_entries" WHERE "userId" = $1 AND "occurredOn" >= $2 AND "occurredOn" < $3 ORDER BY "occurredOn", "createdAt"`,
      [user.id, from.toISODate(), until.toISODate()],
    )) as { title: string; body: string; learned: string; impact: string; different: string; meetingId: string | null; roundId: string | null; occurredOn: string; hours: number | null }[];
    const linked = new Set(meetings.map((m) => m.id));
    const records: CpdRecord[] = [];
    // A session's figures come from its state, or from what was kept of it after the set's retention period.
    const kept = (await this.db.query(`SELECT "meetingId", "stats" FROM "session_statistics" WHERE "meetingId" = ANY($1)`, [meetings.map((m) => m.id)])) as { meetingId: string; stats: SessionStatistics }[];
    for (const m of meetings) {
      const { seq, state } = await this.live.current(m.id);
      const stats = seq > 0 ? sessionStatistics(state) : (kept.find((k) => k.meetingId === m.id)?.stats ?? null);
      const notes = entries.filter((e) => e.meetingId === m.id);
      const parts = [...(m.practice ? [PRACTICE_NOTE] : []), `Action learning set meeting, ${m.format === 'online' ? 'online' : 'in person'}.`];
      if (stats) {
        const asked = Object.values(stats.questions[user.id] ?? {}).reduce((a, b) => a + (b ?? 0), 0);
        if (stats.presented.includes(user.id)) parts.push('I presented a problem from my practice and worked on it with the set’s questions.');
        if (asked) parts.push(`I asked ${plural(asked, 'question', 'questions')} to help colleagues think through their problems.`);
        const mine = stats.actions[user.id] ?? 0;
        if (mine) parts.push(`I committed to ${plural(mine, 'action', 'actions')}.`);
      }
      const peers = stats ? Math.max(0, stats.roster.length - 1) : 0;
      records.push({
        activityType: m.practice ? 'Practice: action learning set (demonstration or training)' : 'Peer learning: action learning set',
        date: DateTime.fromJSDate(m.startsAt, { zone: user.timeZone }).toISODate()!,
        title: `${m.setName}: set meeting${m.practice ? ' (practice set)' : ''}`,
        description: [...parts, ...notes.map((n) => n.body)].join(' '),
        learning: notes.map((n) => n.learned).filter(Boolean).join('\n\n'),
        impact: notes.map((n) => n.impact).filter(Boolean).join('\n\n'),
        different: notes.map((n) => n.different).filter(Boolean).join('\n\n'),
        peerDiscussion: peers ? `Yes: with ${plural(peers, 'colleague', 'colleagues')} in the set` : 'Yes: with the set',
        hours: hours(m.startsAt, m.endsAt),
      });
    }
    // Asynchronous rounds the person wrote in, dated when they closed (or opened, while still running).
    const rounds = (await this.db.query(
      `SELECT r."id", r."title", r."presenterId", coalesce(r."closedAt", r."createdAt") AS "at", r."createdAt", r."closedAt", s."name" AS "setName", s."practice", rp."contributions"
         FROM "round_participants" rp JOIN "rounds" r ON r."id" = rp."roundId" JOIN "sets" s ON s."id" = r."setId"
        WHERE rp."userId" = $1 AND rp."contributions" > 0 AND coalesce(r."closedAt", r."createdAt") >= $2 AND coalesce(r."closedAt", r."createdAt") < $3
        ORDER BY 4`,
      [user.id, from.toJSDate(), until.toJSDate()],
    )) as { id: string; title: string; presenterId: string; at: Date; createdAt: Date; closedAt: Date | null; setName: string; practice: boolean; contributions: number }[];
    const roundIds = new Set(rounds.map((r) => r.id));
    const roundNotes = (await this.db.query(
      `SELECT "roundId", "body", "learned", "impact", "different", "hours"::float AS "hours" FROM "learning_log_entries" WHERE "userId" = $1 AND "roundId" = ANY($2) ORDER BY "occurredOn", "createdAt"`,
      [user.id, [...roundIds]],
    )) as { roundId: string; body: string; learned: string; impact: string; different: string; hours: number | null }[];
    // The phases each round's person wrote in: the hours are estimated from them unless they logged their own.
    const taken = (await this.db.query(`SELECT "roundId", array_agg(DISTINCT "phase") AS "phases" FROM "round_contributions" WHERE "authorId" = $1 AND "roundId" = ANY($2) GROUP BY 1`, [user.id, [...roundIds]])) as { roundId: string; phases: RoundPhaseName[] }[];
    for (const r of rounds) {
      const notes = roundNotes.filter((n) => n.roundId === r.id);
      const span = DateTime.fromJSDate(r.closedAt ?? r.at, { zone: user.timeZone }).diff(DateTime.fromJSDate(r.createdAt, { zone: user.timeZone }), 'days').days;
      const days = Math.max(1, Math.round(span));
      const part =
        r.presenterId === user.id
          ? `I presented a case from my practice in an asynchronous round and worked on it with the set's written questions over ${plural(days, 'day', 'days')}.`
          : `I took part in a colleague's asynchronous round over ${plural(days, 'day', 'days')}, with ${plural(r.contributions, 'written contribution', 'written contributions')} (questions and reflections).`;
      records.push({
        activityType: r.practice ? 'Practice: asynchronous action learning round (demonstration or training)' : 'Peer learning: asynchronous action learning round',
        date: DateTime.fromJSDate(r.at, { zone: user.timeZone }).toISODate()!,
        title: `${r.setName}: round "${r.title}"${r.practice ? ' (practice set)' : ''}`,
        description: [...(r.practice ? [PRACTICE_NOTE] : []), part, ...notes.map((n) => n.body)].join(' '),
        learning: notes.map((n) => n.learned).filter(Boolean).join('\n\n'),
        impact: notes.map((n) => n.impact).filter(Boolean).join('\n\n'),
        different: notes.map((n) => n.different).filter(Boolean).join('\n\n'),
        peerDiscussion: 'Yes: in writing with the set',
        hours: roundHours(notes.map((n) => n.hours), taken.find((t) => t.roundId === r.id)?.phases ?? [], r.presenterId === user.id, r.contributions).hours,
      });
    }
    for (const e of entries.filter((x) => (!x.meetingId || !linked.has(x.meetingId)) && !(x.roundId && roundIds.has(x.roundId)))) {
      records.push({
        activityType: 'Reflective practice: learning log',
        date: e.occurredOn,
        title: e.title,
        description: e.body,
        learning: e.learned,
        impact: e.impact,
        different: e.different,
        peerDiscussion: 'No',
        hours: e.hours ?? 0,
      });
    }
    // Their final learning review of each set they wrote one in: theirs, whether or not they are still in the set.
    const reviews = (await this.db.query(
      `SELECT r."cameWith", r."changed", r."takeForward", r."shared", r."updatedAt", s."name" AS "setName", s."practice"
         FROM "ending_reviews" r JOIN "sets" s ON s."id" = r."setId"
        WHERE r."userId" = $1 AND r."updatedAt" >= $2 AND r."updatedAt" < $3 ORDER BY r."updatedAt"`,
      [user.id, from.toJSDate(), until.toJSDate()],
    )) as { cameWith: string; changed: string; takeForward: string; shared: boolean; updatedAt: Date; setName: string; practice: boolean }[];
    for (const r of reviews) {
      records.push({
        activityType: r.practice ? 'Practice: ending review of an action learning set (demonstration or training)' : 'Reflective practice: ending review of an action learning set',
        date: DateTime.fromJSDate(r.updatedAt, { zone: user.timeZone }).toISODate()!,
        title: `${r.setName}: ending review${r.practice ? ' (practice set)' : ''}`,
        description: [...(r.practice ? [PRACTICE_NOTE] : []), r.cameWith ? `What I came with: ${r.cameWith}` : 'My review of my learning over the set.'].join(' '),
        learning: r.changed,
        impact: r.takeForward,
        // The review's prompts are what came and what changed; what they take forward is its impact.
        different: '',
        peerDiscussion: r.shared ? 'Yes: shared with the set' : 'No',
        hours: 0,
      });
    }
    // Open Badges earned in the period, with where to verify them.
    records.push(...(await this.credentials.cpdRecords(user, from.toJSDate(), until.toJSDate())));
    return records.sort((a, b) => a.date.localeCompare(b.date));
  }
}
