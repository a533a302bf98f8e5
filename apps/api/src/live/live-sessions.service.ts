import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import type { Pool } from 'pg';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { calendarDay, decide, evolve, initialLiveState, type LiveAction, type LiveActor, type ReportBackStatus, type LiveEventMessage, type LiveSessionState, type LiveSetup } from '@als/shared';
import { ActionEntity } from '@api/actions/action.entity';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { MembershipEntity } from '@api/sets/membership.entity';
import { eventParameters, LiveEventLog, WRITE_EVENT, type EventWrite, type WriteOutcome } from './live-event-log';
import { LiveSessionEntity } from './live-session.entity';
import { SessionEventEntity } from './session-event.entity';

/** A snapshot is written after this many events, so loading a long session replays few. */
export const SNAPSHOT_EVERY = 25;
/** Resync answers with the state instead of the events when more than this many were missed. */
export const RESYNC_MAX_EVENTS = 500;
const CACHE_MAX = 1000;

export type ApplyResult =
  | { ok: true; seq: number; duplicate: true }
  | { ok: true; seq: number; duplicate: false; event: LiveEventMessage; state: LiveSessionState }
  | { ok: false; error: string }
  /** The actor is no longer in the set with the role the command was decided for (or the set closed): nothing was written. */
  | { ok: false; forbidden: true };

export interface LiveAccess {
  meetingId: string;
  setId: string;
  status: MeetingEntity['status'];
  role: MembershipEntity['role'];
  /** A closed set holds no more sessions. */
  setClosed: boolean;
}


/**
 * The authority of live sessions. A command is decided by the shared reducer and its event
 * written (compare-and-set on the session's seq) before anyone is told: so seq rises by one with
 * no gaps across any number of processes, the same commandId is applied once (unique per
 * meeting), and nothing acknowledged is lost. The state is rebuilt from the last snapshot plus the
 * events after it; each process keeps the latest state of the meetings it serves, checked
 * against the stored seq before use.
 */
@Injectable()
export class LiveSessionsService implements BeforeApplicationShutdown {
  private readonly cache = new Map<string, { seq: number; state: LiveSessionState }>();
  private readonly recent = new Map<string, Set<string>>();
  private readonly queues = new Map<string, Promise<unknown>>();

  /** The event log's writer, on the pg pool itself: the hot path, with group commit under load. */
  private readonly log: LiveEventLog;

  constructor(private readonly db: DataSource) {
    this.log = new LiveEventLog((db.driver as PostgresDriver).master as Pool);
  }

  /** The meeting and the person’s role in its set, or null (unknown meeting or not a member): one query, made on joining, on resync and whenever a command is refused or its role is no longer confirmed. */
  async access(userId: string, meetingId: unknown): Promise<LiveAccess | null> {
    if (typeof meetingId !== 'string' || !isUUID(meetingId)) return null;
    const [row] = (await this.db.query(
      `SELECT m."setId", m."status", ms."role", s."status" = 'closed' AS "setClosed" FROM "meetings" m
         JOIN "set_memberships" ms ON ms."setId" = m."setId" AND ms."userId" = $2
         JOIN "sets" s ON s."id" = m."setId"
        WHERE m."id" = $1`,
      [meetingId, userId],
    )) as { setId: string; status: MeetingEntity['status']; role: MembershipEntity['role']; setClosed: boolean }[];
    return row ? { meetingId, setId: row.setId, status: row.status, role: row.role, setClosed: row.setClosed } : null;
  }

  /** On shutdown, the commands under way finish (their events are written) before the database closes. */
  async beforeApplicationShutdown(): Promise<void> {
    await Promise.allSettled([...this.queues.values()]);
  }

  /** Notes that a person joined the session (in the room or not), for the record. */
  async noteJoin(meetingId: string, userId: string, inRoom: boolean): Promise<void> {
    await this.db.query(
      `INSERT INTO "session_attendance" ("meetingId", "userId", "inRoom") VALUES ($1, $2, $3)
       ON CONFLICT ("meetingId", "userId") DO UPDATE SET "inRoom" = "session_attendance"."inRoom" OR EXCLUDED."inRoom"`,
      [meetingId, userId, inRoom],
    );
  }

  /** Who joined the session, and who sent an apology for the meeting. */
  async attendance(meetingId: string): Promise<{ present: { userId: string; inRoom: boolean }[]; apologies: string[] }> {
    const present = (await this.db.query('SELECT "userId", "inRoom" FROM "session_attendance" WHERE "meetingId" = $1 ORDER BY "firstJoinedAt"', [meetingId])) as { userId: string; inRoom: boolean }[];
    const apologies = (await this.db.query(`SELECT "userId" FROM "meeting_attendance" WHERE "meetingId" = $1 AND "status" = 'apology'`, [meetingId])) as { userId: string }[];
    return { present, apologies: apologies.map((a) => a.userId).filter((id) => !present.some((p) => p.userId === id)) };
  }

  /** The current state and seq. */
  async current(meetingId: string): Promise<{ seq: number; state: LiveSessionState }> {
    return this.load(this.db.manager, meetingId);
  }

  /** Events after `sinceSeq` (or the whole state when too many were missed). */
  async since(meetingId: string, sinceSeq: number): Promise<{ seq: number; events: LiveEventMessage[] } | { seq: number; state: LiveSessionState }> {
    const row = await this.db.getRepository(LiveSessionEntity).findOneBy({ meetingId });
    const seq = row?.seq ?? 0;
    if (sinceSeq >= seq) return { seq, events: [] };
    if (seq - sinceSeq > RESYNC_MAX_EVENTS) return this.current(meetingId);
    const rows = await this.db.getRepository(SessionEventEntity).find({ where: { meetingId, seq: MoreThan(sinceSeq) }, order: { seq: 'ASC' } });
    return { seq, events: rows.map((r) => ({ meetingId, seq: r.seq, type: r.type, payload: r.payload, at: r.at.toISOString() })) };
  }

  /**
   * Decides and records one command; answers the event to broadcast, a duplicate's seq, or a
   * readable rejection. The write is one statement that moves the session from the seq the
   * decision was made on to the next one and appends the event (compare-and-set): if another
   * process got there first, nothing is written and the command is decided again on the fresh
   * state. A rejection made on a cached state is confirmed against the stored seq first.
   */
  apply(meetingId: string, command: { commandId: string; type: string; payload: Record<string, unknown> }, actor: LiveActor): Promise<ApplyResult> {
    // One command at a time per meeting in this process; across processes the compare-and-set decides.
    const previous = this.queues.get(meetingId) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.applyNow(meetingId, command, actor));
    const tail = run.catch(() => undefined);
    this.queues.set(meetingId, tail);
    void tail.then(() => {
      if (this.queues.get(meetingId) === tail) this.queues.delete(meetingId);
    });
    return run;
  }

  private async applyNow(meetingId: string, command: { commandId: string; type: string; payload: Record<string, unknown> }, actor: LiveActor): Promise<ApplyResult> {
    await this.ensureSession(meetingId);
    let current = this.cache.get(meetingId) ?? (await this.load(this.db.manager, meetingId));
    for (let attempt = 0; attempt < 50; attempt++) {
      if (this.recent.get(meetingId)?.has(command.commandId)) return this.duplicate(meetingId, command.commandId);
      const now = new Date();
      const setup = command.type === 'start' ? await this.setupFor(this.db.manager, meetingId) : undefined;
      const decision = decide(current.state, command, actor, now, setup);
      if (!decision.ok) {
        // A command already applied (sent again after a restart, say) is acknowledged, not judged again.
        const done = await this.loggedSeq(meetingId, command.commandId);
        if (done !== null) return { ok: true, seq: done, duplicate: true };
        if ((await this.stored(meetingId)).seq === current.seq) return decision;
        current = await this.load(this.db.manager, meetingId);
        continue;
      }
      const next = current.seq + 1;
      const at = now.toISOString();
      const nextState = evolve(current.state, { ...decision.event, at });
      let outcome: { allowed: boolean; written: boolean };
      try {
        outcome = await this.write(meetingId, current.seq, next, nextState, command.commandId, decision.event, actor, now);
      } catch (error) {
        // The same commandId again (a retry, or a timer expired by two processes): applied once, answered with its seq.
        if ((error as { constraint?: string }).constraint === 'UQ_session_events_command') return this.duplicate(meetingId, command.commandId);
        throw error;
      }
      if (!outcome.allowed) return { ok: false, forbidden: true };
      if (!outcome.written) {
        current = await this.load(this.db.manager, meetingId);
        continue;
      }
      this.remember(meetingId, next, nextState);
      this.noteCommand(meetingId, command.commandId);
      return { ok: true, seq: next, duplicate: false, event: { meetingId, seq: next, type: decision.event.type, payload: decision.event.payload, at }, state: nextState };
    }
    throw new Error(`Could not apply a command to meeting ${meetingId}: the session kept changing`);
  }

  /** The session row exists from the first command, so commands compare-and-set on it. */
  private async ensureSession(meetingId: string): Promise<void> {
    if (this.cache.has(meetingId)) return;
    await this.db.query(`INSERT INTO "live_sessions" ("meetingId", "snapshot") VALUES ($1, $2) ON CONFLICT ("meetingId") DO NOTHING`, [meetingId, JSON.stringify(initialLiveState(meetingId))]);
  }

  private async stored(meetingId: string): Promise<{ seq: number; snapshotSeq: number }> {
    const [row] = (await this.db.query('SELECT "seq", "snapshotSeq" FROM "live_sessions" WHERE "meetingId" = $1', [meetingId])) as { seq: number; snapshotSeq: number }[];
    return row ?? { seq: 0, snapshotSeq: 0 };
  }

  private async duplicate(meetingId: string, commandId: string): Promise<ApplyResult> {
    const done = await this.loggedSeq(meetingId, commandId);
    if (done === null) throw new Error(`Command ${commandId} was seen but is not in the log`);
    return { ok: true, seq: done, duplicate: true };
  }

  /** The seq a command was applied at, or null if it never was. */
  private async loggedSeq(meetingId: string, commandId: string): Promise<number | null> {
    const [done] = (await this.db.query('SELECT "seq" FROM "session_events" WHERE "meetingId" = $1 AND "commandId" = $2', [meetingId, commandId])) as { seq: number }[];
    return done?.seq ?? null;
  }

  /**
   * Moves the session from `seq` to `next` and appends the event, in one statement (shared with
   * other meetings' events under load, see LiveEventLog; with the action list, in a transaction
   * of its own), provided the actor is still in the set with the role the
   * command was decided for and the set is open: so every command is authorised by the database
   * in the same statement that records it. Answers whether the actor was allowed and whether the
   * event was written (not written when another process moved the session first).
   */
  private async write(meetingId: string, seq: number, next: number, state: LiveSessionState, commandId: string, event: { type: string; payload: Record<string, unknown> }, actor: LiveActor, at: Date): Promise<WriteOutcome> {
    const snapshot = next % SNAPSHOT_EVERY === 0 || state.phase === 'ended' || seq === 0;
    const running = state.timer && !state.paused && !state.timer.expired && state.timer.endsAt ? state.timer : null;
    const write: EventWrite = {
      meetingId,
      seq,
      next,
      phase: state.phase,
      timerId: running?.id ?? null,
      timerEndsAt: running?.endsAt ?? null,
      snapshot: snapshot ? JSON.stringify(state) : null,
      commandId,
      type: event.type,
      payload: JSON.stringify(event.payload),
      actorId: actor.role === 'system' ? null : actor.userId,
      role: actor.role === 'system' ? null : actor.role,
      at: at.toISOString(),
    };
    if (event.type !== 'actionAdded' && event.type !== 'reportedBack') return this.log.append(write);
    return this.db.transaction(async (manager) => {
      const [outcome] = (await manager.query(WRITE_EVENT, eventParameters(write))) as WriteOutcome[];
      if (outcome.written) await this.recordActions(manager, meetingId, event);
      return outcome;
    });
  }

  /** The last command ids applied here per meeting: a retry is answered without touching the log. */
  private noteCommand(meetingId: string, commandId: string): void {
    const ids = this.recent.get(meetingId) ?? new Set<string>();
    ids.add(commandId);
    if (ids.size > 200) ids.delete(ids.values().next().value!);
    this.recent.set(meetingId, ids);
  }

  /** Actions agreed and report-backs given become the set's action list, in the same transaction. */
  private async recordActions(manager: EntityManager, meetingId: string, event: { type: string; payload: Record<string, unknown> }): Promise<void> {
    if (event.type === 'actionAdded') {
      const action = event.payload.action as LiveAction;
      const { setId } = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
      await manager.insert(ActionEntity, { setId, meetingId, sessionKey: action.id, ownerId: action.ownerId, text: action.text, dueAt: action.dueAt ? calendarDay(action.dueAt) : null });
    } else if (event.type === 'reportedBack') {
      const { actionId, status, note, at } = event.payload as { actionId: string; status: ReportBackStatus; note: string; at: string };
      await manager.update(ActionEntity, { id: actionId }, { status, reportNote: note, reportedAt: new Date(at), reportedVia: 'live', reportedInMeetingId: meetingId });
    }
  }

  /** Meetings whose session has a running timer: a (re)started process schedules their expiry. */
  async runningTimers(): Promise<{ meetingId: string; timerId: number; endsAt: Date }[]> {
    const rows = await this.db.getRepository(LiveSessionEntity).find({ where: { timerEndsAt: MoreThan(new Date(0)) }, select: { meetingId: true, timerId: true, timerEndsAt: true } });
    return rows.filter((r) => r.timerId !== null && r.timerEndsAt !== null).map((r) => ({ meetingId: r.meetingId, timerId: r.timerId!, endsAt: r.timerEndsAt! }));
  }

  private remember(meetingId: string, seq: number, state: LiveSessionState): void {
    this.cache.delete(meetingId);
    this.cache.set(meetingId, { seq, state });
    if (this.cache.size > CACHE_MAX) this.cache.delete(this.cache.keys().next().value!);
  }

  private async load(manager: EntityManager, meetingId: string): Promise<{ seq: number; state: LiveSessionState; snapshotSeq: number }> {
    const [row] = (await manager.query(`SELECT "seq", "snapshotSeq" FROM "live_sessions" WHERE "meetingId" = $1`, [meetingId])) as { seq: number; snapshotSeq: number }[];
    if (!row) return { seq: 0, state: initialLiveState(meetingId), snapshotSeq: 0 };
    const cached = this.cache.get(meetingId);
    if (cached?.seq === row.seq) return { ...cached, snapshotSeq: row.snapshotSeq };
    const { snapshot } = await manager.findOneOrFail(LiveSessionEntity, { where: { meetingId }, select: { meetingId: true, snapshot: true } });
    const events = await manager.find(SessionEventEntity, { where: { meetingId, seq: MoreThan(row.snapshotSeq) }, order: { seq: 'ASC' } });
    const state = events.reduce((s, e) => evolve(s, { type: e.type, payload: e.payload, at: e.at.toISOString() }), snapshot);
    this.remember(meetingId, row.seq, state);
    return { seq: row.seq, state, snapshotSeq: row.snapshotSeq };
  }

  /** Who takes part (the set's facilitators and members), the meeting's agenda, and the next meeting as due date. */
  private async setupFor(manager: EntityManager, meetingId: string): Promise<LiveSetup> {
    const meeting = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
    const people = await manager.find(MembershipEntity, { where: { setId: meeting.setId, role: In(['facilitator', 'member']) }, relations: { user: true }, order: { createdAt: 'ASC' } });
    const [next] = (await manager.query(`SELECT "startsAt", "timeZone" FROM "meetings" WHERE "setId" = $1 AND "status" = 'scheduled' AND "startsAt" > $2 ORDER BY "startsAt" LIMIT 1`, [meeting.setId, meeting.startsAt])) as { startsAt: Date; timeZone: string }[];
    // Open actions, and those reported on ahead of this meeting (web, e-mail): the check-in shows both.
    const open = await manager.find(ActionEntity, {
      where: [
        { setId: meeting.setId, status: 'open', ownerId: In(people.map((p) => p.userId)) },
        { setId: meeting.setId, reportedInMeetingId: meetingId, reportedVia: In(['web', 'email']), ownerId: In(people.map((p) => p.userId)) },
      ],
      order: { createdAt: 'ASC' },
    });
    const carried = open.filter((a) => a.meetingId !== meetingId);
    return {
      roster: people.map((p) => ({ userId: p.userId, displayName: p.user.displayName })),
      agenda: meeting.agenda,
      openActions: carried.map((a) => ({ id: a.id, ownerId: a.ownerId, text: a.text, dueAt: a.dueAt })),
      reportBacks: carried
        .filter((a) => a.status !== 'open' && a.reportedAt)
        .map((a) => ({ actionId: a.id, userId: a.ownerId, status: a.status as ReportBackStatus, note: a.reportNote, at: a.reportedAt!.toISOString() })),
      // Due on the day of the next meeting, in its zone.
      defaultDueAt: next ? DateTime.fromJSDate(next.startsAt, { zone: next.timeZone }).toISODate() : null,
    };
  }
}
