import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { AppConfig } from '@api/config/app-config';
import { prepared } from '@api/database/prepared';
import type { OutgoingMail } from '@api/mail/mail.service';
import { OutboxService } from '@api/mail/outbox.service';
import { receivedMail } from '@api/rounds/round.mail';
import { RoundsService, type ContributeResult, type MailedOutcome } from '@api/rounds/rounds.service';
import { Bounce, isTransientFailure } from './delivery-errors';

/** A reply to a round's reply address that passed every check the message itself allows (sender, address, text). */
export interface RoundReply {
  /** The `round_participants` row the reply address names. */
  participantId: string;
  from: string;
  text: string;
  messageId: string;
}

/** What became of a reply: stored (with its confirmation and record), or a duplicate of one already taken. */
export interface RoundReplyOutcome {
  outcome: 'stored' | 'duplicate';
  reason?: string;
  stored?: { roundId: string; contributionId: string };
}

/** The person and round a reply address stands for, as the checks need them. */
interface Addressee {
  roundId: string;
  userId: string;
  email: string;
  displayName: string;
  timeZone: string;
  phase: string;
  title: string;
  role: string | null;
}

/** For each reply of a batch, in order: its addressee (null when the address names no participant) and whether its Message-ID was taken before. One statement. */
const ADDRESSEES = `
  SELECT CASE WHEN rp."id" IS NULL THEN NULL ELSE json_build_object('roundId', rp."roundId", 'userId', rp."userId", 'email', u."email", 'displayName', u."displayName",
                'timeZone', u."timeZone", 'phase', r."phase", 'title', r."title", 'role', ms."role") END AS "addressee",
         (SELECT im."outcome" FROM "inbound_messages" im WHERE im."messageId" = i."messageId") AS "seen"
    FROM unnest($1::uuid[], $2::varchar[]) WITH ORDINALITY AS i("participantId", "messageId", "n")
    LEFT JOIN "round_participants" rp ON rp."id" = i."participantId"
    LEFT JOIN "users" u ON u."id" = rp."userId"
    LEFT JOIN "rounds" r ON r."id" = rp."roundId"
    LEFT JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = rp."userId"
   ORDER BY i."n"`;

interface Looked {
  addressee: Addressee | null;
  seen: string | null;
}

interface Pending {
  reply: RoundReply;
  resolve(outcome: RoundReplyOutcome): void;
  reject(error: unknown): void;
}

/**
 * Replies to rounds by e-mail, stored with group commit. A reply is written at once when fewer than
 * `maxInFlight` transactions are under way; otherwise it waits, and every reply that waited goes
 * together in the next transaction (at most `maxBatch`). In it, the batch's rounds are locked at
 * once, and its replies stored set-wise, in a fixed number of statements however many there are
 * (RoundsService.contributeAll), each checked and stored as it would be alone; a reply that may end
 * its round's phase, or makes the presenter's actions, goes one by one through
 * RoundsService.contribute, in a SAVEPOINT of its own, so that one that fails is rolled back alone.
 * If a set-wise statement fails (the database refuses one contribution), the transaction is rolled
 * back and the batch goes again one by one, so that only that reply is refused. The batch's
 * confirmation e-mails and `inbound_messages` records go in the same transaction.
 *
 * Guarantees: a reply's outcome is given only after the shared COMMIT, so a reply answered
 * `stored` is durable; if the transaction fails as a whole (COMMIT refused, connection lost),
 * nothing of any of its replies is kept and every one gets that error (a temporary SMTP 451).
 * A transaction locks its rounds together in round id order, so two processes (or two
 * transactions of one) storing replies to the same rounds wait for each other and do not deadlock.
 */
@Injectable()
export class RoundReplies {
  private pending: Pending[] = [];
  private inFlight = 0;
  /** Transactions under way at once, and replies in one at most (savepoints past 64 cost every backend's snapshots). */
  readonly maxInFlight = 1;
  readonly maxBatch = 32;

  constructor(
    private readonly db: DataSource,
    private readonly rounds: RoundsService,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  /** Replies waiting for a transaction to start (for tests that line a batch up). */
  get waiting(): number {
    return this.pending.length;
  }

  /**
   * Stores one reply; resolves once it is committed (or known to be a duplicate). Rejects with a
   * `Bounce` or a round's 4xx refusal when the reply cannot be used, with nothing of it kept.
   */
  store(reply: RoundReply): Promise<RoundReplyOutcome> {
    return new Promise<RoundReplyOutcome>((resolve, reject) => {
      this.pending.push({ reply, resolve, reject });
      this.drain();
    });
  }

  private drain(): void {
    while (this.inFlight < this.maxInFlight && this.pending.length > 0) {
      const batch = this.pending.splice(0, this.maxBatch);
      this.inFlight++;
      void this.run(batch).finally(() => {
        this.inFlight--;
        this.drain();
      });
    }
  }

  private async run(batch: Pending[]): Promise<void> {
    try {
      await this.attempt(batch, true);
    } catch (error) {
      // A statement of the set-wise path failed (a contribution the database refused): the batch again, one reply at a time, each in its savepoint.
      if (!(error instanceof SetWiseFailed)) throw error;
      await this.attempt(batch, false);
    }
  }

  /**
   * The batch in one transaction: the replies' addressees and Message-IDs read; the checks that need
   * nothing more; their rounds locked in id order; then (`setWise`) every reply that can be stored
   * set-wise in two statements (RoundsService.contributeAll), and the others one by one, each in a
   * savepoint of its own; then the confirmations and records, and COMMIT. Settles every reply, except
   * when the set-wise statements fail: then it throws SetWiseFailed, with nothing settled or kept.
   */
  private async attempt(batch: Pending[], setWise: boolean): Promise<void> {
    const settled: (() => void)[] = [];
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const manager = runner.manager;
      const looked = await prepared<Looked>(manager, 'reply-addressees', ADDRESSEES, [batch.map((p) => p.reply.participantId), batch.map((p) => p.reply.messageId)]);
      const confirmations: OutgoingMail[] = [];
      /** Message-IDs stored by this batch (it records them all as stored at the end). */
      const taken = new Set<string>();
      const store = (entry: Pending, result: ContributeResult, row: Addressee) => {
        const { outcome, confirmation } = this.stored(entry.reply, row, result, taken);
        if (confirmation) confirmations.push(confirmation);
        settled.push(() => entry.resolve(outcome));
      };
      // The checks that need nothing more than the addressee: what passes goes on, with its round.
      const ready: { entry: Pending; row: Addressee }[] = [];
      const claimed = new Set<string>();
      const later: { entry: Pending; looked: Looked }[] = [];
      for (const [i, entry] of batch.entries()) {
        try {
          const outcome = this.precheck(entry.reply, looked[i]);
          if (outcome) settled.push(() => entry.resolve(outcome));
          // The same Message-ID again in the batch: after the first, one by one (a duplicate of it once it is stored).
          else if (claimed.has(entry.reply.messageId)) later.push({ entry, looked: looked[i] });
          else {
            claimed.add(entry.reply.messageId);
            ready.push({ entry, row: looked[i].addressee! });
          }
        } catch (error) {
          settled.push(() => entry.reject(error));
        }
      }
      // Every round the batch writes to, locked in id order: whatever follows writes under locks the transaction holds already.
      const locked = await this.rounds.locks(manager, [...ready, ...later].flatMap((r) => ('row' in r ? [r.row.roundId] : r.looked.addressee ? [r.looked.addressee.roundId] : [])));
      if (setWise) {
        let outcomes: MailedOutcome[];
        try {
          outcomes = await this.rounds.contributeAll(
            manager,
            locked,
            ready.map(({ entry, row }) => ({ roundId: row.roundId, userId: row.userId, body: entry.reply.text, messageId: entry.reply.messageId })),
          );
        } catch (error) {
          // A failure that may pass (the database unreachable) fails the batch as a whole, for a temporary refusal; any other, one by one.
          throw isTransientFailure(error) ? error : new SetWiseFailed(error);
        }
        for (const [i, outcome] of outcomes.entries()) {
          const { entry, row } = ready[i];
          if ('result' in outcome) store(entry, outcome.result, row);
          else if ('error' in outcome) settled.push(() => entry.reject(outcome.error));
          else later.unshift({ entry, looked: { addressee: row, seen: null } });
        }
      } else {
        later.unshift(...ready.map(({ entry, row }) => ({ entry, looked: { addressee: row, seen: null } })));
      }
      // The rest one by one, in round id order, each in a savepoint: one that fails is rolled back alone. One round trip between two.
      later.sort((x, y) => byRound(x.looked, y.looked));
      for (const [i, { entry, looked: one }] of later.entries()) {
        const next = i < later.length - 1 ? ' SAVEPOINT "reply";' : '';
        if (i === 0) await manager.query('SAVEPOINT "reply"');
        try {
          if (taken.has(entry.reply.messageId)) {
            settled.push(() => entry.resolve({ outcome: 'duplicate', reason: 'already stored' }));
          } else {
            const outcome = this.precheck(entry.reply, one);
            if (outcome) settled.push(() => entry.resolve(outcome));
            else store(entry, await this.rounds.contribute(one.addressee!.roundId, one.addressee!.userId, { body: entry.reply.text, messageId: entry.reply.messageId }, 'email', manager), one.addressee!);
          }
          if (next) await manager.query(`RELEASE SAVEPOINT "reply";${next}`);
        } catch (error) {
          await manager.query(`ROLLBACK TO SAVEPOINT "reply"; RELEASE SAVEPOINT "reply";${next}`);
          settled.push(() => entry.reject(error));
        }
      }
      // The batch's confirmations and records, one statement each, in the same transaction.
      await this.outbox.enqueue(confirmations, manager);
      if (taken.size) await prepared(manager, 'replies-recorded', `INSERT INTO "inbound_messages" ("messageId", "outcome", "reason") SELECT unnest($1::varchar[]), 'stored', '' ON CONFLICT DO NOTHING`, [[...taken]]);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      if (error instanceof SetWiseFailed) throw error;
      for (const entry of batch) entry.reject(error);
      return;
    } finally {
      await runner.release();
    }
    if (settled.length) this.outbox.kick();
    for (const settle of settled) settle();
  }

  /**
   * The checks a reply's addressee allows without the round: an outcome when it is a duplicate of a
   * message taken before, a Bounce thrown when it cannot be used; nothing when it goes on.
   */
  private precheck(reply: RoundReply, { addressee: row, seen }: Looked): RoundReplyOutcome | undefined {
    if (seen) return { outcome: 'duplicate', reason: `already ${seen}` };
    if (!row) throw new Bounce('this reply address is no longer in use.');
    if (row.email.toLowerCase() !== reply.from.toLowerCase()) throw new Bounce('it was sent from an address other than the one this reply address belongs to. Reply from the address the round e-mail was sent to.');
    if (!row.role || row.role === 'sponsor') throw new Bounce('you are no longer a member of this set.');
    if (row.phase === 'closed') throw new Bounce(`the round "${row.title}" is closed.`);
    return undefined;
  }

  /** A reply's contribution, as stored: its outcome and the confirmation to send (none for a duplicate); its Message-ID goes into `taken`. */
  private stored(reply: RoundReply, row: Addressee, result: ContributeResult, taken: Set<string>): { outcome: RoundReplyOutcome; confirmation?: OutgoingMail } {
    const stored = { roundId: row.roundId, contributionId: result.contribution.id };
    if (!result.created) return { outcome: { outcome: 'duplicate', stored } };
    taken.add(reply.messageId);
    const { round } = result;
    const confirmation = receivedMail({
      to: { id: row.userId, email: row.email, displayName: row.displayName, timeZone: row.timeZone },
      ctx: { roundId: round.id, title: round.title, setName: round.setName, presenterName: round.presenterName, roundUrl: this.rounds.roundUrl(round.id), mailDomain: this.config.MAIL_DOMAIN },
      phase: result.contribution.phase,
      contributionId: result.contribution.id,
      inReplyTo: reply.messageId,
      hint: result.hint,
      byPresenter: round.presenterId === row.userId,
    });
    return { outcome: { outcome: 'stored', stored }, confirmation };
  }
}

/** In round id order (an address that names no round first). */
function byRound(x: Looked, y: Looked): number {
  const a = x.addressee?.roundId ?? '';
  const b = y.addressee?.roundId ?? '';
  return a < b ? -1 : a > b ? 1 : 0;
}

/** The set-wise statements failed: the transaction is rolled back, and the batch is to go again one by one. */
class SetWiseFailed extends Error {
  constructor(readonly error: unknown) {
    super('the set-wise statements failed');
  }
}
