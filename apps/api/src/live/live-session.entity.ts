import type { LivePhase, LiveSessionState } from '@als/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** One meeting's live session: where it is (seq, phase, running timer) and a snapshot of its state. */
@Entity('live_sessions')
export class LiveSessionEntity {
  @PrimaryColumn('uuid')
  meetingId: string;

  /** The last event's seq. */
  @Column({ type: 'int', default: 0 })
  seq: number;

  @Column({ type: 'varchar', length: 20, default: 'lobby' })
  phase: LivePhase;

  /** The running timer, so a restarted process can expire it (exactly once, by its command id). */
  @Column({ type: 'int', nullable: true })
  timerId: number | null;

  @Column({ type: 'timestamptz', nullable: true })
  timerEndsAt: Date | null;

  /** The state after event `snapshotSeq`; later events are replayed on top. */
  @Column({ type: 'jsonb' })
  snapshot: LiveSessionState;

  @Column({ type: 'int', default: 0 })
  snapshotSeq: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
