import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource, EntityManager } from 'typeorm';
import { BadgeErrorCode, type CredentialSummaryResponse, type CredentialVerificationResponse } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import type { CpdRecord } from '@api/cpd/cpd-records';
import { MembershipEntity } from '@api/sets/membership.entity';
import type { SetEntity } from '@api/sets/set.entity';
import type { UserEntity } from '@api/users/user.entity';
import { bakeSvg } from './badge-image';
import { BadgesService } from './badges.service';
import { type BadgeApplicationEntity, type BadgeEntity, CredentialEntity } from './badges.entities';
import { IssuerService } from './issuer.service';
import { StatusListsService } from './status-lists.service';
import { OB_CONTEXT, VC_V2_CONTEXT } from './vc/document-loader';
import { conflict, forbidden, notFound } from '@api/common/domain-error';

const seconds = (date: Date) => date.toISOString().replace(/\.\d{3}Z$/, 'Z');

interface CredentialDocument {
  issuer?: { id?: string; name?: string; url?: string } | string;
  validFrom?: string;
  credentialSubject?: {
    achievement?: { name?: string; description?: string; criteria?: { narrative?: string }; image?: { id?: string } };
    identifier?: { identityType?: string; hashed?: boolean; identityHash?: string }[];
  };
  evidence?: { narrative?: string }[];
}

/** Issuing OpenBadgeCredentials, the person's list, the public document, its verification, the baked badge and revocation. */
@Injectable()
export class CredentialsService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly issuer: IssuerService,
    private readonly statusLists: StatusListsService,
    private readonly badges: BadgesService,
  ) {}

  urls(id: string) {
    return { id: `${this.config.PUBLIC_URL}/api/credentials/${id}`, page: `${this.config.PUBLIC_URL}/credentials/${id}`, baked: `${this.config.PUBLIC_URL}/api/credentials/${id}/badge.svg` };
  }

  /**
   * Signs the credential of an approved application, inside the approving transaction: a status
   * index of the active key's list, the recipient as a salted SHA-256 of their e-mail address (their
   * name only if they chose), the statement as evidence only if they chose.
   */
  async issue(manager: EntityManager, application: BadgeApplicationEntity, badge: BadgeEntity, set: SetEntity, user: UserEntity): Promise<string> {
    const key = await this.issuer.activeKey();
    const { listId, index, entry } = await this.statusLists.allocate(manager, key.id);
    const id = randomUUID();
    const now = this.clock.now();
    const salt = randomBytes(16).toString('hex');
    const email = user.email.trim().toLowerCase();
    const narrative = this.badges.map(badge, set.name).narrative;
    const credential = {
      '@context': [VC_V2_CONTEXT, OB_CONTEXT],
      id: this.urls(id).id,
      type: ['VerifiableCredential', 'OpenBadgeCredential'],
      issuer: { id: key.controller, type: ['Profile'], name: this.config.ISSUER_NAME, url: this.config.PUBLIC_URL },
      validFrom: seconds(now),
      name: badge.name,
      credentialSubject: {
        type: ['AchievementSubject'],
        achievement: {
          id: `urn:uuid:${badge.id}`,
          type: ['Achievement'],
          name: badge.name,
          description: badge.description,
          criteria: { narrative },
          image: { id: `${this.config.PUBLIC_URL}/api/badges/${badge.id}/image`, type: 'Image' },
        },
        identifier: [
          { type: 'IdentityObject', identityType: 'emailAddress', hashed: true, identityHash: `sha256$${createHash('sha256').update(email + salt).digest('hex')}`, salt },
          ...(application.showName ? [{ type: 'IdentityObject', identityType: 'name', hashed: false, identityHash: user.displayName }] : []),
        ],
      },
      ...(application.publicEvidence ? { evidence: [{ type: ['Evidence'], name: 'Reflective statement', narrative: application.statement }] } : {}),
      credentialStatus: entry,
    };
    const signed = await this.statusLists.sign(credential, key.id, now);
    await manager.query(
      `INSERT INTO "credentials" ("id", "applicationId", "badgeId", "setId", "userId", "keyId", "statusListId", "statusIndex", "badgeName", "setName", "document", "issuedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [id, application.id, badge.id, set.id, user.id, key.id, listId, index, badge.name, set.name, JSON.stringify(signed), now],
    );
    return id;
  }

  async mine(user: UserEntity): Promise<CredentialSummaryResponse[]> {
    const rows = await this.db.getRepository(CredentialEntity).find({ where: { userId: user.id }, order: { issuedAt: 'DESC' } });
    return rows.map((c) => ({ id: c.id, badgeName: c.badgeName, setName: c.setName, issuedAt: c.issuedAt.toISOString(), url: this.urls(c.id).page, jsonUrl: this.urls(c.id).id, bakedUrl: this.urls(c.id).baked, revokedAt: c.revokedAt?.toISOString() ?? null }));
  }

  /** CPD records of the badges a person earned in [from, until): what the badge certifies and where to verify it. */
  async cpdRecords(user: UserEntity, from: Date, until: Date): Promise<CpdRecord[]> {
    const rows = (await this.db.query(
      `SELECT c."id", c."badgeName", c."setName", c."issuedAt", c."revokedAt", c."document" -> 'credentialSubject' -> 'achievement' -> 'criteria' ->> 'narrative' AS "narrative", a."statement"
         FROM "credentials" c LEFT JOIN "badge_applications" a ON a."id" = c."applicationId"
        WHERE c."userId" = $1 AND c."issuedAt" >= $2 AND c."issuedAt" < $3 AND c."revokedAt" IS NULL ORDER BY c."issuedAt"`,
      [user.id, from, until],
    )) as { id: string; badgeName: string; setName: string; issuedAt: Date; narrative: string | null; statement: string | null }[];
    return rows.map((r) => ({
      activityType: 'Recognised learning: Open Badge',
      date: DateTime.fromJSDate(r.issuedAt, { zone: user.timeZone }).toISODate()!,
      title: `Open Badge "${r.badgeName}" (${r.setName})`,
      description: `Awarded by ${this.config.ISSUER_NAME} for: ${r.narrative ?? r.badgeName} Verify it at ${this.urls(r.id).page}`,
      learning: r.statement ?? '',
      impact: '',
      different: '',
      peerDiscussion: "Reviewed by the set's facilitator",
      hours: 0,
    }));
  }

  async find(credentialId: string): Promise<CredentialEntity> {
    const found = isUUID(credentialId) ? await this.db.getRepository(CredentialEntity).findOneBy({ id: credentialId }) : null;
    if (!found) throw notFound(BadgeErrorCode.CredentialNotFound, 'No such credential.');
    return found;
  }

  async document(credentialId: string): Promise<Record<string, unknown>> {
    return (await this.find(credentialId)).document;
  }

  /** The credential verified now, on the server, with the same libraries a verifier uses. */
  async verification(credentialId: string): Promise<CredentialVerificationResponse> {
    const credential = await this.find(credentialId);
    const outcome = await this.statusLists.verify(credential.document);
    const doc = credential.document as CredentialDocument;
    const achievement = doc.credentialSubject?.achievement ?? {};
    const issuer = typeof doc.issuer === 'string' ? { id: doc.issuer } : (doc.issuer ?? {});
    const revoked = outcome.revoked === true;
    return {
      credentialId: credential.id,
      status: !outcome.verified ? 'invalid' : revoked ? 'revoked' : 'valid',
      verified: outcome.verified,
      revoked,
      errors: outcome.errors,
      badge: { name: achievement.name ?? '', description: achievement.description ?? '', narrative: achievement.criteria?.narrative ?? '', imageUrl: achievement.image?.id ?? null },
      issuer: { id: issuer.id ?? '', name: issuer.name ?? '', url: issuer.url ?? null },
      recipientName: doc.credentialSubject?.identifier?.find((i) => i.identityType === 'name' && !i.hashed)?.identityHash ?? null,
      issuedAt: doc.validFrom ?? credential.issuedAt.toISOString(),
      evidence: doc.evidence?.[0]?.narrative ?? null,
      checkedAt: this.clock.now().toISOString(),
    };
  }

  /** The badge image with the signed credential baked in (Open Badges 3.0, SVG). */
  async baked(credentialId: string): Promise<string> {
    const credential = await this.find(credentialId);
    const image = credential.badgeId ? await this.badges.storedImage(credential.badgeId) : null;
    return bakeSvg(image, credential.badgeName, credential.document);
  }

  /** A facilitator of the credential's set revokes it: its bit is set and the status list re-signed, in one transaction. */
  async revoke(user: UserEntity, credentialId: string, reason: string): Promise<void> {
    const credential = await this.find(credentialId);
    const membership = credential.setId ? await this.db.getRepository(MembershipEntity).findOneBy({ setId: credential.setId, userId: user.id }) : null;
    if (!membership) throw notFound(BadgeErrorCode.CredentialNotFound, 'No such credential.');
    if (membership.role !== 'facilitator') throw forbidden(BadgeErrorCode.FacilitatorOnly, 'Only a facilitator of the set can revoke its credentials.');
    await this.db.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT "revokedAt" FROM "credentials" WHERE "id" = $1 FOR UPDATE`, [credential.id])) as { revokedAt: Date | null }[];
      if (row.revokedAt) throw conflict(BadgeErrorCode.AlreadyRevoked, 'This credential is already revoked.');
      await manager.query(`UPDATE "credentials" SET "revokedAt" = $2, "revokedById" = $3, "revokedReason" = $4 WHERE "id" = $1`, [credential.id, this.clock.now(), user.id, reason]);
      await this.statusLists.publish(manager, credential.statusListId);
    });
  }
}
