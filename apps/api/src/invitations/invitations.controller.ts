import { Body, Controller, Delete, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { CurrentMembership, CurrentUser, Public, SetRoles } from '@api/common/request-user';
import { SetRoleGuard } from '@api/common/set-role.guard';
import { MembershipEntity } from '@api/sets/membership.entity';
import { MembershipResponseDto } from '@api/sets/dto/set.dto';
import type { UserEntity } from '@api/users/user.entity';
import { InvitationsService } from './invitations.service';
import {
  InvitationAcceptDto,
  InvitationCreateDto,
  InvitationCreatedResponseDto,
  InvitationPreviewResponseDto,
  InvitationResponseDto,
} from './dto/invitation.dto';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam, ApiTokenParam } from '@api/common/api-params';

@ApiTags('invitations')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(SetRoleGuard)
@Controller()
export class InvitationsController {
  constructor(private readonly invitations: InvitationsService) {}

  @Post('sets/:setId/invitations')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @ApiCreatedResponse({ type: InvitationCreatedResponseDto, description: 'An e-mail with the link is sent' })
  create(@CurrentUser() user: UserEntity, @CurrentMembership() membership: MembershipEntity, @Body() dto: InvitationCreateDto): Promise<InvitationCreatedResponseDto> {
    return this.invitations.create(user, membership.setId, dto);
  }

  @Get('sets/:setId/invitations')
  @ApiIdParam('setId', 'The set')
  @SetRoles('facilitator')
  @ApiOkResponse({ type: [InvitationResponseDto] })
  list(@CurrentMembership() membership: MembershipEntity): Promise<InvitationResponseDto[]> {
    return this.invitations.list(membership.setId);
  }

  @Post('sets/:setId/invitations/:invitationId/resend')
  @ApiIdParam('setId', 'The set')
  @ApiIdParam('invitationId', 'The invitation')
  @SetRoles('facilitator')
  @HttpCode(200)
  @ApiOkResponse({ type: InvitationCreatedResponseDto, description: 'A new link is e-mailed; the old one stops working' })
  resend(@CurrentUser() user: UserEntity, @CurrentMembership() membership: MembershipEntity, @Param('invitationId') invitationId: string): Promise<InvitationCreatedResponseDto> {
    return this.invitations.resend(user, membership.setId, invitationId);
  }

  @Delete('sets/:setId/invitations/:invitationId')
  @ApiIdParam('setId', 'The set')
  @ApiIdParam('invitationId', 'The invitation')
  @SetRoles('facilitator')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The invitation is revoked; its link stops working' })
  revoke(@CurrentMembership() membership: MembershipEntity, @Param('invitationId') invitationId: string): Promise<void> {
    return this.invitations.revoke(membership.setId, invitationId);
  }

  @Public()
  @Get('invitations/:token')
  @ApiTokenParam('token', 'The secret of the invitation link')
  @ApiOkResponse({ type: InvitationPreviewResponseDto, description: 'What the link holder may see before accepting: the set name and ground rules' })
  preview(@Param('token') token: string): Promise<InvitationPreviewResponseDto> {
    return this.invitations.preview(token);
  }

  @Post('invitations/:token/accept')
  @ApiTokenParam('token', 'The secret of the invitation link')
  @HttpCode(200)
  @ApiOkResponse({ type: MembershipResponseDto })
  accept(@CurrentUser() user: UserEntity, @Param('token') token: string, @Body() _dto: InvitationAcceptDto): Promise<MembershipResponseDto> {
    return this.invitations.accept(user, token);
  }
}
