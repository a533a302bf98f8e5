import { Controller, Delete, Get, Headers, HttpCode, Param, ParseUUIDPipe, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiNoContentResponse, ApiOkResponse, ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { EMAIL_DOMAIN_PATTERN, LOGO_MAX_BYTES, OrganisationErrorCode } from '@als/shared';
import { ApiErrors } from '@api/common/api-errors';
import { ApiIdParam } from '@api/common/api-params';
import { notFound } from '@api/common/domain-error';
import { CurrentOrganisationMembership, OrganisationRoleGuard, OrganisationRoles } from '@api/common/organisation-role.guard';
import { CurrentUser } from '@api/common/request-user';
import type { UserEntity } from '@api/users/user.entity';
import { OrganisationBrandResponseDto, OrganisationDomainResponseDto, OrganisationDomainsResponseDto } from './dto/organisation-domain.dto';
import { OrganisationDomainsService } from './organisation-domains.service';
import { OrganisationLogosService } from './organisation-logos.service';
import type { OrganisationMembershipEntity } from './organisation.entities';

/** An organisation's e-mail domains (their verification) and its logo. */
@ApiTags('organisations')
@ApiErrors(400, 401, 403, 404, 409, 413)
@ApiBearerAuth()
@UseGuards(OrganisationRoleGuard)
@Controller('organisations/:orgId')
export class OrganisationAssetsController {
  constructor(
    private readonly domains: OrganisationDomainsService,
    private readonly logos: OrganisationLogosService,
  ) {}

  @Get('domains')
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationDomainsResponseDto, description: 'Its e-mail domains, verified or pending, each with the TXT record that verifies it; admins only' })
  listDomains(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<OrganisationDomainsResponseDto> {
    return this.domains.list(membership.organisationId);
  }

  @Post('domains/:domain/verify')
  @HttpCode(200)
  @ApiIdParam('orgId', 'The organisation')
  @ApiParam({ name: 'domain', description: 'One of its e-mail domains', example: 'northshire.gov.uk' })
  @OrganisationRoles('admin')
  @ApiOkResponse({ type: OrganisationDomainResponseDto, description: 'Verified when the domain has the TXT record `als-verification=<token>`: it then takes effect. 409 when the record is not there, or another organisation verified the domain.' })
  verifyDomain(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Param('domain') domain: string): Promise<OrganisationDomainResponseDto> {
    if (!EMAIL_DOMAIN_PATTERN.test(domain.toLowerCase())) throw notFound(OrganisationErrorCode.DomainNotFound, `${domain.slice(0, 253)} is not one of this organisation's e-mail domains: add it first.`);
    return this.domains.verify(membership.organisationId, domain.toLowerCase());
  }

  @Put('logo')
  @HttpCode(204)
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiConsumes('image/png', 'image/jpeg')
  @ApiBody({ description: `The image itself as the body, PNG or JPEG (read from its bytes; SVG refused), at most ${LOGO_MAX_BYTES / 1024} KB (413 above)`, schema: { type: 'string', format: 'binary' } })
  @ApiNoContentResponse({ description: 'The logo is replaced' })
  putLogo(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity, @Req() request: Request, @Headers('content-type') contentType: string | undefined): Promise<void> {
    return this.logos.put(membership.organisationId, request.body, contentType);
  }

  @Delete('logo')
  @HttpCode(204)
  @ApiIdParam('orgId', 'The organisation')
  @OrganisationRoles('admin')
  @ApiNoContentResponse({ description: 'The organisation has no logo any more' })
  deleteLogo(@CurrentOrganisationMembership() membership: OrganisationMembershipEntity): Promise<void> {
    return this.logos.remove(membership.organisationId);
  }

  @Get('brand')
  @ApiIdParam('orgId', 'The organisation')
  @ApiOkResponse({ type: OrganisationBrandResponseDto, description: 'Its name and logo address, for its people and the people of its sets (anyone else 404)' })
  brand(
    @Param('orgId', new ParseUUIDPipe({ exceptionFactory: () => notFound(OrganisationErrorCode.NotFound, 'Organisation not found.') })) organisationId: string,
    @CurrentUser() user: UserEntity,
  ): Promise<OrganisationBrandResponseDto> {
    return this.logos.brandFor(organisationId, user.id);
  }

  @Get('logo')
  @ApiIdParam('orgId', 'The organisation')
  @ApiProduces('image/png', 'image/jpeg')
  @ApiOkResponse({ description: 'The logo, for its people and the people of its sets (anyone else 404); cached privately, revalidated by its ETag (304)', schema: { type: 'string', format: 'binary' } })
  async logo(
    @Param('orgId', new ParseUUIDPipe({ exceptionFactory: () => notFound(OrganisationErrorCode.NoLogo, 'This organisation has no logo.') })) organisationId: string,
    @CurrentUser() user: UserEntity,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res() response: Response,
  ): Promise<void> {
    const logo = await this.logos.forViewer(organisationId, user.id);
    response.setHeader('ETag', logo.etag);
    response.setHeader('Last-Modified', logo.updatedAt.toUTCString());
    // Private: only people signed in see it; revalidated after five minutes.
    response.setHeader('Cache-Control', 'private, max-age=300');
    response.setHeader('Content-Security-Policy', "default-src 'none'");
    response.setHeader('Content-Disposition', 'inline; filename="logo"');
    if (ifNoneMatch && ifNoneMatch.split(',').map((e) => e.trim()).includes(logo.etag)) {
      response.status(304).end();
      return;
    }
    response.setHeader('Content-Type', logo.contentType);
    response.send(logo.bytes);
  }
}
