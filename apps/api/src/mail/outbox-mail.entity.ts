import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type OutboxStatus = 'pending' | 'sending' | 'sent' | 'failed';

export interface MailHeaders {
  messageId?: string;
  inReplyTo?: string;
  references?: string[];
  replyTo?: string;
}

export interface OutboxAttachment {
  filename: string;
  content: string;
  contentType: string;
}

/** One e-mail waiting to go, going, sent or given up on: written in the transaction that decided to send it. */
@Entity('mail_outbox')
export class OutboxMailEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 254 })
  to: string;

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'text' })
  html: string;

  @Column({ type: 'jsonb', default: () => `'[]'::jsonb` })
  attachments: OutboxAttachment[];

  /** Threading and reply headers: Message-ID, In-Reply-To, References, Reply-To. */
  @Column({ type: 'jsonb', default: () => `'{}'::jsonb` })
  headers: MailHeaders;

  @Column({ type: 'varchar', length: 20, default: 'pending' })
  status: OutboxStatus;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  nextAttemptAt: Date;

  /** While `sending`: after this, a crashed sender's claim lapses and another process retries. */
  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  @Column({ type: 'text', default: '' })
  lastError: string;

  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
