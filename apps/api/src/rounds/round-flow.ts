import { Injectable } from '@nestjs/common';
import { DateTime } from 'luxon';
import { EntityManager, IsNull } from 'typeorm';
import { mayContribute, nextRoundPhase, owes, ROUND_PHASES, type RoundPhaseName, type TimedPhase } from '@als/shared';
import { ActionsService } from '@api/actions/actions.service';
import { ReplyAddresses } from '@api/common/reply-addresses';
import type { OutgoingMail } from '@api/mail/mail.service';
import { OutboxService } from '@api/mail/outbox.service';
import { closedMail, nudgeMail, phaseMail, type Quoted } from './round.mail';
import { RoundEntity, RoundPhaseEntity } from './round.entities';
import { RoundStore, type RoundRow } from './round-store';

/** Those who still owe a contribution hear about it from the same wall time this many days before the deadline (in the set's zone). */
export const NUDGE_BEFORE_DAYS = 1;

/**
 * How a round moves through its phases, and the e-mails each step causes, always inside the
 * caller's transaction holding the round's row: a phase opening (its e-mails to who may write in
 * it), closing early when everyone due has written, the round closing, deadlines shifting, the
 * nudge the day before a deadline. Every e-mail is noted in `round_notifications`, so each goes once.
 */
@Injectable()
export class RoundFlow {
  constructor(
    private readonly store: RoundStore,
    private readonly outbox: OutboxService,
    private readonly replies: ReplyAddresses,
    private readonly actions: ActionsService,
  ) {}

  /** Closes the current phase and opens the next (or closes the round), with its e-mails. */
  async advance(manager: EntityManager, round: RoundRow, now: Date): Promise<void> {
    await manager.update(RoundPhaseEntity, { roundId: round.id, name: round.phase as RoundPhaseName, closedAt: IsNull() }, { closedAt: now });
    const next = nextRoundPhase(round.phase);
    if (next === 'closed') return this.finish(manager, round, now);
    await manager.update(RoundPhaseEntity, { roundId: round.id, name: next }, { openedAt: now });
    await manager.update(RoundEntity, { id: round.id }, { phase: next, updatedAt: now });
    await this.openPhase(manager, round.id, next as TimedPhase, null);
  }

  /** Closes the round: every phase still open closes, and those who take part hear how it ended. */
  async finish(manager: EntityManager, round: RoundRow, now: Date): Promise<void> {
    await manager.query(`UPDATE "round_phases" SET "closedAt" = $2 WHERE "roundId" = $1 AND "closedAt" IS NULL AND "openedAt" IS NOT NULL`, [round.id, now]);
    await manager.update(RoundEntity, { id: round.id }, { phase: 'closed', closedAt: now, pausedAt: null, updatedAt: now });
    const people = await this.store.enrolled(manager, round);
    const actions = await this.actions.textsOfRound(manager, round.id);
    const mails: OutgoingMail[] = [];
    for (const person of people.filter((p) => p.roundEmails === 'immediate')) {
      if (await this.store.noteSent(manager, round.id, person.id, 'closed')) mails.push(closedMail({ to: person, ctx: this.store.context(round), actions }));
    }
    await this.outbox.enqueue(mails, manager);
  }

  /** When everyone due (the presenter, or every other participant) has written in this phase, it closes now. */
  async closeEarlyIfDone(manager: EntityManager, round: RoundRow, now: Date): Promise<void> {
    // The last phase runs to its deadline: after the presenter's actions, members may still add a closing word.
    if (round.phase === 'closed' || round.phase === 'case' || round.phase === 'actions') return;
    // Answers given one by one: the phase is done when each clarifying question has its answer (or a general answer was given).
    if (round.phase === 'answers') {
      const [{ unanswered }] = (await manager.query(
        `SELECT count(*)::int AS "unanswered" FROM "round_contributions" q
          WHERE q."roundId" = $1 AND q."phase" = 'clarifying'
            AND NOT EXISTS (SELECT 1 FROM "round_contributions" a WHERE a."roundId" = $1 AND a."phase" = 'answers' AND (a."replyToId" = q."id" OR a."replyToId" IS NULL))`,
        [round.id],
      )) as { unanswered: number }[];
      if (unanswered > 0) return;
    }
    const [{ missing }] = (await manager.query(
      `SELECT count(*)::int AS "missing" FROM "set_memberships" ms
        WHERE ms."setId" = $1 AND ms."role" IN ('facilitator', 'member') AND (ms."userId" = $3) = $4
          AND NOT EXISTS (SELECT 1 FROM "round_contributions" c WHERE c."roundId" = $2 AND c."phase" = $5 AND c."authorId" = ms."userId")`,
      [round.setId, round.id, round.presenterId, owes(round.phase, true), round.phase],
    )) as { missing: number }[];
    if (missing === 0) await this.advance(manager, round, now);
  }

  /** Moves the deadlines of the current phase and those after it by `ms`. */
  async shiftDeadlines(manager: EntityManager, round: RoundRow, ms: number): Promise<void> {
    const position = ROUND_PHASES.indexOf(round.phase as RoundPhaseName);
    await manager.query(`UPDATE "round_phases" SET "endsAt" = "endsAt" + make_interval(secs => $3::float / 1000) WHERE "roundId" = $1 AND "position" >= $2`, [round.id, position, ms]);
  }

  /** The e-mails of a phase that opened: to each person who may write in it, with what they need to read. */
  async openPhase(manager: EntityManager, roundId: string, phase: TimedPhase, skipUserId: string | null): Promise<void> {
    const round = await this.store.round(manager, roundId);
    const people = await this.store.enrolled(manager, round);
    const endsAt = (await this.store.phases(manager, roundId)).find((p) => p.name === phase)!.endsAt;
    const said = await this.store.contributions(manager, roundId);
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
      if (!(await this.store.noteSent(manager, roundId, person.id, `open:${phase}`))) continue;
      mails.push(phaseMail({ to: person, ctx: this.store.context(round), phase, isPresenter, endsAt, replyAddress: this.replies.address('r', person.participantId), sections }));
    }
    await this.outbox.enqueue(mails, manager);
  }

  /**
   * From the same wall time the day before the deadline (in the set's zone), those who owe a
   * contribution to the round's phase and have not given it hear about it: once per deadline.
   * Runs under the round's lock, so a contribution being written is seen before anyone is nudged.
   */
  async nudge(manager: EntityManager, round: RoundRow, endsAt: Date, now: Date): Promise<number> {
    if (round.phase === 'closed' || round.phase === 'case') return 0;
    if (DateTime.fromJSDate(endsAt, { zone: round.setTimeZone }).minus({ days: NUDGE_BEFORE_DAYS }).toJSDate() > now) return 0;
    const phase = round.phase as TimedPhase;
    const people = await this.store.enrolled(manager, round);
    const given = new Set(((await manager.query(`SELECT DISTINCT "authorId" FROM "round_contributions" WHERE "roundId" = $1 AND "phase" = $2`, [round.id, phase])) as { authorId: string }[]).map((r) => r.authorId));
    const epoch = Math.floor(endsAt.getTime() / 1000);
    const mails: OutgoingMail[] = [];
    for (const person of people) {
      const isPresenter = person.id === round.presenterId;
      if (!owes(phase, isPresenter) || given.has(person.id)) continue;
      if (!(await this.store.noteSent(manager, round.id, person.id, `nudge:${phase}@${epoch}`))) continue;
      mails.push(nudgeMail({ to: person, ctx: this.store.context(round), phase, isPresenter, endsAt, replyAddress: this.replies.address('r', person.participantId), epoch }));
    }
    await this.outbox.enqueue(mails, manager);
    return mails.length;
  }
}
