import { DEFAULT_AGENDA, type MeetingAgenda, type MeetingFormat, type MeetingStatus } from '@als/shared';
import { Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SetEntity } from '@api/sets/set.entity';
import { MeetingSeriesEntity } from './meeting-series.entity';

/** One meeting: a single one, or one occurrence of a series (stored, so exceptions survive). */
@Entity('meetings')
@Index('IDX_meetings_set_starts', ['setId', 'startsAt'])
export class MeetingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  @ManyToOne(() => SetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'setId' })
  set: SetEntity;

  @Column({ type: 'uuid', nullable: true })
  seriesId: string | null;

  @ManyToOne(() => MeetingSeriesEntity, { onDelete: 'CASCADE', nullable: true })
  @JoinColumn({ name: 'seriesId' })
  series: MeetingSeriesEntity | null;

  @Column({ type: 'timestamptz' })
  startsAt: Date;

  @Column({ type: 'timestamptz' })
  endsAt: Date;

  /** For an occurrence of a series: its start as the rule gave it (iCalendar RECURRENCE-ID). */
  @Column({ type: 'timestamptz', nullable: true })
  recurrenceId: Date | null;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @Column({ type: 'varchar', length: 20 })
  format: MeetingFormat;

  @Column({ type: 'text', default: '' })
  location: string;

  @Column({ type: 'text', default: '' })
  videoUrl: string;

  /** Telephone numbers to dial in on (empty: none). */
  @Column({ type: 'text', array: true, default: () => "'{}'" })
  dialInNumbers: string[];

  /** The passcode for dialling in (empty: none). */
  @Column({ type: 'varchar', length: 32, default: '' })
  dialInPasscode: string;

  @Column({ type: 'varchar', length: 20, default: 'scheduled' })
  status: MeetingStatus;

  /** Phase timings of the live meeting, in minutes (DOMAIN.md's template by default). */
  @Column({ type: 'jsonb', default: () => `'${JSON.stringify(DEFAULT_AGENDA)}'::jsonb` })
  agenda: MeetingAgenda;

  /** Moved or changed on its own: edits of the whole series leave it as it is. */
  @Column({ type: 'boolean', default: false })
  overridden: boolean;

  /** iCalendar SEQUENCE: rises with every change people's calendars must pick up. */
  @Column({ type: 'int', default: 0 })
  sequence: number;

  /** Who facilitates this meeting (the rota); null: the set's facilitators. Not a facilitator of the set by it. */
  @Column({ type: 'uuid', nullable: true })
  facilitatorId: string | null;

  /** A second person with the facilitator's controls; only beside a facilitator. */
  @Column({ type: 'uuid', nullable: true })
  coFacilitatorId: string | null;

  /** Rises with every change of who facilitates: the week-ahead notice goes once per value. */
  @Column({ type: 'int', default: 0 })
  facilitationVersion: number;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
