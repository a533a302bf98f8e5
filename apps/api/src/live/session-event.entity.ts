import { Column, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** One accepted command of a live session, in order: the log every screen's state derives from. */
@Entity('session_events')
@Unique('UQ_session_events_seq', ['meetingId', 'seq'])
@Unique('UQ_session_events_command', ['meetingId', 'commandId'])
export class SessionEventEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'int' })
  seq: number;

  /** The client's own id of the command: the same command twice is applied once. */
  @Column({ type: 'varchar', length: 100 })
  commandId: string;

  @Column({ type: 'varchar', length: 40 })
  type: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;

  /** SHA-256 (hex) of the type and payload of the command that caused the event: the commandId is bound to it. Null for events logged before it was kept. */
  @Column({ type: 'character', length: 64, nullable: true })
  commandDigest: string | null;
}
