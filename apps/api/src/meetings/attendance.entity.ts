import type { AttendanceStatus } from '@als/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@api/users/user.entity';
import { MeetingEntity } from './meeting.entity';

/** A person's reply to one meeting: attending, or an apology with its reason. */
@Entity('meeting_attendance')
@Unique('UQ_meeting_attendance_meeting_user', ['meetingId', 'userId'])
export class AttendanceEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @ManyToOne(() => MeetingEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'meetingId' })
  meeting: MeetingEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: UserEntity;

  @Column({ type: 'varchar', length: 20 })
  status: AttendanceStatus;

  @Column({ type: 'text', default: '' })
  reason: string;

  /** An apology sent with less notice than the set's rules ask. */
  @Column({ type: 'boolean', default: false })
  late: boolean;

  /** The facilitator who recorded this reply on the person's behalf (face-to-face), else null. */
  @Column({ type: 'uuid', nullable: true })
  recordedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
