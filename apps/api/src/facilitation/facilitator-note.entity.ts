import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/**
 * A facilitator's private note on a set (meetingId null) or on one of its meetings, with the
 * reflection after its session. Read and written only by its author: every query is keyed by them.
 */
@Entity('facilitator_notes')
export class FacilitatorNoteEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  authorId: string;

  @Column({ type: 'uuid' })
  setId: string;

  @Column({ type: 'uuid', nullable: true })
  meetingId: string | null;

  @Column({ type: 'text', default: '' })
  body: string;

  @Column({ type: 'text', default: '' })
  wentWell: string;

  @Column({ type: 'text', default: '' })
  doDifferently: string;

  @Column({ type: 'text', default: '' })
  forSupervision: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
