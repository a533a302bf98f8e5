import { BeforeApplicationShutdown, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '@api/common/clock';
import { JobsService } from '@api/jobs/jobs.service';
import { MailService, OutgoingMail } from './mail.service';
import { OutboxMailEntity } from './outbox-mail.entity';

/** After this many failed attempts a message is marked `failed` and left for an operator. */
export const OUTBOX_MAX_ATTEMPTS = 8;
/** How long a sender's claim on a message lasts before another process may take it over. */
const CLAIM_SECONDS = 300;
const BATCH = 20;

/** Minutes to wait before attempt `attempts + 1`: 1, 2, 4, … capped at an hour. */
export function retryDelayMinutes(attempts: number): number {
  return Math.min(60, 2 ** Math.max(0, attempts - 1));
}

/**
 * The e-mail outbox. Callers enqueue messages in the same transaction as the change that causes
 * them, so a message exists exactly when its cause was committed. Senders claim messages with
 * `FOR UPDATE SKIP LOCKED`, so any number of processes drain the outbox without sending a message
 * twice; a failure is retried with back-off; a sender that dies mid-claim has its claim lapse.
 */
@Injectable()
export class OutboxService implements OnModuleInit, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxService.name);
  private chain: Promise<number> = Promise.resolve(0);
  /** A drain is queued on the chain and has not started yet. */
  private waiting = false;

  constructor(
    private readonly db: DataSource,
    private readonly mail: MailService,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  /** Every minute some process retries what is due (failed attempts, claims of a process that died). */
  onModuleInit(): void {
    this.jobs.register('mail-outbox', '* * * * *', () => this.drain());
  }

  /** On shutdown the drain under way finishes (while the database is still open), so no message is left claimed by a process that is gone. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.chain.catch(() => 0);
  }

  /** Adds messages to the outbox in one plain INSERT, inside `manager`'s transaction when given. Call `kick()` after commit. */
  async enqueue(mails: OutgoingMail[], manager: EntityManager = this.db.manager): Promise<void> {
    if (mails.length === 0) return;
    const attachments = mails.map((m) => JSON.stringify(m.calendar ? [{ filename: m.calendar.filename, content: m.calendar.content, contentType: `text/calendar; method=${m.calendar.method}` }] : []));
    await manager.query(
      `INSERT INTO "mail_outbox" ("to", "subject", "text", "html", "attachments", "headers", "nextAttemptAt")
       SELECT "to", "subject", "text", "html", "attachments", "headers", $7::timestamptz FROM unnest($1::varchar[], $2::text[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[]) AS m("to", "subject", "text", "html", "attachments", "headers")`,
      [mails.map((m) => m.to), mails.map((m) => m.subject), mails.map((m) => m.text), mails.map((m) => m.html), attachments, mails.map((m) => JSON.stringify(m.headers ?? {})), this.clock.now()],
    );
  }

  /**
   * Starts a drain in the background (after a commit that enqueued messages). A drain already
   * waiting to start will see what was committed before it starts, so kicks while one waits add
   * nothing (a burst of replies starts one drain, not one each).
   */
  kick(): void {
    if (this.waiting) return;
    this.waiting = true;
    this.chain = this.chain
      .catch(() => 0)
      .then(() => {
        this.waiting = false;
        return this.drainAll();
      });
    void this.chain.catch((error: unknown) => this.logger.error({ msg: 'outbox drain failed', error: String(error) }));
  }

  /** Sends every message due now; in-process drains run one after another. Answers how many were sent. */
  drain(): Promise<number> {
    this.chain = this.chain.catch(() => 0).then(() => this.drainAll());
    return this.chain;
  }

  private async drainAll(): Promise<number> {
    let sent = 0;
    for (;;) {
      const batch = await this.claim();
      if (batch.length === 0) return sent;
      // A few at a time, over the transport's pooled connections; those sent are marked so together (one statement), a failure on its own.
      for (let i = 0; i < batch.length; i += this.mail.parallel) {
        const group = batch.slice(i, i + this.mail.parallel);
        const messageIds = await Promise.all(group.map((row) => this.sendOne(row)));
        const done = group.flatMap((row, k) => (messageIds[k] === null ? [] : [{ id: row.id, messageId: messageIds[k] }]));
        if (done.length) {
          await this.db.query(
            `UPDATE "mail_outbox" o SET "status" = 'sent', "sentAt" = $3, "lockedUntil" = NULL, "messageId" = d."messageId", "lastError" = '' FROM unnest($1::uuid[], $2::text[]) AS d("id", "messageId") WHERE o."id" = d."id"`,
            [done.map((d) => d.id), done.map((d) => d.messageId), this.clock.now()],
          );
        }
        sent += done.length;
      }
    }
  }

  private async claim(): Promise<OutboxMailEntity[]> {
    const [rows] = (await this.db.query(
      `UPDATE "mail_outbox" SET "status" = 'sending', "attempts" = "attempts" + 1, "lockedUntil" = $3::timestamptz + make_interval(secs => $1)
        WHERE "id" IN (
          SELECT "id" FROM "mail_outbox"
           WHERE ("status" = 'pending' AND "nextAttemptAt" <= $3) OR ("status" = 'sending' AND "lockedUntil" < $3)
           ORDER BY "createdAt" LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING *`,
      [CLAIM_SECONDS, BATCH, this.clock.now()],
    )) as [OutboxMailEntity[], number];
    return rows.sort((a, b) => new Date(a.createdAt).getTime() - new Date(b.createdAt).getTime());
  }

  /** Sends one claimed message: answers its Message-ID, or null when sending failed (then recorded, for a retry with back-off or given up). */
  private async sendOne(row: OutboxMailEntity): Promise<string | null> {
    const calendar = row.attachments.find((a) => a.contentType.startsWith('text/calendar'));
    const method = calendar ? /method=(\w+)/.exec(calendar.contentType)?.[1] : undefined;
    try {
      const messageId = await this.mail.send({
        to: row.to,
        subject: row.subject,
        text: row.text,
        html: row.html,
        headers: row.headers,
        ...(calendar && (method === 'REQUEST' || method === 'CANCEL' || method === 'PUBLISH') ? { calendar: { method, content: calendar.content, filename: calendar.filename } } : {}),
      });
      return messageId;
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const failed = row.attempts >= OUTBOX_MAX_ATTEMPTS;
      await this.db.query(
        `UPDATE "mail_outbox" SET "status" = $2, "lockedUntil" = NULL, "lastError" = $3, "nextAttemptAt" = $5::timestamptz + make_interval(mins => $4) WHERE "id" = $1`,
        [row.id, failed ? 'failed' : 'pending', reason.slice(0, 2000), retryDelayMinutes(row.attempts), this.clock.now()],
      );
      this.logger.warn({ msg: failed ? 'e-mail given up' : 'e-mail will be retried', outboxId: row.id, attempts: row.attempts, error: reason });
      return null;
    }
  }
}
