import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { type EvaluationResponse, type OrganisationRole, type OrganisationSetSummary } from '@als/shared';
import { Clock } from '@api/common/clock';
import { AppConfig } from '@api/config/app-config';
import { AuditService } from '@api/evaluation/audit.service';
import { EvaluationService } from '@api/evaluation/evaluation.service';
import { SetEntity } from '@api/sets/set.entity';
import type { UserEntity } from '@api/users/user.entity';
import { OrganisationDomainsService } from './organisation-domains.service';
import { OrganisationEmailDomainEntity, OrganisationEntity, OrganisationMembershipEntity, OrganisationSsoProviderEntity } from './organisation.entities';
import type { MyOrganisationResponseDto, OrganisationCreateDto, OrganisationUpdateDto, OrganisationDetailResponseDto, OrganisationEvaluationResponseDto, OrganisationResponseDto } from './dto/organisation.dto';

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}

/** Organisations and what their admins see of their sets: who runs them, when they meet, figures; never content. */
@Injectable()
export class OrganisationsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly evaluation: EvaluationService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly domains: OrganisationDomainsService,
  ) {}

  /** Creates the organisation with its e-mail domains (pending until verified; 409 for one another organisation verified); the caller is its first admin. */
  async create(user: UserEntity, dto: OrganisationCreateDto): Promise<OrganisationResponseDto> {
    const domains = [...new Set(dto.emailDomains ?? [])];
    return this.db.transaction(async (manager) => {
      const organisation = await manager.save(manager.create(OrganisationEntity, { name: dto.name }));
      await this.domains.replace(manager, organisation.id, domains);
      await manager.insert(OrganisationMembershipEntity, { organisationId: organisation.id, userId: user.id, role: 'admin' });
      return { id: organisation.id, name: organisation.name, emailDomains: domains.sort(), requireSso: false, defaultGroundRules: null, defaultRetentionDays: null };
    });
  }

  /** Changes the name, replaces the domains (those kept stay verified; 409 for one another organisation verified), requires single sign-on or not. */
  async update(organisationId: string, dto: OrganisationUpdateDto): Promise<OrganisationResponseDto> {
    const domains = dto.emailDomains ? [...new Set(dto.emailDomains)] : null;
    await this.db.transaction(async (manager) => {
      await manager.query(`SELECT 1 FROM "organisations" WHERE "id" = $1 FOR UPDATE`, [organisationId]);
      if (dto.requireSso && !this.config.OIDC_ISSUER && !(await manager.existsBy(OrganisationSsoProviderEntity, { organisationId }))) {
        throw new ConflictException('requireSso: single sign-on is not set up for this organisation (its own provider) or on this platform (OIDC_ISSUER), so nobody could sign in.');
      }
      const changes: Partial<OrganisationEntity> = {};
      if (dto.name !== undefined) changes.name = dto.name;
      if (dto.requireSso !== undefined) changes.requireSso = dto.requireSso;
      if (dto.defaultGroundRules !== undefined) changes.defaultGroundRules = dto.defaultGroundRules;
      if (dto.defaultRetentionDays !== undefined) changes.defaultRetentionDays = dto.defaultRetentionDays;
      if (Object.keys(changes).length) await manager.update(OrganisationEntity, { id: organisationId }, changes);
      if (domains) await this.domains.replace(manager, organisationId, domains);
    });
    return this.find(organisationId);
  }

  /** The caller's organisations, with their role in each. */
  async listForUser(user: UserEntity): Promise<MyOrganisationResponseDto[]> {
    const rows = (await this.db.query(
      `SELECT o."id", o."name", o."requireSso", o."defaultGroundRules", o."defaultRetentionDays", om."role",
              coalesce((SELECT array_agg(d."domain" ORDER BY d."domain") FROM "organisation_email_domains" d WHERE d."organisationId" = o."id"), '{}') AS "emailDomains"
         FROM "organisation_memberships" om JOIN "organisations" o ON o."id" = om."organisationId"
        WHERE om."userId" = $1 ORDER BY o."name", o."id"`,
      [user.id],
    )) as (MyOrganisationResponseDto & { role: OrganisationRole })[];
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role, emailDomains: r.emailDomains, requireSso: r.requireSso, defaultGroundRules: r.defaultGroundRules, defaultRetentionDays: r.defaultRetentionDays }));
  }

  /** The organisation with each of its sets: facilitators, how many members, when it next meets. */
  async detail(organisationId: string): Promise<OrganisationDetailResponseDto> {
    return { ...(await this.find(organisationId)), sets: await this.setSummaries(organisationId) };
  }

  /** The organisation's sets (or those of `setIds` among them) as its admins see them. */
  async setSummaries(organisationId: string, setIds?: string[]): Promise<Required<OrganisationSetSummary>[]> {
    const sets = (await this.db.query(
      `SELECT s."id", s."name", s."mode", s."status", s."practice",
              (SELECT count(*)::int FROM "set_memberships" m WHERE m."setId" = s."id" AND m."role" = 'member') AS "memberCount",
              (SELECT min(mt."startsAt") FROM "meetings" mt WHERE mt."setId" = s."id" AND mt."status" = 'scheduled' AND mt."startsAt" > $2) AS "nextMeetingAt",
              (SELECT count(*)::int FROM "meetings" mt WHERE mt."setId" = s."id" AND mt."status" = 'scheduled' AND mt."startsAt" <= $2) AS "meetingsHeld",
              coalesce((SELECT json_agg(json_build_object('userId', u."id", 'displayName', u."displayName") ORDER BY m."createdAt")
                          FROM "set_memberships" m JOIN "users" u ON u."id" = m."userId"
                         WHERE m."setId" = s."id" AND m."role" = 'facilitator'), '[]'::json) AS "facilitators"
         FROM "sets" s WHERE s."organisationId" = $1 AND ($3::uuid[] IS NULL OR s."id" = ANY($3::uuid[])) ORDER BY s."name", s."id"`,
      [organisationId, this.clock.now(), setIds ?? null],
    )) as { id: string; name: string; mode: string; status: string; practice: boolean; memberCount: number; nextMeetingAt: Date | null; meetingsHeld: number; facilitators: { userId: string; displayName: string }[] }[];
    return sets.map((s) => ({ ...s, nextMeetingAt: s.nextMeetingAt ? new Date(s.nextMeetingAt).toISOString() : null }));
  }

  /** Figures across the organisation's sets, each as its sponsors see it (no per-member figures, never content). */
  async evaluate(organisationId: string, viewerId: string): Promise<OrganisationEvaluationResponseDto> {
    const sets = await this.db.getRepository(SetEntity).find({ where: { organisationId }, order: { name: 'ASC', id: 'ASC' } });
    return { organisationId, ...(await this.figuresOf(sets, viewerId, { organisationId })) };
  }

  /**
   * Figures across these sets, each as its sponsors see it. Each set's audit log records that an
   * organisation admin viewed them (its facilitators see who looked, as for their own sponsors).
   */
  async figuresOf(all: SetEntity[], viewerId: string, detail: Record<string, unknown>): Promise<Omit<OrganisationEvaluationResponseDto, 'organisationId'>> {
    // Practice sets (demonstrations, training) are never counted among real sets' figures.
    const sets = all.filter((s) => !s.practice);
    const figures: EvaluationResponse[] = [];
    for (const set of sets) {
      figures.push(await this.evaluation.evaluate(set, 'sponsor'));
      await this.audit.record(set.id, viewerId, 'evaluation.viewed', { role: 'organisation-admin', ...detail });
    }
    const sum = (pick: (e: EvaluationResponse) => number) => figures.reduce((total, e) => total + pick(e), 0);
    const withSessions = figures.filter((e) => e.meetings.some((m) => m.present !== null));
    const mean = (values: number[]) => (values.length ? round(values.reduce((a, b) => a + b, 0) / values.length, 3) : null);
    const ratings = { count: sum((e) => e.ratings.count), distribution: [0, 1, 2, 3, 4].map((i) => sum((e) => e.ratings.distribution[i] ?? 0)) };
    const ratingTotal = ratings.distribution.reduce((total, n, i) => total + n * (i + 1), 0);
    const actions = { total: sum((e) => e.actions.total), open: sum((e) => e.actions.open), done: sum((e) => e.actions.done), partly: sum((e) => e.actions.partly), notDone: sum((e) => e.actions.notDone) };
    const reported = actions.done + actions.partly + actions.notDone;
    return {
      setCount: sets.length,
      attendance: {
        meetings: sum((e) => e.meetings.length),
        attending: sum((e) => e.meetings.reduce((t, m) => t + m.attending, 0)),
        apologies: sum((e) => e.meetings.reduce((t, m) => t + m.apologies, 0)),
        lateApologies: sum((e) => e.meetings.reduce((t, m) => t + m.lateApologies, 0)),
        present: sum((e) => e.meetings.reduce((t, m) => t + (m.present ?? 0), 0)),
      },
      questionKinds: { open: sum((e) => e.questionKinds.open), closed: sum((e) => e.questionKinds.closed), leading: sum((e) => e.questionKinds.leading), advice: sum((e) => e.questionKinds.advice) },
      equity: { airtime: mean(withSessions.map((e) => e.equity.airtime)), questions: mean(withSessions.map((e) => e.equity.questions)) },
      ratings: { ...ratings, average: ratings.count ? round(ratingTotal / ratings.count, 2) : null },
      actions: { ...actions, completionRate: reported ? round(actions.done / reported, 3) : null },
      sets: figures,
    };
  }

  async find(organisationId: string): Promise<OrganisationResponseDto> {
    const organisation = await this.db.getRepository(OrganisationEntity).findOneBy({ id: organisationId });
    if (!organisation) throw new NotFoundException('Organisation not found.');
    const domains = await this.db.getRepository(OrganisationEmailDomainEntity).find({ where: { organisationId }, order: { domain: 'ASC' } });
    return {
      id: organisation.id,
      name: organisation.name,
      emailDomains: domains.map((d) => d.domain),
      requireSso: organisation.requireSso,
      defaultGroundRules: organisation.defaultGroundRules,
      defaultRetentionDays: organisation.defaultRetentionDays,
    };
  }
}
