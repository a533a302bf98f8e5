import type { OrganisationRole } from '@als/shared';
import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';
import { UserEntity } from '@api/users/user.entity';

@Entity('organisations')
export class OrganisationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  /** Password sign-in is refused for addresses of its domains: its people sign in with single sign-on. */
  @Column({ type: 'boolean', default: false })
  requireSso: boolean;

  /** Ground rules its new sets start with (null: the platform's). */
  @Column({ type: 'text', nullable: true })
  defaultGroundRules: string | null;

  /** Retention period its new sets start with, in days (null: the platform's). */
  @Column({ type: 'int', nullable: true })
  defaultRetentionDays: number | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/**
 * An e-mail domain an organisation claims. It takes effect (people of it join, single sign-on is
 * required for it) only once verified; several organisations may claim it, one at most verifies it
 * (the partial unique index `UQ_organisation_email_domains_verified_domain`).
 */
@Entity('organisation_email_domains')
export class OrganisationEmailDomainEntity {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @PrimaryColumn({ type: 'varchar', length: 253 })
  domain: string;

  /** The value of the TXT record that proves it: `als-verification=<token>`. */
  @Column({ type: 'varchar', length: 64 })
  verificationToken: string;

  @Column({ type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  organisation: OrganisationEntity;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** A person's place in an organisation. */
@Entity('organisation_memberships')
@Unique('UQ_organisation_memberships_organisation_user', ['organisationId', 'userId'])
export class OrganisationMembershipEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  organisation: OrganisationEntity;

  @Column({ type: 'uuid' })
  userId: string;

  @ManyToOne(() => UserEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'userId' })
  user: UserEntity;

  @Column({ type: 'varchar', length: 10 })
  role: OrganisationRole;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An invitation to join an organisation: the link's secret is stored only as its SHA-256. */
@Entity('organisation_invitations')
export class OrganisationInvitationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  organisation: OrganisationEntity;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ type: 'varchar', length: 10 })
  role: OrganisationRole;

  @Column({ type: 'varchar', length: 64 })
  tokenHash: string;

  @Column({ type: 'uuid', nullable: true })
  invitedById: string | null;

  @ManyToOne(() => UserEntity, { onDelete: 'SET NULL' })
  @JoinColumn({ name: 'invitedById' })
  invitedBy: UserEntity | null;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  acceptedAt: Date | null;

  @Column({ type: 'uuid', nullable: true })
  acceptedById: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A cohort of an organisation's sets, with dates (calendar days, `YYYY-MM-DD`). */
@Entity('programmes')
export class ProgrammeEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  organisationId: string;

  @ManyToOne(() => OrganisationEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'organisationId' })
  organisation: OrganisationEntity;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ type: 'date' })
  startsOn: string;

  @Column({ type: 'date', nullable: true })
  endsOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** A set's place in a programme (one programme at most per set). */
@Entity('programme_sets')
export class ProgrammeSetEntity {
  @PrimaryColumn({ type: 'uuid' })
  programmeId: string;

  @PrimaryColumn({ type: 'uuid' })
  setId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}

/** An organisation's own OpenID Connect provider; the client secret only as AES-256-GCM ciphertext (SsoSecrets) with the id of its key. */
@Entity('organisation_sso_providers')
export class OrganisationSsoProviderEntity {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 80 })
  name: string;

  @Column({ type: 'varchar', length: 2000 })
  issuer: string;

  @Column({ type: 'varchar', length: 255 })
  clientId: string;

  @Column({ type: 'text' })
  clientSecretCiphertext: string;

  @Column({ type: 'varchar', length: 16 })
  clientSecretKeyId: string;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

/** An organisation's logo: PNG or JPEG bytes, sniffed on upload. */
@Entity('organisation_logos')
export class OrganisationLogoEntity {
  @PrimaryColumn({ type: 'uuid' })
  organisationId: string;

  @Column({ type: 'varchar', length: 20 })
  contentType: string;

  @Column({ type: 'bytea' })
  bytes: Buffer;

  @Column({ type: 'varchar', length: 64 })
  sha256: string;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}

export const ORGANISATION_ENTITIES = [OrganisationSsoProviderEntity, OrganisationLogoEntity, OrganisationEntity, OrganisationEmailDomainEntity, OrganisationMembershipEntity, OrganisationInvitationEntity, ProgrammeEntity, ProgrammeSetEntity];
