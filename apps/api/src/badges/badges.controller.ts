import { Body, Controller, Delete, Get, Param, ParseUUIDPipe, Post, Put, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '@api/common/api-errors';
import { CurrentMembership, CurrentUser, Public, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import type { MembershipEntity } from '@api/sets/membership.entity';
import type { UserEntity } from '@api/users/user.entity';
import { BadgeApplicationsService } from './badge-applications.service';
import { BadgesService } from './badges.service';
import { ConfidentialityCountsService } from './confidentiality-counts.service';
import { BadgeErrorCode } from '@als/shared';
import {
  BadgeApplicationCreatedDto,
  BadgeApplicationDto,
  BadgeApplicationResponseDto,
  BadgeImageDto,
  BadgeProgressResponseDto,
  BadgeResponseDto,
  BadgeUpdateDto,
  ConfidentialityCountsResponseDto,
} from './dto/badge.dto';
import { notFound } from '@api/common/domain-error';

const SET_ID = { name: 'setId', description: 'The set', format: 'uuid' } as const;

/** The set's badge: its definition (facilitators), applications (members apply, facilitators review), progress. */
@ApiTags('badges')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller('sets/:setId/badge')
export class BadgesController {
  constructor(
    private readonly badges: BadgesService,
    private readonly applications: BadgeApplicationsService,
    private readonly confidentiality: ConfidentialityCountsService,
  ) {}

  @Get()
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: BadgeResponseDto, description: 'What the badge certifies (public, like the credentials); 404 when the set has none' })
  get(@CurrentMembership() membership: MembershipEntity): Promise<BadgeResponseDto> {
    return this.badges.get(membership);
  }

  @Put()
  @SetRoles('facilitator')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: BadgeResponseDto, description: 'Creates or replaces the set’s badge' })
  put(@CurrentMembership() membership: MembershipEntity, @Body() dto: BadgeUpdateDto): Promise<BadgeResponseDto> {
    return this.badges.put(membership, dto);
  }

  @Put('image')
  @SetRoles('facilitator')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: BadgeResponseDto, description: 'The badge image: a PNG or an SVG without scripts (refused, not cleaned), at most 60 KB' })
  putImage(@CurrentMembership() membership: MembershipEntity, @Body() dto: BadgeImageDto): Promise<BadgeResponseDto> {
    return this.badges.putImage(membership, dto);
  }

  @Delete('image')
  @SetRoles('facilitator')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: BadgeResponseDto, description: 'Back to the generated image' })
  deleteImage(@CurrentMembership() membership: MembershipEntity): Promise<BadgeResponseDto> {
    return this.badges.deleteImage(membership);
  }

  @Get('progress')
  @SetRoles('facilitator', 'member')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: BadgeProgressResponseDto, description: 'The caller’s meetings attended, whether they presented, what is missing, and their latest application' })
  progress(@CurrentMembership() membership: MembershipEntity, @CurrentUser() user: UserEntity): Promise<BadgeProgressResponseDto> {
    return this.applications.progress(membership, user);
  }

  @Post('applications')
  @SetRoles('facilitator', 'member')
  @ApiParam(SET_ID)
  @ApiCreatedResponse({ type: BadgeApplicationCreatedDto, description: '400 names each unmet criterion (meetings attended, presented, words in the statement) and, for public evidence, each unconfirmed confidentiality finding; 409 while one waits' })
  apply(@CurrentMembership() membership: MembershipEntity, @CurrentUser() user: UserEntity, @Body() dto: BadgeApplicationDto): Promise<BadgeApplicationCreatedDto> {
    return this.applications.apply(membership, user, dto);
  }

  @Get('applications')
  @SetRoles('facilitator')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: [BadgeApplicationResponseDto], description: 'Every application of the set, waiting ones first (facilitators only)' })
  list(@CurrentMembership() membership: MembershipEntity): Promise<BadgeApplicationResponseDto[]> {
    return this.applications.list(membership);
  }

  @Get('confidentiality')
  @SetRoles('facilitator')
  @ApiParam(SET_ID)
  @ApiOkResponse({ type: ConfidentialityCountsResponseDto, description: 'How many of the set’s texts may identify someone, by kind and source: counts only, never the texts' })
  confidentialityCounts(@CurrentMembership() membership: MembershipEntity): Promise<ConfidentialityCountsResponseDto> {
    return this.confidentiality.forSet(membership.setId);
  }
}

/** The badge image, public: credentials shown anywhere link to it. */
@ApiTags('badges')
@ApiErrors(400, 404)
@Controller('badges')
export class BadgeImagesController {
  constructor(private readonly badges: BadgesService) {}

  @Get(':badgeId/image')
  @Public()
  @ApiParam({ name: 'badgeId', description: 'The badge', format: 'uuid' })
  @ApiProduces('image/png', 'image/svg+xml')
  @ApiOkResponse({ description: 'The badge image (uploaded, or generated)', schema: { type: 'string', format: 'binary' } })
  async image(@Param('badgeId', new ParseUUIDPipe({ exceptionFactory: () => notFound(BadgeErrorCode.NotFound, 'No such badge.') })) badgeId: string, @Res() response: Response): Promise<void> {
    const image = await this.badges.image(badgeId);
    if (!image) throw notFound(BadgeErrorCode.NotFound, 'No such badge.');
    response.setHeader('Content-Type', image.type);
    // An SVG opened on its own runs nothing and loads nothing.
    response.setHeader('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'; img-src data:");
    response.setHeader('Cache-Control', 'public, max-age=300');
    response.send(image.bytes);
  }
}
