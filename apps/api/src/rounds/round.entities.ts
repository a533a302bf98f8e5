import type { QuestionKind, RoundPhase, RoundPhaseName } from '@als/shared';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';

/** An asynchronous round: a case worked through over days, by web and e-mail, one phase at a time. */
@Entity('rounds')
@Index('IDX_rounds_set', ['setId', 'createdAt'])
@Index('IDX_rounds_open', ['phase'], { where: `"phase" <> 'closed'` })
export class RoundEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  @Column({ type: 'varchar', length: 200 })
  title: string;

  @Column({ type: 'text' })
  caseText: string;

  @Column({ type: 'uuid' })
  presenterId: string;

  /** Keeps the round moving (advance, pause, extend); a facilitator may always do so too. */
  @Column({ type: 'uuid', nullable: true })
  moderatorId: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ type: 'varchar', length: 20, default: 'clarifying' })
  phase: RoundPhase;

  /** While paused, deadlines stand still (resuming moves them on by the pause). */
  @Column({ type: 'timestamptz', nullable: true })
  pausedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  updatedAt: Date;
}

/** One phase of a round and its deadline (stored as an instant). */
@Entity('round_phases')
export class RoundPhaseEntity {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @PrimaryColumn({ type: 'varchar', length: 20 })
  name: RoundPhaseName;

  @Column({ type: 'int' })
  position: number;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  openedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;
}

/** A person's place in a round: its id is their reply address; it counts what they wrote. */
@Entity('round_participants')
@Unique('UQ_round_participants', ['roundId', 'userId'])
export class RoundParticipantEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'int', default: 0 })
  contributions: number;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** What someone wrote in a phase of a round, on the web or by e-mail. */
@Entity('round_contributions')
@Unique('UQ_round_contributions_client', ['roundId', 'authorId', 'clientId'])
@Unique('UQ_round_contributions_message', ['messageId'])
@Index('IDX_round_contributions_round', ['roundId', 'createdAt'])
export class RoundContributionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  roundId: string;

  @Column({ type: 'varchar', length: 20 })
  phase: RoundPhaseName;

  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'text' })
  body: string;

  @Column({ type: 'varchar', length: 10 })
  via: 'web' | 'email';

  /** For questions: how the classifier read it. */
  @Column({ type: 'varchar', length: 10, nullable: true })
  kind: QuestionKind | null;

  @Column({ type: 'varchar', length: 100, nullable: true })
  clientId: string | null;

  @Column({ type: 'varchar', length: 300, nullable: true })
  messageId: string | null;

  /** In the answers phase: the clarifying question this answers (null: a general answer). */
  @Column({ type: 'uuid', nullable: true })
  replyToId: string | null;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

/** An e-mail of a round that went to a person (`open:<phase>`, `nudge:<phase>@<deadline>`, `closed`): each once. */
@Entity('round_notifications')
export class RoundNotificationEntity {
  @PrimaryColumn({ type: 'uuid' })
  roundId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @PrimaryColumn({ type: 'varchar', length: 80 })
  kind: string;

  @Column({ type: 'timestamptz', default: () => 'now()' })
  createdAt: Date;
}

export const ROUND_ENTITIES = [RoundEntity, RoundPhaseEntity, RoundParticipantEntity, RoundContributionEntity, RoundNotificationEntity];
