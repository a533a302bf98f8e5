import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Injectable, Logger, OnModuleDestroy } from '@nestjs/common';
import { DateTime } from 'luxon';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '@api/config/app-config';
import type { MailHeaders } from './outbox-mail.entity';

/** A calendar carried by an e-mail (iTIP): clients offer to add, update or remove the event. */
export interface MailCalendar {
  method: 'REQUEST' | 'CANCEL' | 'PUBLISH';
  content: string;
  filename: string;
}

export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  calendar?: MailCalendar;
  /** Threading (Message-ID, In-Reply-To, References) and where replies go (Reply-To). */
  headers?: MailHeaders;
}

/**
 * Sends e-mail through SMTP_URL; without it, writes each message as an .eml file under
 * DATA_DIR/mail so a developer can open it in a mail client.
 */
@Injectable()
export class MailService implements OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private sequence = 0;
  /** How many messages may be sent at once: over pooled SMTP connections a few; .eml files one by one, in order. */
  readonly parallel: number;

  constructor(private readonly config: AppConfig) {
    this.parallel = config.SMTP_URL ? 5 : 1;
    this.transport = config.SMTP_URL ? createTransport(pooled(config.SMTP_URL)) : createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  }

  /** Sends one message; answers its Message-ID. */
  async send(mail: OutgoingMail): Promise<string> {
    const { calendar, headers, ...rest } = mail;
    const info = await this.transport.sendMail({
      from: this.config.MAIL_FROM,
      ...rest,
      ...(headers?.messageId ? { messageId: headers.messageId } : {}),
      ...(headers?.inReplyTo ? { inReplyTo: headers.inReplyTo } : {}),
      ...(headers?.references?.length ? { references: headers.references } : {}),
      ...(headers?.replyTo ? { replyTo: headers.replyTo } : {}),
      // The text/calendar alternative with its METHOD, and the same file as an attachment for clients that only show those.
      ...(calendar ? { icalEvent: { method: calendar.method, content: calendar.content, filename: calendar.filename } } : {}),
    });
    if (this.config.SMTP_URL) {
      this.logger.log({ msg: 'e-mail sent', messageId: info.messageId, subject: mail.subject });
      return info.messageId;
    }
    await mkdir(this.config.mailDir, { recursive: true });
    const stamp = DateTime.utc().toFormat("yyyyLLdd'T'HHmmss.SSS");
    const file = join(this.config.mailDir, `${stamp}-${process.pid}-${++this.sequence}.eml`);
    await writeFile(file, (info as unknown as { message: Buffer }).message);
    this.logger.log({ msg: 'e-mail written', file, subject: mail.subject });
    return info.messageId;
  }

  onModuleDestroy(): void {
    this.transport.close();
  }
}

/**
 * Keeps SMTP connections open between messages (nodemailer's pool) unless the URL says otherwise:
 * a new connection per message costs about 100 ms, a pooled one a few.
 */
export function pooled(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has('pool')) parsed.searchParams.set('pool', 'true');
  return parsed.toString();
}
