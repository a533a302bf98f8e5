import type { RoundPhaseDays, SetMode, SetStatus } from '@als/shared';
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { MembershipEntity } from './membership.entity';

@Entity('sets')
export class SetEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'text', default: '' })
  purpose: string;

  @Column({ type: 'varchar', length: 20 })
  mode: SetMode;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'text' })
  groundRules: string;

  /** Hours of notice an apology needs (ground rules); a later one is marked late. */
  @Column({ type: 'int', default: 48 })
  apologyNoticeHours: number;

  /** Fewest participants a meeting needs; null: the set has no quorum. */
  @Column({ type: 'int', nullable: true, default: 3 })
  quorum: number | null;

  /** `closed`: archived by a facilitator; its case content is deleted `retentionDays` after `closedAt`. */
  @Column({ type: 'varchar', length: 10, default: 'active' })
  status: SetStatus;

  @Column({ type: 'timestamptz', nullable: true })
  closedAt: Date | null;

  @Column({ type: 'int', default: 90 })
  retentionDays: number;

  /** Days each round phase lasts by default; null: DOMAIN.md's rhythm. */
  @Column({ type: 'jsonb', nullable: true })
  roundPhaseDays: Partial<RoundPhaseDays> | null;

  /** When the retention job deleted its case content for good. */
  @Column({ type: 'timestamptz', nullable: true })
  purgedAt: Date | null;

  /** The organisation the set belongs to (its admins see the set, never its content); null: a set of its own. */
  @Column({ type: 'uuid', nullable: true })
  organisationId: string | null;

  /**
   * A practice set, for demonstrations and training (chosen at creation, never changed): its
   * meetings and rounds may be set in the past or minutes apart; it is left out of organisation
   * and programme figures, and its CPD records are marked practice.
   */
  @Column({ type: 'boolean', default: false })
  practice: boolean;

  /** When a facilitator opened the set's ending (the final learning review); null: not yet. */
  @Column({ type: 'timestamptz', nullable: true })
  endingOpenedAt: Date | null;

  @OneToMany(() => MembershipEntity, (membership) => membership.set)
  memberships: MembershipEntity[];

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
