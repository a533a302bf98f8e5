import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, In, MoreThan } from 'typeorm';
import { decide, evolve, initialLiveState, type LiveAction, type LiveActor, type ReportBackStatus, type LiveEventMessage, type LiveSessionState, type LiveSetup } from '@als/shared';
import { ActionEntity } from '@api/actions/action.entity';
import { MeetingEntity } from '@api/meetings/meeting.entity';
import { MembershipEntity } from '@api/sets/membership.entity';
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
  | { ok: false; error: string };

export interface LiveAccess {
  meeting: MeetingEntity;
  membership: MembershipEntity;
}

/**
 * The authority of live sessions. A command is decided by the shared reducer and its event
 * written, in one transaction holding the meeting's advisory lock, before anyone is told: so
 * seq rises by one with no gaps across any number of processes, the same commandId is applied
 * once, and nothing acknowledged is lost. The state is rebuilt from the last snapshot plus the
 * events after it; each process keeps the latest state of the meetings it serves, checked
 * against the stored seq before use.
 */
@Injectable()
export class LiveSessionsService {
  private readonly cache = new Map<string, { seq: number; state: LiveSessionState }>();

  constructor(private readonly db: DataSource) {}

  /** The meeting and the person's membership of its set, or null (unknown meeting or not a member). */
  async access(userId: string, meetingId: unknown): Promise<LiveAccess | null> {
    if (typeof meetingId !== 'string' || !isUUID(meetingId)) return null;
    const meeting = await this.db.getRepository(MeetingEntity).findOneBy({ id: meetingId });
    const membership = meeting ? await this.db.getRepository(MembershipEntity).findOneBy({ setId: meeting.setId, userId }) : null;
    return meeting && membership ? { meeting, membership } : null;
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

  /** Decides and records one command; answers the event to broadcast, a duplicate's seq, or a readable rejection. */
  async apply(meetingId: string, command: { commandId: string; type: string; payload: Record<string, unknown> }, actor: LiveActor): Promise<ApplyResult> {
    const result = await this.db.transaction(async (manager): Promise<ApplyResult> => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`live:${meetingId}`]);
      const [done] = (await manager.query('SELECT "seq" FROM "session_events" WHERE "meetingId" = $1 AND "commandId" = $2', [meetingId, command.commandId])) as { seq: number }[];
      if (done) return { ok: true, seq: done.seq, duplicate: true };
      const { seq, state, snapshotSeq } = await this.load(manager, meetingId);
      const now = new Date();
      const setup = command.type === 'start' ? await this.setupFor(manager, meetingId) : undefined;
      const decision = decide(state, command, actor, now, setup);
      if (!decision.ok) return decision;
      const next = seq + 1;
      const at = now.toISOString();
      const nextState = evolve(state, { ...decision.event, at });
      await manager.query('INSERT INTO "session_events" ("meetingId", "seq", "commandId", "type", "payload", "actorId", "at") VALUES ($1, $2, $3, $4, $5, $6, $7)', [
        meetingId,
        next,
        command.commandId,
        decision.event.type,
        JSON.stringify(decision.event.payload),
        actor.role === 'system' ? null : actor.userId,
        now,
      ]);
      const snapshot = next - snapshotSeq >= SNAPSHOT_EVERY || nextState.phase === 'ended' || seq === 0;
      const running = nextState.timer && !nextState.paused && !nextState.timer.expired && nextState.timer.endsAt ? nextState.timer : null;
      const changes = {
        seq: next,
        phase: nextState.phase,
        timerId: running?.id ?? null,
        timerEndsAt: running?.endsAt ? new Date(running.endsAt) : null,
        ...(snapshot ? { snapshot: nextState, snapshotSeq: next } : {}),
      };
      await this.recordActions(manager, meetingId, decision.event);
      if (seq === 0) await manager.insert(LiveSessionEntity, { meetingId, ...changes, snapshot: nextState, snapshotSeq: next });
      else await manager.update(LiveSessionEntity, { meetingId }, changes);
      return { ok: true, seq: next, duplicate: false, event: { meetingId, seq: next, type: decision.event.type, payload: decision.event.payload, at }, state: nextState };
    });
    if (result.ok && !result.duplicate) this.remember(meetingId, result.seq, result.state);
    return result;
  }

  /** Actions agreed and report-backs given become the set's action list, in the same transaction. */
  private async recordActions(manager: EntityManager, meetingId: string, event: { type: string; payload: Record<string, unknown> }): Promise<void> {
    if (event.type === 'actionAdded') {
      const action = event.payload.action as LiveAction;
      const { setId } = await manager.findOneByOrFail(MeetingEntity, { id: meetingId });
      await manager.insert(ActionEntity, { setId, meetingId, sessionKey: action.id, ownerId: action.ownerId, text: action.text, dueAt: action.dueAt ? new Date(action.dueAt) : null });
    } else if (event.type === 'reportedBack') {
      const { actionId, status, note, at } = event.payload as { actionId: string; status: ReportBackStatus; note: string; at: string };
      await manager.update(ActionEntity, { id: actionId }, { status, reportNote: note, reportedAt: new Date(at), reportedInMeetingId: meetingId });
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
    const row = await manager.findOne(LiveSessionEntity, { where: { meetingId }, select: { seq: true, snapshotSeq: true } });
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
    const [next] = (await manager.query(`SELECT "startsAt" FROM "meetings" WHERE "setId" = $1 AND "status" = 'scheduled' AND "startsAt" > $2 ORDER BY "startsAt" LIMIT 1`, [meeting.setId, meeting.startsAt])) as { startsAt: Date }[];
    const open = await manager.find(ActionEntity, { where: { setId: meeting.setId, status: 'open', ownerId: In(people.map((p) => p.userId)) }, order: { createdAt: 'ASC' } });
    return {
      roster: people.map((p) => ({ userId: p.userId, displayName: p.user.displayName })),
      agenda: meeting.agenda,
      openActions: open.filter((a) => a.meetingId !== meetingId).map((a) => ({ id: a.id, ownerId: a.ownerId, text: a.text, dueAt: a.dueAt?.toISOString() ?? null })),
      defaultDueAt: next ? next.startsAt.toISOString() : null,
    };
  }
}
