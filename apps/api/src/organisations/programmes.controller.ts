import { Body, Controller, Get, Param, Post, Put, Res, StreamableFile, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentOrganisationMembership, OrganisationRoleGuard, OrganisationRoles } from '@api/common/organisation-role.guard';
import { CurrentUser } from '@api/common/request-user';
import { InvitationCreatedResponseDto } from '@api/invitations/dto/invitation.dto';
import type { UserEntity } from '@api/users/user.entity';
import { FacilitatorPoolService } from './facilitator-pool.service';
import { OrganisationMembershipEntity } from './organisation.entities';
import { ProgrammesService } from './programmes.service';
import { FacilitatorAssignDto, PoolFacilitatorDto, ProgrammeCreateDto, ProgrammeDetailResponseDto, ProgrammeEvaluationResponseDto, ProgrammeResponseDto, ProgrammeSetsDto } from './dto/programme.dto';

/** Programmes (cohorts of the organisation's sets) and the facilitator pool: admins only (members 403, anyone else 404). */
@ApiTags('organisations')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(OrganisationRoleGuard)
@ApiIdParam('orgId', 'The organisation')
@OrganisationRoles('admin')
@Controller('organisations/:orgId')
export class ProgrammesController {
  constructor(
    private readonly programmes: ProgrammesService,
    private readonly pool: FacilitatorPoolService,
  ) {}

  @Post('programmes')
  @ApiCreatedResponse({ type: ProgrammeResponseDto, description: 'A cohort with dates; its sets are added with PUT …/sets' })
  create(@CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Body() dto: ProgrammeCreateDto): Promise<ProgrammeResponseDto> {
    return this.programmes.create(m.organisationId, dto);
  }

  @Get('programmes')
  @ApiOkResponse({ type: [ProgrammeResponseDto], description: 'The latest first' })
  list(@CurrentOrganisationMembership() m: OrganisationMembershipEntity): Promise<ProgrammeResponseDto[]> {
    return this.programmes.list(m.organisationId);
  }

  @Get('programmes/:programmeId')
  @ApiIdParam('programmeId', 'The programme')
  @ApiOkResponse({ type: ProgrammeDetailResponseDto })
  detail(@CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Param('programmeId') programmeId: string): Promise<ProgrammeDetailResponseDto> {
    return this.programmes.detail(m.organisationId, programmeId);
  }

  @Put('programmes/:programmeId/sets')
  @ApiIdParam('programmeId', 'The programme')
  @ApiOkResponse({ type: ProgrammeDetailResponseDto, description: 'Its sets are these (the organisation’s; each in one programme at most, else 409)' })
  setSets(@CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Param('programmeId') programmeId: string, @Body() dto: ProgrammeSetsDto): Promise<ProgrammeDetailResponseDto> {
    return this.programmes.setSets(m.organisationId, programmeId, dto.setIds);
  }

  @Get('programmes/:programmeId/evaluation')
  @ApiIdParam('programmeId', 'The programme')
  @ApiOkResponse({ type: ProgrammeEvaluationResponseDto, description: 'Figures across its sets, never content' })
  evaluate(@CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Param('programmeId') programmeId: string): Promise<ProgrammeEvaluationResponseDto> {
    return this.programmes.evaluate(m.organisationId, programmeId, m.userId);
  }

  @Get('programmes/:programmeId/evaluation.csv')
  @ApiIdParam('programmeId', 'The programme')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The figures for commissioners: one row per set and the programme’s total (UTF-8 with BOM; formula cells neutralised)' })
  async csv(@CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Param('programmeId') programmeId: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const { filename, body } = await this.programmes.csv(m.organisationId, programmeId, m.userId);
    response.setHeader('Content-Type', 'text/csv; charset=utf-8');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return body;
  }

  @Get('programmes/:programmeId/evaluation.pdf')
  @ApiIdParam('programmeId', 'The programme')
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'The same figures as the CSV as a report for commissioners (A4 PDF): key figures, each set, attendance, questions, ratings, actions and the before/after self-assessment. Figures only, never content or names.', schema: { type: 'string', format: 'binary' } })
  async pdf(@CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Param('programmeId') programmeId: string, @Res({ passthrough: true }) response: Response): Promise<StreamableFile> {
    const { filename, body } = await this.programmes.pdf(m.organisationId, programmeId, m.userId);
    response.setHeader('Content-Type', 'application/pdf');
    response.setHeader('Content-Disposition', `attachment; filename="${filename}"`);
    return new StreamableFile(body);
  }

  @Get('facilitators')
  @ApiOkResponse({ type: [PoolFacilitatorDto], description: 'The facilitator pool: each person of the organisation with its sets they facilitate and their load, the busiest first' })
  facilitators(@CurrentOrganisationMembership() m: OrganisationMembershipEntity): Promise<PoolFacilitatorDto[]> {
    return this.pool.list(m.organisationId);
  }

  @Post('sets/:setId/facilitators')
  @ApiIdParam('setId', 'One of the organisation’s sets')
  @ApiCreatedResponse({ type: InvitationCreatedResponseDto, description: 'The person is invited to facilitate the set (an e-mail with the link) and joins on accepting its ground rules' })
  assign(@CurrentUser() user: UserEntity, @CurrentOrganisationMembership() m: OrganisationMembershipEntity, @Param('setId') setId: string, @Body() dto: FacilitatorAssignDto): Promise<InvitationCreatedResponseDto> {
    return this.pool.assign(user, m.organisationId, setId, dto.userId);
  }
}
