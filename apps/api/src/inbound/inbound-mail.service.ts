import { createHash, randomUUID } from 'node:crypto';
import { ConflictException, HttpException, Injectable, Logger } from '@nestjs/common';
import EmailReplyParser from 'email-reply-parser';
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { DataSource } from 'typeorm';
import { REPORT_BACK_STATUSES, ROUND_LIMITS, type ReportBackStatus } from '@als/shared';
import { ReportBackService } from '@api/actions/report-back.service';
import { Clock } from '@api/common/clock';
import { ReplyAddresses } from '@api/common/reply-addresses';
import { textProblem } from '@api/common/validators';
import { AppConfig } from '@api/config/app-config';
import { OutboxService } from '@api/mail/outbox.service';
import { bounceMail } from '@api/rounds/round.mail';
import { Bounce, isTransientFailure } from './delivery-errors';
import { PARSE_OPTIONS } from './parse-options';
import { RoundReplies } from './round-replies';
import { stripSignOff } from './sign-off';

/** The largest message taken in (a reply is text; attachments are refused anyway). */
export const INBOUND_MAX_BYTES = 1024 * 1024;

export type InboundOutcome = 'stored' | 'duplicate' | 'ignored' | 'bounced';

/** What the message itself allows, before the database is asked. */
type Verdict = { kind: 'ignored' } | { kind: 'bounce'; reason: string } | { kind: 'round' | 'report'; id: string; from: string; text: string };

export interface InboundResult {
  outcome: InboundOutcome;
  /** Why it was bounced or ignored, in words for the sender. */
  reason?: string;
  /** What was stored: a round contribution, or the report-backs on actions. */
  stored?: { roundId?: string; contributionId?: string; actionIds?: string[] };
}

/** C0 and C1 controls and DEL: none belongs in a header we keep (Message-ID, subject, address). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;
const CONTROLS = new RegExp(CONTROL.source, 'g');

/**
 * Replies by e-mail, whether from the built-in SMTP receiver or a mail provider's inbound hook:
 * the message is parsed (mailparser), auto-replies are ignored, the reply address is checked
 * (ours, unaltered, still usable, written from its member's own address), quoted text and
 * signature are stripped (email-reply-parser), and what is left lands in the right phase of the
 * right round under its author's name, or reports back on their actions before a meeting. The
 * same Message-ID twice is stored once. Anything that cannot be used is bounced with the reason,
 * and nothing of it is kept.
 */
@Injectable()
export class InboundMailService {
  private readonly logger = new Logger(InboundMailService.name);

  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly replies: ReplyAddresses,
    private readonly roundReplies: RoundReplies,
    private readonly reportBacks: ReportBackService,
    private readonly outbox: OutboxService,
    private readonly clock: Clock,
  ) {}

  /** Whether an address could be one of our reply addresses (checked at SMTP RCPT TO). */
  isReplyAddress(address: string): boolean {
    return this.replies.parse(address) !== null;
  }

  /**
   * Takes one raw RFC 822 message. `recipients` are the envelope's (SMTP RCPT TO), when known.
   * With `notify`, a bounce is also e-mailed to the sender (for the HTTP hook, whose provider
   * accepted the message already); over SMTP the rejection itself is the bounce.
   *
   * A failure that may pass (the database unreachable) is thrown, for a temporary refusal; any other
   * failure is permanent, so the message is bounced with a reason and nothing of it is kept.
   */
  async receive(raw: Buffer, recipients: string[] = [], options: { notify: boolean } = { notify: true }): Promise<InboundResult> {
    try {
      return await this.take(raw, recipients, options);
    } catch (error) {
      if (isTransientFailure(error)) throw error;
      this.logger.error({ msg: 'inbound e-mail could not be processed: bounced', error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      return { outcome: 'bounced', reason: 'it could not be processed, and would not be if sent again as it is. Please write your reply again as plain text, or reply on the web.' };
    }
  }

  private async take(raw: Buffer, recipients: string[], options: { notify: boolean }): Promise<InboundResult> {
    let parsed: ParsedMail;
    try {
      if (raw.length > INBOUND_MAX_BYTES) throw new Bounce(`it is larger than ${INBOUND_MAX_BYTES / 1024} KB: please send your reply as plain text, without attachments.`);
      parsed = await simpleParser(raw, PARSE_OPTIONS);
    } catch (error) {
      const reason = error instanceof Bounce ? error.message : 'it could not be read as an e-mail message.';
      return this.finish(null, { outcome: 'bounced', reason }, null, options.notify);
    }
    // A Message-ID with control characters cannot be kept (nor looked up): the message is known by its hash then.
    const given = parsed.messageId && !CONTROL.test(parsed.messageId) ? parsed.messageId.slice(0, 300) : null;
    const messageId = given ?? `<${createHash('sha256').update(raw).digest('hex')}@inbound>`;
    const sender = firstAddress(parsed.from);
    const from = sender && !CONTROL.test(sender) ? sender : null;
    const verdict = this.verdict(parsed, recipients, from);
    try {
      // A usable reply to a round: its Message-ID is looked up with its addressee, in the transaction that stores it.
      if (verdict.kind === 'round') {
        const result = await this.roundReplies.store({ participantId: verdict.id, from: verdict.from, text: verdict.text, messageId });
        return this.finish(messageId, result, from, options.notify, parsed, true);
      }
      const [seen] = (await this.db.query(`SELECT "outcome" FROM "inbound_messages" WHERE "messageId" = $1`, [messageId])) as { outcome: InboundOutcome }[];
      if (seen) return { outcome: 'duplicate', reason: `already ${seen.outcome}` };
      if (verdict.kind === 'ignored') return this.finish(messageId, { outcome: 'ignored', reason: 'an automatic reply' }, null, false);
      if (verdict.kind === 'bounce') throw new Bounce(verdict.reason);
      return this.finish(messageId, await this.toReportBack(verdict.id, verdict.from, verdict.text), from, options.notify, parsed);
    } catch (error) {
      if (error instanceof Bounce) return this.finish(messageId, { outcome: 'bounced', reason: error.message }, from, options.notify, parsed);
      if (error instanceof HttpException && error.getStatus() < 500) return this.finish(messageId, { outcome: 'bounced', reason: lowerFirst(error.message) }, from, options.notify, parsed);
      throw error;
    }
  }

  /** What the message itself allows, before the database is asked: ignored (an automatic reply), bounced with a reason, or a reply to a round or to a report-back prompt. */
  private verdict(parsed: ParsedMail, recipients: string[], from: string | null): Verdict {
    if (isAutoReply(parsed)) return { kind: 'ignored' };
    if (!from) return { kind: 'bounce', reason: 'it has no sender address.' };
    // The first that is one of ours (each check is an HMAC, so the addresses after it are not checked).
    let target: ReturnType<ReplyAddresses['parse']> = null;
    for (const address of [...recipients, ...addresses(parsed.to), ...addresses(parsed.cc), ...headerAddresses(parsed, 'delivered-to'), ...headerAddresses(parsed, 'x-original-to')]) {
      target = this.replies.parse(address);
      if (target) break;
    }
    if (!target) return { kind: 'bounce', reason: 'it was not sent to a reply address of the platform, or the address was altered. Reply to the e-mail you received, keeping its address as it is.' };
    if (parsed.attachments.some((a) => a.contentDisposition !== 'inline' || !a.contentType.startsWith('image/'))) {
      return { kind: 'bounce', reason: 'it has attachments, and a round keeps only text. Please paste what matters into the body of your reply and send it again.' };
    }
    const text = visibleText(parsed.text ?? '', parsed.from?.value[0]?.name);
    if (!text) return { kind: 'bounce', reason: 'we could not find any text of yours above the quoted message.' };
    if (textProblem(text, { multiline: true, required: true })) return { kind: 'bounce', reason: 'it contains control characters (such as U+0000) that a reply cannot hold. Please send your reply again as plain text.' };
    if (text.length > ROUND_LIMITS.body) return { kind: 'bounce', reason: `your reply is longer than ${ROUND_LIMITS.body} characters: please shorten it.` };
    return { kind: target.kind === 'r' ? 'round' : 'report', id: target.id, from, text };
  }

  /** "1 done: agreed a review date" per line, numbered as in the e-mail before the meeting. */
  private async toReportBack(notificationId: string, from: string, text: string): Promise<InboundResult> {
    const [row] = (await this.db.query(
      `SELECT n."meetingId", n."userId", n."createdAt", u."email", m."setId", m."startsAt" FROM "meeting_notifications" n JOIN "users" u ON u."id" = n."userId" JOIN "meetings" m ON m."id" = n."meetingId"
        WHERE n."id" = $1 AND n."kind" LIKE 'report-back@%'`,
      [notificationId],
    )) as { meetingId: string; userId: string; createdAt: Date; email: string; setId: string; startsAt: Date }[];
    if (!row) throw new Bounce('this reply address is no longer in use.');
    if (row.email.toLowerCase() !== from.toLowerCase()) throw new Bounce('it was sent from an address other than the one this reply address belongs to.');
    if (row.startsAt <= this.clock.now()) throw new Bounce('the meeting has started: report back at its check-in.');
    const listed = (await this.reportBacks.toReportOn(row.userId, row.setId)).filter((a) => new Date(a.createdAt) <= row.createdAt);
    const answers = parseReportBack(text);
    if (answers.length === 0) throw new Bounce('we could not read an answer in it. Write one line per action: its number, then done, partly or not done, then what you learned, for example "1 done: we agreed a review date".');
    const reported: string[] = [];
    for (const answer of answers) {
      const action = listed[answer.number - 1];
      if (!action) throw new Bounce(`there is no action number ${answer.number} in the e-mail you replied to.`);
      try {
        reported.push((await this.reportBacks.report(row.userId, action.id, { status: answer.status, note: answer.note }, 'email')).id);
      } catch (error) {
        if (error instanceof ConflictException || error instanceof HttpException) throw new Bounce(lowerFirst(error.message));
        throw error;
      }
    }
    return { outcome: 'stored', stored: { actionIds: reported } };
  }

  /** Records the outcome (unless `recorded`: a stored reply's record was written with it), bounces by e-mail when asked, and logs. */
  private async finish(messageId: string | null, result: InboundResult, from: string | null, notify: boolean, parsed?: ParsedMail, recorded = false): Promise<InboundResult> {
    if (messageId && result.outcome !== 'duplicate' && !recorded) {
      await this.db.query(`INSERT INTO "inbound_messages" ("messageId", "outcome", "reason") VALUES ($1, $2, $3) ON CONFLICT DO NOTHING`, [messageId, result.outcome, result.reason ?? '']);
    }
    if (result.outcome === 'bounced' && notify && from) {
      await this.outbox.enqueue([
        bounceMail({
          to: from,
          subject: parsed?.subject?.replace(CONTROLS, ' ') || '(no subject)',
          reason: result.reason ?? '',
          inReplyTo: parsed?.messageId && !CONTROL.test(parsed.messageId) ? parsed.messageId : null,
          publicUrl: this.config.PUBLIC_URL,
          mailDomain: this.config.MAIL_DOMAIN,
          messageKey: createHash('sha256').update(messageId ?? `${from}${randomUUID()}`).digest('hex').slice(0, 24),
        }),
      ]);
    }
    if (result.outcome === 'stored' || (result.outcome === 'bounced' && notify)) this.outbox.kick();
    this.logger.log({ msg: 'inbound e-mail', outcome: result.outcome, reason: result.reason, ...result.stored });
    return result;
  }
}

/** The reply without quoted text, signature and sign-off (./sign-off.ts); `senderName` is the From header's name, if any. */
export function visibleText(text: string, senderName?: string): string {
  const visible = new EmailReplyParser()
    .read(text.replace(/\r\n/g, '\n'))
    .getVisibleText()
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  return stripSignOff(visible, senderName ? [senderName] : []).trim();
}

const STATUS_WORDS: [RegExp, ReportBackStatus][] = [
  [/^not[\s-]*done\b/i, 'not-done'],
  [/^partly(?:\s+done)?\b/i, 'partly'],
  [/^partially(?:\s+done)?\b/i, 'partly'],
  [/^done\b/i, 'done'],
];

/** Lines such as "1 done: agreed a date", "2. partly - met once", "3) not done". */
export function parseReportBack(text: string): { number: number; status: ReportBackStatus; note: string }[] {
  const answers: { number: number; status: ReportBackStatus; note: string }[] = [];
  for (const line of text.split('\n')) {
    const match = /^\s*#?(\d{1,2})\s*[.):-]?\s*(.*)$/.exec(line);
    if (!match) continue;
    const rest = match[2].trim();
    const status = STATUS_WORDS.find(([pattern]) => pattern.test(rest));
    if (!status || !REPORT_BACK_STATUSES.includes(status[1])) continue;
    const note = rest.replace(status[0], '').replace(/^[\s:,.–—-]+/, '').trim();
    answers.push({ number: Number(match[1]), status: status[1], note });
  }
  return answers;
}

function isAutoReply(parsed: ParsedMail): boolean {
  const header = (name: string) => {
    const value = parsed.headers.get(name);
    return value === undefined ? '' : String(typeof value === 'object' && value !== null && 'value' in value ? (value as { value: unknown }).value : value).toLowerCase();
  };
  const autoSubmitted = header('auto-submitted');
  if (autoSubmitted && autoSubmitted !== 'no') return true;
  if (header('x-autoreply') || header('x-autorespond') || header('x-auto-response-suppress').includes('oof')) return true;
  if (['bulk', 'junk', 'auto_reply', 'list'].includes(header('precedence'))) return true;
  return /^(out of (the )?office|automatic reply|auto(matic)?[- ]?(reply|response)|autoreply|abwesenheit|absence|away from)/i.test(parsed.subject ?? '');
}

function addresses(value: AddressObject | AddressObject[] | undefined): string[] {
  if (!value) return [];
  return (Array.isArray(value) ? value : [value]).flatMap((group) => group.value.map((a) => a.address ?? '')).filter(Boolean);
}

function headerAddresses(parsed: ParsedMail, name: string): string[] {
  const value = parsed.headers.get(name);
  const values = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return values.map((v) => String(typeof v === 'object' && v !== null && 'text' in v ? (v as { text: string }).text : v).replace(/^.*<|>.*$/g, '').trim());
}

function firstAddress(value: AddressObject | undefined): string | null {
  return addresses(value)[0]?.toLowerCase() ?? null;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
