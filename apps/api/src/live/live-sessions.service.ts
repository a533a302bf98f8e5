import { createHmac } from 'node:crypto';
import { BeforeApplicationShutdown, Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, EntityManager, MoreThan } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';
import { decide, evolve, initialLiveState, parseLiveEvent, type LiveActor, type LiveEvent, type LiveEventMessage, type LiveSessionState, type LiveRefusal } from '@als/shared';
import { ActionsService } from '@api/actions/actions.service';
import { Clock } from '@api/common/clock';
import { MeetingAccessPolicy, type MeetingAccess } from '@api/meetings/meeting-access.policy';
import { BoundedMap } from './bounded-map';
import { AppConfig } from '@api/config/app-config';
import { COMMAND_ID_TAKEN, commandFingerprint, sameCommand, type CommandFingerprint } from './command-fingerprint';
import { ARRIVAL_PREFIX, MEETING_PRESENCE } from './in-room-presence';
import { eventParameters, LiveEventLog, WRITE_EVENT, type EventWrite, type WriteOutcome } from './live-event-log';
import { LiveSessionEntity } from './live-session.entity';
import { readSetup } from './live-setup';
import { recordAgreement } from '@api/contract/contract-versions';

/** A snapshot is written after this many events, so loading a long session replays few. */
export const SNAPSHOT_EVERY = 25;
/** Resync answers with the state instead of the events when more than this many were missed. */
export const RESYNC_MAX_EVENTS = 500;
/** Sessions whose latest state a process keeps (the least recently used go first), and for how long unused. */
export const SESSIONS_KEPT = 1000;
export const SESSION_KEPT_IDLE_MS = 30 * 60_000;
/** The command ids applied last in each kept session, answered without reading the log when sent again. */
export const RECENT_COMMANDS_KEPT = 200;

export type ApplyResult =
  | { ok: true; seq: number; duplicate: true }
  | { ok: true; seq: number; duplicate: false; event: LiveEventMessage; state: LiveSessionState }
  | LiveRefusal
  /** The actor is no longer in the set with the role the command was decided for (or the set closed): nothing was written. */
  | { ok: false; forbidden: true };

/** The meeting and the person's role in its set (`MeetingAccessPolicy`). */
export type LiveAccess = MeetingAccess;

/** A command applied here: what its id is bound to, and the seq it got. */
interface SeenCommand extends CommandFingerprint {
  seq: number;
}

/** What a process keeps of a session it serves: its latest state, and the commands applied last. */
interface KeptSession {
  seq: number;
  state: LiveSessionState;
  recent: Map<string, SeenCommand>;
}

/**
 * The state at one seq, read in one statement (so from one snapshot of the database): the session's
 * seq, and either the stored snapshot with the events after it up to that seq, or (`knownSeq`, when
 * the caller holds the state at a seq between the snapshot and now) only the events after that.
 * Never an event past the seq answered, never one before the snapshot applied on top of it.
 */
const LOAD_STATE = `
  WITH s AS (
    SELECT "seq", "snapshotSeq", "snapshot",
           CASE WHEN $2::int >= "snapshotSeq" AND $2::int <= "seq" THEN $2::int END AS "knownSeq"
      FROM "live_sessions" WHERE "meetingId" = $1)
  SELECT s."seq", s."knownSeq", CASE WHEN s."knownSeq" IS NULL THEN s."snapshot" END AS "snapshot",
         COALESCE((SELECT json_agg(json_build_object('seq', e."seq", 'commandId', e."commandId", 'type', e."type", 'payload', e."payload", 'at', floor(extract(epoch FROM e."at") * 1000)) ORDER BY e."seq")
                     FROM "session_events" e
                    WHERE e."meetingId" = $1 AND e."seq" > COALESCE(s."knownSeq", s."snapshotSeq") AND e."seq" <= s."seq"), '[]'::json) AS "events"
    FROM s`;

/** The session's seq and the events after `sinceSeq` up to it, in one statement; no events (null) when more than $3 were missed. */
const EVENTS_SINCE = `
  SELECT s."seq",
         CASE WHEN s."seq" - $2::int <= $3::int THEN
           COALESCE((SELECT json_agg(json_build_object('seq', e."seq", 'commandId', e."commandId", 'type', e."type", 'payload', e."payload", 'at', floor(extract(epoch FROM e."at") * 1000)) ORDER BY e."seq")
                       FROM "session_events" e
                      WHERE e."meetingId" = $1 AND e."seq" > $2::int AND e."seq" <= s."seq"), '[]'::json)
         END AS "events"
    FROM "live_sessions" s WHERE s."meetingId" = $1`;

/** A row of the event log as read (its type and payload unchecked until parseLiveEvent). */
interface LoggedEvent {
  seq: number;
  commandId: string;
  type: string;
  payload: unknown;
  /** Milliseconds since the epoch. */
  at: number;
}

/** A logged event as its typed message; a type this version does not know throws (UnknownLiveEventError): such a log is not loaded. */
const message = (meetingId: string, e: LoggedEvent): LiveEventMessage => ({ ...parseLiveEvent({ type: e.type, payload: e.payload, at: new Date(e.at).toISOString() }), meetingId, seq: e.seq, commandId: e.commandId });
const actorIdOf = (actor: LiveActor): string | null => (actor.role === 'system' ? null : actor.userId);
/** An event that must not say who sent it: a process-review word given anonymously (logged with no actor). */
const isAnonymous = (event: LiveEvent): boolean => event.type === 'reviewCommented' && event.payload.word.authorId === null;

/**
 * The authority of live sessions. A command is decided by the shared reducer and its event
 * written (compare-and-set on the session's seq) before anyone is told: so seq rises by one with
 * no gaps across any number of processes, a commandId is applied once (unique per meeting) and
 * stays bound to its first command, and nothing acknowledged is lost. The state is rebuilt from the
 * last snapshot plus the events after it, in one read; each process keeps the latest state of the
 * sessions it serves (bounded in number and idle time), checked against the stored seq before use.
 */
@Injectable()
export class LiveSessionsService implements BeforeApplicationShutdown {
  private readonly kept: BoundedMap<string, KeptSession>;
  private readonly queues = new Map<string, Promise<unknown>>();

  /** The event log's writer, on the pg pool itself: the hot path, with group commit under load. */
  private readonly log: LiveEventLog;
  /** The key of anonymous events' command digests (derived from JWT_SECRET for this use only). */
  private readonly anonymousKey: Buffer;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly policy: MeetingAccessPolicy,
    private readonly actions: ActionsService,
    config: AppConfig,
  ) {
    this.anonymousKey = createHmac('sha256', config.jwtSecret).update('live-anonymous-commands/v1').digest();
    this.log = new LiveEventLog((db.driver as PostgresDriver).master as Pool);
    this.kept = new BoundedMap(SESSIONS_KEPT, SESSION_KEPT_IDLE_MS, () => clock.millis());
  }

  /** How many sessions this process keeps, the command ids it remembers in them, and how many have commands under way (all, or one meeting's), for metrics and tests. */
  memory(meetingId?: string): { sessions: number; recentCommands: number; queues: number } {
    this.kept.prune();
    const meetings = meetingId === undefined ? [...this.kept.keys()] : [meetingId].filter((id) => this.kept.peek(id));
    const recentCommands = meetings.reduce((n, id) => n + (this.kept.peek(id)?.recent.size ?? 0), 0);
    return { sessions: meetings.length, recentCommands, queues: meetingId === undefined ? this.queues.size : Number(this.queues.has(meetingId)) };
  }

  /** The meeting and the person’s role in its set, or null (unknown meeting or not a member): one query, made on joining, on resync and whenever a command is refused or its role is no longer confirmed. */
  async access(userId: string, meetingId: unknown): Promise<LiveAccess | null> {
    return this.policy.meeting(userId, meetingId);
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

  /**
   * Who is at the meeting in the room, for the room's "who is here": the register and those the
   * facilitator recorded something for, with anyone who joined on their own device in the room.
   * Someone in the room stays in it when their device goes; a remote person is there only while joined.
   */
  async inTheRoom(meetingId: string): Promise<{ userId: string; displayName: string }[]> {
    return (await this.db.query(`SELECT p."userId", u."displayName" FROM ${MEETING_PRESENCE} p JOIN "users" u ON u."id" = p."userId" WHERE p."meetingId" = $1 AND p."inRoom"`, [meetingId])) as { userId: string; displayName: string }[];
  }

  /** Who joined the session, and who sent an apology for the meeting. */
  async attendance(meetingId: string): Promise<{ present: { userId: string; inRoom: boolean }[]; apologies: string[] }> {
    const present = (await this.db.query(`SELECT "userId", "inRoom" FROM ${MEETING_PRESENCE} p WHERE "meetingId" = $1 ORDER BY "at", "userId"`, [meetingId])) as { userId: string; inRoom: boolean }[];
    const apologies = (await this.db.query(`SELECT "userId" FROM "meeting_attendance" WHERE "meetingId" = $1 AND "status" = 'apology'`, [meetingId])) as { userId: string }[];
    return { present, apologies: apologies.map((a) => a.userId).filter((id) => !present.some((p) => p.userId === id)) };
  }

  /** The current state and the seq it is the state at, exactly. */
  async current(meetingId: string): Promise<{ seq: number; state: LiveSessionState }> {
    return this.load(meetingId);
  }

  /** Events after `sinceSeq` up to the seq answered, never past it (or the whole state when too many were missed). */
  async since(meetingId: string, sinceSeq: number): Promise<{ seq: number; events: LiveEventMessage[] } | { seq: number; state: LiveSessionState }> {
    const [row] = (await this.db.query(EVENTS_SINCE, [meetingId, sinceSeq, RESYNC_MAX_EVENTS])) as { seq: number; events: LoggedEvent[] | null }[];
    if (!row) return { seq: 0, events: [] };
    if (row.events === null) return this.current(meetingId);
    return { seq: row.seq, events: row.events.map((e) => message(meetingId, e)) };
  }

  /** The events of a meeting with seq in (after, upTo), in order, at most `limit`: for delivery that fills a gap. */
  async events(meetingId: string, after: number, upTo: number, limit: number): Promise<LiveEventMessage[]> {
    const rows = (await this.db.query(
      `SELECT "seq", "commandId", "type", "payload", floor(extract(epoch FROM "at") * 1000)::float8 AS "at" FROM "session_events" WHERE "meetingId" = $1 AND "seq" > $2 AND "seq" < $3 ORDER BY "seq" LIMIT $4`,
      [meetingId, after, upTo, limit],
    )) as LoggedEvent[];
    return rows.map((e) => message(meetingId, e));
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
    // The server's own ids (timer:<id>:expired) are for the server: a person using one could stop a timer from ever expiring.
    if (actor.role !== 'system' && command.commandId.startsWith('timer:')) return { ok: false, error: 'commandId must not start with "timer:" (the server’s own commands use those).' };
    if (actor.role !== 'system' && command.commandId.startsWith(ARRIVAL_PREFIX)) return { ok: false, error: `commandId must not start with "${ARRIVAL_PREFIX}" (the server’s own commands use those).` };
    const fingerprint = commandFingerprint(this.anonymousKey, actorIdOf(actor), command.type, command.payload);
    let current = this.kept.get(meetingId) ?? (await this.startSession(meetingId));
    for (let attempt = 0; attempt < 50; attempt++) {
      const seen = this.kept.peek(meetingId)?.recent.get(command.commandId);
      if (seen) return this.repeated(seen, fingerprint);
      const now = this.clock.now();
      const setup = command.type === 'start' ? { ...(await readSetup(this.db.manager, meetingId, now)), apologies: (await this.attendance(meetingId)).apologies } : undefined;
      const decision = decide(current.state, command, actor, now, setup);
      if (!decision.ok) {
        // A command already applied (sent again after a restart, say) is acknowledged, not judged again.
        const logged = await this.logged(meetingId, command.commandId);
        if (logged) return this.repeated(logged, fingerprint);
        if ((await this.storedSeq(meetingId)) === current.seq) return decision;
        current = await this.load(meetingId);
        continue;
      }
      const next = current.seq + 1;
      const at = now.toISOString();
      const nextState = evolve(current.state, { ...decision.event, at });
      let outcome: WriteOutcome;
      try {
        outcome = await this.write(meetingId, current.seq, next, nextState, command.commandId, isAnonymous(decision.event) ? fingerprint.keyed : fingerprint.digest, decision.event, actor, now);
      } catch (error) {
        // The same commandId again (a retry, or a timer expired by two processes): applied once, answered with its seq, if it is the same command.
        if ((error as { constraint?: string }).constraint !== 'UQ_session_events_command') throw error;
        const logged = await this.logged(meetingId, command.commandId);
        if (!logged) throw new Error(`Command ${command.commandId} is in the log and yet not found`);
        return this.repeated(logged, fingerprint);
      }
      if (!outcome.allowed) return { ok: false, forbidden: true };
      if (!outcome.written) {
        current = await this.load(meetingId);
        continue;
      }
      // Bound as it is logged: an anonymous event by the keyed digest alone.
      const bound = isAnonymous(decision.event) ? { actorId: null, digest: fingerprint.keyed } : { actorId: fingerprint.actorId, digest: fingerprint.digest };
      this.remember(meetingId, next, nextState, { commandId: command.commandId, seq: next, ...bound });
      return { ok: true, seq: next, duplicate: false, event: { ...decision.event, meetingId, seq: next, at, commandId: command.commandId }, state: nextState };
    }
    throw new Error(`Could not apply a command to meeting ${meetingId}: the session kept changing`);
  }

  /** A commandId seen before: the same command again is answered with its seq; another command under it is refused. */
  private repeated(first: { seq: number; actorId: string | null; digest: string | null }, again: CommandFingerprint): ApplyResult {
    return sameCommand(first, again) ? { ok: true, seq: first.seq, duplicate: true } : { ok: false, error: COMMAND_ID_TAKEN };
  }

  /** The session row exists from the first command, so commands compare-and-set on it; answers its state. */
  private async startSession(meetingId: string): Promise<{ seq: number; state: LiveSessionState }> {
    await this.db.query(`INSERT INTO "live_sessions" ("meetingId", "snapshot") VALUES ($1, $2) ON CONFLICT ("meetingId") DO NOTHING`, [meetingId, JSON.stringify(initialLiveState(meetingId))]);
    return this.load(meetingId);
  }

  private async storedSeq(meetingId: string): Promise<number> {
    const [row] = (await this.db.query('SELECT "seq" FROM "live_sessions" WHERE "meetingId" = $1', [meetingId])) as { seq: number }[];
    return row?.seq ?? 0;
  }

  /** The seq a command was applied at and what its id is bound to, or null if it never was. */
  private async logged(meetingId: string, commandId: string): Promise<{ seq: number; actorId: string | null; digest: string | null } | null> {
    const [done] = (await this.db.query('SELECT "seq", "actorId", "commandDigest" AS "digest" FROM "session_events" WHERE "meetingId" = $1 AND "commandId" = $2', [meetingId, commandId])) as {
      seq: number;
      actorId: string | null;
      digest: string | null;
    }[];
    return done ?? null;
  }

  /**
   * Moves the session from `seq` to `next` and appends the event, in one statement (shared with
   * other meetings' events under load, see LiveEventLog; with the action list, in a transaction
   * of its own), provided the actor is still in the set with the role the
   * command was decided for and the set is open: so every command is authorised by the database
   * in the same statement that records it. Answers whether the actor was allowed and whether the
   * event was written (not written when another process moved the session first).
   */
  private async write(meetingId: string, seq: number, next: number, state: LiveSessionState, commandId: string, digest: string, event: LiveEvent, actor: LiveActor, at: Date): Promise<WriteOutcome> {
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
      commandDigest: digest,
      type: event.type,
      payload: JSON.stringify(event.payload),
      actorId: actorIdOf(actor),
      role: actor.role === 'system' ? null : actor.role,
      at: at.toISOString(),
      anonymous: isAnonymous(event),
    };
    if (event.type !== 'actionAdded' && event.type !== 'reportedBack' && event.type !== 'contractAgreed') return this.log.append(write);
    return this.db.transaction(async (manager) => {
      const [outcome] = (await manager.query(WRITE_EVENT, eventParameters(write))) as WriteOutcome[];
      if (outcome.written) await this.recordActions(manager, meetingId, event, actor);
      return outcome;
    });
  }

  /** Actions agreed and report-backs given become the set's action list (the actions module's), in the same transaction; so does an agreed contract. */
  private async recordActions(manager: EntityManager, meetingId: string, event: LiveEvent, actor: LiveActor): Promise<void> {
    if (event.type === 'actionAdded') await this.actions.addFromSession(manager, meetingId, event.payload.action);
    else if (event.type === 'reportedBack') await this.actions.reportAtCheckIn(manager, meetingId, event.payload);
    // The ground rules agreed become the set's next contract version, with who was present.
    else if (event.type === 'contractAgreed') await recordAgreement(manager, meetingId, event.payload, actorIdOf(actor));
  }

  /** Meetings whose session has a running timer: a (re)started process schedules their expiry. */
  async runningTimers(): Promise<{ meetingId: string; timerId: number; endsAt: Date }[]> {
    const rows = await this.db.getRepository(LiveSessionEntity).find({ where: { timerEndsAt: MoreThan(new Date(0)) }, select: { meetingId: true, timerId: true, timerEndsAt: true } });
    return rows.filter((r) => r.timerId !== null && r.timerEndsAt !== null).map((r) => ({ meetingId: r.meetingId, timerId: r.timerId!, endsAt: r.timerEndsAt! }));
  }

  /**
   * Keeps the state at `seq` unless a later one is kept already (a read outside the meeting's queue
   * may finish after a command), with the command just applied among the recent ones. An ended
   * session is not kept: it takes few commands, and its snapshot is stored.
   */
  private remember(meetingId: string, seq: number, state: LiveSessionState, applied?: SeenCommand & { commandId: string }): void {
    const kept = this.kept.peek(meetingId);
    if (state.phase === 'ended') {
      this.kept.delete(meetingId);
      return;
    }
    const recent = kept?.recent ?? new Map<string, SeenCommand>();
    if (applied) {
      recent.set(applied.commandId, { seq: applied.seq, actorId: applied.actorId, digest: applied.digest });
      if (recent.size > RECENT_COMMANDS_KEPT) recent.delete(recent.keys().next().value!);
    }
    if (kept && kept.seq > seq) kept.recent = recent;
    else this.kept.set(meetingId, { seq, state, recent });
  }

  /** The state exactly at the seq answered, in one read: from the state kept here when it is still usable, else from the snapshot. */
  private async load(meetingId: string): Promise<{ seq: number; state: LiveSessionState }> {
    const kept = this.kept.peek(meetingId);
    const [row] = (await this.db.query(LOAD_STATE, [meetingId, kept?.seq ?? null])) as { seq: number; knownSeq: number | null; snapshot: LiveSessionState | null; events: LoggedEvent[] }[];
    if (!row) return { seq: 0, state: initialLiveState(meetingId) };
    // knownSeq is the seq of `kept` (sent as $2) when the events after it suffice, else null and the snapshot comes.
    const base = row.knownSeq !== null && kept ? kept.state : row.snapshot!;
    // An event of a type this version does not know stops the load (parseLiveEvent throws): a state that skipped it would be wrong.
    const state = row.events.reduce((s, e) => evolve(s, parseLiveEvent({ type: e.type, payload: e.payload, at: new Date(e.at).toISOString() })), base);
    this.remember(meetingId, row.seq, state);
    return { seq: row.seq, state };
  }
}
