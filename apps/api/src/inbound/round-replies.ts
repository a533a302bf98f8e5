import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AppConfig } from '@api/config/app-config';
import type { OutgoingMail } from '@api/mail/mail.service';
import { OutboxService } from '@api/mail/outbox.service';
import { receivedMail } from '@api/rounds/round.mail';
import { RoundsService } from '@api/rounds/rounds.service';
import { Bounce } from './delivery-errors';

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
 * together in the next transaction (at most `maxBatch`). In it, each reply is stored as it would be
 * alone — its contribution (RoundsService.contribute, under the round's lock), its confirmation
 * e-mail in the outbox and its `inbound_messages` record — inside a SAVEPOINT of its own, so that
 * one that fails (a closed round, a member who left) is rolled back alone and gets its own answer.
 *
 * Guarantees: a reply's outcome is given only after the shared COMMIT, so a reply answered
 * `stored` is durable; if the transaction fails as a whole (COMMIT refused, connection lost),
 * nothing of any of its replies is kept and every one gets that error (a temporary SMTP 451).
 * Replies take their rounds' locks in round id order, so two processes storing replies to the same
 * rounds wait for each other and do not deadlock; two replies to one round in one batch simply go
 * one after the other (the transaction holds the round's lock already).
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
    const settled: (() => void)[] = [];
    const runner = this.db.createQueryRunner();
    try {
      await runner.connect();
      await runner.startTransaction();
      const manager = runner.manager;
      const looked = (await manager.query(ADDRESSEES, [batch.map((p) => p.reply.participantId), batch.map((p) => p.reply.messageId)])) as Looked[];
      // In round id order (an address that names no round first): every process locks rounds in the same order.
      const key = (l: Looked) => l.addressee?.roundId ?? '';
      const order = batch.map((entry, i) => ({ entry, looked: looked[i] })).sort((x, y) => (key(x.looked) < key(y.looked) ? -1 : key(x.looked) > key(y.looked) ? 1 : 0));
      const taken = new Set<string>();
      const confirmations: OutgoingMail[] = [];
      // One round trip between two replies: the last one's savepoint released, the next one's set (COMMIT releases the last).
      await manager.query('SAVEPOINT "reply"');
      for (const [i, { entry, looked }] of order.entries()) {
        const next = i < order.length - 1 ? ' SAVEPOINT "reply";' : '';
        try {
          const { outcome, confirmation } = await this.storeOne(manager, entry.reply, looked, taken);
          if (i < order.length - 1) await manager.query(`RELEASE SAVEPOINT "reply";${next}`);
          if (confirmation) confirmations.push(confirmation);
          settled.push(() => entry.resolve(outcome));
        } catch (error) {
          await manager.query(`ROLLBACK TO SAVEPOINT "reply"; RELEASE SAVEPOINT "reply";${next}`);
          settled.push(() => entry.reject(error));
        }
      }
      // The batch's confirmations and records, one statement each, in the same transaction.
      await this.outbox.enqueue(confirmations, manager);
      if (taken.size) await manager.query(`INSERT INTO "inbound_messages" ("messageId", "outcome", "reason") SELECT unnest($1::varchar[]), 'stored', '' ON CONFLICT DO NOTHING`, [[...taken]]);
      await runner.commitTransaction();
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction().catch(() => undefined);
      for (const entry of batch) entry.reject(error);
      return;
    } finally {
      await runner.release();
    }
    if (settled.length) this.outbox.kick();
    for (const settle of settled) settle();
  }

  /**
   * One reply, inside the batch's transaction: the checks that need the database, then the
   * contribution. Answers its outcome and the confirmation to send; its Message-ID goes into
   * `taken` (the batch records them all as stored), so the same one again in the batch is a duplicate.
   */
  private async storeOne(manager: EntityManager, reply: RoundReply, { addressee: row, seen }: Looked, taken: Set<string>): Promise<{ outcome: RoundReplyOutcome; confirmation?: OutgoingMail }> {
    if (seen) return { outcome: { outcome: 'duplicate', reason: `already ${seen}` } };
    if (taken.has(reply.messageId)) return { outcome: { outcome: 'duplicate', reason: 'already stored' } };
    if (!row) throw new Bounce('this reply address is no longer in use.');
    if (row.email.toLowerCase() !== reply.from.toLowerCase()) throw new Bounce('it was sent from an address other than the one this reply address belongs to. Reply from the address the round e-mail was sent to.');
    if (!row.role || row.role === 'sponsor') throw new Bounce('you are no longer a member of this set.');
    if (row.phase === 'closed') throw new Bounce(`the round "${row.title}" is closed.`);
    const result = await this.rounds.contribute(row.roundId, row.userId, { body: reply.text, messageId: reply.messageId }, 'email', manager);
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
