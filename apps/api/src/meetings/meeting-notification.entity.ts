import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique } from 'typeorm';

/**
 * That one notice about one meeting went to one person: a reminder (`reminder-7d`,
 * `reminder-1d`) or a quorum warning (`quorum@<sequence>`). The unique key is what makes each
 * notice go out once, whatever the number of processes or restarts.
 */
@Entity('meeting_notifications')
@Unique('UQ_meeting_notifications_once', ['meetingId', 'userId', 'kind'])
export class MeetingNotificationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  meetingId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 40 })
  kind: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
