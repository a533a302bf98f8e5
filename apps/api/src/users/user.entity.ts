import type { ProfessionalRegulator, RoundEmailMode } from '@als/shared';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

@Entity('users')
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** As typed at registration; unique case-insensitively (index on lower(email)). */
  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'text', select: false })
  passwordHash: string;

  @Column({ type: 'varchar', length: 80 })
  displayName: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  /** Secret of the personal calendar feed URL; reset to revoke it. */
  @Column({ type: 'varchar', length: 64 })
  calendarFeedToken: string;

  /** E-mail reminders 7 days and 1 day before each meeting. */
  @Column({ type: 'boolean', default: true })
  meetingReminders: boolean;

  /** Round e-mails as each phase opens (`immediate`), or one digest a day (`daily`). */
  @Column({ type: 'varchar', length: 10, default: 'immediate' })
  roundEmails: RoundEmailMode;

  /** Optional professional registration, shown on the CPD export: the regulator and the number (both or neither). */
  @Column({ type: 'varchar', length: 10, nullable: true })
  registrationRegulator: ProfessionalRegulator | null;

  @Column({ type: 'varchar', length: 20, nullable: true })
  registrationNumber: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastDigestAt: Date | null;

  /** When an organisation admin disabled the account: it cannot sign in until enabled. */
  @Column({ type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
