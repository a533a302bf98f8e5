import type { SetRole } from '@als/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@api/users/user.entity';
import { SetEntity } from './set.entity';

/** A person's place in a set. Exists only once they have accepted the set's ground rules. */
@Entity('set_memberships')
@Unique('UQ_set_memberships_set_user', ['setId', 'userId'])
export class MembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  setId: string;

  @ManyToOne(() => SetEntity, (set) => set.memberships, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'setId' })
  set: SetEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: UserEntity;

  @Column({ type: 'varchar', length: 20 })
  role: SetRole;

  @Column({ type: 'timestamptz' })
  groundRulesAcceptedAt: Date;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
