import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource, Repository } from 'typeorm';
import { countWords, LearningErrorCode, type LearningLogEntryRequest, type LearningLogEntryResponse } from '@als/shared';
import { Clock } from '@api/common/clock';
import { badRequest, notFound } from '@api/common/domain-error';
import { MeetingAccessPolicy } from '@api/meetings/meeting-access.policy';
import { UserEntity } from '@api/users/user.entity';
import { LearningLogEntryEntity } from './learning-log-entry.entity';

export function mapEntry(e: LearningLogEntryEntity): LearningLogEntryResponse {
  return {
    id: e.id,
    title: e.title,
    body: e.body,
    learned: e.learned,
    different: e.different,
    impact: e.impact,
    meetingId: e.meetingId,
    roundId: e.roundId,
    actionId: e.actionId,
    occurredOn: e.occurredOn,
    hours: e.hours,
    wordCount: countWords(e.body, e.learned, e.different, e.impact),
    createdAt: e.createdAt.toISOString(),
    updatedAt: e.updatedAt.toISOString(),
  };
}

/**
 * The caller's private learning log. Every query is by author, so nobody else (facilitator,
 * sponsor, administrator) can read an entry through any route: another person's id is 404.
 */
@Injectable()
export class LearningLogService {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(LearningLogEntryEntity) private readonly entries: Repository<LearningLogEntryEntity>,
    private readonly policy: MeetingAccessPolicy,
    private readonly clock: Clock,
  ) {}

  async create(user: UserEntity, dto: LearningLogEntryRequest): Promise<LearningLogEntryResponse> {
    await this.checkLinks(user, dto);
    const entry = await this.entries.save(
      this.entries.create({
        userId: user.id,
        title: dto.title,
        body: dto.body,
        learned: dto.learned ?? '',
        different: dto.different ?? '',
        impact: dto.impact ?? '',
        meetingId: dto.meetingId ?? null,
        roundId: dto.roundId ?? null,
        actionId: dto.actionId ?? null,
        occurredOn: this.day(dto.occurredOn, user),
        hours: dto.hours ?? null,
      }),
    );
    return mapEntry(await this.entries.findOneByOrFail({ id: entry.id }));
  }

  /** The caller's own entries, newest first. */
  async list(user: UserEntity): Promise<LearningLogEntryResponse[]> {
    return (await this.entries.find({ where: { userId: user.id }, order: { occurredOn: 'DESC', createdAt: 'DESC' } })).map(mapEntry);
  }

  async get(user: UserEntity, entryId: string): Promise<LearningLogEntryResponse> {
    return mapEntry(await this.own(user, entryId));
  }

  async update(user: UserEntity, entryId: string, dto: Partial<LearningLogEntryRequest>): Promise<LearningLogEntryResponse> {
    const entry = await this.own(user, entryId);
    await this.checkLinks(user, dto);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<LearningLogEntryEntity>;
    if (dto.occurredOn !== undefined) changes.occurredOn = this.day(dto.occurredOn, user);
    await this.entries.update({ id: entry.id, userId: user.id }, changes);
    return mapEntry(await this.own(user, entryId));
  }

  /** Deletes the entry for good. */
  async remove(user: UserEntity, entryId: string): Promise<void> {
    const entry = await this.own(user, entryId);
    await this.entries.delete({ id: entry.id, userId: user.id });
  }

  private async own(user: UserEntity, entryId: string): Promise<LearningLogEntryEntity> {
    const entry = isUUID(entryId) ? await this.entries.findOneBy({ id: entryId, userId: user.id }) : null;
    if (!entry) throw notFound(LearningErrorCode.EntryNotFound, 'Entry not found.');
    return entry;
  }

  private day(given: string | undefined, user: UserEntity): string {
    if (given === undefined) return this.clock.dateTime(user.timeZone).toISODate()!;
    if (!DateTime.fromISO(given).isValid) throw badRequest(LearningErrorCode.InvalidDate, 'occurredOn must be a real date such as 2027-02-02', 'occurredOn');
    return given;
  }

  /** A linked meeting, round or action must belong to one of the author's sets. */
  private async checkLinks(user: UserEntity, dto: Partial<LearningLogEntryRequest>): Promise<void> {
    if (dto.meetingId && !(await this.policy.meeting(user.id, dto.meetingId))) {
      throw badRequest(LearningErrorCode.UnknownLink, 'meetingId is not a meeting of your sets', 'meetingId');
    }
    if (dto.roundId && !(await this.policy.round(user.id, dto.roundId))) {
      throw badRequest(LearningErrorCode.UnknownLink, 'roundId is not a round of your sets', 'roundId');
    }
    if (dto.actionId) {
      const [found] = await this.db.query('SELECT 1 FROM "actions" a JOIN "set_memberships" ms ON ms."setId" = a."setId" AND ms."userId" = $2 WHERE a."id" = $1', [dto.actionId, user.id]);
      if (!found) throw badRequest(LearningErrorCode.UnknownLink, 'actionId is not an action of your sets', 'actionId');
    }
  }
}
