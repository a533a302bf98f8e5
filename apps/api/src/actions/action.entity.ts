import type { ReportBackVia } from '@als/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

export const ACTION_STATUSES = ['open', 'done', 'partly', 'not-done'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A next step a presenter committed to, open until its owner reports back on it (at a check-in). */
@Entity('actions')
@Unique('UQ_actions_session_key', ['meetingId', 'sessionKey'])
export class ActionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  /** The meeting whose live session agreed it. */
  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  /** The asynchronous round that agreed it. */
  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  /** Its id within that session's state (a1, a2…). */
  @Column({ type: 'varchar', length: 20, nullable: true })
  sessionKey: string | null;

  @Column({ type: 'uuid' })
  ownerId: string;

  @Column({ type: 'text' })
  text: string;

  /** The calendar day it is due (YYYY-MM-DD): a day in the owner's calendar, not an instant. */
  @Column({ type: 'date', nullable: true })
  dueAt: string | null;

  @Column({ type: 'varchar', length: 20, default: 'open' })
  status: ActionStatus;

  @Column({ type: 'text', default: '' })
  reportNote: string;

  @Column({ type: 'timestamptz', nullable: true })
  reportedAt: Date | null;

  /** Where the report-back was given: at a check-in (`live`), ahead of the meeting on the web or by e-mail. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  reportedVia: ReportBackVia | null;

  @Column({ type: 'uuid', nullable: true })
  reportedInMeetingId: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
