import { MembershipEvents } from '@api/common/membership-events';
import { ConflictException, ForbiddenException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { APOLOGY_NOTICE_HOURS, countParticipants, DEFAULT_GROUND_RULES, DEFAULT_RETENTION_DAYS, ROUND_DEFAULT_DAYS, QUORUM, SetRole, setSizeNote } from '@als/shared';
import type { UserEntity } from '@api/users/user.entity';
import { AuditService } from '@api/evaluation/audit.service';
import { MembershipEntity } from './membership.entity';
import { SetEntity } from './set.entity';
import {
  MembershipResponseDto,
  SetCloseDto,
  SetCreateDto,
  SetDetailResponseDto,
  SetResponseDto,
  SetSummaryResponseDto,
  SetUpdateDto,
} from './dto/set.dto';

/** When a closed set's case content goes: its retention period after it was closed. */
export function purgeAfter(set: Pick<SetEntity, 'closedAt' | 'retentionDays'>): Date | null {
  return set.closedAt ? new Date(set.closedAt.getTime() + set.retentionDays * 86_400_000) : null;
}

/** The fields that were given (a validated DTO instance has the others as undefined). */
function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** A closed set takes no new meetings or invitations. */
export function assertSetOpen(set: Pick<SetEntity, 'status'>, what: string): void {
  if (set.status === 'closed') throw new ConflictException(`The set is closed: reopen it to ${what}.`);
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
    retentionDays: set.retentionDays,
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
  ) {}

  async create(user: UserEntity, dto: SetCreateDto): Promise<SetResponseDto> {
    return this.dataSource.transaction(async (manager) => {
      const set = await manager.save(
        manager.create(SetEntity, {
          name: dto.name,
          purpose: dto.purpose ?? '',
          mode: dto.mode,
          timeZone: dto.timeZone,
          groundRules: dto.groundRules ?? DEFAULT_GROUND_RULES,
          apologyNoticeHours: dto.apologyNoticeHours ?? APOLOGY_NOTICE_HOURS.default,
          quorum: dto.quorum === undefined ? QUORUM.default : dto.quorum,
          retentionDays: dto.retentionDays ?? DEFAULT_RETENTION_DAYS,
          roundPhaseDays: dto.roundPhaseDays ? definedOnly(dto.roundPhaseDays) : null,
        }),
      );
      await manager.save(manager.create(MembershipEntity, { setId: set.id, userId: user.id, role: 'facilitator', groundRulesAcceptedAt: new Date() }));
      return mapSet(set, 'facilitator');
    });
  }

  async listForUser(user: UserEntity): Promise<SetSummaryResponseDto[]> {
    const rows = await this.memberships.find({ where: { userId: user.id }, relations: { set: true }, order: { set: { name: 'ASC' } } });
    if (rows.length === 0) return [];
    const counts: { setId: string; count: string }[] = await this.memberships
      .createQueryBuilder('membership')
      .select('membership.setId', 'setId')
      .addSelect('count(*)', 'count')
      .where('membership.setId IN (:...ids)', { ids: rows.map((row) => row.setId) })
      .groupBy('membership.setId')
      .getRawMany();
    const countBySet = new Map(counts.map((c) => [c.setId, Number(c.count)]));
    return rows.map((row) => ({ ...mapSet(row.set, row.role), memberCount: countBySet.get(row.setId) ?? 0 }));
  }

  async detail(membership: MembershipEntity): Promise<SetDetailResponseDto> {
    const set = await this.sets.findOneByOrFail({ id: membership.setId });
    const members = await this.memberships.find({ where: { setId: set.id }, relations: { user: true }, order: { createdAt: 'ASC' } });
    const participantCount = countParticipants(members.map((m) => m.role));
    return {
      ...mapSet(set, membership.role),
      members: members.map((m) => ({
        userId: m.userId,
        displayName: m.user.displayName,
        ...(membership.role === 'facilitator' ? { email: m.user.email } : {}),
        role: m.role,
        joinedAt: m.createdAt.toISOString(),
      })),
      participantCount,
      sizeNote: setSizeNote(participantCount),
    };
  }

  async update(membership: MembershipEntity, dto: SetUpdateDto): Promise<SetResponseDto> {
    const set = await this.sets.findOneByOrFail({ id: membership.setId });
    const { roundPhaseDays, ...rest } = dto;
    Object.assign(set, Object.fromEntries(Object.entries(rest).filter(([, value]) => value !== undefined)));
    if (roundPhaseDays) set.roundPhaseDays = { ...(set.roundPhaseDays ?? {}), ...definedOnly(roundPhaseDays) };
    await this.sets.save(set);
    return mapSet(set, membership.role);
  }

  /**
   * A facilitator closes (archives) the set: it stays readable, takes no new meetings or
   * invitations, and its case content is deleted for good after its retention period.
   */
  async close(membership: MembershipEntity, dto: SetCloseDto): Promise<SetResponseDto> {
    return this.withSetLock(membership.setId, async (manager) => {
      const set = await manager.findOneByOrFail(SetEntity, { id: membership.setId });
      if (set.status === 'closed') throw new ConflictException('The set is already closed.');
      const [{ upcoming }] = (await manager.query(`SELECT count(*)::int AS "upcoming" FROM "meetings" WHERE "setId" = $1 AND "status" = 'scheduled' AND "endsAt" > now()`, [set.id])) as { upcoming: number }[];
      if (upcoming > 0) throw new ConflictException(`The set still has ${upcoming === 1 ? 'a meeting' : `${upcoming} meetings`} to come: cancel ${upcoming === 1 ? 'it' : 'them'} first.`);
      const [{ running }] = (await manager.query(`SELECT count(*)::int AS "running" FROM "rounds" WHERE "setId" = $1 AND "phase" <> 'closed'`, [set.id])) as { running: number }[];
      if (running > 0) throw new ConflictException(`The set still has ${running === 1 ? 'a round' : `${running} rounds`} under way: close ${running === 1 ? 'it' : 'them'} first.`);
      set.status = 'closed';
      set.closedAt = new Date();
      if (dto.retentionDays !== undefined) set.retentionDays = dto.retentionDays;
      await manager.save(set);
      await this.audit.record(set.id, membership.userId, 'set.closed', { retentionDays: set.retentionDays }, manager);
      return mapSet(set, membership.role);
    });
  }

  /** Opens a closed set again, as long as its case content has not yet been deleted. */
  async reopen(membership: MembershipEntity): Promise<SetResponseDto> {
    return this.withSetLock(membership.setId, async (manager) => {
      const set = await manager.findOneByOrFail(SetEntity, { id: membership.setId });
      if (set.status !== 'closed') throw new ConflictException('The set is not closed.');
      if (set.purgedAt) throw new ConflictException('The set’s case content was deleted at the end of its retention period: it cannot be reopened.');
      set.status = 'active';
      set.closedAt = null;
      await manager.save(set);
      await this.audit.record(set.id, membership.userId, 'set.reopened', {}, manager);
      return mapSet(set, membership.role);
    });
  }

  /** A facilitator removes someone, or a member leaves (removes themself). Access ends with this call. */
  async removeMember(caller: MembershipEntity, userId: string): Promise<void> {
    if (caller.userId !== userId && caller.role !== 'facilitator') {
      throw new ForbiddenException('Only a facilitator of this set can remove other people.');
    }
    await this.withSetLock(caller.setId, async (manager) => {
      const target = await this.findMember(manager, caller.setId, userId);
      await this.assertFacilitatorRemains(manager, target, null);
      await manager.delete(MembershipEntity, { id: target.id });
      await this.audit.record(caller.setId, caller.userId, 'member.removed', { userId, role: target.role, left: userId === caller.userId }, manager);
    });
    this.membershipEvents.leftSet(caller.setId, userId);
  }

  async changeRole(caller: MembershipEntity, userId: string, role: SetRole): Promise<MembershipResponseDto> {
    return this.withSetLock(caller.setId, async (manager) => {
      const target = await this.findMember(manager, caller.setId, userId);
      await this.assertFacilitatorRemains(manager, target, role);
      const from = target.role;
      target.role = role;
      await manager.save(target);
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
    if (userId === caller.userId) throw new ConflictException('You are already the facilitator.');
    return this.withSetLock(caller.setId, async (manager) => {
      const target = await this.findMember(manager, caller.setId, userId);
      if (target.role === 'sponsor') throw new ConflictException('A sponsor cannot facilitate: make them a member first.');
      target.role = 'facilitator';
      const self = await this.findMember(manager, caller.setId, caller.userId);
      self.role = 'member';
      await manager.save([target, self]);
      await this.audit.record(caller.setId, caller.userId, 'member.role-changed', { userId, from: 'member', to: 'facilitator', handover: true }, manager);
      return [mapMembership(target), mapMembership(self)];
    });
  }

  private async findMember(manager: EntityManager, setId: string, userId: string): Promise<MembershipEntity> {
    const found = isUUID(userId) ? await manager.findOneBy(MembershipEntity, { setId, userId }) : null;
    if (!found) throw new NotFoundException('This person is not a member of the set.');
    return found;
  }

  /** A set always keeps at least one facilitator. */
  private async assertFacilitatorRemains(manager: EntityManager, target: MembershipEntity, newRole: SetRole | null): Promise<void> {
    if (target.role !== 'facilitator' || newRole === 'facilitator') return;
    const facilitators = await manager.countBy(MembershipEntity, { setId: target.setId, role: 'facilitator' });
    if (facilitators <= 1) {
      throw new ConflictException('A set must keep at least one facilitator: hand the role to someone else first.');
    }
  }

  /** Serialises membership changes of one set, so two concurrent changes cannot leave it without a facilitator. */
  private withSetLock<T>(setId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query('SELECT 1 FROM "sets" WHERE "id" = $1 FOR UPDATE', [setId]);
      return work(manager);
    });
  }
}
