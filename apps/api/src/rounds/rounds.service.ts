import { BadRequestException, ConflictException, ForbiddenException, Injectable, Logger, NotFoundException, OnModuleInit } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import {
  actionsFromText,
  classifyQuestion,
  isQuestionPhase,
  mayContribute,
  nextRoundPhase,
  owes,
  ROUND_DEFAULT_DAYS,
  ROUND_PHASE_ASK,
  ROUND_PHASES,
  TIMED_PHASES,
  type QuestionKind,
  type RoundContributionResponse,
  type RoundDetailResponse,
  type RoundPhase,
  type RoundPhaseName,
  type RoundResponse,
  type SetRole,
  type TimedPhase,
} from '@als/shared';
import { Clock } from '@api/common/clock';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { AppConfig } from '@api/config/app-config';
import { JobsService } from '@api/jobs/jobs.service';
import type { OutgoingMail } from '@api/mail/mail.service';
import { OutboxService } from '@api/mail/outbox.service';
import { assertSetOpen } from '@api/sets/sets.service';
import { notYetHeld } from '@api/meetings/meeting-held';
import { closedMail, digestMail, nudgeMail, phaseMail, type Quoted, type RoundMailContext, type RoundMailPerson } from './round.mail';

export const ROUND_JOB = 'round-deadlines';
export const DIGEST_JOB = 'round-digest';
/** Those who still owe a contribution hear about it from the same wall time this many days before the deadline (in the set's zone). */
export const NUDGE_BEFORE_DAYS = 1;
/** An action from a round is due at the set's next meeting, or this many days on (in the presenter's zone). */
export const ROUND_ACTION_DUE_DAYS = 28;
/** The daily digest goes out from this hour, in each person's time zone. */
export const DIGEST_HOUR = 7;

interface RoundRow {
  id: string;
  setId: string;
  setName: string;
  setTimeZone: string;
  title: string;
  caseText: string;
  presenterId: string;
  presenterName: string;
  moderatorId: string | null;
  phase: RoundPhase;
  pausedAt: Date | null;
  closedAt: Date | null;
  createdAt: Date;
}

interface PhaseRow {
  name: RoundPhaseName;
  position: number;
  endsAt: Date;
  openedAt: Date | null;
  closedAt: Date | null;
}

interface Participant extends RoundMailPerson {
  role: SetRole;
  roundEmails: 'immediate' | 'daily';
  /** Their `round_participants` row (reply address); null only for someone not yet enrolled. */
  participantId: string | null;
}

type Enrolled = Participant & { participantId: string };

interface ContributionRow {
  id: string;
  phase: RoundPhaseName;
  authorId: string;
  authorName: string;
  body: string;
  via: 'web' | 'email';
  kind: QuestionKind | null;
  createdAt: Date;
}

export interface RoundDelivery {
  to: string;
  subject: string;
  status: string;
  attempts: number;
  lastError: string;
  createdAt: string;
  sentAt: string | null;
}

export interface ContributeResult {
  contribution: RoundContributionResponse;
  created: boolean;
  /** The coaching hint for a question, when it reads as closed, leading or advice. */
  hint: string | null;
}

/**
 * Asynchronous rounds: a case worked through over days by web and e-mail. Each change happens in
 * one transaction with the round row locked, and the e-mails it causes go into the outbox in that
 * transaction under a unique key (round, person, what), so a phase opens once, a nudge goes out
 * once, whatever the number of processes or restarts.
 */
@Injectable()
export class RoundsService implements OnModuleInit {
  private readonly logger = new Logger(RoundsService.name);

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly outbox: OutboxService,
    private readonly jobs: JobsService,
    private readonly replies: ReplyAddresses,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    this.jobs.register(ROUND_JOB, '* * * * *', () => this.sweep());
    this.jobs.register(DIGEST_JOB, '3 * * * *', () => this.digests());
  }

  roundUrl(roundId: string): string {
    return `${this.config.PUBLIC_URL}/rounds/${roundId}`;
  }

  /** The caller's role in the round's set; null when they are not in it (or the id is not a round's). */
  async access(userId: string, roundId: string): Promise<{ setId: string; role: SetRole } | null> {
    if (!isUUID(roundId)) return null;
    const [row] = (await this.db.query(`SELECT r."setId", ms."role" FROM "rounds" r JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = $2 WHERE r."id" = $1`, [roundId, userId])) as { setId: string; role: SetRole }[];
    return row ?? null;
  }

  /** Access for reading or writing a round's content: 404 outside the set, 403 for sponsors. */
  async assertParticipant(userId: string, roundId: string): Promise<{ setId: string; role: SetRole }> {
    const access = await this.access(userId, roundId);
    if (!access) throw new NotFoundException('Round not found.');
    if (access.role === 'sponsor') throw new ForbiddenException('Sponsors see that a set works, never its cases.');
    return access;
  }

  async create(setId: string, callerId: string, callerRole: SetRole, dto: { title: string; caseText: string; presenterId?: string; phaseDeadlines?: Partial<Record<TimedPhase, string>> }): Promise<RoundDetailResponse> {
    const now = this.clock.now();
    const presenterId = dto.presenterId ?? callerId;
    if (presenterId !== callerId && callerRole !== 'facilitator') throw new ForbiddenException('Only a facilitator can open a round on behalf of someone else.');
    const roundId = await this.db.transaction(async (manager) => {
      const [set] = (await manager.query(`SELECT "status", "roundPhaseDays", "timeZone" FROM "sets" WHERE "id" = $1 FOR SHARE`, [setId])) as { status: 'active' | 'closed'; roundPhaseDays: Partial<Record<TimedPhase, number>> | null; timeZone: string }[];
      assertSetOpen(set, 'open rounds');
      const deadlines = this.deadlines(DateTime.fromJSDate(now, { zone: set.timeZone }), { ...ROUND_DEFAULT_DAYS, ...(set.roundPhaseDays ?? {}) }, dto.phaseDeadlines);
      const [presenter] = (await manager.query(`SELECT "role" FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2`, [setId, presenterId])) as { role: SetRole }[];
      if (!presenter || presenter.role === 'sponsor') throw new BadRequestException('presenterId must be a member of the set');
      const moderatorId = callerRole === 'facilitator' ? callerId : await this.firstFacilitator(manager, setId);
      const [{ id }] = (await manager.query(
        `INSERT INTO "rounds" ("setId", "title", "caseText", "presenterId", "moderatorId", "createdById", "phase", "createdAt", "updatedAt") VALUES ($1, $2, $3, $4, $5, $6, 'clarifying', $7, $7) RETURNING "id"`,
        [setId, dto.title, dto.caseText, presenterId, moderatorId, callerId, now],
      )) as { id: string }[];
      await manager.query(`INSERT INTO "round_phases" ("roundId", "name", "position", "endsAt", "openedAt", "closedAt") VALUES ($1, 'case', 0, $2, $2, $2)`, [id, now]);
      for (const [i, phase] of TIMED_PHASES.entries()) {
        await manager.query(`INSERT INTO "round_phases" ("roundId", "name", "position", "endsAt", "openedAt") VALUES ($1, $2, $3, $4, $5)`, [id, phase, i + 1, deadlines[phase], phase === 'clarifying' ? now : null]);
      }
      await this.openPhase(manager, id, 'clarifying', callerId);
      return id;
    });
    this.outbox.kick();
    return this.detail(roundId, callerId);
  }

  async list(setId: string): Promise<RoundResponse[]> {
    const rounds = await this.rounds(this.db.manager, `r."setId" = $1`, [setId]);
    if (rounds.length === 0) return [];
    const phases = (await this.db.query(
      `SELECT "roundId", "name", "position", "endsAt", "openedAt", "closedAt" FROM "round_phases" WHERE "roundId" = ANY($1) ORDER BY "position"`,
      [rounds.map((r) => r.id)],
    )) as (PhaseRow & { roundId: string })[];
    return rounds.map((r) => this.toResponse(r, phases.filter((p) => p.roundId === r.id)));
  }

  async detail(roundId: string, userId: string): Promise<RoundDetailResponse> {
    const { role } = await this.assertParticipant(userId, roundId);
    const [round] = await this.rounds(this.db.manager, `r."id" = $1`, [roundId]);
    const phases = await this.phases(this.db.manager, roundId);
    const contributions = await this.contributions(this.db.manager, roundId);
    const people = await this.participants(this.db.manager, round);
    const moderating = round.moderatorId === userId || role === 'facilitator';
    const isPresenter = round.presenterId === userId;
    const owed = people
      .filter((p) => owes(round.phase, p.id === round.presenterId))
      .filter((p) => moderating || p.id === userId)
      .map((p) => ({ userId: p.id, displayName: p.displayName, done: contributions.some((c) => c.phase === round.phase && c.authorId === p.id) }));
    const me = people.find((p) => p.id === userId);
    return {
      ...this.toResponse(round, phases),
      caseText: round.caseText,
      contributions: contributions.map(toContribution),
      owed,
      canContribute: Boolean(me) && round.pausedAt === null && mayContribute(round.phase, isPresenter),
      replyAddress: me?.participantId && round.phase !== 'closed' ? this.replies.address('r', me.participantId) : null,
    };
  }

  /**
   * Adds a contribution to the round's current phase. The same clientId (or e-mail Message-ID)
   * again answers the contribution it created. When everyone who owes one has given it, the phase
   * closes early and the next one opens, in the same transaction.
   */
  async contribute(roundId: string, userId: string, input: { body: string; clientId?: string; messageId?: string }, via: 'web' | 'email'): Promise<ContributeResult> {
    const now = this.clock.now();
    const result = await this.db.transaction(async (manager) => {
      const round = await this.lock(manager, roundId);
      if (input.clientId || input.messageId) {
        const [existing] = (await manager.query(
          `SELECT c."id" FROM "round_contributions" c WHERE c."roundId" = $1 AND ((c."authorId" = $2 AND c."clientId" = $3) OR c."messageId" = $4)`,
          [roundId, userId, input.clientId ?? null, input.messageId ?? null],
        )) as { id: string }[];
        if (existing) {
          return { contribution: toContribution(await this.contribution(manager, existing.id)), created: false, hint: null };
        }
      }
      const [membership] = (await manager.query(`SELECT "role" FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2`, [round.setId, userId])) as { role: SetRole }[];
      if (!membership || membership.role === 'sponsor') throw new NotFoundException('Round not found.');
      this.assertWritable(round, userId);
      const coaching = isQuestionPhase(round.phase) ? classifyQuestion(input.body) : null;
      const [{ id }] = (await manager.query(
        `INSERT INTO "round_contributions" ("roundId", "phase", "authorId", "body", "via", "kind", "clientId", "messageId", "createdAt") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING "id"`,
        [roundId, round.phase, userId, input.body, via, coaching?.kind ?? null, input.clientId ?? null, input.messageId ?? null, now],
      )) as { id: string }[];
      await manager.query(
        `INSERT INTO "round_participants" ("roundId", "userId", "contributions") VALUES ($1, $2, 1) ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO UPDATE SET "contributions" = "round_participants"."contributions" + 1`,
        [roundId, userId],
      );
      if (round.phase === 'actions' && userId === round.presenterId) await this.recordActions(manager, round, input.body, now);
      await this.closeEarlyIfDone(manager, round, now);
      return { contribution: toContribution(await this.contribution(manager, id)), created: true, hint: coaching && coaching.kind !== 'open' ? coaching.reason : null };
    });
    this.outbox.kick();
    return result;
  }

  /** Why this person cannot write in the round now, as a conflict; nothing when they can. */
  assertWritable(round: Pick<RoundRow, 'phase' | 'pausedAt' | 'presenterId' | 'presenterName'>, userId: string): void {
    if (round.phase === 'closed') throw new ConflictException('The round is closed.');
    if (round.pausedAt) throw new ConflictException('The round is paused by its moderator: try again when it resumes.');
    if (!mayContribute(round.phase, round.presenterId === userId)) {
      throw new ConflictException(round.presenterId === userId ? `In this phase the members write: ${ROUND_PHASE_ASK[round.phase as TimedPhase].presenter}` : `In this phase ${round.presenterName} writes: ${ROUND_PHASE_ASK[round.phase as TimedPhase].members}`);
    }
  }

  // ---- moderation

  async moderate(roundId: string, userId: string, change: { kind: 'advance' } | { kind: 'pause' } | { kind: 'resume' } | { kind: 'close' } | { kind: 'extend'; endsAt: Date } | { kind: 'moderator'; userId: string }): Promise<RoundDetailResponse> {
    const now = this.clock.now();
    const access = await this.assertParticipant(userId, roundId);
    await this.db.transaction(async (manager) => {
      const round = await this.lock(manager, roundId);
      if (round.moderatorId !== userId && access.role !== 'facilitator') throw new ForbiddenException('Only the round’s moderator or a facilitator can do this.');
      if (round.phase === 'closed') throw new ConflictException('The round is closed.');
      switch (change.kind) {
        case 'advance':
          if (round.pausedAt) throw new ConflictException('Resume the round first.');
          await this.advance(manager, round, now);
          break;
        case 'close':
          await this.finish(manager, round, now);
          break;
        case 'pause':
          if (round.pausedAt) throw new ConflictException('The round is already paused.');
          await manager.query(`UPDATE "rounds" SET "pausedAt" = $2, "updatedAt" = $2 WHERE "id" = $1`, [roundId, now]);
          break;
        case 'resume': {
          if (!round.pausedAt) throw new ConflictException('The round is not paused.');
          // The time it stood still is given back to this phase and the ones after it.
          const shift = now.getTime() - round.pausedAt.getTime();
          await this.shiftDeadlines(manager, round, shift);
          await manager.query(`UPDATE "rounds" SET "pausedAt" = NULL, "updatedAt" = $2 WHERE "id" = $1`, [roundId, now]);
          break;
        }
        case 'extend': {
          const current = (await this.phases(manager, roundId)).find((p) => p.name === round.phase)!;
          if (change.endsAt.getTime() <= now.getTime()) throw new BadRequestException('endsAt must be in the future');
          if (change.endsAt.getTime() <= current.endsAt.getTime()) throw new BadRequestException('endsAt must be later than the current deadline: to end the phase now, advance the round');
          await this.shiftDeadlines(manager, round, change.endsAt.getTime() - current.endsAt.getTime());
          await manager.query(`UPDATE "rounds" SET "updatedAt" = $2 WHERE "id" = $1`, [roundId, now]);
          break;
        }
        case 'moderator': {
          const [target] = (await manager.query(`SELECT "role" FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2`, [round.setId, change.userId])) as { role: SetRole }[];
          if (!target || target.role === 'sponsor') throw new BadRequestException('userId must be a member of the set');
          await manager.query(`UPDATE "rounds" SET "moderatorId" = $2, "updatedAt" = $3 WHERE "id" = $1`, [roundId, change.userId, now]);
          break;
        }
      }
    });
    this.outbox.kick();
    return this.detail(roundId, userId);
  }

  /** The round's e-mails and where each stands in the outbox (sent, waiting, retrying, given up): for its moderator. */
  async deliveries(roundId: string, userId: string): Promise<RoundDelivery[]> {
    const access = await this.assertParticipant(userId, roundId);
    const [round] = await this.rounds(this.db.manager, `r."id" = $1`, [roundId]);
    if (round.moderatorId !== userId && access.role !== 'facilitator') throw new ForbiddenException('Only the round’s moderator or a facilitator sees its e-mails.');
    const rows = (await this.db.query(
      `SELECT o."to", o."subject", o."status", o."attempts", o."lastError", o."createdAt", o."sentAt" FROM "mail_outbox" o
        WHERE o."headers"->>'messageId' LIKE $1 ORDER BY o."createdAt" DESC LIMIT 500`,
      [`<round.${roundId}.%`],
    )) as { to: string; subject: string; status: string; attempts: number; lastError: string; createdAt: Date; sentAt: Date | null }[];
    return rows.map((r) => ({ ...r, createdAt: new Date(r.createdAt).toISOString(), sentAt: r.sentAt ? new Date(r.sentAt).toISOString() : null }));
  }

  // ---- jobs

  /**
   * One pass: phases past their deadline move on; those who still owe hear about it the day
   * before. Each round is its own transaction holding the round's row (`SKIP LOCKED`: a round
   * another runner or a change holds waits for the next pass, and holds up no other round), and
   * what is due is decided again under the lock.
   */
  async sweep(): Promise<{ advanced: number; nudged: number }> {
    const now = this.clock.now();
    // Candidates only: a deadline passed, or near enough that the day before it (in the set's zone) may have begun.
    const candidates = (await this.db.query(
      `SELECT r."id" FROM "rounds" r JOIN "round_phases" p ON p."roundId" = r."id" AND p."name" = r."phase"
        WHERE r."phase" <> 'closed' AND r."pausedAt" IS NULL AND p."endsAt" <= $1::timestamptz + make_interval(days => $2) ORDER BY p."endsAt"`,
      [now, NUDGE_BEFORE_DAYS + 1],
    )) as { id: string }[];
    let advanced = 0;
    let nudged = 0;
    for (const { id } of candidates) {
      const outcome = await this.db.transaction(async (manager) => {
        const [row] = (await manager.query(`SELECT "id" FROM "rounds" WHERE "id" = $1 FOR UPDATE SKIP LOCKED`, [id])) as unknown[];
        if (!row) return { advanced: 0, nudged: 0 };
        const [round] = await this.rounds(manager, `r."id" = $1`, [id]);
        const current = (await this.phases(manager, id)).find((p) => p.name === round.phase);
        // Another runner (or an early close, a pause, the moderator) may have changed it since it was listed.
        if (round.phase === 'closed' || round.pausedAt || !current) return { advanced: 0, nudged: 0 };
        if (current.endsAt <= now) {
          await this.advance(manager, round, now);
          return { advanced: 1, nudged: 0 };
        }
        return { advanced: 0, nudged: await this.nudge(manager, round, current.endsAt, now) };
      });
      advanced += outcome.advanced;
      nudged += outcome.nudged;
    }
    if (advanced + nudged > 0) {
      this.logger.log({ msg: 'round deadlines', advanced, nudged });
      this.outbox.kick();
    }
    return { advanced, nudged };
  }

  /** Daily digests for people who chose them: sent from DIGEST_HOUR in their time zone, once a day. */
  async digests(): Promise<number> {
    const now = this.clock.now();
    const people = (await this.db.query(`SELECT "id", "email", "displayName", "timeZone", "lastDigestAt" FROM "users" WHERE "roundEmails" = 'daily'`)) as (RoundMailPerson & { lastDigestAt: Date | null })[];
    let sent = 0;
    for (const person of people) {
      const local = DateTime.fromJSDate(now, { zone: person.timeZone });
      if (local.hour < DIGEST_HOUR) continue;
      const since = person.lastDigestAt ?? local.minus({ days: 1 }).toJSDate();
      if (person.lastDigestAt && DateTime.fromJSDate(person.lastDigestAt, { zone: person.timeZone }).toISODate() === local.toISODate()) continue;
      const queued = await this.db.transaction(async (manager) => {
        // Claims today's digest for this person: a second process, or a second run, finds it taken.
        const [claimed] = (await manager.query(`UPDATE "users" SET "lastDigestAt" = $2 WHERE "id" = $1 AND "lastDigestAt" IS NOT DISTINCT FROM $3 RETURNING "id"`, [person.id, now, person.lastDigestAt])) as unknown[];
        if (!claimed) return false;
        const opened = (await manager.query(
          `SELECT r."id", r."phase", r."presenterId", p."endsAt" FROM "rounds" r
             JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = $1 AND ms."role" IN ('facilitator', 'member')
             LEFT JOIN "round_phases" p ON p."roundId" = r."id" AND p."name" = r."phase"
            WHERE (p."openedAt" > $2 OR r."closedAt" > $2)`,
          [person.id, since],
        )) as { id: string; phase: RoundPhase; presenterId: string; endsAt: Date | null }[];
        if (opened.length === 0) return false;
        const items = [];
        for (const o of opened) {
          const [round] = await this.rounds(manager, `r."id" = $1`, [o.id]);
          const ask = o.phase === 'closed' || o.phase === 'case' ? 'The round is closed: read how it ended.' : ROUND_PHASE_ASK[o.phase][o.presenterId === person.id ? 'presenter' : 'members'];
          items.push({ ctx: this.context(round), phase: o.phase, ask, endsAt: o.phase === 'closed' ? null : o.endsAt });
        }
        await this.outbox.enqueue([digestMail({ to: person, items, day: local.toFormat('cccc d LLLL') })], manager);
        return true;
      });
      if (queued) sent++;
    }
    if (sent > 0) this.outbox.kick();
    return sent;
  }

  // ---- internals

  /**
   * Each phase's deadline: as given, or its length in calendar days after the one before, in the
   * set's zone (`now` is in it), so a round opened at 10:00 has its deadlines at 10:00 across a
   * clock change.
   */
  private deadlines(now: DateTime, rhythm: Record<TimedPhase, number>, given: Partial<Record<TimedPhase, string>> = {}): Record<TimedPhase, Date> {
    const result = {} as Record<TimedPhase, Date>;
    let previous = now;
    for (const phase of TIMED_PHASES) {
      const value = given[phase];
      const at = value ? DateTime.fromISO(value, { zone: now.zone }) : previous.plus({ days: rhythm[phase] });
      if (!at.isValid) throw new BadRequestException(`phaseDeadlines.${phase} must be an ISO 8601 date-time`);
      if (at <= previous) throw new BadRequestException(`phaseDeadlines.${phase} must be after ${phase === 'clarifying' ? 'now' : 'the deadline before it'}`);
      result[phase] = at.toJSDate();
      previous = at;
    }
    return result;
  }

  private async firstFacilitator(manager: EntityManager, setId: string): Promise<string> {
    const [row] = (await manager.query(`SELECT "userId" FROM "set_memberships" WHERE "setId" = $1 AND "role" = 'facilitator' ORDER BY "createdAt" LIMIT 1`, [setId])) as { userId: string }[];
    return row.userId;
  }

  private async rounds(manager: EntityManager, where: string, params: unknown[]): Promise<RoundRow[]> {
    return (await manager.query(
      `SELECT r.*, s."name" AS "setName", s."timeZone" AS "setTimeZone", u."displayName" AS "presenterName" FROM "rounds" r JOIN "sets" s ON s."id" = r."setId" JOIN "users" u ON u."id" = r."presenterId" WHERE ${where} ORDER BY r."createdAt" DESC`,
      params,
    )) as RoundRow[];
  }

  /** The round, locked for this transaction. */
  private async lock(manager: EntityManager, roundId: string): Promise<RoundRow> {
    if (!isUUID(roundId)) throw new NotFoundException('Round not found.');
    const [row] = (await manager.query(`SELECT "id" FROM "rounds" WHERE "id" = $1 FOR UPDATE`, [roundId])) as unknown[];
    if (!row) throw new NotFoundException('Round not found.');
    const [round] = await this.rounds(manager, `r."id" = $1`, [roundId]);
    return round;
  }

  private async phases(manager: EntityManager, roundId: string): Promise<PhaseRow[]> {
    return (await manager.query(`SELECT "name", "position", "endsAt", "openedAt", "closedAt" FROM "round_phases" WHERE "roundId" = $1 ORDER BY "position"`, [roundId])) as PhaseRow[];
  }

  private async contributions(manager: EntityManager, roundId: string): Promise<ContributionRow[]> {
    return (await manager.query(
      `SELECT c."id", c."phase", c."authorId", u."displayName" AS "authorName", c."body", c."via", c."kind", c."createdAt" FROM "round_contributions" c JOIN "users" u ON u."id" = c."authorId" WHERE c."roundId" = $1 ORDER BY c."createdAt", c."id"`,
      [roundId],
    )) as ContributionRow[];
  }

  private async contribution(manager: EntityManager, id: string): Promise<ContributionRow> {
    const [row] = (await manager.query(
      `SELECT c."id", c."phase", c."authorId", u."displayName" AS "authorName", c."body", c."via", c."kind", c."createdAt" FROM "round_contributions" c JOIN "users" u ON u."id" = c."authorId" WHERE c."id" = $1`,
      [id],
    )) as ContributionRow[];
    return row;
  }

  /** Everyone who takes part (facilitators and members), each with their reply address row. Reads only. */
  private async participants(manager: EntityManager, round: Pick<RoundRow, 'id' | 'setId'>): Promise<Participant[]> {
    return (await manager.query(
      `SELECT u."id", u."email", u."displayName", u."timeZone", u."roundEmails", ms."role", rp."id" AS "participantId"
         FROM "set_memberships" ms JOIN "users" u ON u."id" = ms."userId" LEFT JOIN "round_participants" rp ON rp."roundId" = $1 AND rp."userId" = ms."userId"
        WHERE ms."setId" = $2 AND ms."role" IN ('facilitator', 'member') ORDER BY ms."createdAt"`,
      [round.id, round.setId],
    )) as Participant[];
  }

  /**
   * The participants with their reply addresses, for e-mails written under the round's lock.
   * People are enrolled when they join the set or open rounds; anyone still without a row (a
   * round opened before that was so) gets it here, in the writing transaction.
   */
  private async enrolled(manager: EntityManager, round: Pick<RoundRow, 'id' | 'setId'>): Promise<Enrolled[]> {
    let people = await this.participants(manager, round);
    const missing = people.filter((p) => p.participantId === null).map((p) => p.id);
    if (missing.length) {
      await manager.query(`INSERT INTO "round_participants" ("roundId", "userId") SELECT $1, unnest($2::uuid[]) ON CONFLICT ON CONSTRAINT "UQ_round_participants" DO NOTHING`, [round.id, missing]);
      people = await this.participants(manager, round);
    }
    return people.filter((p): p is Enrolled => p.participantId !== null);
  }

  private context(round: RoundRow): RoundMailContext {
    return { roundId: round.id, title: round.title, setName: round.setName, presenterName: round.presenterName, roundUrl: this.roundUrl(round.id), mailDomain: this.config.MAIL_DOMAIN };
  }

  private toResponse(round: RoundRow, phases: PhaseRow[]): RoundResponse {
    return {
      id: round.id,
      setId: round.setId,
      title: round.title,
      phase: round.phase,
      phases: phases.map((p) => ({ name: p.name, endsAt: p.endsAt.toISOString(), openedAt: p.openedAt?.toISOString() ?? null, closedAt: p.closedAt?.toISOString() ?? null })),
      presenterId: round.presenterId,
      presenterName: round.presenterName,
      moderatorId: round.moderatorId,
      paused: round.pausedAt !== null,
      createdAt: round.createdAt.toISOString(),
      closedAt: round.closedAt?.toISOString() ?? null,
    };
  }

  private async shiftDeadlines(manager: EntityManager, round: RoundRow, ms: number): Promise<void> {
    const position = ROUND_PHASES.indexOf(round.phase as RoundPhaseName);
    await manager.query(`UPDATE "round_phases" SET "endsAt" = "endsAt" + make_interval(secs => $3::float / 1000) WHERE "roundId" = $1 AND "position" >= $2`, [round.id, position, ms]);
  }

  private async closeEarlyIfDone(manager: EntityManager, round: RoundRow, now: Date): Promise<void> {
    // The last phase runs to its deadline: after the presenter's actions, members may still add a closing word.
    if (round.phase === 'closed' || round.phase === 'case' || round.phase === 'actions') return;
    // Everyone due (the presenter, or every other participant) who has not yet written in this phase.
    const [{ missing }] = (await manager.query(
      `SELECT count(*)::int AS "missing" FROM "set_memberships" ms
        WHERE ms."setId" = $1 AND ms."role" IN ('facilitator', 'member') AND (ms."userId" = $3) = $4
          AND NOT EXISTS (SELECT 1 FROM "round_contributions" c WHERE c."roundId" = $2 AND c."phase" = $5 AND c."authorId" = ms."userId")`,
      [round.setId, round.id, round.presenterId, owes(round.phase, true), round.phase],
    )) as { missing: number }[];
    if (missing === 0) await this.advance(manager, round, now);
  }

  /** Closes the current phase and opens the next (or closes the round), with its e-mails. */
  private async advance(manager: EntityManager, round: RoundRow, now: Date): Promise<void> {
    await manager.query(`UPDATE "round_phases" SET "closedAt" = $3 WHERE "roundId" = $1 AND "name" = $2 AND "closedAt" IS NULL`, [round.id, round.phase, now]);
    const next = nextRoundPhase(round.phase);
    if (next === 'closed') return this.finish(manager, round, now);
    await manager.query(`UPDATE "round_phases" SET "openedAt" = $3 WHERE "roundId" = $1 AND "name" = $2`, [round.id, next, now]);
    await manager.query(`UPDATE "rounds" SET "phase" = $2, "updatedAt" = $3 WHERE "id" = $1`, [round.id, next, now]);
    await this.openPhase(manager, round.id, next as TimedPhase, null);
  }

  private async finish(manager: EntityManager, round: RoundRow, now: Date): Promise<void> {
    await manager.query(`UPDATE "round_phases" SET "closedAt" = $2 WHERE "roundId" = $1 AND "closedAt" IS NULL AND "openedAt" IS NOT NULL`, [round.id, now]);
    await manager.query(`UPDATE "rounds" SET "phase" = 'closed', "closedAt" = $2, "pausedAt" = NULL, "updatedAt" = $2 WHERE "id" = $1`, [round.id, now]);
    const people = await this.enrolled(manager, round);
    const actions = ((await manager.query(`SELECT "text" FROM "actions" WHERE "roundId" = $1 ORDER BY "createdAt"`, [round.id])) as { text: string }[]).map((a) => a.text);
    const mails: OutgoingMail[] = [];
    for (const person of people.filter((p) => p.roundEmails === 'immediate')) {
      if (await this.noteSent(manager, round.id, person.id, 'closed')) mails.push(closedMail({ to: person, ctx: this.context(round), actions }));
    }
    await this.outbox.enqueue(mails, manager);
  }

  /** The e-mails of a phase that opened: to each person who may write in it, with what they need to read. */
  private async openPhase(manager: EntityManager, roundId: string, phase: TimedPhase, skipUserId: string | null): Promise<void> {
    const [round] = await this.rounds(manager, `r."id" = $1`, [roundId]);
    const people = await this.enrolled(manager, round);
    const endsAt = (await this.phases(manager, roundId)).find((p) => p.name === phase)!.endsAt;
    const said = await this.contributions(manager, roundId);
    const quote = (p: RoundPhaseName): Quoted[] => said.filter((c) => c.phase === p).map((c) => ({ author: c.authorName, body: c.body }));
    const theCase = { heading: `The case from ${round.presenterName}`, items: [{ author: round.presenterName, body: round.caseText }] };
    const mails: OutgoingMail[] = [];
    for (const person of people) {
      const isPresenter = person.id === round.presenterId;
      if (person.id === skipUserId || person.roundEmails !== 'immediate') continue;
      if (!mayContribute(phase, isPresenter) && !(phase === 'clarifying' && isPresenter)) continue;
      const sections =
        phase === 'clarifying'
          ? isPresenter
            ? []
            : [theCase]
          : phase === 'answers'
            ? [{ heading: 'The clarifying questions', items: quote('clarifying') }]
            : phase === 'questions'
              ? [theCase, { heading: 'Clarifying questions and answers', items: [...quote('clarifying'), ...quote('answers')] }]
              : phase === 'reflection'
                ? [{ heading: 'The open questions', items: quote('questions') }]
                : [{ heading: isPresenter ? 'Your reflection' : `${round.presenterName}'s reflection`, items: quote('reflection') }];
      if (!(await this.noteSent(manager, roundId, person.id, `open:${phase}`))) continue;
      mails.push(phaseMail({ to: person, ctx: this.context(round), phase, isPresenter, endsAt, replyAddress: this.replies.address('r', person.participantId), sections }));
    }
    await this.outbox.enqueue(mails, manager);
  }

  /**
   * From the same wall time the day before the deadline (in the set's zone), those who owe a
   * contribution to the round's phase and have not given it hear about it: once per deadline.
   * Runs under the round's lock, so a contribution being written is seen before anyone is nudged.
   */
  private async nudge(manager: EntityManager, round: RoundRow, endsAt: Date, now: Date): Promise<number> {
    if (round.phase === 'closed' || round.phase === 'case') return 0;
    if (DateTime.fromJSDate(endsAt, { zone: round.setTimeZone }).minus({ days: NUDGE_BEFORE_DAYS }).toJSDate() > now) return 0;
    const phase = round.phase as TimedPhase;
    const people = await this.enrolled(manager, round);
    const given = new Set(((await manager.query(`SELECT DISTINCT "authorId" FROM "round_contributions" WHERE "roundId" = $1 AND "phase" = $2`, [round.id, phase])) as { authorId: string }[]).map((r) => r.authorId));
    const epoch = Math.floor(endsAt.getTime() / 1000);
    const mails: OutgoingMail[] = [];
    for (const person of people) {
      const isPresenter = person.id === round.presenterId;
      if (!owes(phase, isPresenter) || given.has(person.id)) continue;
      if (!(await this.noteSent(manager, round.id, person.id, `nudge:${phase}@${epoch}`))) continue;
      mails.push(nudgeMail({ to: person, ctx: this.context(round), phase, isPresenter, endsAt, replyAddress: this.replies.address('r', person.participantId), epoch }));
    }
    await this.outbox.enqueue(mails, manager);
    return mails.length;
  }

  /** Records that `kind` went to this person for this round; false when it already had (so it is not sent twice). */
  private async noteSent(manager: EntityManager, roundId: string, userId: string, kind: string): Promise<boolean> {
    const rows = (await manager.query(`INSERT INTO "round_notifications" ("roundId", "userId", "kind") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING "kind"`, [roundId, userId, kind])) as unknown[];
    return rows.length === 1;
  }

  /**
   * The presenter's last-phase text becomes their actions, due (a calendar day) on the day of the
   * set's next meeting in its zone, or four weeks on in the presenter's zone.
   */
  private async recordActions(manager: EntityManager, round: RoundRow, body: string, now: Date): Promise<void> {
    const [next] = (await manager.query(`SELECT m."startsAt", m."timeZone" FROM "meetings" m WHERE m."setId" = $1 AND m."status" = 'scheduled' AND m."startsAt" > $2 AND ${notYetHeld('m')} ORDER BY m."startsAt" LIMIT 1`, [round.setId, now])) as { startsAt: Date; timeZone: string }[];
    const [presenter] = (await manager.query(`SELECT "timeZone" FROM "users" WHERE "id" = $1`, [round.presenterId])) as { timeZone: string }[];
    const dueAt = next ? DateTime.fromJSDate(next.startsAt, { zone: next.timeZone }).toISODate() : DateTime.fromJSDate(now, { zone: presenter.timeZone }).plus({ days: ROUND_ACTION_DUE_DAYS }).toISODate();
    for (const text of actionsFromText(body)) {
      await manager.query(`INSERT INTO "actions" ("setId", "roundId", "ownerId", "text", "dueAt") VALUES ($1, $2, $3, $4, $5)`, [round.setId, round.id, round.presenterId, text, dueAt]);
    }
  }
}

function toContribution(c: ContributionRow): RoundContributionResponse {
  return { id: c.id, phase: c.phase, authorId: c.authorId, authorName: c.authorName, body: c.body, via: c.via, kind: c.kind, createdAt: new Date(c.createdAt).toISOString() };
}
