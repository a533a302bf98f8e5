import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { BadgeErrorCode, criteriaNarrative, DEFAULT_BADGE_PROMPTS, unmetCriteria, type BadgeResponse, type UnmetCriterion } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { EvaluationService } from '@api/evaluation/evaluation.service';
import type { MembershipEntity } from '@api/sets/membership.entity';
import { SetEntity } from '@api/sets/set.entity';
import { BadgeEntity } from './badges.entities';
import { defaultBadgeSvg, parseBadgeImage, type BadgeImageType } from './badge-image';
import type { BadgeImageDto, BadgeUpdateDto } from './dto/badge.dto';
import { badRequest, notFound } from '@api/common/domain-error';

export interface BadgeFacts {
  meetingsAttended: number;
  presented: boolean;
}

/** A set's badge: its definition and image, and what a person has done towards it. */
@Injectable()
export class BadgesService {
  constructor(
    private readonly db: DataSource,
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly evaluation: EvaluationService,
  ) {}

  map(badge: BadgeEntity, setName: string): BadgeResponse {
    const criteria = { minMeetings: badge.minMeetings, presented: badge.presented, minWords: badge.minWords };
    return {
      id: badge.id,
      setId: badge.setId,
      name: badge.name,
      description: badge.description,
      criteria,
      prompts: badge.prompts,
      narrative: criteriaNarrative(criteria, badge.prompts, setName),
      imageUrl: `${this.config.PUBLIC_URL}/api/badges/${badge.id}/image`,
      customImage: badge.imageType !== null,
      updatedAt: badge.updatedAt.toISOString(),
    };
  }

  async forSet(setId: string): Promise<{ badge: BadgeEntity; set: SetEntity }> {
    const badge = await this.db.getRepository(BadgeEntity).findOneBy({ setId });
    if (!badge) throw notFound(BadgeErrorCode.NotFound, 'This set has no badge yet: a facilitator can give it one.');
    return { badge, set: await this.db.getRepository(SetEntity).findOneByOrFail({ id: setId }) };
  }

  async get(membership: MembershipEntity): Promise<BadgeResponse> {
    const { badge, set } = await this.forSet(membership.setId);
    return this.map(badge, set.name);
  }

  /** Creates or replaces the set's badge (one per set: the unique setId decides a race). */
  async put(membership: MembershipEntity, dto: BadgeUpdateDto): Promise<BadgeResponse> {
    const set = await this.db.getRepository(SetEntity).findOneByOrFail({ id: membership.setId });
    const prompts = dto.prompts ?? [...DEFAULT_BADGE_PROMPTS];
    await this.db.query(
      `INSERT INTO "badges" ("setId", "name", "description", "minMeetings", "presented", "minWords", "prompts", "createdAt", "updatedAt")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)
       ON CONFLICT ("setId") DO UPDATE SET "name" = $2, "description" = $3, "minMeetings" = $4, "presented" = $5, "minWords" = $6, "prompts" = $7, "updatedAt" = $8`,
      [set.id, dto.name, dto.description, dto.criteria.minMeetings, dto.criteria.presented ?? false, dto.criteria.minWords, JSON.stringify(prompts), this.clock.now()],
    );
    const badge = await this.db.getRepository(BadgeEntity).findOneByOrFail({ setId: set.id });
    return this.map(badge, set.name);
  }

  async putImage(membership: MembershipEntity, dto: BadgeImageDto): Promise<BadgeResponse> {
    const { badge, set } = await this.forSet(membership.setId);
    const image = parseBadgeImage(dto.dataUrl);
    if ('problem' in image) throw badRequest(BadgeErrorCode.InvalidImage, image.problem, 'dataUrl');
    await this.db.query(`UPDATE "badges" SET "image" = $2, "imageType" = $3, "updatedAt" = $4 WHERE "id" = $1`, [badge.id, image.bytes, image.type, this.clock.now()]);
    return this.map(await this.db.getRepository(BadgeEntity).findOneByOrFail({ id: badge.id }), set.name);
  }

  async deleteImage(membership: MembershipEntity): Promise<BadgeResponse> {
    const { badge, set } = await this.forSet(membership.setId);
    await this.db.query(`UPDATE "badges" SET "image" = NULL, "imageType" = NULL, "updatedAt" = $2 WHERE "id" = $1`, [badge.id, this.clock.now()]);
    return this.map(await this.db.getRepository(BadgeEntity).findOneByOrFail({ id: badge.id }), set.name);
  }

  /** The badge's image (uploaded, or the generated default), public like the credentials that show it. */
  async image(badgeId: string): Promise<{ type: BadgeImageType; bytes: Buffer } | null> {
    const [row] = (await this.db.query(`SELECT "name", "image", "imageType" FROM "badges" WHERE "id" = $1`, [badgeId])) as { name: string; image: Buffer | null; imageType: BadgeImageType | null }[];
    if (!row) return null;
    if (row.image && row.imageType) return { type: row.imageType, bytes: row.image };
    return { type: 'image/svg+xml', bytes: Buffer.from(defaultBadgeSvg(row.name), 'utf8') };
  }

  async storedImage(badgeId: string): Promise<{ type: BadgeImageType; bytes: Buffer } | null> {
    const [row] = (await this.db.query(`SELECT "image", "imageType" FROM "badges" WHERE "id" = $1`, [badgeId])) as { image: Buffer | null; imageType: BadgeImageType | null }[];
    return row?.image && row.imageType ? { type: row.imageType, bytes: row.image } : null;
  }

  /**
   * What a person did in the set: meetings attended (past meetings where they joined the live
   * session or their attendance was recorded, as in their CPD records) and whether they presented
   * (a presenter of a live session, or of a round).
   */
  async facts(setId: string, userId: string): Promise<BadgeFacts> {
    const [{ attended }] = (await this.db.query(
      `SELECT count(*)::int AS "attended" FROM "meetings" m
        WHERE m."setId" = $1 AND m."status" = 'scheduled' AND m."startsAt" < $3
          AND (EXISTS (SELECT 1 FROM "session_attendance" sa WHERE sa."meetingId" = m."id" AND sa."userId" = $2)
               OR EXISTS (SELECT 1 FROM "meeting_attendance" a WHERE a."meetingId" = m."id" AND a."userId" = $2 AND a."status" = 'attending'))`,
      [setId, userId, this.clock.now()],
    )) as { attended: number }[];
    const [{ rounds }] = (await this.db.query(`SELECT count(*)::int AS "rounds" FROM "rounds" WHERE "setId" = $1 AND "presenterId" = $2`, [setId, userId])) as { rounds: number }[];
    let presented = rounds > 0;
    if (!presented) for (const stats of (await this.evaluation.sessions(setId)).values()) presented ||= stats.presented.includes(userId);
    return { meetingsAttended: attended, presented };
  }

  unmet(badge: BadgeEntity, facts: BadgeFacts, words?: number): UnmetCriterion[] {
    return unmetCriteria({ minMeetings: badge.minMeetings, presented: badge.presented, minWords: badge.minWords }, { ...facts, words });
  }
}
