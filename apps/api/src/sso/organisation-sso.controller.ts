import { Body, Controller, Delete, Get, HttpCode, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiNoContentResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { CurrentOrganisationMembership, OrganisationRoleGuard, OrganisationRoles } from '@api/common/organisation-role.guard';
import type { OrganisationMembershipEntity } from '@api/organisations/organisation.entities';
import { OrganisationSsoResponseDto, OrganisationSsoUpdateDto } from './dto/organisation-sso.dto';
import { OrganisationSsoService } from './organisation-sso.service';

/** An organisation's own OpenID Connect provider: its admins only (members 403, anyone else 404). */
@ApiTags('organisations')
@ApiErrors(400, 401, 403, 404, 409)
@ApiBearerAuth()
@UseGuards(OrganisationRoleGuard)
@Controller('organisations/:orgId/sso')
export class OrganisationSsoController {
  constructor(private readonly sso: OrganisationSsoService) {}

  @Get()
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationSsoResponseDto, description: 'Its provider (never the client secret: only whether one is stored), and the redirect URI to register there' })
  get(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<OrganisationSsoResponseDto> {
    return this.sso.get(membership.organisationId);
  }

  @Put()
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationSsoResponseDto, description: 'Sets its provider; the client secret is stored encrypted and never answered. 409 when the platform has no SSO_SECRET_KEY.' })
  put(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Body() dto: OrganisationSsoUpdateDto): Promise<OrganisationSsoResponseDto> {
    return this.sso.put(membership.organisationId, dto);
  }

  @Delete()
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @HttpCode(204)
  @ApiNoContentResponse({ description: 'Its provider is removed (409 while it requires single sign-on and the platform has none)' })
  remove(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<void> {
    return this.sso.remove(membership.organisationId);
  }
}
