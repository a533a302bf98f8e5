import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { SetEntity } from '@api/sets/set.entity';

/** A recurring meeting: its rule and zone. Its occurrences are stored as MeetingEntity rows. */
@Entity('meeting_series')
export class MeetingSeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  @ManyToOne(() => SetEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'setId' })
  set: SetEntity;

  /** The RRULE value, without prefix, as given (normalised). */
  @Column({ type: 'text' })
  rule: string;

  @Column({ type: 'varchar', length: 64 })
  timeZone: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
