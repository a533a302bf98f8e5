import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentOrganisationMembership, OrganisationRoleGuard, OrganisationRoles, OrganisationRolesOnly } from '@api/common/organisation-role.guard';
import { CurrentUser } from '@api/common/request-user';
import type { UserEntity } from '@api/users/user.entity';
import { OrganisationMembershipEntity } from './organisation.entities';
import { OrganisationPeopleService } from './organisation-people.service';
import { OrganisationsService } from './organisations.service';
import {
  MyOrganisationResponseDto,
  OrganisationCreateDto,
  OrganisationDetailResponseDto,
  OrganisationEvaluationResponseDto,
  OrganisationInvitationCreatedResponseDto,
  OrganisationPeopleResponseDto,
  OrganisationPersonAddDto,
  OrganisationResponseDto,
  OrganisationUpdateDto,
} from './dto/organisation.dto';

@ApiTags('organisations')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(OrganisationRoleGuard)
@Controller('organisations')
export class OrganisationsController {
  constructor(
    private readonly organisations: OrganisationsService,
    private readonly people: OrganisationPeopleService,
  ) {}

  @Post()
  @ApiCreatedResponse({ type: OrganisationResponseDto, description: 'The caller is its first admin; 409 when one of the e-mail domains already belongs to another organisation' })
  create(@CurrentUser() user: UserEntity, @Body() dto: OrganisationCreateDto): Promise<OrganisationResponseDto> {
    return this.organisations.create(user, dto);
  }

  @Get()
  @ApiOkResponse({ type: [MyOrganisationResponseDto], description: 'The caller’s organisations, with their role in each' })
  list(@CurrentUser() user: UserEntity): Promise<MyOrganisationResponseDto[]> {
    return this.organisations.listForUser(user);
  }

  @Get(':orgId')
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRolesOnly('admin')
  @ApiOkResponse({ type: OrganisationDetailResponseDto, description: 'Admins only (anyone else: 404): its sets with their facilitators, members count and next meeting, never content' })
  detail(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<OrganisationDetailResponseDto> {
    return this.organisations.detail(membership.organisationId);
  }

  @Patch(':orgId')
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationResponseDto, description: 'Its name, its e-mail domains (replaced; 409 when one belongs to another organisation), whether single sign-on is required for them (409 when it is not set up)' })
  update(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Body() dto: OrganisationUpdateDto): Promise<OrganisationResponseDto> {
    return this.organisations.update(membership.organisationId, dto);
  }

  @Get(':orgId/evaluation')
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationEvaluationResponseDto, description: 'Figures across its sets (attendance, airtime equity, question mix, ratings, actions), never content; admins only' })
  evaluate(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<OrganisationEvaluationResponseDto> {
    return this.organisations.evaluate(membership.organisationId, membership.userId);
  }

  @Get(':orgId/people')
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationPeopleResponseDto, description: 'Its people (with who is disabled) and who has not yet accepted an invitation' })
  listPeople(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<OrganisationPeopleResponseDto> {
    return this.people.list(membership.organisationId);
  }

  @Post(':orgId/people')
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiCreatedResponse({ type: OrganisationInvitationCreatedResponseDto, description: 'An invitation e-mail is sent; the person joins on accepting it (POST /api/organisation-invitations/{token}/accept)' })
  invite(@CurrentUser() user: UserEntity, @CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Body() dto: OrganisationPersonAddDto): Promise<OrganisationInvitationCreatedResponseDto> {
    return this.people.invite(user, membership.organisationId, dto);
  }

  @Post(':orgId/people/:userId/disable')
  @ApiIdParam('orgId', 'The organisation')
  @ApiIdParam('userId', 'The person')
  @OrganisationRoles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Every session of the person ends at once (REST 401, live connections closed within a second, on every process); they cannot sign in until enabled' })
  disable(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Param('userId') userId: string): Promise<void> {
    return this.people.disable(membership, userId);
  }

  @Post(':orgId/people/:userId/enable')
  @ApiIdParam('orgId', 'The organisation')
  @ApiIdParam('userId', 'The person')
  @OrganisationRoles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'The person can sign in again' })
  enable(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Param('userId') userId: string): Promise<void> {
    return this.people.enable(membership, userId);
  }

  @Delete(':orgId/people/:userId')
  @ApiIdParam('orgId', 'The organisation')
  @ApiIdParam('userId', 'The person')
  @OrganisationRoles('admin', 'member')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'An admin removes someone, or a person leaves (their own userId). Only the place in the organisation goes: their learning log, CPD records and credentials stay theirs. 409 for the last admin.' })
  remove(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Param('userId') userId: string): Promise<void> {
    return this.people.remove(membership, userId);
  }
}
