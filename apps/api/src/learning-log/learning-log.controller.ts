import { BadRequestException, Body, Controller, Delete, Get, HttpCode, NotFoundException, Param, Patch, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { DateTime } from 'luxon';
import { DataSource, Repository } from 'typeorm';
import { countWords } from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { Clock } from '@api/common/clock';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentUser } from '@api/common/request-user';
import { UserEntity } from '@api/users/user.entity';
import { LearningLogEntryEntity } from './learning-log-entry.entity';
import { LearningLogEntryDto, LearningLogEntryResponseDto, LearningLogEntryUpdateDto } from './learning-log.dto';

function mapEntry(e: LearningLogEntryEntity): LearningLogEntryResponseDto {
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
@ApiTags('me')
@ApiErrors(400, 401, 404)
@ApiBearerAuth()
@Controller('me/learning-log')
export class LearningLogController {
  constructor(
    private readonly db: DataSource,
    @InjectRepository(LearningLogEntryEntity) private readonly entries: Repository<LearningLogEntryEntity>,
    private readonly clock: Clock,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: LearningLogEntryResponseDto, description: 'A private entry; only its author can ever read it' })
  async create(@CurrentUser() user: UserEntity, @Body() dto: LearningLogEntryDto): Promise<LearningLogEntryResponseDto> {
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

  @Get()
  @ApiOkResponse({ type: [LearningLogEntryResponseDto], description: "The caller's own entries, newest first" })
  async list(@CurrentUser() user: UserEntity): Promise<LearningLogEntryResponseDto[]> {
    return (await this.entries.find({ where: { userId: user.id }, order: { occurredOn: 'DESC', createdAt: 'DESC' } })).map(mapEntry);
  }

  @Get(':entryId')
  @ApiIdParam('entryId', 'Your entry')
  @ApiOkResponse({ type: LearningLogEntryResponseDto })
  async get(@CurrentUser() user: UserEntity, @Param('entryId') entryId: string): Promise<LearningLogEntryResponseDto> {
    return mapEntry(await this.own(user, entryId));
  }

  @Patch(':entryId')
  @ApiIdParam('entryId', 'Your entry')
  @ApiOkResponse({ type: LearningLogEntryResponseDto })
  async update(@CurrentUser() user: UserEntity, @Param('entryId') entryId: string, @Body() dto: LearningLogEntryUpdateDto): Promise<LearningLogEntryResponseDto> {
    const entry = await this.own(user, entryId);
    await this.checkLinks(user, dto);
    const changes = Object.fromEntries(Object.entries(dto).filter(([, v]) => v !== undefined)) as Partial<LearningLogEntryEntity>;
    if (dto.occurredOn !== undefined) changes.occurredOn = this.day(dto.occurredOn, user);
    await this.entries.update({ id: entry.id, userId: user.id }, changes);
    return mapEntry(await this.own(user, entryId));
  }

  @Delete(':entryId')
  @ApiIdParam('entryId', 'Your entry')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Deletes the entry for good' })
  async remove(@CurrentUser() user: UserEntity, @Param('entryId') entryId: string): Promise<void> {
    const entry = await this.own(user, entryId);
    await this.entries.delete({ id: entry.id, userId: user.id });
  }

  private async own(user: UserEntity, entryId: string): Promise<LearningLogEntryEntity> {
    const entry = isUUID(entryId) ? await this.entries.findOneBy({ id: entryId, userId: user.id }) : null;
    if (!entry) throw new NotFoundException('Entry not found.');
    return entry;
  }

  private day(given: string | undefined, user: UserEntity): string {
    if (given === undefined) return this.clock.dateTime(user.timeZone).toISODate()!;
    if (!DateTime.fromISO(given).isValid) throw new BadRequestException('occurredOn must be a real date such as 2027-02-02');
    return given;
  }

  /** A linked meeting, round or action must belong to one of the author's sets. */
  private async checkLinks(user: UserEntity, dto: Partial<LearningLogEntryDto>): Promise<void> {
    if (dto.meetingId) {
      const [found] = await this.db.query('SELECT 1 FROM "meetings" m JOIN "set_memberships" ms ON ms."setId" = m."setId" AND ms."userId" = $2 WHERE m."id" = $1', [dto.meetingId, user.id]);
      if (!found) throw new BadRequestException('meetingId is not a meeting of your sets');
    }
    if (dto.roundId) {
      const [found] = await this.db.query('SELECT 1 FROM "rounds" r JOIN "set_memberships" ms ON ms."setId" = r."setId" AND ms."userId" = $2 WHERE r."id" = $1', [dto.roundId, user.id]);
      if (!found) throw new BadRequestException('roundId is not a round of your sets');
    }
    if (dto.actionId) {
      const [found] = await this.db.query('SELECT 1 FROM "actions" a JOIN "set_memberships" ms ON ms."setId" = a."setId" AND ms."userId" = $2 WHERE a."id" = $1', [dto.actionId, user.id]);
      if (!found) throw new BadRequestException('actionId is not an action of your sets');
    }
  }
}
