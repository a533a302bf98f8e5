import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** A member's final learning review of the set: theirs, and the set's to read when they share it. */
@Entity('ending_reviews')
export class EndingReviewEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  cameWith: string;

  @Column({ type: 'text' })
  changed: string;

  @Column({ type: 'text' })
  takeForward: string;

  @Column({ type: 'boolean', default: false })
  shared: boolean;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
