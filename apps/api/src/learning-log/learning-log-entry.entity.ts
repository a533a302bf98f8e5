import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A private reflective entry. Only its author can ever read it: every query is by author. */
@Entity('learning_log_entries')
export class LearningLogEntryEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'text', default: '' })
  learned: string;

  @Column({ type: 'text', default: '' })
  different: string;

  @Column({ type: 'text', default: '' })
  impact: string;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  /** An asynchronous round, once rounds exist (no constraint yet). */
  @Column({ type: 'uuid', nullable: true })
  roundId: string | null;

  @Column({ type: 'uuid', nullable: true })
  actionId: string | null;

  /** Time spent on the activity, for CPD; null if not given. */
  @Column({ type: 'numeric', precision: 4, scale: 2, nullable: true, transformer: { to: (v: number | null | undefined) => v, from: (v: string | null) => (v === null ? null : Number(v)) } })
  hours: number | null;

  /** YYYY-MM-DD */
  @Column({ type: 'date' })
  occurredOn: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
