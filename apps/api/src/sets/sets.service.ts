import { MembershipEvents } from '@api/common/membership-events';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource, EntityManager, In, Not, Repository } from 'typeorm';
import { APOLOGY_NOTICE_HOURS, countParticipants, DEFAULT_GROUND_RULES, DEFAULT_RETENTION_DAYS, ROUND_DEFAULT_DAYS, QUORUM, SetErrorCode, SetRole, setSizeNote } from '@als/shared';
import type { UserEntity } from '@api/users/user.entity';
import { Clock } from '@api/common/clock';
import { conflict, forbidden, notFound } from '@api/common/domain-error';
import { AuditService } from '@api/evaluation/audit.service';
import { enrolInOpenRounds } from '@api/rounds/round-participants';
import { notYetHeld } from '@api/meetings/meeting-held';
import { organisationSetDefaults } from '@api/organisations/organisation-sets';
import { MembershipEntity } from './membership.entity';
import { SetClosing } from './set-closing';
import { SetEntity } from './set.entity';
import { prepared } from '@api/database/prepared';
import {
  MembershipResponseDto,
  SetCloseDto,
  SetCreateDto,
  SetDetailResponseDto,
  SetResponseDto,
  SetSummaryResponseDto,
  SetUpdateDto,
} from './dto/set.dto';

/**
 * When a closed set's case content goes: its retention period after it was closed, in calendar
 * days in the set's zone (closed at 10:00, purged at 10:00 that many days later, whatever the
 * clock changes between).
 */
export function purgeAfter(set: Pick<SetEntity, 'closedAt' | 'retentionDays' | 'timeZone'>): Date | null {
  return set.closedAt ? DateTime.fromJSDate(set.closedAt, { zone: set.timeZone }).plus({ days: set.retentionDays }).toJSDate() : null;
}

/** The fields that were given (a validated DTO instance has the others as undefined). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A closed set takes no new meetings or invitations. */
export function assertSetOpen(set: Pick<SetEntity, 'status'>, what: string): void {
  if (set.status === 'closed') throw conflict(SetErrorCode.Closed, `The set is closed: reopen it to ${what}.`);
}

export function mapSet(set: SetEntity, role: SetRole): SetResponseDto {
  return {
    id: set.id,
    name: set.name,
    purpose: set.purpose,
    mode: set.mode,
    timeZone: set.timeZone,
    groundRules: set.groundRules,
    apologyNoticeHours: set.apologyNoticeHours,
    quorum: set.quorum,
    status: set.status,
    closedAt: set.closedAt?.toISOString() ?? null,
    organisationId: set.organisationId,
    retentionDays: set.retentionDays,
    practice: set.practice,
    roundPhaseDays: { ...ROUND_DEFAULT_DAYS, ...(set.roundPhaseDays ?? {}) },
    purgeAfter: purgeAfter(set)?.toISOString() ?? null,
    purgedAt: set.purgedAt?.toISOString() ?? null,
    role,
    createdAt: set.createdAt.toISOString(),
    updatedAt: set.updatedAt.toISOString(),
  };
}

export function mapMembership(membership: MembershipEntity): MembershipResponseDto {
  return { setId: membership.setId, userId: membership.userId, role: membership.role };
}

@Injectable()
export class SetsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(SetEntity) private readonly sets: Repository<SetEntity>,
    @InjectRepository(MembershipEntity) private readonly memberships: Repository<MembershipEntity>,
    private readonly membershipEvents: MembershipEvents,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    private readonly closing: SetClosing,
  ) {}

  async create(user: UserEntity, dto: SetCreateDto): Promise<SetResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const inherited = dto.organisationId ? await organisationSetDefaults(manager, dto.organisationId, user.id) : null;
      const set = await manager.save(
        manager.create(SetEntity, {
          organisationId: dto.organisationId ?? null,
          name: dto.name,
          purpose: dto.purpose ?? '',
          mode: dto.mode,
          timeZone: dto.timeZone,
          groundRules: dto.groundRules ?? inherited?.groundRules ?? DEFAULT_GROUND_RULES,
          apologyNoticeHours: dto.apologyNoticeHours ?? APOLOGY_NOTICE_HOURS.default,
          quorum: dto.quorum === undefined ? QUORUM.default : dto.quorum,
          retentionDays: dto.retentionDays ?? inherited?.retentionDays ?? DEFAULT_RETENTION_DAYS,
          roundPhaseDays: dto.roundPhaseDays ? definedOnly(dto.roundPhaseDays) : null,
          practice: dto.practice ?? false,
        }),
      );
      await manager.save(manager.create(MembershipEntity, { setId: set.id, userId: user.id, role: 'facilitator', groundRulesAcceptedAt: this.clock.now() }));
      return mapSet(set, 'facilitator');
    });
  }

  /** The person's sets, by name, each with its member count: one statement, plain rows (a hot read). */
  async listForUser(user: UserEntity): Promise<SetSummaryResponseDto[]> {
    const rows = await prepared<SetEntity & { callerRole: SetRole; memberCount: number }>(
      this.dataSource,
      'sets-of-user',
      `SELECT s.*, ms."role" AS "callerRole", (SELECT count(*)::int FROM "set_memberships" c WHERE c."setId" = s."id") AS "memberCount"
         FROM "set_memberships" ms JOIN "sets" s ON s."id" = ms."setId"
        WHERE ms."userId" = $1 ORDER BY s."name" ASC`,
      [user.id],
    );
    return rows.map((row) => ({ ...mapSet(row, row.callerRole), memberCount: row.memberCount }));
  }

  /** The set with its members (e-mail addresses for facilitators): plain rows, no entity hydration (a hot read). */
  /**
   * The set page: the set and its members in one statement (the members as one JSON array, so
   * one round trip and one row to parse), beside the session and membership the guard read.
   */
  async detail(membership: MembershipEntity): Promise<SetDetailResponseDto> {
    const [set] = await prepared<SetEntity & { members: { userId: string; role: SetRole; joinedAt: string; displayName: string; email: string }[] }>(
      this.dataSource,
      'set-page',
      `SELECT s.*, COALESCE((SELECT json_agg(json_build_object('userId', ms."userId", 'role', ms."role", 'joinedAt', ms."createdAt", 'displayName', u."displayName", 'email', u."email") ORDER BY ms."createdAt" ASC)
                               FROM "set_memberships" ms JOIN "users" u ON u."id" = ms."userId" WHERE ms."setId" = s."id"), '[]'::json) AS "members"
         FROM "sets" s WHERE s."id" = $1`,
      [membership.setId],
    );
    if (!set) throw notFound(SetErrorCode.NotFound, 'Set not found.');
    const participantCount = countParticipants(set.members.map((m) => m.role));
    return {
      ...mapSet(set, membership.role),
      members: set.members.map((m) => ({
        userId: m.userId,
        displayName: m.displayName,
        ...(membership.role === 'facilitator' ? { email: m.email } : {}),
        role: m.role,
        joinedAt: new Date(m.joinedAt).toISOString(),
      })),
      participantCount,
      sizeNote: setSizeNote(participantCount),
    };
  }

  async update(membership: MembershipEntity, dto: SetUpdateDto): Promise<SetResponseDto> {
    // Under the set lock: two edits of the round rhythm at once both count (it is merged, not replaced).
    return this.withSetLock(membership.setId, async (manager) => {
      const set = await manager.findOneByOrFail(SetEntity, { id: membership.setId });
      const { roundPhaseDays, ...rest } = dto;
      Object.assign(set, Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)));
      if (roundPhaseDays) set.roundPhaseDays = { ...(set.roundPhaseDays ?? {}), ...definedOnly(roundPhaseDays) };
      await manager.save(set);
      return mapSet(set, membership.role);
    });
  }

  /**
   * A facilitator closes (archives) the set: it stays readable, takes no new meetings or
   * invitations, and its case content is deleted for good after its retention period.
   */
  async close(membership: MembershipEntity, dto: SetCloseDto): Promise<SetResponseDto> {
    const after: (() => void)[] = [];
    const closed = await this.withSetLock(membership.setId, async (manager) => {
      const set = await manager.findOneByOrFail(SetEntity, { id: membership.setId });
      if (set.status === 'closed') throw conflict(SetErrorCode.AlreadyClosed, 'The set is already closed.');
      // Meetings to come: not ended, and not already held (a session run before its start belongs to its meeting).
      const count = async () =>
        ((await manager.query(`SELECT count(*)::int AS "upcoming" FROM "meetings" m WHERE m."setId" = $1 AND m."status" = 'scheduled' AND m."endsAt" > $2 AND ${notYetHeld('m')}`, [set.id, this.clock.now()])) as { upcoming: number }[])[0].upcoming;
      let upcoming = await count();
      let cancelled = 0;
      if (upcoming > 0 && dto.cancelUpcoming) {
        const cancelling = await this.closing.cancelUpcoming(manager, set);
        after.push(cancelling.afterCommit);
        cancelled = cancelling.cancelled;
        upcoming = await count();
        if (upcoming > 0) throw conflict(SetErrorCode.HasMeetingsUnderWay, `The set has ${upcoming === 1 ? 'a meeting' : `${upcoming} meetings`} under way: close it once ${upcoming === 1 ? 'it has' : 'they have'} ended.`);
      }
      if (upcoming > 0) throw conflict(SetErrorCode.HasMeetingsToCome, `The set still has ${upcoming === 1 ? 'a meeting' : `${upcoming} meetings`} to come: cancel ${upcoming === 1 ? 'it' : 'them'} first, or close with cancelUpcoming: true to cancel ${upcoming === 1 ? 'it' : 'them'} and close.`);
      const [{ running }] = (await manager.query(`SELECT count(*)::int AS "running" FROM "rounds" WHERE "setId" = $1 AND "phase" <> 'closed'`, [set.id])) as { running: number }[];
      if (running > 0) throw conflict(SetErrorCode.HasRoundsUnderWay, `The set still has ${running === 1 ? 'a round' : `${running} rounds`} under way: close ${running === 1 ? 'it' : 'them'} first.`);
      set.status = 'closed';
      set.closedAt = this.clock.now();
      if (dto.retentionDays !== undefined) set.retentionDays = dto.retentionDays;
      await manager.save(set);
      await this.audit.record(set.id, membership.userId, 'set.closed', { retentionDays: set.retentionDays, ...(cancelled ? { cancelledMeetings: cancelled } : {}) }, manager);
      return mapSet(set, membership.role);
    });
    for (const step of after) step();
    return closed;
  }

  /** Opens a closed set again, as long as its case content has not yet been deleted. */
  async reopen(membership: MembershipEntity): Promise<SetResponseDto> {
    return this.withSetLock(membership.setId, async (manager) => {
      const set = await manager.findOneByOrFail(SetEntity, { id: membership.setId });
      if (set.status !== 'closed') throw conflict(SetErrorCode.NotClosed, 'The set is not closed.');
      if (set.purgedAt) throw conflict(SetErrorCode.Purged, 'The set’s case content was deleted at the end of its retention period: it cannot be reopened.');
      set.status = 'active';
      set.closedAt = null;
      await manager.save(set);
      await this.audit.record(set.id, membership.userId, 'set.reopened', {}, manager);
      return mapSet(set, membership.role);
    });
  }

  /** A facilitator removes someone, or a member leaves (removes themself). Access ends with this call. */
  async removeMember(caller: MembershipEntity, userId: string): Promise<void> {
    const leaving = caller.userId === userId;
    if (!leaving && caller.role !== 'facilitator') {
      throw forbidden(SetErrorCode.RoleRequired, 'Only a facilitator of this set can remove other people.');
    }
    await this.withSetLock(caller.setId, async (manager) => {
      if (!leaving) await this.assertStillFacilitator(manager, caller);
      const target = await this.findMember(manager, caller.setId, userId);
      await this.assertFacilitatorRemains(manager, caller.setId, [{ userId, role: null }]);
      await manager.delete(MembershipEntity, { id: target.id });
      await this.audit.record(caller.setId, caller.userId, 'member.removed', { userId, role: target.role, left: leaving }, manager);
    });
    this.membershipEvents.leftSet(caller.setId, userId);
  }

  async changeRole(caller: MembershipEntity, userId: string, role: SetRole): Promise<MembershipResponseDto> {
    return this.withSetLock(caller.setId, async (manager) => {
      await this.assertStillFacilitator(manager, caller);
      const target = await this.findMember(manager, caller.setId, userId);
      await this.assertFacilitatorRemains(manager, caller.setId, [{ userId, role }]);
      const from = target.role;
      target.role = role;
      await manager.save(target);
      // Someone who now takes part gets their place in the rounds under way (their reply address).
      if (from === 'sponsor' && role !== 'sponsor') await enrolInOpenRounds(manager, caller.setId, userId);
      await this.audit.record(caller.setId, caller.userId, 'member.role-changed', { userId, from, to: role }, manager);
      return mapMembership(target);
    }).then((membership) => {
      // A sponsor takes no part in sessions: their live connections to the set end now.
      if (role === 'sponsor') this.membershipEvents.leftSet(caller.setId, userId);
      return membership;
    });
  }

  /** The caller hands the facilitator role to a member and becomes a member themself. */
  async handOverFacilitation(caller: MembershipEntity, userId: string): Promise<MembershipResponseDto[]> {
    if (userId === caller.userId) throw conflict(SetErrorCode.AlreadyFacilitator, 'You are already the facilitator.');
    return this.withSetLock(caller.setId, async (manager) => {
      const self = await this.assertStillFacilitator(manager, caller);
      const target = await this.findMember(manager, caller.setId, userId);
      if (target.role === 'sponsor') throw conflict(SetErrorCode.SponsorCannotFacilitate, 'A sponsor cannot facilitate: make them a member first.');
      await this.assertFacilitatorRemains(manager, caller.setId, [{ userId, role: 'facilitator' }, { userId: caller.userId, role: 'member' }]);
      const from = target.role;
      target.role = 'facilitator';
      self.role = 'member';
      await manager.save([target, self]);
      await this.audit.record(caller.setId, caller.userId, 'member.role-changed', { userId, from, to: 'facilitator', handover: true }, manager);
      return [mapMembership(target), mapMembership(self)];
    });
  }

  /**
   * A person's memberships end with their account, inside the caller's transaction (which then
   * deletes the user). Every set they are in is locked, in one order (by id) so that two accounts
   * deleted at once cannot deadlock; sets nobody else is in go with them; a set where they are
   * the only facilitator of others is refused, naming it.
   */
  async leaveEverySet(manager: EntityManager, userId: string): Promise<void> {
    const setsOf = async () => ((await manager.query(`SELECT "setId" FROM "set_memberships" WHERE "userId" = $1`, [userId])) as { setId: string }[]).map((m) => m.setId);
    const locked = await this.lockSets(manager, await setsOf());
    // With the person's row locked no membership of theirs can be added (its foreign key waits);
    // one that was added since the first read is locked too.
    await manager.query(`SELECT 1 FROM "users" WHERE "id" = $1 FOR UPDATE`, [userId]);
    const late = (await setsOf()).filter((id) => !locked.some((s) => s.id === id));
    if (late.length) locked.push(...(await this.lockSets(manager, late)));
    const alone: string[] = [];
    const blocking: string[] = [];
    for (const set of locked) {
      const others = await manager.count(MembershipEntity, { where: { setId: set.id, userId: Not(userId) } });
      if (others === 0) alone.push(set.id);
      else if (!(await this.facilitatorRemains(manager, set.id, [{ userId, role: null }]))) blocking.push(set.name);
    }
    if (blocking.length) throw conflict(SetErrorCode.LastFacilitator, `You are the only facilitator of ${blocking.map((name) => `"${name}"`).join(', ')}: hand the role to someone else first.`);
    if (alone.length) await manager.delete(SetEntity, { id: In(alone) });
    await manager.delete(MembershipEntity, { userId });
  }

  private async findMember(manager: EntityManager, setId: string, userId: string): Promise<MembershipEntity> {
    const found = isUUID(userId) ? await manager.findOneBy(MembershipEntity, { setId, userId }) : null;
    if (!found) throw notFound(SetErrorCode.MemberNotFound, 'This person is not a member of the set.');
    return found;
  }

  /** The caller's membership read again under the set lock: a facilitator demoted while their request waited is refused. */
  private async assertStillFacilitator(manager: EntityManager, caller: MembershipEntity): Promise<MembershipEntity> {
    const self = await manager.findOneBy(MembershipEntity, { setId: caller.setId, userId: caller.userId });
    if (self?.role !== 'facilitator') throw forbidden(SetErrorCode.RoleRequired, 'Only a facilitator of this set can do this.');
    return self;
  }

  /**
   * The rule "a set keeps at least one facilitator", decided here only, with the set row locked by
   * the caller's transaction: does the set still have a facilitator once `changes` apply (a role
   * of null: the person leaves)?
   */
  private async facilitatorRemains(manager: EntityManager, setId: string, changes: { userId: string; role: SetRole | null }[]): Promise<boolean> {
    const members = await manager.find(MembershipEntity, { where: { setId }, select: { userId: true, role: true } });
    const roleAfter = (m: MembershipEntity) => (changes.find((c) => c.userId === m.userId) ?? m).role;
    return members.some((m) => roleAfter(m) === 'facilitator');
  }

  private async assertFacilitatorRemains(manager: EntityManager, setId: string, changes: { userId: string; role: SetRole | null }[]): Promise<void> {
    if (!(await this.facilitatorRemains(manager, setId, changes))) {
      throw conflict(SetErrorCode.LastFacilitator, 'A set must keep at least one facilitator: hand the role to someone else first.');
    }
  }

  /** Locks the sets' rows, in id order (every path that locks several does so in this order). */
  private async lockSets(manager: EntityManager, setIds: string[]): Promise<{ id: string; name: string }[]> {
    if (setIds.length === 0) return [];
    return (await manager.query(`SELECT "id", "name" FROM "sets" WHERE "id" = ANY($1) ORDER BY "id" FOR UPDATE`, [setIds])) as { id: string; name: string }[];
  }

  /** Serialises changes of one set (its row locked), so two concurrent changes cannot leave it without a facilitator. */
  private withSetLock<T>(setId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE', [setId]);
      return work(manager);
    });
  }
}
