import { Body, Controller, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentMembership, CurrentUser, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { UserEntity } from '@api/users/user.entity';
import { ContributionCreateDto, ContributionCreatedDto, DeadlineDto, ModeratorDto, RoundCreateDto, RoundDeliveryDto, RoundDetailResponseDto, RoundResponseDto } from './dto/round.dto';
import { RoundModerationService } from './round-moderation.service';
import { RoundsService } from './rounds.service';

@ApiTags('rounds')
@ApiErrors(400, 401, 403, 404, 409)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@ApiIdParam('setId', 'The set')
@Controller('sets/:setId/rounds')
export class SetRoundsController {
  constructor(private readonly rounds: RoundsService) {}

  @Post()
  @SetRoles('facilitator', 'member')
  @ApiCreatedResponse({ type: RoundDetailResponseDto, description: 'Opens an asynchronous round in `clarifying` (the case is posted with it) and e-mails the members what is needed from them' })
  create(@CurrentMembership() membership: MembershipEntity, @Body() dto: RoundCreateDto): Promise<RoundDetailResponseDto> {
    return this.rounds.create(membership.setId, membership.userId, membership.role, dto);
  }

  @Get()
  @SetRoles('facilitator', 'member')
  @ApiOkResponse({ type: [RoundResponseDto], description: "The set's rounds, newest first (sponsors: 403)" })
  list(@CurrentMembership() membership: MembershipEntity): Promise<RoundResponseDto[]> {
    return this.rounds.list(membership.setId);
  }
}

@ApiTags('rounds')
@ApiErrors(400, 401, 403, 404, 409)
@ApiBearerAuth()
@ApiIdParam('roundId', 'The round')
@Controller('rounds/:roundId')
export class RoundsController {
  constructor(
    private readonly rounds: RoundsService,
    private readonly moderation: RoundModerationService,
  ) {}

  @Get()
  @ApiOkResponse({ type: RoundDetailResponseDto, description: 'The round with its case and contributions (sponsors: 403; outside the set: 404)' })
  detail(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string): Promise<RoundDetailResponseDto> {
    return this.rounds.detail(roundId, user.id);
  }

  @Get('deliveries')
  @ApiOkResponse({ type: [RoundDeliveryDto], description: "The round's e-mails and their status in the outbox, newest first (moderator and facilitators)" })
  deliveries(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string): Promise<RoundDeliveryDto[]> {
    return this.moderation.deliveries(roundId, user.id);
  }

  @Post('contributions')
  @ApiCreatedResponse({ type: ContributionCreatedDto, description: "Adds to the round's current phase; the same clientId twice creates one contribution. 409 when it is not the caller's phase, or the round is paused or closed." })
  async contribute(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string, @Body() dto: ContributionCreateDto): Promise<ContributionCreatedDto> {
    const result = await this.rounds.contributeOnWeb(roundId, user.id, dto);
    return { ...result.contribution, hint: result.hint };
  }

  @Post('advance')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundDetailResponseDto, description: 'The moderator ends the current phase now and opens the next (its e-mails go out)' })
  advance(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string): Promise<RoundDetailResponseDto> {
    return this.moderation.moderate(roundId, user.id, { kind: 'advance' });
  }

  @Post('pause')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundDetailResponseDto, description: 'Stops the clock: no deadline passes and no one can write until it resumes' })
  pause(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string): Promise<RoundDetailResponseDto> {
    return this.moderation.moderate(roundId, user.id, { kind: 'pause' });
  }

  @Post('resume')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundDetailResponseDto, description: 'Starts the clock again; deadlines move on by the time it was paused' })
  resume(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string): Promise<RoundDetailResponseDto> {
    return this.moderation.moderate(roundId, user.id, { kind: 'resume' });
  }

  @Post('close')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundDetailResponseDto, description: 'Closes the round now' })
  close(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string): Promise<RoundDetailResponseDto> {
    return this.moderation.moderate(roundId, user.id, { kind: 'close' });
  }

  @Patch('deadline')
  @ApiOkResponse({ type: RoundDetailResponseDto, description: "Extends the current phase's deadline; later deadlines move by as much" })
  extend(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string, @Body() dto: DeadlineDto): Promise<RoundDetailResponseDto> {
    return this.moderation.moderate(roundId, user.id, { kind: 'extend', endsAt: new Date(dto.endsAt) });
  }

  @Post('moderator')
  @HttpCode(200)
  @ApiOkResponse({ type: RoundDetailResponseDto, description: 'Hands the moderator role to another member of the set' })
  handOver(@CurrentUser() user: UserEntity, @Param('roundId') roundId: string, @Body() dto: ModeratorDto): Promise<RoundDetailResponseDto> {
    return this.moderation.moderate(roundId, user.id, { kind: 'moderator', userId: dto.userId });
  }
}
