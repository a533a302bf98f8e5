import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SMTPServer, type SMTPServerAddress, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import { AppConfig } from '@api/config/app-config';
import { isTransientFailure } from './delivery-errors';
import { INBOUND_MAX_BYTES, InboundMailService } from './inbound-mail.service';

/** An SMTP reply with its code, as smtp-server expects errors. */
function smtpError(code: number, message: string): Error {
  return Object.assign(new Error(message), { responseCode: code });
}

/**
 * The built-in SMTP receiver for replies (on INBOUND_SMTP_PORT): takes mail for our reply
 * addresses only (others are refused at RCPT TO), refuses messages over the size limit, and hands
 * each message to the inbound service. A message that cannot be used is refused with its reason
 * (550), which the sender's mail server returns to them as a bounce. Only a failure that may pass
 * (the database unreachable) gets a temporary 451, which a sending server retries for days; every
 * other failure is permanent (554).
 */
@Injectable()
export class SmtpReceiver implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(SmtpReceiver.name);
  private server: SMTPServer | null = null;

  constructor(
    private readonly config: AppConfig,
    private readonly inbound: InboundMailService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.INBOUND_SMTP_PORT) return;
    this.server = new SMTPServer({
      name: this.config.MAIL_DOMAIN,
      banner: 'Action learning replies',
      authOptional: true,
      disabledCommands: ['AUTH'],
      size: INBOUND_MAX_BYTES,
      logger: false,
      onRcptTo: (address: SMTPServerAddress, _session: SMTPServerSession, callback: (error?: Error) => void) => {
        if (this.inbound.isReplyAddress(address.address)) return callback();
        callback(smtpError(550, `No such reply address here: ${address.address}. Reply to the e-mail you received, keeping its address as it is.`));
      },
      onData: (stream: SMTPServerDataStream, session: SMTPServerSession, callback: (error?: Error | null) => void) => {
        const chunks: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => chunks.push(chunk));
        stream.on('error', (error: Error) => callback(error));
        stream.on('end', () => {
          if (stream.sizeExceeded) return callback(smtpError(552, `Message too large: replies may be up to ${INBOUND_MAX_BYTES / 1024} KB of text, without attachments.`));
          const recipients = session.envelope.rcptTo.map((r) => r.address);
          this.inbound
            .receive(Buffer.concat(chunks), recipients, { notify: false })
            .then((result) => callback(result.outcome === 'bounced' ? smtpError(550, `Not delivered: ${result.reason}`) : null))
            .catch((error: unknown) => {
              const transient = isTransientFailure(error);
              this.logger.error({ msg: 'inbound e-mail failed', transient, error: String(error) });
              callback(transient ? smtpError(451, 'Temporary failure: please try again later.') : smtpError(554, 'Not delivered: the message could not be processed, and would not be if sent again.'));
            });
        });
      },
    });
    await new Promise<void>((resolve, reject) => {
      this.server!.once('error', reject);
      this.server!.listen(this.config.INBOUND_SMTP_PORT, () => {
        this.server!.off('error', reject);
        resolve();
      });
    });
    this.server.on('error', (error) => this.logger.error({ msg: 'SMTP receiver error', error: String(error) }));
    this.logger.log({ msg: 'SMTP receiver listening', port: this.config.INBOUND_SMTP_PORT });
  }

  /** The port it listens on (the configured one, or the one chosen for port 0 in tests). */
  get port(): number | null {
    const address = this.server?.server.address();
    return address && typeof address === 'object' ? address.port : null;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await new Promise<void>((resolve) => this.server!.close(() => resolve()));
  }
}
