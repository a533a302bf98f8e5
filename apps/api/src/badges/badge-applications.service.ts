import { Injectable } from '@nestjs/common';
import { isUUID } from 'class-validator';
import { DataSource, QueryFailedError } from 'typeorm';
import { BadgeErrorCode, CONFIDENTIALITY_LABELS, countWords, unresolvedFindings, type BadgeApplicationCreated, type BadgeApplicationResponse, type BadgeDecisionResponse, type BadgeProgressResponse } from '@als/shared';
import { Clock } from '@api/common/clock';
import { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { UserEntity } from '@api/users/user.entity';
import { BadgeApplicationEntity, BadgeEntity } from './badges.entities';
import { BadgesService } from './badges.service';
import { CredentialsService } from './credentials.service';
import type { BadgeApplicationDto, BadgeDecisionDto } from './dto/badge.dto';
import { badFields, conflict, forbidden, notFound } from '@api/common/domain-error';


/** Applying for a set's badge, a person's progress towards it, and the facilitator's decision (approval issues the credential). */
@Injectable()
export class BadgeApplicationsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly badges: BadgesService,
    private readonly credentials: CredentialsService,
  ) {}

  private map(a: BadgeApplicationEntity, displayName: string, credentialId: string | null): BadgeApplicationResponse {
    return {
      id: a.id,
      setId: a.setId,
      userId: a.userId,
      displayName,
      status: a.status,
      statement: a.statement,
      wordCount: countWords(a.statement),
      publicEvidence: a.publicEvidence,
      showName: a.showName,
      feedback: a.feedback,
      submittedAt: a.submittedAt.toISOString(),
      decidedAt: a.decidedAt?.toISOString() ?? null,
      credentialId,
    };
  }

  /** What the caller has done towards the badge, what is missing, and their latest application. */
  async progress(membership: MembershipEntity, user: UserEntity): Promise<BadgeProgressResponse> {
    const { badge, set } = await this.badges.forSet(membership.setId);
    const facts = await this.badges.facts(set.id, user.id);
    const latest = await this.db.getRepository(BadgeApplicationEntity).findOne({ where: { badgeId: badge.id, userId: user.id }, order: { submittedAt: 'DESC' } });
    const [held] = (await this.db.query(`SELECT "id", "applicationId" FROM "credentials" WHERE "badgeId" = $1 AND "userId" = $2 AND "revokedAt" IS NULL ORDER BY "issuedAt" DESC LIMIT 1`, [badge.id, user.id])) as { id: string; applicationId: string | null }[];
    return {
      badge: this.badges.map(badge, set.name),
      ...facts,
      unmet: this.badges.unmet(badge, facts),
      application: latest ? this.map(latest, user.displayName, held?.applicationId === latest.id ? held.id : null) : null,
      credentialId: held?.id ?? null,
    };
  }

  /**
   * A member (or facilitator) applies: criteria met (400 naming each one that is not), the
   * declaration made, and for public evidence no confidentiality finding left that they did not
   * confirm. One application waits per person (a unique index decides a race: 409).
   */
  async apply(membership: MembershipEntity, user: UserEntity, dto: BadgeApplicationDto): Promise<BadgeApplicationCreated> {
    const { badge } = await this.badges.forSet(membership.setId);
    const facts = await this.badges.facts(badge.setId, user.id);
    const unmet = this.badges.unmet(badge, facts, countWords(dto.statement));
    if (unmet.length) throw badFields(BadgeErrorCode.CriteriaUnmet, `You do not meet the badge's criteria yet: ${unmet.map((u) => u.message).join('; ')}.`, unmet.map((u) => ({ field: u.field, message: u.message })));
    if (dto.publicEvidence) {
      const open = unresolvedFindings(dto.statement, dto.confirmedFindings ?? []);
      if (open.length) {
        const listed = open.map((f) => `"${f.text}" (${CONFIDENTIALITY_LABELS[f.kind]}; suggested: ${f.replacement})`).join(', ');
        throw badFields(BadgeErrorCode.MayIdentify, `statement may identify someone, and public evidence is shown to anyone: replace or confirm ${listed}.`, [{ field: 'statement', message: `statement may identify someone: ${listed}` }]);
      }
    }
    const [held] = (await this.db.query(`SELECT 1 FROM "credentials" WHERE "badgeId" = $1 AND "userId" = $2 AND "revokedAt" IS NULL`, [badge.id, user.id])) as unknown[];
    if (held) throw conflict(BadgeErrorCode.AlreadyHeld, 'You already hold this badge.');
    try {
      const saved = await this.db.getRepository(BadgeApplicationEntity).save({
        badgeId: badge.id,
        setId: badge.setId,
        userId: user.id,
        statement: dto.statement,
        publicEvidence: dto.publicEvidence ?? false,
        showName: dto.showName ?? false,
        confirmedFindings: dto.publicEvidence ? (dto.confirmedFindings ?? []) : [],
        status: 'submitted',
        submittedAt: this.clock.now(),
      });
      return { id: saved.id, status: 'submitted' };
    } catch (error) {
      if (error instanceof QueryFailedError && (error.driverError as { code?: string }).code === '23505') {
        throw conflict(BadgeErrorCode.AlreadyWaiting, 'Your application is already waiting for the facilitator.');
      }
      throw error;
    }
  }

  /** Every application of the set, waiting ones first (facilitators only: statements are for them and the author). */
  async list(membership: MembershipEntity): Promise<BadgeApplicationResponse[]> {
    const rows = (await this.db.query(
      `SELECT a.*, u."displayName", c."id" AS "credentialId" FROM "badge_applications" a
         JOIN "users" u ON u."id" = a."userId" LEFT JOIN "credentials" c ON c."applicationId" = a."id"
        WHERE a."setId" = $1 ORDER BY (a."status" = 'submitted') DESC, a."submittedAt" ASC`,
      [membership.setId],
    )) as (BadgeApplicationEntity & { displayName: string; credentialId: string | null })[];
    return rows.map((r) => this.map({ ...r, submittedAt: new Date(r.submittedAt), decidedAt: r.decidedAt ? new Date(r.decidedAt) : null }, r.displayName, r.credentialId));
  }

  /**
   * A facilitator of the application's set approves (the credential is issued in the same
   * transaction) or returns it with feedback. The application row is locked, so two decisions
   * at once make one: the second gets 409.
   */
  async decide(user: UserEntity, applicationId: string, dto: BadgeDecisionDto): Promise<BadgeDecisionResponse> {
    const found = isUUID(applicationId) ? await this.db.getRepository(BadgeApplicationEntity).findOneBy({ id: applicationId }) : null;
    const membership = found ? await this.db.getRepository(MembershipEntity).findOneBy({ setId: found.setId, userId: user.id }) : null;
    if (!found || !membership) throw notFound(BadgeErrorCode.ApplicationNotFound, 'No such application.');
    if (membership.role !== 'facilitator') throw forbidden(BadgeErrorCode.FacilitatorOnly, 'Only a facilitator of the set can decide on applications.');
    if (found.userId === user.id) throw forbidden(BadgeErrorCode.OwnApplication, 'Another facilitator of the set must decide on your own application.');
    if (dto.decision === 'return' && !dto.feedback) throw badFields(BadgeErrorCode.FeedbackRequired, 'feedback is needed to return an application: say what to change.', [{ field: 'feedback', message: 'feedback is needed to return an application: say what to change' }]);
    return this.db.transaction(async (manager) => {
      const application = await manager.findOne(BadgeApplicationEntity, { where: { id: found.id }, lock: { mode: 'pessimistic_write' } });
      if (!application || application.status !== 'submitted') throw conflict(BadgeErrorCode.AlreadyDecided, `This application was already ${application?.status ?? 'decided'}.`);
      application.status = dto.decision === 'approve' ? 'approved' : 'returned';
      application.feedback = dto.feedback ?? '';
      application.decidedAt = this.clock.now();
      application.decidedById = user.id;
      await manager.save(application);
      if (dto.decision === 'return') return { id: application.id, status: application.status };
      const badge = await manager.findOneByOrFail(BadgeEntity, { id: application.badgeId });
      const set = await manager.findOneByOrFail(SetEntity, { id: application.setId });
      const recipient = await manager.findOneByOrFail(UserEntity, { id: application.userId });
      const credentialId = await this.credentials.issue(manager, application, badge, set, recipient);
      return { id: application.id, status: application.status, credentialId };
    });
  }
}
