import type { BadgeApplicationStatus } from '@als/shared';
import { Column, CreateDateColumn, Entity, PrimaryColumn, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** The badge a set awards (one per set): what it certifies, its criteria, prompts and image. */
@Entity('badges')
export class BadgeEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) setId: string;
  @Column({ type: 'varchar', length: 120 }) name: string;
  @Column({ type: 'text' }) description: string;
  @Column({ type: 'int' }) minMeetings: number;
  @Column({ type: 'boolean', default: false }) presented: boolean;
  @Column({ type: 'int' }) minWords: number;
  @Column({ type: 'jsonb', default: [] }) prompts: string[];
  /** An uploaded PNG or SVG (checked, at most BADGE_LIMITS.imageBytes); null: the generated default. */
  @Column({ type: 'bytea', nullable: true, select: false }) image: Buffer | null;
  @Column({ type: 'varchar', length: 40, nullable: true }) imageType: 'image/png' | 'image/svg+xml' | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** A person's application for their set's badge, and the facilitator's decision. */
@Entity('badge_applications')
export class BadgeApplicationEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'uuid' }) badgeId: string;
  @Column({ type: 'uuid' }) setId: string;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'text' }) statement: string;
  @Column({ type: 'boolean', default: false }) publicEvidence: boolean;
  @Column({ type: 'boolean', default: false }) showName: boolean;
  /** Confidentiality findings the person confirmed they keep (keys, see libs/shared confidentiality). */
  @Column({ type: 'jsonb', default: [] }) confirmedFindings: string[];
  @Column({ type: 'varchar', length: 20, default: 'submitted' }) status: BadgeApplicationStatus;
  @Column({ type: 'text', default: '' }) feedback: string;
  @Column({ type: 'timestamptz' }) submittedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) decidedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) decidedById: string | null;
  @Column({ type: 'timestamptz', nullable: true }) reminderSentAt: Date | null;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** An Ed25519 key of the installation's issuer. The secret key is AES-256-GCM encrypted with CREDENTIALS_KEY. */
@Entity('issuer_keys')
export class IssuerKeyEntity {
  @PrimaryGeneratedColumn('uuid') id: string;
  @Column({ type: 'varchar', length: 100 }) publicKeyMultibase: string;
  @Column({ type: 'text', select: false }) secretKeyEncrypted: string;
  @Column({ type: 'boolean', default: true }) active: boolean;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) retiredAt: Date | null;
}

/** A bitstring status list (revocation) of at least 131,072 entries, signed by the key that created it. */
@Entity('status_lists')
export class StatusListEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid' }) keyId: string;
  /** The DID it is signed as (its credentials' issuer): did:key, or did:web under the PUBLIC_URL of its time. */
  @Column({ type: 'varchar', length: 300 }) issuer: string;
  @Column({ type: 'varchar', length: 20, default: 'revocation' }) statusPurpose: 'revocation';
  @Column({ type: 'int' }) size: number;
  @Column({ type: 'int', default: 0 }) nextIndex: number;
  /** The signed BitstringStatusListCredential, re-signed whenever a bit changes. */
  @Column({ type: 'jsonb' }) credential: Record<string, unknown>;
  @Column({ type: 'int', default: 1 }) version: number;
  @CreateDateColumn({ type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ type: 'timestamptz' }) updatedAt: Date;
}

/** An issued OpenBadgeCredential (the signed document as issued) and its revocation. */
@Entity('credentials')
export class CredentialEntity {
  @PrimaryColumn('uuid') id: string;
  @Column({ type: 'uuid', nullable: true }) applicationId: string | null;
  @Column({ type: 'uuid', nullable: true }) badgeId: string | null;
  @Column({ type: 'uuid', nullable: true }) setId: string | null;
  @Column({ type: 'uuid' }) userId: string;
  @Column({ type: 'uuid' }) keyId: string;
  @Column({ type: 'uuid' }) statusListId: string;
  @Column({ type: 'int' }) statusIndex: number;
  @Column({ type: 'varchar', length: 120 }) badgeName: string;
  @Column({ type: 'varchar', length: 120 }) setName: string;
  @Column({ type: 'jsonb' }) document: Record<string, unknown>;
  @Column({ type: 'timestamptz' }) issuedAt: Date;
  @Column({ type: 'timestamptz', nullable: true }) revokedAt: Date | null;
  @Column({ type: 'uuid', nullable: true }) revokedById: string | null;
  @Column({ type: 'text', default: '' }) revokedReason: string;
}

export const BADGE_ENTITIES = [BadgeEntity, BadgeApplicationEntity, IssuerKeyEntity, StatusListEntity, CredentialEntity];
