import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMembership, CurrentUser, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import type { UserEntity } from '@api/users/user.entity';
import { MembershipEntity } from './membership.entity';
import { SetsService } from './sets.service';
import {
  FacilitatorHandoverDto,
  MemberRoleUpdateDto,
  MembershipResponseDto,
  SetCloseDto,
  SetCreateDto,
  SetDetailResponseDto,
  SetResponseDto,
  SetSummaryResponseDto,
  SetUpdateDto,
} from './dto/set.dto';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';

@ApiTags('sets')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller('sets')
export class SetsController {
  constructor(private readonly sets: SetsService) {}

  @Post()
  @ApiCreatedResponse({ type: SetResponseDto, description: 'The caller becomes its facilitator' })
  create(@CurrentUser() user: UserEntity, @Body() dto: SetCreateDto): Promise<SetResponseDto> {
    return this.sets.create(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: [SetSummaryResponseDto] })
  list(@CurrentUser() user: UserEntity): Promise<SetSummaryResponseDto[]> {
    return this.sets.listForUser(user);
  }

  @Get(':setId')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator', 'member', 'sponsor')
  @ApiOkResponse({ type: SetDetailResponseDto })
  detail(@CurrentMembership() membership: MembershipEntity): Promise<SetDetailResponseDto> {
    return this.sets.detail(membership);
  }

  @Patch(':setId')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @ApiOkResponse({ type: SetResponseDto })
  update(@CurrentMembership() membership: MembershipEntity, @Body() dto: SetUpdateDto): Promise<SetResponseDto> {
    return this.sets.update(membership, dto);
  }

  @Post(':setId/close')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @HttpCode(200)
  @ApiOkResponse({ type: SetResponseDto, description: 'Closes (archives) the set: readable, no new meetings or invitations; its case texts, questions and session records are deleted for good `retentionDays` later. 409 while meetings are still to come, unless `cancelUpcoming: true` cancels them (everyone is told) and closes; a meeting under way is still a 409.' })
  close(@CurrentMembership() membership: MembershipEntity, @Body() dto: SetCloseDto): Promise<SetResponseDto> {
    return this.sets.close(membership, dto);
  }

  @Post(':setId/reopen')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @HttpCode(200)
  @ApiOkResponse({ type: SetResponseDto, description: 'Opens a closed set again; 409 once its case content has been deleted' })
  reopen(@CurrentMembership() membership: MembershipEntity): Promise<SetResponseDto> {
    return this.sets.reopen(membership);
  }

  @Delete(':setId/members/:userId')
  @ApiIdParam('setId', 'The set')
  @ApiIdParam('userId', 'The person')
  @SetRoles('facilitator', 'member', 'sponsor')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'A facilitator removes someone, or a person leaves the set (their own userId)' })
  removeMember(@CurrentMembership() membership: MembershipEntity, @Param('userId') userId: string): Promise<void> {
    return this.sets.removeMember(membership, userId);
  }

  @Patch(':setId/members/:userId')
  @ApiIdParam('setId', 'The set')
  @ApiIdParam('userId', 'The person')
  @SetRoles('facilitator')
  @ApiOkResponse({ type: MembershipResponseDto })
  changeRole(
    @CurrentMembership() membership: MembershipEntity,
    @Param('userId') userId: string,
    @Body() dto: MemberRoleUpdateDto,
  ): Promise<MembershipResponseDto> {
    return this.sets.changeRole(membership, userId, dto.role);
  }

  @Post(':setId/facilitator-handover')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @HttpCode(200)
  @ApiOkResponse({ type: [MembershipResponseDto], description: 'The new facilitator and the caller, now a member' })
  handOver(@CurrentMembership() membership: MembershipEntity, @Body() dto: FacilitatorHandoverDto): Promise<MembershipResponseDto[]> {
    return this.sets.handOverFacilitation(membership, dto.userId);
  }
}
