import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import {
  classifyQuestion,
  isQuestionPhase,
  mayContribute,
  owes,
  ROUND_DEFAULT_DAYS,
  ROUND_PHASE_ASK,
  RoundErrorCode,
  TIMED_PHASES,
  type QuestionKind,
  type RoundContributionResponse,
  type RoundPhaseName,
  type RoundDetailResponse,
  type RoundResponse,
  type SetRole,
  type TimedPhase,
} from '@als/shared';
import { ActionsService } from '@api/actions/actions.service';
import { Clock } from '@api/common/clock';
import { badRequest, conflict, forbidden, notFound } from '@api/common/domain-error';
import { prepared } from '@api/database/prepared';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { OutboxService } from '@api/mail/outbox.service';
import { MeetingAccessPolicy, type SetAccess } from '@api/meetings/meeting-access.policy';
import { assertSetOpen } from '@api/sets/sets.service';
import { RoundEntity, RoundPhaseEntity } from './round.entities';
import { RoundFlow } from './round-flow';
import { RoundStore, toContribution, toRoundResponse, type RoundRow } from './round-store';

export interface ContributeResult {
  contribution: RoundContributionResponse;
  created: boolean;
  /** The coaching hint for a question, when it reads as closed, leading or advice. */
  hint: string | null;
  /** The round as it was locked for the contribution (before any phase it moved on to). */
  round: RoundRow;
}

/** One reply by e-mail for `RoundsService.contributeAll`. */
export interface MailedContribution {
  roundId: string;
  userId: string;
  body: string;
  messageId: string;
}

/**
 * What became of one of them: its result as `contribute` gives it, the error `contribute` would
 * throw, or `alone` when it must go through `contribute` after all (it may end its phase, or it
 * makes the presenter's actions).
 */
export type MailedOutcome = { result: ContributeResult } | { error: unknown } | { alone: true };

/**
 * Asynchronous rounds: a case worked through over days by web and e-mail. Opening a round,
 * reading it, and contributing to it (the web and inbound e-mail call the same `contribute`).
 * Each change happens in one transaction with the round row locked, and the e-mails it causes go
 * into the outbox in that transaction (`RoundFlow`). Moderation is `RoundModerationService`'s;
 * the deadline and digest jobs are `RoundDeadlinesJob` and `RoundDigestJob`.
 */
@Injectable()
export class RoundsService {
  constructor(
    private readonly db: DataSource,
    private readonly store: RoundStore,
    private readonly flow: RoundFlow,
    private readonly policy: MeetingAccessPolicy,
    private readonly actions: ActionsService,
    private readonly outbox: OutboxService,
    private readonly replies: ReplyAddresses,
    private readonly clock: Clock,
  ) {}

  roundUrl(roundId: string): string {
    return this.store.roundUrl(roundId);
  }

  /** Access for reading or writing a round's content: 404 outside the set, 403 for sponsors. */
  assertParticipant(userId: string, roundId: string): Promise<SetAccess> {
    return this.policy.requireRoundParticipant(userId, roundId);
  }

  async create(setId: string, callerId: string, callerRole: SetRole, dto: { title: string; caseText: string; presenterId?: string; phaseDeadlines?: Partial<Record<TimedPhase, string>> }): Promise<RoundDetailResponse> {
    const now = this.clock.now();
    const presenterId = dto.presenterId ?? callerId;
    if (presenterId !== callerId && callerRole !== 'facilitator') throw forbidden(RoundErrorCode.OnBehalfFacilitatorOnly, 'Only a facilitator can open a round on behalf of someone else.');
    const roundId = await this.db.transaction(async (manager) => {
      const [set] = (await manager.query(`SELECT "status", "roundPhaseDays", "timeZone", "practice" FROM "sets" WHERE "id" = $1 FOR SHARE`, [setId])) as { status: 'active' | 'closed'; roundPhaseDays: Partial<Record<TimedPhase, number>> | null; timeZone: string; practice: boolean }[];
      assertSetOpen(set, 'open rounds');
      const deadlines = this.deadlines(DateTime.fromJSDate(now, { zone: set.timeZone }), { ...ROUND_DEFAULT_DAYS, ...(set.roundPhaseDays ?? {}) }, dto.phaseDeadlines, set.practice);
      const [presenter] = (await manager.query(`SELECT "role" FROM "set_memberships" WHERE "setId" = $1 AND "userId" = $2`, [setId, presenterId])) as { role: SetRole }[];
      if (!presenter || presenter.role === 'sponsor') throw badRequest(RoundErrorCode.NotAMember, 'presenterId must be a member of the set', 'presenterId');
      const moderatorId = callerRole === 'facilitator' ? callerId : await this.firstFacilitator(manager, setId);
      const { identifiers } = await manager.insert(RoundEntity, { setId, title: dto.title, caseText: dto.caseText, presenterId, moderatorId, createdById: callerId, phase: 'clarifying', createdAt: now, updatedAt: now });
      const id = String(identifiers[0].id);
      await manager.insert(RoundPhaseEntity, [
        { roundId: id, name: 'case', position: 0, endsAt: now, openedAt: now, closedAt: now },
        ...TIMED_PHASES.map((phase, i) => ({ roundId: id, name: phase, position: i + 1, endsAt: deadlines[phase], openedAt: phase === 'clarifying' ? now : null })),
      ]);
      await this.flow.openPhase(manager, id, 'clarifying', callerId);
      return id;
    });
    this.outbox.kick();
    return this.detail(roundId, callerId);
  }

  async list(setId: string): Promise<RoundResponse[]> {
    const rounds = await this.store.ofSet(this.db.manager, setId);
    const phases = await this.store.phasesOf(this.db.manager, rounds.map((r) => r.id));
    return rounds.map((r) => toRoundResponse(r, phases.filter((p) => p.roundId === r.id)));
  }

  async detail(roundId: string, userId: string): Promise<RoundDetailResponse> {
    const { role } = await this.assertParticipant(userId, roundId);
    const read = await this.store.detail(this.db.manager, roundId);
    if (!read) throw notFound(RoundErrorCode.NotFound, 'Round not found.');
    const { round, phases, contributions, people } = read;
    const moderating = round.moderatorId === userId || role === 'facilitator';
    const isPresenter = round.presenterId === userId;
    const owed = people
      .filter((p) => owes(round.phase, p.id === round.presenterId))
      .filter((p) => moderating || p.id === userId)
      .map((p) => ({ userId: p.id, displayName: p.displayName, done: contributions.some((c) => c.phase === round.phase && c.authorId === p.id) }));
    const me = people.find((p) => p.id === userId);
    return {
      ...toRoundResponse(round, phases),
      caseText: round.caseText,
      contributions: contributions.map(toContribution),
      owed,
      canContribute: Boolean(me) && round.pausedAt === null && mayContribute(round.phase, isPresenter),
      replyAddress: me?.participantId && round.phase !== 'closed' ? this.replies.address('r', me.participantId) : null,
    };
  }

  /** A contribution from the web: sponsors are told 403 (they never see cases), as when reading the round. */
  async contributeOnWeb(roundId: string, userId: string, input: { body: string; clientId?: string; replyToId?: string }): Promise<ContributeResult> {
    await this.assertParticipant(userId, roundId);
    return this.contribute(roundId, userId, input, 'web');
  }

  /**
   * Adds a contribution to the round's current phase. The same clientId (or e-mail Message-ID)
   * again answers the contribution it created. When everyone who owes one has given it, the phase
   * closes early and the next one opens, in the same transaction. With `manager`, all of it runs in
   * the caller's transaction (inbound e-mail, which writes its confirmation and record beside it),
   * and the caller kicks the outbox after its commit; without, in a transaction of its own.
   */
  async contribute(roundId: string, userId: string, input: { body: string; clientId?: string; messageId?: string; replyToId?: string }, via: 'web' | 'email', manager?: EntityManager): Promise<ContributeResult> {
    if (manager) return this.contributeIn(manager, roundId, userId, input, via);
    const result = await this.db.transaction((own) => this.contributeIn(own, roundId, userId, input, via));
    this.outbox.kick();
    return result;
  }

  private async contributeIn(manager: EntityManager, roundId: string, userId: string, input: { body: string; clientId?: string; messageId?: string; replyToId?: string }, via: 'web' | 'email'): Promise<ContributeResult> {
    const now = this.clock.now();
    const round = await this.store.lock(manager, roundId);
    // Read under the lock: the caller's role in the set, and the contribution the same clientId or Message-ID made already.
    const { role, existingId } = await this.store.callerIn(manager, round, userId, { clientId: input.clientId ?? null, messageId: input.messageId ?? null });
    if (existingId) return { contribution: toContribution(await this.store.contribution(manager, existingId)), created: false, hint: null, round };
    if (!role || role === 'sponsor') throw notFound(RoundErrorCode.NotFound, 'Round not found.');
    this.assertWritable(round, userId);
    if (input.replyToId) await this.assertQuestion(manager, round, input.replyToId);
    const coaching = isQuestionPhase(round.phase) ? classifyQuestion(input.body) : null;
    // The contribution, its author's count in the round, and the row read back, in one statement.
    const [contribution] = await this.store.addContributions(
      manager,
      [{ roundId, phase: round.phase as RoundPhaseName, authorId: userId, body: input.body, via, kind: coaching?.kind ?? null, clientId: input.clientId ?? null, messageId: input.messageId ?? null, replyToId: input.replyToId ?? null }],
      now,
    );
    if (round.phase === 'actions' && userId === round.presenterId) await this.actions.addFromRound(manager, round, input.body, now);
    await this.flow.closeEarlyIfDone(manager, round, now);
    return { contribution: toContribution(contribution), created: true, hint: coaching && coaching.kind !== 'open' ? coaching.reason : null, round };
  }

  /** Rounds locked in the caller's transaction, in id order, for `contributeAll` (RoundStore.lockAll). */
  locks(manager: EntityManager, roundIds: readonly string[]): Promise<Map<string, RoundRow>> {
    return this.store.lockAll(manager, roundIds);
  }

  /**
   * Replies by e-mail to rounds whose locks the caller's transaction holds (`locks`),
   * in two statements however many there are: their authors' roles with the contributions their
   * Message-IDs made already, and who still owes one in each round's phase, read under the locks;
   * then every contribution that cannot end its phase written at once, with its author's count.
   * Each answer, in the order given, is what `contribute` would have answered; the same rules are
   * checked in the same order. Left `alone`, for `contribute` afterwards: a reply whose round may
   * end its phase with this batch (its authors include everyone who still owes one), the
   * presenter's in the actions phase (it makes their actions), and a Message-ID given twice.
   * A statement that fails aborts the caller's transaction (a contribution the database refuses):
   * the caller starts again, one by one.
   */
  async contributeAll(manager: EntityManager, locked: ReadonlyMap<string, RoundRow>, items: readonly MailedContribution[]): Promise<MailedOutcome[]> {
    if (items.length === 0) return [];
    const rounds = [...new Set(items.map((i) => i.roundId).filter((id) => locked.has(id)))];
    const [read] = await prepared<{ callers: { role: SetRole | null; existingId: string | null }[]; owing: { roundId: string; owing: string[] }[] | null }>(
      manager,
      'mailed-callers',
      `SELECT (SELECT json_agg(json_build_object('role', (SELECT ms."role" FROM "set_memberships" ms WHERE ms."setId" = r."setId" AND ms."userId" = i."userId"),
                                                 'existingId', (SELECT c."id" FROM "round_contributions" c WHERE c."roundId" = i."roundId" AND c."messageId" = i."messageId" LIMIT 1)) ORDER BY i."n")
                 FROM unnest($1::uuid[], $2::uuid[], $3::varchar[]) WITH ORDINALITY AS i("roundId", "userId", "messageId", "n") LEFT JOIN "rounds" r ON r."id" = i."roundId") AS "callers",
              (SELECT json_agg(json_build_object('roundId', r."id", 'owing', ARRAY(
                        SELECT ms."userId" FROM "set_memberships" ms
                         WHERE ms."setId" = r."setId" AND ms."role" IN ('facilitator', 'member') AND (ms."userId" = r."presenterId") = o."presenterOwes"
                           AND NOT EXISTS (SELECT 1 FROM "round_contributions" c WHERE c."roundId" = r."id" AND c."phase" = r."phase" AND c."authorId" = ms."userId"))))
                 FROM unnest($4::uuid[], $5::boolean[]) AS o("roundId", "presenterOwes") JOIN "rounds" r ON r."id" = o."roundId") AS "owing"`,
      [items.map((i) => i.roundId), items.map((i) => i.userId), items.map((i) => i.messageId), rounds, rounds.map((id) => owes(locked.get(id)!.phase, true))],
    );
    const owing = new Map((read.owing ?? []).map((o) => [o.roundId, o.owing]));
    // A round may end its phase with this batch when everyone who still owes is among its authors here (or no one owes): `contribute` sees to it, one by one.
    const authors = new Map<string, Set<string>>();
    for (const item of items) authors.set(item.roundId, (authors.get(item.roundId) ?? new Set()).add(item.userId));
    const mayEnd = (round: RoundRow): boolean => {
      if (round.phase === 'closed' || round.phase === 'case' || round.phase === 'actions') return false;
      const still = owing.get(round.id) ?? [];
      return round.phase === 'answers' || still.every((userId) => authors.get(round.id)!.has(userId));
    };
    const outcomes: MailedOutcome[] = [];
    const writes: { index: number; item: MailedContribution; round: RoundRow; kind: QuestionKind | null; hint: string | null }[] = [];
    const messageIds = new Set<string>();
    for (const [index, item] of items.entries()) {
      const round = locked.get(item.roundId);
      const caller = read.callers[index];
      if (messageIds.has(item.messageId)) {
        outcomes.push({ alone: true });
        continue;
      }
      messageIds.add(item.messageId);
      if (!round) {
        outcomes.push({ error: notFound(RoundErrorCode.NotFound, 'Round not found.') });
        continue;
      }
      if (caller.existingId) {
        outcomes.push({ result: { contribution: toContribution(await this.store.contribution(manager, caller.existingId)), created: false, hint: null, round } });
        continue;
      }
      if (!caller.role || caller.role === 'sponsor') {
        outcomes.push({ error: notFound(RoundErrorCode.NotFound, 'Round not found.') });
        continue;
      }
      try {
        this.assertWritable(round, item.userId);
      } catch (error) {
        outcomes.push({ error });
        continue;
      }
      if (mayEnd(round) || (round.phase === 'actions' && item.userId === round.presenterId)) {
        outcomes.push({ alone: true });
        continue;
      }
      const coaching = isQuestionPhase(round.phase) ? classifyQuestion(item.body) : null;
      writes.push({ index, item, round, kind: coaching?.kind ?? null, hint: coaching && coaching.kind !== 'open' ? coaching.reason : null });
      outcomes.push({ alone: true }); // replaced below, once written
    }
    if (writes.length === 0) return outcomes;
    const rows = await this.store.addContributions(
      manager,
      writes.map((w) => ({ roundId: w.item.roundId, phase: w.round.phase as RoundPhaseName, authorId: w.item.userId, body: w.item.body, via: 'email', kind: w.kind, clientId: null, messageId: w.item.messageId, replyToId: null })),
      this.clock.now(),
    );
    for (const [k, w] of writes.entries()) outcomes[w.index] = { result: { contribution: toContribution(rows[k]), created: true, hint: w.hint, round: w.round } };
    return outcomes;
  }

  /** An answer names a clarifying question of the same round, and only in the answers phase. */
  private async assertQuestion(manager: EntityManager, round: Pick<RoundRow, 'id' | 'phase'>, replyToId: string): Promise<void> {
    if (round.phase !== 'answers') throw badRequest(RoundErrorCode.NotAQuestion, 'replyToId is for answers to clarifying questions, in the answers phase', 'replyToId');
    const [question] = (await manager.query(`SELECT 1 FROM "round_contributions" WHERE "id" = $1 AND "roundId" = $2 AND "phase" = 'clarifying'`, [replyToId, round.id])) as unknown[];
    if (!question) throw badRequest(RoundErrorCode.NotAQuestion, 'replyToId must be the id of a clarifying question of this round', 'replyToId');
  }

  /** Why this person cannot write in the round now, as a conflict; nothing when they can. */
  assertWritable(round: Pick<RoundRow, 'phase' | 'pausedAt' | 'presenterId' | 'presenterName'>, userId: string): void {
    if (round.phase === 'closed') throw conflict(RoundErrorCode.Closed, 'The round is closed.');
    if (round.pausedAt) throw conflict(RoundErrorCode.Paused, 'The round is paused by its moderator: try again when it resumes.');
    if (!mayContribute(round.phase, round.presenterId === userId)) {
      throw conflict(RoundErrorCode.NotYourPhase, round.presenterId === userId ? `In this phase the members write: ${ROUND_PHASE_ASK[round.phase as TimedPhase].presenter}` : `In this phase ${round.presenterName} writes: ${ROUND_PHASE_ASK[round.phase as TimedPhase].members}`);
    }
  }

  /**
   * Each phase's deadline: as given, or its length in calendar days after the one before, in the
   * set's zone (`now` is in it), so a round opened at 10:00 has its deadlines at 10:00 across a
   * clock change. In a practice set the deadlines given may be in the past (the round then moves
   * on at once, phase by phase), still each after the one before.
   */
  private deadlines(now: DateTime, rhythm: Record<TimedPhase, number>, given: Partial<Record<TimedPhase, string>> = {}, practice = false): Record<TimedPhase, Date> {
    const result = {} as Record<TimedPhase, Date>;
    let previous: DateTime | null = practice ? null : now;
    for (const phase of TIMED_PHASES) {
      const value = given[phase];
      const at = value ? DateTime.fromISO(value, { zone: now.zone }) : (previous ?? now).plus({ days: rhythm[phase] });
      if (!at.isValid) throw badRequest(RoundErrorCode.InvalidDeadline, `phaseDeadlines.${phase} must be an ISO 8601 date-time`, `phaseDeadlines.${phase}`);
      if (previous && at <= previous) throw badRequest(RoundErrorCode.InvalidDeadline, `phaseDeadlines.${phase} must be after ${phase === 'clarifying' && !practice ? 'now' : 'the deadline before it'}`, `phaseDeadlines.${phase}`);
      result[phase] = at.toJSDate();
      previous = at;
    }
    return result;
  }

  private async firstFacilitator(manager: EntityManager, setId: string): Promise<string> {
    const [row] = (await manager.query(`SELECT "userId" FROM "set_memberships" WHERE "setId" = $1 AND "role" = 'facilitator' ORDER BY "createdAt" LIMIT 1`, [setId])) as { userId: string }[];
    return row.userId;
  }
}
