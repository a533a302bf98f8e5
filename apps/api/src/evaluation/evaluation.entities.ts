import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn, CreateDateColumn, UpdateDateColumn } from 'typeorm';
import type { AuditAction, SelfAssessmentStage, SessionStatistics } from '@als/shared';

/** A live session's figures, kept when its set's case content is deleted after the retention period. */
@Entity('session_statistics')
export class SessionStatisticsEntity {
  @PrimaryColumn('uuid')
  meetingId: string;

  @Column({ type: 'uuid' })
  setId: string;

  @Column({ type: 'jsonb' })
  stats: SessionStatistics;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A member's answers to the set's before (`start`) or after (`end`) questionnaire. */
@Entity('self_assessments')
export class SelfAssessmentEntity {
  @PrimaryColumn('uuid')
  setId: string;

  @PrimaryColumn('uuid')
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 10 })
  stage: SelfAssessmentStage;

  @Column({ type: 'int', array: true })
  answers: number[];

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** Who viewed or exported what in a set, or changed who may see it. Facilitators read it. */
@Entity('set_audit_events')
export class AuditEventEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'varchar', length: 40 })
  action: AuditAction;

  @Column({ type: 'jsonb', default: {} })
  detail: Record<string, unknown>;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  at: Date;
}
